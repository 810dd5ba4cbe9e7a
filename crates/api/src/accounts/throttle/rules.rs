//! Login throttling (OWASP ASVS 5.0 V6.3.1, Authentication Cheat Sheet
//! "Login Throttling"): failures are counted per key (an account's lower-cased e-mail,
//! known or not, and a client address) in a 15-minute window. The first
//! [`Limits::free`] failures of a window cost nothing; each one after them blocks the
//! key for a delay that doubles, from 30 s up to 15 minutes. A blocked key is refused
//! with 429 and `Retry-After` without checking the password, and refused attempts do
//! not count. A success clears the account's counter.

use chrono::{DateTime, Duration, Utc};

/// Length of the counting window.
pub const WINDOW: Duration = Duration::minutes(15);
/// The first delay after the free failures.
pub const BASE_DELAY_SECONDS: i64 = 30;
/// The longest delay.
pub const MAX_DELAY: Duration = Duration::minutes(15);

/// How many failures a kind of key has for free per window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub free: i32,
}

/// Per account: 10 failures per 15 minutes.
pub const ACCOUNT: Limits = Limits { free: 10 };
/// Per client address: more, since several people may share one (an office NAT).
pub const CLIENT: Limits = Limits { free: 50 };

/// The stored counter of one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Counter {
    pub failures: i32,
    pub window_started_at: DateTime<Utc>,
    pub blocked_until: Option<DateTime<Utc>>,
}

/// Whether an attempt may go ahead at `now`: `Err(seconds)` to wait (at least 1).
pub fn check(counter: Option<&Counter>, now: DateTime<Utc>) -> Result<(), i64> {
    match counter.and_then(|c| c.blocked_until).filter(|until| *until > now) {
        Some(until) => Err(((until - now).num_milliseconds() + 999).div_euclid(1000).max(1)),
        None => Ok(()),
    }
}

/// The counter after a failure at `now`. A window older than [`WINDOW`] starts over.
pub fn after_failure(counter: Option<&Counter>, limits: Limits, now: DateTime<Utc>) -> Counter {
    let fresh = Counter { failures: 0, window_started_at: now, blocked_until: None };
    let current = counter.copied().filter(|c| now - c.window_started_at < WINDOW).unwrap_or(fresh);
    let failures = current.failures + 1;
    let over = failures - limits.free;
    let blocked_until = (over > 0).then(|| {
        let secs = BASE_DELAY_SECONDS.saturating_mul(1_i64 << (over - 1).min(20));
        now + Duration::seconds(secs).min(MAX_DELAY)
    });
    Counter { failures, window_started_at: current.window_started_at, blocked_until }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fail_n(n: usize, limits: Limits, start: DateTime<Utc>, step: Duration) -> Counter {
        let mut c: Option<Counter> = None;
        for i in 0..n {
            c = Some(after_failure(c.as_ref(), limits, start + step * i as i32));
        }
        c.expect("at least one failure")
    }

    #[test]
    fn ten_failures_are_free_then_the_delay_doubles() {
        let t0 = DateTime::from_timestamp(1_800_000_000, 0).expect("time");
        let c = fail_n(10, ACCOUNT, t0, Duration::seconds(1));
        assert_eq!(c.failures, 10);
        assert_eq!(c.blocked_until, None, "the tenth failure is still free");
        let now = t0 + Duration::seconds(10);
        let c11 = after_failure(Some(&c), ACCOUNT, now);
        assert_eq!(c11.blocked_until, Some(now + Duration::seconds(30)));
        assert_eq!(check(Some(&c11), now + Duration::seconds(10)), Err(20));
        assert_eq!(check(Some(&c11), now + Duration::seconds(30)), Ok(()));
        let c12 = after_failure(Some(&c11), ACCOUNT, now + Duration::seconds(31));
        assert_eq!(c12.blocked_until, Some(now + Duration::seconds(31 + 60)), "doubled");
    }

    #[test]
    fn the_delay_is_capped_and_the_window_starts_over() {
        let t0 = DateTime::from_timestamp(1_800_000_000, 0).expect("time");
        let c = fail_n(40, ACCOUNT, t0, Duration::milliseconds(10));
        let until = c.blocked_until.expect("blocked");
        assert!(until - t0 <= MAX_DELAY + Duration::seconds(1));
        let later = after_failure(Some(&c), ACCOUNT, t0 + WINDOW + Duration::seconds(1));
        assert_eq!((later.failures, later.blocked_until), (1, None));
        assert_eq!(check(None, t0), Ok(()));
    }

    #[test]
    fn client_addresses_get_more_room() {
        let t0 = DateTime::from_timestamp(1_800_000_000, 0).expect("time");
        assert_eq!(fail_n(50, CLIENT, t0, Duration::seconds(1)).blocked_until, None);
        assert!(fail_n(51, CLIENT, t0, Duration::seconds(1)).blocked_until.is_some());
    }
}
