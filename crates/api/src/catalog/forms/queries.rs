//! Versioned request forms (immutable; a ticket keeps the version it was filed under)
//! and catalog search. Every query names the organisation (`organisation_id = $org`);
//! RLS is the second wall.

use chrono::{DateTime, Utc};
use serde_json::Value;
use shared_types::{CatalogSearchHit, FormVersion, ItemKind, UserRef};
use uuid::Uuid;

use crate::platform::db::Tx;

/// Stores `schema` as the next version of the form of the item `item` of `org` (the
/// item row must be locked by the caller) and returns the version. Stored as json
/// text: property order is field order.
pub async fn insert(
    tx: &mut Tx,
    org: Uuid,
    item: Uuid,
    schema: &Value,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> sqlx::Result<i32> {
    sqlx::query_scalar(
        "INSERT INTO service_item_forms (organisation_id, service_item_id, version, schema, created_at, created_by)
         SELECT $1, $2, coalesce(max(version), 0) + 1, $3::json, $4, $5 FROM service_item_forms
         WHERE organisation_id = $1 AND service_item_id = $2
         RETURNING version",
    )
    .bind(org)
    .bind(item)
    .bind(schema.to_string())
    .bind(now)
    .bind(by)
    .fetch_one(&mut **tx)
    .await
}

/// One version of the form of an item of `org`; `None` if `org` has no such version.
pub async fn version(tx: &mut Tx, org: Uuid, item: Uuid, version: i32) -> sqlx::Result<Option<Value>> {
    let text: Option<String> = sqlx::query_scalar(
        "SELECT schema::text FROM service_item_forms
         WHERE organisation_id = $1 AND service_item_id = $2 AND version = $3",
    )
    .bind(org)
    .bind(item)
    .bind(version)
    .fetch_optional(&mut **tx)
    .await?;
    text.map(|s| serde_json::from_str(&s)).transpose().map_err(|e| sqlx::Error::Decode(Box::new(e)))
}

/// Every version of the form of an item of `org`, newest first (none for an item of
/// another organisation).
pub async fn versions(tx: &mut Tx, org: Uuid, item: Uuid) -> sqlx::Result<Vec<FormVersion>> {
    type Row = (i32, DateTime<Utc>, Option<Uuid>, Option<String>, Option<String>, i64);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT f.version, f.created_at, u.id, u.name, u.email,
                (SELECT count(*) FROM json_object_keys(coalesce(f.schema -> 'properties', '{}'::json)))
         FROM service_item_forms f LEFT JOIN users u ON u.organisation_id = f.organisation_id AND u.id = f.created_by
         WHERE f.organisation_id = $1 AND f.service_item_id = $2 ORDER BY f.version DESC",
    )
    .bind(org)
    .bind(item)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(version, created_at, uid, name, email, field_count)| FormVersion {
            version,
            created_at,
            created_by: uid.map(|id| UserRef { id, name: name.unwrap_or_default(), email: email.unwrap_or_default() }),
            field_count,
        })
        .collect())
}

/// Active items of active categories of `org` matching every word of `q` (each word
/// also as a prefix, for type-ahead), best first: `ts_rank` over name (A), keywords (B)
/// and description (C).
pub async fn search(tx: &mut Tx, org: Uuid, q: &str, limit: i64) -> sqlx::Result<Vec<CatalogSearchHit>> {
    let words: Vec<String> = q
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| format!("{}:*", w.to_lowercase()))
        .collect();
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let rows: Vec<(Uuid, String, String, String, String, f32)> = sqlx::query_as(
        "SELECT i.id, i.name, i.description, i.kind, c.name, ts_rank(i.search, query) AS rank
         FROM service_items i JOIN service_categories c ON c.id = i.category_id,
              to_tsquery('english', $1) AS query
         WHERE i.organisation_id = $3 AND i.search @@ query AND i.is_active AND c.is_active
         ORDER BY rank DESC, i.name LIMIT $2",
    )
    .bind(words.join(" & "))
    .bind(limit)
    .bind(org)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, description, kind, category_name, rank)| CatalogSearchHit {
            id,
            name,
            description,
            kind: if kind == "incident" { ItemKind::Incident } else { ItemKind::Request },
            category_name,
            rank,
        })
        .collect())
}
