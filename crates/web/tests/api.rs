//! The JSON API over the web test world: every route refuses a request without a valid token;
//! the metrics body is the command line's; a case comes back with its own facts and timeline;
//! the router's routes, the OpenAPI document and the real responses agree (`openapi`); an import
//! is checked, refused whole or written, within the importer's court. (Scope per role:
//! tests/scope.rs; the lists at their cut-offs: tests/supervision.rs.)

mod openapi;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::{Value, json};
use shenguan_app::metrics::parse_request;
use shenguan_testkit::world::{
    BOUNDARY, COURT, COURT_NAME, DIVISION, JUDGE, MARKUP_CAUSE, MARKUP_DETAIL, World, app, encode,
    fresh_world, world,
};

const PERIOD: &str = "from=2026-01-01&to=2026-11-27";

/// Every GET route of the API, with parameters that make it answer.
fn routes() -> Vec<String> {
    vec![
        format!("/api/v1/metrics?{PERIOD}"),
        format!("/api/v1/metrics/explain?indicator=pending&{PERIOD}"),
        "/api/v1/cases".to_string(),
        format!("/api/v1/cases/{}", encode(BOUNDARY.overdue_in)),
        "/api/v1/warnings".to_string(),
        "/api/v1/long-pending?months=12".to_string(),
        "/api/v1/enforcement/idle?days=60".to_string(),
        "/api/v1/audit".to_string(),
        format!("/api/v1/quality/scorecard?{PERIOD}"),
        format!("/api/v1/quality/reconciliation?{PERIOD}"),
        "/api/v1/reports".to_string(),
        format!("/api/v1/signals/integrity?{PERIOD}"),
        "/api/v1/forecast?months=2".to_string(),
    ]
}

#[tokio::test]
async fn every_route_needs_a_valid_token() {
    let world = world();
    for route in routes() {
        for token in [None, Some("sg_not-a-token"), Some("")] {
            let (status, body) = world.get(&route, token).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{route} with {token:?}");
            assert!(
                body["message"]
                    .as_str()
                    .is_some_and(|e| e.contains("Bearer"))
            );
            assert_eq!(body["code"], "unauthorized");
        }
        // The same routes answer with the administrator's token: the refusal above was the
        // token's, not the route's.
        let (status, _) = world.get(&route, Some(&world.admin.token)).await;
        assert_eq!(status, StatusCode::OK, "{route}");
    }
    let (status, _) = world
        .import_csv("dry_run=true", None, "案号,立案日期\n")
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn a_case_comes_back_with_its_own_facts_and_timeline() {
    let world = world();
    let number = BOUNDARY.long_pending_12m_in;
    let (status, case) = world
        .get(
            &format!("/api/v1/cases/{}", encode(number)),
            Some(&world.office.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    // Filed 2025-11-26 under the ordinary procedure (6 months): deadline 2026-05-26, a Tuesday.
    let expected = json!({
        "case_no": number,
        "court": COURT,
        "court_name": COURT_NAME,
        "type_code": "民初",
        "procedure": "普通",
        "cause": MARKUP_CAUSE,
        "division": DIVISION,
        "judge": JUDGE,
        "judge_id": null,
        "filed_on": "2025-11-26",
        "closed_on": null,
        "closing_method": null,
        "extension": "",
        "exclusions": "",
        "excluded_days": 0,
        "origin_case_no": null,
        "deadline": "2026-05-26",
        "trial_days": null,
        "events": [
            {"date": "2025-11-26", "kind": "立案", "detail": ""},
            {"date": "2026-03-10", "kind": "开庭", "detail": MARKUP_DETAIL},
        ],
        "parties": [],
        "payments": [],
    });
    assert_eq!(case, expected);
    // A closed case: filed 2023-06-01, closed 2026-11-26 — 365 + 366 + 365 days to 2026-06-01,
    // then 30 + 31 + 31 + 30 + 31 + 25 to 2026-11-26: 1274 trial days; its deadline six months
    // on, 2023-12-01 (a Friday).
    let (status, closed) = world
        .get(
            &format!("/api/v1/cases/{}", encode(BOUNDARY.closed_yesterday)),
            Some(&world.office.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(closed["closed_on"], "2026-11-26");
    assert_eq!(closed["closing_method"], "判决");
    assert_eq!(closed["trial_days"], 1274);
    assert_eq!(closed["deadline"], "2023-12-01");
    // The number may be written as people write it: half-width brackets.
    let loose = number.replace('（', "(").replace('）', ")");
    let (status, again) = world
        .get(
            &format!("/api/v1/cases/{}", encode(&loose)),
            Some(&world.office.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(again["case_no"], number);
    // Not a case number at all; a number of no stored case.
    let (status, error) = world
        .get("/api/v1/cases/not-a-number", Some(&world.admin.token))
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{error}");
    let missing = "（2026）湘1402民初99999号";
    let (status, error) = world
        .get(
            &format!("/api/v1/cases/{}", encode(missing)),
            Some(&world.admin.token),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|e| e.contains(missing)),
        "{error}"
    );
    // The view is in the audit log, by the office (other tests write lines too: it is looked
    // for, not taken as the newest).
    let (_, audit) = world.get("/api/v1/audit", Some(&world.admin.token)).await;
    assert!(
        audit["entries"]
            .as_array()
            .expect("entries")
            .iter()
            .any(|e| {
                e["action"] == "case.view" && e["user"] == "审管办" && e["detail"] == number
            }),
        "{audit}"
    );
}

#[tokio::test]
async fn a_case_list_pages_through_the_scope_in_case_number_order() {
    let world = world();
    // The 庭长's 25 cases, 10 a page: 10, 10, 5, then none.
    let mut all = Vec::new();
    for (offset, expected) in [(0, 10), (10, 10), (20, 5), (30, 0)] {
        let (status, body) = world
            .get(
                &format!("/api/v1/cases?limit=10&offset={offset}"),
                Some(&world.division.token),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["total"], 25);
        assert_eq!(body["offset"], offset);
        assert_eq!(body["limit"], 10);
        let page = body["cases"].as_array().expect("cases");
        assert_eq!(page.len(), expected, "offset {offset}");
        all.extend(
            page.iter()
                .map(|c| c["case_no"].as_str().expect("number").to_string()),
        );
    }
    let mut sorted = all.clone();
    sorted.sort();
    assert_eq!(all, sorted, "by case number");
    sorted.dedup();
    assert_eq!(sorted.len(), 25, "no case twice");
    // Active in a period: filed by its end and not closed before its start. In November 2026
    // all 25 (the two closed cases closed within it); in 2024 the three filed in 2023 (two
    // pending, one closed in 2026); in 2022 none.
    for (period, expected) in [
        ("from=2026-11-01&to=2026-11-30", 25),
        ("from=2024-01-01&to=2024-12-31", 3),
        ("from=2022-01-01&to=2022-12-31", 0),
    ] {
        let (_, body) = world
            .get(
                &format!("/api/v1/cases?{period}"),
                Some(&world.division.token),
            )
            .await;
        assert_eq!(body["total"], expected, "{period}");
    }
    for bad in [
        "limit=ten",
        "offset=-1",
        "from=2026-13-01",
        // A period that ends before it begins.
        "from=2026-12-01&to=2026-01-01",
        "court=XX",
        // with_lower is yes or no, and only with a court.
        "court=%E6%B9%9814&with_lower=maybe",
        "with_lower=true",
    ] {
        let (status, body) = world
            .get(&format!("/api/v1/cases?{bad}"), Some(&world.admin.token))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {body}");
    }
    // The intermediate court alone lists its own cases; with the courts below, the network's.
    let total = |query: &'static str| async move {
        let (status, body) = world
            .get(&format!("/api/v1/cases?{query}"), Some(&world.admin.token))
            .await;
        assert_eq!(status, StatusCode::OK, "{query}");
        body["total"].as_u64().expect("a total")
    };
    let own = total("court=%E6%B9%9814").await;
    let all = total("court=%E6%B9%9814&with_lower=true").await;
    let network = total("").await;
    assert!(own > 0 && own < all, "{own} of {all}");
    assert_eq!(all, network, "the city's courts are the whole network");
}

#[tokio::test]
async fn the_metrics_body_is_the_command_lines() {
    let world = world();
    let query = "from=2026-01-01&to=2026-06-30&by=court,quarter&indicators=new,closed,within_limit_rate,appeal_rate&compare=yoy";
    let (status, body) = world
        .get(
            &format!("/api/v1/metrics?{query}"),
            Some(&world.admin.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let params: Vec<(&str, &str)> = query.split('&').filter_map(|p| p.split_once('=')).collect();
    let request = parse_request(
        &|name| {
            params
                .iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
        },
        shenguan_app::metrics::Asker::Api,
    )
    .expect("request");
    let app = app();
    let cases = app.load_cases(&mut world.store()).expect("cases");
    let expected = app
        .metrics(&cases, &request)
        .expect("metrics")
        .to_json(None);
    assert_eq!(body, expected);
    // Four courts (湘14 and its three basic courts) by two quarters.
    assert_eq!(body["rows"].as_array().map(Vec::len), Some(8));
    // Asked again, the answer comes from memory: the same body; a judge's narrower scope is a
    // question of its own, not the administrator's answer.
    let (_, again) = world
        .get(
            &format!("/api/v1/metrics?{query}"),
            Some(&world.admin.token),
        )
        .await;
    assert_eq!(again, expected);
    let (_, judges) = world
        .get(
            &format!("/api/v1/metrics?{query}"),
            Some(&world.judge_1403.token),
        )
        .await;
    assert_ne!(judges, expected);
    let courts: Vec<&str> = judges["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["group"]["court"].as_str().expect("court"))
        .collect();
    assert_eq!(courts, ["湘1403", "湘1403"]);
    let (status, error) = world
        .get(
            "/api/v1/metrics?from=2024-07-01&to=2024-06-30",
            Some(&world.admin.token),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // The answer has its stable shape and speaks of the API's parameters, not of flags.
    assert_eq!(error["code"], "invalid", "{error}");
    let message = error["message"].as_str().expect("a message");
    assert!(
        message.contains("2024-06-30") && !message.contains("--"),
        "{message}"
    );
    assert_eq!(error["details"], json!([]));
    let (status, error) = world
        .get(
            "/api/v1/metrics?from=2024-01-01&to=2024-06-30&with_lower=true",
            Some(&world.admin.token),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let message = error["message"].as_str().expect("a message");
    assert!(
        message.contains("with_lower 须与 court 同用") && !message.contains("--"),
        "{message}"
    );
}

/// Whether `text` holds a Chinese character or Chinese punctuation.
fn has_chinese(text: &str) -> bool {
    text.chars().any(|c| {
        ('\u{4e00}'..='\u{9fff}').contains(&c)
            || ('\u{3000}'..='\u{303f}').contains(&c)
            || ('\u{ff00}'..='\u{ffef}').contains(&c)
    })
}

/// An error answer speaks the language the request's `Accept-Language` asks for, Chinese when it
/// names neither, and only that one — never the two glued — in the same JSON shape, naming the
/// API's parameters (`from`), not the command line's flags.
#[tokio::test]
async fn an_error_speaks_the_language_the_request_asks_for() {
    let world = world();
    let ask = |uri: &str, language: Option<&str>| {
        let mut request =
            Request::get(uri).header("Authorization", format!("Bearer {}", world.admin.token));
        if let Some(language) = language {
            request = request.header("Accept-Language", language);
        }
        world.send(request.body(Body::empty()).expect("a request"))
    };
    let cases = [
        (
            "/api/v1/metrics?from=x&to=2026-01-01",
            StatusCode::BAD_REQUEST,
            "invalid",
            "from: “x” is not a valid date (write 2024-03-05, 2024/3/5 or 20240305)",
            "from: “x”不是有效日期（应写作 2024-03-05、2024/3/5、2024年3月5日 或 20240305）",
        ),
        (
            "/api/v1/metrics/explain?indicator=speed&from=2026-01-01&to=2026-11-27",
            StatusCode::NOT_FOUND,
            "not_found",
            "there is no indicator “speed”",
            "没有指标“speed”",
        ),
        (
            "/api/v1/long-pending?months=13",
            StatusCode::BAD_REQUEST,
            "invalid",
            "months “13” must be one of 12, 18, 36",
            "months “13” 须为 12、18、36",
        ),
    ];
    for (uri, status, code, english, chinese) in cases {
        for language in ["en", "en-US,en;q=0.9", "fr;q=0.9, en;q=0.8, zh;q=0.5"] {
            let (got, headers, body) = ask(uri, Some(language)).await;
            assert_eq!(got, status, "{uri} {language}: {body}");
            let error: Value = serde_json::from_str(&body).expect("JSON");
            assert_eq!(
                error,
                json!({"code": code, "message": english, "details": []}),
                "{uri} {language}"
            );
            assert!(
                !has_chinese(english) && !english.contains("; "),
                "{english}"
            );
            assert!(
                headers
                    .get_all("vary")
                    .iter()
                    .any(|v| v.to_str().is_ok_and(|v| v.contains("accept-language"))),
                "{uri}: {headers:?}"
            );
        }
        for language in [None, Some("zh-CN,zh;q=0.9,en;q=0.8"), Some("de")] {
            let (got, _, body) = ask(uri, language).await;
            assert_eq!(got, status, "{uri} {language:?}: {body}");
            let error: Value = serde_json::from_str(&body).expect("JSON");
            assert_eq!(
                error,
                json!({"code": code, "message": chinese, "details": []}),
                "{uri} {language:?}"
            );
            assert!(!english.is_empty() && !chinese.contains(english));
        }
    }
    // The refusal of a request without a token too.
    let request = Request::get("/api/v1/cases")
        .header("Accept-Language", "en")
        .body(Body::empty())
        .expect("a request");
    let (status, _, body) = world.send(request).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let error: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(
        error["message"],
        "a valid bearer token is required (Authorization: Bearer …)"
    );
}

#[tokio::test]
async fn explain_names_the_cases_behind_a_figure() {
    let world = world();
    // The division's new cases in 2026 are its 18 cases filed this year (8 执, 10 民特).
    let (status, body) = world
        .get(
            &format!("/api/v1/metrics/explain?indicator=new&{PERIOD}"),
            Some(&world.division.token),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["indicator"], "new");
    assert_eq!(body["part"], "numerator");
    let mut named: Vec<&str> = body["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .map(|n| n.as_str().expect("number"))
        .collect();
    named.sort();
    let mut expected: Vec<&str> = shenguan_testkit::world::BOUNDARY_CASES
        .iter()
        .filter(|c| c.case_no.starts_with("（2026）"))
        .map(|c| c.case_no)
        .collect();
    expected.sort();
    assert_eq!(expected.len(), 18);
    assert_eq!(named, expected);
    for (query, status) in [
        ("indicator=nothing", StatusCode::NOT_FOUND),
        ("indicator=new&part=middle", StatusCode::BAD_REQUEST),
    ] {
        let (got, _) = world
            .get(
                &format!("/api/v1/metrics/explain?{query}&{PERIOD}"),
                Some(&world.admin.token),
            )
            .await;
        assert_eq!(got, status, "{query}");
    }
}

/// A cases file with one case of 湘1402 (row 2) and one of 湘1403 (row 3), filed in 2026.
const TWO_COURTS: &str = "案号,法院名称,立案日期,结案日期,结案方式,承办人,承办部门,案由,适用程序,标的额,执行到位金额,原审案号\n\
     （2026）湘1402民初99901号,清河市清河区人民法院,2026-03-02,,,新法官,民事审判庭,民间借贷纠纷,简易,1000.00,,\n\
     （2026）湘1403民初99902号,清河市云溪区人民法院,2026-03-03,,,别的法官,民事审判庭,民间借贷纠纷,简易,2000.00,,\n";

/// 新收 in 2026 to date as `token` sees it on the API.
async fn new_in_2026(world: &World, token: &str) -> i64 {
    let (_, body) = world
        .get(
            &format!("/api/v1/metrics?{PERIOD}&indicators=new"),
            Some(token),
        )
        .await;
    body["rows"][0]["values"]["new"].as_i64().expect("new")
}

/// 湘1402's cases filed in 2026 to date, counted in the store.
fn stored_new_in_2026(world: &World) -> i64 {
    let from = chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("date");
    world
        .stored_cases(Some(COURT))
        .iter()
        .filter(|c| c.filed_on >= from && c.filed_on <= shenguan_testkit::world::TODAY)
        .count() as i64
}

#[tokio::test]
async fn an_office_imports_its_own_courts_cases_all_or_nothing() {
    // It writes: a world of its own.
    let world = fresh_world();
    let office = world.office.token.clone();
    let before = stored_new_in_2026(&world);
    assert_eq!(new_in_2026(&world, &office).await, before);
    // Checked only: the other court's row is an error naming row, column, value and reason.
    let (status, checked) = world
        .import_csv("dry_run=true", Some(&office), TWO_COURTS)
        .await;
    assert_eq!(status, StatusCode::OK, "{checked}");
    assert_eq!(checked["rows_read"], 2);
    assert_eq!(checked["cases_valid"], 1);
    assert!(checked["written"].is_null());
    let errors = checked["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{checked}");
    assert_eq!(errors[0]["row"], 3, "{checked}");
    assert_eq!(errors[0]["value"], "湘1403");
    assert!(
        errors[0]["reason_zh"]
            .as_str()
            .is_some_and(|r| r.contains("湘1402"))
    );
    // All or nothing: with a bad row nothing is written. The answer is the report (200): the
    // request was understood, the file refused.
    let (status, refused) = world.import_csv("", Some(&office), TWO_COURTS).await;
    assert_eq!(status, StatusCode::OK, "{refused}");
    assert!(refused["written"].is_null(), "{refused}");
    assert_eq!(refused["errors"].as_array().map(Vec::len), Some(1));
    assert_eq!(refused["indicators_refreshed"], false);
    assert_eq!(stored_new_in_2026(&world), before);
    assert_eq!(new_in_2026(&world, &office).await, before);
    // The good row alone, on request; the indicators count it at once.
    let (status, done) = world
        .import_csv("skip_invalid=true", Some(&office), TWO_COURTS)
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(
        done["written"],
        json!({"added": 1, "updated": 0, "unchanged": 0, "events_added": 0,
            "petitions_added": 0, "petitions_updated": 0, "notice_rows": 0,
            "assistance_added": 0, "assistance_updated": 0})
    );
    assert_eq!(done["indicators_refreshed"], true);
    assert_eq!(stored_new_in_2026(&world), before + 1);
    assert_eq!(new_in_2026(&world, &office).await, before + 1);
    let (status, case) = world
        .get(
            &format!("/api/v1/cases/{}", encode("（2026）湘1402民初99901号")),
            Some(&office),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(case["judge"], "新法官");
    assert_eq!(case["filed_on"], "2026-03-02");
    let (status, _) = world
        .get(
            &format!("/api/v1/cases/{}", encode("（2026）湘1403民初99902号")),
            Some(&world.admin.token),
        )
        .await;
    assert_eq!(
        status,
        StatusCode::NOT_FOUND,
        "the refused row was not written"
    );
    // The same file again: nothing new, the case unchanged.
    let (_, again) = world
        .import_csv("skip_invalid=true", Some(&office), TWO_COURTS)
        .await;
    assert_eq!(
        again["written"],
        json!({"added": 0, "updated": 0, "unchanged": 1, "events_added": 0,
            "petitions_added": 0, "petitions_updated": 0, "notice_rows": 0,
            "assistance_added": 0, "assistance_updated": 0})
    );
    // A judge may not import; a bad format is refused with the reason.
    let (status, _) = world
        .import_csv("", Some(&world.judge.token), TWO_COURTS)
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = world.import_csv("", None, TWO_COURTS).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let request = Request::post("/api/v1/import?format=doc")
        .header("Authorization", format!("Bearer {office}"))
        .body(axum::body::Body::from("x"))
        .expect("request");
    let (status, _, body) = world.send(request).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("csv"), "{body}");
    assert_eq!(stored_new_in_2026(&world), before + 1);
}

/// An application to change a time limit, as an export's `limit_requests.csv` writes it: one of
/// the office's court, decided, whose reason carries a script; one of another court.
const APPLICATIONS: &str = "id,case_no,court_code,division,kind,length,ground,from_on,to_on,reason,asked_by,asked_on,deadline_then,late,approver,state,decided_by,decided_on,decided_late,note
7,（2026）湘1402民初99901号,湘1402,民一庭,extension,3个月,,,,<script>alert(1)</script>,新法官,2026-08-20,2026-09-02,否,本院院长,approved,院长,2026-08-21,否,同意
8,（2026）湘1403民初99902号,湘1403,民一庭,extension,3个月,,,,须鉴定,周七,2026-08-20,2026-09-02,否,本院院长,pending,,,,
";

#[tokio::test]
async fn supervision_records_import_through_the_api_once_and_within_the_court() {
    let world = fresh_world();
    let office = world.office.token.clone();
    let (status, done) = world
        .import_csv("skip_invalid=true", Some(&office), TWO_COURTS)
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    // The other court's application is refused on its row; nothing is written.
    let (status, refused) = world.import_csv("", Some(&office), APPLICATIONS).await;
    assert_eq!(status, StatusCode::OK, "{refused}");
    assert!(refused["written"].is_null(), "{refused}");
    let errors = refused["errors"].as_array().expect("errors");
    assert_eq!(errors.len(), 1, "{refused}");
    assert_eq!(errors[0]["row"], 3, "{refused}");
    assert_eq!(errors[0]["column"], "case_no", "{refused}");
    assert_eq!(
        refused["records"]["requests"],
        json!({"added": 1, "updated": 0, "unchanged": 0})
    );
    // Skipping it, the office's own is written once; a second import finds it stored.
    let (_, done) = world
        .import_csv("skip_invalid=true", Some(&office), APPLICATIONS)
        .await;
    assert!(done["written"].is_object(), "{done}");
    assert_eq!(
        done["records"]["requests"],
        json!({"added": 1, "updated": 0, "unchanged": 0})
    );
    let (_, again) = world
        .import_csv("skip_invalid=true", Some(&office), APPLICATIONS)
        .await;
    assert_eq!(
        again["records"]["requests"],
        json!({"added": 0, "updated": 0, "unchanged": 1})
    );
    let (status, listed) = world.get("/api/v1/limit-requests", Some(&office)).await;
    assert_eq!(status, StatusCode::OK, "{listed}");
    let text = listed.to_string();
    assert_eq!(
        text.matches("<script>alert(1)</script>").count(),
        1,
        "{text}"
    );
}

/// A register of two petitions of 湘1402, one with an identity number, neither about a case of
/// the world's judge.
const REGISTER: &str = "登记号,法院代字,登记日期,来源,信访人,证件号码,涉及案号,事项类别
2026-001,湘1402,2026-03-02,来访,王某,43010219800101109X,（2025）湘1402执99001号,执行
2026-002,湘1402,2026-03-09,来信,王某,43010219800101109X,（2025）湘1402执99001号,执行
";

#[tokio::test]
async fn the_register_is_listed_within_the_scope_and_never_with_a_number() {
    let world = fresh_world();
    let office = world.office.token.clone();
    let (status, done) = world.import_csv("", Some(&office), REGISTER).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["written"]["petitions_added"], 2, "{done}");
    // The world's simulated register has petitions of its own; these two are the first week of
    // March.
    let march = "/api/v1/petitions?from=2026-03-01&to=2026-03-10";
    let (status, listed) = world.get(march, Some(&office)).await;
    assert_eq!(status, StatusCode::OK, "{listed}");
    let petitions = listed["petitions"].as_array().expect("petitions");
    assert_eq!(petitions.len(), 2, "{listed}");
    assert_eq!(petitions[0]["register_no"], "2026-001");
    assert_eq!(petitions[1]["repeat"], true);
    assert_eq!(
        petitions[0]["petitioners"][0]["id_masked"],
        "4301**********109X"
    );
    // Received in March, never accepted: long overdue on the world's day.
    assert_eq!(petitions[0]["tier"], "overdue");
    assert_eq!(petitions[0]["awaited"], "受理告知");
    let (_, everything) = world.get("/api/v1/petitions", Some(&office)).await;
    assert!(
        !everything.to_string().contains("1980010110"),
        "no number in clear"
    );
    // A judge sees only petitions about their own cases: not these, and a part of the court's.
    let (status, judge) = world.get(march, Some(&world.judge.token)).await;
    assert_eq!(status, StatusCode::OK, "{judge}");
    assert_eq!(judge["petitions"].as_array().map(Vec::len), Some(0));
    let (_, theirs) = world
        .get("/api/v1/petitions", Some(&world.judge.token))
        .await;
    let count = |v: &Value| v["petitions"].as_array().map_or(0, Vec::len);
    assert!(count(&theirs) < count(&everything), "{theirs}");
    let (_, later) = world
        .get(
            "/api/v1/petitions?from=2026-03-05&to=2026-03-10",
            Some(&office),
        )
        .await;
    assert_eq!(later["petitions"].as_array().map(Vec::len), Some(1));
    for bad in ["overdue=maybe", "from=2026-02-30"] {
        let (status, answer) = world
            .get(&format!("/api/v1/petitions?{bad}"), Some(&office))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {answer}");
    }
}

/// Filed 2025-07-16 (民初, 普通) with a six-month extension: six calendar months to 2026-01-16,
/// six more to 2026-07-16 — 181 days added, not 180.
const SIX_MONTHS: &str = "案号,立案日期,适用程序,承办人,延长审限\n（2025）湘1402民初99907号,2025-07-16,普通,李娜,6个月\n";

#[tokio::test]
async fn an_extension_in_months_gives_the_laws_deadline_and_survives_a_file_without_it() {
    // It writes: a world of its own.
    let world = fresh_world();
    let office = world.office.token.clone();
    let number = "（2025）湘1402民初99907号";
    let (status, done) = world.import_csv("", Some(&office), SIX_MONTHS).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["changes"]["added"], 1, "{done}");
    let uri = format!("/api/v1/cases/{}", encode(number));
    let (status, case) = world.get(&uri, Some(&office)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(case["extension"], "6个月");
    assert_eq!(case["deadline"], "2026-07-16");
    let cookie = world.session(&world.office).await;
    let (status, page) = world
        .page(&format!("/cases/{}", encode(number)), &cookie)
        .await;
    assert_eq!(status, StatusCode::OK);
    // 2026-07-16 to 2026-11-27: 15 + 31 + 30 + 31 + 27 days.
    assert!(
        page.contains("<tr><th>审限届满日</th><td>2026-07-16（已超审限134日）</td></tr>"),
        "{page}"
    );
    assert!(
        page.contains("<tr><th>延长审限</th><td>6个月（共延长181日）</td></tr>"),
        "{page}"
    );

    // The same case from a file without the extension column: the dry run and the import both
    // say nothing changes, and nothing does.
    let without = "案号,立案日期,承办人\n（2025）湘1402民初99907号,2025-07-16,李娜\n";
    for query in ["dry_run=true", ""] {
        let (status, answer) = world.import_csv(query, Some(&office), without).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        assert_eq!(
            answer["changes"],
            json!({"added": 0, "updated": 0, "unchanged": 1, "cleared": 0, "columns": [], "first": []}),
            "{query}"
        );
    }
    let (_, case) = world.get(&uri, Some(&office)).await;
    assert_eq!(case["extension"], "6个月");
    assert_eq!(case["deadline"], "2026-07-16");

    // An empty cell clears it, and the answer says which value went.
    let (_, cleared) = world
        .import_csv(
            "dry_run=true",
            Some(&office),
            "案号,立案日期,延长审限\n（2025）湘1402民初99907号,2025-07-16,\n",
        )
        .await;
    assert_eq!(
        cleared["changes"]["columns"],
        json!([{"column": "extension", "column_zh": "延长审限", "changed": 1, "cleared": 1}])
    );
    assert_eq!(
        cleared["changes"]["first"],
        json!([{"case_no": number, "column": "extension", "old": "6个月", "new": ""}])
    );
}

/// The same case with its changes as records: the extension's approval and two excluded periods
/// with their grounds; 2026-07-16 + 105 days = 2026-10-29.
const RECORDED: &str = "案号,立案日期,适用程序,延长审限,扣除审限\n（2025）湘1402民初99908号,2025-07-16,普通,6个月@2026-01-05/本院院长/案情复杂,公告 2025-08-01~2025-09-29;鉴定 45日\n";

#[tokio::test]
async fn time_limit_changes_are_shown_as_records_on_the_api_and_the_case_page() {
    let world = fresh_world();
    let office = world.office.token.clone();
    let (status, done) = world.import_csv("", Some(&office), RECORDED).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let number = "（2025）湘1402民初99908号";
    let (status, case) = world
        .get(&format!("/api/v1/cases/{}", encode(number)), Some(&office))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(case["extension"], "6个月@2026-01-05/本院院长/案情复杂");
    assert_eq!(case["exclusions"], "公告 2025-08-01~2025-09-29;鉴定 45日");
    assert_eq!(case["excluded_days"], 105);
    assert_eq!(case["deadline"], "2026-10-29");
    let cookie = world.session(&world.office).await;
    let (status, page) = world
        .page(&format!("/cases/{}", encode(number)), &cookie)
        .await;
    assert_eq!(status, StatusCode::OK);
    for row in [
        "<tr><th>延长审限</th><td>6个月（2026-01-05 本院院长批准：案情复杂）（共延长181日）</td></tr>",
        "<tr><th>扣除审限</th><td>公告 2025-08-01 至 2025-09-29（60日）；鉴定 45日（共105日）</td></tr>",
    ] {
        assert!(page.contains(row), "{row}\n{page}");
    }
}

#[tokio::test]
async fn parties_uploaded_through_the_api_are_kept_masked_and_keyed() {
    let world = fresh_world();
    let office = world.office.token.clone();
    let number = BOUNDARY.long_pending_12m_in;
    let parties = format!(
        "案号,诉讼地位,当事人,证件号码\n{number},原告,张三,11010519491231002X\n{number},被告,<script>李四</script>,\n"
    );
    let (status, done) = world.import_csv("", Some(&office), &parties).await;
    assert_eq!(status, StatusCode::OK, "{done}");
    let (status, case) = world
        .get(&format!("/api/v1/cases/{}", encode(number)), Some(&office))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(case["parties"][0]["id_masked"], "1101**********002X");
    assert_eq!(
        case["parties"][0]["identity_key"].as_str().map(str::len),
        Some(32)
    );
    assert!(!case.to_string().contains("19491231"));
    // The name is data, shown as text on the page, never run.
    let cookie = world.session(&world.office).await;
    let (_, page) = world
        .page(&format!("/cases/{}", encode(number)), &cookie)
        .await;
    assert!(page.contains("&lt;script&gt;李四&lt;/script&gt;"), "{page}");
    assert!(!page.contains("19491231"));
}

#[tokio::test]
async fn the_definitions_asked_are_used_and_kept_apart_and_bad_ones_refused() {
    let world = world();
    let base = "/api/v1/metrics?from=2026-01-01&to=2026-06-30&indicators=within_limit_rate,within_normal_limit_rate";
    let value = |body: &serde_json::Value, code: &str| body["rows"][0]["values"][code].as_f64();
    let (status, current) = world.get(base, Some(&world.admin.token)).await;
    assert_eq!(status, StatusCode::OK, "{current}");
    assert_eq!(current["definitions"]["within_limit_rate"], 2);
    // The definitions in force at the end of 2023: 法定审限内结案率 by the normal limit — and not
    // the answer just kept for the current ones.
    for asked in ["&definitions=2023-12-31", "&definition=within_limit_rate=1"] {
        let (status, older) = world
            .get(&format!("{base}{asked}"), Some(&world.admin.token))
            .await;
        assert_eq!(status, StatusCode::OK, "{older}");
        assert_eq!(older["definitions"]["within_limit_rate"], 1, "{asked}");
        assert_eq!(
            value(&older, "within_limit_rate"),
            value(&older, "within_normal_limit_rate")
        );
        assert_ne!(
            value(&older, "within_limit_rate"),
            value(&current, "within_limit_rate"),
            "{asked}"
        );
    }
    let (_, again) = world.get(base, Some(&world.admin.token)).await;
    assert_eq!(
        again, current,
        "the current answer is still the current one"
    );
    let long = "9".repeat(5000);
    for bad in [
        "definitions=2024-02-30".to_string(),
        "definitions=%3Cscript%3E".to_string(),
        "definition=within_limit_rate=9".to_string(),
        "definition=%3Dcmd%7C".to_string(),
        format!("definition=within_limit_rate={long}"),
    ] {
        let (status, error) = world
            .get(&format!("{base}&{bad}"), Some(&world.admin.token))
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {error}");
        assert_eq!(error["code"], "invalid", "{bad}");
        let message = error["message"].as_str().unwrap_or_default();
        assert!(message.starts_with("definition"), "{bad}: {message}");
    }
}

#[tokio::test]
async fn a_metrics_request_too_large_to_read_is_refused_before_it_is_computed() {
    let world = world();
    let judge = world.judge.token.clone();
    let office = world.office.token.clone();
    // Ten thousand years by month: outside the period any court keeps.
    let (status, answer) = world
        .get(
            "/api/v1/metrics?from=0001-01-01&to=9999-12-31&by=month",
            Some(&judge),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert!(answer.to_string().contains("1949-01-01"), "{answer}");
    // Every judge by month since 1949: more values than anyone reads.
    let (status, answer) = world
        .get(
            "/api/v1/metrics?from=1949-01-01&to=2100-12-31&by=judge,month",
            Some(&office),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{answer}");
    assert!(answer.to_string().contains("上限"), "{answer}");
    // A year by judge and month is answered.
    let (status, _) = world
        .get(
            "/api/v1/metrics?from=2026-01-01&to=2026-11-27&by=judge,month",
            Some(&office),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn an_office_imports_the_staff_and_divisions_of_its_own_courts_only() {
    let world = fresh_world();
    let office = world.office.token.clone();
    for (file, refused) in [
        (
            "工号,姓名,法院代字\nX1403001,张三,湘1403\n",
            "人员不属于湘1402",
        ),
        (
            "法院代字,部门代码,部门名称\n湘1403,MS01,民一庭\n",
            "部门不属于湘1402",
        ),
    ] {
        let (status, answer) = world.import_csv("", Some(&office), file).await;
        assert_eq!(status, StatusCode::OK, "{answer}");
        assert!(answer["written"].is_null(), "{answer}");
        assert!(answer.to_string().contains(refused), "{answer}");
    }
}

/// A workbook that is a zip bomb: 48 MB of one byte packed to a few kilobytes.
fn zip_bomb() -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("xl/worksheets/sheet1.xml", options)
        .expect("entry");
    let block = vec![b'0'; 1 << 20];
    for _ in 0..48 {
        zip.write_all(&block).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

#[tokio::test]
async fn a_zip_bomb_uploaded_as_a_workbook_is_refused_and_the_server_keeps_serving() {
    let world = fresh_world();
    let office = world.office.token.clone();
    let bomb = zip_bomb();
    assert!(bomb.len() < 1 << 20);
    let (status, _, body) = world
        .send(
            Request::post("/api/v1/import?format=xlsx")
                .header("Authorization", format!("Bearer {office}"))
                .body(Body::from(bomb))
                .expect("a request"),
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    assert!(body.contains("压缩炸弹"), "{body}");
    // The message names no path of the server's.
    assert!(
        !body.contains("/tmp") && !body.contains("upload-"),
        "{body}"
    );
    // Still serving, and nothing was written.
    let (status, _) = world
        .get(
            &format!("/api/v1/cases/{}", encode(BOUNDARY.long_pending_12m_in)),
            Some(&office),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_change_made_by_another_program_shows_at_the_next_request() {
    // It writes: a world of its own.
    let world = fresh_world();
    let office = world.office.token.clone();
    let before = new_in_2026(&world, &office).await;
    // A command-line import while the server runs: another connection writes the store.
    let number = shenguan_domain::CaseNumber::parse("（2026）湘1402民初99977号", 2026).expect("no");
    let court = number.court().expect("court");
    let case = shenguan_domain::CaseRecord::filed(
        number,
        court,
        chrono::NaiveDate::from_ymd_opt(2026, 4, 1).expect("date"),
    );
    world
        .direct_store()
        .write_import(&[case], &[], &mut |_| {})
        .expect("another program's import");
    assert_eq!(new_in_2026(&world, &office).await, before + 1);
    assert_eq!(stored_new_in_2026(&world), before + 1);
}

/// What `account` gets from `GET /api/v1/cases` and from the overview page with its session.
async fn answers(world: &World, token: &str, cookie: &str) -> (StatusCode, StatusCode) {
    let (api, _) = world.get("/api/v1/cases", Some(token)).await;
    let (page, _) = world.page("/", cookie).await;
    (api, page)
}

#[tokio::test]
async fn a_revoked_token_a_disabled_account_and_a_new_role_count_from_the_next_request() {
    // Changes made as `shenguan user` makes them, in another process, to the served store.
    let world = fresh_world();
    let app = app();
    let mut store = world.store();
    let judge = world.judge.clone();
    let judge_cookie = world.sign_in(&judge).await;
    assert_eq!(
        answers(&world, &judge.token, &judge_cookie).await,
        (StatusCode::OK, StatusCode::OK)
    );

    // Revoked: the token is refused at once; the session is not a token and goes on.
    app.revoke_tokens(&mut store, &judge.name, None)
        .expect("revoked");
    assert_eq!(
        answers(&world, &judge.token, &judge_cookie).await,
        (StatusCode::UNAUTHORIZED, StatusCode::OK)
    );

    // Disabled: the session ends (back to the login page), the token stops, the password
    // no longer signs in.
    let colleague = world.colleague.clone();
    let colleague_cookie = world.sign_in(&colleague).await;
    app.disable_user(&mut store, &colleague.name, None)
        .expect("disabled");
    assert_eq!(
        answers(&world, &colleague.token, &colleague_cookie).await,
        (StatusCode::UNAUTHORIZED, StatusCode::SEE_OTHER)
    );
    assert_eq!(
        world.try_login(&colleague.name, &colleague.password).await,
        Err(StatusCode::UNAUTHORIZED)
    );
    // Enabled again, the token works; the ended session stays ended.
    app.enable_user(&mut store, &colleague.name, None)
        .expect("enabled");
    assert_eq!(
        answers(&world, &colleague.token, &colleague_cookie).await,
        (StatusCode::OK, StatusCode::SEE_OTHER)
    );

    // The court's office made a division head: from the next request it may not import, by
    // its token or in its session, and its pages offer no import.
    let office = world.office.clone();
    let office_cookie = world.sign_in(&office).await;
    let (_, before) = world.page("/", &office_cookie).await;
    assert!(before.contains("href=\"/import\""));
    app.add_user(
        &mut store,
        shenguan_app::accounts::NewAccount {
            name: &office.name,
            role: shenguan_app::accounts::Role::Division,
            court: Some(shenguan_domain::CourtCode::parse(COURT).expect("court")),
            division: Some(DIVISION),
            staff_id: None,
            password: &office.password,
        },
    )
    .expect("demoted");
    let (status, body) = world
        .import_csv("dry_run=true", Some(&office.token), "案号,立案日期\n")
        .await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    let (status, after) = world.page("/", &office_cookie).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!after.contains("href=\"/import\""), "{after}");
    let (status, _) = world.page("/import", &office_cookie).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_token_stops_working_on_the_day_it_expires() {
    let world = fresh_world();
    let mut store = world.store();
    // Made 100 days before the world's today: one for 90 days has expired, one for 120 has not.
    let then = shenguan_app::App::with_clock(
        shenguan_app::Config::default(),
        Box::new(shenguan_app::FixedClock(
            chrono::NaiveDate::from_ymd_opt(2026, 8, 19).expect("date"),
        )),
    )
    .expect("the application 100 days ago");
    let expired = then
        .new_token_for_days(&mut store, &world.leader.name, 90)
        .expect("a token");
    let current = then
        .new_token_for_days(&mut store, &world.leader.name, 120)
        .expect("a token");
    let (status, body) = world.get("/api/v1/cases", Some(&expired)).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED, "{body}");
    let (status, _) = world.get("/api/v1/cases", Some(&current)).await;
    assert_eq!(status, StatusCode::OK);
}

#[tokio::test]
async fn a_store_locked_by_another_writer_answers_busy_and_the_server_goes_on() {
    let world = fresh_world();
    world
        .server
        .set_busy_wait(std::time::Duration::from_millis(200))
        .expect("a shorter wait");
    let case = format!("/api/v1/cases/{}", encode(BOUNDARY.overdue_in));
    // Signing in writes to the store too: done first.
    let cookie = world.sign_in(&world.admin).await;
    // Another process holds the store's write lock, as a long import from the command line does.
    let other = rusqlite::Connection::open(world.db_path()).expect("another connection");
    other
        .execute_batch(
            "BEGIN IMMEDIATE;
             INSERT INTO audit_log (at, user_name, action, detail)
             VALUES ('2026-11-27T12:00:00+08:00', NULL, 'import', 'held');",
        )
        .expect("the write lock");
    // Opening a case writes its audit line: the store is busy, said so with a time to come back.
    let (status, headers, body) = world
        .send(
            Request::get(&case)
                .header("Authorization", format!("Bearer {}", world.judge.token))
                .body(Body::empty())
                .expect("a request"),
        )
        .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(
        headers.get("retry-after").and_then(|v| v.to_str().ok()),
        Some("5")
    );
    let error: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(error["code"], "unavailable", "{error}");
    // Reading goes on meanwhile.
    let (status, _) = world.get("/api/v1/cases", Some(&world.judge.token)).await;
    assert_eq!(status, StatusCode::OK);
    // A page says the same in its own way.
    let (status, page) = world
        .page(&format!("/cases/{}", encode(BOUNDARY.overdue_in)), &cookie)
        .await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{page}");
    assert!(page.contains("数据库正忙"), "{page}");
    // Once the lock is let go, the same request is answered, and nothing of the other
    // writer's remains.
    other.execute_batch("ROLLBACK").expect("rolled back");
    let (status, _) = world.get(&case, Some(&world.judge.token)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        world
            .direct_store()
            .audit_entries(50)
            .expect("the log")
            .iter()
            .all(|e| e.detail != "held")
    );
}

/// A request body of `chunks` chunks of 64 KiB, counting in `read` the bytes the server takes.
fn counted_body(chunks: usize, read: &std::sync::Arc<std::sync::atomic::AtomicUsize>) -> Body {
    let read = std::sync::Arc::clone(read);
    let stream = futures_util::stream::iter((0..chunks).map(move |_| {
        read.fetch_add(CHUNK, std::sync::atomic::Ordering::SeqCst);
        Ok::<_, std::io::Error>(bytes::Bytes::from(vec![b'x'; CHUNK]))
    }));
    Body::from_stream(stream)
}

const CHUNK: usize = 64 * 1024;

/// What the server's upload folder holds now.
fn uploads_left(world: &World) -> Vec<std::path::PathBuf> {
    let folder = world.server.upload_folder().expect("an upload folder");
    std::fs::read_dir(folder)
        .expect("the upload folder")
        .map(|entry| entry.expect("an entry").path())
        .collect()
}

#[tokio::test]
async fn an_upload_is_not_read_before_its_sender_is_known_and_stops_at_the_limit() {
    let world = fresh_world();
    let read = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    // 64 MiB sent without a token, or with a judge's (who may not import): refused before a
    // byte of it is read.
    for token in [None, Some(world.judge.token.clone())] {
        let mut request = Request::post("/api/v1/import?format=csv");
        if let Some(token) = &token {
            request = request.header("Authorization", format!("Bearer {token}"));
        }
        let (status, _, body) = world
            .send(request.body(counted_body(1024, &read)).expect("a request"))
            .await;
        let expected = if token.is_some() {
            StatusCode::FORBIDDEN
        } else {
            StatusCode::UNAUTHORIZED
        };
        assert_eq!(status, expected, "{body}");
        assert_eq!(read.load(std::sync::atomic::Ordering::SeqCst), 0);
    }
    // An office's upload past the limit (1 MiB here) is refused once it passes it: the rest is
    // never read, and nothing of it stays on the server's disk.
    world.server.set_upload_limit(1024 * 1024);
    let (status, _, body) = world
        .send(
            Request::post("/api/v1/import?format=csv")
                .header("Authorization", format!("Bearer {}", world.office.token))
                .body(counted_body(1024, &read))
                .expect("a request"),
        )
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    let error: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(error["code"], "too_large");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.contains("1 MiB")),
        "{error}"
    );
    let taken = read.load(std::sync::atomic::Ordering::SeqCst);
    assert!(taken <= 1024 * 1024 + 2 * CHUNK, "{taken} bytes read");
    assert_eq!(uploads_left(&world), Vec::<std::path::PathBuf>::new());
    // A file with bad rows, and a good one: neither leaves anything behind, and no answer names
    // the server's folder.
    let folder = world
        .server
        .upload_folder()
        .expect("an upload folder")
        .display()
        .to_string();
    for csv in ["案号,立案日期\n不是案号,2026-01-01\n", "案号,立案日期\n"] {
        let (status, answer) = world
            .import_csv("dry_run=true", Some(&world.office.token), csv)
            .await;
        assert!(status.is_success() || status.is_client_error(), "{answer}");
        assert!(!answer.to_string().contains(&folder), "{answer}");
        assert!(!answer.to_string().contains("/tmp"), "{answer}");
        assert_eq!(uploads_left(&world), Vec::<std::path::PathBuf>::new());
    }
}

/// Log output captured in memory.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        if let Ok(mut kept) = self.0.lock() {
            kept.extend_from_slice(bytes);
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The log of this test binary, as JSON lines: one subscriber for the whole process, set once.
/// A subscriber set for one thread alone lost its lines now and then (call sites that other
/// tests' threads reached first were cached as of interest to none); the whole process's cannot.
fn process_log() -> Captured {
    static LOG: std::sync::OnceLock<Captured> = std::sync::OnceLock::new();
    LOG.get_or_init(|| {
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .json()
            .with_writer(move || writer.clone())
            .finish();
        tracing::subscriber::set_global_default(subscriber).expect("the only subscriber");
        captured
    })
    .clone()
}

#[tokio::test]
async fn every_answer_has_a_request_id_and_one_log_line_with_route_user_and_status() {
    let world = shenguan_testkit::world::world();
    let captured = process_log();
    let number = world.boundary.long_pending_12m_in;
    let request = Request::get(format!("/api/v1/cases/{}", encode(number)))
        .header("Authorization", format!("Bearer {}", world.office.token))
        .body(Body::empty())
        .expect("request");
    let (status, headers, _) = world.send(request).await;
    assert_eq!(status, StatusCode::OK);
    let id = headers["x-request-id"].to_str().expect("an id").to_string();
    assert!(
        id.len() == 12 && id.chars().all(|c| c.is_ascii_hexdigit()),
        "{id}"
    );
    // A second request has an id of its own.
    let (_, again, _) = world.send(get_with(&world.office.token)).await;
    assert_ne!(again["x-request-id"].to_str().ok(), Some(id.as_str()));
    let log =
        String::from_utf8(captured.0.lock().map(|b| b.clone()).unwrap_or_default()).expect("text");
    // The process's log holds the other tests' requests too: this request's lines are found by
    // its id.
    let ours: Vec<&str> = log.lines().filter(|l| l.contains(id.as_str())).collect();
    let line: Value = ours
        .iter()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .find(|l| l["span"]["id"] == id.as_str())
        .unwrap_or_else(|| panic!("no line for {id}: {log}"));
    assert_eq!(line["fields"]["status"], 200, "{line}");
    assert!(line["fields"]["ms"].is_u64(), "{line}");
    assert_eq!(line["span"]["method"], "GET");
    // The route's pattern, never the case number the path held.
    assert_eq!(line["span"]["route"], "/api/v1/cases/{case_no}");
    assert_eq!(line["span"]["user"], world.office.name.as_str());
    // No line of the process's log — this request's or another test's — holds a case number a
    // path carried.
    assert!(!log.contains(number), "{log}");
}

fn get_with(token: &str) -> Request<Body> {
    Request::get("/api/v1/warnings")
        .header("Authorization", format!("Bearer {token}"))
        .body(Body::empty())
        .expect("request")
}

/// The cases of `court` filed in the period, worked out from the store apart from the server:
/// all of them, those without a party, those heard on an official day off, those with a step
/// after their closing day that does not follow a closing.
fn quality_by_hand(world: &World, court: &str) -> (u64, u64, u64, u64) {
    use shenguan_domain::quality::allowed_after_closing;
    use shenguan_domain::{CourtCode, CourtScope, DayStatus, EventKind, HolidayCalendar};
    let (from, to) = (
        chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("day"),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 27).expect("day"),
    );
    let cases: Vec<_> = world
        .stored_cases(Some(court))
        .into_iter()
        .filter(|c| c.filed_on >= from && c.filed_on <= to)
        .collect();
    let query = shenguan_store::CaseQuery {
        court: Some(CourtScope::alone(CourtCode::parse(court).expect("court"))),
        from: None,
        to: None,
    };
    let mut store = world.direct_store();
    let with_parties: std::collections::HashSet<String> = store
        .parties_of(&query)
        .expect("parties")
        .into_iter()
        .filter(|p| !p.parties.is_empty())
        .map(|p| p.case_no.to_string())
        .collect();
    let events = store.events(&query).expect("events");
    let calendar = HolidayCalendar::builtin();
    let (mut bare, mut heard, mut after) = (0, 0, 0);
    for case in &cases {
        let number = case.case_no.to_string();
        if !with_parties.contains(&number) {
            bare += 1;
        }
        let own = || events.iter().filter(|e| e.case_no == case.case_no);
        if own().any(|e| {
            e.kind == EventKind::Hearing && matches!(calendar.status(e.date), DayStatus::Holiday(_))
        }) {
            heard += 1;
        }
        if own()
            .any(|e| case.closed_on.is_some_and(|c| e.date > c) && !allowed_after_closing(e.kind))
        {
            after += 1;
        }
    }
    (cases.len() as u64, bare, heard, after)
}

fn rule<'b>(court: &'b Value, code: &str) -> &'b Value {
    court["rules"]
        .as_array()
        .and_then(|rules| rules.iter().find(|r| r["rule"] == code))
        .unwrap_or_else(|| panic!("no rule {code}: {court}"))
}

#[tokio::test]
async fn the_quality_scorecard_counts_the_readers_courts_as_the_store_holds_them() {
    let world = world();
    let uri = format!("/api/v1/quality/scorecard?{PERIOD}");
    let (status, body) = world.get(&uri, Some(&world.office.token)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let courts = body["courts"].as_array().expect("courts");
    assert_eq!(courts.len(), 1, "the office sees its own court: {body}");
    let court = &courts[0];
    assert_eq!(court["court"], COURT);
    let (checked, bare, heard, after) = quality_by_hand(world, COURT);
    // The hand-made boundary cases have no parties, the generated ones have.
    assert!(checked > 0 && bare > 0, "{checked} {bare}");
    assert_eq!(court["checked"], checked);
    assert_eq!(rule(court, "missing_parties")["count"], bare);
    assert_eq!(rule(court, "missing_parties")["not_checked"], false);
    assert_eq!(rule(court, "hearing_on_holiday")["count"], heard);
    assert_eq!(rule(court, "event_after_closing")["count"], after);
    assert_eq!(court["rules"].as_array().map(Vec::len), Some(16));
    for r in court["rules"].as_array().into_iter().flatten() {
        let count = r["count"].as_u64().expect("a count");
        let listed = r["cases"].as_array().map_or(0, Vec::len) as u64;
        assert_eq!(listed, count.min(20), "{r}");
        assert!(!r["definition"].as_str().unwrap_or("").is_empty(), "{r}");
    }
    // The months add up to the period: the cases checked and the clean ones.
    let months = court["months"].as_array().expect("months");
    assert_eq!(months.len(), 11, "January to November: {body}");
    assert_eq!(months[0]["month"], "2026-01");
    let sum = |key: &str| months.iter().filter_map(|m| m[key].as_u64()).sum::<u64>();
    assert_eq!(sum("checked"), checked);
    assert_eq!(sum("clean"), court["clean"].as_u64().expect("clean"));

    // The intermediate court's office sees the courts below it, one of them when it asks.
    let (_, city) = world.get(&uri, Some(&world.city_office.token)).await;
    assert!(
        city["courts"].as_array().is_some_and(|c| c.len() >= 3),
        "{city}"
    );
    let one = format!("{uri}&court={}", encode("湘1403"));
    let (status, city) = world.get(&one, Some(&world.city_office.token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(city["courts"][0]["court"], "湘1403");
    assert_eq!(city["courts"].as_array().map(Vec::len), Some(1));
    // Another court is not the office's to see; a judge sees their own cases only.
    let (status, refused) = world.get(&one, Some(&world.office.token)).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{refused}");
    assert_eq!(refused["code"], "forbidden");
    let (_, theirs) = world.get(&uri, Some(&world.judge.token)).await;
    let own = theirs["courts"][0]["checked"]
        .as_u64()
        .expect("the judge's cases");
    assert!(own > 0 && own < checked, "{own} of {checked}");

    for bad in [
        "from=garbage",
        "from=2026-11-27&to=2026-01-01",
        "to=99999-01-01",
        "court=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
        "court=%E6%B9%981402&with_lower=maybe",
        "from=2026-02-30",
    ] {
        let (status, error) = world
            .get(
                &format!("/api/v1/quality/scorecard?{bad}"),
                Some(&world.office.token),
            )
            .await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{bad}: {error}");
        assert_eq!(error["code"], "invalid", "{bad}");
    }
}
