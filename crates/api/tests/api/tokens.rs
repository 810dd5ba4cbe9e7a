//! Access-token negatives and refresh-token lifetimes (RFC 8725 for JWTs,
//! RFC 9700 §4.14 for refresh tokens).

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{Duration, Utc};
use ferrodesk_api::app::config::DEVELOPMENT_JWT_SECRET;
use ferrodesk_api::platform::clock::FixedClock;
use jsonwebtoken::{encode, Algorithm, EncodingKey, Header};
use serde_json::{json, Value};

use crate::helpers::*;

fn sign(claims: &Value, alg: Algorithm, secret: &[u8]) -> String {
    encode(&Header::new(alg), claims, &EncodingKey::from_secret(secret)).expect("sign")
}

#[actix_web::test]
async fn forged_altered_and_misused_tokens_are_all_401() {
    let app = spawn().await;
    let login = app.login_reply(ALEX, PASSWORD).await;
    let user = &login.body["data"]["user"];
    let refresh_token = login.refresh_cookie().expect("cookie");
    let now = Utc::now().timestamp();
    let good = json!({"sub": user["id"], "org": user["organisationId"], "role": "admin", "iss": "ferrodesk",
                      "aud": "ferrodesk-api", "iat": now, "nbf": now, "exp": now + 600, "typ": "access"});
    let secret = DEVELOPMENT_JWT_SECRET.as_bytes();
    let valid = sign(&good, Algorithm::HS256, secret);
    assert_eq!(app.get("/api/v1/me", &valid).await.status, StatusCode::OK, "the baseline token works");

    let with = |field: &str, v: Value| {
        let mut c = good.clone();
        c[field] = v;
        sign(&c, Algorithm::HS256, secret)
    };
    let without = |field: &str| {
        let mut c = good.clone();
        c.as_object_mut().expect("object").remove(field);
        sign(&c, Algorithm::HS256, secret)
    };
    let header_none = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let payload = URL_SAFE_NO_PAD.encode(good.to_string());
    let cases = [
        ("wrong signature", sign(&good, Algorithm::HS256, b"another-secret-another-secret-another")),
        ("alg changed to HS384", sign(&good, Algorithm::HS384, secret)),
        ("alg none", format!("{header_none}.{payload}.")),
        ("expired", with("exp", json!(now - 3600))),
        ("not yet valid (nbf)", with("nbf", json!(now + 3600))),
        ("wrong audience", with("aud", json!("someone-else"))),
        ("wrong issuer", with("iss", json!("evil"))),
        ("missing sub", without("sub")),
        ("missing exp", without("exp")),
        ("missing org", without("org")),
        ("not an access token", with("typ", json!("refresh"))),
        ("a refresh token as access token", refresh_token.clone()),
        ("garbage", "not.a.token".to_owned()),
    ];
    for (what, token) in cases {
        let r = app.get("/api/v1/me", &token).await;
        assert_eq!((r.status, r.code()), (StatusCode::UNAUTHORIZED, "UNAUTHENTICATED"), "{what}: {}", r.body);
    }
}

#[actix_web::test]
async fn two_concurrent_refreshes_with_one_token_exactly_one_succeeds() {
    let app = spawn().await;
    let cookie = app.login_reply(TOM, PASSWORD).await.refresh_cookie().expect("cookie");
    let (a, b) = tokio::join!(app.refresh(&cookie), app.refresh(&cookie));
    let ok = [a.status, b.status].iter().filter(|s| **s == StatusCode::OK).count();
    assert_eq!(ok, 1, "statuses {} and {}", a.status, b.status);
}

#[actix_web::test]
async fn refresh_tokens_expire_when_idle_and_absolutely() {
    let clock = Arc::new(FixedClock::new(Utc::now()));
    let app = spawn_with(&[], clock.clone()).await;
    let idle = app.login_reply(TOM, PASSWORD).await.refresh_cookie().expect("cookie");
    clock.advance(Duration::days(15));
    assert_eq!(app.refresh(&idle).await.status, StatusCode::UNAUTHORIZED, "14 days idle is the limit");

    let mut cookie = app.login_reply(TOM, PASSWORD).await.refresh_cookie().expect("cookie");
    for _ in 0..3 {
        clock.advance(Duration::days(9));
        let r = app.refresh(&cookie).await;
        assert_eq!(r.status, StatusCode::OK, "used within the idle window: {}", r.body);
        cookie = r.refresh_cookie().expect("rotated");
    }
    clock.advance(Duration::days(4));
    assert_eq!(app.refresh(&cookie).await.status, StatusCode::UNAUTHORIZED, "31 days after sign-in: over");
}

#[actix_web::test]
async fn a_password_change_ends_the_other_sessions_and_keeps_this_one() {
    let app = spawn().await;
    let first = app.login_reply(TOM, PASSWORD).await;
    let other = app.login_reply(TOM, PASSWORD).await.refresh_cookie().expect("cookie");
    let token = first.body["data"]["accessToken"].as_str().expect("token").to_owned();
    let sessions = app.get("/api/v1/me/sessions", &token).await;
    let list = sessions.body["data"].as_array().expect("sessions").clone();
    assert_eq!(list.len(), 2);
    assert_eq!(list.iter().filter(|s| s["current"] == true).count(), 1);
    let body = json!({"currentPassword": "wrong password!", "newPassword": "a brand new passphrase"});
    let wrong = app.post("/api/v1/me/password", &token, body).await;
    assert_eq!(wrong.code(), "INVALID_CREDENTIALS");
    let common =
        app.post("/api/v1/me/password", &token, json!({"currentPassword": PASSWORD, "newPassword": "password1"})).await;
    assert_eq!(
        (common.status, common.body["error"]["details"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("newPassword"))
    );
    let body = json!({"currentPassword": PASSWORD, "newPassword": "a brand new passphrase"});
    assert_eq!(app.post("/api/v1/me/password", &token, body).await.status, StatusCode::NO_CONTENT);
    assert_eq!(app.refresh(&other).await.status, StatusCode::UNAUTHORIZED, "the other session ended");
    let mine = first.refresh_cookie().expect("cookie");
    assert_eq!(app.refresh(&mine).await.status, StatusCode::OK, "this session goes on");
    assert_eq!(app.login_reply(TOM, PASSWORD).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.login_reply(TOM, "a brand new passphrase").await.status, StatusCode::OK);
    let audit: i64 = sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE action = 'auth.password_changed'")
        .fetch_one(&app.owner)
        .await
        .expect("q");
    assert_eq!(audit, 1);
}

#[actix_web::test]
async fn a_session_can_be_ended_from_the_sessions_list() {
    let app = spawn().await;
    let token = app.login(TOM).await;
    let other = app.login_reply(TOM, PASSWORD).await.refresh_cookie().expect("cookie");
    let list = app.get("/api/v1/me/sessions", &token).await.body["data"].as_array().cloned().expect("list");
    let victim = list.iter().find(|s| s["current"] == false).and_then(|s| s["id"].as_str()).expect("other");
    let r = app
        .send(
            TestRequest::delete()
                .uri(&format!("/api/v1/me/sessions/{victim}"))
                .insert_header(("Authorization", format!("Bearer {token}"))),
        )
        .await;
    assert_eq!(r.status, StatusCode::NO_CONTENT);
    assert_eq!(app.refresh(&other).await.status, StatusCode::UNAUTHORIZED);
    let priya = app.login(PRIYA).await;
    let r = app
        .send(
            TestRequest::delete()
                .uri(&format!("/api/v1/me/sessions/{victim}"))
                .insert_header(("Authorization", format!("Bearer {priya}"))),
        )
        .await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "someone else's session is not yours to end");
}
