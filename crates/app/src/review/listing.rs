//! What the review pages list: the plans a reader may open, a judge's performance file (业绩档案:
//! every review of their cases with what followed it), and the finding items found most often (the
//! Pareto of a year's problems) — each held to the reader's scope.

use std::collections::{BTreeMap, HashSet};

use shenguan_domain::{CaseRecord, CourtCode, CourtScope, text};
use shenguan_store::ReviewPlanRow;

use super::ReviewFile;
use crate::accounts::{Role, User};
use crate::{App, AppError, Store};

/// One review in a judge's performance file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PerformanceEntry {
    pub plan_id: i64,
    pub plan_name: String,
    pub record: CaseRecord,
    pub file: ReviewFile,
    /// The review stands final as the network's error grade.
    pub final_error: bool,
}

/// The reviews decided in a year, as the figures count them, and what they found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct YearFindings {
    pub reviewed: u32,
    /// The problem cases among them: the base of each item's share.
    pub problem: u32,
    pub items: Vec<ItemCount>,
}

/// A finding item and how many reviewed cases it was found in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemCount {
    pub item: String,
    /// The item's group and text on the network's default sheet ("" for an item of another
    /// sheet).
    pub group: String,
    pub text: String,
    pub cases: u32,
}

/// Whether `user` reads plans of `court` (`None`: the network's).
pub(super) fn reads_plan(user: &User, court: Option<CourtCode>) -> bool {
    matches!(user.role, Role::Office | Role::Leader | Role::Admin)
        && match (user.court, court) {
            (None, _) => true,
            (Some(own), Some(plan)) => CourtScope::with_lower(own).covers(plan),
            (Some(_), None) => false,
        }
}

impl App {
    /// The plans `user` may open (the office, leaders and administrators of their courts), the
    /// newest first, without their cases.
    pub fn review_plans(
        &self,
        store: &mut Store,
        user: &User,
    ) -> Result<Vec<ReviewPlanRow>, AppError> {
        Ok(store
            .inner
            .review_plans()?
            .into_iter()
            .filter(|p| {
                let court = p.court.as_deref().and_then(|c| CourtCode::parse(c).ok());
                reads_plan(user, court)
            })
            .collect())
    }

    /// The performance file (业绩档案) of the judge with key `judge` (a staff number, or
    /// court:name): every submitted review of their cases with the objection, the decision and
    /// any accountability outcome, the newest plan first. Read by the judge, the head of the
    /// case's division, and the office, leaders and administrators of its court; others are told
    /// there is no such file.
    pub fn performance_file(
        &self,
        store: &mut Store,
        user: &User,
        judge: &str,
    ) -> Result<Vec<PerformanceEntry>, AppError> {
        let names: BTreeMap<i64, String> = store
            .inner
            .review_plans()?
            .into_iter()
            .map(|p| (p.id, p.name))
            .collect();
        let mut entries = Vec::new();
        let mut reviews = self.settled_reviews(store)?;
        reviews.sort_by(|a, b| b.plan_id.cmp(&a.plan_id).then(a.case_no.cmp(&b.case_no)));
        for review in reviews {
            let Some((record, _)) = store.inner.case(&review.case_no)? else {
                continue;
            };
            if record.judge_key().as_deref() != Some(judge) {
                continue;
            }
            // The review file says who may read it; a reader who may not is simply not shown it.
            let file = match self.review_file(store, user, review.plan_id, &review.case_no) {
                Ok(file) => file,
                Err(AppError::NotFound(_)) => continue,
                Err(other) => return Err(other),
            };
            let error_grade = self.config().review_scale.error_grade();
            let final_error = matches!(
                &file.standing,
                shenguan_domain::review::answer::Standing::Final { grade, .. } if grade == error_grade
            );
            entries.push(PerformanceEntry {
                final_error,
                plan_id: review.plan_id,
                plan_name: names.get(&review.plan_id).cloned().unwrap_or_default(),
                record,
                file,
            });
        }
        let own = user.judge_key().as_deref() == Some(judge);
        if entries.is_empty()
            && !own
            && !matches!(user.role, Role::Office | Role::Leader | Role::Admin)
        {
            return Err(AppError::NotFound(text!(
                "没有该法官的业绩档案",
                "there is no performance file of that judge"
            )));
        }
        Ok(entries)
    }

    /// The reviews decided in `year` of cases within `user`'s courts, each case once as the
    /// figures count it, and the finding items found in them: each item once per case, only
    /// findings that count, the most frequent first (ties by code).
    pub fn year_findings(
        &self,
        store: &mut Store,
        user: &User,
        year: i32,
    ) -> Result<YearFindings, AppError> {
        let settled = self.settled_reviews(store)?;
        let mut plans: BTreeMap<i64, HashSet<&str>> = BTreeMap::new();
        let (mut reviewed, mut problem) = (0, 0);
        for review in super::figures::first_decided(&settled)
            .into_iter()
            .filter(|s| chrono::Datelike::year(&s.mark.decided) == year && covers(user, &s.case_no))
        {
            reviewed += 1;
            if !review.graded.problem {
                // A case the decision cleared: its findings no longer count.
                continue;
            }
            problem += 1;
            plans
                .entry(review.plan_id)
                .or_default()
                .insert(review.case_no.as_str());
        }
        let mut counts: BTreeMap<String, u32> = BTreeMap::new();
        for (plan_id, cases) in plans {
            for result in store.inner.review_results(plan_id)? {
                if !cases.contains(result.case_no.as_str()) {
                    continue;
                }
                let mut items: Vec<&str> = result
                    .findings
                    .iter()
                    .filter(|f| f.excuse.is_none())
                    .map(|f| f.item.as_str())
                    .collect();
                items.sort_unstable();
                items.dedup();
                for item in items {
                    *counts.entry(item.to_string()).or_default() += 1;
                }
            }
        }
        let sheet = &self.config().review_sheets.default;
        let mut items: Vec<ItemCount> = counts
            .into_iter()
            .map(|(item, cases)| {
                let known = sheet.items.iter().find(|i| i.code == item);
                ItemCount {
                    group: known.map(|i| i.group.clone()).unwrap_or_default(),
                    text: known.map(|i| i.text.clone()).unwrap_or_default(),
                    item,
                    cases,
                }
            })
            .collect();
        items.sort_by(|a, b| b.cases.cmp(&a.cases).then_with(|| a.item.cmp(&b.item)));
        Ok(YearFindings {
            reviewed,
            problem,
            items,
        })
    }
}

/// Whether case `case_no` is of `user`'s courts (its number names its court).
pub(super) fn covers(user: &User, case_no: &str) -> bool {
    let court = shenguan_domain::CaseNumber::parse(case_no, i32::MAX)
        .ok()
        .and_then(|n| n.court());
    match (user.court, court) {
        (None, _) => true,
        (Some(own), Some(case)) => CourtScope::with_lower(own).covers(case),
        (Some(_), None) => false,
    }
}

impl App {
    /// Plan `id` with the reviews submitted so far, if `user` may read it.
    pub fn plan_with_results(
        &self,
        store: &mut Store,
        user: &User,
        id: i64,
    ) -> Result<(ReviewPlanRow, Vec<shenguan_store::ReviewResultRow>), AppError> {
        let plan = self.review_plan(store, user, id)?;
        let results = store.inner.review_results(id)?;
        Ok((plan, results))
    }
}

impl App {
    /// The names of the staff by staff number, for the pages to name reviewers.
    pub fn staff_names(
        &self,
        store: &mut Store,
    ) -> Result<std::collections::HashMap<String, String>, AppError> {
        Ok(store
            .inner
            .staff()?
            .into_iter()
            .map(|s| (s.id.to_string(), s.name))
            .collect())
    }
}
