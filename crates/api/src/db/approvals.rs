//! Approval requests: creation from resolved rule steps, listing, and decisions that
//! are recorded exactly once (a conditional UPDATE on `status = 'pending'`).

use chrono::{DateTime, Utc};
use serde_json::Value;
use shared_types::{Approval, ApprovalStatus, PendingApproval, Priority, TicketStatus, UserRef};
use sqlx::FromRow;
use uuid::Uuid;

use super::Tx;
use crate::domain::approvers::Assignment;

/// Creates one pending request per resolved step.
pub async fn create(tx: &mut Tx, org: Uuid, ticket: Uuid, steps: &[Assignment], at: DateTime<Utc>) -> sqlx::Result<()> {
    for a in steps {
        sqlx::query(
            "INSERT INTO approval_requests (id, organisation_id, ticket_id, step, approver_id, is_required, is_fallback, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(Uuid::new_v4())
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
    Ok(())
}

const SELECT: &str = "
    SELECT a.id, a.ticket_id, a.step, a.approver_id, u.name AS approver_name, u.email AS approver_email,
           a.is_required, a.is_fallback, a.status, a.reason, a.decided_at, a.created_at
    FROM approval_requests a JOIN users u ON u.id = a.approver_id";

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

/// A ticket's approvals by step.
pub async fn for_ticket(tx: &mut Tx, ticket: Uuid) -> sqlx::Result<Vec<Approval>> {
    let rows: Vec<Row> = sqlx::query_as(&format!("{SELECT} WHERE a.ticket_id = $1 ORDER BY a.step"))
        .bind(ticket)
        .fetch_all(&mut **tx)
        .await?;
    Ok(rows.into_iter().map(Approval::from).collect())
}

/// One approval.
pub async fn get(tx: &mut Tx, id: Uuid) -> sqlx::Result<Option<Approval>> {
    let row: Option<Row> =
        sqlx::query_as(&format!("{SELECT} WHERE a.id = $1")).bind(id).fetch_optional(&mut **tx).await?;
    Ok(row.map(Approval::from))
}

/// Pending approvals assigned to `approver` on tickets still waiting for approval.
pub async fn pending_for(tx: &mut Tx, approver: Uuid) -> sqlx::Result<Vec<PendingApproval>> {
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
         JOIN users u ON u.id = a.approver_id
         JOIN tickets t ON t.id = a.ticket_id
         JOIN users r ON r.id = t.created_by
         LEFT JOIN service_items si ON si.id = t.service_item_id
         WHERE a.approver_id = $1 AND a.status = 'pending' AND t.status = 'pending_approval'
         ORDER BY a.created_at",
    )
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

/// Records a decision if the approval is still pending; false when someone decided
/// first (the caller answers 409).
pub async fn decide(
    tx: &mut Tx,
    id: Uuid,
    status: ApprovalStatus,
    reason: Option<&str>,
    at: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE approval_requests SET status = $2, reason = $3, decided_at = $4 WHERE id = $1 AND status = 'pending'",
    )
    .bind(id)
    .bind(status.as_str())
    .bind(reason)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// How many required approvals of a ticket are not yet approved.
pub async fn required_outstanding(tx: &mut Tx, ticket: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT count(*) FROM approval_requests WHERE ticket_id = $1 AND is_required AND status <> 'approved'",
    )
    .bind(ticket)
    .fetch_one(&mut **tx)
    .await
}

/// Marks the ticket's other pending approvals skipped (after a required rejection).
pub async fn skip_pending(tx: &mut Tx, ticket: Uuid, at: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE approval_requests SET status = 'skipped', decided_at = $2 WHERE ticket_id = $1 AND status = 'pending'",
    )
    .bind(ticket)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
