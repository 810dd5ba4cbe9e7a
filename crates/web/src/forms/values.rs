//! What has been typed into a schema form, and the `formData` it makes.

use chrono::{DateTime, Local, NaiveDateTime, SecondsFormat, TimeZone, Utc};
use leptos::prelude::*;
use serde_json::{Map, Number, Value};
use shared_types::forms::{FieldKind, FormField};

/// The current value of one field.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Slot {
    /// Text as typed (numbers too; a date-time as `YYYY-MM-DDTHH:MM` local time).
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

    /// The value for `formData` (`None`: left out), read tracked or not.
    fn value(&self, kind: FieldKind, tracked: bool) -> Option<Value> {
        match self {
            Slot::Flag(v) => Some(Value::Bool(if tracked { v.get() } else { v.get_untracked() })),
            Slot::Many(v) => {
                let items = if tracked { v.get() } else { v.get_untracked() };
                (!items.is_empty()).then(|| Value::Array(items.into_iter().map(Value::String).collect()))
            }
            Slot::Text(v) => {
                let text = if tracked { v.get() } else { v.get_untracked() };
                let text = text.trim();
                (!text.is_empty()).then(|| typed_value(kind, text))
            }
        }
    }
}

/// Numbers as numbers and local date-times as RFC 3339 when they parse; otherwise the
/// text, so the check reports it.
fn typed_value(kind: FieldKind, text: &str) -> Value {
    let typed = match kind {
        FieldKind::Integer => text.parse::<i64>().ok().map(Value::from),
        FieldKind::Number => text.parse::<f64>().ok().and_then(Number::from_f64).map(Value::Number),
        FieldKind::DateTime => local_to_rfc3339(text).map(Value::String),
        _ => None,
    };
    typed.unwrap_or_else(|| Value::String(text.to_owned()))
}

/// `2026-12-01T09:30` (a `datetime-local` input, the browser's time zone) → UTC RFC 3339.
pub(crate) fn local_to_rfc3339(text: &str) -> Option<String> {
    let naive = NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M")
        .or_else(|_| NaiveDateTime::parse_from_str(text, "%Y-%m-%dT%H:%M:%S"))
        .ok()?;
    let local = Local.from_local_datetime(&naive).earliest()?;
    Some(local.with_timezone(&Utc).to_rfc3339_opts(SecondsFormat::Secs, true))
}

/// RFC 3339 → what a `datetime-local` input shows, in the browser's time zone.
pub(crate) fn rfc3339_to_local(text: &str) -> Option<String> {
    let at = DateTime::parse_from_rfc3339(text).ok()?;
    Some(at.with_timezone(&Local).format("%Y-%m-%dT%H:%M").to_string())
}

/// The fields of a schema and what has been typed into them. Cheap to clone (signals).
#[derive(Debug, Clone)]
pub struct SchemaForm {
    pub(crate) fields: Vec<(FormField, Slot)>,
}

impl SchemaForm {
    /// Reads the schema's fields, all empty (checkboxes unticked).
    pub fn new(schema: &Value) -> Self {
        Self::with_data(schema, &Value::Null)
    }

    /// Reads the schema's fields, filled from `data` (e.g. a sample submission).
    pub fn with_data(schema: &Value, data: &Value) -> Self {
        let fields = shared_types::forms::fields(schema)
            .into_iter()
            .map(|f| {
                let v = data.get(&f.name);
                let slot = match f.kind {
                    FieldKind::Checkbox => Slot::Flag(RwSignal::new(v.and_then(Value::as_bool).unwrap_or(false))),
                    FieldKind::MultiSelect => {
                        let items = v
                            .and_then(Value::as_array)
                            .map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect::<Vec<_>>());
                        Slot::Many(RwSignal::new(items.unwrap_or_default()))
                    }
                    kind => {
                        let text = match v {
                            None | Some(Value::Null) => String::new(),
                            Some(Value::String(s)) if kind == FieldKind::DateTime => {
                                rfc3339_to_local(s).unwrap_or_else(|| s.clone())
                            }
                            Some(Value::String(s)) => s.clone(),
                            Some(other) => other.to_string(),
                        };
                        Slot::Text(RwSignal::new(text))
                    }
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

    /// `formData`: the values of the fields shown for it (hidden conditional fields are
    /// left out); empty text and empty lists are left out, checkboxes always sent.
    pub fn data(&self) -> Value {
        self.collect(false)
    }

    /// [`Self::data`], read tracked (for memos and effects).
    pub fn data_tracked(&self) -> Value {
        self.collect(true)
    }

    fn collect(&self, tracked: bool) -> Value {
        let all: Vec<(&FormField, Option<Value>)> =
            self.fields.iter().map(|(f, slot)| (f, slot.value(f.kind, tracked))).collect();
        // Visibility depends on the data, and hidden values are not data: settle.
        let mut shown = vec![true; all.len()];
        for _ in 0..=all.len() {
            let data = pick(&all, &shown);
            let next: Vec<bool> = all.iter().map(|(f, _)| f.is_visible(&data)).collect();
            if next == shown {
                return data;
            }
            shown = next;
        }
        pick(&all, &shown)
    }
}

fn pick(all: &[(&FormField, Option<Value>)], shown: &[bool]) -> Value {
    let map: Map<String, Value> = all
        .iter()
        .zip(shown)
        .filter(|(_, s)| **s)
        .filter_map(|((f, v), _)| v.clone().map(|v| (f.name.clone(), v)))
        .collect();
    Value::Object(map)
}
