//! The history of the figures as the application keeps it: what an import changes of the cases
//! the store holds (each field, old → new) and the cases it adds to months already reported,
//! logged with the import; and each bulletin or summary made from the store, recorded with the
//! stock and flow by court and month and the indicators it printed — what makes a month
//! "reported" (docs/reconciliation.md).

use std::collections::HashMap;

use chrono::NaiveDate;
use shenguan_domain::{CaseRecord, CourtScope};
use shenguan_ingest::update::CaseField;
use shenguan_metrics::Cases;
use shenguan_metrics::stock_flow::stock_flow;
use shenguan_store::{ReportWrite, StockFlowRow};

pub use shenguan_store::{ADDED, ImportRow, ReportRow, RevisionRow, StoredRevision};

use crate::report::{Figures, ReportKind, ReportRequest};
use crate::{App, AppError, Store};

/// What an import changes of the stored cases, field by field, and the cases it adds on or
/// before the last day a recorded report covered (a case added later than that changes no
/// printed figure, and is not logged: a first import of a court's history logs nothing).
pub(crate) fn revisions(
    store: &mut Store,
    cases: &[CaseRecord],
    stored: &HashMap<String, CaseRecord>,
) -> Result<Vec<RevisionRow>, AppError> {
    let reported = store.inner.latest_reported_day()?;
    let text = |value: String| (!value.is_empty()).then_some(value);
    let mut rows = Vec::new();
    for case in cases {
        let number = case.case_no.to_string();
        match stored.get(&number) {
            Some(old) => {
                for (field, before, after) in CaseField::differences(old, case) {
                    rows.push(RevisionRow {
                        case_no: number.clone(),
                        field: field.code().to_string(),
                        old: text(before),
                        new: text(after),
                    });
                }
            }
            None => {
                let dated = case
                    .closed_on
                    .map_or(case.filed_on, |c| c.min(case.filed_on));
                if reported.is_some_and(|last| dated <= last) {
                    rows.push(RevisionRow {
                        case_no: number,
                        field: ADDED.to_string(),
                        old: None,
                        new: Some(case.filed_on.to_string()),
                    });
                }
            }
        }
    }
    Ok(rows)
}

/// The stock and flow of the courts `scope` covers (all without one) in each month of the
/// period, as a report records them.
pub(crate) fn stock_flow_rows(
    cases: &Cases,
    scope: Option<CourtScope>,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<StockFlowRow> {
    stock_flow(
        cases,
        &|court| scope.is_none_or(|s| s.covers(court)),
        from,
        to,
    )
    .into_iter()
    .map(|cell| StockFlowRow {
        court_code: cell.court.to_string(),
        month: month_key(cell.month),
        carried: cell.flow.carried,
        filed: cell.flow.filed,
        closed: cell.flow.closed,
        pending: cell.flow.pending,
    })
    .collect()
}

/// `YYYY-MM`, the month as the history keys it.
pub fn month_key(month: NaiveDate) -> String {
    month.format("%Y-%m").to_string()
}

impl App {
    /// A report exported from the store: the export's audit entry and the report's record
    /// (`record_report`) written in one transaction; the record's id.
    pub fn record_exported_report(
        &self,
        store: &mut Store,
        by: Option<&str>,
        audited: &str,
        cases: &Cases,
        version: u64,
        request: &ReportRequest,
    ) -> Result<Option<i64>, AppError> {
        store.atomically(|store| {
            self.audit(store, by, "export", audited)?;
            self.record_report(store, by, cases, version, request)
        })
    }

    /// Records a report of whole courts made from the store's columns (`cases`, made at data
    /// version `version`) with what it printed: each indicator's value over its scope and the
    /// courts' stock and flow by month. A report narrowed to a division, a judge or a kind of
    /// case is not a court's figure and is not recorded (`None`). Returns the report's id.
    pub fn record_report(
        &self,
        store: &mut Store,
        by: Option<&str>,
        cases: &Cases,
        version: u64,
        request: &ReportRequest,
    ) -> Result<Option<i64>, AppError> {
        let (from, to) = request.kind.period()?;
        let filter = &request.filter;
        let whole_courts = filter.division.is_none()
            && filter.judge.is_none()
            && filter.category.is_none()
            && filter.type_code.is_none()
            && filter.stage.is_none()
            && filter.procedure.is_none();
        if !whole_courts {
            return Ok(None);
        }
        let figures = Figures::of_request(self, cases, request)?;
        let values = figures
            .scope
            .result
            .indicators
            .iter()
            .zip(
                figures
                    .scope
                    .result
                    .rows
                    .first()
                    .map(|row| row.values.clone())
                    .unwrap_or_default(),
            )
            .zip(figures.scope.versions.iter().copied())
            .map(|((indicator, value), version)| (indicator.code.to_string(), value, version))
            .collect();
        let stock_flow = stock_flow_rows(cases, filter.court, from, to);
        let report = ReportRow {
            id: 0,
            version,
            made_at: self.now_text(),
            name: request.kind.name(),
            kind: match request.kind {
                ReportKind::Bulletin { .. } => "bulletin",
                ReportKind::Summary { .. } => "summary",
            }
            .to_string(),
            court_code: filter.court.map(|s| s.court.to_string()),
            with_lower: filter.court.is_some_and(|s| s.with_lower),
            from,
            to,
            made_by: by.map(str::to_string),
        };
        Ok(Some(store.inner.record_report(&ReportWrite {
            report,
            stock_flow,
            figures: values,
        })?))
    }
}
