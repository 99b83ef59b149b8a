use chrono::NaiveDate;

use super::*;
use crate::IdNumber;
use crate::petition::{Channel, Petitioner, Subject};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn case(number: &str) -> CaseNumber {
    CaseNumber::parse(number, 2026).expect("a case number")
}

fn granted() -> Assistance {
    let id = IdNumber::parse("43010219800101109X").expect("a number");
    Assistance {
        case_no: case("（2026）湘1402司救执1号"),
        court: CourtCode::parse("湘1402").expect("court"),
        applicant: "王某".into(),
        identity: Some(id.key(b"secret")),
        masked: Some(id.masked()),
        applied_on: d("2026-03-01"),
        origin_cases: vec![case("（2025）湘1402执1号")],
        decided_on: Some(d("2026-03-20")),
        decision: Some(Decision::Granted),
        amount: Some(Money::from_fen(3_000_000)),
        over_cap_reason: None,
        paid_on: Some(d("2026-04-01")),
    }
}

/// 36 months of 2025's average monthly wage, 8,000 yuan: 288,000 yuan.
fn cap() -> Cap {
    Cap {
        months: 36,
        monthly_wage: vec![(2025, Money::from_fen(800_000))],
    }
}

#[test]
fn a_grant_within_the_cap_agrees_and_one_above_it_needs_a_reason() {
    assert!(granted().check(&cap()).is_empty());
    assert_eq!(granted().cap(&cap()), Some(Money::from_fen(28_800_000)));
    let mut above = granted();
    above.amount = Some(Money::from_fen(28_800_001));
    assert_eq!(
        above.check(&cap()),
        vec![AssistanceError::OverCap(Money::from_fen(28_800_000))]
    );
    above.over_cap_reason = Some("重伤致残，医疗费用巨大".into());
    assert!(above.check(&cap()).is_empty());
    // Decided in 2026: the wage of 2025 counts; a decision in 2027 would need 2026's, unknown.
    let mut later = granted();
    later.decided_on = Some(d("2027-01-05"));
    later.paid_on = Some(d("2027-01-10"));
    later.amount = Some(Money::from_fen(99_000_000));
    assert_eq!(later.cap(&cap()), None);
    assert!(later.check(&cap()).is_empty(), "unknown wage: not checked");
}

#[test]
fn every_rule_of_the_record_is_checked() {
    let mut wrong = granted();
    wrong.case_no = case("（2026）湘1402执1号");
    assert_eq!(
        wrong.check(&cap()),
        vec![AssistanceError::NotAssistanceCase]
    );
    let mut early = granted();
    early.paid_on = Some(d("2026-03-10"));
    assert_eq!(early.check(&cap()), vec![AssistanceError::DayOrder]);
    let mut undecided = granted();
    undecided.decision = None;
    assert!(
        undecided
            .check(&cap())
            .contains(&AssistanceError::DecisionIncomplete)
    );
    let mut refused = granted();
    refused.decision = Some(Decision::Refused);
    assert_eq!(
        refused.check(&cap()),
        vec![AssistanceError::AmountWithoutGrant]
    );
    let mut unpaid_amount = granted();
    unpaid_amount.amount = None;
    assert_eq!(
        unpaid_amount.check(&cap()),
        vec![AssistanceError::AmountWithoutGrant]
    );
    for name in ["救助", "不予救助", "granted", "refused"] {
        assert!(Decision::parse(name).is_some(), "{name}");
    }
    assert_eq!(Decision::parse("同意"), None);
}

#[test]
fn a_recipient_stopped_petitioning_when_none_of_their_petitions_came_after_the_payment() {
    let help = granted();
    let petition = |day: &str, key: bool| {
        let mut p = Petition::received(
            CourtCode::parse("湘1402").expect("court"),
            "x",
            d(day),
            Channel::Visit,
            Subject::Enforcement,
        );
        p.petitioners.push(Petitioner {
            name: "王某".into(),
            identity: if key { help.identity.clone() } else { None },
            masked: None,
        });
        p
    };
    let before = vec![petition("2026-02-01", true)];
    assert_eq!(
        help.stopped_petitioning(&before, d("2026-12-31")),
        Some(true)
    );
    let after = vec![petition("2026-02-01", true), petition("2026-06-01", true)];
    assert_eq!(
        help.stopped_petitioning(&after, d("2026-12-31")),
        Some(false)
    );
    // Asked before that petition came: still stopped then.
    assert_eq!(
        help.stopped_petitioning(&after, d("2026-05-31")),
        Some(true)
    );
    // Someone else's petition, or one with no key, does not count against them.
    let others = vec![petition("2026-06-01", false)];
    assert_eq!(
        help.stopped_petitioning(&others, d("2026-12-31")),
        Some(true)
    );
    // Not paid by the day asked: nothing to say.
    assert_eq!(help.stopped_petitioning(&after, d("2026-03-31")), None);
}
