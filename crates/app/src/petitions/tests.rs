//! The register as each user sees it, with the step each petition waits for.

use chrono::NaiveDate;
use shenguan_domain::petition::limits::{Awaited, PetitionTier};
use shenguan_domain::petition::{Channel, Petition, Petitioner, Subject};
use shenguan_domain::{CaseNumber, CaseRecord, CourtCode, EventRecord};
use shenguan_store::RecordsWrite;
use shenguan_testkit::TempDir;

use super::*;
use crate::accounts::NewAccount;
use crate::{Config, FixedClock};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

const OWN: &str = "（2026）湘1402民初1号";
const OTHERS: &str = "（2026）湘1402民初2号";
const OTHER_COURT: &str = "（2026）湘1403执3号";

fn case(number: &str, judge: &str) -> CaseRecord {
    let case_no = CaseNumber::parse(number, 2026).expect("a case number");
    let court = case_no.court().expect("a court");
    CaseRecord {
        division: Some("民一庭".into()),
        judge: Some(judge.into()),
        ..CaseRecord::filed(case_no, court, d("2026-01-05"))
    }
}

fn petition(no: &str, court: &str, day: &str, case: &str, name: &str) -> Petition {
    let mut p = Petition::received(
        CourtCode::parse(court).expect("court"),
        no,
        d(day),
        Channel::Visit,
        Subject::Judgment,
    );
    p.petitioners.push(Petitioner {
        name: name.into(),
        identity: None,
        masked: None,
    });
    p.cases
        .push(CaseNumber::parse(case, 2026).expect("a case number"));
    p
}

#[test]
fn each_user_sees_the_petitions_of_their_scope_with_what_each_waits_for() {
    let dir = TempDir::new("petition-list");
    let app =
        App::with_clock(Config::default(), Box::new(FixedClock(d("2026-11-27")))).expect("app");
    let mut store = app
        .open_store(Some(&dir.join("shenguan.db").display().to_string()))
        .expect("store");
    store
        .inner
        .write_import(
            &[
                case(OWN, "王伟"),
                case(OTHERS, "李娜"),
                case(OTHER_COURT, "周七"),
            ],
            &Vec::<EventRecord>::new(),
            &mut |_| {},
        )
        .expect("the cases");
    // 1: about 王伟's case, received 11-13, not yet accepted: due 11-28, one day left.
    // 2: the same person again on 11-24 (a repeat), due 12-09.
    // 3: about 李娜's case, received 11-01 and never accepted: due 11-16, overdue.
    // 4: 湘1403's, answered.
    let mut fourth = petition("4", "湘1403", "2026-10-01", OTHER_COURT, "赵某");
    fourth.accepted_on = Some(d("2026-10-08"));
    fourth.replied_on = Some(d("2026-10-20"));
    let register = vec![
        petition("1", "湘1402", "2026-11-13", OWN, "钱某"),
        petition("2", "湘1402", "2026-11-24", OWN, "钱某"),
        petition("3", "湘1402", "2026-11-01", OTHERS, "孙某"),
        fourth,
    ];
    store
        .inner
        .write_import_all(
            &[],
            &[],
            &mut || None,
            &RecordsWrite {
                petitions: register,
                ..RecordsWrite::default()
            },
            &mut |_| {},
        )
        .expect("the register");
    let mut add = |name: &str, role: Role, court: &str| {
        app.add_user(
            &mut store,
            NewAccount {
                name,
                role,
                court: Some(CourtCode::parse(court).expect("court")),
                division: (role == Role::Judge).then_some("民一庭"),
                staff_id: None,
                password: "密码-足够长的一句话",
            },
        )
        .expect("an account")
    };
    let office = add("审管办", Role::Office, "湘1402");
    let city = add("中院审管办", Role::Office, "湘14");
    let judge = add("王伟", Role::Judge, "湘1402");
    let numbers = |listed: &[ListedPetition]| {
        listed
            .iter()
            .map(|p| p.petition.register_no.clone())
            .collect::<Vec<_>>()
    };
    let all = PetitionFilter::default();
    let own = app.petitions(&mut store, &office, &all).expect("list");
    assert_eq!(numbers(&own), vec!["3", "1", "2"]);
    assert_eq!(
        numbers(&app.petitions(&mut store, &city, &all).expect("list")),
        vec!["4", "3", "1", "2"]
    );
    assert_eq!(
        numbers(&app.petitions(&mut store, &judge, &all).expect("list")),
        vec!["1", "2"]
    );
    let first = &own[1];
    assert_eq!(
        first.due.map(|d| (d.awaited, d.on)),
        Some((Awaited::Acceptance, d("2026-11-28")))
    );
    assert_eq!(first.tier, Some(PetitionTier::Within3Days));
    // The repeat, received 11-24, is due 12-09: twelve days left, not urgent yet.
    assert_eq!(own[2].due.map(|d| d.on), Some(d("2026-12-09")));
    assert_eq!(own[2].tier, None);
    assert!(!first.repeat && own[2].repeat);
    assert_eq!(own[0].tier, Some(PetitionTier::Overdue));
    let overdue = PetitionFilter {
        overdue: true,
        ..PetitionFilter::default()
    };
    assert_eq!(
        numbers(&app.petitions(&mut store, &office, &overdue).expect("list")),
        vec!["3"]
    );
    // An answered petition waits for nothing.
    let answered = app.petitions(&mut store, &city, &all).expect("list");
    assert_eq!((answered[0].due, answered[0].tier), (None, None));
}

/// The register of the "done when": imported from files (cases, register, the high
/// court's notice) and read back through every figure the office reports, each against a value
/// worked by hand, and the city's place on the notice with a tie.
///
/// The first half of 2026, clock on 11-27:
/// - P1–P3: 王某 (one identity number) about 湘1402执1: P1 a visit on 01-10, accepted as 访 on
///   01-12, answered 01-30; P2 a letter on 02-15 that went to the province, accepted and answered
///   by 03-10 (a repeat); P3 a group visit of six on 04-20 that went to Beijing, never accepted
///   (a repeat, the matter's third: in the backlog from that day; its acceptance, due in five
///   working days as an enforcement petition, is overdue).
/// - P4: 李某 about 湘1402民初1, a visit on 03-01 screened as 诉 and routed to appeal.
/// - P5: 赵某 online on 03-05 about conduct, accepted as 访 on 03-06 and answered 03-20.
/// - P6–P7: 孙某 about 湘14执1, to 湘14: P6 a visit on 02-01 that went to the province, accepted
///   on 02-02, ended by law on 03-15; P7 on 05-01, after the ending: not counted, not awaited.
///
/// Cases closed in the half-year: the three cases above and 湘1402民初2 — four.
#[test]
fn a_register_with_every_situation_gives_every_figure_and_the_place_worked_by_hand() {
    use shenguan_domain::petition::ranking::Reached;
    use shenguan_metrics::catalogue::IndicatorCode as I;
    use shenguan_metrics::{Dimension, Filter};

    let dir = TempDir::new("register-by-hand");
    let app =
        App::with_clock(Config::default(), Box::new(FixedClock(d("2026-11-27")))).expect("app");
    let db = dir.join("shenguan.db");
    let write = |name: &str, text: &str| {
        let path = dir.join(name);
        std::fs::write(&path, text).expect("written");
        path
    };
    let files = vec![
        write(
            "cases.csv",
            "案号,立案日期,结案日期,结案方式\n\
             （2025）湘1402执1号,2025-06-01,2026-02-01,执行完毕\n\
             （2025）湘1402民初1号,2025-12-01,2026-02-20,判决\n\
             （2025）湘14执1号,2025-10-01,2026-01-20,执行完毕\n\
             （2026）湘1402民初2号,2026-01-05,2026-05-01,判决\n",
        ),
        write(
            "信访登记.csv",
            "登记号,法院代字,登记日期,来源,信访人,证件号码,人数,涉及案号,事项类别,信访层级,诉访分离,导入程序,导入案号,受理日期,答复日期,办理结果,终结日期,终结批准机关\n\
             P1,湘1402,2026-01-10,来访,王某,43010219800101109X,1,（2025）湘1402执1号,执行,来院,访,,,2026-01-12,2026-01-30,解释,,\n\
             P2,湘1402,2026-02-15,来信,王某,43010219800101109X,1,（2025）湘1402执1号,执行,赴省,访,,,2026-02-16,2026-03-10,解释,,\n\
             P3,湘1402,2026-04-20,来访,王某,43010219800101109X,6,（2025）湘1402执1号,执行,赴京,,,,,,,,\n\
             P4,湘1402,2026-03-01,来访,李某,,1,（2025）湘1402民初1号,不服裁判,来院,诉,上诉,（2026）湘14民终1号,2026-03-01,,,,\n\
             P5,湘1402,2026-03-05,网上信访,赵某,110101199003070011,1,,审判作风,来院,访,,,2026-03-06,2026-03-20,不予支持,,\n\
             P6,湘14,2026-02-01,来访,孙某,430102199002021235,1,（2025）湘14执1号,执行,赴省,访,,,2026-02-02,,,2026-03-15,湖南省高级人民法院\n\
             P7,湘14,2026-05-01,来访,孙某,430102199002021235,1,（2025）湘14执1号,执行,来院,,,,,,,,\n",
        ),
        // The city (湘14) has 2 to the province and 1 to Beijing, as its register does; 株洲 ties
        // it on the province count.
        write(
            "省法院信访通报.csv",
            "通报期间起,通报期间止,地区,法院代字,赴省信访,赴京信访,赴巡回法庭信访\n\
             2026-01-01,2026-06-30,长沙,,3,0,0\n\
             2026-01-01,2026-06-30,清河,湘14,2,1,0\n\
             2026-01-01,2026-06-30,株洲,,2,0,1\n\
             2026-01-01,2026-06-30,湘潭,,5,2,0\n\
             2026-01-01,2026-06-30,岳阳,,1,0,0\n",
        ),
    ];
    let mut store = app
        .open_store(Some(&db.display().to_string()))
        .expect("store");
    let outcome = app
        .import(
            &mut store,
            &crate::imports::ImportRequest {
                files,
                ..crate::imports::ImportRequest::default()
            },
            &mut |_| {},
        )
        .expect("the import runs");
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);

    // Every figure of the family, for the network, against the hand.
    let cases = app.columns(&mut store, &mut |_| {}).expect("columns");
    let hand: Vec<(I, f64)> = vec![
        // P1–P6 (P7 after its matter's ending).
        (I::Petitions, 6.0),
        // P3 six, the others one.
        (I::PetitionPersons, 11.0),
        // P1, P3, P4, P6; P3 a group (six ≥ five).
        (I::PetitionVisits, 4.0),
        (I::GroupVisits, 1.0),
        // P2 and P6; P3; none.
        (I::PetitionsToProvince, 2.0),
        (I::PetitionsToBeijing, 1.0),
        (I::PetitionsToCircuit, 0.0),
        // P2 and P3 repeat P1: 2 ÷ 6.
        (I::RepeatPetitionRate, 200.0 / 6.0),
        // Screened P1, P2, P4, P5, P6; routed P4: 1 ÷ 5.
        (I::LitigationRoutedRate, 20.0),
        // P1, P2, P3, P6; concluded by 06-30: P1, P2 (answered), P6 (ended): 3 ÷ 4.
        (I::EnforcementPetitions, 4.0),
        (I::EnforcementPetitionsConcluded, 3.0),
        (I::EnforcementPetitionCompletionRate, 75.0),
        // Matters begun: 王's, 李's, 赵's, 孙's; 王's brought again on 02-15 (孙's P7 came after
        // the ending).
        (I::PetitionsBecameOld, 1.0),
        // At 06-30: 王's (brought three times, not resolved).
        (I::PetitionBacklog, 1.0),
        // Worked in the half-year: 王's; resolved: none.
        (I::BacklogResolutionRate, 0.0),
        // Six petitions per four cases closed, per 100.
        (I::PetitionCaseRatio, 150.0),
    ];
    let request = crate::metrics::MetricsRequest {
        from: d("2026-01-01"),
        to: d("2026-06-30"),
        group_by: Vec::new(),
        filter: Filter::default(),
        indicators: hand.iter().map(|(code, _)| code.indicator()).collect(),
        compare: Vec::new(),
        definitions: Default::default(),
    };
    let report = app.metrics(&cases, &request).expect("figures");
    let values = &report.result.rows[0].values;
    let wrong: Vec<String> = hand
        .iter()
        .zip(values)
        .filter(|((_, want), got)| got.is_none_or(|got| (got - want).abs() > 1e-9))
        .map(|((code, want), got)| format!("{}: {got:?}, by hand {want}", code.key()))
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
    // By court: 湘14 has P6 alone (its P7 not counted).
    let by_court = app
        .metrics(
            &cases,
            &crate::metrics::MetricsRequest {
                group_by: vec![Dimension::Court],
                indicators: vec![I::Petitions.indicator()],
                ..request.clone()
            },
        )
        .expect("figures");
    let counts: Vec<(String, Option<f64>)> = by_court
        .result
        .rows
        .iter()
        .map(|r| (r.group[0].1.clone(), r.values[0]))
        .collect();
    assert_eq!(
        counts,
        vec![
            ("湘14".to_string(), Some(1.0)),
            ("湘1402".to_string(), Some(5.0))
        ]
    );

    // The list: only P3 is late (P7 awaits nothing after the ending).
    let mut add = |name: &str| {
        app.add_user(
            &mut store,
            NewAccount {
                name,
                role: Role::Office,
                court: Some(CourtCode::parse("湘14").expect("court")),
                division: None,
                staff_id: None,
                password: "密码-足够长的一句话",
            },
        )
        .expect("an account")
    };
    let city = add("中院审管办");
    let late: Vec<String> = app
        .petitions(
            &mut store,
            &city,
            &PetitionFilter {
                overdue: true,
                ..PetitionFilter::default()
            },
        )
        .expect("list")
        .into_iter()
        .map(|p| p.petition.register_no)
        .collect();
    assert_eq!(late, vec!["P3".to_string()]);

    // The place: 3rd on the province count, tied with 株洲 (5, 3, 2, 2, 1); to leave the first
    // three it must fall below 株洲's 2 — one fewer; 2nd on Beijing (2, 1, 0, 0, 0) and on the
    // circuit courts (1, then four cities with none: 2nd shared by four), the others too few to
    // leave the first three. The register agrees with the notice on each.
    let city_court = CourtCode::parse("湘14").expect("court");
    let standing = app
        .petition_standing(&mut store, city_court, None, 3)
        .expect("the standing");
    let places: Vec<(Reached, usize, usize, Option<u32>, i64)> = standing
        .places
        .iter()
        .map(|(reached, place, own)| (*reached, place.rank, place.shared_by, place.to_leave, *own))
        .collect();
    assert_eq!(
        places,
        vec![
            (Reached::Province, 3, 2, Some(1), 2),
            (Reached::Beijing, 2, 1, None, 1),
            (Reached::Circuit, 2, 4, None, 0),
        ]
    );
}
