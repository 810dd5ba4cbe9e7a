//! Reading the append-only audit log (admins only).

use shared_types::AuditEntry;

use super::queries as audit;
use crate::platform::auth::Actor;
use crate::platform::db;
use crate::platform::error::AppResult;
use crate::platform::state::AppState;
use crate::policy::{self, Action, Resource};

pub use super::queries::Filter;

/// One page of the organisation's audit log, newest first, with the total.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    filter: Filter,
    limit: u32,
    offset: u64,
) -> AppResult<(Vec<AuditEntry>, i64)> {
    policy::authorize(actor, Resource::AuditLog, Action::Read)?;
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let page = audit::list(&mut tx, actor.organisation_id, &filter, limit, offset).await?;
    tx.commit().await?;
    Ok(page)
}
