//! The service files through an import (送达记录, 送达地址确认书, 邮寄结果): every row checked
//! against the store — its case there and within the importer's courts, a task known by its case,
//! document, recipient and day created, an attempt by its number, a postal row by the mailed
//! attempt its tracking number names — and everything new or settled written in one transaction
//! (`Store::import_service`), with the excluded periods the announcements among them give their
//! cases, as a recorded announcement writes them. A second import of the same files changes
//! nothing.
//!
//! Readings:
//! - service files are imported on their own, after the cases they belong to: an import that
//!   mixes them with case or records files is refused whole, so that each import stays one
//!   transaction;
//! - a stored attempt is kept as stored when the file has it as it is, or still waiting; one the
//!   file settles is settled once; one the file has otherwise is an error on its row;
//! - the file's attempts of a task follow those stored without a gap (1, 2, …);
//! - an announcement is served on the law's day (`deemed_served`), whatever else the file says;
//! - a postal row in transit (在途) settles nothing; one whose attempt has its result already is
//!   as stored when the results agree and an error when they differ;
//! - a task's creator, an attempt's server when the file names none, and a confirmation's
//!   recorder are the importing account (导入 from the command line).

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use shenguan_domain::service::timing::deemed_served;
use shenguan_domain::service::{Method, Outcome, Proof, attempt_agrees};
use shenguan_domain::{CaseRecord, CourtCode, CourtScope, Text, text};
use shenguan_ingest::columns::{
    ConfirmationColumn, HeaderKind, PostalColumn, ServiceColumn, confirmation_header,
    postal_header, resolve_header, service_header,
};
use shenguan_ingest::table::Table;
use shenguan_ingest::validate::{
    ConfirmationLine, Located, PostalLine, RowError, ServiceLine, Validation, validate_tables,
};
use shenguan_store::{
    ConfirmationRow, NoticeChange, ServiceAttemptRow, ServiceTaskRow, WriteStats,
};

pub use shenguan_store::ServiceImportCounts;

use super::{ImportOutcome, ImportProgress, ImportRequest, write_rejects, write_report};
use crate::service::{validity_of, with_notice};
use crate::{App, AppError, Store};
use shenguan_domain::service::consent::{Confirmation, Validity};

/// Who a record is by when the command line imports it (no account is signed in there).
const IMPORTER: &str = "导入";
/// How much of a value an error shows.
const SHOWN: usize = 60;

/// Whether a table is one of the service files (by its header).
pub(super) fn is_service_file(table: &Table) -> bool {
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    matches!(
        resolve_header(&headers),
        Some(
            HeaderKind::Service { .. }
                | HeaderKind::Confirmations { .. }
                | HeaderKind::Postal { .. }
        )
    )
}

/// The valid rows of the three files, as the ingest's checks left them.
type Rows = (
    Vec<Located<ServiceLine>>,
    Vec<Located<ConfirmationLine>>,
    Vec<Located<PostalLine>>,
);

/// A task's key: its case, document, recipient and day created.
type TaskKey = (String, String, String, NaiveDate);

fn key_of(task: &ServiceTaskRow) -> TaskKey {
    (
        task.case_no.clone(),
        task.document.clone(),
        task.recipient.clone(),
        task.created_on,
    )
}

/// What the service files will write.
#[derive(Debug, Default)]
struct Plan {
    tasks: Vec<ServiceTaskRow>,
    at: HashMap<TaskKey, usize>,
    /// The attempts each stored task holds, by task id.
    held: HashMap<i64, Vec<ServiceAttemptRow>>,
    confirmations: Vec<ConfirmationRow>,
    /// The confirmations already stored among them.
    confirmations_held: usize,
    /// Each case's new excluded periods, with the days the case excluded when it was read.
    case_changes: HashMap<String, NoticeChange>,
    /// The identity numbers given, keyed only when the plan is written (a dry run or a refused
    /// import makes no secret), then dropped.
    numbers: Vec<(Keyed, shenguan_domain::IdNumber)>,
}

/// What an identity number is the key of: a task of the plan, or a confirmation.
#[derive(Debug)]
enum Keyed {
    Task(usize),
    Confirmation(usize),
}

impl Plan {
    /// The index of `task` in the plan, added (without attempts) when it is not there yet.
    fn task(&mut self, task: &ServiceTaskRow) -> usize {
        let key = key_of(task);
        if let Some(&i) = self.at.get(&key) {
            return i;
        }
        self.tasks.push(ServiceTaskRow {
            attempts: Vec::new(),
            ..task.clone()
        });
        self.at.insert(key, self.tasks.len() - 1);
        self.tasks.len() - 1
    }

    /// What writing the plan will do, as the store counts it.
    fn counts(&self) -> ServiceImportCounts {
        let mut counts = ServiceImportCounts::default();
        for task in &self.tasks {
            if task.id == 0 {
                counts.tasks_added += 1;
                counts.attempts_added += task.attempts.len() as u64;
                continue;
            }
            let held = self.held.get(&task.id).map_or(&[][..], Vec::as_slice);
            for attempt in &task.attempts {
                if held.iter().any(|h| h.seq == attempt.seq) {
                    counts.attempts_settled += 1;
                } else {
                    counts.attempts_added += 1;
                }
            }
            if task.attempts.is_empty() {
                counts.unchanged += 1;
            }
        }
        let confirmations = self.confirmations.len() as u64;
        let held = self.confirmations_held as u64;
        counts.confirmations_added = confirmations - held;
        counts.unchanged += held;
        counts
    }
}

/// Where the checks against the store put their errors: the import's own list, each named by
/// file, row, column (as the file heads it) and value.
struct Errors<'a> {
    tables: &'a [Table],
    kinds: Vec<Option<HeaderKind>>,
    validation: &'a mut Validation,
}

/// A column of one of the service files.
#[derive(Clone, Copy)]
enum Col {
    Service(ServiceColumn),
    Confirmation(ConfirmationColumn),
    Postal(PostalColumn),
}

impl Errors<'_> {
    fn add(&mut self, table: usize, row: usize, column: Col, why: Text) {
        let file = &self.tables[table];
        let position = match (&self.kinds[table], column) {
            (Some(HeaderKind::Service { columns, .. }), Col::Service(c)) => {
                columns.iter().position(|x| *x == Some(c))
            }
            (Some(HeaderKind::Confirmations { columns, .. }), Col::Confirmation(c)) => {
                columns.iter().position(|x| *x == Some(c))
            }
            (Some(HeaderKind::Postal { columns, .. }), Col::Postal(c)) => {
                columns.iter().position(|x| *x == Some(c))
            }
            _ => None,
        };
        let header = position
            .and_then(|i| file.headers.get(i).cloned())
            .unwrap_or_else(|| {
                match column {
                    Col::Service(c) => service_header(c, true),
                    Col::Confirmation(c) => confirmation_header(c, true),
                    Col::Postal(c) => postal_header(c, true),
                }
                .to_string()
            });
        let value = position
            .and_then(|i| {
                let at = file.rows.binary_search_by_key(&row, |r| r.row).ok()?;
                file.rows[at].cells.get(i).map(|v| v.trim().to_string())
            })
            .unwrap_or_default();
        // An identity number is never repeated in a report.
        let value = if matches!(
            column,
            Col::Service(ServiceColumn::IdNumber) | Col::Confirmation(ConfirmationColumn::IdNumber)
        ) && !value.is_empty()
        {
            "…".to_string()
        } else if value.chars().count() > SHOWN {
            format!("{}…", value.chars().take(SHOWN).collect::<String>())
        } else {
            value
        };
        self.validation.errors.push(RowError {
            path: file.path.clone(),
            row,
            column: header,
            value,
            reason_zh: why.zh().to_string(),
            reason_en: why.en().to_string(),
        });
        self.validation.rejected.insert((table, row));
    }

    fn on<T>(&mut self, located: &Located<T>, column: Col, why: Text) {
        self.add(located.table, located.row, column, why);
    }
}

fn no_case() -> Text {
    text!(
        "案件不在数据库中：送达记录须在案件导入之后导入",
        "the case is not in the store: service records are imported after their cases"
    )
}

fn outside(own: CourtCode) -> Text {
    text!(
        "案件不属于{own}及其辖区法院，无权导入",
        "the case is outside {own} and the courts below it"
    )
}

/// An attempt's result in words: 已送达 2026-03-05, 未送达（拒收）, 送达中.
fn result_text(row: &ServiceAttemptRow) -> Text {
    let outcome = Outcome::parse(&row.outcome).ok();
    let (zh, en) = outcome.map_or(("", ""), |o| (o.label_zh(), o.key()));
    let failure = row
        .failure
        .as_deref()
        .and_then(|f| shenguan_domain::service::Failure::parse(f).ok());
    match (row.served_on, failure) {
        (Some(on), _) => text!("{zh} {on}", "{en} {on}"),
        (None, Some(f)) => {
            let (fz, fe) = (f.label_zh(), f.key());
            text!("{zh}（{fz}）", "{en} ({fe})")
        }
        (None, None) => text!("{zh}", "{en}"),
    }
}

/// Whether two attempts came to the same: result, day of service and failure.
fn same_result(a: &ServiceAttemptRow, b: &ServiceAttemptRow) -> bool {
    (&a.outcome, a.served_on, &a.failure) == (&b.outcome, b.served_on, &b.failure)
}

impl App {
    /// Imports the service files `tables` (and nothing else): checks every row, then writes all
    /// of it in one transaction, or (skipping bad rows) the good ones with the rest in a rejects
    /// file; nothing on a dry run.
    pub(super) fn import_service_files(
        &self,
        store: &mut Store,
        request: &ImportRequest,
        tables: Vec<Table>,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportOutcome, AppError> {
        let rows_read: usize = tables.iter().map(|t| t.rows.len()).sum();
        progress(ImportProgress::Validating { rows: rows_read });
        let mut validation =
            validate_tables(&tables, self.today()).map_err(|e| AppError::Invalid(e.text()))?;
        let by = request.by.clone().unwrap_or_else(|| IMPORTER.to_string());
        let plan = {
            let kinds = tables
                .iter()
                .map(|t| {
                    let headers: Vec<&str> = t.headers.iter().map(String::as_str).collect();
                    resolve_header(&headers)
                })
                .collect();
            let service = std::mem::take(&mut validation.service);
            let confirmations = std::mem::take(&mut validation.confirmations);
            let postal = std::mem::take(&mut validation.postal);
            let mut errors = Errors {
                tables: &tables,
                kinds,
                validation: &mut validation,
            };
            self.plan_service(
                store,
                &mut errors,
                (service, confirmations, postal),
                request.within,
                &by,
            )?
        };
        let mut outcome = ImportOutcome {
            rows_read,
            errors: validation.errors.clone(),
            warnings: validation.warnings.clone(),
            service: Some(plan.counts()),
            ..ImportOutcome::default()
        };
        if request.dry_run {
            return Ok(outcome);
        }
        if !validation.errors.is_empty() && !request.skip_invalid {
            if let Some(path) = &request.rejects {
                write_report(path, &validation.errors)?;
                outcome.rejects_files.push(path.clone());
            }
            return Ok(outcome);
        }
        if !validation.errors.is_empty() {
            outcome.rejects_files =
                write_rejects(&tables, &validation, request.rejects.as_deref())?;
        }
        let mut plan = plan;
        if !plan.numbers.is_empty() {
            let secret = self.identity_secret(store)?;
            for (at, number) in std::mem::take(&mut plan.numbers) {
                let key = Some(number.key(&secret).as_str().to_string());
                match at {
                    Keyed::Task(i) => plan.tasks[i].identity_key = key,
                    Keyed::Confirmation(i) => plan.confirmations[i].identity_key = key,
                }
            }
        }
        let total = (plan.tasks.len() + plan.confirmations.len()) as u64;
        progress(ImportProgress::Writing { done: 0, total });
        let changes: Vec<NoticeChange> = plan.case_changes.into_values().collect();
        let counts = store.atomically(|store| {
            let counts = store
                .inner
                .import_service(&plan.tasks, &plan.confirmations, &changes)
                .map_err(|e| super::write_failed(&e))?;
            progress(ImportProgress::Writing { done: total, total });
            let files = request.files_named();
            let ServiceImportCounts {
                tasks_added,
                attempts_added,
                attempts_settled,
                confirmations_added,
                unchanged,
            } = counts;
            self.audit(
                store,
                request.by.as_deref(),
                "service.import",
                &format!(
                    "{files} — tasks {tasks_added} attempts {attempts_added} settled {attempts_settled} confirmations {confirmations_added} unchanged {unchanged} cases moved {}",
                    changes.len()
                ),
            )?;
            Ok(counts)
        })?;
        outcome.service = Some(counts);
        outcome.written = Some(WriteStats::default());
        Ok(outcome)
    }

    /// Checks the rows against the store and plans what to write; errors go to `errors`.
    fn plan_service(
        &self,
        store: &mut Store,
        errors: &mut Errors<'_>,
        (service, confirmations, postal): Rows,
        within: Option<CourtCode>,
        by: &str,
    ) -> Result<Plan, AppError> {
        let numbers: Vec<String> = service
            .iter()
            .map(|l| l.record.task.case_no.to_string())
            .chain(confirmations.iter().map(|l| l.record.case_no.to_string()))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let cases: HashMap<String, CaseRecord> = store
            .inner
            .cases_by_numbers(&numbers)?
            .into_iter()
            .map(|r| (r.case_no.to_string(), r))
            .collect();
        // A case of the import's: stored, and within the importer's courts.
        let case_of =
            |errors: &mut Errors<'_>, table: usize, row: usize, number: &str, column| match cases
                .get(number)
            {
                None => {
                    errors.add(table, row, column, no_case());
                    None
                }
                Some(record)
                    if within
                        .is_some_and(|own| !CourtScope::with_lower(own).covers(record.court)) =>
                {
                    errors.add(table, row, column, outside(within.unwrap_or(record.court)));
                    None
                }
                Some(record) => Some(record),
            };
        let mut plan = Plan::default();

        // The service records, task by task in the order the files first name them.
        let mut groups: Vec<(TaskKey, Vec<Located<ServiceLine>>)> = Vec::new();
        let mut group_at: HashMap<TaskKey, usize> = HashMap::new();
        for located in service {
            let task = &located.record.task;
            let number = task.case_no.to_string();
            let column = Col::Service(ServiceColumn::CaseNo);
            let Some(record) = case_of(errors, located.table, located.row, &number, column) else {
                continue;
            };
            if task.created_on < record.filed_on {
                let filed = record.filed_on;
                errors.on(
                    &located,
                    Col::Service(ServiceColumn::CreatedOn),
                    text!(
                        "任务创建日期早于立案日期{filed}",
                        "the task was created before the case was filed ({filed})"
                    ),
                );
                continue;
            }
            let key = (
                number,
                task.document.clone(),
                task.recipient.clone(),
                task.created_on,
            );
            match group_at.get(&key) {
                Some(&i) => groups[i].1.push(located),
                None => {
                    group_at.insert(key.clone(), groups.len());
                    groups.push((key, vec![located]));
                }
            }
        }
        // What the rows are checked against, read for all their cases at once (an import of a
        // year's service records names hundreds of thousands): the tasks stored, the stored
        // confirmations of each case's dispute, and this import's confirmations of each case
        // (they count for their own case only until they are stored).
        let named: Vec<String> = groups
            .iter()
            .map(|(key, _)| key.0.clone())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let mut stored_by_case: HashMap<String, Vec<ServiceTaskRow>> = HashMap::new();
        for task in store.inner.service_tasks_of_cases(&named)? {
            stored_by_case
                .entry(task.case_no.clone())
                .or_default()
                .push(task);
        }
        let disputes =
            self.disputes_confirmations(store, named.iter().filter_map(|no| cases.get(no)))?;
        let mut imported: HashMap<String, Vec<Confirmation>> = HashMap::new();
        for c in confirmations.iter().map(|c| &c.record) {
            let case_no = c.case_no.to_string();
            imported
                .entry(case_no.clone())
                .or_default()
                .push(Confirmation {
                    case_no,
                    party: c.party.clone(),
                    identity_key: c.identity_key.clone(),
                    signed_on: c.signed_on,
                    address: c.address.clone(),
                    electronic: c.electronic,
                    channel: c.channel.clone(),
                });
        }
        // Each case's record as the announcements before in this import leave it.
        let mut working: HashMap<String, CaseRecord> = HashMap::new();
        for (key, mut lines) in groups {
            let Some(record) = cases.get(&key.0) else {
                continue;
            };
            let first = &lines[0].record.task;
            let stored = stored_by_case
                .get(&key.0)
                .and_then(|tasks| tasks.iter().find(|t| key_of(t) == key));
            if let Some(stored) = stored
                && stored.foreign != first.foreign
            {
                let held = if stored.foreign { "是" } else { "否" };
                let held_en = if stored.foreign { "yes" } else { "no" };
                for located in &lines {
                    errors.on(
                        located,
                        Col::Service(ServiceColumn::Foreign),
                        text!(
                            "数据库中该任务的“涉外”为{held}，与此行不同（涉外影响公告期）",
                            "the store has this task as foreign-related: {held_en}, unlike this row (it sets the announcement's period)"
                        ),
                    );
                }
                continue;
            }
            let task = match stored {
                Some(stored) => {
                    plan.held.insert(stored.id, stored.attempts.clone());
                    stored.clone()
                }
                None => ServiceTaskRow {
                    id: 0,
                    case_no: key.0.clone(),
                    court_code: record.court.to_string(),
                    division: record.division.clone(),
                    document: first.document.clone(),
                    recipient: first.recipient.clone(),
                    recipient_kind: first.recipient_kind.key().to_string(),
                    identity_key: first.identity_key.as_ref().map(|k| k.as_str().to_string()),
                    address: first.address.clone(),
                    foreign: first.foreign,
                    created_on: first.created_on,
                    created_by: by.to_string(),
                    assigned_to: None,
                    assigned_on: None,
                    attempts: Vec::new(),
                },
            };
            let index = plan.task(&task);
            if let (None, Some(number)) = (stored, &first.id_number) {
                plan.numbers.push((Keyed::Task(index), number.clone()));
            }
            let held: Vec<ServiceAttemptRow> = task.attempts.clone();
            let mut known: BTreeSet<i64> = held.iter().map(|a| a.seq).collect();
            // The confirmations an electronic service of this task is judged by: those of its
            // dispute in the store and those of its case in this import.
            let theirs: Vec<Confirmation> = disputes
                .get(&key.0)
                .into_iter()
                .chain(imported.get(&key.0))
                .flatten()
                .cloned()
                .collect();
            let counts = |a: &ServiceAttemptRow| {
                a.method != Method::Electronic.key()
                    || crate::service::attempt_of(a)
                        .is_ok_and(|d| validity_of(&task, &theirs, &d) == Validity::Valid)
            };
            lines.sort_by_key(|l| l.record.attempt.as_ref().map_or(0, |a| a.attempt.seq));
            for located in &lines {
                let Some(line) = &located.record.attempt else {
                    continue;
                };
                let seq = i64::from(line.attempt.seq);
                let mut attempt = line.attempt.clone();
                let method = attempt.method;
                if method == Method::Notice {
                    let rules = &self.config().service_rules;
                    let Some(deemed) = deemed_served(rules, attempt.attempted_on, task.foreign)
                    else {
                        errors.on(
                            located,
                            Col::Service(ServiceColumn::AttemptedOn),
                            text!("日期超出范围", "the day is out of range"),
                        );
                        continue;
                    };
                    if attempt.served_on.is_some_and(|on| on != deemed) {
                        errors.on(
                            located,
                            Col::Service(ServiceColumn::ServedOn),
                            text!(
                                "公告送达自发出公告之日起经过法定期间即视为送达，送达日期应为{deemed}",
                                "an announcement is deemed served when its period has run: the day served is {deemed}"
                            ),
                        );
                        continue;
                    }
                    attempt.outcome = Outcome::Served;
                    attempt.served_on = Some(deemed);
                    if let Err(why) = attempt_agrees(&attempt) {
                        errors.on(located, Col::Service(ServiceColumn::Outcome), why);
                        continue;
                    }
                }
                let row = ServiceAttemptRow {
                    seq,
                    method: method.key().to_string(),
                    attempted_on: attempt.attempted_on,
                    outcome: attempt.outcome.key().to_string(),
                    served_on: attempt.served_on,
                    failure: attempt.failure.map(|f| f.key().to_string()),
                    proof: attempt.proof.map(|p| p.key().to_string()),
                    tracking_no: line.tracking_no.clone(),
                    entrusted_court: line.entrusted_court.clone(),
                    by_user: line.by_user.clone().unwrap_or_else(|| by.to_string()),
                    recorded_at: self.now_text(),
                };
                if let Some(h) = held.iter().find(|h| h.seq == seq) {
                    if h.method != row.method || h.attempted_on != row.attempted_on {
                        let label = Method::parse(&h.method).map_or("", |m| m.label_zh());
                        let on = h.attempted_on;
                        let method_en = &h.method;
                        errors.on(
                            located,
                            Col::Service(ServiceColumn::Method),
                            text!(
                                "数据库中该任务的第{seq}次送达为{on}{label}，与此行不同",
                                "the store has attempt {seq} of this task as {method_en} on {on}, unlike this row"
                            ),
                        );
                        continue;
                    }
                    let waiting = Outcome::Waiting.key();
                    if h.outcome == waiting && row.outcome != waiting {
                        plan.tasks[index].attempts.push(row);
                    } else if !(same_result(h, &row) || row.outcome == waiting) {
                        let held = result_text(h);
                        let (zh, en) = (held.zh(), held.en());
                        errors.on(
                            located,
                            Col::Service(ServiceColumn::Outcome),
                            text!(
                                "数据库中该任务的第{seq}次送达已有结果（{zh}），与此行不同",
                                "the store has attempt {seq} of this task settled ({en}), unlike this row"
                            ),
                        );
                    }
                    continue;
                }
                if seq > 1 && !known.contains(&(seq - 1)) {
                    let missing = seq - 1;
                    errors.on(
                        located,
                        Col::Service(ServiceColumn::Seq),
                        text!(
                            "送达次序不连续：该任务没有第{missing}次送达",
                            "the attempts skip a number: the task has no attempt {missing}"
                        ),
                    );
                    continue;
                }
                // A task served takes no further attempt, as when recorded by hand (an electronic
                // service counts only with the party's consent).
                let today = self.today();
                let served = held
                    .iter()
                    .chain(&plan.tasks[index].attempts)
                    .filter(|a| a.outcome == Outcome::Served.key())
                    .filter(|a| counts(a))
                    .filter_map(|a| a.served_on)
                    .filter(|on| *on <= today)
                    .min();
                if let Some(on) = served {
                    errors.on(
                        located,
                        Col::Service(ServiceColumn::Seq),
                        text!(
                            "该任务已于{on}送达，不再记录之后的送达",
                            "the task was served on {on} and takes no further attempt"
                        ),
                    );
                    continue;
                }
                if method == Method::Notice {
                    let case = working
                        .entry(key.0.clone())
                        .or_insert_with(|| record.clone());
                    if let Some((change, new)) =
                        self.notice_change(case, attempt.attempted_on, task.foreign)
                    {
                        case.exclusions = with_notice(&case.exclusions, &new);
                        let notice = NoticeChange {
                            case_no: key.0.clone(),
                            was_days: i64::from(record.excluded_days()),
                            change,
                        };
                        plan.case_changes.insert(key.0.clone(), notice);
                    }
                }
                known.insert(seq);
                plan.tasks[index].attempts.push(row);
            }
            // A new task whose every attempt row was refused (an import that skips bad rows) is
            // not written bare: its rows go to the rejects with their reasons.
            let refused_all = stored.is_none()
                && plan.tasks[index].attempts.is_empty()
                && lines.iter().any(|l| l.record.attempt.is_some());
            if refused_all && index + 1 == plan.tasks.len() {
                if let Some(dropped) = plan.tasks.pop() {
                    plan.at.remove(&key_of(&dropped));
                }
                plan.numbers
                    .retain(|(at, _)| !matches!(at, Keyed::Task(i) if *i == index));
            }
        }

        self.plan_postal(store, errors, postal, within, &mut plan)?;

        // The confirmations.
        let mut wanted: Vec<String> = Vec::new();
        for located in confirmations {
            let line = &located.record;
            let number = line.case_no.to_string();
            let column = Col::Confirmation(ConfirmationColumn::CaseNo);
            let Some(record) = case_of(errors, located.table, located.row, &number, column) else {
                continue;
            };
            if line.signed_on < record.filed_on {
                let filed = record.filed_on;
                errors.on(
                    &located,
                    Col::Confirmation(ConfirmationColumn::SignedOn),
                    text!(
                        "签署日期早于立案日期{filed}",
                        "the day signed is before the case was filed ({filed})"
                    ),
                );
                continue;
            }
            wanted.push(number.clone());
            if let Some(id) = &line.id_number {
                let at = Keyed::Confirmation(plan.confirmations.len());
                plan.numbers.push((at, id.clone()));
            }
            plan.confirmations.push(ConfirmationRow {
                case_no: number,
                party: line.party.clone(),
                identity_key: line.identity_key.as_ref().map(|k| k.as_str().to_string()),
                signed_on: line.signed_on,
                address: line.address.clone(),
                electronic: line.electronic.map(|s| s.key().to_string()),
                channel: line.channel.clone(),
                recorded_by: by.to_string(),
                recorded_at: self.now_text(),
            });
        }
        wanted.sort();
        wanted.dedup();
        let held: std::collections::HashSet<(String, String, NaiveDate)> = store
            .inner
            .confirmations(&wanted)?
            .into_iter()
            .map(|h| (h.case_no, h.party, h.signed_on))
            .collect();
        plan.confirmations_held = plan
            .confirmations
            .iter()
            .filter(|c| held.contains(&(c.case_no.clone(), c.party.clone(), c.signed_on)))
            .count();
        Ok(plan)
    }

    /// Settles, by the postal rows, the mailed attempts their tracking numbers name: those this
    /// import adds, and those stored.
    fn plan_postal(
        &self,
        store: &mut Store,
        errors: &mut Errors<'_>,
        postal: Vec<Located<PostalLine>>,
        within: Option<CourtCode>,
        plan: &mut Plan,
    ) -> Result<(), AppError> {
        if postal.is_empty() {
            return Ok(());
        }
        let numbers: Vec<String> = postal
            .iter()
            .map(|l| l.record.tracking_no.clone())
            .collect();
        let mut stored: HashMap<String, Vec<(i64, i64)>> = HashMap::new();
        for (number, task, seq) in store.inner.attempts_by_tracking(&numbers)? {
            stored.entry(number).or_default().push((task, seq));
        }
        let mut tasks: HashMap<i64, ServiceTaskRow> = HashMap::new();
        for &(id, _) in stored.values().flatten() {
            if let std::collections::hash_map::Entry::Vacant(slot) = tasks.entry(id)
                && let Some(task) = store.inner.service_task(id)?
            {
                slot.insert(task);
            }
        }
        // The mailed attempts the service records of this import add or settle, by number: a
        // postal row never settles one of another postal row (a number is once in a batch).
        let mut planned: HashMap<String, Vec<(usize, i64)>> = HashMap::new();
        for (i, task) in plan.tasks.iter().enumerate() {
            for attempt in &task.attempts {
                if let Some(number) = &attempt.tracking_no
                    && attempt.method == Method::Post.key()
                {
                    planned
                        .entry(number.clone())
                        .or_default()
                        .push((i, attempt.seq));
                }
            }
        }
        let mut named_otherwise = 0usize;
        for located in postal {
            let line = &located.record;
            let tracking = Col::Postal(PostalColumn::TrackingNo);
            // The mailed attempts with this number, each with its task: those the import adds or
            // settles, then those stored that it leaves alone.
            let mut found: Vec<(ServiceTaskRow, ServiceAttemptRow)> = Vec::new();
            for &(i, seq) in planned
                .get(&line.tracking_no)
                .map_or(&[][..], Vec::as_slice)
            {
                let task = &plan.tasks[i];
                if let Some(attempt) = task.attempts.iter().find(|a| a.seq == seq) {
                    found.push((task.clone(), attempt.clone()));
                }
            }
            for &(id, seq) in stored.get(&line.tracking_no).map_or(&[][..], Vec::as_slice) {
                let Some(task) = tasks.get(&id) else {
                    continue;
                };
                let Some(attempt) = task.attempts.iter().find(|a| a.seq == seq) else {
                    continue;
                };
                let planned = plan
                    .at
                    .get(&key_of(task))
                    .is_some_and(|&i| plan.tasks[i].attempts.iter().any(|a| a.seq == seq));
                if attempt.method == Method::Post.key() && !planned {
                    found.push((task.clone(), attempt.clone()));
                }
            }
            let number = &line.tracking_no;
            if found.is_empty() {
                errors.on(
                    &located,
                    tracking,
                    text!(
                        "没有邮件号为{number}的邮寄送达记录（须先登记或导入该次邮寄送达）",
                        "no mailed attempt has the tracking number {number} (record or import the mailing first)"
                    ),
                );
                continue;
            }
            if let Some(own) = within
                && found.iter().any(|(task, _)| {
                    CourtCode::parse(&task.court_code)
                        .is_ok_and(|c| !CourtScope::with_lower(own).covers(c))
                })
            {
                errors.on(&located, tracking, outside(own));
                continue;
            }
            let waiting: Vec<&(ServiceTaskRow, ServiceAttemptRow)> = found
                .iter()
                .filter(|(_, a)| a.outcome == Outcome::Waiting.key())
                .collect();
            // The attempt with the row's result.
            let settle = |attempt: &ServiceAttemptRow| ServiceAttemptRow {
                outcome: line.status.key().to_string(),
                served_on: (line.status == Outcome::Served)
                    .then_some(line.delivered_on)
                    .flatten(),
                failure: (line.status == Outcome::Failed)
                    .then(|| line.reason.map(|f| f.key().to_string()))
                    .flatten(),
                proof: (line.status != Outcome::Waiting)
                    .then(|| Proof::PostalReceipt.key().to_string()),
                ..attempt.clone()
            };
            let (task, attempt) = match waiting.as_slice() {
                [one] => (&one.0, &one.1),
                [] => {
                    // Settled already: as stored when the results agree (or the row is still in
                    // transit), an error when they differ.
                    let agrees = found.iter().any(|(_, a)| {
                        line.status == Outcome::Waiting || same_result(a, &settle(a))
                    });
                    if agrees {
                        let (task, _) = &found[0];
                        plan.task(task);
                        if task.id != 0 {
                            plan.held
                                .entry(task.id)
                                .or_insert_with(|| task.attempts.clone());
                        }
                    } else {
                        let held = result_text(&found[0].1);
                        let (zh, en) = (held.zh(), held.en());
                        errors.on(
                            &located,
                            Col::Postal(PostalColumn::Status),
                            text!(
                                "邮件号{number}的邮寄送达已有结果（{zh}），与此行不同",
                                "the mailed attempt with the tracking number {number} is settled already ({en}), unlike this row"
                            ),
                        );
                    }
                    continue;
                }
                several => {
                    let cases: Vec<&str> =
                        several.iter().map(|(t, _)| t.case_no.as_str()).collect();
                    let cases = cases.join("、");
                    errors.on(
                        &located,
                        tracking,
                        text!(
                            "邮件号{number}对应多次尚无结果的邮寄送达（{cases}），无法确定是哪一次",
                            "the tracking number {number} names several mailed attempts still waiting ({cases}): which one cannot be told"
                        ),
                    );
                    continue;
                }
            };
            if let Some(on) = line.delivered_on
                && on < attempt.attempted_on
            {
                let mailed = attempt.attempted_on;
                errors.on(
                    &located,
                    Col::Postal(PostalColumn::DeliveredOn),
                    text!(
                        "投递日期早于寄出日期{mailed}",
                        "the day delivered is before the day it was mailed ({mailed})"
                    ),
                );
                continue;
            }
            if line
                .recipient
                .as_deref()
                .is_some_and(|r| r.trim() != task.recipient.trim())
            {
                named_otherwise += 1;
            }
            let index = plan.task(task);
            if task.id != 0 {
                plan.held
                    .entry(task.id)
                    .or_insert_with(|| task.attempts.clone());
            }
            if line.status == Outcome::Waiting {
                continue;
            }
            let settled = settle(attempt);
            let attempts = &mut plan.tasks[index].attempts;
            match attempts.iter_mut().find(|a| a.seq == attempt.seq) {
                // One this import adds, still waiting in its file: it is written settled.
                Some(planned) => *planned = settled,
                None => attempts.push(settled),
            }
        }
        if named_otherwise > 0 {
            errors.validation.warnings.push(text!(
                "邮寄结果中有{named_otherwise}行的收件人与送达任务的受送达人写法不同（已按邮件号登记结果），请核对",
                "{named_otherwise} rows of the postal batch name the addressee otherwise than the task's recipient (their results are recorded by the tracking number): check them"
            ));
        }
        Ok(())
    }
}

/// Refuses an import that mixes the service files with others, naming the service files.
pub(super) fn refuse_mixed(tables: &[Table]) -> Result<(), AppError> {
    let (service, other): (Vec<&Table>, Vec<&Table>) =
        tables.iter().partition(|t| is_service_file(t));
    if service.is_empty() || other.is_empty() {
        return Ok(());
    }
    let name = |t: &&Table| t.path.display().to_string();
    let service: Vec<String> = service.iter().map(name).collect();
    let (service_zh, service_en) = (service.join("、"), service.join(", "));
    Err(AppError::Invalid(text!(
        "送达记录、送达地址确认书和邮寄结果（{service_zh}）须在案件导入之后单独导入：请分两次运行 shenguan import",
        "service records, address confirmations and postal batches ({service_en}) are imported on their own, after their cases: run shenguan import twice"
    )))
}

#[cfg(test)]
mod tests;
