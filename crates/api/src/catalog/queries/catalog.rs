//! The service catalog: categories, items, forms and approval rules. Every query
//! names its organisation (`organisation_id = $org`) besides RLS.

use std::collections::HashMap;

use serde_json::Value;
use shared_types::{ApprovalRule, CategoryNode, ItemKind, Priority, Role, ServiceItem, ServiceItemSummary, UnitScope};
use sqlx::FromRow;
use uuid::Uuid;

use crate::platform::db::Tx;

#[derive(FromRow)]
struct CategoryRow {
    id: Uuid,
    parent_id: Option<Uuid>,
    name: String,
    description: String,
    icon: Option<String>,
}

#[derive(FromRow)]
struct ItemRow {
    id: Uuid,
    category_id: Uuid,
    name: String,
    description: String,
    kind: String,
    requires_approval: bool,
    default_priority: String,
}

fn kind(s: &str) -> ItemKind {
    if s == "incident" {
        ItemKind::Incident
    } else {
        ItemKind::Request
    }
}

/// The active category tree of `org` with its active items, ordered by position then
/// name. A category whose parent is inactive is left out with its whole branch.
pub async fn tree(tx: &mut Tx, org: Uuid) -> sqlx::Result<Vec<CategoryNode>> {
    let cats: Vec<CategoryRow> = sqlx::query_as(
        "SELECT id, parent_id, name, description, icon FROM service_categories
         WHERE organisation_id = $1 AND is_active ORDER BY position, name",
    )
    .bind(org)
    .fetch_all(&mut **tx)
    .await?;
    let items: Vec<ItemRow> = sqlx::query_as(
        "SELECT id, category_id, name, description, kind, requires_approval, default_priority
         FROM service_items WHERE organisation_id = $1 AND is_active ORDER BY position, name",
    )
    .bind(org)
    .fetch_all(&mut **tx)
    .await?;
    let mut items_by_cat: HashMap<Uuid, Vec<ServiceItemSummary>> = HashMap::new();
    for i in items {
        items_by_cat.entry(i.category_id).or_default().push(ServiceItemSummary {
            id: i.id,
            name: i.name,
            description: i.description,
            kind: kind(&i.kind),
            requires_approval: i.requires_approval,
            default_priority: Priority::parse(&i.default_priority).unwrap_or(Priority::Medium),
        });
    }
    Ok(build(None, &cats, &mut items_by_cat, 0))
}

fn build(
    parent: Option<Uuid>,
    cats: &[CategoryRow],
    items: &mut HashMap<Uuid, Vec<ServiceItemSummary>>,
    depth: usize,
) -> Vec<CategoryNode> {
    if depth > 32 {
        return Vec::new();
    }
    cats.iter()
        .filter(|c| c.parent_id == parent)
        .map(|c| CategoryNode {
            id: c.id,
            name: c.name.clone(),
            description: c.description.clone(),
            icon: c.icon.clone(),
            items: items.remove(&c.id).unwrap_or_default(),
            children: build(Some(c.id), cats, items, depth + 1),
        })
        .collect()
}

/// What ticket creation needs of an item.
#[derive(Debug, FromRow)]
pub struct ItemFacts {
    pub id: Uuid,
    pub name: String,
    pub is_active: bool,
    pub requires_approval: bool,
    pub default_priority: String,
    pub fulfilment_unit_id: Option<Uuid>,
    pub response_target_minutes: Option<i32>,
    pub resolution_target_minutes: Option<i32>,
}

/// Facts of an item of `org` (active or not); `None` if `org` has no such item.
pub async fn item_facts(tx: &mut Tx, org: Uuid, id: Uuid) -> sqlx::Result<Option<ItemFacts>> {
    sqlx::query_as(
        "SELECT id, name, is_active, requires_approval, default_priority, fulfilment_unit_id,
                response_target_minutes, resolution_target_minutes
         FROM service_items WHERE organisation_id = $1 AND id = $2",
    )
    .bind(org)
    .bind(id)
    .fetch_optional(&mut **tx)
    .await
}

#[derive(FromRow)]
struct ItemDetailRow {
    id: Uuid,
    category_id: Uuid,
    category_name: String,
    name: String,
    description: String,
    kind: String,
    default_priority: String,
    requires_approval: bool,
    fulfilment_unit_id: Option<Uuid>,
    fulfilment_unit_name: Option<String>,
    response_target_minutes: Option<i32>,
    resolution_target_minutes: Option<i32>,
    form_version: Option<i32>,
}

/// An active item of `org` with its approval rules and current form version; `None`
/// if `org` has no such active item.
pub async fn item(tx: &mut Tx, org: Uuid, id: Uuid) -> sqlx::Result<Option<ServiceItem>> {
    let row: Option<ItemDetailRow> = sqlx::query_as(
        "SELECT i.id, i.category_id, c.name AS category_name, i.name, i.description, i.kind,
                i.default_priority, i.requires_approval, i.fulfilment_unit_id, u.name AS fulfilment_unit_name,
                i.response_target_minutes, i.resolution_target_minutes,
                (SELECT max(version) FROM service_item_forms f
                 WHERE f.organisation_id = i.organisation_id AND f.service_item_id = i.id) AS form_version
         FROM service_items i JOIN service_categories c ON c.id = i.category_id
         LEFT JOIN units u ON u.id = i.fulfilment_unit_id
         WHERE i.organisation_id = $1 AND i.id = $2 AND i.is_active",
    )
    .bind(org)
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    let Some(r) = row else { return Ok(None) };
    Ok(Some(ServiceItem {
        id: r.id,
        category_id: r.category_id,
        category_name: r.category_name,
        name: r.name,
        description: r.description,
        kind: kind(&r.kind),
        default_priority: Priority::parse(&r.default_priority).unwrap_or(Priority::Medium),
        requires_approval: r.requires_approval,
        fulfilment_unit_id: r.fulfilment_unit_id,
        fulfilment_unit_name: r.fulfilment_unit_name,
        response_target_minutes: r.response_target_minutes,
        resolution_target_minutes: r.resolution_target_minutes,
        approval_rules: rules(tx, org, id).await?,
        form_version: r.form_version.unwrap_or(0),
    }))
}

/// The ordered approval rules of an item of `org` (none for an item of another
/// organisation).
pub async fn rules(tx: &mut Tx, org: Uuid, item: Uuid) -> sqlx::Result<Vec<ApprovalRule>> {
    let rows: Vec<(i32, String, String, bool)> = sqlx::query_as(
        "SELECT step, approver_role, unit_scope, is_required FROM approval_rules
         WHERE organisation_id = $1 AND service_item_id = $2 ORDER BY step",
    )
    .bind(org)
    .bind(item)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(step, role, scope, is_required)| {
            let unit_scope = match scope.as_str() {
                "same" => UnitScope::Same,
                "parent" => UnitScope::Parent,
                "department" => UnitScope::Department,
                _ => UnitScope::Any,
            };
            Some(ApprovalRule { step, approver_role: Role::parse(&role)?, unit_scope, is_required })
        })
        .collect())
}

/// The newest form of an item of `org`: (version, schema); `None` if `org` has no
/// form for it. A stored schema that is not JSON is a decode error.
pub async fn current_form(tx: &mut Tx, org: Uuid, item: Uuid) -> sqlx::Result<Option<(i32, Value)>> {
    // As text: a form's property order is its field order, and decoding through
    // jsonb would sort the keys.
    let row: Option<(i32, String)> = sqlx::query_as(
        "SELECT version, schema::text FROM service_item_forms
         WHERE organisation_id = $1 AND service_item_id = $2 ORDER BY version DESC LIMIT 1",
    )
    .bind(org)
    .bind(item)
    .fetch_optional(&mut **tx)
    .await?;
    row.map(|(v, s)| serde_json::from_str(&s).map(|schema| (v, schema)))
        .transpose()
        .map_err(|e| sqlx::Error::Decode(Box::new(e)))
}
