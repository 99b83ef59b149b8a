//! Figures as HTML: indicator cards (value, range status, 同比), tables of grouped figures
//! (sortable by any column, never ranked), and the monthly trend chart.

use shenguan_app::metrics::{
    Change, Comparison, Dimension, Filter, Indicator, MetricsReport, MetricsRequest,
    display_value as shown, indicator,
};

use super::html::{encode, escape, sort_link, table_html};
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
pub(crate) fn indicators(codes: &[&str]) -> Vec<&'static Indicator> {
    codes.iter().filter_map(|c| indicator(c)).collect()
}

/// The cards' indicators: the headline core set.
pub(crate) fn headline() -> Vec<&'static Indicator> {
    indicators(&[
        "new",
        "closed",
        "pending",
        "close_to_new_ratio",
        "within_limit_rate",
        "avg_trial_days",
        "long_pending_12m",
        "appeal_rate",
        "first_instance_reversal_rate",
        "mediation_withdrawal_rate",
        "enforcement_completion_rate",
        "disposition_time_days",
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
        out.push_str(&format!(
            "<div class=\"card\"><div class=\"n\"><a href=\"/indicator/{code}\">{name}</a></div>\
             <div class=\"v\">{value} <small>{unit}</small></div><div class=\"n\">{yoy} {change}{status}</div></div>",
            code = encode(indicator.code),
            name = escape(name(ctx.lang, indicator)),
            value = shown(indicator.unit, value),
            unit = escape(unit),
            yoy = ctx.t("同比", "YoY"),
            change = escape(&change),
        ));
    }
    out.push_str("</div>");
    out
}

/// The `sort` and `desc` parameters of a page: which column its table is sorted by.
pub(crate) fn sort_of(params: &[(String, String)]) -> Option<(usize, bool)> {
    let column = crate::param(params, "sort")?.parse().ok()?;
    Some((column, crate::param(params, "desc").as_deref() == Some("1")))
}

/// A table of the report's rows, the first column linked by `link` (group value → href). With
/// `sorting` (the page's address and its current order), the headers sort the rows.
pub(crate) fn figures_table(
    ctx: &Ctx,
    report: &MetricsReport,
    link: &dyn Fn(&str) -> Option<String>,
    sorting: Option<(&str, Option<(usize, bool)>)>,
) -> String {
    let mut labels: Vec<&str> = report
        .result
        .group_by
        .iter()
        .map(|d| ctx.t(d.label_zh(), d.label_en()))
        .collect();
    labels.extend(report.result.indicators.iter().map(|i| name(ctx.lang, i)));
    let header: Vec<String> = labels
        .iter()
        .enumerate()
        .map(|(column, label)| match sorting {
            Some((base, current)) => sort_link(base, label, column, current),
            None => escape(label),
        })
        .collect();
    let groups = report.result.group_by.len();
    let mut rows: Vec<&shenguan_app::metrics::ResultRow> = report.result.rows.iter().collect();
    if let Some((_, Some((column, descending)))) = sorting {
        // Group columns sort as text, indicator columns as numbers with the undefined last.
        rows.sort_by(|a, b| {
            let order = if column < groups {
                a.group.get(column).cmp(&b.group.get(column))
            } else {
                let value = |r: &shenguan_app::metrics::ResultRow| {
                    r.values.get(column - groups).copied().flatten()
                };
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
    let rows: Vec<Vec<String>> = rows
        .iter()
        .map(|row| {
            let mut cells: Vec<String> = row
                .group
                .iter()
                .enumerate()
                .map(|(i, (_, v))| match (i, link(v)) {
                    (0, Some(href)) => format!("<a href=\"{}\">{}</a>", escape(&href), escape(v)),
                    _ => escape(v),
                })
                .collect();
            cells.extend(
                report
                    .result
                    .indicators
                    .iter()
                    .zip(&row.values)
                    .map(|(i, v)| shown(i.unit, *v)),
            );
            cells
        })
        .collect();
    table_html(&header, &rows)
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
