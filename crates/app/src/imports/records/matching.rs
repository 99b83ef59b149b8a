//! Each record read matched with the one the store holds of it, by what it is (never by the
//! number one store gave it): what is new is added, what has gone further is taken further, what
//! the store has as the file has it (or further along) is left, and what went differently in each
//! is an error on its row.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use shenguan_domain::text;
use shenguan_ingest::validate::Located;
use shenguan_store::{
    ItemUpdate, LimitRequestRow, StoredRecords, SupervisionRow, SupervisionStep, ZhongbenFinding,
};
use shenguan_supervision::limit_request::State as RequestState;

use super::history::FullItem;
use super::{Checked, Errors};
use crate::record_files::RecordFile;

/// The same step, taken by the same person at the same moment with the same words.
fn same_step(a: &SupervisionStep, b: &SupervisionStep) -> bool {
    // Their numbers aside: each store numbers its own items, and both count steps from 1.
    let bare = |s: &SupervisionStep| SupervisionStep {
        item_id: 0,
        seq: 0,
        ..s.clone()
    };
    bare(a) == bare(b)
}

/// The same standing of an item, its number aside.
fn same_item(a: &SupervisionRow, b: &SupervisionRow) -> bool {
    SupervisionRow { id: 0, ..a.clone() } == SupervisionRow { id: 0, ..b.clone() }
}

/// Matches each item with the stored one of the same case, opener and opening moment.
pub(super) fn match_items(
    items: Vec<FullItem>,
    stored: &StoredRecords,
    checked: &mut Checked,
    errors: &mut Errors<'_>,
) {
    let key = |item: &SupervisionRow, steps: &[SupervisionStep]| {
        (
            item.case_no.clone(),
            item.opened_by.clone(),
            steps.first().map(|s| s.at.clone()).unwrap_or_default(),
        )
    };
    // Items alike in all three (the same case supervised twice at once) pair in order: the
    // first in the file with the first stored, and so on.
    let mut stored_by_key: HashMap<_, Vec<_>> = HashMap::new();
    for (item, steps) in &stored.items {
        stored_by_key
            .entry(key(item, steps))
            .or_default()
            .push((item, steps));
    }
    for list in stored_by_key.values_mut() {
        list.sort_by_key(|(item, _)| std::cmp::Reverse(item.id));
    }
    for located in items {
        let (item, steps) = &located.record;
        let paired = stored_by_key.get_mut(&key(item, steps)).and_then(Vec::pop);
        let Some((old, old_steps)) = paired else {
            checked.write.new_items.push(located.record);
            checked.counts.items.added += 1;
            continue;
        };
        let shared = steps.len().min(old_steps.len());
        let agree = steps[..shared]
            .iter()
            .zip(&old_steps[..shared])
            .all(|(a, b)| same_step(a, b));
        let diverged = !agree || (steps.len() == old_steps.len() && !same_item(item, old));
        if diverged {
            let value = item.state.clone();
            errors.on(
                &located,
                RecordFile::Items,
                "state",
                &value,
                text!(
                    "本库中的同一督办事项（编号{id}）办理经过与文件不同，不能合并",
                    "the store's record of the same item (#{id}) went differently: they cannot be merged",
                    id = old.id
                ),
            );
            continue;
        }
        if steps.len() > old_steps.len() {
            checked.write.item_updates.push(ItemUpdate {
                item: SupervisionRow {
                    id: old.id,
                    ..item.clone()
                },
                steps_stored: old_steps.len() as i64,
                new_steps: steps[old_steps.len()..].to_vec(),
            });
            checked.counts.items.updated += 1;
        } else {
            checked.counts.items.unchanged += 1;
        }
    }
}

/// What identifies an application: its case, kind, change, reason, applicant and day.
type RequestKey = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<NaiveDate>,
    Option<NaiveDate>,
    String,
    String,
    NaiveDate,
);

fn request_key(r: &LimitRequestRow) -> RequestKey {
    (
        r.case_no.clone(),
        r.kind.clone(),
        r.length.clone(),
        r.ground.clone(),
        r.from_on,
        r.to_on,
        r.reason.clone(),
        r.asked_by.clone(),
        r.asked_on,
    )
}

/// The application as made, before any decision: what must agree for two records to be one.
fn same_application(a: &LimitRequestRow, b: &LimitRequestRow) -> bool {
    a.court_code == b.court_code
        && a.division == b.division
        && a.deadline_then == b.deadline_then
        && a.late == b.late
        && a.approver == b.approver
}

fn same_decision(a: &LimitRequestRow, b: &LimitRequestRow) -> bool {
    a.state == b.state
        && a.decided_by == b.decided_by
        && a.decided_on == b.decided_on
        && a.decided_late == b.decided_late
        && a.note == b.note
}

/// Matches each application with the stored one it is; a decision the store does not have yet
/// is added to it.
pub(super) fn match_requests(
    requests: Vec<Located<LimitRequestRow>>,
    stored: &StoredRecords,
    checked: &mut Checked,
    errors: &mut Errors<'_>,
) {
    let pending = RequestState::Pending.key();
    // Applications alike in all of it (one refused and made again the same day) pair in order.
    let mut stored_by_key: HashMap<RequestKey, Vec<&LimitRequestRow>> = HashMap::new();
    for request in &stored.requests {
        stored_by_key
            .entry(request_key(request))
            .or_default()
            .push(request);
    }
    for list in stored_by_key.values_mut() {
        list.sort_by_key(|r| std::cmp::Reverse(r.id));
    }
    // Cases with an application awaiting a decision once the import is written.
    let mut waiting: HashMap<String, RequestKey> = stored
        .requests
        .iter()
        .filter(|r| r.state == pending)
        .map(|r| (r.case_no.clone(), request_key(r)))
        .collect();
    // Each row with the stored application it is, if any; those first, so that a decision the
    // import brings frees its case for a new application the import brings too.
    let mut paired: Vec<(Located<LimitRequestRow>, Option<&LimitRequestRow>)> = requests
        .into_iter()
        .map(|located| {
            let old = stored_by_key
                .get_mut(&request_key(&located.record))
                .and_then(Vec::pop);
            (located, old)
        })
        .collect();
    paired.sort_by_key(|(_, old)| old.is_none());
    for (located, old) in paired {
        let row = &located.record;
        let value = row.case_no.clone();
        match old {
            None => {
                if row.state == pending {
                    if waiting.contains_key(&row.case_no) {
                        errors.on(
                            &located,
                            RecordFile::Requests,
                            "state",
                            &row.state,
                            text!(
                                "该案已有一件待审批的申请，一案同时只能有一件",
                                "the case has an application awaiting a decision already: one at a time"
                            ),
                        );
                        continue;
                    }
                    waiting.insert(row.case_no.clone(), request_key(row));
                }
                checked.write.new_requests.push(located.record);
                checked.counts.requests.added += 1;
            }
            Some(old) if !same_application(row, old) => {
                errors.on(
                    &located,
                    RecordFile::Requests,
                    "case_no",
                    &value,
                    text!(
                        "本库中的同一申请（编号{id}）内容与文件不同，不能合并",
                        "the store's record of the same application (#{id}) differs: they cannot be merged",
                        id = old.id
                    ),
                );
            }
            Some(old) if same_decision(row, old) || row.state == pending => {
                // As stored, or decided in the store since the file was written.
                checked.counts.requests.unchanged += 1;
            }
            Some(old) if old.state == pending => {
                waiting.remove(&row.case_no);
                checked.write.decisions.push(LimitRequestRow {
                    id: old.id,
                    ..located.record
                });
                checked.counts.requests.updated += 1;
            }
            Some(old) => {
                errors.on(
                    &located,
                    RecordFile::Requests,
                    "state",
                    &row.state,
                    text!(
                        "本库中的同一申请（编号{id}）审批结果与文件不同，不能合并",
                        "the store's record of the same application (#{id}) was decided differently: they cannot be merged",
                        id = old.id
                    ),
                );
            }
        }
    }
}

/// Matches each review with the case's stored one: the later finding stands.
pub(super) fn match_findings(
    findings: Vec<Located<ZhongbenFinding>>,
    stored: &StoredRecords,
    checked: &mut Checked,
    errors: &mut Errors<'_>,
) {
    let stored_by_case: HashMap<&str, &ZhongbenFinding> = stored
        .findings
        .iter()
        .map(|f| (f.case_no.as_str(), f))
        .collect();
    let mut seen = HashSet::new();
    for located in findings {
        let finding = &located.record;
        let value = finding.case_no.clone();
        if !seen.insert(finding.case_no.clone()) {
            errors.on(
                &located,
                RecordFile::Findings,
                "case_no",
                &value,
                text!(
                    "同一案件在前面已有评查结论（每案一条，以最近的为准）",
                    "the case has a finding above already (one per case, the latest)"
                ),
            );
            continue;
        }
        match stored_by_case.get(finding.case_no.as_str()) {
            None => {
                checked.write.findings.push(located.record);
                checked.counts.reviews.added += 1;
            }
            Some(old) if *old == finding || old.found_at > finding.found_at => {
                checked.counts.reviews.unchanged += 1;
            }
            Some(old) if old.found_at == finding.found_at => {
                errors.on(
                    &located,
                    RecordFile::Findings,
                    "found_at",
                    &finding.found_at,
                    text!(
                        "本库中同一时间的评查结论与文件不同，不能合并",
                        "the store has a different finding recorded at the same moment: they cannot be merged"
                    ),
                );
            }
            Some(_) => {
                checked.write.findings.push(located.record);
                checked.counts.reviews.updated += 1;
            }
        }
    }
}
