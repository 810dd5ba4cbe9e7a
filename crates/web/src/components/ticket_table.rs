//! The ticket table of "My requests" and the queue, and cursor paging.

use leptos::prelude::*;
use leptos_router::components::A;
use shared_types::{Pagination, Ticket};

use crate::components::{PriorityBadge, StatusBadge};
use crate::format;

/// A table of tickets; `staff` adds requester and assignee columns.
#[component]
pub fn TicketTable(tickets: Vec<Ticket>, #[prop(optional)] staff: bool) -> impl IntoView {
    let rows = tickets
        .into_iter()
        .map(|t| {
            let href = format!("/tickets/{}", t.id);
            let assignee = t.assigned_to.as_ref().map_or_else(|| "Unassigned".to_owned(), |u| u.name.clone());
            view! {
                <tr>
                    <td class="num"><A href=href.clone()>{format!("#{}", t.number)}</A></td>
                    <td class="title-cell">
                        <A href=href>{t.title.clone()}</A>
                        <span class="sub">{t.service_item_name.clone().unwrap_or_default()}</span>
                    </td>
                    <td><StatusBadge status=t.status /></td>
                    <td><PriorityBadge priority=t.priority /></td>
                    {staff.then(|| view! {
                        <td class="col-requester">{t.created_by.name.clone()}</td>
                        <td class:muted=t.assigned_to.is_none()>{assignee}</td>
                    })}
                    <td>
                        <time datetime=format::iso(t.updated_at) title=format::datetime(t.updated_at)>
                            {format::relative(t.updated_at)}
                        </time>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="tickets">
                <thead>
                    <tr>
                        <th scope="col">"Number"</th>
                        <th scope="col">"Title"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Priority"</th>
                        {staff.then(|| view! {
                            <th scope="col" class="col-requester">"Requester"</th>
                            <th scope="col">"Assignee"</th>
                        })}
                        <th scope="col">"Updated"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// Cursor paging state: the cursors that led to the current page (empty on page 1).
#[derive(Debug, Clone, Copy)]
pub struct Paging {
    cursors: RwSignal<Vec<String>>,
}

impl Paging {
    /// Starts on page 1.
    pub fn new() -> Self {
        Self { cursors: RwSignal::new(Vec::new()) }
    }

    /// The cursor of the current page (tracked).
    pub fn cursor(&self) -> Option<String> {
        self.cursors.with(|c| c.last().cloned())
    }

    /// Back to page 1 (after a filter changes).
    pub fn reset(&self) {
        if self.cursors.with_untracked(|c| !c.is_empty()) {
            self.cursors.set(Vec::new());
        }
    }

    fn page(&self) -> usize {
        self.cursors.with(Vec::len) + 1
    }
}

impl Default for Paging {
    fn default() -> Self {
        Self::new()
    }
}

/// "Page 2 · 57 tickets" with Previous and Next (Next follows `nextCursor`).
#[component]
pub fn Pager(paging: Paging, pagination: Option<Pagination>) -> impl IntoView {
    let next = pagination.as_ref().and_then(|p| p.next_cursor.clone());
    let has_next = next.is_some();
    let total = pagination.as_ref().map(|p| (p.total, p.total_capped));
    let summary = move || {
        let page = paging.page();
        match total {
            Some((1, false)) => format!("Page {page} · 1 ticket"),
            Some((total, false)) => format!("Page {page} · {total} tickets"),
            // The API stops counting at a cap (GET /tickets, `totalCapped`).
            Some((total, true)) => format!("Page {page} · {total}+ tickets"),
            None => format!("Page {page}"),
        }
    };
    let on_next = move |_| {
        if let Some(cursor) = next.clone() {
            paging.cursors.update(|c| c.push(cursor));
        }
    };
    view! {
        <nav class="pager" aria-label="Pages">
            <span class="pager-summary">{summary}</span>
            <button
                type="button"
                class="btn"
                disabled=move || paging.page() == 1
                on:click=move |_| paging.cursors.update(|c| {
                    c.pop();
                })
            >
                "Previous"
            </button>
            <button type="button" class="btn" disabled=!has_next on:click=on_next>
                "Next"
            </button>
        </nav>
    }
}
