//! Approval requests and decisions.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::UserRef;
use crate::ticket::{Priority, TicketStatus};

/// State of one approval request; `skipped` when another required step rejected first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ApprovalStatus {
    Pending,
    Approved,
    Rejected,
    Skipped,
}

impl ApprovalStatus {
    /// The database spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::Skipped => "skipped",
        }
    }

    /// Parses the database spelling.
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pending, Self::Approved, Self::Rejected, Self::Skipped].into_iter().find(|a| a.as_str() == s)
    }
}

crate::wire! {
    /// One approval request of a ticket. `isFallback` marks a request routed to an
    /// admin because the rule found no eligible approver.
    pub struct Approval {
        pub id: Uuid,
        pub ticket_id: Uuid,
        pub step: i32,
        pub approver: UserRef,
        pub is_required: bool,
        pub is_fallback: bool,
        pub status: ApprovalStatus,
        pub reason: Option<String>,
        pub decided_at: Option<DateTime<Utc>>,
        pub created_at: DateTime<Utc>,
    }

    /// An approval waiting for the caller, with enough of its ticket to decide.
    pub struct PendingApproval {
        pub approval: Approval,
        pub ticket_number: i64,
        pub ticket_title: String,
        pub ticket_status: TicketStatus,
        pub ticket_priority: Priority,
        pub service_item_name: Option<String>,
        pub requester: UserRef,
        #[cfg_attr(feature = "openapi", schema(value_type = Object))]
        pub form_data: serde_json::Value,
    }

    /// `POST /api/v1/approvals/{id}/approve` (body optional). `reason` is what the
    /// approval then shows as its `reason`; `comment`, its earlier name, is still read.
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct ApproveRequest {
        #[serde(alias = "comment")]
        pub reason: Option<String>,
    }

    /// `POST /api/v1/approvals/{id}/reject`: a reason is required.
    #[derive(validator::Validate)]
    #[serde(deny_unknown_fields)]
    pub struct RejectRequest {
        #[validate(custom(function = "crate::rules::non_blank"))]
        #[cfg_attr(feature = "openapi", schema(min_length = 1, pattern = r"\S"))]
        pub reason: String,
    }
}
