//! The allocation log of one day as the filing division and the office read it: the entries
//! written that day (by the moment each keeps) for cases of the reader's courts, in the order of
//! their numbers — the chain itself is checked whole by `App::verify_allocation_log`.

use chrono::NaiveDate;
use shenguan_domain::allocation::chain::Entry;
use shenguan_domain::{CaseNumber, CourtScope, text};

use crate::accounts::{Role, User};
use crate::{App, AppError, Store};

impl App {
    /// The entries of the allocation log written on `day` for cases of `user`'s courts (and the
    /// courts below them). The office, leaders and administrators.
    pub fn allocation_log_of_day(
        &self,
        store: &mut Store,
        user: &User,
        day: NaiveDate,
    ) -> Result<Vec<Entry>, AppError> {
        if !matches!(user.role, Role::Office | Role::Leader | Role::Admin) {
            return Err(AppError::Forbidden(text!(
                "分案日志由审管办、院领导和系统管理员查看",
                "the office, leaders and administrators read the allocation log"
            )));
        }
        // Moments are written `YYYY-MM-DDThh:mm:ss+08:00` in China Standard Time: the first ten
        // characters are the court's day.
        let day = day.to_string();
        let covered = |entry: &Entry| {
            let court = CaseNumber::parse(&entry.case_no, i32::MAX)
                .ok()
                .and_then(|n| n.court());
            match (user.court, court) {
                (None, _) => true,
                (Some(own), Some(court)) => CourtScope::with_lower(own).covers(court),
                (Some(_), None) => false,
            }
        };
        Ok(store
            .inner
            .allocation_log()?
            .into_iter()
            .filter(|e| e.at.get(..10) == Some(day.as_str()) && covered(e))
            .collect())
    }
}

#[cfg(test)]
mod tests;
