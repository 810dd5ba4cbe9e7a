//! Service items as admins and service owners manage them: the item row, its
//! ordered approval rules, and deletion of items no ticket uses. Every query names the
//! organisation (`organisation_id = $org`); RLS is the second wall.

use shared_types::{ApprovalRule, ItemKind, Priority, ServiceItemAdmin, ServiceItemInput, UnitScope};
use sqlx::FromRow;
use uuid::Uuid;

use super::catalog;
use crate::platform::db::Tx;

#[derive(FromRow)]
struct Row {
    id: Uuid,
    category_id: Uuid,
    category_name: String,
    department_id: Option<Uuid>,
    name: String,
    description: String,
    kind: String,
    default_priority: String,
    fulfilment_unit_id: Option<Uuid>,
    fulfilment_unit_name: Option<String>,
    response_target_minutes: Option<i32>,
    resolution_target_minutes: Option<i32>,
    requires_approval: bool,
    keywords: Vec<String>,
    position: i32,
    is_active: bool,
    form_version: Option<i32>,
}

const SELECT: &str = "SELECT i.id, i.category_id, c.name AS category_name, c.department_id, i.name, i.description,
        i.kind, i.default_priority, i.fulfilment_unit_id, u.name AS fulfilment_unit_name,
        i.response_target_minutes, i.resolution_target_minutes, i.requires_approval, i.keywords, i.position,
        i.is_active,
        (SELECT max(version) FROM service_item_forms f
         WHERE f.organisation_id = i.organisation_id AND f.service_item_id = i.id) AS form_version
    FROM service_items i JOIN service_categories c ON c.id = i.category_id
    LEFT JOIN units u ON u.id = i.fulfilment_unit_id";

/// An item with the department owning its category (for the service-owner check).
pub struct Owned {
    pub item: ServiceItemAdmin,
    pub department_id: Option<Uuid>,
}

/// The rows as [`Owned`] items, each with the approval rules of `org`.
async fn finish(tx: &mut Tx, org: Uuid, rows: Vec<Row>) -> sqlx::Result<Vec<Owned>> {
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let approval_rules = catalog::rules(tx, org, r.id).await?;
        out.push(Owned {
            department_id: r.department_id,
            item: ServiceItemAdmin {
                id: r.id,
                category_id: r.category_id,
                category_name: r.category_name,
                name: r.name,
                description: r.description,
                kind: if r.kind == "incident" { ItemKind::Incident } else { ItemKind::Request },
                default_priority: Priority::parse(&r.default_priority).unwrap_or(Priority::Medium),
                fulfilment_unit_id: r.fulfilment_unit_id,
                fulfilment_unit_name: r.fulfilment_unit_name,
                response_target_minutes: r.response_target_minutes,
                resolution_target_minutes: r.resolution_target_minutes,
                requires_approval: r.requires_approval,
                approval_rules,
                keywords: r.keywords,
                position: r.position,
                is_active: r.is_active,
                form_version: r.form_version.unwrap_or(0),
                editable: false,
            },
        });
    }
    Ok(out)
}

/// Items of `org` by category position and name; of one category and/or activity
/// when given.
pub async fn list(tx: &mut Tx, org: Uuid, category: Option<Uuid>, active: Option<bool>) -> sqlx::Result<Vec<Owned>> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "{SELECT} WHERE i.organisation_id = $3
           AND ($1::uuid IS NULL OR i.category_id = $1) AND ($2::bool IS NULL OR i.is_active = $2)
         ORDER BY c.position, c.name, i.position, i.name"
    ))
    .bind(category)
    .bind(active)
    .bind(org)
    .fetch_all(&mut **tx)
    .await?;
    finish(tx, org, rows).await
}

/// One item of `org`, active or not, locked for a change when `lock`; `None` if `org`
/// has no such item.
pub async fn get(tx: &mut Tx, org: Uuid, id: Uuid, lock: bool) -> sqlx::Result<Option<Owned>> {
    if lock {
        sqlx::query("SELECT 1 FROM service_items WHERE organisation_id = $1 AND id = $2 FOR UPDATE")
            .bind(org)
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    let rows: Vec<Row> = sqlx::query_as(&format!("{SELECT} WHERE i.organisation_id = $1 AND i.id = $2"))
        .bind(org)
        .bind(id)
        .fetch_all(&mut **tx)
        .await?;
    Ok(finish(tx, org, rows).await?.pop())
}

/// Inserts or updates an item of `org` from checked input (rules are saved by
/// [`replace_rules`]). `RowNotFound` when `id` is an item of another organisation
/// (left alone); a taken name is a unique violation.
pub async fn save(tx: &mut Tx, org: Uuid, id: Uuid, i: &ServiceItemInput) -> sqlx::Result<()> {
    let done = sqlx::query(
        "INSERT INTO service_items (id, organisation_id, category_id, name, description, kind, default_priority,
             fulfilment_unit_id, response_target_minutes, resolution_target_minutes, requires_approval, is_active,
             keywords, position)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
         ON CONFLICT (id) DO UPDATE SET category_id = EXCLUDED.category_id, name = EXCLUDED.name,
             description = EXCLUDED.description, kind = EXCLUDED.kind, default_priority = EXCLUDED.default_priority,
             fulfilment_unit_id = EXCLUDED.fulfilment_unit_id,
             response_target_minutes = EXCLUDED.response_target_minutes,
             resolution_target_minutes = EXCLUDED.resolution_target_minutes,
             requires_approval = EXCLUDED.requires_approval, is_active = EXCLUDED.is_active,
             keywords = EXCLUDED.keywords, position = EXCLUDED.position
         WHERE service_items.organisation_id = EXCLUDED.organisation_id",
    )
    .bind(id)
    .bind(org)
    .bind(i.category_id)
    .bind(&i.name)
    .bind(&i.description)
    .bind(if i.kind == ItemKind::Incident { "incident" } else { "request" })
    .bind(i.default_priority.as_str())
    .bind(i.fulfilment_unit_id)
    .bind(i.response_target_minutes)
    .bind(i.resolution_target_minutes)
    .bind(i.requires_approval)
    .bind(i.is_active)
    .bind(&i.keywords)
    .bind(i.position)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(sqlx::Error::RowNotFound);
    }
    Ok(())
}

fn scope_str(s: UnitScope) -> &'static str {
    match s {
        UnitScope::Same => "same",
        UnitScope::Parent => "parent",
        UnitScope::Department => "department",
        UnitScope::Any => "any",
    }
}

/// Replaces the approval rules of the item `item` of `org` with `rules` (steps
/// renumbered 1..=n in order).
pub async fn replace_rules(tx: &mut Tx, org: Uuid, item: Uuid, rules: &[ApprovalRule]) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM approval_rules WHERE organisation_id = $1 AND service_item_id = $2")
        .bind(org)
        .bind(item)
        .execute(&mut **tx)
        .await?;
    for (n, r) in rules.iter().enumerate() {
        sqlx::query(
            "INSERT INTO approval_rules (id, organisation_id, service_item_id, step, approver_role, unit_scope,
                                         is_required)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(Uuid::new_v4())
        .bind(org)
        .bind(item)
        .bind(i32::try_from(n + 1).unwrap_or(i32::MAX))
        .bind(r.approver_role.as_str())
        .bind(scope_str(r.unit_scope))
        .bind(r.is_required)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Deletes an item of `org` with its rules and forms; returns the items deleted (0: no
/// such item). A foreign-key violation means tickets use it.
pub async fn delete(tx: &mut Tx, org: Uuid, id: Uuid) -> sqlx::Result<u64> {
    for sql in [
        "DELETE FROM approval_rules WHERE organisation_id = $1 AND service_item_id = $2",
        "DELETE FROM service_item_forms WHERE organisation_id = $1 AND service_item_id = $2",
    ] {
        sqlx::query(sql).bind(org).bind(id).execute(&mut **tx).await?;
    }
    Ok(sqlx::query("DELETE FROM service_items WHERE organisation_id = $1 AND id = $2")
        .bind(org)
        .bind(id)
        .execute(&mut **tx)
        .await?
        .rows_affected())
}
