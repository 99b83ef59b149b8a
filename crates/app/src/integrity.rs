//! 风险信号 — the signals of gaming as users read them: each case's facts gathered from the store
//! (its record, its deadline, its suspensions and the day its complaint was received, its
//! parties, a 终本 closing's checklist), the signals of `shenguan_domain::integrity` over the whole network (peers are the
//! courts of a level), then held to the courts the reader may see (docs/gaming-signals.md).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use shenguan_domain::integrity::counter::{
    Deviation, Progress, YearEndShare, closing_progress, filing_deviation, year_end_shares,
};
use shenguan_domain::integrity::{Ending, Facts, REVIEWED_UNMET, Signal, signals};
use shenguan_domain::zhongben::{self, Finding, Marks, Verdict};
use shenguan_domain::{CaseRecord, CourtCode, CourtScope, EventKind, PartyRole};
use shenguan_store::CaseQuery;

use crate::accounts::User;
use crate::reconcile::{checked_period, court_view};
use crate::{App, AppError, Store};

/// The signals of a period, with the counter-measure figures beside them.
#[derive(Clone, Debug, PartialEq)]
pub struct Signals {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub signals: Vec<Signal>,
    /// 年底收案率 of each whole year of the period.
    pub year_end_shares: Vec<YearEndShare>,
    /// 立案偏离度 of each month of the period.
    pub deviations: Vec<Deviation>,
    /// 审执结案进度 of each month of the period, by court.
    pub progress: Vec<Progress>,
}

/// Whether a party brought the case (claimant) or answers it (respondent); `None`: neither.
fn side(role: PartyRole) -> Option<bool> {
    match role {
        PartyRole::Plaintiff
        | PartyRole::Applicant
        | PartyRole::Creditor
        | PartyRole::PrivateProsecutor => Some(true),
        PartyRole::Defendant | PartyRole::Respondent | PartyRole::Debtor => Some(false),
        _ => None,
    }
}

fn ending(record: &CaseRecord) -> Ending {
    match (
        record.closed_on,
        record.closing_method.map(|m| m.label_zh()),
    ) {
        (None, _) => Ending::Pending,
        (Some(_), Some("撤诉" | "按撤诉处理")) => Ending::Withdrawn,
        (Some(_), Some("终结本次执行")) => Ending::Zhongben,
        _ => Ending::Other,
    }
}

/// The judge a case's signals read: the name, trimmed (none when empty), with the staff number
/// where recorded (`name（number）`, until [`name_judge`] keeps the number only where the name
/// is shared).
fn judge_of(
    record: &CaseRecord,
    numbers: &mut HashMap<(CourtCode, String), HashSet<String>>,
) -> Option<String> {
    let name = record
        .judge
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())?;
    let Some(number) = &record.judge_id else {
        return Some(name.to_string());
    };
    numbers
        .entry((record.court, name.to_string()))
        .or_default()
        .insert(number.to_string());
    Some(format!("{name}（{number}）"))
}

/// A judge's name alone where no other judge of the court bears it.
fn name_judge(f: &mut Facts, numbers: &HashMap<(CourtCode, String), HashSet<String>>) {
    let Some(judge) = &f.judge else { return };
    let Some((name, number)) = judge
        .strip_suffix('）')
        .and_then(|rest| rest.rsplit_once('（'))
    else {
        return;
    };
    // Only a number `judge_of` added (a name written with brackets of its own stays whole).
    let Some(ids) = numbers.get(&(f.court, name.to_string())) else {
        return;
    };
    if ids.contains(number) && ids.len() == 1 {
        f.judge = Some(name.to_string());
    }
}

impl App {
    /// Every case of the store as the signals read it.
    fn integrity_facts(&self, store: &mut Store) -> Result<Vec<Facts>, AppError> {
        let mut facts = Vec::new();
        let mut at: HashMap<String, usize> = HashMap::new();
        // The staff numbers each judge's name is recorded with, by court: two judges of a court
        // with one name are told apart by their numbers.
        let mut numbers: HashMap<(CourtCode, String), HashSet<String>> = HashMap::new();
        store.inner.each_case(&mut |record: CaseRecord| {
            let Some(case_type) = record.case_no.case_type() else {
                return Ok(());
            };
            let number = record.case_no.to_string();
            at.insert(number.clone(), facts.len());
            facts.push(Facts {
                court: record.court,
                type_code: case_type.code,
                filed: record.filed_on,
                closed: record.closed_on,
                ending: ending(&record),
                cause: record.cause.clone(),
                judge: judge_of(&record, &mut numbers),
                origin: record.origin_case_no.as_ref().map(ToString::to_string),
                deadline: self.case_deadline(&record),
                unmet: 0,
                stopped: !record.exclusions.is_empty(),
                extended: !record.extensions.is_empty(),
                received: None,
                claimants: Vec::new(),
                respondents: Vec::new(),
                case_no: number,
            });
            Ok(())
        })?;
        for f in &mut facts {
            name_judge(f, &numbers);
        }
        // The 终本 closings' checklist steps, a byte each.
        let mut marks: HashMap<usize, Marks> = HashMap::new();
        let mut kinds = vec![EventKind::Suspended, EventKind::MaterialsReceived];
        kinds.extend_from_slice(Marks::kinds());
        store.inner.each_event_of(&kinds, &mut |event| {
            if let Some(&i) = at.get(&event.case_no.to_string()) {
                let f = &mut facts[i];
                match (event.kind, f.closed) {
                    (EventKind::Suspended, _) => f.stopped = true,
                    // The earliest receipt, should a system record more than one.
                    (EventKind::MaterialsReceived, _) => {
                        f.received = Some(f.received.map_or(event.date, |r| r.min(event.date)))
                    }
                    (kind, Some(closed)) if f.ending == Ending::Zhongben => {
                        marks
                            .entry(i)
                            .or_default()
                            .mark(kind, event.date, f.filed, closed);
                    }
                    _ => {}
                }
            }
            Ok(())
        })?;
        self.check_zhongben(store, &mut facts, &at, &marks)?;
        for case in store.inner.parties_of(&CaseQuery::default())? {
            let Some(&i) = at.get(&case.case_no.to_string()) else {
                continue;
            };
            for party in case.parties {
                let key = party
                    .identity
                    .as_ref()
                    .map_or_else(|| party.name.clone(), ToString::to_string);
                match side(party.role) {
                    Some(true) => facts[i].claimants.push(key),
                    Some(false) => facts[i].respondents.push(key),
                    None => {}
                }
            }
        }
        Ok(facts)
    }

    /// Each 终本 closing's checklist (法〔2016〕373号) from its steps, a reviewer's finding
    /// overriding it, kept as the conditions it fails.
    fn check_zhongben(
        &self,
        store: &mut Store,
        facts: &mut [Facts],
        at: &HashMap<String, usize>,
        marks: &HashMap<usize, Marks>,
    ) -> Result<(), AppError> {
        let reviewed: HashMap<usize, bool> = store
            .inner
            .zhongben_findings()?
            .into_iter()
            .filter_map(|(number, compliant)| Some((*at.get(&number)?, compliant)))
            .collect();
        let rules = self.config().checklist;
        for (i, f) in facts.iter_mut().enumerate() {
            let (Ending::Zhongben, Some(closed)) = (f.ending, f.closed) else {
                continue;
            };
            let mark = marks.get(&i).copied().unwrap_or_default();
            let found = zhongben::findings(mark, f.filed, closed, rules);
            if zhongben::verdict(&found, reviewed.get(&i).copied()) != Verdict::NotCompliant {
                continue;
            }
            let unmet = found
                .iter()
                .enumerate()
                .filter(|(_, finding)| **finding == Finding::NotMet)
                .fold(0u8, |bits, (k, _)| bits | (1 << k));
            f.unmet = if unmet == 0 { REVIEWED_UNMET } else { unmet };
        }
        Ok(())
    }

    /// The signals of `from ..= to` in `scope` (every court the reader may see when none), of
    /// the office, leaders and administrators (the command line gives no user).
    pub fn integrity_signals(
        &self,
        store: &mut Store,
        user: Option<&User>,
        scope: Option<CourtScope>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Signals, AppError> {
        checked_period(from, to)?;
        let scope = court_view(user, scope)?;
        let facts = self.integrity_facts(store)?;
        let settings = self.config().integrity;
        let covered = |court| scope.is_none_or(|scope: CourtScope| scope.covers(court));
        let signals = signals(&facts, from, to, &settings)
            .into_iter()
            .filter(|s| covered(s.court))
            .collect();
        let floors = (settings.q4_floor, settings.nov_dec_floor);
        let year_end_shares = year_end_shares(&facts, from, to, floors)
            .into_iter()
            .filter(|s| covered(s.court))
            .collect();
        let deviations = filing_deviation(&facts, from, to)
            .into_iter()
            .filter(|d| covered(d.court))
            .collect();
        let progress = closing_progress(
            &facts,
            from,
            to,
            settings.progress_start_month,
            &settings.progress_floors,
        )
        .into_iter()
        .filter(|p| covered(p.court))
        .collect();
        Ok(Signals {
            from,
            to,
            signals,
            year_end_shares,
            deviations,
            progress,
        })
    }
}

#[cfg(test)]
mod tests;
