//! Creating an organisation (sign-up): the organisation row with a unique slug and its
//! default structure. Runs in a transaction begun with [`crate::platform::db::begin_org`] for the
//! new organisation's id, so the RLS `WITH CHECK` admits the rows.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::platform::db::Tx;

/// Inserts the organisation under `slug`; `false` when the slug is taken (by any
/// organisation: the unique index sees them all, RLS or not).
pub async fn insert(tx: &mut Tx, id: Uuid, name: &str, slug: &str, now: DateTime<Utc>) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "INSERT INTO organisations (id, name, slug, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (slug) DO NOTHING",
    )
    .bind(id)
    .bind(name)
    .bind(slug)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Inserts a department; returns its id.
pub async fn insert_department(tx: &mut Tx, org: Uuid, name: &str, service_owner: bool) -> sqlx::Result<Uuid> {
    let id = Uuid::new_v4();
    sqlx::query("INSERT INTO departments (id, organisation_id, name, is_service_owner) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(org)
        .bind(name)
        .bind(service_owner)
        .execute(&mut **tx)
        .await?;
    Ok(id)
}

/// Inserts a top-level unit of `department`; returns its id.
pub async fn insert_unit(tx: &mut Tx, org: Uuid, department: Uuid, name: &str) -> sqlx::Result<Uuid> {
    let id = Uuid::new_v4();
    sqlx::query("INSERT INTO units (id, organisation_id, department_id, name) VALUES ($1, $2, $3, $4)")
        .bind(id)
        .bind(org)
        .bind(department)
        .bind(name)
        .execute(&mut **tx)
        .await?;
    Ok(id)
}

/// Makes `user` a manager of `unit`.
pub async fn insert_manager(tx: &mut Tx, org: Uuid, unit: Uuid, user: Uuid) -> sqlx::Result<()> {
    sqlx::query("INSERT INTO unit_managers (organisation_id, unit_id, user_id) VALUES ($1, $2, $3)")
        .bind(org)
        .bind(unit)
        .bind(user)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// The organisation's name.
pub async fn name(tx: &mut Tx, org: Uuid) -> sqlx::Result<String> {
    sqlx::query_scalar("SELECT name FROM organisations WHERE id = $1").bind(org).fetch_one(&mut **tx).await
}
