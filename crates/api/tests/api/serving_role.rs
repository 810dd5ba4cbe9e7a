//! The role the API serves as: `ferrodesk serve` refuses a
//! role that row-level security does not restrict, and the queries keep organisations
//! apart by themselves even when it does not (served as the owner, RLS off).

use std::collections::HashSet;
use std::sync::Arc;
use std::time::Duration;

use actix_web::http::StatusCode;
use ferrodesk_api::app::config::Settings;
use ferrodesk_api::app::startup;
use ferrodesk_api::platform::clock::SystemClock;
use ferrodesk_api::platform::role_check::{self, RoleCheckError, RoleFacts};
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::*;

#[actix_web::test]
async fn serve_refuses_the_owner_role_and_accepts_the_app_role() {
    let app = spawn().await;
    let owner_role: String = sqlx::query_scalar("SELECT current_user::text").fetch_one(&app.owner).await.expect("q");

    let facts = role_check::facts(&app.owner).await.expect("facts of the owner");
    for table in ["users", "tickets", "audit_log"] {
        assert!(facts.owned_tables.iter().any(|t| t == table), "{table} is the owner's: {facts:?}");
    }
    match role_check::ensure_rls_applies(&app.owner).await {
        Err(RoleCheckError::Refused(m)) => {
            assert!(m.contains(&format!("\"{owner_role}\" owns the tenant tables")), "{m}");
            assert!(m.contains("DATABASE_URL") && m.contains("ferrodesk_app"), "says what to do: {m}");
        }
        other => panic!("the owner must be refused: {other:?}"),
    }

    let app_facts = role_check::facts(&app.pool).await.expect("facts of the app role");
    let expected =
        RoleFacts { role: "ferrodesk_app".into(), superuser: false, bypass_rls: false, owned_tables: Vec::new() };
    assert_eq!(app_facts, expected);
    role_check::ensure_rls_applies(&app.pool).await.expect("the app role is accepted");

    // `ferrodesk serve` itself stops before it listens when DATABASE_URL is the owner.
    let url = app.owner_url.clone();
    let settings = Settings::from_lookup(|k| match k {
        "DATABASE_URL" => Some(url.clone()),
        "FERRODESK_BIND" => Some("127.0.0.1:0".into()),
        _ => None,
    })
    .expect("settings");
    let ran = actix_web::rt::time::timeout(Duration::from_secs(30), startup::run(settings))
        .await
        .expect("`serve` went on serving as the owner instead of refusing");
    let err = ran.expect_err("serving as the owner is refused");
    assert!(err.to_string().starts_with("refusing to serve"), "{err}");
    assert!(err.to_string().contains(&format!("\"{owner_role}\"")), "{err}");
}

/// Every string anywhere in `v`.
fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

#[actix_web::test]
async fn reads_stay_within_the_organisation_when_rls_does_not_apply() {
    let app = spawn_as(&[], Arc::new(SystemClock), ServeAs::Owner).await;
    // The served role really sees every organisation's rows without a filter.
    let orgs: i64 =
        sqlx::query_scalar("SELECT count(DISTINCT organisation_id) FROM users").fetch_one(&app.owner).await.expect("q");
    assert_eq!(orgs, 2, "RLS does not restrict the owner");

    // Riverside has rows of every kind listed below: sessions, keys, e-mail, audit.
    let alex = app.login(ALEX).await;
    let key = app.post("/api/v1/api-keys", &alex, json!({"name": "Riverside key", "scopes": ["tickets:read"]})).await;
    assert_eq!(key.status, StatusCode::CREATED, "{}", key.body);
    let invite = json!({"email": "new.nurse@riverside-hospital.example", "name": "New Nurse", "role": "requester"});
    let invited = app.post("/api/v1/invitations", &alex, invite).await;
    assert_eq!(invited.status, StatusCode::CREATED, "{}", invited.body);
    // And Northgate has some of its own, so no list below is empty.
    let lena = app.login(LENA).await;
    let key = app.post("/api/v1/api-keys", &lena, json!({"name": "Northgate key", "scopes": ["tickets:read"]})).await;
    assert_eq!(key.status, StatusCode::CREATED, "{}", key.body);
    let invite = json!({"email": "new.driver@northgate-logistics.example", "name": "New Driver", "role": "requester"});
    let invited = app.post("/api/v1/invitations", &lena, invite).await;
    assert_eq!(invited.status, StatusCode::CREATED, "{}", invited.body);

    let riverside: Uuid = sqlx::query_scalar("SELECT organisation_id FROM users WHERE email = $1")
        .bind(ALEX)
        .fetch_one(&app.owner)
        .await
        .expect("org");
    let theirs: HashSet<String> = sqlx::query_scalar(
        "SELECT id::text FROM users WHERE organisation_id = $1
         UNION ALL SELECT id::text FROM units WHERE organisation_id = $1
         UNION ALL SELECT id::text FROM departments WHERE organisation_id = $1
         UNION ALL SELECT id::text FROM audit_log WHERE organisation_id = $1
         UNION ALL SELECT id::text FROM email_outbox WHERE organisation_id = $1
         UNION ALL SELECT id::text FROM service_items WHERE organisation_id = $1
         UNION ALL SELECT id::text FROM service_categories WHERE organisation_id = $1
         UNION ALL SELECT id::text FROM api_keys WHERE organisation_id = $1
         UNION ALL SELECT family_id::text FROM refresh_tokens WHERE organisation_id = $1
         UNION ALL SELECT id::text FROM tickets WHERE organisation_id = $1
         UNION ALL SELECT id::text FROM ticket_history WHERE organisation_id = $1
         UNION ALL SELECT id::text FROM ticket_comments WHERE organisation_id = $1
         UNION ALL SELECT id::text FROM approval_requests WHERE organisation_id = $1",
    )
    .bind(riverside)
    .fetch_all(&app.owner)
    .await
    .expect("Riverside's ids")
    .into_iter()
    .collect();
    assert!(theirs.len() > 100, "Riverside has rows to leak: {}", theirs.len());

    // A ticket of Northgate's with an approval, and Marco, who is asked to decide it.
    let (ticket, marco): (Uuid, String) = sqlx::query_as(
        "SELECT a.ticket_id, u.email FROM approval_requests a JOIN users u ON u.id = a.approver_id
         WHERE a.organisation_id <> $1 AND a.status = 'pending' ORDER BY a.created_at LIMIT 1",
    )
    .bind(riverside)
    .fetch_one(&app.owner)
    .await
    .expect("a pending approval of Northgate's");
    let marco = app.login(&marco).await;
    let detail = format!("/api/v1/tickets/{ticket}");

    let lists = [
        "/api/v1/users",
        "/api/v1/users/lookup?q=a",
        "/api/v1/units",
        "/api/v1/departments",
        "/api/v1/audit-logs",
        "/api/v1/outbox/emails",
        "/api/v1/service-items",
        "/api/v1/service-categories",
        "/api/v1/service-catalog",
        "/api/v1/service-catalog/search?q=password",
        "/api/v1/api-keys",
        "/api/v1/me/sessions",
        "/api/v1/me",
        "/api/v1/me/profile",
        "/api/v1/tickets?limit=100",
        detail.as_str(),
    ]
    .map(|path| (path, &lena));
    for (path, token) in lists.into_iter().chain([("/api/v1/approvals/pending", &marco)]) {
        let r = app.get(path, token).await;
        assert_eq!(r.status, StatusCode::OK, "{path}: {}", r.body);
        let data = &r.body["data"];
        let empty = data.as_array().is_some_and(Vec::is_empty) || data.is_null();
        assert!(!empty, "{path}: Northgate has rows here, so the check means something: {}", r.body);
        let mut seen = Vec::new();
        strings(data, &mut seen);
        let leaked: Vec<&String> = seen.iter().filter(|s| theirs.contains(*s)).collect();
        assert!(leaked.is_empty(), "{path} shows Riverside's rows {leaked:?} to Northgate");
        let text = data.to_string().to_lowercase();
        assert!(!text.contains("riverside"), "{path} names Riverside to Northgate: {text}");
    }

    // Another organisation's ticket or approval is 404, as for the app role, and
    // deciding one changes nothing.
    let (their_ticket, their_approval): (Uuid, Uuid) = sqlx::query_as(
        "SELECT ticket_id, id FROM approval_requests WHERE organisation_id = $1 AND status = 'pending' LIMIT 1",
    )
    .bind(riverside)
    .fetch_one(&app.owner)
    .await
    .expect("a pending approval of Riverside's");
    let r = app.get(&format!("/api/v1/tickets/{their_ticket}"), &lena).await;
    assert_eq!((r.status, r.code()), (StatusCode::NOT_FOUND, "NOT_FOUND"), "{}", r.body);
    assert!(r.body.get("data").is_none(), "{}", r.body);
    let r = app.post(&format!("/api/v1/approvals/{their_approval}/approve"), &lena, json!({})).await;
    assert_eq!(r.status, StatusCode::NOT_FOUND, "{}", r.body);
    let status: String = sqlx::query_scalar("SELECT status FROM approval_requests WHERE id = $1")
        .bind(their_approval)
        .fetch_one(&app.owner)
        .await
        .expect("status");
    assert_eq!(status, "pending");
}
