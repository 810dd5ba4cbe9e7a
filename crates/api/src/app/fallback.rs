//! What answers a request no route took: 405 `METHOD_NOT_ALLOWED` with `Allow` when the
//! path is an operation's path and only the method is wrong (RFC 9110 §15.5.6), else
//! 404. The paths and their methods come from the OpenAPI document, which is collected
//! from the routes themselves.

use std::sync::OnceLock;

use actix_web::http::header::ALLOW;
use actix_web::{HttpRequest, HttpResponse, ResponseError};
use serde_json::Value;
use shared_types::ErrorCode;

use crate::platform::error::AppError;

/// One operation path: its segments (`None` for a `{parameter}`) and its methods.
struct Route {
    segments: Vec<Option<String>>,
    methods: Vec<String>,
}

fn routes() -> &'static [Route] {
    static ROUTES: OnceLock<Vec<Route>> = OnceLock::new();
    ROUTES.get_or_init(|| {
        let doc = serde_json::to_value(super::openapi::document()).unwrap_or_default();
        routes_of(&doc)
    })
}

/// The operation paths of an OpenAPI document (as JSON).
fn routes_of(doc: &Value) -> Vec<Route> {
    let Some(paths) = doc.get("paths").and_then(Value::as_object) else { return Vec::new() };
    paths
        .iter()
        .map(|(path, item)| Route {
            segments: path.split('/').map(|s| if s.starts_with('{') { None } else { Some(s.to_owned()) }).collect(),
            methods: item
                .as_object()
                .map(|ops| ops.keys().filter(|m| is_method(m)).map(|m| m.to_ascii_uppercase()).collect())
                .unwrap_or_default(),
        })
        .collect()
}

fn is_method(key: &str) -> bool {
    matches!(key, "get" | "put" | "post" | "delete" | "patch" | "head" | "options" | "trace")
}

/// The methods of the operation path `path` matches, if any; of several, the one with
/// the most literal segments (`/users/lookup` before `/users/{id}`), as the router
/// prefers it too.
fn allowed_methods<'a>(routes: &'a [Route], path: &str) -> Option<&'a [String]> {
    let parts: Vec<&str> = path.split('/').collect();
    routes
        .iter()
        .filter(|r| {
            r.segments.len() == parts.len()
                && r.segments.iter().zip(&parts).all(|(seg, part)| match seg {
                    Some(s) => s == part,
                    None => !part.is_empty(),
                })
        })
        .max_by_key(|r| r.segments.iter().filter(|s| s.is_some()).count())
        .map(|r| r.methods.as_slice())
}

/// 405 with `Allow` when `req`'s path is an operation's path without its method.
pub fn method_not_allowed(req: &HttpRequest) -> Option<HttpResponse> {
    let methods = allowed_methods(routes(), req.path()).filter(|m| !m.is_empty())?;
    if methods.iter().any(|m| m == req.method().as_str()) {
        return None;
    }
    let allow = methods.join(", ");
    let message = format!("{} is not an operation of this path; it has {allow}", req.method());
    let mut res = AppError::new(ErrorCode::MethodNotAllowed, message).error_response();
    if let Ok(value) = allow.parse() {
        res.headers_mut().insert(ALLOW, value);
    }
    Some(res)
}

/// The default service: 405 with `Allow`, or 404.
pub async fn not_routed(req: HttpRequest) -> HttpResponse {
    method_not_allowed(&req).unwrap_or_else(|| AppError::not_found("Route").error_response())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn a_known_path_with_another_method_lists_its_methods() {
        let doc = json!({"paths": {
            "/api/v1/tickets": {"get": {}, "post": {}},
            "/api/v1/tickets/{id}": {"get": {}, "put": {}, "parameters": []},
        }});
        let routes = routes_of(&doc);
        assert_eq!(
            allowed_methods(&routes, "/api/v1/tickets").map(<[String]>::to_vec),
            Some(vec!["GET".into(), "POST".into()])
        );
        assert_eq!(
            allowed_methods(&routes, "/api/v1/tickets/42").map(<[String]>::to_vec),
            Some(vec!["GET".into(), "PUT".into()])
        );
        assert!(allowed_methods(&routes, "/api/v1/tickets/").is_none(), "an empty id is no path");
        assert!(allowed_methods(&routes, "/api/v1/nothing").is_none());
        let doc = json!({"paths": {"/users/{id}": {"get": {}, "put": {}}, "/users/lookup": {"get": {}}}});
        let routes = routes_of(&doc);
        assert_eq!(allowed_methods(&routes, "/users/lookup").map(<[String]>::to_vec), Some(vec!["GET".into()]));
    }
}
