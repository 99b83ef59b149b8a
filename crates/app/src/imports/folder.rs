//! A folder named to import: the data files under it — a partitioned export
//! (`cases/court_code=…/year=…/part-….parquet`), an export's folder, a province's gathering of its
//! courts' exports — found by walking it, in a fixed order (`docs/partitions.md`).

use std::path::{Path, PathBuf};

use shenguan_domain::{Text, text};

use crate::AppError;

/// The extensions of the files a folder contributes: the data files `read_table` reads, but not
/// `.txt`, which beside an export is more often a note than a table (name it to import it).
const DATA_EXTENSIONS: [&str; 4] = ["csv", "xlsx", "xlsm", "parquet"];

/// How deep a folder is walked: a partitioned export is three levels deep; a gathering of
/// exports a few more. Deeper is a mistake (or a loop of links), not data.
const MAX_DEPTH: usize = 12;

/// How many files one import takes from folders: a province of 200 courts over twenty years,
/// four tables each, is 16 000.
const MAX_FILES: usize = 100_000;

/// The service folder of an export, imported on its own after the cases (`service.rs`).
const SERVICE_FOLDER: &str = "service";

/// The allocation folder of an export: the allocations and their hash-chained log are the
/// record of the store that made them, kept to be checked, not imported into another.
const ALLOCATION_FOLDER: &str = "allocation";

/// The request's files with each folder replaced by the data files under it, and a note for
/// what a folder held that is not imported with the rest. Plain files are kept as given.
pub(super) fn expand(given: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<Text>), AppError> {
    let mut files = Vec::with_capacity(given.len());
    let mut notes = Vec::new();
    for path in given {
        if !path.is_dir() {
            files.push(path.clone());
            continue;
        }
        let mut walk = Walk::default();
        walk.folder(path, 0)?;
        if walk.files.is_empty() {
            let shown = path.display().to_string();
            return Err(AppError::Io {
                path: shown,
                message: text!(
                    "文件夹中没有可导入的文件（.csv、.xlsx、.xlsm、.parquet）",
                    "the folder holds no file to import (.csv, .xlsx, .xlsm, .parquet)"
                ),
            });
        }
        walk.files.sort();
        if files.len() + walk.files.len() > MAX_FILES {
            return Err(too_many(path));
        }
        files.append(&mut walk.files);
        for allocation in walk.allocation {
            let shown = allocation.display().to_string();
            notes.push(text!(
                "{shown}：分案记录及其哈希链日志属于导出它的数据库，不导入",
                "{shown}: the allocations and their hash-chained log belong to the store that exported them and are not imported"
            ));
        }
        for service in walk.service {
            let shown = service.display().to_string();
            notes.push(text!(
                "{shown}：送达记录在案件之后单独导入（shenguan import {shown}）",
                "{shown}: the service records are imported on their own, after the cases (shenguan import {shown})"
            ));
        }
        if walk.other > 0 {
            let (shown, other) = (path.display().to_string(), walk.other);
            notes.push(text!(
                "{shown}：{other}个文件不是 .csv、.xlsx、.xlsm 或 .parquet，未读取",
                "{shown}: {other} files are not .csv, .xlsx, .xlsm or .parquet and were not read"
            ));
        }
        if walk.links > 0 {
            let (shown, links) = (path.display().to_string(), walk.links);
            notes.push(text!(
                "{shown}：{links}个链接未跟随（请直接给出其所指的文件夹）",
                "{shown}: {links} links were not followed (name the folders they point to)"
            ));
        }
    }
    Ok((files, notes))
}

#[derive(Default)]
struct Walk {
    files: Vec<PathBuf>,
    /// The service folders met below the folder named (they are not read with the cases).
    service: Vec<PathBuf>,
    /// The allocation folders met below it (not imported at all).
    allocation: Vec<PathBuf>,
    /// Files of other kinds, not read.
    other: usize,
    /// Links, not followed.
    links: usize,
}

impl Walk {
    fn folder(&mut self, dir: &Path, depth: usize) -> Result<(), AppError> {
        let failed = |e: std::io::Error| AppError::io(dir.display().to_string(), e);
        if depth > MAX_DEPTH {
            let shown = dir.display().to_string();
            return Err(AppError::Io {
                path: shown,
                message: text!(
                    "文件夹嵌套超过{MAX_DEPTH}层",
                    "folders nest more than {MAX_DEPTH} deep"
                ),
            });
        }
        for entry in std::fs::read_dir(dir).map_err(failed)? {
            let entry = entry.map_err(failed)?;
            let name = entry.file_name();
            let name = name.to_string_lossy();
            // Hidden files and those an engine writes beside its data (Spark's _SUCCESS and
            // .crc checksums) are not data.
            if name.starts_with('.') || name.starts_with('_') {
                continue;
            }
            let path = entry.path();
            // Links are not followed: a link back up the tree would be walked for ever.
            let kind = entry.file_type().map_err(failed)?;
            if kind.is_dir() {
                if name == SERVICE_FOLDER {
                    self.service.push(path);
                } else if name == ALLOCATION_FOLDER {
                    self.allocation.push(path);
                } else {
                    self.folder(&path, depth + 1)?;
                }
            } else if kind.is_symlink() {
                self.links += 1;
            } else if kind.is_file() && is_data(&path) {
                self.files.push(path);
                if self.files.len() > MAX_FILES {
                    return Err(too_many(dir));
                }
            } else {
                self.other += 1;
            }
        }
        Ok(())
    }
}

/// A walk that found more files than one import takes.
fn too_many(dir: &Path) -> AppError {
    AppError::Io {
        path: dir.display().to_string(),
        message: text!(
            "文件夹中的文件超过{MAX_FILES}个：请分批导入",
            "the folders hold more than {MAX_FILES} files: import them in parts"
        ),
    }
}

fn is_data(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| DATA_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}
