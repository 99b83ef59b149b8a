//! 案件评查 plans in the JSON API: the plans a user may read, one plan with its cases and its
//! reviewers' loads, a plan made (or only previewed) from the office's rules, the reviewer's
//! worklist, a case flagged for the next 重点 plan, and the year's tally as the speech says it.
//! Who sees and does what is the app's to decide (`shenguan_app::review`); one case's review is
//! `review_case`.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use bytes::Bytes;
use serde::{Deserialize, Serialize};
use shenguan_app::accounts::User;
use shenguan_app::review::{FlagKind, PlanKind, PlanRequest, reason_label};
use shenguan_app::{App, AppError, Store, text};
use shenguan_domain::review::assignment::Separation;
use shenguan_domain::review::selection::Class;
use shenguan_domain::{CaseNumber, CourtCode};
use utoipa::{IntoParams, ToSchema};

use super::request::json;
use crate::auth::{blocking, user};
use crate::error::{CommonErrors, ErrorBody};
use crate::{ApiError, Server, day_value, item_number, param};

/// A plan's class of cases (专项评查).
#[derive(Debug, Default, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReviewClass {
    /// 类型代字 (民初, 民终, 执 …); any when empty
    #[serde(default)]
    pub types: Vec<String>,
    /// Words the 案由 must contain; any when null
    #[serde(default)]
    #[schema(required = true)]
    pub cause: Option<String>,
}

/// A plan as the list shows it: its rules, without its cases.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReviewPlanSummary {
    pub id: i64,
    pub name: String,
    /// key (重点), routine (常规) or thematic (专项)
    pub kind: String,
    /// 重点评查, 常规评查 or 专项评查
    pub kind_zh: &'static str,
    /// 法院代字 whose cases it takes (with the courts below); null: the network
    #[schema(required = true)]
    pub court: Option<String>,
    #[schema(format = Date)]
    pub from: String,
    #[schema(format = Date)]
    pub to: String,
    /// The sample's share, ‰ (routine and thematic plans)
    pub per_mille: u32,
    /// The sample's seed, from which anyone can replay the draw
    pub seed: u64,
    /// court (another court reviews) or division (another division may)
    pub separation: String,
    /// The reviewers see the judge only after submitting
    pub blind: bool,
    /// A thematic plan's class
    #[schema(required = true)]
    pub class: Option<ReviewClass>,
    pub created_by: String,
    pub created_at: String,
}

/// The summary of a stored plan (a macro: the store's row is the app's to name, not the web's).
macro_rules! plan_summary {
    ($plan:expr) => {{
        let plan = $plan;
        ReviewPlanSummary {
            id: plan.id,
            name: plan.name.clone(),
            kind: plan.kind.clone(),
            kind_zh: PlanKind::parse(&plan.kind).map_or("", PlanKind::label_zh),
            court: plan.court.clone(),
            from: plan.from.to_string(),
            to: plan.to.to_string(),
            per_mille: plan.per_mille,
            seed: u64::from_ne_bytes(plan.seed.to_ne_bytes()),
            separation: plan.separation.clone(),
            blind: plan.blind,
            class: plan.class.as_deref().map(|c| {
                let class = Class::read(c);
                ReviewClass {
                    types: class.types,
                    cause: class.cause,
                }
            }),
            created_by: plan.created_by.clone(),
            created_at: plan.created_at.clone(),
        }
    }};
}

/// A case a plan took.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReviewPlanCase {
    pub case_no: String,
    /// reversed, remanded, retrial_ordered, referred, doubt, repeated_petitions, sample, thematic
    pub reason: String,
    /// The same in Chinese (被改判, 随机抽查 …)
    pub reason_zh: String,
    /// The case that reversed, remanded or sent it back (the 重点 rule)
    #[schema(required = true)]
    pub decided_by: Option<String>,
    /// The reviewer's staff number; null: no reviewer of the panel may take it
    #[schema(required = true)]
    pub reviewer: Option<String>,
}

/// A reviewer of the panel and the cases given to them.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReviewerLoad {
    /// 工号
    pub staff_id: String,
    pub cases: usize,
}

/// A plan with its cases and its reviewers' loads.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReviewPlanBody {
    pub plan: ReviewPlanSummary,
    pub reviewers: Vec<ReviewerLoad>,
    pub cases: Vec<ReviewPlanCase>,
    /// Cases no reviewer of the panel may take
    pub unassigned: usize,
}

/// What a plan route does with the app: read one, preview one, make one.
enum Making {
    Read(i64),
    Preview(PlanRequest),
    Create(PlanRequest),
}

/// The plan `making` reads or makes, as the API shows it.
fn planned(
    app: &App,
    store: &mut Store,
    user: &User,
    making: &Making,
) -> Result<ReviewPlanBody, AppError> {
    let plan = match making {
        Making::Read(id) => app.review_plan(store, user, *id)?,
        Making::Preview(request) => app.preview_review_plan(store, user, request)?,
        Making::Create(request) => app.create_review_plan(store, user, request)?,
    };
    let mut loads: BTreeMap<&str, usize> = plan.reviewers.iter().map(|r| (r.as_str(), 0)).collect();
    for case in &plan.cases {
        if let Some(reviewer) = &case.reviewer {
            *loads.entry(reviewer.as_str()).or_default() += 1;
        }
    }
    Ok(ReviewPlanBody {
        reviewers: loads
            .into_iter()
            .map(|(staff_id, cases)| ReviewerLoad {
                staff_id: staff_id.to_string(),
                cases,
            })
            .collect(),
        cases: plan
            .cases
            .iter()
            .map(|c| ReviewPlanCase {
                case_no: c.case_no.clone(),
                reason: c.reason.clone(),
                reason_zh: reason_label(&c.reason).zh().to_string(),
                decided_by: c.decided_by.clone(),
                reviewer: c.reviewer.clone(),
            })
            .collect(),
        unassigned: plan.cases.iter().filter(|c| c.reviewer.is_none()).count(),
        plan: plan_summary!(&plan),
    })
}

/// The plans a list shows, the newest first.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReviewPlanList {
    pub plans: Vec<ReviewPlanSummary>,
}

/// `GET /api/v1/review-plans`: the plans the user may read.
#[utoipa::path(
    get,
    path = "/api/v1/review-plans",
    summary = "评查计划 the review plans",
    description = "The newest first: the plans of the user's court and the courts below it, for the office, a court leader or an administrator; none for anyone else (docs/review.md).",
    responses(
        (status = 200, description = "评查计划 the plans", body = ReviewPlanList),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn list(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
) -> Result<Json<ReviewPlanList>, ApiError> {
    let user = user(&server, &headers).await?;
    let reading = Arc::clone(&server);
    let plans = blocking(move || {
        reading.with_store(|app, store| {
            Ok::<_, AppError>(
                app.review_plans(store, &user)?
                    .iter()
                    .map(|p| plan_summary!(p))
                    .collect::<Vec<_>>(),
            )
        })
    })
    .await??;
    Ok(Json(ReviewPlanList { plans }))
}

/// `GET /api/v1/review-plans/{id}`: one plan.
#[utoipa::path(
    get,
    path = "/api/v1/review-plans/{id}",
    summary = "评查计划 one review plan",
    description = "Its rules and seed, every case it took with why and whom it went to, and each reviewer's load.",
    params(("id" = i64, Path, description = "评查计划编号")),
    responses(
        (status = 200, description = "评查计划 the plan", body = ReviewPlanBody),
        (status = 404, description = "没有此计划，或不在本人范围 no such plan within the user's scope", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn one(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Json<ReviewPlanBody>, ApiError> {
    let user = user(&server, &headers).await?;
    let id = item_number(&id, crate::Numbered::ReviewPlan)?;
    let reading = Arc::clone(&server);
    let plan = blocking(move || {
        reading.with_store(|app, store| planned(app, store, &user, &Making::Read(id)))
    })
    .await??;
    Ok(Json(plan))
}

/// What `POST /api/v1/review-plans` (and its preview) asks: the plan's rules.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReviewPlanRequest {
    /// 计划名称, one line of 1 to 100 characters
    name: String,
    /// key (重点: every case reversed, remanded or sent for retrial, referred, doubted or
    /// repeatedly petitioned), routine (常规: a sample), thematic (专项: a class)
    kind: String,
    /// 法院代字 (default: the user's own court)
    #[serde(default)]
    court: Option<String>,
    /// 期间起
    #[schema(format = Date)]
    from: String,
    /// 期间止
    #[schema(format = Date)]
    to: String,
    /// The sample's share, 1 to 1000 ‰ (routine and thematic plans)
    #[serde(default)]
    per_mille: Option<u32>,
    /// The sample's seed (default: one drawn, and recorded)
    #[serde(default)]
    seed: Option<u64>,
    /// court (default) or division
    #[serde(default)]
    separation: Option<String>,
    /// 评查人员 by staff number (工号), 1 to 500
    reviewers: Vec<String>,
    /// The reviewers see the judge only after submitting
    #[serde(default)]
    blind: bool,
    /// A thematic plan's class
    #[serde(default)]
    class: Option<ReviewClass>,
}

/// The app's request from the API's, each field checked where the app does not.
fn plan_request(asked: ReviewPlanRequest) -> Result<PlanRequest, ApiError> {
    let kind = PlanKind::parse(&asked.kind).ok_or_else(|| {
        AppError::invalid_for(
            "kind",
            &text!(
                "须为 key、routine 或 thematic",
                "must be key, routine or thematic"
            ),
        )
    })?;
    let court = asked
        .court
        .as_deref()
        .filter(|c| !c.trim().is_empty())
        .map(|c| CourtCode::parse(c.trim()).map_err(|e| AppError::invalid_for("court", &e.text())))
        .transpose()?;
    let required = |name: &str, value: &str| {
        day_value(name, Some(value))?.ok_or_else(|| {
            ApiError::from(AppError::invalid_for(
                name,
                &text!("须为日期 YYYY-MM-DD", "a date YYYY-MM-DD is required"),
            ))
        })
    };
    let separation = match asked.separation.as_deref().map(str::trim) {
        None | Some("" | "court") => Separation::Court,
        Some("division") => Separation::Division,
        Some(_) => {
            return Err(ApiError::from(AppError::invalid_for(
                "separation",
                &text!("须为 court 或 division", "must be court or division"),
            )));
        }
    };
    // The app refuses a class on any plan but a thematic one, and a class it cannot keep.
    let class = asked.class.map(class_of).unwrap_or_default();
    Ok(PlanRequest {
        name: asked.name,
        kind,
        court,
        from: required("from", &asked.from)?,
        to: required("to", &asked.to)?,
        per_mille: asked.per_mille.unwrap_or(0),
        seed: asked.seed,
        separation,
        reviewers: asked.reviewers,
        blind: asked.blind,
        class,
    })
}

/// The class the body names (the app checks it: known case types, a cause of one line).
fn class_of(asked: ReviewClass) -> Class {
    Class {
        types: asked.types.iter().map(|t| t.trim().to_string()).collect(),
        cause: asked
            .cause
            .map(|c| c.trim().to_string())
            .filter(|c| !c.is_empty()),
    }
}

/// `POST /api/v1/review-plans`: makes a plan.
#[utoipa::path(
    post,
    path = "/api/v1/review-plans",
    summary = "制定评查计划 make a review plan",
    description = "The office or an administrator, for their court or one below it: the cases the rules take in the period, each given to a reviewer of the panel of another court (or division) who took no part in it, loads kept even (docs/review.md). Written once with its seed; audited (`review.plan`).",
    request_body(content = ReviewPlanRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "评查计划 the plan as written", body = ReviewPlanBody),
        (status = 400, description = "请求有误 the body is wrong (a share out of 1–1000‰, a reviewer off the staff list, too many cases …)", body = ErrorBody),
        (status = 403, description = "无权制定 the user may not make plans for that court", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn create(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<ReviewPlanBody>, ApiError> {
    let user = user(&server, &headers).await?;
    let request = plan_request(json(&body)?)?;
    let writing = Arc::clone(&server);
    let plan = blocking(move || {
        writing.with_writer(|app, store| planned(app, store, &user, &Making::Create(request)))
    })
    .await??;
    Ok(Json(plan))
}

/// `POST /api/v1/review-plans/preview`: the plan the rules would make, not written.
#[utoipa::path(
    post,
    path = "/api/v1/review-plans/preview",
    summary = "预览评查计划 preview a review plan",
    description = "The same body and checks as making one; the plan (its id 0) is answered and nothing is written.",
    request_body(content = ReviewPlanRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "评查计划 the plan it would make", body = ReviewPlanBody),
        (status = 400, description = "请求有误 the body is wrong", body = ErrorBody),
        (status = 403, description = "无权制定 the user may not make plans for that court", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn preview(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<ReviewPlanBody>, ApiError> {
    let user = user(&server, &headers).await?;
    let request = plan_request(json(&body)?)?;
    let reading = Arc::clone(&server);
    let plan = blocking(move || {
        reading.with_store(|app, store| planned(app, store, &user, &Making::Preview(request)))
    })
    .await??;
    Ok(Json(plan))
}

/// A case given to the reviewer.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReviewTask {
    pub plan_id: i64,
    pub plan_name: String,
    /// The judge is held back until the review is submitted
    pub blind: bool,
    pub case_no: String,
    pub reason: String,
    pub reason_zh: String,
    /// When the review was submitted; null: it waits
    #[schema(required = true)]
    pub submitted_at: Option<String>,
}

/// The reviewer's worklist.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReviewTaskList {
    pub tasks: Vec<ReviewTask>,
}

/// `GET /api/v1/reviews/tasks`: the cases given to the user.
#[utoipa::path(
    get,
    path = "/api/v1/reviews/tasks",
    summary = "评查任务 the cases given to me",
    description = "The cases of every plan given to the user's staff number, the newest plan first; none for an account without one.",
    responses(
        (status = 200, description = "评查任务 the worklist", body = ReviewTaskList),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn tasks(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
) -> Result<Json<ReviewTaskList>, ApiError> {
    let user = user(&server, &headers).await?;
    let reading = Arc::clone(&server);
    let tasks = blocking(move || {
        reading.with_store(|app, store| {
            Ok::<_, AppError>(
                app.review_worklist(store, &user)?
                    .into_iter()
                    .map(|t| ReviewTask {
                        reason_zh: reason_label(&t.reason).zh().to_string(),
                        plan_id: t.plan_id,
                        plan_name: t.plan_name,
                        blind: t.blind,
                        case_no: t.case_no,
                        reason: t.reason,
                        submitted_at: t.submitted_at,
                    })
                    .collect::<Vec<_>>(),
            )
        })
    })
    .await??;
    Ok(Json(ReviewTaskList { tasks }))
}

/// What `POST /api/v1/review-flags` asks.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReviewFlagBody {
    /// 案号
    case_no: String,
    /// doubt (存疑) or referred (交办转办)
    kind: String,
    /// Who referred it (for referred)
    #[serde(default)]
    source: Option<String>,
    /// 理由
    reason: String,
}

/// The flag recorded.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReviewFlagged {
    pub id: i64,
    pub case_no: String,
    pub kind: &'static str,
}

/// `POST /api/v1/review-flags`: flags a case for the next 重点 plan.
#[utoipa::path(
    post,
    path = "/api/v1/review-flags",
    summary = "列为重点评查 flag a case for key review",
    description = "存疑 (doubt) by a court leader, the office, an administrator or the head of the case's division; referred from outside (referred) with who referred it. A 重点 plan whose period holds the day takes the case. Audited (`review.flag`).",
    request_body(content = ReviewFlagBody, content_type = "application/json"),
    responses(
        (status = 200, description = "已列入 the flag recorded", body = ReviewFlagged),
        (status = 400, description = "请求有误 the body is wrong", body = ErrorBody),
        (status = 403, description = "无权列入 the user may not flag the case", body = ErrorBody),
        (status = 404, description = "没有此案件 no such case", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn flag(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<ReviewFlagged>, ApiError> {
    let user = user(&server, &headers).await?;
    let asked: ReviewFlagBody = json(&body)?;
    let kind = FlagKind::parse(&asked.kind).ok_or_else(|| {
        AppError::invalid_for(
            "kind",
            &text!("须为 doubt 或 referred", "must be doubt or referred"),
        )
    })?;
    let case_no = canonical_case(&server, &asked.case_no)?;
    let writing = Arc::clone(&server);
    let number = case_no.clone();
    let id = blocking(move || {
        writing.with_writer(|app, store| {
            app.flag_for_review(
                store,
                &user,
                &number,
                kind,
                asked.source.as_deref().unwrap_or(""),
                &asked.reason,
            )
        })
    })
    .await??;
    Ok(Json(ReviewFlagged {
        id,
        case_no,
        kind: kind.key(),
    }))
}

/// A case number as the store keeps it, from the text given (half-width brackets and all).
pub(crate) fn canonical_case(server: &Server, text: &str) -> Result<String, ApiError> {
    let this_year = chrono::Datelike::year(&server.app.today());
    CaseNumber::parse(text, this_year)
        .map(|n| n.to_string())
        .map_err(|e| ApiError::from(AppError::invalid_for("case_no", &e.text())))
}

/// The query of `GET /api/v1/reviews/tally`.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct ReviewTallyParams {
    /// 年度: the 重点 plans whose period ends in it
    #[param(example = "2026")]
    year: i32,
}

/// A year's reviews, counted.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReviewTallyCounts {
    pub reviewed: u32,
    /// 问题案件
    pub problem: u32,
    /// 差错案件
    pub error: u32,
}

/// The year's tally beside the year before, and the speech's sentence.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReviewTally {
    pub year: i32,
    pub this: ReviewTallyCounts,
    pub before: ReviewTallyCounts,
    pub sentence_zh: String,
    pub sentence_en: String,
}

/// The years a tally may be asked for.
const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// `GET /api/v1/reviews/tally?year=…`: the year's review of the cases reversed, remanded or
/// sent for retrial.
#[utoipa::path(
    get,
    path = "/api/v1/reviews/tally",
    summary = "年度评查情况 the year's tally",
    description = "The reviews of the 重点 plans whose period ends in the year, of the cases of the user's courts (a case reviewed twice counts once), by the grades that stand: reviewed, problem cases, error cases, beside the year before, and the speech's sentence (从对2025年度全市法院584件发回重审、改判、指令再审案件评查的情况看…).",
    params(ReviewTallyParams),
    responses(
        (status = 200, description = "年度评查情况 the tally", body = ReviewTally),
        (status = 400, description = "参数有误 the year is wrong", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn tally(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<ReviewTally>, ApiError> {
    let user = user(&server, &headers).await?;
    let given = param(&params, "year").unwrap_or_default();
    let year = given
        .parse::<i32>()
        .ok()
        .filter(|y| YEARS.contains(y))
        .ok_or_else(|| {
            AppError::invalid_for(
                "year",
                &text!(
                    "“{given}”须为2000至2100的年份",
                    "“{given}” must be a year from 2000 to 2100"
                ),
            )
        })?;
    let reading = Arc::clone(&server);
    let body = blocking(move || {
        reading.with_store(|app, store| {
            let (this, before, said) = app.review_sentence(store, &user, year)?;
            let counts = |t: shenguan_domain::review::grading::Tally| ReviewTallyCounts {
                reviewed: t.reviewed,
                problem: t.problem,
                error: t.error,
            };
            Ok::<_, AppError>(ReviewTally {
                year,
                this: counts(this),
                before: counts(before),
                sentence_zh: said.zh().to_string(),
                sentence_en: said.en().to_string(),
            })
        })
    })
    .await??;
    Ok(Json(body))
}
