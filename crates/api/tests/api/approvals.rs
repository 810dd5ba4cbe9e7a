use actix_web::http::StatusCode;
use serde_json::{json, Value};
use shared_types::{Approval, ApprovalStatus, Ticket, TicketDetail, TicketStatus};

use crate::helpers::*;

fn laptop(item: &str) -> Value {
    json!({"serviceItemId": item, "title": "Laptop for triage nurse", "formData": {"laptopModel": "Standard 14-inch", "neededBy": "2026-12-14"}})
}

/// Emma files a laptop request; returns its id and Priya's approval id.
async fn file_laptop<S, B>(app: &TestApp<S>, emma: &str, priya: &str) -> (String, String)
where
    S: AppService<B>,
    B: actix_web::body::MessageBody,
{
    let item = app.item_id(emma, "New laptop").await;
    let filed = app.post("/api/v1/tickets", emma, laptop(&item)).await;
    assert_eq!(filed.body["data"]["status"], "pending_approval", "{}", filed.body);
    let ticket = filed.body["data"]["id"].as_str().unwrap_or_default().to_owned();
    let approval = app.pending_approval_id(priya, &ticket).await;
    (ticket, approval)
}

#[actix_web::test]
async fn the_whole_flow_from_request_to_closed() {
    let app = spawn().await;
    let (emma, priya, tom) = (app.login(EMMA).await, app.login(PRIYA).await, app.login(TOM).await);
    let item = app.item_id(&emma, "New laptop").await;
    let filed = app.post("/api/v1/tickets", &emma, laptop(&item)).await;
    assert_eq!(filed.status, StatusCode::CREATED, "{}", filed.body);
    let filed: Ticket = filed.data();
    assert_eq!(filed.status, TicketStatus::PendingApproval);
    let ticket = filed.id.to_string();
    let detail: TicketDetail = app.get(&format!("/api/v1/tickets/{ticket}"), &emma).await.data();
    assert_eq!(detail.approvals[0].approver.email, PRIYA, "Emma's unit manager");
    let approval = app.pending_approval_id(&priya, &ticket).await;
    let ok = app.post(&format!("/api/v1/approvals/{approval}/approve"), &priya, json!({"reason": "Budget ok"})).await;
    assert_eq!(ok.status, StatusCode::OK, "{}", ok.body);
    let decided: Approval = ok.data();
    assert_eq!(decided.status, ApprovalStatus::Approved);
    assert_eq!(decided.reason.as_deref(), Some("Budget ok"), "the request and the approval name it alike");
    let moves = [
        (TicketStatus::Assigned, &tom),
        (TicketStatus::InProgress, &tom),
        (TicketStatus::Resolved, &tom),
        (TicketStatus::Closed, &emma),
    ];
    for (to, who) in moves {
        let r = app.post(&format!("/api/v1/tickets/{ticket}/transitions"), who, json!({"to": to})).await;
        assert_eq!(r.status, StatusCode::OK, "to {to:?}: {}", r.body);
        assert_eq!(r.data::<Ticket>().status, to);
    }
    let end: TicketDetail = app.get(&format!("/api/v1/tickets/{ticket}"), &emma).await.data();
    assert_eq!(end.ticket.assigned_to.map(|u| u.email).as_deref(), Some(TOM));
    assert!(end.ticket.closed_at.is_some());
    let statuses: Vec<String> =
        end.history.iter().filter(|h| h.field == "status").filter_map(|h| h.to_value.clone()).collect();
    assert_eq!(statuses, ["pending_approval", "open", "assigned", "in_progress", "resolved", "closed"]);
    let audit: i64 =
        sqlx::query_scalar("SELECT count(*) FROM audit_log WHERE changes->>'ticketId' = $1 OR entity_id = $1::uuid")
            .bind(&ticket)
            .fetch_one(&app.owner)
            .await
            .expect("q");
    assert_eq!(audit, 6, "created, approved, four transitions");
}

#[actix_web::test]
async fn two_concurrent_decisions_exactly_one_wins() {
    let app = spawn().await;
    let (emma, priya) = (app.login(EMMA).await, app.login(PRIYA).await);
    let (_, approval) = file_laptop(&app, &emma, &priya).await;
    let (approve_path, reject_path) =
        (format!("/api/v1/approvals/{approval}/approve"), format!("/api/v1/approvals/{approval}/reject"));
    let approve = app.post(&approve_path, &priya, json!({}));
    let reject = app.post(&reject_path, &priya, json!({"reason": "No budget"}));
    let (a, b) = futures_util::future::join(approve, reject).await;
    let mut statuses = [a.status.as_u16(), b.status.as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{} / {}", a.body, b.body);
    let loser = if a.status == StatusCode::CONFLICT { &a } else { &b };
    assert_eq!(loser.code(), "ALREADY_DECIDED");
    let decided: i64 =
        sqlx::query_scalar("SELECT count(*) FROM approval_requests WHERE id = $1::uuid AND status <> 'pending'")
            .bind(&approval)
            .fetch_one(&app.owner)
            .await
            .expect("q");
    assert_eq!(decided, 1);
    let garbled = actix_web::test::TestRequest::post()
        .uri(&approve_path)
        .insert_header(("Authorization", format!("Bearer {priya}")))
        .insert_header(("Content-Type", "application/json"))
        .set_payload("{comment");
    assert_eq!(app.send(garbled).await.code(), "BAD_REQUEST", "a malformed body is not silently ignored");
    let again = app.post(&format!("/api/v1/approvals/{approval}/approve"), &priya, json!({})).await;
    assert_eq!(again.code(), "ALREADY_DECIDED");
}

#[actix_web::test]
async fn a_required_rejection_cancels_the_ticket_with_its_reason() {
    let app = spawn().await;
    let (emma, priya, liam) = (app.login(EMMA).await, app.login(PRIYA).await, app.login(LIAM).await);
    let (ticket, approval) = file_laptop(&app, &emma, &priya).await;
    let path = format!("/api/v1/approvals/{approval}/reject");
    let no_reason = app.post(&path, &priya, json!({"reason": " "})).await;
    assert_eq!(no_reason.body["error"]["details"][0]["field"], "reason");
    let stranger = app.post(&path, &liam, json!({"reason": "mine now"})).await;
    assert_eq!(stranger.status, StatusCode::FORBIDDEN);
    let r = app.post(&path, &priya, json!({"reason": "Reuse the spare from the ward office"})).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let t = app.get(&format!("/api/v1/tickets/{ticket}"), &emma).await.body["data"].clone();
    assert_eq!(t["ticket"]["status"], "cancelled");
    let last = t["history"].as_array().and_then(|h| h.last()).cloned().unwrap_or_default();
    assert_eq!(last["note"], "Rejected: Reuse the spare from the ward office");
}

#[actix_web::test]
async fn withdrawing_a_request_withdraws_its_approvals() {
    let app = spawn().await;
    let (emma, priya) = (app.login(EMMA).await, app.login(PRIYA).await);
    let (ticket, approval) = file_laptop(&app, &emma, &priya).await;
    let r = app
        .post(
            &format!("/api/v1/tickets/{ticket}/transitions"),
            &emma,
            json!({"to": "cancelled", "reason": "Found a spare"}),
        )
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let pending = app.get("/api/v1/approvals/pending", &priya).await;
    assert!(pending.body["data"]
        .as_array()
        .expect("list")
        .iter()
        .all(|p| p["approval"]["ticketId"] != ticket.as_str()));
    let late = app.post(&format!("/api/v1/approvals/{approval}/approve"), &priya, json!({})).await;
    assert_eq!(late.status, StatusCode::CONFLICT);
    let status: String = sqlx::query_scalar("SELECT status FROM approval_requests WHERE id = $1::uuid")
        .bind(&approval)
        .fetch_one(&app.owner)
        .await
        .expect("q");
    assert_eq!(status, "skipped");
}

#[actix_web::test]
async fn an_approval_still_reads_comment_its_earlier_name_for_reason() {
    let app = spawn().await;
    let (emma, priya) = (app.login(EMMA).await, app.login(PRIYA).await);
    let (_, approval) = file_laptop(&app, &emma, &priya).await;
    let ok = app.post(&format!("/api/v1/approvals/{approval}/approve"), &priya, json!({"comment": "Fine"})).await;
    assert_eq!((ok.status, &ok.body["data"]["reason"]), (StatusCode::OK, &json!("Fine")), "{}", ok.body);
}
