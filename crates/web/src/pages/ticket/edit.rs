//! Editing title, description and priority with optimistic concurrency (`If-Match`).

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::{ErrorCode, Priority, Ticket, UpdateTicketRequest};

use super::NoticeSignal;
use crate::components::Tone;
use crate::endpoints;
use crate::format::priority_label;
use crate::forms::{errors_from, FieldErrors, FieldMessage};

/// The edit form; `editing` goes false on save or discard.
#[component]
pub fn EditTicket(
    ticket: Ticket,
    editing: RwSignal<bool>,
    reload: Callback<()>,
    notice: NoticeSignal,
) -> impl IntoView {
    let title = RwSignal::new(ticket.title.clone());
    let description = RwSignal::new(ticket.description.clone());
    let priority = RwSignal::new(ticket.priority);
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<(String, bool)>);
    let busy = RwSignal::new(false);
    let (id, version) = (ticket.id, ticket.version);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let new_title = title.get_untracked().trim().to_owned();
        if new_title.is_empty() {
            errors.set(FieldErrors::from([("title".to_owned(), shared_types::forms::required_message("Title"))]));
            return;
        }
        errors.set(FieldErrors::new());
        failure.set(None);
        busy.set(true);
        let request = UpdateTicketRequest {
            title: new_title,
            description: description.get_untracked().trim().to_owned(),
            priority: priority.get_untracked(),
            version: None,
        };
        spawn_local(async move {
            match endpoints::update_ticket(id, version, request).await {
                Ok(_) => {
                    notice.set(Some((Tone::Success, "Changes saved.".into())));
                    editing.set(false);
                    reload.run(());
                }
                Err(f) => {
                    busy.set(false);
                    errors.set(errors_from(&f.details));
                    if f.is(ErrorCode::VersionMismatch) {
                        let text = "Someone else changed this ticket after you opened it. Reload to see the latest version, then make your change again.";
                        failure.set(Some((text.into(), true)));
                    } else {
                        failure.set(Some((f.message, false)));
                    }
                }
            }
        });
    };

    let options = Priority::ALL
        .into_iter()
        .map(|p| view! { <option value=p.as_str() selected=move || priority.get() == p>{priority_label(p)}</option> })
        .collect_view();

    view! {
        <form class="edit-form" on:submit=on_submit novalidate>
            <div class="field">
                <label for="edit-title">"Title"</label>
                <input id="edit-title" type="text" required bind:value=title aria-describedby="edit-title-error" />
                <FieldMessage errors path="title" id="edit-title-error" />
            </div>
            <div class="field">
                <label for="edit-description">"Description"</label>
                <textarea id="edit-description" rows="5" bind:value=description aria-describedby="edit-description-error"></textarea>
                <FieldMessage errors path="description" id="edit-description-error" />
            </div>
            <div class="field">
                <label for="edit-priority">"Priority"</label>
                <select id="edit-priority" on:change=move |ev| {
                    if let Some(p) = Priority::parse(&event_target_value(&ev)) {
                        priority.set(p);
                    }
                }>{options}</select>
            </div>
            <div class="form-error" role="alert" aria-live="assertive">
                {move || failure.get().map(|(message, stale)| view! {
                    <p>{message}</p>
                    {stale.then(|| view! {
                        <button type="button" class="btn" on:click=move |_| { editing.set(false); reload.run(()); }>
                            "Reload ticket"
                        </button>
                    })}
                })}
            </div>
            <div class="form-actions">
                <button type="submit" class="btn btn-primary" disabled=move || busy.get()>"Save changes"</button>
                <button type="button" class="btn btn-quiet" on:click=move |_| editing.set(false)>"Discard changes"</button>
            </div>
        </form>
    }
}
