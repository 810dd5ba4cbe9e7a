use serde_json::{json, Value};

use super::*;

fn schema() -> Value {
    json!({
        "type": "object",
        "unevaluatedProperties": false,
        "required": ["startDate", "model"],
        "properties": {
            "startDate": {"type": "string", "format": "date", "title": "Start date"},
            "model": {"type": "string", "enum": ["14-inch", "16-inch"], "title": "Model"},
            "code": {"type": "string", "pattern": "^[A-Z]{3}$", "title": "Cost centre"},
            "count": {"type": "integer", "minimum": 1, "maximum": 3, "title": "Count"},
            "extras": {"type": "array", "items": {"enum": ["Dock", "Bag"]}, "minItems": 1, "uniqueItems": true, "title": "Extras"},
            "contact": {"type": "string", "format": "email", "title": "Contact"},
            "link": {"type": "string", "format": "uri", "title": "Link"},
            "at": {"type": "string", "format": "date-time", "title": "Visit"},
            "manager": {"type": "string", "format": "uuid", "x-picker": "user", "title": "Manager"},
            "unit": {"type": "string", "format": "uuid", "x-picker": "unit", "title": "Unit"},
            "temporary": {"type": "boolean", "title": "Temporary"},
            "system": {"type": "string", "title": "System"}
        },
        "if": {"properties": {"temporary": {"const": true}}, "required": ["temporary"]},
        "then": {"properties": {"endDate": {"type": "string", "format": "date", "title": "End date"}}, "required": ["endDate"]},
        "dependentSchemas": {"system": {"properties": {"role": {"type": "string", "title": "Role", "maxLength": 3}}, "required": ["role"]}}
    })
}

fn failing(data: Value) -> Vec<(String, String)> {
    let r = validate(&schema(), &data).expect("schema compiles");
    r.err().unwrap_or_default().into_iter().map(|e| (e.field, e.message)).collect()
}

const ID: &str = "0b0e4a6e-3c1f-4d57-9a43-2f4f1c1b7a10";

#[test]
fn valid_data_passes() {
    let data = json!({
        "startDate": "2026-12-01", "model": "16-inch", "code": "ABC", "count": 2, "extras": ["Dock"],
        "contact": "a@b.example", "link": "https://x.example", "at": "2026-12-01T09:30:00Z", "manager": ID,
        "unit": ID, "temporary": true, "endDate": "2026-12-31", "system": "EPR", "role": "ro"
    });
    assert_eq!(failing(data), vec![]);
    check_schema(&schema()).expect("a valid form");
}

#[test]
fn each_failing_field_once_with_the_shared_message() {
    let cases = [
        json!({"model": "17-inch", "code": "abc"}),
        json!({"startDate": "tomorrow", "model": "14-inch", "count": 7, "extras": ["Dock", "Dock"]}),
        json!({"startDate": "2026-12-01", "model": "14-inch", "extras": [], "contact": "nobody", "link": "x y"}),
        json!({"startDate": "2026-12-01", "model": "14-inch", "at": "noon", "manager": "bob", "unit": "7"}),
        json!({"startDate": "2026-12-01", "model": "14-inch", "temporary": true, "system": "EPR", "role": "admin"}),
        json!({"startDate": "2026-12-01", "model": "14-inch", "count": "two", "extras": "Dock"}),
    ];
    for data in cases {
        let shared: Vec<(String, String)> = shared_types::forms::check(&shared_types::forms::fields(&schema()), &data)
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect();
        let api = failing(data.clone());
        assert!(!shared.is_empty());
        // Every shared message is what the API returns, each field once.
        assert_eq!(api[..shared.len()], shared[..], "{data}");
        let mut fields: Vec<_> = api.iter().map(|e| &e.0).collect();
        fields.dedup();
        assert_eq!(fields.len(), api.len(), "{api:?}");
    }
    assert_eq!(
        failing(json!({"model": "17-inch", "code": "abc"})),
        vec![
            ("formData.startDate".into(), "Start date is required".into()),
            ("formData.model".into(), "Model must be one of: 14-inch, 16-inch".into()),
            ("formData.code".into(), "Cost centre is not in the expected format".into()),
        ]
    );
}

#[test]
fn conditional_requirements_are_enforced_only_while_they_hold() {
    let base = json!({"startDate": "2026-12-01", "model": "14-inch"});
    let with = |k: &str, v: Value| {
        let mut d = base.clone();
        d[k] = v;
        d
    };
    assert_eq!(failing(with("temporary", json!(false))), vec![]);
    assert_eq!(
        failing(with("temporary", json!(true))),
        vec![("formData.endDate".into(), "End date is required".into())]
    );
    assert_eq!(failing(with("system", json!("EPR"))), vec![("formData.role".into(), "Role is required".into())]);
    // A hidden field's value is not part of the form.
    assert_eq!(
        failing(with("endDate", json!("2026-12-31"))),
        vec![("formData.endDate".into(), "\"endDate\" is not a field of this form".into())]
    );
}

#[test]
fn unknown_properties_and_non_objects_are_reported() {
    let errs = failing(json!({"startDate": "2026-12-01", "model": "14-inch", "extra": 1}));
    assert_eq!(errs, vec![("formData.extra".into(), "\"extra\" is not a field of this form".into())]);
    let r = validate(&schema(), &json!([1])).expect("compiles");
    assert_eq!(r.expect_err("invalid")[0].field, "formData");
}

#[test]
fn broken_schemas_are_refused_with_the_reason() {
    let reason = |s: Value| check_schema(&s).expect_err("refused").0;
    assert_eq!(reason(json!({"type": "string"})), "A form schema must have \"type\": \"object\"");
    assert!(reason(json!([1])).contains("JSON object"));
    assert!(reason(json!({"type": "object", "properties": {"a": {"type": 12}}})).contains("\"type\" must be one of"));
    assert!(reason(json!({"type": "object", "properties": {"a": {"minLength": -1}}}))
        .starts_with("not a valid JSON Schema"));
    assert!(reason(json!({"type": "object", "properties": {"a": {"x-picker": "team"}}})).contains("x-picker"));
    assert!(reason(json!({"type": "object", "properties": {"a": {"enum": []}}})).contains("enum"));
    assert!(reason(json!({"type": "object", "properties": {"my field": {}}})).contains("Field name"));
    assert!(reason(json!({"type": "object", "properties": {"a": {}}, "required": ["b"]})).contains("\"b\""));
}

#[test]
fn picker_values_are_listed_for_shown_fields() {
    let other = "5f0e4a6e-3c1f-4d57-9a43-2f4f1c1b7a11";
    let data = json!({"manager": ID, "unit": other, "model": "14-inch"});
    let picks = picker_values(&schema(), &data);
    let expected = vec![
        PickerValue { field: "formData.manager".into(), kind: Picker::User, value: ID.parse().expect("uuid") },
        PickerValue { field: "formData.unit".into(), kind: Picker::Unit, value: other.parse().expect("uuid") },
    ];
    assert_eq!(picks, expected);
    assert_eq!(Picker::User.message(), "Choose a person from the list");
    assert_eq!(Picker::Unit.message(), "Choose a unit from the list");
    assert!(picker_values(&schema(), &json!({"manager": "bob"})).is_empty());
}
