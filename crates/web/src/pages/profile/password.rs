//! Changing the password: the current one and the new one twice.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::ChangePasswordRequest;

use super::NoticeSignal;
use crate::components::Tone;
use crate::endpoints;
use crate::forms::{check_new_password, errors_from, require, FieldErrors, FormError, TextField};

/// The change-password form; on success the other sessions are gone, so `sessions_changed` ticks.
#[component]
pub fn ChangePassword(notice: NoticeSignal, sessions_changed: RwSignal<u32>) -> impl IntoView {
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let repeat = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request =
            ChangePasswordRequest { current_password: current.get_untracked(), new_password: new.get_untracked() };
        let mut found = FieldErrors::new();
        require(&mut found, "currentPassword", &request.current_password, "Enter your current password");
        check_new_password(&mut found, "newPassword", &request.new_password, "repeat", &repeat.get_untracked());
        failure.set(None);
        errors.set(found);
        if !errors.with_untracked(FieldErrors::is_empty) || busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match endpoints::change_password(request).await {
                Ok(()) => {
                    for field in [current, new, repeat] {
                        field.set(String::new());
                    }
                    notice.set(Some((Tone::Success, "Password changed. Your other sessions were signed out.".into())));
                    sessions_changed.update(|n| *n += 1);
                }
                Err(f) => {
                    errors.set(errors_from(&f.details));
                    failure.set(Some(f.message));
                }
            }
            busy.set(false);
        });
    };

    view! {
        <section class="card" aria-labelledby="profile-password-title">
            <h2 id="profile-password-title">"Password"</h2>
            <form on:submit=on_submit novalidate>
                <TextField id="pw-current" label="Current password" value=current errors path="currentPassword"
                    input_type="password" autocomplete="current-password" required=true />
                <TextField id="pw-new" label="New password" value=new errors path="newPassword"
                    input_type="password" autocomplete="new-password" required=true
                    help="At least 8 characters. Changing it signs out your other sessions." />
                <TextField id="pw-repeat" label="Repeat the new password" value=repeat errors path="repeat"
                    input_type="password" autocomplete="new-password" required=true />
                <FormError message=failure />
                <button type="submit" class="btn btn-primary" disabled=move || busy.get()>"Change password"</button>
            </form>
        </section>
    }
}
