//! Validation of a ticket's `formData` against its service item's form (a JSON Schema
//! 2020-12 object schema in the subset documented in [`shared_types::forms`]). The
//! `jsonschema` crate is the authority on validity (formats included); each failing
//! field is reported once as `formData.<field>`, with the person-readable message of
//! [`shared_types::forms::check`] where it has one (the same text the SPA shows beside
//! the field), else a message made here from the validator's error kind.

use jsonschema::error::ValidationErrorKind as Kind;
use serde_json::Value;
use shared_types::forms::{self, FieldKind, FormField};
use shared_types::FieldError;
use uuid::Uuid;

/// Why a schema cannot be used as a form: the reason, for the person editing it.
#[derive(Debug, thiserror::Error)]
#[error("invalid form schema: {0}")]
pub struct InvalidSchema(pub String);

/// Checks at save time that `schema` is a form: an object schema in the supported
/// subset ([`forms::lint`]: known keywords, simple identifier field names, known
/// `x-picker`/`x-widget`/`format` values, non-empty string `enum`s, `required` naming
/// known fields, conditions in the supported shape) that compiles as JSON Schema
/// 2020-12. `Err` carries the first reason.
pub fn check_schema(schema: &Value) -> Result<(), InvalidSchema> {
    forms::lint(schema).map_err(InvalidSchema)?;
    compile(schema).map(|_| ())
}

fn compile(schema: &Value) -> Result<jsonschema::Validator, InvalidSchema> {
    jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(schema)
        .map_err(|e| InvalidSchema(format!("not a valid JSON Schema: {e}")))
}

/// Validates `data` against `schema`; `Err` lists one [`FieldError`] per failing
/// field, `field` being `formData.<property>` (or `formData` for the whole object):
/// first the shared check's errors in field order, then any further field the
/// validator refuses. The outer `Err` is a schema that does not compile.
pub fn validate(schema: &Value, data: &Value) -> Result<Result<(), Vec<FieldError>>, InvalidSchema> {
    if !data.is_object() {
        return Ok(Err(vec![FieldError { field: "formData".into(), message: "Form data must be an object".into() }]));
    }
    let fields = forms::fields(schema);
    let mut errors = forms::check(&fields, data);
    let validator = compile(schema)?;
    for err in validator.iter_errors(data) {
        for (property, message) in describe(&fields, data, err.kind(), err.instance_path().as_str()) {
            let field = property.map_or_else(|| "formData".to_owned(), |p| format!("formData.{p}"));
            if !errors.iter().any(|e| e.field == field) {
                errors.push(FieldError { field, message });
            }
        }
    }
    Ok(if errors.is_empty() { Ok(()) } else { Err(errors) })
}

/// The field(s) one validator error is about and the message for each.
fn describe(fields: &[FormField], data: &Value, kind: &Kind, path: &str) -> Vec<(Option<String>, String)> {
    let top = path.trim_start_matches('/').split('/').next().filter(|s| !s.is_empty()).map(str::to_owned);
    match kind {
        Kind::AdditionalProperties { unexpected } | Kind::UnevaluatedProperties { unexpected } if top.is_none() => {
            unexpected.iter().map(|p| (Some(p.clone()), format!("\"{p}\" is not a field of this form"))).collect()
        }
        Kind::Required { property } if top.is_none() => {
            let name = property.as_str().unwrap_or_default().to_owned();
            let label = fields.iter().find(|f| f.name == name).map_or(name.as_str(), |f| f.label.as_str());
            vec![(Some(name.clone()), forms::required_message(label))]
        }
        _ => {
            let Some(name) = top else {
                return vec![(None, "The form data is not valid for this form".to_owned())];
            };
            let field = fields.iter().find(|f| f.name == name);
            let shared = field.zip(data.get(&name)).and_then(|(f, v)| forms::check_value(f, v));
            let label = field.map_or(name.as_str(), |f| f.label.as_str());
            vec![(Some(name.clone()), shared.unwrap_or_else(|| fallback(field, label, kind)))]
        }
    }
}

/// A message for an error the shared check did not see (it should rarely be needed).
fn fallback(field: Option<&FormField>, label: &str, kind: &Kind) -> String {
    match kind {
        Kind::Enum { .. } | Kind::Constant { .. } => format!("{label} is not one of the choices"),
        Kind::Pattern { .. } => field
            .and_then(|f| f.pattern_message.clone())
            .unwrap_or_else(|| format!("{label} is not in the expected format")),
        Kind::Format { format } => match format.as_str() {
            "uuid" if field.is_some_and(|f| f.kind == FieldKind::UnitPicker) => {
                forms::picker_message(FieldKind::UnitPicker).into()
            }
            "uuid" => forms::picker_message(FieldKind::UserPicker).into(),
            "email" => format!("{label} must be an e-mail address such as name@example.org"),
            "uri" => format!("{label} must be a web address such as https://example.org"),
            "date" => format!("{label} must be a date (YYYY-MM-DD)"),
            "date-time" => format!("{label} must be a date and time"),
            _ => format!("{label} is not in the expected format"),
        },
        Kind::MinLength { limit } => format!("{label} must be at least {limit} characters"),
        Kind::MaxLength { limit } => format!("{label} must be at most {limit} characters"),
        Kind::Minimum { limit } => format!("{label} must be at least {limit}"),
        Kind::Maximum { limit } => format!("{label} must be at most {limit}"),
        Kind::ExclusiveMinimum { limit } => format!("{label} must be more than {limit}"),
        Kind::ExclusiveMaximum { limit } => format!("{label} must be less than {limit}"),
        Kind::MinItems { limit } => format!("Choose at least {limit} for {label}"),
        Kind::MaxItems { limit } => format!("Choose at most {limit} for {label}"),
        Kind::UniqueItems => format!("{label} lists a choice twice"),
        Kind::Type { .. } => format!("{label} has the wrong kind of value"),
        _ => format!("{label} is not valid"),
    }
}

/// Which directory a picker field's value must come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picker {
    /// `x-picker: user`: an active user of the organisation.
    User,
    /// `x-picker: unit`: a unit of the organisation.
    Unit,
}

impl Picker {
    /// The message when the value is not one of the organisation's.
    pub fn message(self) -> &'static str {
        forms::picker_message(match self {
            Picker::User => FieldKind::UserPicker,
            Picker::Unit => FieldKind::UnitPicker,
        })
    }
}

/// One picker value in form data: `field` is `formData.<name>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickerValue {
    pub field: String,
    pub kind: Picker,
    pub value: Uuid,
}

/// The picker values in `data` of the fields shown for it, in field order (values that
/// are not ids are left out: validation has refused them already).
pub fn picker_values(schema: &Value, data: &Value) -> Vec<PickerValue> {
    forms::fields(schema)
        .into_iter()
        .filter(|f| f.is_visible(data))
        .filter_map(|f| {
            let kind = match f.kind {
                FieldKind::UserPicker => Picker::User,
                FieldKind::UnitPicker => Picker::Unit,
                _ => return None,
            };
            let value = data.get(&f.name)?.as_str().and_then(|s| Uuid::parse_str(s).ok())?;
            Some(PickerValue { field: format!("formData.{}", f.name), kind, value })
        })
        .collect()
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
