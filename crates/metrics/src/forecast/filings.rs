//! New filings ahead: each court's monthly filings as a seasonal profile (the share of a year's
//! filings each calendar month takes, from up to three past years, pulled toward the network's
//! profile for a small court) times the court's recent level (the last six whole months against
//! their profile). How far this method has missed in the court's own past year, month by month
//! ahead, is the spread the simulation draws filings from (`docs/forecast.md`).

use chrono::NaiveDate;

use crate::cases::Cases;

use super::steps::{Step, month_index};

/// Whole months of recent filings the level is read from.
const LEVEL_MONTHS: usize = 6;
/// Years of filings the profile is read from, at most.
const PROFILE_YEARS: usize = 3;
/// The monthly filings at which a court's own profile counts as much as the network's.
const PROFILE_PRIOR_MONTHLY: f64 = 300.0;
/// Past origins the method is tried from to measure its misses.
const TRIAL_ORIGINS: usize = 12;

/// One court's filings model.
#[derive(Clone, Debug)]
pub(crate) struct CourtFilings {
    /// Filings per calendar month (0 = January) in a month of average level.
    pub level: f64,
    /// Growth per month, and how many months before the last whole month the level stands.
    pub growth: f64,
    pub lag: f64,
    pub profile: [f64; 12],
    /// The spread (log scale) of a month's filings around the forecast, `h` months ahead (index
    /// `h - 1`), beyond the chance of single filings.
    pub spread: [f64; 6],
}

impl CourtFilings {
    /// The expected filings in a step, `ahead` months after the last whole month.
    pub fn expected(&self, step: &Step, ahead: usize) -> f64 {
        let trend = self.growth.powf(self.lag + ahead as f64);
        self.level * trend * self.profile[step.month as usize - 1] * step.share
    }
}

/// The filings models of every court of the columns (by the columns' court index), and the
/// spread of the network's total filings (the part of a court's misses that all courts share).
pub(crate) fn estimate(cases: &Cases, today: NaiveDate) -> (Vec<CourtFilings>, [f64; 6]) {
    let today_day = crate::cases::day(today);
    // The last whole month known on `today`.
    let last_month = if crate::period::month_end(today) == today {
        month_index(today_day)
    } else {
        month_index(today_day) - 1
    };
    let span = 12 * PROFILE_YEARS + LEVEL_MONTHS;
    let first_month = last_month - span as i32 + 1;
    let courts = cases.courts().len();
    // counts[c][k]: filings of court c in month first_month + k.
    let mut counts = vec![vec![0.0; span]; courts];
    let mut data_start = i32::MAX;
    for row in 0..cases.len() {
        let filed = cases.filed[row];
        if filed > today_day {
            continue;
        }
        let m = month_index(filed);
        data_start = data_start.min(m);
        if m >= first_month && m <= last_month {
            counts[usize::from(cases.court[row])][(m - first_month) as usize] += 1.0;
        }
    }
    // Months before the data begins are unknown, not empty.
    let known = |k: usize| first_month + k as i32 >= data_start;
    let calendar = |k: usize| (first_month + k as i32).rem_euclid(12) as usize;

    let profile_of = |series: &[f64]| -> Option<([f64; 12], f64)> {
        // Whole years ending at the last month, each year's months as shares of the year.
        let mut sums = [0.0; 12];
        let mut years = 0;
        let mut monthly = 0.0;
        for y in 0..PROFILE_YEARS {
            let end = span - y * 12;
            let begin = end - 12;
            if !(begin..end).all(known) {
                break;
            }
            let total: f64 = series[begin..end].iter().sum();
            if total <= 0.0 {
                continue;
            }
            for k in begin..end {
                sums[calendar(k)] += series[k] / total * 12.0;
            }
            monthly += total / 12.0;
            years += 1;
        }
        // The weight of the court's own profile: its monthly filings summed over the years read.
        (years > 0).then(|| (sums.map(|s| s / years as f64), monthly))
    };
    let network: Vec<f64> = (0..span)
        .map(|k| counts.iter().map(|c| c[k]).sum())
        .collect();
    let network_profile = profile_of(&network).map_or([1.0; 12], |p| p.0);

    let mut models: Vec<CourtFilings> = counts
        .iter()
        .chain(std::iter::once(&network))
        .map(|series| {
            let profile = match profile_of(series) {
                Some((own, weight)) => {
                    let trust = weight / (weight + PROFILE_PRIOR_MONTHLY);
                    std::array::from_fn(|m| trust * own[m] + (1.0 - trust) * network_profile[m])
                }
                None => network_profile,
            };
            let level_at = |end: usize| -> Option<f64> {
                // The level from the LEVEL_MONTHS whole months ending at index `end`.
                let begin = (end + 1).checked_sub(LEVEL_MONTHS)?;
                let months: Vec<usize> = (begin..=end).filter(|k| known(*k)).collect();
                if months.is_empty() {
                    return None;
                }
                let filed: f64 = months.iter().map(|k| series[*k]).sum();
                let weight: f64 = months.iter().map(|k| profile[calendar(*k)]).sum();
                (weight > 0.0).then(|| filed / weight)
            };
            // The year's growth: the last twelve months against the twelve before, per month,
            // held within a fifth either way a year; the level is read about three months back.
            let growth = {
                let last: f64 = series[span - 12..].iter().sum();
                let before: f64 = series[span - 24..span - 12].iter().sum();
                if (span - 24..span).all(known) && before > 0.0 && last > 0.0 {
                    (last / before).clamp(0.8, 1.25).powf(1.0 / 12.0)
                } else {
                    1.0
                }
            };
            let lag = LEVEL_MONTHS as f64 / 2.0 - 0.5;
            let level = level_at(span - 1).unwrap_or(0.0);
            // The misses of the same method from each of the past TRIAL_ORIGINS months.
            let mut squares = [0.0; 6];
            let mut counted = [0.0; 6];
            let mut volume = [0.0; 6];
            for back in 1..=TRIAL_ORIGINS {
                let Some(origin) = (span - 1).checked_sub(back) else {
                    break;
                };
                let Some(trial) = level_at(origin).filter(|l| *l > 0.0) else {
                    continue;
                };
                for h in 1..=6.min(back) {
                    let k = origin + h;
                    let expected = trial * profile[calendar(k)] * growth.powf(lag + h as f64);
                    if series[k] > 0.0 && expected > 0.0 {
                        squares[h - 1] += (series[k] / expected).ln().powi(2);
                        counted[h - 1] += 1.0;
                        volume[h - 1] += expected;
                    }
                }
            }
            let mut spread = [f64::NAN; 6];
            for h in 0..6 {
                if counted[h] >= 3.0 {
                    // The chance of single filings (1 / mean on the log scale) is drawn apart.
                    let chance = counted[h] / volume[h];
                    spread[h] = (squares[h] / counted[h] - chance).max(0.0).sqrt();
                }
            }
            CourtFilings {
                level,
                growth,
                lag,
                profile,
                spread,
            }
        })
        .collect();

    // A spread not measured (too little history) is the network's median; each horizon at least
    // as wide as the one before, since misses do not shrink with distance.
    for h in 0..6 {
        let mut known_spreads: Vec<f64> = models
            .iter()
            .map(|m| m.spread[h])
            .filter(|s| s.is_finite())
            .collect();
        known_spreads.sort_by(f64::total_cmp);
        let fallback = known_spreads
            .get(known_spreads.len() / 2)
            .copied()
            .unwrap_or(0.15);
        for model in &mut models {
            if !model.spread[h].is_finite() {
                model.spread[h] = fallback;
            }
        }
    }
    for model in &mut models {
        for h in 1..6 {
            model.spread[h] = model.spread[h].max(model.spread[h - 1]);
        }
    }
    let network = models.pop().map_or([0.0; 6], |m| m.spread);
    (models, network)
}
