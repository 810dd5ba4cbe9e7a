//! Installing what a fresh Debian machine lacks: apt packages, the wasm32 target,
//! wasm-opt, Chromium and Node.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};

use anyhow::{bail, Result};

use crate::process::{self, is_root, which};

static APT_UPDATED: AtomicBool = AtomicBool::new(false);

/// `apt-get` (through `sudo` when we are not root and sudo exists).
fn apt_get() -> Result<Command> {
    if is_root() {
        return Ok(Command::new("apt-get"));
    }
    if which("sudo").is_none() {
        bail!("installing packages needs root (or sudo); run as root or install them by hand");
    }
    let mut cmd = Command::new("sudo");
    cmd.arg("apt-get");
    Ok(cmd)
}

/// Installs Debian packages non-interactively; runs `apt-get update` once per
/// invocation first.
pub fn apt_install(packages: &[&str]) -> Result<()> {
    if which("apt-get").is_none() {
        bail!("apt-get not found: install {} by hand", packages.join(" "));
    }
    if !APT_UPDATED.swap(true, Ordering::SeqCst) {
        process::run(apt_get()?.env("DEBIAN_FRONTEND", "noninteractive").args(["update", "-q"]))?;
    }
    process::run(apt_get()?.env("DEBIAN_FRONTEND", "noninteractive").args(["install", "-y", "-q"]).args(packages))
}

/// Adds the `wasm32-unknown-unknown` rustup target when it is not installed.
pub fn ensure_wasm_target() -> Result<()> {
    const TARGET: &str = "wasm32-unknown-unknown";
    if which("rustup").is_none() {
        println!("    (no rustup: assuming the {TARGET} standard library is installed)");
        return Ok(());
    }
    let installed = process::output(Command::new("rustup").args(["target", "list", "--installed"]))?;
    if installed.lines().any(|line| line.trim() == TARGET) {
        return Ok(());
    }
    let step = process::step(format!("Installing the {TARGET} target"));
    process::run(Command::new("rustup").args(["target", "add", TARGET]))?;
    step.done();
    Ok(())
}

/// `wasm-opt` from PATH, installing Debian's `binaryen` when missing. Optional:
/// a failed install only means an unoptimised bundle.
pub fn wasm_opt() -> Option<PathBuf> {
    if let Some(path) = which("wasm-opt") {
        return Some(path);
    }
    let step = process::step("Installing wasm-opt (Debian package binaryen)");
    if let Err(err) = apt_install(&["binaryen"]) {
        println!("    warning: could not install binaryen ({err:#}); the SPA stays unoptimised");
        return None;
    }
    step.done();
    which("wasm-opt")
}

/// Path of Debian's Chromium, used by Playwright.
pub const CHROMIUM: &str = "/usr/bin/chromium";

/// Installs Chromium and its driver when `/usr/bin/chromium` is missing.
pub fn ensure_chromium() -> Result<()> {
    if Path::new(CHROMIUM).exists() {
        return Ok(());
    }
    let step = process::step("Installing Chromium (Debian packages chromium, chromium-driver)");
    apt_install(&["chromium", "chromium-driver"])?;
    step.done();
    Ok(())
}

/// Installs Node.js and npm from Debian when `npm` is not on PATH;
/// warns when Node is older than 20, which Playwright requires (Debian 12's own
/// `nodejs` is 18; the machines and CI bring Node 20).
pub fn ensure_node() -> Result<()> {
    if which("npm").is_none() || which("npx").is_none() {
        let step = process::step("Installing Node.js and npm (Debian packages nodejs, npm)");
        apt_install(&["nodejs", "npm"])?;
        step.done();
    }
    let version = process::output(Command::new("node").arg("--version"))?;
    let major = version.trim().trim_start_matches('v').split('.').next().and_then(|m| m.parse::<u32>().ok());
    if major.is_some_and(|major| major < 20) {
        println!("    warning: Node {} is older than 20, which Playwright needs", version.trim());
    }
    Ok(())
}
