//! Ferrodesk's development tools, kept out of the production `ferrodesk` binary:
//! the benchmark dataset loader ([`bench_seed`]), a local SMTP sink that stores every
//! message as a file ([`mail_sink`]), and a static host for the SPA bundle ([`spa`]).
//! `cargo xtask run`, `test` and `bench` start them through the `ferrodesk-dev`
//! binary; the API's integration tests use the sink as a library.

pub mod bench_seed;
pub mod mail_sink;
pub mod spa;
