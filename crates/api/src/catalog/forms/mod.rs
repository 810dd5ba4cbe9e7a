//! Request forms: each save of an item's form is a new immutable version
//! ([`queries`]); a ticket's `formData` is checked against the version it is filed
//! under ([`rules`]).

pub mod queries;
pub mod rules;
