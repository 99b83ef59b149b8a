//! 指标: one indicator's page — its definition, unit, the cases it applies to, source and
//! reference range; its monthly trend; the figure by court and by case type; and the cases behind
//! its numerator and denominator, searchable by case number, each a table paged and exported as
//! every table is.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use shenguan_app::metrics::{
    Dimension, Filter, Indicator, Part, has_part, indicator, petition_measure,
};
use shenguan_app::text;

use super::html::encode;
use super::table::{Cell, Table};
use super::view::{court_link, figures_table, name, request, trend, unit_label};
use super::{Asked, Ctx, Lang, figures, period, period_form, signed_in};
use crate::auth::blocking;
use crate::{ApiError, Server, param};

/// `GET /indicator/{code}?from&to&q&page`.
pub(crate) async fn indicator_page(
    State(server): State<Arc<Server>>,
    Path(code): Path<String>,
    asked: Asked,
) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let found = indicator(&code)
            .ok_or_else(|| ApiError::not_found(&text!("指标“{code}”", "indicator “{code}”")))?;
        render(server, ctx, found).await
    })
    .await
}

async fn render(
    server: Arc<Server>,
    ctx: Ctx,
    found: &'static Indicator,
) -> Result<Markup, ApiError> {
    let params = ctx.params();
    let span = period(&server, params)?;
    let user = &ctx.user;
    let one = |group_by| request(span, Filter::default(), group_by, vec![found], vec![]);
    let (monthly, by_court, by_type, whole) = tokio::try_join!(
        figures(&server, user, one(vec![Dimension::Month])),
        figures(&server, user, one(vec![Dimension::Court])),
        figures(&server, user, one(vec![Dimension::Type])),
        figures(&server, user, one(vec![])),
    )?;
    let path = format!("/indicator/{}", encode(found.code));
    let search = param(params, "q").unwrap_or_default();
    let title = name(ctx.lang, found);
    let mut parts = Vec::new();
    for (part, key, label) in [
        (Part::Numerator, "numerator", ctx.t("分子", "Numerator")),
        (
            Part::Denominator,
            "denominator",
            ctx.t("分母", "Denominator"),
        ),
    ] {
        let mut asked = one(vec![]);
        user.restrict(&mut asked.filter)?;
        if petition_measure(found, part).is_some() {
            // A petition indicator: the petitions behind it, by register number.
            let explaining = Arc::clone(&server);
            let listed = blocking(move || {
                let cases = explaining.cases()?;
                explaining.with_store(|app, store| {
                    app.explain_petitions(store, &cases, &asked, found, part)
                })
            })
            .await??;
            let total = listed.len();
            let mut table = Table::new(
                key,
                format!("{title} {label}"),
                vec![
                    ctx.t("登记号", "Register no.").to_string(),
                    ctx.t("法院", "Court").to_string(),
                ],
            );
            table.counted = ("件", "petitions");
            table.page_size = Some(super::lists::PAGE_SIZE);
            table.rows = listed
                .into_iter()
                .filter(|(_, _, number)| number.contains(search.as_str()))
                .map(|(id, court, number)| {
                    let cell = Cell::text(number);
                    vec![
                        match id {
                            Some(id) => cell.link(format!("/petitions/{id}")),
                            None => cell,
                        },
                        Cell::text(ctx.court(&court)),
                    ]
                })
                .collect();
            parts.push((label, total, table));
            continue;
        }
        if !has_part(found, part) {
            continue;
        }
        let explaining = Arc::clone(&server);
        let numbers = blocking(move || {
            explaining
                .app
                .explain(&*explaining.cases()?, &asked, found, part)
        })
        .await??;
        let total = numbers.len();
        // The cases behind the part, as a table of their own: paged, sortable, exported whole.
        let mut table = Table::cases(
            key,
            format!("{title} {label}"),
            &[ctx.t("案号", "Case number")],
        );
        table.rows = numbers
            .into_iter()
            .filter(|n| n.contains(search.as_str()))
            .map(|n| vec![Cell::text(n.clone()).link(format!("/cases/{}", encode(&n)))])
            .collect();
        parts.push((label, total, table));
    }
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
    let petitions = matches!(found.formula, shenguan_app::metrics::Formula::Petition(_));
    let body = html! {
        h1 { (title) }
        (period_form(&ctx, &path, span))
        p { (found.definition_in(ctx.lang)) }
        table {
            tr { th { (ctx.t("代码", "Code")) } td { (found.code) } }
            tr { th { (ctx.t("单位", "Unit")) } td { (unit_label(ctx.lang, found.unit)) } }
            tr { th { (ctx.t("适用案件", "Applies to")) } td { (found.applies_to_in(ctx.lang)) } }
            tr { th { (ctx.t("参考区间", "Reference range")) } td { (range) } }
            tr { th { (ctx.t("依据", "Basis")) } td { (found.source_in(ctx.lang)) } }
        }
        h2 { (ctx.t("月度走势", "Monthly trend")) }
        (trend(&ctx, title, &monthly, span.1))
        h2 { (ctx.t("各法院", "By court")) }
        (figures_table(&ctx, "", &format!("{title} {}", ctx.t("各法院", "by court")), &by_court, &court_link, Some(&whole)))
        h2 { (ctx.t("各案件类型", "By case type")) }
        (figures_table(&ctx, "types", &format!("{title} {}", ctx.t("各案件类型", "by case type")), &by_type, &|_| None, Some(&whole)))
        @if petitions {
            h2 { (ctx.t("背后的信访件", "The petitions behind it")) }
        } @else {
            h2 { (ctx.t("背后的案件", "The cases behind it")) }
        }
        form method="get" action=(path) {
            input type="hidden" name="from" value=(span.0);
            input type="hidden" name="to" value=(span.1);
            @if petitions {
                (ctx.t("登记号含", "Register number contains"))
            } @else {
                (ctx.t("案号含", "Case number contains"))
            }
            " " input name="q" value=(search); " "
            button { (ctx.t("查找", "Find")) }
        }
        @for (label, total, table) in parts {
            h2 { (label) "（" (total) (if petitions { ctx.t("件", " petitions") } else { ctx.t("件", " cases") }) "）" }
            @if !search.is_empty() {
                p.muted {
                    @match ctx.lang {
                        Lang::Zh => { (if petitions { "登记号" } else { "案号" }) "含“" (search) "”的" }
                        Lang::En => { "Those whose number contains “" (search) "”:" }
                    }
                }
            }
            (ctx.table(table))
        }
    };
    Ok(ctx.page(title, body))
}
