//! The OpenAPI fuzz run of `cargo xtask test`: schemathesis (from PyPI, pinned, in a
//! virtualenv under the cargo target dir) generates requests from the API's own
//! document, valid and invalid, against the API on a fresh demo database: once without
//! a token and once as each role. It runs every check schemathesis has and reports
//! the failures of each; the run fails on a server error (5xx), on a status the
//! document does not declare, and on a wrong method that is not 405 with `Allow`.
//!
//! The document it reads is the served one without its `default` responses, so a
//! status the operation does not name counts as undeclared.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

use anyhow::{bail, Context, Result};
use serde_json::Value;

use crate::database::Db;
use crate::ferrodesk::{ApiMail, Ferrodesk, Output};
use crate::tally::Tally;
use crate::workspace::Workspace;
use crate::{bench_http, http, mail, process, provision};

const FUZZ_DB: &str = "ferrodesk_fuzz";
const API_BIND: &str = "127.0.0.1:18090";
const API_URL: &str = "http://127.0.0.1:18090";
/// The pinned schemathesis.
const SCHEMATHESIS: &str = "4.32.5";
/// Generated cases per operation and phase: enough to reach every operation's edges,
/// few enough that five runs take a few minutes.
const MAX_EXAMPLES: &str = "5";
/// Checks whose failure fails the run.
const GATING: [&str; 4] =
    ["not_a_server_error", "status_code_conformance", "unsupported_method", "allow_header_conformance"];
/// Who the runs act as: none, then each role of the demo hospital.
const CALLERS: [(&str, Option<&str>); 5] = [
    ("anonymous", None),
    ("requester", Some("emma.clarke@riverside-hospital.example")),
    ("technician", Some("tom.becker@riverside-hospital.example")),
    ("manager", Some("priya.shah@riverside-hospital.example")),
    ("admin", Some("alex.morgan@riverside-hospital.example")),
];
const DEMO_PASSWORD: &str = "ferrodesk-demo-2026";

/// What one caller's run found.
#[derive(Debug, Default)]
struct Findings {
    operations: BTreeSet<String>,
    cases: u64,
    /// Failed cases by check name.
    failures: BTreeMap<String, u64>,
}

/// Serves the API on a fresh demo database and fuzzes it as every caller.
pub fn run(ws: &Workspace, db: &Db, ferrodesk: &Ferrodesk, tally: &mut Tally) -> Result<()> {
    let st = ensure_schemathesis(ws)?;
    let dir = ws.local_target().join("fuzz");
    fs::create_dir_all(&dir)?;
    let spec = dir.join("openapi-strict.json");
    fs::write(&spec, strict_document(&ferrodesk.openapi()?)?)?;

    let step = process::step(format!("OpenAPI fuzz: fresh database {FUZZ_DB}"));
    db.recreate_database(FUZZ_DB)?;
    step.done();
    ferrodesk.migrate(&db.owner_url(FUZZ_DB))?;
    ferrodesk.seed_demo(&db.owner_url(FUZZ_DB))?;
    let api_log = dir.join("api.log");
    let mut sink =
        mail::start(ferrodesk, mail::free_port()?, &dir.join("mail"), true, Output::Log(&dir.join("mail-sink.log")))?;
    let mail = ApiMail { smtp_url: sink.smtp_url.clone(), spa_url: "http://127.0.0.1:18091".into() };
    let mut api =
        ferrodesk.serve(&db.app_url(FUZZ_DB), API_BIND, "http://127.0.0.1:18091", &mail, Output::Log(&api_log))?;
    let result = http::wait_until_ok(&mut api, API_BIND, "/health", Duration::from_secs(60))
        .and_then(|()| fuzz_every_caller(&st, &spec, &dir, tally));
    api.stop();
    sink.service.stop();
    if result.is_err() {
        process::print_tail(&api_log, 40);
    }
    result
}

fn fuzz_every_caller(st: &Path, spec: &Path, dir: &Path, tally: &mut Tally) -> Result<()> {
    let mut failed = Vec::new();
    let mut lines = Vec::new();
    for (caller, email) in CALLERS {
        let step = process::step(format!("OpenAPI fuzz as {caller}: schemathesis {SCHEMATHESIS}, all checks"));
        let token = email.map(|e| bench_http::login(API_BIND, e, DEMO_PASSWORD)).transpose()?;
        let report = dir.join(caller);
        let _ = fs::remove_dir_all(&report);
        let mut cmd = Command::new(st);
        // schemathesis keeps a cache of what failed (`.schemathesis/`) in its working
        // directory: the run's own directory, not the checkout.
        cmd.current_dir(dir);
        cmd.arg("run").arg(spec).args(["--url", API_URL, "--checks", "all", "--max-examples", MAX_EXAMPLES]);
        cmd.args(["--workers", "2", "--no-color", "--report", "ndjson", "--report-dir"]).arg(&report);
        cmd.args(["--seed", "20261203"]);
        if let Some(token) = &token {
            // Signing out would end the session the rest of the run uses; the
            // anonymous run covers it.
            cmd.args(["-H", &format!("Authorization: Bearer {token}"), "--exclude-path", "/api/v1/auth/logout"]);
        }
        // schemathesis exits non-zero on any failed check; the gating ones are
        // decided from its report below.
        let output = cmd.output().with_context(|| format!("running {}", st.display()))?;
        fs::write(dir.join(format!("{caller}.log")), &output.stdout)?;
        let findings = read_report(&report)?;
        let gating: u64 = GATING.iter().filter_map(|c| findings.failures.get(*c)).sum();
        lines.push(summary_line(caller, &findings));
        if findings.cases == 0 || gating > 0 {
            tally.failed += 1;
            failed.push(format!("{caller}: {gating} gating failures, {} cases (see {caller}.log)", findings.cases));
        } else {
            tally.passed += 1;
        }
        step.done();
    }
    println!("    caller       operations  cases  failed checks (gating: {})", GATING.join(", "));
    for line in lines {
        println!("    {line}");
    }
    if !failed.is_empty() {
        bail!("OpenAPI fuzz: {}; reports in {}", failed.join("; "), dir.display());
    }
    Ok(())
}

fn summary_line(caller: &str, f: &Findings) -> String {
    let failures: Vec<String> = f.failures.iter().map(|(check, n)| format!("{check} {n}")).collect();
    let failures = if failures.is_empty() { "none".to_owned() } else { failures.join(", ") };
    format!("{caller:<12} {:>10} {:>6}  {failures}", f.operations.len(), f.cases)
}

/// The counts of a schemathesis NDJSON report directory: every `ScenarioFinished`
/// event names its operation (`recorder.label`) and, per generated case, each check's
/// status (`recorder.checks`).
fn read_report(dir: &Path) -> Result<Findings> {
    let mut findings = Findings::default();
    let files = fs::read_dir(dir).with_context(|| format!("no schemathesis report in {}", dir.display()))?;
    for file in files {
        let text = fs::read_to_string(file?.path())?;
        for line in text.lines() {
            let event: Value = serde_json::from_str(line).context("a report line is not JSON")?;
            let Some(recorder) = event.pointer("/ScenarioFinished/recorder") else { continue };
            if let Some(label) = recorder.get("label").and_then(Value::as_str) {
                findings.operations.insert(label.to_owned());
            }
            for checks in recorder.get("checks").and_then(Value::as_object).into_iter().flat_map(|m| m.values()) {
                findings.cases += 1;
                for check in checks.as_array().into_iter().flatten() {
                    if check.get("status").and_then(Value::as_str) == Some("failure") {
                        let name = check.get("name").and_then(Value::as_str).unwrap_or("?").to_owned();
                        *findings.failures.entry(name).or_default() += 1;
                    }
                }
            }
        }
    }
    Ok(findings)
}

/// The document without `default` responses.
fn strict_document(document: &str) -> Result<String> {
    let mut doc: Value = serde_json::from_str(document).context("the OpenAPI document is not JSON")?;
    for item in doc.get_mut("paths").and_then(Value::as_object_mut).into_iter().flat_map(|p| p.values_mut()) {
        for op in item.as_object_mut().into_iter().flat_map(|m| m.values_mut()) {
            if let Some(responses) = op.get_mut("responses").and_then(Value::as_object_mut) {
                responses.remove("default");
            }
        }
    }
    Ok(serde_json::to_string_pretty(&doc)?)
}

/// `st` of the pinned schemathesis, installed into a virtualenv under
/// `<cargo target dir>/tools` once per machine.
fn ensure_schemathesis(ws: &Workspace) -> Result<PathBuf> {
    let venv = ws.target_dir.join("tools").join(format!("schemathesis-{SCHEMATHESIS}"));
    let st = venv.join("bin").join("st");
    if st.exists() {
        return Ok(st);
    }
    let step = process::step(format!("Installing schemathesis {SCHEMATHESIS} from PyPI (once per machine)"));
    if process::run(Command::new("python3").args(["-m", "venv"]).arg(&venv)).is_err() {
        provision::apt_install(&["python3-venv"])?;
        process::run(Command::new("python3").args(["-m", "venv", "--clear"]).arg(&venv))?;
    }
    let pip = venv.join("bin").join("pip");
    process::run(Command::new(&pip).args(["install", "--quiet", &format!("schemathesis=={SCHEMATHESIS}")]))?;
    step.done();
    Ok(st)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_strict_document_has_no_default_responses() {
        let doc = r#"{"paths": {"/a": {"get": {"responses": {"200": {}, "default": {}}}}}}"#;
        let strict: Value = serde_json::from_str(&strict_document(doc).expect("strict")).expect("json");
        assert_eq!(strict["paths"]["/a"]["get"]["responses"], serde_json::json!({"200": {}}));
    }

    #[test]
    fn a_report_counts_operations_cases_and_failed_checks() {
        let dir = std::env::temp_dir().join(format!("xtask-fuzz-{}", std::process::id()));
        fs::create_dir_all(&dir).expect("dir");
        let report = [
            r#"{"ScenarioStarted": {}}"#,
            r#"{"ScenarioFinished": {"recorder": {"label": "GET /a", "checks": {"x": [{"name": "not_a_server_error", "status": "failure"}, {"name": "status_code_conformance", "status": "success"}], "y": []}}}}"#,
            r#"{"ScenarioFinished": {"recorder": {"label": "POST /a", "checks": {"z": [{"name": "positive_data_acceptance", "status": "failure"}]}}}}"#,
        ];
        fs::write(dir.join("r.ndjson"), report.join("\n")).expect("write");
        let f = read_report(&dir).expect("read");
        let _ = fs::remove_dir_all(&dir);
        assert_eq!((f.operations.len(), f.cases), (2, 3));
        assert_eq!(f.failures.get("not_a_server_error"), Some(&1));
        assert_eq!(f.failures.get("positive_data_acceptance"), Some(&1));
        assert_eq!(f.failures.get("status_code_conformance"), None);
    }
}
