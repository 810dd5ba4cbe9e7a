//! Reading the append-only audit log (admins only).

use shared_types::{AuditEntry, Pagination};

use super::queries as audit;
use crate::platform::auth::Actor;
use crate::platform::db;
use crate::platform::error::AppResult;
use crate::platform::paging::{PageQuery, PageRequest};
use crate::platform::state::AppState;
use crate::policy::{self, Action, Resource};

pub use super::queries::Filter;

/// One page of the organisation's audit log, newest first, with the total.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: Filter,
    page: PageQuery,
) -> AppResult<(Vec<AuditEntry>, Pagination)> {
    policy::authorize(actor, Resource::AuditLog, Action::Read)?;
    let paging = PageRequest::new(page.page, page.limit, 50)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let (rows, total) = audit::list(&mut tx, actor.organisation_id, &filter, paging.limit, paging.offset()).await?;
    tx.commit().await?;
    Ok((rows, paging.pagination(total)))
}
