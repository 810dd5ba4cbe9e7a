//! Tickets, their comments and history.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::approval::Approval;
use crate::auth::UserRef;

/// A ticket's state in its lifecycle; the allowed
/// moves are [`crate::lifecycle::next_statuses`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    Draft,
    PendingApproval,
    Open,
    Assigned,
    InProgress,
    PendingUser,
    Resolved,
    Closed,
    Cancelled,
}

impl TicketStatus {
    /// Every status, in lifecycle order.
    pub const ALL: [TicketStatus; 9] = [
        Self::Draft,
        Self::PendingApproval,
        Self::Open,
        Self::Assigned,
        Self::InProgress,
        Self::PendingUser,
        Self::Resolved,
        Self::Closed,
        Self::Cancelled,
    ];

    /// The database and JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::PendingApproval => "pending_approval",
            Self::Open => "open",
            Self::Assigned => "assigned",
            Self::InProgress => "in_progress",
            Self::PendingUser => "pending_user",
            Self::Resolved => "resolved",
            Self::Closed => "closed",
            Self::Cancelled => "cancelled",
        }
    }

    /// Parses the database spelling.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// A label for people ("Pending approval").
    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::PendingApproval => "Pending approval",
            Self::Open => "Open",
            Self::Assigned => "Assigned",
            Self::InProgress => "In progress",
            Self::PendingUser => "Waiting for requester",
            Self::Resolved => "Resolved",
            Self::Closed => "Closed",
            Self::Cancelled => "Cancelled",
        }
    }

    /// Closed and cancelled tickets never change again.
    pub fn is_final(self) -> bool {
        matches!(self, Self::Closed | Self::Cancelled)
    }
}

/// Ticket priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    Low,
    Medium,
    High,
    Critical,
}

impl Priority {
    /// Every priority, lowest first.
    pub const ALL: [Priority; 4] = [Self::Low, Self::Medium, Self::High, Self::Critical];

    /// The database and JSON spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Critical => "critical",
        }
    }

    /// Parses the database spelling.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.as_str() == s)
    }
}

/// Who may read a comment: `internal` comments are for staff only; requesters never
/// see them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    Public,
    Internal,
}

crate::wire! {
    /// A ticket as lists and detail return it. `number` is per organisation ("#1042").
    /// `version` increases with every change; send it back as `If-Match` to update.
    pub struct Ticket {
        pub id: Uuid,
        pub number: i64,
        pub title: String,
        pub description: String,
        pub status: TicketStatus,
        pub priority: Priority,
        pub service_item_id: Option<Uuid>,
        pub service_item_name: Option<String>,
        pub form_version: Option<i32>,
        #[cfg_attr(feature = "openapi", schema(value_type = Object))]
        pub form_data: serde_json::Value,
        pub created_by: UserRef,
        pub assigned_to: Option<UserRef>,
        pub fulfilment_unit_id: Option<Uuid>,
        pub fulfilment_unit_name: Option<String>,
        pub version: i32,
        pub response_due_at: Option<DateTime<Utc>>,
        pub resolution_due_at: Option<DateTime<Utc>>,
        pub created_at: DateTime<Utc>,
        pub updated_at: DateTime<Utc>,
        pub resolved_at: Option<DateTime<Utc>>,
        pub closed_at: Option<DateTime<Utc>>,
    }

    /// A comment on a ticket.
    pub struct Comment {
        pub id: Uuid,
        pub author: UserRef,
        pub body: String,
        pub visibility: Visibility,
        pub created_at: DateTime<Utc>,
    }

    /// One recorded change: `field` is what changed (`status`, `priority`,
    /// `assigned_to`, `title`, …), `from`/`to` its old and new values as text.
    pub struct HistoryEntry {
        pub id: Uuid,
        pub actor: Option<UserRef>,
        pub field: String,
        pub from_value: Option<String>,
        pub to_value: Option<String>,
        pub note: Option<String>,
        pub created_at: DateTime<Utc>,
    }

    /// `GET /api/v1/tickets/{id}`: the ticket with what the caller may see of its
    /// comments, its history and its approvals.
    pub struct TicketDetail {
        pub ticket: Ticket,
        pub comments: Vec<Comment>,
        pub history: Vec<HistoryEntry>,
        pub approvals: Vec<Approval>,
        /// The statuses the caller may move this ticket to now
        /// (`POST /tickets/{id}/transitions` accepts exactly these), in lifecycle order.
        pub allowed_transitions: Vec<TicketStatus>,
        /// Whether the caller may edit title, description and priority now
        /// (`PUT /tickets/{id}`).
        pub editable: bool,
    }

    /// `POST /api/v1/tickets`. `formData` is validated against the item's current
    /// form; without `serviceItemId` it is a free incident and `formData` must be empty.
    /// `priority` defaults to the item's default priority, else `medium`.
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct CreateTicketRequest {
        pub service_item_id: Option<Uuid>,
        #[validate(length(max = 200), custom(function = "crate::rules::non_blank"))]
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
        pub title: String,
        #[serde(default)]
        pub description: String,
        pub priority: Option<Priority>,
        #[serde(default = "empty_object")]
        #[cfg_attr(feature = "openapi", schema(value_type = Object))]
        pub form_data: serde_json::Value,
    }

    /// `PUT /api/v1/tickets/{id}`: the editable fields, all of them (a PUT replaces).
    /// Send the version you read as `If-Match: "N"` (or as `version`); a stale one is
    /// 412 `VERSION_MISMATCH`. A PUT that changes nothing keeps the version.
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct UpdateTicketRequest {
        #[validate(length(max = 200), custom(function = "crate::rules::non_blank"))]
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200, pattern = r"\S"))]
        pub title: String,
        pub description: String,
        pub priority: Priority,
        pub version: Option<i32>,
    }

    /// `POST /api/v1/tickets/{id}/transitions`: the only way to change a status.
    /// `assigneeId` is used by `assigned` (default: the caller); `reason` is recorded in
    /// the history and required for `cancelled`.
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct TransitionRequest {
        pub to: TicketStatus,
        pub assignee_id: Option<Uuid>,
        pub reason: Option<String>,
    }

    /// `POST /api/v1/tickets/{id}/comments`.
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct CreateCommentRequest {
        #[validate(custom(function = "crate::rules::non_blank"))]
        #[cfg_attr(feature = "openapi", schema(min_length = 1, pattern = r"\S"))]
        pub body: String,
        #[serde(default = "public_visibility")]
        pub visibility: Visibility,
    }
}

fn empty_object() -> serde_json::Value {
    serde_json::Value::Object(serde_json::Map::new())
}

fn public_visibility() -> Visibility {
    Visibility::Public
}
