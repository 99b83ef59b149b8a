//! The OpenAPI 3.1 document of the JSON API, written by hand next to the routes it describes (a
//! test checks the real responses against it).

use axum::Json;
use serde_json::{Value, json};

/// `GET /api/openapi.json`.
pub(crate) async fn document() -> Json<Value> {
    Json(spec())
}

fn string_param(name: &str, description: &str, required: bool) -> Value {
    json!({"name": name, "in": "query", "required": required, "description": description,
           "schema": {"type": "string"}})
}

fn error_responses() -> Value {
    let error = json!({"description": "错误 error",
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}});
    json!({"400": error, "401": error, "403": error, "404": error})
}

pub(crate) fn spec() -> Value {
    let metric_params = vec![
        string_param("from", "起始日期 first day (YYYY-MM-DD)", true),
        string_param("to", "截止日期 last day (YYYY-MM-DD)", true),
        string_param(
            "by",
            "分组 court,division,judge,type,category,stage,procedure and one of month,quarter,year",
            false,
        ),
        string_param(
            "court",
            "法院代字: the court and the courts below it",
            false,
        ),
        string_param("category", "案件类别 criminal, civil, …", false),
        string_param("type", "类型代字, e.g. 民初", false),
        string_param("stage", "审级 first_instance, …", false),
        string_param("procedure", "适用程序 普通, 简易, …", false),
        string_param("division", "承办部门", false),
        string_param(
            "judge",
            "承办人：工号、姓名或“法院代字:姓名”; a staff number, a name, or court:name",
            false,
        ),
        string_param(
            "indicators",
            "指标代码, comma-separated (default: the core set)",
            false,
        ),
        string_param("compare", "yoy (同比), prev (环比), comma-separated", false),
    ];
    let mut explain_params = metric_params.clone();
    explain_params.push(string_param("indicator", "指标代码", true));
    explain_params.push(string_param("part", "numerator | denominator", false));
    let errors = error_responses();
    let ok = |schema: &str| json!({"description": "OK", "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}});
    let with_ok = |schema: &str| {
        let mut responses = errors.clone();
        responses["200"] = ok(schema);
        responses
    };
    let paths = json!({
        "/api/v1/metrics": {"get": {"summary": "质效指标 indicators", "parameters": metric_params,
            "responses": with_ok("Metrics"), "security": [{"bearer": []}]}},
        "/api/v1/metrics/explain": {"get": {"summary": "指标明细 the cases behind a value",
            "parameters": explain_params, "responses": with_ok("Explain"), "security": [{"bearer": []}]}},
        "/api/v1/cases": {"get": {"summary": "案件列表 cases", "parameters": [
                string_param("court", "法院代字", false), string_param("from", "YYYY-MM-DD", false),
                string_param("to", "YYYY-MM-DD", false), string_param("limit", "at most 1000 (default 100)", false),
                string_param("offset", "rows to skip", false)],
            "responses": with_ok("CaseList"), "security": [{"bearer": []}]}},
        "/api/v1/cases/{case_no}": {"get": {"summary": "案件详情 one case with its timeline",
            "parameters": [{"name": "case_no", "in": "path", "required": true, "schema": {"type": "string"}}],
            "responses": with_ok("CaseDetail"), "security": [{"bearer": []}]}},
        "/api/v1/warnings": {"get": {"summary": "审限预警 time-limit warnings as of today",
            "parameters": [string_param("court", "法院代字", false), string_param("division", "承办部门", false),
                string_param("judge", "承办人：工号、姓名或“法院代字:姓名”; a staff number, a name, or court:name", false),
                string_param("tier", "overdue | 5_days | 15_days | 30_days | two_thirds", false)],
            "responses": with_ok("Warnings"), "security": [{"bearer": []}]}},
        "/api/v1/long-pending": {"get": {"summary": "长期未结 cases pending over 12, 18 or 36 months",
            "parameters": [string_param("months", "12 | 18 | 36 (default 12)", false),
                string_param("court", "法院代字", false), string_param("division", "承办部门", false),
                string_param("judge", "承办人：工号、姓名或“法院代字:姓名”; a staff number, a name, or court:name", false)],
            "responses": with_ok("LongPending"), "security": [{"bearer": []}]}},
        "/api/v1/enforcement/idle": {"get": {"summary": "执行案件长期未采取措施 pending enforcement cases with no measure for 30, 60 or 90 days",
            "parameters": [string_param("days", "30 | 60 | 90 (default 30)", false),
                string_param("court", "法院代字", false), string_param("division", "承办部门", false),
                string_param("judge", "承办人：工号、姓名或“法院代字:姓名”; a staff number, a name, or court:name", false)],
            "responses": with_ok("IdleEnforcement"), "security": [{"bearer": []}]}},
        "/api/v1/audit": {"get": {"summary": "审计日志 the audit log (administrators)",
            "responses": with_ok("Audit"), "security": [{"bearer": []}]}},
        "/api/v1/import": {"post": {"summary": "导入 import a cases, events, staff, parties or payments file (administrators, the trial-management office)",
            "parameters": [string_param("format", "csv | xlsx | parquet", true),
                string_param("dry_run", "true: validate only, write nothing", false),
                string_param("skip_invalid", "true: write the good rows, report the bad ones", false),
                string_param("sheet", "XLSX sheet (default: the first)", false)],
            "requestBody": {"required": true, "content": {"application/octet-stream": {"schema": {"type": "string", "format": "binary"}}}},
            "responses": with_ok("Import"), "security": [{"bearer": []}]}},
    });
    let nullable = |t: &str| json!({"type": [t, "null"]});
    let changes = json!({"type": "object", "description": "what the valid case rows change in the store (a dry run too); a column the file lacks changes nothing",
                        "required": ["added", "updated", "unchanged", "cleared", "columns", "first"], "properties": {
                        "added": {"type": "integer"}, "updated": {"type": "integer"}, "unchanged": {"type": "integer"},
                        "cleared": {"type": "integer"},
                        "columns": {"type": "array", "items": {"type": "object", "required": ["column", "column_zh", "changed", "cleared"], "properties": {
                            "column": {"type": "string"}, "column_zh": {"type": "string"}, "changed": {"type": "integer"}, "cleared": {"type": "integer"}}}},
                        "first": {"type": "array", "items": {"type": "object", "required": ["case_no", "column", "old", "new"], "properties": {
                            "case_no": {"type": "string"}, "column": {"type": "string"}, "old": {"type": "string"}, "new": {"type": "string"}}}}}});
    let case_properties = json!({
        "case_no": {"type": "string"}, "court": {"type": "string"}, "court_name": nullable("string"),
        "type_code": nullable("string"), "procedure": nullable("string"), "cause": nullable("string"),
        "division": nullable("string"), "judge": nullable("string"),
        "judge_id": {"type": ["string", "null"], "description": "承办人工号 (staff number); null when the data names the judge only by name"},
        "filed_on": {"type": "string"},
        "closed_on": nullable("string"), "closing_method": nullable("string"),
        "extension": {"type": "string", "description": "延长审限 as granted, with the approval where known, e.g. 6个月@2026-01-05/本院院长/案情复杂;30日 (empty: none)"},
        "exclusions": {"type": "string", "description": "扣除审限: grounds with dates or days, e.g. 公告 2026-02-01~2026-04-01;鉴定 45日 (empty: none)"},
        "excluded_days": {"type": "integer"},
        "origin_case_no": nullable("string"), "deadline": nullable("string"), "trial_days": nullable("integer"),
    });
    let case_required: Vec<&str> = case_properties
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    let mut detail_properties = case_properties.clone();
    detail_properties["events"] = json!({"type": "array", "items": {"type": "object",
        "required": ["date", "kind", "detail"],
        "properties": {"date": {"type": "string"}, "kind": {"type": "string"}, "detail": {"type": "string"}}}});
    detail_properties["parties"] = json!({"type": "array", "description": "当事人; identity numbers are never kept: a masked form and a keyed hash (identity_key) are",
        "items": {"type": "object", "required": ["role", "name"], "properties": {
            "role": {"type": "string"}, "kind": {"type": ["string", "null"]}, "name": {"type": "string"},
            "id_masked": {"type": ["string", "null"]}, "identity_key": {"type": ["string", "null"]},
            "agent": {"type": ["string", "null"]}, "address": {"type": ["string", "null"]}}}});
    detail_properties["payments"] = json!({"type": "array", "description": "执行款: 收款 received, 发放 paid out",
        "items": {"type": "object", "required": ["date", "kind", "amount", "note"], "properties": {
            "date": {"type": "string"}, "kind": {"type": "string"}, "amount": {"type": "string"}, "note": {"type": "string"}}}});
    let values = json!({"type": "object", "additionalProperties": {"type": ["number", "null"]}});
    let mut warning_properties = case_properties.clone();
    warning_properties["days_left"] = json!({"type": "integer"});
    warning_properties["tier"] = json!({"type": "string", "enum": ["overdue", "5_days", "15_days", "30_days", "two_thirds"]});
    warning_properties["tier_label"] = json!({"type": "string"});
    let mut idle_properties = case_properties.clone();
    idle_properties["last_measure"] = nullable("string");
    idle_properties["idle_days"] = json!({"type": "integer"});
    let mut old_properties = case_properties.clone();
    old_properties["age_days"] = json!({"type": "integer"});
    old_properties["last_event"] = json!({"type": ["object", "null"], "required": ["date", "kind", "detail"],
        "properties": {"date": {"type": "string"}, "kind": {"type": "string"}, "detail": {"type": "string"}}});
    json!({
        "openapi": "3.1.0",
        "info": {"title": "shenguan 审管 API", "version": env!("CARGO_PKG_VERSION"),
                 "description": "审判执行质效监管 — court case-flow supervision. Every route needs `Authorization: Bearer <token>` (`shenguan user token NAME`) and answers within the user's court scope."},
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {"type": "object", "required": ["code", "message", "details"], "properties": {
                    "code": {"type": "string", "enum": ["invalid", "unauthorized", "forbidden", "not_found", "conflict", "unavailable", "internal"]},
                    "message": {"type": "string"},
                    "details": {"type": "array", "description": "one line per bad row of an uploaded file", "items": {"type": "string"}}}},
                "Metrics": {"type": "object", "required": ["from", "to", "group_by", "rows", "provisional", "notes"], "properties": {
                    "from": {"type": "string"}, "to": {"type": "string"},
                    "provisional": {"type": "array", "description": "indicators whose values are provisional (暂定): appeals against the period's closings may not have reached the data yet", "items": {"type": "string"}},
                    "notes": {"type": "array", "description": "why values are provisional or undefined", "items": {"type": "object", "required": ["zh", "en"], "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}}},
                    "group_by": {"type": "array", "items": {"type": "string"}},
                    "rows": {"type": "array", "items": {"type": "object", "required": ["group", "values"], "properties": {
                        "group": {"type": "object", "additionalProperties": {"type": "string"}},
                        "values": values, "yoy": values, "prev": values}}}}},
                "Explain": {"type": "object", "required": ["indicator", "part", "cases"], "properties": {
                    "indicator": {"type": "string"}, "part": {"type": "string", "enum": ["numerator", "denominator"]},
                    "cases": {"type": "array", "items": {"type": "string"}}}},
                "Case": {"type": "object", "required": case_required, "properties": case_properties},
                "CaseList": {"type": "object", "required": ["total", "offset", "limit", "cases"], "properties": {
                    "total": {"type": "integer"}, "offset": {"type": "integer"}, "limit": {"type": "integer"},
                    "cases": {"type": "array", "items": {"$ref": "#/components/schemas/Case"}}}},
                "CaseDetail": {"type": "object", "required": ["case_no", "events", "parties", "payments"], "properties": detail_properties},
                "Warnings": {"type": "object", "required": ["as_of", "count", "warnings"], "properties": {
                    "as_of": {"type": "string"}, "count": {"type": "integer"},
                    "warnings": {"type": "array", "items": {"type": "object",
                        "required": ["case_no", "deadline", "days_left", "tier"], "properties": warning_properties}}}},
                "LongPending": {"type": "object", "required": ["as_of", "months", "count", "cases"], "properties": {
                    "as_of": {"type": "string"}, "months": {"type": "integer"}, "count": {"type": "integer"},
                    "cases": {"type": "array", "items": {"type": "object",
                        "required": ["case_no", "age_days", "last_event"], "properties": old_properties}}}},
                "IdleEnforcement": {"type": "object", "required": ["as_of", "days", "count", "cases"], "properties": {
                    "as_of": {"type": "string"}, "days": {"type": "integer"}, "count": {"type": "integer"},
                    "cases": {"type": "array", "items": {"type": "object",
                        "required": ["case_no", "last_measure", "idle_days"], "properties": idle_properties}}}},
                "Import": {"type": "object", "required": ["rows_read", "cases_valid", "events_valid", "errors", "warnings", "changes", "written", "indicators_refreshed"], "properties": {
                    "rows_read": {"type": "integer"}, "cases_valid": {"type": "integer"}, "events_valid": {"type": "integer"},
                    "errors": {"type": "array", "items": {"type": "object", "required": ["row", "column", "value", "reason_zh", "reason_en"], "properties": {
                        "row": {"type": "integer"}, "column": {"type": "string"}, "value": {"type": "string"},
                        "reason_zh": {"type": "string"}, "reason_en": {"type": "string"}}}},
                    "warnings": {"type": "array", "items": {"type": "string"}},
                    "changes": changes,
                    "written": {"type": ["object", "null"], "required": ["added", "updated", "unchanged", "events_added"], "properties": {
                        "added": {"type": "integer"}, "updated": {"type": "integer"}, "unchanged": {"type": "integer"}, "events_added": {"type": "integer"}}},
                    "indicators_refreshed": {"type": "boolean"}}},
                "Audit": {"type": "object", "required": ["entries"], "properties": {"entries": {"type": "array",
                    "items": {"type": "object", "required": ["at", "user", "action", "detail"], "properties": {
                        "at": {"type": "string"}, "user": nullable("string"), "action": {"type": "string"},
                        "detail": {"type": "string"}}}}}},
            }
        }
    })
}
