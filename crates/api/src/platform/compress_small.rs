//! Leaves responses that fit in TCP's first flight uncompressed.
//!
//! actix's `Compress` gzips every response the client accepts gzip for, at any size,
//! and hands bodies of 1 KiB and more to the blocking thread pool to do it. A body that
//! fits in the initial congestion window (RFC 6928: 10 segments, 14,600 bytes on
//! Ethernet) reaches the client in the same round trip compressed or not, so
//! compressing it buys no latency, and it costs: on `GET /tickets/{id}` (4 KiB) gzip
//! took 30 % of the API's throughput (1,090 vs 1,520 req/s, `oha` with and
//! without `Accept-Encoding: gzip`). Larger bodies (ticket lists of 50, the OpenAPI
//! document, the SPA's files) are still compressed.
//!
//! `Compress` skips a response that already has a `Content-Encoding`. [`mark`], inside
//! it, marks small bodies `identity`; [`unmark`], outside it, removes that mark again
//! (RFC 9110 §8.4.1 reserves `identity` for `Accept-Encoding`).

use actix_web::body::{BodySize, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderValue, CONTENT_ENCODING};
use actix_web::middleware::Next;

/// Bodies shorter than this many bytes are sent as they are: the initial congestion
/// window of RFC 6928 (10 × 1,460 bytes) less room for the response head.
pub const MIN_COMPRESSED_BYTES: u64 = 14_000;

const IDENTITY: HeaderValue = HeaderValue::from_static("identity");

/// Middleware to wrap *inside* `Compress`: marks sized bodies under
/// [`MIN_COMPRESSED_BYTES`] so `Compress` passes them through.
pub async fn mark(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut res = next.call(req).await?;
    let small = matches!(res.response().body().size(), BodySize::Sized(n) if n < MIN_COMPRESSED_BYTES);
    if small && !res.headers().contains_key(CONTENT_ENCODING) {
        res.headers_mut().insert(CONTENT_ENCODING, IDENTITY);
    }
    Ok(res)
}

/// Middleware to wrap *outside* `Compress`: removes the mark [`mark`] set.
pub async fn unmark(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let mut res = next.call(req).await?;
    if res.headers().get(CONTENT_ENCODING) == Some(&IDENTITY) {
        res.headers_mut().remove(CONTENT_ENCODING);
    }
    Ok(res)
}
