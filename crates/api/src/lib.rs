//! Ferrodesk API: actix-web handlers over sqlx/PostgreSQL, one folder per feature.
//!
//! A feature folder (`tickets`, `approvals`, `catalog`, …) holds its handlers (thin:
//! parse, call a service, wrap the result), its services (use cases: one transaction
//! each, authorised first through [`policy`], with history and audit rows), its
//! queries (SQL taking a transaction scoped to one organisation) and its pure rules,
//! and registers its own routes. [`platform`] is the shared plumbing, [`policy`] the
//! one place permissions are decided, [`app`] the process around it all.
//! docs/ARCHITECTURE.md walks through a request.

pub mod accounts;
pub mod api_keys;
pub mod app;
pub mod approvals;
pub mod audit;
pub mod catalog;
pub mod jobs;
pub mod mail;
pub mod me;
pub mod people;
pub mod platform;
pub mod policy;
pub mod seed;
pub mod structure;
pub mod tickets;
