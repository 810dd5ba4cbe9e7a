//! Authentication: password hashing, access tokens (JWT), refresh tokens and the
//! [`Actor`] extractor that every protected handler takes.

pub mod api_key;
pub mod extractor;
pub mod jwt;
pub mod password;
pub mod refresh;

pub use extractor::Actor;
