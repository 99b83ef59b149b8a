//! A case's service (`/cases/{no}/service`): its deadline and excluded periods; its tasks, each
//! with where it stands and what it is marked with; every attempt (method, days, result, the
//! reason it failed, the proof, the tracking number, the entrusted court with its due day, who
//! recorded it, and for an electronic one whether it counts); the address confirmations that
//! serve it, its own and those carried from the earlier stages; and the forms that open a task,
//! record an attempt, settle a waiting one and record a confirmation. An announcement recorded
//! here says the day it is deemed served and the deadline before and after its excluded period.
//!
//! Someone a task is assigned to who may not see the case (service staff of the court) finds the
//! tasks assigned to them here, with the forms to record and settle attempts, and nothing else of
//! the case.

use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::NaiveDate;
use maud::{Markup, html};
use shenguan_app::service::{
    AttemptView, CaseService, Method, Outcome, QueueQuery, RecipientKind, RecordedAttempt,
    ServiceTask,
};
use shenguan_app::{AppError, text};
use shenguan_domain::CaseRecord;
use shenguan_domain::service::consent::{ConsentScope, Validity};

use super::super::allocation::{Shown, field, form_page};
use super::super::case::{canonical_number, exclusions};
use super::super::html::encode;
use super::super::table::{Cell, Table};
use super::super::{Asked, Ctx, Here, Lang, same_form};
use super::{
    OUTCOMES, RECIPIENTS, SCOPES, failure_options, marks, marks_html, method, method_options,
    named, options, outcome_options, proof_options, refuse_admin, result as attempt_result,
    standing, validity_text,
};
use crate::auth::blocking;
use crate::service_form::{new_attempt, new_confirmation, new_task, settled};
use crate::{ApiError, Numbered, Server, item_number, param};

/// The documents most often served, offered as the form's suggestions.
const DOCUMENTS: [&str; 8] = [
    "起诉状副本",
    "应诉通知书",
    "举证通知书",
    "传票",
    "民事判决书",
    "民事裁定书",
    "民事调解书",
    "执行通知书",
];

/// What a case's service page shows.
struct Loaded {
    service: CaseService,
    /// The case, when the reader may see it (not when they only have tasks assigned).
    record: Option<CaseRecord>,
    deadline: Option<NaiveDate>,
}

/// The case's service as `ctx`'s reader may see it: the whole of it, or only the tasks
/// assigned to them.
async fn load(server: &Arc<Server>, ctx: &Ctx, number: &str) -> Result<Loaded, ApiError> {
    let user = ctx.user.clone();
    let reading = Arc::clone(server);
    let number = number.to_string();
    let loaded = blocking(move || {
        reading.with_store(|app, store| match app.case_service(store, &user, &number) {
            Ok(service) => {
                let file = app.case_file(store, &user, &number)?;
                let deadline = app.case_deadline(&file.record);
                Ok(Loaded {
                    service,
                    record: Some(file.record),
                    deadline,
                })
            }
            Err(AppError::NotFound(why)) => {
                let query = QueueQuery {
                    assigned_to: Some(user.name.clone()),
                    ..QueueQuery::default()
                };
                let (mut tasks, _) = app.service_queue(store, &user, &query)?;
                tasks.retain(|t| t.case_no == number);
                if tasks.is_empty() {
                    return Err(AppError::NotFound(why));
                }
                Ok(Loaded {
                    service: CaseService {
                        case_no: number.clone(),
                        tasks,
                        confirmations: Vec::new(),
                    },
                    record: None,
                    deadline: None,
                })
            }
            Err(other) => Err(other),
        })
    })
    .await??;
    Ok(loaded)
}

/// Which form was posted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Which {
    Open,
    Attempt(i64),
    Settle(i64, i64),
    Confirmation,
}

/// What the forms show: what a post did (over the page), or why it was refused (over the form
/// posted, its input kept).
#[derive(Default)]
struct Forms {
    done: Option<Markup>,
    refused: Option<(Which, Shown)>,
}

impl Forms {
    fn after(status: StatusCode, shown: Shown, which: Which) -> Forms {
        if status == StatusCode::OK {
            Forms {
                done: shown.note,
                refused: None,
            }
        } else {
            Forms {
                done: None,
                refused: Some((which, shown)),
            }
        }
    }

    /// The refusal of `which`, if it was the form posted.
    fn refused(&self, which: Which) -> Option<&Shown> {
        match &self.refused {
            Some((posted, shown)) if *posted == which => Some(shown),
            _ => None,
        }
    }

    /// The refusal of a form about task `id` (its attempt or the settling of one).
    fn refused_for_task(&self, id: i64) -> Option<&Shown> {
        match &self.refused {
            Some((Which::Attempt(t) | Which::Settle(t, _), shown)) if *t == id => Some(shown),
            _ => None,
        }
    }

    fn kept(&self, which: Which) -> &[(String, String)] {
        self.refused(which).map_or(&[], |s| s.kept.as_slice())
    }
}

/// `GET /cases/{案号}/service`: the case's service.
pub(crate) async fn service_page(
    State(server): State<Arc<Server>>,
    Path(number): Path<String>,
    asked: Asked,
) -> Response {
    form_page(server, asked, |server, ctx| async move {
        refuse_admin(&ctx)?;
        let number = canonical_number(&server, &number)?;
        Ok((
            StatusCode::OK,
            page(&server, &ctx, &number, Forms::default()).await?,
        ))
    })
    .await
}

/// Runs a form of the page: its token checked, `work` done, then the page again with what it
/// did or why it was refused.
async fn posted<F, Fut>(
    server: Arc<Server>,
    asked: Asked,
    number: String,
    pairs: Vec<(String, String)>,
    which: impl FnOnce(&Ctx) -> Result<Which, ApiError> + Send + 'static,
    work: F,
) -> Response
where
    F: FnOnce(Arc<Server>, Ctx, String, Vec<(String, String)>) -> Fut + Send + 'static,
    Fut: std::future::Future<Output = Result<Markup, ApiError>> + Send,
{
    form_page(server, asked, |server, mut ctx| async move {
        refuse_admin(&ctx)?;
        same_form(&ctx, &field(&pairs, "csrf"))?;
        let number = canonical_number(&server, &number)?;
        let which = which(&ctx)?;
        ctx.here = Here::at(&format!("/cases/{}/service", encode(&number)));
        let done = work(
            Arc::clone(&server),
            ctx.clone(),
            number.clone(),
            pairs.clone(),
        )
        .await;
        let (status, shown) = Shown::after(&ctx, done, pairs);
        let forms = Forms::after(status, shown, which);
        Ok((status, page(&server, &ctx, &number, forms).await?))
    })
    .await
}

/// `POST /cases/{案号}/service/tasks`: opens a task.
pub(crate) async fn open_task(
    State(server): State<Arc<Server>>,
    Path(number): Path<String>,
    asked: Asked,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    posted(
        server,
        asked,
        number,
        pairs,
        |_| Ok(Which::Open),
        |server, ctx, number, pairs| async move {
            let task = new_task(&number, &|name| param(&pairs, name))?;
            let (document, recipient) = (task.document.clone(), task.recipient.clone());
            let user = ctx.user.clone();
            let id = blocking(move || {
                server.with_writer(|app, store| app.open_service_task(store, &user, &task))
            })
            .await??;
            Ok(html! {
                p.within {
                    @match ctx.lang {
                        Lang::Zh => { "已创建送达任务#" (id) "：向" (recipient.trim()) "送达" (document.trim()) "。" }
                        Lang::En => { "Task #" (id) " is open: " (document.trim()) " to " (recipient.trim()) "." }
                    }
                }
            })
        },
    )
    .await
}

/// The task `id` of the case `number` as the reader may see it: a task of another case, or one
/// out of reach, is not found.
async fn task_of(
    server: &Arc<Server>,
    ctx: &Ctx,
    number: &str,
    id: i64,
) -> Result<ServiceTask, ApiError> {
    load(server, ctx, number)
        .await?
        .service
        .tasks
        .into_iter()
        .find(|t| t.id == id)
        .ok_or_else(|| ApiError::not_found(&text!("送达任务#{id}", "service task #{id}")))
}

/// `POST /cases/{案号}/service/tasks/{id}/attempts`: records an attempt; an announcement says the
/// day it is deemed served and the deadline before and after.
pub(crate) async fn record_attempt(
    State(server): State<Arc<Server>>,
    Path((number, id)): Path<(String, String)>,
    asked: Asked,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let shown_id = id.clone();
    posted(
        server,
        asked,
        number,
        pairs,
        move |_| {
            Ok(Which::Attempt(item_number(
                &shown_id,
                Numbered::ServiceTask,
            )?))
        },
        move |server, ctx, number, pairs| async move {
            let id = item_number(&id, Numbered::ServiceTask)?;
            let attempt = new_attempt(&|name| param(&pairs, name))?;
            let task = task_of(&server, &ctx, &number, id).await?;
            let user = ctx.user.clone();
            let writing = Arc::clone(&server);
            let asked = attempt.clone();
            let recorded = blocking(move || {
                writing
                    .with_writer(|app, store| app.record_service_attempt(store, &user, id, &asked))
            })
            .await??;
            let deemed = (attempt.method == Method::Notice)
                .then(|| {
                    shenguan_domain::service::timing::deemed_served(
                        &server.app.config().service_rules,
                        attempt.attempted_on,
                        task.foreign,
                    )
                })
                .flatten();
            Ok(attempt_note(&ctx, &recorded, attempt.attempted_on, deemed))
        },
    )
    .await
}

/// What recording an attempt did, in words.
fn attempt_note(
    ctx: &Ctx,
    recorded: &RecordedAttempt,
    published: NaiveDate,
    deemed: Option<NaiveDate>,
) -> Markup {
    let seq = recorded.seq;
    let day = |d: Option<NaiveDate>| d.map_or_else(|| "—".to_string(), |d| d.to_string());
    let (before, after) = (day(recorded.deadline_before), day(recorded.deadline_after));
    html! {
        p.within {
            @match ctx.lang {
                Lang::Zh => { "已记录第" (seq) "次送达。" }
                Lang::En => { "Attempt " (seq) " is recorded." }
            }
        }
        @if let Some(deemed) = deemed {
            p.within {
                @match ctx.lang {
                    Lang::Zh => { "公告送达：" (published) "发出公告，" (deemed) "视为送达。" }
                    Lang::En => { "Announcement published on " (published) ": deemed served on " (deemed) "." }
                }
            }
            @match &recorded.exclusion {
                Some(e) => {
                    p.within.deadline {
                        @match ctx.lang {
                            Lang::Zh => {
                                "公告期间" (day(e.from)) "至" (day(e.to())) "（" (e.days) "日）不计入审限，审限届满日："
                                strong { (before) " → " (after) }
                            }
                            Lang::En => {
                                "The announcement's period, " (day(e.from)) " to " (day(e.to())) " (" (e.days) " days), leaves the time limit; the deadline: "
                                strong { (before) " → " (after) }
                            }
                        }
                    }
                }
                None => {
                    p.muted { (ctx.t(
                        "审限届满日未变：本案审限不扣除公告期间，或该期间已经扣除。",
                        "The deadline is unchanged: this case's limit does not leave out the announcement's period, or the period is left out already."
                    )) " " (before) }
                }
            }
        }
        @if let Some(why) = recorded.validity {
            p.below { (validity_text(ctx, why)) }
        }
    }
}

/// `POST /cases/{案号}/service/tasks/{id}/attempts/{seq}/result`: settles a waiting attempt.
pub(crate) async fn settle_attempt(
    State(server): State<Arc<Server>>,
    Path((number, id, seq)): Path<(String, String, String)>,
    asked: Asked,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let (shown_id, shown_seq) = (id.clone(), seq.clone());
    posted(
        server,
        asked,
        number,
        pairs,
        move |_| {
            Ok(Which::Settle(
                item_number(&shown_id, Numbered::ServiceTask)?,
                item_number(&shown_seq, Numbered::ServiceAttempt)?,
            ))
        },
        move |server, ctx, number, pairs| async move {
            let id = item_number(&id, Numbered::ServiceTask)?;
            let seq = item_number(&seq, Numbered::ServiceAttempt)?;
            let (result, settlement) = settled(&|name| param(&pairs, name))?;
            task_of(&server, &ctx, &number, id).await?;
            let user = ctx.user.clone();
            blocking(move || {
                server.with_writer(|app, store| {
                    let settlement = shenguan_app::service::Settlement {
                        outcome: result,
                        served_on: settlement.served_on,
                        failure: settlement.failure,
                        proof: settlement.proof,
                    };
                    app.settle_service_attempt(store, &user, id, seq, &settlement)
                })
            })
            .await??;
            Ok(html! {
                p.within {
                    @match ctx.lang {
                        Lang::Zh => { "任务#" (id) "第" (seq) "次送达的结果已记录：" (result.label_zh()) "。" }
                        Lang::En => { "The result of task #" (id) ", attempt " (seq) ", is recorded: " (result.key()) "." }
                    }
                }
            })
        },
    )
    .await
}

/// `POST /cases/{案号}/service/confirmations`: records a party's address confirmation.
pub(crate) async fn record_confirmation(
    State(server): State<Arc<Server>>,
    Path(number): Path<String>,
    asked: Asked,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    posted(
        server,
        asked,
        number,
        pairs,
        |_| Ok(Which::Confirmation),
        |server, ctx, number, pairs| async move {
            let confirmation = new_confirmation(&number, &|name| param(&pairs, name))?;
            let party = confirmation.party.trim().to_string();
            let user = ctx.user.clone();
            let new = blocking(move || {
                server.with_writer(|app, store| app.record_confirmation(store, &user, &confirmation))
            })
            .await??;
            Ok(html! {
                @if new {
                    p.within {
                        @match ctx.lang {
                            Lang::Zh => { "已记录" (party) "的送达地址确认书。" }
                            Lang::En => { "The address confirmation of " (party) " is recorded." }
                        }
                    }
                } @else {
                    p.above { (ctx.t("该确认书已经登记，未重复记录。", "That confirmation is on record already: nothing was added.")) }
                }
            })
        },
    )
    .await
}

/// The page, with the forms as `forms` says.
async fn page(
    server: &Arc<Server>,
    ctx: &Ctx,
    number: &str,
    forms: Forms,
) -> Result<Markup, ApiError> {
    let Loaded {
        service,
        record,
        deadline,
    } = load(server, ctx, number).await?;
    let today = server.app.today();
    let t = |zh, en| ctx.t(zh, en);
    let title = match ctx.lang {
        Lang::Zh => format!("{number} 送达"),
        Lang::En => format!("{number}: service"),
    };
    let sees_case = record.is_some();
    let task_ids: Vec<i64> = service.tasks.iter().map(|t| t.id).collect();
    // A refusal about a task the page does not show is said over the page.
    let stray = match &forms.refused {
        Some((Which::Attempt(id) | Which::Settle(id, _), shown)) if !task_ids.contains(id) => {
            shown.note.clone()
        }
        _ => None,
    };
    let case_href = format!("/cases/{}", encode(number));
    let body = html! {
        h1 { (title) }
        p.tools {
            @if sees_case { a href=(case_href) { (t("返回案件", "Back to the case")) } }
            a href="/service" { (t("送达任务", "Service tasks")) }
        }
        @if let Some(done) = &forms.done { (done) }
        @if let Some(note) = &stray { (note) }
        @if let Some(record) = &record {
            dl {
                dt { (t("审限届满日", "Deadline")) }
                dd.deadline { (deadline.map_or_else(|| t("无法定审限", "no statutory limit").to_string(), |d| d.to_string())) }
                dt { (t("扣除审限", "Excluded")) }
                dd { (exclusions(ctx.lang, record)) }
                dt { (t("承办", "Judge")) }
                dd { (record.division.as_deref().unwrap_or("—")) " " (record.judge.as_deref().unwrap_or("—")) }
            }
        } @else {
            p.muted { (t(
                "以下为分派给您的送达任务；案件的其他信息不在您的查看范围内。",
                "These are the tasks assigned to you; the rest of the case is outside what you may see."
            )) }
        }
        h2 { (t("送达任务", "Tasks")) }
        @if service.tasks.is_empty() {
            p.muted { (t("尚无送达任务。", "No task yet.")) }
        } @else {
            (ctx.table(tasks_table(ctx, number, &service.tasks)))
            h2 { (t("送达经过", "Attempts")) }
            (ctx.table(attempts_table(ctx, number, &service.tasks, today)))
        }
        @for task in &service.tasks {
            (task_section(ctx, number, task, &forms, today))
        }
        @if sees_case {
            h2 { (t("新建送达任务", "Open a task")) }
            @if let Some(shown) = forms.refused(Which::Open) { @if let Some(note) = &shown.note { (note) } }
            (open_form(ctx, number, forms.kept(Which::Open), today))
            h2 { (t("送达地址确认书", "Address confirmations")) }
            p.muted { (t(
                "当事人在一审确认的送达地址及电子送达同意，适用于二审和执行程序，除非当事人书面变更（标有“前审”的为前一程序的确认书）。",
                "The address a party confirmed in the first instance, and their consent to electronic service, serve the appeal and enforcement too unless they change it in writing (those marked “earlier stage” come from an earlier case of the dispute)."
            )) }
            @if service.confirmations.is_empty() {
                p.muted { (t("尚无送达地址确认书。", "No confirmation on record.")) }
            } @else {
                (ctx.table(confirmations_table(ctx, &service)))
            }
            h3 { (t("登记送达地址确认书", "Record a confirmation")) }
            @if let Some(shown) = forms.refused(Which::Confirmation) { @if let Some(note) = &shown.note { (note) } }
            (confirmation_form(ctx, number, forms.kept(Which::Confirmation), today))
        }
    };
    Ok(ctx.page(&title, body))
}

/// The case's tasks, one row each.
fn tasks_table(ctx: &Ctx, number: &str, tasks: &[ServiceTask]) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        "tasks",
        format!("{number} {}", t("送达任务", "service tasks")),
        vec![
            t("任务", "Task"),
            t("送达文书", "Document"),
            t("受送达人", "Recipient"),
            t("送达地址", "Address"),
            t("创建", "Created"),
            t("已用天数", "Days"),
            t("尝试次数", "Attempts"),
            t("状态", "Standing"),
            t("分派给", "Assigned to"),
            t("标记", "Marks"),
        ],
    );
    table.counted = ("个任务", "tasks");
    table.rows = tasks
        .iter()
        .map(|task| {
            let (standing, class) = standing(ctx, task);
            let standing = Cell::text(standing);
            let found = marks(ctx, task);
            let mut recipient = format!(
                "{}（{}）",
                task.recipient,
                named(
                    ctx,
                    task.recipient_kind.label_zh(),
                    task.recipient_kind.key()
                )
            );
            if task.foreign {
                recipient.push_str(ctx.t(" 涉外", " foreign"));
            }
            vec![
                Cell::count(task.id).link(format!("#task-{}", task.id)),
                Cell::text(task.document.clone()),
                Cell::text(recipient),
                task.address.clone().map_or_else(Cell::none, Cell::text),
                Cell::text(format!("{} {}", task.created_on, task.created_by)),
                Cell::count(task.days),
                Cell::count(i64::from(task.outcome.attempts)),
                match class {
                    Some(class) => standing.class(class),
                    None => standing,
                },
                match (&task.assigned_to, task.assigned_on) {
                    (Some(to), Some(on)) => Cell::text(format!("{to} {on}")),
                    (Some(to), None) => Cell::text(to.clone()),
                    _ => Cell::none(),
                },
                if found.is_empty() {
                    Cell::text("")
                } else {
                    let text: Vec<&str> = found.iter().map(|(m, _)| m.as_str()).collect();
                    Cell::text(text.join(" ")).class(found[0].1)
                },
            ]
        })
        .collect();
    table
}

/// How many days an attempt took: to the day served, or so far for one still waiting (an
/// announcement still running among them).
fn days_taken(a: &AttemptView, today: NaiveDate) -> Option<i64> {
    let so_far = || Some((today - a.attempt.attempted_on).num_days().max(0));
    match (a.attempt.outcome, a.attempt.served_on) {
        (Outcome::Served, Some(on)) if on > today => so_far(),
        (Outcome::Served, Some(on)) => Some((on - a.attempt.attempted_on).num_days()),
        (Outcome::Waiting, _) => so_far(),
        _ => None,
    }
}

/// Every attempt of the case's tasks.
fn attempts_table(ctx: &Ctx, number: &str, tasks: &[ServiceTask], today: NaiveDate) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        "attempts",
        format!("{number} {}", t("送达经过", "service attempts")),
        vec![
            t("任务", "Task"),
            t("次序", "No."),
            t("送达方式", "Method"),
            t("送达日期", "Made on"),
            t("结果", "Result"),
            t("送达（视为送达）日期", "Served (deemed) on"),
            t("用时（日）", "Days"),
            t("未送达原因", "Why it failed"),
            t("送达凭证", "Proof"),
            t("邮件号", "Tracking no."),
            t("受托法院", "Entrusted court"),
            t("委托送达期限", "Entrusted court due"),
            t("效力", "Counts"),
            t("登记人", "Recorded by"),
        ],
    );
    table.counted = ("次", "attempts");
    for task in tasks {
        for a in &task.attempts {
            let at = &a.attempt;
            let (result, class) = attempt_result(ctx, a, today);
            let result = Cell::text(result).class(class);
            let due = match a.entrusted_due {
                Some(due) if a.entrusted_late => {
                    Cell::text(format!("{due} {}", ctx.t("逾期", "late"))).class("below")
                }
                Some(due) => Cell::text(due.to_string()),
                None => Cell::none(),
            };
            let counts = match a.validity {
                Some(Validity::Valid) => Cell::text(ctx.t("有效", "counts")).class("within"),
                Some(why) => Cell::text(validity_text(ctx, why)).class("below"),
                None => Cell::none(),
            };
            table.rows.push(vec![
                Cell::text(format!("#{} {}", task.id, task.document))
                    .link(format!("#task-{}", task.id)),
                Cell::count(i64::from(at.seq)),
                Cell::text(method(ctx, at.method)),
                Cell::text(at.attempted_on.to_string()),
                result,
                at.served_on
                    .map_or_else(Cell::none, |d| Cell::text(d.to_string())),
                days_taken(a, today).map_or_else(Cell::none, Cell::count),
                at.failure.map_or_else(Cell::none, |f| {
                    Cell::text(named(ctx, f.label_zh(), f.key()))
                }),
                at.proof.map_or_else(Cell::none, |p| {
                    Cell::text(named(ctx, p.label_zh(), p.key()))
                }),
                a.tracking_no.clone().map_or_else(Cell::none, Cell::text),
                a.entrusted_court
                    .clone()
                    .map_or_else(Cell::none, Cell::text),
                due,
                counts,
                Cell::text(format!("{} {}", a.by_user, a.recorded_at)),
            ]);
        }
    }
    table
}

/// The confirmations that serve the case, its own and those carried from earlier stages.
fn confirmations_table(ctx: &Ctx, service: &CaseService) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        "confirmations",
        format!(
            "{} {}",
            service.case_no,
            t("送达地址确认书", "address confirmations")
        ),
        vec![
            t("案号", "Case"),
            t("当事人", "Party"),
            t("签署日期", "Signed"),
            t("送达地址", "Address"),
            t("同意电子送达", "Electronic service"),
            t("电子送达地址", "Electronic address"),
            t("登记人", "Recorded by"),
        ],
    );
    table.counted = ("份", "confirmations");
    table.rows = service
        .confirmations
        .iter()
        .map(|c| {
            let case = if c.case_no == service.case_no {
                Cell::text(c.case_no.clone())
            } else {
                Cell::text(format!("{} {}", c.case_no, ctx.t("前审", "earlier stage")))
                    .link(format!("/cases/{}/service", encode(&c.case_no)))
                    .class("above")
            };
            let consent = match c.electronic.as_deref().map(ConsentScope::parse) {
                Some(Ok(scope)) => Cell::text(named(ctx, scope.label_zh(), scope.key())),
                Some(Err(_)) => Cell::text(c.electronic.clone().unwrap_or_default()),
                None => Cell::text(ctx.t("未同意", "not given")),
            };
            vec![
                case,
                Cell::text(c.party.clone()),
                Cell::text(c.signed_on.to_string()),
                c.address.clone().map_or_else(Cell::none, Cell::text),
                consent,
                c.channel.clone().map_or_else(Cell::none, Cell::text),
                Cell::text(format!("{} {}", c.recorded_by, c.recorded_at)),
            ]
        })
        .collect();
    table
}

/// One task: where it stands, and the forms that record an attempt and settle waiting ones.
fn task_section(
    ctx: &Ctx,
    number: &str,
    task: &ServiceTask,
    forms: &Forms,
    today: NaiveDate,
) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let (standing, class) = standing(ctx, task);
    let found = marks(ctx, task);
    let refused = forms.refused_for_task(task.id);
    let waiting: Vec<&AttemptView> = task
        .attempts
        .iter()
        .filter(|a| a.attempt.outcome == Outcome::Waiting && a.attempt.method != Method::Notice)
        .collect();
    let served = task.outcome.served_on.is_some();
    html! {
        section.task id=(format!("task-{}", task.id)) {
            h3 {
                "#" (task.id) " " (task.document) " → " (task.recipient)
                " " span class=[class] { (standing) }
                @if !found.is_empty() { " " (marks_html(&found)) }
            }
            @if let Some(shown) = refused { @if let Some(note) = &shown.note { (note) } }
            @for a in &waiting {
                @let which = Which::Settle(task.id, i64::from(a.attempt.seq));
                (settle_form(ctx, number, task.id, a, forms.kept(which), today))
            }
            @if !served {
                (attempt_form(ctx, number, task, forms.kept(Which::Attempt(task.id)), today))
            } @else if waiting.is_empty() {
                p.muted { (t("已送达，无需再登记送达。", "Served: nothing more to record.")) }
            }
        }
    }
}

/// The form that records an attempt on `task`.
fn attempt_form(
    ctx: &Ctx,
    number: &str,
    task: &ServiceTask,
    kept: &[(String, String)],
    today: NaiveDate,
) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let value = |name: &str| field(kept, name);
    let attempted_on = param(kept, "attempted_on").unwrap_or_else(|| today.to_string());
    html! {
        form method="post" action=(format!("/cases/{}/service/tasks/{}/attempts", encode(number), task.id)) {
            input type="hidden" name="csrf" value=(ctx.csrf);
            h4 { (t("登记送达", "Record an attempt")) }
            dl {
                dt { (t("送达方式", "Method")) }
                dd { select name="method" required { (method_options(&value("method"))) } }
                dt { (t("送达日期（公告送达为发出公告之日）", "Made on (an announcement: the day published)")) }
                dd { input type="date" name="attempted_on" value=(attempted_on) min=(task.created_on) max=(today) required; }
                dt { (t("结果（公告送达可不选）", "Result (not needed for an announcement)")) }
                dd { select name="outcome" { option value="" { "—" } (outcome_options(&OUTCOMES, &value("outcome"))) } }
                dt { (t("送达日期（已送达时填写）", "Served on (when served)")) }
                dd { input type="date" name="served_on" value=(value("served_on")) max=(today); }
                dt { (t("未送达原因", "Why it failed")) }
                dd { select name="failure" { (failure_options(&value("failure"))) } }
                dt { (t("送达凭证", "Proof")) }
                dd { select name="proof" { (proof_options(&value("proof"))) } }
                dt { (t("邮件号（邮寄送达必填）", "Tracking number (post)")) }
                dd { input name="tracking_no" size="20" maxlength="40" value=(value("tracking_no")); }
                dt { (t("受托法院（委托送达必填）", "Entrusted court (entrusted)")) }
                dd { input name="entrusted_court" size="24" maxlength="50" value=(value("entrusted_court")); }
            }
            p.muted { (t(
                "公告送达自发出公告之日起经过公告期间（2022年起30日，涉外60日）即视为送达，送达日期由系统按法定期间确定；民事、行政案件的公告期间不计入审限。电子送达须受送达人同意，否则不计为有效送达。",
                "An announcement is deemed served when its period has run (30 days since 2022, 60 for a party abroad): the day is the law's, set here; in civil and administrative cases the period leaves the time limit. Electronic service counts only with the recipient's consent."
            )) }
            p { button { (t("登记送达", "Record")) } }
        }
    }
}

/// The form that settles a waiting attempt.
fn settle_form(
    ctx: &Ctx,
    number: &str,
    id: i64,
    a: &AttemptView,
    kept: &[(String, String)],
    today: NaiveDate,
) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let value = |name: &str| field(kept, name);
    let seq = a.attempt.seq;
    html! {
        form method="post" action=(format!("/cases/{}/service/tasks/{id}/attempts/{seq}/result", encode(number))) {
            input type="hidden" name="csrf" value=(ctx.csrf);
            h4 {
                @match ctx.lang {
                    Lang::Zh => { "登记第" (seq) "次送达（" (method(ctx, a.attempt.method)) "，" (a.attempt.attempted_on) "）的结果" }
                    Lang::En => { "The result of attempt " (seq) " (" (method(ctx, a.attempt.method)) ", " (a.attempt.attempted_on) ")" }
                }
            }
            p {
                label { (t("结果", "Result")) " " select name="outcome" required { (outcome_options(&OUTCOMES[..2], &value("outcome"))) } }
                " "
                label { (t("送达日期", "Served on")) " " input type="date" name="served_on" value=(value("served_on")) min=(a.attempt.attempted_on) max=(today); }
                " "
                label { (t("未送达原因", "Why it failed")) " " select name="failure" { (failure_options(&value("failure"))) } }
                " "
                label { (t("凭证", "Proof")) " " select name="proof" { (proof_options(&value("proof"))) } }
                " " button { (t("登记结果", "Record the result")) }
            }
        }
    }
}

/// The form that opens a task.
fn open_form(ctx: &Ctx, number: &str, kept: &[(String, String)], today: NaiveDate) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let value = |name: &str| field(kept, name);
    html! {
        form method="post" action=(format!("/cases/{}/service/tasks", encode(number))) {
            input type="hidden" name="csrf" value=(ctx.csrf);
            dl {
                dt { (t("送达文书", "Document")) }
                dd {
                    input name="document" list="documents" size="24" maxlength="100" required value=(value("document"));
                    datalist id="documents" { @for d in DOCUMENTS { option value=(d); } }
                }
                dt { (t("受送达人", "Recipient")) }
                dd { input name="recipient" size="16" maxlength="50" required value=(value("recipient")); }
                dt { (t("受送达人类别", "Kind of recipient")) }
                dd { select name="recipient_kind" { (options(&RECIPIENTS, RecipientKind::key, RecipientKind::label_zh, &value("recipient_kind"), false)) } }
                dt { (t("证件号码（可不填，不保存原文）", "Identity number (optional; never kept)")) }
                dd { input name="identity_number" size="20" maxlength="18" autocomplete="off"; }
                dt { (t("送达地址", "Address")) }
                dd { input name="address" size="40" maxlength="200" value=(value("address")); }
                dt { (t("涉外", "Abroad")) }
                dd { label { input type="checkbox" name="foreign" value="true" checked[value("foreign") == "true"]; " " (t("受送达人在中国境内无住所", "the recipient has no domicile in China")) } }
                dt { (t("创建日期（默认今天）", "Created on (today by default)")) }
                dd { input type="date" name="created_on" value=(value("created_on")) max=(today); }
            }
            p { button { (t("新建送达任务", "Open the task")) } }
        }
    }
}

/// The form that records an address confirmation.
fn confirmation_form(
    ctx: &Ctx,
    number: &str,
    kept: &[(String, String)],
    today: NaiveDate,
) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let value = |name: &str| field(kept, name);
    html! {
        form method="post" action=(format!("/cases/{}/service/confirmations", encode(number))) {
            input type="hidden" name="csrf" value=(ctx.csrf);
            dl {
                dt { (t("当事人", "Party")) }
                dd { input name="party" size="16" maxlength="50" required value=(value("party")); }
                dt { (t("证件号码（可不填，不保存原文）", "Identity number (optional; never kept)")) }
                dd { input name="identity_number" size="20" maxlength="18" autocomplete="off"; }
                dt { (t("签署日期", "Signed on")) }
                dd { input type="date" name="signed_on" value=(param(kept, "signed_on").unwrap_or_else(|| today.to_string())) max=(today) required; }
                dt { (t("确认的送达地址", "Address confirmed")) }
                dd { input name="address" size="40" maxlength="200" value=(value("address")); }
                dt { (t("同意电子送达", "Consent to electronic service")) }
                dd { select name="electronic" { (options(&SCOPES, ConsentScope::key, ConsentScope::label_zh, &value("electronic"), true)) } }
                dt { (t("电子送达地址（手机号、邮箱或平台）", "Electronic address (mobile, e-mail, platform)")) }
                dd { input name="channel" size="24" maxlength="50" value=(value("channel")); }
            }
            p { button { (t("登记确认书", "Record the confirmation")) } }
        }
    }
}

/// The case page's section: the case's tasks in a line each, and the link to its service page.
pub(crate) fn section(ctx: &Ctx, number: &str, service: &CaseService) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    html! {
        h2 { (t("送达", "Service")) }
        @if service.tasks.is_empty() {
            p.muted { (t("尚无送达任务。", "No service task yet.")) }
        } @else {
            ul {
                @for task in &service.tasks {
                    @let (standing, class) = standing(ctx, task);
                    @let found = marks(ctx, task);
                    li {
                        a href=(format!("/cases/{}/service#task-{}", encode(number), task.id)) { "#" (task.id) " " (task.document) }
                        " → " (task.recipient)
                        " · " span class=[class] { (standing) }
                        @if !found.is_empty() { " · " (marks_html(&found)) }
                    }
                }
            }
        }
        p.tools { a href=(format!("/cases/{}/service", encode(number))) { (t("送达记录及登记", "Service record and forms")) } }
    }
}
