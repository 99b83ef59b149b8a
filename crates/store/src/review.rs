//! 案件评查 as stored: the plan with its rules and seed, its reviewers, and the cases it took with
//! why and whom each went to — written once, in one transaction, and read back whole; and each
//! case's review as submitted, with its findings. An import writes plans, reviews and the steps
//! after them through the same statements, inside its own transaction.

use chrono::NaiveDate;

use crate::StoreError;
use crate::sql::{Db, Row, Value, opt_text};

/// A review plan as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewPlanRow {
    /// The store's number (0 before it is written).
    pub id: i64,
    pub name: String,
    /// routine | key
    pub kind: String,
    /// The court whose cases it takes (with those below); `None`: the network.
    pub court: Option<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub per_mille: u32,
    /// The sample's seed, its 64 bits kept as a signed number.
    pub seed: i64,
    /// court | division
    pub separation: String,
    /// The reviewers see the judge's name only after submitting.
    pub blind: bool,
    /// A 专项 plan's class of cases (its case types and cause, as the plan wrote them).
    pub class: Option<String>,
    pub created_by: String,
    pub created_at: String,
    /// Staff numbers.
    pub reviewers: Vec<String>,
    pub cases: Vec<ReviewCaseRow>,
}

/// A case a plan took.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewCaseRow {
    pub case_no: String,
    /// reversed | remanded | retrial_ordered | sample
    pub reason: String,
    /// The case that decided it (the 重点 rule).
    pub decided_by: Option<String>,
    /// The reviewer's staff number; `None`: no reviewer could take it.
    pub reviewer: Option<String>,
}

/// On PostgreSQL, locks the row of case `case_no` of plan `id` for the transaction, so that a
/// submission, a recusal and the steps after a review of one case are served one after the other
/// (SQLite's write lock is taken at BEGIN).
fn lock_case(db: &mut Db, id: i64, case_no: &str) -> Result<(), StoreError> {
    if matches!(db, Db::Postgres(_)) {
        db.query(
            "SELECT case_no FROM review_cases WHERE plan_id = ? AND case_no = ? FOR UPDATE",
            &[id.into(), case_no.into()],
            |row| row.text("case_no"),
        )?;
    }
    Ok(())
}

/// Writes `plan` with its reviewers and cases; its id.
pub(crate) fn write(db: &mut Db, plan: &ReviewPlanRow) -> Result<i64, StoreError> {
    db.transaction(|db| insert_plan(db, plan))
}

/// Writes `plan` with its reviewers and cases; the caller holds the transaction.
pub(crate) fn insert_plan(db: &mut Db, plan: &ReviewPlanRow) -> Result<i64, StoreError> {
    {
        let id = db
            .query_opt(
                "INSERT INTO review_plans (name, kind, court_code, period_from, period_to,
                     per_mille, seed, separation, blind, class, created_by, created_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                &[
                    (&plan.name).into(),
                    (&plan.kind).into(),
                    opt_text(&plan.court),
                    plan.from.into(),
                    plan.to.into(),
                    i64::from(plan.per_mille).into(),
                    plan.seed.into(),
                    (&plan.separation).into(),
                    plan.blind.into(),
                    opt_text(&plan.class),
                    (&plan.created_by).into(),
                    (&plan.created_at).into(),
                ],
                |row| row.int("id"),
            )?
            .ok_or_else(|| StoreError::Corrupt("a review plan written has no id".into()))?;
        for staff in &plan.reviewers {
            db.execute(
                "INSERT INTO review_plan_reviewers (plan_id, staff_id) VALUES (?, ?)",
                &[id.into(), staff.into()],
            )?;
        }
        for case in &plan.cases {
            let values: Vec<Value<'_>> = vec![
                id.into(),
                (&case.case_no).into(),
                (&case.reason).into(),
                opt_text(&case.decided_by),
                opt_text(&case.reviewer),
            ];
            db.execute(
                "INSERT INTO review_cases (plan_id, case_no, reason, decided_by, reviewer)
                 VALUES (?, ?, ?, ?, ?)",
                &values,
            )?;
        }
        Ok(id)
    }
}

/// Every plan, whole, by id.
pub(crate) fn all(db: &mut Db) -> Result<Vec<ReviewPlanRow>, StoreError> {
    let ids = db.query("SELECT id FROM review_plans ORDER BY id", &[], |row| {
        row.int("id")
    })?;
    let mut plans = Vec::with_capacity(ids.len());
    for id in ids {
        plans.extend(read(db, id)?);
    }
    Ok(plans)
}

const PLAN_COLUMNS: &str = "id, name, kind, court_code, period_from, period_to, per_mille, seed, \
     separation, blind, class, created_by, created_at";

/// A case of a plan as its row holds it.
fn case_row(row: &Row<'_, '_>) -> Result<ReviewCaseRow, StoreError> {
    Ok(ReviewCaseRow {
        case_no: row.text("case_no")?,
        reason: row.text("reason")?,
        decided_by: row.opt_text("decided_by")?,
        reviewer: row.opt_text("reviewer")?,
    })
}

/// A plan's own row, without its reviewers and cases.
fn plan_row(row: &Row<'_, '_>) -> Result<ReviewPlanRow, StoreError> {
    Ok(ReviewPlanRow {
        id: row.int("id")?,
        name: row.text("name")?,
        kind: row.text("kind")?,
        court: row.opt_text("court_code")?,
        from: row.date("period_from")?,
        to: row.date("period_to")?,
        per_mille: u32::try_from(row.int("per_mille")?)
            .map_err(|_| StoreError::Corrupt("a review plan's share".into()))?,
        seed: row.int("seed")?,
        separation: row.text("separation")?,
        blind: row.bool("blind")?,
        class: row.opt_text("class")?,
        created_by: row.text("created_by")?,
        created_at: row.text("created_at")?,
        reviewers: Vec::new(),
        cases: Vec::new(),
    })
}

/// Plan `id` with its reviewers and cases (by case number).
pub(crate) fn read(db: &mut Db, id: i64) -> Result<Option<ReviewPlanRow>, StoreError> {
    let Some(mut plan) = db.query_opt(
        &format!("SELECT {PLAN_COLUMNS} FROM review_plans WHERE id = ?"),
        &[id.into()],
        plan_row,
    )?
    else {
        return Ok(None);
    };
    plan.reviewers = db.query(
        "SELECT staff_id FROM review_plan_reviewers WHERE plan_id = ?
         ORDER BY staff_id COLLATE BINARY",
        &[id.into()],
        |row| row.text("staff_id"),
    )?;
    plan.cases = db.query(
        "SELECT case_no, reason, decided_by, reviewer FROM review_cases WHERE plan_id = ?
         ORDER BY case_no COLLATE BINARY",
        &[id.into()],
        case_row,
    )?;
    Ok(Some(plan))
}

/// A review as submitted: the grade and its findings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewResultRow {
    pub plan_id: i64,
    pub case_no: String,
    pub reviewer: String,
    pub submitted_at: String,
    pub score: u32,
    pub grade: String,
    pub problem: bool,
    pub error: bool,
    pub findings: Vec<ReviewFindingRow>,
}

/// A finding as stored: the responsible named as `judge:王伟`, `panel:李娜`, `presiding:…`,
/// `approver:…`, `committee`, joined by `;`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewFindingRow {
    pub item: String,
    /// flaw | error
    pub severity: String,
    pub text: String,
    pub deduction: u32,
    pub responsible: String,
    pub excuse: Option<String>,
}

/// Writes a review, only while the case has none and is the reviewer's: whether it did.
pub(crate) fn submit(db: &mut Db, result: &ReviewResultRow) -> Result<bool, StoreError> {
    db.transaction(|db| {
        lock_case(db, result.plan_id, &result.case_no)?;
        insert_result(db, result)
    })
}

/// The same; the caller holds the transaction.
pub(crate) fn insert_result(db: &mut Db, result: &ReviewResultRow) -> Result<bool, StoreError> {
    {
        let open = db.count(
            "SELECT count(*) AS n FROM review_cases c
             WHERE c.plan_id = ? AND c.case_no = ? AND c.reviewer = ?
               AND NOT EXISTS (SELECT 1 FROM review_results r
                               WHERE r.plan_id = c.plan_id AND r.case_no = c.case_no)",
            &[
                result.plan_id.into(),
                (&result.case_no).into(),
                (&result.reviewer).into(),
            ],
        )?;
        if open == 0 {
            return Ok(false);
        }
        db.execute(
            "INSERT INTO review_results (plan_id, case_no, reviewer, submitted_at, score, grade,
                 problem, error)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            &[
                result.plan_id.into(),
                (&result.case_no).into(),
                (&result.reviewer).into(),
                (&result.submitted_at).into(),
                i64::from(result.score).into(),
                (&result.grade).into(),
                result.problem.into(),
                result.error.into(),
            ],
        )?;
        for (seq, f) in (1_i64..).zip(&result.findings) {
            db.execute(
                "INSERT INTO review_findings (plan_id, case_no, seq, item, severity, text,
                     deduction, responsible, excuse)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                &[
                    result.plan_id.into(),
                    (&result.case_no).into(),
                    seq.into(),
                    (&f.item).into(),
                    (&f.severity).into(),
                    (&f.text).into(),
                    i64::from(f.deduction).into(),
                    (&f.responsible).into(),
                    opt_text(&f.excuse),
                ],
            )?;
        }
        // The review figures count it.
        crate::raise_data_version(db)?;
        Ok(true)
    }
}

/// The reviews of plan `id` submitted so far, by case number, each with its findings in order.
pub(crate) fn results(db: &mut Db, id: i64) -> Result<Vec<ReviewResultRow>, StoreError> {
    let mut found = db.query(
        "SELECT plan_id, case_no, reviewer, submitted_at, score, grade, problem, error
         FROM review_results WHERE plan_id = ? ORDER BY case_no COLLATE BINARY",
        &[id.into()],
        |row| {
            Ok(ReviewResultRow {
                plan_id: row.int("plan_id")?,
                case_no: row.text("case_no")?,
                reviewer: row.text("reviewer")?,
                submitted_at: row.text("submitted_at")?,
                score: u32::try_from(row.int("score")?)
                    .map_err(|_| StoreError::Corrupt("a review's score".into()))?,
                grade: row.text("grade")?,
                problem: row.bool("problem")?,
                error: row.bool("error")?,
                findings: Vec::new(),
            })
        },
    )?;
    let findings = db.query(
        "SELECT case_no, seq, item, severity, text, deduction, responsible, excuse
         FROM review_findings WHERE plan_id = ? ORDER BY case_no COLLATE BINARY, seq",
        &[id.into()],
        |row| {
            Ok((
                row.text("case_no")?,
                ReviewFindingRow {
                    item: row.text("item")?,
                    severity: row.text("severity")?,
                    text: row.text("text")?,
                    deduction: u32::try_from(row.int("deduction")?)
                        .map_err(|_| StoreError::Corrupt("a finding's deduction".into()))?,
                    responsible: row.text("responsible")?,
                    excuse: row.opt_text("excuse")?,
                },
            ))
        },
    )?;
    // Both in case-number order: each finding goes to its review in one pass.
    let mut at = 0;
    for (case_no, finding) in findings {
        while at < found.len() && found[at].case_no.as_bytes() < case_no.as_bytes() {
            at += 1;
        }
        if let Some(result) = found.get_mut(at).filter(|r| r.case_no == case_no) {
            result.findings.push(finding);
        }
    }
    Ok(found)
}

/// What the figures count of one submitted review: its plan's kind and the moment it was made,
/// the review's moment and grade, and the last decision on an objection to it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewOutcomeRow {
    pub plan_id: i64,
    pub kind: String,
    pub plan_made: String,
    pub case_no: String,
    /// Why the plan took the case (reversed, sample …).
    pub reason: String,
    pub submitted_at: String,
    pub score: u32,
    pub grade: String,
    pub problem: bool,
    pub error: bool,
    /// The day and grade of the last decision on an objection, if one was made.
    pub decided: Option<(NaiveDate, String)>,
}

/// Every submitted review with what the figures count of it, by plan and case number.
pub(crate) fn outcomes(db: &mut Db) -> Result<Vec<ReviewOutcomeRow>, StoreError> {
    let mut found = db.query(
        "SELECT r.plan_id, p.kind, p.created_at, r.case_no, c.reason, r.submitted_at, r.score,
                r.grade, r.problem, r.error
         FROM review_results r JOIN review_plans p ON p.id = r.plan_id
         JOIN review_cases c ON c.plan_id = r.plan_id AND c.case_no = r.case_no
         ORDER BY r.plan_id, r.case_no COLLATE BINARY",
        &[],
        |row| {
            Ok(ReviewOutcomeRow {
                plan_id: row.int("plan_id")?,
                kind: row.text("kind")?,
                plan_made: row.text("created_at")?,
                case_no: row.text("case_no")?,
                reason: row.text("reason")?,
                submitted_at: row.text("submitted_at")?,
                score: u32::try_from(row.int("score")?)
                    .map_err(|_| StoreError::Corrupt("a review's score".into()))?,
                grade: row.text("grade")?,
                problem: row.bool("problem")?,
                error: row.bool("error")?,
                decided: None,
            })
        },
    )?;
    let decisions = db.query(
        "SELECT plan_id, case_no, day, grade FROM review_answers WHERE kind = 'decide'
         ORDER BY plan_id, case_no COLLATE BINARY, seq",
        &[],
        |row| {
            Ok((
                row.int("plan_id")?,
                row.text("case_no")?,
                row.date("day")?,
                row.opt_text("grade")?.unwrap_or_default(),
            ))
        },
    )?;
    let mut at = 0;
    for (plan_id, case_no, day, grade) in decisions {
        let key = (plan_id, case_no.as_bytes());
        while at < found.len() && (found[at].plan_id, found[at].case_no.as_bytes()) < key {
            at += 1;
        }
        if let Some(review) = found
            .get_mut(at)
            .filter(|r| r.plan_id == plan_id && r.case_no == case_no)
        {
            // In order of their steps: the last decision stands.
            review.decided = Some((day, grade));
        }
    }
    Ok(found)
}

/// The ids of the plans of `kind` whose period ends in `year`, by id.
pub(crate) fn plans_ending_in(
    db: &mut Db,
    kind: &str,
    year: i32,
) -> Result<Vec<(i64, Option<String>)>, StoreError> {
    let (from, to) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    );
    let (Some(from), Some(to)) = (from, to) else {
        return Ok(Vec::new());
    };
    db.query(
        "SELECT id, court_code FROM review_plans
         WHERE kind = ? AND period_to >= ? AND period_to <= ? ORDER BY id",
        &[kind.into(), from.into(), to.into()],
        |row| Ok((row.int("id")?, row.opt_text("court_code")?)),
    )
}

/// A step after a review: an objection, a decision or an accountability outcome.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewAnswerRow {
    /// 1, 2, … in the order recorded (the store numbers them).
    pub seq: i64,
    pub at: String,
    pub by_user: String,
    /// object | decide | outcome
    pub kind: String,
    pub day: NaiveDate,
    /// The grade a decision let stand.
    pub grade: Option<String>,
    /// The objection's or decision's reason; the outcome's name and note.
    pub text: String,
}

/// The steps after the review of `case_no` in plan `id`, in order.
pub(crate) fn answers(
    db: &mut Db,
    id: i64,
    case_no: &str,
) -> Result<Vec<ReviewAnswerRow>, StoreError> {
    db.query(
        "SELECT seq, at, by_user, kind, day, grade, text FROM review_answers
         WHERE plan_id = ? AND case_no = ? ORDER BY seq",
        &[id.into(), case_no.into()],
        answer_row,
    )
}

/// Adds a step after the review, only if the review has exactly `after` steps so far (else
/// someone acted meanwhile); whether it did.
pub(crate) fn add_answer(
    db: &mut Db,
    id: i64,
    case_no: &str,
    after: u64,
    answer: &ReviewAnswerRow,
) -> Result<bool, StoreError> {
    db.transaction(|db| {
        lock_case(db, id, case_no)?;
        insert_answer(db, id, case_no, after, answer)
    })
}

/// The same; the caller holds the transaction.
pub(crate) fn insert_answer(
    db: &mut Db,
    id: i64,
    case_no: &str,
    after: u64,
    answer: &ReviewAnswerRow,
) -> Result<bool, StoreError> {
    {
        let submitted = db.count(
            "SELECT count(*) AS n FROM review_results WHERE plan_id = ? AND case_no = ?",
            &[id.into(), case_no.into()],
        )?;
        let so_far = db.count(
            "SELECT count(*) AS n FROM review_answers WHERE plan_id = ? AND case_no = ?",
            &[id.into(), case_no.into()],
        )?;
        if submitted == 0 || so_far != after {
            return Ok(false);
        }
        db.execute(
            "INSERT INTO review_answers (plan_id, case_no, seq, at, by_user, kind, day, grade, text)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            &[
                id.into(),
                case_no.into(),
                (i64::try_from(so_far).unwrap_or(i64::MAX - 1) + 1).into(),
                (&answer.at).into(),
                (&answer.by_user).into(),
                (&answer.kind).into(),
                answer.day.into(),
                opt_text(&answer.grade),
                (&answer.text).into(),
            ],
        )?;
        // A decision sets the grade the figures count.
        if answer.kind == "decide" {
            crate::raise_data_version(db)?;
        }
        Ok(true)
    }
}

/// The steps after every review of plan `id`, as (case number, step), by case and in order.
pub(crate) fn answers_of_plan(
    db: &mut Db,
    id: i64,
) -> Result<Vec<(String, ReviewAnswerRow)>, StoreError> {
    db.query(
        "SELECT case_no, seq, at, by_user, kind, day, grade, text FROM review_answers
         WHERE plan_id = ? ORDER BY case_no COLLATE BINARY, seq",
        &[id.into()],
        |row| Ok((row.text("case_no")?, answer_row(row)?)),
    )
}

/// A step after a review as its row holds it.
fn answer_row(row: &Row<'_, '_>) -> Result<ReviewAnswerRow, StoreError> {
    Ok(ReviewAnswerRow {
        seq: row.int("seq")?,
        at: row.text("at")?,
        by_user: row.text("by_user")?,
        kind: row.text("kind")?,
        day: row.date("day")?,
        grade: row.opt_text("grade")?,
        text: row.text("text")?,
    })
}

/// A case flagged for key review: 存疑 (doubt) by someone with the right, or referred from outside.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewFlagRow {
    /// The store's number (0 before it is written).
    pub id: i64,
    pub case_no: String,
    /// doubt | referred
    pub kind: String,
    /// Who referred it ("" for doubt).
    pub source: String,
    pub reason: String,
    pub flagged_on: NaiveDate,
    pub by_user: String,
    pub at: String,
}

/// Writes a flag; its id.
pub(crate) fn add_flag(db: &mut Db, flag: &ReviewFlagRow) -> Result<i64, StoreError> {
    db.transaction(|db| {
        db.query_opt(
            "INSERT INTO review_flags (case_no, kind, source, reason, flagged_on, by_user, at)
             VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
            &[
                (&flag.case_no).into(),
                (&flag.kind).into(),
                (&flag.source).into(),
                (&flag.reason).into(),
                flag.flagged_on.into(),
                (&flag.by_user).into(),
                (&flag.at).into(),
            ],
            |row| row.int("id"),
        )?
        .ok_or_else(|| StoreError::Corrupt("a review flag written has no id".into()))
    })
}

/// The flags made from `from` to `to` (both included), in order.
pub(crate) fn flags(
    db: &mut Db,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<Vec<ReviewFlagRow>, StoreError> {
    db.query(
        "SELECT id, case_no, kind, source, reason, flagged_on, by_user, at FROM review_flags
         WHERE flagged_on >= ? AND flagged_on <= ? ORDER BY flagged_on, id",
        &[from.into(), to.into()],
        |row| {
            Ok(ReviewFlagRow {
                id: row.int("id")?,
                case_no: row.text("case_no")?,
                kind: row.text("kind")?,
                source: row.text("source")?,
                reason: row.text("reason")?,
                flagged_on: row.date("flagged_on")?,
                by_user: row.text("by_user")?,
                at: row.text("at")?,
            })
        },
    )
}

/// A reviewer's recusal from a case of a plan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewRecusalRow {
    pub case_no: String,
    pub staff_id: String,
    pub reason: String,
    pub at: String,
}

/// Records `recusal` and gives the case to `next` (no one when `None`), only while the case is
/// the recusing reviewer's and not yet reviewed; whether it did.
pub(crate) fn recuse(
    db: &mut Db,
    plan_id: i64,
    recusal: &ReviewRecusalRow,
    next: Option<&str>,
) -> Result<bool, StoreError> {
    db.transaction(|db| {
        lock_case(db, plan_id, &recusal.case_no)?;
        let theirs = db.count(
            "SELECT count(*) AS n FROM review_cases c
             WHERE c.plan_id = ? AND c.case_no = ? AND c.reviewer = ?
               AND NOT EXISTS (SELECT 1 FROM review_results r
                               WHERE r.plan_id = c.plan_id AND r.case_no = c.case_no)",
            &[
                plan_id.into(),
                (&recusal.case_no).into(),
                (&recusal.staff_id).into(),
            ],
        )?;
        if theirs == 0 {
            return Ok(false);
        }
        db.execute(
            "INSERT INTO review_recusals (plan_id, case_no, staff_id, reason, at)
             VALUES (?, ?, ?, ?, ?)",
            &[
                plan_id.into(),
                (&recusal.case_no).into(),
                (&recusal.staff_id).into(),
                (&recusal.reason).into(),
                (&recusal.at).into(),
            ],
        )?;
        db.execute(
            "UPDATE review_cases SET reviewer = ? WHERE plan_id = ? AND case_no = ?",
            &[
                next.map_or(Value::Null, Value::from),
                plan_id.into(),
                (&recusal.case_no).into(),
            ],
        )?;
        Ok(true)
    })
}

/// The recusals declared in plan `id`, by case number and order of declaring.
pub(crate) fn recusals(db: &mut Db, id: i64) -> Result<Vec<ReviewRecusalRow>, StoreError> {
    db.query(
        "SELECT case_no, staff_id, reason, at FROM review_recusals WHERE plan_id = ?
         ORDER BY case_no COLLATE BINARY, at, staff_id COLLATE BINARY",
        &[id.into()],
        |row| {
            Ok(ReviewRecusalRow {
                case_no: row.text("case_no")?,
                staff_id: row.text("staff_id")?,
                reason: row.text("reason")?,
                at: row.text("at")?,
            })
        },
    )
}

/// A case given to a reviewer, as their worklist shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewTaskRow {
    pub plan_id: i64,
    pub plan_name: String,
    pub blind: bool,
    pub case_no: String,
    pub reason: String,
    /// When the reviewer submitted it, if they have.
    pub submitted_at: Option<String>,
}

/// The cases of every plan given to the reviewer with staff number `staff_id`, the newest plan
/// first, then by case number.
pub(crate) fn tasks(db: &mut Db, staff_id: &str) -> Result<Vec<ReviewTaskRow>, StoreError> {
    db.query(
        "SELECT c.plan_id, p.name, p.blind, c.case_no, c.reason, r.submitted_at
         FROM review_cases c JOIN review_plans p ON p.id = c.plan_id
         LEFT JOIN review_results r ON r.plan_id = c.plan_id AND r.case_no = c.case_no
         WHERE c.reviewer = ?
         ORDER BY c.plan_id DESC, c.case_no COLLATE BINARY",
        &[staff_id.into()],
        |row| {
            Ok(ReviewTaskRow {
                plan_id: row.int("plan_id")?,
                plan_name: row.text("name")?,
                blind: row.bool("blind")?,
                case_no: row.text("case_no")?,
                reason: row.text("reason")?,
                submitted_at: row.opt_text("submitted_at")?,
            })
        },
    )
}

/// Every plan, the newest first, without its reviewers and cases.
pub(crate) fn plans(db: &mut Db) -> Result<Vec<ReviewPlanRow>, StoreError> {
    db.query(
        &format!("SELECT {PLAN_COLUMNS} FROM review_plans ORDER BY id DESC"),
        &[],
        plan_row,
    )
}

/// Case `case_no` of plan `id`: why it was taken and whom it went to.
pub(crate) fn case(
    db: &mut Db,
    id: i64,
    case_no: &str,
) -> Result<Option<ReviewCaseRow>, StoreError> {
    db.query_opt(
        "SELECT case_no, reason, decided_by, reviewer FROM review_cases
         WHERE plan_id = ? AND case_no = ?",
        &[id.into(), case_no.into()],
        case_row,
    )
}

/// Gives case `case_no` of plan `id` to the reviewer `to` (adding them to the plan's panel),
/// only while it is `from`'s (no one's when `None`) and not yet reviewed; whether it did.
pub(crate) fn reassign(
    db: &mut Db,
    id: i64,
    case_no: &str,
    from: Option<&str>,
    to: &str,
) -> Result<bool, StoreError> {
    db.transaction(|db| {
        lock_case(db, id, case_no)?;
        reassign_in(db, id, case_no, from, to)
    })
}

/// The same; the caller holds the transaction.
pub(crate) fn reassign_in(
    db: &mut Db,
    id: i64,
    case_no: &str,
    from: Option<&str>,
    to: &str,
) -> Result<bool, StoreError> {
    {
        let now = db.query_opt(
            "SELECT c.reviewer,
                    (SELECT count(*) FROM review_results r
                     WHERE r.plan_id = c.plan_id AND r.case_no = c.case_no) AS done
             FROM review_cases c WHERE c.plan_id = ? AND c.case_no = ?",
            &[id.into(), case_no.into()],
            |row| Ok((row.opt_text("reviewer")?, row.int("done")?)),
        )?;
        match now {
            Some((reviewer, 0)) if reviewer.as_deref() == from => {}
            _ => return Ok(false),
        }
        db.execute(
            "UPDATE review_cases SET reviewer = ? WHERE plan_id = ? AND case_no = ?",
            &[to.into(), id.into(), case_no.into()],
        )?;
        let on_panel = db.count(
            "SELECT count(*) AS n FROM review_plan_reviewers WHERE plan_id = ? AND staff_id = ?",
            &[id.into(), to.into()],
        )?;
        if on_panel == 0 {
            db.execute(
                "INSERT INTO review_plan_reviewers (plan_id, staff_id) VALUES (?, ?)",
                &[id.into(), to.into()],
            )?;
        }
        Ok(true)
    }
}
