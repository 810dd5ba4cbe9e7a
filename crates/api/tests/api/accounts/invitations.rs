use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use chrono::Duration;
use ferrodesk_api::platform::clock::Clock;
use serde_json::json;

use super::{audit_actions, clock, MailCatcher};
use crate::helpers::*;

const NEW: &str = "nina.okafor@riverside-hospital.example";

fn accept(token: &str, password: &str) -> TestRequest {
    TestRequest::post().uri("/api/v1/auth/accept-invitation").set_json(json!({"token": token, "password": password}))
}

fn invitation(email: &str, role: &str) -> serde_json::Value {
    json!({"email": email, "name": "Nina Okafor", "role": role})
}

#[actix_web::test]
async fn an_invitation_is_delivered_and_its_link_signs_the_invitee_in() {
    let mail = MailCatcher::start();
    let clock = clock();
    let app = spawn_with(&[("FERRODESK_SMTP_URL", &mail.sink.smtp_url())], clock.clone()).await;
    let alex = app.login(ALEX).await;
    let me = app.get("/api/v1/me", &alex).await;
    let unit = me.body["data"]["unitId"].as_str().expect("Alex has a unit").to_owned();
    let body = json!({"email": NEW, "name": "Nina Okafor", "role": "technician", "unitId": unit});
    let r = app.post("/api/v1/invitations", &alex, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["data"]["email"], NEW);
    let expires: chrono::DateTime<chrono::Utc> =
        serde_json::from_value(r.body["data"]["expiresAt"].clone()).expect("expiresAt");
    assert!((expires - (clock.now() + Duration::days(7))).num_seconds().abs() < 1, "{expires}");

    // Not signed in before accepting: no password works.
    assert_eq!(app.login_reply(NEW, PASSWORD).await.status, StatusCode::UNAUTHORIZED);
    let queued = app.get("/api/v1/outbox/emails?status=pending", &alex).await;
    assert_eq!(queued.body["data"][0]["toAddress"], NEW, "{}", queued.body);
    assert_eq!(queued.body["data"][0]["kind"], "invitation");

    let done = mail.deliver(&app.pool, &clock).await;
    assert_eq!(done.done, 1, "{done:?}");
    let messages = mail.messages_to(NEW);
    assert_eq!(messages.len(), 1);
    assert!(messages[0].contains("Subject: You are invited to Riverside Regional Hospital on Ferrodesk"));
    assert!(messages[0].contains("Content-Transfer-Encoding: 7bit"), "{}", messages[0]);
    let token = mail.token(NEW, "accept-invitation");
    let stored: String = sqlx::query_scalar("SELECT body_text FROM email_outbox WHERE to_address = $1")
        .bind(NEW)
        .fetch_one(&app.owner)
        .await
        .expect("outbox row");
    assert!(!stored.contains(&token) && stored.contains("token=[used]"), "delivered links are blanked: {stored}");

    let accepted = app.send(accept(&token, "a new shift begins")).await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    assert_eq!(accepted.body["data"]["user"]["role"], "technician");
    assert_eq!(accepted.body["data"]["user"]["unitId"], unit.as_str());
    assert!(accepted.refresh_cookie().is_some());
    let login = app.login_reply(NEW, "a new shift begins").await;
    assert_eq!(login.status, StatusCode::OK, "{}", login.body);

    let sent = app.get("/api/v1/outbox/emails?status=sent", &alex).await;
    assert_eq!(
        (sent.body["data"][0]["toAddress"].as_str(), sent.body["data"][0]["attempts"].as_i64()),
        (Some(NEW), Some(1))
    );
    let actions = audit_actions(&app.owner).await;
    assert!(actions.contains(&"user.invited".into()) && actions.contains(&"user.invitation_accepted".into()));
}

#[actix_web::test]
async fn an_invitation_link_works_once_even_when_clicked_twice_at_the_same_time() {
    let mail = MailCatcher::start();
    let clock = clock();
    let app = spawn_with(&[], clock.clone()).await;
    let alex = app.login(ALEX).await;
    assert_eq!(app.post("/api/v1/invitations", &alex, invitation(NEW, "requester")).await.status, StatusCode::CREATED);
    mail.deliver(&app.pool, &clock).await;
    let token = mail.token(NEW, "accept-invitation");

    // A weak password is refused and does not use the link up.
    let weak = app.send(accept(&token, "12345678")).await;
    assert_eq!(weak.status, StatusCode::UNPROCESSABLE_ENTITY);

    let (a, b) = futures_util::future::join(
        app.send(accept(&token, "first click wins")),
        app.send(accept(&token, "second click loses")),
    )
    .await;
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::BAD_REQUEST], "{} {}", a.body, b.body);
    let again = app.send(accept(&token, "third time lucky")).await;
    assert_eq!((again.status, again.code()), (StatusCode::BAD_REQUEST, "BAD_REQUEST"));
    assert_eq!(again.body["error"]["message"], "This link is invalid or has expired");
    let unknown = app.send(accept("not-a-token", "third time lucky")).await;
    assert_eq!(unknown.body["error"]["message"], again.body["error"]["message"]);
}

#[actix_web::test]
async fn an_invitation_expires_after_seven_days() {
    let mail = MailCatcher::start();
    let clock = clock();
    let app = spawn_with(&[], clock.clone()).await;
    let alex = app.login(ALEX).await;
    app.post("/api/v1/invitations", &alex, invitation(NEW, "requester")).await;
    mail.deliver(&app.pool, &clock).await;
    let token = mail.token(NEW, "accept-invitation");
    clock.advance(Duration::days(7) + Duration::seconds(1));
    let late = app.send(accept(&token, "too late for this")).await;
    assert_eq!((late.status, late.code()), (StatusCode::BAD_REQUEST, "BAD_REQUEST"));
}

#[actix_web::test]
async fn taken_addresses_conflict_and_inviting_again_replaces_the_link() {
    let mail = MailCatcher::start();
    let clock = clock();
    let app = spawn_with(&[], clock.clone()).await;
    let alex = app.login(ALEX).await;
    for taken in [EMMA, LENA] {
        let r = app.post("/api/v1/invitations", &alex, invitation(&taken.to_uppercase(), "requester")).await;
        assert_eq!((r.status, r.code()), (StatusCode::CONFLICT, "CONFLICT"), "{taken}: {}", r.body);
    }
    let bad = app.post("/api/v1/invitations", &alex, invitation("not-an-address", "requester")).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    let first = app.post("/api/v1/invitations", &alex, invitation(NEW, "requester")).await;
    mail.deliver(&app.pool, &clock).await;
    let old = mail.token(NEW, "accept-invitation");
    let second = app.post("/api/v1/invitations", &alex, invitation(NEW, "manager")).await;
    assert_eq!(second.status, StatusCode::CREATED, "{}", second.body);
    assert_eq!(first.body["data"]["userId"], second.body["data"]["userId"], "the same pending user");
    mail.deliver(&app.pool, &clock).await;
    let new = mail.token(NEW, "accept-invitation");
    assert_ne!(old, new);
    assert_eq!(app.send(accept(&old, "a new shift begins")).await.status, StatusCode::BAD_REQUEST);
    let ok = app.send(accept(&new, "a new shift begins")).await;
    assert_eq!((ok.status, ok.body["data"]["user"]["role"].as_str()), (StatusCode::OK, Some("manager")));
    // Accepted: now the address is simply taken.
    let third = app.post("/api/v1/invitations", &alex, invitation(NEW, "requester")).await;
    assert_eq!(third.status, StatusCode::CONFLICT);
}

#[actix_web::test]
async fn only_admins_invite_and_read_the_outbox() {
    let app = spawn().await;
    for who in [EMMA, TOM, PRIYA] {
        let token = app.login(who).await;
        let invite = app.post("/api/v1/invitations", &token, invitation(NEW, "requester")).await;
        assert_eq!((invite.status, invite.code()), (StatusCode::FORBIDDEN, "FORBIDDEN"), "{who}");
        let outbox = app.get("/api/v1/outbox/emails", &token).await;
        assert_eq!(outbox.status, StatusCode::FORBIDDEN, "{who}");
    }
    let none = app.send(TestRequest::get().uri("/api/v1/outbox/emails")).await;
    assert_eq!(none.status, StatusCode::UNAUTHORIZED);
}
