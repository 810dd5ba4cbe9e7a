//! Long-running child processes (the API and the SPA host), stopped on drop.

use std::fs::File;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use nix::sys::signal::{kill, Signal};
use nix::unistd::Pid;

use crate::process;

/// How long a service gets to exit after SIGTERM before it is killed.
const GRACE: Duration = Duration::from_secs(10);

/// A child process in its own process group: the terminal's Ctrl-C reaches xtask,
/// which then stops its services in order.
pub struct Service {
    name: String,
    child: Child,
    log: Option<PathBuf>,
}

impl Service {
    /// Spawns `cmd`; its output goes to `log` (truncated) or to our terminal.
    pub fn spawn(name: &str, cmd: &mut Command, log: Option<&Path>) -> Result<Self> {
        if let Some(log) = log {
            let file = File::create(log).with_context(|| format!("creating {}", log.display()))?;
            cmd.stdout(file.try_clone()?).stderr(file);
        }
        println!("    $ {}", process::describe(cmd));
        let child = cmd.stdin(Stdio::null()).process_group(0).spawn().with_context(|| format!("starting {name}"))?;
        Ok(Self { name: name.to_owned(), child, log: log.map(Path::to_path_buf) })
    }

    /// The service's name, for messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// Its process id.
    pub fn id(&self) -> u32 {
        self.child.id()
    }

    /// Its exit status if it has exited.
    pub fn exited(&mut self) -> Option<ExitStatus> {
        self.child.try_wait().ok().flatten()
    }

    /// Prints the end of its log file, if it logs to one.
    pub fn print_log(&self) {
        if let Some(log) = &self.log {
            process::print_tail(log, 60);
        }
    }

    /// Sends SIGTERM, waits up to [`GRACE`], then kills. Idempotent.
    pub fn stop(&mut self) {
        if self.exited().is_some() {
            return;
        }
        println!("    stopping {}", self.name);
        let pid = i32::try_from(self.child.id()).map(Pid::from_raw);
        if let Ok(pid) = pid {
            if kill(pid, Signal::SIGTERM).is_ok() {
                let deadline = Instant::now() + GRACE;
                while Instant::now() < deadline {
                    if self.exited().is_some() {
                        return;
                    }
                    sleep(Duration::from_millis(100));
                }
            }
        }
        if let Err(err) = self.child.kill() {
            eprintln!("    warning: killing {}: {err}", self.name);
        }
        let _ = self.child.wait();
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        self.stop();
    }
}
