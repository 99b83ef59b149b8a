//! Writing tables of text out as CSV (UTF-8, UTF-8 with a byte-order mark, or GB18030), XLSX
//! (dates, whole numbers and money kept as typed cells) and Parquet (typed columns). The same
//! input always gives byte-identical files.
//!
//! Values come as canonical text (ISO dates, whole numbers, yuan with at most two decimals; the
//! empty string is no value). Rows shorter than the header are padded with empty cells. What each
//! writer does with a value that is not canonical for its column kind:
//! - CSV has no kinds: every cell is written as it is, extra cells past the header too.
//! - XLSX writes it as text, so nothing is lost; extra cells past the header are written too.
//! - Parquet cannot hold text in a date or number column: it refuses the table with a
//!   [`WriteError`] naming the row and column, and so it does for a non-empty cell past the
//!   last column. Rejects of a Parquet file are therefore written with all-`Text` columns.
//!
//! Millions of rows go through [`TableStream`] instead: typed [`Chunk`]s, written as they come,
//! to CSV or Parquet.
//!
//! Submodules: `delimited` (CSV), `spreadsheet` (XLSX), `columnar` (Parquet), `chunk` (typed
//! blocks of rows).

mod chunk;
mod columnar;
mod delimited;
mod spreadsheet;

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use shenguan_domain::{Text, text};

pub use chunk::{Chunk, ColumnValues};
pub use columnar::{ParquetStream, write_parquet};
use delimited::Unencodable;
pub use delimited::{CsvStream, write_csv};
pub use spreadsheet::write_xlsx;

use crate::table::{Column, TextEncoding};

/// The formats a table can be streamed in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StreamFormat {
    Csv(TextEncoding),
    Parquet,
}

/// A table written a chunk at a time. Dropped before [`TableStream::finish`], a Parquet file
/// removes itself; a CSV file stays as far as it got.
#[derive(Debug)]
pub enum TableStream {
    Csv { path: PathBuf, stream: CsvStream },
    Parquet(ParquetStream),
}

impl TableStream {
    pub fn create(
        path: &Path,
        format: StreamFormat,
        columns: &[Column<'_>],
    ) -> Result<TableStream, WriteError> {
        Ok(match format {
            StreamFormat::Csv(encoding) => {
                let headers: Vec<&str> = columns.iter().map(|c| c.name).collect();
                TableStream::Csv {
                    path: path.to_path_buf(),
                    stream: CsvStream::create(path, encoding, &headers)
                        .map_err(|e| io_failure(path, &e))?,
                }
            }
            StreamFormat::Parquet => TableStream::Parquet(ParquetStream::create(path, columns)?),
        })
    }

    pub fn write(&mut self, chunk: &Chunk) -> Result<(), WriteError> {
        match self {
            TableStream::Csv { path, stream } => {
                stream.write(chunk).map_err(|e| io_failure(path, &e))
            }
            TableStream::Parquet(stream) => stream.write(chunk),
        }
    }

    pub fn finish(self) -> Result<(), WriteError> {
        match self {
            TableStream::Csv { path, stream } => stream.finish().map_err(|e| io_failure(&path, &e)),
            TableStream::Parquet(stream) => stream.finish(),
        }
    }
}

/// A file or folder that could not be written, named with the system's reason.
pub fn io_failure(path: &Path, e: &std::io::Error) -> WriteError {
    let (zh, en) = match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<Unencodable>())
    {
        Some(Unencodable(why)) => (why.zh().to_string(), why.en().to_string()),
        None => (e.to_string(), e.to_string()),
    };
    write_failure(
        path,
        None,
        text!("无法写入文件：{zh}", "cannot write the file: {en}"),
    )
}

/// What went wrong in an `io::Error` of a writer here, in both languages: a character a GB18030
/// file cannot hold is said in each; the system's own message (in one language) as it is.
pub fn io_error_text(e: &std::io::Error) -> Text {
    match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<Unencodable>())
    {
        Some(Unencodable(why)) => why.clone(),
        None => Text::same(e.to_string()),
    }
}

/// A table that could not be written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WriteError {
    pub path: PathBuf,
    /// The row of the written file the problem is on (the header is row 1), when there is one.
    pub row: Option<usize>,
    /// The reason.
    pub message: Text,
}

impl WriteError {
    /// The file, the row and the reason, in both languages.
    pub fn text(&self) -> Text {
        crate::table::place(&self.path, self.row, &self.message)
    }
}

/// In Chinese, the default language; [`WriteError::text`] has both.
impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().zh())
    }
}

impl std::error::Error for WriteError {}

pub(crate) fn write_failure(path: &Path, row: Option<usize>, message: Text) -> WriteError {
    WriteError {
        path: path.to_path_buf(),
        row,
        message,
    }
}

/// A canonical date, `YYYY-MM-DD` exactly.
pub(crate) fn parse_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let digits_at = |range: std::ops::Range<usize>| bytes[range].iter().all(u8::is_ascii_digit);
    if bytes.len() != 10
        || bytes[4] != b'-'
        || bytes[7] != b'-'
        || !digits_at(0..4)
        || !digits_at(5..7)
        || !digits_at(8..10)
    {
        return None;
    }
    NaiveDate::from_ymd_opt(
        text[0..4].parse().ok()?,
        text[5..7].parse().ok()?,
        text[8..10].parse().ok()?,
    )
}

/// A canonical whole number: an optional `-`, then digits without leading zeros.
pub(crate) fn parse_integer(text: &str) -> Option<i64> {
    let digits = text.strip_prefix('-').unwrap_or(text);
    if !plain_digits(digits) {
        return None;
    }
    text.parse().ok()
}

/// The largest amount a `DECIMAL(18,2)` holds, in fen.
pub(crate) const MAX_FEN: i64 = 999_999_999_999_999_999;

/// A canonical amount of yuan in fen, exactly: an optional `-`, digits without leading zeros, and
/// an optional fraction of which only two digits may be non-zero (`1234.5` is 123450 fen,
/// `1234.500` too; `1234.567` is not an amount). At most `DECIMAL(18,2)`.
pub(crate) fn parse_fen(text: &str) -> Option<i64> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = match rest.split_once('.') {
        Some((whole, fraction)) if !fraction.is_empty() => (whole, fraction),
        Some(_) => return None,
        None => (rest, ""),
    };
    if !plain_digits(whole) || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (cents, rest) = fraction.split_at(fraction.len().min(2));
    if rest.bytes().any(|b| b != b'0') {
        return None;
    }
    let cents: i64 = match cents.len() {
        0 => 0,
        1 => cents.parse::<i64>().ok()? * 10,
        _ => cents.parse().ok()?,
    };
    let fen = whole
        .parse::<i64>()
        .ok()?
        .checked_mul(100)?
        .checked_add(cents)?;
    if fen > MAX_FEN {
        return None;
    }
    Some(if negative { -fen } else { fen })
}

/// Digits, at least one, and no leading zero unless the number is 0.
fn plain_digits(text: &str) -> bool {
    !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text.len() == 1 || !text.starts_with('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_values_parse_exactly() {
        assert_eq!(parse_fen("1234.5"), Some(123_450));
        assert_eq!(parse_fen("1234.50"), Some(123_450));
        assert_eq!(parse_fen("1234.500"), Some(123_450));
        assert_eq!(parse_fen("-0.01"), Some(-1));
        assert_eq!(parse_fen("0"), Some(0));
        assert_eq!(parse_fen("9999999999999999.99"), Some(MAX_FEN));
        for bad in [
            "",
            "-",
            ".5",
            "5.",
            "1234.567",
            "01",
            "+1",
            "1,234.00",
            "1e3",
            "10000000000000000",
        ] {
            assert_eq!(parse_fen(bad), None, "{bad}");
        }
        assert_eq!(parse_integer("-42"), Some(-42));
        for bad in ["", "007", "+5", "4.0", "-"] {
            assert_eq!(parse_integer(bad), None, "{bad}");
        }
        assert_eq!(
            parse_date("2024-02-29"),
            NaiveDate::from_ymd_opt(2024, 2, 29)
        );
        for bad in [
            "2023-02-29",
            "2024-3-5",
            "2024/03/05",
            "+024-03-05",
            "2024-03-05 ",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
