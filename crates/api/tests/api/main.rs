//! API integration tests against the real PostgreSQL, a fresh database per test.

mod approvals;
mod auth;
mod helpers;
mod openapi;
mod tenancy;
mod tickets;
