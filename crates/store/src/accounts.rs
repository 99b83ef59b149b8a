//! Accounts, API tokens and the audit log as stored: the rows and the SQL both backends run
//! (`?n` markers for SQLite, `$n` for PostgreSQL). Hashing and checking passwords and tokens is
//! the application's business; the store keeps what it is given.

/// One account.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UserRow {
    pub name: String,
    /// admin, leader, office, division, judge.
    pub role: String,
    pub court_code: Option<String>,
    pub division: Option<String>,
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

const USER_COLUMNS: &str = "name, role, court_code, division, password_hash, created_at";

pub(crate) fn put_user_sql(m: char) -> String {
    format!(
        "INSERT INTO users ({USER_COLUMNS}) VALUES ({m}1, {m}2, {m}3, {m}4, {m}5, {m}6)
         ON CONFLICT (name) DO UPDATE SET role = excluded.role, court_code = excluded.court_code,
             division = excluded.division, password_hash = excluded.password_hash"
    )
}

pub(crate) fn user_sql(m: char) -> String {
    format!("SELECT {USER_COLUMNS} FROM users WHERE name = {m}1")
}

pub(crate) fn users_sql() -> String {
    format!("SELECT {USER_COLUMNS} FROM users ORDER BY name")
}

pub(crate) fn add_token_sql(m: char) -> String {
    format!("INSERT INTO api_tokens (token_hash, user_name, created_at) VALUES ({m}1, {m}2, {m}3)")
}

pub(crate) fn user_by_token_sql(m: char) -> String {
    format!(
        "SELECT u.name, u.role, u.court_code, u.division, u.password_hash, u.created_at
         FROM api_tokens t JOIN users u ON u.name = t.user_name WHERE t.token_hash = {m}1"
    )
}

pub(crate) fn audit_sql(m: char) -> String {
    format!("INSERT INTO audit_log (at, user_name, action, detail) VALUES ({m}1, {m}2, {m}3, {m}4)")
}

pub(crate) fn audit_entries_sql(m: char) -> String {
    format!("SELECT id, at, user_name, action, detail FROM audit_log ORDER BY id DESC LIMIT {m}1")
}
