use super::*;

use shenguan_domain::{CaseNumber, CourtCode, EventRecord};
use shenguan_testkit::TempDir;

use crate::accounts::NewAccount;
use crate::{Config, FixedClock};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

const CIVIL: &str = "（2026）湘1402民初1号";
const ADMINISTRATIVE: &str = "（2026）湘1402行初2号";
const CRIMINAL: &str = "（2026）湘1402刑初3号";
const OTHER_DIVISION: &str = "（2026）湘1402民初4号";
const APPEAL: &str = "（2026）湘14民终5号";
const CLOSED: &str = "（2026）湘1402民初6号";
const ENFORCEMENT: &str = "（2026）湘1402执7号";

fn case(number: &str, division: &str, judge: &str) -> CaseRecord {
    let case_no = CaseNumber::parse(number, 2026).expect("a case number");
    let court = case_no.court().expect("a current court code");
    CaseRecord {
        division: Some(division.into()),
        judge: Some(judge.into()),
        procedure: None,
        ..CaseRecord::filed(case_no, court, d("2026-01-05"))
    }
}

struct World {
    dir: TempDir,
    office: User,
    judge: User,
    other_head: User,
    admin: User,
    server: User,
    president: User,
}

impl World {
    fn new() -> World {
        let dir = TempDir::new("service");
        let app = app_at("2026-03-02");
        let mut store = open(&app, &dir);
        let appeal = CaseRecord {
            origin_case_no: Some(CaseNumber::parse(CIVIL, 2026).expect("number")),
            ..case(APPEAL, "民一庭", "孙八")
        };
        let cases = [
            case(CIVIL, "民一庭", "王伟"),
            case(ADMINISTRATIVE, "行政庭", "王伟"),
            case(CRIMINAL, "刑庭", "王伟"),
            case(OTHER_DIVISION, "民二庭", "李娜"),
            appeal,
            CaseRecord {
                closed_on: Some(d("2026-02-01")),
                ..case(CLOSED, "民一庭", "王伟")
            },
            // Enforcement of the appeal of the first instance: three stages of one dispute.
            CaseRecord {
                origin_case_no: Some(CaseNumber::parse(APPEAL, 2026).expect("number")),
                ..case(ENFORCEMENT, "执行局", "王伟")
            },
        ];
        store
            .inner
            .write_import(&cases, &Vec::<EventRecord>::new(), &mut |_| {})
            .expect("the cases");
        let mut add = |name: &str, role: Role, court: &str, division: Option<&str>| {
            app.add_user(
                &mut store,
                NewAccount {
                    name,
                    role,
                    court: Some(CourtCode::parse(court).expect("court")),
                    division,
                    staff_id: None,
                    password: "密码-足够长的一句话",
                },
            )
            .expect("an account")
        };
        World {
            office: add("审管办", Role::Office, "湘14", None),
            judge: add("王伟", Role::Judge, "湘1402", Some("民一庭")),
            other_head: add("民二庭庭长", Role::Division, "湘1402", Some("民二庭")),
            admin: add("管理员", Role::Admin, "湘14", None),
            server: add("送达员", Role::Judge, "湘1402", Some("民一庭")),
            president: add("院长", Role::Leader, "湘1402", None),
            dir,
        }
    }

    fn at(&self, today: &str) -> (App, Store) {
        let app = app_at(today);
        let store = open(&app, &self.dir);
        (app, store)
    }
}

fn app_at(today: &str) -> App {
    App::with_clock(Config::default(), Box::new(FixedClock(d(today)))).expect("app")
}

fn open(app: &App, dir: &TempDir) -> Store {
    app.open_store(Some(&dir.join("shenguan.db").display().to_string()))
        .expect("store")
}

fn task(case_no: &str, document: &str, recipient: &str) -> NewTask {
    NewTask {
        case_no: case_no.into(),
        document: document.into(),
        recipient: recipient.into(),
        recipient_kind: RecipientKind::Party,
        identity_number: None,
        address: Some("株洲市某区某路1号".into()),
        foreign: false,
        created_on: Some(d("2026-01-06")),
    }
}

fn attempt(method: Method, on: &str, outcome: Outcome, served: Option<&str>) -> NewAttempt {
    NewAttempt {
        method,
        attempted_on: d(on),
        outcome,
        served_on: served.map(d),
        failure: (outcome == Outcome::Failed).then_some(Failure::AddressUnknown),
        proof: None,
        tracking_no: (method == Method::Post).then(|| "1190012345678".to_string()),
        entrusted_court: (method == Method::Entrusted).then(|| "长沙市岳麓区人民法院".to_string()),
    }
}

fn deadline_explained(app: &App, store: &mut Store, number: &str) -> shenguan_domain::Deadline {
    let (record, _) = store.inner.case(number).expect("read").expect("the case");
    let rules = app.deadline_rules();
    record
        .deadline_explained(rules.limits, rules.calendar, rules.options)
        .expect("a deadline")
        .expect("a rule")
}

#[test]
fn an_announcement_moves_a_civil_and_an_administrative_deadline_by_the_rule_and_says_why() {
    let world = World::new();
    let (app, mut store) = world.at("2026-03-02");
    for number in [CIVIL, ADMINISTRATIVE] {
        let id = app
            .open_service_task(&mut store, &world.judge, &task(number, "传票", "张三"))
            .expect("opened");
        let mailed = attempt(Method::Post, "2026-01-07", Outcome::Failed, None);
        app.record_service_attempt(&mut store, &world.judge, id, &mailed)
            .expect("the failed mailing");
        let before = deadline_explained(&app, &mut store, number).date;
        // Six months from 2026-01-05 end on Sunday 5 July, rolled to Monday the 6th.
        assert_eq!(before, Some(d("2026-07-06")), "{number}");
        let notice = attempt(Method::Notice, "2026-03-02", Outcome::Waiting, None);
        let done = app
            .record_service_attempt(&mut store, &world.judge, id, &notice)
            .expect("the announcement");
        let exclusion = done.exclusion.expect("an excluded period");
        assert_eq!(
            (exclusion.from, exclusion.days),
            (Some(d("2026-03-03")), 30)
        );
        assert_eq!(done.deadline_before, before);
        assert_eq!(done.deadline_after, Some(d("2026-08-04")), "{number}");
        let after = deadline_explained(&app, &mut store, number);
        assert_eq!(after.date, Some(d("2026-08-04")), "{number}");
        let note = after
            .notes
            .iter()
            .find(|n| n.starts_with("扣除审限30日"))
            .expect("a note");
        assert!(note.contains("公告 2026-03-03起30日"), "{note}");
        // The task is served when the thirty days have run, not before.
        let (later, mut store) = world.at("2026-04-01");
        let service = later
            .case_service(&mut store, &world.judge, number)
            .expect("seen");
        assert_eq!(service.tasks[0].outcome.served_on, Some(d("2026-04-01")));
        assert_eq!(service.tasks[0].outcome.served_by, Some(Method::Notice));
        let (earlier, mut store) = world.at("2026-03-31");
        let service = earlier
            .case_service(&mut store, &world.judge, number)
            .expect("seen");
        assert_eq!(service.tasks[0].outcome.served_on, None);
    }
}

#[test]
fn an_announcement_in_a_criminal_case_is_recorded_and_leaves_the_limit_alone() {
    let world = World::new();
    let (app, mut store) = world.at("2026-03-02");
    let before = deadline_explained(&app, &mut store, CRIMINAL);
    let id = app
        .open_service_task(
            &mut store,
            &world.judge,
            &task(CRIMINAL, "附带民事起诉状副本", "张三"),
        )
        .expect("opened");
    let notice = attempt(Method::Notice, "2026-03-02", Outcome::Served, None);
    let done = app
        .record_service_attempt(&mut store, &world.judge, id, &notice)
        .expect("recorded");
    assert_eq!(done.exclusion, None);
    assert_eq!(done.deadline_after, done.deadline_before);
    let after = deadline_explained(&app, &mut store, CRIMINAL);
    assert_eq!(after.date, before.date);
    assert!(!after.notes.iter().any(|n| n.contains("扣除审限")));
}

#[test]
fn announcements_that_overlap_leave_the_limit_once_for_the_days_they_share() {
    let world = World::new();
    let (app, mut store) = world.at("2026-03-12");
    for (recipient, day) in [
        ("张三", "2026-03-02"),
        ("李四", "2026-03-02"),
        ("王五", "2026-03-12"),
    ] {
        let id = app
            .open_service_task(&mut store, &world.judge, &task(CIVIL, "传票", recipient))
            .expect("opened");
        let notice = attempt(Method::Notice, day, Outcome::Served, None);
        app.record_service_attempt(&mut store, &world.judge, id, &notice)
            .expect("recorded");
    }
    // 3-03..4-01 and 3-13..4-11 joined: 3-03..4-11, forty days.
    let (record, _) = store.inner.case(CIVIL).expect("read").expect("case");
    assert_eq!(record.excluded_days(), 40);
    assert_eq!(record.exclusions.len(), 1);
}

#[test]
fn a_mailed_attempt_is_settled_once_and_an_entrusted_court_late_makes_the_task_overdue() {
    let world = World::new();
    let (app, mut store) = world.at("2026-01-20");
    let id = app
        .open_service_task(&mut store, &world.judge, &task(CIVIL, "传票", "张三"))
        .expect("opened");
    let mailed = attempt(Method::Post, "2026-01-07", Outcome::Waiting, None);
    let seq = app
        .record_service_attempt(&mut store, &world.judge, id, &mailed)
        .expect("mailed")
        .seq;
    let settle = |store: &mut Store, outcome, served: Option<&str>| {
        let settlement = Settlement {
            outcome,
            served_on: served.map(d),
            failure: (outcome == Outcome::Failed).then_some(Failure::Refused),
            proof: Some(Proof::PostalReceipt),
        };
        app.settle_service_attempt(store, &world.judge, id, seq, &settlement)
    };
    settle(&mut store, Outcome::Failed, None).expect("settled");
    let again = settle(&mut store, Outcome::Served, Some("2026-01-09"));
    assert!(matches!(again, Err(AppError::Conflict(_))), "{again:?}");
    let entrusted = attempt(Method::Entrusted, "2026-01-08", Outcome::Waiting, None);
    app.record_service_attempt(&mut store, &world.judge, id, &entrusted)
        .expect("entrusted");
    let (queue, _) = app
        .service_queue(&mut store, &world.office, &QueueQuery::default())
        .expect("the queue");
    let shown = &queue[0];
    assert_eq!(shown.attempts[1].entrusted_due, Some(d("2026-01-18")));
    assert!(shown.attempts[1].entrusted_late);
    assert!(shown.overdue, "an entrusted court two days late");
    let overdue = QueueQuery {
        overdue_only: true,
        ..QueueQuery::default()
    };
    assert_eq!(
        app.service_queue(&mut store, &world.office, &overdue)
            .unwrap()
            .0
            .len(),
        1
    );
    // A task of thirty days or fewer with nothing late is not overdue.
    let (early, mut store) = world.at("2026-01-17");
    let (queue, _) = early
        .service_queue(&mut store, &world.office, &QueueQuery::default())
        .expect("the queue");
    assert!(!queue[0].overdue);
    let (late, mut store) = world.at("2026-02-06");
    let (queue, _) = late
        .service_queue(&mut store, &world.office, &QueueQuery::default())
        .expect("the queue");
    assert_eq!(queue[0].days, 31);
}

#[test]
fn electronic_service_counts_with_a_consent_carried_from_the_first_instance() {
    let world = World::new();
    let (app, mut store) = world.at("2026-03-02");
    let appeal_task = |store: &mut Store, recipient: &str| {
        let mut new = task(APPEAL, "民事判决书", recipient);
        new.created_on = Some(d("2026-02-01"));
        app.open_service_task(store, &world.office, &new)
            .expect("opened")
    };
    let consenting = appeal_task(&mut store, "张三");
    let silent = appeal_task(&mut store, "李四");
    let consent = NewConfirmation {
        case_no: CIVIL.into(),
        party: "张三".into(),
        identity_number: None,
        signed_on: d("2026-01-06"),
        address: None,
        electronic: Some(ConsentScope::All),
        channel: Some("zhangsan@example.cn".into()),
    };
    assert!(
        app.record_confirmation(&mut store, &world.judge, &consent)
            .expect("kept")
    );
    assert!(
        !app.record_confirmation(&mut store, &world.judge, &consent)
            .expect("once")
    );
    let sent = attempt(
        Method::Electronic,
        "2026-02-02",
        Outcome::Served,
        Some("2026-02-02"),
    );
    let counted = app
        .record_service_attempt(&mut store, &world.office, consenting, &sent)
        .expect("recorded");
    assert_eq!(counted.validity, None);
    let flagged = app
        .record_service_attempt(&mut store, &world.office, silent, &sent)
        .expect("recorded, flagged");
    assert_eq!(flagged.validity, Some(Validity::NoConsent));
    let service = app
        .case_service(&mut store, &world.office, APPEAL)
        .expect("seen");
    let by_recipient = |name: &str| service.tasks.iter().find(|t| t.recipient == name).unwrap();
    assert_eq!(
        by_recipient("张三").outcome.served_on,
        Some(d("2026-02-02"))
    );
    assert_eq!(by_recipient("李四").outcome.served_on, None);
    assert_eq!(
        by_recipient("李四").outcome.set_aside,
        Some(Validity::NoConsent)
    );
    assert_eq!(
        service.confirmations.len(),
        1,
        "carried from the first instance"
    );
    // A task served is served: a further attempt is refused.
    let more = app.record_service_attempt(&mut store, &world.office, consenting, &sent);
    assert!(matches!(more, Err(AppError::Conflict(_))), "{more:?}");
}

#[test]
fn tasks_are_held_to_who_may_see_the_case_and_bad_input_is_refused() {
    let world = World::new();
    let (app, mut store) = world.at("2026-03-02");
    let refused =
        app.open_service_task(&mut store, &world.other_head, &task(CIVIL, "传票", "张三"));
    assert!(matches!(refused, Err(AppError::NotFound(_))), "{refused:?}");
    let admin = app.open_service_task(&mut store, &world.admin, &task(CIVIL, "传票", "张三"));
    assert!(matches!(admin, Err(AppError::Forbidden(_))), "{admin:?}");
    let id = app
        .open_service_task(&mut store, &world.judge, &task(CIVIL, "传票", "张三"))
        .expect("opened");
    let twice = app.open_service_task(&mut store, &world.judge, &task(CIVIL, "传票", "张三"));
    assert!(matches!(twice, Err(AppError::Conflict(_))), "{twice:?}");
    let mailed = attempt(Method::Post, "2026-01-07", Outcome::Waiting, None);
    let other = app.record_service_attempt(&mut store, &world.other_head, id, &mailed);
    assert!(matches!(other, Err(AppError::NotFound(_))), "{other:?}");

    let hostile = [
        NewTask {
            document: "传".repeat(101),
            ..task(CIVIL, "", "张三")
        },
        NewTask {
            recipient: "张\u{7}三".into(),
            ..task(CIVIL, "传票", "")
        },
        NewTask {
            recipient: "   ".into(),
            ..task(CIVIL, "传票", "")
        },
        NewTask {
            created_on: Some(d("2027-01-01")),
            ..task(CIVIL, "传票", "李四")
        },
        NewTask {
            created_on: Some(d("2025-12-31")),
            ..task(CIVIL, "传票", "李四")
        },
        NewTask {
            identity_number: Some("1234".into()),
            ..task(CIVIL, "传票", "李四")
        },
    ];
    for bad in hostile {
        let answer = app.open_service_task(&mut store, &world.judge, &bad);
        assert!(
            matches!(answer, Err(AppError::Invalid(_))),
            "{bad:?}: {answer:?}"
        );
    }
    let bad_attempts = [
        NewAttempt {
            tracking_no: None,
            ..mailed.clone()
        },
        NewAttempt {
            tracking_no: Some("<script>".into()),
            ..mailed.clone()
        },
        NewAttempt {
            attempted_on: d("2026-03-03"),
            ..mailed.clone()
        },
        NewAttempt {
            attempted_on: d("2026-01-05"),
            ..mailed.clone()
        },
        attempt(Method::Direct, "2026-01-07", Outcome::Served, None),
        attempt(
            Method::Direct,
            "2026-01-07",
            Outcome::Served,
            Some("2026-03-09"),
        ),
        NewAttempt {
            failure: None,
            ..attempt(Method::Direct, "2026-01-07", Outcome::Failed, None)
        },
        NewAttempt {
            entrusted_court: None,
            ..attempt(Method::Entrusted, "2026-01-07", Outcome::Waiting, None)
        },
        attempt(
            Method::Notice,
            "2026-03-02",
            Outcome::Served,
            Some("2026-03-05"),
        ),
    ];
    for bad in bad_attempts {
        let answer = app.record_service_attempt(&mut store, &world.judge, id, &bad);
        assert!(
            matches!(answer, Err(AppError::Invalid(_))),
            "{bad:?}: {answer:?}"
        );
    }
    let stored = store.inner.service_task(id).expect("read").expect("task");
    assert!(stored.attempts.is_empty(), "nothing refused was written");
    let (record, _) = store.inner.case(CIVIL).expect("read").expect("case");
    assert_eq!(record.excluded_days(), 0);

    // Assignment: the office hands the task to the server, who then works it; a judge may not
    // assign; the assignee must be an account in use.
    let judge_assigns = app.assign_service_tasks(&mut store, &world.judge, &[id], "送达员");
    assert!(
        matches!(judge_assigns, Err(AppError::Forbidden(_))),
        "{judge_assigns:?}"
    );
    let nobody = app.assign_service_tasks(&mut store, &world.office, &[id], "无此人");
    assert!(matches!(nobody, Err(AppError::Invalid(_))), "{nobody:?}");
    assert_eq!(
        app.assign_service_tasks(&mut store, &world.office, &[id], "送达员")
            .expect("assigned"),
        1
    );
    let mine = QueueQuery {
        assigned_to: Some("送达员".into()),
        ..QueueQuery::default()
    };
    let (queue, _) = app
        .service_queue(&mut store, &world.server, &mine)
        .expect("queue");
    assert_eq!(queue.iter().map(|t| t.id).collect::<Vec<_>>(), vec![id]);
    app.record_service_attempt(&mut store, &world.server, id, &mailed)
        .expect("the assignee works it");
    let (queue, _) = app
        .service_queue(&mut store, &world.other_head, &QueueQuery::default())
        .expect("queue");
    assert!(queue.is_empty(), "another division sees none of these");
    let log = app.audit_log(&mut store, 20).expect("log");
    let actions: Vec<&str> = log.iter().map(|e| e.action.as_str()).collect();
    for action in ["service.task", "service.attempt", "service.assign"] {
        assert!(actions.contains(&action), "{action} in {actions:?}");
    }
}

#[test]
fn a_judgment_announced_after_the_case_closed_leaves_its_trial_days_alone() {
    let world = World::new();
    let (app, mut store) = world.at("2026-03-02");
    let mut judgment = task(CLOSED, "民事判决书", "张三");
    judgment.created_on = Some(d("2026-02-01"));
    let id = app
        .open_service_task(&mut store, &world.judge, &judgment)
        .expect("opened");
    let notice = attempt(Method::Notice, "2026-02-10", Outcome::Served, None);
    let done = app
        .record_service_attempt(&mut store, &world.judge, id, &notice)
        .expect("recorded");
    assert_eq!(done.exclusion, None);
    let (record, _) = store.inner.case(CLOSED).expect("read").expect("case");
    assert_eq!(record.excluded_days(), 0);
    assert_eq!(record.trial_days(), Some(27));
    // A task left unserved is overdue while its case is pending, not after the case closed.
    for number in [CLOSED, CIVIL] {
        app.open_service_task(&mut store, &world.judge, &task(number, "传票", "李四"))
            .expect("opened");
    }
    let (queue, _) = app
        .service_queue(&mut store, &world.office, &QueueQuery::default())
        .expect("the queue");
    let overdue = |number: &str| {
        queue
            .iter()
            .find(|t| t.case_no == number && t.recipient == "李四")
            .map(|t| t.overdue)
    };
    assert_eq!(overdue(CLOSED), Some(false));
    assert_eq!(overdue(CIVIL), Some(true));
}

#[test]
fn a_case_imported_again_keeps_its_recorded_announcement_unless_its_file_gives_a_total() {
    let world = World::new();
    let (app, mut store) = world.at("2026-03-02");
    let id = app
        .open_service_task(&mut store, &world.judge, &task(CIVIL, "传票", "张三"))
        .expect("opened");
    let notice = attempt(Method::Notice, "2026-03-02", Outcome::Served, None);
    app.record_service_attempt(&mut store, &world.judge, id, &notice)
        .expect("recorded");
    let import = |store: &mut Store, excluded: &str| {
        let path = world.dir.join(format!("cases-{}.csv", excluded.len()));
        std::fs::write(
            &path,
            format!(
                "案号,法院代码,立案日期,承办部门,承办法官,扣除审限\n{CIVIL},湘1402,2026-01-05,民一庭,王伟,{excluded}\n"
            ),
        )
        .expect("written");
        app.import(
            store,
            &crate::imports::ImportRequest {
                files: vec![path],
                ..crate::imports::ImportRequest::default()
            },
            &mut |_| {},
        )
        .expect("the import runs")
    };
    // The court's system knows of an assessment but not of the announcement: both are kept.
    let outcome = import(&mut store, "鉴定 2026-02-01~2026-02-10");
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    assert!(
        outcome
            .warnings
            .iter()
            .any(|w| w.zh().contains("已保留为扣除审限"))
    );
    let (record, _) = store.inner.case(CIVIL).expect("read").expect("case");
    assert_eq!(record.excluded_days(), 40, "{:?}", record.exclusions);
    // A bare total is the file's word.
    let outcome = import(&mut store, "30");
    assert!(
        outcome
            .warnings
            .iter()
            .any(|w| w.zh().contains("只载明扣除审限总天数"))
    );
    let (record, _) = store.inner.case(CIVIL).expect("read").expect("case");
    assert_eq!(record.excluded_days(), 30, "{:?}", record.exclusions);
}

/// The 送达 figures of a store worked by hand: a task served on the third attempt by the staff
/// member it was handed to, an electronic service without consent (flagged, open), one with a
/// consent carried from the first instance, and another division's two tasks — the engine's
/// family and the dashboard's tables each held to what the user may see.
#[test]
fn the_service_figures_are_held_to_what_the_user_may_see() {
    use super::figures::FiguresRequest;
    use shenguan_domain::service::consent::ConsentScope;

    let world = World::new();
    let (app, mut store) = world.at("2026-03-02");
    let office = &world.office;
    let open = |store: &mut Store, number: &str, document: &str, recipient: &str| {
        app.open_service_task(store, office, &task(number, document, recipient))
            .expect("a task")
    };
    let failed = |method: Method, on: &str, why: Failure| NewAttempt {
        failure: Some(why),
        ..attempt(method, on, Outcome::Failed, None)
    };
    // 民一庭: A, handed to 送达员, mailed twice (地址不详, 拒收), served in person on the third.
    let a = open(&mut store, CIVIL, "起诉状副本", "张三");
    app.assign_service_tasks(&mut store, office, &[a], "送达员")
        .expect("assigned");
    for step in [
        failed(Method::Post, "2026-01-07", Failure::AddressUnknown),
        failed(Method::Post, "2026-01-20", Failure::Refused),
        attempt(
            Method::Direct,
            "2026-02-10",
            Outcome::Served,
            Some("2026-02-10"),
        ),
    ] {
        app.record_service_attempt(&mut store, &world.server, a, &step)
            .expect("recorded");
    }
    // B: "served" electronically without any consent on record — flagged, still open.
    let b = open(&mut store, CIVIL, "传票", "李四");
    let recorded = app
        .record_service_attempt(
            &mut store,
            office,
            b,
            &attempt(
                Method::Electronic,
                "2026-01-06",
                Outcome::Served,
                Some("2026-01-06"),
            ),
        )
        .expect("recorded");
    assert_eq!(recorded.validity, Some(Validity::NoConsent));
    // C: the appeal's judgment served electronically to 王五, whose consent to every document was
    // signed in the first instance.
    app.record_confirmation(
        &mut store,
        office,
        &NewConfirmation {
            case_no: CIVIL.into(),
            party: "王五".into(),
            identity_number: None,
            signed_on: d("2026-01-05"),
            address: None,
            electronic: Some(ConsentScope::All),
            channel: Some("13800000000".into()),
        },
    )
    .expect("a confirmation");
    let c = open(&mut store, APPEAL, "民事判决书", "王五");
    app.record_service_attempt(
        &mut store,
        office,
        c,
        &attempt(
            Method::Electronic,
            "2026-02-01",
            Outcome::Served,
            Some("2026-02-01"),
        ),
    )
    .expect("recorded");
    // 民二庭: D mailed and returned (查无此人), still open; E served in person.
    let d_task = open(&mut store, OTHER_DIVISION, "起诉状副本", "赵六");
    app.record_service_attempt(
        &mut store,
        office,
        d_task,
        &failed(Method::Post, "2026-01-08", Failure::NoSuchPerson),
    )
    .expect("recorded");
    let e = open(&mut store, OTHER_DIVISION, "传票", "钱七");
    app.record_service_attempt(
        &mut store,
        office,
        e,
        &attempt(
            Method::Direct,
            "2026-01-09",
            Outcome::Served,
            Some("2026-01-09"),
        ),
    )
    .expect("recorded");

    let cases = app.load_cases(&mut store).expect("the columns");
    let request = FiguresRequest {
        court: None,
        division: None,
        from: d("2026-01-01"),
        to: d("2026-03-02"),
    };
    let value = |figures: &super::figures::ServiceFigures, code: &str| {
        let at = figures
            .figures
            .indicators
            .iter()
            .position(|i| i.code == code)
            .unwrap_or_else(|| panic!("{code}"));
        figures.figures.rows[0].values[at]
    };

    // The office sees all five: A, C, E served (3 of 5), A on its third attempt, C the only
    // electronic service that counts, B flagged; three items mailed, one refused, one 地址不详.
    let all = app
        .service_figures(&mut store, &cases, office, &request)
        .expect("the office's figures");
    assert_eq!(value(&all, "service_tasks"), Some(5.0));
    assert_eq!(value(&all, "service_success_rate"), Some(60.0));
    assert_eq!(value(&all, "service_first_success_rate"), Some(40.0));
    assert_eq!(value(&all, "electronic_without_consent"), Some(1.0));
    assert_eq!(value(&all, "electronic_service_rate"), Some(100.0 / 3.0));
    // A 35 days (01-06 → 02-10), C 26, E 3.
    assert_eq!(value(&all, "service_days"), Some(64.0 / 3.0));
    assert_eq!(value(&all, "postal_refusal_rate"), Some(100.0 / 3.0));
    assert_eq!(value(&all, "address_unknown_rate"), Some(100.0 / 3.0));
    assert_eq!(value(&all, "postal_delivery_rate"), Some(0.0));
    assert_eq!(value(&all, "notice_service_rate"), Some(0.0));
    // By method: three mailings served nothing; two in person served two; two electronic, one
    // counted (B's set aside).
    let methods: Vec<(Method, u64, u64)> = all
        .by_method
        .iter()
        .map(|m| (m.method, m.attempts, m.served))
        .collect();
    assert_eq!(
        methods,
        [
            (Method::Direct, 2, 2),
            (Method::Electronic, 2, 1),
            (Method::Post, 3, 0),
        ]
    );
    let staff: Vec<(&str, u64, u64, u64)> = all
        .by_staff
        .iter()
        .map(|s| (s.name.as_str(), s.attempts, s.served, s.failed))
        .collect();
    assert_eq!(staff, [("审管办", 4, 2, 1), ("送达员", 3, 1, 2)]);
    let reasons: Vec<(Failure, u64)> = all.failures.iter().map(|f| (f.failure, f.count)).collect();
    assert_eq!(
        reasons,
        [
            (Failure::Refused, 1),
            (Failure::NoSuchPerson, 1),
            (Failure::AddressUnknown, 1),
        ]
    );
    // Stuck: the civil case (B) and 民二庭's (D), both since 01-06.
    let stuck: Vec<(&str, i64, usize)> = all
        .stuck
        .iter()
        .map(|s| (s.case_no.as_str(), s.days, s.open.len()))
        .collect();
    assert_eq!(stuck, [(CIVIL, 55, 1), (OTHER_DIVISION, 55, 1)]);
    assert_eq!(all.by_month.rows.len(), 3, "January to March");

    // 民二庭's head sees D and E alone, in the engine's figures and in every table.
    let theirs = app
        .service_figures(&mut store, &cases, &world.other_head, &request)
        .expect("the division's figures");
    assert_eq!(theirs.filter.division.as_deref(), Some("民二庭"));
    assert_eq!(value(&theirs, "service_tasks"), Some(2.0));
    assert_eq!(value(&theirs, "service_success_rate"), Some(50.0));
    assert_eq!(value(&theirs, "electronic_without_consent"), Some(0.0));
    let methods: Vec<(Method, u64, u64)> = theirs
        .by_method
        .iter()
        .map(|m| (m.method, m.attempts, m.served))
        .collect();
    assert_eq!(methods, [(Method::Direct, 1, 1), (Method::Post, 1, 0)]);
    assert_eq!(theirs.failures.len(), 1);
    assert_eq!(theirs.failures[0].failure, Failure::NoSuchPerson);
    assert_eq!(theirs.failures[0].share, 100.0);
    assert_eq!(theirs.stuck.len(), 1);
    assert_eq!(theirs.stuck[0].case_no, OTHER_DIVISION);
    assert_eq!(theirs.stuck_total, 1);
    // Another division asked for is refused, not silently narrowed.
    let elsewhere = FiguresRequest {
        division: Some("民一庭".into()),
        ..request.clone()
    };
    assert!(matches!(
        app.service_figures(&mut store, &cases, &world.other_head, &elsewhere),
        Err(AppError::Forbidden(_))
    ));
    // The judge sees the cases they try: A and B of the civil case (not the appeal, nor 民二庭).
    let judge = app
        .service_figures(&mut store, &cases, &world.judge, &request)
        .expect("the judge's figures");
    assert_eq!(value(&judge, "service_tasks"), Some(2.0));
    let attempts: u64 = judge.by_method.iter().map(|m| m.attempts).sum();
    assert_eq!(attempts, 4);
    assert_eq!(judge.stuck.len(), 1);
    assert_eq!(judge.stuck[0].case_no, CIVIL);
    // A period ending before A was served: the engine reads A as it stood then, unserved.
    let january = FiguresRequest {
        to: d("2026-01-31"),
        ..request
    };
    let early = app
        .service_figures(&mut store, &cases, office, &january)
        .expect("January");
    assert_eq!(value(&early, "service_tasks"), Some(5.0));
    assert_eq!(value(&early, "service_success_rate"), Some(20.0), "E alone");
}

#[test]
fn an_approved_announcement_period_and_one_stated_by_its_days_are_not_counted_twice() {
    let world = World::new();
    let (app, mut store) = world.at("2026-03-12");
    let id = app
        .open_service_task(&mut store, &world.judge, &task(CIVIL, "传票", "张三"))
        .expect("opened");
    let notice = attempt(Method::Notice, "2026-03-02", Outcome::Served, None);
    app.record_service_attempt(&mut store, &world.judge, id, &notice)
        .expect("recorded");
    // The judge then applies to exclude the same announcement, and the president approves.
    let change = crate::limit_requests::change_of(
        "exclusion",
        None,
        Some("公告"),
        Some(d("2026-03-03")),
        Some(d("2026-04-01")),
    )
    .expect("a change");
    let asked = app
        .apply_for_limit_change(&mut store, &world.judge, CIVIL, change, "公告送达")
        .expect("applied");
    app.decide_limit_request(&mut store, &world.president, asked.row.id, true, "同意")
        .expect("approved");
    let (record, _) = store.inner.case(CIVIL).expect("read").expect("case");
    assert_eq!(record.excluded_days(), 30, "{:?}", record.exclusions);

    // A case whose record states its announcement by its days alone keeps that count.
    let stated = CaseRecord {
        exclusions: vec![shenguan_domain::Exclusion {
            ground: shenguan_domain::ExclusionGround::Notice,
            from: None,
            days: 30,
        }],
        ..case(OTHER_DIVISION, "民一庭", "王伟")
    };
    store
        .inner
        .write_import(&[stated], &Vec::<EventRecord>::new(), &mut |_| {})
        .expect("the case");
    let id = app
        .open_service_task(
            &mut store,
            &world.judge,
            &task(OTHER_DIVISION, "传票", "张三"),
        )
        .expect("opened");
    let done = app
        .record_service_attempt(&mut store, &world.judge, id, &notice)
        .expect("recorded");
    assert_eq!(done.exclusion, None);
    assert_eq!(done.deadline_after, done.deadline_before);
    let (record, _) = store
        .inner
        .case(OTHER_DIVISION)
        .expect("read")
        .expect("case");
    assert_eq!(record.excluded_days(), 30);
}

#[test]
fn the_queue_reads_a_consent_signed_two_stages_back_as_the_case_page_does() {
    let world = World::new();
    let (app, mut store) = world.at("2026-03-02");
    let consent = NewConfirmation {
        case_no: CIVIL.into(),
        party: "张三".into(),
        identity_number: None,
        signed_on: d("2026-01-06"),
        address: None,
        electronic: Some(ConsentScope::All),
        channel: None,
    };
    app.record_confirmation(&mut store, &world.judge, &consent)
        .expect("kept");
    let mut notice = task(ENFORCEMENT, "执行通知书", "张三");
    notice.created_on = Some(d("2026-02-01"));
    let id = app
        .open_service_task(&mut store, &world.office, &notice)
        .expect("opened");
    let sent = attempt(
        Method::Electronic,
        "2026-02-02",
        Outcome::Served,
        Some("2026-02-02"),
    );
    let recorded = app
        .record_service_attempt(&mut store, &world.office, id, &sent)
        .expect("recorded");
    assert_eq!(
        recorded.validity, None,
        "the first instance's consent serves enforcement"
    );
    let (queue, _) = app
        .service_queue(&mut store, &world.office, &QueueQuery::default())
        .expect("the queue");
    let shown = queue.iter().find(|t| t.id == id).expect("the task");
    assert_eq!(shown.outcome.served_on, Some(d("2026-02-02")));
    let page = app
        .case_service(&mut store, &world.office, ENFORCEMENT)
        .expect("the case");
    assert_eq!(page.tasks[0].outcome, shown.outcome);
}
