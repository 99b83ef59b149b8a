//! The SQLite backend: one file, WAL journal, foreign keys on; dates stored as ISO text, which
//! sorts and compares as dates.

use std::collections::HashSet;
use std::path::Path;
use std::time::Duration;

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params, params_from_iter};
use shenguan_domain::{CaseRecord, Court, EventRecord};

use crate::accounts::{self, AuditEntry, UserRow};
use crate::migrations::{CREATE_LEDGER, SQLITE};
use crate::rows::{
    CASE_COLUMNS, CaseRow, CourtRow, court_prefix, court_upsert_sql, event_record, page_conditions,
};
use crate::{CasePage, CaseQuery, PROGRESS_EVERY, StoreError, WriteStats};

/// The page cache, in KiB: 512 MiB at most, used only as far as the database needs it.
const CACHE_KIB: i64 = 512 * 1024;

pub(crate) struct SqliteStore {
    conn: Connection,
}

impl SqliteStore {
    pub(crate) fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(Duration::from_secs(10))?;
        // WAL keeps readers going during an import; with NORMAL sync a crash of the process never
        // loses a committed transaction and never exposes an uncommitted one.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // A large page cache keeps the B-trees of a million-row import in memory instead of
        // re-reading pages from the file for every insert (measured: 4× faster at one million).
        conn.pragma_update(None, "cache_size", -CACHE_KIB)?;
        let mut store = SqliteStore { conn };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        self.conn.execute_batch(CREATE_LEDGER)?;
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let applied: i64 = tx.query_row(
            "SELECT coalesce(max(version), 0) FROM schema_migrations",
            [],
            |r| r.get(0),
        )?;
        for (version, name, sql) in SQLITE.iter().filter(|(v, ..)| *v > applied) {
            tx.execute_batch(sql)?;
            tx.execute(
                "INSERT INTO schema_migrations (version, name) VALUES (?1, ?2)",
                params![version, name],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub(crate) fn write_courts(&mut self, courts: &[Court]) -> Result<u64, StoreError> {
        let tx = self.conn.transaction()?;
        {
            let mut upsert = tx.prepare(&court_upsert_sql('?'))?;
            for court in courts {
                upsert.execute(params![
                    court.code.to_string(),
                    court.name,
                    court.level().key(),
                    court.parent.map(|p| p.to_string()),
                ])?;
            }
        }
        tx.commit()?;
        Ok(courts.len() as u64)
    }

    pub(crate) fn court_rows(&mut self) -> Result<Vec<CourtRow>, StoreError> {
        let mut query = self
            .conn
            .prepare("SELECT code, name, parent_code FROM courts ORDER BY code")?;
        let rows = query
            .query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?
            .collect::<Result<Vec<CourtRow>, _>>()?;
        Ok(rows)
    }

    pub(crate) fn write_import<'a>(
        &mut self,
        batches: &mut dyn FnMut() -> Option<crate::Batch<'a>>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<WriteStats, StoreError> {
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let count = |tx: &rusqlite::Transaction<'_>| -> Result<u64, StoreError> {
            Ok(tx.query_row("SELECT count(*) FROM cases", [], |r| r.get::<_, i64>(0))? as u64)
        };
        let before = count(&tx)?;
        let (mut cases_seen, mut changed, mut written, mut events_added) = (0u64, 0u64, 0u64, 0u64);
        {
            let mut upsert = tx.prepare(&upsert_sql())?;
            let mut insert = tx.prepare(
                "INSERT INTO events (case_no, date, kind, detail) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT DO NOTHING",
            )?;
            while let Some((cases, events)) = batches() {
                // Inserting in key order appends to the primary B-tree instead of splitting
                // pages all over it.
                let mut ordered: Vec<&CaseRecord> = cases.iter().collect();
                ordered.sort_by_cached_key(|c| c.case_no.to_string());
                for record in ordered {
                    let r = CaseRow::from_record(record);
                    changed += upsert.execute(params![
                        r.case_no,
                        r.court_code,
                        r.court_name,
                        r.year,
                        r.type_code,
                        r.category,
                        r.stage,
                        r.legacy,
                        r.procedure,
                        r.cause,
                        r.division,
                        r.judge,
                        r.filed_on.to_string(),
                        r.closed_on.map(|d| d.to_string()),
                        r.closing_method,
                        r.claim_amount_fen,
                        r.recovered_amount_fen,
                        r.extension_days,
                        r.excluded_days,
                        r.origin_case_no,
                    ])? as u64;
                    written += 1;
                    if written.is_multiple_of(PROGRESS_EVERY) {
                        progress(written);
                    }
                }
                cases_seen += cases.len() as u64;
                for event in events.iter() {
                    events_added += insert.execute(params![
                        event.case_no.to_string(),
                        event.date.to_string(),
                        event.kind,
                        event.detail
                    ])? as u64;
                    written += 1;
                    if written.is_multiple_of(PROGRESS_EVERY) {
                        progress(written);
                    }
                }
            }
        }
        let after = count(&tx)?;
        progress(written);
        tx.commit()?;
        let added = after - before;
        let updated = changed - added;
        Ok(WriteStats {
            added,
            updated,
            unchanged: cases_seen - changed,
            events_added,
        })
    }

    pub(crate) fn cases(&mut self, query: &CaseQuery) -> Result<Vec<CaseRecord>, StoreError> {
        let sql = format!(
            "SELECT {} FROM cases c WHERE {} ORDER BY c.case_no",
            CASE_COLUMNS.join(", "),
            FILTER
        );
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map(filter_params(query), read_case_row)?;
        rows.map(|row| row.map_err(StoreError::from)?.into_record())
            .collect()
    }

    pub(crate) fn case_page(
        &mut self,
        query: &CaseQuery,
        page: &CasePage,
    ) -> Result<(u64, Vec<CaseRecord>), StoreError> {
        let (clause, values) = page_conditions(query, page, &|n, _| format!("?{n}"));
        let total: i64 = self.conn.query_row(
            &format!("SELECT count(*) FROM cases c WHERE {clause}"),
            rusqlite::params_from_iter(&values),
            |r| r.get(0),
        )?;
        let sql = format!(
            "SELECT {} FROM cases c WHERE {clause} ORDER BY c.case_no LIMIT {} OFFSET {}",
            CASE_COLUMNS.join(", "),
            i64::try_from(page.limit).unwrap_or(i64::MAX),
            i64::try_from(page.offset).unwrap_or(i64::MAX)
        );
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map(rusqlite::params_from_iter(&values), read_case_row)?;
        let cases = rows
            .map(|row| row.map_err(StoreError::from)?.into_record())
            .collect::<Result<Vec<_>, _>>()?;
        Ok((total as u64, cases))
    }

    pub(crate) fn events(&mut self, query: &CaseQuery) -> Result<Vec<EventRecord>, StoreError> {
        let sql = format!(
            "SELECT e.case_no, e.date, e.kind, e.detail FROM events e JOIN cases c ON c.case_no = e.case_no
             WHERE {FILTER} ORDER BY e.case_no, e.date, e.kind, e.detail"
        );
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map(filter_params(query), |row| {
            Ok((
                row.get::<_, String>(0)?,
                row.get::<_, String>(1)?,
                row.get(2)?,
                row.get(3)?,
            ))
        })?;
        rows.map(|row| {
            let (case_no, date, kind, detail) = row?;
            event_record(&case_no, parse_date(&date)?, kind, detail)
        })
        .collect()
    }

    pub(crate) fn existing_cases(
        &mut self,
        case_nos: &[String],
    ) -> Result<HashSet<String>, StoreError> {
        let mut found = HashSet::new();
        for chunk in case_nos.chunks(500) {
            let marks = vec!["?"; chunk.len()].join(",");
            let mut statement = self.conn.prepare(&format!(
                "SELECT case_no FROM cases WHERE case_no IN ({marks})"
            ))?;
            let rows =
                statement.query_map(params_from_iter(chunk.iter()), |r| r.get::<_, String>(0))?;
            for row in rows {
                found.insert(row?);
            }
        }
        Ok(found)
    }

    pub(crate) fn case(
        &mut self,
        case_no: &str,
    ) -> Result<Option<(CaseRecord, Vec<EventRecord>)>, StoreError> {
        let sql = format!(
            "SELECT {} FROM cases c WHERE c.case_no = ?1",
            CASE_COLUMNS.join(", ")
        );
        let Some(row) = self
            .conn
            .query_row(&sql, params![case_no], read_case_row)
            .optional()?
        else {
            return Ok(None);
        };
        let record = row.into_record()?;
        let mut statement = self.conn.prepare(
            "SELECT date, kind, detail FROM events WHERE case_no = ?1 ORDER BY date, kind, detail",
        )?;
        let events = statement
            .query_map(params![case_no], |row| {
                Ok((row.get::<_, String>(0)?, row.get(1)?, row.get(2)?))
            })?
            .map(|row| {
                let (date, kind, detail) = row?;
                event_record(case_no, parse_date(&date)?, kind, detail)
            })
            .collect::<Result<_, _>>()?;
        Ok(Some((record, events)))
    }

    pub(crate) fn put_user(&mut self, u: &UserRow) -> Result<(), StoreError> {
        self.conn.execute(
            &accounts::put_user_sql('?'),
            params![
                u.name,
                u.role,
                u.court_code,
                u.division,
                u.password_hash,
                u.created_at
            ],
        )?;
        Ok(())
    }

    pub(crate) fn user(&mut self, name: &str) -> Result<Option<UserRow>, StoreError> {
        Ok(self
            .conn
            .query_row(&accounts::user_sql('?'), params![name], read_user)
            .optional()?)
    }

    pub(crate) fn users(&mut self) -> Result<Vec<UserRow>, StoreError> {
        let mut query = self.conn.prepare(&accounts::users_sql())?;
        let rows = query.query_map([], read_user)?.collect::<Result<_, _>>()?;
        Ok(rows)
    }

    pub(crate) fn add_token(&mut self, hash: &str, user: &str, at: &str) -> Result<(), StoreError> {
        self.conn
            .execute(&accounts::add_token_sql('?'), params![hash, user, at])?;
        Ok(())
    }

    pub(crate) fn user_by_token(&mut self, hash: &str) -> Result<Option<UserRow>, StoreError> {
        Ok(self
            .conn
            .query_row(&accounts::user_by_token_sql('?'), params![hash], read_user)
            .optional()?)
    }

    pub(crate) fn audit(
        &mut self,
        at: &str,
        user: Option<&str>,
        action: &str,
        detail: &str,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(&accounts::audit_sql('?'), params![at, user, action, detail])?;
        Ok(())
    }

    pub(crate) fn audit_entries(&mut self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        let mut query = self.conn.prepare(&accounts::audit_entries_sql('?'))?;
        let rows = query
            .query_map(params![limit], |r| {
                Ok(AuditEntry {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    user: r.get(2)?,
                    action: r.get(3)?,
                    detail: r.get(4)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    pub(crate) fn count(&mut self, table: &str) -> Result<u64, StoreError> {
        let n: Option<i64> = self
            .conn
            .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
            .optional()?;
        Ok(n.unwrap_or(0) as u64)
    }
}

/// The court-and-period filter on `cases c`, parameters ?1 court prefix, ?2 to, ?3 from.
const FILTER: &str = "(?1 IS NULL OR c.court_code LIKE ?1 || '%')
     AND (?2 IS NULL OR c.filed_on <= ?2)
     AND (?3 IS NULL OR c.closed_on IS NULL OR c.closed_on >= ?3)";

fn filter_params(query: &CaseQuery) -> [Option<String>; 3] {
    [
        court_prefix(query.court),
        query.to.map(|d| d.to_string()),
        query.from.map(|d| d.to_string()),
    ]
}

fn upsert_sql() -> String {
    let columns = CASE_COLUMNS.join(", ");
    let marks: Vec<String> = (1..=CASE_COLUMNS.len()).map(|i| format!("?{i}")).collect();
    let updates: Vec<String> = CASE_COLUMNS[1..]
        .iter()
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    let differs: Vec<String> = CASE_COLUMNS[1..]
        .iter()
        .map(|c| format!("cases.{c} IS NOT excluded.{c}"))
        .collect();
    format!(
        "INSERT INTO cases ({columns}) VALUES ({}) ON CONFLICT (case_no) DO UPDATE SET {} WHERE {}",
        marks.join(", "),
        updates.join(", "),
        differs.join(" OR ")
    )
}

fn read_user(r: &Row<'_>) -> rusqlite::Result<UserRow> {
    Ok(UserRow {
        name: r.get(0)?,
        role: r.get(1)?,
        court_code: r.get(2)?,
        division: r.get(3)?,
        password_hash: r.get(4)?,
        created_at: r.get(5)?,
    })
}

fn parse_date(text: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("date “{text}”")))
}

fn read_case_row(row: &Row<'_>) -> rusqlite::Result<CaseRow> {
    let date = |i: usize| -> rusqlite::Result<Option<NaiveDate>> {
        let text: Option<String> = row.get(i)?;
        text.map(|t| {
            NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    i,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })
        })
        .transpose()
    };
    Ok(CaseRow {
        case_no: row.get(0)?,
        court_code: row.get(1)?,
        court_name: row.get(2)?,
        year: row.get(3)?,
        type_code: row.get(4)?,
        category: row.get(5)?,
        stage: row.get(6)?,
        legacy: row.get(7)?,
        procedure: row.get(8)?,
        cause: row.get(9)?,
        division: row.get(10)?,
        judge: row.get(11)?,
        filed_on: date(12)?.ok_or(rusqlite::Error::InvalidColumnType(
            12,
            "filed_on".into(),
            rusqlite::types::Type::Null,
        ))?,
        closed_on: date(13)?,
        closing_method: row.get(14)?,
        claim_amount_fen: row.get(15)?,
        recovered_amount_fen: row.get(16)?,
        extension_days: row.get(17)?,
        excluded_days: row.get(18)?,
        origin_case_no: row.get(19)?,
    })
}
