//! Request forms at ticket creation: picker values are checked against the caller's
//! organisation; conditional fields are required only while their condition holds.

use actix_web::http::StatusCode;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::*;

/// Saves form version 2 of `item` directly (as the template endpoint would).
async fn save_form(app: &TestApp<impl Sized>, item: &str, schema: Value) {
    let item: Uuid = item.parse().expect("item id");
    sqlx::query(
        "INSERT INTO service_item_forms (organisation_id, service_item_id, version, schema, created_at, created_by)
         SELECT organisation_id, id, 2, $2::json, now(), NULL FROM service_items WHERE id = $1",
    )
    .bind(item)
    .bind(schema.to_string())
    .execute(&app.owner)
    .await
    .expect("form saved");
}

async fn user_id(app: &TestApp<impl Sized>, email: &str) -> String {
    sqlx::query_scalar::<_, Uuid>("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&app.owner)
        .await
        .expect("user")
        .to_string()
}

fn picker_form() -> Value {
    json!({
        "type": "object",
        "required": ["peripheral", "forWhom"],
        "properties": {
            "peripheral": {"type": "string", "enum": ["Webcam", "USB headset"], "title": "Peripheral"},
            "forWhom": {"type": "string", "format": "uuid", "x-picker": "user", "title": "For whom"},
            "deliverTo": {"type": "string", "format": "uuid", "x-picker": "unit", "title": "Deliver to"},
            "urgent": {"type": "boolean", "title": "Urgent"}
        },
        "if": {"properties": {"urgent": {"const": true}}, "required": ["urgent"]},
        "then": {"properties": {"neededBy": {"type": "string", "format": "date", "title": "Needed by"}}, "required": ["neededBy"]}
    })
}

fn details(r: &Reply) -> Vec<(String, String)> {
    r.body["error"]["details"]
        .as_array()
        .map(|d| {
            d.iter()
                .map(|d| {
                    (
                        d["field"].as_str().unwrap_or_default().to_owned(),
                        d["message"].as_str().unwrap_or_default().to_owned(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[actix_web::test]
async fn picker_values_must_belong_to_the_organisation() {
    let app = spawn().await;
    let emma = app.login(EMMA).await;
    let item = app.item_id(&emma, "Monitor or peripheral").await;
    save_form(&app, &item, picker_form()).await;
    let file = |form: Value| json!({"serviceItemId": item, "title": "Headset", "formData": form});

    let lena = user_id(&app, LENA).await; // Northgate Logistics
    let r = app.post("/api/v1/tickets", &emma, file(json!({"peripheral": "Webcam", "forWhom": lena}))).await;
    assert_eq!((r.status, r.code()), (StatusCode::UNPROCESSABLE_ENTITY, "VALIDATION_ERROR"), "{}", r.body);
    assert_eq!(details(&r), [("formData.forWhom".to_owned(), "Choose a person from the list".to_owned())]);

    let northgate_unit: Uuid = sqlx::query_scalar(
        "SELECT u.id FROM units u JOIN users p ON p.organisation_id = u.organisation_id WHERE p.email = $1 LIMIT 1",
    )
    .bind(LENA)
    .fetch_one(&app.owner)
    .await
    .expect("unit");
    let priya = user_id(&app, PRIYA).await;
    let body = file(json!({"peripheral": "Webcam", "forWhom": priya, "deliverTo": northgate_unit}));
    let r = app.post("/api/v1/tickets", &emma, body).await;
    assert_eq!(details(&r), [("formData.deliverTo".to_owned(), "Choose a unit from the list".to_owned())]);

    let own_unit: Uuid = sqlx::query_scalar(
        "SELECT u.id FROM units u JOIN users p ON p.organisation_id = u.organisation_id WHERE p.email = $1 LIMIT 1",
    )
    .bind(EMMA)
    .fetch_one(&app.owner)
    .await
    .expect("unit");
    let body = file(json!({"peripheral": "Webcam", "forWhom": priya, "deliverTo": own_unit}));
    let r = app.post("/api/v1/tickets", &emma, body).await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["data"]["formVersion"], 2);
}

#[actix_web::test]
async fn deactivated_people_cannot_be_picked() {
    let app = spawn().await;
    let emma = app.login(EMMA).await;
    let item = app.item_id(&emma, "Monitor or peripheral").await;
    save_form(&app, &item, picker_form()).await;
    let tom = user_id(&app, TOM).await;
    sqlx::query("UPDATE users SET is_active = false WHERE email = $1").bind(TOM).execute(&app.owner).await.expect("q");
    let body = json!({"serviceItemId": item, "title": "Headset", "formData": {"peripheral": "Webcam", "forWhom": tom}});
    let r = app.post("/api/v1/tickets", &emma, body).await;
    assert_eq!(details(&r), [("formData.forWhom".to_owned(), "Choose a person from the list".to_owned())]);
}

#[actix_web::test]
async fn a_conditional_field_is_required_only_while_its_condition_holds() {
    let app = spawn().await;
    let emma = app.login(EMMA).await;
    let item = app.item_id(&emma, "Monitor or peripheral").await;
    save_form(&app, &item, picker_form()).await;
    let priya = user_id(&app, PRIYA).await;
    let file = |form: Value| json!({"serviceItemId": item, "title": "Headset", "formData": form});
    let r = app
        .post("/api/v1/tickets", &emma, file(json!({"peripheral": "Webcam", "forWhom": priya, "urgent": true})))
        .await;
    assert_eq!(details(&r), [("formData.neededBy".to_owned(), "Needed by is required".to_owned())]);
    let r = app
        .post("/api/v1/tickets", &emma, file(json!({"peripheral": "Webcam", "forWhom": priya, "urgent": false})))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    let r = app.post("/api/v1/tickets", &emma, file(json!({"forWhom": "someone"}))).await;
    assert_eq!(
        details(&r),
        [
            ("formData.peripheral".to_owned(), "Peripheral is required".to_owned()),
            ("formData.forWhom".to_owned(), "Choose a person from the list".to_owned())
        ]
    );
}
