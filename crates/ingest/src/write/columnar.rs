//! Parquet out through the parquet crate's low-level column writers (no Arrow): one optional
//! column per `Column`, Snappy-compressed, up to a million rows per row group.
//!
//! - `Text`: `BYTE_ARRAY` annotated as a UTF-8 string.
//! - `Date`: `INT32` annotated `DATE` (days since 1970-01-01).
//! - `Integer`: `INT64`.
//! - `Money`: `INT64` annotated `DECIMAL(18,2)`, the amount in fen, parsed from the text without
//!   floating point.
//!
//! The empty string is null. A value that is not canonical for its column, or a non-empty cell
//! past the last column, refuses the whole table (see `write`), and the unfinished file is
//! removed.

use std::fs::{self, File};
use std::path::Path;
use std::sync::Arc;

use parquet::basic::{Compression, ConvertedType, LogicalType, Repetition, Type as PhysicalType};
use parquet::data_type::{ByteArray, ByteArrayType, Int32Type, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};
use parquet::schema::types::Type;

use super::{WriteError, parse_date, parse_fen, parse_integer, write_failure};
use crate::table::{Column, ColumnKind};

/// Rows per row group.
const ROW_GROUP_ROWS: usize = 1_000_000;

/// Days from 0001-01-01 (day 1 of the common era) to 1970-01-01.
const UNIX_EPOCH_FROM_CE: i32 = 719_163;

/// Writes `rows` as a Parquet file of `columns` at `path`.
pub fn write_parquet(
    path: &Path,
    columns: &[Column],
    rows: &[Vec<String>],
) -> Result<(), WriteError> {
    check_widths(path, columns, rows)?;
    write(path, columns, rows)
}

fn check_widths(path: &Path, columns: &[Column], rows: &[Vec<String>]) -> Result<(), WriteError> {
    for (index, row) in rows.iter().enumerate() {
        if let Some((position, value)) = row
            .iter()
            .enumerate()
            .skip(columns.len())
            .find(|(_, value)| !value.is_empty())
        {
            return Err(write_failure(
                path,
                Some(index + 2),
                format!(
                    "第{column}个单元格有值“{value}”，但只有{width}列; cell {column} holds \"{value}\" but there are only {width} columns",
                    column = position + 1,
                    width = columns.len(),
                ),
            ));
        }
    }
    Ok(())
}

fn write(path: &Path, columns: &[Column], rows: &[Vec<String>]) -> Result<(), WriteError> {
    let fail = |e: ParquetError| {
        write_failure(
            path,
            None,
            format!("无法写入 Parquet 文件：{e}; cannot write the Parquet file: {e}"),
        )
    };
    let fields = columns
        .iter()
        .map(|column| field(column).map(Arc::new))
        .collect::<Result<Vec<_>, _>>()
        .map_err(fail)?;
    let schema = Arc::new(
        Type::group_type_builder("schema")
            .with_fields(fields)
            .build()
            .map_err(fail)?,
    );
    let properties = Arc::new(
        WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .build(),
    );
    let file = File::create(path).map_err(|e| {
        write_failure(
            path,
            None,
            format!("无法创建文件：{e}; cannot create the file: {e}"),
        )
    })?;
    let result = fill(path, file, schema, properties, columns, rows);
    if result.is_err() {
        // Best effort: an unfinished file must not pass for a table.
        let _ = fs::remove_file(path);
    }
    result
}

/// Writes the row groups into the newly created `file`.
fn fill(
    path: &Path,
    file: File,
    schema: Arc<Type>,
    properties: Arc<WriterProperties>,
    columns: &[Column],
    rows: &[Vec<String>],
) -> Result<(), WriteError> {
    let fail = |e: ParquetError| {
        write_failure(
            path,
            None,
            format!("无法写入 Parquet 文件：{e}; cannot write the Parquet file: {e}"),
        )
    };
    let mut writer = SerializedFileWriter::new(file, schema, properties).map_err(fail)?;
    for (group_index, group_rows) in rows.chunks(ROW_GROUP_ROWS).enumerate() {
        let first_row = group_index * ROW_GROUP_ROWS + 2;
        let mut group = writer.next_row_group().map_err(fail)?;
        for (position, column) in columns.iter().enumerate() {
            let Some(mut column_writer) = group.next_column().map_err(fail)? else {
                return Err(fail(ParquetError::General(
                    "fewer column writers than columns".to_string(),
                )));
            };
            write_column(
                path,
                &mut column_writer,
                *column,
                position,
                group_rows,
                first_row,
            )?;
            column_writer.close().map_err(fail)?;
        }
        group.close().map_err(fail)?;
    }
    writer.close().map_err(fail)?;
    Ok(())
}

fn field(column: &Column) -> Result<Type, ParquetError> {
    let (physical, logical, converted) = match column.kind {
        ColumnKind::Text => (
            PhysicalType::BYTE_ARRAY,
            Some(LogicalType::String),
            ConvertedType::UTF8,
        ),
        ColumnKind::Date => (
            PhysicalType::INT32,
            Some(LogicalType::Date),
            ConvertedType::DATE,
        ),
        ColumnKind::Integer => (PhysicalType::INT64, None, ConvertedType::NONE),
        ColumnKind::Money => (
            PhysicalType::INT64,
            Some(LogicalType::decimal(2, 18)),
            ConvertedType::DECIMAL,
        ),
    };
    let builder = Type::primitive_type_builder(column.name, physical)
        .with_repetition(Repetition::OPTIONAL)
        .with_logical_type(logical)
        .with_converted_type(converted);
    match column.kind {
        ColumnKind::Money => builder.with_precision(18).with_scale(2).build(),
        _ => builder.build(),
    }
}

/// Writes one column of one row group: the values of the non-empty cells and a definition level
/// per row (1 present, 0 null).
fn write_column(
    path: &Path,
    writer: &mut SerializedColumnWriter<'_>,
    column: Column,
    position: usize,
    rows: &[Vec<String>],
    first_row: usize,
) -> Result<(), WriteError> {
    let cells = rows
        .iter()
        .map(|row| row.get(position).map_or("", String::as_str));
    let levels: Vec<i16> = cells
        .clone()
        .map(|cell| i16::from(!cell.is_empty()))
        .collect();
    let present = cells
        .enumerate()
        .filter(|(_, cell)| !cell.is_empty())
        .map(|(index, cell)| (first_row + index, cell));
    let refuse = |row: usize, value: &str, expected: &str| {
        write_failure(
            path,
            Some(row),
            format!(
                "列“{name}”的值“{value}”不是{expected}; column \"{name}\" holds \"{value}\", which is not {english}",
                name = column.name,
                english = match column.kind {
                    ColumnKind::Date => "a date (YYYY-MM-DD)",
                    ColumnKind::Integer => "a whole number",
                    _ => "an amount with at most two decimals (DECIMAL(18,2))",
                },
            ),
        )
    };
    let fail = |e: ParquetError| {
        write_failure(
            path,
            None,
            format!("无法写入 Parquet 文件：{e}; cannot write the Parquet file: {e}"),
        )
    };
    match column.kind {
        ColumnKind::Text => {
            let values: Vec<ByteArray> = present
                .map(|(_, cell)| ByteArray::from(cell.as_bytes().to_vec()))
                .collect();
            writer
                .typed::<ByteArrayType>()
                .write_batch(&values, Some(&levels), None)
                .map_err(fail)?;
        }
        ColumnKind::Date => {
            let values = present
                .map(|(row, cell)| {
                    parse_date(cell)
                        .map(|date| {
                            use chrono::Datelike;
                            date.num_days_from_ce() - UNIX_EPOCH_FROM_CE
                        })
                        .ok_or_else(|| refuse(row, cell, "日期（YYYY-MM-DD）"))
                })
                .collect::<Result<Vec<i32>, _>>()?;
            writer
                .typed::<Int32Type>()
                .write_batch(&values, Some(&levels), None)
                .map_err(fail)?;
        }
        ColumnKind::Integer | ColumnKind::Money => {
            let values = present
                .map(|(row, cell)| {
                    let parsed = if column.kind == ColumnKind::Money {
                        parse_fen(cell)
                    } else {
                        parse_integer(cell)
                    };
                    parsed.ok_or_else(|| {
                        let expected = if column.kind == ColumnKind::Money {
                            "最多两位小数的金额（DECIMAL(18,2)）"
                        } else {
                            "整数"
                        };
                        refuse(row, cell, expected)
                    })
                })
                .collect::<Result<Vec<i64>, _>>()?;
            writer
                .typed::<Int64Type>()
                .write_batch(&values, Some(&levels), None)
                .map_err(fail)?;
        }
    }
    Ok(())
}
