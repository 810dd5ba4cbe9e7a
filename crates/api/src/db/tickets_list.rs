//! Ticket lists: filters, text search and two kinds of paging (offset `page`, and
//! keyset `cursor`, which stays flat at any depth).

use chrono::{DateTime, Utc};
use shared_types::{Priority, Ticket, TicketStatus};
use uuid::Uuid;

use super::{Row, Tx, SELECT, VISIBLE};
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

/// Binds $7..$12 of [`FILTERS`] after the scope's $1..$6.
macro_rules! bind_filters {
    ($q:expr, $f:expr, $text:expr, $number:expr) => {
        $q.bind($f.status.map(TicketStatus::as_str))
            .bind($f.priority.map(Priority::as_str))
            .bind($f.assigned_to)
            .bind($f.created_by)
            .bind($text)
            .bind($number)
    };
}

const FILTERS: &str = "
    AND ($7::text IS NULL OR t.status = $7)
    AND ($8::text IS NULL OR t.priority = $8)
    AND ($9::uuid IS NULL OR t.assigned_to = $9)
    AND ($10::uuid IS NULL OR t.created_by = $10)
    AND ($11::text IS NULL OR t.search @@ websearch_to_tsquery('simple', $11) OR t.number = $12)";

/// One page of tickets (up to `limit + 1`: the extra row says a next page exists)
/// and the total count of matches.
pub async fn list(
    tx: &mut Tx,
    org: Uuid,
    scope: &TicketScope,
    f: &ListFilter,
    p: &ListPage,
) -> sqlx::Result<(Vec<Ticket>, i64)> {
    let q = f.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let number: Option<i64> = q.and_then(|q| q.trim_start_matches('#').parse().ok());
    let sql = format!(
        "{SELECT} WHERE {VISIBLE} {FILTERS}
         AND ($13::timestamptz IS NULL OR (t.created_at, t.id) < ($13, $14))
         ORDER BY t.created_at DESC, t.id DESC LIMIT $15 OFFSET $16"
    );
    let offset = if p.after.is_some() { 0 } else { i64::from(p.page.saturating_sub(1)) * i64::from(p.limit) };
    let rows: Vec<Row> = bind_filters!(bind_scope!(sqlx::query_as(&sql), org, scope), f, q, number)
        .bind(p.after.map(|a| a.0))
        .bind(p.after.map(|a| a.1))
        .bind(i64::from(p.limit) + 1)
        .bind(offset)
        .fetch_all(&mut **tx)
        .await?;
    let count_sql =
        format!("SELECT count(*) FROM tickets t JOIN users cu ON cu.id = t.created_by WHERE {VISIBLE} {FILTERS}");
    let total: i64 = bind_filters!(bind_scope!(sqlx::query_scalar(&count_sql), org, scope), f, q, number)
        .fetch_one(&mut **tx)
        .await?;
    Ok((rows.into_iter().map(Ticket::from).collect(), total))
}
