//! The SQL that `GET /api/v1/tickets/{id}` runs for a requester, in order, as pgbench
//! scripts: the physical limits the API is compared with (everything it sends, and
//! the detail statement alone). Copied from the API's data-access code; a test checks
//! each statement still appears there.

/// Statements with the API's `$n` placeholders and the pgbench variable of each.
const STATEMENTS: &[(&str, &[&str])] = &[
    // auth/extractor.rs: every authenticated request.
    ("SELECT organisation_id, role FROM auth_actor($1, $2)", &["user", "session"]),
    // tickets/queries/mod.rs: detail, the whole read in one statement (the SQL function
    // sets the organisation for row-level security itself; migration 0018).
    (DETAIL, DETAIL_VARS),
];

const DETAIL: &str = "SELECT ticket_detail($1, $2, $3, $4, $5, $6, $7, $8, $9)";
const DETAIL_VARS: &[&str] =
    &["org", "user", "ticket", "all", "queue_own", "queue_managed", "requester_managed", "approver", "internal"];

/// Collapses whitespace, so statements compare regardless of layout.
fn squeeze(sql: &str) -> String {
    sql.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The pgbench script of what the API sends for `GET /tickets/{id}`: one statement per
/// line, `$n` replaced by `:variable`.
pub fn ticket_detail_script() -> String {
    script(STATEMENTS)
}

/// The pgbench script of the detail statement alone (without the caller check): the
/// one the API's rate is held against.
pub fn detail_statement_script() -> String {
    script(&STATEMENTS[1..])
}

fn script(statements: &[(&str, &[&str])]) -> String {
    let mut out = String::new();
    for (sql, vars) in statements {
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
        ("queue_own", "false"),
        ("queue_managed", "false"),
        ("requester_managed", "false"),
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

    /// The API file that runs each statement of [`STATEMENTS`] as one string literal,
    /// in the same order.
    const ORIGINS: &[(&str, &str)] = &[
        ("SELECT organisation_id, role FROM auth_actor($1, $2)", "platform/auth/extractor.rs"),
        (DETAIL, "tickets/queries/mod.rs"),
    ];

    /// The source of an API file, whitespace-collapsed.
    fn source(file: &str) -> String {
        squeeze(match file {
            "platform/auth/extractor.rs" => include_str!("../../api/src/platform/auth/extractor.rs"),
            "tickets/queries/mod.rs" => include_str!("../../api/src/tickets/queries/mod.rs"),
            other => panic!("no source for {other}"),
        })
    }

    #[test]
    fn the_script_runs_what_the_api_runs() {
        let ours: Vec<&str> = STATEMENTS.iter().map(|s| s.0).collect();
        let checked: Vec<&str> = ORIGINS.iter().map(|o| o.0).collect();
        assert_eq!(ours, checked, "every statement of the script has its origin below");
        for (sql, file) in ORIGINS {
            let literal = format!("\"{}\"", squeeze(sql));
            assert!(source(file).contains(&literal), "{file} no longer runs: {sql}");
        }
        for (sql, vars) in STATEMENTS {
            let highest = (1..=9).filter(|n| sql.contains(&format!("${n}"))).max().unwrap_or(0);
            assert_eq!(vars.len(), highest, "one pgbench variable for each of $1..${highest} in {sql}");
        }
        let script = ticket_detail_script();
        assert_eq!(script.lines().count(), STATEMENTS.len());
        assert!(script.contains("auth_actor(:user, :session)"));
        assert!(script.contains("ticket_detail(:org, :user, :ticket, :all, :queue_own,"));
        assert!(!script.contains('$'));
        assert_eq!(detail_statement_script().lines().count(), 1);
    }
}
