//! HTTP transport to the Ferrodesk API: the base URL from `/config.json`, the bearer
//! access token (memory only), `credentials: include` for the refresh cookie, envelope
//! decoding, and one silent refresh-and-retry on a 401.
//!
//! Typed endpoints live in [`crate::endpoints`]; this module knows nothing about them.

mod decode;

use std::cell::RefCell;
use std::rc::Rc;

use futures_util::future::{FutureExt, LocalBoxFuture, Shared};
use gloo_net::http::{Request, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use shared_types::{Envelope, ErrorCode, Pagination, TokenResponse};

use decode::{decode, failure_from, json};
pub use decode::{encode, ApiResult, Failure};
use web_sys::RequestCredentials;

/// One page of a list endpoint.
#[derive(Debug, Clone, PartialEq)]
pub struct Page<T> {
    /// The rows of this page.
    pub items: Vec<T>,
    /// Paging information, when the API sent it.
    pub pagination: Option<Pagination>,
}

type RefreshFuture = Shared<LocalBoxFuture<'static, ApiResult<TokenResponse>>>;

#[derive(Default)]
struct State {
    base: String,
    token: Option<String>,
    refreshing: Option<RefreshFuture>,
    on_session_lost: Option<Rc<dyn Fn()>>,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// Sets the API origin read from `/config.json`; calls go to `{origin}/api/v1/...`.
pub fn configure(api_base_url: &str) {
    let base = format!("{}/api/v1", api_base_url.trim_end_matches('/'));
    STATE.with_borrow_mut(|s| s.base = base);
}

/// Replaces the in-memory access token (`None` when signed out).
pub fn set_token(token: Option<String>) {
    STATE.with_borrow_mut(|s| s.token = token);
}

/// Registers what to do when a refresh fails after a 401 (the session is over).
pub fn on_session_lost(f: impl Fn() + 'static) {
    STATE.with_borrow_mut(|s| s.on_session_lost = Some(Rc::new(f)));
}

#[derive(Clone, Copy)]
enum Method {
    Get,
    Post,
    Put,
    Delete,
}

struct Call<'a> {
    method: Method,
    path: &'a str,
    body: Option<String>,
    if_match: Option<i32>,
}

async fn send_once(call: &Call<'_>) -> ApiResult<Response> {
    let (base, token) = STATE.with_borrow(|s| (s.base.clone(), s.token.clone()));
    let url = format!("{base}{}", call.path);
    let mut builder: RequestBuilder = match call.method {
        Method::Get => Request::get(&url),
        Method::Post => Request::post(&url),
        Method::Put => Request::put(&url),
        Method::Delete => Request::delete(&url),
    }
    .credentials(RequestCredentials::Include)
    .header("Accept", "application/json");
    if let Some(token) = token {
        builder = builder.header("Authorization", &format!("Bearer {token}"));
    }
    if let Some(version) = call.if_match {
        builder = builder.header("If-Match", &format!("\"{version}\""));
    }
    let request = match &call.body {
        Some(json) => builder.header("Content-Type", "application/json").body(json.clone()),
        None => builder.build(),
    }
    .map_err(|_| Failure::network())?;
    request.send().await.map_err(|_| Failure::network())
}

/// Sends `call`; on a 401 outside `/auth/`, refreshes the session once and retries.
async fn send(call: Call<'_>) -> ApiResult<Response> {
    let response = send_once(&call).await?;
    if response.status() != 401 || call.path.starts_with("/auth/") {
        return Ok(response);
    }
    match refresh().await {
        Ok(_) => send_once(&call).await,
        Err(_) => {
            set_token(None);
            let hook = STATE.with_borrow(|s| s.on_session_lost.clone());
            if let Some(hook) = hook {
                hook();
            }
            Err(Failure {
                status: 401,
                code: Some(ErrorCode::Unauthenticated),
                message: "Your session has ended. Please sign in again.".into(),
                details: Vec::new(),
            })
        }
    }
}

/// `POST /auth/refresh` with the cookie. Concurrent callers share one request, so the
/// rotating refresh token is never presented twice (that would revoke the session).
pub async fn refresh() -> ApiResult<TokenResponse> {
    let shared = STATE.with_borrow_mut(|s| {
        s.refreshing
            .get_or_insert_with(|| {
                async {
                    let call = Call { method: Method::Post, path: "/auth/refresh", body: None, if_match: None };
                    let response = send_once(&call).await?;
                    Ok(decode::<TokenResponse>(response).await?.data)
                }
                .boxed_local()
                .shared()
            })
            .clone()
    });
    let result = shared.await;
    STATE.with_borrow_mut(|s| {
        s.refreshing = None;
        s.token = result.as_ref().ok().map(|t| t.access_token.clone());
    });
    result
}

/// `GET {path}` → `data`.
pub async fn get<T: DeserializeOwned>(path: &str) -> ApiResult<T> {
    let response = send(Call { method: Method::Get, path, body: None, if_match: None }).await?;
    Ok(decode(response).await?.data)
}

/// `GET {path}` of a list → the rows and the pagination.
pub async fn get_page<T: DeserializeOwned>(path: &str) -> ApiResult<Page<T>> {
    let response = send(Call { method: Method::Get, path, body: None, if_match: None }).await?;
    let envelope: Envelope<Vec<T>> = decode(response).await?;
    Ok(Page { items: envelope.data, pagination: envelope.pagination })
}

/// `POST {path}` with a JSON body → `data`.
pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> ApiResult<T> {
    let response = send(Call { method: Method::Post, path, body: Some(json(body)?), if_match: None }).await?;
    Ok(decode(response).await?.data)
}

/// `POST {path}` without a body, ignoring any answer body (logout).
pub async fn post_empty(path: &str) -> ApiResult<()> {
    no_content(Call { method: Method::Post, path, body: None, if_match: None }).await
}

/// `POST {path}` with a JSON body whose answer has no data (202, 204).
pub async fn post_no_content<B: Serialize>(path: &str, body: &B) -> ApiResult<()> {
    no_content(Call { method: Method::Post, path, body: Some(json(body)?), if_match: None }).await
}

/// `PUT {path}` without a body and without data in the answer (204).
pub async fn put_no_content(path: &str) -> ApiResult<()> {
    no_content(Call { method: Method::Put, path, body: None, if_match: None }).await
}

/// `DELETE {path}` (204).
pub async fn delete(path: &str) -> ApiResult<()> {
    no_content(Call { method: Method::Delete, path, body: None, if_match: None }).await
}

/// `PUT {path}` with a JSON body and no `If-Match` → `data`.
pub async fn put_json<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> ApiResult<T> {
    let call = Call { method: Method::Put, path, body: Some(json(body)?), if_match: None };
    Ok(decode(send(call).await?).await?.data)
}

/// Sends `call` and succeeds on any 2xx, ignoring the body.
async fn no_content(call: Call<'_>) -> ApiResult<()> {
    let response = send(call).await?;
    if response.ok() {
        Ok(())
    } else {
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        Err(failure_from(status, &text))
    }
}

/// `PUT {path}` with `If-Match: "<version>"` → `data`.
pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B, version: i32) -> ApiResult<T> {
    let call = Call { method: Method::Put, path, body: Some(json(body)?), if_match: Some(version) };
    Ok(decode(send(call).await?).await?.data)
}
