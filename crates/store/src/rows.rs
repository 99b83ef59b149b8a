//! The stored shape of a case: one column per canonical field plus the fields derived from the
//! case number (court, year, type, category, stage, legacy) so that queries can filter on them.

use chrono::NaiveDate;
use shenguan_domain::{
    CaseNumber, CaseRecord, CourtCode, CourtLevel, EventRecord, Money, Procedure,
};

use crate::{CasePage, CaseQuery, StoreError};

/// Column order shared by both backends' INSERT and SELECT statements.
pub(crate) const CASE_COLUMNS: [&str; 20] = [
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
    "filed_on",
    "closed_on",
    "closing_method",
    "claim_amount_fen",
    "recovered_amount_fen",
    "extension_days",
    "excluded_days",
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
    pub filed_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub closing_method: Option<String>,
    pub claim_amount_fen: Option<i64>,
    pub recovered_amount_fen: Option<i64>,
    pub extension_days: i32,
    pub excluded_days: i32,
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
            filed_on: record.filed_on,
            closed_on: record.closed_on,
            closing_method: record.closing_method.clone(),
            claim_amount_fen: record.claim_amount.map(Money::fen),
            recovered_amount_fen: record.recovered_amount.map(Money::fen),
            extension_days: i32::try_from(record.extension_days).unwrap_or(i32::MAX),
            excluded_days: i32::try_from(record.excluded_days).unwrap_or(i32::MAX),
            origin_case_no: record.origin_case_no.as_ref().map(ToString::to_string),
        }
    }

    pub(crate) fn into_record(self) -> Result<CaseRecord, StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("{}: {what}", self.case_no));
        let case_no =
            CaseNumber::parse(&self.case_no, ANY_YEAR).map_err(|e| corrupt(&e.to_string()))?;
        let court = CourtCode::parse(&self.court_code).map_err(|e| corrupt(&e.to_string()))?;
        let procedure = match &self.procedure {
            Some(text) => Some(Procedure::parse(text).ok_or_else(|| corrupt("procedure"))?),
            None => None,
        };
        let origin_case_no = match &self.origin_case_no {
            Some(text) => {
                Some(CaseNumber::parse(text, ANY_YEAR).map_err(|e| corrupt(&e.to_string()))?)
            }
            None => None,
        };
        let days = |d: i32| u32::try_from(d).map_err(|_| corrupt("negative day count"));
        Ok(CaseRecord {
            case_no,
            court,
            court_name: self.court_name.clone(),
            procedure,
            cause: self.cause.clone(),
            division: self.division.clone(),
            judge: self.judge.clone(),
            filed_on: self.filed_on,
            closed_on: self.closed_on,
            closing_method: self.closing_method.clone(),
            claim_amount: self.claim_amount_fen.map(Money::from_fen),
            recovered_amount: self.recovered_amount_fen.map(Money::from_fen),
            extension_days: days(self.extension_days)?,
            excluded_days: days(self.excluded_days)?,
            origin_case_no,
        })
    }
}

/// An event as read back.
pub(crate) fn event_record(
    case_no: &str,
    date: NaiveDate,
    kind: String,
    detail: String,
) -> Result<EventRecord, StoreError> {
    let case_no = CaseNumber::parse(case_no, ANY_YEAR)
        .map_err(|e| StoreError::Corrupt(format!("{case_no}: {e}")))?;
    Ok(EventRecord {
        case_no,
        date,
        kind,
        detail,
    })
}

/// The court filter as a code prefix: a court and every court below it share the prefix
/// (苏01 → 苏01, 苏0102 …; 苏 → every Jiangsu court).
pub(crate) fn court_prefix(court: Option<CourtCode>) -> Option<String> {
    court.map(|c| c.to_string())
}

/// The WHERE clause of a case-list page and its text parameters, in order; `mark(n)` writes the
/// n-th placeholder (`?n` for SQLite, `$n::…` for PostgreSQL). Only the conditions asked for are
/// written, and a basic court (no courts below it) is matched exactly, so that the court and
/// case-number index answers the count and the page alone.
pub(crate) fn page_conditions(
    query: &CaseQuery,
    page: &CasePage,
    mark: &dyn Fn(usize, &str) -> String,
) -> (String, Vec<String>) {
    let mut conditions = Vec::new();
    let mut values = Vec::new();
    let mut add = |sql: &dyn Fn(String) -> String, value: String, kind: &str| {
        values.push(value);
        conditions.push(sql(mark(values.len(), kind)));
    };
    if let Some(court) = query.court {
        if court.level() == CourtLevel::Basic {
            add(
                &|p| format!("c.court_code = {p}"),
                court.to_string(),
                "text",
            );
        } else {
            add(
                &|p| format!("c.court_code LIKE {p} || '%'"),
                court.to_string(),
                "text",
            );
        }
    }
    if let Some(to) = query.to {
        add(&|p| format!("c.filed_on <= {p}"), to.to_string(), "date");
    }
    if let Some(from) = query.from {
        add(
            &|p| format!("(c.closed_on IS NULL OR c.closed_on >= {p})"),
            from.to_string(),
            "date",
        );
    }
    if let Some(division) = &page.division {
        add(&|p| format!("c.division = {p}"), division.clone(), "text");
    }
    if let Some(judge) = &page.judge {
        add(&|p| format!("c.judge = {p}"), judge.clone(), "text");
    }
    let clause = if conditions.is_empty() {
        "TRUE".to_string()
    } else {
        conditions.join(" AND ")
    };
    (clause, values)
}

/// A stored court: code, name, parent code (as text, parsed by the caller).
pub(crate) type CourtRow = (String, String, Option<String>);

/// Adds a court or replaces its name, level and parent; the parameters are code, name, level
/// key and parent code, written `?n` for SQLite and `$n` for PostgreSQL.
pub(crate) fn court_upsert_sql(marker: char) -> String {
    format!(
        "INSERT INTO courts (code, name, level, parent_code) VALUES ({m}1, {m}2, {m}3, {m}4)
         ON CONFLICT (code) DO UPDATE SET name = excluded.name, level = excluded.level,
             parent_code = excluded.parent_code",
        m = marker
    )
}
