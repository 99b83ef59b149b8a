//! The months a forecast looks at: step 1 runs from the day after "today" to the end of today's
//! month (a whole month when today is a month's last day), each later step a whole calendar
//! month; a step's figure is what the month-end indicators will count at its last day.

use chrono::{Datelike, Months, NaiveDate};

use crate::cases::day;
use crate::period::month_end;

/// One month ahead: its days `first ..= last` as day numbers.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Step {
    pub first: i32,
    pub last: i32,
    /// The calendar month (1–12) of the step.
    pub month: u32,
    /// The share of the calendar month the step covers (1 for a whole month).
    pub share: f64,
    pub last_date: NaiveDate,
}

/// The `months` steps after `today`.
pub(crate) fn steps(today: NaiveDate, months: usize) -> Vec<Step> {
    let mut all = Vec::with_capacity(months);
    let mut before = today;
    while all.len() < months {
        let mut last = month_end(before);
        if last == before {
            let Some(next) = before.succ_opt() else { break };
            last = month_end(next);
        }
        let first = before.succ_opt().unwrap_or(before);
        let days_in_month = f64::from(last.day());
        let days = (day(last) - day(before)) as f64;
        all.push(Step {
            first: day(first),
            last: day(last),
            month: last.month(),
            share: days / days_in_month,
            last_date: last,
        });
        before = last;
    }
    all
}

/// The first day of the month `months` calendar months before the month of `date`.
pub(crate) fn month_start_back(date: NaiveDate, months: u32) -> NaiveDate {
    let start = date.with_day(1).unwrap_or(date);
    start
        .checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN)
}

/// The calendar month (1–12) of a day number.
pub(crate) fn month_of(day_number: i32) -> u32 {
    crate::cases::date(day_number).map_or(1, |d| d.month())
}

/// The position of a day's month counted from year 0 (so that months subtract).
pub(crate) fn month_index(day_number: i32) -> i32 {
    crate::cases::date(day_number).map_or(0, |d| d.year() * 12 + d.month0() as i32)
}
