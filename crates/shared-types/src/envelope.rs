//! The response envelope:
//! `{"success": true, "data": …, "meta": {"timestamp", "requestId"}}`, lists add
//! `pagination`; failures carry `error` instead of `data`.

use chrono::{DateTime, Utc};

use crate::error::ApiError;

crate::wire! {
    /// Metadata on every response: server time and the request id also sent as
    /// `X-Request-Id` (quote it when reporting a problem).
    pub struct Meta {
        pub timestamp: DateTime<Utc>,
        pub request_id: String,
    }

    /// Page information on list responses. `page`/`limit` are 1-based offset paging;
    /// `nextCursor`, when present, fetches the following page by keyset (stable and
    /// equally fast at any depth). `total` counts the matching rows; lists that may
    /// grow without bound (tickets) stop counting early and then say `totalCapped`:
    /// more rows match than `total`, which is a lower bound (1,000 for ticket lists,
    /// 200 for text searches, or as far as the page reaches; shown as "1000+").
    /// `totalPages` is computed from `total`.
    pub struct Pagination {
        pub page: u32,
        pub limit: u32,
        pub total: i64,
        pub total_pages: i64,
        #[serde(default)]
        pub total_capped: bool,
        pub next_cursor: Option<String>,
    }

    /// A failed response.
    pub struct ErrorEnvelope {
        pub success: bool,
        pub error: ApiError,
        pub meta: Meta,
    }
}

/// A successful response carrying `data`.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Envelope<T> {
    pub success: bool,
    pub data: T,
    pub meta: Meta,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pagination: Option<Pagination>,
}
