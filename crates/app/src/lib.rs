//! The facade the CLI and the web call: configuration, the clock, and one module per use case.
//!
//! `App` holds what every use case needs (the clock, the holiday calendar, the time-limit table,
//! the court registry), built once from a [`Config`]. This is the layer that reads files named by
//! the configuration; the domain below it never does.

mod clock;
mod config;
mod error;
mod identity;
mod record_files;
mod store;

pub mod accounts;
pub mod allocation;
pub mod audit_log;
pub mod backups;
pub mod case_file;
pub mod case_list;
pub mod case_numbers;
pub mod changes;
pub mod deadlines;
pub mod duban;
pub mod exports;
pub mod forecast;
pub mod generate;
pub mod history;
pub mod imports;
pub mod integrity;
pub mod limit_requests;
pub mod metrics;
pub mod petitions;
pub mod quality;
pub mod reconcile;
pub mod report;
pub mod review;
pub mod service;
pub mod signals;
pub mod supervision;
pub mod workflows;
pub mod zhongben;

use std::fs;
use std::path::{Path, PathBuf};

use shenguan_domain::calendar::CalendarError;
use shenguan_domain::{CourtListError, CourtRegistry, HolidayCalendar, TimeLimits};

pub use clock::{Clock, FixedClock, SystemClock};
pub use config::{Config, TimeLimitOverride};
pub use error::{AppError, ErrorKind};
pub use shenguan_domain::{Lang, Text, text};
pub use store::Store;
// The shapes of a question and of a write's outcome, as plain data; the store itself is reached
// only through the services above.
pub use shenguan_store::{CaseQuery, WriteStats};

/// The application: configuration plus the reference data it loaded.
#[derive(Debug)]
pub struct App {
    config: Config,
    clock: Box<dyn Clock>,
    calendar: HolidayCalendar,
    limits: TimeLimits,
    /// The configuration's court list (`courts.file`).
    courts: CourtRegistry,
    /// The court list of the store last opened (the simulator and court lists write it), read on
    /// every open: names for the courts the configuration does not list.
    stored_courts: std::sync::RwLock<CourtRegistry>,
}

impl App {
    /// Builds the application, loading the files the configuration names. Any bad row in them is
    /// reported with file, row, column, value and reason, and nothing is half-loaded.
    pub fn new(config: Config) -> Result<App, AppError> {
        let clock: Box<dyn Clock> = match config.today {
            Some(date) => Box::new(FixedClock(date)),
            None => Box::new(SystemClock),
        };
        App::with_clock(config, clock)
    }

    /// Builds the application with an injected clock (tests, replays).
    pub fn with_clock(config: Config, clock: Box<dyn Clock>) -> Result<App, AppError> {
        let mut calendar = HolidayCalendar::builtin();
        if let Some(path) = &config.holidays_file {
            let extra = HolidayCalendar::from_csv(&read_text(path)?)
                .map_err(|errors| AppError::file_rows(path, errors, CalendarError::text))?;
            calendar.merge(extra);
        }
        let courts = match &config.courts_file {
            Some(path) => CourtRegistry::from_csv(&read_text(path)?)
                .map_err(|errors| AppError::file_rows(path, errors, CourtListError::text))?,
            None => CourtRegistry::default(),
        };
        let mut limits = TimeLimits::standard();
        for o in &config.time_limits {
            limits
                .set(&o.type_code, o.procedure, o.limit)
                .map_err(|e| {
                    let (key, why) = (&o.key, e.text());
                    let (zh, en) = (why.zh(), why.en());
                    AppError::Invalid(text!(
                        "配置 time_limits.{key}: {zh}",
                        "configuration time_limits.{key}: {en}"
                    ))
                })?;
        }
        for (code, _) in &config.ranges {
            if shenguan_metrics::indicator(code).is_none() {
                return Err(AppError::Invalid(text!(
                    "配置 metrics.ranges.{code}: 没有这个指标",
                    "configuration metrics.ranges.{code}: no indicator has this code"
                )));
            }
        }
        Ok(App {
            config,
            clock,
            calendar,
            limits,
            courts,
            stored_courts: std::sync::RwLock::new(CourtRegistry::default()),
        })
    }

    pub fn config(&self) -> &Config {
        &self.config
    }

    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }

    /// Now, for the audit log (China Standard Time).
    pub fn now_text(&self) -> String {
        self.clock.now_text()
    }

    pub fn calendar(&self) -> &HolidayCalendar {
        &self.calendar
    }

    pub fn time_limits(&self) -> &TimeLimits {
        &self.limits
    }

    /// The courts known by name: the configuration's list, and the store's for the courts it
    /// does not name.
    pub fn courts(&self) -> CourtRegistry {
        let stored = self
            .stored_courts
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        self.courts.merged_with(&stored)
    }

    /// The SQLite file the configured store (or the one `url` names) would be, when there is no
    /// such file yet; `None` for a file that exists and for a PostgreSQL store. Opening a store
    /// makes a missing file, so a caller that only reads asks first: a mistyped path or the wrong
    /// folder is then said as such, not shown as an empty court.
    pub fn missing_store_file(&self, url: Option<&str>) -> Result<Option<PathBuf>, AppError> {
        let url = url.unwrap_or(&self.config.db_url);
        match shenguan_store::StoreUrl::parse(url).map_err(|e| AppError::Invalid(e.text()))? {
            shenguan_store::StoreUrl::Sqlite(path) if !path.exists() => Ok(Some(path)),
            _ => Ok(None),
        }
    }

    /// Opens the configured store (or the one `url` names), applying its migrations.
    pub fn open_store(&self, url: Option<&str>) -> Result<Store, AppError> {
        let url = url.unwrap_or(&self.config.db_url);
        let parsed =
            shenguan_store::StoreUrl::parse(url).map_err(|e| AppError::Invalid(e.text()))?;
        let store = shenguan_store::Store::open(&parsed).map_err(|e| cannot_open(&parsed, &e))?;
        let mut store = Store::new(store);
        self.remember_courts(&mut store)?;
        Ok(store)
    }

    /// Where the store `url` (or the configured one) stands against this program's schema:
    /// the migrations opening it would apply. Changes nothing.
    pub fn schema_state(
        &self,
        url: Option<&str>,
    ) -> Result<shenguan_store::migrations::SchemaState, AppError> {
        let url = url.unwrap_or(&self.config.db_url);
        let parsed =
            shenguan_store::StoreUrl::parse(url).map_err(|e| AppError::Invalid(e.text()))?;
        shenguan_store::Store::schema_state(&parsed).map_err(|e| cannot_open(&parsed, &e))
    }

    /// Reads the store's court list for [`App::courts`] (after opening it, and after a command
    /// writes one).
    pub fn remember_courts(&self, store: &mut Store) -> Result<(), AppError> {
        let courts = store.inner.courts().map_err(AppError::from)?;
        self.remember_court_list(courts);
        Ok(())
    }

    /// Takes `courts` as the data's court list for [`App::courts`].
    pub fn remember_court_list(&self, courts: Vec<shenguan_domain::Court>) {
        *self
            .stored_courts
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) =
            CourtRegistry::from_courts(courts);
    }
}

/// Reads a UTF-8 text file named by the configuration or a flag.
pub fn read_text(path: &Path) -> Result<String, AppError> {
    let bytes = fs::read(path).map_err(|e| AppError::io(path.display().to_string(), e))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        AppError::Io {
            path: path.display().to_string(),
            message: text!(
                "不是 UTF-8 文本（第{at}字节）",
                "it is not UTF-8 text (at byte {at})"
            ),
        }
    })
}

/// The refusal of a store that cannot be opened, naming it (never with a password).
pub(crate) fn cannot_open(
    url: &shenguan_store::StoreUrl,
    e: &shenguan_store::StoreError,
) -> AppError {
    let why = e.text();
    let (zh, en) = (why.zh(), why.en());
    let message = text!(
        "无法打开数据库 {url:?}：{zh}",
        "cannot open the store {url:?}: {en}"
    );
    // A server that is down may be up soon; a path that cannot be a store is to fix.
    if e.is_unavailable() {
        AppError::Unavailable(message)
    } else {
        AppError::Invalid(message)
    }
}
