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
    /// When the account was disabled; `None`: it is in use.
    pub disabled_at: Option<String>,
}

/// What is kept of an API token besides its hash: when it was made and the day it expires
/// (`None` for tokens made before tokens had one).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenRow {
    pub created_at: String,
    pub expires_on: Option<String>,
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

const USER_COLUMNS: &str =
    "name, role, court_code, division, staff_id, password_hash, created_at, disabled_at";

fn read_user(row: &Row<'_, '_>) -> Result<UserRow, StoreError> {
    Ok(UserRow {
        name: row.text("name")?,
        role: row.text("role")?,
        court_code: row.opt_text("court_code")?,
        division: row.opt_text("division")?,
        staff_id: row.opt_text("staff_id")?,
        password_hash: row.text("password_hash")?,
        created_at: row.text("created_at")?,
        disabled_at: row.opt_text("disabled_at")?,
    })
}

/// Adds an account, or replaces its role, scope, password and whether it is disabled.
pub(crate) fn put_user(db: &mut Db, u: &UserRow) -> Result<(), StoreError> {
    db.execute(
        &format!(
            "INSERT INTO users ({USER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
             ON CONFLICT (name) DO UPDATE SET role = excluded.role,
                 court_code = excluded.court_code, division = excluded.division,
                 staff_id = excluded.staff_id, password_hash = excluded.password_hash,
                 disabled_at = excluded.disabled_at"
        ),
        &[
            (&u.name).into(),
            (&u.role).into(),
            opt_text(&u.court_code),
            opt_text(&u.division),
            opt_text(&u.staff_id),
            (&u.password_hash).into(),
            (&u.created_at).into(),
            opt_text(&u.disabled_at),
        ],
    )?;
    Ok(())
}

/// Disables the account `name` (`at`: when) or, with `None`, puts it back in use; whether there
/// is such an account.
pub(crate) fn set_disabled(db: &mut Db, name: &str, at: Option<&str>) -> Result<bool, StoreError> {
    let changed = db.execute(
        "UPDATE users SET disabled_at = ? WHERE name = ?",
        &[at.into(), name.into()],
    )?;
    Ok(changed > 0)
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

pub(crate) fn add_token(
    db: &mut Db,
    hash: &str,
    user: &str,
    token: &TokenRow,
) -> Result<(), StoreError> {
    db.execute(
        "INSERT INTO api_tokens (token_hash, user_name, created_at, expires_on)
         VALUES (?, ?, ?, ?)",
        &[
            hash.into(),
            user.into(),
            (&token.created_at).into(),
            opt_text(&token.expires_on),
        ],
    )?;
    Ok(())
}

/// The account a token hash belongs to, with the token's dates.
pub(crate) fn user_by_token(
    db: &mut Db,
    hash: &str,
) -> Result<Option<(UserRow, TokenRow)>, StoreError> {
    db.query_opt(
        "SELECT u.name, u.role, u.court_code, u.division, u.staff_id, u.password_hash,
             u.created_at, u.disabled_at, t.created_at AS token_created_at, t.expires_on
         FROM api_tokens t JOIN users u ON u.name = t.user_name WHERE t.token_hash = ?",
        &[hash.into()],
        |row| {
            Ok((
                read_user(row)?,
                TokenRow {
                    created_at: row.text("token_created_at")?,
                    expires_on: row.opt_text("expires_on")?,
                },
            ))
        },
    )
}

/// Removes every token of `user`; how many there were.
pub(crate) fn revoke_tokens(db: &mut Db, user: &str) -> Result<u64, StoreError> {
    db.execute("DELETE FROM api_tokens WHERE user_name = ?", &[user.into()])
}

/// How many tokens each account has, by name.
pub(crate) fn token_counts(db: &mut Db) -> Result<Vec<(String, u64)>, StoreError> {
    db.query(
        "SELECT user_name, count(*) AS n FROM api_tokens GROUP BY user_name",
        &[],
        |row| {
            Ok((
                row.text("user_name")?,
                u64::try_from(row.int("n")?).unwrap_or(0),
            ))
        },
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
