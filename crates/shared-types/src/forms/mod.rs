//! Request forms: a service item's form is one JSON Schema (2020-12) object schema. It
//! is the form the SPA renders, the validation the API applies and the documentation
//! third parties read. This module reads the subset below into [`FormField`]s, decides
//! which fields are shown and required for the data typed so far ([`state`]) and checks
//! data field by field ([`check`]) with messages a person understands; the API runs the
//! same check and validates the whole schema with the `jsonschema` crate as well.
//!
//! # The supported subset (the contract the catalog editor writes)
//!
//! [`lint`] refuses anything outside it, with the reason; the API refuses such a schema
//! at save time.
//!
//! **Top level**: `"type": "object"` (required), `properties`, `required`,
//! `additionalProperties` (boolean only), `unevaluatedProperties` (boolean only),
//! `if`/`then`/`else`, `allOf` (a list of `{if, then, else}` objects),
//! `dependentRequired`, `dependentSchemas`, and the annotations `$schema`, `$id`,
//! `$comment`, `title`, `description` and any `x-…` keyword.
//!
//! **Property names** are simple identifiers: an ASCII letter or `_`, then letters,
//! digits or `_`, at most 64 characters. They are the keys of `formData`, in schema
//! order.
//!
//! **A property** (one field) may use: `type` (`string`, `integer`, `number`,
//! `boolean`, `array`; missing means `string`), `title` (the label; the name when
//! missing), `description` (help text), `format`, `enum`, `oneOf`, `items`, `minItems`,
//! `maxItems`, `uniqueItems`, `minLength`, `maxLength`, `pattern`, `minimum`,
//! `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `default`, `examples`,
//! `$comment`, `x-widget`, `x-picker`, `x-pattern-message`. The field it makes:
//!
//! | schema | field ([`FieldKind`]) | value in `formData` |
//! |---|---|---|
//! | `string` | `Text` | text |
//! | `string` + `"x-widget": "textarea"` | `TextArea` | text |
//! | `string` + `format` `email` / `uri` / `date` / `date-time` | `Email` / `Uri` / `Date` / `DateTime` | `a@b.example`, `https://…`, `2026-12-01`, RFC 3339 `2026-12-01T09:30:00Z` |
//! | `string` + `enum: [..]` (strings) | `Select` | one of them |
//! | `string` + `oneOf: [{const, title}, ..]` | `Select` with labels | a `const` |
//! | `integer` / `number` (+ bounds) | `Integer` / `Number` | a number |
//! | `boolean` | `Checkbox` | `true` / `false` (always sent) |
//! | `array` + `items: {enum}` or `items: {oneOf: [{const, title}]}` (+ `minItems`, `maxItems`, `uniqueItems`) | `MultiSelect` | a list of choices |
//! | `string` + `"x-picker": "user"` (`"format": "uuid"` advised) | `UserPicker` | an active user's id of the organisation |
//! | `string` + `"x-picker": "unit"` | `UnitPicker` | a unit id of the organisation |
//!
//! `enum`/`oneOf` lists must not be empty and hold strings. `pattern` is a regular
//! expression in the common subset of ECMA-262 and Rust's `regex` (no look-around or
//! back-references); `x-pattern-message` is shown when it fails, else "<Label> is not
//! in the expected format". `x-widget` may only be `textarea`; `x-picker` only `user`
//! or `unit`; `format` only `email`, `uri`, `date`, `date-time`, `uuid`.
//!
//! **Conditional fields** (shown and required only while a condition holds):
//! - `if`/`then`/`else` at the top level, or any number of them as `allOf: [{if, then,
//!   else}, ..]`. An `if` holds `{"properties": {"<p>": {"const": v}}, "required":
//!   ["<p>"]}` tests, or `{"enum": [v, ..]}` ones; several tested properties must all
//!   match. Every tested property must be listed in the `if`'s `required` (else the
//!   test would hold while the field is empty). `then` (while the `if` holds) and `else`
//!   (while it does not) may hold `properties` (fields shown only then) and `required`
//!   (fields required only then).
//! - `dependentRequired: {"a": ["b", ..]}`: `b` is required while `a` is present.
//! - `dependentSchemas: {"a": {properties, required}}`: those fields are shown (and
//!   those required) while `a` is present.
//!
//! A field declared under `properties` at the top level is always shown; one declared
//! only in a `then`/`else`/dependent schema is hidden until its condition holds (the
//! first declaration is the field's definition; each further one adds a condition
//! under which it shows). A branch's `required` may only name top-level properties or
//! the branch's own. Hidden fields are never required and never checked; the SPA
//! leaves their values out of `formData`. "Present" means the key is in `formData`:
//! the SPA leaves out empty text and empty lists but always sends checkboxes, so test a
//! checkbox with `if`/`const: true`, not with `dependent…`. With conditional-only
//! fields use `"unevaluatedProperties": false` to refuse unknown keys:
//! `additionalProperties: false` would refuse the conditional fields themselves.
//!
//! **Beyond the schema**: the shared check also treats blank text (only spaces) as
//! missing, so a required text field needs something typed.

use serde_json::Value;

mod check;
mod conditions;
mod lint;
mod read;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod tests_props;

pub use check::{check, check_value, picker_message, required_message};
pub use conditions::{state, Condition, FieldState, IfTest};
pub use lint::lint;
pub use read::{fields, PICKERS};

/// The input a field is rendered with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    TextArea,
    Email,
    /// `format: uri`: an absolute address such as `https://…`.
    Uri,
    Integer,
    Number,
    /// `format: date`: `YYYY-MM-DD`.
    Date,
    /// `format: date-time`: RFC 3339 with an offset.
    DateTime,
    Select,
    MultiSelect,
    Checkbox,
    /// `x-picker: user`: the id of an active user of the organisation.
    UserPicker,
    /// `x-picker: unit`: the id of a unit of the organisation.
    UnitPicker,
}

/// One form field read from a schema property.
#[derive(Debug, Clone, PartialEq)]
pub struct FormField {
    /// Property name, the key in `formData`.
    pub name: String,
    /// `title`, else the name.
    pub label: String,
    /// `description`.
    pub help: Option<String>,
    pub kind: FieldKind,
    /// Always required (listed in the top-level `required`) while shown.
    pub required: bool,
    /// Allowed values of a select or multi-select (`enum`, or the `const`s of `oneOf`).
    pub options: Vec<String>,
    /// What each option shows (its `title`, else the value); as long as `options`.
    pub option_labels: Vec<String>,
    /// `minLength` (characters) or `minItems` (choices).
    pub min_length: Option<u64>,
    /// `maxLength` (characters) or `maxItems` (choices).
    pub max_length: Option<u64>,
    pub minimum: Option<f64>,
    pub maximum: Option<f64>,
    pub exclusive_minimum: Option<f64>,
    pub exclusive_maximum: Option<f64>,
    /// `uniqueItems` of a multi-select.
    pub unique: bool,
    /// `pattern` of a text field.
    pub pattern: Option<String>,
    /// `x-pattern-message`.
    pub pattern_message: Option<String>,
    /// `None`: always shown (a top-level property); `Some(c)`: shown while any of `c`
    /// holds (declared only in conditional branches).
    pub shown_when: Option<Vec<Condition>>,
    /// Also required while any of these holds (and the field is shown).
    pub required_when: Vec<Condition>,
}

impl FormField {
    /// The label of option `value` (the value itself when unknown).
    pub fn option_label<'a>(&'a self, value: &'a str) -> &'a str {
        self.options.iter().position(|o| o == value).map_or(value, |i| self.option_labels[i].as_str())
    }
}

/// True for a value a person would call empty: absent, null, blank text or an empty
/// list. `false` is an answer, not empty.
pub fn is_empty(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        _ => false,
    }
}
