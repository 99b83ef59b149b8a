//! The supervision records an export writes beside the cases: 督办 items and their steps,
//! applications to change time limits, and 终本 reviews — each file only when it has rows.

use shenguan_store::{
    LimitRequestQuery, LimitRequestRow, SupervisionQuery, SupervisionRow, SupervisionStep,
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
    Ok(tables)
}
