use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use chrono::Duration;
use serde_json::json;

use super::{audit_actions, clock, MailCatcher};
use crate::helpers::*;

fn ask(email: &str) -> TestRequest {
    TestRequest::post().uri("/api/v1/auth/request-password-reset").set_json(json!({"email": email}))
}

fn reset(token: &str, password: &str) -> TestRequest {
    TestRequest::post().uri("/api/v1/auth/reset-password").set_json(json!({"token": token, "password": password}))
}

async fn outbox_rows(owner: &sqlx::PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM email_outbox").fetch_one(owner).await.expect("count")
}

#[actix_web::test]
async fn a_reset_request_answers_the_same_whether_or_not_the_address_exists() {
    let app = spawn().await;
    let unknown = app.send(ask("nobody@riverside-hospital.example")).await;
    assert_eq!(outbox_rows(&app.owner).await, 0);
    let known = app.send(ask(EMMA)).await;
    assert_eq!(outbox_rows(&app.owner).await, 1);
    assert_eq!((unknown.status, known.status), (StatusCode::ACCEPTED, StatusCode::ACCEPTED));
    assert_eq!(unknown.body["data"], known.body["data"]);
    assert_eq!(unknown.body["success"], known.body["success"]);
    let keys = |b: &serde_json::Value| b.as_object().map(|o| o.keys().cloned().collect::<Vec<_>>());
    assert_eq!(keys(&unknown.body), keys(&known.body));
    assert!(audit_actions(&app.owner).await.contains(&"auth.password_reset_requested".into()));
}

#[actix_web::test]
async fn a_reset_ends_every_session_and_the_new_password_signs_in() {
    let mail = MailCatcher::start();
    let clock = clock();
    let app = spawn_with(&[], clock.clone()).await;
    let laptop = app.login_reply(EMMA, PASSWORD).await.refresh_cookie().expect("cookie");
    let phone = app.login_reply(EMMA, PASSWORD).await.refresh_cookie().expect("cookie");

    assert_eq!(app.send(ask(&EMMA.to_uppercase())).await.status, StatusCode::ACCEPTED);
    assert_eq!(mail.deliver(&app.pool, &clock).await.done, 1);
    let message = mail.messages_to(EMMA).pop().expect("the reset e-mail");
    assert!(message.contains("Subject: Reset your Ferrodesk password"), "{message}");
    let token = mail.token(EMMA, "reset-password");

    let weak = app.send(reset(&token, "qwertyuiop")).await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY, "a common password; the link stays usable");
    let done = app.send(reset(&token, "lantern by the sea")).await;
    assert_eq!(done.status, StatusCode::NO_CONTENT, "{}", done.body);

    for cookie in [laptop, phone] {
        assert_eq!(app.refresh(&cookie).await.status, StatusCode::UNAUTHORIZED, "every session ended");
    }
    assert_eq!(app.login_reply(EMMA, PASSWORD).await.status, StatusCode::UNAUTHORIZED);
    assert_eq!(app.login_reply(EMMA, "lantern by the sea").await.status, StatusCode::OK);
    let again = app.send(reset(&token, "another fine password")).await;
    assert_eq!((again.status, again.code()), (StatusCode::BAD_REQUEST, "BAD_REQUEST"));
    assert!(audit_actions(&app.owner).await.contains(&"auth.password_reset".into()));

    // Admins see that the e-mail went out, but not the link's token (blanked once sent).
    let alex = app.login(ALEX).await;
    let listed = app.get("/api/v1/outbox/emails", &alex).await;
    let body = listed.body["data"][0]["bodyText"].as_str().expect("body").to_owned();
    assert!(body.contains("/reset-password?token=[used]") && !body.contains(&token), "{body}");
}

#[actix_web::test]
async fn a_reset_link_expires_after_an_hour_and_inactive_users_get_none() {
    let mail = MailCatcher::start();
    let clock = clock();
    let app = spawn_with(&[], clock.clone()).await;
    app.send(ask(TOM)).await;
    mail.deliver(&app.pool, &clock).await;
    let token = mail.token(TOM, "reset-password");
    clock.advance(Duration::hours(1) + Duration::seconds(1));
    assert_eq!(app.send(reset(&token, "lantern by the sea")).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.login_reply(TOM, PASSWORD).await.status, StatusCode::OK, "the password is unchanged");

    sqlx::query("UPDATE users SET is_active = false WHERE lower(email) = $1")
        .bind(LIAM)
        .execute(&app.owner)
        .await
        .expect("deactivate");
    let before = outbox_rows(&app.owner).await;
    assert_eq!(app.send(ask(LIAM)).await.status, StatusCode::ACCEPTED);
    assert_eq!(outbox_rows(&app.owner).await, before, "no e-mail for an inactive account");
}
