//! The users table with Edit, Deactivate and Reactivate for admins.

use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::{UpdateUserRequest, UserAccount};
use uuid::Uuid;

use super::{NoticeSignal, Panel};
use crate::auth::role_label;
use crate::components::Tone;
use crate::endpoints;
use crate::format;
use crate::pages::admin::confirm;

/// "Active", "Invited" or "Deactivated" as a pill.
fn status_pill(user: &UserAccount) -> impl IntoView {
    let (class, text) = if !user.is_active {
        ("tag tag-off", "Deactivated")
    } else if user.invitation_pending {
        ("tag tag-pending", "Invited")
    } else {
        ("tag tag-on", "Active")
    };
    view! { <span class=class>{text}</span> }
}

/// One page of users.
#[component]
pub fn UserTable(
    users: Vec<UserAccount>,
    admin: bool,
    panel: RwSignal<Panel>,
    notice: NoticeSignal,
    reload: Callback<()>,
) -> impl IntoView {
    let busy = RwSignal::new(None::<Uuid>);
    let set_active = move |user: UserAccount, on: bool| {
        if !on
            && !confirm(&format!(
                "Deactivate {}? They are signed out everywhere and their API keys stop working.",
                user.name
            ))
        {
            return;
        }
        busy.set(Some(user.id));
        spawn_local(async move {
            let result = if on {
                let request = UpdateUserRequest {
                    name: None,
                    email: None,
                    role: None,
                    unit_id: None,
                    clear_unit: None,
                    is_active: Some(true),
                };
                endpoints::update_user(user.id, request).await.map(|_| ())
            } else {
                endpoints::deactivate_user(user.id).await
            };
            match result {
                Ok(()) => {
                    let verb = if on { "reactivated" } else { "deactivated" };
                    notice.set(Some((Tone::Success, format!("{} was {verb}.", user.name))));
                    reload.run(());
                }
                Err(f) => notice.set(Some((Tone::Error, f.message))),
            }
            busy.set(None);
        });
    };
    let rows = users
        .into_iter()
        .map(|user| {
            let id = user.id;
            let actions = admin.then(|| {
                let (edit, toggle) = (user.clone(), user.clone());
                let on = !user.is_active;
                let label = if on { "Reactivate" } else { "Deactivate" };
                view! {
                    <td class="row-actions">
                        <button type="button" class="btn btn-small" on:click=move |_| panel.set(Panel::Edit(edit.clone()))>
                            "Edit"<span class="visually-hidden">{format!(" {}", user.name)}</span>
                        </button>
                        <button type="button" class=if on { "btn btn-small" } else { "btn btn-small btn-danger" }
                            disabled=move || busy.get() == Some(id) on:click=move |_| set_active(toggle.clone(), on)>
                            {label}<span class="visually-hidden">{format!(" {}", user.name)}</span>
                        </button>
                    </td>
                }
            });
            view! {
                <tr class:muted=!user.is_active>
                    <td class="title-cell">
                        <span class="cell-strong">{user.name.clone()}</span>
                        <span class="sub">{user.email.clone()}</span>
                    </td>
                    <td>{role_label(user.role)}</td>
                    <td>{user.unit_name.clone().unwrap_or_else(|| "—".into())}</td>
                    <td>{status_pill(&user)}</td>
                    <td><time datetime=format::iso(user.created_at)>{format::datetime(user.created_at)}</time></td>
                    {actions}
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="tickets data">
                <thead>
                    <tr>
                        <th scope="col">"Name"</th>
                        <th scope="col">"Role"</th>
                        <th scope="col">"Unit"</th>
                        <th scope="col">"Status"</th>
                        <th scope="col">"Created"</th>
                        {admin.then(|| view! { <th scope="col"><span class="visually-hidden">"Actions"</span></th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
