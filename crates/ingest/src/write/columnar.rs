//! Parquet out through the parquet crate's low-level column writers (no Arrow): one optional
//! column per `Column`, Snappy-compressed, one row group per [`Chunk`].
//!
//! - `Text`: `BYTE_ARRAY` annotated as a UTF-8 string.
//! - `Date`: `INT32` annotated `DATE` (days since 1970-01-01).
//! - `Integer`: `INT64`.
//! - `Money`: `INT64` annotated `DECIMAL(18,2)`, the amount in fen.
//!
//! The empty string is null. [`ParquetStream`] writes typed chunks as they come; [`write_parquet`]
//! turns rows of canonical text into chunks of up to a million rows first: a value that is not
//! canonical for its column, or a non-empty cell past the last column, refuses the whole table
//! (see `write`), and the unfinished file is removed.

use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use bytes::Bytes;

use parquet::basic::{Compression, ConvertedType, LogicalType, Repetition, Type as PhysicalType};
use parquet::data_type::{ByteArray, ByteArrayType, Int32Type, Int64Type};
use parquet::errors::ParquetError;
use parquet::file::properties::WriterProperties;
use parquet::file::writer::{SerializedColumnWriter, SerializedFileWriter};
use parquet::schema::types::Type;

use shenguan_domain::text;

use super::chunk::{Chunk, ColumnValues};
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
                text!(
                    "第{column}个单元格有值“{value}”，但只有{width}列",
                    "cell {column} holds \"{value}\" but there are only {width} columns",
                    column = position + 1,
                    width = columns.len(),
                ),
            ));
        }
    }
    Ok(())
}

fn write(path: &Path, columns: &[Column], rows: &[Vec<String>]) -> Result<(), WriteError> {
    let mut stream = ParquetStream::create(path, columns)?;
    let mut chunk = Chunk::new(columns);
    for (group_index, group_rows) in rows.chunks(ROW_GROUP_ROWS).enumerate() {
        chunk.clear();
        let first_row = group_index * ROW_GROUP_ROWS + 2;
        for (index, row) in group_rows.iter().enumerate() {
            for (position, column) in columns.iter().enumerate() {
                let cell = row.get(position).map_or("", String::as_str);
                push_cell(path, &mut chunk, position, *column, cell, first_row + index)?;
            }
        }
        stream.write(&chunk)?;
    }
    stream.finish()
}

/// Parses one canonical cell into its column of `chunk`.
fn push_cell(
    path: &Path,
    chunk: &mut Chunk,
    position: usize,
    column: Column,
    cell: &str,
    row: usize,
) -> Result<(), WriteError> {
    let refuse = |expected: &str| {
        let name = column.name;
        let english = match column.kind {
            ColumnKind::Date => "a date (YYYY-MM-DD)",
            ColumnKind::Integer => "a whole number",
            _ => "an amount with at most two decimals (DECIMAL(18,2))",
        };
        write_failure(
            path,
            Some(row),
            text!(
                "列“{name}”的值“{cell}”不是{expected}",
                "column \"{name}\" holds \"{cell}\", which is not {english}"
            ),
        )
    };
    let present = !cell.is_empty();
    match column.kind {
        ColumnKind::Text => chunk.push_text(position, cell),
        ColumnKind::Date => {
            let date = match present {
                true => Some(parse_date(cell).ok_or_else(|| refuse("日期（YYYY-MM-DD）"))?),
                false => None,
            };
            chunk.push_date(position, date);
        }
        ColumnKind::Integer => {
            let value = match present {
                true => Some(parse_integer(cell).ok_or_else(|| refuse("整数"))?),
                false => None,
            };
            chunk.push_integer(position, value);
        }
        ColumnKind::Money => {
            let fen = match present {
                true => Some(
                    parse_fen(cell).ok_or_else(|| refuse("最多两位小数的金额（DECIMAL(18,2)）"))?,
                ),
                false => None,
            };
            chunk.push_money(position, fen);
        }
    }
    Ok(())
}

/// A Parquet file being written one row group per chunk. Dropped before [`ParquetStream::finish`]
/// (an error on the way), it removes its unfinished file.
pub struct ParquetStream {
    path: PathBuf,
    writer: Option<SerializedFileWriter<File>>,
}

impl std::fmt::Debug for ParquetStream {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParquetStream")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl ParquetStream {
    /// Creates the file with the schema of `columns`.
    pub fn create(path: &Path, columns: &[Column]) -> Result<ParquetStream, WriteError> {
        let fail = |e: ParquetError| parquet_failure(path, e);
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
                text!("无法创建文件：{e}", "cannot create the file: {e}"),
            )
        })?;
        let mut stream = ParquetStream {
            path: path.to_path_buf(),
            writer: None,
        };
        stream.writer = Some(SerializedFileWriter::new(file, schema, properties).map_err(fail)?);
        Ok(stream)
    }

    /// Writes `chunk` as one row group (nothing for an empty chunk).
    pub fn write(&mut self, chunk: &Chunk) -> Result<(), WriteError> {
        if chunk.rows() == 0 {
            return Ok(());
        }
        let path = self.path.clone();
        let fail = |e: ParquetError| parquet_failure(&path, e);
        let Some(writer) = self.writer.as_mut() else {
            return Err(fail(ParquetError::General("the file is closed".into())));
        };
        let mut group = writer.next_row_group().map_err(fail)?;
        for values in chunk.columns() {
            let Some(mut column_writer) = group.next_column().map_err(fail)? else {
                return Err(fail(ParquetError::General(
                    "fewer column writers than columns".to_string(),
                )));
            };
            write_values(&mut column_writer, values).map_err(fail)?;
            column_writer.close().map_err(fail)?;
        }
        group.close().map_err(fail)?;
        Ok(())
    }

    /// Writes the footer and closes the file.
    pub fn finish(mut self) -> Result<(), WriteError> {
        if let Some(writer) = self.writer.take() {
            writer.close().map_err(|e| parquet_failure(&self.path, e))?;
        }
        Ok(())
    }
}

impl Drop for ParquetStream {
    fn drop(&mut self) {
        if self.writer.take().is_some() {
            // Best effort: an unfinished file must not pass for a table.
            let _ = fs::remove_file(&self.path);
        }
    }
}

fn parquet_failure(path: &Path, e: ParquetError) -> WriteError {
    write_failure(
        path,
        None,
        text!(
            "无法写入 Parquet 文件：{e}",
            "cannot write the Parquet file: {e}"
        ),
    )
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

/// Writes one column of one row group: the present values and a definition level per row (1
/// present, 0 null).
fn write_values(
    writer: &mut SerializedColumnWriter<'_>,
    values: &ColumnValues,
) -> Result<(), ParquetError> {
    fn levels<T>(values: &[Option<T>]) -> Vec<i16> {
        values.iter().map(|v| i16::from(v.is_some())).collect()
    }
    match values {
        ColumnValues::Text { data, ends } => {
            // One shared buffer, sliced per value: no allocation per cell.
            let whole = Bytes::from(data.clone().into_bytes());
            let mut start = 0;
            let mut levels = Vec::with_capacity(ends.len());
            let mut present = Vec::with_capacity(ends.len());
            for &end in ends {
                let end = end as usize;
                levels.push(i16::from(end > start));
                if end > start {
                    present.push(ByteArray::from(whole.slice(start..end)));
                }
                start = end;
            }
            writer
                .typed::<ByteArrayType>()
                .write_batch(&present, Some(&levels), None)?;
        }
        ColumnValues::Date(dates) => {
            use chrono::Datelike;
            let present: Vec<i32> = dates
                .iter()
                .flatten()
                .map(|date| date.num_days_from_ce() - UNIX_EPOCH_FROM_CE)
                .collect();
            writer
                .typed::<Int32Type>()
                .write_batch(&present, Some(&levels(dates)), None)?;
        }
        ColumnValues::Integer(numbers) | ColumnValues::Money(numbers) => {
            let present: Vec<i64> = numbers.iter().flatten().copied().collect();
            writer
                .typed::<Int64Type>()
                .write_batch(&present, Some(&levels(numbers)), None)?;
        }
    }
    Ok(())
}
