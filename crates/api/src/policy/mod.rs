//! The policy module: every permission decision, from (role, scope, resource, action,
//! row). Services ask here first, before anything else, and never decide alone;
//! handlers decide nothing.
//!
//! Two layers:
//! - [`authorize`] gates an operation: may this role do `action` on `resource` at all,
//!   and over which [`Scope`] of rows? An API key must also carry the matching
//!   [`ApiScope`]; a key never exceeds the role of the user who made it.
//! - Row decisions ([`tickets`], [`catalog`], [`people`]) then say what the caller may
//!   do to one row it can see.
//!
//! Rows of other organisations never reach a decision: RLS and the `organisation_id`
//! filters hide them, and they answer 404.
//!
//! The grant table itself ([`grant`]: role, resource, action → scope) lives in
//! `shared_types::grants`, so the SPA reads the same table.

pub mod catalog;
pub mod people;
pub mod tickets;

pub use tickets::*;

pub use shared_types::grants::{grant, required_key_scope, Action, Resource, Scope};
use shared_types::ErrorCode;

use crate::platform::auth::Actor;
use crate::platform::error::AppError;

/// May `actor` do `action` on `resource`? Returns the scope of rows it reaches, or
/// 403 `FORBIDDEN` naming what is missing (the role, or the key's scope).
pub fn authorize(actor: &Actor, resource: Resource, action: Action) -> Result<Scope, AppError> {
    let scope = grant(actor.role, resource, action).ok_or_else(|| {
        AppError::forbidden(format!("A {} may not {action:?} {resource:?}", actor.role.as_str()).to_lowercase())
    })?;
    if let Some(key) = &actor.key {
        match required_key_scope(resource, action) {
            Some(needed) if key.scopes.contains(needed) => {}
            Some(needed) => {
                return Err(AppError::new(
                    ErrorCode::Forbidden,
                    format!("This API key lacks the scope {}", needed.as_str()),
                ))
            }
            None => return Err(AppError::forbidden("API keys cannot do this; sign in as a person")),
        }
    }
    Ok(scope)
}

#[cfg(test)]
mod tests {
    use shared_types::{ApiScope, Role};

    use super::*;
    use crate::platform::auth::extractor::KeyGrant;
    use crate::platform::auth::extractor::ScopeSet;

    #[test]
    fn admins_reach_everything_in_their_organisation() {
        for resource in [Resource::Users, Resource::Structure, Resource::AuditLog, Resource::Tickets] {
            assert_eq!(grant(Role::Admin, resource, Action::Read), Some(Scope::All));
        }
    }

    #[test]
    fn requesters_cannot_read_people_or_the_audit_log() {
        assert_eq!(grant(Role::Requester, Resource::Users, Action::Read), None);
        assert_eq!(grant(Role::Manager, Resource::AuditLog, Action::Read), None);
        assert_eq!(grant(Role::Manager, Resource::Users, Action::Update), None);
        assert_eq!(grant(Role::Technician, Resource::Users, Action::Read), Some(Scope::Unit));
    }

    #[test]
    fn a_key_needs_its_scope_and_never_exceeds_the_role() {
        let mut actor = Actor::for_tests(Role::Requester);
        actor.key = Some(KeyGrant { id: uuid::Uuid::new_v4(), scopes: ScopeSet::from_iter([ApiScope::UsersRead]) });
        let err = authorize(&actor, Resource::Users, Action::Read).expect_err("role lacks it");
        assert_eq!(err.code(), ErrorCode::Forbidden);
        actor.role = Role::Admin;
        assert_eq!(authorize(&actor, Resource::Users, Action::Read).ok(), Some(Scope::All));
        assert!(authorize(&actor, Resource::Tickets, Action::Read).is_err(), "no tickets:read");
        assert!(authorize(&actor, Resource::ApiKeys, Action::Create).is_err(), "keys cannot make keys");
    }
}
