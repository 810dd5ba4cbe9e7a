//! Inviting someone by e-mail: they get a link to set their own password.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::{InvitationRequest, Role, Unit};
use uuid::Uuid;

use super::form::RoleAndUnit;
use super::{NoticeSignal, Panel};
use crate::components::Tone;
use crate::endpoints;
use crate::format;
use crate::forms::{errors_from, require, FieldErrors, FormError, TextField};

/// Name, e-mail, role and unit of the person to invite.
#[component]
pub fn InviteForm(
    units: Vec<Unit>,
    panel: RwSignal<Panel>,
    notice: NoticeSignal,
    reload: Callback<()>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let role = RwSignal::new(Role::Requester);
    let unit = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let request = InvitationRequest {
            email: email.get_untracked().trim().to_owned(),
            name: name.get_untracked().trim().to_owned(),
            role: role.get_untracked(),
            unit_id: unit.with_untracked(|u| Uuid::parse_str(u).ok()),
        };
        let mut found = FieldErrors::new();
        require(&mut found, "name", &request.name, "Enter their name");
        require(&mut found, "email", &request.email, "Enter their e-mail address");
        failure.set(None);
        errors.set(found);
        if !errors.with_untracked(FieldErrors::is_empty) || busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            match endpoints::invite(request).await {
                Ok(sent) => {
                    let until = format::datetime(sent.expires_at);
                    notice.set(Some((
                        Tone::Success,
                        format!("Invitation sent to {}. The link works until {until}.", sent.email),
                    )));
                    panel.set(Panel::Closed);
                    reload.run(());
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
        <section class="card form-card" aria-labelledby="invite-title">
            <h2 id="invite-title">"Invite a user"</h2>
            <p class="muted">"They receive an e-mail with a link to choose their password."</p>
            <form on:submit=on_submit novalidate>
                <div class="form-grid">
                    <TextField id="invite-name" label="Name" value=name errors path="name" required=true />
                    <TextField id="invite-email" label="E-mail" value=email errors path="email" input_type="email" required=true />
                    <RoleAndUnit id="invite" role unit units errors />
                </div>
                <FormError message=failure />
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled=move || busy.get()>"Send invitation"</button>
                    <button type="button" class="btn btn-quiet" on:click=move |_| panel.set(Panel::Closed)>"Cancel"</button>
                </div>
            </form>
        </section>
    }
}
