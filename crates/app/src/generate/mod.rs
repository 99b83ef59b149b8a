//! Use case: generate a simulated court network's cases and events, into the store or into
//! canonical files (with the network's court list beside them).

use std::path::PathBuf;

use chrono::NaiveDate;
use shenguan_ingest::export::{case_columns, case_row, event_columns, event_row};
use shenguan_ingest::table::{Column, ColumnKind};
use shenguan_sim::{SimParams, Simulation, simulate};
use shenguan_store::{Store, WriteStats};

use crate::exports::{ExportFormat, create_out_dir, write_table};
use crate::{App, AppError};

#[derive(Clone, Debug, PartialEq)]
pub struct GenerateRequest {
    pub seed: u64,
    pub basic_courts: usize,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// A filing-volume multiplier, or …
    pub scale: Option<f64>,
    /// … about this many cases in all.
    pub cases: Option<u64>,
    pub threads: usize,
}

/// Where the generated data goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GenerateTarget {
    Store,
    Files {
        out_dir: PathBuf,
        format: ExportFormat,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenerateOutcome {
    pub cases: usize,
    pub events: usize,
    pub courts: usize,
    pub written: Option<WriteStats>,
    pub files: Vec<PathBuf>,
}

impl App {
    pub fn simulate(&self, request: &GenerateRequest) -> Result<Simulation, AppError> {
        if request.to < request.from {
            return Err(AppError::Invalid(
                "--to 早于 --from; --to is before --from".into(),
            ));
        }
        let earliest = NaiveDate::from_ymd_opt(1949, 1, 1).unwrap_or(NaiveDate::MIN);
        if request.from < earliest || request.to > self.today() {
            return Err(AppError::Invalid(format!(
                "模拟期间须在1949-01-01至今天（{}）之间; the span must lie between 1949-01-01 and today",
                self.today()
            )));
        }
        if request.basic_courts == 0 || request.basic_courts > 60 {
            return Err(AppError::Invalid(
                "--courts 须在1至60之间; --courts must be 1 to 60".into(),
            ));
        }
        let mut params = SimParams::new(request.seed, request.from, request.to);
        params.basic_courts = request.basic_courts;
        params.threads = request.threads.max(1);
        params.scale = match (request.scale, request.cases) {
            (Some(scale), _) if scale > 0.0 && scale.is_finite() => scale,
            (Some(scale), _) => {
                return Err(AppError::Invalid(format!(
                    "--scale {scale} 须为正数; must be positive"
                )));
            }
            (None, Some(cases)) => params.scale_for_cases(cases),
            (None, None) => 1.0,
        };
        Ok(simulate(&params, self.calendar(), self.time_limits()))
    }

    pub fn generate(
        &self,
        request: &GenerateRequest,
        target: &GenerateTarget,
        store: Option<&mut Store>,
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<GenerateOutcome, AppError> {
        let sim = self.simulate(request)?;
        let mut outcome = GenerateOutcome {
            cases: sim.cases.len(),
            events: sim.events.len(),
            courts: sim.courts.len(),
            written: None,
            files: Vec::new(),
        };
        match (target, store) {
            (GenerateTarget::Store, Some(store)) => {
                let total = (sim.cases.len() + sim.events.len()) as u64;
                let stats = store
                    .write_import(&sim.cases, &sim.events, &mut |done| progress(done, total))
                    .map_err(|e| AppError::Invalid(e.to_string()))?;
                outcome.written = Some(stats);
            }
            (GenerateTarget::Files { out_dir, format }, _) => {
                outcome.files = self.write_files(&sim, out_dir, *format)?;
            }
            (GenerateTarget::Store, None) => {
                return Err(AppError::Invalid(
                    "没有可写入的数据库; no store to write to".into(),
                ));
            }
        }
        Ok(outcome)
    }

    fn write_files(
        &self,
        sim: &Simulation,
        out_dir: &std::path::Path,
        format: ExportFormat,
    ) -> Result<Vec<PathBuf>, AppError> {
        create_out_dir(out_dir)?;
        let rules = self.deadline_rules();
        let court_columns = [
            Column {
                name: "code",
                kind: ColumnKind::Text,
            },
            Column {
                name: "name",
                kind: ColumnKind::Text,
            },
        ];
        let ext = match format {
            ExportFormat::Parquet => "parquet",
            _ => "csv",
        };
        // One table at a time, its rows dropped once written, to keep the peak of memory down.
        let mut files = Vec::new();
        let mut emit = |name: &str, columns: &[Column<'_>], rows: Vec<Vec<String>>| {
            let path = out_dir.join(format!("{name}.{ext}"));
            write_table(format, &path, name, columns, &rows)?;
            files.push(path);
            Ok::<(), AppError>(())
        };
        emit(
            "cases",
            &case_columns(false),
            sim.cases
                .iter()
                .map(|c| case_row(c, &rules, false))
                .collect(),
        )?;
        emit(
            "events",
            &event_columns(false),
            sim.events.iter().map(event_row).collect(),
        )?;
        emit(
            "courts",
            &court_columns,
            sim.courts
                .iter()
                .map(|(code, name)| vec![code.to_string(), name.clone()])
                .collect(),
        )?;
        Ok(files)
    }
}
