//! 指标: one indicator's page — its definition, unit, the cases it applies to, source and
//! reference range; its monthly trend; the figure by court and by case type; and the cases behind
//! its numerator and denominator, paged and searchable by case number.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use shenguan_app::metrics::{Dimension, Filter, Indicator, Part, has_part, indicator};

use super::html::{encode, escape};
use super::view::{court_link, figures_table, name, request, trend};
use super::{Ctx, Params, figures, period, period_form, signed_in};
use crate::auth::blocking;
use crate::{ApiError, Server, param};

/// Case numbers shown per page of each part.
const PAGE: usize = 100;

/// `GET /indicator/{code}?from&to&q&page`.
pub(crate) async fn indicator_page(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Path(code): Path<String>,
    Query(params): Params,
) -> Response {
    signed_in(server, headers, |server, ctx| async move {
        let found = indicator(&code).ok_or_else(|| ApiError::not_found(&format!("指标{code}")))?;
        render(server, ctx, params, found).await
    })
    .await
}

async fn render(
    server: Arc<Server>,
    ctx: Ctx,
    params: Vec<(String, String)>,
    found: &'static Indicator,
) -> Result<String, ApiError> {
    let span = period(&server, &params)?;
    let user = &ctx.user;
    let one = |group_by| request(span, Filter::default(), group_by, vec![found], vec![]);
    let (monthly, by_court, by_type) = tokio::try_join!(
        figures(&server, user, one(vec![Dimension::Month])),
        figures(&server, user, one(vec![Dimension::Court])),
        figures(&server, user, one(vec![Dimension::Type])),
    )?;
    let path = format!("/indicator/{}", encode(found.code));
    let search = param(&params, "q").unwrap_or_default();
    let page_no: usize = param(&params, "page")
        .and_then(|p| p.parse().ok())
        .unwrap_or(1)
        .max(1);
    let mut parts = String::new();
    for (part, label) in [
        (Part::Numerator, ctx.t("分子", "Numerator")),
        (Part::Denominator, ctx.t("分母", "Denominator")),
    ] {
        if !has_part(found, part) {
            continue;
        }
        let mut asked = one(vec![]);
        user.restrict(&mut asked.filter)?;
        let explaining = Arc::clone(&server);
        let numbers = blocking(move || {
            explaining
                .app
                .explain(&*explaining.cases()?, &asked, found, part)
        })
        .await??;
        let total = numbers.len();
        let matching: Vec<&String> = numbers
            .iter()
            .filter(|n| n.contains(search.as_str()))
            .collect();
        let links: Vec<String> = matching
            .iter()
            .skip((page_no - 1) * PAGE)
            .take(PAGE)
            .map(|n| format!("<a href=\"/cases/{}\">{}</a>", encode(n), escape(n)))
            .collect();
        parts.push_str(&format!(
            "<h2>{label}（{total}{}）</h2><p class=\"muted\">{}</p><p class=\"cases\">{}</p>",
            ctx.t("件", " cases"),
            escape(&match ctx.lang {
                super::Lang::Zh =>
                    format!("符合条件{}件，第{page_no}页，每页{PAGE}件", matching.len()),
                super::Lang::En =>
                    format!("{} matching, page {page_no}, {PAGE} a page", matching.len()),
            }),
            if links.is_empty() {
                "—".into()
            } else {
                links.join("　")
            }
        ));
    }
    let base = format!("{path}?from={}&to={}", span.0, span.1);
    let pager = format!(
        "<form method=\"get\" action=\"{}\"><input type=\"hidden\" name=\"from\" value=\"{}\">\
         <input type=\"hidden\" name=\"to\" value=\"{}\">{} <input name=\"q\" value=\"{}\"> \
         {} <input name=\"page\" value=\"{page_no}\" size=\"3\"> <button>{}</button></form>",
        escape(&path),
        span.0,
        span.1,
        ctx.t("案号含", "Case number contains"),
        escape(&search),
        ctx.t("页", "Page"),
        ctx.t("查找", "Find"),
    );
    let range = match server.app.range(found) {
        (None, None) => ctx
            .t(
                "未设定（合理区间由本辖区在系统配置中设定）",
                "not set (the network sets its reasonable range in the configuration)",
            )
            .to_string(),
        (l, h) => format!(
            "{}–{}",
            l.map_or(String::new(), |v| v.to_string()),
            h.map_or(String::new(), |v| v.to_string())
        ),
    };
    let body = format!(
        "<h1>{title}</h1>{form}<p>{definition}</p><table>\
         <tr><th>{l_code}</th><td>{code}</td></tr><tr><th>{l_unit}</th><td>{unit}</td></tr>\
         <tr><th>{l_applies}</th><td>{applies}</td></tr><tr><th>{l_range}</th><td>{range}</td></tr>\
         <tr><th>{l_source}</th><td>{source}</td></tr></table>\
         <h2>{l_trend}</h2>{chart}<h2>{l_courts}</h2>{courts}<h2>{l_types}</h2>{types}\
         <h2>{l_cases}</h2>{pager}{parts}",
        title = escape(name(ctx.lang, found)),
        form = period_form(&ctx, &path, span),
        definition = escape(found.definition),
        l_code = ctx.t("代码", "Code"),
        code = escape(found.code),
        l_unit = ctx.t("单位", "Unit"),
        unit = escape(found.unit.key()),
        l_applies = ctx.t("适用案件", "Applies to"),
        applies = escape(found.applies_to),
        l_range = ctx.t("参考区间", "Reference range"),
        range = escape(&range),
        l_source = ctx.t("来源", "Source"),
        source = escape(found.source),
        l_trend = ctx.t("月度走势", "Monthly trend"),
        chart = trend(&ctx, name(ctx.lang, found), &monthly),
        l_courts = ctx.t("各法院", "By court"),
        courts = figures_table(
            &ctx,
            &by_court,
            &court_link,
            Some((&base, super::view::sort_of(&params)))
        ),
        l_types = ctx.t("各案件类型", "By case type"),
        types = figures_table(&ctx, &by_type, &|_| None, None),
        l_cases = ctx.t("背后的案件", "The cases behind it"),
    );
    Ok(ctx.page(name(ctx.lang, found), &body))
}
