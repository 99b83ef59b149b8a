//! The data-quality scorecard (数据质量) of the courts a reader may see: for the cases filed in a
//! period, each rule of `shenguan_domain::quality` with how many cases break it and the first of
//! them, and a score per court — the share of its cases that break none. Read from the store one
//! case at a time. See `docs/data-quality.md`.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use shenguan_domain::quality::{Context, Numbering, Rule, findings, numbering_findings};
use shenguan_domain::{CaseRecord, CourtScope, text};

use crate::accounts::User;
use crate::{App, AppError, Store};

/// How many case numbers a rule lists per court (the count says how many there are).
pub const LISTED: usize = 20;

/// One rule's count in one court, with the first cases behind it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleCount {
    pub rule: Rule,
    pub count: u64,
    /// Case numbers (for a missing serial, the number that is missing), at most [`LISTED`].
    pub cases: Vec<String>,
}

/// One court's card.
#[derive(Clone, Debug, PartialEq)]
pub struct CourtCard {
    pub court: String,
    pub checked: u64,
    /// Cases that break no rule.
    pub clean: u64,
    /// 100 × clean ÷ checked; `None` without cases.
    pub score: Option<f64>,
    /// Every rule, in the order of `Rule::ALL`, with its count (0 included).
    pub rules: Vec<RuleCount>,
}

/// The scorecard of a period.
#[derive(Clone, Debug, PartialEq)]
pub struct Scorecard {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub courts: Vec<CourtCard>,
}

/// A case's serial, filing day and number.
type Numbered = (u32, NaiveDate, String);

/// What is gathered of one court while the store streams past.
#[derive(Default)]
struct Gathered {
    checked: u64,
    /// The cases that break a rule (a number given late among them, once the numbers are read).
    broken: std::collections::HashSet<String>,
    counts: BTreeMap<Rule, (u64, Vec<String>)>,
    /// Serial, filing day and case number by year and type code, for the numbering rules.
    numbers: BTreeMap<(u16, String), Vec<Numbered>>,
}

impl Gathered {
    fn add(&mut self, rule: Rule, case_no: String) {
        let (count, cases) = self.counts.entry(rule).or_default();
        *count += 1;
        if cases.len() < LISTED {
            cases.push(case_no);
        }
    }
}

impl App {
    /// The scorecard of the cases filed from `from` to `to` in `scope` (every court when none),
    /// of the cases `user` may see when one is given (the command line, run by the operator,
    /// gives none).
    pub fn quality_scorecard(
        &self,
        store: &mut Store,
        user: Option<&User>,
        scope: Option<CourtScope>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Scorecard, AppError> {
        if from > to {
            return Err(AppError::Invalid(text!(
                "起始日 {from} 晚于截止日 {to}",
                "the first day {from} is after the last day {to}"
            )));
        }
        let ctx = Context {
            today: self.today(),
            calendar: self.calendar(),
            limits: self.time_limits(),
        };
        let mut courts: BTreeMap<String, Gathered> = BTreeMap::new();
        store.inner.each_case(&mut |case: CaseRecord| {
            let wanted = case.filed_on >= from
                && case.filed_on <= to
                && scope.is_none_or(|s| s.covers(case.court))
                && user.is_none_or(|u| u.may_see(&case));
            if !wanted {
                return Ok(());
            }
            let card = courts.entry(case.court.to_string()).or_default();
            card.checked += 1;
            let broken = findings(&case, &ctx);
            let number = case.case_no.to_string();
            if !broken.is_empty() {
                card.broken.insert(number.clone());
            }
            for rule in broken {
                card.add(rule, number.clone());
            }
            if let Some(case_type) = case.case_no.case_type() {
                card.numbers
                    .entry((case.case_no.year(), case_type.code.to_string()))
                    .or_default()
                    .push((case.case_no.serial(), case.filed_on, number));
            }
            Ok(())
        })?;
        let late_days = i64::from(self.config().numbered_late_days);
        let courts = courts
            .into_iter()
            .map(|(court, mut card)| {
                for ((year, code), numbers) in std::mem::take(&mut card.numbers) {
                    let days: Vec<(u32, NaiveDate)> =
                        numbers.iter().map(|(s, filed, _)| (*s, *filed)).collect();
                    let (Numbering { late, gaps }, missing) = numbering_findings(&days, late_days);
                    let held: std::collections::HashMap<u32, &String> =
                        numbers.iter().map(|(s, _, no)| (*s, no)).collect();
                    // A missing number is written as the court writes its numbers.
                    let named = |serial: u32| format!("（{year}）{court}{code}{serial}号");
                    for serial in late {
                        let number = held
                            .get(&serial)
                            .map_or_else(|| named(serial), |n| (*n).clone());
                        card.broken.insert(number.clone());
                        card.add(Rule::NumberedLate, number);
                    }
                    let (count, cases) = card.counts.entry(Rule::SerialGap).or_default();
                    *count += missing;
                    cases.extend(
                        gaps.into_iter()
                            .map(named)
                            .take(LISTED - cases.len().min(LISTED)),
                    );
                }
                let rules = Rule::ALL
                    .iter()
                    .map(|&rule| {
                        let (count, cases) = card.counts.remove(&rule).unwrap_or_default();
                        RuleCount { rule, count, cases }
                    })
                    .collect();
                let clean = card.checked.saturating_sub(card.broken.len() as u64);
                let score = (card.checked > 0).then(|| clean as f64 * 100.0 / card.checked as f64);
                CourtCard {
                    court,
                    checked: card.checked,
                    clean,
                    score,
                    rules,
                }
            })
            .collect();
        Ok(Scorecard { from, to, courts })
    }
}

/// The first day of the year of `day` (the scorecard's default period starts there).
pub fn year_start(day: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day)
}

#[cfg(test)]
mod tests;
