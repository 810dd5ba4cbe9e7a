//! Creating an API key: name, scopes and an optional expiry; the key is shown once.

use chrono::{NaiveDate, NaiveTime};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::{ApiScope, CreateApiKeyRequest};

use crate::endpoints;
use crate::forms::{errors_from, require, FieldErrors, FieldMessage, FormError, TextField};

/// The create form, then the new key with a copy button until "Done".
#[component]
pub fn NewApiKey(created: Callback<()>) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let scopes = RwSignal::new(vec![ApiScope::TicketsRead]);
    let expires = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let shown = RwSignal::new(None::<String>);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut found = FieldErrors::new();
        let key_name = name.get_untracked().trim().to_owned();
        require(&mut found, "name", &key_name, "Name the key after what uses it");
        if scopes.with_untracked(Vec::is_empty) {
            found.insert("scopes".into(), "Pick at least one scope".into());
        }
        let date = expires.get_untracked();
        let expires_at = match date.trim() {
            "" => None,
            d => match NaiveDate::parse_from_str(d, "%Y-%m-%d") {
                Ok(day) => Some(day.and_time(NaiveTime::from_hms_opt(23, 59, 59).unwrap_or_default()).and_utc()),
                Err(_) => {
                    found.insert("expiresAt".into(), "Enter a date".into());
                    None
                }
            },
        };
        failure.set(None);
        errors.set(found);
        if !errors.with_untracked(FieldErrors::is_empty) || busy.get_untracked() {
            return;
        }
        busy.set(true);
        let request = CreateApiKeyRequest { name: key_name, scopes: scopes.get_untracked(), expires_at };
        spawn_local(async move {
            match endpoints::create_api_key(request).await {
                Ok(made) => {
                    shown.set(Some(made.key));
                    name.set(String::new());
                    expires.set(String::new());
                    created.run(());
                }
                Err(f) => {
                    errors.set(errors_from(&f.details));
                    failure.set(Some(f.message));
                }
            }
            busy.set(false);
        });
    };

    let boxes = ApiScope::ALL
        .into_iter()
        .map(|scope| {
            view! {
                <label class="check">
                    <input type="checkbox" name="scopes" value=scope.as_str()
                        prop:checked=move || scopes.with(|s| s.contains(&scope))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            scopes.update(|s| {
                                s.retain(|x| *x != scope);
                                if on {
                                    s.push(scope);
                                    s.sort();
                                }
                            });
                        } />
                    <code>{scope.as_str()}</code>
                </label>
            }
        })
        .collect_view();

    view! {
        {move || shown.get().map(|key| view! { <KeyOnce key shown /> })}
        <details class="new-key">
            <summary class="btn">"Create an API key"</summary>
            <form on:submit=on_submit novalidate>
                <TextField id="key-name" label="Name" value=name errors path="name" required=true
                    help="What uses it, e.g. “Monitoring import”." />
                <fieldset class="field field-group" aria-describedby="key-scopes-error">
                    <legend>"Scopes"</legend>
                    <div class="check-list">{boxes}</div>
                    <FieldMessage errors path="scopes" id="key-scopes-error" />
                </fieldset>
                <TextField id="key-expires" label="Expires on (optional)" value=expires errors path="expiresAt"
                    input_type="date" help="Leave empty for a key that does not expire." />
                <FormError message=failure />
                <button type="submit" class="btn btn-primary" disabled=move || busy.get()>"Create key"</button>
            </form>
        </details>
    }
}

/// The whole key, once, with Copy and Done.
#[component]
fn KeyOnce(key: String, shown: RwSignal<Option<String>>) -> impl IntoView {
    let copied = RwSignal::new(None::<&'static str>);
    let copy = {
        let key = key.clone();
        move |_| {
            let key = key.clone();
            spawn_local(async move {
                let Some(window) = web_sys::window() else { return };
                let promise = window.navigator().clipboard().write_text(&key);
                let result = wasm_bindgen_futures::JsFuture::from(promise).await;
                copied.set(Some(if result.is_ok() {
                    "Copied."
                } else {
                    "Copy it by hand: select the key and press Ctrl+C."
                }));
            });
        }
    };
    view! {
        <div class="key-once" role="status">
            <p class="key-once-title">"Your new API key"</p>
            <p>"Copy it now and keep it somewhere safe: it is shown only this once."</p>
            <label for="new-key-value" class="visually-hidden">"New API key"</label>
            <input id="new-key-value" type="text" readonly class="mono" value=key
                on:focus=|ev| {
                    use wasm_bindgen::JsCast;
                    if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
                        input.select();
                    }
                } />
            <div class="button-row">
                <button type="button" class="btn" on:click=copy>"Copy key"</button>
                <button type="button" class="btn btn-quiet" on:click=move |_| shown.set(None)>"Done"</button>
                <span class="muted" aria-live="polite">{move || copied.get()}</span>
            </div>
        </div>
    }
}
