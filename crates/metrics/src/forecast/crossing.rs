//! The pending cases that pass 12, 18 and 36 months in a coming month: which they are is certain
//! from their filing dates (counted as the 超12/18/36个月未结 indicators count them at a month's
//! end: filed more than so many calendar months before it); how many will still be pending then
//! is what the curves expect.

use crate::cases::{date, day};
use crate::period::months_back;

use super::steps::Step;

/// The ages the long-pending lists watch.
pub const CROSSING_MONTHS: [u32; 3] = [12, 18, 36];

/// The cases pending today that pass one age in one month.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Crossing {
    /// How many pass it this month unless closed before (certain, from the dates).
    pub reaching: u64,
    /// Of them, how many the curves expect still pending at the month's end.
    pub expected_pending: f64,
}

/// One of the cases pending today that pass 12, 18 or 36 months in a coming month unless closed
/// before: certain from its filing date.
#[derive(Clone, Debug, PartialEq)]
pub struct CrossingCase {
    /// 案号 (empty when the columns were loaded without case numbers).
    pub case_no: String,
    pub court: shenguan_domain::CourtCode,
    pub filed: chrono::NaiveDate,
    /// 12, 18 or 36.
    pub months: u32,
    /// The last day of the month at whose end it is older than `months` months.
    pub month_end: chrono::NaiveDate,
    /// The chance the curves give that it is still pending then.
    pub still_pending: f64,
}

impl Crossing {
    pub(crate) fn add(&mut self, other: &Crossing) {
        self.reaching += other.reaching;
        self.expected_pending += other.expected_pending;
    }
}

/// The step (index) in which a case filed on `filed` first counts as older than `months`
/// months at a step's end, if it does within the steps and did not already on `today`.
pub(crate) fn crossing_step(filed: i32, months: u32, today: i32, steps: &[Step]) -> Option<usize> {
    let older_at =
        |instant: i32| date(instant).is_some_and(|d| filed < day(months_back(d, months)));
    if older_at(today) {
        return None;
    }
    steps.iter().position(|step| older_at(step.last))
}
