//! The demonstration's allocation history: the last year's first-instance filings of one court,
//! each kept as an allocation received from the court's own case system (`how = import`) with
//! facts consistent with the procedure it was heard under and the track the demonstration's rules
//! give those facts, a few of them designated with a listed reason — so that the allocation views
//! and the sandbox have data, and the sandbox, run with these rules, replays what happened.
//!
//! The demonstration's rules are the shipped ones with an average wage filled in; the wage is an
//! illustration (100,000 yuan the year before, 95,000 the one before that), not a province's
//! published figure.

use chrono::{Datelike, Days, NaiveDate};
use shenguan_domain::allocation::diversion::{Facts, RuleSet};
use shenguan_domain::{CaseRecord, CourtCode, Money, Procedure, Stage};
use shenguan_store::AllocationRow;

use crate::allocation::assign::DESIGNATION_REASONS;
use crate::allocation::rules_file::{SHIPPED, parse};
use crate::{App, AppError, Store};

/// One filing in this many is recorded as designated.
const DESIGNATED_ONE_IN: usize = 33;

/// The demonstration's rules as a file's text: the shipped rules with an illustrative wage.
pub fn demo_rules_text(today: NaiveDate) -> String {
    let year = today.year();
    SHIPPED.replacen(
        "\n[wages]\n",
        &format!(
            "\n[wages]\n# 演示用的示意工资额，不是任何省份公布的数字。\n\"{}\" = \"100000.00\"\n\"{}\" = \"95000.00\"\n",
            year - 1,
            year - 2
        ),
        1,
    )
}

/// Facts of `record` consistent with the procedure it was heard under, under `rules`: what the
/// filing division would have recorded for the case to go the way it went.
fn facts_of(record: &CaseRecord, rules: &RuleSet) -> Option<Facts> {
    let case_type = record.case_no.case_type()?.code.to_string();
    let threshold = rules.small_claims_threshold(record.filed_on.year());
    let claim = record.claim_amount;
    let mut facts = Facts {
        case_type: case_type.clone(),
        cause: record
            .cause
            .clone()
            .filter(|c| !c.contains([';', '=']) && c.chars().count() <= 100),
        amount: claim,
        parties: 2,
        announcement: false,
        foreign: false,
        series: false,
        max_sentence_months: None,
        guilty_plea: false,
        filed_on: record.filed_on,
    };
    let within = |a: Money| threshold.is_some_and(|t| a <= t);
    let big = Money::from_fen(10_000_000 * 100);
    match (case_type.as_str(), record.procedure?) {
        ("刑初", Procedure::Speedy) => {
            facts.guilty_plea = true;
            facts.max_sentence_months = Some(12);
        }
        ("刑初", Procedure::Simple) => facts.guilty_plea = true,
        ("民初", Procedure::SmallClaims | Procedure::Speedy) => {
            facts.amount = match (claim, threshold) {
                (Some(a), _) if within(a) => Some(a),
                (_, Some(t)) => Some(Money::from_fen(t.fen() / 2)),
                (_, None) => None,
            };
        }
        ("民初", Procedure::Simple) => {
            // Not a small claim, not a big one.
            facts.amount = claim.filter(|a| !within(*a) && *a <= big);
        }
        ("民初", Procedure::Ordinary) => {
            facts.parties = 4;
            facts.amount = claim.filter(|a| !within(*a));
        }
        _ => {}
    }
    Some(facts)
}

impl App {
    /// Records the last year's first-instance filings of `court` as allocations received from its
    /// case system, unless the store holds allocations already; how many.
    pub fn seed_allocations(&self, store: &mut Store, court: CourtCode) -> Result<usize, AppError> {
        if !store.inner.allocation_log()?.is_empty() {
            return Ok(0);
        }
        let today = self.today();
        let rules = parse(&demo_rules_text(today), "demo")?;
        let since = today.checked_sub_days(Days::new(365)).unwrap_or(today);
        let mut filings: Vec<CaseRecord> = Vec::new();
        store.inner.each_case(&mut |record| {
            if record.court == court
                && record.filed_on >= since
                && record.case_no.stage() == Some(Stage::FirstInstance)
            {
                filings.push(record);
            }
            Ok(())
        })?;
        filings.sort_by(|a, b| {
            (a.filed_on, a.case_no.to_string()).cmp(&(b.filed_on, b.case_no.to_string()))
        });
        let mut made = 0;
        for (n, record) in filings.iter().enumerate() {
            let Some(facts) = facts_of(record, &rules) else {
                continue;
            };
            let decision = rules.decide(&facts);
            let designated = n % DESIGNATED_ONE_IN == DESIGNATED_ONE_IN - 1;
            let judge = record.judge_id.as_ref().map(ToString::to_string);
            let (how, reason, approver) = if designated {
                let reason = DESIGNATION_REASONS[n / DESIGNATED_ONE_IN % DESIGNATION_REASONS.len()];
                (
                    "designate",
                    Some(reason.to_string()),
                    Some("院长".to_string()),
                )
            } else {
                ("import", None, None)
            };
            let at = format!("{}T09:00:00+08:00", record.filed_on);
            let row = AllocationRow {
                case_no: record.case_no.to_string(),
                court: court.to_string(),
                track: decision.track.key().to_string(),
                pool: decision.pool.clone(),
                rule: decision.rule.clone(),
                version: decision.version.clone(),
                judge: judge.clone(),
                how: how.to_string(),
                seed: None,
                reason: reason.clone(),
                approver: approver.clone(),
                weight: i64::try_from(rules.weight(decision.track)).unwrap_or(100),
                facts: facts.written(),
                at,
            };
            let track = format!(
                "version={};rule={};track={};pool={}",
                decision.version,
                decision.rule,
                decision.track.key(),
                decision.pool
            );
            let taken = match &reason {
                Some(reason) => format!(
                    "judge={};reason={reason};approver=院长",
                    judge.as_deref().unwrap_or("-")
                ),
                None => format!("judge={};from=case system", judge.as_deref().unwrap_or("-")),
            };
            if store
                .inner
                .allocate(&row, &[("track", track), (how, taken)])?
                .is_some()
            {
                made += 1;
            }
        }
        Ok(made)
    }
}

#[cfg(test)]
mod tests;
