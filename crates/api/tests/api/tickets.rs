use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::{json, Value};
use shared_types::{ErrorCode, Priority, Ticket, TicketStatus};

use crate::helpers::*;

fn monitor(item: &str) -> Value {
    json!({"serviceItemId": item, "title": "Second screen for handover desk", "description": "For the ED whiteboard",
           "formData": {"peripheral": "24-inch monitor", "quantity": 2}})
}

#[actix_web::test]
async fn filing_an_item_without_approval_opens_it_with_history_and_audit() {
    let app = spawn().await;
    let emma = app.login(EMMA).await;
    let item = app.item_id(&emma, "Monitor or peripheral").await;
    let r = app.post("/api/v1/tickets", &emma, monitor(&item)).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let t: Ticket = r.data();
    assert_eq!(t.status, TicketStatus::Open);
    assert_eq!(t.priority, Priority::Low, "the item's default priority");
    assert_eq!(t.number, 201, "numbers continue after the 200 demo tickets");
    assert_eq!(t.form_version, Some(1));
    assert!(t.resolution_due_at.is_some());
    let id = t.id;
    let history: i64 = sqlx::query_scalar("SELECT count(*) FROM ticket_history WHERE ticket_id = $1")
        .bind(id)
        .fetch_one(&app.owner)
        .await
        .expect("q");
    let audit: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE entity_id = $1 AND action = 'ticket.created'")
            .bind(id)
            .fetch_one(&app.owner)
            .await
            .expect("q");
    assert_eq!((history, audit), (1, 1));
}

#[actix_web::test]
async fn invalid_form_data_is_reported_field_by_field() {
    let app = spawn().await;
    let emma = app.login(EMMA).await;
    let item = app.item_id(&emma, "New laptop").await;
    let body = json!({"serviceItemId": item, "title": "Laptop", "formData": {"laptopModel": "Gaming rig", "accessories": ["Jetpack"]}});
    let r = app.post("/api/v1/tickets", &emma, body).await;
    let error = r.error();
    assert_eq!((r.status, error.code), (StatusCode::UNPROCESSABLE_ENTITY, ErrorCode::ValidationError));
    let details: Vec<(String, String)> = error.details.into_iter().map(|d| (d.field, d.message)).collect();
    let fields: Vec<&str> = details.iter().map(|d| d.0.as_str()).collect();
    assert_eq!(fields, ["formData.laptopModel", "formData.neededBy", "formData.accessories"]);
    assert_eq!(details[1].1, "Needed by is required");
    assert!(details[0].1.starts_with("Laptop model must be one of"), "{}", details[0].1);
    let empty_title = app.post("/api/v1/tickets", &emma, json!({"title": "  "})).await;
    assert_eq!(empty_title.body["error"]["details"][0]["field"], "title");
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM tickets").fetch_one(&app.owner).await.expect("q");
    assert_eq!(count, 208, "nothing was written");
}

#[actix_web::test]
async fn requesters_see_only_their_own_tickets_and_staff_see_more() {
    let app = spawn().await;
    let emma = app.login(EMMA).await;
    let me = app.get("/api/v1/me", &emma).await.body["data"]["id"].clone();
    let mine = app.get("/api/v1/tickets?limit=100", &emma).await;
    let rows = mine.body["data"].as_array().expect("list");
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|t| t["createdBy"]["id"] == me));
    let total_emma = mine.body["pagination"]["total"].as_i64().unwrap_or_default();
    let alex = app.login(ALEX).await;
    let all = app.get("/api/v1/tickets?limit=1", &alex).await;
    assert_eq!(all.body["pagination"]["total"], 200);
    assert!(total_emma < 200);
    let open = app.get("/api/v1/tickets?status=open&limit=100", &alex).await;
    assert!(open.body["data"].as_array().expect("list").iter().all(|t| t["status"] == "open"));
}

#[actix_web::test]
async fn cursor_pages_walk_the_list_without_gaps_or_repeats() {
    let app = spawn().await;
    let alex = app.login(ALEX).await;
    let mut seen = std::collections::HashSet::new();
    let mut cursor: Option<String> = None;
    loop {
        let path = match &cursor {
            Some(c) => format!("/api/v1/tickets?limit=30&cursor={c}"),
            None => "/api/v1/tickets?limit=30".into(),
        };
        let r = app.get(&path, &alex).await;
        for t in r.body["data"].as_array().expect("list") {
            assert!(seen.insert(t["id"].as_str().unwrap_or_default().to_owned()), "repeated");
        }
        match r.body["pagination"]["nextCursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
    }
    assert_eq!(seen.len(), 200);
    let bad = app.get("/api/v1/tickets?cursor=garbage!", &alex).await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST);
}

#[actix_web::test]
async fn search_finds_by_words_and_by_number() {
    let app = spawn().await;
    let alex = app.login(ALEX).await;
    let r = app.get("/api/v1/tickets?q=%2342", &alex).await;
    assert_eq!(r.body["data"][0]["number"], 42);
    let words = app.get("/api/v1/tickets?q=laptop&limit=100", &alex).await;
    let rows = words.body["data"].as_array().expect("list");
    assert!(!rows.is_empty());
    assert!(rows.iter().all(|t| t["title"].as_str().unwrap_or_default().to_lowercase().contains("laptop")));
}

#[actix_web::test]
async fn updates_need_the_current_version() {
    let app = spawn().await;
    let emma = app.login(EMMA).await;
    let item = app.item_id(&emma, "Monitor or peripheral").await;
    let t = app.post("/api/v1/tickets", &emma, monitor(&item)).await.body["data"].clone();
    let path = format!("/api/v1/tickets/{}", t["id"].as_str().unwrap_or_default());
    let edit = json!({"title": "Two screens for the handover desk", "description": "", "priority": "medium"});
    let put = |v: Option<&str>| {
        let mut req = TestRequest::put()
            .uri(&path)
            .insert_header(("Authorization", format!("Bearer {emma}")))
            .set_json(edit.clone());
        if let Some(v) = v {
            req = req.insert_header(("If-Match", v.to_owned()));
        }
        req
    };
    let none = app.send(put(None)).await;
    assert_eq!((none.status, none.code()), (StatusCode::PRECONDITION_REQUIRED, "PRECONDITION_REQUIRED"));
    let ok = app.send(put(Some("\"1\""))).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    assert_eq!(ok.body["data"]["version"], 2);
    assert_eq!(ok.headers.get("etag").and_then(|v| v.to_str().ok()), Some("\"2\""));
    let stale = app.send(put(Some("\"1\""))).await;
    assert_eq!((stale.status, stale.code()), (StatusCode::PRECONDITION_FAILED, "VERSION_MISMATCH"));
    let title = app.get(&path, &emma).await.body["data"]["ticket"]["title"].clone();
    assert_eq!(title, "Two screens for the handover desk", "the stale write changed nothing");
}

#[actix_web::test]
async fn transitions_outside_the_table_or_the_role_are_refused() {
    let app = spawn().await;
    let emma = app.login(EMMA).await;
    let item = app.item_id(&emma, "Monitor or peripheral").await;
    let id = app.post("/api/v1/tickets", &emma, monitor(&item)).await.body["data"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let path = format!("/api/v1/tickets/{id}/transitions");
    let skip = app.post(&path, &emma, json!({"to": "resolved"})).await;
    assert_eq!((skip.status, skip.code()), (StatusCode::CONFLICT, "INVALID_TRANSITION"));
    let take = app.post(&path, &emma, json!({"to": "assigned"})).await;
    assert_eq!((take.status, take.code()), (StatusCode::FORBIDDEN, "TRANSITION_FORBIDDEN"));
    let cancel = app.post(&path, &emma, json!({"to": "cancelled"})).await;
    assert_eq!(cancel.body["error"]["details"][0]["field"], "reason");
    let status: String = sqlx::query_scalar("SELECT status FROM tickets WHERE id = $1::uuid")
        .bind(&id)
        .fetch_one(&app.owner)
        .await
        .expect("q");
    assert_eq!(status, "open");
}

#[actix_web::test]
async fn requesters_never_see_internal_notes() {
    let app = spawn().await;
    let emma = app.login(EMMA).await;
    let tom = app.login(TOM).await;
    let item = app.item_id(&emma, "Monitor or peripheral").await;
    let id = app.post("/api/v1/tickets", &emma, monitor(&item)).await.body["data"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let path = format!("/api/v1/tickets/{id}/comments");
    let note = app.post(&path, &tom, json!({"body": "Stock check: two left", "visibility": "internal"})).await;
    assert_eq!(note.status, StatusCode::CREATED, "{}", note.body);
    let reply = app.post(&path, &tom, json!({"body": "Delivering tomorrow", "visibility": "public"})).await;
    assert_eq!(reply.status, StatusCode::CREATED);
    let forbidden = app.post(&path, &emma, json!({"body": "psst", "visibility": "internal"})).await;
    assert_eq!(forbidden.status, StatusCode::FORBIDDEN);
    let as_emma = app.get(&format!("/api/v1/tickets/{id}"), &emma).await;
    let bodies: Vec<&str> =
        as_emma.body["data"]["comments"].as_array().expect("c").iter().filter_map(|c| c["body"].as_str()).collect();
    assert_eq!(bodies, ["Delivering tomorrow"]);
    let history = as_emma.body["data"]["history"].as_array().expect("h");
    assert!(history.iter().all(|h| h["toValue"] != "internal"), "no trace of the internal note");
    let as_tom = app.get(&format!("/api/v1/tickets/{id}"), &tom).await;
    assert_eq!(as_tom.body["data"]["comments"].as_array().map(Vec::len), Some(2));
}

#[actix_web::test]
async fn offset_pages_follow_each_other_without_gaps() {
    let app = spawn().await;
    let alex = app.login(ALEX).await;
    let mut seen = std::collections::HashSet::new();
    for page in 1..=7 {
        let r = app.get(&format!("/api/v1/tickets?limit=30&page={page}"), &alex).await;
        assert_eq!(r.body["pagination"]["totalPages"], 7);
        for t in r.body["data"].as_array().expect("list") {
            assert!(seen.insert(t["id"].as_str().unwrap_or_default().to_owned()), "page {page} repeats a row");
        }
    }
    assert_eq!(seen.len(), 200, "every ticket on exactly one page");
}

#[actix_web::test]
async fn managers_read_their_units_tickets_but_do_not_work_them() {
    let app = spawn().await;
    let (emma, priya) = (app.login(EMMA).await, app.login(PRIYA).await);
    let item = app.item_id(&emma, "Monitor or peripheral").await;
    let id = app.post("/api/v1/tickets", &emma, monitor(&item)).await.body["data"]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let read = app.get(&format!("/api/v1/tickets/{id}"), &priya).await;
    assert_eq!(read.status, StatusCode::OK, "Emma is in Priya's unit");
    let take = app.post(&format!("/api/v1/tickets/{id}/transitions"), &priya, json!({"to": "assigned"})).await;
    assert_eq!((take.status, take.code()), (StatusCode::FORBIDDEN, "TRANSITION_FORBIDDEN"), "not in her queue");
}
