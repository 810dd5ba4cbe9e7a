//! Organisation sign-up (`POST /auth/register`): a new
//! organisation, its first admin and a default structure, in one transaction; then the
//! admin is signed in.

use serde_json::json;
use shared_types::events::{DomainEvent, EntryChanged, UnitManagerChanged, UserCreated};
use shared_types::{FieldError, LoginRequest, RegisterRequest, Role};
use uuid::Uuid;

use crate::accounts::password_policy;
use crate::accounts::queries::organisations;
use crate::accounts::session as auth;
use crate::accounts::session::Session;
use crate::people::queries::accounts;
use crate::people::rules as people;
use crate::people::service::email_taken;
use crate::platform::auth::password;
use crate::platform::error::{AppError, AppResult};
use crate::platform::input;
use crate::platform::state::AppState;
use crate::platform::{audit, db, events as event_log};

/// The department every new organisation starts with (it owns services).
pub const DEFAULT_DEPARTMENT: &str = "General";
/// The unit every new organisation starts with; the first admin is in it and manages it.
pub const DEFAULT_UNIT: &str = "Service Desk";

/// A URL-friendly name: lower-case ASCII letters and digits, runs of anything else as
/// one `-`, at most 48 characters; `organisation` when nothing is left.
pub fn slug_of(name: &str) -> String {
    let mut slug = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 48 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    if slug.is_empty() {
        "organisation".to_owned()
    } else {
        slug.to_owned()
    }
}

/// The cleaned fields, or 422 naming every invalid one.
fn validate(req: &RegisterRequest) -> AppResult<(String, String, String)> {
    let mut details = Vec::new();
    let mut check = |field: &str, r: Result<String, String>| {
        r.map_err(|message| details.push(FieldError { field: field.to_owned(), message })).ok()
    };
    let org = check("organisationName", people::clean_name("Organisation name", &req.organisation_name));
    let name = check("name", people::clean_name("Name", &req.name));
    let email = check("email", people::clean_email(&req.email));
    let pw = password_policy::check("password", &req.password).err();
    if let Some(AppError::Api { details: d, .. }) = pw {
        details.extend(d);
    }
    match (org, name, email) {
        (Some(o), Some(n), Some(e)) if details.is_empty() => Ok((o, n, e)),
        _ => Err(AppError::validation(details)),
    }
}

/// Registers an organisation with `req.name` as its admin, in the unit
/// [`DEFAULT_UNIT`] of department [`DEFAULT_DEPARTMENT`], which it manages. 422 for
/// empty names, a malformed e-mail or a weak password; 409 `CONFLICT` when the e-mail
/// has an account in any organisation. Returns the admin's session, as sign-in does.
pub async fn register(state: &AppState, req: RegisterRequest, user_agent: Option<String>) -> AppResult<Session> {
    input::validate(&req)?;
    let (org_name, name, email) = validate(&req)?;
    let taken: bool = sqlx::query_scalar("SELECT email_taken($1)").bind(&email).fetch_one(&state.pool).await?;
    if taken {
        return Err(email_taken());
    }
    let hash = password::hash(state, req.password.clone()).await?;
    let now = state.clock.now();
    let org = Uuid::new_v4();
    let mut tx = db::begin_org(&state.pool, org).await?;
    let base = slug_of(&org_name);
    let mut slug = base.clone();
    while !organisations::insert(&mut tx, org, &org_name, &slug, now).await? {
        slug = format!("{base}-{}", &Uuid::new_v4().simple().to_string()[..6]);
    }
    let department = organisations::insert_department(&mut tx, org, DEFAULT_DEPARTMENT, true).await?;
    let unit = organisations::insert_unit(&mut tx, org, department, DEFAULT_UNIT).await?;
    let admin = Uuid::new_v4();
    let user = accounts::NewUser {
        id: admin,
        organisation_id: org,
        email: &email,
        name: &name,
        role: Role::Admin,
        unit_id: Some(unit),
        password_hash: &hash,
        now,
    };
    accounts::insert(&mut tx, user).await.map_err(|e| {
        if accounts::is_email_conflict(&e) {
            email_taken()
        } else {
            e.into()
        }
    })?;
    organisations::insert_manager(&mut tx, org, unit, admin).await?;
    let entry = audit::Entry {
        organisation_id: org,
        actor_id: Some(admin),
        action: "organisation.registered",
        entity_type: "organisation",
        entity_id: Some(org),
        changes: json!({"name": org_name, "slug": slug, "adminId": admin, "email": email}),
        at: now,
    };
    audit::record(&mut tx, entry).await?;
    let happened = [
        DomainEvent::DepartmentCreated(EntryChanged { id: department, name: Some(DEFAULT_DEPARTMENT.to_owned()) }),
        DomainEvent::UnitCreated(EntryChanged { id: unit, name: Some(DEFAULT_UNIT.to_owned()) }),
        DomainEvent::UserCreated(UserCreated { user_id: admin, role: Role::Admin }),
        DomainEvent::UnitManagerAdded(UnitManagerChanged { unit_id: unit, user_id: admin }),
    ];
    event_log::record(&mut tx, org, Some(admin), now, &happened).await?;
    tx.commit().await?;
    auth::login(state, LoginRequest { email, password: req.password }, user_agent).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug_of("Riverside Regional Hospital"), "riverside-regional-hospital");
        assert_eq!(slug_of("  Ärzte & Co. -- GmbH "), "rzte-co-gmbh");
        assert_eq!(slug_of("***"), "organisation");
        assert!(slug_of(&"x".repeat(300)).len() <= 48);
    }
}
