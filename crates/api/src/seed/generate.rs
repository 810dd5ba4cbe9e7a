//! Inserting the demo catalog, and making valid form data for demo tickets.

use chrono::{DateTime, Duration, Utc};
use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::Rng;
use serde_json::{json, Map, Value};
use shared_types::forms::{self, FieldKind};
use uuid::Uuid;

use super::catalog_data::Category;
use super::{Loaded, SeedResult};
use crate::platform::db::Tx;

/// An inserted item, as ticket generation needs it.
pub struct SeededItem {
    pub id: Uuid,
    pub name: &'static str,
    pub kind: &'static str,
    pub priority: &'static str,
    pub unit: Option<Uuid>,
    pub sla: (i32, i32),
    pub rules: Vec<(&'static str, &'static str, bool)>,
    pub schema: Value,
}

/// Inserts categories, items, their first form versions and approval rules.
pub async fn catalog(tx: &mut Tx, org: &Loaded, cats: &[Category]) -> SeedResult<Vec<SeededItem>> {
    let mut out = Vec::new();
    for (cpos, c) in cats.iter().enumerate() {
        let cat_id = Uuid::new_v4();
        sqlx::query(
            "INSERT INTO service_categories (id, organisation_id, department_id, name, description, icon, position)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(cat_id)
        .bind(org.org)
        .bind(org.departments.get(c.department).copied())
        .bind(c.name)
        .bind(c.description)
        .bind(c.icon)
        .bind(cpos as i32)
        .execute(&mut **tx)
        .await?;
        for (ipos, i) in c.items.iter().enumerate() {
            crate::catalog::forms::rules::check_schema(&i.form)?;
            let id = Uuid::new_v4();
            let unit = org.units.get(i.unit).copied();
            sqlx::query(
                "INSERT INTO service_items (id, organisation_id, category_id, name, description, kind, default_priority,
                     fulfilment_unit_id, response_target_minutes, resolution_target_minutes, requires_approval, keywords, position)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)",
            )
            .bind(id)
            .bind(org.org)
            .bind(cat_id)
            .bind(i.name)
            .bind(i.description)
            .bind(i.kind)
            .bind(i.priority)
            .bind(unit)
            .bind(i.sla.0)
            .bind(i.sla.1)
            .bind(!i.rules.is_empty())
            .bind(i.keywords)
            .bind(ipos as i32)
            .execute(&mut **tx)
            .await?;
            // Bound as text and cast: sqlx sends Json as jsonb, which would sort the keys.
            sqlx::query("INSERT INTO service_item_forms (organisation_id, service_item_id, version, schema) VALUES ($1, $2, 1, $3::json)")
                .bind(org.org)
                .bind(id)
                .bind(i.form.to_string())
                .execute(&mut **tx)
                .await?;
            for (step, (role, scope, required)) in i.rules.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO approval_rules (id, organisation_id, service_item_id, step, approver_role, unit_scope, is_required)
                     VALUES ($1, $2, $3, $4, $5, $6, $7)",
                )
                .bind(Uuid::new_v4())
                .bind(org.org)
                .bind(id)
                .bind(step as i32 + 1)
                .bind(role)
                .bind(scope)
                .bind(required)
                .execute(&mut **tx)
                .await?;
            }
            out.push(SeededItem {
                id,
                name: i.name,
                kind: i.kind,
                priority: i.priority,
                unit,
                sla: i.sla,
                rules: i.rules.clone(),
                schema: i.form.clone(),
            });
        }
    }
    Ok(out)
}

const NOTES: &[&str] = &[
    "Needed for the new rota starting next month.",
    "The current one is over five years old and very slow.",
    "Agreed with my line manager last week.",
    "Happens several times a day, mostly during handover.",
];

/// Form data that satisfies `schema` (checked by the same validator the API uses).
pub fn form_data(schema: &Value, rng: &mut StdRng, created: DateTime<Utc>) -> SeedResult<Value> {
    let mut data = Map::new();
    for f in forms::fields(schema) {
        // Fields are read in order, so conditions on earlier ones are already decided.
        let so_far = Value::Object(data.clone());
        if !f.is_visible(&so_far) || (!f.is_required(&so_far) && rng.gen_bool(0.4)) {
            continue;
        }
        let pattern = schema["properties"][&f.name]["pattern"].as_str().unwrap_or_default();
        let value = match f.kind {
            FieldKind::Select => json!(f.options.choose(rng).cloned().unwrap_or_default()),
            FieldKind::MultiSelect => {
                let n = rng.gen_range(1..=f.options.len().clamp(1, 2));
                json!(f.options.choose_multiple(rng, n).cloned().collect::<Vec<_>>())
            }
            FieldKind::Date => json!((created + Duration::days(rng.gen_range(3..30))).format("%Y-%m-%d").to_string()),
            FieldKind::DateTime => json!((created + Duration::days(rng.gen_range(3..30))).to_rfc3339()),
            FieldKind::Uri => json!("https://intranet.riverside-hospital.example/"),
            // Picker values need the organisation's ids; demo forms have no pickers.
            FieldKind::UserPicker | FieldKind::UnitPicker => continue,
            FieldKind::Integer | FieldKind::Number => {
                let min = f.minimum.unwrap_or(1.0) as i64;
                let max = f.maximum.map_or(min + 3, |m| (m as i64).min(min + 3));
                json!(rng.gen_range(min..=max))
            }
            FieldKind::Checkbox => json!(rng.gen_bool(0.5)),
            FieldKind::TextArea => json!(NOTES.choose(rng).copied().unwrap_or_default()),
            FieldKind::Email | FieldKind::Text => json!(match pattern {
                "^RRH-[0-9]{6}$" => format!("RRH-{:06}", rng.gen_range(0..1_000_000)),
                "^[0-9]{4}$" => format!("{}", rng.gen_range(1000..9999)),
                "^[0-9]{4,5}$" => format!("{}", rng.gen_range(4000..49999)),
                _ => format!("{} {}", f.label, rng.gen_range(1..40)),
            }),
        };
        data.insert(f.name.clone(), value);
    }
    let data = Value::Object(data);
    match crate::catalog::forms::rules::validate(schema, &data)? {
        Ok(()) => Ok(data),
        Err(errors) => Err(format!("generated form data is invalid: {errors:?}").into()),
    }
}
