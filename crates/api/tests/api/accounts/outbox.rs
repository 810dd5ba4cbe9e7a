use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use chrono::{DateTime, Duration, Utc};
use ferrodesk_api::app::config::DEFAULT_MAIL_FROM;
use ferrodesk_api::jobs::runner::Pass;
use ferrodesk_api::mail::job::MAX_ATTEMPTS;
use ferrodesk_api::mail::Mailer;
use ferrodesk_api::platform::clock::Clock;
use serde_json::json;

use super::{audit_actions, clock, closed_smtp_url, mail_runner, MailCatcher};
use crate::helpers::*;

/// The e-mail's status, attempts and last error, and its job's status and due time.
type State = (String, i32, Option<String>, String, DateTime<Utc>);

async fn state(owner: &sqlx::PgPool) -> State {
    sqlx::query_as(
        "SELECT e.status, e.attempts, e.last_error, j.status, j.run_at
         FROM email_outbox e JOIN jobs j ON j.organisation_id = e.organisation_id AND j.payload->>'emailId' = e.id::text",
    )
    .fetch_one(owner)
    .await
    .expect("one e-mail and its job")
}

/// Equal to the microsecond PostgreSQL keeps.
fn near(a: DateTime<Utc>, b: DateTime<Utc>) -> bool {
    (a - b).num_microseconds().is_some_and(|d| d.abs() < 1)
}

#[actix_web::test]
async fn undeliverable_mail_is_retried_with_backoff_until_its_job_is_dead_and_an_admin_runs_it_again() {
    let clock = clock();
    let app = spawn_with(&[], clock.clone()).await;
    let alex = app.login(ALEX).await;
    let runner = mail_runner(&app.pool, &clock, &Mailer::new(&closed_smtp_url(), DEFAULT_MAIL_FROM).expect("mailer"));
    let ask = TestRequest::post().uri("/api/v1/auth/request-password-reset").set_json(json!({"email": EMMA}));
    assert_eq!(app.send(ask).await.status, StatusCode::ACCEPTED);

    let first = runner.run_once().await.expect("pass");
    assert_eq!(first, Pass { done: 0, retrying: 1, dead: 0, unrecorded: 0 });
    let (status, attempts, error, job, due) = state(&app.owner).await;
    assert_eq!((status.as_str(), attempts, job.as_str()), ("pending", 1, "ready"));
    assert!(error.is_some_and(|e| e.starts_with("SMTP")));
    assert!(near(due, clock.now() + Duration::minutes(1)), "{due}");

    // Not due yet: nothing happens; a minute later, the second attempt.
    assert_eq!(runner.run_once().await.expect("pass"), Pass::default());
    clock.advance(Duration::minutes(1));
    runner.run_once().await.expect("pass");
    let (_, attempts, _, _, due) = state(&app.owner).await;
    assert_eq!(attempts, 2);
    assert!(near(due, clock.now() + Duration::minutes(2)), "{due}");

    // The last attempt fails for good: the e-mail is failed, its job dead.
    sqlx::query("UPDATE jobs SET attempts = $1 - 1, run_at = $2")
        .bind(MAX_ATTEMPTS)
        .bind(clock.now())
        .execute(&app.owner)
        .await
        .expect("fast-forward");
    sqlx::query("UPDATE email_outbox SET attempts = $1 - 1")
        .bind(MAX_ATTEMPTS)
        .execute(&app.owner)
        .await
        .expect("fast-forward");
    assert_eq!(runner.run_once().await.expect("pass").dead, 1);
    let (status, _, _, job, _) = state(&app.owner).await;
    assert_eq!((status.as_str(), job.as_str()), ("failed", "dead"));
    let failed = app.get("/api/v1/outbox/emails?status=failed", &alex).await;
    assert_eq!(
        (failed.body["data"][0]["attempts"].as_i64(), failed.body["pagination"]["total"].as_i64()),
        (Some(i64::from(MAX_ATTEMPTS)), Some(1))
    );

    // The admin sees the dead job and runs it again. Its reset link was blanked when
    // delivery was given up, so it is not sent with a dead link: it dies at once, saying why.
    let dead = app.get("/api/v1/jobs?status=dead", &alex).await;
    let jobs: Vec<shared_types::BackgroundJob> = dead.data();
    assert_eq!(jobs.len(), 1, "{}", dead.body);
    assert_eq!((jobs[0].kind.as_str(), jobs[0].attempts), ("mail.send", MAX_ATTEMPTS));
    let retry = format!("/api/v1/jobs/{}/retry", jobs[0].id);
    let revived = app.post(&retry, &alex, json!({})).await;
    let job: shared_types::BackgroundJob = revived.data();
    assert_eq!((job.status.as_str(), job.attempts), ("ready", 0));
    assert!(near(job.run_at, clock.now()));
    assert_eq!(app.post(&retry, &alex, json!({})).await.status, StatusCode::CONFLICT, "only a dead job is retried");
    assert!(audit_actions(&app.owner).await.contains(&"job.retried".to_owned()));
    let sink = MailCatcher::start();
    assert_eq!(sink.deliver(&app.pool, &clock).await, Pass { done: 0, retrying: 0, dead: 1, unrecorded: 0 });
    assert!(sink.messages_to(EMMA).is_empty(), "no dead link is sent");
    let again: Vec<shared_types::BackgroundJob> = app.get("/api/v1/jobs?status=dead", &alex).await.data();
    assert!(again[0].last_error.as_deref().is_some_and(|e| e.contains("blanked")), "{:?}", again[0].last_error);
}

#[actix_web::test]
async fn a_dead_message_without_links_is_sent_when_an_admin_runs_it_again() {
    let clock = clock();
    let app = spawn_with(&[], clock.clone()).await;
    let alex = app.login(ALEX).await;
    let org: uuid::Uuid = sqlx::query_scalar("SELECT organisation_id FROM users WHERE email = $1")
        .bind(ALEX)
        .fetch_one(&app.owner)
        .await
        .expect("org");
    let mut tx = ferrodesk_api::platform::db::begin_org(&app.pool, org).await.expect("tx");
    let draft = ferrodesk_api::mail::messages::Draft {
        kind: "notice",
        subject: "Printer maintenance".into(),
        body: "The third-floor printer is serviced on Friday.\n".into(),
    };
    ferrodesk_api::mail::queries::insert(&mut tx, org, EMMA, &draft, clock.now()).await.expect("queued");
    tx.commit().await.expect("commit");
    sqlx::query("UPDATE jobs SET attempts = max_attempts - 1").execute(&app.owner).await.expect("fast-forward");
    let closed = mail_runner(&app.pool, &clock, &Mailer::new(&closed_smtp_url(), DEFAULT_MAIL_FROM).expect("mailer"));
    assert_eq!(closed.run_once().await.expect("pass").dead, 1);
    let jobs: Vec<shared_types::BackgroundJob> = app.get("/api/v1/jobs?status=dead", &alex).await.data();
    assert_eq!(app.post(&format!("/api/v1/jobs/{}/retry", jobs[0].id), &alex, json!({})).await.status, StatusCode::OK);
    let sink = MailCatcher::start();
    assert_eq!(sink.deliver(&app.pool, &clock).await, Pass { done: 1, retrying: 0, dead: 0, unrecorded: 0 });
    assert_eq!(state(&app.owner).await.0, "sent");
    assert_eq!(sink.messages_to(EMMA).len(), 1);
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

    assert_eq!(mail.deliver(&app.pool, &clock).await.done, 3);
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
async fn a_claimed_job_is_leased_not_locked_while_it_runs() {
    let clock = clock();
    let app = spawn_with(&[], clock.clone()).await;
    let ask = TestRequest::post().uri("/api/v1/auth/request-password-reset").set_json(json!({"email": EMMA}));
    assert_eq!(app.send(ask).await.status, StatusCode::ACCEPTED);
    let lease = Duration::minutes(3);
    let claim = |at| {
        let pool = app.pool.clone();
        async move {
            let mut conn = pool.acquire().await.expect("connection");
            ferrodesk_api::jobs::queries::claim(&mut conn, at, 20, lease, &["mail.send"]).await.expect("claim")
        }
    };
    let claimed = claim(clock.now()).await;
    assert_eq!((claimed.len(), claimed[0].attempt), (1, 1));
    // No lock outlives the claim: another session takes the row's lock at once.
    let locked: Vec<(uuid::Uuid,)> =
        sqlx::query_as("SELECT id FROM jobs FOR UPDATE NOWAIT").fetch_all(&app.owner).await.expect("no lock held");
    assert_eq!(locked.len(), 1);
    // The lease keeps other workers off it, until it ends (at least once).
    assert!(claim(clock.now()).await.is_empty(), "a leased job is not claimed twice");
    let again = claim(clock.now() + lease + Duration::seconds(1)).await;
    assert_eq!((again.len(), again[0].attempt), (1, 2));
}
