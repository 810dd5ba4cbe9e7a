//! The SQL that `GET /api/v1/tickets/{id}` runs for a requester, in order, as a
//! pgbench script: the physical limit the API is compared with. Copied from the
//! API's data-access code; a test checks each statement still appears there.

/// Statements with the API's `$n` placeholders and the pgbench variable of each.
const STATEMENTS: &[(&str, &[&str])] = &[
    // auth/extractor.rs: every authenticated request.
    ("SELECT organisation_id, role FROM auth_actor($1, $2)", &["user", "session"]),
    // db/mod.rs: begin_org sends these two in one message; pgbench's prepared mode
    // takes one statement per command, so here they are two round trips.
    ("BEGIN", &[]),
    ("SELECT set_config('app.current_org', $1, true)", &["org"]),
    // db/tickets.rs: get (SELECT + VISIBLE + id).
    (TICKET_GET, &["org", "all", "user", "queue", "requester_units", "approver", "ticket"]),
    // db/history.rs: list, comments; db/approvals.rs: for_ticket.
    (HISTORY, &["ticket"]),
    (COMMENTS, &["ticket", "internal"]),
    (APPROVALS, &["ticket"]),
    ("COMMIT", &[]),
];

const TICKET_GET: &str = "
    SELECT t.id, t.number, t.title, t.description, t.status, t.priority, t.service_item_id,
           si.name AS service_item_name, t.form_version, t.form_data,
           t.created_by, cu.name AS creator_name, cu.email AS creator_email,
           t.assigned_to, au.name AS assignee_name, au.email AS assignee_email,
           t.fulfilment_unit_id, fu.name AS fulfilment_unit_name, t.version,
           t.response_due_at, t.resolution_due_at, t.created_at, t.updated_at, t.resolved_at, t.closed_at
    FROM tickets t
    JOIN users cu ON cu.id = t.created_by
    LEFT JOIN users au ON au.id = t.assigned_to
    LEFT JOIN service_items si ON si.id = t.service_item_id
    LEFT JOIN units fu ON fu.id = t.fulfilment_unit_id WHERE 
    t.organisation_id = $1 AND ($2 OR t.created_by = $3 OR t.assigned_to = $3
        OR t.fulfilment_unit_id = ANY($4) OR cu.unit_id = ANY($5)
        OR ($6 AND EXISTS (SELECT 1 FROM approval_requests ar WHERE ar.ticket_id = t.id AND ar.approver_id = $3))) AND t.id = $7";

const HISTORY: &str =
    "SELECT h.id, h.actor_id, u.name AS actor_name, u.email AS actor_email, h.field, h.from_value, h.to_value,
                h.note, h.created_at
         FROM ticket_history h LEFT JOIN users u ON u.id = h.actor_id
         WHERE h.ticket_id = $1 ORDER BY h.seq";

const COMMENTS: &str = "SELECT c.id, u.id AS uid, u.name, u.email, c.body, c.visibility, c.created_at
         FROM ticket_comments c JOIN users u ON u.id = c.author_id
         WHERE c.ticket_id = $1 AND ($2 OR c.visibility = 'public')
         ORDER BY c.seq";

const APPROVALS: &str = "
    SELECT a.id, a.ticket_id, a.step, a.approver_id, u.name AS approver_name, u.email AS approver_email,
           a.is_required, a.is_fallback, a.status, a.reason, a.decided_at, a.created_at
    FROM approval_requests a JOIN users u ON u.id = a.approver_id WHERE a.ticket_id = $1 ORDER BY a.step";

/// Collapses whitespace, so statements compare regardless of layout.
fn squeeze(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The pgbench script: one statement per line, `$n` replaced by `:variable`.
pub fn ticket_detail_script() -> String {
    let mut out = String::new();
    for (sql, vars) in STATEMENTS {
        let mut line = squeeze(sql);
        for (i, var) in vars.iter().enumerate().rev() {
            line = line.replace(&format!("${}", i + 1), &format!(":{var}"));
        }
        out.push_str(&line);
        out.push_str(";\n");
    }
    out
}

/// pgbench `-D` values for a requester reading one of its tickets.
pub fn requester_variables(org: &str, user: &str, session: &str, ticket: &str) -> Vec<(String, String)> {
    [
        ("org", org),
        ("user", user),
        ("session", session),
        ("ticket", ticket),
        ("all", "false"),
        ("queue", "{}"),
        ("requester_units", "{}"),
        ("approver", "false"),
        ("internal", "false"),
    ]
    .iter()
    .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
    .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Source fragments (whitespace-collapsed) each statement is built from.
    fn sources() -> String {
        [
            include_str!("../../api/src/auth/extractor.rs"),
            include_str!("../../api/src/db/mod.rs"),
            include_str!("../../api/src/db/tickets.rs"),
            include_str!("../../api/src/db/history.rs"),
            include_str!("../../api/src/db/approvals.rs"),
        ]
        .map(squeeze)
        .join("\n")
    }

    #[test]
    fn the_script_runs_what_the_api_runs() {
        let src = sources();
        for (sql, _) in STATEMENTS {
            // Statements built with format! are checked piece by piece.
            for piece in sql
                .split(" WHERE \n")
                .flat_map(|p| p.split("FROM approval_requests a JOIN users u ON u.id = a.approver_id WHERE"))
            {
                let piece = squeeze(piece)
                    .replace(" AND t.id = $7", "")
                    .replace(" a.ticket_id = $1 ORDER BY a.step", "")
                    .replace("'app.current_org', $1,", "'app.current_org', '{org}',");
                if piece.is_empty() || piece == "BEGIN" || piece == "COMMIT" {
                    continue;
                }
                assert!(src.contains(&piece), "the API no longer runs: {piece}");
            }
        }
        let script = ticket_detail_script();
        assert_eq!(script.lines().count(), STATEMENTS.len());
        assert!(script.contains("auth_actor(:user, :session)"));
        assert!(!script.contains('$'));
    }
}
