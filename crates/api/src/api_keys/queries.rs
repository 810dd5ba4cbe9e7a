//! Stored API keys (hash and visible prefix only). Every query names the organisation
//! (`organisation_id = $org`); RLS is the second wall. A
//! presented key is looked up across organisations by `auth_api_key` instead
//! ([`crate::platform::auth::api_key`]).

use chrono::{DateTime, Utc};
use shared_types::{ApiKey, ApiScope, UserRef};
use uuid::Uuid;

use crate::platform::db::Tx;

/// A key to store.
pub struct NewKey<'a> {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub user_id: Uuid,
    pub name: &'a str,
    pub prefix: &'a str,
    pub hash: &'a [u8],
    pub scopes: &'a [ApiScope],
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// Stores a key.
pub async fn insert(tx: &mut Tx, k: NewKey<'_>) -> sqlx::Result<()> {
    let scopes: Vec<&str> = k.scopes.iter().map(|s| s.as_str()).collect();
    sqlx::query(
        "INSERT INTO api_keys (id, organisation_id, user_id, name, prefix, key_hash, scopes, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(k.id)
    .bind(k.organisation_id)
    .bind(k.user_id)
    .bind(k.name)
    .bind(k.prefix)
    .bind(k.hash)
    .bind(scopes)
    .bind(k.created_at)
    .bind(k.expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

type Row = (
    Uuid,
    String,
    String,
    Vec<String>,
    Uuid,
    String,
    String,
    DateTime<Utc>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
    Option<DateTime<Utc>>,
);

/// Keys of `org` newest first: of `owner` when set, else of the whole organisation;
/// only the key `id` when set.
pub async fn list(tx: &mut Tx, org: Uuid, owner: Option<Uuid>, id: Option<Uuid>) -> sqlx::Result<Vec<ApiKey>> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT k.id, k.name, k.prefix, k.scopes, u.id, u.name, u.email, k.created_at, k.expires_at,
                k.last_used_at, k.revoked_at
         FROM api_keys k JOIN users u ON u.organisation_id = k.organisation_id AND u.id = k.user_id
         WHERE k.organisation_id = $3 AND ($1::uuid IS NULL OR k.user_id = $1) AND ($2::uuid IS NULL OR k.id = $2)
         ORDER BY k.created_at DESC, k.id",
    )
    .bind(owner)
    .bind(id)
    .bind(org)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, name, prefix, scopes, uid, uname, email, created_at, expires_at, last_used_at, revoked_at)| ApiKey {
            id,
            name,
            prefix,
            scopes: scopes.iter().filter_map(|s| ApiScope::parse(s)).collect(),
            owner: UserRef { id: uid, name: uname, email },
            created_at,
            expires_at,
            last_used_at,
            revoked_at,
        })
        .collect())
}

/// Revokes a key of `org` (of `owner` when set); false if there is no such live key.
pub async fn revoke(tx: &mut Tx, org: Uuid, id: Uuid, owner: Option<Uuid>, now: DateTime<Utc>) -> sqlx::Result<bool> {
    let n = sqlx::query(
        "UPDATE api_keys SET revoked_at = $3
         WHERE organisation_id = $4 AND id = $1 AND ($2::uuid IS NULL OR user_id = $2) AND revoked_at IS NULL",
    )
    .bind(id)
    .bind(owner)
    .bind(now)
    .bind(org)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    Ok(n > 0)
}
