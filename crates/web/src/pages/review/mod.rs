//! 案件评查 on the pages: the home of review (`/reviews`: the plans, the year's review as the
//! speech says it, the finding items found most often, the reader's own review tasks, and the form
//! that flags a case for key review), the plan wizard with its preview and a plan's page
//! (`plans`), a case under review — the reviewer's score sheet and recusal, the judge's objection,
//! the office's decision and accountability (`case`) — and a judge's performance file
//! (`performance`). What may be done is the app's to decide (`shenguan_app::review`).

mod case;
mod performance;
mod plans;

use std::sync::Arc;

use axum::Form;
use axum::extract::State;
use axum::response::Response;
use chrono::Datelike;
use maud::{Markup, html};
use shenguan_app::accounts::Role;
use shenguan_app::review::{FlagKind, reason_label};

use super::html::encode;
use super::table::{Cell, Table};
use super::{Asked, Ctx, Here, Lang, same_form, signed_in};
use crate::auth::blocking;
use crate::{ApiError, Server, param};

pub(crate) use self::case::{review_action, review_case_page};
pub(crate) use self::performance::performance_page;
pub(crate) use self::plans::{assign_case, make_plan, new_plan_page, plan_page};

/// Whether the reader keeps review (plans, decisions): the office, leaders, administrators.
fn keeps(ctx: &Ctx) -> bool {
    matches!(ctx.user.role, Role::Office | Role::Leader | Role::Admin)
}

/// Whether the reader makes plans: the office and administrators.
fn plans_made_by(ctx: &Ctx) -> bool {
    matches!(ctx.user.role, Role::Office | Role::Admin)
}

/// Whether the reader may flag a case for key review.
fn flags(ctx: &Ctx) -> bool {
    ctx.user.role != Role::Judge
}

/// Where a case of a plan is read and acted on.
fn case_href(plan_id: i64, case_no: &str) -> String {
    format!("/reviews/plans/{plan_id}/cases/{}", encode(case_no))
}

fn reason_text(ctx: &Ctx, reason: &str) -> String {
    reason_label(reason).get(ctx.lang).to_string()
}

/// The year the home page speaks of: `year`, else the last full year.
fn year_of(server: &Server, ctx: &Ctx) -> Result<i32, ApiError> {
    let last = server.app.today().year() - 1;
    match param(ctx.params(), "year") {
        None => Ok(last),
        Some(text) => text
            .parse::<i32>()
            .ok()
            .filter(|y| (1949..=last + 1).contains(y))
            .ok_or_else(|| {
                ApiError::from(shenguan_app::AppError::invalid_for(
                    "year",
                    &shenguan_app::text!("年份须为1949年至今", "the year is 1949 to this year"),
                ))
            }),
    }
}

/// `GET /reviews`: the home of review.
pub(crate) async fn reviews_page(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        home(&server, &ctx, None).await
    })
    .await
}

async fn home(server: &Arc<Server>, ctx: &Ctx, note: Option<Markup>) -> Result<Markup, ApiError> {
    let year = year_of(server, ctx)?;
    let user = ctx.user.clone();
    let reading = Arc::clone(server);
    let keeper = keeps(ctx);
    let (plans, tasks, tally, found) = blocking(move || {
        reading.with_store(|app, store| {
            let plans = if keeper {
                app.review_plans(store, &user)?
            } else {
                Vec::new()
            };
            let tasks = app.review_worklist(store, &user)?;
            let (tally, found) = if keeper {
                (
                    Some(app.review_sentence(store, &user, year)?.2),
                    app.year_findings(store, &user, year)?,
                )
            } else {
                (None, shenguan_app::review::YearFindings::default())
            };
            Ok::<_, shenguan_app::AppError>((plans, tasks, tally, found))
        })
    })
    .await??;
    let t = |zh, en| ctx.t(zh, en);
    let title = t("案件评查", "Case-quality review");
    let body = html! {
        h1 { (title) }
        @if let Some(note) = note { (note) }
        p.tools {
            @if plans_made_by(ctx) { a href="/reviews/new" { (t("制定评查计划", "Make a review plan")) } }
            @if let Some(key) = ctx.user.judge_key() {
                a href=(format!("/reviews/judges/{}", encode(&key))) { (t("我的业绩档案", "My performance file")) }
            }
            @if keeper {
                a href="/indicator/review_problem_rate" { (t("评查指标", "Review figures")) }
            }
        }
        @if let Some(said) = tally {
            h2 { (t("年度发改再案件评查", "The year's review of reversed, remanded and retried cases")) }
            form.filters method="get" action="/reviews" {
                label { (t("年度", "Year")) " " input type="number" name="year" value=(year) min="1949" max="9999"; }
                " " button { (t("查看", "Show")) }
            }
            p.speech { (said.get(ctx.lang)) "。" }
            p.tools {
                (t("评查通报", "Review bulletin")) " "
                a href=(format!("/reviews/bulletin?year={year}&format=docx")) { "Word" }
                " "
                a href=(format!("/reviews/bulletin?year={year}&format=xlsx")) { "Excel" }
            }
            h3 { (t("年内作出评查结论的案件中发现的问题", "What the reviews decided in the year found")) }
            p {
                @match ctx.lang {
                    Lang::Zh => { "年内作出评查结论的案件" (found.reviewed) "件（各类评查计划，一案只计一次），其中问题案件" (found.problem) "件。" }
                    Lang::En => { (found.reviewed) " cases had their review decided in the year (every kind of plan, each case once), " (found.problem) " of them problem cases." }
                }
            }
            (ctx.table(items_table(ctx, &found.items, found.problem)))
        }
        @if !tasks.is_empty() {
            h2 { (t("我的评查任务", "My review tasks")) }
            (ctx.table(tasks_table(ctx, &tasks)))
        }
        @if keeper {
            h2 { (t("评查计划", "Review plans")) }
            (ctx.table(plans_table(ctx, &plans)))
        }
        @if flags(ctx) {
            h2 { (t("列为重点评查", "Flag a case for key review")) }
            p.muted { (t(
                "存疑案件和上级、人大等交办转办的案件，由下一个重点评查计划选取。",
                "Doubtful cases and cases referred from outside are taken by the next key review plan."
            )) }
            (flag_form(ctx))
        }
    };
    Ok(ctx.page(title, body))
}

/// The finding items of the year, the most frequent first, with their share of the problem
/// cases and the running share (the Pareto of the year's problems).
fn items_table(ctx: &Ctx, items: &[shenguan_app::review::ItemCount], problems: u32) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        "items",
        t("评查发现问题的条目", "Finding items"),
        vec![
            t("条目", "Item"),
            t("类别", "Group"),
            t("内容", "What it covers"),
            t("案件数", "Cases"),
            t("占问题案件", "Of problem cases"),
            t("累计", "Running share"),
        ],
    );
    let total: u32 = items.iter().map(|i| i.cases).sum();
    let mut running = 0;
    for item in items {
        running += item.cases;
        let share = |n: u32, of: u32| (of > 0).then(|| f64::from(n) * 100.0 / f64::from(of));
        let percent = |v: Option<f64>| {
            Cell::figure(
                v,
                shenguan_app::report::document::NumberFormat::Percent(1),
                v.map_or_else(|| "—".into(), |v| format!("{v:.1}%")),
            )
        };
        table.rows.push(vec![
            Cell::text(item.item.clone()),
            Cell::text(item.group.clone()),
            Cell::text(item.text.clone()),
            Cell::count(i64::from(item.cases)),
            percent(share(item.cases, problems)),
            percent(share(running, total)),
        ]);
    }
    table.counted = ("项", "items");
    table
}

fn tasks_table(ctx: &Ctx, tasks: &[shenguan_app::review::ReviewTaskRow]) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        "tasks",
        t("我的评查任务", "My review tasks"),
        vec![
            t("评查计划", "Plan"),
            t("案号", "Case"),
            t("选取理由", "Why taken"),
            t("状态", "State"),
        ],
    );
    for task in tasks {
        table.rows.push(vec![
            Cell::text(task.plan_name.clone()),
            Cell::text(task.case_no.clone()).link(case_href(task.plan_id, &task.case_no)),
            Cell::text(reason_text(ctx, &task.reason)),
            match &task.submitted_at {
                Some(at) => Cell::text(format!(
                    "{}{}",
                    t("已提交 ", "submitted "),
                    at.get(..10).unwrap_or(at)
                )),
                None => Cell::text(t("待评查", "to review")).class("above"),
            },
        ]);
    }
    table
}

fn plans_table(ctx: &Ctx, plans: &[shenguan_app::review::ReviewPlanRow]) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        "plans",
        t("评查计划", "Review plans"),
        vec![
            t("编号", "No."),
            t("名称", "Name"),
            t("方式", "Kind"),
            t("法院", "Courts"),
            t("期间", "Period"),
            t("制定人", "Made by"),
            t("制定时间", "Made"),
        ],
    );
    for plan in plans {
        let kind = shenguan_app::review::PlanKind::parse(&plan.kind)
            .map_or_else(|| plan.kind.clone(), |k| k.label(ctx.lang).to_string());
        table.rows.push(vec![
            Cell::count(plan.id),
            Cell::text(plan.name.clone()).link(format!("/reviews/plans/{}", plan.id)),
            Cell::text(if plan.blind {
                format!("{kind}{}", t("（背对背）", " (blind)"))
            } else {
                kind
            }),
            Cell::text(
                plan.court
                    .as_deref()
                    .map_or_else(|| t("全市", "network"), |c| ctx.court(c)),
            ),
            Cell::text(format!("{} — {}", plan.from, plan.to)),
            Cell::text(plan.created_by.clone()),
            Cell::text(
                plan.created_at
                    .get(..16)
                    .unwrap_or(&plan.created_at)
                    .replace('T', " "),
            ),
        ]);
    }
    table.counted = ("个", "plans");
    table
}

fn flag_form(ctx: &Ctx) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    html! {
        form method="post" action="/reviews/flags" {
            input type="hidden" name="csrf" value=(ctx.csrf);
            dl {
                dt { (t("案号", "Case number")) }
                dd { input name="case_no" size="32" maxlength="64" required; }
                dt { (t("类别", "Kind")) }
                dd {
                    select name="kind" {
                        option value="doubt" { (t("存疑案件", "doubtful")) }
                        option value="referred" { (t("交办转办", "referred from outside")) }
                    }
                }
                dt { (t("交办单位（交办转办时填写）", "Referred by (for a referred case)")) }
                dd { input name="source" size="32" maxlength="100"; }
                dt { (t("理由", "Reason")) }
                dd { textarea name="reason" rows="2" cols="60" maxlength="2000" required {} }
            }
            p { button { (t("列为重点评查", "Flag")) } }
        }
    }
}

/// `POST /reviews/flags`: flags the form's case for the next key plan; then the home page.
pub(crate) async fn flag_case(
    State(server): State<Arc<Server>>,
    asked: Asked,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    signed_in(server, asked, |server, mut ctx| async move {
        same_form(&ctx, &param(&pairs, "csrf").unwrap_or_default())?;
        let field = |name: &str| param(&pairs, name).unwrap_or_default();
        let kind_text = field("kind");
        let kind = FlagKind::parse(&kind_text).ok_or_else(|| {
            ApiError::from(shenguan_app::AppError::invalid_for(
                "kind",
                &shenguan_app::text!("类别须为存疑或交办转办", "the kind is doubt or referred"),
            ))
        })?;
        let (case_no, source, reason) = (field("case_no"), field("source"), field("reason"));
        let user = ctx.user.clone();
        let writing = Arc::clone(&server);
        let shown = case_no.clone();
        blocking(move || {
            writing.with_writer(|app, store| {
                app.flag_for_review(store, &user, &case_no, kind, &source, &reason)
            })
        })
        .await??;
        let note = html! {
            p.within {
                @match ctx.lang {
                    Lang::Zh => { "已将" (shown) "列为重点评查。" }
                    Lang::En => { (shown) " is flagged for key review." }
                }
            }
        };
        ctx.here = Here::at("/reviews");
        home(&server, &ctx, Some(note)).await
    })
    .await
}

/// `GET /reviews/bulletin?year=…&format=docx|xlsx`: the year's review bulletin for the reader's
/// courts (the office, leaders and administrators), audited as an export.
pub(crate) async fn review_bulletin(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    let Asked { headers, here } = asked;
    let lang = super::page_lang(&headers);
    let ctx = match super::session_ctx(&server, &headers, lang, here).await {
        Ok(Some(ctx)) => ctx,
        Ok(None) => return super::redirect("/login"),
        Err(error) => return super::error_page(None, lang, error),
    };
    match bulletin_file(&server, &ctx).await {
        Ok((name, format, bytes)) => super::attachment(&name, format, bytes),
        Err(error) => super::error_page(Some(&ctx), lang, error),
    }
}

async fn bulletin_file(
    server: &Arc<Server>,
    ctx: &Ctx,
) -> Result<(String, shenguan_app::report::ReportFormat, Vec<u8>), ApiError> {
    use shenguan_app::report::ReportFormat;
    if !keeps(ctx) {
        return Err(ApiError::from(shenguan_app::AppError::Forbidden(
            shenguan_app::text!(
                "评查通报由审管办、院领导和系统管理员下载",
                "the office, leaders and administrators download the review bulletin"
            ),
        )));
    }
    let year = year_of(server, ctx)?;
    let asked = param(ctx.params(), "format").unwrap_or_else(|| "docx".into());
    let format = match ReportFormat::parse(&asked) {
        Some(format @ (ReportFormat::Docx | ReportFormat::Xlsx)) => format,
        _ => {
            return Err(ApiError::from(shenguan_app::AppError::invalid_for(
                "format",
                &shenguan_app::text!("须为 docx 或 xlsx", "must be docx or xlsx"),
            )));
        }
    };
    let user = ctx.user.clone();
    let working = Arc::clone(server);
    let name = format!("{year}年度案件质量评查通报");
    let audited = format!("review bulletin {year}.{}", format.extension());
    let bytes = blocking(move || {
        working
            .with_store(|app, store| {
                let document = app.review_bulletin(store, &user, year)?;
                app.render_report(&document, format)
            })
            .and_then(|bytes| {
                working.audit(Some(&user.name), "export", &audited)?;
                Ok(bytes)
            })
    })
    .await??;
    Ok((name, format, bytes))
}
