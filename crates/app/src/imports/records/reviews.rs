//! 案件评查 records of an import: each plan put together from its row and the rows of its cases,
//! its reviews with their findings in order and the steps after them; then matched with the
//! store by what they are — a plan by its name, kind, court, period, seed and the moment it was
//! made (no two plans share all of them: the moment is the clock's, to the second), a review by its
//! plan and case, the steps after a review by their order. What is new or has gone further is
//! written with the cases; what the store has as the file has it, or further along, is left; what
//! went differently is refused on its row. A plan is refused with all its rows when any of them is
//! wrong, a review with its findings and steps.

use std::collections::{BTreeMap, HashMap, HashSet};

use shenguan_domain::review::grading::Severity;
use shenguan_domain::{CaseNumber, CourtCode, Text, text};
use shenguan_ingest::validate::Located;
use shenguan_store::{
    AnswersUpdate, ReviewAnswerRow, ReviewCaseRow, ReviewFindingRow, ReviewPlanRow,
    ReviewPlanWrite, ReviewResultRow,
};

use super::{Checked, Errors};
use crate::record_files::RecordFile;
use crate::{AppError, Store};

/// A plan row read: the number its file gave it, how many cases it says it took, and the plan
/// (its cases come from the cases file).
pub(super) struct PlanRow {
    pub(super) id: i64,
    pub(super) cases: i64,
    pub(super) plan: ReviewPlanRow,
}

/// A row of the plans' cases: the plan's number in the file, the case's court, the case.
pub(super) struct PlanCaseRow {
    pub(super) plan: i64,
    pub(super) court: String,
    pub(super) case: ReviewCaseRow,
}

/// A review row: the plan's number in the file, how many findings it says it has, and the
/// review (its findings come from the findings file).
pub(super) struct ResultRow {
    pub(super) plan: i64,
    pub(super) findings: i64,
    pub(super) result: ReviewResultRow,
}

pub(super) struct FindingRow {
    pub(super) plan: i64,
    pub(super) case_no: String,
    pub(super) seq: i64,
    pub(super) finding: ReviewFindingRow,
}

pub(super) struct AnswerRow {
    pub(super) plan: i64,
    pub(super) case_no: String,
    pub(super) answer: ReviewAnswerRow,
}

/// The 案件评查 rows read, file by file.
#[derive(Default)]
pub(super) struct ReadReviews {
    pub(super) plans: Vec<Located<PlanRow>>,
    pub(super) cases: Vec<Located<PlanCaseRow>>,
    pub(super) results: Vec<Located<ResultRow>>,
    pub(super) findings: Vec<Located<FindingRow>>,
    pub(super) answers: Vec<Located<AnswerRow>>,
}

impl ReadReviews {
    pub(super) fn is_empty(&self) -> bool {
        self.plans.is_empty()
            && self.cases.is_empty()
            && self.results.is_empty()
            && self.findings.is_empty()
            && self.answers.is_empty()
    }

    /// The case numbers the plans name.
    pub(super) fn case_numbers(&self) -> impl Iterator<Item = &String> {
        self.cases.iter().map(|c| &c.record.case.case_no)
    }
}

/// A review as the files give it, its findings in place.
struct FileReview {
    located: Located<ResultRow>,
    findings: Vec<Located<FindingRow>>,
}

/// A plan as the files give it: its row, its cases' rows, its reviews, and the steps after each
/// review by case number.
struct FilePlan {
    located: Located<PlanRow>,
    cases: Vec<Located<PlanCaseRow>>,
    reviews: Vec<FileReview>,
    answers: BTreeMap<String, Vec<Located<AnswerRow>>>,
}

/// A plan and a review by the numbers their file gave them: (plan, case number).
type ReviewKey = (i64, String);

/// What identifies a plan: name, kind, court, period, seed and the moment it was made.
type PlanKey = (
    String,
    String,
    Option<String>,
    chrono::NaiveDate,
    chrono::NaiveDate,
    i64,
    String,
);

fn plan_key(p: &ReviewPlanRow) -> PlanKey {
    (
        p.name.clone(),
        p.kind.clone(),
        p.court.clone(),
        p.from,
        p.to,
        p.seed,
        p.created_at.clone(),
    )
}

/// Checks the 案件评查 rows, matches them with the store, and adds what to write to `checked`.
pub(super) fn check_reviews(
    store: &mut Store,
    config: &crate::Config,
    read: ReadReviews,
    known: &HashSet<String>,
    within: Option<CourtCode>,
    checked: &mut Checked,
    errors: &mut Errors<'_>,
) -> Result<(), AppError> {
    let plans = assemble(read, known, within, config, errors);
    if plans.is_empty() {
        return Ok(());
    }
    let stored = store.inner.whole_review_plans()?;
    let stored_by_key: HashMap<PlanKey, &ReviewPlanRow> =
        stored.iter().map(|p| (plan_key(p), p)).collect();
    let mut seen: HashSet<PlanKey> = HashSet::new();
    for plan in plans {
        let key = plan_key(&plan.located.record.plan);
        if !seen.insert(key.clone()) {
            let value = plan.located.record.plan.name.clone();
            errors.on(
                &plan.located,
                RecordFile::ReviewPlans,
                "name",
                &value,
                text!(
                    "与前面的评查计划名称、类型、法院、期间、种子和制定时间均相同",
                    "the same plan (name, kind, court, period, seed and moment made) is above already"
                ),
            );
            refuse_plan(&plan, errors);
            continue;
        }
        match stored_by_key.get(&key) {
            None => add_plan(plan, checked),
            Some(old) => match_plan(store, plan, old, checked, errors)?,
        }
    }
    Ok(())
}

/// A plan the store does not hold: written whole, with its reviews and their steps.
fn add_plan(plan: FilePlan, checked: &mut Checked) {
    let FilePlan {
        located,
        reviews,
        answers,
        ..
    } = plan;
    let results: Vec<ReviewResultRow> = reviews.into_iter().map(whole_review).collect();
    checked.counts.review_plans.added += 1;
    checked.counts.case_reviews.added += results.len() as u64;
    let answers = answers
        .into_iter()
        .map(|(case_no, rows)| AnswersUpdate {
            case_no,
            stored: 0,
            new_steps: rows.into_iter().map(|r| r.record.answer).collect(),
        })
        .collect();
    checked.write.review_plans.push(ReviewPlanWrite {
        plan: located.record.plan,
        reassigned: Vec::new(),
        results,
        answers,
    });
}

/// A plan with who reviews what left out: its rules and the cases it took, why, and what decided
/// them — what no later step changes.
fn rules_and_cases(plan: &ReviewPlanRow) -> ReviewPlanRow {
    ReviewPlanRow {
        id: 0,
        reviewers: Vec::new(),
        cases: plan
            .cases
            .iter()
            .map(|c| shenguan_store::ReviewCaseRow {
                reviewer: None,
                ..c.clone()
            })
            .collect(),
        ..plan.clone()
    }
}

/// A plan the store holds: the same rules and cases, or refused; a case not yet reviewed here
/// that the file gives to another reviewer (a recusal, or the office's assignment, since) goes
/// to the file's; its reviews and steps matched.
fn match_plan(
    store: &mut Store,
    plan: FilePlan,
    old: &ReviewPlanRow,
    checked: &mut Checked,
    errors: &mut Errors<'_>,
) -> Result<(), AppError> {
    if rules_and_cases(old) != rules_and_cases(&plan.located.record.plan) {
        let value = plan.located.record.plan.name.clone();
        errors.on(
            &plan.located,
            RecordFile::ReviewPlans,
            "name",
            &value,
            text!(
                "本库中的同一评查计划（编号{id}）的规则、评查人员或案件与文件不同，不能合并",
                "the store's record of the same plan (#{id}) differs in its rules, reviewers or cases: they cannot be merged",
                id = old.id
            ),
        );
        refuse_plan(&plan, errors);
        return Ok(());
    }
    checked.counts.review_plans.unchanged += 1;
    let stored_results: HashMap<String, ReviewResultRow> = store
        .inner
        .review_results(old.id)?
        .into_iter()
        .map(|r| (r.case_no.clone(), ReviewResultRow { plan_id: 0, ..r }))
        .collect();
    let mut stored_answers: HashMap<String, Vec<ReviewAnswerRow>> = HashMap::new();
    for (case_no, answer) in store.inner.review_answers_of_plan(old.id)? {
        stored_answers.entry(case_no).or_default().push(answer);
    }
    let FilePlan {
        located,
        reviews,
        mut answers,
        ..
    } = plan;
    // Who reviews a case not yet reviewed here: the file's, when it differs.
    let reassigned: Vec<(String, Option<String>, String)> = located
        .record
        .plan
        .cases
        .iter()
        .filter_map(|c| {
            let here = old.cases.iter().find(|o| o.case_no == c.case_no)?;
            let to = c.reviewer.clone()?;
            (here.reviewer.as_deref() != Some(to.as_str())
                && !stored_results.contains_key(&c.case_no))
            .then(|| (c.case_no.clone(), here.reviewer.clone(), to))
        })
        .collect();
    let mut write = ReviewPlanWrite {
        plan: ReviewPlanRow {
            id: old.id,
            ..located.record.plan
        },
        reassigned,
        results: Vec::new(),
        answers: Vec::new(),
    };
    // Each case's review: new, as stored, or different (refused with its steps).
    let mut fate: HashMap<String, bool> = HashMap::new();
    for review in reviews {
        let case_no = review.located.record.result.case_no.clone();
        let located = Located {
            table: review.located.table,
            row: review.located.row,
            record: (),
        };
        let whole = whole_review(review);
        match stored_results.get(&case_no) {
            None => {
                write.results.push(whole);
                checked.counts.case_reviews.added += 1;
                fate.insert(case_no, true);
            }
            Some(stored) if *stored == whole => {
                fate.insert(case_no, false);
            }
            Some(_) => {
                errors.on(
                    &located,
                    RecordFile::ReviewResults,
                    "grade",
                    &whole.grade,
                    text!(
                        "本库中同一计划对该案的评查意见与文件不同，不能合并",
                        "the store's review of the case in the same plan differs: they cannot be merged"
                    ),
                );
                if let Some(rows) = answers.remove(&case_no) {
                    refuse_rows(&rows, RecordFile::ReviewAnswers, "seq", errors, &along());
                }
            }
        }
    }
    // The steps after each review: onto the store's when those are where the file's began.
    for (case_no, rows) in answers {
        let stored = stored_answers.remove(&case_no).unwrap_or_default();
        let new_review = fate.get(&case_no).copied();
        if new_review.is_none() && !stored_results.contains_key(&case_no) {
            let value = case_no.clone();
            errors.on(
                &rows[0],
                RecordFile::ReviewAnswers,
                "case_no",
                &value,
                text!(
                    "文件和本库中都没有该计划对此案的评查意见",
                    "neither the files nor the store hold the plan's review of this case"
                ),
            );
            refuse_rows(
                &rows[1..],
                RecordFile::ReviewAnswers,
                "seq",
                errors,
                &along(),
            );
            continue;
        }
        let shared = rows.len().min(stored.len());
        if let Some(at) = (0..shared).find(|&i| rows[i].record.answer != stored[i]) {
            let value = rows[at].record.answer.kind.clone();
            errors.on(
                &rows[at],
                RecordFile::ReviewAnswers,
                "kind",
                &value,
                text!(
                    "本库中该评查意见之后的经过与文件不同，不能合并",
                    "the store's steps after the review went differently: they cannot be merged"
                ),
            );
            continue;
        }
        if rows.len() > stored.len() {
            if new_review == Some(false) || new_review.is_none() {
                checked.counts.case_reviews.updated += 1;
                fate.insert(case_no.clone(), true);
            }
            write.answers.push(AnswersUpdate {
                case_no,
                stored: stored.len() as u64,
                new_steps: rows[stored.len()..]
                    .iter()
                    .map(|r| r.record.answer.clone())
                    .collect(),
            });
        }
    }
    checked.counts.case_reviews.unchanged +=
        fate.values().filter(|changed| !**changed).count() as u64;
    if !write.results.is_empty() || !write.answers.is_empty() || !write.reassigned.is_empty() {
        checked.write.review_plans.push(write);
    }
    Ok(())
}

/// A review with its findings in order.
fn whole_review(review: FileReview) -> ReviewResultRow {
    ReviewResultRow {
        findings: review
            .findings
            .into_iter()
            .map(|f| f.record.finding)
            .collect(),
        ..review.located.record.result
    }
}

fn along() -> Text {
    text!(
        "同一评查计划或评查意见的其他行有错误，一并未导入",
        "another row of the same plan or review has errors: it is not imported"
    )
}

/// Refuses `rows` not refused already, naming `column`.
fn refuse_rows<T>(
    rows: &[Located<T>],
    file: RecordFile,
    column: &str,
    errors: &mut Errors<'_>,
    why: &Text,
) {
    for row in rows {
        if !errors.validation.rejected.contains(&(row.table, row.row)) {
            let value = errors.value_of(row, file, column);
            errors.on(row, file, column, &value, why.clone());
        }
    }
}

/// Refuses every row of a plan not refused already.
fn refuse_plan(plan: &FilePlan, errors: &mut Errors<'_>) {
    let why = along();
    refuse_rows(
        std::slice::from_ref(&plan.located),
        RecordFile::ReviewPlans,
        "id",
        errors,
        &why,
    );
    refuse_rows(
        &plan.cases,
        RecordFile::ReviewCases,
        "plan_id",
        errors,
        &why,
    );
    for review in &plan.reviews {
        refuse_review(review, errors);
    }
    for rows in plan.answers.values() {
        refuse_rows(rows, RecordFile::ReviewAnswers, "plan_id", errors, &why);
    }
}

fn refuse_review(review: &FileReview, errors: &mut Errors<'_>) {
    let why = along();
    refuse_rows(
        std::slice::from_ref(&review.located),
        RecordFile::ReviewResults,
        "plan_id",
        errors,
        &why,
    );
    refuse_rows(
        &review.findings,
        RecordFile::ReviewFindings,
        "plan_id",
        errors,
        &why,
    );
}

/// The rows of `file` refused while they were read, by the text of the plan number and, if
/// asked, the case number in them.
fn refused_while_read(
    errors: &Errors<'_>,
    file: RecordFile,
    with_case: bool,
) -> HashSet<ReviewKey> {
    let mut found = HashSet::new();
    for (index, table) in errors.tables.iter().enumerate() {
        let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
        if RecordFile::of_header(&headers) != Some(file) {
            continue;
        }
        let positions = file.positions(&headers);
        let at = |column: &str| {
            file.columns()
                .iter()
                .position(|(_, en, _)| *en == column)
                .and_then(|i| positions[i])
        };
        let plan_at = if file == RecordFile::ReviewPlans {
            at("id")
        } else {
            at("plan_id")
        };
        let case_at = at("case_no");
        for row in &table.rows {
            if !errors.validation.rejected.contains(&(index, row.row)) {
                continue;
            }
            let cell = |i: Option<usize>| {
                i.and_then(|i| row.cells.get(i))
                    .map(|c| c.trim().to_string())
                    .unwrap_or_default()
            };
            let Ok(plan) = cell(plan_at).parse::<i64>() else {
                continue;
            };
            let case_no = if with_case {
                let raw = cell(case_at);
                CaseNumber::parse(&raw, i32::MAX)
                    .map(|n| n.to_string())
                    .unwrap_or(raw)
            } else {
                String::new()
            };
            found.insert((plan, case_no));
        }
    }
    found
}

/// The plans put together from their rows, each checked whole; the rows of a plan refused are
/// refused with it.
fn assemble(
    read: ReadReviews,
    known: &HashSet<String>,
    within: Option<CourtCode>,
    config: &crate::Config,
    errors: &mut Errors<'_>,
) -> Vec<FilePlan> {
    let mut refused_plans: HashSet<i64> =
        refused_while_read(errors, RecordFile::ReviewPlans, false)
            .into_iter()
            .chain(refused_while_read(errors, RecordFile::ReviewCases, false))
            .map(|(plan, _)| plan)
            .collect();
    let refused_reviews: HashSet<ReviewKey> =
        refused_while_read(errors, RecordFile::ReviewResults, true)
            .into_iter()
            .chain(refused_while_read(errors, RecordFile::ReviewFindings, true))
            .collect();
    let refused_answers = refused_while_read(errors, RecordFile::ReviewAnswers, true);

    let mut cases: HashMap<i64, Vec<Located<PlanCaseRow>>> = HashMap::new();
    for row in read.cases {
        cases.entry(row.record.plan).or_default().push(row);
    }
    let mut results: HashMap<i64, Vec<Located<ResultRow>>> = HashMap::new();
    for row in read.results {
        results.entry(row.record.plan).or_default().push(row);
    }
    let mut findings: HashMap<ReviewKey, Vec<Located<FindingRow>>> = HashMap::new();
    for row in read.findings {
        let key = (row.record.plan, row.record.case_no.clone());
        findings.entry(key).or_default().push(row);
    }
    let mut answers: HashMap<ReviewKey, Vec<Located<AnswerRow>>> = HashMap::new();
    for row in read.answers {
        let key = (row.record.plan, row.record.case_no.clone());
        answers.entry(key).or_default().push(row);
    }

    let mut assembled = Vec::new();
    let mut seen: HashSet<i64> = HashSet::new();
    for located in read.plans {
        let id = located.record.id;
        if !seen.insert(id) {
            let value = id.to_string();
            errors.on(
                &located,
                RecordFile::ReviewPlans,
                "id",
                &value,
                text!(
                    "编号与前面的评查计划重复",
                    "the number repeats a plan above"
                ),
            );
            refused_plans.insert(id);
            continue;
        }
        let mut plan = FilePlan {
            located,
            cases: cases.remove(&id).unwrap_or_default(),
            reviews: Vec::new(),
            answers: BTreeMap::new(),
        };
        for row in results.remove(&id).unwrap_or_default() {
            let key = (id, row.record.result.case_no.clone());
            plan.reviews.push(FileReview {
                located: row,
                findings: findings.remove(&key).unwrap_or_default(),
            });
        }
        let keys: Vec<ReviewKey> = answers.keys().filter(|(p, _)| *p == id).cloned().collect();
        for key in keys {
            if let Some(rows) = answers.remove(&key) {
                plan.answers.insert(key.1, rows);
            }
        }
        let whole = !refused_plans.contains(&id) && plan_is_whole(&mut plan, known, within, errors);
        if !whole {
            refuse_plan(&plan, errors);
            continue;
        }
        keep_whole_reviews(
            &mut plan,
            &refused_reviews,
            &refused_answers,
            config,
            errors,
        );
        assembled.push(plan);
    }
    // Rows of no plan read: of a plan refused, or of none at all.
    let orphan = |plan: i64| {
        if refused_plans.contains(&plan) {
            text!("所属评查计划有错误", "its plan has errors")
        } else {
            text!(
                "评查计划文件中没有编号为{plan}的计划",
                "the plans file has no plan numbered {plan}"
            )
        }
    };
    for (plan, rows) in cases {
        refuse_rows(
            &rows,
            RecordFile::ReviewCases,
            "plan_id",
            errors,
            &orphan(plan),
        );
    }
    for (plan, rows) in results {
        refuse_rows(
            &rows,
            RecordFile::ReviewResults,
            "plan_id",
            errors,
            &orphan(plan),
        );
    }
    for ((plan, _), rows) in findings {
        let why = if seen.contains(&plan) && !refused_plans.contains(&plan) {
            text!(
                "评查意见文件中没有该计划对此案的评查意见",
                "the results file has no review of this case in the plan"
            )
        } else {
            orphan(plan)
        };
        refuse_rows(&rows, RecordFile::ReviewFindings, "plan_id", errors, &why);
    }
    for ((plan, _), rows) in answers {
        refuse_rows(
            &rows,
            RecordFile::ReviewAnswers,
            "plan_id",
            errors,
            &orphan(plan),
        );
    }
    assembled
}

/// Whether a plan's own rows hold together: its cases all there, each once, known, within the
/// importer's courts and given to a reviewer of the panel. Errors on the rows at fault.
fn plan_is_whole(
    plan: &mut FilePlan,
    known: &HashSet<String>,
    within: Option<CourtCode>,
    errors: &mut Errors<'_>,
) -> bool {
    let before = errors.validation.errors.len();
    let own = within.map(|c| c.to_string());
    let outside = |court: &str| own.as_ref().is_some_and(|o| !court.starts_with(o.as_str()));
    let row = &plan.located.record;
    if let Some(own) = &own
        && row.plan.court.as_deref().is_none_or(outside)
    {
        let value = row.plan.court.clone().unwrap_or_default();
        errors.on(
            &plan.located,
            RecordFile::ReviewPlans,
            "court_code",
            &value,
            text!(
                "评查计划不属于{own}及其辖区法院，无权导入",
                "the plan is not one of {own} and the courts below it"
            ),
        );
    }
    if plan.cases.len() as i64 != row.cases {
        let (said, found) = (row.cases, plan.cases.len());
        errors.on(
            &plan.located,
            RecordFile::ReviewPlans,
            "cases",
            &said.to_string(),
            text!(
                "计划案件文件中有该计划的{found}件案件，与案件数{said}不符",
                "the cases file holds {found} cases of the plan, not the {said} it says"
            ),
        );
    }
    let panel: HashSet<&str> = row.plan.reviewers.iter().map(String::as_str).collect();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut faults: Vec<(usize, &str, String, Text)> = Vec::new();
    for (i, case) in plan.cases.iter().enumerate() {
        let c = &case.record;
        let number = c.case.case_no.as_str();
        if !seen.insert(number) {
            faults.push((
                i,
                "case_no",
                number.to_string(),
                text!(
                    "同一计划中该案件在前面已有一行",
                    "the case is above already in the same plan"
                ),
            ));
        } else if !known.contains(number) {
            faults.push((
                i,
                "case_no",
                number.to_string(),
                text!(
                    "记录所属案件既不在本次导入中，也不在数据库中",
                    "the record's case is neither in this import nor in the store"
                ),
            ));
        } else if outside(&c.court) {
            let own = own.clone().unwrap_or_default();
            faults.push((
                i,
                "case_no",
                number.to_string(),
                text!(
                    "案件不属于{own}及其辖区法院，无权导入",
                    "the case is outside {own} and the courts below it"
                ),
            ));
        }
        if let Some(reviewer) = &c.case.reviewer
            && !panel.contains(reviewer.as_str())
        {
            faults.push((
                i,
                "reviewer",
                reviewer.clone(),
                text!(
                    "评查人不在该计划的评查人员中",
                    "the reviewer is not on the plan's panel"
                ),
            ));
        }
    }
    for (i, column, value, why) in faults {
        errors.on(&plan.cases[i], RecordFile::ReviewCases, column, &value, why);
    }
    if errors.validation.errors.len() > before {
        return false;
    }
    let mut cases: Vec<ReviewCaseRow> = plan.cases.iter().map(|c| c.record.case.clone()).collect();
    cases.sort_by(|a, b| a.case_no.cmp(&b.case_no));
    plan.located.record.plan.cases = cases;
    true
}

/// Keeps the reviews whose rows hold together — a case the plan holds, the reviewer it went to,
/// findings numbered 1, 2, … as many as the review says, the score they give — and the steps after
/// each in an order they can be taken; refuses the others with their rows.
fn keep_whole_reviews(
    plan: &mut FilePlan,
    refused_reviews: &HashSet<ReviewKey>,
    refused_answers: &HashSet<ReviewKey>,
    config: &crate::Config,
    errors: &mut Errors<'_>,
) {
    let id = plan.located.record.id;
    let given: HashMap<&str, Option<&str>> = plan
        .located
        .record
        .plan
        .cases
        .iter()
        .map(|c| (c.case_no.as_str(), c.reviewer.as_deref()))
        .collect();
    let mut kept = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for mut review in std::mem::take(&mut plan.reviews) {
        review.findings.sort_by_key(|f| f.record.seq);
        let row = &review.located.record;
        let case_no = row.result.case_no.clone();
        let fault: Option<(&str, String, Text)> = if !seen.insert(case_no.clone()) {
            Some((
                "case_no",
                case_no.clone(),
                text!(
                    "同一计划对该案的评查意见在前面已有一行",
                    "the plan's review of the case is above already"
                ),
            ))
        } else if !given.contains_key(case_no.as_str()) {
            Some((
                "case_no",
                case_no.clone(),
                text!(
                    "该评查计划（文件中的编号{id}）没有选取此案件",
                    "the plan (numbered {id} in the file) did not take this case"
                ),
            ))
        } else if given.get(case_no.as_str()).copied().flatten()
            != Some(row.result.reviewer.as_str())
        {
            Some((
                "reviewer",
                row.result.reviewer.clone(),
                text!(
                    "该案件未分配给此评查人",
                    "the case was not given to this reviewer"
                ),
            ))
        } else if refused_reviews.contains(&(id, case_no.clone())) {
            Some((
                "plan_id",
                id.to_string(),
                text!("其评查问题有错误", "its findings have errors"),
            ))
        } else {
            findings_fault(&review, config, errors)
        };
        if let Some((column, value, why)) = fault {
            errors.on(
                &review.located,
                RecordFile::ReviewResults,
                column,
                &value,
                why,
            );
            refuse_review(&review, errors);
            if let Some(rows) = plan.answers.remove(&case_no) {
                refuse_rows(
                    &rows,
                    RecordFile::ReviewAnswers,
                    "plan_id",
                    errors,
                    &along(),
                );
            }
            continue;
        }
        kept.push(review);
    }
    plan.reviews = kept;
    let cases: Vec<String> = plan.answers.keys().cloned().collect();
    for case_no in cases {
        let Some(mut rows) = plan.answers.remove(&case_no) else {
            continue;
        };
        rows.sort_by_key(|r| r.record.answer.seq);
        if refused_answers.contains(&(id, case_no.clone())) {
            refuse_rows(&rows, RecordFile::ReviewAnswers, "seq", errors, &along());
            continue;
        }
        if let Some((at, why)) = answers_problem(&rows, &config.review_scale.grades()) {
            let value = rows[at].record.answer.kind.clone();
            errors.on(&rows[at], RecordFile::ReviewAnswers, "kind", &value, why);
            refuse_rows(&rows, RecordFile::ReviewAnswers, "seq", errors, &along());
            continue;
        }
        plan.answers.insert(case_no, rows);
    }
}

/// What is wrong with a review's findings: numbered 1, 2, …, as many as its row says, and the
/// score and problem mark they give on the sheet.
fn findings_fault(
    review: &FileReview,
    config: &crate::Config,
    errors: &mut Errors<'_>,
) -> Option<(&'static str, String, Text)> {
    for (i, f) in review.findings.iter().enumerate() {
        let expected = i as i64 + 1;
        if f.record.seq != expected {
            let value = f.record.seq.to_string();
            errors.on(
                f,
                RecordFile::ReviewFindings,
                "seq",
                &value,
                text!(
                    "序号应为{expected}（各条依次编号，不缺不重）",
                    "the number should be {expected} (findings are numbered on, none missing or repeated)"
                ),
            );
            return Some((
                "plan_id",
                review.located.record.plan.to_string(),
                text!("其评查问题有错误", "its findings have errors"),
            ));
        }
    }
    let row = &review.located.record;
    if review.findings.len() as i64 != row.findings {
        let (said, found) = (row.findings, review.findings.len());
        return Some((
            "findings",
            said.to_string(),
            text!(
                "评查问题文件中有该案{found}条问题，与问题条数{said}不符",
                "the findings file holds {found} findings of the review, not the {said} it says"
            ),
        ));
    }
    // The case's sheet: the network's for its category (the items and points the review
    // was graded on).
    let category = shenguan_domain::CaseNumber::parse(&row.result.case_no, i32::MAX)
        .ok()
        .and_then(|n| n.case_type())
        .map(|t| t.category);
    let rubric = config.review_sheets.for_category(category);
    let mut lost: HashMap<&str, u32> = HashMap::new();
    let mut problem = false;
    for located in &review.findings {
        let f = &located.record.finding;
        let Some(points) = rubric
            .items
            .iter()
            .find(|i| i.code == f.item)
            .map(|i| i.points)
        else {
            let item = f.item.clone();
            errors.on(
                located,
                RecordFile::ReviewFindings,
                "item",
                &item,
                text!(
                    "该案的评查表中没有条目“{item}”",
                    "the case's score sheet has no item “{item}”"
                ),
            );
            return Some((
                "plan_id",
                row.plan.to_string(),
                text!("其评查问题有错误", "its findings have errors"),
            ));
        };
        if f.deduction > points {
            let value = f.deduction.to_string();
            errors.on(
                located,
                RecordFile::ReviewFindings,
                "deduction",
                &value,
                text!(
                    "该条目满分{points}分，不能扣{value}分",
                    "the item holds {points} points: {value} cannot be deducted"
                ),
            );
            return Some((
                "plan_id",
                row.plan.to_string(),
                text!("其评查问题有错误", "its findings have errors"),
            ));
        }
        if f.excuse.is_none() {
            problem = true;
            let item = lost.entry(f.item.as_str()).or_default();
            *item = (*item + f.deduction).min(points);
        }
    }
    let score = rubric.full_score() - lost.values().sum::<u32>();
    if score != row.result.score || problem != row.result.problem {
        let value = row.result.score.to_string();
        return Some((
            "score",
            value,
            text!(
                "得分或问题案件与其评查问题不符（按评查表应为{score}分）",
                "the score or problem mark differs from the findings (the sheet gives {score})"
            ),
        ));
    }
    // The grade and the error mark are the network's scale's of that score and the worst
    // finding that counts.
    let worst = review
        .findings
        .iter()
        .map(|f| &f.record.finding)
        .filter(|f| f.excuse.is_none())
        .map(|f| {
            if f.severity == "error" {
                Severity::Error
            } else {
                Severity::Flaw
            }
        })
        .max();
    let scale = &config.review_scale;
    let grade = scale.grade_for(score, worst);
    let error = grade == scale.error_grade();
    if grade != row.result.grade || error != row.result.error {
        return Some((
            "grade",
            row.result.grade.clone(),
            text!(
                "等次或差错案件与其评查问题不符（按本网评查等次应为{grade}）",
                "the grade or error mark differs from the findings (the network's grades give {grade})"
            ),
        ));
    }
    None
}

/// Where a review's steps go wrong, if they do: numbered 1, 2, …; an objection only first, a
/// decision only on it (with a grade of the network's `grades`), an accountability outcome only
/// once the review stands final.
fn answers_problem(rows: &[Located<AnswerRow>], grades: &[String]) -> Option<(usize, Text)> {
    let (mut objected, mut decided, mut held) = (false, false, false);
    for (i, row) in rows.iter().enumerate() {
        let step = &row.record.answer;
        let expected = i as i64 + 1;
        if step.seq != expected {
            return Some((
                i,
                text!(
                    "序号应为{expected}（各环节依次编号，不缺不重）",
                    "the number should be {expected} (steps are numbered on, none missing or repeated)"
                ),
            ));
        }
        if step.kind == "decide" && !step.grade.as_ref().is_some_and(|g| grades.contains(g)) {
            let known = grades.join("、");
            return Some((
                i,
                text!(
                    "决定的等次须为本网的等次之一：{known}",
                    "a decision's grade is one of the network's: {known}"
                ),
            ));
        }
        match step.kind.as_str() {
            "object" if !objected && !held => objected = true,
            "decide" if objected && !decided => decided = true,
            "outcome" if !objected || decided => held = true,
            _ => {
                return Some((
                    i,
                    text!(
                        "此环节不能接在前面的环节之后（异议在先，决定随异议，问责在结论确定后）",
                        "the step cannot follow the ones before it (an objection first, a decision on it, outcomes once final)"
                    ),
                ));
            }
        }
    }
    None
}
