//! `/signup`: a new organisation with its first administrator, signed in at once.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use shared_types::RegisterRequest;

use super::AuthCard;
use crate::auth::Session;
use crate::endpoints;
use crate::forms::{check_rules, errors_from, require, FieldErrors, FormError, TextField};

/// Organisation name, the admin's name, e-mail and password.
#[component]
pub fn Signup() -> impl IntoView {
    let session = Session::get();
    let navigate = use_navigate();
    let organisation = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let request = RegisterRequest {
            organisation_name: organisation.get_untracked().trim().to_owned(),
            name: name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
        };
        let mut found = FieldErrors::new();
        require(&mut found, "organisationName", &request.organisation_name, "Enter the organisation's name");
        require(&mut found, "name", &request.name, "Enter your name");
        require(&mut found, "email", &request.email, "Enter your e-mail address");
        check_rules(&mut found, &request);
        failure.set(None);
        errors.set(found);
        if !errors.with_untracked(FieldErrors::is_empty) {
            return;
        }
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match endpoints::register(request).await {
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
        <AuthCard title="Create an organisation" lead="Set up Ferrodesk for your organisation. You become its administrator.">
            <form on:submit=on_submit novalidate>
                <TextField id="signup-org" label="Organisation" value=organisation errors path="organisationName"
                    autocomplete="organization" required=true />
                <TextField id="signup-name" label="Your name" value=name errors path="name" autocomplete="name" required=true />
                <TextField id="signup-email" label="E-mail" value=email errors path="email" input_type="email"
                    autocomplete="email" required=true />
                <TextField id="signup-password" label="Password" value=password errors path="password"
                    input_type="password" autocomplete="new-password" required=true
                    help="At least 8 characters. A passphrase of a few words is easy to remember." />
                <FormError message=failure />
                <button type="submit" class="btn btn-primary btn-block" disabled=move || busy.get()>
                    "Create organisation"
                </button>
            </form>
            <p class="auth-links">"Already have an account? " <A href="/login">"Sign in"</A></p>
        </AuthCard>
    }
}
