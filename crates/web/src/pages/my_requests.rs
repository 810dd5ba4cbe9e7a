//! `/requests`: the tickets the signed-in user created.

use leptos::prelude::*;

use crate::components::{resource_view, EmptyState, Pager, Paging, TicketTable};
use crate::endpoints::{self, TicketQuery};

/// Rows per page.
const PAGE_SIZE: u32 = 20;

/// "My requests": number, title, status, priority, last update.
#[component]
pub fn MyRequests() -> impl IntoView {
    let paging = Paging::new();
    let tickets = LocalResource::new(move || {
        let query = TicketQuery { mine: true, limit: PAGE_SIZE, cursor: paging.cursor(), ..Default::default() };
        endpoints::tickets(query)
    });
    view! {
        <header class="page-head page-head-row">
            <div>
                <h1>"My requests"</h1>
                <p class="lead">"Everything you have asked for or reported, newest first."</p>
            </div>
            <a class="btn btn-primary" href="/catalog">"New request"</a>
        </header>
        {resource_view(tickets, move |page| {
            if page.items.is_empty() {
                view! {
                    <EmptyState title="No requests yet">
                        <p>"When you ask for something from the catalog, it shows up here."</p>
                        <a class="btn" href="/catalog">"Browse the catalog"</a>
                    </EmptyState>
                }
                .into_any()
            } else {
                view! {
                    <TicketTable tickets=page.items />
                    <Pager paging pagination=page.pagination />
                }
                .into_any()
            }
        })}
    }
}
