//! The HTTP face of shenguan: the JSON API under `/api/v1/` — metrics (the same parameters and
//! body as `shenguan metrics --format json`), explain, cases, one case with its timeline,
//! time-limit warnings, long-pending cases, the audit log — behind bearer tokens, every route held to the user's court scope, and its OpenAPI
//! document at `/api/openapi.json`. Handlers extract, call `App`, shape JSON (`api`); who is
//! asking is `auth`; failures become statuses in `error`.

mod api;
mod auth;
mod error;
mod openapi;
mod pages;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, RwLock};

use axum::Router;
use axum::routing::{get, post};
use shenguan_app::metrics::Cases;
use shenguan_app::{App, AppError, Store};

pub use error::ApiError;

/// What every request shares: the application, the store (one connection, taken in turn), and
/// the case columns the indicators are computed from, loaded at start.
#[derive(Debug)]
pub struct Server {
    app: App,
    store: Mutex<Store>,
    cases: RwLock<Arc<Cases>>,
    sessions: pages::session::Sessions,
}

impl Server {
    /// Loads the case columns from the store.
    pub fn new(app: App, mut store: Store) -> Result<Server, AppError> {
        let cases = app.load_cases(&mut store)?;
        Ok(Server::with_cases(app, store, cases))
    }

    /// With case columns already at hand (a snapshot of a large store, read in a second).
    pub fn with_cases(app: App, store: Store, cases: Cases) -> Server {
        Server {
            app,
            store: Mutex::new(store),
            cases: RwLock::new(Arc::new(cases)),
            sessions: pages::session::Sessions::default(),
        }
    }

    /// The case columns as they stand.
    fn cases(&self) -> Arc<Cases> {
        match self.cases.read() {
            Ok(cases) => Arc::clone(&cases),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// Runs `work` with the store (blocking: call it from a blocking task).
    fn with_store<T>(&self, work: impl FnOnce(&App, &mut Store) -> T) -> T {
        let mut store = match self.store.lock() {
            Ok(store) => store,
            Err(poisoned) => poisoned.into_inner(),
        };
        work(&self.app, &mut store)
    }
}

/// The last non-empty value of a query parameter (pages and API read them alike).
pub(crate) fn param(params: &[(String, String)], name: &str) -> Option<String> {
    params
        .iter()
        .rev()
        .find(|(k, v)| k == name && !v.trim().is_empty())
        .map(|(_, v)| v.trim().to_string())
}

/// Every route.
pub fn router(server: Arc<Server>) -> Router {
    Router::new()
        .route("/", get(pages::overview))
        .route("/login", get(pages::login_page).post(pages::login))
        .route("/assets/noto-sans-sc.woff2", get(pages::font))
        .route("/logout", post(pages::logout))
        .route("/court/{code}", get(pages::court))
        .route("/indicator/{code}", get(pages::indicator_page))
        .route("/cases/{case_no}", get(pages::case_page))
        .route("/warnings", get(pages::warnings_page))
        .route("/long-pending", get(pages::long_pending_page))
        .route("/enforcement", get(pages::enforcement_page))
        .route("/api/openapi.json", get(openapi::document))
        .route("/api/v1/metrics", get(api::metrics))
        .route("/api/v1/metrics/explain", get(api::explain))
        .route("/api/v1/cases", get(api::cases))
        .route("/api/v1/cases/{case_no}", get(api::case))
        .route("/api/v1/warnings", get(api::warnings))
        .route("/api/v1/long-pending", get(api::long_pending))
        .route("/api/v1/audit", get(api::audit))
        .with_state(server)
}

/// Serves until the process ends.
pub async fn serve(server: Arc<Server>, bind: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind).await?;
    axum::serve(listener, router(server)).await
}
