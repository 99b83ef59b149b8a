use chrono::NaiveDate;

use super::*;
use crate::{CaseNumber, CourtCode, EventKind, EventRecord, Money, Procedure, StaffId};

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

fn with_ctx<T>(read: impl FnOnce(&Context<'_>) -> T) -> T {
    let calendar = HolidayCalendar::builtin();
    let limits = TimeLimits::standard();
    let ctx = Context {
        today: d("2026-06-30"),
        calendar: &calendar,
        limits: &limits,
    };
    read(&ctx)
}

fn check(case: &CaseRecord) -> Vec<Rule> {
    with_ctx(|ctx| findings(case, ctx))
}

/// The rules an event of `kind` on `date` breaks in a case closed on `closed`.
fn check_event(closed: Option<&str>, kind: EventKind, date: &str) -> Vec<Rule> {
    let event = EventRecord {
        case_no: CaseNumber::parse("（2026）湘1402民初1号", 2026).unwrap(),
        date: d(date),
        kind,
        detail: String::new(),
    };
    with_ctx(|ctx| event_findings(closed.map(d), &event, ctx))
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

#[test]
fn a_closing_before_the_filing_is_doubtful_on_the_same_day_it_is_not() {
    let backwards = CaseRecord {
        closed_on: Some(d("2026-03-01")),
        ..good("（2026）湘1402民初1号")
    };
    assert_eq!(check(&backwards), vec![Rule::ClosedBeforeFiled]);
    let same_day = CaseRecord {
        closed_on: Some(d("2026-03-02")),
        ..good("（2026）湘1402民初1号")
    };
    assert_eq!(check(&same_day), Vec::<Rule>::new());
}

#[test]
fn a_hearing_on_an_official_day_off_is_doubtful_a_weekend_or_make_up_day_is_not() {
    // 2026-10-01 is 国庆节; 2026-03-07 an ordinary Saturday; 2026-02-14 a make-up working
    // Saturday of the 2026 notice (春节).
    assert_eq!(
        check_event(None, EventKind::Hearing, "2026-10-01"),
        vec![Rule::HearingOnHoliday]
    );
    assert_eq!(
        check_event(None, EventKind::Hearing, "2026-03-07"),
        Vec::<Rule>::new()
    );
    assert_eq!(
        check_event(None, EventKind::Hearing, "2026-02-14"),
        Vec::<Rule>::new()
    );
    // Another step on a holiday is not a hearing.
    assert_eq!(
        check_event(None, EventKind::Mediation, "2026-10-01"),
        Vec::<Rule>::new()
    );
}

#[test]
fn an_event_after_the_closing_day_is_doubtful_unless_it_follows_a_closing() {
    let closed = Some("2026-04-10");
    assert_eq!(
        check_event(closed, EventKind::Hearing, "2026-04-13"),
        vec![Rule::EventAfterClosing]
    );
    assert_eq!(
        check_event(closed, EventKind::Freezing, "2026-04-11"),
        vec![Rule::EventAfterClosing]
    );
    // A hearing after closing on a holiday breaks both.
    assert_eq!(
        check_event(closed, EventKind::Hearing, "2026-05-01"),
        vec![Rule::HearingOnHoliday, Rule::EventAfterClosing]
    );
    // On the closing day itself, or in a case still pending: nothing.
    assert!(check_event(closed, EventKind::Hearing, "2026-04-10").is_empty());
    assert!(check_event(None, EventKind::Hearing, "2026-04-13").is_empty());
    for kind in [
        EventKind::Service,
        EventKind::Appealed,
        EventKind::FileSentUp,
        EventKind::Archived,
        EventKind::PostTerminationInquiry,
        EventKind::Other,
    ] {
        assert!(allowed_after_closing(kind), "{kind}");
        assert!(check_event(closed, kind, "2026-06-01").is_empty(), "{kind}");
    }
    let doubtful = EventKind::all()
        .filter(|k| !allowed_after_closing(*k))
        .count();
    assert_eq!(doubtful, EventKind::all().count() - 6);
    assert!(!allowed_after_closing(EventKind::Closed));
}

#[test]
fn missing_parties_count_only_where_the_court_holds_parties() {
    assert!(missing_parties(false, true));
    assert!(!missing_parties(true, true));
    assert!(!missing_parties(false, false));
    assert_eq!(Rule::MissingParties.kind(), Kind::Completeness);
    assert_eq!(Rule::EventAfterClosing.kind(), Kind::Doubtful);
    let codes: std::collections::HashSet<&str> = Rule::ALL.iter().map(|r| r.code()).collect();
    assert_eq!(codes.len(), Rule::ALL.len(), "codes are unique");
}
