//! `/reset-password?token=…`: chooses a new password from an e-mailed link.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::invitation::MissingToken;
use super::{link_token, AuthCard, PasswordPair};
use crate::endpoints;
use crate::forms::{check_new_password, errors_from, FieldErrors, FormError};

/// The new password twice; on success a link to sign in.
#[component]
pub fn ResetPassword() -> impl IntoView {
    let token = link_token();
    let password = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let done = RwSignal::new(false);

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
        spawn_local(async move {
            match endpoints::reset_password(token, new).await {
                Ok(()) => done.set(true),
                Err(f) => {
                    errors.set(errors_from(&f.details));
                    failure.set(Some(f.message));
                }
            }
            busy.set(false);
        });
    };

    let form = move || match token.clone() {
        None => view! { <MissingToken /> }.into_any(),
        Some(_) => view! {
            <form on:submit=on_submit.clone() novalidate>
                <PasswordPair id="reset" password repeat errors />
                <FormError message=failure />
                <button type="submit" class="btn btn-primary btn-block" disabled=move || busy.get()>
                    "Change password"
                </button>
            </form>
        }
        .into_any(),
    };

    view! {
        <AuthCard title="Choose a new password" lead="After the change, every device signed in to your account is signed out.">
            <Show when=move || done.get() fallback=form>
                <p class="notice notice-success" role="status">"Password changed. Sign in with your new password."</p>
                <A href="/login" attr:class="btn btn-primary btn-block">"Sign in"</A>
            </Show>
        </AuthCard>
    }
}
