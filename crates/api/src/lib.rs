//! Ferrodesk API: actix-web handlers over sqlx/PostgreSQL.
//!
//! Layers (DESIGN.md, "Architecture of the API crate"): [`routes`] are thin handlers
//! that parse, ask [`policy`] and call [`domain`] rules and [`db`] queries; domain rules
//! are pure; every query takes an executor or a transaction; time comes from
//! [`clock::Clock`].

pub mod auth;
pub mod clock;
pub mod compress_small;
pub mod config;
pub mod db;
pub mod domain;
pub mod envelope;
pub mod error;
pub mod mail;
pub mod openapi;
pub mod policy;
pub mod request_id;
pub mod routes;
pub mod seed;
pub mod service;
pub mod spa;
pub mod startup;
pub mod state;
