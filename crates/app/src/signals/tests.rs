//! Each signal on planted cases of one basic court, as of Tuesday 2026-06-30: the cases that must
//! be listed and, beside each, a case just short of its threshold that must not.

use std::borrow::Cow;

use super::*;
use shenguan_domain::{
    CaseNumber, CourtCode, EventRecord, Extension, Payment, PaymentKind, Period, zhongben,
};
use shenguan_store::Batch;
use shenguan_testkit::TempDir;

use crate::accounts::{NewAccount, Role};
use crate::{Config, FixedClock};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn number(serial: u32) -> String {
    format!("（2026）湘1402执{serial}号")
}

fn case(serial: u32, filed: &str) -> CaseRecord {
    let case_no = CaseNumber::parse(&number(serial), 2026).expect("a number");
    let court = case_no.court().expect("court");
    CaseRecord {
        division: Some("执行局".into()),
        judge: Some("陈刚".into()),
        ..CaseRecord::filed(case_no, court, d(filed))
    }
}

fn zhongben_case(serial: u32, filed: &str, closed: &str) -> CaseRecord {
    CaseRecord {
        closed_on: Some(d(closed)),
        closing_method: shenguan_domain::ClosingMethod::parse("终结本次执行"),
        ..case(serial, filed)
    }
}

fn restored(serial: u32, filed: &str) -> CaseRecord {
    let case_no =
        CaseNumber::parse(&format!("（2026）湘1402执恢{serial}号"), 2026).expect("a number");
    let court = case_no.court().expect("court");
    CaseRecord::filed(case_no, court, d(filed))
}

fn event(serial: u32, kind: EventKind, on: &str) -> EventRecord {
    EventRecord {
        case_no: CaseNumber::parse(&number(serial), 2026).expect("a number"),
        date: d(on),
        kind,
        detail: String::new(),
    }
}

fn payment(serial: u32, kind: PaymentKind, on: &str, yuan: i64) -> Payment {
    Payment {
        case_no: CaseNumber::parse(&number(serial), 2026).expect("a number"),
        date: d(on),
        kind,
        amount: Money::from_fen(yuan * 100),
        note: String::new(),
    }
}

/// Every checklist step of a 终本 case filed 2026-01-10, dated in January.
fn all_steps(serial: u32) -> Vec<EventRecord> {
    zhongben::Marks::kinds()
        .iter()
        .map(|kind| event(serial, *kind, "2026-01-20"))
        .collect()
}

struct World {
    dir: TempDir,
    office: User,
    stranger: User,
    /// The judge of the cases (陈刚): the 执恢 case that restored one of them is not theirs.
    judge: User,
}

fn world() -> World {
    let dir = TempDir::new("signals");
    let app = app();
    let mut store = app
        .open_store(Some(&dir.join("shenguan.db").display().to_string()))
        .expect("store");
    let extended = CaseRecord {
        extensions: vec![Extension::of(Period::Months(3))],
        ..case(9, "2025-11-03")
    };
    let cases = vec![
        // Online inquiry: 10 days without one (listed), 5 days (not), one with an inquiry (not).
        case(1, "2026-06-20"),
        case(2, "2026-06-25"),
        case(3, "2026-06-01"),
        // Money: 6,000 waiting 60 days (listed), 20 days (not), all paid out (not).
        case(5, "2026-03-02"),
        case(6, "2026-03-02"),
        case(7, "2026-03-02"),
        // Past the six-month limit without an extension (listed), with one (not), not yet past
        // (not). Six months from 2025-11-03 is Sunday 2026-05-03, inside the Labour Day holiday
        // (1–5 May): the limit runs to Wednesday 2026-05-06, 55 days before today.
        case(8, "2025-11-03"),
        extended,
        case(10, "2026-01-15"),
        // 终本: compliant (not), before three months (listed), not compliant but found so on review
        // (not).
        zhongben_case(11, "2026-01-10", "2026-05-20"),
        zhongben_case(12, "2026-01-10", "2026-03-02"),
        zhongben_case(13, "2026-01-10", "2026-05-20"),
        // Re-queries after 终本 (today 2026-06-30): closed 2025-11-20, none since → due
        // 2026-05-20, 41 days late (listed); closed 2025-12-25, queried 2026-06-10 → due
        // 2026-12-10 (not); closed 2026-01-20 → due 2026-07-20, 20 days left (listed); closed
        // 2025-10-01 but restored by 执恢20 (not).
        zhongben_case(14, "2025-06-02", "2025-11-20"),
        zhongben_case(15, "2025-06-02", "2025-12-25"),
        zhongben_case(16, "2025-06-02", "2026-01-20"),
        zhongben_case(17, "2025-06-02", "2025-10-01"),
        CaseRecord {
            origin_case_no: Some(CaseNumber::parse(&number(17), 2026).expect("a number")),
            ..restored(20, "2026-03-02")
        },
    ];
    let mut events = vec![event(3, EventKind::OnlineInquiry, "2026-06-03")];
    for serial in [5, 6, 7, 8, 9, 10] {
        events.push(event(serial, EventKind::OnlineInquiry, "2026-03-05"));
    }
    events.push(EventRecord {
        case_no: CaseNumber::parse("（2026）湘1402执恢20号", 2026).expect("a number"),
        ..event(5, EventKind::OnlineInquiry, "2026-03-05")
    });
    events.extend(all_steps(11));
    events.extend(all_steps(12));
    events.extend(
        all_steps(13)
            .into_iter()
            .filter(|e| e.kind != EventKind::Interview),
    );
    events.push(event(15, EventKind::PostTerminationInquiry, "2026-06-10"));
    for serial in [14, 15, 16, 17] {
        events.extend(all_steps(serial));
    }
    let payments = vec![
        payment(5, PaymentKind::Received, "2026-05-01", 10_000),
        payment(5, PaymentKind::Disbursed, "2026-05-10", 4_000),
        payment(6, PaymentKind::Received, "2026-06-10", 5_000),
        payment(7, PaymentKind::Received, "2026-04-01", 3_000),
        payment(7, PaymentKind::Disbursed, "2026-04-20", 3_000),
    ];
    let mut batch = Some(Batch {
        cases: Cow::Owned(cases),
        events: Cow::Owned(events),
        parties: Cow::Owned(Vec::new()),
        payments: Cow::Owned(payments),
    });
    store
        .inner
        .write_import_batches(&[], &mut || batch.take(), &mut |_| {})
        .expect("the cases");
    store
        .inner
        .record_zhongben_finding(&shenguan_store::ZhongbenFinding {
            case_no: number(13),
            court_code: "湘1402".into(),
            compliant: true,
            reason: "约谈笔录在卷".into(),
            found_by: "审管办".into(),
            found_at: "2026-06-01T09:00:00+08:00".into(),
        })
        .expect("a finding");
    let mut add = |name: &str, role: Role, court: &str| {
        app.add_user(
            &mut store,
            NewAccount {
                name,
                role,
                court: Some(CourtCode::parse(court).expect("court")),
                division: (role == Role::Judge).then_some("执行局"),
                staff_id: None,
                password: "密码-足够长的一句话",
            },
        )
        .expect("an account")
    };
    World {
        office: add("审管办", Role::Office, "湘1402"),
        stranger: add("外院审管办", Role::Office, "湘1403"),
        judge: add("陈刚", Role::Judge, "湘1402"),
        dir,
    }
}

fn app() -> App {
    App::with_clock(Config::default(), Box::new(FixedClock(d("2026-06-30")))).expect("app")
}

fn listed(world: &World, user: &User, signal: Signal) -> Vec<(String, i64)> {
    let app = app();
    let mut store = app
        .open_store(Some(&world.dir.join("shenguan.db").display().to_string()))
        .expect("store");
    app.enforcement_signal(
        &mut store,
        user,
        Filter::default(),
        signal,
        (d("2026-01-01"), d("2026-06-30")),
    )
    .expect("the list")
    .into_iter()
    .map(|s| (s.case.case_no.to_string(), s.days))
    .collect()
}

#[test]
fn each_signal_lists_its_cases_and_not_those_short_of_its_threshold() {
    let world = world();
    assert_eq!(
        listed(&world, &world.office, Signal::NoInquiry),
        [(number(1), 10)]
    );
    assert_eq!(
        listed(&world, &world.office, Signal::Undisbursed),
        [(number(5), 60)]
    );
    assert_eq!(
        listed(&world, &world.office, Signal::OverLimit),
        [(number(8), 55)]
    );
    assert_eq!(
        listed(&world, &world.office, Signal::Requery),
        [(number(14), 41), (number(16), -20)]
    );
    // The judge does not see the 执恢 case (it has no judge yet), and 执17 is restored for them
    // all the same.
    assert_eq!(
        listed(&world, &world.judge, Signal::Requery),
        [(number(14), 41), (number(16), -20)]
    );
    // 终本 filed 2026-01-10, closed 2026-03-02: 51 days, not over three months.
    assert_eq!(
        listed(&world, &world.office, Signal::Zhongben),
        [(number(12), 51)]
    );
    for signal in Signal::ALL {
        assert!(
            listed(&world, &world.stranger, signal).is_empty(),
            "{signal:?} outside the scope"
        );
        assert_eq!(Signal::parse(signal.key()), Some(signal));
    }
    assert_eq!(Signal::parse("idle"), None);
}

#[test]
fn the_thresholds_are_the_configurations() {
    let world = world();
    let config = Config {
        inquiry_days: 11,
        disbursement_days: 61,
        ..Config::default()
    };
    let app = App::with_clock(config, Box::new(FixedClock(d("2026-06-30")))).expect("app");
    let mut store = app
        .open_store(Some(&world.dir.join("shenguan.db").display().to_string()))
        .expect("store");
    for signal in [Signal::NoInquiry, Signal::Undisbursed] {
        let found = app
            .enforcement_signal(
                &mut store,
                &world.office,
                Filter::default(),
                signal,
                (d("2026-01-01"), d("2026-06-30")),
            )
            .expect("the list");
        assert!(found.is_empty(), "{signal:?}: {found:?}");
    }
    // The details say what was found, in both languages.
    let money = app
        .enforcement_signal(
            &mut store,
            &world.office,
            Filter::default(),
            Signal::Zhongben,
            (d("2026-01-01"), d("2026-06-30")),
        )
        .expect("the list");
    assert!(
        money[0].detail.zh().contains("立案已满三个月以上"),
        "{:?}",
        money[0].detail
    );
    assert!(
        money[0].detail.en().contains("more than three months"),
        "{:?}",
        money[0].detail
    );
}
