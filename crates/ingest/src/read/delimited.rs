//! CSV and tab-separated text: the encoding (UTF-8, UTF-8 with a byte-order mark, GB18030 and so
//! GBK), the delimiter, and the physical line each record starts on.
//!
//! Encoding: a UTF-8 byte-order mark means UTF-8 (the mark is dropped); otherwise text that is
//! valid UTF-8 is UTF-8, and anything else is decoded as GB18030, a superset of GBK and GB2312.
//! Two readings keep a damaged file from turning silently into mojibake: bytes that GB18030
//! cannot decode are an error naming their line, and a file whose first stretch holds many
//! well-formed multi-byte UTF-8 characters before a bad byte is taken to be damaged UTF-8 (GBK
//! text almost never reads as more than a character or two of UTF-8) and is reported as such.
//! UTF-16 (Excel's "Unicode text") is recognised by its byte-order mark and refused with advice.
//!
//! Delimiter: a comma, unless the header row read with commas is one cell holding tabs, and read
//! with tabs has several cells and no commas (Excel and WPS "text" exports).
//!
//! Lines: the csv crate's own line count drifts over blank lines, and its byte position of a
//! record can sit on the line break before it; so each record's start is found by stepping over
//! line breaks from that position, and lines are counted here (`\n`, `\r\n` or a lone `\r`), so a
//! quoted cell spanning lines moves the count on by its own line breaks.

use std::fs;
use std::path::Path;

use encoding_rs::{DecoderResult, GB18030};

use shenguan_domain::text;

use super::{Assembler, HEADER_SEARCH_ROWS, failure, header_cells, is_blank};
use crate::table::{ReadError, SourceFormat, Table, TextEncoding};

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A valid UTF-8 stretch with at least this many multi-byte characters before the first bad byte
/// makes the file damaged UTF-8 rather than GBK.
const UTF8_EVIDENCE: usize = 8;

pub(super) fn read(
    path: &Path,
    is_header: &dyn Fn(&[&str]) -> bool,
    counted: &mut dyn FnMut(usize),
) -> Result<Table, ReadError> {
    let bytes = fs::read(path).map_err(|e| {
        failure(
            path,
            None,
            text!("无法读取文件：{e}", "cannot read the file: {e}"),
        )
    })?;
    let (text, encoding) = decode(path, bytes)?;
    let delimiter = delimiter(&text, is_header);
    let mut assembler = Assembler::new(path, is_header).counting(counted);
    let mut lines = LineCounter::new(text.as_bytes());
    for record in reader(&text, delimiter).into_records() {
        let record = record.map_err(|e| {
            let row = e
                .position()
                .map(|p| lines.line_of_offset(p.byte() as usize));
            failure(
                path,
                row,
                text!("无法解析 CSV：{e}", "cannot parse the CSV: {e}"),
            )
        })?;
        let offset = record.position().map_or(0, |p| p.byte() as usize);
        let row = lines.record_line(offset);
        assembler.push(row, unguard(record))?;
    }
    assembler.finish(SourceFormat::Csv { encoding })
}

/// The record with the apostrophe that guards a formula-like cell dropped (see `formula.rs`): a
/// file this program wrote reads back as it was.
fn unguard(record: csv::StringRecord) -> csv::StringRecord {
    if !record.iter().any(|cell| cell.starts_with('\'')) {
        return record;
    }
    let mut unguarded: csv::StringRecord = record.iter().map(crate::formula::unguard).collect();
    unguarded.set_position(record.position().cloned());
    unguarded
}

fn reader(text: &str, delimiter: u8) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
}

/// The file's text and the encoding it was in.
fn decode(path: &Path, bytes: Vec<u8>) -> Result<(String, TextEncoding), ReadError> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(failure(
            path,
            None,
            text!(
                "文件是 UTF-16 编码（Excel 的“Unicode 文本”），请另存为“CSV UTF-8（逗号分隔）”",
                "the file is UTF-16 (Excel's \"Unicode text\"); save it as \"CSV UTF-8 (comma delimited)\""
            ),
        ));
    }
    let has_bom = bytes.starts_with(BOM);
    match String::from_utf8(bytes) {
        Ok(mut text) if has_bom => {
            text.replace_range(..BOM.len(), "");
            Ok((text, TextEncoding::Utf8Bom))
        }
        Ok(text) => Ok((text, TextEncoding::Utf8)),
        Err(error) => {
            let valid = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            if has_bom || multi_byte_chars(&bytes[..valid]) >= UTF8_EVIDENCE {
                return Err(bad_utf8(path, &bytes, valid));
            }
            decode_gb18030(path, &bytes).map(|text| (text, TextEncoding::Gb18030))
        }
    }
}

fn multi_byte_chars(valid: &[u8]) -> usize {
    std::str::from_utf8(valid)
        .map(|text| text.chars().filter(|c| c.len_utf8() > 1).count())
        .unwrap_or(0)
}

fn bad_utf8(path: &Path, bytes: &[u8], at: usize) -> ReadError {
    let shown = hex(&bytes[at..bytes.len().min(at + 4)]);
    failure(
        path,
        Some(line_of(bytes, at)),
        text!(
            "文件是 UTF-8 编码，但这里有无效字节 {shown}，文件可能已损坏",
            "the file is UTF-8 but has invalid bytes {shown} here; it may be damaged"
        ),
    )
}

fn decode_gb18030(path: &Path, bytes: &[u8]) -> Result<String, ReadError> {
    let mut decoder = GB18030.new_decoder_without_bom_handling();
    let room = |decoder: &encoding_rs::Decoder, left: usize| {
        decoder
            .max_utf8_buffer_length_without_replacement(left)
            .unwrap_or(left.saturating_mul(3))
    };
    let mut text = String::with_capacity(room(&decoder, bytes.len()));
    let mut consumed = 0;
    loop {
        let (result, read) =
            decoder.decode_to_string_without_replacement(&bytes[consumed..], &mut text, true);
        consumed += read;
        match result {
            DecoderResult::InputEmpty => return Ok(text),
            DecoderResult::OutputFull => text.reserve(room(&decoder, bytes.len() - consumed)),
            DecoderResult::Malformed(bad, after) => {
                let end = consumed - usize::from(after);
                let start = end - usize::from(bad);
                let shown = hex(&bytes[start..end]);
                return Err(failure(
                    path,
                    Some(line_of(bytes, start)),
                    text!(
                        "有无法按 GBK/GB18030 解码的字节 {shown}：文件既不是 UTF-8 也不是 GBK 编码，或已损坏",
                        "bytes {shown} cannot be decoded as GBK/GB18030: the file is neither UTF-8 nor GBK, or is damaged"
                    ),
                ));
            }
        }
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes
        .iter()
        .map(|b| format!("0x{b:02X}"))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Comma, or tab for text whose header row has tabs and no commas.
fn delimiter(text: &str, is_header: &dyn Fn(&[&str]) -> bool) -> u8 {
    match header_candidate(text, b',', is_header) {
        Some(cells) if !(cells.len() == 1 && cells[0].contains('\t')) => return b',',
        _ => {}
    }
    match header_candidate(text, b'\t', is_header) {
        Some(cells) if cells.len() > 1 && !cells.iter().any(|cell| cell.contains(',')) => b'\t',
        _ => b',',
    }
}

/// The first of the first non-blank records that `is_header` accepts, read with `delimiter`.
fn header_candidate(
    text: &str,
    delimiter: u8,
    is_header: &dyn Fn(&[&str]) -> bool,
) -> Option<csv::StringRecord> {
    reader(text, delimiter)
        .into_records()
        .map_while(Result::ok)
        .filter(|record| !is_blank(record.iter()))
        .take(HEADER_SEARCH_ROWS)
        .find(|record| is_header(&header_cells(record)))
}

/// The 1-based line of byte `at`.
fn line_of(bytes: &[u8], at: usize) -> usize {
    1 + count_breaks(bytes, 0, at)
}

/// Line breaks in `bytes[from..to]`: `\n`, and `\r` not followed by `\n`.
fn count_breaks(bytes: &[u8], from: usize, to: usize) -> usize {
    (from..to)
        .filter(|&i| match bytes[i] {
            b'\n' => true,
            b'\r' => bytes.get(i + 1) != Some(&b'\n'),
            _ => false,
        })
        .count()
}

/// Follows the records through the text, counting lines as it goes.
struct LineCounter<'t> {
    bytes: &'t [u8],
    cursor: usize,
    line: usize,
}

impl<'t> LineCounter<'t> {
    fn new(bytes: &'t [u8]) -> Self {
        LineCounter {
            bytes,
            cursor: 0,
            line: 1,
        }
    }

    /// The line of the record the csv reader placed at `offset` (which may lie on the line breaks
    /// before the record). Records must be given in order.
    fn record_line(&mut self, offset: usize) -> usize {
        let mut start = offset.max(self.cursor).min(self.bytes.len());
        while start < self.bytes.len() && matches!(self.bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        self.line += count_breaks(self.bytes, self.cursor, start);
        self.cursor = start;
        self.line
    }

    /// The line of any byte, for error messages.
    fn line_of_offset(&self, offset: usize) -> usize {
        line_of(self.bytes, offset.min(self.bytes.len()))
    }
}
