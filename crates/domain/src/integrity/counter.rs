//! The counter-measures some provinces already assess against year-end gaming, kept as figures
//! beside the signals: 年底收案率 — the share of a year's original filings made in its fourth
//! quarter and in November and December, against the floors a province sets (Sichuan: 21 % and
//! 14 %) — and 立案偏离度 — a month's filings against what the same month of the court's two
//! earlier years, scaled by its growth this year, would give (docs/gaming-signals.md).

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

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

/// 立案偏离度 of each court for each month within `from ..= to` that has ended by `to`: a month
/// still running (this month, when `to` is today) has not had its filings yet, and would read
/// as a fall of most of them.
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
            let ended = month
                .checked_add_months(chrono::Months::new(1))
                .and_then(|next| next.pred_opt());
            if ended.is_none_or(|last| last > to) {
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
