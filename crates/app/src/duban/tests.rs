use super::*;

use shenguan_domain::{CaseNumber, EventRecord};
use shenguan_testkit::TempDir;

use crate::accounts::NewAccount;
use crate::{Config, FixedClock};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// A pending case numbered `number` of `division`, judged by `judge` (no staff number: the judge
/// is matched by court and name).
fn case(number: &str, division: &str, judge: &str) -> CaseRecord {
    let case_no = CaseNumber::parse(number, 2026).expect("a case number");
    let court = case_no.court().expect("a current court code");
    CaseRecord {
        division: Some(division.into()),
        judge: Some(judge.into()),
        ..CaseRecord::filed(case_no, court, d("2026-03-02"))
    }
}

const A: &str = "（2026）湘1402民初1号";
const B: &str = "（2026）湘1402民初2号";
const OTHER_DIVISION: &str = "（2026）湘1402民初3号";
const NO_ACCOUNT: &str = "（2026）湘1402民初4号";
const OTHER_COURT: &str = "（2026）湘1403民初5号";

/// A store of five cases and an account for each role, read by applications stopped on the
/// days the tests ask for.
struct World {
    dir: TempDir,
    office: User,
    leader: User,
    head: User,
    other_head: User,
    judge: User,
    other_judge: User,
    admin: User,
}

impl World {
    fn new() -> World {
        let dir = TempDir::new("duban");
        let world_app = app_in(&dir, "2026-11-02");
        let mut store = open(&world_app, &dir);
        let cases = [
            case(A, "民一庭", "王伟"),
            case(B, "民一庭", "王伟"),
            case(OTHER_DIVISION, "民二庭", "李娜"),
            case(NO_ACCOUNT, "民一庭", "赵六"),
            case(OTHER_COURT, "民一庭", "周七"),
        ];
        store
            .inner
            .write_import(&cases, &Vec::<EventRecord>::new(), &mut |_| {})
            .expect("the cases");
        let mut add = |name: &str, role: Role, court: &str, division: Option<&str>| {
            world_app
                .add_user(
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
            office: add("审管办", Role::Office, "湘1402", None),
            leader: add("院长", Role::Leader, "湘1402", None),
            head: add("民一庭庭长", Role::Division, "湘1402", Some("民一庭")),
            other_head: add("民二庭庭长", Role::Division, "湘1402", Some("民二庭")),
            judge: add("王伟", Role::Judge, "湘1402", Some("民一庭")),
            other_judge: add("周七", Role::Judge, "湘1403", Some("民一庭")),
            admin: add("管理员", Role::Admin, "湘14", None),
            dir,
        }
    }

    /// The application as of `today`, with a connection to the world's store.
    fn at(&self, today: &str) -> (App, Store) {
        let app = app_in(&self.dir, today);
        let store = open(&app, &self.dir);
        (app, store)
    }
}

fn app_in(_dir: &TempDir, today: &str) -> App {
    App::with_clock(Config::default(), Box::new(FixedClock(d(today)))).expect("app")
}

fn open(app: &App, dir: &TempDir) -> Store {
    app.open_store(Some(&dir.join("shenguan.db").display().to_string()))
        .expect("store")
}

fn cases(numbers: &[&str]) -> Vec<String> {
    numbers.iter().map(|n| (*n).to_string()).collect()
}

fn request<'a>(numbers: &'a [String]) -> OpenRequest<'a> {
    OpenRequest {
        cases: numbers,
        reason: Reason::OverTimeLimit,
        instructions: "请说明原因并尽快结案",
        answerer: None,
        due_on: None,
    }
}

fn ids(listed: &[SupervisedCase]) -> Vec<i64> {
    listed.iter().map(|c| c.id).collect()
}

#[test]
fn the_office_supervises_the_judge_answers_and_the_office_closes_or_returns() {
    let world = World::new();
    let (app, mut store) = world.at("2026-11-02");
    let chosen = cases(&[A, B]);
    let opened = app
        .open_supervision(&mut store, &world.office, &request(&chosen))
        .expect("opened");
    assert_eq!(opened.len(), 2);
    // The handling judge answers; the reply is due five working days on: Monday 9 November.
    let (first, history) = app
        .supervised_case(&mut store, &world.judge, opened[0])
        .expect("the judge sees it");
    assert_eq!(first.item.answerer, "王伟");
    assert_eq!(first.item.due_on, d("2026-11-09"));
    assert_eq!(first.item.state, State::AwaitingReply);
    assert_eq!(first.item.level, 0);
    assert_eq!(history.len(), 1);
    assert_eq!(
        app.supervision_to_do(&mut store, &world.judge)
            .expect("to do")
            .len(),
        2
    );
    // The judge replies to both; the office's to-do is now the two replies.
    for id in &opened {
        app.supervision_step(
            &mut store,
            &world.judge,
            *id,
            &Step::Reply {
                text: "已排期开庭，月底前结案",
            },
        )
        .expect("replied");
    }
    assert_eq!(
        app.supervision_to_do(&mut store, &world.judge)
            .expect("to do")
            .len(),
        0
    );
    assert_eq!(
        app.supervision_to_do(&mut store, &world.office)
            .expect("to do")
            .len(),
        2
    );
    // A second reply is refused: none is awaited.
    let again = app.supervision_step(
        &mut store,
        &world.judge,
        opened[0],
        &Step::Reply { text: "补充" },
    );
    assert!(matches!(again, Err(AppError::Invalid(_))), "{again:?}");
    // The judge may not close; the office closes one and returns the other.
    let closing = app.supervision_step(
        &mut store,
        &world.judge,
        opened[0],
        &Step::Close { note: "" },
    );
    assert!(
        matches!(closing, Err(AppError::Forbidden(_))),
        "{closing:?}"
    );
    let closed = app
        .supervision_step(
            &mut store,
            &world.office,
            opened[0],
            &Step::Close { note: "同意" },
        )
        .expect("closed");
    assert_eq!(closed.item.state, State::Closed);
    let returned = app
        .supervision_step(
            &mut store,
            &world.office,
            opened[1],
            &Step::Return {
                note: "请写明开庭日期",
                due_on: d("2026-11-06"),
            },
        )
        .expect("returned");
    assert_eq!(returned.item.state, State::Returned);
    assert_eq!(returned.item.due_on, d("2026-11-06"));
    // The history holds every step, and so does the audit log.
    let (_, history) = app
        .supervised_case(&mut store, &world.office, opened[1])
        .expect("the item");
    let steps: Vec<&str> = history.iter().map(|s| s.step.as_str()).collect();
    assert_eq!(steps, ["opened", "reply", "return"]);
    assert_eq!(history[2].note, "请写明开庭日期");
    assert_eq!(history[2].by, "审管办");
    let log = app.audit_log(&mut store, 100).expect("the log");
    let actions: Vec<&str> = log
        .iter()
        .rev()
        .map(|e| e.action.as_str())
        .filter(|a| a.starts_with("supervision."))
        .collect();
    assert_eq!(
        actions,
        [
            "supervision.open",
            "supervision.open",
            "supervision.reply",
            "supervision.reply",
            "supervision.close",
            "supervision.return",
        ]
    );
}

#[test]
fn a_late_reply_is_escalated_one_level_at_a_time_to_the_top() {
    let world = World::new();
    let (app, mut store) = world.at("2026-11-02");
    let chosen = cases(&[A]);
    let id = app
        .open_supervision(&mut store, &world.head, &request(&chosen))
        .expect("opened")[0];
    let escalate = |app: &App, store: &mut Store, due: &str| {
        app.supervision_step(store, &world.head, id, &Step::Escalate { due_on: d(due) })
    };
    // Not yet late on the day due.
    let early = escalate(&app, &mut store, "2026-11-12");
    assert!(matches!(early, Err(AppError::Invalid(_))), "{early:?}");
    let (late_app, mut late_store) = world.at("2026-11-10");
    let overdue = late_app
        .supervised_cases(
            &mut late_store,
            &world.office,
            &ItemFilter {
                overdue: true,
                ..ItemFilter::default()
            },
        )
        .expect("the overdue");
    assert_eq!(ids(&overdue), [id]);
    let raised = escalate(&late_app, &mut late_store, "2026-11-13").expect("escalated");
    assert_eq!(
        (raised.item.state, raised.item.level),
        (State::Escalated, 1)
    );
    assert!(!raised.overdue);
    let (later_app, mut later_store) = world.at("2026-11-16");
    let top = escalate(&later_app, &mut later_store, "2026-11-18").expect("to the president");
    assert_eq!(top.item.level, 2);
    let (last_app, mut last_store) = world.at("2026-11-19");
    let past_top = escalate(&last_app, &mut last_store, "2026-11-20");
    match past_top {
        Err(AppError::Invalid(why)) => assert!(why.zh().contains("院长"), "{}", why.zh()),
        other => panic!("{other:?}"),
    }
    // A court leader opens at the vice-president's level.
    let by_leader = last_app
        .open_supervision(&mut last_store, &world.leader, &request(&cases(&[B])))
        .expect("opened by the president");
    let (item, _) = last_app
        .supervised_case(&mut last_store, &world.leader, by_leader[0])
        .expect("item");
    assert_eq!(item.item.level, 1);
}

#[test]
fn each_sees_and_acts_only_within_their_scope() {
    let world = World::new();
    let (app, mut store) = world.at("2026-11-02");
    // Who may open: not an administrator, not a judge.
    for user in [&world.admin, &world.judge] {
        let refused = app.open_supervision(&mut store, user, &request(&cases(&[A])));
        assert!(
            matches!(refused, Err(AppError::Forbidden(_))),
            "{}",
            user.name
        );
    }
    // A case outside the opener's scope is not found, and nothing is opened.
    for (user, number) in [(&world.office, OTHER_COURT), (&world.head, OTHER_DIVISION)] {
        let refused = app.open_supervision(&mut store, user, &request(&cases(&[A, number])));
        assert!(matches!(refused, Err(AppError::NotFound(_))), "{number}");
    }
    assert!(
        app.supervised_cases(&mut store, &world.office, &ItemFilter::default())
            .expect("list")
            .is_empty(),
        "all or none"
    );
    // A judge without an account needs someone named, who must be able to see the case.
    let no_judge = cases(&[NO_ACCOUNT]);
    let refused = app.open_supervision(&mut store, &world.office, &request(&no_judge));
    assert!(matches!(refused, Err(AppError::Invalid(_))), "{refused:?}");
    let named_judge = OpenRequest {
        answerer: Some("王伟"),
        ..request(&no_judge)
    };
    let refused = app.open_supervision(&mut store, &world.office, &named_judge);
    assert!(
        matches!(refused, Err(AppError::Invalid(_))),
        "王伟 sees only his cases"
    );
    let named_head = OpenRequest {
        answerer: Some("民一庭庭长"),
        ..request(&no_judge)
    };
    let to_head = app
        .open_supervision(&mut store, &world.office, &named_head)
        .expect("the division head answers");
    let own = app
        .open_supervision(&mut store, &world.office, &request(&cases(&[A])))
        .expect("opened");
    let (city_app, mut city_store) = world.at("2026-11-02");
    let other_division = cases(&[OTHER_DIVISION]);
    let other = city_app
        .open_supervision(
            &mut city_store,
            &world.leader,
            &OpenRequest {
                answerer: Some("民二庭庭长"),
                ..request(&other_division)
            },
        )
        .expect("opened");
    // Lists: the office sees all three, the division head theirs, the judge only his own,
    // the other division's head only theirs, the judge of another court none.
    let mut listed = |user: &User| {
        ids(&app
            .supervised_cases(&mut store, user, &ItemFilter::default())
            .expect("list"))
    };
    assert_eq!(listed(&world.office), [other[0], own[0], to_head[0]]);
    assert_eq!(listed(&world.head), [own[0], to_head[0]]);
    assert_eq!(listed(&world.judge), [own[0]]);
    assert_eq!(listed(&world.other_head), [other[0]]);
    assert!(listed(&world.other_judge).is_empty());
    // Seeing one outside the scope is "not found", as acting on it.
    let unseen = app.supervised_case(&mut store, &world.other_judge, own[0]);
    assert!(matches!(unseen, Err(AppError::NotFound(_))));
    let reply = app.supervision_step(
        &mut store,
        &world.other_judge,
        own[0],
        &Step::Reply {
            text: "不是我的案件",
        },
    );
    assert!(matches!(reply, Err(AppError::NotFound(_))));
    // The division head, who sees the judge's item, may not answer for him.
    let for_him = app.supervision_step(
        &mut store,
        &world.head,
        own[0],
        &Step::Reply { text: "代答" },
    );
    assert!(matches!(for_him, Err(AppError::Forbidden(_))));
    // A court outside the user's own is refused as a filter.
    let outside = app.supervised_cases(
        &mut store,
        &world.office,
        &ItemFilter {
            court: Some(CourtScope::alone(
                CourtCode::parse("湘1403").expect("court"),
            )),
            ..ItemFilter::default()
        },
    );
    assert!(matches!(outside, Err(AppError::Forbidden(_))));
}

#[test]
fn the_figures_count_each_reply_asked_for_in_the_month_it_fell_due() {
    let world = World::new();
    let at = |day: &str| world.at(day);
    // 2 November: the office supervises A and B (replies due Monday 9 November).
    let (app, mut store) = at("2026-11-02");
    let ids = app
        .open_supervision(&mut store, &world.office, &request(&cases(&[A, B])))
        .expect("opened");
    let (a, b) = (ids[0], ids[1]);
    let step = |day: &str, by: &User, id: i64, step: Step<'_>| {
        let (app, mut store) = at(day);
        app.supervision_step(&mut store, by, id, &step)
            .unwrap_or_else(|e| panic!("{day}: {e:?}"));
    };
    // A: replied on 5 November (on time), closed on the 6th.
    step(
        "2026-11-05",
        &world.judge,
        a,
        Step::Reply { text: "已处理" },
    );
    step("2026-11-06", &world.office, a, Step::Close { note: "" });
    // B: not replied by the 9th; escalated on the 10th (due the 13th), replied on the 16th
    // (late again).
    step(
        "2026-11-10",
        &world.office,
        b,
        Step::Escalate {
            due_on: d("2026-11-13"),
        },
    );
    step(
        "2026-11-16",
        &world.judge,
        b,
        Step::Reply { text: "已处理" },
    );
    // C: opened on 20 November, due the 27th, not replied by the 30th.
    let (app, mut store) = at("2026-11-20");
    let c = app
        .open_supervision(
            &mut store,
            &world.office,
            &OpenRequest {
                due_on: Some(d("2026-11-27")),
                ..request(&cases(&[A]))
            },
        )
        .expect("opened")[0];
    assert!(c > b);
    let (app, mut store) = at("2026-11-30");
    let figures = app
        .supervision_figures(&mut store, &world.office, d("2026-01-01"), d("2026-11-30"))
        .expect("figures");
    // Four replies fell due in November: A's (on time), B's first (missed, escalated), B's second
    // (late), C's (date passed): one on time of four.
    assert_eq!(
        figures,
        [SupervisionFigures {
            court: "湘1402".into(),
            month: "2026-11".into(),
            opened: 3,
            replies: 2,
            due: 4,
            on_time: 1,
            closed: 1,
            escalated: 1,
        }]
    );
    assert_eq!(figures[0].on_time_rate(), Some(25.0));
    // The judge's own are the same items; a judge of another court has none; a period before
    // any of it has none.
    let judge = app
        .supervision_figures(&mut store, &world.judge, d("2026-11-01"), d("2026-11-30"))
        .expect("figures");
    assert_eq!(judge, figures);
    assert!(
        app.supervision_figures(
            &mut store,
            &world.other_judge,
            d("2026-11-01"),
            d("2026-11-30")
        )
        .expect("figures")
        .is_empty()
    );
    assert!(
        app.supervision_figures(&mut store, &world.office, d("2026-01-01"), d("2026-10-31"))
            .expect("figures")
            .is_empty()
    );
    // Before C's date passes, its reply is not yet decided.
    let (app, mut store) = at("2026-11-27");
    let earlier = app
        .supervision_figures(&mut store, &world.office, d("2026-11-01"), d("2026-11-30"))
        .expect("figures");
    assert_eq!((earlier[0].due, earlier[0].on_time), (3, 1));
}
