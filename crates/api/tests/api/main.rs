//! API integration tests against the real PostgreSQL, a fresh database per test.

mod accounts;
mod approvals;
mod audit;
mod auth;
mod calls;
mod catalog_admin;
mod compression;
mod cross_tenant;
mod events;
mod forms;
mod helpers;
mod input;
mod jobs;
mod keys;
mod openapi;
mod people;
mod policy_matrix;
mod revocation;
mod schema;
mod serving_role;
mod tenancy;
mod ticket_actions;
mod ticket_lists;
mod tickets;
mod tokens;
