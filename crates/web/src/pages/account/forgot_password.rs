//! `/forgot-password`: asks for a reset link by e-mail.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;

use super::AuthCard;
use crate::endpoints;
use crate::forms::{errors_from, require, FieldErrors, FormError, TextField};

/// The e-mail form; the answer is the same whether or not the address has an account.
#[component]
pub fn ForgotPassword() -> impl IntoView {
    let email = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let sent = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let address = email.get_untracked().trim().to_owned();
        let mut found = FieldErrors::new();
        require(&mut found, "email", &address, "Enter your e-mail address");
        failure.set(None);
        errors.set(found);
        if !errors.with_untracked(FieldErrors::is_empty) || busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match endpoints::request_password_reset(address).await {
                Ok(()) => sent.set(true),
                Err(f) => {
                    errors.set(errors_from(&f.details));
                    failure.set(Some(f.message));
                }
            }
            busy.set(false);
        });
    };

    view! {
        <AuthCard title="Forgot your password?" lead="We e-mail you a link to choose a new one.">
            <Show
                when=move || sent.get()
                fallback=move || view! {
                    <form on:submit=on_submit novalidate>
                        <TextField id="forgot-email" label="E-mail" value=email errors path="email"
                            input_type="email" autocomplete="email" required=true />
                        <FormError message=failure />
                        <button type="submit" class="btn btn-primary btn-block" disabled=move || busy.get()>
                            "Send reset link"
                        </button>
                    </form>
                }
            >
                <p class="notice notice-success" role="status">
                    "If an account exists for that address, we sent a link to reset the password. Check your inbox."
                </p>
            </Show>
            <p class="auth-links"><A href="/login">"Back to sign in"</A></p>
        </AuthCard>
    }
}
