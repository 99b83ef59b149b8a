//! The enforcement targets in the JSON API: 四个90%、一个80% per court for a period, with each
//! target's counts, value, pass and how many cases short — the figures of the enforcement page.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use serde::Serialize;
use shenguan_app::metrics::targets::{CourtTargets, Standing};
use shenguan_app::metrics::{Asker, parse_request};
use shenguan_app::signals::Signal;
use shenguan_app::{AppError, text};
use utoipa::{IntoParams, ToSchema};

use crate::auth::user;
use crate::error::{CommonErrors, ErrorBody};
use crate::{ApiError, Server, param};

/// The query of `GET /api/v1/enforcement/targets`.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct TargetsParams {
    /// 起始日期 first day (YYYY-MM-DD)
    #[param(format = Date, example = "2026-01-01")]
    from: String,
    /// 截止日期 last day (YYYY-MM-DD)
    #[param(format = Date, example = "2026-06-30")]
    to: String,
    /// 法院代字: that court alone, or with the courts below it with `with_lower=true`
    court: Option<String>,
    /// 含下级法院 (yes / no)
    with_lower: Option<String>,
}

/// One target's standing.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct StandingBody {
    /// property_within_limit_rate, zhongben_compliance_rate, enforcement_petitions_closed_rate,
    /// courts_meeting_share, three_year_enforcement_rate
    pub target: &'static str,
    /// 指标名称
    pub name: &'static str,
    /// 达标线, percent
    pub threshold: f64,
    /// 分子 cases (courts, for the share of courts) on the passing side
    pub met: i64,
    /// 分母
    pub all: i64,
    /// Percent; null without cases or when the target cannot be computed here
    #[schema(required = true)]
    pub value: Option<f64>,
    /// 是否达标; null as for the value
    #[schema(required = true)]
    pub passes: Option<bool>,
    /// 差距: the fewest cases that would have to move to the passing side (0 when it passes)
    #[schema(required = true)]
    pub short: Option<i64>,
    /// The target needs records this data does not hold (执行信访: the petitions register)
    pub unavailable: bool,
}

impl StandingBody {
    fn of(s: &Standing) -> StandingBody {
        StandingBody {
            target: s.target.key(),
            name: s.target.name_zh(),
            threshold: s.threshold,
            met: s.met,
            all: s.all,
            value: s.value,
            passes: s.passes,
            short: s.short,
            unavailable: s.unavailable,
        }
    }
}

/// One court's targets (or the whole scope's, as `total`).
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CourtTargetsBody {
    /// 法院代字 ("" for the total)
    pub court: String,
    /// Targets 1, 2, 3 and 5, in that order
    pub targets: Vec<StandingBody>,
    /// 终本待评查: 终本 closures of the period whose standing is not known (left out of 终本合格率)
    pub zhongben_undetermined: i64,
    /// 是否达标: meets every 90% target it has cases for; null with cases for none
    #[schema(required = true)]
    pub meets: Option<bool>,
}

impl CourtTargetsBody {
    fn of(c: &CourtTargets) -> CourtTargetsBody {
        CourtTargetsBody {
            court: c.court.clone(),
            targets: c.standings().iter().map(|s| StandingBody::of(s)).collect(),
            zhongben_undetermined: c.zhongben_undetermined,
            meets: c.meets,
        }
    }
}

/// 四个90%、一个80% for a period.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TargetsBody {
    #[schema(format = Date)]
    pub from: String,
    #[schema(format = Date)]
    pub to: String,
    /// The courts that do enforcement in the period, within the user's scope
    pub courts: Vec<CourtTargetsBody>,
    /// All those courts together
    pub total: CourtTargetsBody,
    /// The fourth 90%: courts meeting the standard ÷ courts counted
    pub courts_meeting: StandingBody,
    /// The targets a court's standing rests on (target 3 is left out while it cannot be computed)
    pub standard_uses: Vec<&'static str>,
}

/// `GET /api/v1/enforcement/targets?from&to&court&with_lower`.
#[utoipa::path(
    get,
    path = "/api/v1/enforcement/targets",
    summary = "四个90%、一个80% the five enforcement targets by court",
    description = "Per court that does enforcement in the period: cases with property enforced within the limit, terminations of the current procedure that meet the rules, enforcement petitions closed (unavailable without the petitions register) and the three-year disposal rate, each with its threshold, counts, pass and how many cases short; and the share of courts meeting the standard.",
    params(TargetsParams),
    responses(
        (status = 200, description = "五项指标 the targets", body = TargetsBody),
        (status = 400, description = "参数有误 a parameter is wrong", body = ErrorBody),
        (status = 403, description = "超出本人范围 a court outside the user's scope", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn targets(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<TargetsBody>, ApiError> {
    let user = user(&server, &headers).await?;
    // Only the period and the court are this route's to ask; the rest of a metrics request is
    // the targets' own.
    let asked = |name: &str| match name {
        "from" | "to" | "court" | "with_lower" => param(&params, name),
        _ => None,
    };
    let mut request = server
        .app
        .targets_request(parse_request(&asked, Asker::Api)?);
    user.restrict(&mut request.filter)?;
    let (from, to) = (request.from, request.to);
    let figures = server.figures(request).await?;
    let report = server.app.targets(&figures);
    Ok(Json(TargetsBody {
        from: from.to_string(),
        to: to.to_string(),
        courts: report.courts.iter().map(CourtTargetsBody::of).collect(),
        total: CourtTargetsBody::of(&report.total),
        courts_meeting: StandingBody::of(&report.courts_meeting),
        standard_uses: report.standard_uses.iter().map(|t| t.key()).collect(),
    }))
}

/// The query of `GET /api/v1/enforcement/signals`.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct SignalParams {
    /// no_inquiry (未及时网络查控), undisbursed (执行款未及时发放), over_limit (超执行期限未延长),
    /// zhongben (终本不合规), requery (终本后财产查询到期)
    #[param(example = "over_limit")]
    kind: String,
    /// 起始日期 of the 终本 closings looked at (YYYY-MM-DD; default: 1 January)
    #[param(format = Date)]
    from: Option<String>,
    /// 截止日期 (default: today)
    #[param(format = Date)]
    to: Option<String>,
    /// 法院代字
    court: Option<String>,
    /// 含下级法院 (yes / no)
    with_lower: Option<String>,
    /// 承办部门
    division: Option<String>,
    /// 承办人
    judge: Option<String>,
}

/// A case a signal lists.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SignalCaseBody {
    #[serde(flatten)]
    pub case: super::body::Case,
    /// The day the count runs from: filing, the oldest money waiting, the deadline, the 终本 day
    #[schema(format = Date)]
    pub since: String,
    /// Days from `since` to today (终本: from filing to closing; a re-query: past its date,
    /// negative while days are left)
    pub days: i64,
    /// What was found
    pub detail: String,
}

/// The cases one signal of passive enforcement lists, most days first.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct SignalBody {
    pub kind: &'static str,
    #[schema(format = Date)]
    pub as_of: String,
    pub count: usize,
    pub cases: Vec<SignalCaseBody>,
}

/// `GET /api/v1/enforcement/signals?kind&from&to&court&division&judge`.
#[utoipa::path(
    get,
    path = "/api/v1/enforcement/signals",
    summary = "消极执行 signals of passive enforcement",
    description = "Pending enforcement cases without an online inquiry within the configured days of filing; money received and not paid out within the configured days; pending past the limit with no approved extension; closings of the current procedure in the period that fail the checklist. Most days first, within the user's scope.",
    params(SignalParams),
    responses(
        (status = 200, description = "所列案件 the cases", body = SignalBody),
        (status = 400, description = "参数有误 a parameter is wrong", body = ErrorBody),
        (status = 403, description = "超出本人范围 a court, division or judge outside the user's scope", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn signals(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<SignalBody>, ApiError> {
    let user = user(&server, &headers).await?;
    let kind = crate::choice_param(&params, "kind", Signal::parse)?.ok_or_else(|| {
        AppError::invalid_for(
            "kind",
            &text!(
                "须指明 kind：no_inquiry、undisbursed、over_limit、zhongben 或 requery",
                "kind is required: no_inquiry, undisbursed, over_limit, zhongben or requery"
            ),
        )
    })?;
    let today = server.app.today();
    let year_start =
        chrono::NaiveDate::from_ymd_opt(chrono::Datelike::year(&today), 1, 1).unwrap_or(today);
    let from = crate::day_value("from", param(&params, "from").as_deref())?.unwrap_or(year_start);
    let to = crate::day_value("to", param(&params, "to").as_deref())?.unwrap_or(today);
    if to < from {
        return Err(AppError::invalid_for(
            "to",
            &text!("截止日期早于起始日期", "the period ends before it begins"),
        )
        .into());
    }
    let filter = super::list_filter(&params)?;
    let reading = Arc::clone(&server);
    let body = crate::auth::blocking(move || {
        reading.with_store(|app, store| {
            let found = app.enforcement_signal(store, &user, filter, kind, (from, to))?;
            Ok::<_, AppError>(SignalBody {
                kind: kind.key(),
                as_of: today.to_string(),
                count: found.len(),
                cases: found
                    .iter()
                    .map(|c| SignalCaseBody {
                        case: super::body::Case::new(app, &c.case),
                        since: c.since.to_string(),
                        days: c.days,
                        detail: c.detail.zh().to_string(),
                    })
                    .collect(),
            })
        })
    })
    .await??;
    Ok(Json(body))
}
