//! `GET /api/v1/openapi.json`: the API's OpenAPI document; with
//! `?organisation=current` and a bearer credential, the caller organisation's own
//! document, where every active service item's current form is a named schema
//! component (`FormData.<item-slug>`), so an integrator sees exactly what `formData`
//! each item needs.

use actix_web::{web, FromRequest, HttpRequest, HttpResponse};
use serde_json::{json, Value};

use crate::catalog::browse;
use crate::platform::auth::Actor;
use crate::platform::error::AppError;
use crate::platform::input::Query;
use crate::platform::state::AppState;

/// Query of the document.
#[derive(Debug, serde::Deserialize)]
pub struct SpecQuery {
    /// `current`: the signed-in caller's organisation.
    pub organisation: Option<String>,
}

/// Serves the shared document, or the organisation's with `?organisation=current`.
pub async fn openapi_json(
    state: web::Data<AppState>,
    doc: web::Data<String>,
    req: HttpRequest,
    query: Query<SpecQuery>,
) -> Result<HttpResponse, AppError> {
    let Some(which) = query.organisation.as_deref() else {
        return Ok(HttpResponse::Ok().content_type("application/json").body(doc.get_ref().clone()));
    };
    if which != "current" {
        return Err(AppError::field("organisation", "Use organisation=current"));
    }
    let actor = Actor::from_request(&req, &mut actix_web::dev::Payload::None).await?;
    let components = browse::form_components(&state, &actor).await?;
    let mut spec: Value = serde_json::from_str(doc.get_ref())
        .map_err(|e| AppError::internal_from("the served document is not JSON", e))?;
    let organisation = " Document of the caller's organisation: each active service item's form is a schema \
        component named FormData.<item>.";
    if let Some(d) = spec.pointer_mut("/info/description").and_then(|d| d.as_str().map(|s| s.to_owned())) {
        spec["info"]["description"] = json!(format!("{d}{organisation}"));
    }
    let schemas = spec
        .pointer_mut("/components/schemas")
        .and_then(Value::as_object_mut)
        .ok_or_else(|| AppError::internal("the document has no schemas"))?;
    schemas.extend(components);
    Ok(HttpResponse::Ok().content_type("application/json").json(spec))
}
