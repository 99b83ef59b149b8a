//! 分案日志: the entries of a chosen day (today by the app's clock unless `day` is given) for
//! cases of the reader's courts — number, moment, case, what kind of decision, what it decided
//! in words, the start of its hash — and the check of the whole chain (`App::
//! verify_allocation_log`): whole, or the first entry altered, removed or inserted.

use std::collections::HashMap;
use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use maud::{Markup, html};
use shenguan_app::AppError;
use shenguan_domain::allocation::chain::{Break, Entry};
use shenguan_domain::{CaseNumber, CourtScope};

use super::{form_page, named, refuse_unless_reader, tools, track_label};
use crate::auth::blocking;
use crate::pages::table::{Cell, Table};
use crate::pages::{Asked, Ctx, Lang};
use crate::{ApiError, Server, day_value, param};

/// How many characters of an entry's hash the table shows (the whole one is on the desk's
/// result and in `shenguan assign verify`).
const HASH_SHOWN: usize = 16;

/// A day's entries, the whole chain's check (a kept allocation that disagrees with its entries
/// named only when it is of the reader's courts), and the staff's names.
pub(super) struct DayLog {
    entries: Vec<Entry>,
    check: Result<(usize, Option<String>), Break>,
    elsewhere: bool,
    names: HashMap<String, String>,
}

/// Reads the day's entries within the reader's courts and checks the chain.
pub(super) async fn read_day(
    server: &Arc<Server>,
    ctx: &Ctx,
    day: NaiveDate,
) -> Result<DayLog, ApiError> {
    let user = ctx.user.clone();
    let reading = Arc::clone(server);
    Ok(blocking(move || {
        reading.with_store(|app, store| {
            let check = app.verify_allocation_log(store, None)?;
            let elsewhere = match &check {
                Err(Break::Row { case_no }) => !CaseNumber::parse(case_no, i32::MAX)
                    .ok()
                    .and_then(|n| n.court())
                    .is_some_and(|court| {
                        user.court
                            .is_none_or(|own| CourtScope::with_lower(own).covers(court))
                    }),
                _ => false,
            };
            Ok::<_, AppError>(DayLog {
                entries: app.allocation_log_of_day(store, &user, day)?,
                check,
                elsewhere,
                names: app.staff_names(store)?,
            })
        })
    })
    .await??)
}

/// A kind of entry as the pages name it.
pub(super) fn kind_label<'a>(ctx: &Ctx, kind: &'a str) -> &'a str {
    match kind {
        "track" => ctx.t("繁简分流", "track"),
        "draw" => ctx.t("随机分案", "draw"),
        "designate" => ctx.t("指定分案", "designation"),
        "change" => ctx.t("变更承办法官", "change of judge"),
        "import" => ctx.t("接收案件系统分案", "received from the case system"),
        other => other,
    }
}

/// A fact a rule reads, or a field of an entry, as the pages name it.
pub(super) fn fact_label<'a>(ctx: &Ctx, key: &'a str) -> &'a str {
    match key {
        "case_type" | "type" => ctx.t("类型代字", "case type"),
        "cause" => ctx.t("案由", "cause"),
        "amount" => ctx.t("标的额", "amount"),
        "small_claims_threshold" => ctx.t("小额诉讼标准", "small-claims threshold"),
        "parties" => ctx.t("当事人人数", "parties"),
        "announcement" => ctx.t("公告送达", "announcement"),
        "foreign" => ctx.t("涉外", "foreign"),
        "series" => ctx.t("系列案", "series"),
        "guilty_plea" => ctx.t("认罪认罚", "guilty plea"),
        "max_sentence_months" => ctx.t("最高刑期（月）", "heaviest sentence (months)"),
        "version" => ctx.t("规则版本", "rules version"),
        "rule" => ctx.t("规则", "rule"),
        "track" => ctx.t("轨道", "track"),
        "pool" => ctx.t("审判团队", "pool"),
        "seed" => ctx.t("种子", "seed"),
        "judge" => ctx.t("法官", "judge"),
        "among" => ctx.t("候选", "among"),
        "excluded" => ctx.t("回避", "excluded"),
        "away" => ctx.t("休假", "on leave"),
        "reason" => ctx.t("理由", "reason"),
        "approver" => ctx.t("审批人", "approver"),
        "from" => ctx.t("原承办法官", "from"),
        "to" => ctx.t("新承办法官", "to"),
        other => other,
    }
}

/// An entry's detail (`key=value;…`, the facts a rule read as `key=value,…`) in words: each
/// field named, tracks in Chinese, judges with their names; a part it cannot read as it is.
fn detail_text(ctx: &Ctx, detail: &str, names: &HashMap<String, String>) -> String {
    let mut words: Vec<String> = Vec::new();
    for part in detail.split(';').filter(|p| !p.is_empty()) {
        // The facts a rule read are one part of comma-separated fields; a part whose pieces are
        // not all fields (a cause with a comma) is shown whole.
        let pieces: Vec<&str> = part.split(',').collect();
        let fields: Vec<&str> = if pieces.iter().all(|p| p.contains('=')) {
            pieces
        } else {
            vec![part]
        };
        for piece in fields {
            let Some((key, value)) = piece.split_once('=') else {
                words.push(piece.to_string());
                continue;
            };
            let value = match key {
                "track" => track_label(ctx, value),
                // "-": no judge (none of the pool could take the case).
                "judge" | "from" | "to" if value == "-" => "—".to_string(),
                "judge" | "from" | "to" => named(names, value),
                "among" | "excluded" | "away" if value.is_empty() => "—".to_string(),
                "among" | "excluded" | "away" => value
                    .split(',')
                    .map(|j| named(names, j))
                    .collect::<Vec<_>>()
                    .join("、"),
                _ => value.to_string(),
            };
            words.push(format!("{}：{value}", fact_label(ctx, key)));
        }
    }
    words.join("；")
}

/// What the check of the chain found, in words.
fn check_text(ctx: &Ctx, log: &DayLog) -> (bool, String) {
    if log.elsewhere {
        return (
            false,
            ctx.t(
                "分案日志完整，但另一法院的一件分案记录与分案日志不符，请告知系统管理员核查",
                "The allocation log is whole, but another court's allocation disagrees with its entries: for the administrators to look into",
            )
            .to_string(),
        );
    }
    match (&log.check, ctx.lang) {
        (Ok((count, last)), Lang::Zh) => (
            true,
            format!(
                "分案日志完整：共{count}条，末条哈希 {}",
                last.as_deref().unwrap_or("—")
            ),
        ),
        (Ok((count, last)), Lang::En) => (
            true,
            format!(
                "The allocation log is whole: {count} entries, the last hash {}",
                last.as_deref().unwrap_or("—")
            ),
        ),
        (Err(broken), Lang::Zh) => (false, broken.text().zh().to_string()),
        (Err(broken), Lang::En) => (false, broken.text().en().to_string()),
    }
}

/// The day's entries and the chain's check.
pub(super) fn day_section(ctx: &Ctx, day: NaiveDate, log: &DayLog) -> Markup {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let (whole, said) = check_text(ctx, log);
    let mut table = Table::new(
        "log",
        match ctx.lang {
            Lang::Zh => format!("{day}分案日志"),
            Lang::En => format!("Allocation log of {day}"),
        },
        vec![
            t("序号", "No."),
            t("时间", "Time"),
            t("案号", "Case"),
            t("类别", "Kind"),
            t("内容", "What was decided"),
            t("哈希（前16位）", "Hash (first 16)"),
        ],
    );
    table.counted = ("条", "entries");
    table.rows = log
        .entries
        .iter()
        .map(|e| {
            vec![
                Cell::count(i64::try_from(e.seq).unwrap_or(i64::MAX)),
                Cell::text(e.at.get(11..19).unwrap_or(&e.at).to_string()),
                Cell::text(e.case_no.clone()),
                Cell::text(kind_label(ctx, &e.kind).to_string()),
                Cell::text(detail_text(ctx, &e.detail, &log.names)),
                Cell::text(e.hash.chars().take(HASH_SHOWN).collect::<String>()),
            ]
        })
        .collect();
    html! {
        p class=(if whole { "within" } else { "below" }) {
            strong { (said) }
        }
        @if log.entries.is_empty() {
            p.muted { (ctx.t("当日没有分案记录。", "Nothing was allocated that day.")) }
        } @else {
            (ctx.table(table))
        }
    }
}

/// `GET /assignments/log?day=YYYY-MM-DD`: a day's log (today unless given).
pub(crate) async fn log_page(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    form_page(server, asked, |server, ctx| async move {
        refuse_unless_reader(&ctx)?;
        let day = day_value("day", param(ctx.params(), "day").as_deref())?
            .unwrap_or_else(|| server.app.today());
        let log = read_day(&server, &ctx, day).await?;
        let title = ctx.t("分案日志", "Allocation log");
        let body = html! {
            h1 { (title) }
            (tools(&ctx))
            form method="get" action="/assignments/log" {
                label { (ctx.t("日期", "Day")) " " input type="date" name="day" value=(day); }
                " " button { (ctx.t("查询", "Show")) }
            }
            (day_section(&ctx, day, &log))
        };
        Ok((StatusCode::OK, ctx.page(title, body)))
    })
    .await
}
