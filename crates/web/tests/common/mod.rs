//! The test world shared by the API and page tests: a generated network in a temporary SQLite
//! store, three accounts (network administrator, a basic court's office, a judge of another
//! court), and requests sent straight to the router.
#![allow(dead_code)]

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use http_body_util::BodyExt;
use serde_json::Value;
use shenguan_app::accounts::Role;
use shenguan_app::generate::{GenerateRequest, GenerateTarget};
use shenguan_app::{App, Config, FixedClock};
use shenguan_domain::CourtCode;
use shenguan_web::{Server, router};
use tower::ServiceExt;

pub fn date(text: &str) -> chrono::NaiveDate {
    chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

pub fn app() -> App {
    App::with_clock(Config::default(), Box::new(FixedClock(date("2026-11-27")))).expect("app")
}

/// A generated network in a fresh store, with accounts: tokens by role.
pub struct World {
    pub server: Arc<Server>,
    pub admin: String,
    pub office_1402: String,
    pub judge_1403: (String, String),
    pub _dir: tempdir::Dir,
}

pub mod tempdir {
    /// A folder removed when dropped.
    pub struct Dir(pub std::path::PathBuf);

    impl Dir {
        pub fn new() -> Dir {
            let path = std::env::temp_dir().join(format!(
                "shenguan-web-{}-{}",
                std::process::id(),
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos())
            ));
            std::fs::create_dir_all(&path).expect("dir");
            Dir(path)
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

pub fn world() -> World {
    let dir = tempdir::Dir::new();
    let db = dir.0.join("shenguan.db").display().to_string();
    let app = app();
    let mut store = app.open_store(Some(&db)).expect("store");
    let request = GenerateRequest {
        seed: 4,
        basic_courts: 3,
        from: date("2023-01-01"),
        to: date("2024-12-31"),
        scale: None,
        cases: Some(3000),
        threads: 1,
        snapshot: None,
    };
    app.generate(
        &request,
        &GenerateTarget::Store,
        Some(&mut store),
        &mut |_, _| {},
    )
    .expect("generate");
    // A judge of 湘1403 with cases there.
    let judge = store
        .cases(&shenguan_app::CaseQuery {
            court: Some(CourtCode::parse("湘1403").expect("court")),
            from: None,
            to: None,
        })
        .expect("cases")
        .into_iter()
        .find_map(|c| c.judge)
        .expect("a judge");
    let court = |c: &str| Some(CourtCode::parse(c).expect("court"));
    let password = "long enough password";
    app.add_user(&mut store, "管理员", Role::Admin, None, None, password)
        .expect("admin");
    app.add_user(
        &mut store,
        "审管办",
        Role::Office,
        court("湘1402"),
        None,
        password,
    )
    .expect("office");
    app.add_user(
        &mut store,
        &judge,
        Role::Judge,
        court("湘1403"),
        None,
        password,
    )
    .expect("judge");
    let admin = app.new_token(&mut store, "管理员").expect("token");
    let office_1402 = app.new_token(&mut store, "审管办").expect("token");
    let judge_token = app.new_token(&mut store, &judge).expect("token");
    // Three connections, as a server has: a write on one is read on the others.
    let more = (0..2)
        .map(|_| app.open_store(Some(&db)).expect("another connection"))
        .collect();
    let mut server = Server::new(app, store).expect("server");
    server.add_connections(more);
    let server = Arc::new(server);
    World {
        server,
        admin,
        office_1402,
        judge_1403: (judge, judge_token),
        _dir: dir,
    }
}

pub async fn get(world: &World, uri: &str, token: Option<&str>) -> (StatusCode, Value) {
    let mut request = Request::builder().uri(uri);
    if let Some(token) = token {
        request = request.header("Authorization", format!("Bearer {token}"));
    }
    let response = router(Arc::clone(&world.server))
        .oneshot(request.body(Body::empty()).expect("request"))
        .await
        .expect("response");
    let status = response.status();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    (status, body)
}

/// Percent-encodes a path segment or query value.
pub fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b',' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The raw answer of the router to `request`: status, headers, body text.
pub async fn send(
    world: &World,
    request: Request<Body>,
) -> (StatusCode, axum::http::HeaderMap, String) {
    let response = router(Arc::clone(&world.server))
        .oneshot(request)
        .await
        .expect("response");
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

/// The value of a cookie set by a response.
pub fn set_cookie(headers: &axum::http::HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap_or("").to_string())
}
