//! The refusal to serve with a database role that row-level security does not
//! restrict. RLS is the second wall between organisations (the first: every query
//! names its organisation), so the API connects as a role that is not the tables'
//! owner and does not bypass RLS;
//! PostgreSQL skips the policies for superusers, for roles with `BYPASSRLS` and for the
//! owner of a table (and roles with the owner's privileges), so an API served as any of
//! them would keep only its explicit `organisation_id` filters. `ferrodesk serve` calls
//! [`ensure_rls_applies`] before it listens ([`crate::app::startup::run`]).

use sqlx::PgPool;

/// Tables checked for ownership even if their RLS was switched off: the people and the
/// tickets. Every table with RLS enabled is checked besides these.
pub const TENANT_TABLES: [&str; 2] = ["users", "tickets"];

/// What the connected role is, as far as row-level security is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleFacts {
    /// `current_user`.
    pub role: String,
    /// `pg_roles.rolsuper`.
    pub superuser: bool,
    /// `pg_roles.rolbypassrls`.
    pub bypass_rls: bool,
    /// Tenant tables (RLS enabled, or in [`TENANT_TABLES`]) in the search path whose
    /// owner's privileges the role has (`pg_has_role(…, relowner, 'USAGE')`: the owner
    /// itself or a member inheriting from it), by name.
    pub owned_tables: Vec<String>,
}

/// Serving was refused, or the role could not be checked.
#[derive(Debug, thiserror::Error)]
pub enum RoleCheckError {
    /// Row-level security would not apply to the role; the message names the role,
    /// why, and what to do.
    #[error("{0}")]
    Refused(String),
    /// The check's query failed.
    #[error("could not check the database role: {0}")]
    Query(#[from] sqlx::Error),
}

/// Reads [`RoleFacts`] of the role `pool` connects as.
pub async fn facts(pool: &PgPool) -> sqlx::Result<RoleFacts> {
    let (role, superuser, bypass_rls, owned_tables): (String, bool, bool, Vec<String>) = sqlx::query_as(
        "SELECT r.rolname::text, r.rolsuper, r.rolbypassrls,
                ARRAY(SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE c.relkind IN ('r', 'p') AND n.nspname = ANY (current_schemas(false))
                        AND (c.relrowsecurity OR c.relname = ANY ($1))
                        AND pg_has_role(current_user, c.relowner, 'USAGE')
                      ORDER BY c.relname)
         FROM pg_roles r WHERE r.rolname = current_user",
    )
    .bind(&TENANT_TABLES[..])
    .fetch_one(pool)
    .await?;
    Ok(RoleFacts { role, superuser, bypass_rls, owned_tables })
}

/// Why row-level security would not apply to the role of `f`, with what to do; `None`
/// when it applies (not a superuser, no `BYPASSRLS`, owns no tenant table).
pub fn refusal(f: &RoleFacts) -> Option<String> {
    let mut reasons = Vec::new();
    if f.superuser {
        reasons.push("is a superuser".to_owned());
    }
    if f.bypass_rls {
        reasons.push("has BYPASSRLS".to_owned());
    }
    if !f.owned_tables.is_empty() {
        const SHOWN: usize = 5;
        let mut names = f.owned_tables.iter().take(SHOWN).cloned().collect::<Vec<_>>().join(", ");
        if f.owned_tables.len() > SHOWN {
            names.push_str(&format!(" and {} more", f.owned_tables.len() - SHOWN));
        }
        reasons.push(format!("owns the tenant tables ({names})"));
    }
    if reasons.is_empty() {
        return None;
    }
    Some(format!(
        "refusing to serve: the database role \"{}\" {}, so row-level security would not keep \
         organisations apart. Set DATABASE_URL to the application role ferrodesk_app (LOGIN \
         NOSUPERUSER NOBYPASSRLS, not the tables' owner; the migrations grant it what it needs) \
         and keep the owner's URL for `ferrodesk migrate` and `ferrodesk seed`",
        f.role,
        reasons.join(", ")
    ))
}

/// `Ok` when row-level security applies to the role `pool` connects as; otherwise
/// [`RoleCheckError::Refused`] with [`refusal`]'s message.
pub async fn ensure_rls_applies(pool: &PgPool) -> Result<(), RoleCheckError> {
    match refusal(&facts(pool).await?) {
        None => Ok(()),
        Some(message) => Err(RoleCheckError::Refused(message)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn app_role() -> RoleFacts {
        RoleFacts { role: "ferrodesk_app".into(), superuser: false, bypass_rls: false, owned_tables: Vec::new() }
    }

    #[test]
    fn the_application_role_is_accepted() {
        assert_eq!(refusal(&app_role()), None);
    }

    #[test]
    fn a_superuser_is_refused_by_name() {
        let m = refusal(&RoleFacts { role: "postgres".into(), superuser: true, ..app_role() }).expect("refused");
        assert!(m.contains("\"postgres\" is a superuser"), "{m}");
        assert!(m.contains("DATABASE_URL"), "{m}");
    }

    #[test]
    fn bypassrls_is_refused() {
        let m = refusal(&RoleFacts { bypass_rls: true, ..app_role() }).expect("refused");
        assert!(m.contains("\"ferrodesk_app\" has BYPASSRLS"), "{m}");
    }

    #[test]
    fn an_owner_is_refused_with_the_tables_named_and_counted() {
        let owned: Vec<String> = ["api_keys", "audit_log", "departments", "tickets", "units", "users", "x"]
            .into_iter()
            .map(str::to_owned)
            .collect();
        let m = refusal(&RoleFacts { role: "ferrodesk".into(), owned_tables: owned, ..app_role() }).expect("refused");
        assert!(
            m.contains(
                "\"ferrodesk\" owns the tenant tables (api_keys, audit_log, departments, tickets, units and 2 more)"
            ),
            "{m}"
        );
    }

    #[test]
    fn every_reason_is_given() {
        let all = RoleFacts { superuser: true, bypass_rls: true, owned_tables: vec!["users".into()], ..app_role() };
        let m = refusal(&all).expect("refused");
        assert!(m.contains("is a superuser, has BYPASSRLS, owns the tenant tables (users)"), "{m}");
    }
}
