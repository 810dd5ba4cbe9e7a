//! Setting a password (invitations, password resets and changes). Ending sessions is
//! [`crate::me::queries::revoke_others`].

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::platform::db::Tx;

/// Stores a new password hash (argon2id PHC string) of the user `user` of `org`.
pub async fn set_password(tx: &mut Tx, org: Uuid, user: Uuid, hash: &str, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET password_hash = $3, updated_at = $4 WHERE organisation_id = $1 AND id = $2")
        .bind(org)
        .bind(user)
        .bind(hash)
        .bind(now)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
