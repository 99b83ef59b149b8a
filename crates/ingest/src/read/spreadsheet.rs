//! XLSX and XLSM workbooks through calamine: the sheet to read, the row numbers of its used range,
//! and each cell as text.
//!
//! Cell text: strings as they are; whole numbers without a decimal point, other numbers in the
//! shortest form that reads back to the same value (Rust's `{}` for `f64`, never an exponent);
//! cells whose number format is a date or time as `YYYY-MM-DD`, or `YYYY-MM-DD HH:MM:SS` when the
//! time of day is not midnight (a time alone as `HH:MM:SS`); `true`/`false`; errors as Excel shows
//! them (`#N/A`); empty cells as the empty string. A date typed as a plain number in a General
//! cell stays a number: it is the validator that reads Excel serial dates.
//!
//! calamine gives only the sheet's used range, so the first cell it returns may sit below row 1
//! or right of column A; row and column numbers are counted from where that range starts. The
//! value of a merged cell is in its top-left cell only, which is all a title row needs.

use std::path::Path;

use calamine::{Data, ExcelDateTime, Reader, Xlsx, open_workbook};

use shenguan_domain::text;

use super::{Assembler, failure};
use crate::table::{ReadError, SourceFormat, Table};

pub(super) fn read(
    path: &Path,
    sheet: Option<&str>,
    is_header: &dyn Fn(&[&str]) -> bool,
    counted: &mut dyn FnMut(usize),
) -> Result<Table, ReadError> {
    // A zip bomb is refused before anything of it is unpacked.
    super::archive::check(path, super::archive::ArchiveLimits::default())?;
    let mut workbook: Xlsx<_> = open_workbook(path).map_err(|e| {
        failure(
            path,
            None,
            text!(
                "无法作为 Excel 工作簿打开：{e}",
                "cannot open as an Excel workbook: {e}"
            ),
        )
    })?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|name| name.as_str() == wanted)
            .cloned()
            .ok_or_else(|| {
                let list = names
                    .iter()
                    .map(|name| format!("“{name}”"))
                    .collect::<Vec<_>>()
                    .join("、");
                let list_en = names
                    .iter()
                    .map(|name| format!("\"{name}\""))
                    .collect::<Vec<_>>()
                    .join(", ");
                failure(
                    path,
                    None,
                    text!(
                        "没有名为“{wanted}”的工作表，工作簿中的工作表有：{list}",
                        "no sheet named \"{wanted}\"; the sheets are: {list_en}"
                    ),
                )
            })?,
        None => names.first().cloned().ok_or_else(|| {
            failure(
                path,
                None,
                text!("工作簿中没有工作表", "the workbook has no sheets"),
            )
        })?,
    };
    let range = workbook.worksheet_range(&name).map_err(|e| {
        failure(
            path,
            None,
            text!(
                "无法读取工作表“{name}”：{e}",
                "cannot read sheet \"{name}\": {e}"
            ),
        )
    })?;
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let mut assembler = Assembler::new(path, is_header)
        .with_column_offset(first_column as usize)
        .counting(counted);
    for (index, cells) in range.rows().enumerate() {
        let record: csv::StringRecord = cells.iter().map(cell_text).collect();
        assembler.push(first_row as usize + index + 1, record)?;
    }
    assembler.finish(SourceFormat::Xlsx { sheet: name })
}

/// A cell as text, as described in the module comment.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        Data::Int(number) => number.to_string(),
        Data::Float(number) => number_text(*number),
        Data::Bool(value) => value.to_string(),
        Data::Error(error) => error.to_string(),
        Data::DateTime(datetime) => date_time_text(datetime),
        Data::DateTimeIso(text) => iso_text(text),
        Data::DurationIso(text) => text.clone(),
    }
}

fn number_text(number: f64) -> String {
    if number == 0.0 {
        // Also -0.0, which `{}` would write as "-0".
        "0".to_string()
    } else {
        format!("{number}")
    }
}

fn date_time_text(datetime: &ExcelDateTime) -> String {
    if datetime.is_duration() {
        return number_text(datetime.as_f64());
    }
    let (year, month, day, hour, minute, second, _milli) = datetime.to_ymd_hms_milli();
    let has_time = (hour, minute, second) != (0, 0, 0);
    if datetime.as_f64() < 1.0 && datetime.as_f64() >= 0.0 {
        // A time of day alone (Excel's day 0 is no date).
        return format!("{hour:02}:{minute:02}:{second:02}");
    }
    if has_time {
        format!("{year:04}-{month:02}-{day:02} {hour:02}:{minute:02}:{second:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02}")
    }
}

/// An ISO 8601 date or date-time as written in the file (`2024-03-05T00:00:00`), in this module's
/// forms.
fn iso_text(text: &str) -> String {
    match text.split_once('T') {
        Some((date, "00:00:00" | "00:00:00.000" | "00:00")) => date.to_string(),
        Some((date, time)) => format!("{date} {time}"),
        None => text.to_string(),
    }
}
