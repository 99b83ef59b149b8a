//! Use case: the supervision lists — time-limit warnings (审限预警) for pending cases, cases
//! pending more than 12, 18 or 36 months (长期未结) with their age and last event, and pending
//! enforcement cases with no measure taken for 30, 60 or 90 days — within the user's scope, as of
//! today.

use chrono::NaiveDate;
use shenguan_domain::{CaseRecord, Category, EventRecord, WarningTier, warning_tier};
use shenguan_metrics::Filter;
use shenguan_metrics::period::months_back;
use shenguan_store::CaseQuery;

use crate::accounts::User;
use crate::{App, AppError, Store};

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

/// A pending enforcement case with no measure for a while.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdleEnforcement {
    pub case: CaseRecord,
    /// The last measure's date, if any was taken.
    pub last_measure: Option<NaiveDate>,
    /// Days since the last measure, or since filing when none was taken.
    pub idle_days: i64,
}

impl App {
    /// The cases pending today that the user may see, narrowed by `filter`.
    pub(crate) fn pending_today(
        &self,
        store: &mut Store,
        user: &User,
        filter: &mut Filter,
    ) -> Result<Vec<CaseRecord>, AppError> {
        let today = self.today();
        Ok(self
            .cases_between(store, user, filter, today, today)?
            .into_iter()
            .filter(|c| c.closed_on.is_none_or(|d| d > today))
            .collect())
    }

    /// The cases of the store between `from` and `to` (as the store's case query reads a span)
    /// that the user may see, narrowed by `filter` (restricted to the user's scope first).
    pub(crate) fn cases_between(
        &self,
        store: &mut Store,
        user: &User,
        filter: &mut Filter,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<CaseRecord>, AppError> {
        user.restrict(filter).map_err(|e| AppError::Invalid(e.0))?;
        let cases = store
            .inner
            .cases(&CaseQuery {
                court: filter.court,
                from: Some(from),
                to: Some(to),
            })
            .map_err(AppError::from)?;
        Ok(cases
            .into_iter()
            .filter(|c| user.may_see(c))
            .filter(|c| filter.division.is_none() || c.division == filter.division)
            .filter(|c| filter.judge.as_deref().is_none_or(|j| c.judge_is(j)))
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
        // Ties by case number in its natural order (year, court, type, serial: 民初2号 before
        // 民初10号), not as text.
        warnings.sort_by(|a, b| {
            (a.tier, a.days_left, &a.case.case_no).cmp(&(b.tier, b.days_left, &b.case.case_no))
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
        old.sort_by(|a, b| (a.filed_on, &a.case_no).cmp(&(b.filed_on, &b.case_no)));
        old.into_iter()
            .map(|case| {
                let events = store
                    .inner
                    .case(&case.case_no.to_string())
                    .map_err(AppError::from)?
                    .map(|(_, events)| events)
                    .unwrap_or_default();
                Ok(LongPending {
                    age_days: (today - case.filed_on).num_days(),
                    // As of today: an event dated later (a replayed day) has not happened yet.
                    last_event: events
                        .into_iter()
                        .filter(|e| e.date <= today)
                        .max_by_key(|e| e.date),
                    case,
                })
            })
            .collect()
    }

    /// Pending enforcement cases whose last measure (or, without one, whose filing) is more than
    /// `days` days ago, longest idle first.
    pub fn idle_enforcement(
        &self,
        store: &mut Store,
        user: &User,
        mut filter: Filter,
        days: i64,
    ) -> Result<Vec<IdleEnforcement>, AppError> {
        let today = self.today();
        let pending: Vec<CaseRecord> = self
            .pending_today(store, user, &mut filter)?
            .into_iter()
            .filter(|c| c.case_no.category() == Some(Category::Enforcement))
            .collect();
        let events = store
            .inner
            .events(&CaseQuery {
                court: filter.court,
                from: Some(today),
                to: Some(today),
            })
            .map_err(AppError::from)?;
        let mut last: std::collections::HashMap<String, NaiveDate> =
            std::collections::HashMap::new();
        for event in events
            .iter()
            .filter(|e| e.kind.is_enforcement_measure() && e.date <= today)
        {
            let entry = last.entry(event.case_no.to_string()).or_insert(event.date);
            *entry = (*entry).max(event.date);
        }
        let mut idle: Vec<IdleEnforcement> = pending
            .into_iter()
            .filter_map(|case| {
                let last_measure = last.get(&case.case_no.to_string()).copied();
                let idle_days = (today - last_measure.unwrap_or(case.filed_on)).num_days();
                (idle_days > days).then_some(IdleEnforcement {
                    case,
                    last_measure,
                    idle_days,
                })
            })
            .collect();
        idle.sort_by(|a, b| (b.idle_days, &a.case.case_no).cmp(&(a.idle_days, &b.case.case_no)));
        Ok(idle)
    }
}

#[cfg(test)]
mod tests;
