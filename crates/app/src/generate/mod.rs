//! Use case: generate a simulated court network's cases and events, into the store or into
//! canonical files (with the network's court list beside them); files are streamed
//! ([`stream`]). Gaming can be planted in chosen courts, with the truth written beside
//! ([`plant`]).

mod partitioned;
mod plant;
mod service;
mod stream;

pub use shenguan_sim::network::DEFAULT_CITY;

use std::path::PathBuf;

use chrono::NaiveDate;
use shenguan_domain::Court;
use shenguan_ingest::export::{division_columns, division_row, staff_columns, staff_row};
use shenguan_ingest::table::{Column, ColumnKind, TextEncoding};
use shenguan_ingest::write::StreamFormat;
use shenguan_sim::{SimParams, Simulation, simulate};
use shenguan_store::{Batch, WriteStats};

use crate::exports::{ExportFormat, create_out_dir, write_table};
use crate::{App, AppError, Store, text};

pub use plant::{check_plants, parse_plant};
pub use shenguan_sim::{Plant, PlantKind};

#[derive(Clone, Debug, PartialEq)]
pub struct GenerateRequest {
    pub seed: u64,
    pub basic_courts: usize,
    /// The intermediate court's number (`--city`, 1–70): 14 makes 湘14 and 湘1402….
    pub city: u8,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// A filing-volume multiplier, or …
    pub scale: Option<f64>,
    /// … about this many cases in all.
    pub cases: Option<u64>,
    pub threads: usize,
    /// Also write the engine's case snapshot here.
    pub snapshot: Option<PathBuf>,
    /// Also simulate service of process (送达) into the store: the demonstration's, not a
    /// benchmark's, for it adds several tasks a case.
    pub service: bool,
    /// Gaming planted in chosen courts (`--plant`), none for an honest network.
    pub plants: Vec<Plant>,
    /// Write the cases the plants bent here (`--plant-truth`).
    pub plant_truth: Option<PathBuf>,
}

/// Where the generated data goes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GenerateTarget {
    Store,
    Files {
        out_dir: PathBuf,
        format: ExportFormat,
        /// Empty: one file per table. Otherwise (Parquet) the cases and events go straight to
        /// Hive-style partitions (`partitioned.rs`).
        partition_by: Vec<crate::exports::PartitionKey>,
    },
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GenerateOutcome {
    pub cases: usize,
    pub events: usize,
    pub courts: usize,
    pub written: Option<WriteStats>,
    pub files: Vec<PathBuf>,
    /// What the user should know of the way (the indicators' columns rebuilt or not kept).
    pub notes: Vec<crate::Text>,
}

/// Cases handed to the store at a time when a network is generated into it.
const STORE_BLOCK: usize = 65_536;

impl App {
    pub fn simulate(&self, request: &GenerateRequest) -> Result<Simulation, AppError> {
        if request.to < request.from {
            return Err(AppError::Invalid(text!(
                "--to 早于 --from",
                "--to is before --from"
            )));
        }
        let earliest = NaiveDate::from_ymd_opt(1949, 1, 1).unwrap_or(NaiveDate::MIN);
        if request.from < earliest || request.to > self.today() {
            let today = self.today();
            return Err(AppError::Invalid(text!(
                "模拟期间须在1949-01-01至今天（{today}）之间",
                "the span must lie between 1949-01-01 and today ({today})"
            )));
        }
        if request.basic_courts == 0 || request.basic_courts > 60 {
            return Err(AppError::Invalid(text!(
                "--courts 须在1至60之间",
                "--courts must be 1 to 60"
            )));
        }
        // By the courts' numbering rule 71 and above name railway, maritime and other special
        // courts, not a city's intermediate court (`CourtCode::kind`).
        if !(1..=70).contains(&request.city) {
            let city = request.city;
            return Err(AppError::Invalid(text!(
                "--city 须在1至70之间（地市中级法院在省内的编号；71及以上为专门法院），而非{city}",
                "--city must be 1 to 70 (a city's intermediate court number in the province; 71 and above are special courts), not {city}"
            )));
        }
        let mut params = SimParams::new(request.seed, request.from, request.to);
        params.basic_courts = request.basic_courts;
        params.city = request.city;
        if !request.plants.is_empty() {
            let network: Vec<_> =
                shenguan_sim::network::build(request.basic_courts, request.city, request.seed)
                    .iter()
                    .map(|c| c.code)
                    .collect();
            check_plants(&request.plants, &network)?;
            params.plants = request.plants.clone();
        }
        params.threads = request.threads.max(1);
        // The model writes the deadlines out: they follow the deployment's rules.
        params.deadline_options = self.deadline_rules().options;
        params.scale = match (request.scale, request.cases) {
            (Some(scale), _) if scale > 0.0 && scale.is_finite() => scale,
            (Some(scale), _) => {
                return Err(AppError::Invalid(text!(
                    "--scale {scale} 须为正数",
                    "--scale {scale} must be a positive number"
                )));
            }
            (None, Some(cases)) => params.scale_for_cases(cases),
            (None, None) => 1.0,
        };
        Ok(simulate(&params, self.calendar(), self.time_limits()))
    }

    /// How believable each full calendar year of the requested network is: the realism
    /// measures beside their bands (`shenguan_sim::realism`). The span's first year is left out:
    /// the network starts it empty, with nothing carried over from the year before. Nothing is
    /// written.
    pub fn realism(
        &self,
        request: &GenerateRequest,
    ) -> Result<Vec<(i32, Vec<shenguan_sim::calibration::Check>)>, AppError> {
        use chrono::Datelike;
        let sim = self.simulate(request)?;
        let cases = sim.case_records();
        let events = sim.event_records();
        let staff = sim.staff();
        let (parties, payments) = sim.parties_and_payments(0..sim.len(), None);
        let first = request.from.year() + 1;
        let last = if request.to.month() == 12 && request.to.day() == 31 {
            request.to.year()
        } else {
            request.to.year() - 1
        };
        Ok((first..=last)
            .map(|year| {
                let records = shenguan_sim::realism::Records {
                    cases: &cases,
                    events: &events,
                    staff: &staff,
                    parties: &parties,
                    payments: &payments,
                };
                let realism = shenguan_sim::realism::measure(records, year, self.calendar());
                (year, realism.checks())
            })
            .collect())
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
            cases: sim.len(),
            events: 0,
            courts: sim.courts().len(),
            written: None,
            files: Vec::new(),
            notes: Vec::new(),
        };
        let mut from_model = None;
        match (target, store) {
            (GenerateTarget::Store, Some(store)) => {
                store
                    .inner
                    .write_courts(&network_courts(&sim))
                    .map_err(AppError::from)?;
                // A block of cases at a time, all in one transaction: ten million cases and
                // their events never sit in memory as records at once.
                let total = sim.len();
                let mut next = 0;
                let staff = sim.staff();
                // Parties are keyed under the network's secret; a PostgreSQL store without one
                // configured gets the simulated parties without keys (their numbers masked).
                let secret = match self.identity_key_path(store) {
                    Ok(_) => Some(self.identity_secret(store)?),
                    Err(_) => None,
                };
                let divisions = sim.divisions();
                // The petition register of the simulated network, told from the cases and written
                // with them, in the same transaction.
                let petitions = sim.petitions(secret.as_deref());
                let register = shenguan_store::RecordsWrite {
                    // And the high court's notices of the half-years it covers, for the ranking.
                    notices: sim.notices(&petitions),
                    // And the judicial assistance its petitioners applied for.
                    assistance: sim.assistance(&petitions),
                    petitions,
                    ..Default::default()
                };
                let stats = store
                    .inner
                    .write_import_all(
                        &staff,
                        &divisions,
                        &mut || {
                            progress(next as u64, total as u64);
                            if next >= total {
                                return None;
                            }
                            let end = (next + STORE_BLOCK).min(total);
                            let (cases, told) = sim.records_of(next..end);
                            let (parties, payments) =
                                sim.parties_and_payments(next..end, secret.as_deref());
                            next = end;
                            Some(Batch {
                                cases: cases.into(),
                                events: told.into(),
                                parties: parties.into(),
                                payments: payments.into(),
                            })
                        },
                        &register,
                        &mut |_| {},
                    )
                    .map_err(AppError::from)?;
                // The count shown is the store's own: the events it added.
                outcome.events = usize::try_from(stats.events_added).unwrap_or(usize::MAX);
                outcome.written = Some(stats);
                if request.service {
                    self.write_simulated_service(&sim, store, secret.as_deref())?;
                }
                // The indicators' columns, fresh for the next reader: straight from the model
                // when the store holds nothing else (no read back), else rebuilt from the store.
                let held = store.inner.count_cases().map_err(AppError::from)?;
                let mut note = |text: &crate::Text| outcome.notes.push(text.clone());
                // Service flows are read from the store, so a network with service is counted
                // from it.
                if held == stats.added && stats.updated == 0 && !request.service {
                    let cases = self.cases_from_simulation(&sim)?;
                    self.store_columns(store, &cases, &mut note)?;
                    from_model = Some(cases);
                } else {
                    let cases = self.columns(store, &mut note)?;
                    // With service, the snapshot is the store's columns too: they hold what the
                    // model's do not.
                    if request.service {
                        from_model = Some(cases);
                    }
                }
            }
            (
                GenerateTarget::Files {
                    out_dir,
                    format,
                    partition_by,
                },
                _,
            ) => {
                let (files, events) =
                    self.write_files(&sim, out_dir, *format, partition_by, progress)?;
                outcome.files = files;
                outcome.events = events;
            }
            (GenerateTarget::Store, None) => {
                return Err(AppError::Invalid(text!(
                    "没有可写入的数据库",
                    "there is no store to write to"
                )));
            }
        }
        if let Some(path) = &request.plant_truth {
            plant::write_truth(&sim, path)?;
            outcome.files.push(path.clone());
        }
        if let Some(path) = &request.snapshot {
            // The model's columns are built once, for the store and the file alike.
            let cases = match from_model {
                Some(cases) => cases,
                None => self.cases_from_simulation(&sim)?,
            };
            self.write_snapshot(&cases, path)?;
            outcome.files.push(path.clone());
        }
        Ok(outcome)
    }

    /// Streams the cases and events, then writes the court list; returns the files and the
    /// number of events.
    fn write_files(
        &self,
        sim: &Simulation,
        out_dir: &std::path::Path,
        format: ExportFormat,
        partition_by: &[crate::exports::PartitionKey],
        progress: &mut dyn FnMut(u64, u64),
    ) -> Result<(Vec<PathBuf>, usize), AppError> {
        create_out_dir(out_dir)?;
        let (stream_format, ext) = match format {
            ExportFormat::Parquet => (StreamFormat::Parquet, "parquet"),
            _ if !partition_by.is_empty() => {
                return Err(AppError::Invalid(text!(
                    "分区输出只用于 Parquet 格式（--format parquet）",
                    "partitioned output is Parquet only (--format parquet)"
                )));
            }
            _ => (StreamFormat::Csv(TextEncoding::Utf8), "csv"),
        };
        // The cases and events: one file each, or straight into partitions.
        let (mut files, count) = if partition_by.is_empty() {
            let cases = out_dir.join(format!("cases.{ext}"));
            let events = out_dir.join(format!("events.{ext}"));
            let count = stream::write_simulation(sim, stream_format, &cases, &events, progress)
                .map_err(AppError::from)?;
            (vec![cases, events], count)
        } else {
            partitioned::write_partitioned(sim, out_dir, partition_by, progress)
                .map_err(AppError::from)?
        };
        // The court list in the canonical form `courts.file` reads: full and short names.
        let court_columns =
            ["court_code", "name", "short_name", "parent_code"].map(|name| Column {
                name,
                kind: ColumnKind::Text,
            });
        let courts = out_dir.join(format!("courts.{ext}"));
        let rows: Vec<Vec<String>> = network_courts(sim)
            .into_iter()
            .map(|court| {
                let parent = court.parent.map(|p| p.to_string()).unwrap_or_default();
                vec![
                    court.code.to_string(),
                    court.name,
                    court.short_name.unwrap_or_default(),
                    parent,
                ]
            })
            .collect();
        write_table(format, &courts, "courts", &court_columns, &rows)?;
        // The staff list the cases' 承办人工号 refer to.
        let staff = out_dir.join(format!("staff.{ext}"));
        let rows: Vec<Vec<String>> = sim.staff().iter().map(staff_row).collect();
        write_table(format, &staff, "staff", &staff_columns(false), &rows)?;
        let divisions = out_dir.join(format!("divisions.{ext}"));
        let rows: Vec<Vec<String>> = sim.divisions().iter().map(division_row).collect();
        write_table(
            format,
            &divisions,
            "divisions",
            &division_columns(false),
            &rows,
        )?;
        // The parties (with their fictional identity numbers, as a case system exports them)
        // and the enforcement money.
        let parties = out_dir.join(format!("parties.{ext}"));
        let payments = out_dir.join(format!("payments.{ext}"));
        stream::write_parties(sim, stream_format, &parties, &payments).map_err(AppError::from)?;
        files.extend([courts, staff, divisions, parties, payments]);
        Ok((files, count))
    }
}

/// The simulated network as a court list: each court with the one above it.
pub(crate) fn network_courts(sim: &Simulation) -> Vec<Court> {
    sim.courts()
        .iter()
        .map(|court| Court {
            code: court.code,
            name: court.name.clone(),
            short_name: Some(court.short_name.clone()),
            parent: court.code.default_parent(),
        })
        .collect()
}
