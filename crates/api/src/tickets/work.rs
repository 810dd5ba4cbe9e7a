//! Working a ticket: editing under optimistic concurrency, lifecycle transitions and
//! comments. Each is one transaction with its history and audit rows.

use serde_json::json;
use shared_types::events::{self, DomainEvent};
use shared_types::{
    Comment, CreateCommentRequest, ErrorCode, Role, Ticket, TicketStatus, TransitionRequest, UpdateTicketRequest,
};
use uuid::Uuid;

use super::service::{check_version, scope};
use crate::approvals::queries as approvals;
use crate::people::queries::users;
use crate::platform::auth::Actor;
use crate::platform::db::{self, Tx};
use crate::platform::error::{AppError, AppResult};
use crate::platform::input;
use crate::platform::state::AppState;
use crate::platform::{audit, events as event_log, history};
use crate::policy::{self, Action, Resource, TicketScope};
use crate::tickets::queries as tickets;
use crate::tickets::queries::conversation;
use crate::tickets::rules;

/// One field's change: (field, from, to, note).
type Edit<'a> = (&'a str, Option<String>, Option<String>, Option<String>);

async fn record(
    tx: &mut Tx,
    actor: &Actor,
    ticket: Uuid,
    at: chrono::DateTime<chrono::Utc>,
    edit: Edit<'_>,
) -> AppResult<()> {
    let (field, from, to, note) = edit;
    let change = history::Change {
        organisation_id: actor.organisation_id,
        ticket_id: ticket,
        actor_id: Some(actor.user_id),
        field,
        from,
        to,
        note,
        at,
    };
    Ok(history::record(tx, change).await?)
}

/// The audit entry of a change to `ticket` (written with the change's events).
fn audited<'a>(
    actor: &Actor,
    action: &'a str,
    ticket: Uuid,
    changes: serde_json::Value,
    at: chrono::DateTime<chrono::Utc>,
) -> audit::Entry<'a> {
    audit::Entry::by(actor, action, ("ticket", ticket), changes, at)
}

/// Reads a ticket the caller was already authorised on (the organisation-wide scope:
/// a change such as unassigning may take it out of the caller's own scope).
async fn reread(tx: &mut Tx, actor: &Actor, id: Uuid) -> AppResult<Ticket> {
    tickets::get(tx, actor.organisation_id, &TicketScope::unrestricted(actor), id)
        .await?
        .ok_or_else(|| AppError::not_found("Ticket"))
}

/// Edits title, description and priority. `expected_version` (from `If-Match` or the
/// body) must be current: a stale one is 412, never a lost update; none is 428.
pub async fn update(
    state: &AppState,
    actor: &Actor,
    id: Uuid,
    req: UpdateTicketRequest,
    if_match: Option<i32>,
) -> AppResult<Ticket> {
    policy::authorize(actor, Resource::Tickets, Action::Update)?;
    input::validate(&req)?;
    let expected = if_match.or(req.version).ok_or_else(|| {
        AppError::new(
            ErrorCode::PreconditionRequired,
            "Send If-Match: \"<version>\" (or version) with the version you read",
        )
    })?;
    let title = rules::clean_title(&req.title).map_err(|m| AppError::field("title", m))?;
    let now = state.clock.now();
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let scope = scope(&mut tx, actor).await?;
    let (facts, version, _) = tickets::lock(&mut tx, actor.organisation_id, &scope, id)
        .await?
        .ok_or_else(|| AppError::not_found("Ticket"))?;
    check_version(version, expected)?;
    policy::may_edit_ticket(actor, &facts)?;
    let before = reread(&mut tx, actor, id).await?;
    let description = req.description.trim().to_owned();
    if before.title == title && before.description == description && before.priority == req.priority {
        return Ok(before); // nothing changed: no new version, no history
    }
    tickets::update_fields(&mut tx, actor.organisation_id, id, &title, &description, req.priority, now).await?;
    let changes = [
        ("title", before.title != title, before.title.clone(), title.clone()),
        ("description", before.description != description, before.description.clone(), description.clone()),
        (
            "priority",
            before.priority != req.priority,
            before.priority.as_str().to_owned(),
            req.priority.as_str().to_owned(),
        ),
    ];
    for (field, changed, from, to) in changes.iter().cloned() {
        if changed {
            record(&mut tx, actor, id, now, (field, Some(from), Some(to), None)).await?;
        }
    }
    let changed: Vec<_> =
        changes.iter().filter(|c| c.1).map(|c| json!({"field": c.0, "from": c.2, "to": c.3})).collect();
    let ticket = reread(&mut tx, actor, id).await?;
    let fields = changes.iter().filter(|c| c.1).map(|c| c.0.to_owned()).collect();
    let updated = events::TicketUpdated { ticket_id: id, number: ticket.number, fields, priority: ticket.priority };
    let entry = audited(actor, "ticket.updated", id, json!({ "changes": changed }), now);
    event_log::by_with_audit(&mut tx, actor, now, entry, &[DomainEvent::TicketUpdated(updated)]).await?;
    tx.commit().await?;
    Ok(ticket)
}

/// Moves a ticket through the lifecycle (the only way its status changes).
pub async fn transition(state: &AppState, actor: &Actor, id: Uuid, req: TransitionRequest) -> AppResult<Ticket> {
    policy::authorize(actor, Resource::Tickets, Action::Update)?;
    input::validate(&req)?;
    let now = state.clock.now();
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let scope = scope(&mut tx, actor).await?;
    let (facts, _, _) = tickets::lock(&mut tx, actor.organisation_id, &scope, id)
        .await?
        .ok_or_else(|| AppError::not_found("Ticket"))?;
    policy::may_transition(actor, &facts, req.to, req.assignee_id)?;
    let reason = req.reason.as_deref().map(str::trim).filter(|r| !r.is_empty()).map(str::to_owned);
    if req.to == TicketStatus::Cancelled && reason.is_none() {
        return Err(AppError::field("reason", "Say why the ticket is cancelled"));
    }
    let assignee = match req.to {
        TicketStatus::Assigned => {
            let who = req
                .assignee_id
                .or(facts.assigned_to.filter(|_| facts.status == TicketStatus::InProgress))
                .unwrap_or(actor.user_id);
            let (_, role) = users::get_ref(&mut tx, actor.organisation_id, who)
                .await?
                .ok_or_else(|| AppError::field("assigneeId", "No such active user"))?;
            if role == Role::Requester {
                return Err(AppError::field("assigneeId", "Tickets are assigned to technicians, managers or admins"));
            }
            Some(who)
        }
        TicketStatus::Open => None,
        _ => facts.assigned_to,
    };
    tickets::set_status(&mut tx, actor.organisation_id, id, req.to, assignee, now).await?;
    let mut skipped = Vec::new();
    if facts.status == TicketStatus::PendingApproval {
        // Withdrawn: nothing left to decide.
        skipped = approvals::skip_pending(&mut tx, actor.organisation_id, id, now).await?;
    }
    record(
        &mut tx,
        actor,
        id,
        now,
        ("status", Some(facts.status.as_str().into()), Some(req.to.as_str().into()), reason.clone()),
    )
    .await?;
    if assignee != facts.assigned_to {
        record(
            &mut tx,
            actor,
            id,
            now,
            ("assigned_to", facts.assigned_to.map(|a| a.to_string()), assignee.map(|a| a.to_string()), None),
        )
        .await?;
    }
    let changes = json!({"from": facts.status, "to": req.to, "assignedTo": assignee, "reason": reason});
    let entry = audited(actor, "ticket.transitioned", id, changes, now);
    let ticket = reread(&mut tx, actor, id).await?;
    let number = ticket.number;
    let mut happened = vec![DomainEvent::TicketStatusChanged(events::TicketStatusChanged {
        ticket_id: id,
        number,
        from: facts.status,
        to: req.to,
        reason,
    })];
    if assignee != facts.assigned_to {
        let assigned = events::TicketAssigned { ticket_id: id, number, from: facts.assigned_to, to: assignee };
        happened.push(DomainEvent::TicketAssigned(assigned));
    }
    happened.extend(approvals::skipped_events(skipped, id, number));
    event_log::by_with_audit(&mut tx, actor, now, entry, &happened).await?;
    tx.commit().await?;
    Ok(ticket)
}

/// Adds a comment; internal notes are for staff and never shown to requesters.
pub async fn comment(state: &AppState, actor: &Actor, id: Uuid, req: CreateCommentRequest) -> AppResult<Comment> {
    policy::authorize(actor, Resource::Tickets, Action::Update)?;
    input::validate(&req)?;
    let body = req.body.trim();
    if body.is_empty() {
        return Err(AppError::field("body", "Write something first"));
    }
    if body.chars().count() > 10_000 {
        return Err(AppError::field("body", "A comment is at most 10000 characters"));
    }
    let now = state.clock.now();
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let scope = scope(&mut tx, actor).await?;
    let ticket =
        tickets::get(&mut tx, actor.organisation_id, &scope, id).await?.ok_or_else(|| AppError::not_found("Ticket"))?;
    policy::may_comment(actor, req.visibility)?;
    let (author, _) = users::get_ref(&mut tx, actor.organisation_id, actor.user_id)
        .await?
        .ok_or_else(|| AppError::unauthenticated("This account is no longer active"))?;
    let comment =
        conversation::add_comment(&mut tx, actor.organisation_id, id, &author, body, req.visibility, now).await?;
    let vis = serde_json::to_value(req.visibility).ok().and_then(|v| v.as_str().map(str::to_owned));
    record(&mut tx, actor, id, now, ("comment", None, vis.clone(), None)).await?;
    let entry = audited(actor, "ticket.commented", id, json!({"commentId": comment.id, "visibility": vis}), now);
    let created = events::CommentCreated {
        comment_id: comment.id,
        ticket_id: id,
        number: ticket.number,
        author_id: actor.user_id,
        visibility: req.visibility,
    };
    event_log::by_with_audit(&mut tx, actor, now, entry, &[DomainEvent::CommentCreated(created)]).await?;
    tx.commit().await?;
    Ok(comment)
}
