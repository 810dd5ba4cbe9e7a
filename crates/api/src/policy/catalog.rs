//! Row decisions of the service catalog: which items a caller may change. Admins change
//! every item; a manager granted [`Scope::Department`] changes the items of categories
//! owned by a department in which the manager manages a unit (a service owner).

use uuid::Uuid;

use super::Scope;
use crate::platform::error::AppError;

/// The departments whose items a caller may change, from the scope
/// [`super::authorize`] granted: `All` for every item, else the departments the caller
/// owns services of (looked up by the service, passed in as `owned`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceOwnership {
    All,
    Departments(Vec<Uuid>),
}

impl ServiceOwnership {
    /// What `scope` reaches, given the departments the caller owns services of.
    pub fn of(scope: Scope, owned: Vec<Uuid>) -> Self {
        match scope {
            Scope::All => Self::All,
            _ => Self::Departments(owned),
        }
    }

    /// Whether the item of a category owned by `department` may be changed.
    pub fn may_change(&self, department: Option<Uuid>) -> bool {
        match self {
            Self::All => true,
            Self::Departments(owned) => department.is_some_and(|d| owned.contains(&d)),
        }
    }

    /// `Ok` when [`Self::may_change`], else 403.
    pub fn check(&self, department: Option<Uuid>) -> Result<(), AppError> {
        if self.may_change(department) {
            Ok(())
        } else {
            Err(AppError::forbidden("Only admins and the owning department's managers change this service"))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn service_owners_change_only_their_departments_items() {
        let (mine, other) = (Uuid::new_v4(), Uuid::new_v4());
        let owner = ServiceOwnership::of(Scope::Department, vec![mine]);
        assert!(owner.may_change(Some(mine)));
        assert!(!owner.may_change(Some(other)) && !owner.may_change(None));
        assert!(owner.check(Some(other)).is_err());
        let admin = ServiceOwnership::of(Scope::All, vec![]);
        assert!(admin.may_change(None));
    }
}
