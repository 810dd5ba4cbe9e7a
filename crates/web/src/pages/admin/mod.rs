//! `/admin/…`: the organisation's people and structure, the audit log and the mail
//! that was sent. Admins only (managers may look at users, read-only).

use leptos::prelude::*;
use leptos_router::components::A;
use shared_types::Role;

use crate::auth::Session;

pub mod audit;
pub mod catalog;
pub mod departments;
pub mod jobs;
pub mod mail;
pub mod unit_tree;
pub mod units;
pub mod users;

/// The admin screens as (path, label), in tab order.
const SECTIONS: [(&str, &str); 7] = [
    ("/admin/users", "Users"),
    ("/admin/units", "Units"),
    ("/admin/departments", "Departments"),
    ("/admin/catalog", "Catalog"),
    ("/admin/audit", "Audit log"),
    ("/admin/mail", "Sent mail"),
    ("/admin/jobs", "Jobs"),
];

/// `/admin`: the first admin screen (the top bar's "Admin" link points here, so it
/// stays marked on every admin screen).
#[component]
pub fn AdminHome() -> impl IntoView {
    view! { <leptos_router::components::Redirect path="/admin/users" /> }
}

/// Asks the browser to confirm a consequential action.
pub fn confirm(question: &str) -> bool {
    web_sys::window().and_then(|w| w.confirm_with_message(question).ok()).unwrap_or(false)
}

/// True when `role` may open the admin screen at `path`. The administration area is
/// for managers and admins (technicians read colleagues through the directory); within
/// it the grant table the API enforces decides: the screen's main operation must be
/// granted (managers: users read-only, the catalog items of their department).
pub fn may_open(role: Role, path: &str) -> bool {
    use shared_types::grants::{grant, Action, Resource};
    let (resource, action) = match path {
        "/admin/users" => (Resource::Users, Action::Read),
        "/admin/units" | "/admin/departments" => (Resource::Structure, Action::Update),
        "/admin/catalog" => (Resource::Catalog, Action::Update),
        "/admin/audit" => (Resource::AuditLog, Action::Read),
        "/admin/mail" => (Resource::Outbox, Action::Read),
        "/admin/jobs" => (Resource::Jobs, Action::Read),
        _ => return role == Role::Admin,
    };
    matches!(role, Role::Manager | Role::Admin) && grant(role, resource, action).is_some()
}

/// Heading, lead and the tabs of the admin area; children render only for a role that
/// may open `path`.
#[component]
pub fn AdminFrame(
    /// This screen's path (its tab is marked current).
    path: &'static str,
    /// The heading.
    #[prop(into)]
    title: String,
    /// One sentence under it.
    #[prop(into)]
    lead: String,
    children: ChildrenFn,
) -> impl IntoView {
    let session = Session::get();
    let role = move || session.user().map(|u| u.role);
    let tabs = move || {
        (role() == Some(Role::Admin)).then(|| {
            let links =
                SECTIONS.iter().map(|(href, label)| view! { <li><A href=*href>{*label}</A></li> }).collect_view();
            view! { <nav class="tabs" aria-label="Administration"><ul>{links}</ul></nav> }
        })
    };
    view! {
        <header class="page-head">
            <p class="eyebrow">"Administration"</p>
            <h1>{title}</h1>
            <p class="lead">{lead}</p>
        </header>
        {tabs}
        {move || match role() {
            Some(r) if may_open(r, path) => children().into_any(),
            _ => view! {
                <div class="empty" role="alert">
                    <p class="empty-title">"Administrators only"</p>
                    <p>"Ask an administrator of your organisation if you need this."</p>
                </div>
            }
            .into_any(),
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn managers_only_see_users_and_the_catalog_editor() {
        assert!(may_open(Role::Admin, "/admin/audit"));
        assert!(may_open(Role::Manager, "/admin/users"));
        assert!(!may_open(Role::Manager, "/admin/units"));
        assert!(may_open(Role::Manager, "/admin/catalog"));
        assert!(!may_open(Role::Technician, "/admin/catalog"));
        assert!(!may_open(Role::Technician, "/admin/users"));
        assert!(may_open(Role::Admin, "/admin/jobs"));
        assert!(!may_open(Role::Manager, "/admin/jobs"));
    }
}
