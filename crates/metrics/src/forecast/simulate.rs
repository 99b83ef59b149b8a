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
use super::hazard::{Curves, bucket};
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
    pub shares: &'a [(usize, f64)],
}

/// What a court's run gives.
#[derive(Debug)]
pub(crate) struct Run {
    pub futures: Futures,
    pub pending_now: u64,
    pub overdue_now: u64,
    /// Per step, per age of [`CROSSING_MONTHS`].
    pub crossing: Vec<[Crossing; 3]>,
}

/// Per court (the columns' index): the groups of its filings of the last twelve months before
/// `today`, with their shares.
pub(crate) fn group_shares(cases: &Cases, curves: &Curves, today: i32) -> Vec<Vec<(usize, f64)>> {
    let mut counts: Vec<HashMap<usize, f64>> = vec![HashMap::new(); cases.courts().len()];
    let since = month_index(today) - 12;
    for row in 0..cases.len() {
        let filed = cases.filed[row];
        if filed > today || month_index(filed) <= since {
            continue;
        }
        if let Some(g) = curves.group_of(cases, row) {
            *counts[usize::from(cases.court[row])].entry(g).or_default() += 1.0;
        }
    }
    counts
        .into_iter()
        .map(|court| {
            let total: f64 = court.values().sum();
            let mut shares: Vec<(usize, f64)> =
                court.into_iter().map(|(g, n)| (g, n / total)).collect();
            shares.sort_by_key(|(g, _)| *g);
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

/// The futures of one court.
pub(crate) fn run(
    cases: &Cases,
    curves: &Curves,
    court: &Court,
    today: i32,
    steps: &[Step],
    settings: &Settings,
) -> Run {
    let c = court.index;
    let n_steps = steps.len();
    let mut cell_of: HashMap<(usize, usize), usize> = HashMap::new();
    let mut cell_count: Vec<f64> = Vec::new();
    let mut cell_rates: Vec<[f64; MAX_MONTHS]> = Vec::new();
    let mut candidates: Vec<Candidate> = Vec::new();
    let mut crossing = vec![[Crossing::default(); 3]; n_steps];
    let mut overdue_now = 0;
    for &row in court.pending {
        let filed = cases.filed[row];
        let group = curves.group_of(cases, row);
        let mut rates = [0.0; MAX_MONTHS];
        if let Some(g) = group {
            for (k, step) in steps.iter().enumerate() {
                rates[k] = curves.hazard_between(c, g, filed, step.first, step.last);
            }
        }
        let key = (group.unwrap_or(usize::MAX), bucket(today - filed));
        let next = cell_count.len();
        let cell = *cell_of.entry(key).or_insert(next);
        if cell == next {
            cell_count.push(0.0);
            cell_rates.push([0.0; MAX_MONTHS]);
        }
        cell_count[cell] += 1.0;
        for k in 0..n_steps {
            cell_rates[cell][k] += rates[k];
        }
        let deadline = cases.deadline[row];
        if deadline != NO_DAY {
            if deadline <= today {
                overdue_now += 1;
            } else if let Some(k) = steps.iter().position(|s| deadline <= s.last) {
                let last = match group {
                    Some(g) => curves.hazard_between(c, g, filed, steps[k].first, deadline),
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
            }
        }
    }
    for (rates, count) in cell_rates.iter_mut().zip(&cell_count) {
        for rate in rates.iter_mut() {
            *rate /= count;
        }
    }

    // New cases of each step and group: the summed rates of each later step, averaged over
    // filing days spread through the step.
    let mut cohorts: Vec<(usize, f64, [f64; MAX_MONTHS])> = Vec::new();
    for (j, step) in steps.iter().enumerate() {
        for &(g, share) in court.shares {
            let days: Vec<i32> = (step.first..=step.last).step_by(3).collect();
            let mut rates = [0.0; MAX_MONTHS];
            for &filed in &days {
                rates[j] += curves.hazard_between(c, g, filed, filed, step.last);
                for k in j + 1..n_steps {
                    rates[k] += curves.hazard_between(c, g, filed, steps[k].first, steps[k].last);
                }
            }
            for rate in &mut rates {
                *rate /= days.len().max(1) as f64;
            }
            cohorts.push((j, share, rates));
        }
    }

    let filings_spread = court.filings.spread;
    let closings_spread = curves.spread(c);
    let expected_filings: Vec<f64> = steps.iter().map(|s| court.filings.expected(s)).collect();
    let pending_now = court.pending.len() as u64;
    let mut futures = Futures::new(settings.draws, n_steps);
    let mut draws = Draws::new(settings.seed, court_key(court.code));
    let shift = |draws: &mut Draws, common: f64, carry: f64, spread: f64| {
        let z = carry * common + (1.0 - carry * carry).sqrt() * draws.normal();
        (spread * z - spread * spread / 2.0).exp()
    };
    for draw in 0..settings.draws {
        let (filings_common, closings_common) = (draws.normal(), draws.normal());
        let mut pace = [1.0; MAX_MONTHS];
        let mut filed = [0.0; MAX_MONTHS];
        for k in 0..n_steps {
            let filing = shift(&mut draws, filings_common, FILINGS_CARRY, filings_spread[k]);
            pace[k] = shift(&mut draws, closings_common, CLOSINGS_CARRY, closings_spread);
            filed[k] = draws.poisson(expected_filings[k] * filing);
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
