//! `/audit-logs`: the append-only audit log, for admins.

use actix_web::{get, web, HttpResponse};
use chrono::{DateTime, Utc};
use shared_types::{AuditEntry, Envelope, ErrorEnvelope};
use uuid::Uuid;

use crate::audit::service as audit;
use crate::platform::auth::Actor;
use crate::platform::envelope;
use crate::platform::error::AppError;
use crate::platform::input::Query;
use crate::platform::paging::PageQuery;
use crate::platform::state::AppState;

/// Query of `GET /audit-logs`.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct AuditQuery {
    /// An action (`auth.login_failed`), or a prefix ending in `.` (`auth.`).
    pub action: Option<String>,
    /// Only entries by this user.
    pub actor_id: Option<Uuid>,
    /// Only entries about this kind of entity (`user`, `ticket`, `api_key`, …).
    pub entity_type: Option<String>,
    /// Only entries about this entity.
    pub entity_id: Option<Uuid>,
    /// Entries at or after this time (RFC 3339).
    pub from: Option<DateTime<Utc>>,
    /// Entries before this time (RFC 3339).
    pub to: Option<DateTime<Utc>>,
    /// 1-based page (1..=100000), default 1.
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<u32>,
    /// Page size, 1..=100, default 50.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

/// The organisation's append-only audit log, newest first (admins): security events
/// (sign-ins and failures, password changes and resets, role changes, (de)activation,
/// keys, sessions) and every change to tickets, people and structure.
#[utoipa::path(tag = "audit", security(("bearer" = [])), params(AuditQuery), responses(
    (status = 200, body = Envelope<Vec<AuditEntry>>), (status = 403, body = ErrorEnvelope)))]
#[get("/audit-logs")]
pub async fn list_audit_logs(
    state: web::Data<AppState>,
    actor: Actor,
    query: Query<AuditQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    let page = PageQuery { page: q.page, limit: q.limit };
    let filter = audit::Filter {
        action: q.action.filter(|s| !s.is_empty()),
        actor_id: q.actor_id,
        entity_type: q.entity_type.filter(|s| !s.is_empty()),
        entity_id: q.entity_id,
        from: q.from,
        to: q.to,
    };
    let (rows, pagination) = audit::list(&state, &actor, filter, page).await?;
    Ok(envelope::list(rows, pagination))
}
