//! The 预测 page (`/forecast?court&with_lower&months`): for a court (or the courts the reader
//! sees, together and one by one), the coming 1–6 months' new, closed and pending cases drawn
//! with their 80% bands as shaded areas, the 审限 breaches expected among today's pending cases,
//! and the cases certain to pass 12, 18 or 36 months unless closed, each linked to its case page
//! (docs/forecast.md). The query is read as the API reads it (`api::forecast::asked`); the
//! forecast is the app's, kept by the server for the day.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use chrono::{Datelike, NaiveDate};
use maud::{Markup, html};
use shenguan_app::forecast::{Band, CROSSING_MONTHS, Forecast, MAX_MONTHS, MonthAhead, Outlook};
use shenguan_app::report::document::{Chart, ChartBand, ChartKind, NumberFormat, Series};

use super::html::{chart, encode};
use super::table::{Cell, Table};
use super::{Asked, Ctx, Lang, court_choice, signed_in};
use crate::Server;
use crate::api::forecast::{Asked as Query, asked, forecast};

/// `GET /forecast?court&with_lower&months`.
pub(crate) async fn forecast_page(State(server): State<Arc<Server>>, asked_for: Asked) -> Response {
    signed_in(server, asked_for, |server, ctx| async move {
        let query = asked(&server, &ctx.user, ctx.params())?;
        let made = forecast(&server, query).await?;
        let t = |zh, en| ctx.t(zh, en);
        let title = t("预测", "Forecast");
        // One court asked: its own outlook; several: the courts together, then each.
        let (main, several) = match made.courts.as_slice() {
            [one] => (one, false),
            _ => (&made.total, true),
        };
        let name = outlook_name(&ctx, main);
        let body = html! {
            h1 { (title) }
            (form(&ctx, query))
            (explanation(&ctx, &made))
            (cards(&ctx, main))
            h2 { (name) }
            (chart(&flows_chart(&ctx, &name, main, made.today)))
            (chart(&pending_chart(&ctx, &name, main, made.today)))
            (ctx.table(months_table(&ctx, main)))
            @if several {
                h2 { (t("各法院", "Each court")) }
                (ctx.table(courts_table(&ctx, &made)))
            }
            h2 { (t("将满12、18、36个月的未结案件", "Pending cases passing 12, 18 or 36 months")) }
            p { (t(
                "以下案件如在所列月末前仍未结案，将计入该月末的超12、18、36个月未结案件。哪些案件会满期是确定的（按立案日期计算）；“届时仍未结的可能”是模型的估计。",
                "Unless closed before the month end listed, these cases count in that month end's cases pending over 12, 18 or 36 months. Which cases these are is certain (from their filing dates); the chance they are still pending then is the model's estimate."
            )) }
            @if main.crossing_cases.is_empty() {
                p.within { (t("所列月份内没有案件将满12、18或36个月。", "No case passes 12, 18 or 36 months in the months shown.")) }
            } @else {
                (ctx.table(crossing_table(&ctx, main)))
            }
        };
        Ok(ctx.page(title, body))
    })
    .await
}

/// The court (of the reader's scope) and the months ahead.
fn form(ctx: &Ctx, query: Query) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    html! {
        form.filters method="get" action="/forecast" {
            (court_choice(ctx))
            " "
            label {
                (t("预测月数", "Months ahead")) " "
                select name="months" {
                    @for months in 1..=MAX_MONTHS {
                        option value=(months) selected[query.months == months] { (months) }
                    }
                }
            }
            " " button { (t("查询", "Show")) }
        }
    }
}

/// What the figures are and how far they can be trusted.
fn explanation(ctx: &Ctx, made: &Forecast) -> Markup {
    let today = made.today;
    html! {
        p {
            @match ctx.lang {
                Lang::Zh => {
                    "截至" (today) "的预测。每个数字给出中间值和80%区间，例如“1788（1682–1888）”：十种可能的情形中，约有八种落在区间内，一种低于、一种高于区间。区间不是目标，也不是保证；区间越窄，预测越有把握。图中阴影为80%区间，线为中间值。"
                }
                Lang::En => {
                    "Forecast as of " (today) ". Each figure is a middle figure with its 80% band, for example “1788 (1682–1888)”: in about eight futures of ten the figure falls inside the band, in one below it, in one above. The band is neither a target nor a guarantee; the narrower it is, the surer the forecast. In the charts the shaded area is the 80% band, the line the middle figure."
                }
            }
        }
        p.muted { (ctx.t(
            "方法：按案件类型、适用程序、距审限天数和已审理时间估计每件未结案件的结案可能，新收按各院季节规律估计，模拟1000次；再以同一方法在过去12个月各月所作预测的实际误差校准中间值和区间。以往按此方法所作预测，实际数落在80%区间内的比例约为八成。超审限只计今日已在审的案件；审限日期以今日记录为准，此后批准的延长不在其中。",
            "How: each pending case's chance of closing by its case type, procedure, days left to its time limit and time already pending, new filings by each court's season, 1,000 simulated futures; the middle figures and bands are then set by how far the same method missed from each of the past twelve months. Past forecasts made this way held the actual figure inside the 80% band about eight times in ten. Breaches count only cases pending today, with the time limits recorded today: extensions approved later are not in them."
        )) }
    }
}

fn outlook_name(ctx: &Ctx, outlook: &Outlook) -> String {
    match outlook.court {
        Some(code) => ctx.court(&code.to_string()),
        None => ctx.t("合计", "All courts shown").to_string(),
    }
}

/// A figure as the page shows it: the middle with its band, "1788（1682–1888）".
fn band_text(ctx: &Ctx, band: &Band) -> String {
    match ctx.lang {
        Lang::Zh => format!("{:.0}（{:.0}–{:.0}）", band.median, band.low, band.high),
        Lang::En => format!("{:.0} ({:.0}–{:.0})", band.median, band.low, band.high),
    }
}

fn band_cell(ctx: &Ctx, band: &Band) -> Cell {
    Cell::figure(
        Some(band.median),
        NumberFormat::Integer,
        band_text(ctx, band),
    )
}

/// Today's pending and overdue cases, the breaches expected over the months, the crossings.
fn cards(ctx: &Ctx, outlook: &Outlook) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let breaches: f64 = outlook.months.iter().map(|m| m.breaches.median).sum();
    let months = outlook.months.len();
    let crossing: Vec<u64> = (0..CROSSING_MONTHS.len())
        .map(|a| outlook.months.iter().map(|m| m.crossing[a].reaching).sum())
        .collect();
    html! {
        div.cards {
            div.card { div.v { (outlook.pending_now) } div.n { (t("今日未结", "Pending today")) } }
            div.card { div.v { (outlook.overdue_now) } div.n { (t("其中已超审限", "Of them past the time limit")) } }
            div.card {
                div.v { (format!("{breaches:.0}")) }
                div.n {
                    @match ctx.lang {
                        Lang::Zh => { "今后" (months) "个月预计超审限（中间值之和）" }
                        Lang::En => { "Expected breaches in the next " (months) " months (sum of the middle figures)" }
                    }
                }
            }
            @for (a, months) in CROSSING_MONTHS.iter().enumerate() {
                div.card {
                    div.v { (crossing[a]) }
                    div.n {
                        @match ctx.lang {
                            Lang::Zh => { "将满" (months) "个月（除非先结案）" }
                            Lang::En => { "Passing " (months) " months unless closed" }
                        }
                    }
                }
            }
        }
    }
}

/// A month as the charts label it; the first, when it is the rest of today's month, with its
/// days (28–30日), so that a few days' figures do not read as a fall.
fn month_label(ctx: &Ctx, month: &MonthAhead, today: NaiveDate) -> String {
    let end = month.month_end;
    if (end.year(), end.month()) == (today.year(), today.month()) {
        let first = today.day() + 1;
        return match ctx.lang {
            Lang::Zh => format!("{}月{first}–{}日", end.month(), end.day()),
            Lang::En => format!("{first}–{} {}", end.day(), end.format("%b")),
        };
    }
    match ctx.lang {
        Lang::Zh => format!("{}年{}月", end.year(), end.month()),
        Lang::En => end.format("%b %Y").to_string(),
    }
}

/// A line of middle figures with its band, one per figure read from a month.
fn banded(
    name: &str,
    months: &[MonthAhead],
    figure: fn(&MonthAhead) -> &Band,
    index: usize,
) -> (Series, ChartBand) {
    let values = |f: fn(&Band) -> f64| -> Vec<Option<f64>> {
        months.iter().map(|m| Some(f(figure(m)))).collect()
    };
    (
        Series {
            name: name.to_string(),
            values: values(|b| b.median),
        },
        ChartBand {
            series: index,
            low: values(|b| b.low),
            high: values(|b| b.high),
        },
    )
}

/// New and closed cases month by month, each with its band.
fn flows_chart(ctx: &Ctx, name: &str, outlook: &Outlook, today: NaiveDate) -> Chart {
    let (new, new_band) = banded(ctx.t("新收", "New"), &outlook.months, |m| &m.new, 0);
    let (closed, closed_band) = banded(ctx.t("结案", "Closed"), &outlook.months, |m| &m.closed, 1);
    Chart {
        title: match ctx.lang {
            Lang::Zh => format!("{name}今后各月新收与结案（阴影为80%区间）"),
            Lang::En => format!("{name}: new and closed cases ahead (shaded: the 80% band)"),
        },
        kind: ChartKind::Line,
        categories: outlook
            .months
            .iter()
            .map(|m| month_label(ctx, m, today))
            .collect(),
        series: vec![new, closed],
        format: NumberFormat::Integer,
        partial: None,
        bands: vec![new_band, closed_band],
    }
}

/// Pending cases at each month's end, from today's, with the band.
fn pending_chart(ctx: &Ctx, name: &str, outlook: &Outlook, today: NaiveDate) -> Chart {
    let (mut pending, mut band) =
        banded(ctx.t("未结", "Pending"), &outlook.months, |m| &m.pending, 0);
    // Today's figure first, known exactly: the band starts from a point.
    let now = Some(outlook.pending_now as f64);
    pending.values.insert(0, now);
    band.low.insert(0, now);
    band.high.insert(0, now);
    let mut categories = vec![ctx.t("今日", "Today").to_string()];
    categories.extend(outlook.months.iter().map(|m| month_label(ctx, m, today)));
    Chart {
        title: match ctx.lang {
            Lang::Zh => format!("{name}各月末未结（阴影为80%区间）"),
            Lang::En => format!("{name}: pending at each month's end (shaded: the 80% band)"),
        },
        kind: ChartKind::Line,
        categories,
        series: vec![pending],
        format: NumberFormat::Integer,
        partial: None,
        bands: vec![band],
    }
}

fn months_header(ctx: &Ctx) -> Vec<String> {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut header = vec![
        t("月末", "Month end"),
        t("新收", "New"),
        t("结案", "Closed"),
        t("未结", "Pending"),
        t("超审限", "Breaches"),
    ];
    for months in CROSSING_MONTHS {
        header.push(match ctx.lang {
            Lang::Zh => format!("将满{months}个月→届时仍未结"),
            Lang::En => format!("Passing {months} months → still pending"),
        });
    }
    header
}

fn month_row(ctx: &Ctx, month: &MonthAhead) -> Vec<Cell> {
    let mut row = vec![
        Cell::text(month.month_end.to_string()),
        band_cell(ctx, &month.new),
        band_cell(ctx, &month.closed),
        band_cell(ctx, &month.pending),
        band_cell(ctx, &month.breaches),
    ];
    for crossing in month.crossing {
        row.push(Cell::figure(
            Some(crossing.reaching as f64),
            NumberFormat::Integer,
            format!("{}→{:.0}", crossing.reaching, crossing.expected_pending),
        ));
    }
    row
}

/// The months of one outlook.
fn months_table(ctx: &Ctx, outlook: &Outlook) -> Table {
    let mut table = Table::new(
        "months",
        ctx.t(
            "今后各月（中间值及80%区间）",
            "The months ahead (middle figure and 80% band)",
        ),
        months_header(ctx),
    );
    table.rows = outlook.months.iter().map(|m| month_row(ctx, m)).collect();
    table
}

/// Each court's months, one row a court and month.
fn courts_table(ctx: &Ctx, made: &Forecast) -> Table {
    let mut header = vec![ctx.t("法院", "Court").to_string()];
    header.extend(months_header(ctx));
    let mut table = Table::new(
        "courts",
        ctx.t("各法院今后各月", "Each court's months ahead"),
        header,
    );
    table.rows = made
        .courts
        .iter()
        .flat_map(|outlook| {
            let name = outlook_name(ctx, outlook);
            let link = outlook
                .court
                .map(|c| format!("/forecast?court={}", encode(&c.to_string())));
            outlook.months.iter().map(move |m| {
                let court = Cell::text(name.clone());
                let court = match &link {
                    Some(href) => court.link(href.clone()),
                    None => court,
                };
                let mut row = vec![court];
                row.extend(month_row(ctx, m));
                row
            })
        })
        .collect();
    table
}

/// The cases passing 12, 18 or 36 months, each linked to its page.
fn crossing_table(ctx: &Ctx, outlook: &Outlook) -> Table {
    let header = [
        ctx.t("案号", "Case number"),
        ctx.t("法院", "Court"),
        ctx.t("立案日期", "Filed"),
        ctx.t("将满", "Passing"),
        ctx.t("月末", "Month end"),
        ctx.t("届时仍未结的可能", "Chance still pending then"),
    ];
    let mut table = Table::cases(
        "crossing",
        ctx.t(
            "将满12、18、36个月的未结案件",
            "Cases passing 12, 18 or 36 months",
        ),
        &header,
    );
    table.rows = outlook
        .crossing_cases
        .iter()
        .map(|c| {
            let age = match ctx.lang {
                Lang::Zh => format!("{}个月", c.months),
                Lang::En => format!("{} months", c.months),
            };
            vec![
                Cell::text(c.case_no.clone()).link(format!("/cases/{}", encode(&c.case_no))),
                Cell::text(ctx.court(&c.court.to_string())),
                Cell::text(c.filed.to_string()),
                Cell::figure(Some(f64::from(c.months)), NumberFormat::Integer, age),
                Cell::text(c.month_end.to_string()),
                Cell::figure(
                    Some(c.still_pending * 100.0),
                    NumberFormat::Percent(0),
                    format!("{:.0}%", c.still_pending * 100.0),
                ),
            ]
        })
        .collect();
    table
}
