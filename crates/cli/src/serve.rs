//! `shenguan serve`: the HTTP server over the store — the pages and the JSON API — and its log.

use std::net::SocketAddr;
use std::sync::Arc;

use shenguan_app::{App, AppError, text};

use crate::output::say;
use shenguan_web::{Server, serve};

/// 启动服务 — serve the pages and the JSON API on the intranet.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan serve                          # http://127.0.0.1:8080
  shenguan serve --bind 0.0.0.0:8080 --db postgres://…
  shenguan serve --snapshot cases.snapshot     # millions of cases: columns from a snapshot
  shenguan serve --log json               # one JSON object per log line, for a log collector

Every API route needs `Authorization: Bearer <token>` (shenguan user token NAME) and answers within
the user's court scope. The OpenAPI document is at /api/openapi.json. For monitoring: /healthz (alive),
/readyz (the store answers and the indicator columns are fresh; 503 otherwise) and, when
[server] metrics = true, /metrics in Prometheus's text format (docs/operations.md).")]
pub struct Args {
    /// 监听地址 — address and port.
    #[arg(long, default_value = "127.0.0.1:8080")]
    bind: String,
    /// 案件快照 — take the indicators' case columns from this snapshot (shenguan metrics snapshot)
    /// instead of reading every case from the store at start.
    #[arg(long, value_name = "FILE")]
    snapshot: Option<std::path::PathBuf>,
    /// 日志格式 — a line per request (id, method, route, user, status, milliseconds) on standard
    /// error, as text or as JSON; the level is SHENGUAN_LOG (error, warn, info, debug; info by
    /// default).
    #[arg(long, value_enum, default_value = "human")]
    log: LogFormat,
}

/// How the server writes its log.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum LogFormat {
    Human,
    Json,
}

/// Starts the server's log on standard error at the level `SHENGUAN_LOG` names.
fn start_log(format: LogFormat) -> Result<(), AppError> {
    let level = match std::env::var("SHENGUAN_LOG").ok().as_deref().map(str::trim) {
        None | Some("") | Some("info") => tracing::Level::INFO,
        Some("error") => tracing::Level::ERROR,
        Some("warn") => tracing::Level::WARN,
        Some("debug") => tracing::Level::DEBUG,
        Some("trace") => tracing::Level::TRACE,
        Some(other) => {
            return Err(AppError::Invalid(text!(
                "SHENGUAN_LOG “{other}” 须为 error、warn、info、debug 或 trace",
                "SHENGUAN_LOG “{other}” must be error, warn, info, debug or trace"
            )));
        }
    };
    let builder = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(level)
        .with_target(false);
    // A second start (a test, or demo then serve in one process) keeps the first log.
    let _ = match format {
        LogFormat::Human => builder.try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
    Ok(())
}

pub fn run(app: App, db: Option<&str>, args: Args) -> Result<(), AppError> {
    let bind: SocketAddr = args.bind.parse().map_err(|_| bad_bind(&args.bind))?;
    let store = app.open_store(db)?;
    let more = more_connections(&app, db)?;
    let mut server = match &args.snapshot {
        Some(path) => {
            let cases = app.read_snapshot(path, true)?;
            Server::with_cases(app, store, cases)
        }
        None => Server::new(app, store)?,
    };
    server.add_connections(more)?;
    let server = Arc::new(server);
    schedule_backups(&server, db)?;
    start(server, bind, args.log)
}

/// How long after start the server takes its first scheduled backup.
const FIRST_BACKUP_AFTER: std::time::Duration = std::time::Duration::from_secs(60);

/// Starts the server's scheduled backups when `[backup] every_hours` asks for them: one a minute
/// after start and then every so many hours, in the backup folder, the oldest beyond `[backup] keep` removed. Each is logged.
fn schedule_backups(server: &Server, db: Option<&str>) -> Result<(), AppError> {
    let hours = server.app().config().backup_every_hours;
    if hours == 0 {
        return Ok(());
    }
    let app = App::new(server.app().config().clone())?;
    let db = db.map(str::to_string);
    let every = std::time::Duration::from_secs(u64::from(hours) * 3600);
    std::thread::spawn(move || {
        // The first a minute after start, so that a server restarted more often than the
        // interval still backs up; then one every interval.
        std::thread::sleep(FIRST_BACKUP_AFTER);
        loop {
            match app.scheduled_backup(db.as_deref()) {
                Ok(path) => tracing::info!(file = %path.display(), "scheduled backup written"),
                Err(e) => {
                    tracing::error!(error = %e.describe(shenguan_app::Lang::En), "scheduled backup failed")
                }
            }
            std::thread::sleep(every);
        }
    });
    Ok(())
}

/// The refusal of a `--bind` that is not an address and port.
pub fn bad_bind(given: &str) -> AppError {
    AppError::Invalid(text!(
        "--bind “{given}” 须形如 127.0.0.1:8080",
        "--bind “{given}” must be an address and port such as 127.0.0.1:8080"
    ))
}

/// Connections to the store beyond the first, so that requests reading it do not queue behind
/// one another (the machine's cores, at least two).
pub fn more_connections(app: &App, db: Option<&str>) -> Result<Vec<shenguan_app::Store>, AppError> {
    let cores = std::thread::available_parallelism().map_or(2, usize::from);
    (1..cores.max(2) * 2).map(|_| app.open_store(db)).collect()
}

/// Runs the server until the process ends, saying where.
pub fn start(server: Arc<Server>, bind: SocketAddr, log: LogFormat) -> Result<(), AppError> {
    start_log(log)?;
    let runtime = tokio::runtime::Runtime::new().map_err(|e| AppError::io("runtime", e))?;
    println!(
        "{}",
        say(&text!(
            "服务已启动：http://{bind}/（API：/api/v1/，OpenAPI：/api/openapi.json）",
            "serving on http://{bind}/ (API: /api/v1/, OpenAPI: /api/openapi.json)"
        ))
    );
    runtime
        .block_on(serve(server, bind))
        .map_err(|e| AppError::io(bind.to_string(), e))
}
