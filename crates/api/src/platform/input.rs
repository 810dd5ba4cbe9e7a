//! Request input, checked in one place before any handler sees it: JSON bodies
//! ([`Json`]) and query strings ([`Query`]).
//!
//! - A body must be a JSON object (serde would otherwise read `["x"]` into a struct by
//!   position): anything else is 400 `BAD_REQUEST`.
//! - No string anywhere in a body or query, keys included, may hold U+0000 (NUL):
//!   PostgreSQL's `text` and `jsonb` cannot store it, so it would fail later as a 500.
//!   It is 422 `VALIDATION_ERROR` naming the field (`formData.notes[1]`, `q`).
//! - A number with a zero fraction (`427.0`) is an integer, as in JSON Schema.
//! - The request type's own rules ([`validate`]) come later, in the service, once the
//!   caller is authorised.
//! - Malformed JSON or query syntax is 400; a wrong type or a missing or unknown field
//!   is 422 naming the field. Messages are written for people; the parser's own text
//!   is not passed on.

use std::future::Future;
use std::pin::Pin;

use actix_web::dev::Payload;
use actix_web::{web, FromRequest, HttpMessage, HttpRequest};
use serde::de::DeserializeOwned;
use serde_json::Value;
use shared_types::{ErrorCode, FieldError};
use validator::Validate;

use crate::platform::error::AppError;

/// Largest JSON body accepted, in bytes (256 KiB: a form schema with a few hundred
/// fields fits).
pub const BODY_LIMIT: usize = 256 * 1024;

/// The message of a field that holds U+0000.
pub const NUL_MESSAGE: &str = "must not contain the NUL character (U+0000)";

/// A JSON object body deserialised into `T`, after the checks of this module.
#[derive(Debug)]
pub struct Json<T>(pub T);

impl<T> Json<T> {
    /// The body.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Json<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned + 'static> FromRequest for Json<T> {
    type Error = AppError;
    type Future = Pin<Box<dyn Future<Output = Result<Self, AppError>>>>;

    fn from_request(req: &HttpRequest, payload: &mut Payload) -> Self::Future {
        let is_json =
            matches!(req.mime_type(), Ok(Some(m)) if m.subtype() == "json" || m.suffix().is_some_and(|s| s == "json"));
        let bytes = web::Bytes::from_request(req, payload);
        Box::pin(async move {
            if !is_json {
                return Err(AppError::new(ErrorCode::BadRequest, "Send the body as application/json"));
            }
            let bytes = bytes.await.map_err(|_| {
                AppError::new(ErrorCode::BadRequest, format!("The request body is larger than {BODY_LIMIT} bytes"))
            })?;
            parse_body(&bytes).map(Json)
        })
    }
}

/// The checks of a JSON body, then `T` from it. `T`'s own rules are [`validate`]d by
/// the service, after it has authorised the caller: someone who may not call an
/// operation learns nothing from which of their values it would refuse.
pub fn parse_body<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, AppError> {
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        AppError::new(
            ErrorCode::BadRequest,
            format!("The request body is not valid JSON (line {}, column {})", e.line(), e.column()),
        )
    })?;
    if !value.is_object() {
        return Err(AppError::new(ErrorCode::BadRequest, "The request body must be a JSON object"));
    }
    let mut value = value;
    integral_floats_as_integers(&mut value);
    let mut nul = Vec::new();
    find_nul(&value, "", &mut nul);
    if !nul.is_empty() {
        let details = nul.into_iter().map(|field| FieldError { field, message: NUL_MESSAGE.into() }).collect();
        return Err(AppError::validation(details));
    }
    serde_path_to_error::deserialize(value).map_err(|e| shape_error(&e.path().to_string(), &e.inner().to_string()))
}

/// A request's own rules (`validator::Validate`, declared on the request types in
/// shared-types, where the OpenAPI document and the SPA read them too): 422 with one
/// entry per broken rule. Services call it right after authorising.
pub fn validate<T: Validate>(request: &T) -> Result<(), AppError> {
    request.validate().map_err(|errors| AppError::validation(shared_types::rules::field_errors(&errors)))
}

/// `427.0` as `427`: JSON Schema counts a number with a zero fraction as an integer
/// (2020-12 §6.1.1), serde's integer fields do not; an `f64` field takes either.
fn integral_floats_as_integers(value: &mut Value) {
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64().filter(|f| f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0) {
                // Exact: |f| < 2^53, so the cast loses nothing.
                #[allow(clippy::cast_possible_truncation)]
                let i = f as i64;
                *value = Value::from(i);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(integral_floats_as_integers),
        Value::Object(map) => map.values_mut().for_each(integral_floats_as_integers),
        _ => {}
    }
}

/// Appends to `out` the path of every string in `value` (or key) holding U+0000.
fn find_nul(value: &Value, path: &str, out: &mut Vec<String>) {
    let join = |key: &str| if path.is_empty() { key.to_owned() } else { format!("{path}.{key}") };
    match value {
        Value::String(s) if s.contains('\0') => out.push(if path.is_empty() { "body".into() } else { path.into() }),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                find_nul(item, &format!("{path}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let field = join(&key.replace('\0', "\u{fffd}"));
                if key.contains('\0') {
                    out.push(field);
                } else {
                    find_nul(item, &field, out);
                }
            }
        }
        _ => {}
    }
}

/// A query string deserialised into `T`, after the checks of this module.
#[derive(Debug)]
pub struct Query<T>(pub T);

impl<T> Query<T> {
    /// The parameters.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::ops::Deref for Query<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

impl<T: DeserializeOwned> FromRequest for Query<T> {
    type Error = AppError;
    type Future = std::future::Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(parse_query(req.query_string()).map(Query))
    }
}

/// The checks of a query string (`a=1&b=x`, percent-encoded), then `T` from it.
pub fn parse_query<T: DeserializeOwned>(query: &str) -> Result<T, AppError> {
    let nul: Vec<FieldError> = form_urlencoded::parse(query.as_bytes())
        .filter(|(name, value)| name.contains('\0') || value.contains('\0'))
        .map(|(name, _)| FieldError { field: name.replace('\0', "\u{fffd}"), message: NUL_MESSAGE.into() })
        .collect();
    if !nul.is_empty() {
        return Err(AppError::validation(nul));
    }
    let decoder = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(decoder).map_err(|e| {
        let AppError::Api { details, .. } = shape_error(&e.path().to_string(), &e.inner().to_string()) else {
            return AppError::new(ErrorCode::BadRequest, "Invalid query string");
        };
        let field = details.first().map_or("query", |d| d.field.as_str());
        let message = details.first().map_or("is invalid", |d| d.message.as_str());
        AppError::Api {
            code: ErrorCode::BadRequest,
            message: format!("Query parameter {field} {message}"),
            details: vec![FieldError { field: field.to_owned(), message: message.to_owned() }],
        }
    })
}

/// A value of the wrong shape at `path` (serde_path_to_error's `a.b[0].c`, `.` for the
/// whole input) as 422 naming the field, in words for people. `serde` is serde's
/// message, e.g. "missing field `title`", "unknown field `role`, expected one of …",
/// "invalid type: string \"x\", expected u32" or "unknown variant `x`, expected …".
fn shape_error(path: &str, serde: &str) -> AppError {
    let quoted = serde.split('`').nth(1).unwrap_or("");
    let within = |name: &str| match path {
        "." | "" => name.to_owned(),
        p => format!("{p}.{name}"),
    };
    let (field, message) = if serde.starts_with("missing field") {
        (within(quoted), "is required".to_owned())
    } else if serde.starts_with("unknown field") {
        (if path == "." { quoted.to_owned() } else { path.to_owned() }, "is not a field of this request".to_owned())
    } else {
        let field = if path == "." { "body".to_owned() } else { path.to_owned() };
        (field, expected(serde))
    };
    AppError::field(&field, message)
}

/// What serde says was expected, in words for people.
fn expected(serde: &str) -> String {
    let want = serde.split("expected ").nth(1).unwrap_or("").trim();
    if serde.starts_with("unknown variant") {
        return format!("must be one of {}", want.replace('`', ""));
    }
    let range = |lo: &str, hi: &str| format!("must be a whole number from {lo} to {hi}");
    match want {
        w if w.contains("a string") => "must be a string".to_owned(),
        "a boolean" => "must be true or false".to_owned(),
        "u8" => range("0", "255"),
        "u16" => range("0", "65535"),
        "u32" => range("0", "4294967295"),
        "u64" => range("0", "18446744073709551615"),
        "i16" => range("-32768", "32767"),
        "i32" => range("-2147483648", "2147483647"),
        "i64" => range("-9223372036854775808", "9223372036854775807"),
        "f32" | "f64" => "must be a number".to_owned(),
        w if w.contains("sequence") => "must be a list".to_owned(),
        w if w.contains("map") || w.starts_with("struct") => "must be an object".to_owned(),
        _ if serde.to_ascii_lowercase().contains("uuid") => "must be a UUID".to_owned(),
        w if w.contains("date") || w.contains("timestamp") => "must be a date and time (RFC 3339)".to_owned(),
        _ if serde.starts_with("invalid length") => "has the wrong length".to_owned(),
        _ => "has an invalid value".to_owned(),
    }
}

#[cfg(test)]
#[path = "input_tests.rs"]
mod tests;
