//! Revocation and its edges: changes to a person take effect on the next
//! request, the last admin stays, and parallel or forged sign-in attempts do not get
//! past the throttle.

use actix_web::http::StatusCode;
use actix_web::test::TestRequest;
use serde_json::{json, Value};

use crate::calls::call;
use crate::helpers::*;

async fn id_of<S, B>(app: &TestApp<S>, token: &str) -> String
where
    S: AppService<B>,
    B: actix_web::body::MessageBody,
{
    app.get("/api/v1/me", token).await.body["data"]["id"].as_str().expect("id").to_owned()
}

#[actix_web::test]
async fn deactivation_demotion_and_revoked_sessions_apply_to_the_next_request() {
    let app = spawn().await;
    let alex = app.login(ALEX).await;
    let tom = app.login(TOM).await;
    let priya = app.login(PRIYA).await;
    assert_eq!(app.get("/api/v1/users", &priya).await.status, StatusCode::OK, "a manager reads her units' people");
    let priya_id = id_of(&app, &priya).await;
    let demoted = call(&app, "put", &format!("/api/v1/users/{priya_id}"), &alex, &json!({"role": "requester"})).await;
    assert_eq!(demoted.status, StatusCode::OK);
    assert_eq!(
        app.get("/api/v1/users", &priya).await.status,
        StatusCode::FORBIDDEN,
        "her token acts with the new role"
    );

    let tom_id = id_of(&app, &tom).await;
    call(&app, "delete", &format!("/api/v1/users/{tom_id}"), &alex, &Value::Null).await;
    let r = app.get("/api/v1/tickets", &tom).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNAUTHORIZED, "UNAUTHENTICATED"), "deactivated: at once");

    let emma = app.login_reply(EMMA, PASSWORD).await;
    let access = emma.body["data"]["accessToken"].as_str().expect("token").to_owned();
    let cookie = emma.refresh_cookie().expect("cookie");
    app.send(
        TestRequest::post().uri("/api/v1/auth/logout").insert_header(("Cookie", format!("ferrodesk_refresh={cookie}"))),
    )
    .await;
    assert_eq!(app.get("/api/v1/me", &access).await.status, StatusCode::UNAUTHORIZED, "signed out: the token ends too");
}

#[actix_web::test]
async fn two_admins_demoting_each_other_at_once_leave_one_admin() {
    let app = spawn().await;
    let lena = app.login(LENA).await;
    let body = json!({"email": "second.admin@northgate-logistics.example", "name": "Second Admin", "role": "admin",
                      "password": "a second admin passphrase"});
    let second = app.post("/api/v1/users", &lena, body).await;
    let second_id = second.body["data"]["id"].as_str().expect("id").to_owned();
    let other = app.login_reply("second.admin@northgate-logistics.example", "a second admin passphrase").await;
    let other = other.body["data"]["accessToken"].as_str().expect("token").to_owned();
    let lena_id = id_of(&app, &lena).await;
    let demote = json!({"role": "technician"});
    let (path_a, path_b) = (format!("/api/v1/users/{second_id}"), format!("/api/v1/users/{lena_id}"));
    let (a, b) = tokio::join!(call(&app, "put", &path_a, &lena, &demote), call(&app, "put", &path_b, &other, &demote));
    let statuses = [a.status, b.status];
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1, "{statuses:?}: {} {}", a.body, b.body);
    let admins: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM users u JOIN users l ON l.organisation_id = u.organisation_id
         WHERE l.email = $1 AND u.role = 'admin' AND u.is_active",
    )
    .bind(LENA)
    .fetch_one(&app.owner)
    .await
    .expect("q");
    assert_eq!(admins, 1, "never zero admins");
}

fn login_from(email: &str, peer: &str, forwarded: &str) -> TestRequest {
    TestRequest::post()
        .uri("/api/v1/auth/login")
        .peer_addr(peer.parse().expect("addr"))
        .insert_header(("X-Forwarded-For", forwarded.to_owned()))
        .set_json(json!({"email": email, "password": "wrong password"}))
}

#[actix_web::test]
async fn parallel_guesses_get_only_the_free_attempts_checked() {
    let app = spawn().await;
    let attempts: Vec<_> =
        (0..30).map(|i| app.send(login_from(TOM, "10.1.1.1:4000", &format!("203.0.113.{i}")))).collect();
    let replies = futures_util::future::join_all(attempts).await;
    let checked = replies.iter().filter(|r| r.status == StatusCode::UNAUTHORIZED).count();
    let refused = replies.iter().filter(|r| r.status == StatusCode::TOO_MANY_REQUESTS).count();
    assert_eq!((checked, refused), (11, 19), "ten free failures and the one that blocks; the rest wait");
}

#[actix_web::test]
async fn a_forged_forwarded_header_does_not_change_the_client_address() {
    let app = spawn().await;
    for i in 0..51 {
        let r =
            app.send(login_from(&format!("spray{i}@example.org"), "10.2.2.2:4000", &format!("198.51.100.{i}"))).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
    }
    let r = app.send(login_from("spray-last@example.org", "10.2.2.2:4000", "198.51.100.250")).await;
    assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "still one client, whatever it claims");
}
