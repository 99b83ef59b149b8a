//! The JSON routes. Each one: who is asking, what they ask (checked against their scope), the
//! work off the async threads, the answer as one of the types of `body`. Each handler carries its
//! OpenAPI operation (`#[utoipa::path]`: parameters from `params`, the answer's type, the error
//! statuses it can answer), from which `crate::openapi` derives the document.

pub(crate) mod allocation;
pub(crate) mod body;
pub(crate) mod duban;
pub(crate) mod enforcement;
pub(crate) mod forecast;
pub(crate) mod integrity;
pub(crate) mod limits;
pub(crate) mod params;
pub(crate) mod petitions;
pub(crate) mod quality;
pub(crate) mod reconcile;
pub(crate) mod request;
pub(crate) mod review;
pub(crate) mod review_case;
pub(crate) mod service;

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use shenguan_app::accounts::Role;
use shenguan_app::case_list::CaseListRequest;
use shenguan_app::metrics::{Asker, Filter, Part, indicator, parse_request};
use shenguan_app::{AppError, Text, text};
use shenguan_domain::CaseNumber;

use self::body::{
    Audit, AuditEntry, Case, CaseDetail, CaseList, CaseParty, CasePayment, Changes, Event, Explain,
    IdleCase, IdleEnforcement, Import, LongPending, LongPendingCase, Metrics, RowError, Warning,
    Warnings, Written,
};
use self::params::{
    CaseListParams, DaysParams, ExplainParams, IDLE_DAYS, IMPORT_FORMATS, ImportFile, ImportParams,
    LONG_PENDING_MONTHS, ListParams, MetricsParams, MonthsParams, TierParams,
};
use crate::auth::{blocking, user};
use crate::error::{CommonErrors, ErrorBody};
use crate::{ApiError, Server, court_param, one_of, param, tier_param};

type Params = Query<Vec<(String, String)>>;

/// `GET /api/v1/metrics`: the parameters and body of `shenguan metrics --format json`.
#[utoipa::path(
    get,
    path = "/api/v1/metrics",
    summary = "质效指标 indicators",
    description = "The parameters and body of `shenguan metrics --format json`, within the user's scope.",
    params(MetricsParams),
    responses(
        (status = 200, description = "指标 the figures", body = Metrics),
        (status = 400, description = "参数有误 a parameter is wrong, or the request asks for more values than anyone reads", body = ErrorBody),
        (status = 403, description = "超出本人范围 a court, division or judge outside the user's scope", body = ErrorBody),
        (status = 503, description = "服务正忙或正在停止 the store is busy or the server is stopping (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn metrics(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
) -> Result<Response, ApiError> {
    let user = user(&server, &headers).await?;
    let mut request = parse_request(&|name| param(&params, name), Asker::Api)?;
    user.restrict(&mut request.filter)?;
    let figures = server.figures(request.clone()).await?;
    let body = match figures.json.get() {
        Some(body) => body.clone(),
        None => {
            let body = bytes::Bytes::from(
                serde_json::to_vec(&figures.report.to_json(None)).map_err(|e| {
                    ApiError::internal(&format!("the figures could not be written as JSON: {e}"))
                })?,
            );
            // Another request may have set it meanwhile: the same bytes either way, counted
            // once.
            if figures.json.set(body.clone()).is_ok() {
                server.charge_figures(&request, body.len());
            }
            body
        }
    };
    Ok(([(CONTENT_TYPE, "application/json")], body).into_response())
}

/// `GET /api/v1/metrics/explain?indicator=…&part=numerator|denominator&from=…&to=…`: the case
/// numbers behind a value, within the user's scope.
#[utoipa::path(
    get,
    path = "/api/v1/metrics/explain",
    summary = "指标明细 the cases behind a value",
    description = "The case numbers in the numerator or the denominator; for an indicator of the 信访 family, the petitions instead (register numbers, with their ids). 案访比's denominator is cases closed, which `closed` explains.",
    params(ExplainParams, MetricsParams),
    responses(
        (status = 200, description = "案号或信访件 the case numbers, or the petitions", body = Explain),
        (status = 400, description = "参数有误 a parameter is wrong", body = ErrorBody),
        (status = 403, description = "超出本人范围 a court, division or judge outside the user's scope", body = ErrorBody),
        (status = 404, description = "没有这个指标 no indicator has this code", body = ErrorBody),
        (status = 503, description = "服务正忙或正在停止 the store is busy or the server is stopping (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn explain(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
) -> Result<Json<Explain>, ApiError> {
    let user = user(&server, &headers).await?;
    let code = param(&params, "indicator").unwrap_or_default();
    let indicator = indicator(&code)
        .ok_or_else(|| ApiError::not_found(&text!("指标“{code}”", "indicator “{code}”")))?;
    let part = match param(&params, "part").as_deref() {
        None | Some("numerator") => Part::Numerator,
        Some("denominator") => Part::Denominator,
        Some(other) => {
            return Err(ApiError::from(AppError::Invalid(text!(
                "part “{other}” 须为 numerator 或 denominator",
                "part “{other}” must be numerator or denominator"
            ))));
        }
    };
    let mut request = parse_request(&|name| param(&params, name), Asker::Api)?;
    user.restrict(&mut request.filter)?;
    let petition = shenguan_app::metrics::petition_measure(indicator, part).is_some();
    let (cases, petitions) = blocking(move || {
        let cases = server.cases()?;
        if petition {
            let found = server.with_store(|app, store| {
                app.explain_petitions(store, &cases, &request, indicator, part)
            })?;
            Ok::<_, AppError>((Vec::new(), found))
        } else {
            Ok((
                server.app.explain(&cases, &request, indicator, part)?,
                Vec::new(),
            ))
        }
    })
    .await??;
    Ok(Json(Explain {
        indicator: indicator.code,
        part: part.into(),
        cases,
        petitions: petitions
            .into_iter()
            .map(|(id, court, register_no)| body::ExplainedPetition {
                id,
                court,
                register_no,
            })
            .collect(),
    }))
}

/// `GET /api/v1/cases?court=…&from=…&to=…&limit=…&offset=…`: the cases the user may see, active
/// in the period, by case number.
#[utoipa::path(
    get,
    path = "/api/v1/cases",
    summary = "案件列表 cases",
    description = "The cases the user may see, active in the period (filed by its end, not closed before its start), by case number.",
    params(CaseListParams),
    responses(
        (status = 200, description = "一页案件 a page of cases", body = CaseList),
        (status = 400, description = "参数有误 a parameter is wrong", body = ErrorBody),
        (status = 403, description = "超出本人范围 a court outside the user's scope", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn cases(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
) -> Result<Json<CaseList>, ApiError> {
    let user = user(&server, &headers).await?;
    let invalid = |e: Text| ApiError::from(AppError::Invalid(e));
    let date = |name: &str| {
        param(&params, name)
            .map(|d| {
                shenguan_domain::parse_date(&d)
                    .map_err(|e| ApiError::from(AppError::invalid_for(name, &e.text())))
            })
            .transpose()
    };
    let number = |name: &str, default: usize| {
        param(&params, name).map_or(Ok(default), |v| {
            v.parse::<usize>().map_err(|_| {
                invalid(text!(
                    "{name} “{v}” 须为整数",
                    "{name} “{v}” must be a whole number"
                ))
            })
        })
    };
    let limit = number("limit", 100)?.min(1000);
    let offset = number("offset", 0)?;
    let request = CaseListRequest {
        court: court_param(&params)?,
        from: date("from")?,
        to: date("to")?,
        offset: offset as u64,
        limit: limit as u64,
    };
    let body = blocking(move || {
        server.with_store(|app, store| {
            let page = app.case_list(store, &user, &request)?;
            Ok::<_, AppError>(CaseList {
                total: page.total,
                offset,
                limit,
                cases: page.cases.iter().map(|c| Case::new(app, c)).collect(),
            })
        })
    })
    .await??;
    Ok(Json(body))
}

/// `GET /api/v1/cases/{案号}`: one case with its timeline; the view is written to the audit log.
/// A case outside the user's scope is "not found", as one that does not exist.
#[utoipa::path(
    get,
    path = "/api/v1/cases/{case_no}",
    summary = "案件详情 one case with its timeline",
    description = "The case with its events, parties and payments; the view is written to the audit log. A case outside the user's scope is not found, as one that does not exist.",
    params(("case_no" = String, Path, description = "案号, e.g. （2026）湘1402民初1号 (half-width brackets are read too)")),
    responses(
        (status = 200, description = "案件 the case", body = CaseDetail),
        (status = 400, description = "不是案号 not a case number", body = ErrorBody),
        (status = 404, description = "没有此案件 no such case within the user's scope", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy: the view could not be audited (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn case(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Path(text): Path<String>,
) -> Result<Json<CaseDetail>, ApiError> {
    let user = user(&server, &headers).await?;
    let this_year = chrono::Datelike::year(&server.app.today());
    let number = CaseNumber::parse(&text, this_year)
        .map_err(|e| ApiError::from(AppError::invalid_for(&text, &e.text())))?
        .to_string();
    let body = blocking(move || {
        let file = server.view_case(&user, &number)?;
        Ok::<_, ApiError>(CaseDetail {
            case: Case::new(&server.app, &file.record),
            events: file.events.iter().map(Event::new).collect(),
            parties: file.parties.iter().map(CaseParty::new).collect(),
            payments: file.payments.iter().map(CasePayment::new).collect(),
        })
    })
    .await??;
    Ok(Json(body))
}

/// The scope filter a supervision list asks for: court, division, judge.
pub(crate) fn list_filter(params: &[(String, String)]) -> Result<Filter, ApiError> {
    Ok(Filter {
        court: court_param(params)?,
        division: param(params, "division"),
        judge: param(params, "judge"),
        ..Filter::default()
    })
}

/// `GET /api/v1/warnings?court=…&division=…&judge=…&tier=…`: time-limit warnings as of today,
/// most urgent first.
#[utoipa::path(
    get,
    path = "/api/v1/warnings",
    summary = "审限预警 time-limit warnings as of today",
    description = "Pending cases near or past their deadline, most urgent first.",
    params(ListParams, TierParams),
    responses(
        (status = 200, description = "预警 the warnings", body = Warnings),
        (status = 400, description = "参数有误 a parameter is wrong", body = ErrorBody),
        (status = 403, description = "超出本人范围 a court, division or judge outside the user's scope", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn warnings(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
) -> Result<Json<Warnings>, ApiError> {
    let user = user(&server, &headers).await?;
    let mut filter = list_filter(&params)?;
    user.restrict(&mut filter)?;
    let tier = tier_param(&params)?;
    let body = blocking(move || {
        server.with_store(|app, store| {
            let warnings = app.warnings(store, &user, filter, tier)?;
            Ok::<_, ApiError>(Warnings {
                as_of: app.today().to_string(),
                count: warnings.len(),
                warnings: warnings.iter().map(|w| Warning::new(app, w)).collect(),
            })
        })
    })
    .await??;
    Ok(Json(body))
}

/// `GET /api/v1/long-pending?months=12|18|36&court=…`: cases pending more than that many
/// months, oldest first, with their age and last event.
#[utoipa::path(
    get,
    path = "/api/v1/long-pending",
    summary = "长期未结 cases pending over 12, 18 or 36 months",
    description = "Oldest first, with their age and last event.",
    params(MonthsParams, ListParams),
    responses(
        (status = 200, description = "长期未结案件 the cases", body = LongPending),
        (status = 400, description = "参数有误 a parameter is wrong", body = ErrorBody),
        (status = 403, description = "超出本人范围 a court, division or judge outside the user's scope", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn long_pending(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
) -> Result<Json<LongPending>, ApiError> {
    let user = user(&server, &headers).await?;
    let mut filter = list_filter(&params)?;
    user.restrict(&mut filter)?;
    let months = one_of(&params, "months", &LONG_PENDING_MONTHS)?;
    let body = blocking(move || {
        server.with_store(|app, store| {
            let cases = app.long_pending(store, &user, filter, months)?;
            Ok::<_, ApiError>(LongPending {
                as_of: app.today().to_string(),
                months,
                count: cases.len(),
                cases: cases
                    .iter()
                    .map(|c| LongPendingCase {
                        case: Case::new(app, &c.case),
                        age_days: c.age_days,
                        last_event: c.last_event.as_ref().map(Event::new),
                    })
                    .collect(),
            })
        })
    })
    .await??;
    Ok(Json(body))
}

/// `GET /api/v1/enforcement/idle?days=30|60|90&court&division&judge`: pending enforcement cases
/// with no measure for more than that many days, longest idle first.
#[utoipa::path(
    get,
    path = "/api/v1/enforcement/idle",
    summary = "执行案件长期未采取措施 pending enforcement cases with no measure for 30, 60 or 90 days",
    description = "Longest idle first.",
    params(DaysParams, ListParams),
    responses(
        (status = 200, description = "长期未采取措施的执行案件 the cases", body = IdleEnforcement),
        (status = 400, description = "参数有误 a parameter is wrong", body = ErrorBody),
        (status = 403, description = "超出本人范围 a court, division or judge outside the user's scope", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn idle_enforcement(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
) -> Result<Json<IdleEnforcement>, ApiError> {
    let user = user(&server, &headers).await?;
    let mut filter = list_filter(&params)?;
    user.restrict(&mut filter)?;
    let days = one_of(&params, "days", &IDLE_DAYS)?;
    let body = blocking(move || {
        server.with_store(|app, store| {
            let cases = app.idle_enforcement(store, &user, filter, i64::from(days))?;
            Ok::<_, ApiError>(IdleEnforcement {
                as_of: app.today().to_string(),
                days,
                count: cases.len(),
                cases: cases
                    .iter()
                    .map(|c| IdleCase {
                        case: Case::new(app, &c.case),
                        last_measure: c.last_measure.map(|d| d.to_string()),
                        idle_days: c.idle_days,
                    })
                    .collect(),
            })
        })
    })
    .await??;
    Ok(Json(body))
}

/// The lines of the audit log `/api/v1/audit` answers.
const AUDIT_LINES: i64 = 200;

/// `GET /api/v1/audit`: the latest 200 lines of the audit log (administrators only).
#[utoipa::path(
    get,
    path = "/api/v1/audit",
    summary = "审计日志 the audit log (administrators)",
    description = "The latest 200 lines, newest first.",
    responses(
        (status = 200, description = "审计日志 the lines", body = Audit),
        (status = 403, description = "仅系统管理员 for administrators only", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn audit(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
) -> Result<Json<Audit>, ApiError> {
    let user = user(&server, &headers).await?;
    if user.role != Role::Admin {
        return Err(ApiError::forbidden(text!(
            "审计日志仅系统管理员可查看",
            "only administrators may read the audit log"
        )));
    }
    let entries =
        blocking(move || server.with_store(|app, store| app.audit_log(store, AUDIT_LINES)))
            .await??;
    Ok(Json(Audit {
        entries: entries
            .into_iter()
            .map(|e| AuditEntry {
                at: e.at,
                user: e.user,
                action: e.action,
                detail: e.detail,
            })
            .collect(),
    }))
}

/// `POST /api/v1/import?format=csv|xlsx|parquet[&dry_run=true][&skip_invalid=true][&sheet=…]`:
/// the file is the request body. Validated in full; written all or nothing (or the good rows with
/// `skip_invalid`), held to the user's court, audited; `dry_run` only reports.
#[utoipa::path(
    post,
    path = "/api/v1/import",
    summary = "导入 import a cases, events, staff, parties or payments file (administrators, the trial-management office)",
    description = "The file is the request body. Validated in full; written all or nothing (or the good rows with skip_invalid), held to the user's court, audited. A file with bad rows is answered 200 with the rows in `errors` and nothing written: the request was understood, the file refused.",
    params(ImportParams),
    request_body(
        description = "The file as it is: CSV (UTF-8 or GB18030), XLSX or Parquet",
        content = inline(ImportFile),
        content_type = "application/octet-stream",
    ),
    responses(
        (status = 200, description = "导入报告 the report (nothing written on a dry run or with bad rows)", body = Import),
        (status = 400, description = "文件或参数有误 an unknown format, or a file that cannot be read", body = ErrorBody),
        (status = 403, description = "无权导入 the user's role may not import", body = ErrorBody),
        (status = 413, description = "文件过大 the file is larger than the server's upload limit", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy with another import (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn import(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
    // Not read until the sender is known and allowed to import.
    body: axum::body::Body,
) -> Result<Json<Import>, ApiError> {
    let user = user(&server, &headers).await?;
    let within = user.import_scope()?;
    let format = param(&params, "format")
        .unwrap_or_default()
        .to_ascii_lowercase();
    if !IMPORT_FORMATS.contains(&format.as_str()) {
        return Err(ApiError::from(AppError::Invalid(text!(
            "format “{format}” 须为 csv、xlsx 或 parquet",
            "format “{format}” must be csv, xlsx or parquet"
        ))));
    }
    let flag = |name: &str| matches!(param(&params, name).as_deref(), Some("true" | "1"));
    let dir = server.upload_place.new_dir()?;
    let name = format!("upload.{format}");
    dir.receive(&name, body, server.upload_place.limit())
        .await?;
    let request = shenguan_app::imports::ImportRequest {
        files: vec![dir.path().join(&name)],
        sheet: param(&params, "sheet"),
        skip_invalid: flag("skip_invalid"),
        dry_run: flag("dry_run"),
        within,
        by: Some(user.name.clone()),
        // The body has no name of its own: the log and the messages name it by its format.
        named: Some(name),
        // The bad rows are in the answer; the rejects file stays in the folder removed below.
        rejects: Some(dir.path().join("rejects.csv")),
    };
    // The notes are said in the request's language, as an error would be; the rows' reasons
    // come in both (`reason_zh`, `reason_en`).
    let lang = crate::error::accept_language(&headers);
    let (outcome, refreshed) = blocking(move || server.import(&request)).await??;
    drop(dir);
    Ok(Json(Import {
        rows_read: outcome.rows_read,
        cases_valid: outcome.cases_valid,
        events_valid: outcome.events_valid,
        errors: outcome
            .errors
            .into_iter()
            .map(|e| RowError {
                row: e.row,
                column: e.column,
                value: e.value,
                reason_zh: e.reason_zh,
                reason_en: e.reason_en,
            })
            .collect(),
        changes: Changes::new(&outcome.changes),
        records: body::Records::new(&outcome.records),
        warnings: outcome
            .warnings
            .iter()
            .map(|w| w.get(lang).to_string())
            .collect(),
        written: outcome.written.map(|s| Written {
            added: s.added,
            updated: s.updated,
            unchanged: s.unchanged,
            events_added: s.events_added,
            petitions_added: s.records.petitions.added,
            petitions_updated: s.records.petitions.updated,
            notice_rows: s.records.notice_rows,
            assistance_added: s.records.assistance.added,
            assistance_updated: s.records.assistance.updated,
        }),
        indicators_refreshed: refreshed,
    }))
}
