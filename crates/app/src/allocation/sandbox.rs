//! The sandbox over the store: a period's first-instance filings of the reader's courts, each
//! with the track it went down (read from the procedure it was heard under) and the track a
//! proposed rule set gives it from what the case data holds of its facts, replayed under several
//! seeds (docs/allocation.md).
//!
//! Readings: 小额诉讼 and 速裁 procedure are the 速裁 track, 简易 the 简案 track, 普通 the 普通 track
//! (the data says nothing of 繁案, which no case went down); a case without a procedure is left
//! out. The facts the data holds are the case type, the cause and the amount claimed; a rule
//! asking for more (parties beyond two, announcement, a foreign element, series cases, the criminal
//! conditions) reads them as unknown — two parties, none of the rest — which the report says. A
//! track's limit: 速裁 60 days (small claims' two months), 简案 90, 普通 and 繁案 180.

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use shenguan_domain::allocation::diversion::{Facts, RuleSet, Track};
use shenguan_domain::allocation::sandbox::{Comparison, Filed, compare};
use shenguan_domain::{Procedure, Stage, text};

use crate::accounts::{Role, User};
use crate::{App, AppError, Store};

/// The most seeds one run replays.
const SEEDS_MAX: usize = 50;

/// The track a case went down, from its procedure.
fn track_of(procedure: Option<Procedure>) -> Option<Track> {
    match procedure? {
        Procedure::SmallClaims | Procedure::Speedy => Some(Track::Speedy),
        Procedure::Simple => Some(Track::Simple),
        Procedure::Ordinary => Some(Track::Ordinary),
        _ => None,
    }
}

/// Each track's limit in days, as the sandbox reads within-limit.
pub fn track_limits() -> BTreeMap<Track, u32> {
    [
        (Track::Speedy, 60),
        (Track::Simple, 90),
        (Track::Ordinary, 180),
        (Track::Complex, 180),
    ]
    .into()
}

impl App {
    /// The first-instance filings of `from..=to` within `user`'s courts replayed under `rules`
    /// with `seeds` seeds (1 to 50), beside what happened. The office, leaders and administrators.
    pub fn sandbox(
        &self,
        store: &mut Store,
        user: &User,
        rules: &RuleSet,
        (from, to): (NaiveDate, NaiveDate),
        seeds: usize,
    ) -> Result<Comparison, AppError> {
        if !matches!(user.role, Role::Office | Role::Leader | Role::Admin) {
            return Err(AppError::Forbidden(text!(
                "分案规则沙盘由审管办、院领导和系统管理员使用",
                "the office, leaders and administrators try rules in the sandbox"
            )));
        }
        if from > to {
            return Err(AppError::invalid_for(
                "from",
                &text!("起始日期晚于截止日期", "the period starts after it ends"),
            ));
        }
        if !(1..=SEEDS_MAX).contains(&seeds) {
            return Err(AppError::invalid_for(
                "seeds",
                &text!("种子数须为1至{SEEDS_MAX}", "1 to {SEEDS_MAX} seeds"),
            ));
        }
        // The track and facts kept with each allocation: the track the case went down, and what
        // the filing division knew, read by the replay in place of what the case data holds.
        let kept: HashMap<String, (Track, Facts)> = store
            .inner
            .allocation_facts()?
            .into_iter()
            .filter_map(|(case_no, track, written)| {
                Some((case_no, (Track::parse(&track)?, Facts::read(&written)?)))
            })
            .collect();
        let mut filed: Vec<Filed> = Vec::new();
        store.inner.each_case(&mut |record| {
            if record.filed_on < from
                || record.filed_on > to
                || record.case_no.stage() != Some(Stage::FirstInstance)
                || !user.may_see(&record)
            {
                return Ok(());
            }
            let case_no = record.case_no.to_string();
            let kept = kept.get(&case_no);
            let Some(actual) = kept.map(|(t, _)| *t).or_else(|| track_of(record.procedure)) else {
                return Ok(());
            };
            let facts = kept.map(|(_, f)| f.clone()).unwrap_or_else(|| Facts {
                case_type: record
                    .case_no
                    .case_type()
                    .map(|t| t.code.to_string())
                    .unwrap_or_default(),
                cause: record.cause.clone(),
                amount: record.claim_amount,
                parties: 2,
                announcement: false,
                foreign: false,
                series: false,
                max_sentence_months: None,
                guilty_plea: false,
                filed_on: record.filed_on,
            });
            let proposed = rules.decide(&facts).track;
            let days = record.trial_days().and_then(|d| u32::try_from(d).ok());
            filed.push(Filed {
                case_no,
                actual,
                proposed,
                days,
            });
            Ok(())
        })?;
        let seeds: Vec<u64> = (1..=seeds as u64).collect();
        Ok(compare(&filed, &track_limits(), &seeds))
    }
}

#[cfg(test)]
mod tests;
