//! The private PostgreSQL 15 cluster under `<workspace>/target/postgres`
//! (`data/`, `socket/`, `log`), installed, initialised and started on demand.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::locks::{self, FileLock};
use crate::postgres_host::{ensure_postgres_user, install, make_ancestors_traversable};
use crate::process::{self, is_root};
use crate::workspace::Workspace;

/// TCP port of the private cluster (127.0.0.1 only).
pub const PORT: u16 = 55432;
/// Where Debian's `postgresql-15` puts the server binaries.
const BIN_DIR: &str = "/usr/lib/postgresql/15/bin";
/// Unix socket paths are limited to about 107 bytes.
const MAX_SOCKET_PATH: usize = 100;

/// How to start the server when this invocation has to start it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// Normal settings (`cargo xtask run`).
    Durable,
    /// `fsync`, `synchronous_commit` and `full_page_writes` off: tests only.
    Fast,
}

/// A running private cluster; stops the server on drop if this invocation started
/// it and no other xtask invocation still uses it.
pub struct Cluster {
    root: PathBuf,
    started_here: bool,
    /// Shared lock held by every xtask invocation using the cluster.
    users: FileLock,
}

/// A PostgreSQL 15 program (`initdb`, `pg_ctl`, `psql`, ...).
pub fn program(name: &str) -> PathBuf {
    Path::new(BIN_DIR).join(name)
}

impl Cluster {
    /// Installs PostgreSQL 15 if missing, initialises the cluster if absent and
    /// starts it if not running.
    pub fn ensure(ws: &Workspace, durability: Durability) -> Result<Self> {
        let step = process::step("PostgreSQL: private cluster on 127.0.0.1:55432");
        install()?;
        let users = locks::acquire(
            &ws.local_target().join("xtask-postgres.lock"),
            false,
            "waiting: another xtask invocation is stopping the cluster",
        )?;
        let mut cluster = Self { root: ws.local_target().join("postgres"), started_here: false, users };
        cluster.prepare_dirs()?;
        if !cluster.data().join("PG_VERSION").exists() {
            cluster.initdb()?;
        }
        if cluster.is_running() {
            println!("    already running (reusing it; it is left running on exit)");
            if durability == Durability::Durable && cluster.fsync_off() {
                println!("    warning: it runs with fsync=off (started by a test run); stop it with");
                println!(
                    "    runuser -u postgres -- {} -D {} stop",
                    program("pg_ctl").display(),
                    cluster.data().display()
                );
            }
        } else {
            cluster.start(durability)?;
        }
        step.done();
        Ok(cluster)
    }

    fn data(&self) -> PathBuf {
        self.root.join("data")
    }

    /// Directory of the server's Unix socket.
    pub fn socket(&self) -> PathBuf {
        self.root.join("socket")
    }

    fn log(&self) -> PathBuf {
        self.root.join("log")
    }

    /// A server-side command, run as the `postgres` user when we are root.
    fn server_command(&self, name: &str) -> Command {
        let mut cmd = if is_root() {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(program(name));
            cmd
        } else {
            Command::new(program(name))
        };
        cmd.current_dir(&self.root);
        cmd
    }

    /// `psql` as the superuser over the Unix socket (trusted), database `postgres`.
    pub fn psql(&self) -> Command {
        let mut cmd = Command::new(program("psql"));
        cmd.arg("-h").arg(self.socket());
        cmd.args(["-p", &PORT.to_string(), "-U", "postgres", "-d", "postgres"]);
        cmd
    }

    fn prepare_dirs(&self) -> Result<()> {
        for dir in [self.data(), self.socket()] {
            fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        }
        let socket_len = self.socket().as_os_str().len() + ".s.PGSQL.55432".len() + 1;
        if socket_len > MAX_SOCKET_PATH {
            bail!("the socket path under {} is too long for a Unix socket; move the checkout to a shorter path or set DATABASE_URL", self.socket().display());
        }
        fs::set_permissions(self.data(), fs::Permissions::from_mode(0o700))?;
        if is_root() {
            ensure_postgres_user()?;
            process::run(Command::new("chown").args(["-R", "postgres:postgres"]).arg(&self.root))?;
            make_ancestors_traversable(&self.root)?;
        }
        Ok(())
    }

    fn initdb(&self) -> Result<()> {
        process::run(self.server_command("initdb").arg("-D").arg(self.data()).args([
            "-U",
            "postgres",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "-E",
            "UTF8",
        ]))
    }

    fn is_running(&self) -> bool {
        process::succeeds(self.server_command("pg_ctl").arg("status").arg("-D").arg(self.data()))
    }

    fn start(&mut self, durability: Durability) -> Result<()> {
        let mut options = format!("-p {PORT} -k '{}' -c listen_addresses=127.0.0.1", self.socket().display());
        if durability == Durability::Fast {
            options.push_str(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }
        let mut cmd = self.server_command("pg_ctl");
        cmd.arg("-D").arg(self.data()).arg("-l").arg(self.log());
        cmd.args(["-w", "-o", &options, "start"]);
        if let Err(err) = process::run(&mut cmd) {
            process::print_tail(&self.log(), 30);
            return Err(err.context("starting PostgreSQL"));
        }
        self.started_here = true;
        Ok(())
    }

    fn fsync_off(&self) -> bool {
        process::output(self.psql().args(["-X", "-A", "-t", "-c", "SHOW fsync"])).is_ok_and(|out| out.trim() == "off")
    }

    /// Leaves the server running after this invocation, even if it started it.
    pub fn leave_running(&mut self) {
        self.started_here = false;
    }

    /// Stops the server if this invocation started it.
    pub fn stop(&mut self) {
        if !self.started_here {
            return;
        }
        self.started_here = false;
        if !self.users.try_exclusive() {
            println!("\n==> Leaving PostgreSQL running: another xtask invocation uses it");
            return;
        }
        println!("\n==> Stopping PostgreSQL (started by this run)");
        let mut cmd = self.server_command("pg_ctl");
        cmd.arg("-D").arg(self.data()).args(["-m", "fast", "-w", "stop"]);
        if let Err(err) = process::run(&mut cmd) {
            eprintln!("    warning: {err:#}");
        }
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        self.stop();
    }
}
