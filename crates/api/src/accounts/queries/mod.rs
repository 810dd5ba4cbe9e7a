//! Queries of the accounts feature: organisations at sign-up, passwords, refresh
//! tokens and the e-mailed single-use tokens.

pub mod organisations;
pub mod passwords;
pub mod refresh_tokens;
pub mod user_tokens;
