//! Sign-up, invitations, password resets and the e-mail outbox, with real delivery: a
//! mail sink on a free port receives what the job runner's `mail.send` jobs send over SMTP,
//! and the tests read the delivered `.eml` files.

mod invitations;
mod outbox;
mod password_reset;
mod register;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::Utc;
use ferrodesk_api::app::config::DEFAULT_MAIL_FROM;
use ferrodesk_api::jobs::runner::{Pass, Runner};
use ferrodesk_api::jobs::Context;
use ferrodesk_api::mail::job::SendEmail;
use ferrodesk_api::mail::Mailer;
use ferrodesk_api::platform::clock::FixedClock;
use ferrodesk_devtools::mail_sink::{self as sink, SinkHandle};
use sqlx::PgPool;
use uuid::Uuid;

/// A mail sink on a free port with its own directory, and a mailer pointing at it.
pub struct MailCatcher {
    pub sink: SinkHandle,
    pub mailer: Mailer,
}

impl MailCatcher {
    /// Starts a sink storing into a fresh directory under the system's temp dir.
    pub fn start() -> Self {
        let dir: PathBuf = std::env::temp_dir().join(format!("ferrodesk-mail-{}", Uuid::new_v4().simple()));
        let sink = sink::start("127.0.0.1:0", &dir).expect("the mail sink starts");
        let mailer = Mailer::new(&sink.smtp_url(), DEFAULT_MAIL_FROM).expect("mailer");
        Self { sink, mailer }
    }

    /// One pass of a job runner that delivers e-mail through this sink.
    pub async fn deliver(&self, pool: &PgPool, clock: &Arc<FixedClock>) -> Pass {
        mail_runner(pool, clock, &self.mailer).run_once().await.expect("a pass")
    }

    /// The raw messages delivered to `to`, oldest first.
    pub fn messages_to(&self, to: &str) -> Vec<String> {
        let mut files: Vec<PathBuf> = std::fs::read_dir(self.sink.dir())
            .expect("mail dir")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        files.sort();
        files
            .iter()
            .map(|p| std::fs::read_to_string(p).expect("read .eml"))
            .filter(|m| m.lines().next().is_some_and(|l| l.starts_with("X-Ferrodesk-Rcpt:") && l.contains(to)))
            .collect()
    }

    /// The token of the newest link to `page` delivered to `to`.
    pub fn token(&self, to: &str, page: &str) -> String {
        let messages = self.messages_to(to);
        let message = messages.last().unwrap_or_else(|| panic!("no e-mail to {to}"));
        token_in(message, page).unwrap_or_else(|| panic!("no /{page} link in {message}"))
    }
}

impl Drop for MailCatcher {
    fn drop(&mut self) {
        self.sink.stop();
        let _ = std::fs::remove_dir_all(self.sink.dir());
    }
}

/// The token of the first `http://127.0.0.1:8081/{page}?token=…` link in `message`.
pub fn token_in(message: &str, page: &str) -> Option<String> {
    let marker = format!("http://127.0.0.1:8081/{page}?token=");
    let start = message.find(&marker)? + marker.len();
    let token: String =
        message[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
    (!token.is_empty()).then_some(token)
}

/// A job runner that runs only `mail.send` jobs, through `mailer`, with no jitter in
/// its backoff.
pub fn mail_runner(pool: &PgPool, clock: &Arc<FixedClock>, mailer: &Mailer) -> Runner {
    let ctx = Context { pool: pool.clone(), clock: clock.clone() };
    Runner::new(ctx).with(SendEmail(mailer.clone())).with_jitter(1.0)
}

/// A clock at the current time that the test moves.
pub fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(Utc::now()))
}

/// An SMTP URL where nothing listens (a port just freed).
pub fn closed_smtp_url() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("free port").port();
    format!("smtp://127.0.0.1:{port}")
}

/// Actions in the audit log, oldest first.
pub async fn audit_actions(owner: &PgPool) -> Vec<String> {
    sqlx::query_scalar("SELECT action FROM audit_log ORDER BY created_at, id").fetch_all(owner).await.expect("audit")
}
