//! 送达 as users work it: a task is opened for a document to a recipient of a case; attempts are
//! recorded on it (an announcement writes its excluded period into the case, with the deadline
//! before and after); a mailed or entrusted attempt is settled when its result comes; the office
//! or a division head hands tasks to service staff; a party's address confirmation, with its
//! consent to electronic service, is kept and carried to the later stages of the dispute. Every
//! step checks who is asking against the case and goes into the audit log. What the tasks come
//! to in figures is `service/figures.rs`.
//!
//! Readings (docs/service.md):
//! - who works a task: whoever may see the case (its judge, the division head, the office, a
//!   court leader) or the person it is assigned to; an administrator manages accounts, not cases;
//! - who assigns: the office, a court leader, or the division head, for the cases they see;
//! - overlapping announcements of one case leave the time limit once for the days they share.

pub mod figures;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use shenguan_domain::service::consent::{
    Confirmation, ConsentScope, Validity, electronic_validity,
};
use shenguan_domain::service::outcome::{TaskOutcome, task_outcome};
use shenguan_domain::service::timing::{deemed_served, entrusted_due, notice_exclusion};
use shenguan_domain::service::{Attempt, attempt_agrees};
use shenguan_domain::{
    CaseRecord, Exclusion, ExclusionGround, IdNumber, IdentityKey, excluded_days, join_exclusions,
};
use shenguan_store::{
    CaseLimitChange, ConfirmationRow, NoticeChange, ServiceAttemptRow, ServiceQuery, ServiceTaskRow,
};

// The words of service, for the web and the command line, which reach the domain through here.
pub use shenguan_domain::service::{Failure, Method, Outcome, Proof, RecipientKind};

use crate::accounts::{Role, User};
use crate::{App, AppError, Store, text};

/// The longest document name, recipient, address, court name or tracking number kept.
const DOCUMENT_MAX: usize = 100;
const NAME_MAX: usize = 50;
const ADDRESS_MAX: usize = 200;
const TRACKING_MAX: usize = 40;

/// A task to open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTask {
    pub case_no: String,
    /// What is served: 起诉状副本、应诉通知书、传票, 民事判决书 …
    pub document: String,
    pub recipient: String,
    pub recipient_kind: RecipientKind,
    /// The recipient's identity number, turned into a key at once and never kept.
    pub identity_number: Option<String>,
    pub address: Option<String>,
    /// The recipient has no domicile in China.
    pub foreign: bool,
    /// The day it was created; today when not given.
    pub created_on: Option<NaiveDate>,
}

/// An attempt to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAttempt {
    pub method: Method,
    pub attempted_on: NaiveDate,
    pub outcome: Outcome,
    /// For an announcement, the day the law deems it served is written whatever is given here
    /// (a different day is refused).
    pub served_on: Option<NaiveDate>,
    pub failure: Option<Failure>,
    pub proof: Option<Proof>,
    pub tracking_no: Option<String>,
    pub entrusted_court: Option<String>,
}

/// The result of a waiting attempt, as the post or the other court reports it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settlement {
    pub outcome: Outcome,
    pub served_on: Option<NaiveDate>,
    pub failure: Option<Failure>,
    pub proof: Option<Proof>,
}

/// An address confirmation to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewConfirmation {
    pub case_no: String,
    pub party: String,
    pub identity_number: Option<String>,
    pub signed_on: NaiveDate,
    pub address: Option<String>,
    pub electronic: Option<ConsentScope>,
    pub channel: Option<String>,
}

/// One attempt as shown, with what the rules say of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttemptView {
    pub attempt: Attempt,
    pub tracking_no: Option<String>,
    pub entrusted_court: Option<String>,
    pub by_user: String,
    pub recorded_at: String,
    /// For an electronic attempt, whether it counts.
    pub validity: Option<Validity>,
    /// For an entrusted attempt, the day the other court's service falls due, and whether it is
    /// late (still waiting after it, or served after it).
    pub entrusted_due: Option<NaiveDate>,
    pub entrusted_late: bool,
}

/// A task as the queue, a case's page and the API show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceTask {
    pub id: i64,
    pub case_no: String,
    pub court: String,
    pub division: Option<String>,
    pub document: String,
    pub recipient: String,
    pub recipient_kind: RecipientKind,
    pub address: Option<String>,
    pub foreign: bool,
    pub created_on: NaiveDate,
    pub created_by: String,
    pub assigned_to: Option<String>,
    pub assigned_on: Option<NaiveDate>,
    pub attempts: Vec<AttemptView>,
    /// What it came to by today.
    pub outcome: TaskOutcome,
    /// Days since it was created, until served (or until today).
    pub days: i64,
    /// Unserved longer than `[service] overdue_days`, or an entrusted court late.
    pub overdue: bool,
}

/// What recording an attempt did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedAttempt {
    pub seq: i64,
    /// An announcement's excluded period written into the case, and the deadline before and
    /// after it.
    pub exclusion: Option<Exclusion>,
    pub deadline_before: Option<NaiveDate>,
    pub deadline_after: Option<NaiveDate>,
    /// An electronic service that does not count, and why.
    pub validity: Option<Validity>,
}

/// A case's service: its tasks, and the address confirmations that serve it (its own and those
/// of the earlier stages of the dispute).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseService {
    pub case_no: String,
    pub tasks: Vec<ServiceTask>,
    pub confirmations: Vec<ConfirmationRow>,
}

/// Which tasks a queue shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueueQuery {
    pub division: Option<String>,
    pub assigned_to: Option<String>,
    /// Only tasks not yet served.
    pub open_only: bool,
    /// Only overdue tasks.
    pub overdue_only: bool,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// How many tasks a queue shows at most.
pub const QUEUE_MAX: usize = 2_000;

fn too_long(field: &str, label: (&str, &str), max: usize) -> AppError {
    let (zh, en) = label;
    AppError::invalid_for(
        field,
        &text!(
            "{zh}不得超过{max}字",
            "the {en} is at most {max} characters"
        ),
    )
}

/// A text field trimmed and checked: present when `required`, within `max` characters, without
/// control characters.
fn field(
    value: Option<&str>,
    name: &str,
    label: (&str, &str),
    max: usize,
    required: bool,
) -> Result<Option<String>, AppError> {
    let value = value.map(str::trim).filter(|v| !v.is_empty());
    let (zh, en) = label;
    match value {
        None if required => Err(AppError::invalid_for(
            name,
            &text!("请填写{zh}", "the {en} is required"),
        )),
        None => Ok(None),
        Some(v) if v.chars().count() > max => Err(too_long(name, label, max)),
        Some(v) if v.chars().any(char::is_control) => Err(AppError::invalid_for(
            name,
            &text!("{zh}含有控制字符", "the {en} holds control characters"),
        )),
        Some(v) => Ok(Some(v.to_string())),
    }
}

/// Whether `by` may record on the tasks of `case`: anyone who sees the case but an
/// administrator, or the one a task is assigned to.
fn may_work(by: &User, case: &CaseRecord, task: Option<&ServiceTaskRow>) -> bool {
    let assigned = task.is_some_and(|t| t.assigned_to.as_deref() == Some(by.name.as_str()));
    by.role != Role::Admin && (by.may_see(case) || assigned)
}

fn no_case(number: &str) -> AppError {
    AppError::NotFound(text!("没有案件{number}", "there is no case {number}"))
}

fn no_task(id: i64) -> AppError {
    AppError::NotFound(text!("没有送达任务{id}", "there is no service task {id}"))
}

fn corrupt(what: &str) -> AppError {
    AppError::Internal(format!("a stored service record is unreadable: {what}"))
}

/// A stored attempt in the domain's words.
pub(crate) fn attempt_of(row: &ServiceAttemptRow) -> Result<Attempt, AppError> {
    let method = Method::parse(&row.method).map_err(|_| corrupt(&row.method))?;
    let outcome = Outcome::parse(&row.outcome).map_err(|_| corrupt(&row.outcome))?;
    let failure = match &row.failure {
        Some(f) => Some(Failure::parse(f).map_err(|_| corrupt(f))?),
        None => None,
    };
    let proof = match &row.proof {
        Some(p) => Some(Proof::parse(p).map_err(|_| corrupt(p))?),
        None => None,
    };
    Ok(Attempt {
        seq: u32::try_from(row.seq).map_err(|_| corrupt("seq"))?,
        method,
        attempted_on: row.attempted_on,
        outcome,
        served_on: row.served_on,
        failure,
        proof,
    })
}

/// A stored confirmation in the domain's words.
pub(crate) fn confirmation_of(row: &ConfirmationRow) -> Confirmation {
    Confirmation {
        case_no: row.case_no.clone(),
        party: row.party.clone(),
        identity_key: row.identity_key.as_deref().and_then(IdentityKey::parse),
        signed_on: row.signed_on,
        address: row.address.clone(),
        electronic: row
            .electronic
            .as_deref()
            .and_then(|s| ConsentScope::parse(s).ok()),
        channel: row.channel.clone(),
    }
}

/// Whether an electronic attempt of `task` counts, by the confirmations of its dispute.
pub(crate) fn validity_of(
    task: &ServiceTaskRow,
    confirmations: &[Confirmation],
    attempt: &Attempt,
) -> Validity {
    let key = task.identity_key.as_deref().and_then(IdentityKey::parse);
    let theirs: Vec<&Confirmation> = confirmations
        .iter()
        .filter(|c| c.is_of(&task.recipient, key.as_ref()))
        .collect();
    electronic_validity(&theirs, &task.document, attempt.attempted_on)
}

impl App {
    /// The case `number` if `by` may work its service.
    fn service_case(
        &self,
        store: &mut Store,
        by: &User,
        number: &str,
        task: Option<&ServiceTaskRow>,
    ) -> Result<CaseRecord, AppError> {
        let number = number.trim();
        match store.inner.case(number)? {
            Some((record, _)) if may_work(by, &record, task) => Ok(record),
            Some(_) if by.role == Role::Admin => Err(AppError::Forbidden(text!(
                "系统管理员管理账号，不办理送达",
                "an administrator manages accounts and does not serve documents"
            ))),
            _ => Err(no_case(number)),
        }
    }

    fn identity_key_of(
        &self,
        store: &Store,
        number: Option<&str>,
    ) -> Result<Option<String>, AppError> {
        let Some(number) = number.map(str::trim).filter(|n| !n.is_empty()) else {
            return Ok(None);
        };
        let id = IdNumber::parse(number)
            .map_err(|e| AppError::invalid_for("identity_number", &e.text()))?;
        let secret = self.identity_secret(store)?;
        Ok(Some(id.key(&secret).as_str().to_string()))
    }

    /// Opens a service task on a case `by` may work; its id.
    pub fn open_service_task(
        &self,
        store: &mut Store,
        by: &User,
        task: &NewTask,
    ) -> Result<i64, AppError> {
        let record = self.service_case(store, by, &task.case_no, None)?;
        let document = field(
            Some(&task.document),
            "document",
            ("送达文书", "document"),
            DOCUMENT_MAX,
            true,
        )?
        .unwrap_or_default();
        let recipient = field(
            Some(&task.recipient),
            "recipient",
            ("受送达人", "recipient"),
            NAME_MAX,
            true,
        )?
        .unwrap_or_default();
        let address = field(
            task.address.as_deref(),
            "address",
            ("送达地址", "address"),
            ADDRESS_MAX,
            false,
        )?;
        let today = self.today();
        let created_on = task.created_on.unwrap_or(today);
        let filed = record.filed_on;
        if created_on > today || created_on < filed {
            return Err(AppError::invalid_for(
                "created_on",
                &text!(
                    "创建日期{created_on}须在立案日期{filed}与今天{today}之间",
                    "the day created, {created_on}, must fall between the filing ({filed}) and today ({today})"
                ),
            ));
        }
        let row = ServiceTaskRow {
            id: 0,
            case_no: record.case_no.to_string(),
            court_code: record.court.to_string(),
            division: record.division.clone(),
            document,
            recipient,
            recipient_kind: task.recipient_kind.key().into(),
            identity_key: self.identity_key_of(store, task.identity_number.as_deref())?,
            address,
            foreign: task.foreign,
            created_on,
            created_by: by.name.clone(),
            assigned_to: None,
            assigned_on: None,
            attempts: Vec::new(),
        };
        store.atomically(|store| {
            let id = store.inner.add_service_task(&row)?.ok_or_else(|| {
                let (case_no, recipient, document) =
                    (&row.case_no, &row.recipient, &row.document);
                AppError::Conflict(text!(
                    "案件{case_no}已有同日向{recipient}送达{document}的任务",
                    "the case {case_no} already has a task of the same day serving {document} on {recipient}"
                ))
            })?;
            self.audit(
                store,
                Some(&by.name),
                "service.task",
                &format!("{id} {} {} → {}", row.case_no, row.document, row.recipient),
            )?;
            Ok(id)
        })
    }

    /// Task `id` with the case it belongs to, if `by` may work it.
    fn task_for(
        &self,
        store: &mut Store,
        by: &User,
        id: i64,
    ) -> Result<(ServiceTaskRow, CaseRecord), AppError> {
        let task = store.inner.service_task(id)?.ok_or_else(|| no_task(id))?;
        let record = self
            .service_case(store, by, &task.case_no, Some(&task))
            .map_err(|e| match e {
                AppError::NotFound(_) => no_task(id),
                other => other,
            })?;
        Ok((task, record))
    }

    /// Checks an attempt against the law and its task, and puts it in the store's words; the
    /// announcement's day of service is the law's.
    fn attempt_row(
        &self,
        by: &User,
        task: &ServiceTaskRow,
        attempt: &NewAttempt,
    ) -> Result<ServiceAttemptRow, AppError> {
        let today = self.today();
        let (on, created) = (attempt.attempted_on, task.created_on);
        if on < created || on > today {
            return Err(AppError::invalid_for(
                "attempted_on",
                &text!(
                    "送达日期{on}须在任务创建日{created}与今天{today}之间",
                    "the attempt's day, {on}, must fall between the task's creation ({created}) and today ({today})"
                ),
            ));
        }
        let mut outcome = attempt.outcome;
        let mut served_on = attempt.served_on;
        if attempt.method == Method::Notice {
            let deemed = deemed_served(
                &self.config().service_rules,
                attempt.attempted_on,
                task.foreign,
            )
            .ok_or_else(|| {
                AppError::invalid_for(
                    "attempted_on",
                    &text!("日期超出范围", "the day is out of range"),
                )
            })?;
            if served_on.is_some_and(|on| on != deemed) {
                return Err(AppError::invalid_for(
                    "served_on",
                    &text!(
                        "公告送达自发出公告之日起经过法定期间即视为送达，送达日期应为{deemed}",
                        "an announcement is deemed served when its period has run: the day served is {deemed}"
                    ),
                ));
            }
            outcome = Outcome::Served;
            served_on = Some(deemed);
        } else if served_on.is_some_and(|on| on > today) {
            return Err(AppError::invalid_for(
                "served_on",
                &text!(
                    "送达日期不能晚于今天{today}",
                    "the day served cannot be after today ({today})"
                ),
            ));
        }
        let tracking_no = field(
            attempt.tracking_no.as_deref(),
            "tracking_no",
            ("邮件号", "tracking number"),
            TRACKING_MAX,
            false,
        )?;
        if tracking_no
            .as_deref()
            .is_some_and(|t| !t.chars().all(|c| c.is_ascii_alphanumeric()))
        {
            return Err(AppError::invalid_for(
                "tracking_no",
                &text!(
                    "邮件号只能含字母和数字",
                    "a tracking number is letters and digits"
                ),
            ));
        }
        if attempt.method == Method::Post && tracking_no.is_none() {
            return Err(AppError::invalid_for(
                "tracking_no",
                &text!(
                    "邮寄送达须填写邮件号",
                    "a mailed attempt needs its tracking number"
                ),
            ));
        }
        let entrusted_court = field(
            attempt.entrusted_court.as_deref(),
            "entrusted_court",
            ("受托法院", "entrusted court"),
            NAME_MAX,
            attempt.method == Method::Entrusted,
        )?;
        let domain = Attempt {
            seq: 1,
            method: attempt.method,
            attempted_on: attempt.attempted_on,
            outcome,
            served_on,
            failure: attempt.failure,
            proof: attempt.proof,
        };
        attempt_agrees(&domain).map_err(|why| AppError::invalid_for("outcome", &why))?;
        Ok(ServiceAttemptRow {
            seq: 0,
            method: attempt.method.key().into(),
            attempted_on: attempt.attempted_on,
            outcome: outcome.key().into(),
            served_on,
            failure: attempt.failure.map(|f| f.key().into()),
            proof: attempt.proof.map(|p| p.key().into()),
            tracking_no,
            entrusted_court: if attempt.method == Method::Entrusted {
                entrusted_court
            } else {
                None
            },
            by_user: by.name.clone(),
            recorded_at: self.now_text(),
        })
    }

    /// The case's excluded periods after an announcement published on `published`, when they
    /// change: the announcements' days joined where they overlap, the other grounds as they are.
    pub(crate) fn notice_change(
        &self,
        record: &CaseRecord,
        published: NaiveDate,
        foreign: bool,
    ) -> Option<(CaseLimitChange, Exclusion)> {
        let rules = &self.config().service_rules;
        let new = notice_exclusion(
            rules,
            record.case_no.category(),
            record.closed_on,
            published,
            foreign,
        )?;
        let merged = with_notice(&record.exclusions, &new);
        (merged != record.exclusions).then(|| {
            let change = CaseLimitChange {
                extensions: None,
                exclusions: Some(join_exclusions(&merged)),
                excluded_days: i64::from(excluded_days(&merged)),
            };
            (change, new)
        })
    }

    /// Records an attempt on task `id`; what it did.
    pub fn record_service_attempt(
        &self,
        store: &mut Store,
        by: &User,
        id: i64,
        attempt: &NewAttempt,
    ) -> Result<RecordedAttempt, AppError> {
        let (task, record) = self.task_for(store, by, id)?;
        let confirmations = self.dispute_confirmations(store, &record)?;
        let views = self.task_view(&task, &confirmations, record.closed_on)?;
        if let Some(on) = views.outcome.served_on {
            return Err(AppError::Conflict(text!(
                "该任务已于{on}送达",
                "the task was served on {on}"
            )));
        }
        let row = self.attempt_row(by, &task, attempt)?;
        let change = match attempt.method {
            Method::Notice => self.notice_change(&record, attempt.attempted_on, task.foreign),
            _ => None,
        };
        let notice = change.as_ref().map(|(change, _)| NoticeChange {
            case_no: record.case_no.to_string(),
            was_days: i64::from(record.excluded_days()),
            change: change.clone(),
        });
        let seq = store.atomically(|store| {
            let seq = store
                .inner
                .add_service_attempt(id, &row, notice.as_ref())?
                .ok_or_else(|| no_task(id))?;
            self.audit(
                store,
                Some(&by.name),
                "service.attempt",
                &format!("{id}#{seq} {} {} {}", task.case_no, row.method, row.outcome),
            )?;
            Ok(seq)
        })?;
        let rules = self.deadline_rules();
        let deadline = |r: &CaseRecord| {
            r.deadline(rules.limits, rules.calendar, rules.options)
                .ok()
                .flatten()
        };
        let deadline_before = deadline(&record);
        let mut after = record.clone();
        if let Some((_, exclusion)) = &change {
            after.exclusions = with_notice(&record.exclusions, exclusion);
        }
        let validity = (attempt.method == Method::Electronic).then(|| {
            let domain = attempt_of(&ServiceAttemptRow { seq, ..row.clone() });
            domain.map_or(Validity::NoConsent, |a| {
                validity_of(&task, &confirmations, &a)
            })
        });
        Ok(RecordedAttempt {
            seq,
            exclusion: change.map(|(_, e)| e),
            deadline_before,
            deadline_after: deadline(&after),
            validity: validity.filter(|v| *v != Validity::Valid),
        })
    }

    /// Settles a waiting (mailed, entrusted) attempt with its result.
    pub fn settle_service_attempt(
        &self,
        store: &mut Store,
        by: &User,
        id: i64,
        seq: i64,
        settlement: &Settlement,
    ) -> Result<(), AppError> {
        let Settlement {
            outcome,
            served_on,
            failure,
            proof,
        } = *settlement;
        if outcome == Outcome::Waiting {
            return Err(AppError::invalid_for(
                "outcome",
                &text!(
                    "补记的结果应为已送达或未送达",
                    "the result recorded is served or failed"
                ),
            ));
        }
        let (task, _) = self.task_for(store, by, id)?;
        let held = task.attempts.iter().find(|a| a.seq == seq).ok_or_else(|| {
            AppError::NotFound(text!(
                "任务{id}没有第{seq}次送达",
                "task {id} has no attempt {seq}"
            ))
        })?;
        let held = attempt_of(held)?;
        if held.outcome != Outcome::Waiting {
            let (zh, en) = (held.outcome.label_zh(), held.outcome.key());
            return Err(AppError::Conflict(text!(
                "第{seq}次送达已有结果（{zh}）",
                "attempt {seq} already has its result ({en})"
            )));
        }
        let attempt = NewAttempt {
            method: held.method,
            attempted_on: held.attempted_on,
            outcome,
            served_on,
            failure,
            proof,
            tracking_no: task
                .attempts
                .iter()
                .find(|a| a.seq == seq)
                .and_then(|a| a.tracking_no.clone()),
            entrusted_court: task
                .attempts
                .iter()
                .find(|a| a.seq == seq)
                .and_then(|a| a.entrusted_court.clone()),
        };
        let row = self.attempt_row(by, &task, &attempt)?;
        store.atomically(|store| {
            if !store.inner.settle_service_attempt(id, seq, &row)? {
                return Err(AppError::Conflict(text!(
                    "第{seq}次送达已有结果",
                    "attempt {seq} already has its result"
                )));
            }
            self.audit(
                store,
                Some(&by.name),
                "service.settle",
                &format!("{id}#{seq} {} {}", task.case_no, row.outcome),
            )
        })
    }

    /// Hands tasks `ids` to `to` (an account in use that may see their cases); how many were.
    pub fn assign_service_tasks(
        &self,
        store: &mut Store,
        by: &User,
        ids: &[i64],
        to: &str,
    ) -> Result<u64, AppError> {
        if !matches!(by.role, Role::Office | Role::Leader | Role::Division) {
            return Err(AppError::Forbidden(text!(
                "仅审管办、院领导和庭长可分派送达任务",
                "only the trial-management office, court leaders and division heads assign service tasks"
            )));
        }
        if ids.is_empty() || ids.len() > QUEUE_MAX {
            return Err(AppError::invalid_for(
                "tasks",
                &text!(
                    "请选择1至{QUEUE_MAX}个任务",
                    "choose 1 to {QUEUE_MAX} tasks"
                ),
            ));
        }
        let to = to.trim();
        let accounts = self.accounts(store)?;
        let staff = accounts
            .iter()
            .find(|a| a.user.name == to && a.disabled_at.is_none())
            .ok_or_else(|| {
                AppError::invalid_for(
                    "to",
                    &text!(
                        "没有在用的账号“{to}”",
                        "there is no account in use named “{to}”"
                    ),
                )
            })?;
        if staff.user.role == Role::Admin {
            return Err(AppError::invalid_for(
                "to",
                &text!(
                    "{to}是系统管理员，不办理送达",
                    "{to} is an administrator and does not serve documents"
                ),
            ));
        }
        for &id in ids {
            let (task, record) = self.task_for(store, by, id)?;
            if !by.may_see(&record) {
                return Err(no_task(id));
            }
            let theirs = staff.user.may_see(&record)
                || staff.user.court.is_none_or(|c| {
                    shenguan_domain::CourtScope::with_lower(c).covers(record.court)
                });
            if !theirs {
                return Err(AppError::invalid_for(
                    "to",
                    &text!(
                        "{to}不属于案件{case_no}所在法院",
                        "{to} is not of the court of the case {case_no}",
                        case_no = task.case_no
                    ),
                ));
            }
        }
        store.atomically(|store| {
            let changed = store.inner.assign_service_tasks(ids, to, self.today())?;
            self.audit(
                store,
                Some(&by.name),
                "service.assign",
                &format!(
                    "{} → {to}",
                    ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
                ),
            )?;
            Ok(changed)
        })
    }

    /// Records a party's address confirmation on a case `by` may work; whether it was new.
    pub fn record_confirmation(
        &self,
        store: &mut Store,
        by: &User,
        confirmation: &NewConfirmation,
    ) -> Result<bool, AppError> {
        let record = self.service_case(store, by, &confirmation.case_no, None)?;
        let party = field(
            Some(&confirmation.party),
            "party",
            ("当事人", "party"),
            NAME_MAX,
            true,
        )?
        .unwrap_or_default();
        let address = field(
            confirmation.address.as_deref(),
            "address",
            ("送达地址", "address"),
            ADDRESS_MAX,
            false,
        )?;
        let channel = field(
            confirmation.channel.as_deref(),
            "channel",
            ("电子送达地址", "electronic address"),
            NAME_MAX,
            false,
        )?;
        let today = self.today();
        if confirmation.signed_on > today || confirmation.signed_on < record.filed_on {
            return Err(AppError::invalid_for(
                "signed_on",
                &text!(
                    "签署日期须在立案日期{filed}与今天{today}之间",
                    "the day signed must fall between the filing ({filed}) and today ({today})",
                    filed = record.filed_on
                ),
            ));
        }
        if address.is_none() && confirmation.electronic.is_none() {
            return Err(AppError::invalid_for(
                "address",
                &text!(
                    "请填写确认的送达地址或电子送达同意",
                    "give the confirmed address or the consent to electronic service"
                ),
            ));
        }
        let row = ConfirmationRow {
            case_no: record.case_no.to_string(),
            party,
            identity_key: self.identity_key_of(store, confirmation.identity_number.as_deref())?,
            signed_on: confirmation.signed_on,
            address,
            electronic: confirmation.electronic.map(|s| s.key().into()),
            channel,
            recorded_by: by.name.clone(),
            recorded_at: self.now_text(),
        };
        store.atomically(|store| {
            let new = store.inner.add_confirmation(&row)?;
            if new {
                self.audit(
                    store,
                    Some(&by.name),
                    "service.confirmation",
                    &format!("{} {}", row.case_no, row.party),
                )?;
            }
            Ok(new)
        })
    }

    /// The confirmations of the dispute `record` belongs to, as stored: its own and those of the
    /// cases it continues (first instance → appeal → enforcement), up to ten stages back, read as
    /// the queue and the figures read them (`figures::dispute_chains`).
    fn dispute_rows(
        &self,
        store: &mut Store,
        record: &CaseRecord,
    ) -> Result<Vec<ConfirmationRow>, AppError> {
        let case_no = record.case_no.to_string();
        Ok(self
            .disputes_rows(store, [record])?
            .remove(&case_no)
            .unwrap_or_default())
    }

    /// `dispute_rows` of many cases at once, by case number: the chains and the confirmations of
    /// them all read in a few queries (an import checks every case its files name), each case's
    /// in the order `Store::confirmations` gives one case's.
    fn disputes_rows<'r>(
        &self,
        store: &mut Store,
        records: impl IntoIterator<Item = &'r CaseRecord>,
    ) -> Result<std::collections::HashMap<String, Vec<ConfirmationRow>>, AppError> {
        let origins = records
            .into_iter()
            .map(|r| {
                let origin = r.origin_case_no.as_ref().map(ToString::to_string);
                (r.case_no.to_string(), origin)
            })
            .collect();
        let chains = figures::dispute_chains(store, origins)?;
        let rows = store.inner.confirmations(&figures::cases_of(&chains))?;
        let mut of_case: std::collections::HashMap<&str, Vec<&ConfirmationRow>> =
            std::collections::HashMap::new();
        for row in &rows {
            of_case.entry(row.case_no.as_str()).or_default().push(row);
        }
        Ok(chains
            .into_iter()
            .map(|(case_no, chain)| {
                let mut theirs: Vec<ConfirmationRow> = chain
                    .iter()
                    .filter_map(|c| of_case.get(c.as_str()))
                    .flatten()
                    .map(|row| (*row).clone())
                    .collect();
                theirs.sort_by(|a, b| {
                    (&a.case_no, a.signed_on, &a.party).cmp(&(&b.case_no, b.signed_on, &b.party))
                });
                theirs.dedup();
                (case_no, theirs)
            })
            .collect())
    }

    /// `dispute_confirmations` of many cases at once, by case number.
    pub(crate) fn disputes_confirmations<'r>(
        &self,
        store: &mut Store,
        records: impl IntoIterator<Item = &'r CaseRecord>,
    ) -> Result<std::collections::HashMap<String, Vec<Confirmation>>, AppError> {
        Ok(self
            .disputes_rows(store, records)?
            .into_iter()
            .map(|(case_no, rows)| (case_no, rows.iter().map(confirmation_of).collect()))
            .collect())
    }

    /// The same in the domain's words, what an electronic service is judged by.
    pub(crate) fn dispute_confirmations(
        &self,
        store: &mut Store,
        record: &CaseRecord,
    ) -> Result<Vec<Confirmation>, AppError> {
        Ok(self
            .dispute_rows(store, record)?
            .iter()
            .map(confirmation_of)
            .collect())
    }

    /// A stored task as shown, with what it came to by today.
    /// A task is overdue only while its case (closed on `case_closed`, if it is) is pending: a
    /// closed case waits for no papers.
    pub(crate) fn task_view(
        &self,
        task: &ServiceTaskRow,
        confirmations: &[Confirmation],
        case_closed: Option<NaiveDate>,
    ) -> Result<ServiceTask, AppError> {
        let today = self.today();
        let rules = &self.config().service_rules;
        let mut attempts = Vec::with_capacity(task.attempts.len());
        for row in &task.attempts {
            let attempt = attempt_of(row)?;
            let validity = (attempt.method == Method::Electronic)
                .then(|| validity_of(task, confirmations, &attempt));
            let due = (attempt.method == Method::Entrusted)
                .then(|| entrusted_due(rules, attempt.attempted_on))
                .flatten();
            let late = due.is_some_and(|due| match attempt.served_on {
                Some(on) => on > due,
                None => attempt.outcome == Outcome::Waiting && today > due,
            });
            attempts.push(AttemptView {
                attempt,
                tracking_no: row.tracking_no.clone(),
                entrusted_court: row.entrusted_court.clone(),
                by_user: row.by_user.clone(),
                recorded_at: row.recorded_at.clone(),
                validity,
                entrusted_due: due,
                entrusted_late: late,
            });
        }
        let domain: Vec<Attempt> = attempts.iter().map(|a| a.attempt.clone()).collect();
        let outcome = task_outcome(&domain, |a| validity_of(task, confirmations, a), today);
        let until = outcome.served_on.unwrap_or(today);
        let days = (until - task.created_on).num_days();
        let entrusted_late = attempts
            .iter()
            .any(|a| a.entrusted_late && a.attempt.outcome == Outcome::Waiting);
        let pending = case_closed.is_none_or(|closed| closed > today);
        let overdue = outcome.served_on.is_none()
            && pending
            && (days > i64::from(self.config().service_overdue_days) || entrusted_late);
        Ok(ServiceTask {
            id: task.id,
            case_no: task.case_no.clone(),
            court: task.court_code.clone(),
            division: task.division.clone(),
            document: task.document.clone(),
            recipient: task.recipient.clone(),
            recipient_kind: RecipientKind::parse(&task.recipient_kind)
                .map_err(|_| corrupt(&task.recipient_kind))?,
            address: task.address.clone(),
            foreign: task.foreign,
            created_on: task.created_on,
            created_by: task.created_by.clone(),
            assigned_to: task.assigned_to.clone(),
            assigned_on: task.assigned_on,
            attempts,
            outcome,
            days,
            overdue,
        })
    }

    /// A case's service as `by` may see it.
    pub fn case_service(
        &self,
        store: &mut Store,
        by: &User,
        number: &str,
    ) -> Result<CaseService, AppError> {
        let number = number.trim();
        if by.role == Role::Admin {
            return Err(AppError::Forbidden(text!(
                "系统管理员管理账号，不办理送达",
                "an administrator manages accounts and does not serve documents"
            )));
        }
        let record = match store.inner.case(number)? {
            Some((record, _)) if by.may_see(&record) => record,
            _ => return Err(no_case(number)),
        };
        let mut rows = self.dispute_rows(store, &record)?;
        let confirmations: Vec<Confirmation> = rows.iter().map(confirmation_of).collect();
        let case_no = record.case_no.to_string();
        let query = ServiceQuery {
            case_no: Some(case_no.clone()),
            ..ServiceQuery::default()
        };
        let tasks = store
            .inner
            .service_tasks(&query)?
            .iter()
            .map(|t| self.task_view(t, &confirmations, record.closed_on))
            .collect::<Result<Vec<_>, _>>()?;
        rows.sort_by(|a, b| {
            (a.signed_on, &a.case_no, &a.party).cmp(&(b.signed_on, &b.case_no, &b.party))
        });
        Ok(CaseService {
            case_no,
            tasks,
            confirmations: rows,
        })
    }

    /// The service queue `by` sees: the tasks of the cases they may see, or assigned to them,
    /// oldest first; at most [`QUEUE_MAX`], and whether more matched.
    pub fn service_queue(
        &self,
        store: &mut Store,
        by: &User,
        query: &QueueQuery,
    ) -> Result<(Vec<ServiceTask>, bool), AppError> {
        if by.role == Role::Admin {
            return Err(AppError::Forbidden(text!(
                "系统管理员管理账号，不办理送达",
                "an administrator manages accounts and does not serve documents"
            )));
        }
        let stored = ServiceQuery {
            court: by.court.map(shenguan_domain::CourtScope::with_lower),
            division: query.division.clone(),
            case_no: None,
            assigned_to: query.assigned_to.clone(),
            from: query.from,
            to: query.to,
        };
        let rows = store.inner.service_tasks(&stored)?;
        let numbers: Vec<String> = rows
            .iter()
            .map(|t| t.case_no.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let cases: std::collections::HashMap<String, CaseRecord> = store
            .inner
            .cases_by_numbers(&numbers)?
            .into_iter()
            .map(|r| (r.case_no.to_string(), r))
            .collect();
        // The confirmations of each case's dispute, as far back as a case's page reads them.
        let disputes = figures::Disputes::read(store, figures::origins_of(&cases))?;
        let mut shown = Vec::new();
        let mut more = false;
        for row in &rows {
            let Some(record) = cases.get(&row.case_no) else {
                continue;
            };
            if !may_work(by, record, Some(row)) {
                continue;
            }
            let theirs = disputes.theirs(&row.case_no);
            let task = self.task_view(row, &theirs, record.closed_on)?;
            if query.open_only && task.outcome.served_on.is_some() {
                continue;
            }
            if query.overdue_only && !task.overdue {
                continue;
            }
            if shown.len() == QUEUE_MAX {
                more = true;
                break;
            }
            shown.push(task);
        }
        Ok((shown, more))
    }
}

/// `exclusions` with the announcement `new` joined to the announcements already dated: days
/// they share leave the limit once. The other grounds, and undated items, stay as they are; a
/// record that states its announcements by their days alone is left as it is.
pub(crate) fn with_notice(exclusions: &[Exclusion], new: &Exclusion) -> Vec<Exclusion> {
    let is_dated_notice = |e: &Exclusion| e.ground == ExclusionGround::Notice && e.from.is_some();
    // An announcement stated by its days alone ("公告 30日") is the record's own count of it: the
    // days are not added again beside it.
    let undated = exclusions
        .iter()
        .any(|e| e.ground == ExclusionGround::Notice && e.from.is_none());
    let covered = exclusions
        .iter()
        .filter(|e| is_dated_notice(e))
        .any(|e| e.from <= new.from && e.to() >= new.to());
    if covered || undated {
        return exclusions.to_vec();
    }
    let mut spans: Vec<(NaiveDate, NaiveDate)> = exclusions
        .iter()
        .chain(std::iter::once(new))
        .filter(|e| is_dated_notice(e))
        .filter_map(|e| Some((e.from?, e.to()?)))
        .collect();
    spans.sort();
    let mut joined: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for (from, to) in spans {
        match joined.last_mut() {
            Some(last) if from <= last.1.succ_opt().unwrap_or(last.1) => last.1 = last.1.max(to),
            _ => joined.push((from, to)),
        }
    }
    let mut out: Vec<Exclusion> = exclusions
        .iter()
        .filter(|e| !is_dated_notice(e))
        .cloned()
        .collect();
    out.extend(joined.into_iter().map(|(from, to)| Exclusion {
        ground: ExclusionGround::Notice,
        from: Some(from),
        days: u32::try_from((to - from).num_days() + 1).unwrap_or(u32::MAX),
    }));
    // Kept in the order the case's record lists them: by first day, undated last.
    out.sort_by_key(|e| (e.from.is_none(), e.from));
    out
}
