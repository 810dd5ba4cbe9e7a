//! A ticket's `formData` shown with the labels of the form version it was filed under
//! (`GET /service-items/{id}/template?version=N`), so later edits of the form never
//! change how an old ticket reads. Until that loads, or if it cannot, keys are shown
//! humanised.

use leptos::prelude::*;
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::endpoints;
use crate::format::{humanize_key, value_text};

/// (label, value) rows: the schema's fields in its order (option labels for choices),
/// then any key the schema does not know. Empty values are left out.
pub fn rows(schema: Option<&Value>, data: &Map<String, Value>) -> Vec<(String, String)> {
    let fields = schema.map(shared_types::forms::fields).unwrap_or_default();
    let mut out = Vec::new();
    for f in &fields {
        let Some(v) = data.get(&f.name).filter(|v| !shared_types::forms::is_empty(Some(v))) else { continue };
        let text = match v {
            Value::String(s) => f.option_label(s).to_owned(),
            Value::Array(items) => items
                .iter()
                .map(|i| i.as_str().map_or_else(|| value_text(i), |s| f.option_label(s).to_owned()))
                .collect::<Vec<_>>()
                .join(", "),
            other => value_text(other),
        };
        out.push((f.label.clone(), text));
    }
    for (key, v) in data {
        if !fields.iter().any(|f| &f.name == key) {
            out.push((humanize_key(key), value_text(v)));
        }
    }
    out
}

/// "Request details": the ticket's form data, labelled by its form version.
#[component]
pub fn FormDataDetails(item_id: Option<Uuid>, version: Option<i32>, data: Value) -> impl IntoView {
    let data = data.as_object().cloned().unwrap_or_default();
    if data.is_empty() {
        return ().into_any();
    }
    let schema = LocalResource::new(move || async move {
        match (item_id, version) {
            (Some(item), Some(v)) => endpoints::template(item, Some(v)).await.ok().map(|t| t.schema),
            _ => None,
        }
    });
    view! {
        <section class="card" aria-labelledby="form-data-title">
            <h2 id="form-data-title">"Request details"</h2>
            <dl class="kv">
                {move || {
                    let loaded = schema.get().flatten();
                    rows(loaded.as_ref(), &data)
                        .into_iter()
                        .map(|(label, text)| view! { <dt>{label}</dt><dd>{text}</dd> })
                        .collect_view()
                }}
            </dl>
            {version.map(|v| view! { <p class="muted">{format!("Form version {v}")}</p> })}
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn labels_come_from_the_schema_and_unknown_keys_are_humanised() {
        let schema = json!({
            "type": "object",
            "properties": {
                "model": {"type": "string", "title": "Model", "oneOf": [{"const": "m14", "title": "14-inch"}]},
                "dock": {"type": "boolean", "title": "Docking station"}
            }
        });
        let data = json!({"dock": true, "model": "m14", "old_field": "x", "empty": ""});
        let rows = rows(Some(&schema), data.as_object().unwrap());
        assert_eq!(
            rows,
            vec![
                ("Model".to_owned(), "14-inch".to_owned()),
                ("Docking station".to_owned(), "Yes".to_owned()),
                ("Old field".to_owned(), "x".to_owned()),
                ("Empty".to_owned(), "—".to_owned()),
            ]
        );
    }
}
