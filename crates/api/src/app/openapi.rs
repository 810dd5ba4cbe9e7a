//! The OpenAPI document, collected from the router itself (utoipa-actix-web), so no
//! hand-kept path list can drift from what is served. Served at
//! `/api/v1/openapi.json`, browsable at `/swagger-ui/`, committed as
//! `openapi/openapi.json` (a test fails when they differ).

use actix_web::dev::{ServiceFactory, ServiceRequest};
use actix_web::App;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::openapi::OpenApi as Document;
use utoipa::{Modify, OpenApi};
use utoipa_actix_web::{scope, AppExt};

use crate::app;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Ferrodesk API",
        version = "1.0.0",
        description = "IT service desk: service catalog, tickets, approvals, people and access. Every response \
            is the envelope `{success, data | error, meta, pagination?}`; errors carry a code from `ErrorCode`. \
            Authenticate with `POST /api/v1/auth/login` and send `Authorization: Bearer <accessToken>`, or create \
            an API key (`POST /api/v1/api-keys`) and send `Authorization: Bearer fdk_…`. See docs/API.md."
    ),
    modifiers(&BearerAuth),
    components(schemas(shared_types::ErrorCode, shared_types::ErrorEnvelope, shared_types::Pagination)),
    tags(
        (name = "auth", description = "Sign-in, token refresh, sign-out"),
        (name = "me", description = "The signed-in user: profile, password, sessions"),
        (name = "users", description = "People of the organisation"),
        (name = "structure", description = "Departments, the unit tree and unit managers"),
        (name = "api-keys", description = "Keys for integrations, scoped and expiring"),
        (name = "audit", description = "The append-only audit log"),
        (name = "catalog", description = "Service catalog and request forms"),
        (name = "tickets", description = "Requests and incidents"),
        (name = "approvals", description = "Approval decisions"),
        (name = "outbox", description = "Outgoing e-mail"),
        (name = "health", description = "Probes")
    )
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, doc: &mut Document) {
        let mut scheme = Http::new(HttpAuthScheme::Bearer);
        scheme.bearer_format = Some("JWT or API key".into());
        scheme.description =
            Some("Access token from POST /api/v1/auth/login, or an API key (fdk_…) from POST /api/v1/api-keys".into());
        doc.components.get_or_insert_with(Default::default).add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// Mounts every route on `app` and returns it with the document describing them.
pub fn mount<T>(app: App<T>) -> (App<T>, Document)
where
    T: ServiceFactory<ServiceRequest, Config = (), Error = actix_web::Error, InitError = ()>,
{
    app.into_utoipa_app()
        .openapi(ApiDoc::openapi())
        .service(app::health::health)
        .service(app::health::ready)
        .service(scope::scope("/api/v1").configure(app::configure))
        .split_for_parts()
}

/// The document alone (for `ferrodesk openapi` and the snapshot test).
pub fn document() -> Document {
    mount(App::new()).1
}

/// The document as pretty JSON with a trailing newline, as committed and served:
/// the generated one completed by [`super::openapi_contract`].
pub fn document_json() -> String {
    let mut doc = serde_json::to_value(document()).unwrap_or_default();
    super::openapi_contract::complete(&mut doc);
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
