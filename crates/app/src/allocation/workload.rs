//! What the allocations of a period say, for the office's audit: each judge's cases allocated and
//! weighted caseload pending, the tracks' shares and the share going to the speedy teams (the
//! "二八" check: the simple mass to a few), designations with their reasons, and changes of judge
//! (docs/allocation.md).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use shenguan_domain::{CaseNumber, CourtScope, text};
use shenguan_store::AllocationRow;

use crate::accounts::{Role, User};
use crate::{App, AppError, Store};

/// One judge's allocations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct JudgeLoad {
    pub judge: String,
    pub pool: String,
    /// Allocated to them in the period.
    pub allocated: u32,
    /// Weighted caseload pending now, in hundredths, and the cases in it.
    pub pending_load: i64,
    pub pending: i64,
}

/// The period's allocations, summed.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Workload {
    pub allocated: u32,
    /// Per track (its key): cases allocated.
    pub tracks: BTreeMap<String, u32>,
    pub judges: Vec<JudgeLoad>,
    /// Designations by reason.
    pub designations: BTreeMap<String, u32>,
    /// Changes of judge, each (case, reason, approver).
    pub changes: Vec<(String, String, String)>,
    /// Cases allocated without a judge (no one of the pool could take them).
    pub unassigned: u32,
    /// The share of the period's cases on the 速裁 track, and of the judges taking them, percent.
    pub speedy_cases: f64,
    pub speedy_judges: f64,
}

/// The value of `key` in a log entry's detail (`judge=…;reason=…;approver=…`).
fn field(detail: &str, key: &str) -> String {
    detail
        .split(';')
        .find_map(|part| part.strip_prefix(key)?.strip_prefix('='))
        .unwrap_or_default()
        .to_string()
}

impl App {
    /// The allocations of `from..=to` within `user`'s courts. The office, leaders, administrators.
    pub fn workload(
        &self,
        store: &mut Store,
        user: &User,
        (from, to): (NaiveDate, NaiveDate),
    ) -> Result<Workload, AppError> {
        if !matches!(user.role, Role::Office | Role::Leader | Role::Admin) {
            return Err(AppError::Forbidden(text!(
                "分案情况由审管办、院领导和系统管理员查看",
                "the office, leaders and administrators read the allocations"
            )));
        }
        let covers = |row: &AllocationRow| {
            let court = CaseNumber::parse(&row.case_no, i32::MAX)
                .ok()
                .and_then(|n| n.court());
            match (user.court, court) {
                (None, _) => true,
                (Some(own), Some(court)) => CourtScope::with_lower(own).covers(court),
                (Some(_), None) => false,
            }
        };
        let rows: Vec<AllocationRow> = store
            .inner
            .allocations_between(from, to)?
            .into_iter()
            .filter(covers)
            .collect();
        let mut w = Workload {
            allocated: u32::try_from(rows.len()).unwrap_or(u32::MAX),
            ..Workload::default()
        };
        let mut judges: BTreeMap<String, JudgeLoad> = BTreeMap::new();
        let mut speedy_judges: BTreeMap<String, ()> = BTreeMap::new();
        let mut courts: BTreeMap<String, ()> = BTreeMap::new();
        for row in &rows {
            *w.tracks.entry(row.track.clone()).or_default() += 1;
            courts.insert(row.court.clone(), ());
            match &row.judge {
                Some(judge) => {
                    let entry = judges.entry(judge.clone()).or_insert_with(|| JudgeLoad {
                        judge: judge.clone(),
                        pool: row.pool.clone(),
                        ..JudgeLoad::default()
                    });
                    entry.allocated += 1;
                    if row.track == "speedy" {
                        speedy_judges.insert(judge.clone(), ());
                    }
                }
                None => w.unassigned += 1,
            }
        }
        // Designations and changes as the log has them (a case's row holds only its latest).
        let (first, last) = (from.to_string(), to.to_string());
        for entry in store.inner.allocation_log()? {
            let day = entry.at.get(..10).unwrap_or_default();
            let case_covered = CaseNumber::parse(&entry.case_no, i32::MAX)
                .ok()
                .and_then(|n| n.court())
                .is_some_and(|court| {
                    user.court
                        .is_none_or(|own| CourtScope::with_lower(own).covers(court))
                });
            if day < first.as_str() || day > last.as_str() || !case_covered {
                continue;
            }
            match entry.kind.as_str() {
                "designate" => {
                    *w.designations
                        .entry(field(&entry.detail, "reason"))
                        .or_default() += 1;
                }
                "change" => w.changes.push((
                    entry.case_no.clone(),
                    field(&entry.detail, "reason"),
                    field(&entry.detail, "approver"),
                )),
                _ => {}
            }
        }
        for court in courts.keys() {
            for (judge, load, n) in store.inner.allocation_loads(court)? {
                if let Some(entry) = judges.get_mut(&judge) {
                    entry.pending_load = load;
                    entry.pending = n;
                }
            }
        }
        if !rows.is_empty() {
            let speedy = w.tracks.get("speedy").copied().unwrap_or(0);
            w.speedy_cases = f64::from(speedy) * 100.0 / rows.len() as f64;
        }
        if !judges.is_empty() {
            w.speedy_judges = speedy_judges.len() as f64 * 100.0 / judges.len() as f64;
        }
        w.judges = judges.into_values().collect();
        Ok(w)
    }
}
