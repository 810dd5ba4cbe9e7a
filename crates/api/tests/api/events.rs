//! The domain event log: each change writes its events in its own transaction, with
//! the organisation's gap-free sequence; a refused change writes none and takes no
//! number; concurrent writers never share or skip a number; every type of the
//! catalogue is written by some operation.

use std::collections::BTreeSet;

use actix_web::http::StatusCode;
use serde_json::{json, Value};
use shared_types::events::DomainEvent;
use uuid::Uuid;

use crate::calls::call;
use crate::helpers::*;

/// An organisation's events in sequence order: (seq, type, actor, decoded event).
async fn log(owner: &sqlx::PgPool, org: Uuid) -> Vec<(i64, String, Option<Uuid>, DomainEvent)> {
    let rows: Vec<(i64, String, i16, Option<Uuid>, Value)> = sqlx::query_as(
        "SELECT seq, type, version, actor_id, payload FROM domain_events WHERE organisation_id = $1 ORDER BY seq",
    )
    .bind(org)
    .fetch_all(owner)
    .await
    .expect("events");
    rows.into_iter()
        .map(|(seq, kind, version, actor, payload)| {
            let event = DomainEvent::from_parts(&kind, payload).unwrap_or_else(|e| panic!("{kind} decodes: {e}"));
            assert_eq!(event.version(), version, "{kind}");
            (seq, kind, actor, event)
        })
        .collect()
}

async fn id_of(owner: &sqlx::PgPool, email: &str) -> (Uuid, Uuid) {
    sqlx::query_as("SELECT id, organisation_id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(owner)
        .await
        .expect("user")
}

fn types(events: &[(i64, String, Option<Uuid>, DomainEvent)]) -> Vec<&str> {
    events.iter().map(|e| e.1.as_str()).collect()
}

#[actix_web::test]
async fn a_tickets_life_is_logged_in_order_with_no_gaps_and_a_refused_change_takes_no_number() {
    let app = spawn().await;
    let (emma, emma_token) = (id_of(&app.owner, EMMA).await, app.login(EMMA).await);
    let (priya, priya_token) = (id_of(&app.owner, PRIYA).await.0, app.login(PRIYA).await);
    let (tom, tom_token) = (id_of(&app.owner, TOM).await.0, app.login(TOM).await);
    let org = emma.1;
    let item = app.item_id(&emma_token, "New laptop").await;
    let body = json!({"serviceItemId": item, "title": "Laptop for triage", "formData": {"laptopModel": "Standard 14-inch", "neededBy": "2026-12-14"}});
    let filed = app.post("/api/v1/tickets", &emma_token, body).await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.body);
    let ticket: shared_types::Ticket = filed.data();
    let tid = ticket.id.to_string();
    let approval = app.pending_approval_id(&priya_token, &tid).await;
    let ok = app.post(&format!("/api/v1/approvals/{approval}/approve"), &priya_token, json!({"comment": "Fine"})).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let took = app.post(&format!("/api/v1/tickets/{tid}/transitions"), &tom_token, json!({"to": "assigned"})).await;
    assert_eq!(took.status, StatusCode::OK, "{}", took.body);
    let said = app
        .post(&format!("/api/v1/tickets/{tid}/comments"), &tom_token, json!({"body": "On it", "visibility": "public"}))
        .await;
    assert_eq!(said.status, StatusCode::CREATED, "{}", said.body);
    let before = log(&app.owner, org).await;
    // A stale edit is refused: no event, and no sequence number used up.
    let stale = call(
        &app,
        "put",
        &format!("/api/v1/tickets/{tid}"),
        &tom_token,
        &json!({"title": "X", "description": "", "priority": "high", "version": 1}),
    )
    .await;
    assert_eq!(stale.status, StatusCode::PRECONDITION_FAILED, "{}", stale.body);
    assert_eq!(log(&app.owner, org).await.len(), before.len());
    let current =
        app.get(&format!("/api/v1/tickets/{tid}"), &tom_token).await.body["data"]["ticket"]["version"].as_i64();
    let edit = json!({"title": "Laptop for triage nurse", "description": "", "priority": "high", "version": current});
    assert_eq!(call(&app, "put", &format!("/api/v1/tickets/{tid}"), &tom_token, &edit).await.status, StatusCode::OK);

    let events = log(&app.owner, org).await;
    assert_eq!(
        events.iter().map(|e| e.0).collect::<Vec<_>>(),
        (1..=events.len() as i64).collect::<Vec<_>>(),
        "gap-free from 1"
    );
    assert_eq!(
        types(&events),
        [
            "ticket.created",
            "approval.requested",
            "approval.decided",
            "ticket.status_changed",
            "ticket.status_changed",
            "ticket.assigned",
            "comment.created",
            "ticket.updated"
        ]
    );
    assert_eq!(
        events.iter().map(|e| e.2).collect::<Vec<_>>(),
        [Some(emma.0), Some(emma.0), Some(priya), Some(priya), Some(tom), Some(tom), Some(tom), Some(tom)]
    );
    let DomainEvent::TicketCreated(created) = &events[0].3 else { panic!("ticket.created first") };
    assert_eq!(
        (created.number, created.requester_id, created.status),
        (ticket.number, emma.0, shared_types::TicketStatus::PendingApproval)
    );
    let DomainEvent::TicketAssigned(assigned) = &events[5].3 else { panic!("ticket.assigned") };
    assert_eq!((assigned.from, assigned.to), (None, Some(tom)));
    let DomainEvent::TicketUpdated(updated) = &events[7].3 else { panic!("ticket.updated") };
    assert_eq!(updated.fields, ["title", "priority"]);

    // Each change's audit entry is written with its events (one statement on these paths).
    let audited: Vec<String> = sqlx::query_scalar(
        "SELECT action FROM audit_log WHERE organisation_id = $1 AND (entity_id = $2 OR changes->>'ticketId' = $2::text)
         ORDER BY created_at, action",
    )
    .bind(org)
    .bind(ticket.id)
    .fetch_all(&app.owner)
    .await
    .expect("audit");
    assert_eq!(
        audited,
        ["ticket.created", "approval.approved", "ticket.transitioned", "ticket.commented", "ticket.updated"]
    );

    // Another organisation numbers its own events from 1.
    let lena = app.login(LENA).await;
    let dept = app.post("/api/v1/departments", &lena, json!({"name": "Events test"})).await;
    assert_eq!(dept.status, StatusCode::CREATED, "{}", dept.body);
    let northgate = id_of(&app.owner, LENA).await.1;
    assert_eq!(log(&app.owner, northgate).await.iter().map(|e| e.0).collect::<Vec<_>>(), [1]);
}

#[actix_web::test]
async fn withdrawing_a_request_records_its_skipped_approvals() {
    let app = spawn().await;
    let emma = app.login(EMMA).await;
    let org = id_of(&app.owner, EMMA).await.1;
    let item = app.item_id(&emma, "New laptop").await;
    let body = json!({"serviceItemId": item, "title": "Laptop", "formData": {"laptopModel": "Standard 14-inch", "neededBy": "2026-12-14"}});
    let ticket: shared_types::Ticket = app.post("/api/v1/tickets", &emma, body).await.data();
    let cancel = json!({"to": "cancelled", "reason": "Found a spare one"});
    let r = app.post(&format!("/api/v1/tickets/{}/transitions", ticket.id), &emma, cancel).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let events = log(&app.owner, org).await;
    assert_eq!(types(&events), ["ticket.created", "approval.requested", "ticket.status_changed", "approval.decided"]);
    let DomainEvent::ApprovalDecided(skipped) = &events[3].3 else { panic!("approval.decided") };
    let DomainEvent::ApprovalRequested(requested) = &events[1].3 else { panic!("approval.requested") };
    assert_eq!((skipped.approval_id, skipped.decision), (requested.approval_id, shared_types::ApprovalStatus::Skipped));
}

#[actix_web::test]
async fn inviting_again_records_only_what_the_new_invitation_changed() {
    let app = spawn().await;
    let alex = app.login(ALEX).await;
    let org = id_of(&app.owner, ALEX).await.1;
    let invite =
        |role: &str| json!({"email": "nina.okafor@riverside-hospital.example", "name": "Nina Okafor", "role": role});
    for role in ["technician", "technician", "manager"] {
        let r = app.post("/api/v1/invitations", &alex, invite(role)).await;
        assert!(r.status.is_success(), "{} {}", r.status, r.body);
    }
    let events = log(&app.owner, org).await;
    assert_eq!(types(&events), ["user.created", "user.updated"], "the same invitation again changes nothing");
    let DomainEvent::UserUpdated(updated) = &events[1].3 else { panic!("user.updated") };
    assert_eq!(updated.fields, ["role"]);
}

#[actix_web::test]
async fn concurrent_changes_in_one_organisation_never_share_or_skip_a_number() {
    let app = spawn().await;
    let tom = app.login(TOM).await;
    let org = id_of(&app.owner, TOM).await.1;
    let list = app.get("/api/v1/tickets?limit=5", &tom).await;
    let ids: Vec<String> = list.body["data"]
        .as_array()
        .expect("tickets")
        .iter()
        .filter_map(|t| t["id"].as_str().map(str::to_owned))
        .collect();
    assert!(ids.len() >= 3, "{}", list.body);
    let comments = (0..24).map(|n| {
        let path = format!("/api/v1/tickets/{}/comments", ids[n % ids.len()]);
        let tom = tom.clone();
        let app = &app;
        async move { app.post(&path, &tom, json!({"body": format!("Note {n}"), "visibility": "internal"})).await.status }
    });
    let statuses = futures_util::future::join_all(comments).await;
    assert!(statuses.iter().all(|s| *s == StatusCode::CREATED), "{statuses:?}");
    let seqs: Vec<i64> = log(&app.owner, org).await.iter().map(|e| e.0).collect();
    assert_eq!(seqs, (1..=24).collect::<Vec<_>>());
}

#[actix_web::test]
async fn every_event_type_of_the_catalogue_is_written_by_some_operation() {
    let app = spawn().await;
    let alex = app.login(ALEX).await;
    let ok = |r: &Reply, what: &str| assert!(r.status.is_success(), "{what}: {} {}", r.status, r.body);
    let created = |r: &Reply| r.body["data"]["id"].as_str().expect("id").to_owned();
    // Structure.
    let dept = app.post("/api/v1/departments", &alex, json!({"name": "Catalogue dept"})).await;
    ok(&dept, "department");
    let dept = created(&dept);
    ok(
        &call(&app, "put", &format!("/api/v1/departments/{dept}"), &alex, &json!({"name": "Catalogue dept 2"})).await,
        "rename department",
    );
    let unit = app.post("/api/v1/units", &alex, json!({"name": "Catalogue unit", "departmentId": dept})).await;
    ok(&unit, "unit");
    let unit = created(&unit);
    ok(
        &call(
            &app,
            "put",
            &format!("/api/v1/units/{unit}"),
            &alex,
            &json!({"name": "Catalogue unit 2", "departmentId": dept}),
        )
        .await,
        "rename unit",
    );
    let tom = id_of(&app.owner, TOM).await.0;
    ok(&call(&app, "put", &format!("/api/v1/units/{unit}/managers/{tom}"), &alex, &Value::Null).await, "add manager");
    ok(
        &call(&app, "delete", &format!("/api/v1/units/{unit}/managers/{tom}"), &alex, &Value::Null).await,
        "remove manager",
    );
    ok(&call(&app, "delete", &format!("/api/v1/units/{unit}"), &alex, &Value::Null).await, "delete unit");
    ok(&call(&app, "delete", &format!("/api/v1/departments/{dept}"), &alex, &Value::Null).await, "delete department");
    // Catalog.
    let cat = app.post("/api/v1/service-categories", &alex, json!({"name": "Catalogue category"})).await;
    ok(&cat, "category");
    let cat = created(&cat);
    ok(
        &call(
            &app,
            "put",
            &format!("/api/v1/service-categories/{cat}"),
            &alex,
            &json!({"name": "Catalogue category 2"}),
        )
        .await,
        "rename category",
    );
    let item_body = json!({"categoryId": cat, "name": "Catalogue item", "description": "", "kind": "request", "requiresApproval": false, "approvalRules": []});
    let item = app.post("/api/v1/service-items", &alex, item_body.clone()).await;
    ok(&item, "item");
    let item = created(&item);
    ok(&call(&app, "put", &format!("/api/v1/service-items/{item}"), &alex, &item_body).await, "update item");
    ok(&call(&app, "delete", &format!("/api/v1/service-items/{item}"), &alex, &Value::Null).await, "delete item");
    ok(
        &call(&app, "delete", &format!("/api/v1/service-categories/{cat}"), &alex, &Value::Null).await,
        "delete category",
    );
    // People.
    let user = app.post("/api/v1/users", &alex, json!({"email": "cat.alog@riverside-hospital.example", "name": "Cat Alog", "role": "technician", "password": "a sturdy passphrase"})).await;
    ok(&user, "user");
    let user = created(&user);
    ok(
        &call(&app, "put", &format!("/api/v1/users/{user}"), &alex, &json!({"name": "Cat Alog 2"})).await,
        "update user",
    );
    // Tickets and approvals, and the rest.
    let mut seen: BTreeSet<String> = BTreeSet::new();
    let register = actix_web::test::TestRequest::post().uri("/api/v1/auth/register").set_json(json!({"organisationName": "Catalogue Ltd", "name": "Cy Cat", "email": "cy@catalogue.example", "password": "a sturdy passphrase"}));
    ok(&app.send(register).await, "register");
    let org = id_of(&app.owner, ALEX).await.1;
    for (_, kind, _, _) in log(&app.owner, org).await {
        seen.insert(kind);
    }
    let all: BTreeSet<String> = sqlx::query_scalar("SELECT DISTINCT type FROM domain_events")
        .fetch_all(&app.owner)
        .await
        .expect("types")
        .into_iter()
        .collect();
    seen.extend(all);
    // The ticket and approval types are covered by the life of a ticket above.
    let rest: BTreeSet<&str> = DomainEvent::TYPES
        .iter()
        .copied()
        .filter(|t| !t.starts_with("ticket.") && !t.starts_with("approval.") && !t.starts_with("comment."))
        .collect();
    let missing: Vec<_> = rest.iter().filter(|t| !seen.contains(**t)).collect();
    assert!(missing.is_empty(), "no operation wrote {missing:?}");
}
