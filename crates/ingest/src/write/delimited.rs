//! CSV out: commas, `\n` line ends, a field quoted only when it holds a comma, a quote or a line
//! break (quotes doubled inside), in UTF-8, UTF-8 with a byte-order mark, or GB18030.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::Path;

use encoding_rs::GB18030;

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
    if cell.contains([',', '"', '\n', '\r']) {
        line.push('"');
        line.push_str(&cell.replace('"', "\"\""));
        line.push('"');
    } else {
        line.push_str(cell);
    }
}

fn emit(out: &mut impl Write, encoding: TextEncoding, line: &str) -> io::Result<()> {
    match encoding {
        TextEncoding::Utf8 | TextEncoding::Utf8Bom => out.write_all(line.as_bytes()),
        TextEncoding::Gb18030 => {
            let (bytes, _, unmappable) = GB18030.encode(line);
            if unmappable {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "有字符无法用 GB18030 编码：{line}; a character cannot be encoded in GB18030: {line}"
                    ),
                ));
            }
            out.write_all(&bytes)
        }
    }
}
