use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use chrono::{DateTime, Duration, Utc};
use ferrodesk_api::app::config::DEFAULT_MAIL_FROM;
use ferrodesk_api::mail::worker::{self, Drained, MAX_ATTEMPTS};
use ferrodesk_api::mail::Mailer;
use ferrodesk_api::platform::clock::Clock;
use serde_json::json;

use super::{clock, closed_smtp_url, MailCatcher};
use crate::helpers::*;

type State = (String, i32, Option<String>, DateTime<Utc>);

async fn state(owner: &sqlx::PgPool) -> State {
    sqlx::query_as("SELECT status, attempts, last_error, next_attempt_at FROM email_outbox")
        .fetch_one(owner)
        .await
        .expect("one e-mail")
}

#[actix_web::test]
async fn undeliverable_mail_stays_pending_with_its_error_and_is_retried_with_backoff() {
    let clock = clock();
    let app = spawn_with(&[], clock.clone()).await;
    let alex = app.login(ALEX).await;
    let mailer = Mailer::new(&closed_smtp_url(), DEFAULT_MAIL_FROM).expect("mailer");
    let ask = TestRequest::post().uri("/api/v1/auth/request-password-reset").set_json(json!({"email": EMMA}));
    assert_eq!(app.send(ask).await.status, StatusCode::ACCEPTED);

    let first = worker::drain_once(&app.pool, clock.as_ref(), &mailer).await.expect("drain");
    assert_eq!(first, Drained { sent: 0, retrying: 1, failed: 0 });
    let (status, attempts, error, next) = state(&app.owner).await;
    assert_eq!((status.as_str(), attempts), ("pending", 1));
    assert!(error.is_some_and(|e| e.starts_with("SMTP")));
    assert!((next - (clock.now() + Duration::minutes(1))).num_milliseconds().abs() < 1);

    // Not due yet: nothing happens; a minute later, the second attempt.
    let idle = worker::drain_once(&app.pool, clock.as_ref(), &mailer).await.expect("drain");
    assert_eq!(idle, Drained::default());
    clock.advance(Duration::minutes(1));
    worker::drain_once(&app.pool, clock.as_ref(), &mailer).await.expect("drain");
    let (_, attempts, _, next) = state(&app.owner).await;
    assert_eq!(attempts, 2);
    assert!((next - (clock.now() + Duration::minutes(2))).num_milliseconds().abs() < 1);

    // The last attempt fails for good.
    sqlx::query("UPDATE email_outbox SET attempts = $1, next_attempt_at = $2")
        .bind(MAX_ATTEMPTS - 1)
        .bind(clock.now())
        .execute(&app.owner)
        .await
        .expect("fast-forward");
    let last = worker::drain_once(&app.pool, clock.as_ref(), &mailer).await.expect("drain");
    assert_eq!(last.failed, 1);
    assert_eq!(state(&app.owner).await.0, "failed");

    // A failed e-mail is listed as such for admins.
    let failed = app.get("/api/v1/outbox/emails?status=failed", &alex).await;
    assert_eq!(
        (failed.body["data"][0]["attempts"].as_i64(), failed.body["pagination"]["total"].as_i64()),
        (Some(8), Some(1))
    );
}

#[actix_web::test]
async fn the_outbox_lists_newest_first_with_paging_and_a_status_filter() {
    let mail = MailCatcher::start();
    let clock = clock();
    let app = spawn_with(&[], clock.clone()).await;
    for who in [EMMA, TOM, PRIYA] {
        let ask = TestRequest::post().uri("/api/v1/auth/request-password-reset").set_json(json!({"email": who}));
        app.send(ask).await;
        clock.advance(Duration::seconds(1));
    }
    let alex = app.login(ALEX).await;
    let page = app.get("/api/v1/outbox/emails?limit=2", &alex).await;
    assert_eq!(page.status, StatusCode::OK, "{}", page.body);
    let to = |r: &Reply| -> Vec<String> {
        r.body["data"]
            .as_array()
            .expect("list")
            .iter()
            .map(|e| e["toAddress"].as_str().unwrap_or("").to_owned())
            .collect()
    };
    assert_eq!(to(&page), [PRIYA, TOM]);
    assert_eq!(
        (page.body["pagination"]["total"].as_i64(), page.body["pagination"]["totalPages"].as_i64()),
        (Some(3), Some(2))
    );
    let second = app.get("/api/v1/outbox/emails?limit=2&page=2", &alex).await;
    assert_eq!(to(&second), [EMMA]);

    assert_eq!(mail.deliver(&app.pool, &clock).await.sent, 3);
    let sent = app.get("/api/v1/outbox/emails?status=sent", &alex).await;
    assert_eq!(sent.body["pagination"]["total"].as_i64(), Some(3));
    assert!(sent.body["data"][0]["sentAt"].is_string());
    let pending = app.get("/api/v1/outbox/emails?status=pending", &alex).await;
    assert_eq!(pending.body["pagination"]["total"].as_i64(), Some(0));
    let bad = app.get("/api/v1/outbox/emails?status=lost", &alex).await;
    assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY);

    // Another organisation's admin sees none of it.
    let lena = app.login(LENA).await;
    let other = app.get("/api/v1/outbox/emails", &lena).await;
    assert_eq!(other.body["pagination"]["total"].as_i64(), Some(0));
}

#[actix_web::test]
async fn a_claimed_message_is_leased_not_locked_while_it_is_sent() {
    let clock = clock();
    let app = spawn_with(&[], clock.clone()).await;
    let ask = TestRequest::post().uri("/api/v1/auth/request-password-reset").set_json(json!({"email": EMMA}));
    assert_eq!(app.send(ask).await.status, StatusCode::ACCEPTED);
    let mut conn = app.pool.acquire().await.expect("connection");
    let claimed = ferrodesk_api::mail::queries::claim(&mut conn, clock.now(), 20).await.expect("claim");
    assert_eq!(claimed.len(), 1);
    // No lock outlives the claim: another session takes the row's lock at once.
    let locked: Vec<(uuid::Uuid,)> = sqlx::query_as("SELECT id FROM email_outbox FOR UPDATE NOWAIT")
        .fetch_all(&app.owner)
        .await
        .expect("no lock held");
    assert_eq!(locked.len(), 1);
    // The lease keeps other workers off it, until it ends (at least once).
    let again = ferrodesk_api::mail::queries::claim(&mut conn, clock.now(), 20).await.expect("claim");
    assert!(again.is_empty(), "a leased message is not claimed twice");
    let later = clock.now() + Duration::seconds(i64::try_from(worker::LEASE.as_secs()).unwrap_or(600) + 1);
    assert_eq!(ferrodesk_api::mail::queries::claim(&mut conn, later, 20).await.expect("claim").len(), 1);
}
