//! The PostgreSQL backend's own parts: connecting, and the bulk path of an import — rows are
//! streamed into temporary staging tables with COPY and merged with one INSERT … ON CONFLICT,
//! which tells inserted rows from updated ones. Every other query is shared (`sql.rs`).

use std::io::Write;

use postgres::{Client, NoTls};
use shenguan_domain::{CaseRecord, EventRecord};

use crate::cases::{CASE_COLUMNS, CaseRow};
use crate::parties::{PARTY_COLUMNS, party_values, payment_values};
use crate::sql::{Db, PgConnection, Value};
use crate::{Batch, PROGRESS_EVERY, StoreError, WriteStats};

pub(crate) fn open(url: &str) -> Result<Db, StoreError> {
    let client = Client::connect(url, NoTls)?;
    Ok(Db::Postgres(Box::new(PgConnection::new(client))))
}

/// Writes every batch through the staging tables, then merges them; the caller holds the
/// transaction.
pub(crate) fn write_import<'a>(
    client: &mut Client,
    batches: &mut dyn FnMut() -> Option<Batch<'a>>,
    progress: &mut dyn FnMut(u64),
) -> Result<WriteStats, StoreError> {
    client.batch_execute(
        "CREATE TEMP TABLE staging_cases (LIKE cases) ON COMMIT DROP;
         CREATE TEMP TABLE staging_events (LIKE events) ON COMMIT DROP;
         CREATE TEMP TABLE staging_parties (LIKE parties) ON COMMIT DROP;
         CREATE TEMP TABLE staging_payments (LIKE payments) ON COMMIT DROP;",
    )?;
    let mut written = 0u64;
    let mut cases_seen = 0u64;
    while let Some(batch) = batches() {
        copy_cases(client, &batch.cases, &mut written, progress)?;
        copy_events(client, &batch.events, &mut written, progress)?;
        cases_seen += batch.cases.len() as u64;
        let parties = batch.parties.iter().flat_map(|case| {
            let number = case.case_no.to_string();
            case.parties
                .iter()
                .enumerate()
                .map(move |(i, p)| party_values(&number, i + 1, p))
        });
        copy_values(client, "staging_parties", PARTY_COLUMNS, parties)?;
        let payments = batch.payments.iter().map(payment_values);
        copy_values(
            client,
            "staging_payments",
            "case_no, paid_on, kind, amount_fen, note",
            payments,
        )?;
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
    let merged = client.query_one(
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
    let events_added = client.execute(
        "INSERT INTO events (case_no, date, kind, detail)
         SELECT case_no, date, kind, detail FROM staging_events ON CONFLICT DO NOTHING",
        &[],
    )?;
    // A case's parties in the file replace those stored for it.
    client.execute(
        "DELETE FROM parties WHERE case_no IN (SELECT case_no FROM staging_parties)",
        &[],
    )?;
    let parties_written = client.execute(
        &format!(
            "INSERT INTO parties ({PARTY_COLUMNS}) SELECT {PARTY_COLUMNS} FROM staging_parties"
        ),
        &[],
    )?;
    let payments_added = client.execute(
        "INSERT INTO payments (case_no, paid_on, kind, amount_fen, note)
         SELECT case_no, paid_on, kind, amount_fen, note FROM staging_payments
         ON CONFLICT DO NOTHING",
        &[],
    )?;
    progress(written);
    Ok(WriteStats {
        added,
        updated,
        unchanged: cases_seen - added - updated,
        events_added,
        parties_written,
        payments_added,
        ..WriteStats::default()
    })
}

/// Streams rows into a staging table with COPY.
fn copy_values<'v, const N: usize>(
    client: &mut Client,
    table: &str,
    columns: &str,
    rows: impl Iterator<Item = [Value<'v>; N]>,
) -> Result<(), StoreError> {
    let mut rows = rows.peekable();
    if rows.peek().is_none() {
        return Ok(());
    }
    let mut writer = client.copy_in(&format!("COPY {table} ({columns}) FROM STDIN"))?;
    let mut line = String::new();
    for row in rows {
        line.clear();
        push_copy_line(&mut line, &row);
        writer.write_all(line.as_bytes()).map_err(copy_error)?;
    }
    writer.finish()?;
    Ok(())
}

fn copy_cases(
    client: &mut Client,
    cases: &[CaseRecord],
    written: &mut u64,
    progress: &mut dyn FnMut(u64),
) -> Result<(), StoreError> {
    let mut writer = client.copy_in(&format!(
        "COPY staging_cases ({}) FROM STDIN",
        CASE_COLUMNS.join(", ")
    ))?;
    let mut line = String::new();
    for record in cases {
        let row = CaseRow::from_record(record);
        line.clear();
        push_copy_line(&mut line, &row.values());
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
    client: &mut Client,
    events: &[EventRecord],
    written: &mut u64,
    progress: &mut dyn FnMut(u64),
) -> Result<(), StoreError> {
    let mut writer =
        client.copy_in("COPY staging_events (case_no, date, kind, detail) FROM STDIN")?;
    let mut line = String::new();
    for event in events {
        line.clear();
        push_copy_line(&mut line, &crate::cases::event_values(event));
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

/// One line of COPY's text format: tab-separated, `\N` for null, backslash escapes; booleans as
/// `t`/`f`, dates as ISO text.
fn push_copy_line(line: &mut String, fields: &[Value<'_>]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            line.push('\t');
        }
        match field {
            Value::Null => line.push_str("\\N"),
            Value::Int(n) => line.push_str(&n.to_string()),
            Value::Bool(b) => line.push(if *b { 't' } else { 'f' }),
            Value::Date(d) => line.push_str(&d.to_string()),
            Value::Text(text) => {
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
