//! Tickets: insert, read within a [`TicketScope`], list with filters and keyset
//! pagination, update under optimistic concurrency.

use chrono::{DateTime, Utc};
use serde_json::Value;
use shared_types::{Priority, Ticket, TicketStatus, UserRef};
use sqlx::FromRow;
use uuid::Uuid;

use crate::platform::db::Tx;
use crate::policy::{TicketFacts, TicketScope};

/// Columns and joins of a ticket as the API returns it.
const SELECT: &str = "
    SELECT t.id, t.number, t.title, t.description, t.status, t.priority, t.service_item_id,
           si.name AS service_item_name, t.form_version, t.form_data,
           t.created_by, cu.name AS creator_name, cu.email AS creator_email,
           t.assigned_to, au.name AS assignee_name, au.email AS assignee_email,
           t.fulfilment_unit_id, fu.name AS fulfilment_unit_name, t.version,
           t.response_due_at, t.resolution_due_at, t.created_at, t.updated_at, t.resolved_at, t.closed_at
    FROM tickets t
    JOIN users cu ON cu.id = t.created_by
    LEFT JOIN users au ON au.id = t.assigned_to
    LEFT JOIN service_items si ON si.id = t.service_item_id
    LEFT JOIN units fu ON fu.id = t.fulfilment_unit_id";

/// The read-scope predicate of [`crate::policy::ticket_scope`]: $1 organisation,
/// $2 all, $3 user, $4 queue units, $5 requester units, $6 as approver.
const VISIBLE: &str = "
    t.organisation_id = $1 AND ($2 OR t.created_by = $3 OR t.assigned_to = $3
        OR t.fulfilment_unit_id = ANY($4) OR cu.unit_id = ANY($5)
        OR ($6 AND EXISTS (SELECT 1 FROM approval_requests ar
                           WHERE ar.organisation_id = $1 AND ar.ticket_id = t.id AND ar.approver_id = $3)))";

#[derive(FromRow)]
struct Row {
    id: Uuid,
    number: i64,
    title: String,
    description: String,
    status: String,
    priority: String,
    service_item_id: Option<Uuid>,
    service_item_name: Option<String>,
    form_version: Option<i32>,
    form_data: sqlx::types::Json<Value>,
    created_by: Uuid,
    creator_name: String,
    creator_email: String,
    assigned_to: Option<Uuid>,
    assignee_name: Option<String>,
    assignee_email: Option<String>,
    fulfilment_unit_id: Option<Uuid>,
    fulfilment_unit_name: Option<String>,
    version: i32,
    response_due_at: Option<DateTime<Utc>>,
    resolution_due_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    resolved_at: Option<DateTime<Utc>>,
    closed_at: Option<DateTime<Utc>>,
}

impl From<Row> for Ticket {
    fn from(r: Row) -> Self {
        let assigned_to = match (r.assigned_to, r.assignee_name, r.assignee_email) {
            (Some(id), Some(name), Some(email)) => Some(UserRef { id, name, email }),
            _ => None,
        };
        Ticket {
            id: r.id,
            number: r.number,
            title: r.title,
            description: r.description,
            status: TicketStatus::parse(&r.status).unwrap_or(TicketStatus::Open),
            priority: Priority::parse(&r.priority).unwrap_or(Priority::Medium),
            service_item_id: r.service_item_id,
            service_item_name: r.service_item_name,
            form_version: r.form_version,
            form_data: r.form_data.0,
            created_by: UserRef { id: r.created_by, name: r.creator_name, email: r.creator_email },
            assigned_to,
            fulfilment_unit_id: r.fulfilment_unit_id,
            fulfilment_unit_name: r.fulfilment_unit_name,
            version: r.version,
            response_due_at: r.response_due_at,
            resolution_due_at: r.resolution_due_at,
            created_at: r.created_at,
            updated_at: r.updated_at,
            resolved_at: r.resolved_at,
            closed_at: r.closed_at,
        }
    }
}

macro_rules! bind_scope {
    ($q:expr, $org:expr, $s:expr) => {
        $q.bind($org).bind($s.all).bind($s.user_id).bind(&$s.queue_units).bind(&$s.requester_units).bind($s.as_approver)
    };
}

/// Takes the organisation's next ticket number (row lock on the organisation, so
/// numbers are unique and gap-free per organisation).
pub async fn next_number(tx: &mut Tx, org: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar("UPDATE organisations SET ticket_seq = ticket_seq + 1 WHERE id = $1 RETURNING ticket_seq")
        .bind(org)
        .fetch_one(&mut **tx)
        .await
}

/// A ticket to insert.
pub struct NewTicket {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub number: i64,
    pub title: String,
    pub description: String,
    pub status: TicketStatus,
    pub priority: Priority,
    pub service_item_id: Option<Uuid>,
    pub form_version: Option<i32>,
    pub form_data: Value,
    pub created_by: Uuid,
    pub fulfilment_unit_id: Option<Uuid>,
    pub response_due_at: Option<DateTime<Utc>>,
    pub resolution_due_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
}

/// Inserts a ticket.
pub async fn insert(tx: &mut Tx, t: &NewTicket) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO tickets (id, organisation_id, number, title, description, status, priority, service_item_id,
             form_version, form_data, created_by, fulfilment_unit_id, response_due_at, resolution_due_at,
             created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)",
    )
    .bind(t.id)
    .bind(t.organisation_id)
    .bind(t.number)
    .bind(&t.title)
    .bind(&t.description)
    .bind(t.status.as_str())
    .bind(t.priority.as_str())
    .bind(t.service_item_id)
    .bind(t.form_version)
    .bind(sqlx::types::Json(&t.form_data))
    .bind(t.created_by)
    .bind(t.fulfilment_unit_id)
    .bind(t.response_due_at)
    .bind(t.resolution_due_at)
    .bind(t.created_at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A ticket the scope can read.
pub async fn get(tx: &mut Tx, org: Uuid, scope: &TicketScope, id: Uuid) -> sqlx::Result<Option<Ticket>> {
    let sql = format!("{SELECT} WHERE {VISIBLE} AND t.id = $7");
    let row: Option<Row> = bind_scope!(sqlx::query_as(&sql), org, scope).bind(id).fetch_optional(&mut **tx).await?;
    Ok(row.map(Ticket::from))
}

/// A ticket as `ticket_detail` returns it (the wire types, plus whether the ticket is
/// in one of the caller's queues).
#[derive(Debug, serde::Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct DetailDocument {
    pub ticket: Ticket,
    pub in_queue: bool,
    pub comments: Vec<shared_types::Comment>,
    pub history: Vec<shared_types::HistoryEntry>,
    pub approvals: Vec<shared_types::Approval>,
}

/// The ticket `id` with its comments (internal ones when `internal`), history and
/// approvals, as `actor` with read scope `shape` may see it, or `None`: one
/// statement, the SQL function `ticket_detail` (migration 0018), which sets the
/// organisation for row-level security itself. Run it on the pool, outside a
/// transaction (the setting ends with the statement).
pub async fn detail(
    pool: &sqlx::PgPool,
    actor: &crate::platform::auth::Actor,
    id: Uuid,
    shape: crate::policy::ScopeShape,
    internal: bool,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT ticket_detail($1, $2, $3, $4, $5, $6, $7, $8, $9)")
        .bind(actor.organisation_id)
        .bind(actor.user_id)
        .bind(id)
        .bind(shape.all)
        .bind(shape.queue_own)
        .bind(shape.queue_managed)
        .bind(shape.requester_managed)
        .bind(shape.as_approver)
        .bind(internal)
        .fetch_one(pool)
        .await
}

/// Reads the document [`detail`] returns.
pub fn parse_detail(document: &str) -> serde_json::Result<DetailDocument> {
    serde_json::from_str(document)
}

/// Locks a ticket the scope can read (`FOR UPDATE` of the ticket row) and returns the
/// facts decisions need (`in_queue`: its fulfilment unit is one of the scope's queue
/// units), with its version.
pub async fn lock(
    tx: &mut Tx,
    org: Uuid,
    scope: &TicketScope,
    id: Uuid,
) -> sqlx::Result<Option<(TicketFacts, i32, i64)>> {
    let sql = format!(
        "SELECT t.status, t.created_by, t.assigned_to, t.version, COALESCE(t.fulfilment_unit_id = ANY($4), false), t.number
         FROM tickets t JOIN users cu ON cu.id = t.created_by
         WHERE {VISIBLE} AND t.id = $7 FOR UPDATE OF t"
    );
    let row: Option<(String, Uuid, Option<Uuid>, i32, bool, i64)> =
        bind_scope!(sqlx::query_as(&sql), org, scope).bind(id).fetch_optional(&mut **tx).await?;
    Ok(row.and_then(|(status, created_by, assigned_to, version, in_queue, number)| {
        Some((
            TicketFacts { status: TicketStatus::parse(&status)?, created_by, assigned_to, in_queue },
            version,
            number,
        ))
    }))
}

/// Updates title, description and priority of a ticket of `org`, bumping the version
/// (no change for a ticket of another organisation).
pub async fn update_fields(
    tx: &mut Tx,
    org: Uuid,
    id: Uuid,
    title: &str,
    description: &str,
    priority: Priority,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE tickets SET title = $3, description = $4, priority = $5, version = version + 1, updated_at = $6
         WHERE organisation_id = $1 AND id = $2",
    )
    .bind(org)
    .bind(id)
    .bind(title)
    .bind(description)
    .bind(priority.as_str())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Sets the status (and assignee) of a ticket of `org`, stamping resolved/closed
/// times, bumping the version (no change for a ticket of another organisation).
pub async fn set_status(
    tx: &mut Tx,
    org: Uuid,
    id: Uuid,
    status: TicketStatus,
    assigned_to: Option<Uuid>,
    now: DateTime<Utc>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE tickets SET status = $3, assigned_to = $4, version = version + 1, updated_at = $5,
             resolved_at = CASE WHEN $3 = 'resolved' THEN $5 WHEN $3 = 'in_progress' THEN NULL ELSE resolved_at END,
             closed_at = CASE WHEN $3 IN ('closed', 'cancelled') THEN $5 ELSE closed_at END
         WHERE organisation_id = $1 AND id = $2",
    )
    .bind(org)
    .bind(id)
    .bind(status.as_str())
    .bind(assigned_to)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

pub mod conversation;
mod list;
pub use list::{list, ListFilter, ListPage, Total, COUNT_CAP, SEARCH_WINDOW};
