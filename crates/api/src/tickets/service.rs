//! Filing and reading tickets.

use serde_json::json;
use shared_types::events::{self, DomainEvent};
use shared_types::{CreateTicketRequest, ErrorCode, Priority, Ticket, TicketDetail, TicketStatus};
use uuid::Uuid;

use crate::approvals::approvers::{self, Step};
use crate::approvals::queries as approvals;
use crate::catalog::forms::rules as forms;
use crate::catalog::queries::catalog;
use crate::people::queries::users;
use crate::platform::auth::Actor;
use crate::platform::db::{self, Tx};
use crate::platform::error::{AppError, AppResult};
use crate::platform::input;
use crate::platform::state::AppState;
use crate::platform::{audit, events as event_log, history};
use crate::policy::{self, Action, Resource, TicketScope};
use crate::tickets::queries as tickets;
use crate::tickets::rules;

pub use crate::tickets::queries::ListFilter;

/// The caller's read scope, from its role and units.
pub async fn scope(tx: &mut Tx, actor: &Actor) -> AppResult<TicketScope> {
    let (own, managed) = match actor.role {
        shared_types::Role::Technician | shared_types::Role::Manager => {
            let org = actor.organisation_id;
            (
                users::own_unit_subtree(tx, org, actor.user_id).await?,
                users::managed_unit_subtree(tx, org, actor.user_id).await?,
            )
        }
        _ => (Vec::new(), Vec::new()),
    };
    Ok(policy::ticket_scope(actor, own, managed))
}

/// Files a ticket: validates the form against the item's current form version,
/// resolves the approvers its item's rules name, numbers it, starts it
/// `pending_approval` (with one approval request per step) when at least one step is
/// required, else `open`, and records history and audit, in one transaction. 409
/// `CONFLICT` when approval is needed and nobody but the requester could give it.
pub async fn create(state: &AppState, actor: &Actor, req: CreateTicketRequest) -> AppResult<Ticket> {
    policy::authorize(actor, Resource::Tickets, Action::Create)?;
    input::validate(&req)?;
    let title = rules::clean_title(&req.title).map_err(|m| AppError::field("title", m))?;
    let now = state.clock.now();
    let org = actor.organisation_id;
    let mut tx = db::begin_org(&state.pool, org).await?;
    let (item, form) = match req.service_item_id {
        Some(id) => {
            let item = catalog::item_facts(&mut tx, org, id)
                .await?
                .filter(|i| i.is_active)
                .ok_or_else(|| AppError::field("serviceItemId", "No such active service item"))?;
            let form = catalog::current_form(&mut tx, org, id).await?;
            if let Some((_, schema)) = &form {
                let checked = forms::validate(schema, &req.form_data)
                    .map_err(|e| AppError::internal_from("a stored form is not a valid schema", e))?;
                checked.map_err(AppError::validation)?;
                check_pickers(&mut tx, org, schema, &req.form_data).await?;
            }
            (Some(item), form)
        }
        None => {
            if req.form_data.as_object().is_some_and(|o| !o.is_empty()) {
                return Err(AppError::field("formData", "Form data needs a service item"));
            }
            (None, None)
        }
    };
    // Approvers are resolved before the ticket is numbered: numbering locks the
    // organisation's counter until commit, so it comes as late as possible.
    let assignments = match item.as_ref().filter(|i| i.requires_approval) {
        Some(i) => {
            let steps: Vec<Step> = catalog::rules(&mut tx, org, i.id)
                .await?
                .into_iter()
                .map(|r| Step {
                    step: r.step,
                    approver_role: r.approver_role,
                    unit_scope: r.unit_scope,
                    is_required: r.is_required,
                })
                .collect();
            let dir = users::directory(&mut tx, org).await?;
            let unit = users::unit_of(&mut tx, org, actor.user_id).await?;
            approvers::resolve(&dir, actor.user_id, unit, &steps)
                .map_err(|e| AppError::new(ErrorCode::Conflict, e.to_string()))?
        }
        None => Vec::new(),
    };
    let status = rules::initial_status(assignments.iter().any(|a| a.is_required));
    let priority = req
        .priority
        .or_else(|| item.as_ref().and_then(|i| Priority::parse(&i.default_priority)))
        .unwrap_or(Priority::Medium);
    let (response_due_at, resolution_due_at) = item
        .as_ref()
        .map_or((None, None), |i| rules::sla_due(now, i.response_target_minutes, i.resolution_target_minutes));
    let id = Uuid::new_v4();
    let new = tickets::NewTicket {
        id,
        organisation_id: org,
        number: tickets::next_number(&mut tx, org).await?,
        title,
        description: req.description.trim().to_owned(),
        status,
        priority,
        service_item_id: item.as_ref().map(|i| i.id),
        form_version: form.as_ref().map(|f| f.0),
        form_data: req.form_data,
        created_by: actor.user_id,
        fulfilment_unit_id: item.as_ref().and_then(|i| i.fulfilment_unit_id),
        response_due_at,
        resolution_due_at,
        created_at: now,
    };
    tickets::insert(&mut tx, &new).await?;
    let mut happened = vec![DomainEvent::TicketCreated(events::TicketCreated {
        ticket_id: id,
        number: new.number,
        title: new.title.clone(),
        status,
        priority,
        requester_id: actor.user_id,
        service_item_id: new.service_item_id,
        unit_id: new.fulfilment_unit_id,
    })];
    if status == TicketStatus::PendingApproval {
        let ids = approvals::create(&mut tx, org, id, &assignments, now).await?;
        happened.extend(ids.into_iter().zip(&assignments).map(|(approval_id, a)| {
            DomainEvent::ApprovalRequested(events::ApprovalRequested {
                approval_id,
                ticket_id: id,
                number: new.number,
                approver_id: a.approver_id,
                step: a.step,
                required: a.is_required,
            })
        }));
    }
    let change = history::Change {
        organisation_id: org,
        ticket_id: id,
        actor_id: Some(actor.user_id),
        field: "status",
        from: None,
        to: Some(status.as_str().to_owned()),
        note: Some("Ticket filed".into()),
        at: now,
    };
    history::record(&mut tx, change).await?;
    let entry = audit::Entry {
        organisation_id: org,
        actor_id: Some(actor.user_id),
        action: "ticket.created",
        entity_type: "ticket",
        entity_id: Some(id),
        changes: json!({"number": new.number, "status": status, "priority": priority, "serviceItemId": new.service_item_id}),
        at: now,
    };
    let ticket = tickets::get(&mut tx, org, &TicketScope::unrestricted(actor), id)
        .await?
        .ok_or_else(|| AppError::internal("new ticket vanished"))?;
    event_log::by_with_audit(&mut tx, actor, now, entry, &happened).await?;
    tx.commit().await?;
    Ok(ticket)
}

/// 422 on each user-picker value that is not an active user of the organisation and
/// each unit-picker value that is not one of its units (RLS scopes the queries too).
async fn check_pickers(tx: &mut Tx, org: Uuid, schema: &serde_json::Value, data: &serde_json::Value) -> AppResult<()> {
    let picks = forms::picker_values(schema, data);
    let ids = |kind| picks.iter().filter(|p| p.kind == kind).map(|p| p.value).collect::<Vec<Uuid>>();
    let (user_ids, unit_ids) = (ids(forms::Picker::User), ids(forms::Picker::Unit));
    let mut known = Vec::new();
    if !user_ids.is_empty() {
        let sql = "SELECT id FROM users WHERE id = ANY($1) AND organisation_id = $2 AND is_active";
        known.extend(sqlx::query_scalar::<_, Uuid>(sql).bind(&user_ids).bind(org).fetch_all(&mut **tx).await?);
    }
    if !unit_ids.is_empty() {
        let sql = "SELECT id FROM units WHERE id = ANY($1) AND organisation_id = $2";
        known.extend(sqlx::query_scalar::<_, Uuid>(sql).bind(&unit_ids).bind(org).fetch_all(&mut **tx).await?);
    }
    let errors: Vec<shared_types::FieldError> = picks
        .iter()
        .filter(|p| !known.contains(&p.value))
        .map(|p| shared_types::FieldError { field: p.field.clone(), message: p.kind.message().to_owned() })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::validation(errors))
    }
}

/// The ticket with what the caller may see of its comments, history and approvals,
/// and the moves and edits the caller may make: one round trip to the database
/// ([`tickets::detail`]). 404 when the caller may not read it.
pub async fn detail(state: &AppState, actor: &Actor, id: Uuid) -> AppResult<TicketDetail> {
    policy::authorize(actor, Resource::Tickets, Action::Read)?;
    let internal = policy::sees_internal_comments(actor);
    let shape = policy::scope_shape(actor.role);
    let document =
        tickets::detail(&state.pool, actor, id, shape, internal).await?.ok_or_else(|| AppError::not_found("Ticket"))?;
    let mut read = tickets::parse_detail(&document)
        .map_err(|e| AppError::internal_from("ticket_detail returned a document the API cannot read", e))?;
    // An internal note's history entry would tell a requester that a note exists.
    read.history.retain(|h| internal || !(h.field == "comment" && h.to_value.as_deref() == Some("internal")));
    let facts = policy::facts_of(&read.ticket, read.in_queue);
    Ok(TicketDetail {
        allowed_transitions: policy::allowed_transitions(actor, &facts),
        editable: policy::may_edit_ticket(actor, &facts).is_ok(),
        ticket: read.ticket,
        comments: read.comments,
        history: read.history,
        approvals: read.approvals,
    })
}

/// 412 unless `expected` is the current version.
pub fn check_version(current: i32, expected: i32) -> AppResult<()> {
    if current == expected {
        Ok(())
    } else {
        Err(AppError::new(
            ErrorCode::VersionMismatch,
            format!("The ticket changed since you read it (version {expected}, now {current}); reload and try again"),
        ))
    }
}
