//! The pages reached without signing in: organisation sign-up, accepting an
//! invitation, and resetting a forgotten password.

use leptos::prelude::*;

use crate::forms::{FieldErrors, TextField};

pub mod forgot_password;
pub mod invitation;
pub mod reset_password;
pub mod signup;

/// The centred card the sign-in page also uses: brand, heading, lead and the form.
#[component]
pub fn AuthCard(
    /// The page heading.
    #[prop(into)]
    title: String,
    /// One sentence under the heading.
    #[prop(into)]
    lead: String,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="login">
            <div class="login-card card">
                <p class="brand brand-large">
                    <span class="brand-mark" aria-hidden="true"></span>
                    "Ferrodesk"
                </p>
                <h1>{title}</h1>
                <p class="muted">{lead}</p>
                {children()}
            </div>
        </div>
    }
}

/// The `token` of an e-mailed link (`?token=…`), if there is one.
pub fn link_token() -> Option<String> {
    let query = leptos_router::hooks::use_query_map();
    query.with_untracked(|q| q.get("token")).filter(|t| !t.trim().is_empty())
}

/// "New password" and "Repeat the new password", keyed `password` and `repeat`.
#[component]
pub fn PasswordPair(
    /// Prefix of the DOM ids.
    id: &'static str,
    /// The new password.
    password: RwSignal<String>,
    /// Its repetition.
    repeat: RwSignal<String>,
    /// Messages per field.
    errors: RwSignal<FieldErrors>,
) -> impl IntoView {
    view! {
        <TextField id=format!("{id}-password") label="New password" value=password errors path="password"
            input_type="password" autocomplete="new-password" required=true
            help="At least 8 characters. A passphrase of a few words is easy to remember." />
        <TextField id=format!("{id}-repeat") label="Repeat the new password" value=repeat errors path="repeat"
            input_type="password" autocomplete="new-password" required=true />
    }
}
