//! `/accept-invitation?token=…`: an invited person chooses a password and is signed in.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;

use super::{link_token, AuthCard, PasswordPair};
use crate::auth::Session;
use crate::endpoints;
use crate::forms::{check_new_password, errors_from, FieldErrors, FormError};

/// Sets the password of an invited account, then goes to the start page signed in.
#[component]
pub fn AcceptInvitation() -> impl IntoView {
    let session = Session::get();
    let navigate = use_navigate();
    let token = link_token();
    let password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let link = token.clone();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let Some(token) = link.clone() else { return };
        let (new, again) = (password.get_untracked(), repeat.get_untracked());
        let mut found = FieldErrors::new();
        check_new_password(&mut found, "password", &new, "repeat", &again);
        failure.set(None);
        errors.set(found);
        if !errors.with_untracked(FieldErrors::is_empty) || busy.get_untracked() {
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match endpoints::accept_invitation(token, new).await {
                Ok(tokens) => {
                    session.adopt(tokens);
                    navigate("/", Default::default());
                }
                Err(f) => {
                    errors.set(errors_from(&f.details));
                    failure.set(Some(f.message));
                    busy.set(false);
                }
            }
        });
    };

    view! {
        <AuthCard title="Welcome to Ferrodesk" lead="You were invited. Choose a password to finish setting up your account.">
            {match token {
                None => view! { <MissingToken /> }.into_any(),
                Some(_) => view! {
                    <form on:submit=on_submit novalidate>
                        <PasswordPair id="invite" password repeat errors />
                        <FormError message=failure />
                        <button type="submit" class="btn btn-primary btn-block" disabled=move || busy.get()>
                            "Set password and sign in"
                        </button>
                    </form>
                }
                .into_any(),
            }}
        </AuthCard>
    }
}

/// The link was opened without its token (cut off when copied).
#[component]
pub fn MissingToken() -> impl IntoView {
    view! {
        <p class="notice notice-error" role="alert">
            "This link is incomplete. Open the link from the e-mail again, or copy the whole address into the browser."
        </p>
    }
}
