//! Ticket lists: filters, text search, two kinds of paging (offset `page`, and keyset
//! `cursor`, which stays flat at any depth) and a capped count, in one statement.
//!
//! The caller's read scope is an OR of sets (created by me, assigned to me, each queue
//! unit, requesters of my units, asked to approve). Written as one OR, PostgreSQL
//! either bitmap-scans every set whole and sorts (a technician's queue of 38,000
//! tickets read for a page of 50), or misjudges the sets' sizes (their columns depend
//! on `organisation_id`, which per-column statistics do not know). So each set is its
//! own branch that walks its index `(organisation_id, <set column>, created_at DESC,
//! id DESC)` newest first and stops after the rows a page can need; the page is the
//! newest of their union. The count is capped the same way, branch by branch (issue 5,
//! measured with 1,000,000 tickets).

use chrono::{DateTime, Utc};
use shared_types::{Priority, Ticket, TicketStatus};
use sqlx::{Postgres, QueryBuilder};
use uuid::Uuid;

use super::{Row, Tx, SELECT};
use crate::policy::TicketScope;

/// Counting stops after this many matches: beyond it a list says `total` = this and
/// `totalCapped`. GitLab caps its issue-list counts at 1,000 for the same reason: an
/// exact count reads every match, however few are shown.
pub const COUNT_CAP: i64 = 1000;

/// Queue units up to this many get a branch each (each an ordered index walk); more
/// share one branch that sorts.
const UNIT_BRANCHES: usize = 16;

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

/// How many tickets match: exact up to [`COUNT_CAP`]; `capped` when more do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Total {
    pub total: i64,
    pub capped: bool,
}

/// One set of the read scope, reachable through one index.
enum Branch<'a> {
    All,
    CreatedBy(Uuid),
    AssignedTo(Uuid),
    Unit(Uuid),
    Units(&'a [Uuid]),
    RequesterUnits(&'a [Uuid]),
    Approver(Uuid),
}

fn branches(s: &TicketScope) -> Vec<Branch<'_>> {
    if s.all {
        return vec![Branch::All];
    }
    let mut out = vec![Branch::CreatedBy(s.user_id), Branch::AssignedTo(s.user_id)];
    if s.queue_units.len() <= UNIT_BRANCHES {
        out.extend(s.queue_units.iter().copied().map(Branch::Unit));
    } else {
        out.push(Branch::Units(&s.queue_units));
    }
    if !s.requester_units.is_empty() {
        out.push(Branch::RequesterUnits(&s.requester_units));
    }
    if s.as_approver {
        out.push(Branch::Approver(s.user_id));
    }
    out
}

/// ` WHERE ...` of one branch: organisation, the branch's set, the filters.
fn push_where<'a>(qb: &mut QueryBuilder<'a, Postgres>, org: Uuid, b: &Branch<'a>, f: &'a ListFilter) {
    qb.push(" WHERE t.organisation_id = ").push_bind(org);
    match *b {
        Branch::All => {}
        Branch::CreatedBy(user) => {
            qb.push(" AND t.created_by = ").push_bind(user);
        }
        Branch::AssignedTo(user) => {
            qb.push(" AND t.assigned_to = ").push_bind(user);
        }
        Branch::Unit(unit) => {
            qb.push(" AND t.fulfilment_unit_id = ").push_bind(unit);
        }
        Branch::Units(units) => {
            qb.push(" AND t.fulfilment_unit_id = ANY(").push_bind(units).push(")");
        }
        Branch::RequesterUnits(units) => {
            qb.push(" AND t.created_by IN (SELECT u.id FROM users u WHERE u.organisation_id = ").push_bind(org);
            qb.push(" AND u.unit_id = ANY(").push_bind(units).push("))");
        }
        Branch::Approver(user) => {
            qb.push(" AND t.id IN (SELECT ar.ticket_id FROM approval_requests ar WHERE ar.organisation_id = ");
            qb.push_bind(org).push(" AND ar.approver_id = ").push_bind(user).push(")");
        }
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
    if let Some(q) = search_words(f) {
        // `found` is ticket_search's answer (migration 0009), computed once.
        qb.push(" AND (t.id IN (SELECT id FROM found)");
        if let Ok(number) = q.trim_start_matches('#').parse::<i64>() {
            qb.push(" OR t.number = ").push_bind(number);
        }
        qb.push(")");
    }
}

fn search_words(f: &ListFilter) -> Option<&str> {
    f.q.as_deref().map(str::trim).filter(|q| !q.is_empty())
}

/// ` WITH found AS (...)` when searching: under row-level security `@@` is not
/// leakproof and would be checked row by row, so ticket_search (SECURITY DEFINER,
/// tenant rule inside) answers from the GIN index, once per statement.
fn push_found<'a>(qb: &mut QueryBuilder<'a, Postgres>, f: &'a ListFilter) {
    if let Some(q) = search_words(f) {
        qb.push("found AS MATERIALIZED (SELECT ticket_search(").push_bind(q).push(") AS id), ");
    }
}

/// `(b1) UNION (b2) ...`, each branch selecting `columns` with `tail` (ordering,
/// limit) applied to it.
fn push_union<'a>(
    qb: &mut QueryBuilder<'a, Postgres>,
    org: Uuid,
    branches: &[Branch<'a>],
    f: &'a ListFilter,
    columns: &str,
    mut tail: impl FnMut(&mut QueryBuilder<'a, Postgres>),
) {
    for (i, b) in branches.iter().enumerate() {
        if i > 0 {
            qb.push(" UNION ");
        }
        qb.push("(SELECT ").push(columns).push(" FROM tickets t");
        push_where(qb, org, b, f);
        tail(qb);
        qb.push(")");
    }
}

/// `found` (when searching), `page` (ids and times of the page's rows) and `counted`
/// (matches up to [`COUNT_CAP`] + 1) as common table expressions.
fn push_ctes<'a>(qb: &mut QueryBuilder<'a, Postgres>, org: Uuid, s: &'a TicketScope, f: &'a ListFilter, p: &ListPage) {
    let branches = branches(s);
    let offset = if p.after.is_some() { 0 } else { i64::from(p.page.saturating_sub(1)) * i64::from(p.limit) };
    // The page holds `limit` rows plus one that tells whether a next page exists.
    let wanted = offset + i64::from(p.limit) + 1;
    qb.push("WITH ");
    push_found(qb, f);
    qb.push("page AS (SELECT id, created_at FROM (");
    push_union(qb, org, &branches, f, "t.id, t.created_at", |qb| {
        if let Some((at, id)) = p.after {
            qb.push(" AND (t.created_at, t.id) < (").push_bind(at).push(", ").push_bind(id).push(")");
        }
        qb.push(" ORDER BY t.created_at DESC, t.id DESC LIMIT ").push_bind(wanted);
    });
    qb.push(") b ORDER BY created_at DESC, id DESC LIMIT ").push_bind(i64::from(p.limit) + 1);
    qb.push(" OFFSET ").push_bind(offset).push("), counted AS MATERIALIZED (SELECT count(*) AS n FROM (");
    push_union(qb, org, &branches, f, "t.id", |qb| {
        qb.push(" LIMIT ").push_bind(COUNT_CAP + 1);
    });
    qb.push(") c) ");
}

#[derive(sqlx::FromRow)]
struct Counted {
    #[sqlx(flatten)]
    row: Row,
    total: i64,
}

fn total_of(n: i64) -> Total {
    Total { total: n.min(COUNT_CAP), capped: n > COUNT_CAP }
}

/// One page of tickets (up to `limit + 1`: the extra row says a next page exists)
/// and how many match (see [`Total`]), in one statement.
pub async fn list(
    tx: &mut Tx,
    org: Uuid,
    scope: &TicketScope,
    f: &ListFilter,
    p: &ListPage,
) -> sqlx::Result<(Vec<Ticket>, Total)> {
    let mut qb = QueryBuilder::<Postgres>::new("");
    push_ctes(&mut qb, org, scope, f, p);
    qb.push(SELECT.replacen("SELECT", "SELECT counted.n AS total,", 1));
    qb.push(" JOIN page p ON p.id = t.id CROSS JOIN counted WHERE t.organisation_id = ").push_bind(org);
    qb.push(" ORDER BY t.created_at DESC, t.id DESC");
    let rows: Vec<Counted> = qb.build_query_as().fetch_all(&mut **tx).await?;
    let total = match rows.first() {
        Some(first) => first.total,
        None => {
            // An empty page (past the end) still reports the count.
            let mut qb = QueryBuilder::<Postgres>::new("");
            push_ctes(&mut qb, org, scope, f, p);
            qb.push("SELECT n FROM counted");
            qb.build_query_scalar().fetch_one(&mut **tx).await?
        }
    };
    Ok((rows.into_iter().map(|c| Ticket::from(c.row)).collect(), total_of(total)))
}
