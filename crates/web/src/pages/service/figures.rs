//! The 送达难 page (`/service/figures`): the 送达 family of the catalogue over a period (cards with
//! the change on a year earlier, by court and division, and the rates month by month), the attempts by method,
//! by the staff who made them and by the reason they failed, and the cases whose documents have
//! waited longest — each figure the engine's, each table the app's (`service/figures.rs`), held to
//! what the reader may see.

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use maud::{Markup, html};
use shenguan_app::metrics::{Comparison, Dimension, Family, Filter, Indicator, IndicatorCode};
use shenguan_app::service::figures::{FiguresRequest, ServiceFigures};

use super::super::html::encode;
use super::super::table::{Cell, Table};
use super::super::view::{cards, court_link, figures_table, indicators, request, trend};
use super::super::{Asked, Ctx, Lang, figures, period, period_form, signed_in};
use super::{method, refuse_admin};
use crate::Server;
use crate::auth::blocking;

/// The family, in the catalogue's order, so a figure added to it shows here without a second
/// list.
fn family() -> Vec<&'static Indicator> {
    shenguan_app::metrics::CATALOGUE
        .iter()
        .filter(|i| i.family == Family::Service)
        .collect()
}

/// The rates drawn month by month.
const TREND: [IndicatorCode; 4] = [
    IndicatorCode::ServiceSuccessRate,
    IndicatorCode::ServiceFirstSuccessRate,
    IndicatorCode::ElectronicServiceRate,
    IndicatorCode::PostalDeliveryRate,
];

/// `GET /service/figures?from&to`: the 送达难 page.
pub(crate) async fn figures_page(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        refuse_admin(&ctx)?;
        let span = period(&server, ctx.params())?;
        let user = &ctx.user;
        let (panel, by_court, by_division, by_month) = tokio::try_join!(
            figures(
                &server,
                user,
                request(span, Filter::default(), vec![], family(), vec![Comparison::YearEarlier]),
            ),
            figures(
                &server,
                user,
                request(span, Filter::default(), vec![Dimension::Court], family(), vec![]),
            ),
            figures(
                &server,
                user,
                request(
                    span,
                    Filter::default(),
                    vec![Dimension::Court, Dimension::Division],
                    family(),
                    vec![]
                ),
            ),
            figures(
                &server,
                user,
                request(span, Filter::default(), vec![Dimension::Month], indicators(&TREND), vec![]),
            ),
        )?;
        let reading = Arc::clone(&server);
        let reader = ctx.user.clone();
        let tables = blocking(move || {
            let cases = reading.cases()?;
            reading.with_store(|app, store| {
                let asked = FiguresRequest {
                    court: None,
                    division: None,
                    from: span.0,
                    to: span.1,
                };
                app.service_figures(store, &cases, &reader, &asked)
            })
        })
        .await??;
        let t = |zh, en| ctx.t(zh, en);
        let title = t("送达难", "Service of process");
        let by_court_title = t("各法院", "By court");
        let by_division_title = t("各部门", "By division");
        let trend_title = t("按月：送达成功率、一次送达成功率、电子送达率、妥投率", "By month: service, first-attempt, electronic and postal delivery rates");
        let body = html! {
            h1 { (title) }
            (period_form(&ctx, "/service/figures", span))
            p.tools {
                a href="/service" { (t("送达任务", "Service tasks")) } " · "
                a href="/service?overdue=true" { (t("超期任务", "Overdue tasks")) }
            }
            (cards(&ctx, &panel))
            p.muted { (t(
                "送达按“文书 × 受送达人”的任务计，任务以期间内创建的为准，至期间末已有效送达的为送达成功；电子送达须有送达地址确认书中的同意，否则不计；邮寄三率以期间内交邮的邮件计；公告送达率以案件计。定义见各指标页。",
                "Service is counted by task (a document to a recipient): tasks made in the period, served by an attempt that counts by its end; electronic service counts only with a consent on record; the three postal rates count the items mailed in the period; the announcement rate counts cases. Definitions are on each indicator's page."
            )) }
            h2 { (trend_title) }
            (trend(&ctx, trend_title, &by_month, span.1))
            h2 { (by_court_title) }
            (figures_table(&ctx, "courts", by_court_title, &by_court, &court_link, Some(&panel)))
            h2 { (by_division_title) }
            (figures_table(&ctx, "divisions", by_division_title, &by_division, &court_link, Some(&panel)))
            (tables_of(&ctx, &tables))
        };
        Ok(ctx.page(title, body))
    })
    .await
}

/// A share as the tables show it: one decimal, or "—" with nothing to divide by.
fn share(value: Option<f64>) -> Cell {
    value.map_or_else(Cell::none, |v| Cell::text(format!("{v:.1}%")).class("n"))
}

fn percent(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

/// The app's tables: by method, by staff, the reasons of failure, the cases stuck longest.
fn tables_of(ctx: &Ctx, f: &ServiceFigures) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let attempts = t("送达次数", "Attempts");
    let served = t("送达成功", "Served");
    let mut by_method = Table::new(
        "methods",
        t(
            "按送达方式（期间内的送达尝试）",
            "By method (attempts made in the period)",
        ),
        vec![
            t("送达方式", "Method").to_string(),
            attempts.to_string(),
            served.to_string(),
            t("成功率", "Success").to_string(),
            t("占成功送达", "Share of services").to_string(),
        ],
    );
    by_method.rows = f
        .by_method
        .iter()
        .map(|row| {
            vec![
                Cell::text(method(ctx, row.method)),
                Cell::count(row.attempts as i64),
                Cell::count(row.served as i64),
                share(percent(row.served, row.attempts)),
                share(row.share),
            ]
        })
        .collect();
    let mut by_staff = Table::new(
        "staff",
        t("按送达人员", "By the staff who served"),
        vec![
            t("送达人员", "Staff").to_string(),
            attempts.to_string(),
            served.to_string(),
            t("未送达", "Failed").to_string(),
            t("成功率", "Success").to_string(),
        ],
    );
    by_staff.rows = f
        .by_staff
        .iter()
        .map(|row| {
            vec![
                Cell::text(row.name.clone()),
                Cell::count(row.attempts as i64),
                Cell::count(row.served as i64),
                Cell::count(row.failed as i64),
                share(percent(row.served, row.attempts)),
            ]
        })
        .collect();
    let mut failures = Table::new(
        "failures",
        t("未送达原因", "Why attempts failed"),
        vec![
            t("原因", "Reason").to_string(),
            t("次数", "Attempts").to_string(),
            t("占未送达", "Share of failures").to_string(),
        ],
    );
    failures.rows = f
        .failures
        .iter()
        .map(|row| {
            let reason = match ctx.lang {
                Lang::Zh => row.failure.label_zh().to_string(),
                Lang::En => format!("{} ({})", row.failure.label_zh(), row.failure.key()),
            };
            vec![
                Cell::text(reason),
                Cell::count(row.count as i64),
                share(Some(row.share)),
            ]
        })
        .collect();
    let mut stuck = Table::new(
        "stuck",
        t(
            "送达耗时最长的案件（今日仍未送达）",
            "Cases waiting longest for service (unserved today)",
        ),
        vec![
            t("案号", "Case").to_string(),
            t("法院", "Court").to_string(),
            t("部门", "Division").to_string(),
            t("未送达任务", "Open tasks").to_string(),
            t("最早创建", "Oldest since").to_string(),
            t("已等待天数", "Days waiting").to_string(),
        ],
    );
    stuck.rows = f
        .stuck
        .iter()
        .map(|case| {
            vec![
                Cell::text(case.case_no.clone())
                    .link(format!("/cases/{}/service", encode(&case.case_no))),
                Cell::text(case.court.clone()),
                Cell::text(case.division.clone().unwrap_or_default()),
                Cell::count(case.open.len() as i64),
                Cell::text(case.since.to_string()),
                Cell::count(case.days),
            ]
        })
        .collect();
    html! {
        h2 { (t("送达方式", "Methods")) }
        (ctx.table(by_method))
        h2 { (t("送达人员", "Service staff")) }
        (ctx.table(by_staff))
        h2 { (t("未送达原因", "Failure reasons")) }
        @if f.failures.is_empty() {
            p.muted { (t("期间内没有未送达的尝试。", "No attempt failed in the period.")) }
        } @else {
            (ctx.table(failures))
        }
        h2 { (t("长期未送达", "Stuck longest")) }
        @if f.stuck.is_empty() {
            p.muted { (t("没有未送达的任务。", "No task waits for service.")) }
        } @else {
            (ctx.table(stuck))
            @if f.stuck_total > f.stuck.len() {
                p.muted {
                    @match ctx.lang {
                        Lang::Zh => { "共" (f.stuck_total) "件案件仍有未送达的任务，此处列出等待最久的" (f.stuck.len()) "件。" }
                        Lang::En => { (f.stuck_total) " cases still have unserved tasks; the " (f.stuck.len()) " waiting longest are shown." }
                    }
                }
            }
        }
    }
}
