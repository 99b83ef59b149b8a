//! The figures a report is made of, each asked of the engine once: the indicators for the whole
//! scope with their values a year earlier, the same for each unit below it (the courts, or the
//! divisions of one court), the monthly flow, and — for a bulletin — the units as they stood a
//! month earlier, to tell which moved out of their reference range.

use chrono::{Datelike, NaiveDate};
use shenguan_metrics::{Cases, Dimension, Filter, Indicator, indicator};

use super::ReportKind;
use crate::metrics::{Comparison, MetricsReport, MetricsRequest, Status};
use crate::{App, AppError};

/// Every indicator a report reads, in the order its tables show them.
pub(crate) const CODES: &[&str] = &[
    "new",
    "carried_over",
    "accepted",
    "closed",
    "pending",
    "close_to_new_ratio",
    "closure_rate",
    "within_limit_rate",
    "avg_trial_days",
    "pending_over_limit",
    "long_pending_12m",
    "long_pending_18m",
    "long_pending_36m",
    "appeal_rate",
    "first_instance_reversal_rate",
    "first_instance_remand_rate",
    "mediation_withdrawal_rate",
    "first_instance_acceptance_rate",
    "enforcement_completion_rate",
    "zhongben_rate",
    "enforcement_recovery_rate",
    "property_within_limit_rate",
    "three_year_enforcement_rate",
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
}

fn indicators() -> Vec<&'static Indicator> {
    CODES.iter().filter_map(|c| indicator(c)).collect()
}

impl Figures {
    pub(crate) fn compute(
        app: &App,
        cases: &Cases,
        filter: &Filter,
        from: NaiveDate,
        to: NaiveDate,
        kind: ReportKind,
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
        let flow = ["new", "closed", "pending"]
            .iter()
            .filter_map(|c| indicator(c))
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
        })
    }

    /// Where `code` sits among the indicators asked for.
    pub fn index(code: &str) -> Option<usize> {
        CODES.iter().position(|c| *c == code)
    }

    /// The scope's value of `code` (`None` when undefined, e.g. nothing to divide by).
    pub fn value(&self, code: &str) -> Option<f64> {
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
    pub fn year_earlier(&self, code: &str) -> Option<f64> {
        self.scope
            .compared(Comparison::YearEarlier, 0, Figures::index(code)?)
    }

    /// Where the scope's value of `code` stands against its range.
    pub fn status(&self, code: &str) -> Option<Status> {
        let i = Figures::index(code)?;
        self.scope.status(i, self.value(code))
    }

    /// The indicator of `code` as the report asked for it.
    pub fn indicator(code: &str) -> Option<&'static Indicator> {
        indicator(code)
    }
}

#[cfg(test)]
mod tests {
    /// Every code a report names is an indicator of the catalogue: a misspelt one would leave a
    /// column out of every report without a word.
    #[test]
    fn every_code_of_the_reports_names_an_indicator() {
        let missing: Vec<&str> = super::CODES
            .iter()
            .copied()
            .filter(|c| shenguan_metrics::indicator(c).is_none())
            .collect();
        assert!(missing.is_empty(), "{missing:?}");
        assert_eq!(super::indicators().len(), super::CODES.len());
    }
}
