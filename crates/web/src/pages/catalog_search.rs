//! The catalog's search box (it writes `?q=` so Back returns to the results) and the
//! ranked hits of `GET /service-catalog/search`.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use shared_types::CatalogSearchHit;

use crate::api::encode;
use crate::components::{resource_view, EmptyState};
use crate::endpoints;
use crate::format::kind_label;
use crate::pages::catalog_markdown::plain_text;

/// A search form; submitting an empty box returns to browsing.
#[component]
pub fn SearchBox(q: Memo<String>) -> impl IntoView {
    let navigate = use_navigate();
    let text = RwSignal::new(q.get_untracked());
    Effect::new(move |_| text.set(q.get()));
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let wanted = text.get_untracked().trim().to_owned();
        let to = if wanted.is_empty() { "/catalog".to_owned() } else { format!("/catalog?q={}", encode(&wanted)) };
        navigate(&to, Default::default());
    };
    view! {
        <form class="search catalog-search" role="search" on:submit=on_submit>
            <label for="catalog-q" class="visually-hidden">"Search the catalog"</label>
            <input id="catalog-q" type="search" placeholder="Search services, e.g. laptop, password, VPN" bind:value=text />
            <button type="submit" class="btn">"Search"</button>
        </form>
    }
}

/// The hits for `q`, best first.
#[component]
pub fn SearchResults(q: String) -> impl IntoView {
    let hits = LocalResource::new({
        let q = q.clone();
        move || endpoints::catalog_search(q.clone())
    });
    let heading = format!("Results for “{q}”");
    view! {
        <section class="search-results" aria-labelledby="search-title">
            <div class="card-head">
                <h2 id="search-title">{heading}</h2>
                <a href="/catalog">"Clear search"</a>
            </div>
            {resource_view(hits, |hits: Vec<CatalogSearchHit>| {
                if hits.is_empty() {
                    return view! {
                        <EmptyState title="No service matches">
                            <p class="muted">"Try another word, or browse the categories."</p>
                        </EmptyState>
                    }
                    .into_any();
                }
                let count = hits.len();
                let rows = hits.into_iter().map(hit_view).collect_view();
                view! {
                    <p class="muted" role="status">{format!("{count} service{} found", if count == 1 { "" } else { "s" })}</p>
                    <ul class="hit-list">{rows}</ul>
                }
                .into_any()
            })}
        </section>
    }
}

fn hit_view(hit: CatalogSearchHit) -> impl IntoView {
    view! {
        <li>
            <a class="card hit" href=format!("/catalog/{}", hit.id)>
                <h3 class="item-name">{hit.name.clone()}</h3>
                <span class="muted">{format!("{} · {}", hit.category_name, kind_label(hit.kind))}</span>
                <p class="item-desc">{plain_text(&hit.description)}</p>
            </a>
        </li>
    }
}
