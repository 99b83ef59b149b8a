//! The case columns the indicators are computed from, and the figures computed from them: loaded
//! at start (from the file kept beside the store, or from a snapshot), replaced after the
//! server's own import and when a request finds that the store's data version moved (another
//! program's import), the figures forgotten with the columns they came from. At most
//! [`ENGINE_RUNS`] computations run together. The readiness check asks here whether the columns
//! are fresh ([`Server::columns_check`]).

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

use shenguan_app::imports::{ImportOutcome, ImportRequest};
use shenguan_app::metrics::{Cases, MetricsRequest};
use shenguan_app::{AppError, Text, text};

use crate::{ApiError, Server, auth, cache, server_lang};

/// Engine computations allowed at the same time: each pass over millions of cases already uses
/// every core, so more at once only makes every answer late.
const ENGINE_RUNS: usize = 2;

/// How long the columns may lag behind the store, from the moment the server first sees that
/// they do, while they are rebuilt, before the server stops calling itself ready. Rebuilding ten
/// million cases from the store's rows takes about forty seconds (BENCHMARKS.md), reading the
/// columns file another program's import kept takes about a second: five minutes is ample for
/// a rebuild, and short of leaving a server for long on figures the store no longer holds.
pub const COLUMNS_GRACE: Duration = Duration::from_secs(300);

/// The columns in memory and what was computed from them.
#[derive(Debug)]
pub(crate) struct Columns {
    cases: RwLock<Arc<Cases>>,
    figures: cache::FiguresCache,
    engine_runs: tokio::sync::Semaphore,
    /// Whether the columns came from a snapshot (an import does not change them then).
    from_snapshot: bool,
    /// The store's data version the columns were made at.
    version: AtomicU64,
    /// Held while the columns are replaced, so that one request reloads and the others wait.
    reloading: Mutex<()>,
    /// Since when the server has seen the store's data version ahead of the columns' (`None`:
    /// not seen, or caught up since).
    behind_since: Mutex<Option<Instant>>,
    /// How long the columns may lag behind the store while rebuilt and still be fresh, in
    /// milliseconds ([`COLUMNS_GRACE`] unless set).
    grace_ms: AtomicU64,
    /// Rebuilds of the columns under way (a request's reload, an import's refresh).
    rebuilds: AtomicUsize,
    /// Whether the readiness check has started a rebuild that has not ended yet.
    kicked: AtomicBool,
    /// Reloads because the store's data version moved other than by the server's own import
    /// (another program's import, a record the indicators count written here).
    reloads: AtomicU64,
}

/// A rebuild of the columns under way, counted while it lasts.
struct Rebuilding<'a>(&'a AtomicUsize);

impl<'a> Rebuilding<'a> {
    fn start(count: &'a AtomicUsize) -> Rebuilding<'a> {
        count.fetch_add(1, Ordering::AcqRel);
        Rebuilding(count)
    }
}

impl Drop for Rebuilding<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Whether the columns are fresh, as the readiness check reports it.
#[derive(Debug)]
pub(crate) struct ColumnsCheck {
    pub ok: bool,
    /// `current`, `snapshot`, `rebuilding`, `behind` or `unknown`.
    pub state: &'static str,
    pub reason: Option<Text>,
}

/// What the metrics say of the columns and the figures computed from them.
#[derive(Debug)]
pub(crate) struct ColumnsStats {
    pub cases: usize,
    pub version: u64,
    pub from_snapshot: bool,
    pub reloads: u64,
    pub figures: usize,
    pub figure_bytes: usize,
}

impl Columns {
    /// Columns made from the store at data version `version`: they follow the store.
    pub(crate) fn of_store(cases: Cases, version: u64) -> Columns {
        Columns {
            from_snapshot: false,
            version: AtomicU64::new(version),
            ..Columns::of_snapshot(cases)
        }
    }

    /// Columns read from a snapshot file: they stay as they are, whatever the store does.
    pub(crate) fn of_snapshot(cases: Cases) -> Columns {
        Columns {
            cases: RwLock::new(Arc::new(cases)),
            figures: cache::FiguresCache::default(),
            engine_runs: tokio::sync::Semaphore::new(ENGINE_RUNS),
            from_snapshot: true,
            version: AtomicU64::new(0),
            reloading: Mutex::new(()),
            behind_since: Mutex::new(None),
            grace_ms: AtomicU64::new(u64::try_from(COLUMNS_GRACE.as_millis()).unwrap_or(0)),
            rebuilds: AtomicUsize::new(0),
            kicked: AtomicBool::new(false),
            reloads: AtomicU64::new(0),
        }
    }

    /// Notes that the store's data version was seen ahead of the columns' (the first sighting
    /// starts the grace); returns since when they lag.
    fn behind(&self) -> Instant {
        *self
            .behind_since
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get_or_insert_with(Instant::now)
    }

    fn grace(&self) -> Duration {
        Duration::from_millis(self.grace_ms.load(Ordering::Relaxed))
    }

    /// Puts columns made at `version` in place and forgets the figures of the old ones.
    fn replace(&self, cases: Cases, version: u64) {
        let _one = self
            .reloading
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        self.put(cases, version);
    }

    /// [`Columns::replace`], for a caller that holds `reloading`.
    fn put(&self, cases: Cases, version: u64) {
        match self.cases.write() {
            Ok(mut current) => *current = Arc::new(cases),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(cases),
        }
        self.figures.clear();
        self.version.store(version, Ordering::Release);
        *self
            .behind_since
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = None;
    }

    fn current(&self) -> Arc<Cases> {
        match self.cases.read() {
            Ok(cases) => Arc::clone(&cases),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }
}

impl Server {
    /// The case columns, fresh: when the store's data version moved since they were loaded (an
    /// import by another process), they are reloaded first — from the file that import kept
    /// beside the store, or rebuilt. Columns read from a snapshot file stay as they are.
    pub(crate) fn cases(&self) -> Result<Arc<Cases>, AppError> {
        self.ensure_fresh()?;
        Ok(self.columns.current())
    }

    /// The case columns, fresh, with the store's data version they were loaded at (read first:
    /// columns reloaded in between are newer, never older, than the version said) — what a
    /// report made from them is recorded with.
    pub(crate) fn cases_with_version(&self) -> Result<(Arc<Cases>, u64), AppError> {
        self.ensure_fresh()?;
        let version = self.columns.version.load(Ordering::Acquire);
        Ok((self.columns.current(), version))
    }

    /// Whether the columns are the store's (not a snapshot file's): what a report made from them
    /// can be reconciled with and recorded in.
    pub(crate) fn cases_are_the_stores(&self) -> bool {
        !self.columns.from_snapshot
    }

    /// Reloads the columns (and forgets the figures computed from them) when the store's data
    /// version moved since they were loaded.
    fn ensure_fresh(&self) -> Result<(), AppError> {
        let columns = &self.columns;
        if columns.from_snapshot {
            return Ok(());
        }
        let now = self.with_store(|_, store| store.data_version())?;
        if now != columns.version.load(Ordering::Acquire) {
            columns.behind();
            let _rebuilding = Rebuilding::start(&columns.rebuilds);
            let _one = columns
                .reloading
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if now != columns.version.load(Ordering::Acquire) {
                let cases = self.with_store(|app, store| app.columns(store, &mut note))?;
                columns.put(cases, now);
                columns.reloads.fetch_add(1, Ordering::Relaxed);
            }
        }
        Ok(())
    }

    /// Sets how long the columns may lag behind the store while they are rebuilt and still
    /// count as fresh for the readiness check ([`COLUMNS_GRACE`] unless set).
    pub fn set_columns_grace(&self, grace: Duration) {
        let ms = u64::try_from(grace.as_millis()).unwrap_or(u64::MAX);
        self.columns.grace_ms.store(ms, Ordering::Relaxed);
    }

    /// Whether the columns are fresh, given the store's data version as the readiness check just
    /// read it (`None`: the store did not answer). The rule: fresh when they were made at that
    /// version (or come from a snapshot file, which by choice never follows the store), and
    /// still fresh while they lag behind it for less than the grace ([`COLUMNS_GRACE`]) counted
    /// from when the server first saw them lag — they are being rebuilt then: by the request
    /// that found the store changed, by the server's own import, or else by this check, which
    /// starts the rebuild itself rather than leave it to the next user. Lagging longer (a
    /// rebuild that fails or takes too long) is not fresh.
    pub(crate) fn columns_check(self: &Arc<Self>, store_version: Option<u64>) -> ColumnsCheck {
        let columns = &self.columns;
        if columns.from_snapshot {
            return ColumnsCheck {
                ok: true,
                state: "snapshot",
                reason: None,
            };
        }
        let Some(now) = store_version else {
            return ColumnsCheck {
                ok: false,
                state: "unknown",
                reason: Some(text!(
                    "未检查：数据库未应答",
                    "not checked: the store did not answer"
                )),
            };
        };
        let held = columns.version.load(Ordering::Acquire);
        if now == held {
            return ColumnsCheck {
                ok: true,
                state: "current",
                reason: None,
            };
        }
        let lagging = columns.behind().elapsed();
        let grace = columns.grace();
        if columns.rebuilds.load(Ordering::Acquire) == 0
            && columns
                .kicked
                .compare_exchange(false, true, Ordering::AcqRel, Ordering::Acquire)
                .is_ok()
        {
            let server = Arc::clone(self);
            tokio::task::spawn_blocking(move || {
                if let Err(e) = server.ensure_fresh() {
                    tracing::warn!("{}", e.message(server_lang()));
                }
                server.columns.kicked.store(false, Ordering::Release);
            });
        }
        let seconds = lagging.as_secs();
        if lagging < grace {
            ColumnsCheck {
                ok: true,
                state: "rebuilding",
                reason: Some(text!(
                    "数据版本{now}的列正在重建（落后{seconds}秒）",
                    "the columns of data version {now} are being rebuilt ({seconds} s behind)"
                )),
            }
        } else {
            let limit = grace.as_secs();
            ColumnsCheck {
                ok: false,
                state: "behind",
                reason: Some(text!(
                    "指标列仍为数据版本{held}，数据库已为{now}，落后{seconds}秒（上限{limit}秒）",
                    "the indicator columns are of data version {held}, the store's is {now}: {seconds} s behind (at most {limit} s)"
                )),
            }
        }
    }

    /// The columns and the figures kept, for the metrics (nothing is read from the store).
    pub(crate) fn columns_stats(&self) -> ColumnsStats {
        let columns = &self.columns;
        let (figures, figure_bytes) = columns.figures.usage();
        ColumnsStats {
            cases: columns.current().len(),
            version: columns.version.load(Ordering::Acquire),
            from_snapshot: columns.from_snapshot,
            reloads: columns.reloads.load(Ordering::Relaxed),
            figures,
            figure_bytes,
        }
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

    /// The figures for `request` (already narrowed to the user's scope): from memory when asked
    /// before, else computed once however many ask at the same time, at most [`ENGINE_RUNS`]
    /// computations together.
    pub(crate) async fn figures(
        self: &Arc<Self>,
        request: MetricsRequest,
    ) -> Result<Arc<cache::Figures>, ApiError> {
        // Figures remembered from columns that are no longer the store's are forgotten first.
        let checking = Arc::clone(self);
        auth::blocking(move || checking.ensure_fresh()).await??;
        let slot = self.columns.figures.slot(&request);
        let figures = slot
            .get_or_try_init(|| {
                let server = Arc::clone(self);
                async move {
                    let _permit = server
                        .columns
                        .engine_runs
                        .acquire()
                        .await
                        .map_err(|_| ApiError::stopping())?;
                    let computing = Arc::clone(&server);
                    let asked = request.clone();
                    let report =
                        auth::blocking(move || computing.app.metrics(&*computing.cases()?, &asked))
                            .await??;
                    server
                        .columns
                        .figures
                        .charge(&request, report.approx_bytes());
                    Ok::<_, ApiError>(Arc::new(cache::Figures {
                        report,
                        json: std::sync::OnceLock::new(),
                    }))
                }
            })
            .await?;
        Ok(Arc::clone(figures))
    }

    /// Counts `bytes` more against the figure cache's cap for what was kept beside the figures
    /// of `request` (the API's JSON body of them).
    pub(crate) fn charge_figures(&self, request: &MetricsRequest, bytes: usize) {
        self.columns.figures.charge(request, bytes);
    }

    /// Imports into the store and, when the indicators' columns come from the store, reloads
    /// them; returns the outcome and whether the columns were reloaded.
    pub(crate) fn import(
        &self,
        request: &ImportRequest,
    ) -> Result<(ImportOutcome, bool), ApiError> {
        let follows_store = !self.columns.from_snapshot;
        // The readiness check counts the columns refreshed here as being rebuilt.
        let _rebuilding = follows_store.then(|| Rebuilding::start(&self.columns.rebuilds));
        let written = self.with_writer(|app, store| {
            let outcome = app.import(store, request, &mut |_| {})?;
            let cases = match &outcome.written {
                // The columns at the new version, kept beside the store for every reader.
                Some(_) if follows_store => {
                    let version = store.data_version()?;
                    Some((app.columns(store, &mut note)?, version))
                }
                _ => None,
            };
            Ok::<_, AppError>((outcome, cases))
        });
        self.monitoring
            .imported(written.as_ref().map(|(outcome, _)| outcome));
        let (outcome, cases) = written?;
        let refreshed = cases.is_some();
        if let Some((cases, version)) = cases {
            self.columns.replace(cases, version);
        }
        Ok((outcome, refreshed))
    }
}

/// A note of the server's own (the columns rebuilt, or a file it could not keep), in the log.
pub(crate) fn note(text: &Text) {
    tracing::warn!("{}", text.get(server_lang()));
}
