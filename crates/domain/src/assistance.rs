//! 国家司法救助 (state judicial assistance) as a court records it: one case (a 司救X case number),
//! one applicant, one grant — the application, the decision (救助 or 不予救助), the amount, its
//! payment — and the rules that bound it: the amount is capped at a number of months of the
//! province's average monthly wage of the year before the decision, exceeded only with a reason
//! written down; and whether the recipient stopped petitioning afterwards (救助后息访).
//!
//! Readings (docs/petitions.md, "司法救助"): the cap follows 法发〔2016〕16号 (generally not more
//! than 36 months of the previous year's average monthly wage in the province; the number of
//! months and the wages are configuration); a recipient has stopped petitioning when no petition
//! of theirs (by identity key) was received after the day the help was paid, up to the day asked
//! about.

use chrono::{Datelike, NaiveDate};

use crate::petition::Petition;
use crate::{CaseNumber, CourtCode, IdentityKey, Money, Stage};

/// The decision on an application.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Decision {
    /// 决定救助.
    Granted,
    /// 不予救助.
    Refused,
}

impl Decision {
    pub fn label_zh(self) -> &'static str {
        match self {
            Decision::Granted => "救助",
            Decision::Refused => "不予救助",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Decision::Granted => "granted",
            Decision::Refused => "refused",
        }
    }

    /// The decision a name stands for (Chinese, or the English key).
    pub fn parse(text: &str) -> Option<Decision> {
        match text.trim() {
            "救助" | "决定救助" | "予以救助" | "granted" => Some(Decision::Granted),
            "不予救助" | "驳回" | "refused" => Some(Decision::Refused),
            _ => None,
        }
    }
}

/// One application for judicial assistance (one 司救 case).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assistance {
    /// The 司救X case number.
    pub case_no: CaseNumber,
    /// The court deciding it (the case number's).
    pub court: CourtCode,
    pub applicant: String,
    /// The keyed hash of the applicant's identity number, when one was given.
    pub identity: Option<IdentityKey>,
    pub masked: Option<String>,
    pub applied_on: NaiveDate,
    /// The cases the hardship arises from (原案).
    pub origin_cases: Vec<CaseNumber>,
    pub decided_on: Option<NaiveDate>,
    pub decision: Option<Decision>,
    /// The amount granted.
    pub amount: Option<Money>,
    /// Why the amount exceeds the cap, when it does.
    pub over_cap_reason: Option<String>,
    pub paid_on: Option<NaiveDate>,
}

/// The cap on an amount: `months` of the average monthly wage of each year (元), by year.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cap {
    pub months: u32,
    /// (year, average monthly wage of the province's employees in that year).
    pub monthly_wage: Vec<(i32, Money)>,
}

/// Why a record is not as the rules want it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AssistanceError {
    /// The case number is not of a 司救 type.
    NotAssistanceCase,
    /// A day before the application, or a decision after payment.
    DayOrder,
    /// A decision without its day, or a day without a decision.
    DecisionIncomplete,
    /// An amount or a payment without a grant; a grant paid without an amount.
    AmountWithoutGrant,
    /// Above the cap (the cap, in fen) without a reason.
    OverCap(Money),
}

impl Assistance {
    /// What the record gets wrong under `cap` (the cap is checked only when the wage of the year
    /// before the decision is known).
    pub fn check(&self, cap: &Cap) -> Vec<AssistanceError> {
        let mut wrong = Vec::new();
        if self.case_no.stage() != Some(Stage::JudicialAid) {
            wrong.push(AssistanceError::NotAssistanceCase);
        }
        let before = |day: Option<NaiveDate>| day.is_some_and(|d| d < self.applied_on);
        if before(self.decided_on)
            || before(self.paid_on)
            || matches!((self.decided_on, self.paid_on), (Some(d), Some(p)) if p < d)
        {
            wrong.push(AssistanceError::DayOrder);
        }
        if self.decided_on.is_some() != self.decision.is_some() {
            wrong.push(AssistanceError::DecisionIncomplete);
        }
        let granted = self.decision == Some(Decision::Granted);
        if (!granted && (self.amount.is_some() || self.paid_on.is_some()))
            || (self.paid_on.is_some() && self.amount.is_none())
        {
            wrong.push(AssistanceError::AmountWithoutGrant);
        }
        if let (Some(amount), Some(limit)) = (self.amount, self.cap(cap))
            && amount > limit
            && self
                .over_cap_reason
                .as_deref()
                .is_none_or(|r| r.trim().is_empty())
        {
            wrong.push(AssistanceError::OverCap(limit));
        }
        wrong
    }

    /// The cap on this grant: the months times the average monthly wage of the year before the
    /// decision (or the application, before one is decided); `None` when that wage is unknown.
    pub fn cap(&self, cap: &Cap) -> Option<Money> {
        let year = self.decided_on.unwrap_or(self.applied_on).year() - 1;
        cap.monthly_wage
            .iter()
            .find(|(y, _)| *y == year)
            .map(|(_, wage)| Money::from_fen(wage.fen().saturating_mul(i64::from(cap.months))))
    }

    /// Granted and paid by `day`.
    pub fn paid_by(&self, day: NaiveDate) -> bool {
        self.decision == Some(Decision::Granted) && self.paid_on.is_some_and(|p| p <= day)
    }

    /// Whether the recipient stopped petitioning after the help (救助后息访): paid by `day`, and
    /// no petition of theirs (same identity key) received after the day paid, up to `day`.
    /// `None` when the help was not paid by then, or the applicant has no identity key (their
    /// petitions cannot be told).
    pub fn stopped_petitioning(&self, petitions: &[Petition], day: NaiveDate) -> Option<bool> {
        let paid = self.paid_on.filter(|_| self.paid_by(day))?;
        let key = self.identity.as_ref()?;
        Some(!petitions.iter().any(|p| {
            p.received_on > paid
                && p.received_on <= day
                && p.petitioners
                    .iter()
                    .any(|x| x.identity.as_ref() == Some(key))
        }))
    }
}

#[cfg(test)]
mod tests;
