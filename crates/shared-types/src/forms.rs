//! Request forms: a service item's form is a JSON Schema (2020-12) object schema. This
//! module reads the subset the SPA renders (one [`FormField`] per property) and checks
//! the rules a person fixes field by field (required, lengths, bounds, options) with
//! the same messages the API returns, so the form shows them before submitting. The API
//! validates the whole schema with the `jsonschema` crate as well.
//!
//! Conventions in a form schema: `title` is the label, `description` the help text,
//! `"x-widget": "textarea"` asks for a multi-line box, `enum` makes a select, an array
//! of `enum` items a multi-select, `format: "date"` a date picker, `boolean` a checkbox.
//! Properties keep their order in the schema.

use serde_json::Value;

use crate::error::FieldError;

/// The input a field is rendered with.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldKind {
    Text,
    TextArea,
    Email,
    Integer,
    Number,
    Date,
    Select,
    MultiSelect,
    Checkbox,
}

/// One form field read from a schema property.
#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    /// Property name, the key in `formData`.
    pub name: String,
    pub label: String,
    pub help: Option<String>,
    pub kind: FieldKind,
    pub required: bool,
    /// Allowed values of a select or multi-select.
    pub options: Vec<String>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
}

/// Reads the fields of an object schema, in property order. Non-object schemas have
/// no fields.
pub fn fields(schema: &Value) -> Vec<FormField> {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    props
        .iter()
        .map(|(name, p)| {
            let ty = p.get("type").and_then(Value::as_str).unwrap_or("string");
            let enum_of = |v: &Value| -> Vec<String> {
                v.get("enum")
                    .and_then(Value::as_array)
                    .map(|e| e.iter().map(|x| x.as_str().map_or_else(|| x.to_string(), str::to_owned)).collect())
                    .unwrap_or_default()
            };
            let (kind, options) = match ty {
                "boolean" => (FieldKind::Checkbox, Vec::new()),
                "integer" => (FieldKind::Integer, Vec::new()),
                "number" => (FieldKind::Number, Vec::new()),
                "array" => (FieldKind::MultiSelect, p.get("items").map(enum_of).unwrap_or_default()),
                _ if p.get("enum").is_some() => (FieldKind::Select, enum_of(p)),
                _ => match (p.get("format").and_then(Value::as_str), p.get("x-widget").and_then(Value::as_str)) {
                    (Some("date"), _) => (FieldKind::Date, Vec::new()),
                    (Some("email"), _) => (FieldKind::Email, Vec::new()),
                    (_, Some("textarea")) => (FieldKind::TextArea, Vec::new()),
                    _ => (FieldKind::Text, Vec::new()),
                },
            };
            FormField {
                name: name.clone(),
                label: p.get("title").and_then(Value::as_str).unwrap_or(name).to_owned(),
                help: p.get("description").and_then(Value::as_str).map(str::to_owned),
                kind,
                required: required.contains(&name.as_str()),
                options,
                min_length: p.get("minLength").or_else(|| p.get("minItems")).and_then(Value::as_u64),
                max_length: p.get("maxLength").or_else(|| p.get("maxItems")).and_then(Value::as_u64),
                minimum: p.get("minimum").and_then(Value::as_f64),
                maximum: p.get("maximum").and_then(Value::as_f64),
            }
        })
        .collect()
}

/// "Start date is required".
pub fn required_message(label: &str) -> String {
    format!("{label} is required")
}

/// True for a value a person would call empty: absent, null, "", [] or an unticked
/// required checkbox is *not* empty (false is an answer).
pub fn is_empty(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        _ => false,
    }
}

/// Checks `data` against the fields' rules and returns one error per failing field,
/// `field` as `formData.<name>`. Empty optional fields are fine.
pub fn check(fields: &[FormField], data: &Value) -> Vec<FieldError> {
    let mut errors = Vec::new();
    for f in fields {
        let v = data.get(&f.name);
        let message = if is_empty(v) {
            f.required.then(|| required_message(&f.label))
        } else {
            v.and_then(|v| check_value(f, v))
        };
        if let Some(message) = message {
            errors.push(FieldError { field: format!("formData.{}", f.name), message });
        }
    }
    errors
}

fn check_value(f: &FormField, v: &Value) -> Option<String> {
    let label = &f.label;
    match f.kind {
        FieldKind::Integer | FieldKind::Number => {
            let Some(n) = v.as_f64() else {
                return Some(format!("{label} must be a number"));
            };
            if f.kind == FieldKind::Integer && n.fract() != 0.0 {
                return Some(format!("{label} must be a whole number"));
            }
            if let Some(min) = f.minimum.filter(|m| n < *m) {
                return Some(format!("{label} must be at least {min}"));
            }
            f.maximum.filter(|m| n > *m).map(|max| format!("{label} must be at most {max}"))
        }
        FieldKind::Checkbox => (!v.is_boolean()).then(|| format!("{label} must be yes or no")),
        FieldKind::MultiSelect => {
            let Some(items) = v.as_array() else {
                return Some(format!("{label} must be a list of choices"));
            };
            if let Some(bad) = items.iter().find(|i| !f.options.iter().any(|o| Some(o.as_str()) == i.as_str())) {
                return Some(format!("{label}: {bad} is not one of the choices"));
            }
            if let Some(min) = f.min_length.filter(|m| (items.len() as u64) < *m) {
                return Some(format!("{label} needs at least {min} choice(s)"));
            }
            None
        }
        _ => {
            let Some(s) = v.as_str() else {
                return Some(format!("{label} must be text"));
            };
            if f.kind == FieldKind::Select && !f.options.iter().any(|o| o == s) {
                return Some(format!("{label} must be one of: {}", f.options.join(", ")));
            }
            if f.kind == FieldKind::Date && !is_iso_date(s) {
                return Some(format!("{label} must be a date (YYYY-MM-DD)"));
            }
            if f.kind == FieldKind::Email && !(s.contains('@') && !s.starts_with('@') && !s.ends_with('@')) {
                return Some(format!("{label} must be an e-mail address"));
            }
            let len = s.chars().count() as u64;
            if let Some(min) = f.min_length.filter(|m| len < *m) {
                return Some(format!("{label} must be at least {min} characters"));
            }
            f.max_length.filter(|m| len > *m).map(|max| format!("{label} must be at most {max} characters"))
        }
    }
}

fn is_iso_date(s: &str) -> bool {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn schema() -> Value {
        json!({
            "type": "object",
            "required": ["startDate", "model"],
            "properties": {
                "startDate": {"type": "string", "format": "date", "title": "Start date"},
                "model": {"type": "string", "enum": ["14-inch", "16-inch"], "title": "Model"},
                "monitors": {"type": "integer", "minimum": 0, "maximum": 2, "title": "Monitors"},
                "software": {"type": "array", "items": {"enum": ["Office", "Visio"]}, "title": "Software"},
                "notes": {"type": "string", "x-widget": "textarea", "maxLength": 5, "title": "Notes"},
                "dock": {"type": "boolean", "title": "Docking station"}
            }
        })
    }

    #[test]
    fn reads_fields_in_schema_order_with_kinds() {
        let f = fields(&schema());
        let kinds: Vec<_> = f.iter().map(|f| (f.name.as_str(), f.kind.clone(), f.required)).collect();
        assert_eq!(
            kinds,
            vec![
                ("startDate", FieldKind::Date, true),
                ("model", FieldKind::Select, true),
                ("monitors", FieldKind::Integer, false),
                ("software", FieldKind::MultiSelect, false),
                ("notes", FieldKind::TextArea, false),
                ("dock", FieldKind::Checkbox, false),
            ]
        );
        assert_eq!(f[1].options, vec!["14-inch", "16-inch"]);
    }

    #[test]
    fn each_bad_field_gets_its_own_message() {
        let data =
            json!({"model": "17-inch", "monitors": 3, "software": ["Photoshop"], "notes": "too long", "dock": true});
        let errs = check(&fields(&schema()), &data);
        let got: Vec<_> = errs.iter().map(|e| (e.field.as_str(), e.message.as_str())).collect();
        assert_eq!(
            got,
            vec![
                ("formData.startDate", "Start date is required"),
                ("formData.model", "Model must be one of: 14-inch, 16-inch"),
                ("formData.monitors", "Monitors must be at most 2"),
                ("formData.software", "Software: \"Photoshop\" is not one of the choices"),
                ("formData.notes", "Notes must be at most 5 characters"),
            ]
        );
    }

    #[test]
    fn a_valid_submission_passes() {
        let data =
            json!({"startDate": "2026-12-01", "model": "14-inch", "monitors": 2, "software": ["Visio"], "dock": false});
        assert!(check(&fields(&schema()), &data).is_empty());
    }

    #[test]
    fn bad_date_is_reported() {
        let data = json!({"startDate": "01/12/2026", "model": "14-inch"});
        let errs = check(&fields(&schema()), &data);
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].message, "Start date must be a date (YYYY-MM-DD)");
    }
}
