//! Accounts, API tokens and the audit log as stored, and their queries, written once for both
//! backends. Hashing and checking passwords and tokens is the application's business; the store
//! keeps what it is given.

use shenguan_domain::audit_log::Sealed;
use shenguan_domain::hash_chain::GENESIS;

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
    /// Its number in the chain, the previous entry's hash and its own (none on an entry
    /// written in from outside the program).
    pub seq: Option<i64>,
    pub prev: Option<String>,
    pub hash: Option<String>,
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

/// Adds an account, or replaces its role, scope and password; whether a stored account is
/// disabled stays as it is.
pub(crate) fn put_user(db: &mut Db, u: &UserRow) -> Result<(), StoreError> {
    db.execute(
        &format!(
            "INSERT INTO users ({USER_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
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
            opt_text(&u.disabled_at),
        ],
    )?;
    Ok(())
}

/// Gives the account `name` a new password hash; whether there is such an account.
pub(crate) fn set_password_hash(db: &mut Db, name: &str, hash: &str) -> Result<bool, StoreError> {
    let changed = db.execute(
        "UPDATE users SET password_hash = ? WHERE name = ?",
        &[hash.into(), name.into()],
    )?;
    Ok(changed > 0)
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

/// Appends an entry to the audit log, sealed to the last one. Inside the transaction of the
/// change it records, it is written with that change or not at all.
pub(crate) fn audit(
    db: &mut Db,
    at: &str,
    user: Option<&str>,
    action: &str,
    detail: &str,
) -> Result<(), StoreError> {
    db.transaction(|db| {
        db.lock_appending("audit_log")?;
        let last = audit_head(db)?;
        let entry = Sealed::after((last.0, &last.1), at, user, action, detail);
        insert_sealed(db, &entry)
    })
}

fn insert_sealed(db: &mut Db, entry: &Sealed) -> Result<(), StoreError> {
    db.execute(
        "INSERT INTO audit_log (at, user_name, action, detail, seq, prev, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
        &[
            entry.at.as_str().into(),
            entry.user.as_deref().into(),
            entry.action.as_str().into(),
            entry.detail.as_str().into(),
            seq_value(entry.seq)?.into(),
            entry.prev.as_str().into(),
            entry.hash.as_str().into(),
        ],
    )?;
    Ok(())
}

fn seq_value(seq: u64) -> Result<i64, StoreError> {
    i64::try_from(seq).map_err(|_| StoreError::Corrupt(format!("audit entry number {seq}")))
}

/// The number and hash of the audit log's last sealed entry: (0, GENESIS) when there is none.
pub(crate) fn audit_head(db: &mut Db) -> Result<(u64, String), StoreError> {
    let last = db.query_opt(
        "SELECT seq, hash FROM audit_log WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1",
        &[],
        |row| Ok((row.int("seq")?, row.text("hash")?)),
    )?;
    Ok(last.map_or((0, GENESIS.to_string()), |(seq, hash)| {
        (u64::try_from(seq).unwrap_or(0), hash)
    }))
}

/// Seals, in the order written, the entries written before the log was a chain (the upgrade
/// that made it one runs this once, in its transaction).
pub(crate) fn seal_audit_log(db: &mut Db) -> Result<(), StoreError> {
    let old = db.query(
        &format!("SELECT {ENTRY_COLUMNS} FROM audit_log WHERE seq IS NULL ORDER BY id"),
        &[],
        read_entry,
    )?;
    let (mut seq, mut prev) = audit_head(db)?;
    for entry in old {
        let sealed = Sealed::after(
            (seq, &prev),
            &entry.at,
            entry.user.as_deref(),
            &entry.action,
            &entry.detail,
        );
        db.execute(
            "UPDATE audit_log SET seq = ?, prev = ?, hash = ? WHERE id = ?",
            &[
                seq_value(sealed.seq)?.into(),
                sealed.prev.as_str().into(),
                sealed.hash.as_str().into(),
                entry.id.into(),
            ],
        )?;
        (seq, prev) = (sealed.seq, sealed.hash);
    }
    Ok(())
}

/// Hands every entry of the audit log to `each` in the chain's order (entries without a number
/// — written in from outside the program — first, by the order they were stored), one at a time.
pub(crate) fn audit_chain(
    db: &mut Db,
    each: &mut dyn FnMut(AuditEntry) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    db.query_each(
        &format!(
            "SELECT {ENTRY_COLUMNS} FROM audit_log
             ORDER BY CASE WHEN seq IS NULL THEN 0 ELSE 1 END, seq, id"
        ),
        &[],
        |row| each(read_entry(row)?),
    )
}

const ENTRY_COLUMNS: &str = "id, at, user_name, action, detail, seq, prev, hash";

fn read_entry(row: &Row<'_, '_>) -> Result<AuditEntry, StoreError> {
    Ok(AuditEntry {
        id: row.int("id")?,
        at: row.text("at")?,
        user: row.opt_text("user_name")?,
        action: row.text("action")?,
        detail: row.text("detail")?,
        seq: row.opt_int("seq")?,
        prev: row.opt_text("prev")?,
        hash: row.opt_text("hash")?,
    })
}

/// The latest `limit` lines, newest first.
pub(crate) fn audit_entries(db: &mut Db, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
    db.query(
        &format!("SELECT {ENTRY_COLUMNS} FROM audit_log ORDER BY id DESC LIMIT ?"),
        &[limit.into()],
        read_entry,
    )
}
