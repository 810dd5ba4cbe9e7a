//! `/`: sends each role to where its work is.

use leptos::prelude::*;
use leptos_router::components::Redirect;

use crate::auth::{home_path, Session};

/// Redirects requesters to the catalog, technicians and admins to the queue and
/// managers to their approvals.
#[component]
pub fn Home() -> impl IntoView {
    let session = Session::get();
    move || session.user().map(|user| view! { <Redirect path=home_path(user.role) /> })
}
