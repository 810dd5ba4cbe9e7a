//! Single-use, expiring tokens for invitations and password resets (`user_tokens`),
//! stored as SHA-256; the token itself only travels in the e-mail. A presented token's
//! organisation is found across organisations by [`organisation_of`] (a SECURITY
//! DEFINER function); every other query names the organisation
//! (`organisation_id = $org`), with RLS as the second wall.

use chrono::{DateTime, Utc};
use sqlx::{FromRow, PgPool};
use uuid::Uuid;

use crate::platform::db::Tx;

/// Why a token was issued (the `purpose` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Invitation,
    PasswordReset,
}

impl Purpose {
    /// The database spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Purpose::Invitation => "invitation",
            Purpose::PasswordReset => "password_reset",
        }
    }
}

/// A token to store.
pub struct NewToken<'a> {
    pub organisation_id: Uuid,
    pub user_id: Uuid,
    pub purpose: Purpose,
    pub hash: &'a [u8],
    pub created_by: Option<Uuid>,
    pub now: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// Stores a token.
pub async fn insert(tx: &mut Tx, t: NewToken<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO user_tokens (id, organisation_id, user_id, purpose, token_hash, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(Uuid::new_v4())
    .bind(t.organisation_id)
    .bind(t.user_id)
    .bind(t.purpose.as_str())
    .bind(t.hash)
    .bind(t.created_by)
    .bind(t.now)
    .bind(t.expires_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The organisation of a token, through the SECURITY DEFINER function
/// `auth_user_token_org` (tokens are presented before the organisation is known).
pub async fn organisation_of(pool: &PgPool, hash: &[u8]) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar("SELECT auth_user_token_org($1)").bind(hash).fetch_one(pool).await
}

/// A stored token with its user.
#[derive(Debug, FromRow)]
pub struct Stored {
    pub id: Uuid,
    pub user_id: Uuid,
    pub purpose: String,
    pub expires_at: DateTime<Utc>,
    pub used_at: Option<DateTime<Utc>>,
    pub email: String,
    pub name: String,
    pub user_active: bool,
}

/// Reads a token of `org` (see [`organisation_of`]) under a row lock, so of two
/// concurrent redemptions the second waits and then sees `used_at` set.
pub async fn find_for_update(tx: &mut Tx, org: Uuid, hash: &[u8]) -> sqlx::Result<Option<Stored>> {
    sqlx::query_as(
        "SELECT t.id, t.user_id, t.purpose, t.expires_at, t.used_at, u.email, u.name, u.is_active AS user_active
         FROM user_tokens t JOIN users u ON u.organisation_id = t.organisation_id AND u.id = t.user_id
         WHERE t.organisation_id = $1 AND t.token_hash = $2 FOR UPDATE OF t",
    )
    .bind(org)
    .bind(hash)
    .fetch_optional(&mut **tx)
    .await
}

/// Marks every unused token of `user` of `org` used (the one redeemed and any other
/// outstanding invitation or reset: one new password ends them all); returns how many.
pub async fn use_all(tx: &mut Tx, org: Uuid, user: Uuid, now: DateTime<Utc>) -> sqlx::Result<u64> {
    let done = sqlx::query(
        "UPDATE user_tokens SET used_at = $3 WHERE organisation_id = $1 AND user_id = $2 AND used_at IS NULL",
    )
    .bind(org)
    .bind(user)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected())
}

/// Ends the unused tokens of `user` of `org` for `purpose` now (a new invitation
/// supersedes the old one). They stay unused: "used" means redeemed.
pub async fn expire_unused(
    tx: &mut Tx,
    org: Uuid,
    user: Uuid,
    purpose: Purpose,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE user_tokens SET expires_at = LEAST(expires_at, $3)
         WHERE organisation_id = $4 AND user_id = $1 AND purpose = $2 AND used_at IS NULL",
    )
    .bind(user)
    .bind(purpose.as_str())
    .bind(now)
    .bind(org)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A user of `org` invited earlier who never accepted: it has an invitation token and
/// none of its tokens was ever redeemed. Returns its id and whether active.
pub async fn never_accepted_invitee(tx: &mut Tx, org: Uuid, email: &str) -> sqlx::Result<Option<(Uuid, bool)>> {
    sqlx::query_as(
        "SELECT u.id, u.is_active FROM users u
         WHERE u.organisation_id = $1 AND lower(u.email) = lower($2)
           AND EXISTS (SELECT 1 FROM user_tokens t WHERE t.organisation_id = u.organisation_id
                       AND t.user_id = u.id AND t.purpose = 'invitation')
           AND NOT EXISTS (SELECT 1 FROM user_tokens t WHERE t.organisation_id = u.organisation_id
                           AND t.user_id = u.id AND t.used_at IS NOT NULL)",
    )
    .bind(org)
    .bind(email)
    .fetch_optional(&mut **tx)
    .await
}
