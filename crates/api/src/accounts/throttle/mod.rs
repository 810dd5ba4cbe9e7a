//! Applying login throttling (rules in [`rules`]): one counter per
//! account (the lower-cased e-mail as typed, known or not, so unknown and known
//! e-mails behave alike) and one per client address. Attempts are counted before the
//! password is checked, so parallel guesses cannot slip past. Counters live in
//! PostgreSQL, so the limits hold across API instances. Password-reset requests and
//! password changes are throttled the same way under their own keys.

pub mod queries;
pub mod rules;

use self::queries as store;
use self::rules as throttle;
use self::rules::Limits;
use crate::platform::error::{AppError, AppResult};
use crate::platform::state::AppState;

/// The throttling keys of one attempt.
pub struct Keys {
    account: String,
    client: Option<String>,
}

impl Keys {
    /// Sign-in keys for `email` from the client address `client`.
    pub fn login(email: &str, client: Option<&str>) -> Self {
        Keys::of("account", email, client)
    }

    /// Keys of `kind` (`account`, `reset`, `password`) for `subject` (an e-mail or a user
    /// id) from `client`.
    pub fn of(kind: &str, subject: &str, client: Option<&str>) -> Self {
        Keys {
            account: format!("{kind}:{}", subject.trim().to_lowercase()),
            client: client.map(|c| format!("client:{c}")),
        }
    }

    fn all(&self) -> Vec<(String, Limits)> {
        let mut keys = vec![(self.account.clone(), throttle::ACCOUNT)];
        keys.extend(self.client.clone().map(|c| (c, throttle::CLIENT)));
        keys
    }
}

/// Counts an attempt; 429 `RATE_LIMITED` with `Retry-After` while a key is blocked.
pub async fn attempt(state: &AppState, keys: &Keys) -> AppResult<()> {
    match store::attempt(&state.pool, &keys.all(), state.clock.now()).await? {
        Ok(()) => Ok(()),
        Err(retry_after) => Err(AppError::RateLimited {
            retry_after,
            message: format!("Too many attempts; try again in {retry_after} seconds"),
        }),
    }
}

/// The attempt succeeded: clears the account's counter, takes back the client's.
pub async fn succeeded(state: &AppState, keys: &Keys) -> AppResult<()> {
    Ok(store::succeeded(&state.pool, &keys.account, keys.client.as_deref(), state.clock.now()).await?)
}
