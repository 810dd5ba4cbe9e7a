//! Fallback for unknown paths.

use leptos::prelude::*;

/// "Page not found" with a way back.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <div class="empty">
            <h1 class="empty-title">"Page not found"</h1>
            <p>"The address may be mistyped, or the page has moved."</p>
            <a class="btn" href="/">"Go to the start page"</a>
        </div>
    }
}
