//! 报告: the monthly bulletin (质效通报) and the work summary to download as DOCX, XLSX or HTML,
//! for the user's scope. Each download is written to the audit log as an export and recorded with
//! the figures it printed; a report of whole courts is reconciled first and, when its period does
//! not add up, opens with a section that says so or is refused, as the user chose
//! (docs/reconciliation.md). Below the forms, the reports recorded, each linked to its
//! comparison with now (`reconcile`).

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::{Datelike, NaiveDate};
use maud::html;
use shenguan_app::metrics::Filter;
use shenguan_app::report::{ReportFormat, ReportKind, ReportRequest};
use shenguan_app::{AppError, text};

use super::{Asked, Ctx, Here, attachment, error_page, page_lang, redirect, signed_in};
use crate::auth::blocking;
use crate::{ApiError, Server, param};

/// `GET /reports`: the forms, and the reports recorded.
pub(crate) async fn reports_page(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let today = server.app.today();
        // The last full month, and the year to date.
        let last_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
            .and_then(|d| d.pred_opt())
            .unwrap_or(today);
        let first = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
        let formats = html! {
            select name="format" {
                option value="docx" { "Word (DOCX)" }
                option value="xlsx" { "Excel (XLSX)" }
                option value="html" { "HTML" }
            }
        };
        let month = format!("{}-{:02}", last_month.year(), last_month.month());
        let made = crate::api::reconcile::reports_made(&server, &ctx.user).await?;
        let t = |zh, en| ctx.t(zh, en);
        let unreconciled = html! {
            label {
                (t("数据未核对一致时", "When the figures do not reconcile")) " "
                select name="unreconciled" {
                    option value="warn" { (t("附说明后生成", "write it with a note")) }
                    option value="refuse" { (t("不生成", "do not write it")) }
                }
            }
        };
        let body = html! {
            h1 { (t("报告", "Reports")) }
            h2 { (t("质效通报", "Monthly bulletin")) }
            form method="get" action="/reports/bulletin" {
                (t("月份", "Month")) " " input name="month" value=(month) size="8"; " "
                (formats) " " (unreconciled) " " button { (t("下载", "Download")) }
            }
            p.muted { (t(
                "本年1月1日至所选月末的累计数据：各院主要指标与参考区间、同比、偏离区间情况、长期未结与超审限未结、执行工作、收结案走势。",
                "The year to the month's end: each court's indicators against their ranges, year-on-year changes, courts out of range, long-pending and over-limit cases, enforcement, the trend."
            )) }
            h2 { (t("工作总结", "Work summary")) }
            form method="get" action="/reports/summary" {
                (t("期间", "Period")) " " input name="from" value=(first) size="10"; " "
                (t("至", "to")) " " input name="to" value=(today) size="10"; " "
                (formats) " " (unreconciled) " " button { (t("下载", "Download")) }
            }
            p.muted { (t(
                "讲话稿所需的数据段落（收结案及同比、审判效率、长期未结、上诉改判发回、执行“四个90%、一个80%”、参考区间），以及支撑数据的表、图和指标说明。",
                "The paragraphs a speech needs, then the tables, charts and definitions behind them."
            )) }
            (super::reconcile::reports_list(&ctx, &made))
        };
        Ok(ctx.page(t("报告", "Reports"), body))
    })
    .await
}

/// `GET /reports/bulletin?month=YYYY-MM&format=…`.
pub(crate) async fn bulletin(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Response {
    let kind = param(&params, "month")
        .as_deref()
        .and_then(|m| m.split_once('-'))
        .and_then(|(y, m)| Some((y.parse::<i32>().ok()?, m.parse::<u32>().ok()?)))
        .filter(|(_, m)| (1..=12).contains(m))
        .map(|(year, month)| ReportKind::Bulletin { year, month })
        .ok_or_else(|| {
            AppError::Invalid(text!(
                "month 须形如 2026-10",
                "month must look like 2026-10"
            ))
        });
    download(server, headers, params, kind).await
}

/// `GET /reports/summary?from=…&to=…&format=…`.
pub(crate) async fn summary(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Response {
    let date = |name: &str| {
        let text = param(&params, name).unwrap_or_default();
        shenguan_domain::parse_date(&text).map_err(|e| AppError::invalid_for(name, &e.text()))
    };
    let kind = date("from").and_then(|from| {
        Ok(ReportKind::Summary {
            from,
            to: date("to")?,
        })
    });
    download(server, headers, params, kind).await
}

/// Composes and sends the report as a file, within the user's scope.
async fn download(
    server: Arc<Server>,
    headers: HeaderMap,
    params: Vec<(String, String)>,
    kind: Result<ReportKind, AppError>,
) -> Response {
    let lang = page_lang(&headers);
    let ctx = match super::session_ctx(&server, &headers, lang, Here::default()).await {
        Ok(Some(ctx)) => ctx,
        Ok(None) => return redirect("/login"),
        Err(error) => return error_page(None, lang, error),
    };
    match make(&server, &ctx, &params, kind).await {
        Ok((name, format, bytes)) => attachment(&name, format, bytes),
        Err(error) => error_page(Some(&ctx), lang, error),
    }
}

async fn make(
    server: &Arc<Server>,
    ctx: &Ctx,
    params: &[(String, String)],
    kind: Result<ReportKind, AppError>,
) -> Result<(String, ReportFormat, Vec<u8>), ApiError> {
    let kind = kind?;
    let format_text = param(params, "format").unwrap_or_else(|| "docx".into());
    let format = ReportFormat::parse(&format_text).ok_or_else(|| {
        ApiError::from(AppError::Invalid(text!(
            "format “{format_text}” 须为 docx、xlsx 或 html",
            "format “{format_text}” must be docx, xlsx or html"
        )))
    })?;
    let refuse = match param(params, "unreconciled").as_deref() {
        None | Some("warn") => false,
        Some("refuse") => true,
        Some(other) => {
            let other = other.to_string();
            return Err(ApiError::from(AppError::Invalid(text!(
                "unreconciled “{other}” 须为 warn 或 refuse",
                "unreconciled “{other}” must be warn or refuse"
            ))));
        }
    };
    let (from, to) = kind.period()?;
    let mut filter = Filter::default();
    ctx.user.restrict(&mut filter)?;
    // A division's or a judge's report is not of whole courts: nothing to reconcile it with.
    let whole_courts = filter.division.is_none() && filter.judge.is_none();
    let request = ReportRequest {
        kind,
        filter,
        definitions: Default::default(),
    };
    let name = kind.name();
    let user = ctx.user.name.clone();
    let audited = format!("report {name}.{}", format.extension());
    let working = Arc::clone(server);
    let bytes = blocking(move || {
        let (cases, version) = working.cases_with_version()?;
        let mut document = working.app.report(&cases, &request)?;
        let from_store = working.cases_are_the_stores();
        if from_store && whole_courts {
            let scope = request.filter.court;
            let rec = working.with_store(|app, store| {
                app.reconciliation(store, None, &cases, scope, from, to)
            })?;
            if !rec.reconciled() {
                let breaks = rec.breaks().count();
                if refuse {
                    return Err(AppError::Conflict(text!(
                        "报告期间的收结存有 {breaks} 处未核对一致，未生成报告；请到“数据质量”页面查看涉及的案件",
                        "the period's figures do not reconcile in {breaks} places and no report was made: the data-quality page lists the cases"
                    )));
                }
                shenguan_app::reconcile::note_unreconciled(&mut document, &rec);
            }
        }
        if from_store && matches!(kind, ReportKind::Bulletin { .. }) {
            working.with_store(|app, store| app.print_audit_head(store, &mut document))?;
        }
        let bytes = working.app.render_report(&document, format)?;
        if from_store {
            working.with_writer(|app, store| {
                app.record_exported_report(store, Some(&user), &audited, &cases, version, &request)
            })?;
        } else {
            working.audit(Some(&user), "export", &audited)?;
        }
        Ok::<_, AppError>(bytes)
    })
    .await??;
    Ok((name, format, bytes))
}
