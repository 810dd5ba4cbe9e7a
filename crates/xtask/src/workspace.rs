//! Where things are: the workspace root and cargo's target directory.

use std::ffi::OsString;
use std::path::PathBuf;
use std::process::Command;

use anyhow::{bail, Context, Result};

/// Paths of the cargo workspace this xtask belongs to.
pub struct Workspace {
    /// Directory of the root `Cargo.toml`.
    pub root: PathBuf,
    /// Cargo's target directory (honours `CARGO_TARGET_DIR`, may be outside `root`).
    pub target_dir: PathBuf,
}

impl Workspace {
    /// Asks `cargo metadata` for the workspace root and the target directory.
    pub fn locate() -> Result<Self> {
        let output = Command::new(cargo())
            .args(["metadata", "--no-deps", "--format-version", "1"])
            .output()
            .context("running `cargo metadata`")?;
        if !output.status.success() {
            bail!("`cargo metadata` failed: {}", String::from_utf8_lossy(&output.stderr));
        }
        let meta: serde_json::Value =
            serde_json::from_slice(&output.stdout).context("parsing `cargo metadata` output")?;
        let field = |name: &str| -> Result<PathBuf> {
            meta.get(name)
                .and_then(|v| v.as_str())
                .map(PathBuf::from)
                .with_context(|| format!("`cargo metadata` has no `{name}`"))
        };
        Ok(Self { root: field("workspace_root")?, target_dir: field("target_directory")? })
    }

    /// Scratch space owned by xtask under the workspace (`<root>/target`), used for
    /// the private PostgreSQL cluster, e2e bundles and logs whatever
    /// `CARGO_TARGET_DIR` says.
    pub fn local_target(&self) -> PathBuf {
        self.root.join("target")
    }

    /// Path of the debug `ferrodesk` binary.
    pub fn ferrodesk_bin(&self) -> PathBuf {
        self.target_dir.join("debug").join("ferrodesk")
    }

    /// Path of the debug `ferrodesk-dev` binary (crates/devtools).
    pub fn devtools_bin(&self) -> PathBuf {
        self.target_dir.join("debug").join(DEVTOOLS_BIN)
    }
}

/// The development tools' binary (crates/devtools): benchmark data, SMTP sink, SPA host.
pub const DEVTOOLS_BIN: &str = "ferrodesk-dev";

/// The cargo executable that launched us (`$CARGO`), or `cargo` from `PATH`.
pub fn cargo() -> OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| OsString::from("cargo"))
}
