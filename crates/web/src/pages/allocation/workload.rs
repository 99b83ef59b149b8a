//! 分案情况 (`/assignments/workload?from&to`): what a period's allocations within the reader's
//! courts say (`App::workload`) — how many, how many found no judge, each track's share, the
//! share of cases on the 速裁 track beside the share of the judges taking them (the "二八"
//! check), each judge's cases received, closed and pending with their weighted caseload and
//! 结案均衡度, designations by reason and their rate by court, pool and month, the changes of judge
//! with their reasons and approvers, and the litigants or lawyers paired with one judge beyond
//! chance.

use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::html;
use shenguan_app::allocation::workload::Workload;
use shenguan_app::report::document::NumberFormat;

use super::{form_page, named, refuse_unless_reader, staff_names, tools, track_label};
use crate::auth::blocking;
use crate::pages::table::{Cell, Table};
use crate::pages::{Asked, Ctx, Lang, period, period_form};
use crate::{ApiError, Server};

fn percent(value: f64) -> Cell {
    Cell::figure(
        Some(value),
        NumberFormat::Percent(1),
        format!("{value:.1}%"),
    )
}

/// Allocated, designated and their rate: the cells a designation-rate row ends in.
fn designated_of(allocated: u32, designated: u32) -> [Cell; 3] {
    [
        Cell::count(i64::from(allocated)),
        Cell::count(i64::from(designated)),
        percent(f64::from(designated) * 100.0 / f64::from(allocated.max(1))),
    ]
}

fn tracks_table(ctx: &Ctx, w: &Workload) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        "tracks",
        t("各轨道分案", "By track"),
        vec![t("轨道", "Track"), t("案件数", "Cases"), t("占比", "Share")],
    );
    table.counted = ("个轨道", "tracks");
    let all = f64::from(w.allocated.max(1));
    table.rows = w
        .tracks
        .iter()
        .map(|(track, n)| {
            vec![
                Cell::text(track_label(ctx, track)),
                Cell::count(i64::from(*n)),
                percent(f64::from(*n) * 100.0 / all),
            ]
        })
        .collect();
    table
}

fn judges_table(
    ctx: &Ctx,
    w: &Workload,
    names: &std::collections::HashMap<String, String>,
) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        "judges",
        t("各法官分案及在办", "Judges: allocated and pending"),
        vec![
            t("法官", "Judge"),
            t("审判团队", "Pool"),
            t("期间收案", "Allocated in the period"),
            t("期间结案", "Closed in the period"),
            t("在办加权案件量", "Weighted caseload pending"),
            t("在办案件", "Cases pending"),
            t("结案均衡度", "Evenness of closings"),
        ],
    );
    table.counted = ("名法官", "judges");
    table.page_size = Some(100);
    table.rows = w
        .judges
        .iter()
        .map(|j| {
            // Caseloads are kept in hundredths of a case weight.
            let load = j.pending_load as f64 / 100.0;
            vec![
                Cell::text(named(names, &j.judge)),
                Cell::text(j.pool.clone()),
                Cell::count(i64::from(j.allocated)),
                Cell::count(i64::from(j.closed)),
                Cell::figure(Some(load), NumberFormat::Decimal(2), format!("{load:.2}")),
                Cell::count(j.pending),
                match j.balance {
                    Some(b) => percent(b),
                    None => Cell::text("—".to_string()),
                },
            ]
        })
        .collect();
    table
}

fn designations_table(ctx: &Ctx, w: &Workload) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        "designations",
        t("指定分案（按理由）", "Designations by reason"),
        vec![t("理由", "Reason"), t("件数", "Cases")],
    );
    table.counted = ("项理由", "reasons");
    table.rows = w
        .designations
        .iter()
        .map(|(reason, n)| vec![Cell::text(reason.clone()), Cell::count(i64::from(*n))])
        .collect();
    table
}

fn rates_table(ctx: &Ctx, w: &Workload) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        "designation-rates",
        t(
            "指定分案率（按法院、团队）",
            "Designation rate by court and pool",
        ),
        vec![
            t("法院", "Court"),
            t("审判团队", "Pool"),
            t("分案", "Allocated"),
            t("指定分案", "Designated"),
            t("指定分案率", "Rate"),
        ],
    );
    table.counted = ("个团队", "pools");
    table.rows = w
        .designation_rates
        .iter()
        .map(|r| {
            let mut row = vec![Cell::text(r.court.clone()), Cell::text(r.pool.clone())];
            row.extend(designated_of(r.allocated, r.designated));
            row
        })
        .collect();
    table
}

fn months_table(ctx: &Ctx, w: &Workload) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        "designation-months",
        t("指定分案率（按月）", "Designation rate by month"),
        vec![
            t("月份", "Month"),
            t("分案", "Allocated"),
            t("指定分案", "Designated"),
            t("指定分案率", "Rate"),
        ],
    );
    table.counted = ("个月", "months");
    table.rows = w
        .designation_months
        .iter()
        .map(|(month, (allocated, designated))| {
            let mut row = vec![Cell::text(month.clone())];
            row.extend(designated_of(*allocated, *designated));
            row
        })
        .collect();
    table
}

fn pairings_table(
    ctx: &Ctx,
    w: &Workload,
    names: &std::collections::HashMap<String, String>,
) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        "pairings",
        t("反复匹配同一法官", "Repeated pairings with one judge"),
        vec![
            t("当事人或代理人", "Litigant or lawyer"),
            t("审判团队", "Pool"),
            t("法官", "Judge"),
            t("该法官承办", "Taken by the judge"),
            t("团队内案件", "Their cases in the pool"),
            t("团队法官人数", "Judges of the pool"),
            t("随机分案下的概率", "Chance under a fair draw"),
            t("案件", "Cases"),
        ],
    );
    table.counted = ("项", "pairings");
    table.rows = w
        .pairings
        .iter()
        .map(|p| {
            vec![
                Cell::text(p.who.clone()),
                Cell::text(p.pool.1.clone()),
                Cell::text(named(names, &p.judge)),
                Cell::count(p.cases.len() as i64),
                Cell::count(i64::from(p.of)),
                Cell::count(i64::from(p.judges)),
                Cell::text(format!("{:.2e}", p.chance)),
                Cell::text(p.cases.join("、")),
            ]
        })
        .collect();
    table
}

fn changes_table(ctx: &Ctx, w: &Workload) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        "changes",
        t("变更承办法官", "Changes of judge"),
        vec![
            t("案号", "Case"),
            t("理由", "Reason"),
            t("审批人", "Approved by"),
        ],
    );
    table.counted = ("次", "changes");
    table.rows = w
        .changes
        .iter()
        .map(|(case_no, reason, approver)| {
            vec![
                Cell::text(case_no.clone()),
                Cell::text(reason.clone()),
                Cell::text(approver.clone()),
            ]
        })
        .collect();
    table
}

/// `GET /assignments/workload?from&to`: the period's allocations (this year to date unless
/// given).
pub(crate) async fn workload_page(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    form_page(server, asked, |server, ctx| async move {
        refuse_unless_reader(&ctx)?;
        let span = period(&server, ctx.params())?;
        let user = ctx.user.clone();
        let reading = Arc::clone(&server);
        let w = blocking(move || reading.with_store(|app, store| app.workload(store, &user, span)))
            .await??;
        let names = staff_names(&server).await?;
        let t = |zh, en| ctx.t(zh, en);
        let title = t("分案情况", "Allocations");
        let body = html! {
            h1 { (title) }
            (tools(&ctx))
            (period_form(&ctx, "/assignments/workload", span))
            div.cards {
                div.card { div.n { (t("分案", "Allocated")) } div.v { (w.allocated) " " small { (t("件", "cases")) } } }
                div.card {
                    div.n { (t("未能分配法官", "Without a judge")) }
                    div class=(if w.unassigned > 0 { "v below" } else { "v" }) { (w.unassigned) " " small { (t("件", "cases")) } }
                }
                div.card { div.n { (t("速裁轨道案件占比", "Speedy track's share of cases")) } div.v { (format!("{:.1}", w.speedy_cases)) " " small { "%" } } }
                div.card { div.n { (t("承办速裁案件的法官占比", "Share of judges taking them")) } div.v { (format!("{:.1}", w.speedy_judges)) " " small { "%" } } }
            }
            p.muted {
                @match ctx.lang {
                    Lang::Zh => { "“二八”分流：以少数法官办理多数简单案件。本期间速裁轨道案件占" (format!("{:.1}", w.speedy_cases)) "%，由" (format!("{:.1}", w.speedy_judges)) "%的法官承办。指定分案和变更承办法官按分案日志统计（案件只保留最近一次）。" }
                    Lang::En => { "The “二八” split: a few judges take the mass of simple cases. This period the speedy track took " (format!("{:.1}", w.speedy_cases)) "% of the cases with " (format!("{:.1}", w.speedy_judges)) "% of the judges. Designations and changes of judge are counted from the log (a case's row keeps only its latest)." }
                }
            }
            h2 { (t("各轨道", "By track")) }
            (ctx.table(tracks_table(&ctx, &w)))
            h2 { (t("各法官", "By judge")) }
            (ctx.table(judges_table(&ctx, &w, &names)))
            h2 { (t("指定分案", "Designations")) }
            @if w.designations.is_empty() {
                p.muted { (t("期间内没有指定分案。", "No case was designated in the period.")) }
            } @else {
                (ctx.table(designations_table(&ctx, &w)))
            }
            @if !w.designation_rates.is_empty() {
                (ctx.table(rates_table(&ctx, &w)))
                (ctx.table(months_table(&ctx, &w)))
            }
            h2 { (t("变更承办法官", "Changes of judge")) }
            @if w.changes.is_empty() {
                p.muted { (t("期间内没有变更承办法官。", "No judge was changed in the period.")) }
            } @else {
                (ctx.table(changes_table(&ctx, &w)))
            }
            h2 { (t("反复匹配同一法官", "Repeated pairings with one judge")) }
            p.muted {
                (t(
                    "随机分案的当事人（按身份标识，无标识时按姓名）或代理人，其同一团队的案件反复分给同一法官、随机分案下出现如此多的概率低于设定阈值的，列出案件以供核查；概率只是提示，需结合案情判断。指定分案不计入。",
                    "Litigants (by identity key, else name) or lawyers whose drawn cases of one pool went to the same judge so often that a fair draw would do so only with a chance below the court's threshold, with the cases, for a closer look: the chance is a prompt, not a finding. Designated cases are left out."
                ))
            }
            @if w.pairings.is_empty() {
                p.muted { (t("期间内没有超出随机的反复匹配。", "No pairing beyond chance in the period.")) }
            } @else {
                (ctx.table(pairings_table(&ctx, &w, &names)))
            }
        };
        Ok::<_, ApiError>((StatusCode::OK, ctx.page(title, body)))
    })
    .await
}
