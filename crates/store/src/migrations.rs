//! The schema migrations of each backend, embedded in the binary, applied in order on open.
//! A migration, once released, is never edited: changes come as a new file.

/// (version, name, SQL) for SQLite.
pub(crate) const SQLITE: &[(i64, &str, &str)] = &[
    (
        1,
        "cases",
        include_str!("../migrations/sqlite/0001_cases.sql"),
    ),
    (
        2,
        "accounts",
        include_str!("../migrations/sqlite/0002_accounts.sql"),
    ),
    (
        3,
        "case_lists",
        include_str!("../migrations/sqlite/0003_case_lists.sql"),
    ),
];

/// (version, name, SQL) for PostgreSQL.
pub(crate) const POSTGRES: &[(i64, &str, &str)] = &[
    (
        1,
        "cases",
        include_str!("../migrations/postgres/0001_cases.sql"),
    ),
    (
        2,
        "accounts",
        include_str!("../migrations/postgres/0002_accounts.sql"),
    ),
    (
        3,
        "case_lists",
        include_str!("../migrations/postgres/0003_case_lists.sql"),
    ),
];

/// Creates the bookkeeping table; both backends accept this statement.
pub(crate) const CREATE_LEDGER: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY,
    name    TEXT NOT NULL
)";
