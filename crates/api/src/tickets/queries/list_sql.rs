//! The statement of [`super::list`]: one branch per set of the caller's scope, each
//! an ordered index walk; the page is the newest of their union, the count is capped
//! branch by branch; text search goes through `ticket_search` (migration 0011).

use sqlx::{Postgres, QueryBuilder};
use uuid::Uuid;

use super::{ListFilter, ListPage, COUNT_CAP};
use crate::policy::TicketScope;

/// Queue units up to this many get a branch each (each an ordered index walk); more
/// share one branch that sorts.
const UNIT_BRANCHES: usize = 16;

/// What one statement reads: the caller, the filters, the page, and how many of the
/// newest text-search matches it looks at for the page and for the count (`None`:
/// every match).
pub(super) struct Plan<'a> {
    pub org: Uuid,
    pub scope: &'a TicketScope,
    pub filter: &'a ListFilter,
    pub page: &'a ListPage,
    pub page_window: Option<i64>,
    pub count_window: Option<i64>,
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

/// The words of a text search, if any.
pub(super) fn search_words(f: &ListFilter) -> Option<&str> {
    f.q.as_deref().map(str::trim).filter(|q| !q.is_empty())
}

impl<'a> Plan<'a> {
    /// Rows skipped before the page (offset paging; 0 with a cursor).
    pub fn offset(&self) -> i64 {
        match self.page.after {
            Some(_) => 0,
            None => i64::from(self.page.page.saturating_sub(1)) * i64::from(self.page.limit),
        }
    }

    /// The page's rows plus the one that tells whether a next page exists.
    pub fn page_rows(&self) -> i64 {
        i64::from(self.page.limit) + 1
    }

    /// The count reuses the page's search result when both look at the same matches.
    fn shared_found(&self) -> bool {
        self.page.after.is_none() && self.page_window == self.count_window
    }

    /// `found_page AS (...), found_count AS (...), ` when searching.
    fn push_found(&self, qb: &mut QueryBuilder<'a, Postgres>) {
        let Some(q) = search_words(self.filter) else { return };
        let after = self.page.after;
        qb.push("found_page AS MATERIALIZED (SELECT ticket_search(").push_bind(q).push(", ");
        qb.push_bind(self.page_window).push(", ").push_bind(after.map(|a| a.0)).push(", ");
        qb.push_bind(after.map(|a| a.1)).push(") AS id), ");
        if !self.shared_found() {
            qb.push("found_count AS MATERIALIZED (SELECT ticket_search(").push_bind(q).push(", ");
            qb.push_bind(self.count_window).push(", NULL, NULL) AS id), ");
        }
    }

    /// ` WHERE ...` of one branch: organisation, the branch's set, the filters, and
    /// the text search through `found`.
    fn push_where(&self, qb: &mut QueryBuilder<'a, Postgres>, b: &Branch<'a>, found: &str) {
        let (org, f) = (self.org, self.filter);
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
            qb.push(" AND (t.id IN (SELECT id FROM ").push(found).push(")");
            if let Ok(number) = q.trim_start_matches('#').parse::<i64>() {
                qb.push(" OR t.number = ").push_bind(number);
            }
            qb.push(")");
        }
    }

    /// `(b1) UNION (b2) ...`, each branch selecting `columns` with `tail` (ordering,
    /// limit) applied to it.
    fn push_union(
        &self,
        qb: &mut QueryBuilder<'a, Postgres>,
        found: &str,
        columns: &str,
        mut tail: impl FnMut(&mut QueryBuilder<'a, Postgres>),
    ) {
        for (i, b) in branches(self.scope).iter().enumerate() {
            if i > 0 {
                qb.push(" UNION ");
            }
            qb.push("(SELECT ").push(columns).push(" FROM tickets t");
            self.push_where(qb, b, found);
            tail(qb);
            qb.push(")");
        }
    }

    /// `WITH` the search results, `page` (ids and times of the page's rows) and
    /// `counted` (`n`: matches up to [`COUNT_CAP`] + 1; `page_found`/`count_found`:
    /// how many search matches each part looked at).
    pub fn push_ctes(&self, qb: &mut QueryBuilder<'a, Postgres>) {
        let (offset, after) = (self.offset(), self.page.after);
        let wanted = offset + self.page_rows();
        let count_found = if self.shared_found() { "found_page" } else { "found_count" };
        qb.push("WITH ");
        self.push_found(qb);
        qb.push("page AS (SELECT id, created_at FROM (");
        self.push_union(qb, "found_page", "t.id, t.created_at", |qb| {
            if let Some((at, id)) = after {
                qb.push(" AND (t.created_at, t.id) < (").push_bind(at).push(", ").push_bind(id).push(")");
            }
            qb.push(" ORDER BY t.created_at DESC, t.id DESC LIMIT ").push_bind(wanted);
        });
        qb.push(") b ORDER BY created_at DESC, id DESC LIMIT ").push_bind(self.page_rows());
        qb.push(" OFFSET ").push_bind(offset).push("), counted AS MATERIALIZED (SELECT count(*) AS n, ");
        if search_words(self.filter).is_some() {
            qb.push("(SELECT count(*) FROM found_page) AS page_found, ");
            qb.push("(SELECT count(*) FROM ").push(count_found).push(") AS count_found FROM (");
        } else {
            qb.push("0::bigint AS page_found, 0::bigint AS count_found FROM (");
        }
        self.push_union(qb, count_found, "t.id", |qb| {
            qb.push(" LIMIT ").push_bind(COUNT_CAP + 1);
        });
        qb.push(") c) ");
    }
}
