//! `GET /tickets`: a page of the tickets the caller may read, by offset (`page`) or by
//! keyset (`cursor`, as fast at any depth), with a count that stops at 1,000.

use shared_types::{Pagination, Ticket};

use crate::platform::auth::Actor;
use crate::platform::cursor;
use crate::platform::db;
use crate::platform::error::AppResult;
use crate::platform::paging::{PageQuery, PageRequest};
use crate::platform::state::AppState;
use crate::policy::{self, Action, Resource};
use crate::tickets::queries::{self as tickets, ListFilter, ListPage};
use crate::tickets::service::scope;

/// The page `page` (and `cursor`, the `nextCursor` of the previous page; empty is
/// none) of the tickets matching `filter` that the caller may read, newest first, with
/// its pagination. 400 for a cursor this API did not issue; 422 for a page or limit
/// out of range.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: ListFilter,
    page: PageQuery,
    cursor: Option<&str>,
) -> AppResult<(Vec<Ticket>, Pagination)> {
    policy::authorize(actor, Resource::Tickets, Action::Read)?;
    let PageRequest { page, limit } = PageRequest::new(page.page, page.limit, 20)?;
    let after = cursor.filter(|c| !c.is_empty()).map(cursor::decode).transpose()?;
    let mut tx = db::begin_org_planned_once(&state.pool, actor.organisation_id).await?;
    let scope = scope(&mut tx, actor).await?;
    let (mut rows, total) =
        tickets::list(&mut tx, actor.organisation_id, &scope, &filter, &ListPage { page, limit, after }).await?;
    tx.commit().await?;
    let more = rows.len() > limit as usize;
    rows.truncate(limit as usize);
    let next_cursor = more.then(|| rows.last().map(|t| cursor::encode(t.created_at, t.id))).flatten();
    let total_pages = (total.total + i64::from(limit) - 1) / i64::from(limit);
    Ok((rows, Pagination { page, limit, total: total.total, total_pages, total_capped: total.capped, next_cursor }))
}
