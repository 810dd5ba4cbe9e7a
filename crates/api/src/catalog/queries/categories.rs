//! Service categories as admins manage them: a tree with an owning department,
//! ordering, icon and active flag. Every query names the organisation
//! (`organisation_id = $org`); RLS is the second wall.

use std::collections::HashMap;

use shared_types::{Category, CategoryInput};
use sqlx::FromRow;
use uuid::Uuid;

use crate::platform::db::Tx;

#[derive(FromRow)]
struct Row {
    id: Uuid,
    parent_id: Option<Uuid>,
    department_id: Option<Uuid>,
    name: String,
    description: String,
    icon: Option<String>,
    position: i32,
    is_active: bool,
    item_count: i64,
}

/// Every category of `org`, parents before children (then by position and name);
/// inactive ones only when `with_inactive`.
pub async fn list(tx: &mut Tx, org: Uuid, with_inactive: bool) -> sqlx::Result<Vec<Category>> {
    let rows: Vec<Row> = sqlx::query_as(
        "WITH RECURSIVE tree AS (
             SELECT id, 0 AS depth FROM service_categories WHERE organisation_id = $2 AND parent_id IS NULL
             UNION ALL SELECT c.id, t.depth + 1 FROM service_categories c JOIN tree t ON c.parent_id = t.id
             WHERE c.organisation_id = $2)
         SELECT c.id, c.parent_id, c.department_id, c.name, c.description, c.icon, c.position, c.is_active,
                (SELECT count(*) FROM service_items i
                 WHERE i.organisation_id = c.organisation_id AND i.category_id = c.id) AS item_count
         FROM service_categories c JOIN tree t ON t.id = c.id
         WHERE c.organisation_id = $2 AND ($1 OR c.is_active)
         ORDER BY t.depth, c.position, c.name, c.id",
    )
    .bind(with_inactive)
    .bind(org)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| Category {
            id: r.id,
            parent_id: r.parent_id,
            department_id: r.department_id,
            name: r.name,
            description: r.description,
            icon: r.icon,
            position: r.position,
            is_active: r.is_active,
            item_count: r.item_count,
        })
        .collect())
}

/// The tree of `org` as `category → parent`, locked, for cycle checks.
pub async fn parents_locked(tx: &mut Tx, org: Uuid) -> sqlx::Result<HashMap<Uuid, Option<Uuid>>> {
    let rows: Vec<(Uuid, Option<Uuid>)> =
        sqlx::query_as("SELECT id, parent_id FROM service_categories WHERE organisation_id = $1 FOR UPDATE")
            .bind(org)
            .fetch_all(&mut **tx)
            .await?;
    Ok(rows.into_iter().collect())
}

/// Inserts or updates a category of `org` from checked input. `RowNotFound` when `id`
/// is a category of another organisation (left alone).
pub async fn save(tx: &mut Tx, org: Uuid, id: Uuid, c: &CategoryInput) -> sqlx::Result<()> {
    let done = sqlx::query(
        "INSERT INTO service_categories (id, organisation_id, parent_id, department_id, name, description, icon,
                                         position, is_active)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO UPDATE SET parent_id = EXCLUDED.parent_id, department_id = EXCLUDED.department_id,
             name = EXCLUDED.name, description = EXCLUDED.description, icon = EXCLUDED.icon,
             position = EXCLUDED.position, is_active = EXCLUDED.is_active
         WHERE service_categories.organisation_id = EXCLUDED.organisation_id",
    )
    .bind(id)
    .bind(org)
    .bind(c.parent_id)
    .bind(c.department_id)
    .bind(&c.name)
    .bind(&c.description)
    .bind(&c.icon)
    .bind(c.position)
    .bind(c.is_active)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(sqlx::Error::RowNotFound);
    }
    Ok(())
}

/// Deletes a category of `org`; returns the rows deleted (0: no such category). A
/// foreign-key violation means items or sub-categories remain.
pub async fn delete(tx: &mut Tx, org: Uuid, id: Uuid) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM service_categories WHERE organisation_id = $1 AND id = $2")
        .bind(org)
        .bind(id)
        .execute(&mut **tx)
        .await?
        .rows_affected())
}

/// The owning department of a category of `org`: `None` if `org` has no such
/// category.
pub async fn department_of(tx: &mut Tx, org: Uuid, id: Uuid) -> sqlx::Result<Option<Option<Uuid>>> {
    sqlx::query_scalar("SELECT department_id FROM service_categories WHERE organisation_id = $1 AND id = $2")
        .bind(org)
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
}

/// The departments whose services `user` of `org` owns: those of the units it
/// manages.
pub async fn owned_departments(tx: &mut Tx, org: Uuid, user: Uuid) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "SELECT DISTINCT u.department_id FROM unit_managers m
         JOIN units u ON u.organisation_id = m.organisation_id AND u.id = m.unit_id
         WHERE m.organisation_id = $1 AND m.user_id = $2",
    )
    .bind(org)
    .bind(user)
    .fetch_all(&mut **tx)
    .await
}
