//! What the allocations of a period say, for the office's audit: each judge's cases received,
//! closed and pending with their weighted caseload and 结案均衡度, the tracks' shares and the share
//! going to the speedy teams (the "二八" check: the simple mass to a few), designations with their
//! reasons and their rate by court and pool and by month, changes of judge, and litigants or
//! lawyers whose drawn cases keep going to the same judge beyond chance (docs/allocation.md).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use shenguan_domain::allocation::chain::{as_logged, field};
use shenguan_domain::allocation::pairing::{Drawn, Pairing, pairings};
use shenguan_domain::{CaseNumber, CourtScope, text};
use shenguan_metrics::closing_balance;
use shenguan_store::{AllocationRow, CaseQuery};

use crate::accounts::{Role, User};
use crate::{App, AppError, Store};

/// One judge's allocations.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct JudgeLoad {
    pub judge: String,
    pub pool: String,
    /// Allocated to them in the period (received).
    pub allocated: u32,
    /// Their allocated cases closed in the period.
    pub closed: u32,
    /// Weighted caseload pending now, in hundredths, and the cases in it.
    pub pending_load: i64,
    pub pending: i64,
    /// 结案均衡度 of their closings over the period's months.
    pub balance: Option<f64>,
}

/// Designations among a pool's allocations of the period.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DesignationRate {
    pub court: String,
    pub pool: String,
    pub allocated: u32,
    pub designated: u32,
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
    /// Designations by court and pool, and by month ("2026-03": allocated, designated).
    pub designation_rates: Vec<DesignationRate>,
    pub designation_months: BTreeMap<String, (u32, u32)>,
    /// Changes of judge, each (case, reason, approver).
    pub changes: Vec<(String, String, String)>,
    /// Cases allocated without a judge (no one of the pool could take them).
    pub unassigned: u32,
    /// The share of the period's cases on the 速裁 track, and of the judges taking them, percent.
    pub speedy_cases: f64,
    pub speedy_judges: f64,
    /// Litigants (by identity key, else name) and lawyers whose drawn cases of the period went to
    /// one judge beyond chance.
    pub pairings: Vec<Pairing>,
}

/// The longest period the report reads, in days (ten years).
const PERIOD_DAYS_MAX: i64 = 3_660;

/// Whether `user` reads the allocations of `case_no`'s court: their court and those below it.
fn covers(user: &User, case_no: &str) -> bool {
    let court = CaseNumber::parse(case_no, i32::MAX)
        .ok()
        .and_then(|n| n.court());
    match (user.court, court) {
        (None, _) => true,
        (Some(own), Some(court)) => CourtScope::with_lower(own).covers(court),
        (Some(_), None) => false,
    }
}

/// The months `from..=to` touches, as "YYYY-MM".
fn months(from: NaiveDate, to: NaiveDate) -> Vec<String> {
    let (mut y, mut m) = (from.year(), from.month());
    let mut out = Vec::new();
    while (y, m) <= (to.year(), to.month()) {
        out.push(format!("{y:04}-{m:02}"));
        (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
    }
    out
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
        if from > to || (to - from).num_days() > PERIOD_DAYS_MAX {
            return Err(AppError::invalid_for(
                "from",
                &text!(
                    "期间起日须不晚于止日，且不超过十年",
                    "the period starts on or before its end, within ten years"
                ),
            ));
        }
        let rows: Vec<AllocationRow> = store
            .inner
            .allocations_between(from, to)?
            .into_iter()
            .filter(|row| covers(user, &row.case_no))
            .collect();
        let mut w = Workload {
            allocated: u32::try_from(rows.len()).unwrap_or(u32::MAX),
            ..Workload::default()
        };
        let mut judges: BTreeMap<String, JudgeLoad> = BTreeMap::new();
        let mut speedy_judges: BTreeSet<String> = BTreeSet::new();
        let mut pools: BTreeMap<(String, String), DesignationRate> = BTreeMap::new();
        let pool_of: BTreeMap<&str, (&str, &str)> = rows
            .iter()
            .map(|r| (r.case_no.as_str(), (r.court.as_str(), r.pool.as_str())))
            .collect();
        for row in &rows {
            *w.tracks.entry(row.track.clone()).or_default() += 1;
            let rate = pools
                .entry((row.court.clone(), row.pool.clone()))
                .or_insert_with(|| DesignationRate {
                    court: row.court.clone(),
                    pool: row.pool.clone(),
                    ..DesignationRate::default()
                });
            rate.allocated += 1;
            w.designation_months
                .entry(row.at.get(..7).unwrap_or_default().to_string())
                .or_default()
                .0 += 1;
            match &row.judge {
                Some(judge) => {
                    let entry = judges.entry(judge.clone()).or_insert_with(|| JudgeLoad {
                        judge: judge.clone(),
                        pool: row.pool.clone(),
                        ..JudgeLoad::default()
                    });
                    entry.allocated += 1;
                    if row.track == "speedy" {
                        speedy_judges.insert(judge.clone());
                    }
                }
                None => w.unassigned += 1,
            }
        }
        // Designations and changes as the log has them (a case's row holds only its latest).
        let (first, last) = (from.to_string(), to.to_string());
        let log = store.inner.allocation_log()?;
        let designated: BTreeSet<String> = as_logged(&log)
            .into_iter()
            .filter(|(_, l)| l.designated)
            .map(|(case_no, _)| case_no)
            .collect();
        for entry in log {
            let day = entry.at.get(..10).unwrap_or_default();
            if day < first.as_str() || day > last.as_str() || !covers(user, &entry.case_no) {
                continue;
            }
            match entry.kind.as_str() {
                "designate" => {
                    *w.designations
                        .entry(
                            field(&entry.detail, "reason")
                                .unwrap_or_default()
                                .to_string(),
                        )
                        .or_default() += 1;
                    if let Some((court, pool)) = pool_of.get(entry.case_no.as_str())
                        && let Some(rate) = pools.get_mut(&(court.to_string(), pool.to_string()))
                    {
                        rate.designated += 1;
                    }
                    if let Some(month) = w.designation_months.get_mut(day.get(..7).unwrap_or(day)) {
                        month.1 += 1;
                    }
                }
                "change" => w.changes.push((
                    entry.case_no.clone(),
                    field(&entry.detail, "reason")
                        .unwrap_or_default()
                        .to_string(),
                    field(&entry.detail, "approver")
                        .unwrap_or_default()
                        .to_string(),
                )),
                _ => {}
            }
        }
        w.designation_rates = pools.into_values().collect();
        // Each judge's allocated cases closed in the period (by month) and pending now.
        let slots = months(from, to);
        let mut closings: BTreeMap<String, BTreeMap<String, i64>> = BTreeMap::new();
        for (row, closed_on) in store.inner.allocations_with_closing()? {
            let Some(judge) = row.judge.clone() else {
                continue;
            };
            if !covers(user, &row.case_no) {
                continue;
            }
            let entry = judges.entry(judge.clone()).or_insert_with(|| JudgeLoad {
                judge: judge.clone(),
                pool: row.pool.clone(),
                ..JudgeLoad::default()
            });
            match closed_on {
                None => {
                    entry.pending += 1;
                    entry.pending_load += row.weight;
                }
                Some(day) if day >= from && day <= to => {
                    entry.closed += 1;
                    *closings
                        .entry(judge)
                        .or_default()
                        .entry(format!("{:04}-{:02}", day.year(), day.month()))
                        .or_default() += 1;
                }
                Some(_) => {}
            }
        }
        for (judge, load) in &mut judges {
            let by_month = closings.get(judge);
            let counts: Vec<i64> = slots
                .iter()
                .map(|m| by_month.and_then(|b| b.get(m)).copied().unwrap_or(0))
                .collect();
            load.balance = closing_balance(&counts);
        }
        judges.retain(|_, j| j.allocated > 0 || j.closed > 0 || j.pending > 0);
        if !rows.is_empty() {
            let speedy = w.tracks.get("speedy").copied().unwrap_or(0);
            w.speedy_cases = f64::from(speedy) * 100.0 / rows.len() as f64;
        }
        let taking = judges.values().filter(|j| j.allocated > 0).count();
        if taking > 0 {
            w.speedy_judges = speedy_judges.len() as f64 * 100.0 / taking as f64;
        }
        w.judges = judges.into_values().collect();
        w.pairings = self.pairings_of(store, user, &rows, &designated, (from, to))?;
        Ok(w)
    }

    /// The litigants and lawyers of the period's drawn cases (never designated: a designation is
    /// chosen, and counted above) whose cases of one pool went to one judge beyond chance.
    fn pairings_of(
        &self,
        store: &mut Store,
        user: &User,
        rows: &[AllocationRow],
        designated: &BTreeSet<String>,
        (from, to): (NaiveDate, NaiveDate),
    ) -> Result<Vec<Pairing>, AppError> {
        let drawn: BTreeMap<&str, &AllocationRow> = rows
            .iter()
            .filter(|r| r.judge.is_some() && !designated.contains(&r.case_no))
            .map(|r| (r.case_no.as_str(), r))
            .collect();
        if drawn.is_empty() {
            return Ok(Vec::new());
        }
        // A pool's judges: those who took its cases in the period.
        let mut members: BTreeMap<(String, String), BTreeSet<&str>> = BTreeMap::new();
        for row in rows {
            if let Some(judge) = &row.judge {
                members
                    .entry((row.court.clone(), row.pool.clone()))
                    .or_default()
                    .insert(judge);
            }
        }
        let sizes: BTreeMap<(String, String), u32> = members
            .into_iter()
            .map(|(k, v)| (k, u32::try_from(v.len()).unwrap_or(u32::MAX)))
            .collect();
        // The parties of the cases filed from a year before the period (an allocation follows
        // its filing within days; a year is a wide margin).
        let query = CaseQuery {
            court: user.court.map(CourtScope::with_lower),
            from: from.checked_sub_days(chrono::Days::new(366)),
            to: Some(to),
        };
        let mut cases: Vec<Drawn> = Vec::new();
        // A litigant is known by their identity key where the data has one (the name they were
        // first seen under shown beside it), else by their name.
        let mut shown: BTreeMap<String, String> = BTreeMap::new();
        for case in store.inner.parties_of(&query)? {
            let case_no = case.case_no.to_string();
            let Some(row) = drawn.get(case_no.as_str()) else {
                continue;
            };
            let mut seen: BTreeSet<String> = BTreeSet::new();
            for party in &case.parties {
                let who = match &party.identity {
                    Some(key) => {
                        let key = key.to_string();
                        shown
                            .entry(key.clone())
                            .or_insert_with(|| format!("{}（{key}）", party.name.trim()));
                        key
                    }
                    None => party.name.trim().to_string(),
                };
                let lawyer = party
                    .agent
                    .as_deref()
                    .map(|a| format!("{}（代理人）", a.trim()));
                for who in std::iter::once(who).chain(lawyer) {
                    if !who.is_empty() && seen.insert(who.clone()) {
                        cases.push(Drawn {
                            who,
                            case_no: case_no.clone(),
                            pool: (row.court.clone(), row.pool.clone()),
                            judge: row.judge.clone().unwrap_or_default(),
                        });
                    }
                }
            }
        }
        let config = self.config();
        let mut found = pairings(&cases, &sizes, config.pairing_least, config.pairing_chance);
        for pairing in &mut found {
            if let Some(name) = shown.get(&pairing.who) {
                pairing.who = name.clone();
            }
        }
        Ok(found)
    }
}

#[cfg(test)]
mod tests;
