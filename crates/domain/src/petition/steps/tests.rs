use chrono::NaiveDate;

use super::*;
use crate::CourtCode;
use crate::petition::{Channel, Subject};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn received() -> Petition {
    Petition::received(
        CourtCode::parse("湘1402").expect("court"),
        "2026-0001",
        d("2026-03-02"),
        Channel::Visit,
        Subject::Judgment,
    )
}

fn accept_as_petition(on: &str) -> Step {
    Step::Accept {
        on: d(on),
        screening: Screening::Petition,
        route: None,
        routed_case: None,
        not_routed_reason: None,
    }
}

const TODAY: &str = "2026-12-06";

fn take(p: &Petition, step: Step) -> Petition {
    p.take(&step, d(TODAY)).expect("the step is allowed")
}

fn refused(p: &Petition, step: Step) -> Refusal {
    p.take(&step, d(TODAY)).expect_err("the step is refused")
}

#[test]
fn a_petition_handled_as_one_goes_from_acceptance_through_both_reviews() {
    let p = received();
    assert!(p.may_take(StepKind::Accept));
    assert!(!p.may_take(StepKind::Reply), "no reply before acceptance");
    let p = take(&p, accept_as_petition("2026-03-10"));
    assert_eq!(p.accepted_on, Some(d("2026-03-10")));
    assert_eq!(p.screening, Some(Screening::Petition));
    assert!(!p.may_take(StepKind::Accept), "accepted once");
    assert!(!p.may_take(StepKind::Route), "a 访 is not routed");
    let p = take(&p, Step::Extend);
    assert!(p.extended);
    assert!(!p.may_take(StepKind::Extend), "extended once");
    let p = take(
        &p,
        Step::Reply {
            on: d("2026-05-20"),
            outcome: Outcome::Explained,
            satisfaction: None,
        },
    );
    assert_eq!(p.concluded_on(), Some(d("2026-05-20")));
    let p = take(
        &p,
        Step::Rate {
            satisfaction: Satisfaction::Dissatisfied,
        },
    );
    assert!(!p.may_take(StepKind::Rate));
    assert!(!p.may_take(StepKind::AnswerReview), "nothing asked yet");
    let p = take(
        &p,
        Step::AskReview {
            on: d("2026-06-01"),
        },
    );
    let p = take(
        &p,
        Step::AnswerReview {
            on: d("2026-06-25"),
        },
    );
    let p = take(
        &p,
        Step::AskRecheck {
            on: d("2026-07-01"),
        },
    );
    let p = take(
        &p,
        Step::AnswerRecheck {
            on: d("2026-07-20"),
        },
    );
    assert!(!p.may_take(StepKind::AskReview) && !p.may_take(StepKind::AskRecheck));
    let p = take(
        &p,
        Step::Stop {
            on: d("2026-08-01"),
        },
    );
    assert!(p.disagreements().is_empty());
    let kinds: Vec<Option<StepKind>> = p.timeline().iter().map(|m| m.step).collect();
    assert_eq!(
        kinds,
        vec![
            None,
            Some(StepKind::Accept),
            Some(StepKind::Reply),
            Some(StepKind::AskReview),
            Some(StepKind::AnswerReview),
            Some(StepKind::AskRecheck),
            Some(StepKind::AnswerRecheck),
            Some(StepKind::Stop),
        ]
    );
}

#[test]
fn a_litigation_petition_needs_its_route_and_is_concluded_by_routing_not_by_a_reply() {
    let p = received();
    let no_route = refused(
        &p,
        Step::Accept {
            on: d("2026-03-05"),
            screening: Screening::Litigation,
            route: None,
            routed_case: None,
            not_routed_reason: None,
        },
    );
    assert_eq!(no_route.field, Some(Field::Route));
    let both = refused(
        &p,
        Step::Accept {
            on: d("2026-03-05"),
            screening: Screening::Litigation,
            route: Some(Route::Retrial),
            routed_case: Some(
                crate::CaseNumber::parse("（2026）湘14民申3号", 2026).expect("a number"),
            ),
            not_routed_reason: Some("已超过申请再审期限".into()),
        },
    );
    assert_eq!(both.field, Some(Field::NotRoutedReason));
    let p = take(
        &p,
        Step::Accept {
            on: d("2026-03-05"),
            screening: Screening::Litigation,
            route: Some(Route::Retrial),
            routed_case: None,
            not_routed_reason: None,
        },
    );
    assert_eq!(p.concluded_on(), None, "not concluded until routed");
    assert!(!p.may_take(StepKind::Reply), "a 诉 is not replied to");
    let both = refused(
        &p,
        Step::Route {
            routed_case: None,
            not_routed_reason: None,
        },
    );
    assert_eq!(both.field, Some(Field::RoutedCase));
    let p = take(
        &p,
        Step::Route {
            routed_case: None,
            not_routed_reason: Some("已超过申请再审期限".into()),
        },
    );
    assert_eq!(p.concluded_on(), Some(d("2026-03-05")));
    assert!(!p.may_take(StepKind::Route), "routed once");
}

#[test]
fn days_after_today_before_receipt_or_before_the_step_they_follow_are_refused() {
    let p = received();
    let future = refused(&p, accept_as_petition("2026-12-07"));
    assert_eq!(future.field, Some(Field::AcceptedOn));
    let early = refused(&p, accept_as_petition("2026-03-01"));
    assert_eq!(early.field, Some(Field::AcceptedOn));
    assert!(early.why.zh().contains("2026-03-02"), "{}", early.why.zh());
    let p = take(&p, accept_as_petition("2026-03-10"));
    let before_acceptance = refused(
        &p,
        Step::Reply {
            on: d("2026-03-09"),
            outcome: Outcome::Resolved,
            satisfaction: None,
        },
    );
    assert_eq!(before_acceptance.field, Some(Field::RepliedOn));
    let p = take(
        &p,
        Step::Reply {
            on: d("2026-04-01"),
            outcome: Outcome::Resolved,
            satisfaction: Some(Satisfaction::Satisfied),
        },
    );
    let review_first = refused(
        &p,
        Step::AskReview {
            on: d("2026-03-31"),
        },
    );
    assert_eq!(review_first.field, Some(Field::ReviewAskedOn));
    let p = take(
        &p,
        Step::AskReview {
            on: d("2026-04-02"),
        },
    );
    let answer_first = refused(
        &p,
        Step::AnswerReview {
            on: d("2026-04-01"),
        },
    );
    assert_eq!(answer_first.field, Some(Field::ReviewRepliedOn));
}

#[test]
fn an_ended_petition_takes_no_more_handling_but_may_still_be_resolved_and_stopped() {
    let p = take(&received(), accept_as_petition("2026-03-10"));
    let unnamed = refused(
        &p,
        Step::End {
            on: d("2026-04-01"),
            by: "  ".into(),
        },
    );
    assert_eq!(unnamed.field, Some(Field::EndedBy));
    let p = take(
        &p,
        Step::End {
            on: d("2026-04-01"),
            by: "湖南省高级人民法院".into(),
        },
    );
    for kind in [
        StepKind::Reply,
        StepKind::Extend,
        StepKind::AskReview,
        StepKind::AnswerReview,
        StepKind::Rate,
        StepKind::End,
    ] {
        assert!(!p.may_take(kind), "{kind:?} after the ending");
    }
    let refusal = refused(
        &p,
        Step::Reply {
            on: d("2026-04-02"),
            outcome: Outcome::Explained,
            satisfaction: None,
        },
    );
    assert_eq!(refusal.field, None);
    let p = take(
        &p,
        Step::Resolve {
            on: d("2026-05-01"),
            how: "司法救助后息诉".into(),
        },
    );
    let p = take(
        &p,
        Step::Stop {
            on: d("2026-05-02"),
        },
    );
    assert_eq!(p.stopped_on, Some(d("2026-05-02")));
}

#[test]
fn every_step_kind_reads_back_from_its_key() {
    for kind in StepKind::ALL {
        assert_eq!(StepKind::parse(kind.key()), Some(kind));
        assert!(!kind.label().zh().is_empty());
    }
    assert_eq!(StepKind::parse("approve"), None);
}

#[test]
fn a_record_with_a_reply_before_its_acceptance_disagrees_however_written() {
    let mut p = received();
    p.accepted_on = Some(d("2026-03-10"));
    p.replied_on = Some(d("2026-03-09"));
    p.outcome = Some(Outcome::Explained);
    let fields: Vec<Field> = p.disagreements().iter().map(|w| w.field).collect();
    assert_eq!(fields, vec![Field::RepliedOn]);
    // A reply without a recorded acceptance (an old register) is not held to it.
    p.accepted_on = None;
    assert!(p.disagreements().is_empty());
}
