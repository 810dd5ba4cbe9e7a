//! Forms: the schema form renderer (a service item's JSON Schema as inputs) and the
//! plain labelled inputs of the account and admin screens.
//!
//! Messages are keyed by the API's field paths: `title`, `description`, `priority` for
//! the ticket itself and `formData.<name>` for schema fields, so the client-side check
//! and the server's `error.details` land in the same place.
//!
//! # The schema form renderer
//!
//! It renders every field kind of [`shared_types::forms`] (whose module docs define the
//! supported schema subset): text, text area, e-mail, web address, date, date and
//! time (a local `datetime-local` input, sent as UTC RFC 3339), integer and number
//! (with bounds), checkbox, select (with `oneOf` labels), multi-select (a group of
//! checkboxes), a user picker (a search box over `GET /users/lookup?q=`, storing the
//! chosen person's id) and a unit picker (a select of `GET /units`, indented by depth).
//! Labels and help come from `title`/`description`; every input has a real `<label>`
//! (or a `<fieldset>`/`<legend>`), `aria-describedby` naming its help and message, and
//! `aria-invalid`; messages are in an `aria-live` region. Conditional fields appear and
//! disappear as the data changes; hidden ones keep what was typed but are left out of
//! `formData`; the required marker follows the conditions too.
//!
//! Public API (stable; the request page and the catalog editor's preview use it):
//! - [`FormView`]`(schema: Value, data: RwSignal<Value>, errors: RwSignal<FieldErrors>)`:
//!   the inputs. `data` is read once when mounted as the initial values (e.g. a sample
//!   submission) and then kept equal to the `formData` the inputs make; remount (e.g.
//!   render it inside `move || …` of the schema) to show another schema or other
//!   values. `errors` holds the messages shown beside the fields: put the client check
//!   or the server's `error.details` (via [`errors_from`]) there; a field's message
//!   goes away as soon as it is edited.
//! - [`check_form`]`(schema, data) -> FieldErrors`: the shared client check
//!   ([`shared_types::forms::check`]); empty when the data may be submitted.
//! - [`SchemaForm`]: the lower-level form state (`new`, `with_data`, `fields`, `data`,
//!   `view`) that [`FormView`] is made of.

use std::collections::BTreeMap;

use leptos::prelude::*;
use serde_json::Value;
use shared_types::FieldError;

mod fields;
mod inputs;
mod pickers;
mod values;

pub use fields::{check_new_password, check_rules, require, FormError, TextField};
pub use inputs::FieldMessage;
pub use values::SchemaForm;
pub(crate) use values::Slot;

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

/// The client-side check of `data` against the form `schema`: one message per failing
/// shown field, keyed `formData.<name>`, the same text the API returns.
pub fn check_form(schema: &Value, data: &Value) -> FieldErrors {
    errors_from(&shared_types::forms::check(&shared_types::forms::fields(schema), data))
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

impl SchemaForm {
    /// The inputs, one block per field, shown and marked required as the data
    /// demands, with messages from `errors`.
    pub fn view(&self, errors: RwSignal<FieldErrors>) -> impl IntoView {
        let form = self.clone();
        let data = Memo::new(move |_| form.data_tracked());
        self.fields.iter().map(|(field, slot)| inputs::field_view(field.clone(), *slot, errors, data)).collect_view()
    }
}

/// A service item's form: the inputs of `schema`, writing `formData` into `data` and
/// showing the messages of `errors` beside the fields (see the module docs).
#[component]
pub fn FormView(
    /// The form's JSON Schema.
    schema: Value,
    /// In: initial values (read once); out: the current `formData`.
    data: RwSignal<Value>,
    /// Messages per field path (`formData.<name>`), from [`check_form`] or the server.
    errors: RwSignal<FieldErrors>,
) -> impl IntoView {
    let form = SchemaForm::with_data(&schema, &data.get_untracked());
    let source = form.clone();
    Effect::new(move |_| {
        let now = source.data_tracked();
        if data.with_untracked(|d| d != &now) {
            data.set(now);
        }
    });
    view! { <div class="schema-fields">{form.view(errors)}</div> }
}

#[cfg(test)]
mod tests;
