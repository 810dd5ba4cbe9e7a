//! Users, units and the organisation directory. Every query but the sign-in lookup
//! names its organisation (`organisation_id = $org`) besides RLS.

use std::collections::HashMap;

use shared_types::{Role, User, UserRef};
use sqlx::{FromRow, PgPool};
use uuid::Uuid;

use crate::approvals::approvers::{Directory, Person, UnitNode};
use crate::platform::db::Tx;

/// What sign-in needs of a user, found by e-mail across organisations.
#[derive(Debug, FromRow)]
pub struct AuthRow {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub password_hash: String,
    pub is_active: bool,
}

/// Looks a user up by e-mail (case-insensitive) through the SECURITY DEFINER function
/// `auth_user_by_email`: sign-in happens before the organisation is known.
pub async fn auth_by_email(pool: &PgPool, email: &str) -> sqlx::Result<Option<AuthRow>> {
    sqlx::query_as("SELECT id, organisation_id, password_hash, is_active FROM auth_user_by_email($1)")
        .bind(email.trim())
        .fetch_optional(pool)
        .await
}

#[derive(FromRow)]
struct UserRow {
    id: Uuid,
    organisation_id: Uuid,
    organisation_name: String,
    email: String,
    name: String,
    role: String,
    unit_id: Option<Uuid>,
    unit_name: Option<String>,
    is_active: bool,
}

/// The user of `org` with its organisation and unit names; `None` if absent (in `org`)
/// or inactive.
pub async fn get_active(tx: &mut Tx, org: Uuid, id: Uuid) -> sqlx::Result<Option<User>> {
    let row: Option<UserRow> = sqlx::query_as(
        "SELECT u.id, u.organisation_id, o.name AS organisation_name, u.email, u.name, u.role,
                u.unit_id, un.name AS unit_name, u.is_active
         FROM users u JOIN organisations o ON o.id = u.organisation_id
         LEFT JOIN units un ON un.id = u.unit_id
         WHERE u.organisation_id = $1 AND u.id = $2",
    )
    .bind(org)
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.filter(|r| r.is_active).and_then(|r| {
        Some(User {
            id: r.id,
            organisation_id: r.organisation_id,
            organisation_name: r.organisation_name,
            email: r.email,
            name: r.name,
            role: Role::parse(&r.role)?,
            unit_id: r.unit_id,
            unit_name: r.unit_name,
        })
    }))
}

/// A short reference to an active user of `org`, with its role; `None` if absent (in
/// `org`) or inactive.
pub async fn get_ref(tx: &mut Tx, org: Uuid, id: Uuid) -> sqlx::Result<Option<(UserRef, Role)>> {
    let row: Option<(Uuid, String, String, String)> =
        sqlx::query_as("SELECT id, name, email, role FROM users WHERE organisation_id = $1 AND id = $2 AND is_active")
            .bind(org)
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(row.and_then(|(id, name, email, role)| Some((UserRef { id, name, email }, Role::parse(&role)?))))
}

/// The unit of a user of `org` (`None` without one, or for a user of another
/// organisation).
pub async fn unit_of(tx: &mut Tx, org: Uuid, user: Uuid) -> sqlx::Result<Option<Uuid>> {
    let row: Option<(Option<Uuid>,)> =
        sqlx::query_as("SELECT unit_id FROM users WHERE organisation_id = $1 AND id = $2")
            .bind(org)
            .bind(user)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(row.and_then(|r| r.0))
}

/// The unit of a user of `org` and all units below it (empty for a user without a
/// unit or of another organisation).
pub async fn own_unit_subtree(tx: &mut Tx, org: Uuid, user: Uuid) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "WITH RECURSIVE sub AS (
             SELECT un.organisation_id, un.id FROM units un
             JOIN users u ON u.organisation_id = un.organisation_id AND u.unit_id = un.id
             WHERE u.organisation_id = $1 AND u.id = $2
             UNION SELECT c.organisation_id, c.id FROM units c
             JOIN sub ON c.organisation_id = sub.organisation_id AND c.parent_id = sub.id)
         SELECT id FROM sub",
    )
    .bind(org)
    .bind(user)
    .fetch_all(&mut **tx)
    .await
}

/// The units a user of `org` manages and all units below them (empty for a user of
/// another organisation).
pub async fn managed_unit_subtree(tx: &mut Tx, org: Uuid, user: Uuid) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "WITH RECURSIVE sub AS (
             SELECT organisation_id, unit_id AS id FROM unit_managers
             WHERE organisation_id = $1 AND user_id = $2
             UNION SELECT c.organisation_id, c.id FROM units c
             JOIN sub ON c.organisation_id = sub.organisation_id AND c.parent_id = sub.id)
         SELECT id FROM sub",
    )
    .bind(org)
    .bind(user)
    .fetch_all(&mut **tx)
    .await
}

/// The organisation's units, unit managers and active people, for approver
/// resolution. People are ordered by name, so resolution is deterministic.
pub async fn directory(tx: &mut Tx, org: Uuid) -> sqlx::Result<Directory> {
    let units: Vec<(Uuid, Option<Uuid>, Uuid)> =
        sqlx::query_as("SELECT id, parent_id, department_id FROM units WHERE organisation_id = $1")
            .bind(org)
            .fetch_all(&mut **tx)
            .await?;
    let people: Vec<(Uuid, String)> =
        sqlx::query_as("SELECT id, role FROM users WHERE organisation_id = $1 AND is_active ORDER BY name, id")
            .bind(org)
            .fetch_all(&mut **tx)
            .await?;
    let managers: Vec<(Uuid, Uuid, String)> = sqlx::query_as(
        "SELECT m.unit_id, u.id, u.role FROM unit_managers m
         JOIN users u ON u.organisation_id = m.organisation_id AND u.id = m.user_id
         WHERE m.organisation_id = $1 AND u.is_active ORDER BY u.name, u.id",
    )
    .bind(org)
    .fetch_all(&mut **tx)
    .await?;
    let person = |id: Uuid, role: &str| Role::parse(role).map(|role| Person { id, role });
    let mut dir = Directory {
        units: units
            .into_iter()
            .map(|(id, parent_id, department_id)| (id, UnitNode { parent_id, department_id }))
            .collect(),
        managers: HashMap::new(),
        people: people.iter().filter_map(|(id, role)| person(*id, role)).collect(),
    };
    for (unit, id, role) in managers {
        if let Some(p) = person(id, &role) {
            dir.managers.entry(unit).or_default().push(p);
        }
    }
    Ok(dir)
}
