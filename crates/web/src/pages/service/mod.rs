//! 送达 on the pages: the queue of service tasks (`/service`, 集约送达: filtered, the tasks
//! ticked handed to an account, the cases of overdue ones put under 督办 with the reason 送达超期
//! — `queue`), and a case's service (`/cases/{no}/service`: its tasks with every attempt, the
//! address confirmations that serve it, and the forms that open a task, record an attempt, settle
//! a waiting one and record a confirmation — `case`), with the short section the case page
//! shows, and the 送达难 page (`/service/figures`: the 送达 family of the catalogue, the attempts by
//! method, staff and failure reason, the cases stuck longest — `figures`). What may be done is the
//! app's to decide (`shenguan_app::service`); a refused form comes back with its error over it and
//! its input kept, as the allocation desk's do.

mod case;
mod figures;
mod queue;

use chrono::NaiveDate;
use maud::{Markup, html};
use shenguan_app::accounts::Role;
use shenguan_app::service::{
    AttemptView, Failure, Method, Outcome, Proof, RecipientKind, ServiceTask,
};
use shenguan_app::{AppError, text};
use shenguan_domain::service::consent::{ConsentScope, Validity};

use super::html::encode;
use super::{Ctx, Lang};
use crate::ApiError;

pub(crate) use self::case::{
    open_task, record_attempt, record_confirmation, section, service_page, settle_attempt,
};
pub(crate) use self::figures::figures_page;
pub(crate) use self::queue::{assign, queue_page};

/// The results a form offers, in the order staff think of them.
const OUTCOMES: [Outcome; 3] = [Outcome::Served, Outcome::Failed, Outcome::Waiting];

/// The proofs a form offers.
const PROOFS: [Proof; 5] = [
    Proof::Receipt,
    Proof::PostalReceipt,
    Proof::ElectronicReceipt,
    Proof::Recording,
    Proof::NoticeRecord,
];

/// The kinds of recipient a form offers.
const RECIPIENTS: [RecipientKind; 3] = [
    RecipientKind::Party,
    RecipientKind::Agent,
    RecipientKind::Other,
];

/// The scopes of a consent to electronic service a form offers.
const SCOPES: [ConsentScope; 2] = [ConsentScope::All, ConsentScope::NotDecisions];

/// An administrator manages accounts, not cases: the 送达 pages are not theirs (the app says the
/// same of the queue).
fn refuse_admin(ctx: &Ctx) -> Result<(), ApiError> {
    if ctx.user.role == Role::Admin {
        return Err(ApiError::from(AppError::Forbidden(text!(
            "系统管理员管理账号，不办理送达",
            "an administrator manages accounts and does not serve documents"
        ))));
    }
    Ok(())
}

/// Whether the reader hands tasks to others: the office, court leaders, division heads.
fn assigns(ctx: &Ctx) -> bool {
    matches!(ctx.user.role, Role::Office | Role::Leader | Role::Division)
}

/// A name of the law's lists as the page shows it: the Chinese, with the key in English.
fn named(ctx: &Ctx, zh: &str, key: &str) -> String {
    match ctx.lang {
        Lang::Zh => zh.to_string(),
        Lang::En => format!("{zh} ({key})"),
    }
}

fn method(ctx: &Ctx, m: Method) -> String {
    named(ctx, m.label_zh(), m.key())
}

fn outcome(ctx: &Ctx, o: Outcome) -> String {
    named(ctx, o.label_zh(), o.key())
}

/// The options of a list, `chosen` (a key or a Chinese name as posted) selected; the first
/// empty when `optional`.
fn options<T: Copy>(
    all: &[T],
    key: fn(T) -> &'static str,
    zh: fn(T) -> &'static str,
    chosen: &str,
    optional: bool,
) -> Markup {
    html! {
        @if optional { option value="" { "—" } }
        @for v in all {
            option value=(key(*v)) selected[chosen == key(*v) || chosen == zh(*v)] { (zh(*v)) }
        }
    }
}

fn method_options(chosen: &str) -> Markup {
    options(&Method::ALL, Method::key, Method::label_zh, chosen, false)
}

fn outcome_options(all: &[Outcome], chosen: &str) -> Markup {
    options(all, Outcome::key, Outcome::label_zh, chosen, false)
}

fn failure_options(chosen: &str) -> Markup {
    options(&Failure::ALL, Failure::key, Failure::label_zh, chosen, true)
}

fn proof_options(chosen: &str) -> Markup {
    options(&PROOFS, Proof::key, Proof::label_zh, chosen, true)
}

/// The link to a task on its case's service page.
fn task_href(task: &ServiceTask) -> String {
    format!("/cases/{}/service#task-{}", encode(&task.case_no), task.id)
}

/// Where a task stands: served (the day, the method), an announcement running (the day it will
/// be deemed served), or waiting; and the class that colours it.
fn standing(ctx: &Ctx, task: &ServiceTask) -> (String, Option<&'static str>) {
    // Not served yet, an announcement's day of service is still to come.
    let running = task
        .attempts
        .iter()
        .filter(|a| a.attempt.method == Method::Notice)
        .filter_map(|a| a.attempt.served_on)
        .min();
    match (task.outcome.served_on, task.outcome.served_by, running) {
        (Some(on), Some(by), _) => (
            match ctx.lang {
                Lang::Zh => format!("{on}已送达（{}）", by.label_zh()),
                Lang::En => format!("served on {on} ({})", by.key()),
            },
            Some("within"),
        ),
        (_, _, Some(deemed)) => (
            match ctx.lang {
                Lang::Zh => format!("公告中，{deemed}视为送达"),
                Lang::En => format!("announced: deemed served on {deemed}"),
            },
            Some("above"),
        ),
        _ => (
            match ctx.lang {
                Lang::Zh => format!("未送达，已{}日", task.days),
                Lang::En => format!("not served, {} days", task.days),
            },
            task.overdue.then_some("below"),
        ),
    }
}

/// What a task is marked with: overdue, an entrusted court late, an announcement, an electronic
/// service that does not count; each with its class.
fn marks(ctx: &Ctx, task: &ServiceTask) -> Vec<(String, &'static str)> {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut marks = Vec::new();
    if task.overdue {
        marks.push((t("送达超期", "overdue"), "below"));
    }
    if task.attempts.iter().any(|a| a.entrusted_late) {
        marks.push((t("受托法院逾期", "entrusted court late"), "below"));
    }
    if task.outcome.notice {
        marks.push((t("公告送达", "announcement"), "above"));
    }
    if let Some(why) = task.outcome.set_aside {
        marks.push((validity_text(ctx, why), "below"));
    }
    marks
}

fn marks_html(marks: &[(String, &'static str)]) -> Markup {
    html! {
        @for (i, (text, class)) in marks.iter().enumerate() {
            @if i > 0 { " " }
            span class=(class) { (text) }
        }
    }
}

/// Why an electronic service does not count, in the page's language.
fn validity_text(ctx: &Ctx, validity: Validity) -> String {
    validity.text().get(ctx.lang).to_string()
}

/// What an attempt came to by `today`, and the class that colours it: an announcement whose
/// period is still running is announced, not served.
fn result(ctx: &Ctx, a: &AttemptView, today: NaiveDate) -> (String, &'static str) {
    match (a.attempt.outcome, a.attempt.served_on) {
        (Outcome::Served, Some(on)) if on > today => (ctx.t("公告中", "announced").into(), "above"),
        (Outcome::Served, _) => (outcome(ctx, Outcome::Served), "within"),
        (Outcome::Failed, _) => (outcome(ctx, Outcome::Failed), "below"),
        (Outcome::Waiting, _) => (outcome(ctx, Outcome::Waiting), "above"),
    }
}

/// The latest attempt of a task: its method and what it came to.
fn last_attempt(ctx: &Ctx, task: &ServiceTask, today: NaiveDate) -> Option<String> {
    let last: &AttemptView = task
        .attempts
        .iter()
        .max_by_key(|a| (a.attempt.attempted_on, a.attempt.seq))?;
    Some(format!(
        "{} · {}",
        method(ctx, last.attempt.method),
        result(ctx, last, today).0
    ))
}
