//! The status moves the caller may make (the ticket's `allowedTransitions`, decided by
//! the API), with a note.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::{action_label, Ticket, TicketStatus, TransitionRequest, User};

use super::NoticeSignal;
use crate::components::Tone;
use crate::endpoints;

/// The label of the button that moves `from` → `to`.
fn button_label(from: TicketStatus, to: TicketStatus) -> &'static str {
    if from == TicketStatus::Open && to == TicketStatus::Assigned {
        "Assign to me"
    } else {
        action_label(from, to)
    }
}

/// One button per move in `moves` (the ticket's `allowedTransitions`); cancelling
/// needs a reason, other moves take an optional note. Renders nothing when there is
/// no move.
#[component]
pub fn TransitionPanel(
    ticket: Ticket,
    moves: Vec<TicketStatus>,
    me: User,
    reload: Callback<()>,
    notice: NoticeSignal,
) -> impl IntoView {
    let from = ticket.status;
    if moves.is_empty() {
        return ().into_any();
    }
    let note = RwSignal::new(String::new());
    let note_error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let (ticket_id, number, my_id) = (ticket.id, ticket.number, me.id);

    let run = move |to: TicketStatus| {
        let text = note.get_untracked().trim().to_owned();
        if to == TicketStatus::Cancelled && text.is_empty() {
            note_error.set(Some("Give a reason for cancelling.".into()));
            return;
        }
        note_error.set(None);
        busy.set(true);
        let request = TransitionRequest {
            to,
            assignee_id: (from == TicketStatus::Open && to == TicketStatus::Assigned).then_some(my_id),
            reason: (!text.is_empty()).then_some(text),
        };
        spawn_local(async move {
            match endpoints::transition(ticket_id, request).await {
                Ok(t) => {
                    notice.set(Some((Tone::Success, format!("#{number} is now {}.", t.status.label().to_lowercase()))));
                    reload.run(());
                }
                Err(f) => {
                    busy.set(false);
                    notice.set(Some((Tone::Error, f.message)));
                    if f.status == 409 {
                        reload.run(());
                    }
                }
            }
        });
    };

    let buttons = moves
        .iter()
        .enumerate()
        .map(|(i, &to)| {
            let class = match (to, i) {
                (TicketStatus::Cancelled, _) => "btn btn-danger",
                (_, 0) => "btn btn-primary",
                _ => "btn",
            };
            view! {
                <button type="button" class=class disabled=move || busy.get() on:click=move |_| run(to)>
                    {button_label(from, to)}
                </button>
            }
        })
        .collect_view();
    let cancel_possible = moves.contains(&TicketStatus::Cancelled);
    let help = if cancel_possible {
        "Optional, recorded in the history. Required when cancelling."
    } else {
        "Optional, recorded in the history."
    };

    view! {
        <section class="card actions" aria-labelledby="actions-title">
            <h2 id="actions-title">"Next step"</h2>
            <div class="field">
                <label for="transition-note">"Note"</label>
                <p class="help" id="transition-note-help">{help}</p>
                <textarea id="transition-note" rows="2" bind:value=note
                    aria-describedby="transition-note-help transition-note-error"
                    aria-invalid=move || note_error.with(Option::is_some).to_string()></textarea>
                <p class="field-error" id="transition-note-error" hidden=move || note_error.with(Option::is_none)>
                    {move || note_error.get().unwrap_or_default()}
                </p>
            </div>
            <div class="button-row">{buttons}</div>
        </section>
    }
    .into_any()
}
