//! Catalog management through the API: categories, items with approval
//! rules, versioned forms, service owners, search and the per-tenant document.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::{json, Value};

use crate::calls::call;
use crate::helpers::*;

fn id(r: &Reply) -> String {
    r.body["data"]["id"].as_str().unwrap_or_else(|| panic!("no id: {}", r.body)).to_owned()
}

fn item_body(category: &str, name: &str) -> Value {
    json!({"categoryId": category, "name": name, "description": "A **new** service.", "kind": "request",
           "responseTargetMinutes": 60, "resolutionTargetMinutes": 2880, "requiresApproval": true,
           "approvalRules": [{"step": 1, "approverRole": "manager", "unitScope": "same", "isRequired": true}],
           "keywords": ["Gadget", "kit"]})
}

#[actix_web::test]
async fn categories_stay_a_tree_and_items_carry_rules_and_slas() {
    let app = spawn().await;
    let alex = app.login(ALEX).await;
    let top = app.post("/api/v1/service-categories", &alex, json!({"name": "Lab equipment", "icon": "flask"})).await;
    assert_eq!(top.status, StatusCode::CREATED, "{}", top.body);
    let top = id(&top);
    let sub = app.post("/api/v1/service-categories", &alex, json!({"name": "Centrifuges", "parentId": top})).await;
    let sub = id(&sub);
    let cycle = call(
        &app,
        "put",
        &format!("/api/v1/service-categories/{top}"),
        &alex,
        &json!({"name": "Lab equipment", "parentId": sub}),
    )
    .await;
    assert_eq!(
        (cycle.status, cycle.body["error"]["details"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("parentId"))
    );

    let item = app.post("/api/v1/service-items", &alex, item_body(&sub, "Centrifuge service")).await;
    assert_eq!(item.status, StatusCode::CREATED, "{}", item.body);
    assert_eq!(item.body["data"]["approvalRules"][0]["unitScope"], "same");
    assert_eq!(item.body["data"]["keywords"], json!(["gadget", "kit"]));
    assert_eq!(item.body["data"]["formVersion"], 1, "starts with the empty form");
    let mut bad = item_body(&sub, "Broken");
    bad["approvalRules"][0]["isRequired"] = json!(false);
    bad["resolutionTargetMinutes"] = json!(30);
    let r = app.post("/api/v1/service-items", &alex, bad).await;
    let fields: Vec<&str> =
        r.body["error"]["details"].as_array().expect("details").iter().filter_map(|d| d["field"].as_str()).collect();
    assert_eq!(fields, vec!["resolutionTargetMinutes", "approvalRules"]);
    let dup = app.post("/api/v1/service-items", &alex, item_body(&sub, "New laptop")).await;
    assert_eq!(dup.body["error"]["details"][0]["field"], "name");

    let in_use = call(&app, "delete", &format!("/api/v1/service-categories/{sub}"), &alex, &Value::Null).await;
    assert_eq!(in_use.status, StatusCode::CONFLICT, "it has an item");
    let item_id = id(&item);
    assert_eq!(
        call(&app, "delete", &format!("/api/v1/service-items/{item_id}"), &alex, &Value::Null).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        call(&app, "delete", &format!("/api/v1/service-categories/{sub}"), &alex, &Value::Null).await.status,
        StatusCode::NO_CONTENT
    );
    let laptop = app.item_id(&alex, "New laptop").await;
    let used = call(&app, "delete", &format!("/api/v1/service-items/{laptop}"), &alex, &Value::Null).await;
    assert_eq!(used.status, StatusCode::CONFLICT, "tickets were filed under it");
}

#[actix_web::test]
async fn a_ticket_keeps_the_form_version_it_was_filed_under() {
    let app = spawn().await;
    let alex = app.login(ALEX).await;
    let emma = app.login(EMMA).await;
    let cats = app.get("/api/v1/service-categories", &alex).await;
    let hardware = cats.body["data"]
        .as_array()
        .expect("list")
        .iter()
        .find(|c| c["name"] == "Hardware")
        .and_then(|c| c["id"].as_str())
        .expect("Hardware")
        .to_owned();
    let mut body = item_body(&hardware, "Docking station");
    body["requiresApproval"] = json!(false);
    let item = id(&app.post("/api/v1/service-items", &alex, body).await);
    let v2 =
        json!({"type": "object", "properties": {"desk": {"type": "string", "title": "Desk"}}, "required": ["desk"]});
    let saved =
        call(&app, "put", &format!("/api/v1/service-items/{item}/template"), &alex, &json!({"schema": v2})).await;
    assert_eq!((saved.status, saved.body["data"]["version"].as_i64()), (StatusCode::OK, Some(2)), "{}", saved.body);
    let broken = call(
        &app,
        "put",
        &format!("/api/v1/service-items/{item}/template"),
        &alex,
        &json!({"schema": {"type": "array"}}),
    )
    .await;
    assert_eq!(
        (broken.status, broken.body["error"]["details"][0]["field"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("schema"))
    );

    let filed = app
        .post("/api/v1/tickets", &emma, json!({"serviceItemId": item, "title": "Dock", "formData": {"desk": "B12"}}))
        .await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.body);
    let ticket = id(&filed);
    let v3 = json!({"type": "object", "properties": {"desk": {"type": "string", "title": "Desk"},
                    "monitors": {"type": "integer", "title": "Monitors", "minimum": 1}}, "required": ["desk", "monitors"]});
    call(&app, "put", &format!("/api/v1/service-items/{item}/template"), &alex, &json!({"schema": v3})).await;
    let kept = app.get(&format!("/api/v1/tickets/{ticket}"), &emma).await;
    assert_eq!(kept.body["data"]["ticket"]["formVersion"], 2);
    let old = app.get(&format!("/api/v1/service-items/{item}/template?version=2"), &emma).await;
    assert_eq!(old.body["data"]["schema"], v2, "v2 still renders the ticket, field order kept");
    let now = app.get(&format!("/api/v1/service-items/{item}/template"), &emma).await;
    assert_eq!(now.body["data"]["version"], 3);
    let stale = app
        .post("/api/v1/tickets", &emma, json!({"serviceItemId": item, "title": "Dock", "formData": {"desk": "B12"}}))
        .await;
    assert_eq!(stale.body["error"]["details"][0]["field"], "formData.monitors", "new tickets use v3");
    let versions = app.get(&format!("/api/v1/service-items/{item}/template/versions"), &alex).await;
    let numbers: Vec<i64> =
        versions.body["data"].as_array().expect("list").iter().filter_map(|v| v["version"].as_i64()).collect();
    assert_eq!(numbers, vec![3, 2, 1]);
    assert_eq!(versions.body["data"][0]["fieldCount"], 2);
}

#[actix_web::test]
async fn only_admins_and_service_owners_change_the_catalog() {
    let app = spawn().await;
    let (alex, priya, tom, emma) =
        (app.login(ALEX).await, app.login(PRIYA).await, app.login(TOM).await, app.login(EMMA).await);
    let depts = app.get("/api/v1/departments", &alex).await;
    let clinical = depts.body["data"]
        .as_array()
        .expect("list")
        .iter()
        .find(|d| d["name"] == "Clinical Services")
        .and_then(|d| d["id"].as_str())
        .expect("dept")
        .to_owned();
    let cat = id(&app
        .post("/api/v1/service-categories", &alex, json!({"name": "Ward supplies", "departmentId": clinical}))
        .await);
    let mut body = item_body(&cat, "Ward tablet");
    body["requiresApproval"] = json!(false);
    let own = app.post("/api/v1/service-items", &priya, body.clone()).await;
    assert_eq!(own.status, StatusCode::CREATED, "Priya manages a unit of Clinical Services: {}", own.body);
    let own = id(&own);
    body["description"] = json!("Changed by its owner");
    assert_eq!(call(&app, "put", &format!("/api/v1/service-items/{own}"), &priya, &body).await.status, StatusCode::OK);
    let laptop = app.item_id(&alex, "New laptop").await;
    let theirs = call(
        &app,
        "put",
        &format!("/api/v1/service-items/{laptop}/template"),
        &priya,
        &json!({"schema": {"type": "object"}}),
    )
    .await;
    assert_eq!(theirs.status, StatusCode::FORBIDDEN, "an IT service is not hers");
    let listed = app.get("/api/v1/service-items", &priya).await;
    let editable = |name: &str| {
        listed.body["data"].as_array().expect("list").iter().find(|i| i["name"] == name).map(|i| i["editable"].clone())
    };
    assert_eq!((editable("Ward tablet"), editable("New laptop")), (Some(json!(true)), Some(json!(false))));
    assert_eq!(
        app.post("/api/v1/service-categories", &priya, json!({"name": "Mine"})).await.status,
        StatusCode::FORBIDDEN
    );
    for token in [&tom, &emma] {
        assert_eq!(
            app.post("/api/v1/service-items", token, item_body(&cat, "Nope")).await.status,
            StatusCode::FORBIDDEN
        );
        let r = call(
            &app,
            "put",
            &format!("/api/v1/service-items/{laptop}/template"),
            token,
            &json!({"schema": {"type": "object"}}),
        )
        .await;
        assert_eq!(r.status, StatusCode::FORBIDDEN);
    }
}

#[actix_web::test]
async fn search_ranks_by_name_keywords_then_description() {
    let app = spawn().await;
    let emma = app.login(EMMA).await;
    let names = |r: &Reply| {
        r.body["data"]
            .as_array()
            .expect("list")
            .iter()
            .filter_map(|h| h["name"].as_str().map(str::to_owned))
            .collect::<Vec<_>>()
    };
    let laptops = app.get("/api/v1/service-catalog/search?q=laptops", &emma).await;
    assert_eq!(names(&laptops).first().map(String::as_str), Some("New laptop"), "stemmed: {}", laptops.body);
    let prefix = app.get("/api/v1/service-catalog/search?q=lapt", &emma).await;
    assert!(names(&prefix).contains(&"New laptop".to_owned()), "prefix for type-ahead");
    let keyword = app.get("/api/v1/service-catalog/search?q=smartphone", &emma).await;
    assert_eq!(names(&keyword), vec!["Mobile phone"], "by keyword");
    let nothing = app.get("/api/v1/service-catalog/search?q=%26%7C%21", &emma).await;
    assert_eq!((nothing.status, names(&nothing).len()), (StatusCode::OK, 0), "operators are not syntax");
    let lena = app.login(LENA).await;
    let theirs = app.get("/api/v1/service-catalog/search?q=laptop", &lena).await;
    assert!(names(&theirs).iter().all(|n| n != "New laptop"), "only the caller's organisation: {}", theirs.body);
}

#[actix_web::test]
async fn the_organisations_document_names_each_items_form() {
    let app = spawn().await;
    let alex = app.login(ALEX).await;
    let doc = |token: String| {
        TestRequest::get()
            .uri("/api/v1/openapi.json?organisation=current")
            .insert_header(("Authorization", format!("Bearer {token}")))
    };
    let r = app.send(doc(alex.clone())).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let laptop = &r.body["components"]["schemas"]["FormData.new-laptop"];
    assert_eq!(laptop["type"], "object", "{laptop}");
    assert!(laptop["properties"].as_object().is_some_and(|p| !p.is_empty()));
    assert!(laptop["description"].as_str().unwrap_or_default().contains("POST /api/v1/tickets"));
    assert!(r.body["components"]["schemas"]["Ticket"].is_object(), "the shared document is still there");
    let lena = app.send(doc(app.login(LENA).await)).await;
    assert!(
        lena.body["components"]["schemas"]["FormData.new-laptop"].is_null(),
        "another organisation's items are not in it"
    );
    let anonymous = app.send(TestRequest::get().uri("/api/v1/openapi.json?organisation=current")).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    let shared = app.send(TestRequest::get().uri("/api/v1/openapi.json")).await;
    assert!(shared.body["components"]["schemas"]["FormData.new-laptop"].is_null());
}
