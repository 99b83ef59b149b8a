//! The data-quality scorecard (数据质量) in the JSON API: per court of the reader's scope, the
//! cases filed in a period that were checked, the share clean, that share month by month, and
//! every rule with its definition, count and first cases — the app's `quality_scorecard`, as the
//! 数据质量 page and `shenguan check --format json` show it. How the query is read (period and
//! court, held to the reader's scope) is here once, for the page too.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use chrono::NaiveDate;
use serde::Serialize;
use shenguan_app::accounts::User;
use shenguan_app::metrics::Filter;
use shenguan_app::quality::{CourtCard, Scorecard, year_start};
use shenguan_app::{AppError, text};
use shenguan_domain::CourtScope;
use shenguan_domain::quality::Kind;
use utoipa::{IntoParams, ToSchema};

use super::params::YesOrNo;
use crate::auth::{blocking, user};
use crate::error::{CommonErrors, ErrorBody};
use crate::{ApiError, Server, court_param, day_value, param};

/// The query of `GET /api/v1/quality/scorecard`.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct ScorecardParams {
    /// 起始日期: cases filed from this day (YYYY-MM-DD; default: 1 January of this year)
    #[param(format = Date, example = "2026-01-01")]
    from: Option<String>,
    /// 截止日期: cases filed by this day (YYYY-MM-DD; default: today)
    #[param(format = Date, example = "2026-06-30")]
    to: Option<String>,
    /// 法院代字: that court alone, or with the courts below it with `with_lower=true` (default:
    /// the user's scope)
    court: Option<String>,
    /// 含下级法院: with `court`, the courts below it too
    #[param(value_type = Option<YesOrNo>, inline)]
    with_lower: Option<String>,
}

/// What a scorecard is asked for: the period of filing and the courts, within the reader's
/// scope.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Asked {
    pub scope: Option<CourtScope>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// Reads `from`, `to`, `court` and `with_lower` (the page's and the API's alike): a bad date, a
/// period that ends before it begins, a court that is not one are refused; a court outside the
/// reader's scope is forbidden; unasked, the court is the reader's own with those below it.
pub(crate) fn asked(
    server: &Server,
    reader: &User,
    params: &[(String, String)],
) -> Result<Asked, ApiError> {
    let today = server.app.today();
    let from = day_value("from", param(params, "from").as_deref())?.unwrap_or(year_start(today));
    let to = day_value("to", param(params, "to").as_deref())?.unwrap_or(today);
    if to < from {
        return Err(AppError::invalid_for(
            "to",
            &text!("截止日期早于起始日期", "the period ends before it begins"),
        )
        .into());
    }
    let mut filter = Filter {
        court: court_param(params)?,
        ..Filter::default()
    };
    reader.restrict(&mut filter)?;
    Ok(Asked {
        scope: filter.court,
        from,
        to,
    })
}

/// The scorecard for the reader: their courts, and of those only the cases they may see.
pub(crate) async fn scorecard(
    server: &Arc<Server>,
    reader: &User,
    asked: Asked,
) -> Result<Scorecard, ApiError> {
    let reading = Arc::clone(server);
    let reader = reader.clone();
    let card = blocking(move || {
        reading.with_store(|app, store| {
            app.quality_scorecard(store, Some(&reader), asked.scope, asked.from, asked.to)
        })
    })
    .await??;
    Ok(card)
}

/// One rule in one court.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct QualityRuleBody {
    /// missing_procedure, missing_judge, missing_division, missing_cause, missing_amount,
    /// missing_parties, filed_in_future, closed_in_future, closed_before_filed,
    /// filed_on_holiday, closed_on_holiday, hearing_on_holiday, event_after_closing,
    /// procedure_unfit, numbered_late, serial_gap
    pub rule: &'static str,
    /// 规则名称
    pub name: String,
    pub name_en: String,
    /// completeness (完整性: a value missing) or doubtful (存疑值: a value that cannot be right)
    pub kind: &'static str,
    /// 定义
    pub definition: String,
    pub definition_en: String,
    /// Cases that break it (for serial_gap, the serials missing)
    pub count: u64,
    /// The first case numbers behind the count, at most 20
    pub cases: Vec<String>,
    /// The rule could not be checked in this court (missing_parties where the store holds no
    /// party of the court's cases): its count is 0 and says nothing
    pub not_checked: bool,
}

/// One month of a court's score.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct QualityMonthBody {
    /// YYYY-MM, the month of filing
    pub month: String,
    pub checked: u64,
    pub clean: u64,
    /// 100 × clean ÷ checked
    #[schema(required = true)]
    pub score: Option<f64>,
}

/// One court's card.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct QualityCourtBody {
    /// 法院代字
    pub court: String,
    /// 案件数: the cases filed in the period the reader may see
    pub checked: u64,
    /// 无问题: those that break no rule
    pub clean: u64,
    /// 得分: 100 × clean ÷ checked
    #[schema(required = true)]
    pub score: Option<f64>,
    /// Every rule, in the scorecard's order, 0 counts included
    pub rules: Vec<QualityRuleBody>,
    /// The score by month of filing, the months with cases, in order
    pub months: Vec<QualityMonthBody>,
}

/// The scorecard of a period.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ScorecardBody {
    #[schema(format = Date)]
    pub from: String,
    #[schema(format = Date)]
    pub to: String,
    /// The courts with cases filed in the period, by code
    pub courts: Vec<QualityCourtBody>,
}

impl QualityCourtBody {
    pub(crate) fn of(card: &CourtCard) -> QualityCourtBody {
        QualityCourtBody {
            court: card.court.clone(),
            checked: card.checked,
            clean: card.clean,
            score: card.score,
            rules: card
                .rules
                .iter()
                .map(|r| {
                    let (name, definition) = (r.rule.name(), r.rule.definition());
                    QualityRuleBody {
                        rule: r.rule.code(),
                        name: name.zh().to_string(),
                        name_en: name.en().to_string(),
                        kind: match r.rule.kind() {
                            Kind::Completeness => "completeness",
                            Kind::Doubtful => "doubtful",
                        },
                        definition: definition.zh().to_string(),
                        definition_en: definition.en().to_string(),
                        count: r.count,
                        cases: r.cases.clone(),
                        not_checked: card.not_checked.contains(&r.rule),
                    }
                })
                .collect(),
            months: card
                .months
                .iter()
                .map(|m| QualityMonthBody {
                    month: m.month.format("%Y-%m").to_string(),
                    checked: m.checked,
                    clean: m.clean,
                    score: m.score,
                })
                .collect(),
        }
    }
}

/// `GET /api/v1/quality/scorecard?from&to&court&with_lower`.
#[utoipa::path(
    get,
    path = "/api/v1/quality/scorecard",
    summary = "数据质量 the data-quality scorecard by court",
    description = "Per court, the cases filed in the period that the user may see: how many break no rule of the scorecard (the score is their share), that score by month of filing, and every rule with its definition, count and first cases. The rules are defined in docs/data-quality.md.",
    params(ScorecardParams),
    responses(
        (status = 200, description = "数据质量 the scorecard", body = ScorecardBody),
        (status = 400, description = "参数有误 a parameter is wrong", body = ErrorBody),
        (status = 403, description = "超出本人范围 a court outside the user's scope", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn scorecard_route(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<ScorecardBody>, ApiError> {
    let reader = user(&server, &headers).await?;
    let asked = asked(&server, &reader, &params)?;
    let card = scorecard(&server, &reader, asked).await?;
    Ok(Json(ScorecardBody {
        from: card.from.to_string(),
        to: card.to.to_string(),
        courts: card.courts.iter().map(QualityCourtBody::of).collect(),
    }))
}
