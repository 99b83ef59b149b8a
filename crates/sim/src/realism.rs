//! Whether a simulated year looks like a court network's year: how much of the year's caseload
//! it closes, the year-end closing push and the January dip, work on working days only, courts
//! that differ, namesakes among the staff, and 终本 closings that meet the checklist — measured on
//! the canonical records, beside the bands the published figures and the project's readings give
//! (see `docs/published-figures.md`).
//!
//! | measure | band | source |
//! | --- | --- | --- |
//! | 结案率, closed ÷ (pending at the start + new) | 90–98 % | a Henan basic court 2022 97.19 %, Suihua 2017 91.27 %, Wuhan Intermediate Court 2005 96.3 % |
//! | December closings ÷ mean of January–November | 1.15–2.2 | reading: year-end closing drives (年底清积) are common; no network-wide figure was found |
//! | January closings ÷ mean of February–November | 0.5–0.95 | reading: after the year-end push; a Henan basic court had closed 37.52 % of its caseload after January–February 2022 |
//! | hearings, closings, measures on rest days | 0–0.5 % | courts sit on working days; online filings may come any day |
//! | spread of basic courts' 结案率 (highest − lowest) | 3–15 points | reading: a lagging court or two; published city reports name courts below the average |
//! | staff whose name someone else in the network has | 2–25 % | reading: common names (王伟, 李娜) repeat across a network of a few hundred judges |
//! | 终本 closings with every checklist step before them | 85–97 % | the SPC's 终本合格率 standard of at least 90 % (四个90%); reviews find some short of it |
//! | enforcement money paid out within 30 days of receipt | 80–97 % | reading: courts are held to pay 执行款 out promptly; some payments wait on the creditor or a dispute |
//! | 民初 brought by a lender that brings at least ten | 5–40 % | reading: banks and lenders bring series of loan and credit-card cases |

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use shenguan_domain::{
    CaseParties, CaseRecord, ClosingMethod, CourtCode, CourtLevel, EventKind, EventRecord,
    HolidayCalendar, PartyKind, PartyRole, Payment, PaymentKind, Staff,
};

use crate::calibration::Check;

/// The realism measures of one calendar year.
#[derive(Clone, Debug, PartialEq)]
pub struct Realism {
    pub closure_rate: f64,
    pub december_ratio: f64,
    pub january_ratio: f64,
    pub rest_day_share: f64,
    pub court_spread: f64,
    pub shared_name_share: f64,
    pub zhongben_compliance: f64,
    pub timely_disbursement: f64,
    pub serial_lender_share: f64,
}

impl Realism {
    /// Every measure beside its band.
    pub fn checks(&self) -> Vec<Check> {
        vec![
            ("结案率 %", (90.0, 98.0), self.closure_rate),
            ("12月结案 ÷ 1–11月月均", (1.15, 2.2), self.december_ratio),
            ("1月结案 ÷ 2–11月月均", (0.5, 0.95), self.january_ratio),
            (
                "休息日开庭、结案、执行措施 %",
                (0.0, 0.5),
                self.rest_day_share,
            ),
            (
                "基层法院结案率极差（百分点）",
                (3.0, 15.0),
                self.court_spread,
            ),
            ("与他人同名的人员 %", (2.0, 25.0), self.shared_name_share),
            ("终本案件要件齐备 %", (85.0, 97.0), self.zhongben_compliance),
            ("执行款30日内发放 %", (80.0, 97.0), self.timely_disbursement),
            (
                "民初由系列起诉的金融机构提起 %",
                (5.0, 40.0),
                self.serial_lender_share,
            ),
        ]
    }
}

/// The steps the rules on 终本 (法〔2016〕373号) want on file before a 终本 closing: the notice and
/// the order to report property, the online inquiry and the on-site investigation, the
/// consumption ban, hearing the applicant, and the ruling itself.
pub const ZHONGBEN_STEPS: [EventKind; 7] = [
    EventKind::EnforcementNotice,
    EventKind::PropertyReportOrder,
    EventKind::OnlineInquiry,
    EventKind::SiteInvestigation,
    EventKind::ConsumptionLimit,
    EventKind::Interview,
    EventKind::TerminationRuling,
];

/// Events that happen at the court on a working day (filings and service may come any day).
fn sits(kind: EventKind) -> bool {
    kind == EventKind::Hearing || kind == EventKind::Closed || kind.is_enforcement_measure()
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        f64::NAN
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// 结案率 of `cases` in `year`: closed in it ÷ (pending at its start + filed in it).
fn closure_rate<'a>(cases: impl Iterator<Item = &'a CaseRecord>, year: i32) -> f64 {
    let start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(NaiveDate::MIN);
    let (mut caseload, mut closed) = (0, 0);
    for case in cases {
        let open_at_start = case.filed_on < start && case.closed_on.is_none_or(|d| d >= start);
        if open_at_start || case.filed_on.year() == year {
            caseload += 1;
            if case.closed_on.is_some_and(|d| d.year() == year) {
                closed += 1;
            }
        }
    }
    percent(closed, caseload)
}

/// What a year is measured on: the simulation's records.
#[derive(Clone, Copy, Debug)]
pub struct Records<'a> {
    pub cases: &'a [CaseRecord],
    pub events: &'a [EventRecord],
    pub staff: &'a [Staff],
    pub parties: &'a [CaseParties],
    pub payments: &'a [Payment],
}

/// Measures `year` of a simulation.
pub fn measure(records: Records<'_>, year: i32, calendar: &HolidayCalendar) -> Realism {
    let Records {
        cases,
        events,
        staff,
        parties,
        payments,
    } = records;
    let mut by_month = [0usize; 12];
    for case in cases {
        if let Some(closed) = case.closed_on.filter(|d| d.year() == year) {
            by_month[closed.month0() as usize] += 1;
        }
    }
    let mean = |months: std::ops::Range<usize>| {
        let n = months.len() as f64;
        by_month[months].iter().sum::<usize>() as f64 / n
    };
    let ratio = |month: usize, others: std::ops::Range<usize>| {
        let mean = mean(others);
        if mean == 0.0 {
            f64::NAN
        } else {
            by_month[month] as f64 / mean
        }
    };

    let sitting: Vec<&EventRecord> = events
        .iter()
        .filter(|e| e.date.year() == year && sits(e.kind))
        .collect();
    let on_rest_days = sitting
        .iter()
        .filter(|e| !calendar.is_working_day(e.date))
        .count();

    let mut courts: HashMap<CourtCode, Vec<&CaseRecord>> = HashMap::new();
    for case in cases {
        if case.court.level() == CourtLevel::Basic {
            courts.entry(case.court).or_default().push(case);
        }
    }
    let rates: Vec<f64> = courts
        .values()
        .map(|cases| closure_rate(cases.iter().copied(), year))
        .filter(|r| r.is_finite())
        .collect();
    let spread = match (
        rates.iter().copied().reduce(f64::max),
        rates.iter().copied().reduce(f64::min),
    ) {
        (Some(high), Some(low)) => high - low,
        _ => f64::NAN,
    };

    let mut names: HashMap<&str, usize> = HashMap::new();
    for person in staff {
        *names.entry(person.name.as_str()).or_default() += 1;
    }
    let shared = staff.iter().filter(|p| names[p.name.as_str()] > 1).count();

    let zhongben: Vec<&CaseRecord> = cases
        .iter()
        .filter(|c| c.closed_on.is_some_and(|d| d.year() == year))
        .filter(|c| c.closing_method.map(ClosingMethod::label_zh) == Some("终结本次执行"))
        .collect();
    let wanted: HashSet<String> = zhongben.iter().map(|c| c.case_no.to_string()).collect();
    let mut steps: HashMap<String, HashSet<EventKind>> = HashMap::new();
    let closed_on: HashMap<String, NaiveDate> = zhongben
        .iter()
        .filter_map(|c| Some((c.case_no.to_string(), c.closed_on?)))
        .collect();
    for event in events {
        let number = event.case_no.to_string();
        if wanted.contains(&number) && closed_on.get(&number).is_some_and(|d| event.date <= *d) {
            steps.entry(number).or_default().insert(event.kind);
        }
    }
    let complete = zhongben
        .iter()
        .filter(|c| {
            steps
                .get(&c.case_no.to_string())
                .is_some_and(|had| ZHONGBEN_STEPS.iter().all(|s| had.contains(s)))
        })
        .count();

    // Payments out in the year, and how long after their receipt (first in, first out, case by
    // case, as `undisbursed` reads it).
    let mut by_case: HashMap<String, Vec<&Payment>> = HashMap::new();
    for payment in payments {
        by_case
            .entry(payment.case_no.to_string())
            .or_default()
            .push(payment);
    }
    let (mut paid_out, mut in_time) = (0, 0);
    for list in by_case.values() {
        let mut received: Vec<NaiveDate> = list
            .iter()
            .filter(|p| p.kind == PaymentKind::Received)
            .map(|p| p.date)
            .collect();
        received.sort();
        let mut paid: Vec<NaiveDate> = list
            .iter()
            .filter(|p| p.kind == PaymentKind::Disbursed)
            .map(|p| p.date)
            .collect();
        paid.sort();
        for (got, out) in received.iter().zip(&paid) {
            if out.year() == year {
                paid_out += 1;
                if (*out - *got).num_days() <= 30 {
                    in_time += 1;
                }
            }
        }
    }

    // 民初 of the year brought by a legal person that brings at least ten of them.
    let civil_first: HashSet<String> = cases
        .iter()
        .filter(|c| c.filed_on.year() == year)
        .filter(|c| c.case_no.case_type().is_some_and(|t| t.code == "民初"))
        .map(|c| c.case_no.to_string())
        .collect();
    let mut by_plaintiff: HashMap<&str, usize> = HashMap::new();
    let mut plaintiffs: Vec<&str> = Vec::new();
    for case in parties {
        if !civil_first.contains(&case.case_no.to_string()) {
            continue;
        }
        if let Some(p) = case.parties.iter().find(|p| p.role == PartyRole::Plaintiff)
            && p.kind == Some(PartyKind::LegalPerson)
        {
            *by_plaintiff.entry(p.name.as_str()).or_default() += 1;
            plaintiffs.push(p.name.as_str());
        }
    }
    let serial = plaintiffs
        .iter()
        .filter(|name| by_plaintiff[*name] >= 10)
        .count();

    Realism {
        closure_rate: closure_rate(cases.iter(), year),
        december_ratio: ratio(11, 0..11),
        january_ratio: ratio(0, 1..11),
        rest_day_share: percent(on_rest_days, sitting.len()),
        court_spread: spread,
        shared_name_share: percent(shared, staff.len()),
        zhongben_compliance: percent(complete, zhongben.len()),
        timely_disbursement: percent(in_time, paid_out),
        serial_lender_share: percent(serial, civil_first.len()),
    }
}
