//! The field list the form editor shows, and its JSON Schema: [`to_schema`] writes the
//! subset documented in `shared_types::forms` (a conditional field is declared only in
//! `allOf: [{if: {properties: {<f>: {const: v}}, required: [<f>]}, then: {properties:
//! {<field>: …}, required: [<field>]}}]`, so it shows and is required only while `<f>`
//! is `v`); [`from_schema`] reads such a schema back. A schema using more than that is
//! edited in the raw JSON tab ([`representable`] tells).

use serde_json::{json, Map, Value};

/// The field types the editor offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    TextArea,
    Email,
    Uri,
    Date,
    DateTime,
    Integer,
    Number,
    Checkbox,
    Select,
    MultiSelect,
    User,
    Unit,
}

impl Kind {
    /// Every kind with its label, in the order of the type select.
    pub const ALL: [(Kind, &'static str); 13] = [
        (Kind::Text, "Text"),
        (Kind::TextArea, "Text area"),
        (Kind::Email, "E-mail"),
        (Kind::Uri, "Web address"),
        (Kind::Date, "Date"),
        (Kind::DateTime, "Date and time"),
        (Kind::Integer, "Whole number"),
        (Kind::Number, "Number"),
        (Kind::Checkbox, "Checkbox"),
        (Kind::Select, "Select (one)"),
        (Kind::MultiSelect, "Select (several)"),
        (Kind::User, "Person"),
        (Kind::Unit, "Unit"),
    ];

    /// The label of the kind.
    pub fn label(self) -> &'static str {
        Kind::ALL.iter().find(|(k, _)| *k == self).map_or("Text", |(_, l)| l)
    }

    /// A stable code for `<option value>`.
    pub fn code(self) -> String {
        format!("{self:?}").to_lowercase()
    }

    /// The kind of a [`Kind::code`].
    pub fn from_code(code: &str) -> Option<Kind> {
        Kind::ALL.iter().map(|(k, _)| *k).find(|k| k.code() == code)
    }

    /// True when the kind has options.
    pub fn has_options(self) -> bool {
        matches!(self, Kind::Select | Kind::MultiSelect)
    }

    /// True for typed text (pattern, lengths).
    pub fn is_text(self) -> bool {
        matches!(self, Kind::Text | Kind::TextArea)
    }

    /// True when min/max apply (lengths, bounds or counts).
    pub fn has_bounds(self) -> bool {
        self.is_text() || matches!(self, Kind::Integer | Kind::Number | Kind::MultiSelect)
    }
}

/// One field as the editor holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldSpec {
    /// The key in `formData`.
    pub key: String,
    pub label: String,
    pub kind: Kind,
    pub required: bool,
    pub help: String,
    pub options: Vec<String>,
    /// Length, bound or count, by kind.
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub pattern: String,
    pub pattern_message: String,
    /// Shown only while field `.0` has value `.1`.
    pub condition: Option<(String, String)>,
}

impl FieldSpec {
    /// An empty text field.
    pub fn new() -> Self {
        Self {
            key: String::new(),
            label: String::new(),
            kind: Kind::Text,
            required: false,
            help: String::new(),
            options: Vec::new(),
            min: None,
            max: None,
            pattern: String::new(),
            pattern_message: String::new(),
            condition: None,
        }
    }
}

impl Default for FieldSpec {
    fn default() -> Self {
        Self::new()
    }
}

/// A property name from a label: "Device type" → `device_type` (letters, digits, `_`,
/// starting with a letter, at most 64 characters).
pub fn key_from_label(label: &str) -> String {
    let mut key = String::new();
    for c in label.trim().chars() {
        if c.is_ascii_alphanumeric() {
            key.push(c.to_ascii_lowercase());
        } else if !key.is_empty() && !key.ends_with('_') {
            key.push('_');
        }
    }
    let key = key.trim_end_matches('_').to_owned();
    let key = if key.starts_with(|c: char| c.is_ascii_digit()) { format!("f_{key}") } else { key };
    key.chars().take(64).collect()
}

/// True for a valid property name.
pub fn valid_key(key: &str) -> bool {
    let mut chars = key.chars();
    key.len() <= 64
        && chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        json!(n as i64)
    } else {
        json!(n)
    }
}

fn property(f: &FieldSpec) -> Value {
    let mut p = Map::new();
    let ty = match f.kind {
        Kind::Integer => "integer",
        Kind::Number => "number",
        Kind::Checkbox => "boolean",
        Kind::MultiSelect => "array",
        _ => "string",
    };
    p.insert("type".into(), json!(ty));
    p.insert("title".into(), json!(f.label.trim()));
    if !f.help.trim().is_empty() {
        p.insert("description".into(), json!(f.help.trim()));
    }
    match f.kind {
        Kind::TextArea => drop(p.insert("x-widget".into(), json!("textarea"))),
        Kind::Email => drop(p.insert("format".into(), json!("email"))),
        Kind::Uri => drop(p.insert("format".into(), json!("uri"))),
        Kind::Date => drop(p.insert("format".into(), json!("date"))),
        Kind::DateTime => drop(p.insert("format".into(), json!("date-time"))),
        Kind::User | Kind::Unit => {
            p.insert("format".into(), json!("uuid"));
            p.insert("x-picker".into(), json!(if f.kind == Kind::User { "user" } else { "unit" }));
        }
        Kind::Select => drop(p.insert("enum".into(), json!(f.options))),
        Kind::MultiSelect => {
            p.insert("items".into(), json!({ "enum": f.options }));
            p.insert("uniqueItems".into(), json!(true));
        }
        _ => {}
    }
    let (min_key, max_key) = match f.kind {
        k if k.is_text() => ("minLength", "maxLength"),
        Kind::MultiSelect => ("minItems", "maxItems"),
        Kind::Integer | Kind::Number => ("minimum", "maximum"),
        _ => ("", ""),
    };
    if !min_key.is_empty() {
        if let Some(min) = f.min {
            p.insert(min_key.into(), number(min));
        }
        if let Some(max) = f.max {
            p.insert(max_key.into(), number(max));
        }
    }
    if f.kind.is_text() && !f.pattern.trim().is_empty() {
        p.insert("pattern".into(), json!(f.pattern.trim()));
        if !f.pattern_message.trim().is_empty() {
            p.insert("x-pattern-message".into(), json!(f.pattern_message.trim()));
        }
    }
    Value::Object(p)
}

/// The `const` of a condition on `source`: a boolean or number when that field is one.
fn condition_value(fields: &[FieldSpec], source: &str, value: &str) -> Value {
    let kind = fields.iter().find(|f| f.key == source).map(|f| f.kind);
    match kind {
        Some(Kind::Checkbox) => json!(value.trim() == "true"),
        Some(Kind::Integer | Kind::Number) => value.trim().parse::<f64>().map(number).unwrap_or_else(|_| json!(value)),
        _ => json!(value),
    }
}

/// The JSON Schema of `fields`; conditional fields sharing a condition share one rule.
pub fn to_schema(fields: &[FieldSpec]) -> Value {
    let mut properties = Map::new();
    let mut required = Vec::new();
    // (condition, its fields' properties, those required) in order of first use.
    type Rule = ((String, String), Map<String, Value>, Vec<String>);
    let mut rules: Vec<Rule> = Vec::new();
    for f in fields {
        match &f.condition {
            None => {
                properties.insert(f.key.clone(), property(f));
                if f.required {
                    required.push(f.key.clone());
                }
            }
            Some(cond) => {
                let at = match rules.iter().position(|(c, _, _)| c == cond) {
                    Some(i) => i,
                    None => {
                        rules.push((cond.clone(), Map::new(), Vec::new()));
                        rules.len() - 1
                    }
                };
                rules[at].1.insert(f.key.clone(), property(f));
                if f.required {
                    rules[at].2.push(f.key.clone());
                }
            }
        }
    }
    let mut schema = Map::new();
    schema.insert("type".into(), json!("object"));
    schema.insert("properties".into(), Value::Object(properties));
    schema.insert("required".into(), json!(required));
    if !rules.is_empty() {
        let all: Vec<Value> = rules
            .into_iter()
            .map(|((source, value), props, req)| {
                let mut then = Map::new();
                then.insert("properties".into(), Value::Object(props));
                if !req.is_empty() {
                    then.insert("required".into(), json!(req));
                }
                json!({
                    "if": { "properties": { &source: { "const": condition_value(fields, &source, &value) } }, "required": [source] },
                    "then": then,
                })
            })
            .collect();
        schema.insert("allOf".into(), Value::Array(all));
    }
    Value::Object(schema)
}

fn read_property(key: &str, p: &Value, required: bool, condition: Option<(String, String)>) -> FieldSpec {
    let s = |k: &str| p.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
    let n = |k: &str| p.get(k).and_then(Value::as_f64);
    let strings = |v: Option<&Value>| -> Vec<String> {
        v.and_then(Value::as_array)
            .map(|a| a.iter().filter_map(|x| x.as_str().map(str::to_owned)).collect())
            .unwrap_or_default()
    };
    let kind = match (s("type").as_str(), s("format").as_str(), s("x-widget").as_str(), s("x-picker").as_str()) {
        ("integer", ..) => Kind::Integer,
        ("number", ..) => Kind::Number,
        ("boolean", ..) => Kind::Checkbox,
        ("array", ..) => Kind::MultiSelect,
        (_, _, _, "user") => Kind::User,
        (_, _, _, "unit") => Kind::Unit,
        _ if p.get("enum").is_some() => Kind::Select,
        (_, "email", ..) => Kind::Email,
        (_, "uri", ..) => Kind::Uri,
        (_, "date", ..) => Kind::Date,
        (_, "date-time", ..) => Kind::DateTime,
        (_, _, "textarea", _) => Kind::TextArea,
        _ => Kind::Text,
    };
    let (min, max) = match kind {
        k if k.is_text() => (n("minLength"), n("maxLength")),
        Kind::MultiSelect => (n("minItems"), n("maxItems")),
        _ => (n("minimum"), n("maximum")),
    };
    let options = if kind == Kind::MultiSelect {
        strings(p.get("items").and_then(|i| i.get("enum")))
    } else {
        strings(p.get("enum"))
    };
    FieldSpec {
        key: key.to_owned(),
        label: p.get("title").and_then(Value::as_str).unwrap_or(key).to_owned(),
        kind,
        required,
        help: s("description"),
        options,
        min,
        max,
        pattern: s("pattern"),
        pattern_message: s("x-pattern-message"),
        condition,
    }
}

/// Reads the fields of a schema (top-level properties, then the simple conditional
/// rules of `allOf`). See [`representable`] for whether that is all of it.
pub fn from_schema(schema: &Value) -> Vec<FieldSpec> {
    let required: Vec<&str> = schema
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut out: Vec<FieldSpec> = schema
        .get("properties")
        .and_then(Value::as_object)
        .map(|props| props.iter().map(|(k, p)| read_property(k, p, required.contains(&k.as_str()), None)).collect())
        .unwrap_or_default();
    for rule in schema.get("allOf").and_then(Value::as_array).into_iter().flatten() {
        let Some((source, test)) =
            rule.pointer("/if/properties").and_then(Value::as_object).and_then(|m| m.iter().next())
        else {
            continue;
        };
        let value = match test.get("const") {
            Some(Value::String(s)) => s.clone(),
            Some(other) => other.to_string(),
            None => continue,
        };
        let then_required: Vec<&str> = rule
            .pointer("/then/required")
            .and_then(Value::as_array)
            .map(|r| r.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        for (k, p) in rule.pointer("/then/properties").and_then(Value::as_object).into_iter().flatten() {
            out.push(read_property(k, p, then_required.contains(&k.as_str()), Some((source.clone(), value.clone()))));
        }
    }
    out
}

/// True when the field list shows all of `schema` (writing it back gives the same
/// schema, ignoring key order).
pub fn representable(schema: &Value) -> bool {
    let empty = json!({"type": "object", "properties": {}, "required": []});
    let normal = |s: &Value| if s.as_object().is_none_or(|o| o.is_empty()) { empty.clone() } else { s.clone() };
    let mut written = to_schema(&from_schema(schema));
    let mut given = normal(schema);
    // An absent `required` equals an empty one.
    for s in [&mut written, &mut given] {
        if let Some(o) = s.as_object_mut() {
            o.entry("required").or_insert_with(|| json!([]));
        }
    }
    written == given
}

#[cfg(test)]
mod tests;
