//! Advisory file locks between xtask invocations sharing one checkout (say, a
//! `cargo xtask run` in one terminal and a `cargo xtask test` in another).

use std::fs::{self, File, OpenOptions};
use std::path::Path;
use std::thread::sleep;
use std::time::Duration;

use anyhow::{Context, Result};
use nix::errno::Errno;
use nix::fcntl::{Flock, FlockArg};

use crate::process;

/// A held `flock(2)` lock; released on drop.
pub struct FileLock(Flock<File>);

/// Takes the lock on `path` (shared or exclusive). When another process holds it
/// in a conflicting mode, prints `waiting` once and polls, so Ctrl-C still works.
pub fn acquire(path: &Path, exclusive: bool, waiting: &str) -> Result<FileLock> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    let arg = if exclusive { FlockArg::LockExclusiveNonblock } else { FlockArg::LockSharedNonblock };
    let mut file = open(path)?;
    let mut announced = false;
    loop {
        match Flock::lock(file, arg) {
            Ok(lock) => return Ok(FileLock(lock)),
            Err((returned, Errno::EWOULDBLOCK)) => {
                if !announced {
                    println!("    {waiting}");
                    announced = true;
                }
                process::check_interrupted()?;
                sleep(Duration::from_millis(500));
                file = returned;
            }
            Err((_, errno)) => return Err(errno).with_context(|| format!("locking {}", path.display())),
        }
    }
}

fn open(path: &Path) -> Result<File> {
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .with_context(|| format!("opening {}", path.display()))
}

impl FileLock {
    /// Converts the lock to exclusive if nobody else holds it; never waits.
    pub fn try_exclusive(&self) -> bool {
        self.0.relock(FlockArg::LockExclusiveNonblock).is_ok()
    }
}
