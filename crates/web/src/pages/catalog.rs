//! `/catalog`: a search box, category tiles with drill-down (`?category=<id>`) and the
//! services as cards; `?q=` shows ranked search hits instead
//! ([`crate::pages::catalog_search`]).

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use shared_types::{CategoryNode, ServiceCatalog, ServiceItemSummary};
use uuid::Uuid;

use crate::components::{resource_view, EmptyState};
use crate::endpoints;
use crate::format::kind_label;
use crate::pages::catalog_search::{SearchBox, SearchResults};

/// Icon names a category may carry, with the symbol shown for each (the first is the
/// fallback).
pub const ICONS: [(&str, &str); 12] = [
    ("folder", "📁"),
    ("laptop", "💻"),
    ("phone", "📱"),
    ("printer", "🖨️"),
    ("software", "💿"),
    ("key", "🔑"),
    ("network", "🌐"),
    ("user", "👤"),
    ("mail", "✉️"),
    ("wrench", "🔧"),
    ("shield", "🛡️"),
    ("building", "🏢"),
];

/// The symbol of an icon name (a folder for unknown or none).
pub fn icon_symbol(icon: Option<&str>) -> &'static str {
    ICONS.iter().find(|(name, _)| Some(*name) == icon).map_or(ICONS[0].1, |(_, s)| *s)
}

/// The service catalog.
#[component]
pub fn Catalog() -> impl IntoView {
    let query = use_query_map();
    let q = Memo::new(move |_| query.with(|p| p.get("q").unwrap_or_default()));
    let category = Memo::new(move |_| query.with(|p| p.get("category").and_then(|c| Uuid::parse_str(&c).ok())));
    let catalog = LocalResource::new(endpoints::catalog);
    view! {
        <header class="page-head">
            <h1>"Service catalog"</h1>
            <p class="lead">"What do you need? Choose a service to open a request or report a problem."</p>
        </header>
        <SearchBox q />
        {move || {
            if !q.get().trim().is_empty() {
                return view! { <SearchResults q=q.get() /> }.into_any();
            }
            let at = category.get();
            resource_view(catalog, move |catalog| browse(catalog, at)).into_any()
        }}
    }
}

fn browse(catalog: ServiceCatalog, at: Option<Uuid>) -> AnyView {
    if catalog.categories.iter().all(is_empty) {
        return view! { <EmptyState title="The catalog has no services yet" /> }.into_any();
    }
    let Some(id) = at else {
        let tiles = tiles(&catalog.categories, "Browse by category");
        let all = catalog.categories.into_iter().filter(|c| !is_empty(c)).map(|c| category_view(c, 0)).collect_view();
        return view! { {tiles} <h2 class="section-title">"All services"</h2> {all} }.into_any();
    };
    let Some(path) = path_to(&catalog.categories, id) else {
        return view! { <EmptyState title="This category is not in the catalog"><p><a href="/catalog">"Back to the catalog"</a></p></EmptyState> }
            .into_any();
    };
    let here = path.last().cloned().cloned().expect("a path has its category");
    let crumbs = path[..path.len() - 1]
        .iter()
        .map(|c| view! { " › " <a href=format!("/catalog?category={}", c.id)>{c.name.clone()}</a> })
        .collect_view();
    let description = (!here.description.is_empty()).then(|| view! { <p class="muted">{here.description.clone()}</p> });
    let sub = tiles(&here.children, "Sub-categories");
    let items = if here.items.is_empty() {
        None
    } else {
        Some(view! { <ul class="item-grid">{here.items.clone().into_iter().map(item_card).collect_view()}</ul> })
    };
    view! {
        <nav class="crumb" aria-label="Breadcrumb"><a href="/catalog">"Catalog"</a>{crumbs}</nav>
        <section class="category" aria-labelledby="category-title">
            <h2 id="category-title"><span aria-hidden="true">{icon_symbol(here.icon.as_deref())}" "</span>{here.name.clone()}</h2>
            {description}
            {sub}
            {items}
        </section>
    }
    .into_any()
}

/// The categories from the root down to `id`.
fn path_to(categories: &[CategoryNode], id: Uuid) -> Option<Vec<&CategoryNode>> {
    for c in categories {
        if c.id == id {
            return Some(vec![c]);
        }
        if let Some(mut below) = path_to(&c.children, id) {
            below.insert(0, c);
            return Some(below);
        }
    }
    None
}

/// Items in the category and all its sub-categories.
pub fn item_count(category: &CategoryNode) -> usize {
    category.items.len() + category.children.iter().map(item_count).sum::<usize>()
}

/// One link tile per non-empty category.
fn tiles(categories: &[CategoryNode], label: &'static str) -> Option<impl IntoView> {
    let tiles: Vec<_> = categories
        .iter()
        .filter(|c| !is_empty(c))
        .map(|c| {
            let count = item_count(c);
            view! {
                <li>
                    <a class="card tile" href=format!("/catalog?category={}", c.id)>
                        <span class="tile-icon" aria-hidden="true">{icon_symbol(c.icon.as_deref())}</span>
                        <span class="tile-name">{c.name.clone()}</span>
                        <span class="tile-desc">{c.description.clone()}</span>
                        <span class="tile-count">{format!("{count} service{}", if count == 1 { "" } else { "s" })}</span>
                    </a>
                </li>
            }
        })
        .collect();
    (!tiles.is_empty()).then(|| view! { <ul class="tile-grid" aria-label=label>{tiles}</ul> })
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
                <p class="item-desc">{crate::pages::catalog_markdown::plain_text(&item.description)}</p>
                <span class="tags">
                    <span class=kind_class>{kind_label(item.kind)}</span>
                    {item.requires_approval.then(|| view! { <span class="tag tag-approval">"Needs approval"</span> })}
                </span>
            </a>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node(id: u128, items: usize, children: Vec<CategoryNode>) -> CategoryNode {
        let item = |i: usize| ServiceItemSummary {
            id: Uuid::from_u128(1000 + i as u128),
            name: format!("Item {i}"),
            description: String::new(),
            kind: shared_types::ItemKind::Request,
            requires_approval: false,
            default_priority: shared_types::Priority::Medium,
        };
        CategoryNode {
            id: Uuid::from_u128(id),
            name: format!("C{id}"),
            description: String::new(),
            icon: None,
            items: (0..items).map(item).collect(),
            children,
        }
    }

    #[test]
    fn counts_and_paths_cover_sub_categories() {
        let tree = vec![node(1, 1, vec![node(2, 2, vec![node(3, 0, vec![])])]), node(4, 0, vec![])];
        assert_eq!(item_count(&tree[0]), 3);
        assert!(is_empty(&tree[1]));
        let path: Vec<Uuid> = path_to(&tree, Uuid::from_u128(3)).unwrap().iter().map(|c| c.id).collect();
        assert_eq!(path, vec![Uuid::from_u128(1), Uuid::from_u128(2), Uuid::from_u128(3)]);
        assert!(path_to(&tree, Uuid::from_u128(9)).is_none());
        assert_eq!(icon_symbol(Some("laptop")), "💻");
        assert_eq!(icon_symbol(Some("nope")), "📁");
    }
}
