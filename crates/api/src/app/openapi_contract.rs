//! What every operation of the OpenAPI document says beyond its own annotations, added
//! in one pass over the generated document so no handler can forget it:
//!
//! - the error statuses the platform answers for any operation of its kind: 400
//!   (malformed body or parameter) and 422 (a value breaks a rule) where there is input,
//!   401 and 403 where a bearer credential is required (403 also when an API key's
//!   scopes do not cover the operation), 404 where the path names a resource;
//! - a `default` response with the error envelope, so a generated client parses every
//!   error (500 `INTERNAL`, 503 `UNAVAILABLE`, …);
//! - envelopes that reference their data's schema (`Envelope_Ticket.data` is
//!   `$ref: Ticket`) instead of copying it inline, so a generated client has one class
//!   per type.

use serde_json::{json, Map, Value};

const METHODS: [&str; 5] = ["get", "put", "post", "delete", "patch"];

/// Completes `doc` (an OpenAPI 3.1 document as JSON) as the module says.
pub fn complete(doc: &mut Value) {
    if let Some(paths) = doc.get_mut("paths").and_then(Value::as_object_mut) {
        for (path, item) in paths.iter_mut() {
            let has_path_params = path.contains('{');
            for method in METHODS {
                if let Some(op) = item.get_mut(method) {
                    standard_responses(op, has_path_params);
                }
            }
        }
    }
    envelopes_by_reference(doc);
}

/// The platform's error responses of one operation, keeping what it declares itself
/// (an empty description is filled with the standard one).
fn standard_responses(op: &mut Value, has_path_params: bool) {
    let secured = op
        .get("security")
        .and_then(Value::as_array)
        .is_some_and(|reqs| !reqs.is_empty() && reqs.iter().all(|r| r.as_object().is_some_and(|r| !r.is_empty())));
    let has_input = has_path_params
        || op.get("requestBody").is_some()
        || op.get("parameters").and_then(Value::as_array).is_some_and(|p| !p.is_empty());
    let mut add = vec![];
    if has_input {
        add.push(("400", "Malformed JSON, a body that is not an object, or a parameter of the wrong type"));
        add.push(("422", "A value breaks a rule (U+0000 in any text among them); `details` names each field"));
    }
    if secured {
        add.push(("401", "No credential, or an invalid, expired or revoked one"));
        add.push(("403", "The caller's role, or the API key's scopes, do not allow this"));
    }
    if has_path_params {
        add.push(("404", "No such resource in the caller's organisation"));
    }
    let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) else { return };
    for (status, description) in add {
        let response = responses.entry(status).or_insert_with(|| error_response(description));
        if response.get("description").and_then(Value::as_str).is_some_and(str::is_empty) {
            response["description"] = json!(description);
        }
    }
    for (status, response) in responses.iter_mut() {
        if response.get("description").and_then(Value::as_str).is_some_and(str::is_empty) {
            response["description"] = json!(describe(status));
        }
    }
    let mut sorted: Vec<(String, Value)> = std::mem::take(responses).into_iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    responses.extend(sorted);
    responses.insert(
        "default".into(),
        error_response("Any other error, in the envelope: 500 `INTERNAL`, 503 `UNAVAILABLE`"),
    );
}

/// The description of a status an operation declared without one.
fn describe(status: &str) -> &'static str {
    match status {
        "200" => "OK",
        "201" => "Created",
        "202" => "Accepted",
        "204" => "No content",
        "409" => "Conflicts with the resource's state; see `error.code`",
        "412" => "`If-Match` names a version that is no longer current",
        "428" => "`If-Match` is required",
        "429" => "Too many attempts; wait `Retry-After` seconds",
        _ => "See `error.code`",
    }
}

fn error_response(description: &str) -> Value {
    json!({
        "description": description,
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorEnvelope"}}}
    })
}

/// `Envelope_X.data` (and `Envelope_Vec_X.data.items`) as `$ref: X`, adding component
/// `X` when only the envelope had it.
fn envelopes_by_reference(doc: &mut Value) {
    let Some(schemas) = doc.pointer_mut("/components/schemas").and_then(Value::as_object_mut) else { return };
    let mut lifted: Map<String, Value> = Map::new();
    for (name, envelope) in schemas.iter_mut() {
        let Some(inner) = name.strip_prefix("Envelope_") else { continue };
        let Some(data) = envelope.pointer_mut("/properties/data") else { continue };
        let (target, type_name) = match inner.strip_prefix("Vec_") {
            Some(item) => (data.get_mut("items"), item),
            None => (Some(data), inner),
        };
        let Some(target) = target else { continue };
        if target.get("$ref").is_some() || target.get("type").and_then(Value::as_str) != Some("object") {
            continue;
        }
        lifted.entry(type_name.to_owned()).or_insert_with(|| target.clone());
        *target = json!({"$ref": format!("#/components/schemas/{type_name}")});
    }
    for (name, schema) in lifted {
        schemas.entry(name).or_insert(schema);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secured_operations_with_input_get_every_platform_status() {
        let mut doc = json!({"paths": {"/things/{id}": {"put": {
            "security": [{"bearer": []}],
            "requestBody": {},
            "responses": {"200": {"description": ""}, "409": {"description": "taken"}}
        }}, "/open": {"post": {"security": [{}, {"bearer": []}], "responses": {"204": {"description": ""}}}}}});
        complete(&mut doc);
        let put = &doc["paths"]["/things/{id}"]["put"]["responses"];
        let mut statuses: Vec<&str> =
            put.as_object().map(|r| r.keys().map(String::as_str).collect()).unwrap_or_default();
        statuses.sort_unstable();
        assert_eq!(statuses, ["200", "400", "401", "403", "404", "409", "422", "default"]);
        assert_eq!(put["409"]["description"], "taken", "a declared description stays");
        assert_eq!(put["200"]["description"], "OK");
        let open = &doc["paths"]["/open"]["post"]["responses"];
        assert!(open.get("401").is_none(), "optional credentials are not required: {open}");
        assert_eq!(
            open["default"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/ErrorEnvelope"
        );
    }

    #[test]
    fn envelopes_reference_their_data() {
        let thing = json!({"type": "object", "properties": {"a": {"type": "string"}}});
        let mut doc = json!({"components": {"schemas": {
            "Envelope_Thing": {"type": "object", "properties": {"data": thing}},
            "Envelope_Vec_Thing": {"type": "object", "properties": {"data": {"type": "array", "items": thing}}},
            "Envelope_String": {"type": "object", "properties": {"data": {"type": "string"}}}
        }}});
        complete(&mut doc);
        let schemas = &doc["components"]["schemas"];
        assert_eq!(schemas["Envelope_Thing"]["properties"]["data"]["$ref"], "#/components/schemas/Thing");
        assert_eq!(schemas["Envelope_Vec_Thing"]["properties"]["data"]["items"]["$ref"], "#/components/schemas/Thing");
        assert_eq!(schemas["Thing"], thing);
        assert_eq!(schemas["Envelope_String"]["properties"]["data"]["type"], "string");
    }
}
