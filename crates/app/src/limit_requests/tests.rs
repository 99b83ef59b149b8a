use super::*;

use shenguan_domain::{CaseNumber, CourtCode, EventRecord, Procedure};
use shenguan_testkit::TempDir;

use crate::accounts::NewAccount;
use crate::{Config, FixedClock};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// A civil first instance under ordinary procedure filed on 2026-03-02: its limit runs out six
/// months on, on Wednesday 2026-09-02.
fn case(number: &str, judge: &str) -> CaseRecord {
    let case_no = CaseNumber::parse(number, 2026).expect("a case number");
    let court = case_no.court().expect("a current court code");
    CaseRecord {
        division: Some("民一庭".into()),
        judge: Some(judge.into()),
        procedure: Some(Procedure::Ordinary),
        ..CaseRecord::filed(case_no, court, d("2026-03-02"))
    }
}

const A: &str = "（2026）湘1402民初1号";
const B: &str = "（2026）湘1402民初2号";
const OTHER_COURT: &str = "（2026）湘1403民初3号";

struct World {
    dir: TempDir,
    judge: User,
    other_judge: User,
    leader: User,
    city_leader: User,
    office: User,
}

impl World {
    fn new() -> World {
        let dir = TempDir::new("limit-requests");
        let app = app_on("2026-08-01");
        let mut store = open(&app, &dir);
        store
            .inner
            .write_import(
                &[case(A, "王伟"), case(B, "王伟"), case(OTHER_COURT, "周七")],
                &Vec::<EventRecord>::new(),
                &mut |_| {},
            )
            .expect("the cases");
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
        World {
            judge: add("王伟", Role::Judge, "湘1402"),
            other_judge: add("周七", Role::Judge, "湘1403"),
            leader: add("院长", Role::Leader, "湘1402"),
            city_leader: add("中院院长", Role::Leader, "湘14"),
            office: add("审管办", Role::Office, "湘1402"),
            dir,
        }
    }

    fn at(&self, today: &str) -> (App, Store) {
        let app = app_on(today);
        let store = open(&app, &self.dir);
        (app, store)
    }
}

fn app_on(today: &str) -> App {
    App::with_clock(Config::default(), Box::new(FixedClock(d(today)))).expect("app")
}

fn open(app: &App, dir: &TempDir) -> Store {
    app.open_store(Some(&dir.join("shenguan.db").display().to_string()))
        .expect("store")
}

fn months(n: u32) -> Change {
    Change::Extension {
        length: Period::Months(n),
    }
}

fn deadline_of(app: &App, store: &mut Store, number: &str) -> NaiveDate {
    let (record, _) = store.inner.case(number).expect("read").expect("the case");
    app.case_deadline(&record).expect("a deadline")
}

fn audited(store: &mut Store) -> Vec<String> {
    store
        .inner
        .audit_entries(100)
        .expect("the log")
        .into_iter()
        .rev()
        .filter(|e| e.action.starts_with("limit."))
        .map(|e| format!("{} {}", e.action, e.user.unwrap_or_default()))
        .collect()
}

#[test]
fn the_president_approves_a_first_extension_the_court_above_a_second_and_the_deadline_moves() {
    let world = World::new();
    let (app, mut store) = world.at("2026-08-01");
    assert_eq!(deadline_of(&app, &mut store, A), d("2026-09-02"));
    let asked = app
        .apply_for_limit_change(
            &mut store,
            &world.judge,
            A,
            months(6),
            "需委托鉴定，案情复杂",
        )
        .expect("applied");
    assert_eq!(asked.approver, Approver::President);
    assert_eq!(asked.state, State::Pending);
    assert!(!asked.row.late);
    assert_eq!(asked.row.deadline_then, d("2026-09-02"));
    // The court above does not decide a first extension; the court's president does.
    let (app, mut store) = world.at("2026-08-10");
    let refused = app.decide_limit_request(&mut store, &world.city_leader, asked.row.id, true, "");
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    let decided = app
        .decide_limit_request(&mut store, &world.leader, asked.row.id, true, "")
        .expect("approved");
    assert_eq!(decided.state, State::Approved);
    assert_eq!(decided.row.decided_late, Some(false));
    // The approval is the case's extension now: six calendar months on, 2027-03-02.
    assert_eq!(deadline_of(&app, &mut store, A), d("2027-03-02"));
    let (record, _) = store.inner.case(A).expect("read").expect("case");
    assert_eq!(record.extensions.len(), 1);
    assert_eq!(record.extensions[0].approved_on, Some(d("2026-08-10")));
    assert_eq!(record.extensions[0].approver, Some(Approver::President));
    // Deciding again is refused: it is decided.
    let again = app.decide_limit_request(&mut store, &world.leader, asked.row.id, false, "x");
    assert!(matches!(again, Err(AppError::Conflict(_))), "{again:?}");

    // A further extension goes to the court above.
    let (app, mut store) = world.at("2027-02-01");
    let second = app
        .apply_for_limit_change(&mut store, &world.judge, A, months(3), "仍在鉴定")
        .expect("applied");
    assert_eq!(second.approver, Approver::HigherCourt);
    let refused = app.decide_limit_request(&mut store, &world.leader, second.row.id, true, "");
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    app.decide_limit_request(&mut store, &world.city_leader, second.row.id, true, "同意")
        .expect("approved by the court above");
    assert_eq!(deadline_of(&app, &mut store, A), d("2027-06-02"));
    assert_eq!(
        audited(&mut store),
        [
            "limit.apply 王伟",
            "limit.approve 院长",
            "limit.apply 王伟",
            "limit.approve 中院院长"
        ]
    );
}

#[test]
fn a_late_application_is_flagged_one_after_expiry_refused_and_one_at_a_time() {
    let world = World::new();
    // 2026-08-25 is within 15 days of 2026-09-02.
    let (app, mut store) = world.at("2026-08-25");
    let late = app
        .apply_for_limit_change(&mut store, &world.judge, A, months(6), "理由")
        .expect("taken");
    assert!(late.row.late);
    let twice = app.apply_for_limit_change(&mut store, &world.judge, A, months(1), "理由");
    assert!(matches!(twice, Err(AppError::Conflict(_))), "{twice:?}");
    // Decided within the last five days: flagged.
    let (app, mut store) = world.at("2026-08-31");
    let decided = app
        .decide_limit_request(&mut store, &world.leader, late.row.id, false, "理由不足")
        .expect("refused");
    assert_eq!(decided.state, State::Refused);
    assert_eq!(decided.row.decided_late, Some(true));
    // A refusal changes nothing of the case.
    assert_eq!(deadline_of(&app, &mut store, A), d("2026-09-02"));
    let (app, mut store) = world.at("2026-09-03");
    let expired = app.apply_for_limit_change(&mut store, &world.judge, B, months(6), "理由");
    assert!(matches!(expired, Err(AppError::Invalid(_))), "{expired:?}");
    assert!(
        store
            .inner
            .limit_requests(&LimitRequestQuery::default())
            .expect("list")
            .len()
            == 1
    );
}

#[test]
fn an_approved_exclusion_adds_its_days_and_a_refusal_needs_its_reason() {
    let world = World::new();
    let (app, mut store) = world.at("2026-08-01");
    let change = change_of(
        "exclusion",
        None,
        Some("公告"),
        Some(d("2026-04-01")),
        Some(d("2026-05-30")),
    )
    .expect("a change");
    let asked = app
        .apply_for_limit_change(&mut store, &world.judge, B, change, "公告送达")
        .expect("applied");
    assert_eq!(asked.approver, Approver::President);
    let no_reason = app.decide_limit_request(&mut store, &world.leader, asked.row.id, false, " ");
    assert!(
        matches!(no_reason, Err(AppError::Invalid(_))),
        "{no_reason:?}"
    );
    app.decide_limit_request(&mut store, &world.leader, asked.row.id, true, "")
        .expect("approved");
    // 60 days (both ends counted) on 2026-09-02: 2026-11-01, a Sunday, so Monday 11-02.
    assert_eq!(deadline_of(&app, &mut store, B), d("2026-11-02"));
    let (record, _) = store.inner.case(B).expect("read").expect("case");
    assert_eq!(record.excluded_days(), 60);
}

#[test]
fn only_the_handling_judge_applies_and_each_sees_what_is_theirs() {
    let world = World::new();
    let (app, mut store) = world.at("2026-08-01");
    let office = app.apply_for_limit_change(&mut store, &world.office, A, months(6), "理由");
    assert!(matches!(office, Err(AppError::Forbidden(_))), "{office:?}");
    let stranger = app.apply_for_limit_change(&mut store, &world.other_judge, A, months(6), "理由");
    assert!(
        matches!(stranger, Err(AppError::NotFound(_))),
        "{stranger:?}"
    );
    let asked = app
        .apply_for_limit_change(&mut store, &world.judge, A, months(6), "理由")
        .expect("applied");
    for (who, count) in [
        (&world.judge, 1),
        (&world.leader, 1),
        (&world.office, 1),
        (&world.city_leader, 1),
        (&world.other_judge, 0),
    ] {
        let seen = app
            .limit_requests(&mut store, who, None, None)
            .expect("listed");
        assert_eq!(seen.len(), count, "{}", who.name);
    }
    let hidden = app.limit_request(&mut store, &world.other_judge, asked.row.id);
    assert!(matches!(hidden, Err(AppError::NotFound(_))), "{hidden:?}");
    let bad = [
        change_of("extension", Some("六个月"), None, None, None),
        change_of("extension", None, None, None, None),
        change_of(
            "exclusion",
            None,
            Some("出差"),
            Some(d("2026-04-01")),
            Some(d("2026-04-02")),
        ),
        change_of("exclusion", None, Some("公告"), None, Some(d("2026-04-02"))),
        change_of("shorten", None, None, None, None),
    ];
    for refused in bad {
        assert!(matches!(refused, Err(AppError::Invalid(_))), "{refused:?}");
    }
}

#[test]
fn the_judge_is_reminded_of_applications_due_until_one_is_made() {
    let world = World::new();
    // 2026-08-10: A and B run out on 09-02; applications are due by 08-18, within ten days.
    let (app, mut store) = world.at("2026-08-10");
    let due = app.applications_due(&mut store, &world.judge).expect("due");
    let numbers: Vec<String> = due.iter().map(|d| d.case.case_no.to_string()).collect();
    assert_eq!(numbers, [A, B]);
    assert_eq!(due[0].due_by, d("2026-08-18"));
    app.apply_for_limit_change(&mut store, &world.judge, A, months(6), "理由")
        .expect("applied");
    let due = app.applications_due(&mut store, &world.judge).expect("due");
    assert_eq!(due.len(), 1);
    assert!(
        app.applications_due(&mut store, &world.leader)
            .expect("none")
            .is_empty()
    );
    // A month earlier nothing is due yet.
    let (app, mut store) = world.at("2026-07-10");
    assert!(
        app.applications_due(&mut store, &world.judge)
            .expect("none")
            .is_empty()
    );
}
