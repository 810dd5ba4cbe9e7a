use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::json;

use crate::helpers::*;

#[actix_web::test]
async fn login_returns_a_bearer_token_a_refresh_cookie_and_the_user() {
    let app = spawn().await;
    let r = app.login_reply(EMMA, PASSWORD).await;
    assert_eq!(r.status, StatusCode::OK);
    assert_eq!(r.body["success"], true);
    assert_eq!(r.body["data"]["tokenType"], "Bearer");
    assert!(r.body["data"]["expiresIn"].as_u64().is_some_and(|s| s <= 900));
    assert_eq!(r.body["data"]["user"]["email"], EMMA);
    assert_eq!(r.body["data"]["user"]["role"], "requester");
    assert!(r.body["meta"]["requestId"].is_string());
    let cookie = r.headers.get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("Path=/api/v1/auth"), "{cookie}");
    let token = r.body["data"]["accessToken"].as_str().unwrap_or_default();
    let me = app.get("/api/v1/me", token).await;
    assert_eq!(me.status, StatusCode::OK);
    assert_eq!(me.body["data"]["name"], "Emma Clarke");
    assert_eq!(me.body["data"]["organisationName"], "Riverside Regional Hospital");
}

#[actix_web::test]
async fn wrong_password_and_unknown_email_get_the_same_answer() {
    let app = spawn().await;
    let wrong = app.login_reply(EMMA, "not-her-password").await;
    let unknown = app.login_reply("nobody@riverside-hospital.example", PASSWORD).await;
    for r in [&wrong, &unknown] {
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        assert_eq!(r.code(), "INVALID_CREDENTIALS");
        assert!(r.refresh_cookie().is_none());
    }
    assert_eq!(wrong.body["error"]["message"], unknown.body["error"]["message"]);
}

#[actix_web::test]
async fn protected_routes_refuse_missing_and_forged_tokens() {
    let app = spawn().await;
    let none = app.send(TestRequest::get().uri("/api/v1/tickets")).await;
    assert_eq!((none.status, none.code()), (StatusCode::UNAUTHORIZED, "UNAUTHENTICATED"));
    let forged = app.get("/api/v1/tickets", "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl").await;
    assert_eq!(forged.status, StatusCode::UNAUTHORIZED);
    assert_eq!(forged.body["success"], false);
}

#[actix_web::test]
async fn refresh_rotates_and_reuse_revokes_the_whole_family() {
    let app = spawn().await;
    let first = app.login_reply(EMMA, PASSWORD).await.refresh_cookie().expect("cookie");
    let r = app.refresh(&first).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    assert!(r.body["data"]["accessToken"].is_string());
    let second = r.refresh_cookie().expect("rotated cookie");
    assert_ne!(first, second);
    // The old token again: reuse. 401, and the family (with `second`) is revoked.
    let reuse = app.refresh(&first).await;
    assert_eq!(reuse.status, StatusCode::UNAUTHORIZED);
    let after = app.refresh(&second).await;
    assert_eq!(after.status, StatusCode::UNAUTHORIZED, "the newer token of the family must be revoked too");
    let revoked: i64 = sqlx::query_scalar("SELECT count(*) FROM refresh_tokens WHERE revoked_at IS NOT NULL")
        .fetch_one(&app.owner)
        .await
        .expect("count");
    assert_eq!(revoked, 2);
}

#[actix_web::test]
async fn logout_ends_the_session() {
    let app = spawn().await;
    let cookie = app.login_reply(TOM, PASSWORD).await.refresh_cookie().expect("cookie");
    let out = app
        .send(
            TestRequest::post()
                .uri("/api/v1/auth/logout")
                .insert_header(("Cookie", format!("ferrodesk_refresh={cookie}"))),
        )
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(app.refresh(&cookie).await.status, StatusCode::UNAUTHORIZED);
}

#[actix_web::test]
async fn logout_with_only_the_bearer_token_ends_that_session_and_no_other() {
    let app = spawn().await;
    let first = app.login_reply(TOM, PASSWORD).await;
    let (token, cookie) =
        (first.body["data"]["accessToken"].as_str().unwrap_or_default().to_owned(), first.refresh_cookie());
    let other = app.login_reply(TOM, PASSWORD).await.refresh_cookie().expect("second session");
    let out = app
        .send(
            TestRequest::post().uri("/api/v1/auth/logout").insert_header(("Authorization", format!("Bearer {token}"))),
        )
        .await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert_eq!(
        app.get("/api/v1/me", &token).await.status,
        StatusCode::UNAUTHORIZED,
        "the access token's session ended"
    );
    assert_eq!(app.refresh(&cookie.expect("cookie")).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.refresh(&other).await.status, StatusCode::OK, "the other session goes on");
    let again = app
        .send(
            TestRequest::post().uri("/api/v1/auth/logout").insert_header(("Authorization", format!("Bearer {token}"))),
        )
        .await;
    assert_eq!(again.status, StatusCode::NO_CONTENT, "signing out twice is not an error");
}

#[actix_web::test]
async fn malformed_bodies_get_the_error_envelope() {
    let app = spawn().await;
    let req = TestRequest::post()
        .uri("/api/v1/auth/login")
        .insert_header(("Content-Type", "application/json"))
        .set_payload("{not json");
    let r = app.send(req).await;
    assert_eq!((r.status, r.code()), (StatusCode::BAD_REQUEST, "BAD_REQUEST"));
    let missing = app.send(TestRequest::post().uri("/api/v1/auth/login").set_json(json!({"email": EMMA}))).await;
    assert_eq!((missing.status, missing.code()), (StatusCode::UNPROCESSABLE_ENTITY, "VALIDATION_ERROR"));
    assert_eq!(missing.body["error"]["details"][0]["field"], "password");
    let unknown = app.send(TestRequest::get().uri("/api/v1/nothing-here")).await;
    assert_eq!((unknown.status, unknown.code()), (StatusCode::NOT_FOUND, "NOT_FOUND"));
}
