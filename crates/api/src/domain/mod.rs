//! Pure domain rules: no I/O, no clock reads; inputs in, decisions out.

pub mod approvers;
pub mod catalog;
pub mod forms;
pub mod people;
pub mod throttle;
pub mod tickets;
