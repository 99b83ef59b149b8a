//! Reconciliation (对账) and the recorded reports in the JSON API: the breaks of a period's
//! stock and flow by court and month with the cases behind each, the reports recorded, and one
//! report beside the same report now — the app's `reconciliation`, `reports_made` and
//! `compare_report`, as the 数据质量 and 报告 pages show them (docs/reconciliation.md). What the
//! pages and the API both read is here once.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use serde::Serialize;
use shenguan_app::accounts::User;
use shenguan_app::changes::{Flow, ImportChanges, cause_text};
use shenguan_app::history::ReportRow;
use shenguan_app::reconcile::{Break, Cause, Cell, FigureChange, Reconciliation, ReportComparison};
use shenguan_app::{AppError, text};
use utoipa::{IntoParams, ToSchema};

use super::quality::{Asked, asked};
use crate::auth::{blocking, user};
use crate::error::{CommonErrors, ErrorBody};
use crate::{ApiError, Numbered, Server, item_number};

/// How many recorded reports the list shows, and how many imports.
pub(crate) const REPORTS_LISTED: u64 = 50;
pub(crate) const IMPORTS_LISTED: u64 = 20;

/// A server of a snapshot's columns has no store's cases to reconcile the recorded reports with.
fn of_the_store(server: &Server) -> Result<(), ApiError> {
    if server.cases_are_the_stores() {
        return Ok(());
    }
    Err(ApiError::from(AppError::Conflict(text!(
        "服务所用的是案件快照，不是本库数据，无法对账",
        "the server reads a snapshot of the cases, not the store's: nothing to reconcile"
    ))))
}

/// The reconciliation of the period and courts asked, for the reader (the office, leaders and
/// administrators: anyone else is refused by the app).
pub(crate) async fn reconciliation(
    server: &Arc<Server>,
    reader: &User,
    asked: Asked,
) -> Result<Reconciliation, ApiError> {
    of_the_store(server)?;
    let reading = Arc::clone(server);
    let reader = reader.clone();
    let rec = blocking(move || {
        let cases = reading.cases()?;
        reading.with_store(|app, store| {
            app.reconciliation(
                store,
                Some(&reader),
                &cases,
                asked.scope,
                asked.from,
                asked.to,
            )
        })
    })
    .await??;
    Ok(rec)
}

/// The recent imports that changed the reader's cases.
pub(crate) async fn recent_imports(
    server: &Arc<Server>,
    reader: &User,
) -> Result<Vec<ImportChanges>, ApiError> {
    let reading = Arc::clone(server);
    let reader = reader.clone();
    let imports = blocking(move || {
        reading.with_store(|app, store| app.recent_imports(store, Some(&reader), IMPORTS_LISTED))
    })
    .await??;
    Ok(imports)
}

/// The recorded reports the reader may see, newest first.
pub(crate) async fn reports_made(
    server: &Arc<Server>,
    reader: &User,
) -> Result<Vec<ReportRow>, ApiError> {
    let reading = Arc::clone(server);
    let reader = reader.clone();
    let reports = blocking(move || {
        reading.with_store(|app, store| app.reports_made(store, Some(&reader), REPORTS_LISTED))
    })
    .await??;
    Ok(reports)
}

/// A recorded report (its number as the path gives it) beside the same report now.
pub(crate) async fn comparison(
    server: &Arc<Server>,
    reader: &User,
    id: &str,
) -> Result<ReportComparison, ApiError> {
    let id = item_number(id, Numbered::Report)?;
    of_the_store(server)?;
    let reading = Arc::clone(server);
    let reader = reader.clone();
    let compared = blocking(move || {
        let cases = reading.cases()?;
        reading.with_store(|app, store| app.compare_report(store, Some(&reader), &cases, id))
    })
    .await??;
    Ok(compared)
}

/// The query of `GET /api/v1/quality/reconciliation`.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct ReconciliationParams {
    /// 起始日期: the months from this day's (YYYY-MM-DD; default: 1 January of this year)
    #[param(format = Date, example = "2026-01-01")]
    from: Option<String>,
    /// 截止日期: the months to this day's (YYYY-MM-DD; default: today)
    #[param(format = Date, example = "2026-10-31")]
    to: Option<String>,
    /// 法院代字: that court alone, or with the courts below it with `with_lower=true` (default:
    /// the user's scope)
    court: Option<String>,
    /// 含下级法院: with `court`, the courts below it too
    #[param(value_type = Option<super::params::YesOrNo>, inline)]
    with_lower: Option<String>,
}

/// A recorded report.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReportBody {
    pub id: i64,
    /// 报告名称: 2026年10月质效通报
    pub name: String,
    /// bulletin (质效通报) or summary (工作总结)
    pub kind: String,
    /// 法院代字 of the courts it covers; null: the whole network
    #[schema(required = true)]
    pub court: Option<String>,
    pub with_lower: bool,
    #[schema(format = Date)]
    pub from: String,
    #[schema(format = Date)]
    pub to: String,
    /// 生成时间
    pub made_at: String,
    #[schema(required = true)]
    pub made_by: Option<String>,
    /// The store's data version its figures were computed from
    pub version: u64,
}

impl ReportBody {
    pub(crate) fn of(r: &ReportRow) -> ReportBody {
        ReportBody {
            id: r.id,
            name: r.name.clone(),
            kind: r.kind.clone(),
            court: r.court_code.clone(),
            with_lower: r.with_lower,
            from: r.from.to_string(),
            to: r.to.to_string(),
            made_at: r.made_at.clone(),
            made_by: r.made_by.clone(),
            version: r.version,
        }
    }
}

/// A court's month: 旧存, 新收, 结案, 未结.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FlowBody {
    /// 旧存
    pub carried: i64,
    /// 新收
    pub filed: i64,
    /// 结案
    pub closed: i64,
    /// 未结
    pub pending: i64,
}

impl FlowBody {
    fn of(flow: &Flow) -> FlowBody {
        FlowBody {
            carried: flow.carried,
            filed: flow.filed,
            closed: flow.closed,
            pending: flow.pending,
        }
    }
}

/// One case behind a break.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct BreakCaseBody {
    pub case_no: String,
    /// By how much it moves the found figure against the expected one
    pub effect: i64,
    /// closed_before_filed, or revised (by imports after the report)
    pub cause: &'static str,
    /// Why, in words: 结案日期 2026-11-03 → 2026-10-28（导入#3 file，time）
    pub why: String,
    pub why_en: String,
}

/// A break: what does not add up, by how much, and the cases that explain it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct BreakBody {
    /// unbalanced (旧存＋新收－结案≠未结), carried_over (旧存≠上月已报未结) or revised (已报数≠现数)
    pub kind: &'static str,
    pub kind_name: String,
    pub kind_name_en: String,
    /// The figure that differs: carried_over, new, closed or pending; null for unbalanced
    #[schema(required = true)]
    pub measure: Option<&'static str>,
    pub expected: i64,
    pub found: i64,
    /// The report the expected figure comes from
    #[schema(required = true)]
    pub against: Option<ReportBody>,
    /// How many cases explain it (the first 200 are listed)
    pub case_count: u64,
    /// The part of the difference no case explains
    pub unexplained: i64,
    pub cases: Vec<BreakCaseBody>,
}

impl BreakBody {
    pub(crate) fn of(b: &Break) -> BreakBody {
        let kind = b.kind.name();
        BreakBody {
            kind: b.kind.code(),
            kind_name: kind.zh().to_string(),
            kind_name_en: kind.en().to_string(),
            measure: b.measure.map(|m| m.code()),
            expected: b.expected,
            found: b.found,
            against: b.against.as_ref().map(ReportBody::of),
            case_count: b.case_count,
            unexplained: b.unexplained(),
            cases: b
                .cases
                .iter()
                .map(|c| {
                    let why = cause_text(&c.cause);
                    BreakCaseBody {
                        case_no: c.case_no.clone(),
                        effect: c.effect,
                        cause: match c.cause {
                            Cause::ClosedBeforeFiled { .. } => "closed_before_filed",
                            Cause::Revised(_) => "revised",
                        },
                        why: why.zh().to_string(),
                        why_en: why.en().to_string(),
                    }
                })
                .collect(),
        }
    }
}

/// A court's month with its breaks.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct MonthBody {
    /// 法院代字
    pub court: String,
    /// YYYY-MM
    pub month: String,
    /// As computed now
    pub now: FlowBody,
    /// As first reported (null: never reported)
    #[schema(required = true)]
    pub reported: Option<FlowBody>,
    /// The report that first printed it
    #[schema(required = true)]
    pub reported_in: Option<ReportBody>,
    pub breaks: Vec<BreakBody>,
}

impl MonthBody {
    fn of(cell: &Cell) -> MonthBody {
        MonthBody {
            court: cell.court.to_string(),
            month: cell.month.format("%Y-%m").to_string(),
            now: FlowBody::of(&cell.now),
            reported: cell.reported.as_ref().map(|(_, flow)| FlowBody::of(flow)),
            reported_in: cell.reported.as_ref().map(|(r, _)| ReportBody::of(r)),
            breaks: cell.breaks.iter().map(BreakBody::of).collect(),
        }
    }
}

/// The reconciliation of a period.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReconciliationBody {
    #[schema(format = Date)]
    pub from: String,
    #[schema(format = Date)]
    pub to: String,
    /// Whether every month adds up and every reported figure still holds
    pub reconciled: bool,
    /// How many court-months a report printed
    pub reported_months: usize,
    /// How many breaks
    pub breaks: usize,
    /// Each court's month of the period
    pub months: Vec<MonthBody>,
}

/// One indicator a report printed, then and now.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FigureChangeBody {
    pub indicator: &'static str,
    pub name: &'static str,
    pub name_en: &'static str,
    #[schema(required = true)]
    pub then: Option<f64>,
    #[schema(required = true)]
    pub now: Option<f64>,
    pub changed: bool,
}

impl FigureChangeBody {
    fn of(f: &FigureChange) -> FigureChangeBody {
        FigureChangeBody {
            indicator: f.indicator.code,
            name: f.indicator.name_zh,
            name_en: f.indicator.name_en,
            then: f.then,
            now: f.now,
            changed: f.changed(),
        }
    }
}

/// A recorded report beside the same report now.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ComparisonBody {
    pub report: ReportBody,
    /// Each indicator it printed
    pub figures: Vec<FigureChangeBody>,
    /// Each court's month it printed (`reported` what it printed, `now` what it is), with a
    /// revised break for each figure that moved
    pub months: Vec<MonthBody>,
}

/// The recorded reports.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReportsBody {
    /// Newest first, at most 50
    pub reports: Vec<ReportBody>,
}

/// `GET /api/v1/quality/reconciliation?from&to&court&with_lower`.
#[utoipa::path(
    get,
    path = "/api/v1/quality/reconciliation",
    summary = "对账 the reconciliation of stock and flow by court and month",
    description = "For each court and month of the period: 旧存 + 新收 − 结案 = 未结 on the data as it stands, the month's 旧存 against the 未结 the month before was first reported with, and each figure a recorded report printed against the figure now — every break with the cases that cause it (a case closed before it was filed, an import that moved a date, a case entered after its month was reported). Of whole courts: the office, leaders and administrators only (docs/reconciliation.md).",
    params(ReconciliationParams),
    responses(
        (status = 200, description = "对账 the reconciliation", body = ReconciliationBody),
        (status = 400, description = "参数有误 a parameter is wrong", body = ErrorBody),
        (status = 403, description = "无权查看 a division head or judge, or a court outside the user's scope", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn reconciliation_route(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<ReconciliationBody>, ApiError> {
    let reader = user(&server, &headers).await?;
    let asked = asked(&server, &reader, &params)?;
    let rec = reconciliation(&server, &reader, asked).await?;
    Ok(Json(ReconciliationBody {
        from: rec.from.to_string(),
        to: rec.to.to_string(),
        reconciled: rec.reconciled(),
        reported_months: rec.reported_months(),
        breaks: rec.breaks().count(),
        months: rec.cells.iter().map(MonthBody::of).collect(),
    }))
}

/// `GET /api/v1/reports`.
#[utoipa::path(
    get,
    path = "/api/v1/reports",
    summary = "报告记录 the recorded reports",
    description = "The bulletins and summaries made from the store and recorded with the figures they printed, newest first, those of the courts the user may see (a division head's or a judge's list is empty: a report is of whole courts).",
    responses(
        (status = 200, description = "报告记录 the reports", body = ReportsBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn reports_route(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
) -> Result<Json<ReportsBody>, ApiError> {
    let reader = user(&server, &headers).await?;
    let reports = reports_made(&server, &reader).await?;
    Ok(Json(ReportsBody {
        reports: reports.iter().map(ReportBody::of).collect(),
    }))
}

/// `GET /api/v1/reports/{id}/compare`.
#[utoipa::path(
    get,
    path = "/api/v1/reports/{id}/compare",
    summary = "报告对比 a recorded report beside the same report now",
    description = "Each indicator the report printed, then and now, and each court's month it printed with the figures that moved and the cases that moved them (docs/reconciliation.md).",
    params(("id" = i64, Path, description = "报告编号 the report's number")),
    responses(
        (status = 200, description = "报告对比 the comparison", body = ComparisonBody),
        (status = 403, description = "无权查看 a report of courts outside the user's scope", body = ErrorBody),
        (status = 404, description = "没有此报告 no such report", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn compare_route(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<ComparisonBody>, ApiError> {
    let reader = user(&server, &headers).await?;
    let compared = comparison(&server, &reader, &id).await?;
    Ok(Json(ComparisonBody {
        report: ReportBody::of(&compared.report),
        figures: compared.figures.iter().map(FigureChangeBody::of).collect(),
        months: compared.cells.iter().map(MonthBody::of).collect(),
    }))
}
