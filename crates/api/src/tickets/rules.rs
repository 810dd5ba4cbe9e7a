//! Pure ticket rules: the status a new ticket starts in and its SLA due times.

use chrono::{DateTime, Duration, Utc};
use shared_types::TicketStatus;

/// A submitted ticket starts `pending_approval` when its item needs approval (at
/// least one required step resolved), else `open`.
/// Optional steps alone cannot hold a ticket back.
pub fn initial_status(has_required_approval: bool) -> TicketStatus {
    if has_required_approval {
        TicketStatus::PendingApproval
    } else {
        TicketStatus::Open
    }
}

/// Response and resolution due times from the item's targets (minutes, wall-clock;
/// business hours come with the SLA issue).
pub fn sla_due(
    created_at: DateTime<Utc>,
    response_minutes: Option<i32>,
    resolution_minutes: Option<i32>,
) -> (Option<DateTime<Utc>>, Option<DateTime<Utc>>) {
    let due = |m: Option<i32>| m.map(|m| created_at + Duration::minutes(i64::from(m)));
    (due(response_minutes), due(resolution_minutes))
}

/// Trims a title and checks it: 1..=200 characters.
pub fn clean_title(title: &str) -> Result<String, &'static str> {
    let t = title.trim();
    match t.chars().count() {
        0 => Err("Title is required"),
        n if n > 200 => Err("Title must be at most 200 characters"),
        _ => Ok(t.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn approval_decides_the_first_status() {
        assert_eq!(initial_status(true), TicketStatus::PendingApproval);
        assert_eq!(initial_status(false), TicketStatus::Open);
    }

    #[test]
    fn sla_due_adds_minutes() {
        let t = DateTime::parse_from_rfc3339("2026-11-21T10:00:00Z").map(|d| d.with_timezone(&Utc)).expect("date");
        let (r, s) = sla_due(t, Some(30), None);
        assert_eq!(r.map(|r| r.to_rfc3339()), Some("2026-11-21T10:30:00+00:00".into()));
        assert_eq!(s, None);
    }

    #[test]
    fn titles_are_trimmed_and_bounded() {
        assert_eq!(clean_title("  Laptop  "), Ok("Laptop".into()));
        assert!(clean_title("   ").is_err());
        assert!(clean_title(&"x".repeat(201)).is_err());
    }
}
