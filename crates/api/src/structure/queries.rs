//! Departments, units (a tree) and unit managers. Every query names the organisation
//! (`organisation_id = $org`); RLS is the second wall. The
//! upserts change an existing row only when it is of the same organisation.

use std::collections::HashMap;

use shared_types::{Department, Unit, UserRef};
use uuid::Uuid;

use crate::platform::db::Tx;

/// Every department of `org` by name, with its number of units.
pub async fn departments(tx: &mut Tx, org: Uuid) -> sqlx::Result<Vec<Department>> {
    let rows: Vec<(Uuid, String, bool, i64)> = sqlx::query_as(
        "SELECT d.id, d.name, d.is_service_owner,
                (SELECT count(*) FROM units u WHERE u.organisation_id = d.organisation_id AND u.department_id = d.id)
         FROM departments d WHERE d.organisation_id = $1 ORDER BY d.name, d.id",
    )
    .bind(org)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, is_service_owner, unit_count)| Department { id, name, is_service_owner, unit_count })
        .collect())
}

/// Inserts or updates a department of `org`; returns the rows written (0 when `id` is
/// a department of another organisation, which is left alone). A taken name is a
/// unique violation ([`violation`]).
pub async fn save_department(tx: &mut Tx, org: Uuid, id: Uuid, name: &str, owner: bool) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "INSERT INTO departments (id, organisation_id, name, is_service_owner) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, is_service_owner = EXCLUDED.is_service_owner
         WHERE departments.organisation_id = EXCLUDED.organisation_id",
    )
    .bind(id)
    .bind(org)
    .bind(name)
    .bind(owner)
    .execute(&mut **tx)
    .await?
    .rows_affected())
}

/// Whether `org` has the department `id`.
pub async fn department_exists(tx: &mut Tx, org: Uuid, id: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM departments WHERE organisation_id = $1 AND id = $2)")
        .bind(org)
        .bind(id)
        .fetch_one(&mut **tx)
        .await
}

/// Deletes a department of `org`; returns the rows deleted (0: no such department). A
/// foreign-key violation means it is still in use.
pub async fn delete_department(tx: &mut Tx, org: Uuid, id: Uuid) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM departments WHERE organisation_id = $1 AND id = $2")
        .bind(org)
        .bind(id)
        .execute(&mut **tx)
        .await?
        .rows_affected())
}

/// Every unit of `org`, parents before children (by depth, then name), with its
/// department, number of active users and managers.
pub async fn units(tx: &mut Tx, org: Uuid) -> sqlx::Result<Vec<Unit>> {
    let rows: Vec<(Uuid, String, Uuid, String, Option<Uuid>, i64)> = sqlx::query_as(
        "WITH RECURSIVE tree AS (
             SELECT id, 0 AS depth FROM units WHERE organisation_id = $1 AND parent_id IS NULL
             UNION ALL SELECT c.id, t.depth + 1 FROM units c JOIN tree t ON c.parent_id = t.id
             WHERE c.organisation_id = $1)
         SELECT u.id, u.name, u.department_id, d.name, u.parent_id,
                (SELECT count(*) FROM users p WHERE p.organisation_id = u.organisation_id AND p.unit_id = u.id
                                                AND p.is_active)
         FROM units u JOIN tree t ON t.id = u.id JOIN departments d ON d.id = u.department_id
         WHERE u.organisation_id = $1
         ORDER BY t.depth, u.name, u.id",
    )
    .bind(org)
    .fetch_all(&mut **tx)
    .await?;
    let mut managers = managers_by_unit(tx, org).await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, department_id, department_name, parent_id, user_count)| Unit {
            id,
            name,
            department_id,
            department_name,
            parent_id,
            user_count,
            managers: managers.remove(&id).unwrap_or_default(),
        })
        .collect())
}

/// The managers of each unit of `org`, by name.
async fn managers_by_unit(tx: &mut Tx, org: Uuid) -> sqlx::Result<HashMap<Uuid, Vec<UserRef>>> {
    let rows: Vec<(Uuid, Uuid, String, String)> = sqlx::query_as(
        "SELECT m.unit_id, u.id, u.name, u.email FROM unit_managers m
         JOIN users u ON u.organisation_id = m.organisation_id AND u.id = m.user_id
         WHERE m.organisation_id = $1
         ORDER BY u.name, u.id",
    )
    .bind(org)
    .fetch_all(&mut **tx)
    .await?;
    let mut map: HashMap<Uuid, Vec<UserRef>> = HashMap::new();
    for (unit, id, name, email) in rows {
        map.entry(unit).or_default().push(UserRef { id, name, email });
    }
    Ok(map)
}

/// The managers of one unit of `org` (none for a unit of another organisation).
pub async fn managers(tx: &mut Tx, org: Uuid, unit: Uuid) -> sqlx::Result<Vec<UserRef>> {
    Ok(managers_by_unit(tx, org).await?.remove(&unit).unwrap_or_default())
}

/// The tree of `org` as `unit → parent`, for cycle checks; locks the units so two
/// concurrent moves cannot make a cycle together.
pub async fn parents_locked(tx: &mut Tx, org: Uuid) -> sqlx::Result<HashMap<Uuid, Option<Uuid>>> {
    let rows: Vec<(Uuid, Option<Uuid>)> =
        sqlx::query_as("SELECT id, parent_id FROM units WHERE organisation_id = $1 FOR UPDATE")
            .bind(org)
            .fetch_all(&mut **tx)
            .await?;
    Ok(rows.into_iter().collect())
}

/// A unit's stored fields.
pub struct UnitRow<'a> {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub name: &'a str,
    pub department_id: Uuid,
    pub parent_id: Option<Uuid>,
}

/// Inserts or updates a unit of `u.organisation_id`. `RowNotFound` when `u.id` is a
/// unit of another organisation (left alone); a taken name is a unique violation and
/// a department or parent of another organisation a foreign-key violation
/// ([`violation`]).
pub async fn save_unit(tx: &mut Tx, u: UnitRow<'_>) -> sqlx::Result<()> {
    let done = sqlx::query(
        "INSERT INTO units (id, organisation_id, name, department_id, parent_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, department_id = EXCLUDED.department_id,
                                        parent_id = EXCLUDED.parent_id
         WHERE units.organisation_id = EXCLUDED.organisation_id",
    )
    .bind(u.id)
    .bind(u.organisation_id)
    .bind(u.name)
    .bind(u.department_id)
    .bind(u.parent_id)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(sqlx::Error::RowNotFound);
    }
    Ok(())
}

/// Deletes a unit of `org` with its manager assignments; returns the units deleted
/// (0: no such unit) and the managers it had. A foreign-key violation means people,
/// sub-units, tickets or catalog items still use it.
pub async fn delete_unit(tx: &mut Tx, org: Uuid, id: Uuid) -> sqlx::Result<(u64, Vec<Uuid>)> {
    let managers =
        sqlx::query_scalar("DELETE FROM unit_managers WHERE organisation_id = $1 AND unit_id = $2 RETURNING user_id")
            .bind(org)
            .bind(id)
            .fetch_all(&mut **tx)
            .await?;
    let deleted = sqlx::query("DELETE FROM units WHERE organisation_id = $1 AND id = $2")
        .bind(org)
        .bind(id)
        .execute(&mut **tx)
        .await?
        .rows_affected();
    Ok((deleted, managers))
}

/// Makes `user` a manager of `unit` in `org` (idempotent); returns the rows inserted
/// (0: it already was one).
pub async fn add_manager(tx: &mut Tx, org: Uuid, unit: Uuid, user: Uuid) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "INSERT INTO unit_managers (organisation_id, unit_id, user_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
    )
    .bind(org)
    .bind(unit)
    .bind(user)
    .execute(&mut **tx)
    .await?
    .rows_affected())
}

/// Removes `user` as a manager of `unit` of `org`; returns the rows deleted (0: it
/// was not one).
pub async fn remove_manager(tx: &mut Tx, org: Uuid, unit: Uuid, user: Uuid) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM unit_managers WHERE organisation_id = $1 AND unit_id = $2 AND user_id = $3")
        .bind(org)
        .bind(unit)
        .bind(user)
        .execute(&mut **tx)
        .await?
        .rows_affected())
}

/// Whether `e` is a foreign-key or unique violation (a row still in use, a taken name).
pub fn violation(e: &sqlx::Error) -> Option<&'static str> {
    match e {
        sqlx::Error::Database(d) if d.is_foreign_key_violation() => Some("foreign_key"),
        sqlx::Error::Database(d) if d.is_unique_violation() => Some("unique"),
        _ => None,
    }
}
