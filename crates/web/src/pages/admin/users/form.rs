//! Creating a user with a password, or changing a user's name, e-mail, role and unit.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared_types::{CreateUserRequest, Role, Unit, UpdateUserRequest, UserAccount};
use uuid::Uuid;

use super::{NoticeSignal, Panel};
use crate::auth::{role_label, ROLES};
use crate::components::Tone;
use crate::endpoints;
use crate::forms::{errors_from, require, FieldErrors, FieldMessage, FormError, TextField};
use crate::pages::admin::unit_tree::unit_options;

/// Role and unit selects shared by the user and invitation forms.
#[component]
pub fn RoleAndUnit(
    /// DOM id prefix.
    id: &'static str,
    role: RwSignal<Role>,
    /// The unit id as text; empty for none.
    unit: RwSignal<String>,
    units: Vec<Unit>,
    errors: RwSignal<FieldErrors>,
) -> impl IntoView {
    let options = ROLES
        .map(|r| view! { <option value=r.as_str() selected=move || role.get() == r>{role_label(r)}</option> })
        .collect_view();
    view! {
        <div class="field">
            <label for=format!("{id}-role")>"Role"</label>
            <select id=format!("{id}-role") aria-describedby=format!("{id}-role-error") on:change=move |ev| {
                if let Some(r) = Role::parse(&event_target_value(&ev)) {
                    role.set(r);
                }
            }>{options}</select>
            <FieldMessage errors path="role" id=format!("{id}-role-error") />
        </div>
        <div class="field">
            <label for=format!("{id}-unit")>"Unit"</label>
            <select id=format!("{id}-unit") aria-describedby=format!("{id}-unit-error")
                on:change=move |ev| unit.set(event_target_value(&ev))>
                <option value="" selected=move || unit.with(String::is_empty)>"No unit"</option>
                {unit_options(&units, unit, &Default::default())}
            </select>
            <FieldMessage errors path="unitId" id=format!("{id}-unit-error") />
        </div>
    }
}

/// The create form (`user` is `None`) or the edit form.
#[component]
pub fn UserForm(
    user: Option<UserAccount>,
    units: Vec<Unit>,
    panel: RwSignal<Panel>,
    notice: NoticeSignal,
    reload: Callback<()>,
) -> impl IntoView {
    let editing = user.as_ref().map(|u| u.id);
    let name = RwSignal::new(user.as_ref().map(|u| u.name.clone()).unwrap_or_default());
    let email = RwSignal::new(user.as_ref().map(|u| u.email.clone()).unwrap_or_default());
    let role = RwSignal::new(user.as_ref().map_or(Role::Requester, |u| u.role));
    let unit = RwSignal::new(user.as_ref().and_then(|u| u.unit_id).map(|u| u.to_string()).unwrap_or_default());
    let password = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let (n, e, p) =
            (name.get_untracked().trim().to_owned(), email.get_untracked().trim().to_owned(), password.get_untracked());
        let unit_id = unit.with_untracked(|u| Uuid::parse_str(u).ok());
        let mut found = FieldErrors::new();
        require(&mut found, "name", &n, "Enter a name");
        require(&mut found, "email", &e, "Enter an e-mail address");
        if editing.is_none() {
            if let Err(message) = shared_types::check_password_length(&p) {
                found.insert("password".into(), message);
            }
        }
        failure.set(None);
        errors.set(found);
        if !errors.with_untracked(FieldErrors::is_empty) || busy.get_untracked() {
            return;
        }
        busy.set(true);
        spawn_local(async move {
            let result = match editing {
                None => {
                    let request =
                        CreateUserRequest { email: e, name: n, role: role.get_untracked(), unit_id, password: p };
                    endpoints::create_user(request).await
                }
                Some(id) => {
                    let request = UpdateUserRequest {
                        name: Some(n),
                        email: Some(e),
                        role: Some(role.get_untracked()),
                        clear_unit: Some(unit_id.is_none()),
                        unit_id,
                        is_active: None,
                    };
                    endpoints::update_user(id, request).await
                }
            };
            match result {
                Ok(saved) => {
                    let verb = if editing.is_some() { "saved" } else { "created" };
                    notice.set(Some((Tone::Success, format!("{} was {verb}.", saved.name))));
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

    let title = match &user {
        Some(u) => format!("Edit {}", u.name),
        None => "Create a user".to_owned(),
    };
    view! {
        <section class="card form-card" aria-labelledby="user-form-title">
            <h2 id="user-form-title">{title}</h2>
            <form on:submit=on_submit novalidate>
                <div class="form-grid">
                    <TextField id="user-name" label="Name" value=name errors path="name" required=true />
                    <TextField id="user-email" label="E-mail" value=email errors path="email" input_type="email" required=true />
                    <RoleAndUnit id="user" role unit units errors />
                    {editing.is_none().then(|| view! {
                        <TextField id="user-password" label="Initial password" value=password errors path="password"
                            input_type="password" autocomplete="new-password" required=true
                            help="Tell them in person; they can change it on their profile. Or invite them instead." />
                    })}
                </div>
                <FormError message=failure />
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled=move || busy.get()>
                        {if editing.is_some() { "Save user" } else { "Create user" }}
                    </button>
                    <button type="button" class="btn btn-quiet" on:click=move |_| panel.set(Panel::Closed)>"Cancel"</button>
                </div>
            </form>
        </section>
    }
}
