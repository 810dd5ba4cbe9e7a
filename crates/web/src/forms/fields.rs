//! Plain labelled inputs for the account and admin forms, with their messages keyed by
//! the API's field names so client checks and server `details` land in one place.

use leptos::prelude::*;

use super::{clear_on_change, FieldErrors, FieldMessage};

/// A labelled `<input>` bound to `value`; the message of `path` shows beneath it.
#[component]
pub fn TextField(
    /// DOM id; the message gets `{id}-error`.
    #[prop(into)]
    id: String,
    /// The visible label (the accessible name).
    #[prop(into)]
    label: String,
    /// What is typed.
    value: RwSignal<String>,
    /// Messages per field path.
    errors: RwSignal<FieldErrors>,
    /// The API's field name, e.g. `email`.
    #[prop(into)]
    path: String,
    /// `text`, `email`, `password`, `date`, …
    #[prop(default = "text")]
    input_type: &'static str,
    /// The `autocomplete` hint.
    #[prop(optional)]
    autocomplete: Option<&'static str>,
    /// Marks the field required.
    #[prop(optional)]
    required: bool,
    /// A line of help under the label.
    #[prop(optional, into)]
    help: Option<String>,
    /// Id of a `<datalist>` with suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
) -> impl IntoView {
    clear_on_change(errors, path.clone(), move || value.track());
    let error_id = format!("{id}-error");
    let help_id = format!("{id}-help");
    let described = if help.is_some() { format!("{help_id} {error_id}") } else { error_id.clone() };
    let invalid = {
        let path = path.clone();
        move || errors.with(|e| e.contains_key(&path)).to_string()
    };
    view! {
        <div class="field">
            <label for=id.clone()>
                {label}
                {required.then(|| view! { <span class="req" aria-hidden="true">" *"</span> })}
            </label>
            {help.map(|h| view! { <p class="help" id=help_id>{h}</p> })}
            <input id=id type=input_type autocomplete=autocomplete required=required list=list
                bind:value=value aria-describedby=described aria-invalid=invalid />
            <FieldMessage errors path id=error_id />
        </div>
    }
}

/// The `role=alert` line above a form's buttons for a failure that is not about one field.
#[component]
pub fn FormError(message: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <div class="form-error" role="alert" aria-live="assertive">
            {move || message.get().map(|m| view! { <p>{m}</p> })}
        </div>
    }
}

/// Adds `message` for `path` when `text` is blank; true when it was blank.
pub fn require(errors: &mut FieldErrors, path: &str, text: &str, message: &str) -> bool {
    let blank = text.trim().is_empty();
    if blank {
        errors.insert(path.to_owned(), message.to_owned());
    }
    blank
}

/// Adds the request type's own rules (the ones the API enforces and the OpenAPI
/// document states, declared on the type in shared-types) for the fields that have no
/// message yet, so a page's friendlier words for the same failure win.
pub fn check_rules<T: validator::Validate>(errors: &mut FieldErrors, request: &T) {
    if let Err(broken) = request.validate() {
        for e in shared_types::rules::field_errors(&broken) {
            let message = if e.message.starts_with(|c: char| c.is_lowercase()) {
                let mut m = e.message;
                m[..1].make_ascii_uppercase();
                m
            } else {
                e.message
            };
            errors.entry(e.field).or_insert(message);
        }
    }
}

/// Checks a new password and its repetition (the length rule of the policy is shared
/// with the API; the API also refuses common passwords).
pub fn check_new_password(errors: &mut FieldErrors, path: &str, password: &str, repeat_path: &str, repeat: &str) {
    if let Err(message) = shared_types::check_password_length(password) {
        errors.insert(path.to_owned(), message);
    } else if password != repeat {
        errors.insert(repeat_path.to_owned(), "The two passwords differ".to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_passwords_are_checked_for_length_then_repetition() {
        let mut e = FieldErrors::new();
        check_new_password(&mut e, "password", "short", "repeat", "short");
        assert_eq!(e.get("password").map(String::as_str), Some("Use at least 8 characters"));
        let mut e = FieldErrors::new();
        check_new_password(&mut e, "password", "long enough", "repeat", "long enougj");
        assert!(e.contains_key("repeat"));
        let mut e = FieldErrors::new();
        check_new_password(&mut e, "password", "long enough", "repeat", "long enough");
        assert!(e.is_empty());
        assert!(require(&mut e, "name", "  ", "Enter a name"));
        assert_eq!(e.len(), 1);
    }

    #[test]
    fn a_requests_own_rules_fill_what_the_page_did_not_say() {
        let request = shared_types::RegisterRequest {
            organisation_name: "x".repeat(201),
            name: " ".into(),
            email: "ana@example.org".into(),
            password: "long enough".into(),
        };
        let mut e = FieldErrors::new();
        require(&mut e, "name", &request.name, "Enter your name");
        check_rules(&mut e, &request);
        assert_eq!(e.get("name").map(String::as_str), Some("Enter your name"), "the page's words win");
        assert_eq!(e.get("organisationName").map(String::as_str), Some("Must be at most 200 characters"));
        assert_eq!(e.len(), 2);
    }
}
