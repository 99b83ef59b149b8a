//! 执行: the enforcement panel — the five targets of "四个90%、一个80%" per court (met or not, and
//! how many cases short), the classic enforcement figures beside them (终本率, 执行到位率), by
//! court; and the pending enforcement cases with no measure recorded in the last 30, 60 or 90
//! days.

use shenguan_app::metrics::IndicatorCode;
use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use maud::html;
use shenguan_app::metrics::{Comparison, Dimension, Filter};
use shenguan_app::signals::{Signal, SignalCase};
use shenguan_domain::CaseRecord;

use super::lists::{Choices, Narrowing, as_of, case_cell, court_filter};
use super::table::{Cell, Table};
use super::view::{cards, court_link, figures_table, indicators, request};
use super::{Asked, Lang, figures, period, period_form, signed_in};
use crate::Server;
use crate::auth::blocking;
use crate::one_of;

/// `GET /enforcement?from&to&idle=30|60|90&court&division&judge&type`.
pub(crate) async fn enforcement_page(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let span = period(&server, ctx.params())?;
        let codes = indicators(&[
            IndicatorCode::PropertyWithinLimitRate,
            IndicatorCode::ZhongbenComplianceRate,
            IndicatorCode::ThreeYearEnforcementRate,
            IndicatorCode::EnforcementCompletionRate,
            IndicatorCode::ZhongbenRate,
            IndicatorCode::EnforcementRecoveryRate,
            IndicatorCode::ActualEnforcementRate,
        ]);
        // A signal's list needs none of the figures: it is answered before they are computed.
        let idle_days = i64::from(one_of(ctx.params(), "idle", &[30, 60, 90])?);
        let signal = crate::choice_param(ctx.params(), "signal", Signal::parse)?;
        let filter = court_filter(&ctx)?;
        if let Some(signal) = signal {
            let listing = Arc::clone(&server);
            let asking = ctx.user.clone();
            let found = blocking(move || {
                listing.with_store(|app, store| {
                    app.enforcement_signal(store, &asking, filter, signal, span)
                })
            })
            .await??;
            let signal_section = signal_table(&server, &ctx, signal, &found).await?;
            let body = html! {
                h1 { (ctx.t("执行", "Enforcement")) }
                (period_form(&ctx, "/enforcement", span))
                (signal_tabs(&ctx, Some(signal), idle_days))
                (signal_section)
            };
            return Ok(ctx.page(ctx.t("执行", "Enforcement"), body));
        }
        let user = &ctx.user;
        let (panel, by_court, counts) = tokio::try_join!(
            figures(
                &server,
                user,
                request(
                    span,
                    Filter::default(),
                    vec![],
                    codes.clone(),
                    vec![Comparison::YearEarlier]
                ),
            ),
            figures(
                &server,
                user,
                request(
                    span,
                    Filter::default(),
                    vec![Dimension::Court],
                    codes,
                    vec![]
                ),
            ),
            figures(
                &server,
                user,
                server.app.targets_request(request(
                    span,
                    Filter::default(),
                    vec![],
                    vec![],
                    vec![]
                )),
            ),
        )?;
        let targets = server.app.targets(&counts);
        let asking = ctx.user.clone();
        let listing = Arc::clone(&server);
        let idle = blocking(move || {
            listing.with_store(|app, store| app.idle_enforcement(store, &asking, filter, idle_days))
        })
        .await??;
        let all: Vec<&CaseRecord> = idle.iter().map(|c| &c.case).collect();
        let choices = Choices::of(&server, &ctx, &all).await?;
        let narrowing = Narrowing::of(&ctx);
        let idle_title = match ctx.lang {
            Lang::Zh => format!("超过{idle_days}日未采取执行措施的未结执行案件"),
            Lang::En => {
                format!("Pending enforcement cases with no measure for over {idle_days} days")
            }
        };
        let picks = super::duban::may_open(&ctx);
        let mut table = Table::cases(
            "idle",
            idle_title.clone(),
            &[
                ctx.t("选择", "Pick"),
                ctx.t("案号", "Case number"),
                ctx.t("法院", "Court"),
                ctx.t("承办人", "Judge"),
                ctx.t("立案日期", "Filed"),
                ctx.t("最近执行措施", "Last measure"),
                ctx.t("未采取措施天数", "Days without a measure"),
            ],
        );
        table.rows = idle
            .iter()
            .filter(|c| narrowing.holds(&c.case))
            .map(|c| {
                let [court, _, judge] = choices.who(&ctx, &c.case);
                vec![
                    super::duban::pick_cell(&c.case.case_no.to_string()),
                    case_cell(&c.case),
                    court,
                    judge,
                    Cell::text(c.case.filed_on.to_string()),
                    c.last_measure
                        .map_or_else(Cell::none, |d| Cell::text(d.to_string())),
                    Cell::count(c.idle_days),
                ]
            })
            .collect();
        let keep = [
            ("from", span.0.to_string()),
            ("to", span.1.to_string()),
            ("idle", idle_days.to_string()),
        ];
        let by_court_title = ctx.t("各法院", "By court");
        let body = html! {
            h1 { (ctx.t("执行", "Enforcement")) }
            (period_form(&ctx, "/enforcement", span))
            h2 { (ctx.t("“四个90%、一个80%”与执行质效", "The four 90 % and one 80 % targets")) }
            (cards(&ctx, &panel))
            (super::targets::section(&ctx, &targets))
            h2 { (by_court_title) }
            (figures_table(&ctx, "", by_court_title, &by_court, &court_link, Some(&panel)))
            (signal_tabs(&ctx, None, idle_days))
            h2 { (idle_title) }
            (choices.form(&ctx, "/enforcement", &keep))
            p.muted { (as_of(&ctx, &server)) }
            (ctx.table(table.without_picks(picks)))
            @if picks {
                (super::duban::open_form(&ctx, shenguan_app::duban::Reason::PassiveEnforcement))
            }
        };
        Ok(ctx.page(ctx.t("执行", "Enforcement"), body))
    })
    .await
}

/// The lists of 消极执行: no measure for 30, 60 or 90 days, and the other signals.
fn signal_tabs(ctx: &super::Ctx, current: Option<Signal>, idle_days: i64) -> maud::Markup {
    let idle = |d: i64| {
        ctx.here.with(&[
            ("idle", Some(d.to_string())),
            ("idle.page", None),
            ("signal", None),
        ])
    };
    let signal = |s: Signal| {
        ctx.here
            .with(&[("signal", Some(s.key().to_string())), ("signal.page", None)])
    };
    html! {
        h2 { (ctx.t("消极执行", "Passive enforcement")) }
        p.tabs {
            @for d in [30, 60, 90] {
                @let label = match ctx.lang { Lang::Zh => format!("{d}日以上未采取措施"), Lang::En => format!("no measure for over {d} days") };
                @if current.is_none() && d == idle_days { strong { (label) } } @else { a href=(idle(d)) { (label) } }
                " "
            }
            @for s in Signal::ALL {
                @let label = s.label().get(ctx.lang).to_string();
                @if current == Some(s) { strong { (label) } } @else { a href=(signal(s)) { (label) } }
                " "
            }
        }
    }
}

/// One signal's cases, with tick boxes and the form that supervises them.
async fn signal_table(
    server: &Arc<Server>,
    ctx: &super::Ctx,
    signal: Signal,
    found: &[SignalCase],
) -> Result<maud::Markup, crate::ApiError> {
    let all: Vec<&CaseRecord> = found.iter().map(|c| &c.case).collect();
    let choices = Choices::of(server, ctx, &all).await?;
    let narrowing = Narrowing::of(ctx);
    let picks = super::duban::may_open(ctx);
    let title = signal.label().get(ctx.lang).to_string();
    let since = match signal {
        Signal::NoInquiry => ctx.t("立案日期", "Filed"),
        Signal::Undisbursed => ctx.t("最早未发放款到账日", "Oldest money received"),
        Signal::OverLimit => ctx.t("期限届满日", "Limit ran out"),
        Signal::Zhongben => ctx.t("终本日期", "Closed by 终本"),
        Signal::Requery => ctx.t("应查询日期", "Re-query due by"),
    };
    let mut table = Table::cases(
        "signal",
        title.clone(),
        &[
            ctx.t("选择", "Pick"),
            ctx.t("案号", "Case number"),
            ctx.t("法院", "Court"),
            ctx.t("承办人", "Judge"),
            since,
            ctx.t("天数", "Days"),
            ctx.t("情况", "What was found"),
        ],
    );
    table.rows = found
        .iter()
        .filter(|c| narrowing.holds(&c.case))
        .map(|c| {
            let [court, _, judge] = choices.who(ctx, &c.case);
            vec![
                super::duban::pick_cell(&c.case.case_no.to_string()),
                case_cell(&c.case),
                court,
                judge,
                Cell::text(c.since.to_string()),
                Cell::count(c.days),
                Cell::text(c.detail.get(ctx.lang)),
            ]
        })
        .collect();
    let reason = match signal {
        Signal::Undisbursed => shenguan_app::duban::Reason::MoneyNotPaidOut,
        Signal::Zhongben | Signal::Requery => shenguan_app::duban::Reason::TerminationNonCompliant,
        Signal::NoInquiry | Signal::OverLimit => shenguan_app::duban::Reason::PassiveEnforcement,
    };
    let keep = [("signal", signal.key().to_string())];
    Ok(html! {
        h2 { (title) }
        (choices.form(ctx, "/enforcement", &keep))
        p.muted { (as_of(ctx, server)) }
        (ctx.table(table.without_picks(picks)))
        @if picks { (super::duban::open_form(ctx, reason)) }
    })
}
