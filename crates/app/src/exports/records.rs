//! The supervision records an export writes beside the cases: 督办 items and their steps,
//! applications to change time limits, and 终本 reviews — each file only when it has rows.

use shenguan_ingest::table::{Column, ColumnKind};
use shenguan_store::{
    LimitRequestQuery, LimitRequestRow, SupervisionQuery, SupervisionRow, SupervisionStep,
    ZhongbenFinding,
};

use super::FileTable;
use crate::{AppError, Store};

/// The columns of a file: the Chinese or the English header, and each column's kind.
fn columns(
    names: &[(&'static str, &'static str, ColumnKind)],
    chinese: bool,
) -> Vec<Column<'static>> {
    names
        .iter()
        .map(|(zh, en, kind)| Column {
            name: if chinese { zh } else { en },
            kind: *kind,
        })
        .collect()
}

use ColumnKind::{Date, Integer, Text};

const ITEMS: [(&str, &str, ColumnKind); 15] = [
    ("编号", "id", Integer),
    ("案号", "case_no", Text),
    ("法院代字", "court_code", Text),
    ("承办部门", "division", Text),
    ("督办事由", "reason", Text),
    ("督办意见", "instructions", Text),
    ("督办人", "opened_by", Text),
    ("督办日期", "opened_on", Date),
    ("答复人", "answerer", Text),
    ("答复期限", "due_on", Date),
    ("状态", "state", Text),
    ("督办层级", "level", Integer),
    ("最近答复日期", "replied_on", Date),
    ("按期答复", "replied_in_time", Text),
    ("办结日期", "closed_on", Date),
];

const STEPS: [(&str, &str, ColumnKind); 7] = [
    ("编号", "item_id", Integer),
    ("序号", "seq", Integer),
    ("时间", "at", Text),
    ("人员", "by_user", Text),
    ("环节", "step", Text),
    ("内容", "note", Text),
    ("答复期限", "due_on", Date),
];

const REQUESTS: [(&str, &str, ColumnKind); 20] = [
    ("编号", "id", Integer),
    ("案号", "case_no", Text),
    ("法院代字", "court_code", Text),
    ("承办部门", "division", Text),
    ("种类", "kind", Text),
    ("延长期限", "length", Text),
    ("扣除事由", "ground", Text),
    ("扣除起日", "from_on", Date),
    ("扣除止日", "to_on", Date),
    ("理由", "reason", Text),
    ("申请人", "asked_by", Text),
    ("申请日期", "asked_on", Date),
    ("当时审限届满日", "deadline_then", Date),
    ("逾期申请", "late", Text),
    ("审批层级", "approver", Text),
    ("状态", "state", Text),
    ("审批人", "decided_by", Text),
    ("审批日期", "decided_on", Date),
    ("逾期审批", "decided_late", Text),
    ("审批意见", "note", Text),
];

const FINDINGS: [(&str, &str, ColumnKind); 6] = [
    ("案号", "case_no", Text),
    ("法院代字", "court_code", Text),
    ("评查结论", "compliant", Text),
    ("理由", "reason", Text),
    ("评查人", "found_by", Text),
    ("时间", "found_at", Text),
];

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
            "supervision",
            columns(&ITEMS, chinese),
            items.iter().rev().map(item_row).collect(),
        ));
        tables.push((
            "supervision_steps",
            columns(&STEPS, chinese),
            steps.iter().map(step_row).collect(),
        ));
    }
    if !requests.is_empty() {
        tables.push((
            "limit_requests",
            columns(&REQUESTS, chinese),
            requests.iter().rev().map(request_row).collect(),
        ));
    }
    if !findings.is_empty() {
        tables.push((
            "zhongben_reviews",
            columns(&FINDINGS, chinese),
            findings.iter().map(finding_row).collect(),
        ));
    }
    Ok(tables)
}
