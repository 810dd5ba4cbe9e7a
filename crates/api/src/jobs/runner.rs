//! The worker loop: claim due jobs, run each through its [`Handler`] (all of a batch at
//! once, each bounded by [`ATTEMPT_TIMEOUT`]), record each outcome in a short
//! transaction of its own, back off and retry failures, and prune finished jobs.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use rand::Rng;

use super::{queries, Context, Failure, Handler, Job};

/// Jobs claimed per pass (and run concurrently).
pub const BATCH: i32 = 16;
/// How long one attempt may take before it counts as failed.
pub const ATTEMPT_TIMEOUT: Duration = Duration::from_secs(60);
/// How long a claimed job is left to its worker before another may claim it: longer
/// than an attempt may take, with room to record the outcome.
pub const LEASE: Duration = Duration::from_secs(180);
/// Pause between passes when nothing is due.
pub const IDLE: Duration = Duration::from_secs(1);
/// Finished jobs are kept this long for admins to look at.
pub const KEEP_DONE: chrono::Duration = chrono::Duration::days(7);
/// Longest wait between two attempts.
pub const MAX_DELAY: chrono::Duration = chrono::Duration::hours(6);

/// The wait before the attempt after failed attempt number `attempt` (1-based): one
/// minute doubled per attempt (1, 2, 4, … minutes, at most [`MAX_DELAY`]), scaled by
/// `jitter` (0.8..=1.2 in [`Runner`]) so jobs that failed together do not all come back
/// together.
pub fn retry_delay(attempt: i32, jitter: f64) -> chrono::Duration {
    let base = chrono::Duration::minutes(1i64 << (attempt - 1).clamp(0, 20)).min(MAX_DELAY);
    let millis = base.num_milliseconds() as f64 * jitter.clamp(0.5, 1.5);
    chrono::Duration::milliseconds(millis as i64)
}

/// What one pass did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pass {
    pub done: usize,
    /// Failed attempts that will be retried.
    pub retrying: usize,
    /// Jobs that failed for good.
    pub dead: usize,
    /// Jobs whose outcome was not recorded: a database error (logged; they run again
    /// when their lease ends), or their lease had passed to another claim.
    pub unrecorded: usize,
}

impl Pass {
    /// Jobs this pass ran.
    pub fn ran(&self) -> usize {
        self.done + self.retrying + self.dead + self.unrecorded
    }
}

/// The registered handlers, by kind, and what they share.
#[derive(Clone)]
pub struct Runner {
    ctx: Context,
    handlers: HashMap<&'static str, Arc<dyn Handler>>,
    /// 1.0 in tests that assert exact retry times; random in 0.8..=1.2 otherwise.
    jitter: Option<f64>,
}

impl Runner {
    /// A runner with no handlers.
    pub fn new(ctx: Context) -> Self {
        Self { ctx, handlers: HashMap::new(), jitter: None }
    }

    /// Adds the handler of one kind (a second handler for a kind replaces the first).
    pub fn with(mut self, handler: impl Handler + 'static) -> Self {
        self.handlers.insert(handler.kind(), Arc::new(handler));
        self
    }

    /// Fixes the backoff's jitter factor (tests).
    pub fn with_jitter(mut self, jitter: f64) -> Self {
        self.jitter = Some(jitter);
        self
    }

    /// The kinds this runner claims; jobs of other kinds wait for a runner that has them.
    pub fn kinds(&self) -> Vec<&'static str> {
        let mut kinds: Vec<_> = self.handlers.keys().copied().collect();
        kinds.sort_unstable();
        kinds
    }

    /// One pass: claims up to [`BATCH`] due jobs, runs them concurrently, records each
    /// outcome. Errors are database errors of the claim; a handler's failure is
    /// recorded on its job.
    pub async fn run_once(&self) -> sqlx::Result<Pass> {
        let kinds = self.kinds();
        if kinds.is_empty() {
            return Ok(Pass::default());
        }
        let lease = chrono::Duration::from_std(LEASE).unwrap_or(chrono::Duration::minutes(3));
        let mut conn = self.ctx.pool.acquire().await?;
        let claimed = queries::claim(&mut conn, self.ctx.clock.now(), BATCH, lease, &kinds).await?;
        drop(conn);
        let outcomes = futures_util::future::join_all(claimed.iter().map(|job| self.attempt(job))).await;
        let mut pass = Pass::default();
        for (job, outcome) in claimed.iter().zip(outcomes) {
            match self.record(job, outcome).await {
                Ok(Recorded::Done) => pass.done += 1,
                Ok(Recorded::Retrying) => pass.retrying += 1,
                Ok(Recorded::Dead) => pass.dead += 1,
                Ok(Recorded::Superseded) => {
                    tracing::warn!(job.id = %job.id, "jobs: the lease passed to another claim; outcome dropped");
                    pass.unrecorded += 1;
                }
                // The job is claimed again when its lease ends (at least once).
                Err(e) => {
                    tracing::error!(job.id = %job.id, error = %e, "jobs: the outcome was not recorded");
                    pass.unrecorded += 1;
                }
            }
        }
        Ok(pass)
    }

    /// Runs one attempt through the job's handler, bounded by [`ATTEMPT_TIMEOUT`].
    async fn attempt(&self, job: &Job) -> Result<(), Failure> {
        let Some(handler) = self.handlers.get(job.kind.as_str()) else {
            return Err(Failure::retry(format!("no handler for {:?} in this worker", job.kind)));
        };
        match tokio::time::timeout(ATTEMPT_TIMEOUT, handler.run(job, &self.ctx)).await {
            Ok(outcome) => outcome,
            Err(_) => {
                let dead = job.is_last_attempt();
                if let Err(f) = handler.interrupted(job, &self.ctx, dead).await {
                    tracing::error!(job.id = %job.id, error = %f.message, "jobs: the handler could not note the interruption");
                }
                Err(Failure::retry(format!("no outcome within {} s", ATTEMPT_TIMEOUT.as_secs())))
            }
        }
    }

    async fn record(&self, job: &Job, outcome: Result<(), Failure>) -> sqlx::Result<Recorded> {
        let now = self.ctx.clock.now();
        let (error, retry_at, recorded) = match &outcome {
            Ok(()) => (None, None, Recorded::Done),
            Err(f) => {
                let retry_at = self.retry_at(job, f, now);
                let dead = retry_at.is_none();
                tracing::warn!(job.id = %job.id, job.kind = %job.kind, attempt = job.attempt, error = %f.message, dead, "job failed");
                (Some(f.message.as_str()), retry_at, if dead { Recorded::Dead } else { Recorded::Retrying })
            }
        };
        let mut tx = self.ctx.begin(job).await?;
        let changed = queries::finish(&mut tx, job, now, error, retry_at).await?;
        tx.commit().await?;
        Ok(if changed { recorded } else { Recorded::Superseded })
    }

    /// When to try `job` again after `failure` at `now`, or `None`: dead.
    fn retry_at(&self, job: &Job, failure: &Failure, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        if failure.permanent || job.is_last_attempt() {
            return None;
        }
        let jitter = self.jitter.unwrap_or_else(|| rand::thread_rng().gen_range(0.8..=1.2));
        Some(now + retry_delay(job.attempt, jitter))
    }

    /// Works the queue until the process ends: passes back to back while there is work,
    /// then one every [`IDLE`]; prunes finished jobs once an hour. Database errors are
    /// logged and retried.
    pub async fn run(self) {
        let mut pruned_at: Option<DateTime<Utc>> = None;
        loop {
            let now = self.ctx.clock.now();
            if pruned_at.is_none_or(|at| now - at > chrono::Duration::hours(1)) {
                match queries::prune(&self.ctx.pool, now - KEEP_DONE).await {
                    Ok(n) if n > 0 => tracing::info!(removed = n, "finished jobs pruned"),
                    Ok(_) => {}
                    Err(e) => tracing::error!(error = %e, "jobs: pruning failed"),
                }
                pruned_at = Some(now);
            }
            match self.run_once().await {
                Ok(p) if p.ran() > 0 => {
                    tracing::info!(done = p.done, retrying = p.retrying, dead = p.dead, "jobs ran");
                    continue;
                }
                Ok(_) => {}
                Err(e) => tracing::error!(error = %e, "job runner: database error"),
            }
            tokio::time::sleep(IDLE).await;
        }
    }
}

enum Recorded {
    Done,
    Retrying,
    Dead,
    /// The job's lease had passed to another claim: nothing was recorded.
    Superseded,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lease_outlasts_an_attempt() {
        assert!(ATTEMPT_TIMEOUT * 2 < LEASE);
    }

    #[test]
    fn backoff_doubles_up_to_a_cap_and_jitter_scales_it() {
        let minutes = |a| retry_delay(a, 1.0).num_minutes();
        assert_eq!([minutes(1), minutes(2), minutes(3), minutes(7)], [1, 2, 4, 64]);
        assert_eq!(minutes(30), MAX_DELAY.num_minutes());
        assert_eq!(retry_delay(1, 1.2).num_seconds(), 72);
        assert_eq!(retry_delay(1, 0.8).num_seconds(), 48);
    }
}
