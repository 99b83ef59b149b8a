//! The OpenAPI document against the router and the real answers: every route the router
//! registers under `/api` is in the document with its method, and nothing else is; every operation
//! in it, asked with its required parameters, answers with a documented status and the documented
//! shape; every operation that names the bearer token refuses a request without one, in the
//! documented error shape.

use axum::body::Body;
use axum::http::{Request, StatusCode, header::CONTENT_TYPE};
use serde_json::Value;
use shenguan_testkit::world::{
    BOUNDARY, COURT, DIVISION, JUDGE, World, encode, fresh_world, world,
};

use super::{PERIOD, TWO_COURTS};

/// The methods an OpenAPI path item may hold operations under.
const METHODS: [&str; 8] = [
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Checks `value` against a JSON-schema subset (type, required, properties, items,
/// additionalProperties, enum, allOf, oneOf, anyOf, $ref into `components.schemas`).
fn conforms(spec: &Value, schema: &Value, value: &Value, at: &str) -> Result<(), String> {
    if let Some(reference) = schema["$ref"].as_str() {
        let name = reference.rsplit('/').next().unwrap_or("");
        let target = &spec["components"]["schemas"][name];
        if target.is_null() {
            return Err(format!("{at}: {reference} is not in the document"));
        }
        return conforms(spec, target, value, at);
    }
    // A flattened answer is all of its parts; a nullable reference is one of the reference and
    // null.
    for part in schema["allOf"].as_array().into_iter().flatten() {
        conforms(spec, part, value, at)?;
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(choices) = schema[key].as_array() {
            let failures: Vec<String> = choices
                .iter()
                .filter_map(|choice| conforms(spec, choice, value, at).err())
                .collect();
            if failures.len() == choices.len() {
                return Err(format!("{at}: none of {key}: {failures:?}"));
            }
        }
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
            if sub.is_object() {
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

/// The schema of the answer with `status` in `operation`'s responses, as JSON (`None`: the
/// status is not documented, or not as JSON).
fn response_schema(operation: &Value, status: StatusCode) -> Option<&Value> {
    let schema = &operation["responses"][status.as_str()]["content"]["application/json"]["schema"];
    (!schema.is_null()).then_some(schema)
}

#[tokio::test]
async fn real_responses_match_the_openapi_document() {
    let world = world();
    let (status, spec) = world.get("/api/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(spec["openapi"], "3.1.0");
    assert_eq!(spec["info"]["version"], env!("CARGO_PKG_VERSION"));
    // The lists are read for the boundary division, so that every kind of item is in them:
    // cases with and without a last measure, a deadline, a last event.
    let division = format!("court={}&division={}", encode(COURT), encode(DIVISION));
    let checks = [
        (
            "/api/v1/metrics",
            format!("/api/v1/metrics?{PERIOD}&by=court,judge,month&compare=yoy,prev"),
        ),
        (
            "/api/v1/metrics/explain",
            format!("/api/v1/metrics/explain?indicator=appeal_rate&part=denominator&{PERIOD}"),
        ),
        ("/api/v1/cases", "/api/v1/cases?limit=5".to_string()),
        (
            "/api/v1/cases/{case_no}",
            format!("/api/v1/cases/{}", encode(BOUNDARY.closed_yesterday)),
        ),
        ("/api/v1/warnings", format!("/api/v1/warnings?{division}")),
        (
            "/api/v1/long-pending",
            format!("/api/v1/long-pending?months=12&{division}"),
        ),
        (
            "/api/v1/enforcement/idle",
            format!("/api/v1/enforcement/idle?days=30&{division}"),
        ),
        (
            "/api/v1/enforcement/targets",
            format!("/api/v1/enforcement/targets?{PERIOD}"),
        ),
        (
            "/api/v1/quality/scorecard",
            format!("/api/v1/quality/scorecard?{PERIOD}"),
        ),
        ("/api/v1/audit", "/api/v1/audit".to_string()),
        ("/api/v1/forecast", "/api/v1/forecast?months=3".to_string()),
    ];
    for (path, uri) in checks {
        let (status, body) = world.get(&uri, Some(&world.admin.token)).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        let operation = &spec["paths"][path]["get"];
        let schema = response_schema(operation, status)
            .unwrap_or_else(|| panic!("{path}: the 200 is documented"));
        conforms(&spec, schema, &body, path).unwrap_or_else(|e| panic!("{uri}: {e}"));
        // Not an empty answer that would conform whatever the schema says.
        let items = ["rows", "cases", "warnings", "entries", "case_no", "courts"]
            .iter()
            .find_map(|k| body.get(*k));
        let filled = match items {
            Some(Value::Array(items)) => !items.is_empty(),
            Some(Value::String(_)) => true,
            _ => false,
        };
        assert!(filled, "{uri}: {body}");
        let (status, error) = world.get(&uri, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let schema = response_schema(operation, status)
            .unwrap_or_else(|| panic!("{path}: the 401 is documented"));
        conforms(&spec, schema, &error, path).unwrap_or_else(|e| panic!("{uri} {status}: {e}"));
    }
    // A refusal of each kind a list answers is in the documented error shape, with its code.
    for (uri, status, code) in [
        (
            "/api/v1/long-pending?months=7",
            StatusCode::BAD_REQUEST,
            "invalid",
        ),
        (
            "/api/v1/warnings?court=%E6%B9%981403",
            StatusCode::FORBIDDEN,
            "forbidden",
        ),
    ] {
        let (got, error) = world.get(uri, Some(&world.judge.token)).await;
        assert_eq!(got, status, "{uri}: {error}");
        assert_eq!(error["code"], code, "{uri}");
        let path = uri.split('?').next().unwrap_or(uri);
        let schema = response_schema(&spec["paths"][path]["get"], status)
            .unwrap_or_else(|| panic!("{path}: the {status} is documented"));
        conforms(&spec, schema, &error, path).unwrap_or_else(|e| panic!("{uri}: {e}"));
    }
    // An import's report with a bad row: the row's error in its documented shape too.
    let (status, body) = world
        .import_csv("dry_run=true", Some(&world.office.token), TWO_COURTS)
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["errors"].as_array().map(Vec::len), Some(1), "{body}");
    let schema = response_schema(&spec["paths"]["/api/v1/import"]["post"], status)
        .expect("the import's 200 is documented");
    conforms(&spec, schema, &body, "/api/v1/import").unwrap_or_else(|e| panic!("import: {e}"));
}

/// What the path parameters and bodies name: a 督办 item opened for the judge, an application to
/// change a time limit awaiting the court president's decision, a petition, a review plan
/// that gives a case to the reviewer of 湘1403, and a service task whose first attempt (by post)
/// waits for its result.
#[derive(Clone)]
struct Made {
    item: i64,
    request: i64,
    /// A petition accepted as 访: it awaits its reply.
    petition: i64,
    /// A routine plan of 湘1402 whose cases go to [`World::judge_1403`].
    plan: i64,
    /// The reviewer's staff number.
    reviewer: String,
    /// A service task of the judge's case, its attempt 1 mailed and waiting.
    task: i64,
    /// The account the task is handed to.
    assignee: String,
    /// The October bulletin of the network, recorded.
    report: i64,
}

/// The value of a path parameter of `path`: one the test world holds (a parameter of the query
/// is filled from the document's own example). A new path parameter fails here until it is
/// given one.
fn path_value(name: &str, path: &str, made: &Made) -> String {
    match name {
        // A case the plan gives the reviewer (closed the day before today).
        "case_no" if path.starts_with("/api/v1/review-plans/") => encode(BOUNDARY.closed_yesterday),
        // A case of the judge's whose limit has not run out: one may apply for it.
        "case_no" => encode(BOUNDARY.within_30d_out),
        "id" if path.starts_with("/api/v1/review-plans/") => made.plan.to_string(),
        "id" if path.starts_with("/api/v1/limit-requests/") => made.request.to_string(),
        "id" if path.starts_with("/api/v1/petitions/") => made.petition.to_string(),
        "id" if path.starts_with("/api/v1/service/") => made.task.to_string(),
        "id" if path.starts_with("/api/v1/reports/") => made.report.to_string(),
        // The mailed attempt that waits for its result.
        "seq" => "1".to_string(),
        "id" => made.item.to_string(),
        "step" => "reply".to_string(),
        "decision" => "approve".to_string(),
        "action" => "submit".to_string(),
        other => panic!("no value for the path parameter {other}: give it one here"),
    }
}

/// The JSON body of an operation that takes one. A new one fails here until it is given one.
fn json_body(method: &str, path: &str, made: &Made) -> String {
    let body = match path {
        "/api/v1/review-plans" | "/api/v1/review-plans/preview" => serde_json::json!({
            "name": "2026年11月常规评查",
            "kind": "routine",
            "from": "2026-11-01",
            "to": "2026-11-26",
            "per_mille": 100,
            "seed": 7,
            "reviewers": [made.reviewer],
        }),
        "/api/v1/review-plans/{id}/cases/{case_no}/{action}" => serde_json::json!({
            "findings": [{
                "item": "2.1",
                "severity": "flaw",
                "text": "送达回证缺少受送达人签名",
                "deduction": 2,
                "responsible": [{"role": "judge", "name": JUDGE}],
                "excuse": null,
            }],
        }),
        "/api/v1/assignments" => serde_json::json!({
            "case_no": "（2026）湘1402民初98765号",
            "amount": "30000.00",
            "parties": 2,
            "party_names": ["王某"],
        }),
        "/api/v1/review-flags" => serde_json::json!({
            "case_no": BOUNDARY.long_pending_36m_in,
            "kind": "doubt",
            "reason": "超审限原因不明",
        }),
        "/api/v1/supervision" => serde_json::json!({
            "cases": [BOUNDARY.long_pending_18m_out],
            "reason": "over_time_limit",
            "instructions": "请说明超审限原因",
        }),
        "/api/v1/supervision/{id}/{step}" => serde_json::json!({ "text": "已排期开庭" }),
        "/api/v1/cases/{case_no}/limit-requests" => serde_json::json!({
            "kind": "extension",
            "length": "1个月",
            "reason": "需公告送达",
        }),
        "/api/v1/limit-requests/{id}/{decision}" => serde_json::json!({ "note": "同意" }),
        "/api/v1/petitions" => serde_json::json!({
            "channel": "来信",
            "subject": "执行",
            "petitioners": ["王某"],
        }),
        "/api/v1/petitions/{id}/{step}" => serde_json::json!({ "outcome": "解释" }),
        "/api/v1/service/tasks" => serde_json::json!({
            "case_no": BOUNDARY.long_pending_12m_in,
            "document": "应诉通知书",
            "recipient": "李某",
        }),
        "/api/v1/service/tasks/{id}/attempts" => serde_json::json!({
            "method": "直接送达",
            "attempted_on": shenguan_testkit::world::TODAY.to_string(),
            "outcome": "未送达",
            "failure": "无人签收",
        }),
        "/api/v1/service/tasks/{id}/attempts/{seq}/result" => serde_json::json!({
            "outcome": "已送达",
            "served_on": shenguan_testkit::world::TODAY.to_string(),
            "proof": "邮件回执",
        }),
        "/api/v1/service/assignments" => serde_json::json!({
            "tasks": [made.task],
            "to": made.assignee,
        }),
        "/api/v1/service/confirmations" => serde_json::json!({
            "case_no": BOUNDARY.long_pending_36m_in,
            "party": "王某",
            "signed_on": "2026-11-20",
            "electronic": "全部诉讼文书",
            "channel": "13800000000",
        }),
        other => panic!("{method} {other}: no JSON body to send: give it one here"),
    };
    body.to_string()
}

/// Who asks an operation: the one whose work it is (the office opens a 督办 item, the judge
/// answers it); the administrator, who sees everything, for the rest.
fn asker<'w>(world: &'w World, method: &str, path: &str) -> &'w str {
    match (method, path) {
        ("post", "/api/v1/supervision") => &world.office.token,
        ("post", "/api/v1/supervision/{id}/{step}") => &world.judge.token,
        ("post", "/api/v1/cases/{case_no}/limit-requests") => &world.judge.token,
        ("post", "/api/v1/limit-requests/{id}/{decision}") => &world.leader.token,
        ("post", "/api/v1/petitions" | "/api/v1/petitions/{id}/{step}") => &world.office.token,
        ("post", "/api/v1/assignments") => &world.office.token,
        // An administrator does not serve documents: the office works the service routes.
        (_, path) if path.starts_with("/api/v1/service/") || path.ends_with("/service") => {
            &world.office.token
        }
        (
            "post",
            "/api/v1/review-plans" | "/api/v1/review-plans/preview" | "/api/v1/review-flags",
        ) => &world.office.token,
        // The reviewer the plan gave the case to reads it and submits the review.
        (_, "/api/v1/reviews/tasks" | "/api/v1/review-plans/{id}/cases/{case_no}")
        | ("post", "/api/v1/review-plans/{id}/cases/{case_no}/{action}") => &world.judge_1403.token,
        _ => &world.admin.token,
    }
}

/// The request the document describes for `method` `path`: its path parameters filled, its
/// required query parameters with their examples, a body of the documented type.
fn documented_request(
    spec: &Value,
    method: &str,
    path: &str,
    token: Option<&str>,
    made: &Made,
) -> Request<Body> {
    let operation = &spec["paths"][path][method];
    let mut uri = path.to_string();
    let mut query = Vec::new();
    for parameter in operation["parameters"].as_array().into_iter().flatten() {
        let name = parameter["name"].as_str().expect("a parameter's name");
        match parameter["in"].as_str() {
            Some("path") => {
                uri = uri.replace(&format!("{{{name}}}"), &path_value(name, path, made))
            }
            Some("query") if parameter["required"] == true => {
                let example = parameter["example"].as_str().unwrap_or_else(|| {
                    panic!("{method} {path}: the required parameter {name} has no example")
                });
                query.push(format!("{name}={}", encode(example)));
            }
            _ => {}
        }
    }
    assert!(
        !uri.contains('{'),
        "{method} {path}: a path parameter is not documented"
    );
    if !query.is_empty() {
        uri = format!("{uri}?{}", query.join("&"));
    }
    let mut request = Request::builder()
        .method(method.to_uppercase().as_str())
        .uri(uri);
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    let body = match operation["requestBody"]["content"].as_object() {
        None => Body::empty(),
        Some(content) if content.contains_key("application/json") => {
            request = request.header(CONTENT_TYPE, "application/json");
            Body::from(json_body(method, path, made))
        }
        Some(content) => {
            assert!(
                content.contains_key("application/octet-stream"),
                "{method} {path}: a body of another type: {content:?}"
            );
            request = request.header(CONTENT_TYPE, "application/octet-stream");
            Body::from(TWO_COURTS)
        }
    };
    request.body(body).expect("a request")
}

#[tokio::test]
async fn every_api_route_is_documented_and_every_documented_operation_answers_as_it_says() {
    // The import writes: a world of its own.
    let world = fresh_world();
    let (status, spec) = world.get("/api/openapi.json", None).await;
    assert_eq!(status, StatusCode::OK);
    let mut documented: Vec<(String, String)> = spec["paths"]
        .as_object()
        .expect("paths")
        .iter()
        .flat_map(|(path, item)| {
            METHODS
                .into_iter()
                .filter(|method| item.get(*method).is_some())
                .map(|method| (method.to_string(), path.clone()))
        })
        .collect();
    // The router's own list of its API routes, not a second copy of it.
    let mut registered: Vec<(String, String)> = shenguan_web::api_routes()
        .iter()
        .map(|(method, path)| (method.to_string(), path.to_string()))
        .collect();
    for (method, path) in &registered {
        assert!(path.starts_with("/api/"), "{method} {path}");
        assert!(
            spec["paths"][path][method].is_object(),
            "{method} {path} is registered but not in the document"
        );
    }
    documented.sort();
    registered.sort();
    assert_eq!(
        documented, registered,
        "the document has what the router has"
    );

    // A 督办 item for the judge to answer, for the routes of one item.
    let app = shenguan_testkit::world::app();
    let mut store = world.store();
    let office = app
        .active_user(&mut store, &world.office.name)
        .expect("read")
        .expect("the office");
    let cases = [BOUNDARY.long_pending_36m_in.to_string()];
    let item = app
        .open_supervision(
            &mut store,
            &office,
            &shenguan_app::duban::OpenRequest {
                cases: &cases,
                reason: shenguan_app::duban::Reason::OverTimeLimit,
                instructions: "请说明超审限原因",
                answerer: None,
                due_on: None,
            },
        )
        .expect("an item")[0];
    // An application for another case of the judge's, for the president to decide.
    let judge = app
        .active_user(&mut store, &world.judge.name)
        .expect("read")
        .expect("the judge");
    let request = app
        .apply_for_limit_change(
            &mut store,
            &judge,
            BOUNDARY.within_15d_in,
            shenguan_app::limit_requests::change_of("extension", Some("1个月"), None, None, None)
                .expect("a change"),
            "需公告送达",
        )
        .expect("an application")
        .row
        .id;
    // A petition the office has accepted as 访, for the routes of one petition.
    let petition = app
        .register_petition(
            &mut store,
            &office,
            &shenguan_app::petitions::NewPetition {
                channel: "来访".into(),
                subject: "不服裁判".into(),
                petitioners: "王某".into(),
                ..Default::default()
            },
        )
        .expect("a petition");
    app.petition_step_named(&mut store, &office, petition, "accept", &|name| {
        if name == "screening" {
            "访".to_string()
        } else {
            String::new()
        }
    })
    .expect("accepted");
    // A routine plan of 湘1402 taking every case closed the day before today, all given to the
    // judge of 湘1403 (another court's, who took part in none of them).
    let reviewer = app
        .active_user(&mut store, &world.judge_1403.name)
        .expect("read")
        .expect("the reviewer")
        .staff_id
        .expect("a staff number")
        .to_string();
    let plan = app
        .create_review_plan(
            &mut store,
            &office,
            &shenguan_app::review::PlanRequest {
                name: "常规评查".into(),
                kind: shenguan_app::review::PlanKind::Routine,
                court: None,
                from: shenguan_testkit::world::TODAY.pred_opt().expect("a day"),
                to: shenguan_testkit::world::TODAY.pred_opt().expect("a day"),
                per_mille: 1000,
                seed: Some(1),
                separation: shenguan_domain::review::assignment::Separation::Court,
                reviewers: vec![reviewer.clone()],
                blind: true,
                class: Default::default(),
            },
        )
        .expect("a plan");
    assert!(
        plan.cases
            .iter()
            .any(|c| c.case_no == BOUNDARY.closed_yesterday
                && c.reviewer.as_deref() == Some(reviewer.as_str())),
        "the case goes to the reviewer: {:?}",
        plan.cases
    );
    // A service task on the judge's case, its first attempt mailed today and waiting.
    let task = app
        .open_service_task(
            &mut store,
            &office,
            &shenguan_app::service::NewTask {
                case_no: BOUNDARY.long_pending_36m_in.to_string(),
                document: "传票".into(),
                recipient: "王某".into(),
                recipient_kind: shenguan_app::service::RecipientKind::Party,
                identity_number: None,
                address: Some("清河市清河区1号".into()),
                foreign: false,
                created_on: None,
            },
        )
        .expect("a service task");
    app.record_service_attempt(
        &mut store,
        &office,
        task,
        &shenguan_app::service::NewAttempt {
            method: shenguan_app::service::Method::Post,
            attempted_on: shenguan_testkit::world::TODAY,
            outcome: shenguan_app::service::Outcome::Waiting,
            served_on: None,
            failure: None,
            proof: None,
            tracking_no: Some("EMS1234567890".into()),
            entrusted_court: None,
        },
    )
    .expect("a mailed attempt");
    // The October bulletin of the network, recorded as the 报告 page records it.
    let version = store.data_version().expect("the version");
    let cases = app.columns(&mut store, &mut |_| {}).expect("the columns");
    let report = app
        .record_report(
            &mut store,
            Some(&world.office.name),
            &cases,
            version,
            &shenguan_app::report::ReportRequest {
                kind: shenguan_app::report::ReportKind::Bulletin {
                    year: 2026,
                    month: 10,
                },
                filter: shenguan_app::metrics::Filter::default(),
                definitions: Default::default(),
            },
        )
        .expect("a recorded report")
        .expect("a report of whole courts");
    let made = Made {
        item,
        request,
        petition,
        plan: plan.id,
        reviewer,
        task,
        assignee: world.leader.name.clone(),
        report,
    };
    for (method, path) in &documented {
        let operation = &spec["paths"][path][method];
        let secured = operation["security"]
            .as_array()
            .is_some_and(|s| !s.is_empty());
        let (status, headers, body) = world
            .send(documented_request(
                &spec,
                method,
                path,
                Some(asker(&world, method, path)),
                &made,
            ))
            .await;
        assert!(
            status != StatusCode::NOT_FOUND && status != StatusCode::METHOD_NOT_ALLOWED,
            "{method} {path}: {status} {body}"
        );
        assert_eq!(status, StatusCode::OK, "{method} {path}: {body}");
        assert_eq!(
            headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()),
            Some("application/json"),
            "{method} {path}"
        );
        let body: Value = serde_json::from_str(&body)
            .unwrap_or_else(|e| panic!("{method} {path}: not JSON ({e}): {body}"));
        let schema = response_schema(operation, status)
            .unwrap_or_else(|| panic!("{method} {path}: the 200 is not documented as JSON"));
        conforms(&spec, schema, &body, path).unwrap_or_else(|e| panic!("{method} {path}: {e}"));

        // Without a token: refused, as documented, where the operation names the token; answered
        // where it does not (the document itself).
        let (status, _, body) = world
            .send(documented_request(&spec, method, path, None, &made))
            .await;
        if secured {
            assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {path}: {body}");
            let error: Value = serde_json::from_str(&body).expect("JSON");
            let schema = response_schema(operation, status)
                .unwrap_or_else(|| panic!("{method} {path}: the 401 is not documented"));
            conforms(&spec, schema, &error, path)
                .unwrap_or_else(|e| panic!("{method} {path} 401: {e}"));
        } else {
            assert_eq!(status, StatusCode::OK, "{method} {path}: {body}");
        }
    }
}
