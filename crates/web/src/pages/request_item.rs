//! `/catalog/:itemId`: the item's description and its request form.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_params_map};
use shared_types::{CreateTicketRequest, Priority, ServiceItem, ServiceItemTemplate};

use crate::components::resource_view;
use crate::endpoints;
use crate::format::{kind_label, priority_label};
use crate::forms::{clear_on_change, errors_from, FieldErrors, FieldMessage, SchemaForm};
use crate::pages::catalog_markdown::Markdown;

/// Loads the item and its current form, then shows [`RequestForm`].
#[component]
pub fn RequestItem() -> impl IntoView {
    let params = use_params_map();
    let loaded = LocalResource::new(move || {
        let id = params.with(|p| p.get("itemId").unwrap_or_default());
        endpoints::service_item_with_form(id)
    });
    view! {
        <p class="crumb"><a href="/catalog">"← Catalog"</a></p>
        {resource_view(loaded, |(item, template)| view! { <RequestForm item template /> })}
    }
}

/// "45 min", "4 h", "2 days".
pub fn duration(minutes: i32) -> String {
    match minutes {
        m if m < 60 => format!("{m} min"),
        m if m < 60 * 24 || m % (60 * 24) != 0 => format!("{} h", m / 60),
        m => format!("{} days", m / (60 * 24)),
    }
}

/// Where an approval step looks for its approver, as a phrase after the role.
pub fn scope_label(scope: shared_types::UnitScope) -> &'static str {
    use shared_types::UnitScope;
    match scope {
        UnitScope::Same => "of your unit",
        UnitScope::Parent => "of the unit above yours",
        UnitScope::Department => "in your department",
        UnitScope::Any => "(anyone with that role)",
    }
}

fn about(item: &ServiceItem) -> impl IntoView {
    let approval = if item.requires_approval {
        "Needs approval before work starts; you will see the decision on the request."
    } else {
        "No approval needed: it goes straight to the team."
    };
    let steps = item.requires_approval.then(|| {
        let steps = item
            .approval_rules
            .iter()
            .map(|r| {
                let who = format!(
                    "{} {}{}",
                    crate::auth::role_label(r.approver_role),
                    scope_label(r.unit_scope),
                    if r.is_required { "" } else { " (optional)" }
                );
                view! { <li>{who}</li> }
            })
            .collect_view();
        view! { <dt>"Approvers"</dt><dd><ol class="steps">{steps}</ol></dd> }
    });
    view! {
        <aside class="card about">
            <h2>"About this service"</h2>
            <dl class="kv">
                <dt>"Category"</dt><dd>{item.category_name.clone()}</dd>
                <dt>"Type"</dt><dd>{kind_label(item.kind)}</dd>
                <dt>"Approval"</dt><dd>{approval}</dd>
                {steps}
                {item.fulfilment_unit_name.clone().map(|u| view! { <dt>"Handled by"</dt><dd>{u}</dd> })}
                {item.response_target_minutes.map(|m| view! { <dt>"First response"</dt><dd>{format!("within {}", duration(m))}</dd> })}
                {item.resolution_target_minutes.map(|m| view! { <dt>"Resolution"</dt><dd>{format!("within {}", duration(m))}</dd> })}
            </dl>
        </aside>
    }
}

/// Title, description, priority and the item's schema fields; checks them with
/// `shared_types::forms::check` before `POST /tickets`, then opens the new ticket.
#[component]
fn RequestForm(item: ServiceItem, template: ServiceItemTemplate) -> impl IntoView {
    let navigate = use_navigate();
    let form = SchemaForm::new(&template.schema);
    let title = RwSignal::new(item.name.clone());
    let description = RwSignal::new(String::new());
    let priority = RwSignal::new(item.default_priority);
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let item_id = item.id;
    let fields = form.fields();
    let schema_inputs = form.view(errors);
    clear_on_change(errors, "title".into(), move || title.track());

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let data = form.data();
        let mut found = errors_from(&shared_types::forms::check(&fields, &data));
        if title.with_untracked(|t| t.trim().is_empty()) {
            found.insert("title".into(), shared_types::forms::required_message("Title"));
        }
        let invalid = !found.is_empty();
        errors.set(found);
        if invalid {
            failure.set(Some("Some fields need your attention.".into()));
            return;
        }
        failure.set(None);
        busy.set(true);
        let request = CreateTicketRequest {
            service_item_id: Some(item_id),
            title: title.get_untracked().trim().to_owned(),
            description: description.get_untracked().trim().to_owned(),
            priority: Some(priority.get_untracked()),
            form_data: data,
        };
        let navigate = navigate.clone();
        spawn_local(async move {
            match endpoints::create_ticket(request).await {
                Ok(ticket) => navigate(&format!("/tickets/{}", ticket.id), Default::default()),
                Err(f) => {
                    errors.set(errors_from(&f.details));
                    failure.set(Some(f.message));
                    busy.set(false);
                }
            }
        });
    };

    let priority_options = Priority::ALL
        .into_iter()
        .map(|p| view! { <option value=p.as_str() selected=move || priority.get() == p>{priority_label(p)}</option> })
        .collect_view();

    view! {
        <header class="page-head">
            <h1>{item.name.clone()}</h1>
            <Markdown text=item.description.clone() />
        </header>
        <div class="two-col">
            <form class="card request-form" on:submit=on_submit novalidate>
                <div class="field">
                    <label for="title">"Title"<span class="req" aria-hidden="true">" *"</span></label>
                    <input id="title" type="text" required maxlength="200" bind:value=title
                        aria-describedby="title-error" aria-invalid=move || errors.with(|e| e.contains_key("title")).to_string() />
                    <FieldMessage errors path="title" id="title-error" />
                </div>
                <div class="field">
                    <label for="description">"Description"</label>
                    <p class="help" id="description-help">"Anything the team should know."</p>
                    <textarea id="description" rows="4" bind:value=description aria-describedby="description-help description-error"></textarea>
                    <FieldMessage errors path="description" id="description-error" />
                </div>
                <div class="field">
                    <label for="priority">"Priority"</label>
                    <select id="priority" aria-describedby="priority-error" on:change=move |ev| {
                        if let Some(p) = Priority::parse(&event_target_value(&ev)) {
                            priority.set(p);
                        }
                    }>
                        {priority_options}
                    </select>
                    <FieldMessage errors path="priority" id="priority-error" />
                </div>
                <div class="schema-fields">{schema_inputs}</div>
                <div class="form-error" role="alert" aria-live="assertive">
                    {move || failure.get().map(|m| view! { <p>{m}</p> })}
                </div>
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled=move || busy.get()>
                        {move || if busy.get() { "Submitting…" } else { "Submit request" }}
                    </button>
                    <a class="btn btn-quiet" href="/catalog">"Back to catalog"</a>
                </div>
            </form>
            {about(&item)}
        </div>
    }
}
