//! A workbook is a zip archive, and an archive can be a bomb: a few megabytes that unpack into
//! gigabytes. Before a workbook is opened its archive is measured from its directory — how many
//! entries, how large they say they are unpacked, how much each grows — and refused with the
//! reason when it passes a limit. The unpacking reader stops at the size an entry declares, so
//! the declared sizes bound what reading the workbook can take.

use std::path::Path;

use shenguan_domain::{Text, text};

use super::failure;
use crate::table::ReadError;

/// How far a workbook's archive may go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ArchiveLimits {
    /// Entries in the archive (a workbook has a few dozen; thousands of sheets do not occur).
    pub(crate) entries: usize,
    /// All entries unpacked, in bytes.
    pub(crate) unpacked: u64,
    /// How many times an entry of over a megabyte may grow when unpacked (sheet XML grows five to
    /// thirty times; a bomb, a thousand).
    pub(crate) ratio: u64,
}

impl Default for ArchiveLimits {
    fn default() -> Self {
        ArchiveLimits {
            entries: 10_000,
            unpacked: 1 << 30,
            ratio: 200,
        }
    }
}

/// Entries smaller than this unpacked are not held to the ratio (tiny files grow a lot).
const RATIO_FLOOR: u64 = 1 << 20;

/// Refuses an archive past `limits`, naming the limit and what the archive holds.
pub(super) fn check(path: &Path, limits: ArchiveLimits) -> Result<(), ReadError> {
    let file = std::fs::File::open(path).map_err(|e| {
        failure(
            path,
            None,
            text!("无法读取文件：{e}", "cannot read the file: {e}"),
        )
    })?;
    let archive = zip::ZipArchive::new(file).map_err(|e| {
        failure(
            path,
            None,
            text!(
                "无法作为 Excel 工作簿打开：{e}",
                "cannot open as an Excel workbook: {e}"
            ),
        )
    })?;
    let refuse = |zh: String, en: String| failure(path, None, Text::new(zh, en));
    if archive.len() > limits.entries {
        return Err(refuse(
            format!(
                "工作簿内含{}个文件，超过上限{}个，不予读取",
                archive.len(),
                limits.entries
            ),
            format!(
                "the workbook holds {} files, more than the {} allowed; not read",
                archive.len(),
                limits.entries
            ),
        ));
    }
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let Ok(data) = archive.by_index_data(index) else {
            continue;
        };
        let (entry, packed) = (data.size(), data.compressed_size().max(1));
        total = total.saturating_add(entry);
        if entry > RATIO_FLOOR && entry / packed > limits.ratio {
            return Err(refuse(
                format!(
                    "工作簿中有文件解压后膨胀{}倍（上限{}倍），疑为压缩炸弹，不予读取",
                    entry / packed,
                    limits.ratio
                ),
                format!(
                    "a file in the workbook grows {} times when unpacked (at most {}): a zip bomb, not read",
                    entry / packed,
                    limits.ratio
                ),
            ));
        }
    }
    if total > limits.unpacked {
        return Err(refuse(
            format!(
                "工作簿解压后共{}MB，超过上限{}MB，请拆分后导入或改用 CSV",
                total >> 20,
                limits.unpacked >> 20
            ),
            format!(
                "the workbook unpacks to {} MB, more than the {} MB allowed: split it or use CSV",
                total >> 20,
                limits.unpacked >> 20
            ),
        ));
    }
    Ok(())
}
