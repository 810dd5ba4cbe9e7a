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

mod fields;
mod inputs;

pub use fields::{check_new_password, require, FormError, TextField};
use inputs::field_view;
pub use inputs::FieldMessage;

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
pub(crate) enum Slot {
    Text(RwSignal<String>),
    Flag(RwSignal<bool>),
    Many(RwSignal<Vec<String>>),
}

impl Slot {
    pub(crate) fn track(&self) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn form() -> SchemaForm {
        SchemaForm::new(&json!({
            "type": "object",
            "required": ["model"],
            "properties": {
                "model": {"type": "string", "enum": ["14-inch", "16-inch"], "title": "Model"},
                "count": {"type": "integer", "title": "Count"},
                "extras": {"type": "array", "items": {"enum": ["Dock", "Bag"]}, "title": "Extras"},
                "dock": {"type": "boolean", "title": "Dock"},
                "notes": {"type": "string", "title": "Notes"}
            }
        }))
    }

    fn set(form: &SchemaForm, name: &str, value: &str) {
        for (field, slot) in &form.fields {
            if field.name == name {
                match slot {
                    Slot::Text(v) => v.set(value.to_owned()),
                    Slot::Flag(v) => v.set(value == "true"),
                    Slot::Many(v) => v.set(vec![value.to_owned()]),
                }
            }
        }
    }

    #[test]
    fn empty_text_is_left_out_and_numbers_are_numbers() {
        let form = form();
        assert_eq!(form.data(), json!({"extras": [], "dock": false}));
        set(&form, "model", "16-inch");
        set(&form, "count", "2");
        set(&form, "extras", "Dock");
        set(&form, "notes", "  ");
        assert_eq!(form.data(), json!({"model": "16-inch", "count": 2, "extras": ["Dock"], "dock": false}));
    }

    #[test]
    fn unparsable_numbers_stay_text_so_the_check_reports_them() {
        let form = form();
        set(&form, "model", "14-inch");
        set(&form, "count", "two");
        let errors = shared_types::forms::check(&form.fields(), &form.data());
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "formData.count");
        assert_eq!(errors_from(&errors).get("formData.count").map(String::as_str), Some("Count must be a number"));
    }
}
