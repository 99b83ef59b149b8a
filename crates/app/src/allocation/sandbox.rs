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
//!
//! The judges a replay draws from: a pool's judges are the court's staff whose division is the
//! pool and who judge cases, in post some day of the period. Where the staff list names no one
//! in a pool (a court whose teams the list does not carry), the pool's judges are read as those
//! who took the court's cases of the period down the tracks the pool now takes. A case's judge as
//! it went: its allocation's, else the case data's.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::NaiveDate;
use shenguan_domain::allocation::diversion::{Facts, RuleSet, Track};
use shenguan_domain::allocation::sandbox::{Bench, Comparison, Filed, compare};
use shenguan_domain::{Procedure, Stage, judge_key, text};

use super::assign::judges_cases;
use crate::accounts::{Role, User};
use crate::{App, AppError, Store};

/// The most seeds one run replays.
const SEEDS_MAX: usize = 50;

/// The longest period one run replays, in days (five years: a rule is tried on a year or two).
const PERIOD_DAYS_MAX: i64 = 1_830;

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
        if from > to || (to - from).num_days() > PERIOD_DAYS_MAX {
            return Err(AppError::invalid_for(
                "from",
                &text!(
                    "期间起日须不晚于止日，且不超过五年",
                    "the period starts on or before its end, within five years"
                ),
            ));
        }
        if !(1..=SEEDS_MAX).contains(&seeds) {
            return Err(AppError::invalid_for(
                "seeds",
                &text!("种子数须为1至{SEEDS_MAX}", "1 to {SEEDS_MAX} seeds"),
            ));
        }
        // What each allocation kept: the track the case went down, what the filing division knew
        // (read by the replay in place of what the case data holds), its judge and whether they
        // were designated.
        let kept: HashMap<String, Kept> = store
            .inner
            .allocations()?
            .into_iter()
            .filter_map(|row| {
                let kept = Kept {
                    track: Track::parse(&row.track)?,
                    facts: Facts::read(&row.facts)?,
                    judge: row.judge,
                    designated: row.how == "designate",
                };
                Some((row.case_no, kept))
            })
            .collect();
        let mut filed: Vec<Filed> = Vec::new();
        store
            .inner
            .each_case_filed((from, to), Stage::FirstInstance, &mut |record| {
                if record.case_no.stage() != Some(Stage::FirstInstance) || !user.may_see(&record) {
                    return Ok(());
                }
                let case_no = record.case_no.to_string();
                let kept = kept.get(&case_no);
                let Some(actual) = kept.map(|k| k.track).or_else(|| track_of(record.procedure))
                else {
                    return Ok(());
                };
                let facts = kept.map(|k| k.facts.clone()).unwrap_or_else(|| Facts {
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
                let decision = rules.decide(&facts);
                let days = record.trial_days().and_then(|d| u32::try_from(d).ok());
                let judge = match kept {
                    Some(k) => k.judge.clone(),
                    None => judge_key(
                        record.court,
                        record.judge_id.as_ref(),
                        record.judge.as_deref(),
                    ),
                };
                filed.push(Filed {
                    case_no,
                    actual,
                    proposed: decision.track,
                    days,
                    court: record.court.to_string(),
                    filed_on: record.filed_on,
                    pool: decision.pool,
                    judge,
                    designated: kept.is_some_and(|k| k.designated),
                });
                Ok(())
            })?;
        let (judges, shares) = pools(store, rules, &filed, (from, to))?;
        let bench = Bench {
            judges,
            weights: rules.weights.clone(),
            mode: Some(rules.mode),
            shares,
        };
        let seeds: Vec<u64> = (1..=seeds as u64).collect();
        Ok(compare(&filed, &track_limits(), &bench, &seeds))
    }
}

/// What an allocation kept, as the sandbox reads it.
struct Kept {
    track: Track,
    facts: Facts,
    judge: Option<String>,
    designated: bool,
}

/// Each court's pool's judges, by judge.
type Pools = BTreeMap<(String, String), Vec<String>>;

/// The judges of each court's pool the filings are sent to: the staff whose division is the
/// pool, who judge cases and are in post some day of `from..=to`; else those who took the court's
/// filings down the tracks the pool takes. With each leader's share of a judge's cases by `rules`.
fn pools(
    store: &mut Store,
    rules: &RuleSet,
    filed: &[Filed],
    (from, to): (NaiveDate, NaiveDate),
) -> Result<(Pools, BTreeMap<String, u64>), AppError> {
    let mut shares: BTreeMap<String, u64> = BTreeMap::new();
    let mut wanted: BTreeMap<(String, String), BTreeSet<Track>> = BTreeMap::new();
    for f in filed {
        wanted
            .entry((f.court.clone(), f.pool.clone()))
            .or_default()
            .insert(f.proposed);
    }
    let mut staffed: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for s in store.inner.staff()? {
        let share = rules.share(s.role);
        if share < 100 {
            shares.insert(s.id.to_string(), share);
        }
        let Some(division) = &s.division else {
            continue;
        };
        let key = (s.court.to_string(), division.clone());
        let in_post =
            s.active_from.is_none_or(|f| f <= to) && s.active_to.is_none_or(|t| t >= from);
        if in_post && judges_cases(&s) && wanted.contains_key(&key) {
            staffed.entry(key).or_default().push(s.id.to_string());
        }
    }
    let mut pools = BTreeMap::new();
    for (key, tracks) in wanted {
        let judges = match staffed.remove(&key) {
            Some(judges) => judges,
            None => filed
                .iter()
                .filter(|f| f.court == key.0 && tracks.contains(&f.actual))
                .filter_map(|f| f.judge.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect(),
        };
        pools.insert(key, judges);
    }
    Ok((pools, shares))
}

#[cfg(test)]
mod tests;
