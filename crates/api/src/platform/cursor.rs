//! Opaque keyset cursors: base64url of `<created_at µs>:<id>` of the last row seen.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::platform::error::AppError;

/// The cursor after a row.
pub fn encode(created_at: DateTime<Utc>, id: Uuid) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}:{id}", created_at.timestamp_micros()))
}

/// Parses a cursor; a malformed one is 400 naming `cursor`.
pub fn decode(s: &str) -> Result<(DateTime<Utc>, Uuid), AppError> {
    let bad = || AppError::new(shared_types::ErrorCode::BadRequest, "cursor is not a cursor this API issued");
    let raw = URL_SAFE_NO_PAD.decode(s).map_err(|_| bad())?;
    let text = String::from_utf8(raw).map_err(|_| bad())?;
    let (micros, id) = text.split_once(':').ok_or_else(bad)?;
    let at = DateTime::from_timestamp_micros(micros.parse().map_err(|_| bad())?).ok_or_else(bad)?;
    Ok((at, id.parse().map_err(|_| bad())?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_garbage() {
        let at = DateTime::from_timestamp_micros(1_700_000_000_123_456).expect("time");
        let id = Uuid::new_v4();
        assert_eq!(decode(&encode(at, id)).ok(), Some((at, id)));
        assert!(decode("not-a-cursor").is_err());
    }
}
