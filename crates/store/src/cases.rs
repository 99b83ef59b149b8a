//! Cases and their events as stored, and every query on them, written once for both backends:
//! one column per canonical field plus the fields derived from the case number (court, year, type,
//! category, stage, legacy) so that queries can filter on them.

use std::collections::HashSet;

use chrono::NaiveDate;
use shenguan_domain::{
    CaseNumber, CaseRecord, ClosingMethod, CourtCode, EventKind, EventRecord, Exclusion, JudgeKey,
    Money, Procedure, StaffId, Stage, join_exclusions, join_extensions, parse_exclusions,
    parse_extensions,
};

use crate::sql::{Db, Row, Value, in_groups, marks, opt_text};
use crate::{Batch, CasePage, CaseQuery, PROGRESS_EVERY, StoreError, WriteStats};

/// Column order shared by both backends' INSERT and SELECT statements.
pub(crate) const CASE_COLUMNS: [&str; 22] = [
    "case_no",
    "court_code",
    "court_name",
    "year",
    "type_code",
    "category",
    "stage",
    "legacy",
    "procedure",
    "cause",
    "division",
    "judge",
    "judge_id",
    "filed_on",
    "closed_on",
    "closing_method",
    "claim_amount_fen",
    "recovered_amount_fen",
    "extensions",
    "excluded_days",
    "exclusions",
    "origin_case_no",
];

/// A case as stored.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CaseRow {
    pub case_no: String,
    pub court_code: String,
    pub court_name: Option<String>,
    pub year: i32,
    pub type_code: Option<String>,
    pub category: Option<String>,
    pub stage: Option<String>,
    pub legacy: bool,
    pub procedure: Option<String>,
    pub cause: Option<String>,
    pub division: Option<String>,
    pub judge: Option<String>,
    pub judge_id: Option<String>,
    pub filed_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub closing_method: Option<String>,
    pub claim_amount_fen: Option<i64>,
    pub recovered_amount_fen: Option<i64>,
    /// As granted, joined: "6个月@2026-01-05/本院院长;30日"; `None` without extensions.
    pub extensions: Option<String>,
    /// The excluded periods' total days (derived from `exclusions`, kept for queries).
    pub excluded_days: i32,
    /// The excluded periods, joined: "公告 2026-02-01~2026-04-01;鉴定 45日"; `None` without.
    pub exclusions: Option<String>,
    pub origin_case_no: Option<String>,
}

/// Stored case numbers were validated on the way in; any year is accepted on the way out.
const ANY_YEAR: i32 = i32::MAX;

impl CaseRow {
    pub(crate) fn from_record(record: &CaseRecord) -> CaseRow {
        let n = &record.case_no;
        CaseRow {
            case_no: n.to_string(),
            court_code: record.court.to_string(),
            court_name: record.court_name.clone(),
            year: i32::from(n.year()),
            type_code: n.case_type().map(|t| t.code.to_string()),
            category: n.category().map(|c| c.key().to_string()),
            stage: n.stage().map(|s| s.key().to_string()),
            legacy: n.is_legacy(),
            procedure: record.procedure.map(|p| p.label_zh().to_string()),
            cause: record.cause.clone(),
            division: record.division.clone(),
            judge: record.judge.clone(),
            judge_id: record.judge_id.as_ref().map(ToString::to_string),
            filed_on: record.filed_on,
            closed_on: record.closed_on,
            closing_method: record.closing_method.map(|m| m.label_zh().to_string()),
            claim_amount_fen: record.claim_amount.map(Money::fen),
            recovered_amount_fen: record.recovered_amount.map(Money::fen),
            extensions: (!record.extensions.is_empty())
                .then(|| join_extensions(&record.extensions)),
            excluded_days: i32::try_from(record.excluded_days()).unwrap_or(i32::MAX),
            exclusions: (!record.exclusions.is_empty())
                .then(|| join_exclusions(&record.exclusions)),
            origin_case_no: record.origin_case_no.as_ref().map(ToString::to_string),
        }
    }

    /// The row's values in [`CASE_COLUMNS`] order.
    pub(crate) fn values(&self) -> [Value<'_>; 22] {
        [
            (&self.case_no).into(),
            (&self.court_code).into(),
            opt_text(&self.court_name),
            self.year.into(),
            opt_text(&self.type_code),
            opt_text(&self.category),
            opt_text(&self.stage),
            self.legacy.into(),
            opt_text(&self.procedure),
            opt_text(&self.cause),
            opt_text(&self.division),
            opt_text(&self.judge),
            opt_text(&self.judge_id),
            self.filed_on.into(),
            self.closed_on.into(),
            opt_text(&self.closing_method),
            self.claim_amount_fen.into(),
            self.recovered_amount_fen.into(),
            opt_text(&self.extensions),
            self.excluded_days.into(),
            opt_text(&self.exclusions),
            opt_text(&self.origin_case_no),
        ]
    }

    /// The same values, owned (for a stream of rows that outlives each record).
    pub(crate) fn into_values(self) -> [Value<'static>; 22] {
        [
            self.case_no.into(),
            self.court_code.into(),
            self.court_name.into(),
            self.year.into(),
            self.type_code.into(),
            self.category.into(),
            self.stage.into(),
            self.legacy.into(),
            self.procedure.into(),
            self.cause.into(),
            self.division.into(),
            self.judge.into(),
            self.judge_id.into(),
            self.filed_on.into(),
            self.closed_on.into(),
            self.closing_method.into(),
            self.claim_amount_fen.into(),
            self.recovered_amount_fen.into(),
            self.extensions.into(),
            self.excluded_days.into(),
            self.exclusions.into(),
            self.origin_case_no.into(),
        ]
    }
}

/// The columns a [`CaseRecord`] is read from: [`CASE_COLUMNS`] less those derived from the case
/// number (year, type, category, stage, legacy), which the record derives again.
pub(crate) const RECORD_COLUMNS: [&str; 17] = [
    "case_no",
    "court_code",
    "court_name",
    "procedure",
    "cause",
    "division",
    "judge",
    "judge_id",
    "filed_on",
    "closed_on",
    "closing_method",
    "claim_amount_fen",
    "recovered_amount_fen",
    "extensions",
    "excluded_days",
    "exclusions",
    "origin_case_no",
];

/// Reads a row selected with [`RECORD_COLUMNS`] (by column name) as a case. A column parsed into
/// something else (the case number, court, procedure, judge's number, closing method, extensions,
/// excluded periods, origin) is parsed from the driver's text where it lies; only the texts the
/// record keeps are copied (a reading of every case in a large store allocated a dozen strings a
/// row, most of them dropped at once).
fn read_record(row: &Row<'_, '_>) -> Result<CaseRecord, StoreError> {
    let case_no = row.with_opt_str("case_no", |text| {
        let text = text.ok_or_else(|| required("case_no"))?;
        CaseNumber::parse(text, ANY_YEAR)
            .map_err(|e| StoreError::Corrupt(format!("{text}: {}", e.text().en())))
    })?;
    let corrupt = |what: &str| StoreError::Corrupt(format!("{case_no}: {what}"));
    let court = row.with_opt_str("court_code", |text| {
        CourtCode::parse(text.ok_or_else(|| required("court_code"))?)
            .map_err(|e| corrupt(e.text().en()))
    })?;
    let court_name = row.opt_text("court_name")?;
    let procedure = row.with_opt_str("procedure", |text| {
        text.map(|t| Procedure::parse(t).ok_or_else(|| corrupt("procedure")))
            .transpose()
    })?;
    let cause = row.opt_text("cause")?;
    let division = row.opt_text("division")?;
    let judge = row.opt_text("judge")?;
    let judge_id = row.with_opt_str("judge_id", |text| {
        text.map(|t| StaffId::parse(t).map_err(|e| corrupt(e.text().en())))
            .transpose()
    })?;
    let filed_on = row.date("filed_on")?;
    let closed_on = row.opt_date("closed_on")?;
    let closing_method = row.with_opt_str("closing_method", |text| {
        text.map(|t| ClosingMethod::parse(t).ok_or_else(|| corrupt("unknown closing method")))
            .transpose()
    })?;
    let claim_amount = row.opt_int("claim_amount_fen")?.map(Money::from_fen);
    let recovered_amount = row.opt_int("recovered_amount_fen")?.map(Money::from_fen);
    let extensions = row.with_opt_str("extensions", |text| match text {
        Some(text) => parse_extensions(text).map_err(|e| corrupt(e.text().en())),
        None => Ok(Vec::new()),
    })?;
    let excluded_days = row.int("excluded_days")?;
    let excluded_days = i32::try_from(excluded_days).map_err(|_| {
        StoreError::Corrupt(format!("excluded_days: {excluded_days} is out of range"))
    })?;
    let exclusions = row.with_opt_str("exclusions", |text| match text {
        Some(text) => parse_exclusions(text).map_err(|e| corrupt(e.text().en())),
        // A row written without records holds only the total.
        None => match u32::try_from(excluded_days).map_err(|_| corrupt("negative day count"))? {
            0 => Ok(Vec::new()),
            total => Ok(vec![Exclusion::total(total)]),
        },
    })?;
    let origin_case_no = row.with_opt_str("origin_case_no", |text| {
        text.map(|t| CaseNumber::parse(t, ANY_YEAR).map_err(|e| corrupt(e.text().en())))
            .transpose()
    })?;
    Ok(CaseRecord {
        case_no,
        court,
        court_name,
        procedure,
        cause,
        division,
        judge,
        judge_id,
        filed_on,
        closed_on,
        closing_method,
        claim_amount,
        recovered_amount,
        extensions,
        exclusions,
        origin_case_no,
    })
}

fn required(column: &str) -> StoreError {
    StoreError::Corrupt(format!(
        "column {column} is empty where a value is required"
    ))
}

/// An event as read back (columns case_no, date, kind, detail).
fn read_event(row: &Row<'_, '_>) -> Result<EventRecord, StoreError> {
    let case_no = row.text("case_no")?;
    Ok(EventRecord {
        case_no: CaseNumber::parse(&case_no, ANY_YEAR)
            .map_err(|e| StoreError::Corrupt(format!("{case_no}: {}", e.text().en())))?,
        date: row.date("date")?,
        kind: {
            let kind = row.text("kind")?;
            EventKind::parse(&kind)
                .map_err(|e| StoreError::Corrupt(format!("{case_no}: {}", e.text().en())))?
        },
        detail: row.text("detail")?,
    })
}

/// Adds a case, or replaces its stored values when any differs (so that an unchanged case
/// counts as unchanged); one statement per case, the upsert both databases speak.
pub(crate) fn upsert_sql() -> String {
    let columns = CASE_COLUMNS.join(", ");
    let updates: Vec<String> = CASE_COLUMNS[1..]
        .iter()
        .map(|c| format!("{c} = excluded.{c}"))
        .collect();
    let differs: Vec<String> = CASE_COLUMNS[1..]
        .iter()
        .map(|c| format!("cases.{c} IS DISTINCT FROM excluded.{c}"))
        .collect();
    format!(
        "INSERT INTO cases ({columns}) VALUES ({}) ON CONFLICT (case_no) DO UPDATE SET {} WHERE {}",
        marks(CASE_COLUMNS.len()),
        updates.join(", "),
        differs.join(" OR ")
    )
}

/// Adds an event unless the same one (case, date, kind, detail) is stored.
pub(crate) const INSERT_EVENT: &str = "INSERT INTO events (case_no, date, kind, detail)
     VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING";

/// The values of an event in [`INSERT_EVENT`] order.
pub(crate) fn event_values(event: &EventRecord) -> [Value<'_>; 4] {
    [
        event.case_no.to_string().into(),
        event.date.into(),
        event.kind.label_zh().into(),
        (&event.detail).into(),
    ]
}

/// The WHERE clause on `cases c` for a query and an optional page, with its parameters. Only
/// the conditions asked for are written, and one court (a court alone, or a basic court, which
/// has none below it) is matched exactly, so that the court and case-number index answers a page
/// alone; a higher court with the courts below it matches its own code and every code below it,
/// which share its code as a prefix (苏01 → 苏01, 苏0102 …; 苏 → every Jiangsu court).
pub(crate) fn conditions<'q>(
    query: &'q CaseQuery,
    page: Option<&'q CasePage>,
) -> (String, Vec<Value<'q>>) {
    let mut conditions = Vec::new();
    let mut values: Vec<Value<'q>> = Vec::new();
    if let Some(scope) = query.court {
        if scope.is_one_court() {
            conditions.push("c.court_code = ?");
            values.push(scope.court.to_string().into());
        } else {
            conditions.push("c.court_code LIKE ?");
            values.push(format!("{}%", scope.court).into());
        }
    }
    if let Some(to) = query.to {
        conditions.push("c.filed_on <= ?");
        values.push(to.into());
    }
    if let Some(from) = query.from {
        conditions.push("(c.closed_on IS NULL OR c.closed_on >= ?)");
        values.push(from.into());
    }
    if let Some(page) = page {
        if let Some(division) = &page.division {
            conditions.push("c.division = ?");
            values.push(division.into());
        }
        // A judge key ("court:name" for cases without a staff number), or a staff number or a
        // name (`CaseRecord::judge_is`).
        if let Some(wanted) = page.judge.as_deref().map(str::trim) {
            match JudgeKey::parse(wanted) {
                Some(JudgeKey::Named(court, name)) => {
                    conditions.push("c.judge_id IS NULL AND c.court_code = ? AND c.judge = ?");
                    values.push(court.to_string().into());
                    values.push(name.into());
                }
                _ => {
                    conditions.push("(c.judge_id = ? OR c.judge = ?)");
                    values.push(wanted.into());
                    values.push(wanted.into());
                }
            }
        }
    }
    let clause = if conditions.is_empty() {
        "1 = 1".to_string()
    } else {
        conditions.join(" AND ")
    };
    (clause, values)
}

fn read_records(
    db: &mut Db,
    sql: &str,
    params: &[Value<'_>],
) -> Result<Vec<CaseRecord>, StoreError> {
    db.query(sql, params, read_record)
}

/// The cases the query selects, in case-number order.
pub(crate) fn cases(db: &mut Db, query: &CaseQuery) -> Result<Vec<CaseRecord>, StoreError> {
    let (clause, values) = conditions(query, None);
    let sql = format!(
        "SELECT {} FROM cases c WHERE {clause} ORDER BY c.case_no COLLATE BINARY",
        RECORD_COLUMNS.join(", ")
    );
    read_records(db, &sql, &values)
}

/// The courts that have a case the query selects, by code: an export written court by court
/// reads one court's cases at a time.
pub(crate) fn courts_of(db: &mut Db, query: &CaseQuery) -> Result<Vec<CourtCode>, StoreError> {
    let (clause, values) = conditions(query, None);
    let sql = format!(
        "SELECT c.court_code AS court_code FROM cases c WHERE {clause}
         GROUP BY c.court_code ORDER BY c.court_code COLLATE BINARY"
    );
    db.query(&sql, &values, |row| {
        let text = row.text("court_code")?;
        CourtCode::parse(&text).map_err(|e| {
            StoreError::Corrupt(format!(
                "the court code \"{text}\" in table cases does not parse: {}",
                e.text().en()
            ))
        })
    })
}

/// How many cases the query and page select, and the page's cases in case-number order.
pub(crate) fn case_page(
    db: &mut Db,
    query: &CaseQuery,
    page: &CasePage,
) -> Result<(u64, Vec<CaseRecord>), StoreError> {
    let (clause, mut values) = conditions(query, Some(page));
    let total = db.count(
        &format!("SELECT count(*) AS n FROM cases c WHERE {clause}"),
        &values,
    )?;
    let sql = format!(
        "SELECT {} FROM cases c WHERE {clause} ORDER BY c.case_no COLLATE BINARY LIMIT ? OFFSET ?",
        RECORD_COLUMNS.join(", ")
    );
    values.push(i64::try_from(page.limit).unwrap_or(i64::MAX).into());
    values.push(i64::try_from(page.offset).unwrap_or(i64::MAX).into());
    Ok((total, read_records(db, &sql, &values)?))
}

/// Hands every stored case to `each`, one at a time in case-number order (the store is read as
/// a stream: millions of cases never sit in memory as records).
pub(crate) fn each_case(
    db: &mut Db,
    each: &mut dyn FnMut(CaseRecord) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let sql = format!(
        "SELECT {} FROM cases c ORDER BY c.case_no COLLATE BINARY",
        RECORD_COLUMNS.join(", ")
    );
    db.scanning(|db| db.query_each(&sql, &[], |row| each(read_record(row)?)))
}

/// Hands each stored case of `stage` filed in `from..=to` to `each`, one at a time, by case
/// number: the store picks them out, so a year of a large network is read without the rest.
pub(crate) fn each_case_filed(
    db: &mut Db,
    (from, to): (NaiveDate, NaiveDate),
    stage: Stage,
    each: &mut dyn FnMut(CaseRecord) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let sql = format!(
        "SELECT {} FROM cases c WHERE c.filed_on >= ? AND c.filed_on <= ? AND c.stage = ?
         ORDER BY c.case_no COLLATE BINARY",
        RECORD_COLUMNS.join(", ")
    );
    let values: [Value<'_>; 3] = [from.into(), to.into(), stage.key().into()];
    db.scanning(|db| db.query_each(&sql, &values, |row| each(read_record(row)?)))
}

/// Hands every stored event of the given kinds to `each`, one at a time.
pub(crate) fn each_event_of(
    db: &mut Db,
    kinds: &[EventKind],
    each: &mut dyn FnMut(EventRecord) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    if kinds.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "SELECT case_no, date, kind, detail FROM events WHERE kind IN ({})",
        marks(kinds.len())
    );
    let values: Vec<Value<'_>> = kinds.iter().map(|k| k.label_zh().into()).collect();
    db.query_each(&sql, &values, |row| each(read_event(row)?))
}

/// The events of the cases the query selects, by case number, date, kind, detail.
pub(crate) fn events(db: &mut Db, query: &CaseQuery) -> Result<Vec<EventRecord>, StoreError> {
    let (clause, values) = conditions(query, None);
    let sql = format!(
        "SELECT e.case_no, e.date, e.kind, e.detail FROM events e JOIN cases c ON c.case_no = e.case_no
         WHERE {clause}
         ORDER BY e.case_no COLLATE BINARY, e.date, e.kind COLLATE BINARY, e.detail COLLATE BINARY"
    );
    db.query(&sql, &values, read_event)
}

/// Reads `columns` of the stored cases among `case_nos`, a group of numbers at a time.
fn lookup<T>(
    db: &mut Db,
    case_nos: &[String],
    columns: &str,
    read: impl FnMut(&Row<'_, '_>) -> Result<T, StoreError>,
) -> Result<Vec<T>, StoreError> {
    in_groups(
        db,
        &format!("SELECT {columns} FROM cases c WHERE c.case_no"),
        case_nos,
        read,
    )
}

/// Which of the given canonical case numbers are stored.
pub(crate) fn existing(db: &mut Db, case_nos: &[String]) -> Result<HashSet<String>, StoreError> {
    Ok(
        lookup(db, case_nos, "c.case_no", |row| row.text("case_no"))?
            .into_iter()
            .collect(),
    )
}

/// The stored cases among the given canonical case numbers (in no particular order).
pub(crate) fn by_numbers(db: &mut Db, case_nos: &[String]) -> Result<Vec<CaseRecord>, StoreError> {
    lookup(db, case_nos, &RECORD_COLUMNS.join(", "), read_record)
}

/// The cases that continue `case_no` (their origin is it), in case-number order.
pub(crate) fn continuing(db: &mut Db, case_no: &str) -> Result<Vec<CaseRecord>, StoreError> {
    let sql = format!(
        "SELECT {} FROM cases c WHERE c.origin_case_no = ? ORDER BY c.case_no COLLATE BINARY",
        RECORD_COLUMNS.join(", ")
    );
    read_records(db, &sql, &[case_no.into()])
}

/// The cases that continue any of `case_nos`, as (the continuing case, the case it continues).
pub(crate) fn continuing_of(
    db: &mut Db,
    case_nos: &[String],
) -> Result<Vec<(String, String)>, StoreError> {
    in_groups(
        db,
        "SELECT c.case_no, c.origin_case_no FROM cases c WHERE c.origin_case_no",
        case_nos,
        |row| Ok((row.text("case_no")?, row.text("origin_case_no")?)),
    )
}

/// One case with its events by date, kind, detail.
pub(crate) fn case(
    db: &mut Db,
    case_no: &str,
) -> Result<Option<(CaseRecord, Vec<EventRecord>)>, StoreError> {
    let sql = format!(
        "SELECT {} FROM cases c WHERE c.case_no = ?",
        RECORD_COLUMNS.join(", ")
    );
    let Some(record) = read_records(db, &sql, &[case_no.into()])?.pop() else {
        return Ok(None);
    };
    let events = db.query(
        "SELECT case_no, date, kind, detail FROM events WHERE case_no = ?
         ORDER BY date, kind COLLATE BINARY, detail COLLATE BINARY",
        &[case_no.into()],
        read_event,
    )?;
    Ok(Some((record, events)))
}

/// Writes every batch in the caller's transaction, one statement per case and per event; the
/// counts of added and updated cases come from the store's count before and after and from the
/// rows the upsert changed. PostgreSQL takes its bulk path instead (`pg.rs`).
pub(crate) fn write_rows<'a>(
    db: &mut Db,
    batches: &mut dyn FnMut() -> Option<Batch<'a>>,
    progress: &mut dyn FnMut(u64),
) -> Result<WriteStats, StoreError> {
    let count = "SELECT count(*) AS n FROM cases";
    let before = db.count(count, &[])?;
    let upsert = upsert_sql();
    let (mut cases_seen, mut changed, mut written, mut events_added) = (0u64, 0u64, 0u64, 0u64);
    let mut tick = |written: &mut u64| {
        *written += 1;
        if (*written).is_multiple_of(PROGRESS_EVERY) {
            progress(*written);
        }
    };
    let (mut parties_written, mut payments_added) = (0, 0);
    while let Some(Batch {
        cases,
        events,
        parties,
        payments,
    }) = batches()
    {
        // Inserting in key order appends to the primary B-tree instead of splitting pages all
        // over it.
        let mut ordered: Vec<&CaseRecord> = cases.iter().collect();
        ordered.sort_by_cached_key(|c| c.case_no.to_string());
        let rows = ordered
            .into_iter()
            .map(|c| CaseRow::from_record(c).into_values());
        db.execute_each(&upsert, rows, |n| {
            changed += n;
            tick(&mut written);
        })?;
        cases_seen += cases.len() as u64;
        db.execute_each(INSERT_EVENT, events.iter().map(event_values), |n| {
            events_added += n;
            tick(&mut written);
        })?;
        let (p, m) = crate::parties::write(db, &parties, &payments)?;
        parties_written += p;
        payments_added += m;
    }
    let after = db.count(count, &[])?;
    progress(written);
    let added = after - before;
    Ok(WriteStats {
        added,
        updated: changed - added,
        unchanged: cases_seen - changed,
        events_added,
        parties_written,
        payments_added,
        ..WriteStats::default()
    })
}
