//! The domain event catalogue: every change to the organisation's service desk data
//! writes one or more of these, in the transaction of the change, to the event log
//! (table `domain_events`), numbered by a per-organisation sequence that has no gaps
//! and only grows. Notifications, live updates, webhooks and the change feed read it.
//!
//! On the wire (and in the log) an event is `{"type": "ticket.created", "data": {…}}`;
//! each type has a payload version (all 1 so far). A payload only ever gains optional
//! fields within a version; removing or changing a field is a new version.
//!
//! Sign-ins, sessions, passwords, API keys and job retries are security and operations
//! facts: they go to the audit log only, not here.

use uuid::Uuid;

use crate::{ApprovalStatus, Priority, Role, TicketStatus, Visibility};

crate::wire! {
    /// `ticket.created`: a ticket was filed (`status` is `open` or `pending_approval`).
    pub struct TicketCreated {
        pub ticket_id: Uuid,
        pub number: i64,
        pub title: String,
        pub status: TicketStatus,
        pub priority: Priority,
        pub requester_id: Uuid,
        pub service_item_id: Option<Uuid>,
        /// The unit whose queue it lands in.
        pub unit_id: Option<Uuid>,
    }

    /// `ticket.updated`: title, description or priority changed (`fields` names which).
    pub struct TicketUpdated {
        pub ticket_id: Uuid,
        pub number: i64,
        pub fields: Vec<String>,
        /// The priority after the change.
        pub priority: Priority,
    }

    /// `ticket.status_changed`: a move through the lifecycle, by a person or by an
    /// approval decision.
    pub struct TicketStatusChanged {
        pub ticket_id: Uuid,
        pub number: i64,
        pub from: TicketStatus,
        pub to: TicketStatus,
        pub reason: Option<String>,
    }

    /// `ticket.assigned`: the assignee changed (`to` none: back to the queue).
    pub struct TicketAssigned {
        pub ticket_id: Uuid,
        pub number: i64,
        pub from: Option<Uuid>,
        pub to: Option<Uuid>,
    }

    /// `comment.created`: a public reply or an internal note on a ticket.
    pub struct CommentCreated {
        pub comment_id: Uuid,
        pub ticket_id: Uuid,
        pub number: i64,
        pub author_id: Uuid,
        pub visibility: Visibility,
    }

    /// `approval.requested`: someone is asked to approve a ticket (one event per step).
    pub struct ApprovalRequested {
        pub approval_id: Uuid,
        pub ticket_id: Uuid,
        pub number: i64,
        pub approver_id: Uuid,
        pub step: i32,
        pub required: bool,
    }

    /// `approval.decided`: an approval was approved or rejected.
    pub struct ApprovalDecided {
        pub approval_id: Uuid,
        pub ticket_id: Uuid,
        pub number: i64,
        pub decision: ApprovalStatus,
        pub reason: Option<String>,
    }

    /// `user.created`: a person joined (sign-up, created or invited by an admin).
    pub struct UserCreated {
        pub user_id: Uuid,
        pub role: Role,
    }

    /// `user.updated`: a person's details, role or active state changed (`fields`
    /// names which, e.g. `name`, `role`, `isActive`).
    pub struct UserUpdated {
        pub user_id: Uuid,
        pub fields: Vec<String>,
    }

    /// `service_item.*`, `service_category.*`, `department.*` and `unit.*`: a catalog
    /// or structure entry was created, updated or deleted (`name` none on delete).
    pub struct EntryChanged {
        pub id: Uuid,
        pub name: Option<String>,
    }

    /// `unit.manager_added` and `unit.manager_removed`.
    pub struct UnitManagerChanged {
        pub unit_id: Uuid,
        pub user_id: Uuid,
    }
}

/// Declares [`DomainEvent`] from one list: variant, payload, type name, version, and
/// the subject (entity type and the payload field holding its id).
macro_rules! catalogue {
    ($($(#[$doc:meta])* $variant:ident($payload:ty) = $name:literal, $version:literal, $subject:literal . $field:ident;)*) => {
        /// One domain event: `{"type": …, "data": …}` on the wire.
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #[serde(tag = "type", content = "data")]
        pub enum DomainEvent {
            $($(#[$doc])* #[serde(rename = $name)] $variant($payload),)*
        }

        impl DomainEvent {
            /// Every event type, in catalogue order.
            pub const TYPES: &'static [&'static str] = &[$($name),*];

            /// The type name, e.g. `ticket.created`.
            pub fn event_type(&self) -> &'static str {
                match self { $(Self::$variant(_) => $name,)* }
            }

            /// The payload's version.
            pub fn version(&self) -> i16 {
                match self { $(Self::$variant(_) => $version,)* }
            }

            /// What it is about: (entity type, id), e.g. `("ticket", …)`.
            pub fn subject(&self) -> (&'static str, Uuid) {
                match self { $(Self::$variant(p) => ($subject, p.$field),)* }
            }
        }
    };
}

catalogue! {
    TicketCreated(TicketCreated) = "ticket.created", 1, "ticket".ticket_id;
    TicketUpdated(TicketUpdated) = "ticket.updated", 1, "ticket".ticket_id;
    TicketStatusChanged(TicketStatusChanged) = "ticket.status_changed", 1, "ticket".ticket_id;
    TicketAssigned(TicketAssigned) = "ticket.assigned", 1, "ticket".ticket_id;
    CommentCreated(CommentCreated) = "comment.created", 1, "ticket".ticket_id;
    ApprovalRequested(ApprovalRequested) = "approval.requested", 1, "approval".approval_id;
    ApprovalDecided(ApprovalDecided) = "approval.decided", 1, "approval".approval_id;
    UserCreated(UserCreated) = "user.created", 1, "user".user_id;
    UserUpdated(UserUpdated) = "user.updated", 1, "user".user_id;
    ServiceItemCreated(EntryChanged) = "service_item.created", 1, "service_item".id;
    ServiceItemUpdated(EntryChanged) = "service_item.updated", 1, "service_item".id;
    ServiceItemDeleted(EntryChanged) = "service_item.deleted", 1, "service_item".id;
    CategoryCreated(EntryChanged) = "service_category.created", 1, "service_category".id;
    CategoryUpdated(EntryChanged) = "service_category.updated", 1, "service_category".id;
    CategoryDeleted(EntryChanged) = "service_category.deleted", 1, "service_category".id;
    DepartmentCreated(EntryChanged) = "department.created", 1, "department".id;
    DepartmentUpdated(EntryChanged) = "department.updated", 1, "department".id;
    DepartmentDeleted(EntryChanged) = "department.deleted", 1, "department".id;
    UnitCreated(EntryChanged) = "unit.created", 1, "unit".id;
    UnitUpdated(EntryChanged) = "unit.updated", 1, "unit".id;
    UnitDeleted(EntryChanged) = "unit.deleted", 1, "unit".id;
    UnitManagerAdded(UnitManagerChanged) = "unit.manager_added", 1, "unit".unit_id;
    UnitManagerRemoved(UnitManagerChanged) = "unit.manager_removed", 1, "unit".unit_id;
}

impl DomainEvent {
    /// The payload alone (the `data` of the wire form), as stored in the log.
    pub fn data(&self) -> serde_json::Value {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::Object(mut o)) => o.remove("data").unwrap_or_default(),
            _ => serde_json::Value::Null,
        }
    }

    /// An event back from its stored parts; `Err` when the type is unknown or the data
    /// does not match it.
    pub fn from_parts(event_type: &str, data: serde_json::Value) -> Result<Self, serde_json::Error> {
        serde_json::from_value(serde_json::json!({ "type": event_type, "data": data }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_event_round_trips_through_its_stored_parts() {
        let e = DomainEvent::TicketAssigned(TicketAssigned {
            ticket_id: Uuid::from_u128(7),
            number: 42,
            from: None,
            to: Some(Uuid::from_u128(9)),
        });
        let data = e.data();
        assert_eq!(data["number"], 42);
        assert_eq!(data["from"], serde_json::Value::Null);
        assert_eq!(DomainEvent::from_parts(e.event_type(), data).ok(), Some(e.clone()));
        assert_eq!((e.event_type(), e.version(), e.subject()), ("ticket.assigned", 1, ("ticket", Uuid::from_u128(7))));
        assert!(DomainEvent::from_parts("ticket.exploded", serde_json::json!({})).is_err());
    }

    #[test]
    fn type_names_are_unique_and_dotted() {
        let mut names = DomainEvent::TYPES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), DomainEvent::TYPES.len());
        assert!(DomainEvent::TYPES
            .iter()
            .all(|t| t.split('.').count() == 2 && t.chars().all(|c| c.is_ascii_lowercase() || c == '.' || c == '_')));
    }
}
