//! A seeded model of a city court network's case flow, producing canonical case and event records.
//!
//! The model, in order: a fictional network ([`network`]); filings per court and case type, day by
//! day, with the weekly rhythm, official holidays, the Spring Festival dip, the year-end filing
//! slowdown and year-on-year growth ([`filings`]); for each case a procedure, a duration drawn per
//! procedure against its statutory limit (extensions and excluded periods where they would be
//! needed), a closing method and the events of its timeline ([`lifecycle`]); and the cases that
//! follow from others — appeals to the intermediate court, remands that return as new
//! first-instance cases, enforcement of money judgments, restored enforcement after 终本, retrial
//! review ([`chains`]).
//!
//! Determinism: every random draw comes from a stream keyed by the seed and the case's own identity
//! (its court, filing day and position, or its parent case and role), never from a shared
//! sequence, so the output is the same whatever the order or threads of the work.
//!
//! Calibration: see [`calibration`] for the targets, their sources and the values the defaults give.

pub mod calibration;
mod chains;
mod filings;
mod lifecycle;
pub mod network;
pub mod rng;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use shenguan_domain::{
    CaseNumber, CaseRecord, CourtCode, EventRecord, HolidayCalendar, Money, Procedure, TimeLimits,
};

pub use network::SimCourt;

/// Every parameter of the model, with defaults calibrated as [`calibration`] documents.
#[derive(Clone, Debug, PartialEq)]
pub struct SimParams {
    pub seed: u64,
    /// Basic courts under the intermediate court.
    pub basic_courts: usize,
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
    /// over 500 in busy provinces (china-courts.md §11). A court's filings above what its judges
    /// close lengthen its cases, so that backlogs grow.
    pub judge_capacity: f64,
    /// Worker threads; the output does not depend on it.
    pub threads: usize,
}

impl SimParams {
    pub fn new(seed: u64, from: NaiveDate, to: NaiveDate) -> SimParams {
        SimParams {
            seed,
            basic_courts: 10,
            from,
            to,
            scale: 1.0,
            growth: 1.04,
            civil_appeal_rate: 0.28,
            criminal_appeal_rate: 0.08,
            enforcement_rate: 0.30,
            judge_capacity: 320.0,
            threads: 1,
        }
    }
}

/// Follow-on cases (appeals, enforcement, remands…) as a share of original filings, measured on
/// the defaults.
const FOLLOW_ON_FACTOR: f64 = 1.15;

impl SimParams {
    /// The scale that gives about `cases` cases over the span.
    pub fn scale_for_cases(&self, cases: u64) -> f64 {
        let courts = network::build(self.basic_courts, self.seed);
        let years = ((self.to - self.from).num_days() + 1) as f64 / 365.25;
        let unit = filings::expected_at_unit_scale(&courts, years, self.growth) * FOLLOW_ON_FACTOR;
        if unit <= 0.0 {
            0.0
        } else {
            cases as f64 / unit
        }
    }
}

/// What the model produces: the courts, and the cases and events in canonical form, ordered by
/// case number.
#[derive(Clone, Debug, Default)]
pub struct Simulation {
    pub courts: Vec<(CourtCode, String)>,
    pub cases: Vec<CaseRecord>,
    pub events: Vec<EventRecord>,
}

/// A case while the model works on it; numbered only at the end.
#[derive(Clone, Debug)]
pub(crate) struct SimCase {
    /// A stable identity, also the key of the case's random stream.
    pub id: u64,
    pub court: usize,
    pub type_code: &'static str,
    pub procedure: Option<Procedure>,
    pub cause: &'static str,
    pub division: &'static str,
    pub judge: String,
    pub filed_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub closing_method: Option<&'static str>,
    pub claim: Option<i64>,
    pub recovered: Option<i64>,
    pub extension_days: u32,
    pub excluded_days: u32,
    pub origin: Option<u64>,
    /// The basic court whose case started the chain: remands and enforcement return there.
    pub home_court: usize,
    /// How many links from an original filing (bounds the chains).
    pub depth: u8,
    pub events: Vec<(NaiveDate, &'static str, String)>,
}

/// The shared read-only context of a run.
pub(crate) struct Context<'a> {
    pub params: &'a SimParams,
    pub courts: &'a [SimCourt],
    pub limits: &'a TimeLimits,
    pub calendar: &'a HolidayCalendar,
    /// Each court's load by month: filings over what its judges can close (see [`capacity`]).
    pub load: HashMap<(usize, i32, u32), f64>,
}

/// Each court's monthly load: its original filings that month over its judges' monthly capacity
/// (a scaled-down network has proportionally fewer judges' time). A month above 1 lengthens the
/// cases filed in it (see `lifecycle`), so a court whose filings outrun its judges builds a backlog.
fn capacity(
    params: &SimParams,
    courts: &[SimCourt],
    filings: &[SimCase],
) -> HashMap<(usize, i32, u32), f64> {
    let mut counts: HashMap<(usize, i32, u32), f64> = HashMap::new();
    for case in filings {
        *counts
            .entry((case.court, case.filed_on.year(), case.filed_on.month()))
            .or_insert(0.0) += 1.0;
    }
    counts
        .into_iter()
        .map(|(key, count)| {
            let judges: usize = courts[key.0].divisions.iter().map(|d| d.judges.len()).sum();
            let monthly = judges.max(1) as f64 * params.judge_capacity * params.scale / 12.0;
            (key, count / monthly)
        })
        .collect()
}

/// Runs the model.
pub fn simulate(params: &SimParams, calendar: &HolidayCalendar, limits: &TimeLimits) -> Simulation {
    let courts = network::build(params.basic_courts, params.seed);
    let mut context = Context {
        params,
        courts: &courts,
        limits,
        calendar,
        load: HashMap::new(),
    };
    let mut all: Vec<SimCase> = Vec::new();
    let mut wave = filings::original_filings(&context);
    context.load = capacity(params, &courts, &wave);
    // Each wave's closed cases give rise to the next (appeal → remand → its appeal …), at most a
    // few links deep.
    for _ in 0..6 {
        run_all(&mut wave, &context);
        let next = chains::follow_ons(&wave, &context);
        all.append(&mut wave);
        if next.is_empty() {
            break;
        }
        wave = next;
    }
    number(&courts, all)
}

/// Runs every case's lifecycle, split over the configured threads. Each case draws from its own
/// stream, so the split changes nothing in the result.
fn run_all(cases: &mut [SimCase], context: &Context<'_>) {
    let threads = context.params.threads.max(1);
    let chunk = cases.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        for part in cases.chunks_mut(chunk) {
            scope.spawn(move || {
                for case in part {
                    lifecycle::run(case, context);
                }
            });
        }
    });
}

/// Assigns case numbers (per year, court and type, in filing order) and turns the model's cases
/// into canonical records.
fn number(courts: &[SimCourt], mut cases: Vec<SimCase>) -> Simulation {
    cases.sort_by(|a, b| {
        (a.court, a.type_code, a.filed_on, a.id).cmp(&(b.court, b.type_code, b.filed_on, b.id))
    });
    let mut serials: HashMap<(usize, &'static str, i32), u32> = HashMap::new();
    let mut numbers: HashMap<u64, CaseNumber> = HashMap::with_capacity(cases.len());
    for case in &cases {
        let serial = serials
            .entry((case.court, case.type_code, case.filed_on.year()))
            .or_insert(0);
        *serial += 1;
        let text = format!(
            "（{}）{}{}{}号",
            case.filed_on.year(),
            courts[case.court].code,
            case.type_code,
            serial
        );
        // The text is built from a court code, a type code of the table and a year of the span,
        // so it always parses (the app refuses a span before 1949).
        if let Ok(number) = CaseNumber::parse(&text, i32::MAX) {
            numbers.insert(case.id, number);
        }
    }
    // Output in case-number order (code-point order of the canonical text, as the store reads it
    // back); each case's events follow it, by date, kind and detail, without duplicates.
    let mut order: Vec<(String, usize)> = cases
        .iter()
        .enumerate()
        .filter_map(|(i, c)| numbers.get(&c.id).map(|n| (n.to_string(), i)))
        .collect();
    order.sort_unstable();
    let mut records = Vec::with_capacity(order.len());
    let mut events = Vec::new();
    for (_, index) in order {
        let case = &mut cases[index];
        let Some(number) = numbers.get(&case.id).cloned() else {
            continue;
        };
        let mut timeline = std::mem::take(&mut case.events);
        timeline.sort_unstable();
        timeline.dedup();
        events.extend(
            timeline
                .into_iter()
                .map(|(date, kind, detail)| EventRecord {
                    case_no: number.clone(),
                    date,
                    kind: kind.to_string(),
                    detail,
                }),
        );
        records.push(CaseRecord {
            court: courts[case.court].code,
            court_name: Some(courts[case.court].name.clone()),
            procedure: case.procedure,
            cause: Some(case.cause.to_string()),
            division: Some(case.division.to_string()),
            judge: Some(std::mem::take(&mut case.judge)),
            filed_on: case.filed_on,
            closed_on: case.closed_on,
            closing_method: case.closing_method.map(str::to_string),
            claim_amount: case.claim.map(Money::from_fen),
            recovered_amount: case.recovered.map(Money::from_fen),
            extension_days: case.extension_days,
            excluded_days: case.excluded_days,
            origin_case_no: case.origin.and_then(|o| numbers.get(&o).cloned()),
            case_no: number,
        });
    }
    Simulation {
        courts: courts.iter().map(|c| (c.code, c.name.clone())).collect(),
        cases: records,
        events,
    }
}
