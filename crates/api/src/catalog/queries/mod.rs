//! Queries of the catalog: what requesters browse ([`catalog`]), and categories and
//! items as they are managed.

pub mod catalog;
pub mod categories;
pub mod items;
