//! A judge's leave (休假、病假、学习、借调…): declared by the judge or the court's office with who
//! approved it, audited, and read by the draw, which passes over a judge on leave that day and
//! names them in its log entry (docs/allocation.md).

use std::collections::BTreeSet;

use chrono::NaiveDate;
use shenguan_domain::text;
use shenguan_store::LeaveRow;

use super::assign::{declarable, keeps_allocations};
use crate::accounts::User;
use crate::{App, AppError, Store};

/// The longest leave declared at once, in days: a longer absence ends the judge's post instead.
const LEAVE_DAYS_MAX: i64 = 366;

impl App {
    /// Declares `staff_id`'s leave over `first..=last` with its reason and who approved it — the
    /// judge themself, or the office or an administrator of their court. Audited
    /// (`allocation.leave`). A leave declared before from the same first day is kept as it was,
    /// and the answer says so.
    pub fn declare_leave(
        &self,
        store: &mut Store,
        by: &User,
        staff_id: &str,
        (first, last): (NaiveDate, NaiveDate),
        (reason, approver): (&str, &str),
    ) -> Result<(), AppError> {
        let (staff_id, reason, approver) = (staff_id.trim(), reason.trim(), approver.trim());
        let person = declarable(store, by, staff_id)?;
        if !(person.own || keeps_allocations(by, person.court)) {
            return Err(AppError::Forbidden(text!(
                "休假由法官本人或本院审管办申报",
                "a judge declares their own leave, or the court's office does"
            )));
        }
        if last < first || (last - first).num_days() >= LEAVE_DAYS_MAX {
            return Err(AppError::invalid_for(
                "to",
                &text!(
                    "休假止日须不早于起日，且不超过{LEAVE_DAYS_MAX}天",
                    "the leave ends on or after its first day, within {LEAVE_DAYS_MAX} days"
                ),
            ));
        }
        if reason.is_empty() || reason.chars().count() > 200 || reason.chars().any(char::is_control)
        {
            return Err(AppError::invalid_for(
                "reason",
                &text!(
                    "须写明事由（一行，不超过200字）",
                    "say why (one line of at most 200 characters)"
                ),
            ));
        }
        if approver.is_empty()
            || approver.chars().count() > 50
            || approver.chars().any(char::is_control)
        {
            return Err(AppError::invalid_for(
                "approver",
                &text!(
                    "休假须写明审批人（不超过50字）",
                    "a leave names who approved it (at most 50 characters)"
                ),
            ));
        }
        store.atomically(|store| {
            let held = store.inner.add_leave(&LeaveRow {
                staff_id: staff_id.to_string(),
                first_day: first.to_string(),
                last_day: last.to_string(),
                reason: reason.to_string(),
                approver: approver.to_string(),
                by_user: by.name.clone(),
                at: self.now_text(),
            })?;
            if let Some(held) = held {
                let end = held.last_day;
                return Err(AppError::Conflict(text!(
                    "工号{staff_id}已申报自{first}起的休假（至{end}），未作改动",
                    "{staff_id} has a leave from {first} declared already (to {end}): left as it was"
                )));
            }
            self.audit(
                store,
                Some(&by.name),
                "allocation.leave",
                &format!("{staff_id} {first}..{last} {approver}"),
            )
        })?;
        Ok(())
    }

    /// The staff on leave today.
    pub(crate) fn on_leave(&self, store: &mut Store) -> Result<BTreeSet<String>, AppError> {
        Ok(store
            .inner
            .on_leave(&self.today().to_string())?
            .into_iter()
            .collect())
    }
}
