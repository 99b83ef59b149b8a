//! A simulation written straight to Hive-style partitions of Parquet — the layout of
//! `export --partition-by` (`docs/partitions.md`) — without holding its rows: each partition
//! (court and year of filing) keeps a buffer of typed rows, and when the buffers together pass a
//! budget the fullest is written out as a row group. A network of any number of courts is so
//! written in bounded memory, for data platforms and the benchmarks at scale.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use shenguan_ingest::export::{case_columns, event_columns};
use shenguan_ingest::table::Column;
use shenguan_ingest::write::{Chunk, StreamFormat, TableStream, WriteError, io_failure};
use shenguan_sim::{SimEvent, Simulation};

use super::stream::{push_case, push_event};
use crate::exports::PartitionKey;

/// Cases buffered across all partitions before the fullest is written: with their events, a few
/// hundred megabytes at most, whatever the number of partitions.
const BUFFERED_CASES: usize = 1 << 18;

/// One partition's two files and their buffered rows.
struct Partition {
    cases: TableStream,
    events: TableStream,
    case_rows: Chunk,
    event_rows: Chunk,
}

impl Partition {
    /// Writes the buffered rows as a row group and lets their memory go: a partition is
    /// seldom filled again soon (the simulation hands its cases over year by year), so buffers
    /// kept at their largest would add up to the whole network.
    fn flush(&mut self, columns: &Columns) -> Result<(), WriteError> {
        if self.case_rows.rows() > 0 {
            self.cases.write(&self.case_rows)?;
            self.case_rows = Chunk::new(&columns.cases);
        }
        if self.event_rows.rows() > 0 {
            self.events.write(&self.event_rows)?;
            self.event_rows = Chunk::new(&columns.events);
        }
        Ok(())
    }
}

/// The columns of the two tables.
struct Columns {
    cases: Vec<Column<'static>>,
    events: Vec<Column<'static>>,
}

/// Writes the simulation's cases and events under `out_dir/cases/…` and `out_dir/events/…`,
/// partitioned by `keys`; returns the files written and the number of events. On failure the
/// files begun are removed.
pub(crate) fn write_partitioned(
    sim: &Simulation,
    out_dir: &Path,
    keys: &[PartitionKey],
    progress: &mut dyn FnMut(u64, u64),
) -> Result<(Vec<PathBuf>, usize), WriteError> {
    let mut files = Vec::new();
    let written = write_all(sim, out_dir, keys, &mut files, progress);
    if written.is_err() {
        for file in &files {
            let _ = std::fs::remove_file(file);
        }
    }
    written.map(|events| (files, events))
}

fn write_all(
    sim: &Simulation,
    out_dir: &Path,
    keys: &[PartitionKey],
    files: &mut Vec<PathBuf>,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<usize, WriteError> {
    let columns = Columns {
        cases: case_columns(false),
        events: event_columns(false),
    };
    let mut partitions: BTreeMap<String, Partition> = BTreeMap::new();
    let mut buffered = 0;
    let mut events = 0;
    let mut timeline: Vec<SimEvent<'_>> = Vec::new();
    let mut number = String::new();
    let total = sim.len() as u64;
    for index in 0..sim.len() {
        let case = sim.case(index);
        let folder: Vec<String> = keys
            .iter()
            .map(|k| k.folder_of(case.number.court, case.filed_on))
            .collect();
        let folder = folder.join("/");
        if !partitions.contains_key(&folder) {
            let mut open = |table: &str, columns| -> Result<TableStream, WriteError> {
                let dir = out_dir.join(table).join(&folder);
                std::fs::create_dir_all(&dir).map_err(|e| io_failure(&dir, &e))?;
                let path = dir.join("part-00000.parquet");
                files.push(path.clone());
                TableStream::create(&path, StreamFormat::Parquet, columns)
            };
            let partition = Partition {
                cases: open("cases", &columns.cases)?,
                events: open("events", &columns.events)?,
                case_rows: Chunk::new(&columns.cases),
                event_rows: Chunk::new(&columns.events),
            };
            partitions.insert(folder.clone(), partition);
        }
        let Some(partition) = partitions.get_mut(&folder) else {
            continue;
        };
        number.clear();
        let _ = std::fmt::Write::write_fmt(&mut number, format_args!("{}", case.number));
        push_case(&mut partition.case_rows, &case, &number);
        sim.events(index, &mut timeline);
        for event in &timeline {
            push_event(&mut partition.event_rows, event, &number);
        }
        events += timeline.len();
        buffered += 1;
        if buffered >= BUFFERED_CASES {
            // The fullest partition goes out as a row group; the others keep filling.
            if let Some(fullest) = partitions.values_mut().max_by_key(|p| p.case_rows.rows()) {
                buffered -= fullest.case_rows.rows();
                fullest.flush(&columns)?;
            }
            progress(index as u64 + 1, total);
        }
    }
    for partition in partitions.into_values() {
        let mut partition = partition;
        partition.flush(&columns)?;
        partition.cases.finish()?;
        partition.events.finish()?;
    }
    // Each table folder marked whole, last (as an export marks its partitions).
    for table in ["cases", "events"] {
        let marker = out_dir.join(table).join(crate::exports::SUCCESS);
        std::fs::write(&marker, b"").map_err(|e| io_failure(&marker, &e))?;
        files.push(marker);
    }
    progress(total, total);
    Ok(events)
}
