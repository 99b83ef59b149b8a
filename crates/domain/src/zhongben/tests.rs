use super::*;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

const FILED: &str = "2025-01-10";

/// A case's events: kind and date.
type Steps = Vec<(EventKind, NaiveDate)>;
const CLOSED: &str = "2025-06-20";

/// Every step the checklist asks for, inside the case's life.
fn complete() -> Vec<(EventKind, NaiveDate)> {
    vec![
        (EventKind::EnforcementNotice, day("2025-01-12")),
        (EventKind::PropertyReportOrder, day("2025-01-12")),
        (EventKind::OnlineInquiry, day("2025-01-15")),
        (EventKind::SiteInvestigation, day("2025-02-03")),
        (EventKind::ConsumptionLimit, day("2025-02-10")),
        (EventKind::DishonestList, day("2025-02-10")),
        (EventKind::Interview, day("2025-06-01")),
    ]
}

fn check(events: &[(EventKind, NaiveDate)], closed: &str) -> Checklist {
    Checklist::of(
        day(FILED),
        day(closed),
        events,
        ChecklistRules::default(),
        None,
    )
}

fn without(kind: EventKind) -> Vec<(EventKind, NaiveDate)> {
    complete().into_iter().filter(|(k, _)| *k != kind).collect()
}

#[test]
fn a_case_with_every_step_is_compliant() {
    let list = check(&complete(), CLOSED);
    assert!(list.checks.iter().all(|c| c.finding == Finding::Met));
    assert_eq!(list.verdict, Verdict::Compliant);
    assert_eq!(list.checks.len(), 5);
    // The evidence is the case's events of each condition's kinds, in date order.
    assert_eq!(
        list.checks[2].evidence,
        vec![
            (EventKind::OnlineInquiry, day("2025-01-15")),
            (EventKind::SiteInvestigation, day("2025-02-03"))
        ]
    );
    assert_eq!(list.checks[1].note, None);
}

/// Each condition in turn: a case missing exactly the steps of that condition is flagged with it
/// and only it.
#[test]
fn a_case_missing_one_condition_is_flagged_with_it_alone() {
    let cases: [(Condition, Steps, &str); 5] = [
        (
            Condition::NoticeAndReport,
            without(EventKind::PropertyReportOrder),
            CLOSED,
        ),
        (
            Condition::Restriction,
            without(EventKind::ConsumptionLimit),
            CLOSED,
        ),
        (
            Condition::Investigation,
            without(EventKind::OnlineInquiry),
            CLOSED,
        ),
        // Closed exactly three months after filing: not "more than" three months.
        (
            Condition::ThreeMonths,
            complete_before("2025-04-10"),
            "2025-04-10",
        ),
        (
            Condition::ApplicantHeard,
            without(EventKind::Interview),
            CLOSED,
        ),
    ];
    for (condition, events, closed) in cases {
        let list = check(&events, closed);
        assert_eq!(list.unmet(), vec![condition], "{condition:?}");
        assert_eq!(list.verdict, Verdict::NotCompliant, "{condition:?}");
        let others = list.checks.iter().filter(|c| c.condition != condition);
        assert!(
            others.into_iter().all(|c| c.finding == Finding::Met),
            "{condition:?}"
        );
    }
}

/// The complete steps, moved to fall before an early closing date.
fn complete_before(closed: &str) -> Vec<(EventKind, NaiveDate)> {
    complete()
        .into_iter()
        .map(|(kind, on)| (kind, on.min(day(closed))))
        .collect()
}

#[test]
fn three_months_is_counted_strictly_from_the_filing() {
    let one_day_later = check(&complete_before("2025-04-11"), "2025-04-11");
    assert_eq!(one_day_later.checks[3].finding, Finding::Met);
    assert_eq!(one_day_later.verdict, Verdict::Compliant);
    let rules = ChecklistRules {
        min_months: 6,
        ..ChecklistRules::default()
    };
    let six = Checklist::of(day(FILED), day(CLOSED), &complete(), rules, None);
    assert_eq!(six.unmet(), vec![Condition::ThreeMonths]);
}

#[test]
fn either_step_of_the_first_condition_is_needed() {
    let list = check(&without(EventKind::EnforcementNotice), CLOSED);
    assert_eq!(list.unmet(), vec![Condition::NoticeAndReport]);
}

#[test]
fn the_dishonest_list_is_evidence_and_its_absence_a_note() {
    let list = check(&without(EventKind::DishonestList), CLOSED);
    assert_eq!(list.checks[1].finding, Finding::Met);
    assert!(list.checks[1].note.is_some());
    assert_eq!(list.verdict, Verdict::Compliant);
}

#[test]
fn the_site_investigation_is_needed_unless_configured_away() {
    let events = without(EventKind::SiteInvestigation);
    assert_eq!(
        check(&events, CLOSED).unmet(),
        vec![Condition::Investigation]
    );
    let rules = ChecklistRules {
        site_investigation_required: false,
        ..ChecklistRules::default()
    };
    let relaxed = Checklist::of(day(FILED), day(CLOSED), &events, rules, None);
    assert_eq!(relaxed.verdict, Verdict::Compliant);
    assert!(relaxed.checks[2].note.is_some());
}

#[test]
fn steps_after_the_closing_do_not_count_and_are_listed() {
    let mut events = without(EventKind::Interview);
    events.push((EventKind::Interview, day("2025-07-01")));
    let list = check(&events, CLOSED);
    assert_eq!(list.unmet(), vec![Condition::ApplicantHeard]);
    assert_eq!(list.late, vec![(EventKind::Interview, day("2025-07-01"))]);
    assert!(list.checks[4].evidence.is_empty());
}

#[test]
fn a_case_with_no_checklist_step_recorded_cannot_be_told() {
    let other = [(EventKind::Hearing, day("2025-03-01"))];
    let list = check(&other, CLOSED);
    let findings: Vec<Finding> = list.checks.iter().map(|c| c.finding).collect();
    // The date condition is always told.
    assert_eq!(
        findings,
        [
            Finding::CannotTell,
            Finding::CannotTell,
            Finding::CannotTell,
            Finding::Met,
            Finding::CannotTell
        ]
    );
    assert_eq!(list.verdict, Verdict::Undetermined);
    // Too early and nothing recorded: not compliant, whatever the events would have said.
    assert_eq!(check(&other, "2025-03-01").verdict, Verdict::NotCompliant);
}

#[test]
fn a_reviewers_finding_overrides_the_check() {
    let missing = without(EventKind::Interview);
    let reviewed = Checklist::of(
        day(FILED),
        day(CLOSED),
        &missing,
        ChecklistRules::default(),
        Some(true),
    );
    assert_eq!(reviewed.verdict, Verdict::Compliant);
    // The findings still show what the data says.
    assert_eq!(reviewed.unmet(), vec![Condition::ApplicantHeard]);
    let refused = Checklist::of(
        day(FILED),
        day(CLOSED),
        &complete(),
        ChecklistRules::default(),
        Some(false),
    );
    assert_eq!(refused.verdict, Verdict::NotCompliant);
    assert_eq!(
        verdict(&[Finding::CannotTell; 5], Some(true)),
        Verdict::Compliant
    );
}

#[test]
fn verdict_codes_read_back() {
    for verdict in [
        Verdict::Compliant,
        Verdict::NotCompliant,
        Verdict::Undetermined,
    ] {
        assert_eq!(Verdict::of_code(verdict.code()), Some(verdict));
    }
    assert_eq!(Verdict::of_code(0), None);
    assert_eq!(Marks::kinds().len(), 7);
}

#[test]
fn a_requery_is_due_six_months_after_the_last_one_for_five_years() {
    let closed = day("2024-02-29");
    // None yet: six months after the closing (month end kept).
    let fresh = requery(closed, &[], day("2024-05-01"));
    assert_eq!(fresh.last, None);
    assert_eq!(fresh.next_due, Some(day("2024-08-29")));
    // Queries before the closing or after today do not count; the latest does.
    let queried = [
        day("2024-01-10"),
        day("2024-07-01"),
        day("2025-01-02"),
        day("2026-01-01"),
    ];
    let now = requery(closed, &queried, day("2025-06-30"));
    assert_eq!(now.last, Some(day("2025-01-02")));
    assert_eq!(now.next_due, Some(day("2025-07-02")));
    // The last one due falls on the fifth anniversary; after it, none.
    let late = requery(closed, &[day("2028-08-29")], day("2028-09-01"));
    assert_eq!(late.next_due, Some(day("2029-02-28")));
    let done = requery(closed, &[day("2028-09-01")], day("2028-09-02"));
    assert_eq!(done.next_due, None);
}
