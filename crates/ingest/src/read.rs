//! Reading a CSV, XLSX or Parquet file into a [`Table`] of text: the format chosen by the file's
//! extension, title rows above the header skipped, wholly blank rows left out, and every row
//! numbered as the user sees it in a spreadsheet or text editor.
//!
//! What each format contributes is in its own module: `delimited` (CSV and tab-separated text in
//! UTF-8 or GB18030), `spreadsheet` (XLSX through calamine), `columnar` (Parquet through the
//! parquet crate's record API). This module owns what they share: the choice of format, the
//! search for the header and the shape of each row.
//!
//! Readings chosen here:
//! - Header cells are trimmed, and empty header cells at the end of the header row are dropped
//!   (a merged title or a stray note can make a sheet wider than its table). Data cells are kept
//!   exactly as read; trimming them is the validator's business.
//! - A data row shorter than the header is padded with empty cells. Cells beyond the header are
//!   dropped when they are empty (or only spaces) and make the file unreadable when they are not:
//!   a value with no column would otherwise be lost without a word.
//! - A row is wholly blank when every cell is empty or only spaces; it is left out but keeps its
//!   number, so the rows after it keep theirs.

mod archive;
mod columnar;
mod delimited;
mod spreadsheet;

use std::path::Path;

use shenguan_domain::{Text, text};

use crate::table::{ReadError, SourceFormat, Table, TableRow};

/// How many non-blank rows at the top of a CSV or XLSX file are searched for the header.
pub const HEADER_SEARCH_ROWS: usize = 20;

/// How many data rows [`read_table_counting`] reads between two counts: often enough for a
/// display to move, rarely enough to cost nothing beside the reading.
pub const COUNT_EVERY: usize = 10_000;

/// The extensions `read_table` accepts, as named in its error message.
const ACCEPTED: &str = ".csv, .txt, .xlsx, .xlsm, .parquet";

/// Reads a whole file as a table of text.
///
/// The format follows the extension, in any letter case: `.csv` and `.txt` are delimited text
/// (comma, or tab when the header row has tabs and no commas), `.xlsx` and `.xlsm` are
/// spreadsheets, `.parquet` is Parquet. `sheet` chooses a worksheet of a spreadsheet (the first
/// one when `None`) and is ignored for the other formats.
///
/// `is_header` is asked about each of the first [`HEADER_SEARCH_ROWS`] non-blank rows of a CSV or
/// XLSX file, with its cells trimmed and the empty cells at the end left off; the first row it
/// accepts is the header and the rows above it are titles. A Parquet file's header is its column
/// names.
pub fn read_table(
    path: &Path,
    sheet: Option<&str>,
    is_header: &dyn Fn(&[&str]) -> bool,
) -> Result<Table, ReadError> {
    read_table_counting(path, sheet, is_header, &mut |_| {})
}

/// [`read_table`], telling `counted` the number of data rows read so far every
/// [`COUNT_EVERY`] rows and once at the end — for a progress display while a large file is read.
pub fn read_table_counting(
    path: &Path,
    sheet: Option<&str>,
    is_header: &dyn Fn(&[&str]) -> bool,
    counted: &mut dyn FnMut(usize),
) -> Result<Table, ReadError> {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    match extension.as_str() {
        "csv" | "txt" => delimited::read(path, is_header, counted),
        "xlsx" | "xlsm" => spreadsheet::read(path, sheet, is_header, counted),
        "parquet" => columnar::read(path, counted),
        _ => Err(unsupported_extension(path, &extension)),
    }
}

fn unsupported_extension(path: &Path, extension: &str) -> ReadError {
    let (zh, en) = if extension.is_empty() {
        ("（无扩展名）".to_string(), "(no extension)".to_string())
    } else {
        (format!("“.{extension}”"), format!("\".{extension}\""))
    };
    let hint = match extension {
        "xls" | "et" => (
            "请在 Excel 或 WPS 中另存为 .xlsx",
            " Save it as .xlsx in Excel or WPS.",
        ),
        _ => ("", ""),
    };
    let zh_hint = if hint.0.is_empty() {
        String::new()
    } else {
        format!("，{}", hint.0)
    };
    let en_hint = hint.1;
    failure(
        path,
        None,
        text!(
            "不支持的文件类型{zh}，可读取 {ACCEPTED}{zh_hint}",
            "unsupported file type {en}; accepted: {ACCEPTED}.{en_hint}"
        ),
    )
}

/// A `ReadError` for `path`.
pub(crate) fn failure(path: &Path, row: Option<usize>, message: Text) -> ReadError {
    ReadError {
        path: path.to_path_buf(),
        row,
        message,
    }
}

/// True when every cell is empty or only spaces.
pub(crate) fn is_blank<'a>(mut cells: impl Iterator<Item = &'a str>) -> bool {
    cells.all(|cell| cell.trim().is_empty())
}

/// The header row's cells as `is_header` sees them: trimmed, empty cells at the end left off.
fn header_cells(cells: &csv::StringRecord) -> Vec<&str> {
    let mut trimmed: Vec<&str> = cells.iter().map(str::trim).collect();
    while trimmed.last().is_some_and(|cell| cell.is_empty()) {
        trimmed.pop();
    }
    trimmed
}

/// Builds a table from rows given one at a time, top to bottom: finds the header among the first
/// non-blank rows, then shapes every data row to the header's width.
pub(crate) struct Assembler<'a> {
    path: &'a Path,
    is_header: &'a dyn Fn(&[&str]) -> bool,
    /// Non-blank rows seen while the header is still being looked for.
    searched: usize,
    header: Option<(usize, Vec<String>)>,
    rows: Vec<TableRow>,
    column_offset: usize,
    /// Told the number of data rows every [`COUNT_EVERY`] rows and at the end.
    counted: Option<&'a mut dyn FnMut(usize)>,
}

fn never(_: &[&str]) -> bool {
    false
}

impl<'a> Assembler<'a> {
    pub(crate) fn new(path: &'a Path, is_header: &'a dyn Fn(&[&str]) -> bool) -> Self {
        Assembler {
            path,
            is_header,
            searched: 0,
            header: None,
            rows: Vec::new(),
            column_offset: 0,
            counted: None,
        }
    }

    /// Tells `counted` how many data rows have been read, as [`read_table_counting`] says.
    pub(crate) fn counting(mut self, counted: &'a mut dyn FnMut(usize)) -> Self {
        self.counted = Some(counted);
        self
    }

    /// Starts with a known header (Parquet's column names) instead of looking for one.
    pub(crate) fn with_header(path: &'a Path, header_row: usize, headers: Vec<String>) -> Self {
        Assembler {
            header: Some((header_row, headers)),
            ..Assembler::new(path, &never)
        }
    }

    /// Numbers columns in messages from `offset + 1` (a sheet whose used range starts right of
    /// column A).
    pub(crate) fn with_column_offset(mut self, offset: usize) -> Self {
        self.column_offset = offset;
        self
    }

    /// Takes the next row of the file, numbered as the user sees it.
    pub(crate) fn push(
        &mut self,
        row: usize,
        mut cells: csv::StringRecord,
    ) -> Result<(), ReadError> {
        if is_blank(cells.iter()) {
            return Ok(());
        }
        let Some((_, headers)) = &self.header else {
            let candidate = header_cells(&cells);
            if (self.is_header)(&candidate) {
                let headers = candidate.into_iter().map(str::to_string).collect();
                self.header = Some((row, headers));
                return Ok(());
            }
            self.searched += 1;
            if self.searched >= HEADER_SEARCH_ROWS {
                return Err(self.no_header());
            }
            return Ok(());
        };
        let width = headers.len();
        if cells.len() > width {
            if let Some((offset, extra)) = cells
                .iter()
                .enumerate()
                .skip(width)
                .find(|(_, cell)| !cell.trim().is_empty())
            {
                return Err(failure(
                    self.path,
                    Some(row),
                    text!(
                        "第{column}列有值“{extra}”，但表头只有{width}列",
                        "column {column} holds \"{extra}\" but the header has only {width} columns",
                        column = self.column_offset + offset + 1,
                    ),
                ));
            }
            cells.truncate(width);
        }
        while cells.len() < width {
            cells.push_field("");
        }
        self.rows.push(TableRow { row, cells });
        if self.rows.len().is_multiple_of(COUNT_EVERY)
            && let Some(counted) = &mut self.counted
        {
            counted(self.rows.len());
        }
        Ok(())
    }

    pub(crate) fn finish(mut self, format: SourceFormat) -> Result<Table, ReadError> {
        let Some((header_row, headers)) = self.header.take() else {
            return Err(self.no_header());
        };
        if let Some(counted) = &mut self.counted {
            counted(self.rows.len());
        }
        Ok(Table {
            path: self.path.to_path_buf(),
            format,
            header_row,
            headers,
            rows: self.rows,
        })
    }

    fn no_header(&self) -> ReadError {
        failure(
            self.path,
            None,
            text!(
                "在前{HEADER_SEARCH_ROWS}行中未找到表头（应含“案号”或 case_no 等列名）",
                "no header row found in the first {HEADER_SEARCH_ROWS} rows"
            ),
        )
    }
}
