//! The development mail sink: `ferrodesk-dev mail-sink` as a child process, catching what
//! the API's outbox worker sends. Each message lands as `<dir>/<millis>-<seq>.eml`.

use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::ferrodesk::{Ferrodesk, Output};
use crate::process;
use crate::service::Service;

/// A running sink.
pub struct MailSink {
    pub service: Service,
    /// `smtp://127.0.0.1:<port>`, for the API's `FERRODESK_SMTP_URL`.
    pub smtp_url: String,
    /// Where messages land.
    pub dir: PathBuf,
}

/// A port on 127.0.0.1 that is free right now (bound, read, released).
pub fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").context("finding a free port")?;
    Ok(listener.local_addr()?.port())
}

/// Starts the sink on `127.0.0.1:<port>` storing into `dir` (created; with `fresh`,
/// emptied first) and waits until it accepts connections.
pub fn start(ferrodesk: &Ferrodesk, port: u16, dir: &Path, fresh: bool, output: Output) -> Result<MailSink> {
    if fresh && dir.exists() {
        std::fs::remove_dir_all(dir).with_context(|| format!("emptying {}", dir.display()))?;
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let bind = format!("127.0.0.1:{port}");
    let mut service = ferrodesk.mail_sink(&bind, dir, output)?;
    let addr: SocketAddr = bind.parse()?;
    let started = Instant::now();
    while TcpStream::connect_timeout(&addr, Duration::from_millis(500)).is_err() {
        if let Some(status) = service.exited() {
            service.print_log();
            bail!("the mail sink exited ({status}) before listening on {bind} (is the port taken?)");
        }
        process::check_interrupted()?;
        if started.elapsed() > Duration::from_secs(20) {
            bail!("the mail sink did not listen on {bind} within 20 s");
        }
        sleep(Duration::from_millis(100));
    }
    Ok(MailSink { service, smtp_url: format!("smtp://{bind}"), dir: dir.to_owned() })
}
