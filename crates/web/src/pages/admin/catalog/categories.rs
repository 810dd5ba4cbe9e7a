//! The category tree of the catalog editor: create, edit, move (a parent select without
//! the category's own subtree), reorder (position), activate/deactivate and delete.

use std::collections::{HashMap, HashSet};

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::grants::{Action, Resource};
use shared_types::{Category, CategoryInput, Department};
use uuid::Uuid;

use crate::components::{EmptyState, Tone};
use crate::endpoints;
use crate::forms::{errors_from, require, FieldErrors, FieldMessage, FormError, TextField};
use crate::pages::admin::confirm;
use crate::pages::admin::users::NoticeSignal;
use crate::pages::catalog::{icon_symbol, ICONS};

/// Categories in tree order (parents first, siblings by position then name) with depth.
pub fn tree_order(categories: &[Category]) -> Vec<(Category, usize)> {
    let ids: HashSet<Uuid> = categories.iter().map(|c| c.id).collect();
    let mut children: HashMap<Option<Uuid>, Vec<&Category>> = HashMap::new();
    for c in categories {
        children.entry(c.parent_id.filter(|p| ids.contains(p))).or_default().push(c);
    }
    for list in children.values_mut() {
        list.sort_by_key(|c| (c.position, c.name.to_lowercase()));
    }
    let mut out = Vec::new();
    let mut seen = HashSet::new();
    let roots = children.get(&None).cloned().unwrap_or_default();
    for start in roots.into_iter().chain(categories.iter()) {
        let mut stack = vec![(start, 0)];
        while let Some((c, depth)) = stack.pop() {
            if !seen.insert(c.id) {
                continue;
            }
            out.push((c.clone(), depth));
            if let Some(kids) = children.get(&Some(c.id)) {
                stack.extend(kids.iter().rev().map(|k| (*k, depth + 1)));
            }
        }
    }
    out
}

/// `id` and every category below it (where it may not move).
pub fn subtree(categories: &[Category], id: Uuid) -> HashSet<Uuid> {
    let mut out = HashSet::from([id]);
    loop {
        let before = out.len();
        for c in categories {
            if c.parent_id.is_some_and(|p| out.contains(&p)) {
                out.insert(c.id);
            }
        }
        if out.len() == before {
            return out;
        }
    }
}

/// `<option>`s of a category select in tree order, indented, leaving out `excluded`.
pub fn category_options(
    categories: &[Category],
    selected: RwSignal<String>,
    excluded: &HashSet<Uuid>,
) -> impl IntoView {
    tree_order(categories)
        .into_iter()
        .filter(|(c, _)| !excluded.contains(&c.id))
        .map(|(c, depth)| {
            let id = c.id.to_string();
            let is = id.clone();
            let label = format!(
                "{}{}{}",
                "\u{a0}\u{a0}\u{a0}".repeat(depth),
                c.name,
                if c.is_active { "" } else { " (inactive)" }
            );
            view! { <option value=id selected=move || selected.with(|s| s == &is)>{label}</option> }
        })
        .collect_view()
}

#[derive(Debug, Clone, PartialEq)]
enum Panel {
    Closed,
    Create(Option<Uuid>),
    Edit(Category),
}

fn input_of(c: &Category) -> CategoryInput {
    CategoryInput {
        name: c.name.clone(),
        description: c.description.clone(),
        parent_id: c.parent_id,
        department_id: c.department_id,
        icon: c.icon.clone(),
        position: c.position,
        is_active: c.is_active,
    }
}

/// The tree with its actions, and the category form beside it.
#[component]
pub fn CategoryBoard(
    categories: Vec<Category>,
    departments: Vec<Department>,
    notice: NoticeSignal,
    reload: Callback<()>,
) -> impl IntoView {
    let panel = RwSignal::new(Panel::Closed);
    let close = Callback::new(move |_| panel.set(Panel::Closed));
    let all = categories.clone();
    // The controls the API would accept from this role, from the shared grant table.
    let may = |action| crate::auth::may(Resource::Categories, action);
    let (may_create, may_update, may_delete) = (may(Action::Create), may(Action::Update), may(Action::Delete));
    let side = move || {
        match panel.get() {
        Panel::Closed => ().into_any(),
        Panel::Create(parent) => {
            view! { <CategoryForm category=None parent categories=all.clone() departments=departments.clone() close notice reload /> }.into_any()
        }
        Panel::Edit(c) => {
            view! { <CategoryForm category=Some(c) parent=None categories=all.clone() departments=departments.clone() close notice reload /> }.into_any()
        }
    }
    };
    let save = move |c: Category, input: CategoryInput, done: String| {
        spawn_local(async move {
            match endpoints::update_category(c.id, input).await {
                Ok(_) => {
                    notice.set(Some((Tone::Success, done)));
                    reload.run(());
                }
                Err(f) => notice.set(Some((Tone::Error, f.message))),
            }
        });
    };
    let remove = move |c: Category| {
        if !confirm(&format!("Delete the category {}?", c.name)) {
            return;
        }
        spawn_local(async move {
            match endpoints::delete_category(c.id).await {
                Ok(()) => {
                    notice.set(Some((Tone::Success, format!("{} was deleted.", c.name))));
                    reload.run(());
                }
                Err(f) => notice.set(Some((Tone::Error, f.message))),
            }
        });
    };
    let rows = tree_order(&categories)
        .into_iter()
        .map(|(c, depth)| {
            let id = c.id;
            let (edit, toggle, del, name) = (c.clone(), c.clone(), c.clone(), c.name.clone());
            let flip = move |_| {
                let mut input = input_of(&toggle);
                input.is_active = !toggle.is_active;
                let done = format!("{} is now {}.", toggle.name, if input.is_active { "active" } else { "inactive" });
                save(toggle.clone(), input, done);
            };
            view! {
                <li class="tree-row" style=format!("--depth: {depth}") data-category=c.name.clone()>
                    <span class="tree-name">
                        <span aria-hidden="true">{icon_symbol(c.icon.as_deref())}</span>
                        <span class="cell-strong">{c.name.clone()}</span>
                        {(!c.is_active).then(|| view! { <span class="tag">"Inactive"</span> })}
                    </span>
                    <span class="muted tree-meta">{format!("position {} · {} item(s)", c.position, c.item_count)}</span>
                    <span class="row-actions">
                        {may_create.then(|| view! {
                            <button type="button" class="btn btn-small" on:click=move |_| panel.set(Panel::Create(Some(id)))>
                                "Add sub-category"<span class="visually-hidden">{format!(" under {name}")}</span>
                            </button>
                        })}
                        {may_update.then(|| view! {
                            <button type="button" class="btn btn-small" on:click=move |_| panel.set(Panel::Edit(edit.clone()))>
                                "Edit"<span class="visually-hidden">{format!(" {}", c.name)}</span>
                            </button>
                            <button type="button" class="btn btn-small" on:click=flip>
                                {if c.is_active { "Deactivate" } else { "Activate" }}<span class="visually-hidden">{format!(" {}", c.name)}</span>
                            </button>
                        })}
                        {may_delete.then(|| view! {
                            <button type="button" class="btn btn-small btn-danger" on:click=move |_| remove(del.clone())>
                                "Delete"<span class="visually-hidden">{format!(" {}", c.name)}</span>
                            </button>
                        })}
                    </span>
                </li>
            }
        })
        .collect_view();
    let tree = if categories.is_empty() {
        view! { <EmptyState title="No categories yet" /> }.into_any()
    } else {
        view! { <ul class="unit-tree card" aria-label="Category tree">{rows}</ul> }.into_any()
    };
    view! {
        <section aria-labelledby="categories-title">
            <div class="card-head">
                <h2 id="categories-title">"Categories"</h2>
                {may_create.then(|| view! {
                    <button type="button" class="btn" on:click=move |_| panel.set(Panel::Create(None))>"Add category"</button>
                })}
            </div>
            <div class="admin-split">
                {tree}
                <div class="admin-side">{side}</div>
            </div>
        </section>
    }
}

#[component]
fn CategoryForm(
    category: Option<Category>,
    parent: Option<Uuid>,
    categories: Vec<Category>,
    departments: Vec<Department>,
    close: Callback<()>,
    notice: NoticeSignal,
    reload: Callback<()>,
) -> impl IntoView {
    let editing = category.as_ref().map(|c| c.id);
    let c = category.clone();
    let text = |f: fn(&Category) -> String| RwSignal::new(c.as_ref().map(f).unwrap_or_default());
    let name = text(|c| c.name.clone());
    let description = text(|c| c.description.clone());
    let icon = text(|c| c.icon.clone().unwrap_or_default());
    let position = text(|c| c.position.to_string());
    let parent_sel =
        RwSignal::new(c.as_ref().map_or(parent, |c| c.parent_id).map(|p| p.to_string()).unwrap_or_default());
    let department = RwSignal::new(c.as_ref().and_then(|c| c.department_id).map(|d| d.to_string()).unwrap_or_default());
    let active = RwSignal::new(c.as_ref().is_none_or(|c| c.is_active));
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<String>);
    let excluded = editing.map(|id| subtree(&categories, id)).unwrap_or_default();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut found = FieldErrors::new();
        require(&mut found, "name", &name.get_untracked(), "Enter the category's name");
        let pos = position.with_untracked(|p| if p.trim().is_empty() { Ok(0) } else { p.trim().parse::<i32>() });
        if pos.is_err() {
            found.insert("position".into(), "Position must be a whole number".into());
        }
        failure.set(None);
        let ok = found.is_empty();
        errors.set(found);
        if !ok {
            return;
        }
        let input = CategoryInput {
            name: name.get_untracked().trim().to_owned(),
            description: description.get_untracked().trim().to_owned(),
            parent_id: parent_sel.with_untracked(|p| Uuid::parse_str(p).ok()),
            department_id: department.with_untracked(|d| Uuid::parse_str(d).ok()),
            icon: icon.with_untracked(|i| (!i.is_empty()).then(|| i.clone())),
            position: pos.unwrap_or(0),
            is_active: active.get_untracked(),
        };
        spawn_local(async move {
            let result = match editing {
                Some(id) => endpoints::update_category(id, input).await,
                None => endpoints::create_category(input).await,
            };
            match result {
                Ok(saved) => {
                    notice.set(Some((
                        Tone::Success,
                        format!("{} was {}.", saved.name, if editing.is_some() { "saved" } else { "created" }),
                    )));
                    close.run(());
                    reload.run(());
                }
                Err(f) => {
                    errors.set(errors_from(&f.details));
                    failure.set(Some(f.message));
                }
            }
        });
    };
    let department_options = departments
        .iter()
        .map(|d| {
            let id = d.id.to_string();
            let is = id.clone();
            view! { <option value=id selected=move || department.with(|s| s == &is)>{d.name.clone()}</option> }
        })
        .collect_view();
    let icon_options = ICONS
        .iter()
        .map(|(n, s)| view! { <option value=*n selected=move || icon.with(|i| i == n)>{format!("{s} {n}")}</option> })
        .collect_view();
    let title = category.as_ref().map_or("New category".to_owned(), |c| format!("Edit {}", c.name));
    view! {
        <section class="card form-card" aria-labelledby="category-form-title">
            <h2 id="category-form-title">{title}</h2>
            <form on:submit=on_submit novalidate>
                <TextField id="cat-name" label="Name" value=name errors path="name" required=true />
                <div class="field">
                    <label for="cat-description">"Description"</label>
                    <textarea id="cat-description" rows="2" bind:value=description></textarea>
                </div>
                <div class="field">
                    <label for="cat-parent">"Parent category"</label>
                    <select id="cat-parent" aria-describedby="cat-parent-error" on:change=move |ev| parent_sel.set(event_target_value(&ev))>
                        <option value="" selected=move || parent_sel.with(String::is_empty)>"None (top level)"</option>
                        {category_options(&categories, parent_sel, &excluded)}
                    </select>
                    <FieldMessage errors path="parentId" id="cat-parent-error" />
                </div>
                <div class="field">
                    <label for="cat-department">"Owning department"</label>
                    <p class="help" id="cat-department-help">"Its managers may edit this category's services."</p>
                    <select id="cat-department" aria-describedby="cat-department-help cat-department-error" on:change=move |ev| department.set(event_target_value(&ev))>
                        <option value="" selected=move || department.with(String::is_empty)>"None"</option>
                        {department_options}
                    </select>
                    <FieldMessage errors path="departmentId" id="cat-department-error" />
                </div>
                <div class="field">
                    <label for="cat-icon">"Icon"</label>
                    <select id="cat-icon" on:change=move |ev| icon.set(event_target_value(&ev))>
                        <option value="" selected=move || icon.with(String::is_empty)>"Default"</option>
                        {icon_options}
                    </select>
                </div>
                <TextField id="cat-position" label="Position" value=position errors path="position" input_type="number"
                    help="Lower numbers come first among siblings." />
                <label class="check"><input type="checkbox" bind:checked=active />"Active (shown in the catalog)"</label>
                <FormError message=failure />
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary">{if editing.is_some() { "Save category" } else { "Create category" }}</button>
                    <button type="button" class="btn btn-quiet" on:click=move |_| close.run(())>"Cancel"</button>
                </div>
            </form>
        </section>
    }
}
