//! Configuration from environment variables (documented in README.md,
//! "Configuration"). Defaults suit `cargo xtask run`; production refuses them where
//! they would be unsafe.

use secrecy::{ExposeSecret, SecretString};

/// The JWT secret used when none is configured; refused in production.
pub const DEVELOPMENT_JWT_SECRET: &str = "ferrodesk-development-secret-do-not-use-in-production";

/// Whether the API runs for development (default) or production.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

/// Everything `ferrodesk serve` needs.
#[derive(Debug, Clone)]
pub struct Settings {
    /// `DATABASE_URL`: the API's connection, as the non-owner role `ferrodesk_app`.
    pub database_url: SecretString,
    /// `FERRODESK_BIND`, default `127.0.0.1:8080`.
    pub bind: String,
    /// `FERRODESK_JWT_SECRET`: HMAC-SHA256 key for access tokens (≥ 32 bytes in
    /// production).
    pub jwt_secret: SecretString,
    /// `FERRODESK_ALLOWED_ORIGINS`: comma-separated SPA origins allowed by CORS (with
    /// credentials), default `http://127.0.0.1:8081,http://localhost:8081`.
    pub allowed_origins: Vec<String>,
    /// `FERRODESK_ENV`: `development` (default) or `production`.
    pub environment: Environment,
    /// `FERRODESK_COOKIE_SECURE`: mark the refresh cookie `Secure`; default true in
    /// production, false in development (plain http on 127.0.0.1).
    pub cookie_secure: bool,
    /// `FERRODESK_DB_POOL_SIZE`, default 10.
    pub db_pool_size: u32,
    /// `FERRODESK_SMTP_URL`: where the outbox worker delivers e-mail,
    /// `smtp://host[:port]` (plain SMTP, port 25 by default; no credentials). Unset: no
    /// worker runs and e-mail stays `pending` in the outbox.
    pub smtp_url: Option<SecretString>,
    /// `FERRODESK_MAIL_FROM`: the sender of outgoing e-mail, default
    /// `Ferrodesk <no-reply@ferrodesk.local>`.
    pub mail_from: String,
    /// `FERRODESK_APP_URL`: the SPA's base URL, used in links sent by e-mail
    /// (invitations, password resets); default `http://127.0.0.1:8081`, no trailing `/`.
    pub app_url: String,
    /// `FERRODESK_TRUSTED_PROXIES`: comma-separated IP addresses of reverse proxies
    /// whose `Forwarded`/`X-Forwarded-For` is believed for the client address (login
    /// throttling). Default none: the TCP peer is the client, and forged headers are
    /// ignored.
    pub trusted_proxies: Vec<std::net::IpAddr>,
}

/// The sender used when `FERRODESK_MAIL_FROM` is not set.
pub const DEFAULT_MAIL_FROM: &str = "Ferrodesk <no-reply@ferrodesk.local>";

/// Why the settings cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("{0} is not set")]
    Missing(&'static str),
    #[error("{0}: {1}")]
    Invalid(&'static str, String),
}

impl Settings {
    /// Reads the settings from the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads the settings through `get` (testable without touching the environment).
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let environment = match get("FERRODESK_ENV").as_deref() {
            None | Some("development") => Environment::Development,
            Some("production") => Environment::Production,
            Some(other) => return Err(ConfigError::Invalid("FERRODESK_ENV", format!("unknown environment {other:?}"))),
        };
        let jwt_secret = get("FERRODESK_JWT_SECRET").unwrap_or_else(|| DEVELOPMENT_JWT_SECRET.to_owned());
        if environment == Environment::Production && (jwt_secret == DEVELOPMENT_JWT_SECRET || jwt_secret.len() < 32) {
            return Err(ConfigError::Invalid(
                "FERRODESK_JWT_SECRET",
                "production needs a secret of at least 32 bytes that is not the development default".into(),
            ));
        }
        let allowed_origins = get("FERRODESK_ALLOWED_ORIGINS")
            .unwrap_or_else(|| "http://127.0.0.1:8081,http://localhost:8081".to_owned())
            .split(',')
            .map(|s| s.trim().trim_end_matches('/').to_owned())
            .filter(|s| !s.is_empty())
            .collect();
        let cookie_secure = match get("FERRODESK_COOKIE_SECURE").as_deref() {
            None => environment == Environment::Production,
            Some("true" | "1") => true,
            Some("false" | "0") => false,
            Some(other) => return Err(ConfigError::Invalid("FERRODESK_COOKIE_SECURE", other.to_owned())),
        };
        let db_pool_size = match get("FERRODESK_DB_POOL_SIZE") {
            None => 10,
            Some(v) => v.parse().map_err(|_| ConfigError::Invalid("FERRODESK_DB_POOL_SIZE", v))?,
        };
        let mail_from = get("FERRODESK_MAIL_FROM").unwrap_or_else(|| DEFAULT_MAIL_FROM.to_owned());
        if let Err(e) = crate::mail::parse_mailbox(&mail_from) {
            return Err(ConfigError::Invalid("FERRODESK_MAIL_FROM", e));
        }
        let app_url = get("FERRODESK_APP_URL").unwrap_or_else(|| "http://127.0.0.1:8081".to_owned());
        let app_url = app_url.trim().trim_end_matches('/').to_owned();
        if !(app_url.starts_with("http://") || app_url.starts_with("https://")) {
            return Err(ConfigError::Invalid("FERRODESK_APP_URL", format!("{app_url:?} is not an http(s) URL")));
        }
        let smtp_url = get("FERRODESK_SMTP_URL").filter(|v| !v.trim().is_empty());
        if let Some(url) = &smtp_url {
            crate::mail::SmtpTarget::parse(url).map_err(|e| ConfigError::Invalid("FERRODESK_SMTP_URL", e))?;
        }
        let trusted_proxies = get("FERRODESK_TRUSTED_PROXIES")
            .unwrap_or_default()
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| s.parse().map_err(|_| ConfigError::Invalid("FERRODESK_TRUSTED_PROXIES", s.to_owned())))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Settings {
            database_url: get("DATABASE_URL").ok_or(ConfigError::Missing("DATABASE_URL"))?.into(),
            bind: get("FERRODESK_BIND").unwrap_or_else(|| "127.0.0.1:8080".to_owned()),
            jwt_secret: jwt_secret.into(),
            allowed_origins,
            environment,
            cookie_secure,
            db_pool_size,
            smtp_url: smtp_url.map(SecretString::from),
            mail_from,
            app_url,
            trusted_proxies,
        })
    }

    /// The SMTP URL, if e-mail is to be delivered.
    pub fn smtp_url(&self) -> Option<&str> {
        self.smtp_url.as_ref().map(|s| s.expose_secret())
    }

    /// The database URL, for connecting.
    pub fn database_url(&self) -> &str {
        self.database_url.expose_secret()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| pairs.iter().find(|(key, _)| *key == k).map(|(_, v)| (*v).to_owned())
    }

    #[test]
    fn production_refuses_the_default_secret() {
        let err = Settings::from_lookup(lookup(&[("DATABASE_URL", "postgres://x"), ("FERRODESK_ENV", "production")]));
        assert!(matches!(err, Err(ConfigError::Invalid("FERRODESK_JWT_SECRET", _))));
    }

    #[test]
    fn development_defaults() {
        let s = Settings::from_lookup(lookup(&[("DATABASE_URL", "postgres://x")])).expect("settings");
        assert_eq!(s.bind, "127.0.0.1:8080");
        assert!(!s.cookie_secure);
        assert_eq!(s.allowed_origins, vec!["http://127.0.0.1:8081", "http://localhost:8081"]);
        assert_eq!((s.smtp_url(), s.mail_from.as_str()), (None, DEFAULT_MAIL_FROM));
        assert_eq!(s.app_url, "http://127.0.0.1:8081");
    }

    #[test]
    fn mail_settings_are_checked() {
        let s = Settings::from_lookup(lookup(&[
            ("DATABASE_URL", "postgres://x"),
            ("FERRODESK_SMTP_URL", "smtp://127.0.0.1:2525"),
            ("FERRODESK_APP_URL", "https://desk.example.org/"),
        ]))
        .expect("settings");
        assert_eq!((s.smtp_url(), s.app_url.as_str()), (Some("smtp://127.0.0.1:2525"), "https://desk.example.org"));
        let bad = |k: &'static str, v: &'static str| {
            let pairs: &'static [(&'static str, &'static str)] =
                Box::leak(vec![("DATABASE_URL", "postgres://x"), (k, v)].into_boxed_slice());
            Settings::from_lookup(lookup(pairs)).is_err()
        };
        assert!(bad("FERRODESK_SMTP_URL", "http://127.0.0.1:2525"));
        assert!(bad("FERRODESK_MAIL_FROM", "not an address"));
        assert!(bad("FERRODESK_APP_URL", "desk.example.org"));
    }
}
