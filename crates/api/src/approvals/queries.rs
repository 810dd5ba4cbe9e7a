//! Approval requests: creation from resolved rule steps, listing, and decisions that
//! are recorded exactly once (a conditional UPDATE on `status = 'pending'`). Every
//! query names its organisation (`organisation_id = $org`) besides RLS.

use chrono::{DateTime, Utc};
use serde_json::Value;
use shared_types::{Approval, ApprovalStatus, PendingApproval, Priority, TicketStatus, UserRef};
use sqlx::FromRow;
use uuid::Uuid;

use crate::approvals::approvers::Assignment;
use crate::platform::db::Tx;

/// Creates one pending request per resolved step.
pub async fn create(
    tx: &mut Tx,
    org: Uuid,
    ticket: Uuid,
    steps: &[Assignment],
    at: DateTime<Utc>,
) -> sqlx::Result<Vec<Uuid>> {
    let mut ids = Vec::with_capacity(steps.len());
    for a in steps {
        let id = Uuid::new_v4();
        ids.push(id);
        sqlx::query(
            "INSERT INTO approval_requests (id, organisation_id, ticket_id, step, approver_id, is_required, is_fallback, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(id)
        .bind(org)
        .bind(ticket)
        .bind(a.step)
        .bind(a.approver_id)
        .bind(a.is_required)
        .bind(a.is_fallback)
        .bind(at)
        .execute(&mut **tx)
        .await?;
    }
    Ok(ids)
}

const SELECT: &str = "
    SELECT a.id, a.ticket_id, a.step, a.approver_id, u.name AS approver_name, u.email AS approver_email,
           a.is_required, a.is_fallback, a.status, a.reason, a.decided_at, a.created_at
    FROM approval_requests a JOIN users u ON u.organisation_id = a.organisation_id AND u.id = a.approver_id";

#[derive(FromRow)]
struct Row {
    id: Uuid,
    ticket_id: Uuid,
    step: i32,
    approver_id: Uuid,
    approver_name: String,
    approver_email: String,
    is_required: bool,
    is_fallback: bool,
    status: String,
    reason: Option<String>,
    decided_at: Option<DateTime<Utc>>,
    created_at: DateTime<Utc>,
}

impl From<Row> for Approval {
    fn from(r: Row) -> Self {
        Approval {
            id: r.id,
            ticket_id: r.ticket_id,
            step: r.step,
            approver: UserRef { id: r.approver_id, name: r.approver_name, email: r.approver_email },
            is_required: r.is_required,
            is_fallback: r.is_fallback,
            status: ApprovalStatus::parse(&r.status).unwrap_or(ApprovalStatus::Pending),
            reason: r.reason,
            decided_at: r.decided_at,
            created_at: r.created_at,
        }
    }
}

/// One approval of `org`; `None` if `org` has no such approval.
pub async fn get(tx: &mut Tx, org: Uuid, id: Uuid) -> sqlx::Result<Option<Approval>> {
    let sql = format!("{SELECT} WHERE a.organisation_id = $1 AND a.id = $2");
    let row: Option<Row> = sqlx::query_as(&sql).bind(org).bind(id).fetch_optional(&mut **tx).await?;
    Ok(row.map(Approval::from))
}

/// Pending approvals of `org` assigned to `approver` on tickets still waiting for
/// approval.
pub async fn pending_for(tx: &mut Tx, org: Uuid, approver: Uuid) -> sqlx::Result<Vec<PendingApproval>> {
    #[derive(FromRow)]
    struct P {
        #[sqlx(flatten)]
        a: Row,
        number: i64,
        title: String,
        tstatus: String,
        priority: String,
        item_name: Option<String>,
        req_id: Uuid,
        req_name: String,
        req_email: String,
        form_data: sqlx::types::Json<Value>,
    }
    let rows: Vec<P> = sqlx::query_as(
        "SELECT a.id, a.ticket_id, a.step, a.approver_id, u.name AS approver_name, u.email AS approver_email,
                a.is_required, a.is_fallback, a.status, a.reason, a.decided_at, a.created_at,
                t.number, t.title, t.status AS tstatus, t.priority, si.name AS item_name,
                r.id AS req_id, r.name AS req_name, r.email AS req_email, t.form_data
         FROM approval_requests a
         JOIN users u ON u.organisation_id = a.organisation_id AND u.id = a.approver_id
         JOIN tickets t ON t.organisation_id = a.organisation_id AND t.id = a.ticket_id
         JOIN users r ON r.organisation_id = t.organisation_id AND r.id = t.created_by
         LEFT JOIN service_items si ON si.organisation_id = t.organisation_id AND si.id = t.service_item_id
         WHERE a.organisation_id = $1 AND a.approver_id = $2 AND a.status = 'pending'
           AND t.status = 'pending_approval'
         ORDER BY a.created_at",
    )
    .bind(org)
    .bind(approver)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|p| PendingApproval {
            approval: p.a.into(),
            ticket_number: p.number,
            ticket_title: p.title,
            ticket_status: TicketStatus::parse(&p.tstatus).unwrap_or(TicketStatus::PendingApproval),
            ticket_priority: Priority::parse(&p.priority).unwrap_or(Priority::Medium),
            service_item_name: p.item_name,
            requester: UserRef { id: p.req_id, name: p.req_name, email: p.req_email },
            form_data: p.form_data.0,
        })
        .collect())
}

/// Records a decision on an approval of `org` if it is still pending; false when
/// someone decided first (the caller answers 409) or `org` has no such approval.
pub async fn decide(
    tx: &mut Tx,
    org: Uuid,
    id: Uuid,
    status: ApprovalStatus,
    reason: Option<&str>,
    at: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE approval_requests SET status = $3, reason = $4, decided_at = $5
         WHERE organisation_id = $1 AND id = $2 AND status = 'pending'",
    )
    .bind(org)
    .bind(id)
    .bind(status.as_str())
    .bind(reason)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// How many required approvals of a ticket of `org` are not yet approved.
pub async fn required_outstanding(tx: &mut Tx, org: Uuid, ticket: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT count(*) FROM approval_requests
         WHERE organisation_id = $1 AND ticket_id = $2 AND is_required AND status <> 'approved'",
    )
    .bind(org)
    .bind(ticket)
    .fetch_one(&mut **tx)
    .await
}

/// Marks the still-pending approvals of a ticket of `org` skipped (after a required
/// rejection, or when the ticket is withdrawn); returns their ids.
pub async fn skip_pending(tx: &mut Tx, org: Uuid, ticket: Uuid, at: DateTime<Utc>) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "UPDATE approval_requests SET status = 'skipped', decided_at = $3
         WHERE organisation_id = $1 AND ticket_id = $2 AND status = 'pending'
         RETURNING id",
    )
    .bind(org)
    .bind(ticket)
    .bind(at)
    .fetch_all(&mut **tx)
    .await
}

/// The `approval.decided` events of approvals skipped on ticket `ticket` (`number`).
pub fn skipped_events(
    skipped: Vec<Uuid>,
    ticket: Uuid,
    number: i64,
) -> impl Iterator<Item = shared_types::events::DomainEvent> {
    skipped.into_iter().map(move |approval_id| {
        shared_types::events::DomainEvent::ApprovalDecided(shared_types::events::ApprovalDecided {
            approval_id,
            ticket_id: ticket,
            number,
            decision: shared_types::ApprovalStatus::Skipped,
            reason: None,
        })
    })
}
