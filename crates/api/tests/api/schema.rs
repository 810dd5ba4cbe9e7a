//! The schema read from PostgreSQL's catalog, so a new tenant table is held to the rules
//! the day its migration lands, without anyone adding it to a list:
//!
//! - a tenant table is one with an `organisation_id` column;
//! - it has row-level security on, and the API's role sees none of its rows while no
//!   organisation is set;
//! - its primary key, every unique constraint, and every foreign key to another tenant
//!   table include `organisation_id`, so rows of one organisation can live together on
//!   one node of a tenant-sharded PostgreSQL (Citus distributes by such a column and
//!   can only enforce keys that contain it), and a key can never join two organisations.

use std::collections::BTreeMap;

use serde_json::Value;
use sqlx::PgPool;

use crate::helpers::*;

/// Every table of `public` with an `organisation_id` column, by name.
pub async fn tenant_tables(pool: &PgPool) -> Vec<String> {
    sqlx::query_scalar(
        "SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'organisation_id' AND NOT a.attisdropped
         WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1",
    )
    .fetch_all(pool)
    .await
    .expect("tenant tables")
}

/// A digest of every row of `org` in every tenant table (and its `organisations` row),
/// by table: equal digests mean nothing of the organisation changed.
pub async fn fingerprint(owner: &PgPool, org: uuid::Uuid) -> BTreeMap<String, String> {
    let mut digests = BTreeMap::new();
    for table in tenant_tables(owner).await.into_iter().chain(["organisations".to_owned()]) {
        let column = if table == "organisations" { "id" } else { "organisation_id" };
        let sql = format!(
            "SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM {table} t WHERE t.{column} = $1"
        );
        let digest: String = sqlx::query_scalar(&sql).bind(org).fetch_one(owner).await.expect("digest");
        digests.insert(table, digest);
    }
    digests
}

#[actix_web::test]
async fn every_tenant_table_is_behind_row_level_security() {
    let app = spawn().await;
    let tables = tenant_tables(&app.owner).await;
    assert!(
        tables.len() >= 15 && tables.iter().any(|t| t == "tickets"),
        "the catalog lists the tenant tables: {tables:?}"
    );
    for table in &tables {
        let on: bool = sqlx::query_scalar("SELECT relrowsecurity FROM pg_class WHERE oid = $1::regclass")
            .bind(table)
            .fetch_one(&app.owner)
            .await
            .expect("relrowsecurity");
        assert!(on, "{table} has an organisation_id but no row-level security");
        let policies: i64 = sqlx::query_scalar(
            "SELECT count(*) FROM pg_policies WHERE schemaname = 'public' AND tablename = $1
               AND qual LIKE '%organisation_id = current_org()%'",
        )
        .bind(table)
        .fetch_one(&app.owner)
        .await
        .expect("pg_policies");
        assert!(policies > 0, "{table} has no policy matching organisation_id to current_org() (app.current_org)");
        let owned: i64 =
            sqlx::query_scalar(&format!("SELECT count(*) FROM {table}")).fetch_one(&app.owner).await.expect("n");
        // The API's role with no organisation set: no rows, or no access at all.
        let seen = sqlx::query_scalar::<_, i64>(&format!("SELECT count(*) FROM {table}")).fetch_one(&app.pool).await;
        if let Ok(seen) = seen {
            assert_eq!(seen, 0, "{table}: the API role sees {seen} of {owned} rows without an organisation");
        }
    }
}

/// The constraints of tenant tables that leave `organisation_id` out:
/// (table, constraint, kind).
async fn keys_without_the_organisation(owner: &PgPool) -> Vec<(String, String, String)> {
    sqlx::query_as(
        "WITH tenant AS (
             SELECT a.attrelid AS rel, a.attnum AS org_col FROM pg_attribute a
             JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attname = 'organisation_id'
               AND NOT a.attisdropped)
         SELECT con.conrelid::regclass::text, con.conname::text,
                CASE con.contype WHEN 'p' THEN 'primary key' WHEN 'u' THEN 'unique'
                                 WHEN 'f' THEN 'foreign key to ' || con.confrelid::regclass::text END
         FROM pg_constraint con JOIN tenant t ON t.rel = con.conrelid
         WHERE (con.contype IN ('p', 'u') AND NOT t.org_col = ANY (con.conkey))
            OR (con.contype = 'f' AND EXISTS (SELECT 1 FROM tenant r WHERE r.rel = con.confrelid)
                AND NOT (t.org_col = ANY (con.conkey)
                         AND (SELECT r.org_col FROM tenant r WHERE r.rel = con.confrelid) = ANY (con.confkey)))
         UNION ALL
         -- unique indexes that are not constraints (CREATE UNIQUE INDEX)
         SELECT i.indrelid::regclass::text, ic.relname::text, 'unique index'
         FROM pg_index i JOIN tenant t ON t.rel = i.indrelid JOIN pg_class ic ON ic.oid = i.indexrelid
         WHERE i.indisunique AND NOT i.indisprimary
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
           AND NOT t.org_col = ANY (i.indkey::int2[])
         ORDER BY 1, 2",
    )
    .fetch_all(owner)
    .await
    .expect("constraints")
}

/// Keys that leave out `organisation_id` on purpose: they are looked up before the
/// organisation is known (a presented token, the sign-in e-mail, which is one name
/// across organisations). Sharded, they become a lookup table of their own.
const GLOBAL_BY_DESIGN: [&str; 4] =
    ["api_keys_key_hash_key", "refresh_tokens_token_hash_key", "user_tokens_token_hash_key", "users_email_unique"];

/// Keys from before the schema was keyed by organisation: primary keys on `id` alone
/// (each table also has `UNIQUE (organisation_id, id)`, which the same-organisation
/// foreign keys reference) and foreign keys on one column beside their
/// same-organisation twin. A migration promotes and drops them; this list may only
/// shrink (an entry that no longer offends fails the test until it is removed).
const BEFORE_TENANT_KEYS: [&str; 16] = [
    "api_keys_pkey",
    "approval_requests_pkey",
    "approval_rules_pkey",
    "audit_log_pkey",
    "departments_pkey",
    "email_outbox_pkey",
    "refresh_tokens_parent_id_fkey",
    "refresh_tokens_pkey",
    "service_categories_pkey",
    "service_items_pkey",
    "ticket_comments_pkey",
    "ticket_history_pkey",
    "tickets_pkey",
    "units_pkey",
    "user_tokens_pkey",
    "users_pkey",
];

#[actix_web::test]
async fn tenant_keys_include_the_organisation() {
    let app = spawn().await;
    let offenders = keys_without_the_organisation(&app.owner).await;
    let known = |name: &str| GLOBAL_BY_DESIGN.contains(&name) || BEFORE_TENANT_KEYS.contains(&name);
    let new: Vec<_> = offenders.iter().filter(|(_, name, _)| !known(name)).collect();
    assert!(new.is_empty(), "keys of tenant tables without organisation_id: {new:#?}");
    let gone: Vec<_> = BEFORE_TENANT_KEYS
        .iter()
        .chain(&GLOBAL_BY_DESIGN)
        .filter(|k| !offenders.iter().any(|(_, n, _)| n == *k))
        .collect();
    assert!(gone.is_empty(), "these keys no longer leave out organisation_id; remove them from the lists: {gone:?}");
}

#[actix_web::test]
async fn the_key_check_catches_a_key_without_the_organisation() {
    let app = spawn().await;
    sqlx::query("CREATE TABLE probe (organisation_id uuid NOT NULL, id uuid PRIMARY KEY, ticket_id uuid REFERENCES tickets (id))")
        .execute(&app.owner)
        .await
        .expect("a probe table");
    let found: Vec<(String, String)> =
        keys_without_the_organisation(&app.owner).await.into_iter().map(|(t, _, kind)| (t, kind)).collect();
    assert!(found.contains(&("probe".into(), "primary key".into())), "{found:?}");
    assert!(found.contains(&("probe".into(), "foreign key to tickets".into())), "{found:?}");
    let digests: Value = serde_json::to_value(fingerprint(&app.owner, uuid::Uuid::nil()).await).expect("json");
    assert!(digests.get("probe").is_some(), "the fingerprint covers a table added today");
}
