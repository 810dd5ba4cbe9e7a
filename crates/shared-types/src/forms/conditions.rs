//! Which fields are shown and required for the data typed so far. Conditions follow
//! JSON Schema's own semantics (a property is "present" when its key is in the data),
//! so the SPA and the `jsonschema` validator in the API agree.

use serde_json::Value;

use super::read::names;
use super::FormField;

/// The `if` of a conditional rule, in the supported shape: every property in
/// `required` is present and every tested property that is present equals one of its
/// allowed values.
#[derive(Debug, Clone, PartialEq)]
pub struct IfTest {
    /// The `if`'s `required`.
    pub required: Vec<String>,
    /// Tested property and its allowed values (`const` → one, `enum` → several).
    pub tests: Vec<(String, Vec<Value>)>,
}

impl IfTest {
    /// Reads an `if` schema (tolerant: other keywords are ignored; lint refuses them).
    pub fn read(schema: &Value) -> Self {
        let required = names(schema.get("required")).into_iter().map(str::to_owned).collect();
        let tests = schema
            .get("properties")
            .and_then(Value::as_object)
            .map(|props| {
                props
                    .iter()
                    .map(|(name, t)| {
                        let allowed = match (t.get("const"), t.get("enum").and_then(Value::as_array)) {
                            (Some(c), _) => vec![c.clone()],
                            (None, Some(e)) => e.clone(),
                            (None, None) => Vec::new(),
                        };
                        (name.clone(), allowed)
                    })
                    .collect()
            })
            .unwrap_or_default();
        Self { required, tests }
    }

    /// Whether the `if` holds for `data` (a non-object passes, as in JSON Schema).
    pub fn holds(&self, data: &Value) -> bool {
        let Some(obj) = data.as_object() else { return true };
        self.required.iter().all(|r| obj.contains_key(r))
            && self.tests.iter().all(|(name, allowed)| match obj.get(name) {
                None => true,
                Some(v) => allowed.iter().any(|a| json_eq(a, v)),
            })
    }
}

/// When a conditional part of a schema applies.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// A `then` (`holds: true`) or `else` (`holds: false`) of this `if`.
    If { test: IfTest, holds: bool },
    /// A `dependentRequired`/`dependentSchemas` entry: this property is present.
    Present(String),
}

impl Condition {
    /// Whether the condition holds for `data`.
    pub fn holds(&self, data: &Value) -> bool {
        match self {
            Condition::If { test, holds } => test.holds(data) == *holds,
            Condition::Present(name) => data.get(name).is_some(),
        }
    }
}

/// JSON equality with numbers compared by value (`1` equals `1.0`), as JSON Schema does.
fn json_eq(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        _ => a == b,
    }
}

/// Whether one field is shown and required for the current data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldState {
    /// The field's name (its key in `formData`).
    pub name: String,
    /// Shown: a top-level property, or one of its conditions holds.
    pub visible: bool,
    /// Shown and required (always, or by a condition that holds).
    pub required: bool,
}

impl FormField {
    /// Whether the field is shown for `data`.
    pub fn is_visible(&self, data: &Value) -> bool {
        self.shown_when.as_ref().is_none_or(|c| c.iter().any(|c| c.holds(data)))
    }

    /// Whether the field is required for `data` (never while hidden).
    pub fn is_required(&self, data: &Value) -> bool {
        self.is_visible(data) && (self.required || self.required_when.iter().any(|c| c.holds(data)))
    }
}

/// The visibility and requirement of every field of `fields` for `data`, in field order.
pub fn state(fields: &[FormField], data: &Value) -> Vec<FieldState> {
    fields
        .iter()
        .map(|f| FieldState { name: f.name.clone(), visible: f.is_visible(data), required: f.is_required(data) })
        .collect()
}
