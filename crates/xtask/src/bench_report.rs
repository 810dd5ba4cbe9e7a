//! The benchmark's result: one table on the terminal, and the same as JSON under
//! `target/bench/` (`bench-<unix time>.json` and `latest.json`).

use std::path::{Path, PathBuf};

use anyhow::Result;
use serde_json::{json, Map, Value};

use crate::bench_tools::finite;
use crate::process;

/// One line of the table.
pub struct Line {
    pub name: String,
    pub value: f64,
    pub unit: &'static str,
    /// The goal, e.g. `≥ 0.5` or `≤ 25`, and whether the value meets it.
    pub goal: Option<(String, bool)>,
}

/// The table and the raw measurements.
#[derive(Default)]
pub struct Report {
    pub lines: Vec<Line>,
    pub raw: Map<String, Value>,
}

impl Report {
    /// Adds a line without a goal.
    pub fn info(&mut self, name: impl Into<String>, value: f64, unit: &'static str) {
        self.lines.push(Line { name: name.into(), value, unit, goal: None });
    }

    /// Adds a line with a goal: `at_least` (≥) or at most (≤) `limit`.
    pub fn goal(&mut self, name: impl Into<String>, value: f64, unit: &'static str, at_least: bool, limit: f64) {
        let met = if at_least { value >= limit } else { value <= limit };
        let goal = format!("{} {limit}", if at_least { "≥" } else { "≤" });
        self.lines.push(Line { name: name.into(), value, unit, goal: Some((goal, met && value.is_finite())) });
    }

    /// Records a raw measurement under `key`.
    pub fn raw(&mut self, key: &str, value: Value) {
        self.raw.insert(key.to_owned(), value);
    }

    /// Names of lines whose value is not a finite number (a step that measured nothing).
    pub fn missing(&self) -> Vec<&str> {
        self.lines.iter().filter(|l| !l.value.is_finite()).map(|l| l.name.as_str()).collect()
    }

    /// The table as Markdown (printed, and pasted into the README).
    pub fn table(&self) -> String {
        let mut out = String::from("| measurement | value | goal | met |\n|---|---:|---|---|\n");
        for l in &self.lines {
            let (goal, met) = match &l.goal {
                Some((g, true)) => (g.as_str(), "yes"),
                Some((g, false)) => (g.as_str(), "**no**"),
                None => ("", ""),
            };
            out.push_str(&format!("| {} | {} {} | {goal} | {met} |\n", l.name, fmt(l.value), l.unit));
        }
        out
    }

    /// Writes `bench-<unix time>.json` and `latest.json` under `dir`; returns the first.
    pub fn write(&self, dir: &Path, context: Value) -> Result<PathBuf> {
        let lines: Vec<Value> = self
            .lines
            .iter()
            .map(|l| {
                json!({"name": l.name, "value": finite(l.value), "unit": l.unit,
                       "goal": l.goal.as_ref().map(|g| &g.0), "met": l.goal.as_ref().map(|g| g.1)})
            })
            .collect();
        let doc = json!({"context": context, "table": lines, "raw": self.raw});
        let text = serde_json::to_string_pretty(&doc)?;
        let stamp =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        let path = dir.join(format!("bench-{stamp}.json"));
        process::write_file(&path, &text)?;
        process::write_file(&dir.join("latest.json"), &text)?;
        Ok(path)
    }
}

fn fmt(v: f64) -> String {
    if !v.is_finite() {
        "–".into()
    } else if v >= 100.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.2}")
    }
}
