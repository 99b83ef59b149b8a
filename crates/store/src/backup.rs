//! A store's own tables as a logical copy, and back (docs/operations.md, "备份与恢复 Backup and
//! restore"). Every table is read in one snapshot — a read transaction, which neither waits for
//! writers nor makes them wait — as JSON lines, one array per row in the table's column order,
//! the rows in the order of their values; each table's lines have a count and a SHA-256. A
//! restore builds the schema the copy was made at in an empty store, writes the rows, and reads
//! them back the same way: the counts and hashes must be the copy's, or nothing is kept — all of
//! it in one transaction.
//!
//! Why a logical copy on both backends rather than SQLite's page copy or `pg_dump`: one format and
//! one check for both, a check that compares the data itself (not bytes of a file that can differ
//! while the data is the same), nothing outside the program to install on a PostgreSQL server,
//! and only the program's own tables, whatever else shares the database.

use std::collections::BTreeSet;

use serde_json::Value as J;
use sha2::{Digest, Sha256};
use shenguan_domain::text;

use crate::StoreError;
use crate::migrations;
use crate::sql::{Db, Value};

/// One table of a copy: its columns, how many rows, and the SHA-256 of its lines.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TableSum {
    pub name: String,
    pub columns: Vec<String>,
    pub rows: u64,
    pub sha256: String,
}

/// What a copy hands its writer, in order: a table, its lines, then the next table.
#[derive(Debug)]
pub enum Dumped<'a> {
    Table {
        name: &'a str,
        columns: &'a [String],
    },
    /// One row, as its JSON line (ending in `\n`).
    Line(&'a [u8]),
}

/// What a restore asks for each table of a copy: its lines, handed one at a time to the writer
/// it is given (each line without its `\n`).
pub type Feed<'a> = dyn FnMut(&TableSum, &mut dyn FnMut(&[u8]) -> Result<(), StoreError>) -> Result<(), StoreError>
    + 'a;

/// The name every table and column of the schema has: lower-case letters, digits and `_`. A
/// name from a copy is held to it before it reaches SQL.
pub fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// The names of the tables the program's schema has at `version` (and its ledger): read off the
/// SQLite scripts applied to a database in memory — both backends name their tables alike. Any
/// other table sharing the database (an extension's, an administrator's) is not the program's,
/// and a backup leaves it alone.
fn program_tables(version: i64) -> Result<BTreeSet<String>, StoreError> {
    let conn = rusqlite::Connection::open_in_memory()?;
    for (_, _, script) in migrations::scripts(false)
        .iter()
        .filter(|(v, ..)| *v <= version)
    {
        conn.execute_batch(script)?;
    }
    let mut names: BTreeSet<String> = conn
        .prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )?
        .query_map([], |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    names.insert("schema_migrations".into());
    Ok(names)
}

/// The program's tables at schema `version` with their columns, each after the tables it
/// refers to (so that rows can be written in this order), by name where the order is free.
pub(crate) fn tables(db: &mut Db, version: i64) -> Result<Vec<(String, Vec<String>)>, StoreError> {
    let ours = program_tables(version)?;
    let (names, links) = match db {
        Db::Sqlite(_) => (
            db.query(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                 ORDER BY name",
                &[],
                |row| row.text("name"),
            )?,
            db.query(
                "SELECT m.name AS child, f.\"table\" AS parent
                 FROM sqlite_master m, pragma_foreign_key_list(m.name) f
                 WHERE m.type = 'table'",
                &[],
                |row| Ok((row.text("child")?, row.text("parent")?)),
            )?,
        ),
        Db::Postgres(_) => (
            db.query(
                "SELECT table_name::text AS name FROM information_schema.tables
                 WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'
                 ORDER BY table_name",
                &[],
                |row| row.text("name"),
            )?,
            db.query(
                "SELECT child.relname::text AS child, parent.relname::text AS parent
                 FROM pg_constraint c
                 JOIN pg_class child ON child.oid = c.conrelid
                 JOIN pg_class parent ON parent.oid = c.confrelid
                 WHERE c.contype = 'f' AND child.relnamespace = current_schema()::text::regnamespace",
                &[],
                |row| Ok((row.text("child")?, row.text("parent")?)),
            )?,
        ),
    };
    let names: Vec<String> = names.into_iter().filter(|n| ours.contains(n)).collect();
    let mut ordered: Vec<String> = Vec::new();
    let mut placed: BTreeSet<String> = BTreeSet::new();
    while ordered.len() < names.len() {
        let before = ordered.len();
        for name in &names {
            let ready = links
                .iter()
                .filter(|(child, parent)| child == name && parent != name)
                .all(|(_, parent)| placed.contains(parent) || !names.contains(parent));
            if !placed.contains(name) && ready {
                placed.insert(name.clone());
                ordered.push(name.clone());
            }
        }
        if ordered.len() == before {
            return Err(StoreError::Corrupt(
                "the tables refer to each other in a circle".into(),
            ));
        }
    }
    let mut out = Vec::with_capacity(ordered.len());
    for name in ordered {
        let columns = columns(db, &name)?;
        out.push((name, columns));
    }
    Ok(out)
}

/// The columns of `table` in their order.
fn columns(db: &mut Db, table: &str) -> Result<Vec<String>, StoreError> {
    match db {
        Db::Sqlite(_) => db.query(
            "SELECT name FROM pragma_table_info(?) ORDER BY cid",
            &[table.into()],
            |row| row.text("name"),
        ),
        Db::Postgres(_) => db.query(
            "SELECT column_name::text AS name FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = ?
             ORDER BY ordinal_position",
            &[table.into()],
            |row| row.text("name"),
        ),
    }
}

/// The order a table's rows are read in: by every column, first to last, text in the order of
/// its bytes on both backends (PostgreSQL's own order follows the database's locale, which may
/// differ between the server backed up and the one restored to).
fn row_order(db: &mut Db, table: &str, columns: &[String]) -> Result<String, StoreError> {
    let text: BTreeSet<String> = match db {
        Db::Sqlite(_) => BTreeSet::new(),
        Db::Postgres(_) => db
            .query(
                "SELECT column_name::text AS name FROM information_schema.columns
                 WHERE table_schema = current_schema() AND table_name = ?
                   AND data_type IN ('text', 'character varying', 'character')",
                &[table.into()],
                |row| row.text("name"),
            )?
            .into_iter()
            .collect(),
    };
    Ok(columns
        .iter()
        .map(|c| {
            if text.contains(c) {
                format!("\"{c}\" COLLATE \"C\"")
            } else {
                format!("\"{c}\"")
            }
        })
        .collect::<Vec<_>>()
        .join(", "))
}

/// Reads every table of the program's schema at `version` through `out` (none given: only
/// counted and hashed); each table's sum. The caller holds the snapshot.
pub(crate) fn dump(
    db: &mut Db,
    version: i64,
    out: &mut dyn FnMut(Dumped<'_>) -> Result<(), StoreError>,
) -> Result<Vec<TableSum>, StoreError> {
    let mut sums = Vec::new();
    for (name, columns) in tables(db, version)? {
        out(Dumped::Table {
            name: &name,
            columns: &columns,
        })?;
        let listed: Vec<String> = columns.iter().map(|c| format!("\"{c}\"")).collect();
        let order = row_order(db, &name, &columns)?;
        let sql = format!(
            "SELECT {} FROM \"{name}\" ORDER BY {order}",
            listed.join(", ")
        );
        let (mut rows, mut hasher, mut line) = (0_u64, Sha256::new(), Vec::new());
        db.query_each(&sql, &[], |row| {
            let cells = (0..row.width())
                .map(|i| row.cell(i))
                .collect::<Result<Vec<J>, StoreError>>()?;
            line.clear();
            serde_json::to_writer(&mut line, &cells)
                .map_err(|e| StoreError::Corrupt(e.to_string()))?;
            line.push(b'\n');
            hasher.update(&line);
            rows += 1;
            out(Dumped::Line(&line))
        })?;
        sums.push(TableSum {
            name,
            columns,
            rows,
            sha256: hex(&hasher.finalize()),
        });
    }
    Ok(sums)
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs `work` in a read snapshot: everything it reads is as of one moment, while writers go on.
pub(crate) fn in_snapshot<T>(
    db: &mut Db,
    work: impl FnOnce(&mut Db) -> Result<T, StoreError>,
) -> Result<T, StoreError> {
    db.batch(match db {
        // Deferred: the snapshot starts at the first read, and no write lock is taken.
        Db::Sqlite(_) => "BEGIN",
        Db::Postgres(_) => "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY",
    })?;
    let done = work(db);
    let end = db.batch(if done.is_ok() { "COMMIT" } else { "ROLLBACK" });
    let value = done?;
    end?;
    Ok(value)
}

/// Whether the database on `db` holds none of the program's tables: a restore goes into an
/// empty one only.
pub(crate) fn is_empty(db: &mut Db) -> Result<bool, StoreError> {
    Ok(tables(db, migrations::latest())?.is_empty())
}

/// One row of a copy's table, from its JSON line: each value checked to be what a column can
/// hold, then handed to the database as a parameter.
fn values_of(line: &[u8], width: usize) -> Result<Vec<Value<'static>>, String> {
    let cells: Vec<J> = serde_json::from_slice(line).map_err(|e| e.to_string())?;
    if cells.len() != width {
        return Err(format!("{} values for {width} columns", cells.len()));
    }
    cells
        .into_iter()
        .map(|cell| match cell {
            J::Null => Ok(Value::Null),
            J::Bool(b) => Ok(Value::Bool(b)),
            J::String(s) => Ok(Value::from(s)),
            J::Number(n) => n
                .as_i64()
                .map(Value::Int)
                .ok_or_else(|| format!("{n} is not a whole number")),
            other => Err(format!("{other} is not a value a column holds")),
        })
        .collect()
}

/// Writes a copy into the empty store on `db`: the schema at `schema_version`, then each table
/// of `sums` fed line by line by `feed`, then every table read back and held to `sums`. All in
/// one transaction: it commits only when every count and hash agrees.
pub(crate) fn restore(
    db: &mut Db,
    schema_version: i64,
    sums: &[TableSum],
    feed: &mut Feed<'_>,
    progress: &mut dyn FnMut(u64),
) -> Result<(), StoreError> {
    if !is_empty(db)? {
        return Err(StoreError::Url(text!(
            "恢复的目标数据库不是空的：只能恢复到新的（空的）数据库，以免覆盖现有数据",
            "the store to restore into is not empty: a backup is restored only into a new, empty store, so that nothing is overwritten"
        )));
    }
    if schema_version > migrations::latest() {
        return Err(migrations::newer(schema_version));
    }
    if schema_version < 1 {
        return Err(StoreError::Corrupt(format!(
            "schema version {schema_version} is no version a store has"
        )));
    }
    db.transaction(|db| {
        migrations::migrate_to(db, schema_version)?;
        let built = tables(db, schema_version)?;
        // What the migrations seeded (a counter's first row) gives way to the copy's rows.
        for (name, _) in built.iter().rev() {
            if name != "schema_migrations" {
                db.execute(&format!("DELETE FROM \"{name}\""), &[])?;
            }
        }
        check_tables(&built, sums)?;
        let mut written = 0_u64;
        for sum in sums.iter().filter(|s| s.name != "schema_migrations") {
            let listed: Vec<String> = sum.columns.iter().map(|c| format!("\"{c}\"")).collect();
            let marks = vec!["?"; sum.columns.len()].join(", ");
            let sql = format!(
                "INSERT INTO \"{}\" ({}) VALUES ({marks})",
                sum.name,
                listed.join(", ")
            );
            let mut line_no = 0_u64;
            feed(sum, &mut |line| {
                line_no += 1;
                let values = values_of(line, sum.columns.len()).map_err(|why| {
                    StoreError::Corrupt(format!("table {} line {line_no}: {why}", sum.name))
                })?;
                db.execute(&sql, &values)?;
                written += 1;
                if written.is_multiple_of(10_000) {
                    progress(written);
                }
                Ok(())
            })?;
        }
        if matches!(db, Db::Postgres(_)) {
            restart_sequences(db)?;
        }
        let read_back = dump(db, schema_version, &mut |_| Ok(()))?;
        for (want, got) in sums.iter().zip(&read_back) {
            if want != got {
                let name = &want.name;
                return Err(StoreError::Corrupt(format!(
                    "table {name} read back as {} rows with hash {}, not the backup's {} rows with hash {}",
                    got.rows, got.sha256, want.rows, want.sha256
                )));
            }
        }
        Ok(())
    })
}

/// The copy must name the tables and columns the schema at its version has, in its order.
fn check_tables(built: &[(String, Vec<String>)], sums: &[TableSum]) -> Result<(), StoreError> {
    let theirs: Vec<(&str, &[String])> = sums
        .iter()
        .map(|s| (s.name.as_str(), s.columns.as_slice()))
        .collect();
    let ours: Vec<(&str, &[String])> = built
        .iter()
        .map(|(n, c)| (n.as_str(), c.as_slice()))
        .collect();
    if theirs != ours {
        let first = theirs.iter().zip(&ours).find(|(a, b)| a != b).map_or_else(
            || "the number of tables".to_string(),
            |(a, _)| a.0.to_string(),
        );
        return Err(StoreError::Corrupt(format!(
            "the backup's tables and columns are not those of its schema version (first difference: {first})"
        )));
    }
    Ok(())
}

/// PostgreSQL's serial columns go on from the largest number restored, so that the next row
/// written is not given a number a restored row has.
fn restart_sequences(db: &mut Db) -> Result<(), StoreError> {
    let serials = db.query(
        "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns
         WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'",
        &[],
        |row| Ok((row.text("t")?, row.text("c")?)),
    )?;
    for (table, column) in serials {
        db.query(
            &format!(
                "SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'),
                               coalesce(max(\"{column}\"), 0) + 1, false) AS n FROM \"{table}\""
            ),
            &[],
            |_| Ok(()),
        )?;
    }
    Ok(())
}
