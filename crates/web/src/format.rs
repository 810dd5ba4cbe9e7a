//! Formatting of dates, enums and free-form values for display.

use chrono::{DateTime, Local, Utc};
use serde_json::Value;
use shared_types::{ApprovalStatus, ItemKind, Priority, TicketStatus};

/// "12 Mar 2026, 14:05" in the browser's time zone.
pub fn datetime(at: DateTime<Utc>) -> String {
    at.with_timezone(&Local).format("%-d %b %Y, %H:%M").to_string()
}

/// "just now", "5 min ago", "3 h ago", "2 days ago", else the date.
pub fn relative(at: DateTime<Utc>) -> String {
    let minutes = (Utc::now() - at).num_minutes();
    match minutes {
        i64::MIN..=0 => "just now".into(),
        1..=59 => format!("{minutes} min ago"),
        60..=1439 => format!("{} h ago", minutes / 60),
        1440..=10079 => match minutes / 1440 {
            1 => "yesterday".into(),
            days => format!("{days} days ago"),
        },
        _ => at.with_timezone(&Local).format("%-d %b %Y").to_string(),
    }
}

/// Machine-readable timestamp for `<time datetime>`.
pub fn iso(at: DateTime<Utc>) -> String {
    at.to_rfc3339()
}

/// "Low", "Medium", "High", "Critical".
pub fn priority_label(priority: Priority) -> &'static str {
    match priority {
        Priority::Low => "Low",
        Priority::Medium => "Medium",
        Priority::High => "High",
        Priority::Critical => "Critical",
    }
}

/// "Request" or "Incident".
pub fn kind_label(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Request => "Request",
        ItemKind::Incident => "Incident",
    }
}

/// "Waiting", "Approved", "Rejected", "Skipped".
pub fn approval_label(status: ApprovalStatus) -> &'static str {
    match status {
        ApprovalStatus::Pending => "Waiting",
        ApprovalStatus::Approved => "Approved",
        ApprovalStatus::Rejected => "Rejected",
        ApprovalStatus::Skipped => "Skipped",
    }
}

/// "neededBy" / "needed_by" → "Needed by".
pub fn humanize_key(key: &str) -> String {
    let mut out = String::with_capacity(key.len() + 4);
    for (i, c) in key.chars().enumerate() {
        if c == '_' || c == '-' {
            out.push(' ');
        } else if c.is_uppercase() && i > 0 {
            out.push(' ');
            out.extend(c.to_lowercase());
        } else if i == 0 {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// A form value as text: lists joined, booleans as Yes/No, empty as "—".
pub fn value_text(value: &Value) -> String {
    match value {
        Value::Null => "—".into(),
        Value::Bool(true) => "Yes".into(),
        Value::Bool(false) => "No".into(),
        Value::String(s) if s.trim().is_empty() => "—".into(),
        Value::String(s) => s.clone(),
        Value::Array(items) if items.is_empty() => "—".into(),
        Value::Array(items) => items.iter().map(value_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// A history value: status and priority spellings become their labels.
pub fn history_value(field: &str, value: Option<&str>) -> String {
    let Some(value) = value.filter(|v| !v.is_empty()) else {
        return "—".into();
    };
    match field {
        "status" => TicketStatus::parse(value).map_or_else(|| value.to_owned(), |s| s.label().to_owned()),
        "priority" => Priority::parse(value).map_or_else(|| value.to_owned(), |p| priority_label(p).to_owned()),
        "approval" => ApprovalStatus::parse(value).map_or_else(|| value.to_owned(), |a| approval_label(a).to_owned()),
        _ => value.to_owned(),
    }
}

/// A history field name as people read it ("assigned_to" → "Assignee").
pub fn history_field(field: &str) -> String {
    match field {
        "status" => "Status".into(),
        "priority" => "Priority".into(),
        "assigned_to" | "assignedTo" | "assignee" => "Assignee".into(),
        other => humanize_key(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn humanizes_keys() {
        assert_eq!(humanize_key("neededBy"), "Needed by");
        assert_eq!(humanize_key("laptop_model"), "Laptop model");
    }

    #[test]
    fn history_values_use_labels() {
        assert_eq!(history_value("status", Some("pending_approval")), "Pending approval");
        assert_eq!(history_value("priority", Some("high")), "High");
        assert_eq!(history_value("title", None), "—");
    }
}
