//! Scope as a table: every role against every API route and every page, each row naming who
//! asks, what, the status expected and the figures or cases expected. Expected figures are
//! counted here from the store's rows (new: filed in the period; closed: closed in it; pending:
//! filed by its end and not closed by it), or for the boundary division and its judges written
//! out from the boundary cases; expected case sets are the store's for the scope. The rule under
//! test (`User::restrict`, `User::may_see`): an account sees its court and the courts below it,
//! a 庭长 their division, a judge their own cases; asking for more is refused (403); a case
//! outside the scope is not found (404), as one that does not exist; the overview is the
//! account's own scope, never refused.

use axum::http::StatusCode;
use serde_json::Value;
use shenguan_domain::CaseRecord;
use shenguan_testkit::world::{
    Account, BOUNDARY, BOUNDARY_CASES, COLLEAGUE, COURT, DIVISION, JUDGE, Role, World, encode,
    world,
};

const FROM: &str = "2026-01-01";
const TO: &str = "2026-11-27";

/// What an account sees: a court (and the courts below it, unless `alone`), a division, a judge.
#[derive(Clone, Debug, Default)]
struct Scope {
    court: Option<String>,
    /// The court's own cases only, as a court asked for by name counts them.
    alone: bool,
    division: Option<String>,
    judge: Option<String>,
}

impl Scope {
    fn of(account: &Account) -> Scope {
        Scope {
            court: account.court.clone(),
            division: account.division.clone(),
            judge: (account.role == Role::Judge).then(|| account.name.clone()),
            alone: false,
        }
    }

    fn court(code: &str) -> Scope {
        Scope {
            court: Some(code.to_string()),
            ..Scope::default()
        }
    }

    fn alone(code: &str) -> Scope {
        Scope {
            alone: true,
            ..Scope::court(code)
        }
    }

    fn holds(&self, court: &str, division: Option<&str>, judge: Option<&str>) -> bool {
        self.court.as_deref().is_none_or(|c| {
            if self.alone {
                court == c
            } else {
                court.starts_with(c)
            }
        }) && self.division.as_deref().is_none_or(|d| division == Some(d))
            && self.judge.as_deref().is_none_or(|j| judge == Some(j))
    }

    fn holds_json(&self, case: &Value) -> bool {
        self.holds(
            case["court"].as_str().expect("court"),
            case["division"].as_str(),
            case["judge"].as_str(),
        )
    }

    /// The store's cases in this scope.
    fn cases(&self, world: &World) -> Vec<CaseRecord> {
        world
            .stored_cases(self.court.as_deref())
            .into_iter()
            .filter(|c| {
                self.holds(
                    &c.court.to_string(),
                    c.division.as_deref(),
                    c.judge.as_deref(),
                )
            })
            .collect()
    }

    /// New, closed and pending in FROM..=TO, counted from the store's rows.
    fn counts(&self, world: &World) -> [i64; 3] {
        let (from, to) = (date(FROM), date(TO));
        let cases = self.cases(world);
        let count = |keep: &dyn Fn(&CaseRecord) -> bool| cases.iter().filter(|c| keep(c)).count();
        [
            count(&|c| c.filed_on >= from && c.filed_on <= to),
            count(&|c| c.closed_on.is_some_and(|d| d >= from && d <= to)),
            count(&|c| c.filed_on <= to && c.closed_on.is_none_or(|d| d > to)),
        ]
        .map(|n| n as i64)
    }
}

fn date(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// The figures a row expects.
enum Figures {
    /// Refused: no figures.
    None,
    /// New, closed and pending of a scope, counted from the store.
    Store(Scope),
    /// New, closed and pending written out from the boundary cases.
    Hand([i64; 3]),
}

impl Figures {
    fn expected(&self, world: &World) -> Option<[i64; 3]> {
        match self {
            Figures::None => None,
            Figures::Store(scope) => Some(scope.counts(world)),
            Figures::Hand(counts) => Some(*counts),
        }
    }
}

/// The boundary division in 2026 to date: 18 filed (8 执, 10 民特), 2 closed (yesterday and
/// today), 23 of its 25 cases pending.
const DIVISION_FIGURES: [i64; 3] = [18, 2, 23];
/// The judge's 13 boundary cases: 10 filed in 2026 (5 执 with the one closed today, 5 民特),
/// 1 closed, 12 pending.
const JUDGE_FIGURES: [i64; 3] = [10, 1, 12];
/// The colleague's 12: 8 filed in 2026 (3 执, 5 民特), 1 closed (yesterday), 11 pending.
const COLLEAGUE_FIGURES: [i64; 3] = [8, 1, 11];

/// Checks one row of the metrics table: the status, and the new, closed and pending figures.
async fn check_metrics(
    world: &World,
    who: &Account,
    asked: &str,
    status: StatusCode,
    figures: Figures,
) {
    let uri = format!("/api/v1/metrics?from={FROM}&to={TO}&indicators=new,closed,pending{asked}");
    let (got, body) = world.get(&uri, Some(&who.token)).await;
    assert_eq!(got, status, "{} {uri}: {body}", who.name);
    let Some(expected) = figures.expected(world) else {
        assert!(body["message"].is_string(), "{body}");
        return;
    };
    let values = &body["rows"][0]["values"];
    let got = ["new", "closed", "pending"].map(|k| values[k].as_i64().expect("a count"));
    assert_eq!(got, expected, "{} {uri}", who.name);
    assert_eq!(body["rows"].as_array().map(Vec::len), Some(1));
}

#[tokio::test]
async fn the_metrics_are_the_figures_of_the_scope_and_nothing_beyond() {
    let world = world();
    let w = world;
    let c = |code: &str| format!("&court={}", encode(code));
    let d = |name: &str| format!("&division={}", encode(name));
    let j = |name: &str| format!("&judge={}", encode(name));
    use Figures::{Hand, None as Refused, Store};
    use StatusCode as S;
    let network = Scope::default;
    let rows: Vec<(&Account, String, StatusCode, Figures)> = vec![
        // The administrator: the network, or any court asked for.
        (&w.admin, String::new(), S::OK, Store(network())),
        (&w.admin, c("湘1403"), S::OK, Store(Scope::court("湘1403"))),
        (
            &w.admin,
            c(COURT) + &d(DIVISION),
            S::OK,
            Hand(DIVISION_FIGURES),
        ),
        // 院领导 and 审管办 of 湘1402: their court, not another, not the court above.
        (&w.leader, String::new(), S::OK, Store(Scope::court(COURT))),
        (&w.leader, c(COURT), S::OK, Store(Scope::court(COURT))),
        (&w.leader, c("湘1403"), S::FORBIDDEN, Refused),
        (&w.leader, c("湘14"), S::FORBIDDEN, Refused),
        (&w.leader, d(DIVISION), S::OK, Hand(DIVISION_FIGURES)),
        (&w.office, String::new(), S::OK, Store(Scope::court(COURT))),
        (&w.office, c("湘1404"), S::FORBIDDEN, Refused),
        (&w.office, j(JUDGE), S::OK, Hand(JUDGE_FIGURES)),
        // The intermediate court's office: itself and the basic courts below it.
        (
            &w.city_office,
            String::new(),
            S::OK,
            Store(Scope::court("湘14")),
        ),
        (
            &w.city_office,
            c("湘1403"),
            S::OK,
            Store(Scope::court("湘1403")),
        ),
        // 庭长: their division only, whatever else is asked.
        (&w.division, String::new(), S::OK, Hand(DIVISION_FIGURES)),
        (&w.division, d(DIVISION), S::OK, Hand(DIVISION_FIGURES)),
        (&w.division, d("民事审判第一庭"), S::FORBIDDEN, Refused),
        (&w.division, c("湘1403"), S::FORBIDDEN, Refused),
        (&w.division, j(COLLEAGUE), S::OK, Hand(COLLEAGUE_FIGURES)),
        // Judges: their own cases; never a colleague's.
        (&w.judge, String::new(), S::OK, Hand(JUDGE_FIGURES)),
        (&w.judge, j(JUDGE), S::OK, Hand(JUDGE_FIGURES)),
        (&w.judge, j(COLLEAGUE), S::FORBIDDEN, Refused),
        (&w.judge, c("湘1403"), S::FORBIDDEN, Refused),
        (&w.colleague, String::new(), S::OK, Hand(COLLEAGUE_FIGURES)),
        (
            &w.judge_1403,
            String::new(),
            S::OK,
            Store(Scope::of(&w.judge_1403)),
        ),
        (&w.judge_1403, c(COURT), S::FORBIDDEN, Refused),
    ];
    for (who, asked, status, figures) in rows {
        check_metrics(world, who, &asked, status, figures).await;
    }
}

#[tokio::test]
async fn the_networks_figures_are_the_sum_of_its_courts() {
    let world = world();
    let uri = format!("/api/v1/metrics?from={FROM}&to={TO}&indicators=new,closed,pending");
    let (_, total) = world.get(&uri, Some(&world.admin.token)).await;
    let (status, by_court) = world
        .get(&format!("{uri}&by=court"), Some(&world.admin.token))
        .await;
    assert_eq!(status, StatusCode::OK);
    let rows = by_court["rows"].as_array().expect("rows");
    let courts: Vec<&str> = rows
        .iter()
        .map(|r| r["group"]["court"].as_str().expect("court"))
        .collect();
    assert_eq!(courts, ["湘14", "湘1402", "湘1403", "湘1404"]);
    let all = world.stored_cases(None);
    for key in ["new", "closed", "pending"] {
        let sum: i64 = rows
            .iter()
            .map(|r| r["values"][key].as_i64().expect("count"))
            .sum();
        assert_eq!(
            sum,
            total["rows"][0]["values"][key].as_i64().expect("count"),
            "{key}"
        );
    }
    // Each court's row is its own cases only (the intermediate court's without the courts below).
    for row in rows {
        let code = row["group"]["court"].as_str().expect("court");
        let own: Vec<&CaseRecord> = all.iter().filter(|c| c.court.to_string() == code).collect();
        let filed = own
            .iter()
            .filter(|c| c.filed_on >= date(FROM) && c.filed_on <= date(TO))
            .count() as i64;
        assert_eq!(row["values"]["new"].as_i64(), Some(filed), "{code}");
    }
    assert_eq!(
        total["rows"][0]["values"]["new"].as_i64(),
        Some(Scope::default().counts(world)[0])
    );
}

/// Checks one row of the case-list table: status, the total against the store's count for the
/// scope, and every case listed within it (or, for a boundary scope, exactly the cases named).
async fn check_case_list(
    world: &World,
    who: &Account,
    asked: &str,
    status: StatusCode,
    scope: Option<Scope>,
) {
    let uri = format!("/api/v1/cases?limit=1000{asked}");
    let (got, body) = world.get(&uri, Some(&who.token)).await;
    assert_eq!(got, status, "{} {uri}: {body}", who.name);
    let Some(scope) = scope else {
        return;
    };
    let expected = scope.cases(world);
    assert_eq!(
        body["total"].as_u64(),
        Some(expected.len() as u64),
        "{} {uri}",
        who.name
    );
    let listed = body["cases"].as_array().expect("cases");
    assert_eq!(listed.len(), expected.len().min(1000), "{} {uri}", who.name);
    assert!(
        listed.iter().all(|c| scope.holds_json(c)),
        "{} {uri}: a case outside {scope:?}",
        who.name
    );
    if expected.len() <= 1000 {
        let numbers: Vec<&str> = listed
            .iter()
            .map(|c| c["case_no"].as_str().expect("no"))
            .collect();
        let stored: Vec<String> = expected.iter().map(|c| c.case_no.to_string()).collect();
        assert_eq!(numbers, stored, "{} {uri}", who.name);
    }
}

#[tokio::test]
async fn a_case_list_holds_the_scopes_cases() {
    let world = world();
    let w = world;
    let c = |code: &str| format!("&court={}", encode(code));
    use StatusCode as S;
    let rows: Vec<(&Account, String, StatusCode, Option<Scope>)> = vec![
        (&w.admin, String::new(), S::OK, Some(Scope::default())),
        (&w.admin, c("湘1404"), S::OK, Some(Scope::court("湘1404"))),
        (&w.leader, String::new(), S::OK, Some(Scope::court(COURT))),
        (&w.leader, c("湘1403"), S::FORBIDDEN, None),
        (&w.office, String::new(), S::OK, Some(Scope::court(COURT))),
        (
            &w.city_office,
            c("湘1403"),
            S::OK,
            Some(Scope::court("湘1403")),
        ),
        (
            &w.division,
            String::new(),
            S::OK,
            Some(Scope::of(&w.division)),
        ),
        (&w.division, c("湘1403"), S::FORBIDDEN, None),
        (&w.judge, String::new(), S::OK, Some(Scope::of(&w.judge))),
        (
            &w.colleague,
            String::new(),
            S::OK,
            Some(Scope::of(&w.colleague)),
        ),
        (
            &w.judge_1403,
            String::new(),
            S::OK,
            Some(Scope::of(&w.judge_1403)),
        ),
        (&w.judge_1403, c(COURT), S::FORBIDDEN, None),
    ];
    for (who, asked, status, scope) in rows {
        check_case_list(world, who, &asked, status, scope).await;
    }
    // The boundary scopes are exactly the boundary cases: 25 for the division, 13 and 12 for
    // its judges.
    for (who, expected) in [(&w.division, 25), (&w.judge, 13), (&w.colleague, 12)] {
        let (_, body) = world
            .get("/api/v1/cases?limit=1000", Some(&who.token))
            .await;
        let mut numbers: Vec<String> = body["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .map(|c| c["case_no"].as_str().expect("no").to_string())
            .collect();
        numbers.sort();
        let mut boundary: Vec<String> = BOUNDARY_CASES
            .iter()
            .filter(|c| who.role == Role::Division || c.judge == who.name)
            .map(|c| c.case_no.to_string())
            .collect();
        boundary.sort();
        assert_eq!(numbers.len(), expected, "{}", who.name);
        assert_eq!(numbers, boundary, "{}", who.name);
    }
}

/// A case of 湘1402 outside the boundary division, and one of 湘1403 that is not the 湘1403
/// judge's (the first of each court's stored cases).
fn other_cases(world: &World) -> (String, String) {
    let first = |code: &str| {
        world
            .stored_cases(Some(code))
            .into_iter()
            .find(|c| {
                c.division.as_deref() != Some(DIVISION)
                    && c.judge.as_deref() != Some(world.judge_1403.name.as_str())
                    && c.court.to_string() == code
            })
            .map(|c| c.case_no.to_string())
            .expect("a case")
    };
    (first(COURT), first("湘1403"))
}

#[tokio::test]
async fn a_case_opens_only_within_the_scope_on_the_api_and_the_page() {
    let world = world();
    let w = world;
    let (in_1402, in_1403) = other_cases(world);
    let own_1403 = Scope::of(&w.judge_1403).cases(world)[0].case_no.to_string();
    let judges = B.long_pending_12m_in; // the judge's
    let colleagues = B.long_pending_12m_out; // the colleague's
    use StatusCode as S;
    const OK: StatusCode = S::OK;
    const NO: StatusCode = S::NOT_FOUND;
    // Columns: the judge's case, the colleague's, another division of 湘1402, 湘1403, the 湘1403
    // judge's own.
    let rows: Vec<(&Account, [StatusCode; 5])> = vec![
        (&w.admin, [OK, OK, OK, OK, OK]),
        (&w.leader, [OK, OK, OK, NO, NO]),
        (&w.office, [OK, OK, OK, NO, NO]),
        (&w.city_office, [OK, OK, OK, OK, OK]),
        (&w.division, [OK, OK, NO, NO, NO]),
        (&w.judge, [OK, NO, NO, NO, NO]),
        (&w.colleague, [NO, OK, NO, NO, NO]),
        (&w.judge_1403, [NO, NO, NO, NO, OK]),
    ];
    let cases = [judges, colleagues, &in_1402, &in_1403, &own_1403];
    for (who, statuses) in rows {
        let cookie = world.session(who).await;
        for (number, status) in cases.iter().zip(statuses) {
            let path = format!("/cases/{}", encode(number));
            let (got, body) = world.get(&format!("/api/v1{path}"), Some(&who.token)).await;
            assert_eq!(got, status, "{} API {number}", who.name);
            let (page_status, page) = world.page(&path, &cookie).await;
            assert_eq!(page_status, status, "{} page {number}", who.name);
            if status == OK {
                assert_eq!(body["case_no"], *number);
                assert!(page.contains(&format!("<h1>{number}</h1>")), "{number}");
            } else {
                assert!(
                    body["message"].as_str().is_some_and(|e| e.contains(number)),
                    "{body}"
                );
                assert!(!page.contains("流程节点"), "{} saw {number}", who.name);
            }
        }
    }
}

const B: shenguan_testkit::world::Boundary = BOUNDARY;

/// The lists, as API paths, with the boundary cases each holds for the whole division (the
/// expected lists of tests/supervision.rs, as sets).
fn lists() -> Vec<(&'static str, &'static str, Vec<&'static str>)> {
    vec![
        (
            "/api/v1/warnings",
            "warnings",
            vec![
                B.long_pending_36m_out,
                B.long_pending_36m_in,
                B.long_pending_18m_in,
                B.long_pending_18m_out,
                B.long_pending_12m_in,
                B.long_pending_12m_out,
                B.overdue_in,
                B.overdue_out,
                B.within_5d_in,
                B.within_5d_out,
                B.within_15d_in,
                B.within_15d_out,
                B.within_30d_in,
                B.two_thirds_in,
            ],
        ),
        (
            "/api/v1/long-pending?months=18",
            "cases",
            vec![
                B.long_pending_36m_in,
                B.long_pending_36m_out,
                B.long_pending_18m_in,
            ],
        ),
        (
            "/api/v1/enforcement/idle?days=60",
            "cases",
            vec![
                B.idle_no_measure,
                B.idle_90d_in,
                B.idle_90d_out,
                B.idle_60d_in,
            ],
        ),
    ]
}

#[tokio::test]
async fn the_supervision_lists_hold_only_the_scopes_cases() {
    let world = world();
    for who in world.accounts() {
        let scope = Scope::of(who);
        let cookie = world.session(who).await;
        for (path, key, boundary) in lists() {
            let (status, body) = world.get(path, Some(&who.token)).await;
            assert_eq!(status, StatusCode::OK, "{} {path}", who.name);
            let listed = body[key].as_array().expect("a list");
            assert!(
                listed.iter().all(|c| scope.holds_json(c)),
                "{} {path}: a case outside {scope:?}",
                who.name
            );
            assert_eq!(body["count"].as_u64(), Some(listed.len() as u64));
            // Of the boundary cases, exactly those the account may see.
            let mut seen: Vec<&str> = listed
                .iter()
                .filter_map(|c| c["case_no"].as_str())
                .filter(|n| BOUNDARY_CASES.iter().any(|b| b.case_no == *n))
                .collect();
            seen.sort();
            let mut expected: Vec<&str> = boundary
                .iter()
                .copied()
                .filter(|n| {
                    let case = shenguan_testkit::world::boundary_case(n);
                    scope.holds(COURT, Some(DIVISION), Some(case.judge))
                })
                .collect();
            expected.sort();
            assert_eq!(seen, expected, "{} {path}", who.name);
            // The page lists the same cases (the first 500 of a long list).
            let page_path = path.trim_start_matches("/api/v1");
            let page_path = page_path.replace("/enforcement/idle?days=", "/enforcement?idle=");
            let (status, page) = world.page(&page_path, &cookie).await;
            assert_eq!(status, StatusCode::OK, "{} {page_path}", who.name);
            let numbers: Vec<&str> = listed
                .iter()
                .take(300)
                .filter_map(|c| c["case_no"].as_str())
                .collect();
            for number in numbers {
                assert!(
                    page.contains(&format!(">{number}</a>")),
                    "{} {page_path} lacks {number}",
                    who.name
                );
            }
        }
    }
}

#[tokio::test]
async fn asking_a_list_for_more_than_the_scope_is_refused() {
    let world = world();
    let w = world;
    let c = |code: &str| format!("court={}", encode(code));
    let d = |name: &str| format!("division={}", encode(name));
    let j = |name: &str| format!("judge={}", encode(name));
    let rows: Vec<(&Account, String)> = vec![
        (&w.leader, c("湘1403")),
        (&w.office, c("湘14")),
        (&w.division, d("民事审判第一庭")),
        (&w.judge, j(COLLEAGUE)),
        (&w.judge_1403, c(COURT)),
    ];
    for (who, asked) in rows {
        let cookie = world.session(who).await;
        for path in ["/warnings", "/long-pending"] {
            for api in [true, false] {
                let (status, text) = if api {
                    let (status, body) = world
                        .get(&format!("/api/v1{path}?{asked}"), Some(&who.token))
                        .await;
                    (status, body.to_string())
                } else {
                    world.page(&format!("{path}?{asked}"), &cookie).await
                };
                assert_eq!(
                    status,
                    StatusCode::FORBIDDEN,
                    "{} {path}?{asked} (API: {api}): {text}",
                    who.name
                );
            }
        }
        let (status, _) = world
            .get(
                &format!("/api/v1/enforcement/idle?{asked}"),
                Some(&who.token),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{} idle {asked}", who.name);
    }
}

/// The value on an indicator's card.
fn card(page: &str, code: &str) -> i64 {
    page.split(&format!("href=\"/indicator/{code}\""))
        .nth(1)
        .and_then(|card| card.split("<div class=\"v\">").nth(1))
        .and_then(|value| value.split(" <small>").next())
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("no card for {code}"))
}

#[tokio::test]
async fn every_page_shows_the_scopes_figures_or_refuses() {
    let world = world();
    let w = world;
    let period = format!("from={FROM}&to={TO}");
    let court = |code: &str| format!("/court/{}?{period}", encode(code));
    let with_lower = |code: &str| format!("/court/{}?{period}&with_lower=true", encode(code));
    let division = |name: &str| {
        format!(
            "/court/{}/division/{}?{period}",
            encode(COURT),
            encode(name)
        )
    };
    let judge = |name: &str| format!("/court/{}/judge/{}?{period}", encode(COURT), encode(name));
    let overview = format!("/?{period}");
    use Figures::{Hand, None as Refused, Store};
    use StatusCode as S;
    let rows: Vec<(&Account, String, StatusCode, Figures)> = vec![
        // The overview is the account's scope.
        (&w.admin, overview.clone(), S::OK, Store(Scope::default())),
        (
            &w.leader,
            overview.clone(),
            S::OK,
            Store(Scope::court(COURT)),
        ),
        (
            &w.office,
            overview.clone(),
            S::OK,
            Store(Scope::court(COURT)),
        ),
        (
            &w.city_office,
            overview.clone(),
            S::OK,
            Store(Scope::court("湘14")),
        ),
        (&w.division, overview.clone(), S::OK, Hand(DIVISION_FIGURES)),
        (&w.judge, overview.clone(), S::OK, Hand(JUDGE_FIGURES)),
        (
            &w.judge_1403,
            overview,
            S::OK,
            Store(Scope::of(&w.judge_1403)),
        ),
        // A court's page: the court's own cases, or with those below it, within the scope.
        (
            &w.admin,
            court("湘1403"),
            S::OK,
            Store(Scope::court("湘1403")),
        ),
        (&w.admin, court("湘14"), S::OK, Store(Scope::alone("湘14"))),
        (
            &w.admin,
            with_lower("湘14"),
            S::OK,
            Store(Scope::court("湘14")),
        ),
        (
            &w.city_office,
            court("湘14"),
            S::OK,
            Store(Scope::alone("湘14")),
        ),
        (&w.leader, court(COURT), S::OK, Store(Scope::court(COURT))),
        (&w.leader, court("湘1403"), S::FORBIDDEN, Refused),
        (&w.leader, court("湘14"), S::FORBIDDEN, Refused),
        (&w.office, court("湘1404"), S::FORBIDDEN, Refused),
        (
            &w.city_office,
            court("湘1404"),
            S::OK,
            Store(Scope::court("湘1404")),
        ),
        // A 庭长 or a judge on their court's page sees their own part of it.
        (&w.division, court(COURT), S::OK, Hand(DIVISION_FIGURES)),
        (&w.judge, court(COURT), S::OK, Hand(JUDGE_FIGURES)),
        (&w.judge_1403, court(COURT), S::FORBIDDEN, Refused),
        // A division's page.
        (&w.admin, division(DIVISION), S::OK, Hand(DIVISION_FIGURES)),
        (&w.leader, division(DIVISION), S::OK, Hand(DIVISION_FIGURES)),
        (
            &w.division,
            division(DIVISION),
            S::OK,
            Hand(DIVISION_FIGURES),
        ),
        (
            &w.division,
            division("民事审判第一庭"),
            S::FORBIDDEN,
            Refused,
        ),
        (&w.judge, division(DIVISION), S::OK, Hand(JUDGE_FIGURES)),
        // A judge's page.
        (&w.office, judge(JUDGE), S::OK, Hand(JUDGE_FIGURES)),
        (
            &w.division,
            judge(COLLEAGUE),
            S::OK,
            Hand(COLLEAGUE_FIGURES),
        ),
        (&w.judge, judge(JUDGE), S::OK, Hand(JUDGE_FIGURES)),
        (&w.judge, judge(COLLEAGUE), S::FORBIDDEN, Refused),
        (&w.colleague, judge(JUDGE), S::FORBIDDEN, Refused),
    ];
    for (who, uri, status, figures) in rows {
        let cookie = world.session(who).await;
        let (got, page) = world.page(&uri, &cookie).await;
        assert_eq!(got, status, "{} {uri}", who.name);
        match figures.expected(world) {
            Some(expected) => {
                let shown = ["new", "closed", "pending"].map(|code| card(&page, code));
                assert_eq!(shown, expected, "{} {uri}", who.name);
            }
            None => assert!(!page.contains("class=\"cards\""), "{} {uri}", who.name),
        }
    }
}

#[tokio::test]
async fn the_cases_behind_a_figure_are_the_scopes() {
    let world = world();
    for who in world.accounts() {
        let scope = Scope::of(who);
        // The scope's cases filed in the period, by number, from the store.
        let (from, to) = (date(FROM), date(TO));
        let mut filed: Vec<String> = scope
            .cases(world)
            .into_iter()
            .filter(|c| c.filed_on >= from && c.filed_on <= to)
            .map(|c| c.case_no.to_string())
            .collect();
        filed.sort();
        let (status, body) = world
            .get(
                &format!("/api/v1/metrics/explain?indicator=new&from={FROM}&to={TO}"),
                Some(&who.token),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{}", who.name);
        let mut named: Vec<String> = body["cases"]
            .as_array()
            .expect("cases")
            .iter()
            .map(|n| n.as_str().expect("number").to_string())
            .collect();
        named.sort();
        assert_eq!(named, filed, "{}", who.name);
        // The indicator's page counts the same cases.
        let cookie = world.session(who).await;
        let (status, page) = world
            .page(&format!("/indicator/new?from={FROM}&to={TO}"), &cookie)
            .await;
        assert_eq!(status, StatusCode::OK, "{}", who.name);
        assert!(
            page.contains(&format!("<h2>分子（{}件）</h2>", filed.len())),
            "{}: {} new",
            who.name,
            filed.len()
        );
        // Its download holds every one of them, whatever the page shows of them.
        let (status, _, bytes) = world
            .download(
                &format!("/indicator/new?from={FROM}&to={TO}&export=numerator"),
                &cookie,
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{}", who.name);
        let (_, strings) = shenguan_testkit::world::workbook_text(&bytes);
        for number in &filed {
            assert!(strings.contains(number.as_str()), "{} {number}", who.name);
        }
    }
    // Asking for the cases of another court, division or judge is refused.
    let w = world;
    for (who, asked) in [
        (&w.leader, format!("court={}", encode("湘1403"))),
        (&w.division, format!("division={}", encode("刑事审判庭"))),
        (&w.judge, format!("judge={}", encode(COLLEAGUE))),
    ] {
        let (status, _) = world
            .get(
                &format!("/api/v1/metrics/explain?indicator=new&from={FROM}&to={TO}&{asked}"),
                Some(&who.token),
            )
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{} {asked}", who.name);
    }
}

#[tokio::test]
async fn only_administrators_read_the_audit_and_users_and_only_they_and_offices_import() {
    let world = world();
    // One case of 湘1402 and one of 湘1403, checked only (written by nobody).
    let csv = "案号,法院名称,立案日期,承办人,承办部门,案由,适用程序\n\
               （2026）湘1402民初99911号,清河市清河区人民法院,2026-11-02,王伟,民事审判第一庭,民间借贷纠纷,简易\n\
               （2026）湘1403民初99912号,清河市云溪区人民法院,2026-11-03,李娜,民事审判第一庭,民间借贷纠纷,简易\n";
    use StatusCode as S;
    // Columns: the audit log (API and page), the users page, and for those who may import how
    // many of the two rows are valid for them (an office imports its court and those below it).
    let rows: Vec<(&Account, StatusCode, StatusCode, Option<u64>)> = vec![
        (&world.admin, S::OK, S::OK, Some(2)),
        (&world.leader, S::FORBIDDEN, S::FORBIDDEN, None),
        (&world.office, S::FORBIDDEN, S::FORBIDDEN, Some(1)),
        (&world.city_office, S::FORBIDDEN, S::FORBIDDEN, Some(2)),
        (&world.division, S::FORBIDDEN, S::FORBIDDEN, None),
        (&world.judge, S::FORBIDDEN, S::FORBIDDEN, None),
        (&world.judge_1403, S::FORBIDDEN, S::FORBIDDEN, None),
    ];
    for (who, audit, users, valid) in rows {
        let cookie = world.session(who).await;
        let (status, body) = world.get("/api/v1/audit", Some(&who.token)).await;
        assert_eq!(status, audit, "{} audit", who.name);
        if status == S::OK {
            assert!(body["entries"].as_array().is_some_and(|e| !e.is_empty()));
        }
        let (status, _) = world.page("/admin/audit", &cookie).await;
        assert_eq!(status, audit, "{} audit page", who.name);
        let (status, page) = world.page("/admin/users", &cookie).await;
        assert_eq!(status, users, "{} users page", who.name);
        if status == S::OK {
            for account in world.accounts() {
                assert!(
                    page.contains(&format!("<td>{}</td>", account.name)),
                    "{}",
                    account.name
                );
            }
        }
        // Reports are everyone's, each of their own scope.
        let (status, _) = world.page("/reports", &cookie).await;
        assert_eq!(status, S::OK, "{} reports", who.name);
        let (status, _) = world.page("/import", &cookie).await;
        let import_status = if valid.is_some() { S::OK } else { S::FORBIDDEN };
        assert_eq!(status, import_status, "{} import page", who.name);
        let (status, body) = world
            .import_csv("dry_run=true", Some(&who.token), csv)
            .await;
        assert_eq!(status, import_status, "{} import: {body}", who.name);
        if let Some(valid) = valid {
            assert_eq!(
                body["cases_valid"].as_u64(),
                Some(valid),
                "{}: {body}",
                who.name
            );
            assert_eq!(
                body["errors"].as_array().map(Vec::len),
                Some(2 - valid as usize)
            );
            assert!(body["written"].is_null());
        }
        // The navigation offers what the account may open, and nothing else.
        let (_, overview) = world.page(&format!("/?from={FROM}&to={TO}"), &cookie).await;
        assert_eq!(
            overview.contains("href=\"/admin/audit\""),
            who.role == Role::Admin,
            "{}",
            who.name
        );
        assert_eq!(
            overview.contains("href=\"/import\""),
            valid.is_some(),
            "{}",
            who.name
        );
    }
}
