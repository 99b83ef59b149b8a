//! The 送达任务 queue (`/service`, 集约送达): the tasks of the cases the reader may see or that
//! are assigned to them, oldest first, filtered by division, "mine", open, overdue and the period
//! they were created in; the form that hands the tasks ticked to an account (`POST
//! /service/assign`, the office, a court leader or a division head); and for overdue tasks the
//! 督办 form, reason 送达超期 chosen, that supervises the cases ticked.

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};
use shenguan_app::accounts::Role;
use shenguan_app::duban::Reason;
use shenguan_app::service::ServiceTask;
use shenguan_app::{AppError, text};
use shenguan_domain::CourtScope;

use super::super::allocation::{Shown, field, form_page};
use super::super::html::encode;
use super::super::table::{Cell, Table};
use super::super::{Asked, Ctx, Here, Lang, same_form};
use super::{assigns, last_attempt, marks, named, refuse_admin, standing, task_href};
use crate::auth::blocking;
use crate::service_form::{queue_query, task_ids};
use crate::{ApiError, Server, param};

/// The form the ticked tasks are handed over with (`form=` on each tick box).
const ASSIGN_FORM_ID: &str = "assign";

/// `GET /service?division&mine&open&overdue&from&to`: the queue.
pub(crate) async fn queue_page(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    form_page(server, asked, |server, ctx| async move {
        refuse_admin(&ctx)?;
        let page = queue(&server, &ctx, Shown::default()).await?;
        Ok((StatusCode::OK, page))
    })
    .await
}

/// `POST /service/assign` (task…, to): hands the ticked tasks to the account named; then the
/// queue with what was done, or the form again with why it was refused.
pub(crate) async fn assign(
    State(server): State<Arc<Server>>,
    asked: Asked,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    form_page(server, asked, |server, mut ctx| async move {
        refuse_admin(&ctx)?;
        same_form(&ctx, &field(&pairs, "csrf"))?;
        ctx.here = Here::at("/service");
        let done = assigned(&server, &ctx, &pairs).await;
        let (status, shown) = Shown::after(&ctx, done, pairs);
        Ok((status, queue(&server, &ctx, shown).await?))
    })
    .await
}

/// Hands the tasks over; what the page says of it.
async fn assigned(
    server: &Arc<Server>,
    ctx: &Ctx,
    pairs: &[(String, String)],
) -> Result<Markup, ApiError> {
    let ticked: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k == "task")
        .map(|(_, v)| v.clone())
        .collect();
    let ids = task_ids(&ticked)?;
    let to = param(pairs, "to").ok_or_else(|| {
        ApiError::from(AppError::invalid_for(
            "to",
            &text!("请选择分派给谁", "choose whom to hand them to"),
        ))
    })?;
    let user = ctx.user.clone();
    let writing = Arc::clone(server);
    let name = to.clone();
    let count = blocking(move || {
        writing.with_writer(|app, store| app.assign_service_tasks(store, &user, &ids, &name))
    })
    .await??;
    Ok(html! {
        p.within {
            @match ctx.lang {
                Lang::Zh => { "已将" (count) "个送达任务分派给" (to) "。" }
                Lang::En => { (count) " tasks are now assigned to " (to) "." }
            }
        }
    })
}

/// The accounts tasks may be handed to: those in use, not administrators, of the reader's court,
/// a court below it or the court above it (the app checks each case against the account).
async fn assignees(server: &Arc<Server>, ctx: &Ctx) -> Result<Vec<(String, Role)>, ApiError> {
    let reading = Arc::clone(server);
    let accounts = blocking(move || reading.with_store(|app, store| app.accounts(store))).await??;
    let own = ctx.user.court;
    Ok(accounts
        .into_iter()
        .filter(|a| a.disabled_at.is_none() && a.user.role != Role::Admin)
        .filter(|a| match (a.user.court, own) {
            (None, _) | (_, None) => true,
            (Some(theirs), Some(own)) => {
                CourtScope::with_lower(theirs).covers(own)
                    || CourtScope::with_lower(own).covers(theirs)
            }
        })
        .map(|a| (a.user.name, a.user.role))
        .collect())
}

/// The queue with the assignment form as `shown`.
async fn queue(server: &Arc<Server>, ctx: &Ctx, shown: Shown) -> Result<Markup, ApiError> {
    let query = queue_query(&|name| ctx.here.get(name), &ctx.user.name)?;
    let user = ctx.user.clone();
    let reading = Arc::clone(server);
    let (tasks, more) =
        blocking(move || reading.with_store(|app, store| app.service_queue(store, &user, &query)))
            .await??;
    let today = server.app.today();
    let picks = assigns(ctx);
    let staff = if picks {
        assignees(server, ctx).await?
    } else {
        Vec::new()
    };
    let t = |zh, en| ctx.t(zh, en);
    let title = t("送达任务", "Service tasks");
    let overdue = tasks.iter().filter(|task| task.overdue).count();
    let on = |name: &str| crate::flag_param(ctx.params(), name).unwrap_or(false);
    let link = |changes: &[(&str, Option<String>)]| {
        let mut all = changes.to_vec();
        all.push(("page", None));
        ctx.here.with(&all)
    };
    let yes = || Some("true".to_string());
    let body = html! {
        h1 { (title) }
        p.tools {
            a href=(link(&[("mine", yes()), ("open", yes()), ("overdue", None)])) { (t("我的待送达", "Mine to serve")) }
            a href=(link(&[("open", yes()), ("mine", None), ("overdue", None)])) { (t("未送达", "Not served")) }
            a href=(link(&[("overdue", yes()), ("mine", None), ("open", None)])) { (t("超期未送达", "Overdue")) }
            a href="/service" { (t("全部", "All")) }
            a href="/service/figures" { (t("送达难统计", "Service figures")) }
        }
        form.filters method="get" action="/service" {
            label { (t("部门", "Division")) " " input name="division" size="12" maxlength="50" value=[ctx.here.get("division")]; }
            " "
            label { (t("创建日期自", "Created from")) " " input type="date" name="from" value=[ctx.here.get("from")]; }
            " "
            label { (t("至", "to")) " " input type="date" name="to" value=[ctx.here.get("to")]; }
            " "
            label { input type="checkbox" name="mine" value="true" checked[on("mine")]; " " (t("分派给我", "assigned to me")) }
            " "
            label { input type="checkbox" name="open" value="true" checked[on("open")]; " " (t("仅未送达", "not served only")) }
            " "
            label { input type="checkbox" name="overdue" value="true" checked[on("overdue")]; " " (t("仅超期", "overdue only")) }
            " " button { (t("筛选", "Filter")) }
        }
        @if overdue > 0 {
            p.below {
                @match ctx.lang {
                    Lang::Zh => { (overdue) "个送达任务超期未送达。" }
                    Lang::En => { (overdue) " tasks are overdue." }
                }
            }
        }
        @if more {
            p.above { (t(
                "符合条件的任务超过2000个，仅列出最早的2000个，请缩小筛选范围。",
                "More than 2,000 tasks match: the oldest 2,000 are listed; narrow the filters."
            )) }
        }
        p.muted { (t(
            "超期：创建后超过规定天数仍未送达，或受托法院逾期未送达。电子送达未记录受送达人同意的，不计为有效送达。",
            "Overdue: not served within the days allowed since the task was created, or an entrusted court late. An electronic service without the recipient's consent on record does not count."
        )) }
        (ctx.table(table(ctx, title, &tasks, picks, today)))
        @if picks {
            h2 { (t("分派所选任务", "Hand the tasks ticked to")) }
            @if let Some(note) = &shown.note { (note) }
            (assign_form(ctx, &staff, &shown.kept))
            @if overdue > 0 {
                p.muted { (t(
                    "超期任务可勾选其案件督办（事由：送达超期），由承办法官或指定的答复人答复。",
                    "The cases of overdue tasks can be ticked and supervised (reason: 送达超期); the judge, or whoever is named, replies."
                )) }
                (super::super::duban::open_form(ctx, Reason::Service))
            }
        }
    };
    Ok(ctx.page(title, body))
}

/// The queue's table; with `picks`, its first two columns tick tasks to hand over and the cases
/// of overdue ones to supervise (one box for each case).
fn table(
    ctx: &Ctx,
    caption: &str,
    tasks: &[ServiceTask],
    picks: bool,
    today: chrono::NaiveDate,
) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut header = Vec::new();
    if picks {
        header.extend([t("分派", "Assign"), t("督办", "Supervise")]);
    }
    header.extend([
        t("案号", "Case number"),
        t("送达文书", "Document"),
        t("受送达人", "Recipient"),
        t("创建日期", "Created"),
        t("已用天数", "Days"),
        t("尝试次数", "Attempts"),
        t("最近一次送达", "Last attempt"),
        t("状态", "Standing"),
        t("分派给", "Assigned to"),
        t("标记", "Marks"),
    ]);
    let mut table = Table::new("", caption.to_string(), header);
    table.counted = ("个任务", "tasks");
    table.page_size = Some(super::super::lists::PAGE_SIZE);
    let mut ticked_cases = BTreeSet::new();
    table.rows = tasks
        .iter()
        .map(|task| {
            let mut row = Vec::new();
            if picks {
                row.push(Cell::controls(html! {
                    input type="checkbox" name="task" value=(task.id) form=(ASSIGN_FORM_ID) title=(format!("#{}", task.id));
                }));
                // One box for a case, however many of its tasks are overdue.
                let first = task.overdue && ticked_cases.insert(task.case_no.clone());
                row.push(if first {
                    super::super::duban::pick_cell(&task.case_no)
                } else {
                    Cell::controls(html! {})
                });
            }
            let (standing, class) = standing(ctx, task);
            let standing = Cell::text(standing);
            let found = marks(ctx, task);
            row.extend([
                Cell::text(task.case_no.clone()).link(format!("/cases/{}", encode(&task.case_no))),
                Cell::text(task.document.clone()).link(task_href(task)),
                Cell::text(format!(
                    "{}（{}）",
                    task.recipient,
                    named(ctx, task.recipient_kind.label_zh(), task.recipient_kind.key())
                )),
                Cell::text(task.created_on.to_string()),
                Cell::count(task.days),
                Cell::count(i64::from(task.outcome.attempts)),
                last_attempt(ctx, task, today).map_or_else(Cell::none, Cell::text),
                match class {
                    Some(class) => standing.class(class),
                    None => standing,
                },
                task.assigned_to.clone().map_or_else(Cell::none, Cell::text),
                if found.is_empty() {
                    Cell::text("")
                } else {
                    let text: Vec<&str> = found.iter().map(|(m, _)| m.as_str()).collect();
                    Cell::text(text.join(" ")).class(found[0].1)
                },
            ]);
            row
        })
        .collect();
    table
}

/// The form that hands the ticked tasks to an account.
fn assign_form(ctx: &Ctx, staff: &[(String, Role)], kept: &[(String, String)]) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let chosen = field(kept, "to");
    html! {
        form id=(ASSIGN_FORM_ID) method="post" action="/service/assign" {
            input type="hidden" name="csrf" value=(ctx.csrf);
            p {
                label { (t("分派给", "To")) " "
                    select name="to" required {
                        option value="" { "—" }
                        @for (name, role) in staff {
                            option value=(name) selected[*name == chosen] { (name) "（" (role.label_zh()) "）" }
                        }
                    }
                }
                " " button { (t("分派所选任务", "Assign the tasks ticked")) }
            }
            p.muted { (t(
                "在上表“分派”一栏勾选任务；受分派人可在“分派给我”中看到并登记送达。",
                "Tick the tasks in the table's “Assign” column; whoever receives them finds them under “assigned to me” and records the attempts."
            )) }
        }
    }
}
