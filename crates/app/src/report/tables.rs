//! The tables and charts behind a report's sentences, and the notes that define its indicators:
//! the scope's total row first, then each unit (court or division) in code order — never ranked —
//! with values outside their reference range marked.

use crate::metrics::IndicatorCode;
use shenguan_metrics::{Dimension, Unit};
use shenguan_report::{Block, Cell, Chart, ChartKind, Note, NumberFormat, Series, Table};

use super::figures::Figures;
use crate::metrics::{Change, Comparison, MetricsReport, Status};

/// The main tables' indicators: caseload and efficiency, then quality (two tables, so that
/// each fits the width of an A4 page in portrait).
const FLOW: &[IndicatorCode] = &[
    IndicatorCode::New,
    IndicatorCode::Closed,
    IndicatorCode::Pending,
    IndicatorCode::ClosureRate,
    IndicatorCode::CloseToNewRatio,
    IndicatorCode::WithinLimitRate,
    IndicatorCode::AvgTrialDays,
];

const QUALITY: &[IndicatorCode] = &[
    IndicatorCode::AppealRate,
    IndicatorCode::FirstInstanceReversalRate,
    IndicatorCode::FirstInstanceRemandRate,
    IndicatorCode::MediationWithdrawalRate,
    IndicatorCode::FirstInstanceAcceptanceRate,
];

const PENDING: &[IndicatorCode] = &[
    IndicatorCode::Pending,
    IndicatorCode::PendingOverLimit,
    IndicatorCode::LongPending12m,
    IndicatorCode::LongPending18m,
    IndicatorCode::LongPending36m,
];

const ENFORCEMENT: &[IndicatorCode] = &[
    IndicatorCode::EnforcementCompletionRate,
    IndicatorCode::ZhongbenRate,
    IndicatorCode::EnforcementRecoveryRate,
    IndicatorCode::PropertyWithinLimitRate,
    IndicatorCode::ZhongbenComplianceRate,
    IndicatorCode::EnforcementPetitionCompletionRate,
    IndicatorCode::ThreeYearEnforcementRate,
];

/// The year-earlier comparison table's indicators.
const CHANGES: &[IndicatorCode] = &[
    IndicatorCode::New,
    IndicatorCode::Closed,
    IndicatorCode::WithinLimitRate,
    IndicatorCode::AvgTrialDays,
];

/// How a figure of `unit` is shown in a document or a workbook.
pub fn format_of(unit: Unit) -> NumberFormat {
    match unit {
        Unit::Cases => NumberFormat::Integer,
        Unit::Percent => NumberFormat::Percent(2),
        Unit::Days | Unit::Ratio | Unit::Yuan => NumberFormat::Decimal(2),
    }
}

fn heading(code: IndicatorCode) -> String {
    Figures::indicator(code).map_or(code.to_string(), |i| match i.unit {
        Unit::Percent => format!("{}(%)", i.name_zh),
        Unit::Days => format!("{}(天)", i.name_zh),
        Unit::Yuan => format!("{}(元)", i.name_zh),
        Unit::Cases | Unit::Ratio => i.name_zh.to_string(),
    })
}

/// A value as a cell, marked when outside its range.
fn cell(report: &MetricsReport, row: usize, code: IndicatorCode) -> Cell {
    let Some(i) = Figures::index(code) else {
        return Cell::Empty;
    };
    let value = report
        .result
        .rows
        .get(row)
        .and_then(|r| r.values.get(i).copied().flatten());
    let Some(value) = value else {
        return Cell::Empty;
    };
    let unit = Figures::indicator(code).map_or(Unit::Cases, |i| i.unit);
    let plain = Cell::number(value, format_of(unit));
    match report.status(i, Some(value)) {
        Some(Status::Below) => plain.with_status(shenguan_report::Status::BelowRange),
        Some(Status::Above) => plain.with_status(shenguan_report::Status::AboveRange),
        _ => plain,
    }
}

/// The name of each row of the table by unit: a court by its short name (清河区法院), a division
/// as it is.
fn unit_names(f: &Figures) -> Vec<String> {
    f.units
        .result
        .rows
        .iter()
        .map(|r| {
            let value = unit_value(f, r).to_string();
            match (f.unit, shenguan_domain::CourtCode::parse(&value)) {
                (Dimension::Court, Ok(code)) => f.courts.short_name_of(code),
                _ => value,
            }
        })
        .collect()
}

/// A row's value of the unit dimension (a division row also names its court).
fn unit_value<'r>(f: &Figures, row: &'r shenguan_metrics::ResultRow) -> &'r str {
    row.group
        .iter()
        .find(|(d, _)| *d == f.unit)
        .map_or("", |(_, v)| v.as_str())
}

pub(crate) fn unit_label(f: &Figures) -> &'static str {
    match f.unit {
        Dimension::Division => "部门",
        _ => "法院",
    }
}

/// A table of `codes`: the scope's total, then the units.
fn figures_table(f: &Figures, caption: String, scope: &str, codes: &[IndicatorCode]) -> Table {
    let mut header = vec![unit_label(f).to_string()];
    header.extend(codes.iter().map(|&c| heading(c)));
    let mut rows = vec![{
        let mut row = vec![Cell::text(format!("{scope}（合计）"))];
        row.extend(codes.iter().map(|&c| cell(&f.scope, 0, c)));
        row
    }];
    for (i, name) in unit_names(f).into_iter().enumerate() {
        let mut row = vec![Cell::text(name)];
        row.extend(codes.iter().map(|&c| cell(&f.units, i, c)));
        rows.push(row);
    }
    Table {
        caption,
        header,
        rows,
    }
}

pub(crate) fn flow_table(f: &Figures, number: usize, scope: &str) -> Block {
    Block::Table(figures_table(
        f,
        format!("表{number}　收结案与审判效率"),
        scope,
        FLOW,
    ))
}

pub(crate) fn quality_table(f: &Figures, number: usize, scope: &str) -> Block {
    Block::Table(figures_table(
        f,
        format!("表{number}　审判质量"),
        scope,
        QUALITY,
    ))
}

pub(crate) fn pending_table(f: &Figures, number: usize, scope: &str) -> Block {
    Block::Table(figures_table(
        f,
        format!("表{number}　未结、超审限与长期未结案件"),
        scope,
        PENDING,
    ))
}

pub(crate) fn enforcement_table(f: &Figures, number: usize, scope: &str) -> Block {
    let mut table = figures_table(f, format!("表{number}　执行质效指标"), scope, ENFORCEMENT);
    let mut targets = vec![Cell::text("目标")];
    for &code in ENFORCEMENT {
        let t = &f.targets;
        let threshold = match code {
            IndicatorCode::PropertyWithinLimitRate => Some(t.property_within_limit),
            IndicatorCode::ZhongbenComplianceRate => Some(t.zhongben_compliance),
            IndicatorCode::EnforcementPetitionCompletionRate => Some(t.petitions_closed),
            IndicatorCode::ThreeYearEnforcementRate => Some(t.three_year),
            _ => None,
        };
        targets.push(threshold.map_or(Cell::Empty, |v| Cell::number(v, NumberFormat::Percent(0))));
    }
    table.rows.push(targets);
    Block::Table(table)
}

/// Each unit's change on a year earlier: counts in percent, rates in points, days in days.
pub(crate) fn change_table(f: &Figures, number: usize, scope: &str) -> Block {
    let mut header = vec![unit_label(f).to_string()];
    for &code in CHANGES {
        let name = Figures::indicator(code).map_or(code.key(), |i| i.name_zh);
        let unit = Figures::indicator(code).map_or(Unit::Cases, |i| i.unit);
        // A change across a change of definition is marked in its heading; the notes say which.
        let name = match f.crossed(code) {
            Some(_) => format!("{name}[口径变更]"),
            None => name.to_string(),
        };
        header.push(match unit {
            Unit::Cases => format!("{name}同比(%)"),
            Unit::Percent => format!("{name}同比(百分点)"),
            _ => format!("{name}同比(天)"),
        });
    }
    let row_of = |report: &MetricsReport, row: usize, name: String| {
        let mut cells = vec![Cell::text(name)];
        for &code in CHANGES {
            let unit = Figures::indicator(code).map_or(Unit::Cases, |i| i.unit);
            let i = Figures::index(code).unwrap_or(usize::MAX);
            let now = report
                .result
                .rows
                .get(row)
                .and_then(|r| r.values.get(i).copied().flatten());
            let earlier = report.compared(Comparison::YearEarlier, row, i);
            cells.push(match Change::between(unit, now, earlier) {
                Some(change) => Cell::number(change.amount(), NumberFormat::Decimal(2)),
                None => Cell::Empty,
            });
        }
        cells
    };
    let mut rows = vec![row_of(&f.scope, 0, format!("{scope}（合计）"))];
    for (i, name) in unit_names(f).into_iter().enumerate() {
        rows.push(row_of(&f.units, i, name));
    }
    Block::Table(Table {
        caption: format!("表{number}　主要指标同比变化"),
        header,
        rows,
    })
}

/// New, closed and pending by month.
pub(crate) fn monthly_chart(f: &Figures, number: usize) -> Block {
    let categories: Vec<String> = f
        .monthly
        .result
        .rows
        .iter()
        .map(|r| r.group.first().map(|(_, v)| v.clone()).unwrap_or_default())
        .collect();
    let series = ["新收", "结案", "未结"]
        .iter()
        .enumerate()
        .map(|(i, name)| Series {
            name: (*name).to_string(),
            values: f
                .monthly
                .result
                .rows
                .iter()
                .map(|r| r.values.get(i).copied().flatten())
                .collect(),
        })
        .collect();
    Block::Chart(Chart {
        title: format!("图{number}　各月新收、结案与未结案件"),
        kind: ChartKind::Line,
        categories,
        series,
        format: NumberFormat::Integer,
        partial: super::running_month(f.to).map(|(zh, _)| zh),
        bands: Vec::new(),
    })
}

/// One indicator across the units, as bars.
pub(crate) fn unit_chart(f: &Figures, number: usize, code: IndicatorCode) -> Block {
    let i = Figures::index(code).unwrap_or(usize::MAX);
    let name = Figures::indicator(code).map_or(code.key(), |i| i.name_zh);
    let unit = Figures::indicator(code).map_or(Unit::Cases, |i| i.unit);
    Block::Chart(Chart {
        title: format!("图{number}　各{}{name}", unit_label(f)),
        kind: ChartKind::Bar,
        categories: unit_names(f),
        series: vec![Series {
            name: name.to_string(),
            values: f
                .units
                .result
                .rows
                .iter()
                .map(|r| r.values.get(i).copied().flatten())
                .collect(),
        }],
        format: format_of(unit),
        partial: None,
        bands: Vec::new(),
    })
}

/// The definition of every indicator the report uses, as the version it was computed by reads:
/// the Chinese wording and the cases it applies to.
pub(crate) fn notes(f: &Figures, codes: &[IndicatorCode]) -> Vec<Note> {
    codes
        .iter()
        .filter_map(|&code| f.definition(code))
        .map(|i| Note {
            term: i.name_zh.to_string(),
            definition: format!(
                "{}。适用于{}。",
                i.definition_in(shenguan_domain::Lang::Zh)
                    .trim_end_matches('。'),
                i.applies_to_in(shenguan_domain::Lang::Zh)
                    .trim_end_matches('。')
            ),
        })
        .collect()
}

/// Why some values are provisional (暂定) or undefined (—): the engine's notes on the scope and
/// on its units, each once.
pub(crate) fn figure_notes(f: &Figures) -> Vec<Note> {
    let mut seen = std::collections::HashSet::new();
    f.scope
        .notes
        .iter()
        .chain(&f.units.notes)
        .filter(|(zh, _)| seen.insert(zh.clone()))
        .map(|(zh, _)| Note {
            term: if zh.contains("口径") {
                "口径"
            } else if zh.contains("暂定") {
                "暂定值"
            } else {
                "“—”"
            }
            .to_string(),
            definition: format!("{zh}。"),
        })
        .collect()
}

/// The units whose value of an indicator lies outside its range: (unit, indicator name, value
/// text, whether it was within the range a month earlier).
pub(crate) fn out_of_range(f: &Figures) -> Vec<(String, &'static str, String, bool)> {
    let names = unit_names(f);
    let mut found = Vec::new();
    for (row, name) in names.iter().enumerate() {
        for &code in FLOW.iter().chain(QUALITY).chain(ENFORCEMENT) {
            let Some(i) = Figures::index(code) else {
                continue;
            };
            let Some(indicator) = Figures::indicator(code) else {
                continue;
            };
            let value = f.units.result.rows[row].values.get(i).copied().flatten();
            if !matches!(
                f.units.status(i, value),
                Some(Status::Below | Status::Above)
            ) {
                continue;
            }
            let newly = f.units_before.as_ref().is_some_and(|before| {
                before
                    .result
                    .rows
                    .iter()
                    .find(|r| unit_value(f, r) == unit_value(f, &f.units.result.rows[row]))
                    .is_some_and(|r| {
                        let earlier = r.values.get(i).copied().flatten();
                        before.status(i, earlier) == Some(Status::Within)
                    })
            });
            found.push((
                name.clone(),
                indicator.name_zh,
                super::narrative::amount(indicator.unit, value),
                newly,
            ));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code a table shows is one the report computes: one that is not would leave its
    /// column empty in every report without a word.
    #[test]
    fn every_table_column_is_a_computed_indicator() {
        for (table, codes) in [
            ("flow", FLOW),
            ("quality", QUALITY),
            ("pending", PENDING),
            ("enforcement", ENFORCEMENT),
            ("changes", CHANGES),
        ] {
            for &code in codes {
                assert!(Figures::index(code).is_some(), "{table}: {code}");
            }
        }
    }
}
