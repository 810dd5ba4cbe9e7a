//! The cross-tenant walk: every operation whose path names a row is called
//! by another organisation's admin with real ids of the first organisation. The answer
//! is always 404 with no data, and nothing of the first organisation changes. A path
//! parameter with no id source below fails the test, so new endpoints are covered.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::*;
use crate::policy_matrix::{operations, table};

/// A real id of `org` for the parameter `param` of a path starting with `resource`.
async fn real_id(owner: &sqlx::PgPool, org: Uuid, resource: &str, param: &str) -> Uuid {
    let sql = match (resource, param) {
        (_, "{userId}") | ("users", _) => "SELECT id FROM users WHERE organisation_id = $1",
        ("api-keys", _) => "SELECT id FROM api_keys WHERE organisation_id = $1",
        ("approvals", _) => "SELECT id FROM approval_requests WHERE organisation_id = $1",
        ("jobs", _) => "SELECT id FROM jobs WHERE organisation_id = $1",
        ("departments", _) => "SELECT id FROM departments WHERE organisation_id = $1",
        ("me", _) => "SELECT family_id FROM refresh_tokens WHERE organisation_id = $1 AND revoked_at IS NULL",
        ("service-items", _) => "SELECT id FROM service_items WHERE organisation_id = $1",
        ("service-categories", _) => "SELECT id FROM service_categories WHERE organisation_id = $1",
        ("tickets", _) => "SELECT id FROM tickets WHERE organisation_id = $1",
        ("units", _) => "SELECT id FROM units WHERE organisation_id = $1",
        other => panic!("no id source for {other:?}: add one so the cross-tenant walk covers it"),
    };
    sqlx::query_scalar(&format!("{sql} ORDER BY 1 LIMIT 1")).bind(org).fetch_one(owner).await.expect("a real id")
}

#[actix_web::test]
async fn another_organisations_ids_are_404_on_every_operation() {
    let app = spawn().await;
    let alex = app.login(ALEX).await;
    let key = app.post("/api/v1/api-keys", &alex, json!({"name": "Riverside key", "scopes": ["tickets:read"]})).await;
    assert_eq!(key.status, StatusCode::CREATED, "{}", key.body);
    // An e-mail and its delivery job.
    let reset = TestRequest::post().uri("/api/v1/auth/request-password-reset").set_json(json!({"email": EMMA}));
    assert_eq!(app.send(reset).await.status, StatusCode::ACCEPTED);
    let riverside: Uuid = sqlx::query_scalar("SELECT organisation_id FROM users WHERE email = $1")
        .bind(ALEX)
        .fetch_one(&app.owner)
        .await
        .expect("org");
    let before = crate::schema::fingerprint(&app.owner, riverside).await;
    let lena = app.login(LENA).await;
    let bodies = table();
    let mut walked = 0;
    for (method, path, id) in operations().into_iter().filter(|(_, p, _)| p.contains('{')) {
        let resource = path.trim_start_matches("/api/v1/").split('/').next().unwrap_or_default().to_owned();
        let mut uri = Vec::new();
        for seg in path.split('/') {
            if seg.starts_with('{') {
                uri.push(real_id(&app.owner, riverside, &resource, seg).await.to_string());
            } else {
                uri.push(seg.to_owned());
            }
        }
        let uri = uri.join("/");
        let body = bodies.iter().find(|(op, _, _)| *op == id).map(|(_, _, b)| b.clone()).unwrap_or(Value::Null);
        let mut req = TestRequest::default()
            .method(method.to_uppercase().parse().expect("method"))
            .uri(&uri)
            .insert_header(("Authorization", format!("Bearer {lena}")))
            .insert_header(("If-Match", "\"1\""));
        if !body.is_null() {
            req = req.set_json(&body);
        }
        let r = app.send(req).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND, "{method} {uri} as another organisation: {}", r.body);
        assert!(r.body.get("data").is_none(), "{method} {uri} leaked data: {}", r.body);
        walked += 1;
    }
    assert!(walked >= 20, "walked {walked} operations with ids");
    assert_eq!(
        crate::schema::fingerprint(&app.owner, riverside).await,
        before,
        "nothing of the other organisation changed"
    );
}

#[actix_web::test]
async fn without_an_organisation_the_app_role_sees_no_identity_rows() {
    let app = spawn().await;
    let alex = app.login(ALEX).await;
    app.post("/api/v1/api-keys", &alex, json!({"name": "k", "scopes": ["tickets:read"]})).await;
    let mut conn = app.pool.acquire().await.expect("conn");
    let reset = TestRequest::post().uri("/api/v1/auth/request-password-reset").set_json(json!({"email": EMMA}));
    assert_eq!(app.send(reset).await.status, StatusCode::ACCEPTED);
    for table in ["users", "api_keys", "refresh_tokens", "user_tokens", "email_outbox", "jobs", "audit_log", "units"] {
        let seen: i64 =
            sqlx::query_scalar(&format!("SELECT count(*) FROM {table}")).fetch_one(&mut *conn).await.expect("q");
        assert_eq!(seen, 0, "{table}: app.current_org unset must show nothing");
        let there: i64 =
            sqlx::query_scalar(&format!("SELECT count(*) FROM {table}")).fetch_one(&app.owner).await.expect("q");
        assert!(there > 0, "{table} has rows for the owner");
    }
}
