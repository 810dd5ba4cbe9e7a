//! Odd input gets a clear 4xx in the envelope and changes nothing: NUL characters in
//! bodies and query strings (PostgreSQL cannot store U+0000), bodies that are not
//! objects, values of the wrong type.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::json;

use crate::calls::call;
use crate::helpers::*;

#[actix_web::test]
async fn nul_in_a_body_is_422_on_the_field_even_without_a_token() {
    let app = spawn().await;
    let bodies = [
        ("/api/v1/auth/login", json!({"email": "a\u{0}b@x.example", "password": "whatever-it-is"}), "email"),
        ("/api/v1/auth/request-password-reset", json!({"email": "a\u{0}b@x.example"}), "email"),
        (
            "/api/v1/auth/register",
            json!({"organisationName": "Nul\u{0}Corp", "name": "N", "email": "n@nul.example", "password": "a long passphrase"}),
            "organisationName",
        ),
    ];
    for (path, body, field) in bodies {
        let r = app.send(TestRequest::post().uri(path).set_json(body)).await;
        assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "VALIDATION_ERROR"), "{path}: {}", r.body);
        assert_eq!(r.body["error"]["details"][0]["field"], field, "{path}");
    }
}

#[actix_web::test]
async fn nul_in_a_query_is_422_on_the_parameter() {
    let app = spawn().await;
    let token = app.login(EMMA).await;
    for path in ["/api/v1/users/lookup?q=%00", "/api/v1/tickets?q=a%00b", "/api/v1/service-catalog/search?q=%00"] {
        let r = app.get(path, &token).await;
        assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "VALIDATION_ERROR"), "{path}: {}", r.body);
        assert_eq!(r.body["error"]["details"][0]["field"], "q", "{path}");
    }
}

#[actix_web::test]
async fn a_ticket_with_nul_in_its_form_data_is_refused_and_not_filed() {
    let app = spawn().await;
    let token = app.login(EMMA).await;
    let before = app.get("/api/v1/tickets", &token).await.body["pagination"]["total"].clone();
    let item = app.item_id(&token, "New laptop").await;
    let body =
        json!({"serviceItemId": item, "title": "Locked out", "description": "d", "formData": {"system\u{0}": "x"}});
    let r = app.post("/api/v1/tickets", &token, body).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "VALIDATION_ERROR"), "{}", r.body);
    assert_eq!(r.body["error"]["details"][0]["field"], "formData.system\u{fffd}");
    assert_eq!(app.get("/api/v1/tickets", &token).await.body["pagination"]["total"], before, "nothing was filed");
}

#[actix_web::test]
async fn a_body_that_is_not_an_object_is_refused_and_changes_nothing() {
    let app = spawn().await;
    let token = app.login(EMMA).await;
    for body in [json!(["x"]), json!("Emma"), json!(7)] {
        let r = call(&app, "PUT", "/api/v1/me", &token, &body).await;
        assert_eq!((r.status, r.code()), (StatusCode::BAD_REQUEST, "BAD_REQUEST"), "{body}: {}", r.body);
    }
    assert_eq!(app.get("/api/v1/me", &token).await.body["data"]["name"], "Emma Clarke");
}

#[actix_web::test]
async fn wrong_types_name_the_field_without_parser_text() {
    let app = spawn().await;
    let token = app.login(EMMA).await;
    let r = call(&app, "PUT", "/api/v1/me", &token, &json!({"name": 12})).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "VALIDATION_ERROR"), "{}", r.body);
    assert_eq!(r.body["error"]["details"][0], json!({"field": "name", "message": "must be a string"}));
    let r = app.get("/api/v1/tickets?limit=lots", &token).await;
    assert_eq!((r.status, r.body["error"]["details"][0]["field"].as_str()), (StatusCode::BAD_REQUEST, Some("limit")));
    let r = app.get("/api/v1/tickets/not-a-uuid", &token).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(!r.body["error"]["message"].as_str().unwrap_or_default().contains("deserialize"), "{}", r.body);
}

#[actix_web::test]
async fn a_wrong_method_is_405_with_the_methods_the_path_has() {
    let app = spawn().await;
    let token = app.login(EMMA).await;
    let r = call(&app, "PATCH", "/api/v1/tickets", &token, &json!({})).await;
    assert_eq!((r.status, r.code()), (StatusCode::METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED"), "{}", r.body);
    assert_eq!(r.headers.get("allow").and_then(|v| v.to_str().ok()), Some("GET, POST"));
    let id = uuid::Uuid::new_v4();
    let r = call(&app, "DELETE", &format!("/api/v1/tickets/{id}"), &token, &serde_json::Value::Null).await;
    assert_eq!(r.headers.get("allow").and_then(|v| v.to_str().ok()), Some("GET, PUT"));
    let r = call(&app, "GET", "/api/v1/no-such-thing", &token, &serde_json::Value::Null).await;
    assert_eq!((r.status, r.code()), (StatusCode::NOT_FOUND, "NOT_FOUND"));
}

#[actix_web::test]
async fn an_approval_takes_no_body_an_empty_one_or_null() {
    let app = spawn().await;
    let token = app.login(PRIYA).await;
    let id = uuid::Uuid::new_v4();
    for payload in ["", "null", " "] {
        let req = TestRequest::post()
            .uri(&format!("/api/v1/approvals/{id}/approve"))
            .insert_header(("Authorization", format!("Bearer {token}")))
            .insert_header(("Content-Type", "application/json"))
            .set_payload(payload);
        let r = app.send(req).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{payload:?} is read as no comment: {}", r.body);
    }
}

#[actix_web::test]
async fn a_date_the_database_cannot_hold_is_a_400_not_a_500() {
    let app = spawn().await;
    let token = app.login(ALEX).await;
    let r = app.get("/api/v1/audit-logs?from=-10000-01-01T00:00:00Z", &token).await;
    assert_eq!((r.status, r.code()), (StatusCode::BAD_REQUEST, "BAD_REQUEST"), "{}", r.body);
}
