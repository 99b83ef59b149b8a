//! The schema migrations of each backend, embedded in the binary, applied in order on open.
//! A migration, once released, is never edited: changes come as a new file. The schema is the one
//! thing written per backend (types, `WITHOUT ROWID`); the ledger and its use are shared.

use crate::StoreError;
use crate::sql::Db;

/// (version, name, SQL) for SQLite.
const SQLITE: &[(i64, &str, &str)] = &[
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
    (
        4,
        "extension_units",
        include_str!("../migrations/sqlite/0004_extension_units.sql"),
    ),
    (
        5,
        "court_short_names",
        include_str!("../migrations/sqlite/0005_court_short_names.sql"),
    ),
    (
        6,
        "data_version",
        include_str!("../migrations/sqlite/0006_data_version.sql"),
    ),
    (
        7,
        "staff_identities",
        include_str!("../migrations/sqlite/0007_staff_identities.sql"),
    ),
    (
        8,
        "exclusion_records",
        include_str!("../migrations/sqlite/0008_exclusion_records.sql"),
    ),
    (
        9,
        "parties_and_payments",
        include_str!("../migrations/sqlite/0009_parties_and_payments.sql"),
    ),
    (
        10,
        "divisions",
        include_str!("../migrations/sqlite/0010_divisions.sql"),
    ),
    (
        11,
        "account_control",
        include_str!("../migrations/sqlite/0011_account_control.sql"),
    ),
    (
        12,
        "supervision",
        include_str!("../migrations/sqlite/0012_supervision.sql"),
    ),
    (
        13,
        "zhongben_findings",
        include_str!("../migrations/sqlite/0013_zhongben_findings.sql"),
    ),
    (
        14,
        "limit_requests",
        include_str!("../migrations/sqlite/0014_limit_requests.sql"),
    ),
    (
        15,
        "cases_by_origin",
        include_str!("../migrations/sqlite/0015_cases_by_origin.sql"),
    ),
    (
        16,
        "petitions",
        include_str!("../migrations/sqlite/0016_petitions.sql"),
    ),
    (
        17,
        "petition_notices",
        include_str!("../migrations/sqlite/0017_petition_notices.sql"),
    ),
    (
        18,
        "petition_steps",
        include_str!("../migrations/sqlite/0018_petition_steps.sql"),
    ),
    (
        19,
        "assistance",
        include_str!("../migrations/sqlite/0019_assistance.sql"),
    ),
    (
        20,
        "review_plans",
        include_str!("../migrations/sqlite/0020_review_plans.sql"),
    ),
    (
        21,
        "reviews",
        include_str!("../migrations/sqlite/0021_reviews.sql"),
    ),
    (
        22,
        "review_answers",
        include_str!("../migrations/sqlite/0022_review_answers.sql"),
    ),
    (
        23,
        "review_flags",
        include_str!("../migrations/sqlite/0023_review_flags.sql"),
    ),
    (
        24,
        "allocations",
        include_str!("../migrations/sqlite/0024_allocations.sql"),
    ),
    (
        25,
        "staff_leave",
        include_str!("../migrations/sqlite/0025_staff_leave.sql"),
    ),
    (
        26,
        "service",
        include_str!("../migrations/sqlite/0026_service.sql"),
    ),
    (
        27,
        "revisions",
        include_str!("../migrations/sqlite/0027_revisions.sql"),
    ),
    (
        28,
        "definition versions",
        include_str!("../migrations/sqlite/0028_definition_versions.sql"),
    ),
];

/// (version, name, SQL) for PostgreSQL.
const POSTGRES: &[(i64, &str, &str)] = &[
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
    (
        4,
        "extension_units",
        include_str!("../migrations/postgres/0004_extension_units.sql"),
    ),
    (
        5,
        "court_short_names",
        include_str!("../migrations/postgres/0005_court_short_names.sql"),
    ),
    (
        6,
        "data_version",
        include_str!("../migrations/postgres/0006_data_version.sql"),
    ),
    (
        7,
        "staff_identities",
        include_str!("../migrations/postgres/0007_staff_identities.sql"),
    ),
    (
        8,
        "exclusion_records",
        include_str!("../migrations/postgres/0008_exclusion_records.sql"),
    ),
    (
        9,
        "parties_and_payments",
        include_str!("../migrations/postgres/0009_parties_and_payments.sql"),
    ),
    (
        10,
        "divisions",
        include_str!("../migrations/postgres/0010_divisions.sql"),
    ),
    (
        11,
        "account_control",
        include_str!("../migrations/postgres/0011_account_control.sql"),
    ),
    (
        12,
        "supervision",
        include_str!("../migrations/postgres/0012_supervision.sql"),
    ),
    (
        13,
        "zhongben_findings",
        include_str!("../migrations/postgres/0013_zhongben_findings.sql"),
    ),
    (
        14,
        "limit_requests",
        include_str!("../migrations/postgres/0014_limit_requests.sql"),
    ),
    (
        15,
        "cases_by_origin",
        include_str!("../migrations/postgres/0015_cases_by_origin.sql"),
    ),
    (
        16,
        "petitions",
        include_str!("../migrations/postgres/0016_petitions.sql"),
    ),
    (
        17,
        "petition_notices",
        include_str!("../migrations/postgres/0017_petition_notices.sql"),
    ),
    (
        18,
        "petition_steps",
        include_str!("../migrations/postgres/0018_petition_steps.sql"),
    ),
    (
        19,
        "assistance",
        include_str!("../migrations/postgres/0019_assistance.sql"),
    ),
    (
        20,
        "review_plans",
        include_str!("../migrations/postgres/0020_review_plans.sql"),
    ),
    (
        21,
        "reviews",
        include_str!("../migrations/postgres/0021_reviews.sql"),
    ),
    (
        22,
        "review_answers",
        include_str!("../migrations/postgres/0022_review_answers.sql"),
    ),
    (
        23,
        "review_flags",
        include_str!("../migrations/postgres/0023_review_flags.sql"),
    ),
    (
        24,
        "allocations",
        include_str!("../migrations/postgres/0024_allocations.sql"),
    ),
    (
        25,
        "staff_leave",
        include_str!("../migrations/postgres/0025_staff_leave.sql"),
    ),
    (
        26,
        "service",
        include_str!("../migrations/postgres/0026_service.sql"),
    ),
    (
        27,
        "revisions",
        include_str!("../migrations/postgres/0027_revisions.sql"),
    ),
    (
        28,
        "definition versions",
        include_str!("../migrations/postgres/0028_definition_versions.sql"),
    ),
];

/// Creates the bookkeeping table; both backends accept this statement.
const CREATE_LEDGER: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY,
    name    TEXT NOT NULL
)";

/// Serialises concurrent migrations of one PostgreSQL database (an arbitrary, fixed advisory-lock
/// key); SQLite's `BEGIN IMMEDIATE` does the same for a file.
const MIGRATION_LOCK: i64 = 0x5348_454e_4755_414e;

/// Applies, in one transaction, every migration the store has not had yet.
pub(crate) fn migrate(db: &mut Db) -> Result<(), StoreError> {
    let scripts = match db {
        Db::Sqlite(_) => SQLITE,
        Db::Postgres(_) => POSTGRES,
    };
    db.transaction(|db| {
        if let Db::Postgres(_) = db {
            db.query(
                "SELECT pg_advisory_xact_lock(?)",
                &[MIGRATION_LOCK.into()],
                |_| Ok(()),
            )?;
        }
        db.batch(CREATE_LEDGER)?;
        let applied = db
            .query_opt(
                "SELECT coalesce(max(version), 0) AS n FROM schema_migrations",
                &[],
                |row| row.int("n"),
            )?
            .unwrap_or(0);
        for (version, name, sql) in scripts.iter().filter(|(v, ..)| *v > applied) {
            db.batch(sql)?;
            db.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                &[(*version).into(), (*name).into()],
            )?;
        }
        Ok(())
    })
}
