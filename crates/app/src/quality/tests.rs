use super::*;

use shenguan_domain::{
    CaseNumber, CaseParties, CourtCode, EventKind, EventRecord, Party, PartyRole, Procedure,
};
use shenguan_testkit::TempDir;

use crate::accounts::{NewAccount, Role};
use crate::{Config, FixedClock};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn case(number: &str, filed: &str) -> CaseRecord {
    let case_no = CaseNumber::parse(number, 2026).expect("a case number");
    let court = case_no.court().expect("a current court code");
    CaseRecord {
        procedure: Some(Procedure::Simple),
        judge: Some("王伟".into()),
        division: Some("民一庭".into()),
        cause: Some("民间借贷纠纷".into()),
        ..CaseRecord::filed(case_no, court, d(filed))
    }
}

fn app() -> App {
    App::with_clock(Config::default(), Box::new(FixedClock(d("2026-06-30")))).expect("app")
}

/// 湘1402: serials 1–4 and 7 of 民初 (5 and 6 missing); serial 4 filed a month before serial 3;
/// serial 2 without its judge, closed on 劳动节. 湘1403: one clean case.
fn store(dir: &TempDir) -> Store {
    let app = app();
    let mut store = app
        .open_store(Some(&dir.join("q.db").display().to_string()))
        .expect("store");
    let cases = vec![
        case("（2026）湘1402民初1号", "2026-03-02"),
        CaseRecord {
            judge: None,
            closed_on: Some(d("2026-05-01")),
            ..case("（2026）湘1402民初2号", "2026-03-03")
        },
        case("（2026）湘1402民初3号", "2026-04-10"),
        case("（2026）湘1402民初4号", "2026-03-04"),
        case("（2026）湘1402民初7号", "2026-04-13"),
        case("（2026）湘1403民初1号", "2026-03-02"),
        // Filed before the period: not checked.
        CaseRecord {
            judge: None,
            ..case("（2025）湘1402民初9号", "2025-12-01")
        },
    ];
    store
        .inner
        .write_import(&cases, &Vec::<EventRecord>::new(), &mut |_| {})
        .expect("the cases");
    store
}

fn count(card: &CourtCard, rule: Rule) -> (u64, Vec<String>) {
    let found = card
        .rules
        .iter()
        .find(|r| r.rule == rule)
        .expect("every rule listed");
    (found.count, found.cases.clone())
}

#[test]
fn the_scorecard_counts_each_rule_with_its_cases_and_scores_each_court() {
    let dir = TempDir::new("quality");
    let app = app();
    let mut store = store(&dir);
    let card = app
        .quality_scorecard(&mut store, None, None, d("2026-01-01"), d("2026-06-30"))
        .expect("the scorecard");
    assert_eq!(card.courts.len(), 2);
    let basic = &card.courts[0];
    assert_eq!(basic.court, "湘1402");
    assert_eq!(basic.checked, 5);
    assert_eq!(
        count(basic, Rule::MissingJudge),
        (1, vec!["（2026）湘1402民初2号".to_string()])
    );
    assert_eq!(count(basic, Rule::ClosedOnHoliday).0, 1);
    assert_eq!(
        count(basic, Rule::NumberedLate),
        (1, vec!["（2026）湘1402民初4号".to_string()])
    );
    assert_eq!(
        count(basic, Rule::SerialGap),
        (
            2,
            vec![
                "（2026）湘1402民初5号".to_string(),
                "（2026）湘1402民初6号".to_string()
            ]
        )
    );
    assert_eq!(count(basic, Rule::MissingCause).0, 0);
    // Serials 2 and 4 break a rule: three of five are clean.
    assert_eq!(basic.clean, 3);
    assert_eq!(basic.score, Some(60.0));
    // No party stored for the court: that rule is not checked there, nor counted.
    assert_eq!(basic.not_checked, vec![Rule::MissingParties]);
    assert_eq!(count(basic, Rule::MissingParties).0, 0);
    // March: serials 1, 2, 4 (2 broken); April: 3 and 7, clean.
    let months: Vec<(NaiveDate, u64, u64)> = basic
        .months
        .iter()
        .map(|m| (m.month, m.checked, m.clean))
        .collect();
    assert_eq!(
        months,
        vec![(d("2026-03-01"), 3, 1), (d("2026-04-01"), 2, 2)]
    );
    let other = &card.courts[1];
    assert_eq!(
        (other.court.as_str(), other.checked, other.score),
        ("湘1403", 1, Some(100.0))
    );

    // Held to a court, and to what a reader may see.
    let scope = Some(CourtScope::with_lower(
        CourtCode::parse("湘1403").expect("court"),
    ));
    let one = app
        .quality_scorecard(&mut store, None, scope, d("2026-01-01"), d("2026-06-30"))
        .expect("one court");
    assert_eq!(
        one.courts
            .iter()
            .map(|c| c.court.as_str())
            .collect::<Vec<_>>(),
        ["湘1403"]
    );
    let user = app
        .add_user(
            &mut store,
            NewAccount {
                name: "审管办",
                role: Role::Office,
                court: Some(CourtCode::parse("湘1403").expect("court")),
                division: None,
                staff_id: None,
                password: "密码-足够长的一句话",
            },
        )
        .expect("an account");
    let theirs = app
        .quality_scorecard(
            &mut store,
            Some(&user),
            None,
            d("2026-01-01"),
            d("2026-06-30"),
        )
        .expect("their courts");
    assert_eq!(theirs.courts.len(), 1);
    assert!(matches!(
        app.quality_scorecard(&mut store, None, None, d("2026-06-30"), d("2026-01-01")),
        Err(AppError::Invalid(_))
    ));
}

fn parties_of(number: &str) -> CaseParties {
    CaseParties {
        case_no: CaseNumber::parse(number, 2026).expect("a case number"),
        parties: vec![Party {
            role: PartyRole::parse("原告").expect("role"),
            kind: None,
            name: "张三".into(),
            identity: None,
            id_masked: None,
            agent: None,
            address: None,
        }],
    }
}

fn event(number: &str, date: &str, kind: EventKind) -> EventRecord {
    EventRecord {
        case_no: CaseNumber::parse(number, 2026).expect("a case number"),
        date: d(date),
        kind,
        detail: String::new(),
    }
}

/// 湘1402 holds parties for serials 1, 2 and 4; serial 2 was closed on 10 April and heard on the
/// 13th (served and archived after it too, which is normal); serial 3 was heard on 劳动节;
/// serial 4 is recorded closed before it was filed. 湘1403 has no party stored at all. A case
/// of 2025 heard on a holiday is outside the period.
fn store_with_events(dir: &TempDir) -> Store {
    let app = app();
    let mut store = app
        .open_store(Some(&dir.join("q.db").display().to_string()))
        .expect("store");
    let cases = vec![
        case("（2026）湘1402民初1号", "2026-03-02"),
        CaseRecord {
            closed_on: Some(d("2026-04-10")),
            ..case("（2026）湘1402民初2号", "2026-03-03")
        },
        case("（2026）湘1402民初3号", "2026-04-01"),
        CaseRecord {
            closed_on: Some(d("2026-03-20")),
            ..case("（2026）湘1402民初4号", "2026-04-02")
        },
        case("（2026）湘1403民初1号", "2026-03-02"),
        case("（2025）湘1402民初9号", "2025-12-01"),
    ];
    let events = vec![
        event("（2026）湘1402民初2号", "2026-04-13", EventKind::Hearing),
        event("（2026）湘1402民初2号", "2026-04-15", EventKind::Service),
        event("（2026）湘1402民初2号", "2026-05-06", EventKind::Archived),
        event("（2026）湘1402民初3号", "2026-05-01", EventKind::Hearing),
        event("（2025）湘1402民初9号", "2026-05-01", EventKind::Hearing),
    ];
    let parties = vec![
        parties_of("（2026）湘1402民初1号"),
        parties_of("（2026）湘1402民初2号"),
        parties_of("（2026）湘1402民初4号"),
    ];
    store
        .inner
        .write_batch(shenguan_store::Batch::owned(cases, events, parties))
        .expect("the cases");
    store
}

#[test]
fn events_parties_and_dates_out_of_order_are_found_and_the_score_is_given_by_month() {
    let dir = TempDir::new("quality-events");
    let app = app();
    let mut store = store_with_events(&dir);
    let card = app
        .quality_scorecard(&mut store, None, None, d("2026-01-01"), d("2026-06-30"))
        .expect("the scorecard");
    let basic = &card.courts[0];
    assert_eq!(basic.court, "湘1402");
    assert_eq!((basic.checked, basic.clean), (4, 1));
    assert_eq!(basic.score, Some(25.0));
    let one = |n: u32| vec![format!("（2026）湘1402民初{n}号")];
    assert_eq!(count(basic, Rule::EventAfterClosing), (1, one(2)));
    assert_eq!(count(basic, Rule::HearingOnHoliday), (1, one(3)));
    assert_eq!(count(basic, Rule::MissingParties), (1, one(3)));
    assert_eq!(count(basic, Rule::ClosedBeforeFiled), (1, one(4)));
    assert!(basic.not_checked.is_empty());
    let months: Vec<(NaiveDate, u64, u64, Option<f64>)> = basic
        .months
        .iter()
        .map(|m| (m.month, m.checked, m.clean, m.score))
        .collect();
    assert_eq!(
        months,
        vec![
            (d("2026-03-01"), 2, 1, Some(50.0)),
            (d("2026-04-01"), 2, 0, Some(0.0))
        ]
    );
    // A court whose records hold no party is not scored on them.
    let other = &card.courts[1];
    assert_eq!((other.court.as_str(), other.clean), ("湘1403", 1));
    assert_eq!(other.not_checked, vec![Rule::MissingParties]);

    // From April: serial 4, closed in March before it was filed, still has its parties found.
    let april = app
        .quality_scorecard(&mut store, None, None, d("2026-04-01"), d("2026-06-30"))
        .expect("from April");
    let basic = &april.courts[0];
    assert_eq!(basic.checked, 2);
    assert_eq!(count(basic, Rule::MissingParties), (1, one(3)));
}
