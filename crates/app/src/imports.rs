//! Use case: import canonical files into the store — read every file, validate every row, then
//! write all of it in one transaction, or nothing.
//!
//! By default one bad row stops the import: nothing is written, and the report (file, row,
//! column, value, reason) is returned and, with `--rejects`, written as a CSV. With
//! `skip_invalid` the valid rows are written and the bad rows go to a rejects file in the same
//! format as their input (same columns, plus the reason), ready to be fixed and imported again.
//!
//! A case the store holds already keeps every value its file has no column for, and the outcome
//! (of a dry run too) says per column how many values the import changes and shows the first
//! changes (`shenguan_ingest::update`).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use shenguan_domain::CaseParties;
use shenguan_ingest::columns::{EventColumn, HeaderKind, looks_like_header, resolve_header};
use shenguan_ingest::read::read_table_counting;
use shenguan_ingest::table::{Column, ColumnKind, SourceFormat, Table, TextEncoding};
use shenguan_ingest::update::keep_unstated;
pub use shenguan_ingest::update::{CaseField, Change, ChangeReport};
use shenguan_ingest::validate::{Located, PartyRow, RowError, Validation, validate_tables};
use shenguan_ingest::write::{io_error_text, write_csv, write_parquet, write_xlsx};
use shenguan_store::{Batch, WriteStats};

use crate::record_files::RecordFile;
use crate::{App, AppError, Store, Text, text};

mod announcements;
mod assistance;
mod divisions;
mod folder;
mod judges;
mod petitions;
mod records;
mod service;

pub use records::{RecordCounts, Tally};
pub use service::ServiceImportCounts;

/// What the user asks to import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ImportRequest {
    pub files: Vec<PathBuf>,
    /// The XLSX sheet to read (default: the first).
    pub sheet: Option<String>,
    pub skip_invalid: bool,
    /// Where the report (all or nothing) or the rejected rows (`skip_invalid`) go.
    pub rejects: Option<PathBuf>,
    /// Only validate: report what would be written, write nothing (the import page's first step).
    pub dry_run: bool,
    /// The importing user's court: rows of cases outside it and the courts below it are errors.
    pub within: Option<shenguan_domain::CourtCode>,
    /// Who imports, for the audit log (`None` from the command line).
    pub by: Option<String>,
    /// What the audit log calls the files: an upload's own name, not the server's temporary
    /// copy of it (`None`: the paths as given).
    pub named: Option<String>,
}

impl ImportRequest {
    /// What the audit log and the import log call the files: the name given, else the paths.
    pub(crate) fn files_named(&self) -> String {
        self.named.clone().unwrap_or_else(|| {
            let paths: Vec<String> = self.files.iter().map(|p| p.display().to_string()).collect();
            paths.join(", ")
        })
    }
}

/// The refusal of an import whose write failed (rolled back whole).
pub(crate) fn write_failed(e: &shenguan_store::StoreError) -> AppError {
    let why = e.text();
    let (zh, en) = (why.zh(), why.en());
    AppError::Invalid(text!(
        "写入数据库失败，未写入任何数据：{zh}",
        "writing to the store failed and nothing was written: {en}"
    ))
}

/// What happened.
#[derive(Clone, Debug, Default)]
pub struct ImportOutcome {
    pub rows_read: usize,
    pub staff_valid: usize,
    pub cases_valid: usize,
    pub events_valid: usize,
    /// Petitions of the register (信访登记表) among the rows.
    pub petitions_valid: usize,
    /// Valid applications for judicial assistance.
    pub assistance_valid: usize,
    pub errors: Vec<RowError>,
    pub warnings: Vec<Text>,
    /// `None` when nothing was written (invalid rows without `skip_invalid`).
    pub written: Option<WriteStats>,
    /// Files the rejects or the report were written to.
    pub rejects_files: Vec<PathBuf>,
    /// What the valid case rows change in the store, column by column (computed before writing,
    /// so a dry run reports it too).
    pub changes: ChangeReport,
    /// What the supervision records among the files add or take further (a dry run too).
    pub records: RecordCounts,
    /// What the service files (送达记录, 送达地址确认书, 邮寄结果) add, settle or find as stored:
    /// what they would do on a dry run or when refused, what they did when written; `None` for
    /// an import without them.
    pub service: Option<ServiceImportCounts>,
}

/// Stages of an import, for a progress display.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImportProgress {
    /// Reading file `index` of `count`; `rows` data rows read so far, of every file.
    Reading {
        index: usize,
        count: usize,
        rows: usize,
    },
    /// Checking the `rows` rows read.
    Validating { rows: usize },
    /// `done` of `total` rows written.
    Writing { done: u64, total: u64 },
}

impl App {
    /// Reads, checks and (unless a dry run) writes the request's files. An upload read from the
    /// server's temporary copy (`named`) is named as the user sent it in every message and bad
    /// row, never by the server's path.
    pub fn import(
        &self,
        store: &mut Store,
        request: &ImportRequest,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportOutcome, AppError> {
        let outcome = self.import_files(store, request, progress);
        let Some(name) = &request.named else {
            return outcome;
        };
        let paths: Vec<String> = request
            .files
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let rename = |text: &str| {
            paths
                .iter()
                .fold(text.to_string(), |text, path| text.replace(path, name))
        };
        match outcome {
            Ok(mut outcome) => {
                for error in &mut outcome.errors {
                    error.path = PathBuf::from(name);
                }
                for warning in &mut outcome.warnings {
                    *warning = warning.map(rename);
                }
                Ok(outcome)
            }
            Err(e) => Err(e.renamed(&rename)),
        }
    }

    fn import_files(
        &self,
        store: &mut Store,
        request: &ImportRequest,
        progress: &mut dyn FnMut(ImportProgress),
    ) -> Result<ImportOutcome, AppError> {
        // A folder stands for the data files under it (a partitioned export, say).
        let (files, folder_notes) = folder::expand(&request.files)?;
        let mut tables = Vec::with_capacity(files.len());
        let count = files.len();
        // The supervision records' files are known by their own headers.
        let is_header =
            |cells: &[&str]| looks_like_header(cells) || RecordFile::of_header(cells).is_some();
        let mut before = 0;
        for (index, path) in files.iter().enumerate() {
            progress(ImportProgress::Reading {
                index,
                count,
                rows: before,
            });
            if !path.is_file() {
                return Err(AppError::Io {
                    path: path.display().to_string(),
                    message: text!("文件不存在", "there is no such file"),
                });
            }
            let table =
                read_table_counting(path, request.sheet.as_deref(), &is_header, &mut |rows| {
                    progress(ImportProgress::Reading {
                        index,
                        count,
                        rows: before + rows,
                    })
                })
                .map_err(|e| AppError::Invalid(e.text()))?;
            before += table.rows.len();
            tables.push(table);
        }
        // The service files go on their own, in a transaction of their own (`service.rs`).
        service::refuse_mixed(&tables)?;
        if tables.iter().any(service::is_service_file) {
            return self.import_service_files(store, request, tables, progress);
        }
        progress(ImportProgress::Validating { rows: before });
        // The case files first, then the records' files, which the case rules do not read.
        let (mut tables, records_tables): (Vec<Table>, Vec<Table>) =
            tables.into_iter().partition(|t| !is_records_file(t));
        let case_tables = tables.len();
        tables.extend(records_tables);
        let mut validation = validate_tables(&tables[..case_tables], self.today())
            .map_err(|e| AppError::Invalid(e.text()))?;
        if let Some(own) = request.within {
            check_scope(&tables, &mut validation, own);
            judges::keep_own_staff(&tables, &mut validation, own);
        }
        assistance::check_cap(&tables, &mut validation, &self.config().assistance_cap);
        if !validation.cases.is_empty() || !validation.staff.is_empty() {
            let stored = store.inner.divisions().map_err(AppError::from)?;
            let named = divisions::name_codes(&mut validation, stored);
            if named > 0 {
                validation.warnings.push(text!(
                    "{named}处部门代码已按部门名单显示为部门名称",
                    "{named} division codes are shown by the divisions' names"
                ));
            }
        }
        // Stored cases first keep what the file does not state — a judge's number among it, when
        // the file names the same judge by name only — so that a name two people share resolves
        // to the number the store already has for the case.
        let stored = stored_cases(store, &validation)?;
        keep_stored_values(&mut validation, &stored);
        self.keep_announcements(store, &mut validation)?;
        if !validation.cases.is_empty() {
            let mut staff = store.inner.staff().map_err(AppError::from)?;
            staff.extend(validation.staff.iter().map(|l| l.record.clone()));
            let roster = shenguan_domain::Roster::new(staff);
            if let Some(note) = judges::resolve(&tables, &mut validation, &roster) {
                validation.warnings.push(note);
            }
        }
        self.check_event_cases(store, &tables, &mut validation)?;
        let changes = changes_of(&validation, &stored);
        let records = records::check(
            self,
            store,
            &tables,
            case_tables,
            &mut validation,
            request.within,
        )?;

        let mut outcome = ImportOutcome {
            rows_read: tables.iter().map(|t| t.rows.len()).sum(),
            staff_valid: validation.staff.len(),
            cases_valid: validation.cases.len(),
            events_valid: validation.events.len(),
            petitions_valid: validation.petitions.len(),
            assistance_valid: validation.assistance.len(),
            errors: validation.errors.clone(),
            warnings: folder_notes
                .into_iter()
                .chain(validation.warnings.iter().cloned())
                .collect(),
            changes,
            records: records.counts,
            ..ImportOutcome::default()
        };
        if request.dry_run {
            return Ok(outcome);
        }
        if !validation.errors.is_empty() && !request.skip_invalid {
            if let Some(path) = &request.rejects {
                write_report(path, &validation.errors)?;
                outcome.rejects_files.push(path.clone());
            }
            return Ok(outcome);
        }
        if !validation.errors.is_empty() {
            outcome.rejects_files =
                write_rejects(&tables, &validation, request.rejects.as_deref())?;
        }

        let staff: Vec<_> = validation.staff.into_iter().map(|l| l.record).collect();
        let divisions: Vec<_> = validation.divisions.into_iter().map(|l| l.record).collect();
        let cases: Vec<_> = validation.cases.into_iter().map(|l| l.record).collect();
        let events: Vec<_> = validation.events.into_iter().map(|l| l.record).collect();
        let parties = self.case_parties(store, validation.parties)?;
        let payments: Vec<_> = validation.payments.into_iter().map(|l| l.record).collect();
        let mut records = records;
        records.write.petitions = self.keyed_petitions(store, validation.petitions)?;
        records.write.assistance = self.keyed_assistance(store, validation.assistance)?;
        let files = request.files_named();
        records.write.log = Some(shenguan_store::ImportLog {
            made_at: self.now_text(),
            source: files.clone(),
            made_by: request.by.clone(),
            revisions: crate::history::revisions(store, &cases, &stored)?,
        });
        records.write.notices = validation
            .notices
            .into_iter()
            .map(|l| (l.record.from, l.record.to, l.record.row))
            .collect();
        let total = (staff.len() + cases.len() + events.len()) as u64;
        let abort_after = self.config().fault_abort_after_rows;
        let mut batch = Some(Batch {
            cases: Cow::Owned(cases),
            events: Cow::Owned(events),
            parties: Cow::Owned(parties),
            payments: Cow::Owned(payments),
        });
        let stats = store.atomically(|store| {
            let stats = store
                .inner
                .write_import_all(
                    &staff,
                    &divisions,
                    &mut || batch.take(),
                    &records.write,
                    &mut |done| {
                        if abort_after.is_some_and(|limit| done >= limit) {
                            // Crash-safety tests: die inside the open transaction, as a power cut
                            // would.
                            std::process::abort();
                        }
                        progress(ImportProgress::Writing { done, total });
                    },
                )
                .map_err(|e| write_failed(&e))?;
            self.audit(
                store,
                request.by.as_deref(),
                "import",
                &format!(
                    "{} — added {} updated {} unchanged {} events {}{}",
                    files,
                    stats.added,
                    stats.updated,
                    stats.unchanged,
                    stats.events_added,
                    [
                        ("staff", stats.staff_written),
                        ("parties", stats.parties_written),
                        ("payments", stats.payments_added),
                        (
                            "supervision items",
                            stats.records.items_added + stats.records.items_updated
                        ),
                        (
                            "time-limit applications",
                            stats.records.requests_added + stats.records.requests_decided
                        ),
                        ("zhongben reviews", stats.records.findings_written),
                        ("review plans", stats.records.review_plans_added),
                        ("case reviews", stats.records.case_reviews_added),
                        ("review steps", stats.records.review_answers_added),
                        (
                            "petitions",
                            stats.records.petitions.added + stats.records.petitions.updated
                        ),
                        (
                            "assistance",
                            stats.records.assistance.added + stats.records.assistance.updated
                        ),
                    ]
                    .iter()
                    .filter(|(_, n)| *n > 0)
                    .map(|(what, n)| format!(" {what} {n}"))
                    .collect::<String>()
                ),
            )?;
            Ok(stats)
        })?;
        outcome.written = Some(stats);
        Ok(outcome)
    }

    /// The parties of each case in the order of their rows, each identity number turned into
    /// the keyed hash under the network's secret (and then dropped).
    fn case_parties(
        &self,
        store: &Store,
        rows: Vec<Located<PartyRow>>,
    ) -> Result<Vec<CaseParties>, AppError> {
        let secret = if rows.iter().any(|r| r.record.id_number.is_some()) {
            Some(self.identity_secret(store)?)
        } else {
            None
        };
        let mut by_case: Vec<CaseParties> = Vec::new();
        let mut at: HashMap<String, usize> = HashMap::new();
        for located in rows {
            let PartyRow {
                case_no,
                mut party,
                id_number,
            } = located.record;
            if let (Some(id), Some(secret)) = (id_number, &secret) {
                party.identity = Some(id.key(secret));
            }
            let number = case_no.to_string();
            match at.get(&number) {
                Some(&i) => by_case[i].parties.push(party),
                None => {
                    at.insert(number, by_case.len());
                    by_case.push(CaseParties {
                        case_no,
                        parties: vec![party],
                    });
                }
            }
        }
        Ok(by_case)
    }

    /// An event, a party or a payment must belong to a case of this import or of the store.
    fn check_event_cases(
        &self,
        store: &mut Store,
        tables: &[Table],
        validation: &mut Validation,
    ) -> Result<(), AppError> {
        let imported: HashSet<String> = validation
            .cases
            .iter()
            .map(|c| c.record.case_no.to_string())
            .collect();
        let wanted: Vec<String> = validation
            .events
            .iter()
            .map(|e| e.record.case_no.to_string())
            .chain(
                validation
                    .parties
                    .iter()
                    .map(|p| p.record.case_no.to_string()),
            )
            .chain(
                validation
                    .payments
                    .iter()
                    .map(|p| p.record.case_no.to_string()),
            )
            .filter(|n| !imported.contains(n))
            .collect::<HashSet<_>>()
            .into_iter()
            .collect();
        if wanted.is_empty() {
            return Ok(());
        }
        let stored = store
            .inner
            .existing_cases(&wanted)
            .map_err(AppError::from)?;
        let known = |number: &str| imported.contains(number) || stored.contains(number);
        for (what_zh, what_en, errors) in [
            (
                "事件",
                "event",
                keep_known(&mut validation.events, |e| &e.case_no, &known),
            ),
            (
                "当事人",
                "party",
                keep_known(&mut validation.parties, |p| &p.case_no, &known),
            ),
            (
                "执行款",
                "payment",
                keep_known(&mut validation.payments, |p| &p.case_no, &known),
            ),
        ] {
            for (table, row, number) in errors {
                validation.errors.push(RowError {
                    path: tables[table].path.clone(),
                    row,
                    column: case_no_header(&tables[table]),
                    value: number,
                    reason_zh: format!("{what_zh}所属案件既不在本次导入中，也不在数据库中"),
                    reason_en: format!(
                        "the {what_en}'s case is neither in this import nor in the store"
                    ),
                });
                validation.rejected.insert((table, row));
            }
        }
        Ok(())
    }
}

/// Whether a table is one of the supervision records' files (by its header).
fn is_records_file(table: &Table) -> bool {
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    RecordFile::of_header(&headers).is_some()
}

/// Keeps the rows whose case is known; returns the others as (table, row, case number).
fn keep_known<T>(
    rows: &mut Vec<Located<T>>,
    case_of: impl Fn(&T) -> &shenguan_domain::CaseNumber,
    known: &dyn Fn(&str) -> bool,
) -> Vec<(usize, usize, String)> {
    let mut errors = Vec::new();
    rows.retain(|located| {
        let number = case_of(&located.record).to_string();
        let keep = known(&number);
        if !keep {
            errors.push((located.table, located.row, number));
        }
        keep
    });
    errors
}

/// The stored cases among the valid case rows, by canonical number.
fn stored_cases(
    store: &mut Store,
    validation: &Validation,
) -> Result<HashMap<String, shenguan_domain::CaseRecord>, AppError> {
    let numbers: Vec<String> = validation
        .cases
        .iter()
        .map(|c| c.record.case_no.to_string())
        .collect();
    Ok(store
        .inner
        .cases_by_numbers(&numbers)
        .map_err(AppError::from)?
        .into_iter()
        .map(|r| (r.case_no.to_string(), r))
        .collect())
}

/// Gives every case the store holds the stored value of each field its file has no column for.
fn keep_stored_values(
    validation: &mut Validation,
    stored: &HashMap<String, shenguan_domain::CaseRecord>,
) {
    for located in &mut validation.cases {
        if let Some(old) = stored.get(&located.record.case_no.to_string()) {
            let columns = validation
                .case_columns
                .get(&located.table)
                .map_or(&[][..], Vec::as_slice);
            keep_unstated(&mut located.record, old, columns);
        }
    }
}

/// What the valid case rows change in the store, field by field.
fn changes_of(
    validation: &Validation,
    stored: &HashMap<String, shenguan_domain::CaseRecord>,
) -> ChangeReport {
    let mut report = ChangeReport::default();
    for located in &validation.cases {
        match stored.get(&located.record.case_no.to_string()) {
            Some(old) => report.compare(old, &located.record),
            None => report.add_new(),
        }
    }
    report
}

/// Rows of cases outside `own` (and the courts below it) become errors: a court's office imports
/// its own court's data only. Events are judged by the court in their case number.
fn check_scope(tables: &[Table], validation: &mut Validation, own: shenguan_domain::CourtCode) {
    // A high court's notice ranks the cities of the province: an intermediate court (or above)
    // imports it, not a basic court.
    if own.level() == shenguan_domain::CourtLevel::Basic {
        for located in validation.notices.drain(..) {
            let table = &tables[located.table];
            validation.errors.push(RowError {
                path: table.path.clone(),
                row: located.row,
                column: String::new(),
                value: located.record.row.region.clone(),
                reason_zh: "省法院信访通报由中级人民法院导入，基层法院无权导入".into(),
                reason_en: "a high court's petition notice is imported by an intermediate court, not a basic court".into(),
            });
            validation.rejected.insert((located.table, located.row));
        }
    }
    let own = own.to_string();
    let outside = |court: Option<String>| !court.is_some_and(|c| c.starts_with(&own));
    let reason = |value: String, path: &Path, row: usize, column: String| RowError {
        path: path.to_path_buf(),
        row,
        column,
        value,
        reason_zh: format!("案件不属于{own}及其辖区法院，无权导入"),
        reason_en: format!("the case is outside {own} and the courts below it"),
    };
    let mut kept = Vec::with_capacity(validation.cases.len());
    for located in validation.cases.drain(..) {
        if outside(Some(located.record.court.to_string())) {
            let table = &tables[located.table];
            validation.errors.push(reason(
                located.record.court.to_string(),
                &table.path,
                located.row,
                "court".into(),
            ));
            validation.rejected.insert((located.table, located.row));
        } else {
            kept.push(located);
        }
    }
    validation.cases = kept;
    let mut kept = Vec::with_capacity(validation.events.len());
    for located in validation.events.drain(..) {
        if outside(located.record.case_no.court_text()) {
            let table = &tables[located.table];
            validation.errors.push(reason(
                located.record.case_no.to_string(),
                &table.path,
                located.row,
                case_no_header(table),
            ));
            validation.rejected.insert((located.table, located.row));
        } else {
            kept.push(located);
        }
    }
    validation.events = kept;
    // Parties and payments, like events, by the court in their case number.
    let inside = |number: &str| {
        !outside(
            shenguan_domain::CaseNumber::parse(number, i32::MAX)
                .ok()
                .and_then(|n| n.court_text()),
        )
    };
    // Petitions by the court handling them.
    let mut kept = Vec::with_capacity(validation.petitions.len());
    for located in validation.petitions.drain(..) {
        let court = located.record.petition.court.to_string();
        if outside(Some(court.clone())) {
            let table = &tables[located.table];
            let column = petition_court_header(table);
            validation
                .errors
                .push(reason(court, &table.path, located.row, column));
            validation.rejected.insert((located.table, located.row));
        } else {
            kept.push(located);
        }
    }
    validation.petitions = kept;
    // Applications for judicial assistance by the court of their case number.
    let mut kept = Vec::with_capacity(validation.assistance.len());
    for located in validation.assistance.drain(..) {
        let court = located.record.record.court.to_string();
        if outside(Some(court)) {
            let table = &tables[located.table];
            let number = located.record.record.case_no.to_string();
            let column = assistance::case_no_header(table);
            validation
                .errors
                .push(reason(number, &table.path, located.row, column));
            validation.rejected.insert((located.table, located.row));
        } else {
            kept.push(located);
        }
    }
    validation.assistance = kept;
    let mut errors = keep_known(&mut validation.parties, |p| &p.case_no, &inside);
    errors.extend(keep_known(
        &mut validation.payments,
        |p| &p.case_no,
        &inside,
    ));
    for (table, row, number) in errors {
        validation.errors.push(reason(
            number,
            &tables[table].path,
            row,
            case_no_header(&tables[table]),
        ));
        validation.rejected.insert((table, row));
    }
}

/// The header cell of a file's case-number column, as the file writes it.
fn case_no_header(table: &Table) -> String {
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    let index = match resolve_header(&headers) {
        Some(HeaderKind::Events { columns, .. }) => {
            columns.iter().position(|c| *c == Some(EventColumn::CaseNo))
        }
        Some(HeaderKind::Parties { columns, .. }) => columns
            .iter()
            .position(|c| *c == Some(shenguan_ingest::columns::PartyColumn::CaseNo)),
        Some(HeaderKind::Payments { columns, .. }) => columns
            .iter()
            .position(|c| *c == Some(shenguan_ingest::columns::PaymentColumn::CaseNo)),
        _ => None,
    };
    index
        .and_then(|i| table.headers.get(i).cloned())
        .unwrap_or_default()
}

/// The header cell of a register's court column, as the file writes it.
fn petition_court_header(table: &Table) -> String {
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    match resolve_header(&headers) {
        Some(HeaderKind::Petitions { columns, .. }) => columns
            .iter()
            .position(|c| *c == Some(shenguan_ingest::columns::PetitionColumn::Court))
            .and_then(|i| table.headers.get(i).cloned())
            .unwrap_or_default(),
        _ => String::new(),
    }
}

/// The header of the report and of the reason column added to rejects.
const REPORT_HEADER: [&str; 6] = [
    "文件 file",
    "行 row",
    "列 column",
    "值 value",
    "原因 reason",
    "reason",
];
const REASON_HEADER: &str = "错误原因 reason";

fn write_report(path: &Path, errors: &[RowError]) -> Result<(), AppError> {
    let rows: Vec<Vec<String>> = errors
        .iter()
        .map(|e| {
            vec![
                e.path.display().to_string(),
                e.row.to_string(),
                e.column.clone(),
                e.value.clone(),
                e.reason_zh.clone(),
                e.reason_en.clone(),
            ]
        })
        .collect();
    write_csv(path, TextEncoding::Utf8Bom, &REPORT_HEADER, &rows).map_err(|e| AppError::Io {
        path: path.display().to_string(),
        message: io_error_text(&e),
    })
}

/// Writes each input's rejected rows in the input's own format, with a reason column at the end.
fn write_rejects(
    tables: &[Table],
    validation: &Validation,
    requested: Option<&Path>,
) -> Result<Vec<PathBuf>, AppError> {
    let with_rejects: Vec<usize> = (0..tables.len())
        .filter(|i| validation.rejected.iter().any(|(t, _)| t == i))
        .collect();
    // The reasons of each rejected row, gathered once: (table path, row) → "column：reason；…".
    let mut reasons: HashMap<(&Path, usize), Vec<String>> = HashMap::new();
    for e in &validation.errors {
        reasons
            .entry((e.path.as_path(), e.row))
            .or_default()
            .push(format!("{}：{}", e.column, e.reason_zh));
    }
    let mut written = Vec::new();
    for &index in &with_rejects {
        let table = &tables[index];
        let path = rejects_path(table, requested, with_rejects.len() > 1);
        let mut headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
        headers.push(REASON_HEADER);
        let rows: Vec<Vec<String>> = table
            .rows
            .iter()
            .filter(|r| validation.rejected.contains(&(index, r.row)))
            .map(|r| {
                let mut cells: Vec<String> = (0..table.headers.len())
                    .map(|i| r.cells.get(i).unwrap_or("").to_string())
                    .collect();
                let why = reasons
                    .get(&(table.path.as_path(), r.row))
                    .map(|r| r.join("；"))
                    .unwrap_or_default();
                cells.push(why);
                cells
            })
            .collect();
        match &table.format {
            SourceFormat::Csv { encoding } => write_csv(&path, *encoding, &headers, &rows)
                .map_err(|e| AppError::Io {
                    path: path.display().to_string(),
                    message: io_error_text(&e),
                })?,
            SourceFormat::Xlsx { sheet } => {
                let columns = text_columns(&headers);
                write_xlsx(&path, sheet, &columns, &rows)?
            }
            SourceFormat::Parquet => {
                let columns = text_columns(&headers);
                write_parquet(&path, &columns, &rows)?
            }
        }
        written.push(path);
    }
    Ok(written)
}

fn text_columns<'a>(headers: &[&'a str]) -> Vec<Column<'a>> {
    headers
        .iter()
        .map(|name| Column {
            name,
            kind: ColumnKind::Text,
        })
        .collect()
}

/// The rejects file of a table: the requested path (suffixed with the input's name when several
/// inputs have rejects), else `<input name>-rejects.<ext>` in the working folder.
fn rejects_path(table: &Table, requested: Option<&Path>, several: bool) -> PathBuf {
    let stem = table
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "import".into());
    let extension = table
        .path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_else(|| "csv".into());
    match requested {
        Some(path) if !several => path.to_path_buf(),
        Some(path) => {
            let base = path.with_extension("");
            PathBuf::from(format!("{}-{stem}.{extension}", base.display()))
        }
        None => PathBuf::from(format!("{stem}-rejects.{extension}")),
    }
}
