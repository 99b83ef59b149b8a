//! 随机分案 as stored: each case's allocation (its track, pool and judge, and how the judge came to
//! it), the exclusions judges declared, and the log of every decision, appended in the same
//! transaction as the decision with its hash chained to the entry before (the chain is the
//! domain's, `shenguan_domain::allocation::chain`).

use chrono::NaiveDate;
use shenguan_domain::allocation::chain::{Entry, GENESIS};

use crate::StoreError;
use crate::sql::{Db, Row, Value, opt_text};

/// A case's allocation as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllocationRow {
    pub case_no: String,
    pub court: String,
    /// speedy | simple | ordinary | complex
    pub track: String,
    pub pool: String,
    /// The diversion rule that decided the track, and its rule set's version.
    pub rule: String,
    pub version: String,
    /// The judge's staff number; `None`: no judge could be drawn.
    pub judge: Option<String>,
    /// draw | designate | change | import (received from the court's own case system)
    pub how: String,
    /// A draw's seed, its 64 bits kept as a signed number.
    pub seed: Option<i64>,
    /// A designation's or change's reason and who approved it.
    pub reason: Option<String>,
    pub approver: Option<String>,
    /// The case's weight, in hundredths.
    pub weight: i64,
    /// What was known of the case when it was allocated, as the domain writes it
    /// (`Facts::written`): what a replay of the rules reads.
    pub facts: String,
    pub at: String,
}

const COLUMNS: &str = "case_no, court_code, track, pool, rule, version, judge, how, seed, reason, \
     approver, weight, facts, at";

fn row_of(row: &Row<'_, '_>) -> Result<AllocationRow, StoreError> {
    Ok(AllocationRow {
        case_no: row.text("case_no")?,
        court: row.text("court_code")?,
        track: row.text("track")?,
        pool: row.text("pool")?,
        rule: row.text("rule")?,
        version: row.text("version")?,
        judge: row.opt_text("judge")?,
        how: row.text("how")?,
        seed: row.opt_int("seed")?,
        reason: row.opt_text("reason")?,
        approver: row.opt_text("approver")?,
        weight: row.int("weight")?,
        facts: row.text("facts")?,
        at: row.text("at")?,
    })
}

/// The allocation of `case_no`, if it has one.
pub(crate) fn one(db: &mut Db, case_no: &str) -> Result<Option<AllocationRow>, StoreError> {
    db.query_opt(
        &format!("SELECT {COLUMNS} FROM allocations WHERE case_no = ?"),
        &[case_no.into()],
        row_of,
    )
}

/// The log's writers wait for each other, so that two never chain to the same entry (taken
/// again in one transaction, the lock holds).
fn lock_log(db: &mut Db) -> Result<(), StoreError> {
    db.lock_appending("allocation_log")
}

/// Appends the log entry of a decision, chained to the last one; the entry.
fn append(
    db: &mut Db,
    at: &str,
    kind: &str,
    case_no: &str,
    detail: &str,
) -> Result<Entry, StoreError> {
    lock_log(db)?;
    let last = db.query_opt(
        "SELECT seq, hash FROM allocation_log ORDER BY seq DESC LIMIT 1",
        &[],
        |row| Ok((row.int("seq")?, row.text("hash")?)),
    )?;
    let (seq, prev) = last.map_or((0, GENESIS.to_string()), |(s, h)| {
        (u64::try_from(s).unwrap_or(0), h)
    });
    let entry = Entry::after((seq, &prev), at, kind, case_no, detail);
    db.execute(
        "INSERT INTO allocation_log (seq, at, kind, case_no, detail, prev, hash)
         VALUES (?, ?, ?, ?, ?, ?, ?)",
        &[
            i64::try_from(entry.seq).unwrap_or(i64::MAX).into(),
            (&entry.at).into(),
            (&entry.kind).into(),
            (&entry.case_no).into(),
            (&entry.detail).into(),
            (&entry.prev).into(),
            (&entry.hash).into(),
        ],
    )?;
    Ok(entry)
}

/// Writes a case's first allocation with its log entries (`logged`: kind and detail, in order —
/// the track, then the draw or designation), in one transaction; `None` when the case has one
/// already.
pub(crate) fn allocate(
    db: &mut Db,
    row: &AllocationRow,
    logged: &[(&str, String)],
) -> Result<Option<Vec<Entry>>, StoreError> {
    db.transaction(|db| {
        // Allocations are written one after another (the log's lock, taken first on PostgreSQL),
        // so that the same case twice is a conflict, not a broken key.
        lock_log(db)?;
        if one(db, &row.case_no)?.is_some() {
            return Ok(None);
        }
        let values: Vec<Value<'_>> = vec![
            (&row.case_no).into(),
            (&row.court).into(),
            (&row.track).into(),
            (&row.pool).into(),
            (&row.rule).into(),
            (&row.version).into(),
            opt_text(&row.judge),
            (&row.how).into(),
            row.seed.map_or(Value::Null, Value::from),
            opt_text(&row.reason),
            opt_text(&row.approver),
            row.weight.into(),
            (&row.facts).into(),
            (&row.at).into(),
        ];
        db.execute(
            &format!(
                "INSERT INTO allocations ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            ),
            &values,
        )?;
        let mut entries = Vec::with_capacity(logged.len());
        for (kind, detail) in logged {
            entries.push(append(db, &row.at, kind, &row.case_no, detail)?);
        }
        Ok(Some(entries))
    })
}

/// Gives `case_no` to `to` with the reason and approver, only while it is `from`'s; logged as a
/// change. The entry, or `None` when the case stood otherwise.
pub(crate) fn change_judge(
    db: &mut Db,
    case_no: &str,
    from: Option<&str>,
    to: &str,
    (reason, approver, at): (&str, &str, &str),
    detail: &str,
) -> Result<Option<Entry>, StoreError> {
    db.transaction(|db| {
        if matches!(db, Db::Postgres(_)) {
            db.query(
                "SELECT case_no FROM allocations WHERE case_no = ? FOR UPDATE",
                &[case_no.into()],
                |row| row.text("case_no"),
            )?;
        }
        match one(db, case_no)? {
            Some(now) if now.judge.as_deref() == from => {}
            _ => return Ok(None),
        }
        db.execute(
            // The allocation keeps its own moment: the change's is in the log.
            "UPDATE allocations SET judge = ?, how = 'change', reason = ?, approver = ?
             WHERE case_no = ?",
            &[to.into(), reason.into(), approver.into(), case_no.into()],
        )?;
        Ok(Some(append(db, at, "change", case_no, detail)?))
    })
}

/// Each judge's pending allocated cases of `court`: (staff number, Σ weight, count). A case not
/// yet in the store's cases counts as pending.
pub(crate) fn loads(db: &mut Db, court: &str) -> Result<Vec<(String, i64, i64)>, StoreError> {
    db.query(
        "SELECT a.judge, CAST(sum(a.weight) AS BIGINT) AS load, count(*) AS n
         FROM allocations a LEFT JOIN cases c ON c.case_no = a.case_no
         WHERE a.court_code = ? AND a.judge IS NOT NULL AND c.closed_on IS NULL
         GROUP BY a.judge ORDER BY a.judge COLLATE BINARY",
        &[court.into()],
        |row| Ok((row.text("judge")?, row.int("load")?, row.int("n")?)),
    )
}

/// Every allocation that has a judge, with the day its case closed (none while the case is
/// pending or not yet in the store's cases), by case.
pub(crate) fn with_closing(
    db: &mut Db,
) -> Result<Vec<(AllocationRow, Option<NaiveDate>)>, StoreError> {
    let columns: Vec<String> = COLUMNS
        .split(',')
        .map(|c| format!("a.{}", c.trim()))
        .collect();
    db.query(
        &format!(
            "SELECT {}, c.closed_on FROM allocations a LEFT JOIN cases c ON c.case_no = a.case_no
             WHERE a.judge IS NOT NULL ORDER BY a.case_no COLLATE BINARY",
            columns.join(", ")
        ),
        &[],
        |row| Ok((row_of(row)?, row.opt_date("closed_on")?)),
    )
}

/// A judge's declared exclusion: a recusal from a case (`party` its number) or a relationship
/// with a party or lawyer (`party` the name or identity key).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExclusionRow {
    pub staff_id: String,
    /// recusal | relationship
    pub kind: String,
    pub party: String,
    pub reason: String,
    pub by_user: String,
    pub at: String,
}

/// Records an exclusion (again: kept as first declared); whether it was new.
pub(crate) fn add_exclusion(db: &mut Db, e: &ExclusionRow) -> Result<bool, StoreError> {
    db.transaction(|db| {
        let held = db.count(
            "SELECT count(*) AS n FROM allocation_exclusions
             WHERE staff_id = ? AND kind = ? AND party = ?",
            &[(&e.staff_id).into(), (&e.kind).into(), (&e.party).into()],
        )?;
        if held > 0 {
            return Ok(false);
        }
        db.execute(
            "INSERT INTO allocation_exclusions (staff_id, kind, party, reason, by_user, at)
             VALUES (?, ?, ?, ?, ?, ?)",
            &[
                (&e.staff_id).into(),
                (&e.kind).into(),
                (&e.party).into(),
                (&e.reason).into(),
                (&e.by_user).into(),
                (&e.at).into(),
            ],
        )?;
        Ok(true)
    })
}

/// The exclusions naming any of `parties` (case numbers, names, identity keys).
pub(crate) fn exclusions_for(
    db: &mut Db,
    parties: &[String],
) -> Result<Vec<ExclusionRow>, StoreError> {
    let mut found = Vec::new();
    for party in parties {
        found.extend(db.query(
            "SELECT staff_id, kind, party, reason, by_user, at FROM allocation_exclusions
             WHERE party = ? ORDER BY staff_id COLLATE BINARY",
            &[party.into()],
            |row| {
                Ok(ExclusionRow {
                    staff_id: row.text("staff_id")?,
                    kind: row.text("kind")?,
                    party: row.text("party")?,
                    reason: row.text("reason")?,
                    by_user: row.text("by_user")?,
                    at: row.text("at")?,
                })
            },
        )?);
    }
    Ok(found)
}

/// A judge's leave: the days (inclusive, ISO dates) the draw passes over them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeaveRow {
    pub staff_id: String,
    pub first_day: String,
    pub last_day: String,
    pub reason: String,
    pub approver: String,
    pub by_user: String,
    pub at: String,
}

const LEAVE_COLUMNS: &str = "staff_id, first_day, last_day, reason, approver, by_user, at";

fn leave_of(row: &Row<'_, '_>) -> Result<LeaveRow, StoreError> {
    Ok(LeaveRow {
        staff_id: row.text("staff_id")?,
        first_day: row.text("first_day")?,
        last_day: row.text("last_day")?,
        reason: row.text("reason")?,
        approver: row.text("approver")?,
        by_user: row.text("by_user")?,
        at: row.text("at")?,
    })
}

/// Records a leave; `None` when written, else the leave declared before from the same first day
/// (kept as it was).
pub(crate) fn add_leave(db: &mut Db, l: &LeaveRow) -> Result<Option<LeaveRow>, StoreError> {
    db.transaction(|db| {
        let held = db.query(
            &format!(
                "SELECT {LEAVE_COLUMNS} FROM staff_leave WHERE staff_id = ? AND first_day = ?"
            ),
            &[(&l.staff_id).into(), (&l.first_day).into()],
            leave_of,
        )?;
        if let Some(held) = held.into_iter().next() {
            return Ok(Some(held));
        }
        db.execute(
            &format!("INSERT INTO staff_leave ({LEAVE_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)"),
            &[
                (&l.staff_id).into(),
                (&l.first_day).into(),
                (&l.last_day).into(),
                (&l.reason).into(),
                (&l.approver).into(),
                (&l.by_user).into(),
                (&l.at).into(),
            ],
        )?;
        Ok(None)
    })
}

/// The leaves that overlap `first..=last` (ISO dates), by staff and first day.
pub(crate) fn leaves_between(
    db: &mut Db,
    first: &str,
    last: &str,
) -> Result<Vec<LeaveRow>, StoreError> {
    db.query(
        &format!(
            "SELECT {LEAVE_COLUMNS} FROM staff_leave WHERE first_day <= ? AND last_day >= ?
             ORDER BY staff_id COLLATE BINARY, first_day"
        ),
        &[last.into(), first.into()],
        leave_of,
    )
}

/// The staff on leave on `day` (an ISO date).
pub(crate) fn on_leave(db: &mut Db, day: &str) -> Result<Vec<String>, StoreError> {
    db.query(
        "SELECT staff_id FROM staff_leave WHERE first_day <= ? AND last_day >= ?
         GROUP BY staff_id ORDER BY staff_id COLLATE BINARY",
        &[day.into(), day.into()],
        |row| row.text("staff_id"),
    )
}

/// The whole log, by number.
pub(crate) fn log(db: &mut Db) -> Result<Vec<Entry>, StoreError> {
    db.query(
        "SELECT seq, at, kind, case_no, detail, prev, hash FROM allocation_log ORDER BY seq",
        &[],
        |row| {
            Ok(Entry {
                seq: u64::try_from(row.int("seq")?)
                    .map_err(|_| StoreError::Corrupt("a log entry's number".into()))?,
                at: row.text("at")?,
                kind: row.text("kind")?,
                case_no: row.text("case_no")?,
                detail: row.text("detail")?,
                prev: row.text("prev")?,
                hash: row.text("hash")?,
            })
        },
    )
}

/// The allocations decided from `from` to `to` (by the moment's date, both included), by case.
pub(crate) fn between(
    db: &mut Db,
    from: chrono::NaiveDate,
    to: chrono::NaiveDate,
) -> Result<Vec<AllocationRow>, StoreError> {
    // Moments are written `YYYY-MM-DDThh:mm:ss+08:00`: their first ten characters are the day.
    let (low, high) = (from.to_string(), format!("{to}T99"));
    db.query(
        &format!(
            "SELECT {COLUMNS} FROM allocations WHERE at >= ? AND at <= ?
             ORDER BY case_no COLLATE BINARY"
        ),
        &[low.as_str().into(), high.as_str().into()],
        row_of,
    )
}

/// Every allocation, by case.
pub(crate) fn all(db: &mut Db) -> Result<Vec<AllocationRow>, StoreError> {
    db.query(
        &format!("SELECT {COLUMNS} FROM allocations ORDER BY case_no COLLATE BINARY"),
        &[],
        row_of,
    )
}
