//! Requests with any method, for the access-control tests.

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::Method;
use actix_web::test::TestRequest;
use serde_json::Value;

use crate::helpers::{Reply, TestApp};

/// `method path` with a bearer token and, unless `Null`, a JSON body.
pub async fn call<S, B>(app: &TestApp<S>, method: &str, path: &str, token: &str, body: &Value) -> Reply
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let method = Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
    let mut req =
        TestRequest::default().method(method).uri(path).insert_header(("Authorization", format!("Bearer {token}")));
    if !body.is_null() {
        req = req.set_json(body);
    }
    app.send(req).await
}
