//! The forecast tried on the past: from each of a run of month ends (the origins) the forecast
//! is made as the data then stood, and set against what the following months brought — how
//! often the 80% band held the actual figure (its coverage: about 80% if the bands are honest),
//! and how far the middle figure missed beside the seasonal-naive forecast (the same month a year
//! earlier), for each court and for the courts together (`docs/forecast.md`, BENCHMARKS.md).

use chrono::NaiveDate;
use shenguan_domain::CourtCode;

use crate::cases::{Cases, NO_DAY, day};
use crate::period::{month_end, months_back};

use super::calibrate::{Past, calibrated};
use super::steps::{Step, steps};
use super::{Band, MAX_MONTHS, Settings};

/// The figures the backtest scores.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Figure {
    New,
    Closed,
    Pending,
    Breaches,
}

impl Figure {
    pub const ALL: [Figure; 4] = [
        Figure::New,
        Figure::Closed,
        Figure::Pending,
        Figure::Breaches,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Figure::New => "new",
            Figure::Closed => "closed",
            Figure::Pending => "pending",
            Figure::Breaches => "breaches",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Figure::New => "新收",
            Figure::Closed => "结案",
            Figure::Pending => "未结",
            Figure::Breaches => "超审限",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Figure::New => "new",
            Figure::Closed => "closed",
            Figure::Pending => "pending",
            Figure::Breaches => "breaches",
        }
    }
}

/// The score of one figure at one horizon, over every origin (and court, for the courts' row).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Score {
    /// Forecasts scored.
    pub count: u64,
    /// Of them, the actual inside the 80% band.
    pub covered: u64,
    /// Summed absolute misses of the forecast's median, and of the seasonal-naive forecast.
    pub error: f64,
    pub naive_error: f64,
    /// Summed signed misses of the median (above 0: the forecast ran high).
    pub bias: f64,
    /// Summed actual figures (for the misses as a share of them).
    pub actual: f64,
}

impl Score {
    /// The share of actual figures inside the band, in percent.
    pub fn coverage(&self) -> Option<f64> {
        (self.count > 0).then(|| self.covered as f64 / self.count as f64 * 100.0)
    }

    /// Mean absolute miss of the median.
    pub fn mae(&self) -> Option<f64> {
        (self.count > 0).then(|| self.error / self.count as f64)
    }

    /// Mean absolute miss of the seasonal-naive forecast.
    pub fn naive_mae(&self) -> Option<f64> {
        (self.count > 0).then(|| self.naive_error / self.count as f64)
    }

    /// The forecast's mean miss over the seasonal-naive one's (below 1: the forecast is better).
    pub fn relative(&self) -> Option<f64> {
        (self.naive_error > 0.0).then(|| self.error / self.naive_error)
    }

    /// The mean signed miss of the median (above 0: the forecast ran high).
    pub fn mean_bias(&self) -> Option<f64> {
        (self.count > 0).then(|| self.bias / self.count as f64)
    }

    /// Misses as a share of the actual figures (weighted absolute percentage error), in percent.
    pub fn wape(&self) -> Option<f64> {
        (self.actual > 0.0).then(|| self.error / self.actual * 100.0)
    }

    fn add(&mut self, band: &Band, actual: f64, naive: f64) {
        self.count += 1;
        self.covered += u64::from(band.covers(actual));
        self.error += (band.median - actual).abs();
        self.naive_error += (naive - actual).abs();
        self.bias += band.median - actual;
        self.actual += actual;
    }
}

/// The scores: `courts[figure][horizon - 1]` over every court and origin, `total[…]` of the
/// courts together.
#[derive(Clone, Debug, PartialEq)]
pub struct Backtest {
    pub origins: Vec<NaiveDate>,
    pub courts: [[Score; MAX_MONTHS]; 4],
    pub total: [[Score; MAX_MONTHS]; 4],
    pub court_count: usize,
    /// Each court's scores per figure over every origin and month ahead, by code: whether the
    /// bands hold for every court, not only on average.
    pub by_court: Vec<(CourtCode, [Score; 4])>,
}

/// The last day of data in the columns (a filing or a closing).
pub fn data_end(cases: &Cases) -> Option<NaiveDate> {
    let filed = cases.filed.iter().copied().max();
    let closed = cases.closed.iter().copied().filter(|d| *d != NO_DAY).max();
    crate::cases::date(filed.max(closed)?)
}

/// `count` month ends, one month apart, the last of them `months` whole months before the last
/// whole month of data (so that every origin has its months of actual figures).
pub fn origins(data_end: NaiveDate, months: usize, count: usize) -> Vec<NaiveDate> {
    let last_whole = if month_end(data_end) == data_end {
        data_end
    } else {
        month_end(months_back(data_end, 1))
    };
    let last = month_end(months_back(last_whole, months as u32));
    let mut all: Vec<NaiveDate> = (0..count)
        .map(|back| month_end(months_back(last, back as u32)))
        .collect();
    all.reverse();
    all
}

/// The forecast from each origin scored against the months that followed.
pub fn backtest(
    cases: &Cases,
    wanted: &dyn Fn(CourtCode) -> bool,
    origins: &[NaiveDate],
    settings: &Settings,
) -> Backtest {
    let mut result = Backtest {
        origins: origins.to_vec(),
        courts: [[Score::default(); MAX_MONTHS]; 4],
        total: [[Score::default(); MAX_MONTHS]; 4],
        court_count: 0,
        by_court: Vec::new(),
    };
    let courts = cases.courts();
    let index_of = |code: CourtCode| courts.iter().position(|c| *c == code);
    // The past runs calibrating one origin's forecast serve the next origins too.
    let mut past = Past::default();
    for &origin in origins {
        let made = calibrated(cases, origin, wanted, settings, &mut past);
        result.court_count = made.courts.len();
        let ahead = steps(origin, made.settings.months);
        let actual = observed(cases, day(origin), &ahead);
        let year_before = month_end(months_back(origin, 12));
        let earlier = observed(cases, day(year_before), &steps(year_before, ahead.len()));
        let mut total_actual = [[0.0; MAX_MONTHS]; 4];
        let mut total_naive = [[0.0; MAX_MONTHS]; 4];
        for outlook in &made.courts {
            let Some(c) = outlook.court.and_then(index_of) else {
                continue;
            };
            let naive = naive(&actual[c], &earlier[c], ahead.len());
            for (f, figure) in Figure::ALL.iter().enumerate() {
                for (k, month) in outlook.months.iter().enumerate() {
                    let band = match figure {
                        Figure::New => &month.new,
                        Figure::Closed => &month.closed,
                        Figure::Pending => &month.pending,
                        Figure::Breaches => &month.breaches,
                    };
                    let seen = actual[c].figures[f][k];
                    result.courts[f][k].add(band, seen, naive[f][k]);
                    let code = courts[c];
                    let at = match result.by_court.iter().position(|(k, _)| *k == code) {
                        Some(at) => at,
                        None => {
                            result.by_court.push((code, [Score::default(); 4]));
                            result.by_court.len() - 1
                        }
                    };
                    result.by_court[at].1[f].add(band, seen, naive[f][k]);
                    total_actual[f][k] += seen;
                    total_naive[f][k] += naive[f][k];
                }
            }
        }
        for (f, figure) in Figure::ALL.iter().enumerate() {
            for (k, month) in made.total.months.iter().enumerate() {
                let band = match figure {
                    Figure::New => &month.new,
                    Figure::Closed => &month.closed,
                    Figure::Pending => &month.pending,
                    Figure::Breaches => &month.breaches,
                };
                result.total[f][k].add(band, total_actual[f][k], total_naive[f][k]);
            }
        }
    }
    result.by_court.sort_by_key(|(code, _)| code.to_string());
    result
}

/// What happened after one origin, for one court.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Observed {
    /// Per figure (the order of [`Figure::ALL`]), per step.
    pub figures: [[f64; MAX_MONTHS]; 4],
    pending_then: f64,
}

/// Per court (the columns' index), the actual figures of the steps after `origin`.
pub(crate) fn observed(cases: &Cases, origin: i32, ahead: &[Step]) -> Vec<Observed> {
    let mut all = vec![Observed::default(); cases.courts().len()];
    for row in 0..cases.len() {
        let (filed, closed, deadline) = (cases.filed[row], cases.closed[row], cases.deadline[row]);
        let one = &mut all[usize::from(cases.court[row])];
        let pending_at = |instant: i32| filed <= instant && (closed == NO_DAY || closed > instant);
        if pending_at(origin) {
            one.pending_then += 1.0;
        }
        for (k, step) in ahead.iter().enumerate() {
            if (step.first..=step.last).contains(&filed) {
                one.figures[0][k] += 1.0;
            }
            if closed != NO_DAY && (step.first..=step.last).contains(&closed) {
                one.figures[1][k] += 1.0;
            }
            if pending_at(step.last) {
                one.figures[2][k] += 1.0;
            }
            if pending_at(origin)
                && deadline != NO_DAY
                && (step.first..=step.last).contains(&deadline)
                && closed > deadline
            {
                one.figures[3][k] += 1.0;
            }
        }
    }
    all
}

/// The seasonal-naive forecast: each month's filings and closings as the same month a year
/// earlier, the pending stock carried from the origin by them, and the breaches as many as in
/// the same month after the origin a year earlier.
fn naive(now: &Observed, year_before: &Observed, months: usize) -> [[f64; MAX_MONTHS]; 4] {
    let mut guess = [[0.0; MAX_MONTHS]; 4];
    let mut pending = now.pending_then;
    let flows = year_before.figures[0].iter().zip(&year_before.figures[1]);
    for (k, (new, closed)) in flows.enumerate().take(months) {
        pending = (pending + new - closed).max(0.0);
        for (f, value) in [*new, *closed, pending, year_before.figures[3][k]]
            .into_iter()
            .enumerate()
        {
            guess[f][k] = value;
        }
    }
    guess
}
