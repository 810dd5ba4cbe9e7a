use serde_json::{json, Value};
use shared_types::Unit;
use uuid::Uuid;

use super::pickers::unit_options;
use super::values::{local_to_rfc3339, rfc3339_to_local};
use super::*;

fn schema() -> Value {
    json!({
        "type": "object",
        "required": ["model"],
        "properties": {
            "model": {"type": "string", "enum": ["14-inch", "16-inch"], "title": "Model"},
            "count": {"type": "integer", "title": "Count"},
            "extras": {"type": "array", "items": {"enum": ["Dock", "Bag"]}, "title": "Extras"},
            "dock": {"type": "boolean", "title": "Dock"},
            "notes": {"type": "string", "title": "Notes"},
            "remote": {"type": "boolean", "title": "Remote"}
        },
        "if": {"properties": {"remote": {"const": true}}, "required": ["remote"]},
        "then": {"properties": {"token": {"type": "string", "title": "Token"}}, "required": ["token"]}
    })
}

fn set(form: &SchemaForm, name: &str, value: &str) {
    for (field, slot) in &form.fields {
        if field.name == name {
            match slot {
                Slot::Text(v) => v.set(value.to_owned()),
                Slot::Flag(v) => v.set(value == "true"),
                Slot::Many(v) => v.set(vec![value.to_owned()]),
            }
        }
    }
}

#[test]
fn empty_text_and_lists_are_left_out_and_numbers_are_numbers() {
    let form = SchemaForm::new(&schema());
    assert_eq!(form.data(), json!({"dock": false, "remote": false}));
    set(&form, "model", "16-inch");
    set(&form, "count", "2");
    set(&form, "extras", "Dock");
    set(&form, "notes", "  ");
    assert_eq!(
        form.data(),
        json!({"model": "16-inch", "count": 2, "extras": ["Dock"], "dock": false, "remote": false})
    );
}

#[test]
fn unparsable_numbers_stay_text_so_the_check_reports_them() {
    let form = SchemaForm::new(&schema());
    set(&form, "model", "14-inch");
    set(&form, "count", "two");
    let errors = check_form(&schema(), &form.data());
    assert_eq!(errors.get("formData.count").map(String::as_str), Some("Count must be a number"));
    assert_eq!(errors.len(), 1);
}

#[test]
fn hidden_fields_keep_their_text_but_are_left_out_and_not_required() {
    let form = SchemaForm::new(&schema());
    set(&form, "model", "14-inch");
    set(&form, "token", "fob");
    assert_eq!(form.data().get("token"), None, "hidden while remote is unticked");
    assert!(check_form(&schema(), &form.data()).is_empty());
    set(&form, "remote", "true");
    assert_eq!(form.data()["token"], "fob");
    set(&form, "token", "");
    let errors = check_form(&schema(), &form.data());
    assert_eq!(errors.get("formData.token").map(String::as_str), Some("Token is required"));
}

#[test]
fn initial_values_fill_the_inputs() {
    let data = json!({"model": "16-inch", "count": 3, "extras": ["Bag"], "remote": true, "token": "app"});
    let form = SchemaForm::with_data(&schema(), &data);
    assert_eq!(
        form.data(),
        json!({"model": "16-inch", "count": 3, "extras": ["Bag"], "dock": false, "remote": true, "token": "app"})
    );
}

#[test]
fn date_times_round_trip_through_local_time() {
    let utc = local_to_rfc3339("2026-12-01T09:30").expect("parses");
    assert!(utc.ends_with('Z'), "{utc}");
    assert_eq!(rfc3339_to_local(&utc).as_deref(), Some("2026-12-01T09:30"));
    assert_eq!(local_to_rfc3339("tomorrow"), None);
    let s =
        json!({"type": "object", "properties": {"at": {"type": "string", "format": "date-time", "title": "Visit"}}});
    let form = SchemaForm::new(&s);
    set(&form, "at", "2026-12-01T09:30");
    assert!(check_form(&s, &form.data()).is_empty(), "{}", form.data());
    set(&form, "at", "soon");
    assert_eq!(
        check_form(&s, &form.data()).get("formData.at").map(String::as_str),
        Some("Visit must be a date and time")
    );
}

fn unit(name: &str, id: u128, parent: Option<u128>) -> Unit {
    Unit {
        id: Uuid::from_u128(id),
        name: name.into(),
        department_id: Uuid::nil(),
        department_name: String::new(),
        parent_id: parent.map(Uuid::from_u128),
        user_count: 0,
        managers: Vec::new(),
    }
}

#[test]
fn units_are_listed_as_an_indented_tree() {
    let units = vec![
        unit("Wards", 1, None),
        unit("Ward 2", 3, Some(1)),
        unit("IT", 4, None),
        unit("Ward 1", 2, Some(1)),
        unit("Bay A", 5, Some(2)),
    ];
    let names: Vec<String> = unit_options(&units).into_iter().map(|(_, n)| n.replace('\u{a0}', ".")).collect();
    assert_eq!(names, ["IT", "Wards", "..Ward 1", "....Bay A", "..Ward 2"]);
}

#[test]
fn errors_from_keeps_the_first_message_per_field() {
    let details = vec![
        shared_types::FieldError { field: "formData.a".into(), message: "one".into() },
        shared_types::FieldError { field: "formData.a".into(), message: "two".into() },
    ];
    assert_eq!(errors_from(&details).get("formData.a").map(String::as_str), Some("one"));
}
