//! 审限变更 in the JSON API: the applications a user may see, the judge's application for a case,
//! and the approver's decision. What may be done is the app's to decide
//! (`shenguan_app::limit_requests`).

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use serde::{Deserialize, Serialize};
use shenguan_app::limit_requests::{LimitRequest, RequestState, approves, change_of};

use utoipa::{IntoParams, ToSchema};

use super::request::{json, json_or_default};
use crate::auth::{blocking, user};
use crate::error::{CommonErrors, ErrorBody};
use crate::{ApiError, Server, choice_param, day_value, item_number};

/// An application as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct LimitRequestBody {
    /// 申请编号
    pub id: i64,
    /// 案号
    pub case_no: String,
    /// 法院代字
    pub court: String,
    /// extension (延长审限) | exclusion (扣除审限)
    pub kind: &'static str,
    /// The change: "6个月", "公告 2026-02-01~2026-03-31"
    pub change: String,
    /// 申请理由
    pub reason: String,
    /// 申请人 (account)
    pub asked_by: String,
    #[schema(format = Date)]
    pub asked_on: String,
    /// The deadline in force when it was made
    #[schema(format = Date)]
    pub deadline_then: String,
    /// 逾期申请: made within the lead time before the limit ran out
    pub late: bool,
    /// 审批: 本院院长 | 上级法院
    pub approver: &'static str,
    /// pending | approved | refused
    pub state: &'static str,
    #[schema(required = true)]
    pub decided_by: Option<String>,
    #[schema(required = true, format = Date)]
    pub decided_on: Option<String>,
    /// Decided within the last five days of the limit
    #[schema(required = true)]
    pub decided_late: Option<bool>,
    /// 审批意见
    #[schema(required = true)]
    pub note: Option<String>,
}

impl LimitRequestBody {
    fn of(r: &LimitRequest) -> LimitRequestBody {
        LimitRequestBody {
            id: r.row.id,
            case_no: r.row.case_no.clone(),
            court: r.row.court_code.clone(),
            kind: r.change.key(),
            change: r.change.summary(),
            reason: r.row.reason.clone(),
            asked_by: r.row.asked_by.clone(),
            asked_on: r.row.asked_on.to_string(),
            deadline_then: r.row.deadline_then.to_string(),
            late: r.row.late,
            approver: r.approver.label_zh(),
            state: r.state.key(),
            decided_by: r.row.decided_by.clone(),
            decided_on: r.row.decided_on.map(|d| d.to_string()),
            decided_late: r.row.decided_late,
            note: r.row.note.clone(),
        }
    }
}

/// The applications a list selects, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct LimitRequestList {
    pub requests: Vec<LimitRequestBody>,
}

/// The query of `GET /api/v1/limit-requests`.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct LimitRequestParams {
    /// 状态: pending, approved, refused
    state: Option<String>,
}

/// What `POST /api/v1/cases/{case_no}/limit-requests` asks.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ApplyBody {
    /// extension (延长审限) | exclusion (扣除审限)
    kind: String,
    /// An extension's length: 6个月, 6m, 30日, 30d
    #[serde(default)]
    length: Option<String>,
    /// An exclusion's ground: 公告, 鉴定, 管辖异议, …
    #[serde(default)]
    ground: Option<String>,
    /// An exclusion's first day
    #[serde(default)]
    #[schema(format = Date)]
    from: Option<String>,
    /// An exclusion's last day (both counted)
    #[serde(default)]
    #[schema(format = Date)]
    to: Option<String>,
    /// 申请理由, at most 2,000 characters
    reason: String,
}

/// What `POST /api/v1/limit-requests/{id}/{decision}` asks.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DecideBody {
    /// 审批意见 (required to refuse)
    #[serde(default)]
    note: Option<String>,
}

/// `GET /api/v1/limit-requests?state`: the applications the user may see.
#[utoipa::path(
    get,
    path = "/api/v1/limit-requests",
    summary = "审限变更申请 applications to change time limits",
    description = "Newest first: those of the cases in the user's scope, and those the user decides.",
    params(LimitRequestParams),
    responses(
        (status = 200, description = "申请 the applications", body = LimitRequestList),
        (status = 400, description = "参数有误 a parameter is wrong", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn list(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<LimitRequestList>, ApiError> {
    let user = user(&server, &headers).await?;
    let state = choice_param(&params, "state", RequestState::parse)?;
    let reading = Arc::clone(&server);
    let requests = blocking(move || {
        reading.with_store(|app, store| app.limit_requests(store, &user, state, None))
    })
    .await??;
    Ok(Json(LimitRequestList {
        requests: requests.iter().map(LimitRequestBody::of).collect(),
    }))
}

/// `POST /api/v1/cases/{case_no}/limit-requests`: the handling judge applies.
#[utoipa::path(
    post,
    path = "/api/v1/cases/{case_no}/limit-requests",
    summary = "申请审限变更 apply to change a case's time limit",
    description = "The handling judge, before the limit runs out; within the lead time the application is marked late. At most one application of a case awaits a decision.",
    params(("case_no" = String, Path, description = "案号, canonical form")),
    request_body(content = ApplyBody, content_type = "application/json"),
    responses(
        (status = 200, description = "申请 the application", body = LimitRequestBody),
        (status = 400, description = "内容有误，或审限已届满 a field is wrong, or the limit ran out", body = ErrorBody),
        (status = 403, description = "非承办法官 not the handling judge", body = ErrorBody),
        (status = 404, description = "没有此案件，或不在本人范围 no such case within the user's scope", body = ErrorBody),
        (status = 409, description = "已有待审批的申请 an application already awaits a decision", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn apply(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Path(number): Path<String>,
    body: Bytes,
) -> Result<Json<LimitRequestBody>, ApiError> {
    let user = user(&server, &headers).await?;
    let asked: ApplyBody = json(&body)?;
    let change = change_of(
        &asked.kind,
        asked.length.as_deref(),
        asked.ground.as_deref(),
        day_value("from", asked.from.as_deref())?,
        day_value("to", asked.to.as_deref())?,
    )?;
    let writing = Arc::clone(&server);
    let made = blocking(move || {
        writing.with_writer(|app, store| {
            app.apply_for_limit_change(store, &user, &number, change, &asked.reason)
        })
    })
    .await??;
    Ok(Json(LimitRequestBody::of(&made)))
}

/// `POST /api/v1/limit-requests/{id}/{decision}`: the approver approves or refuses.
#[utoipa::path(
    post,
    path = "/api/v1/limit-requests/{id}/{decision}",
    summary = "审批审限变更 decide an application",
    description = "By the approver the law names: a court leader of the case's court for a first extension or an excluded period, of the court above for a further extension and for criminal and administrative cases. An approval adds the change to the case, whose deadline is computed again.",
    params(
        ("id" = i64, Path, description = "申请编号"),
        ("decision" = String, Path, description = "approve | refuse"),
    ),
    request_body(content = DecideBody, content_type = "application/json"),
    responses(
        (status = 200, description = "审批后的申请 the application decided", body = LimitRequestBody),
        (status = 400, description = "不予批准未说明理由 a refusal without its reason", body = ErrorBody),
        (status = 403, description = "非法定审批人 not the approver the law names", body = ErrorBody),
        (status = 404, description = "没有此申请或此审批 no such application or decision", body = ErrorBody),
        (status = 409, description = "已经审批 already decided", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn decide(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Path((id, decision)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<LimitRequestBody>, ApiError> {
    let user = user(&server, &headers).await?;
    let id = item_number(&id, crate::Numbered::Application)?;
    let approve = approves(&decision)?;
    let asked: DecideBody = json_or_default(&body)?;
    let writing = Arc::clone(&server);
    let decided = blocking(move || {
        writing.with_writer(|app, store| {
            app.decide_limit_request(
                store,
                &user,
                id,
                approve,
                asked.note.as_deref().unwrap_or(""),
            )
        })
    })
    .await??;
    Ok(Json(LimitRequestBody::of(&decided)))
}
