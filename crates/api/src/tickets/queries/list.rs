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
//! newest of their union. The count is capped the same way, branch by branch
//! (measured with 1,000,000 tickets).

use chrono::{DateTime, Utc};
use shared_types::{Priority, Ticket, TicketStatus};
use sqlx::{Postgres, QueryBuilder};
use uuid::Uuid;

use super::{Row, SELECT};
use crate::platform::db::Tx;
use crate::policy::TicketScope;
use sql::{search_words, Plan};

#[path = "list_sql.rs"]
mod sql;

/// Text searches look at this many of the newest matches first, and count no
/// further: deciding whether a ticket matches means reading its words, so counting
/// every match of a common word costs as much as fetching them all.
pub const SEARCH_WINDOW: i64 = 200;

/// Counting stops after this many matches: beyond it a list says `total` = this and
/// `totalCapped`. GitLab caps its issue-list counts at 1,000 for the same reason: an
/// exact count reads every match, however few are shown.
pub const COUNT_CAP: i64 = 1000;

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

/// How many tickets match: exact unless `capped`; when `capped`, a lower bound (the
/// cap, or more when the page itself reaches further) and more match.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Total {
    pub total: i64,
    pub capped: bool,
}

#[derive(sqlx::FromRow)]
struct Counted {
    #[sqlx(flatten)]
    row: Row,
    #[sqlx(flatten)]
    counts: Counts,
}

/// `counted` of one statement: matches (up to the cap + 1) and how many search
/// matches the page and the count looked at.
#[derive(sqlx::FromRow, Clone, Copy)]
struct Counts {
    n: i64,
    page_found: i64,
    count_found: i64,
}

/// Runs `plan`: the page's rows and the counts.
async fn run(tx: &mut Tx, plan: &Plan<'_>) -> sqlx::Result<(Vec<Row>, Counts)> {
    let mut qb = QueryBuilder::<Postgres>::new("");
    plan.push_ctes(&mut qb);
    qb.push(SELECT.replacen("SELECT", "SELECT counted.n, counted.page_found, counted.count_found,", 1));
    qb.push(" JOIN page p ON p.id = t.id CROSS JOIN counted WHERE t.organisation_id = ").push_bind(plan.org);
    qb.push(" ORDER BY t.created_at DESC, t.id DESC");
    let rows: Vec<Counted> = qb.build_query_as().fetch_all(&mut **tx).await?;
    let counts = match rows.first() {
        Some(c) => c.counts,
        None => {
            // An empty page (past the end) still reports the counts.
            let mut qb = QueryBuilder::<Postgres>::new("");
            plan.push_ctes(&mut qb);
            qb.push("SELECT n, page_found, count_found FROM counted");
            qb.build_query_as().fetch_one(&mut **tx).await?
        }
    };
    Ok((rows.into_iter().map(|c| c.row).collect(), counts))
}

/// One page of tickets (up to `limit + 1`: the extra row says a next page exists)
/// and how many match (see [`Total`]).
///
/// A text search first looks at the newest [`SEARCH_WINDOW`] matches (or as many as
/// the page needs): enough for most pages at a fraction of the cost of every match.
/// When the caller's scope leaves the page short of rows and more matches exist, it
/// looks at all of them. A count from a window that held more matches is a lower
/// bound: `capped`.
pub async fn list(
    tx: &mut Tx,
    org: Uuid,
    scope: &TicketScope,
    f: &ListFilter,
    p: &ListPage,
) -> sqlx::Result<(Vec<Ticket>, Total)> {
    let mut plan = Plan { org, scope, filter: f, page: p, page_window: None, count_window: None };
    let searching = search_words(f).is_some();
    // Each window asks for one match more than it uses: getting it says more exist.
    let page_window = (plan.offset() + plan.page_rows()).max(SEARCH_WINDOW);
    if searching {
        (plan.page_window, plan.count_window) = (Some(page_window + 1), Some(SEARCH_WINDOW + 1));
    }
    let (mut rows, mut counts) = run(tx, &plan).await?;
    let short = (rows.len() as i64) < plan.page_rows();
    if searching && short && counts.page_found > page_window {
        (plan.page_window, plan.count_window) = (None, None);
        (rows, counts) = run(tx, &plan).await?;
    }
    let total = match plan.count_window {
        // The window's matches were counted, not all of them: at least this many,
        // and at least as many as this page reaches.
        Some(_) if counts.count_found > SEARCH_WINDOW => {
            let reached = plan.offset() + rows.len() as i64;
            Total { total: counts.n.min(SEARCH_WINDOW).max(reached), capped: true }
        }
        _ if counts.n > COUNT_CAP => Total { total: COUNT_CAP.max(plan.offset() + rows.len() as i64), capped: true },
        _ => Total { total: counts.n, capped: false },
    };
    Ok((rows.into_iter().map(Ticket::from).collect(), total))
}
