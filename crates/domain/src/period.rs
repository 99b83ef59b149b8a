//! Periods in months or days and where they end (Civil Code Arts. 200–202; CPL Art. 85).
//!
//! The start day is not counted. A period in days ends that many days after the start; a period in
//! months ends on the day of the final month that corresponds to the start day, or on that month's
//! last day when it has no such day (2024-01-31 + 1 month = 2024-02-29).

use std::fmt;

use chrono::{Datelike, Days, Months, NaiveDate};

/// Longest period accepted: statutory limits and extensions are counted in months, not decades.
const MAX_MONTHS: u32 = 120;
const MAX_DAYS: u32 = 3650;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Period {
    Months(u32),
    Days(u32),
}

/// Where a period ends, and whether the month-end rule moved it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PeriodEnd {
    pub date: NaiveDate,
    /// The corresponding day the final month lacked (e.g. 31), when the last day was used instead.
    pub month_end_for_day: Option<u32>,
}

/// Why a text is not a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodError {
    pub text: String,
}

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "期间“{}”无法识别，应写作如 6m、6个月、30d、30日（1–{MAX_MONTHS}个月或1–{MAX_DAYS}日）; period “{}” not understood: write e.g. 6m or 30d",
            self.text, self.text
        )
    }
}

impl std::error::Error for PeriodError {}

impl Period {
    /// Reads `6m`, `6M`, `6个月`, `6月`, `30d`, `30D`, `30日`, `30天`.
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        let error = || PeriodError {
            text: text.to_string(),
        };
        let trimmed = text.trim();
        let digits_end = trimmed
            .find(|c: char| !c.is_ascii_digit())
            .ok_or_else(error)?;
        let (number, unit) = trimmed.split_at(digits_end);
        let n: u32 = number.parse().map_err(|_| error())?;
        let period = match unit.trim() {
            "m" | "M" | "个月" | "月" => Period::Months(n),
            "d" | "D" | "日" | "天" => Period::Days(n),
            _ => return Err(error()),
        };
        match period {
            Period::Months(n) if (1..=MAX_MONTHS).contains(&n) => Ok(period),
            Period::Days(n) if (1..=MAX_DAYS).contains(&n) => Ok(period),
            _ => Err(error()),
        }
    }

    /// The last day of the period that starts (uncounted) on `start`; `None` past year 262143.
    pub fn end_after(self, start: NaiveDate) -> Option<PeriodEnd> {
        match self {
            Period::Days(n) => Some(PeriodEnd {
                date: start.checked_add_days(Days::new(u64::from(n)))?,
                month_end_for_day: None,
            }),
            Period::Months(n) => {
                // chrono clamps to the month's last day, which is exactly Civil Code Art. 202.
                let date = start.checked_add_months(Months::new(n))?;
                Some(PeriodEnd {
                    date,
                    month_end_for_day: (date.day() != start.day()).then_some(start.day()),
                })
            }
        }
    }

    pub fn label_zh(self) -> String {
        match self {
            Period::Months(n) => format!("{n}个月"),
            Period::Days(n) => format!("{n}日"),
        }
    }

    pub fn label_en(self) -> String {
        match self {
            Period::Months(1) => "1 month".to_string(),
            Period::Months(n) => format!("{n} months"),
            Period::Days(1) => "1 day".to_string(),
            Period::Days(n) => format!("{n} days"),
        }
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label_zh())
    }
}
