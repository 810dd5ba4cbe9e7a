//! User accounts as administered (`/users`): listing with filters, reading, creating,
//! updating and deactivating. Every query names the organisation
//! (`organisation_id = $org`); RLS is the second wall.

use chrono::{DateTime, Utc};
use shared_types::{Role, UserAccount};
use sqlx::FromRow;
use uuid::Uuid;

use crate::platform::db::Tx;

/// Columns of a [`UserAccount`]; `$1` is now, `$2` the organisation (the callers'
/// `WHERE` starts with `u.organisation_id = $2`).
const SELECT: &str = "SELECT u.id, u.email, u.name, u.role, u.unit_id, un.name AS unit_name, u.is_active,
        EXISTS (SELECT 1 FROM user_tokens t WHERE t.organisation_id = u.organisation_id AND t.user_id = u.id
                AND t.purpose = 'invitation' AND t.used_at IS NULL AND t.expires_at > $1) AS invitation_pending,
        u.locale, u.time_zone, u.created_at, count(*) OVER () AS total
    FROM users u LEFT JOIN units un ON un.id = u.unit_id";

#[derive(FromRow)]
struct Row {
    id: Uuid,
    email: String,
    name: String,
    role: String,
    unit_id: Option<Uuid>,
    unit_name: Option<String>,
    is_active: bool,
    invitation_pending: bool,
    locale: String,
    time_zone: String,
    created_at: DateTime<Utc>,
    total: i64,
}

impl Row {
    fn into_account(self) -> Option<UserAccount> {
        Some(UserAccount {
            id: self.id,
            email: self.email,
            name: self.name,
            role: Role::parse(&self.role)?,
            unit_id: self.unit_id,
            unit_name: self.unit_name,
            is_active: self.is_active,
            invitation_pending: self.invitation_pending,
            locale: self.locale,
            time_zone: self.time_zone,
            created_at: self.created_at,
        })
    }
}

/// Filters of `GET /users`. `units`: when set, only users of these units (the
/// caller's scope); the other fields are the query's filters.
#[derive(Debug, Default)]
pub struct Filter {
    pub role: Option<Role>,
    pub unit_id: Option<Uuid>,
    pub active: Option<bool>,
    pub q: Option<String>,
    pub units: Option<Vec<Uuid>>,
}

/// One page of the users of `org` by name, with the total count of matches.
pub async fn list(
    tx: &mut Tx,
    org: Uuid,
    now: DateTime<Utc>,
    f: &Filter,
    limit: u32,
    offset: u64,
) -> sqlx::Result<(Vec<UserAccount>, i64)> {
    let pattern =
        f.q.as_deref().map(|q| format!("%{}%", q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")));
    let sql = format!(
        "{SELECT} WHERE u.organisation_id = $2
           AND ($3::text IS NULL OR u.role = $3) AND ($4::uuid IS NULL OR u.unit_id = $4)
           AND ($5::bool IS NULL OR u.is_active = $5)
           AND ($6::text IS NULL OR u.name ILIKE $6 OR u.email ILIKE $6)
           AND ($7::uuid[] IS NULL OR u.unit_id = ANY($7))
         ORDER BY u.name, u.id LIMIT $8 OFFSET $9"
    );
    let rows: Vec<Row> = sqlx::query_as(&sql)
        .bind(now)
        .bind(org)
        .bind(f.role.map(Role::as_str))
        .bind(f.unit_id)
        .bind(f.active)
        .bind(pattern)
        .bind(f.units.as_deref())
        .bind(i64::from(limit))
        .bind(i64::try_from(offset).unwrap_or(i64::MAX))
        .fetch_all(&mut **tx)
        .await?;
    let total = rows.first().map_or(0, |r| r.total);
    Ok((rows.into_iter().filter_map(Row::into_account).collect(), total))
}

/// One user of `org` (active or not); `None` if `org` has no such user.
pub async fn get(tx: &mut Tx, org: Uuid, now: DateTime<Utc>, id: Uuid) -> sqlx::Result<Option<UserAccount>> {
    let row: Option<Row> = sqlx::query_as(&format!("{SELECT} WHERE u.organisation_id = $2 AND u.id = $3"))
        .bind(now)
        .bind(org)
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?;
    Ok(row.and_then(Row::into_account))
}

/// A new user row.
pub struct NewUser<'a> {
    pub id: Uuid,
    pub organisation_id: Uuid,
    pub email: &'a str,
    pub name: &'a str,
    pub role: Role,
    pub unit_id: Option<Uuid>,
    pub password_hash: &'a str,
    pub now: DateTime<Utc>,
}

/// Inserts a user. A taken e-mail (in any organisation) is a unique violation on
/// `users_email_unique`; see [`is_email_conflict`].
pub async fn insert(tx: &mut Tx, u: NewUser<'_>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO users (id, organisation_id, email, name, role, unit_id, password_hash, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
    )
    .bind(u.id)
    .bind(u.organisation_id)
    .bind(u.email)
    .bind(u.name)
    .bind(u.role.as_str())
    .bind(u.unit_id)
    .bind(u.password_hash)
    .bind(u.now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Whether `e` is the unique violation of a taken e-mail.
pub fn is_email_conflict(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.constraint() == Some("users_email_unique"))
}

/// The stored fields of a user an admin may change.
#[derive(Debug, Clone, PartialEq)]
pub struct Editable {
    pub email: String,
    pub name: String,
    pub role: Role,
    pub unit_id: Option<Uuid>,
    pub is_active: bool,
}

/// Reads the editable fields of a user of `org` under a row lock; `None` if `org` has
/// no such user.
pub async fn lock_editable(tx: &mut Tx, org: Uuid, id: Uuid) -> sqlx::Result<Option<Editable>> {
    let row: Option<(String, String, String, Option<Uuid>, bool)> = sqlx::query_as(
        "SELECT email, name, role, unit_id, is_active FROM users WHERE organisation_id = $1 AND id = $2 FOR UPDATE",
    )
    .bind(org)
    .bind(id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok(row.and_then(|(email, name, role, unit_id, is_active)| {
        Some(Editable { email, name, role: Role::parse(&role)?, unit_id, is_active })
    }))
}

/// Writes the editable fields of a user of `org`; deactivating stamps
/// `deactivated_at`. A taken e-mail is [`is_email_conflict`].
pub async fn save_editable(tx: &mut Tx, org: Uuid, id: Uuid, e: &Editable, now: DateTime<Utc>) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE users SET email = $2, name = $3, role = $4, unit_id = $5, is_active = $6, updated_at = $7,
                deactivated_at = CASE WHEN $6 THEN NULL ELSE COALESCE(deactivated_at, $7) END
         WHERE organisation_id = $8 AND id = $1",
    )
    .bind(id)
    .bind(&e.email)
    .bind(&e.name)
    .bind(e.role.as_str())
    .bind(e.unit_id)
    .bind(e.is_active)
    .bind(now)
    .bind(org)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Revokes every live refresh token and API key of a user of `org`; returns (tokens,
/// keys).
pub async fn revoke_credentials(tx: &mut Tx, org: Uuid, user: Uuid, now: DateTime<Utc>) -> sqlx::Result<(u64, u64)> {
    let mut revoked = [0; 2];
    for (count, table) in revoked.iter_mut().zip(["refresh_tokens", "api_keys"]) {
        let sql = format!(
            "UPDATE {table} SET revoked_at = $3 WHERE organisation_id = $1 AND user_id = $2 AND revoked_at IS NULL"
        );
        *count = sqlx::query(&sql).bind(org).bind(user).bind(now).execute(&mut **tx).await?.rows_affected();
    }
    Ok((revoked[0], revoked[1]))
}

/// Whether `unit` exists in `org`.
pub async fn unit_exists(tx: &mut Tx, org: Uuid, unit: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM units WHERE organisation_id = $1 AND id = $2)")
        .bind(org)
        .bind(unit)
        .fetch_one(&mut **tx)
        .await
}

/// Locks the active admins of `org` (in id order, so concurrent changes queue instead
/// of deadlocking) and returns their ids.
pub async fn lock_admins(tx: &mut Tx, org: Uuid) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar(
        "SELECT id FROM users WHERE organisation_id = $1 AND role = 'admin' AND is_active ORDER BY id FOR UPDATE",
    )
    .bind(org)
    .fetch_all(&mut **tx)
    .await
}

/// Ends every unused invitation or reset link of a user of `org` (its e-mail changed:
/// links sent to the old address must not work); returns how many.
pub async fn void_tokens(tx: &mut Tx, org: Uuid, user: Uuid, now: DateTime<Utc>) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "UPDATE user_tokens SET used_at = $3 WHERE organisation_id = $1 AND user_id = $2 AND used_at IS NULL",
    )
    .bind(org)
    .bind(user)
    .bind(now)
    .execute(&mut **tx)
    .await?
    .rows_affected())
}
