//! `/catalog`: service categories with their items as cards.

use leptos::prelude::*;
use shared_types::{CategoryNode, ServiceItemSummary};

use crate::components::{resource_view, EmptyState, RichText};
use crate::endpoints;
use crate::format::kind_label;

/// The service catalog.
#[component]
pub fn Catalog() -> impl IntoView {
    let catalog = LocalResource::new(endpoints::catalog);
    view! {
        <header class="page-head">
            <h1>"Service catalog"</h1>
            <p class="lead">"What do you need? Choose a service to open a request or report a problem."</p>
        </header>
        {resource_view(catalog, |catalog| {
            if catalog.categories.iter().all(is_empty) {
                view! { <EmptyState title="The catalog has no services yet" /> }.into_any()
            } else {
                catalog
                    .categories
                    .into_iter()
                    .filter(|c| !is_empty(c))
                    .map(|c| category_view(c, 0))
                    .collect_view()
                    .into_any()
            }
        })}
    }
}

/// True when neither the category nor any sub-category has an item.
fn is_empty(category: &CategoryNode) -> bool {
    category.items.is_empty() && category.children.iter().all(is_empty)
}

fn category_view(category: CategoryNode, depth: usize) -> AnyView {
    let heading_id = format!("cat-{}", category.id);
    let heading = if depth == 0 {
        view! { <h2 id=heading_id.clone()>{category.name.clone()}</h2> }.into_any()
    } else {
        view! { <h3 id=heading_id.clone()>{category.name.clone()}</h3> }.into_any()
    };
    let items = (!category.items.is_empty()).then(|| {
        let cards = category.items.into_iter().map(item_card).collect_view();
        view! { <ul class="item-grid">{cards}</ul> }
    });
    let children =
        category.children.into_iter().filter(|c| !is_empty(c)).map(|c| category_view(c, depth + 1)).collect_view();
    let description =
        (!category.description.is_empty()).then(|| view! { <p class="muted">{category.description.clone()}</p> });
    view! {
        <section class=if depth == 0 { "category" } else { "category sub" } aria-labelledby=heading_id>
            {heading}
            {description}
            {items}
            {children}
        </section>
    }
    .into_any()
}

fn item_card(item: ServiceItemSummary) -> impl IntoView {
    let kind_class = format!("tag tag-{}", kind_label(item.kind).to_lowercase());
    view! {
        <li>
            <a class="card item-card" href=format!("/catalog/{}", item.id)>
                <h3 class="item-name">{item.name.clone()}</h3>
                <p class="item-desc"><RichText text=item.description.clone() /></p>
                <span class="tags">
                    <span class=kind_class>{kind_label(item.kind)}</span>
                    {item.requires_approval.then(|| view! { <span class="tag tag-approval">"Needs approval"</span> })}
                </span>
            </a>
        </li>
    }
}
