//! Signed-in sessions: a session is a refresh-token family (one sign-in), live while
//! its newest token is neither used, revoked nor expired. Also the profile fields of
//! the signed-in user. Every query names the organisation (`organisation_id = $org`);
//! RLS is the second wall.

use chrono::{DateTime, Utc};
use shared_types::{Profile, Role, Session};
use uuid::Uuid;

use crate::platform::db::Tx;

/// The live sessions of `user` of `org`, newest activity first; `current` marks
/// `current`.
pub async fn live(
    tx: &mut Tx,
    org: Uuid,
    user: Uuid,
    now: DateTime<Utc>,
    current: Option<Uuid>,
) -> sqlx::Result<Vec<Session>> {
    type Row = (Uuid, Option<String>, DateTime<Utc>, DateTime<Utc>, DateTime<Utc>);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT family_id, user_agent, family_issued_at, issued_at, expires_at FROM refresh_tokens
         WHERE organisation_id = $3 AND user_id = $1 AND used_at IS NULL AND revoked_at IS NULL
           AND expires_at > $2
         ORDER BY issued_at DESC",
    )
    .bind(user)
    .bind(now)
    .bind(org)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, user_agent, signed_in_at, last_used_at, expires_at)| Session {
            id,
            user_agent,
            signed_in_at,
            last_used_at,
            expires_at,
            current: Some(id) == current,
        })
        .collect())
}

/// Revokes the session (family) `family` of `user` of `org`; the number of tokens
/// revoked (0: no such live session).
pub async fn revoke(tx: &mut Tx, org: Uuid, user: Uuid, family: Uuid, now: DateTime<Utc>) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "UPDATE refresh_tokens SET revoked_at = $3
         WHERE organisation_id = $4 AND user_id = $1 AND family_id = $2 AND revoked_at IS NULL",
    )
    .bind(user)
    .bind(family)
    .bind(now)
    .bind(org)
    .execute(&mut **tx)
    .await?
    .rows_affected())
}

/// Revokes every session of `user` of `org` but `keep`; the number of tokens revoked.
pub async fn revoke_others(
    tx: &mut Tx,
    org: Uuid,
    user: Uuid,
    keep: Option<Uuid>,
    now: DateTime<Utc>,
) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "UPDATE refresh_tokens SET revoked_at = $3
         WHERE organisation_id = $4 AND user_id = $1 AND revoked_at IS NULL
           AND ($2::uuid IS NULL OR family_id <> $2)",
    )
    .bind(user)
    .bind(keep)
    .bind(now)
    .bind(org)
    .execute(&mut **tx)
    .await?
    .rows_affected())
}

/// The profile of an active user of `org`.
pub async fn profile(tx: &mut Tx, org: Uuid, user: Uuid) -> sqlx::Result<Option<Profile>> {
    type Row = (Uuid, String, String, String, Option<Uuid>, Option<String>, String, String, String);
    let row: Option<Row> = sqlx::query_as(
        "SELECT u.id, u.email, u.name, u.role, u.unit_id, un.name, o.name, u.locale, u.time_zone
         FROM users u JOIN organisations o ON o.id = u.organisation_id LEFT JOIN units un ON un.id = u.unit_id
         WHERE u.organisation_id = $1 AND u.id = $2 AND u.is_active",
    )
    .bind(org)
    .bind(user)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.and_then(|(id, email, name, role, unit_id, unit_name, organisation_name, locale, time_zone)| {
        Some(Profile {
            id,
            email,
            name,
            role: Role::parse(&role)?,
            unit_id,
            unit_name,
            organisation_name,
            locale,
            time_zone,
        })
    }))
}

/// Saves name, locale and time zone of the user `p.id` of `org`.
pub async fn save_profile(tx: &mut Tx, org: Uuid, p: &Profile, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE users SET name = $2, locale = $3, time_zone = $4, updated_at = $5
         WHERE organisation_id = $6 AND id = $1",
    )
    .bind(p.id)
    .bind(&p.name)
    .bind(&p.locale)
    .bind(&p.time_zone)
    .bind(now)
    .bind(org)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The password hash of an active user of `org`.
pub async fn password_hash(tx: &mut Tx, org: Uuid, user: Uuid) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT password_hash FROM users WHERE organisation_id = $1 AND id = $2 AND is_active")
        .bind(org)
        .bind(user)
        .fetch_optional(&mut **tx)
        .await
}
