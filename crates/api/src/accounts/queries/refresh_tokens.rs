//! Stored refresh tokens (hashes only) and their families (RFC 9700 §4.14.2). A
//! presented token's organisation is found across organisations by
//! [`organisation_of`] (a SECURITY DEFINER function); every other query names the
//! organisation (`organisation_id = $org`), with RLS as the second wall.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, PgPool};
use uuid::Uuid;

use crate::platform::db::Tx;

/// A stored refresh token.
#[derive(Debug, FromRow)]
pub struct StoredToken {
    pub id: Uuid,
    pub user_id: Uuid,
    pub family_id: Uuid,
    pub family_issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A token to store.
pub struct NewToken<'a> {
    pub organisation_id: Uuid,
    pub user_id: Uuid,
    pub family_id: Uuid,
    pub parent_id: Option<Uuid>,
    pub hash: &'a [u8],
    pub family_issued_at: DateTime<Utc>,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub user_agent: Option<&'a str>,
}

/// Stores a token.
pub async fn insert(tx: &mut Tx, t: NewToken<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO refresh_tokens (id, organisation_id, user_id, family_id, parent_id, token_hash,
             family_issued_at, issued_at, expires_at, user_agent)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(Uuid::new_v4())
    .bind(t.organisation_id)
    .bind(t.user_id)
    .bind(t.family_id)
    .bind(t.parent_id)
    .bind(t.hash)
    .bind(t.family_issued_at)
    .bind(t.issued_at)
    .bind(t.expires_at)
    .bind(t.user_agent)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The organisation of a token, through the SECURITY DEFINER function (refresh
/// happens before the organisation is known).
pub async fn organisation_of(pool: &PgPool, hash: &[u8]) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar("SELECT auth_refresh_token_org($1)").bind(hash).fetch_one(pool).await
}

/// Finds a token of `org` (see [`organisation_of`]) by hash and locks it, so two
/// concurrent refreshes with one token are serialised: the second sees it used.
pub async fn find_for_update(tx: &mut Tx, org: Uuid, hash: &[u8]) -> sqlx::Result<Option<StoredToken>> {
    sqlx::query_as(
        "SELECT id, user_id, family_id, family_issued_at, expires_at, used_at, revoked_at
         FROM refresh_tokens WHERE organisation_id = $1 AND token_hash = $2 FOR UPDATE",
    )
    .bind(org)
    .bind(hash)
    .fetch_optional(&mut **tx)
    .await
}

/// Marks a token of `org` used (rotated).
pub async fn mark_used(tx: &mut Tx, org: Uuid, id: Uuid, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("UPDATE refresh_tokens SET used_at = $3 WHERE organisation_id = $1 AND id = $2")
        .bind(org)
        .bind(id)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Revokes every live token of a family of `org`; returns how many were revoked.
pub async fn revoke_family(tx: &mut Tx, org: Uuid, family: Uuid, now: DateTime<Utc>) -> sqlx::Result<u64> {
    let r = sqlx::query(
        "UPDATE refresh_tokens SET revoked_at = $3 WHERE organisation_id = $1 AND family_id = $2 AND revoked_at IS NULL",
    )
    .bind(org)
    .bind(family)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(r.rows_affected())
}
