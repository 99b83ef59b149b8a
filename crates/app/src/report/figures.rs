//! The figures a report is made of, each asked of the engine once: the indicators for the whole
//! scope with their values a year earlier, the same for each unit below it (the courts, or the
//! divisions of one court), the monthly flow, and — for a bulletin — the units as they stood a
//! month earlier, to tell which moved out of their reference range.

use crate::metrics::IndicatorCode;
use chrono::{Datelike, NaiveDate};
use shenguan_metrics::{Cases, Dimension, Filter, Indicator};

use super::ReportKind;
use crate::metrics::{
    Comparison, DefinitionChoice, MetricsReport, MetricsRequest, Status, definitions,
};
use crate::{App, AppError};

/// Every indicator a report reads, in the order its tables show them.
pub(crate) const CODES: &[IndicatorCode] = &[
    IndicatorCode::New,
    IndicatorCode::CarriedOver,
    IndicatorCode::Accepted,
    IndicatorCode::Closed,
    IndicatorCode::Pending,
    IndicatorCode::CloseToNewRatio,
    IndicatorCode::ClosureRate,
    IndicatorCode::WithinLimitRate,
    IndicatorCode::AvgTrialDays,
    IndicatorCode::PendingOverLimit,
    IndicatorCode::LongPending12m,
    IndicatorCode::LongPending18m,
    IndicatorCode::LongPending36m,
    IndicatorCode::AppealRate,
    IndicatorCode::FirstInstanceReversalRate,
    IndicatorCode::FirstInstanceRemandRate,
    IndicatorCode::MediationWithdrawalRate,
    IndicatorCode::FirstInstanceAcceptanceRate,
    IndicatorCode::EnforcementCompletionRate,
    IndicatorCode::ZhongbenRate,
    IndicatorCode::EnforcementRecoveryRate,
    IndicatorCode::PropertyWithinLimitRate,
    IndicatorCode::ZhongbenComplianceRate,
    IndicatorCode::EnforcementPetitionCompletionRate,
    IndicatorCode::ThreeYearEnforcementRate,
];

/// The computed figures of one report.
#[derive(Clone, Debug)]
pub struct Figures {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The whole scope, one row, with the year-earlier values.
    pub scope: MetricsReport,
    /// By unit (`unit`), with the year-earlier values.
    pub units: MetricsReport,
    pub unit: Dimension,
    /// New, closed and pending by month.
    pub monthly: MetricsReport,
    /// The units over the period ending a month earlier (bulletins from February on).
    pub units_before: Option<MetricsReport>,
    /// The courts by name, for the rows of a table by court.
    pub courts: shenguan_domain::CourtRegistry,
    /// The enforcement targets' thresholds, as the deployment configures them.
    pub targets: shenguan_metrics::targets::Thresholds,
}

fn indicators() -> Vec<&'static Indicator> {
    CODES.iter().map(|c| c.indicator()).collect()
}

impl Figures {
    pub(crate) fn compute(
        app: &App,
        cases: &Cases,
        filter: &Filter,
        from: NaiveDate,
        to: NaiveDate,
        kind: ReportKind,
        definitions: &DefinitionChoice,
    ) -> Result<Figures, AppError> {
        let ask = |from, to, group_by: Vec<Dimension>, indicators, compare| {
            app.metrics(
                cases,
                &MetricsRequest {
                    from,
                    to,
                    group_by,
                    filter: filter.clone(),
                    indicators,
                    compare,
                    definitions: definitions.clone(),
                },
            )
        };
        let yoy = vec![Comparison::YearEarlier];
        let scope = ask(from, to, vec![], indicators(), yoy.clone())?;
        // The units below: the courts when there are several, else one court's divisions (an
        // intermediate court's report covers the courts below it; a basic court's, its divisions).
        let by_court = ask(from, to, vec![Dimension::Court], indicators(), yoy.clone())?;
        let (unit, units) = if by_court.result.rows.len() > 1 || filter.division.is_some() {
            (Dimension::Court, by_court)
        } else {
            let by_division = ask(from, to, vec![Dimension::Division], indicators(), yoy)?;
            (Dimension::Division, by_division)
        };
        let flow = [
            IndicatorCode::New,
            IndicatorCode::Closed,
            IndicatorCode::Pending,
        ]
        .iter()
        .map(|c| c.indicator())
        .collect();
        let monthly = ask(from, to, vec![Dimension::Month], flow, vec![])?;
        let units_before = match kind {
            ReportKind::Bulletin { month, .. } if month > 1 => {
                let end = NaiveDate::from_ymd_opt(to.year(), month, 1).and_then(|d| d.pred_opt());
                match end {
                    Some(end) if end >= from => {
                        Some(ask(from, end, vec![unit], indicators(), vec![])?)
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        Ok(Figures {
            from,
            to,
            scope,
            units,
            unit,
            monthly,
            units_before,
            courts: app.courts(),
            targets: app.config().targets,
        })
    }

    /// The figures of a report request: its period, scope and definitions.
    pub(crate) fn of_request(
        app: &App,
        cases: &Cases,
        request: &super::ReportRequest,
    ) -> Result<Figures, AppError> {
        let (from, to) = request.kind.period()?;
        let (filter, kind) = (&request.filter, request.kind);
        Figures::compute(app, cases, filter, from, to, kind, &request.definitions)
    }

    /// Where `code` sits among the indicators asked for.
    pub fn index(code: IndicatorCode) -> Option<usize> {
        CODES.iter().position(|c| *c == code)
    }

    /// The scope's value of `code` (`None` when undefined, e.g. nothing to divide by).
    pub fn value(&self, code: IndicatorCode) -> Option<f64> {
        let i = Figures::index(code)?;
        self.scope
            .result
            .rows
            .first()?
            .values
            .get(i)
            .copied()
            .flatten()
    }

    /// The scope's value of `code` a year earlier.
    pub fn year_earlier(&self, code: IndicatorCode) -> Option<f64> {
        self.scope
            .compared(Comparison::YearEarlier, 0, Figures::index(code)?)
    }

    /// Where the scope's value of `code` stands against its range.
    pub fn status(&self, code: IndicatorCode) -> Option<Status> {
        let i = Figures::index(code)?;
        self.scope.status(i, self.value(code))
    }

    /// The indicator of `code` as the report asked for it.
    pub fn indicator(code: IndicatorCode) -> Option<&'static Indicator> {
        Some(code.indicator())
    }

    /// The definition of `code` this report computed it by (the current one unless the report
    /// was asked for another version).
    pub fn definition(&self, code: IndicatorCode) -> Option<&'static Indicator> {
        let i = Figures::index(code)?;
        self.scope.result.indicators.get(i).copied()
    }

    /// The version of `code`'s definition used, and the change of definition its year-earlier
    /// comparison crosses, if any.
    pub fn crossed(&self, code: IndicatorCode) -> Option<(u16, &'static definitions::Version)> {
        let i = Figures::index(code)?;
        let (version, comparisons) = self.scope.changes.get(i)?.as_ref()?;
        comparisons
            .contains(&Comparison::YearEarlier)
            .then(|| (self.scope.versions.get(i).copied().unwrap_or(1), *version))
    }
}

#[cfg(test)]
mod tests {
    /// Every code a report names once (the codes are typed: a misspelt one does not compile),
    /// each with its catalogue entry.
    #[test]
    fn every_code_of_the_reports_is_named_once() {
        let mut seen = std::collections::HashSet::new();
        for code in super::CODES {
            assert!(seen.insert(code.key()), "{code} twice");
        }
        let codes: Vec<&str> = super::indicators().iter().map(|i| i.code).collect();
        let keys: Vec<&str> = super::CODES.iter().map(|c| c.key()).collect();
        assert_eq!(codes, keys);
    }
}
