//! Access tokens: HS256 JWTs of at most 15 minutes; issuer, audience, expiry and
//! not-before are checked with 30 s leeway (RFC 8725, JSON Web Token Best Current Practices).

use jsonwebtoken::{decode, encode, Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};
use shared_types::Role;
use uuid::Uuid;

/// `iss` of every access token.
pub const ISSUER: &str = "ferrodesk";
/// `aud` of every access token.
pub const AUDIENCE: &str = "ferrodesk-api";
/// Lifetime of an access token, in seconds (15 minutes).
pub const ACCESS_TOKEN_SECONDS: i64 = 15 * 60;
/// Clock skew tolerated when checking `exp` and `nbf`, in seconds.
pub const LEEWAY_SECONDS: u64 = 30;

/// The claims of an access token.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    pub sub: Uuid,
    pub org: Uuid,
    pub role: Role,
    pub iss: String,
    pub aud: String,
    pub iat: i64,
    pub nbf: i64,
    pub exp: i64,
    /// Always `"access"`: refresh tokens are opaque and never JWTs, so nothing else
    /// can pass for an access token.
    pub typ: String,
    /// The session (refresh-token family) the token was issued for; lets
    /// `GET /me/sessions` mark the current one and `POST /me/password` keep it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sid: Option<Uuid>,
}

/// Signing and verification keys derived from `FERRODESK_JWT_SECRET`.
pub struct JwtKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
}

impl JwtKeys {
    /// Keys for HMAC-SHA256 with `secret`.
    pub fn new(secret: &[u8]) -> Self {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.leeway = LEEWAY_SECONDS;
        validation.validate_nbf = true;
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "nbf", "iss", "aud", "sub"]);
        JwtKeys { encoding: EncodingKey::from_secret(secret), decoding: DecodingKey::from_secret(secret), validation }
    }

    /// Issues a token for a user of session `sid` at `now` (unix seconds).
    pub fn issue(
        &self,
        user: Uuid,
        org: Uuid,
        role: Role,
        sid: Option<Uuid>,
        now: i64,
    ) -> Result<String, jsonwebtoken::errors::Error> {
        let claims = Claims {
            sub: user,
            org,
            role,
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            iat: now,
            nbf: now,
            exp: now + ACCESS_TOKEN_SECONDS,
            typ: "access".into(),
            sid,
        };
        encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
    }

    /// Verifies signature, algorithm, `iss`, `aud`, `exp`, `nbf` and `typ`.
    pub fn verify(&self, token: &str) -> Option<Claims> {
        let data = decode::<Claims>(token, &self.decoding, &self.validation).ok()?;
        (data.claims.typ == "access").then_some(data.claims)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_rejections() {
        let keys = JwtKeys::new(b"0123456789abcdef0123456789abcdef");
        let now = chrono::Utc::now().timestamp();
        let (u, o) = (Uuid::new_v4(), Uuid::new_v4());
        let t = keys.issue(u, o, Role::Technician, None, now).expect("token");
        let c = keys.verify(&t).expect("valid");
        assert_eq!((c.sub, c.org, c.role), (u, o, Role::Technician));
        let expired = keys.issue(u, o, Role::Admin, None, now - ACCESS_TOKEN_SECONDS - 60).expect("token");
        assert!(keys.verify(&expired).is_none());
        let future = keys.issue(u, o, Role::Admin, None, now + 120).expect("token");
        assert!(keys.verify(&future).is_none(), "nbf in the future beyond leeway");
        let other = JwtKeys::new(b"another-secret-another-secret-!!");
        assert!(other.verify(&t).is_none(), "wrong signature");
    }
}
