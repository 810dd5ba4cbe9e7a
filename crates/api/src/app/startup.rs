//! Building the actix application and running the server.

use std::net::TcpListener;
use std::sync::Arc;

use actix_cors::Cors;
use actix_web::body::MessageBody;
use actix_web::dev::{Server, ServiceFactory, ServiceRequest, ServiceResponse};
use actix_web::http::header;
use actix_web::middleware::{from_fn, Compress};
use actix_web::{web, App, HttpServer};
use secrecy::ExposeSecret;
use sqlx::postgres::PgPoolOptions;
use sqlx::PgPool;
use utoipa_swagger_ui::SwaggerUi;

use crate::app::config::Settings;
use crate::platform::auth::jwt::JwtKeys;
use crate::platform::clock::{Clock, SystemClock};
use crate::platform::error;
use crate::platform::state::AppState;

/// State for `settings` over `pool`, with `clock`.
pub fn state(pool: PgPool, settings: &Settings, clock: Arc<dyn Clock>) -> AppState {
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    AppState {
        pool,
        clock,
        jwt: Arc::new(JwtKeys::new(settings.jwt_secret.expose_secret().as_bytes())),
        cookie_secure: settings.cookie_secure,
        hashing: Arc::new(tokio::sync::Semaphore::new(cores)),
        app_url: Arc::from(settings.app_url.as_str()),
        trusted_proxies: Arc::from(settings.trusted_proxies.as_slice()),
    }
}

fn cors(origins: &[String]) -> Cors {
    origins
        .iter()
        .fold(Cors::default(), |c, o| c.allowed_origin(o))
        .allowed_methods(["GET", "POST", "PUT", "DELETE", "OPTIONS"])
        .allowed_headers([header::AUTHORIZATION, header::CONTENT_TYPE, header::IF_MATCH, header::ACCEPT])
        .allowed_header(crate::platform::request_id::HEADER)
        .expose_headers([header::ETAG, header::RETRY_AFTER])
        .expose_headers([crate::platform::request_id::HEADER])
        .supports_credentials()
        .max_age(3600)
}

/// The whole application: routes, Swagger UI, CORS for `origins`, JSON error
/// handlers, request ids.
pub fn app(
    state: AppState,
    origins: &[String],
) -> App<
    impl ServiceFactory<
        ServiceRequest,
        Config = (),
        Response = ServiceResponse<impl MessageBody>,
        Error = actix_web::Error,
        InitError = (),
    >,
> {
    // The document is served before the /api/v1 scope is mounted: actix matches in
    // registration order, and the scope would otherwise answer 404 for it.
    let document = web::Data::new(crate::app::openapi::document_json());
    let base = App::new()
        .app_data(web::Data::new(state))
        .app_data(web::PayloadConfig::new(crate::platform::input::BODY_LIMIT))
        .app_data(web::PathConfig::default().error_handler(error::path_error))
        .route("/api/v1/openapi.json", web::get().to(crate::app::spec::openapi_json))
        .app_data(document);
    let (app, _) = crate::app::openapi::mount(base);
    let ui_config = utoipa_swagger_ui::Config::from("/api/v1/openapi.json").persist_authorization(true);
    app.service(SwaggerUi::new("/swagger-ui/{_:.*}").config(ui_config))
        .default_service(web::to(crate::app::fallback::not_routed))
        .wrap(from_fn(crate::platform::compress_small::mark))
        .wrap(Compress::default())
        .wrap(from_fn(crate::platform::compress_small::unmark))
        .wrap(cors(origins))
        .wrap(from_fn(crate::platform::request_id::middleware))
}

/// Connects the pool as configured. Connections are not pinged before each use
/// (sqlx's `test_before_acquire`): that was one extra round trip per acquire, two per
/// authenticated request, for a failure the next query reports anyway.
pub async fn pool(settings: &Settings) -> sqlx::Result<PgPool> {
    PgPoolOptions::new()
        .max_connections(settings.db_pool_size)
        .test_before_acquire(false)
        .acquire_timeout(std::time::Duration::from_secs(5))
        .connect(settings.database_url())
        .await
}

/// Starts serving on `listener` (port 0 in tests).
pub fn serve(listener: TcpListener, state: AppState, origins: Vec<String>) -> std::io::Result<Server> {
    Ok(HttpServer::new(move || app(state.clone(), &origins)).on_connect(disable_nagle).listen(listener)?.run())
}

/// Sets `TCP_NODELAY` on each accepted connection. actix writes a response of more
/// than about 1 KiB in two writes; under Nagle's algorithm the second waited for the
/// client's delayed ACK (40 ms on Linux) on every kept-alive connection: a 1 ms list
/// request took 52 ms when it was not a connection's first (measured with oha).
fn disable_nagle(conn: &dyn std::any::Any, _: &mut actix_web::dev::Extensions) {
    if let Some(tcp) = conn.downcast_ref::<actix_web::rt::net::TcpStream>() {
        if let Err(e) = tcp.set_nodelay(true) {
            tracing::warn!(error = %e, "could not set TCP_NODELAY");
        }
    }
}

/// Spawns the job runner ([`crate::jobs::runner`]) with the handlers this process can
/// run: `mail.send` when `FERRODESK_SMTP_URL` is set (without it e-mail stays pending
/// in the outbox, for another instance or a later start to deliver).
pub fn start_job_runner(state: &AppState, settings: &Settings) -> Result<(), String> {
    let ctx = crate::jobs::Context { pool: state.pool.clone(), clock: state.clock.clone() };
    let mut runner = crate::jobs::runner::Runner::new(ctx);
    match settings.smtp_url() {
        Some(url) => {
            let mailer = crate::mail::Mailer::new(url, &settings.mail_from)?;
            tracing::info!(smtp = %url, from = %settings.mail_from, "e-mail delivery enabled");
            runner = runner.with(crate::mail::job::SendEmail(mailer));
        }
        None => tracing::info!("FERRODESK_SMTP_URL is not set: e-mail stays pending in the outbox"),
    }
    tracing::info!(kinds = ?runner.kinds(), "job runner started");
    actix_web::rt::spawn(runner.run());
    Ok(())
}

/// `ferrodesk serve`: connect, refuse a role row-level security would not restrict
/// ([`crate::platform::role_check`]), bind, run until stopped.
pub async fn run(settings: Settings) -> std::io::Result<()> {
    let pool = pool(&settings).await.map_err(std::io::Error::other)?;
    crate::platform::role_check::ensure_rls_applies(&pool).await.map_err(std::io::Error::other)?;
    let listener = TcpListener::bind(&settings.bind)?;
    tracing::info!(bind = %settings.bind, origins = ?settings.allowed_origins, "ferrodesk API listening");
    let state = state(pool, &settings, Arc::new(SystemClock));
    start_job_runner(&state, &settings).map_err(std::io::Error::other)?;
    serve(listener, state, settings.allowed_origins.clone())?.await
}
