use super::*;

use shenguan_domain::{CaseNumber, CourtCode, CourtScope, EventKind, Period};
use shenguan_testkit::TempDir;

use crate::accounts::Role;
use crate::{Config, FixedClock};

use WarningTier::{Overdue, TwoThirdsUsed, Within5Days, Within15Days, Within30Days};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn code(text: &str) -> CourtCode {
    CourtCode::parse(text).expect("court")
}

/// A case numbered `number`, filed on `filed`, closed on `closed`, in 执行一庭 with judge 张三.
fn case(number: &str, filed: &str, closed: Option<&str>) -> CaseRecord {
    let case_no = CaseNumber::parse(number, 2030).expect("a case number");
    let court = case_no.court().expect("a current court code");
    CaseRecord {
        division: Some("执行一庭".into()),
        judge: Some("张三".into()),
        closed_on: closed.map(d),
        ..CaseRecord::filed(case_no, court, d(filed))
    }
}

fn event(number: &str, date: &str, kind: &str) -> EventRecord {
    EventRecord {
        case_no: CaseNumber::parse(number, 2030).expect("a case number"),
        date: d(date),
        kind: EventKind::parse(kind).expect("an event kind"),
        detail: String::new(),
    }
}

/// An application stopped at `today` over a fresh SQLite store holding `cases` and `events`.
/// Deadlines are not moved off rest days, so each one below is the filing date plus the limit.
struct World {
    _dir: TempDir,
    app: App,
    store: Store,
}

fn world_at(today: &str, cases: &[CaseRecord], events: &[EventRecord]) -> World {
    let dir = TempDir::new("supervision");
    let config = Config {
        roll_past_rest_days: false,
        ..Config::default()
    };
    let app = App::with_clock(config, Box::new(FixedClock(d(today)))).expect("app");
    let mut store = app
        .open_store(Some(&dir.join("shenguan.db").display().to_string()))
        .expect("store");
    store
        .inner
        .write_import(cases, events, &mut |_| {})
        .expect("written");
    World {
        _dir: dir,
        app,
        store,
    }
}

/// Sees the whole network.
fn admin() -> User {
    User {
        name: "管理员".into(),
        role: Role::Admin,
        court: None,
        division: None,
        staff_id: None,
    }
}

fn serials<'a>(cases: impl IntoIterator<Item = &'a CaseRecord>) -> Vec<u32> {
    cases.into_iter().map(|c| c.case_no.serial()).collect()
}

// ---- 审限预警 ----

/// The cases of the warning table, as of 2026-11-27. Each is a 民初 case (6 months, by the
/// ordinary procedure) of 湘1402: the deadline is the filing date six months on.
fn warning_cases() -> Vec<CaseRecord> {
    let mut cases = vec![
        // Due 2026-11-26: one day overdue (−1).
        case("（2026）湘1402民初101号", "2026-05-26", None),
        // Due today: 0 days left, within 5.
        case("（2026）湘1402民初102号", "2026-05-27", None),
        // Due 12-02: 5 days left.
        case("（2026）湘1402民初103号", "2026-06-02", None),
        // Due 12-03: 6 days left, within 15; 118 the same.
        case("（2026）湘1402民初104号", "2026-06-03", None),
        // Due 12-12: 15 days left.
        case("（2026）湘1402民初105号", "2026-06-12", None),
        // Due 12-13: 16 days left, within 30.
        case("（2026）湘1402民初106号", "2026-06-13", None),
        // Due 12-27: 30 days left.
        case("（2026）湘1402民初107号", "2026-06-27", None),
        // Due 12-28: 31 days left. The limit is 30+31+31+30+31+30 = 183 days, 152 used:
        // 152 × 3 = 456 ≥ 366, two thirds used.
        case("（2026）湘1402民初108号", "2026-06-28", None),
        // Due 2027-01-27: limit 31+31+30+31+30+31 = 184 days, used 07-27 → 11-27 = 31+31+30+31
        // = 123: 369 ≥ 368, two thirds used, 61 days left.
        case("（2026）湘1402民初109号", "2026-07-27", None),
        // Due 2027-01-28: limit 184, used 122: 366 < 368, no warning yet.
        case("（2026）湘1402民初110号", "2026-07-28", None),
        // Due 2025-07-10: overdue by 2025-07-10 → 2026-07-10 (365) + 31+31+30+31 (→ 11-10) + 17
        // = 505 days.
        case("（2025）湘1402民初111号", "2025-01-10", None),
        // Due 11-20, but closed on 11-20: not pending.
        case("（2026）湘1402民初112号", "2026-05-20", Some("2026-11-20")),
        // Closed today: not pending either.
        case("（2026）湘1402民初113号", "2026-05-25", Some("2026-11-27")),
        // Closed tomorrow (a replayed day): still pending today; due 11-25, 2 days overdue.
        case("（2026）湘1402民初114号", "2026-05-25", Some("2026-11-28")),
        // Filed tomorrow: not yet a case today.
        case("（2026）湘1402民初115号", "2026-11-28", None),
        // Due 12-03 like 104: 6 days left.
        case("（2026）湘1402民初118号", "2026-06-03", None),
        // 执监 has no statutory limit: no deadline, no warning, however old.
        case("（2025）湘1402执监116号", "2025-01-01", None),
    ];
    // Filed 05-01 with 30 days' extension: 11-01 + 30 = 12-01, 4 days left (without the
    // extension it would be overdue).
    let mut extended = case("（2026）湘1402民初117号", "2026-05-01", None);
    extended.extensions = vec![shenguan_domain::Extension::of(Period::Days(30))];
    cases.push(extended);
    cases
}

/// The warnings as (serial, tier, deadline, days left).
fn warnings_of(
    world: &mut World,
    tier: Option<WarningTier>,
) -> Vec<(u32, WarningTier, NaiveDate, i64)> {
    world
        .app
        .warnings(&mut world.store, &admin(), Filter::default(), tier)
        .expect("warnings")
        .into_iter()
        .map(|w| (w.case.case_no.serial(), w.tier, w.deadline, w.days_left))
        .collect()
}

#[test]
fn warnings_come_most_urgent_first() {
    let mut world = world_at("2026-11-27", &warning_cases(), &[]);
    // By tier; within a tier by days left (fewest first), then by number.
    assert_eq!(
        warnings_of(&mut world, None),
        [
            (111, Overdue, d("2025-07-10"), -505),
            (114, Overdue, d("2026-11-25"), -2),
            (101, Overdue, d("2026-11-26"), -1),
            (102, Within5Days, d("2026-11-27"), 0),
            (117, Within5Days, d("2026-12-01"), 4),
            (103, Within5Days, d("2026-12-02"), 5),
            (104, Within15Days, d("2026-12-03"), 6),
            (118, Within15Days, d("2026-12-03"), 6),
            (105, Within15Days, d("2026-12-12"), 15),
            (106, Within30Days, d("2026-12-13"), 16),
            (107, Within30Days, d("2026-12-27"), 30),
            (108, TwoThirdsUsed, d("2026-12-28"), 31),
            (109, TwoThirdsUsed, d("2027-01-27"), 61),
        ]
    );
}

#[test]
fn warnings_of_one_tier() {
    let mut world = world_at("2026-11-27", &warning_cases(), &[]);
    let only = |world: &mut World, tier| -> Vec<u32> {
        warnings_of(world, Some(tier))
            .into_iter()
            .map(|(serial, found, ..)| {
                assert_eq!(found, tier);
                serial
            })
            .collect()
    };
    assert_eq!(only(&mut world, Overdue), [111, 114, 101]);
    assert_eq!(only(&mut world, Within5Days), [102, 117, 103]);
    assert_eq!(only(&mut world, Within15Days), [104, 118, 105]);
    assert_eq!(only(&mut world, Within30Days), [106, 107]);
    assert_eq!(only(&mut world, TwoThirdsUsed), [108, 109]);
}

// ---- 长期未结 ----

/// Cases pending on `world`'s today for more than `months` months, as (serial, age in days).
fn long_pending_of(world: &mut World, months: u32) -> Vec<(u32, i64)> {
    world
        .app
        .long_pending(&mut world.store, &admin(), Filter::default(), months)
        .expect("long pending")
        .into_iter()
        .map(|l| (l.case.case_no.serial(), l.age_days))
        .collect()
}

#[test]
fn long_pending_means_filed_more_than_n_calendar_months_ago() {
    // Today 2026-11-27: 12 months ago is 2025-11-27, 18 months 2025-05-27, 36 months 2023-11-27.
    // Filed on that day is exactly N months, not more.
    let cases = [
        case("（2025）湘1402民初201号", "2025-11-26", None),
        case("（2025）湘1402民初202号", "2025-11-27", None),
        case("（2025）湘1402民初203号", "2025-11-28", None),
        case("（2025）湘1402民初204号", "2025-05-26", None),
        case("（2025）湘1402民初205号", "2025-05-27", None),
        case("（2023）湘1402民初206号", "2023-11-26", None),
        case("（2023）湘1402民初207号", "2023-11-27", None),
        case("（2023）湘1402民初208号", "2023-11-26", None),
        // Closed before today, closed today: not pending. Closed after today: pending today.
        case("（2024）湘1402民初209号", "2024-01-01", Some("2026-11-26")),
        case("（2024）湘1402民初210号", "2024-01-01", Some("2026-11-27")),
        case("（2024）湘1402民初211号", "2024-01-01", Some("2026-11-28")),
        // Any kind of case, enforcement too.
        case("（2024）湘1402执212号", "2024-06-01", None),
    ];
    let mut world = world_at("2026-11-27", &cases, &[]);
    // Oldest first, ties by number. Ages: 2023-11-26 → 2026-11-26 is 366 + 365 + 365 = 1096
    // days (2024-02-29 inside), + 1 = 1097; 2023-11-27: 1096; 2024-01-01 → 2026-01-01 is 366 +
    // 365 = 731, + 330 (to 11-27) = 1061; 2024-06-01 → 2026-06-01 is 365 + 365 = 730, + 30 + 31
    // + 31 + 30 + 31 + 26 = 179 → 909; 2025-05-26 → 2026-05-26 is 365, + 5 + 30 + 31 + 31 + 30
    // + 31 + 27 = 185 → 550; 2025-05-27: 549; 2025-11-26: 365 + 1 = 366.
    assert_eq!(
        long_pending_of(&mut world, 12),
        [
            (206, 1097),
            (208, 1097),
            (207, 1096),
            (211, 1061),
            (212, 909),
            (204, 550),
            (205, 549),
            (201, 366),
        ]
    );
    assert_eq!(
        long_pending_of(&mut world, 18),
        [
            (206, 1097),
            (208, 1097),
            (207, 1096),
            (211, 1061),
            (212, 909),
            (204, 550),
        ]
    );
    assert_eq!(long_pending_of(&mut world, 36), [(206, 1097), (208, 1097)]);
}

#[test]
fn long_pending_cut_offs_at_a_month_end() {
    // Today 2026-03-31. 12 months ago is 2025-03-31; 18 months ago September 2024, which has no
    // 31st: its last day, 2024-09-30; 36 months ago 2023-03-31.
    let cases = [
        case("（2025）湘1402民初251号", "2025-03-30", None),
        case("（2025）湘1402民初252号", "2025-03-31", None),
        case("（2024）湘1402民初253号", "2024-09-29", None),
        case("（2024）湘1402民初254号", "2024-09-30", None),
        case("（2024）湘1402民初255号", "2024-10-01", None),
        case("（2023）湘1402民初256号", "2023-03-30", None),
        case("（2023）湘1402民初257号", "2023-03-31", None),
    ];
    let mut world = world_at("2026-03-31", &cases, &[]);
    let serials_of = |world: &mut World, months| -> Vec<u32> {
        long_pending_of(world, months)
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    };
    assert_eq!(serials_of(&mut world, 12), [256, 257, 253, 254, 255, 251]);
    assert_eq!(serials_of(&mut world, 18), [256, 257, 253]);
    assert_eq!(serials_of(&mut world, 36), [256]);
    // Today 2028-02-29 (a leap day): 12 months ago February 2027 has no 29th, the cut-off is
    // 2027-02-28.
    let cases = [
        case("（2027）湘1402民初261号", "2027-02-27", None),
        case("（2027）湘1402民初262号", "2027-02-28", None),
        case("（2027）湘1402民初263号", "2027-03-01", None),
    ];
    let mut world = world_at("2028-02-29", &cases, &[]);
    // 2027-02-27 → 2028-02-27 is 365 days, + 2 = 367.
    assert_eq!(long_pending_of(&mut world, 12), [(261, 367)]);
}

#[test]
fn the_last_event_of_a_long_pending_case_is_its_latest_up_to_today() {
    let number = "（2025）湘1402民初271号";
    let events = [
        event(number, "2025-01-06", "立案"),
        event(number, "2025-06-10", "开庭"),
        event(number, "2025-03-01", "送达"),
        event(number, "2025-06-09", "鉴定"),
        // Dated after today (a replayed day): not yet happened.
        event(number, "2026-12-01", "开庭"),
    ];
    let cases = [
        case(number, "2025-01-06", None),
        case("（2025）湘1402民初272号", "2025-02-01", None),
    ];
    let mut world = world_at("2026-11-27", &cases, &events);
    let list = world
        .app
        .long_pending(&mut world.store, &admin(), Filter::default(), 12)
        .expect("long pending");
    assert_eq!(list.len(), 2);
    assert_eq!(
        list[0].last_event,
        Some(event(number, "2025-06-10", "开庭"))
    );
    // A case without events has none.
    assert_eq!(list[1].case.case_no.serial(), 272);
    assert_eq!(list[1].last_event, None);
}

// ---- 执行案件无措施 ----

/// The enforcement cases of the idle table, as of 2026-11-27, and their events.
fn idle_world() -> World {
    let cases = [
        case("（2026）湘1402执301号", "2026-03-02", None),
        case("（2026）湘1402执302号", "2026-03-02", None),
        case("（2026）湘1402执303号", "2026-10-27", None),
        case("（2026）湘1402执304号", "2026-10-28", None),
        case("（2026）湘1402执305号", "2026-03-02", None),
        case("（2026）湘1402执306号", "2026-03-02", None),
        case("（2026）湘1402执307号", "2026-03-02", None),
        case("（2026）湘1402执308号", "2026-03-02", None),
        case("（2026）湘1402执309号", "2026-03-02", None),
        case("（2026）湘1402执310号", "2026-03-02", None),
        case("（2025）湘1402民初311号", "2025-01-01", None),
        case("（2025）湘1402执312号", "2025-01-01", Some("2026-11-27")),
        case("（2026）湘1402执恢313号", "2026-01-05", None),
        case("（2026）湘1402执314号", "2026-07-01", None),
        case("（2026）湘1402执315号", "2026-01-10", None),
    ];
    let events = [
        // 10-28 → 11-27: 3 + 27 = 30 days.
        event("（2026）湘1402执301号", "2026-10-28", "查封"),
        // 31 days.
        event("（2026）湘1402执302号", "2026-10-27", "冻结"),
        // Filing is no measure: counted from 10-27, 31 days.
        event("（2026）湘1402执303号", "2026-10-27", "立案"),
        // 08-28 → 11-27: 3 + 30 + 31 + 27 = 91 days; the later service of documents is no
        // measure.
        event("（2026）湘1402执305号", "2026-08-28", "扣划"),
        event("（2026）湘1402执305号", "2026-11-20", "送达"),
        // 08-29: 90 days.
        event("（2026）湘1402执306号", "2026-08-29", "拍卖"),
        // 09-28 → 11-27: 2 + 31 + 27 = 60 days.
        event("（2026）湘1402执307号", "2026-09-28", "查控"),
        // 61 days.
        event("（2026）湘1402执308号", "2026-09-27", "罚款"),
        // 09-01 → 11-27: 29 + 31 + 27 = 87 days; the freezing dated after today does not count.
        event("（2026）湘1402执309号", "2026-09-01", "查封"),
        event("（2026）湘1402执309号", "2026-12-01", "冻结"),
        // The later of two measures counts: 11-01, 26 days.
        event("（2026）湘1402执310号", "2026-06-01", "查控"),
        event("（2026）湘1402执310号", "2026-11-01", "限制消费"),
        // Only service since filing on 07-01: counted from filing, 30 (to 07-31) + 31 + 30 + 31
        // + 27 = 149 days.
        event("（2026）湘1402执314号", "2026-11-26", "送达"),
        // A measure today: 0 days.
        event("（2026）湘1402执315号", "2026-11-27", "限制消费"),
    ];
    world_at("2026-11-27", &cases, &events)
}

/// The idle enforcement cases for `days`, as (serial, last measure, idle days).
fn idle_of(world: &mut World, days: i64) -> Vec<(u32, Option<NaiveDate>, i64)> {
    world
        .app
        .idle_enforcement(&mut world.store, &admin(), Filter::default(), days)
        .expect("idle enforcement")
        .into_iter()
        .map(|i| (i.case.case_no.serial(), i.last_measure, i.idle_days))
        .collect()
}

#[test]
fn enforcement_cases_without_a_measure_longest_idle_first() {
    let mut world = idle_world();
    // 执恢 313, filed 2026-01-05, no event: 26 (to 01-31) + 28 + 31 + 30 + 31 + 30 + 31 + 31 +
    // 30 + 31 (to 10-31) + 27 = 326 days. Not listed: 301 and 304 (30 days), 310 (26), 315 (0),
    // the civil case 311, and 312 closed today.
    let thirty = [
        (313, None, 326),
        (314, None, 149),
        (305, Some(d("2026-08-28")), 91),
        (306, Some(d("2026-08-29")), 90),
        (309, Some(d("2026-09-01")), 87),
        (308, Some(d("2026-09-27")), 61),
        (307, Some(d("2026-09-28")), 60),
        (302, Some(d("2026-10-27")), 31),
        (303, None, 31),
    ];
    assert_eq!(idle_of(&mut world, 30), thirty);
    // More than 60 days: 61 and up; more than 90: 91 and up.
    assert_eq!(idle_of(&mut world, 60), thirty[..6]);
    assert_eq!(idle_of(&mut world, 90), thirty[..3]);
}

// ---- 范围 ----

/// The scope table's cases, each an enforcement case filed 2024-01-02 and pending: due
/// 2024-07-02, so overdue on 2026-11-27, pending more than 12 months, and idle since filing —
/// on every list. Serials tell them apart; (court, division, judge):
fn scope_cases() -> Vec<CaseRecord> {
    let assigned = |number: &str, division: &str, judge: &str| {
        let mut c = case(number, "2024-01-02", None);
        c.division = Some(division.into());
        c.judge = Some(judge.into());
        c
    };
    vec![
        assigned("（2024）湘14执1号", "执行一庭", "张三"),
        assigned("（2024）湘1402执2号", "执行一庭", "张三"),
        assigned("（2024）湘1402执3号", "执行一庭", "李四"),
        assigned("（2024）湘1402执4号", "执行二庭", "王五"),
        assigned("（2024）湘1403执5号", "执行一庭", "张三"),
        assigned("（2024）湘1502执6号", "执行一庭", "张三"),
        assigned("（2024）鄂0102执7号", "执行一庭", "张三"),
        assigned("（2024）湘执8号", "执行一庭", "张三"),
    ]
}

fn someone(name: &str, role: Role, court: Option<&str>, division: Option<&str>) -> User {
    User {
        name: name.into(),
        role,
        court: court.map(code),
        division: division.map(str::to_string),
        staff_id: None,
    }
}

/// `user` asking for (court, division, judge) sees the cases `expected` (serials; `None`: the
/// request is refused) — on the pending list and on each of the three supervision lists.
#[track_caller]
fn check_scope(
    world: &mut World,
    user: &User,
    asked: (Option<&str>, Option<&str>, Option<&str>),
    expected: Option<&[u32]>,
) {
    let filter = Filter {
        // "湘14" alone, "湘14+" with the courts below it.
        court: asked.0.map(|c| match c.strip_suffix('+') {
            Some(court) => CourtScope::with_lower(code(court)),
            None => CourtScope::alone(code(c)),
        }),
        division: asked.1.map(str::to_string),
        judge: asked.2.map(str::to_string),
        ..Filter::default()
    };
    let sorted = |mut serials: Vec<u32>| {
        serials.sort_unstable();
        serials
    };
    let (app, store) = (&world.app, &mut world.store);
    let lists = [
        app.pending_today(store, user, &mut filter.clone())
            .map(|cases| sorted(serials(&cases))),
        app.warnings(store, user, filter.clone(), None)
            .map(|w| sorted(serials(w.iter().map(|w| &w.case)))),
        app.long_pending(store, user, filter.clone(), 12)
            .map(|l| sorted(serials(l.iter().map(|l| &l.case)))),
        app.idle_enforcement(store, user, filter.clone(), 30)
            .map(|i| sorted(serials(i.iter().map(|i| &i.case)))),
    ];
    for (list, name) in lists
        .into_iter()
        .zip(["pending", "warnings", "long", "idle"])
    {
        let label = format!(
            "{name}: {} {:?} {:?} asking {asked:?}",
            user.name, user.role, user.court
        );
        match (list, expected) {
            (Ok(got), Some(want)) => assert_eq!(got, want, "{label}"),
            (Err(AppError::Invalid(message)), None) => {
                assert!(message.zh().contains("无权查看"), "{label}: {message:?}")
            }
            (got, want) => panic!("{label}: got {got:?}, want {want:?}"),
        }
    }
}

#[test]
fn each_role_sees_exactly_its_cases() {
    let mut world = world_at("2026-11-27", &scope_cases(), &[]);
    let w = &mut world;
    let none = (None, None, None);
    // The network's administrator: everything.
    check_scope(w, &admin(), none, Some(&[1, 2, 3, 4, 5, 6, 7, 8]));
    // An administrator held to a basic court: that court.
    let court_admin = someone("管理员", Role::Admin, Some("湘1402"), None);
    check_scope(w, &court_admin, none, Some(&[2, 3, 4]));
    // A leader of the intermediate court 湘14: it and the basic courts below it (湘1402, 湘1403),
    // not 湘1502, not the high court, not another province.
    let city = someone("院长", Role::Leader, Some("湘14"), None);
    check_scope(w, &city, none, Some(&[1, 2, 3, 4, 5]));
    // A leader of the high court 湘: the province.
    let province = someone("院长", Role::Leader, Some("湘"), None);
    check_scope(w, &province, none, Some(&[1, 2, 3, 4, 5, 6, 8]));
    // The office of 湘1402: its court, every division.
    let office = someone("审管办", Role::Office, Some("湘1402"), None);
    check_scope(w, &office, none, Some(&[2, 3, 4]));
    // The head of 执行一庭 of 湘1402: that division only.
    let head = someone("庭长", Role::Division, Some("湘1402"), Some("执行一庭"));
    check_scope(w, &head, none, Some(&[2, 3]));
    // Judge 张三 of 湘1402: their own cases there, not those of a namesake in 湘1403.
    let judge = someone("张三", Role::Judge, Some("湘1402"), None);
    check_scope(w, &judge, none, Some(&[2]));
    // The same name held to 湘14 is the 湘14 person: namesakes in the courts below are others.
    let judge_city = someone("张三", Role::Judge, Some("湘14"), None);
    check_scope(w, &judge_city, none, Some(&[1]));
    // With a staff number, the cases naming that number (none here: these name only names).
    let numbered = User {
        staff_id: Some(shenguan_domain::StaffId::parse("1402001").expect("a staff number")),
        ..someone("张三", Role::Judge, Some("湘1402"), None)
    };
    check_scope(w, &numbered, none, Some(&[]));
}

#[test]
fn a_filter_narrows_within_the_scope() {
    let mut world = world_at("2026-11-27", &scope_cases(), &[]);
    let w = &mut world;
    let city = someone("院长", Role::Leader, Some("湘14"), None);
    check_scope(w, &city, (Some("湘1403"), None, None), Some(&[5]));
    // The intermediate court asked for: its own case alone; with the courts below, all five.
    check_scope(w, &city, (Some("湘14"), None, None), Some(&[1]));
    check_scope(
        w,
        &city,
        (Some("湘14+"), None, None),
        Some(&[1, 2, 3, 4, 5]),
    );
    check_scope(
        w,
        &city,
        (None, Some("执行一庭"), None),
        Some(&[1, 2, 3, 5]),
    );
    check_scope(w, &city, (None, None, Some("张三")), Some(&[1, 2, 5]));
    check_scope(w, &city, (None, Some("执行一庭"), Some("李四")), Some(&[3]));
    check_scope(w, &city, (None, Some("执行二庭"), Some("李四")), Some(&[]));
    let head = someone("庭长", Role::Division, Some("湘1402"), Some("执行一庭"));
    check_scope(w, &head, (None, Some("执行一庭"), None), Some(&[2, 3]));
    check_scope(w, &head, (None, None, Some("李四")), Some(&[3]));
    // 王五 works in 执行二庭: not in this division's lists.
    check_scope(w, &head, (None, None, Some("王五")), Some(&[]));
    let admin = admin();
    check_scope(w, &admin, (Some("湘15+"), None, None), Some(&[6]));
    check_scope(w, &admin, (None, None, Some("李四")), Some(&[3]));
    check_scope(w, &admin, (Some("鄂+"), Some("执行一庭"), None), Some(&[7]));
    check_scope(w, &admin, (Some("鄂"), Some("执行一庭"), None), Some(&[]));
}

#[test]
fn a_request_beyond_the_scope_is_refused() {
    let mut world = world_at("2026-11-27", &scope_cases(), &[]);
    let w = &mut world;
    let city = someone("院长", Role::Leader, Some("湘14"), None);
    check_scope(w, &city, (Some("湘15"), None, None), None);
    check_scope(w, &city, (Some("湘1502"), None, None), None);
    check_scope(w, &city, (Some("湘"), None, None), None);
    let office = someone("审管办", Role::Office, Some("湘1402"), None);
    check_scope(w, &office, (Some("湘14"), None, None), None);
    check_scope(w, &office, (Some("湘1403"), None, None), None);
    let head = someone("庭长", Role::Division, Some("湘1402"), Some("执行一庭"));
    check_scope(w, &head, (None, Some("执行二庭"), None), None);
    let judge = someone("张三", Role::Judge, Some("湘1402"), None);
    check_scope(w, &judge, (None, None, Some("李四")), None);
    check_scope(w, &judge, (Some("湘1403"), None, None), None);
}

#[test]
fn ties_are_ordered_by_case_number_as_numbers_not_as_text() {
    // Equal in everything the lists sort by, the cases come in the order of their numbers —
    // year, court, type, then serial: 9号 before 10号, where as text "10" comes before "9".
    let cases = [
        case("（2025）湘1402民初10号", "2025-06-02", None),
        case("（2025）湘1402民初9号", "2025-06-02", None),
        case("（2024）湘1402民初11号", "2025-06-02", None),
        case("（2025）湘1402执10号", "2025-06-02", None),
        case("（2025）湘1402执9号", "2025-06-02", None),
    ];
    let mut world = world_at("2026-11-27", &cases, &[]);
    // Filed 2025-06-02: 2025-06-02 → 2026-06-02 is 365 days, + 28 + 31 + 31 + 30 + 31 + 27 =
    // 178 → 543 days old, over 12 months, and 543 days without a measure.
    let serials_of = |list: Vec<(u32, i64)>| list.into_iter().map(|(s, _)| s).collect::<Vec<_>>();
    assert_eq!(
        serials_of(long_pending_of(&mut world, 12)),
        [11, 9, 10, 9, 10],
        "（2024）…11号 first; then by type, 民初 before 执 as in the type table; then by serial"
    );
    assert_eq!(
        idle_of(&mut world, 30)
            .into_iter()
            .map(|(serial, _, days)| (serial, days))
            .collect::<Vec<_>>(),
        [(9, 543), (10, 543)]
    );
    // Every case is due 2025-12-02 (six months, 民初 by the ordinary procedure and 执 alike):
    // all overdue by the same 2025-12-02 → 2026-12-02 (365) less 5 (11-27 → 12-02) = 360 days.
    let overdue: Vec<(u32, i64)> = warnings_of(&mut world, Some(WarningTier::Overdue))
        .into_iter()
        .map(|(serial, _, _, days_left)| (serial, days_left))
        .collect();
    assert_eq!(
        overdue,
        [(11, -360), (9, -360), (10, -360), (9, -360), (10, -360)]
    );
}
