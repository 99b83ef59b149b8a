//! Periods and the engine's time axis: a period [from, to] cut into month slots (the first and
//! last possibly partial), the instants at which stocks are taken (the day before the period, and
//! the end of each slot), and for each instant the cut-off days of "older than N months".
//! Also the comparison periods: a year earlier (同比) and the period before (环比).

use chrono::{Datelike, Months, NaiveDate};

use crate::cases::day;

/// A closed range of days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// `None` when `to` is before `from`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Option<Period> {
        (from <= to).then_some(Period { from, to })
    }

    /// Days in the period, both ends counted.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// Whether the period runs from the first day of a month to the last day of a month.
    pub fn whole_months(&self) -> bool {
        self.from.day() == 1 && is_month_end(self.to)
    }

    /// 同比: the same period a year earlier (29 February becomes 28 February; a month end stays
    /// a month end).
    pub fn year_earlier(&self) -> Period {
        self.shift_months(12)
    }

    /// 环比: the period just before, as long as this one — the same number of whole months when
    /// the period is whole months, else the same number of days.
    pub fn previous(&self) -> Period {
        if self.whole_months() {
            let months = (self.to.year() - self.from.year()) * 12 + self.to.month() as i32
                - self.from.month() as i32
                + 1;
            self.shift_months(months as u32)
        } else {
            let length = chrono::TimeDelta::days(self.days());
            Period {
                from: self.from - length,
                to: self.to - length,
            }
        }
    }

    fn shift_months(&self, months: u32) -> Period {
        let to = if is_month_end(self.to) {
            month_end(months_back(self.to, months))
        } else {
            months_back(self.to, months)
        };
        Period {
            from: months_back(self.from, months),
            to,
        }
    }
}

/// The same day `months` calendar months earlier; a day past the end of the target month becomes
/// its last day (31 March less one month is 28 or 29 February).
pub fn months_back(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_sub_months(Months::new(months))
        .unwrap_or(NaiveDate::MIN)
}

fn is_month_end(date: NaiveDate) -> bool {
    date.succ_opt()
        .is_none_or(|next| next.month() != date.month())
}

/// The last day of the month of `date`: the day before the next month's first (the forecast's
/// curves ask this for every run of days of every case, so it is not walked day by day).
pub(crate) fn month_end(date: NaiveDate) -> NaiveDate {
    let (year, month) = match date.month() {
        12 => (date.year() + 1, 1),
        month => (date.year(), month + 1),
    };
    match NaiveDate::from_ymd_opt(year, month, 1).and_then(|first| first.pred_opt()) {
        Some(end) => end,
        // December of the last year a date can hold: its last day is the last date.
        None => NaiveDate::MAX,
    }
}

/// The ages (in calendar months) the stock counters need cut-offs for.
pub(crate) const AGES: [u32; 5] = [6, 12, 18, 24, 36];

/// The time axis of one computation.
#[derive(Clone, Debug)]
pub(crate) struct Timeline {
    pub from: i32,
    pub to: i32,
    /// Slot `k` covers days `slot_start[k] ..= slot_end[k]`.
    pub slot_start: Vec<i32>,
    pub slot_end: Vec<i32>,
    /// Day offset from `from` → slot.
    slot_of: Vec<u16>,
    /// Position 0 is the day before the period; position `k + 1` the last day of slot `k`.
    pub instants: Vec<i32>,
    /// `cut[m][p]`: the day `AGES[m]` months before instant `p`: filed before it means older.
    pub cuts: [Vec<i32>; 5],
    /// For each age, [`Timeline::first_older`] of every filing day from `cuts[m][0]` to the last
    /// cut-off, looked up instead of searched (the engine asks it for every pending case).
    older: [Vec<u16>; 5],
}

impl Timeline {
    pub fn new(period: Period) -> Timeline {
        let from = day(period.from);
        let to = day(period.to);
        let mut slot_start = Vec::new();
        let mut slot_end = Vec::new();
        let mut start = period.from;
        loop {
            let end = month_end(start).min(period.to);
            slot_start.push(day(start));
            slot_end.push(day(end));
            match end.succ_opt() {
                Some(next) if end < period.to => start = next,
                _ => break,
            }
        }
        let mut slot_of = Vec::with_capacity((to - from + 1) as usize);
        for (k, (s, e)) in slot_start.iter().zip(&slot_end).enumerate() {
            slot_of.extend(std::iter::repeat_n(k as u16, (e - s + 1) as usize));
        }
        let before = period.from.pred_opt().unwrap_or(period.from);
        let mut instant_dates = vec![before];
        instant_dates.extend(slot_end.iter().filter_map(|d| crate::cases::date(*d)));
        let instants: Vec<i32> = instant_dates.iter().map(|d| day(*d)).collect();
        let cuts = AGES.map(|months| {
            instant_dates
                .iter()
                .map(|d| day(months_back(*d, months)))
                .collect()
        });
        let older = std::array::from_fn(|age| {
            let cuts: &Vec<i32> = &cuts[age];
            let (first, last) = (cuts[0], cuts[cuts.len() - 1]);
            (first..=last)
                .map(|day| cuts.partition_point(|cut| *cut <= day) as u16)
                .collect()
        });
        Timeline {
            older,
            from,
            to,
            slot_start,
            slot_end,
            slot_of,
            instants,
            cuts,
        }
    }

    pub fn slots(&self) -> usize {
        self.slot_start.len()
    }

    /// The slot of a day inside the period.
    #[inline]
    pub fn slot(&self, day: i32) -> Option<usize> {
        if day < self.from || day > self.to {
            return None;
        }
        Some(usize::from(self.slot_of[(day - self.from) as usize]))
    }

    /// The first position whose instant is on or after `day` (`slots() + 1` if none).
    #[inline]
    pub fn first_instant_from(&self, day: i32) -> usize {
        if day < self.from {
            // Position 0 is the day before the period: every earlier day reaches it.
            0
        } else if day > self.to {
            self.slots() + 1
        } else {
            self.slot(day).map_or(self.slots() + 1, |k| k + 1)
        }
    }

    /// The first position at which `filed` is no longer within `AGES[age]` months (filed on or
    /// before the cut-off): the end of "filed in the last N months up to the instant".
    #[inline]
    pub fn first_not_within(&self, age: usize, filed: i32) -> usize {
        // The first cut-off on or after `filed` is the first one after the day before it.
        self.first_older(age, filed.saturating_sub(1))
    }

    /// The first position at which `filed` is older than `AGES[age]` months.
    #[inline]
    pub fn first_older(&self, age: usize, filed: i32) -> usize {
        let cuts = &self.cuts[age];
        if filed < cuts[0] {
            return 0;
        }
        match self.older[age].get((filed - cuts[0]) as usize) {
            Some(position) => usize::from(*position),
            None => cuts.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    /// `months` calendar months before `date` is `expected`.
    #[track_caller]
    fn check_months_back(date: NaiveDate, months: u32, expected: NaiveDate) {
        assert_eq!(
            months_back(date, months),
            expected,
            "{date} − {months} months"
        );
    }

    #[test]
    fn a_month_ends_on_its_last_day() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        for (date, end) in [
            (d(2024, 2, 1), d(2024, 2, 29)),
            (d(2023, 2, 28), d(2023, 2, 28)),
            (d(2026, 12, 7), d(2026, 12, 31)),
            (d(2026, 4, 30), d(2026, 4, 30)),
            (d(2026, 1, 31), d(2026, 1, 31)),
            (NaiveDate::MAX, NaiveDate::MAX),
            (
                NaiveDate::MIN,
                d(NaiveDate::MIN.year(), NaiveDate::MIN.month(), 31),
            ),
        ] {
            assert_eq!(month_end(date), end, "{date}");
            assert!(is_month_end(month_end(date)), "{date}");
        }
    }

    #[test]
    fn months_back_clamps_to_the_month_end() {
        // Zero months is the day itself.
        check_months_back(d(2026, 11, 27), 0, d(2026, 11, 27));
        check_months_back(d(2024, 3, 31), 0, d(2024, 3, 31));
        // The same day of an earlier month, when it has one: the long-pending cut-offs of
        // 2026-11-27.
        check_months_back(d(2026, 11, 27), 12, d(2025, 11, 27));
        check_months_back(d(2026, 11, 27), 18, d(2025, 5, 27));
        check_months_back(d(2026, 11, 27), 36, d(2023, 11, 27));
        check_months_back(d(2026, 5, 31), 36, d(2023, 5, 31));
        check_months_back(d(2024, 12, 31), 12, d(2023, 12, 31));
        // Across a year boundary: January less one month is December of the year before.
        check_months_back(d(2026, 1, 15), 1, d(2025, 12, 15));
        check_months_back(d(2026, 2, 10), 14, d(2024, 12, 10));
        // A day the earlier month lacks becomes that month's last day: 31 March less one month is
        // 29 February in a leap year, 28 February otherwise.
        check_months_back(d(2024, 3, 31), 1, d(2024, 2, 29));
        check_months_back(d(2025, 3, 31), 1, d(2025, 2, 28));
        check_months_back(d(2026, 3, 30), 1, d(2026, 2, 28));
        // 31 March less 18 months is September, which has 30 days.
        check_months_back(d(2026, 3, 31), 18, d(2024, 9, 30));
        // 31 August less 18 months is February 2025 (28 days).
        check_months_back(d(2026, 8, 31), 18, d(2025, 2, 28));
        // 31 January less two months, into November of the year before.
        check_months_back(d(2026, 1, 31), 2, d(2025, 11, 30));
        // 29 February less a year is 28 February; less four years, 29 February again.
        check_months_back(d(2024, 2, 29), 12, d(2023, 2, 28));
        check_months_back(d(2028, 2, 29), 12, d(2027, 2, 28));
        check_months_back(d(2028, 2, 29), 48, d(2024, 2, 29));
        // The end of the year less ten months: 31 December → 28 February.
        check_months_back(d(2026, 12, 31), 10, d(2026, 2, 28));
        // Before the first date chrono holds, the first date.
        check_months_back(NaiveDate::MIN, 1, NaiveDate::MIN);
    }

    #[test]
    fn comparison_periods() {
        let half = Period::new(d(2024, 1, 1), d(2024, 6, 30)).expect("period");
        assert_eq!(
            half.year_earlier(),
            Period::new(d(2023, 1, 1), d(2023, 6, 30)).expect("period")
        );
        assert_eq!(
            half.previous(),
            Period::new(d(2023, 7, 1), d(2023, 12, 31)).expect("period")
        );
        let february = Period::new(d(2024, 2, 1), d(2024, 2, 29)).expect("period");
        assert_eq!(february.year_earlier().to, d(2023, 2, 28));
        assert_eq!(february.previous().to, d(2024, 1, 31));
        let ten_days = Period::new(d(2024, 3, 5), d(2024, 3, 14)).expect("period");
        assert_eq!(
            ten_days.previous(),
            Period::new(d(2024, 2, 24), d(2024, 3, 4)).expect("period")
        );
    }

    #[test]
    fn slots_are_months_cut_by_the_period() {
        let t = Timeline::new(Period::new(d(2024, 1, 15), d(2024, 3, 10)).expect("period"));
        assert_eq!(t.slots(), 3);
        assert_eq!(t.slot(day(d(2024, 1, 15))), Some(0));
        assert_eq!(t.slot(day(d(2024, 1, 31))), Some(0));
        assert_eq!(t.slot(day(d(2024, 2, 1))), Some(1));
        assert_eq!(t.slot(day(d(2024, 3, 10))), Some(2));
        assert_eq!(t.slot(day(d(2024, 3, 11))), None);
        assert_eq!(t.instants[0], day(d(2024, 1, 14)));
        assert_eq!(t.instants[3], day(d(2024, 3, 10)));
        assert_eq!(t.first_instant_from(day(d(2023, 5, 1))), 0);
        assert_eq!(t.first_instant_from(day(d(2024, 1, 14))), 0);
        assert_eq!(t.first_instant_from(day(d(2024, 2, 3))), 2);
        assert_eq!(t.first_instant_from(day(d(2024, 4, 1))), 4);
        // Filed on 2023-03-10: older than 12 months from the instant 2024-03-10 on? No: the
        // cut-off is 2023-03-10 itself, and "older" means filed before it.
        assert_eq!(t.first_older(1, day(d(2023, 3, 10))), 4);
        assert_eq!(t.first_older(1, day(d(2023, 3, 9))), 3);
    }

    #[test]
    fn the_looked_up_cut_offs_equal_a_search_for_every_day() {
        for (from, to) in [
            (d(2023, 11, 1), d(2026, 10, 31)),
            (d(2024, 2, 29), d(2024, 2, 29)),
            (d(2024, 1, 15), d(2024, 3, 10)),
        ] {
            let t = Timeline::new(Period::new(from, to).expect("period"));
            for age in 0..AGES.len() {
                let cuts = &t.cuts[age];
                for filed in cuts[0] - 40..cuts[cuts.len() - 1] + 40 {
                    assert_eq!(
                        t.first_older(age, filed),
                        cuts.partition_point(|cut| *cut <= filed),
                        "age {age}, day {filed}"
                    );
                    assert_eq!(
                        t.first_not_within(age, filed),
                        cuts.partition_point(|cut| *cut < filed)
                    );
                }
            }
        }
    }
}
