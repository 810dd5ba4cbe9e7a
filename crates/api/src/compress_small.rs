//! Leaves small responses uncompressed.
//!
//! actix's `Compress` gzips every response the client accepts gzip for, at any size,
//! and hands bodies of 1 KiB and more to the blocking thread pool to do it. A body
//! that fits in one TCP segment gains nothing on the wire from compression but costs
//! that hand-off and a freshly zeroed compressor: on `GET /tickets/{id}` (about
//! 1.2 KiB) it was 15–20 % of the API's throughput (issue 5, `oha` with and without
//! `Accept-Encoding: gzip`). Nginx's `gzip_min_length` and CDNs apply the same
//! idea.
//!
//! `Compress` skips a response that already has a `Content-Encoding`. [`mark`], inside
//! it, marks small bodies `identity`; [`unmark`], outside it, removes that mark again
//! (RFC 9110 §8.4.1 reserves `identity` for `Accept-Encoding`).

use actix_web::body::{BodySize, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderValue, CONTENT_ENCODING};
use actix_web::middleware::Next;

/// Bodies shorter than this many bytes are sent as they are: one Ethernet segment's
/// payload (1500-byte MTU less 60 bytes of IPv4 and TCP headers with options, less
/// the response head).
pub const MIN_COMPRESSED_BYTES: u64 = 1400;

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
