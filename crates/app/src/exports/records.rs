//! The supervision records an export writes beside the cases: 督办 items and their steps,
//! applications to change time limits, 终本 reviews, and 案件评查 plans with their cases, reviews,
//! findings and the steps after the reviews — each file only when it has rows (a plan's files
//! together).

use shenguan_store::{
    LimitRequestQuery, LimitRequestRow, ReviewAnswerRow, ReviewCaseRow, ReviewFindingRow,
    ReviewPlanRow, ReviewResultRow, SupervisionQuery, SupervisionRow, SupervisionStep,
    ZhongbenFinding,
};

use super::FileTable;
use crate::record_files::RecordFile;
use crate::{AppError, Store};

fn text(value: &Option<String>) -> String {
    value.clone().unwrap_or_default()
}

fn day(value: Option<chrono::NaiveDate>) -> String {
    value.map(|d| d.to_string()).unwrap_or_default()
}

fn yes_no(value: Option<bool>) -> String {
    match value {
        Some(true) => "是".into(),
        Some(false) => "否".into(),
        None => String::new(),
    }
}

fn item_row(r: &SupervisionRow) -> Vec<String> {
    vec![
        r.id.to_string(),
        r.case_no.clone(),
        r.court_code.clone(),
        text(&r.division),
        r.reason.clone(),
        r.instructions.clone(),
        r.opened_by.clone(),
        r.opened_on.to_string(),
        r.answerer.clone(),
        r.due_on.to_string(),
        r.state.clone(),
        r.level.to_string(),
        day(r.replied_on),
        yes_no(r.replied_in_time),
        day(r.closed_on),
    ]
}

fn step_row(s: &SupervisionStep) -> Vec<String> {
    vec![
        s.item_id.to_string(),
        s.seq.to_string(),
        s.at.clone(),
        s.by_user.clone(),
        s.step.clone(),
        s.note.clone(),
        day(s.due_on),
    ]
}

fn request_row(r: &LimitRequestRow) -> Vec<String> {
    vec![
        r.id.to_string(),
        r.case_no.clone(),
        r.court_code.clone(),
        text(&r.division),
        r.kind.clone(),
        text(&r.length),
        text(&r.ground),
        day(r.from_on),
        day(r.to_on),
        r.reason.clone(),
        r.asked_by.clone(),
        r.asked_on.to_string(),
        r.deadline_then.to_string(),
        yes_no(Some(r.late)),
        r.approver.clone(),
        r.state.clone(),
        text(&r.decided_by),
        day(r.decided_on),
        yes_no(r.decided_late),
        text(&r.note),
    ]
}

fn finding_row(f: &ZhongbenFinding) -> Vec<String> {
    vec![
        f.case_no.clone(),
        f.court_code.clone(),
        if f.compliant { "合格" } else { "不合格" }.into(),
        f.reason.clone(),
        f.found_by.clone(),
        f.found_at.clone(),
    ]
}

fn plan_row(p: &ReviewPlanRow) -> Vec<String> {
    vec![
        p.id.to_string(),
        p.name.clone(),
        p.kind.clone(),
        text(&p.court),
        p.from.to_string(),
        p.to.to_string(),
        p.per_mille.to_string(),
        u64::from_ne_bytes(p.seed.to_ne_bytes()).to_string(),
        p.separation.clone(),
        yes_no(Some(p.blind)),
        text(&p.class),
        p.created_by.clone(),
        p.created_at.clone(),
        p.reviewers.join(";"),
        p.cases.len().to_string(),
    ]
}

fn plan_case_row(plan: i64, c: &ReviewCaseRow) -> Vec<String> {
    vec![
        plan.to_string(),
        c.case_no.clone(),
        court_of(&c.case_no),
        c.reason.clone(),
        text(&c.decided_by),
        text(&c.reviewer),
    ]
}

fn result_row(plan: i64, r: &ReviewResultRow) -> Vec<String> {
    vec![
        plan.to_string(),
        r.case_no.clone(),
        court_of(&r.case_no),
        r.reviewer.clone(),
        r.submitted_at.clone(),
        r.score.to_string(),
        r.grade.clone(),
        yes_no(Some(r.problem)),
        yes_no(Some(r.error)),
        r.findings.len().to_string(),
    ]
}

fn review_finding_row(plan: i64, case_no: &str, seq: usize, f: &ReviewFindingRow) -> Vec<String> {
    vec![
        plan.to_string(),
        case_no.to_string(),
        seq.to_string(),
        f.item.clone(),
        f.severity.clone(),
        f.text.clone(),
        f.deduction.to_string(),
        f.responsible.clone(),
        text(&f.excuse),
    ]
}

fn answer_row(plan: i64, case_no: &str, a: &ReviewAnswerRow) -> Vec<String> {
    vec![
        plan.to_string(),
        case_no.to_string(),
        a.seq.to_string(),
        a.at.clone(),
        a.by_user.clone(),
        a.kind.clone(),
        a.day.to_string(),
        text(&a.grade),
        a.text.clone(),
    ]
}

/// The court in a stored case number (the files name it beside the number, as the others do).
fn court_of(case_no: &str) -> String {
    shenguan_domain::CaseNumber::parse(case_no, i32::MAX)
        .ok()
        .and_then(|n| n.court_text())
        .unwrap_or_default()
}

/// The 案件评查 files of the plans made for the courts `court` selects (every plan without one;
/// a plan over the whole network only then).
fn review_tables(
    store: &mut Store,
    court: Option<shenguan_domain::CourtScope>,
    chinese: bool,
) -> Result<Vec<FileTable>, AppError> {
    let plans: Vec<ReviewPlanRow> = store
        .inner
        .whole_review_plans()?
        .into_iter()
        .filter(|p| match (court, &p.court) {
            (None, _) => true,
            (Some(scope), Some(code)) => {
                shenguan_domain::CourtCode::parse(code).is_ok_and(|c| scope.covers(c))
            }
            (Some(_), None) => false,
        })
        .collect();
    if plans.is_empty() {
        return Ok(Vec::new());
    }
    let (mut cases, mut results, mut findings, mut answers) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for plan in &plans {
        cases.extend(plan.cases.iter().map(|c| plan_case_row(plan.id, c)));
        for result in store.inner.review_results(plan.id)? {
            results.push(result_row(plan.id, &result));
            findings.extend(
                (1..)
                    .zip(&result.findings)
                    .map(|(seq, f)| review_finding_row(plan.id, &result.case_no, seq, f)),
            );
        }
        answers.extend(
            store
                .inner
                .review_answers_of_plan(plan.id)?
                .iter()
                .map(|(case_no, a)| answer_row(plan.id, case_no, a)),
        );
    }
    let mut tables: Vec<FileTable> = Vec::new();
    let rows = [
        (
            RecordFile::ReviewPlans,
            plans.iter().map(plan_row).collect(),
        ),
        (RecordFile::ReviewCases, cases),
        (RecordFile::ReviewResults, results),
        (RecordFile::ReviewFindings, findings),
        (RecordFile::ReviewAnswers, answers),
    ];
    for (file, rows) in rows {
        // The plans and their cases always; the others when they have rows.
        if rows.is_empty() && !matches!(file, RecordFile::ReviewCases) {
            continue;
        }
        tables.push((file.name(), file.header(chinese), rows));
    }
    Ok(tables)
}

/// The supervision files of the courts `court` selects (all without one).
pub(super) fn tables(
    store: &mut Store,
    court: Option<shenguan_domain::CourtScope>,
    chinese: bool,
) -> Result<Vec<FileTable>, AppError> {
    let items = store.inner.supervision_items(&SupervisionQuery {
        court,
        ..SupervisionQuery::default()
    })?;
    let steps = store.inner.supervision_steps(&SupervisionQuery {
        court,
        ..SupervisionQuery::default()
    })?;
    let requests = store.inner.limit_requests(&LimitRequestQuery {
        court,
        ..LimitRequestQuery::default()
    })?;
    let findings = store.inner.zhongben_findings_of(court)?;
    let mut tables: Vec<FileTable> = Vec::new();
    if !items.is_empty() {
        tables.push((
            RecordFile::Items.name(),
            RecordFile::Items.header(chinese),
            items.iter().rev().map(item_row).collect(),
        ));
        tables.push((
            RecordFile::Steps.name(),
            RecordFile::Steps.header(chinese),
            steps.iter().map(step_row).collect(),
        ));
    }
    if !requests.is_empty() {
        tables.push((
            RecordFile::Requests.name(),
            RecordFile::Requests.header(chinese),
            requests.iter().rev().map(request_row).collect(),
        ));
    }
    if !findings.is_empty() {
        tables.push((
            RecordFile::Findings.name(),
            RecordFile::Findings.header(chinese),
            findings.iter().map(finding_row).collect(),
        ));
    }
    tables.extend(review_tables(store, court, chinese)?);
    Ok(tables)
}
