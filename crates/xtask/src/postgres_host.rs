//! Preparing the host for the private cluster: the PostgreSQL 15 packages, the
//! `postgres` system user, and directory permissions.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};

use crate::postgres::program;
use crate::{process, provision};

/// Installs PostgreSQL 15 with apt when `initdb` is missing.
pub fn install() -> Result<()> {
    if program("initdb").exists() {
        return Ok(());
    }
    provision::apt_install(&["postgresql-15", "postgresql-contrib-15"])
}

/// Installs the PostgreSQL 15 client when neither its `psql` nor one on `PATH` exists
/// (with `DATABASE_URL`, tests still create and drop databases through psql).
pub fn install_client() -> Result<()> {
    if program("psql").exists() || process::which("psql").is_some() {
        return Ok(());
    }
    provision::apt_install(&["postgresql-client-15"])
}

/// PostgreSQL refuses to run as root: it runs as the `postgres` system user.
pub fn ensure_postgres_user() -> Result<()> {
    if nix::unistd::User::from_name("postgres")?.is_some() {
        return Ok(());
    }
    process::run(Command::new("useradd").args(["--system", "--user-group", "postgres"]))
}

/// Adds `o+x` to every ancestor of `dir`, so the `postgres` user can reach it.
pub fn make_ancestors_traversable(dir: &Path) -> Result<()> {
    for ancestor in dir.ancestors().skip(1) {
        let meta = fs::metadata(ancestor)?;
        let mode = meta.permissions().mode();
        if mode & 0o001 == 0 {
            fs::set_permissions(ancestor, fs::Permissions::from_mode(mode | 0o001))
                .with_context(|| format!("making {} traversable", ancestor.display()))?;
        }
    }
    Ok(())
}
