//! Reading fields, conditions, the check's messages and lint refusals.

use serde_json::{json, Value};

use super::*;

pub(super) fn laptop() -> Value {
    json!({
        "type": "object",
        "required": ["startDate", "model"],
        "properties": {
            "startDate": {"type": "string", "format": "date", "title": "Start date"},
            "model": {"type": "string", "enum": ["14-inch", "16-inch"], "title": "Model"},
            "monitors": {"type": "integer", "minimum": 0, "maximum": 2, "title": "Monitors"},
            "software": {"type": "array", "items": {"enum": ["Office", "Visio"]}, "title": "Software", "maxItems": 1},
            "notes": {"type": "string", "x-widget": "textarea", "maxLength": 5, "title": "Notes"},
            "dock": {"type": "boolean", "title": "Docking station"},
            "costCentre": {"type": "string", "pattern": "^[0-9]{4}$", "title": "Cost centre", "x-pattern-message": "Cost centre is four digits"},
            "ref": {"type": "string", "pattern": "^RRH-", "title": "Reference"},
            "manager": {"type": "string", "format": "uuid", "x-picker": "user", "title": "Manager"},
            "unit": {"type": "string", "format": "uuid", "x-picker": "unit", "title": "Unit"},
            "contact": {"type": "string", "format": "email", "title": "Contact"},
            "link": {"type": "string", "format": "uri", "title": "Link"},
            "at": {"type": "string", "format": "date-time", "title": "Visit"},
            "size": {"type": "string", "oneOf": [{"const": "s", "title": "Small"}, {"const": "l", "title": "Large"}], "title": "Size"},
            "budget": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 10, "title": "Budget"}
        }
    })
}

fn errors(schema: &Value, data: Value) -> Vec<(String, String)> {
    check(&fields(schema), &data).into_iter().map(|e| (e.field, e.message)).collect()
}

fn pairs(v: &[(&str, &str)]) -> Vec<(String, String)> {
    v.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect()
}

#[test]
fn reads_every_kind_in_schema_order() {
    let f = fields(&laptop());
    let kinds: Vec<_> = f.iter().map(|f| f.kind).collect();
    use FieldKind::*;
    assert_eq!(
        kinds,
        vec![
            Date,
            Select,
            Integer,
            MultiSelect,
            TextArea,
            Checkbox,
            Text,
            Text,
            UserPicker,
            UnitPicker,
            Email,
            Uri,
            DateTime,
            Select,
            Number
        ]
    );
    assert_eq!(f[1].options, vec!["14-inch", "16-inch"]);
    assert_eq!(f[13].options, vec!["s", "l"]);
    assert_eq!(f[13].option_labels, vec!["Small", "Large"]);
    assert_eq!(f[13].option_label("l"), "Large");
    assert!(f[0].required && !f[2].required);
}

#[test]
fn a_valid_submission_passes() {
    let data = json!({
        "startDate": "2026-12-01", "model": "14-inch", "monitors": 2, "software": ["Visio"], "dock": false,
        "costCentre": "4410", "ref": "RRH-1", "manager": "8f7c1d2e-0000-4000-8000-000000000001",
        "unit": "8f7c1d2e-0000-4000-8000-000000000002", "contact": "a.b@example.org", "link": "https://x.example/a?b=1",
        "at": "2026-12-01T09:30:00+01:00", "size": "l", "budget": 9.5
    });
    assert_eq!(errors(&laptop(), data), vec![]);
}

#[test]
fn each_bad_field_gets_its_own_message() {
    let data = json!({
        "startDate": " ", "model": "17-inch", "monitors": 3, "software": ["Photoshop"], "notes": "too long",
        "dock": "yes", "costCentre": "12", "ref": "X-1", "manager": "bob", "unit": 7, "contact": "a@",
        "link": "not a link", "at": "2026-12-01 09:30", "size": "m", "budget": 0
    });
    let expected = pairs(&[
        ("formData.startDate", "Start date is required"),
        ("formData.model", "Model must be one of: 14-inch, 16-inch"),
        ("formData.monitors", "Monitors must be at most 2"),
        ("formData.software", "Software: \"Photoshop\" is not one of the choices"),
        ("formData.notes", "Notes must be at most 5 characters"),
        ("formData.dock", "Docking station must be yes or no"),
        ("formData.costCentre", "Cost centre is four digits"),
        ("formData.ref", "Reference is not in the expected format"),
        ("formData.manager", "Choose a person from the list"),
        ("formData.unit", "Choose a unit from the list"),
        ("formData.contact", "Contact must be an e-mail address such as name@example.org"),
        ("formData.link", "Link must be a web address such as https://example.org"),
        ("formData.at", "Visit must be a date and time"),
        ("formData.size", "Size must be one of: Small, Large"),
        ("formData.budget", "Budget must be more than 0"),
    ]);
    assert_eq!(errors(&laptop(), data), expected);
}

#[test]
fn more_messages() {
    let s = laptop();
    let e = errors(
        &s,
        json!({"startDate": "2026-02-30", "model": "14-inch", "monitors": 1.5, "software": ["Office", "Visio"], "budget": 10}),
    );
    assert_eq!(
        e,
        pairs(&[
            ("formData.startDate", "Start date must be a date (YYYY-MM-DD)"),
            ("formData.monitors", "Monitors must be a whole number"),
            ("formData.software", "Choose at most 1 option for Software"),
            ("formData.budget", "Budget must be less than 10"),
        ])
    );
    assert_eq!(
        errors(&s, json!({"startDate": "2026-01-01", "model": "14-inch", "monitors": -1}))[0].1,
        "Monitors must be at least 0"
    );
}

fn access() -> Value {
    json!({
        "type": "object",
        "required": ["kind"],
        "unevaluatedProperties": false,
        "properties": {
            "kind": {"type": "string", "enum": ["temporary", "permanent"], "title": "Kind of access"},
            "remote": {"type": "boolean", "title": "Remote"},
            "system": {"type": "string", "title": "System"},
            "reason": {"type": "string", "title": "Reason"}
        },
        "allOf": [
            {
                "if": {"properties": {"kind": {"const": "temporary"}}, "required": ["kind"]},
                "then": {"properties": {"endDate": {"type": "string", "format": "date", "title": "End date"}}, "required": ["endDate"]},
                "else": {"required": ["reason"]}
            },
            {
                "if": {"properties": {"remote": {"const": true}}, "required": ["remote"]},
                "then": {"properties": {"token": {"type": "string", "enum": ["app", "fob"], "title": "Token"}}}
            }
        ],
        "dependentRequired": {"system": ["reason"]},
        "dependentSchemas": {"system": {"properties": {"role": {"type": "string", "title": "Role"}}, "required": ["role"]}}
    })
}

fn shown(data: Value) -> Vec<(String, bool, bool)> {
    state(&fields(&access()), &data).into_iter().map(|s| (s.name, s.visible, s.required)).collect()
}

#[test]
fn conditional_fields_show_and_require_only_while_their_condition_holds() {
    let row = |n: &str, v: bool, r: bool| (n.to_owned(), v, r);
    assert_eq!(
        shown(json!({})),
        vec![
            row("kind", true, true),
            row("remote", true, false),
            row("system", true, false),
            row("reason", true, true), // `else` of the kind rule: no `kind` yet
            row("endDate", false, false),
            row("token", false, false),
            row("role", false, false),
        ]
    );
    let s = shown(json!({"kind": "temporary", "remote": true, "system": "EPR"}));
    assert_eq!(s[3], row("reason", true, true)); // required by dependentRequired
    assert_eq!(s[4], row("endDate", true, true));
    assert_eq!(s[5], row("token", true, false));
    assert_eq!(s[6], row("role", true, true));
    let s = shown(json!({"kind": "permanent", "remote": false}));
    assert_eq!((s[3].2, s[4].1, s[5].1), (true, false, false));
}

#[test]
fn hidden_fields_are_never_required_nor_checked() {
    let a = access();
    assert_eq!(errors(&a, json!({"kind": "permanent", "reason": "x", "endDate": "garbage"})), vec![]);
    assert_eq!(errors(&a, json!({"kind": "temporary"})), pairs(&[("formData.endDate", "End date is required")]));
    assert_eq!(
        errors(&a, json!({"kind": "temporary", "endDate": "soon", "system": "EPR"})),
        pairs(&[
            ("formData.reason", "Reason is required"),
            ("formData.endDate", "End date must be a date (YYYY-MM-DD)"),
            ("formData.role", "Role is required"),
        ])
    );
}

#[test]
fn if_tests_follow_json_schema_semantics() {
    let t = IfTest::read(&json!({"properties": {"n": {"enum": [1, 2]}, "k": {"const": "a"}}, "required": ["n"]}));
    assert!(t.holds(&json!({"n": 1.0})));
    assert!(t.holds(&json!({"n": 2, "k": "a"})));
    assert!(!t.holds(&json!({"n": 2, "k": "b"})));
    assert!(!t.holds(&json!({"k": "a"})));
    assert!(t.holds(&json!("not an object")));
}

#[test]
fn lint_accepts_the_examples() {
    assert_eq!(lint(&laptop()), Ok(()));
    assert_eq!(lint(&access()), Ok(()));
}

fn refused(schema: Value) -> String {
    lint(&schema).expect_err("refused")
}

#[test]
fn lint_refuses_with_the_reason() {
    let with = |props: Value| json!({"type": "object", "properties": props});
    assert_eq!(refused(json!({"type": "string"})), "A form schema must have \"type\": \"object\"");
    assert!(refused(with(json!({"a": {"type": "string", "x-picker": "team"}}))).contains("unknown \"x-picker\""));
    assert!(refused(with(json!({"a": {"type": "string", "enum": []}}))).contains("\"enum\" must list at least one"));
    assert!(refused(with(json!({"a": {"type": "array", "items": {"enum": []}}}))).contains("at least one"));
    assert!(refused(with(json!({"first name": {"type": "string"}}))).starts_with("Field name \"first name\""));
    assert!(refused(with(json!({"a.b": {"type": "string"}}))).starts_with("Field name"));
    let req = json!({"type": "object", "properties": {"a": {}}, "required": ["b"]});
    assert!(refused(req).contains("names \"b\""));
    assert!(refused(with(json!({"a": {"type": "string", "pattern": "(?=x)"}}))).contains("pattern"));
    assert!(refused(with(json!({"a": {"type": "string", "format": "ipv4"}}))).contains("format"));
    assert!(refused(json!({"type": "object", "oneOf": []})).contains("\"oneOf\" is not supported"));
    let loose_if =
        json!({"type": "object", "properties": {"a": {}}, "if": {"properties": {"a": {"const": "x"}}}, "then": {}});
    assert!(refused(loose_if).contains("must list it in its \"required\""));
    let mut extra = access();
    extra["additionalProperties"] = json!(false);
    assert!(refused(extra).contains("unevaluatedProperties"));
    let dep = json!({"type": "object", "properties": {"a": {}}, "dependentRequired": {"a": ["zz"]}});
    assert!(refused(dep).contains("dependentRequired"));
}
