//! Many simulated futures of one court: in each, a month's filings are drawn around the seasonal
//! forecast, today's pending cases close month by month with the chance their curve gives at
//! their age, new cases close by the same curves, and a month's pace is shifted by a common
//! draw of the size the court's own past misses show — partly carried from month to month, since
//! a court that falls behind tends to stay behind for a while. The 80% band of a figure is the
//! middle 80% of its futures (`docs/forecast.md`).

use std::collections::HashMap;

use shenguan_domain::CourtCode;

use crate::cases::{Cases, NO_DAY};

use super::crossing::{CROSSING_MONTHS, Crossing, crossing_step};
use super::draws::Draws;
use super::filings::CourtFilings;
use super::hazard::{Curves, age_band, bucket};

use super::steps::{Step, month_index};
use super::{MAX_MONTHS, Settings};

/// How much of a month's miss in filings carries into the next months (a level missed stays
/// missed), and of closings.
const FILINGS_CARRY: f64 = 0.7;
const CLOSINGS_CARRY: f64 = 0.5;

/// The figures a future holds per step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Series {
    New,
    Closed,
    Pending,
    Breaches,
}

const SERIES: usize = 4;

/// The simulated figures: per series, per draw, per step.
#[derive(Clone, Debug)]
pub(crate) struct Futures {
    draws: usize,
    steps: usize,
    values: Vec<f64>,
}

impl Futures {
    pub fn new(draws: usize, steps: usize) -> Futures {
        Futures {
            draws,
            steps,
            values: vec![0.0; SERIES * draws * steps],
        }
    }

    fn at(&self, series: Series, draw: usize, step: usize) -> usize {
        (series as usize * self.draws + draw) * self.steps + step
    }

    fn set(&mut self, series: Series, draw: usize, step: usize, value: f64) {
        let at = self.at(series, draw, step);
        self.values[at] = value;
    }

    /// Adds another court's futures, draw by draw (so a total's band is the band of the sums).
    pub fn add(&mut self, other: &Futures) {
        for (sum, value) in self.values.iter_mut().zip(&other.values) {
            *sum += value;
        }
    }

    /// One figure of one step across the draws.
    pub fn series(&self, series: Series, step: usize) -> Vec<f64> {
        (0..self.draws)
            .map(|draw| self.values[self.at(series, draw, step)])
            .collect()
    }
}

/// One court as the simulation needs it.
#[derive(Debug)]
pub(crate) struct Court<'a> {
    pub index: usize,
    pub code: CourtCode,
    /// Its rows pending today.
    pub pending: &'a [usize],
    pub filings: &'a CourtFilings,
    /// The groups its new cases fall in, with their shares.
    pub shares: &'a [Share],
}

/// What a court's run gives.
#[derive(Debug)]
pub(crate) struct Run {
    pub futures: Futures,
    pub pending_now: u64,
    pub overdue_now: u64,
    /// Per step, per age of [`CROSSING_MONTHS`].
    pub crossing: Vec<[Crossing; 3]>,
    /// The cases behind `crossing`: (row, age index, step, chance still pending).
    pub crossing_cases: Vec<(usize, usize, usize, f64)>,
}

/// A group a court's new cases fall in: its share of the filings, and the usual days from
/// filing to the limit (the median of the last year's filings; `None` when most have no limit).
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Share {
    pub group: usize,
    pub share: f64,
    pub limit_days: Option<i32>,
}

/// Per court (the columns' index): the groups of its filings of the last twelve months before
/// `today`, with their shares and usual limits.
pub(crate) fn group_shares(cases: &Cases, curves: &Curves, today: i32) -> Vec<Vec<Share>> {
    let mut seen: Vec<HashMap<usize, Vec<i32>>> = vec![HashMap::new(); cases.courts().len()];
    let since = month_index(today) - 12;
    for row in 0..cases.len() {
        let filed = cases.filed[row];
        if filed > today || month_index(filed) <= since {
            continue;
        }
        if let Some(g) = curves.group_of(cases, row) {
            let deadline = cases.deadline[row];
            let days = if deadline == NO_DAY {
                i32::MAX
            } else {
                deadline - filed
            };
            seen[usize::from(cases.court[row])]
                .entry(g)
                .or_default()
                .push(days);
        }
    }
    seen.into_iter()
        .map(|court| {
            let total: usize = court.values().map(Vec::len).sum();
            let mut shares: Vec<Share> = court
                .into_iter()
                .map(|(group, mut days)| {
                    days.sort_unstable();
                    let middle = days[days.len() / 2];
                    Share {
                        group,
                        share: days.len() as f64 / total as f64,
                        limit_days: (middle != i32::MAX).then_some(middle),
                    }
                })
                .collect();
            shares.sort_by_key(|s| s.group);
            shares
        })
        .collect()
}

/// A breach candidate: a pending case whose 审限 runs out in step `step`.
struct Candidate {
    step: usize,
    /// The summed rates of the steps before, and of its deadline step up to the deadline.
    before: [f64; MAX_MONTHS],
    last: f64,
}

/// What every court of a future shares: the network's own misses in filings and in pace,
/// drawn once a future, so that courts' bands add up to a total band as wide as the network's
/// own misses show.
#[derive(Clone, Debug)]
pub(crate) struct Common {
    /// Per draw: the filings' lasting and monthly deviates, then the closings'.
    pub deviates: Vec<[f64; 2 + 2 * MAX_MONTHS]>,
    pub filings_spread: [f64; MAX_MONTHS],
    pub closings_spread: f64,
}

impl Common {
    pub fn draw(
        settings: &Settings,
        filings_spread: [f64; MAX_MONTHS],
        closings_spread: f64,
    ) -> Common {
        let mut draws = Draws::new(settings.seed, u64::MAX);
        Common {
            deviates: (0..settings.draws)
                .map(|_| std::array::from_fn(|_| draws.normal()))
                .collect(),
            filings_spread,
            closings_spread,
        }
    }

    /// Of a court's spread `total`, the shared part `shared` (at most all of it) and its own.
    fn split(total: f64, shared: f64) -> (f64, f64) {
        let shared = shared.min(total);
        (shared, (total * total - shared * shared).max(0.0).sqrt())
    }
}

/// The futures of one court.
pub(crate) fn run(
    cases: &Cases,
    curves: &Curves,
    court: &Court,
    today: i32,
    steps: &[Step],
    settings: &Settings,
    common: &Common,
) -> Run {
    let c = court.index;
    let n_steps = steps.len();
    let mut cell_of: HashMap<(usize, i32), usize> = HashMap::new();
    let mut cell_count: Vec<f64> = Vec::new();
    let mut cell_rates: Vec<[f64; MAX_MONTHS]> = Vec::new();
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut crossing = vec![[Crossing::default(); 3]; n_steps];
    let mut crossing_cases = Vec::new();
    let mut overdue_now = 0;
    for &row in court.pending {
        let filed = cases.filed[row];
        let deadline = cases.deadline[row];
        let group = curves.group_of(cases, row);
        let mut rates = [0.0; MAX_MONTHS];
        if let Some(g) = group {
            for (k, step) in steps.iter().enumerate() {
                rates[k] = curves.hazard_between(c, g, (filed, deadline), step.first, step.last);
            }
        }
        // Cases alike share a cell: the same group, and the same fortnight left to the limit (or
        // the same month of age without one), and the same age band.
        let class = if deadline == NO_DAY {
            bucket(today - filed) as i32
        } else {
            1_000 + (deadline - today).clamp(-400, 400) / 14
        } * 16
            + age_band(today - filed) as i32;
        let key = (group.unwrap_or(usize::MAX), class);
        let next = cell_count.len();
        let cell = *cell_of.entry(key).or_insert(next);
        if cell == next {
            cell_count.push(0.0);
            cell_rates.push([0.0; MAX_MONTHS]);
        }
        cell_count[cell] += 1.0;
        // Summed survivals to each step's end; turned into the cell's rates below, so that the
        // cell closes as many as its cases would one by one (a mean of rates would overstate
        // the closings of a cell whose cases differ, the curve being steep near the limit).
        let mut summed = 0.0;
        for k in 0..n_steps {
            summed += rates[k];
            cell_rates[cell][k] += (-summed).exp();
        }
        if deadline != NO_DAY {
            if deadline <= today {
                overdue_now += 1;
            } else if let Some(k) = steps.iter().position(|s| deadline <= s.last) {
                let last = match group {
                    Some(g) => {
                        curves.hazard_between(c, g, (filed, deadline), steps[k].first, deadline)
                    }
                    None => 0.0,
                };
                let mut before = [0.0; MAX_MONTHS];
                before[..k].copy_from_slice(&rates[..k]);
                candidates.push(Candidate {
                    step: k,
                    before,
                    last,
                });
            }
        }
        for (a, months) in CROSSING_MONTHS.iter().enumerate() {
            if let Some(k) = crossing_step(filed, *months, today, steps) {
                let summed: f64 = rates[..=k].iter().sum();
                crossing[k][a].reaching += 1;
                crossing[k][a].expected_pending += (-summed).exp();
                crossing_cases.push((row, a, k, (-summed).exp()));
            }
        }
    }
    for (rates, count) in cell_rates.iter_mut().zip(&cell_count) {
        let mut before = 1.0;
        for rate in rates.iter_mut().take(n_steps) {
            let survival = *rate / count;
            *rate = if survival > 0.0 {
                (before / survival).ln()
            } else {
                50.0
            };
            before = survival;
        }
    }

    // New cases of each step and group: the summed rates of each later step, averaged over
    // filing days spread through the step.
    let mut cohorts: Vec<(usize, f64, [f64; MAX_MONTHS])> = Vec::new();
    for (j, step) in steps.iter().enumerate() {
        for share in court.shares {
            let days: Vec<i32> = (step.first..=step.last).step_by(3).collect();
            let mut rates = [0.0; MAX_MONTHS];
            for &filed in &days {
                let deadline = share.limit_days.map_or(NO_DAY, |d| filed + d);
                let case = (filed, deadline);
                rates[j] += curves.hazard_between(c, share.group, case, filed, step.last);
                for k in j + 1..n_steps {
                    rates[k] +=
                        curves.hazard_between(c, share.group, case, steps[k].first, steps[k].last);
                }
            }
            for rate in &mut rates {
                *rate /= days.len().max(1) as f64;
            }
            cohorts.push((j, share.share, rates));
        }
    }

    let filings_spread = court.filings.spread;
    let closings_spread = curves.spread(c);
    // Step 1 is the month after the last whole one when today ends a month, else the rest of
    // today's month, which is the month after the last whole one too.
    let expected_filings: Vec<f64> = steps
        .iter()
        .enumerate()
        .map(|(k, s)| court.filings.expected(s, k + 1))
        .collect();
    let pending_now = court.pending.len() as u64;
    let mut futures = Futures::new(settings.draws, n_steps);
    let mut draws = Draws::new(settings.seed, court_key(court.code));
    // A month's shift on the log scale: a lasting part carried through the months and a part
    // of the month's own, each of a shared and of the court's own spread.
    let shift = |carry: f64, (lasting, month): (f64, f64), spread: f64| {
        spread * (carry * lasting + (1.0 - carry * carry).sqrt() * month)
    };
    let closings = Common::split(closings_spread, common.closings_spread);
    for draw in 0..settings.draws {
        let shared = &common.deviates[draw];
        let (filings_lasting, closings_lasting) = (draws.normal(), draws.normal());
        let mut pace = [1.0; MAX_MONTHS];
        let mut filed = [0.0; MAX_MONTHS];
        for k in 0..n_steps {
            let (f_shared, f_own) = Common::split(filings_spread[k], common.filings_spread[k]);
            let log_filing = shift(FILINGS_CARRY, (shared[0], shared[2 + k]), f_shared)
                + shift(FILINGS_CARRY, (filings_lasting, draws.normal()), f_own)
                - filings_spread[k].powi(2) / 2.0;
            let log_pace = shift(
                CLOSINGS_CARRY,
                (shared[1], shared[2 + MAX_MONTHS + k]),
                closings.0,
            ) + shift(
                CLOSINGS_CARRY,
                (closings_lasting, draws.normal()),
                closings.1,
            ) - closings_spread.powi(2) / 2.0;
            pace[k] = log_pace.exp();
            filed[k] = draws.poisson(expected_filings[k] * log_filing.exp());
        }
        let mut closed = [0.0; MAX_MONTHS];
        for (count, rates) in cell_count.iter().zip(&cell_rates) {
            let mut left = *count;
            for k in 0..n_steps {
                let p = 1.0 - (-pace[k] * rates[k]).exp();
                let x = draws.binomial(left, p);
                left -= x;
                closed[k] += x;
            }
        }
        let mut new_closing = [0.0; MAX_MONTHS];
        for (j, share, rates) in &cohorts {
            let mut still = filed[*j] * share;
            for k in *j..n_steps {
                let p = 1.0 - (-pace[k] * rates[k]).exp();
                new_closing[k] += still * p;
                still *= 1.0 - p;
            }
        }
        let mut breach_mean = [0.0; MAX_MONTHS];
        let mut breach_var = [0.0; MAX_MONTHS];
        for candidate in &candidates {
            let k = candidate.step;
            let summed: f64 = (0..k).map(|j| pace[j] * candidate.before[j]).sum::<f64>()
                + pace[k] * candidate.last;
            let still = (-summed).exp();
            breach_mean[k] += still;
            breach_var[k] += still * (1.0 - still);
        }
        let mut pending = pending_now as f64;
        for k in 0..n_steps {
            closed[k] += draws.poisson(new_closing[k]);
            closed[k] = closed[k].min(pending + filed[k]);
            pending += filed[k] - closed[k];
            let breaches = (breach_mean[k] + breach_var[k].sqrt() * draws.normal() + 0.5)
                .floor()
                .max(0.0);
            futures.set(Series::New, draw, k, filed[k]);
            futures.set(Series::Closed, draw, k, closed[k]);
            futures.set(Series::Pending, draw, k, pending);
            futures.set(Series::Breaches, draw, k, breaches);
        }
    }
    Run {
        futures,
        pending_now,
        overdue_now,
        crossing,
        crossing_cases,
    }
}

/// A court's own stream of draws, whatever the order courts are run in (FNV-1a of its code).
fn court_key(code: CourtCode) -> u64 {
    code.to_string()
        .bytes()
        .fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
            (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
        })
}
