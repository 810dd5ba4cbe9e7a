//! Success envelopes.

use actix_web::HttpResponse;
use serde::Serialize;
use shared_types::{Envelope, Meta, Pagination};

/// Metadata for the current request.
pub fn meta() -> Meta {
    Meta { timestamp: chrono::Utc::now(), request_id: crate::platform::request_id::current() }
}

/// Wraps `data` in a success envelope.
pub fn wrap<T: Serialize>(data: T) -> Envelope<T> {
    Envelope { success: true, data, meta: meta(), pagination: None }
}

/// 200 with `data`.
pub fn ok<T: Serialize>(data: T) -> HttpResponse {
    HttpResponse::Ok().json(wrap(data))
}

/// 201 with `data`.
pub fn created<T: Serialize>(data: T) -> HttpResponse {
    HttpResponse::Created().json(wrap(data))
}

/// 200 with a list and its pagination.
pub fn list<T: Serialize>(data: Vec<T>, pagination: Pagination) -> HttpResponse {
    HttpResponse::Ok().json(Envelope { success: true, data, meta: meta(), pagination: Some(pagination) })
}
