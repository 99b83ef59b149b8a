//! The health checks and the metrics, as a monitoring host sees them: `/healthz` answers without a
//! sign-in and without the store; `/readyz` is ready on a healthy store, not ready while the
//! store's file is away from its path (a SQLite connection already open keeps working, so the
//! check looks at the file too) or while the columns lag behind the store past the grace, and
//! ready again after; a PostgreSQL server that ends the server's connections makes it not ready
//! until the connections are replaced; `/metrics` is no route unless turned on, and then counts
//! each request by route pattern and status class, times it in cumulative buckets, counts failed
//! sign-ins and imports, answers hostile requests plainly, and names no person or case.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::header::{CONTENT_TYPE, COOKIE};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use serde_json::Value;
use shenguan_app::Config;
use shenguan_testkit::world::{
    BOUNDARY, World, answer, encode, fresh_world, fresh_world_with, world,
};
use shenguan_web::Server;

/// `method uri` to the world's router, without a sign-in: status, headers, body.
async fn call(world: &World, method: Method, uri: &str) -> (StatusCode, HeaderMap, String) {
    world
        .send(
            Request::builder()
                .method(method)
                .uri(uri)
                .body(Body::empty())
                .expect("a request"),
        )
        .await
}

/// `GET /readyz` (in English): the status and the body.
async fn ready(world: &World) -> (StatusCode, Value) {
    let request = Request::get("/readyz")
        .header("accept-language", "en")
        .body(Body::empty())
        .expect("a request");
    let (status, _, body) = world.send(request).await;
    let body = serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"));
    (status, body)
}

/// Asks `/readyz` until it answers 200 with the columns current, for at most a minute (a
/// rebuild of the columns runs in the background); the last answer.
async fn ready_again(world: &World) -> Value {
    let since = Instant::now();
    loop {
        let (status, body) = ready(world).await;
        if status == StatusCode::OK && body["checks"]["columns"]["state"] == "current" {
            return body;
        }
        assert!(
            since.elapsed() < Duration::from_secs(60),
            "not ready after a minute: {body}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// A configuration with `/metrics` turned on.
fn with_metrics() -> Config {
    Config {
        metrics: true,
        ..Config::default()
    }
}

/// The samples of an exposition, by series (`name{labels}`), after checking its shape: every
/// sample belongs to a family announced by `# TYPE` (a histogram's by its name less `_bucket`,
/// `_sum` or `_count`) and holds a number.
fn samples(text: &str) -> BTreeMap<String, f64> {
    let mut families = Vec::new();
    let mut samples = BTreeMap::new();
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("# TYPE ") {
            let (name, kind) = rest.split_once(' ').expect("a type line names a kind");
            assert!(["counter", "gauge", "histogram"].contains(&kind), "{line}");
            families.push(name.to_string());
            continue;
        }
        if line.starts_with("# HELP ") {
            continue;
        }
        assert!(!line.starts_with('#') && !line.is_empty(), "{line:?}");
        let (series, value) = line.rsplit_once(' ').expect("a series and a value");
        let name = series.split('{').next().expect("a name");
        let family = ["_bucket", "_sum", "_count"]
            .iter()
            .find_map(|end| name.strip_suffix(end))
            .filter(|stem| families.iter().any(|f| f == stem))
            .unwrap_or(name);
        assert!(
            families.iter().any(|f| f == family),
            "{name} has no # TYPE before it"
        );
        let value: f64 = value
            .parse()
            .unwrap_or_else(|_| panic!("not a number: {line}"));
        assert!(
            samples.insert(series.to_string(), value).is_none(),
            "{series} twice"
        );
    }
    samples
}

/// The value of `series` (0 when absent: a counter not yet counted).
fn value(samples: &BTreeMap<String, f64>, series: &str) -> f64 {
    samples.get(series).copied().unwrap_or(0.0)
}

fn requests(route: &str, method: &str, class: &str) -> String {
    format!(
        "shenguan_http_requests_total{{route=\"{route}\",method=\"{method}\",status=\"{class}\"}}"
    )
}

/// The metrics now, after checking the answer's status and type.
async fn metrics(world: &World) -> (String, BTreeMap<String, f64>) {
    let (status, headers, body) = call(world, Method::GET, "/metrics").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        headers[CONTENT_TYPE], "text/plain; version=0.0.4; charset=utf-8",
        "Prometheus's text format"
    );
    let parsed = samples(&body);
    (body, parsed)
}

/// Every histogram of `samples`: buckets cumulative (never fewer at a larger bound), the `+Inf`
/// bucket equal to the count; returns each route's count.
fn histograms(samples: &BTreeMap<String, f64>) -> BTreeMap<String, f64> {
    let mut counts = BTreeMap::new();
    for (series, count) in samples {
        let Some(labels) = series.strip_prefix("shenguan_http_request_duration_seconds_count{")
        else {
            continue;
        };
        let labels = labels.trim_end_matches('}');
        let buckets: Vec<(f64, f64)> = samples
            .iter()
            .filter_map(|(s, v)| {
                let rest = s.strip_prefix(&format!(
                    "shenguan_http_request_duration_seconds_bucket{{{labels},le=\""
                ))?;
                let bound = rest.trim_end_matches("\"}");
                let bound = if bound == "+Inf" {
                    f64::INFINITY
                } else {
                    bound.parse().expect("a bound")
                };
                Some((bound, *v))
            })
            .collect();
        let mut sorted = buckets.clone();
        sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
        assert!(sorted.len() >= 2, "{labels}: {buckets:?}");
        assert!(
            sorted.windows(2).all(|pair| pair[0].1 <= pair[1].1),
            "{labels}: the buckets are cumulative: {sorted:?}"
        );
        let last = sorted.last().expect("a bucket");
        assert!(last.0.is_infinite(), "{labels}: a +Inf bucket");
        assert_eq!(last.1, *count, "{labels}: +Inf is the count");
        counts.insert(labels.to_string(), *count);
    }
    counts
}

#[tokio::test]
async fn alive_and_ready_on_a_healthy_store_without_a_sign_in_and_no_metrics_unless_turned_on() {
    let world = world();
    let (status, headers, body) = call(world, Method::GET, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "ok\n");
    assert!(
        headers[CONTENT_TYPE]
            .to_str()
            .expect("text")
            .starts_with("text/plain")
    );
    let (status, _, body) = call(world, Method::HEAD, "/healthz").await;
    assert_eq!((status, body.as_str()), (StatusCode::OK, ""));

    let (status, body) = ready(world).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body,
        serde_json::json!({
            "status": "ok",
            "checks": {
                "store": {"ok": true, "state": "reachable"},
                "columns": {"ok": true, "state": "current"},
            },
        })
    );

    // Off by default: no route at all, whatever the method.
    for method in [Method::GET, Method::HEAD, Method::POST] {
        let (status, _, _) = call(world, method.clone(), "/metrics").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method}");
    }
    // The checks are not operations of the API's document.
    let (_, spec) = world.get("/api/openapi.json", None).await;
    let paths = spec["paths"].as_object().expect("paths");
    assert!(!paths.is_empty());
    for path in ["/healthz", "/readyz", "/metrics"] {
        assert!(!paths.contains_key(path), "{path}");
    }
}

#[tokio::test]
async fn not_ready_while_the_store_file_is_away_from_its_path_and_ready_when_it_is_back() {
    let world = fresh_world();
    let (status, body) = ready(&world).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let folder = world
        .db_path()
        .parent()
        .expect("the store's folder")
        .to_path_buf();
    let away = folder.with_extension("away");
    std::fs::rename(&folder, &away).expect("the folder moved away");
    // The server's open connections keep reading the moved file: a query alone cannot tell
    // that the store is gone from where every other program looks for it.
    let (status, cases) = world
        .get("/api/v1/cases?limit=1", Some(&world.office.token))
        .await;
    let (healthy, _, alive) = call(&world, Method::GET, "/healthz").await;
    let (ready_away, body) = ready(&world).await;
    std::fs::rename(&away, &folder).expect("the folder back");
    assert_eq!(status, StatusCode::OK, "{cases}");
    assert_eq!(
        (healthy, alive.as_str()),
        (StatusCode::OK, "ok\n"),
        "alive all along"
    );
    assert_eq!(ready_away, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["status"], "unavailable");
    assert_eq!(body["checks"]["store"]["ok"], false, "{body}");
    assert_eq!(body["checks"]["store"]["state"], "moved", "{body}");
    let reason = body["checks"]["store"]["reason"]
        .as_str()
        .expect("a reason");
    assert!(reason.contains("configured path"), "{reason}");
    // The columns are still the store's data (its version answered).
    assert_eq!(body["checks"]["columns"]["state"], "current", "{body}");
    // Nothing of where the store is.
    let text = body.to_string();
    let place = folder.display().to_string();
    let name = folder
        .file_name()
        .expect("a name")
        .to_string_lossy()
        .into_owned();
    assert!(!text.contains(&place) && !text.contains(&name), "{text}");
    // In Chinese without Accept-Language.
    std::fs::rename(&folder, &away).expect("the folder moved away again");
    let (status, _, chinese) = call(&world, Method::GET, "/readyz").await;
    std::fs::rename(&away, &folder).expect("the folder back again");
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(chinese.contains("数据库文件"), "{chinese}");

    let (status, body) = ready(&world).await;
    assert_eq!(
        status,
        StatusCode::OK,
        "ready again with the file back: {body}"
    );
    assert_eq!(body["checks"]["store"]["state"], "reachable");
}

/// Raises the store's data version as another program's import does, through a connection of
/// the test's own.
fn another_program_writes(world: &World) -> u64 {
    let db = rusqlite::Connection::open(world.db_path()).expect("the store");
    db.execute(
        "UPDATE store_meta SET value = value + 1 WHERE key = 'data_version'",
        [],
    )
    .expect("the version raised");
    db.query_row(
        "SELECT value FROM store_meta WHERE key = 'data_version'",
        [],
        |row| row.get::<_, i64>(0),
    )
    .map(|v| u64::try_from(v).expect("a version"))
    .expect("the version")
}

#[tokio::test]
async fn columns_behind_the_store_are_fresh_while_rebuilt_within_the_grace_and_not_past_it() {
    let world = fresh_world_with(with_metrics());
    let (_, before) = metrics(&world).await;
    assert_eq!(value(&before, "shenguan_columns_reloads_total"), 0.0);

    // Within the grace: ready, the columns being rebuilt (the check starts the rebuild).
    let version = another_program_writes(&world);
    let (status, body) = ready(&world).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["checks"]["columns"]["state"], "rebuilding", "{body}");
    let body = ready_again(&world).await;
    // Nothing else asked for the columns: the check's own rebuild caught up.
    assert_eq!(body["checks"]["columns"]["state"], "current", "{body}");
    let (_, after) = metrics(&world).await;
    assert_eq!(value(&after, "shenguan_columns_reloads_total"), 1.0);
    assert_eq!(
        value(&after, "shenguan_columns_data_version"),
        version as f64
    );

    // No grace: columns behind the store are not fresh, until rebuilt.
    world.server.set_columns_grace(Duration::ZERO);
    let version = another_program_writes(&world);
    let (status, body) = ready(&world).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    assert_eq!(body["checks"]["store"]["ok"], true, "{body}");
    assert_eq!(body["checks"]["columns"]["ok"], false, "{body}");
    assert_eq!(body["checks"]["columns"]["state"], "behind", "{body}");
    let reason = body["checks"]["columns"]["reason"].as_str().expect("why");
    assert!(
        reason.contains(&format!("the store's is {version}")),
        "{reason}"
    );
    let body = ready_again(&world).await;
    assert_eq!(body["checks"]["columns"]["state"], "current", "{body}");
    let (_, after) = metrics(&world).await;
    assert_eq!(value(&after, "shenguan_columns_reloads_total"), 2.0);
    assert_eq!(
        value(&after, "shenguan_columns_data_version"),
        version as f64
    );
}

/// A one-row file of a new case of 湘1402, for the office to import.
const ONE_CASE: &str = "案号,法院名称,立案日期,结案日期,结案方式,承办人,承办部门,案由,适用程序,标的额,执行到位金额,原审案号\n\
     （2026）湘1402民初99951号,清河市清河区人民法院,2026-03-02,,,新法官,民事审判庭,民间借贷纠纷,简易,1000.00,,\n";
const NEW_CASE: &str = "（2026）湘1402民初99951号";

#[tokio::test]
async fn the_metrics_count_what_the_server_answered_and_name_no_person_or_case() {
    let world = fresh_world_with(with_metrics());
    let (_, before) = metrics(&world).await;
    let case_route = "/api/v1/cases/{case_no}";
    let case = format!("/api/v1/cases/{}", encode(BOUNDARY.overdue_in));
    for _ in 0..3 {
        let (status, _) = world.get(&case, Some(&world.office.token)).await;
        assert_eq!(status, StatusCode::OK);
    }
    for _ in 0..2 {
        let (status, _) = world.get(&case, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
    let (status, _, _) = call(&world, Method::GET, "/healthz").await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = call(&world, Method::GET, "/no/such/page/湘1402").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A wrong password, and an import checked then one written.
    assert_eq!(
        world.try_login(&world.judge.name, "not the password").await,
        Err(StatusCode::UNAUTHORIZED)
    );
    let (status, checked) = world
        .import_csv("dry_run=true", Some(&world.office.token), ONE_CASE)
        .await;
    assert_eq!(status, StatusCode::OK, "{checked}");
    let (status, done) = world
        .import_csv("", Some(&world.office.token), ONE_CASE)
        .await;
    assert_eq!(status, StatusCode::OK, "{done}");
    assert_eq!(done["written"]["added"], 1, "{done}");

    let (body, after) = metrics(&world).await;
    let grew = |series: &str| value(&after, series) - value(&before, series);
    assert_eq!(grew(&requests(case_route, "GET", "2xx")), 3.0);
    assert_eq!(grew(&requests(case_route, "GET", "4xx")), 2.0);
    assert_eq!(grew(&requests(case_route, "GET", "5xx")), 0.0);
    assert_eq!(grew(&requests("/healthz", "GET", "2xx")), 1.0);
    assert_eq!(grew(&requests("unmatched", "GET", "4xx")), 1.0);
    assert_eq!(grew(&requests("/login", "GET", "2xx")), 1.0);
    assert_eq!(grew(&requests("/login", "POST", "4xx")), 1.0);
    assert_eq!(grew(&requests("/api/v1/import", "POST", "2xx")), 2.0);
    // The first scrape is counted once it is answered: the second sees it.
    assert_eq!(value(&before, &requests("/metrics", "GET", "2xx")), 0.0);
    assert_eq!(value(&after, &requests("/metrics", "GET", "2xx")), 1.0);
    assert_eq!(grew("shenguan_sign_in_failures_total"), 1.0);
    assert_eq!(grew("shenguan_sign_in_refusals_total"), 0.0);
    assert_eq!(grew("shenguan_imports_total{outcome=\"written\"}"), 1.0);
    assert_eq!(grew("shenguan_imports_total{outcome=\"not_written\"}"), 1.0);
    assert_eq!(grew("shenguan_imports_total{outcome=\"failed\"}"), 0.0);
    assert_eq!(grew("shenguan_imported_cases_total{change=\"added\"}"), 1.0);
    // The import refreshed the columns: one case more, at the store's new version.
    assert_eq!(grew("shenguan_columns_cases"), 1.0);
    assert_eq!(value(&after, "shenguan_store_connections"), 3.0);
    assert!(value(&after, "shenguan_columns_cases") > 4000.0);

    // Every histogram is cumulative with +Inf its count, and counts what the route answered.
    let counts = histograms(&after);
    let route_count = |route: &str| {
        counts
            .get(&format!("route=\"{route}\""))
            .copied()
            .unwrap_or(0.0)
    };
    assert_eq!(route_count(case_route), 5.0);
    for route in [case_route, "/healthz", "unmatched", "/login", "/metrics"] {
        let answered: f64 = after
            .iter()
            .filter(|(s, _)| {
                s.starts_with(&format!("shenguan_http_requests_total{{route=\"{route}\","))
            })
            .map(|(_, v)| v)
            .sum();
        assert_eq!(route_count(route), answered, "{route}");
    }
    let before_counts = histograms(&before);
    assert!(
        before_counts.is_empty(),
        "nothing answered before: {before_counts:?}"
    );

    // No name, no case number, no token, no place.
    for account in world.accounts() {
        assert!(!body.contains(&account.name), "{}", account.name);
        assert!(!body.contains(&account.token));
    }
    for number in [BOUNDARY.overdue_in, NEW_CASE] {
        assert!(
            !body.contains(number) && !body.contains(&encode(number)),
            "{number}"
        );
    }
    assert!(!body.contains("湘1402") && !body.contains("/no/such/page"));
    assert!(!body.contains(&world.db_path().display().to_string()));
}

#[tokio::test]
async fn hostile_requests_for_the_metrics_get_plain_answers() {
    let world = fresh_world_with(with_metrics());
    // A query is not read at all: not echoed, not refused.
    let (status, _, body) = call(
        &world,
        Method::GET,
        "/metrics?x=%3Cscript%3Ealert(1)%3C/script%3E&y={%22a%22}",
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        !body.contains("script") && !body.contains("alert"),
        "{body}"
    );
    // Near the longest address a request may carry (64 KiB).
    let huge = format!("/metrics?{}", "a=b&".repeat(15_000));
    let (status, _, body) = call(&world, Method::GET, &huge).await;
    assert_eq!(status, StatusCode::OK);
    assert!(!body.contains("a=b"));
    let (status, headers, body) = call(&world, Method::HEAD, "/metrics").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body, "", "a HEAD has no body");
    assert!(
        headers[CONTENT_TYPE]
            .to_str()
            .expect("text")
            .starts_with("text/plain")
    );
    for method in [
        Method::POST,
        Method::PUT,
        Method::DELETE,
        Method::from_bytes(b"BREW").expect("a method"),
    ] {
        let (status, headers, _) = call(&world, method.clone(), "/metrics").await;
        assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{method}");
        assert!(
            headers["allow"].to_str().expect("text").contains("GET"),
            "{method}"
        );
    }
    for method in [Method::POST, Method::DELETE] {
        for path in ["/healthz", "/readyz"] {
            let (status, _, _) = call(&world, method.clone(), path).await;
            assert_eq!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
        }
    }
    // A method of the client's own invention is counted as `other`: the label's values stay
    // few whatever clients send.
    let (_, after) = metrics(&world).await;
    assert_eq!(value(&after, &requests("/metrics", "other", "4xx")), 1.0);
    assert_eq!(value(&after, &requests("/metrics", "GET", "2xx")), 2.0);
    assert_eq!(value(&after, &requests("/metrics", "HEAD", "2xx")), 1.0);
    assert_eq!(value(&after, &requests("/metrics", "POST", "4xx")), 1.0);
    assert!(after.keys().all(|series| !series.contains("BREW")));
    histograms(&after);
}

/// The router's answer to `method uri` (with a cookie and a form body), in English.
fn send(
    runtime: &tokio::runtime::Runtime,
    server: &Arc<Server>,
    method: Method,
    uri: &str,
    cookie: Option<String>,
    body: String,
) -> (StatusCode, HeaderMap, String) {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header("accept-language", "en")
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded");
    if let Some(cookie) = cookie {
        request = request.header(COOKIE, cookie);
    }
    let request = request.body(Body::from(body)).expect("a request");
    let (status, headers, bytes) = runtime.block_on(answer(server, request));
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

/// The server's connections the database holds, by the name they carry.
fn backends(outside: &mut postgres::Client, tag: &str) -> i64 {
    outside
        .query_one(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = $1",
            &[&tag],
        )
        .expect("the count")
        .get(0)
}

// A plain test: the store's PostgreSQL client runs a runtime of its own, which may not be
// started from within the test's; the requests run on a runtime made here.
#[test]
fn ended_postgres_connections_make_the_server_unready_until_it_connects_again() {
    let test = shenguan_testkit::skip::current_test();
    let Some(admin) = shenguan_testkit::store::postgres_server(&test) else {
        return;
    };
    let schema = shenguan_testkit::store::PgSchema::new(&admin, "web_health");
    // The server's connections carry a name of their own, so that the test ends only those.
    let tag = format!("shenguan_health_{}", std::process::id());
    let url = format!("{}&application_name={tag}", schema.url());
    let app = shenguan_testkit::world::app();
    let store = app.open_store(Some(&url)).expect("the store");
    let more = (0..2)
        .map(|_| app.open_store(Some(&url)).expect("another connection"))
        .collect();
    let mut server = Server::new(app, store).expect("the server");
    server.add_connections(more).expect("the connections");
    let server = Arc::new(server);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let ready = || {
        send(
            &runtime,
            &server,
            Method::GET,
            "/readyz",
            None,
            String::new(),
        )
    };
    let (status, _, body) = ready();
    assert_eq!(status, StatusCode::OK, "{body}");

    let mut outside = postgres::Client::connect(&admin, postgres::NoTls).expect("a connection");
    assert_eq!(
        backends(&mut outside, &tag),
        3,
        "the server's three connections"
    );
    let ended: i64 = outside
        .query_one(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity \
             WHERE application_name = $1",
            &[&tag],
        )
        .expect("the connections ended")
        .get(0);
    assert_eq!(ended, 3);
    // Until the database has let them go.
    let since = Instant::now();
    while backends(&mut outside, &tag) > 0 {
        assert!(since.elapsed() < Duration::from_secs(30), "still there");
        std::thread::sleep(Duration::from_millis(20));
    }

    // The check's connection finds itself ended: not ready, saying nothing of the database's
    // address.
    let (status, _, body) = ready();
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE, "{body}");
    let answer: Value = serde_json::from_str(&body).expect("JSON");
    assert_eq!(answer["checks"]["store"]["state"], "unreachable", "{body}");
    assert_eq!(answer["checks"]["columns"]["state"], "unknown", "{body}");
    for secret in [admin.as_str(), url.as_str(), schema.name(), "postgres://"] {
        assert!(!body.contains(secret), "{body}");
    }
    // … and is replaced: ready again at the next check.
    let (status, _, body) = ready();
    assert_eq!(status, StatusCode::OK, "{body}");

    // The writing connection was ended too: the one request that meets it is told to come back
    // (503), and the next is answered — here a wrong password, audited through that connection.
    let sign_in = || {
        let (_, headers, _) = send(
            &runtime,
            &server,
            Method::GET,
            "/login",
            None,
            String::new(),
        );
        let token = headers
            .get_all("set-cookie")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|v| v.strip_prefix("sg_login="))
            .and_then(|v| v.split(';').next())
            .expect("a form token")
            .to_string();
        let form = format!("name=nobody&password=wrong&csrf={token}");
        let cookie = Some(format!("sg_login={token}"));
        send(&runtime, &server, Method::POST, "/login", cookie, form).0
    };
    assert_eq!(sign_in(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(sign_in(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        backends(&mut outside, &tag),
        2,
        "the reading and the writing connection, connected again"
    );
}
