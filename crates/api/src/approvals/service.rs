//! Approval decisions. The ticket row is locked first, so decisions on one ticket are
//! serialised; the decision itself is a conditional update, so of two concurrent
//! clicks exactly one wins and the other answers 409 `ALREADY_DECIDED`. All steps of a
//! ticket are requested at once and may be decided in any order (parallel approval);
//! the ticket opens when every required step is approved.

use serde_json::json;
use shared_types::events::{self, DomainEvent};
use shared_types::{Approval, ApprovalStatus, ErrorCode, PendingApproval, TicketStatus};
use uuid::Uuid;

use crate::approvals::queries as approvals;
use crate::platform::auth::Actor;
use crate::platform::error::{AppError, AppResult};
use crate::platform::state::AppState;
use crate::platform::{audit, db, events as event_log, history};
use crate::policy::{self, Action, Resource};
use crate::tickets::queries as tickets;

/// A decision on one approval.
#[derive(Debug, Clone)]
pub enum Decision {
    Approve { comment: Option<String> },
    Reject { reason: String },
}

/// Approvals waiting for the caller.
pub async fn pending(state: &AppState, actor: &Actor) -> AppResult<Vec<PendingApproval>> {
    policy::authorize(actor, Resource::Approvals, Action::Read)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let list = approvals::pending_for(&mut tx, actor.organisation_id, actor.user_id).await?;
    tx.commit().await?;
    Ok(list)
}

/// Records a decision. Approving the last outstanding required approval opens the
/// ticket; rejecting a required one cancels it (with the reason) and skips the rest.
pub async fn decide(state: &AppState, actor: &Actor, id: Uuid, decision: Decision) -> AppResult<Approval> {
    policy::authorize(actor, Resource::Approvals, Action::Decide)?;
    let (status, note) = match &decision {
        Decision::Approve { comment } => {
            (ApprovalStatus::Approved, comment.as_deref().map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned))
        }
        Decision::Reject { reason } => {
            let reason = reason.trim();
            if reason.is_empty() {
                return Err(AppError::field("reason", "Say why the request is rejected"));
            }
            (ApprovalStatus::Rejected, Some(reason.to_owned()))
        }
    };
    let now = state.clock.now();
    let org = actor.organisation_id;
    let mut tx = db::begin_org(&state.pool, org).await?;
    let approval = approvals::get(&mut tx, org, id).await?.ok_or_else(|| AppError::not_found("Approval"))?;
    // Lock the ticket first: decisions on one ticket are serialised.
    let all = policy::TicketScope::unrestricted(actor);
    let (facts, _, number) =
        tickets::lock(&mut tx, org, &all, approval.ticket_id).await?.ok_or_else(|| AppError::not_found("Approval"))?;
    policy::may_decide_approval(actor, approval.approver.id, facts.created_by)?;
    if !approvals::decide(&mut tx, org, id, status, note.as_deref(), now).await? {
        return Err(AppError::new(ErrorCode::AlreadyDecided, "This approval has already been decided"));
    }
    if facts.status != TicketStatus::PendingApproval {
        // Dropping the transaction rolls the decision back.
        return Err(AppError::new(ErrorCode::Conflict, "The ticket is no longer waiting for approval"));
    }
    let ticket = approval.ticket_id;
    let step_field = format!("approval.step{}", approval.step);
    let change = history::Change {
        organisation_id: org,
        ticket_id: ticket,
        actor_id: Some(actor.user_id),
        field: &step_field,
        from: Some("pending".into()),
        to: Some(status.as_str().into()),
        note: note.clone(),
        at: now,
    };
    history::record(&mut tx, change).await?;
    let mut skipped = Vec::new();
    let next = if status == ApprovalStatus::Rejected && approval.is_required {
        skipped = approvals::skip_pending(&mut tx, org, ticket, now).await?;
        Some(TicketStatus::Cancelled)
    } else if approvals::required_outstanding(&mut tx, org, ticket).await? == 0 {
        Some(TicketStatus::Open)
    } else {
        None
    };
    let mut happened = vec![DomainEvent::ApprovalDecided(events::ApprovalDecided {
        approval_id: id,
        ticket_id: ticket,
        number,
        decision: status,
        reason: note.clone(),
    })];
    happened.extend(approvals::skipped_events(skipped, ticket, number));
    if let Some(next) = next {
        tickets::set_status(&mut tx, org, ticket, next, None, now).await?;
        let note = match next {
            TicketStatus::Cancelled => Some(format!("Rejected: {}", note.clone().unwrap_or_default())),
            _ => Some("All required approvals given".into()),
        };
        let change = history::Change {
            organisation_id: org,
            ticket_id: ticket,
            actor_id: Some(actor.user_id),
            field: "status",
            from: Some(facts.status.as_str().into()),
            to: Some(next.as_str().into()),
            note: note.clone(),
            at: now,
        };
        history::record(&mut tx, change).await?;
        let changed =
            events::TicketStatusChanged { ticket_id: ticket, number, from: facts.status, to: next, reason: note };
        happened.push(DomainEvent::TicketStatusChanged(changed));
    }
    let entry = audit::Entry {
        organisation_id: org,
        actor_id: Some(actor.user_id),
        action: if status == ApprovalStatus::Approved { "approval.approved" } else { "approval.rejected" },
        entity_type: "approval",
        entity_id: Some(id),
        changes: json!({"ticketId": ticket, "reason": note, "ticketStatus": next}),
        at: now,
    };
    let decided = approvals::get(&mut tx, org, id).await?.ok_or_else(|| AppError::internal("approval vanished"))?;
    event_log::by_with_audit(&mut tx, actor, now, entry, &happened).await?;
    tx.commit().await?;
    Ok(decided)
}
