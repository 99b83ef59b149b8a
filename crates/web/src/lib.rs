//! The HTTP face of shenguan: the pages for people (`pages`, signed in with a password) and the
//! JSON API under `/api/v1/` — metrics (the same parameters and body as `shenguan metrics
//! --format json`), explain, cases, one case with its timeline, time-limit warnings, long-pending
//! cases, import, the audit log — behind bearer tokens, every route held to the user's court
//! scope, and its OpenAPI document at `/api/openapi.json`, derived from the handlers (`openapi`).
//! Handlers extract, call `App`, answer typed bodies (`api`); who is asking is `auth`; failures
//! become statuses in `error`. The `Server` every request shares is small: the store's
//! connections (`connections`), the case columns and the figures computed from them (`columns`,
//! with `cache`), what guards signing in and the sessions (`pages`), where uploads wait
//! (`upload`), and what the health checks and the metrics report (`monitoring`: `/healthz`,
//! `/readyz`, `/metrics`).

mod api;
mod auth;
mod cache;
mod columns;
mod connections;
mod error;
mod forecasts;
mod log;
mod monitoring;
mod openapi;
mod pages;
mod service_form;
mod upload;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::handler::Handler;
use axum::routing::{get, post};
use shenguan_app::metrics::Cases;
use shenguan_app::{App, AppError, Lang, Store, text};

pub use columns::COLUMNS_GRACE;
pub use connections::BUSY_WAIT;
pub use error::ApiError;
pub use monitoring::READY_WAIT;

/// What every request shares: the application, its connections to the store, the case columns
/// and the figures computed from them, what guards signing in, the sessions, and where uploads
/// wait.
#[derive(Debug)]
pub struct Server {
    app: App,
    connections: connections::Connections,
    columns: columns::Columns,
    sign_in: pages::SignInGuard,
    sessions: pages::session::Sessions,
    upload_place: upload::UploadPlace,
    /// Uploads checked and waiting for their confirmation.
    uploads: pages::Uploads,
    forecasts: forecasts::Forecasts,
    /// The counters of the metrics, and the state of the readiness check.
    monitoring: monitoring::Monitoring,
}

impl Server {
    /// Loads the case columns of the store: from the file kept beside it when fresh, else rebuilt
    /// from the store (and kept for the next time). They follow the store from then on.
    pub fn new(app: App, mut store: Store) -> Result<Server, AppError> {
        let version = store.data_version()?;
        let cases = app.columns(&mut store, &mut columns::note)?;
        Ok(Server::with_columns(
            app,
            store,
            columns::Columns::of_store(cases, version),
        ))
    }

    /// With case columns already at hand (a snapshot of a large store, read in a second): they
    /// stay as they are whatever is imported.
    pub fn with_cases(app: App, store: Store, cases: Cases) -> Server {
        Server::with_columns(app, store, columns::Columns::of_snapshot(cases))
    }

    fn with_columns(app: App, store: Store, columns: columns::Columns) -> Server {
        Server {
            connections: connections::Connections::new(store),
            columns,
            sign_in: pages::SignInGuard::default(),
            sessions: pages::session::Sessions::default(),
            upload_place: upload::UploadPlace::new(
                app.config().upload_limit_mib.saturating_mul(1024 * 1024),
            ),
            uploads: pages::Uploads::default(),
            forecasts: forecasts::Forecasts::default(),
            monitoring: monitoring::Monitoring::default(),
            app,
        }
    }

    /// More connections to the same store, for reading: requests that read it (case pages,
    /// lists, tokens) do not wait for one another. Writes keep to the first connection.
    pub fn add_connections(&mut self, more: Vec<Store>) -> Result<(), AppError> {
        self.connections.add(more)
    }

    /// Sets how long a request waits for the store's lock (held by an import, here or in another
    /// process) before it answers 503 with Retry-After: [`BUSY_WAIT`] unless set.
    pub fn set_busy_wait(&self, wait: std::time::Duration) -> Result<(), AppError> {
        self.connections.set_busy_wait(wait)
    }

    /// Replaces the monotonic clock the limit on failed sign-ins reads (tests freeze it, so
    /// that a wait never runs out while a test is slow).
    pub fn set_monotonic_clock(&mut self, now: Box<dyn Fn() -> std::time::Instant + Send + Sync>) {
        self.sign_in.set_clock(now);
    }

    /// The application the server answers with (its configuration, for what runs beside it).
    pub fn app(&self) -> &App {
        &self.app
    }

    /// Sets the largest upload accepted, in bytes (the configuration's `[server]
    /// upload_limit_mib` unless set).
    pub fn set_upload_limit(&self, bytes: u64) {
        self.upload_place.set_limit(bytes);
    }

    /// The folder uploads wait in, for tests that check nothing is left in it.
    pub fn upload_folder(&self) -> Option<&std::path::Path> {
        self.upload_place.folder()
    }

    /// Whether cookies are sent over HTTPS only (the configuration's `[server]` section).
    fn secure_cookies(&self) -> bool {
        self.app.config().secure_cookies
    }

    /// Runs `work` with a connection for reading (blocking: call it from a blocking task).
    fn with_store<T>(&self, work: impl FnOnce(&App, &mut Store) -> T) -> T {
        self.connections.reading(|store| work(&self.app, store))
    }

    /// Runs `work` with the connection that writes (audit lines, imports), waiting at most the
    /// busy wait for it.
    pub(crate) fn with_writer<T>(
        &self,
        work: impl FnOnce(&App, &mut Store) -> Result<T, AppError>,
    ) -> Result<T, AppError> {
        self.connections.writing(|store| work(&self.app, store))
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

/// A value one of a fixed list reads (`parse`: a state, a reason): empty is none, one the list
/// does not hold is refused.
pub(crate) fn choice_param<T>(
    params: &[(String, String)],
    name: &str,
    parse: fn(&str) -> Option<T>,
) -> Result<Option<T>, ApiError> {
    param(params, name)
        .map(|v| {
            parse(&v).ok_or_else(|| {
                ApiError::from(AppError::Invalid(text!(
                    "{name}“{v}”无法识别，请从列表中选择",
                    "{name} “{v}” is not one of the values listed"
                )))
            })
        })
        .transpose()
}

/// A date given as `name` (empty or absent: none).
pub(crate) fn day_value(
    name: &str,
    value: Option<&str>,
) -> Result<Option<chrono::NaiveDate>, ApiError> {
    value
        .filter(|v| !v.trim().is_empty())
        .map(|v| {
            shenguan_domain::parse_date(v)
                .map_err(|e| ApiError::from(AppError::invalid_for(name, &e.text())))
        })
        .transpose()
}

/// What a number in a path names: a 督办 item, a time-limit application, a petition, a review
/// plan, a service task or an attempt of one, a recorded report.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Numbered {
    Item,
    Application,
    Petition,
    ReviewPlan,
    ServiceTask,
    ServiceAttempt,
    Report,
}

/// A record's number in a path: anything else is a record that does not exist, named as what
/// was asked for.
pub(crate) fn item_number(text: &str, what: Numbered) -> Result<i64, ApiError> {
    text.trim()
        .parse::<i64>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| {
            ApiError::not_found(&match what {
                Numbered::Item => text!("督办事项#{text}", "supervised case #{text}"),
                Numbered::Application => {
                    text!("审限变更申请#{text}", "time-limit application #{text}")
                }
                Numbered::Petition => text!("信访件#{text}", "petition #{text}"),
                Numbered::ReviewPlan => text!("评查计划#{text}", "review plan #{text}"),
                Numbered::ServiceTask => text!("送达任务#{text}", "service task #{text}"),
                Numbered::ServiceAttempt => text!("第{text}次送达", "attempt {text}"),
                Numbered::Report => text!("报告#{text}", "report #{text}"),
            })
        })
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
    get "/api/v1/enforcement/targets" => api::enforcement::targets,
    get "/api/v1/enforcement/signals" => api::enforcement::signals,
    get "/api/v1/quality/scorecard" => api::quality::scorecard_route,
    get "/api/v1/quality/reconciliation" => api::reconcile::reconciliation_route,
    get "/api/v1/reports" => api::reconcile::reports_route,
    get "/api/v1/reports/{id}/compare" => api::reconcile::compare_route,
    get "/api/v1/signals/integrity" => api::integrity::signals_route,
    get "/api/v1/forecast" => api::forecast::forecast_route,
    get "/api/v1/audit" => api::audit,
    get "/api/v1/supervision" => api::duban::list,
    get "/api/v1/supervision/figures" => api::duban::figures,
    get "/api/v1/limit-requests" => api::limits::list,
    get "/api/v1/petitions" => api::petitions::list,
    get "/api/v1/petitions/{id}" => api::petitions::one,
    post "/api/v1/petitions" => api::petitions::register,
    post "/api/v1/petitions/{id}/{step}" => api::petitions::step,
    get "/api/v1/review-plans" => api::review::list,
    get "/api/v1/review-plans/{id}" => api::review::one,
    post "/api/v1/review-plans" => api::review::create,
    post "/api/v1/review-plans/preview" => api::review::preview,
    get "/api/v1/review-plans/{id}/cases/{case_no}" => api::review_case::read,
    post "/api/v1/review-plans/{id}/cases/{case_no}/{action}" => api::review_case::act,
    get "/api/v1/reviews/tasks" => api::review::tasks,
    get "/api/v1/reviews/tally" => api::review::tally,
    post "/api/v1/review-flags" => api::review::flag,
    post "/api/v1/assignments" => api::allocation::allocate,
    post "/api/v1/cases/{case_no}/limit-requests" => api::limits::apply,
    post "/api/v1/limit-requests/{id}/{decision}" => api::limits::decide,
    get "/api/v1/supervision/{id}" => api::duban::item,
    post "/api/v1/supervision" => api::duban::open,
    post "/api/v1/supervision/{id}/{step}" => api::duban::step,
    get "/api/v1/service/tasks" => api::service::queue,
    post "/api/v1/service/tasks" => api::service::open,
    get "/api/v1/cases/{case_no}/service" => api::service::case_service,
    post "/api/v1/service/tasks/{id}/attempts" => api::service::attempt,
    post "/api/v1/service/tasks/{id}/attempts/{seq}/result" => api::service::settle,
    post "/api/v1/service/assignments" => api::service::assign,
    post "/api/v1/service/confirmations" => api::service::confirm,
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
        .route(
            "/cases/{case_no}/zhongben",
            post(pages::record_zhongben_finding),
        )
        .route(
            "/cases/{case_no}/limit-requests",
            post(pages::apply_limit_change),
        )
        .route("/cases/{case_no}/service", get(pages::case_service_page))
        .route(
            "/cases/{case_no}/service/tasks",
            post(pages::open_service_task),
        )
        .route(
            "/cases/{case_no}/service/tasks/{id}/attempts",
            post(pages::record_service_attempt),
        )
        .route(
            "/cases/{case_no}/service/tasks/{id}/attempts/{seq}/result",
            post(pages::settle_service_attempt),
        )
        .route(
            "/cases/{case_no}/service/confirmations",
            post(pages::record_service_confirmation),
        )
        .route("/service", get(pages::service_queue_page))
        .route("/service/assign", post(pages::assign_service_tasks))
        .route("/service/figures", get(pages::service_figures_page))
        .route("/limit-requests", get(pages::limit_requests_page))
        .route(
            "/limit-requests/{id}/{decision}",
            post(pages::decide_limit_request),
        )
        .route("/warnings", get(pages::warnings_page))
        .route("/long-pending", get(pages::long_pending_page))
        .route("/enforcement", get(pages::enforcement_page))
        .route("/import/confirm", post(pages::import_confirm))
        .route("/reports", get(pages::reports_page))
        .route("/quality", get(pages::quality_page))
        .route("/reports/bulletin", get(pages::bulletin))
        .route("/reports/summary", get(pages::summary))
        .route("/reports/{id}/compare", get(pages::report_comparison_page))
        .route("/signals/integrity", get(pages::integrity_page))
        .route("/forecast", get(pages::forecast_page))
        .route(
            "/supervision",
            get(pages::supervision_page).post(pages::open_supervision),
        )
        .route("/supervision/{id}", get(pages::supervised_case_page))
        .route("/supervision/{id}/{step}", post(pages::supervision_step))
        .route(
            "/petitions",
            get(pages::petitions_page).post(pages::register_petition),
        )
        .route("/petitions/new", get(pages::new_petition_page))
        .route("/petitions/figures", get(pages::petition_figures_page))
        .route("/petitions/{id}", get(pages::petition_page))
        .route("/petitions/{id}/{step}", post(pages::petition_step))
        .route("/petitioners/{key}", get(pages::petitioner_page))
        .route("/reviews", get(pages::reviews_page))
        .route("/reviews/flags", post(pages::flag_for_review))
        .route("/reviews/bulletin", get(pages::review_bulletin))
        .route(
            "/reviews/new",
            get(pages::new_review_plan_page).post(pages::make_review_plan),
        )
        .route("/reviews/plans/{id}", get(pages::review_plan_page))
        .route(
            "/reviews/plans/{id}/assign",
            post(pages::assign_review_case),
        )
        .route(
            "/reviews/plans/{id}/cases/{case_no}",
            get(pages::review_case_page),
        )
        .route(
            "/reviews/plans/{id}/cases/{case_no}/{action}",
            post(pages::review_action),
        )
        .route("/reviews/judges/{key}", get(pages::performance_page))
        .route(
            "/assignments",
            get(pages::assignments_page).post(pages::allocate),
        )
        .route("/assignments/change", post(pages::change_judge))
        .route(
            "/assignments/declare",
            post(pages::declare_exclusion_or_leave),
        )
        .route("/assignments/log", get(pages::allocation_log_page))
        .route("/assignments/workload", get(pages::workload_page))
        .route(
            "/assignments/sandbox",
            get(pages::sandbox_page).post(pages::try_rules),
        )
        .route("/admin/users", get(pages::users_page).post(pages::add_user))
        .route("/admin/users/{name}/{action}", post(pages::user_action))
        .route("/admin/audit", get(pages::audit_page))
        .merge(api_router())
        .merge(uploads)
        .merge(monitoring::routes(server.app.config().metrics))
        .layer(axum::middleware::from_fn(error::in_the_request_language))
        .layer(axum::middleware::map_response(protective_headers))
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&server),
            log::requests,
        ))
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
