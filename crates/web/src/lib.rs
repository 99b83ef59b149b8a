//! The HTTP face of shenguan: the pages for people (`pages`, signed in with a password) and the
//! JSON API under `/api/v1/` — metrics (the same parameters and body as `shenguan metrics
//! --format json`), explain, cases, one case with its timeline, time-limit warnings, long-pending
//! cases, import, the audit log — behind bearer tokens, every route held to the user's court
//! scope, and its OpenAPI document at `/api/openapi.json`, derived from the handlers (`openapi`).
//! Handlers extract, call `App`, answer typed bodies (`api`); who is asking is `auth`; failures
//! become statuses in `error`; figures already computed are kept in `cache`.

mod api;
mod auth;
mod cache;
mod error;
mod log;
mod openapi;
mod pages;
mod upload;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, RwLock};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::routing::{get, post};
use shenguan_app::imports::{ImportOutcome, ImportRequest};
use shenguan_app::metrics::{Cases, MetricsRequest};
use shenguan_app::{App, AppError, Lang, Store, Text, text};

pub use error::ApiError;

/// What every request shares: the application, the store (a few connections, each taken by one
/// request at a time), the
/// case columns the indicators are computed from (loaded at start, replaced after an import), and
/// the figures already computed from them.
#[derive(Debug)]
pub struct Server {
    app: App,
    stores: Vec<Mutex<Store>>,
    /// Where the next request without a free connection waits.
    next_store: std::sync::atomic::AtomicUsize,
    cases: RwLock<Arc<Cases>>,
    figures: cache::FiguresCache,
    /// Engine runs allowed at once.
    engine_runs: tokio::sync::Semaphore,
    /// Failed sign-ins counted, by account and address.
    throttle: shenguan_app::accounts::LoginThrottle,
    /// Password checks allowed at once (see `pages::login`).
    password_checks: tokio::sync::Semaphore,
    /// The monotonic clock of the sign-in limit (frozen by tests).
    instant: MonotonicClock,
    /// Whether the columns came from a snapshot (an import does not change them then).
    columns_from_snapshot: bool,
    /// The store's data version the columns in memory were made at: a change made by another
    /// process (a command-line import while serving) is noticed at the next request.
    columns_version: std::sync::atomic::AtomicU64,
    /// How long a request waits for a busy store, in milliseconds (see [`Server::set_busy_wait`]).
    busy_wait_ms: std::sync::atomic::AtomicU64,
    /// Held while the columns are reloaded, so that one request reloads and the others wait.
    reloading: Mutex<()>,
    sessions: pages::session::Sessions,
    uploads: pages::Uploads,
    /// This server's private folder for uploads (`None`: it could not be made; uploads are
    /// refused and the operator's log says why).
    upload_root: Option<upload::UploadRoot>,
    /// The largest upload accepted, in bytes.
    upload_limit: std::sync::atomic::AtomicU64,
}

impl Server {
    /// Loads the case columns of the store: from the file kept beside it when fresh, else rebuilt
    /// from the store (and kept for the next time).
    pub fn new(app: App, mut store: Store) -> Result<Server, AppError> {
        let version = store.data_version()?;
        let cases = app.columns(&mut store, &mut note)?;
        let mut server = Server::with_cases(app, store, cases);
        server.columns_from_snapshot = false;
        *server.columns_version.get_mut() = version;
        Ok(server)
    }

    /// With case columns already at hand (a snapshot of a large store, read in a second).
    pub fn with_cases(app: App, mut store: Store, cases: Cases) -> Server {
        // Not being able to shorten the wait is no reason not to serve: the store's own applies.
        let _ = store.wait_when_busy(BUSY_WAIT);
        Server {
            stores: vec![Mutex::new(store)],
            next_store: std::sync::atomic::AtomicUsize::new(0),
            cases: RwLock::new(Arc::new(cases)),
            figures: cache::FiguresCache::default(),
            engine_runs: tokio::sync::Semaphore::new(ENGINE_RUNS),
            throttle: shenguan_app::accounts::LoginThrottle::default(),
            password_checks: tokio::sync::Semaphore::new(PASSWORD_CHECKS),
            instant: MonotonicClock(Box::new(std::time::Instant::now)),
            columns_from_snapshot: true,
            columns_version: std::sync::atomic::AtomicU64::new(0),
            busy_wait_ms: std::sync::atomic::AtomicU64::new(
                u64::try_from(BUSY_WAIT.as_millis()).unwrap_or(u64::MAX),
            ),
            reloading: Mutex::new(()),
            sessions: pages::session::Sessions::default(),
            uploads: pages::Uploads::default(),
            upload_root: upload::UploadRoot::make().ok(),
            upload_limit: std::sync::atomic::AtomicU64::new(
                app.config().upload_limit_mib.saturating_mul(1024 * 1024),
            ),
            app,
        }
    }

    /// Replaces the monotonic clock the limit on failed sign-ins reads (tests freeze it, so
    /// that a wait never runs out while a test is slow).
    pub fn set_monotonic_clock(&mut self, now: Box<dyn Fn() -> std::time::Instant + Send + Sync>) {
        self.instant = MonotonicClock(now);
    }

    fn instant(&self) -> std::time::Instant {
        (self.instant.0)()
    }

    /// Sets the largest upload accepted, in bytes (the configuration's `[server]
    /// upload_limit_mib` unless set).
    pub fn set_upload_limit(&self, bytes: u64) {
        self.upload_limit
            .store(bytes, std::sync::atomic::Ordering::Relaxed);
    }

    /// Whether cookies are sent over HTTPS only (the configuration's `[server]` section).
    fn secure_cookies(&self) -> bool {
        self.app.config().secure_cookies
    }

    fn upload_limit(&self) -> u64 {
        self.upload_limit.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The folder uploads wait in.
    fn upload_root(&self) -> Result<&std::path::Path, ApiError> {
        self.upload_root
            .as_ref()
            .map(upload::UploadRoot::path)
            .ok_or_else(|| {
                ApiError::internal("the upload folder could not be made (see the note at start)")
            })
    }

    /// The folder uploads wait in, for tests that check nothing is left in it.
    pub fn upload_folder(&self) -> Option<&std::path::Path> {
        self.upload_root.as_ref().map(upload::UploadRoot::path)
    }

    /// The case columns, fresh: when the store's data version moved since they were loaded (an
    /// import by another process), they are reloaded first — from the file that import kept
    /// beside the store, or rebuilt. Columns read from a snapshot file stay as they are.
    fn cases(&self) -> Result<Arc<Cases>, AppError> {
        self.ensure_fresh()?;
        Ok(match self.cases.read() {
            Ok(cases) => Arc::clone(&cases),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        })
    }

    /// Reloads the columns (and forgets the figures computed from them) when the store's data
    /// version moved since they were loaded.
    fn ensure_fresh(&self) -> Result<(), AppError> {
        use std::sync::atomic::Ordering;
        if !self.columns_from_snapshot {
            let now = self.with_store(|_, store| store.data_version())?;
            if now != self.columns_version.load(Ordering::Acquire) {
                let _one = self
                    .reloading
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                if now != self.columns_version.load(Ordering::Acquire) {
                    let cases = self.with_store(|app, store| app.columns(store, &mut note))?;
                    self.replace_cases(cases);
                    self.columns_version.store(now, Ordering::Release);
                }
            }
        }
        Ok(())
    }

    /// How a judge is shown on a page: by name, with the staff number when two judges of the
    /// data share the name (`key` as the pages link to it: a staff number or "court:name").
    pub(crate) fn judge_label(&self, key: &str) -> Result<String, AppError> {
        Ok(self.cases()?.judge_label(key))
    }

    /// The same for several judges at once (a list's rows), keyed by judge key.
    pub(crate) fn judge_labels(
        &self,
        keys: impl IntoIterator<Item = String>,
    ) -> Result<std::collections::HashMap<String, String>, AppError> {
        let cases = self.cases()?;
        Ok(keys
            .into_iter()
            .map(|key| {
                let label = cases.judge_label(&key);
                (key, label)
            })
            .collect())
    }

    /// Puts new case columns in place (after an import) and forgets the figures of the old ones.
    fn replace_cases(&self, cases: Cases) {
        match self.cases.write() {
            Ok(mut current) => *current = Arc::new(cases),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(cases),
        }
        self.figures.clear();
    }

    /// The figures for `request` (already narrowed to the user's scope): from memory when asked
    /// before, else computed once however many ask at the same time. At most
    /// [`ENGINE_RUNS`] computations run together: each pass over millions of cases already uses
    /// every core, so more at once only makes every answer late.
    async fn figures(
        self: &Arc<Self>,
        request: MetricsRequest,
    ) -> Result<Arc<cache::Figures>, ApiError> {
        // Figures remembered from columns that are no longer the store's are forgotten first.
        let checking = Arc::clone(self);
        auth::blocking(move || checking.ensure_fresh()).await??;
        let slot = self.figures.slot(&request);
        let figures = slot
            .get_or_try_init(|| {
                let server = Arc::clone(self);
                async move {
                    let _permit = server
                        .engine_runs
                        .acquire()
                        .await
                        .map_err(|_| ApiError::stopping())?;
                    let computing = Arc::clone(&server);
                    let asked = request.clone();
                    let report =
                        auth::blocking(move || computing.app.metrics(&*computing.cases()?, &asked))
                            .await??;
                    server.figures.charge(&request, report.approx_bytes());
                    Ok::<_, ApiError>(Arc::new(cache::Figures {
                        report,
                        json: std::sync::OnceLock::new(),
                    }))
                }
            })
            .await?;
        Ok(Arc::clone(figures))
    }

    /// Imports into the store and, when the indicators' columns come from the store, reloads
    /// them; returns the outcome and whether the columns were reloaded.
    pub(crate) fn import(
        &self,
        request: &ImportRequest,
    ) -> Result<(ImportOutcome, bool), ApiError> {
        let (outcome, cases) = self.with_writer(|app, store| {
            let outcome = app.import(store, request, &mut |_| {})?;
            let cases = match (&outcome.written, self.columns_from_snapshot) {
                // The columns at the new version, kept beside the store for every reader.
                (Some(_), false) => {
                    let version = store.data_version()?;
                    Some((app.columns(store, &mut note)?, version))
                }
                _ => None,
            };
            Ok::<_, AppError>((outcome, cases))
        })?;
        let refreshed = cases.is_some();
        if let Some((cases, version)) = cases {
            let _one = self
                .reloading
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            self.replace_cases(cases);
            self.columns_version
                .store(version, std::sync::atomic::Ordering::Release);
        }
        Ok((outcome, refreshed))
    }

    /// More connections to the same store, for reading: requests that read it (case pages,
    /// lists, tokens) do not wait for one another. Writes keep to the first connection, so that
    /// two writers never wait on SQLite's lock (whose retries would make the slow tail).
    pub fn add_connections(&mut self, more: Vec<Store>) -> Result<(), AppError> {
        let wait = self.busy_wait();
        for mut store in more {
            store.wait_when_busy(wait)?;
            self.stores.push(Mutex::new(store));
        }
        Ok(())
    }

    /// Runs `work` with a connection for reading — a free one if there is any, else the next in
    /// turn (blocking: call it from a blocking task).
    fn with_store<T>(&self, work: impl FnOnce(&App, &mut Store) -> T) -> T {
        let readers = if self.stores.len() > 1 {
            &self.stores[1..]
        } else {
            &self.stores[..]
        };
        let free = readers.iter().find_map(|store| store.try_lock().ok());
        let mut store = match free {
            Some(store) => store,
            None => {
                let turn = self
                    .next_store
                    .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
                    % readers.len();
                lock(&readers[turn])
            }
        };
        work(&self.app, &mut store)
    }

    /// Runs `work` with the connection that writes (audit lines, imports): writes take turns,
    /// each waiting at most the busy wait for the one before it (an import of a year of cases
    /// takes a while) before answering that the store is busy.
    pub(crate) fn with_writer<T>(
        &self,
        work: impl FnOnce(&App, &mut Store) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        let waited_since = std::time::Instant::now();
        let mut store = loop {
            match self.stores[0].try_lock() {
                Ok(store) => break store,
                Err(std::sync::TryLockError::Poisoned(poisoned)) => break poisoned.into_inner(),
                Err(std::sync::TryLockError::WouldBlock) => {
                    if waited_since.elapsed() >= self.busy_wait() {
                        return Err(busy());
                    }
                    std::thread::sleep(std::time::Duration::from_millis(5));
                }
            }
        };
        work(&self.app, &mut store)
    }

    /// How long a request waits for a busy store before it is told to come back.
    fn busy_wait(&self) -> std::time::Duration {
        std::time::Duration::from_millis(
            self.busy_wait_ms.load(std::sync::atomic::Ordering::Relaxed),
        )
    }

    /// Sets how long a request waits for the store's lock (held by an import, here or in another
    /// process) before it answers 503 with Retry-After: [`BUSY_WAIT`] unless set.
    pub fn set_busy_wait(&self, wait: std::time::Duration) -> Result<(), AppError> {
        self.busy_wait_ms.store(
            u64::try_from(wait.as_millis()).unwrap_or(u64::MAX),
            std::sync::atomic::Ordering::Relaxed,
        );
        for store in &self.stores {
            lock(store).wait_when_busy(wait)?;
        }
        Ok(())
    }

    /// One case for `user`, the view written to the audit log (through the writing
    /// connection) before the case is shown: the case page and the API's case answer alike.
    pub(crate) fn view_case(
        &self,
        user: &shenguan_app::accounts::User,
        number: &str,
    ) -> Result<shenguan_app::case_file::CaseFile, AppError> {
        let file = self.with_store(|app, store| app.case_file(store, user, number))?;
        self.audit(Some(&user.name), "case.view", number)?;
        Ok(file)
    }

    /// Writes one audit line (who, what), through the writing connection.
    fn audit(&self, user: Option<&str>, action: &str, detail: &str) -> Result<(), AppError> {
        self.with_writer(|app, store| app.audit(store, user, action, detail))
    }
}

/// Where the server reads monotonic time.
struct MonotonicClock(Box<dyn Fn() -> std::time::Instant + Send + Sync>);

impl std::fmt::Debug for MonotonicClock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MonotonicClock")
    }
}

fn lock(store: &Mutex<Store>) -> std::sync::MutexGuard<'_, Store> {
    match store.lock() {
        Ok(store) => store,
        Err(poisoned) => poisoned.into_inner(),
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

/// The value of `name`, one of `allowed` (the first when it is absent); any other value is
/// refused, on a page as in the API, rather than read as the default.
pub(crate) fn one_of(
    params: &[(String, String)],
    name: &str,
    allowed: &[u32],
) -> Result<u32, ApiError> {
    let Some(text) = param(params, name) else {
        return Ok(allowed[0]);
    };
    match text.parse::<u32>() {
        Ok(value) if allowed.contains(&value) => Ok(value),
        _ => {
            let listed: Vec<String> = allowed.iter().map(u32::to_string).collect();
            let (zh, en) = (listed.join("、"), listed.join(", "));
            Err(ApiError::from(AppError::Invalid(text!(
                "{name} “{text}” 须为 {zh}",
                "{name} “{text}” must be one of {en}"
            ))))
        }
    }
}

/// A yes-or-no parameter: absent, empty, `false` or `0` is no; `true` or `1` is yes; anything
/// else is refused rather than read as no.
pub(crate) fn flag_param(params: &[(String, String)], name: &str) -> Result<bool, ApiError> {
    match param(params, name).as_deref() {
        None | Some("false" | "0") => Ok(false),
        Some("true" | "1") => Ok(true),
        Some(other) => Err(ApiError::from(AppError::Invalid(text!(
            "{name} “{other}” 须为 true 或 false",
            "{name} “{other}” must be true or false"
        )))),
    }
}

/// The court asked for (`court`), alone or with the courts below it (`with_lower=true`).
pub(crate) fn court_param(
    params: &[(String, String)],
) -> Result<Option<shenguan_domain::CourtScope>, ApiError> {
    let with_lower = flag_param(params, "with_lower")?;
    Ok(shenguan_app::metrics::court_scope(
        param(params, "court").as_deref(),
        with_lower,
        shenguan_app::metrics::Asker::Api,
    )?)
}

/// The warning tier asked for (`None`: every tier); a tier that does not exist is refused.
pub(crate) fn tier_param(
    params: &[(String, String)],
) -> Result<Option<shenguan_domain::WarningTier>, ApiError> {
    param(params, "tier")
        .map(|t| {
            shenguan_domain::WarningTier::parse(&t).ok_or_else(|| {
                ApiError::from(AppError::Invalid(text!(
                    "tier “{t}” 须为 overdue、5_days、15_days、30_days 或 two_thirds",
                    "tier “{t}” must be overdue, 5_days, 15_days, 30_days or two_thirds"
                )))
            })
        })
        .transpose()
}

/// Engine computations allowed at the same time (see [`Server::figures`]).
const ENGINE_RUNS: usize = 2;

/// How long a request waits for the store's lock before it answers 503 with Retry-After.
pub const BUSY_WAIT: std::time::Duration = std::time::Duration::from_secs(5);

/// The answer to a request that found the store locked past the wait.
fn busy() -> AppError {
    AppError::Unavailable(text!(
        "数据库正忙（可能正在导入数据），请稍后再试",
        "the store is busy (an import may be running): try again shortly"
    ))
}

/// Password checks allowed at the same time: each takes a core and 19 MiB for about a tenth of
/// a second, so a flood of sign-ins queues here instead of taking the machine.
const PASSWORD_CHECKS: usize = 2;

/// Declares the routes of the JSON API once: [`api_routes`] lists them (method and path) and
/// [`api_router`] registers them, so the list a test checks the OpenAPI document against is the
/// router's own.
macro_rules! api_routes {
    ($($method:ident $path:literal => $handler:expr,)*) => {
        /// Every route of the JSON API as (method, path), the method in lower case as the OpenAPI
        /// document writes it: the routes [`router`] registers under `/api`.
        pub fn api_routes() -> &'static [(&'static str, &'static str)] {
            &[$((stringify!($method), $path),)*]
        }

        /// The JSON API's routes.
        fn api_router() -> Router<Arc<Server>> {
            Router::new()$(.route($path, axum::routing::$method($handler)))*
        }
    };
}

api_routes! {
    get "/api/openapi.json" => openapi::document,
    get "/api/v1/metrics" => api::metrics,
    get "/api/v1/metrics/explain" => api::explain,
    get "/api/v1/cases" => api::cases,
    get "/api/v1/cases/{case_no}" => api::case,
    get "/api/v1/warnings" => api::warnings,
    get "/api/v1/long-pending" => api::long_pending,
    get "/api/v1/enforcement/idle" => api::idle_enforcement,
    get "/api/v1/audit" => api::audit,
    // The upload counts the bytes itself, against the server's own limit, as the file is
    // written.
    post "/api/v1/import" => api::import.layer(DefaultBodyLimit::disable()),
}

/// Every route.
pub fn router(server: Arc<Server>) -> Router {
    let uploads = Router::new()
        .route(
            "/import",
            get(pages::import_page).post(pages::import_upload),
        )
        // The upload routes count the bytes themselves, against the server's own limit, as the
        // file is written.
        .layer(DefaultBodyLimit::disable());
    Router::new()
        .route("/", get(pages::overview))
        .route("/login", get(pages::login_page).post(pages::login))
        .route("/assets/noto-sans-sc.woff2", get(pages::font))
        .route("/assets/style.css", get(pages::style))
        .route("/lang/{code}", get(pages::switch_language))
        .route("/logout", post(pages::logout))
        .route("/court/{code}", get(pages::court))
        .route("/court/{code}/division/{name}", get(pages::division))
        .route("/court/{code}/judge/{name}", get(pages::judge))
        .route("/indicator/{code}", get(pages::indicator_page))
        .route("/cases/{case_no}", get(pages::case_page))
        .route("/warnings", get(pages::warnings_page))
        .route("/long-pending", get(pages::long_pending_page))
        .route("/enforcement", get(pages::enforcement_page))
        .route("/import/confirm", post(pages::import_confirm))
        .route("/reports", get(pages::reports_page))
        .route("/reports/bulletin", get(pages::bulletin))
        .route("/reports/summary", get(pages::summary))
        .route("/admin/users", get(pages::users_page).post(pages::add_user))
        .route("/admin/users/{name}/{action}", post(pages::user_action))
        .route("/admin/audit", get(pages::audit_page))
        .merge(api_router())
        .merge(uploads)
        .layer(axum::middleware::from_fn(error::in_the_request_language))
        .layer(axum::middleware::map_response(protective_headers))
        .layer(axum::middleware::from_fn(log::requests))
        .with_state(server)
}

/// The content security policy of every response: nothing runs, nothing is framed, styles and
/// fonts come from this server only (the pages have no inline style or script).
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; font-src 'self'; \
     img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Headers on every answer: the content security policy, no sniffing of types, no framing, the
/// referrer kept to this server, and nothing stored by a browser or proxy unless the answer says
/// it may be (the font and the style sheet).
async fn protective_headers(mut response: axum::response::Response) -> axum::response::Response {
    use axum::http::{HeaderValue, header};
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

/// Serves until the process ends.
pub async fn serve(server: Arc<Server>, bind: SocketAddr) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(bind).await?;
    axum::serve(
        listener,
        router(server).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .await
}

/// The server's locale (`SHENGUAN_LANG`, `LC_ALL`, `LANG`): the language of its own log lines,
/// the operator's whoever the requests come from.
pub(crate) fn server_lang() -> Lang {
    static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();
    *LANG.get_or_init(Lang::from_locale_env)
}

/// A note of the server's own (the columns rebuilt, or a file it could not keep), in the log.
fn note(text: &Text) {
    tracing::warn!("{}", text.get(server_lang()));
}
