//! Service categories as admins manage them: a tree with an owning department,
//! ordering, icon and active flag (issue 4).

use std::collections::HashMap;

use shared_types::{Category, CategoryInput};
use sqlx::FromRow;
use uuid::Uuid;

use super::Tx;

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

/// Every category, parents before children (then by position and name); inactive
/// ones only when `with_inactive`.
pub async fn list(tx: &mut Tx, with_inactive: bool) -> sqlx::Result<Vec<Category>> {
    let rows: Vec<Row> = sqlx::query_as(
        "WITH RECURSIVE tree AS (
             SELECT id, 0 AS depth FROM service_categories WHERE parent_id IS NULL
             UNION ALL SELECT c.id, t.depth + 1 FROM service_categories c JOIN tree t ON c.parent_id = t.id)
         SELECT c.id, c.parent_id, c.department_id, c.name, c.description, c.icon, c.position, c.is_active,
                (SELECT count(*) FROM service_items i WHERE i.category_id = c.id) AS item_count
         FROM service_categories c JOIN tree t ON t.id = c.id
         WHERE $1 OR c.is_active
         ORDER BY t.depth, c.position, c.name, c.id",
    )
    .bind(with_inactive)
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

/// The tree as `category → parent`, locked, for cycle checks.
pub async fn parents_locked(tx: &mut Tx) -> sqlx::Result<HashMap<Uuid, Option<Uuid>>> {
    let rows: Vec<(Uuid, Option<Uuid>)> =
        sqlx::query_as("SELECT id, parent_id FROM service_categories FOR UPDATE").fetch_all(&mut **tx).await?;
    Ok(rows.into_iter().collect())
}

/// Inserts or updates a category from checked input.
pub async fn save(tx: &mut Tx, org: Uuid, id: Uuid, c: &CategoryInput) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO service_categories (id, organisation_id, parent_id, department_id, name, description, icon,
                                         position, is_active)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (id) DO UPDATE SET parent_id = EXCLUDED.parent_id, department_id = EXCLUDED.department_id,
             name = EXCLUDED.name, description = EXCLUDED.description, icon = EXCLUDED.icon,
             position = EXCLUDED.position, is_active = EXCLUDED.is_active",
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
    Ok(())
}

/// Deletes a category; a foreign-key violation means items or sub-categories remain.
pub async fn delete(tx: &mut Tx, id: Uuid) -> sqlx::Result<u64> {
    Ok(sqlx::query("DELETE FROM service_categories WHERE id = $1").bind(id).execute(&mut **tx).await?.rows_affected())
}

/// The owning department of a category: `None` if there is no such category.
pub async fn department_of(tx: &mut Tx, id: Uuid) -> sqlx::Result<Option<Option<Uuid>>> {
    sqlx::query_scalar("SELECT department_id FROM service_categories WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await
}

/// The departments whose services `user` owns: those of the units it manages.
pub async fn owned_departments(tx: &mut Tx, user: Uuid) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "SELECT DISTINCT u.department_id FROM unit_managers m JOIN units u ON u.id = m.unit_id WHERE m.user_id = $1",
    )
    .bind(user)
    .fetch_all(&mut **tx)
    .await
}
