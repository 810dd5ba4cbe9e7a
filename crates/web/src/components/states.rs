//! Loading, error, empty and notice states, and [`resource_view`] which picks one.

use leptos::prelude::*;

use crate::api::{ApiResult, Failure};

/// "Loading…" with a spinner, announced politely to screen readers.
#[component]
pub fn Loading(#[prop(optional, into)] label: Option<String>) -> impl IntoView {
    view! {
        <div class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            {label.unwrap_or_else(|| "Loading…".into())}
        </div>
    }
}

/// A failed load: the API's message and a Retry button.
#[component]
pub fn ErrorPanel(failure: Failure, on_retry: Callback<()>) -> impl IntoView {
    view! {
        <div class="error-panel" role="alert">
            <p class="error-title">"Something went wrong"</p>
            <p>{failure.message}</p>
            <button type="button" class="btn" on:click=move |_| on_retry.run(())>
                "Retry"
            </button>
        </div>
    }
}

/// Nothing to show yet, with an optional call to action as children.
#[component]
pub fn EmptyState(#[prop(into)] title: String, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    view! {
        <div class="empty">
            <p class="empty-title">{title}</p>
            {children.map(|c| c())}
        </div>
    }
}

/// Kind of a [`Notice`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Something worked.
    Success,
    /// Something failed.
    Error,
}

/// A dismissable line of feedback in an `aria-live` region; empty when `None`.
#[component]
pub fn Notice(message: RwSignal<Option<(Tone, String)>>) -> impl IntoView {
    view! {
        <div class="notice-region" aria-live="polite">
            {move || {
                message
                    .get()
                    .map(|(tone, text)| {
                        let class = match tone {
                            Tone::Success => "notice notice-success",
                            Tone::Error => "notice notice-error",
                        };
                        view! {
                            <div class=class role=if tone == Tone::Error { "alert" } else { "status" }>
                                <span>{text}</span>
                                <button
                                    type="button"
                                    class="notice-close"
                                    aria-label="Dismiss"
                                    on:click=move |_| message.set(None)
                                >
                                    "×"
                                </button>
                            </div>
                        }
                    })
            }}
        </div>
    }
}

/// Shows `Loading` until `resource` resolves, then `render(data)` or an error panel
/// whose Retry refetches.
pub fn resource_view<T, V>(
    resource: LocalResource<ApiResult<T>>,
    render: impl Fn(T) -> V + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + 'static,
    V: IntoView + 'static,
{
    move || match resource.get() {
        None => view! { <Loading /> }.into_any(),
        Some(Ok(data)) => render(data).into_any(),
        Some(Err(failure)) => {
            let on_retry = Callback::new(move |_| resource.refetch());
            view! { <ErrorPanel failure on_retry /> }.into_any()
        }
    }
}
