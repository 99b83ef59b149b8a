//! CSV out: commas, `\n` line ends, a field quoted only when it holds a comma, a quote or a line
//! break (quotes doubled inside), a cell a spreadsheet would run as a formula written with a
//! leading apostrophe (`formula.rs`), in UTF-8, UTF-8 with a byte-order mark, or GB18030.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use encoding_rs::GB18030;
use shenguan_domain::Money;
use shenguan_domain::{Text, text};

use super::chunk::{Chunk, ColumnValues};
use crate::table::TextEncoding;

/// Writes `headers` and then `rows` to `path` as CSV in `encoding`. Short rows are padded with
/// empty cells to the header's width; cells past it are written as they are.
///
/// GB18030 covers all of Unicode, so no character is unwritable in practice; the one code point
/// the WHATWG encoder refuses (U+E5E5, a private-use character) is an `InvalidData` error rather
/// than a silent substitute.
pub fn write_csv(
    path: &Path,
    encoding: TextEncoding,
    headers: &[&str],
    rows: &[Vec<String>],
) -> io::Result<()> {
    let mut out = BufWriter::new(File::create(path)?);
    if encoding == TextEncoding::Utf8Bom {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let width = headers.len();
    let mut line = String::new();
    record(&mut line, headers.iter().copied(), width);
    emit(&mut out, encoding, &line)?;
    for row in rows {
        line.clear();
        record(&mut line, row.iter().map(String::as_str), width);
        emit(&mut out, encoding, &line)?;
    }
    out.flush()
}

/// A CSV file being written a chunk at a time, in the same form as [`write_csv`].
#[derive(Debug)]
pub struct CsvStream {
    out: BufWriter<File>,
    encoding: TextEncoding,
    width: usize,
    line: String,
    cells: Vec<String>,
}

impl CsvStream {
    /// Creates the file and writes the header.
    pub fn create(path: &Path, encoding: TextEncoding, headers: &[&str]) -> io::Result<CsvStream> {
        let mut out = BufWriter::with_capacity(1 << 20, File::create(path)?);
        if encoding == TextEncoding::Utf8Bom {
            out.write_all(b"\xEF\xBB\xBF")?;
        }
        let mut line = String::new();
        record(&mut line, headers.iter().copied(), headers.len());
        emit(&mut out, encoding, &line)?;
        Ok(CsvStream {
            out,
            encoding,
            width: headers.len(),
            line,
            cells: vec![String::new(); headers.len()],
        })
    }

    /// Writes the chunk's rows, values in canonical text.
    pub fn write(&mut self, chunk: &Chunk) -> io::Result<()> {
        use std::fmt::Write as _;
        for row in 0..chunk.rows() {
            for (cell, values) in self.cells.iter_mut().zip(chunk.columns()) {
                cell.clear();
                let _ = match values {
                    ColumnValues::Text { .. } => {
                        cell.push_str(values.text(row));
                        Ok(())
                    }
                    ColumnValues::Date(dates) => match dates[row] {
                        Some(date) => write!(cell, "{date}"),
                        None => Ok(()),
                    },
                    ColumnValues::Integer(numbers) => match numbers[row] {
                        Some(number) => write!(cell, "{number}"),
                        None => Ok(()),
                    },
                    ColumnValues::Money(amounts) => match amounts[row] {
                        Some(fen) => write!(cell, "{}", Money::from_fen(fen)),
                        None => Ok(()),
                    },
                };
            }
            self.line.clear();
            record(
                &mut self.line,
                self.cells.iter().map(String::as_str),
                self.width,
            );
            emit(&mut self.out, self.encoding, &self.line)?;
        }
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// Appends one record and its `\n` to `line`.
fn record<'a>(line: &mut String, cells: impl Iterator<Item = &'a str>, width: usize) {
    let mut count = 0;
    for cell in cells {
        if count > 0 {
            line.push(',');
        }
        field(line, cell);
        count += 1;
    }
    if count < width {
        // Padding: one separator per missing cell, less one when the row had no cell at all.
        let missing = width - count;
        line.extend(std::iter::repeat_n(',', missing - usize::from(count == 0)));
    }
    line.push('\n');
}

fn field(line: &mut String, cell: &str) {
    // A spreadsheet opening the file must not run a cell as a formula.
    let cell = crate::formula::guard(cell);
    let cell = cell.as_ref();
    if cell.contains([',', '"', '\n', '\r']) {
        line.push('"');
        line.push_str(&cell.replace('"', "\"\""));
        line.push('"');
    } else {
        line.push_str(cell);
    }
}

/// A line GB18030 cannot encode, carried inside the `io::Error` a CSV writer answers, so that
/// its caller can say it in the reader's language (see [`super::io_error_text`]).
#[derive(Debug)]
pub(crate) struct Unencodable(pub Text);

/// In Chinese, the default language.
impl std::fmt::Display for Unencodable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.zh())
    }
}

impl std::error::Error for Unencodable {}

fn emit(out: &mut impl Write, encoding: TextEncoding, line: &str) -> io::Result<()> {
    match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => out.write_all(line.as_bytes()),
        TextEncoding::Gb18030 => {
            let (bytes, _, unmappable) = GB18030.encode(line);
            if unmappable {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    Unencodable(text!(
                        "有字符无法用 GB18030 编码：{line}",
                        "a character cannot be encoded in GB18030: {line}"
                    )),
                ));
            }
            out.write_all(&bytes)
        }
    }
}
