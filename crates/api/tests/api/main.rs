//! API integration tests against the real PostgreSQL, a fresh database per test.

mod accounts;
mod approvals;
mod auth;
mod calls;
mod helpers;
mod openapi;
mod policy_matrix;
mod tenancy;
mod tickets;
