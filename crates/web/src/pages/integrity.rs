//! The 风险信号 page (`/signals/integrity?from&to&court&with_lower&kind&evidence`): each court's
//! (or judge's) signal of gaming as a card — its figures against its peers' norm and its own
//! earlier years, its evidence, its cases with tick boxes — and the 督办 form that supervises the cases
//! ticked. Lists to look into, not rankings (docs/gaming-signals.md). The query is read as the
//! API reads it (`api::integrity::asked`); the signals are the app's (`App::integrity_signals`).

use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use maud::{Markup, html};
use shenguan_app::duban::Reason;
use shenguan_domain::integrity::{Evidence, Figure, Kind, Signal};

use super::html::encode;
use super::table::{Cell, Table};
use super::{Asked, Ctx, Lang, court_choice, signed_in};
use crate::Server;
use crate::api::integrity::{Asked as Query, asked, signals};

/// How many cases a card lists (the API lists them all).
const SHOWN: usize = 100;

const EVIDENCE: [Evidence; 3] = [Evidence::Weak, Evidence::Moderate, Evidence::Strong];

/// `GET /signals/integrity`.
pub(crate) async fn integrity_page(
    State(server): State<Arc<Server>>,
    asked_for: Asked,
) -> Response {
    signed_in(server, asked_for, |server, ctx| async move {
        let query = asked(&server, &ctx.user, ctx.params())?;
        let found = signals(&server, &ctx.user, query).await?;
        let t = |zh, en| ctx.t(zh, en);
        let title = t("风险信号", "Signals of gaming");
        let picks = super::duban::may_open(&ctx);
        let body = html! {
            h1 { (title) }
            (form(&ctx, query))
            (explanation(&ctx, server.app.config().integrity.strong_cases))
            @if found.signals.is_empty() {
                p.within { (t(
                    "期间内没有符合条件的风险信号。",
                    "No signal in the period meets the filters."
                )) }
            } @else {
                h2 { (t("信号一览", "The signals")) }
                (ctx.table(summary(&ctx, &found.signals)))
                @for (i, signal) in found.signals.iter().enumerate() {
                    (card(&ctx, i, signal, picks))
                }
                @if picks {
                    (super::duban::open_form_with(&ctx, reason(&found.signals), &instructions(&ctx, &found.signals)))
                }
            }
        };
        Ok(ctx.page(title, body))
    })
    .await
}

/// The period, the court (of the reader's scope), the kind and the least evidence.
fn form(ctx: &Ctx, query: Query) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    html! {
        form.filters method="get" action="/signals/integrity" {
            (t("期间", "Period")) " "
            input name="from" value=(query.period.from) size="10";
            " " (t("至", "to")) " "
            input name="to" value=(query.period.to) size="10";
            " "
            (court_choice(ctx))
            " "
            label {
                (t("类别", "Kind")) " "
                select name="kind" {
                    option value="" { (t("全部", "all")) }
                    @for kind in Kind::ALL {
                        option value=(kind.code()) selected[query.kind == Some(kind)] { (kind.name().get(ctx.lang)) }
                    }
                }
            }
            " "
            label {
                (t("证据至少", "Evidence at least")) " "
                select name="evidence" {
                    @for e in EVIDENCE {
                        option value=(e.code()) selected[query.evidence == e] { (e.name().get(ctx.lang)) }
                    }
                }
            }
            " " button { (t("查询", "Show")) }
        }
    }
}

/// What the page is and what the evidence levels mean (as docs/gaming-signals.md defines
/// them), with the configuration's number of cases a strong signal needs.
fn explanation(ctx: &Ctx, strong_cases: u32) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    html! {
        p { (t(
            "以下是供核查的名单，不是排名，也不是结论：每项信号说明某院（或某位承办人）的某项数字与同级法院（或本院其他法官）、本院往年相比的情况，并列出值得调阅的案件。信号本身不证明存在问题，须逐案核实。",
            "These are lists to look into, not rankings and not findings: each signal sets one of a court's (or a judge's) figures beside its peers' (or the court's other judges') and its own earlier years, and lists the cases worth opening. A signal proves nothing by itself; each case has to be checked."
        )) }
        dl {
            dt { span.evidence { (Evidence::Strong.name().get(ctx.lang)) } }
            dd {
                @match ctx.lang {
                    Lang::Zh => { "至少" (strong_cases) "件案件呈现该模式，且数字与同级法院（承办人与本院其他法官）相比属异常；年底的两项信号在没有可比法院时与本院往年相比。" }
                    Lang::En => { "At least " (strong_cases) " cases show the pattern, and the figure is unusual against the peers (a judge's against the court's other judges); for the two year-end signals, where there are none, against the court's own earlier years." }
                }
            }
            dt { span.evidence { (Evidence::Moderate.name().get(ctx.lang)) } }
            dd {
                @match ctx.lang {
                    Lang::Zh => { "数字异常但案件较少；或单件即可说明问题的案件（如撤诉后同一当事人再诉）至少" (strong_cases) "件，而数字并不异常。" }
                    Lang::En => { "The figure is unusual with fewer cases; or at least " (strong_cases) " cases that show the pattern by themselves (a withdrawal refiled by the same parties), with a figure that is not unusual." }
                }
            }
            dt { span.evidence { (Evidence::Weak.name().get(ctx.lang)) } }
            dd { (t(
                "数字异常，但没有案件本身呈现该模式，或案件只是旁证（扣除审限后临近期限结案、终本后数月内恢复，在正常法院也会发生）。",
                "The figure is unusual and no case shows the pattern, or the cases are only circumstantial (closing near a deadline after an excluded period, or a 终本 restored within months, happens in honest courts too)."
            )) }
        }
        p.muted { (t(
            "“异常”指比值超过阈值，且件数超出偶然范围。证据等级说明据以采取行动的把握，不表示问题轻重；卡片按法院和类别排列，不按证据排序。",
            "Unusual means the ratio passes its threshold and the count lies beyond chance. The evidence level says how firmly one can act on a signal, not how grave it is; the cards follow the courts and kinds, not the evidence."
        )) }
    }
}

fn year_text(ctx: &Ctx, year: Option<i32>) -> String {
    match (year, ctx.lang) {
        (Some(y), Lang::Zh) => format!("{y}年底"),
        (Some(y), Lang::En) => format!("end of {y}"),
        (None, _) => String::new(),
    }
}

/// One line a signal: court, year, kind, evidence, cases, linked to its card.
fn summary(ctx: &Ctx, all: &[Signal]) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        "signals",
        t("风险信号", "Signals of gaming"),
        vec![
            t("法院", "Court"),
            t("承办人", "Judge"),
            t("年份", "Year"),
            t("类别", "Kind"),
            t("证据", "Evidence"),
            t("异常的数字", "Unusual figures"),
            t("案件", "Cases"),
        ],
    );
    table.rows = all
        .iter()
        .enumerate()
        .map(|(i, s)| {
            vec![
                Cell::text(ctx.court(&s.court.to_string())).link(format!("#signal-{i}")),
                s.judge.as_deref().map_or_else(Cell::none, Cell::text),
                s.year
                    .map_or_else(Cell::none, |y| Cell::text(y.to_string())),
                Cell::text(s.kind.name().get(ctx.lang)),
                Cell::text(s.evidence.name().get(ctx.lang)),
                Cell::count(s.figures.iter().filter(|f| f.unusual).count() as i64),
                Cell::count(s.cases.len() as i64),
            ]
        })
        .collect();
    table
}

/// The name of a judge as the signals show one: `name（staff number）` where two judges of the
/// court share the name, the judge's page being the name's.
fn judge_name(shown: &str) -> &str {
    shown
        .strip_suffix('）')
        .and_then(|rest| rest.rsplit_once('（'))
        .filter(|(_, number)| {
            !number.is_empty() && number.chars().all(|c| c.is_ascii_alphanumeric())
        })
        .map_or(shown, |(name, _)| name)
}

fn case_link(number: &str) -> Markup {
    html! { a href=(format!("/cases/{}", encode(number))) { (number) } }
}

/// One signal as a card: its figures, then its cases with tick boxes for the 督办 form.
fn card(ctx: &Ctx, i: usize, s: &Signal, picks: bool) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let more = s.cases.len().saturating_sub(SHOWN);
    html! {
        section.signal class=(format!("evidence-{}", s.evidence.code())) id=(format!("signal-{i}")) {
            h3 {
                (ctx.court(&s.court.to_string())) " "
                @if let Some(judge) = &s.judge {
                    a href=(format!("/court/{}/judge/{}", s.court, encode(judge_name(judge)))) { (judge) } " "
                }
                @if s.year.is_some() { (year_text(ctx, s.year)) " " }
                (s.kind.name().get(ctx.lang))
                span.evidence { (t("证据", "Evidence ")) (s.evidence.name().get(ctx.lang)) }
            }
            table {
                thead { tr {
                    th { (t("数字", "Figure")) }
                    @if s.judge.is_some() {
                        th { (t("本人", "This judge")) }
                        th { (t("本院其他法官比照值", "Colleagues' norm")) }
                    } @else {
                        th { (t("本院", "This court")) }
                        th { (t("同级法院比照值", "Peers' norm")) }
                    }
                    th { (t("本院往年", "Own earlier years")) }
                    th { (t("是否异常", "Unusual")) }
                } }
                tbody {
                    @for f in &s.figures {
                        tr {
                            td { (f.name.get(ctx.lang)) }
                            td.n class=[f.unusual.then_some("unusual")] { (Figure::shown(f.value)) }
                            td.n { (Figure::shown(f.peers)) }
                            td.n { (Figure::shown(f.own)) }
                            td { @if f.unusual { span.above { (t("▲ 异常", "▲ unusual")) } } }
                        }
                    }
                }
            }
            @if s.cases.is_empty() {
                p.muted { (t("没有列出案件：这项信号只在本院数字上。", "No case listed: the signal is in the court's figure alone.")) }
            } @else {
                table {
                    thead { tr {
                        @if picks { th { (t("选择", "Pick")) } }
                        th { (t("案号", "Case number")) }
                        th { (t("关联案件", "Related case")) }
                        th { (t("原因", "Why")) }
                    } }
                    tbody {
                        @for c in s.cases.iter().take(SHOWN) {
                            tr {
                                @if picks {
                                    td { input type="checkbox" name="case" value=(c.case_no) form=(super::duban::OPEN_FORM_ID); }
                                }
                                td { (case_link(&c.case_no)) }
                                td { @if let Some(related) = &c.related { (case_link(related)) } }
                                td { (c.why.get(ctx.lang)) }
                            }
                        }
                    }
                }
                @if more > 0 {
                    p.muted {
                        @match ctx.lang {
                            Lang::Zh => { "另有" (more) "件未列出（接口 /api/v1/signals/integrity 列出全部）" }
                            Lang::En => { (more) " more not listed (/api/v1/signals/integrity lists them all)" }
                        }
                    }
                }
            }
        }
    }
}

/// The reason the 督办 form starts with: 终本不合规 when every signal shown is of 终本, else 其他.
fn reason(all: &[Signal]) -> Reason {
    if all.iter().all(|s| s.kind == Kind::ZhongbenEarly) {
        Reason::TerminationNonCompliant
    } else {
        Reason::Other
    }
}

/// The instructions the form starts with: 风险信号：and the kinds shown.
fn instructions(ctx: &Ctx, all: &[Signal]) -> String {
    let kinds: Vec<String> = Kind::ALL
        .into_iter()
        .filter(|k| all.iter().any(|s| s.kind == *k))
        .map(|k| k.name().get(ctx.lang).to_string())
        .collect();
    let kinds = kinds.join(ctx.t("、", ", "));
    match ctx.lang {
        Lang::Zh => format!("风险信号：{kinds}"),
        Lang::En => format!("Signal of gaming: {kinds}"),
    }
}
