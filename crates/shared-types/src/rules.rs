//! Rules of request fields, in one place for the three that need them: the API
//! enforces them (each service calls `validator::Validate::validate` on its request
//! right after authorising the caller), the SPA can check a request before sending it,
//! and each field's
//! schema attributes state the same bounds in the OpenAPI document. A field's
//! `#[validate(...)]` and `#[schema(...)]` sit together, so they change together.
//!
//! Lengths count characters (Unicode scalar values), as `validator` does.

use validator::ValidationError;

/// Most characters of a name (people, organisations, departments, units, catalog
/// entries, API keys) and of a ticket's title.
pub const NAME_MAX: u64 = 200;
/// Most characters of an e-mail address (RFC 5321 §4.5.3.1.3: 254 for a path).
pub const EMAIL_MAX: u64 = 254;

/// Text with at least one character that is not white space ("must not be blank").
pub fn non_blank(text: &str) -> Result<(), ValidationError> {
    if text.trim().is_empty() {
        return Err(ValidationError::new("blank").with_message("must not be blank".into()));
    }
    Ok(())
}

/// A new password's length: [`crate::check_password_length`] (8 to 128 characters, OWASP
/// ASVS 5.0 V6.2), with its messages. The common-password check needs the list and is
/// the server's alone.
pub fn password(password: &str) -> Result<(), ValidationError> {
    crate::check_password_length(password)
        .map_err(|message| ValidationError::new("password").with_message(message.into()))
}

/// The shape of an e-mail address: one `@`, a non-empty local part, a domain with a
/// dot that neither starts nor ends with one, no white space. Whether it is delivered
/// is proved by the e-mail sent to it, not here.
pub fn email_shape(email: &str) -> Result<(), ValidationError> {
    let e = email.trim();
    let ok = !e.chars().any(char::is_whitespace)
        && e.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    if !ok {
        return Err(
            ValidationError::new("email").with_message("Enter an e-mail address such as name@example.org".into())
        );
    }
    Ok(())
}

/// One failing field of a `validator` result: the field's path in camelCase, as the
/// JSON names it (`organisationName`, `approvalRules[0].role`), and the message.
pub fn field_errors(errors: &validator::ValidationErrors) -> Vec<crate::FieldError> {
    let mut out = Vec::new();
    collect(errors, "", &mut out);
    out.sort_by(|a, b| a.field.cmp(&b.field));
    out
}

fn collect(errors: &validator::ValidationErrors, prefix: &str, out: &mut Vec<crate::FieldError>) {
    use validator::ValidationErrorsKind as Kind;
    for (field, kind) in errors.errors() {
        let path = if prefix.is_empty() { camel(field) } else { format!("{prefix}.{}", camel(field)) };
        match kind {
            Kind::Field(list) => {
                for e in list {
                    let message = e.message.as_deref().map_or_else(|| describe(e), str::to_owned);
                    out.push(crate::FieldError { field: path.clone(), message });
                }
            }
            Kind::Struct(inner) => collect(inner, &path, out),
            Kind::List(items) => {
                for (i, inner) in items {
                    collect(inner, &format!("{path}[{i}]"), out);
                }
            }
        }
    }
}

/// A sentence for a rule that carries no message of its own.
fn describe(e: &ValidationError) -> String {
    let param = |name: &str| e.params.get(name).map(ToString::to_string);
    match (e.code.as_ref(), param("min"), param("max")) {
        ("length", Some(min), Some(max)) => format!("must be {min} to {max} characters"),
        ("length", None, Some(max)) => format!("must be at most {max} characters"),
        ("length", Some(min), None) if min == "1" => "must not be empty".to_owned(),
        ("length", Some(min), None) => format!("must be at least {min} long"),
        (code, _, _) => format!("is not valid ({code})"),
    }
}

/// `organisation_name` → `organisationName`.
fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use validator::Validate;

    use super::*;
    use crate::{CreateApiKeyRequest, RegisterRequest};

    #[test]
    fn blank_and_e_mail_rules() {
        assert!(non_blank(" a ").is_ok());
        assert!(non_blank(" \t\n").is_err());
        assert!(email_shape("ana@example.org").is_ok());
        for bad in ["ana", "ana@", "@example.org", "ana@example", "a b@example.org", "ana@.org", "a@b@c.org"] {
            assert!(email_shape(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_request_reports_every_broken_rule_by_its_json_name() {
        let req = RegisterRequest {
            organisation_name: " ".into(),
            name: "Ana".into(),
            email: "ana".into(),
            password: "short".into(),
        };
        let fields: Vec<(String, String)> =
            field_errors(&req.validate().expect_err("invalid")).into_iter().map(|f| (f.field, f.message)).collect();
        assert_eq!(
            fields,
            [
                ("email".into(), "Enter an e-mail address such as name@example.org".into()),
                ("organisationName".into(), "must not be blank".into()),
                ("password".into(), "Use at least 8 characters".into()),
            ]
        );
        let key = CreateApiKeyRequest { name: "ci".into(), scopes: vec![], expires_at: None };
        let fields = field_errors(&key.validate().expect_err("no scopes"));
        assert_eq!((fields[0].field.as_str(), fields[0].message.as_str()), ("scopes", "Choose at least one scope"));
    }
}
