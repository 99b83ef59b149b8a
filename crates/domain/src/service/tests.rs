use chrono::NaiveDate;

use super::consent::{Confirmation, ConsentScope, Validity, electronic_validity};
use super::outcome::task_outcome;
use super::timing::{ServiceRules, deemed_served, entrusted_due, notice_exclusion, notice_period};
use super::*;
use crate::{CaseNumber, CaseRecord, CourtCode, DeadlineOptions, HolidayCalendar, TimeLimits};
use crate::{Category, ExclusionGround, Period};

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

const RULES: ServiceRules = ServiceRules {
    notice_days: 30,
    foreign_notice_days: 60,
    entrusted_days: 10,
};

#[test]
fn the_announcement_period_is_the_law_of_its_day() {
    let domestic = |on| notice_period(&RULES, day(on), false).0;
    let foreign = |on| notice_period(&RULES, day(on), true).0;
    assert_eq!(domestic("2021-12-31"), Period::Days(60));
    assert_eq!(domestic("2022-01-01"), Period::Days(30));
    assert_eq!(foreign("2023-12-31"), Period::Months(3));
    assert_eq!(foreign("2024-01-01"), Period::Days(60));
    assert!(
        notice_period(&RULES, day("2026-03-02"), false)
            .1
            .zh()
            .contains("第95条")
    );
    assert!(
        notice_period(&RULES, day("2026-03-02"), true)
            .1
            .zh()
            .contains("第283条")
    );
    // The publication day is not counted: thirty days pass, then it is served.
    assert_eq!(
        deemed_served(&RULES, day("2026-03-02"), false),
        Some(day("2026-04-01"))
    );
    assert_eq!(
        deemed_served(&RULES, day("2023-11-30"), true),
        Some(day("2024-02-29"))
    );
    let configured = ServiceRules {
        notice_days: 45,
        ..RULES
    };
    assert_eq!(
        deemed_served(&configured, day("2026-03-02"), false),
        Some(day("2026-04-16"))
    );
    assert_eq!(
        entrusted_due(&RULES, day("2026-03-02")),
        Some(day("2026-03-12"))
    );
}

#[test]
fn an_announcement_leaves_the_limit_of_civil_and_administrative_cases_only() {
    let civil = notice_exclusion(
        &RULES,
        Some(Category::Civil),
        None,
        day("2026-03-02"),
        false,
    )
    .unwrap();
    assert_eq!(civil.ground, ExclusionGround::Notice);
    assert_eq!(civil.from, Some(day("2026-03-03")));
    assert_eq!(civil.days, 30);
    assert_eq!(civil.to(), Some(day("2026-04-01")));
    let administrative = notice_exclusion(
        &RULES,
        Some(Category::Administrative),
        None,
        day("2026-03-02"),
        true,
    );
    assert_eq!(administrative.map(|e| e.days), Some(60));
    for other in [
        Category::Criminal,
        Category::Enforcement,
        Category::Preservation,
    ] {
        assert_eq!(
            notice_exclusion(&RULES, Some(other), None, day("2026-03-02"), false),
            None
        );
    }
    assert_eq!(
        notice_exclusion(&RULES, None, None, day("2026-03-02"), false),
        None
    );
    // A judgment announced after the case closed moves nothing.
    let civil = Some(Category::Civil);
    let closed = Some(day("2026-03-02"));
    let on = |published| notice_exclusion(&RULES, civil, closed, day(published), false);
    assert_eq!(on("2026-03-02"), None);
    // Withdrawn while the announcement ran: its days end with the case.
    let cut = on("2026-02-20").expect("an excluded period");
    assert_eq!((cut.from, cut.days), (Some(day("2026-02-21")), 10));
    assert_eq!(cut.to(), closed);
    let after = Some(day("2026-12-31"));
    let whole = notice_exclusion(&RULES, civil, after, day("2026-03-02"), false);
    assert_eq!(whole.map(|e| e.days), Some(30));
}

/// The deadline of a case filed 2026-01-05 with the announcement published 2026-03-02.
fn deadline_with_notice(case_no: &str) -> (Option<NaiveDate>, Option<NaiveDate>, Vec<String>) {
    let case_no = CaseNumber::parse(case_no, 2026).unwrap();
    let mut record = CaseRecord::filed(
        case_no,
        CourtCode::parse("黑01").unwrap(),
        day("2026-01-05"),
    );
    let calendar = HolidayCalendar::builtin();
    let limits = TimeLimits::standard();
    let options = DeadlineOptions::default();
    let before = record.deadline(&limits, &calendar, options).unwrap();
    let category = record.case_no.category();
    record.exclusions.extend(notice_exclusion(
        &RULES,
        category,
        None,
        day("2026-03-02"),
        false,
    ));
    let after = record
        .deadline_explained(&limits, &calendar, options)
        .unwrap()
        .unwrap();
    (before, after.date, after.notes)
}

#[test]
fn a_civil_deadline_moves_by_the_announcement_and_the_note_says_why() {
    // 民初 普通程序: six months from 2026-01-05 is 2026-07-05 (a Sunday, rolled to the 6th);
    // thirty days of announcement move the end to 2026-08-04.
    let (before, after, notes) = deadline_with_notice("(2026)黑01民初5号");
    assert_eq!(before, Some(day("2026-07-06")));
    assert_eq!(after, Some(day("2026-08-04")));
    let note = notes
        .iter()
        .find(|n| n.starts_with("扣除审限"))
        .expect("a note of the exclusion");
    assert!(note.contains("公告 2026-03-03起30日"), "{note}");
    assert!(note.contains("2026-07-05 → 2026-08-04"), "{note}");
}

#[test]
fn an_administrative_deadline_moves_and_a_criminal_one_does_not() {
    let (before, after, notes) = deadline_with_notice("(2026)黑01行初5号");
    assert_eq!(before, Some(day("2026-07-06")));
    assert_eq!(after, Some(day("2026-08-04")));
    assert!(notes.iter().any(|n| n.contains("公告 2026-03-03起30日")));
    let (before, after, notes) = deadline_with_notice("(2026)黑01刑初5号");
    assert_eq!(before, after);
    assert!(!notes.iter().any(|n| n.contains("扣除审限")));
}

fn attempt(seq: u32, method: Method, on: &str, outcome: Outcome, served: Option<&str>) -> Attempt {
    Attempt {
        seq,
        method,
        attempted_on: day(on),
        outcome,
        served_on: served.map(day),
        failure: (outcome == Outcome::Failed).then_some(Failure::Refused),
        proof: None,
    }
}

#[test]
fn a_task_served_on_the_third_attempt() {
    let attempts = [
        attempt(
            3,
            Method::Notice,
            "2026-03-20",
            Outcome::Served,
            Some("2026-04-19"),
        ),
        attempt(1, Method::Post, "2026-03-01", Outcome::Failed, None),
        attempt(2, Method::Direct, "2026-03-10", Outcome::Failed, None),
    ];
    let valid = |_: &Attempt| Validity::Valid;
    let by = |on| task_outcome(&attempts, valid, day(on));
    // While the announcement runs the task is not served.
    let running = by("2026-04-18");
    assert_eq!(
        (running.served_on, running.attempts, running.notice),
        (None, 3, true)
    );
    let served = by("2026-04-19");
    assert_eq!(served.served_on, Some(day("2026-04-19")));
    assert_eq!(served.served_by, Some(Method::Notice));
    assert!(!served.first_attempt);
    // Before the third attempt, two attempts and no announcement.
    let early = by("2026-03-15");
    assert_eq!((early.attempts, early.notice), (2, false));
}

#[test]
fn an_electronic_service_without_consent_is_set_aside() {
    let attempts = [
        attempt(
            1,
            Method::Electronic,
            "2026-03-01",
            Outcome::Served,
            Some("2026-03-01"),
        ),
        attempt(
            2,
            Method::Direct,
            "2026-03-05",
            Outcome::Served,
            Some("2026-03-06"),
        ),
    ];
    let outcome = task_outcome(&attempts, |_| Validity::NoConsent, day("2026-06-30"));
    assert_eq!(outcome.set_aside, Some(Validity::NoConsent));
    assert_eq!(outcome.served_on, Some(day("2026-03-06")));
    assert_eq!(outcome.served_by, Some(Method::Direct));
    assert!(!outcome.first_attempt);
    let counted = task_outcome(&attempts, |_| Validity::Valid, day("2026-06-30"));
    assert_eq!(
        (counted.served_by, counted.first_attempt),
        (Some(Method::Electronic), true)
    );
}

fn confirmation(signed: &str, scope: Option<ConsentScope>) -> Confirmation {
    Confirmation {
        case_no: "(2026)黑01民初5号".into(),
        party: "张三".into(),
        identity_key: None,
        signed_on: day(signed),
        address: Some("哈尔滨市南岗区某路1号".into()),
        electronic: scope,
        channel: None,
    }
}

#[test]
fn electronic_service_counts_only_within_a_consent() {
    let all = confirmation("2026-01-05", Some(ConsentScope::All));
    let narrow = confirmation("2026-01-05", Some(ConsentScope::NotDecisions));
    let address_only = confirmation("2026-01-05", None);
    let on = day("2026-03-01");
    assert_eq!(electronic_validity(&[&all], "传票", on), Validity::Valid);
    assert_eq!(
        electronic_validity(&[&all], "民事判决书", on),
        Validity::Valid
    );
    assert_eq!(electronic_validity(&[&narrow], "传票", on), Validity::Valid);
    assert_eq!(
        electronic_validity(&[&narrow], "民事判决书", on),
        Validity::OutOfScope
    );
    assert_eq!(
        electronic_validity(&[&address_only], "传票", on),
        Validity::NoConsent
    );
    assert_eq!(electronic_validity(&[], "传票", on), Validity::NoConsent);
    // A consent signed after the message was sent does not reach back.
    assert_eq!(
        electronic_validity(&[&all], "传票", day("2026-01-04")),
        Validity::NoConsent
    );
    assert_eq!(
        electronic_validity(&[&all], "民事裁定书", day("2021-06-01")),
        Validity::DecisionBefore2022
    );
    assert!(all.is_of(" 张三 ", None));
    assert!(!all.is_of("李四", None));
}

#[test]
fn an_attempt_agrees_with_itself() {
    let good = attempt(
        1,
        Method::Post,
        "2026-03-01",
        Outcome::Served,
        Some("2026-03-03"),
    );
    assert!(attempt_agrees(&good).is_ok());
    let early = attempt(
        1,
        Method::Post,
        "2026-03-01",
        Outcome::Served,
        Some("2026-02-28"),
    );
    assert!(attempt_agrees(&early).unwrap_err().zh().contains("早于"));
    let no_day = attempt(1, Method::Post, "2026-03-01", Outcome::Served, None);
    assert!(attempt_agrees(&no_day).is_err());
    let mut no_reason = attempt(1, Method::Post, "2026-03-01", Outcome::Failed, None);
    no_reason.failure = None;
    assert!(
        attempt_agrees(&no_reason)
            .unwrap_err()
            .zh()
            .contains("原因")
    );
    let waiting = attempt(
        1,
        Method::Post,
        "2026-03-01",
        Outcome::Waiting,
        Some("2026-03-03"),
    );
    assert!(attempt_agrees(&waiting).is_err());
}

#[test]
fn names_are_read_as_staff_write_them() {
    assert_eq!(Method::parse("法院专递"), Ok(Method::Post));
    assert_eq!(Method::parse("公告"), Ok(Method::Notice));
    assert_eq!(Method::parse(" electronic "), Ok(Method::Electronic));
    let unknown = Method::parse("飞鸽传书").unwrap_err();
    assert!(unknown.text().zh().contains("直接送达"));
    assert_eq!(Failure::parse("拒签"), Ok(Failure::Refused));
    assert_eq!(Failure::parse("地址错误"), Ok(Failure::AddressUnknown));
    assert_eq!(Outcome::parse("妥投"), Ok(Outcome::Served));
    assert_eq!(Proof::parse("录像"), Ok(Proof::Recording));
    assert_eq!(RecipientKind::parse("代收人"), Ok(RecipientKind::Agent));
    assert_eq!(ConsentScope::parse("全部"), Ok(ConsentScope::All));
    for method in Method::ALL {
        assert_eq!(Method::parse(method.label_zh()), Ok(method));
        assert_eq!(Method::parse(method.key()), Ok(method));
    }
    for failure in Failure::ALL {
        assert_eq!(Failure::parse(failure.label_zh()), Ok(failure));
    }
    assert_eq!(Proof::expected(Method::Left), Proof::Recording);
    assert!(is_decision("民事判决书") && is_decision("民事调解书") && !is_decision("传票"));
}
