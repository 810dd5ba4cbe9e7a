//! Turning responses into data or a [`Failure`], and request bodies and query values
//! into text.

use gloo_net::http::Response;
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared_types::{Envelope, ErrorCode, FieldError};

/// A failed call, ready to show to a person.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    /// HTTP status; 0 when the server could not be reached.
    pub status: u16,
    /// The API's error code, when the body was an error envelope.
    pub code: Option<ErrorCode>,
    /// `error.message`, or a sentence of ours for transport problems.
    pub message: String,
    /// Per-field problems (`formData.startDate`, `title`, …).
    pub details: Vec<FieldError>,
}

impl Failure {
    pub(super) fn plain(status: u16, message: impl Into<String>) -> Self {
        Self { status, code: None, message: message.into(), details: Vec::new() }
    }

    pub(super) fn network() -> Self {
        Self::plain(0, "Could not reach the Ferrodesk server. Check your connection and try again.")
    }

    /// True when the API answered with `code`.
    pub fn is(&self, code: ErrorCode) -> bool {
        self.code == Some(code)
    }
}

/// Result of an API call.
pub type ApiResult<T> = Result<T, Failure>;

pub(super) async fn decode<T: DeserializeOwned>(response: Response) -> ApiResult<Envelope<T>> {
    let status = response.status();
    let text = response.text().await.map_err(|_| Failure::network())?;
    if !(200..300).contains(&status) {
        return Err(failure_from(status, &text));
    }
    serde_json::from_str(&text).map_err(|_| {
        Failure::plain(status, format!("The server sent an answer this app does not understand (HTTP {status})."))
    })
}

pub(super) fn failure_from(status: u16, text: &str) -> Failure {
    let body: serde_json::Value = serde_json::from_str(text).unwrap_or_default();
    let error = &body["error"];
    let message = error["message"]
        .as_str()
        .map(str::to_owned)
        .unwrap_or_else(|| format!("The request failed (HTTP {status}). Please try again."));
    Failure {
        status,
        code: serde_json::from_value(error["code"].clone()).ok(),
        message,
        details: serde_json::from_value(error["details"].clone()).unwrap_or_default(),
    }
}

pub(super) fn json<B: Serialize>(body: &B) -> ApiResult<String> {
    serde_json::to_string(body).map_err(|e| Failure::plain(0, format!("Could not prepare the request: {e}")))
}

/// Percent-encodes a query-string value.
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => out.push(byte as char),
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_envelopes_keep_code_message_and_details() {
        let body = r#"{"success":false,"error":{"code":"VALIDATION_ERROR","message":"Check the form",
            "details":[{"field":"formData.neededBy","message":"Needed by is required"}]},
            "meta":{"timestamp":"2026-01-01T00:00:00Z","requestId":"r1"}}"#;
        let f = failure_from(422, body);
        assert!(f.is(ErrorCode::ValidationError));
        assert_eq!(f.message, "Check the form");
        assert_eq!(f.details[0].field, "formData.neededBy");
    }

    #[test]
    fn other_bodies_get_a_generic_message() {
        let f = failure_from(502, "<html>Bad gateway</html>");
        assert_eq!(f.status, 502);
        assert!(f.code.is_none());
        assert!(f.message.contains("HTTP 502"));
    }

    #[test]
    fn encodes_query_values() {
        assert_eq!(encode("a b&c=d#1"), "a%20b%26c%3Dd%231");
        assert_eq!(encode("plain-text_1.~"), "plain-text_1.~");
    }
}
