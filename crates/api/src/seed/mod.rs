//! Seed data: the demo organisations and `create-admin`. Runs as the tables' owner.

/// Loads the demo organisations unless present; returns a summary.
pub async fn demo(_pool: &sqlx::PgPool) -> Result<String, Box<dyn std::error::Error>> {
    Err("not yet".into())
}

/// Creates an admin (and its organisation when missing).
pub async fn create_admin(
    _pool: &sqlx::PgPool,
    _organisation: &str,
    _email: &str,
    _name: &str,
    _password: &str,
) -> Result<(), Box<dyn std::error::Error>> {
    Err("not yet".into())
}
