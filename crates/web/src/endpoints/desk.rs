//! Sign-in and the service desk: catalog, tickets, comments and approvals.

use serde::Serialize;
use shared_types::{
    ApproveRequest, Comment, CreateCommentRequest, CreateTicketRequest, LoginRequest, PendingApproval, Priority,
    RejectRequest, ServiceCatalog, ServiceItem, ServiceItemTemplate, Ticket, TicketDetail, TicketStatus, TokenResponse,
    TransitionRequest, UpdateTicketRequest, User,
};
use uuid::Uuid;

use crate::api::{self, encode, ApiResult, Page};

/// `POST /auth/login`.
pub async fn login(email: String, password: String) -> ApiResult<TokenResponse> {
    api::post("/auth/login", &LoginRequest { email, password }).await
}

/// `POST /auth/logout`: revokes the refresh cookie.
pub async fn logout() -> ApiResult<()> {
    api::post_empty("/auth/logout").await
}

/// `GET /me`.
pub async fn me() -> ApiResult<User> {
    api::get("/me").await
}

/// `GET /service-catalog`.
pub async fn catalog() -> ApiResult<ServiceCatalog> {
    api::get("/service-catalog").await
}

/// `GET /service-items/{id}` and its current form template, together.
pub async fn service_item_with_form(id: String) -> ApiResult<(ServiceItem, ServiceItemTemplate)> {
    let id = encode(&id);
    let item = api::get(&format!("/service-items/{id}")).await?;
    let template = api::get(&format!("/service-items/{id}/template")).await?;
    Ok((item, template))
}

/// `POST /tickets`.
pub async fn create_ticket(request: CreateTicketRequest) -> ApiResult<Ticket> {
    api::post("/tickets", &request).await
}

/// Filters of `GET /tickets`; empty fields are left out of the query.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TicketQuery {
    /// Only this status.
    pub status: Option<TicketStatus>,
    /// Only this priority.
    pub priority: Option<Priority>,
    /// Only tickets assigned to this user.
    pub assigned_to: Option<Uuid>,
    /// Only tickets the caller created.
    pub mine: bool,
    /// Free-text search.
    pub q: String,
    /// Keyset cursor from the previous page's `nextCursor`.
    pub cursor: Option<String>,
    /// Page size.
    pub limit: u32,
}

impl TicketQuery {
    /// The query string, starting with `?`.
    pub fn to_query(&self) -> String {
        let mut parts = vec![format!("limit={}", self.limit.max(1))];
        if let Some(status) = self.status {
            parts.push(format!("status={}", status.as_str()));
        }
        if let Some(priority) = self.priority {
            parts.push(format!("priority={}", priority.as_str()));
        }
        if let Some(user) = self.assigned_to {
            parts.push(format!("assignedTo={user}"));
        }
        if self.mine {
            parts.push("mine=true".into());
        }
        if !self.q.trim().is_empty() {
            parts.push(format!("q={}", encode(self.q.trim())));
        }
        if let Some(cursor) = &self.cursor {
            parts.push(format!("cursor={}", encode(cursor)));
        }
        format!("?{}", parts.join("&"))
    }
}

/// `GET /tickets?…`.
pub async fn tickets(query: TicketQuery) -> ApiResult<Page<Ticket>> {
    api::get_page(&format!("/tickets{}", query.to_query())).await
}

/// `GET /tickets/{id}`.
pub async fn ticket(id: String) -> ApiResult<TicketDetail> {
    api::get(&format!("/tickets/{}", encode(&id))).await
}

/// `PUT /tickets/{id}` with `If-Match` (412 `VERSION_MISMATCH` when stale).
pub async fn update_ticket(id: Uuid, version: i32, request: UpdateTicketRequest) -> ApiResult<Ticket> {
    api::put(&format!("/tickets/{id}"), &request, version).await
}

/// `POST /tickets/{id}/transitions`.
pub async fn transition(id: Uuid, request: TransitionRequest) -> ApiResult<Ticket> {
    api::post(&format!("/tickets/{id}/transitions"), &request).await
}

/// `POST /tickets/{id}/comments`.
pub async fn add_comment(id: Uuid, request: CreateCommentRequest) -> ApiResult<Comment> {
    api::post(&format!("/tickets/{id}/comments"), &request).await
}

/// `GET /approvals/pending`.
pub async fn pending_approvals() -> ApiResult<Vec<PendingApproval>> {
    api::get("/approvals/pending").await
}

/// `POST /approvals/{id}/approve`.
pub async fn approve(id: Uuid, comment: Option<String>) -> ApiResult<serde_json::Value> {
    decide(format!("/approvals/{id}/approve"), &ApproveRequest { reason: comment }).await
}

/// `POST /approvals/{id}/reject` (a reason is required).
pub async fn reject(id: Uuid, reason: String) -> ApiResult<serde_json::Value> {
    decide(format!("/approvals/{id}/reject"), &RejectRequest { reason }).await
}

async fn decide<B: Serialize>(path: String, body: &B) -> ApiResult<serde_json::Value> {
    api::post(&path, body).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_string_leaves_out_empty_filters_and_encodes_text() {
        let q = TicketQuery { limit: 20, ..Default::default() };
        assert_eq!(q.to_query(), "?limit=20");
        let me = Uuid::nil();
        let q = TicketQuery {
            status: Some(TicketStatus::InProgress),
            priority: Some(Priority::High),
            assigned_to: Some(me),
            mine: true,
            q: " printer & scanner ".into(),
            cursor: Some("a+b/c".into()),
            limit: 10,
        };
        assert_eq!(
            q.to_query(),
            format!("?limit=10&status=in_progress&priority=high&assignedTo={me}&mine=true&q=printer%20%26%20scanner&cursor=a%2Bb%2Fc")
        );
    }
}
