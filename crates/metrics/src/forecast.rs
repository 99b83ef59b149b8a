//! 预测 — the coming months of each court: new, closed and pending cases, the 审限 breaches
//! expected among today's pending cases, and the cases that will pass 12, 18 and 36 months
//! unless closed, with 80% prediction bands from many simulated futures
//! (`docs/forecast.md`). The model: time-to-disposition curves by case type and procedure
//! ([`hazard`]), seasonal filings ([`filings`]), today's pending cases and tomorrow's filings
//! run through them many times ([`simulate`]); the 12/18/36-month crossings are certain from
//! the dates ([`crossing`]); [`backtest`] measures the bands against what happened.
//!
//! Like the engine, it reads no clock: "today" is handed in, and nothing filed or closed after
//! it is seen, so that a forecast from a past day sees the data as it then stood.

pub mod backtest;
mod calibrate;
mod crossing;
mod draws;
mod filings;
mod hazard;
mod simulate;
mod steps;
#[cfg(test)]
mod tests;

use chrono::NaiveDate;
use shenguan_domain::CourtCode;

use crate::cases::{Cases, NO_DAY, day};

pub use crossing::{CROSSING_MONTHS, Crossing, CrossingCase};

/// The most months a forecast looks ahead.
pub const MAX_MONTHS: usize = 6;

/// How a forecast is made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Settings {
    /// Months ahead, 1 to [`MAX_MONTHS`].
    pub months: usize,
    /// Simulated futures.
    pub draws: usize,
    pub seed: u64,
    /// Months of history the curves are read from.
    pub window: u32,
    /// Past origins (the same day 1, 2, … months before today) whose misses set the bands
    /// ([`calibrate`]); 0 gives the simulated bands alone.
    pub calibration: usize,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            months: MAX_MONTHS,
            draws: 1000,
            seed: 20_240_101,
            window: 24,
            calibration: 12,
        }
    }
}

/// A forecast figure: the middle of the simulated futures and the 80% band around it.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Band {
    /// 10th percentile: in eight futures of ten the figure is above it.
    pub low: f64,
    pub median: f64,
    /// 90th percentile.
    pub high: f64,
    pub mean: f64,
}

impl Band {
    /// The band of a set of simulated values (sorted here).
    pub fn of(values: &mut [f64]) -> Band {
        if values.is_empty() {
            return Band::default();
        }
        values.sort_by(f64::total_cmp);
        let at = |q: f64| {
            // The nearest-rank percentile: always one of the simulated values.
            let rank = ((q * values.len() as f64).ceil() as usize).clamp(1, values.len());
            values[rank - 1]
        };
        Band {
            low: at(0.1),
            median: at(0.5),
            high: at(0.9),
            mean: values.iter().sum::<f64>() / values.len() as f64,
        }
    }

    /// Whether `value` lies within the 80% band.
    pub fn covers(&self, value: f64) -> bool {
        self.low <= value && value <= self.high
    }
}

/// One month ahead.
#[derive(Clone, Debug, PartialEq)]
pub struct MonthAhead {
    /// The month's last day (the first month may start after today, inside today's month).
    pub month_end: NaiveDate,
    /// 新收.
    pub new: Band,
    /// 结案.
    pub closed: Band,
    /// 未结 at the month's end.
    pub pending: Band,
    /// Today's pending cases whose 审限 runs out this month and that will not be closed by then.
    pub breaches: Band,
    /// Today's pending cases that pass 12, 18 and 36 months this month.
    pub crossing: [Crossing; 3],
}

/// The outlook of one court, or of the courts asked together.
#[derive(Clone, Debug, PartialEq)]
pub struct Outlook {
    /// `None` for the courts asked together.
    pub court: Option<CourtCode>,
    /// 未结 today.
    pub pending_now: u64,
    /// Of them, already past their 审限 today.
    pub overdue_now: u64,
    pub months: Vec<MonthAhead>,
    /// The cases behind the months' crossings, by month, then age (36 months first), then
    /// filing date.
    pub crossing_cases: Vec<CrossingCase>,
}

/// A forecast from one day.
#[derive(Clone, Debug, PartialEq)]
pub struct Forecast {
    pub today: NaiveDate,
    pub settings: Settings,
    /// Each court asked for, by code.
    pub courts: Vec<Outlook>,
    /// The courts asked for together (the network when every court was asked).
    pub total: Outlook,
}

/// The forecast from `today` for the courts `wanted` accepts, each and together: the simulated
/// futures, their middle and bands set right by the misses the same model made from the past
/// months' origins (unless `settings.calibration` is 0).
pub fn forecast(
    cases: &Cases,
    today: NaiveDate,
    wanted: &dyn Fn(CourtCode) -> bool,
    settings: &Settings,
) -> Forecast {
    calibrate::calibrated(
        cases,
        today,
        wanted,
        settings,
        &mut calibrate::Past::default(),
    )
}

/// The forecast of the simulated futures alone.
fn simulated(
    cases: &Cases,
    today: NaiveDate,
    wanted: &dyn Fn(CourtCode) -> bool,
    settings: &Settings,
) -> Forecast {
    let settings = Settings {
        months: settings.months.clamp(1, MAX_MONTHS),
        draws: settings.draws.max(1),
        ..*settings
    };
    let today_day = day(today);
    let steps = steps::steps(today, settings.months);
    let curves = hazard::Curves::estimate(cases, today_day, settings.window);
    let (filings, network_filings) = filings::estimate(cases, today);
    let common = simulate::Common::draw(&settings, network_filings, curves.network_spread());
    let shares = simulate::group_shares(cases, &curves, today_day);

    // Today's pending cases, court by court.
    let mut pending: Vec<Vec<usize>> = vec![Vec::new(); cases.courts().len()];
    for row in 0..cases.len() {
        let closed = cases.closed[row];
        if cases.filed[row] <= today_day && (closed == NO_DAY || closed > today_day) {
            pending[usize::from(cases.court[row])].push(row);
        }
    }
    let mut order: Vec<usize> = (0..cases.courts().len())
        .filter(|c| wanted(cases.courts()[*c]))
        .collect();
    order.sort_by_key(|c| cases.courts()[*c].to_string());

    let mut total = simulate::Futures::new(settings.draws, steps.len());
    let mut total_now = (0, 0);
    let mut total_crossing = vec![[Crossing::default(); 3]; steps.len()];
    let mut total_cases = Vec::new();
    let mut courts = Vec::with_capacity(order.len());
    for c in order {
        let court = simulate::Court {
            index: c,
            code: cases.courts()[c],
            pending: &pending[c],
            filings: &filings[c],
            shares: &shares[c],
        };
        let run = simulate::run(
            cases, &curves, &court, today_day, &steps, &settings, &common,
        );
        total.add(&run.futures);
        total_now.0 += run.pending_now;
        total_now.1 += run.overdue_now;
        for (sum, one) in total_crossing.iter_mut().zip(&run.crossing) {
            for (s, o) in sum.iter_mut().zip(one) {
                s.add(o);
            }
        }
        let mut crossing_cases: Vec<CrossingCase> = run
            .crossing_cases
            .iter()
            .map(|&(row, a, k, still_pending)| CrossingCase {
                case_no: cases.case_no(row).to_string(),
                court: court.code,
                filed: cases.filed_on(row).unwrap_or(today),
                months: CROSSING_MONTHS[a],
                month_end: steps[k].last_date,
                still_pending,
            })
            .collect();
        in_order(&mut crossing_cases);
        total_cases.extend(crossing_cases.iter().cloned());
        let mut one = outlook(
            Some(court.code),
            &run.futures,
            run.pending_now,
            run.overdue_now,
            &run.crossing,
            &steps,
        );
        one.crossing_cases = crossing_cases;
        courts.push(one);
    }
    let mut total = outlook(
        None,
        &total,
        total_now.0,
        total_now.1,
        &total_crossing,
        &steps,
    );
    in_order(&mut total_cases);
    total.crossing_cases = total_cases;
    Forecast {
        today,
        settings,
        courts,
        total,
    }
}

fn outlook(
    court: Option<CourtCode>,
    futures: &simulate::Futures,
    pending_now: u64,
    overdue_now: u64,
    crossing: &[[Crossing; 3]],
    steps: &[steps::Step],
) -> Outlook {
    let months = steps
        .iter()
        .enumerate()
        .map(|(k, step)| MonthAhead {
            month_end: step.last_date,
            new: Band::of(&mut futures.series(simulate::Series::New, k)),
            closed: Band::of(&mut futures.series(simulate::Series::Closed, k)),
            pending: Band::of(&mut futures.series(simulate::Series::Pending, k)),
            breaches: Band::of(&mut futures.series(simulate::Series::Breaches, k)),
            crossing: crossing[k],
        })
        .collect();
    Outlook {
        court,
        pending_now,
        overdue_now,
        months,
        crossing_cases: Vec::new(),
    }
}

/// Crossing cases by month, then the longest age first, then the oldest filing.
fn in_order(list: &mut [CrossingCase]) {
    list.sort_by(|a, b| {
        (
            a.month_end,
            std::cmp::Reverse(a.months),
            a.filed,
            &a.case_no,
        )
            .cmp(&(
                b.month_end,
                std::cmp::Reverse(b.months),
                b.filed,
                &b.case_no,
            ))
    });
}
