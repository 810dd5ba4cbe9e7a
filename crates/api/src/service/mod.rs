//! Use cases: each runs one transaction that reads, asks [`crate::policy`] and the
//! pure [`crate::domain`] rules, writes the change with its history and audit rows,
//! and commits. Handlers call these and only map the result to HTTP.

pub mod accounts;
pub mod api_keys;
pub mod approvals;
pub mod audit;
pub mod auth;
pub mod categories;
pub mod invitations;
pub mod items;
pub mod me;
pub mod outbox;
pub mod password_reset;
pub mod structure;
pub mod throttle;
pub mod ticket_work;
pub mod tickets;
pub mod tokens;
pub mod users;
