//! Departments, units (a tree) and unit managers.

use std::collections::HashMap;

use shared_types::{Department, Unit, UserRef};
use uuid::Uuid;

use super::Tx;

/// Every department by name, with its number of units.
pub async fn departments(tx: &mut Tx) -> sqlx::Result<Vec<Department>> {
    let rows: Vec<(Uuid, String, bool, i64)> = sqlx::query_as(
        "SELECT d.id, d.name, d.is_service_owner, (SELECT count(*) FROM units u WHERE u.department_id = d.id)
         FROM departments d ORDER BY d.name, d.id",
    )
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, is_service_owner, unit_count)| Department { id, name, is_service_owner, unit_count })
        .collect())
}

/// Inserts or updates a department.
pub async fn save_department(tx: &mut Tx, org: Uuid, id: Uuid, name: &str, owner: bool) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "INSERT INTO departments (id, organisation_id, name, is_service_owner) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, is_service_owner = EXCLUDED.is_service_owner",
    )
    .bind(id)
    .bind(org)
    .bind(name)
    .bind(owner)
    .execute(&mut **tx)
    .await?
    .rows_affected())
}

/// Whether a department exists.
pub async fn department_exists(tx: &mut Tx, id: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM departments WHERE id = $1)").bind(id).fetch_one(&mut **tx).await
}

/// Deletes a department; a foreign-key violation means it is still in use.
pub async fn delete_department(tx: &mut Tx, id: Uuid) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM departments WHERE id = $1").bind(id).execute(&mut **tx).await?.rows_affected())
}

/// Every unit, parents before children (by depth, then name), with its department,
/// number of users and managers.
pub async fn units(tx: &mut Tx) -> sqlx::Result<Vec<Unit>> {
    let rows: Vec<(Uuid, String, Uuid, String, Option<Uuid>, i64)> = sqlx::query_as(
        "WITH RECURSIVE tree AS (
             SELECT id, 0 AS depth FROM units WHERE parent_id IS NULL
             UNION ALL SELECT c.id, t.depth + 1 FROM units c JOIN tree t ON c.parent_id = t.id)
         SELECT u.id, u.name, u.department_id, d.name, u.parent_id,
                (SELECT count(*) FROM users p WHERE p.unit_id = u.id AND p.is_active)
         FROM units u JOIN tree t ON t.id = u.id JOIN departments d ON d.id = u.department_id
         ORDER BY t.depth, u.name, u.id",
    )
    .fetch_all(&mut **tx)
    .await?;
    let mut managers = managers_by_unit(tx).await?;
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

async fn managers_by_unit(tx: &mut Tx) -> sqlx::Result<HashMap<Uuid, Vec<UserRef>>> {
    let rows: Vec<(Uuid, Uuid, String, String)> = sqlx::query_as(
        "SELECT m.unit_id, u.id, u.name, u.email FROM unit_managers m JOIN users u ON u.id = m.user_id
         ORDER BY u.name, u.id",
    )
    .fetch_all(&mut **tx)
    .await?;
    let mut map: HashMap<Uuid, Vec<UserRef>> = HashMap::new();
    for (unit, id, name, email) in rows {
        map.entry(unit).or_default().push(UserRef { id, name, email });
    }
    Ok(map)
}

/// The managers of one unit.
pub async fn managers(tx: &mut Tx, unit: Uuid) -> sqlx::Result<Vec<UserRef>> {
    Ok(managers_by_unit(tx).await?.remove(&unit).unwrap_or_default())
}

/// The tree as `unit → parent`, for cycle checks; locks the units so two concurrent
/// moves cannot make a cycle together.
pub async fn parents_locked(tx: &mut Tx) -> sqlx::Result<HashMap<Uuid, Option<Uuid>>> {
    let rows: Vec<(Uuid, Option<Uuid>)> =
        sqlx::query_as("SELECT id, parent_id FROM units FOR UPDATE").fetch_all(&mut **tx).await?;
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

/// Inserts or updates a unit.
pub async fn save_unit(tx: &mut Tx, u: UnitRow<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO units (id, organisation_id, name, department_id, parent_id) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, department_id = EXCLUDED.department_id,
                                        parent_id = EXCLUDED.parent_id",
    )
    .bind(u.id)
    .bind(u.organisation_id)
    .bind(u.name)
    .bind(u.department_id)
    .bind(u.parent_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Deletes a unit with its manager assignments; a foreign-key violation means people,
/// sub-units, tickets or catalog items still use it.
pub async fn delete_unit(tx: &mut Tx, id: Uuid) -> sqlx::Result<u64> {
    sqlx::query("DELETE FROM unit_managers WHERE unit_id = $1").bind(id).execute(&mut **tx).await?;
    Ok(sqlx::query("DELETE FROM units WHERE id = $1").bind(id).execute(&mut **tx).await?.rows_affected())
}

/// Makes `user` a manager of `unit` (idempotent).
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

/// Removes `user` as a manager of `unit`.
pub async fn remove_manager(tx: &mut Tx, unit: Uuid, user: Uuid) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM unit_managers WHERE unit_id = $1 AND user_id = $2")
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
