//! `/queue`: the tickets staff work, with filters, search and paging.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::{Priority, TicketStatus};

use crate::auth::Session;
use crate::components::{resource_view, EmptyState, Pager, Paging, TicketTable};
use crate::endpoints::{self, TicketQuery};
use crate::format::priority_label;

/// Rows per page.
const PAGE_SIZE: u32 = 20;

/// The work queue: filter by status and priority, "Assigned to me", search.
#[component]
pub fn Queue() -> impl IntoView {
    let me = Session::get().user_untracked().map(|u| u.id);
    let status = RwSignal::new(None::<TicketStatus>);
    let priority = RwSignal::new(None::<Priority>);
    let assigned_to_me = RwSignal::new(false);
    let search_box = RwSignal::new(String::new());
    let q = RwSignal::new(String::new());
    let paging = Paging::new();

    let tickets = LocalResource::new(move || {
        let query = TicketQuery {
            status: status.get(),
            priority: priority.get(),
            assigned_to: if assigned_to_me.get() { me } else { None },
            q: q.get(),
            cursor: paging.cursor(),
            limit: PAGE_SIZE,
            mine: false,
        };
        endpoints::tickets(query)
    });

    let on_search = move |ev: SubmitEvent| {
        ev.prevent_default();
        paging.reset();
        q.set(search_box.get_untracked());
    };
    let clear = move |_| {
        paging.reset();
        status.set(None);
        priority.set(None);
        assigned_to_me.set(false);
        search_box.set(String::new());
        q.set(String::new());
    };
    let filtered = move || {
        status.with(Option::is_some)
            || priority.with(Option::is_some)
            || assigned_to_me.get()
            || q.with(|q| !q.is_empty())
    };

    let status_options = TicketStatus::ALL
        .into_iter()
        .map(|s| view! { <option value=s.as_str() selected=move || status.get() == Some(s)>{s.label()}</option> })
        .collect_view();
    let priority_options = Priority::ALL
        .into_iter()
        .map(|p| view! { <option value=p.as_str() selected=move || priority.get() == Some(p)>{priority_label(p)}</option> })
        .collect_view();

    view! {
        <header class="page-head">
            <h1>"Queue"</h1>
            <p class="lead">"Tickets for your team and assigned to you, newest first."</p>
        </header>
        <div class="toolbar" role="search">
            <form class="search" on:submit=on_search>
                <label for="queue-q" class="visually-hidden">"Search"</label>
                <input id="queue-q" type="search" placeholder="Search by number, title or text" bind:value=search_box />
                <button type="submit" class="btn">"Search"</button>
            </form>
            <div class="field-inline">
                <label for="queue-status">"Status"</label>
                <select id="queue-status" on:change=move |ev| {
                    paging.reset();
                    status.set(TicketStatus::parse(&event_target_value(&ev)));
                }>
                    <option value="" selected=move || status.get().is_none()>"All statuses"</option>
                    {status_options}
                </select>
            </div>
            <div class="field-inline">
                <label for="queue-priority">"Priority"</label>
                <select id="queue-priority" on:change=move |ev| {
                    paging.reset();
                    priority.set(Priority::parse(&event_target_value(&ev)));
                }>
                    <option value="" selected=move || priority.get().is_none()>"All priorities"</option>
                    {priority_options}
                </select>
            </div>
            <label class="toggle">
                <input type="checkbox" prop:checked=move || assigned_to_me.get() on:change=move |ev| {
                    paging.reset();
                    assigned_to_me.set(event_target_checked(&ev));
                } />
                "Assigned to me"
            </label>
            <button type="button" class="btn btn-quiet" hidden=move || !filtered() on:click=clear>
                "Clear filters"
            </button>
        </div>
        {resource_view(tickets, move |page| {
            if page.items.is_empty() {
                let title = if filtered() { "No tickets match these filters" } else { "The queue is empty" };
                view! { <EmptyState title=title /> }.into_any()
            } else {
                view! {
                    <TicketTable tickets=page.items staff=true />
                    <Pager paging pagination=page.pagination />
                }
                .into_any()
            }
        })}
    }
}
