//! 监控: the server's health checks and its metrics for Prometheus — `GET /healthz` (the process
//! answers), `GET /readyz` (the store answers and the indicator columns are fresh) and, when the
//! configuration turns it on (`[server] metrics`), `GET /metrics` in Prometheus's text format
//! 0.0.4, written here by hand. None needs a sign-in, as monitoring systems probe them; none
//! tells a case, a person or where the store is. The counters are fed by the log's middleware,
//! which sees every request already (`log`), by signing in (`pages::login`) and by the imports
//! (`columns`). The endpoints are documented in docs/operations.md, not in the API's OpenAPI
//! document: they are for the monitoring host, not for clients of the API.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::Router;
use axum::extract::State;
use axum::http::header::{CONTENT_TYPE, VARY};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Map, Value, json};
use shenguan_app::imports::ImportOutcome;
use shenguan_app::{AppError, Lang, Text, text};

use crate::Server;
use crate::connections::{Probe, Unready};

/// The longest the readiness check waits for the store before it answers that it did not
/// answer: a probe must get its answer well within the few seconds monitoring systems give it.
pub const READY_WAIT: Duration = Duration::from_secs(2);

/// Of [`READY_WAIT`], how long the check waits for a free connection to the store.
const CONNECTION_WAIT: Duration = Duration::from_secs(1);

/// The upper bounds of the latency histogram's buckets, in seconds: a page from memory, a
/// list, a computation of figures, an export, and slower.
const BUCKETS: [f64; 7] = [0.005, 0.025, 0.1, 0.25, 1.0, 2.5, 10.0];

/// The content type of the text format.
const EXPOSITION: &str = "text/plain; version=0.0.4; charset=utf-8";

/// What the server counts for its metrics.
#[derive(Debug)]
pub(crate) struct Monitoring {
    /// By route pattern (never the path itself, which may hold a case number or a name).
    routes: Mutex<BTreeMap<String, RouteStats>>,
    /// Sign-ins with a wrong name or password.
    sign_in_failures: AtomicU64,
    /// Sign-ins refused by the limit on failed attempts, before the password was checked.
    sign_in_refusals: AtomicU64,
    imports_written: AtomicU64,
    imports_not_written: AtomicU64,
    imports_failed: AtomicU64,
    cases_added: AtomicU64,
    cases_updated: AtomicU64,
    /// When the server started, in seconds since 1970.
    started: u64,
    /// Since when a readiness check that ran out of time is still waiting for the store; until
    /// it ends, checks answer at once rather than leave one more thread waiting each.
    stuck_since: Mutex<Option<Instant>>,
}

/// The requests answered for one route pattern.
#[derive(Debug, Default)]
struct RouteStats {
    /// By method and status class.
    answered: BTreeMap<(&'static str, &'static str), u64>,
    /// Requests whose time fell in each bucket (the first whose bound it is within; above the
    /// last bound, in none): made cumulative when written.
    buckets: [u64; BUCKETS.len()],
    count: u64,
    seconds: f64,
}

impl Default for Monitoring {
    fn default() -> Monitoring {
        Monitoring {
            routes: Mutex::default(),
            sign_in_failures: AtomicU64::new(0),
            sign_in_refusals: AtomicU64::new(0),
            imports_written: AtomicU64::new(0),
            imports_not_written: AtomicU64::new(0),
            imports_failed: AtomicU64::new(0),
            cases_added: AtomicU64::new(0),
            cases_updated: AtomicU64::new(0),
            started: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |since| since.as_secs()),
            stuck_since: Mutex::new(None),
        }
    }
}

/// A request's method as a label: the methods HTTP defines, anything else `other` (a client
/// may send any word as a method; the label's values stay few).
fn method_label(method: &Method) -> &'static str {
    const KNOWN: [Method; 7] = [
        Method::GET,
        Method::HEAD,
        Method::POST,
        Method::PUT,
        Method::DELETE,
        Method::PATCH,
        Method::OPTIONS,
    ];
    KNOWN
        .iter()
        .find(|known| *known == method)
        .map_or("other", Method::as_str)
}

fn status_class(status: u16) -> &'static str {
    match status / 100 {
        1 => "1xx",
        2 => "2xx",
        3 => "3xx",
        4 => "4xx",
        5 => "5xx",
        _ => "other",
    }
}

impl Monitoring {
    /// Counts a request answered: its route's pattern (`None`: no route matched), method,
    /// status and time.
    pub(crate) fn answered(
        &self,
        route: Option<&str>,
        method: &Method,
        status: u16,
        took: Duration,
    ) {
        let route = route.unwrap_or("unmatched");
        let seconds = took.as_secs_f64();
        let mut routes = self.routes.lock().unwrap_or_else(PoisonError::into_inner);
        let stats = match routes.get_mut(route) {
            Some(stats) => stats,
            None => routes.entry(route.to_string()).or_default(),
        };
        *stats
            .answered
            .entry((method_label(method), status_class(status)))
            .or_default() += 1;
        if let Some(bucket) = BUCKETS.iter().position(|bound| seconds <= *bound) {
            stats.buckets[bucket] += 1;
        }
        stats.count += 1;
        stats.seconds += seconds;
    }

    /// Counts a sign-in with a wrong name or password.
    pub(crate) fn sign_in_failed(&self) {
        self.sign_in_failures.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts a sign-in refused by the limit on failed attempts.
    pub(crate) fn sign_in_refused(&self) {
        self.sign_in_refusals.fetch_add(1, Ordering::Relaxed);
    }

    /// Counts an import through the server: written, checked without writing (a dry run, or
    /// rows refused), or failed.
    pub(crate) fn imported(&self, outcome: Result<&ImportOutcome, &AppError>) {
        let counter = match outcome {
            Ok(outcome) => match &outcome.written {
                Some(stats) => {
                    self.cases_added.fetch_add(stats.added, Ordering::Relaxed);
                    self.cases_updated
                        .fetch_add(stats.updated, Ordering::Relaxed);
                    &self.imports_written
                }
                None => &self.imports_not_written,
            },
            Err(_) => &self.imports_failed,
        };
        counter.fetch_add(1, Ordering::Relaxed);
    }

    /// The exposition of every metric, in Prometheus's text format.
    fn render(&self, server: &Server) -> String {
        let mut out = String::new();
        let routes = self.routes.lock().unwrap_or_else(PoisonError::into_inner);
        family(
            &mut out,
            "shenguan_http_requests_total",
            "counter",
            "HTTP requests answered, by route pattern, method and status class.",
        );
        for (route, stats) in routes.iter() {
            for ((method, class), n) in &stats.answered {
                let _ = writeln!(
                    out,
                    "shenguan_http_requests_total{{route=\"{}\",method=\"{method}\",status=\"{class}\"}} {n}",
                    escaped(route)
                );
            }
        }
        family(
            &mut out,
            "shenguan_http_request_duration_seconds",
            "histogram",
            "Time from a request's arrival to its answer, by route pattern.",
        );
        for (route, stats) in routes.iter() {
            let route = escaped(route);
            let mut within = 0;
            for (bound, n) in BUCKETS.iter().zip(stats.buckets) {
                within += n;
                let _ = writeln!(
                    out,
                    "shenguan_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {within}"
                );
            }
            let count = stats.count;
            let _ = writeln!(
                out,
                "shenguan_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {count}"
            );
            let _ = writeln!(
                out,
                "shenguan_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                stats.seconds
            );
            let _ = writeln!(
                out,
                "shenguan_http_request_duration_seconds_count{{route=\"{route}\"}} {count}"
            );
        }
        drop(routes);

        let load = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        single(
            &mut out,
            "shenguan_sign_in_failures_total",
            "counter",
            "Sign-ins refused for a wrong name or password.",
            load(&self.sign_in_failures),
        );
        single(
            &mut out,
            "shenguan_sign_in_refusals_total",
            "counter",
            "Sign-ins refused by the limit on failed attempts, the password unchecked.",
            load(&self.sign_in_refusals),
        );
        family(
            &mut out,
            "shenguan_imports_total",
            "counter",
            "Imports through this server since it started: written, checked without writing (a dry run or refused rows), failed.",
        );
        for (outcome, counter) in [
            ("written", &self.imports_written),
            ("not_written", &self.imports_not_written),
            ("failed", &self.imports_failed),
        ] {
            let _ = writeln!(
                out,
                "shenguan_imports_total{{outcome=\"{outcome}\"}} {}",
                load(counter)
            );
        }
        family(
            &mut out,
            "shenguan_imported_cases_total",
            "counter",
            "Cases added or updated by the imports through this server since it started.",
        );
        for (change, counter) in [
            ("added", &self.cases_added),
            ("updated", &self.cases_updated),
        ] {
            let _ = writeln!(
                out,
                "shenguan_imported_cases_total{{change=\"{change}\"}} {}",
                load(counter)
            );
        }

        let columns = server.columns_stats();
        let gauges: [(&str, &str, &str, u64); 6] = [
            (
                "shenguan_columns_cases",
                "gauge",
                "Cases in the indicator columns held in memory.",
                columns.cases as u64,
            ),
            (
                "shenguan_columns_data_version",
                "gauge",
                "The store's data version the columns were made at (0 for columns from a snapshot file).",
                columns.version,
            ),
            (
                "shenguan_columns_from_snapshot",
                "gauge",
                "1 when the columns come from a snapshot file and do not follow the store.",
                u64::from(columns.from_snapshot),
            ),
            (
                "shenguan_columns_reloads_total",
                "counter",
                "Reloads of the columns after the store's data changed other than by this server's imports (another program's import, a record the indicators count).",
                columns.reloads,
            ),
            (
                "shenguan_figures_cached",
                "gauge",
                "Indicator results kept in memory for repeated questions.",
                columns.figures as u64,
            ),
            (
                "shenguan_figures_cached_bytes",
                "gauge",
                "Bytes the kept indicator results take, as estimated against the cache's cap.",
                columns.figure_bytes as u64,
            ),
        ];
        for (name, kind, help, value) in gauges {
            single(&mut out, name, kind, help, value);
        }
        single(
            &mut out,
            "shenguan_store_connections",
            "gauge",
            "Connections to the store the server holds (the first writes).",
            server.connections.count() as u64,
        );
        single(
            &mut out,
            "shenguan_start_time_seconds",
            "gauge",
            "When the server started, in seconds since 1970-01-01 UTC.",
            self.started,
        );
        out
    }
}

/// The `# HELP` and `# TYPE` lines of a metric.
fn family(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} {kind}");
}

/// A metric of one value, without labels.
fn single(out: &mut String, name: &str, kind: &str, help: &str, value: u64) {
    family(out, name, kind, help);
    let _ = writeln!(out, "{name} {value}");
}

/// A label's value as the text format escapes it: backslash, double quote, line feed.
fn escaped(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The routes of this module: the health checks always, `/metrics` when `metrics` (elsewhere
/// it is no route at all: 404, as for any path the server does not know).
pub(crate) fn routes(metrics: bool) -> Router<Arc<Server>> {
    let routes = Router::new()
        .route("/healthz", get(healthz))
        .route("/readyz", get(readyz));
    if metrics {
        routes.route("/metrics", get(self::metrics))
    } else {
        routes
    }
}

/// `GET /healthz`: the process answers. Nothing else is looked at — not the store, not a lock —
/// so that a watchdog tells a hung process from a slow store.
async fn healthz() -> Response {
    (
        [(
            CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        )],
        "ok\n",
    )
        .into_response()
}

/// `GET /readyz`: 200 when the store answers a trivial query through a reading connection
/// within [`READY_WAIT`] (and a SQLite store's file is still at its path) and the indicator
/// columns are fresh (the rule: `Server::columns_check`); 503 otherwise. The body names each
/// check, whether it passed, its state and why not, in the language `Accept-Language` asks for
/// (Chinese without one): `{"status": "ok" | "unavailable", "checks": {"store": {"ok": …,
/// "state": …, "reason": …}, "columns": {…}}}`.
async fn readyz(State(server): State<Arc<Server>>, headers: HeaderMap) -> Response {
    let lang = crate::error::accept_language(&headers);
    let store = probe(&server).await;
    let columns = server.columns_check(store.version);
    let store_check = match &store.problem {
        None => check(true, "reachable", None, lang),
        Some(Unready { state, reason }) => check(false, state, Some(reason), lang),
    };
    let columns_check = check(columns.ok, columns.state, columns.reason.as_ref(), lang);
    let ready = store.problem.is_none() && columns.ok;
    let body = json!({
        "status": if ready { "ok" } else { "unavailable" },
        "checks": {"store": store_check, "columns": columns_check},
    });
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let mut answer = (status, axum::Json(body)).into_response();
    answer
        .headers_mut()
        .append(VARY, HeaderValue::from_static("accept-language"));
    answer
}

/// One check of the readiness answer.
fn check(ok: bool, state: &str, reason: Option<&Text>, lang: Lang) -> Value {
    let mut check = Map::new();
    check.insert("ok".into(), ok.into());
    check.insert("state".into(), state.into());
    if let Some(reason) = reason {
        check.insert("reason".into(), reason.get(lang).into());
    }
    Value::Object(check)
}

/// The store's part of the readiness check, run off the async threads and given up after
/// [`READY_WAIT`]: the store's data version, and what makes it not ready. A check given up on keeps
/// its thread until the store answers it; while it does, the next checks answer at once.
async fn probe(server: &Arc<Server>) -> Probe {
    let stuck = *server
        .monitoring
        .stuck_since
        .lock()
        .unwrap_or_else(PoisonError::into_inner);
    if let Some(since) = stuck {
        let seconds = since.elapsed().as_secs();
        return Probe::failed(Unready {
            state: "timeout",
            reason: text!(
                "上一次检查等待数据库已{seconds}秒，仍未结束",
                "an earlier check has waited {seconds} s for the store and has not ended"
            ),
        });
    }
    let started = Instant::now();
    let checking = Arc::clone(server);
    // Set, under the same lock as the mark of a check given up on, once the store answered:
    // a check given up on a moment before its answer must not leave the mark behind for good.
    let answered = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let answering = Arc::clone(&answered);
    let task = tokio::task::spawn_blocking(move || {
        let answer = checking.connections.probe(CONNECTION_WAIT);
        // Whichever check ends, the store answered it: none is waiting on it any more.
        let mut stuck = checking
            .monitoring
            .stuck_since
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        answering.store(true, std::sync::atomic::Ordering::SeqCst);
        *stuck = None;
        drop(stuck);
        answer
    });
    match tokio::time::timeout(READY_WAIT, task).await {
        Ok(Ok(answer)) => answer,
        Ok(Err(_)) => Probe::failed(Unready {
            state: "unreachable",
            reason: text!(
                "检查数据库时出错（详见服务器日志）",
                "the check of the store failed (the server's log has why)"
            ),
        }),
        Err(_) => {
            let mut stuck = server
                .monitoring
                .stuck_since
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if !answered.load(std::sync::atomic::Ordering::SeqCst) {
                stuck.get_or_insert(started);
            }
            drop(stuck);
            let ms = READY_WAIT.as_millis();
            Probe::failed(Unready {
                state: "timeout",
                reason: text!(
                    "数据库未在{ms}毫秒内应答",
                    "the store did not answer within {ms} ms"
                ),
            })
        }
    }
}

/// `GET /metrics` (when `[server] metrics` is on): the counters and gauges, in Prometheus's
/// text format. Nothing is read from the store: a scrape never waits on it.
async fn metrics(State(server): State<Arc<Server>>) -> Response {
    let body = server.monitoring.render(&server);
    ([(CONTENT_TYPE, HeaderValue::from_static(EXPOSITION))], body).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_counts_in_its_bucket_and_every_bucket_above() {
        let monitoring = Monitoring::default();
        let route = Some("/cases/{case_no}");
        for ms in [1, 30, 30, 20_000] {
            monitoring.answered(route, &Method::GET, 200, Duration::from_millis(ms));
        }
        monitoring.answered(
            route,
            &Method::from_bytes(b"BREW").expect("a method"),
            404,
            Duration::ZERO,
        );
        let routes = monitoring.routes.lock().expect("lock");
        let stats = &routes["/cases/{case_no}"];
        // 1 ms in the first bucket, 30 ms in the third (≤ 0.1 s), 20 s in none.
        assert_eq!(stats.buckets, [2, 0, 2, 0, 0, 0, 0]);
        assert_eq!(stats.count, 5);
        assert_eq!(stats.answered[&("GET", "2xx")], 4);
        assert_eq!(stats.answered[&("other", "4xx")], 1);
    }

    #[test]
    fn a_label_value_is_escaped() {
        assert_eq!(escaped("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
        assert_eq!(escaped("/cases/{case_no}"), "/cases/{case_no}");
    }
}
