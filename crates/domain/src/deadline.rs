//! The deadline (审限届满日) of a case, with notes that explain every step of its computation.
//!
//! 1. The statutory limit runs from the filing date, the start day not counted (see [`Period`]).
//! 2. Each approved extension is added in order, to the end reached so far.
//! 3. The excluded days (扣除审限) are added.
//! 4. If the day reached is a rest day, the deadline moves to the next working day (CPL Art. 85,
//!    Civil Code Art. 203); a deployment can switch this step off.

use std::fmt::Write as _;

use chrono::{Datelike, Days, NaiveDate};

use crate::calendar::{DayStatus, HolidayCalendar, Knowledge};
use crate::limit_change::{Exclusion, ExclusionGround, excluded_days};
use crate::period::{Period, PeriodEnd};
use crate::time_limit::{Procedure, TimeLimitError, TimeLimits};

/// What a deadline is computed from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeadlineRequest<'a> {
    pub filed_on: NaiveDate,
    pub type_code: &'a str,
    pub procedure: Option<Procedure>,
    /// Approved extensions, in the order they were approved.
    pub extensions: &'a [Period],
    /// The periods that do not count (扣除审限), with their grounds: the note names them.
    pub exclusions: &'a [Exclusion],
}

/// Settings of the computation a deployment may change.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DeadlineOptions {
    /// Move a deadline that falls on a rest day to the next working day.
    pub roll_past_rest_days: bool,
}

impl Default for DeadlineOptions {
    fn default() -> Self {
        DeadlineOptions {
            roll_past_rest_days: true,
        }
    }
}

/// A computed deadline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    /// `None` when the law sets no limit for the type and procedure.
    pub date: Option<NaiveDate>,
    /// The statutory limit before extensions.
    pub limit: Option<Period>,
    /// 延长天数: how many days the approved extensions add to the statutory end (a month-long
    /// extension adds the days of the calendar months it spans); 0 without extensions.
    pub extension_days: u32,
    /// The procedure whose rule applied.
    pub procedure: Option<Procedure>,
    /// One note per step, in Chinese.
    pub notes: Vec<String>,
    /// The same notes in English.
    pub notes_en: Vec<String>,
    /// What the calendar knows about the deadline's date.
    pub calendar: Knowledge,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeadlineError {
    Rule(TimeLimitError),
    /// The date arithmetic left the calendar's range.
    OutOfRange,
}

impl DeadlineError {
    /// The reason in both languages.
    pub fn text(&self) -> crate::Text {
        match self {
            DeadlineError::Rule(e) => e.text(),
            DeadlineError::OutOfRange => crate::text!(
                "日期超出可计算范围",
                "the date falls outside the range that can be computed"
            ),
        }
    }
}

/// In Chinese, the default language; [`DeadlineError::text`] has both.
impl std::fmt::Display for DeadlineError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text().zh())
    }
}

impl std::error::Error for DeadlineError {}

/// Why the excluded days do not count, item by item ("公告 2026-03-02起30日"); the general words
/// when no item names its ground (a system that exports a bare total).
fn exclusion_grounds(exclusions: &[Exclusion]) -> (String, String) {
    if exclusions
        .iter()
        .all(|e| e.ground == ExclusionGround::Unstated)
    {
        return (
            "公告、鉴定、中止等不计入审限的期间".into(),
            "notice, expert assessment, suspension…".into(),
        );
    }
    let items = exclusions.iter().map(|e| {
        let days = e.days;
        let zh = e.ground.label_zh();
        let en = e.ground.label_en();
        match e.from {
            Some(from) => (
                format!("{zh} {from}起{days}日"),
                format!("{en} {days} days from {from}"),
            ),
            None => (format!("{zh} {days}日"), format!("{en} {days} days")),
        }
    });
    let (zh, en): (Vec<String>, Vec<String>) = items.unzip();
    (zh.join("；"), en.join("; "))
}

/// Longest run of rest days the roll step walks over; the longest holiday block is 9 days.
const MAX_REST_RUN: u32 = 40;

/// Computes the deadline of `request` under `limits` and `calendar`, with its notes.
pub fn compute_deadline(
    request: &DeadlineRequest<'_>,
    limits: &TimeLimits,
    calendar: &HolidayCalendar,
    options: DeadlineOptions,
) -> Result<Deadline, DeadlineError> {
    compute(request, limits, calendar, options, Notes::new(true))
}

/// The deadline's date alone, without the notes (what bulk work — exports, indicators, the
/// simulator — needs; the same steps, nothing formatted). `None` when there is no statutory limit.
pub fn deadline_date(
    request: &DeadlineRequest<'_>,
    limits: &TimeLimits,
    calendar: &HolidayCalendar,
    options: DeadlineOptions,
) -> Result<Option<NaiveDate>, DeadlineError> {
    compute(request, limits, calendar, options, Notes::new(false)).map(|d| d.date)
}

/// The deadline and its figures (limit, days the extensions add) without the notes: for bulk
/// work that writes more than the date.
pub fn deadline_summary(
    request: &DeadlineRequest<'_>,
    limits: &TimeLimits,
    calendar: &HolidayCalendar,
    options: DeadlineOptions,
) -> Result<Deadline, DeadlineError> {
    compute(request, limits, calendar, options, Notes::new(false))
}

fn compute(
    request: &DeadlineRequest<'_>,
    limits: &TimeLimits,
    calendar: &HolidayCalendar,
    options: DeadlineOptions,
    mut notes: Notes,
) -> Result<Deadline, DeadlineError> {
    let rule = limits
        .rule_for(request.type_code, request.procedure)
        .map_err(DeadlineError::Rule)?;
    let Some(rule) = rule.filter(|r| r.limit.is_some()) else {
        notes.push(|| {
            (
                format!("“{}”案件无法定审限，不计算届满日", request.type_code),
                format!(
                    "{} cases have no statutory time limit; no deadline is computed",
                    request.type_code
                ),
            )
        });
        return Ok(Deadline {
            date: None,
            limit: None,
            extension_days: 0,
            procedure: request.procedure,
            notes: notes.zh,
            notes_en: notes.en,
            calendar: calendar.knowledge(request.filed_on),
        });
    };
    let limit = rule.limit.ok_or(DeadlineError::OutOfRange)?;
    if request.procedure.is_none() {
        notes.push(|| {
            (
                format!("未指定适用程序，按“{}”计算", rule.procedure),
                format!(
                    "no procedure given; the {} rule applies",
                    rule.procedure.key()
                ),
            )
        });
    }

    let base = step(limit, request.filed_on)?;
    let end = base.date;
    notes.push(|| {
        (
            format!(
                "立案日{}（当日不计入），法定审限{}，届满于{}。依据：{}（{}）",
                request.filed_on,
                limit.label_zh(),
                end,
                rule.basis,
                rule.certainty.label_zh()
            ),
            format!(
                "filed {} (that day not counted); statutory limit {} ends {}",
                request.filed_on,
                limit.label_en(),
                end
            ),
        )
    });
    note_month_end(base, &mut notes);
    let mut end = end;
    for (index, extension) in request.extensions.iter().enumerate() {
        let extended_end = step(*extension, end)?;
        let extended = extended_end.date;
        notes.push(|| {
            (
                format!(
                    "第{}次延长审限{}：{} → {}",
                    index + 1,
                    extension.label_zh(),
                    end,
                    extended
                ),
                format!(
                    "extension {} of {}: {} → {}",
                    index + 1,
                    extension.label_en(),
                    end,
                    extended
                ),
            )
        });
        note_month_end(extended_end, &mut notes);
        end = extended;
    }
    let extension_days = u32::try_from((end - base.date).num_days()).unwrap_or(u32::MAX);
    let excluded = excluded_days(request.exclusions);
    if excluded > 0 {
        let moved = end
            .checked_add_days(Days::new(u64::from(excluded)))
            .ok_or(DeadlineError::OutOfRange)?;
        notes.push(|| {
            let (why_zh, why_en) = exclusion_grounds(request.exclusions);
            (
                format!("扣除审限{excluded}日（{why_zh}）：{end} → {moved}"),
                format!("{excluded} excluded days ({why_en}): {end} → {moved}"),
            )
        });
        end = moved;
    }

    let date = if options.roll_past_rest_days {
        roll_to_working_day(end, calendar, &mut notes)?
    } else {
        if !calendar.is_working_day(end) {
            notes.push(|| {
                (
                    format!("{end}为休息日；按本院配置，届满日不顺延"),
                    format!("{end} is a rest day; by configuration the deadline is not moved"),
                )
            });
        }
        end
    };
    note_calendar_knowledge(date, calendar, &mut notes);
    Ok(Deadline {
        date: Some(date),
        limit: Some(limit),
        extension_days,
        procedure: Some(rule.procedure),
        notes: notes.zh,
        notes_en: notes.en,
        calendar: calendar.knowledge(date),
    })
}

/// Adds a period to `from`.
fn step(period: Period, from: NaiveDate) -> Result<PeriodEnd, DeadlineError> {
    period.end_after(from).ok_or(DeadlineError::OutOfRange)
}

/// Notes when the month-end rule decided where a period ended.
fn note_month_end(end: PeriodEnd, notes: &mut Notes) {
    if let Some(day) = end.month_end_for_day {
        notes.push(|| (
            format!(
                "{}年{}月没有{}日，期间届满于该月最后一日{}（民法典第202条）",
                end.date.year(),
                end.date.month(),
                day,
                end.date
            ),
            format!(
                "{}-{:02} has no day {}; the period ends on the month's last day, {} (Civil Code Art. 202)",
                end.date.year(),
                end.date.month(),
                day,
                end.date
            )));
    }
}

/// Moves `date` past rest days to the first working day, explaining the days passed over.
fn roll_to_working_day(
    date: NaiveDate,
    calendar: &HolidayCalendar,
    notes: &mut Notes,
) -> Result<NaiveDate, DeadlineError> {
    let mut skipped: Vec<(NaiveDate, DayStatus)> = Vec::new();
    let mut current = date;
    loop {
        let status = calendar.status(current);
        if status.is_working() {
            if let DayStatus::MakeUpWorkday(holiday) = &status
                && skipped.is_empty()
            {
                notes.push(|| (
                        format!("{current}虽为周末，但系{holiday}调休上班日，届满日不顺延"),
                        format!("{current} is a weekend day made a working day for {holiday}; the deadline stays")));
            }
            break;
        }
        skipped.push((current, status));
        if skipped.len() as u32 > MAX_REST_RUN {
            return Err(DeadlineError::OutOfRange);
        }
        current = current.succ_opt().ok_or(DeadlineError::OutOfRange)?;
    }
    if !skipped.is_empty() {
        notes.push(|| {
            let (zh, en) = describe_rest_run(&skipped);
            (
            format!("届满日{date}为{zh}，顺延至其后第一个工作日{current}（民事诉讼法第85条、民法典第203条）"),
            format!("{date} falls on {en}; moved to the next working day, {current} (CPL Art. 85, Civil Code Art. 203)"))
        });
    }
    Ok(current)
}

/// "国庆节假日（2024-10-01至2024-10-07）" for a run of skipped days, grouped by reason.
fn describe_rest_run(skipped: &[(NaiveDate, DayStatus)]) -> (String, String) {
    let mut zh = String::new();
    let mut en = String::new();
    // Consecutive days for the same reason (one holiday, or a weekend) make one span.
    for run in skipped.chunk_by(|a, b| a.1 == b.1) {
        let (start, status) = &run[0];
        let last = run[run.len() - 1].0;
        let (span, span_en) = if run.len() == 1 {
            (start.to_string(), start.to_string())
        } else {
            (format!("{start}至{last}"), format!("{start} to {last}"))
        };
        if !zh.is_empty() {
            zh.push('、');
            en.push_str(", ");
        }
        match status {
            DayStatus::Holiday(name) => {
                let _ = write!(zh, "{name}假期（{span}）");
                let _ = write!(en, "the {name} holiday ({span_en})");
            }
            _ => {
                let _ = write!(zh, "周末（{span}）");
                let _ = write!(en, "a weekend ({span_en})");
            }
        }
    }
    (zh, en)
}

fn note_calendar_knowledge(date: NaiveDate, calendar: &HolidayCalendar, notes: &mut Notes) {
    match calendar.knowledge(date) {
        Knowledge::Known => {}
        Knowledge::Provisional => notes.push(|| (
            format!(
                "{}年节假日安排尚未公布，{date}所在的年末几日可能因元旦放假调整，届满日待新通知确认",
                date.year() + 1
            ),
            format!(
                "the {} holiday notice is not yet published; New Year's Day may still move days around {date}",
                date.year() + 1
            ))),
        Knowledge::Unknown => notes.push(|| (
            format!(
                "{}年节假日安排未知（日历未收录该年），仅按周六、周日顺延；请补充该年通知后复核",
                date.year()
            ),
            format!(
                "the holiday calendar for {} is unknown; only Saturdays and Sundays were treated as rest days",
                date.year()
            ))),
    }
}

/// Notes in both languages, pushed together so they stay aligned. When disabled (a caller that
/// wants only the date), nothing is formatted at all: the closures are never called.
struct Notes {
    enabled: bool,
    zh: Vec<String>,
    en: Vec<String>,
}

impl Notes {
    fn new(enabled: bool) -> Notes {
        Notes {
            enabled,
            zh: Vec::new(),
            en: Vec::new(),
        }
    }

    fn push(&mut self, note: impl FnOnce() -> (String, String)) {
        if self.enabled {
            let (zh, en) = note();
            self.zh.push(zh);
            self.en.push(en);
        }
    }
}

#[cfg(test)]
mod tests;
