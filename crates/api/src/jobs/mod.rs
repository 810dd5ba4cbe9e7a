//! Background jobs and `/jobs`: the one runner for all background work (e-mail now;
//! notifications, webhooks, SLA timers and imports next).
//!
//! - A feature enqueues with [`enqueue`] on the transaction of the change that causes
//!   the job: the job exists exactly when the change commits, and not otherwise.
//! - The [`runner`] claims due jobs of every organisation with `FOR UPDATE SKIP
//!   LOCKED` inside one short statement that leases them (table `jobs`, function
//!   `jobs_claim`), so any number of API instances can work the queue and no
//!   transaction or row lock is held while a job talks to the network. Each job runs
//!   through the [`Handler`] registered for its kind, with the job's organisation as
//!   the tenant of every transaction it opens.
//! - A failed attempt is retried with exponential backoff and jitter
//!   ([`runner::retry_delay`]); after the job's `max_attempts` it is `dead`. Admins
//!   list jobs and run a dead one again ([`handlers`]: `GET /jobs`,
//!   `POST /jobs/{id}/retry`).
//! - Delivery is at least once: a worker that dies mid-job leaves it to be claimed
//!   again when its lease ends, so handlers are idempotent (the e-mail handler sends
//!   nothing for a message already sent).
//!
//! Why not a crate: the well-kept PostgreSQL queues that can enqueue on the caller's
//! transaction need sqlx 0.9 (graphile_worker) or bring a second TLS stack and a young
//! storage engine into sqlx by feature unification (awa); apalis-postgres cannot
//! enqueue on a caller's transaction through its Rust API at all.

pub mod handlers;
pub mod queries;
pub mod runner;
pub mod service;

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::PgPool;
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

use crate::platform::clock::Clock;
use crate::platform::db::Tx;

pub use queries::enqueue;

/// Registers the `/jobs` operations.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_jobs).service(handlers::retry_job);
}

/// A job to enqueue: its kind (the [`Handler::kind`] that runs it), its input and when
/// it is due.
#[derive(Debug, Clone)]
pub struct NewJob {
    pub kind: &'static str,
    /// A JSON object: the handler's input.
    pub payload: Value,
    /// Not before this instant.
    pub run_at: DateTime<Utc>,
    /// Attempts before the job is dead (1..=100).
    pub max_attempts: i32,
}

/// A claimed job, as its handler receives it.
#[derive(Debug, Clone)]
pub struct Job {
    pub organisation_id: Uuid,
    pub id: Uuid,
    pub kind: String,
    pub payload: Value,
    /// This attempt's number, 1-based.
    pub attempt: i32,
    pub max_attempts: i32,
    /// This claim's lease: outcomes are recorded only while it is the job's current one.
    pub lease: Uuid,
}

impl Job {
    /// Whether a failure of this attempt makes the job dead.
    pub fn is_last_attempt(&self) -> bool {
        self.attempt >= self.max_attempts
    }
}

/// Why an attempt failed: the message is kept on the job (admins read it); a
/// `permanent` failure (the payload can never work) makes the job dead at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub message: String,
    pub permanent: bool,
}

impl Failure {
    /// A failure worth retrying (the network, a busy server).
    pub fn retry(message: impl Into<String>) -> Self {
        Self { message: message.into(), permanent: false }
    }

    /// A failure no retry can mend (a payload that does not parse, a row that is gone).
    pub fn permanent(message: impl Into<String>) -> Self {
        Self { message: message.into(), permanent: true }
    }
}

impl From<sqlx::Error> for Failure {
    fn from(e: sqlx::Error) -> Self {
        Self::retry(format!("database: {e}"))
    }
}

/// What a handler's attempt returns.
pub type Outcome<'a> = Pin<Box<dyn Future<Output = Result<(), Failure>> + Send + 'a>>;

/// Runs the jobs of one kind. An attempt opens its own short transactions (see
/// [`Context::begin`]) and never holds one across network I/O; it may run more than
/// once for one job (at least once), so it must be idempotent.
pub trait Handler: Send + Sync {
    /// The kind this handler runs, e.g. `mail.send`.
    fn kind(&self) -> &'static str;
    /// One attempt at `job`.
    fn run<'a>(&'a self, job: &'a Job, ctx: &'a Context) -> Outcome<'a>;

    /// Called when an attempt of `job` failed without the handler saying so itself (it
    /// ran out of time and was cancelled): a handler that keeps its own record of the
    /// work (the e-mail outbox) updates it here. `dead`: no attempt follows. The
    /// default does nothing.
    fn interrupted<'a>(&'a self, job: &'a Job, ctx: &'a Context, dead: bool) -> Outcome<'a> {
        let _ = (job, ctx, dead);
        Box::pin(async { Ok(()) })
    }
}

/// What a handler may use: the pool (the application's role, under RLS) and the clock.
#[derive(Clone)]
pub struct Context {
    pub pool: PgPool,
    pub clock: Arc<dyn Clock>,
}

impl Context {
    /// A transaction scoped to `job`'s organisation.
    pub async fn begin(&self, job: &Job) -> sqlx::Result<Tx> {
        crate::platform::db::begin_org(&self.pool, job.organisation_id).await
    }
}
