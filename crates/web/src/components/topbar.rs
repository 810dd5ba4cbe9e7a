//! The top bar: product, organisation, navigation by role, the user (a link to the
//! profile) and Sign out.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared_types::Role;

use crate::auth::{role_label, Session};

/// Navigation entries a role sees, in order.
fn nav_links(role: Role) -> &'static [(&'static str, &'static str)] {
    const CATALOG: (&str, &str) = ("/catalog", "Catalog");
    const MINE: (&str, &str) = ("/requests", "My requests");
    const QUEUE: (&str, &str) = ("/queue", "Queue");
    const APPROVALS: (&str, &str) = ("/approvals", "Approvals");
    const PEOPLE: (&str, &str) = ("/admin/users", "People");
    const ADMIN: (&str, &str) = ("/admin", "Admin");
    // Managers who own services edit their items there; admins also reach it from Admin.
    const EDITOR: (&str, &str) = ("/admin/catalog", "Catalog editor");
    match role {
        Role::Requester => &[CATALOG, MINE],
        Role::Technician => &[QUEUE, CATALOG, MINE],
        Role::Manager => &[APPROVALS, QUEUE, CATALOG, MINE, PEOPLE, EDITOR],
        Role::Admin => &[QUEUE, APPROVALS, CATALOG, MINE, EDITOR, ADMIN],
    }
}

/// The application header; renders nothing while signed out.
#[component]
pub fn TopBar() -> impl IntoView {
    let session = Session::get();
    let navigate = use_navigate();
    let signing_out = RwSignal::new(false);
    let sign_out = move |_| {
        let navigate = navigate.clone();
        signing_out.set(true);
        spawn_local(async move {
            session.logout().await;
            signing_out.set(false);
            navigate("/login", Default::default());
        });
    };
    move || {
        session.user().map(|user| {
            let links = nav_links(user.role)
                .iter()
                .map(|(href, label)| view! { <li><A href=*href>{*label}</A></li> })
                .collect_view();
            let sign_out = sign_out.clone();
            view! {
                <header class="topbar">
                    <div class="topbar-inner">
                        <a class="brand" href="/">
                            <span class="brand-mark" aria-hidden="true"></span>
                            "Ferrodesk"
                        </a>
                        <span class="org" title="Organisation">{user.organisation_name.clone()}</span>
                        <nav class="mainnav" aria-label="Main">
                            <ul>{links}</ul>
                        </nav>
                        <div class="account">
                            <A href="/profile" attr:class="who" attr:title="Your profile">
                                <span class="who-name">{user.name.clone()}</span>
                                <span class="who-role">{role_label(user.role)}</span>
                            </A>
                            <button
                                type="button"
                                class="btn btn-quiet"
                                on:click=sign_out
                                disabled=move || signing_out.get()
                            >
                                "Sign out"
                            </button>
                        </div>
                    </div>
                </header>
            }
        })
    }
}
