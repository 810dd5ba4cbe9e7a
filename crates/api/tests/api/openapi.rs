use actix_web::http::StatusCode;
use actix_web::test::TestRequest;

use crate::helpers::*;

#[test]
fn committed_spec_matches_the_code() {
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../openapi/openapi.json")).unwrap_or_default();
    let generated = ferrodesk_api::app::openapi::document_json();
    assert!(
        committed == generated,
        "openapi/openapi.json is stale: run `cargo xtask openapi` (or `ferrodesk openapi > openapi/openapi.json`) \
         and commit it. First differences (- committed, + generated):\n{}",
        first_differences(&committed, &generated, 12)
    );
}

/// The first `max` lines that differ, in order, each with its line number.
fn first_differences(committed: &str, generated: &str, max: usize) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (committed.lines().collect(), generated.lines().collect());
    let mut out = Vec::new();
    for i in 0..a.len().max(b.len()) {
        let (old, new) = (a.get(i), b.get(i));
        if old != new {
            out.push(format!("{:>6} - {}\n{:>6} + {}", i + 1, old.unwrap_or(&"<end>"), i + 1, new.unwrap_or(&"<end>")));
        }
        if out.len() == max {
            break;
        }
    }
    out.join("\n")
}

#[test]
fn a_stale_spec_is_reported_with_its_first_differing_lines() {
    let diff = first_differences("a\nb\nc\n", "a\nB\nc\nd\n", 5);
    assert_eq!(diff, "     2 - b\n     2 + B\n     4 - <end>\n     4 + d");
}

#[test]
fn every_operation_is_documented_with_the_bearer_scheme() {
    let doc: serde_json::Value = serde_json::from_str(&ferrodesk_api::app::openapi::document_json()).expect("json");
    let paths = doc["paths"].as_object().expect("paths");
    for p in [
        "/api/v1/auth/login",
        "/api/v1/tickets",
        "/api/v1/tickets/{id}/transitions",
        "/api/v1/approvals/{id}/reject",
        "/health",
        "/ready",
    ] {
        assert!(paths.contains_key(p), "{p} missing");
    }
    assert_eq!(doc["components"]["securitySchemes"]["bearer"]["scheme"], "bearer");
    assert!(doc["paths"]["/api/v1/tickets"]["get"]["security"].is_array());
}

#[actix_web::test]
async fn spec_swagger_ui_and_probes_are_served() {
    let app = spawn().await;
    let spec = app.send(TestRequest::get().uri("/api/v1/openapi.json")).await;
    assert_eq!(spec.status, StatusCode::OK);
    assert_eq!(spec.body["info"]["title"], "Ferrodesk API");
    let ui = actix_web::test::call_service(&app.service, TestRequest::get().uri("/swagger-ui/").to_request()).await;
    assert_eq!(ui.status(), StatusCode::OK);
    let html = actix_web::test::read_body(ui).await;
    assert!(String::from_utf8_lossy(&html).contains("swagger-ui"), "the vendored Swagger UI is served offline");
    let init = app.send(TestRequest::get().uri("/swagger-ui/swagger-initializer.js")).await;
    assert_eq!(init.status, StatusCode::OK);
    let ready = app.send(TestRequest::get().uri("/ready")).await;
    assert_eq!((ready.status, &ready.body["data"]["status"]), (StatusCode::OK, &serde_json::json!("ok")));
    let health = app.send(TestRequest::get().uri("/health")).await;
    assert_eq!(health.status, StatusCode::OK);
    assert!(health.headers.get("x-request-id").is_some());
}
