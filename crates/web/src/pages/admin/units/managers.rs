//! A unit's managers: the current ones with Remove, and a search to add someone.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::{Unit, UserAccount, UserRef};
use uuid::Uuid;

use crate::components::{resource_view, Tone};
use crate::endpoints::{self, UserQuery};
use crate::pages::admin::users::NoticeSignal;

/// The managers panel of `unit`.
#[component]
pub fn Managers(unit: Unit, close: Callback<()>, notice: NoticeSignal, reload: Callback<()>) -> impl IntoView {
    let id = unit.id;
    let unit_name = unit.name.clone();
    let managers = LocalResource::new(move || endpoints::unit_managers(id));
    let search = RwSignal::new(String::new());
    let found = RwSignal::new(None::<Vec<UserAccount>>);
    let busy = RwSignal::new(false);

    let change = move |user: Uuid, name: String, add: bool| {
        busy.set(true);
        let unit_name = unit_name.clone();
        spawn_local(async move {
            let result = if add {
                endpoints::add_unit_manager(id, user).await
            } else {
                endpoints::remove_unit_manager(id, user).await
            };
            match result {
                Ok(()) => {
                    let text = if add {
                        format!("{name} now manages {unit_name}.")
                    } else {
                        format!("{name} no longer manages {unit_name}.")
                    };
                    notice.set(Some((Tone::Success, text)));
                    managers.refetch();
                    reload.run(());
                }
                Err(f) => notice.set(Some((Tone::Error, f.message))),
            }
            busy.set(false);
        });
    };
    let change = StoredValue::new(change);

    let on_search = move |ev: SubmitEvent| {
        ev.prevent_default();
        let q = search.get_untracked();
        spawn_local(async move {
            let query = UserQuery { q, active: Some(true), page: 1, limit: 10, ..Default::default() };
            match endpoints::users(query).await {
                Ok(page) => found.set(Some(page.items)),
                Err(f) => notice.set(Some((Tone::Error, f.message))),
            }
        });
    };

    view! {
        <section class="card form-card" aria-labelledby="managers-title">
            <div class="card-head">
                <h2 id="managers-title">{format!("Managers of {}", unit.name)}</h2>
                <button type="button" class="btn btn-quiet btn-small" on:click=move |_| close.run(())>"Close"</button>
            </div>
            {resource_view(managers, move |list: Vec<UserRef>| {
                if list.is_empty() {
                    return view! { <p class="muted">"No managers yet. Requests from this unit go to the managers above it."</p> }.into_any();
                }
                let items = list.into_iter().map(|m| {
                    let name = m.name.clone();
                    view! {
                        <li class="person-line">
                            <span>{m.name.clone()}<span class="sub">{m.email.clone()}</span></span>
                            <button type="button" class="btn btn-small btn-danger" disabled=move || busy.get()
                                on:click=move |_| change.with_value(|c| c(m.id, name.clone(), false))>
                                "Remove"<span class="visually-hidden">{format!(" {}", m.name)}</span>
                            </button>
                        </li>
                    }
                }).collect_view();
                view! { <ul class="people">{items}</ul> }.into_any()
            })}
            <form class="search" on:submit=on_search>
                <label for="manager-q" class="visually-hidden">"Find a person to add as manager"</label>
                <input id="manager-q" type="search" placeholder="Find a person to add" bind:value=search />
                <button type="submit" class="btn">"Find"</button>
            </form>
            {move || found.get().map(|people| {
                if people.is_empty() {
                    return view! { <p class="muted">"Nobody matches."</p> }.into_any();
                }
                let items = people.into_iter().map(|p| {
                    let name = p.name.clone();
                    view! {
                        <li class="person-line">
                            <span>{p.name.clone()}<span class="sub">{p.email.clone()}</span></span>
                            <button type="button" class="btn btn-small" disabled=move || busy.get()
                                on:click=move |_| change.with_value(|c| c(p.id, name.clone(), true))>
                                "Add as manager"<span class="visually-hidden">{format!(" {}", p.name)}</span>
                            </button>
                        </li>
                    }
                }).collect_view();
                view! { <ul class="people">{items}</ul> }.into_any()
            })}
        </section>
    }
}
