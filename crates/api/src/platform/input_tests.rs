use serde::Deserialize;

use super::*;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Body {
    title: String,
    #[serde(default)]
    form_data: serde_json::Value,
    #[serde(default)]
    steps: Vec<Step>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
struct Step {
    min_days: u32,
}

#[derive(Debug, Deserialize)]
struct Params {
    q: Option<String>,
    limit: Option<u32>,
}

/// (code, [(field, message)]) of an error.
fn parts(e: AppError) -> (ErrorCode, Vec<(String, String)>) {
    match e {
        AppError::Api { code, details, .. } => (code, details.into_iter().map(|d| (d.field, d.message)).collect()),
        other => panic!("unexpected {other:?}"),
    }
}

fn body_error(json: &str) -> (ErrorCode, Vec<(String, String)>) {
    parts(parse_body::<Body>(json.as_bytes()).expect_err("rejected"))
}

#[test]
fn a_valid_object_passes() {
    let b: Body = parse_body(br#"{"title":"Printer","formData":{"n":1},"steps":[{"minDays":2}]}"#).expect("accepted");
    assert_eq!((b.title.as_str(), b.steps[0].min_days, &b.form_data["n"]), ("Printer", 2, &serde_json::json!(1)));
}

#[test]
fn a_whole_number_written_with_a_fraction_is_an_integer() {
    let b: Body = parse_body(br#"{"title":"a","steps":[{"minDays":3.0}]}"#).expect("3.0 is 3");
    assert_eq!(b.steps[0].min_days, 3);
    let (_, fields) = body_error(r#"{"title":"a","steps":[{"minDays":3.5}]}"#);
    assert_eq!(fields[0].0, "steps[0].minDays");
}

#[test]
fn nul_anywhere_is_422_on_its_field() {
    let (code, fields) = body_error(r#"{"title":"a\u0000b","formData":{"notes":["ok","x\u0000"]}}"#);
    assert_eq!(code, ErrorCode::ValidationError);
    let names: Vec<&str> = fields.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(names, ["title", "formData.notes[1]"]);
    assert!(fields.iter().all(|(_, m)| m == NUL_MESSAGE));
    let (_, fields) = body_error(r#"{"title":"a","formData":{"k\u0000":1}}"#);
    assert_eq!(fields[0].0, "formData.k\u{fffd}");
}

#[test]
fn a_body_that_is_not_an_object_is_400() {
    for json in [r#"["x"]"#, "\"x\"", "1", "null", "true"] {
        assert_eq!(body_error(json).0, ErrorCode::BadRequest, "{json}");
    }
    assert_eq!(body_error("{\"title\":").0, ErrorCode::BadRequest);
}

#[test]
fn shape_errors_name_the_field_in_words() {
    let cases = [
        (r#"{"title":1}"#, "title", "must be a string"),
        (r#"{}"#, "title", "is required"),
        (r#"{"title":"a","role":"admin"}"#, "role", "is not a field of this request"),
        (
            r#"{"title":"a","steps":[{"minDays":-1}]}"#,
            "steps[0].minDays",
            "must be a whole number from 0 to 4294967295",
        ),
        (
            r#"{"title":"a","steps":[{"minDays":1e40}]}"#,
            "steps[0].minDays",
            "must be a whole number from 0 to 4294967295",
        ),
        (r#"{"title":"a","steps":[{}]}"#, "steps[0].minDays", "is required"),
        (r#"{"title":"a","steps":{}}"#, "steps", "must be a list"),
    ];
    for (json, field, message) in cases {
        let (code, fields) = body_error(json);
        assert_eq!(code, ErrorCode::ValidationError, "{json}");
        assert_eq!(fields, vec![(field.to_owned(), message.to_owned())], "{json}");
    }
}

#[test]
fn queries_reject_nul_and_name_the_bad_parameter() {
    let p: Params = parse_query("q=printer%20jam&limit=5").expect("accepted");
    assert_eq!((p.q.as_deref(), p.limit), (Some("printer jam"), Some(5)));
    let (code, fields) = parts(parse_query::<Params>("q=%00").expect_err("NUL"));
    assert_eq!((code, fields[0].0.as_str()), (ErrorCode::ValidationError, "q"));
    let (code, fields) = parts(parse_query::<Params>("limit=lots").expect_err("not a number"));
    assert_eq!((code, fields[0].0.as_str()), (ErrorCode::BadRequest, "limit"));
    let (code, _) = parts(parse_query::<Params>("limit=99999999999999999999").expect_err("too big"));
    assert_eq!(code, ErrorCode::BadRequest);
}
