//! The ticket's side column: people and dates, approvals, history.

use std::collections::HashMap;

use leptos::prelude::*;
use shared_types::{Approval, HistoryEntry, Ticket};

use crate::components::ApprovalBadge;
use crate::format;

fn when(at: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    view! { <time datetime=format::iso(at)>{format::datetime(at)}</time> }
}

/// Requester, assignee, service, team and dates.
#[component]
pub fn DetailsCard(ticket: Ticket) -> impl IntoView {
    let assignee = ticket.assigned_to.as_ref().map_or_else(|| "Unassigned".to_owned(), |u| u.name.clone());
    view! {
        <section class="card" aria-labelledby="details-title">
            <h2 id="details-title">"Details"</h2>
            <dl class="kv">
                <dt>"Requester"</dt><dd>{ticket.created_by.name.clone()}</dd>
                <dt>"Assignee"</dt><dd class:muted=ticket.assigned_to.is_none()>{assignee}</dd>
                <dt>"Service"</dt><dd>{ticket.service_item_name.clone().unwrap_or_else(|| "—".into())}</dd>
                {ticket.fulfilment_unit_name.clone().map(|u| view! { <dt>"Team"</dt><dd>{u}</dd> })}
                {ticket.response_due_at.map(|at| view! { <dt>"Response due"</dt><dd>{when(at)}</dd> })}
                {ticket.resolution_due_at.map(|at| view! { <dt>"Resolution due"</dt><dd>{when(at)}</dd> })}
                <dt>"Created"</dt><dd>{when(ticket.created_at)}</dd>
                <dt>"Updated"</dt><dd>{when(ticket.updated_at)}</dd>
                {ticket.resolved_at.map(|at| view! { <dt>"Resolved"</dt><dd>{when(at)}</dd> })}
                {ticket.closed_at.map(|at| view! { <dt>"Closed"</dt><dd>{when(at)}</dd> })}
            </dl>
        </section>
    }
}

/// The ticket's approval requests; nothing when there are none.
#[component]
pub fn ApprovalList(approvals: Vec<Approval>) -> impl IntoView {
    if approvals.is_empty() {
        return ().into_any();
    }
    let items = approvals
        .into_iter()
        .map(|a| {
            view! {
                <li class="approval-item">
                    <div class="approval-line">
                        <span>{format!("Step {} · {}", a.step, a.approver.name)}</span>
                        <ApprovalBadge status=a.status />
                    </div>
                    {a.is_fallback.then(|| view! { <p class="muted small">"Routed to an administrator: no eligible approver."</p> })}
                    {a.reason.clone().map(|r| view! { <p class="small">{r}</p> })}
                    {a.decided_at.map(|at| view! { <p class="muted small">{"Decided "}{when(at)}</p> })}
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="approvals-title">
            <h2 id="approvals-title">"Approvals"</h2>
            <ul class="approval-list">{items}</ul>
        </section>
    }
    .into_any()
}

/// Names of the people a ticket mentions, by id (history stores ids as text).
pub type Names = HashMap<String, String>;

/// What one history entry says, in words.
fn describe(entry: &HistoryEntry, names: &Names) -> String {
    let field = entry.field.as_str();
    let (from, to) = (entry.from_value.as_deref(), entry.to_value.as_deref());
    if field == "status" && from.is_none() {
        return format!("Filed as {}", format::history_value(field, to));
    }
    if field == "comment" {
        return match to {
            Some("internal") => "Added an internal note".into(),
            _ => "Added a comment".into(),
        };
    }
    if let Some(step) = field.strip_prefix("approval.step") {
        return format!("Approval step {step}: {}", format::history_value("approval", to).to_lowercase());
    }
    if field == "assigned_to" {
        let person = |v: Option<&str>| {
            v.map_or_else(
                || "Unassigned".to_owned(),
                |id| names.get(id).cloned().unwrap_or_else(|| "another user".into()),
            )
        };
        return format!("Assignee: {} → {}", person(from), person(to));
    }
    if field == "description" {
        return "Description changed".into();
    }
    format!(
        "{}: {} → {}",
        format::history_field(field),
        format::history_value(field, from),
        format::history_value(field, to),
    )
}

fn history_item(entry: HistoryEntry, names: &Names) -> impl IntoView {
    let actor = entry.actor.as_ref().map_or_else(|| "Ferrodesk".to_owned(), |a| a.name.clone());
    let change = describe(&entry, names);
    view! {
        <li class="timeline-item">
            <p class="timeline-change">{change}</p>
            {entry.note.clone().map(|n| view! { <p class="timeline-note">{n}</p> })}
            <p class="muted small">{actor}" · "{when(entry.created_at)}</p>
        </li>
    }
}

/// Every recorded change, oldest first.
#[component]
pub fn HistoryList(history: Vec<HistoryEntry>, names: Names) -> impl IntoView {
    let body = if history.is_empty() {
        view! { <p class="muted">"No changes recorded yet."</p> }.into_any()
    } else {
        let items = history.into_iter().map(|h| history_item(h, &names)).collect_view();
        view! { <ol class="timeline">{items}</ol> }.into_any()
    };
    view! {
        <section class="card" aria-labelledby="history-title">
            <h2 id="history-title">"History"</h2>
            {body}
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Utc;
    use uuid::Uuid;

    fn entry(field: &str, from: Option<&str>, to: Option<&str>) -> HistoryEntry {
        HistoryEntry {
            id: Uuid::nil(),
            actor: None,
            field: field.into(),
            from_value: from.map(str::to_owned),
            to_value: to.map(str::to_owned),
            note: None,
            created_at: Utc::now(),
        }
    }

    #[test]
    fn history_reads_as_sentences() {
        let tom = Uuid::from_u128(7).to_string();
        let names = Names::from([(tom.clone(), "Tom Becker".to_owned())]);
        let said = |e: HistoryEntry| describe(&e, &names);
        assert_eq!(said(entry("status", None, Some("pending_approval"))), "Filed as Pending approval");
        assert_eq!(said(entry("status", Some("resolved"), Some("closed"))), "Status: Resolved → Closed");
        assert_eq!(said(entry("approval.step1", Some("pending"), Some("approved"))), "Approval step 1: approved");
        assert_eq!(said(entry("assigned_to", None, Some(&tom))), "Assignee: Unassigned → Tom Becker");
        assert_eq!(said(entry("comment", None, Some("internal"))), "Added an internal note");
        assert_eq!(said(entry("priority", Some("medium"), Some("high"))), "Priority: Medium → High");
    }
}
