//! The bands set by the model's own past misses. The simulated futures carry the chance of
//! single cases and the misses the model can measure in its fit, but not the model's own errors
//! (a court working differently from its last two years, a curve read wrong): measured on the
//! simulated network and the demonstration, their 80% bands held the actual 未结 only one time in
//! four. So the same model is run from the same day 1, 2, … 12 months before today, each run
//! seeing the data as it then stood, and its misses against what has happened since (only
//! months that ended by today) set the forecast: the middle is moved by the court's usual miss
//! and the band is the spread of its misses, by figure and months ahead, as a prediction
//! interval on the logarithmic scale (`docs/forecast.md`). Nothing after today is read.

use std::collections::HashMap;

use chrono::NaiveDate;
use shenguan_domain::CourtCode;

use crate::cases::{Cases, day};
use crate::period::{month_end, months_back};

use super::backtest::{Figure, observed};
use super::steps::steps;
use super::{Band, Forecast, MAX_MONTHS, Outlook, Settings, simulated};

/// Simulated futures of a past origin's run: only its middle figure is used, which a few
/// hundred futures already fix to within a case or two.
const PAST_DRAWS: usize = 250;
/// Pseudo-misses pulling a court's usual miss toward the courts' together, and the spread of
/// its misses toward theirs: a court's own misses are few (12 at one month ahead, 7 at six).
const BIAS_PRIOR: f64 = 4.0;
const SPREAD_PRIOR: f64 = 8.0;
/// The fewest past misses a band is set from; with fewer, the simulated band stands.
const FEWEST_MISSES: usize = 3;

/// Past runs already made, by their day (the backtest shares them between its origins).
#[derive(Default)]
pub(crate) struct Past {
    runs: HashMap<NaiveDate, Forecast>,
}

/// The calibrated forecast from `today` (see the module's note).
pub(crate) fn calibrated(
    cases: &Cases,
    today: NaiveDate,
    wanted: &dyn Fn(CourtCode) -> bool,
    settings: &Settings,
    past: &mut Past,
) -> Forecast {
    let mut made = simulated(cases, today, wanted, settings);
    if settings.calibration == 0 {
        return made;
    }
    let past_settings = Settings {
        draws: settings.draws.clamp(1, PAST_DRAWS),
        months: MAX_MONTHS,
        calibration: 0,
        ..*settings
    };
    let mut misses = Misses::new(cases.courts().len());
    // A past forecast made with less than a year of data behind it says nothing of how the
    // forecast misses: it is not made.
    let first_filed = (0..cases.len()).filter_map(|row| cases.filed_on(row)).min();
    for back in 1..=settings.calibration.min(60) as u32 {
        let origin = past_origin(today, back);
        if first_filed.is_none_or(|first| origin < first + chrono::Months::new(12)) {
            break;
        }
        let run = past
            .runs
            .entry(origin)
            .or_insert_with(|| simulated(cases, origin, wanted, &past_settings));
        misses.add(cases, run, today);
    }
    let courts = cases.courts();
    for outlook in &mut made.courts {
        let Some(c) = outlook
            .court
            .and_then(|code| courts.iter().position(|k| *k == code))
        else {
            continue;
        };
        adjust(outlook, |f, h| {
            let own = &misses.courts[c][f][h];
            let pooled = misses.pooled(f, h);
            interval(own, pooled)
        });
    }
    adjust(&mut made.total, |f, h| interval(&misses.total[f][h], None));
    made
}

/// The origin `back` months before `today`: the same day of the month, or the month's end when
/// today ends its month (so that its first month ahead is as long as today's).
pub(crate) fn past_origin(today: NaiveDate, back: u32) -> NaiveDate {
    if month_end(today) == today {
        month_end(months_back(today, back))
    } else {
        months_back(today, back)
    }
}

/// The misses on the log scale, ln((actual + 1) / (middle + 1)), per court (the columns' index)
/// and for the courts together, per figure (the order of [`Figure::ALL`]) and months ahead.
struct Misses {
    courts: Vec<[[Vec<f64>; MAX_MONTHS]; 4]>,
    total: [[Vec<f64>; MAX_MONTHS]; 4],
}

impl Misses {
    fn new(courts: usize) -> Misses {
        Misses {
            courts: (0..courts).map(|_| Default::default()).collect(),
            total: Default::default(),
        }
    }

    /// The misses of a past run in the months that ended by `today`.
    fn add(&mut self, cases: &Cases, run: &Forecast, today: NaiveDate) {
        let ahead = steps(run.today, run.settings.months);
        let actual = observed(cases, day(run.today), &ahead);
        let courts = cases.courts();
        let mut summed = [[0.0; MAX_MONTHS]; 4];
        for outlook in &run.courts {
            let Some(c) = outlook
                .court
                .and_then(|code| courts.iter().position(|k| *k == code))
            else {
                continue;
            };
            for (k, step) in ahead.iter().enumerate() {
                if step.last_date > today {
                    break;
                }
                for (f, sum) in summed.iter_mut().enumerate() {
                    let seen = actual[c].figures[f][k];
                    sum[k] += seen;
                    let middle = figure(&outlook.months[k], f).median;
                    self.courts[c][f][k].push(miss(seen, middle));
                }
            }
        }
        for (k, step) in ahead.iter().enumerate() {
            if step.last_date > today {
                break;
            }
            for (f, sum) in summed.iter().enumerate() {
                let middle = figure(&run.total.months[k], f).median;
                self.total[f][k].push(miss(sum[k], middle));
            }
        }
    }

    /// The courts' misses together: their mean, and the mean spread within a court.
    fn pooled(&self, f: usize, h: usize) -> Option<(f64, f64)> {
        let (mut sum, mut n, mut squares, mut dof) = (0.0, 0.0, 0.0, 0.0);
        for court in &self.courts {
            let own = &court[f][h];
            if own.is_empty() {
                continue;
            }
            let mean = own.iter().sum::<f64>() / own.len() as f64;
            sum += own.iter().sum::<f64>();
            n += own.len() as f64;
            squares += own.iter().map(|m| (m - mean).powi(2)).sum::<f64>();
            dof += own.len() as f64 - 1.0;
        }
        (n > 0.0 && dof > 0.0).then(|| (sum / n, squares / dof))
    }
}

fn miss(actual: f64, middle: f64) -> f64 {
    ((actual.max(0.0) + 1.0) / (middle.max(0.0) + 1.0)).ln()
}

fn figure(month: &super::MonthAhead, f: usize) -> &Band {
    match Figure::ALL[f] {
        Figure::New => &month.new,
        Figure::Closed => &month.closed,
        Figure::Pending => &month.pending,
        Figure::Breaches => &month.breaches,
    }
}

/// The usual miss and the half-width of the 80% prediction interval (log scale) from a court's
/// own misses, pulled toward the courts' `pooled` mean and spread where given.
pub(crate) fn interval(own: &[f64], pooled: Option<(f64, f64)>) -> Option<(f64, f64)> {
    let n = own.len() as f64;
    let (bias_prior, spread_prior) = if pooled.is_some() {
        (BIAS_PRIOR, SPREAD_PRIOR)
    } else {
        (0.0, 0.0)
    };
    let (pooled_mean, pooled_var) = pooled.unwrap_or((0.0, 0.0));
    if own.len() < FEWEST_MISSES && pooled.is_none() {
        return None;
    }
    let mean = if n > 0.0 {
        own.iter().sum::<f64>() / n
    } else {
        0.0
    };
    let squares: f64 = own.iter().map(|m| (m - mean).powi(2)).sum();
    let bias = (mean * n + bias_prior * pooled_mean) / (n + bias_prior);
    let dof = (n - 1.0).max(0.0) + spread_prior;
    if dof < 1.0 {
        return None;
    }
    let variance = (squares + spread_prior * pooled_var) / dof;
    // A new miss varies by the spread and by the error of the usual miss itself.
    let scale = (variance * (1.0 + 1.0 / (n + bias_prior))).sqrt();
    Some((bias, student_t_90(dof) * scale))
}

/// The 90th percentile of Student's t with `dof` degrees of freedom (Cornish–Fisher expansion
/// about the normal's 1.2816; within 1% from 2 degrees of freedom up).
fn student_t_90(dof: f64) -> f64 {
    let z: f64 = 1.281_551_6;
    let (z3, z5) = (z.powi(3), z.powi(5));
    z + (z3 + z) / (4.0 * dof)
        + (5.0 * z5 + 16.0 * z3 + 3.0 * z) / (96.0 * dof * dof)
        + (3.0 * z.powi(7) + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / (384.0 * dof.powi(3))
}

/// Each figure of each month moved and widened by its `(usual miss, half-width)`.
fn adjust(outlook: &mut Outlook, interval_of: impl Fn(usize, usize) -> Option<(f64, f64)>) {
    for (h, month) in outlook.months.iter_mut().enumerate() {
        for f in 0..Figure::ALL.len() {
            let Some((bias, half)) = interval_of(f, h) else {
                continue;
            };
            let band = match Figure::ALL[f] {
                Figure::New => &mut month.new,
                Figure::Closed => &mut month.closed,
                Figure::Pending => &mut month.pending,
                Figure::Breaches => &mut month.breaches,
            };
            // Never narrower than the simulated band: the chance of single cases is in every
            // future, however steady the past misses were.
            let log = |v: f64| (v.max(0.0) + 1.0).ln();
            let half = half.max((log(band.high) - log(band.low)) / 2.0);
            let centre = log(band.median) + bias;
            let back = |log: f64| (log.exp() - 1.0).max(0.0);
            *band = Band {
                // Counts: the band's ends rounded like the middle (rounding outward would widen
                // the small counts' bands, such as a court's few breaches, far beyond 80%).
                low: back(centre - half).round(),
                median: back(centre).round(),
                high: back(centre + half).round(),
                mean: ((band.mean.max(0.0) + 1.0).ln() + bias).exp() - 1.0,
            };
        }
    }
}
