//! Figures as HTML: indicator cards (value, range status, 同比), tables of grouped figures
//! (sortable by any column, never ranked, with the whole as their 合计), and the monthly trend
//! chart.

use shenguan_app::metrics::IndicatorCode;
use shenguan_app::metrics::{
    Change, Comparison, Dimension, Filter, Indicator, MetricsReport, MetricsRequest, ResultRow,
    Unit, display_value as shown,
};

use chrono::NaiveDate;
use maud::{Markup, html};

use super::html::encode;
use super::table::{Cell, Table};
use super::{Ctx, Lang};

/// An indicator's name in the page's language.
pub(crate) fn name(lang: Lang, indicator: &Indicator) -> &'static str {
    match lang {
        Lang::Zh => indicator.name_zh,
        Lang::En => indicator.name_en,
    }
}

/// A request for the figures of `span`.
pub(crate) fn request(
    (from, to): (chrono::NaiveDate, chrono::NaiveDate),
    filter: Filter,
    group_by: Vec<Dimension>,
    indicators: Vec<&'static Indicator>,
    compare: Vec<Comparison>,
) -> MetricsRequest {
    MetricsRequest {
        from,
        to,
        group_by,
        filter,
        indicators,
        compare,
        definitions: Default::default(),
    }
}

/// The indicators of these codes, in order.
pub(crate) fn indicators(codes: &[IndicatorCode]) -> Vec<&'static Indicator> {
    codes.iter().map(|c| c.indicator()).collect()
}

/// The cards' indicators: the headline core set.
pub(crate) fn headline() -> Vec<&'static Indicator> {
    indicators(&[
        IndicatorCode::New,
        IndicatorCode::Closed,
        IndicatorCode::Pending,
        IndicatorCode::CloseToNewRatio,
        IndicatorCode::WithinLimitRate,
        IndicatorCode::AvgTrialDays,
        IndicatorCode::LongPending12m,
        IndicatorCode::AppealRate,
        IndicatorCode::FirstInstanceReversalRate,
        IndicatorCode::MediationWithdrawalRate,
        IndicatorCode::EnforcementCompletionRate,
        IndicatorCode::DispositionTimeDays,
    ])
}

/// Cards of the report's single row: value, unit, status against the range, change on a year
/// earlier.
pub(crate) fn cards(ctx: &Ctx, report: &MetricsReport) -> Markup {
    let Some(row) = report.result.rows.first() else {
        return html! { p.muted { (ctx.t("本期间没有案件。", "No cases in this period.")) } };
    };
    html! {
        div.cards {
            @for (i, indicator) in report.result.indicators.iter().enumerate() {
                @let value = row.values[i];
                @let earlier = report.compared(Comparison::YearEarlier, 0, i);
                @let change = Change::between(indicator.unit, value, earlier).map_or("—".into(), |c| {
                    match ctx.lang {
                        Lang::Zh => c.label_zh(indicator.unit),
                        Lang::En => c.label_en(indicator.unit),
                    }
                });
                div.card {
                    div.n { a href={ "/indicator/" (encode(indicator.code)) } { (name(ctx.lang, indicator)) } }
                    div.v {
                        (shown(indicator.unit, value)) " "
                        small {
                            (unit_label(ctx.lang, indicator.unit))
                            @if report.provisional.get(i) == Some(&true) { " " (ctx.t("暂定", "provisional")) }
                        }
                    }
                    div.n {
                        (ctx.t("同比", "YoY")) " " (change)
                        @if let Some(status) = report.status(i, value) {
                            " " span class=(status.key()) { (ctx.t(status.label_zh(), status.label_en())) }
                        }
                    }
                }
            }
        }
        (notes(ctx, report))
    }
}

/// A unit as a reader says it (件, %, 天), never its code.
pub(crate) fn unit_label(lang: Lang, unit: Unit) -> &'static str {
    match lang {
        Lang::Zh => unit.label_zh(),
        Lang::En => unit.label_en(),
    }
}

/// Why values are provisional (暂定) or undefined (—), under the figures they explain.
pub(crate) fn notes(ctx: &Ctx, report: &MetricsReport) -> Markup {
    html! {
        @for (zh, en) in &report.notes {
            p.muted { (ctx.t(zh, en)) }
        }
    }
}

/// Where a row of a figures table links to, from its group (dimension and value per column).
pub(crate) type GroupLink<'a> = &'a dyn Fn(&[(Dimension, String)]) -> Option<String>;

/// Links a row to its court's page (the first court column of its group).
pub(crate) fn court_link(group: &[(Dimension, String)]) -> Option<String> {
    group
        .iter()
        .find(|(d, _)| *d == Dimension::Court)
        .map(|(_, code)| format!("/court/{}", encode(code)))
}

/// An indicator's column heading: its name, with the unit where it is not a count.
fn heading(lang: Lang, indicator: &Indicator) -> String {
    let unit = unit_label(lang, indicator.unit);
    match indicator.unit {
        Unit::Percent | Unit::Days | Unit::Yuan => format!("{}（{unit}）", name(lang, indicator)),
        Unit::Cases | Unit::Ratio => name(lang, indicator).to_string(),
    }
}

/// A row's figures as table cells: shown as the pages show figures, numbers in the workbook.
fn figure_cells(report: &MetricsReport, values: &[Option<f64>]) -> Vec<Cell> {
    report
        .result
        .indicators
        .iter()
        .zip(values)
        .map(|(indicator, value)| {
            Cell::figure(
                *value,
                shenguan_app::report::number_format(indicator.unit),
                shown(indicator.unit, *value),
            )
        })
        .collect()
}

/// A table of the report's rows (sortable, in code order until asked), the last group column
/// linked by `link`; its 合计 row is `total`'s single row — the same indicators over the whole
/// of what the table divides, so that rates are the whole's rates, never sums of rates.
pub(crate) fn figures_table(
    ctx: &Ctx,
    key: &'static str,
    caption: &str,
    report: &MetricsReport,
    link: GroupLink<'_>,
    total: Option<&MetricsReport>,
) -> Markup {
    let mut header: Vec<String> = report
        .result
        .group_by
        .iter()
        .map(|d| ctx.t(d.label_zh(), d.label_en()).to_string())
        .collect();
    header.extend(
        report
            .result
            .indicators
            .iter()
            .map(|i| heading(ctx.lang, i)),
    );
    let mut table = Table::new(key, caption, header);
    table.counted = ("项", "rows");
    table.rows = report
        .result
        .rows
        .iter()
        .map(|row| row_cells(ctx, report, row, link))
        .collect();
    let groups = report.result.group_by.len();
    table.total = total.and_then(|t| t.result.rows.first()).map(|row| {
        // The label takes the first column; the other group columns stay empty.
        let mut cells: Vec<Cell> = (1..groups).map(|_| Cell::text("")).collect();
        cells.extend(figure_cells(report, &row.values));
        cells
    });
    ctx.table(table)
}

fn row_cells(ctx: &Ctx, report: &MetricsReport, row: &ResultRow, link: GroupLink<'_>) -> Vec<Cell> {
    let href = link(&row.group);
    // The link sits on the last group column: the division of a (court, division) row.
    let linked = row.group.len().saturating_sub(1);
    let mut cells: Vec<Cell> = row
        .group
        .iter()
        .enumerate()
        .map(|(i, (dimension, value))| {
            let text = match dimension {
                Dimension::Court => ctx.court(value),
                _ => report.shown_group(*dimension, value).to_string(),
            };
            match (&href, i == linked) {
                (Some(href), true) => Cell::text(text).link(href.clone()),
                _ => Cell::text(text),
            }
        })
        .collect();
    cells.extend(figure_cells(report, &row.values));
    cells
}

/// The monthly trend of the report's indicators (one row per month) as a line chart; a month
/// still running at the period's end (`to`) is drawn apart, with the day it runs to.
pub(crate) fn trend(ctx: &Ctx, title: &str, report: &MetricsReport, to: NaiveDate) -> Markup {
    let categories: Vec<String> = report
        .result
        .rows
        .iter()
        .map(|r| r.group.first().map(|(_, v)| v.clone()).unwrap_or_default())
        .collect();
    let series = report
        .result
        .indicators
        .iter()
        .enumerate()
        .map(|(i, indicator)| shenguan_app::report::document::Series {
            name: name(ctx.lang, indicator).to_string(),
            values: report
                .result
                .rows
                .iter()
                .map(|r| r.values.get(i).copied().flatten())
                .collect(),
        })
        .collect();
    let format = report
        .result
        .indicators
        .first()
        .map_or(shenguan_app::report::document::NumberFormat::Integer, |i| {
            shenguan_app::report::number_format(i.unit)
        });
    let partial = shenguan_app::report::running_month(to)
        .filter(|_| !categories.is_empty())
        .map(|(zh, en)| ctx.t(&zh, &en).to_string());
    super::html::chart(&shenguan_app::report::document::Chart {
        title: title.to_string(),
        kind: shenguan_app::report::document::ChartKind::Line,
        categories,
        series,
        format,
        partial,
        bands: Vec::new(),
    })
}
