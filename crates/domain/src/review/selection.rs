//! Which cases a review plan takes.
//!
//! - **发改再 (the 重点 rule)**: a case of the data whose appeal was decided 改判 or 发回重审, whose
//!   retrial review was decided 提审 or 指令再审, or whose retrial was decided 改判 or 发回重审 — the
//!   deciding case closed in the plan's period and naming it as its original case (原审案号). Each
//!   is said with the deciding case and whether a higher court decided it or the court itself on
//!   retrial. Nobody picks them: the case chains do.
//! - **A routine sample (常规)**: a share of the cases closed in the period, drawn in proportion to
//!   each judge's closings (so also to each court's): each judge's quota by the largest remainder,
//!   and within a judge's cases the first by a draw key that depends only on the seed and the case
//!   number — so the same seed over the same cases gives the same sample, whatever order the cases
//!   come in, and anyone can replay it (the key is written out in docs/review.md).
//! - **Repeated petitions (重复信访)**: a case named by enough petitions, one in the period.
//! - **A class of cases (专项)**: the cases of some case types and cause closed in the period.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::{CaseNumber, CaseRecord, CourtCode, Stage};

/// How a higher instance decided about a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Decided {
    /// 改判 on appeal or retrial.
    Reversed,
    /// 发回重审 on appeal or retrial.
    Remanded,
    /// 提审 or 指令再审 on a retrial review.
    RetrialOrdered,
}

impl Decided {
    pub fn label_zh(self) -> &'static str {
        match self {
            Decided::Reversed => "改判",
            Decided::Remanded => "发回重审",
            Decided::RetrialOrdered => "指令再审",
        }
    }
}

/// A case the 发改再 rule takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyCase {
    pub case_no: CaseNumber,
    pub decided: Decided,
    /// The case that decided it.
    pub by: CaseNumber,
    pub decided_on: NaiveDate,
    /// Decided by a higher court (else by the case's own court, on retrial).
    pub by_higher_court: bool,
}

/// How a deciding case decided about its original case, if it is one that counts.
fn decided(record: &CaseRecord) -> Option<Decided> {
    let method = record.closing_method?.label_zh();
    match (record.case_no.stage()?, method) {
        (Stage::SecondInstance | Stage::Retrial, "改判") => Some(Decided::Reversed),
        (Stage::SecondInstance | Stage::Retrial, "发回重审") => Some(Decided::Remanded),
        (Stage::RetrialReview, "提审" | "指令再审") => Some(Decided::RetrialOrdered),
        _ => None,
    }
}

/// The cases of `records` reversed, remanded or sent for retrial by a case closed from `from` to
/// `to` (both counted), by case number; a case decided about twice in the period is said once,
/// for its first decision.
pub fn reversed_remanded_retried(
    records: &[CaseRecord],
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<KeyCase> {
    let held: HashMap<String, &CaseRecord> =
        records.iter().map(|r| (r.case_no.to_string(), r)).collect();
    let mut found: BTreeMap<String, KeyCase> = BTreeMap::new();
    for record in records {
        let (Some(how), Some(origin), Some(on)) =
            (decided(record), &record.origin_case_no, record.closed_on)
        else {
            continue;
        };
        if on < from || on > to {
            continue;
        }
        let Some(original) = held.get(&origin.to_string()) else {
            continue;
        };
        let key = original.case_no.to_string();
        let candidate = KeyCase {
            case_no: original.case_no.clone(),
            decided: how,
            by: record.case_no.clone(),
            decided_on: on,
            by_higher_court: record.court != original.court,
        };
        match found.get(&key) {
            Some(earlier)
                if (earlier.decided_on, earlier.by.to_string())
                    <= (on, record.case_no.to_string()) => {}
            _ => {
                found.insert(key, candidate);
            }
        }
    }
    found.into_values().collect()
}

/// The draw key of a case under `seed`: FNV-1a (64 bits) of the case number's UTF-8 text, XORed
/// with the seed, through one round of SplitMix64. Lower keys are drawn first.
pub fn draw_key(seed: u64, case_no: &str) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in case_no.as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    let mut z = (hash ^ seed).wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Who a case's closing counts for in a sample: its judge, else its court.
fn stratum(record: &CaseRecord) -> (CourtCode, String) {
    (record.court, record.judge_key().unwrap_or_default())
}

/// A routine sample: `per_mille` ‰ of the cases of `records` closed from `from` to `to` (rounded
/// to the nearest case), each judge's share in proportion to their closings (largest
/// remainder; ties to the judge with more closings, then by key), drawn by [`draw_key`] under
/// `seed`. By case number.
pub fn routine_sample(
    records: &[CaseRecord],
    from: NaiveDate,
    to: NaiveDate,
    per_mille: u32,
    seed: u64,
) -> Vec<CaseNumber> {
    let mut strata: BTreeMap<(CourtCode, String), Vec<&CaseRecord>> = BTreeMap::new();
    for record in records {
        if record.closed_on.is_some_and(|c| c >= from && c <= to) {
            strata.entry(stratum(record)).or_default().push(record);
        }
    }
    let closed: usize = strata.values().map(Vec::len).sum();
    let wanted = ((closed as u64 * u64::from(per_mille.min(1000)) + 500) / 1000) as usize;
    // Each stratum's exact share, its whole part, then the remaining cases to the largest
    // remainders.
    let mut quotas: Vec<((CourtCode, String), usize, u64)> = strata
        .iter()
        .map(|(key, cases)| {
            let exact = cases.len() as u64 * wanted as u64;
            let whole = if closed == 0 {
                0
            } else {
                exact / closed as u64
            };
            let remainder = if closed == 0 {
                0
            } else {
                exact % closed as u64
            };
            (key.clone(), whole as usize, remainder)
        })
        .collect();
    let given: usize = quotas.iter().map(|q| q.1).sum();
    let mut order: Vec<usize> = (0..quotas.len()).collect();
    order.sort_by(|&a, &b| {
        quotas[b]
            .2
            .cmp(&quotas[a].2)
            .then_with(|| strata[&quotas[b].0].len().cmp(&strata[&quotas[a].0].len()))
            .then_with(|| quotas[a].0.cmp(&quotas[b].0))
    });
    for &i in order.iter().take(wanted.saturating_sub(given)) {
        quotas[i].1 += 1;
    }
    let mut drawn: Vec<CaseNumber> = Vec::with_capacity(wanted);
    for (key, quota, _) in quotas {
        let mut cases = strata[&key].clone();
        cases.sort_by_key(|r| {
            let number = r.case_no.to_string();
            (draw_key(seed, &number), number)
        });
        drawn.extend(cases.into_iter().take(quota).map(|r| r.case_no.clone()));
    }
    drawn.sort_by_key(ToString::to_string);
    drawn
}

/// Cases with repeated petitions (重复信访, the first kind the review rules name for 重点 review): each case named by at
/// least `at_least` petitions received up to `to`, one of them from `from` on. `about` holds one
/// (case, day received) per petition and case it names. By case number.
pub fn repeatedly_petitioned(
    about: &[(CaseNumber, NaiveDate)],
    from: NaiveDate,
    to: NaiveDate,
    at_least: usize,
) -> Vec<CaseNumber> {
    let mut by_case: BTreeMap<String, (CaseNumber, usize, bool)> = BTreeMap::new();
    for (case_no, received) in about.iter().filter(|(_, day)| *day <= to) {
        let entry = by_case
            .entry(case_no.to_string())
            .or_insert_with(|| (case_no.clone(), 0, false));
        entry.1 += 1;
        entry.2 |= *received >= from;
    }
    by_case
        .into_values()
        .filter(|(_, count, recent)| *recent && *count >= at_least.max(1))
        .map(|(case_no, _, _)| case_no)
        .collect()
}

/// The class of cases a 专项 plan takes: its case types (民初, 执 …; any when empty) and the
/// words its cause (案由) must contain (any when `None`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Class {
    pub types: Vec<String>,
    pub cause: Option<String>,
}

impl Class {
    /// Whether `record` is of the class.
    pub fn takes(&self, record: &CaseRecord) -> bool {
        let type_ok = self.types.is_empty()
            || record
                .case_no
                .case_type()
                .is_some_and(|t| self.types.iter().any(|wanted| wanted == t.code));
        let cause_ok = self.cause.as_deref().is_none_or(|words| {
            record
                .cause
                .as_deref()
                .is_some_and(|cause| cause.contains(words))
        });
        type_ok && cause_ok
    }

    /// Why the class cannot be kept, if it cannot, with the field at fault: case types that
    /// exist (at most 50), and a cause of one line of at most 50 characters without the `;` and
    /// `=` its written form is built with.
    pub fn problem(&self) -> Option<(&'static str, crate::Text)> {
        if self.types.len() > 50 {
            return Some((
                "types",
                crate::Text::new("案件类型最多50个", "at most 50 case types"),
            ));
        }
        if let Some(unknown) = self
            .types
            .iter()
            .find(|t| crate::CaseType::lookup(t.trim()).is_none())
        {
            return Some((
                "types",
                crate::Text::new(
                    format!("没有类型代字“{unknown}”"),
                    format!("there is no case type “{unknown}”"),
                ),
            ));
        }
        if self.cause.as_deref().is_some_and(|c| {
            c.chars().count() > 50 || c.contains([';', '=']) || c.chars().any(char::is_control)
        }) {
            return Some((
                "cause",
                crate::Text::new(
                    "案由须为一行，不超过50字，不含“;”“=”",
                    "the cause is one line of at most 50 characters without “;” or “=”",
                ),
            ));
        }
        None
    }

    /// As a plan keeps it: `types=民初,民终;cause=买卖合同` (the parts it has).
    pub fn written(&self) -> String {
        let mut parts = Vec::new();
        if !self.types.is_empty() {
            parts.push(format!("types={}", self.types.join(",")));
        }
        if let Some(cause) = &self.cause {
            parts.push(format!("cause={cause}"));
        }
        parts.join(";")
    }

    /// As [`Class::written`] wrote it.
    pub fn read(text: &str) -> Class {
        let mut class = Class::default();
        for part in text.split(';') {
            match part.split_once('=') {
                Some(("types", list)) => {
                    class.types = list
                        .split(',')
                        .map(str::trim)
                        .filter(|t| !t.is_empty())
                        .map(String::from)
                        .collect();
                }
                Some(("cause", cause)) if !cause.trim().is_empty() => {
                    class.cause = Some(cause.trim().to_string());
                }
                _ => {}
            }
        }
        class
    }
}

#[cfg(test)]
mod tests;
