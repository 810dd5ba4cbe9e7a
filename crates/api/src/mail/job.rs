//! The `mail.send` job: delivers one message of the outbox over SMTP. It reads the
//! message in one short transaction, talks SMTP with none open, and records the
//! outcome on the message in another; the job runner retries a failure with backoff.
//! A message already sent is not sent again (jobs run at least once).

use serde_json::json;
use uuid::Uuid;

use super::Mailer;
use crate::jobs::{self, Context, Failure, Job, NewJob, Outcome};
use crate::mail::queries as outbox;

/// Attempts at one message before it is `failed` (the job `dead`): with the runner's
/// doubling backoff, about two hours.
pub const MAX_ATTEMPTS: i32 = 8;

/// Runs `mail.send` jobs with one mailer.
pub struct SendEmail(pub Mailer);

impl SendEmail {
    /// The job's kind.
    pub const KIND: &'static str = "mail.send";

    /// The job delivering outbox message `email_id`, due at `now`.
    pub fn job(email_id: Uuid, now: chrono::DateTime<chrono::Utc>) -> NewJob {
        NewJob { kind: Self::KIND, payload: json!({ "emailId": email_id }), run_at: now, max_attempts: MAX_ATTEMPTS }
    }

    async fn deliver(&self, job: &Job, ctx: &Context) -> Result<(), Failure> {
        let id = email_id(job)?;
        let mut tx = ctx.begin(job).await?;
        let message = outbox::find(&mut tx, job.organisation_id, id).await?;
        tx.commit().await?;
        let Some(message) = message else {
            return Err(Failure::permanent(format!("e-mail {id} is not in the outbox")));
        };
        if message.status == "sent" {
            return Ok(());
        }
        if message.status == "failed" && message.body_text.contains("token=[used]") {
            // Given up earlier, and its single-use links were blanked then: sending it
            // now would deliver a dead link.
            return Err(Failure::permanent(
                "its links were blanked when delivery was given up; send a new invitation or password reset",
            ));
        }
        // lettre's own timeout bounds the connection; this bounds the whole conversation.
        let send = self.0.send(id, &message.to_address, &message.subject, &message.body_text, ctx.clock.now());
        let sent = match tokio::time::timeout(super::SMTP_TIMEOUT, send).await {
            Ok(sent) => sent,
            Err(_) => Err(format!("SMTP: no answer within {} s", super::SMTP_TIMEOUT.as_secs())),
        };
        let error = sent.as_ref().err().map(String::as_str);
        record(job, ctx, id, error, job.is_last_attempt()).await?;
        sent.map_err(Failure::retry)
    }
}

/// The outbox message a `mail.send` job delivers.
fn email_id(job: &Job) -> Result<Uuid, Failure> {
    job.payload
        .get("emailId")
        .and_then(|v| v.as_str())
        .and_then(|v| Uuid::parse_str(v).ok())
        .ok_or_else(|| Failure::permanent("the payload names no emailId"))
}

/// Records an attempt on the outbox message, only while `job` still holds its lease (a
/// worker that lost it must not overwrite what a later claim recorded).
async fn record(job: &Job, ctx: &Context, id: Uuid, error: Option<&str>, last: bool) -> Result<(), Failure> {
    let mut tx = ctx.begin(job).await?;
    if !jobs::queries::holds_lease(&mut tx, job).await? {
        return Err(Failure::retry("the job's lease passed to another claim"));
    }
    outbox::record(&mut tx, job.organisation_id, id, ctx.clock.now(), error, last).await?;
    tx.commit().await?;
    Ok(())
}

impl jobs::Handler for SendEmail {
    fn kind(&self) -> &'static str {
        Self::KIND
    }

    fn run<'a>(&'a self, job: &'a Job, ctx: &'a Context) -> Outcome<'a> {
        Box::pin(self.deliver(job, ctx))
    }

    fn interrupted<'a>(&'a self, job: &'a Job, ctx: &'a Context, dead: bool) -> Outcome<'a> {
        Box::pin(async move {
            let error = "no outcome within the job's time limit";
            record(job, ctx, email_id(job)?, Some(error), dead).await
        })
    }
}
