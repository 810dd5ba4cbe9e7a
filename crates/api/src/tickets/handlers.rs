//! `/tickets`: list, file, read, edit, transition, comment.

use actix_web::http::header::{self, ETag, EntityTag};
use actix_web::{get, post, put, web, HttpRequest, HttpResponse};
use shared_types::{
    Comment, CreateCommentRequest, CreateTicketRequest, Envelope, ErrorEnvelope, Priority, Ticket, TicketDetail,
    TicketStatus, TransitionRequest, UpdateTicketRequest,
};
use uuid::Uuid;

use crate::platform::auth::Actor;
use crate::platform::envelope;
use crate::platform::error::AppError;
use crate::platform::input::{Json, Query};
use crate::platform::paging::PageQuery;
use crate::platform::state::AppState;
use crate::tickets::work as ticket_work;
use crate::tickets::{listing, service};

/// Query of `GET /tickets`.
#[derive(Debug, serde::Deserialize, utoipa::IntoParams)]
#[serde(rename_all = "camelCase")]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    /// Only tickets in this status.
    pub status: Option<TicketStatus>,
    /// Only tickets of this priority.
    pub priority: Option<Priority>,
    /// Only tickets assigned to this user.
    pub assigned_to: Option<Uuid>,
    /// Only tickets filed by this user.
    pub created_by: Option<Uuid>,
    /// `true`: only tickets the caller filed.
    pub mine: Option<bool>,
    /// Words in title or description, or a ticket number (`1042`, `#1042`).
    pub q: Option<String>,
    /// 1-based page (1..=100000; ignored with `cursor`), default 1.
    #[param(minimum = 1, maximum = 100000)]
    pub page: Option<u32>,
    /// Page size, 1..=100, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
    /// `nextCursor` of the previous page: keyset paging, as fast at any depth.
    pub cursor: Option<String>,
}

/// Tickets the caller may read, newest first. Requesters see only their own;
/// technicians their own, their assignments and their units' queues; managers also
/// their units' requesters' tickets and the ones they approve; admins all.
#[utoipa::path(tag = "tickets", security(("bearer" = [])), params(ListQuery), responses(
    (status = 200, body = Envelope<Vec<Ticket>>), (status = 400, body = ErrorEnvelope)))]
#[get("/tickets")]
pub async fn list_tickets(
    state: web::Data<AppState>,
    actor: Actor,
    query: Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let q = query.into_inner();
    let filter = service::ListFilter {
        status: q.status,
        priority: q.priority,
        assigned_to: q.assigned_to,
        created_by: if q.mine == Some(true) { Some(actor.user_id) } else { q.created_by },
        q: q.q,
    };
    let page = PageQuery { page: q.page, limit: q.limit };
    let (rows, pagination) = listing::list(&state, &actor, filter, page, q.cursor.as_deref()).await?;
    Ok(envelope::list(rows, pagination))
}

/// Files a ticket. `formData` is validated against the item's current form; each
/// failing field is in `error.details`. Items that need approval start
/// `pending_approval` with their approval requests; others start `open`.
#[utoipa::path(tag = "tickets", security(("bearer" = [])), request_body = CreateTicketRequest, responses(
    (status = 201, body = Envelope<Ticket>), (status = 422, body = ErrorEnvelope)))]
#[post("/tickets")]
pub async fn create_ticket(
    state: web::Data<AppState>,
    actor: Actor,
    body: Json<CreateTicketRequest>,
) -> Result<HttpResponse, AppError> {
    let ticket = service::create(&state, &actor, body.into_inner()).await?;
    Ok(HttpResponse::Created().insert_header(etag(ticket.version)).json(envelope::wrap(ticket)))
}

fn etag(version: i32) -> ETag {
    ETag(EntityTag::new_strong(version.to_string()))
}

/// A ticket with comments (internal ones only for staff), history and approvals.
/// `ETag` carries the version for `If-Match`.
#[utoipa::path(tag = "tickets", security(("bearer" = [])), params(("id" = Uuid, Path)), responses(
    (status = 200, body = Envelope<TicketDetail>, headers(("ETag" = String))), (status = 404, body = ErrorEnvelope)))]
#[get("/tickets/{id}")]
pub async fn get_ticket(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
) -> Result<HttpResponse, AppError> {
    let detail = service::detail(&state, &actor, *id).await?;
    Ok(HttpResponse::Ok().insert_header(etag(detail.ticket.version)).json(envelope::wrap(detail)))
}

fn if_match(req: &HttpRequest) -> Result<Option<i32>, AppError> {
    let Some(v) = req.headers().get(header::IF_MATCH) else {
        return Ok(None);
    };
    let s = v.to_str().unwrap_or_default().trim().trim_start_matches("W/").trim_matches('"');
    s.parse().map(Some).map_err(|_| {
        AppError::new(shared_types::ErrorCode::BadRequest, "If-Match must be the ticket's version, e.g. \"3\"")
    })
}

/// Edits title, description and priority. Send `If-Match: "<version>"` (or
/// `version`): a stale version is 412 `VERSION_MISMATCH`, none is 428.
#[utoipa::path(tag = "tickets", security(("bearer" = [])), params(("id" = Uuid, Path),
    ("If-Match" = Option<String>, Header, description = "The version you read, e.g. \"3\"")),
    request_body = UpdateTicketRequest, responses(
    (status = 200, body = Envelope<Ticket>), (status = 403, body = ErrorEnvelope), (status = 404, body = ErrorEnvelope),
    (status = 412, body = ErrorEnvelope), (status = 428, body = ErrorEnvelope)))]
#[put("/tickets/{id}")]
pub async fn update_ticket(
    state: web::Data<AppState>,
    actor: Actor,
    req: HttpRequest,
    id: web::Path<Uuid>,
    body: Json<UpdateTicketRequest>,
) -> Result<HttpResponse, AppError> {
    let ticket = ticket_work::update(&state, &actor, *id, body.into_inner(), if_match(&req)?).await?;
    Ok(HttpResponse::Ok().insert_header(etag(ticket.version)).json(envelope::wrap(ticket)))
}

/// Moves the ticket to `to`: the only way a status changes. A move not in the
/// lifecycle is 409 `INVALID_TRANSITION`; one this role may not make is 403
/// `TRANSITION_FORBIDDEN`.
#[utoipa::path(tag = "tickets", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = TransitionRequest,
    responses((status = 200, body = Envelope<Ticket>), (status = 403, body = ErrorEnvelope),
    (status = 404, body = ErrorEnvelope), (status = 409, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
#[post("/tickets/{id}/transitions")]
pub async fn transition_ticket(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    body: Json<TransitionRequest>,
) -> Result<HttpResponse, AppError> {
    let ticket = ticket_work::transition(&state, &actor, *id, body.into_inner()).await?;
    Ok(HttpResponse::Ok().insert_header(etag(ticket.version)).json(envelope::wrap(ticket)))
}

/// Adds a comment; `internal` notes are staff-only and never shown to requesters.
#[utoipa::path(tag = "tickets", security(("bearer" = [])), params(("id" = Uuid, Path)), request_body = CreateCommentRequest,
    responses((status = 201, body = Envelope<Comment>), (status = 403, body = ErrorEnvelope),
    (status = 404, body = ErrorEnvelope), (status = 422, body = ErrorEnvelope)))]
#[post("/tickets/{id}/comments")]
pub async fn create_comment(
    state: web::Data<AppState>,
    actor: Actor,
    id: web::Path<Uuid>,
    body: Json<CreateCommentRequest>,
) -> Result<HttpResponse, AppError> {
    Ok(envelope::created(ticket_work::comment(&state, &actor, *id, body.into_inner()).await?))
}
