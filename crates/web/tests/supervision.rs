//! The supervision lists at their cut-offs, on the API and on the pages: 长期未结 over 12, 18 and
//! 36 months, enforcement cases idle over 30, 60 and 90 days, and the 审限预警 tiers. The lists
//! are read for the world's boundary division, whose cases sit one day either side of every
//! cut-off (`shenguan_testkit::world::Boundary`); each expected list is written out by hand, in
//! order, so that a cut-off moved by one day, a comparison turned from `<` to `<=`, or a changed
//! order fails here.

use axum::http::StatusCode;
use serde_json::Value;
use shenguan_testkit::world::{
    Account, BOUNDARY, COLLEAGUE, COURT, DIVISION, JUDGE, MARKUP_DETAIL, World, boundary_case,
    encode, world,
};

const B: shenguan_testkit::world::Boundary = BOUNDARY;

/// The boundary division's filter, as a query string.
fn division_filter() -> String {
    format!("court={}&division={}", encode(COURT), encode(DIVISION))
}

/// The case numbers of a list body, in order.
fn numbers(body: &Value, key: &str) -> Vec<String> {
    body[key]
        .as_array()
        .unwrap_or_else(|| panic!("no {key} in {body}"))
        .iter()
        .map(|c| c["case_no"].as_str().expect("a case number").to_string())
        .collect()
}

/// `expected` narrowed to what `account` sees of the boundary division: a judge only their own
/// cases, everyone else all of them.
fn seen_by(account: &Account, expected: &[&str]) -> Vec<String> {
    expected
        .iter()
        .filter(|n| {
            (account.name != JUDGE && account.name != COLLEAGUE)
                || boundary_case(n).judge == account.name
        })
        .map(|n| (*n).to_string())
        .collect()
}

/// The accounts whose lists are compared, with the query that narrows them to the boundary
/// division: the administrator, 院领导 and 审管办 ask for it; the 庭长 and the judges are held to
/// it by their scope and ask for nothing.
fn askers(world: &World) -> Vec<(&Account, String)> {
    let filter = division_filter();
    vec![
        (&world.admin, filter.clone()),
        (&world.leader, filter.clone()),
        (&world.office, filter),
        (&world.division, String::new()),
        (&world.judge, String::new()),
        (&world.colleague, String::new()),
    ]
}

/// Checks one API list for every asker: status 200, and exactly the cases expected, in order.
async fn check_list(world: &World, path: &str, key: &str, expected: &[&str]) {
    for (account, filter) in askers(world) {
        let joiner = if path.contains('?') { '&' } else { '?' };
        let uri = format!("{path}{joiner}{filter}");
        let (status, body) = world.get(&uri, Some(&account.token)).await;
        assert_eq!(status, StatusCode::OK, "{} {uri}: {body}", account.name);
        assert_eq!(
            numbers(&body, key),
            seen_by(account, expected),
            "{} {uri}",
            account.name
        );
        assert_eq!(body["count"], expected_count(account, expected), "{uri}");
        assert_eq!(body["as_of"], "2026-11-27");
    }
}

fn expected_count(account: &Account, expected: &[&str]) -> Value {
    Value::from(seen_by(account, expected).len())
}

/// The administrator's list at `path` for the boundary division, after checking it came back.
async fn division_list(world: &World, path: &str) -> Value {
    let joiner = if path.contains('?') { '&' } else { '?' };
    let uri = format!("{path}{joiner}{}", division_filter());
    let (status, body) = world.get(&uri, Some(&world.admin.token)).await;
    assert_eq!(status, StatusCode::OK, "{uri}: {body}");
    body
}

/// 长期未结 by months: oldest first (by filing date, then number). Filed exactly N months ago is
/// not over N.
const LONG_PENDING: [(u32, &[&str]); 3] = [
    (
        12,
        &[
            B.long_pending_36m_in,
            B.long_pending_36m_out,
            B.long_pending_18m_in,
            B.long_pending_18m_out,
            B.long_pending_12m_in,
        ],
    ),
    (
        18,
        &[
            B.long_pending_36m_in,
            B.long_pending_36m_out,
            B.long_pending_18m_in,
        ],
    ),
    (36, &[B.long_pending_36m_in]),
];

/// Idle enforcement by days: longest idle first. A measure exactly N days ago is not over N
/// days; service of documents is not a measure; an auction set for a later day is not yet taken;
/// a case without any measure is idle from its filing; a case closed today is not pending.
const IDLE: [(u32, &[&str]); 3] = [
    (
        30,
        &[
            B.idle_no_measure,
            B.idle_90d_in,
            B.idle_90d_out,
            B.idle_60d_in,
            B.idle_60d_out,
            B.idle_30d_in,
        ],
    ),
    (
        60,
        &[
            B.idle_no_measure,
            B.idle_90d_in,
            B.idle_90d_out,
            B.idle_60d_in,
        ],
    ),
    (90, &[B.idle_no_measure, B.idle_90d_in]),
];

#[tokio::test]
async fn long_pending_means_filed_more_than_n_calendar_months_ago() {
    let world = world();
    for (months, expected) in LONG_PENDING {
        let path = format!("/api/v1/long-pending?months={months}");
        check_list(world, &path, "cases", expected).await;
    }
    // Ages in days: 2023-11-26 → 2026-11-27 is 366 + 365 + 365 + 1 = 1097; 2025-05-26 → is
    // 365 + 184 + 1 = 550; 2025-11-26 → is 365 + 1 = 366.
    let body = division_list(world, "/api/v1/long-pending?months=12").await;
    let ages: Vec<i64> = body["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| c["age_days"].as_i64().expect("age"))
        .collect();
    assert_eq!(ages, [1097, 1096, 550, 549, 366]);
    // The last event is the latest by date: the hearing, after the filing.
    let newest = &body["cases"][4];
    assert_eq!(newest["last_event"]["date"], "2026-03-10");
    assert_eq!(newest["last_event"]["kind"], "开庭");
    assert_eq!(newest["last_event"]["detail"], MARKUP_DETAIL);
    // The oldest case's last event as of today: its hearing of 2024-03-01, not the one set for
    // 2026-12-15.
    assert_eq!(body["cases"][0]["last_event"]["date"], "2024-03-01");
    assert_eq!(body["cases"][0]["last_event"]["kind"], "开庭");
    assert_eq!(body["cases"][0]["filed_on"], "2023-11-26");
    // Only 12, 18 and 36 are lists.
    for months in ["13", "0", "twelve"] {
        let (status, refused) = world
            .get(
                &format!("/api/v1/long-pending?months={months}"),
                Some(&world.admin.token),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{months}");
        assert!(
            refused["message"]
                .as_str()
                .is_some_and(|e| e.contains("12、18、36")),
            "{refused}"
        );
    }
}

#[tokio::test]
async fn an_enforcement_case_is_idle_from_its_last_measure_for_more_than_n_days() {
    let world = world();
    for (days, expected) in IDLE {
        let path = format!("/api/v1/enforcement/idle?days={days}");
        check_list(world, &path, "cases", expected).await;
    }
    let body = division_list(world, "/api/v1/enforcement/idle?days=30").await;
    let facts: Vec<(Value, i64)> = body["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|c| {
            (
                c["last_measure"].clone(),
                c["idle_days"].as_i64().expect("days"),
            )
        })
        .collect();
    // 2026-08-03 → 2026-11-27: 31 + 30 + 31 + 24 = 116 days; then 91, 90, 61, 60, 31 days back.
    assert_eq!(
        facts,
        [
            (Value::Null, 116),
            (Value::from("2026-08-28"), 91),
            (Value::from("2026-08-29"), 90),
            (Value::from("2026-09-27"), 61),
            (Value::from("2026-09-28"), 60),
            (Value::from("2026-10-27"), 31),
        ]
    );
    let (status, refused) = world
        .get("/api/v1/enforcement/idle?days=45", Some(&world.admin.token))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        refused["message"]
            .as_str()
            .is_some_and(|e| e.contains("30、60、90")),
        "{refused}"
    );
}

/// The boundary division's warnings, most urgent first: by tier, then days left, then number.
/// Days left: the 民初 cases' deadlines passed 914 (both 36-month cases: the earlier-filed one's
/// end fell on a Sunday and rolled to the other's), 366, 365, 185 and 184 days ago.
fn all_warnings() -> Vec<(&'static str, &'static str, i64)> {
    vec![
        (B.long_pending_36m_out, "overdue", -914),
        (B.long_pending_36m_in, "overdue", -914),
        (B.long_pending_18m_in, "overdue", -366),
        (B.long_pending_18m_out, "overdue", -365),
        (B.long_pending_12m_in, "overdue", -185),
        (B.long_pending_12m_out, "overdue", -184),
        (B.overdue_in, "overdue", -1),
        (B.overdue_out, "5_days", 0),
        (B.within_5d_in, "5_days", 5),
        (B.within_5d_out, "15_days", 6),
        (B.within_15d_in, "15_days", 14),
        (B.within_15d_out, "30_days", 17),
        (B.within_30d_in, "30_days", 28),
        (B.two_thirds_in, "two_thirds", 33),
    ]
}

#[tokio::test]
async fn warnings_fall_in_the_tier_of_the_days_left() {
    let world = world();
    let all = all_warnings();
    let every: Vec<&str> = all.iter().map(|(n, _, _)| *n).collect();
    check_list(world, "/api/v1/warnings", "warnings", &every).await;
    for tier in ["overdue", "5_days", "15_days", "30_days", "two_thirds"] {
        let expected: Vec<&str> = all
            .iter()
            .filter(|(_, t, _)| *t == tier)
            .map(|(n, _, _)| *n)
            .collect();
        check_list(
            world,
            &format!("/api/v1/warnings?tier={tier}"),
            "warnings",
            &expected,
        )
        .await;
    }
    let body = division_list(world, "/api/v1/warnings").await;
    let got: Vec<(String, String, i64)> = body["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .map(|w| {
            (
                w["case_no"].as_str().expect("number").to_string(),
                w["tier"].as_str().expect("tier").to_string(),
                w["days_left"].as_i64().expect("days"),
            )
        })
        .collect();
    let expected: Vec<(String, String, i64)> = all
        .iter()
        .map(|(n, t, d)| ((*n).to_string(), (*t).to_string(), *d))
        .collect();
    assert_eq!(got, expected);
    // The deadlines of the 民特 cases, worked out beside the boundary cases.
    let deadlines: Vec<(&str, &str)> = body["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .filter(|w| w["type_code"] == "民特")
        .map(|w| {
            (
                w["tier_label"].as_str().expect("label"),
                w["deadline"].as_str().expect("deadline"),
            )
        })
        .collect();
    assert_eq!(
        deadlines,
        [
            ("已超审限", "2026-11-26"),
            ("剩余5日内", "2026-11-27"),
            ("剩余5日内", "2026-12-02"),
            ("剩余15日内", "2026-12-03"),
            ("剩余15日内", "2026-12-11"),
            ("剩余30日内", "2026-12-14"),
            ("剩余30日内", "2026-12-25"),
            ("已用审限三分之二", "2026-12-30"),
        ]
    );
    // The cases of no tier, and their deadlines: rolled off a Sunday, one day short of two
    // thirds.
    for (number, deadline) in [
        (B.within_30d_out, "2026-12-28"),
        (B.two_thirds_out, "2026-12-30"),
    ] {
        let (status, case) = world
            .get(
                &format!("/api/v1/cases/{}", encode(number)),
                Some(&world.admin.token),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(case["deadline"], deadline, "{number}");
        assert!(case["closed_on"].is_null());
    }
    let (status, refused) = world
        .get("/api/v1/warnings?tier=soon", Some(&world.admin.token))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        refused["message"]
            .as_str()
            .is_some_and(|e| e.contains("tier"))
    );
}

/// The case numbers linked from a page's table, in order.
fn linked_cases(page: &str) -> Vec<String> {
    page.split("<td><a href=\"/cases/")
        .skip(1)
        .map(|rest| {
            rest.split_once("\">")
                .and_then(|(_, text)| text.split_once("</a>"))
                .map(|(number, _)| number.to_string())
                .expect("a case link")
        })
        .collect()
}

/// Checks one list page for every asker (signed in): status 200 and exactly the cases expected,
/// in order, each asker with the court and division filter it asks with.
async fn check_page(world: &World, path: &str, expected: &[&str]) {
    for (account, filter) in askers(world) {
        let cookie = world.session(account).await;
        let joiner = if path.contains('?') { '&' } else { '?' };
        let uri = format!("{path}{joiner}{filter}");
        let (status, page) = world.page(&uri, &cookie).await;
        assert_eq!(status, StatusCode::OK, "{} {uri}", account.name);
        assert_eq!(
            linked_cases(&page),
            seen_by(account, expected),
            "{} {uri}",
            account.name
        );
    }
}

#[tokio::test]
async fn the_list_pages_hold_the_same_cases_at_the_same_cut_offs() {
    let world = world();
    for (months, expected) in LONG_PENDING {
        check_page(world, &format!("/long-pending?months={months}"), expected).await;
    }
    for (days, expected) in IDLE {
        check_page(world, &format!("/enforcement?idle={days}"), expected).await;
    }
    let all = all_warnings();
    let every: Vec<&str> = all.iter().map(|(n, _, _)| *n).collect();
    check_page(world, "/warnings", &every).await;
    for tier in ["overdue", "5_days", "15_days", "30_days", "two_thirds"] {
        let expected: Vec<&str> = all
            .iter()
            .filter(|(_, t, _)| *t == tier)
            .map(|(n, _, _)| *n)
            .collect();
        check_page(world, &format!("/warnings?tier={tier}"), &expected).await;
    }
    // The tier links count the division's warnings: 7 overdue, 2, 2, 2, 1.
    let cookie = world.session(&world.division).await;
    let (_, page) = world.page("/warnings", &cookie).await;
    for (label, count) in [
        ("已超审限", 7),
        ("剩余5日内", 2),
        ("剩余15日内", 2),
        ("剩余30日内", 2),
        ("已用审限三分之二", 1),
    ] {
        assert!(
            page.contains(&format!("\">{label} {count}</a>")),
            "{label} {count}: {page}"
        );
    }
    assert!(
        page.contains("截至2026-11-27") && page.contains("<span>共14件</span>"),
        "{page}"
    );
    let (_, page) = world.page("/long-pending?months=18", &cookie).await;
    assert!(
        page.contains("截至2026-11-27") && page.contains("<span>共3件</span>"),
        "{page}"
    );
    let (_, page) = world.page("/enforcement?idle=60", &cookie).await;
    assert!(
        page.contains("截至2026-11-27") && page.contains("<span>共4件</span>"),
        "{page}"
    );
}
