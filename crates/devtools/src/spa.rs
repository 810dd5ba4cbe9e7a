//! `ferrodesk-dev spa`: a small static host for the SPA bundle (`dist/`) in development;
//! unknown paths get `index.html` so client-side routes survive a reload. Production
//! serves `dist/` from any static host (docker-compose uses nginx).

use std::path::PathBuf;

use actix_files::{Files, NamedFile};
use actix_web::dev::{fn_service, ServiceRequest, ServiceResponse};
use actix_web::{App, HttpServer};

/// Serves `dir` on `bind` until stopped.
pub async fn run(dir: PathBuf, bind: String) -> std::io::Result<()> {
    let index = dir.join("index.html");
    if !index.is_file() {
        return Err(std::io::Error::other(format!("{} has no index.html: build the SPA first", dir.display())));
    }
    tracing::info!(dir = %dir.display(), %bind, "serving the SPA");
    HttpServer::new(move || {
        let index = index.clone();
        App::new().service(Files::new("/", dir.clone()).index_file("index.html").default_handler(fn_service(
            move |req: ServiceRequest| {
                let index = index.clone();
                async move {
                    let (req, _) = req.into_parts();
                    let file = NamedFile::open_async(index).await?;
                    Ok(ServiceResponse::new(req.clone(), file.into_response(&req)))
                }
            },
        )))
    })
    .bind(bind)?
    .run()
    .await
}
