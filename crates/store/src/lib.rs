//! The case store: one SQLite file by default, PostgreSQL for a shared deployment, chosen by URL.
//!
//! Both backends hold the same schema (`migrations/<backend>/`, embedded in the binary and applied
//! on open) and behave the same: every query is written once (`sql.rs` runs it on either), and one
//! conformance test suite runs against both. An import is written in one transaction, so a store
//! is never left half-written, even if the process dies. The store knows nothing of files,
//! indicators or HTTP.

mod accounts;
mod allocation;
mod assistance;
mod backup;
mod cases;
mod courts;
mod history;
mod limit_requests;
pub mod migrations;
mod parties;
mod petitions;
mod pg;
mod records;
mod review;
mod service;
mod sql;
mod sqlite;
mod staff;
mod supervision;
mod zhongben;

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;
use shenguan_domain::petition::Petition;
use shenguan_domain::{
    CaseParties, CaseRecord, Court, CourtScope, Division, EventRecord, IdentityKey, Party, Payment,
    Staff,
};
use shenguan_domain::{CourtCode, Text, text};

use crate::sql::Db;

pub use accounts::{AuditEntry, TokenRow, UserRow};
pub use allocation::{AllocationRow, ExclusionRow, LeaveRow};
pub use assistance::AssistanceStats;
pub use backup::{Dumped, Feed, TableSum, is_plain_name};
pub use history::{
    ADDED, ImportLog, ImportRow, ReportRow, ReportWrite, RevisionRow, StockFlowRow, StoredRevision,
};
pub use limit_requests::{CaseLimitChange, LimitRequestQuery, LimitRequestRow};
pub use petitions::{PetitionQuery, PetitionStats, PetitionStepRow, StoredPetition};
pub use records::{
    AnswersUpdate, ItemUpdate, RecordStats, RecordsWrite, ReviewPlanWrite, StoredRecords,
};
pub use review::{
    ReviewAnswerRow, ReviewCaseRow, ReviewFindingRow, ReviewFlagRow, ReviewOutcomeRow,
    ReviewPlanRow, ReviewRecusalRow, ReviewResultRow, ReviewTaskRow,
};
pub use service::{
    ConfirmationRow, NoticeChange, ServiceAttemptRow, ServiceImportCounts, ServiceQuery,
    ServiceTaskRow,
};
pub use supervision::{SupervisionQuery, SupervisionRow, SupervisionStep};
pub use zhongben::ZhongbenFinding;

/// A transaction (or savepoint) opened by [`Store::begin_unit`], to be ended by
/// [`Store::end_unit`].
#[must_use = "a unit of work must be ended with Store::end_unit"]
#[derive(Debug)]
pub struct Unit(sql::Unit);

/// Where the store lives.
#[derive(Clone, PartialEq, Eq)]
pub enum StoreUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl StoreUrl {
    /// `postgres://…` / `postgresql://…` → PostgreSQL; `sqlite://PATH`, `sqlite:PATH` or a plain
    /// path → a SQLite file.
    pub fn parse(text: &str) -> Result<StoreUrl, StoreError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(StoreError::Url(text!(
                "数据库地址为空",
                "the database address is empty"
            )));
        }
        if text.starts_with("postgres://") || text.starts_with("postgresql://") {
            return Ok(StoreUrl::Postgres(text.to_string()));
        }
        let path = text
            .strip_prefix("sqlite://")
            .or_else(|| text.strip_prefix("sqlite:"))
            .unwrap_or(text);
        if path.contains("://") {
            return Err(StoreError::Url(text!(
                "不支持的数据库地址“{text}”（可用 SQLite 文件路径、sqlite://… 或 postgres://…）",
                "unsupported database address “{text}”: give a SQLite file's path, sqlite://… or postgres://…"
            )));
        }
        Ok(StoreUrl::Sqlite(PathBuf::from(path)))
    }
}

impl fmt::Debug for StoreUrl {
    /// Never prints a password.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreUrl::Sqlite(path) => write!(f, "sqlite:{}", path.display()),
            StoreUrl::Postgres(url) => write!(f, "{}", redact(url)),
        }
    }
}

/// A PostgreSQL URL with its password replaced by `***`.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let shown = match rest.split_once('@') {
        Some((user_info, host)) => {
            let user = user_info.split(':').next().unwrap_or("");
            format!("{scheme}://{user}:***@{host}")
        }
        None => url.to_string(),
    };
    // A password may also come as a parameter (`?password=…`).
    match shown.split_once('?') {
        Some((base, query)) => {
            let params: Vec<String> = query
                .split('&')
                .map(|p| match p.split_once('=') {
                    Some((key, _)) if key.eq_ignore_ascii_case("password") => {
                        format!("{key}=***")
                    }
                    _ => p.to_string(),
                })
                .collect();
            format!("{base}?{}", params.join("&"))
        }
        None => shown,
    }
}

#[derive(Debug)]
pub enum StoreError {
    /// The store's address is wrong (or its file cannot be made private); the text says how.
    Url(Text),
    Sqlite(rusqlite::Error),
    Postgres(postgres::Error),
    /// A stored row that does not read back as a record (edited by hand, or a bug). The detail
    /// is for the operator's log, in English as the database's own messages are.
    Corrupt(String),
    /// A record the caller read changed before the caller's write (someone acted meanwhile);
    /// nothing was written, and the text says what to do.
    Changed(Text),
}

impl StoreError {
    /// What went wrong, in both languages (the database's own message as it wrote it).
    pub fn text(&self) -> Text {
        match self {
            StoreError::Url(message) | StoreError::Changed(message) => message.clone(),
            StoreError::Sqlite(e) => text!("SQLite 错误：{e}", "SQLite error: {e}"),
            StoreError::Postgres(e) => {
                // The client's own message is only "db error": the server's says what.
                let said = e
                    .as_db_error()
                    .map_or_else(|| e.to_string(), |db| db.message().to_string());
                text!("PostgreSQL 错误：{said}", "PostgreSQL error: {said}")
            }
            StoreError::Corrupt(detail) => text!(
                "数据库中的记录无法读取：{detail}",
                "a stored row cannot be read: {detail}"
            ),
        }
    }
}

/// In Chinese, the default language; [`StoreError::text`] has both.
impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().zh())
    }
}

impl std::error::Error for StoreError {}

impl StoreError {
    /// Whether the store could not answer now but may soon: SQLite busy or locked by another
    /// writer past the wait, a PostgreSQL server that is down, refusing connections, shutting
    /// down, or out of connections, or a lock not granted in time. Asking again later is the
    /// remedy, not changing the request.
    pub fn is_unavailable(&self) -> bool {
        match self {
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) => matches!(
                e.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            ),
            StoreError::Postgres(e) => {
                e.is_closed()
                    || no_server_answer(e)
                    || e.code().is_some_and(|code| {
                        // Class 08 connection exception, 53 insufficient resources, 57P
                        // operator intervention (shutdown), 55P03 lock not available.
                        let code = code.code();
                        code.starts_with("08")
                            || code.starts_with("53")
                            || code.starts_with("57P")
                            || code == "55P03"
                    })
            }
            _ => false,
        }
    }
}

/// Whether a PostgreSQL error came from the connection itself: no answer from a server at all.
fn no_server_answer(e: &postgres::Error) -> bool {
    use std::error::Error as _;
    e.as_db_error().is_none()
        && e.source()
            .is_some_and(|source| source.downcast_ref::<std::io::Error>().is_some())
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        StoreError::Postgres(e)
    }
}

/// What an import changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WriteStats {
    pub added: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub events_added: u64,
    /// People of the staff list added or replaced.
    pub staff_written: u64,
    /// Party rows written (each case's parties replace those stored).
    pub parties_written: u64,
    /// Payments added (one already stored is not added again).
    pub payments_added: u64,
    /// Supervision records written (督办, time-limit applications, 终本 reviews).
    pub records: RecordStats,
}

/// Cases with their events, parties and payments, to write together; borrowed when the caller
/// holds them already.
#[derive(Clone, Debug, Default)]
pub struct Batch<'a> {
    pub cases: Cow<'a, [CaseRecord]>,
    pub events: Cow<'a, [EventRecord]>,
    /// Each case's parties, replacing those stored for it.
    pub parties: Cow<'a, [CaseParties]>,
    pub payments: Cow<'a, [Payment]>,
}

impl Batch<'static> {
    /// Cases with their events and parties, owned (no payments).
    pub fn owned(
        cases: Vec<CaseRecord>,
        events: Vec<EventRecord>,
        parties: Vec<CaseParties>,
    ) -> Batch<'static> {
        Batch {
            cases: Cow::Owned(cases),
            events: Cow::Owned(events),
            parties: Cow::Owned(parties),
            payments: Cow::Owned(Vec::new()),
        }
    }
}

impl<'a> Batch<'a> {
    /// Cases and events only.
    pub fn of(cases: &'a [CaseRecord], events: &'a [EventRecord]) -> Batch<'a> {
        Batch {
            cases: Cow::Borrowed(cases),
            events: Cow::Borrowed(events),
            ..Batch::default()
        }
    }
}

/// Which cases to read: those of a court (alone, or with the courts below it), active in a period
/// (filed on or before `to`, and not closed before `from`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseQuery {
    pub court: Option<CourtScope>,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// One page of a case list: whose cases (a division's, a judge's; `None` for all) and which
/// slice of them in case-number order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CasePage {
    pub division: Option<String>,
    pub judge: Option<String>,
    pub offset: u64,
    pub limit: u64,
}

/// How often the write reports progress, in rows.
pub const PROGRESS_EVERY: u64 = 10_000;

/// An open store.
pub struct Store {
    db: Db,
    url: StoreUrl,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Store({})", self.backend_name())
    }
}

impl Store {
    /// Opens (creating a SQLite file if needed) and brings the schema up to date.
    pub fn open(url: &StoreUrl) -> Result<Store, StoreError> {
        let mut db = match url {
            StoreUrl::Sqlite(path) => sqlite::open(path)?,
            StoreUrl::Postgres(url) => pg::open(url)?,
        };
        migrations::migrate(&mut db)?;
        Ok(Store {
            db,
            url: url.clone(),
        })
    }

    /// Where the store at `url` stands against this program's schema — what opening it would
    /// apply — without changing it (a SQLite file that does not exist is not made: it reads as
    /// an empty store).
    pub fn schema_state(url: &StoreUrl) -> Result<migrations::SchemaState, StoreError> {
        let mut db = match url {
            StoreUrl::Sqlite(path) if !path.exists() => {
                return Ok(migrations::SchemaState {
                    applied: 0,
                    latest: migrations::latest(),
                    pending: migrations::scripts(false)
                        .iter()
                        .map(|(v, name, _)| (*v, *name))
                        .collect(),
                });
            }
            StoreUrl::Sqlite(path) => sqlite::open(path)?,
            StoreUrl::Postgres(url) => pg::open(url)?,
        };
        migrations::state(&mut db)
    }

    /// Opens the store at `url` as it is, without bringing its schema up to date: for a backup
    /// taken before an upgrade. A SQLite file that does not exist is refused, not made.
    pub fn open_as_is(url: &StoreUrl) -> Result<Store, StoreError> {
        let db = match url {
            StoreUrl::Sqlite(path) if !path.exists() => {
                let shown = path.display();
                return Err(StoreError::Url(text!(
                    "数据库 {shown} 不存在",
                    "the store {shown} does not exist"
                )));
            }
            StoreUrl::Sqlite(path) => sqlite::open(path)?,
            StoreUrl::Postgres(url) => pg::open(url)?,
        };
        Ok(Store {
            db,
            url: url.clone(),
        })
    }

    /// A copy of every table as of one moment (a read snapshot: writers go on meanwhile), each
    /// table's rows handed to `out` as JSON lines; the schema version and each table's sum.
    pub fn backup(
        &mut self,
        out: &mut dyn FnMut(Dumped<'_>) -> Result<(), StoreError>,
    ) -> Result<(i64, Vec<TableSum>), StoreError> {
        // Each table is read once through: a small page cache, not the import's large one.
        backup::in_snapshot(&mut self.db, |db| {
            db.scanning(|db| {
                let version = migrations::applied(db)?;
                let sums = backup::dump(db, version, out)?;
                Ok((version, sums))
            })
        })
    }

    /// Restores a copy into the empty store at `url` (a SQLite file is made): the schema at
    /// `schema_version`, each table of `sums` fed line by line by `feed`, every table read back
    /// and held to `sums` — in one transaction, kept only when all of it agrees.
    pub fn restore(
        url: &StoreUrl,
        schema_version: i64,
        sums: &[TableSum],
        feed: &mut backup::Feed<'_>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<(), StoreError> {
        let mut db = match url {
            StoreUrl::Sqlite(path) => sqlite::open(path)?,
            StoreUrl::Postgres(url) => pg::open(url)?,
        };
        backup::restore(&mut db, schema_version, sums, feed, progress)
    }

    /// Every table's count and hash as a backup would give them now (a read snapshot).
    pub fn table_sums(&mut self) -> Result<Vec<TableSum>, StoreError> {
        backup::in_snapshot(&mut self.db, |db| {
            let version = migrations::applied(db)?;
            backup::dump(db, version, &mut |_| Ok(()))
        })
    }

    /// How long a statement waits for another writer's lock before the store answers busy
    /// ([`StoreError::is_unavailable`]): ten seconds unless set. A server answering people sets
    /// it shorter, so that they hear "busy, try again" instead of waiting on an import.
    pub fn wait_when_busy(&mut self, wait: std::time::Duration) -> Result<(), StoreError> {
        self.db.wait_when_busy(wait)
    }

    /// Where the store is.
    pub fn url(&self) -> &StoreUrl {
        &self.url
    }

    /// Whether the connection is closed for good: a PostgreSQL server ended it (a restart, an
    /// administrator's `pg_terminate_backend`) and every statement on it now fails. A SQLite
    /// connection never is. Its holder opens a new one ([`Store::open`] on [`Store::url`]).
    pub fn is_closed(&self) -> bool {
        match &self.db {
            Db::Postgres(pg) => pg.client.is_closed(),
            Db::Sqlite(_) => false,
        }
    }

    pub fn backend_name(&self) -> &'static str {
        self.db.backend_name()
    }

    /// Writes cases (inserted or updated by case number) and events (added unless already there)
    /// in one transaction: all of it or, on any error or crash, none. `progress` is called with the
    /// number of rows written so far every [`PROGRESS_EVERY`] rows.
    pub fn write_import(
        &mut self,
        cases: &[CaseRecord],
        events: &[EventRecord],
        progress: &mut dyn FnMut(u64),
    ) -> Result<WriteStats, StoreError> {
        self.write_import_with_staff(&[], cases, events, progress)
    }

    /// The same, with the staff list the cases refer to written in the same transaction.
    pub fn write_import_with_staff(
        &mut self,
        staff: &[Staff],
        cases: &[CaseRecord],
        events: &[EventRecord],
        progress: &mut dyn FnMut(u64),
    ) -> Result<WriteStats, StoreError> {
        let mut once = Some(Batch::of(cases, events));
        self.write_import_batches(staff, &mut || once.take(), progress)
    }

    /// One batch — cases with their events, parties and payments — in one transaction.
    pub fn write_batch(&mut self, batch: Batch<'_>) -> Result<WriteStats, StoreError> {
        let mut once = Some(batch);
        self.write_import_batches(&[], &mut || once.take(), &mut |_| {})
    }

    /// The same, with the rows given a batch at a time (`None` ends them), still in one
    /// transaction: all of them are written or none. A network of millions of cases is written
    /// without holding every record in memory at once.
    pub fn write_import_batches<'a>(
        &mut self,
        staff: &[Staff],
        batches: &mut dyn FnMut() -> Option<Batch<'a>>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<WriteStats, StoreError> {
        self.write_import_lists(staff, &[], batches, progress)
    }

    /// The same, with the courts' divisions written in the same transaction too.
    pub fn write_import_lists<'a>(
        &mut self,
        staff: &[Staff],
        divisions: &[Division],
        batches: &mut dyn FnMut() -> Option<Batch<'a>>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<WriteStats, StoreError> {
        self.write_import_all(
            staff,
            divisions,
            batches,
            &RecordsWrite::default(),
            progress,
        )
    }

    /// The same, with the supervision records an import brings written in the same transaction
    /// too (after the cases, whose numbers they name).
    pub fn write_import_all<'a>(
        &mut self,
        staff: &[Staff],
        divisions: &[Division],
        batches: &mut dyn FnMut() -> Option<Batch<'a>>,
        records: &RecordsWrite,
        progress: &mut dyn FnMut(u64),
    ) -> Result<WriteStats, StoreError> {
        self.db.transaction(|db| {
            staff::write_divisions(db, divisions)?;
            let staff_written = staff::write(db, staff)?;
            let mut stats = match db {
                Db::Postgres(pg) => pg::write_import(&mut pg.client, batches, progress)?,
                Db::Sqlite(_) => cases::write_rows(db, batches, progress)?,
            };
            stats.staff_written = staff_written;
            stats.records = records::write(db, records)?;
            // Nothing of the cases or their events changed: what was computed from them still
            // holds (the staff list, parties and payments are not in the indicators' columns;
            // the 终本 reviews and the petitions are).
            if stats.added + stats.updated + stats.events_added > 0
                || stats.records.counted_change()
            {
                raise_data_version(db)?;
                // The history keeps the imports that changed cases, at the version they made.
                if let Some(log) = &records.log {
                    let version = read_data_version(db)?;
                    history::log_import(db, log, version, stats.added, stats.updated)?;
                }
            }
            Ok(stats)
        })
    }

    /// Writes the court list (each court added, or its name, level and parent replaced) in one
    /// transaction; returns how many courts were written.
    pub fn write_courts(&mut self, courts: &[Court]) -> Result<u64, StoreError> {
        courts::write(&mut self.db, courts)
    }

    /// The court list, ordered by code. A stored code that no longer parses is an error naming it.
    pub fn courts(&mut self) -> Result<Vec<Court>, StoreError> {
        courts::read(&mut self.db)
    }

    /// The parties of one case, in their order.
    pub fn parties(&mut self, case_no: &str) -> Result<Vec<Party>, StoreError> {
        parties::of_case(&mut self.db, case_no)
    }

    /// The payments (执行款) of one case, by day, receipts first.
    pub fn payments(&mut self, case_no: &str) -> Result<Vec<Payment>, StoreError> {
        parties::payments_of_case(&mut self.db, case_no)
    }

    /// The parties of the cases the query selects, case by case.
    pub fn parties_of(&mut self, query: &CaseQuery) -> Result<Vec<CaseParties>, StoreError> {
        parties::of_query(&mut self.db, query)
    }

    /// The payments of the cases the query selects.
    pub fn payments_of(&mut self, query: &CaseQuery) -> Result<Vec<Payment>, StoreError> {
        parties::payments_of_query(&mut self.db, query)
    }

    /// Identities that appear in at least `min_cases` cases, with a name they go by and the
    /// number of cases, most first.
    pub fn repeat_identities(
        &mut self,
        min_cases: u64,
    ) -> Result<Vec<(IdentityKey, String, u64)>, StoreError> {
        parties::repeat_identities(&mut self.db, min_cases)
    }

    /// Adds or renames divisions (in their own transaction).
    pub fn write_divisions(&mut self, divisions: &[Division]) -> Result<u64, StoreError> {
        self.db
            .transaction(|db| staff::write_divisions(db, divisions))
    }

    /// Every court's divisions, by court and code.
    pub fn divisions(&mut self) -> Result<Vec<Division>, StoreError> {
        staff::read_divisions(&mut self.db)
    }

    /// The staff list, ordered by staff number.
    pub fn staff(&mut self) -> Result<Vec<Staff>, StoreError> {
        staff::read(&mut self.db)
    }

    /// The cases the query selects, ordered by case number.
    pub fn cases(&mut self, query: &CaseQuery) -> Result<Vec<CaseRecord>, StoreError> {
        cases::cases(&mut self.db, query)
    }

    /// The courts that have a case the query selects, ordered by code.
    pub fn courts_of(&mut self, query: &CaseQuery) -> Result<Vec<CourtCode>, StoreError> {
        cases::courts_of(&mut self.db, query)
    }

    /// How many cases the query and page select, and the page's cases in case-number order —
    /// counted and sliced by the database, so a list over millions of cases reads one page.
    pub fn case_page(
        &mut self,
        query: &CaseQuery,
        page: &CasePage,
    ) -> Result<(u64, Vec<CaseRecord>), StoreError> {
        cases::case_page(&mut self.db, query, page)
    }

    /// The events of the cases the query selects, ordered by case number, date, kind, detail.
    pub fn events(&mut self, query: &CaseQuery) -> Result<Vec<EventRecord>, StoreError> {
        cases::events(&mut self.db, query)
    }

    /// Hands every stored case to `each`, one at a time in case-number order (the whole store
    /// read as a stream).
    pub fn each_case(
        &mut self,
        each: &mut dyn FnMut(CaseRecord) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        cases::each_case(&mut self.db, each)
    }

    /// Hands each stored case of `stage` filed in `from..=to` to `each`, one at a time, by case
    /// number.
    pub fn each_case_filed(
        &mut self,
        period: (NaiveDate, NaiveDate),
        stage: shenguan_domain::Stage,
        each: &mut dyn FnMut(CaseRecord) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        cases::each_case_filed(&mut self.db, period, stage, each)
    }

    /// Hands every stored event of the given kinds to `each`, one at a time.
    pub fn each_event_of(
        &mut self,
        kinds: &[shenguan_domain::EventKind],
        each: &mut dyn FnMut(EventRecord) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        cases::each_event_of(&mut self.db, kinds, each)
    }

    /// The cases that continue a case: its appeal, its enforcement, an enforcement restored after
    /// 终本 (their origin is it).
    pub fn continuing_cases(&mut self, case_no: &str) -> Result<Vec<CaseRecord>, StoreError> {
        cases::continuing(&mut self.db, case_no)
    }

    /// The cases that continue any of `case_nos`, as (the continuing case's number, the number
    /// of the case it continues), read a group of numbers at a time.
    pub fn continuing_of(
        &mut self,
        case_nos: &[String],
    ) -> Result<Vec<(String, String)>, StoreError> {
        cases::continuing_of(&mut self.db, case_nos)
    }

    /// The supervision records the store holds of the given cases (an import compares with them).
    pub fn records_of_cases(&mut self, case_nos: &[String]) -> Result<StoredRecords, StoreError> {
        records::stored(&mut self.db, case_nos)
    }

    /// The petitions of the register `query` selects, by day received and register number, each
    /// with its petitioners and cases.
    pub fn petitions(&mut self, query: &PetitionQuery) -> Result<Vec<StoredPetition>, StoreError> {
        petitions::list(&mut self.db, query)
    }

    /// The applications for judicial assistance of a court (alone or with those below) made in a
    /// period, by day applied.
    pub fn assistance(
        &mut self,
        court: Option<CourtScope>,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<Vec<shenguan_domain::assistance::Assistance>, StoreError> {
        assistance::list(&mut self.db, court, from, to)
    }

    /// The applications for judicial assistance of the person of `identity`, by day applied.
    pub fn assistance_of_person(
        &mut self,
        identity: &IdentityKey,
    ) -> Result<Vec<shenguan_domain::assistance::Assistance>, StoreError> {
        assistance::of_person(&mut self.db, identity)
    }

    /// Writes a review plan with its reviewers and cases, in one transaction; its id.
    pub fn write_review_plan(&mut self, plan: &ReviewPlanRow) -> Result<i64, StoreError> {
        review::write(&mut self.db, plan)
    }

    /// Writes a review, only while the case is `result.reviewer`'s and has none; whether it did.
    pub fn submit_review(&mut self, result: &ReviewResultRow) -> Result<bool, StoreError> {
        review::submit(&mut self.db, result)
    }

    /// The reviews of plan `id` submitted so far, by case number.
    pub fn review_results(&mut self, id: i64) -> Result<Vec<ReviewResultRow>, StoreError> {
        review::results(&mut self.db, id)
    }

    /// Case `case_no` of review plan `id`: why it was taken and whom it went to.
    pub fn review_case(
        &mut self,
        id: i64,
        case_no: &str,
    ) -> Result<Option<ReviewCaseRow>, StoreError> {
        review::case(&mut self.db, id, case_no)
    }

    /// The allocation of `case_no` (its track, pool and judge), if it has one.
    pub fn allocation(&mut self, case_no: &str) -> Result<Option<AllocationRow>, StoreError> {
        allocation::one(&mut self.db, case_no)
    }

    /// Writes a case's first allocation with its log entries (kind, detail), chained, in one
    /// transaction; `None` when the case has one already.
    pub fn allocate(
        &mut self,
        row: &AllocationRow,
        logged: &[(&str, String)],
    ) -> Result<Option<Vec<shenguan_domain::allocation::chain::Entry>>, StoreError> {
        allocation::allocate(&mut self.db, row, logged)
    }

    /// Gives `case_no` to `to` (reason, approver, moment), only while it is `from`'s; logged.
    pub fn change_judge(
        &mut self,
        case_no: &str,
        from: Option<&str>,
        to: &str,
        why: (&str, &str, &str),
        detail: &str,
    ) -> Result<Option<shenguan_domain::allocation::chain::Entry>, StoreError> {
        allocation::change_judge(&mut self.db, case_no, from, to, why, detail)
    }

    /// Each judge's pending allocated cases of `court`: (staff number, Σ weight, count).
    pub fn allocation_loads(&mut self, court: &str) -> Result<Vec<(String, i64, i64)>, StoreError> {
        allocation::loads(&mut self.db, court)
    }

    /// Every allocation that has a judge, with the day its case closed, by case.
    pub fn allocations_with_closing(
        &mut self,
    ) -> Result<Vec<(AllocationRow, Option<NaiveDate>)>, StoreError> {
        allocation::with_closing(&mut self.db)
    }

    /// Records a judge's leave; `None` when written, else the one declared before from that day.
    pub fn add_leave(&mut self, leave: &LeaveRow) -> Result<Option<LeaveRow>, StoreError> {
        allocation::add_leave(&mut self.db, leave)
    }

    /// The leaves overlapping `first..=last` (ISO dates).
    pub fn leaves_between(&mut self, first: &str, last: &str) -> Result<Vec<LeaveRow>, StoreError> {
        allocation::leaves_between(&mut self.db, first, last)
    }

    /// The staff on leave on `day` (an ISO date).
    pub fn on_leave(&mut self, day: &str) -> Result<Vec<String>, StoreError> {
        allocation::on_leave(&mut self.db, day)
    }

    /// The service tasks `query` asks for, oldest first, with their attempts.
    pub fn service_tasks(
        &mut self,
        query: &ServiceQuery,
    ) -> Result<Vec<ServiceTaskRow>, StoreError> {
        service::tasks(&mut self.db, query)
    }

    /// The service tasks of any of `cases`, with their attempts, by case and day created.
    pub fn service_tasks_of_cases(
        &mut self,
        cases: &[String],
    ) -> Result<Vec<ServiceTaskRow>, StoreError> {
        service::tasks_of_cases(&mut self.db, cases)
    }

    /// The cases with a service attempt by `method` (its key: electronic, notice …).
    pub fn cases_with_service_method(&mut self, method: &str) -> Result<Vec<String>, StoreError> {
        service::cases_with_method(&mut self.db, method)
    }

    /// Every service task with its attempts, one at a time in id order (not held in memory).
    pub fn each_service_task(
        &mut self,
        each: impl FnMut(ServiceTaskRow) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        service::each_task(&mut self.db, each)
    }

    /// Service task `id` with its attempts.
    pub fn service_task(&mut self, id: i64) -> Result<Option<ServiceTaskRow>, StoreError> {
        service::task(&mut self.db, id)
    }

    /// Writes a new service task (its attempts aside); its id, or `None` when the same task (case,
    /// document, recipient, day) is stored.
    pub fn add_service_task(&mut self, task: &ServiceTaskRow) -> Result<Option<i64>, StoreError> {
        service::add_task(&mut self.db, task)
    }

    /// Appends an attempt to task `task_id`, with the case's new limit records when it changes
    /// them (written only over the days they were worked out from), in one transaction; its
    /// number, or `None` when the task is not stored.
    pub fn add_service_attempt(
        &mut self,
        task_id: i64,
        attempt: &ServiceAttemptRow,
        case_change: Option<&NoticeChange>,
    ) -> Result<Option<i64>, StoreError> {
        service::add_attempt(&mut self.db, task_id, attempt, case_change)
    }

    /// Settles a waiting attempt with `settled`'s result; whether it was still waiting.
    pub fn settle_service_attempt(
        &mut self,
        task_id: i64,
        seq: i64,
        settled: &ServiceAttemptRow,
    ) -> Result<bool, StoreError> {
        service::settle_attempt(&mut self.db, task_id, seq, settled)
    }

    /// Assigns service tasks to a member of the service staff; how many were.
    pub fn assign_service_tasks(
        &mut self,
        ids: &[i64],
        to: &str,
        on: NaiveDate,
    ) -> Result<u64, StoreError> {
        service::assign(&mut self.db, ids, to, on)
    }

    /// The mailed attempts with these tracking numbers: (number, task id, attempt number).
    pub fn attempts_by_tracking(
        &mut self,
        numbers: &[String],
    ) -> Result<Vec<(String, i64, i64)>, StoreError> {
        service::by_tracking(&mut self.db, numbers)
    }

    /// Records an address confirmation; whether it was new.
    pub fn add_confirmation(&mut self, confirmation: &ConfirmationRow) -> Result<bool, StoreError> {
        service::add_confirmation(&mut self.db, confirmation)
    }

    /// The address confirmations signed in any of `cases`.
    pub fn confirmations(&mut self, cases: &[String]) -> Result<Vec<ConfirmationRow>, StoreError> {
        service::confirmations(&mut self.db, cases)
    }

    /// The announcements recorded for the tasks of `cases`: (case number, day published,
    /// foreign-related).
    pub fn announcements(
        &mut self,
        cases: &[String],
    ) -> Result<Vec<(String, NaiveDate, bool)>, StoreError> {
        service::announcements(&mut self.db, cases)
    }

    /// Each of `cases` the store holds, with the case it continues (its origin), if any.
    pub fn case_origins(
        &mut self,
        cases: &[String],
    ) -> Result<Vec<(String, Option<String>)>, StoreError> {
        service::case_origins(&mut self.db, cases)
    }

    /// Every address confirmation kept.
    pub fn all_confirmations(&mut self) -> Result<Vec<ConfirmationRow>, StoreError> {
        service::all_confirmations(&mut self.db)
    }

    /// Writes imported service tasks, confirmations and the cases' changed limit records in one
    /// transaction (see `service::import`).
    pub fn import_service(
        &mut self,
        tasks: &[ServiceTaskRow],
        confirmations: &[ConfirmationRow],
        case_changes: &[NoticeChange],
    ) -> Result<ServiceImportCounts, StoreError> {
        service::import(&mut self.db, tasks, confirmations, case_changes)
    }

    /// Records a judge's exclusion; whether it was new.
    pub fn add_exclusion(&mut self, exclusion: &ExclusionRow) -> Result<bool, StoreError> {
        allocation::add_exclusion(&mut self.db, exclusion)
    }

    /// The exclusions naming any of `parties`.
    pub fn exclusions_for(&mut self, parties: &[String]) -> Result<Vec<ExclusionRow>, StoreError> {
        allocation::exclusions_for(&mut self.db, parties)
    }

    /// The allocations decided from `from` to `to`, both included, by case.
    pub fn allocations_between(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<AllocationRow>, StoreError> {
        allocation::between(&mut self.db, from, to)
    }

    /// Every allocation (its track, judge and the facts written when it was allocated), by case.
    pub fn allocations(&mut self) -> Result<Vec<AllocationRow>, StoreError> {
        allocation::all(&mut self.db)
    }

    /// The allocation log, by number.
    pub fn allocation_log(
        &mut self,
    ) -> Result<Vec<shenguan_domain::allocation::chain::Entry>, StoreError> {
        allocation::log(&mut self.db)
    }

    /// Every review plan, the newest first, without its reviewers and cases.
    pub fn review_plans(&mut self) -> Result<Vec<ReviewPlanRow>, StoreError> {
        review::plans(&mut self.db)
    }

    /// Flags a case for key review (存疑, or referred from outside); the flag's id.
    pub fn add_review_flag(&mut self, flag: &ReviewFlagRow) -> Result<i64, StoreError> {
        review::add_flag(&mut self.db, flag)
    }

    /// The flags made from `from` to `to`, both included.
    pub fn review_flags(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ReviewFlagRow>, StoreError> {
        review::flags(&mut self.db, from, to)
    }

    /// Records a reviewer's recusal and gives the case to `next`, only while it is theirs and
    /// not yet reviewed; whether it did.
    pub fn recuse_review(
        &mut self,
        plan_id: i64,
        recusal: &ReviewRecusalRow,
        next: Option<&str>,
    ) -> Result<bool, StoreError> {
        review::recuse(&mut self.db, plan_id, recusal, next)
    }

    /// Gives case `case_no` of plan `id` to reviewer `to` (added to the panel), only while it is
    /// `from`'s and not yet reviewed; whether it did.
    pub fn reassign_review(
        &mut self,
        id: i64,
        case_no: &str,
        from: Option<&str>,
        to: &str,
    ) -> Result<bool, StoreError> {
        review::reassign(&mut self.db, id, case_no, from, to)
    }

    /// The recusals declared in plan `id`.
    pub fn review_recusals(&mut self, plan_id: i64) -> Result<Vec<ReviewRecusalRow>, StoreError> {
        review::recusals(&mut self.db, plan_id)
    }

    /// The cases given to the reviewer with staff number `staff_id`, the newest plan first.
    pub fn review_tasks(&mut self, staff_id: &str) -> Result<Vec<ReviewTaskRow>, StoreError> {
        review::tasks(&mut self.db, staff_id)
    }

    /// Every submitted review with its plan's kind and making and the last decision on an
    /// objection: what the figures count.
    pub fn review_outcomes(&mut self) -> Result<Vec<ReviewOutcomeRow>, StoreError> {
        review::outcomes(&mut self.db)
    }

    /// The steps after the review of `case_no` in plan `id` (objection, decision, outcomes).
    pub fn review_answers(
        &mut self,
        id: i64,
        case_no: &str,
    ) -> Result<Vec<ReviewAnswerRow>, StoreError> {
        review::answers(&mut self.db, id, case_no)
    }

    /// Adds a step after a submitted review, only if it has `after` steps so far; whether it did.
    pub fn add_review_answer(
        &mut self,
        id: i64,
        case_no: &str,
        after: u64,
        answer: &ReviewAnswerRow,
    ) -> Result<bool, StoreError> {
        review::add_answer(&mut self.db, id, case_no, after, answer)
    }

    /// The plans of `kind` whose period ends in `year`: (id, court code).
    pub fn review_plans_ending_in(
        &mut self,
        kind: &str,
        year: i32,
    ) -> Result<Vec<(i64, Option<String>)>, StoreError> {
        review::plans_ending_in(&mut self.db, kind, year)
    }

    /// Review plan `id`, whole.
    pub fn review_plan(&mut self, id: i64) -> Result<Option<ReviewPlanRow>, StoreError> {
        review::read(&mut self.db, id)
    }

    /// Every review plan, whole (reviewers and cases), by id: an export writes them, an import
    /// matches the plans of its files with them.
    pub fn whole_review_plans(&mut self) -> Result<Vec<ReviewPlanRow>, StoreError> {
        review::all(&mut self.db)
    }

    /// The steps after every review of plan `id`, as (case number, step), by case and in order.
    pub fn review_answers_of_plan(
        &mut self,
        id: i64,
    ) -> Result<Vec<(String, ReviewAnswerRow)>, StoreError> {
        review::answers_of_plan(&mut self.db, id)
    }

    /// The high courts' petition notices, by period.
    pub fn petition_notices(
        &mut self,
    ) -> Result<Vec<shenguan_domain::petition::ranking::Notice>, StoreError> {
        petitions::notices(&mut self.db)
    }

    /// One petition by the store's number.
    pub fn petition(&mut self, id: i64) -> Result<Option<StoredPetition>, StoreError> {
        petitions::one(&mut self.db, id)
    }

    /// Registers `petition` with the first entry of its log; its id, or `None` when its court
    /// already holds its register number.
    pub fn register_petition(
        &mut self,
        petition: &Petition,
        step: &PetitionStepRow,
    ) -> Result<Option<i64>, StoreError> {
        petitions::register(&mut self.db, petition, step)
    }

    /// Writes `after` over petition `id` with the step's log entry, only if it still stands as
    /// `before` (else someone acted on it meanwhile); whether it did.
    pub fn take_petition_step(
        &mut self,
        id: i64,
        before: &Petition,
        after: &Petition,
        step: &PetitionStepRow,
    ) -> Result<bool, StoreError> {
        petitions::take_step(&mut self.db, id, before, after, step)
    }

    /// The log of petition `id`, in order.
    pub fn petition_steps(&mut self, id: i64) -> Result<Vec<PetitionStepRow>, StoreError> {
        petitions::steps(&mut self.db, id)
    }

    /// The petitions brought by the person of `identity`, by day received.
    pub fn petitions_of_person(
        &mut self,
        identity: &IdentityKey,
    ) -> Result<Vec<StoredPetition>, StoreError> {
        petitions::of_person(&mut self.db, identity)
    }

    /// The petitions about any of the given canonical case numbers, by day received.
    pub fn petitions_about(
        &mut self,
        case_nos: &[String],
    ) -> Result<Vec<StoredPetition>, StoreError> {
        petitions::about_cases(&mut self.db, case_nos)
    }

    /// The store's numbers of the petitions among `(court code, register number)` pairs.
    pub fn petition_ids(
        &mut self,
        wanted: &[(String, String)],
    ) -> Result<std::collections::HashMap<(String, String), i64>, StoreError> {
        petitions::ids_by_register(&mut self.db, wanted)
    }

    /// The register numbers of `court` that begin with `prefix` (no `%`, `_` or `\\`).
    pub fn petition_numbers(
        &mut self,
        court: CourtCode,
        prefix: &str,
    ) -> Result<Vec<String>, StoreError> {
        petitions::register_numbers(&mut self.db, court, prefix)
    }

    /// The cases with a party of `identity` (canonical numbers).
    pub fn cases_of_identity(&mut self, identity: &IdentityKey) -> Result<Vec<String>, StoreError> {
        parties::cases_of_identity(&mut self.db, identity)
    }

    /// Which of the given canonical case numbers the store holds.
    pub fn existing_cases(&mut self, case_nos: &[String]) -> Result<HashSet<String>, StoreError> {
        cases::existing(&mut self.db, case_nos)
    }

    /// The stored cases among the given canonical case numbers, in no particular order: what a
    /// re-import compares its rows with.
    pub fn cases_by_numbers(&mut self, case_nos: &[String]) -> Result<Vec<CaseRecord>, StoreError> {
        cases::by_numbers(&mut self.db, case_nos)
    }

    /// One case by its canonical number, with its events (by date, kind, detail).
    pub fn case(
        &mut self,
        case_no: &str,
    ) -> Result<Option<(CaseRecord, Vec<EventRecord>)>, StoreError> {
        cases::case(&mut self.db, case_no)
    }

    /// Adds an account, or replaces its role, scope and password. Whether an account in the
    /// store is disabled stays as it is (`set_user_disabled` changes it), so that adding it again
    /// cannot undo a disabling made at the same time.
    pub fn put_user(&mut self, user: &UserRow) -> Result<(), StoreError> {
        accounts::put_user(&mut self.db, user)
    }

    /// Gives the account `name` a new password hash, and nothing else; whether there is such an
    /// account.
    pub fn set_password_hash(&mut self, name: &str, hash: &str) -> Result<bool, StoreError> {
        accounts::set_password_hash(&mut self.db, name, hash)
    }

    pub fn user(&mut self, name: &str) -> Result<Option<UserRow>, StoreError> {
        accounts::user(&mut self.db, name)
    }

    /// Every account, by name.
    pub fn users(&mut self) -> Result<Vec<UserRow>, StoreError> {
        accounts::users(&mut self.db)
    }

    /// Disables the account `name` (`at`: when) or, with `None`, puts it back in use; whether
    /// there is such an account.
    pub fn set_user_disabled(&mut self, name: &str, at: Option<&str>) -> Result<bool, StoreError> {
        accounts::set_disabled(&mut self.db, name, at)
    }

    /// Keeps the hash of a new API token of `user`.
    pub fn add_token(
        &mut self,
        hash: &str,
        user: &str,
        token: &TokenRow,
    ) -> Result<(), StoreError> {
        accounts::add_token(&mut self.db, hash, user, token)
    }

    /// The account a token hash belongs to, with the token's dates.
    pub fn user_by_token(&mut self, hash: &str) -> Result<Option<(UserRow, TokenRow)>, StoreError> {
        accounts::user_by_token(&mut self.db, hash)
    }

    /// Removes every token of `user`; how many there were.
    pub fn revoke_tokens(&mut self, user: &str) -> Result<u64, StoreError> {
        accounts::revoke_tokens(&mut self.db, user)
    }

    /// How many tokens each account has, by name (accounts without any are left out).
    pub fn token_counts(&mut self) -> Result<Vec<(String, u64)>, StoreError> {
        accounts::token_counts(&mut self.db)
    }

    /// Appends a line to the audit log.
    pub fn audit(
        &mut self,
        at: &str,
        user: Option<&str>,
        action: &str,
        detail: &str,
    ) -> Result<(), StoreError> {
        accounts::audit(&mut self.db, at, user, action, detail)
    }

    /// The latest `limit` lines of the audit log, newest first.
    pub fn audit_entries(&mut self, limit: i64) -> Result<Vec<AuditEntry>, StoreError> {
        accounts::audit_entries(&mut self.db, limit)
    }

    /// Hands every entry of the audit log to `each` in the chain's order (entries without a
    /// number first), one at a time.
    pub fn audit_chain(
        &mut self,
        each: &mut dyn FnMut(AuditEntry) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        accounts::audit_chain(&mut self.db, each)
    }

    /// The number and hash of the audit log's last entry ((0, the chain's genesis) when empty).
    pub fn audit_head(&mut self) -> Result<(u64, String), StoreError> {
        accounts::audit_head(&mut self.db)
    }

    /// Runs `work` in one transaction on this store: everything it writes, the audit entries
    /// among it, is committed together when it returns `Ok` and undone together when it returns
    /// an error. Transactions inside it (each write's own) become savepoints of it.
    pub fn atomically<T, E: From<StoreError>>(
        &mut self,
        work: impl FnOnce(&mut Store) -> Result<T, E>,
    ) -> Result<T, E> {
        let unit = self.begin_unit()?;
        // A panic inside the work rolls the unit back before it goes on up: a connection kept
        // by a server must not stay inside a transaction that never ends.
        let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(self)));
        match done {
            Ok(done) => self.end_unit(unit, done),
            Err(panic) => {
                let _ = self.end_unit::<(), StoreError>(
                    unit,
                    Err(StoreError::Corrupt("the work panicked".into())),
                );
                std::panic::resume_unwind(panic)
            }
        }
    }

    /// Opens a transaction (a savepoint inside one already open), for a holder of the store
    /// that runs its own work inside it ([`Store::atomically`] is this with a closure); end it
    /// with [`Store::end_unit`].
    pub fn begin_unit(&mut self) -> Result<Unit, StoreError> {
        self.db.begin_unit().map(Unit)
    }

    /// Ends a unit `begin_unit` opened: commits it when `done` is `Ok`, rolls it back
    /// otherwise; `done`, or the commit's error.
    pub fn end_unit<T, E: From<StoreError>>(
        &mut self,
        unit: Unit,
        done: Result<T, E>,
    ) -> Result<T, E> {
        self.db.end_unit(unit.0, done)
    }

    /// Opens 督办 items at `at` by `by`, each with its opening step, all or none; their ids in
    /// the order given.
    pub fn open_supervision(
        &mut self,
        items: &[SupervisionRow],
        at: &str,
        by: &str,
    ) -> Result<Vec<i64>, StoreError> {
        supervision::open_items(&mut self.db, items, at, by)
    }

    /// Writes an item after a step, and the step, if the stored item is still in `from_state`;
    /// whether it was (`false`: someone acted first, nothing written).
    pub fn take_supervision_step(
        &mut self,
        item: &SupervisionRow,
        from_state: &str,
        step: &SupervisionStep,
    ) -> Result<bool, StoreError> {
        supervision::take_step(&mut self.db, item, from_state, step)
    }

    /// One 督办 item with its steps in order.
    pub fn supervision_item(
        &mut self,
        id: i64,
    ) -> Result<Option<(SupervisionRow, Vec<SupervisionStep>)>, StoreError> {
        supervision::item(&mut self.db, id)
    }

    /// The steps of the 督办 items `query` selects, by item and in order.
    pub fn supervision_steps(
        &mut self,
        query: &SupervisionQuery,
    ) -> Result<Vec<SupervisionStep>, StoreError> {
        supervision::steps(&mut self.db, query)
    }

    /// The 督办 items `query` selects, newest first.
    pub fn supervision_items(
        &mut self,
        query: &SupervisionQuery,
    ) -> Result<Vec<SupervisionRow>, StoreError> {
        supervision::items(&mut self.db, query)
    }

    /// Records an application to change a case's time limit, unless one of the case awaits a
    /// decision; its id, or `None`.
    pub fn apply_for_limit_change(
        &mut self,
        row: &LimitRequestRow,
    ) -> Result<Option<i64>, StoreError> {
        limit_requests::apply(&mut self.db, row)
    }

    /// Writes a decision on an application still awaiting one, and with an approval the case's
    /// new limit records (raising the data version), in one transaction; whether it was written.
    pub fn decide_limit_request(
        &mut self,
        decision: &LimitRequestRow,
        case_change: Option<&CaseLimitChange>,
    ) -> Result<bool, StoreError> {
        limit_requests::decide(&mut self.db, decision, case_change)
    }

    /// One application to change a time limit.
    pub fn limit_request(&mut self, id: i64) -> Result<Option<LimitRequestRow>, StoreError> {
        limit_requests::one(&mut self.db, id)
    }

    /// The applications `query` selects, newest first.
    pub fn limit_requests(
        &mut self,
        query: &LimitRequestQuery,
    ) -> Result<Vec<LimitRequestRow>, StoreError> {
        limit_requests::list(&mut self.db, query)
    }

    /// Records a reviewer's finding on a 终本 case, replacing its earlier one (and raising the
    /// data version: the indicators read the findings).
    pub fn record_zhongben_finding(&mut self, finding: &ZhongbenFinding) -> Result<(), StoreError> {
        zhongben::record(&mut self.db, finding)
    }

    /// The reviewer's finding on a case, if any.
    pub fn zhongben_finding(
        &mut self,
        case_no: &str,
    ) -> Result<Option<ZhongbenFinding>, StoreError> {
        zhongben::of_case(&mut self.db, case_no)
    }

    /// The 终本 findings on the cases of a court (with the courts below it, or all), whole.
    pub fn zhongben_findings_of(
        &mut self,
        court: Option<CourtScope>,
    ) -> Result<Vec<ZhongbenFinding>, StoreError> {
        zhongben::of_court(&mut self.db, court)
    }

    /// Every 终本 finding as the indicators read it: the case number and 合格.
    pub fn zhongben_findings(&mut self) -> Result<Vec<(String, bool)>, StoreError> {
        zhongben::verdicts(&mut self.db)
    }

    /// The data version: raised by every write of cases, events or courts. What was computed from
    /// the store at one version is stale at another.
    pub fn data_version(&mut self) -> Result<u64, StoreError> {
        read_data_version(&mut self.db)
    }

    /// Records a bulletin or summary with the figures it printed; returns its id.
    pub fn record_report(&mut self, report: &ReportWrite) -> Result<i64, StoreError> {
        history::record_report(&mut self.db, report)
    }

    /// The recorded reports whose period meets `from ..= to`, oldest first.
    pub fn reports_meeting(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ReportRow>, StoreError> {
        history::reports_meeting(&mut self.db, from, to)
    }

    /// The most recent recorded reports, newest first.
    pub fn latest_reports(&mut self, limit: u64) -> Result<Vec<ReportRow>, StoreError> {
        history::latest_reports(&mut self.db, limit)
    }

    pub fn report(&mut self, id: i64) -> Result<Option<ReportRow>, StoreError> {
        history::report(&mut self.db, id)
    }

    /// The stock and flow a report printed, by court and month.
    pub fn report_stock_flow(&mut self, id: i64) -> Result<Vec<StockFlowRow>, StoreError> {
        history::report_stock_flow(&mut self.db, id)
    }

    /// The indicators' values a report printed.
    pub fn report_figures(
        &mut self,
        id: i64,
    ) -> Result<Vec<(String, Option<f64>, u16)>, StoreError> {
        history::report_figures(&mut self.db, id)
    }

    /// The last day any recorded report covered.
    pub fn latest_reported_day(&mut self) -> Result<Option<NaiveDate>, StoreError> {
        history::latest_reported_day(&mut self.db)
    }

    /// Every revision made by an import after data version `version` (of the `fields` named,
    /// or all), in the order made.
    pub fn revisions_after(
        &mut self,
        version: u64,
        fields: Option<&[&str]>,
    ) -> Result<Vec<StoredRevision>, StoreError> {
        history::revisions_after(&mut self.db, version, fields)
    }

    /// A case's revisions, in the order made.
    pub fn revisions_of(&mut self, case_no: &str) -> Result<Vec<StoredRevision>, StoreError> {
        history::revisions_of(&mut self.db, case_no)
    }

    /// The most recent imports that changed cases, newest first.
    pub fn imports(&mut self, limit: u64) -> Result<Vec<ImportRow>, StoreError> {
        history::imports(&mut self.db, limit)
    }

    pub fn count_cases(&mut self) -> Result<u64, StoreError> {
        self.db.count("SELECT count(*) AS n FROM cases", &[])
    }

    pub fn count_events(&mut self) -> Result<u64, StoreError> {
        self.db.count("SELECT count(*) AS n FROM events", &[])
    }
}

/// The data version, read inside or outside a transaction.
fn read_data_version(db: &mut Db) -> Result<u64, StoreError> {
    let version = db.query_opt(
        "SELECT value FROM store_meta WHERE key = 'data_version'",
        &[],
        |row| row.int("value"),
    )?;
    Ok(version.map_or(0, |v| u64::try_from(v).unwrap_or(0)))
}

/// Raises the data version, inside the caller's transaction.
pub(crate) fn raise_data_version(db: &mut Db) -> Result<(), StoreError> {
    db.execute(
        "UPDATE store_meta SET value = value + 1 WHERE key = 'data_version'",
        &[],
    )?;
    Ok(())
}
