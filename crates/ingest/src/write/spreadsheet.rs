//! XLSX out through rust_xlsxwriter: one sheet, a bold frozen header row, and each column's cells
//! typed by its kind.
//!
//! - `Text`: strings, always (a case number or a number-like id stays text).
//! - `Date`: real Excel dates shown as `yyyy-mm-dd` (1900-01-01 to 9999-12-31).
//! - `Integer`: numbers, when exactly representable (up to 2^53 in magnitude).
//! - `Money`: numbers shown as `0.00`, parsed exactly and stored as the nearest double; read back
//!   through `read_table` they come out in the shortest form (`1234.5`, `1234` for `1234.00`).
//!
//! A value that is not canonical for its kind is written as a string; empty strings leave the
//! cell empty. The document's creation date is fixed (1980-01-01, the zip format's own epoch,
//! which rust_xlsxwriter also uses for the archive entries) so that the same table always gives
//! the same bytes.

use std::path::Path;

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use shenguan_domain::text;

use super::{WriteError, parse_date, parse_fen, parse_integer, write_failure};
use crate::table::{Column, ColumnKind};

/// Excel's last row.
const MAX_ROWS: usize = 1_048_576;

/// The largest magnitude a double holds exactly, 2^53.
const EXACT_IN_DOUBLE: i64 = 1 << 53;

/// Writes `rows` under a header of `columns` to sheet `sheet` of a new workbook at `path`.
pub fn write_xlsx(
    path: &Path,
    sheet: &str,
    columns: &[Column],
    rows: &[Vec<String>],
) -> Result<(), WriteError> {
    if rows.len() >= MAX_ROWS {
        return Err(write_failure(
            path,
            None,
            text!(
                "{} 行数据加表头超过 Excel 的 {MAX_ROWS} 行上限，请改用 CSV 或 Parquet",
                "{} data rows and the header exceed Excel's limit of {MAX_ROWS} rows; write CSV or Parquet instead",
                rows.len()
            ),
        ));
    }
    let fail = |row: Option<usize>| {
        move |e: XlsxError| {
            write_failure(
                path,
                row,
                text!("无法写入 XLSX 文件：{e}", "cannot write the XLSX file: {e}"),
            )
        }
    };
    let mut workbook = Workbook::new();
    let created = ExcelDateTime::from_ymd(1980, 1, 1).map_err(fail(None))?;
    workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(sheet).map_err(fail(None))?;
    let formats = Formats {
        header: Format::new().set_bold(),
        date: Format::new().set_num_format("yyyy-mm-dd"),
        money: Format::new().set_num_format("0.00"),
    };
    for (index, column) in columns.iter().enumerate() {
        let col = column_number(index).map_err(fail(Some(1)))?;
        worksheet
            .write_string_with_format(0, col, column.name, &formats.header)
            .map_err(fail(Some(1)))?;
        worksheet
            .set_column_width(col, width(column.kind))
            .map_err(fail(None))?;
    }
    worksheet.set_freeze_panes(1, 0).map_err(fail(None))?;
    for (index, row) in rows.iter().enumerate() {
        let number = index + 2;
        let excel_row = (index + 1) as u32;
        for (position, value) in row.iter().enumerate() {
            if value.is_empty() {
                continue;
            }
            let kind = columns.get(position).map_or(ColumnKind::Text, |c| c.kind);
            let col = column_number(position).map_err(fail(Some(number)))?;
            cell(worksheet, excel_row, col, kind, value, &formats).map_err(fail(Some(number)))?;
        }
    }
    workbook.save(path).map_err(fail(None))
}

struct Formats {
    header: Format,
    date: Format,
    money: Format,
}

fn column_number(index: usize) -> Result<u16, XlsxError> {
    u16::try_from(index).map_err(|_| XlsxError::RowColumnLimitError)
}

/// Column widths in Excel's character units, wide enough for a case number or a date.
fn width(kind: ColumnKind) -> f64 {
    match kind {
        ColumnKind::Text => 24.0,
        ColumnKind::Date => 12.0,
        ColumnKind::Integer => 10.0,
        ColumnKind::Money => 16.0,
    }
}

fn cell(
    worksheet: &mut Worksheet,
    row: u32,
    col: u16,
    kind: ColumnKind,
    value: &str,
    formats: &Formats,
) -> Result<(), XlsxError> {
    match kind {
        ColumnKind::Text => {}
        ColumnKind::Date => {
            if let Some(date) = excel_date(value) {
                worksheet.write_datetime_with_format(row, col, date, &formats.date)?;
                return Ok(());
            }
        }
        ColumnKind::Integer => {
            if let Some(number) = parse_integer(value).filter(|n| n.abs() <= EXACT_IN_DOUBLE) {
                worksheet.write_number(row, col, number as f64)?;
                return Ok(());
            }
        }
        ColumnKind::Money => {
            if let Some(fen) = parse_fen(value).filter(|n| n.abs() <= EXACT_IN_DOUBLE) {
                // Both operands are exact, and IEEE division rounds once: the nearest double.
                let yuan = fen as f64 / 100.0;
                worksheet.write_number_with_format(row, col, yuan, &formats.money)?;
                return Ok(());
            }
        }
    }
    worksheet.write_string(row, col, value)?;
    Ok(())
}

fn excel_date(value: &str) -> Option<ExcelDateTime> {
    use chrono::Datelike;
    let date = parse_date(value)?;
    let year = u16::try_from(date.year()).ok()?;
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8).ok()
}
