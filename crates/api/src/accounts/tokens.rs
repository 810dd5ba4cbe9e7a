//! Issuing and redeeming the e-mailed tokens of invitations and password resets:
//! 32 random bytes (base64url) in the link, SHA-256 in `user_tokens`, single use,
//! expiring. Redeeming sets a new password.

use chrono::{DateTime, Duration, Utc};
use shared_types::ErrorCode;
use uuid::Uuid;

use crate::accounts::password_policy;
use crate::accounts::queries::{passwords, user_tokens};
use crate::platform::auth::{password, refresh};
use crate::platform::db::{self, Tx};
use crate::platform::error::{AppError, AppResult};
use crate::platform::state::AppState;

pub use user_tokens::Purpose;

/// How long an invitation link works, in days.
pub const INVITATION_DAYS: i64 = 7;
/// How long a password-reset link works, in hours.
pub const RESET_HOURS: i64 = 1;

/// The one answer for an unknown, used or expired token (400 `BAD_REQUEST`).
pub fn invalid_link() -> AppError {
    AppError::new(ErrorCode::BadRequest, "This link is invalid or has expired")
}

/// A token issued: the secret for the link and when it stops working.
pub struct Issued {
    pub token: String,
    pub expires_at: DateTime<Utc>,
}

/// How long a token of `purpose` works.
pub fn lifetime(purpose: Purpose) -> Duration {
    match purpose {
        Purpose::Invitation => Duration::days(INVITATION_DAYS),
        Purpose::PasswordReset => Duration::hours(RESET_HOURS),
    }
}

/// Issues a token for `user` in the transaction's organisation.
pub async fn issue(
    tx: &mut Tx,
    org: Uuid,
    user: Uuid,
    purpose: Purpose,
    created_by: Option<Uuid>,
    now: DateTime<Utc>,
) -> sqlx::Result<Issued> {
    let token = refresh::generate();
    let expires_at = now + lifetime(purpose);
    let new = user_tokens::NewToken {
        organisation_id: org,
        user_id: user,
        purpose,
        hash: &refresh::digest(&token),
        created_by,
        now,
        expires_at,
    };
    user_tokens::insert(tx, new).await?;
    Ok(Issued { token, expires_at })
}

/// A redeemed token: the open transaction (commit it after adding the audit entry)
/// and whose password was set.
pub struct Redeemed {
    pub tx: Tx,
    pub organisation_id: Uuid,
    pub user_id: Uuid,
    pub email: String,
    pub now: DateTime<Utc>,
}

/// Redeems `token` of `purpose`: checks the new password against the policy (422 on
/// `password`), then, under a row lock on the token (so of two concurrent redemptions
/// exactly one succeeds), checks it is unused, unexpired and of an active user (else
/// 400), sets the password and marks every outstanding token of the user used.
pub async fn redeem(state: &AppState, token: &str, purpose: Purpose, new_password: String) -> AppResult<Redeemed> {
    password_policy::check("password", &new_password)?;
    let hash = refresh::digest(token.trim());
    let org = user_tokens::organisation_of(&state.pool, &hash).await?.ok_or_else(invalid_link)?;
    let password_hash = password::hash(state, new_password).await?;
    let now = state.clock.now();
    let mut tx = db::begin_org(&state.pool, org).await?;
    let stored = user_tokens::find_for_update(&mut tx, org, &hash).await?.ok_or_else(invalid_link)?;
    let usable =
        stored.purpose == purpose.as_str() && stored.used_at.is_none() && stored.expires_at > now && stored.user_active;
    if !usable {
        return Err(invalid_link());
    }
    passwords::set_password(&mut tx, org, stored.user_id, &password_hash, now).await?;
    user_tokens::use_all(&mut tx, org, stored.user_id, now).await?;
    Ok(Redeemed { tx, organisation_id: org, user_id: stored.user_id, email: stored.email, now })
}
