//! 督办 on the pages: the list of supervised cases (filtered by state, reason, lateness and
//! "mine", paged, sortable, exportable), one item with its history and the forms of the steps the
//! reader may take, and the form under a list of cases (审限预警, 长期未结, idle enforcement cases)
//! that puts the cases ticked in it under supervision. Every form carries the session's form
//! token; what may be done is the app's to decide (`shenguan_app::duban`).

use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use chrono::Datelike;
use maud::{Markup, html};
use shenguan_app::accounts::Role;
use shenguan_app::duban::{
    ItemFilter, OpenRequest, Reason, State as ItemState, SupervisedCase, SupervisionFigures,
};
use shenguan_app::report::document::NumberFormat;
use shenguan_app::{AppError, text};

use super::html::encode;
use super::table::{Cell, Table};
use super::{Asked, Ctx, Here, Lang, same_form, signed_in};
use crate::auth::blocking;
use crate::{ApiError, Server, choice_param, day_value, flag_param, item_number, param};

/// The form a list's ticked cases are sent with (`form=` on each tick box).
pub(crate) const OPEN_FORM_ID: &str = "supervise";

/// A tick box for the case `number`, sent with the form under the list.
pub(crate) fn pick_cell(number: &str) -> Cell {
    Cell::controls(html! {
        input type="checkbox" name="case" value=(number) form=(OPEN_FORM_ID);
    })
}

/// Whether the reader may put cases under supervision (the office, court leaders, division
/// heads).
pub(crate) fn may_open(ctx: &Ctx) -> bool {
    matches!(ctx.user.role, Role::Office | Role::Leader | Role::Division)
}

/// The form under a list that supervises the cases ticked in it, `reason` chosen first.
pub(crate) fn open_form(ctx: &Ctx, reason: Reason) -> Markup {
    open_form_with(ctx, reason, "")
}

/// The same form with its instructions begun (what the list is: 风险信号：撤诉再诉).
pub(crate) fn open_form_with(ctx: &Ctx, reason: Reason, instructions: &str) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    html! {
        form.supervise id=(OPEN_FORM_ID) method="post" action="/supervision" {
            input type="hidden" name="csrf" value=(ctx.csrf);
            h2 { (t("督办所选案件", "Supervise the cases ticked")) }
            p {
                label { (t("事由", "Reason")) " "
                    select name="reason" {
                        @for r in Reason::ALL {
                            option value=(r.key()) selected[r == reason] { (r.label().get(ctx.lang)) }
                        }
                    }
                }
                " "
                label { (t("答复期限（可不填）", "Reply by (optional)")) " "
                    input type="date" name="due_on";
                }
                " "
                label { (t("答复人（可不填，默认承办法官）", "Who replies (optional; the judge by default)")) " "
                    input name="answerer" maxlength="64" size="12";
                }
            }
            p {
                label { (t("督办意见", "Instructions")) br;
                    textarea name="instructions" rows="3" cols="60" maxlength="2000" required { (instructions) }
                }
            }
            p { button { (t("督办", "Supervise")) } }
        }
    }
}

/// The figures by court and month, with a 合计 row whose rate is the whole's.
fn figures_table(ctx: &Ctx, figures: &[SupervisionFigures]) -> Table {
    let t = |zh, en| ctx.t(zh, en);
    let mut table = Table::new(
        "stats",
        t("督办统计", "Supervision figures"),
        [
            t("法院", "Court"),
            t("月份", "Month"),
            t("督办", "Opened"),
            t("答复", "Replies"),
            t("应答复", "Replies due"),
            t("按期答复", "On time"),
            t("按期答复率", "On-time rate"),
            t("办结", "Closed"),
            t("升级", "Escalated"),
        ]
        .map(String::from)
        .to_vec(),
    );
    table.counted = ("行", "rows");
    let count = |n: u64| Cell::count(i64::try_from(n).unwrap_or(i64::MAX));
    let rate = |f: &SupervisionFigures| {
        let value = f.on_time_rate();
        Cell::figure(
            value.map(|v| v / 100.0),
            NumberFormat::Percent(1),
            value.map_or_else(|| "—".to_string(), |v| format!("{v:.1}%")),
        )
    };
    let cells = |f: &SupervisionFigures| {
        vec![
            count(f.opened),
            count(f.replies),
            count(f.due),
            count(f.on_time),
            rate(f),
            count(f.closed),
            count(f.escalated),
        ]
    };
    table.rows = figures
        .iter()
        .map(|f| {
            let mut row = vec![Cell::text(ctx.court(&f.court)), Cell::text(f.month.clone())];
            row.extend(cells(f));
            row
        })
        .collect();
    let whole = figures
        .iter()
        .fold(SupervisionFigures::default(), |mut sum, f| {
            sum.opened += f.opened;
            sum.replies += f.replies;
            sum.due += f.due;
            sum.on_time += f.on_time;
            sum.closed += f.closed;
            sum.escalated += f.escalated;
            sum
        });
    let mut total = vec![Cell::none()];
    total.extend(cells(&whole));
    table.total = Some(total);
    table
}

/// The home page's 待办: the items waiting for the reader, oldest due first.
pub(crate) async fn to_do_box(server: &Arc<Server>, ctx: &Ctx) -> Result<Markup, ApiError> {
    let user = ctx.user.clone();
    let reading = Arc::clone(server);
    let waiting =
        blocking(move || reading.with_store(|app, store| app.supervision_to_do(store, &user)))
            .await??;
    let t = |zh, en| ctx.t(zh, en);
    Ok(html! {
        section.todo {
            h2 { (t("待办督办", "Supervision to do")) " " (waiting.len()) }
            ul {
                @for c in waiting.iter().take(TO_DO_SHOWN) {
                    li {
                        a href=(format!("/supervision/{}", c.id)) { "#" (c.id) " " (c.item.case_no) }
                        " · " (c.item.reason.label().get(ctx.lang))
                        " · " (state_text(ctx, c))
                        " · " (t("答复期限", "reply by")) " " (c.item.due_on)
                    }
                }
            }
            @if waiting.len() > TO_DO_SHOWN {
                p { a href="/supervision" { (t("查看全部", "See them all")) } }
            }
        }
    })
}

/// The items the home page lists; the rest are one link away.
const TO_DO_SHOWN: usize = 10;

/// `GET /supervision?state&reason&overdue&mine`: the supervised cases the reader may see.
pub(crate) async fn supervision_page(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let state = choice_param(ctx.params(), "state", ItemState::parse)?;
        let reason = choice_param(ctx.params(), "reason", Reason::parse)?;
        let filter = ItemFilter {
            court: crate::court_param(ctx.params())?,
            state,
            reason,
            overdue: flag_param(ctx.params(), "overdue")?,
            mine: flag_param(ctx.params(), "mine")?,
            case_no: None,
        };
        let user = ctx.user.clone();
        let listing = Arc::clone(&server);
        let today = server.app.today();
        let year_start = today.with_ordinal(1).unwrap_or(today);
        let (items, figures) = blocking(move || {
            listing.with_store(|app, store| {
                let items = app.supervised_cases(store, &user, &filter)?;
                let figures = app.supervision_figures(store, &user, year_start, today)?;
                Ok::<_, AppError>((items, figures))
            })
        })
        .await??;
        let t = |zh, en| ctx.t(zh, en);
        let title = t("督办", "Supervision");
        let mut table = Table::new(
            "",
            title,
            [
                t("编号", "No."),
                t("案号", "Case number"),
                t("法院", "Court"),
                t("部门", "Division"),
                t("事由", "Reason"),
                t("答复人", "Replies"),
                t("督办日期", "Opened"),
                t("答复期限", "Reply by"),
                t("状态", "State"),
                t("督办层级", "Level"),
            ]
            .map(String::from)
            .to_vec(),
        );
        table.counted = ("项", "items");
        table.page_size = Some(super::lists::PAGE_SIZE);
        let chain = server.app.supervision_chain();
        table.rows = items
            .iter()
            .map(|c| {
                vec![
                    Cell::count(c.id).link(format!("/supervision/{}", c.id)),
                    Cell::text(c.item.case_no.clone())
                        .link(format!("/cases/{}", encode(&c.item.case_no))),
                    Cell::text(ctx.court(&c.court)),
                    c.division.clone().map_or_else(Cell::none, Cell::text),
                    Cell::text(c.item.reason.label().get(ctx.lang)),
                    Cell::text(c.item.answerer.clone()),
                    Cell::text(c.item.opened_on.to_string()),
                    Cell::text(c.item.due_on.to_string()),
                    state_cell(&ctx, c),
                    Cell::text(chain.level(c.item.level).label.get(ctx.lang)),
                ]
            })
            .collect();
        let link = |changes: &[(&str, Option<String>)]| {
            let mut all = changes.to_vec();
            all.push(("page", None));
            ctx.here.with(&all)
        };
        let yes = || Some("true".to_string());
        let body = html! {
            h1 { (title) }
            form.filters method="get" action="/supervision" {
                label { (t("状态", "State")) " "
                    select name="state" {
                        option value="" { (t("全部", "all")) }
                        @for s in ItemState::ALL {
                            option value=(s.key()) selected[state == Some(s)] { (s.label().get(ctx.lang)) }
                        }
                    }
                }
                " "
                label { (t("事由", "Reason")) " "
                    select name="reason" {
                        option value="" { (t("全部", "all")) }
                        @for r in Reason::ALL {
                            option value=(r.key()) selected[reason == Some(r)] { (r.label().get(ctx.lang)) }
                        }
                    }
                }
                " "
                label { input type="checkbox" name="overdue" value="true" checked[filter_on(&ctx, "overdue")]; " " (t("仅逾期", "late only")) }
                " "
                label { input type="checkbox" name="mine" value="true" checked[filter_on(&ctx, "mine")]; " " (t("仅本人答复", "mine to answer")) }
                " " button { (t("筛选", "Filter")) }
            }
            p {
                a href=(link(&[("mine", yes()), ("overdue", None), ("state", None)])) { (t("我的待答复", "Mine to answer")) }
                " "
                a href=(link(&[("state", Some(ItemState::Replied.key().to_string())), ("mine", None)])) { (t("待审核答复", "Replies to review")) }
                " "
                a href=(link(&[("overdue", yes()), ("mine", None), ("state", None)])) { (t("逾期未答复", "Late")) }
            }
            p.muted { (super::lists::as_of(&ctx, &server)) }
            (ctx.table(table))
            h2 { (t("督办统计（本年）", "Figures (this year)")) }
            p.muted { (t(
                "按月统计：督办、答复、办结、升级按发生之月；应答复指答复期限在该月、已答复或已过期限的答复要求，按期答复率 = 按期答复 ÷ 应答复。",
                "By month: items opened, replies, closures and escalations in the month they happened; replies due are the replies asked for whose date fell in the month and that were made or are past their date; on-time rate = on time ÷ due."
            )) }
            (ctx.table(figures_table(&ctx, &figures)))
        };
        Ok(ctx.page(title, body))
    })
    .await
}

/// `GET /supervision/{id}`: one item, its history, and the forms the reader may use.
pub(crate) async fn supervised_case_page(
    State(server): State<Arc<Server>>,
    Path(id): Path<String>,
    asked: Asked,
) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let id = item_number(&id, crate::Numbered::Item)?;
        item_page(&server, &ctx, id, None).await
    })
    .await
}

/// One item's page, with `note` (what was just done) over it.
async fn item_page(
    server: &Arc<Server>,
    ctx: &Ctx,
    id: i64,
    note: Option<Markup>,
) -> Result<Markup, ApiError> {
    let user = ctx.user.clone();
    let reading = Arc::clone(server);
    let (case, history) =
        blocking(move || reading.with_store(|app, store| app.supervised_case(store, &user, id)))
            .await??;
    let t = |zh, en| ctx.t(zh, en);
    let chain = server.app.supervision_chain();
    let title = match ctx.lang {
        Lang::Zh => format!("督办事项 #{id}"),
        Lang::En => format!("Supervised case #{id}"),
    };
    let mut steps = Table::new(
        "history",
        t("办理经过", "History"),
        [
            t("时间", "When"),
            t("人员", "By"),
            t("环节", "Step"),
            t("内容", "Text"),
            t("答复期限", "Reply by"),
        ]
        .map(String::from)
        .to_vec(),
    );
    steps.counted = ("步", "steps");
    steps.rows = history
        .iter()
        .map(|s| {
            vec![
                Cell::text(s.at.clone()),
                Cell::text(s.by.clone()),
                Cell::text(step_label(ctx, &s.step)),
                Cell::text(s.note.clone()),
                s.due_on
                    .map_or_else(Cell::none, |d| Cell::text(d.to_string())),
            ]
        })
        .collect();
    let item = &case.item;
    let answers = ctx.user.name == item.answerer && item.state.awaits_reply();
    let supervises = may_open(ctx);
    let action = |step: &str| format!("/supervision/{id}/{step}");
    let body = html! {
        h1 { (title) }
        @if let Some(note) = note { (note) }
        dl.facts {
            dt { (t("案号", "Case number")) }
            dd { a href=(format!("/cases/{}", encode(&item.case_no))) { (item.case_no) } }
            dt { (t("法院", "Court")) } dd { (ctx.court(&case.court)) }
            dt { (t("部门", "Division")) } dd { (case.division.as_deref().unwrap_or("—")) }
            dt { (t("事由", "Reason")) } dd { (item.reason.label().get(ctx.lang)) }
            dt { (t("督办意见", "Instructions")) } dd { (item.instructions) }
            dt { (t("督办人", "Opened by")) } dd { (item.opened_by) " · " (item.opened_on) }
            dt { (t("答复人", "Replies")) } dd { (item.answerer) }
            dt { (t("答复期限", "Reply by")) } dd { (item.due_on) }
            dt { (t("状态", "State")) } dd { (state_text(ctx, &case)) }
            dt { (t("督办层级", "Level")) } dd { (chain.level(item.level).label.get(ctx.lang)) }
        }
        @if answers {
            form method="post" action=(action("reply")) {
                input type="hidden" name="csrf" value=(ctx.csrf);
                h2 { (t("答复", "Reply")) }
                p { textarea name="text" rows="4" cols="60" maxlength="2000" required {} }
                p { button { (t("提交答复", "Send the reply")) } }
            }
        }
        @if supervises && item.state == ItemState::Replied {
            form method="post" action=(action("close")) {
                input type="hidden" name="csrf" value=(ctx.csrf);
                h2 { (t("办结", "Close")) }
                p { label { (t("意见（可不填）", "Note (optional)")) " " input name="note" maxlength="2000" size="40"; } }
                p { button { (t("同意答复，办结", "Accept the reply and close")) } }
            }
            form method="post" action=(action("return")) {
                input type="hidden" name="csrf" value=(ctx.csrf);
                h2 { (t("退回", "Return")) }
                p { label { (t("退回理由", "Why")) " " input name="note" maxlength="2000" size="40" required; } }
                p { label { (t("重新答复期限", "New reply date")) " " input type="date" name="due_on" required; } }
                p { button { (t("退回重新答复", "Return for a new reply")) } }
            }
        }
        @if supervises && case.overdue {
            form method="post" action=(action("escalate")) {
                input type="hidden" name="csrf" value=(ctx.csrf);
                h2 { (t("升级督办", "Escalate")) }
                p { label { (t("新答复期限", "New reply date")) " " input type="date" name="due_on" required; } }
                p { button { (t("逾期未答复，升级", "Late: escalate")) } }
            }
        }
        (ctx.table(steps))
        p { a href="/supervision" { (t("返回督办列表", "Back to the list")) } }
    };
    Ok(ctx.page(&title, body))
}

/// `POST /supervision`: supervises the cases ticked under a list; then the list of items.
pub(crate) async fn open_supervision(
    State(server): State<Arc<Server>>,
    asked: Asked,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        same_form(&ctx, &param(&pairs, "csrf").unwrap_or_default())?;
        let cases: Vec<String> = pairs
            .iter()
            .filter(|(k, v)| k == "case" && !v.trim().is_empty())
            .map(|(_, v)| v.trim().to_string())
            .collect();
        let reason = choice_param(&pairs, "reason", Reason::parse)?.ok_or_else(|| {
            ApiError::from(AppError::Invalid(text!(
                "须选择督办事由",
                "choose the reason for supervising"
            )))
        })?;
        let due_on = day_value("due_on", param(&pairs, "due_on").as_deref())?;
        let instructions = param(&pairs, "instructions").unwrap_or_default();
        let answerer = param(&pairs, "answerer");
        let user = ctx.user.clone();
        let writing = Arc::clone(&server);
        let opened = blocking(move || {
            writing.with_writer(|app, store| {
                app.open_supervision(
                    store,
                    &user,
                    &OpenRequest {
                        cases: &cases,
                        reason,
                        instructions: &instructions,
                        answerer: answerer.as_deref(),
                        due_on,
                    },
                )
            })
        })
        .await??;
        let t = |zh, en| ctx.t(zh, en);
        let count = opened.len();
        let body = html! {
            h1 { (t("督办", "Supervision")) }
            p.within {
                @match ctx.lang {
                    Lang::Zh => { "已督办" (count) "件案件。" }
                    Lang::En => { (count) " cases are now supervised." }
                }
            }
            p { a href="/supervision" { (t("查看督办列表", "See the supervised cases")) } }
        };
        Ok(ctx.page(t("督办", "Supervision"), body))
    })
    .await
}

/// `POST /supervision/{id}/{step}`: reply, close, return or escalate; then the item again.
pub(crate) async fn supervision_step(
    State(server): State<Arc<Server>>,
    Path((id, step)): Path<(String, String)>,
    asked: Asked,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let target = format!("/supervision/{}", encode(&id));
    signed_in(server, asked, |server, mut ctx| async move {
        same_form(&ctx, &param(&pairs, "csrf").unwrap_or_default())?;
        let id = item_number(&id, crate::Numbered::Item)?;
        let text = pairs
            .iter()
            .rev()
            .find(|(k, _)| k == "text" || k == "note")
            .map(|(_, v)| v.clone())
            .unwrap_or_default();
        let due_on = day_value("due_on", param(&pairs, "due_on").as_deref())?;
        let user = ctx.user.clone();
        let writing = Arc::clone(&server);
        let done = blocking(move || {
            writing.with_writer(|app, store| {
                app.supervision_step_named(store, &user, id, &step, &text, due_on)
            })
        })
        .await??;
        let t = |zh, en| ctx.t(zh, en);
        let said = match done.item.state {
            ItemState::Replied => t("答复已提交。", "The reply is sent."),
            ItemState::Closed => t("已办结。", "The item is closed."),
            ItemState::Returned => t("已退回重新答复。", "The reply is returned."),
            _ => t("已升级督办。", "The item is escalated."),
        };
        let note = html! { p.within { (said) } };
        ctx.here = Here::at(&target);
        item_page(&server, &ctx, id, Some(note)).await
    })
    .await
}

fn filter_on(ctx: &Ctx, name: &str) -> bool {
    flag_param(ctx.params(), name).unwrap_or(false)
}

/// The state as a list shows it, late ones marked.
fn state_cell(ctx: &Ctx, case: &SupervisedCase) -> Cell {
    let cell = Cell::text(state_text(ctx, case));
    if case.overdue {
        cell.class("below")
    } else {
        cell
    }
}

fn state_text(ctx: &Ctx, case: &SupervisedCase) -> String {
    let state = case.item.state.label().get(ctx.lang).to_string();
    if case.overdue {
        format!("{state}（{}）", ctx.t("逾期", "late"))
    } else {
        state
    }
}

fn step_label(ctx: &Ctx, step: &str) -> String {
    let (zh, en) = match step {
        "opened" => ("督办", "opened"),
        "reply" => ("答复", "replied"),
        "close" => ("办结", "closed"),
        "return" => ("退回", "returned"),
        "escalate" => ("升级", "escalated"),
        other => (other, other),
    };
    ctx.t(zh, en).to_string()
}
