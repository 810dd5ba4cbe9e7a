//! Background jobs for admins: what is waiting, running, done or dead, and running a
//! dead job again.

use serde_json::json;
use shared_types::{BackgroundJob, ErrorCode, Pagination};
use uuid::Uuid;

use super::queries;
use crate::platform::audit;
use crate::platform::auth::Actor;
use crate::platform::db;
use crate::platform::error::{AppError, AppResult};
use crate::platform::paging::{PageQuery, PageRequest};
use crate::platform::state::AppState;
use crate::policy::{self, Action, Resource};

/// The statuses a job can have.
pub const STATUSES: [&str; 4] = ["ready", "running", "done", "dead"];

/// One page of the organisation's jobs, newest first, optionally of one `status` and
/// `kind`; and the paging. 422 on an unknown status.
pub async fn list(
    state: &AppState,
    actor: &Actor,
    status: Option<&str>,
    kind: Option<&str>,
    page: PageQuery,
) -> AppResult<(Vec<BackgroundJob>, Pagination)> {
    policy::authorize(actor, Resource::Jobs, Action::Read)?;
    let paging = PageRequest::new(page.page, page.limit, 20)?;
    let status = status.filter(|s| !s.is_empty());
    if let Some(s) = status.filter(|s| !STATUSES.contains(s)) {
        return Err(AppError::field("status", format!("{s:?} is not one of ready, running, done, dead")));
    }
    let kind = kind.filter(|k| !k.is_empty());
    let mut tx = db::begin_org(&state.pool, actor.organisation_id).await?;
    let (jobs, total) =
        queries::list(&mut tx, actor.organisation_id, status, kind, paging.limit, paging.offset()).await?;
    tx.commit().await?;
    Ok((jobs, paging.pagination(total)))
}

/// Runs dead job `id` again, due now with a fresh set of attempts; audited as
/// `job.retried`. 404 when the organisation has no such job, 409 when it is not dead
/// (a waiting or running job needs no retry; a done one must not run twice).
pub async fn retry(state: &AppState, actor: &Actor, id: Uuid) -> AppResult<BackgroundJob> {
    policy::authorize(actor, Resource::Jobs, Action::Update)?;
    let now = state.clock.now();
    let org = actor.organisation_id;
    let mut tx = db::begin_org(&state.pool, org).await?;
    // The conditional update decides (two admins retrying at once: one wins); a refusal
    // holds no lock.
    let Some((job, attempts)) = queries::revive(&mut tx, org, id, now).await? else {
        let job = queries::find(&mut tx, org, id).await?.ok_or_else(|| AppError::not_found("job"))?;
        let message = format!("only a dead job can be retried; this one is {}", job.status);
        return Err(AppError::new(ErrorCode::Conflict, message));
    };
    let changes = json!({"kind": job.kind, "attempts": attempts, "lastError": job.last_error});
    audit::record(&mut tx, audit::Entry::by(actor, "job.retried", ("job", id), changes, now)).await?;
    tx.commit().await?;
    Ok(job)
}
