//! 执行: the enforcement panel — the "四个90%、一个80%" indicators case data supports against their
//! targets, 终本率 and 执行到位率, by court; and the pending enforcement cases with no measure
//! recorded in the last 30, 60 or 90 days.

use shenguan_app::metrics::IndicatorCode;
use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use shenguan_app::metrics::{Comparison, Dimension, Filter};

use super::html::{encode, escape, table};
use super::view::{cards, court_link, figures_table, indicators, request, sort_of};
use super::{Lang, Params, figures, period, period_form, signed_in};
use crate::Server;
use crate::auth::blocking;
use crate::one_of;

/// Enforcement cases shown in the idle list.
const SHOWN: usize = 300;

/// `GET /enforcement?from&to&idle=30|60|90`.
pub(crate) async fn enforcement_page(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
) -> Response {
    signed_in(server, headers, |server, ctx| async move {
        let span = period(&server, &params)?;
        let codes = indicators(&[
            IndicatorCode::PropertyWithinLimitRate,
            IndicatorCode::ThreeYearEnforcementRate,
            IndicatorCode::EnforcementCompletionRate,
            IndicatorCode::ZhongbenRate,
            IndicatorCode::EnforcementRecoveryRate,
            IndicatorCode::ActualEnforcementRate,
        ]);
        let user = &ctx.user;
        let (panel, by_court) = tokio::try_join!(
            figures(
                &server,
                user,
                request(span, Filter::default(), vec![], codes.clone(), vec![Comparison::YearEarlier]),
            ),
            figures(
                &server,
                user,
                request(span, Filter::default(), vec![Dimension::Court], codes, vec![]),
            ),
        )?;
        let idle_days = i64::from(one_of(&params, "idle", &[30, 60, 90])?);
        let asking = ctx.user.clone();
        let listing = Arc::clone(&server);
        let idle = blocking(move || {
            listing.with_store(|app, store| app.idle_enforcement(store, &asking, Filter::default(), idle_days))
        })
        .await??;
        let labels =
            super::lists::labels_of(&server, idle.iter().take(SHOWN).map(|c| &c.case).collect())
                .await?;
        let rows: Vec<Vec<String>> = idle
            .iter()
            .take(SHOWN)
            .map(|c| {
                let number = c.case.case_no.to_string();
                // The judge by name, with the staff number where two share the name.
                let judge = c
                    .case
                    .judge_key()
                    .and_then(|key| labels.get(&key).cloned())
                    .or_else(|| c.case.judge.clone())
                    .unwrap_or_default();
                vec![
                    format!("<a href=\"/cases/{}\">{}</a>", encode(&number), escape(&number)),
                    escape(&judge),
                    c.case.filed_on.to_string(),
                    c.last_measure.map_or("—".into(), |d| d.to_string()),
                    c.idle_days.to_string(),
                ]
            })
            .collect();
        let tabs: String = [30, 60, 90]
            .iter()
            .map(|d| {
                let label = match ctx.lang {
                    Lang::Zh => format!("{d}日以上"),
                    Lang::En => format!("over {d} days"),
                };
                format!(
                    "<a href=\"/enforcement?from={}&amp;to={}&amp;idle={d}\">{label}</a> ",
                    span.0, span.1
                )
            })
            .collect();
        let (idle_title, idle_count) = match ctx.lang {
            Lang::Zh => (
                format!("超过{idle_days}日未采取执行措施的未结执行案件"),
                format!("截至{}，共{}件（显示前{SHOWN}件）", server.app.today(), idle.len()),
            ),
            Lang::En => (
                format!("Pending enforcement cases with no measure for over {idle_days} days"),
                format!("As of {}, {} cases (first {SHOWN} shown)", server.app.today(), idle.len()),
            ),
        };
        let base = format!("/enforcement?from={}&to={}", span.0, span.1);
        let body = format!(
            "<h1>{}</h1>{}<h2>{}</h2>{}<p class=\"muted\">{}</p><h2>{}</h2>{}<h2>{}</h2><p>{tabs}</p><p class=\"muted\">{}</p>{}",
            ctx.t("执行", "Enforcement"),
            period_form(&ctx, "/enforcement", span),
            ctx.t("“四个90%、一个80%”与执行质效", "The four 90 % and one 80 % targets"),
            cards(&ctx, &panel),
            ctx.t(
                "目标：有财产可供执行案件法定期限内实际执结率≥90%，近三年执行案件整体执结率≥80%；无财产可供执行案件终本合格率、执行信访办结率须评查与信访数据，不由案件数据计算。",
                "Targets: property cases actually enforced within the limit ≥ 90 %, three-year enforcement rate ≥ 80 %; the termination-quality and petition items need review and petition data and are not computed from case data."
            ),
            ctx.t("各法院", "By court"),
            figures_table(&ctx, &by_court, &court_link, Some((&base, sort_of(&params)))),
            escape(&idle_title),
            escape(&idle_count),
            table(
                &[
                    ctx.t("案号", "Case number"),
                    ctx.t("承办人", "Judge"),
                    ctx.t("立案日期", "Filed"),
                    ctx.t("最近执行措施", "Last measure"),
                    ctx.t("未采取措施天数", "Days without a measure"),
                ],
                &rows
            ),
        );
        Ok(ctx.page(ctx.t("执行", "Enforcement"), &body))
    })
    .await
}
