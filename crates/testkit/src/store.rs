//! Where a test opens a store: a SQLite file in a temporary folder always, and a PostgreSQL
//! schema of its own when `SHENGUAN_TEST_PG` names a server. One helper creates and drops the
//! schemas for every test binary.

use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::dir::TempDir;
use crate::skip::{Tool, not_run};

/// The PostgreSQL server the tests were given, or `None` after recording that `test` did not
/// run there (a failure when the run requires PostgreSQL).
pub fn postgres_server(test: &str) -> Option<String> {
    match std::env::var("SHENGUAN_TEST_PG") {
        Ok(url) if !url.trim().is_empty() => Some(url.trim().to_string()),
        _ => {
            not_run(Tool::Postgres, test, "SHENGUAN_TEST_PG is not set");
            None
        }
    }
}

/// A fresh schema on a PostgreSQL server, dropped with everything in it when this is dropped.
#[derive(Debug)]
pub struct PgSchema {
    admin: String,
    schema: String,
}

static NEXT_SCHEMA: AtomicU64 = AtomicU64::new(0);

impl PgSchema {
    /// Creates `{label}_{process}_{n}` on the server at `admin` (see [`schema_name`]). Panics
    /// when the server refuses: a server was named, so not reaching it is a failure, not a skip.
    pub fn new(admin: &str, label: &str) -> PgSchema {
        let schema = schema_name(
            label,
            std::process::id(),
            NEXT_SCHEMA.fetch_add(1, Ordering::Relaxed),
        );
        let mut client = postgres::Client::connect(admin, postgres::NoTls).unwrap_or_else(|e| {
            let cause = std::error::Error::source(&e)
                .map(|cause| format!(": {cause}"))
                .unwrap_or_default();
            panic!(
                "SHENGUAN_TEST_PG={} names a server that does not accept connections: {e}{cause}",
                without_password(admin)
            )
        });
        client
            .batch_execute(&format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
            ))
            .unwrap_or_else(|e| panic!("cannot create schema {schema}: {e}"));
        PgSchema {
            admin: admin.to_string(),
            schema,
        }
    }

    /// The store URL whose connections work in this schema.
    pub fn url(&self) -> String {
        let separator = if self.admin.contains('?') { '&' } else { '?' };
        format!(
            "{}{separator}options=-csearch_path%3D{}",
            self.admin, self.schema
        )
    }

    pub fn name(&self) -> &str {
        &self.schema
    }
}

/// PostgreSQL's longest name, in bytes; a longer one is cut there without a word.
const NAME_LIMIT: usize = 63;

/// `{label}_{process}_{n}` as an unquoted PostgreSQL name: the label in lower-case ASCII letters,
/// digits and `_`, after an `s` when it would start with a digit, and shortened so the whole
/// fits in [`NAME_LIMIT`] — the server would otherwise cut the process and number off, and two
/// tests with one long label would share a schema.
fn schema_name(label: &str, process: u32, n: u64) -> String {
    let mut label: String = label
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if label.starts_with(|c: char| c.is_ascii_digit()) {
        label.insert(0, 's');
    }
    let tail = format!("_{process}_{n}");
    label.truncate(NAME_LIMIT - tail.len());
    label + &tail
}

/// A connection URL fit for a message: `postgres://user:***@host/db`. The user part ends at the
/// last `@` before the path, as a password may hold an `@` of its own.
fn without_password(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority = &rest[..rest.find('/').unwrap_or(rest.len())];
    match authority.rsplit_once('@') {
        Some((user, _)) if user.contains(':') => {
            let name = user.split(':').next().unwrap_or_default();
            format!("{scheme}://{name}:***{}", &rest[user.len()..])
        }
        _ => url.to_string(),
    }
}

impl Drop for PgSchema {
    fn drop(&mut self) {
        if let Ok(mut client) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS {} CASCADE", self.schema));
        }
    }
}

/// A place to open a store, with the folder or schema it lives in; both are removed on drop.
#[derive(Debug)]
pub enum StorePlace {
    Sqlite { dir: TempDir, path: PathBuf },
    Postgres(PgSchema),
}

impl StorePlace {
    /// A SQLite file `shenguan.db` in a new temporary folder.
    pub fn sqlite(label: &str) -> StorePlace {
        let dir = TempDir::new(label);
        let path = dir.join("shenguan.db");
        StorePlace::Sqlite { dir, path }
    }

    /// A new schema on the test server, or `None` (recorded in the ledger) without one.
    pub fn postgres(label: &str, test: &str) -> Option<StorePlace> {
        postgres_server(test).map(|admin| StorePlace::Postgres(PgSchema::new(&admin, label)))
    }

    /// SQLite, then PostgreSQL when the tests were given a server: what "both backends" means.
    pub fn both(label: &str, test: &str) -> Vec<StorePlace> {
        let mut places = vec![StorePlace::sqlite(label)];
        places.extend(StorePlace::postgres(label, test));
        places
    }

    /// The store URL as `--db` and `StoreUrl::parse` take it.
    pub fn url(&self) -> String {
        match self {
            StorePlace::Sqlite { path, .. } => path.display().to_string(),
            StorePlace::Postgres(schema) => schema.url(),
        }
    }

    /// `sqlite` or `postgres`, for messages.
    pub fn backend(&self) -> &'static str {
        match self {
            StorePlace::Sqlite { .. } => "sqlite",
            StorePlace::Postgres(_) => "postgres",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{NAME_LIMIT, schema_name, without_password};

    #[test]
    fn a_schema_name_is_a_plain_postgres_name_that_keeps_its_unique_tail() {
        assert_eq!(schema_name("cli_accounts", 4242, 7), "cli_accounts_4242_7");
        // Not ASCII letters or digits: `_`; upper case: lower.
        assert_eq!(schema_name("Store-案件", 1, 0), "store____1_0");
        // An unquoted name cannot start with a digit.
        assert_eq!(schema_name("2026", 1, 0), "s2026_1_0");
        // 80 letters: cut to 63 − len("_4242_7") = 63 − 7 = 56, and the tail kept.
        let long = schema_name(&"a".repeat(80), 4242, 7);
        assert_eq!(long, format!("{}_4242_7", "a".repeat(56)));
        assert_eq!(long.len(), NAME_LIMIT);
        assert_ne!(long, schema_name(&"a".repeat(80), 4242, 8));
    }

    #[test]
    fn a_server_is_named_without_its_password() {
        assert_eq!(
            without_password("postgres://shenguan:secret@localhost:5433/shenguan_test"),
            "postgres://shenguan:***@localhost:5433/shenguan_test"
        );
        assert_eq!(
            without_password("postgresql://court@db/x"),
            "postgresql://court@db/x"
        );
        assert_eq!(without_password("host=localhost"), "host=localhost");
        // An `@` in the password hides nothing of it.
        assert_eq!(
            without_password("postgres://court:p@ss@db/x?sslmode=disable"),
            "postgres://court:***@db/x?sslmode=disable"
        );
        // An `@` after the host is not part of the user.
        assert_eq!(
            without_password("postgres://court@db/x?user=a@b"),
            "postgres://court@db/x?user=a@b"
        );
    }
}
