//! The texts of the e-mails Ferrodesk sends: subject and plain-text body. Links stand
//! alone on their own line so mail clients make them clickable and tests can find
//! them.

use chrono::{DateTime, Utc};

/// An e-mail to queue: `kind` says what caused it (`invitation`, `password_reset`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub kind: &'static str,
    pub subject: String,
    pub body: String,
}

/// The invitation of `name` to `organisation` by `inviter`; `link` accepts it until
/// `expires_at`.
pub fn invitation(name: &str, organisation: &str, inviter: &str, link: &str, expires_at: DateTime<Utc>) -> Draft {
    Draft {
        kind: "invitation",
        subject: format!("You are invited to {organisation} on Ferrodesk"),
        body: format!(
            "Hello {name},\n\n\
             {inviter} invited you to the service desk of {organisation} on Ferrodesk.\n\
             Open this link to choose your password and sign in:\n\n\
             {link}\n\n\
             The link works once and expires on {} UTC.\n\
             If you did not expect this invitation, ignore this e-mail.\n",
            expires_at.format("%Y-%m-%d %H:%M")
        ),
    }
}

/// A password reset for `name`; `link` sets a new password until `expires_at`.
pub fn password_reset(name: &str, link: &str, expires_at: DateTime<Utc>) -> Draft {
    Draft {
        kind: "password_reset",
        subject: "Reset your Ferrodesk password".into(),
        body: format!(
            "Hello {name},\n\n\
             Someone (hopefully you) asked to reset the password of your Ferrodesk account.\n\
             Open this link to choose a new password:\n\n\
             {link}\n\n\
             The link works once and expires on {} UTC. Resetting signs you out everywhere.\n\
             If you did not ask for this, ignore this e-mail: your password stays as it is.\n",
            expires_at.format("%Y-%m-%d %H:%M")
        ),
    }
}

/// `body` with the token of every `?token=` link replaced by `[hidden]`: what admins
/// see of password-reset e-mails in the outbox, so reading the outbox never lets an
/// admin take over another account.
pub fn redact_tokens(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find("token=") {
        let (head, tail) = rest.split_at(i + "token=".len());
        out.push_str(head);
        let end = tail.find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_')).unwrap_or(tail.len());
        if end > 0 {
            out.push_str("[hidden]");
        }
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_stand_alone_and_tokens_can_be_hidden() {
        let link = "http://127.0.0.1:8081/reset-password?token=abc-_123";
        let d = password_reset("Zoë", link, Utc::now());
        assert!(d.body.lines().any(|l| l == link));
        let hidden = redact_tokens(&d.body);
        assert!(!hidden.contains("abc-_123") && hidden.contains("?token=[hidden]\n"), "{hidden}");
        assert_eq!(redact_tokens("no link"), "no link");
    }
}
