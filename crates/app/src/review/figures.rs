//! The reviews as the figures count them: each case's review with the grade that stands after
//! any decision on an objection, the day it was decided and the day its case was selected —
//! handed to the indicator engine (the 案件评查 family) and tallied for the speech's sentence.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use shenguan_domain::review::grading::{Graded, Tally};
use shenguan_metrics::ReviewMark;
use shenguan_store::ReviewOutcomeRow;

use super::PlanKind;
use crate::accounts::{Role, User};
use crate::{App, AppError, Store};
use shenguan_domain::text;

/// One submitted review as it counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Settled {
    pub plan_id: i64,
    pub case_no: String,
    /// Why its plan took it (reversed, doubt, sample …).
    pub reason: String,
    /// The grade that stands, and whether that makes a problem or an error case.
    pub graded: Graded,
    pub mark: ReviewMark,
}

/// Each case's review as the figures count it: the one decided first (then selected first), as
/// the catalogue's 案件评查 family counts it.
pub(crate) fn first_decided(settled: &[Settled]) -> Vec<&Settled> {
    let mut by_case: BTreeMap<&str, &Settled> = BTreeMap::new();
    for review in settled {
        by_case
            .entry(review.case_no.as_str())
            .and_modify(|kept| {
                if (review.mark.decided, review.mark.selected)
                    < (kept.mark.decided, kept.mark.selected)
                {
                    *kept = review;
                }
            })
            .or_insert(review);
    }
    by_case.into_values().collect()
}

/// Whether a plan took a case as reversed, remanded or sent for retrial (发改再).
pub(crate) fn fagaizai(reason: &str) -> bool {
    matches!(reason, "reversed" | "remanded" | "retrial_ordered")
}

/// The date of a stored moment ("2026-03-01T09:00:00+08:00"), if it has one.
pub(crate) fn day_of(moment: &str) -> Option<NaiveDate> {
    moment
        .get(..10)
        .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
}

impl App {
    /// Every submitted review as it counts, by plan and case number. A review whose moments
    /// cannot be read (damaged rows) is left out rather than dated at random.
    pub fn settled_reviews(&self, store: &mut Store) -> Result<Vec<Settled>, AppError> {
        Ok(store
            .inner
            .review_outcomes()?
            .into_iter()
            .filter_map(|row| self.settle(row))
            .collect())
    }

    /// The grade a submitted review stands at before any decision: its own — or, where the
    /// network presumes reversed cases defective (`[review] presume_reversed_defective`), the
    /// error grade for a case taken as reversed, remanded or sent for retrial, until a decision on
    /// the judge's rebuttal says otherwise.
    pub(crate) fn presumed(&self, reason: &str, submitted: Graded) -> Graded {
        let scale = &self.config().review_scale;
        if self.config().review_presume_reversed && fagaizai(reason) && !submitted.error {
            Graded {
                grade: scale.error_grade().to_string(),
                problem: true,
                error: true,
                ..submitted
            }
        } else {
            submitted
        }
    }

    /// A stored review with the grade that stands: the last decision's, else the review's own
    /// (or the presumed one); decided on that decision's day, else on the day it was submitted.
    fn settle(&self, row: ReviewOutcomeRow) -> Option<Settled> {
        let scale = &self.config().review_scale;
        let own = Graded {
            score: row.score,
            grade: row.grade,
            problem: row.problem,
            error: row.error,
        };
        let submitted = self.presumed(&row.reason, own.clone());
        let (decided, graded) = match &row.decided {
            // A decision that lets the review's own grade stand (a presumption rebutted) leaves
            // the review as its findings made it.
            Some((day, grade)) if *grade == own.grade => (*day, own),
            Some((day, grade)) => (*day, submitted.after_decision(scale, grade)),
            None => (day_of(&row.submitted_at)?, submitted),
        };
        let mark = ReviewMark {
            selected: day_of(&row.plan_made)?,
            decided,
            key: fagaizai(&row.reason),
            problem: graded.problem,
            error: graded.error,
        };
        Some(Settled {
            plan_id: row.plan_id,
            case_no: row.case_no,
            reason: row.reason,
            graded,
            mark,
        })
    }

    /// Who the year's review speaks of for `user`: 全市法院 for the network, else their court
    /// (with the courts below it).
    pub fn review_whom(&self, user: &User) -> String {
        match user.court {
            None => "全市法院".to_string(),
            Some(court) if shenguan_domain::CourtScope::with_lower(court).is_one_court() => {
                self.courts().name_of(court)
            }
            Some(court) => format!("{}及辖区法院", self.courts().name_of(court)),
        }
    }

    /// The year's tally, the year before's, and the speech's sentence of them — beside the year
    /// before only when it had reviews (a change from nothing says nothing).
    pub fn review_sentence(
        &self,
        store: &mut Store,
        user: &User,
        year: i32,
    ) -> Result<(Tally, Tally, shenguan_domain::Text), AppError> {
        let (this, before) = self.review_tally(store, user, year)?;
        let said = shenguan_domain::review::grading::sentence(
            year,
            &self.review_whom(user),
            this,
            (before.reviewed > 0).then_some(before),
        );
        Ok((this, before, said))
    }

    /// The year's review of the cases reversed, remanded or sent for retrial (the 重点 plans whose
    /// period ends in it) within `user`'s courts, and the year before's: the grades that stand.
    pub fn review_tally(
        &self,
        store: &mut Store,
        user: &User,
        year: i32,
    ) -> Result<(Tally, Tally), AppError> {
        if !matches!(user.role, Role::Office | Role::Leader | Role::Admin) {
            return Err(AppError::Forbidden(text!(
                "年度评查情况由审管办、院领导和系统管理员查看",
                "the office, leaders and administrators read the year's review"
            )));
        }
        let settled = self.settled_reviews(store)?;
        let mut of_year = |year: i32| -> Result<Tally, AppError> {
            // A case reviewed in two plans of the year counts once (the first plan's review), and
            // counts for the reader whose courts hold the case, whatever court the plan was made
            // for.
            let plans: Vec<i64> = store
                .inner
                .review_plans_ending_in(PlanKind::Key.key(), year)?
                .into_iter()
                .map(|(id, _)| id)
                .collect();
            let mut graded: BTreeMap<&str, &Graded> = BTreeMap::new();
            // Only the 发改再 cases: a key plan's flagged or petitioned cases are not the speech's.
            for review in settled
                .iter()
                .filter(|s| plans.contains(&s.plan_id) && fagaizai(&s.reason))
            {
                if super::listing::covers(user, &review.case_no) {
                    graded.entry(&review.case_no).or_insert(&review.graded);
                }
            }
            Ok(Tally::of(graded.into_values()))
        };
        Ok((of_year(year)?, of_year(year.saturating_sub(1))?))
    }
}
