//! The PostgreSQL backend: rows are streamed into a temporary staging table with COPY and merged
//! into `cases` with one INSERT … ON CONFLICT, which tells inserted rows from updated ones.

use std::collections::HashSet;
use std::io::Write;

use chrono::NaiveDate;
use postgres::{Client, NoTls, Row, Transaction};
use shenguan_domain::{CaseRecord, Court, EventRecord};

use crate::accounts::{self, AuditEntry, UserRow};
use crate::migrations::{CREATE_LEDGER, POSTGRES};
use crate::rows::{
    CASE_COLUMNS, CaseRow, CourtRow, court_prefix, court_upsert_sql, event_record, page_conditions,
};
use crate::{CasePage, CaseQuery, PROGRESS_EVERY, StoreError, WriteStats};

pub(crate) struct PgStore {
    client: Client,
}

/// Serialises concurrent migrations of one database (an arbitrary, fixed advisory-lock key).
const MIGRATION_LOCK: i64 = 0x5348_454e_4755_414e;

impl PgStore {
    pub(crate) fn open(url: &str) -> Result<PgStore, StoreError> {
        let client = Client::connect(url, NoTls)?;
        let mut store = PgStore { client };
        store.migrate()?;
        Ok(store)
    }

    fn migrate(&mut self) -> Result<(), StoreError> {
        let mut tx = self.client.transaction()?;
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
        tx.batch_execute(CREATE_LEDGER)?;
        let applied: i64 = tx
            .query_one(
                "SELECT coalesce(max(version), 0)::bigint FROM schema_migrations",
                &[],
            )?
            .try_get(0)?;
        for (version, name, sql) in POSTGRES.iter().filter(|(v, ..)| *v > applied) {
            tx.batch_execute(sql)?;
            tx.execute(
                "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                &[version, name],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    pub(crate) fn write_courts(&mut self, courts: &[Court]) -> Result<u64, StoreError> {
        let mut tx = self.client.transaction()?;
        let upsert = tx.prepare(&court_upsert_sql('$'))?;
        for court in courts {
            tx.execute(
                &upsert,
                &[
                    &court.code.to_string(),
                    &court.name,
                    &court.level().key(),
                    &court.parent.map(|p| p.to_string()),
                ],
            )?;
        }
        tx.commit()?;
        Ok(courts.len() as u64)
    }

    pub(crate) fn court_rows(&mut self) -> Result<Vec<CourtRow>, StoreError> {
        self.client
            .query(
                "SELECT code, name, parent_code FROM courts ORDER BY code COLLATE \"C\"",
                &[],
            )?
            .iter()
            .map(|row| Ok((row.try_get(0)?, row.try_get(1)?, row.try_get(2)?)))
            .collect()
    }

    pub(crate) fn write_import<'a>(
        &mut self,
        batches: &mut dyn FnMut() -> Option<crate::Batch<'a>>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<WriteStats, StoreError> {
        let mut tx = self.client.transaction()?;
        tx.batch_execute(
            "CREATE TEMP TABLE staging_cases (LIKE cases) ON COMMIT DROP;
             CREATE TEMP TABLE staging_events (LIKE events) ON COMMIT DROP;",
        )?;
        let mut written = 0u64;
        let mut cases_seen = 0u64;
        // Every batch goes to the staging tables first; one merge then writes them all.
        while let Some((cases, events)) = batches() {
            copy_cases(&mut tx, &cases, &mut written, progress)?;
            copy_events(&mut tx, &events, &mut written, progress)?;
            cases_seen += cases.len() as u64;
        }
        let columns = CASE_COLUMNS.join(", ");
        let updates: Vec<String> = CASE_COLUMNS[1..]
            .iter()
            .map(|c| format!("{c} = EXCLUDED.{c}"))
            .collect();
        let old: Vec<String> = CASE_COLUMNS[1..]
            .iter()
            .map(|c| format!("cases.{c}"))
            .collect();
        let new: Vec<String> = CASE_COLUMNS[1..]
            .iter()
            .map(|c| format!("EXCLUDED.{c}"))
            .collect();
        let merged = tx.query_one(
            &format!(
                "WITH up AS (
                    INSERT INTO cases ({columns}) SELECT {columns} FROM staging_cases
                    ON CONFLICT (case_no) DO UPDATE SET {}
                    WHERE ({}) IS DISTINCT FROM ({})
                    RETURNING (xmax = 0) AS inserted)
                 SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up",
                updates.join(", "),
                old.join(", "),
                new.join(", ")
            ),
            &[],
        )?;
        let added = merged.try_get::<_, i64>(0)? as u64;
        let updated = merged.try_get::<_, i64>(1)? as u64;
        let events_added = tx.execute(
            "INSERT INTO events (case_no, date, kind, detail)
             SELECT case_no, date, kind, detail FROM staging_events ON CONFLICT DO NOTHING",
            &[],
        )?;
        progress(written);
        tx.commit()?;
        Ok(WriteStats {
            added,
            updated,
            unchanged: cases_seen - added - updated,
            events_added,
        })
    }

    pub(crate) fn cases(&mut self, query: &CaseQuery) -> Result<Vec<CaseRecord>, StoreError> {
        let sql = format!(
            "SELECT {} FROM cases c WHERE {FILTER} ORDER BY c.case_no COLLATE \"C\"",
            CASE_COLUMNS.join(", ")
        );
        let (court, to, from) = filter_values(query);
        let rows = self.client.query(&sql, &[&court, &to, &from])?;
        rows.iter()
            .map(|row| read_case_row(row)?.into_record())
            .collect()
    }

    pub(crate) fn case_page(
        &mut self,
        query: &CaseQuery,
        page: &CasePage,
    ) -> Result<(u64, Vec<CaseRecord>), StoreError> {
        // Text parameters, cast where a date is compared.
        let (clause, values) = page_conditions(query, page, &|n, kind| match kind {
            "date" => format!("(${n}::text)::date"),
            _ => format!("${n}::text"),
        });
        let params: Vec<&(dyn postgres::types::ToSql + Sync)> = values
            .iter()
            .map(|v| v as &(dyn postgres::types::ToSql + Sync))
            .collect();
        let total: i64 = self
            .client
            .query_one(
                &format!("SELECT count(*) FROM cases c WHERE {clause}"),
                &params,
            )?
            .try_get(0)?;
        let sql = format!(
            "SELECT {} FROM cases c WHERE {clause} ORDER BY c.case_no COLLATE \"C\" LIMIT {} OFFSET {}",
            CASE_COLUMNS.join(", "),
            i64::try_from(page.limit).unwrap_or(i64::MAX),
            i64::try_from(page.offset).unwrap_or(i64::MAX)
        );
        let rows = self.client.query(&sql, &params)?;
        let cases = rows
            .iter()
            .map(|row| read_case_row(row)?.into_record())
            .collect::<Result<Vec<_>, _>>()?;
        Ok((total as u64, cases))
    }

    pub(crate) fn events(&mut self, query: &CaseQuery) -> Result<Vec<EventRecord>, StoreError> {
        let sql = format!(
            "SELECT e.case_no, e.date, e.kind, e.detail FROM events e JOIN cases c ON c.case_no = e.case_no
             WHERE {FILTER}
             ORDER BY e.case_no COLLATE \"C\", e.date, e.kind COLLATE \"C\", e.detail COLLATE \"C\""
        );
        let (court, to, from) = filter_values(query);
        let rows = self.client.query(&sql, &[&court, &to, &from])?;
        rows.iter()
            .map(|row| {
                event_record(
                    row.try_get::<_, &str>(0)?,
                    row.try_get(1)?,
                    row.try_get(2)?,
                    row.try_get(3)?,
                )
            })
            .collect()
    }

    pub(crate) fn existing_cases(
        &mut self,
        case_nos: &[String],
    ) -> Result<HashSet<String>, StoreError> {
        let rows = self.client.query(
            "SELECT case_no FROM cases WHERE case_no = ANY($1)",
            &[&case_nos],
        )?;
        rows.iter()
            .map(|r| r.try_get::<_, String>(0).map_err(StoreError::from))
            .collect()
    }

    pub(crate) fn case(
        &mut self,
        case_no: &str,
    ) -> Result<Option<(CaseRecord, Vec<EventRecord>)>, StoreError> {
        let sql = format!(
            "SELECT {} FROM cases c WHERE c.case_no = $1",
            CASE_COLUMNS.join(", ")
        );
        let rows = self.client.query(&sql, &[&case_no])?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        let record = read_case_row(row)?.into_record()?;
        let events = self
            .client
            .query(
                "SELECT date, kind, detail FROM events WHERE case_no = $1
                 ORDER BY date, kind COLLATE \"C\", detail COLLATE \"C\"",
                &[&case_no],
            )?
            .iter()
            .map(|row| event_record(case_no, row.try_get(0)?, row.try_get(1)?, row.try_get(2)?))
            .collect::<Result<_, _>>()?;
        Ok(Some((record, events)))
    }

    pub(crate) fn put_user(&mut self, u: &UserRow) -> Result<(), StoreError> {
        self.client.execute(
            &accounts::put_user_sql('$'),
            &[
                &u.name,
                &u.role,
                &u.court_code,
                &u.division,
                &u.password_hash,
                &u.created_at,
            ],
        )?;
        Ok(())
    }

    pub(crate) fn user(&mut self, name: &str) -> Result<Option<UserRow>, StoreError> {
        let rows = self.client.query(&accounts::user_sql('$'), &[&name])?;
        rows.first().map(read_user).transpose().map_err(Into::into)
    }

    pub(crate) fn users(&mut self) -> Result<Vec<UserRow>, StoreError> {
        let rows = self.client.query(&accounts::users_sql(), &[])?;
        rows.iter()
            .map(read_user)
            .collect::<Result<_, _>>()
            .map_err(Into::into)
    }

    pub(crate) fn add_token(&mut self, hash: &str, user: &str, at: &str) -> Result<(), StoreError> {
        self.client
            .execute(&accounts::add_token_sql('$'), &[&hash, &user, &at])?;
        Ok(())
    }

    pub(crate) fn user_by_token(&mut self, hash: &str) -> Result<Option<UserRow>, StoreError> {
        let rows = self
            .client
            .query(&accounts::user_by_token_sql('$'), &[&hash])?;
        rows.first().map(read_user).transpose().map_err(Into::into)
    }

    pub(crate) fn audit(
        &mut self,
        at: &str,
        user: Option<&str>,
        action: &str,
        detail: &str,
    ) -> Result<(), StoreError> {
        self.client
            .execute(&accounts::audit_sql('$'), &[&at, &user, &action, &detail])?;
        Ok(())
    }

    pub(crate) fn audit_entries(&mut self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = self
            .client
            .query(&accounts::audit_entries_sql('$'), &[&limit])?;
        rows.iter()
            .map(|r| {
                Ok(AuditEntry {
                    id: r.try_get(0)?,
                    at: r.try_get(1)?,
                    user: r.try_get(2)?,
                    action: r.try_get(3)?,
                    detail: r.try_get(4)?,
                })
            })
            .collect::<Result<_, postgres::Error>>()
            .map_err(Into::into)
    }

    pub(crate) fn count(&mut self, table: &str) -> Result<u64, StoreError> {
        let row = self
            .client
            .query_one(&format!("SELECT count(*) FROM {table}"), &[])?;
        Ok(row.try_get::<_, i64>(0)? as u64)
    }
}

/// The court-and-period filter on `cases c`: $1 court prefix, $2 to, $3 from.
const FILTER: &str = "($1::text IS NULL OR c.court_code LIKE $1::text || '%')
     AND ($2::date IS NULL OR c.filed_on <= $2::date)
     AND ($3::date IS NULL OR c.closed_on IS NULL OR c.closed_on >= $3::date)";

fn filter_values(query: &CaseQuery) -> (Option<String>, Option<NaiveDate>, Option<NaiveDate>) {
    (court_prefix(query.court), query.to, query.from)
}

fn copy_cases(
    tx: &mut Transaction<'_>,
    cases: &[CaseRecord],
    written: &mut u64,
    progress: &mut dyn FnMut(u64),
) -> Result<(), StoreError> {
    let mut writer = tx.copy_in(&format!(
        "COPY staging_cases ({}) FROM STDIN",
        CASE_COLUMNS.join(", ")
    ))?;
    let mut line = String::new();
    for record in cases {
        let r = CaseRow::from_record(record);
        line.clear();
        let fields: [Option<String>; 20] = [
            Some(r.case_no),
            Some(r.court_code),
            r.court_name,
            Some(r.year.to_string()),
            r.type_code,
            r.category,
            r.stage,
            Some(if r.legacy { "t" } else { "f" }.to_string()),
            r.procedure,
            r.cause,
            r.division,
            r.judge,
            Some(r.filed_on.to_string()),
            r.closed_on.map(|d| d.to_string()),
            r.closing_method,
            r.claim_amount_fen.map(|v| v.to_string()),
            r.recovered_amount_fen.map(|v| v.to_string()),
            Some(r.extension_days.to_string()),
            Some(r.excluded_days.to_string()),
            r.origin_case_no,
        ];
        push_copy_line(&mut line, &fields);
        writer.write_all(line.as_bytes()).map_err(copy_error)?;
        *written += 1;
        if (*written).is_multiple_of(PROGRESS_EVERY) {
            progress(*written);
        }
    }
    writer.finish()?;
    Ok(())
}

fn copy_events(
    tx: &mut Transaction<'_>,
    events: &[EventRecord],
    written: &mut u64,
    progress: &mut dyn FnMut(u64),
) -> Result<(), StoreError> {
    let mut writer = tx.copy_in("COPY staging_events (case_no, date, kind, detail) FROM STDIN")?;
    let mut line = String::new();
    for event in events {
        line.clear();
        push_copy_line(
            &mut line,
            &[
                Some(event.case_no.to_string()),
                Some(event.date.to_string()),
                Some(event.kind.clone()),
                Some(event.detail.clone()),
            ],
        );
        writer.write_all(line.as_bytes()).map_err(copy_error)?;
        *written += 1;
        if (*written).is_multiple_of(PROGRESS_EVERY) {
            progress(*written);
        }
    }
    writer.finish()?;
    Ok(())
}

fn copy_error(e: std::io::Error) -> StoreError {
    StoreError::Corrupt(format!("COPY: {e}"))
}

/// One line of COPY's text format: tab-separated, `\N` for null, backslash escapes.
fn push_copy_line(line: &mut String, fields: &[Option<String>]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            line.push('\t');
        }
        match field {
            None => line.push_str("\\N"),
            Some(text) => {
                for ch in text.chars() {
                    match ch {
                        '\\' => line.push_str("\\\\"),
                        '\t' => line.push_str("\\t"),
                        '\n' => line.push_str("\\n"),
                        '\r' => line.push_str("\\r"),
                        _ => line.push(ch),
                    }
                }
            }
        }
    }
    line.push('\n');
}

fn read_user(r: &Row) -> Result<UserRow, postgres::Error> {
    Ok(UserRow {
        name: r.try_get(0)?,
        role: r.try_get(1)?,
        court_code: r.try_get(2)?,
        division: r.try_get(3)?,
        password_hash: r.try_get(4)?,
        created_at: r.try_get(5)?,
    })
}

fn read_case_row(row: &Row) -> Result<CaseRow, postgres::Error> {
    Ok(CaseRow {
        case_no: row.try_get(0)?,
        court_code: row.try_get(1)?,
        court_name: row.try_get(2)?,
        year: row.try_get(3)?,
        type_code: row.try_get(4)?,
        category: row.try_get(5)?,
        stage: row.try_get(6)?,
        legacy: row.try_get(7)?,
        procedure: row.try_get(8)?,
        cause: row.try_get(9)?,
        division: row.try_get(10)?,
        judge: row.try_get(11)?,
        filed_on: row.try_get(12)?,
        closed_on: row.try_get(13)?,
        closing_method: row.try_get(14)?,
        claim_amount_fen: row.try_get(15)?,
        recovered_amount_fen: row.try_get(16)?,
        extension_days: row.try_get(17)?,
        excluded_days: row.try_get(18)?,
        origin_case_no: row.try_get(19)?,
    })
}
