//! 预测 in the JSON API: for the courts asked (within the reader's scope) and together, the coming
//! 1–6 months' new, closed and pending cases with their 80% bands, the 审限 breaches expected
//! among today's pending cases, and the cases passing 12/18/36 months unless closed — the app's
//! forecast, as `shenguan forecast --format json` and the 预测 page show it (docs/forecast.md).
//! How the query is read (court, with_lower, months) is here once, for the page too; forecasts
//! already made are kept by the server until the data or the day changes.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use serde::Serialize;
use shenguan_app::accounts::User;
use shenguan_app::forecast::{
    Band, CROSSING_MONTHS, CrossingCase, Forecast, MAX_MONTHS, Outlook, parse_months,
};
use shenguan_app::metrics::Asker;
use shenguan_app::{AppError, text};
use shenguan_domain::CourtScope;
use utoipa::{IntoParams, ToSchema};

use super::params::YesOrNo;
use crate::auth::{blocking, user};
use crate::error::{CommonErrors, ErrorBody};
use crate::{ApiError, Server, court_param, param};

/// The longest court code read.
const COURT_CHARS: usize = 32;

/// Simulated futures of a forecast the web makes (the command line's default).
pub(crate) const DRAWS: usize = 1000;

/// What a forecast is asked for: the courts (within the reader's scope) and the months ahead.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Asked {
    pub scope: Option<CourtScope>,
    pub months: usize,
}

/// Reads `court`, `with_lower` and `months` (the page's and the API's alike): a court that is
/// not one, months other than 1–6 are refused; a court outside the reader's scope, or a reader
/// who sees only their own cases, is forbidden; unasked, the court is the reader's own with
/// those below it and the months are six.
pub(crate) fn asked(
    server: &Server,
    reader: &User,
    params: &[(String, String)],
) -> Result<Asked, ApiError> {
    let months = match param(params, "months") {
        Some(text) => parse_months(&text, Asker::Api)?,
        None => MAX_MONTHS,
    };
    // A court code is a few characters: a longer one is refused before it is read, so that the
    // refusal does not carry a hostile request's whole text back.
    if param(params, "court").is_some_and(|c| c.chars().count() > COURT_CHARS) {
        return Err(ApiError::from(AppError::Invalid(text!(
            "court 过长：法院代字不超过{COURT_CHARS}个字符",
            "court is too long: a court code has at most {COURT_CHARS} characters"
        ))));
    }
    let scope = server.app.forecast_scope(reader, court_param(params)?)?;
    Ok(Asked { scope, months })
}

/// The forecast asked for, from the server's kept forecasts when it was made already.
pub(crate) async fn forecast(
    server: &Arc<Server>,
    asked: Asked,
) -> Result<Arc<Forecast>, ApiError> {
    let making = Arc::clone(server);
    let made = blocking(move || making.forecast(asked.scope, asked.months, DRAWS)).await??;
    Ok(made)
}

/// The query of `GET /api/v1/forecast`.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct ForecastParams {
    /// 法院代字: that court alone, or with the courts below it with `with_lower=true` (default:
    /// the user's scope)
    court: Option<String>,
    /// 含下级法院: with `court`, the courts below it too
    #[param(value_type = Option<YesOrNo>, inline)]
    with_lower: Option<String>,
    /// 预测月数: 1 to 6 (default 6)
    #[param(minimum = 1, maximum = 6, example = 6)]
    months: Option<u32>,
}

/// A forecast figure: the middle of the simulated futures, set by the model's past misses, and
/// the 80% band around it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct BandBody {
    /// 10th percentile: in eight futures of ten the figure is above it
    pub low: f64,
    pub median: f64,
    /// 90th percentile
    pub high: f64,
}

impl From<&Band> for BandBody {
    fn from(b: &Band) -> BandBody {
        BandBody {
            low: b.low,
            median: b.median,
            high: b.high,
        }
    }
}

/// Today's pending cases passing an age in a month.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CrossingBody {
    /// 12, 18 or 36
    pub months: u32,
    /// How many pass it this month unless closed before (certain, from the filing dates)
    pub reaching: u64,
    /// Of them, how many the curves expect still pending at the month's end
    pub expected_pending: f64,
}

/// One month ahead.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ForecastMonthBody {
    /// The month's last day (the first month runs from tomorrow)
    #[schema(format = Date)]
    pub month_end: String,
    /// 新收
    pub new: BandBody,
    /// 结案
    pub closed: BandBody,
    /// 未结 at the month's end
    pub pending: BandBody,
    /// 超审限: today's pending cases whose 审限 runs out this month and that will not be closed
    /// by then
    pub breaches: BandBody,
    pub crossing: Vec<CrossingBody>,
}

/// A case certain to pass 12, 18 or 36 months in a coming month unless closed before.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CrossingCaseBody {
    pub case_no: String,
    /// 法院代字
    pub court: String,
    #[schema(format = Date)]
    pub filed_on: String,
    /// 12, 18 or 36
    pub months: u32,
    /// The last day of the month at whose end it is older than `months` months
    #[schema(format = Date)]
    pub month_end: String,
    /// The chance the curves give that it is still pending then (0–1)
    pub still_pending: f64,
}

impl From<&CrossingCase> for CrossingCaseBody {
    fn from(c: &CrossingCase) -> CrossingCaseBody {
        CrossingCaseBody {
            case_no: c.case_no.clone(),
            court: c.court.to_string(),
            filed_on: c.filed.to_string(),
            months: c.months,
            month_end: c.month_end.to_string(),
            still_pending: c.still_pending,
        }
    }
}

/// One court's outlook, or the courts' together.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct OutlookBody {
    /// 法院代字; null for the courts together
    #[schema(required = true)]
    pub court: Option<String>,
    pub name: String,
    /// 未结 today
    pub pending_now: u64,
    /// Of them, already past their 审限 today
    pub overdue_now: u64,
    pub months: Vec<ForecastMonthBody>,
    /// The cases behind the crossings, by month, the longest age first
    pub crossing_cases: Vec<CrossingCaseBody>,
}

impl OutlookBody {
    pub(crate) fn of(server: &Server, outlook: &Outlook) -> OutlookBody {
        let name = match outlook.court {
            Some(code) => server.app.courts().name_of(code),
            None => "合计".to_string(),
        };
        OutlookBody {
            court: outlook.court.map(|c| c.to_string()),
            name,
            pending_now: outlook.pending_now,
            overdue_now: outlook.overdue_now,
            months: outlook
                .months
                .iter()
                .map(|m| ForecastMonthBody {
                    month_end: m.month_end.to_string(),
                    new: (&m.new).into(),
                    closed: (&m.closed).into(),
                    pending: (&m.pending).into(),
                    breaches: (&m.breaches).into(),
                    crossing: m
                        .crossing
                        .iter()
                        .zip(CROSSING_MONTHS)
                        .map(|(c, months)| CrossingBody {
                            months,
                            reaching: c.reaching,
                            expected_pending: c.expected_pending,
                        })
                        .collect(),
                })
                .collect(),
            crossing_cases: outlook.crossing_cases.iter().map(Into::into).collect(),
        }
    }
}

/// A forecast from today.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ForecastBody {
    #[schema(format = Date)]
    pub as_of: String,
    /// Simulated futures
    pub draws: usize,
    /// Each court asked for, by code
    pub courts: Vec<OutlookBody>,
    /// The courts asked for together
    pub total: OutlookBody,
}

/// `GET /api/v1/forecast?court&with_lower&months`.
#[utoipa::path(
    get,
    path = "/api/v1/forecast",
    summary = "预测 new, closed and pending cases, breaches and 12/18/36-month crossings ahead",
    description = "For each court of the scope and together, the coming 1–6 months' new, closed and pending cases, and the 审限 breaches expected among today's pending cases, each as a middle figure and an 80% band (1,000 simulated futures, set by the model's misses from the past twelve months; the backtest of the bands: BENCHMARKS.md), and the pending cases certain to pass 12, 18 or 36 months unless closed. The office, leaders and administrators only (docs/forecast.md).",
    params(ForecastParams),
    responses(
        (status = 200, description = "预测 the forecast", body = ForecastBody),
        (status = 400, description = "参数有误 a parameter is wrong", body = ErrorBody),
        (status = 403, description = "无权查看 a division head or judge, or a court outside the user's scope", body = ErrorBody),
        (status = 404, description = "没有该法院的案件 the data holds no case of the court", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn forecast_route(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<ForecastBody>, ApiError> {
    let reader = user(&server, &headers).await?;
    let asked = asked(&server, &reader, &params)?;
    let made = forecast(&server, asked).await?;
    Ok(Json(ForecastBody {
        as_of: made.today.to_string(),
        draws: made.settings.draws,
        courts: made
            .courts
            .iter()
            .map(|o| OutlookBody::of(&server, o))
            .collect(),
        total: OutlookBody::of(&server, &made.total),
    }))
}
