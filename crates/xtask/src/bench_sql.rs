//! The SQL that `GET /api/v1/tickets/{id}` runs for a requester, in order, as a
//! pgbench script: the physical limit the API is compared with. Copied from the
//! API's data-access code; a test checks each statement still appears there.

/// Statements with the API's `$n` placeholders and the pgbench variable of each.
const STATEMENTS: &[(&str, &[&str])] = &[
    // auth/extractor.rs: every authenticated request.
    ("SELECT organisation_id, role FROM auth_actor($1, $2)", &["user", "session"]),
    // platform/db.rs: begin_org sends these two in one message; pgbench's prepared mode
    // takes one statement per command, so here they are two round trips.
    ("BEGIN", &[]),
    ("SELECT set_config('app.current_org', $1, true)", &["org"]),
    // tickets/queries/mod.rs: get (SELECT + VISIBLE + id).
    (TICKET_GET, &["org", "all", "user", "queue", "requester_units", "approver", "ticket"]),
    // tickets/queries/conversation.rs: history, comments; approvals/queries.rs: for_ticket.
    (HISTORY, &["org", "ticket"]),
    (COMMENTS, &["org", "ticket", "internal"]),
    (APPROVALS, &["org", "ticket"]),
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
        OR ($6 AND EXISTS (SELECT 1 FROM approval_requests ar
                           WHERE ar.organisation_id = $1 AND ar.ticket_id = t.id AND ar.approver_id = $3))) AND t.id = $7";

const HISTORY: &str =
    "SELECT h.id, h.actor_id, u.name AS actor_name, u.email AS actor_email, h.field, h.from_value, h.to_value,
                h.note, h.created_at
         FROM ticket_history h LEFT JOIN users u ON u.organisation_id = h.organisation_id AND u.id = h.actor_id
         WHERE h.organisation_id = $1 AND h.ticket_id = $2 ORDER BY h.seq";

const COMMENTS: &str = "SELECT c.id, u.id AS uid, u.name, u.email, c.body, c.visibility, c.created_at
         FROM ticket_comments c JOIN users u ON u.organisation_id = c.organisation_id AND u.id = c.author_id
         WHERE c.organisation_id = $1 AND c.ticket_id = $2 AND ($3 OR c.visibility = 'public')
         ORDER BY c.seq";

const APPROVALS: &str = "
    SELECT a.id, a.ticket_id, a.step, a.approver_id, u.name AS approver_name, u.email AS approver_email,
           a.is_required, a.is_fallback, a.status, a.reason, a.decided_at, a.created_at
    FROM approval_requests a JOIN users u ON u.organisation_id = a.organisation_id AND u.id = a.approver_id WHERE a.organisation_id = $1 AND a.ticket_id = $2 ORDER BY a.step";

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

    /// How the API spells a statement of the script.
    enum Origin {
        /// The statement itself, as one string literal in this file (under
        /// crates/api/src).
        Literal(&'static str),
        /// Built with `format!` from this template in this file; each `{NAME}` in it
        /// is a `const NAME: &str` of the same file.
        Format(&'static str, &'static str),
        /// Sent after `BEGIN; ` in begin_org's one message (platform/db.rs), with `$1`
        /// interpolated as `'{org}'`.
        BeginOrg,
        /// Transaction control: `BEGIN` opens begin_org's message, `COMMIT` is
        /// `tx.commit()`.
        Control,
    }

    /// The origin of each statement of [`STATEMENTS`], in the same order.
    const ORIGINS: &[(&str, Origin)] = &[
        ("SELECT organisation_id, role FROM auth_actor($1, $2)", Origin::Literal("platform/auth/extractor.rs")),
        ("BEGIN", Origin::Control),
        ("SELECT set_config('app.current_org', $1, true)", Origin::BeginOrg),
        (TICKET_GET, Origin::Format("tickets/queries/mod.rs", "{SELECT} WHERE {VISIBLE} AND t.id = $7")),
        (HISTORY, Origin::Literal("tickets/queries/conversation.rs")),
        (COMMENTS, Origin::Literal("tickets/queries/conversation.rs")),
        (
            APPROVALS,
            Origin::Format(
                "approvals/queries.rs",
                "{SELECT} WHERE a.organisation_id = $1 AND a.ticket_id = $2 ORDER BY a.step",
            ),
        ),
        ("COMMIT", Origin::Control),
    ];

    /// The source of an API file, whitespace-collapsed.
    fn source(file: &str) -> String {
        squeeze(match file {
            "platform/auth/extractor.rs" => include_str!("../../api/src/platform/auth/extractor.rs"),
            "platform/db.rs" => include_str!("../../api/src/platform/db.rs"),
            "tickets/queries/mod.rs" => include_str!("../../api/src/tickets/queries/mod.rs"),
            "tickets/queries/conversation.rs" => include_str!("../../api/src/tickets/queries/conversation.rs"),
            "approvals/queries.rs" => include_str!("../../api/src/approvals/queries.rs"),
            other => panic!("no source for {other}"),
        })
    }

    /// The text of `const name: &str = "…";` in `src` (whitespace-collapsed).
    fn constant(src: &str, name: &str) -> String {
        let start = format!("const {name}: &str = \"");
        let (_, rest) = src.split_once(&start).unwrap_or_else(|| panic!("no {start}"));
        let (text, _) = rest.split_once("\";").unwrap_or_else(|| panic!("{name} does not end"));
        squeeze(text)
    }

    /// `template` with each `{NAME}` replaced by that constant of `src`.
    fn expand(src: &str, template: &str) -> String {
        let mut out = String::new();
        let mut rest = template;
        while let Some((before, after)) = rest.split_once('{') {
            let (name, after) = after.split_once('}').expect("a closed {NAME}");
            out.push_str(before);
            out.push_str(&constant(src, name));
            rest = after;
        }
        out.push_str(rest);
        squeeze(&out)
    }

    #[test]
    fn the_script_runs_what_the_api_runs() {
        let ours: Vec<&str> = STATEMENTS.iter().map(|s| s.0).collect();
        let checked: Vec<&str> = ORIGINS.iter().map(|o| o.0).collect();
        assert_eq!(ours, checked, "every statement of the script has its origin below");
        for (sql, origin) in ORIGINS {
            let sql = squeeze(sql);
            match origin {
                Origin::Literal(file) => {
                    let literal = format!("\"{sql}\"");
                    assert!(source(file).contains(&literal), "{file} no longer runs: {sql}");
                }
                Origin::Format(file, template) => {
                    let src = source(file);
                    let call = format!("format!(\"{}\")", squeeze(template));
                    assert!(src.contains(&call), "{file} no longer builds {call}");
                    assert_eq!(expand(&src, template), sql, "{file} builds another statement from {template}");
                }
                Origin::BeginOrg => {
                    let sent = format!("\"BEGIN; {}\"", sql.replace("$1", "'{org}'"));
                    assert!(source("platform/db.rs").contains(&sent), "begin_org no longer sends {sent}");
                }
                Origin::Control => assert!(sql == "BEGIN" || sql == "COMMIT", "{sql} is not transaction control"),
            }
        }
        for (sql, vars) in STATEMENTS {
            let highest = (1..=9).filter(|n| sql.contains(&format!("${n}"))).max().unwrap_or(0);
            assert_eq!(vars.len(), highest, "one pgbench variable for each of $1..${highest} in {sql}");
        }
        let script = ticket_detail_script();
        assert_eq!(script.lines().count(), STATEMENTS.len());
        assert!(script.contains("auth_actor(:user, :session)"));
        assert!(script.contains("h.organisation_id = :org AND h.ticket_id = :ticket"));
        assert!(!script.contains('$'));
    }
}
