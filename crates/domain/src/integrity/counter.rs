//! The counter-measures some provinces already assess against year-end gaming, kept as figures
//! beside the signals: 年底收案率 — the share of a year's original filings made in its fourth
//! quarter and in November and December, against the floors a province sets (Sichuan: 21 % and
//! 14 %) — 立案偏离度 — a month's filings against what the same month of the court's two
//! earlier years, scaled by its growth this year, would give — and 审执结案进度 — each month's
//! cumulative closings over the cases pending at the start of an assessment year that runs from
//! December to November, plus its filings to date, against monthly floors (Inner Mongolia: 18 %
//! in the first month to 93 % in the last) (docs/gaming-signals.md).

use std::collections::BTreeMap;

use chrono::{Datelike, Months, NaiveDate};

use super::{Facts, original};
use crate::court::CourtCode;

/// A year's share of its filings made at its end.
#[derive(Clone, Debug, PartialEq)]
pub struct YearEndShare {
    pub court: CourtCode,
    pub year: i32,
    pub filings: u64,
    /// Percent of the year's filings made in October to December, and in November and December.
    pub q4: f64,
    pub nov_dec: f64,
    /// Below the floor set (`[integrity] q4_floor`, `nov_dec_floor`).
    pub q4_below: bool,
    pub nov_dec_below: bool,
}

/// A month's filings against the court's earlier years.
#[derive(Clone, Debug, PartialEq)]
pub struct Deviation {
    pub court: CourtCode,
    /// The month's first day.
    pub month: NaiveDate,
    pub filings: u64,
    /// What the same month of the two years before gives, scaled by this year's growth to the
    /// month (none without both earlier years).
    pub expected: Option<f64>,
    /// filings ÷ expected − 1.
    pub deviation: Option<f64>,
}

/// A court's 审执结案进度 at the end of one month of an assessment year.
#[derive(Clone, Debug, PartialEq)]
pub struct Progress {
    pub court: CourtCode,
    /// The assessment year, named by the calendar year it ends in (December 2024 to November
    /// 2025: 2025).
    pub year: i32,
    /// The month's first day.
    pub month: NaiveDate,
    /// Cases pending at the start of the assessment year's first day.
    pub pending: u64,
    /// Filings and closings from the assessment year's first day to the month's last.
    pub filings: u64,
    pub closings: u64,
    /// closings ÷ (pending + filings), percent.
    pub progress: f64,
    /// The month's floor (`[integrity] progress_floors`), and whether the progress is below it.
    pub floor: Option<f64>,
    pub below: bool,
}

/// Original filings by court, year and month.
fn monthly(facts: &[Facts]) -> BTreeMap<(CourtCode, i32, u32), u64> {
    let mut counts = BTreeMap::new();
    for f in facts.iter().filter(|f| original(f)) {
        *counts
            .entry((f.court, f.filed.year(), f.filed.month()))
            .or_default() += 1;
    }
    counts
}

/// 年底收案率 of each court for each whole year within `from ..= to`.
pub fn year_end_shares(
    facts: &[Facts],
    from: NaiveDate,
    to: NaiveDate,
    floors: (f64, f64),
) -> Vec<YearEndShare> {
    let counts = monthly(facts);
    let mut years: BTreeMap<(CourtCode, i32), [u64; 12]> = BTreeMap::new();
    for ((court, year, month), n) in &counts {
        years.entry((*court, *year)).or_insert([0; 12])[(*month - 1) as usize] += n;
    }
    let mut out = Vec::new();
    for ((court, year), months) in years {
        let (Some(first), Some(last)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            continue;
        };
        let total: u64 = months.iter().sum();
        if first < from || last > to || total == 0 {
            continue;
        }
        let share = |from_month: usize| {
            100.0 * months[from_month - 1..].iter().sum::<u64>() as f64 / total as f64
        };
        let (q4, nov_dec) = (share(10), share(11));
        out.push(YearEndShare {
            court,
            year,
            filings: total,
            q4,
            nov_dec,
            q4_below: q4 < floors.0,
            nov_dec_below: nov_dec < floors.1,
        });
    }
    out.sort_by_key(|s| (s.court.to_string(), s.year));
    out
}

/// Whether the month that starts on `month` has ended by `to`: a month still running (this
/// month, when `to` is today) has not had its filings or closings yet.
fn ended_by(month: NaiveDate, to: NaiveDate) -> bool {
    month
        .checked_add_months(Months::new(1))
        .and_then(|next| next.pred_opt())
        .is_some_and(|last| last <= to)
}

/// 立案偏离度 of each court for each month within `from ..= to` that has ended by `to`: a month
/// still running would read as a fall of most of its filings.
pub fn filing_deviation(facts: &[Facts], from: NaiveDate, to: NaiveDate) -> Vec<Deviation> {
    let counts = monthly(facts);
    let of = |court: CourtCode, year: i32, month: u32| {
        counts.get(&(court, year, month)).copied().unwrap_or(0) as f64
    };
    let to_date = |court: CourtCode, year: i32, month: u32| -> f64 {
        (1..month).map(|m| of(court, year, m)).sum()
    };
    let mut courts: Vec<CourtCode> = counts.keys().map(|(c, _, _)| *c).collect();
    courts.dedup();
    let mut out = Vec::new();
    for court in courts {
        for month in crate::period::month_starts(from, to) {
            if !ended_by(month, to) {
                continue;
            }
            let (year, m) = (month.year(), month.month());
            let earlier = [year - 1, year - 2];
            let known = earlier
                .iter()
                .all(|y| (1..=12).any(|mm| counts.contains_key(&(court, *y, mm))));
            let filings = of(court, year, m);
            let expected = known.then(|| {
                let base = earlier.iter().map(|y| of(court, *y, m)).sum::<f64>() / 2.0;
                let before = earlier.iter().map(|y| to_date(court, *y, m)).sum::<f64>() / 2.0;
                let growth = if m > 1 && before > 0.0 {
                    to_date(court, year, m) / before
                } else {
                    1.0
                };
                base * growth
            });
            let deviation = expected.filter(|e| *e > 0.0).map(|e| filings / e - 1.0);
            out.push(Deviation {
                court,
                month,
                filings: filings as u64,
                expected,
                deviation,
            });
        }
    }
    out
}

/// Filings and closings of every case by court and month (its first day).
fn monthly_flow(facts: &[Facts]) -> BTreeMap<(CourtCode, NaiveDate), (u64, u64)> {
    let mut flow: BTreeMap<(CourtCode, NaiveDate), (u64, u64)> = BTreeMap::new();
    let first = |d: NaiveDate| d.with_day(1).unwrap_or(d);
    for f in facts {
        flow.entry((f.court, first(f.filed))).or_default().0 += 1;
        if let Some(closed) = f.closed {
            flow.entry((f.court, first(closed))).or_default().1 += 1;
        }
    }
    flow
}

/// The first day of the assessment year `month` falls in, when the years start in
/// `start_month`; none for a month outside 1 to 12.
fn assessment_start(month: NaiveDate, start_month: u32) -> Option<NaiveDate> {
    let year = if month.month() >= start_month {
        month.year()
    } else {
        month.year() - 1
    };
    NaiveDate::from_ymd_opt(year, start_month, 1)
}

/// The place of `month` in the assessment year that starts on `start`, 0 for its first.
fn place(month: NaiveDate, start: NaiveDate) -> usize {
    let months = |d: NaiveDate| d.year() * 12 + d.month() as i32;
    (months(month) - months(start)).max(0) as usize
}

/// Each court's cases pending at the start of `day`, counted as the engine counts them: a case
/// is pending from the end of its filing day to the end of the day before its closing.
fn pending_at(facts: &[Facts], day: NaiveDate) -> BTreeMap<CourtCode, u64> {
    let mut pending = BTreeMap::new();
    for f in facts {
        if f.filed < day && f.closed.is_none_or(|closed| closed >= day) {
            *pending.entry(f.court).or_default() += 1;
        }
    }
    pending
}

/// 审执结案进度 of each court for each month within `from ..= to` that has ended by `to` (the
/// month still running has not had its closings): closings from the first day of the month's
/// assessment year to the month's end, over the cases pending at that first day plus the
/// filings since. The assessment years start in `start_month` (12: December's filings count
/// in the next year's denominator, and a December rush or freeze cannot lift the year's
/// figure); `floors` are the months' floors from the year's first. Every case counts, as in
/// 结案率: the figure is the year's closings against its caseload, not its new suits. A court
/// with no case pending or filed in a year has no figure for it.
pub fn closing_progress(
    facts: &[Facts],
    from: NaiveDate,
    to: NaiveDate,
    start_month: u32,
    floors: &[Option<f64>],
) -> Vec<Progress> {
    let flow = monthly_flow(facts);
    let mut courts: Vec<CourtCode> = flow.keys().map(|(c, _)| *c).collect();
    courts.dedup();
    let mut pending: BTreeMap<NaiveDate, BTreeMap<CourtCode, u64>> = BTreeMap::new();
    let mut out = Vec::new();
    for month in crate::period::month_starts(from, to) {
        let Some(start) = assessment_start(month, start_month).filter(|_| ended_by(month, to))
        else {
            continue;
        };
        // The year is named by the calendar year its last month falls in.
        let Some(year) = start.checked_add_months(Months::new(11)).map(|l| l.year()) else {
            continue;
        };
        let floor = floors.get(place(month, start)).copied().flatten();
        let at_start = pending
            .entry(start)
            .or_insert_with(|| pending_at(facts, start));
        for court in &courts {
            let (filings, closings) = flow
                .range((*court, start)..=(*court, month))
                .fold((0, 0), |(f, c), (_, (mf, mc))| (f + mf, c + mc));
            let open = at_start.get(court).copied().unwrap_or(0);
            if open + filings == 0 {
                continue;
            }
            let progress = 100.0 * closings as f64 / (open + filings) as f64;
            out.push(Progress {
                court: *court,
                year,
                month,
                pending: open,
                filings,
                closings,
                progress,
                floor,
                below: floor.is_some_and(|f| progress < f),
            });
        }
    }
    out.sort_by_key(|p| (p.court.to_string(), p.month));
    out
}
