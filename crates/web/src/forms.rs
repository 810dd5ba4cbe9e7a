//! Renders a service item's form schema (via `shared_types::forms::fields`) as inputs,
//! collects the typed values as `formData` JSON and shows per-field messages.
//!
//! Messages are keyed by the API's field paths: `title`, `description`, `priority` for
//! the ticket itself and `formData.<name>` for schema fields, so the client-side check
//! and the server's `details` land in the same place.

use std::collections::BTreeMap;

use leptos::prelude::*;
use serde_json::{Map, Number, Value};
use shared_types::forms::{FieldKind, FormField};
use shared_types::FieldError;

/// Messages per field path.
pub type FieldErrors = BTreeMap<String, String>;

/// Collects `details` into [`FieldErrors`] (first message per field wins).
pub fn errors_from(details: &[FieldError]) -> FieldErrors {
    let mut map = FieldErrors::new();
    for d in details {
        map.entry(d.field.clone()).or_insert_with(|| d.message.clone());
    }
    map
}

/// The current value of one field.
#[derive(Debug, Clone, Copy)]
enum Slot {
    Text(RwSignal<String>),
    Flag(RwSignal<bool>),
    Many(RwSignal<Vec<String>>),
}

impl Slot {
    fn track(&self) {
        match self {
            Slot::Text(v) => v.track(),
            Slot::Flag(v) => v.track(),
            Slot::Many(v) => v.track(),
        }
    }
}

/// Removes the message of `path` as soon as `value` changes (the person is fixing it).
pub fn clear_on_change(errors: RwSignal<FieldErrors>, path: String, value: impl Fn() + Send + Sync + 'static) {
    Effect::new(move |seen: Option<()>| {
        value();
        if seen.is_some() && errors.with_untracked(|e| e.contains_key(&path)) {
            errors.update(|e| {
                e.remove(&path);
            });
        }
    });
}

/// The fields of a schema and what has been typed into them.
#[derive(Debug, Clone)]
pub struct SchemaForm {
    fields: Vec<(FormField, Slot)>,
}

impl SchemaForm {
    /// Reads the schema's fields, all empty (checkboxes unticked).
    pub fn new(schema: &Value) -> Self {
        let fields = shared_types::forms::fields(schema)
            .into_iter()
            .map(|f| {
                let slot = match f.kind {
                    FieldKind::Checkbox => Slot::Flag(RwSignal::new(false)),
                    FieldKind::MultiSelect => Slot::Many(RwSignal::new(Vec::new())),
                    _ => Slot::Text(RwSignal::new(String::new())),
                };
                (f, slot)
            })
            .collect();
        Self { fields }
    }

    /// The schema's fields, for [`shared_types::forms::check`].
    pub fn fields(&self) -> Vec<FormField> {
        self.fields.iter().map(|(f, _)| f.clone()).collect()
    }

    /// `formData`: empty text is left out; numbers are sent as numbers when they parse
    /// (otherwise as text, so the check reports them).
    pub fn data(&self) -> Value {
        let mut map = Map::new();
        for (field, slot) in &self.fields {
            let value = match slot {
                Slot::Flag(v) => Value::Bool(v.get_untracked()),
                Slot::Many(v) => Value::Array(v.get_untracked().into_iter().map(Value::String).collect()),
                Slot::Text(v) => {
                    let text = v.get_untracked().trim().to_owned();
                    if text.is_empty() {
                        continue;
                    }
                    number_value(&field.kind, &text).unwrap_or(Value::String(text))
                }
            };
            map.insert(field.name.clone(), value);
        }
        Value::Object(map)
    }

    /// The inputs, one block per field, with messages from `errors`.
    pub fn view(&self, errors: RwSignal<FieldErrors>) -> impl IntoView {
        self.fields.iter().map(|(field, slot)| field_view(field.clone(), *slot, errors)).collect_view()
    }
}

fn number_value(kind: &FieldKind, text: &str) -> Option<Value> {
    match kind {
        FieldKind::Integer => text.parse::<i64>().ok().map(Value::from),
        FieldKind::Number => text.parse::<f64>().ok().and_then(Number::from_f64).map(Value::Number),
        _ => None,
    }
}

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

fn field_view(field: FormField, slot: Slot, errors: RwSignal<FieldErrors>) -> AnyView {
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
