//! The 督办 routes of the JSON API, beside the pages: list the supervised cases the user may see,
//! read one with its history, open items (the office, court leaders, division heads), and take a
//! step (reply, close, return, escalate). The requests' JSON bodies are read by the routes
//! (`request.rs`), so that a malformed one is refused in the API's own error shape.
//! What may be done is the app's to decide (`shenguan_app::duban`).

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use serde::{Deserialize, Serialize};
use shenguan_app::duban::{
    HistoryStep, ItemFilter, OpenRequest, Reason, State as ItemState, SupervisedCase,
};
use shenguan_app::{AppError, text};
use utoipa::{IntoParams, ToSchema};

use super::request::{json, json_or_default};
use crate::auth::{blocking, user};
use crate::error::{CommonErrors, ErrorBody};
use crate::{ApiError, Server, choice_param, court_param, day_value, flag_param, item_number};

/// A supervised case as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SupervisedCaseBody {
    /// 督办事项编号
    pub id: i64,
    /// 案号
    pub case_no: String,
    /// 法院代字
    pub court: String,
    /// 承办部门
    #[schema(required = true)]
    pub division: Option<String>,
    /// 督办事由: time_limit_near, over_time_limit, long_pending, passive_enforcement,
    /// termination_non_compliant, money_not_paid_out, petition, review, other
    pub reason: &'static str,
    /// 督办意见
    pub instructions: String,
    /// 督办人 (account)
    pub opened_by: String,
    /// 督办日期
    #[schema(format = Date)]
    pub opened_on: String,
    /// 答复人 (account)
    pub answerer: String,
    /// 答复期限
    #[schema(format = Date)]
    pub due_on: String,
    /// 状态: awaiting_reply, returned, escalated, replied, closed
    pub state: &'static str,
    /// 督办层级 (0: the lowest of the chain, 庭长 by default)
    pub level: usize,
    /// 督办层级名称, e.g. 庭长
    pub level_name: String,
    /// 最近答复日期
    #[schema(required = true, format = Date)]
    pub replied_on: Option<String>,
    /// 最近答复是否按期
    #[schema(required = true)]
    pub replied_in_time: Option<bool>,
    /// 办结日期
    #[schema(required = true, format = Date)]
    pub closed_on: Option<String>,
    /// 答复是否逾期 (a reply awaited past its date, today)
    pub overdue: bool,
}

/// The supervised cases a list selects, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SupervisionList {
    pub items: Vec<SupervisedCaseBody>,
}

/// One step of an item's history.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct HistoryStepBody {
    /// When, with the offset
    #[schema(format = DateTime)]
    pub at: String,
    /// Who took it (account)
    pub by: String,
    /// opened, reply, close, return, escalate
    pub step: String,
    /// The instructions, the reply or the note
    pub note: String,
    /// The reply date the step set
    #[schema(required = true, format = Date)]
    pub due_on: Option<String>,
}

/// One supervised case with its history.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SupervisionItem {
    pub item: SupervisedCaseBody,
    pub history: Vec<HistoryStepBody>,
}

/// The items opened, one per case, in the order given.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Opened {
    pub ids: Vec<i64>,
}

/// What `POST /api/v1/supervision` asks.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct OpenBody {
    /// 案号, canonical form; at most 500
    cases: Vec<String>,
    /// 督办事由 (a key, as listed under `reason` of a supervised case)
    reason: String,
    /// 督办意见, at most 2,000 characters
    instructions: String,
    /// 答复人 (account); absent: the handling judge's account
    #[serde(default)]
    answerer: Option<String>,
    /// 答复期限; absent: five working days on (the configuration's)
    #[serde(default)]
    #[schema(format = Date)]
    due_on: Option<String>,
}

/// What `POST /api/v1/supervision/{id}/{step}` asks: the reply (`reply`) or the note (`close`,
/// `return`), and the new date (`return`, `escalate`).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct StepBody {
    /// 答复 or 意见
    #[serde(default)]
    text: Option<String>,
    /// 新的答复期限 (return, escalate)
    #[serde(default)]
    #[schema(format = Date)]
    due_on: Option<String>,
}

/// 督办 figures of one court and month.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FiguresRow {
    /// 法院代字
    pub court: String,
    /// 月份 YYYY-MM
    pub month: String,
    /// 督办: items opened
    pub opened: u64,
    /// 答复: replies made
    pub replies: u64,
    /// 应答复: replies that fell due in the month and are decided (made, or the date passed)
    pub due: u64,
    /// 按期答复: of those, made by their date
    pub on_time: u64,
    /// 按期答复率, percent; null when none fell due
    #[schema(required = true)]
    pub on_time_rate: Option<f64>,
    /// 办结: items closed
    pub closed: u64,
    /// 升级: items escalated
    pub escalated: u64,
}

/// 督办 figures by court and month of a period.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FiguresBody {
    #[schema(format = Date)]
    pub from: String,
    #[schema(format = Date)]
    pub to: String,
    pub rows: Vec<FiguresRow>,
}

/// The query of `GET /api/v1/supervision/figures`.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct FiguresParams {
    /// 起始日期 first day (YYYY-MM-DD)
    #[param(format = Date, example = "2026-01-01")]
    from: String,
    /// 截止日期 last day (YYYY-MM-DD)
    #[param(format = Date, example = "2026-11-30")]
    to: String,
}

/// `GET /api/v1/supervision/figures?from&to`: the 督办 figures of the items the user may see,
/// by court and month.
#[utoipa::path(
    get,
    path = "/api/v1/supervision/figures",
    summary = "督办统计 supervision figures by court and month",
    description = "Items opened, replies, replies due and made on time (on-time rate), closed and escalated, each counted in the month its date fell, over the items the user may see.",
    params(FiguresParams),
    responses(
        (status = 200, description = "督办统计 the figures", body = FiguresBody),
        (status = 400, description = "参数有误 a parameter is wrong", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn figures(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<FiguresBody>, ApiError> {
    let user = user(&server, &headers).await?;
    let day = |name: &str| -> Result<chrono::NaiveDate, ApiError> {
        day_value(name, crate::param(&params, name).as_deref())?.ok_or_else(|| {
            AppError::invalid_for(name, &text!("须填写日期", "a date is required")).into()
        })
    };
    let (from, to) = (day("from")?, day("to")?);
    if to < from {
        return Err(AppError::invalid_for(
            "to",
            &text!("截止日期早于起始日期", "the period ends before it begins"),
        )
        .into());
    }
    let reading = Arc::clone(&server);
    let rows = blocking(move || {
        reading.with_store(|app, store| app.supervision_figures(store, &user, from, to))
    })
    .await??;
    Ok(Json(FiguresBody {
        from: from.to_string(),
        to: to.to_string(),
        rows: rows
            .iter()
            .map(|r| FiguresRow {
                court: r.court.clone(),
                month: r.month.clone(),
                opened: r.opened,
                replies: r.replies,
                due: r.due,
                on_time: r.on_time,
                on_time_rate: r.on_time_rate(),
                closed: r.closed,
                escalated: r.escalated,
            })
            .collect(),
    }))
}

/// The query of `GET /api/v1/supervision`.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct SupervisionParams {
    /// 状态: awaiting_reply, returned, escalated, replied, closed
    state: Option<String>,
    /// 督办事由 (a key)
    reason: Option<String>,
    /// Only items whose reply is late today
    overdue: Option<bool>,
    /// Only items the user must answer
    mine: Option<bool>,
    /// Only the items of this case (案号, canonical form)
    case_no: Option<String>,
    /// 法院代字
    court: Option<String>,
    /// With the courts below `court`
    with_lower: Option<bool>,
}

/// `GET /api/v1/supervision`: the supervised cases the user may see.
#[utoipa::path(
    get,
    path = "/api/v1/supervision",
    summary = "督办事项 supervised cases",
    description = "The items the user may see, newest first: an office or a court leader, their court's and the courts' below; a division head, their division's; a judge, those they must answer.",
    params(SupervisionParams),
    responses(
        (status = 200, description = "督办事项 the items", body = SupervisionList),
        (status = 400, description = "参数有误 a parameter is wrong", body = ErrorBody),
        (status = 403, description = "超出本人范围 a court outside the user's scope", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn list(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<SupervisionList>, ApiError> {
    let user = user(&server, &headers).await?;
    let filter = ItemFilter {
        court: court_param(&params)?,
        state: choice_param(&params, "state", ItemState::parse)?,
        reason: choice_param(&params, "reason", Reason::parse)?,
        overdue: flag_param(&params, "overdue")?,
        mine: flag_param(&params, "mine")?,
        case_no: crate::param(&params, "case_no"),
    };
    let reading = Arc::clone(&server);
    let items = blocking(move || {
        reading.with_store(|app, store| app.supervised_cases(store, &user, &filter))
    })
    .await??;
    Ok(Json(SupervisionList {
        items: items.iter().map(|c| body_of(&server, c)).collect(),
    }))
}

/// `GET /api/v1/supervision/{id}`: one supervised case with its history.
#[utoipa::path(
    get,
    path = "/api/v1/supervision/{id}",
    summary = "督办事项 one supervised case",
    params(("id" = i64, Path, description = "督办事项编号")),
    responses(
        (status = 200, description = "督办事项及办理经过 the item and its history", body = SupervisionItem),
        (status = 404, description = "没有此事项，或不在本人范围 no such item within the user's scope", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn item(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<SupervisionItem>, ApiError> {
    let user = user(&server, &headers).await?;
    let id = item_number(&id, crate::Numbered::Item)?;
    let reading = Arc::clone(&server);
    let (case, history) =
        blocking(move || reading.with_store(|app, store| app.supervised_case(store, &user, id)))
            .await??;
    Ok(Json(SupervisionItem {
        item: body_of(&server, &case),
        history: history.into_iter().map(history_of).collect(),
    }))
}

/// `POST /api/v1/supervision`: puts cases under supervision, all or none.
#[utoipa::path(
    post,
    path = "/api/v1/supervision",
    summary = "督办 supervise cases",
    description = "The office, court leaders and division heads, for cases within their scope; an item per case, all or none; each audited.",
    request_body(content = OpenBody, content_type = "application/json"),
    responses(
        (status = 200, description = "已督办 the items opened", body = Opened),
        (status = 400, description = "请求有误 the body is wrong", body = ErrorBody),
        (status = 403, description = "无权督办 the user may not supervise", body = ErrorBody),
        (status = 404, description = "没有此案件，或不在本人范围 a case not within the user's scope", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn open(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Opened>, ApiError> {
    let user = user(&server, &headers).await?;
    let asked: OpenBody = json(&body)?;
    let reason = Reason::parse(&asked.reason).ok_or_else(|| {
        let given = &asked.reason;
        ApiError::from(AppError::Invalid(text!(
            "reason “{given}” 不是督办事由",
            "reason “{given}” is not a supervision reason"
        )))
    })?;
    let due_on = day_value("due_on", asked.due_on.as_deref())?;
    let writing = Arc::clone(&server);
    let ids = blocking(move || {
        writing.with_writer(|app, store| {
            app.open_supervision(
                store,
                &user,
                &OpenRequest {
                    cases: &asked.cases,
                    reason,
                    instructions: &asked.instructions,
                    answerer: asked.answerer.as_deref(),
                    due_on,
                },
            )
        })
    })
    .await??;
    Ok(Json(Opened { ids }))
}

/// `POST /api/v1/supervision/{id}/{step}`: reply, close, return or escalate.
#[utoipa::path(
    post,
    path = "/api/v1/supervision/{id}/{step}",
    summary = "督办办理 take a step",
    description = "reply (the one named, `text` required), close (a supervisor, `text` optional), return (a supervisor, `text` and `due_on` required), escalate (a supervisor, a late reply, `due_on` required). Written only from the state the item is in; audited.",
    params(
        ("id" = i64, Path, description = "督办事项编号"),
        ("step" = String, Path, description = "reply, close, return or escalate"),
    ),
    request_body(content = StepBody, content_type = "application/json"),
    responses(
        (status = 200, description = "办理后的督办事项 the item after the step", body = SupervisedCaseBody),
        (status = 400, description = "请求有误，或此时不能办理 the body is wrong, or the step cannot be taken now", body = ErrorBody),
        (status = 403, description = "无权办理 the user may not take this step", body = ErrorBody),
        (status = 404, description = "没有此事项或操作 no such item within the user's scope, or no such step", body = ErrorBody),
        (status = 409, description = "已被他人处理 someone else acted first", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn step(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Path((id, step)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<SupervisedCaseBody>, ApiError> {
    let user = user(&server, &headers).await?;
    let id = item_number(&id, crate::Numbered::Item)?;
    let asked: StepBody = json_or_default(&body)?;
    let text = asked.text.unwrap_or_default();
    let due_on = day_value("due_on", asked.due_on.as_deref())?;
    let writing = Arc::clone(&server);
    let done = blocking(move || {
        writing.with_writer(|app, store| {
            app.supervision_step_named(store, &user, id, &step, &text, due_on)
        })
    })
    .await??;
    Ok(Json(body_of(&server, &done)))
}

fn body_of(server: &Server, case: &SupervisedCase) -> SupervisedCaseBody {
    let item = &case.item;
    let chain = server.app.supervision_chain();
    SupervisedCaseBody {
        id: case.id,
        case_no: item.case_no.clone(),
        court: case.court.clone(),
        division: case.division.clone(),
        reason: item.reason.key(),
        instructions: item.instructions.clone(),
        opened_by: item.opened_by.clone(),
        opened_on: item.opened_on.to_string(),
        answerer: item.answerer.clone(),
        due_on: item.due_on.to_string(),
        state: item.state.key(),
        level: item.level,
        level_name: chain.level(item.level).label.zh().to_string(),
        replied_on: item.replied.map(|(day, _)| day.to_string()),
        replied_in_time: item.replied.map(|(_, in_time)| in_time),
        closed_on: item.closed_on.map(|d| d.to_string()),
        overdue: case.overdue,
    }
}

fn history_of(step: HistoryStep) -> HistoryStepBody {
    HistoryStepBody {
        at: step.at,
        by: step.by,
        step: step.step,
        note: step.note,
        due_on: step.due_on.map(|d| d.to_string()),
    }
}
