//! Refresh tokens (RFC 9700 §4.14.2): opaque random strings, stored only as SHA-256,
//! rotated on every use; they travel only in an httpOnly cookie scoped to the auth
//! endpoints.

use actix_web::cookie::{time::Duration as CookieDuration, Cookie, SameSite};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Name of the cookie carrying the refresh token.
pub const COOKIE: &str = "ferrodesk_refresh";
/// The cookie is sent only to the auth endpoints.
pub const COOKIE_PATH: &str = "/api/v1/auth";
/// A refresh token unused for this long expires (idle timeout), in days.
pub const IDLE_DAYS: i64 = 14;
/// A family (one sign-in) ends this long after sign-in whatever happens (absolute
/// timeout), in days.
pub const ABSOLUTE_DAYS: i64 = 30;

/// A new random token (256 bits, base64url).
pub fn generate() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// The stored form of a token.
pub fn digest(token: &str) -> Vec<u8> {
    Sha256::digest(token.as_bytes()).to_vec()
}

/// The `Set-Cookie` for a token. SameSite=Lax: the SPA and the API are two origins of
/// one site (two ports of 127.0.0.1, or app./api. of one domain), so the browser sends
/// it on the SPA's credentialed fetches and never on cross-site ones. `Secure` whenever
/// served over https.
pub fn cookie(token: &str, secure: bool) -> Cookie<'static> {
    Cookie::build(COOKIE, token.to_owned())
        .path(COOKIE_PATH)
        .http_only(true)
        .secure(secure)
        .same_site(SameSite::Lax)
        .max_age(CookieDuration::days(IDLE_DAYS))
        .finish()
}

/// A `Set-Cookie` that deletes the token cookie.
pub fn clearing_cookie(secure: bool) -> Cookie<'static> {
    let mut c = cookie("", secure);
    c.make_removal();
    c
}
