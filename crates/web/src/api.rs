//! The JSON routes. Each one: who is asking, what they ask (checked against their scope), the
//! work off the async threads, the answer as JSON.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};
use shenguan_app::accounts::Role;
use shenguan_app::metrics::{Asker, Filter, Part, indicator, parse_request};
use shenguan_app::{CasePage, CaseQuery};
use shenguan_domain::{CaseNumber, CaseRecord, join_exclusions, join_extensions};

use crate::auth::{blocking, user};
use crate::{ApiError, Server, court_param, one_of, param, tier_param};

type Params = Query<Vec<(String, String)>>;

/// `GET /api/v1/metrics`: the parameters and body of `shenguan metrics --format json`.
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
                server.figures.charge(&request, body.len());
            }
            body
        }
    };
    Ok(([(CONTENT_TYPE, "application/json")], body).into_response())
}

/// `GET /api/v1/metrics/explain?indicator=…&part=numerator|denominator&from=…&to=…`: the case
/// numbers behind a value, within the user's scope.
pub(crate) async fn explain(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
) -> Result<Json<Value>, ApiError> {
    let user = user(&server, &headers).await?;
    let code = param(&params, "indicator").unwrap_or_default();
    let indicator =
        indicator(&code).ok_or_else(|| ApiError::not_found(&format!("指标“{code}”")))?;
    let part = match param(&params, "part").as_deref() {
        None | Some("numerator") => Part::Numerator,
        Some("denominator") => Part::Denominator,
        Some(other) => {
            return Err(ApiError::from(shenguan_app::AppError::Invalid(format!(
                "part “{other}” 须为 numerator 或 denominator; must be numerator or denominator"
            ))));
        }
    };
    let mut request = parse_request(&|name| param(&params, name), Asker::Api)?;
    user.restrict(&mut request.filter)?;
    let numbers = blocking(move || {
        let cases = server.cases()?;
        server.app.explain(&cases, &request, indicator, part)
    })
    .await??;
    Ok(Json(json!({
        "indicator": indicator.code,
        "part": if part == Part::Numerator { "numerator" } else { "denominator" },
        "cases": numbers,
    })))
}

/// `GET /api/v1/cases?court=…&from=…&to=…&limit=…&offset=…`: the cases the user may see, active
/// in the period, by case number.
pub(crate) async fn cases(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
) -> Result<Json<Value>, ApiError> {
    let user = user(&server, &headers).await?;
    let invalid = |e: String| ApiError::from(shenguan_app::AppError::Invalid(e));
    let mut filter = Filter {
        court: court_param(&params)?,
        ..Filter::default()
    };
    user.restrict(&mut filter)?;
    let date = |name: &str| {
        param(&params, name)
            .map(|d| shenguan_domain::parse_date(&d).map_err(|e| invalid(format!("{name}: {e}"))))
            .transpose()
    };
    let number = |name: &str, default: usize| {
        param(&params, name).map_or(Ok(default), |v| {
            v.parse::<usize>()
                .map_err(|_| invalid(format!("{name} “{v}” 须为整数; must be a whole number")))
        })
    };
    let query = CaseQuery {
        court: filter.court,
        from: date("from")?,
        to: date("to")?,
    };
    let limit = number("limit", 100)?.min(1000);
    let offset = number("offset", 0)?;
    // The user's division or judge (from their scope) narrows the list in the database, which
    // counts and slices it: one page is read, whatever the size of the court.
    let page = CasePage {
        division: filter.division.clone(),
        judge: filter.judge.clone(),
        offset: offset as u64,
        limit: limit as u64,
    };
    let body = blocking(move || {
        server.with_store(|app, store| {
            let (total, records) = store
                .case_page(&query, &page)
                .map_err(shenguan_app::AppError::from)?;
            let cases: Vec<Value> = records
                .iter()
                .filter(|c| user.may_see(c))
                .map(|c| case_json(app, c))
                .collect();
            Ok::<Value, shenguan_app::AppError>(json!({
                "total": total,
                "offset": offset,
                "limit": limit,
                "cases": cases,
            }))
        })
    })
    .await??;
    Ok(Json(body))
}

/// `GET /api/v1/cases/{案号}`: one case with its timeline; the view is written to the audit log.
/// A case outside the user's scope is "not found", as one that does not exist.
pub(crate) async fn case(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Path(text): Path<String>,
) -> Result<Json<Value>, ApiError> {
    let user = user(&server, &headers).await?;
    let this_year = chrono::Datelike::year(&server.app.today());
    let number = CaseNumber::parse(&text, this_year)
        .map_err(|e| ApiError::from(shenguan_app::AppError::Invalid(format!("{text}: {e}"))))?
        .to_string();
    let body = blocking(move || {
        let failed = |e: String| ApiError::from(shenguan_app::AppError::Invalid(e));
        let found = server.with_store(|_, store| {
            let found = store.case(&number).map_err(|e| failed(e.to_string()))?;
            let parties = store.parties(&number).map_err(|e| failed(e.to_string()))?;
            let payments = store.payments(&number).map_err(|e| failed(e.to_string()))?;
            Ok::<_, ApiError>(found.map(|(record, events)| (record, events, parties, payments)))
        })?;
        let Some((record, events, parties, payments)) =
            found.filter(|(record, ..)| user.may_see(record))
        else {
            return Err(ApiError::not_found(&format!("案件{number}")));
        };
        server.audit(Some(&user.name), "case.view", &number)?;
        let app = &server.app;
        {
            let mut body = case_json(app, &record);
            body["events"] = events
                .iter()
                .map(|e| json!({"date": e.date.to_string(), "kind": e.kind.label_zh(), "detail": e.detail}))
                .collect();
            body["parties"] = parties
                .iter()
                .map(|p| {
                    json!({"role": p.role.label_zh(), "kind": p.kind.map(|k| k.label_zh()),
                        "name": p.name, "id_masked": p.id_masked,
                        "identity_key": p.identity.as_ref().map(ToString::to_string),
                        "agent": p.agent, "address": p.address})
                })
                .collect();
            body["payments"] = payments
                .iter()
                .map(|p| json!({"date": p.date.to_string(), "kind": p.kind.label_zh(),
                    "amount": p.amount.to_string(), "note": p.note}))
                .collect();
            Ok(body)
        }
    })
    .await??;
    Ok(Json(body))
}

/// The scope filter a supervision list asks for: court, division, judge.
fn list_filter(params: &[(String, String)]) -> Result<Filter, ApiError> {
    Ok(Filter {
        court: court_param(params)?,
        division: param(params, "division"),
        judge: param(params, "judge"),
        ..Filter::default()
    })
}

/// `GET /api/v1/warnings?court=…&division=…&judge=…&tier=…`: time-limit warnings as of today,
/// most urgent first.
pub(crate) async fn warnings(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
) -> Result<Json<Value>, ApiError> {
    let user = user(&server, &headers).await?;
    let mut filter = list_filter(&params)?;
    user.restrict(&mut filter)?;
    let tier = tier_param(&params)?;
    let body = blocking(move || {
        server.with_store(|app, store| {
            let warnings = app.warnings(store, &user, filter, tier)?;
            Ok::<Value, ApiError>(json!({
                "as_of": app.today().to_string(),
                "count": warnings.len(),
                "warnings": warnings.iter().map(|w| {
                    let mut item = case_json(app, &w.case);
                    item["days_left"] = json!(w.days_left);
                    item["tier"] = json!(w.tier.key());
                    item["tier_label"] = json!(w.tier.label_zh());
                    item
                }).collect::<Vec<_>>(),
            }))
        })
    })
    .await??;
    Ok(Json(body))
}

/// `GET /api/v1/long-pending?months=12|18|36&court=…`: cases pending more than that many
/// months, oldest first, with their age and last event.
pub(crate) async fn long_pending(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
) -> Result<Json<Value>, ApiError> {
    let user = user(&server, &headers).await?;
    let mut filter = list_filter(&params)?;
    user.restrict(&mut filter)?;
    let months = one_of(&params, "months", &[12, 18, 36])?;
    let body = blocking(move || {
        server.with_store(|app, store| {
            let cases = app.long_pending(store, &user, filter, months)?;
            Ok::<Value, ApiError>(json!({
                "as_of": app.today().to_string(),
                "months": months,
                "count": cases.len(),
                "cases": cases.iter().map(|c| {
                    let mut item = case_json(app, &c.case);
                    item["age_days"] = json!(c.age_days);
                    item["last_event"] = c.last_event.as_ref().map_or(Value::Null, |e| {
                        json!({"date": e.date.to_string(), "kind": e.kind.label_zh(), "detail": e.detail})
                    });
                    item
                }).collect::<Vec<_>>(),
            }))
        })
    })
    .await??;
    Ok(Json(body))
}

/// `GET /api/v1/enforcement/idle?days=30|60|90&court&division&judge`: pending enforcement cases
/// with no measure for more than that many days, longest idle first.
pub(crate) async fn idle_enforcement(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
) -> Result<Json<Value>, ApiError> {
    let user = user(&server, &headers).await?;
    let mut filter = list_filter(&params)?;
    user.restrict(&mut filter)?;
    let days = one_of(&params, "days", &[30, 60, 90])?;
    let body = blocking(move || {
        server.with_store(|app, store| {
            let cases = app.idle_enforcement(store, &user, filter, i64::from(days))?;
            Ok::<Value, ApiError>(json!({
                "as_of": app.today().to_string(),
                "days": days,
                "count": cases.len(),
                "cases": cases.iter().map(|c| {
                    let mut item = case_json(app, &c.case);
                    item["last_measure"] = c.last_measure.map_or(Value::Null, |d| json!(d.to_string()));
                    item["idle_days"] = json!(c.idle_days);
                    item
                }).collect::<Vec<_>>(),
            }))
        })
    })
    .await??;
    Ok(Json(body))
}

/// `GET /api/v1/audit`: the latest 200 lines of the audit log (administrators only).
pub(crate) async fn audit(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let user = user(&server, &headers).await?;
    if user.role != Role::Admin {
        return Err(ApiError::forbidden(
            "审计日志仅系统管理员可查看; the audit log is for administrators".into(),
        ));
    }
    let entries =
        blocking(move || server.with_store(|app, store| app.audit_log(store, 200))).await??;
    Ok(Json(json!({
        "entries": entries
            .iter()
            .map(|e| json!({"at": e.at, "user": e.user, "action": e.action, "detail": e.detail}))
            .collect::<Vec<_>>()
    })))
}

/// A case as the API shows it: the canonical columns and the derived deadline and trial days.
fn case_json(app: &shenguan_app::App, c: &CaseRecord) -> Value {
    json!({
        "case_no": c.case_no.to_string(),
        "court": c.court.to_string(),
        "court_name": c.court_name,
        "type_code": c.case_no.case_type().map(|t| t.code),
        "procedure": c.procedure.map(|p| p.label_zh()),
        "cause": c.cause,
        "division": c.division,
        "judge": c.judge,
        "judge_id": c.judge_id.as_ref().map(ToString::to_string),
        "filed_on": c.filed_on.to_string(),
        "closed_on": c.closed_on.map(|d| d.to_string()),
        "closing_method": c.closing_method.map(|m| m.label_zh()),
        "extension": join_extensions(&c.extensions),
        "exclusions": join_exclusions(&c.exclusions),
        "excluded_days": c.excluded_days(),
        "origin_case_no": c.origin_case_no.as_ref().map(ToString::to_string),
        "deadline": app.case_deadline(c).map(|d| d.to_string()),
        "trial_days": c.trial_days(),
    })
}

/// `POST /api/v1/import?format=csv|xlsx|parquet[&dry_run=true][&skip_invalid=true][&sheet=…]`:
/// the file is the request body. Validated in full; written all or nothing (or the good rows with
/// `skip_invalid`), held to the user's court, audited; `dry_run` only reports.
pub(crate) async fn import(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
    // Not read until the sender is known and allowed to import.
    body: axum::body::Body,
) -> Result<Json<Value>, ApiError> {
    let user = user(&server, &headers).await?;
    let within = user.import_scope()?;
    let invalid = |e: String| ApiError::from(shenguan_app::AppError::Invalid(e));
    let format = param(&params, "format")
        .unwrap_or_default()
        .to_ascii_lowercase();
    if !["csv", "xlsx", "parquet"].contains(&format.as_str()) {
        return Err(invalid(format!(
            "format “{format}” 须为 csv、xlsx 或 parquet; must be csv, xlsx or parquet"
        )));
    }
    let flag = |name: &str| matches!(param(&params, name).as_deref(), Some("true" | "1"));
    let dir = crate::upload::UploadDir::new(server.upload_root()?)?;
    let name = format!("upload.{format}");
    dir.receive(&name, body, server.upload_limit()).await?;
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
    let (outcome, refreshed) = blocking(move || server.import(&request)).await??;
    drop(dir);
    Ok(Json(json!({
        "rows_read": outcome.rows_read,
        "cases_valid": outcome.cases_valid,
        "events_valid": outcome.events_valid,
        "errors": outcome.errors.iter().map(|e| json!({
            "row": e.row,
            "column": e.column,
            "value": e.value,
            "reason_zh": e.reason_zh,
            "reason_en": e.reason_en,
        })).collect::<Vec<_>>(),
        "warnings": outcome.warnings,
        "changes": changes_json(&outcome.changes),
        "written": outcome.written.map(|s| json!({
            "added": s.added,
            "updated": s.updated,
            "unchanged": s.unchanged,
            "events_added": s.events_added,
        })),
        "indicators_refreshed": refreshed,
    })))
}

/// What an import changes in the store, per column and the first changes.
fn changes_json(report: &shenguan_app::imports::ChangeReport) -> Value {
    json!({
        "added": report.added,
        "updated": report.updated,
        "unchanged": report.unchanged,
        "cleared": report.cleared(),
        "columns": report.per_field.iter().map(|(field, (changed, cleared))| json!({
            "column": field.header(false),
            "column_zh": field.header(true),
            "changed": changed,
            "cleared": cleared,
        })).collect::<Vec<_>>(),
        "first": report.examples.iter().map(|c| json!({
            "case_no": c.case_no,
            "column": c.field.header(false),
            "old": c.old,
            "new": c.new,
        })).collect::<Vec<_>>(),
    })
}
