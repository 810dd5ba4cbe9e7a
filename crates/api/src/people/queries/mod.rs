//! Queries of people: accounts as administered ([`accounts`]) and the directory
//! every feature reads ([`users`]).

pub mod accounts;
pub mod users;
