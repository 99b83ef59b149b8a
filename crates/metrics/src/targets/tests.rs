//! The five targets on planted data: three basic courts whose cases are built here so that every
//! value can be worked out by hand (the working is beside each assertion).

use chrono::{Days, NaiveDate};
use shenguan_domain::{CaseType, CourtCode, EventKind as Step};

use super::*;
use crate::cases::{CaseInput, Cases, CasesBuilder, EventKind};
use crate::engine::{Filter, Query, run};
use crate::period::Period;
use crate::{TimeStandards, catalogue::IndicatorCode};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("date")
}

/// Every step the 终本 checklist asks for.
const STEPS: [Step; 7] = [
    Step::EnforcementNotice,
    Step::PropertyReportOrder,
    Step::OnlineInquiry,
    Step::SiteInvestigation,
    Step::ConsumptionLimit,
    Step::DishonestList,
    Step::Interview,
];

struct Plant {
    builder: CasesBuilder,
    serial: u32,
}

impl Plant {
    fn new() -> Plant {
        Plant {
            builder: CasesBuilder::new(),
            serial: 0,
        }
    }

    /// A case of `code` in `court`, filed and closed (or pending) as given, with a deadline six
    /// months after filing; returns its number.
    fn case(
        &mut self,
        court: &str,
        code: &str,
        filed: NaiveDate,
        closed: Option<NaiveDate>,
        method: &str,
    ) -> String {
        self.serial += 1;
        let no = format!("（{}）{court}{code}{}号", filed.format("%Y"), self.serial);
        self.builder
            .push(&CaseInput {
                case_no: &no,
                court: CourtCode::parse(court).expect("court"),
                type_id: CaseType::id_of(code),
                procedure: None,
                division: None,
                judge: None,
                judge_id: None,
                filed_on: filed,
                closed_on: closed,
                deadline: filed.checked_add_months(chrono::Months::new(6)),
                closing_method: closed.map(|_| method),
                claim_fen: Some(100_000),
                recovered_fen: Some(0),
                extensions: 0,
                excluded_days: 0,
                origin_case_no: None,
            })
            .expect("push");
        no
    }

    /// `within` cases performed inside their limit and `late` after it, filed in 2025.
    fn property(&mut self, court: &str, within: u32, late: u32) {
        for _ in 0..within {
            self.case(court, "执", d(2025, 2, 1), Some(d(2025, 5, 1)), "执行完毕");
        }
        for _ in 0..late {
            self.case(court, "执", d(2025, 2, 1), Some(d(2025, 10, 1)), "执行完毕");
        }
    }

    /// A first-time enforcement case closed by 终本 on 2025-09-30 (filed 2025-03-03), with the
    /// checklist's steps except `missing` recorded in between.
    fn zhongben(&mut self, court: &str, missing: &[Step]) -> String {
        self.zhongben_of(court, "执", missing)
    }

    fn zhongben_of(&mut self, court: &str, code: &str, missing: &[Step]) -> String {
        let filed = d(2025, 3, 3);
        let no = self.case(court, code, filed, Some(d(2025, 9, 30)), "终结本次执行");
        for (i, step) in STEPS.iter().enumerate() {
            if !missing.contains(step) {
                let on = filed + Days::new(10 * (i as u64 + 1));
                self.builder.event(&no, EventKind::Step(*step), on);
            }
        }
        no
    }

    fn pending(&mut self, court: &str, filed: NaiveDate, count: u32) {
        for _ in 0..count {
            self.case(court, "执", filed, None, "");
        }
    }

    fn finish(self) -> Cases {
        self.builder.finish()
    }
}

const A: &str = "湘1402";
const B: &str = "湘1403";
const C: &str = "湘1404";

fn planted() -> Cases {
    let mut p = Plant::new();
    // Court A. Property: 9 within, 1 late → 9/10 = 90.00% (meets).
    p.property(A, 9, 1);
    // 终本: 4 complete, 1 without the interview, 1 with no step recorded (待评查), 1 without the
    // interview but found 合格 by a reviewer → 合格 5 of the 6 decided = 83.33% (fails; 90% of 6
    // is 5.4, so 6 needed: 1 short).
    for _ in 0..4 {
        p.zhongben(A, &[]);
    }
    p.zhongben(A, &[Step::Interview]);
    p.zhongben(A, &STEPS);
    let reviewed = p.zhongben(A, &[Step::Interview]);
    p.builder.finding(&reviewed, true);
    // A 执恢 终本 case is not first-time enforcement: in no target.
    p.zhongben_of(A, "执恢", &[Step::Interview]);
    // A trial case: in no target.
    p.case(A, "民初", d(2025, 1, 5), Some(d(2025, 3, 1)), "判决");
    // Cohort (filed 2023-01-01 … 2025-12-31): the 17 above, 3 pending from 2024, and one filed
    // in 2022 outside it → 17 of 20 disposed = 85.00% (meets 80%).
    p.pending(A, d(2024, 6, 1), 3);
    p.case(A, "执", d(2022, 6, 1), Some(d(2022, 9, 1)), "执行完毕");

    // Court B. Property: 3 within, 2 late → 60.00% (fails; 4.5 → 5 needed: 2 short).
    p.property(B, 3, 2);
    // 终本: 2 complete → 100%.
    p.zhongben(B, &[]);
    p.zhongben(B, &[]);
    // Cohort: 7 disposed + 3 pending → 70.00% (fails; 8 needed: 1 short).
    p.pending(B, d(2025, 4, 1), 3);

    // Court C. Property: 2 within → 100%; no 终本 → its standing rests on the first target.
    p.property(C, 2, 0);
    p.finish()
}

fn targets_of(cases: &Cases) -> Targets {
    let query = Query {
        period: Period::new(d(2025, 1, 1), d(2025, 12, 31)).expect("period"),
        filter: Filter::default(),
        group_by: vec![Dimension::Court],
        indicators: counts(),
        standards: TimeStandards::default(),
        threads: 1,
    };
    let result = run(cases, &query).expect("run");
    report(
        &result,
        &Thresholds::default(),
        !cases.petitions().is_empty(),
    )
}

fn court<'a>(targets: &'a Targets, code: &str) -> &'a CourtTargets {
    targets
        .courts
        .iter()
        .find(|c| c.court == code)
        .unwrap_or_else(|| panic!("no court {code} in {targets:#?}"))
}

fn standing(s: &Standing) -> (i64, i64, Option<bool>, Option<i64>) {
    (s.met, s.all, s.passes, s.short)
}

#[test]
fn each_target_matches_the_hand_worked_values() {
    let cases = planted();
    let t = targets_of(&cases);
    assert_eq!(t.courts.len(), 3, "{t:#?}");

    let a = court(&t, A);
    assert_eq!(
        standing(&a.property_within_limit),
        (9, 10, Some(true), Some(0))
    );
    assert_eq!(
        standing(&a.zhongben_compliance),
        (5, 6, Some(false), Some(1))
    );
    assert_eq!(a.zhongben_undetermined, 1);
    assert_eq!(standing(&a.three_year), (17, 20, Some(true), Some(0)));
    assert_eq!(a.meets, Some(false));

    let b = court(&t, B);
    assert_eq!(
        standing(&b.property_within_limit),
        (3, 5, Some(false), Some(2))
    );
    assert_eq!(
        standing(&b.zhongben_compliance),
        (2, 2, Some(true), Some(0))
    );
    assert_eq!(standing(&b.three_year), (7, 10, Some(false), Some(1)));
    assert_eq!(b.meets, Some(false));

    let c = court(&t, C);
    assert_eq!(
        standing(&c.property_within_limit),
        (2, 2, Some(true), Some(0))
    );
    assert_eq!(standing(&c.zhongben_compliance), (0, 0, None, None));
    assert_eq!(c.meets, Some(true));

    // The network: 14/17 = 82.35%; 7/8 = 87.50% (7.2 → 8: 1 short); 26/32 = 81.25%.
    assert_eq!(
        standing(&t.total.property_within_limit),
        (14, 17, Some(false), Some(2))
    );
    assert_eq!(
        standing(&t.total.zhongben_compliance),
        (7, 8, Some(false), Some(1))
    );
    assert_eq!(standing(&t.total.three_year), (26, 32, Some(true), Some(0)));
    let value = t.total.zhongben_compliance.value.expect("value");
    assert!((value - 87.5).abs() < 1e-9, "{value}");
    // The fourth 90%: 1 court of 3 meets → 33.33% (2.7 → 3: 2 short).
    assert_eq!(standing(&t.courts_meeting), (1, 3, Some(false), Some(2)));
    // The third is not computed here, and the standard says which targets it rests on.
    assert!(t.total.petitions_closed.unavailable);
    assert_eq!(t.total.petitions_closed.value, None);
    assert_eq!(
        t.standard_uses,
        vec![Target::PropertyWithinLimit, Target::ZhongbenCompliance]
    );
}

/// The catalogue's two indicators agree with the targets' counts.
#[test]
fn the_catalogue_indicators_agree_with_the_targets() {
    let cases = planted();
    let query = Query {
        period: Period::new(d(2025, 1, 1), d(2025, 12, 31)).expect("period"),
        filter: Filter::default(),
        group_by: vec![],
        indicators: vec![
            IndicatorCode::PropertyWithinLimitRate.indicator(),
            IndicatorCode::ZhongbenComplianceRate.indicator(),
            IndicatorCode::ThreeYearEnforcementRate.indicator(),
        ],
        standards: TimeStandards::default(),
        threads: 1,
    };
    let result = run(&cases, &query).expect("run");
    let values: Vec<f64> = result.rows[0]
        .values
        .iter()
        .map(|v| v.expect("value"))
        .collect();
    let expected = [14.0 / 17.0 * 100.0, 87.5, 81.25];
    for (got, want) in values.iter().zip(expected) {
        assert!((got - want).abs() < 1e-6, "{values:?} against {expected:?}");
    }
}

#[test]
fn thresholds_are_the_deployments() {
    let cases = planted();
    let query = Query {
        period: Period::new(d(2025, 1, 1), d(2025, 12, 31)).expect("period"),
        filter: Filter::default(),
        group_by: vec![Dimension::Court],
        indicators: counts(),
        standards: TimeStandards::default(),
        threads: 1,
    };
    let result = run(&cases, &query).expect("run");
    let lenient = Thresholds {
        property_within_limit: 60.0,
        zhongben_compliance: 80.0,
        ..Thresholds::default()
    };
    let t = report(&result, &lenient, false);
    assert_eq!(court(&t, B).meets, Some(true));
    assert_eq!(court(&t, A).meets, Some(true));
    assert_eq!(standing(&t.courts_meeting), (3, 3, Some(true), Some(0)));
}

#[test]
fn the_shortfall_is_exact_at_the_threshold() {
    assert_eq!(short_of(9, 10, 90.0), 0);
    assert_eq!(short_of(8, 10, 90.0), 1);
    assert_eq!(short_of(0, 10, 90.0), 9);
    assert_eq!(short_of(7, 8, 90.0), 1);
    assert_eq!(short_of(4, 5, 80.0), 0);
    assert_eq!(short_of(0, 0, 90.0), 0);
    assert_eq!(short_of(9_999, 10_000, 99.99), 0);
    assert_eq!(short_of(9_998, 10_000, 99.99), 1);
    assert_eq!(short_of(0, i64::MAX, 100.0), i64::MAX);
}

/// With a petition register: court C's two enforcement petitions of 2025, one answered → 50%
/// (fails; 1.8 → 2: 1 short), and C no longer meets the standard; court A's one, answered → 100%.
#[test]
fn the_third_target_counts_the_register_once_there_is_one() {
    use shenguan_domain::petition::{Channel, Petition, Petitioner, Subject};
    let petition = |court: &str, no: &str, name: &str, answered: Option<NaiveDate>| {
        let mut p = Petition::received(
            CourtCode::parse(court).expect("court"),
            no,
            d(2025, 3, 1),
            Channel::Visit,
            Subject::Enforcement,
        );
        p.petitioners.push(Petitioner {
            name: name.into(),
            identity: None,
            masked: None,
        });
        p.replied_on = answered;
        p
    };
    let mut cases = planted();
    cases.set_petitions(crate::petitions::PetitionColumns::build(
        &[
            petition(C, "1", "甲", Some(d(2025, 3, 20))),
            petition(C, "2", "乙", None),
            petition(A, "3", "丙", Some(d(2025, 4, 1))),
        ],
        &crate::petitions::PetitionRules::default(),
    ));
    let t = targets_of(&cases);
    let c = court(&t, C);
    assert_eq!(standing(&c.petitions_closed), (1, 2, Some(false), Some(1)));
    assert!(!c.petitions_closed.unavailable);
    assert_eq!(c.meets, Some(false));
    assert_eq!(
        standing(&court(&t, A).petitions_closed),
        (1, 1, Some(true), Some(0))
    );
    assert_eq!(standing(&court(&t, B).petitions_closed), (0, 0, None, None));
    // The network: 2 of 3 (2.7 → 3: 1 short); no court meets all three now.
    assert_eq!(
        standing(&t.total.petitions_closed),
        (2, 3, Some(false), Some(1))
    );
    assert_eq!(standing(&t.courts_meeting), (0, 3, Some(false), Some(3)));
    assert_eq!(
        t.standard_uses,
        vec![
            Target::PropertyWithinLimit,
            Target::ZhongbenCompliance,
            Target::PetitionsClosed
        ]
    );
}

/// A scope the register does not divide by (a judge's) gives target 3 no cases, and does not pass
/// for a store without a register.
#[test]
fn a_judges_scope_has_no_petitions_yet_the_register_is_there() {
    let mut cases = planted();
    cases.set_petitions(crate::petitions::PetitionColumns::build(
        &[],
        &crate::petitions::PetitionRules::default(),
    ));
    let query = Query {
        period: Period::new(d(2025, 1, 1), d(2025, 12, 31)).expect("period"),
        filter: Filter {
            judge: Some("湘1402:王伟".into()),
            ..Filter::default()
        },
        group_by: vec![Dimension::Court],
        indicators: counts(),
        standards: TimeStandards::default(),
        threads: 1,
    };
    let result = run(&cases, &query).expect("run");
    let with = report(&result, &Thresholds::default(), true);
    assert!(!with.total.petitions_closed.unavailable);
    assert_eq!(standing(&with.total.petitions_closed), (0, 0, None, None));
    let without = report(&result, &Thresholds::default(), false);
    assert!(without.total.petitions_closed.unavailable);
}
