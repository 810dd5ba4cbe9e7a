//! People and structure through the API: users, units, departments, the
//! profile, and mass-assignment refusals.

use actix_web::http::StatusCode;
use serde_json::{json, Value};

use crate::calls::call;
use crate::helpers::*;

fn data_id(r: &Reply) -> String {
    r.body["data"]["id"].as_str().unwrap_or_else(|| panic!("no id in {}", r.body)).to_owned()
}

#[actix_web::test]
async fn admins_create_update_and_deactivate_users_and_deactivation_revokes_everything() {
    let app = spawn().await;
    let alex = app.login(ALEX).await;
    let body = json!({"email": "New.Person@Riverside-Hospital.example", "name": "New Person", "role": "requester",
                      "password": "a long enough passphrase"});
    let created = app.post("/api/v1/users", &alex, body.clone()).await;
    assert_eq!(created.status, StatusCode::CREATED, "{}", created.body);
    assert_eq!(created.body["data"]["email"], "new.person@riverside-hospital.example");
    let id = data_id(&created);
    let again = app.post("/api/v1/users", &alex, body).await;
    assert_eq!((again.status, again.code()), (StatusCode::CONFLICT, "CONFLICT"));
    let weak = json!({"email": "weak@example.org", "name": "W", "role": "requester", "password": "iloveyou"});
    assert_eq!(app.post("/api/v1/users", &alex, weak).await.status, StatusCode::UNPROCESSABLE_ENTITY);

    let promoted = call(&app, "put", &format!("/api/v1/users/{id}"), &alex, &json!({"role": "technician"})).await;
    assert_eq!(promoted.body["data"]["role"], "technician", "{}", promoted.body);
    let token = app.login_reply("new.person@riverside-hospital.example", "a long enough passphrase").await;
    let cookie = token.refresh_cookie().expect("cookie");
    let access = token.body["data"]["accessToken"].as_str().expect("token").to_owned();
    let key = app.post("/api/v1/api-keys", &access, json!({"name": "script", "scopes": ["tickets:read"]})).await;
    let key = key.body["data"]["key"].as_str().expect("key").to_owned();
    assert_eq!(app.get("/api/v1/tickets", &key).await.status, StatusCode::OK);

    let gone = call(&app, "delete", &format!("/api/v1/users/{id}"), &alex, &Value::Null).await;
    assert_eq!(gone.status, StatusCode::NO_CONTENT);
    assert_eq!(app.refresh(&cookie).await.status, StatusCode::UNAUTHORIZED, "sessions revoked");
    assert_eq!(app.get("/api/v1/tickets", &key).await.status, StatusCode::UNAUTHORIZED, "keys revoked");
    let read = app.get(&format!("/api/v1/users/{id}"), &alex).await;
    assert_eq!(read.body["data"]["isActive"], false, "kept, not deleted");
    let actions: Vec<String> =
        sqlx::query_scalar("SELECT action FROM audit_log WHERE entity_id = $1::uuid ORDER BY created_at, action")
            .bind(&id)
            .fetch_all(&app.owner)
            .await
            .expect("audit");
    for a in ["user.created", "user.role_changed", "user.deactivated"] {
        assert!(actions.iter().any(|x| x == a), "{a} in {actions:?}");
    }
    let me = app.get("/api/v1/me", &alex).await.body["data"]["id"].as_str().expect("id").to_owned();
    let own = call(&app, "delete", &format!("/api/v1/users/{me}"), &alex, &Value::Null).await;
    assert_eq!(own.status, StatusCode::CONFLICT, "admins cannot deactivate themselves");
}

#[actix_web::test]
async fn user_lists_filter_and_stay_within_the_callers_units() {
    let app = spawn().await;
    let alex = app.login(ALEX).await;
    let all = app.get("/api/v1/users?limit=100", &alex).await;
    let total = all.body["pagination"]["total"].as_i64().expect("total");
    assert_eq!(total, 40);
    let techs = app.get("/api/v1/users?role=technician&limit=100", &alex).await;
    assert!(techs.body["data"].as_array().expect("list").iter().all(|u| u["role"] == "technician"));
    let q = app.get("/api/v1/users?q=clarke", &alex).await;
    assert_eq!(q.body["data"][0]["email"], EMMA);
    let priya = app.login(PRIYA).await;
    let hers = app.get("/api/v1/users?limit=100", &priya).await;
    let n = hers.body["pagination"]["total"].as_i64().expect("total");
    assert!(n > 0 && n < total, "a manager sees only its units' people ({n})");
    assert_eq!(app.get("/api/v1/users", &app.login(EMMA).await).await.status, StatusCode::FORBIDDEN);
    let outside = all.body["data"]
        .as_array()
        .expect("list")
        .iter()
        .find(|u| !hers.body["data"].as_array().expect("list").iter().any(|h| h["id"] == u["id"]))
        .and_then(|u| u["id"].as_str())
        .expect("someone outside her units")
        .to_owned();
    assert_eq!(app.get(&format!("/api/v1/users/{outside}"), &priya).await.status, StatusCode::NOT_FOUND);
}

#[actix_web::test]
async fn the_unit_tree_stays_acyclic_and_units_in_use_are_not_deleted() {
    let app = spawn().await;
    let alex = app.login(ALEX).await;
    let dept = app.post("/api/v1/departments", &alex, json!({"name": "Research"})).await;
    assert_eq!(dept.status, StatusCode::CREATED, "{}", dept.body);
    let dept = data_id(&dept);
    let top = data_id(&app.post("/api/v1/units", &alex, json!({"name": "Labs", "departmentId": dept})).await);
    let mid =
        app.post("/api/v1/units", &alex, json!({"name": "Genomics", "departmentId": dept, "parentId": top})).await;
    let mid = data_id(&mid);
    let low =
        app.post("/api/v1/units", &alex, json!({"name": "Sequencing", "departmentId": dept, "parentId": mid})).await;
    let low = data_id(&low);
    let cycle = call(
        &app,
        "put",
        &format!("/api/v1/units/{top}"),
        &alex,
        &json!({"name": "Labs", "departmentId": dept, "parentId": low}),
    )
    .await;
    assert_eq!(cycle.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(cycle.body["error"]["details"][0]["field"], "parentId");
    let parent: Option<uuid::Uuid> = sqlx::query_scalar("SELECT parent_id FROM units WHERE id = $1::uuid")
        .bind(&top)
        .fetch_one(&app.owner)
        .await
        .expect("q");
    assert_eq!(parent, None, "nothing changed");
    let units = app.get("/api/v1/units", &app.login(EMMA).await).await;
    let order: Vec<&str> =
        units.body["data"].as_array().expect("list").iter().filter_map(|u| u["id"].as_str()).collect();
    let pos = |id: &str| order.iter().position(|x| *x == id).expect("listed");
    assert!(pos(&top) < pos(&mid) && pos(&mid) < pos(&low), "parents come first");
    let in_use = call(&app, "delete", &format!("/api/v1/units/{mid}"), &alex, &Value::Null).await;
    assert_eq!((in_use.status, in_use.code()), (StatusCode::CONFLICT, "CONFLICT"), "it has a sub-unit");
    let dept_in_use = call(&app, "delete", &format!("/api/v1/departments/{dept}"), &alex, &Value::Null).await;
    assert_eq!(dept_in_use.status, StatusCode::CONFLICT);
    let tom = app.get("/api/v1/me", &app.login(TOM).await).await.body["data"]["id"].as_str().expect("id").to_owned();
    let add = call(&app, "put", &format!("/api/v1/units/{low}/managers/{tom}"), &alex, &Value::Null).await;
    assert_eq!(add.status, StatusCode::NO_CONTENT);
    let managers = app.get(&format!("/api/v1/units/{low}/managers"), &alex).await;
    assert_eq!(managers.body["data"][0]["id"], tom.as_str());
    assert_eq!(
        call(&app, "delete", &format!("/api/v1/units/{low}"), &alex, &Value::Null).await.status,
        StatusCode::NO_CONTENT
    );
}

#[actix_web::test]
async fn profile_changes_are_checked_and_privileged_fields_are_refused() {
    let app = spawn().await;
    let emma = app.login(EMMA).await;
    let ok = call(
        &app,
        "put",
        "/api/v1/me",
        &emma,
        &json!({"name": "Emma C.", "locale": "de-CH", "timeZone": "Europe/Zurich"}),
    )
    .await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(ok.body["data"]["timeZone"], "Europe/Zurich");
    let bad = call(&app, "put", "/api/v1/me", &emma, &json!({"timeZone": "Mars/Olympus"})).await;
    assert_eq!(bad.body["error"]["details"][0]["field"], "timeZone");
    for (method, path, body) in [
        ("put", "/api/v1/me", json!({"role": "admin"})),
        ("put", "/api/v1/me", json!({"name": "x", "organisationId": uuid::Uuid::new_v4()})),
        ("post", "/api/v1/tickets", json!({"title": "t", "formData": {}, "organisationId": uuid::Uuid::new_v4()})),
        ("post", "/api/v1/tickets", json!({"title": "t", "formData": {}, "status": "closed"})),
        ("post", "/api/v1/api-keys", json!({"name": "k", "scopes": ["tickets:read"], "userId": uuid::Uuid::new_v4()})),
    ] {
        let r = call(&app, method, path, &emma, &body).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{method} {path} {body}: {}", r.body);
    }
    let role: String = sqlx::query_scalar("SELECT role FROM users WHERE email = $1")
        .bind(EMMA)
        .fetch_one(&app.owner)
        .await
        .expect("q");
    assert_eq!(role, "requester", "nothing changed");
    let tickets: i64 =
        sqlx::query_scalar("SELECT count(*) FROM tickets WHERE title = 't'").fetch_one(&app.owner).await.expect("q");
    assert_eq!(tickets, 0);
    let filed = app.post("/api/v1/tickets", &emma, json!({"title": "Printer jam", "formData": {}})).await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.body);
    let ticket = filed.body["data"].clone();
    let id = ticket["id"].as_str().expect("id");
    let put = app
        .send(
            actix_web::test::TestRequest::put()
                .uri(&format!("/api/v1/tickets/{id}"))
                .insert_header(("Authorization", format!("Bearer {emma}")))
                .insert_header(("If-Match", format!("\"{}\"", ticket["version"])))
                .set_json(json!({"title": "x", "description": "y", "priority": "low", "status": "closed"})),
        )
        .await;
    assert_eq!(put.status, StatusCode::UNPROCESSABLE_ENTITY, "status is not editable: {}", put.body);
}
