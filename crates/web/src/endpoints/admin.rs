//! Administration: the audit log, the e-mail outbox and background jobs.

use shared_types::{AuditEntry, BackgroundJob, OutboxEmail};

use super::QueryString;
use crate::api::{self, ApiResult, Page};

/// Filters of `GET /audit-logs`; blank fields are left out.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditQuery {
    /// Only this action, e.g. `user.created`.
    pub action: String,
    /// Only this entity type, e.g. `user`.
    pub entity_type: String,
    /// Only entries at or after this date (`YYYY-MM-DD`).
    pub from: String,
    /// Only entries before the end of this date (`YYYY-MM-DD`).
    pub to: String,
    /// 1-based page.
    pub page: u32,
    /// Page size.
    pub limit: u32,
}

impl AuditQuery {
    /// The query string, starting with `?`. Dates become UTC instants covering whole days.
    pub fn to_query(&self) -> String {
        let from = (!self.from.trim().is_empty()).then(|| format!("{}T00:00:00Z", self.from.trim()));
        let to = (!self.to.trim().is_empty()).then(|| format!("{}T23:59:59Z", self.to.trim()));
        QueryString::default()
            .add("action", &self.action)
            .add("entityType", &self.entity_type)
            .add_opt("from", from)
            .add_opt("to", to)
            .add_opt("page", Some(self.page.max(1)))
            .add_opt("limit", Some(self.limit.max(1)))
            .finish()
    }
}

/// `GET /audit-logs?…`.
pub async fn audit_logs(query: AuditQuery) -> ApiResult<Page<AuditEntry>> {
    api::get_page(&format!("/audit-logs{}", query.to_query())).await
}

/// `GET /outbox/emails?status=&page=&limit=`.
pub async fn outbox_emails(status: String, page: u32, limit: u32) -> ApiResult<Page<OutboxEmail>> {
    let query = QueryString::default()
        .add("status", status)
        .add_opt("page", Some(page.max(1)))
        .add_opt("limit", Some(limit.max(1)))
        .finish();
    api::get_page(&format!("/outbox/emails{query}")).await
}

/// `GET /jobs?status=&page=&limit=`.
pub async fn jobs(status: String, page: u32, limit: u32) -> ApiResult<Page<BackgroundJob>> {
    let query = QueryString::default()
        .add("status", status)
        .add_opt("page", Some(page.max(1)))
        .add_opt("limit", Some(limit.max(1)))
        .finish();
    api::get_page(&format!("/jobs{query}")).await
}

/// `POST /jobs/{id}/retry`: runs a dead job again.
pub async fn retry_job(id: uuid::Uuid) -> ApiResult<BackgroundJob> {
    api::post(&format!("/jobs/{id}/retry"), &serde_json::json!({})).await
}

#[cfg(test)]
mod tests {
    use super::AuditQuery;

    #[test]
    fn audit_dates_cover_whole_days() {
        let q =
            AuditQuery { from: "2026-03-01".into(), to: "2026-03-02".into(), page: 1, limit: 50, ..Default::default() };
        assert_eq!(q.to_query(), "?from=2026-03-01T00%3A00%3A00Z&to=2026-03-02T23%3A59%3A59Z&page=1&limit=50");
    }
}
