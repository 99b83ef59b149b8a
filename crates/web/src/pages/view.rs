//! Figures as HTML: indicator cards (value, range status, 同比), tables of grouped figures
//! (sortable by any column, never ranked), and the monthly trend chart.

use shenguan_app::metrics::IndicatorCode;
use shenguan_app::metrics::{
    Change, Comparison, Dimension, Filter, Indicator, MetricsReport, MetricsRequest, ResultRow,
    Unit, display_value as shown,
};

use super::html::{encode, escape, sort_link};
use super::{Ctx, Lang, chart};

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
pub(crate) fn cards(ctx: &Ctx, report: &MetricsReport) -> String {
    let Some(row) = report.result.rows.first() else {
        return format!(
            "<p class=\"muted\">{}</p>",
            ctx.t("本期间没有案件。", "No cases in this period.")
        );
    };
    let mut out = String::from("<div class=\"cards\">");
    for (i, indicator) in report.result.indicators.iter().enumerate() {
        let value = row.values[i];
        let status = report.status(i, value).map_or(String::new(), |s| {
            format!(
                " <span class=\"{}\">{}</span>",
                s.key(),
                ctx.t(s.label_zh(), s.label_en())
            )
        });
        let earlier = report.compared(Comparison::YearEarlier, 0, i);
        let change = Change::between(indicator.unit, value, earlier).map_or("—".into(), |c| {
            match ctx.lang {
                Lang::Zh => c.label_zh(indicator.unit),
                Lang::En => c.label_en(indicator.unit),
            }
        });
        let unit = match ctx.lang {
            Lang::Zh => indicator.unit.label_zh(),
            Lang::En => indicator.unit.label_en(),
        };
        let unit = match report.provisional.get(i) {
            Some(true) => format!("{unit} {}", ctx.t("暂定", "provisional")),
            _ => unit.to_string(),
        };
        out.push_str(&format!(
            "<div class=\"card\"><div class=\"n\"><a href=\"/indicator/{code}\">{name}</a></div>\
             <div class=\"v\">{value} <small>{unit}</small></div><div class=\"n\">{yoy} {change}{status}</div></div>",
            code = encode(indicator.code),
            name = escape(name(ctx.lang, indicator)),
            value = shown(indicator.unit, value),
            unit = escape(&unit),
            yoy = ctx.t("同比", "YoY"),
            change = escape(&change),
        ));
    }
    out.push_str("</div>");
    out.push_str(&notes(ctx, report));
    out
}

/// Why values are provisional (暂定) or undefined (—), under the figures they explain.
pub(crate) fn notes(ctx: &Ctx, report: &MetricsReport) -> String {
    report
        .notes
        .iter()
        .map(|(zh, en)| {
            format!(
                "<p class=\"muted\">{}</p>",
                escape(match ctx.lang {
                    Lang::Zh => zh,
                    Lang::En => en,
                })
            )
        })
        .collect()
}

/// The `sort` and `desc` parameters of a page: which column its table is sorted by.
pub(crate) fn sort_of(params: &[(String, String)]) -> Option<(usize, bool)> {
    let column = crate::param(params, "sort")?.parse().ok()?;
    Some((column, crate::param(params, "desc").as_deref() == Some("1")))
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
    let unit = match lang {
        Lang::Zh => indicator.unit.label_zh(),
        Lang::En => indicator.unit.label_en(),
    };
    match indicator.unit {
        Unit::Percent | Unit::Days => format!("{}（{unit}）", name(lang, indicator)),
        Unit::Cases | Unit::Ratio => name(lang, indicator).to_string(),
    }
}

/// A table of the report's rows, the last group column linked by `link`. With `sorting` (the page's
/// address and its current order), the headers sort the rows.
pub(crate) fn figures_table(
    ctx: &Ctx,
    report: &MetricsReport,
    link: GroupLink<'_>,
    sorting: Option<(&str, Option<(usize, bool)>)>,
) -> String {
    let mut labels: Vec<String> = report
        .result
        .group_by
        .iter()
        .map(|d| ctx.t(d.label_zh(), d.label_en()).to_string())
        .collect();
    labels.extend(
        report
            .result
            .indicators
            .iter()
            .map(|i| heading(ctx.lang, i)),
    );
    let groups = report.result.group_by.len();
    let mut rows: Vec<&ResultRow> = report.result.rows.iter().collect();
    if let Some((_, Some((column, descending)))) = sorting {
        // Group columns sort as text, indicator columns as numbers with the undefined last.
        rows.sort_by(|a, b| {
            let order = if column < groups {
                a.group.get(column).cmp(&b.group.get(column))
            } else {
                let value = |r: &ResultRow| r.values.get(column - groups).copied().flatten();
                match (value(a), value(b)) {
                    (Some(x), Some(y)) => x.total_cmp(&y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
            };
            if descending { order.reverse() } else { order }
        });
    }
    let mut out = String::from("<table class=\"figures\"><thead><tr>");
    for (column, label) in labels.iter().enumerate() {
        let cell = match sorting {
            Some((base, current)) => sort_link(base, label, column, current),
            None => escape(label),
        };
        out.push_str(&format!("<th>{cell}</th>"));
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        out.push_str("<tr>");
        let href = link(&row.group);
        // The link sits on the last group column: the division of a (court, division) row.
        let linked = row.group.len().saturating_sub(1);
        for (i, (dimension, value)) in row.group.iter().enumerate() {
            let text = match dimension {
                Dimension::Court => escape(&ctx.court(value)),
                _ => escape(report.shown_group(*dimension, value)),
            };
            match (&href, i == linked) {
                (Some(href), true) => out.push_str(&format!(
                    "<td class=\"g\"><a href=\"{}\">{text}</a></td>",
                    escape(href)
                )),
                _ => out.push_str(&format!("<td class=\"g\">{text}</td>")),
            }
        }
        for (indicator, value) in report.result.indicators.iter().zip(&row.values) {
            out.push_str(&format!("<td>{}</td>", shown(indicator.unit, *value)));
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table>");
    out
}

/// The monthly trend of the report's first three indicators (one row per month) as a chart.
pub(crate) fn trend(ctx: &Ctx, title: &str, report: &MetricsReport) -> String {
    let labels: Vec<String> = report
        .result
        .rows
        .iter()
        .map(|r| r.group.first().map(|(_, v)| v.clone()).unwrap_or_default())
        .collect();
    const COLOURS: [&str; 3] = ["#1f6feb", "#067647", "#b54708"];
    let series: Vec<chart::Series<'_>> = report
        .result
        .indicators
        .iter()
        .zip(COLOURS)
        .enumerate()
        .map(|(i, (indicator, colour))| chart::Series {
            name: name(ctx.lang, indicator),
            colour,
            values: report
                .result
                .rows
                .iter()
                .map(|r| r.values.get(i).copied().flatten().unwrap_or(0.0))
                .collect(),
        })
        .collect();
    chart::lines(title, &labels, &series)
}
