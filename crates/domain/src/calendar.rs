//! The official holiday calendar: days off and make-up working days (调休) from the State Council
//! notices, and the rule that tells a working day from a rest day.
//!
//! A date is a rest day if the calendar lists it `off`, or if it is a Saturday or Sunday that the
//! calendar does not list as a `workday`. The calendar ships inside the program (notice years
//! 2016–2026, `data/holidays-cn.csv`, facts from 国务院办公厅关于部分节假日安排的通知 of each year);
//! a deployment adds a newly published notice with a CSV of the same shape. For a year without a
//! notice the calendar says so: weekends still count as rest days, holidays are unknown. The last
//! days of December of the latest notice year are only provisional, because the next year's notice
//! may move New Year's Day into them (it reached back to 29 December for 2019).

use std::collections::{BTreeSet, HashMap};
use std::fmt;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::text::Text;

const BUILTIN_CSV: &str = include_str!("../data/holidays-cn.csv");

/// From this day of December the next year's notice may still change the calendar.
const PROVISIONAL_FROM_DECEMBER_DAY: u32 = 26;

/// What a notice says of a listed date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ListedKind {
    /// An official day off (放假), including weekend days inside a holiday block.
    Off,
    /// A Saturday or Sunday made a working day (调休上班).
    Workday,
}

#[derive(Clone, Debug, PartialEq, Eq)]
struct Listed {
    kind: ListedKind,
    holiday: String,
    notice_year: i32,
}

/// How much the calendar knows about a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Knowledge {
    /// The notice for the date's year is loaded.
    Known,
    /// Late December of the latest notice year: the next year's notice may still change it.
    Provisional,
    /// No notice covers the date's year: only weekends are known.
    Unknown,
}

/// Whether a date is a working day, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DayStatus {
    Working,
    /// A weekend day the notice made a working day; carries the holiday it makes up for.
    MakeUpWorkday(String),
    /// An official day off of the named holiday.
    Holiday(String),
    Weekend,
}

impl DayStatus {
    pub fn is_working(&self) -> bool {
        matches!(self, DayStatus::Working | DayStatus::MakeUpWorkday(_))
    }
}

/// A problem in one row of a calendar CSV.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CalendarError {
    /// The row number as a spreadsheet shows it (the header is row 1).
    pub row: usize,
    pub column: &'static str,
    pub value: String,
    pub reason: Text,
}

impl CalendarError {
    /// The row, column, value and reason, in both languages.
    pub fn text(&self) -> Text {
        let Self {
            row,
            column,
            value,
            reason,
        } = self;
        let (zh, en) = (reason.zh(), reason.en());
        crate::text!(
            "第{row}行 列“{column}” 值“{value}”: {zh}",
            "row {row} column “{column}” value “{value}”: {en}"
        )
    }
}

/// In Chinese, the default language; [`CalendarError::text`] has both.
impl fmt::Display for CalendarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().zh())
    }
}

/// The holiday calendar.
#[derive(Clone, Debug, Default)]
pub struct HolidayCalendar {
    listed: HashMap<NaiveDate, Listed>,
    notice_years: BTreeSet<i32>,
}

impl HolidayCalendar {
    /// The calendar shipped with the program.
    pub fn builtin() -> HolidayCalendar {
        // The embedded file is part of the program and is checked row by row by the tests.
        HolidayCalendar::from_csv(BUILTIN_CSV).unwrap_or_default()
    }

    /// A calendar with no notices at all: weekends only.
    pub fn weekends_only() -> HolidayCalendar {
        HolidayCalendar::default()
    }

    /// Reads a calendar CSV with header `date,kind,holiday,year_notice`; all or nothing.
    pub fn from_csv(text: &str) -> Result<HolidayCalendar, Vec<CalendarError>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut calendar = HolidayCalendar::default();
        let mut errors = Vec::new();
        let expected = ["date", "kind", "holiday", "year_notice"];
        match reader.headers() {
            Ok(h) if h.iter().map(str::trim).eq(expected) => {}
            Ok(h) => errors.push(CalendarError {
                row: 1,
                column: "",
                value: h.iter().collect::<Vec<_>>().join(","),
                reason: crate::text!(
                    "表头须为 date,kind,holiday,year_notice",
                    "the header must be date,kind,holiday,year_notice"
                ),
            }),
            Err(e) => errors.push(CalendarError {
                row: 1,
                column: "",
                value: String::new(),
                reason: crate::text!("表头无法读取: {e}", "the header cannot be read: {e}"),
            }),
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        for (index, record) in reader.records().enumerate() {
            let row = crate::csv_rows::row_of(text, index, &record);
            match record {
                Ok(record) => {
                    let cell = |i: usize| record.get(i).unwrap_or("").trim();
                    let mut fail = |column: &'static str, value: &str, reason: Text| {
                        errors.push(CalendarError {
                            row,
                            column,
                            value: value.to_string(),
                            reason,
                        })
                    };
                    let Ok(date) = NaiveDate::parse_from_str(cell(0), "%Y-%m-%d") else {
                        fail(
                            "date",
                            cell(0),
                            crate::text!(
                                "日期须为存在的 YYYY-MM-DD",
                                "the date must be a real day, written YYYY-MM-DD"
                            ),
                        );
                        continue;
                    };
                    let kind = match cell(1) {
                        "off" => ListedKind::Off,
                        "workday" => ListedKind::Workday,
                        other => {
                            fail(
                                "kind",
                                other,
                                crate::text!("须为 off 或 workday", "it must be off or workday"),
                            );
                            continue;
                        }
                    };
                    if kind == ListedKind::Workday && !is_weekend(date) {
                        fail(
                            "kind",
                            cell(1),
                            crate::text!(
                                "调休上班日须为周六或周日",
                                "a make-up workday must fall on a Saturday or a Sunday"
                            ),
                        );
                        continue;
                    }
                    let Ok(notice_year) = cell(3).parse::<i32>() else {
                        fail(
                            "year_notice",
                            cell(3),
                            crate::text!("须为四位年份", "it must be a four-digit year"),
                        );
                        continue;
                    };
                    if (i64::from(notice_year) - i64::from(date.year())).abs() > 1 {
                        fail(
                            "year_notice",
                            cell(3),
                            crate::text!(
                                "通知年度与日期相差超过一年",
                                "the notice's year is more than a year from the date"
                            ),
                        );
                        continue;
                    }
                    if calendar.listed.contains_key(&date) {
                        fail(
                            "date",
                            cell(0),
                            crate::text!("日期重复", "the date is listed twice"),
                        );
                        continue;
                    }
                    calendar.notice_years.insert(notice_year);
                    calendar.listed.insert(
                        date,
                        Listed {
                            kind,
                            holiday: cell(2).to_string(),
                            notice_year,
                        },
                    );
                }
                Err(e) => errors.push(CalendarError {
                    row,
                    column: "",
                    value: String::new(),
                    reason: crate::text!("行无法读取: {e}", "the row cannot be read: {e}"),
                }),
            }
        }
        if errors.is_empty() {
            Ok(calendar)
        } else {
            Err(errors)
        }
    }

    /// Adds the notices of `other`; a notice year present in both is taken from `other` whole.
    pub fn merge(&mut self, other: HolidayCalendar) {
        for year in &other.notice_years {
            self.listed.retain(|_, listed| listed.notice_year != *year);
        }
        self.notice_years.extend(other.notice_years);
        self.listed.extend(other.listed);
    }

    /// The notice years the calendar holds.
    pub fn notice_years(&self) -> impl Iterator<Item = i32> + '_ {
        self.notice_years.iter().copied()
    }

    pub fn knowledge(&self, date: NaiveDate) -> Knowledge {
        let year = date.year();
        if !self.notice_years.contains(&year) {
            return Knowledge::Unknown;
        }
        let late_december = date.month() == 12 && date.day() >= PROVISIONAL_FROM_DECEMBER_DAY;
        if late_december && !self.notice_years.contains(&(year + 1)) {
            Knowledge::Provisional
        } else {
            Knowledge::Known
        }
    }

    pub fn status(&self, date: NaiveDate) -> DayStatus {
        match self.listed.get(&date) {
            Some(listed) if listed.kind == ListedKind::Off => {
                DayStatus::Holiday(listed.holiday.clone())
            }
            Some(listed) => DayStatus::MakeUpWorkday(listed.holiday.clone()),
            None if is_weekend(date) => DayStatus::Weekend,
            None => DayStatus::Working,
        }
    }

    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.status(date).is_working()
    }

    /// The day `working_days` working days after `from` (not counting `from`): holidays skipped,
    /// make-up working days counted.
    pub fn working_days_after(&self, from: NaiveDate, working_days: u32) -> NaiveDate {
        let mut day = from;
        let mut left = working_days;
        while left > 0 {
            match day.checked_add_days(chrono::Days::new(1)) {
                Some(next) => day = next,
                None => break,
            }
            if self.is_working_day(day) {
                left -= 1;
            }
        }
        day
    }
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

#[cfg(test)]
mod tests;
