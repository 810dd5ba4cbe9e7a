//! `/admin/units`: the unit tree with expand and collapse; create, edit, move and
//! delete units and choose their managers.

use std::collections::{HashMap, HashSet};

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::{Department, Unit};
use uuid::Uuid;

mod form;
mod managers;

use super::unit_tree::tree_order;
use super::users::NoticeSignal;
use super::AdminFrame;
use crate::components::{resource_view, EmptyState, Notice, Tone};
use crate::endpoints;
use crate::pages::admin::confirm;

/// Which panel is open beside the tree.
#[derive(Debug, Clone, PartialEq)]
enum Panel {
    Closed,
    Create(Option<Uuid>),
    Edit(Unit),
    Managers(Unit),
}

/// The units screen.
#[component]
pub fn Units() -> impl IntoView {
    view! {
        <AdminFrame path="/admin/units" title="Units" lead="The organisation's units as a tree. Managers approve requests from their units.">
            <UnitAdmin />
        </AdminFrame>
    }
}

#[component]
fn UnitAdmin() -> impl IntoView {
    let notice: NoticeSignal = RwSignal::new(None);
    let panel = RwSignal::new(Panel::Closed);
    let collapsed = RwSignal::new(HashSet::<Uuid>::new());
    let data = LocalResource::new(|| async {
        let units = endpoints::units().await?;
        Ok::<_, crate::api::Failure>((units, endpoints::departments().await?))
    });
    let reload = Callback::new(move |_| data.refetch());

    view! {
        <Notice message=notice />
        {resource_view(data, move |(units, departments): (Vec<Unit>, Vec<Department>)| {
            let tree_units = units.clone();
            let side = move || match panel.get() {
                Panel::Closed => ().into_any(),
                Panel::Create(parent) => view! {
                    <form::UnitForm unit=None parent units=units.clone() departments=departments.clone() close=Callback::new(move |_| panel.set(Panel::Closed)) notice reload />
                }.into_any(),
                Panel::Edit(unit) => view! {
                    <form::UnitForm unit=Some(unit) parent=None units=units.clone() departments=departments.clone() close=Callback::new(move |_| panel.set(Panel::Closed)) notice reload />
                }.into_any(),
                Panel::Managers(unit) => view! {
                    <managers::Managers unit close=Callback::new(move |_| panel.set(Panel::Closed)) notice reload />
                }.into_any(),
            };
            view! {
                <div class="button-row page-actions">
                    <button type="button" class="btn btn-primary" on:click=move |_| panel.set(Panel::Create(None))>"Add unit"</button>
                </div>
                <div class="admin-split">
                    <UnitTree units=tree_units panel collapsed notice reload />
                    <div class="admin-side">{side}</div>
                </div>
            }
        })}
    }
}

/// Ids of every unit above `id`.
fn ancestors(parents: &HashMap<Uuid, Option<Uuid>>, id: Uuid) -> Vec<Uuid> {
    let mut out = Vec::new();
    let mut at = parents.get(&id).copied().flatten();
    while let Some(p) = at {
        if out.contains(&p) {
            break;
        }
        out.push(p);
        at = parents.get(&p).copied().flatten();
    }
    out
}

#[component]
fn UnitTree(
    units: Vec<Unit>,
    panel: RwSignal<Panel>,
    collapsed: RwSignal<HashSet<Uuid>>,
    notice: NoticeSignal,
    reload: Callback<()>,
) -> impl IntoView {
    if units.is_empty() {
        return view! { <EmptyState title="No units yet"><p class="muted">"Add the first unit of your organisation."</p></EmptyState> }.into_any();
    }
    let parents: HashMap<Uuid, Option<Uuid>> = units.iter().map(|u| (u.id, u.parent_id)).collect();
    let with_children: HashSet<Uuid> = units.iter().filter_map(|u| u.parent_id).collect();
    let delete = move |unit: Unit| {
        if !confirm(&format!("Delete the unit {}?", unit.name)) {
            return;
        }
        spawn_local(async move {
            match endpoints::delete_unit(unit.id).await {
                Ok(()) => {
                    notice.set(Some((Tone::Success, format!("{} was deleted.", unit.name))));
                    panel.set(Panel::Closed);
                    reload.run(());
                }
                Err(f) => notice.set(Some((Tone::Error, f.message))),
            }
        });
    };
    let rows = tree_order(&units)
        .into_iter()
        .map(|(unit, depth)| {
            let id = unit.id;
            let above = ancestors(&parents, id);
            let hidden = move || collapsed.with(|c| above.iter().any(|a| c.contains(a)));
            let open = move || collapsed.with(|c| !c.contains(&id));
            let name = unit.name.clone();
            let toggle = if with_children.contains(&id) {
                let name = name.clone();
                view! {
                    <button type="button" class="tree-toggle" aria-expanded=move || open().to_string()
                        aria-label=move || format!("{} {name}", if open() { "Collapse" } else { "Expand" })
                        on:click=move |_| collapsed.update(|c| if !c.remove(&id) { c.insert(id); })>
                        {move || if open() { "▾" } else { "▸" }}
                    </button>
                }
                .into_any()
            } else {
                view! { <span class="tree-toggle tree-leaf" aria-hidden="true"></span> }.into_any()
            };
            let managers = unit.managers.iter().map(|m| m.name.clone()).collect::<Vec<_>>().join(", ");
            let (edit, manage, remove) = (unit.clone(), unit.clone(), unit.clone());
            view! {
                <li class="tree-row" hidden=hidden style=format!("--depth: {depth}") data-unit=name.clone()>
                    <span class="tree-name">
                        {toggle}
                        <span class="cell-strong">{name.clone()}</span>
                    </span>
                    <span class="muted tree-meta">
                        {format!("{} · {} people", unit.department_name, unit.user_count)}
                        {(!managers.is_empty()).then(|| format!(" · managed by {managers}"))}
                    </span>
                    <span class="row-actions">
                        <button type="button" class="btn btn-small" on:click=move |_| panel.set(Panel::Create(Some(id)))>
                            "Add sub-unit"<span class="visually-hidden">{format!(" under {name}")}</span>
                        </button>
                        <button type="button" class="btn btn-small" on:click=move |_| panel.set(Panel::Edit(edit.clone()))>
                            "Edit"<span class="visually-hidden">{format!(" {}", unit.name)}</span>
                        </button>
                        <button type="button" class="btn btn-small" on:click=move |_| panel.set(Panel::Managers(manage.clone()))>
                            "Managers"<span class="visually-hidden">{format!(" of {}", unit.name)}</span>
                        </button>
                        <button type="button" class="btn btn-small btn-danger" on:click=move |_| delete(remove.clone())>
                            "Delete"<span class="visually-hidden">{format!(" {}", unit.name)}</span>
                        </button>
                    </span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="unit-tree card" aria-label="Unit tree">{rows}</ul> }.into_any()
}
