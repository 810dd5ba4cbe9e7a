use serde_json::json;

use super::*;

fn device_form() -> Vec<FieldSpec> {
    vec![
        FieldSpec {
            key: "device_type".into(),
            label: "Device type".into(),
            kind: Kind::Select,
            required: true,
            options: vec!["laptop".into(), "phone".into(), "other".into()],
            ..FieldSpec::new()
        },
        FieldSpec {
            key: "other_device".into(),
            label: "Other device".into(),
            kind: Kind::Text,
            required: true,
            max: Some(100.0),
            condition: Some(("device_type".into(), "other".into())),
            ..FieldSpec::new()
        },
        FieldSpec {
            key: "needed_by".into(),
            label: "Needed by".into(),
            kind: Kind::Date,
            required: true,
            ..FieldSpec::new()
        },
    ]
}

#[test]
fn writes_conditional_fields_into_then_branches() {
    let schema = to_schema(&device_form());
    assert_eq!(
        schema,
        json!({
            "type": "object",
            "properties": {
                "device_type": {"type": "string", "title": "Device type", "enum": ["laptop", "phone", "other"]},
                "needed_by": {"type": "string", "title": "Needed by", "format": "date"}
            },
            "required": ["device_type", "needed_by"],
            "allOf": [{
                "if": {"properties": {"device_type": {"const": "other"}}, "required": ["device_type"]},
                "then": {
                    "properties": {"other_device": {"type": "string", "title": "Other device", "maxLength": 100}},
                    "required": ["other_device"]
                }
            }]
        })
    );
    shared_types::forms::lint(&schema).expect("the editor writes the supported subset");
}

#[test]
fn the_shared_reader_sees_the_condition() {
    let schema = to_schema(&device_form());
    let fields = shared_types::forms::fields(&schema);
    let other = fields.iter().find(|f| f.name == "other_device").expect("declared in then");
    assert!(other.shown_when.is_some());
    let hidden = shared_types::forms::check(&fields, &json!({"device_type": "other", "needed_by": "2026-12-01"}));
    assert_eq!(hidden.len(), 1);
    assert_eq!(hidden[0].message, "Other device is required");
    assert!(
        shared_types::forms::check(&fields, &json!({"device_type": "laptop", "needed_by": "2026-12-01"})).is_empty()
    );
}

#[test]
fn reads_back_what_it_writes() {
    let mut all: Vec<FieldSpec> = Kind::ALL
        .iter()
        .enumerate()
        .map(|(i, (kind, label))| FieldSpec {
            key: format!("f{i}"),
            label: (*label).into(),
            kind: *kind,
            required: i % 2 == 0,
            help: if i == 1 { "Help".into() } else { String::new() },
            options: if kind.has_options() { vec!["a".into(), "b".into()] } else { Vec::new() },
            min: kind.has_bounds().then_some(1.0),
            max: kind.has_bounds().then_some(5.5),
            pattern: if kind.is_text() { "^[A-Z]".into() } else { String::new() },
            pattern_message: if kind.is_text() { "Start with a capital".into() } else { String::new() },
            condition: None,
        })
        .collect();
    all.push(FieldSpec {
        key: "why".into(),
        label: "Why".into(),
        condition: Some(("f8".into(), "true".into())),
        ..FieldSpec::new()
    });
    let schema = to_schema(&all);
    assert_eq!(schema.pointer("/allOf/0/if/properties/f8/const"), Some(&json!(true)));
    let back = from_schema(&schema);
    assert_eq!(to_schema(&back), schema);
    assert!(representable(&schema));
    assert!(representable(&json!({})));
    assert!(!representable(&json!({"type": "object", "properties": {}, "dependentRequired": {"a": ["b"]}})));
}

#[test]
fn keys_come_from_labels() {
    assert_eq!(key_from_label("Device type"), "device_type");
    assert_eq!(key_from_label("  2nd phone? "), "f_2nd_phone");
    assert_eq!(key_from_label("Émile's box"), "mile_s_box");
    assert!(valid_key("device_type"));
    assert!(!valid_key("1st"));
    assert!(!valid_key("a-b"));
    assert_eq!(Kind::from_code(&Kind::MultiSelect.code()), Some(Kind::MultiSelect));
}
