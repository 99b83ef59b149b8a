//! 送达 as stored: tasks with their attempts, and the parties' address confirmations, for both
//! backends. A task is known by its case, document, recipient and day created, so that a second
//! import of the same records changes nothing; an attempt is appended with the next number of its
//! task, or settled once (a mailed or entrusted attempt's result arriving later). An attempt that
//! changes the case's time limit (an announcement) writes the case's excluded periods in the same
//! transaction. Every write the figures read (a task, an attempt, its result, a confirmation)
//! raises the data version, so that the indicators' columns are built again.

use chrono::NaiveDate;
use shenguan_domain::CourtScope;

use crate::StoreError;
use crate::limit_requests::CaseLimitChange;
use crate::sql::{Db, Row, Value, court_condition, in_groups, opt_text};

/// One attempt as stored; the method, outcome, failure and proof as their English keys.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceAttemptRow {
    /// 1, 2, … within the task (0 before it is written).
    pub seq: i64,
    pub method: String,
    pub attempted_on: NaiveDate,
    pub outcome: String,
    pub served_on: Option<NaiveDate>,
    pub failure: Option<String>,
    pub proof: Option<String>,
    /// The postal tracking number (邮件号) of a mailed attempt.
    pub tracking_no: Option<String>,
    /// The court asked to serve (委托送达).
    pub entrusted_court: Option<String>,
    pub by_user: String,
    pub recorded_at: String,
}

/// One task as stored, with its attempts in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceTaskRow {
    /// Given by the store when written (0 before).
    pub id: i64,
    pub case_no: String,
    pub court_code: String,
    pub division: Option<String>,
    pub document: String,
    pub recipient: String,
    /// party | agent | other
    pub recipient_kind: String,
    pub identity_key: Option<String>,
    pub address: Option<String>,
    /// The recipient has no domicile in China (the longer announcement period).
    pub foreign: bool,
    pub created_on: NaiveDate,
    pub created_by: String,
    /// The service staff (送达人员) the task is assigned to, and when.
    pub assigned_to: Option<String>,
    pub assigned_on: Option<NaiveDate>,
    pub attempts: Vec<ServiceAttemptRow>,
}

/// A party's address confirmation (送达地址确认书) as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfirmationRow {
    pub case_no: String,
    pub party: String,
    pub identity_key: Option<String>,
    pub signed_on: NaiveDate,
    pub address: Option<String>,
    /// The scope of the consent to electronic service (all | not_decisions), if given.
    pub electronic: Option<String>,
    pub channel: Option<String>,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// The excluded periods an announcement gives its case, written only while the case still
/// excludes the days they were worked out from (`was_days`): a change another writer made in
/// between is refused (`StoreError::Changed`) rather than overwritten.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeChange {
    pub case_no: String,
    pub was_days: i64,
    pub change: CaseLimitChange,
}

/// Which tasks a list asks for; every condition is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServiceQuery {
    pub court: Option<CourtScope>,
    pub division: Option<String>,
    pub case_no: Option<String>,
    pub assigned_to: Option<String>,
    /// Created on or after.
    pub from: Option<NaiveDate>,
    /// Created on or before.
    pub to: Option<NaiveDate>,
}

/// What an import of service records did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ServiceImportCounts {
    pub tasks_added: u64,
    pub attempts_added: u64,
    pub attempts_settled: u64,
    pub confirmations_added: u64,
    pub unchanged: u64,
}

const TASK_COLUMNS: &str = "id, case_no, court_code, division, document, recipient, \
     recipient_kind, identity_key, address, foreign_related, created_on, created_by, assigned_to, \
     assigned_on";

const ATTEMPT_COLUMNS: &str = "task_id, seq, method, attempted_on, outcome, served_on, failure, \
     proof, tracking_no, entrusted_court, by_user, recorded_at";

const CONFIRMATION_COLUMNS: &str = "case_no, party, identity_key, signed_on, address, electronic, \
     channel, recorded_by, recorded_at";

fn task_of(row: &Row<'_, '_>) -> Result<ServiceTaskRow, StoreError> {
    Ok(ServiceTaskRow {
        id: row.int("id")?,
        case_no: row.text("case_no")?,
        court_code: row.text("court_code")?,
        division: row.opt_text("division")?,
        document: row.text("document")?,
        recipient: row.text("recipient")?,
        recipient_kind: row.text("recipient_kind")?,
        identity_key: row.opt_text("identity_key")?,
        address: row.opt_text("address")?,
        foreign: row.bool("foreign_related")?,
        created_on: row.date("created_on")?,
        created_by: row.text("created_by")?,
        assigned_to: row.opt_text("assigned_to")?,
        assigned_on: row.opt_date("assigned_on")?,
        attempts: Vec::new(),
    })
}

fn attempt_of(row: &Row<'_, '_>) -> Result<(i64, ServiceAttemptRow), StoreError> {
    Ok((
        row.int("task_id")?,
        ServiceAttemptRow {
            seq: row.int("seq")?,
            method: row.text("method")?,
            attempted_on: row.date("attempted_on")?,
            outcome: row.text("outcome")?,
            served_on: row.opt_date("served_on")?,
            failure: row.opt_text("failure")?,
            proof: row.opt_text("proof")?,
            tracking_no: row.opt_text("tracking_no")?,
            entrusted_court: row.opt_text("entrusted_court")?,
            by_user: row.text("by_user")?,
            recorded_at: row.text("recorded_at")?,
        },
    ))
}

fn confirmation_of(row: &Row<'_, '_>) -> Result<ConfirmationRow, StoreError> {
    Ok(ConfirmationRow {
        case_no: row.text("case_no")?,
        party: row.text("party")?,
        identity_key: row.opt_text("identity_key")?,
        signed_on: row.date("signed_on")?,
        address: row.opt_text("address")?,
        electronic: row.opt_text("electronic")?,
        channel: row.opt_text("channel")?,
        recorded_by: row.text("recorded_by")?,
        recorded_at: row.text("recorded_at")?,
    })
}

/// The tasks `query` asks for, oldest first, each with its attempts.
pub(crate) fn tasks(db: &mut Db, query: &ServiceQuery) -> Result<Vec<ServiceTaskRow>, StoreError> {
    let mut conditions = Vec::new();
    let mut values: Vec<Value<'_>> = Vec::new();
    if let Some(scope) = query.court {
        let (condition, value) = court_condition(scope, "court_code");
        conditions.push(condition);
        values.push(value);
    }
    let equal = [
        ("division", &query.division),
        ("case_no", &query.case_no),
        ("assigned_to", &query.assigned_to),
    ];
    for (column, wanted) in equal {
        if let Some(wanted) = wanted {
            conditions.push(format!("{column} = ?"));
            values.push(wanted.into());
        }
    }
    if let Some(from) = query.from {
        conditions.push("created_on >= ?".into());
        values.push(from.into());
    }
    if let Some(to) = query.to {
        conditions.push("created_on <= ?".into());
        values.push(to.into());
    }
    let filter = if conditions.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", conditions.join(" AND "))
    };
    let mut tasks = db.query(
        &format!("SELECT {TASK_COLUMNS} FROM service_tasks{filter} ORDER BY created_on, id"),
        &values,
        task_of,
    )?;
    attach_attempts(db, &mut tasks)?;
    Ok(tasks)
}

/// The tasks of any of `cases`, each with its attempts, by case and day created: what an import
/// checks its rows against, read in a few queries however many cases it names.
pub(crate) fn tasks_of_cases(
    db: &mut Db,
    cases: &[String],
) -> Result<Vec<ServiceTaskRow>, StoreError> {
    if cases.is_empty() {
        return Ok(Vec::new());
    }
    let mut tasks = in_groups(
        db,
        &format!("SELECT {TASK_COLUMNS} FROM service_tasks WHERE case_no"),
        cases,
        task_of,
    )?;
    tasks.sort_by(|a, b| (&a.case_no, a.created_on, a.id).cmp(&(&b.case_no, b.created_on, b.id)));
    tasks.dedup_by_key(|t| t.id);
    attach_attempts(db, &mut tasks)?;
    Ok(tasks)
}

/// Reads the attempts of `tasks` into them, in order.
fn attach_attempts(db: &mut Db, tasks: &mut [ServiceTaskRow]) -> Result<(), StoreError> {
    if tasks.is_empty() {
        return Ok(());
    }
    let ids: Vec<i64> = tasks.iter().map(|t| t.id).collect();
    let mut attempts = in_groups(
        db,
        &format!("SELECT {ATTEMPT_COLUMNS} FROM service_attempts WHERE task_id"),
        &ids,
        attempt_of,
    )?;
    attempts.sort_by_key(|(task, a)| (*task, a.seq));
    let at: std::collections::HashMap<i64, usize> =
        tasks.iter().enumerate().map(|(i, t)| (t.id, i)).collect();
    for (task, attempt) in attempts {
        if let Some(&i) = at.get(&task) {
            tasks[i].attempts.push(attempt);
        }
    }
    Ok(())
}

/// Every task with its attempts, handed to `each` one at a time in id order and not held: what a
/// rebuild of the indicators' columns reads (a million tasks stream in a few megabytes).
pub(crate) fn each_task(
    db: &mut Db,
    mut each: impl FnMut(ServiceTaskRow) -> Result<(), StoreError>,
) -> Result<(), StoreError> {
    let prefixed = |columns: &str, table: &str| {
        columns
            .split(", ")
            .map(|c| format!("{table}.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let sql = format!(
        "SELECT {}, {} FROM service_tasks t LEFT JOIN service_attempts a ON a.task_id = t.id
         ORDER BY t.id, a.seq",
        prefixed(TASK_COLUMNS, "t"),
        prefixed(ATTEMPT_COLUMNS, "a")
    );
    let mut current: Option<ServiceTaskRow> = None;
    db.query_each(&sql, &[], |row| {
        let id = row.int("id")?;
        if let Some(done) = current.take_if(|t| t.id != id) {
            each(done)?;
        }
        let task = match current.as_mut() {
            Some(task) => task,
            None => current.insert(task_of(row)?),
        };
        if row.opt_int("seq")?.is_some() {
            task.attempts.push(attempt_of(row)?.1);
        }
        Ok(())
    })?;
    match current {
        Some(last) => each(last),
        None => Ok(()),
    }
}

/// The cases with an attempt by `method` (its key), once each, in order.
pub(crate) fn cases_with_method(db: &mut Db, method: &str) -> Result<Vec<String>, StoreError> {
    db.query(
        "SELECT DISTINCT t.case_no FROM service_tasks t
         JOIN service_attempts a ON a.task_id = t.id
         WHERE a.method = ? ORDER BY t.case_no",
        &[method.into()],
        |row| row.text("case_no"),
    )
}

/// Task `id` with its attempts.
pub(crate) fn task(db: &mut Db, id: i64) -> Result<Option<ServiceTaskRow>, StoreError> {
    let found = db.query_opt(
        &format!("SELECT {TASK_COLUMNS} FROM service_tasks WHERE id = ?"),
        &[id.into()],
        task_of,
    )?;
    let Some(task) = found else {
        return Ok(None);
    };
    let mut one = [task];
    attach_attempts(db, &mut one)?;
    let [task] = one;
    Ok(Some(task))
}

/// The id of the task known by `task`'s case, document, recipient and day, if stored.
fn id_of(db: &mut Db, task: &ServiceTaskRow) -> Result<Option<i64>, StoreError> {
    db.query_opt(
        "SELECT id FROM service_tasks
         WHERE case_no = ? AND document = ? AND recipient = ? AND created_on = ?",
        &[
            (&task.case_no).into(),
            (&task.document).into(),
            (&task.recipient).into(),
            task.created_on.into(),
        ],
        |row| row.int("id"),
    )
}

/// Writes `task` (without its attempts) unless it is stored; its id and whether it was new. The
/// caller holds the transaction.
fn insert_task(db: &mut Db, task: &ServiceTaskRow) -> Result<(i64, bool), StoreError> {
    if let Some(id) = id_of(db, task)? {
        return Ok((id, false));
    }
    let id = db
        .query_opt(
            "INSERT INTO service_tasks (case_no, court_code, division, document, recipient,
                 recipient_kind, identity_key, address, foreign_related, created_on, created_by,
                 assigned_to, assigned_on)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            &[
                (&task.case_no).into(),
                (&task.court_code).into(),
                opt_text(&task.division),
                (&task.document).into(),
                (&task.recipient).into(),
                (&task.recipient_kind).into(),
                opt_text(&task.identity_key),
                opt_text(&task.address),
                task.foreign.into(),
                task.created_on.into(),
                (&task.created_by).into(),
                opt_text(&task.assigned_to),
                task.assigned_on.into(),
            ],
            |row| row.int("id"),
        )?
        .ok_or_else(|| StoreError::Corrupt("a service task written has no id".into()))?;
    Ok((id, true))
}

/// Writes a new task; its id, or `None` when the same task is stored.
pub(crate) fn add_task(db: &mut Db, task: &ServiceTaskRow) -> Result<Option<i64>, StoreError> {
    db.transaction(|db| {
        let (id, new) = insert_task(db, task)?;
        if new {
            crate::raise_data_version(db)?;
        }
        Ok(new.then_some(id))
    })
}

/// Appends `attempt` to task `task_id` with the task's next number, and with it the case's new
/// limit records when it changes them; the number given, or `None` when the task is not stored.
pub(crate) fn add_attempt(
    db: &mut Db,
    task_id: i64,
    attempt: &ServiceAttemptRow,
    case_change: Option<&NoticeChange>,
) -> Result<Option<i64>, StoreError> {
    db.transaction(|db| {
        if db.count(
            "SELECT count(*) AS n FROM service_tasks WHERE id = ?",
            &[task_id.into()],
        )? == 0
        {
            return Ok(None);
        }
        let seq = next_seq(db, task_id)?;
        insert_attempt(db, task_id, seq, attempt)?;
        change_case(db, case_change)?;
        crate::raise_data_version(db)?;
        Ok(Some(seq))
    })
}

fn next_seq(db: &mut Db, task_id: i64) -> Result<i64, StoreError> {
    let last = db.query_opt(
        "SELECT max(seq) AS n FROM service_attempts WHERE task_id = ?",
        &[task_id.into()],
        |row| row.opt_int("n"),
    )?;
    Ok(last.flatten().unwrap_or(0) + 1)
}

fn insert_attempt(
    db: &mut Db,
    task_id: i64,
    seq: i64,
    a: &ServiceAttemptRow,
) -> Result<(), StoreError> {
    db.execute(
        &format!(
            "INSERT INTO service_attempts ({ATTEMPT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
        ),
        &[
            task_id.into(),
            seq.into(),
            (&a.method).into(),
            a.attempted_on.into(),
            (&a.outcome).into(),
            a.served_on.into(),
            opt_text(&a.failure),
            opt_text(&a.proof),
            opt_text(&a.tracking_no),
            opt_text(&a.entrusted_court),
            (&a.by_user).into(),
            (&a.recorded_at).into(),
        ],
    )?;
    Ok(())
}

/// Writes a case's new limit records (an announcement's excluded period) if the case still
/// excludes the days they were worked out from. The caller holds the transaction.
fn change_case(db: &mut Db, change: Option<&NoticeChange>) -> Result<(), StoreError> {
    let Some(NoticeChange {
        case_no,
        was_days,
        change,
    }) = change
    else {
        return Ok(());
    };
    let changed = db.execute(
        "UPDATE cases SET exclusions = ?, excluded_days = ? WHERE case_no = ? AND excluded_days = ?",
        &[
            opt_text(&change.exclusions),
            change.excluded_days.into(),
            case_no.into(),
            (*was_days).into(),
        ],
    )?;
    if changed == 0 {
        return Err(StoreError::Changed(shenguan_domain::text!(
            "案件{case_no}的扣除审限刚被他人修改，本次未写入任何数据，请重新操作",
            "the excluded periods of the case {case_no} were just changed by someone else: nothing was written; please do it again"
        )));
    }
    crate::raise_data_version(db)
}

/// Settles attempt `seq` of task `task_id` with `settled`'s outcome, day served, failure and
/// proof, if it is still waiting (送达中); whether it was.
pub(crate) fn settle_attempt(
    db: &mut Db,
    task_id: i64,
    seq: i64,
    settled: &ServiceAttemptRow,
) -> Result<bool, StoreError> {
    // A settled attempt changes no case: an announcement is written served, never waiting.
    db.transaction(|db| {
        let changed = settle(db, task_id, seq, settled)?;
        if changed {
            crate::raise_data_version(db)?;
        }
        Ok(changed)
    })
}

fn settle(db: &mut Db, task_id: i64, seq: i64, s: &ServiceAttemptRow) -> Result<bool, StoreError> {
    let changed = db.execute(
        "UPDATE service_attempts SET outcome = ?, served_on = ?, failure = ?,
             proof = COALESCE(?, proof)
         WHERE task_id = ? AND seq = ? AND outcome = 'waiting'",
        &[
            (&s.outcome).into(),
            s.served_on.into(),
            opt_text(&s.failure),
            opt_text(&s.proof),
            task_id.into(),
            seq.into(),
        ],
    )?;
    Ok(changed > 0)
}

/// Assigns tasks `ids` to `to` on `on`; how many were.
pub(crate) fn assign(db: &mut Db, ids: &[i64], to: &str, on: NaiveDate) -> Result<u64, StoreError> {
    db.transaction(|db| {
        let mut changed = 0;
        for id in ids {
            changed += db.execute(
                "UPDATE service_tasks SET assigned_to = ?, assigned_on = ? WHERE id = ?",
                &[to.into(), on.into(), (*id).into()],
            )?;
        }
        Ok(changed)
    })
}

/// The mailed attempts with these tracking numbers: (tracking number, task id, seq).
pub(crate) fn by_tracking(
    db: &mut Db,
    numbers: &[String],
) -> Result<Vec<(String, i64, i64)>, StoreError> {
    if numbers.is_empty() {
        return Ok(Vec::new());
    }
    in_groups(
        db,
        "SELECT tracking_no, task_id, seq FROM service_attempts WHERE tracking_no",
        numbers,
        |row| {
            Ok((
                row.text("tracking_no")?,
                row.int("task_id")?,
                row.int("seq")?,
            ))
        },
    )
}

/// Records a confirmation unless one of the same party, case and day is kept; whether it was new.
pub(crate) fn add_confirmation(db: &mut Db, c: &ConfirmationRow) -> Result<bool, StoreError> {
    db.transaction(|db| {
        let new = insert_confirmation(db, c)?;
        if new {
            crate::raise_data_version(db)?;
        }
        Ok(new)
    })
}

fn insert_confirmation(db: &mut Db, c: &ConfirmationRow) -> Result<bool, StoreError> {
    let held = db.count(
        "SELECT count(*) AS n FROM service_confirmations
         WHERE case_no = ? AND party = ? AND signed_on = ?",
        &[(&c.case_no).into(), (&c.party).into(), c.signed_on.into()],
    )?;
    if held > 0 {
        return Ok(false);
    }
    db.execute(
        &format!(
            "INSERT INTO service_confirmations ({CONFIRMATION_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
        ),
        &[
            (&c.case_no).into(),
            (&c.party).into(),
            opt_text(&c.identity_key),
            c.signed_on.into(),
            opt_text(&c.address),
            opt_text(&c.electronic),
            opt_text(&c.channel),
            (&c.recorded_by).into(),
            (&c.recorded_at).into(),
        ],
    )?;
    Ok(true)
}

/// The confirmations signed in any of `cases`.
pub(crate) fn confirmations(
    db: &mut Db,
    cases: &[String],
) -> Result<Vec<ConfirmationRow>, StoreError> {
    if cases.is_empty() {
        return Ok(Vec::new());
    }
    let mut found = in_groups(
        db,
        &format!("SELECT {CONFIRMATION_COLUMNS} FROM service_confirmations WHERE case_no"),
        cases,
        confirmation_of,
    )?;
    found.sort_by(|a, b| {
        (&a.case_no, a.signed_on, &a.party).cmp(&(&b.case_no, b.signed_on, &b.party))
    });
    found.dedup();
    Ok(found)
}

/// Every confirmation kept (what the figures read to judge electronic service).
pub(crate) fn all_confirmations(db: &mut Db) -> Result<Vec<ConfirmationRow>, StoreError> {
    db.query(
        &format!(
            "SELECT {CONFIRMATION_COLUMNS} FROM service_confirmations ORDER BY case_no, signed_on"
        ),
        &[],
        confirmation_of,
    )
}

/// Writes imported tasks (with the attempts a file gives them, numbered by the file) and
/// confirmations, and the cases' limit records the announcements among them change, in one
/// transaction: a stored task keeps its id; an attempt whose number the task has is settled if it
/// was waiting and the file's is not, else left; a new number is added. All or nothing.
pub(crate) fn import(
    db: &mut Db,
    tasks: &[ServiceTaskRow],
    confirmations: &[ConfirmationRow],
    case_changes: &[NoticeChange],
) -> Result<ServiceImportCounts, StoreError> {
    db.transaction(|db| {
        let mut counts = ServiceImportCounts::default();
        for task in tasks {
            let (id, new) = insert_task(db, task)?;
            let mut changed = new;
            if new {
                counts.tasks_added += 1;
            }
            let held = if new {
                Vec::new()
            } else {
                db.query(
                    &format!("SELECT {ATTEMPT_COLUMNS} FROM service_attempts WHERE task_id = ?"),
                    &[id.into()],
                    attempt_of,
                )?
            };
            for attempt in &task.attempts {
                match held.iter().find(|(_, a)| a.seq == attempt.seq) {
                    None => {
                        insert_attempt(db, id, attempt.seq, attempt)?;
                        counts.attempts_added += 1;
                        changed = true;
                    }
                    Some((_, a)) if a.outcome == "waiting" && attempt.outcome != "waiting" => {
                        let settled = settle(db, id, attempt.seq, attempt)?;
                        counts.attempts_settled += u64::from(settled);
                        changed |= settled;
                    }
                    Some(_) => {}
                }
            }
            if !changed {
                counts.unchanged += 1;
            }
        }
        for c in confirmations {
            if insert_confirmation(db, c)? {
                counts.confirmations_added += 1;
            } else {
                counts.unchanged += 1;
            }
        }
        for change in case_changes {
            change_case(db, Some(change))?;
        }
        let added = counts.tasks_added
            + counts.attempts_added
            + counts.attempts_settled
            + counts.confirmations_added;
        if added > 0 {
            crate::raise_data_version(db)?;
        }
        Ok(counts)
    })
}

/// Each of `cases` with the case it continues (`origin_case_no`), if the store holds it: what a
/// dispute's chain of stages is read from, without reading the whole records.
pub(crate) fn case_origins(
    db: &mut Db,
    cases: &[String],
) -> Result<Vec<(String, Option<String>)>, StoreError> {
    if cases.is_empty() {
        return Ok(Vec::new());
    }
    in_groups(
        db,
        "SELECT case_no, origin_case_no FROM cases WHERE case_no",
        cases,
        |row| Ok((row.text("case_no")?, row.opt_text("origin_case_no")?)),
    )
}

/// The announcements (公告 attempts) of the tasks of `cases`: (case number, day published, the
/// recipient has no domicile in China).
pub(crate) fn announcements(
    db: &mut Db,
    cases: &[String],
) -> Result<Vec<(String, NaiveDate, bool)>, StoreError> {
    if cases.is_empty() {
        return Ok(Vec::new());
    }
    let mut found = in_groups(
        db,
        "SELECT t.case_no, a.attempted_on, t.foreign_related
         FROM service_attempts a JOIN service_tasks t ON t.id = a.task_id
         WHERE a.method = 'notice' AND t.case_no",
        cases,
        |row| {
            Ok((
                row.text("case_no")?,
                row.date("attempted_on")?,
                row.bool("foreign_related")?,
            ))
        },
    )?;
    found.sort();
    found.dedup();
    Ok(found)
}
