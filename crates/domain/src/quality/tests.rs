use chrono::NaiveDate;

use super::*;
use crate::{CaseNumber, CourtCode, Money, Procedure, StaffId};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

/// A complete, plausible civil case of 湘1402 filed on a working day.
fn good(number: &str) -> CaseRecord {
    let case_no = CaseNumber::parse(number, 2026).unwrap();
    CaseRecord {
        procedure: Some(Procedure::Simple),
        judge: Some("王伟".into()),
        judge_id: Some(StaffId::parse("0231").unwrap()),
        division: Some("民一庭".into()),
        cause: Some("民间借贷纠纷".into()),
        ..CaseRecord::filed(
            case_no,
            CourtCode::parse("湘1402").unwrap(),
            d("2026-03-02"),
        )
    }
}

fn check(case: &CaseRecord) -> Vec<Rule> {
    let calendar = HolidayCalendar::builtin();
    let limits = TimeLimits::standard();
    let ctx = Context {
        today: d("2026-06-30"),
        calendar: &calendar,
        limits: &limits,
    };
    findings(case, &ctx)
}

#[test]
fn a_complete_plausible_case_breaks_no_rule() {
    assert_eq!(check(&good("（2026）湘1402民初1号")), Vec::<Rule>::new());
}

#[test]
fn each_missing_value_is_found_where_the_figures_need_it() {
    let bare = CaseRecord {
        procedure: None,
        judge: None,
        judge_id: None,
        division: Some("  ".into()),
        cause: None,
        ..good("（2026）湘1402民初1号")
    };
    assert_eq!(
        check(&bare),
        vec![
            Rule::MissingProcedure,
            Rule::MissingJudge,
            Rule::MissingDivision,
            Rule::MissingCause
        ]
    );
    // An enforcement case needs its amount, not a procedure or a cause.
    let enforcement = CaseRecord {
        procedure: None,
        cause: None,
        ..good("（2026）湘1402执1号")
    };
    assert_eq!(check(&enforcement), vec![Rule::MissingAmount]);
    let with_amount = CaseRecord {
        claim_amount: Some(Money::from_fen(100)),
        ..enforcement
    };
    assert_eq!(check(&with_amount), Vec::<Rule>::new());
}

#[test]
fn dates_in_the_future_or_on_holidays_are_doubtful_weekends_are_not() {
    let future = CaseRecord {
        filed_on: d("2026-07-01"),
        closed_on: Some(d("2026-07-02")),
        ..good("（2026）湘1402民初1号")
    };
    assert_eq!(
        check(&future),
        vec![Rule::FiledInFuture, Rule::ClosedInFuture]
    );
    // 2026-05-01 is 劳动节; 2026-03-07 an ordinary Saturday.
    let holiday = CaseRecord {
        filed_on: d("2026-05-01"),
        closed_on: Some(d("2026-05-02")),
        ..good("（2026）湘1402民初1号")
    };
    assert_eq!(
        check(&holiday),
        vec![Rule::FiledOnHoliday, Rule::ClosedOnHoliday]
    );
    let weekend = CaseRecord {
        filed_on: d("2026-03-07"),
        ..good("（2026）湘1402民初1号")
    };
    assert_eq!(check(&weekend), Vec::<Rule>::new());
}

#[test]
fn a_procedure_the_type_does_not_take_is_doubtful() {
    let appeal = CaseRecord {
        procedure: Some(Procedure::Speedy),
        ..good("（2026）湘14民终1号")
    };
    assert_eq!(check(&appeal), vec![Rule::ProcedureUnfit]);
    // 普通 on an appeal is how systems write its one procedure.
    let ordinary = CaseRecord {
        procedure: Some(Procedure::Ordinary),
        ..appeal
    };
    assert_eq!(check(&ordinary), Vec::<Rule>::new());
}

#[test]
fn numbers_given_late_and_serials_missing_are_found() {
    // Serial 4 was filed a month before serial 3: given late. 5 and 6 are missing.
    let numbers = [
        (1, d("2026-01-05")),
        (2, d("2026-01-06")),
        (3, d("2026-02-10")),
        (4, d("2026-01-08")),
        (7, d("2026-02-11")),
    ];
    let (found, gaps) = numbering_findings(&numbers, 7);
    assert_eq!(found.late, vec![4]);
    assert_eq!(found.gaps, vec![5, 6]);
    assert_eq!(gaps, 2);
    // Within the days allowed, no finding.
    let (found, _) = numbering_findings(&numbers, 40);
    assert!(found.late.is_empty());
    // One wrong date (serial 1 "filed" in December) does not make the numbers after it late.
    let wrong = [
        (1, d("2026-12-01")),
        (2, d("2026-01-05")),
        (3, d("2026-01-06")),
        (4, d("2026-01-07")),
    ];
    assert!(numbering_findings(&wrong, 7).0.late.is_empty());
    // A wild serial is one long gap, counted, a few listed, never walked.
    let (found, gaps) = numbering_findings(&[(1, d("2026-01-05")), (u32::MAX, d("2026-01-06"))], 7);
    assert_eq!(gaps, u64::from(u32::MAX) - 2);
    assert_eq!(found.gaps.len(), GAPS_LISTED);
    for rule in Rule::ALL {
        assert!(!rule.name().zh().is_empty() && !rule.definition().en().is_empty());
    }
}
