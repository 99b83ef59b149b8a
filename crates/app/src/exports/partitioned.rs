//! The partitioned Parquet export: the case-level tables (cases, events, parties, payments)
//! written court by court into Hive-style folders — `cases/court_code=湘1402/year=2024/part-00000.parquet`,
//! the year being the year of filing — that a province gathers from its courts and that an engine
//! reading such folders (Spark, DuckDB, Trino) takes as they are (`docs/partitions.md`).
//!
//! Each file is a whole canonical file too: `court_code` stays in it beside the folder's value
//! (the two agree; readers that discover partitions take the folder's), so one partition imports
//! on its own. One court's rows are in memory at a time, never the store's.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::Datelike;
use shenguan_domain::{CaseNumber, CaseRecord, CourtCode, CourtScope, text};
use shenguan_ingest::export::{
    case_columns, case_row, event_columns, event_row, party_columns, party_row, payment_columns,
    payment_row,
};
use shenguan_ingest::write::write_parquet;
use shenguan_store::CaseQuery;

use super::{ExportProgress, ExportRequest, create_out_dir};
use crate::{App, AppError, Store};

/// What a partition folder is named by, in the order the folders nest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PartitionKey {
    /// `court_code=…`: the case's court.
    Court,
    /// `year=…`: the year the case was filed (立案年度), not the case number's year.
    Year,
}

impl PartitionKey {
    /// Parses `--partition-by`: `court`, `year` or both, comma-separated, each at most once.
    pub fn parse_list(text: &str) -> Result<Vec<PartitionKey>, AppError> {
        let mut keys = Vec::new();
        for word in text.split(',').map(str::trim) {
            let key = match word.to_ascii_lowercase().as_str() {
                "court" | "court_code" | "法院" => PartitionKey::Court,
                "year" | "年度" => PartitionKey::Year,
                _ => {
                    return Err(AppError::Invalid(text!(
                        "--partition-by “{word}” 须为 court、year 或 court,year",
                        "--partition-by “{word}” must be court, year or court,year"
                    )));
                }
            };
            if keys.contains(&key) {
                return Err(AppError::Invalid(text!(
                    "--partition-by 中“{word}”出现了两次",
                    "--partition-by names “{word}” twice"
                )));
            }
            keys.push(key);
        }
        Ok(keys)
    }

    /// The folder of `case` for this key: `court_code=湘1402`, `year=2024`.
    fn folder(self, case: &CaseRecord) -> String {
        self.folder_of(case.court, case.filed_on)
    }

    /// The folder of a case of `court` filed on `filed_on`.
    pub fn folder_of(self, court: CourtCode, filed_on: chrono::NaiveDate) -> String {
        match self {
            PartitionKey::Court => format!("court_code={court}"),
            PartitionKey::Year => format!("year={}", filed_on.year()),
        }
    }
}

/// The case-level tables, each a folder of partitions.
const TABLES: [&str; 4] = ["cases", "events", "parties", "payments"];

/// What the partitioned part of an export wrote.
pub(super) struct Written {
    pub cases: usize,
    pub events: usize,
    pub files: Vec<PathBuf>,
    /// The numbers of the cases written that have service records (`service::served_cases`).
    pub served: HashSet<String>,
}

/// Writes the case-level tables of the request court by court, partitioned by `keys`.
pub(super) fn write(
    app: &App,
    store: &mut Store,
    request: &ExportRequest,
    keys: &[PartitionKey],
    served: &HashSet<String>,
    progress: &mut dyn FnMut(ExportProgress),
) -> Result<Written, AppError> {
    refuse_earlier_partitions(&request.out_dir)?;
    let failed = AppError::from;
    let courts = store.inner.courts_of(&request.query).map_err(failed)?;
    let rules = app.deadline_rules();
    let chinese = request.chinese_header;
    let mut written = Written {
        cases: 0,
        events: 0,
        files: Vec::new(),
        served: HashSet::new(),
    };
    for (ordinal, court) in courts.iter().enumerate() {
        progress(ExportProgress::Court {
            index: ordinal,
            count: courts.len(),
        });
        let query = one_court(&request.query, *court);
        let cases = store.inner.cases(&query).map_err(failed)?;
        let events = store.inner.events(&query).map_err(failed)?;
        let parties = store.inner.parties_of(&query).map_err(failed)?;
        let payments = store.inner.payments_of(&query).map_err(failed)?;
        // Each case's partition folder; the rows of the other tables follow their case's.
        let folder_of: HashMap<&CaseNumber, String> = cases
            .iter()
            .map(|c| {
                let parts: Vec<String> = keys.iter().map(|k| k.folder(c)).collect();
                (&c.case_no, parts.join("/"))
            })
            .collect();
        // Every event, party and payment read belongs to a case read with the same query.
        let folder = |case_no: &CaseNumber| folder_of.get(case_no).cloned().unwrap_or_default();
        let mut groups: [BTreeMap<String, Vec<Vec<String>>>; 4] = Default::default();
        for case in &cases {
            groups[0]
                .entry(folder(&case.case_no))
                .or_default()
                .push(case_row(case, &rules, chinese));
        }
        for event in &events {
            groups[1]
                .entry(folder(&event.case_no))
                .or_default()
                .push(event_row(event));
        }
        for case in &parties {
            let rows = groups[2].entry(folder(&case.case_no)).or_default();
            rows.extend(case.parties.iter().map(|p| party_row(&case.case_no, p)));
        }
        for payment in &payments {
            groups[3]
                .entry(folder(&payment.case_no))
                .or_default()
                .push(payment_row(payment));
        }
        let columns = [
            case_columns(chinese),
            event_columns(chinese),
            party_columns(chinese),
            payment_columns(chinese),
        ];
        for ((table, columns), groups) in TABLES.iter().zip(&columns).zip(&groups) {
            for (folder, rows) in groups {
                let dir = request.out_dir.join(table).join(folder);
                create_out_dir(&dir)?;
                let path = dir.join(format!("part-{ordinal:05}.parquet"));
                write_parquet(&path, columns, rows)?;
                written.files.push(path);
            }
        }
        written.served.extend(
            cases
                .iter()
                .map(|c| c.case_no.to_string())
                .filter(|n| served.contains(n)),
        );
        written.cases += cases.len();
        written.events += events.len();
    }
    mark_complete(&request.out_dir, &TABLES)?;
    Ok(written)
}

/// The request's query narrowed to one court's own cases.
fn one_court(query: &CaseQuery, court: CourtCode) -> CaseQuery {
    CaseQuery {
        court: Some(CourtScope::alone(court)),
        ..query.clone()
    }
}

/// An earlier export's case tables — partitions, or single files — would be read beside the new
/// partitions by every engine that reads the folder (the same case twice, or a case no longer in
/// scope): the export stops rather than deleting files it did not write in this run.
fn refuse_earlier_partitions(out_dir: &Path) -> Result<(), AppError> {
    for table in TABLES {
        let dir = out_dir.join(table);
        let partitions = std::fs::read_dir(&dir).is_ok_and(|mut e| e.next().is_some());
        let single = ["csv", "xlsx", "parquet"]
            .iter()
            .map(|ext| out_dir.join(format!("{table}.{ext}")))
            .find(|file| file.exists());
        if let Some(found) = partitions.then_some(dir).or(single) {
            let shown = found.display().to_string();
            return Err(AppError::Invalid(text!(
                "{shown} 已存在：分区导出须写入新的目录（旧的数据会与新的分区一起被读取），请换一个 --out 或先移走它",
                "{shown} is already there: a partitioned export needs a fresh folder (the old data would be read with the new partitions); choose another --out or move it away"
            )));
        }
    }
    Ok(())
}

/// Marks each table folder complete, last, as Spark does (`_SUCCESS`): an export stopped part way
/// leaves folders without it, which a reader can tell from a whole one.
pub(crate) fn mark_complete(out_dir: &Path, tables: &[&str]) -> Result<(), AppError> {
    for table in tables {
        let dir = out_dir.join(table);
        if dir.is_dir() {
            let marker = dir.join(SUCCESS);
            std::fs::write(&marker, b"")
                .map_err(|e| AppError::io(marker.display().to_string(), e))?;
        }
    }
    Ok(())
}

/// The name of the marker of a complete table folder.
pub const SUCCESS: &str = "_SUCCESS";

/// A partitioned table folder a single-file export must not be written beside: `out/cases`.
pub(super) fn refuse_partitions_beside(out_dir: &Path) -> Result<(), AppError> {
    for table in TABLES {
        let dir = out_dir.join(table);
        if std::fs::read_dir(&dir).is_ok_and(|mut e| e.next().is_some()) {
            let shown = dir.display().to_string();
            return Err(AppError::Invalid(text!(
                "{shown} 是一次分区导出：单文件导出不能与它写在同一目录（两者会被一起读取），请换一个 --out",
                "{shown} holds a partitioned export: a single-file export cannot go beside it (the two would be read together); choose another --out"
            )));
        }
    }
    Ok(())
}
