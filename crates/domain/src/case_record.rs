//! The canonical case record (one row of `cases`) and case event (one row of `events`), with what
//! is derived from them: court, type, category and stage from the case number; the deadline and
//! the trial days.

use chrono::NaiveDate;

use crate::calendar::HolidayCalendar;
use crate::case_number::CaseNumber;
use crate::closing_method::ClosingMethod;
use crate::court::CourtCode;
use crate::deadline::DeadlineError;
use crate::deadline::{
    Deadline, DeadlineOptions, DeadlineRequest, compute_deadline, deadline_date, deadline_summary,
};
use crate::event_kind::EventKind;
use crate::limit_change::{Exclusion, Extension, excluded_days};
use crate::money::Money;
use crate::period::Period;
use crate::staff::{StaffId, judge_key};
use crate::time_limit::{Procedure, TimeLimitError, TimeLimits};

/// One case (件) as the canonical files and the store hold it. Type code, category and stage are
/// not fields: they are read from the case number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseRecord {
    pub case_no: CaseNumber,
    /// The court: the case number's, or for a legacy number whose abbreviation names no current
    /// code, the one the data states.
    pub court: CourtCode,
    pub court_name: Option<String>,
    pub procedure: Option<Procedure>,
    pub cause: Option<String>,
    pub division: Option<String>,
    /// The judge (承办人) as the data names them.
    pub judge: Option<String>,
    /// The judge's staff number (承办人工号): stated by the file, or found from the name when the
    /// name is unique within the court's staff list.
    pub judge_id: Option<StaffId>,
    pub filed_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub closing_method: Option<ClosingMethod>,
    pub claim_amount: Option<Money>,
    pub recovered_amount: Option<Money>,
    /// Approved extensions of the time limit (延长审限), each as granted — in calendar months or
    /// in days — with its approval where known, in the order of approval. A month is not 30
    /// days: "6个月" from 2026-01-16 ends on 2026-07-16. A system that exports only a total of
    /// days gives one extension in days.
    pub extensions: Vec<Extension>,
    /// Periods that do not count (扣除审限), each with its ground and days (and start, where
    /// known). A system that exports only a total gives one period of unstated ground.
    pub exclusions: Vec<Exclusion>,
    pub origin_case_no: Option<CaseNumber>,
}

/// One event of a case's timeline (filing, service attempt, hearing, extension, closing, …).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct EventRecord {
    pub case_no: CaseNumber,
    pub date: NaiveDate,
    pub kind: EventKind,
    pub detail: String,
}

impl CaseRecord {
    /// A case filed on `filed_on` in `court`, with nothing else known yet: pending, no
    /// procedure, cause, people, amounts, extensions or excluded days. The fields are public;
    /// set the others as the data says.
    pub fn filed(case_no: CaseNumber, court: CourtCode, filed_on: NaiveDate) -> CaseRecord {
        CaseRecord {
            case_no,
            court,
            court_name: None,
            procedure: None,
            cause: None,
            division: None,
            judge: None,
            judge_id: None,
            filed_on,
            closed_on: None,
            closing_method: None,
            claim_amount: None,
            recovered_amount: None,
            extensions: Vec::new(),
            exclusions: Vec::new(),
            origin_case_no: None,
        }
    }

    /// The deadline (审限届满日): the statutory limit for the case's type and procedure, the
    /// approved extension days, the excluded days, moved off rest days as `options` say. `None`
    /// for types without a statutory limit and for legacy numbers whose type is not known.
    ///
    /// The recorded procedure is used when it selects a rule for the type (民初 简易); a procedure
    /// that does not (民终 recorded as 普通) falls back to the type's default rule.
    pub fn deadline(
        &self,
        limits: &TimeLimits,
        calendar: &HolidayCalendar,
        options: DeadlineOptions,
    ) -> Result<Option<NaiveDate>, DeadlineError> {
        self.with_rule(|request| deadline_date(request, limits, calendar, options))
            .map(Option::flatten)
    }

    /// The deadline's figures without the notes (date, limit, days the extensions add): what an
    /// export writes beside the date. `None` when the case number has no type.
    pub fn deadline_summary(
        &self,
        limits: &TimeLimits,
        calendar: &HolidayCalendar,
        options: DeadlineOptions,
    ) -> Result<Option<Deadline>, DeadlineError> {
        self.with_rule(|request| deadline_summary(request, limits, calendar, options))
    }

    /// The same deadline with the notes explaining each step (for a case page); `None` when the
    /// case number has no type.
    pub fn deadline_explained(
        &self,
        limits: &TimeLimits,
        calendar: &HolidayCalendar,
        options: DeadlineOptions,
    ) -> Result<Option<Deadline>, DeadlineError> {
        self.with_rule(|request| compute_deadline(request, limits, calendar, options))
    }

    /// Runs `compute` on the case's deadline request, falling back to the type's default rule
    /// when the recorded procedure selects none.
    fn with_rule<T>(
        &self,
        compute: impl Fn(&DeadlineRequest<'_>) -> Result<T, DeadlineError>,
    ) -> Result<Option<T>, DeadlineError> {
        let Some(case_type) = self.case_no.case_type() else {
            return Ok(None);
        };
        let extensions: Vec<Period> = self.extensions.iter().map(|e| e.length).collect();
        let request = |procedure| DeadlineRequest {
            filed_on: self.filed_on,
            type_code: case_type.code,
            procedure,
            extensions: &extensions,
            exclusions: &self.exclusions,
        };
        match compute(&request(self.procedure)) {
            Err(DeadlineError::Rule(TimeLimitError::ProcedureNotApplicable { .. })) => {
                compute(&request(None)).map(Some)
            }
            other => other.map(Some),
        }
    }

    /// The key the case's judge is counted under (see [`judge_key`]).
    pub fn judge_key(&self) -> Option<String> {
        judge_key(self.court, self.judge_id.as_ref(), self.judge.as_deref())
    }

    /// Whether the case's judge is the one `wanted` names: a judge key (see [`judge_key`]), a
    /// staff number, or a name (every judge of that name: a search, narrowed by the court).
    pub fn judge_is(&self, wanted: &str) -> bool {
        let wanted = wanted.trim();
        self.judge_key().as_deref() == Some(wanted)
            || self
                .judge_id
                .as_ref()
                .is_some_and(|id| id.as_str() == wanted)
            || self.judge.as_deref().map(str::trim) == Some(wanted)
    }

    /// The days the excluded periods take off the limit (扣除审限天数).
    pub fn excluded_days(&self) -> u32 {
        excluded_days(&self.exclusions)
    }

    /// 审理天数: closing date − filing date − excluded days; `None` while pending.
    pub fn trial_days(&self) -> Option<i64> {
        let closed = self.closed_on?;
        Some((closed - self.filed_on).num_days() - i64::from(self.excluded_days()))
    }
}
