//! Outgoing e-mail and `/outbox`: messages are written to the `email_outbox` table in
//! the same transaction as the change that causes them, each with a `mail.send` job
//! ([`queries`]); the [`job`] delivers them over SMTP with lettre (the job runner
//! retries with backoff), and admins see what was sent at `GET /outbox/emails`
//! ([`handlers`]).
//!
//! Delivery is plain SMTP (no TLS stack is compiled in): point `FERRODESK_SMTP_URL` at
//! the local sink, or in production at a relay on the same host or private network
//! (e.g. Postfix) that handles TLS and authentication towards the Internet.

pub mod handlers;
pub mod job;
pub mod messages;
pub mod queries;
pub mod service;

use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use lettre::message::header::{ContentTransferEncoding, ContentType};
use lettre::message::{Body, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use utoipa_actix_web::service_config::ServiceConfig;
use uuid::Uuid;

/// Registers the `/outbox` operations.
pub fn routes(cfg: &mut ServiceConfig) {
    cfg.service(handlers::list_outbox_emails);
}

/// How long one SMTP conversation may take before it counts as a failed attempt.
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(15);

/// Longest body line accepted (RFC 5322 §2.1.1: 998 characters without CRLF).
const MAX_LINE: usize = 998;

/// Parses `Name <address>` or a bare address; `Err` says why not.
pub fn parse_mailbox(s: &str) -> Result<Mailbox, String> {
    s.trim().parse::<Mailbox>().map_err(|e| format!("{s:?} is not an e-mail address: {e}"))
}

/// Where to deliver: `smtp://host[:port]` (port 25 by default). Credentials are
/// refused: without TLS they would travel in clear text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpTarget {
    pub host: String,
    pub port: u16,
}

impl SmtpTarget {
    /// Parses an SMTP URL.
    pub fn parse(url: &str) -> Result<Self, String> {
        let rest = url.trim().strip_prefix("smtp://").ok_or("use smtp://host[:port] (plain SMTP)")?;
        let authority = rest.trim_end_matches('/');
        if authority.contains('@') || authority.contains('/') || authority.contains('?') {
            return Err("only smtp://host[:port] is supported (no credentials, path or options)".into());
        }
        let (host, port) = match authority.strip_prefix('[') {
            Some(v6) => {
                let (h, after) = v6.split_once(']').ok_or("an IPv6 host needs its closing ]")?;
                (h, after.strip_prefix(':'))
            }
            None => authority.split_once(':').map_or((authority, None), |(h, p)| (h, Some(p))),
        };
        let port = match port {
            Some(p) => p.parse::<u16>().map_err(|_| format!("{p:?} is not a port"))?,
            None => 25,
        };
        if host.is_empty() {
            return Err("the SMTP URL names no host".into());
        }
        Ok(Self { host: host.to_owned(), port })
    }
}

/// Sends messages from one sender over one SMTP server.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    /// A mailer for `smtp_url` (see [`SmtpTarget`]) sending as `from`.
    pub fn new(smtp_url: &str, from: &str) -> Result<Self, String> {
        let target = SmtpTarget::parse(smtp_url)?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(target.host)
            .port(target.port)
            .timeout(Some(SMTP_TIMEOUT))
            .build();
        Ok(Self { transport, from: parse_mailbox(from)? })
    }

    /// Delivers one message (`id`: the outbox row, which becomes its `Message-ID`, the
    /// same on every attempt); `Err` carries the reason for the outbox's `last_error`.
    pub async fn send(&self, id: Uuid, to: &str, subject: &str, body: &str, at: DateTime<Utc>) -> Result<(), String> {
        let message = build_message(&self.from, id, to, subject, body, at)?;
        self.transport.send(message).await.map(|_| ()).map_err(|e| format!("SMTP: {e}"))
    }
}

/// A plain-text message. The body is sent unencoded (`7bit`, or `8bit` when it holds
/// non-ASCII text), never quoted-printable, so links in it stay verbatim in the
/// delivered message (a quoted-printable `=` or soft line break would break them).
pub fn build_message(
    from: &Mailbox,
    id: Uuid,
    to: &str,
    subject: &str,
    body: &str,
    at: DateTime<Utc>,
) -> Result<Message, String> {
    let mut text = String::with_capacity(body.len() + 32);
    for line in body.lines() {
        if line.len() > MAX_LINE {
            return Err(format!("a body line is longer than {MAX_LINE} bytes"));
        }
        text.push_str(line);
        text.push_str("\r\n");
    }
    let encoding = if text.is_ascii() { ContentTransferEncoding::SevenBit } else { ContentTransferEncoding::EightBit };
    Message::builder()
        .from(from.clone())
        .to(parse_mailbox(to)?)
        .subject(subject)
        .date(SystemTime::from(at))
        .message_id(Some(format!("<{}@{}>", id.simple(), from.email.domain())))
        .header(ContentType::TEXT_PLAIN)
        .body(Body::dangerous_pre_encoded(text.into_bytes(), encoding))
        .map_err(|e| format!("cannot build the message: {e}"))
}

/// The SPA link carrying `token`: `{app_url}/{page}?token={token}` (tokens are
/// base64url, so they need no escaping).
pub fn link(app_url: &str, page: &str, token: &str) -> String {
    format!("{}/{page}?token={token}", app_url.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_urls() {
        let t = SmtpTarget::parse("smtp://127.0.0.1:2525").expect("url");
        assert_eq!((t.host.as_str(), t.port), ("127.0.0.1", 2525));
        assert_eq!(SmtpTarget::parse("smtp://relay.internal").map(|t| t.port), Ok(25));
        assert!(SmtpTarget::parse("smtps://relay:465").is_err());
        assert!(SmtpTarget::parse("smtp://user:pw@relay:25").is_err());
        assert!(SmtpTarget::parse("smtp://:25").is_err());
    }

    #[test]
    fn long_links_stay_verbatim() {
        let from = parse_mailbox(crate::app::config::DEFAULT_MAIL_FROM).expect("from");
        let url = link("http://127.0.0.1:8081/", "reset-password", &"Ab-_9".repeat(20));
        let body = format!("Hello Zoë,\n\nOpen {url}\n");
        let id = Uuid::new_v4();
        let raw = build_message(&from, id, "zoe@example.org", "Reset", &body, Utc::now()).expect("message").formatted();
        let raw = String::from_utf8(raw).expect("utf-8");
        assert!(raw.contains(&url), "{raw}");
        assert!(raw.contains("Content-Transfer-Encoding: 8bit"), "{raw}");
        assert!(raw.contains("Hello Zoë,\r\n"), "{raw}");
        assert!(raw.contains(&format!("Message-ID: <{}@ferrodesk.local>", id.simple())), "{raw}");
    }
}
