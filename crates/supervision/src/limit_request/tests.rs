use super::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn civil(deadline: &str) -> CaseLimit {
    CaseLimit {
        category: Some(Category::Civil),
        filed_on: day("2026-01-05"),
        closed: false,
        deadline: Some(day(deadline)),
        extensions_so_far: 0,
        pending: false,
    }
}

fn six_months() -> Change {
    Change::Extension {
        length: Period::Months(6),
    }
}

#[test]
fn the_president_approves_a_first_civil_extension_and_the_court_above_a_further_one() {
    let first = check(
        &civil("2026-07-06"),
        &six_months(),
        "案情复杂",
        day("2026-06-01"),
        LEAD_DAYS,
    )
    .expect("taken");
    assert_eq!(first.approver, Approver::President);
    assert!(!first.late);
    assert_eq!(first.due_by, day("2026-06-21"));
    let second = CaseLimit {
        extensions_so_far: 1,
        ..civil("2027-01-06")
    };
    let further = check(
        &second,
        &six_months(),
        "仍需鉴定",
        day("2026-12-01"),
        LEAD_DAYS,
    )
    .expect("taken");
    assert_eq!(further.approver, Approver::HigherCourt);
}

#[test]
fn criminal_and_administrative_extensions_go_to_the_court_above_exclusions_to_the_president() {
    for category in [Category::Criminal, Category::Administrative] {
        assert_eq!(
            approver(&six_months(), Some(category), 0),
            Approver::HigherCourt,
            "{category:?}"
        );
    }
    let notice = Change::Exclusion {
        ground: ExclusionGround::Notice,
        from: day("2026-03-01"),
        to: day("2026-04-30"),
    };
    assert_eq!(
        approver(&notice, Some(Category::Criminal), 3),
        Approver::President
    );
    assert_eq!(approver(&six_months(), None, 0), Approver::President);
}

#[test]
fn an_application_inside_the_lead_time_is_late_and_after_expiry_refused() {
    let case = civil("2026-07-06");
    // 2026-06-21 is the last day on time (15 days before 07-06).
    let on_time = check(&case, &six_months(), "理由", day("2026-06-21"), LEAD_DAYS).expect("taken");
    assert!(!on_time.late);
    let late = check(&case, &six_months(), "理由", day("2026-06-22"), LEAD_DAYS).expect("taken");
    assert!(late.late);
    let last_day =
        check(&case, &six_months(), "理由", day("2026-07-06"), LEAD_DAYS).expect("taken");
    assert!(last_day.late);
    assert_eq!(
        check(&case, &six_months(), "理由", day("2026-07-07"), LEAD_DAYS),
        Err(Refusal::AfterExpiry {
            deadline: day("2026-07-06")
        })
    );
    // The lead time is the deployment's.
    let ten = check(&case, &six_months(), "理由", day("2026-06-22"), 10).expect("taken");
    assert!(!ten.late);
}

#[test]
fn what_cannot_be_asked_is_refused_with_its_reason() {
    let case = civil("2026-07-06");
    let today = day("2026-06-01");
    let closed = CaseLimit {
        closed: true,
        ..case
    };
    assert_eq!(
        check(&closed, &six_months(), "理由", today, LEAD_DAYS),
        Err(Refusal::NoLimit)
    );
    let unlimited = CaseLimit {
        deadline: None,
        ..case
    };
    assert_eq!(
        check(&unlimited, &six_months(), "理由", today, LEAD_DAYS),
        Err(Refusal::NoLimit)
    );
    for reason in ["", "  ", &"长".repeat(MAX_REASON_CHARS + 1)] {
        assert_eq!(
            check(&case, &six_months(), reason, today, LEAD_DAYS),
            Err(Refusal::BadReason)
        );
    }
    for length in [Period::Months(25), Period::Days(732)] {
        let refused = check(
            &case,
            &Change::Extension { length },
            "理由",
            today,
            LEAD_DAYS,
        );
        assert!(matches!(refused, Err(Refusal::BadChange(_))), "{length:?}");
    }
    let backwards = Change::Exclusion {
        ground: ExclusionGround::Assessment,
        from: day("2026-05-01"),
        to: day("2026-04-01"),
    };
    assert!(matches!(
        check(&case, &backwards, "理由", today, LEAD_DAYS),
        Err(Refusal::BadChange(_))
    ));
    let before_filing = Change::Exclusion {
        ground: ExclusionGround::Assessment,
        from: day("2025-12-01"),
        to: day("2026-02-01"),
    };
    assert!(matches!(
        check(&case, &before_filing, "理由", today, LEAD_DAYS),
        Err(Refusal::BadChange(_))
    ));
    let pending = CaseLimit {
        pending: true,
        ..case
    };
    assert_eq!(
        check(&pending, &six_months(), "理由", today, LEAD_DAYS),
        Err(Refusal::AlreadyPending)
    );
    // A refusal after the limit ran out names the day it ran out.
    let late = Refusal::AfterExpiry { deadline: today }.text();
    assert!(
        late.zh().contains("2026-06-01") && late.en().contains("2026-06-01"),
        "{late:?}"
    );
}

#[test]
fn an_approval_becomes_the_cases_record_and_late_decisions_are_told() {
    let decided = day("2026-06-25");
    match approved(&six_months(), decided, Approver::President, " 案情复杂 ") {
        Approved::Extension(e) => {
            assert_eq!(e.length, Period::Months(6));
            assert_eq!(e.approved_on, Some(decided));
            assert_eq!(e.approver, Some(Approver::President));
            assert_eq!(e.reason.as_deref(), Some("案情复杂"));
        }
        Approved::Exclusion(_) => panic!("an extension"),
    }
    let notice = Change::Exclusion {
        ground: ExclusionGround::Notice,
        from: day("2026-03-01"),
        to: day("2026-04-29"),
    };
    match approved(&notice, decided, Approver::President, "公告送达") {
        Approved::Exclusion(e) => {
            assert_eq!(e.ground, ExclusionGround::Notice);
            assert_eq!(e.from, Some(day("2026-03-01")));
            // Both ends counted: March 31 days + 29 of April.
            assert_eq!(e.days, 60);
        }
        Approved::Extension(_) => panic!("an exclusion"),
    }
    assert!(!decided_late(day("2026-07-01"), day("2026-07-06")));
    assert!(decided_late(day("2026-07-02"), day("2026-07-06")));
    assert_eq!(notice.summary(), "公告 2026-03-01~2026-04-29");
    assert_eq!(six_months().summary(), "6个月");
    assert_eq!(State::parse("待审批"), Some(State::Pending));
    assert_eq!(State::parse("refused"), Some(State::Refused));
    assert_eq!(State::parse("x"), None);
}
