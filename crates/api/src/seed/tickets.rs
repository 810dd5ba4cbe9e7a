//! Demo tickets: spread over every status, with histories that follow the lifecycle,
//! approvals resolved by the real rules, and comments. Deterministic (fixed seed)
//! apart from being placed relative to `now`.

use chrono::{DateTime, Duration, Utc};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use shared_types::{Priority, Role, TicketStatus, UnitScope, UserRef, Visibility};
use uuid::Uuid;

use super::generate::{form_data, SeededItem};
use super::{Loaded, SeedResult};
use crate::approvals::approvers::{self, Step};
use crate::people::queries::users;
use crate::platform::db::Tx;
use crate::platform::history;
use crate::tickets::queries as tickets;
use crate::tickets::queries::conversation;

use TicketStatus::*;

/// (final status, weight): every status appears.
const SPREAD: &[(TicketStatus, u32)] = &[
    (Draft, 3),
    (PendingApproval, 10),
    (Open, 12),
    (Assigned, 10),
    (InProgress, 14),
    (PendingUser, 7),
    (Resolved, 13),
    (Closed, 23),
    (Cancelled, 8),
];

struct Ctx<'a> {
    tx: &'a mut Tx,
    org: Uuid,
    ticket: Uuid,
    at: DateTime<Utc>,
    now: DateTime<Utc>,
}

impl Ctx<'_> {
    fn advance(&mut self, rng: &mut StdRng) {
        let step = Duration::minutes(rng.gen_range(10..2 * 24 * 60));
        self.at = (self.at + step).min(self.now - Duration::minutes(1));
    }

    async fn change(
        &mut self,
        actor: Uuid,
        field: &str,
        from: Option<&str>,
        to: Option<&str>,
        note: Option<&str>,
    ) -> SeedResult<()> {
        let c = history::Change {
            organisation_id: self.org,
            ticket_id: self.ticket,
            actor_id: Some(actor),
            field,
            from: from.map(str::to_owned),
            to: to.map(str::to_owned),
            note: note.map(str::to_owned),
            at: self.at,
        };
        Ok(history::record(self.tx, c).await?)
    }

    async fn comment(&mut self, author: Uuid, body: &str, vis: Visibility) -> SeedResult<()> {
        let who = UserRef { id: author, name: String::new(), email: String::new() };
        conversation::add_comment(self.tx, self.org, self.ticket, &who, body, vis, self.at).await?;
        let v = if vis == Visibility::Internal { "internal" } else { "public" };
        self.change(author, "comment", None, Some(v), None).await
    }
}

fn pick_status(rng: &mut StdRng) -> TicketStatus {
    let total: u32 = SPREAD.iter().map(|s| s.1).sum();
    let mut n = rng.gen_range(0..total);
    for (s, w) in SPREAD {
        if n < *w {
            return *s;
        }
        n -= w;
    }
    Closed
}

/// Inserts `count` tickets; returns how many.
pub async fn generate(
    tx: &mut Tx,
    org: &Loaded,
    items: &[SeededItem],
    count: usize,
    now: DateTime<Utc>,
) -> SeedResult<usize> {
    let mut rng = StdRng::seed_from_u64(0x0F_E2_20_26);
    let requesters: Vec<(Uuid, &str)> = org.people.values().filter(|p| p.1 != "admin").map(|p| (p.0, p.2)).collect();
    let mut requesters = requesters;
    requesters.sort();
    let techs: Vec<(Uuid, &str)> = {
        let mut t: Vec<_> = org.people.values().filter(|p| p.1 == "technician").map(|p| (p.0, p.2)).collect();
        t.sort();
        t
    };
    let dir = users::directory(tx, org.org).await?;
    let mut created: Vec<DateTime<Utc>> =
        (0..count).map(|_| now - Duration::minutes(rng.gen_range(60..90 * 24 * 60))).collect();
    created.sort();
    for (n, created_at) in created.into_iter().enumerate() {
        let item = items.choose(&mut rng).ok_or("no items")?;
        let (requester, unit_name) = *requesters.choose(&mut rng).ok_or("no requesters")?;
        let needs_approval = !item.rules.is_empty();
        let mut status = pick_status(&mut rng);
        if status == PendingApproval && !needs_approval {
            status = Open;
        }
        let id = Uuid::new_v4();
        let first_name =
            org.people.iter().find(|p| p.1 .0 == requester).map_or("", |p| p.0.split(' ').next().unwrap_or(""));
        let title = if item.kind == "incident" {
            format!("{} – {unit_name}", item.name)
        } else {
            format!("{} for {first_name}", item.name)
        };
        let new = tickets::NewTicket {
            id,
            organisation_id: org.org,
            number: n as i64 + 1,
            title,
            description: "Filed through the service catalog.".into(),
            status,
            priority: Priority::parse(item.priority).unwrap_or(Priority::Medium),
            service_item_id: Some(item.id),
            form_version: Some(1),
            form_data: form_data(&item.schema, &mut rng, created_at)?,
            created_by: requester,
            fulfilment_unit_id: item.unit,
            response_due_at: Some(created_at + Duration::minutes(i64::from(item.sla.0))),
            resolution_due_at: Some(created_at + Duration::minutes(i64::from(item.sla.1))),
            created_at,
        };
        tickets::insert(tx, &new).await?;
        let mut c = Ctx { tx, org: org.org, ticket: id, at: created_at, now };
        if status == Draft {
            c.change(requester, "status", None, Some("draft"), Some("Saved as draft")).await?;
            continue;
        }
        let first = if needs_approval { PendingApproval } else { Open };
        c.change(requester, "status", None, Some(first.as_str()), Some("Ticket filed")).await?;
        let mut current = first;
        if needs_approval {
            let steps: Vec<Step> = item
                .rules
                .iter()
                .enumerate()
                .map(|(i, (role, scope, req))| Step {
                    step: i as i32 + 1,
                    approver_role: Role::parse(role).unwrap_or(Role::Manager),
                    unit_scope: match *scope {
                        "same" => UnitScope::Same,
                        "parent" => UnitScope::Parent,
                        "department" => UnitScope::Department,
                        _ => UnitScope::Any,
                    },
                    is_required: *req,
                })
                .collect();
            let unit = org.units.get(unit_name).copied();
            let assignments = approvers::resolve(&dir, requester, unit, &steps)?;
            crate::approvals::queries::create(c.tx, org.org, id, &assignments, created_at).await?;
            if status != PendingApproval {
                let rejected = status == Cancelled && rng.gen_bool(0.6);
                c.advance(&mut rng);
                for a in &assignments {
                    let decision = if rejected && a.step == 1 {
                        "rejected"
                    } else if rejected {
                        "skipped"
                    } else {
                        "approved"
                    };
                    let reason = (decision == "rejected").then_some("Not in this year's budget; ask again in April.");
                    sqlx::query(
                        "UPDATE approval_requests SET status = $4, reason = $5, decided_at = $6
                         WHERE organisation_id = $1 AND ticket_id = $2 AND step = $3",
                    )
                    .bind(org.org)
                    .bind(id)
                    .bind(a.step)
                    .bind(decision)
                    .bind(reason)
                    .bind(c.at)
                    .execute(&mut **c.tx)
                    .await?;
                    c.change(
                        a.approver_id,
                        &format!("approval.step{}", a.step),
                        Some("pending"),
                        Some(decision),
                        reason,
                    )
                    .await?;
                }
                let next = if rejected { Cancelled } else { Open };
                let approver = assignments.first().map_or(requester, |a| a.approver_id);
                let note = if rejected {
                    "Rejected: Not in this year's budget; ask again in April."
                } else {
                    "All required approvals given"
                };
                c.change(approver, "status", Some("pending_approval"), Some(next.as_str()), Some(note)).await?;
                current = next;
            }
        }
        let tech = techs
            .iter()
            .find(|t| Some(org.units.get(t.1).copied()) == Some(item.unit))
            .or_else(|| techs.first())
            .map(|t| t.0)
            .unwrap_or(requester);
        let path: &[TicketStatus] = match status {
            Assigned => &[Assigned],
            InProgress => &[Assigned, InProgress],
            PendingUser => &[Assigned, InProgress, PendingUser],
            Resolved => &[Assigned, InProgress, Resolved],
            Closed => &[Assigned, InProgress, Resolved, Closed],
            Cancelled if current != Cancelled => &[Cancelled],
            _ => &[],
        };
        let mut assignee = None;
        for next in path {
            c.advance(&mut rng);
            let actor = match next {
                Closed | Cancelled => requester,
                _ => tech,
            };
            let note = (*next == Cancelled).then_some("No longer needed");
            c.change(actor, "status", Some(current.as_str()), Some(next.as_str()), note).await?;
            if *next == Assigned {
                c.change(actor, "assigned_to", None, Some(&tech.to_string()), None).await?;
                assignee = Some(tech);
            }
            match next {
                InProgress => c.comment(tech, "Thanks, I'm looking into this now.", Visibility::Public).await?,
                PendingUser => {
                    c.comment(
                        tech,
                        "Could you tell me when you are next on shift so I can call by?",
                        Visibility::Public,
                    )
                    .await?
                }
                Resolved => {
                    c.comment(tech, "Checked the asset register and stock before completing.", Visibility::Internal)
                        .await?;
                    c.comment(
                        tech,
                        "All done: please check and close the ticket if you are happy.",
                        Visibility::Public,
                    )
                    .await?;
                }
                _ => {}
            }
            current = *next;
        }
        let last = c.at;
        sqlx::query(
            "UPDATE tickets SET assigned_to = $3, version = $4, updated_at = $5,
                 resolved_at = CASE WHEN status IN ('resolved', 'closed') THEN $5 END,
                 closed_at = CASE WHEN status IN ('closed', 'cancelled') THEN $5 END
             WHERE organisation_id = $1 AND id = $2",
        )
        .bind(org.org)
        .bind(id)
        .bind(assignee)
        .bind(1 + path.len() as i32)
        .bind(last)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("UPDATE organisations SET ticket_seq = $2 WHERE id = $1")
        .bind(org.org)
        .bind(count as i64)
        .execute(&mut **tx)
        .await?;
    Ok(count)
}
