//! Page-number paging (`page`/`limit`) for the admin lists.

use leptos::prelude::*;
use shared_types::Pagination;

/// "Page 2 of 5 · 97 users" with Previous and Next; `page` is 1-based.
#[component]
pub fn NumberPager(
    /// The current page, changed by the buttons.
    page: RwSignal<u32>,
    /// Paging information of the loaded page.
    pagination: Option<Pagination>,
    /// What is counted, singular and plural, e.g. ("user", "users").
    noun: (&'static str, &'static str),
) -> impl IntoView {
    let total = pagination.as_ref().map_or(0, |p| p.total);
    let pages = pagination.as_ref().map_or(1, |p| p.total_pages.max(1));
    let current = move || i64::from(page.get());
    let at_start = move || current() <= 1;
    let at_end = move || current() >= pages;
    let summary = move || {
        let word = if total == 1 { noun.0 } else { noun.1 };
        format!("Page {} of {pages} · {total} {word}", current())
    };
    view! {
        <nav class="pager" aria-label="Pages">
            <span class="pager-summary">{summary}</span>
            <button type="button" class="btn" disabled=at_start
                on:click=move |_| page.update(|p| *p = p.saturating_sub(1).max(1))>
                "Previous"
            </button>
            <button type="button" class="btn" disabled=at_end on:click=move |_| page.update(|p| *p += 1)>
                "Next"
            </button>
        </nav>
    }
}
