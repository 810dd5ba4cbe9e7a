//! `/admin/mail`: the e-mail outbox, i.e. what was sent (or is waiting or failed).

use leptos::prelude::*;
use shared_types::OutboxEmail;

use super::AdminFrame;
use crate::components::{resource_view, EmptyState, NumberPager};
use crate::endpoints;
use crate::format;

/// Rows per page.
const PAGE_SIZE: u32 = 25;

/// Delivery states of the outbox, as (value, label).
const STATUSES: [(&str, &str); 3] = [("pending", "Waiting"), ("sent", "Sent"), ("failed", "Failed")];

/// The sent-mail screen.
#[component]
pub fn SentMail() -> impl IntoView {
    view! {
        <AdminFrame path="/admin/mail" title="Sent mail" lead="Every e-mail Ferrodesk sent or will send: invitations, password resets, notifications.">
            <Outbox />
        </AdminFrame>
    }
}

#[component]
fn Outbox() -> impl IntoView {
    let status = RwSignal::new(String::new());
    let page = RwSignal::new(1_u32);
    let mail = LocalResource::new(move || endpoints::outbox_emails(status.get(), page.get(), PAGE_SIZE));
    let options = STATUSES.map(|(v, l)| view! { <option value=v>{l}</option> }).collect_view();
    view! {
        <div class="toolbar">
            <div class="field-inline">
                <label for="mail-status">"Status"</label>
                <select id="mail-status" on:change=move |ev| { page.set(1); status.set(event_target_value(&ev)); }>
                    <option value="">"All"</option>
                    {options}
                </select>
            </div>
            <button type="button" class="btn btn-quiet" on:click=move |_| mail.refetch()>"Refresh"</button>
        </div>
        {resource_view(mail, move |result| {
            if result.items.is_empty() {
                return view! { <EmptyState title="No e-mail yet" /> }.into_any();
            }
            let items = result.items.into_iter().map(mail_item).collect_view();
            view! {
                <ul class="mail-list">{items}</ul>
                <NumberPager page pagination=result.pagination noun=("message", "messages") />
            }
            .into_any()
        })}
    }
}

/// A status value as people read it.
fn status_label(status: &str) -> &str {
    STATUSES.iter().find(|(v, _)| *v == status).map_or(status, |(_, l)| l)
}

fn mail_item(mail: OutboxEmail) -> impl IntoView {
    let when = mail.sent_at.unwrap_or(mail.created_at);
    let error = mail.last_error.clone().map(|e| view! { <p class="field-error">{format!("Last error: {e}")}</p> });
    view! {
        <li class="card mail-item">
            <details>
                <summary>
                    <span class="mail-subject">{mail.subject.clone()}</span>
                    <span class="mail-meta">
                        <span>{format!("To {}", mail.to_address)}</span>
                        <span class=format!("tag mail-{}", mail.status)>{status_label(&mail.status).to_owned()}</span>
                        <time datetime=format::iso(when)>{format::datetime(when)}</time>
                    </span>
                </summary>
                <p class="muted small">{format!("{} · {} attempt(s)", mail.kind, mail.attempts)}</p>
                {error}
                <pre class="mail-body">{mail.body_text.clone()}</pre>
            </details>
        </li>
    }
}
