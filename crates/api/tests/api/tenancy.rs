use actix_web::http::StatusCode;
use serde_json::json;
use sqlx::Connection;

use crate::helpers::*;

#[actix_web::test]
async fn another_organisations_rows_are_404_never_data() {
    let app = spawn().await;
    let (alex, lena, priya) = (app.login(ALEX).await, app.login(LENA).await, app.login(PRIYA).await);
    let theirs =
        app.get("/api/v1/tickets?limit=1", &alex).await.body["data"][0]["id"].as_str().unwrap_or_default().to_owned();
    let r = app.get(&format!("/api/v1/tickets/{theirs}"), &lena).await;
    assert_eq!((r.status, r.code()), (StatusCode::NOT_FOUND, "NOT_FOUND"));
    assert!(r.body.get("data").is_none());
    let moved = app
        .post(&format!("/api/v1/tickets/{theirs}/transitions"), &lena, json!({"to": "cancelled", "reason": "x"}))
        .await;
    assert_eq!(moved.status, StatusCode::NOT_FOUND);
    let commented = app.post(&format!("/api/v1/tickets/{theirs}/comments"), &lena, json!({"body": "hello"})).await;
    assert_eq!(commented.status, StatusCode::NOT_FOUND);
    let approval = app.get("/api/v1/approvals/pending", &priya).await.body["data"][0]["approval"]["id"]
        .as_str()
        .map(str::to_owned);
    if let Some(approval) = approval {
        let r = app.post(&format!("/api/v1/approvals/{approval}/approve"), &lena, json!({})).await;
        assert_eq!(r.status, StatusCode::NOT_FOUND);
    }
    let item = app.item_id(&alex, "New laptop").await;
    assert_eq!(app.get(&format!("/api/v1/service-items/{item}"), &lena).await.status, StatusCode::NOT_FOUND);
    let list = app.get("/api/v1/tickets?limit=100", &lena).await;
    assert_eq!(list.body["pagination"]["total"], 8, "only Northgate's tickets");
    let cats = app.get("/api/v1/service-catalog", &lena).await;
    assert_eq!(cats.body["data"]["categories"].as_array().map(Vec::len), Some(1));
}

#[actix_web::test]
async fn the_api_role_is_not_the_owner_and_sees_nothing_without_an_organisation() {
    let app = spawn().await;
    let (bypass, superuser): (bool, bool) =
        sqlx::query_as("SELECT rolbypassrls, rolsuper FROM pg_roles WHERE rolname = current_user")
            .fetch_one(&app.pool)
            .await
            .expect("q");
    assert!(!bypass && !superuser);
    let owner: String = sqlx::query_scalar("SELECT tableowner::text FROM pg_tables WHERE tablename = 'tickets'")
        .fetch_one(&app.pool)
        .await
        .expect("q");
    assert_ne!(owner, "ferrodesk_app");
    let mut conn = app.pool.acquire().await.expect("conn");
    let seen: i64 = sqlx::query_scalar("SELECT count(*) FROM tickets").fetch_one(&mut *conn).await.expect("q");
    assert_eq!(seen, 0, "app.current_org unset: no rows");
    let users: i64 = sqlx::query_scalar("SELECT count(*) FROM users").fetch_one(&mut *conn).await.expect("q");
    assert_eq!(users, 0);
    let mut tx = conn.begin().await.expect("tx");
    let denied = sqlx::query("DELETE FROM audit_log").execute(&mut *tx).await;
    assert!(denied.is_err(), "the API role cannot delete audit rows");
}

#[actix_web::test]
async fn the_schema_refuses_links_between_organisations() {
    let app = spawn().await;
    let emma: uuid::Uuid =
        sqlx::query_scalar("SELECT id FROM users WHERE email = $1").bind(EMMA).fetch_one(&app.owner).await.expect("q");
    let northgate_ticket: uuid::Uuid =
        sqlx::query_scalar("SELECT t.id FROM tickets t JOIN organisations o ON o.id = t.organisation_id WHERE o.slug = 'northgate-logistics' LIMIT 1")
            .fetch_one(&app.owner)
            .await
            .expect("q");
    // Even the owner, which RLS does not restrict, cannot assign Emma to Northgate's ticket.
    let linked = sqlx::query("UPDATE tickets SET assigned_to = $1 WHERE id = $2")
        .bind(emma)
        .bind(northgate_ticket)
        .execute(&app.owner)
        .await;
    let err = linked.expect_err("a cross-organisation link").to_string();
    assert!(err.contains("tickets_assignee_same_org"), "{err}");
}
