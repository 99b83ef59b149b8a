//! Use case: the supervision lists — time-limit warnings (审限预警) for pending cases, and cases
//! pending more than 12, 18 or 36 months (长期未结) with their age and last event — within the
//! user's scope, as of today.

use chrono::NaiveDate;
use shenguan_domain::{CaseRecord, EventRecord, WarningTier, warning_tier};
use shenguan_metrics::Filter;
use shenguan_metrics::period::months_back;
use shenguan_store::{CaseQuery, Store};

use crate::accounts::User;
use crate::{App, AppError};

/// A pending case near or past its deadline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub case: CaseRecord,
    pub deadline: NaiveDate,
    /// Negative when overdue.
    pub days_left: i64,
    pub tier: WarningTier,
}

/// A case pending for a long time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LongPending {
    pub case: CaseRecord,
    pub age_days: i64,
    pub last_event: Option<EventRecord>,
}

impl App {
    /// The cases pending today that the user may see, narrowed by `filter`.
    fn pending_today(
        &self,
        store: &mut Store,
        user: &User,
        filter: &mut Filter,
    ) -> Result<Vec<CaseRecord>, AppError> {
        user.restrict(filter).map_err(|e| AppError::Invalid(e.0))?;
        let today = self.today();
        let cases = store
            .cases(&CaseQuery {
                court: filter.court,
                from: Some(today),
                to: Some(today),
            })
            .map_err(|e| AppError::Invalid(e.to_string()))?;
        Ok(cases
            .into_iter()
            .filter(|c| c.closed_on.is_none_or(|d| d > today))
            .filter(|c| user.may_see(c))
            .filter(|c| filter.division.is_none() || c.division == filter.division)
            .filter(|c| filter.judge.is_none() || c.judge == filter.judge)
            .collect())
    }

    /// Time-limit warnings as of today, most urgent first (then fewest days left, then number);
    /// only `tier` if given.
    pub fn warnings(
        &self,
        store: &mut Store,
        user: &User,
        mut filter: Filter,
        tier: Option<WarningTier>,
    ) -> Result<Vec<Warning>, AppError> {
        let today = self.today();
        let mut warnings: Vec<Warning> = self
            .pending_today(store, user, &mut filter)?
            .into_iter()
            .filter_map(|case| {
                let deadline = self.case_deadline(&case)?;
                let found = warning_tier(case.filed_on, deadline, today)?;
                (tier.is_none_or(|t| t == found)).then(|| Warning {
                    days_left: (deadline - today).num_days(),
                    deadline,
                    tier: found,
                    case,
                })
            })
            .collect();
        warnings.sort_by(|a, b| {
            (a.tier, a.days_left, a.case.case_no.to_string()).cmp(&(
                b.tier,
                b.days_left,
                b.case.case_no.to_string(),
            ))
        });
        Ok(warnings)
    }

    /// Cases pending today, filed more than `months` calendar months ago, oldest first.
    pub fn long_pending(
        &self,
        store: &mut Store,
        user: &User,
        mut filter: Filter,
        months: u32,
    ) -> Result<Vec<LongPending>, AppError> {
        let today = self.today();
        let cut = months_back(today, months);
        let mut old: Vec<CaseRecord> = self
            .pending_today(store, user, &mut filter)?
            .into_iter()
            .filter(|c| c.filed_on < cut)
            .collect();
        old.sort_by(|a, b| {
            (a.filed_on, a.case_no.to_string()).cmp(&(b.filed_on, b.case_no.to_string()))
        });
        old.into_iter()
            .map(|case| {
                let events = store
                    .case(&case.case_no.to_string())
                    .map_err(|e| AppError::Invalid(e.to_string()))?
                    .map(|(_, events)| events)
                    .unwrap_or_default();
                Ok(LongPending {
                    age_days: (today - case.filed_on).num_days(),
                    last_event: events.into_iter().max_by_key(|e| e.date),
                    case,
                })
            })
            .collect()
    }
}
