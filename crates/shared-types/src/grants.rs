//! The grant table: which scope of rows a role has for an action on a resource, and
//! which API-key scope an operation needs. The API enforces it (its policy module
//! authorises every service entry point with it); the SPA asks it before it shows a
//! control, so it offers nothing the API would refuse with 403.
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
//! | background jobs       | –         | –          | –       | all   |

use crate::{ApiScope, Role};

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
    /// Background jobs: read, and run a dead one again (update).
    Jobs,
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
        (Jobs, Read | Update, Admin) => Scope::All,
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
