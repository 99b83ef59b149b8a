use chrono::NaiveDate;
use shenguan_domain::CourtCode;
use shenguan_testkit::TempDir;

use super::*;
use crate::accounts::NewAccount;
use crate::allocation::assign::Filing;
use crate::allocation::rules_file;
use crate::{Config, FixedClock};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn app_on(day: &str) -> App {
    App::with_clock(Config::default(), Box::new(FixedClock(d(day)))).expect("app")
}

fn filing(case_no: &str, day: &str) -> Filing {
    Filing {
        case_no: case_no.into(),
        facts: shenguan_domain::allocation::diversion::Facts {
            case_type: "民初".into(),
            cause: None,
            amount: None,
            parties: 2,
            announcement: false,
            foreign: false,
            series: false,
            max_sentence_months: None,
            guilty_plea: false,
            filed_on: d(day),
        },
        parties: Vec::new(),
        origin: None,
        seed: None,
    }
}

fn user(app: &App, store: &mut Store, name: &str, role: Role, court: &str) -> User {
    app.add_user(
        store,
        NewAccount {
            name,
            role,
            court: Some(CourtCode::parse(court).expect("court")),
            division: None,
            staff_id: None,
            password: "long enough password",
        },
    )
    .expect("an account");
    app.active_user(store, name)
        .expect("read")
        .expect("the user")
}

#[test]
fn a_days_log_holds_that_days_entries_of_the_readers_courts_and_no_judge_reads_it() {
    let dir = TempDir::new("allocation-day-log");
    let url = dir.join("log.db").display().to_string();
    let first = app_on("2026-03-01");
    let mut store = first.open_store(Some(&url)).expect("store");
    let office = user(&first, &mut store, "湘1402立案庭", Role::Office, "湘1402");
    let other = user(&first, &mut store, "湘1403立案庭", Role::Office, "湘1403");
    let judge = user(&first, &mut store, "法官", Role::Judge, "湘1402");
    let rules = rules_file::load(None).expect("the shipped rules");
    for (by, case_no) in [
        (&office, "（2026）湘1402民初1号"),
        (&other, "（2026）湘1403民初1号"),
    ] {
        first
            .allocate_case(&mut store, by, &rules, &filing(case_no, "2026-03-01"), None)
            .expect("allocated");
    }
    drop(store);
    let second = app_on("2026-03-02");
    let mut store = second.open_store(Some(&url)).expect("store");
    second
        .allocate_case(
            &mut store,
            &office,
            &rules,
            &filing("（2026）湘1402民初2号", "2026-03-02"),
            None,
        )
        .expect("allocated");

    let day = |user: &User, on: &str, store: &mut Store| -> Vec<(u64, String, String)> {
        second
            .allocation_log_of_day(store, user, d(on))
            .expect("the log")
            .into_iter()
            .map(|e| (e.seq, e.kind, e.case_no))
            .collect()
    };
    let one = "（2026）湘1402民初1号".to_string();
    assert_eq!(
        day(&office, "2026-03-01", &mut store),
        [
            (1, "track".to_string(), one.clone()),
            (2, "draw".to_string(), one)
        ]
    );
    let two = day(&office, "2026-03-02", &mut store);
    assert_eq!(
        two.iter().map(|(seq, _, _)| *seq).collect::<Vec<_>>(),
        [5, 6]
    );
    assert_eq!(
        day(&other, "2026-03-01", &mut store)
            .iter()
            .map(|(seq, _, _)| *seq)
            .collect::<Vec<_>>(),
        [3, 4]
    );
    assert!(day(&office, "2026-03-03", &mut store).is_empty());
    assert!(matches!(
        second.allocation_log_of_day(&mut store, &judge, d("2026-03-01")),
        Err(AppError::Forbidden(_))
    ));
}
