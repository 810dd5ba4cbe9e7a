//! A minimal HTTP/1.0 JSON client over `std::net` for the benchmark's set-up calls
//! (logins, looking up ids); the load itself comes from `oha`.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use anyhow::{bail, Context, Result};
use serde_json::Value;

/// Sends a request (HTTP/1.0: no chunked replies) and returns status and JSON body.
pub fn call(addr: &str, method: &str, path: &str, token: Option<&str>, body: Option<&Value>) -> Result<(u16, Value)> {
    let socket: SocketAddr = addr.parse().with_context(|| format!("bad address {addr}"))?;
    let mut stream = TcpStream::connect_timeout(&socket, Duration::from_secs(5))?;
    stream.set_read_timeout(Some(Duration::from_secs(60)))?;
    let body = body.map(Value::to_string).unwrap_or_default();
    let mut head = format!("{method} {path} HTTP/1.0\r\nHost: {addr}\r\nAccept: application/json\r\n");
    if let Some(token) = token {
        head.push_str(&format!("Authorization: Bearer {token}\r\n"));
    }
    if !body.is_empty() {
        head.push_str(&format!("Content-Type: application/json\r\nContent-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes())?;
    stream.write_all(body.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    let text = String::from_utf8_lossy(&raw);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split_whitespace().nth(1).and_then(|s| s.parse().ok()).context("no HTTP status")?;
    let json = if body.trim().is_empty() { Value::Null } else { serde_json::from_str(body).unwrap_or(Value::Null) };
    Ok((status, json))
}

/// `call`, failing unless the status is 2xx; returns the envelope's `data`.
pub fn data(addr: &str, method: &str, path: &str, token: Option<&str>, body: Option<&Value>) -> Result<Value> {
    let (status, json) = call(addr, method, path, token, body)?;
    if !(200..300).contains(&status) {
        bail!("{method} {path}: HTTP {status}: {json}");
    }
    Ok(json.get("data").cloned().unwrap_or(Value::Null))
}

/// Signs in and returns the access token.
pub fn login(addr: &str, email: &str, password: &str) -> Result<String> {
    let body = serde_json::json!({"email": email, "password": password});
    let data =
        data(addr, "POST", "/api/v1/auth/login", None, Some(&body)).with_context(|| format!("signing in {email}"))?;
    data.get("accessToken").and_then(Value::as_str).map(str::to_owned).context("login answer has no accessToken")
}
