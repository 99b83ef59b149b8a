//! The case-quality reviews (案件评查) beside the cases: for each case reviewed, the day its
//! review was decided, the days from its selection to that decision, and whether it was a
//! problem or an error case — few rows among many cases, kept apart and found by a flag, so that
//! the counters read them as flows of the case dated by the decision (docs/review.md).

use chrono::{Datelike, NaiveDate};
use shenguan_domain::{Text, text};

/// What the review of one case decided, as the caller hands it to [`crate::CasesBuilder`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReviewMark {
    /// The day the case was selected (its plan was made).
    pub selected: NaiveDate,
    /// The day the review was decided: submitted, or the objection's decision when one was made.
    pub decided: NaiveDate,
    /// Taken as reversed, remanded or sent for retrial (发改再), not for another reason of the
    /// 重点 rule nor by a routine or thematic plan.
    pub key: bool,
    /// A problem case (问题案件): at least one finding counts.
    pub problem: bool,
    /// An error case (差错案件): graded as the network's error grade.
    pub error: bool,
}

/// One bit each of what a review found.
pub(crate) mod bit {
    pub const KEY: u8 = 1;
    pub const PROBLEM: u8 = 1 << 1;
    pub const ERROR: u8 = 1 << 2;
}

/// One case's review as the counters read it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Review {
    pub decided: i32,
    pub days: u32,
    pub bits: u8,
}

/// The reviewed cases, by row (ascending, each once).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reviews {
    pub(crate) rows: Vec<u32>,
    pub(crate) decided: Vec<i32>,
    pub(crate) days: Vec<u32>,
    pub(crate) bits: Vec<u8>,
}

impl Reviews {
    /// From the marks by row: a case marked twice keeps the review decided first.
    pub(crate) fn build(mut marks: Vec<(u32, ReviewMark)>) -> Reviews {
        marks.sort_by_key(|(row, mark)| (*row, mark.decided, mark.selected));
        marks.dedup_by_key(|(row, _)| *row);
        let mut reviews = Reviews::default();
        for (row, mark) in marks {
            reviews.rows.push(row);
            reviews.decided.push(mark.decided.num_days_from_ce());
            let days = (mark.decided - mark.selected).num_days().max(0);
            reviews.days.push(u32::try_from(days).unwrap_or(u32::MAX));
            let bits = [
                (mark.key, bit::KEY),
                (mark.problem, bit::PROBLEM),
                (mark.error, bit::ERROR),
            ];
            reviews.bits.push(
                bits.iter()
                    .filter(|(on, _)| *on)
                    .fold(0, |all, (_, b)| all | b),
            );
        }
        reviews
    }

    /// The review of case `row`, if it has one.
    #[inline]
    pub(crate) fn of(&self, row: usize) -> Option<Review> {
        let row = u32::try_from(row).ok()?;
        let at = self.rows.binary_search(&row).ok()?;
        Some(Review {
            decided: self.decided[at],
            days: self.days[at],
            bits: self.bits[at],
        })
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Whether the columns agree with each other and with `cases` rows (as a snapshot is
    /// checked): rows ascending and within the cases, days that are dates, known bits.
    pub(crate) fn check(&self, cases: usize) -> Result<(), Text> {
        let n = self.rows.len();
        if self.decided.len() != n || self.days.len() != n || self.bits.len() != n {
            return Err(text!(
                "评查列长度不一致",
                "review columns of different lengths"
            ));
        }
        if self.rows.windows(2).any(|w| w[0] >= w[1])
            || self.rows.last().is_some_and(|r| *r as usize >= cases)
        {
            return Err(text!("评查案件行号有误", "a reviewed case's row is wrong"));
        }
        let (first, last) = (
            NaiveDate::MIN.num_days_from_ce(),
            NaiveDate::MAX.num_days_from_ce(),
        );
        if self.decided.iter().any(|d| !(first..=last).contains(d))
            || self
                .bits
                .iter()
                .any(|b| *b > bit::KEY | bit::PROBLEM | bit::ERROR)
        {
            return Err(text!("评查数据超出范围", "a review's value out of range"));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mark(selected: &str, decided: &str, problem: bool, error: bool) -> ReviewMark {
        ReviewMark {
            selected: selected.parse().unwrap(),
            decided: decided.parse().unwrap(),
            key: true,
            problem,
            error,
        }
    }

    #[test]
    fn a_case_reviewed_twice_keeps_the_review_decided_first() {
        let reviews = Reviews::build(vec![
            (7, mark("2025-03-01", "2025-05-01", true, true)),
            (2, mark("2025-01-01", "2025-01-31", false, false)),
            (7, mark("2025-02-01", "2025-04-01", true, false)),
        ]);
        assert_eq!(reviews.rows, [2, 7]);
        let seventh = reviews.of(7).unwrap();
        assert_eq!(seventh.days, 59, "2025-02-01 to 2025-04-01");
        assert_eq!(seventh.bits, bit::KEY | bit::PROBLEM);
        assert_eq!(reviews.of(2).unwrap().days, 30);
        assert_eq!(reviews.of(3), None);
        assert!(reviews.check(8).is_ok());
        assert!(reviews.check(7).is_err(), "row 7 is past seven cases");
    }

    #[test]
    fn a_decision_before_the_selection_takes_no_days() {
        let reviews = Reviews::build(vec![(0, mark("2025-03-01", "2025-02-01", true, false))]);
        assert_eq!(reviews.of(0).unwrap().days, 0);
    }

    #[test]
    fn damaged_columns_are_refused() {
        let mut reviews = Reviews::build(vec![
            (1, mark("2025-01-01", "2025-01-02", false, false)),
            (4, mark("2025-01-01", "2025-01-03", false, false)),
        ]);
        reviews.bits[0] = 0x80;
        assert!(reviews.check(5).is_err());
        reviews.bits[0] = 0;
        reviews.rows.swap(0, 1);
        assert!(reviews.check(5).is_err());
        reviews.rows.swap(0, 1);
        reviews.days.pop();
        assert!(reviews.check(5).is_err());
    }
}
