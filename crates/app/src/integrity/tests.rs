use super::*;

use chrono::Days;
use shenguan_domain::integrity::{Evidence, Kind};
use shenguan_domain::{CaseNumber, CaseParties, ClosingMethod, CourtCode, EventRecord, Party};
use shenguan_testkit::TempDir;

use crate::accounts::{NewAccount, Role};
use crate::{Config, FixedClock};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn app() -> App {
    App::with_clock(Config::default(), Box::new(FixedClock(d("2025-03-31")))).expect("app")
}

fn party(role: &str, name: String) -> Party {
    Party {
        role: PartyRole::parse(role).expect("role"),
        kind: None,
        name,
        identity: None,
        id_masked: None,
        agent: None,
        address: None,
    }
}

/// A 民初 case with its parties.
fn case(
    code: &str,
    n: u32,
    filed: NaiveDate,
    closed: Option<(NaiveDate, &str)>,
    parties: (String, String),
) -> (CaseRecord, CaseParties) {
    let number = CaseNumber::parse(&format!("（{}）{code}民初{n}号", filed.format("%Y")), 2025)
        .expect("number");
    let court = number.court().expect("court");
    let record = CaseRecord {
        cause: Some("民间借贷纠纷".into()),
        procedure: Some(shenguan_domain::Procedure::Simple),
        closed_on: closed.map(|(c, _)| c),
        closing_method: closed.and_then(|(_, m)| ClosingMethod::parse(m)),
        ..CaseRecord::filed(number.clone(), court, filed)
    };
    let parties = CaseParties {
        case_no: number,
        parties: vec![party("原告", parties.0), party("被告", parties.1)],
    };
    (record, parties)
}

/// Three basic courts with a judgment every fourth day of 2024; 湘1402 also has eight
/// withdrawals refiled by the same parties weeks later, and one of 湘1403's cases was suspended.
fn store(dir: &TempDir, app: &App) -> Store {
    let mut store = app
        .open_store(Some(&dir.join("i.db").display().to_string()))
        .expect("store");
    let (mut cases, mut parties) = (Vec::new(), Vec::new());
    for code in ["湘1402", "湘1403", "湘1404"] {
        let mut day = d("2024-02-01");
        let mut n = 1;
        while day <= d("2024-12-31") {
            let (c, p) = case(
                code,
                n,
                day - Days::new(30),
                Some((day, "判决")),
                (format!("{code}原告{n}"), format!("{code}被告{n}")),
            );
            cases.push(c);
            parties.push(p);
            n += 1;
            day = day + Days::new(4);
        }
    }
    // The peers withdraw too, and their parties do not come back.
    for code in ["湘1403", "湘1404"] {
        for k in 0..8u32 {
            let who = (format!("{code}王{k}"), format!("{code}赵{k}"));
            let closed = d("2024-05-01") + Days::new(u64::from(k) * 20);
            let (c, p) = case(code, 500 + k, d("2024-03-01"), Some((closed, "撤诉")), who);
            cases.push(c);
            parties.push(p);
        }
    }
    for k in 0..8u32 {
        let who = (format!("张{k}"), format!("李{k}"));
        let closed = d("2024-05-01") + Days::new(u64::from(k) * 20);
        let (c, p) = case(
            "湘1402",
            500 + k,
            d("2024-03-01"),
            Some((closed, "撤诉")),
            who.clone(),
        );
        cases.push(c);
        parties.push(p);
        let (c, p) = case("湘1402", 600 + k, closed + Days::new(15), None, who);
        cases.push(c);
        parties.push(p);
    }
    let suspended = EventRecord {
        case_no: cases
            .iter()
            .find(|c| c.court == CourtCode::parse("湘1403").expect("court"))
            .expect("a case of 湘1403")
            .case_no
            .clone(),
        date: d("2024-01-15"),
        kind: EventKind::Suspended,
        detail: String::new(),
    };
    store
        .inner
        .write_batch(shenguan_store::Batch::owned(
            cases,
            vec![suspended],
            parties,
        ))
        .expect("the cases");
    store
}

#[test]
fn withdrawals_refiled_by_the_same_parties_are_found_from_the_store_and_held_to_the_reader() {
    let dir = TempDir::new("integrity");
    let app = app();
    let mut store = store(&dir, &app);
    let facts = app.integrity_facts(&mut store).expect("the facts");
    let suspended: Vec<&Facts> = facts.iter().filter(|f| f.stopped).collect();
    assert_eq!(suspended.len(), 1, "the suspension is read from the events");
    assert!(
        facts
            .iter()
            .all(|f| f.claimants.len() == 1 && f.respondents.len() == 1),
        "every case's parties are read"
    );

    let found = app
        .integrity_signals(&mut store, None, None, d("2024-01-01"), d("2024-12-31"))
        .expect("the signals");
    let refiled: Vec<&Signal> = found
        .signals
        .iter()
        .filter(|s| s.kind == Kind::WithdrawRefile)
        .collect();
    assert_eq!(refiled.len(), 1, "{:#?}", found.signals);
    assert_eq!(refiled[0].court.to_string(), "湘1402");
    assert_eq!(refiled[0].evidence, Evidence::Strong);
    let mut pairs: Vec<(String, String)> = refiled[0]
        .cases
        .iter()
        .map(|c| (c.case_no.clone(), c.related.clone().unwrap_or_default()))
        .collect();
    pairs.sort();
    assert_eq!(pairs.len(), 8);
    assert_eq!(
        pairs[0],
        (
            "（2024）湘1402民初500号".to_string(),
            "（2024）湘1402民初600号".to_string()
        )
    );

    // Held to 湘1403, the office sees no other court's signal; a judge sees none at all.
    let office = app
        .add_user(
            &mut store,
            NewAccount {
                name: "审管办1403",
                role: Role::Office,
                court: Some(CourtCode::parse("湘1403").expect("court")),
                division: None,
                staff_id: None,
                password: "密码-足够长的一句话",
            },
        )
        .expect("an account");
    let theirs = app
        .integrity_signals(
            &mut store,
            Some(&office),
            None,
            d("2024-01-01"),
            d("2024-12-31"),
        )
        .expect("their signals");
    assert!(
        theirs
            .signals
            .iter()
            .all(|s| s.court.to_string() == "湘1403"),
        "{:#?}",
        theirs.signals
    );
    let judge = app
        .add_user(
            &mut store,
            NewAccount {
                name: "法官",
                role: Role::Judge,
                court: Some(CourtCode::parse("湘1402").expect("court")),
                division: Some("民一庭"),
                staff_id: None,
                password: "密码-足够长的一句话",
            },
        )
        .expect("an account");
    let refused = app.integrity_signals(
        &mut store,
        Some(&judge),
        None,
        d("2024-01-01"),
        d("2024-12-31"),
    );
    assert!(matches!(refused, Err(AppError::Forbidden(_))));
    let backwards = app.integrity_signals(&mut store, None, None, d("2024-12-31"), d("2024-01-01"));
    assert!(matches!(backwards, Err(AppError::Invalid(_))));
}

/// A 终本 closing of the store with its notice, report order, restriction and online inquiry
/// but no on-site investigation and no interview: the facts carry the two conditions it fails;
/// one with every step passes, and one with every step that a reviewer found wanting carries
/// the review.
#[test]
fn a_zhongben_closings_checklist_is_read_from_its_steps_and_a_review() {
    let dir = TempDir::new("integrity-checklist");
    let app = app();
    let mut store = app
        .open_store(Some(&dir.join("c.db").display().to_string()))
        .expect("store");
    let filed = d("2024-01-10");
    let closed = d("2024-08-01");
    let zhongben = |n: u32| {
        let number = CaseNumber::parse(&format!("（2024）湘1402执{n}号"), 2025).expect("number");
        CaseRecord {
            closed_on: Some(closed),
            closing_method: ClosingMethod::parse("终结本次执行"),
            ..CaseRecord::filed(number.clone(), number.court().expect("court"), filed)
        }
    };
    let cases = vec![zhongben(1), zhongben(2), zhongben(3)];
    let step = |n: usize, kind: EventKind| EventRecord {
        case_no: cases[n].case_no.clone(),
        date: d("2024-03-01"),
        kind,
        detail: String::new(),
    };
    let mut events = Vec::new();
    for n in 0..3 {
        for kind in [
            EventKind::EnforcementNotice,
            EventKind::PropertyReportOrder,
            EventKind::ConsumptionLimit,
            EventKind::OnlineInquiry,
        ] {
            events.push(step(n, kind));
        }
    }
    for n in [1, 2] {
        events.push(step(n, EventKind::SiteInvestigation));
        events.push(step(n, EventKind::Interview));
    }
    store
        .inner
        .write_batch(shenguan_store::Batch::owned(cases, events, Vec::new()))
        .expect("the cases");
    store
        .inner
        .record_zhongben_finding(&shenguan_store::ZhongbenFinding {
            case_no: "（2024）湘1402执3号".into(),
            court_code: "湘1402".into(),
            compliant: false,
            reason: "约谈笔录未附卷".into(),
            found_by: "office".into(),
            found_at: "2024-09-01 10:00:00".into(),
        })
        .expect("the review");
    let facts = app.integrity_facts(&mut store).expect("facts");
    let unmet = |n: u32| {
        facts
            .iter()
            .find(|f| f.case_no == format!("（2024）湘1402执{n}号"))
            .expect("the case")
            .unmet
    };
    assert_eq!(unmet(1), (1 << 2) | (1 << 4));
    assert_eq!(unmet(2), 0);
    // Every step recorded, but a reviewer found it wanting: the review overrides the steps.
    assert_eq!(unmet(3), REVIEWED_UNMET);
}

/// Two judges of 湘1402 named 李明 are told apart by their staff numbers; a judge whose name is
/// hers alone keeps the name; a blank name is no judge.
#[test]
fn judges_sharing_a_name_are_told_apart_by_their_numbers() {
    let dir = TempDir::new("integrity-judges");
    let app = app();
    let mut store = app
        .open_store(Some(&dir.join("j.db").display().to_string()))
        .expect("store");
    let judged = |n: u32, name: &str, id: Option<&str>| {
        let (mut record, _) = case(
            "湘1402",
            n,
            d("2024-03-01"),
            Some((d("2024-05-01"), "判决")),
            (format!("原告{n}"), format!("被告{n}")),
        );
        record.judge = Some(name.to_string());
        record.judge_id = id.map(|i| shenguan_domain::StaffId::parse(i).expect("number"));
        record
    };
    let cases = vec![
        judged(1, "李明", Some("1402001")),
        judged(2, "李明", Some("1402002")),
        judged(3, " 王芳 ", Some("1402003")),
        judged(4, "  ", None),
        judged(5, "赵军（审判员）", None),
    ];
    store
        .inner
        .write_batch(shenguan_store::Batch::owned(cases, Vec::new(), Vec::new()))
        .expect("the cases");
    let facts = app.integrity_facts(&mut store).expect("facts");
    let judge = |n: u32| {
        facts
            .iter()
            .find(|f| f.case_no == format!("（2024）湘1402民初{n}号"))
            .expect("the case")
            .judge
            .clone()
    };
    assert_eq!(judge(1).as_deref(), Some("李明（1402001）"));
    assert_eq!(judge(2).as_deref(), Some("李明（1402002）"));
    assert_eq!(judge(3).as_deref(), Some("王芳"));
    assert_eq!(judge(4), None);
    assert_eq!(judge(5).as_deref(), Some("赵军（审判员）"));
}
