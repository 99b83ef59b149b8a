//! 信访 in the JSON API: the petitions a user may see, each with the step it waits for and how
//! urgent it is; one petition with its log and the steps open to the user; registering a
//! petition and taking a step on it. Who sees and does what is the app's to decide
//! (`shenguan_app::petitions`).

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use bytes::Bytes;
use serde::{Deserialize, Serialize};
use shenguan_app::petitions::{ListedPetition, NewPetition, PetitionFile, PetitionFilter};
use utoipa::{IntoParams, ToSchema};

use super::request::{json, json_or_default};
use crate::auth::{blocking, user};
use crate::error::{CommonErrors, ErrorBody};
use crate::{ApiError, Server, day_value, flag_param, item_number, param};

/// A petitioner as the API shows one: the name and the masked number, never the number.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PetitionerBody {
    pub name: String,
    /// 脱敏证件号码 (4301**********109X)
    #[schema(required = true)]
    pub id_masked: Option<String>,
}

/// A petition as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PetitionBody {
    /// The store's number of it
    pub id: i64,
    /// 登记号
    pub register_no: String,
    /// 法院代字 of the court handling it
    pub court: String,
    #[schema(format = Date)]
    pub received_on: String,
    /// 来源 (Chinese)
    pub channel: &'static str,
    pub petitioners: Vec<PetitionerBody>,
    /// 人数
    pub head_count: u32,
    /// 涉及案号
    pub cases: Vec<String>,
    /// 事项类别 (Chinese)
    pub subject: &'static str,
    /// 信访层级 (Chinese)
    pub level: &'static str,
    /// 诉访分离: 诉 | 访
    #[schema(required = true)]
    pub screening: Option<&'static str>,
    /// It repeats an earlier petition of its matter (重复信访)
    pub repeat: bool,
    /// The step it waits for: 受理告知, 办理答复, 复查意见, 复核意见
    #[schema(required = true)]
    pub awaited: Option<&'static str>,
    #[schema(required = true, format = Date)]
    pub due_on: Option<String>,
    /// overdue | 3_days | 7_days
    #[schema(required = true)]
    pub tier: Option<&'static str>,
    #[schema(required = true, format = Date)]
    pub replied_on: Option<String>,
    /// 办理结果 (Chinese)
    #[schema(required = true)]
    pub outcome: Option<&'static str>,
}

impl PetitionBody {
    fn of(listed: &ListedPetition) -> PetitionBody {
        let p = &listed.petition;
        PetitionBody {
            id: listed.id,
            register_no: p.register_no.clone(),
            court: p.court.to_string(),
            received_on: p.received_on.to_string(),
            channel: p.channel.label_zh(),
            petitioners: p
                .petitioners
                .iter()
                .map(|x| PetitionerBody {
                    name: x.name.clone(),
                    id_masked: x.masked.clone(),
                })
                .collect(),
            head_count: p.head_count,
            cases: p.cases.iter().map(ToString::to_string).collect(),
            subject: p.subject.label_zh(),
            level: p.level.label_zh(),
            screening: p.screening.map(|s| s.label_zh()),
            repeat: listed.repeat,
            awaited: listed.due.map(|d| d.awaited.label_zh()),
            due_on: listed.due.map(|d| d.on.to_string()),
            tier: listed.tier.map(|t| t.key()),
            replied_on: p.replied_on.map(|d| d.to_string()),
            outcome: p.outcome.map(|o| o.label_zh()),
        }
    }
}

/// The petitions a list selects, in the order received.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PetitionList {
    pub petitions: Vec<PetitionBody>,
}

/// The query of `GET /api/v1/petitions`.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct PetitionParams {
    /// Received from (YYYY-MM-DD)
    from: Option<String>,
    /// Received to (YYYY-MM-DD)
    to: Option<String>,
    /// Only petitions whose step is late today
    overdue: Option<bool>,
}

/// `GET /api/v1/petitions`: the register as the user may see it.
#[utoipa::path(
    get,
    path = "/api/v1/petitions",
    summary = "信访登记 the petition register",
    description = "In the order received: an office, a court leader or an administrator, the petitions handled by their court and the courts below it; a division head or a judge, those about the cases they may see. Each with the step it waits for and how urgent it is (docs/petitions.md). Identity numbers are never shown, only their masked form.",
    params(PetitionParams),
    responses(
        (status = 200, description = "信访件 the petitions", body = PetitionList),
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
) -> Result<Json<PetitionList>, ApiError> {
    let user = user(&server, &headers).await?;
    let filter = PetitionFilter {
        from: day_value("from", param(&params, "from").as_deref())?,
        to: day_value("to", param(&params, "to").as_deref())?,
        overdue: flag_param(&params, "overdue")?,
    };
    let reading = Arc::clone(&server);
    let listed =
        blocking(move || reading.with_store(|app, store| app.petitions(store, &user, &filter)))
            .await??;
    Ok(Json(PetitionList {
        petitions: listed.iter().map(PetitionBody::of).collect(),
    }))
}

/// One entry of a petition's log: who recorded which step, and when.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct LogEntry {
    pub seq: i64,
    /// The moment recorded
    pub at: String,
    pub by: String,
    /// register, accept, route, extend, reply, rate, ask_review, answer_review, ask_recheck,
    /// answer_recheck, resolve, end, stop
    pub step: String,
    /// What the step recorded, in words
    pub note: String,
}

/// A petition with its log, the other petitions of its matter and the steps the user may take.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PetitionFileBody {
    pub petition: PetitionBody,
    pub log: Vec<LogEntry>,
    /// The other petitions of its matter the user may see
    pub matter: Vec<PetitionBody>,
    /// The steps the user may take now (their keys)
    pub steps: Vec<&'static str>,
}

impl PetitionFileBody {
    fn of(file: &PetitionFile) -> PetitionFileBody {
        PetitionFileBody {
            petition: PetitionBody::of(&file.listed),
            log: file
                .log
                .iter()
                .map(|s| LogEntry {
                    seq: s.seq,
                    at: s.at.clone(),
                    by: s.by_user.clone(),
                    step: s.step.clone(),
                    note: s.note.clone(),
                })
                .collect(),
            matter: file.matter.iter().map(PetitionBody::of).collect(),
            steps: file.steps.iter().map(|k| k.key()).collect(),
        }
    }
}

/// `GET /api/v1/petitions/{id}`: one petition.
#[utoipa::path(
    get,
    path = "/api/v1/petitions/{id}",
    summary = "信访件 one petition",
    description = "With who recorded each step here, the other petitions of its matter and the steps the user may take now.",
    params(("id" = i64, Path, description = "信访件编号")),
    responses(
        (status = 200, description = "信访件 the petition", body = PetitionFileBody),
        (status = 404, description = "没有此信访件，或不在本人范围 no such petition within the user's scope", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn one(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<PetitionFileBody>, ApiError> {
    let user = user(&server, &headers).await?;
    let id = item_number(&id, crate::Numbered::Petition)?;
    let reading = Arc::clone(&server);
    let file =
        blocking(move || reading.with_store(|app, store| app.petition_file(store, &user, id)))
            .await??;
    Ok(Json(PetitionFileBody::of(&file)))
}

/// What `POST /api/v1/petitions` asks: the petition as the register form writes it. Names are
/// the Chinese of the lists (or their English keys).
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct NewPetitionBody {
    /// 法院代字 of the court handling it (default: the user's own)
    #[serde(default)]
    court: Option<String>,
    /// 登记号 (default: the next of the year, 2026信0001)
    #[serde(default)]
    register_no: Option<String>,
    /// 登记日期 (default: today)
    #[serde(default)]
    #[schema(format = Date)]
    received_on: Option<String>,
    /// 来源: 来信, 来访, 网上信访, 12368热线, 上级交办
    channel: String,
    /// 交办单位 (for 上级交办)
    #[serde(default)]
    referrer: Option<String>,
    /// 事项类别: 不服裁判, 执行, 审判作风, 审理期限, 诉讼服务, 其他
    subject: String,
    /// 信访层级: 来院 (default), 赴市, 赴省, 赴京, 赴巡回法庭
    #[serde(default)]
    level: Option<String>,
    /// 第几巡回法庭 (1–6)
    #[serde(default)]
    circuit: Option<u8>,
    /// 越级
    #[serde(default)]
    skipped_levels: bool,
    /// 信访人 names
    petitioners: Vec<String>,
    /// Their identity numbers in the same order (null or empty for none); keyed at once, never
    /// kept or answered
    #[serde(default)]
    id_numbers: Vec<Option<String>>,
    /// 人数 (default: as many as named)
    #[serde(default)]
    head_count: Option<u32>,
    /// 涉及案号
    #[serde(default)]
    cases: Vec<String>,
    #[serde(default)]
    division: Option<String>,
    /// 承办人
    #[serde(default)]
    handler: Option<String>,
}

/// The petition registered.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Registered {
    pub id: i64,
    pub register_no: String,
}

/// A list of the API's as one field of the form: items joined by 、, which no item may hold.
fn joined(field: &str, items: &[String]) -> Result<String, ApiError> {
    if items
        .iter()
        .any(|i| i.contains(shenguan_domain::text::LIST_SEPARATORS))
    {
        return Err(ApiError::from(shenguan_app::AppError::invalid_for(
            field,
            &shenguan_app::text!(
                "每项不能含分隔符（、，,；;）",
                "an item cannot hold a separator (、，,；;)"
            ),
        )));
    }
    Ok(items.join("、"))
}

/// `POST /api/v1/petitions`: registers a petition.
#[utoipa::path(
    post,
    path = "/api/v1/petitions",
    summary = "登记信访 register a petition",
    description = "The office or an administrator, for their court or one below it. Identity numbers are keyed at once and never kept or answered. Audited.",
    request_body(content = NewPetitionBody, content_type = "application/json"),
    responses(
        (status = 200, description = "已登记 the petition registered", body = Registered),
        (status = 400, description = "请求有误 the body is wrong", body = ErrorBody),
        (status = 403, description = "无权登记 the user may not register petitions of that court", body = ErrorBody),
        (status = 409, description = "登记号已存在 the court already holds the register number", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn register(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<Registered>, ApiError> {
    let user = user(&server, &headers).await?;
    let asked: NewPetitionBody = json(&body)?;
    let numbers: Vec<String> = asked
        .id_numbers
        .iter()
        .map(|n| n.clone().unwrap_or_default())
        .collect();
    let new = NewPetition {
        court: asked.court.unwrap_or_default(),
        register_no: asked.register_no.unwrap_or_default(),
        received_on: day_value("received_on", asked.received_on.as_deref())?,
        channel: asked.channel,
        referrer: asked.referrer.unwrap_or_default(),
        subject: asked.subject,
        level: asked.level.unwrap_or_default(),
        circuit: asked.circuit.map(|n| n.to_string()).unwrap_or_default(),
        skipped_levels: asked.skipped_levels,
        petitioners: joined("petitioners", &asked.petitioners)?,
        // An empty number keeps its place between separators.
        id_numbers: if numbers.iter().all(String::is_empty) {
            String::new()
        } else {
            joined("id_numbers", &numbers)?
        },
        head_count: asked.head_count.map(|n| n.to_string()).unwrap_or_default(),
        cases: joined("cases", &asked.cases)?,
        division: asked.division.unwrap_or_default(),
        handler: asked.handler.unwrap_or_default(),
    };
    let writing = Arc::clone(&server);
    let asking = user.clone();
    let (id, register_no) = blocking(move || {
        writing.with_writer(|app, store| {
            let id = app.register_petition(store, &asking, &new)?;
            // The number it was given: one row, not the register.
            let number = app.petition_register_no(store, id)?;
            Ok::<_, shenguan_app::AppError>((id, number))
        })
    })
    .await??;
    Ok(Json(Registered { id, register_no }))
}

/// What `POST /api/v1/petitions/{id}/{step}` asks; each step reads the fields it needs.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct PetitionStepBody {
    /// The day of the step (default: today)
    #[serde(default)]
    #[schema(format = Date)]
    on: Option<String>,
    /// accept: 诉 or 访
    #[serde(default)]
    screening: Option<String>,
    /// accept (for 诉): 上诉, 申请再审, 执行异议, 另行起诉, 申请执行, 其他程序
    #[serde(default)]
    route: Option<String>,
    /// accept, route: the case it became
    #[serde(default)]
    routed_case: Option<String>,
    /// accept, route: why it could not be routed
    #[serde(default)]
    not_routed_reason: Option<String>,
    /// reply: 解决, 解释, 不予支持, 转办
    #[serde(default)]
    outcome: Option<String>,
    /// reply, rate: 满意, 基本满意, 不满意
    #[serde(default)]
    satisfaction: Option<String>,
    /// resolve: how
    #[serde(default)]
    how: Option<String>,
    /// end: who approved it
    #[serde(default)]
    by: Option<String>,
}

impl PetitionStepBody {
    fn field(&self, name: &str) -> String {
        match name {
            "on" => &self.on,
            "screening" => &self.screening,
            "route" => &self.route,
            "routed_case" => &self.routed_case,
            "not_routed_reason" => &self.not_routed_reason,
            "outcome" => &self.outcome,
            "satisfaction" => &self.satisfaction,
            "how" => &self.how,
            "by" => &self.by,
            _ => &None,
        }
        .clone()
        .unwrap_or_default()
    }
}

/// `POST /api/v1/petitions/{id}/{step}`: takes a handling step.
#[utoipa::path(
    post,
    path = "/api/v1/petitions/{id}/{step}",
    summary = "信访办理 take a step",
    description = "The office or an administrator of the court handling it (or one above). accept (`screening`; for 诉 `route`, and `routed_case` or `not_routed_reason` if known), route (`routed_case` or `not_routed_reason`), extend, reply (`outcome`, `satisfaction` optional), rate (`satisfaction`), ask_review, answer_review, ask_recheck, answer_recheck, resolve (`how`), end (`by`), stop; `on` is the day (default today). Allowed only where the petition stands; written only from the state it was read in; audited.",
    params(
        ("id" = i64, Path, description = "信访件编号"),
        ("step" = String, Path, description = "accept, route, extend, reply, rate, ask_review, answer_review, ask_recheck, answer_recheck, resolve, end or stop"),
    ),
    request_body(content = PetitionStepBody, content_type = "application/json"),
    responses(
        (status = 200, description = "办理后的信访件 the petition after the step", body = PetitionFileBody),
        (status = 400, description = "请求有误 the body is wrong", body = ErrorBody),
        (status = 403, description = "无权办理 the user may not handle petitions", body = ErrorBody),
        (status = 404, description = "没有此信访件或环节 no such petition within the user's scope, or no such step", body = ErrorBody),
        (status = 409, description = "此时不能办理，或已被他人处理 the step cannot be taken now, or someone acted first", body = ErrorBody),
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
) -> Result<Json<PetitionFileBody>, ApiError> {
    let user = user(&server, &headers).await?;
    let id = item_number(&id, crate::Numbered::Petition)?;
    let asked: PetitionStepBody = json_or_default(&body)?;
    let writing = Arc::clone(&server);
    let file = blocking(move || {
        writing.with_writer(|app, store| {
            app.petition_step_named(store, &user, id, &step, &|name| asked.field(name))
        })
    })
    .await??;
    Ok(Json(PetitionFileBody::of(&file)))
}
