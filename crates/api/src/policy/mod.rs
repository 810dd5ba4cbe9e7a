//! The policy module: every permission decision, from (role, scope, resource, action,
//! row). Handlers and services ask here and never decide
//! alone.
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
//! The grant table ([`grant`]):
//!
//! | resource / action     | requester | technician | manager | admin |
//! |-----------------------|-----------|------------|---------|-------|
//! | tickets read          | own       | unit       | unit    | all   |
//! | tickets create        | own       | own        | own     | own   |
//! | tickets update        | own       | unit       | unit    | all   |
//! | approvals read/decide | own       | own        | own     | all   |
//! | catalog read          | all       | all        | all     | all   |
//! | catalog write (items) | –         | –          | dept.   | all   |
//! | categories write      | –         | –          | –       | all   |
//! | users read            | –         | unit       | unit    | all   |
//! | users write, invite   | –         | –          | –       | all   |
//! | structure, directory  | all       | all        | all     | all   |
//! | structure write       | –         | –          | –       | all   |
//! | profile, sessions     | own       | own        | own     | own   |
//! | api keys              | own       | own        | own     | all   |
//! | audit log, outbox     | –         | –          | –       | all   |

pub mod catalog;
pub mod people;
pub mod tickets;

pub use tickets::*;

use shared_types::{ApiScope, ErrorCode, Role};

use crate::platform::auth::Actor;
use crate::platform::error::AppError;

/// What an operation touches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    Tickets,
    Approvals,
    Catalog,
    /// The catalog's category tree (read as part of [`Resource::Catalog`]).
    Categories,
    Users,
    /// Departments, units and unit managers.
    Structure,
    /// Names of the organisation's active people, for pickers (no more than a name
    /// and an e-mail address).
    Directory,
    /// The caller's own profile and password.
    Profile,
    /// The caller's own signed-in sessions.
    Sessions,
    ApiKeys,
    Invitations,
    AuditLog,
    /// Outgoing e-mail.
    Outbox,
}

/// What an operation does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    Create,
    Update,
    /// Deactivate, revoke or remove.
    Delete,
    /// Approve or reject.
    Decide,
}

/// Which rows a granted permission reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// Rows the caller created or that are about the caller.
    Own,
    /// Rows assigned to the caller.
    Assigned,
    /// Rows of the caller's units and their sub-units (managers: the units they manage).
    Unit,
    /// Rows of the caller's department.
    Department,
    /// Every row of the organisation.
    All,
}

impl Scope {
    /// The owner rows must have under this scope, for resources kept per person (API
    /// keys, sessions): `user` unless the scope reaches every row.
    pub fn owner_filter(self, user: uuid::Uuid) -> Option<uuid::Uuid> {
        (self != Scope::All).then_some(user)
    }
}

/// The grant table above: the scope `role` has for `action` on `resource`, or `None`.
pub fn grant(role: Role, resource: Resource, action: Action) -> Option<Scope> {
    use Action::*;
    use Resource::*;
    use Role::{Admin, Manager, Requester, Technician};
    let scope = match (resource, action, role) {
        (Tickets, Create, _) => Scope::Own,
        (Tickets, Read | Update, Requester) => Scope::Own,
        (Tickets, Read | Update, Technician | Manager) => Scope::Unit,
        (Tickets, Read | Update, Admin) => Scope::All,
        (Approvals, Read | Decide, Admin) => Scope::All,
        (Approvals, Read | Decide, _) => Scope::Own,
        (Catalog | Structure | Directory, Read, _) => Scope::All,
        // Service owners: managers edit the items of categories their department owns.
        (Catalog, Create | Update | Delete, Manager) => Scope::Department,
        (Users, Read, Technician | Manager) => Scope::Unit,
        (Users | Structure | Invitations | AuditLog | Outbox | Catalog, _, Admin) => Scope::All,
        (Categories, Create | Update | Delete, Admin) => Scope::All,
        (Profile | Sessions, Read | Update | Delete, _) => Scope::Own,
        (ApiKeys, Read | Create | Delete, Admin) => Scope::All,
        (ApiKeys, Read | Create | Delete, _) => Scope::Own,
        _ => return None,
    };
    Some(scope)
}

/// The API-key scope an operation needs; `None` means keys may not do it at all
/// (managing people, structure, keys, sessions, passwords and the audit log takes a
/// signed-in person: a key able to create an admin or change an e-mail could turn
/// itself into a person's sign-in).
pub fn required_key_scope(resource: Resource, action: Action) -> Option<ApiScope> {
    use Action::*;
    use Resource::*;
    Some(match (resource, action) {
        (Tickets | Approvals, Read) => ApiScope::TicketsRead,
        (Tickets, Create | Update) => ApiScope::TicketsWrite,
        (Approvals, Decide) => ApiScope::ApprovalsWrite,
        (Catalog, Read) => ApiScope::CatalogRead,
        (Users | Structure | Profile | Directory, Read) => ApiScope::UsersRead,
        _ => return None,
    })
}

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
