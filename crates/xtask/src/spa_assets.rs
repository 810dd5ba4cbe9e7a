//! Static parts of the SPA bundle: copied files, `config.json`, gzip copies, sizes.

use std::fs;
use std::path::Path;
use std::process::Command;

use anyhow::{Context, Result};

use crate::process;

/// Copies `src` into `dst` recursively (creating `dst`).
pub fn copy_dir(src: &Path, dst: &Path) -> Result<()> {
    fs::create_dir_all(dst).with_context(|| format!("creating {}", dst.display()))?;
    for entry in fs::read_dir(src).with_context(|| format!("reading {}", src.display()))? {
        let entry = entry?;
        let target = dst.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target)?;
        } else {
            fs::copy(entry.path(), &target)
                .with_context(|| format!("copying {} to {}", entry.path().display(), target.display()))?;
        }
    }
    Ok(())
}

/// Copies `index.html` and everything under `public/` from the web crate.
/// Missing ones only warn (the web crate may be mid-way through being written).
pub fn copy_static(web_dir: &Path, out: &Path) -> Result<()> {
    let index = web_dir.join("index.html");
    if index.exists() {
        fs::copy(&index, out.join("index.html")).context("copying index.html")?;
    } else {
        println!("    warning: {} is missing: the bundle has no index.html", index.display());
    }
    let public = web_dir.join("public");
    if public.is_dir() {
        copy_dir(&public, out)?;
    } else {
        println!("    (no {}: nothing to copy)", public.display());
    }
    Ok(())
}

/// Writes `config.json`, which tells the SPA at run time where the API is.
pub fn write_config(out: &Path, api_url: &str) -> Result<()> {
    let config = serde_json::json!({ "apiBaseUrl": api_url });
    let text = serde_json::to_string_pretty(&config)?;
    process::write_file(&out.join("config.json"), &text)?;
    println!("    config.json: apiBaseUrl = {api_url}");
    Ok(())
}

/// Writes `.gz` copies (`gzip -k -9 -f`) of every `.wasm` and `.js` file.
pub fn compress(dir: &Path) -> Result<()> {
    for entry in fs::read_dir(dir).with_context(|| format!("reading {}", dir.display()))? {
        let path = entry?.path();
        if path.is_dir() {
            compress(&path)?;
        } else if path.extension().is_some_and(|ext| ext == "wasm" || ext == "js") {
            let mut cmd = Command::new("gzip");
            cmd.args(["-k", "-9", "-f"]).arg(&path);
            process::output(&mut cmd)?;
        }
    }
    Ok(())
}

/// Prints the raw and gzipped size of the wasm.
pub fn report_sizes(out: &Path) {
    let size = |name: &str| fs::metadata(out.join(name)).map(|m| m.len()).ok();
    let kib = |bytes: Option<u64>| bytes.map_or_else(|| "?".to_owned(), |b| format!("{:.1} KiB", b as f64 / 1024.0));
    println!(
        "    web_bg.wasm: {} raw, {} gzipped; web.js: {} raw",
        kib(size("web_bg.wasm")),
        kib(size("web_bg.wasm.gz")),
        kib(size("web.js"))
    );
}
