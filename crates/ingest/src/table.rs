//! A table read from a file: its header and every data row as text, with the row numbers the user
//! sees in a spreadsheet or text editor; and the column kinds writers keep.

use std::fmt;
use std::path::PathBuf;

use shenguan_domain::{Text, text};

/// A file read as a table of text.
#[derive(Clone, Debug)]
pub struct Table {
    pub path: PathBuf,
    pub format: SourceFormat,
    /// The row of the header as the user sees it (1-based; title rows may stand above it).
    pub header_row: usize,
    pub headers: Vec<String>,
    /// Data rows below the header; wholly blank rows are left out.
    pub rows: Vec<TableRow>,
}

/// One data row: its row number as the user sees it and its cells, aligned with the headers
/// (a short row is padded with empty cells).
#[derive(Clone, Debug)]
pub struct TableRow {
    pub row: usize,
    pub cells: csv::StringRecord,
}

/// What a file was, so that rejects can be written back in the same form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceFormat {
    Csv { encoding: TextEncoding },
    Xlsx { sheet: String },
    Parquet,
}

/// The text encoding of a CSV file, detected on reading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    /// UTF-8 with a byte-order mark (what Excel writes as "CSV UTF-8").
    Utf8Bom,
    /// GBK / GB18030, what Chinese Windows software writes by default.
    Gb18030,
}

/// A file that cannot be read as a table at all (a bad row is not this: it is a row error).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    pub path: PathBuf,
    /// The row the problem is on, when there is one.
    pub row: Option<usize>,
    /// The reason.
    pub message: Text,
}

impl ReadError {
    /// The file, the row and the reason, in both languages.
    pub fn text(&self) -> Text {
        place(&self.path, self.row, &self.message)
    }
}

/// `path 第3行: reason` / `path row 3: reason`, or without the row.
pub(crate) fn place(path: &std::path::Path, row: Option<usize>, message: &Text) -> Text {
    let path = path.display();
    let (zh, en) = (message.zh(), message.en());
    match row {
        Some(row) => text!("{path} 第{row}行: {zh}", "{path} row {row}: {en}"),
        None => text!("{path}: {zh}", "{path}: {en}"),
    }
}

/// In Chinese, the default language; [`ReadError::text`] has both.
impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().zh())
    }
}

impl std::error::Error for ReadError {}

/// How a writer that keeps types (XLSX, Parquet) stores a column. Values are always passed as
/// canonical text: ISO dates, whole numbers, yuan with two decimals; an empty string is null.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColumnKind {
    Text,
    Date,
    Integer,
    Money,
}

/// A column of a table to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column<'a> {
    pub name: &'a str,
    pub kind: ColumnKind,
}
