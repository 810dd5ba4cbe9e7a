//! Property tests: valid submissions pass, one broken field gives exactly one error on
//! that field, and conditional requirements follow their conditions.

use proptest::prelude::*;
use serde_json::{json, Map, Value};

use super::tests::laptop;
use super::*;

/// Valid form data for [`laptop`]: required fields always, optional ones sometimes.
fn valid_laptop() -> impl Strategy<Value = Value> {
    (
        (2000i32..2100, 1u32..13, 1u32..29),
        prop::sample::select(vec!["14-inch", "16-inch"]),
        prop::option::of(0i64..=2),
        prop::option::of(prop::sample::select(vec!["Office", "Visio"])),
        prop::option::of("[a-z]{1,5}"),
        prop::option::of(any::<bool>()),
        prop::option::of("[0-9]{4}"),
        prop::option::of("[a-z]{1,8}@[a-z]{1,8}\\.[a-z]{2,3}"),
        prop::option::of(0.001f64..9.999),
    )
        .prop_map(|((y, m, d), model, monitors, software, notes, dock, cost, contact, budget)| {
            let mut o = Map::new();
            o.insert("startDate".into(), json!(format!("{y:04}-{m:02}-{d:02}")));
            o.insert("model".into(), json!(model));
            let mut put = |k: &str, v: Option<Value>| {
                if let Some(v) = v {
                    o.insert(k.into(), v);
                }
            };
            put("monitors", monitors.map(Value::from));
            put("software", software.map(|s| json!([s])));
            put("notes", notes.map(Value::from));
            put("dock", dock.map(Value::from));
            put("costCentre", cost.map(Value::from));
            put("contact", contact.map(Value::from));
            put("budget", budget.map(Value::from));
            Value::Object(o)
        })
}

/// A field name of [`laptop`] and a value that breaks its rules.
fn breakage() -> impl Strategy<Value = (&'static str, Value)> {
    prop_oneof![
        Just(("startDate", Value::Null)),
        "[a-z ]{0,12}".prop_map(|s| ("startDate", Value::from(s))),
        "[a-z]{1,8}".prop_map(|s| ("model", Value::from(s))),
        (3i64..1000).prop_map(|n| ("monitors", Value::from(n))),
        (-1000i64..0).prop_map(|n| ("monitors", Value::from(n))),
        "[a-z]{6,20}".prop_map(|s| ("notes", Value::from(s))),
        "[0-9]{5,8}".prop_map(|s| ("costCentre", Value::from(s))),
        "[a-z]{1,8}".prop_map(|s| ("contact", Value::from(s))),
        "[a-z]{1,8}".prop_map(|s| ("manager", Value::from(s))),
        (10.0f64..1e6).prop_map(|n| ("budget", Value::from(n))),
        Just(("software", json!(["Office", "Visio"]))),
        Just(("dock", json!("yes"))),
    ]
}

proptest! {
    #[test]
    fn valid_submissions_pass(data in valid_laptop()) {
        prop_assert_eq!(check(&fields(&laptop()), &data), vec![]);
    }

    #[test]
    fn one_broken_field_gives_one_error_on_that_field(data in valid_laptop(), (name, bad) in breakage()) {
        let mut data = data;
        data[name] = bad;
        let errors = check(&fields(&laptop()), &data);
        prop_assert_eq!(errors.len(), 1, "{:?}", errors);
        prop_assert_eq!(&errors[0].field, &format!("formData.{name}"));
        prop_assert!(!errors[0].message.is_empty());
    }

    #[test]
    fn conditional_requirements_follow_their_condition(
        kind in prop::option::of(prop::sample::select(vec!["temporary", "permanent"])),
        end in prop::option::of("2026-0[1-9]-1[0-9]"),
        reason in prop::option::of("[a-z]{1,5}"),
    ) {
        let schema = json!({
            "type": "object",
            "properties": {
                "kind": {"type": "string", "enum": ["temporary", "permanent"], "title": "Kind"},
                "reason": {"type": "string", "title": "Reason"}
            },
            "if": {"properties": {"kind": {"const": "temporary"}}, "required": ["kind"]},
            "then": {"properties": {"endDate": {"type": "string", "format": "date", "title": "End date"}}, "required": ["endDate"]},
            "else": {"required": ["reason"]}
        });
        let mut o = Map::new();
        for (k, v) in [("kind", kind.map(str::to_owned)), ("endDate", end.clone()), ("reason", reason.clone())] {
            if let Some(v) = v { o.insert(k.into(), Value::from(v)); }
        }
        let data = Value::Object(o);
        let fs = fields(&schema);
        let states = state(&fs, &data);
        prop_assert!(states.iter().all(|s| s.visible || !s.required), "hidden but required: {:?}", states);
        let temporary = kind == Some("temporary");
        let failing: Vec<String> = check(&fs, &data).into_iter().map(|e| e.field).collect();
        let mut expected = Vec::new();
        if !temporary && reason.is_none() { expected.push("formData.reason".to_owned()); }
        if temporary && end.is_none() { expected.push("formData.endDate".to_owned()); }
        prop_assert_eq!(failing, expected);
    }

    #[test]
    fn any_values_are_checked_without_panicking(values in prop::collection::vec(any_json(), 15)) {
        let fs = fields(&laptop());
        let data: Map<String, Value> = fs.iter().map(|f| f.name.clone()).zip(values).collect();
        let data = Value::Object(data);
        let errors = check(&fs, &data);
        prop_assert!(errors.iter().all(|e| e.field.starts_with("formData.")));
    }
}

fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1e9f64..1e9).prop_map(Value::from),
        ".{0,12}".prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| prop::collection::vec(inner, 0..4).prop_map(Value::Array))
}
