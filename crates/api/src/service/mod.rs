//! Use cases: each runs one transaction that reads, asks [`crate::policy`] and the
//! pure [`crate::domain`] rules, writes the change with its history and audit rows,
//! and commits. Handlers call these and only map the result to HTTP.

pub mod approvals;
pub mod auth;
pub mod ticket_work;
pub mod tickets;
