//! Responses are gzipped only when they are big enough to gain from it
//! (`compress_small`).

use actix_web::http::header::{ACCEPT_ENCODING, CONTENT_ENCODING};
use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use ferrodesk_api::platform::compress_small::MIN_COMPRESSED_BYTES;

use crate::helpers::*;

#[actix_web::test]
async fn small_bodies_go_uncompressed_and_large_ones_gzipped() {
    let app = spawn().await;
    let health = app.send(TestRequest::get().uri("/health").insert_header((ACCEPT_ENCODING, "gzip"))).await;
    assert_eq!(health.status, StatusCode::OK);
    assert_eq!(health.headers.get(CONTENT_ENCODING), None, "no encoding, not even the internal identity mark");
    assert_eq!(health.body["success"], true, "the small body is plain JSON");

    let spec = app.send(TestRequest::get().uri("/api/v1/openapi.json").insert_header((ACCEPT_ENCODING, "gzip"))).await;
    assert_eq!(spec.status, StatusCode::OK);
    assert_eq!(spec.headers.get(CONTENT_ENCODING).and_then(|v| v.to_str().ok()), Some("gzip"));
    assert!(spec.body.is_null(), "the gzipped body is not readable as JSON");

    let plain = app.send(TestRequest::get().uri("/api/v1/openapi.json")).await;
    assert_eq!(plain.headers.get(CONTENT_ENCODING), None, "no Accept-Encoding, no compression");
    assert!(plain.body.to_string().len() as u64 > MIN_COMPRESSED_BYTES, "the document is above the threshold");
}
