//! Which PostgreSQL the tasks use (the private cluster or `DATABASE_URL`), its
//! roles, databases and connection URLs.

use std::io::Write;
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

use crate::postgres::{self, Cluster, Durability, PORT};
use crate::postgres_host;
use crate::process;
use crate::workspace::Workspace;

/// The application database of `cargo xtask run`.
pub const MAIN_DB: &str = "ferrodesk";

/// Roles and the main database, idempotently. These are development-only
/// credentials: the private cluster listens on 127.0.0.1 only and lives under
/// `target/`. `ferrodesk` owns the tables (migrations, seeds, tests creating their
/// databases); the API connects as `ferrodesk_app`, which does not own the tables
/// and cannot bypass row-level security.
const ROLES_SQL: &str = r"
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ferrodesk') THEN
    CREATE ROLE ferrodesk;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'ferrodesk_app') THEN
    CREATE ROLE ferrodesk_app;
  END IF;
END
$$;
ALTER ROLE ferrodesk LOGIN PASSWORD 'ferrodesk' CREATEDB CREATEROLE;
ALTER ROLE ferrodesk_app LOGIN PASSWORD 'ferrodesk_app' NOSUPERUSER NOBYPASSRLS NOCREATEDB;
SELECT 'CREATE DATABASE ferrodesk OWNER ferrodesk'
  WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = 'ferrodesk') \gexec
";

/// The PostgreSQL server the tasks talk to.
pub enum Db {
    /// The private cluster (stopped on drop if this invocation started it).
    Private(Cluster),
    /// A server named by `DATABASE_URL`, used as-is for migrate, seed and serve.
    External(String),
}

impl Db {
    /// Uses `DATABASE_URL` when set, else ensures the private cluster, its roles and
    /// the `ferrodesk` database.
    pub fn provision(ws: &Workspace, durability: Durability) -> Result<Self> {
        if let Ok(url) = std::env::var("DATABASE_URL") {
            if !url.is_empty() {
                println!("\n==> PostgreSQL: using DATABASE_URL (no private cluster)");
                postgres_host::install_client()?;
                return Ok(Self::External(url));
            }
        }
        let cluster = Cluster::ensure(ws, durability)?;
        let db = Self::Private(cluster);
        db.admin_sql(ROLES_SQL).context("creating roles and the ferrodesk database")?;
        Ok(db)
    }

    /// Leaves the private cluster running after this invocation.
    pub fn leave_running(&mut self) {
        if let Self::Private(cluster) = self {
            cluster.leave_running();
        }
    }

    /// The database `cargo xtask run` migrates, seeds and serves.
    pub fn main_database(&self) -> String {
        match self {
            Self::Private(_) => MAIN_DB.to_owned(),
            Self::External(url) => database_of(url).unwrap_or(MAIN_DB).to_owned(),
        }
    }

    /// URL of the table owner (migrations, seeds, test set-up) for `database`.
    pub fn owner_url(&self, database: &str) -> String {
        match self {
            Self::Private(_) => {
                format!("postgres://ferrodesk:ferrodesk@127.0.0.1:{PORT}/{database}")
            }
            Self::External(url) => with_database(url, database),
        }
    }

    /// URL the API serves with (not the owner: row-level security applies).
    pub fn app_url(&self, database: &str) -> String {
        match self {
            Self::Private(_) => {
                format!("postgres://ferrodesk_app:ferrodesk_app@127.0.0.1:{PORT}/{database}")
            }
            Self::External(url) => with_database(url, database),
        }
    }

    /// Runs SQL (psql syntax, `\gexec` allowed) on the maintenance database
    /// `postgres`, as the superuser (private) or the `DATABASE_URL` user.
    pub fn admin_sql(&self, sql: &str) -> Result<()> {
        let mut cmd = match self {
            Self::Private(cluster) => cluster.psql(),
            Self::External(url) => {
                let psql = postgres::program("psql");
                let mut cmd = Command::new(if psql.exists() { psql.into_os_string() } else { "psql".into() });
                cmd.arg(with_database(url, "postgres"));
                cmd
            }
        };
        cmd.args(["-X", "-q", "-v", "ON_ERROR_STOP=1", "-f", "-"]).env("PGOPTIONS", "-c client_min_messages=warning");
        let line = process::describe(&cmd);
        let mut child = cmd.stdin(Stdio::piped()).spawn().with_context(|| format!("starting `{line}`"))?;
        child.stdin.take().context("psql stdin")?.write_all(sql.as_bytes())?;
        let status = child.wait()?;
        if !status.success() {
            bail!("psql failed ({status})");
        }
        Ok(())
    }

    /// Drops `database` (disconnecting its sessions) and creates it again, owned by
    /// `ferrodesk` on the private cluster.
    pub fn recreate_database(&self, database: &str) -> Result<()> {
        let owner = match self {
            Self::Private(_) => " OWNER ferrodesk",
            Self::External(_) => "",
        };
        self.admin_sql(&format!(
            "DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE);\nCREATE DATABASE \"{database}\"{owner};\n"
        ))
    }

    /// Drops every database whose name starts with `prefix` (leftovers of earlier
    /// test runs).
    pub fn drop_databases_with_prefix(&self, prefix: &str) -> Result<()> {
        self.admin_sql(&format!(
            "SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', datname) FROM pg_database \
             WHERE starts_with(datname, '{prefix}') \\gexec\n"
        ))
    }
}

/// The database name in a `postgres://` URL, if any.
fn database_of(url: &str) -> Option<&str> {
    let (_, path) = split_url(url);
    let name = path.strip_prefix('/')?.split('?').next()?;
    (!name.is_empty()).then_some(name)
}

/// Splits a URL into `scheme://authority` and the rest (`/db?query`).
fn split_url(url: &str) -> (&str, &str) {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    let path_start = url[after_scheme..].find(['/', '?']).map_or(url.len(), |i| after_scheme + i);
    url.split_at(path_start)
}

/// The same URL pointing at another database (query parameters kept).
pub fn with_database(url: &str, database: &str) -> String {
    let (base, rest) = split_url(url);
    let query = rest.find('?').map_or("", |i| &rest[i..]);
    format!("{base}/{database}{query}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_database_keeping_the_query() {
        let url = "postgres://u:p@h:5432/app?sslmode=require";
        assert_eq!(with_database(url, "postgres"), "postgres://u:p@h:5432/postgres?sslmode=require");
        assert_eq!(database_of(url), Some("app"));
    }

    #[test]
    fn adds_a_database_when_there_is_none() {
        assert_eq!(with_database("postgres://u@h", "x"), "postgres://u@h/x");
        assert_eq!(with_database("postgres://u@h/?a=b", "x"), "postgres://u@h/x?a=b");
        assert_eq!(database_of("postgres://u@h"), None);
    }
}
