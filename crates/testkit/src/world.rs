//! The web test world: one served store the web tests read — a generated 清河市 network whose
//! cases run up to [`TODAY`], a hand-made set of cases sitting on every cut-off of the
//! supervision lists ([`Boundary`], [`BOUNDARY_CASES`]), and an account of every role with its
//! password and API token ([`Account`]) — with requests sent straight to the router.
//!
//! [`world`] builds it once per test binary and shares it: tests that only read use it, in any
//! order and at the same time. A test that writes cases (an import) or changes a shared state it
//! then asserts on (a login lock-out) takes a [`fresh_world`] of its own, so that the shared one
//! always holds exactly the data described here. Audit lines are written by every test that opens
//! a case, so a test looks for its own line rather than at the newest one.
//!
//! Every expected figure about the boundary cases is worked out by hand from the rules they sit
//! on; the comments beside each case give the arithmetic.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use chrono::NaiveDate;
use http_body_util::BodyExt;
use serde_json::Value;
use shenguan_app::generate::{GenerateRequest, GenerateTarget};
use shenguan_app::{App, Config, FixedClock};
use shenguan_domain::{
    CaseNumber, CaseRecord, ClosingMethod, CourtCode, CourtScope, EventKind, EventRecord,
    Extension, Period, Procedure,
};
use shenguan_store::{CaseQuery, Store, StoreUrl};
use shenguan_web::{Server, router};
use tower::ServiceExt;

use shenguan_app::accounts::NewAccount;
pub use shenguan_app::accounts::Role;

use crate::TempDir;

/// The world's today, a Friday: the clock of its application (a [`FixedClock`]).
pub const TODAY: NaiveDate = day(2026, 11, 27);

/// The first day of the generated network.
pub const FIRST_DAY: NaiveDate = day(2023, 1, 1);

/// Every account's password.
pub const PASSWORD: &str = "long enough password";

/// The generated network: its seed and about how many cases (3 basic courts 湘1402–湘1404 under
/// the intermediate court 湘14).
const SEED: u64 = 4;
const CASES: u64 = 4000;
const BASIC_COURTS: usize = 3;

const fn day(year: i32, month: u32, day: u32) -> NaiveDate {
    match NaiveDate::from_ymd_opt(year, month, day) {
        Some(date) => date,
        None => panic!("not a date"),
    }
}

// ── The boundary cases ────────────────────────────────────────────────────────────────────────

/// The court of the boundary cases and of the 院领导, 审管办, 庭长 and 法官 accounts.
pub const COURT: &str = "湘1402";
/// Its name, as the generated network calls it.
pub const COURT_NAME: &str = "清河市清河区人民法院";
/// The division that holds the boundary cases and nothing else (the generator has no division of
/// this name), headed by the 庭长 account.
pub const DIVISION: &str = "综合审判庭";
/// The judge account's name: a judge of [`DIVISION`].
pub const JUDGE: &str = "欧阳明";
/// The other judge of [`DIVISION`], whose cases [`JUDGE`] may not open.
pub const COLLEAGUE: &str = "司马雪";
/// The cause of [`Boundary::long_pending_12m_in`]: markup a page must show as text.
pub const MARKUP_CAUSE: &str = "民间借贷纠纷<script>alert('案由')</script>";
/// The detail of that case's last event (开庭 on 2026-03-10): markup again.
pub const MARKUP_DETAIL: &str = "<img src=x onerror=alert(1)>第一次开庭";

/// The boundary cases by name: each sits on one side of one cut-off, as of [`TODAY`]
/// (2026-11-27). `…_in` is on the list the name says, `…_out` one day short of it.
///
/// Long pending (`filed_on < months_back(TODAY, N)`; filed exactly N calendar months ago is not
/// over N months): 12 months back is 2025-11-27, 18 months 2025-05-27, 36 months 2023-11-27.
///
/// Idle enforcement (days since the last measure `> N`): 30 days back is 2026-10-28, 60 days
/// 2026-09-28, 90 days 2026-08-29.
///
/// Warnings, by days left to the deadline (`< 0` overdue, `0..=5`, `6..=15`, `16..=30`, then two
/// thirds of the limit used): the 民特 cases have the 30-day limit of 民事诉讼法第187条, counted
/// from the day after filing and moved off weekends. TODAY is a Friday, so no deadline can leave
/// exactly 15 or 16 days (Saturday, Sunday) or 29 or 30 (Saturday, Sunday): the cases on those
/// cut-offs are the nearest weekdays, and one whose plain end falls on the weekend and rolls
/// across the cut-off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Boundary {
    /// Filed 2025-11-26, the day before the 12-month cut: pending 366 days.
    pub long_pending_12m_in: &'static str,
    /// Filed 2025-11-27, exactly 12 months ago: not over 12 months.
    pub long_pending_12m_out: &'static str,
    /// Filed 2025-05-26: over 18 months (and 12).
    pub long_pending_18m_in: &'static str,
    /// Filed 2025-05-27, exactly 18 months ago: over 12 months only.
    pub long_pending_18m_out: &'static str,
    /// Filed 2023-11-26: over 36 months (and 18, 12). Heard on 2024-03-01, with a second
    /// hearing set for 2026-12-15.
    pub long_pending_36m_in: &'static str,
    /// Filed 2023-11-27, exactly 36 months ago: over 18 and 12 months only. Its number sorts
    /// before [`Boundary::long_pending_36m_in`]'s although it was filed a day later.
    pub long_pending_36m_out: &'static str,
    /// Last measure 2026-10-27: idle 31 days.
    pub idle_30d_in: &'static str,
    /// Last measure 2026-10-28: idle 30 days, not over 30.
    pub idle_30d_out: &'static str,
    /// Last measure 2026-09-27: idle 61 days.
    pub idle_60d_in: &'static str,
    /// Last measure 2026-09-28: idle 60 days.
    pub idle_60d_out: &'static str,
    /// Last measure 2026-08-28 (an auction set for 2026-12-10 is not yet taken): idle 91 days.
    pub idle_90d_in: &'static str,
    /// Last measure 2026-08-29: idle 90 days.
    pub idle_90d_out: &'static str,
    /// No measure at all (filed 2026-08-03, documents served since): idle 116 days from filing.
    pub idle_no_measure: &'static str,
    /// Deadline 2026-11-26, yesterday: overdue, −1 day left.
    pub overdue_in: &'static str,
    /// Deadline today: 0 days left, not overdue (5 days tier).
    pub overdue_out: &'static str,
    /// Deadline 2026-12-02: 5 days left (5 days tier).
    pub within_5d_in: &'static str,
    /// Deadline 2026-12-03: 6 days left (15 days tier).
    pub within_5d_out: &'static str,
    /// Deadline 2026-12-11 (Friday): 14 days left (15 days tier).
    pub within_15d_in: &'static str,
    /// Plain end 2026-12-12, a Saturday, rolled to Monday 2026-12-14: 17 days left (30 days tier).
    pub within_15d_out: &'static str,
    /// Deadline 2026-12-25 (Friday): 28 days left (30 days tier).
    pub within_30d_in: &'static str,
    /// Filed today; plain end 2026-12-27, a Sunday, rolled to Monday 2026-12-28: 31 days left and
    /// nothing of the limit used (no tier).
    pub within_30d_out: &'static str,
    /// Filed 2026-09-22 with 69 days of extension: deadline 2026-12-30, a limit of 99 days of
    /// which 66 are used — exactly two thirds (66 × 3 = 198 = 99 × 2); 33 days left.
    pub two_thirds_in: &'static str,
    /// Filed 2026-09-23 with 68 days of extension: the same deadline, a limit of 98 days of which
    /// 65 are used (65 × 3 = 195 < 196): no tier.
    pub two_thirds_out: &'static str,
    /// Filed 2023-06-01, closed yesterday: on no list, however old.
    pub closed_yesterday: &'static str,
    /// An enforcement case with no measure, closed today: on no list (pending means not closed
    /// by today).
    pub closed_today: &'static str,
}

/// The boundary cases, by name.
pub const BOUNDARY: Boundary = Boundary {
    long_pending_12m_in: "（2025）湘1402民初9003号",
    long_pending_12m_out: "（2025）湘1402民初9004号",
    long_pending_18m_in: "（2025）湘1402民初9001号",
    long_pending_18m_out: "（2025）湘1402民初9002号",
    long_pending_36m_in: "（2023）湘1402民初9002号",
    long_pending_36m_out: "（2023）湘1402民初9001号",
    idle_30d_in: "（2026）湘1402执9001号",
    idle_30d_out: "（2026）湘1402执9002号",
    idle_60d_in: "（2026）湘1402执9003号",
    idle_60d_out: "（2026）湘1402执9004号",
    idle_90d_in: "（2026）湘1402执9005号",
    idle_90d_out: "（2026）湘1402执9006号",
    idle_no_measure: "（2026）湘1402执9007号",
    overdue_in: "（2026）湘1402民特9001号",
    overdue_out: "（2026）湘1402民特9002号",
    within_5d_in: "（2026）湘1402民特9003号",
    within_5d_out: "（2026）湘1402民特9004号",
    within_15d_in: "（2026）湘1402民特9005号",
    within_15d_out: "（2026）湘1402民特9006号",
    within_30d_in: "（2026）湘1402民特9007号",
    within_30d_out: "（2026）湘1402民特9008号",
    two_thirds_in: "（2026）湘1402民特9009号",
    two_thirds_out: "（2026）湘1402民特9010号",
    closed_yesterday: "（2023）湘1402民初9003号",
    closed_today: "（2026）湘1402执9008号",
};

/// One hand-made case of [`DIVISION`] in [`COURT`]: the facts its list places follow from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BoundaryCase {
    /// In the canonical form (full-width brackets).
    pub case_no: &'static str,
    pub judge: &'static str,
    pub procedure: Procedure,
    pub filed_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    pub closing_method: Option<&'static str>,
    pub extension_days: u32,
    pub cause: &'static str,
    /// Date, kind, detail.
    pub events: &'static [(NaiveDate, &'static str, &'static str)],
}

const B: Boundary = BOUNDARY;

/// A pending 民初 case under the ordinary procedure (6 months), filed on `filed`.
const fn civil(case_no: &'static str, judge: &'static str, filed: NaiveDate) -> BoundaryCase {
    BoundaryCase {
        case_no,
        judge,
        procedure: Procedure::Ordinary,
        filed_on: filed,
        closed_on: None,
        closing_method: None,
        extension_days: 0,
        cause: "买卖合同纠纷",
        events: &[],
    }
}

/// A pending 执 case filed on 2026-08-03 (a Monday) with `events` after its filing. Its
/// deadline, six months on (2027-02-03), leaves more than 30 days and less than two thirds of
/// the limit used (116 of about 184 days): no warning tier.
const fn enforcement(
    case_no: &'static str,
    judge: &'static str,
    events: &'static [(NaiveDate, &'static str, &'static str)],
) -> BoundaryCase {
    BoundaryCase {
        case_no,
        judge,
        procedure: Procedure::Ordinary,
        filed_on: ENFORCEMENT_FILED,
        closed_on: None,
        closing_method: None,
        extension_days: 0,
        cause: "借款合同纠纷",
        events,
    }
}

const ENFORCEMENT_FILED: NaiveDate = day(2026, 8, 3);

/// A pending 民特 case (special procedure, 30 days) filed on `filed` with `extension_days`.
const fn special(
    case_no: &'static str,
    judge: &'static str,
    filed: NaiveDate,
    extension_days: u32,
) -> BoundaryCase {
    BoundaryCase {
        case_no,
        judge,
        procedure: Procedure::Special,
        filed_on: filed,
        closed_on: None,
        closing_method: None,
        extension_days,
        cause: "申请确认调解协议",
        events: &[],
    }
}

/// Every boundary case: 25 in all, 13 handled by [`JUDGE`] and 12 by [`COLLEAGUE`].
pub const BOUNDARY_CASES: &[BoundaryCase] = &[
    // 民初, 6 months: all pending past their deadlines (overdue).
    // 2023-11-26 + 6 months = 2024-05-26, a Sunday → Monday 2024-05-27: 914 days ago. Its last
    // event as of today is the hearing of 2024-03-01; the one set for 2026-12-15 is yet to come.
    BoundaryCase {
        events: &[
            (day(2024, 3, 1), "开庭", "第一次开庭"),
            (day(2026, 12, 15), "开庭", "定于2026-12-15第二次开庭"),
        ],
        ..civil(B.long_pending_36m_in, JUDGE, day(2023, 11, 26))
    },
    // 2023-11-27 + 6 months = 2024-05-27 (Monday): the same deadline, 914 days ago.
    civil(B.long_pending_36m_out, COLLEAGUE, day(2023, 11, 27)),
    // Deadline 2025-11-26 (Wednesday): 366 days ago.
    civil(B.long_pending_18m_in, COLLEAGUE, day(2025, 5, 26)),
    // Deadline 2025-11-27 (Thursday): 365 days ago.
    civil(B.long_pending_18m_out, JUDGE, day(2025, 5, 27)),
    // Deadline 2026-05-26 (Tuesday): 185 days ago. Its last event is the hearing of 2026-03-10.
    BoundaryCase {
        cause: MARKUP_CAUSE,
        events: &[(day(2026, 3, 10), "开庭", MARKUP_DETAIL)],
        ..civil(B.long_pending_12m_in, JUDGE, day(2025, 11, 26))
    },
    // Deadline 2026-05-27 (Wednesday): 184 days ago.
    civil(B.long_pending_12m_out, COLLEAGUE, day(2025, 11, 27)),
    BoundaryCase {
        closed_on: Some(day(2026, 11, 26)),
        closing_method: Some("判决"),
        events: &[(day(2026, 11, 26), "结案", "判决")],
        ..civil(B.closed_yesterday, COLLEAGUE, day(2023, 6, 1))
    },
    // 执: idle days are counted from the last measure (`EventKind::is_enforcement_measure`), not from other
    // events such as service.
    enforcement(
        B.idle_30d_in,
        COLLEAGUE,
        &[
            (day(2026, 8, 5), "查控", "网络查控"),
            (day(2026, 10, 27), "限制消费", "限制高消费令"),
            (day(2026, 11, 20), "送达", "执行通知书"),
        ],
    ),
    enforcement(
        B.idle_30d_out,
        JUDGE,
        &[(day(2026, 10, 28), "失信", "纳入失信被执行人名单")],
    ),
    enforcement(
        B.idle_60d_in,
        JUDGE,
        &[(day(2026, 9, 27), "查封", "查封房产")],
    ),
    enforcement(
        B.idle_60d_out,
        COLLEAGUE,
        &[(day(2026, 9, 28), "扣划", "扣划存款")],
    ),
    enforcement(
        B.idle_90d_in,
        JUDGE,
        &[
            (day(2026, 8, 28), "冻结", "冻结银行账户"),
            (day(2026, 12, 10), "拍卖", "拍卖公告：定于2026-12-10拍卖"),
        ],
    ),
    enforcement(
        B.idle_90d_out,
        COLLEAGUE,
        &[(day(2026, 8, 29), "查控", "网络查控")],
    ),
    enforcement(
        B.idle_no_measure,
        JUDGE,
        &[(day(2026, 8, 10), "送达", "执行通知书")],
    ),
    BoundaryCase {
        closed_on: Some(TODAY),
        closing_method: Some("执行完毕"),
        events: &[(TODAY, "结案", "执行完毕")],
        ..enforcement(B.closed_today, JUDGE, &[])
    },
    // 民特, 30 days from the day after filing.
    // 2026-10-27 + 30 days = 2026-11-26 (Thursday).
    special(B.overdue_in, JUDGE, day(2026, 10, 27), 0),
    // 2026-10-28 + 30 = 2026-11-27 (Friday).
    special(B.overdue_out, COLLEAGUE, day(2026, 10, 28), 0),
    // 2026-11-02 + 30 = 2026-12-02 (Wednesday).
    special(B.within_5d_in, COLLEAGUE, day(2026, 11, 2), 0),
    // 2026-11-03 + 30 = 2026-12-03 (Thursday).
    special(B.within_5d_out, JUDGE, day(2026, 11, 3), 0),
    // 2026-11-11 + 30 = 2026-12-11 (Friday).
    special(B.within_15d_in, JUDGE, day(2026, 11, 11), 0),
    // 2026-11-12 + 30 = 2026-12-12 (Saturday) → 2026-12-14.
    special(B.within_15d_out, COLLEAGUE, day(2026, 11, 12), 0),
    // 2026-11-25 + 30 = 2026-12-25 (Friday).
    special(B.within_30d_in, COLLEAGUE, day(2026, 11, 25), 0),
    // 2026-11-27 + 30 = 2026-12-27 (Sunday) → 2026-12-28.
    special(B.within_30d_out, JUDGE, TODAY, 0),
    // 2026-09-22 + 30 + 69 = 2026-12-30 (Wednesday).
    special(B.two_thirds_in, JUDGE, day(2026, 9, 22), 69),
    // 2026-09-23 + 30 + 68 = 2026-12-30.
    special(B.two_thirds_out, COLLEAGUE, day(2026, 9, 23), 68),
];

impl BoundaryCase {
    /// The case as the store holds it, with its filing (立案) and `events`.
    pub fn records(&self) -> (CaseRecord, Vec<EventRecord>) {
        let case_no = CaseNumber::parse(self.case_no, 2026).expect("a boundary case number");
        let record = CaseRecord {
            case_no: case_no.clone(),
            court: CourtCode::parse(COURT).expect("the court"),
            court_name: Some(COURT_NAME.to_string()),
            procedure: Some(self.procedure),
            cause: Some(self.cause.to_string()),
            division: Some(DIVISION.to_string()),
            judge: Some(self.judge.to_string()),
            // Named only: the boundary judges are not on the generated staff list.
            judge_id: None,
            filed_on: self.filed_on,
            closed_on: self.closed_on,
            closing_method: self
                .closing_method
                .map(|m| ClosingMethod::parse(m).expect("a boundary closing method")),
            claim_amount: None,
            recovered_amount: None,
            extensions: (self.extension_days > 0)
                .then_some(Extension::of(Period::Days(self.extension_days)))
                .into_iter()
                .collect(),
            exclusions: Vec::new(),
            origin_case_no: None,
        };
        let events = std::iter::once((self.filed_on, "立案", ""))
            .chain(self.events.iter().copied())
            .map(|(date, kind, detail)| EventRecord {
                case_no: case_no.clone(),
                date,
                kind: EventKind::parse(kind).expect("a boundary event kind"),
                detail: detail.to_string(),
            })
            .collect();
        (record, events)
    }
}

/// The boundary case with this number.
pub fn boundary_case(case_no: &str) -> &'static BoundaryCase {
    BOUNDARY_CASES
        .iter()
        .find(|c| c.case_no == case_no)
        .unwrap_or_else(|| panic!("{case_no} is not a boundary case"))
}

// ── Accounts ──────────────────────────────────────────────────────────────────────────────────

/// An account of the world: who, with what scope, and how to sign in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    pub name: String,
    pub role: Role,
    /// The court the account sees (with the courts below it); `None`: the whole network.
    pub court: Option<String>,
    pub division: Option<String>,
    pub password: String,
    /// Its API token (`Authorization: Bearer …`).
    pub token: String,
}

/// The accounts made, by name, role, court and division.
const ACCOUNTS: &[(&str, Role, Option<&str>, Option<&str>)] = &[
    ("管理员", Role::Admin, None, None),
    ("院领导", Role::Leader, Some(COURT), None),
    ("审管办", Role::Office, Some(COURT), None),
    ("庭长", Role::Division, Some(COURT), Some(DIVISION)),
    (JUDGE, Role::Judge, Some(COURT), None),
    (COLLEAGUE, Role::Judge, Some(COURT), None),
    ("中院审管办", Role::Office, Some("湘14"), None),
];

// ── The world ─────────────────────────────────────────────────────────────────────────────────

/// A served store with its accounts. Fields are the accounts by what they are; [`World::account`]
/// gives the first five by role.
#[derive(Debug)]
pub struct World {
    pub server: Arc<Server>,
    /// 系统管理员 of the network.
    pub admin: Account,
    /// 院领导 of [`COURT`] (湘1402).
    pub leader: Account,
    /// 审管办 of [`COURT`].
    pub office: Account,
    /// 庭长 of [`DIVISION`] in [`COURT`].
    pub division: Account,
    /// 法官 [`JUDGE`] of [`COURT`], in [`DIVISION`].
    pub judge: Account,
    /// 法官 [`COLLEAGUE`], the judge's colleague in the same court and division.
    pub colleague: Account,
    /// 审管办 of the intermediate court 湘14, which sees the courts below it.
    pub city_office: Account,
    /// A judge of 湘1403 with cases there (a name the generator gave).
    pub judge_1403: Account,
    /// The boundary cases by name (the same as [`BOUNDARY`]).
    pub boundary: Boundary,
    db: PathBuf,
    /// Session cookies by account name, signed in once and shared (see [`World::session`]).
    sessions: Mutex<HashMap<String, String>>,
    /// The server's clock: [`TODAY`] unless a test of a fresh world moves it on.
    clock: WorldClock,
    _dir: TempDir,
}

/// A clock the world's tests can move (a fresh world's only: the shared world stays at
/// [`TODAY`]); midday of its day for the audit log, as `FixedClock`.
#[derive(Clone, Debug)]
struct WorldClock(Arc<Mutex<NaiveDate>>);

impl Default for WorldClock {
    fn default() -> WorldClock {
        WorldClock(Arc::new(Mutex::new(TODAY)))
    }
}

impl shenguan_app::Clock for WorldClock {
    fn today(&self) -> NaiveDate {
        *self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn now_text(&self) -> String {
        format!("{}T12:00:00+08:00", self.today())
    }
}

/// The world shared by the tests of one binary, built on first use. Read only: see the module
/// comment.
pub fn world() -> &'static World {
    static WORLD: OnceLock<World> = OnceLock::new();
    WORLD.get_or_init(|| {
        // A static is never dropped, so this world's folder outlives the process; the next
        // process's world removes it.
        remove_folders_of_ended_processes();
        build(Config::default())
    })
}

/// A world of its own, for a test that writes to it; its folder goes when it is dropped.
pub fn fresh_world() -> World {
    build(Config::default())
}

/// A world of its own served with `config` (today still fixed at [`TODAY`]).
pub fn fresh_world_with(config: Config) -> World {
    build(config)
}

/// The application the world serves: default configuration, today fixed at [`TODAY`].
pub fn app() -> App {
    App::with_clock(Config::default(), Box::new(FixedClock(TODAY))).expect("the application")
}

const FOLDER_LABEL: &str = "world";

fn build(config: Config) -> World {
    let dir = TempDir::new(FOLDER_LABEL);
    let db = dir.join("shenguan.db");
    let url = db.display().to_string();
    let clock = WorldClock::default();
    let app = App::with_clock(config, Box::new(clock.clone())).expect("the application");
    let mut store = app.open_store(Some(&url)).expect("the store");
    let request = GenerateRequest {
        seed: SEED,
        basic_courts: BASIC_COURTS,
        city: shenguan_app::generate::DEFAULT_CITY,
        from: FIRST_DAY,
        to: TODAY,
        scale: None,
        cases: Some(CASES),
        threads: 1,
        snapshot: None,
        service: false,
        plants: Vec::new(),
        plant_truth: None,
    };
    app.generate(
        &request,
        &GenerateTarget::Store,
        Some(&mut store),
        &mut |_, _| {},
    )
    .expect("the generated network");
    let mut fixtures = raw_store(&db);
    write_boundary(&mut fixtures);
    let judge_1403 = fixtures
        .cases(&CaseQuery {
            court: Some(CourtScope::alone(
                CourtCode::parse("湘1403").expect("court"),
            )),
            from: None,
            to: None,
        })
        .expect("the cases of 湘1403")
        .into_iter()
        .find_map(|c| Some((c.judge?, c.judge_id?.to_string())))
        .expect("a judge in 湘1403");
    let mut accounts: Vec<Account> = ACCOUNTS
        .iter()
        .map(|(name, role, court, division)| {
            account(&app, &mut store, name, *role, *court, *division, None)
        })
        .collect();
    accounts.push(account(
        &app,
        &mut store,
        &judge_1403.0,
        Role::Judge,
        Some("湘1403"),
        None,
        Some(&judge_1403.1),
    ));
    // Three connections, as a server has: a write on one is read on the others.
    let more = (0..2)
        .map(|_| app.open_store(Some(&url)).expect("another connection"))
        .collect();
    let mut server = Server::new(app, store).expect("the server");
    server.add_connections(more).expect("the connections");
    // The limit on failed sign-ins reads a clock that stands still: a wait never runs out
    // because a test was slow.
    let frozen = std::time::Instant::now();
    server.set_monotonic_clock(Box::new(move || frozen));
    let mut accounts = accounts.into_iter();
    let mut next = || accounts.next().expect("an account");
    World {
        server: Arc::new(server),
        admin: next(),
        leader: next(),
        office: next(),
        division: next(),
        judge: next(),
        colleague: next(),
        city_office: next(),
        judge_1403: next(),
        boundary: BOUNDARY,
        db,
        sessions: Mutex::default(),
        clock,
        _dir: dir,
    }
}

/// A connection to the store at `db` of its own, beside the app's: the fixtures are written
/// through it, and tests read through it what the server wrote.
fn raw_store(db: &Path) -> Store {
    let url = StoreUrl::parse(&db.display().to_string()).expect("the store's address");
    Store::open(&url).expect("a connection to the world's store")
}

/// Writes the boundary cases, after checking that the generated network holds none of their
/// numbers and no case of their division (so that the division's cases are exactly these).
fn write_boundary(store: &mut Store) {
    let numbers: Vec<String> = BOUNDARY_CASES
        .iter()
        .map(|c| c.case_no.to_string())
        .collect();
    let taken = store.existing_cases(&numbers).expect("existing cases");
    assert!(taken.is_empty(), "generated cases already use {taken:?}");
    let generated = store
        .cases(&CaseQuery {
            court: Some(CourtScope::alone(CourtCode::parse(COURT).expect("court"))),
            from: None,
            to: None,
        })
        .expect("the court's cases");
    assert!(
        generated
            .iter()
            .all(|c| c.division.as_deref() != Some(DIVISION)
                && c.judge.as_deref() != Some(JUDGE)
                && c.judge.as_deref() != Some(COLLEAGUE)),
        "the generator used the boundary division or its judges"
    );
    let (cases, events): (Vec<CaseRecord>, Vec<Vec<EventRecord>>) =
        BOUNDARY_CASES.iter().map(BoundaryCase::records).unzip();
    let events: Vec<EventRecord> = events.into_iter().flatten().collect();
    let written = store
        .write_import(&cases, &events, &mut |_| {})
        .expect("the boundary cases");
    assert_eq!(written.added, BOUNDARY_CASES.len() as u64);
}

fn account(
    app: &App,
    store: &mut shenguan_app::Store,
    name: &str,
    role: Role,
    court: Option<&str>,
    division: Option<&str>,
    staff_id: Option<&str>,
) -> Account {
    let code = court.map(|c| CourtCode::parse(c).expect("court"));
    app.add_user(
        store,
        NewAccount {
            name,
            role,
            court: code,
            division,
            staff_id,
            password: PASSWORD,
        },
    )
    .expect("an account");
    let token = app.new_token(store, name).expect("a token");
    Account {
        name: name.to_string(),
        role,
        court: court.map(str::to_string),
        division: division.map(str::to_string),
        password: PASSWORD.to_string(),
        token,
    }
}

/// Removes the folders of worlds whose process has ended (where the system lists its processes
/// under `/proc`; elsewhere they stay in the temporary folder).
fn remove_folders_of_ended_processes() {
    let processes = Path::new("/proc");
    if !processes.join("self").exists() {
        return;
    }
    let prefix = format!("shenguan-{FOLDER_LABEL}-");
    let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let pid = name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|rest| rest.split('-').next())
            .filter(|pid| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
        if let Some(pid) = pid
            && !processes.join(pid).exists()
        {
            // Another process may be removing it too.
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

impl World {
    /// The account of `role`: the network's administrator, 湘1402's 院领导 and 审管办, the 庭长 of
    /// [`DIVISION`], the judge [`JUDGE`].
    pub fn account(&self, role: Role) -> &Account {
        match role {
            Role::Admin => &self.admin,
            Role::Leader => &self.leader,
            Role::Office => &self.office,
            Role::Division => &self.division,
            Role::Judge => &self.judge,
        }
    }

    /// Every account.
    pub fn accounts(&self) -> [&Account; 8] {
        [
            &self.admin,
            &self.leader,
            &self.office,
            &self.division,
            &self.judge,
            &self.colleague,
            &self.city_office,
            &self.judge_1403,
        ]
    }

    /// Moves the server's today to `day` (the tests of a fresh world: a reply that falls late,
    /// a date that passes).
    pub fn set_today(&self, day: NaiveDate) {
        *self
            .clock
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = day;
    }

    /// The world's SQLite file.
    pub fn db_path(&self) -> &Path {
        &self.db
    }

    /// A new connection to the world's store, to read what it holds apart from the server.
    pub fn store(&self) -> shenguan_app::Store {
        app()
            .open_store(Some(&self.db.display().to_string()))
            .expect("a connection to the world's store")
    }

    /// A connection to the world's store that reads it directly, not through the app's
    /// services: what a test checks the server wrote (audit lines, tokens, accounts).
    pub fn direct_store(&self) -> Store {
        raw_store(&self.db)
    }

    /// The cases the store holds for `court` (and the courts below it; `None`: all).
    pub fn stored_cases(&self, court: Option<&str>) -> Vec<CaseRecord> {
        self.direct_store()
            .cases(&CaseQuery {
                court: court.map(|c| CourtScope::with_lower(CourtCode::parse(c).expect("court"))),
                from: None,
                to: None,
            })
            .expect("the stored cases")
    }

    /// The router's answer to `request`: status, headers, body text.
    pub async fn send(&self, request: Request<Body>) -> (StatusCode, HeaderMap, String) {
        let (status, headers, bytes) = self.send_for_bytes(request).await;
        (
            status,
            headers,
            String::from_utf8_lossy(&bytes).into_owned(),
        )
    }

    /// The router's answer to `request` with its body as bytes (a download).
    pub async fn send_for_bytes(&self, request: Request<Body>) -> (StatusCode, HeaderMap, Vec<u8>) {
        answer(&self.server, request).await
    }

    /// `GET uri` with the session `cookie`, answered as a file: status, headers, bytes.
    pub async fn download(&self, uri: &str, cookie: &str) -> (StatusCode, HeaderMap, Vec<u8>) {
        let request = Request::get(uri)
            .header("cookie", format!("sg_session={cookie}"))
            .body(Body::empty())
            .expect("a request");
        self.send_for_bytes(request).await
    }

    /// `GET uri` with the bearer `token`: the status and the body as JSON (`Null` when it is not
    /// JSON).
    pub async fn get(&self, uri: &str, token: Option<&str>) -> (StatusCode, Value) {
        let mut request = Request::get(uri);
        if let Some(token) = token {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        let (status, _, body) = self
            .send(request.body(Body::empty()).expect("a request"))
            .await;
        (status, serde_json::from_str(&body).unwrap_or(Value::Null))
    }

    /// `POST /api/v1/import?format=csv&{query}` with `csv` as the body and the bearer `token`.
    pub async fn import_csv(
        &self,
        query: &str,
        token: Option<&str>,
        csv: &str,
    ) -> (StatusCode, Value) {
        let mut request = Request::post(format!("/api/v1/import?format=csv&{query}"));
        if let Some(token) = token {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        let (status, _, body) = self
            .send(
                request
                    .body(Body::from(csv.to_string()))
                    .expect("a request"),
            )
            .await;
        (status, serde_json::from_str(&body).unwrap_or(Value::Null))
    }

    /// Signs in through the login form (its form token first): the session cookie's value, or
    /// the status of the refusal.
    pub async fn try_login(&self, name: &str, password: &str) -> Result<String, StatusCode> {
        self.try_login_from(name, password, None)
            .await
            .map_err(|(status, _)| status)
    }

    /// Signs in as a client at `address` would (`None`: a request without one, as the router
    /// sees it in tests): the session cookie's value, or the refusal's status and headers.
    pub async fn try_login_from(
        &self,
        name: &str,
        password: &str,
        address: Option<std::net::IpAddr>,
    ) -> Result<String, (StatusCode, HeaderMap)> {
        let (_, headers, _) = self
            .send(
                Request::get("/login")
                    .body(Body::empty())
                    .expect("a request"),
            )
            .await;
        let token = set_cookie(&headers, "sg_login").expect("a form token cookie");
        let form = format!(
            "name={}&password={}&csrf={token}",
            encode(name),
            encode(password)
        );
        let mut request = Request::post("/login")
            .header("content-type", "application/x-www-form-urlencoded")
            .header("cookie", format!("sg_login={token}"))
            .body(Body::from(form))
            .expect("a request");
        if let Some(address) = address {
            request
                .extensions_mut()
                .insert(axum::extract::ConnectInfo(std::net::SocketAddr::new(
                    address, 50_000,
                )));
        }
        let (status, headers, _) = self.send(request).await;
        if status != StatusCode::SEE_OTHER {
            return Err((status, headers));
        }
        Ok(set_cookie(&headers, "sg_session").expect("a session cookie"))
    }

    /// Signs in and returns the session cookie's value; panics if refused.
    pub async fn login(&self, name: &str, password: &str) -> String {
        self.try_login(name, password)
            .await
            .unwrap_or_else(|status| panic!("{name} could not sign in: {status}"))
    }

    /// Signs `account` in; the session cookie's value.
    pub async fn sign_in(&self, account: &Account) -> String {
        self.login(&account.name, &account.password).await
    }

    /// A session of `account`, signed in on first use and then shared by every test of the
    /// world (a password check costs the same slow hash each time). A test that ends a session
    /// signs in on its own with [`World::sign_in`].
    pub async fn session(&self, account: &Account) -> String {
        let known = self
            .sessions
            .lock()
            .ok()
            .and_then(|s| s.get(&account.name).cloned());
        if let Some(cookie) = known {
            return cookie;
        }
        let cookie = self.sign_in(account).await;
        if let Ok(mut sessions) = self.sessions.lock() {
            sessions.insert(account.name.clone(), cookie.clone());
        }
        cookie
    }

    /// `GET uri` with the session `cookie`: the status and the page.
    pub async fn page(&self, uri: &str, cookie: &str) -> (StatusCode, String) {
        let request = Request::get(uri)
            .header("cookie", format!("sg_session={cookie}"))
            .body(Body::empty())
            .expect("a request");
        let (status, _, body) = self.send(request).await;
        (status, body)
    }
}

/// What an XLSX workbook holds as text: its worksheets' XML, one after another, and its shared
/// strings (where the text of its cells is).
pub fn workbook_text(bytes: &[u8]) -> (String, String) {
    use std::io::Read;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("an XLSX file");
    let (mut sheets, mut strings) = (String::new(), String::new());
    for i in 0..archive.len() {
        let mut file = archive.by_index(i).expect("an entry");
        let name = file.name().map(|n| n.into_owned()).unwrap_or_default();
        let into = if name.starts_with("xl/worksheets/sheet") {
            &mut sheets
        } else if name == "xl/sharedStrings.xml" {
            &mut strings
        } else {
            continue;
        };
        file.read_to_string(into).expect("XML text");
    }
    (sheets, strings)
}

/// Percent-encodes a path segment or a query value.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The value of the cookie `name` a response sets.
pub fn set_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap_or("").to_string())
}

/// A form of the signed-in user (`cookie`, the session's value) posted to `uri`.
/// A JSON body posted to `uri` with the bearer `token`.
pub fn post_json(uri: &str, token: &str, body: &str) -> Request<Body> {
    Request::post(uri)
        .header("authorization", format!("Bearer {token}"))
        .header("content-type", "application/json")
        .body(Body::from(body.to_string()))
        .expect("a request")
}

pub fn post_form(uri: &str, cookie: &str, form: &str) -> Request<Body> {
    Request::post(uri)
        .header("content-type", "application/x-www-form-urlencoded")
        .header("cookie", format!("sg_session={cookie}"))
        .body(Body::from(form.to_string()))
        .expect("a request")
}

/// The form token a signed-in page carries (in its logout form).
pub fn form_token(page: &str) -> Option<String> {
    page.split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(str::to_string)
}

/// The answer of `server`'s router to `request`, its body as bytes: for a test that builds its
/// own server rather than a world's.
pub async fn answer(
    server: &Arc<Server>,
    request: Request<Body>,
) -> (StatusCode, HeaderMap, Vec<u8>) {
    let response = router(Arc::clone(server))
        .oneshot(request)
        .await
        .expect("a response");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("the body")
        .to_bytes();
    (status, headers, bytes.to_vec())
}
