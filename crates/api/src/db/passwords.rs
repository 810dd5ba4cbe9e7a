//! Setting a password and ending a user's sessions (invitations and password resets).

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::Tx;

/// Stores a new password hash (argon2id PHC string).
pub async fn set_password(tx: &mut Tx, user: Uuid, hash: &str, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1")
        .bind(user)
        .bind(hash)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Revokes every live refresh token of `user` (all its sessions end at their next
/// refresh); returns how many.
pub async fn revoke_sessions(tx: &mut Tx, user: Uuid, now: DateTime<Utc>) -> sqlx::Result<u64> {
    let done = sqlx::query("UPDATE refresh_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL")
        .bind(user)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected())
}
