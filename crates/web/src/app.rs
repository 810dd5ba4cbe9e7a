//! The root component: start-up (config and silent refresh), the shell and the routes.

use leptos::prelude::*;
use leptos_router::components::{ProtectedRoute, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::auth::Session;
use crate::components::{Loading, TopBar};
use crate::pages::account::{
    forgot_password::ForgotPassword, invitation::AcceptInvitation, reset_password::ResetPassword, signup::Signup,
};
use crate::pages::{
    admin::{
        audit::AuditLog,
        catalog::{CatalogAdmin, ItemEditorPage},
        departments::Departments,
        jobs::BackgroundJobs,
        mail::SentMail,
        units::Units,
        users::Users,
        AdminHome,
    },
    approvals::Approvals,
    catalog::Catalog,
    home::Home,
    login::Login,
    my_requests::MyRequests,
    not_found::NotFound,
    profile::ProfilePage,
    queue::Queue,
    request_item::RequestItem,
    ticket::TicketPage,
};
use crate::{api, config};

/// Loads the configuration, restores the session, then shows the routed app.
#[component]
pub fn App() -> impl IntoView {
    let session = Session::provide();
    let boot = LocalResource::new(move || async move {
        let config = config::load().await?;
        api::configure(&config.api_base_url);
        session.restore().await;
        Ok::<(), String>(())
    });
    move || match boot.get() {
        None => view! {
            <div class="boot">
                <Loading label="Starting Ferrodesk…" />
            </div>
        }
        .into_any(),
        Some(Err(message)) => view! {
            <div class="boot">
                <div class="error-panel" role="alert">
                    <p class="error-title">"Ferrodesk could not start"</p>
                    <p>{message}</p>
                    <button type="button" class="btn" on:click=move |_| boot.refetch()>
                        "Retry"
                    </button>
                </div>
            </div>
        }
        .into_any(),
        Some(Ok(())) => view! { <Shell /> }.into_any(),
    }
}

/// `/login`, remembering the page the visitor wanted (`?next=`) so signing in returns
/// there.
fn login_path() -> String {
    let wanted = use_location().pathname.get_untracked();
    if wanted == "/" || wanted.starts_with("/login") {
        "/login".to_owned()
    } else {
        format!("/login?next={}", api::encode(&wanted))
    }
}

/// Top bar and routes. Every route but sign-in and the account pages reached from
/// e-mails needs a signed-in user.
#[component]
fn Shell() -> impl IntoView {
    let session = Session::get();
    let allowed = move || Some(session.signed_in());
    let to_login = login_path;
    view! {
        <Router>
            <a class="skip-link" href="#main">"Skip to content"</a>
            <TopBar />
            <main id="main" class="page">
                <Routes fallback=NotFound>
                    <Route path=path!("/login") view=Login />
                    <Route path=path!("/signup") view=Signup />
                    <Route path=path!("/accept-invitation") view=AcceptInvitation />
                    <Route path=path!("/forgot-password") view=ForgotPassword />
                    <Route path=path!("/reset-password") view=ResetPassword />
                    <ProtectedRoute path=path!("/") condition=allowed redirect_path=to_login view=Home />
                    <ProtectedRoute path=path!("/catalog") condition=allowed redirect_path=to_login view=Catalog />
                    <ProtectedRoute
                        path=path!("/catalog/:itemId")
                        condition=allowed
                        redirect_path=to_login
                        view=RequestItem
                    />
                    <ProtectedRoute path=path!("/requests") condition=allowed redirect_path=to_login view=MyRequests />
                    <ProtectedRoute path=path!("/queue") condition=allowed redirect_path=to_login view=Queue />
                    <ProtectedRoute path=path!("/tickets/:id") condition=allowed redirect_path=to_login view=TicketPage />
                    <ProtectedRoute path=path!("/approvals") condition=allowed redirect_path=to_login view=Approvals />
                    <ProtectedRoute path=path!("/profile") condition=allowed redirect_path=to_login view=ProfilePage />
                    <ProtectedRoute path=path!("/admin") condition=allowed redirect_path=to_login view=AdminHome />
                    <ProtectedRoute path=path!("/admin/users") condition=allowed redirect_path=to_login view=Users />
                    <ProtectedRoute path=path!("/admin/units") condition=allowed redirect_path=to_login view=Units />
                    <ProtectedRoute
                        path=path!("/admin/departments")
                        condition=allowed
                        redirect_path=to_login
                        view=Departments
                    />
                    <ProtectedRoute
                        path=path!("/admin/catalog")
                        condition=allowed
                        redirect_path=to_login
                        view=CatalogAdmin
                    />
                    <ProtectedRoute
                        path=path!("/admin/catalog/items/:id")
                        condition=allowed
                        redirect_path=to_login
                        view=ItemEditorPage
                    />
                    <ProtectedRoute path=path!("/admin/audit") condition=allowed redirect_path=to_login view=AuditLog />
                    <ProtectedRoute path=path!("/admin/mail") condition=allowed redirect_path=to_login view=SentMail />
                    <ProtectedRoute path=path!("/admin/jobs") condition=allowed redirect_path=to_login view=BackgroundJobs />
                </Routes>
            </main>
        </Router>
    }
}
