//! Approver resolution: for each
//! ordered rule step, find who decides, starting from the requester's unit.
//!
//! - `same`: managers of the requester's unit; `parent`: of its parent unit. When a
//!   unit has no eligible manager (or only the requester), look one unit further up
//!   the tree.
//! - `department`: managers of units in the requester's department, shallowest unit
//!   first.
//! - `any`: any user holding the step's role.
//!
//! A candidate is eligible when it is not the requester and its role is at least the
//! step's `approver_role` (for `any`: exactly that role). No eligible candidate: the
//! organisation's first admin other than the requester, with `is_fallback` set so the
//! routing can be seen and fixed; no such admin either: [`NoApprover`].

use std::collections::HashMap;

use shared_types::{Role, UnitScope};
use uuid::Uuid;

/// A person who might approve, in the order candidates are preferred.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Person {
    pub id: Uuid,
    pub role: Role,
}

/// A unit's place in the tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnitNode {
    pub parent_id: Option<Uuid>,
    pub department_id: Uuid,
}

/// What resolution needs to know of an organisation (loaded once per ticket).
#[derive(Debug, Default, Clone)]
pub struct Directory {
    pub units: HashMap<Uuid, UnitNode>,
    /// Managers per unit, preferred first.
    pub managers: HashMap<Uuid, Vec<Person>>,
    /// Every active user, preferred first (for `any` and the admin fallback).
    pub people: Vec<Person>,
}

/// One rule step of a service item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    pub step: i32,
    pub approver_role: Role,
    pub unit_scope: UnitScope,
    pub is_required: bool,
}

/// Who decides one step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Assignment {
    pub step: i32,
    pub approver_id: Uuid,
    pub is_required: bool,
    pub is_fallback: bool,
}

impl Directory {
    fn depth(&self, mut unit: Uuid) -> usize {
        let mut depth = 0;
        while let Some(parent) = self.units.get(&unit).and_then(|u| u.parent_id) {
            depth += 1;
            unit = parent;
            if depth > self.units.len() {
                break; // defensive: a cycle must not hang resolution
            }
        }
        depth
    }

    fn first_eligible_manager(&self, unit: Uuid, eligible: &impl Fn(&Person) -> bool) -> Option<Uuid> {
        self.managers.get(&unit)?.iter().find(|p| eligible(p)).map(|p| p.id)
    }

    fn walk_up(&self, start: Option<Uuid>, eligible: &impl Fn(&Person) -> bool) -> Option<Uuid> {
        let mut unit = start;
        let mut hops = 0;
        while let Some(u) = unit {
            if let Some(found) = self.first_eligible_manager(u, eligible) {
                return Some(found);
            }
            unit = self.units.get(&u).and_then(|n| n.parent_id);
            hops += 1;
            if hops > self.units.len() {
                return None;
            }
        }
        None
    }
}

/// Nobody but the requester could approve a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("nobody can approve step {0} of this request: the organisation has no other admin")]
pub struct NoApprover(pub i32);

/// Resolves every step for a requester in `requester_unit` (None: no unit, so only
/// `any` can find someone without falling back).
pub fn resolve(
    dir: &Directory,
    requester: Uuid,
    requester_unit: Option<Uuid>,
    steps: &[Step],
) -> Result<Vec<Assignment>, NoApprover> {
    steps
        .iter()
        .map(|s| {
            let eligible = |p: &Person| p.id != requester && p.role >= s.approver_role;
            let found = match s.unit_scope {
                UnitScope::Same => dir.walk_up(requester_unit, &eligible),
                UnitScope::Parent => {
                    let parent = requester_unit.and_then(|u| dir.units.get(&u)).and_then(|n| n.parent_id);
                    dir.walk_up(parent, &eligible)
                }
                UnitScope::Department => requester_unit.and_then(|u| dir.units.get(&u)).and_then(|home| {
                    let mut in_dept: Vec<Uuid> = dir
                        .units
                        .iter()
                        .filter(|(_, n)| n.department_id == home.department_id)
                        .map(|(id, _)| *id)
                        .collect();
                    in_dept.sort_by_key(|u| (dir.depth(*u), *u));
                    in_dept.into_iter().find_map(|u| dir.first_eligible_manager(u, &eligible))
                }),
                UnitScope::Any => dir.people.iter().find(|p| p.role == s.approver_role && eligible(p)).map(|p| p.id),
            };
            match found {
                Some(approver_id) => {
                    Ok(Assignment { step: s.step, approver_id, is_required: s.is_required, is_fallback: false })
                }
                None => dir
                    .people
                    .iter()
                    .find(|p| p.role == Role::Admin && p.id != requester)
                    .map(|admin| Assignment {
                        step: s.step,
                        approver_id: admin.id,
                        is_required: s.is_required,
                        is_fallback: true,
                    })
                    .ok_or(NoApprover(s.step)),
            }
        })
        .collect()
}

#[cfg(test)]
#[path = "approvers_tests.rs"]
mod tests;
