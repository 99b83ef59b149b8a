//! A seeded model of a city court network's case flow, producing canonical case and event records.
//!
//! The model, in order: a fictional network ([`network`]); filings per court and case type, day by
//! day, with the weekly rhythm, official holidays, the Spring Festival dip, the year-end filing
//! slowdown and year-on-year growth ([`filings`]); for each case a procedure, a duration drawn per
//! procedure against its statutory limit (extensions and excluded periods where they would be
//! needed) and a closing method ([`lifecycle`]); the cases that follow from others — appeals to
//! the intermediate court, remands that return as new first-instance cases, enforcement of money
//! judgments, restored enforcement after 终本, retrial review ([`chains`]); case numbers in filing
//! order ([`numbering`]). Gaming can be planted in chosen courts ([`plant`]).
//!
//! Memory: each case is kept as compact facts ([`facts`]); its canonical record and its events
//! ([`timeline`]) are made when it is written ([`output`]), one case at a time, so that ten million
//! cases fit in about a gigabyte.
//!
//! Determinism: every random draw comes from a stream keyed by the seed and the case's own identity
//! (its court, filing day and position, or its parent case and role), never from a shared
//! sequence, so the output is the same whatever the order or threads of the work.
//!
//! Calibration: see [`calibration`] for the targets, their sources and the values the defaults give.

pub mod calibration;
mod chains;
mod facts;
mod filings;
mod lifecycle;
pub mod network;
mod numbering;
mod output;
mod parties;
mod petitions;
pub mod plant;
pub mod realism;
pub mod rng;
mod service;
mod timeline;

use chrono::{Days, NaiveDate};
use shenguan_domain::{DeadlineOptions, HolidayCalendar, TimeLimits};

use crate::facts::CaseFacts;
pub use network::SimCourt;
pub use output::{CaseView, SimNumber};
pub use plant::{Plant, PlantKind};
pub use service::{SimAttempt, SimService, SimTask};
pub use timeline::{AFTER_CLOSING, Detail, SimEvent};

/// Every parameter of the model, with defaults calibrated as [`calibration`] documents.
#[derive(Clone, Debug, PartialEq)]
pub struct SimParams {
    pub seed: u64,
    /// Basic courts under the intermediate court.
    pub basic_courts: usize,
    /// The intermediate court's number in the province (湘14 by default): several cities
    /// generated with different numbers make one province's data.
    pub city: u8,
    /// Filings start on this day.
    pub from: NaiveDate,
    /// The simulated "today": no filing after it; cases still open then are pending.
    pub to: NaiveDate,
    /// Multiplies every filing volume (1.0 ≈ 11,000 original filings a year in an average basic
    /// court, about 125,000 in the whole network with its follow-on cases).
    pub scale: f64,
    /// Year-on-year growth of filings.
    pub growth: f64,
    /// Share of first-instance civil judgments (and dismissals) appealed.
    pub civil_appeal_rate: f64,
    /// Share of criminal first-instance judgments appealed.
    pub criminal_appeal_rate: f64,
    /// Share of civil money judgments and mediations that come back for enforcement.
    pub enforcement_rate: f64,
    /// Cases a quota judge closes in a year at scale 1: the SPC reports about 240–360 nationally,
    /// over 500 in busy provinces (`docs/published-figures.md`). A court's filings above what its judges
    /// close lengthen its cases, so that backlogs grow.
    pub judge_capacity: f64,
    /// Worker threads; the output does not depend on it.
    pub threads: usize,
    /// How deadlines are computed: the model decides extensions against them and writes them
    /// out, so they must be the deployment's.
    pub deadline_options: DeadlineOptions,
    /// Gaming planted in chosen courts (none by default): see [`plant`].
    pub plants: Vec<Plant>,
}

impl SimParams {
    pub fn new(seed: u64, from: NaiveDate, to: NaiveDate) -> SimParams {
        SimParams {
            seed,
            basic_courts: 10,
            city: network::DEFAULT_CITY,
            from,
            to,
            scale: 1.0,
            growth: 1.04,
            civil_appeal_rate: 0.28,
            criminal_appeal_rate: 0.08,
            enforcement_rate: 0.30,
            judge_capacity: 320.0,
            threads: 1,
            deadline_options: DeadlineOptions::default(),
            plants: Vec::new(),
        }
    }
}

/// Follow-on cases (appeals, enforcement, remands…) as a share of original filings, measured on
/// the defaults.
const FOLLOW_ON_FACTOR: f64 = 1.15;

impl SimParams {
    /// The scale that gives about `cases` cases over the span.
    pub fn scale_for_cases(&self, cases: u64) -> f64 {
        let courts = network::build(self.basic_courts, self.city, self.seed);
        let years = ((self.to - self.from).num_days() + 1) as f64 / 365.25;
        let unit = filings::expected_at_unit_scale(&courts, years, self.growth) * FOLLOW_ON_FACTOR;
        if unit <= 0.0 {
            0.0
        } else {
            cases as f64 / unit
        }
    }
}

/// What the model produces: the network and its numbered cases in case-number order, each
/// case's record and events made on demand (see [`output`]) so that ten million cases stay
/// compact in memory.
#[derive(Debug)]
pub struct Simulation {
    courts: Vec<SimCourt>,
    cases: Vec<CaseFacts>,
    seed: u64,
    to: NaiveDate,
    /// The calendar the court sat by: hearings and measures are told on its working days.
    calendar: HolidayCalendar,
}

/// The shared read-only context of a run.
pub(crate) struct Context<'a> {
    pub params: &'a SimParams,
    pub courts: &'a [SimCourt],
    pub limits: &'a TimeLimits,
    pub calendar: &'a HolidayCalendar,
    /// Each court's load by month since the start of the span: its original filings over what
    /// its judges can close (see [`capacity`]).
    pub load: Vec<Vec<f64>>,
    /// The gaming planted, by court.
    pub plants: plant::Plants,
}

impl Context<'_> {
    /// The load of `court` in the month of `day`.
    pub fn load_in(&self, court: usize, day: NaiveDate) -> f64 {
        let month = lifecycle::month_index(self.params.from, day);
        self.load
            .get(court)
            .and_then(|months| months.get(month))
            .copied()
            .unwrap_or(0.0)
    }
}

/// Each court's monthly load: its original filings that month over its judges' monthly capacity
/// (a scaled-down network has proportionally fewer judges' time). A month above 1 lengthens the
/// cases filed in it (see `lifecycle`), so a court whose filings outrun its judges builds a backlog.
fn capacity(params: &SimParams, courts: &[SimCourt], filings: &[CaseFacts]) -> Vec<Vec<f64>> {
    let months = lifecycle::month_index(params.from, params.to) + 1;
    let mut load = vec![vec![0.0; months]; courts.len()];
    for case in filings {
        let month = lifecycle::month_index(params.from, case.filed_on);
        if let Some(count) = load
            .get_mut(usize::from(case.court))
            .and_then(|m| m.get_mut(month))
        {
            *count += 1.0;
        }
    }
    for (court, months) in courts.iter().zip(&mut load) {
        let judges: usize = court.divisions.iter().map(|d| d.judges.len()).sum();
        let monthly = judges.max(1) as f64 * params.judge_capacity * params.scale / 12.0;
        for count in months.iter_mut() {
            *count /= monthly;
        }
    }
    load
}

/// Runs the model.
pub fn simulate(params: &SimParams, calendar: &HolidayCalendar, limits: &TimeLimits) -> Simulation {
    let courts = network::build(params.basic_courts, params.city, params.seed);
    let mut context = Context {
        params,
        courts: &courts,
        limits,
        calendar,
        load: Vec::new(),
        plants: if params.plants.is_empty() {
            plant::Plants::default()
        } else {
            plant::Plants::new(&params.plants, &courts)
        },
    };
    let mut all = filings::original_filings(&context);
    plant::withhold(&mut all, &context);
    context.load = capacity(params, &courts, &all);
    // Each wave's closed cases give rise to the next (appeal → remand → its appeal …), at most a
    // few links deep. A follow-on's origin is its parent's position in `all`.
    let mut wave_start = 0;
    for _ in 0..6 {
        run_all(&mut all[wave_start..], &context);
        let first = wave_start as u32;
        let next = chains::follow_ons(&mut all[wave_start..], first, &context);
        if next.is_empty() {
            break;
        }
        wave_start = all.len();
        all.extend(next);
    }
    numbering::number(&mut all);
    Simulation {
        courts,
        cases: all,
        seed: params.seed,
        to: params.to,
        calendar: calendar.clone(),
    }
}

/// Runs every case's lifecycle, split over the configured threads. Each case draws from its own
/// stream, so the split changes nothing in the result.
fn run_all(cases: &mut [CaseFacts], context: &Context<'_>) {
    let threads = context.params.threads.max(1);
    let chunk = cases.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for part in cases.chunks_mut(chunk) {
            scope.spawn(move || {
                for case in part {
                    lifecycle::run(case, context);
                    plant::bend(case, context);
                }
            });
        }
    });
}

/// The working day a court does something it would have done on `date`: the day itself when
/// the court sits, else the working day before — or, when that is before `not_before` (a case
/// filed online on a Sunday), the working day after.
pub(crate) fn sitting_day(
    date: NaiveDate,
    not_before: NaiveDate,
    calendar: &HolidayCalendar,
) -> NaiveDate {
    let mut day = date;
    // A holiday of a week and its weekends: never more than a fortnight off.
    for _ in 0..14 {
        if calendar.is_working_day(day) {
            break;
        }
        day = add_days(day, -1);
    }
    if day >= not_before && calendar.is_working_day(day) {
        return day;
    }
    let mut day = date.max(not_before);
    for _ in 0..14 {
        if calendar.is_working_day(day) {
            break;
        }
        day = add_days(day, 1);
    }
    day
}

/// The first working day on or after `date`: where a court files what reached it on a rest day.
pub(crate) fn working_day_from(date: NaiveDate, calendar: &HolidayCalendar) -> NaiveDate {
    let mut day = date;
    // A holiday of a week and its weekends: never more than a fortnight off.
    for _ in 0..14 {
        if calendar.is_working_day(day) {
            return day;
        }
        day = add_days(day, 1);
    }
    date
}

/// `date` moved by `days` (either way), or left where it is at the calendar's ends.
pub(crate) fn add_days(date: NaiveDate, days: i64) -> NaiveDate {
    if days >= 0 {
        date.checked_add_days(Days::new(days as u64))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    }
    .unwrap_or(date)
}
