//! Use case: export the store's cases and events as the canonical files (`cases.<ext>`,
//! `events.<ext>`), derived columns included. CSV is UTF-8 with an English header unless a Chinese
//! one is asked for; export, import into an empty store and export again gives the same bytes.

use std::collections::HashSet;
use std::fs;
use std::path::PathBuf;

use shenguan_domain::{DeadlineOptions, text};
use shenguan_ingest::export::{
    DeadlineRules, assistance_columns, assistance_row, case_columns, case_row, division_columns,
    division_row, event_columns, event_row, party_columns, party_row, payment_columns, payment_row,
    petition_columns, petition_row, staff_columns, staff_row,
};
use shenguan_ingest::table::{Column, TextEncoding};
use shenguan_ingest::write::{io_error_text, write_csv, write_parquet, write_xlsx};
use shenguan_store::CaseQuery;

use crate::{App, AppError, Store};

mod allocations;
mod partitioned;
mod records;
mod service;

pub use partitioned::{PartitionKey, SUCCESS};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    Csv,
    Xlsx,
    Parquet,
}

impl ExportFormat {
    pub fn parse(text: &str) -> Option<ExportFormat> {
        match text.trim().to_ascii_lowercase().as_str() {
            "csv" => Some(ExportFormat::Csv),
            "xlsx" => Some(ExportFormat::Xlsx),
            "parquet" => Some(ExportFormat::Parquet),
            _ => None,
        }
    }

    fn extension(self) -> &'static str {
        match self {
            ExportFormat::Csv => "csv",
            ExportFormat::Xlsx => "xlsx",
            ExportFormat::Parquet => "parquet",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportRequest {
    pub format: ExportFormat,
    pub out_dir: PathBuf,
    pub query: CaseQuery,
    pub chinese_header: bool,
    /// Empty: one file per table. Otherwise (Parquet only) the cases, events, parties and
    /// payments go to Hive-style partition folders nested in this order (`partitioned.rs`).
    pub partition_by: Vec<PartitionKey>,
}

/// Stages of an export, for a progress display.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportProgress {
    /// Reading the cases, events, parties and payments of the query from the store.
    Reading,
    /// Writing the partitions of court `index` of `count` (a partitioned export).
    Court { index: usize, count: usize },
    /// Writing file `index` of `count`.
    Writing { index: usize, count: usize },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportOutcome {
    pub cases: usize,
    pub events: usize,
    pub files: Vec<PathBuf>,
}

/// A file of an export: its name (without the extension), its columns and its rows.
type FileTable = (&'static str, Vec<Column<'static>>, Vec<Vec<String>>);

impl App {
    pub fn export(
        &self,
        store: &mut Store,
        request: &ExportRequest,
        progress: &mut dyn FnMut(ExportProgress),
    ) -> Result<ExportOutcome, AppError> {
        if !request.partition_by.is_empty() && request.format != ExportFormat::Parquet {
            return Err(AppError::Invalid(text!(
                "分区导出只用于 Parquet 格式（--format parquet）",
                "a partitioned export is Parquet only (--format parquet)"
            )));
        }
        progress(ExportProgress::Reading);
        let failed = AppError::from;
        // The people the cases' 承办人工号 refer to, of the courts exported.
        let staff: Vec<_> = store
            .inner
            .staff()
            .map_err(failed)?
            .into_iter()
            .filter(|s| {
                request
                    .query
                    .court
                    .is_none_or(|scope| scope.covers(s.court))
            })
            .collect();
        let divisions: Vec<_> = store
            .inner
            .divisions()
            .map_err(failed)?
            .into_iter()
            .filter(|d| {
                request
                    .query
                    .court
                    .is_none_or(|scope| scope.covers(d.court))
            })
            .collect();
        create_out_dir(&request.out_dir)?;
        let chinese = request.chinese_header;
        // The case-level tables: one file each, or court by court into partitions.
        let served = service::served_cases(store, request.query.court)?;
        let (mut tables, written) = if request.partition_by.is_empty() {
            partitioned::refuse_partitions_beside(&request.out_dir)?;
            self.case_tables(store, request, &served)?
        } else {
            let keys = &request.partition_by;
            let written = partitioned::write(self, store, request, keys, &served, progress)?;
            (Vec::new(), written)
        };
        // The staff list and divisions only when there are any.
        if !staff.is_empty() {
            tables.push((
                "staff",
                staff_columns(chinese),
                staff.iter().map(staff_row).collect(),
            ));
        }
        if !divisions.is_empty() {
            tables.push((
                "divisions",
                division_columns(chinese),
                divisions.iter().map(division_row).collect(),
            ));
        }
        // The petition register of the same courts, received in the period: data a petition
        // office keeps, imported back like the case files.
        let petitions = store
            .inner
            .petitions(&shenguan_store::PetitionQuery {
                court: request.query.court,
                from: request.query.from,
                to: request.query.to,
            })
            .map_err(failed)?;
        if !petitions.is_empty() {
            let rows = petitions
                .iter()
                .map(|p| petition_row(&p.petition))
                .collect();
            tables.push(("petitions", petition_columns(chinese), rows));
        }
        // And the applications for judicial assistance made in the period.
        let assistance = store
            .inner
            .assistance(request.query.court, request.query.from, request.query.to)
            .map_err(failed)?;
        if !assistance.is_empty() {
            let rows = assistance.iter().map(assistance_row).collect();
            tables.push(("assistance", assistance_columns(chinese), rows));
        }
        // The supervision records of the same courts (督办, time-limit applications, 终本
        // reviews) go to a folder of their own: a later import of the export's files takes the
        // case data, and these are not case data.
        let records = records::tables(store, request.query.court, chinese)?;
        let records_dir = request.out_dir.join("supervision");
        if !records.is_empty() {
            create_out_dir(&records_dir)?;
        }
        // The allocations and their log, in a folder of their own likewise.
        let allocations = allocations::tables(store, request.query.court, chinese)?;
        let allocations_dir = request.out_dir.join("allocation");
        if !allocations.is_empty() {
            create_out_dir(&allocations_dir)?;
        }
        // The service of process (送达) of the cases exported, likewise: imported on its own, after
        // the cases.
        let service = service::tables(store, request.query.court, &written.served, chinese)?;
        let service_dir = request.out_dir.join("service");
        if !service.is_empty() {
            create_out_dir(&service_dir)?;
        }
        let ext = request.format.extension();
        let count = tables.len() + records.len() + allocations.len() + service.len();
        let mut files = written.files;
        let placed = tables
            .iter()
            .map(|t| (&request.out_dir, t))
            .chain(records.iter().map(|t| (&records_dir, t)))
            .chain(allocations.iter().map(|t| (&allocations_dir, t)))
            .chain(service.iter().map(|t| (&service_dir, t)));
        for (index, (dir, (name, columns, rows))) in placed.enumerate() {
            progress(ExportProgress::Writing { index, count });
            let path = dir.join(format!("{name}.{ext}"));
            write_table(request.format, &path, name, columns, rows)?;
            files.push(path);
        }
        self.audit(
            store,
            None,
            "export",
            &format!(
                "{} — {} cases, {} events",
                request.out_dir.display(),
                written.cases,
                written.events
            ),
        )?;
        Ok(ExportOutcome {
            cases: written.cases,
            events: written.events,
            files,
        })
    }

    /// The cases, events, parties and payments of the request, one table each (parties and
    /// payments only when there are any; parties with the key and the masked form: the numbers
    /// were never kept).
    fn case_tables(
        &self,
        store: &mut Store,
        request: &ExportRequest,
        served: &HashSet<String>,
    ) -> Result<(Vec<FileTable>, partitioned::Written), AppError> {
        let failed = AppError::from;
        let cases = store.inner.cases(&request.query).map_err(failed)?;
        let events = store.inner.events(&request.query).map_err(failed)?;
        let parties = store.inner.parties_of(&request.query).map_err(failed)?;
        let payments = store.inner.payments_of(&request.query).map_err(failed)?;
        let rules = self.deadline_rules();
        let chinese = request.chinese_header;
        let mut tables: Vec<FileTable> = vec![
            (
                "cases",
                case_columns(chinese),
                cases.iter().map(|c| case_row(c, &rules, chinese)).collect(),
            ),
            (
                "events",
                event_columns(chinese),
                events.iter().map(event_row).collect(),
            ),
        ];
        if !parties.is_empty() {
            let rows = parties
                .iter()
                .flat_map(|case| case.parties.iter().map(|p| party_row(&case.case_no, p)))
                .collect();
            tables.push(("parties", party_columns(chinese), rows));
        }
        if !payments.is_empty() {
            let rows = payments.iter().map(payment_row).collect();
            tables.push(("payments", payment_columns(chinese), rows));
        }
        let written = partitioned::Written {
            cases: cases.len(),
            events: events.len(),
            files: Vec::new(),
            served: cases
                .iter()
                .map(|c| c.case_no.to_string())
                .filter(|n| served.contains(n))
                .collect(),
        };
        Ok((tables, written))
    }
}

impl App {
    /// A case's deadline under the deployment's rules (`None` for types without a limit).
    pub fn case_deadline(&self, case: &shenguan_domain::CaseRecord) -> Option<chrono::NaiveDate> {
        let rules = self.deadline_rules();
        case.deadline(rules.limits, rules.calendar, rules.options)
            .ok()
            .flatten()
    }

    /// A case's deadline with the notes explaining each step (a case page).
    pub fn case_deadline_explained(
        &self,
        case: &shenguan_domain::CaseRecord,
    ) -> Option<shenguan_domain::Deadline> {
        let rules = self.deadline_rules();
        case.deadline_explained(rules.limits, rules.calendar, rules.options)
            .ok()
            .flatten()
    }

    /// The rules the derived deadline column is computed with, as configured.
    pub(crate) fn deadline_rules(&self) -> DeadlineRules<'_> {
        DeadlineRules {
            limits: self.time_limits(),
            calendar: self.calendar(),
            options: DeadlineOptions {
                roll_past_rest_days: self.config().roll_past_rest_days,
            },
        }
    }
}

/// Creates the output folder if it is missing.
pub(crate) fn create_out_dir(dir: &std::path::Path) -> Result<(), AppError> {
    fs::create_dir_all(dir).map_err(|e| AppError::io(dir.display().to_string(), e))
}

/// Writes one table in the chosen format (the sheet name is used by XLSX only).
pub(crate) fn write_table(
    format: ExportFormat,
    path: &std::path::Path,
    sheet: &str,
    columns: &[Column<'_>],
    rows: &[Vec<String>],
) -> Result<(), AppError> {
    match format {
        ExportFormat::Csv => {
            let headers: Vec<&str> = columns.iter().map(|c| c.name).collect();
            write_csv(path, TextEncoding::Utf8, &headers, rows).map_err(|e| AppError::Io {
                path: path.display().to_string(),
                message: io_error_text(&e),
            })
        }
        ExportFormat::Xlsx => Ok(write_xlsx(path, sheet, columns, rows)?),
        ExportFormat::Parquet => Ok(write_parquet(path, columns, rows)?),
    }
}
