//! The job runner beyond e-mail: enqueue on the caller's transaction, permanent
//! failures, a lease that runs out on the last attempt, a stale worker's late record,
//! kinds a runner does not have, and who may see and retry jobs.

use std::sync::Arc;

use actix_web::http::StatusCode;
use chrono::{Duration, Utc};
use ferrodesk_api::jobs::runner::{Pass, Runner, LEASE};
use ferrodesk_api::jobs::{self, queries, Context, Failure, Job, NewJob, Outcome};
use ferrodesk_api::platform::clock::{Clock, FixedClock};
use ferrodesk_api::platform::db;
use serde_json::json;
use uuid::Uuid;

use crate::helpers::*;

/// A handler of kind `test.echo` that fails permanently when the payload says so and
/// succeeds otherwise, counting its runs.
struct Echo(Arc<std::sync::atomic::AtomicUsize>);

impl jobs::Handler for Echo {
    fn kind(&self) -> &'static str {
        "test.echo"
    }

    fn run<'a>(&'a self, job: &'a Job, _: &'a Context) -> Outcome<'a> {
        self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let fail = job.payload["fail"].as_bool().unwrap_or(false);
        Box::pin(async move {
            if fail {
                Err(Failure::permanent("told to fail"))
            } else {
                Ok(())
            }
        })
    }
}

async fn org_of(app_owner: &sqlx::PgPool, email: &str) -> Uuid {
    sqlx::query_scalar("SELECT organisation_id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(app_owner)
        .await
        .expect("user")
}

async fn enqueue(
    pool: &sqlx::PgPool,
    org: Uuid,
    kind: &'static str,
    payload: serde_json::Value,
    now: chrono::DateTime<Utc>,
    commit: bool,
) -> Uuid {
    let mut tx = db::begin_org(pool, org).await.expect("tx");
    let job = NewJob { kind, payload, run_at: now, max_attempts: 3 };
    let id = jobs::enqueue(&mut tx, org, job, now).await.expect("enqueue");
    if commit {
        tx.commit().await.expect("commit")
    } else {
        tx.rollback().await.expect("rollback")
    }
    id
}

async fn status(owner: &sqlx::PgPool, id: Uuid) -> Option<String> {
    sqlx::query_scalar("SELECT status FROM jobs WHERE id = $1").bind(id).fetch_optional(owner).await.expect("status")
}

#[actix_web::test]
async fn a_job_exists_only_if_its_transaction_commits_and_runs_through_its_kinds_handler() {
    let clock = Arc::new(FixedClock::new(Utc::now()));
    let app = spawn_with(&[], clock.clone()).await;
    let org = org_of(&app.owner, ALEX).await;
    let runs = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let runner = Runner::new(Context { pool: app.pool.clone(), clock: clock.clone() }).with(Echo(runs.clone()));

    let rolled_back = enqueue(&app.pool, org, "test.echo", json!({}), clock.now(), false).await;
    assert_eq!(status(&app.owner, rolled_back).await, None);
    let ok = enqueue(&app.pool, org, "test.echo", json!({}), clock.now(), true).await;
    let bad = enqueue(&app.pool, org, "test.echo", json!({"fail": true}), clock.now(), true).await;
    let later = enqueue(&app.pool, org, "test.echo", json!({}), clock.now() + Duration::hours(1), true).await;
    let foreign = enqueue(&app.pool, org, "test.unknown", json!({}), clock.now(), true).await;

    assert_eq!(runner.run_once().await.expect("pass"), Pass { done: 1, retrying: 0, dead: 1, unrecorded: 0 });
    assert_eq!(runs.load(std::sync::atomic::Ordering::SeqCst), 2, "the due jobs of its kind, once each");
    assert_eq!(status(&app.owner, ok).await.as_deref(), Some("done"));
    assert_eq!(status(&app.owner, bad).await.as_deref(), Some("dead"), "a permanent failure is not retried");
    assert_eq!(status(&app.owner, later).await.as_deref(), Some("ready"), "not due yet");
    assert_eq!(status(&app.owner, foreign).await.as_deref(), Some("ready"), "left for a runner that has the kind");
    let error: Option<String> = sqlx::query_scalar("SELECT last_error FROM jobs WHERE id = $1")
        .bind(bad)
        .fetch_one(&app.owner)
        .await
        .expect("error");
    assert_eq!(error.as_deref(), Some("told to fail"));
}

#[actix_web::test]
async fn a_lease_that_runs_out_on_the_last_attempt_makes_the_job_dead_and_a_stale_worker_changes_nothing() {
    let clock = Arc::new(FixedClock::new(Utc::now()));
    let app = spawn_with(&[], clock.clone()).await;
    let org = org_of(&app.owner, ALEX).await;
    let lease = Duration::from_std(LEASE).expect("lease");
    let id = enqueue(&app.pool, org, "test.echo", json!({}), clock.now(), true).await;
    let mut conn = app.pool.acquire().await.expect("connection");
    let mut claims = Vec::new();
    for n in 0..3 {
        let at = clock.now() + (lease + Duration::seconds(1)) * n;
        claims.push(queries::claim(&mut conn, at, 10, lease, &["test.echo"]).await.expect("claim").remove(0));
    }
    assert_eq!(claims.iter().map(|j| j.attempt).collect::<Vec<_>>(), [1, 2, 3]);
    // The first worker wakes up late and records success: the third attempt owns the job.
    let mut tx = db::begin_org(&app.pool, org).await.expect("tx");
    assert!(!queries::finish(&mut tx, &claims[0], clock.now(), None, None).await.expect("finish"));
    tx.commit().await.expect("commit");
    assert_eq!(status(&app.owner, id).await.as_deref(), Some("running"));
    // The third (last) attempt's lease runs out too: dead, with the reason.
    let end = clock.now() + (lease + Duration::seconds(1)) * 3;
    assert!(queries::claim(&mut conn, end, 10, lease, &["test.echo"]).await.expect("claim").is_empty());
    assert_eq!(status(&app.owner, id).await.as_deref(), Some("dead"));
}

#[actix_web::test]
async fn a_worker_that_hung_before_its_job_died_cannot_record_over_the_retried_job() {
    let clock = Arc::new(FixedClock::new(Utc::now()));
    let app = spawn_with(&[], clock.clone()).await;
    let org = org_of(&app.owner, ALEX).await;
    let id = enqueue(&app.pool, org, "test.echo", json!({}), clock.now(), true).await;
    let lease = Duration::minutes(3);
    let mut conn = app.pool.acquire().await.expect("connection");
    let hung = queries::claim(&mut conn, clock.now(), 10, lease, &["test.echo"]).await.expect("claim").remove(0);
    // The job dies meanwhile and an admin runs it again: a new attempt 1.
    sqlx::query("UPDATE jobs SET status = 'dead', lease_id = NULL WHERE id = $1")
        .bind(id)
        .execute(&app.owner)
        .await
        .expect("dead");
    let mut tx = db::begin_org(&app.pool, org).await.expect("tx");
    assert!(queries::revive(&mut tx, org, id, clock.now()).await.expect("revive").is_some());
    tx.commit().await.expect("commit");
    let fresh = queries::claim(&mut conn, clock.now(), 10, lease, &["test.echo"]).await.expect("claim").remove(0);
    assert_eq!((hung.attempt, fresh.attempt), (1, 1));
    let mut tx = db::begin_org(&app.pool, org).await.expect("tx");
    assert!(
        !queries::finish(&mut tx, &hung, clock.now(), Some("late"), None).await.expect("finish"),
        "the hung worker is fenced off"
    );
    assert!(queries::finish(&mut tx, &fresh, clock.now(), None, None).await.expect("finish"));
    tx.commit().await.expect("commit");
    assert_eq!(status(&app.owner, id).await.as_deref(), Some("done"));
}

#[actix_web::test]
async fn only_admins_see_and_retry_jobs_and_only_their_organisations() {
    let app = spawn().await;
    let org = org_of(&app.owner, ALEX).await;
    let id = enqueue(&app.pool, org, "test.echo", json!({}), Utc::now(), true).await;
    let retry = format!("/api/v1/jobs/{id}/retry");
    for who in [EMMA, TOM, PRIYA] {
        let token = app.login(who).await;
        assert_eq!(app.get("/api/v1/jobs", &token).await.status, StatusCode::FORBIDDEN, "{who}");
        assert_eq!(app.post(&retry, &token, json!({})).await.status, StatusCode::FORBIDDEN, "{who}");
    }
    let lena = app.login(LENA).await;
    assert_eq!(app.get("/api/v1/jobs", &lena).await.data::<Vec<shared_types::BackgroundJob>>().len(), 0);
    assert_eq!(app.post(&retry, &lena, json!({})).await.status, StatusCode::NOT_FOUND);
    let alex = app.login(ALEX).await;
    let mine =
        app.get("/api/v1/jobs?kind=test.echo&status=ready", &alex).await.data::<Vec<shared_types::BackgroundJob>>();
    assert_eq!(mine.iter().map(|j| j.id).collect::<Vec<_>>(), [id]);
    assert_eq!(app.post(&retry, &alex, json!({})).await.status, StatusCode::CONFLICT, "a ready job needs no retry");
    assert_eq!(app.get("/api/v1/jobs?status=lost", &alex).await.status, StatusCode::UNPROCESSABLE_ENTITY);
}
