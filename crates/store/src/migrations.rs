//! The schema migrations of each backend, embedded in the binary, applied in order on open.
//! A migration, once released, is never edited: changes come as a new file. The schema is the one
//! thing written per backend (types, `WITHOUT ROWID`); the ledger and its use are shared.

use shenguan_domain::text;

use crate::StoreError;
use crate::sql::Db;

/// Where a store's schema stands against this program's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SchemaState {
    /// The last migration the store has had (0: an empty database).
    pub applied: i64,
    /// The last migration this program knows.
    pub latest: i64,
    /// What opening it here would apply, in order: (version, name).
    pub pending: Vec<(i64, &'static str)>,
}

/// Every migration of a backend, in order: (version, name, SQL). Tests build a store of each
/// earlier version from these.
pub fn scripts(postgres: bool) -> &'static [(i64, &'static str, &'static str)] {
    if postgres { POSTGRES } else { SQLITE }
}

/// The last schema version this program knows (both backends have the same versions).
pub fn latest() -> i64 {
    SQLITE.last().map_or(0, |(v, ..)| *v)
}

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
    (
        29,
        "audit chain",
        include_str!("../migrations/sqlite/0029_audit_chain.sql"),
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
    (
        29,
        "audit chain",
        include_str!("../migrations/postgres/0029_audit_chain.sql"),
    ),
];

/// The migration that makes the audit log a chain: the entries already written are sealed by
/// the program after its script, in the same transaction (SQL alone cannot compute SHA-256 on
/// SQLite).
const AUDIT_CHAIN: i64 = 29;

/// Creates the bookkeeping table; both backends accept this statement.
const CREATE_LEDGER: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version BIGINT PRIMARY KEY,
    name    TEXT NOT NULL
)";

/// Serialises concurrent migrations of one PostgreSQL database (an arbitrary, fixed advisory-lock
/// key); SQLite's `BEGIN IMMEDIATE` does the same for a file.
const MIGRATION_LOCK: i64 = 0x5348_454e_4755_414e;

/// The last migration applied to the store on `db`, without changing anything (0 when it has
/// none: a new database).
pub(crate) fn applied(db: &mut Db) -> Result<i64, StoreError> {
    let ledger = match db {
        Db::Sqlite(_) => db.count(
            "SELECT count(*) AS n FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'",
            &[],
        )?,
        Db::Postgres(_) => db.count(
            "SELECT count(*) AS n FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_name = 'schema_migrations'",
            &[],
        )?,
    };
    if ledger == 0 {
        return Ok(0);
    }
    Ok(db
        .query_opt(
            "SELECT coalesce(max(version), 0) AS n FROM schema_migrations",
            &[],
            |row| row.int("n"),
        )?
        .unwrap_or(0))
}

/// Where the store on `db` stands against this program.
pub(crate) fn state(db: &mut Db) -> Result<SchemaState, StoreError> {
    let applied = applied(db)?;
    let pending = scripts(matches!(db, Db::Postgres(_)))
        .iter()
        .filter(|(v, ..)| *v > applied)
        .map(|(v, name, _)| (*v, *name))
        .collect();
    Ok(SchemaState {
        applied,
        latest: latest(),
        pending,
    })
}

/// The refusal of a store made by a newer program: its schema has migrations this one does not
/// know, so reading or writing it here could lose what they added.
pub(crate) fn newer(applied: i64) -> StoreError {
    let latest = latest();
    StoreError::Url(text!(
        "数据库的结构版本为{applied}，比本程序所知的{latest}新：它由更新版本的 shenguan 建立或升级，请用该版本打开",
        "the store's schema is version {applied}, newer than the {latest} this program knows: a newer shenguan made or upgraded it; open it with that version"
    ))
}

/// Applies, in one transaction, every migration the store has not had yet; refuses a store of a
/// newer schema than this program's.
pub(crate) fn migrate(db: &mut Db) -> Result<(), StoreError> {
    migrate_to(db, latest())
}

/// Applies, in one transaction (a savepoint inside one already open), the migrations up to and
/// including `target` that the store has not had yet: a restore builds the schema its backup
/// was made at.
pub(crate) fn migrate_to(db: &mut Db, target: i64) -> Result<(), StoreError> {
    let scripts = scripts(matches!(db, Db::Postgres(_)));
    // A store with nothing to apply is only read: opening it takes no write lock, and needs no
    // right to create tables (a PostgreSQL role that may only use them opens it). Whoever finds
    // something to apply checks again under the lock; a reader does not wait for a migration
    // still in flight, and sees the schema as it was until that one commits.
    let before = applied(db)?;
    if before > latest() {
        return Err(newer(before));
    }
    if before >= target {
        return Ok(());
    }
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
        if applied > latest() {
            return Err(newer(applied));
        }
        for (version, name, sql) in scripts
            .iter()
            .filter(|(v, ..)| *v > applied && *v <= target)
        {
            db.batch(sql)?;
            if *version == AUDIT_CHAIN {
                crate::accounts::seal_audit_log(db)?;
            }
            db.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?, ?)",
                &[(*version).into(), (*name).into()],
            )?;
        }
        Ok(())
    })
}
