//! API keys for integrations: `fdk_<8 hex>_<43 base64url>`. The first part
//! is the visible prefix people tell keys apart by; only the SHA-256 of the whole key
//! is stored, so a database leak does not leak usable keys.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use shared_types::{ApiScope, Role};
use uuid::Uuid;

use crate::platform::auth::extractor::{Actor, KeyGrant, ScopeSet};
use crate::platform::error::AppError;
use crate::platform::state::AppState;

/// Every key starts with this, so the extractor can tell keys from JWTs.
pub const PREFIX: &str = "fdk_";

/// A freshly generated key: the whole secret (shown once), its visible prefix and the
/// digest to store.
pub struct NewKey {
    pub key: String,
    pub prefix: String,
    pub hash: Vec<u8>,
}

/// Generates a key with 256 bits of secret.
pub fn generate() -> NewKey {
    let mut id = [0u8; 4];
    let mut secret = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut id);
    rand::rngs::OsRng.fill_bytes(&mut secret);
    let prefix = format!("{PREFIX}{}", id.iter().map(|b| format!("{b:02x}")).collect::<String>());
    let key = format!("{prefix}_{}", URL_SAFE_NO_PAD.encode(secret));
    NewKey { hash: digest(&key), prefix, key }
}

/// The stored form of a key.
pub fn digest(key: &str) -> Vec<u8> {
    Sha256::digest(key.as_bytes()).to_vec()
}

#[derive(sqlx::FromRow)]
struct KeyRow {
    id: Uuid,
    organisation_id: Uuid,
    user_id: Uuid,
    role: String,
    scopes: Vec<String>,
}

/// Resolves a presented key through the SECURITY DEFINER function `auth_api_key`
/// (which also records its use). Unknown, revoked or expired keys, and keys of
/// deactivated users, are 401. The actor acts with its owner's *current* role.
pub async fn authenticate(state: &AppState, key: &str) -> Result<Actor, AppError> {
    let row: Option<KeyRow> =
        sqlx::query_as("SELECT id, organisation_id, user_id, role, scopes FROM auth_api_key($1, $2)")
            .bind(digest(key))
            .bind(state.clock.now())
            .fetch_optional(&state.pool)
            .await?;
    let row = row.ok_or_else(|| AppError::unauthenticated("The API key is invalid, expired or revoked"))?;
    let role = Role::parse(&row.role).ok_or_else(|| AppError::internal(format!("unknown role {}", row.role)))?;
    let scopes = row.scopes.iter().filter_map(|s| ApiScope::parse(s)).collect::<ScopeSet>();
    Ok(Actor {
        user_id: row.user_id,
        organisation_id: row.organisation_id,
        role,
        session_id: None,
        key: Some(KeyGrant { id: row.id, scopes }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_prefixed_and_digested() {
        let (a, b) = (generate(), generate());
        assert_ne!(a.key, b.key);
        assert!(a.key.starts_with(&a.prefix) && a.prefix.starts_with(PREFIX));
        assert_eq!(a.prefix.len(), PREFIX.len() + 8);
        assert_eq!(a.hash, digest(&a.key));
        assert_eq!(a.key.len(), a.prefix.len() + 1 + 43);
    }
}
