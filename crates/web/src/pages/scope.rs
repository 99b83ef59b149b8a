//! The drill-down pages — 总览 (the user's whole scope), 法院, 部门, 法官 — each with the same
//! view: the headline indicators as cards, the monthly trend of new, closed and pending cases, and
//! a table of the level below (courts, divisions, judges, or for a judge the case types).

use shenguan_app::metrics::IndicatorCode;
use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use shenguan_app::AppError;
use shenguan_app::metrics::{Comparison, Dimension, Filter, core};
use shenguan_domain::{CourtCode, CourtScope};

use super::html::encode;
use super::view::{cards, figures_table, headline, indicators, request, trend};
use super::{Asked, Ctx, figures, period, period_form, signed_in};
use crate::{ApiError, Server};

/// Where a row of the table below links to, from its group value.
type RowLink = Box<dyn Fn(&[(Dimension, String)]) -> Option<String> + Send>;

/// Which part of the network a page shows.
#[derive(Clone, Debug)]
enum Level {
    Network,
    /// A court alone, or with the courts below it (`?with_lower=true`).
    Court(CourtScope),
    Division(CourtCode, String),
    Judge(CourtCode, String),
}

impl Level {
    fn filter(&self) -> Filter {
        let (court, division, judge) = match self {
            Level::Network => (None, None, None),
            Level::Court(scope) => (Some(*scope), None, None),
            // A division or a judge belongs to one court: other courts' 民一庭 are not this one.
            Level::Division(c, d) => (Some(CourtScope::alone(*c)), Some(d.clone()), None),
            Level::Judge(c, j) => (Some(CourtScope::alone(*c)), None, Some(judge_key(*c, j))),
        };
        Filter {
            court,
            division,
            judge,
            ..Filter::default()
        }
    }

    /// The grouping of the table below, and where its rows link to. A court's table is by
    /// court and division: with the courts below it, an intermediate court's page covers courts
    /// whose divisions share names (every court has a 民一庭).
    fn below(&self) -> (Vec<Dimension>, RowLink) {
        let value = |group: &[(Dimension, String)], wanted: Dimension| {
            group
                .iter()
                .find(|(d, _)| *d == wanted)
                .map(|(_, v)| encode(v))
        };
        match self.clone() {
            Level::Network => (
                vec![Dimension::Court],
                Box::new(move |g| Some(format!("/court/{}", value(g, Dimension::Court)?))),
            ),
            Level::Court(_) => (
                vec![Dimension::Court, Dimension::Division],
                Box::new(move |g| {
                    Some(format!(
                        "/court/{}/division/{}",
                        value(g, Dimension::Court)?,
                        value(g, Dimension::Division)?
                    ))
                }),
            ),
            // A judge by staff number, or (known only by name) by name: the court is in the path.
            Level::Division(court, _) => (
                vec![Dimension::Judge],
                Box::new(move |g| {
                    let key = g.iter().find(|(d, _)| *d == Dimension::Judge)?.1.as_str();
                    let prefix = format!("{court}:");
                    Some(format!(
                        "/court/{}/judge/{}",
                        encode(&court.to_string()),
                        encode(key.strip_prefix(&prefix).unwrap_or(key))
                    ))
                }),
            ),
            Level::Judge(..) => (vec![Dimension::Type], Box::new(|_| None)),
        }
    }

    fn title(&self, ctx: &Ctx) -> String {
        match self {
            Level::Network => ctx.t("总览", "Overview").to_string(),
            Level::Court(scope) if scope.is_one_court() => ctx.court(&scope.court.to_string()),
            Level::Court(scope) => format!(
                "{}{}",
                ctx.court(&scope.court.to_string()),
                ctx.t("及辖区法院", " and the courts below")
            ),
            Level::Division(c, d) => format!("{} {d}", ctx.court(&c.to_string())),
            Level::Judge(c, j) => format!(
                "{} {} {j}",
                ctx.court(&c.to_string()),
                ctx.t("法官", "Judge")
            ),
        }
    }

    /// The level with a judge's key replaced by how the judge is shown, for the title.
    async fn named(self, server: &Arc<Server>) -> Result<Level, ApiError> {
        match self {
            Level::Judge(court, judge) => {
                let key = judge_key(court, &judge);
                let server = Arc::clone(server);
                let label = crate::auth::blocking(move || server.judge_label(&key)).await??;
                Ok(Level::Judge(court, label))
            }
            other => Ok(other),
        }
    }

    fn path(&self) -> String {
        match self {
            Level::Network => "/".into(),
            Level::Court(scope) => format!("/court/{}", encode(&scope.court.to_string())),
            Level::Division(c, d) => {
                format!("/court/{}/division/{}", encode(&c.to_string()), encode(d))
            }
            Level::Judge(c, j) => format!("/court/{}/judge/{}", encode(&c.to_string()), encode(j)),
        }
    }
}

/// One level's page: cards, trend, and the table of the level below with the level's own
/// figures as its 合计.
async fn level_view(server: Arc<Server>, ctx: Ctx, level: Level) -> Result<Markup, ApiError> {
    let span = period(&server, ctx.params())?;
    let filter = level.filter();
    let user = &ctx.user;
    let (below, link) = level.below();
    let table_indicators: Vec<_> = core().take(12).collect();
    // The questions are asked together: each may be a pass over millions of cases.
    let (headline_report, monthly, table_report, whole) = tokio::try_join!(
        figures(
            &server,
            user,
            request(
                span,
                filter.clone(),
                vec![],
                headline(),
                vec![Comparison::YearEarlier],
            ),
        ),
        figures(
            &server,
            user,
            request(
                span,
                filter.clone(),
                vec![Dimension::Month],
                indicators(&[
                    IndicatorCode::New,
                    IndicatorCode::Closed,
                    IndicatorCode::Pending
                ]),
                vec![],
            ),
        ),
        figures(
            &server,
            user,
            request(
                span,
                filter.clone(),
                below.clone(),
                table_indicators.clone(),
                vec![]
            ),
        ),
        figures(
            &server,
            user,
            request(span, filter.clone(), vec![], table_indicators, vec![]),
        ),
    )?;
    let path = level.path();
    let title = level.clone().named(&server).await?.title(&ctx);
    let below_label = match below.last() {
        Some(Dimension::Court) => ctx.t("各法院", "Courts"),
        Some(Dimension::Division) => ctx.t("各部门", "Divisions"),
        Some(Dimension::Judge) => ctx.t("各承办法官", "Judges"),
        _ => ctx.t("各案件类型", "Case types"),
    };
    let body = html! {
        h1 { (title) }
        @if let Level::Court(scope) = &level { (covers(&ctx, scope, &path, span)) }
        (period_form(&ctx, &path, span))
        h2 { (ctx.t("核心指标", "Core indicators")) }
        (cards(&ctx, &headline_report))
        h2 { (ctx.t("月度趋势", "Monthly trend")) }
        (trend(&ctx, ctx.t("月度收结存", "Monthly new, closed and pending"), &monthly, span.1))
        h2 { (below_label) }
        (figures_table(&ctx, "", &format!("{title} {below_label}"), &table_report, &link, Some(&whole)))
        p.muted {
            (ctx.t(
                "默认按代码排列，点击表头排序；不作排名。合计为本页范围的整体数值。",
                "In code order; click a heading to sort. Not a ranking. The total is the figure for the whole of this page.",
            ))
        }
    };
    Ok(ctx.page(&title, body))
}

/// What a court's page counts, and the link to the other choice: the court's own cases, or with
/// those of the courts below it. A basic court has none below it: nothing to choose.
fn covers(
    ctx: &Ctx,
    scope: &CourtScope,
    path: &str,
    span: (chrono::NaiveDate, chrono::NaiveDate),
) -> Markup {
    if scope.court.level() == shenguan_domain::CourtLevel::Basic {
        return html! {};
    }
    let (said, other, other_query) = if scope.with_lower {
        (
            ctx.t(
                "含本院及辖区法院的案件。",
                "The court's own cases and those of the courts below it.",
            ),
            ctx.t("只看本院", "This court alone"),
            "",
        )
    } else {
        (
            ctx.t(
                "仅本院自身的案件，不含辖区法院。",
                "The court's own cases, without the courts below it.",
            ),
            ctx.t("含辖区法院", "With the courts below"),
            "&with_lower=true",
        )
    };
    html! {
        p.muted { (said) " " a href={ (path) "?from=" (span.0) "&to=" (span.1) (other_query) } { (other) } }
    }
}

/// The judge a page path names within its court: a staff number as it is, a name as the court's
/// judge of that name known only by name ("湘1402:吴刚").
fn judge_key(court: CourtCode, judge: &str) -> String {
    match shenguan_domain::StaffId::parse(judge) {
        Ok(id) => id.to_string(),
        Err(_) => format!("{court}:{}", judge.trim()),
    }
}

fn court_of(code: &str) -> Result<CourtCode, ApiError> {
    CourtCode::parse(code).map_err(|e| ApiError::from(AppError::invalid_for(code, &e.text())))
}

/// `GET /`: the overview of the user's scope.
pub(crate) async fn overview(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    signed_in(server, asked, |server, mut ctx| async move {
        let to_do = match ctx.to_do {
            0 => None,
            _ => Some(super::duban::to_do_box(&server, &ctx).await?),
        };
        let due = super::limits::due_box(&server, &ctx).await?;
        if to_do.is_some() || due.is_some() {
            ctx.notice = Some(
                maud::html! { @if let Some(b) = &to_do { (b) } @if let Some(b) = &due { (b) } },
            );
        }
        level_view(server, ctx, Level::Network).await
    })
    .await
}

/// `GET /court/{code}`: one court, alone or (`?with_lower=true`) with the courts below it.
pub(crate) async fn court(
    State(server): State<Arc<Server>>,
    Path(code): Path<String>,
    asked: Asked,
) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let with_lower = crate::flag_param(ctx.params(), "with_lower")?;
        let level = Level::Court(CourtScope {
            court: court_of(&code)?,
            with_lower,
        });
        level_view(server, ctx, level).await
    })
    .await
}

/// `GET /court/{code}/division/{name}`: one division of a court.
pub(crate) async fn division(
    State(server): State<Arc<Server>>,
    Path((code, name)): Path<(String, String)>,
    asked: Asked,
) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let level = Level::Division(court_of(&code)?, name);
        level_view(server, ctx, level).await
    })
    .await
}

/// `GET /court/{code}/judge/{name}`: one judge's cases.
pub(crate) async fn judge(
    State(server): State<Arc<Server>>,
    Path((code, name)): Path<(String, String)>,
    asked: Asked,
) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let level = Level::Judge(court_of(&code)?, name);
        level_view(server, ctx, level).await
    })
    .await
}
