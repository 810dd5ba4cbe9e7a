use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::json;

use super::audit_actions;
use crate::helpers::*;

fn registration(org: &str, email: &str, password: &str) -> TestRequest {
    let body = json!({"organisationName": org, "name": "Ada Byrne", "email": email, "password": password});
    TestRequest::post().uri("/api/v1/auth/register").set_json(body)
}

async fn count(owner: &sqlx::PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(owner).await.expect("count")
}

#[actix_web::test]
async fn register_signs_in_the_admin_of_a_new_organisation_with_a_default_structure() {
    let app = spawn().await;
    let r = app.send(registration("Harbour Dental Clinic", "ada@harbour-dental.example", "tide pools at dawn")).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let user = &r.body["data"]["user"];
    assert_eq!((user["role"].as_str(), user["email"].as_str()), (Some("admin"), Some("ada@harbour-dental.example")));
    assert_eq!(user["organisationName"], "Harbour Dental Clinic");
    assert_eq!(user["unitName"], "Service Desk");
    let cookie = r.refresh_cookie().expect("the refresh cookie is set as on sign-in");
    assert_eq!(app.refresh(&cookie).await.status, StatusCode::OK);

    let token = r.body["data"]["accessToken"].as_str().expect("token");
    let me = app.get("/api/v1/me", token).await;
    assert_eq!(me.body["data"]["organisationName"], "Harbour Dental Clinic");
    let org = user["organisationId"].as_str().expect("org id").parse::<uuid::Uuid>().expect("uuid");
    let (slug,): (String,) = sqlx::query_as("SELECT slug FROM organisations WHERE id = $1")
        .bind(org)
        .fetch_one(&app.owner)
        .await
        .expect("org");
    assert_eq!(slug, "harbour-dental-clinic");
    let structure: (String, bool, String, i64) = sqlx::query_as(
        "SELECT d.name, d.is_service_owner, u.name, (SELECT count(*) FROM unit_managers m WHERE m.unit_id = u.id)
         FROM units u JOIN departments d ON d.id = u.department_id WHERE u.organisation_id = $1",
    )
    .bind(org)
    .fetch_one(&app.owner)
    .await
    .expect("one unit");
    assert_eq!(structure, ("General".into(), true, "Service Desk".into(), 1));
    assert!(audit_actions(&app.owner).await.contains(&"organisation.registered".to_owned()));

    // The new admin sees only its own organisation.
    let tickets = app.get("/api/v1/tickets", token).await;
    assert_eq!((tickets.status, tickets.body["pagination"]["total"].as_i64()), (StatusCode::OK, Some(0)));
}

#[actix_web::test]
async fn two_organisations_with_one_name_get_distinct_slugs() {
    let app = spawn().await;
    let a = app.send(registration("Northgate Logistics", "a@second-northgate.example", "tide pools at dawn")).await;
    let b = app.send(registration("Northgate Logistics", "b@third-northgate.example", "tide pools at dawn")).await;
    assert_eq!((a.status, b.status), (StatusCode::CREATED, StatusCode::CREATED), "{} {}", a.body, b.body);
    let slugs: Vec<String> = sqlx::query_scalar("SELECT slug FROM organisations WHERE name = 'Northgate Logistics'")
        .fetch_all(&app.owner)
        .await
        .expect("slugs");
    assert_eq!(slugs.len(), 3, "the demo one and two new ones: {slugs:?}");
    assert!(slugs.iter().all(|s| s.starts_with("northgate-logistics")));
    let unique: std::collections::HashSet<_> = slugs.iter().collect();
    assert_eq!(unique.len(), 3);
}

#[actix_web::test]
async fn a_taken_email_is_a_conflict_and_leaves_nothing_behind() {
    let app = spawn().await;
    let orgs = count(&app.owner, "SELECT count(*) FROM organisations").await;
    let users = count(&app.owner, "SELECT count(*) FROM users").await;
    let r = app.send(registration("Copycat Ltd", &EMMA.to_uppercase(), "tide pools at dawn")).await;
    assert_eq!((r.status, r.code()), (StatusCode::CONFLICT, "CONFLICT"), "{}", r.body);
    assert!(r.refresh_cookie().is_none());
    let first = app.send(registration("First Ltd", "twice@example.org", "tide pools at dawn")).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let again = app.send(registration("Second Ltd", " Twice@Example.org ", "tide pools at dawn")).await;
    assert_eq!(again.status, StatusCode::CONFLICT);
    assert_eq!(count(&app.owner, "SELECT count(*) FROM organisations").await, orgs + 1, "only First Ltd");
    assert_eq!(count(&app.owner, "SELECT count(*) FROM users").await, users + 1);
    assert_eq!(
        count(&app.owner, "SELECT count(*) FROM organisations WHERE name IN ('Copycat Ltd', 'Second Ltd')").await,
        0
    );
}

#[actix_web::test]
async fn names_and_the_password_policy_are_checked() {
    let app = spawn().await;
    let orgs = count(&app.owner, "SELECT count(*) FROM organisations").await;
    let fields = |r: &Reply| -> Vec<String> {
        r.body["error"]["details"]
            .as_array()
            .map(|d| d.iter().filter_map(|f| f["field"].as_str().map(str::to_owned)).collect())
            .unwrap_or_default()
    };
    let common = app.send(registration("Quiet Ltd", "quiet@example.org", "Password")).await;
    assert_eq!((common.status, common.code()), (StatusCode::UNPROCESSABLE_ENTITY, "VALIDATION_ERROR"));
    assert_eq!(fields(&common), ["password"]);
    let short = app.send(registration("Quiet Ltd", "quiet@example.org", "short")).await;
    assert_eq!(fields(&short), ["password"]);
    let body =
        json!({"organisationName": "  ", "name": "", "email": "quiet@example.org", "password": "tide pools at dawn"});
    let empty = app.send(TestRequest::post().uri("/api/v1/auth/register").set_json(body)).await;
    assert_eq!(empty.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(fields(&empty), ["name", "organisationName"], "each blank name, in the order of their names");
    let body = json!({"organisationName": "Quiet Ltd", "name": "Q", "email": "x@example.org", "password": "tide pools at dawn", "role": "admin"});
    let extra = app.send(TestRequest::post().uri("/api/v1/auth/register").set_json(body)).await;
    assert_eq!(extra.status, StatusCode::UNPROCESSABLE_ENTITY, "unknown fields are refused");
    assert_eq!(count(&app.owner, "SELECT count(*) FROM organisations").await, orgs);
}
