//! The one place that reads "now". Court dates are China Standard Time (UTC+8) whatever the
//! server's own time zone, so a case filed at 07:00 Beijing time is dated that day.

use std::fmt::Debug;

use chrono::{NaiveDate, TimeDelta, Utc};

/// Tells today's date, and the time for the audit log.
pub trait Clock: Debug + Send + Sync {
    fn today(&self) -> NaiveDate;

    /// Now, in China Standard Time, as `YYYY-MM-DDTHH:MM:SS+08:00`.
    fn now_text(&self) -> String;
}

/// The real clock, in China Standard Time.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

const CHINA_STANDARD_TIME_HOURS: i64 = 8;

impl Clock for SystemClock {
    fn today(&self) -> NaiveDate {
        (Utc::now() + TimeDelta::hours(CHINA_STANDARD_TIME_HOURS)).date_naive()
    }

    fn now_text(&self) -> String {
        let local = Utc::now().naive_utc() + TimeDelta::hours(CHINA_STANDARD_TIME_HOURS);
        format!("{}+08:00", local.format("%Y-%m-%dT%H:%M:%S"))
    }
}

/// A clock stopped at one date: tests, and replaying a past day (`SHENGUAN_TODAY`).
#[derive(Clone, Copy, Debug)]
pub struct FixedClock(pub NaiveDate);

impl Clock for FixedClock {
    fn today(&self) -> NaiveDate {
        self.0
    }

    /// Midday of the fixed date, so that tests read the same log every run.
    fn now_text(&self) -> String {
        format!("{}T12:00:00+08:00", self.0)
    }
}
