//! Building the SPA bundle without Trunk: cargo (wasm32, profile `wasm-release`),
//! wasm-bindgen in-process, wasm-opt from Debian's binaryen, then static files.

use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};
use wasm_bindgen_cli_support::Bindgen;

use crate::workspace::{cargo, Workspace};
use crate::{process, provision, spa_assets, wasm_fix};

/// API URL written into `config.json` when `FERRODESK_API_URL` is not set.
const DEFAULT_API_URL: &str = "http://127.0.0.1:8080";

/// Features rustc enables for wasm32 by default; binaryen 108 needs them spelled out.
const WASM_OPT_FLAGS: [&str; 7] = [
    "-Oz",
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// The API base URL for `config.json`: `FERRODESK_API_URL` or the local default.
pub fn api_url_from_env() -> String {
    std::env::var("FERRODESK_API_URL").ok().filter(|url| !url.is_empty()).unwrap_or_else(|| DEFAULT_API_URL.to_owned())
}

/// Builds the SPA into `out`: `web.js`, `web_bg.wasm`, `index.html`, `public/*`,
/// `config.json` (`{"apiBaseUrl": api_url}`) and `.gz` copies.
pub fn build(ws: &Workspace, out: &Path, api_url: &str) -> Result<()> {
    let step = process::step(format!("Building the SPA into {}", out.display()));
    process::run(Command::new(cargo()).args([
        "build",
        "-p",
        "web",
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
        "--profile",
        "wasm-release",
    ]))?;
    let input = ws.target_dir.join("wasm32-unknown-unknown").join("wasm-release").join("web.wasm");
    let stage = ws.target_dir.join("spa-stage");
    stage_bundle(&input, &stage, &ws.target_dir.join("spa-stage.stamp"))?;

    // Start from a clean directory when it holds an earlier bundle (never wipe
    // a directory we did not produce).
    if out.join("web_bg.wasm").exists() {
        fs::remove_dir_all(out).with_context(|| format!("cleaning {}", out.display()))?;
    }
    spa_assets::copy_dir(&stage, out)?;
    spa_assets::copy_static(&ws.root.join("crates").join("web"), out)?;
    spa_assets::write_config(out, api_url)?;
    spa_assets::compress(out)?;
    spa_assets::report_sizes(out);
    step.done();
    Ok(())
}

/// Runs wasm-bindgen and wasm-opt into `stage` unless the stamp says `stage`
/// already holds the output for this exact `input`.
fn stage_bundle(input: &Path, stage: &Path, stamp_path: &Path) -> Result<()> {
    // FERRODESK_WASM_OPT=0 skips wasm-opt (to compare bundles while debugging).
    let wasm_opt =
        if std::env::var("FERRODESK_WASM_OPT").is_ok_and(|v| v == "0") { None } else { provision::wasm_opt() };
    // A content hash: a rebuilt but identical wasm reuses the stage (the stamp is
    // only a cache, so a hasher that changes between toolchains does no harm).
    let bytes = fs::read(input).with_context(|| format!("reading {}", input.display()))?;
    let mut hasher = DefaultHasher::new();
    bytes.hash(&mut hasher);
    let stamp = format!("{:016x} {} wasm-opt={}", hasher.finish(), bytes.len(), wasm_opt.is_some());
    if stage.join("web_bg.wasm").exists() && fs::read_to_string(stamp_path).ok().as_deref() == Some(stamp.as_str()) {
        println!("    wasm unchanged: reusing {}", stage.display());
        return Ok(());
    }
    if stage.exists() {
        fs::remove_dir_all(stage).with_context(|| format!("cleaning {}", stage.display()))?;
    }
    println!("    wasm-bindgen (in-process, target web) -> {}", stage.display());
    Bindgen::new()
        .input_path(input)
        .out_name("web")
        .typescript(false)
        .web(true)?
        .generate(stage)
        .context("wasm-bindgen")?;
    if let Some(wasm_opt) = wasm_opt {
        optimise(&wasm_opt, &stage.join("web_bg.wasm"));
    } else {
        println!("    warning: wasm-opt unavailable: the wasm stays unoptimised");
    }
    fs::write(stamp_path, stamp).with_context(|| format!("writing {}", stamp_path.display()))
}

/// Shrinks `wasm` in place; on failure keeps the unoptimised file and warns.
fn optimise(wasm_opt: &Path, wasm: &Path) {
    let tmp = wasm.with_extension("opt.wasm");
    let mut cmd = Command::new(wasm_opt);
    cmd.args(WASM_OPT_FLAGS).arg(wasm).arg("-o").arg(&tmp);
    let size = |path: &Path| fs::metadata(path).map(|m| m.len()).unwrap_or_default();
    let before = size(wasm);
    let result = process::run(&mut cmd)
        .and_then(|()| match wasm_fix::repair_table_exports(wasm, &tmp)? {
            0 => Ok(()),
            n => {
                println!("    repaired {n} table export(s) broken by wasm-opt (binaryen 108 bug)");
                Ok(())
            }
        })
        .and_then(|()| fs::rename(&tmp, wasm).context("replacing the wasm with the optimised one"));
    match result {
        Ok(()) => println!("    wasm-opt: {before} -> {} bytes", size(wasm)),
        Err(err) => {
            println!("    warning: wasm-opt failed ({err:#}); keeping the unoptimised wasm");
            let _ = fs::remove_file(&tmp);
        }
    }
}
