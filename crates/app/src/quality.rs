//! The data-quality scorecard (数据质量) of the courts a reader may see: for the cases filed in a
//! period, each rule of `shenguan_domain::quality` with how many cases break it and the first of
//! them, a score per court — the share of its cases that break none — and that score month by
//! month of filing. Read from the store one case at a time, then the events of the kinds the
//! rules read in one stream, then each court's parties once. See `docs/data-quality.md`.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use shenguan_domain::quality::{
    Context, Numbering, Rule, allowed_after_closing, event_findings, findings, missing_parties,
    numbering_findings,
};
use shenguan_domain::{
    CaseNumber, CaseRecord, CourtCode, CourtScope, EventKind, EventRecord, text,
};
use shenguan_store::CaseQuery;

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

/// One month of a court's score: the cases filed in it.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthScore {
    /// The first day of the month.
    pub month: NaiveDate,
    pub checked: u64,
    pub clean: u64,
    /// 100 × clean ÷ checked.
    pub score: Option<f64>,
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
    /// The rules this court's records could not be checked on (its count is 0): missing
    /// parties, when the store holds no party of the court's cases of the period.
    pub not_checked: Vec<Rule>,
    /// The score by month of filing, the months with cases filed, in order.
    pub months: Vec<MonthScore>,
}

/// The scorecard of a period.
#[derive(Clone, Debug, PartialEq)]
pub struct Scorecard {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub courts: Vec<CourtCard>,
}

/// The bit of `rule` in [`Checked::found`] (16 rules: a `u32` holds them).
fn bit(rule: Rule) -> u32 {
    1 << (rule as u32)
}

/// A case's serial, filing day and place in its court's list.
type Numbered = (u32, NaiveDate, usize);

/// One case checked: what the later passes need of it, and the rules it breaks so far.
struct Checked {
    case_no: CaseNumber,
    filed: NaiveDate,
    closed: Option<NaiveDate>,
    found: u32,
}

/// What is gathered of one court while the store streams past.
struct Gathered {
    code: CourtCode,
    /// In case-number order, as the store streams them.
    cases: Vec<Checked>,
    /// The earliest closing day of its cases checked (or the period's first day): a query of
    /// the cases not closed before it holds every case checked, even one closed before filed.
    earliest: NaiveDate,
    /// Serial, filing day and place in `cases` by year and type code, for the numbering rules.
    numbers: BTreeMap<(u16, String), Vec<Numbered>>,
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
        let mut slots: BTreeMap<String, usize> = BTreeMap::new();
        let mut courts: Vec<Gathered> = Vec::new();
        store.inner.each_case(&mut |case: CaseRecord| {
            let wanted = case.filed_on >= from
                && case.filed_on <= to
                && scope.is_none_or(|s| s.covers(case.court))
                && user.is_none_or(|u| u.may_see(&case));
            if !wanted {
                return Ok(());
            }
            let slot = *slots.entry(case.court.to_string()).or_insert_with(|| {
                courts.push(Gathered {
                    code: case.court,
                    cases: Vec::new(),
                    earliest: from,
                    numbers: BTreeMap::new(),
                });
                courts.len() - 1
            });
            let card = &mut courts[slot];
            let found = findings(&case, &ctx)
                .into_iter()
                .fold(0, |bits, rule| bits | bit(rule));
            if let Some(closed) = case.closed_on {
                card.earliest = card.earliest.min(closed);
            }
            if let Some(case_type) = case.case_no.case_type() {
                card.numbers
                    .entry((case.case_no.year(), case_type.code.to_string()))
                    .or_default()
                    .push((case.case_no.serial(), case.filed_on, card.cases.len()));
            }
            card.cases.push(Checked {
                case_no: case.case_no,
                filed: case.filed_on,
                closed: case.closed_on,
                found,
            });
            Ok(())
        })?;
        if !courts.is_empty() {
            self.read_events(store, &mut courts, &ctx)?;
        }
        let late_days = i64::from(self.config().numbered_late_days);
        let mut cards = Vec::with_capacity(courts.len());
        for (court, slot) in slots {
            let card = &mut courts[slot];
            let parties_held = read_parties(store, card, to)?;
            cards.push(court_card(court, card, parties_held, late_days));
        }
        Ok(Scorecard {
            from,
            to,
            courts: cards,
        })
    }

    /// The rules read on events, in one stream of the kinds they read: a hearing on a holiday,
    /// a step after the closing day.
    fn read_events(
        &self,
        store: &mut Store,
        courts: &mut [Gathered],
        ctx: &Context<'_>,
    ) -> Result<(), AppError> {
        let index: HashMap<CaseNumber, (usize, usize)> = courts
            .iter()
            .enumerate()
            .flat_map(|(slot, card)| {
                card.cases
                    .iter()
                    .enumerate()
                    .map(move |(at, case)| (case.case_no.clone(), (slot, at)))
            })
            .collect();
        let kinds: Vec<EventKind> = EventKind::all()
            .filter(|&k| k == EventKind::Hearing || !allowed_after_closing(k))
            .collect();
        store
            .inner
            .each_event_of(&kinds, &mut |event: EventRecord| {
                if let Some(&(slot, at)) = index.get(&event.case_no) {
                    let case = &mut courts[slot].cases[at];
                    for rule in event_findings(case.closed, &event, ctx) {
                        case.found |= bit(rule);
                    }
                }
                Ok(())
            })?;
        Ok(())
    }
}

/// Marks the court's cases without parties, and says whether the store holds parties of any of
/// its cases of the period (when it holds none, the rule is not checked there). One read per
/// court, of the cases not closed before any case checked.
fn read_parties(store: &mut Store, card: &mut Gathered, to: NaiveDate) -> Result<bool, AppError> {
    let held = store.inner.parties_of(&CaseQuery {
        court: Some(CourtScope::alone(card.code)),
        from: Some(card.earliest),
        to: Some(to),
    })?;
    let court_has_parties = !held.is_empty();
    let with_parties: HashSet<CaseNumber> = held
        .into_iter()
        .filter(|c| !c.parties.is_empty())
        .map(|c| c.case_no)
        .collect();
    for case in &mut card.cases {
        if missing_parties(with_parties.contains(&case.case_no), court_has_parties) {
            case.found |= bit(Rule::MissingParties);
        }
    }
    Ok(court_has_parties)
}

/// One court's card from what was gathered: the numbering rules, then every count, the score
/// and the months.
fn court_card(court: String, card: &mut Gathered, parties_held: bool, late_days: i64) -> CourtCard {
    let mut gaps_count: u64 = 0;
    let mut gaps_listed: Vec<String> = Vec::new();
    for ((year, code), numbers) in std::mem::take(&mut card.numbers) {
        let days: Vec<(u32, NaiveDate)> =
            numbers.iter().map(|(s, filed, _)| (*s, *filed)).collect();
        let (Numbering { late, gaps }, missing) = numbering_findings(&days, late_days);
        let at: HashMap<u32, usize> = numbers.iter().map(|(s, _, at)| (*s, *at)).collect();
        for serial in late {
            if let Some(&at) = at.get(&serial) {
                card.cases[at].found |= bit(Rule::NumberedLate);
            }
        }
        gaps_count += missing;
        // A missing number is written as the court writes its numbers.
        let room = LISTED.saturating_sub(gaps_listed.len());
        gaps_listed.extend(
            gaps.into_iter()
                .take(room)
                .map(|serial| format!("（{year}）{court}{code}{serial}号")),
        );
    }
    let mut counts: BTreeMap<Rule, (u64, Vec<String>)> = BTreeMap::new();
    let mut months: BTreeMap<NaiveDate, (u64, u64)> = BTreeMap::new();
    let mut clean: u64 = 0;
    for case in &card.cases {
        let month =
            NaiveDate::from_ymd_opt(case.filed.year(), case.filed.month(), 1).unwrap_or(case.filed);
        let tally = months.entry(month).or_default();
        tally.0 += 1;
        if case.found == 0 {
            clean += 1;
            tally.1 += 1;
            continue;
        }
        for rule in Rule::ALL.into_iter().filter(|&r| case.found & bit(r) != 0) {
            let (count, cases) = counts.entry(rule).or_default();
            *count += 1;
            if cases.len() < LISTED {
                cases.push(case.case_no.to_string());
            }
        }
    }
    counts.insert(Rule::SerialGap, (gaps_count, gaps_listed));
    let rules = Rule::ALL
        .iter()
        .map(|&rule| {
            let (count, cases) = counts.remove(&rule).unwrap_or_default();
            RuleCount { rule, count, cases }
        })
        .collect();
    let checked = card.cases.len() as u64;
    CourtCard {
        court,
        checked,
        clean,
        score: share(clean, checked),
        rules,
        not_checked: if parties_held {
            Vec::new()
        } else {
            vec![Rule::MissingParties]
        },
        months: months
            .into_iter()
            .map(|(month, (checked, clean))| MonthScore {
                month,
                checked,
                clean,
                score: share(clean, checked),
            })
            .collect(),
    }
}

fn share(part: u64, whole: u64) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

/// The first day of the year of `day` (the scorecard's default period starts there).
pub fn year_start(day: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(day.year(), 1, 1).unwrap_or(day)
}

#[cfg(test)]
mod tests;
