//! Bulk loading for the benchmark dataset: rows rendered in COPY's text format and
//! sent with `COPY ... FROM STDIN`, and the keys, indexes and foreign keys of the
//! big tables set aside during the load and rebuilt afterwards (one sort per index
//! and one join per foreign key instead of millions of single-row checks).

use std::fmt::Write;

use sqlx::{PgConnection, PgPool};

use ferrodesk_api::seed::SeedResult;

/// Rows for one table in COPY text format (tab-separated, `\N` for NULL).
pub struct Table {
    name: &'static str,
    columns: &'static str,
    buf: String,
    rows: u64,
}

impl Table {
    /// An empty buffer for `name (columns)`.
    pub fn new(name: &'static str, columns: &'static str) -> Self {
        Self { name, columns, buf: String::with_capacity(1 << 20), rows: 0 }
    }

    /// Appends a row of non-null values.
    pub fn row(&mut self, values: &[&str]) {
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.buf.push('\t');
            }
            escape(&mut self.buf, v);
        }
        self.end_row();
    }

    /// Appends a row where `None` is NULL.
    pub fn row_opt(&mut self, values: &[Option<&str>]) {
        for (i, v) in values.iter().enumerate() {
            if i > 0 {
                self.buf.push('\t');
            }
            match v {
                Some(v) => escape(&mut self.buf, v),
                None => self.buf.push_str("\\N"),
            }
        }
        self.end_row();
    }

    fn end_row(&mut self) {
        self.buf.push('\n');
        self.rows += 1;
    }

    /// Rows buffered so far.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// Sends the buffered rows with one COPY and empties the buffer.
    pub async fn copy(&mut self, conn: &mut PgConnection) -> SeedResult<u64> {
        if self.rows == 0 {
            return Ok(0);
        }
        let sql = format!("COPY {} ({}) FROM STDIN", self.name, self.columns);
        let mut copy = conn.copy_in_raw(&sql).await?;
        copy.send(self.buf.as_bytes()).await?;
        let n = copy.finish().await?;
        self.buf.clear();
        self.rows = 0;
        Ok(n)
    }
}

/// Escapes a value for COPY's text format.
fn escape(buf: &mut String, v: &str) {
    for c in v.chars() {
        match c {
            '\\' => buf.push_str("\\\\"),
            '\t' => buf.push_str("\\t"),
            '\n' => buf.push_str("\\n"),
            '\r' => buf.push_str("\\r"),
            c => buf.push(c),
        }
    }
}

/// Formats a timestamp for COPY (UTC, whole seconds).
pub fn ts(buf: &mut String, t: chrono::DateTime<chrono::Utc>) -> &str {
    buf.clear();
    let _ = write!(buf, "{}", t.format("%Y-%m-%d %H:%M:%S+00"));
    buf.as_str()
}

/// The keys, indexes and foreign keys of some tables, as they were before the load.
pub struct SetAside {
    /// (table, constraint name, definition) of primary keys and unique constraints.
    keys: Vec<(String, String, String)>,
    /// `CREATE INDEX` statements of indexes that back no constraint.
    indexes: Vec<String>,
    /// (table, constraint name, definition) of foreign keys on or pointing at the tables.
    foreign: Vec<(String, String, String)>,
}

/// Drops the keys, indexes and foreign keys of `tables` (and foreign keys of other
/// tables pointing at them), returning what [`restore`] needs to rebuild them.
pub async fn set_aside(pool: &PgPool, tables: &[&str]) -> SeedResult<SetAside> {
    let names: Vec<String> = tables.iter().map(|t| (*t).to_owned()).collect();
    const CONSTRAINTS: &str = "
        SELECT c.conrelid::regclass::text, c.conname::text, pg_get_constraintdef(c.oid) FROM pg_constraint c
        WHERE c.contype::text = ANY($2) AND (c.conrelid = ANY($1::text[]::regclass[])
              OR (c.contype = 'f' AND c.confrelid = ANY($1::text[]::regclass[])))
        ORDER BY c.conrelid::regclass::text, c.conname";
    let keys: Vec<(String, String, String)> =
        sqlx::query_as(CONSTRAINTS).bind(names.clone()).bind(vec!["p", "u"]).fetch_all(pool).await?;
    let foreign: Vec<(String, String, String)> =
        sqlx::query_as(CONSTRAINTS).bind(names.clone()).bind(vec!["f"]).fetch_all(pool).await?;
    let indexes: Vec<(String, String)> = sqlx::query_as(
        "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i
         WHERE i.indrelid = ANY($1::text[]::regclass[])
           AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)",
    )
    .bind(names.clone())
    .fetch_all(pool)
    .await?;
    for (table, name, _) in foreign.iter().chain(keys.iter()) {
        sqlx::query(&format!("ALTER TABLE {table} DROP CONSTRAINT \"{name}\"")).execute(pool).await?;
    }
    for (index, _) in &indexes {
        sqlx::query(&format!("DROP INDEX {index}")).execute(pool).await?;
    }
    Ok(SetAside { keys, indexes: indexes.into_iter().map(|(_, def)| def).collect(), foreign })
}

impl SetAside {
    /// Statements that rebuild everything, in order: keys, indexes, foreign keys.
    pub fn statements(&self) -> Vec<String> {
        let add = |(table, name, def): &(String, String, String)| {
            format!("ALTER TABLE {table} ADD CONSTRAINT \"{name}\" {def}")
        };
        self.keys.iter().map(add).chain(self.indexes.iter().cloned()).chain(self.foreign.iter().map(add)).collect()
    }
}
