//! Reading a form schema into [`FormField`]s (see the module docs for the subset).

use serde_json::{Map, Value};

use super::conditions::{Condition, IfTest};
use super::{FieldKind, FormField};

/// The `x-picker` values there are.
pub const PICKERS: [&str; 2] = ["user", "unit"];

/// Reads the fields of an object schema: the top-level properties in order, then those
/// declared only in conditional branches (`if`/`then`/`else`, `allOf`,
/// `dependentSchemas`) in order of appearance, each with the conditions under which it
/// is shown and required. Non-object schemas have no fields. Tolerant: what [`super::lint`]
/// would refuse is skipped or read as plain text.
pub fn fields(schema: &Value) -> Vec<FormField> {
    let Some(props) = schema.get("properties").and_then(Value::as_object) else {
        return Vec::new();
    };
    let required = names(schema.get("required"));
    let mut out: Vec<FormField> = props
        .iter()
        .map(|(name, p)| FormField { required: required.contains(&name.as_str()), ..field(name, p) })
        .collect();
    for (condition, branch) in branches(schema) {
        if let Some(props) = branch.get("properties").and_then(Value::as_object) {
            for (name, p) in props {
                match out.iter_mut().find(|f| &f.name == name) {
                    Some(f) => {
                        if let Some(shown) = f.shown_when.as_mut() {
                            shown.push(condition.clone());
                        }
                    }
                    None => out.push(FormField { shown_when: Some(vec![condition.clone()]), ..field(name, p) }),
                }
            }
        }
        for name in names(branch.get("required")) {
            if let Some(f) = out.iter_mut().find(|f| f.name == name) {
                f.required_when.push(condition.clone());
            }
        }
    }
    if let Some(deps) = schema.get("dependentRequired").and_then(Value::as_object) {
        for (present, needed) in deps {
            for name in names(Some(needed)) {
                if let Some(f) = out.iter_mut().find(|f| f.name == name) {
                    f.required_when.push(Condition::Present(present.clone()));
                }
            }
        }
    }
    out
}

/// The conditional branches of a schema: each `then`/`else` with the condition under
/// which it applies, then each dependent schema.
pub(super) fn branches(schema: &Value) -> Vec<(Condition, &Map<String, Value>)> {
    let mut out = Vec::new();
    let rules = std::iter::once(schema).chain(schema.get("allOf").and_then(Value::as_array).into_iter().flatten());
    for rule in rules {
        let Some(test) = rule.get("if") else { continue };
        let test = IfTest::read(test);
        for (key, holds) in [("then", true), ("else", false)] {
            if let Some(branch) = rule.get(key).and_then(Value::as_object) {
                out.push((Condition::If { test: test.clone(), holds }, branch));
            }
        }
    }
    if let Some(deps) = schema.get("dependentSchemas").and_then(Value::as_object) {
        for (present, branch) in deps {
            if let Some(branch) = branch.as_object() {
                out.push((Condition::Present(present.clone()), branch));
            }
        }
    }
    out
}

/// The strings of a JSON array (`required`, `dependentRequired` entries).
pub(super) fn names(v: Option<&Value>) -> Vec<&str> {
    v.and_then(Value::as_array).map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

/// `(values, labels)` of an `enum` or a `oneOf` of `{const, title}`.
pub(super) fn choices(p: &Value) -> (Vec<String>, Vec<String>) {
    let text = |x: &Value| x.as_str().map_or_else(|| x.to_string(), str::to_owned);
    if let Some(values) = p.get("enum").and_then(Value::as_array) {
        let v: Vec<String> = values.iter().map(text).collect();
        return (v.clone(), v);
    }
    let Some(options) = p.get("oneOf").and_then(Value::as_array) else {
        return (Vec::new(), Vec::new());
    };
    options
        .iter()
        .filter_map(|o| {
            let value = text(o.get("const")?);
            let label = o.get("title").and_then(Value::as_str).map_or_else(|| value.clone(), str::to_owned);
            Some((value, label))
        })
        .unzip()
}

/// The field of property `name` defined by `p` (not required, always shown).
fn field(name: &str, p: &Value) -> FormField {
    let ty = p.get("type").and_then(Value::as_str).unwrap_or("string");
    let text = |key: &str| p.get(key).and_then(Value::as_str);
    let has_choices = p.get("enum").is_some() || p.get("oneOf").is_some();
    let (kind, (options, option_labels)) = match ty {
        "boolean" => (FieldKind::Checkbox, Default::default()),
        "integer" => (FieldKind::Integer, Default::default()),
        "number" => (FieldKind::Number, Default::default()),
        "array" => (FieldKind::MultiSelect, p.get("items").map(choices).unwrap_or_default()),
        _ if has_choices => (FieldKind::Select, choices(p)),
        _ => {
            let kind = match (text("x-picker"), text("format"), text("x-widget")) {
                (Some("user"), _, _) => FieldKind::UserPicker,
                (Some("unit"), _, _) => FieldKind::UnitPicker,
                (_, Some("date"), _) => FieldKind::Date,
                (_, Some("date-time"), _) => FieldKind::DateTime,
                (_, Some("email"), _) => FieldKind::Email,
                (_, Some("uri"), _) => FieldKind::Uri,
                (_, _, Some("textarea")) => FieldKind::TextArea,
                _ => FieldKind::Text,
            };
            (kind, Default::default())
        }
    };
    let number = |key: &str| p.get(key).and_then(Value::as_f64);
    let count = |a: &str, b: &str| p.get(a).or_else(|| p.get(b)).and_then(Value::as_u64);
    FormField {
        name: name.to_owned(),
        label: text("title").unwrap_or(name).to_owned(),
        help: text("description").map(str::to_owned),
        kind,
        required: false,
        options,
        option_labels,
        min_length: count("minLength", "minItems"),
        max_length: count("maxLength", "maxItems"),
        minimum: number("minimum"),
        maximum: number("maximum"),
        exclusive_minimum: number("exclusiveMinimum"),
        exclusive_maximum: number("exclusiveMaximum"),
        unique: p.get("uniqueItems").and_then(Value::as_bool).unwrap_or(false),
        pattern: text("pattern").map(str::to_owned),
        pattern_message: text("x-pattern-message").map(str::to_owned),
        shown_when: None,
        required_when: Vec::new(),
    }
}
