//! Shared plumbing every feature uses, and nothing feature-specific: the error type and
//! envelope, paging and cursors, transactions scoped to one organisation ([`db`]), the
//! injected clock, request ids, small-body compression, the audit and ticket-history
//! writers, the application state, and who the caller is ([`auth`]: the `Actor`
//! extractor, JWTs, password hashing, API-key and refresh-token formats).

pub mod audit;
pub mod auth;
pub mod clock;
pub mod compress_small;
pub mod cursor;
pub mod db;
pub mod envelope;
pub mod error;
pub mod events;
pub mod history;
pub mod input;
pub mod paging;
pub mod request_id;
pub mod role_check;
pub mod state;
