//! API keys and login throttling.

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use chrono::{Duration, Utc};
use ferrodesk_api::platform::clock::FixedClock;
use serde_json::{json, Value};

use crate::calls::call;
use crate::helpers::*;

#[actix_web::test]
async fn a_key_acts_within_its_scopes_and_its_owners_role() {
    let clock = Arc::new(FixedClock::new(Utc::now()));
    let app = spawn_with(&[], clock.clone()).await;
    let emma = app.login(EMMA).await;
    let expires = Utc::now() + Duration::days(30);
    let made = app
        .post(
            "/api/v1/api-keys",
            &emma,
            json!({"name": "Reporting", "scopes": ["tickets:read", "users:read"], "expiresAt": expires}),
        )
        .await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    let key = made.body["data"]["key"].as_str().expect("shown once").to_owned();
    let prefix = made.body["data"]["apiKey"]["prefix"].as_str().expect("prefix").to_owned();
    assert!(key.starts_with(&prefix) && prefix.starts_with("fdk_"));
    let stored: i64 =
        sqlx::query_scalar("SELECT count(*) FROM api_keys WHERE key_hash = sha256(convert_to($1, 'UTF8'))")
            .bind(&key)
            .fetch_one(&app.owner)
            .await
            .expect("q");
    assert_eq!(stored, 1, "stored as its SHA-256");
    let plain: i64 = sqlx::query_scalar("SELECT count(*) FROM api_keys WHERE prefix = $1 OR name = $1")
        .bind(&key)
        .fetch_one(&app.owner)
        .await
        .expect("q");
    assert_eq!(plain, 0, "never in clear");

    let mine = app.get("/api/v1/tickets", &key).await;
    assert_eq!(mine.status, StatusCode::OK);
    let by_token = app.get("/api/v1/tickets", &emma).await;
    assert_eq!(mine.body["pagination"]["total"], by_token.body["pagination"]["total"], "the owner's view, no more");
    let write = app.post("/api/v1/tickets", &key, json!({"title": "From a script", "formData": {}})).await;
    assert_eq!((write.status, write.code()), (StatusCode::FORBIDDEN, "FORBIDDEN"), "no tickets:write");
    assert!(write.body["error"]["message"].as_str().unwrap_or_default().contains("tickets:write"));
    assert_eq!(
        app.get("/api/v1/users", &key).await.status,
        StatusCode::FORBIDDEN,
        "users:read cannot exceed a requester"
    );
    let nested = app.post("/api/v1/api-keys", &key, json!({"name": "k2", "scopes": ["tickets:read"]})).await;
    assert_eq!(nested.status, StatusCode::FORBIDDEN, "keys cannot mint keys");
    assert_eq!(app.get("/api/v1/audit-logs", &key).await.status, StatusCode::FORBIDDEN);

    let listed = app.get("/api/v1/api-keys", &emma).await;
    let entry = &listed.body["data"][0];
    assert!(entry["lastUsedAt"].is_string(), "use is recorded: {entry}");
    assert!(!listed.body.to_string().contains(&key), "the secret is never listed");

    clock.advance(Duration::days(31));
    assert_eq!(app.get("/api/v1/tickets", &key).await.status, StatusCode::UNAUTHORIZED, "expired");
}

#[actix_web::test]
async fn revoked_keys_stop_at_once_and_only_owners_or_admins_revoke() {
    let app = spawn().await;
    let tom = app.login(TOM).await;
    let made = app.post("/api/v1/api-keys", &tom, json!({"name": "CI", "scopes": ["catalog:read"]})).await;
    let key = made.body["data"]["key"].as_str().expect("key").to_owned();
    let id = made.body["data"]["apiKey"]["id"].as_str().expect("id").to_owned();
    assert_eq!(app.get("/api/v1/service-catalog", &key).await.status, StatusCode::OK);
    let emma = app.login(EMMA).await;
    let theirs = call(&app, "delete", &format!("/api/v1/api-keys/{id}"), &emma, &Value::Null).await;
    assert_eq!(theirs.status, StatusCode::NOT_FOUND, "not hers to revoke");
    let bad = app.post("/api/v1/api-keys", &tom, json!({"name": "x", "scopes": ["tickets:delete"]})).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "unknown scope");
    let alex = app.login(ALEX).await;
    assert_eq!(
        call(&app, "delete", &format!("/api/v1/api-keys/{id}"), &alex, &Value::Null).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.get("/api/v1/service-catalog", &key).await.status, StatusCode::UNAUTHORIZED);
    let forged = format!("{}x", &key[..key.len() - 1]);
    assert_eq!(app.get("/api/v1/service-catalog", &forged).await.status, StatusCode::UNAUTHORIZED);
}

fn login_from(email: &str, password: &str, peer: &str) -> TestRequest {
    TestRequest::post()
        .uri("/api/v1/auth/login")
        .peer_addr(peer.parse().expect("addr"))
        .set_json(json!({"email": email, "password": password}))
}

#[actix_web::test]
async fn failed_sign_ins_are_throttled_alike_for_known_and_unknown_accounts() {
    let clock = Arc::new(FixedClock::new(Utc::now()));
    let app = spawn_with(&[], clock.clone()).await;
    for email in [TOM, "nobody@riverside-hospital.example"] {
        let mut seen = Vec::new();
        for _ in 0..12 {
            let r = app.send(login_from(email, "wrong password", "10.0.0.1:5000")).await;
            seen.push((r.status.as_u16(), r.code().to_owned()));
        }
        let expected: Vec<(u16, String)> = (0..11)
            .map(|_| (401, "INVALID_CREDENTIALS".to_owned()))
            .chain([(429, "RATE_LIMITED".to_owned())])
            .collect();
        assert_eq!(seen, expected, "{email}: ten free failures, the eleventh blocks");
    }
    let blocked = app.send(login_from(TOM, PASSWORD, "10.0.0.2:5000")).await;
    assert_eq!(blocked.status, StatusCode::TOO_MANY_REQUESTS, "even the right password waits");
    let retry: i64 = blocked
        .headers
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After");
    assert!((1..=30).contains(&retry), "retry after {retry}");
    clock.advance(Duration::seconds(31));
    assert_eq!(app.send(login_from(TOM, PASSWORD, "10.0.0.2:5000")).await.status, StatusCode::OK);
    let failures: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'auth.login_failed'")
        .fetch_one(&app.owner)
        .await
        .expect("q");
    assert_eq!(failures, 11, "failed sign-ins of a known account are audited");
}

#[actix_web::test]
async fn one_client_address_is_throttled_across_accounts() {
    let app = spawn().await;
    for i in 0..50 {
        let r = app.send(login_from(&format!("guess{i}@example.org"), "wrong password", "192.0.2.7:4000")).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = app.send(login_from("guess-last@example.org", "wrong password", "192.0.2.7:4000")).await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED, "the 51st failure is still answered");
    let r = app.send(login_from(EMMA, PASSWORD, "192.0.2.7:4000")).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "then the address waits");
    assert_eq!(app.send(login_from(EMMA, PASSWORD, "192.0.2.8:4000")).await.status, StatusCode::OK, "others do not");
}
