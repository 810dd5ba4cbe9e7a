//! Ticket lists: filters, text search and two kinds of paging (offset `page`, and
//! keyset `cursor`, which stays flat at any depth).
//!
//! The WHERE clause is built from what applies only (the caller's scope, the filters
//! given), not from `($n IS NULL OR ...)` and `= ANY('{}')` branches: those keep
//! PostgreSQL from combining the indexes on creator, assignee and fulfilment unit, and
//! a cached generic plan cannot drop them at all (issue 5, measured with 1M tickets).

use chrono::{DateTime, Utc};
use shared_types::{Priority, Ticket, TicketStatus};
use sqlx::{Postgres, QueryBuilder};
use uuid::Uuid;

use super::{Row, Tx, SELECT};
use crate::policy::TicketScope;

/// Filters of `GET /tickets`.
#[derive(Debug, Default, Clone)]
pub struct ListFilter {
    pub status: Option<TicketStatus>,
    pub priority: Option<Priority>,
    pub assigned_to: Option<Uuid>,
    pub created_by: Option<Uuid>,
    /// Words to find in title and description (PostgreSQL full-text, `simple`
    /// configuration), or a ticket number (`1042` or `#1042`).
    pub q: Option<String>,
}

/// Which page: a keyset cursor (newest first, after `(created_at, id)`) wins over
/// `page`. `limit` rows are returned, plus one more when a further page exists.
#[derive(Debug, Clone)]
pub struct ListPage {
    pub page: u32,
    pub limit: u32,
    pub after: Option<(DateTime<Utc>, Uuid)>,
}

/// Appends ` WHERE ...`: the organisation, the read scope of [`super::VISIBLE`]
/// (its branches that can match), the filters given and the text search.
fn push_where<'a>(qb: &mut QueryBuilder<'a, Postgres>, org: Uuid, s: &'a TicketScope, f: &'a ListFilter) {
    qb.push(" WHERE t.organisation_id = ").push_bind(org);
    if !s.all {
        qb.push(" AND (t.created_by = ").push_bind(s.user_id);
        qb.push(" OR t.assigned_to = ").push_bind(s.user_id);
        if !s.queue_units.is_empty() {
            qb.push(" OR t.fulfilment_unit_id = ANY(").push_bind(&s.queue_units).push(")");
        }
        if !s.requester_units.is_empty() {
            qb.push(" OR cu.unit_id = ANY(").push_bind(&s.requester_units).push(")");
        }
        if s.as_approver {
            qb.push(" OR EXISTS (SELECT 1 FROM approval_requests ar WHERE ar.ticket_id = t.id AND ar.approver_id = ");
            qb.push_bind(s.user_id).push(")");
        }
        qb.push(")");
    }
    if let Some(status) = f.status {
        qb.push(" AND t.status = ").push_bind(status.as_str());
    }
    if let Some(priority) = f.priority {
        qb.push(" AND t.priority = ").push_bind(priority.as_str());
    }
    if let Some(user) = f.assigned_to {
        qb.push(" AND t.assigned_to = ").push_bind(user);
    }
    if let Some(user) = f.created_by {
        qb.push(" AND t.created_by = ").push_bind(user);
    }
    if let Some(q) = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        // ticket_search (migration 0009) answers from the GIN index: under row-level
        // security `@@` itself is not leakproof and would be checked row by row.
        qb.push(" AND (t.id = ANY(ARRAY(SELECT ticket_search(").push_bind(q).push(")))");
        if let Ok(number) = q.trim_start_matches('#').parse::<i64>() {
            qb.push(" OR t.number = ").push_bind(number);
        }
        qb.push(")");
    }
}

/// One page of tickets (up to `limit + 1`: the extra row says a next page exists)
/// and the total count of matches.
pub async fn list(
    tx: &mut Tx,
    org: Uuid,
    scope: &TicketScope,
    f: &ListFilter,
    p: &ListPage,
) -> sqlx::Result<(Vec<Ticket>, i64)> {
    let mut qb = QueryBuilder::<Postgres>::new(SELECT);
    push_where(&mut qb, org, scope, f);
    if let Some((at, id)) = p.after {
        qb.push(" AND (t.created_at, t.id) < (").push_bind(at).push(", ").push_bind(id).push(")");
    }
    qb.push(" ORDER BY t.created_at DESC, t.id DESC LIMIT ").push_bind(i64::from(p.limit) + 1);
    if p.after.is_none() {
        qb.push(" OFFSET ").push_bind(i64::from(p.page.saturating_sub(1)) * i64::from(p.limit));
    }
    let rows: Vec<Row> = qb.build_query_as().fetch_all(&mut **tx).await?;
    let mut count =
        QueryBuilder::<Postgres>::new("SELECT count(*) FROM tickets t JOIN users cu ON cu.id = t.created_by");
    push_where(&mut count, org, scope, f);
    let total: i64 = count.build_query_scalar().fetch_one(&mut **tx).await?;
    Ok((rows.into_iter().map(Ticket::from).collect(), total))
}
