//! Benchmark tickets with a realistic spread: three years of them, more recent
//! ones more frequent, old ones mostly closed; popular items and busy requesters;
//! about five comments and six history rows each; approvals where the item needs them.

use chrono::{DateTime, Duration, Utc};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng;
use serde_json::Value;
use uuid::Uuid;

use ferrodesk_api::seed::generate::{self, SeededItem};
use ferrodesk_api::seed::SeedResult;

use super::copy::{ts, Table};
use super::people::{uuid, BenchOrg, Person};
use super::text;

/// A catalog item with ready-made valid form data to pick from.
pub struct BenchItem {
    pub item: SeededItem,
    pub forms: Vec<String>,
}

/// COPY buffers of the ticket tables.
pub struct TicketTables {
    pub tickets: Table,
    pub comments: Table,
    pub history: Table,
    pub approvals: Table,
}

impl Default for TicketTables {
    fn default() -> Self {
        Self {
            tickets: Table::new(
                "tickets",
                "id, organisation_id, number, title, description, status, priority, service_item_id, form_version, \
                 form_data, created_by, assigned_to, fulfilment_unit_id, version, response_due_at, resolution_due_at, \
                 created_at, updated_at, resolved_at, closed_at",
            ),
            comments: Table::new("ticket_comments", "id, organisation_id, ticket_id, author_id, body, visibility, created_at"),
            history: Table::new(
                "ticket_history",
                "id, organisation_id, ticket_id, actor_id, field, from_value, to_value, note, created_at",
            ),
            approvals: Table::new(
                "approval_requests",
                "id, organisation_id, ticket_id, step, approver_id, is_required, is_fallback, status, reason, decided_at, created_at",
            ),
        }
    }
}

/// Picks an index in `0..n`, the first ones more often (`skew` > 1 skews more).
fn skewed(rng: &mut StdRng, n: usize, skew: f64) -> usize {
    ((rng.gen::<f64>().powf(skew) * n as f64) as usize).min(n.saturating_sub(1))
}

/// The final status of a ticket `age_days` old.
fn final_status(rng: &mut StdRng, age_days: i64) -> &'static str {
    let table: &[(&str, u32)] = if age_days > 30 {
        &[("closed", 88), ("cancelled", 9), ("resolved", 3)]
    } else if age_days > 7 {
        &[
            ("closed", 40),
            ("resolved", 20),
            ("in_progress", 15),
            ("pending_user", 8),
            ("assigned", 7),
            ("open", 5),
            ("cancelled", 5),
        ]
    } else {
        &[("open", 25), ("assigned", 20), ("in_progress", 25), ("pending_user", 10), ("resolved", 15), ("closed", 5)]
    };
    table.choose_weighted(rng, |e| e.1).map_or("open", |e| e.0)
}

/// The status path from filing to `last` (each step one history row).
fn path(last: &'static str, approval: bool, rng: &mut StdRng) -> Vec<&'static str> {
    let mut p = if approval { vec!["pending_approval"] } else { vec![] };
    if last == "pending_approval" {
        return p;
    }
    if last == "cancelled" {
        p.push("cancelled");
        return p;
    }
    p.push("open");
    let full = ["assigned", "in_progress", "resolved", "closed"];
    for s in full {
        if p.last() == Some(&last) {
            break;
        }
        if s == "resolved" && rng.gen_bool(0.2) {
            p.extend(["pending_user", "in_progress"]);
        }
        if last == "pending_user" && s == "resolved" {
            p.push("pending_user");
            break;
        }
        p.push(s);
    }
    p
}

/// Generates tickets `first_number..` of `org` created at `times` (ascending).
pub fn generate(
    rng: &mut StdRng,
    org: &BenchOrg,
    items: &[BenchItem],
    times: &[DateTime<Utc>],
    first_number: i64,
    end: DateTime<Utc>,
    out: &mut TicketTables,
) {
    let org_s = org.id.to_string();
    let (mut a, mut b, mut c) = (String::new(), String::new(), String::new());
    for (i, &created) in times.iter().enumerate() {
        let id = uuid(rng);
        let id_s = id.to_string();
        let item = (!rng.gen_ratio(8, 100)).then(|| &items[skewed(rng, items.len(), 1.6)]);
        let creator: &Person = if rng.gen_ratio(85, 100) {
            &org.requesters[skewed(rng, org.requesters.len(), 1.5)]
        } else {
            &org.staff[rng.gen_range(0..org.staff.len())]
        };
        let age_days = (end - created).num_days();
        let needs_approval = item.is_some_and(|i| !i.item.rules.is_empty());
        let mut last = final_status(rng, age_days);
        if needs_approval && age_days <= 14 && rng.gen_ratio(3, 10) {
            last = "pending_approval";
        }
        let steps = path(last, needs_approval, rng);
        let unit = item.and_then(|i| i.item.unit);
        let techs = unit.and_then(|u| org.technicians.get(&u)).filter(|t| !t.is_empty());
        let worker = techs.map_or(org.admins[0], |t| t[rng.gen_range(0..t.len())]);
        let assigned = steps.contains(&"assigned") && last != "open";
        // Step times: spread between filing and now (or a few days for closed ones).
        let span = (end - created).num_seconds().clamp(60, 14 * 86_400);
        let mut at = created;
        let mut times_of = Vec::with_capacity(steps.len());
        for _ in &steps {
            at += Duration::seconds(rng.gen_range(60..=span / (steps.len() as i64 + 1) + 60));
            times_of.push(at.min(end));
        }
        let updated = times_of.last().copied().unwrap_or(created);
        let resolved_at = steps
            .iter()
            .rposition(|s| *s == "resolved")
            .filter(|_| matches!(last, "resolved" | "closed"))
            .map(|k| times_of[k]);
        let closed_at = matches!(last, "closed" | "cancelled").then_some(updated);
        let priority = item.map_or("medium", |i| i.item.priority);
        let priority =
            if rng.gen_ratio(1, 4) { ["low", "medium", "high", "critical"][skewed(rng, 4, 1.3)] } else { priority };
        let (resp, resol) = item.map_or((None, None), |i| {
            (
                Some(created + Duration::minutes(i.item.sla.0.into())),
                Some(created + Duration::minutes(i.item.sla.1.into())),
            )
        });
        let form = item.and_then(|i| i.forms.choose(rng)).map_or("{}", String::as_str);
        let number = (first_number + i as i64).to_string();
        let title = text::title(rng, item.map(|i| i.item.name));
        let description = text::description(rng);
        let creator_s = creator.id.to_string();
        let worker_s = worker.to_string();
        let item_s = item.map(|i| i.item.id.to_string());
        let unit_s = unit.map(|u| u.to_string());
        let version = (steps.len() as i64).to_string();
        let resp_s = resp.map(|t| ts(&mut a, t).to_owned());
        let resol_s = resol.map(|t| ts(&mut a, t).to_owned());
        let resolved_s = resolved_at.map(|t| ts(&mut a, t).to_owned());
        let closed_s = closed_at.map(|t| ts(&mut a, t).to_owned());
        out.tickets.row_opt(&[
            Some(&id_s),
            Some(&org_s),
            Some(&number),
            Some(&title),
            Some(&description),
            Some(last),
            Some(priority),
            item_s.as_deref(),
            item.map(|_| "1"),
            Some(form),
            Some(&creator_s),
            assigned.then_some(worker_s.as_str()),
            unit_s.as_deref(),
            Some(&version),
            resp_s.as_deref(),
            resol_s.as_deref(),
            Some(ts(&mut b, created)),
            Some(ts(&mut c, updated)),
            resolved_s.as_deref(),
            closed_s.as_deref(),
        ]);
        // History: filing, then one row per status change (and the assignment).
        let mut from: Option<&str> = None;
        for (k, s) in steps.iter().enumerate() {
            let actor = if k == 0 { &creator_s } else { &worker_s };
            let when = if k == 0 { created } else { times_of[k - 1] };
            let note = (k == 0).then_some("Ticket filed");
            out.history.row_opt(&[
                Some(&uuid(rng).to_string()),
                Some(&org_s),
                Some(&id_s),
                Some(actor),
                Some("status"),
                from,
                Some(s),
                note,
                Some(ts(&mut a, when)),
            ]);
            if *s == "assigned" {
                out.history.row_opt(&[
                    Some(&uuid(rng).to_string()),
                    Some(&org_s),
                    Some(&id_s),
                    Some(&worker_s),
                    Some("assigned_to"),
                    None,
                    Some(&worker_s),
                    None,
                    Some(ts(&mut a, when)),
                ]);
            }
            from = Some(s);
        }
        // Comments: 0..=10, alternating requester and technician.
        let n_comments = if last == "cancelled" { rng.gen_range(0..=2) } else { rng.gen_range(0..=10) };
        let mut when = created;
        for k in 0..n_comments {
            when = (when + Duration::seconds(rng.gen_range(60..=span / 10 + 120))).min(end);
            let staff = k % 2 == 1;
            let author = if staff { &worker_s } else { &creator_s };
            let visibility = if staff && rng.gen_ratio(1, 5) { "internal" } else { "public" };
            out.comments.row(&[
                &uuid(rng).to_string(),
                &org_s,
                &id_s,
                author,
                &text::comment(rng),
                visibility,
                ts(&mut a, when),
            ]);
        }
        if let Some(i) = item.filter(|_| needs_approval) {
            approvals(rng, org, creator, &i.item, &id_s, created, last, out);
        }
    }
}

/// One approval request per rule step, decided as the ticket's fate says.
#[allow(clippy::too_many_arguments)]
fn approvals(
    rng: &mut StdRng,
    org: &BenchOrg,
    creator: &Person,
    item: &SeededItem,
    ticket: &str,
    created: DateTime<Utc>,
    last: &str,
    out: &mut TicketTables,
) {
    let org_s = org.id.to_string();
    let mut a = String::new();
    let mut b = String::new();
    for (k, (_role, scope, required)) in item.rules.iter().enumerate() {
        let unit: Option<Uuid> = match *scope {
            "parent" => org.parents.get(&creator.unit).copied().flatten(),
            _ => Some(creator.unit),
        };
        let managers = unit.and_then(|u| org.managers.get(&u)).filter(|m| !m.is_empty());
        let (approver, fallback) = match managers {
            Some(m) => (m[rng.gen_range(0..m.len())], false),
            None => (org.admins[0], true),
        };
        let (status, reason) = match last {
            "pending_approval" => ("pending", None),
            "cancelled" if k == 0 => ("rejected", Some("Not within this year's budget")),
            "cancelled" => ("skipped", None),
            _ => ("approved", None),
        };
        let decided =
            (status != "pending").then(|| ts(&mut b, created + Duration::hours(rng.gen_range(1..48))).to_owned());
        out.approvals.row_opt(&[
            Some(&uuid(rng).to_string()),
            Some(&org_s),
            Some(ticket),
            Some(&(k + 1).to_string()),
            Some(&approver.to_string()),
            Some(if *required { "t" } else { "f" }),
            Some(if fallback { "t" } else { "f" }),
            Some(status),
            reason,
            decided.as_deref(),
            Some(ts(&mut a, created)),
        ]);
    }
}

/// Valid form data for an item's schema, rendered once as JSON text.
pub fn form_variants(rng: &mut StdRng, schema: &Value, at: DateTime<Utc>) -> SeedResult<Vec<String>> {
    (0..8).map(|_| generate::form_data(schema, rng, at).map(|v| v.to_string())).collect()
}
