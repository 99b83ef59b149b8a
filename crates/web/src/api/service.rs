//! 送达 in the JSON API: the queue of service tasks (filtered as the page filters it), opening a
//! task, a case's service (its tasks with every attempt and the address confirmations that serve
//! it), recording an attempt (an announcement answers the excluded period it wrote into the case
//! and the deadline before and after), settling a waiting attempt, handing tasks to an account,
//! and recording an address confirmation. Bodies are read as the forms are
//! (`crate::service_form`); who may do what is the app's to decide (`shenguan_app::service`).

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use bytes::Bytes;
use serde::{Deserialize, Serialize};
use shenguan_app::service::{AttemptView, CaseService, RecordedAttempt, ServiceTask};
use shenguan_app::{AppError, text};
use shenguan_domain::CaseNumber;
use shenguan_domain::service::consent::Validity;
use utoipa::{IntoParams, ToSchema};

use super::params::YesOrNo;
use super::request::json;
use crate::auth::{blocking, user};
use crate::error::{CommonErrors, ErrorBody};
use crate::service_form::{
    new_attempt, new_confirmation, new_task, queue_query, settled, task_ids,
};
use crate::{ApiError, Numbered, Server, item_number, param};

/// A validity's key: valid, no_consent, out_of_scope, decision_before_2022.
fn validity_key(validity: Validity) -> &'static str {
    match validity {
        Validity::Valid => "valid",
        Validity::NoConsent => "no_consent",
        Validity::OutOfScope => "out_of_scope",
        Validity::DecisionBefore2022 => "decision_before_2022",
    }
}

/// One attempt at serving a task.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct AttemptBody {
    /// 1 for the task's first attempt
    pub seq: u32,
    /// direct | left | electronic | post | entrusted | forwarded | notice
    pub method: &'static str,
    /// 送达方式 in Chinese
    pub method_zh: &'static str,
    /// The day it was made (an announcement: published)
    #[schema(format = Date)]
    pub attempted_on: String,
    /// served | failed | waiting
    pub outcome: &'static str,
    /// The day it took effect (an announcement: the day the law deems it served)
    #[schema(required = true, format = Date)]
    pub served_on: Option<String>,
    /// refused | no_such_person | address_unknown | nobody_to_sign | moved | returned |
    /// not_received | other
    #[schema(required = true)]
    pub failure: Option<&'static str>,
    /// receipt | postal_receipt | electronic_receipt | recording | notice_record
    #[schema(required = true)]
    pub proof: Option<&'static str>,
    /// 邮件号 of a mailed attempt
    #[schema(required = true)]
    pub tracking_no: Option<String>,
    /// 受托法院 of an entrusted attempt
    #[schema(required = true)]
    pub entrusted_court: Option<String>,
    /// The day the entrusted court's service falls due
    #[schema(required = true, format = Date)]
    pub entrusted_due: Option<String>,
    /// The entrusted court is late: still waiting after its due day, or served after it
    pub entrusted_late: bool,
    /// For an electronic attempt, whether it counts: valid | no_consent | out_of_scope |
    /// decision_before_2022 (null for other methods)
    #[schema(required = true)]
    pub validity: Option<&'static str>,
    /// Who recorded it, and when
    pub by: String,
    pub recorded_at: String,
}

impl AttemptBody {
    fn of(a: &AttemptView) -> AttemptBody {
        let at = &a.attempt;
        AttemptBody {
            seq: at.seq,
            method: at.method.key(),
            method_zh: at.method.label_zh(),
            attempted_on: at.attempted_on.to_string(),
            outcome: at.outcome.key(),
            served_on: at.served_on.map(|d| d.to_string()),
            failure: at.failure.map(|f| f.key()),
            proof: at.proof.map(|p| p.key()),
            tracking_no: a.tracking_no.clone(),
            entrusted_court: a.entrusted_court.clone(),
            entrusted_due: a.entrusted_due.map(|d| d.to_string()),
            entrusted_late: a.entrusted_late,
            validity: a.validity.map(validity_key),
            by: a.by_user.clone(),
            recorded_at: a.recorded_at.clone(),
        }
    }
}

/// A service task: one document to one recipient of a case, with its attempts and where it
/// stands today.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TaskBody {
    pub id: i64,
    pub case_no: String,
    /// 法院代字
    pub court: String,
    #[schema(required = true)]
    pub division: Option<String>,
    /// 送达文书
    pub document: String,
    /// 受送达人
    pub recipient: String,
    /// party | agent | other
    pub recipient_kind: &'static str,
    #[schema(required = true)]
    pub address: Option<String>,
    /// The recipient has no domicile in China
    pub foreign: bool,
    #[schema(format = Date)]
    pub created_on: String,
    pub created_by: String,
    #[schema(required = true)]
    pub assigned_to: Option<String>,
    #[schema(required = true, format = Date)]
    pub assigned_on: Option<String>,
    pub attempts: Vec<AttemptBody>,
    /// The day it was served (null: not yet)
    #[schema(required = true, format = Date)]
    pub served_on: Option<String>,
    /// The method that served it
    #[schema(required = true)]
    pub served_by: Option<&'static str>,
    /// Served by the first attempt made
    pub first_attempt: bool,
    /// One of its attempts was an announcement (公告)
    pub notice: bool,
    /// An electronic service recorded as served that does not count, and why
    #[schema(required = true)]
    pub set_aside: Option<&'static str>,
    /// Days since it was created, until served (or until today)
    pub days: i64,
    /// Unserved past the days allowed, or an entrusted court late
    pub overdue: bool,
}

impl TaskBody {
    fn of(task: &ServiceTask) -> TaskBody {
        TaskBody {
            id: task.id,
            case_no: task.case_no.clone(),
            court: task.court.clone(),
            division: task.division.clone(),
            document: task.document.clone(),
            recipient: task.recipient.clone(),
            recipient_kind: task.recipient_kind.key(),
            address: task.address.clone(),
            foreign: task.foreign,
            created_on: task.created_on.to_string(),
            created_by: task.created_by.clone(),
            assigned_to: task.assigned_to.clone(),
            assigned_on: task.assigned_on.map(|d| d.to_string()),
            attempts: task.attempts.iter().map(AttemptBody::of).collect(),
            served_on: task.outcome.served_on.map(|d| d.to_string()),
            served_by: task.outcome.served_by.map(|m| m.key()),
            first_attempt: task.outcome.first_attempt,
            notice: task.outcome.notice,
            set_aside: task.outcome.set_aside.map(validity_key),
            days: task.days,
            overdue: task.overdue,
        }
    }
}

/// The queue: the tasks the user may work, oldest first.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct QueueBody {
    pub tasks: Vec<TaskBody>,
    /// More tasks matched than the 2,000 listed
    pub more: bool,
}

/// The query of `GET /api/v1/service/tasks`.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct QueueParams {
    /// 承办部门
    division: Option<String>,
    /// Only the tasks assigned to the user
    #[param(value_type = Option<YesOrNo>, inline)]
    mine: Option<String>,
    /// Only the tasks assigned to this account (mine wins)
    assigned_to: Option<String>,
    /// Only the tasks not yet served
    #[param(value_type = Option<YesOrNo>, inline)]
    open: Option<String>,
    /// Only the overdue tasks
    #[param(value_type = Option<YesOrNo>, inline)]
    overdue: Option<String>,
    /// Created on or after (YYYY-MM-DD)
    #[param(format = Date)]
    from: Option<String>,
    /// Created on or before (YYYY-MM-DD)
    #[param(format = Date)]
    to: Option<String>,
}

/// `GET /api/v1/service/tasks`: the queue.
#[utoipa::path(
    get,
    path = "/api/v1/service/tasks",
    summary = "送达任务 the queue of service tasks",
    description = "The tasks of the cases the user may see, and those assigned to them, oldest first, at most 2,000 (`more` says whether more matched). Each with its attempts and where it stands today: served or not, the days it has taken, overdue (unserved past `[service] overdue_days`, or an entrusted court late), an electronic service set aside for want of consent. An administrator manages accounts and is refused.",
    params(QueueParams),
    responses(
        (status = 200, description = "送达任务 the tasks", body = QueueBody),
        (status = 400, description = "参数有误 a parameter is wrong", body = ErrorBody),
        (status = 403, description = "系统管理员不办理送达 an administrator does not serve documents", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn queue(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<QueueBody>, ApiError> {
    let user = user(&server, &headers).await?;
    let query = queue_query(&|name| param(&params, name), &user.name)?;
    let reading = Arc::clone(&server);
    let (tasks, more) =
        blocking(move || reading.with_store(|app, store| app.service_queue(store, &user, &query)))
            .await??;
    Ok(Json(QueueBody {
        tasks: tasks.iter().map(TaskBody::of).collect(),
        more,
    }))
}

/// What `POST /api/v1/service/tasks` asks. Names are the Chinese of the lists or their English
/// keys.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewTaskBody {
    /// 案号
    case_no: String,
    /// 送达文书: 起诉状副本, 应诉通知书, 传票, 民事判决书 …
    document: String,
    /// 受送达人
    recipient: String,
    /// 当事人 (party, default) | 诉讼代理人 (agent) | 其他诉讼参与人 (other)
    #[serde(default)]
    recipient_kind: Option<String>,
    /// The recipient's identity number: keyed at once, never kept or answered
    #[serde(default)]
    identity_number: Option<String>,
    /// 送达地址
    #[serde(default)]
    address: Option<String>,
    /// The recipient has no domicile in China (a longer announcement period)
    #[serde(default)]
    foreign: bool,
    /// The day it was created (default: today)
    #[serde(default)]
    #[schema(format = Date)]
    created_on: Option<String>,
}

impl NewTaskBody {
    fn field(&self, name: &str) -> Option<String> {
        let value = match name {
            "document" => Some(self.document.clone()),
            "recipient" => Some(self.recipient.clone()),
            "recipient_kind" => self.recipient_kind.clone(),
            "identity_number" => self.identity_number.clone(),
            "address" => self.address.clone(),
            "foreign" => Some(self.foreign.to_string()),
            "created_on" => self.created_on.clone(),
            _ => None,
        };
        trimmed(value)
    }
}

/// A body's value as a form's: trimmed, empty as none.
fn trimmed(value: Option<String>) -> Option<String> {
    value
        .map(|v| v.trim().to_string())
        .filter(|v| !v.is_empty())
}

/// The task opened.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct OpenedBody {
    pub task: TaskBody,
}

/// The case number of a path or a body in the store's form, or why not.
fn case_number(server: &Server, name: &str, text: &str) -> Result<String, ApiError> {
    let this_year = chrono::Datelike::year(&server.app.today());
    CaseNumber::parse(text, this_year)
        .map(|n| n.to_string())
        .map_err(|e| ApiError::from(AppError::invalid_for(name, &e.text())))
}

/// Task `id` of the case `service` shows.
fn task_in(service: &CaseService, id: i64) -> Result<&ServiceTask, AppError> {
    service.tasks.iter().find(|t| t.id == id).ok_or_else(|| {
        AppError::NotFound(text!("没有送达任务{id}", "there is no service task {id}"))
    })
}

/// `POST /api/v1/service/tasks`: opens a task.
#[utoipa::path(
    post,
    path = "/api/v1/service/tasks",
    summary = "新建送达任务 open a service task",
    description = "On a case the user may see (an administrator may not): one document to one recipient. The same document to the same recipient on the same day is opened once. Audited (`service.task`).",
    request_body(content = NewTaskBody, content_type = "application/json"),
    responses(
        (status = 200, description = "送达任务 the task opened", body = OpenedBody),
        (status = 400, description = "请求有误 the body is wrong", body = ErrorBody),
        (status = 403, description = "系统管理员不办理送达 an administrator does not serve documents", body = ErrorBody),
        (status = 404, description = "没有此案件，或不在本人范围 no such case within the user's scope", body = ErrorBody),
        (status = 409, description = "已有同日的相同任务 the same task was opened that day", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn open(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<OpenedBody>, ApiError> {
    let user = user(&server, &headers).await?;
    let asked: NewTaskBody = json(&body)?;
    let number = case_number(&server, "case_no", &asked.case_no)?;
    let task = new_task(&number, &|name| asked.field(name))?;
    let writing = Arc::clone(&server);
    let opened = blocking(move || {
        writing.with_writer(|app, store| {
            let id = app.open_service_task(store, &user, &task)?;
            let service = app.case_service(store, &user, &number)?;
            Ok::<_, AppError>(TaskBody::of(task_in(&service, id)?))
        })
    })
    .await??;
    Ok(Json(OpenedBody { task: opened }))
}

/// An address confirmation that serves a case.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ConfirmationBody {
    /// The case it was signed in
    pub case_no: String,
    /// Signed in an earlier case of the dispute (first instance → appeal → enforcement)
    pub carried: bool,
    pub party: String,
    #[schema(format = Date)]
    pub signed_on: String,
    /// 确认的送达地址
    #[schema(required = true)]
    pub address: Option<String>,
    /// The consent to electronic service: all | not_decisions (null: none given)
    #[schema(required = true)]
    pub electronic: Option<String>,
    /// 电子送达地址
    #[schema(required = true)]
    pub channel: Option<String>,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// A case's service.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CaseServiceBody {
    pub case_no: String,
    pub tasks: Vec<TaskBody>,
    /// The confirmations that serve it, its own and those of the earlier stages, by the day
    /// signed
    pub confirmations: Vec<ConfirmationBody>,
}

impl CaseServiceBody {
    fn of(service: &CaseService) -> CaseServiceBody {
        CaseServiceBody {
            case_no: service.case_no.clone(),
            tasks: service.tasks.iter().map(TaskBody::of).collect(),
            confirmations: service
                .confirmations
                .iter()
                .map(|c| ConfirmationBody {
                    case_no: c.case_no.clone(),
                    carried: c.case_no != service.case_no,
                    party: c.party.clone(),
                    signed_on: c.signed_on.to_string(),
                    address: c.address.clone(),
                    electronic: c.electronic.clone(),
                    channel: c.channel.clone(),
                    recorded_by: c.recorded_by.clone(),
                    recorded_at: c.recorded_at.clone(),
                })
                .collect(),
        }
    }
}

/// `GET /api/v1/cases/{case_no}/service`: a case's service.
#[utoipa::path(
    get,
    path = "/api/v1/cases/{case_no}/service",
    summary = "案件送达 a case's service",
    description = "The case's tasks with every attempt, and the address confirmations that serve it (its own and those carried from the earlier stages of the dispute). A case outside the user's scope is not found; an administrator is refused.",
    params(("case_no" = String, Path, description = "案号, e.g. （2026）湘1402民初1号 (half-width brackets are read too)")),
    responses(
        (status = 200, description = "案件送达 the case's service", body = CaseServiceBody),
        (status = 400, description = "不是案号 not a case number", body = ErrorBody),
        (status = 403, description = "系统管理员不办理送达 an administrator does not serve documents", body = ErrorBody),
        (status = 404, description = "没有此案件 no such case within the user's scope", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn case_service(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Path(text): Path<String>,
) -> Result<Json<CaseServiceBody>, ApiError> {
    let user = user(&server, &headers).await?;
    refuse_admin(&user)?;
    let number = case_number(&server, "case_no", &text)?;
    let reading = Arc::clone(&server);
    let service =
        blocking(move || reading.with_store(|app, store| app.case_service(store, &user, &number)))
            .await??;
    Ok(Json(CaseServiceBody::of(&service)))
}

/// An administrator manages accounts, not service (the app refuses them the queue and every
/// writing step; a case's service is refused here alike).
fn refuse_admin(user: &shenguan_app::accounts::User) -> Result<(), ApiError> {
    if user.role == shenguan_app::accounts::Role::Admin {
        return Err(ApiError::from(AppError::Forbidden(text!(
            "系统管理员管理账号，不办理送达",
            "an administrator manages accounts and does not serve documents"
        ))));
    }
    Ok(())
}

/// What `POST /api/v1/service/tasks/{id}/attempts` asks.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewAttemptBody {
    /// 送达方式: 直接送达 (direct), 留置送达 (left), 电子送达 (electronic), 邮寄送达 (post),
    /// 委托送达 (entrusted), 转交送达 (forwarded), 公告送达 (notice)
    method: String,
    /// The day it was made (an announcement: the day published)
    #[schema(format = Date)]
    attempted_on: String,
    /// 已送达 (served), 未送达 (failed), 送达中 (waiting); an announcement's is the law's
    #[serde(default)]
    outcome: Option<String>,
    /// The day served (an announcement's is the law's: another day is refused)
    #[serde(default)]
    #[schema(format = Date)]
    served_on: Option<String>,
    /// 未送达原因: 拒收, 查无此人, 地址不详, 无人签收, 迁移新址不明, 退回, 未接收, 其他
    #[serde(default)]
    failure: Option<String>,
    /// 送达凭证: 送达回证, 邮件回执, 电子送达回执, 留置影像, 公告凭证
    #[serde(default)]
    proof: Option<String>,
    /// 邮件号 (required for post)
    #[serde(default)]
    tracking_no: Option<String>,
    /// 受托法院 (required for entrusted)
    #[serde(default)]
    entrusted_court: Option<String>,
}

impl NewAttemptBody {
    fn field(&self, name: &str) -> Option<String> {
        let value = match name {
            "method" => Some(self.method.clone()),
            "attempted_on" => Some(self.attempted_on.clone()),
            "outcome" => self.outcome.clone(),
            "served_on" => self.served_on.clone(),
            "failure" => self.failure.clone(),
            "proof" => self.proof.clone(),
            "tracking_no" => self.tracking_no.clone(),
            "entrusted_court" => self.entrusted_court.clone(),
            _ => None,
        };
        trimmed(value)
    }
}

/// An excluded period an announcement wrote into its case.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ExclusionBody {
    /// 公告
    pub ground: &'static str,
    #[schema(required = true, format = Date)]
    pub from: Option<String>,
    #[schema(required = true, format = Date)]
    pub to: Option<String>,
    pub days: u32,
}

/// What recording an attempt did.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct RecordedBody {
    pub seq: i64,
    /// An announcement's excluded period written into the case (null: none, or none new)
    #[schema(required = true)]
    pub exclusion: Option<ExclusionBody>,
    /// The case's deadline before and after the attempt
    #[schema(required = true, format = Date)]
    pub deadline_before: Option<String>,
    #[schema(required = true, format = Date)]
    pub deadline_after: Option<String>,
    /// An electronic service that does not count: no_consent | out_of_scope |
    /// decision_before_2022 (null: it counts, or another method)
    #[schema(required = true)]
    pub validity: Option<&'static str>,
    /// Why it does not count, in the language of the request's Accept-Language
    #[schema(required = true)]
    pub validity_note: Option<String>,
}

/// `POST /api/v1/service/tasks/{id}/attempts`: records an attempt.
#[utoipa::path(
    post,
    path = "/api/v1/service/tasks/{id}/attempts",
    summary = "登记送达 record an attempt",
    description = "By whoever may see the task's case, or the one it is assigned to. Checked against the law: an announcement is deemed served when its period has run (30 days since 2022, 60 before; 60 days foreign-related since 2024, 3 months before) and in a civil or administrative case writes that period into the case as excluded from the time limit, answering the deadline before and after; a mailed attempt needs its tracking number, an entrusted one its court; an electronic one without a consent on record is recorded and flagged as not counting. A served task takes no more attempts. Audited (`service.attempt`).",
    params(("id" = i64, Path, description = "送达任务编号")),
    request_body(content = NewAttemptBody, content_type = "application/json"),
    responses(
        (status = 200, description = "已登记 the attempt recorded", body = RecordedBody),
        (status = 400, description = "请求有误 the body is wrong, or the attempt disagrees with the law", body = ErrorBody),
        (status = 403, description = "系统管理员不办理送达 an administrator does not serve documents", body = ErrorBody),
        (status = 404, description = "没有此任务，或不在本人范围 no such task within the user's scope", body = ErrorBody),
        (status = 409, description = "任务已送达 the task is served", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn attempt(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    body: Bytes,
) -> Result<Json<RecordedBody>, ApiError> {
    let lang = crate::error::accept_language(&headers);
    let user = user(&server, &headers).await?;
    let id = item_number(&id, Numbered::ServiceTask)?;
    let asked: NewAttemptBody = json(&body)?;
    let attempt = new_attempt(&|name| asked.field(name))?;
    let writing = Arc::clone(&server);
    let recorded: RecordedAttempt = blocking(move || {
        writing.with_writer(|app, store| app.record_service_attempt(store, &user, id, &attempt))
    })
    .await??;
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string());
    Ok(Json(RecordedBody {
        seq: recorded.seq,
        exclusion: recorded.exclusion.as_ref().map(|e| ExclusionBody {
            ground: e.ground.label_zh(),
            from: day(e.from),
            to: day(e.to()),
            days: e.days,
        }),
        deadline_before: day(recorded.deadline_before),
        deadline_after: day(recorded.deadline_after),
        validity: recorded.validity.map(validity_key),
        validity_note: recorded.validity.map(|v| v.text().get(lang).to_string()),
    }))
}

/// What `POST /api/v1/service/tasks/{id}/attempts/{seq}/result` asks.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ResultBody {
    /// 已送达 (served) or 未送达 (failed)
    outcome: String,
    /// The day served
    #[serde(default)]
    #[schema(format = Date)]
    served_on: Option<String>,
    /// 未送达原因 of a failed attempt
    #[serde(default)]
    failure: Option<String>,
    /// 送达凭证
    #[serde(default)]
    proof: Option<String>,
}

impl ResultBody {
    fn field(&self, name: &str) -> Option<String> {
        let value = match name {
            "outcome" => Some(self.outcome.clone()),
            "served_on" => self.served_on.clone(),
            "failure" => self.failure.clone(),
            "proof" => self.proof.clone(),
            _ => None,
        };
        trimmed(value)
    }
}

/// The attempt settled.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SettledBody {
    pub id: i64,
    pub seq: i64,
    /// served | failed
    pub outcome: &'static str,
}

/// `POST /api/v1/service/tasks/{id}/attempts/{seq}/result`: settles a waiting attempt.
#[utoipa::path(
    post,
    path = "/api/v1/service/tasks/{id}/attempts/{seq}/result",
    summary = "登记送达结果 settle a waiting attempt",
    description = "A mailed or entrusted attempt still waiting takes its result once: served on a day (not before it was made, not after today) or failed with its reason. Audited (`service.settle`).",
    params(
        ("id" = i64, Path, description = "送达任务编号"),
        ("seq" = i64, Path, description = "第几次送达"),
    ),
    request_body(content = ResultBody, content_type = "application/json"),
    responses(
        (status = 200, description = "已登记结果 the result recorded", body = SettledBody),
        (status = 400, description = "请求有误 the body is wrong", body = ErrorBody),
        (status = 403, description = "系统管理员不办理送达 an administrator does not serve documents", body = ErrorBody),
        (status = 404, description = "没有此任务或此次送达 no such task within the user's scope, or no such attempt", body = ErrorBody),
        (status = 409, description = "已有结果 the attempt has its result", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn settle(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Path((id, seq)): Path<(String, String)>,
    body: Bytes,
) -> Result<Json<SettledBody>, ApiError> {
    let user = user(&server, &headers).await?;
    let id = item_number(&id, Numbered::ServiceTask)?;
    let seq = item_number(&seq, Numbered::ServiceAttempt)?;
    let asked: ResultBody = json(&body)?;
    let (outcome, result) = settled(&|name| asked.field(name))?;
    let writing = Arc::clone(&server);
    blocking(move || {
        writing.with_writer(|app, store| {
            let settlement = shenguan_app::service::Settlement {
                outcome,
                served_on: result.served_on,
                failure: result.failure,
                proof: result.proof,
            };
            app.settle_service_attempt(store, &user, id, seq, &settlement)
        })
    })
    .await??;
    Ok(Json(SettledBody {
        id,
        seq,
        outcome: outcome.key(),
    }))
}

/// What `POST /api/v1/service/assignments` asks.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AssignBody {
    /// The tasks' numbers (1 to 2,000)
    tasks: Vec<i64>,
    /// The account they go to
    to: String,
}

/// How many tasks were handed over.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct AssignedBody {
    pub assigned: u64,
    pub to: String,
}

/// `POST /api/v1/service/assignments`: hands tasks to an account.
#[utoipa::path(
    post,
    path = "/api/v1/service/assignments",
    summary = "分派送达任务 hand tasks to an account",
    description = "The office, a court leader or a division head, for tasks of the cases they see, to an account in use of the cases' court (service staff): it then finds them in its queue (`mine=true`) and records their attempts. Audited (`service.assign`).",
    request_body(content = AssignBody, content_type = "application/json"),
    responses(
        (status = 200, description = "已分派 the tasks handed over", body = AssignedBody),
        (status = 400, description = "请求有误 the body is wrong, or the account is not of the cases' court", body = ErrorBody),
        (status = 403, description = "无权分派 the user does not assign tasks", body = ErrorBody),
        (status = 404, description = "没有此任务，或不在本人范围 a task not within the user's scope", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn assign(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<AssignedBody>, ApiError> {
    let user = user(&server, &headers).await?;
    let asked: AssignBody = json(&body)?;
    let listed: Vec<String> = asked.tasks.iter().map(i64::to_string).collect();
    let ids = task_ids(&listed)?;
    let to = asked.to.trim().to_string();
    let writing = Arc::clone(&server);
    let name = to.clone();
    let assigned = blocking(move || {
        writing.with_writer(|app, store| app.assign_service_tasks(store, &user, &ids, &name))
    })
    .await??;
    Ok(Json(AssignedBody { assigned, to }))
}

/// What `POST /api/v1/service/confirmations` asks.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewConfirmationBody {
    /// 案号 of the case it was signed in
    case_no: String,
    /// 当事人
    party: String,
    /// The party's identity number: keyed at once, never kept or answered
    #[serde(default)]
    identity_number: Option<String>,
    /// 签署日期
    #[schema(format = Date)]
    signed_on: String,
    /// 确认的送达地址
    #[serde(default)]
    address: Option<String>,
    /// 同意电子送达: 全部诉讼文书 (all) | 不含裁判文书 (not_decisions); none: not given
    #[serde(default)]
    electronic: Option<String>,
    /// 电子送达地址: a mobile number, an e-mail address, the platform
    #[serde(default)]
    channel: Option<String>,
}

impl NewConfirmationBody {
    fn field(&self, name: &str) -> Option<String> {
        let value = match name {
            "party" => Some(self.party.clone()),
            "identity_number" => self.identity_number.clone(),
            "signed_on" => Some(self.signed_on.clone()),
            "address" => self.address.clone(),
            "electronic" => self.electronic.clone(),
            "channel" => self.channel.clone(),
            _ => None,
        };
        trimmed(value)
    }
}

/// Whether the confirmation was new.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ConfirmedBody {
    /// false: the same confirmation was on record already
    pub recorded: bool,
}

/// `POST /api/v1/service/confirmations`: records an address confirmation.
#[utoipa::path(
    post,
    path = "/api/v1/service/confirmations",
    summary = "登记送达地址确认书 record an address confirmation",
    description = "On a case the user may see: the address a party confirmed and their consent to electronic service with its scope, which serve the later stages of the dispute too. Audited (`service.confirmation`) when new.",
    request_body(content = NewConfirmationBody, content_type = "application/json"),
    responses(
        (status = 200, description = "已登记 recorded, or on record already", body = ConfirmedBody),
        (status = 400, description = "请求有误 the body is wrong", body = ErrorBody),
        (status = 403, description = "系统管理员不办理送达 an administrator does not serve documents", body = ErrorBody),
        (status = 404, description = "没有此案件，或不在本人范围 no such case within the user's scope", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn confirm(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<ConfirmedBody>, ApiError> {
    let user = user(&server, &headers).await?;
    let asked: NewConfirmationBody = json(&body)?;
    let number = case_number(&server, "case_no", &asked.case_no)?;
    let confirmation = new_confirmation(&number, &|name| asked.field(name))?;
    let writing = Arc::clone(&server);
    let recorded = blocking(move || {
        writing.with_writer(|app, store| app.record_confirmation(store, &user, &confirmation))
    })
    .await??;
    Ok(Json(ConfirmedBody { recorded }))
}
