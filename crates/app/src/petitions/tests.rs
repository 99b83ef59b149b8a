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
