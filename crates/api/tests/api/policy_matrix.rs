//! The role × endpoint matrix: every operation in the OpenAPI document is
//! called with a token of each role and must answer 403 `FORBIDDEN` exactly when the
//! table below says the role may not do it. An operation missing from the table fails
//! the test, so no endpoint ships without a decided policy.

use actix_web::http::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::calls::call;
use crate::helpers::*;

/// Who may call an operation.
#[derive(Clone, Copy, Debug)]
pub enum Who {
    /// No token needed (sign-in, sign-up, probes).
    Public,
    /// Every signed-in role.
    Everyone,
    /// Technicians, managers and admins.
    Staff,
    /// Managers (service owners) and admins.
    Managers,
    Admin,
}

/// operationId → (who may call it, a body shaped right for it).
pub fn table() -> Vec<(&'static str, Who, Value)> {
    use Who::*;
    let new_user = json!({"email": format!("m{}@example.org", Uuid::new_v4().simple()), "name": "Matrix",
                          "role": "requester", "password": "a matrix passphrase"});
    vec![
        ("health", Public, Value::Null),
        ("ready", Public, Value::Null),
        ("login", Public, json!({"email": "nobody@example.org", "password": "not-the-password"})),
        ("refresh_session", Public, Value::Null),
        ("logout", Public, Value::Null),
        ("register", Public, json!({"organisationName": "", "name": "", "email": "x", "password": "x"})),
        ("accept_invitation", Public, json!({"token": "nope", "password": "a long passphrase"})),
        ("request_password_reset", Public, json!({"email": "nobody@example.org"})),
        ("reset_password", Public, json!({"token": "nope", "password": "a long passphrase"})),
        ("get_me", Everyone, Value::Null),
        ("get_profile", Everyone, Value::Null),
        ("update_me", Everyone, json!({})),
        ("change_password", Everyone, json!({"currentPassword": "wrong-current", "newPassword": "a new passphrase"})),
        ("list_sessions", Everyone, Value::Null),
        ("revoke_session", Everyone, Value::Null),
        ("list_users", Staff, Value::Null),
        ("get_user", Staff, Value::Null),
        ("create_user", Admin, new_user),
        ("update_user", Admin, json!({})),
        ("deactivate_user", Admin, Value::Null),
        ("create_invitation", Admin, json!({"email": "x", "name": "Invitee", "role": "requester"})),
        ("list_departments", Everyone, Value::Null),
        ("create_department", Admin, json!({"name": ""})),
        ("update_department", Admin, json!({"name": "Renamed"})),
        ("delete_department", Admin, Value::Null),
        ("list_units", Everyone, Value::Null),
        ("get_unit", Everyone, Value::Null),
        ("create_unit", Admin, json!({"name": "Matrix unit", "departmentId": Uuid::new_v4()})),
        ("update_unit", Admin, json!({"name": "Matrix unit", "departmentId": Uuid::new_v4()})),
        ("delete_unit", Admin, Value::Null),
        ("list_unit_users", Staff, Value::Null),
        ("list_unit_managers", Staff, Value::Null),
        ("add_unit_manager", Admin, Value::Null),
        ("remove_unit_manager", Admin, Value::Null),
        ("create_api_key", Everyone, json!({"name": "", "scopes": []})),
        ("list_api_keys", Everyone, Value::Null),
        ("revoke_api_key", Everyone, Value::Null),
        ("list_audit_logs", Admin, Value::Null),
        ("list_outbox_emails", Admin, Value::Null),
        ("list_jobs", Admin, Value::Null),
        ("retry_job", Admin, Value::Null),
        ("service_catalog", Everyone, Value::Null),
        ("get_service_item", Everyone, Value::Null),
        ("get_service_item_template", Everyone, Value::Null),
        ("list_tickets", Everyone, Value::Null),
        ("create_ticket", Everyone, json!({"title": "", "formData": {}})),
        ("get_ticket", Everyone, Value::Null),
        ("update_ticket", Everyone, json!({"title": "Changed", "description": "Changed", "priority": "low"})),
        ("transition_ticket", Everyone, json!({"to": "open"})),
        ("create_comment", Everyone, json!({"body": "A comment"})),
        ("search_catalog", Everyone, Value::Null),
        ("lookup_users", Everyone, Value::Null),
        ("list_categories", Everyone, Value::Null),
        ("create_category", Admin, json!({"name": ""})),
        ("update_category", Admin, json!({"name": "Renamed"})),
        ("delete_category", Admin, Value::Null),
        ("list_service_items", Managers, Value::Null),
        ("create_service_item", Managers, json!({"categoryId": Uuid::new_v4(), "name": "Matrix", "kind": "request"})),
        ("update_service_item", Managers, json!({"categoryId": Uuid::new_v4(), "name": "Matrix", "kind": "request"})),
        ("delete_service_item", Managers, Value::Null),
        ("save_service_item_template", Managers, json!({"schema": {"type": "object"}})),
        ("list_template_versions", Managers, Value::Null),
        ("list_pending_approvals", Everyone, Value::Null),
        ("approve", Everyone, json!({})),
        ("reject", Everyone, json!({"reason": "No"})),
    ]
}

/// Every operation of the committed-to-be spec: (method, path template, operationId).
pub fn operations() -> Vec<(String, String, String)> {
    let doc: Value = serde_json::from_str(&ferrodesk_api::app::openapi::document_json()).expect("spec");
    let mut ops = Vec::new();
    for (path, methods) in doc["paths"].as_object().expect("paths") {
        for (method, op) in methods.as_object().expect("methods") {
            let id = op["operationId"].as_str().expect("operationId").to_owned();
            ops.push((method.clone(), path.clone(), id));
        }
    }
    ops
}

/// The path with every `{param}` replaced by a fresh UUID.
fn with_random_ids(path: &str) -> String {
    path.split('/')
        .map(|seg| if seg.starts_with('{') { Uuid::new_v4().to_string() } else { seg.to_owned() })
        .collect::<Vec<_>>()
        .join("/")
}

fn allowed(who: Who, role: &str) -> bool {
    match who {
        Who::Public | Who::Everyone => true,
        Who::Staff => role != "requester",
        Who::Managers => role == "manager" || role == "admin",
        Who::Admin => role == "admin",
    }
}

#[actix_web::test]
async fn every_operation_answers_each_role_as_the_policy_table_says() {
    let app = spawn().await;
    let people = [("requester", EMMA), ("technician", TOM), ("manager", PRIYA), ("admin", ALEX)];
    let mut roles = Vec::new();
    for (role, email) in people {
        roles.push((role, email, app.login(email).await));
    }
    let table = table();
    let mut checked = 0;
    for (method, path, id) in operations() {
        let (_, who, body) = table.iter().find(|(op, _, _)| *op == id).unwrap_or_else(|| {
            panic!("{method} {path} ({id}) has no row in the policy matrix: decide who may call it")
        });
        for (role, email, token) in &roles {
            // Signing out ends the token's session: it gets a session of its own.
            let token = if id == "logout" { app.login(email).await } else { token.clone() };
            let r = call(&app, &method, &with_random_ids(&path), &token, body).await;
            let what = format!("{role} {method} {path}: {} {}", r.status, r.body);
            assert!(!r.status.is_server_error(), "no input answers 5xx: {what}");
            if allowed(*who, role) {
                assert_ne!(r.status, StatusCode::FORBIDDEN, "allowed, got 403: {what}");
                if !matches!(who, Who::Public) {
                    assert_ne!(r.code(), "UNAUTHENTICATED", "a valid token was refused: {what}");
                }
            } else {
                assert_eq!((r.status, r.code()), (StatusCode::FORBIDDEN, "FORBIDDEN"), "should be denied: {what}");
                assert!(r.body.get("data").is_none(), "a denial carries no data: {what}");
            }
            checked += 1;
        }
        if !matches!(who, Who::Public) {
            let r = call(&app, &method, &with_random_ids(&path), "", body).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "{method} {path} without a token: {}", r.body);
        } else {
            let r = call(&app, &method, &with_random_ids(&path), "", body).await;
            assert!(!r.status.is_server_error(), "{method} {path} without a token: {} {}", r.status, r.body);
        }
    }
    assert!(checked >= 4 * 50, "the spec lists every operation ({checked} calls)");
    let stale: Vec<_> = table.iter().filter(|(op, _, _)| !operations().iter().any(|(_, _, id)| id == op)).collect();
    assert!(stale.is_empty(), "rows for operations that no longer exist: {stale:?}");
}
