//! `/login`: e-mail and password, with the demo accounts as a hint.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::{Redirect, A};
use leptos_router::hooks::use_query_map;

use crate::auth::Session;

/// Demo logins of the seeded organisation (all share [`DEMO_PASSWORD`]).
const DEMO_ACCOUNTS: [(&str, &str); 4] = [
    ("emma.clarke@riverside-hospital.example", "requester"),
    ("priya.shah@riverside-hospital.example", "manager"),
    ("tom.becker@riverside-hospital.example", "technician"),
    ("alex.morgan@riverside-hospital.example", "admin"),
];
const DEMO_PASSWORD: &str = "ferrodesk-demo-2026";

/// Where to go once signed in: the remembered page when it is a path of this app,
/// else `/` (which sends each role to its home).
fn after_login(next: Option<String>) -> String {
    next.filter(|p| p.starts_with('/') && !p.starts_with("//") && !p.starts_with("/login"))
        .unwrap_or_else(|| "/".to_owned())
}

/// The sign-in screen; once signed in it goes to the remembered page or `/`.
#[component]
pub fn Login() -> impl IntoView {
    let session = Session::get();
    let email = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let query = use_query_map();
    let next = move || after_login(query.with_untracked(|q| q.get("next")));

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (e, p) = (email.get_untracked().trim().to_owned(), password.get_untracked());
        if e.is_empty() || p.is_empty() {
            error.set(Some("Enter your e-mail address and password.".into()));
            return;
        }
        error.set(None);
        busy.set(true);
        spawn_local(async move {
            // On success the session changes and the redirect below takes over.
            if let Err(failure) = session.login(e, p).await {
                error.set(Some(failure.message));
                password.set(String::new());
            }
            busy.set(false);
        });
    };

    let demo = DEMO_ACCOUNTS
        .iter()
        .map(|(address, role)| {
            view! {
                <li>
                    <button
                        type="button"
                        class="link-button"
                        on:click=move |_| {
                            email.set((*address).to_owned());
                            password.set(DEMO_PASSWORD.to_owned());
                        }
                    >
                        {*address}
                    </button>
                    <span class="muted">{format!(" ({role})")}</span>
                </li>
            }
        })
        .collect_view();

    view! {
        {move || session.signed_in().then(|| view! { <Redirect path=next() /> })}
        <div class="login">
            <div class="login-card card">
                <p class="brand brand-large">
                    <span class="brand-mark" aria-hidden="true"></span>
                    "Ferrodesk"
                </p>
                <h1>"Sign in"</h1>
                <p class="muted">"IT help, requests and approvals in one place."</p>
                <form on:submit=on_submit novalidate>
                    <div class="field">
                        <label for="login-email">"E-mail"</label>
                        <input id="login-email" type="email" autocomplete="username" required bind:value=email />
                    </div>
                    <div class="field">
                        <label for="login-password">"Password"</label>
                        <input
                            id="login-password"
                            type="password"
                            autocomplete="current-password"
                            required
                            bind:value=password
                        />
                    </div>
                    <div class="form-error" role="alert" aria-live="assertive">
                        {move || error.get().map(|m| view! { <p>{m}</p> })}
                    </div>
                    <button type="submit" class="btn btn-primary btn-block" disabled=move || busy.get()>
                        "Sign in"
                    </button>
                </form>
                <p class="auth-links">
                    <A href="/forgot-password">"Forgot password?"</A>
                    <A href="/signup">"Create an organisation"</A>
                </p>
                <details class="demo-hint">
                    <summary>"Trying the demo?"</summary>
                    <p>{format!("Every demo account uses the password {DEMO_PASSWORD}. Pick one to fill in the form:")}</p>
                    <ul>{demo}</ul>
                </details>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::after_login;

    #[test]
    fn only_local_paths_are_followed() {
        assert_eq!(after_login(Some("/tickets/1".into())), "/tickets/1");
        assert_eq!(after_login(Some("//evil.example/x".into())), "/");
        assert_eq!(after_login(Some("https://evil.example".into())), "/");
        assert_eq!(after_login(Some("/login".into())), "/");
        assert_eq!(after_login(None), "/");
    }
}
