//! 四个90%、一个80%: the five targets of "basically solving enforcement difficulty" put together
//! per court — each target's value, whether the court meets it, and how many cases stand between
//! it and the threshold — with the fourth 90% (the share of courts meeting the standard) over them.
//!
//! The readings (docs/enforcement.md gives them with their sources):
//! - targets 1, 2 and 5 are the catalogue's 有财产可供执行案件法定期限内实际执结率, 终本合格率 and
//!   近三年执行案件整体执结率; their counts are asked of the engine grouped by court ([`counts`]);
//! - target 3, 执行信访案件办结率, is the catalogue's, counted from the petition register; where
//!   the store holds no register it is "—" with that reason, and the courts' standing rests on
//!   the other two 90% targets;
//! - a court "meets the standard" when it meets every 90% target it has cases for (a target with
//!   no cases in the period neither passes nor fails it); the courts counted are those with
//!   first-time enforcement cases in the period or in the three-year cohort;
//! - "cases short" is the fewest cases that would have to move from the failing side to the
//!   passing side for the value to reach the threshold (the denominator unchanged).

use crate::catalogue::{Direction, Family, Formula, Indicator, Unit};
use crate::counters::{Flow as F, Stock as S};
use crate::engine::{Dimension, MetricsResult};
use crate::petitions::{Measure, PetitionValue};

/// The thresholds in percent, as the deployment configures them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Thresholds {
    pub property_within_limit: f64,
    pub zhongben_compliance: f64,
    pub petitions_closed: f64,
    pub courts_meeting: f64,
    pub three_year: f64,
}

impl Default for Thresholds {
    /// The published targets: four 90% and one 80%.
    fn default() -> Thresholds {
        Thresholds {
            property_within_limit: 90.0,
            zhongben_compliance: 90.0,
            petitions_closed: 90.0,
            courts_meeting: 90.0,
            three_year: 80.0,
        }
    }
}

/// One of the five targets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    PropertyWithinLimit,
    ZhongbenCompliance,
    PetitionsClosed,
    CourtsMeeting,
    ThreeYear,
}

impl Target {
    pub const ALL: [Target; 5] = [
        Target::PropertyWithinLimit,
        Target::ZhongbenCompliance,
        Target::PetitionsClosed,
        Target::CourtsMeeting,
        Target::ThreeYear,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Target::PropertyWithinLimit => "property_within_limit_rate",
            Target::ZhongbenCompliance => "zhongben_compliance_rate",
            Target::PetitionsClosed => "enforcement_petitions_closed_rate",
            Target::CourtsMeeting => "courts_meeting_share",
            Target::ThreeYear => "three_year_enforcement_rate",
        }
    }

    pub fn name_zh(self) -> &'static str {
        match self {
            Target::PropertyWithinLimit => "有财产可供执行案件法定期限内实际执结率",
            Target::ZhongbenCompliance => "无财产可供执行案件终本合格率",
            Target::PetitionsClosed => "执行信访案件办结率",
            Target::CourtsMeeting => "达标法院占比",
            Target::ThreeYear => "近三年执行案件整体执结率",
        }
    }

    pub fn name_en(self) -> &'static str {
        match self {
            Target::PropertyWithinLimit => "cases with property enforced within the limit",
            Target::ZhongbenCompliance => "终本 closures that meet the rules",
            Target::PetitionsClosed => "enforcement petitions closed",
            Target::CourtsMeeting => "courts meeting the standard",
            Target::ThreeYear => "three-year enforcement disposal",
        }
    }

    pub fn threshold(self, t: &Thresholds) -> f64 {
        match self {
            Target::PropertyWithinLimit => t.property_within_limit,
            Target::ZhongbenCompliance => t.zhongben_compliance,
            Target::PetitionsClosed => t.petitions_closed,
            Target::CourtsMeeting => t.courts_meeting,
            Target::ThreeYear => t.three_year,
        }
    }
}

/// A counter for the targets' arithmetic: not an indicator of the catalogue, never shown alone.
const fn counter(code: &'static str, formula: Formula) -> Indicator {
    Indicator {
        code,
        name_zh: code,
        name_en: code,
        family: Family::Enforcement,
        unit: Unit::Cases,
        better: Direction::Higher,
        formula,
        definition: "",
        applies_to: "",
        source: "",
        range: (None, None),
        core: false,
    }
}

/// The counts the targets are computed from, in this order.
static COUNTS: [Indicator; 9] = [
    counter(
        "target_property_met",
        Formula::Count(F::WithPropertyWithinLimit),
    ),
    counter("target_property_all", Formula::Count(F::WithProperty)),
    counter("target_zhongben_met", Formula::Count(F::ZhongbenCompliant)),
    counter("target_zhongben_all", Formula::Count(F::ZhongbenReviewed)),
    counter(
        "target_zhongben_undetermined",
        Formula::Count(F::ZhongbenUndetermined),
    ),
    counter(
        "target_three_year_met",
        Formula::AtEnd(S::EnforcementCohortDisposed),
    ),
    counter(
        "target_three_year_all",
        Formula::AtEnd(S::EnforcementCohort),
    ),
    counter(
        "target_petitions_met",
        Formula::Petition(PetitionValue::Count(Measure::EnforcementConcluded)),
    ),
    counter(
        "target_petitions_all",
        Formula::Petition(PetitionValue::Count(Measure::Enforcement)),
    ),
];

/// The indicators to ask of the engine, grouped by court, for [`report`].
pub fn counts() -> Vec<&'static Indicator> {
    COUNTS.iter().collect()
}

/// One target's standing: its numerator and denominator, value, pass and shortfall.
#[derive(Clone, Debug, PartialEq)]
pub struct Standing {
    pub target: Target,
    pub met: i64,
    pub all: i64,
    pub threshold: f64,
    /// `met ÷ all × 100`; `None` when there are no cases or the target cannot be computed.
    pub value: Option<f64>,
    /// Whether the value reaches the threshold; `None` as for the value.
    pub passes: Option<bool>,
    /// The fewest cases that would have to move to the passing side (0 when it passes).
    pub short: Option<i64>,
    /// The target needs records this store does not hold (执行信访: the petition register).
    pub unavailable: bool,
}

impl Standing {
    fn of(target: Target, met: i64, all: i64, thresholds: &Thresholds) -> Standing {
        let threshold = target.threshold(thresholds);
        let value = (all > 0).then(|| met as f64 * 100.0 / all as f64);
        let short = (all > 0).then(|| short_of(met, all, threshold));
        Standing {
            target,
            met,
            all,
            threshold,
            value,
            passes: short.map(|n| n == 0),
            short,
            unavailable: false,
        }
    }

    fn unavailable(target: Target, thresholds: &Thresholds) -> Standing {
        Standing {
            target,
            met: 0,
            all: 0,
            threshold: target.threshold(thresholds),
            value: None,
            passes: None,
            short: None,
            unavailable: true,
        }
    }
}

/// The fewest cases to add to `met` (out of `all`) for `met ÷ all` to reach `threshold` percent,
/// in whole hundredths of a percent so that 90% of 10 is exactly 9.
pub fn short_of(met: i64, all: i64, threshold: f64) -> i64 {
    let basis = (threshold * 100.0).round() as i128;
    let needed = i128::from(all) * basis;
    let have = i128::from(met) * 10_000;
    if have >= needed {
        return 0;
    }
    let missing = needed - have;
    i64::try_from((missing + 9_999) / 10_000).unwrap_or(i64::MAX)
}

/// One court's five targets (the fourth is the network's; a court has its own meeting instead).
#[derive(Clone, Debug, PartialEq)]
pub struct CourtTargets {
    /// The court as the engine's court group writes it (its code).
    pub court: String,
    pub property_within_limit: Standing,
    pub zhongben_compliance: Standing,
    pub petitions_closed: Standing,
    pub three_year: Standing,
    /// 终本 closures of the period whose standing is not known (待评查): left out of 终本合格率.
    pub zhongben_undetermined: i64,
    /// Meets every 90% target it has cases for; `None` when it has cases for none.
    pub meets: Option<bool>,
}

impl CourtTargets {
    fn of(
        court: String,
        values: &[Option<f64>],
        thresholds: &Thresholds,
        register: bool,
    ) -> CourtTargets {
        let at = |i: usize| values.get(i).copied().flatten().unwrap_or(0.0).round() as i64;
        let property_within_limit =
            Standing::of(Target::PropertyWithinLimit, at(0), at(1), thresholds);
        let zhongben_compliance =
            Standing::of(Target::ZhongbenCompliance, at(2), at(3), thresholds);
        let three_year = Standing::of(Target::ThreeYear, at(5), at(6), thresholds);
        let petitions_closed = if register {
            Standing::of(Target::PetitionsClosed, at(7), at(8), thresholds)
        } else {
            Standing::unavailable(Target::PetitionsClosed, thresholds)
        };
        let nineties = [
            &property_within_limit,
            &zhongben_compliance,
            &petitions_closed,
        ];
        let told: Vec<bool> = nineties.iter().filter_map(|s| s.passes).collect();
        CourtTargets {
            court,
            meets: (!told.is_empty()).then(|| told.iter().all(|p| *p)),
            property_within_limit,
            zhongben_compliance,
            petitions_closed,
            three_year,
            zhongben_undetermined: at(4),
        }
    }

    /// Whether the court does enforcement in the period: cases in a 90% target or the cohort.
    fn enforces(&self) -> bool {
        self.property_within_limit.all > 0
            || self.zhongben_compliance.all > 0
            || self.petitions_closed.all > 0
            || self.zhongben_undetermined > 0
            || self.three_year.all > 0
    }

    /// The targets in the order of the five (the fourth absent: it is the network's).
    pub fn standings(&self) -> [&Standing; 4] {
        [
            &self.property_within_limit,
            &self.zhongben_compliance,
            &self.petitions_closed,
            &self.three_year,
        ]
    }
}

/// The five targets of a network (or of what a user may see of it), and each court's.
#[derive(Clone, Debug, PartialEq)]
pub struct Targets {
    /// The courts that do enforcement, in the engine's order of the court groups.
    pub courts: Vec<CourtTargets>,
    /// All the courts together: targets 1, 2, 3 and 5 over their cases.
    pub total: CourtTargets,
    /// The fourth 90%: courts meeting the standard ÷ courts counted.
    pub courts_meeting: Standing,
    /// The 90% targets the courts' standing rests on (target 3 is left out while unavailable).
    pub standard_uses: Vec<Target>,
}

/// The five targets from the engine's counts ([`counts`]) grouped by court; `register`: whether
/// the store holds a petition register (without one, target 3 cannot be computed — which is not
/// the same as a scope the register does not divide by, such as a judge's, where it has no cases).
pub fn report(result: &MetricsResult, thresholds: &Thresholds, register: bool) -> Targets {
    let court_at = result.group_by.iter().position(|d| *d == Dimension::Court);
    let position: Vec<Option<usize>> = COUNTS
        .iter()
        .map(|c| result.indicators.iter().position(|i| i.code == c.code))
        .collect();
    let pick = |values: &[Option<f64>]| -> Vec<Option<f64>> {
        position
            .iter()
            .map(|at| at.and_then(|i| values.get(i).copied().flatten()))
            .collect()
    };
    let mut sums = vec![0.0; COUNTS.len()];
    let mut courts = Vec::new();
    for row in &result.rows {
        let values = pick(&row.values);
        for (sum, value) in sums.iter_mut().zip(&values) {
            *sum += value.unwrap_or(0.0);
        }
        let court = court_at
            .and_then(|i| row.group.get(i))
            .map(|(_, court)| court.clone())
            .unwrap_or_default();
        let targets = CourtTargets::of(court, &values, thresholds, register);
        if targets.enforces() {
            courts.push(targets);
        }
    }
    let totals: Vec<Option<f64>> = sums.into_iter().map(Some).collect();
    let total = CourtTargets::of(String::new(), &totals, thresholds, register);
    let counted: Vec<bool> = courts.iter().filter_map(|c| c.meets).collect();
    let meeting = counted.iter().filter(|m| **m).count() as i64;
    Targets {
        courts_meeting: Standing::of(
            Target::CourtsMeeting,
            meeting,
            counted.len() as i64,
            thresholds,
        ),
        courts,
        total,
        standard_uses: if register {
            vec![
                Target::PropertyWithinLimit,
                Target::ZhongbenCompliance,
                Target::PetitionsClosed,
            ]
        } else {
            vec![Target::PropertyWithinLimit, Target::ZhongbenCompliance]
        },
    }
}

#[cfg(test)]
mod tests;
