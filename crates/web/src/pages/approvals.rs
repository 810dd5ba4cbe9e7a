//! `/approvals`: requests waiting for the caller's decision.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::{ErrorCode, PendingApproval};
use uuid::Uuid;

use crate::components::{resource_view, EmptyState, Notice, PriorityBadge, StatusBadge, Tone};
use crate::endpoints;
use crate::format;

/// The pending approvals as cards with Approve and Reject.
#[component]
pub fn Approvals() -> impl IntoView {
    let pending = LocalResource::new(endpoints::pending_approvals);
    let notice = RwSignal::new(None::<(Tone, String)>);
    // Approvals decided here; hidden without reloading the list.
    let decided = RwSignal::new(Vec::<Uuid>::new());
    let reload = Callback::new(move |_| pending.refetch());
    view! {
        <header class="page-head">
            <h1>"Approvals"</h1>
            <p class="lead">"Requests waiting for your decision. Work starts once they are approved."</p>
        </header>
        <Notice message=notice />
        {resource_view(pending, move |items| {
            move || {
                let open: Vec<PendingApproval> = items
                    .iter()
                    .filter(|p| !decided.with(|d| d.contains(&p.approval.id)))
                    .cloned()
                    .collect();
                if open.is_empty() {
                    view! {
                        <EmptyState title="Nothing waiting for you">
                            <p class="muted">"New requests that need your approval will appear here."</p>
                        </EmptyState>
                    }
                    .into_any()
                } else {
                    let cards = open
                        .into_iter()
                        .map(|item| view! { <ApprovalCard item decided notice reload /> })
                        .collect_view();
                    view! { <div class="approval-cards">{cards}</div> }.into_any()
                }
            }
        })}
    }
}

/// One request to decide: ticket summary, form data, comment/reason and buttons.
#[component]
fn ApprovalCard(
    item: PendingApproval,
    decided: RwSignal<Vec<Uuid>>,
    notice: RwSignal<Option<(Tone, String)>>,
    reload: Callback<()>,
) -> impl IntoView {
    let id = item.approval.id;
    let number = item.ticket_number;
    let text = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let field_id = format!("approval-{id}-note");
    let error_id = format!("{field_id}-error");
    let described_by = error_id.clone();
    let title_id = format!("approval-{id}-title");
    let labelled_by = title_id.clone();

    let decide = move |approve: bool| {
        let note = text.get_untracked().trim().to_owned();
        if !approve && note.is_empty() {
            error.set(Some("Give a reason for rejecting.".into()));
            return;
        }
        error.set(None);
        busy.set(true);
        spawn_local(async move {
            let result = if approve {
                endpoints::approve(id, (!note.is_empty()).then_some(note)).await
            } else {
                endpoints::reject(id, note).await
            };
            match result {
                Ok(_) => {
                    let verb = if approve { "approved" } else { "rejected" };
                    notice.set(Some((Tone::Success, format!("You {verb} #{number}."))));
                    decided.update(|d| d.push(id));
                }
                Err(f) if f.is(ErrorCode::AlreadyDecided) => {
                    notice.set(Some((Tone::Error, format!("#{number} was already decided by someone else."))));
                    reload.run(());
                }
                Err(f) => {
                    busy.set(false);
                    error.set(Some(f.message));
                }
            }
        });
    };

    let form_rows = item
        .form_data
        .as_object()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .map(|(k, v)| view! { <dt>{format::humanize_key(&k)}</dt><dd>{format::value_text(&v)}</dd> })
        .collect_view();

    view! {
        <article class="card approval-card" aria-labelledby=labelled_by>
            <header class="card-head">
                <h2 id=title_id>
                    <a href=format!("/tickets/{}", item.approval.ticket_id)>
                        <span class="ticket-number">{format!("#{number}")}</span>
                        " "
                        {item.ticket_title.clone()}
                    </a>
                </h2>
                <span class="badges">
                    <StatusBadge status=item.ticket_status />
                    <PriorityBadge priority=item.ticket_priority />
                </span>
            </header>
            <p class="muted">
                {format!(
                    "{} · requested by {} · ",
                    item.service_item_name.clone().unwrap_or_else(|| "Request".into()),
                    item.requester.name,
                )}
                <time datetime=format::iso(item.approval.created_at)>{format::relative(item.approval.created_at)}</time>
            </p>
            <dl class="kv">{form_rows}</dl>
            <div class="field">
                <label for=field_id.clone()>"Comment or reason"</label>
                <textarea id=field_id rows="2" bind:value=text aria-describedby=described_by
                    aria-invalid=move || error.with(Option::is_some).to_string()></textarea>
                <p class="field-error" id=error_id role="alert" hidden=move || error.with(Option::is_none)>
                    {move || error.get().unwrap_or_default()}
                </p>
            </div>
            <div class="button-row">
                <button type="button" class="btn btn-primary" disabled=move || busy.get() on:click=move |_| decide(true)>
                    "Approve"
                </button>
                <button type="button" class="btn btn-danger" disabled=move || busy.get() on:click=move |_| decide(false)>
                    "Reject"
                </button>
            </div>
        </article>
    }
}
