//! The time-to-disposition curves: for each case type and procedure (类型代字 × 适用程序, "the
//! group"), the daily chance that a case still pending closes, by the days left to its 审限
//! (courts close many cases in the last days before the limit, so the limit, not the age, drives
//! the pace of a case that has one) or by its age for a case without a limit, estimated from
//! every case at risk in the window of months before "today" (a period life table: pending cases
//! count as much as closed ones, so the curves are not biased toward the quick cases); then for
//! each court a factor per group (a court quicker or slower than the network) and a factor per
//! calendar month (the December push, the Spring Festival lull), both pulled toward the network
//! where a court has few closings. What the model leaves unexplained month to month is kept as
//! the court's spread, which the simulation draws from (`docs/forecast.md`).

use std::collections::HashMap;

use crate::cases::{Cases, NO_DAY};

use super::steps::{month_index, month_of, month_start_back};

/// Ages in whole months 0 to 35, and 36: three years and more.
pub(crate) const AGE_BUCKETS: usize = 37;

/// The lower ends of the runs of days left to the limit (negative: past it) the curves tell
/// apart; finer near the limit, where the pace changes most.
const LEFT_EDGES: [i32; 17] = [
    i32::MIN,
    -365,
    -180,
    -90,
    -30,
    0,
    4,
    8,
    16,
    31,
    46,
    61,
    91,
    121,
    181,
    271,
    366,
];

/// The positions on the clock a curve reads: the ages of cases without a limit, then the days
/// left of cases with one.
const CLOCK_POSITIONS: usize = AGE_BUCKETS + LEFT_EDGES.len();

/// The lower ends (days since filing) of the age bands each clock position is split by. A case
/// with 60 days left closes at a different pace when it was filed last week than when it has
/// been pending for a year: fresh cases are rarely ready (read by days left alone, the closings
/// of the coming months' new cases ran about a third too high in the backtest), and a case still
/// pending long after filing is one of the slow remainder.
const AGE_BAND_EDGES: [i32; 9] = [0, 8, 16, 31, 61, 91, 181, 366, 731];
const AGE_BANDS: usize = AGE_BAND_EDGES.len();

/// Every cell of a curve: a clock position and an age band.
pub(crate) const BUCKETS: usize = CLOCK_POSITIONS * AGE_BANDS;

/// The age band of a case `age_days` days after its filing.
pub(crate) fn age_band(age_days: i32) -> usize {
    AGE_BAND_EDGES
        .iter()
        .rposition(|edge| age_days >= *edge)
        .unwrap_or(0)
}

/// The cell of the curve of a case filed on `filed` with limit `deadline` on day `day`.
pub(crate) fn clock(filed: i32, deadline: i32, day: i32) -> usize {
    position(filed, deadline, day) * AGE_BANDS + age_band(day - filed)
}

/// The clock position alone: the age bucket without a limit, the run of days left with one.
fn position(filed: i32, deadline: i32, day: i32) -> usize {
    if deadline == NO_DAY {
        return bucket(day - filed);
    }
    let left = deadline - day;
    AGE_BUCKETS
        + LEFT_EDGES
            .iter()
            .rposition(|edge| left >= *edge)
            .unwrap_or(0)
}

/// The last day a case stays in the cell [`clock`] gives on `day`.
fn clock_end(filed: i32, deadline: i32, day: i32) -> i32 {
    let band = age_band(day - filed);
    let band_end = match AGE_BAND_EDGES.get(band + 1) {
        Some(next) => filed + next - 1,
        None => i32::MAX,
    };
    band_end.min(position_end(filed, deadline, day))
}

/// The last day a case stays at the clock position [`position`] gives on `day`.
fn position_end(filed: i32, deadline: i32, day: i32) -> i32 {
    if deadline == NO_DAY {
        let age_bucket = bucket(day - filed);
        return if age_bucket == AGE_BUCKETS - 1 {
            i32::MAX
        } else {
            filed + next_bucket_start(age_bucket) - 1
        };
    }
    let position = position(filed, deadline, day) - AGE_BUCKETS;
    match position {
        0 => i32::MAX,
        // Days left stay at or above the run's lower end until deadline - edge.
        _ => deadline - LEFT_EDGES[position],
    }
}

/// Pseudo-exposure (case-days) pulling a sparse clock position toward its group's mean rate.
const CELL_PRIOR_DAYS: f64 = 400.0;
/// Pseudo-exposure pulling a sparse age band of a clock position toward the position's rate.
const BAND_PRIOR_DAYS: f64 = 400.0;
/// Pseudo-exposure pulling a rarely seen group toward the rate of all cases.
const GROUP_PRIOR_DAYS: f64 = 2_000.0;
/// Pseudo-closings pulling a court's factor for a group toward 1 (the network's pace).
const COURT_PRIOR_CLOSINGS: f64 = 20.0;
/// Pseudo-closings pulling a court's month factor toward the network's.
const SEASON_PRIOR_CLOSINGS: f64 = 50.0;

/// The age bucket of a case `age_days` days after its filing.
pub(crate) fn bucket(age_days: i32) -> usize {
    (age_days.max(0) as i64 * 12 / 365).min(AGE_BUCKETS as i64 - 1) as usize
}

/// The first age (in days) of the bucket after `bucket`.
fn next_bucket_start(bucket: usize) -> i32 {
    // The smallest age a with a * 12 / 365 >= bucket + 1.
    (((bucket as i64 + 1) * 365 + 11) / 12) as i32
}

/// The group of a row: its type id and procedure as the columns hold them.
pub(crate) fn group_key(cases: &Cases, row: usize) -> (u16, u8) {
    (cases.type_id[row], cases.procedure[row])
}

/// The curves and the court factors as of one day.
#[derive(Clone, Debug)]
pub(crate) struct Curves {
    groups: HashMap<(u16, u8), usize>,
    /// Per group, the daily closing rate per cell of [`clock`] (the network's).
    base: Vec<[f64; BUCKETS]>,
    /// Per court (the columns' court index), per group: the court's pace against the network.
    court_factor: Vec<Vec<f64>>,
    /// Per court, per calendar month (0 = January): the month's pace against the court's year.
    season: Vec<[f64; 12]>,
    /// Per court: the standard deviation of the log of a month's closings against the model
    /// (what the model does not explain, beyond the chance of single cases).
    spread: Vec<f64>,
    /// The same of the network's closings: the part of a court's misses all courts share.
    network_spread: f64,
}

/// What one pass over the window adds up: closings and days at risk.
struct Tally {
    closings: f64,
    days: f64,
}

impl Curves {
    /// Estimates the curves from the cases at risk in the `window` months ending on `today`, as
    /// the data stood on `today`: cases filed later are not seen, closings later not yet made.
    // The fit works on dense court × group × month arrays, read best by their indices.
    #[allow(clippy::needless_range_loop)]
    pub fn estimate(cases: &Cases, today: i32, window: u32) -> Curves {
        let Some(today_date) = crate::cases::date(today) else {
            return Curves::empty(cases);
        };
        let start = crate::cases::day(month_start_back(today_date, window.max(1) - 1));
        let first_month = month_index(start);
        let months = (month_index(today) - first_month + 1) as usize;

        // Pass 1: the network's rates per group and age.
        let mut groups: HashMap<(u16, u8), usize> = HashMap::new();
        let mut tallies: Vec<[(f64, f64); BUCKETS]> = Vec::new();
        for row in 0..cases.len() {
            let key = group_key(cases, row);
            let next = groups.len();
            let g = *groups.entry(key).or_insert(next);
            if g == tallies.len() {
                tallies.push([(0.0, 0.0); BUCKETS]);
            }
            walk(cases, row, start, today, &mut |segment| {
                let cell = &mut tallies[g][segment.bucket];
                cell.0 += segment.closed;
                cell.1 += segment.days;
            });
        }
        let all = tallies.iter().flatten().fold(
            Tally {
                closings: 0.0,
                days: 0.0,
            },
            |acc, c| Tally {
                closings: acc.closings + c.0,
                days: acc.days + c.1,
            },
        );
        let all_rate = if all.days > 0.0 {
            all.closings / all.days
        } else {
            0.0
        };
        let base: Vec<[f64; BUCKETS]> = tallies
            .iter()
            .map(|cells| {
                let (closings, days) = cells
                    .iter()
                    .fold((0.0, 0.0), |acc, c| (acc.0 + c.0, acc.1 + c.1));
                let group_rate =
                    (closings + GROUP_PRIOR_DAYS * all_rate) / (days + GROUP_PRIOR_DAYS);
                // Each clock position pulled toward the group's rate, then each of its age bands
                // toward the position's: a band seldom seen reads as its position.
                let position_rate: [f64; CLOCK_POSITIONS] = std::array::from_fn(|p| {
                    let bands = &cells[p * AGE_BANDS..(p + 1) * AGE_BANDS];
                    let (o, e) = bands
                        .iter()
                        .fold((0.0, 0.0), |acc, c| (acc.0 + c.0, acc.1 + c.1));
                    (o + CELL_PRIOR_DAYS * group_rate) / (e + CELL_PRIOR_DAYS)
                });
                std::array::from_fn(|b| {
                    let prior = position_rate[b / AGE_BANDS];
                    (cells[b].0 + BAND_PRIOR_DAYS * prior) / (cells[b].1 + BAND_PRIOR_DAYS)
                })
            })
            .collect();

        // Pass 2: per court, group and month of the window, the closings seen and those the
        // network's curves expect.
        let courts = cases.courts().len();
        let n_groups = base.len();
        let mut seen = vec![0.0; courts * n_groups * months];
        let mut expected = vec![0.0; courts * n_groups * months];
        for row in 0..cases.len() {
            let g = groups[&group_key(cases, row)];
            let c = usize::from(cases.court[row]);
            walk(cases, row, start, today, &mut |segment| {
                let w = (segment.month_index - first_month) as usize;
                let at = (c * n_groups + g) * months + w;
                seen[at] += segment.closed;
                expected[at] += segment.days * base[g][segment.bucket];
            });
        }
        let calendar: Vec<usize> = (0..months)
            .map(|w| (first_month + w as i32).rem_euclid(12) as usize)
            .collect();

        // Each court's factor per group: its closings over those expected under the month
        // factors, shrunk toward 1 by a prior of closings.
        let fit_courts = |court_factor: &mut Vec<Vec<f64>>, season: &[[f64; 12]]| {
            for c in 0..courts {
                for g in 0..n_groups {
                    let (mut o, mut e) = (0.0, 0.0);
                    for w in 0..months {
                        let at = (c * n_groups + g) * months + w;
                        o += seen[at];
                        e += expected[at] * season[c][calendar[w]];
                    }
                    court_factor[c][g] = (o + COURT_PRIOR_CLOSINGS) / (e + COURT_PRIOR_CLOSINGS);
                }
            }
        };
        // The court factors and month factors, fitted in turn.
        let mut court_factor = vec![vec![1.0; n_groups]; courts];
        let mut season = vec![[1.0; 12]; courts];
        for _ in 0..4 {
            fit_courts(&mut court_factor, &season);
            let mut network = [(0.0, 0.0); 12];
            let mut by_court = vec![[(0.0, 0.0); 12]; courts];
            for c in 0..courts {
                for g in 0..n_groups {
                    for w in 0..months {
                        let at = (c * n_groups + g) * months + w;
                        let e = expected[at] * court_factor[c][g];
                        by_court[c][calendar[w]].0 += seen[at];
                        by_court[c][calendar[w]].1 += e;
                        network[calendar[w]].0 += seen[at];
                        network[calendar[w]].1 += e;
                    }
                }
            }
            let network_season = normalised(std::array::from_fn(|m| {
                if network[m].1 > 0.0 {
                    network[m].0 / network[m].1
                } else {
                    1.0
                }
            }));
            for c in 0..courts {
                season[c] = normalised(std::array::from_fn(|m| {
                    let (o, e) = by_court[c][m];
                    (o + SEASON_PRIOR_CLOSINGS * network_season[m]) / (e + SEASON_PRIOR_CLOSINGS)
                }));
            }
        }
        // The court factors once more, under the final month factors.
        fit_courts(&mut court_factor, &season);
        // The spread: Var(closings) = E + spread² E², by the method of moments over the
        // window's months.
        // Closings seen and expected per court and month of the window.
        let monthly: Vec<Vec<(f64, f64)>> = (0..courts)
            .map(|c| {
                (0..months)
                    .map(|w| {
                        let (mut o, mut e) = (0.0, 0.0);
                        for g in 0..n_groups {
                            let at = (c * n_groups + g) * months + w;
                            o += seen[at];
                            e += expected[at] * court_factor[c][g] * season[c][calendar[w]];
                        }
                        (o, e)
                    })
                    .collect()
            })
            .collect();
        let spread: Vec<f64> = monthly.iter().map(|m| spread_of(m)).collect();
        let network: Vec<(f64, f64)> = (0..months)
            .map(|w| {
                monthly
                    .iter()
                    .fold((0.0, 0.0), |acc, m| (acc.0 + m[w].0, acc.1 + m[w].1))
            })
            .collect();
        let network_spread = spread_of(&network);
        Curves {
            groups,
            base,
            court_factor,
            season,
            spread,
            network_spread,
        }
    }

    fn empty(cases: &Cases) -> Curves {
        let courts = cases.courts().len();
        Curves {
            groups: HashMap::new(),
            base: Vec::new(),
            court_factor: vec![Vec::new(); courts],
            season: vec![[1.0; 12]; courts],
            spread: vec![0.0; courts],
            network_spread: 0.0,
        }
    }

    /// The group index of a row (every row of the columns has one once estimated).
    pub fn group_of(&self, cases: &Cases, row: usize) -> Option<usize> {
        self.groups.get(&group_key(cases, row)).copied()
    }

    /// The daily closing rate of a case of court `court` and group `group` at curve position
    /// `position` ([`clock`]), on a day of calendar month `month` (1–12).
    pub fn daily(&self, court: usize, group: usize, position: usize, month: u32) -> f64 {
        let base = self.base[group][position];
        let factor = self.court_factor[court].get(group).copied().unwrap_or(1.0);
        base * factor * self.season[court][(month as usize + 11) % 12]
    }

    /// The summed daily rates of a case filed on day `filed` with limit `deadline` over the
    /// days `first ..= last`.
    pub fn hazard_between(
        &self,
        court: usize,
        group: usize,
        (filed, deadline): (i32, i32),
        first: i32,
        last: i32,
    ) -> f64 {
        let mut total = 0.0;
        let mut day = first.max(filed);
        while day <= last {
            let month_end = crate::cases::date(day)
                .map_or(day, |d| crate::cases::day(crate::period::month_end(d)));
            let end = last.min(month_end).min(clock_end(filed, deadline, day));
            let position = clock(filed, deadline, day);
            total += f64::from(end - day + 1) * self.daily(court, group, position, month_of(day));
            day = end + 1;
        }
        total
    }

    /// The court's spread of monthly closings beyond chance.
    pub fn spread(&self, court: usize) -> f64 {
        self.spread[court]
    }

    /// The network's spread of monthly closings beyond chance.
    pub fn network_spread(&self) -> f64 {
        self.network_spread
    }
}

/// The spread of months' closings `(seen, expected)` beyond chance, by the method of moments:
/// Var(seen) = E + spread² E².
fn spread_of(months: &[(f64, f64)]) -> f64 {
    let (mut excess, mut squares) = (0.0, 0.0);
    for (o, e) in months {
        excess += (o - e) * (o - e) - e;
        squares += e * e;
    }
    if squares > 0.0 {
        (excess / squares).max(0.0).sqrt()
    } else {
        0.0
    }
}

/// Month factors scaled to average 1.
fn normalised(factors: [f64; 12]) -> [f64; 12] {
    let mean = factors.iter().sum::<f64>() / 12.0;
    if mean > 0.0 {
        factors.map(|f| f / mean)
    } else {
        [1.0; 12]
    }
}

/// A run of days a case was at risk in one cell of [`clock`] and in one calendar month.
struct Segment {
    bucket: usize,
    month_index: i32,
    days: f64,
    /// 1 when the case closed on the run's last day.
    closed: f64,
}

/// The runs of days case `row` was at risk between `start` and `today` as the data stood on
/// `today`: from its filing to its closing day (included), or to `today` while pending then.
fn walk(cases: &Cases, row: usize, start: i32, today: i32, visit: &mut dyn FnMut(Segment)) {
    let filed = cases.filed[row];
    if filed > today {
        return;
    }
    let closed = cases.closed[row];
    let (end, closes) = if closed != NO_DAY && closed <= today {
        (closed, true)
    } else {
        (today, false)
    };
    let deadline = cases.deadline[row];
    let mut day = filed.max(start);
    while day <= end {
        let month_end =
            crate::cases::date(day).map_or(day, |d| crate::cases::day(crate::period::month_end(d)));
        let run_end = end.min(clock_end(filed, deadline, day)).min(month_end);
        visit(Segment {
            bucket: clock(filed, deadline, day),
            month_index: month_index(day),
            days: f64::from(run_end - day + 1),
            closed: if closes && run_end == end { 1.0 } else { 0.0 },
        });
        day = run_end + 1;
    }
}

#[cfg(test)]
impl Curves {
    /// Curves with one group and the same daily rate at every age and month, for every court of
    /// `cases`: the model whose expectations can be worked out by hand.
    pub fn constant(cases: &Cases, rate: f64) -> Curves {
        let courts = cases.courts().len();
        let mut groups = HashMap::new();
        for row in 0..cases.len() {
            groups.insert(group_key(cases, row), 0);
        }
        Curves {
            groups,
            base: vec![[rate; BUCKETS]],
            court_factor: vec![vec![1.0]; courts],
            season: vec![[1.0; 12]; courts],
            spread: vec![0.0; courts],
            network_spread: 0.0,
        }
    }
}
