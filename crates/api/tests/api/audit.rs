//! `GET /audit-logs`: security events, filters and paging, admins only.

use actix_web::http::StatusCode;
use serde_json::json;

use crate::helpers::*;

#[actix_web::test]
async fn security_events_are_listed_for_admins_with_filters() {
    let app = spawn().await;
    assert_eq!(app.login_reply(TOM, "not his password").await.status, StatusCode::UNAUTHORIZED);
    let tom = app.login(TOM).await;
    let key = app.post("/api/v1/api-keys", &tom, json!({"name": "k", "scopes": ["tickets:read"]})).await;
    assert_eq!(key.status, StatusCode::CREATED);
    let alex = app.login(ALEX).await;

    let auth = app.get("/api/v1/audit-logs?action=auth.&limit=100", &alex).await;
    assert_eq!(auth.status, StatusCode::OK, "{}", auth.body);
    let actions: Vec<&str> =
        auth.body["data"].as_array().expect("list").iter().filter_map(|e| e["action"].as_str()).collect();
    assert!(actions.contains(&"auth.login_failed") && actions.contains(&"auth.login"), "{actions:?}");
    assert!(actions.iter().all(|a| a.starts_with("auth.")), "prefix filter: {actions:?}");
    assert_eq!(actions.first(), Some(&"auth.login"), "newest first: Alex's own sign-in");

    let tom_id = app.get("/api/v1/me", &tom).await.body["data"]["id"].as_str().expect("id").to_owned();
    let by_tom = app.get(&format!("/api/v1/audit-logs?actorId={tom_id}&action=api_key.created"), &alex).await;
    assert_eq!(by_tom.body["pagination"]["total"], 1, "{}", by_tom.body);
    assert_eq!(by_tom.body["data"][0]["actor"]["email"], TOM);
    assert_eq!(by_tom.body["data"][0]["changes"]["scopes"], json!(["tickets:read"]));

    let page = app.get("/api/v1/audit-logs?limit=2&page=2", &alex).await;
    assert_eq!(page.body["data"].as_array().map(Vec::len), Some(2));
    assert_eq!(page.body["pagination"]["page"], 2);
    assert_eq!(app.get("/api/v1/audit-logs?limit=500", &alex).await.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.get("/api/v1/audit-logs", &tom).await.status, StatusCode::FORBIDDEN);
    let lena = app.login(LENA).await;
    let theirs = app.get(&format!("/api/v1/audit-logs?actorId={tom_id}"), &lena).await;
    assert_eq!(theirs.body["pagination"]["total"], 0, "another organisation sees none of it");
    for sql in ["UPDATE audit_log SET action = 'tampered'", "DELETE FROM audit_log"] {
        let err = sqlx::query(sql).execute(&app.owner).await.expect_err("append-only even for the owner");
        assert!(err.to_string().contains("append-only"), "{sql}: {err}");
    }
}
