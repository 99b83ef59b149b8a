//! The OpenAPI document against the real answers: each route's answer, and its refusals, in the
//! documented shape.

use axum::http::StatusCode;
use serde_json::Value;
use shenguan_testkit::world::{BOUNDARY, COURT, DIVISION, encode, world};

use super::{PERIOD, TWO_COURTS};

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
        ("/api/v1/audit", "/api/v1/audit".to_string()),
    ];
    for (path, uri) in checks {
        let (status, body) = world.get(&uri, Some(&world.admin.token)).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        let operation = &spec["paths"][path]["get"];
        let schema = response_schema(operation, status)
            .unwrap_or_else(|| panic!("{path}: the 200 is documented"));
        conforms(&spec, schema, &body, path).unwrap_or_else(|e| panic!("{uri}: {e}"));
        // Not an empty answer that would conform whatever the schema says.
        let items = ["rows", "cases", "warnings", "entries", "case_no"]
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
