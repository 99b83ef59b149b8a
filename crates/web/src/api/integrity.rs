//! The signals of gaming (风险信号) in the JSON API: each court's signal with its figures against
//! its peers and its own earlier years, its evidence and the cases to look into — the app's
//! `integrity_signals`, as the 风险信号 page shows them (docs/gaming-signals.md). How the query is
//! read (period, courts, kind, least evidence) is here once, for the page too.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use shenguan_app::accounts::User;
use shenguan_app::integrity::Signals;
use shenguan_domain::integrity::{Evidence, Kind, Signal};
use utoipa::{IntoParams, ToSchema};

use super::quality::asked as period_asked;
use crate::auth::{blocking, user};
use crate::error::{CommonErrors, ErrorBody};
use crate::{ApiError, Server, choice_param, param};

/// What the signals are asked for: the period, the courts (within the reader's scope), one kind
/// or all, and the least evidence shown.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Asked {
    pub period: super::quality::Asked,
    pub kind: Option<Kind>,
    pub evidence: Evidence,
}

fn evidence_of(code: &str) -> Option<Evidence> {
    [Evidence::Weak, Evidence::Moderate, Evidence::Strong]
        .into_iter()
        .find(|e| e.code() == code)
}

/// The first day of the year before `today`'s: a year-end signal needs its whole year, and the
/// last one complete is last year's.
pub(crate) fn default_from(today: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(today.year() - 1, 1, 1).unwrap_or(today)
}

/// Reads `from`, `to`, `court`, `with_lower`, `kind` and `evidence` (the page's and the API's
/// alike): anything unknown is refused, not read as the default.
pub(crate) fn asked(
    server: &Server,
    reader: &User,
    params: &[(String, String)],
) -> Result<Asked, ApiError> {
    let mut params = params.to_vec();
    if param(&params, "from").is_none() {
        params.push(("from".into(), default_from(server.app.today()).to_string()));
    }
    let params = params.as_slice();
    let period = period_asked(server, reader, params)?;
    Ok(Asked {
        period,
        kind: choice_param(params, "kind", Kind::parse)?,
        evidence: choice_param(params, "evidence", evidence_of)?.unwrap_or(Evidence::Weak),
    })
}

/// The signals for the reader (the office, leaders and administrators: anyone else is refused
/// by the app), of the kind and evidence asked.
pub(crate) async fn signals(
    server: &Arc<Server>,
    reader: &User,
    asked: Asked,
) -> Result<Signals, ApiError> {
    let reading = Arc::clone(server);
    let reader = reader.clone();
    let period = asked.period;
    let mut found = blocking(move || {
        reading.with_store(|app, store| {
            app.integrity_signals(store, Some(&reader), period.scope, period.from, period.to)
        })
    })
    .await??;
    found
        .signals
        .retain(|s| asked.kind.is_none_or(|k| k == s.kind) && s.evidence >= asked.evidence);
    Ok(found)
}

/// The query of `GET /api/v1/signals/integrity`.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct SignalsParams {
    /// 起始日期 (YYYY-MM-DD; default: 1 January of last year)
    #[param(format = Date, example = "2025-01-01")]
    from: Option<String>,
    /// 截止日期 (YYYY-MM-DD; default: today)
    #[param(format = Date, example = "2026-06-30")]
    to: Option<String>,
    /// 法院代字: that court alone, or with the courts below it with `with_lower=true` (default:
    /// the user's scope)
    court: Option<String>,
    /// 含下级法院: with `court`, the courts below it too
    #[param(value_type = Option<super::params::YesOrNo>, inline)]
    with_lower: Option<String>,
    /// 信号类别: year_end_rush, month_end_rush, withheld_filings, withdraw_refile,
    /// clock_stopping or zhongben_early (default: every kind)
    kind: Option<String>,
    /// 最低证据: weak, moderate or strong — that level and above (default: weak, every signal)
    evidence: Option<String>,
}

/// A figure of a signal against what it is judged by.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct GamingFigureBody {
    pub name: String,
    pub name_en: String,
    #[schema(required = true)]
    pub value: Option<f64>,
    /// 同级法院比照值 what the peers give (their median, pooled share, or for the clock their shares
    /// on the court's own mix of types and load)
    #[schema(required = true)]
    pub peers: Option<f64>,
    /// 本院往年中位数 the court's own earlier years
    #[schema(required = true)]
    pub own: Option<f64>,
    /// Beyond chance against the peers or the court's own years
    pub unusual: bool,
}

/// A case to look into.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct GamingCaseBody {
    pub case_no: String,
    /// The case that completes the pattern (the refiled case, the restored one)
    #[schema(required = true)]
    pub related: Option<String>,
    pub why: String,
    pub why_en: String,
}

/// One signal of one court.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct GamingSignalBody {
    /// year_end_rush, month_end_rush, withheld_filings, withdraw_refile, clock_stopping or
    /// zhongben_early
    pub kind: &'static str,
    pub kind_name: String,
    pub kind_name_en: String,
    /// 法院代字
    pub court: String,
    /// 承办人: the judge the signal is of, judged against the court's other judges (none for
    /// the court's own signal)
    #[schema(required = true)]
    pub judge: Option<String>,
    /// The year whose end it is of (the year-end signals)
    #[schema(required = true)]
    pub year: Option<i32>,
    /// weak, moderate or strong
    pub evidence: &'static str,
    pub figures: Vec<GamingFigureBody>,
    pub cases: Vec<GamingCaseBody>,
}

impl GamingSignalBody {
    fn of(s: &Signal) -> GamingSignalBody {
        let kind = s.kind.name();
        GamingSignalBody {
            kind: s.kind.code(),
            kind_name: kind.zh().to_string(),
            kind_name_en: kind.en().to_string(),
            court: s.court.to_string(),
            judge: s.judge.clone(),
            year: s.year,
            evidence: s.evidence.code(),
            figures: s
                .figures
                .iter()
                .map(|f| GamingFigureBody {
                    name: f.name.zh().to_string(),
                    name_en: f.name.en().to_string(),
                    value: f.value,
                    peers: f.peers,
                    own: f.own,
                    unusual: f.unusual,
                })
                .collect(),
            cases: s
                .cases
                .iter()
                .map(|c| GamingCaseBody {
                    case_no: c.case_no.clone(),
                    related: c.related.clone(),
                    why: c.why.zh().to_string(),
                    why_en: c.why.en().to_string(),
                })
                .collect(),
        }
    }
}

/// The signals of a period.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct GamingSignalsBody {
    #[schema(format = Date)]
    pub from: String,
    #[schema(format = Date)]
    pub to: String,
    /// Lists to look into, not a ranking
    pub signals: Vec<GamingSignalBody>,
}

/// `GET /api/v1/signals/integrity?from&to&court&with_lower&kind&evidence`.
#[utoipa::path(
    get,
    path = "/api/v1/signals/integrity",
    summary = "风险信号 the signals of gaming by court",
    description = "Each court's signal of gaming in the period (year-end rush, closings bunched before the monthly cut-offs, filings held back, withdraw and refile, stopping the clock by court and by judge, 终本 early, failing its checklist or soon restored): its figures against its peers' norm and its own earlier years, its evidence (weak, moderate, strong) and the cases to look into. Lists to look into, not a ranking. The office, leaders and administrators only (docs/gaming-signals.md).",
    params(SignalsParams),
    responses(
        (status = 200, description = "风险信号 the signals", body = GamingSignalsBody),
        (status = 400, description = "参数有误 a parameter is wrong", body = ErrorBody),
        (status = 403, description = "无权查看 a division head or judge, or a court outside the user's scope", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn signals_route(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<GamingSignalsBody>, ApiError> {
    let reader = user(&server, &headers).await?;
    let asked = asked(&server, &reader, &params)?;
    let found = signals(&server, &reader, asked).await?;
    Ok(Json(GamingSignalsBody {
        from: found.from.to_string(),
        to: found.to.to_string(),
        signals: found.signals.iter().map(GamingSignalBody::of).collect(),
    }))
}
