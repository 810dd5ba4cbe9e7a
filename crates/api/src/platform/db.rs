//! Data access: functions that take a transaction (or a pool where no tenant is known
//! yet) and run SQL. Every tenant query runs inside [`begin_org`], which sets
//! `app.current_org` for the transaction so row-level security applies, and also names
//! its organisation itself (`organisation_id = $org`): RLS is defence in depth, not
//! the only wall. One read is a single statement on the pool instead, for speed: the
//! SQL function `ticket_detail` sets `app.current_org` itself, transaction-local, so
//! the setting ends with its statement (`tickets::queries::detail`). [`super::role_check`] refuses to serve with a role
//! RLS would not restrict.

use sqlx::{PgPool, Postgres, Transaction};
use uuid::Uuid;

/// A transaction scoped to one organisation.
pub type Tx = Transaction<'static, Postgres>;

/// Begins a transaction with `app.current_org` set to `org` (transaction-local), so
/// RLS policies admit only that organisation's rows.
///
/// `BEGIN` and the setting travel in one simple-protocol message: one round trip
/// instead of two on every request. Interpolating is safe here: a [`Uuid`]
/// formats as hexadecimal digits and hyphens only.
pub async fn begin_org(pool: &PgPool, org: Uuid) -> sqlx::Result<Tx> {
    pool.begin_with(format!("BEGIN; SELECT set_config('app.current_org', '{org}', true)")).await
}

/// [`begin_org`] for statements whose shape, not their values, decides the plan (the
/// ticket list: one branch per set of the caller's scope, each an index walk). They
/// run with PostgreSQL's generic plan for the transaction: planning the list afresh
/// took as long as running it (5 ms of 10), and a generic plan served 30 % more lists
/// per second at 1,000,000 tickets.
pub async fn begin_org_planned_once(pool: &PgPool, org: Uuid) -> sqlx::Result<Tx> {
    pool.begin_with(format!(
        "BEGIN; SELECT set_config('app.current_org', '{org}', true); SET LOCAL plan_cache_mode = force_generic_plan"
    ))
    .await
}

/// The migrations in `migrations/`, embedded at build time.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("../../migrations");
