//! The load generators: `oha` (installed by xtask at a pinned version under
//! `target/tools`) and PostgreSQL's `pgbench`, run and their results read.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::postgres;
use crate::workspace::{cargo, Workspace};
use crate::{process, provision};

/// The pinned `oha` version (`cargo install --locked`).
pub const OHA_VERSION: &str = "1.16.0";

/// Latency and throughput of one measurement.
#[derive(Debug, Clone, Default)]
pub struct Measure {
    pub requests_per_sec: f64,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub p99_ms: f64,
    pub requests: u64,
}

impl Measure {
    /// As JSON (NaN, for what a tool does not report, becomes null).
    pub fn to_json(&self) -> Value {
        serde_json::json!({
            "requestsPerSec": finite(self.requests_per_sec), "p50Ms": finite(self.p50_ms),
            "p95Ms": finite(self.p95_ms), "p99Ms": finite(self.p99_ms), "requests": self.requests,
        })
    }
}

/// A number, or null when it is not finite.
pub fn finite(x: f64) -> Value {
    if x.is_finite() {
        serde_json::json!((x * 100.0).round() / 100.0)
    } else {
        Value::Null
    }
}

/// Installs oha into `<cargo target dir>/tools` unless that version is there (CI
/// keeps its target directory outside the clone, so the long build happens once
/// per machine, not once per run).
pub fn ensure_oha(ws: &Workspace) -> Result<PathBuf> {
    let root = ws.target_dir.join("tools");
    let bin = root.join("bin").join("oha");
    if bin.exists() && process::output(Command::new(&bin).arg("--version")).is_ok_and(|v| v.contains(OHA_VERSION)) {
        return Ok(bin);
    }
    let step = process::step(format!("Installing oha {OHA_VERSION} (once per machine; a long build)"));
    // oha does not build without a TLS stack; native-tls links the system OpenSSL,
    // far quicker to build than rustls' default aws-lc.
    if !Path::new("/usr/include/openssl/ssl.h").exists() {
        provision::apt_install(&["libssl-dev", "pkg-config"])?;
    }
    process::run(
        Command::new(cargo())
            .args(["install", "oha", "--version", &format!("={OHA_VERSION}"), "--locked"])
            .args(["--no-default-features", "--features", "native-tls", "--root"])
            .arg(&root),
    )?;
    step.done();
    Ok(bin)
}

/// One oha run: `args` (rate, duration, headers, URL...) besides JSON output.
pub struct Oha<'a> {
    pub bin: &'a Path,
    pub args: Vec<String>,
}

impl Oha<'_> {
    fn command(&self) -> Command {
        let mut cmd = Command::new(self.bin);
        cmd.args(["--no-tui", "--output-format", "json", "--no-color"]).args(&self.args);
        cmd
    }

    /// Runs to completion and reads the result; fails on any non-2xx answer.
    pub fn run(&self) -> Result<Measure> {
        parse_oha(&process::output(&mut self.command())?)
    }

    /// Starts in the background (for load beside another measurement).
    pub fn spawn(&self) -> Result<Child> {
        self.command().stdout(Stdio::piped()).stderr(Stdio::null()).spawn().context("starting oha")
    }
}

/// Waits for a background oha and reads its result.
pub fn finish(child: Child) -> Result<Measure> {
    let out = child.wait_with_output()?;
    parse_oha(&String::from_utf8_lossy(&out.stdout))
}

fn parse_oha(json: &str) -> Result<Measure> {
    let v: Value = serde_json::from_str(json).with_context(|| format!("oha output is not JSON: {json:.300}"))?;
    let codes = v.get("statusCodeDistribution").and_then(Value::as_object).cloned().unwrap_or_default();
    let bad: Vec<String> =
        codes.iter().filter(|(k, _)| !k.starts_with('2')).map(|(k, n)| format!("{n}× HTTP {k}")).collect();
    let errors = v.get("errorDistribution").and_then(Value::as_object).cloned().unwrap_or_default();
    let ok: u64 = codes.iter().filter(|(k, _)| k.starts_with('2')).filter_map(|(_, n)| n.as_u64()).sum();
    if !bad.is_empty() || ok == 0 {
        bail!("oha saw failures: {} {:?}", bad.join(", "), errors);
    }
    let ms = |k: &str| v["latencyPercentiles"][k].as_f64().unwrap_or(f64::NAN) * 1000.0;
    Ok(Measure {
        requests_per_sec: v["summary"]["requestsPerSec"].as_f64().unwrap_or(f64::NAN),
        p50_ms: ms("p50"),
        p95_ms: ms("p95"),
        p99_ms: ms("p99"),
        requests: ok,
    })
}

/// `pgbench -M prepared` running `script` with `vars` at `clients` for `seconds`
/// against `url` (as the API's role, so row-level security applies the same way).
pub fn pgbench(script: &Path, vars: &[(String, String)], clients: u32, seconds: u32, url: &str) -> Result<Measure> {
    let mut cmd = Command::new(postgres::program("pgbench"));
    cmd.args(["-n", "-M", "prepared", "-c", &clients.to_string(), "-j", "2", "-T", &seconds.to_string(), "-r"]);
    cmd.arg("-f").arg(script);
    for (k, v) in vars {
        cmd.arg("-D").arg(format!("{k}={v}"));
    }
    cmd.arg(url);
    let out = process::output(&mut cmd)?;
    let number = |key: &str| {
        out.lines()
            .find_map(|l| l.trim().strip_prefix(key))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse::<f64>().ok())
    };
    let tps = number("tps = ").with_context(|| format!("no tps in pgbench output:\n{out}"))?;
    let failed = number("number of failed transactions: ").unwrap_or(0.0);
    if failed > 0.0 {
        bail!("pgbench: {failed} failed transactions:\n{out}");
    }
    let latency = number("latency average = ").unwrap_or(f64::NAN);
    let done = number("number of transactions actually processed: ").unwrap_or(0.0);
    Ok(Measure { requests_per_sec: tps, p50_ms: latency, p95_ms: f64::NAN, p99_ms: f64::NAN, requests: done as u64 })
}
