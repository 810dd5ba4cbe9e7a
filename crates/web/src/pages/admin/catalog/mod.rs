//! `/admin/catalog`: the catalog editor for admins and service owners (managers of a
//! category's owning department): the category tree, the items, and per item
//! (`/admin/catalog/items/:id`, `new` for a new one) its details, approval rules, form
//! and form versions.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use shared_types::{Category, Department, ServiceItemAdmin, Unit};
use uuid::Uuid;

use super::users::NoticeSignal;
use super::AdminFrame;
use crate::api::Failure;
use crate::components::{resource_view, EmptyState, Notice};
use crate::endpoints;
use crate::format::kind_label;

pub mod categories;
pub mod field_form;
pub mod form_editor;
pub mod item_form;
pub mod rules;
pub mod schema_model;
pub mod versions;

const LEAD: &str = "Categories, services, their approval rules and request forms. Every saved form is a new version.";

/// The catalog editor's overview.
#[component]
pub fn CatalogAdmin() -> impl IntoView {
    view! {
        <AdminFrame path="/admin/catalog" title="Service catalog" lead=LEAD>
            <CatalogBoard />
        </AdminFrame>
    }
}

#[component]
fn CatalogBoard() -> impl IntoView {
    let notice: NoticeSignal = RwSignal::new(None);
    let data = LocalResource::new(|| async {
        let categories = endpoints::categories().await?;
        let departments = endpoints::departments().await.unwrap_or_default();
        let items = endpoints::admin_items(None).await?;
        Ok::<_, Failure>((categories, departments, items))
    });
    let reload = Callback::new(move |_| data.refetch());
    view! {
        <Notice message=notice />
        {resource_view(data, move |(categories, departments, items): (Vec<Category>, Vec<Department>, Vec<ServiceItemAdmin>)| {
            view! {
                <categories::CategoryBoard categories departments notice reload />
                <ItemTable items />
            }
        })}
    }
}

#[component]
fn ItemTable(items: Vec<ServiceItemAdmin>) -> impl IntoView {
    let rows = items
        .into_iter()
        .map(|i| {
            let edit = i.editable.then(|| {
                view! {
                    <a class="btn btn-small" href=format!("/admin/catalog/items/{}", i.id)>
                        "Edit"<span class="visually-hidden">{format!(" {}", i.name)}</span>
                    </a>
                }
            });
            view! {
                <tr>
                    <td class="cell-strong">{i.name.clone()}</td>
                    <td>{i.category_name.clone()}</td>
                    <td>{kind_label(i.kind)}</td>
                    <td>{format!("v{}", i.form_version)}</td>
                    <td>{if i.requires_approval { format!("{} step(s)", i.approval_rules.len()) } else { "None".into() }}</td>
                    <td>{if i.is_active { "Active" } else { "Inactive" }}</td>
                    <td class="row-actions">{edit}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="catalog-items" aria-labelledby="items-title">
            <div class="card-head">
                <h2 id="items-title">"Service items"</h2>
                <a class="btn btn-primary" href="/admin/catalog/items/new">"New service item"</a>
            </div>
            <div class="table-wrap">
                <table class="tickets data">
                    <thead><tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Category"</th>
                        <th scope="col">"Type"</th>
                        <th scope="col">"Form"</th>
                        <th scope="col">"Approval"</th>
                        <th scope="col">"State"</th>
                        <th scope="col"><span class="visually-hidden">"Actions"</span></th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}

/// `/admin/catalog/items/:id`: one item's details, form and versions (`new`: details only
/// until it is created).
#[component]
pub fn ItemEditorPage() -> impl IntoView {
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|s| Uuid::parse_str(&s).ok())));
    view! {
        <AdminFrame path="/admin/catalog" title="Service item" lead=LEAD>
            <p class="crumb"><a href="/admin/catalog">"← Catalog editor"</a></p>
            {move || {
                let id = id.get();
                view! { <ItemEditor id /> }
            }}
        </AdminFrame>
    }
}

#[component]
fn ItemEditor(id: Option<Uuid>) -> impl IntoView {
    let notice: NoticeSignal = RwSignal::new(None);
    let data = LocalResource::new(move || async move {
        let categories = endpoints::categories().await?;
        let units = endpoints::units().await.unwrap_or_default();
        let item = match id {
            Some(id) => Some(endpoints::admin_item(id).await?),
            None => None,
        };
        Ok::<_, Failure>((categories, units, item))
    });
    view! {
        <Notice message=notice />
        {resource_view(data, move |(categories, units, item): (Vec<Category>, Vec<Unit>, Option<ServiceItemAdmin>)| {
            if categories.is_empty() {
                return view! { <EmptyState title="Create a category first" /> }.into_any();
            }
            let form = item.as_ref().map(|i| {
                let item_id = i.id;
                let version = RwSignal::new(0u32);
                view! {
                    <form_editor::FormEditor item_id notice saved=Callback::new(move |_| version.update(|v| *v += 1)) />
                    {move || { version.track(); view! { <versions::Versions item_id /> } }}
                }
            });
            view! {
                <item_form::ItemForm item categories units notice />
                {form}
            }
            .into_any()
        })}
    }
}
