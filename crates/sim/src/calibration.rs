//! The figures the default parameters are calibrated to, with their sources, and the function that
//! measures them on a simulation (the calibration test calls it).
//!
//! | measure | target | source (see `docs/published-figures.md`) | simulated (seed 1, 2021–2024, scale 0.25, 10 basic courts; year 2023) |
//! | --- | --- | --- | --- |
//! | 结收比 (closed ÷ new, all cases) | 93–103 % | national 2023: 33.27 M closed of 33.58 M new, 99.1 %; a basic court 92.1 % | 99.52 % |
//! | 法定审限内结案率 | 97–99.8 % | Dongguan 2022 99.4 %, a Henan basic court 97.13 %, Jiyuan 99.45 % | 98.54 % |
//! | 民初 average trial days | 25–60 | a Henan basic court 30.5, Jiyuan 33.04 first-instance days | 46.1 |
//! | 民初 simple + small claims share | 65–92 % | a Henan basic court: simple 89.3 %, of which small claims 24.3 % | 78.0 % |
//! | 民初 mediation share of closed | 15–35 % | a Henan basic court 调解率 23.19 % | 25.1 % |
//! | civil appeals ÷ 民初 closed | 8–17 % | 一审服判息诉率 83.1 % (Dongguan), 90.7 % (Jiyuan) | 11.4 % |
//! | 民初 reversed or remanded ÷ 民初 closed | 0.8–4 % | a basic court 2.15 % (2 of 93) | 1.71 % |
//! | 终本 share of enforcement closed | 30–50 % | this project's reading: no national share was found; 终本 is the most common closing besides 执行完毕 | 37.5 % |
//! | pending over 12 months ÷ pending | 0.3–6 % | reading: "long-pending" cases are a small, watched minority | 0.43 % |
//!
//! The complaint received (收到起诉材料), a reading (no published distribution was found): of the
//! original filings (not the cases that follow from others), 90 % record the day the court
//! received the complaint; of those, half are filed the same day (complete materials are filed on
//! the spot under 立案登记制), 48 % one to seven days later (the seven days of CPL 2023 Art. 126),
//! 2 % eight to fifteen days later (materials completed on request, 补正, from which the seven days
//! run). The receipt falls on a working day, never after the filing (`timeline::received_on`).
//! This is the norm the signal 压案不立 judges a court's held filings against
//! (docs/gaming-signals.md).
//!
//! Service of process (送达), measured on the simulated service records (`service_measures`):
//!
//! | measure | target | source (see `docs/published-figures.md`) | simulated (same run) |
//! | --- | --- | --- | --- |
//! | 送达成功率 (tasks served ÷ tasks created) | 84–99 % | Longquan court 2015 84.67 %; Yuanbaoshan court (EMS) about 97 % | 96.38 % |
//! | 一次送达成功率 | 55–85 % | reading: no published figure; a mailed item is delivered about four times in five | 80.85 % |
//! | 妥投率 (mailed items delivered ÷ mailed items settled) | 70–88 % | Suining court 78.96 % | 76.02 % |
//! | 拒收率 (of mailed items) | 2–8 % | Suining court 4.85 % → 4.05 % | 4.10 % |
//! | 地址不详率 (of mailed items) | 6–16 % | Suining court 13.36 % → 10.32 % | 11.89 % |
//! | 公告送达率 (民初 cases with an announcement ÷ 民初 cases served) | 5–24 % | Zhejiang courts 2019: average 10.01 %, highest 23.61 %; an "H" basic court 17.8 % (H1 2016) | 8.82 % |

use chrono::{Datelike, NaiveDate};
use shenguan_domain::{
    CaseRecord, ClosingMethod, DeadlineOptions, HolidayCalendar, Procedure, TimeLimits,
};

/// The calibrated measures of one calendar year of a simulation.
#[derive(Clone, Debug, PartialEq)]
pub struct Measures {
    pub close_to_new: f64,
    pub within_limit: f64,
    pub civil_first_avg_days: f64,
    pub civil_first_simple_share: f64,
    pub civil_first_mediation_share: f64,
    pub civil_appeal_rate: f64,
    pub civil_reversal_remand_rate: f64,
    pub enforcement_zhongben_share: f64,
    pub long_pending_share: f64,
}

/// A target: the measure's name, its tolerance range, its value.
pub type Check = (&'static str, (f64, f64), f64);

impl Measures {
    /// Every measure beside its target range.
    pub fn checks(&self) -> Vec<Check> {
        vec![
            ("结收比 %", (93.0, 103.0), self.close_to_new),
            ("法定审限内结案率 %", (97.0, 99.8), self.within_limit),
            ("民初平均审理天数", (25.0, 60.0), self.civil_first_avg_days),
            (
                "民初简易及小额适用率 %",
                (65.0, 92.0),
                self.civil_first_simple_share,
            ),
            (
                "民初调解率 %",
                (15.0, 35.0),
                self.civil_first_mediation_share,
            ),
            ("民事上诉率 %", (8.0, 17.0), self.civil_appeal_rate),
            (
                "民初改判发回率 %",
                (0.8, 4.0),
                self.civil_reversal_remand_rate,
            ),
            ("终本率 %", (30.0, 50.0), self.enforcement_zhongben_share),
            ("超12个月未结占比 %", (0.3, 6.0), self.long_pending_share),
        ]
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        f64::NAN
    } else {
        part as f64 * 100.0 / whole as f64
    }
}

/// Measures the year `year` of a simulation whose span covers it.
pub fn measure(
    cases: &[CaseRecord],
    year: i32,
    limits: &TimeLimits,
    calendar: &HolidayCalendar,
) -> Measures {
    let in_year = |d: NaiveDate| d.year() == year;
    let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(NaiveDate::MAX);
    let type_of =
        |c: &shenguan_domain::CaseRecord| c.case_no.case_type().map(|t| t.code).unwrap_or("");
    let new = cases.iter().filter(|c| in_year(c.filed_on)).count();
    let closed: Vec<_> = cases
        .iter()
        .filter(|c| c.closed_on.is_some_and(in_year))
        .collect();

    let mut with_deadline = 0;
    let mut within = 0;
    for case in &closed {
        if let Ok(Some(deadline)) = case.deadline(limits, calendar, DeadlineOptions::default()) {
            with_deadline += 1;
            if case.closed_on.is_some_and(|c| c <= deadline) {
                within += 1;
            }
        }
    }
    let civil_first: Vec<_> = closed.iter().filter(|c| type_of(c) == "民初").collect();
    let days: Vec<i64> = civil_first.iter().filter_map(|c| c.trial_days()).collect();
    let filed_civil_first: Vec<_> = cases
        .iter()
        .filter(|c| type_of(c) == "民初" && in_year(c.filed_on))
        .collect();
    let simple = filed_civil_first
        .iter()
        .filter(|c| {
            matches!(
                c.procedure,
                Some(Procedure::Simple | Procedure::SmallClaims)
            )
        })
        .count();
    let mediated = civil_first
        .iter()
        .filter(|c| c.closing_method.map(ClosingMethod::label_zh) == Some("调解"))
        .count();
    let appeals = cases
        .iter()
        .filter(|c| type_of(c) == "民终" && in_year(c.filed_on))
        .count();
    let reversed = closed
        .iter()
        .filter(|c| type_of(c) == "民终")
        .filter(|c| {
            matches!(
                c.closing_method.map(ClosingMethod::label_zh),
                Some("改判" | "发回重审")
            )
        })
        .count();
    let enforcement: Vec<_> = closed.iter().filter(|c| type_of(c) == "执").collect();
    let zhongben = enforcement
        .iter()
        .filter(|c| c.closing_method.map(ClosingMethod::label_zh) == Some("终结本次执行"))
        .count();
    let pending: Vec<_> = cases
        .iter()
        .filter(|c| c.filed_on <= end && c.closed_on.is_none_or(|d| d > end))
        .collect();
    let long = pending
        .iter()
        .filter(|c| {
            c.filed_on
                .checked_add_months(chrono::Months::new(12))
                .is_some_and(|d| d < end)
        })
        .count();
    Measures {
        close_to_new: percent(closed.len(), new),
        within_limit: percent(within, with_deadline),
        civil_first_avg_days: if days.is_empty() {
            f64::NAN
        } else {
            days.iter().sum::<i64>() as f64 / days.len() as f64
        },
        civil_first_simple_share: percent(simple, filed_civil_first.len()),
        civil_first_mediation_share: percent(mediated, civil_first.len()),
        civil_appeal_rate: percent(appeals, civil_first.len()),
        civil_reversal_remand_rate: percent(reversed, civil_first.len()),
        enforcement_zhongben_share: percent(zhongben, enforcement.len()),
        long_pending_share: percent(long, pending.len()),
    }
}

/// The calibrated measures of simulated service, over the tasks created in one year.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceMeasures {
    pub success: f64,
    pub first_attempt: f64,
    pub postal_delivered: f64,
    pub postal_refused: f64,
    pub postal_address_unknown: f64,
    pub notice_cases: f64,
}

impl ServiceMeasures {
    /// Every measure beside its target range.
    pub fn checks(&self) -> Vec<Check> {
        vec![
            ("送达成功率 %", (84.0, 99.0), self.success),
            ("一次送达成功率 %", (55.0, 85.0), self.first_attempt),
            ("妥投率 %", (70.0, 88.0), self.postal_delivered),
            ("拒收率 %", (2.0, 8.0), self.postal_refused),
            ("地址不详率 %", (6.0, 16.0), self.postal_address_unknown),
            ("民初公告送达率 %", (5.0, 24.0), self.notice_cases),
        ]
    }
}

/// Measures the service of the tasks created in `year` (each task as its attempts stand at the
/// simulation's end; a mailed item still in the post is not counted among the settled ones).
pub fn service_measures(service: &crate::SimService, year: i32) -> ServiceMeasures {
    use shenguan_domain::service::{Failure, Method, Outcome};
    let tasks: Vec<_> = service
        .tasks
        .iter()
        .filter(|t| t.created_on.year() == year)
        .collect();
    // As recorded: an electronic service without consent counts here (the figures of the
    // application set it aside; the model follows it with the post).
    let served = |t: &&&crate::SimTask| {
        t.attempts
            .iter()
            .any(|a| a.attempt.outcome == Outcome::Served)
    };
    let success = tasks.iter().filter(served).count();
    let first = tasks
        .iter()
        .filter(|t| {
            t.attempts
                .first()
                .is_some_and(|a| a.attempt.outcome == Outcome::Served)
        })
        .count();
    let posted: Vec<_> = tasks
        .iter()
        .flat_map(|t| &t.attempts)
        .filter(|a| a.attempt.method == Method::Post && a.attempt.outcome != Outcome::Waiting)
        .collect();
    let failed_by = |f: Failure| {
        posted
            .iter()
            .filter(|a| a.attempt.failure == Some(f))
            .count()
    };
    let delivered = posted
        .iter()
        .filter(|a| a.attempt.outcome == Outcome::Served)
        .count();
    let civil_first: std::collections::BTreeMap<String, bool> = tasks
        .iter()
        .filter(|t| t.case_no.case_type().is_some_and(|c| c.code == "民初"))
        .fold(std::collections::BTreeMap::new(), |mut cases, t| {
            let notice = t
                .attempts
                .iter()
                .any(|a| a.attempt.method == Method::Notice);
            *cases.entry(t.case_no.to_string()).or_insert(false) |= notice;
            cases
        });
    let noticed = civil_first.values().filter(|n| **n).count();
    ServiceMeasures {
        success: percent(success, tasks.len()),
        first_attempt: percent(first, tasks.len()),
        postal_delivered: percent(delivered, posted.len()),
        postal_refused: percent(failed_by(Failure::Refused), posted.len()),
        postal_address_unknown: percent(failed_by(Failure::AddressUnknown), posted.len()),
        notice_cases: percent(noticed, civil_first.len()),
    }
}
