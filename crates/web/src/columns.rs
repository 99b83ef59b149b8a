//! The case columns the indicators are computed from, and the figures computed from them: loaded
//! at start (from the file kept beside the store, or from a snapshot), replaced after the
//! server's own import and when a request finds that the store's data version moved (another
//! program's import), the figures forgotten with the columns they came from. At most
//! [`ENGINE_RUNS`] computations run together.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

use shenguan_app::imports::{ImportOutcome, ImportRequest};
use shenguan_app::metrics::{Cases, MetricsRequest};
use shenguan_app::{AppError, Text};

use crate::{ApiError, Server, auth, cache, server_lang};

/// Engine computations allowed at the same time: each pass over millions of cases already uses
/// every core, so more at once only makes every answer late.
const ENGINE_RUNS: usize = 2;

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
        }
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
            let _one = columns
                .reloading
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if now != columns.version.load(Ordering::Acquire) {
                let cases = self.with_store(|app, store| app.columns(store, &mut note))?;
                columns.put(cases, now);
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
        let (outcome, cases) = self.with_writer(|app, store| {
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
        })?;
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
