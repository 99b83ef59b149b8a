//! The demonstration's supervision in use: over the judge's own cases of the generated network,
//! the office's 督办 of the last three weeks — replied and closed, returned, escalated, still
//! awaiting a reply past its date, newly opened — a time-limit extension approved and one awaiting
//! its decision, and a 终本 review; each step taken through the services themselves on the day it
//! happened, so that states, dates and the audit log hold together as in a court that uses them.

use chrono::{Days, NaiveDate};
use shenguan_domain::Period;
use shenguan_metrics::Filter;

use crate::accounts::User;
use crate::duban::{OpenRequest, Reason, Step};
use crate::signals::Signal;
use crate::{App, AppError, FixedClock, Store};

mod allocations;
mod reviews;

pub use allocations::demo_rules_text;
pub use reviews::SeededReviews;

/// Who takes the steps.
#[derive(Clone, Copy, Debug)]
pub struct DemoPeople<'a> {
    pub office: &'a User,
    pub leader: &'a User,
    pub judge: &'a User,
}

/// What was made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Seeded {
    pub items: usize,
    pub applications: usize,
    pub reviews: usize,
}

impl App {
    /// A copy of the application whose clock stands on `day`: a history replayed day by day.
    pub fn on(&self, day: NaiveDate) -> Result<App, AppError> {
        App::with_clock(self.config().clone(), Box::new(FixedClock(day)))
    }

    /// Takes the demonstration's supervision steps, unless the store holds 督办 items already
    /// (a demonstration reused); what was made.
    pub fn seed_workflows(
        &self,
        store: &mut Store,
        people: DemoPeople<'_>,
    ) -> Result<Seeded, AppError> {
        let today = self.today();
        if !store
            .inner
            .supervision_items(&shenguan_store::SupervisionQuery::default())?
            .is_empty()
        {
            return Ok(Seeded::default());
        }
        let ago = |days: u64| today - Days::new(days);
        // The judge's pending cases by the day their limit runs out, the most urgent first.
        let mut pending: Vec<(NaiveDate, shenguan_domain::CaseRecord)> = self
            .pending_today(store, people.judge, &mut Filter::default())?
            .into_iter()
            // Filed before the first step, so that nothing is supervised before it exists.
            .filter(|case| case.filed_on <= ago(20))
            .filter_map(|case| Some((self.case_deadline(&case)?, case)))
            .collect();
        pending.sort_by_key(|(deadline, case)| (*deadline, case.case_no.to_string()));
        // The five most urgent are supervised; the next two with more than fifteen days left get
        // an application for more time, in time.
        let urgent: Vec<(String, Reason)> = pending
            .iter()
            .take(5)
            .map(|(deadline, case)| {
                let reason = if *deadline < today {
                    Reason::OverTimeLimit
                } else if case.case_no.category() == Some(shenguan_domain::Category::Enforcement) {
                    Reason::PassiveEnforcement
                } else {
                    Reason::TimeLimitNear
                };
                (case.case_no.to_string(), reason)
            })
            .collect();
        // The demonstration's leader is the court's president: the applications go on cases
        // whose extension the president approves (a first one of a civil case), not those the
        // court above decides.
        let president_approves = |case: &shenguan_domain::CaseRecord| {
            let change = shenguan_supervision::limit_request::Change::Extension {
                length: Period::Months(1),
            };
            let category = case.case_no.category();
            shenguan_supervision::limit_request::approver(&change, category, case.extensions.len())
                == shenguan_domain::Approver::President
        };
        let near: Vec<String> = pending
            .iter()
            .skip(urgent.len())
            .filter(|(deadline, _)| (*deadline - today).num_days() > 15)
            .filter(|(_, case)| president_approves(case))
            .take(2)
            .map(|(_, case)| case.case_no.to_string())
            .collect();
        let mut seeded = Seeded::default();
        // Three weeks ago the office supervised them.
        let mut opened = Vec::new();
        let then = self.on(ago(20))?;
        for (number, reason) in &urgent {
            let instructions = match reason {
                Reason::OverTimeLimit => "已超审限，请说明原因并报结案计划",
                Reason::PassiveEnforcement => "请说明已采取的执行措施及下一步计划",
                _ => "审限即将届满，请抓紧审理或依法申请延长",
            };
            opened.extend(then.open_supervision(
                store,
                people.office,
                &OpenRequest {
                    cases: std::slice::from_ref(number),
                    reason: *reason,
                    instructions,
                    answerer: Some(&people.judge.name),
                    due_on: None,
                },
            )?);
        }
        seeded.items += opened.len();
        // Two replies in time; one accepted and closed, one returned for a better plan.
        if let [first, second, third, ..] = opened[..] {
            let app = self.on(ago(14))?;
            for id in [first, second] {
                app.supervision_step(
                    store,
                    people.judge,
                    id,
                    &Step::Reply {
                        text: "已完成鉴定，定于下周开庭，预计本月内结案",
                    },
                )?;
            }
            let app = self.on(ago(10))?;
            app.supervision_step(
                store,
                people.office,
                first,
                &Step::Close {
                    note: "同意结案计划",
                },
            )?;
            app.supervision_step(
                store,
                people.office,
                second,
                &Step::Return {
                    note: "结案计划不具体，请列明开庭与宣判日期",
                    due_on: ago(3),
                },
            )?;
            // The third was never answered: raised to the next level.
            self.on(ago(6))?.supervision_step(
                store,
                people.office,
                third,
                &Step::Escalate {
                    due_on: today + Days::new(2),
                },
            )?;
        }
        // Yesterday: a case nearing its limit.
        if let Some(number) = near.first() {
            let ids = self.on(ago(1))?.open_supervision(
                store,
                people.office,
                &OpenRequest {
                    cases: std::slice::from_ref(number),
                    reason: Reason::TimeLimitNear,
                    instructions: "审限即将届满，请抓紧审理或依法申请延长",
                    answerer: Some(&people.judge.name),
                    due_on: None,
                },
            )?;
            seeded.items += ids.len();
        }
        // An extension asked five days ago and approved two days later; one asked today.
        if let Some(number) = near.get(1) {
            let asked = self.on(ago(5))?.apply_for_limit_change(
                store,
                people.judge,
                number,
                shenguan_supervision::limit_request::Change::Extension {
                    length: Period::Months(1),
                },
                "需等待鉴定意见",
            )?;
            self.on(ago(3))?.decide_limit_request(
                store,
                people.leader,
                asked.row.id,
                true,
                "同意延长一个月",
            )?;
            seeded.applications += 1;
        }
        if let Some(number) = near.first() {
            self.apply_for_limit_change(
                store,
                people.judge,
                number,
                shenguan_supervision::limit_request::Change::Extension {
                    length: Period::Months(2),
                },
                "当事人申请追加被告，需重新送达",
            )?;
            seeded.applications += 1;
        }
        // A 终本 closing of this year the checklist finds wanting, confirmed on review.
        let year_start =
            NaiveDate::from_ymd_opt(chrono::Datelike::year(&today), 1, 1).unwrap_or(today);
        let failing = self.enforcement_signal(
            store,
            people.office,
            Filter::default(),
            Signal::Zhongben,
            (year_start, today),
        )?;
        if let Some(case) = failing.first() {
            self.record_zhongben_finding(
                store,
                people.office,
                &case.case.case_no.to_string(),
                false,
                "经评查，终本前未约谈申请执行人，认定不合格",
            )?;
            seeded.reviews += 1;
        }
        Ok(seeded)
    }
}
