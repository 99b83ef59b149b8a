//! The allocations an export writes in a folder of their own (`allocation/`): each allocated
//! case's track, pool, judge and how the judge came to it, and the log of every decision with
//! each entry's hash and the hash before it — so that the chain can be checked outside shenguan
//! with any SHA-256 tool (docs/allocation.md). Only when the store has allocations.

use shenguan_domain::allocation::chain::Entry;
use shenguan_domain::{CaseNumber, CourtScope};
use shenguan_ingest::table::{Column, ColumnKind};
use shenguan_store::AllocationRow;

use super::FileTable;
use crate::{AppError, Store};

const ALLOCATION_COLUMNS: [(&str, &str, ColumnKind); 14] = [
    ("案号", "case_no", ColumnKind::Text),
    ("法院代字", "court_code", ColumnKind::Text),
    ("轨道", "track", ColumnKind::Text),
    ("审判团队", "pool", ColumnKind::Text),
    ("分流规则", "rule", ColumnKind::Text),
    ("规则版本", "version", ColumnKind::Text),
    ("承办法官工号", "judge", ColumnKind::Text),
    ("分案方式", "how", ColumnKind::Text),
    ("随机种子", "seed", ColumnKind::Text),
    ("理由", "reason", ColumnKind::Text),
    ("审批人", "approver", ColumnKind::Text),
    ("案件权重", "weight", ColumnKind::Text),
    ("分案事实", "facts", ColumnKind::Text),
    ("分案时间", "at", ColumnKind::Text),
];

const LOG_COLUMNS: [(&str, &str, ColumnKind); 7] = [
    ("序号", "seq", ColumnKind::Integer),
    ("时间", "at", ColumnKind::Text),
    ("类别", "kind", ColumnKind::Text),
    ("案号", "case_no", ColumnKind::Text),
    ("内容", "detail", ColumnKind::Text),
    ("前一条哈希", "prev", ColumnKind::Text),
    ("哈希", "hash", ColumnKind::Text),
];

fn header<const N: usize>(
    columns: &'static [(&'static str, &'static str, ColumnKind); N],
    chinese: bool,
) -> Vec<Column<'static>> {
    columns
        .iter()
        .map(|(zh, en, kind)| Column {
            name: if chinese { zh } else { en },
            kind: *kind,
        })
        .collect()
}

fn allocation_row(r: &AllocationRow) -> Vec<String> {
    vec![
        r.case_no.clone(),
        r.court.clone(),
        r.track.clone(),
        r.pool.clone(),
        r.rule.clone(),
        r.version.clone(),
        r.judge.clone().unwrap_or_default(),
        r.how.clone(),
        // The seed's 64 bits as the draw read them (kept signed in the store).
        r.seed
            .map(|s| u64::from_ne_bytes(s.to_ne_bytes()).to_string())
            .unwrap_or_default(),
        r.reason.clone().unwrap_or_default(),
        r.approver.clone().unwrap_or_default(),
        // Hundredths of a case weight, as a decimal.
        format!("{}.{:02}", r.weight / 100, r.weight % 100),
        r.facts.clone(),
        r.at.clone(),
    ]
}

fn log_row(e: &Entry) -> Vec<String> {
    vec![
        e.seq.to_string(),
        e.at.clone(),
        e.kind.clone(),
        e.case_no.clone(),
        e.detail.clone(),
        e.prev.clone(),
        e.hash.clone(),
    ]
}

/// Whether `case_no` is a case of the courts `court` selects (every case without one).
fn selected(court: Option<CourtScope>, case_no: &str) -> bool {
    court.is_none_or(|scope| {
        CaseNumber::parse(case_no, i32::MAX)
            .ok()
            .and_then(|n| n.court())
            .is_some_and(|c| scope.covers(c))
    })
}

/// The allocation files of the courts `court` selects: the allocations and the log entries of
/// their cases (the whole log without a court: only then does every entry's `prev` name the
/// entry before it in the file).
pub(super) fn tables(
    store: &mut Store,
    court: Option<CourtScope>,
    chinese: bool,
) -> Result<Vec<FileTable>, AppError> {
    let rows: Vec<Vec<String>> = store
        .inner
        .allocations()?
        .iter()
        .filter(|r| selected(court, &r.case_no))
        .map(allocation_row)
        .collect();
    let log: Vec<Vec<String>> = store
        .inner
        .allocation_log()?
        .iter()
        .filter(|e| selected(court, &e.case_no))
        .map(log_row)
        .collect();
    if rows.is_empty() && log.is_empty() {
        return Ok(Vec::new());
    }
    Ok(vec![
        ("allocations", header(&ALLOCATION_COLUMNS, chinese), rows),
        ("allocation_log", header(&LOG_COLUMNS, chinese), log),
    ])
}
