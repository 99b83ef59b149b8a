//! Reconciliation (对账) on the pages: the section of the 数据质量 page (the breaks of the period
//! with the cases behind each, and the imports that revised cases), the 报告记录 list of the 报告
//! page, and one recorded report beside the same report now (`/reports/{id}/compare`). The
//! figures are the app's (`App::reconciliation`, `reports_made`, `compare_report`), read as the
//! API reads them (`api::reconcile`); docs/reconciliation.md says what each break means.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use chrono::NaiveDate;
use maud::{Markup, html};
use shenguan_app::accounts::Role;
use shenguan_app::changes::{Flow, ImportChanges, cause_text};
use shenguan_app::history::ReportRow;
use shenguan_app::reconcile::{Break, Cell as Month, Reconciliation};
use shenguan_app::report::document::NumberFormat;

use super::html::encode;
use super::table::{Cell, Table};
use super::{Asked, Ctx, Lang, signed_in};
use crate::Server;
use crate::api::quality::Asked as Period;
use crate::api::reconcile::{comparison, recent_imports, reconciliation};

/// Whether the reader sees a reconciliation: it is of whole courts, for the office, leaders and
/// administrators (the app refuses anyone else), and of the store's own cases (a snapshot's
/// columns are not what the recorded reports were made from).
pub(crate) fn reads(server: &Server, ctx: &Ctx) -> bool {
    !matches!(ctx.user.role, Role::Division | Role::Judge) && server.cases_are_the_stores()
}

/// The 对账 and 导入修改记录 sections of the 数据质量 page, for a reader who may see them.
pub(crate) async fn quality_section(
    server: &Arc<Server>,
    ctx: &Ctx,
    period: Period,
) -> Result<Markup, crate::ApiError> {
    if !reads(server, ctx) {
        return Ok(html! {});
    }
    let t = |zh, en| ctx.t(zh, en);
    // A period the reconciliation does not take (longer than it reconciles) leaves the
    // scorecard above it standing, with the reason in place of the section.
    let rec = match reconciliation(server, &ctx.user, period).await {
        Ok(rec) => rec,
        Err(e) if e.code == crate::error::ErrorCode::Invalid => {
            return Ok(html! {
                h2 id="reconciliation" { (t("对账", "Reconciliation")) }
                p.muted { (e.message_in(ctx.lang)) }
            });
        }
        Err(e) => return Err(e),
    };
    let imports = recent_imports(server, &ctx.user).await?;
    let (reported, breaks) = (rec.reported_months(), rec.breaks().count());
    Ok(html! {
        h2 id="reconciliation" { (t("对账", "Reconciliation")) }
        p.muted { (t(
            "逐院逐月核对：旧存＋新收－结案是否等于未结；本月旧存是否等于上月已报未结；已报出的数字是否仍等于现数。每处不一致列出造成它的案件。",
            "Each court's months: whether carried over + new − closed = pending, whether a month's carried over is the pending the month before was reported with, and whether each reported figure still holds. Each break lists the cases behind it."
        )) }
        p {
            @match ctx.lang {
                Lang::Zh => { "已报出的院·月 " strong { (reported) } " 个，未核对一致 " strong { (breaks) } " 处。" }
                Lang::En => { strong { (reported) } " court-months reported, " strong { (breaks) } " breaks." }
            }
        }
        @if breaks == 0 {
            p.within { (t("期间内收结存核对一致。", "The period's stock and flow reconcile.")) }
        } @else {
            (breaks_and_cases(ctx, &rec))
        }
        h2 id="imports" { (t("导入修改记录", "Imports that changed cases")) }
        (imports_table(ctx, &imports))
    })
}

/// The table of breaks, then each break's cases.
fn breaks_and_cases(ctx: &Ctx, rec: &Reconciliation) -> Markup {
    let all: Vec<(&Month, &Break)> = rec.breaks().collect();
    html! {
        (ctx.table(breaks_table(ctx, &all)))
        (break_cases(ctx, &all))
    }
}

fn month_text(month: NaiveDate) -> String {
    month.format("%Y-%m").to_string()
}

fn may_compare(ctx: &Ctx, report: &shenguan_app::history::ReportRow) -> bool {
    shenguan_app::reconcile::may_compare(Some(&ctx.user), report)
}

fn report_link(id: i64) -> String {
    format!("/reports/{id}/compare")
}

/// The breaks: court, month, kind, figure, expected, found, the report, cases, unexplained.
fn breaks_table(ctx: &Ctx, all: &[(&Month, &Break)]) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        "breaks",
        t("对账（未核对一致）", "Reconciliation breaks"),
        vec![
            t("法院", "Court"),
            t("月份", "Month"),
            t("类别", "Kind"),
            t("项目", "Figure"),
            t("应为", "Expected"),
            t("现为", "Found"),
            t("对照报告", "Against report"),
            t("涉及案件", "Cases"),
            t("未解释", "Unexplained"),
        ],
    );
    table.rows = all
        .iter()
        .enumerate()
        .map(|(i, (cell, b))| {
            vec![
                Cell::text(ctx.court(&cell.court.to_string())),
                Cell::text(month_text(cell.month)),
                Cell::text(b.kind.name().get(ctx.lang)),
                b.measure
                    .map_or_else(Cell::none, |m| Cell::text(m.name().get(ctx.lang))),
                Cell::count(b.expected),
                Cell::count(b.found),
                // A report of more courts than the reader's is named, not opened.
                b.against.as_ref().map_or_else(Cell::none, |r| {
                    let named = Cell::text(format!("#{} {}", r.id, r.name));
                    match may_compare(ctx, r) {
                        true => named.link(report_link(r.id)),
                        false => named,
                    }
                }),
                Cell::count(i64::try_from(b.case_count).unwrap_or(i64::MAX))
                    .link(format!("#break-{i}")),
                Cell::count(b.unexplained()),
            ]
        })
        .collect();
    table
}

/// Under each break, its cases linked to their pages with why each moves the figure.
fn break_cases(ctx: &Ctx, all: &[(&Month, &Break)]) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    html! {
        @for (i, (cell, b)) in all.iter().enumerate() {
            section id=(format!("break-{i}")) {
                h3 {
                    (ctx.court(&cell.court.to_string())) " " (month_text(cell.month)) " · "
                    (b.measure.map_or_else(|| b.kind.name().get(ctx.lang).to_string(),
                        |m| m.name().get(ctx.lang).to_string()))
                    " " (b.expected) " → " (b.found)
                }
                @if b.cases.is_empty() {
                    p.muted { (t(
                        "没有案件能解释这处差异（报告所用数据不是本库数据，或改动未经导入）。",
                        "No case explains it (the report was made from other data, or the change was not made by an import)."
                    )) }
                } @else {
                    ul.cases {
                        @for c in &b.cases {
                            li {
                                a href=(format!("/cases/{}", encode(&c.case_no))) { (c.case_no) }
                                " " span.muted { (format!("{:+}", c.effect)) } " "
                                (cause_text(&c.cause).get(ctx.lang))
                            }
                        }
                    }
                    @let more = b.case_count.saturating_sub(b.cases.len() as u64);
                    @if more > 0 {
                        p.muted {
                            @match ctx.lang {
                                Lang::Zh => { "另有" (more) "件未列出" }
                                Lang::En => { (more) " more not listed" }
                            }
                        }
                    }
                }
                @if b.unexplained() != 0 {
                    p.above {
                        (t("未解释的差异：", "Unexplained: ")) (b.unexplained())
                    }
                }
            }
        }
    }
}

/// The recent imports that revised cases: when, which file, who, cases added and updated.
fn imports_table(ctx: &Ctx, imports: &[ImportChanges]) -> Markup {
    let t = |zh, en| ctx.t(zh, en).to_string();
    if imports.is_empty() {
        return html! { p.muted { (t("没有修改过案件的导入。", "No import changed a case.")) } };
    }
    let mut table = Table::new(
        "imports",
        t("导入修改记录", "Imports that changed cases"),
        vec![
            t("导入", "Import"),
            t("时间", "When"),
            t("文件", "File"),
            t("导入人", "By"),
            t("补录（已报月份）", "Entered (reported months)"),
            t("修改", "Changed"),
        ],
    );
    table.rows = imports
        .iter()
        .map(|i| {
            vec![
                Cell::count(i.import.id),
                Cell::text(i.import.made_at.clone()),
                Cell::text(i.import.source.clone()),
                i.import.made_by.clone().map_or_else(Cell::none, Cell::text),
                Cell::count(i64::try_from(i.added).unwrap_or(i64::MAX)),
                Cell::count(i64::try_from(i.updated).unwrap_or(i64::MAX)),
            ]
        })
        .collect();
    html! {
        (ctx.table(table))
        p.muted { (t(
            "补录：导入时新增、且落在已报月份的案件；修改：导入改动了字段的案件。受范围所限的用户只看到本院（及辖区）案件的改动。",
            "Entered: cases an import added into months already reported; changed: cases whose fields it changed. A reader held to a court sees only its cases (and those below)."
        )) }
    }
}

/// The kind of a report in words.
fn kind_text(ctx: &Ctx, kind: &str) -> String {
    match kind {
        "bulletin" => ctx.t("质效通报", "bulletin"),
        "summary" => ctx.t("工作总结", "summary"),
        other => other,
    }
    .to_string()
}

fn courts_text(ctx: &Ctx, report: &ReportRow) -> String {
    match (&report.court_code, report.with_lower) {
        (None, _) => ctx.t("全辖", "the whole network").to_string(),
        (Some(code), false) => ctx.court(code),
        (Some(code), true) => format!("{}{}", ctx.court(code), ctx.t("及辖区", " and below")),
    }
}

/// The 报告记录 list of the 报告 page: the recorded reports the reader may see, each linked to
/// its comparison with now.
pub(crate) fn reports_list(ctx: &Ctx, reports: &[ReportRow]) -> Markup {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        "made",
        t("报告记录", "Reports made"),
        vec![
            t("编号", "No."),
            t("报告", "Report"),
            t("类别", "Kind"),
            t("法院", "Courts"),
            t("期间", "Period"),
            t("生成时间", "Made"),
            t("生成人", "By"),
        ],
    );
    table.rows = reports
        .iter()
        .map(|r| {
            vec![
                Cell::count(r.id),
                Cell::text(r.name.clone()).link(report_link(r.id)),
                Cell::text(kind_text(ctx, &r.kind)),
                Cell::text(courts_text(ctx, r)),
                Cell::text(format!("{} – {}", r.from, r.to)),
                Cell::text(r.made_at.clone()),
                r.made_by.clone().map_or_else(Cell::none, Cell::text),
            ]
        })
        .collect();
    html! {
        h2 id="made" { (t("报告记录", "Reports made")) }
        p.muted { (t(
            "从本库生成并记录的报告。点击报告名称，查看当时的数字与现在的数字对比，以及改动了数字的案件。",
            "The reports made from this store and recorded. Follow a report's name to set its figures beside the same figures now, with the cases that moved them."
        )) }
        @if reports.is_empty() {
            p { (t("没有可查看的报告记录。", "No recorded report to show.")) }
        } @else {
            (ctx.table(table))
        }
    }
}

fn value_text(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:.2}"))
}

fn value_cell(value: Option<f64>) -> Cell {
    match value {
        Some(v) => Cell::figure(Some(v), NumberFormat::Decimal(2), value_text(Some(v))),
        None => Cell::none(),
    }
}

fn flow_text(flow: &Flow) -> String {
    format!(
        "{} / {} / {} / {}",
        flow.carried, flow.filed, flow.closed, flow.pending
    )
}

/// `GET /reports/{id}/compare`: a recorded report beside the same report now.
pub(crate) async fn report_comparison_page(
    State(server): State<Arc<Server>>,
    Path(id): Path<String>,
    asked: Asked,
) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let compared = comparison(&server, &ctx.user, &id).await?;
        let t = |zh, en| ctx.t(zh, en);
        let report = &compared.report;
        let changed = compared.figures.iter().filter(|f| f.changed()).count();
        let mut figures = Table::new(
            "figures",
            format!("{} {}", report.name, t("当时与现在", "then and now")),
            vec![
                t("指标", "Indicator").to_string(),
                t("代码", "Code").to_string(),
                t("报告时", "Then").to_string(),
                t("现在", "Now").to_string(),
                t("变化", "Changed").to_string(),
            ],
        );
        figures.rows = compared
            .figures
            .iter()
            .map(|f| {
                vec![
                    Cell::text(ctx.lang.pick(f.indicator.name_zh, f.indicator.name_en))
                        .link(format!("/indicator/{}", f.indicator.code)),
                    Cell::text(f.indicator.code),
                    value_cell(f.then),
                    value_cell(f.now),
                    if f.changed() {
                        Cell::text(t("已变 ▲", "changed ▲")).class("above")
                    } else {
                        Cell::text(t("未变", "same"))
                    },
                ]
            })
            .collect();
        let moved: Vec<&Month> = compared
            .cells
            .iter()
            .filter(|c| !c.breaks.is_empty())
            .collect();
        let mut months = Table::new(
            "months",
            t("变动的院·月", "Court-months that moved").to_string(),
            vec![
                t("法院", "Court").to_string(),
                t("月份", "Month").to_string(),
                t("报告时 旧存/新收/结案/未结", "Then carried/new/closed/pending").to_string(),
                t("现在 旧存/新收/结案/未结", "Now carried/new/closed/pending").to_string(),
                t("变动项目", "Figures moved").to_string(),
            ],
        );
        months.rows = moved
            .iter()
            .map(|c| {
                let then = c
                    .reported
                    .as_ref()
                    .map_or_else(|| "—".to_string(), |(_, f)| flow_text(f));
                let figures: Vec<String> = c
                    .breaks
                    .iter()
                    .filter_map(|b| b.measure.map(|m| m.name().get(ctx.lang).to_string()))
                    .collect();
                vec![
                    Cell::text(ctx.court(&c.court.to_string())),
                    Cell::text(month_text(c.month)),
                    Cell::text(then),
                    Cell::text(flow_text(&c.now)),
                    Cell::text(figures.join(ctx.t("、", ", "))),
                ]
            })
            .collect();
        let all: Vec<(&Month, &Break)> = moved
            .iter()
            .flat_map(|c| c.breaks.iter().map(move |b| (*c, b)))
            .collect();
        let made_by = report.made_by.clone().unwrap_or_else(|| "—".into());
        let body = html! {
            h1 { (report.name) }
            p { a href="/reports#made" { (t("← 报告记录", "← Reports made")) } }
            dl {
                dt { (t("编号", "No.")) } dd { (report.id) }
                dt { (t("类别", "Kind")) } dd { (kind_text(&ctx, &report.kind)) }
                dt { (t("法院", "Courts")) } dd { (courts_text(&ctx, report)) }
                dt { (t("期间", "Period")) } dd { (report.from) " – " (report.to) }
                dt { (t("生成时间", "Made")) } dd { (report.made_at) }
                dt { (t("生成人", "By")) } dd { (made_by) }
            }
            h2 { (t("指标：报告时与现在", "Indicators then and now")) }
            p {
                @match ctx.lang {
                    Lang::Zh => { "报告所列指标 " (compared.figures.len()) " 项，现在数字不同的 " strong { (changed) } " 项。" }
                    Lang::En => { (compared.figures.len()) " indicators printed, " strong { (changed) } " differ now." }
                }
            }
            (ctx.table(figures))
            h2 { (t("收结存：变动的院·月", "Stock and flow: the court-months that moved")) }
            @if moved.is_empty() {
                p.within { (t("报告所列各院各月的收结存与现在一致。", "Every court-month the report printed is as it is now.")) }
            } @else {
                (ctx.table(months))
                (break_cases(&ctx, &all))
            }
        };
        Ok(ctx.page(&report.name, body))
    })
    .await
}
