//! Argon2id password hashing with the OWASP Password Storage Cheat Sheet parameters
//! (m = 19 MiB, t = 2, p = 1). Hashing runs on actix's blocking pool behind a
//! semaphore sized to the cores, never on an async worker: a
//! 20-40 ms hash there would stall every request that worker serves.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::platform::error::{AppError, AppResult};
use crate::platform::state::AppState;

fn hasher() -> Argon2<'static> {
    // OWASP: Argon2id, 19 MiB, 2 iterations, 1 degree of parallelism.
    let params = Params::new(19 * 1024, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Hashes `password` into a PHC string (blocking; call through [`hash`] in handlers).
pub fn hash_blocking(password: &str) -> AppResult<String> {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::internal(format!("hashing failed: {e}")))
}

/// Checks `password` against a PHC string; false for a mismatch or a malformed hash.
pub fn verify_blocking(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| hasher().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A hash of a password nobody has, verified when the e-mail is unknown so that the
/// answer takes as long as for a wrong password (no user enumeration by timing).
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_blocking("ferrodesk-dummy-password").unwrap_or_default())
}

/// Verifies on the blocking pool. `phc` is `None` for an unknown user: the dummy hash
/// is checked instead and the result is always false.
pub async fn verify(state: &AppState, password: String, phc: Option<String>) -> AppResult<bool> {
    let _permit =
        state.hashing.acquire().await.map_err(|e| AppError::internal_from("the hashing semaphore closed", e))?;
    let ok = actix_web::web::block(move || match phc {
        Some(phc) => verify_blocking(&password, &phc),
        None => {
            verify_blocking(&password, dummy_hash());
            false
        }
    })
    .await?;
    Ok(ok)
}

/// Hashes on the blocking pool.
pub async fn hash(state: &AppState, password: String) -> AppResult<String> {
    let _permit =
        state.hashing.acquire().await.map_err(|e| AppError::internal_from("the hashing semaphore closed", e))?;
    actix_web::web::block(move || hash_blocking(&password)).await?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_are_argon2id_with_owasp_parameters_and_verify() {
        let h = hash_blocking("correct horse").expect("hash");
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify_blocking("correct horse", &h));
        assert!(!verify_blocking("wrong horse", &h));
        assert!(!verify_blocking("x", "not a hash"));
    }
}
