//! Row decisions about people: whose accounts a caller reads. Admins ([`Scope::All`])
//! read everyone; technicians the people of their own unit and its sub-units; managers
//! also those of the units they manage (and their sub-units).

use shared_types::Role;

use super::Scope;

/// Which unit subtrees bound the people a caller reads, from the granted scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reach {
    /// Everyone in the organisation: no unit bound.
    pub everyone: bool,
    /// The caller's own unit and its sub-units.
    pub own_units: bool,
    /// The units the caller manages and their sub-units.
    pub managed_units: bool,
}

/// The reach of `role` with `scope`.
pub fn reach(role: Role, scope: Scope) -> Reach {
    match scope {
        Scope::All => Reach { everyone: true, own_units: false, managed_units: false },
        _ => Reach { everyone: false, own_units: true, managed_units: role == Role::Manager },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn managers_also_reach_the_units_they_manage() {
        assert!(reach(Role::Admin, Scope::All).everyone);
        assert_eq!(
            reach(Role::Technician, Scope::Unit),
            Reach { everyone: false, own_units: true, managed_units: false }
        );
        assert!(reach(Role::Manager, Scope::Unit).managed_units);
    }
}
