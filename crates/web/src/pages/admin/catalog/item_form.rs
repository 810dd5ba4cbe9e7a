//! An item's details: name, Markdown description (with a preview), kind, category,
//! fulfilment unit, default priority, SLA targets, approval and its steps, keywords and
//! the active flag. Creating one opens its editor, where the form is built.

use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use shared_types::{Category, ItemKind, Priority, ServiceItemAdmin, ServiceItemInput, Unit};
use uuid::Uuid;

use super::categories::category_options;
use super::rules::RuleEditor;
use crate::components::Tone;
use crate::endpoints;
use crate::format::{kind_label, priority_label};
use crate::forms::{errors_from, require, FieldErrors, FieldMessage, FormError, TextField};
use crate::pages::admin::unit_tree::unit_options;
use crate::pages::admin::users::NoticeSignal;
use crate::pages::catalog_markdown::Markdown;

/// Minutes typed into a box: blank is none; else a positive whole number (`Err` with
/// the message otherwise).
pub fn minutes(text: &str) -> Result<Option<i32>, &'static str> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse::<i32>().ok().filter(|m| *m > 0).map(Some).ok_or("Enter a whole number of minutes above 0")
}

/// "vpn, remote access , " → ["vpn", "remote access"].
pub fn keywords(text: &str) -> Vec<String> {
    text.split(',').map(str::trim).filter(|k| !k.is_empty()).map(str::to_owned).collect()
}

/// The details form of `item` (`None` for a new one).
#[component]
pub fn ItemForm(
    item: Option<ServiceItemAdmin>,
    categories: Vec<Category>,
    units: Vec<Unit>,
    notice: NoticeSignal,
) -> impl IntoView {
    let navigate = use_navigate();
    let editing = item.as_ref().map(|i| i.id);
    let i = item.clone();
    let text = |f: fn(&ServiceItemAdmin) -> String| RwSignal::new(i.as_ref().map(f).unwrap_or_default());
    let name = text(|i| i.name.clone());
    let description = text(|i| i.description.clone());
    let category = RwSignal::new(i.as_ref().map(|i| i.category_id.to_string()).unwrap_or_default());
    let unit = text(|i| i.fulfilment_unit_id.map(|u| u.to_string()).unwrap_or_default());
    let response = text(|i| i.response_target_minutes.map(|m| m.to_string()).unwrap_or_default());
    let resolution = text(|i| i.resolution_target_minutes.map(|m| m.to_string()).unwrap_or_default());
    let keyword_text = text(|i| i.keywords.join(", "));
    let position = text(|i| i.position.to_string());
    let kind = RwSignal::new(i.as_ref().map_or(ItemKind::Request, |i| i.kind));
    let priority = RwSignal::new(i.as_ref().map_or(Priority::Medium, |i| i.default_priority));
    let approval = RwSignal::new(i.as_ref().is_some_and(|i| i.requires_approval));
    let rules = RwSignal::new(i.as_ref().map(|i| i.approval_rules.clone()).unwrap_or_default());
    let active = RwSignal::new(i.as_ref().is_none_or(|i| i.is_active));
    let preview = RwSignal::new(false);
    let errors = RwSignal::new(FieldErrors::new());
    let failure = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let mut found = FieldErrors::new();
        require(&mut found, "name", &name.get_untracked(), "Enter the service's name");
        let category_id = category.with_untracked(|c| Uuid::parse_str(c).ok());
        if category_id.is_none() {
            found.insert("categoryId".into(), "Choose a category".into());
        }
        let response_minutes = minutes(&response.get_untracked());
        if let Err(m) = response_minutes {
            found.insert("responseTargetMinutes".into(), m.into());
        }
        let resolution_minutes = minutes(&resolution.get_untracked());
        if let Err(m) = resolution_minutes {
            found.insert("resolutionTargetMinutes".into(), m.into());
        }
        let steps = rules.get_untracked();
        if approval.get_untracked() && !steps.iter().any(|r| r.is_required) {
            found.insert("approvalRules".into(), "Add at least one required approval step".into());
        }
        failure.set(None);
        let ok = found.is_empty();
        errors.set(found);
        let (Some(category_id), true) = (category_id, ok) else {
            failure.set(Some("Some fields need your attention.".into()));
            return;
        };
        if busy.get_untracked() {
            return;
        }
        let mut steps = if approval.get_untracked() { steps } else { Vec::new() };
        super::rules::renumber(&mut steps);
        let input = ServiceItemInput {
            category_id,
            name: name.get_untracked().trim().to_owned(),
            description: description.get_untracked().trim().to_owned(),
            kind: kind.get_untracked(),
            default_priority: priority.get_untracked(),
            fulfilment_unit_id: unit.with_untracked(|u| Uuid::parse_str(u).ok()),
            response_target_minutes: response_minutes.unwrap_or(None),
            resolution_target_minutes: resolution_minutes.unwrap_or(None),
            requires_approval: approval.get_untracked(),
            approval_rules: steps,
            keywords: keywords(&keyword_text.get_untracked()),
            position: position.with_untracked(|p| p.trim().parse().unwrap_or(0)),
            is_active: active.get_untracked(),
        };
        busy.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            let result = match editing {
                Some(id) => endpoints::update_item(id, input).await,
                None => endpoints::create_item(input).await,
            };
            busy.set(false);
            match result {
                Ok(saved) => {
                    if editing.is_none() {
                        notice.set(Some((Tone::Success, format!("{} was created. Now build its form.", saved.name))));
                        navigate(&format!("/admin/catalog/items/{}", saved.id), Default::default());
                    } else {
                        notice.set(Some((Tone::Success, format!("{} was saved.", saved.name))));
                    }
                }
                Err(f) => {
                    errors.set(errors_from(&f.details));
                    failure.set(Some(f.message));
                }
            }
        });
    };

    let kind_options = [ItemKind::Request, ItemKind::Incident]
        .into_iter()
        .map(|k| view! { <option value=kind_label(k) selected=move || kind.get() == k>{kind_label(k)}</option> })
        .collect_view();
    let priority_options = Priority::ALL
        .into_iter()
        .map(|p| view! { <option value=p.as_str() selected=move || priority.get() == p>{priority_label(p)}</option> })
        .collect_view();
    let title = item.as_ref().map_or("New service item".to_owned(), |i| format!("{} — details", i.name));
    let select = |id: &'static str, label: &'static str, path: &'static str, body: AnyView| {
        view! {
            <div class="field">
                <label for=id>{label}</label>
                {body}
                <FieldMessage errors path id=format!("{id}-error") />
            </div>
        }
    };
    view! {
        <section class="card form-card" aria-labelledby="item-form-title">
            <h2 id="item-form-title">{title}</h2>
            <form class="item-form" on:submit=on_submit novalidate>
                <TextField id="item-name" label="Name" value=name errors path="name" required=true />
                <div class="field">
                    <div class="label-row">
                        <label for="item-description">"Description (Markdown)"</label>
                        <button type="button" class="btn btn-small btn-quiet" aria-pressed=move || preview.get().to_string()
                            on:click=move |_| preview.update(|p| *p = !*p)>
                            {move || if preview.get() { "Edit text" } else { "Preview" }}
                        </button>
                    </div>
                    {move || if preview.get() {
                        view! { <div class="markdown-preview" aria-label="Description preview"><Markdown text=description.get() /></div> }.into_any()
                    } else {
                        view! { <textarea id="item-description" rows="5" bind:value=description aria-describedby="item-description-error"></textarea> }.into_any()
                    }}
                    <FieldMessage errors path="description" id="item-description-error" />
                </div>
                <div class="field-row">
                    {select("item-kind", "Type", "kind", view! {
                        <select id="item-kind" on:change=move |ev| kind.set(if event_target_value(&ev) == "Incident" { ItemKind::Incident } else { ItemKind::Request })>{kind_options}</select>
                    }.into_any())}
                    {select("item-category", "Category", "categoryId", view! {
                        <select id="item-category" aria-describedby="item-category-error" on:change=move |ev| category.set(event_target_value(&ev))>
                            <option value="" selected=move || category.with(String::is_empty)>"Choose…"</option>
                            {category_options(&categories, category, &Default::default())}
                        </select>
                    }.into_any())}
                </div>
                <div class="field-row">
                    {select("item-unit", "Fulfilment unit", "fulfilmentUnitId", view! {
                        <select id="item-unit" aria-describedby="item-unit-error" on:change=move |ev| unit.set(event_target_value(&ev))>
                            <option value="" selected=move || unit.with(String::is_empty)>"None (service desk)"</option>
                            {unit_options(&units, unit, &Default::default())}
                        </select>
                    }.into_any())}
                    {select("item-priority", "Default priority", "defaultPriority", view! {
                        <select id="item-priority" on:change=move |ev| if let Some(p) = Priority::parse(&event_target_value(&ev)) { priority.set(p) }>{priority_options}</select>
                    }.into_any())}
                </div>
                <div class="field-row">
                    <TextField id="item-response" label="First response target (minutes)" value=response errors path="responseTargetMinutes" input_type="number" />
                    <TextField id="item-resolution" label="Resolution target (minutes)" value=resolution errors path="resolutionTargetMinutes" input_type="number" />
                </div>
                <TextField id="item-keywords" label="Keywords" value=keyword_text errors path="keywords" help="Comma-separated words people may search for." />
                <TextField id="item-position" label="Position" value=position errors path="position" input_type="number" />
                <label class="check"><input type="checkbox" bind:checked=active />"Active (requesters can see it)"</label>
                <label class="check"><input type="checkbox" bind:checked=approval />"Requires approval"</label>
                <Show when=move || approval.get()>
                    <RuleEditor rules />
                </Show>
                <FieldMessage errors path="approvalRules" id="item-rules-error" />
                <FormError message=failure />
                <div class="form-actions">
                    <button type="submit" class="btn btn-primary" disabled=move || busy.get()>
                        {if editing.is_some() { "Save details" } else { "Create service item" }}
                    </button>
                </div>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minutes_and_keywords() {
        assert_eq!(minutes(" "), Ok(None));
        assert_eq!(minutes("240"), Ok(Some(240)));
        assert!(minutes("0").is_err());
        assert!(minutes("1.5").is_err());
        assert_eq!(keywords("vpn, remote access , ,"), vec!["vpn".to_owned(), "remote access".to_owned()]);
    }
}
