//! Accounts, API tokens and the audit log as stored, and their queries, written once for both
//! backends. Hashing and checking passwords and tokens is the application's business; the store
//! keeps what it is given.

use crate::StoreError;
use crate::sql::{Db, Row, opt_text};

/// One account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRow {
    pub name: String,
    /// admin, leader, office, division, judge.
    pub role: String,
    pub court_code: Option<String>,
    pub division: Option<String>,
    /// A judge's staff number (工号), which ties the account to their cases.
    pub staff_id: Option<String>,
    /// An argon2 hash in PHC form.
    pub password_hash: String,
    pub created_at: String,
}

/// One line of the audit log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: String,
    pub user: Option<String>,
    pub action: String,
    pub detail: String,
}

const USER_COLUMNS: &str = "name, role, court_code, division, staff_id, password_hash, created_at";

fn read_user(row: &Row<'_, '_>) -> Result<UserRow, StoreError> {
    Ok(UserRow {
        name: row.text("name")?,
        role: row.text("role")?,
        court_code: row.opt_text("court_code")?,
        division: row.opt_text("division")?,
        staff_id: row.opt_text("staff_id")?,
        password_hash: row.text("password_hash")?,
        created_at: row.text("created_at")?,
    })
}

/// Adds an account, or replaces its role, scope and password.
pub(crate) fn put_user(db: &mut Db, u: &UserRow) -> Result<(), StoreError> {
    db.execute(
        &format!(
            "INSERT INTO users ({USER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (name) DO UPDATE SET role = excluded.role,
                 court_code = excluded.court_code, division = excluded.division,
                 staff_id = excluded.staff_id, password_hash = excluded.password_hash"
        ),
        &[
            (&u.name).into(),
            (&u.role).into(),
            opt_text(&u.court_code),
            opt_text(&u.division),
            opt_text(&u.staff_id),
            (&u.password_hash).into(),
            (&u.created_at).into(),
        ],
    )?;
    Ok(())
}

pub(crate) fn user(db: &mut Db, name: &str) -> Result<Option<UserRow>, StoreError> {
    db.query_opt(
        &format!("SELECT {USER_COLUMNS} FROM users WHERE name = ?"),
        &[name.into()],
        read_user,
    )
}

/// Every account, by name in byte order.
pub(crate) fn users(db: &mut Db) -> Result<Vec<UserRow>, StoreError> {
    db.query(
        &format!("SELECT {USER_COLUMNS} FROM users ORDER BY name COLLATE BINARY"),
        &[],
        read_user,
    )
}

pub(crate) fn add_token(db: &mut Db, hash: &str, user: &str, at: &str) -> Result<(), StoreError> {
    db.execute(
        "INSERT INTO api_tokens (token_hash, user_name, created_at) VALUES (?, ?, ?)",
        &[hash.into(), user.into(), at.into()],
    )?;
    Ok(())
}

pub(crate) fn user_by_token(db: &mut Db, hash: &str) -> Result<Option<UserRow>, StoreError> {
    db.query_opt(
        "SELECT u.name, u.role, u.court_code, u.division, u.staff_id, u.password_hash,
             u.created_at
         FROM api_tokens t JOIN users u ON u.name = t.user_name WHERE t.token_hash = ?",
        &[hash.into()],
        read_user,
    )
}

pub(crate) fn audit(
    db: &mut Db,
    at: &str,
    user: Option<&str>,
    action: &str,
    detail: &str,
) -> Result<(), StoreError> {
    db.execute(
        "INSERT INTO audit_log (at, user_name, action, detail) VALUES (?, ?, ?, ?)",
        &[at.into(), user.into(), action.into(), detail.into()],
    )?;
    Ok(())
}

/// The latest `limit` lines, newest first.
pub(crate) fn audit_entries(db: &mut Db, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
    db.query(
        "SELECT id, at, user_name, action, detail FROM audit_log ORDER BY id DESC LIMIT ?",
        &[limit.into()],
        |row| {
            Ok(AuditEntry {
                id: row.int("id")?,
                at: row.text("at")?,
                user: row.opt_text("user_name")?,
                action: row.text("action")?,
                detail: row.text("detail")?,
            })
        },
    )
}
