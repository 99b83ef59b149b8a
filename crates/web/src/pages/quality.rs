//! The 数据质量 page (`/quality?from&to&court&with_lower`): the data-quality scorecard of the
//! courts the reader may see — each court's cases checked, its score and the score by month of
//! filing, and every rule with its definition, its count and the cases behind it, each linked to
//! its case page. The query is read as the API reads it (`api::quality::asked`), the figures are
//! the app's (`App::quality_scorecard`). For the office, leaders and administrators the page
//! goes on with the period's reconciliation and the imports that changed cases
//! (`reconcile::quality_section`).

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use chrono::NaiveDate;
use maud::{Markup, html};
use shenguan_app::quality::{CourtCard, LISTED, MonthScore, Scorecard};
use shenguan_app::report::document::{Chart, ChartKind, NumberFormat, Series};
use shenguan_domain::quality::{Kind, Rule};

use super::html::{chart, encode};
use super::table::{Cell, Table};
use super::{Asked, Ctx, Lang, court_choice, signed_in};
use crate::Server;
use crate::api::quality::{asked, scorecard};

/// Past this many courts, the page lists the courts and leaves each one's cases to its own
/// page (a network's administrator would otherwise get every court's lists at once).
const DETAILED_COURTS: usize = 12;

/// `GET /quality?from&to&court&with_lower`.
pub(crate) async fn quality_page(State(server): State<Arc<Server>>, asked_for: Asked) -> Response {
    signed_in(server, asked_for, |server, ctx| async move {
        let asked = asked(&server, &ctx.user, ctx.params())?;
        let card = scorecard(&server, &ctx.user, asked).await?;
        let reconciliation = super::reconcile::quality_section(&server, &ctx, asked).await?;
        let t = |zh, en| ctx.t(zh, en);
        let title = t("数据质量", "Data quality");
        let detailed = card.courts.len() <= DETAILED_COURTS;
        let body = html! {
            h1 { (title) }
            (form(&ctx, &card))
            p.muted { (t(
                "核查期间内立案的案件：每个法院的得分是未触犯任何规则的案件所占比例，并按立案月份逐月给出。各规则的定义见下表。",
                "The cases filed in the period are checked: a court's score is the share of them that break no rule, also given by month of filing. Each rule is defined in the table below."
            )) }
            @if card.courts.is_empty() {
                p { (t("期间内没有可核查的案件。", "No case was filed in the period.")) }
            } @else {
                h2 { (t("各法院", "By court")) }
                (ctx.table(summary(&ctx, &card)))
                @if detailed {
                    @for (i, court) in card.courts.iter().enumerate() {
                        (court_section(&ctx, i, court, card.to))
                    }
                } @else {
                    p.muted { (t(
                        "法院较多：点击法院名称查看该院逐月得分和各规则的案件。",
                        "Many courts: follow a court's name for its months and the cases behind each rule."
                    )) }
                }
            }
            h2 { (t("规则", "Rules")) }
            (rules_legend(&ctx))
            (reconciliation)
        };
        Ok(ctx.page(title, body))
    })
    .await
}

/// The period, the court (of the reader's scope) and whether the courts below it count too.
fn form(ctx: &Ctx, card: &Scorecard) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    html! {
        form.filters method="get" action="/quality" {
            (t("立案期间", "Filed")) " "
            input name="from" value=(card.from) size="10";
            " " (t("至", "to")) " "
            input name="to" value=(card.to) size="10";
            " "
            (court_choice(ctx))
            " " button { (t("查询", "Show")) }
        }
    }
}

fn score_text(score: Option<f64>) -> String {
    score.map_or_else(|| "—".to_string(), |s| format!("{s:.1}"))
}

fn score_cell(score: Option<f64>) -> Cell {
    match score {
        Some(s) => Cell::figure(Some(s), NumberFormat::Decimal(1), format!("{s:.1}")).class("n"),
        None => Cell::none(),
    }
}

/// The month as the page writes it: 2026-03.
fn month_text(month: NaiveDate) -> String {
    month.format("%Y-%m").to_string()
}

/// The trend of a court on one line: each month with its score.
fn months_line(months: &[MonthScore]) -> String {
    months
        .iter()
        .map(|m| format!("{} {}", month_text(m.month), score_text(m.score)))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The courts' table: cases checked, clean, score, the rules broken and the months.
fn summary(ctx: &Ctx, card: &Scorecard) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        "courts",
        t("数据质量（各法院）", "Data quality by court"),
        vec![
            t("法院", "Court"),
            t("核查案件", "Checked"),
            t("无问题", "Clean"),
            t("得分", "Score"),
            t("触犯的规则", "Rules broken"),
            t("按月得分", "Score by month"),
        ],
    );
    let detailed = card.courts.len() <= DETAILED_COURTS;
    table.rows = card
        .courts
        .iter()
        .enumerate()
        .map(|(i, court)| {
            let href = if detailed {
                format!("#court-{i}")
            } else {
                format!(
                    "/quality?from={}&to={}&court={}",
                    card.from,
                    card.to,
                    encode(&court.court)
                )
            };
            vec![
                Cell::text(ctx.court(&court.court)).link(href),
                Cell::count(court.checked as i64),
                Cell::count(court.clean as i64),
                score_cell(court.score),
                Cell::count(court.rules.iter().filter(|r| r.count > 0).count() as i64),
                Cell::text(months_line(&court.months)),
            ]
        })
        .collect();
    table
}

/// One court: its score, its months (a chart and their table), and the rules it breaks with
/// their cases.
fn court_section(ctx: &Ctx, i: usize, court: &CourtCard, to: NaiveDate) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let name = ctx.court(&court.court);
    let (checked, clean, score) = (court.checked, court.clean, score_text(court.score));
    let broken: Vec<_> = court.rules.iter().filter(|r| r.count > 0).collect();
    html! {
        section id=(format!("court-{i}")) {
            h2 { (name) }
            p {
                @match ctx.lang {
                    Lang::Zh => { "核查" (checked) "件，无问题" (clean) "件，得分 " strong { (score) } }
                    Lang::En => { (checked) " checked, " (clean) " clean, score " strong { (score) } }
                }
            }
            h3 { (t("按立案月份", "By month of filing")) }
            @if court.months.len() > 1 {
                (chart(&trend_chart(ctx, &name, &court.months, to)))
            }
            table {
                thead { tr {
                    th { (t("月份", "Month")) }
                    th { (t("核查案件", "Checked")) }
                    th { (t("无问题", "Clean")) }
                    th { (t("得分", "Score")) }
                } }
                tbody {
                    @for m in &court.months {
                        tr {
                            td { (month_text(m.month)) }
                            td.n { (m.checked) }
                            td.n { (m.clean) }
                            td.n { (score_text(m.score)) }
                        }
                    }
                }
            }
            h3 { (t("触犯的规则", "Rules broken")) }
            @if broken.is_empty() {
                p.muted { (t("没有案件触犯规则。", "No case breaks a rule.")) }
            } @else {
                table {
                    thead { tr {
                        th { (t("规则", "Rule")) }
                        th { (t("件数", "Count")) }
                        th { (t("案件", "Cases")) }
                    } }
                    tbody {
                        @for r in &broken {
                            tr {
                                td {
                                    (r.rule.name().get(ctx.lang))
                                    br;
                                    small.muted { (r.rule.definition().get(ctx.lang)) }
                                }
                                td.n { (r.count) }
                                td { (cases_of(ctx, r.rule, &r.cases, r.count)) }
                            }
                        }
                    }
                }
            }
            @for rule in &court.not_checked {
                p.muted {
                    (rule.name().get(ctx.lang)) ": "
                    (t("未核查：本院数据中没有当事人，此规则不计入得分。",
                       "not checked: the court's records hold no parties, so the rule is left out of its score."))
                }
            }
        }
    }
}

/// The cases behind a rule, each linked to its page; a missing serial is a number no case
/// holds, so it is not linked.
fn cases_of(ctx: &Ctx, rule: Rule, cases: &[String], count: u64) -> Markup {
    let more = count.saturating_sub(cases.len() as u64);
    html! {
        @for (i, number) in cases.iter().enumerate() {
            @if i > 0 { " " }
            @if rule == Rule::SerialGap {
                span { (number) }
            } @else {
                a href=(format!("/cases/{}", encode(number))) { (number) }
            }
        }
        @if more > 0 {
            " "
            span.muted {
                @match ctx.lang {
                    Lang::Zh => { "等，另有" (more) "件（列出前" (LISTED) "件）" }
                    Lang::En => { "and " (more) " more (the first " (LISTED) " are listed)" }
                }
            }
        }
    }
}

/// A court's score month by month as a line; a month still running at the period's end is
/// drawn apart.
fn trend_chart(ctx: &Ctx, name: &str, months: &[MonthScore], to: NaiveDate) -> Chart {
    let last_is_to = months
        .last()
        .is_some_and(|m| month_text(m.month) == month_text(to));
    let partial = shenguan_app::report::running_month(to)
        .filter(|_| last_is_to)
        .map(|(zh, en)| ctx.t(&zh, &en).to_string());
    Chart {
        title: match ctx.lang {
            Lang::Zh => format!("{name}数据质量得分（按立案月份）"),
            Lang::En => format!("{name}: data-quality score by month of filing"),
        },
        kind: ChartKind::Line,
        categories: months.iter().map(|m| month_text(m.month)).collect(),
        series: vec![Series {
            name: ctx.t("得分", "Score").to_string(),
            values: months.iter().map(|m| m.score).collect(),
        }],
        format: NumberFormat::Decimal(1),
        partial,
        bands: Vec::new(),
    }
}

/// Every rule: its code, name, kind and definition.
fn rules_legend(ctx: &Ctx) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    html! {
        table {
            thead { tr {
                th { (t("规则", "Rule")) }
                th { (t("代码", "Code")) }
                th { (t("类别", "Kind")) }
                th { (t("定义", "Definition")) }
            } }
            tbody {
                @for rule in Rule::ALL {
                    tr {
                        td { (rule.name().get(ctx.lang)) }
                        td { code { (rule.code()) } }
                        td { (match rule.kind() {
                            Kind::Completeness => t("完整性", "completeness"),
                            Kind::Doubtful => t("存疑值", "doubtful"),
                        }) }
                        td { (rule.definition().get(ctx.lang)) }
                    }
                }
            }
        }
    }
}
