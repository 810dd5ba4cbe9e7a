//! `/admin/users`: everyone in the organisation, with filters and paging; admins
//! create, invite, edit, deactivate and reactivate people.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use shared_types::{Role, UserAccount};
use uuid::Uuid;

mod form;
mod invite;
mod table;

use super::unit_tree::unit_options;
use super::AdminFrame;
use crate::auth::{role_label, Session, ROLES};
use crate::components::{resource_view, EmptyState, Notice, NumberPager, Tone};
use crate::endpoints::{self, UserQuery};

/// Rows per page.
const PAGE_SIZE: u32 = 25;

/// Which form is open above the table.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Panel {
    /// None.
    Closed,
    /// A new user with a password.
    Create,
    /// An invitation by e-mail.
    Invite,
    /// Changing this user.
    Edit(UserAccount),
}

/// Feedback line of the page.
pub(crate) type NoticeSignal = RwSignal<Option<(Tone, String)>>;

/// The users screen.
#[component]
pub fn Users() -> impl IntoView {
    view! {
        <AdminFrame path="/admin/users" title="Users" lead="People in your organisation, their roles and units.">
            <UserDirectory />
        </AdminFrame>
    }
}

#[component]
fn UserDirectory() -> impl IntoView {
    let admin = Session::get().user_untracked().is_some_and(|u| u.role == Role::Admin);
    let role = RwSignal::new(None::<Role>);
    let unit = RwSignal::new(String::new());
    let active = RwSignal::new(String::new());
    let search_box = RwSignal::new(String::new());
    let q = RwSignal::new(String::new());
    let page = RwSignal::new(1_u32);
    let panel = RwSignal::new(Panel::Closed);
    let notice: NoticeSignal = RwSignal::new(None);
    let units = LocalResource::new(endpoints::units);
    let users = LocalResource::new(move || {
        endpoints::users(UserQuery {
            role: role.get(),
            unit_id: unit.with(|u| Uuid::parse_str(u).ok()),
            active: active.with(|a| a.parse().ok()),
            q: q.get(),
            page: page.get(),
            limit: PAGE_SIZE,
        })
    });
    let reload = Callback::new(move |_| users.refetch());
    let on_search = move |ev: SubmitEvent| {
        ev.prevent_default();
        page.set(1);
        q.set(search_box.get_untracked());
    };
    let role_options = ROLES
        .map(|r| view! { <option value=r.as_str() selected=move || role.get() == Some(r)>{role_label(r)}</option> })
        .collect_view();
    let unit_list = move || units.get().and_then(Result::ok).unwrap_or_default();

    view! {
        <Notice message=notice />
        {admin.then(|| view! {
            <div class="button-row page-actions">
                <button type="button" class="btn btn-primary" on:click=move |_| panel.set(Panel::Invite)>"Invite user"</button>
                <button type="button" class="btn" on:click=move |_| panel.set(Panel::Create)>"Create user"</button>
            </div>
        })}
        {move || {
            let units = unit_list();
            match panel.get() {
                Panel::Closed => ().into_any(),
                Panel::Invite => view! { <invite::InviteForm units panel notice reload /> }.into_any(),
                Panel::Create => view! { <form::UserForm user=None units panel notice reload /> }.into_any(),
                Panel::Edit(user) => view! { <form::UserForm user=Some(user) units panel notice reload /> }.into_any(),
            }
        }}
        <div class="toolbar" role="search">
            <form class="search" on:submit=on_search>
                <label for="users-q" class="visually-hidden">"Search users"</label>
                <input id="users-q" type="search" placeholder="Search by name or e-mail" bind:value=search_box />
                <button type="submit" class="btn">"Search"</button>
            </form>
            <div class="field-inline">
                <label for="users-role">"Role"</label>
                <select id="users-role" on:change=move |ev| { page.set(1); role.set(Role::parse(&event_target_value(&ev))); }>
                    <option value="" selected=move || role.get().is_none()>"All roles"</option>
                    {role_options}
                </select>
            </div>
            <div class="field-inline">
                <label for="users-unit">"Unit"</label>
                <select id="users-unit" on:change=move |ev| { page.set(1); unit.set(event_target_value(&ev)); }>
                    <option value="" selected=move || unit.with(String::is_empty)>"All units"</option>
                    {move || unit_options(&unit_list(), unit, &Default::default())}
                </select>
            </div>
            <div class="field-inline">
                <label for="users-active">"Status"</label>
                <select id="users-active" on:change=move |ev| { page.set(1); active.set(event_target_value(&ev)); }>
                    <option value="">"Everyone"</option>
                    <option value="true">"Active"</option>
                    <option value="false">"Deactivated"</option>
                </select>
            </div>
        </div>
        {resource_view(users, move |result| {
            if result.items.is_empty() {
                return view! { <EmptyState title="No users match these filters" /> }.into_any();
            }
            view! {
                <table::UserTable users=result.items admin panel notice reload />
                <NumberPager page pagination=result.pagination noun=("user", "users") />
            }
            .into_any()
        })}
    }
}
