//! Run-time configuration: the static host serves `/config.json` beside `index.html`,
//! so one bundle works against any API origin (nothing is compiled in).

use gloo_net::http::Request;
use serde::Deserialize;

/// The contents of `/config.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Config {
    /// Origin of the API, e.g. `http://127.0.0.1:8080` (without `/api/v1`).
    pub api_base_url: String,
}

/// Fetches `/config.json`; the error is a sentence for the start-up screen.
pub async fn load() -> Result<Config, String> {
    let response =
        Request::get("/config.json").send().await.map_err(|e| format!("Could not load /config.json: {e}"))?;
    if !response.ok() {
        return Err(format!("Could not load /config.json (HTTP {}).", response.status()));
    }
    response.json::<Config>().await.map_err(|e| format!("/config.json is not valid: {e}"))
}
