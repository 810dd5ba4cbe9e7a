//! One module per screen.

pub mod account;
pub mod admin;
pub mod approvals;
pub mod catalog;
pub mod catalog_form_data;
pub mod catalog_markdown;
pub mod catalog_search;
pub mod home;
pub mod login;
pub mod my_requests;
pub mod not_found;
pub mod profile;
pub mod queue;
pub mod request_item;
pub mod ticket;
