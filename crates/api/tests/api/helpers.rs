//! The test harness: every test gets a fresh database copied from a template that
//! holds the migrations and the demo data, and the real application (all middleware)
//! connected as the non-owner role `ferrodesk_app`, so RLS applies as in production
//! ([`spawn_as`] serves as the owner instead, for the tests of the queries' own
//! organisation filters).
//!
//! `FERRODESK_TEST_DATABASE_URL` names a role that may create databases (set by
//! `cargo xtask test`); leftover `ferrodesk_test_%` databases are dropped by xtask.

use std::str::FromStr;
use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::test::{self, TestRequest};
use ferrodesk_api::app::config::Settings;
use ferrodesk_api::app::startup;
use ferrodesk_api::platform::clock::{Clock, SystemClock};
use ferrodesk_api::platform::db;
use ferrodesk_api::seed;
use serde_json::Value;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, PgConnection, PgPool};
use uuid::Uuid;

pub const TEMPLATE: &str = "ferrodesk_test_template";

/// The template's name for the current migrations: `TEMPLATE` and a digest of their
/// versions and checksums, so a template built before a migration was added or changed
/// is never reused (an older one is simply left for xtask to drop).
pub fn template_name() -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for m in db::MIGRATOR.iter() {
        (m.version, &m.checksum[..]).hash(&mut h);
    }
    format!("{TEMPLATE}_{:016x}", h.finish())
}
pub const PASSWORD: &str = seed::DEMO_PASSWORD;
pub const EMMA: &str = "emma.clarke@riverside-hospital.example";
pub const PRIYA: &str = "priya.shah@riverside-hospital.example";
pub const TOM: &str = "tom.becker@riverside-hospital.example";
pub const ALEX: &str = "alex.morgan@riverside-hospital.example";
pub const LIAM: &str = "liam.hughes@riverside-hospital.example";
pub const LENA: &str = "lena.fischer@northgate-logistics.example";

fn admin_options() -> PgConnectOptions {
    let url = std::env::var("FERRODESK_TEST_DATABASE_URL")
        .unwrap_or_else(|_| "postgres://ferrodesk:ferrodesk@127.0.0.1:55432/postgres".into());
    PgConnectOptions::from_str(&url).expect("FERRODESK_TEST_DATABASE_URL is a postgres URL").disable_statement_logging()
}

/// Builds the template once (across processes, under an advisory lock).
async fn ensure_template(admin: &mut PgConnection, template: &str) {
    sqlx::query("SELECT pg_advisory_lock(20261121)").execute(&mut *admin).await.expect("lock");
    let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)")
        .bind(template)
        .fetch_one(&mut *admin)
        .await
        .expect("query");
    if !exists {
        let building = format!("{template}_building");
        sqlx::query(&format!("DROP DATABASE IF EXISTS {building}")).execute(&mut *admin).await.expect("drop");
        sqlx::query(&format!("CREATE DATABASE {building}")).execute(&mut *admin).await.expect("create");
        let pool = PgPoolOptions::new()
            .max_connections(2)
            .connect_with(admin_options().database(&building))
            .await
            .expect("connect");
        db::MIGRATOR.run(&pool).await.expect("migrate");
        seed::demo(&pool).await.expect("seed");
        pool.close().await;
        sqlx::query(&format!("ALTER DATABASE {building} RENAME TO {template}"))
            .execute(&mut *admin)
            .await
            .expect("publish");
    }
    sqlx::query("SELECT pg_advisory_unlock(20261121)").execute(&mut *admin).await.expect("unlock");
}

/// The application under test as the helpers see it: an actix service answering
/// requests with bodies of type `B` (for helper functions' bounds).
pub trait AppService<B>: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error> {}

impl<S, B> AppService<B> for S where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>
{
}

/// A running application on a fresh database.
pub struct TestApp<S> {
    pub service: S,
    /// A pool of the role `ferrodesk_app` (the API's, unless spawned with
    /// [`ServeAs::Owner`]).
    pub pool: PgPool,
    /// An owner connection pool to the same database, for assertions behind the API.
    pub owner: PgPool,
    /// The URL of the owner role on this database (what `ferrodesk migrate` takes).
    pub owner_url: String,
}

/// The role the application under test connects as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ServeAs {
    /// `ferrodesk_app`, as in production: RLS applies.
    App,
    /// The tables' owner, which RLS does not restrict (what `ferrodesk serve` refuses):
    /// only the queries' own organisation filters keep tenants apart.
    Owner,
}

/// A response: status, JSON body (Null when empty) and headers.
pub struct Reply {
    pub status: StatusCode,
    pub body: Value,
    pub headers: actix_web::http::header::HeaderMap,
}

impl Reply {
    /// `error.code` of an error envelope.
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or_default()
    }

    /// `data` decoded into the wire type the API declares for it (a shared-types
    /// type), so a renamed or retyped wire field fails the test where it is read
    /// instead of reading as null. Panics with the body when it does not decode.
    pub fn data<T: serde::de::DeserializeOwned>(&self) -> T {
        serde_json::from_value(self.body["data"].clone())
            .unwrap_or_else(|e| panic!("data is not a {}: {e}: {}", std::any::type_name::<T>(), self.body))
    }

    /// The `error` of an error envelope, decoded into the shared-types type.
    pub fn error(&self) -> shared_types::ApiError {
        serde_json::from_value(self.body["error"].clone())
            .unwrap_or_else(|e| panic!("error is not an ApiError: {e}: {}", self.body))
    }

    /// The value of a `Set-Cookie` for `ferrodesk_refresh`, if any.
    pub fn refresh_cookie(&self) -> Option<String> {
        self.headers.get_all("set-cookie").filter_map(|v| v.to_str().ok()).find_map(|c| {
            c.strip_prefix("ferrodesk_refresh=").map(|rest| rest.split(';').next().unwrap_or_default().to_owned())
        })
    }
}

/// Starts the application on a new database copied from the template.
pub async fn spawn(
) -> TestApp<impl Service<actix_http::Request, Response = ServiceResponse<impl MessageBody>, Error = actix_web::Error>>
{
    spawn_with(&[], Arc::new(SystemClock)).await
}

/// Like [`spawn`], with more settings (environment variable, value), e.g.
/// `FERRODESK_SMTP_URL`, and the given clock (a `FixedClock` the test moves).
pub async fn spawn_with(
    env: &[(&str, &str)],
    clock: Arc<dyn Clock>,
) -> TestApp<impl Service<actix_http::Request, Response = ServiceResponse<impl MessageBody>, Error = actix_web::Error>>
{
    spawn_as(env, clock, ServeAs::App).await
}

/// Like [`spawn_with`], with the application connected as `serve_as`.
pub async fn spawn_as(
    env: &[(&str, &str)],
    clock: Arc<dyn Clock>,
    serve_as: ServeAs,
) -> TestApp<impl Service<actix_http::Request, Response = ServiceResponse<impl MessageBody>, Error = actix_web::Error>>
{
    let mut admin = PgConnection::connect_with(&admin_options())
        .await
        .expect("PostgreSQL is not reachable: run `cargo xtask test`, or start it with `cargo xtask db`");
    let template = template_name();
    ensure_template(&mut admin, &template).await;
    let name = format!("ferrodesk_test_{}", Uuid::new_v4().simple());
    sqlx::query(&format!("CREATE DATABASE {name} TEMPLATE {template}")).execute(&mut admin).await.expect("create db");
    admin.close().await.ok();
    let app_password = std::env::var("FERRODESK_TEST_APP_PASSWORD").unwrap_or_else(|_| "ferrodesk_app".into());
    let app_opts = admin_options().database(&name).username("ferrodesk_app").password(&app_password);
    let owner_opts = admin_options().database(&name);
    let owner_url = owner_opts.to_url_lossy().to_string();
    let pool = PgPoolOptions::new().max_connections(5).connect_with(app_opts).await.expect("app role connects");
    let owner = PgPoolOptions::new().max_connections(2).connect_with(owner_opts).await.expect("owner");
    let lookup = |k: &str| match k {
        "DATABASE_URL" => Some("unused".to_owned()),
        _ => env.iter().find(|(key, _)| *key == k).map(|(_, v)| (*v).to_owned()),
    };
    let settings = Settings::from_lookup(lookup).expect("settings");
    let served = match serve_as {
        ServeAs::App => pool.clone(),
        ServeAs::Owner => owner.clone(),
    };
    let state = startup::state(served, &settings, clock);
    let service = test::init_service(startup::app(state, &settings.allowed_origins)).await;
    TestApp { service, pool, owner, owner_url }
}

impl<S, B> TestApp<S>
where
    S: Service<actix_http::Request, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    /// Sends a request and reads the reply.
    pub async fn send(&self, req: TestRequest) -> Reply {
        let res = test::call_service(&self.service, req.to_request()).await;
        let status = res.status();
        let headers = res.headers().clone();
        let bytes = test::read_body(res).await;
        let body = if bytes.is_empty() { Value::Null } else { serde_json::from_slice(&bytes).unwrap_or(Value::Null) };
        Reply { status, body, headers }
    }

    /// GET with a bearer token.
    pub async fn get(&self, path: &str, token: &str) -> Reply {
        self.send(TestRequest::get().uri(path).insert_header(("Authorization", format!("Bearer {token}")))).await
    }

    /// POST JSON with a bearer token.
    pub async fn post(&self, path: &str, token: &str, body: Value) -> Reply {
        let req =
            TestRequest::post().uri(path).insert_header(("Authorization", format!("Bearer {token}"))).set_json(body);
        self.send(req).await
    }

    /// Signs in; returns the full reply.
    pub async fn login_reply(&self, email: &str, password: &str) -> Reply {
        let body = serde_json::json!({"email": email, "password": password});
        self.send(TestRequest::post().uri("/api/v1/auth/login").set_json(body)).await
    }

    /// Signs in with the demo password; returns the access token.
    pub async fn login(&self, email: &str) -> String {
        let r = self.login_reply(email, PASSWORD).await;
        assert_eq!(r.status, StatusCode::OK, "login {email}: {}", r.body);
        r.body["data"]["accessToken"].as_str().expect("token").to_owned()
    }

    /// The id of a service item by name (through the API, as `token`).
    pub async fn item_id(&self, token: &str, name: &str) -> String {
        let r = self.get("/api/v1/service-catalog", token).await;
        let cats = r.body["data"]["categories"].as_array().cloned().unwrap_or_default();
        cats.iter()
            .flat_map(|c| c["items"].as_array().cloned().unwrap_or_default())
            .find(|i| i["name"] == name)
            .and_then(|i| i["id"].as_str().map(str::to_owned))
            .unwrap_or_else(|| panic!("no item {name}"))
    }

    /// `POST /auth/refresh` with a refresh cookie.
    pub async fn refresh(&self, cookie: &str) -> Reply {
        let req = TestRequest::post()
            .uri("/api/v1/auth/refresh")
            .insert_header(("Cookie", format!("ferrodesk_refresh={cookie}")));
        self.send(req).await
    }

    /// The id of the caller's pending approval on `ticket`.
    pub async fn pending_approval_id(&self, token: &str, ticket: &str) -> String {
        let r = self.get("/api/v1/approvals/pending", token).await;
        r.body["data"]
            .as_array()
            .expect("list")
            .iter()
            .find(|p| p["approval"]["ticketId"] == ticket)
            .and_then(|p| p["approval"]["id"].as_str().map(str::to_owned))
            .expect("an approval for the ticket")
    }
}
