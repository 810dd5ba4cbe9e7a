//! Which PostgreSQL the tasks use (the private cluster or `DATABASE_URL`), its
//! roles, databases and connection URLs. The API always connects as a role that does
//! not own the tables and does not bypass row-level security (`ferrodesk serve`
//! refuses any other).

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

/// The application role on a `DATABASE_URL` server, unless
/// `FERRODESK_APP_DATABASE_URL` names one: created when missing, made NOSUPERUSER
/// NOBYPASSRLS if it was not, and given LOGIN with the development password
/// `ferrodesk_app` (the one [`Db::app_url`] and the API tests sign in with; an
/// existing role's other password would make them fail to connect). The migrations
/// grant it what the API needs.
const EXTERNAL_APP_ROLE_SQL: &str = r"
DO $$
DECLARE
  r record;
BEGIN
  SELECT rolcanlogin, rolsuper, rolbypassrls INTO r FROM pg_roles WHERE rolname = 'ferrodesk_app';
  IF NOT FOUND THEN
    CREATE ROLE ferrodesk_app LOGIN PASSWORD 'ferrodesk_app' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  ELSE
    IF r.rolsuper OR r.rolbypassrls THEN
      ALTER ROLE ferrodesk_app NOSUPERUSER NOBYPASSRLS;
    END IF;
    ALTER ROLE ferrodesk_app LOGIN PASSWORD 'ferrodesk_app';
  END IF;
END
$$;
";

/// The application role's name and development password (private cluster, and a
/// `DATABASE_URL` server without `FERRODESK_APP_DATABASE_URL`).
const APP_ROLE: (&str, &str) = ("ferrodesk_app", "ferrodesk_app");

/// The PostgreSQL server the tasks talk to.
pub enum Db {
    /// The private cluster (stopped on drop if this invocation started it).
    Private(Cluster),
    /// A server named by `DATABASE_URL` (the tables' owner: migrate, seed, test
    /// set-up). The API connects as `app_url` (`FERRODESK_APP_DATABASE_URL`) when set,
    /// else as `ferrodesk_app` on the same host and port.
    External { url: String, app_url: Option<String> },
}

impl Db {
    /// Uses `DATABASE_URL` when set (ensuring the role `ferrodesk_app` there unless
    /// `FERRODESK_APP_DATABASE_URL` names the API's role), else ensures the private
    /// cluster, its roles and the `ferrodesk` database.
    pub fn provision(ws: &Workspace, durability: Durability) -> Result<Self> {
        if let Some(url) = non_empty_env("DATABASE_URL") {
            println!("\n==> PostgreSQL: using DATABASE_URL (no private cluster)");
            postgres_host::install_client()?;
            let app_url = non_empty_env("FERRODESK_APP_DATABASE_URL");
            let db = Self::External { url, app_url };
            if let Self::External { app_url: None, .. } = &db {
                db.admin_sql(EXTERNAL_APP_ROLE_SQL).context(
                    "ensuring the role ferrodesk_app on the DATABASE_URL server (its user needs CREATEROLE; \
                     or set FERRODESK_APP_DATABASE_URL to an application role of your own)",
                )?;
            }
            return Ok(db);
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
            Self::External { url, .. } => database_of(url).unwrap_or(MAIN_DB).to_owned(),
        }
    }

    /// URL of the table owner (migrations, seeds, test set-up) for `database`.
    pub fn owner_url(&self, database: &str) -> String {
        match self {
            Self::Private(_) => {
                format!("postgres://ferrodesk:ferrodesk@127.0.0.1:{PORT}/{database}")
            }
            Self::External { url, .. } => with_database(url, database),
        }
    }

    /// URL the API serves with (not the owner: row-level security applies) for
    /// `database`: `ferrodesk_app` on the private cluster or on the `DATABASE_URL`
    /// server, or `FERRODESK_APP_DATABASE_URL` with its database replaced.
    pub fn app_url(&self, database: &str) -> String {
        let (user, password) = APP_ROLE;
        match self {
            Self::Private(_) => format!("postgres://{user}:{password}@127.0.0.1:{PORT}/{database}"),
            Self::External { app_url: Some(app), .. } => with_database(app, database),
            Self::External { url, app_url: None } => with_database(&with_credentials(url, user, password), database),
        }
    }

    /// Runs SQL (psql syntax, `\gexec` allowed) on the maintenance database
    /// `postgres`, as the superuser (private) or the `DATABASE_URL` user.
    pub fn admin_sql(&self, sql: &str) -> Result<()> {
        let mut cmd = match self {
            Self::Private(cluster) => cluster.psql(),
            Self::External { url, .. } => {
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
            Self::External { .. } => "",
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

/// The value of the environment variable `name` when set and not empty.
fn non_empty_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
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

/// The same server (host, port and the other query parameters) with `user` and
/// `password` as the credentials, replacing any in the URL (user information or
/// `user=`/`password=` parameters). Without a host in the URL (a socket named by
/// `?host=`) they go in as `user=` and `password=` parameters. `user` and `password`
/// must be URL-safe as they are.
pub fn with_credentials(url: &str, user: &str, password: &str) -> String {
    let (base, rest) = split_url(url);
    let (scheme, authority) = base.split_at(base.find("://").map_or(0, |i| i + 3));
    let host = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let mut kept: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .filter(|p| !matches!(p.split('=').next(), Some("user" | "password")))
        .map(str::to_owned)
        .collect();
    let userinfo = if host.is_empty() {
        kept.extend([format!("user={user}"), format!("password={password}")]);
        String::new()
    } else {
        format!("{user}:{password}@")
    };
    let query = if kept.is_empty() { String::new() } else { format!("?{}", kept.join("&")) };
    format!("{scheme}{userinfo}{host}{path}{query}")
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
    fn the_app_url_keeps_the_server_and_replaces_the_credentials() {
        let owner = "postgres://owner:s3cret@db.example:6543/app?sslmode=require";
        assert_eq!(
            with_credentials(owner, "ferrodesk_app", "pw"),
            "postgres://ferrodesk_app:pw@db.example:6543/app?sslmode=require"
        );
        assert_eq!(with_credentials("postgres://h", "a", "b"), "postgres://a:b@h");
        assert_eq!(with_credentials("postgresql://u@h/db", "a", "b"), "postgresql://a:b@h/db");
        assert_eq!(
            with_credentials("postgres://h/db?user=owner&sslmode=disable&password=x", "a", "b"),
            "postgres://a:b@h/db?sslmode=disable"
        );
        assert_eq!(
            with_credentials("postgres://owner@/db?host=/run/pg&password=x", "a", "b"),
            "postgres:///db?host=/run/pg&user=a&password=b"
        );
    }

    #[test]
    fn external_mode_serves_as_the_app_role_or_the_override() {
        let owner = "postgres://owner:pw@db.example:5432/ferrodesk".to_owned();
        let db = Db::External { url: owner.clone(), app_url: None };
        assert_eq!(db.app_url("ferrodesk_e2e"), "postgres://ferrodesk_app:ferrodesk_app@db.example:5432/ferrodesk_e2e");
        assert_eq!(db.owner_url("ferrodesk_e2e"), "postgres://owner:pw@db.example:5432/ferrodesk_e2e");
        let app = Some("postgres://api:other@db.example:5432/whatever?sslmode=require".to_owned());
        let db = Db::External { url: owner, app_url: app };
        assert_eq!(db.app_url("ferrodesk"), "postgres://api:other@db.example:5432/ferrodesk?sslmode=require");
    }

    #[test]
    fn adds_a_database_when_there_is_none() {
        assert_eq!(with_database("postgres://u@h", "x"), "postgres://u@h/x");
        assert_eq!(with_database("postgres://u@h/?a=b", "x"), "postgres://u@h/x?a=b");
        assert_eq!(database_of("postgres://u@h"), None);
    }
}
