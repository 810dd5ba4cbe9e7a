//! The inputs of one schema field: label, help, control and message, wired for
//! screen readers (`for`, `aria-describedby`, `aria-invalid`).

use leptos::prelude::*;
use shared_types::forms::{FieldKind, FormField};

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
        <p class="field-error" id=id hidden=move || message.with(Option::is_none)>
            {move || message.get().unwrap_or_default()}
        </p>
    }
}

/// Label text with a required marker hidden from the accessible name.
fn label_body(field: &FormField) -> impl IntoView {
    view! {
        {field.label.clone()}
        {field.required.then(|| view! { <span class="req" aria-hidden="true">" *"</span> })}
    }
}

pub(super) fn field_view(field: FormField, slot: Slot, errors: RwSignal<FieldErrors>) -> AnyView {
    let id = dom_id(&field.name);
    let path = format!("formData.{}", field.name);
    clear_on_change(errors, path.clone(), move || slot.track());
    let error_id = format!("{id}-error");
    let help_id = format!("{id}-help");
    let described = format!("{help_id} {error_id}");
    let invalid = {
        let path = path.clone();
        move || errors.with(|e| e.contains_key(&path)).to_string()
    };
    let help = field.help.clone().map(|h| view! { <p class="help" id=help_id.clone()>{h}</p> });
    let message = view! { <FieldMessage errors path=path.clone() id=error_id.clone() /> };
    let required = field.required;
    let input = match (slot, field.kind.clone()) {
        (Slot::Flag(value), _) => {
            return view! {
                <div class="field field-check">
                    <label class="check">
                        <input type="checkbox" id=id.clone() name=field.name.clone() required=required
                            prop:checked=move || value.get()
                            on:change=move |ev| value.set(event_target_checked(&ev))
                            aria-describedby=described aria-invalid=invalid />
                        {label_body(&field)}
                    </label>
                    {help}
                    {message}
                </div>
            }
            .into_any();
        }
        (Slot::Many(values), _) => {
            let boxes = field
                .options
                .iter()
                .enumerate()
                .map(|(i, option)| {
                    let option = option.clone();
                    let checked = {
                        let o = option.clone();
                        move || values.with(|v| v.contains(&o))
                    };
                    let toggle = {
                        let o = option.clone();
                        move |ev| {
                            let on = event_target_checked(&ev);
                            values.update(|v| {
                                v.retain(|x| x != &o);
                                if on {
                                    v.push(o.clone());
                                }
                            });
                        }
                    };
                    view! {
                        <label class="check">
                            <input type="checkbox" id=format!("{id}-{i}") name=field.name.clone() value=option.clone()
                                required=required prop:checked=checked on:change=toggle />
                            {option.clone()}
                        </label>
                    }
                })
                .collect_view();
            return view! {
                <fieldset class="field field-group" id=id.clone() aria-describedby=described aria-invalid=invalid>
                    <legend>{label_body(&field)}</legend>
                    {help}
                    <div class="check-list">{boxes}</div>
                    {message}
                </fieldset>
            }
            .into_any();
        }
        (Slot::Text(value), FieldKind::Select) => {
            let options = field.options.iter().map(|option| {
                let o = option.clone();
                view! { <option value=option.clone() selected=move || value.with(|v| v == &o)>{option.clone()}</option> }
            }).collect_view();
            view! {
                <select id=id.clone() name=field.name.clone() required=required
                    on:change=move |ev| value.set(event_target_value(&ev))
                    aria-describedby=described aria-invalid=invalid>
                    <option value="" selected=move || value.with(String::is_empty)>"Choose…"</option>
                    {options}
                </select>
            }
            .into_any()
        }
        (Slot::Text(value), FieldKind::TextArea) => view! {
            <textarea id=id.clone() name=field.name.clone() required=required rows="4"
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))
                aria-describedby=described aria-invalid=invalid></textarea>
        }
        .into_any(),
        (Slot::Text(value), kind) => {
            let (input_type, step) = match kind {
                FieldKind::Email => ("email", None),
                FieldKind::Integer => ("number", Some("1")),
                FieldKind::Number => ("number", Some("any")),
                FieldKind::Date => ("date", None),
                _ => ("text", None),
            };
            view! {
                <input type=input_type id=id.clone() name=field.name.clone() required=required step=step
                    min=field.minimum.map(|m| m.to_string()) max=field.maximum.map(|m| m.to_string())
                    maxlength=field.max_length.map(|m| m.to_string())
                    prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))
                    aria-describedby=described aria-invalid=invalid />
            }
            .into_any()
        }
    };
    view! {
        <div class="field">
            <label for=id>{label_body(&field)}</label>
            {help}
            {input}
            {message}
        </div>
    }
    .into_any()
}
