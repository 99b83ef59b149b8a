//! The one place where the two databases differ in how a query is run: every query of the store
//! is written once, in portable SQL with `?` placeholders, and run here on SQLite or PostgreSQL.
//!
//! What differs, and how it is handled:
//! - placeholders: `?` is numbered `$1, $2, …` for PostgreSQL;
//! - byte order of text: queries say `COLLATE BINARY` (SQLite's default, which its indexes use);
//!   PostgreSQL is given `COLLATE "C"`, the same order;
//! - types: parameters are [`Value`]s, converted to the type the database expects for each
//!   placeholder (PostgreSQL tells it when the statement is prepared; SQLite stores dates as ISO
//!   text, which sorts and compares as dates, and booleans as 0/1);
//! - rows are read by column name into typed values ([`Row`]), never by position.
//!
//! Schema migrations (DDL) and the bulk path of an import (COPY for PostgreSQL) stay per backend.

use std::borrow::Cow;
use std::collections::HashMap;
use std::error::Error as StdError;
use std::fmt;

use chrono::NaiveDate;
use postgres::types::{IsNull, ToSql, Type, to_sql_checked};

use crate::StoreError;

/// A parameter of a query.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Value<'a> {
    Null,
    Text(Cow<'a, str>),
    Int(i64),
    Bool(bool),
    Date(NaiveDate),
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(text: &'a str) -> Self {
        Value::Text(Cow::Borrowed(text))
    }
}

impl<'a> From<&'a String> for Value<'a> {
    fn from(text: &'a String) -> Self {
        Value::Text(Cow::Borrowed(text))
    }
}

impl From<String> for Value<'_> {
    fn from(text: String) -> Self {
        Value::Text(Cow::Owned(text))
    }
}

impl From<i64> for Value<'_> {
    fn from(n: i64) -> Self {
        Value::Int(n)
    }
}

impl From<&i64> for Value<'_> {
    fn from(n: &i64) -> Self {
        Value::Int(*n)
    }
}

impl From<i32> for Value<'_> {
    fn from(n: i32) -> Self {
        Value::Int(i64::from(n))
    }
}

impl From<bool> for Value<'_> {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}

impl From<NaiveDate> for Value<'_> {
    fn from(date: NaiveDate) -> Self {
        Value::Date(date)
    }
}

impl<'a, T: Into<Value<'a>>> From<Option<T>> for Value<'a> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Value::Null, Into::into)
    }
}

/// Borrows an optional string as a parameter.
pub(crate) fn opt_text(value: &Option<String>) -> Value<'_> {
    value.as_deref().into()
}

impl rusqlite::ToSql for Value<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, ValueRef};
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Text(text) => ToSqlOutput::Borrowed(ValueRef::Text(text.as_bytes())),
            Value::Int(n) => ToSqlOutput::Owned(rusqlite::types::Value::Integer(*n)),
            Value::Bool(b) => ToSqlOutput::Owned(rusqlite::types::Value::Integer(i64::from(*b))),
            Value::Date(d) => ToSqlOutput::Owned(rusqlite::types::Value::Text(d.to_string())),
        })
    }
}

impl ToSql for Value<'_> {
    /// Converts to the type PostgreSQL inferred for the placeholder; a value that does not fit
    /// (a word where a number is expected) is an error, never a silent change.
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut bytes::BytesMut,
    ) -> Result<IsNull, Box<dyn StdError + Sync + Send>> {
        match (self, ty) {
            (Value::Null, _) => Ok(IsNull::Yes),
            (Value::Int(n), &Type::INT2) => i16::try_from(*n)?.to_sql(ty, out),
            (Value::Int(n), &Type::INT4) => i32::try_from(*n)?.to_sql(ty, out),
            (Value::Int(n), &Type::INT8) => n.to_sql(ty, out),
            (Value::Int(n), _) => n.to_string().to_sql(ty, out),
            (Value::Bool(b), &Type::BOOL) => b.to_sql(ty, out),
            (Value::Bool(b), _) => i64::from(*b).to_sql(ty, out),
            (Value::Date(d), &Type::DATE) => d.to_sql(ty, out),
            (Value::Date(d), _) => d.to_string().to_sql(ty, out),
            (Value::Text(text), &Type::DATE) => {
                NaiveDate::parse_from_str(text, "%Y-%m-%d")?.to_sql(ty, out)
            }
            (Value::Text(text), _) => text.as_ref().to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

/// One row of a result, read by column name. The names of the result's columns are taken once
/// per query (`names`), so that finding a column is a comparison of short strings, not a call
/// into the driver for every field of every row.
pub(crate) struct Row<'r, 's> {
    kind: RowKind<'r, 's>,
    names: &'r [String],
    /// Where the next column is looked for first: readers ask in the order they selected, so
    /// that a row of twenty columns is read without comparing every name with every other.
    next: std::cell::Cell<usize>,
}

enum RowKind<'r, 's> {
    Sqlite(&'r rusqlite::Row<'s>),
    Postgres(&'r postgres::Row),
}

impl Row<'_, '_> {
    /// The position of `column` in the result.
    fn index(&self, column: &str) -> Result<usize, StoreError> {
        let hint = self.next.get();
        let at = if self.names.get(hint).is_some_and(|name| name == column) {
            hint
        } else {
            self.names
                .iter()
                .position(|name| name == column)
                .ok_or_else(|| StoreError::Corrupt(format!("no column {column} in the result")))?
        };
        self.next.set(at + 1);
        Ok(at)
    }

    /// How many columns the row has.
    pub(crate) fn width(&self) -> usize {
        self.names.len()
    }

    /// The value at position `i` as it is stored, whatever its type, for a copy of the table:
    /// a number, a truth value, a text (a date as `YYYY-MM-DD`), or null.
    pub(crate) fn cell(&self, i: usize) -> Result<serde_json::Value, StoreError> {
        use serde_json::Value as J;
        match self.kind {
            RowKind::Sqlite(row) => Ok(match row.get_ref(i)? {
                rusqlite::types::ValueRef::Null => J::Null,
                rusqlite::types::ValueRef::Integer(n) => J::from(n),
                rusqlite::types::ValueRef::Text(bytes) => J::String(
                    String::from_utf8(bytes.to_vec())
                        .map_err(|_| StoreError::Corrupt("text that is not UTF-8".into()))?,
                ),
                rusqlite::types::ValueRef::Real(_) | rusqlite::types::ValueRef::Blob(_) => {
                    return Err(StoreError::Corrupt(format!(
                        "column {} holds a number with a fraction or bytes, which no column of the schema keeps",
                        self.names[i]
                    )));
                }
            }),
            RowKind::Postgres(row) => {
                let ty = row.columns()[i].type_().clone();
                Ok(match ty {
                    Type::INT2 => row.try_get::<_, Option<i16>>(i)?.map_or(J::Null, J::from),
                    Type::INT4 => row.try_get::<_, Option<i32>>(i)?.map_or(J::Null, J::from),
                    Type::INT8 => row.try_get::<_, Option<i64>>(i)?.map_or(J::Null, J::from),
                    Type::BOOL => row.try_get::<_, Option<bool>>(i)?.map_or(J::Null, J::from),
                    Type::DATE => row
                        .try_get::<_, Option<NaiveDate>>(i)?
                        .map_or(J::Null, |d| J::String(d.to_string())),
                    Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => row
                        .try_get::<_, Option<String>>(i)?
                        .map_or(J::Null, J::String),
                    other => {
                        return Err(StoreError::Corrupt(format!(
                            "column {} is of type {other}, which no column of the schema has",
                            self.names[i]
                        )));
                    }
                })
            }
        }
    }

    pub(crate) fn opt_text(&self, column: &str) -> Result<Option<String>, StoreError> {
        let i = self.index(column)?;
        match self.kind {
            RowKind::Sqlite(row) => Ok(row.get(i)?),
            RowKind::Postgres(row) => Ok(row.try_get(i)?),
        }
    }

    pub(crate) fn text(&self, column: &str) -> Result<String, StoreError> {
        self.opt_text(column)?.ok_or_else(|| null(column))
    }

    /// `read` given the column's text as the driver holds it, without copying it into a
    /// `String` first: for a value parsed into something else (a case number, a court code, a
    /// procedure), where the copy would be made only to be dropped.
    pub(crate) fn with_opt_str<T>(
        &self,
        column: &str,
        read: impl FnOnce(Option<&str>) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let i = self.index(column)?;
        match self.kind {
            RowKind::Sqlite(row) => read(
                row.get_ref(i)?
                    .as_str_or_null()
                    .map_err(rusqlite::Error::from)?,
            ),
            RowKind::Postgres(row) => read(row.try_get::<_, Option<&str>>(i)?),
        }
    }

    pub(crate) fn opt_int(&self, column: &str) -> Result<Option<i64>, StoreError> {
        let i = self.index(column)?;
        match self.kind {
            RowKind::Sqlite(row) => Ok(row.get(i)?),
            RowKind::Postgres(row) => Ok(match *row.columns()[i].type_() {
                Type::INT2 => row.try_get::<_, Option<i16>>(i)?.map(i64::from),
                Type::INT4 => row.try_get::<_, Option<i32>>(i)?.map(i64::from),
                _ => row.try_get::<_, Option<i64>>(i)?,
            }),
        }
    }

    pub(crate) fn int(&self, column: &str) -> Result<i64, StoreError> {
        self.opt_int(column)?.ok_or_else(|| null(column))
    }

    pub(crate) fn opt_bool(&self, column: &str) -> Result<Option<bool>, StoreError> {
        let i = self.index(column)?;
        match self.kind {
            RowKind::Sqlite(row) => Ok(row.get(i)?),
            RowKind::Postgres(row) => Ok(row.try_get(i)?),
        }
    }

    pub(crate) fn bool(&self, column: &str) -> Result<bool, StoreError> {
        let i = self.index(column)?;
        match self.kind {
            RowKind::Sqlite(row) => Ok(row.get(i)?),
            RowKind::Postgres(row) => Ok(row.try_get(i)?),
        }
    }

    pub(crate) fn opt_date(&self, column: &str) -> Result<Option<NaiveDate>, StoreError> {
        let i = self.index(column)?;
        match self.kind {
            RowKind::Sqlite(row) => row
                .get_ref(i)?
                .as_str_or_null()
                .map_err(rusqlite::Error::from)?
                .map(|text| {
                    iso_date(text).ok_or_else(|| {
                        StoreError::Corrupt(format!("column {column}: unreadable date \"{text}\""))
                    })
                })
                .transpose(),
            RowKind::Postgres(row) => Ok(row.try_get(i)?),
        }
    }

    pub(crate) fn date(&self, column: &str) -> Result<NaiveDate, StoreError> {
        self.opt_date(column)?.ok_or_else(|| null(column))
    }
}

/// A stored date, "2024-03-05": read by hand, the store writes no other form (a general parser
/// was a noticeable part of reading millions of rows).
fn iso_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return text.parse().ok();
    }
    let number = |range: std::ops::Range<usize>| -> Option<u32> {
        b[range].iter().try_fold(0u32, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    NaiveDate::from_ymd_opt(
        i32::try_from(number(0..4)?).ok()?,
        number(5..7)?,
        number(8..10)?,
    )
}

fn null(column: &str) -> StoreError {
    StoreError::Corrupt(format!(
        "column {column} is empty where a value is required"
    ))
}

/// An open connection of either kind, with its prepared statements kept for reuse.
pub(crate) enum Db {
    Sqlite(rusqlite::Connection),
    Postgres(Box<PgConnection>),
}

pub(crate) struct PgConnection {
    pub(crate) client: postgres::Client,
    statements: HashMap<String, postgres::Statement>,
    /// How many transactions are open, the outer one and the savepoints inside it (SQLite says
    /// so itself; the PostgreSQL client does not).
    depth: u32,
}

impl PgConnection {
    pub(crate) fn new(client: postgres::Client) -> PgConnection {
        PgConnection {
            client,
            statements: HashMap::new(),
            depth: 0,
        }
    }

    /// The statement for portable `sql`, translated and prepared once per connection.
    fn prepare(&mut self, sql: &str) -> Result<postgres::Statement, StoreError> {
        if let Some(statement) = self.statements.get(sql) {
            return Ok(statement.clone());
        }
        let statement = self.client.prepare(&for_postgres(sql))?;
        self.statements.insert(sql.to_string(), statement.clone());
        Ok(statement)
    }
}

impl fmt::Debug for Db {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.backend_name())
    }
}

/// What a unit of work opened: the transaction, or a savepoint inside the one already open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Unit {
    Outer,
    Savepoint,
}

/// SQLite's page cache while a whole table is read once through, in KiB (SQLite's default).
const SCAN_CACHE_KIB: i64 = 2000;

impl Db {
    /// Runs `scan`, a read of a whole table once through, with SQLite's page cache held at
    /// [`SCAN_CACHE_KIB`]: a page the scan has passed is not read again, and the connection's
    /// large cache (kept for imports) would fill with them — half a gigabyte held by a process
    /// that reads ten million cases to keep a few hundred thousand. The cache size is put back
    /// afterwards. PostgreSQL streams rows without such a cache, and runs `scan` as it is.
    pub(crate) fn scanning<T>(
        &mut self,
        scan: impl FnOnce(&mut Db) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let Db::Sqlite(conn) = self else {
            return scan(self);
        };
        let before: i64 = conn.pragma_query_value(None, "cache_size", |row| row.get(0))?;
        conn.pragma_update(None, "cache_size", -SCAN_CACHE_KIB)?;
        let result = scan(self);
        if let Db::Sqlite(conn) = self {
            conn.pragma_update(None, "cache_size", before)?;
        }
        result
    }

    /// How long a statement waits for another writer's lock (see `Store::wait_when_busy`).
    pub(crate) fn wait_when_busy(&mut self, wait: std::time::Duration) -> Result<(), StoreError> {
        match self {
            Db::Sqlite(conn) => conn.busy_timeout(wait)?,
            Db::Postgres(pg) => {
                let millis = wait.as_millis().max(1);
                pg.client
                    .batch_execute(&format!("SET lock_timeout = {millis}"))?;
            }
        }
        Ok(())
    }

    pub(crate) fn backend_name(&self) -> &'static str {
        match self {
            Db::Sqlite(_) => "sqlite",
            Db::Postgres(_) => "postgres",
        }
    }

    /// Runs a statement; returns the number of rows it changed.
    pub(crate) fn execute(&mut self, sql: &str, params: &[Value<'_>]) -> Result<u64, StoreError> {
        match self {
            Db::Sqlite(conn) => {
                let mut statement = conn.prepare_cached(sql)?;
                Ok(statement.execute(rusqlite::params_from_iter(params))? as u64)
            }
            Db::Postgres(pg) => {
                let statement = pg.prepare(sql)?;
                Ok(pg.client.execute(&statement, &pg_params(params))?)
            }
        }
    }

    /// Runs one statement once per parameter row, prepared once (the write path of an import);
    /// `each` is told how many rows each run changed.
    pub(crate) fn execute_each<'v, P: AsRef<[Value<'v>]>>(
        &mut self,
        sql: &str,
        rows: impl IntoIterator<Item = P>,
        mut each: impl FnMut(u64),
    ) -> Result<(), StoreError> {
        match self {
            Db::Sqlite(conn) => {
                let mut statement = conn.prepare_cached(sql)?;
                for params in rows {
                    each(statement.execute(rusqlite::params_from_iter(params.as_ref()))? as u64);
                }
            }
            Db::Postgres(pg) => {
                let statement = pg.prepare(sql)?;
                for params in rows {
                    each(pg.client.execute(&statement, &pg_params(params.as_ref()))?);
                }
            }
        }
        Ok(())
    }

    /// Runs a query and reads each row with `read`.
    pub(crate) fn query<T>(
        &mut self,
        sql: &str,
        params: &[Value<'_>],
        mut read: impl FnMut(&Row<'_, '_>) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        match self {
            Db::Sqlite(conn) => {
                let mut statement = conn.prepare_cached(sql)?;
                let names = sqlite_names(&statement);
                let mut rows = statement.query(rusqlite::params_from_iter(params))?;
                let mut out = Vec::new();
                while let Some(row) = rows.next()? {
                    out.push(read(&Row {
                        kind: RowKind::Sqlite(row),
                        names: &names,
                        next: std::cell::Cell::new(0),
                    })?);
                }
                Ok(out)
            }
            Db::Postgres(pg) => {
                let statement = pg.prepare(sql)?;
                let names = pg_names(&statement);
                let rows = pg.client.query(&statement, &pg_params(params))?;
                rows.iter()
                    .map(|row| {
                        read(&Row {
                            kind: RowKind::Postgres(row),
                            names: &names,
                            next: std::cell::Cell::new(0),
                        })
                    })
                    .collect()
            }
        }
    }

    /// Runs a query and hands each row to `each` as it comes, holding no more than one row: the
    /// way to read millions of rows.
    pub(crate) fn query_each(
        &mut self,
        sql: &str,
        params: &[Value<'_>],
        mut each: impl FnMut(&Row<'_, '_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        match self {
            Db::Sqlite(conn) => {
                let mut statement = conn.prepare_cached(sql)?;
                let names = sqlite_names(&statement);
                let mut rows = statement.query(rusqlite::params_from_iter(params))?;
                while let Some(row) = rows.next()? {
                    each(&Row {
                        kind: RowKind::Sqlite(row),
                        names: &names,
                        next: std::cell::Cell::new(0),
                    })?;
                }
                Ok(())
            }
            Db::Postgres(pg) => {
                let statement = pg.prepare(sql)?;
                let names = pg_names(&statement);
                let params = pg_params(params);
                let mut rows = pg.client.query_raw(&statement, params)?;
                while let Some(row) =
                    postgres::fallible_iterator::FallibleIterator::next(&mut rows)?
                {
                    each(&Row {
                        kind: RowKind::Postgres(&row),
                        names: &names,
                        next: std::cell::Cell::new(0),
                    })?;
                }
                Ok(())
            }
        }
    }

    /// The first row of a query, if any.
    pub(crate) fn query_opt<T>(
        &mut self,
        sql: &str,
        params: &[Value<'_>],
        read: impl FnMut(&Row<'_, '_>) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        Ok(self.query(sql, params, read)?.into_iter().next())
    }

    /// A single number (a count).
    pub(crate) fn count(&mut self, sql: &str, params: &[Value<'_>]) -> Result<u64, StoreError> {
        let n = self
            .query_opt(sql, params, |row| row.int("n"))?
            .unwrap_or(0);
        u64::try_from(n).map_err(|_| StoreError::Corrupt(format!("negative count {n}")))
    }

    /// Runs `work` in one transaction: committed when it returns `Ok`, rolled back when it
    /// returns an error. SQLite takes the write lock at the start (`BEGIN IMMEDIATE`), so two
    /// writers wait for each other instead of failing halfway. Inside another transaction it is
    /// a savepoint of that one: its work is undone alone when it fails, and made lasting only
    /// when the outer transaction commits — so a change and the audit entry that records it are
    /// written together or not at all.
    pub(crate) fn transaction<T, E: From<StoreError>>(
        &mut self,
        work: impl FnOnce(&mut Db) -> Result<T, E>,
    ) -> Result<T, E> {
        let unit = self.begin_unit()?;
        // A panic inside the work rolls the unit back before it goes on up.
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(self))) {
            Ok(done) => self.end_unit(unit, done),
            Err(panic) => {
                let _ = self.end_unit::<(), StoreError>(
                    unit,
                    Err(StoreError::Corrupt("the work panicked".into())),
                );
                std::panic::resume_unwind(panic)
            }
        }
    }

    /// Opens a transaction, or a savepoint inside the one open; what ends it.
    pub(crate) fn begin_unit(&mut self) -> Result<Unit, StoreError> {
        let unit = if self.in_transaction() {
            Unit::Savepoint
        } else {
            Unit::Outer
        };
        let begin = match (unit, &*self) {
            (Unit::Savepoint, _) => "SAVEPOINT unit",
            (Unit::Outer, Db::Sqlite(_)) => "BEGIN IMMEDIATE",
            (Unit::Outer, Db::Postgres(_)) => "BEGIN",
        };
        self.batch(begin)?;
        self.enter(1);
        Ok(unit)
    }

    /// Ends what `begin_unit` opened: commits (or releases the savepoint) when the work is
    /// `Ok`, rolls back otherwise; the work's result, or the commit's error.
    pub(crate) fn end_unit<T, E: From<StoreError>>(
        &mut self,
        unit: Unit,
        done: Result<T, E>,
    ) -> Result<T, E> {
        self.enter(-1);
        let (commit, rollback) = match unit {
            Unit::Savepoint => (
                "RELEASE SAVEPOINT unit",
                "ROLLBACK TO SAVEPOINT unit; RELEASE SAVEPOINT unit",
            ),
            Unit::Outer => ("COMMIT", "ROLLBACK"),
        };
        match done {
            Ok(value) => {
                if let Err(e) = self.batch(commit) {
                    // A failed COMMIT can leave the transaction open: end it.
                    if unit == Unit::Outer {
                        let _ = self.batch("ROLLBACK");
                    }
                    return Err(e.into());
                }
                Ok(value)
            }
            Err(e) => {
                // The work's error is the one to report; a failed rollback changes nothing more.
                let _ = self.batch(rollback);
                Err(e)
            }
        }
    }

    /// Whether a transaction is open on this connection.
    pub(crate) fn in_transaction(&self) -> bool {
        match self {
            Db::Sqlite(conn) => !conn.is_autocommit(),
            Db::Postgres(pg) => pg.depth > 0,
        }
    }

    /// Counts a transaction opened (1) or ended (-1) where the backend does not count them.
    fn enter(&mut self, by: i32) {
        if let Db::Postgres(pg) = self {
            pg.depth = pg.depth.saturating_add_signed(by);
        }
    }

    /// Makes the writers of the chained log `table` wait for each other until this transaction
    /// ends, so that two never chain to the same entry. SQLite's write lock is taken at BEGIN.
    /// PostgreSQL's is a transaction-scoped advisory lock keyed by the table (its OID, so a store
    /// in another schema of the database is not held up) rather than `LOCK TABLE`, which needs
    /// the right to change or empty the table: with the advisory lock, the service's database
    /// role can be granted nothing on the logs but to read and add (docs/operations.md).
    pub(crate) fn lock_appending(&mut self, table: &'static str) -> Result<(), StoreError> {
        if matches!(self, Db::Postgres(_)) {
            debug_assert!(table.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'));
            self.query(
                &format!(
                    "SELECT pg_advisory_xact_lock({APPEND_LOCK_CLASS}, '{table}'::regclass::oid::int)"
                ),
                &[],
                |_| Ok(()),
            )?;
        }
        Ok(())
    }

    /// Runs statements without parameters (schema changes, transaction control).
    pub(crate) fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        match self {
            Db::Sqlite(conn) => conn.execute_batch(sql)?,
            Db::Postgres(pg) => pg.client.batch_execute(sql)?,
        }
        Ok(())
    }
}

/// The first half of the advisory-lock keys of the chained logs (`Db::lock_appending`): "SG". The
/// migrations' lock is a one-number key, which PostgreSQL keeps apart from two-number ones.
const APPEND_LOCK_CLASS: i32 = 0x5347;

/// The names of a statement's result columns, once per query.
fn sqlite_names(statement: &rusqlite::Statement<'_>) -> Vec<String> {
    statement.column_names().map(str::to_string).collect()
}

fn pg_names(statement: &postgres::Statement) -> Vec<String> {
    statement
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect()
}

fn pg_params<'v>(params: &'v [Value<'_>]) -> Vec<&'v (dyn ToSql + Sync)> {
    params.iter().map(|v| v as &(dyn ToSql + Sync)).collect()
}

/// The condition that keeps the rows of a court scope on `column` (a court code), with its
/// parameter: the court alone, or it and the courts below it (their codes begin with its code).
pub(crate) fn court_condition(
    scope: shenguan_domain::CourtScope,
    column: &str,
) -> (String, Value<'static>) {
    if scope.is_one_court() {
        (format!("{column} = ?"), scope.court.to_string().into())
    } else {
        (
            format!("{column} LIKE ?"),
            format!("{}%", scope.court).into(),
        )
    }
}

/// `n` placeholders separated by commas, for `IN (…)` lists.
pub(crate) fn marks(n: usize) -> String {
    vec!["?"; n].join(", ")
}

/// How many keys a lookup binds at once.
const LOOKUP_GROUP: usize = 500;

/// Runs `select` (a query ending in the column to match, as `… WHERE t.case_no`) once per group
/// of `keys`, as `select IN (…)`, and gathers the rows. Each statement binds the same number of
/// parameters (the last group padded with its first key), so that it is prepared once.
pub(crate) fn in_groups<K, T>(
    db: &mut Db,
    select: &str,
    keys: &[K],
    mut read: impl FnMut(&Row<'_, '_>) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError>
where
    for<'k> &'k K: Into<Value<'k>>,
{
    let sql = format!("{select} IN ({})", marks(LOOKUP_GROUP));
    let mut found = Vec::new();
    for group in keys.chunks(LOOKUP_GROUP) {
        let mut values: Vec<Value<'_>> = group.iter().map(Into::into).collect();
        values.resize(LOOKUP_GROUP, (&group[0]).into());
        found.extend(db.query(&sql, &values, &mut read)?);
    }
    Ok(found)
}

/// Portable SQL as PostgreSQL reads it: `?` numbered `$1, $2, …` (outside quoted text), and
/// `COLLATE BINARY` as `COLLATE "C"`.
pub(crate) fn for_postgres(sql: &str) -> String {
    let sql = sql.replace("COLLATE BINARY", "COLLATE \"C\"");
    let mut out = String::with_capacity(sql.len() + 16);
    let mut n = 0;
    let mut quoted = false;
    for ch in sql.chars() {
        match ch {
            '\'' => {
                quoted = !quoted;
                out.push(ch);
            }
            '?' if !quoted => {
                n += 1;
                out.push('$');
                out.push_str(&n.to_string());
            }
            _ => out.push(ch),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_numbered_outside_quoted_text_and_byte_order_is_spelled_for_postgres() {
        assert_eq!(
            for_postgres(
                "SELECT a FROM t WHERE b = ? AND c = '?' AND d IN (?, ?) ORDER BY a COLLATE BINARY"
            ),
            "SELECT a FROM t WHERE b = $1 AND c = '?' AND d IN ($2, $3) ORDER BY a COLLATE \"C\""
        );
        assert_eq!(for_postgres("SELECT 1"), "SELECT 1");
        assert_eq!(marks(3), "?, ?, ?");
    }

    #[test]
    fn stored_dates_are_read_exactly() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(iso_date("2024-02-29"), day(2024, 2, 29));
        assert_eq!(iso_date("1949-10-01"), day(1949, 10, 1));
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "2024-1a-01",
            "20240301",
            "",
            "2024-03-05x",
        ] {
            assert_eq!(iso_date(bad), None, "{bad}");
        }
    }
}
