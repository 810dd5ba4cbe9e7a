//! The inputs of one schema field: label, help, control and message, wired for
//! screen readers (`for`, `aria-describedby`, `aria-invalid`, `aria-required`), shown
//! only while the field's condition holds.

use leptos::prelude::*;
use serde_json::Value;
use shared_types::forms::{FieldKind, FormField};

use super::pickers::{unit_picker, user_picker};
use super::{clear_on_change, FieldErrors, Slot};

/// A DOM id for a field name (letters, digits, `-` and `_` only).
fn dom_id(name: &str) -> String {
    let safe: String = name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' { c } else { '_' }).collect();
    format!("fd-{safe}")
}

/// The message under a field; `id` is what the input's `aria-describedby` names.
#[component]
pub fn FieldMessage(
    errors: RwSignal<FieldErrors>,
    #[prop(into)] path: String,
    #[prop(into)] id: String,
) -> impl IntoView {
    let message = Memo::new(move |_| errors.with(|e| e.get(&path).cloned()));
    view! {
        <p class="field-error" id=id aria-live="polite" hidden=move || message.with(Option::is_none)>
            {move || message.get().unwrap_or_default()}
        </p>
    }
}

/// How one field's control is wired: its id, what describes it, and live state.
#[derive(Clone)]
pub(super) struct Wiring {
    pub id: String,
    pub described: String,
    pub invalid: Signal<String>,
    pub required: Signal<bool>,
}

/// Label text with a required marker (live) hidden from the accessible name.
fn label_body(label: String, required: Signal<bool>) -> impl IntoView {
    view! {
        {label}
        {move || required.get().then(|| view! { <span class="req" aria-hidden="true">" *"</span> })}
    }
}

pub(super) fn field_view(field: FormField, slot: Slot, errors: RwSignal<FieldErrors>, data: Memo<Value>) -> AnyView {
    let id = dom_id(&field.name);
    let path = format!("formData.{}", field.name);
    clear_on_change(errors, path.clone(), move || slot.track());
    let (error_id, help_id) = (format!("{id}-error"), format!("{id}-help"));
    let described = if field.help.is_some() { format!("{help_id} {error_id}") } else { error_id.clone() };
    let invalid = {
        let path = path.clone();
        Signal::derive(move || errors.with(|e| e.contains_key(&path)).to_string())
    };
    let shown = {
        let f = field.clone();
        Memo::new(move |_| data.with(|d| f.is_visible(d)))
    };
    let required = {
        let f = field.clone();
        Signal::derive(move || data.with(|d| f.is_required(d)))
    };
    let w = Wiring { id: id.clone(), described, invalid, required };
    let help = field.help.clone().map(|h| view! { <p class="help" id=help_id>{h}</p> });
    let message = view! { <FieldMessage errors path id=error_id /> };
    let label = field.label.clone();
    let body = match slot {
        Slot::Flag(value) => view! {
            <label class="check">
                <input type="checkbox" id=w.id.clone() name=field.name.clone() aria-required=move || required.get().to_string()
                    prop:checked=move || value.get() on:change=move |ev| value.set(event_target_checked(&ev))
                    aria-describedby=w.described.clone() aria-invalid=invalid />
                {label_body(label, required)}
            </label>
            {help}
            {message}
        }
        .into_any(),
        Slot::Many(values) => view! {
            <fieldset class="field-group" id=w.id.clone() aria-describedby=w.described.clone() aria-invalid=invalid>
                <legend>{label_body(label, required)}</legend>
                {help}
                <div class="check-list">{choices(&field, &w.id, values)}</div>
                {message}
            </fieldset>
        }
        .into_any(),
        Slot::Text(value) => {
            let control = text_control(&field, &w, value);
            view! {
                <label for=w.id.clone()>{label_body(label, required)}</label>
                {help}
                {control}
                {message}
            }
            .into_any()
        }
    };
    let class = match slot {
        Slot::Flag(_) => "field field-check",
        _ => "field",
    };
    view! { <div class=class hidden=move || !shown.get()>{body}</div> }.into_any()
}

/// The checkboxes of a multi-select.
fn choices(field: &FormField, id: &str, values: RwSignal<Vec<String>>) -> impl IntoView {
    field
        .options
        .iter()
        .zip(&field.option_labels)
        .enumerate()
        .map(|(i, (option, label))| {
            let o = option.clone();
            let checked = move || values.with(|v| v.contains(&o));
            let o = option.clone();
            let toggle = move |ev| {
                let on = event_target_checked(&ev);
                values.update(|v| {
                    v.retain(|x| x != &o);
                    if on {
                        v.push(o.clone());
                    }
                });
            };
            view! {
                <label class="check">
                    <input type="checkbox" id=format!("{id}-{i}") name=field.name.clone() value=option.clone()
                        prop:checked=checked on:change=toggle />
                    {label.clone()}
                </label>
            }
        })
        .collect_view()
}

/// The control of a field whose value is text: input, text area, select or picker.
fn text_control(field: &FormField, w: &Wiring, value: RwSignal<String>) -> AnyView {
    let required = w.required;
    let aria_required = move || required.get().to_string();
    match field.kind {
        FieldKind::UserPicker => user_picker(field, w, value),
        FieldKind::UnitPicker => unit_picker(w, value),
        FieldKind::Select => {
            let options = field
                .options
                .iter()
                .zip(&field.option_labels)
                .map(|(option, label)| {
                    let o = option.clone();
                    view! { <option value=option.clone() selected=move || value.with(|v| v == &o)>{label.clone()}</option> }
                })
                .collect_view();
            view! {
                <select id=w.id.clone() name=field.name.clone() aria-required=aria_required
                    on:change=move |ev| value.set(event_target_value(&ev))
                    aria-describedby=w.described.clone() aria-invalid=w.invalid>
                    <option value="" selected=move || value.with(String::is_empty)>"Choose…"</option>
                    {options}
                </select>
            }
            .into_any()
        }
        FieldKind::TextArea => view! {
            <textarea id=w.id.clone() name=field.name.clone() aria-required=aria_required rows="4"
                maxlength=field.max_length.map(|m| m.to_string())
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))
                aria-describedby=w.described.clone() aria-invalid=w.invalid></textarea>
        }
        .into_any(),
        kind => {
            let (input_type, step, autocomplete) = match kind {
                FieldKind::Email => ("email", None, Some("email")),
                FieldKind::Uri => ("url", None, Some("url")),
                FieldKind::Integer => ("number", Some("1"), None),
                FieldKind::Number => ("number", Some("any"), None),
                FieldKind::Date => ("date", None, None),
                FieldKind::DateTime => ("datetime-local", None, None),
                _ => ("text", None, None),
            };
            let min = field.minimum.or(field.exclusive_minimum).map(|m| m.to_string());
            let max = field.maximum.or(field.exclusive_maximum).map(|m| m.to_string());
            view! {
                <input type=input_type id=w.id.clone() name=field.name.clone() aria-required=aria_required step=step
                    autocomplete=autocomplete min=min max=max maxlength=field.max_length.map(|m| m.to_string())
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))
                    aria-describedby=w.described.clone() aria-invalid=w.invalid />
            }
            .into_any()
        }
    }
}
