//! Seed data: the demo organisations (`ferrodesk seed --demo`) and `create-admin`.
//! Runs as the tables' owner, one transaction per organisation, so a failed seed
//! leaves nothing half-written.

pub mod catalog_data;
pub mod generate;
pub mod org_data;
mod tickets;

use std::collections::HashMap;

use chrono::Utc;
use serde_json::json;
use sqlx::PgPool;
use uuid::Uuid;

pub use org_data::{email, DEMO_PASSWORD, HOSPITAL, LOGISTICS};

use crate::platform::audit;
use crate::platform::auth::password;
use crate::platform::db::Tx;

/// Errors while seeding.
pub type SeedResult<T> = Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// Ids of what was inserted for one organisation, by name.
pub struct Loaded {
    pub org: Uuid,
    pub departments: HashMap<&'static str, Uuid>,
    pub units: HashMap<&'static str, Uuid>,
    /// (id, role, unit name) by person name.
    pub people: HashMap<&'static str, (Uuid, &'static str, &'static str)>,
}

/// Loads both demo organisations unless the hospital exists; returns a summary.
pub async fn demo(pool: &PgPool) -> SeedResult<String> {
    let exists: bool = sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM organisations WHERE slug = $1)")
        .bind(HOSPITAL.slug)
        .fetch_one(pool)
        .await?;
    if exists {
        return Ok("demo data already present; nothing to do".into());
    }
    let mut summary = Vec::new();
    for (org, catalog, tickets) in
        [(&HOSPITAL, catalog_data::hospital(), 200usize), (&LOGISTICS, catalog_data::logistics(), 8usize)]
    {
        let mut tx: Tx = pool.begin().await?;
        let loaded = load_org(&mut tx, org).await?;
        let items = generate::catalog(&mut tx, &loaded, &catalog).await?;
        let n = tickets::generate(&mut tx, &loaded, &items, tickets, Utc::now()).await?;
        let entry = audit::Entry {
            organisation_id: loaded.org,
            actor_id: None,
            action: "seed.demo_loaded",
            entity_type: "organisation",
            entity_id: Some(loaded.org),
            changes: json!({"users": org.people.len(), "tickets": n}),
            at: Utc::now(),
        };
        audit::record(&mut tx, entry).await?;
        tx.commit().await?;
        summary.push(format!("{}: {} users, {} service items, {n} tickets", org.name, org.people.len(), items.len()));
    }
    Ok(summary.join("\n"))
}

/// Inserts the organisation, its departments, units, people (each with its own salted
/// hash of `DEMO_PASSWORD`) and unit managers.
async fn load_org(tx: &mut Tx, org: &org_data::Org) -> SeedResult<Loaded> {
    let org_id = Uuid::new_v4();
    sqlx::query("INSERT INTO organisations (id, name, slug) VALUES ($1, $2, $3)")
        .bind(org_id)
        .bind(org.name)
        .bind(org.slug)
        .execute(&mut **tx)
        .await?;
    let mut loaded = Loaded { org: org_id, departments: HashMap::new(), units: HashMap::new(), people: HashMap::new() };
    for (name, owner) in org.departments {
        let id = Uuid::new_v4();
        sqlx::query("INSERT INTO departments (id, organisation_id, name, is_service_owner) VALUES ($1, $2, $3, $4)")
            .bind(id)
            .bind(org_id)
            .bind(name)
            .bind(owner)
            .execute(&mut **tx)
            .await?;
        loaded.departments.insert(name, id);
    }
    for (name, dept, parent) in org.units {
        let id = Uuid::new_v4();
        sqlx::query(
            "INSERT INTO units (id, organisation_id, department_id, parent_id, name) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(org_id)
        .bind(loaded.departments.get(dept).copied().ok_or("unknown department")?)
        .bind(parent.and_then(|p| loaded.units.get(p).copied()))
        .bind(name)
        .execute(&mut **tx)
        .await?;
        loaded.units.insert(name, id);
    }
    for person in org.people {
        let id = Uuid::new_v4();
        let hash = password::hash_blocking(DEMO_PASSWORD)?;
        sqlx::query(
            "INSERT INTO users (id, organisation_id, email, name, role, unit_id, password_hash) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(org_id)
        .bind(email(person.name, org.domain))
        .bind(person.name)
        .bind(person.role)
        .bind(loaded.units.get(person.unit).copied())
        .bind(hash)
        .execute(&mut **tx)
        .await?;
        for unit in person.manages {
            sqlx::query("INSERT INTO unit_managers (organisation_id, unit_id, user_id) VALUES ($1, $2, $3)")
                .bind(org_id)
                .bind(loaded.units.get(unit).copied().ok_or("unknown unit")?)
                .bind(id)
                .execute(&mut **tx)
                .await?;
        }
        loaded.people.insert(person.name, (id, person.role, person.unit));
    }
    Ok(loaded)
}

/// Creates an admin in `organisation` (creating the organisation, with one
/// department and unit, when it does not exist). Fails if the e-mail is taken.
pub async fn create_admin(pool: &PgPool, organisation: &str, email: &str, name: &str, pass: &str) -> SeedResult<()> {
    if pass.chars().count() < 8 {
        return Err("the password needs at least 8 characters".into());
    }
    let hash = password::hash_blocking(pass)?;
    let mut tx = pool.begin().await?;
    let existing: Option<Uuid> = sqlx::query_scalar("SELECT id FROM organisations WHERE name = $1")
        .bind(organisation)
        .fetch_optional(&mut *tx)
        .await?;
    let org = match existing {
        Some(id) => id,
        None => {
            let id = Uuid::new_v4();
            let slug: String =
                organisation.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
            sqlx::query("INSERT INTO organisations (id, name, slug) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(organisation)
                .bind(format!("{slug}-{}", &id.simple().to_string()[..6]))
                .execute(&mut *tx)
                .await?;
            id
        }
    };
    sqlx::query("INSERT INTO users (id, organisation_id, email, name, role, password_hash) VALUES ($1, $2, $3, $4, 'admin', $5)")
        .bind(Uuid::new_v4())
        .bind(org)
        .bind(email.trim())
        .bind(name.trim())
        .bind(hash)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    Ok(())
}
