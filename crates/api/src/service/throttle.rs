//! Applying login throttling (rules in [`crate::domain::throttle`]) to sign-in: one
//! counter per account (the lower-cased e-mail as typed, known or not, so unknown and
//! known e-mails behave alike) and one per client address. Counters live in
//! PostgreSQL, so the limits hold across API instances.

use crate::db::throttle as store;
use crate::domain::throttle::{self, Limits};
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The throttling keys of one sign-in attempt.
pub struct Keys {
    account: String,
    client: Option<String>,
}

impl Keys {
    /// Keys for `email` from `client` (the address actix reports, honouring
    /// `Forwarded`/`X-Forwarded-For`: a client can forge it to dodge the per-address
    /// limit, never the per-account one).
    pub fn new(email: &str, client: Option<&str>) -> Self {
        Keys {
            account: format!("account:{}", email.trim().to_lowercase()),
            client: client.map(|c| format!("client:{c}")),
        }
    }

    fn all(&self) -> Vec<(String, Limits)> {
        let mut keys = vec![(self.account.clone(), throttle::ACCOUNT)];
        keys.extend(self.client.clone().map(|c| (c, throttle::CLIENT)));
        keys
    }
}

/// 429 `RATE_LIMITED` with `Retry-After` while either key is blocked.
pub async fn check(state: &AppState, keys: &Keys) -> AppResult<()> {
    let names: Vec<String> = keys.all().into_iter().map(|(k, _)| k).collect();
    let now = state.clock.now();
    let wait = store::load(&state.pool, &names).await?.iter().filter_map(|c| throttle::check(Some(c), now).err()).max();
    match wait {
        Some(retry_after) => Err(AppError::RateLimited {
            retry_after,
            message: format!("Too many failed sign-ins; try again in {retry_after} seconds"),
        }),
        None => Ok(()),
    }
}

/// Counts a failed attempt against both keys.
pub async fn failed(state: &AppState, keys: &Keys) -> AppResult<()> {
    let now = state.clock.now();
    for (key, limits) in keys.all() {
        store::record_failure(&state.pool, &key, limits, now).await?;
    }
    Ok(())
}

/// Clears the account's counter after a successful sign-in.
pub async fn succeeded(state: &AppState, keys: &Keys) -> AppResult<()> {
    Ok(store::clear(&state.pool, &keys.account).await?)
}
