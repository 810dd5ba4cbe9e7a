//! The user picker (a search box over `GET /users/lookup?q=`) and the unit picker (a
//! select of `GET /units`, indented by depth). Both store the chosen id as text.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::forms::FormField;
use shared_types::{Unit, UserRef};
use uuid::Uuid;

use super::inputs::Wiring;
use crate::api;

/// Fewer typed characters than this do not search.
const MIN_QUERY: usize = 2;

/// A search box; each result is a button that chooses that person (keyboard: Tab to
/// it, Enter). The chosen person's name shows above the box with a "Clear" button.
pub(super) fn user_picker(field: &FormField, w: &Wiring, value: RwSignal<String>) -> AnyView {
    let query = RwSignal::new(String::new());
    let results = RwSignal::new(Vec::<UserRef>::new());
    let status = RwSignal::new(String::new());
    let chosen =
        RwSignal::new(value.with_untracked(|v| (!v.is_empty()).then(|| "the person chosen before".to_owned())));
    let latest = StoredValue::new(0u32);
    let list_id = format!("{}-results", w.id);
    let search = move |q: String| {
        query.set(q.clone());
        if q.trim().chars().count() < MIN_QUERY {
            results.set(Vec::new());
            status.set(String::new());
            return;
        }
        latest.update_value(|n| *n += 1);
        let mine = latest.get_value();
        spawn_local(async move {
            let found = api::get::<Vec<UserRef>>(&format!("/users/lookup?q={}", api::encode(q.trim()))).await;
            if latest.get_value() != mine {
                return; // a newer search is under way
            }
            match found {
                Ok(people) => {
                    status.set(match people.len() {
                        0 => "Nobody found".to_owned(),
                        1 => "1 person found".to_owned(),
                        n => format!("{n} people found"),
                    });
                    results.set(people);
                }
                Err(f) => status.set(format!("The search failed: {}", f.message)),
            }
        });
    };
    let choose = move |person: UserRef| {
        value.set(person.id.to_string());
        chosen.set(Some(person.name));
        results.set(Vec::new());
        query.set(String::new());
        status.set(String::new());
    };
    let clear = move |_| {
        value.set(String::new());
        chosen.set(None);
    };
    let rows = move || {
        results
            .get()
            .into_iter()
            .map(|p| {
                let text = format!("{} · {}", p.name, p.email);
                view! { <li><button type="button" class="btn btn-small btn-quiet" on:click=move |_| choose(p.clone())>{text}</button></li> }
            })
            .collect_view()
    };
    let placeholder = format!("Search {} by name or e-mail", field.label.to_lowercase());
    let required = w.required;
    view! {
        <div class="picker">
            {move || chosen.get().map(|name| view! {
                <p class="picker-chosen">"Chosen: "<strong>{name}</strong>" "
                    <button type="button" class="btn btn-small btn-quiet" on:click=clear>"Clear"</button>
                </p>
            })}
            <input type="search" id=w.id.clone() autocomplete="off" placeholder=placeholder
                aria-required=move || required.get().to_string() aria-controls=list_id.clone()
                prop:value=move || query.get() on:input=move |ev| search(event_target_value(&ev))
                aria-describedby=w.described.clone() aria-invalid=w.invalid />
            <p class="visually-hidden" aria-live="polite">{move || status.get()}</p>
            <ul id=list_id class="picker-results">{rows}</ul>
        </div>
    }
    .into_any()
}

/// A select of the organisation's units, indented by depth.
pub(super) fn unit_picker(w: &Wiring, value: RwSignal<String>) -> AnyView {
    let units = LocalResource::new(crate::endpoints::units);
    let w = w.clone();
    let required = w.required;
    view! {
        <select id=w.id.clone() aria-required=move || required.get().to_string()
            on:change=move |ev| value.set(event_target_value(&ev))
            aria-describedby=w.described.clone() aria-invalid=w.invalid>
            <option value="" selected=move || value.with(String::is_empty)>"Choose a unit…"</option>
            {move || {
                let rows = match units.get() {
                    Some(Ok(list)) => unit_options(&list),
                    _ => Vec::new(),
                };
                rows.into_iter()
                    .map(|(id, text)| {
                        let id = id.to_string();
                        let same = id.clone();
                        view! { <option value=id selected=move || value.with(|v| v == &same)>{text}</option> }
                    })
                    .collect_view()
            }}
        </select>
        {move || matches!(units.get(), Some(Err(_))).then(|| view! {
            <p class="help" role="alert">"The units could not be loaded; reload the page to try again."</p>
        })}
    }
    .into_any()
}

/// Units in tree order (parents before children, siblings by name), each name indented
/// by two no-break spaces per level. Units whose parent is missing count as roots.
pub(crate) fn unit_options(units: &[Unit]) -> Vec<(Uuid, String)> {
    let mut out = Vec::with_capacity(units.len());
    let known = |id: &Option<Uuid>| id.is_some_and(|p| units.iter().any(|u| u.id == p));
    let mut roots: Vec<&Unit> = units.iter().filter(|u| !known(&u.parent_id)).collect();
    roots.sort_by(|a, b| a.name.cmp(&b.name));
    let mut stack: Vec<(&Unit, usize)> = roots.into_iter().rev().map(|u| (u, 0)).collect();
    while let Some((unit, depth)) = stack.pop() {
        if out.iter().any(|(id, _)| *id == unit.id) {
            continue; // a cycle would repeat forever
        }
        out.push((unit.id, format!("{}{}", "\u{a0}\u{a0}".repeat(depth), unit.name)));
        let mut children: Vec<&Unit> = units.iter().filter(|u| u.parent_id == Some(unit.id)).collect();
        children.sort_by(|a, b| b.name.cmp(&a.name));
        stack.extend(children.into_iter().map(|c| (c, depth + 1)));
    }
    out
}
