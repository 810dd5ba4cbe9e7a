//! A guard against a wasm-opt bug. Debian 12's binaryen (version 108) writes the
//! export of wasm-bindgen's externref table (`__wbindgen_externrefs`, the module's
//! second table) with the index of the first one, the function table; the browser
//! then fails at start-up with "WebAssembly.Table.set(): Argument 1 is invalid for
//! table". Every other index is written correctly, so re-pointing each table export
//! at the table of the type it had before optimisation repairs the module.

use std::path::Path;

use anyhow::{bail, Context, Result};
use walrus::{ExportItem, Module, TableId};

/// Compares the table exports of `optimised` with those of `original` and
/// re-points any that now name a table of another element type. Returns how many
/// were repaired; fails when an export cannot be matched unambiguously.
pub fn repair_table_exports(original: &Path, optimised: &Path) -> Result<usize> {
    let before = Module::from_file(original).context("reading the wasm before wasm-opt")?;
    let mut after = Module::from_file(optimised).context("reading the wasm after wasm-opt")?;
    let mut repaired = 0;
    for export in before.exports.iter() {
        let ExportItem::Table(table) = export.item else {
            continue;
        };
        let wanted = before.tables.get(table).element_ty;
        let Some(id) = after.exports.iter().find(|e| e.name == export.name).map(|e| e.id()) else {
            bail!("wasm-opt dropped the export {}", export.name);
        };
        match after.exports.get(id).item {
            ExportItem::Table(now) if after.tables.get(now).element_ty == wanted => continue,
            ExportItem::Table(_) => {}
            _ => bail!("wasm-opt changed the kind of the export {}", export.name),
        }
        let candidates: Vec<TableId> = after.tables.iter().filter(|t| t.element_ty == wanted).map(|t| t.id()).collect();
        let [fixed] = candidates[..] else {
            bail!("cannot repair the export {}: {} candidate tables", export.name, candidates.len());
        };
        after.exports.get_mut(id).item = ExportItem::Table(fixed);
        repaired += 1;
    }
    if repaired > 0 {
        after.emit_wasm_file(optimised).context("writing the repaired wasm")?;
    }
    Ok(repaired)
}
