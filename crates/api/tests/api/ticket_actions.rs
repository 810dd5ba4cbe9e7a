//! What a ticket offers its reader is what the API accepts: for every role and every
//! ticket status in the demo data (several tickets of each, the caller's own, in its
//! queue and outside it), each move the detail lists in `allowedTransitions` succeeds
//! and every other is refused (403 or 409); `editable` likewise for `PUT`. The SPA
//! shows exactly these (it renders the detail's lists and decides nothing itself).

use actix_web::http::StatusCode;
use serde_json::json;
use shared_types::{TicketDetail, TicketStatus};
use uuid::Uuid;

use crate::calls::call;
use crate::helpers::*;

/// Every status, as targets of a move.
const STATUSES: [TicketStatus; 9] = [
    TicketStatus::Draft,
    TicketStatus::PendingApproval,
    TicketStatus::Open,
    TicketStatus::Assigned,
    TicketStatus::InProgress,
    TicketStatus::PendingUser,
    TicketStatus::Resolved,
    TicketStatus::Closed,
    TicketStatus::Cancelled,
];

/// Tickets of each status a role's reader is tried on.
const PER_STATUS: usize = 3;

/// The ticket columns a move or an edit changes.
type TicketRow = (String, Option<Uuid>, i32, String, Option<Instant>, Option<Instant>);
type Instant = chrono::DateTime<chrono::Utc>;

/// Puts the ticket (and its approvals) back as they were before a successful attempt.
async fn restore(owner: &sqlx::PgPool, id: Uuid) -> impl std::future::Future<Output = ()> + '_ {
    let row: TicketRow =
        sqlx::query_as("SELECT status, assigned_to, version, title, resolved_at, closed_at FROM tickets WHERE id = $1")
            .bind(id)
            .fetch_one(owner)
            .await
            .expect("ticket");
    let approvals: Vec<(Uuid, String, Option<chrono::DateTime<chrono::Utc>>)> =
        sqlx::query_as("SELECT id, status, decided_at FROM approval_requests WHERE ticket_id = $1")
            .bind(id)
            .fetch_all(owner)
            .await
            .expect("approvals");
    async move {
        sqlx::query("UPDATE tickets SET status = $2, assigned_to = $3, version = $4, title = $5, resolved_at = $6, closed_at = $7 WHERE id = $1")
            .bind(id)
            .bind(&row.0)
            .bind(row.1)
            .bind(row.2)
            .bind(&row.3)
            .bind(row.4)
            .bind(row.5)
            .execute(owner)
            .await
            .expect("restore ticket");
        for (a, status, decided) in &approvals {
            sqlx::query("UPDATE approval_requests SET status = $2, decided_at = $3 WHERE id = $1")
                .bind(a)
                .bind(status)
                .bind(decided)
                .execute(owner)
                .await
                .expect("restore approval");
        }
    }
}

#[actix_web::test]
async fn every_role_is_offered_exactly_the_moves_and_edits_the_api_accepts() {
    let app = spawn().await;
    let mut tried = 0;
    let mut offered = 0;
    for who in [EMMA, TOM, PRIYA, ALEX] {
        let token = app.login(who).await;
        for status in STATUSES {
            let list = app.get(&format!("/api/v1/tickets?status={}&limit=100", status.as_str()), &token).await;
            assert_eq!(list.status, StatusCode::OK, "{}", list.body);
            let ids: Vec<String> = list.body["data"]
                .as_array()
                .expect("list")
                .iter()
                .filter_map(|t| t["id"].as_str().map(str::to_owned))
                .collect();
            for id in ids.into_iter().take(PER_STATUS) {
                let detail: TicketDetail = app.get(&format!("/api/v1/tickets/{id}"), &token).await.data();
                let uuid = detail.ticket.id;
                for to in STATUSES {
                    let back = restore(&app.owner, uuid).await;
                    let body = json!({"to": to, "reason": "Checking the offered moves"});
                    let r = app.post(&format!("/api/v1/tickets/{id}/transitions"), &token, body).await;
                    let what = format!(
                        "{who} moving #{} {} → {}: {} {}",
                        detail.ticket.number,
                        status.as_str(),
                        to.as_str(),
                        r.status,
                        r.body
                    );
                    if detail.allowed_transitions.contains(&to) {
                        assert_eq!(r.status, StatusCode::OK, "offered but refused: {what}");
                        offered += 1;
                    } else {
                        assert!(
                            matches!(r.status, StatusCode::FORBIDDEN | StatusCode::CONFLICT),
                            "not offered but {what}"
                        );
                    }
                    back.await;
                    tried += 1;
                }
                let back = restore(&app.owner, uuid).await;
                let edit = json!({"title": "Checked title", "description": detail.ticket.description, "priority": detail.ticket.priority, "version": detail.ticket.version});
                let r = call(&app, "put", &format!("/api/v1/tickets/{id}"), &token, &edit).await;
                let what =
                    format!("{who} editing #{} ({}): {} {}", detail.ticket.number, status.as_str(), r.status, r.body);
                if detail.editable {
                    assert_eq!(r.status, StatusCode::OK, "editable but refused: {what}");
                } else {
                    assert!(
                        matches!(r.status, StatusCode::FORBIDDEN | StatusCode::CONFLICT),
                        "not editable but {what}"
                    );
                }
                back.await;
            }
        }
    }
    assert!(tried > 300, "tried {tried} moves");
    assert!(offered > 20, "offered {offered} moves");
}
