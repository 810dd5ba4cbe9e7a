//! A local SMTP sink for development and tests (`ferrodesk-dev mail-sink`): accepts every
//! message for any recipient and stores it as `<dir>/<unix-millis>-<seq>.eml`, the raw
//! RFC 5322 message preceded by one `X-Ferrodesk-Rcpt: <to>, …` header naming the
//! envelope recipients. Files appear atomically (written aside, then renamed), so a
//! reader never sees half a message.
//!
//! The SMTP conversation is the `mailin` state machine, driven over a std listener with
//! a thread per connection; no TLS, no authentication: bind it to loopback only.

use std::fs;
use std::io::{self, BufRead, BufReader, BufWriter, Write};
use std::net::{IpAddr, SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use mailin::{Action, Handler, Response, SessionBuilder};

/// A running sink.
#[derive(Debug)]
pub struct SinkHandle {
    addr: SocketAddr,
    dir: PathBuf,
    stop: Arc<AtomicBool>,
}

impl SinkHandle {
    /// The address it listens on (the real port when started on port 0).
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `smtp://<addr>`, for `FERRODESK_SMTP_URL`.
    pub fn smtp_url(&self) -> String {
        format!("smtp://{}", self.addr)
    }

    /// Where messages land.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Stops accepting connections (sessions in progress finish).
    pub fn stop(&self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
    }
}

/// Starts a sink on `bind` (e.g. `127.0.0.1:2525`, or port 0 for any free port)
/// storing messages in `dir` (created if missing). Runs on background threads.
pub fn start(bind: &str, dir: &Path) -> io::Result<SinkHandle> {
    fs::create_dir_all(dir)?;
    let listener = TcpListener::bind(bind)?;
    let addr = listener.local_addr()?;
    let stop = Arc::new(AtomicBool::new(false));
    let store = Store { dir: dir.to_owned(), seq: Arc::new(AtomicU64::new(0)) };
    let flag = stop.clone();
    std::thread::Builder::new().name("mail-sink".into()).spawn(move || {
        for conn in listener.incoming() {
            if flag.load(Ordering::SeqCst) {
                break;
            }
            match conn {
                Ok(stream) => {
                    let store = store.clone();
                    let spawned = std::thread::Builder::new().name("mail-sink-conn".into()).spawn(move || {
                        if let Err(e) = serve(stream, store) {
                            tracing::debug!(error = %e, "mail sink: connection ended");
                        }
                    });
                    if let Err(e) = spawned {
                        tracing::warn!(error = %e, "mail sink: cannot start a connection thread");
                    }
                }
                Err(e) => tracing::warn!(error = %e, "mail sink: accept failed"),
            }
        }
    })?;
    Ok(SinkHandle { addr, dir: dir.to_owned(), stop })
}

/// Where and under which numbers messages are stored.
#[derive(Clone)]
struct Store {
    dir: PathBuf,
    seq: Arc<AtomicU64>,
}

impl Store {
    fn save(&self, recipients: &[String], message: &[u8]) -> io::Result<PathBuf> {
        let millis = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis());
        let seq = self.seq.fetch_add(1, Ordering::SeqCst);
        let name = format!("{millis}-{seq:06}.eml");
        let partial = self.dir.join(format!(".{name}.partial"));
        let mut file = BufWriter::new(fs::File::create(&partial)?);
        write!(file, "X-Ferrodesk-Rcpt: {}\r\n", recipients.join(", "))?;
        file.write_all(message)?;
        file.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        let path = self.dir.join(name);
        fs::rename(&partial, &path)?;
        Ok(path)
    }
}

/// One SMTP session's handler: collects the envelope and the data, stores at the end.
struct Collector {
    store: Store,
    recipients: Vec<String>,
    data: Vec<u8>,
}

impl Handler for Collector {
    fn data_start(&mut self, _domain: &str, _from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.recipients = to.to_vec();
        self.data.clear();
        mailin::response::OK
    }

    fn data(&mut self, buf: &[u8]) -> io::Result<()> {
        self.data.extend_from_slice(buf);
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        match self.store.save(&self.recipients, &self.data) {
            Ok(path) => {
                tracing::info!(to = ?self.recipients, file = %path.display(), "mail sink: message stored");
                mailin::response::OK
            }
            Err(e) => {
                tracing::error!(error = %e, "mail sink: cannot store a message");
                mailin::response::TRANSACTION_FAILED
            }
        }
    }
}

fn serve(stream: TcpStream, store: Store) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(300)))?;
    let remote = stream.peer_addr().map_or(IpAddr::from([127, 0, 0, 1]), |a| a.ip());
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = BufWriter::new(stream);
    let handler = Collector { store, recipients: Vec::new(), data: Vec::new() };
    let mut session = SessionBuilder::new("ferrodesk-mail-sink").build(remote, handler);
    session.greeting().write_to(&mut writer)?;
    writer.flush()?;
    let mut line = Vec::with_capacity(128);
    loop {
        line.clear();
        if reader.read_until(b'\n', &mut line)? == 0 {
            return Ok(());
        }
        let response = session.process(&line);
        match response.action {
            Action::NoReply => continue,
            Action::Reply | Action::UpgradeTls => {
                response.write_to(&mut writer)?;
                writer.flush()?;
            }
            Action::Close => {
                response.write_to(&mut writer)?;
                writer.flush()?;
                return Ok(());
            }
        }
    }
}
