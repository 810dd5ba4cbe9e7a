//! Setting a password (invitations, password resets and changes). Ending sessions is
//! [`super::sessions::revoke_others`].

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
