//! The history of the figures: each import that changed cases, with what it changed of each case
//! (old value → new) and the cases it added to months already reported, and each bulletin or
//! summary made from the store, with the figures it printed. Ordered by the store's data version:
//! an import raises it, a report keeps the version its figures were computed from, so "after the
//! report" is a comparison of two numbers, not of two clocks (docs/reconciliation.md).

use chrono::NaiveDate;

use crate::StoreError;
use crate::sql::{Db, Row, Value, opt_text};

/// What changed of one case in one import. `field` is the changed field's code (`closed_on`,
/// `filed_on` …), or [`ADDED`] for a case the import added to a month already reported; a value
/// is `None` where there was none.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RevisionRow {
    pub case_no: String,
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// The field code of a case added by an import (its new value: the filing day).
pub const ADDED: &str = "added";

/// An import's entry, written in the import's own transaction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportLog {
    pub made_at: String,
    /// The files, as the user named them.
    pub source: String,
    pub made_by: Option<String>,
    pub revisions: Vec<RevisionRow>,
}

/// An import as logged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportRow {
    pub id: i64,
    /// The data version the import raised the store to.
    pub version: u64,
    pub made_at: String,
    pub source: String,
    pub made_by: Option<String>,
    pub added: u64,
    pub updated: u64,
}

/// A revision with the import that made it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredRevision {
    pub import: ImportRow,
    pub revision: RevisionRow,
}

/// A bulletin or summary as recorded. `id` and `version` are the store's to give on writing
/// (the version is the one its figures were computed from).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportRow {
    pub id: i64,
    pub version: u64,
    pub made_at: String,
    /// The document's name: 2026年10月质效通报.
    pub name: String,
    /// `bulletin` or `summary`.
    pub kind: String,
    /// The court the report covers (`None`: the whole network) and whether the courts below it too.
    pub court_code: Option<String>,
    pub with_lower: bool,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub made_by: Option<String>,
}

/// One court's stock and flow in one month, as a report had them: 旧存 at the month's start, 新收
/// and 结案 in it, 未结 at its end.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StockFlowRow {
    pub court_code: String,
    /// `YYYY-MM`.
    pub month: String,
    pub carried: i64,
    pub filed: i64,
    pub closed: i64,
    pub pending: i64,
}

/// A report to record with what it printed: the stock and flow by court and month, and each
/// indicator's value over the whole scope (`None` where it printed none).
#[derive(Clone, Debug, PartialEq)]
pub struct ReportWrite {
    pub report: ReportRow,
    pub stock_flow: Vec<StockFlowRow>,
    /// Each indicator's code, its value, and the version of its definition it was computed by.
    pub figures: Vec<(String, Option<f64>, u16)>,
}

/// Logs an import that raised the data version (to `version`), with its revisions, inside the
/// import's transaction.
pub(crate) fn log_import(
    db: &mut Db,
    log: &ImportLog,
    version: u64,
    added: u64,
    updated: u64,
) -> Result<i64, StoreError> {
    let id = db
        .query_opt(
            "INSERT INTO imports (version, made_at, source, made_by, added, updated)
             VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
            &[
                count(version),
                (&log.made_at).into(),
                (&log.source).into(),
                opt_text(&log.made_by),
                count(added),
                count(updated),
            ],
            |row| row.int("id"),
        )?
        .ok_or_else(|| StoreError::Corrupt("a logged import has no id".into()))?;
    // A case named twice in one import keeps its first revision of a field (the file's rows
    // after it were compared with the same stored value).
    db.execute_each(
        "INSERT INTO case_revisions (import_id, case_no, field, old_value, new_value)
         VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
        log.revisions.iter().map(|r| {
            [
                Value::Int(id),
                (&r.case_no).into(),
                (&r.field).into(),
                opt_text(&r.old),
                opt_text(&r.new),
            ]
        }),
        |_| {},
    )?;
    Ok(id)
}

/// Records a report with its figures, in one transaction; returns its id.
pub(crate) fn record_report(db: &mut Db, write: &ReportWrite) -> Result<i64, StoreError> {
    db.transaction(|db| {
        let r = &write.report;
        let id = db
            .query_opt(
                "INSERT INTO reports (version, made_at, name, kind, court_code, with_lower,
                     period_from, period_to, made_by)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                &[
                    count(r.version),
                    (&r.made_at).into(),
                    (&r.name).into(),
                    (&r.kind).into(),
                    opt_text(&r.court_code),
                    r.with_lower.into(),
                    r.from.into(),
                    r.to.into(),
                    opt_text(&r.made_by),
                ],
                |row| row.int("id"),
            )?
            .ok_or_else(|| StoreError::Corrupt("a recorded report has no id".into()))?;
        db.execute_each(
            "INSERT INTO report_stock_flow (report_id, court_code, month, carried, filed, closed,
                 pending) VALUES (?, ?, ?, ?, ?, ?, ?)",
            write.stock_flow.iter().map(|s| {
                [
                    Value::Int(id),
                    (&s.court_code).into(),
                    (&s.month).into(),
                    s.carried.into(),
                    s.filed.into(),
                    s.closed.into(),
                    s.pending.into(),
                ]
            }),
            |_| {},
        )?;
        db.execute_each(
            "INSERT INTO report_figures (report_id, indicator, value, definition_version)
             VALUES (?, ?, ?, ?)",
            write.figures.iter().map(|(code, value, version)| {
                [
                    Value::Int(id),
                    code.as_str().into(),
                    value.map(|v| v.to_string()).into(),
                    Value::Int(i64::from(*version)),
                ]
            }),
            |_| {},
        )?;
        Ok(id)
    })
}

const REPORT_COLUMNS: &str = "id, version, made_at, name, kind, court_code, with_lower, \
     period_from, period_to, made_by";

fn read_report(row: &Row<'_, '_>) -> Result<ReportRow, StoreError> {
    Ok(ReportRow {
        id: row.int("id")?,
        version: unsigned(row.int("version")?),
        made_at: row.text("made_at")?,
        name: row.text("name")?,
        kind: row.text("kind")?,
        court_code: row.opt_text("court_code")?,
        with_lower: row.bool("with_lower")?,
        from: row.date("period_from")?,
        to: row.date("period_to")?,
        made_by: row.opt_text("made_by")?,
    })
}

/// The reports whose period meets `from ..= to`, oldest first.
pub(crate) fn reports_meeting(
    db: &mut Db,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<ReportRow>, StoreError> {
    db.query(
        &format!(
            "SELECT {REPORT_COLUMNS} FROM reports WHERE period_from <= ? AND period_to >= ?
             ORDER BY id"
        ),
        &[to.into(), from.into()],
        read_report,
    )
}

/// The most recent reports, newest first.
pub(crate) fn latest_reports(db: &mut Db, limit: u64) -> Result<Vec<ReportRow>, StoreError> {
    db.query(
        &format!("SELECT {REPORT_COLUMNS} FROM reports ORDER BY id DESC LIMIT ?"),
        &[count(limit)],
        read_report,
    )
}

pub(crate) fn report(db: &mut Db, id: i64) -> Result<Option<ReportRow>, StoreError> {
    db.query_opt(
        &format!("SELECT {REPORT_COLUMNS} FROM reports WHERE id = ?"),
        &[id.into()],
        read_report,
    )
}

/// The stock and flow a report recorded, by court and month.
pub(crate) fn report_stock_flow(db: &mut Db, id: i64) -> Result<Vec<StockFlowRow>, StoreError> {
    db.query(
        "SELECT court_code, month, carried, filed, closed, pending FROM report_stock_flow
         WHERE report_id = ? ORDER BY court_code COLLATE BINARY, month COLLATE BINARY",
        &[id.into()],
        |row| {
            Ok(StockFlowRow {
                court_code: row.text("court_code")?,
                month: row.text("month")?,
                carried: row.int("carried")?,
                filed: row.int("filed")?,
                closed: row.int("closed")?,
                pending: row.int("pending")?,
            })
        },
    )
}

/// The indicators' values a report recorded, each with the version of its definition.
pub(crate) fn report_figures(
    db: &mut Db,
    id: i64,
) -> Result<Vec<(String, Option<f64>, u16)>, StoreError> {
    db.query(
        "SELECT indicator, value, definition_version FROM report_figures WHERE report_id = ?
         ORDER BY indicator COLLATE BINARY",
        &[id.into()],
        |row| {
            let value = row.opt_text("value")?;
            let number = value
                .map(|v| {
                    v.parse::<f64>().map_err(|_| {
                        StoreError::Corrupt(format!("a reported figure does not read: {v}"))
                    })
                })
                .transpose()?;
            let version = u16::try_from(row.int("definition_version")?).map_err(|_| {
                StoreError::Corrupt("a reported figure's definition version is out of range".into())
            })?;
            Ok((row.text("indicator")?, number, version))
        },
    )
}

/// The last day of every period a report covered: a case dated on or before it may change what
/// some report printed.
pub(crate) fn latest_reported_day(db: &mut Db) -> Result<Option<NaiveDate>, StoreError> {
    let days = db.query(
        "SELECT period_to FROM reports ORDER BY period_to DESC LIMIT 1",
        &[],
        |row| row.date("period_to"),
    )?;
    Ok(days.into_iter().next())
}

const REVISION_SELECT: &str = "SELECT i.id, i.version, i.made_at, i.source, i.made_by, i.added, \
     i.updated, r.case_no, r.field, r.old_value, r.new_value \
     FROM case_revisions r JOIN imports i ON i.id = r.import_id";

fn read_revision(row: &Row<'_, '_>) -> Result<StoredRevision, StoreError> {
    Ok(StoredRevision {
        import: read_import(row)?,
        revision: RevisionRow {
            case_no: row.text("case_no")?,
            field: row.text("field")?,
            old: row.opt_text("old_value")?,
            new: row.opt_text("new_value")?,
        },
    })
}

fn read_import(row: &Row<'_, '_>) -> Result<ImportRow, StoreError> {
    Ok(ImportRow {
        id: row.int("id")?,
        version: unsigned(row.int("version")?),
        made_at: row.text("made_at")?,
        source: row.text("source")?,
        made_by: row.opt_text("made_by")?,
        added: unsigned(row.int("added")?),
        updated: unsigned(row.int("updated")?),
    })
}

/// Every revision made by an import after data version `version` (of the `fields` named, or
/// all), in the order made.
pub(crate) fn revisions_after(
    db: &mut Db,
    version: u64,
    fields: Option<&[&str]>,
) -> Result<Vec<StoredRevision>, StoreError> {
    let mut params = vec![count(version)];
    let only = match fields {
        Some(fields) if !fields.is_empty() => {
            params.extend(fields.iter().map(|f| Value::from(*f)));
            format!("AND r.field IN ({})", crate::sql::marks(fields.len()))
        }
        _ => String::new(),
    };
    db.query(
        &format!(
            "{REVISION_SELECT} WHERE i.version > ? {only}
             ORDER BY i.version, r.case_no COLLATE BINARY, r.field COLLATE BINARY"
        ),
        &params,
        read_revision,
    )
}

/// A case's revisions, in the order made.
pub(crate) fn revisions_of(db: &mut Db, case_no: &str) -> Result<Vec<StoredRevision>, StoreError> {
    db.query(
        &format!(
            "{REVISION_SELECT} WHERE r.case_no = ? ORDER BY i.version, r.field COLLATE BINARY"
        ),
        &[case_no.into()],
        read_revision,
    )
}

/// The most recent imports, newest first.
pub(crate) fn imports(db: &mut Db, limit: u64) -> Result<Vec<ImportRow>, StoreError> {
    db.query(
        "SELECT id, version, made_at, source, made_by, added, updated FROM imports
         ORDER BY version DESC, id DESC LIMIT ?",
        &[count(limit)],
        read_import,
    )
}

/// A count as a parameter: the store's counts never reach `i64::MAX`, and one that did would be
/// written as the largest.
fn count(n: u64) -> Value<'static> {
    Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

fn unsigned(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}
