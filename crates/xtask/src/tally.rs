//! Counting tests across runners, so `cargo xtask test` ends with one plain line
//! (`tests: N passed, M failed`) however many runners it used.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use anyhow::{bail, Context, Result};

use crate::process;

/// Tests passed and failed, added up over runners.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Tally {
    pub passed: u64,
    pub failed: u64,
}

/// Runs `cmd` like [`process::run`], echoing its standard output line by line and
/// adding the counts it reports to `tally`.
pub fn run_counting(cmd: &mut Command, tally: &mut Tally) -> Result<()> {
    let line = format!("{cmd:?}");
    println!("    $ {}", line.replace('"', ""));
    let mut child = cmd.stdout(Stdio::piped()).spawn().with_context(|| format!("starting {line}"))?;
    if let Some(out) = child.stdout.take() {
        for text in BufReader::new(out).lines().map_while(Result::ok) {
            println!("{text}");
            let (passed, failed) = parse(&text);
            tally.passed += passed;
            tally.failed += failed;
        }
    }
    let status = child.wait().with_context(|| format!("waiting for {line}"))?;
    if !status.success() {
        bail!("{line} failed ({status})");
    }
    process::check_interrupted()
}

/// Counts in one line of output: cargo's `test result: ok. 28 passed; 0 failed; …`
/// or Playwright's summary lines `  3 passed (11.2s)` / `  1 failed`.
fn parse(line: &str) -> (u64, u64) {
    let line = line.trim();
    if let Some(rest) = line.strip_prefix("test result: ") {
        let count = |word: &str| {
            rest.split(';')
                .find_map(|part| {
                    part.trim().trim_start_matches("ok. ").trim_start_matches("FAILED. ").strip_suffix(word)
                })
                .and_then(|n| n.trim().parse().ok())
                .unwrap_or(0)
        };
        return (count(" passed"), count(" failed"));
    }
    let mut words = line.split_whitespace();
    match (words.next().and_then(|n| n.parse::<u64>().ok()), words.next(), words.next()) {
        (Some(n), Some("passed"), None) => (n, 0),
        (Some(n), Some("passed"), Some(t)) if t.starts_with('(') => (n, 0),
        (Some(n), Some("failed"), None) => (0, n),
        _ => (0, 0),
    }
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn reads_cargo_and_playwright_summaries() {
        assert_eq!(parse("test result: ok. 28 passed; 0 failed; 0 ignored; 0 measured"), (28, 0));
        assert_eq!(parse("test result: FAILED. 19 passed; 3 failed; 0 ignored"), (19, 3));
        assert_eq!(parse("  1 passed (11.2s)"), (1, 0));
        assert_eq!(parse("  2 failed"), (0, 2));
        assert_eq!(parse("test foo::bar ... ok"), (0, 0));
        assert_eq!(parse("3 passed tests were slow"), (0, 0));
    }
}
