//! The field-by-field check of form data, with the messages the SPA shows beside the
//! fields and the API returns in `error.details`.

use serde_json::Value;

use super::{is_empty, FieldKind, FormField};
use crate::error::FieldError;

/// "Start date is required".
pub fn required_message(label: &str) -> String {
    format!("{label} is required")
}

/// Checks `data` against `fields` (from [`super::fields`]) and returns one error per
/// failing field, in field order, `field` being `formData.<name>`. Hidden fields (their
/// condition does not hold) are skipped; empty optional fields are fine; blank text
/// counts as missing.
pub fn check(fields: &[FormField], data: &Value) -> Vec<FieldError> {
    fields
        .iter()
        .filter(|f| f.is_visible(data))
        .filter_map(|f| {
            let v = data.get(&f.name);
            let message = if is_empty(v) {
                f.is_required(data).then(|| required_message(&f.label))
            } else {
                v.and_then(|v| check_value(f, v))
            };
            message.map(|message| FieldError { field: format!("formData.{}", f.name), message })
        })
        .collect()
}

/// The message for a non-empty value `v` of field `f` that breaks one of its rules.
pub fn check_value(f: &FormField, v: &Value) -> Option<String> {
    let label = &f.label;
    match f.kind {
        FieldKind::Integer | FieldKind::Number => check_number(f, v),
        FieldKind::Checkbox => (!v.is_boolean()).then(|| format!("{label} must be yes or no")),
        FieldKind::MultiSelect => check_choices(f, v),
        FieldKind::UserPicker | FieldKind::UnitPicker => {
            let ok = v.as_str().is_some_and(|s| uuid::Uuid::parse_str(s).is_ok());
            (!ok).then(|| picker_message(f.kind).to_owned())
        }
        _ => check_text(f, v),
    }
}

/// "Choose a person from the list" / "Choose a unit from the list".
pub fn picker_message(kind: FieldKind) -> &'static str {
    if kind == FieldKind::UnitPicker {
        "Choose a unit from the list"
    } else {
        "Choose a person from the list"
    }
}

fn check_number(f: &FormField, v: &Value) -> Option<String> {
    let label = &f.label;
    let Some(n) = v.as_f64() else {
        return Some(format!("{label} must be a number"));
    };
    if f.kind == FieldKind::Integer && n.fract() != 0.0 {
        return Some(format!("{label} must be a whole number"));
    }
    if let Some(min) = f.minimum.filter(|m| n < *m) {
        return Some(format!("{label} must be at least {min}"));
    }
    if let Some(max) = f.maximum.filter(|m| n > *m) {
        return Some(format!("{label} must be at most {max}"));
    }
    if let Some(min) = f.exclusive_minimum.filter(|m| n <= *m) {
        return Some(format!("{label} must be more than {min}"));
    }
    f.exclusive_maximum.filter(|m| n >= *m).map(|max| format!("{label} must be less than {max}"))
}

fn plural(n: u64, one: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {one}s")
    }
}

fn check_choices(f: &FormField, v: &Value) -> Option<String> {
    let label = &f.label;
    let Some(items) = v.as_array() else {
        return Some(format!("{label} must be a list of choices"));
    };
    if let Some(bad) = items.iter().find(|i| !i.as_str().is_some_and(|s| f.options.iter().any(|o| o == s))) {
        let bad = bad.as_str().map_or_else(|| bad.to_string(), str::to_owned);
        return Some(format!("{label}: \"{bad}\" is not one of the choices"));
    }
    let n = items.len() as u64;
    if let Some(min) = f.min_length.filter(|m| n < *m) {
        return Some(format!("Choose at least {} for {label}", plural(min, "option")));
    }
    if let Some(max) = f.max_length.filter(|m| n > *m) {
        return Some(format!("Choose at most {} for {label}", plural(max, "option")));
    }
    let twice = f.unique && items.iter().enumerate().any(|(i, x)| items[..i].contains(x));
    twice.then(|| format!("{label} lists a choice twice"))
}

fn check_text(f: &FormField, v: &Value) -> Option<String> {
    let label = &f.label;
    let Some(s) = v.as_str() else {
        return Some(format!("{label} must be text"));
    };
    if f.kind == FieldKind::Select && !f.options.iter().any(|o| o == s) {
        return Some(format!("{label} must be one of: {}", f.option_labels.join(", ")));
    }
    let shape = match f.kind {
        FieldKind::Date if !is_date(s) => Some("a date (YYYY-MM-DD)"),
        FieldKind::DateTime if !is_date_time(s) => Some("a date and time"),
        FieldKind::Email if !is_email(s) => Some("an e-mail address such as name@example.org"),
        FieldKind::Uri if !is_uri(s) => Some("a web address such as https://example.org"),
        _ => None,
    };
    if let Some(shape) = shape {
        return Some(format!("{label} must be {shape}"));
    }
    let len = s.chars().count() as u64;
    if let Some(min) = f.min_length.filter(|m| len < *m) {
        return Some(format!("{label} must be at least {}", plural(min, "character")));
    }
    if let Some(max) = f.max_length.filter(|m| len > *m) {
        return Some(format!("{label} must be at most {}", plural(max, "character")));
    }
    let pattern = f.pattern.as_deref()?;
    let matches = regex_lite::Regex::new(pattern).map(|r| r.is_match(s)).unwrap_or(true);
    (!matches).then(|| f.pattern_message.clone().unwrap_or_else(|| format!("{label} is not in the expected format")))
}

/// `YYYY-MM-DD` (a real calendar day).
pub(super) fn is_date(s: &str) -> bool {
    s.len() == 10 && chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

/// RFC 3339 date-time with an offset, e.g. `2026-12-01T09:30:00Z`.
pub(super) fn is_date_time(s: &str) -> bool {
    chrono::DateTime::parse_from_rfc3339(s).is_ok()
}

/// `local@domain`: one `@`, both sides non-empty, no spaces, the domain made of
/// dot-separated labels of letters, digits and `-`.
pub(super) fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && !local.contains(char::is_whitespace)
        && !domain.is_empty()
        && domain.split('.').all(|l| !l.is_empty() && l.chars().all(|c| c.is_alphanumeric() || c == '-'))
}

/// An absolute URI: a scheme (`https:`), then something, no spaces.
pub(super) fn is_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else { return false };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && !rest.is_empty()
        && !s.contains(|c: char| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c))
}
