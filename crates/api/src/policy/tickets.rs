//! Row-level ticket decisions: which tickets a caller reads, and what it may do to one
//! it can read.
//!
//! | role       | tickets it can read                                                  |
//! |------------|----------------------------------------------------------------------|
//! | requester  | own (created by it)                                                  |
//! | technician | own, assigned to it, and its unit's queue (fulfilment unit in its unit or sub-units) |
//! | manager    | own, assigned, its units' queues, tickets of requesters in its units (and sub-units), tickets it is asked to approve |
//! | admin      | all in its organisation                                              |
//!
//! Rows of other organisations never reach a decision: RLS and the `organisation_id`
//! filters hide them, and they answer 404.

use shared_types::lifecycle::{self, Relation, TransitionDenied};
use shared_types::{ErrorCode, Role, TicketStatus, Visibility};
use uuid::Uuid;

use crate::platform::auth::Actor;
use crate::platform::error::AppError;

/// Which tickets a caller may read, as parameters of one SQL predicate
/// (see `tickets::queries::VISIBLE`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TicketScope {
    /// Every ticket of the organisation (admins).
    pub all: bool,
    pub user_id: Uuid,
    /// Tickets whose fulfilment unit is one of these (a unit queue).
    pub queue_units: Vec<Uuid>,
    /// Tickets whose requester belongs to one of these units.
    pub requester_units: Vec<Uuid>,
    /// Tickets the caller has been asked to approve.
    pub as_approver: bool,
}

/// What a role's read scope is made of, before any unit is looked up: every ticket
/// (admins); the queues of the caller's unit with sub-units (technicians, managers)
/// and of the units it manages with theirs (managers); the tickets filed by people of
/// the units it manages (managers); and the tickets it is asked to approve (managers).
/// Everyone also reads the tickets it filed or is assigned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScopeShape {
    pub all: bool,
    pub queue_own: bool,
    pub queue_managed: bool,
    pub requester_managed: bool,
    pub as_approver: bool,
}

/// The [`ScopeShape`] of `role`.
pub fn scope_shape(role: Role) -> ScopeShape {
    let none =
        ScopeShape { all: false, queue_own: false, queue_managed: false, requester_managed: false, as_approver: false };
    match role {
        Role::Admin => ScopeShape { all: true, ..none },
        Role::Requester => none,
        Role::Technician => ScopeShape { queue_own: true, ..none },
        Role::Manager => {
            ScopeShape { queue_own: true, queue_managed: true, requester_managed: true, as_approver: true, ..none }
        }
    }
}

/// The read scope of `actor`. `own_units` is its unit with sub-units, `managed_units`
/// the units it manages with their sub-units.
pub fn ticket_scope(actor: &Actor, own_units: Vec<Uuid>, managed_units: Vec<Uuid>) -> TicketScope {
    let shape = scope_shape(actor.role);
    let mut queue_units = if shape.queue_own { own_units } else { Vec::new() };
    if shape.queue_managed {
        queue_units.extend(managed_units.iter().copied());
    }
    TicketScope {
        all: shape.all,
        user_id: actor.user_id,
        queue_units,
        requester_units: if shape.requester_managed { managed_units } else { Vec::new() },
        as_approver: shape.as_approver,
    }
}

impl TicketScope {
    /// Every ticket of the organisation: for re-reading a ticket after an authorised
    /// change, and for locking the ticket of an approval its approver may decide.
    pub fn unrestricted(actor: &Actor) -> Self {
        TicketScope {
            all: true,
            user_id: actor.user_id,
            queue_units: Vec::new(),
            requester_units: Vec::new(),
            as_approver: false,
        }
    }
}

/// What is known of a ticket when deciding about it.
#[derive(Debug, Clone, Copy)]
pub struct TicketFacts {
    pub status: TicketStatus,
    pub created_by: Uuid,
    pub assigned_to: Option<Uuid>,
    /// The ticket is in a queue the caller works (its fulfilment unit is one of the
    /// caller's units or units it manages, with sub-units).
    pub in_queue: bool,
}

fn relation(actor: &Actor, t: &TicketFacts) -> Relation {
    Relation { is_requester: t.created_by == actor.user_id, is_assignee: t.assigned_to == Some(actor.user_id) }
}

/// The role a caller acts with on this ticket: technicians and managers work only
/// tickets in their queues or assigned to them (managers read their units'
/// tickets, they do not work them); elsewhere they act
/// as requesters (on their own tickets) or not at all.
fn acting_role(actor: &Actor, t: &TicketFacts) -> Role {
    match actor.role {
        Role::Technician | Role::Manager if !(t.in_queue || t.assigned_to == Some(actor.user_id)) => Role::Requester,
        role => role,
    }
}

/// The facts of `ticket`; `in_queue`: its fulfilment unit is one of the caller's queues.
pub fn facts_of(ticket: &shared_types::Ticket, in_queue: bool) -> TicketFacts {
    TicketFacts {
        status: ticket.status,
        created_by: ticket.created_by.id,
        assigned_to: ticket.assigned_to.as_ref().map(|u| u.id),
        in_queue,
    }
}

/// The statuses `actor` may move the ticket to now, in lifecycle order: exactly the
/// moves [`may_transition`] accepts (what the SPA offers).
pub fn allowed_transitions(actor: &Actor, t: &TicketFacts) -> Vec<TicketStatus> {
    lifecycle::next_statuses(t.status)
        .iter()
        .copied()
        .filter(|to| may_transition(actor, t, *to, None).is_ok())
        .collect()
}

/// May `actor` (who can read the ticket) edit its title, description and priority?
/// Staff may while it is not final; the requester only before work starts.
pub fn may_edit_ticket(actor: &Actor, t: &TicketFacts) -> Result<(), AppError> {
    if t.status.is_final() {
        return Err(AppError::new(ErrorCode::Conflict, "Closed and cancelled tickets cannot be edited"));
    }
    let ok = lifecycle::may_edit(acting_role(actor, t), relation(actor, t), t.status, t.assigned_to.is_some());
    ok.then_some(()).ok_or_else(|| AppError::forbidden("You may not edit this ticket"))
}

/// May `actor` move the ticket to `to`, assigning `assignee` when `to` is `assigned`?
/// Lifecycle violations are 409 `INVALID_TRANSITION`, role violations 403
/// `TRANSITION_FORBIDDEN`; only managers and admins assign to someone else.
pub fn may_transition(
    actor: &Actor,
    t: &TicketFacts,
    to: TicketStatus,
    assignee: Option<Uuid>,
) -> Result<(), AppError> {
    let from = t.status;
    if from == TicketStatus::Draft {
        return Err(AppError::new(ErrorCode::Conflict, "Drafts are submitted by filing them with POST /tickets"));
    }
    match lifecycle::may_transition(acting_role(actor, t), relation(actor, t), from, to) {
        Err(TransitionDenied::NotInLifecycle) => Err(AppError::new(
            ErrorCode::InvalidTransition,
            format!("A ticket cannot go from {} to {}", from.as_str(), to.as_str()),
        )),
        Err(TransitionDenied::NotAllowedForRole) => Err(AppError::new(
            ErrorCode::TransitionForbidden,
            format!("A {} may not move this ticket from {} to {}", actor.role.as_str(), from.as_str(), to.as_str()),
        )),
        Ok(()) => {
            let assigns_other = to == TicketStatus::Assigned && assignee.is_some_and(|a| a != actor.user_id);
            if assigns_other && !matches!(actor.role, Role::Manager | Role::Admin) {
                return Err(AppError::new(
                    ErrorCode::TransitionForbidden,
                    "Only managers and admins assign tickets to someone else",
                ));
            }
            Ok(())
        }
    }
}

/// May `actor` write a comment with `visibility`? Internal notes are for staff.
pub fn may_comment(actor: &Actor, visibility: Visibility) -> Result<(), AppError> {
    if visibility == Visibility::Internal && !actor.role.is_staff() {
        return Err(AppError::forbidden("Requesters cannot write internal notes"));
    }
    Ok(())
}

/// Whether `actor` sees internal comments.
pub fn sees_internal_comments(actor: &Actor) -> bool {
    actor.role.is_staff()
}

/// May `actor` decide an approval assigned to `approver_id` on a ticket filed by
/// `requester`? The approver itself, or an admin; never the requester (no one
/// approves their own request).
pub fn may_decide_approval(actor: &Actor, approver_id: Uuid, requester: Uuid) -> Result<(), AppError> {
    if requester == actor.user_id {
        return Err(AppError::forbidden("No one decides an approval of their own request"));
    }
    (approver_id == actor.user_id || actor.role == Role::Admin)
        .then_some(())
        .ok_or_else(|| AppError::forbidden("This approval is assigned to someone else"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(role: Role) -> Actor {
        Actor::for_tests(role)
    }

    #[test]
    fn scopes_by_role() {
        let unit = vec![Uuid::new_v4()];
        let r = ticket_scope(&actor(Role::Requester), unit.clone(), vec![]);
        assert!(!r.all && r.queue_units.is_empty() && !r.as_approver);
        let t = ticket_scope(&actor(Role::Technician), unit.clone(), vec![]);
        assert_eq!(t.queue_units, unit);
        assert!(ticket_scope(&actor(Role::Admin), vec![], vec![]).all);
        let m = ticket_scope(&actor(Role::Manager), vec![], unit.clone());
        assert_eq!(m.requester_units, unit);
        assert!(m.as_approver);
    }

    #[test]
    fn technicians_only_assign_themselves() {
        let tech = actor(Role::Technician);
        let facts =
            TicketFacts { status: TicketStatus::Open, created_by: Uuid::new_v4(), assigned_to: None, in_queue: true };
        assert!(may_transition(&tech, &facts, TicketStatus::Assigned, None).is_ok());
        assert!(may_transition(&tech, &facts, TicketStatus::Assigned, Some(tech.user_id)).is_ok());
        let err = may_transition(&tech, &facts, TicketStatus::Assigned, Some(Uuid::new_v4())).expect_err("other");
        assert_eq!(err.code(), ErrorCode::TransitionForbidden);
        assert!(may_transition(&actor(Role::Manager), &facts, TicketStatus::Assigned, Some(Uuid::new_v4())).is_ok());
    }

    #[test]
    fn lifecycle_and_role_errors_have_distinct_codes() {
        let req = actor(Role::Requester);
        let facts =
            TicketFacts { status: TicketStatus::Open, created_by: req.user_id, assigned_to: None, in_queue: false };
        assert_eq!(
            may_transition(&req, &facts, TicketStatus::Closed, None).map_err(|e| e.code()),
            Err(ErrorCode::InvalidTransition)
        );
        assert_eq!(
            may_transition(&req, &facts, TicketStatus::Assigned, None).map_err(|e| e.code()),
            Err(ErrorCode::TransitionForbidden)
        );
    }

    #[test]
    fn requesters_edit_only_before_work_starts() {
        let req = actor(Role::Requester);
        let mut facts =
            TicketFacts { status: TicketStatus::Open, created_by: req.user_id, assigned_to: None, in_queue: false };
        assert!(may_edit_ticket(&req, &facts).is_ok());
        facts.status = TicketStatus::InProgress;
        assert!(may_edit_ticket(&req, &facts).is_err());
        facts.status = TicketStatus::Closed;
        assert_eq!(may_edit_ticket(&actor(Role::Admin), &facts).map_err(|e| e.code()), Err(ErrorCode::Conflict));
    }

    #[test]
    fn managers_and_technicians_work_only_their_queues() {
        let manager = actor(Role::Manager);
        let mut facts =
            TicketFacts { status: TicketStatus::Open, created_by: Uuid::new_v4(), assigned_to: None, in_queue: false };
        let err = may_transition(&manager, &facts, TicketStatus::Assigned, None).expect_err("not its queue");
        assert_eq!(err.code(), ErrorCode::TransitionForbidden);
        assert!(may_edit_ticket(&manager, &facts).is_err());
        facts.in_queue = true;
        assert!(may_transition(&manager, &facts, TicketStatus::Assigned, None).is_ok());
        let tech = actor(Role::Technician);
        facts = TicketFacts {
            status: TicketStatus::InProgress,
            created_by: Uuid::new_v4(),
            assigned_to: Some(tech.user_id),
            in_queue: false,
        };
        assert!(may_transition(&tech, &facts, TicketStatus::Resolved, None).is_ok(), "its own assignment");
    }

    #[test]
    fn nobody_decides_their_own_request() {
        let admin = actor(Role::Admin);
        assert!(may_decide_approval(&admin, admin.user_id, admin.user_id).is_err());
        assert!(may_decide_approval(&admin, Uuid::new_v4(), Uuid::new_v4()).is_ok());
        assert!(may_decide_approval(&actor(Role::Manager), Uuid::new_v4(), Uuid::new_v4()).is_err());
    }

    #[test]
    fn internal_comments_are_staff_only() {
        assert!(may_comment(&actor(Role::Requester), Visibility::Internal).is_err());
        assert!(may_comment(&actor(Role::Technician), Visibility::Internal).is_ok());
        assert!(!sees_internal_comments(&actor(Role::Requester)));
    }
}
