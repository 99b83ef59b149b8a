//! 分流规则沙盘 (`/assignments/sandbox`): a period's first-instance filings of the reader's
//! courts replayed under a rule set — the configured (or shipped) one, or a rules file pasted
//! into the form and read by `rules_file::parse`, its error shown on the form — beside what
//! happened (`App::sandbox`): each track's share as the cases went and as the rules would send
//! them, how many cases move, and the average trial days and within-limit rate as they were and
//! as projected, the mean of the replays with its low–high range over the seeds.

use std::sync::Arc;

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use maud::{Markup, html};
use shenguan_app::allocation::rules_file;
use shenguan_app::report::document::NumberFormat;
use shenguan_app::{AppError, text};
use shenguan_domain::allocation::sandbox::{Comparison, Projected};

use super::{field, form_page, refusal, refuse_unless_reader, tools};
use crate::auth::blocking;
use crate::pages::table::{Cell, Table};
use crate::pages::{Asked, Ctx, Here, Lang, period, same_form};
use crate::{ApiError, Server, param};

/// The largest rules file the form takes, in bytes: a court's rules (at most 500 of them) run
/// to a few kilobytes.
const RULES_TEXT_MAX: usize = 64 * 1024;

/// The replays run unless the form says otherwise.
const SEEDS_DEFAULT: usize = 5;

/// What the form asks: the period, the seeds, and the pasted rules (empty: the configured ones).
struct Asking {
    period: (NaiveDate, NaiveDate),
    seeds: usize,
    pasted: Option<String>,
}

fn asking(server: &Server, pairs: &[(String, String)]) -> Result<Asking, ApiError> {
    let period = period(server, pairs)?;
    let seeds = match param(pairs, "seeds") {
        None => SEEDS_DEFAULT,
        Some(text) => text
            .parse::<usize>()
            .ok()
            .filter(|n| (1..=50).contains(n))
            .ok_or_else(|| {
                ApiError::from(AppError::invalid_for(
                    "seeds",
                    &text!("种子数须为1至50", "1 to 50 seeds"),
                ))
            })?,
    };
    let pasted = pairs
        .iter()
        .rev()
        .find(|(k, _)| k == "rules")
        .map(|(_, v)| v.clone())
        .filter(|v| !v.trim().is_empty());
    if pasted.as_ref().is_some_and(|p| p.len() > RULES_TEXT_MAX) {
        let kib = RULES_TEXT_MAX / 1024;
        return Err(ApiError::from(AppError::invalid_for(
            "rules",
            &text!(
                "粘贴的规则文件超过{kib}KB",
                "the pasted rules file is over {kib} KiB"
            ),
        )));
    }
    Ok(Asking {
        period,
        seeds,
        pasted,
    })
}

/// Replays the period under the rules asked for: the comparison and the rule set's version.
async fn compared(
    server: &Arc<Server>,
    ctx: &Ctx,
    asked: Asking,
) -> Result<(Comparison, String), ApiError> {
    let user = ctx.user.clone();
    let working = Arc::clone(server);
    let pasted_name = ctx.t("粘贴的规则", "the pasted rules").to_string();
    Ok(blocking(move || {
        let rules = match &asked.pasted {
            Some(text) => rules_file::parse(text, &pasted_name)?,
            None => rules_file::load(working.app.config().allocation_rules.as_deref())?,
        };
        let version = rules.version.clone();
        let c = working.with_store(|app, store| {
            app.sandbox(store, &user, &rules, asked.period, asked.seeds)
        })?;
        Ok::<_, AppError>((c, version))
    })
    .await??)
}

fn shares_table(ctx: &Ctx, c: &Comparison) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        "shares",
        t("各轨道占比", "Shares by track"),
        vec![
            t("轨道", "Track"),
            t("实际", "As they went"),
            t("按拟用规则", "Under the rules"),
        ],
    );
    table.counted = ("个轨道", "tracks");
    let share = |v: f64| Cell::figure(Some(v), NumberFormat::Percent(1), format!("{v:.1}%"));
    table.rows = c
        .shares
        .iter()
        .map(|(track, (was, would))| {
            vec![
                Cell::text(super::track_label(ctx, track.key())),
                share(*was),
                share(*would),
            ]
        })
        .collect();
    table
}

/// The projected figures: each with its label, format, unit and decimals shown.
fn projections<'a>(
    ctx: &Ctx,
    c: &'a Comparison,
) -> Vec<(String, &'a Projected, NumberFormat, &'static str, usize)> {
    let t = |zh, en| ctx.t(zh, en).to_string();
    vec![
        (
            t("平均审理天数", "Average trial days"),
            &c.average_days,
            NumberFormat::Days,
            "",
            1,
        ),
        (
            t("审限内结案率", "Closed within the limit"),
            &c.within_limit,
            NumberFormat::Percent(1),
            "%",
            1,
        ),
        (
            t(
                "法官加权收案：最多÷最少",
                "Judges' weighted intake: largest ÷ smallest",
            ),
            &c.max_over_min,
            NumberFormat::Decimal(1),
            "",
            1,
        ),
        (
            t(
                "法官加权收案：基尼系数",
                "Judges' weighted intake: Gini coefficient",
            ),
            &c.gini,
            NumberFormat::Decimal(3),
            "",
            3,
        ),
    ]
}

fn projected_table(ctx: &Ctx, c: &Comparison) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        "projected",
        t("审理天数与审限内结案率", "Trial days and within-limit rate"),
        vec![
            t("指标", "Figure"),
            t("实际", "As they were"),
            t("预测均值", "Projected mean"),
            t("预测区间（低–高）", "Range (low–high)"),
        ],
    );
    table.counted = ("项", "figures");
    table.rows = projections(ctx, c)
        .into_iter()
        .map(|(label, p, format, unit, places)| {
            let shown = |v: Option<f64>| {
                v.map_or_else(|| "—".to_string(), |v| format!("{v:.places$}{unit}"))
            };
            vec![
                Cell::text(label),
                Cell::figure(p.actual, format, shown(p.actual)),
                Cell::figure(p.mean, format, shown(p.mean)),
                Cell::text(format!("{} – {}", shown(p.low), shown(p.high))),
            ]
        })
        .collect();
    table
}

/// A table drawn as it is, without sorting or an export link: the tables of a pasted rules file,
/// which a link could not replay (the file is not in the address).
fn plain(table: &Table, rows: &[Vec<String>]) -> Markup {
    html! {
        table {
            thead { tr { @for h in &table.header { th { (h) } } } }
            tbody {
                @for row in rows {
                    tr {
                        @for (i, cell) in row.iter().enumerate() {
                            @if i == 0 { td { (cell) } } @else { td.n { (cell) } }
                        }
                    }
                }
            }
        }
    }
}

/// A share in percent, or a dash.
fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "—".to_string(), |v| format!("{v:.1}%"))
}

/// The comparison the replays give; `pasted`: under a pasted file (its tables drawn plain).
fn comparison(ctx: &Ctx, c: &Comparison, version: &str, pasted: bool) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let (filings, moved, seeds) = (c.filings, c.moved, c.seeds);
    let shares = if pasted {
        let rows: Vec<Vec<String>> = c
            .shares
            .iter()
            .map(|(track, (was, would))| {
                vec![
                    super::track_label(ctx, track.key()),
                    format!("{was:.1}%"),
                    format!("{would:.1}%"),
                ]
            })
            .collect();
        plain(&shares_table(ctx, c), &rows)
    } else {
        ctx.table(shares_table(ctx, c))
    };
    let projected = if pasted {
        let rows: Vec<Vec<String>> = projections(ctx, c)
            .into_iter()
            .map(|(label, p, _, unit, places)| {
                let shown = |v: Option<f64>| {
                    v.map_or_else(|| "—".to_string(), |v| format!("{v:.places$}{unit}"))
                };
                vec![
                    label,
                    shown(p.actual),
                    shown(p.mean),
                    format!("{} – {}", shown(p.low), shown(p.high)),
                ]
            })
            .collect();
        plain(&projected_table(ctx, c), &rows)
    } else {
        ctx.table(projected_table(ctx, c))
    };
    html! {
        p {
            @match ctx.lang {
                Lang::Zh => { "一审收案" strong { (filings) } "件；按规则（" (version) "）改变轨道" strong { (moved) } "件；重放" (seeds) "次。" }
                Lang::En => { strong { (filings) } " first-instance filings; " strong { (moved) } " move track under the rules (" (version) "); " (seeds) " replays." }
            }
        }
        (shares)
        h2 { (t("审理天数、审限内结案率与法官收案分布", "Trial days, within-limit rate and the judges' intake")) }
        (projected)
        p {
            @match ctx.lang {
                Lang::Zh => { "计入法官" strong { (c.judges) } "人；指定分案占" (pct(c.designated)) "（重放中保持原承办法官）；每次重放平均有" (format!("{:.1}", c.unassigned)) "件无团队法官可分。" }
                Lang::En => { strong { (c.judges) } " judges counted; " (pct(c.designated)) " designated (kept with their judges in each replay); " (format!("{:.1}", c.unassigned)) " filings per replay found no judge of their pool." }
            }
        }
        p.muted { (t(
            "改变轨道的案件取新轨道同期已结案件的审理天数（按种子抽取）；区间为各次重放的最低与最高值，反映随机因素的影响。审限：速裁60日，简案90日，普通、繁案180日。案件数据仅有类型、案由和标的额的，规则读取的其他事实按两名当事人、其余为否计。每次重放按本院分案方式在规则指定的团队内重新随机分案，比较期间各法官收案的加权量：最多÷最少（有法官未收案时不计）与基尼系数（0为完全均衡，越接近1越集中）。",
            "A case that moves takes the trial days of a closed case of its new track in the period (drawn by the seed); the range is the lowest and highest of the replays, what chance alone moves. Limits: 速裁 60 days, 简案 90, 普通 and 繁案 180. Where the case data holds only the type, cause and amount, a rule reading more reads two parties and none of the rest. Each replay draws the judges again within the pools the rules name, by the court's draw, and compares the weighted intake of each judge over the period: the largest over the smallest (not shown when a judge took nothing) and the Gini coefficient (0 perfectly even, towards 1 all on a few)."
        )) }
    }
}

/// The sandbox's form, filled with `kept`.
fn sandbox_form(ctx: &Ctx, span: (NaiveDate, NaiveDate), kept: &[(String, String)]) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let pasted = kept
        .iter()
        .rev()
        .find(|(k, _)| k == "rules")
        .map(|(_, v)| v.as_str())
        // A file over the bound is not sent back to the browser whole.
        .filter(|v| v.len() <= RULES_TEXT_MAX)
        .unwrap_or_default();
    html! {
        form method="post" action="/assignments/sandbox" {
            input type="hidden" name="csrf" value=(ctx.csrf);
            dl {
                dt { (t("收案期间", "Filed")) }
                dd {
                    input type="date" name="from" value=(param(kept, "from").unwrap_or_else(|| span.0.to_string()));
                    " " (t("至", "to")) " "
                    input type="date" name="to" value=(param(kept, "to").unwrap_or_else(|| span.1.to_string()));
                }
                dt { (t("重放次数（1–50）", "Replays (1–50)")) }
                dd { input type="number" name="seeds" min="1" max="50" value=(param(kept, "seeds").unwrap_or_else(|| SEEDS_DEFAULT.to_string())); }
                dt { (t("拟用规则（TOML，留空为现行规则）", "Rules to try (TOML; empty: the rules in use)")) }
                dd {
                    textarea name="rules" rows="12" cols="80" maxlength=(RULES_TEXT_MAX) { (pasted) }
                    br; span.muted { (t("格式与现行分流规则文件相同：规则版本、小额诉讼比例、权重、分案方式和各条规则。", "The format of the rules file in use: its version, the small-claims share, the weights, the draw and the rules in order.")) }
                }
            }
            p { button { (t("试算", "Replay")) } }
        }
    }
}

/// The page: the form, and the comparison or why the form was refused.
async fn sandbox_view(
    server: &Arc<Server>,
    ctx: &Ctx,
    pairs: &[(String, String)],
) -> Result<(StatusCode, Markup), ApiError> {
    let span = period(server, &[]).unwrap_or_else(|_| (server.app.today(), server.app.today()));
    // A replay reads every case of the reader's courts: the page opened without a period asks
    // for one rather than replaying a default.
    if param(pairs, "from").is_none() && param(pairs, "to").is_none() {
        let t = |zh, en| ctx.t(zh, en);
        let title = t("分流规则沙盘", "Diversion rules sandbox");
        let body = html! {
            h1 { (title) }
            (tools(ctx))
            p.muted { (t(
                "选择收案期间和拟用规则后试算：按规则重放期间内的一审收案，与实际情况对比。",
                "Choose the filing period and the rules to try, then replay: the period's first-instance filings are replayed under the rules and set beside what happened."
            )) }
            (sandbox_form(ctx, span, pairs))
        };
        return Ok((StatusCode::OK, ctx.page(title, body)));
    }
    let outcome = match asking(server, pairs) {
        Ok(asked) => {
            let pasted = asked.pasted.is_some();
            compared(server, ctx, asked)
                .await
                .map(|(c, v)| (c, v, pasted))
        }
        Err(error) => Err(error),
    };
    let t = |zh, en| ctx.t(zh, en);
    let title = t("分流规则沙盘", "Diversion rules sandbox");
    let (status, shown) = match &outcome {
        Ok((c, version, pasted)) => (StatusCode::OK, comparison(ctx, c, version, *pasted)),
        Err(error) => (error.status, refusal(ctx.lang, error)),
    };
    let body = html! {
        h1 { (title) }
        (tools(ctx))
        @if outcome.is_err() { (shown) }
        (sandbox_form(ctx, span, pairs))
        @if outcome.is_ok() {
            h2 { (t("各轨道占比：实际与按拟用规则", "Shares by track: as they went and under the rules")) }
            (shown)
        }
    };
    Ok((status, ctx.page(title, body)))
}

/// `GET /assignments/sandbox?from&to&seeds`: the configured rules replayed on the period (this
/// year to date unless given).
pub(crate) async fn sandbox_page(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    form_page(server, asked, |server, ctx| async move {
        refuse_unless_reader(&ctx)?;
        let pairs: Vec<(String, String)> = ctx
            .params()
            .iter()
            .filter(|(k, _)| k != "rules")
            .cloned()
            .collect();
        sandbox_view(&server, &ctx, &pairs).await
    })
    .await
}

/// `POST /assignments/sandbox`: the form's rules (pasted, or the configured ones) replayed.
pub(crate) async fn try_rules(
    State(server): State<Arc<Server>>,
    asked: Asked,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    form_page(server, asked, |server, mut ctx| async move {
        refuse_unless_reader(&ctx)?;
        same_form(&ctx, &field(&pairs, "csrf"))?;
        // A table's links (order, export) ask the page again by GET: the same period and seeds
        // (a pasted file's tables have none).
        let mut here = Here::at("/assignments/sandbox");
        here.params = ["from", "to", "seeds"]
            .into_iter()
            .filter_map(|name| Some((name.to_string(), param(&pairs, name)?)))
            .collect();
        ctx.here = here;
        let kept: Vec<(String, String)> = pairs.into_iter().filter(|(k, _)| k != "csrf").collect();
        sandbox_view(&server, &ctx, &kept).await
    })
    .await
}
