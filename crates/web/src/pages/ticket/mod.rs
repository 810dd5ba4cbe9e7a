//! `/tickets/:id`: header, description and form data, the moves the caller may make,
//! the conversation, approvals and the history.

mod actions;
mod conversation;
mod edit;
mod side;

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared_types::{Approval, Comment, HistoryEntry, Role, Ticket, TicketDetail, User};

use crate::auth::Session;
use crate::components::{resource_view, Notice, PriorityBadge, StatusBadge, Tone};
use crate::endpoints;
use crate::format;
use crate::pages::catalog_form_data::FormDataDetails;

use actions::TransitionPanel;
use conversation::Conversation;
use edit::EditTicket;
use side::{ApprovalList, DetailsCard, HistoryList, Names};

/// Feedback shown above the ticket; it survives reloads of the ticket.
pub(crate) type NoticeSignal = RwSignal<Option<(Tone, String)>>;

/// Loads the ticket and shows [`TicketView`].
#[component]
pub fn TicketPage() -> impl IntoView {
    let params = use_params_map();
    let detail = LocalResource::new(move || endpoints::ticket(params.with(|p| p.get("id").unwrap_or_default())));
    let notice: NoticeSignal = RwSignal::new(None);
    let reload = Callback::new(move |_| detail.refetch());
    let session = Session::get();
    let back = move || match session.user().map(|u| u.role) {
        Some(Role::Requester) | None => ("/requests", "← My requests"),
        Some(_) => ("/queue", "← Queue"),
    };
    view! {
        <p class="crumb"><a href=move || back().0>{move || back().1}</a></p>
        <Notice message=notice />
        {resource_view(detail, move |detail| {
            session.user_untracked().map(|me| view! { <TicketView detail me reload notice /> })
        })}
    }
}

/// Everyone the detail names, by id, to show names instead of ids in the history.
fn directory(ticket: &Ticket, comments: &[Comment], history: &[HistoryEntry], approvals: &[Approval]) -> Names {
    let people = std::iter::once(&ticket.created_by)
        .chain(ticket.assigned_to.as_ref())
        .chain(comments.iter().map(|c| &c.author))
        .chain(history.iter().filter_map(|h| h.actor.as_ref()))
        .chain(approvals.iter().map(|a| &a.approver));
    people.map(|u| (u.id.to_string(), u.name.clone())).collect()
}

/// The ticket for `me`.
#[component]
fn TicketView(detail: TicketDetail, me: User, reload: Callback<()>, notice: NoticeSignal) -> impl IntoView {
    // What the caller may do comes with the ticket: the API decides it with the rules it
    // enforces (queues included), so no control is shown that it would refuse.
    let TicketDetail { ticket, comments, history, approvals, allowed_transitions, editable } = detail;
    let editing = RwSignal::new(false);
    let may_edit = editable;
    let names = directory(&ticket, &comments, &history, &approvals);
    // Labelled by the form version the ticket was filed under.
    let details = view! {
        <FormDataDetails item_id=ticket.service_item_id version=ticket.form_version data=ticket.form_data.clone() />
    };
    let description = ticket.description.clone();
    let edit_ticket = ticket.clone();
    let staff = me.role.is_staff();
    view! {
        <article class="ticket">
            <header class="ticket-head">
                <p class="eyebrow">{ticket.service_item_name.clone().unwrap_or_else(|| "Incident".into())}</p>
                <h1>
                    <span class="ticket-number">{format!("#{}", ticket.number)}</span>
                    " "
                    <span class="ticket-title">{ticket.title.clone()}</span>
                </h1>
                <div class="ticket-meta">
                    <StatusBadge status=ticket.status />
                    <PriorityBadge priority=ticket.priority />
                    <span class="muted">
                        {format!("Opened by {} · ", ticket.created_by.name)}
                        <time datetime=format::iso(ticket.created_at) title=format::datetime(ticket.created_at)>
                            {format::relative(ticket.created_at)}
                        </time>
                        {match &ticket.assigned_to {
                            Some(user) => format!(" · assigned to {}", user.name),
                            None => " · not assigned yet".to_owned(),
                        }}
                    </span>
                </div>
            </header>
            <div class="ticket-layout">
                <div class="ticket-main">
                    <TransitionPanel ticket=ticket.clone() moves=allowed_transitions me=me.clone() reload notice />
                    <section class="card">
                        <div class="card-head">
                            <h2>"Description"</h2>
                            {(may_edit).then(|| view! {
                                <button type="button" class="btn btn-quiet" hidden=move || editing.get()
                                    on:click=move |_| editing.set(true)>"Edit"</button>
                            })}
                        </div>
                        {move || if editing.get() {
                            view! { <EditTicket ticket=edit_ticket.clone() editing reload notice /> }.into_any()
                        } else if description.trim().is_empty() {
                            view! { <p class="muted">"No description."</p> }.into_any()
                        } else {
                            view! { <p class="prose">{description.clone()}</p> }.into_any()
                        }}
                    </section>
                    {details}
                    <Conversation ticket_id=ticket.id comments staff reload notice />
                </div>
                <aside class="ticket-side">
                    <DetailsCard ticket=ticket.clone() />
                    <ApprovalList approvals />
                    <HistoryList history names />
                </aside>
            </div>
        </article>
    }
}
