//! Refusing schemas outside the supported subset (see the module docs), with the reason
//! a catalog editor can show. JSON Schema validity itself is the API's `jsonschema`
//! compile step; this checks what the renderer and the shared check rely on.

use serde_json::{Map, Value};

use super::read::{branches, fields, names, PICKERS};

const TOP: &[&str] = &[
    "$schema",
    "$id",
    "$comment",
    "title",
    "description",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "unevaluatedProperties",
    "if",
    "then",
    "else",
    "allOf",
    "dependentRequired",
    "dependentSchemas",
];
const FIELD: &[&str] = &[
    "type",
    "title",
    "description",
    "format",
    "enum",
    "oneOf",
    "items",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "default",
    "examples",
    "$comment",
];
const TYPES: &[&str] = &["string", "integer", "number", "boolean", "array"];
const FORMATS: &[&str] = &["email", "uri", "date", "date-time", "uuid"];

/// `Ok` when `schema` is a form in the supported subset, else the first reason it is
/// not, e.g. `Field "due": unknown "x-picker" value "team" (use "user" or "unit")`.
pub fn lint(schema: &Value) -> Result<(), String> {
    let Some(top) = schema.as_object() else { return Err("A form schema must be a JSON object".into()) };
    if top.get("type").and_then(Value::as_str) != Some("object") {
        return Err("A form schema must have \"type\": \"object\"".into());
    }
    known_keys(top, TOP, "at the top of a form")?;
    let props = match top.get("properties") {
        None => Map::new(),
        Some(Value::Object(p)) => p.clone(),
        Some(_) => return Err("\"properties\" must be an object".into()),
    };
    for key in ["additionalProperties", "unevaluatedProperties"] {
        if top.get(key).is_some_and(|v| !v.is_boolean()) {
            return Err(format!("\"{key}\" must be true or false"));
        }
    }
    for (name, p) in &props {
        property(name, p)?;
    }
    required_known(top, &props, None, "the form")?;
    if let Some(rules) = top.get("allOf") {
        let rules = rules.as_array().ok_or("\"allOf\" must be a list of {if, then, else} rules")?;
        for rule in rules {
            let rule = rule.as_object().ok_or("Each \"allOf\" entry must be an {if, then, else} rule")?;
            known_keys(rule, &["if", "then", "else", "$comment"], "in an \"allOf\" rule")?;
            if !rule.contains_key("if") {
                return Err("Each \"allOf\" entry must have an \"if\"".into());
            }
        }
    }
    let all = fields(schema);
    let declared = |n: &str| all.iter().any(|f| f.name == n);
    let rules = std::iter::once(schema).chain(top.get("allOf").and_then(Value::as_array).into_iter().flatten());
    for rule in rules {
        if let Some(test) = rule.get("if") {
            if_test(test, &declared)?;
        } else if rule.get("then").is_some() || rule.get("else").is_some() {
            return Err("\"then\" and \"else\" need an \"if\"".into());
        }
    }
    for (_, branch) in branches(schema) {
        known_keys(branch, &["properties", "required", "$comment"], "in a conditional part")?;
        let own = match branch.get("properties") {
            None => Map::new(),
            Some(Value::Object(p)) => p.clone(),
            Some(_) => return Err("\"properties\" of a conditional part must be an object".into()),
        };
        for (name, p) in &own {
            property(name, p)?;
        }
        required_known(branch, &props, Some(&own), "a conditional part")?;
    }
    dependents(top, &props, &declared)?;
    let conditional_only = all.iter().find(|f| f.shown_when.is_some());
    if let (Some(f), Some(false)) = (conditional_only, top.get("additionalProperties").and_then(Value::as_bool)) {
        return Err(format!(
            "\"additionalProperties\": false would refuse the conditional field \"{}\"; use \"unevaluatedProperties\": false",
            f.name
        ));
    }
    Ok(())
}

fn known_keys(obj: &Map<String, Value>, allowed: &[&str], place: &str) -> Result<(), String> {
    match obj.keys().find(|k| !k.starts_with("x-") && !allowed.contains(&k.as_str())) {
        Some(k) => Err(format!("\"{k}\" is not supported {place}")),
        None => Ok(()),
    }
}

/// An ASCII letter or `_`, then letters, digits or `_`; at most 64 characters.
fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    name.len() <= 64
        && chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn property(name: &str, p: &Value) -> Result<(), String> {
    if !is_identifier(name) {
        return Err(format!(
            "Field name \"{name}\" must start with a letter and hold only letters, digits and _ (at most 64)"
        ));
    }
    let at = |m: String| format!("Field \"{name}\": {m}");
    let p = p.as_object().ok_or_else(|| at("must be a schema object".into()))?;
    known_keys(p, FIELD, "in a field").map_err(at)?;
    let ty = match p.get("type") {
        None => "string",
        Some(t) => t
            .as_str()
            .filter(|t| TYPES.contains(t))
            .ok_or_else(|| at(format!("\"type\" must be one of {}", TYPES.join(", "))))?,
    };
    if let Some(picker) = p.get("x-picker") {
        if !picker.as_str().is_some_and(|v| PICKERS.contains(&v)) {
            return Err(at(format!("unknown \"x-picker\" value {picker} (use \"user\" or \"unit\")")));
        }
        if ty != "string" {
            return Err(at("a picker must have \"type\": \"string\"".into()));
        }
    }
    if let Some(w) = p.get("x-widget").filter(|w| w.as_str() != Some("textarea")) {
        return Err(at(format!("unknown \"x-widget\" value {w} (only \"textarea\")")));
    }
    if let Some(f) = p.get("format").filter(|f| !f.as_str().is_some_and(|f| FORMATS.contains(&f))) {
        return Err(at(format!("\"format\" {f} is not supported (use {})", FORMATS.join(", "))));
    }
    if let Some(pattern) = p.get("pattern") {
        let ok = pattern.as_str().is_some_and(|s| regex_lite::Regex::new(s).is_ok());
        if !ok {
            return Err(at(format!("the pattern {pattern} is not a supported regular expression")));
        }
    }
    if ty == "array" {
        let items =
            p.get("items").and_then(Value::as_object).filter(|i| i.contains_key("enum") || i.contains_key("oneOf"));
        let items =
            items.ok_or_else(|| at("a list must have \"items\" with an \"enum\" or \"oneOf\" of choices".into()))?;
        known_keys(items, &["type", "enum", "oneOf", "$comment"], "in \"items\"").map_err(at)?;
        choices(items).map_err(at)?;
    } else if ty == "string" {
        choices(p).map_err(at)?;
    } else if p.contains_key("enum") || p.contains_key("oneOf") {
        return Err(at("choices (\"enum\", \"oneOf\") need \"type\": \"string\"".into()));
    }
    Ok(())
}

/// `enum`/`oneOf` of a select: non-empty, strings, `oneOf` entries `{const, title}`.
fn choices(p: &Map<String, Value>) -> Result<(), String> {
    if let Some(e) = p.get("enum") {
        let e = e.as_array().filter(|e| !e.is_empty()).ok_or("\"enum\" must list at least one choice")?;
        if !e.iter().all(Value::is_string) {
            return Err("the choices of \"enum\" must be text".into());
        }
    }
    if let Some(o) = p.get("oneOf") {
        let o = o.as_array().filter(|o| !o.is_empty()).ok_or("\"oneOf\" must list at least one choice")?;
        let ok = o.iter().all(|c| {
            c.as_object().is_some_and(|c| {
                c.get("const").is_some_and(Value::is_string)
                    && c.keys().all(|k| ["const", "title", "description"].contains(&k.as_str()))
            })
        });
        if !ok {
            return Err("each \"oneOf\" choice must be {\"const\": \"<text>\", \"title\": \"<label>\"}".into());
        }
    }
    Ok(())
}

/// `required` of `obj` names top-level properties or (for a branch) its own ones.
fn required_known(
    obj: &Map<String, Value>,
    top: &Map<String, Value>,
    own: Option<&Map<String, Value>>,
    place: &str,
) -> Result<(), String> {
    if obj.get("required").is_some_and(|r| !r.as_array().is_some_and(|a| a.iter().all(Value::is_string))) {
        return Err(format!("\"required\" of {place} must be a list of field names"));
    }
    match names(obj.get("required"))
        .into_iter()
        .find(|n| !top.contains_key(*n) && !own.is_some_and(|o| o.contains_key(*n)))
    {
        Some(n) => Err(format!("\"required\" of {place} names \"{n}\", which is not a field there")),
        None => Ok(()),
    }
}

/// An `if` tests declared fields with `const`/`enum` and requires each tested one.
fn if_test(test: &Value, declared: &dyn Fn(&str) -> bool) -> Result<(), String> {
    let t = test.as_object().ok_or("An \"if\" must be an object")?;
    known_keys(t, &["properties", "required", "$comment"], "in an \"if\"")?;
    let props = t.get("properties").and_then(Value::as_object).filter(|p| !p.is_empty());
    let props = props.ok_or("An \"if\" must test at least one field under \"properties\"")?;
    let required = names(t.get("required"));
    for (name, p) in props {
        if !declared(name) {
            return Err(format!("An \"if\" tests \"{name}\", which is not a field of the form"));
        }
        let p = p.as_object().ok_or("An \"if\" test must be {\"const\": …} or {\"enum\": […]}")?;
        let shape = p.len() == 1
            && (p.contains_key("const") || p.get("enum").and_then(Value::as_array).is_some_and(|e| !e.is_empty()));
        if !shape {
            return Err(format!("The \"if\" test of \"{name}\" must be {{\"const\": …}} or {{\"enum\": […]}}"));
        }
        if !required.contains(&name.as_str()) {
            return Err(format!("An \"if\" testing \"{name}\" must list it in its \"required\""));
        }
    }
    match required.into_iter().find(|r| !declared(r)) {
        Some(r) => Err(format!("An \"if\" requires \"{r}\", which is not a field of the form")),
        None => Ok(()),
    }
}

/// `dependentRequired`/`dependentSchemas` keys and names are fields.
fn dependents(
    top: &Map<String, Value>,
    props: &Map<String, Value>,
    declared: &dyn Fn(&str) -> bool,
) -> Result<(), String> {
    for key in ["dependentRequired", "dependentSchemas"] {
        let Some(deps) = top.get(key) else { continue };
        let deps = deps.as_object().ok_or_else(|| format!("\"{key}\" must be an object"))?;
        for (trigger, v) in deps {
            if !declared(trigger) {
                return Err(format!("\"{key}\" names \"{trigger}\", which is not a field of the form"));
            }
            if key == "dependentRequired" {
                let ok =
                    v.as_array().is_some_and(|a| a.iter().all(|n| n.as_str().is_some_and(|n| props.contains_key(n))));
                if !ok {
                    return Err(format!("\"dependentRequired\" of \"{trigger}\" must list top-level field names"));
                }
            } else if !v.is_object() {
                return Err(format!("\"dependentSchemas\" of \"{trigger}\" must be an object"));
            }
        }
    }
    Ok(())
}
