//! Ferrodesk wire types, shared by the API (`crates/api`) and the SPA (`crates/web`).
//!
//! Everything here is plain serde data plus pure rules (the ticket lifecycle, error
//! codes and their HTTP statuses). It builds for native and `wasm32-unknown-unknown`
//! and must never depend on a server crate (actix, sqlx, tokio): CI checks the wasm32
//! build. JSON is camelCase throughout.

pub mod access;
pub mod approval;
pub mod auth;
pub mod catalog;
pub mod catalog_admin;
pub mod directory;
pub mod envelope;
pub mod error;
pub mod events;
pub mod forms;
pub mod grants;
pub mod lifecycle;
pub mod rules;
pub mod ticket;

pub use access::*;
pub use approval::*;
pub use auth::*;
pub use catalog::*;
pub use catalog_admin::*;
pub use directory::*;
pub use envelope::*;
pub use error::*;
pub use lifecycle::*;
pub use ticket::*;

/// Declares a wire type: serde camelCase, Debug/Clone/PartialEq, and `utoipa::ToSchema`
/// when the `openapi` feature is on.
#[doc(hidden)]
#[macro_export]
macro_rules! wire {
    ($($item:item)*) => {
        $(
            #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
            #[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
            #[serde(rename_all = "camelCase")]
            $item
        )*
    };
}
