//! The ticket lifecycle: which status may follow which and who may
//! make each move. The API enforces
//! these functions; the SPA shows only the buttons they allow.

use crate::auth::Role;
use crate::ticket::TicketStatus::{self, *};

/// The statuses that may directly follow `from`; empty for final states.
///
/// ```text
/// draft            -> pending_approval | open
/// pending_approval -> open | cancelled
/// open             -> assigned | cancelled
/// assigned         -> in_progress | open
/// in_progress      -> pending_user | resolved | assigned
/// pending_user     -> in_progress | closed
/// resolved         -> closed | in_progress
/// closed, cancelled: final
/// ```
pub fn next_statuses(from: TicketStatus) -> &'static [TicketStatus] {
    match from {
        Draft => &[PendingApproval, Open],
        PendingApproval => &[Open, Cancelled],
        Open => &[Assigned, Cancelled],
        Assigned => &[InProgress, Open],
        InProgress => &[PendingUser, Resolved, Assigned],
        PendingUser => &[InProgress, Closed],
        Resolved => &[Closed, InProgress],
        Closed | Cancelled => &[],
    }
}

/// True when `to` may follow `from` in the table, whoever asks.
pub fn is_transition(from: TicketStatus, to: TicketStatus) -> bool {
    next_statuses(from).contains(&to)
}

/// How the caller stands to the ticket, for [`may_transition`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Relation {
    /// The caller filed the ticket.
    pub is_requester: bool,
    /// The ticket is assigned to the caller.
    pub is_assignee: bool,
}

/// Why a move is refused: not in the table (409 `INVALID_TRANSITION`) or not for this
/// caller (403 `TRANSITION_FORBIDDEN`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransitionDenied {
    NotInLifecycle,
    NotAllowedForRole,
}

/// Decides whether a caller with `role` and `rel` may move a ticket `from` → `to`
/// through `POST /tickets/{id}/transitions`.
///
/// Rules:
/// - `pending_approval -> open` happens only when the last required approval is
///   given; nobody makes it by hand.
/// - Cancelling: the requester (withdrawing its own request), managers and admins.
/// - Taking and working a ticket (`assigned`, `in_progress`, `pending_user`,
///   `resolved`, back to `open`): technicians, managers and admins; once assigned, a
///   technician may work only its own tickets.
/// - The requester answers (`pending_user -> in_progress`), confirms
///   (`resolved -> closed`, `pending_user -> closed`) or reopens
///   (`resolved -> in_progress`) its own ticket; staff may close too.
/// - Submitting a draft is for its requester (and admins).
pub fn may_transition(role: Role, rel: Relation, from: TicketStatus, to: TicketStatus) -> Result<(), TransitionDenied> {
    if !is_transition(from, to) {
        return Err(TransitionDenied::NotInLifecycle);
    }
    let admin_or_manager = matches!(role, Role::Admin | Role::Manager);
    let worker = admin_or_manager || (role == Role::Technician && rel.is_assignee);
    let allowed = match (from, to) {
        (PendingApproval, Open) => false,
        (Draft, _) => rel.is_requester || role == Role::Admin,
        (PendingApproval | Open, Cancelled) => rel.is_requester || admin_or_manager,
        (Open, Assigned) => role.is_staff(),
        (Assigned, InProgress) | (Assigned, Open) => worker,
        (InProgress, PendingUser | Resolved | Assigned) => worker,
        (PendingUser, InProgress) => rel.is_requester || worker,
        (PendingUser, Closed) | (Resolved, Closed) => rel.is_requester || admin_or_manager,
        (Resolved, InProgress) => rel.is_requester || worker,
        _ => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(TransitionDenied::NotAllowedForRole)
    }
}

/// May a caller edit a ticket's title, description and priority? Never once it is
/// final; staff while it is not (a technician only when the ticket is its own,
/// assigned to it, or not yet assigned); the requester only before work starts
/// (draft, pending approval, open).
pub fn may_edit(role: Role, rel: Relation, status: TicketStatus, is_assigned: bool) -> bool {
    !status.is_final()
        && match role {
            Role::Admin | Role::Manager => true,
            Role::Technician => rel.is_assignee || rel.is_requester || !is_assigned,
            Role::Requester => rel.is_requester && matches!(status, Draft | PendingApproval | Open),
        }
}

/// The moves this caller may make from `from`, in table order (what the SPA shows).
pub fn allowed_transitions(role: Role, rel: Relation, from: TicketStatus) -> Vec<TicketStatus> {
    next_statuses(from).iter().copied().filter(|to| may_transition(role, rel, from, *to).is_ok()).collect()
}

/// The button label for moving a ticket into `to`.
pub fn action_label(from: TicketStatus, to: TicketStatus) -> &'static str {
    match (from, to) {
        (_, Assigned) if from == InProgress => "Hand back",
        (_, Assigned) => "Assign",
        (Assigned, Open) => "Unassign",
        (Resolved, InProgress) => "Reopen",
        (PendingUser, InProgress) => "Resume",
        (_, InProgress) => "Start work",
        (_, PendingUser) => "Ask requester",
        (_, Resolved) => "Resolve",
        (_, Closed) => "Close",
        (_, Cancelled) => "Cancel",
        (_, PendingApproval) | (_, Open) => "Submit",
        _ => "Move",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const REQUESTER: Relation = Relation { is_requester: true, is_assignee: false };
    const ASSIGNEE: Relation = Relation { is_requester: false, is_assignee: true };
    const STRANGER: Relation = Relation { is_requester: false, is_assignee: false };

    #[test]
    fn table_matches_seed_002_exactly() {
        let mut pairs = Vec::new();
        for from in TicketStatus::ALL {
            for to in TicketStatus::ALL {
                if is_transition(from, to) {
                    pairs.push(format!("{}->{}", from.as_str(), to.as_str()));
                }
            }
        }
        assert_eq!(
            pairs,
            [
                "draft->pending_approval",
                "draft->open",
                "pending_approval->open",
                "pending_approval->cancelled",
                "open->assigned",
                "open->cancelled",
                "assigned->open",
                "assigned->in_progress",
                "in_progress->assigned",
                "in_progress->pending_user",
                "in_progress->resolved",
                "pending_user->in_progress",
                "pending_user->closed",
                "resolved->in_progress",
                "resolved->closed",
            ]
        );
    }

    #[test]
    fn final_states_have_no_exit() {
        for from in [Closed, Cancelled] {
            for to in TicketStatus::ALL {
                assert_eq!(may_transition(Role::Admin, STRANGER, from, to), Err(TransitionDenied::NotInLifecycle));
            }
        }
    }

    #[test]
    fn nobody_opens_a_pending_approval_by_hand() {
        for role in [Role::Requester, Role::Technician, Role::Manager, Role::Admin] {
            assert_eq!(
                may_transition(role, REQUESTER, PendingApproval, Open),
                Err(TransitionDenied::NotAllowedForRole)
            );
        }
    }

    #[test]
    fn requester_confirms_or_reopens_but_cannot_work_its_ticket() {
        assert!(may_transition(Role::Requester, REQUESTER, Resolved, Closed).is_ok());
        assert!(may_transition(Role::Requester, REQUESTER, Resolved, InProgress).is_ok());
        assert_eq!(
            may_transition(Role::Requester, REQUESTER, Open, Assigned),
            Err(TransitionDenied::NotAllowedForRole)
        );
        assert_eq!(
            may_transition(Role::Requester, REQUESTER, InProgress, Resolved),
            Err(TransitionDenied::NotAllowedForRole)
        );
        assert_eq!(
            may_transition(Role::Requester, STRANGER, Resolved, Closed),
            Err(TransitionDenied::NotAllowedForRole)
        );
    }

    #[test]
    fn technician_works_only_its_own_assigned_tickets() {
        assert!(may_transition(Role::Technician, STRANGER, Open, Assigned).is_ok());
        assert!(may_transition(Role::Technician, ASSIGNEE, Assigned, InProgress).is_ok());
        assert!(may_transition(Role::Technician, ASSIGNEE, InProgress, Resolved).is_ok());
        assert_eq!(
            may_transition(Role::Technician, STRANGER, InProgress, Resolved),
            Err(TransitionDenied::NotAllowedForRole)
        );
        assert_eq!(
            may_transition(Role::Technician, ASSIGNEE, Resolved, Closed),
            Err(TransitionDenied::NotAllowedForRole)
        );
    }

    #[test]
    fn skipping_a_step_is_not_in_the_lifecycle() {
        assert_eq!(may_transition(Role::Admin, STRANGER, Open, Resolved), Err(TransitionDenied::NotInLifecycle));
        assert_eq!(may_transition(Role::Admin, STRANGER, Open, Closed), Err(TransitionDenied::NotInLifecycle));
    }

    #[test]
    fn allowed_transitions_for_the_spa() {
        assert_eq!(allowed_transitions(Role::Technician, ASSIGNEE, InProgress), vec![PendingUser, Resolved, Assigned]);
        assert_eq!(allowed_transitions(Role::Requester, REQUESTER, Open), vec![Cancelled]);
        assert!(allowed_transitions(Role::Manager, STRANGER, Closed).is_empty());
    }
}
