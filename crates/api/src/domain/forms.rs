//! Validation of a ticket's `formData` against its service item's form (a JSON Schema
//! 2020-12 object schema). The `jsonschema` crate is the authority on validity; each
//! failing field is reported once, with the person-readable message of
//! [`shared_types::forms::check`] where it has one (the same text the SPA shows beside
//! the field), else with the validator's own message prefixed by the field's label.

use serde_json::Value;
use shared_types::forms;
use shared_types::FieldError;

/// Why a schema cannot be used as a form.
#[derive(Debug, thiserror::Error)]
#[error("invalid form schema: {0}")]
pub struct InvalidSchema(pub String);

/// Checks that `schema` compiles as JSON Schema and is an object schema.
pub fn check_schema(schema: &Value) -> Result<(), InvalidSchema> {
    if schema.get("type").and_then(Value::as_str) != Some("object") {
        return Err(InvalidSchema("a form schema must have \"type\": \"object\"".into()));
    }
    jsonschema::validator_for(schema).map(|_| ()).map_err(|e| InvalidSchema(e.to_string()))
}

/// Validates `data` against `schema`; `Err` lists one [`FieldError`] per failing
/// field, `field` being `formData.<property>` (or `formData` for the whole object).
pub fn validate(schema: &Value, data: &Value) -> Result<Result<(), Vec<FieldError>>, InvalidSchema> {
    if !data.is_object() {
        return Ok(Err(vec![FieldError { field: "formData".into(), message: "Form data must be an object".into() }]));
    }
    let fields = forms::fields(schema);
    let mut errors = forms::check(&fields, data);
    let validator = jsonschema::validator_for(schema).map_err(|e| InvalidSchema(e.to_string()))?;
    for err in validator.iter_errors(data) {
        let property = match err.kind() {
            jsonschema::error::ValidationErrorKind::Required { property } => property.as_str().map(str::to_owned),
            _ => err
                .instance_path()
                .as_str()
                .trim_start_matches('/')
                .split('/')
                .next()
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
        };
        let field = property.as_ref().map_or_else(|| "formData".to_owned(), |p| format!("formData.{p}"));
        if errors.iter().any(|e| e.field == field) {
            continue;
        }
        let label = property
            .as_ref()
            .and_then(|p| fields.iter().find(|f| &f.name == p))
            .map_or_else(|| property.clone().unwrap_or_else(|| "Form".into()), |f| f.label.clone());
        let message = match err.kind() {
            jsonschema::error::ValidationErrorKind::Required { .. } => forms::required_message(&label),
            _ => format!("{label}: {err}"),
        };
        errors.push(FieldError { field, message });
    }
    Ok(if errors.is_empty() { Ok(()) } else { Err(errors) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema() -> Value {
        json!({
            "type": "object",
            "additionalProperties": false,
            "required": ["startDate", "model"],
            "properties": {
                "startDate": {"type": "string", "format": "date", "title": "Start date"},
                "model": {"type": "string", "enum": ["14-inch", "16-inch"], "title": "Model"},
                "code": {"type": "string", "pattern": "^[A-Z]{3}$", "title": "Cost centre"}
            }
        })
    }

    #[test]
    fn valid_data_passes() {
        let r = validate(&schema(), &json!({"startDate": "2026-12-01", "model": "16-inch", "code": "ABC"}));
        assert!(matches!(r, Ok(Ok(()))));
    }

    #[test]
    fn each_failing_field_once_with_a_readable_message() {
        let r = validate(&schema(), &json!({"model": "17-inch", "code": "abc"})).expect("schema ok");
        let errs = r.expect_err("invalid");
        let fields: Vec<_> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, vec!["formData.startDate", "formData.model", "formData.code"]);
        assert_eq!(errs[0].message, "Start date is required");
        assert!(errs[2].message.starts_with("Cost centre: "), "{}", errs[2].message);
    }

    #[test]
    fn unknown_properties_are_reported_on_the_form() {
        let r = validate(&schema(), &json!({"startDate": "2026-12-01", "model": "14-inch", "extra": 1}))
            .expect("schema ok");
        let errs = r.expect_err("invalid");
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].field, "formData");
    }

    #[test]
    fn broken_schemas_are_refused() {
        assert!(check_schema(&json!({"type": "object", "properties": {"a": {"type": 12}}})).is_err());
        assert!(check_schema(&json!({"type": "string"})).is_err());
        assert!(check_schema(&schema()).is_ok());
    }
}
