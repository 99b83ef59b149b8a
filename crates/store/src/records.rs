//! Supervision records brought in by an import — 督办 items with their steps, 审限变更申请, 终本
//! reviews and 案件评查 plans with their reviews and what followed them: what the store holds already of the cases a file names (for the import to compare
//! with), and the writing of what the comparison decided, inside the import's own transaction.
//! Each change to a stored record is made only if the record is still as it was read; otherwise
//! the whole import is undone and says so.

use shenguan_domain::text;

use crate::StoreError;
use chrono::NaiveDate;
use shenguan_domain::petition::Petition;
use shenguan_domain::petition::ranking::NoticeRow;

use crate::limit_requests::{self, LimitRequestRow};
use crate::petitions::{self, PetitionStats};
use crate::review::{self, ReviewAnswerRow, ReviewPlanRow, ReviewResultRow};
use crate::sql::{Db, in_groups, opt_text};
use crate::supervision::{self, SupervisionRow, SupervisionStep};
use crate::zhongben::{self, ZhongbenFinding};

/// The records the store holds of some cases.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StoredRecords {
    /// Each item with its steps in order.
    pub items: Vec<(SupervisionRow, Vec<SupervisionStep>)>,
    pub requests: Vec<LimitRequestRow>,
    pub findings: Vec<ZhongbenFinding>,
}

/// A stored item that has gone further elsewhere: where it stands now and the steps it took
/// after the `steps_stored` the store has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemUpdate {
    /// The item as it stands now, with the stored item's id.
    pub item: SupervisionRow,
    /// How many steps the store held when the import read it.
    pub steps_stored: i64,
    /// The steps to add, numbered on from `steps_stored`.
    pub new_steps: Vec<SupervisionStep>,
}

/// A review plan an import brings: new (written whole), or the stored one it is, with the
/// reviews and the steps after them the store does not have yet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewPlanWrite {
    /// The plan; its `id` is 0 for a plan to write, else the stored plan's.
    pub plan: ReviewPlanRow,
    /// Cases of a stored plan given to another reviewer since (case, the reviewer the store has
    /// it with, the file's), written before the reviews.
    pub reassigned: Vec<(String, Option<String>, String)>,
    /// Reviews of the plan's cases the store holds none of (their `plan_id` is set on writing).
    pub results: Vec<ReviewResultRow>,
    /// Steps after reviews, each case's added after the steps the store held.
    pub answers: Vec<AnswersUpdate>,
}

/// The steps after one review to add: numbered on from the `stored` the store held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswersUpdate {
    pub case_no: String,
    pub stored: u64,
    pub new_steps: Vec<ReviewAnswerRow>,
}

/// What an import writes of the records.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordsWrite {
    /// New items, each with its whole history (ids are the store's to give).
    pub new_items: Vec<(SupervisionRow, Vec<SupervisionStep>)>,
    pub item_updates: Vec<ItemUpdate>,
    /// New applications, as they stand (pending or decided).
    pub new_requests: Vec<LimitRequestRow>,
    /// Decisions on applications the store holds as pending (with the stored id).
    pub decisions: Vec<LimitRequestRow>,
    /// Findings newer than the store's (or on cases it has none for).
    pub findings: Vec<ZhongbenFinding>,
    /// Petitions of the register, each added or replacing the stored one of its register number.
    pub petitions: Vec<Petition>,
    /// Rows of high courts' notices: the period and a city's counts.
    pub notices: Vec<(NaiveDate, NaiveDate, NoticeRow)>,
    /// Applications for judicial assistance, each added or replacing the stored one of its case
    /// number.
    pub assistance: Vec<shenguan_domain::assistance::Assistance>,
    /// 案件评查 plans, their reviews and the steps after them.
    pub review_plans: Vec<ReviewPlanWrite>,
    /// The import's entry in the history of the figures, with what it changed of each stored
    /// case; logged when the import changes cases (`None`: not logged).
    pub log: Option<crate::ImportLog>,
}

impl RecordsWrite {
    pub fn is_empty(&self) -> bool {
        self.new_items.is_empty()
            && self.item_updates.is_empty()
            && self.new_requests.is_empty()
            && self.decisions.is_empty()
            && self.findings.is_empty()
            && self.petitions.is_empty()
            && self.notices.is_empty()
            && self.assistance.is_empty()
            && self.review_plans.is_empty()
    }
}

/// What was written of the records.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct RecordStats {
    pub items_added: u64,
    pub items_updated: u64,
    pub requests_added: u64,
    pub requests_decided: u64,
    pub findings_written: u64,
    pub petitions: PetitionStats,
    /// Rows of notices written.
    pub notice_rows: u64,
    pub assistance: crate::assistance::AssistanceStats,
    /// 案件评查: plans written, reviews written, steps after reviews written.
    pub review_plans_added: u64,
    pub case_reviews_added: u64,
    pub review_answers_added: u64,
}

impl RecordStats {
    pub fn total(&self) -> u64 {
        self.supervision_total()
            + self.petitions.added
            + self.petitions.updated
            + self.notice_rows
            + self.assistance.added
            + self.assistance.updated
    }

    /// The supervision records written (督办 items, time-limit applications, 终本 reviews, 案件评查
    /// plans, reviews and the steps after them), the register and notices aside.
    pub fn supervision_total(&self) -> u64 {
        self.items_added
            + self.items_updated
            + self.requests_added
            + self.requests_decided
            + self.findings_written
            + self.review_plans_added
            + self.case_reviews_added
            + self.review_answers_added
    }

    /// Whether what the indicators count from changed (the 终本 reviews, the petitions, the
    /// judicial assistance).
    pub fn counted_change(&self) -> bool {
        self.findings_written
            + self.case_reviews_added
            + self.review_answers_added
            + self.petitions.added
            + self.petitions.updated
            + self.assistance.added
            + self.assistance.updated
            > 0
    }
}

/// The records of `case_nos` the store holds.
pub(crate) fn stored(db: &mut Db, case_nos: &[String]) -> Result<StoredRecords, StoreError> {
    let items = in_groups(
        db,
        &format!(
            "SELECT {} FROM supervision_items WHERE case_no",
            supervision::ITEM_COLUMNS
        ),
        case_nos,
        supervision::read_item,
    )?;
    let mut steps = in_groups(
        db,
        "SELECT s.item_id, s.seq, s.at, s.by_user, s.step, s.note, s.due_on
         FROM supervision_steps s JOIN supervision_items i ON i.id = s.item_id
         WHERE i.case_no",
        case_nos,
        supervision::read_step,
    )?;
    steps.sort_by_key(|s| (s.item_id, s.seq));
    let items = items
        .into_iter()
        .map(|item| {
            let start = steps.partition_point(|s| s.item_id < item.id);
            let end = steps.partition_point(|s| s.item_id <= item.id);
            let own = steps[start..end].to_vec();
            (item, own)
        })
        .collect();
    let requests = in_groups(
        db,
        &format!(
            "SELECT {} FROM limit_requests WHERE case_no",
            limit_requests::COLUMNS
        ),
        case_nos,
        limit_requests::read,
    )?;
    let findings = in_groups(
        db,
        "SELECT case_no, court_code, compliant, reason, found_by, found_at
         FROM zhongben_findings WHERE case_no",
        case_nos,
        zhongben::read,
    )?;
    Ok(StoredRecords {
        items,
        requests,
        findings,
    })
}

/// The store changed between the import's reading and its writing.
fn changed(what_zh: &str, what_en: &str, id: i64) -> StoreError {
    StoreError::Changed(text!(
        "导入核对之后，本库的{what_zh}（编号{id}）又有办理，本次导入已撤销，请重新导入",
        "{what_en} #{id} was acted on in the store after the import checked it: the import was undone, run it again"
    ))
}

/// Writes `records`; the caller holds the transaction.
pub(crate) fn write(db: &mut Db, records: &RecordsWrite) -> Result<RecordStats, StoreError> {
    let mut stats = RecordStats::default();
    for (item, steps) in &records.new_items {
        let id = supervision::insert_item(db, item)?;
        for (seq, step) in (1..).zip(steps) {
            supervision::add_step(
                db,
                &SupervisionStep {
                    item_id: id,
                    seq,
                    ..step.clone()
                },
            )?;
        }
        stats.items_added += 1;
    }
    for update in &records.item_updates {
        let item = &update.item;
        let written = db.execute(
            "UPDATE supervision_items SET division = ?, answerer = ?, due_on = ?, state = ?,
                 level = ?, replied_on = ?, replied_in_time = ?, closed_on = ?
             WHERE id = ?
               AND (SELECT count(*) FROM supervision_steps WHERE item_id = ?) = ?",
            &[
                opt_text(&item.division),
                (&item.answerer).into(),
                item.due_on.into(),
                (&item.state).into(),
                item.level.into(),
                item.replied_on.into(),
                item.replied_in_time.into(),
                item.closed_on.into(),
                item.id.into(),
                item.id.into(),
                update.steps_stored.into(),
            ],
        )?;
        if written == 0 {
            return Err(changed("督办事项", "supervision item", item.id));
        }
        for (seq, step) in (update.steps_stored + 1..).zip(&update.new_steps) {
            supervision::add_step(
                db,
                &SupervisionStep {
                    item_id: item.id,
                    seq,
                    ..step.clone()
                },
            )?;
        }
        stats.items_updated += 1;
    }
    // Decisions before new applications: a decision can free its case for a new pending one
    // the same import brings (one pending application per case).
    for decision in &records.decisions {
        if !limit_requests::write_decision(db, decision)? {
            return Err(changed(
                "审限变更申请",
                "time-limit application",
                decision.id,
            ));
        }
        stats.requests_decided += 1;
    }
    for request in &records.new_requests {
        limit_requests::insert(db, request)?;
        stats.requests_added += 1;
    }
    for finding in &records.findings {
        // A finding recorded in the store since the import read it is newer: it stays.
        stats.findings_written += zhongben::write_if_newer(db, finding)?;
    }
    stats.petitions = petitions::write(db, &records.petitions)?;
    stats.notice_rows = petitions::write_notices(db, &records.notices)?;
    stats.assistance = crate::assistance::write(db, &records.assistance)?;
    for write in &records.review_plans {
        write_review_plan(db, write, &mut stats)?;
    }
    Ok(stats)
}

/// Writes a plan an import brings (unless stored), its new reviews and the steps after them;
/// a review or a step the store took meanwhile undoes the import.
fn write_review_plan(
    db: &mut Db,
    write: &ReviewPlanWrite,
    stats: &mut RecordStats,
) -> Result<(), StoreError> {
    let id = if write.plan.id == 0 {
        stats.review_plans_added += 1;
        review::insert_plan(db, &write.plan)?
    } else {
        write.plan.id
    };
    for (case_no, from, to) in &write.reassigned {
        if !review::reassign_in(db, id, case_no, from.as_deref(), to)? {
            return Err(changed("评查计划", "review plan", id));
        }
    }
    for result in &write.results {
        let result = ReviewResultRow {
            plan_id: id,
            ..result.clone()
        };
        if !review::insert_result(db, &result)? {
            return Err(changed("评查计划", "review plan", id));
        }
        stats.case_reviews_added += 1;
    }
    for update in &write.answers {
        for (after, step) in (update.stored..).zip(&update.new_steps) {
            if !review::insert_answer(db, id, &update.case_no, after, step)? {
                return Err(changed("评查计划", "review plan", id));
            }
            stats.review_answers_added += 1;
        }
    }
    Ok(())
}
