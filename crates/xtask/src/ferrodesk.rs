//! Building and invoking the `ferrodesk` binary (crates/api) and the development tools'
//! `ferrodesk-dev` (crates/devtools).

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Result};

use crate::process;
use crate::service::Service;
use crate::workspace::{cargo, Workspace, DEVTOOLS_BIN};

/// Where a service's output goes.
pub enum Output<'a> {
    /// Straight to our terminal (`cargo xtask run`).
    Terminal,
    /// Into a log file (`cargo xtask test`).
    Log(&'a Path),
}

impl<'a> Output<'a> {
    fn log(&self) -> Option<&'a Path> {
        match self {
            Self::Terminal => None,
            Self::Log(path) => Some(path),
        }
    }
}

/// Where the API delivers e-mail (`FERRODESK_SMTP_URL`) and the SPA its links open
/// (`FERRODESK_APP_URL`).
pub struct ApiMail {
    pub smtp_url: String,
    pub spa_url: String,
}

/// The built `ferrodesk` and `ferrodesk-dev` binaries.
pub struct Ferrodesk {
    bin: PathBuf,
    dev_bin: PathBuf,
}

impl Ferrodesk {
    /// `cargo build -p api --bin ferrodesk -p devtools --bin ferrodesk-dev` (debug
    /// profile, shared with `cargo test`).
    pub fn build(ws: &Workspace) -> Result<Self> {
        let step = process::step("Building the ferrodesk and ferrodesk-dev binaries");
        process::run(Command::new(cargo()).args(["build", "-p", "api", "--bin", "ferrodesk"]).args([
            "-p",
            "devtools",
            "--bin",
            DEVTOOLS_BIN,
        ]))?;
        let (bin, dev_bin) = (ws.ferrodesk_bin(), ws.devtools_bin());
        for path in [&bin, &dev_bin] {
            if !path.exists() {
                bail!("{} is missing after the build", path.display());
            }
        }
        step.done();
        Ok(Self { bin, dev_bin })
    }

    /// A `ferrodesk` command with a clean database environment.
    fn command(&self, database_url: Option<&str>) -> Command {
        Self::clean(Command::new(&self.bin), database_url)
    }

    /// A `ferrodesk-dev` command with a clean database environment.
    fn dev_command(&self) -> Command {
        Self::clean(Command::new(&self.dev_bin), None)
    }

    fn clean(mut cmd: Command, database_url: Option<&str>) -> Command {
        cmd.env_remove("DATABASE_URL");
        if let Some(url) = database_url {
            cmd.env("DATABASE_URL", url);
        }
        if std::env::var_os("FERRODESK_ENV").is_none() {
            cmd.env("FERRODESK_ENV", "development");
        }
        cmd
    }

    /// `ferrodesk migrate` as the table owner.
    pub fn migrate(&self, owner_url: &str) -> Result<()> {
        let step = process::step("Migrating the database");
        process::run(self.command(Some(owner_url)).arg("migrate"))?;
        step.done();
        Ok(())
    }

    /// `ferrodesk seed --demo` as the table owner (skips when already seeded).
    pub fn seed_demo(&self, owner_url: &str) -> Result<()> {
        let step = process::step("Seeding the demo organisations");
        process::run(self.command(Some(owner_url)).args(["seed", "--demo"]))?;
        step.done();
        Ok(())
    }

    /// Starts `ferrodesk serve` on `bind`, connected as the application role, sending
    /// e-mail as `mail` says.
    pub fn serve(&self, app_url: &str, bind: &str, origins: &str, mail: &ApiMail, output: Output) -> Result<Service> {
        let mut cmd = self.command(Some(app_url));
        cmd.arg("serve")
            .env("FERRODESK_BIND", bind)
            .env("FERRODESK_ALLOWED_ORIGINS", origins)
            .env("FERRODESK_SMTP_URL", &mail.smtp_url)
            .env("FERRODESK_APP_URL", &mail.spa_url);
        Service::spawn("API (ferrodesk serve)", &mut cmd, output.log())
    }

    /// Starts `ferrodesk-dev mail-sink` on `bind`, storing messages in `dir`.
    pub fn mail_sink(&self, bind: &str, dir: &Path, output: Output) -> Result<Service> {
        let mut cmd = self.dev_command();
        cmd.arg("mail-sink").args(["--bind", bind]).arg("--dir").arg(dir);
        Service::spawn("mail sink (ferrodesk-dev mail-sink)", &mut cmd, output.log())
    }

    /// Starts `ferrodesk-dev spa`, serving `dir` on `bind` with index.html fallback.
    pub fn spa(&self, dir: &Path, bind: &str, output: Output) -> Result<Service> {
        let mut cmd = self.dev_command();
        cmd.arg("spa").arg("--dir").arg(dir).args(["--bind", bind]);
        Service::spawn("SPA host (ferrodesk-dev spa)", &mut cmd, output.log())
    }

    /// The OpenAPI document printed by `ferrodesk openapi`.
    pub fn openapi(&self) -> Result<String> {
        process::output(self.command(None).arg("openapi"))
    }
}
