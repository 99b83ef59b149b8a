//! The JSON API over a generated network in a temporary SQLite store: every route refuses a
//! request without a valid token; a basic court's user reads nothing of another court on any
//! route; the metrics body is the command line's; the real responses match the OpenAPI document;
//! case views reach the audit log.

use axum::http::StatusCode;
use serde_json::Value;
use shenguan_app::metrics::parse_request;

mod common;

use common::{World, app, encode, get, send, world};

const PERIOD: &str = "from=2024-01-01&to=2024-12-31";

fn routes() -> Vec<String> {
    vec![
        format!("/api/v1/metrics?{PERIOD}"),
        format!("/api/v1/metrics/explain?indicator=pending&{PERIOD}"),
        "/api/v1/cases".to_string(),
        format!("/api/v1/cases/{}", encode("（2024）湘1402民初1号")),
        "/api/v1/warnings".to_string(),
        "/api/v1/long-pending?months=12".to_string(),
        "/api/v1/enforcement/idle?days=60".to_string(),
        "/api/v1/audit".to_string(),
    ]
}

#[tokio::test]
async fn every_route_needs_a_valid_token() {
    let world = world();
    for route in routes() {
        for token in [None, Some("sg_not-a-token"), Some("")] {
            let (status, body) = get(&world, &route, token).await;
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{route} with {token:?}");
            assert!(body["error"].as_str().is_some_and(|e| e.contains("Bearer")));
        }
    }
}

#[tokio::test]
async fn a_basic_courts_user_reads_nothing_of_another_court() {
    let world = world();
    let token = Some(world.office_1402.as_str());
    let another = encode("湘1403");
    let above = encode("湘14");
    for route in [
        format!("/api/v1/metrics?{PERIOD}&court={another}"),
        format!("/api/v1/metrics?{PERIOD}&court={above}"),
        format!("/api/v1/metrics/explain?indicator=pending&{PERIOD}&court={another}"),
        format!("/api/v1/cases?court={another}"),
        format!("/api/v1/warnings?court={another}"),
        format!("/api/v1/long-pending?court={another}"),
        format!("/api/v1/enforcement/idle?court={another}"),
        "/api/v1/audit".to_string(),
    ] {
        let (status, _) = get(&world, &route, token).await;
        assert_eq!(status, StatusCode::FORBIDDEN, "{route}");
    }
    // Without a court, everything is its own court's.
    let (status, body) = get(&world, &format!("/api/v1/metrics?{PERIOD}&by=court"), token).await;
    assert_eq!(status, StatusCode::OK);
    let courts: Vec<&str> = body["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["group"]["court"].as_str())
        .collect();
    assert_eq!(courts, ["湘1402"]);
    let (_, listed) = get(&world, "/api/v1/cases?limit=1000", token).await;
    let cases = listed["cases"].as_array().expect("cases");
    assert!(!cases.is_empty());
    assert!(cases.iter().all(|c| c["court"] == "湘1402"), "{listed}");
    let (_, explained) = get(
        &world,
        &format!("/api/v1/metrics/explain?indicator=closed&{PERIOD}"),
        token,
    )
    .await;
    let numbers = explained["cases"].as_array().expect("cases");
    assert!(!numbers.is_empty());
    assert!(
        numbers
            .iter()
            .all(|n| n.as_str().is_some_and(|n| n.contains("湘1402")))
    );
    // A case of another court is not there for this user; its own court's is.
    let (_, theirs) = get(&world, "/api/v1/cases?limit=1", Some(&world.judge_1403.1)).await;
    let other = theirs["cases"][0]["case_no"]
        .as_str()
        .expect("a case")
        .to_string();
    let (status, _) = get(&world, &format!("/api/v1/cases/{}", encode(&other)), token).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let own = cases[0]["case_no"].as_str().expect("case").to_string();
    let (status, detail) = get(&world, &format!("/api/v1/cases/{}", encode(&own)), token).await;
    assert_eq!(status, StatusCode::OK);
    assert!(detail["events"].as_array().is_some_and(|e| !e.is_empty()));
}

#[tokio::test]
async fn a_judge_sees_their_own_cases_and_the_admin_the_audit_of_views() {
    let world = world();
    let (judge, token) = &world.judge_1403;
    let (_, listed) = get(&world, "/api/v1/cases?limit=1000", Some(token)).await;
    let cases = listed["cases"].as_array().expect("cases");
    assert!(!cases.is_empty());
    assert!(cases.iter().all(|c| c["judge"] == judge.as_str()));
    let (status, _) = get(
        &world,
        &format!("/api/v1/metrics?{PERIOD}&judge={}", encode("别人")),
        Some(token),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let number = cases[0]["case_no"].as_str().expect("case").to_string();
    let (status, _) = get(
        &world,
        &format!("/api/v1/cases/{}", encode(&number)),
        Some(token),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, audit) = get(&world, "/api/v1/audit", Some(&world.admin)).await;
    assert_eq!(status, StatusCode::OK);
    let first = &audit["entries"][0];
    assert_eq!(first["action"], "case.view");
    assert_eq!(first["user"], judge.as_str());
    assert_eq!(first["detail"], number.as_str());
}

#[tokio::test]
async fn the_metrics_body_is_the_command_lines() {
    let world = world();
    let query = "from=2024-01-01&to=2024-06-30&by=court,quarter&indicators=new,closed,within_limit_rate,appeal_rate&compare=yoy";
    let (status, body) = get(
        &world,
        &format!("/api/v1/metrics?{query}"),
        Some(&world.admin),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let params: Vec<(&str, &str)> = query.split('&').filter_map(|p| p.split_once('=')).collect();
    let request = parse_request(&|name| {
        params
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    })
    .expect("request");
    let app = app();
    let mut store = app
        .open_store(Some(
            &world._dir.0.join("shenguan.db").display().to_string(),
        ))
        .expect("store");
    let cases = app.load_cases(&mut store).expect("cases");
    let expected = app
        .metrics(&cases, &request)
        .expect("metrics")
        .to_json(None);
    assert_eq!(body, expected);
    assert_eq!(body["rows"].as_array().map(Vec::len), Some(8));
    // Asked again, the answer comes from memory: the same body, and a judge's narrower scope is
    // a question of its own, not the administrator's answer.
    let (_, again) = get(
        &world,
        &format!("/api/v1/metrics?{query}"),
        Some(&world.admin),
    )
    .await;
    assert_eq!(again, expected);
    let (_, judges) = get(
        &world,
        &format!("/api/v1/metrics?{query}"),
        Some(&world.judge_1403.1),
    )
    .await;
    assert_ne!(judges, expected);
    assert!(
        judges["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .all(|r| r["group"]["court"] == "湘1403")
    );
    let (status, error) = get(
        &world,
        "/api/v1/metrics?from=2024-07-01&to=2024-06-30",
        Some(&world.admin),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(error["error"].as_str().is_some_and(|e| e.contains("--to")));
}

/// Checks `value` against a JSON-schema subset (type, required, properties, items,
/// additionalProperties, enum, $ref into `components.schemas`).
fn conforms(spec: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.rsplit('/').next().unwrap_or("");
        return conforms(spec, &spec["components"]["schemas"][name], value, at);
    }
    let types: Vec<&str> = match &schema["type"] {
        Value::String(t) => vec![t.as_str()],
        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
        _ => vec![],
    };
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    };
    let fits = types.is_empty()
        || types.contains(&kind)
        || (kind == "integer" && types.contains(&"number"));
    if !fits {
        return Err(format!("{at}: {kind} where the schema says {types:?}"));
    }
    if let Some(allowed) = schema["enum"].as_array()
        && !allowed.contains(value)
    {
        return Err(format!("{at}: {value} not in {allowed:?}"));
    }
    if let Value::Object(object) = value {
        for key in schema["required"].as_array().into_iter().flatten() {
            let key = key.as_str().unwrap_or("");
            if !object.contains_key(key) {
                return Err(format!("{at}: no {key}"));
            }
        }
        for (key, item) in object {
            let sub = &schema["properties"][key];
            let sub = if sub.is_null() {
                &schema["additionalProperties"]
            } else {
                sub
            };
            if !sub.is_null() {
                conforms(spec, sub, item, &format!("{at}.{key}"))?;
            }
        }
    }
    if let Value::Array(items) = value {
        for (i, item) in items.iter().enumerate() {
            conforms(spec, &schema["items"], item, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

#[tokio::test]
async fn real_responses_match_the_openapi_document() {
    let world = world();
    let (status, spec) = get(&world, "/api/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(spec["openapi"], "3.1.0");
    let (_, listed) = get(&world, "/api/v1/cases?limit=3", Some(&world.admin)).await;
    let number = listed["cases"][0]["case_no"]
        .as_str()
        .expect("case")
        .to_string();
    let checks = [
        (
            "/api/v1/metrics",
            format!("/api/v1/metrics?{PERIOD}&by=court,month&compare=yoy,prev"),
        ),
        (
            "/api/v1/metrics/explain",
            format!("/api/v1/metrics/explain?indicator=appeal_rate&part=denominator&{PERIOD}"),
        ),
        ("/api/v1/cases", "/api/v1/cases?limit=5".to_string()),
        (
            "/api/v1/cases/{case_no}",
            format!("/api/v1/cases/{}", encode(&number)),
        ),
        ("/api/v1/warnings", "/api/v1/warnings".to_string()),
        (
            "/api/v1/long-pending",
            "/api/v1/long-pending?months=12".to_string(),
        ),
        (
            "/api/v1/enforcement/idle",
            "/api/v1/enforcement/idle?days=90".to_string(),
        ),
        ("/api/v1/audit", "/api/v1/audit".to_string()),
    ];
    for (path, uri) in checks {
        let (status, body) = get(&world, &uri, Some(&world.admin)).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        let schema = &spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
            ["schema"];
        assert!(!schema.is_null(), "{path} is documented");
        conforms(&spec, schema, &body, path).unwrap_or_else(|e| panic!("{uri}: {e}"));
        let (status, error) = get(&world, &uri, None).await;
        let schema = &spec["paths"][path]["get"]["responses"][status.as_str()]["content"]["application/json"]
            ["schema"];
        conforms(&spec, schema, &error, path).unwrap_or_else(|e| panic!("{uri} {status}: {e}"));
    }
    // The lists hold what they say, within the scope.
    let (_, warnings) = get(&world, "/api/v1/warnings", Some(&world.office_1402)).await;
    let list = warnings["warnings"].as_array().expect("warnings");
    assert!(!list.is_empty(), "{warnings}");
    assert!(list.iter().all(|w| w["court"] == "湘1402"));
    let order: Vec<(i64, i64)> = list
        .iter()
        .map(|w| {
            let rank = ["overdue", "5_days", "15_days", "30_days", "two_thirds"]
                .iter()
                .position(|t| w["tier"] == *t)
                .expect("tier") as i64;
            (rank, w["days_left"].as_i64().expect("days"))
        })
        .collect();
    assert!(order.windows(2).all(|p| p[0] <= p[1]), "most urgent first");
    assert!(list.iter().all(|w| w["closed_on"].is_null()));
    let (_, old) = get(&world, "/api/v1/long-pending?months=12", Some(&world.admin)).await;
    for case in old["cases"].as_array().expect("cases") {
        assert!(case["age_days"].as_i64().is_some_and(|d| d > 365), "{case}");
    }
    // Idle enforcement: enforcement cases only, each idle longer than asked, longest first.
    let (_, idle) = get(
        &world,
        "/api/v1/enforcement/idle?days=90",
        Some(&world.office_1402),
    )
    .await;
    let list = idle["cases"].as_array().expect("cases");
    assert!(!list.is_empty(), "{idle}");
    let days: Vec<i64> = list
        .iter()
        .map(|c| c["idle_days"].as_i64().expect("days"))
        .collect();
    assert!(
        days.iter().all(|d| *d > 90) && days.windows(2).all(|w| w[0] >= w[1]),
        "{days:?}"
    );
    assert!(
        list.iter()
            .all(|c| c["court"] == "湘1402"
                && c["case_no"].as_str().is_some_and(|n| n.contains('执')))
    );
    let (status, refused) = get(
        &world,
        "/api/v1/enforcement/idle?days=45",
        Some(&world.admin),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(
        refused["error"]
            .as_str()
            .is_some_and(|e| e.contains("30, 60, 90")),
        "{refused}"
    );
    // Every route of the router is documented: the GET routes and the import.
    assert_eq!(
        spec["paths"].as_object().map(|p| p.len()),
        Some(routes().len() + 1)
    );
    let (status, body) =
        post_import(&world, "dry_run=true", Some(&world.admin), two_courts()).await;
    assert_eq!(status, StatusCode::OK);
    let schema = &spec["paths"]["/api/v1/import"]["post"]["responses"]["200"]["content"]["application/json"]
        ["schema"];
    conforms(&spec, schema, &body, "/api/v1/import").unwrap_or_else(|e| panic!("import: {e}"));
}

/// A cases file with one case of 湘1402 (row 2) and one of 湘1403 (row 3), filed in 2026.
fn two_courts() -> &'static str {
    "案号,法院名称,立案日期,结案日期,结案方式,承办人,承办部门,案由,适用程序,标的额,执行到位金额,原审案号\n\
     （2026）湘1402民初99901号,清河市一区人民法院,2026-03-02,,,新法官,民事审判庭,民间借贷纠纷,简易,1000.00,,\n\
     （2026）湘1403民初99902号,清河市二区人民法院,2026-03-03,,,别的法官,民事审判庭,民间借贷纠纷,简易,2000.00,,\n"
}

async fn post_import(
    world: &World,
    query: &str,
    token: Option<&str>,
    csv: &str,
) -> (StatusCode, Value) {
    let mut request = axum::http::Request::post(format!("/api/v1/import?format=csv&{query}"));
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    let request = request
        .body(axum::body::Body::from(csv.to_string()))
        .expect("request");
    let (status, _, body) = send(world, request).await;
    (status, serde_json::from_str(&body).unwrap_or(Value::Null))
}

async fn new_in_2026(world: &World, token: &str) -> i64 {
    let (_, body) = get(
        world,
        "/api/v1/metrics?from=2026-01-01&to=2026-11-27&indicators=new",
        Some(token),
    )
    .await;
    body["rows"][0]["values"]["new"].as_i64().expect("new")
}

#[tokio::test]
async fn an_office_imports_its_own_courts_cases_all_or_nothing_and_audited() {
    let world = world();
    let office = world.office_1402.clone();
    let before = new_in_2026(&world, &office).await;
    // Checked only: the other court's row is an error naming row, column, value and reason.
    let (status, checked) = post_import(&world, "dry_run=true", Some(&office), two_courts()).await;
    assert_eq!(status, StatusCode::OK, "{checked}");
    assert_eq!(checked["cases_valid"], 1);
    assert!(checked["written"].is_null());
    let error = &checked["errors"][0];
    assert_eq!(error["row"], 3, "{checked}");
    assert_eq!(error["value"], "湘1403");
    assert!(
        error["reason_zh"]
            .as_str()
            .is_some_and(|r| r.contains("湘1402"))
    );
    // All or nothing: with a bad row nothing is written.
    let (_, refused) = post_import(&world, "", Some(&office), two_courts()).await;
    assert!(refused["written"].is_null(), "{refused}");
    assert_eq!(new_in_2026(&world, &office).await, before);
    // The good row alone, on request; the indicators count it at once.
    let (_, done) = post_import(&world, "skip_invalid=true", Some(&office), two_courts()).await;
    assert_eq!(done["written"]["added"], 1, "{done}");
    assert_eq!(done["indicators_refreshed"], true);
    assert_eq!(new_in_2026(&world, &office).await, before + 1);
    let (_, audit) = get(&world, "/api/v1/audit", Some(&world.admin)).await;
    let line = &audit["entries"][0];
    assert_eq!(line["action"], "import");
    assert_eq!(line["user"], "审管办");
    assert!(
        line["detail"]
            .as_str()
            .is_some_and(|d| d.contains("added 1")),
        "{line}"
    );
    // A judge may not import; a bad format is refused with the reason.
    let (status, _) = post_import(&world, "", Some(&world.judge_1403.1), two_courts()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = post_import(&world, "", None, two_courts()).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    let request = axum::http::Request::post("/api/v1/import?format=doc")
        .header("Authorization", format!("Bearer {office}"))
        .body(axum::body::Body::from("x"))
        .expect("request");
    let (status, _, body) = send(&world, request).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(body.contains("csv"), "{body}");
}
