//! `GET /tickets` reads each set of the caller's scope by its own index
//! (tickets/queries/list.rs). These tests hold the list to the single-predicate rule of
//! `GET /tickets/{id}`: the same tickets, newest first, each once, with a count that
//! is exact up to the cap.

use std::collections::HashSet;

use serde_json::Value;

use crate::helpers::*;

/// Every ticket id of the caller's list, walked by cursor.
async fn walk<S, B>(app: &TestApp<S>, token: &str, filter: &str) -> Vec<String>
where
    S: AppService<B>,
    B: actix_web::body::MessageBody,
{
    let mut ids = Vec::new();
    let mut times: Vec<String> = Vec::new();
    let mut cursor = String::new();
    loop {
        let r = app.get(&format!("/api/v1/tickets?limit=7{filter}{cursor}"), token).await;
        for t in r.body["data"].as_array().expect("list") {
            ids.push(t["id"].as_str().expect("id").to_owned());
            times.push(t["createdAt"].as_str().expect("createdAt").to_owned());
        }
        match r.body["pagination"]["nextCursor"].as_str() {
            Some(c) => cursor = format!("&cursor={c}"),
            None => break,
        }
    }
    assert!(times.windows(2).all(|w| w[0] >= w[1]), "newest first");
    ids
}

fn ids(rows: &Value) -> Vec<String> {
    rows.as_array().expect("list").iter().map(|t| t["id"].as_str().expect("id").to_owned()).collect()
}

#[actix_web::test]
async fn each_role_lists_exactly_the_tickets_it_may_open() {
    let app = spawn().await;
    let all: Vec<uuid::Uuid> = sqlx::query_scalar(
        "SELECT t.id FROM tickets t JOIN organisations o ON o.id = t.organisation_id
         WHERE o.slug = 'riverside-hospital'",
    )
    .fetch_all(&app.owner)
    .await
    .expect("ids");
    assert!(all.len() >= 200);
    // Sets the demo data leaves empty: a ticket assigned to Tom outside his queue, and
    // one Priya is asked to approve from outside her units.
    let setup = [
        "UPDATE tickets SET assigned_to = (SELECT id FROM users WHERE email = $1), fulfilment_unit_id = NULL
         WHERE id = (SELECT t.id FROM tickets t JOIN users u ON u.id = t.created_by
                     WHERE u.email = 'william.chen@riverside-hospital.example' ORDER BY t.id LIMIT 1)",
        "INSERT INTO approval_requests (id, organisation_id, ticket_id, step, approver_id, is_required, created_at)
         SELECT gen_random_uuid(), t.organisation_id, t.id, 9, (SELECT id FROM users WHERE email = $1), true, now()
         FROM tickets t JOIN users u ON u.id = t.created_by
         WHERE u.email = 'william.chen@riverside-hospital.example' ORDER BY t.id DESC LIMIT 1",
    ];
    for (sql, who) in setup.into_iter().zip([TOM, PRIYA]) {
        let done = sqlx::query(sql).bind(who).execute(&app.owner).await.expect("setup");
        assert_eq!(done.rows_affected(), 1, "{sql}");
    }
    for who in [EMMA, TOM, PRIYA, LIAM] {
        let token = app.login(who).await;
        let mut readable = HashSet::new();
        for id in &all {
            if app.get(&format!("/api/v1/tickets/{id}"), &token).await.status.is_success() {
                readable.insert(id.to_string());
            }
        }
        let listed = walk(&app, &token, "").await;
        let unique: HashSet<String> = listed.iter().cloned().collect();
        assert_eq!(unique.len(), listed.len(), "{who}: a ticket listed twice");
        assert_eq!(unique, readable, "{who}: the list and the detail rule disagree");
        let first = app.get("/api/v1/tickets?limit=7", &token).await;
        assert_eq!(first.body["pagination"]["total"], listed.len(), "{who}: total");
        assert_eq!(first.body["pagination"]["totalCapped"], false);

        // Offset pages agree with cursor pages.
        let mut by_offset = Vec::new();
        for page in 1.. {
            let r = app.get(&format!("/api/v1/tickets?limit=7&page={page}"), &token).await;
            let rows = ids(&r.body["data"]);
            if rows.is_empty() {
                assert_eq!(r.body["pagination"]["total"], listed.len(), "{who}: total past the end");
                break;
            }
            by_offset.extend(rows);
        }
        assert_eq!(by_offset, listed, "{who}: offset and cursor paging differ");

        // A filter applies to every set of the scope.
        let open = walk(&app, &token, "&status=open").await;
        let expected: Vec<String> = {
            let mut v = Vec::new();
            for id in &listed {
                let t = app.get(&format!("/api/v1/tickets/{id}"), &token).await;
                if t.body["data"]["ticket"]["status"] == "open" {
                    v.push(id.clone());
                }
            }
            v
        };
        assert_eq!(open, expected, "{who}: status filter ({} vs {})", open.len(), expected.len());
    }
}

#[actix_web::test]
async fn counting_stops_at_the_cap() {
    let app = spawn().await;
    let cap = ferrodesk_api::tickets::queries::COUNT_CAP;
    // Copies of one of Emma's tickets, so Emma has more than the cap, all `low`.
    sqlx::query(
        "INSERT INTO tickets (id, organisation_id, number, title, description, status, priority, service_item_id,
                              form_version, form_data, created_by, fulfilment_unit_id, created_at, updated_at)
         SELECT gen_random_uuid(), t.organisation_id, 100000 + g, t.title, t.description, 'open', 'low',
                t.service_item_id, t.form_version, t.form_data, t.created_by, t.fulfilment_unit_id,
                t.created_at - g * interval '1 minute', t.updated_at
         FROM (SELECT t.* FROM tickets t JOIN users u ON u.id = t.created_by WHERE u.email = $1 LIMIT 1) t,
              generate_series(1, $2) g",
    )
    .bind(EMMA)
    .bind(cap + 5)
    .execute(&app.owner)
    .await
    .expect("copies");
    let emma = app.login(EMMA).await;
    let capped = app.get("/api/v1/tickets?limit=50", &emma).await;
    let p = &capped.body["pagination"];
    assert_eq!((p["total"].as_i64(), p["totalCapped"].as_bool()), (Some(cap), Some(true)), "{p}");
    assert_eq!(p["totalPages"], cap / 50);
    assert!(p["nextCursor"].is_string(), "paging goes on past the cap");
    let exact = app.get("/api/v1/tickets?limit=50&priority=high", &emma).await;
    let own_high: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM tickets t JOIN users u ON u.id = t.created_by WHERE u.email = $1 AND t.priority = 'high'",
    )
    .bind(EMMA)
    .fetch_one(&app.owner)
    .await
    .expect("count");
    assert_eq!(exact.body["pagination"]["total"], own_high, "a filtered count under the cap is exact");
    assert_eq!(exact.body["pagination"]["totalCapped"], false);
}

/// Copies one of `email`'s tickets `n` times with `word` in the title, `age_minutes`
/// older than now and one minute apart.
async fn copies_with_word(owner: &sqlx::PgPool, email: &str, word: &str, n: i64, first_number: i64, age_minutes: i64) {
    sqlx::query(
        "INSERT INTO tickets (id, organisation_id, number, title, description, status, priority, service_item_id,
                              form_version, form_data, created_by, fulfilment_unit_id, created_at, updated_at)
         SELECT gen_random_uuid(), t.organisation_id, $3 + g, $2 || ' ' || g, '', 'open', 'low', t.service_item_id,
                t.form_version, t.form_data, t.created_by, t.fulfilment_unit_id,
                now() - ($5 + g) * interval '1 minute', now()
         FROM (SELECT t.* FROM tickets t JOIN users u ON u.id = t.created_by WHERE u.email = $1 LIMIT 1) t,
              generate_series(1, $4) g",
    )
    .bind(email)
    .bind(word)
    .bind(first_number)
    .bind(n)
    .bind(age_minutes)
    .execute(owner)
    .await
    .expect("copies");
}

#[actix_web::test]
async fn searches_past_the_window_page_and_count_correctly() {
    let app = spawn().await;
    let window = ferrodesk_api::tickets::queries::SEARCH_WINDOW;
    // More matches than the window, all newer than Emma's few.
    copies_with_word(&app.owner, "william.chen@riverside-hospital.example", "zebrafinch", window + 60, 200_000, 0)
        .await;
    copies_with_word(&app.owner, EMMA, "zebrafinch", 10, 300_000, 10_000).await;

    let alex = app.login(ALEX).await;
    let first = app.get("/api/v1/tickets?limit=50&q=zebrafinch", &alex).await;
    let p = &first.body["pagination"];
    assert_eq!((p["total"].as_i64(), p["totalCapped"].as_bool()), (Some(window), Some(true)), "{p}");
    let all = walk(&app, &alex, "&q=zebrafinch").await;
    assert_eq!(all.len() as i64, window + 70, "cursor pages reach past the window");
    assert_eq!(all.iter().collect::<HashSet<_>>().len(), all.len());
    let deep = app.get("/api/v1/tickets?limit=50&page=6&q=zebrafinch", &alex).await;
    assert_eq!(ids(&deep.body["data"]), all[250..].to_vec(), "offset pages too");
    let p = &deep.body["pagination"];
    assert!(p["total"].as_i64() >= Some(270) && p["totalPages"].as_i64() >= Some(6), "a lower bound: {p}");

    // Exactly a window's worth of matches is counted exactly.
    copies_with_word(&app.owner, EMMA, "wren", window, 400_000, 20_000).await;
    let exact = app.get("/api/v1/tickets?limit=50&q=wren", &alex).await;
    let p = &exact.body["pagination"];
    assert_eq!((p["total"].as_i64(), p["totalCapped"].as_bool()), (Some(window), Some(false)), "{p}");

    // Emma's matches are all older than the window: the page is filled from every match.
    let emma = app.login(EMMA).await;
    let mine = app.get("/api/v1/tickets?limit=50&q=zebrafinch", &emma).await;
    assert_eq!(mine.body["data"].as_array().map(Vec::len), Some(10));
    let p = &mine.body["pagination"];
    assert_eq!((p["total"].as_i64(), p["totalCapped"].as_bool()), (Some(10), Some(false)), "{p}");
}
