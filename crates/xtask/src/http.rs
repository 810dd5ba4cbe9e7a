//! A minimal HTTP/1.1 GET over `std::net`, to wait until a server answers.

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::thread::sleep;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};

use crate::process;
use crate::service::Service;

/// Sends `GET path` to `addr` and returns the response's status code.
pub fn get_status(addr: SocketAddr, path: &str) -> std::io::Result<u16> {
    let mut stream = TcpStream::connect_timeout(&addr, Duration::from_secs(1))?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    stream.set_write_timeout(Some(Duration::from_secs(5)))?;
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {addr}\r\nAccept: */*\r\nConnection: close\r\n\r\n")?;
    let mut status_line = String::new();
    BufReader::new(stream).read_line(&mut status_line)?;
    status_line
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| std::io::Error::other(format!("bad status line {status_line:?}")))
}

/// Polls `http://addr{path}` until it answers 200; fails if `service` exits, on
/// Ctrl-C, or after `timeout`.
pub fn wait_until_ok(service: &mut Service, addr: &str, path: &str, timeout: Duration) -> Result<()> {
    let socket: SocketAddr = addr.parse().with_context(|| format!("bad address {addr}"))?;
    let started = Instant::now();
    loop {
        if let Some(status) = service.exited() {
            service.print_log();
            bail!("{} exited ({status}) before http://{addr}{path} answered", service.name());
        }
        process::check_interrupted()?;
        let last = match get_status(socket, path) {
            Ok(200) => {
                println!("    http://{addr}{path} is up after {:.1}s", started.elapsed().as_secs_f64());
                return Ok(());
            }
            Ok(code) => format!("HTTP {code}"),
            Err(err) => err.to_string(),
        };
        if started.elapsed() > timeout {
            service.print_log();
            bail!("http://{addr}{path} did not answer 200 within {timeout:?} (last: {last})");
        }
        sleep(Duration::from_millis(250));
    }
}
