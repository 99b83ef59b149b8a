//! 案件评查 plans as stored: the plan with its rules and seed, its reviewers, and the cases it took
//! with why and whom each went to — written once, in one transaction, and read back whole.

use chrono::NaiveDate;

use crate::StoreError;
use crate::sql::{Db, Value, opt_text};

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

/// Writes `plan` with its reviewers and cases; its id.
pub(crate) fn write(db: &mut Db, plan: &ReviewPlanRow) -> Result<i64, StoreError> {
    db.transaction(|db| {
        let id = db
            .query_opt(
                "INSERT INTO review_plans (name, kind, court_code, period_from, period_to,
                     per_mille, seed, separation, created_by, created_at)
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                &[
                    (&plan.name).into(),
                    (&plan.kind).into(),
                    opt_text(&plan.court),
                    plan.from.into(),
                    plan.to.into(),
                    i64::from(plan.per_mille).into(),
                    plan.seed.into(),
                    (&plan.separation).into(),
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
    })
}

/// Plan `id` with its reviewers and cases (by case number).
pub(crate) fn read(db: &mut Db, id: i64) -> Result<Option<ReviewPlanRow>, StoreError> {
    let Some(mut plan) = db.query_opt(
        "SELECT id, name, kind, court_code, period_from, period_to, per_mille, seed, separation,
             created_by, created_at
         FROM review_plans WHERE id = ?",
        &[id.into()],
        |row| {
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
                created_by: row.text("created_by")?,
                created_at: row.text("created_at")?,
                reviewers: Vec::new(),
                cases: Vec::new(),
            })
        },
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
        |row| {
            Ok(ReviewCaseRow {
                case_no: row.text("case_no")?,
                reason: row.text("reason")?,
                decided_by: row.opt_text("decided_by")?,
                reviewer: row.opt_text("reviewer")?,
            })
        },
    )?;
    Ok(Some(plan))
}
