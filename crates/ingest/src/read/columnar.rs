//! Parquet files through the parquet crate's record API (no Arrow): the column names as the
//! header, each record as a row of text numbered as if the header were row 1.
//!
//! Field text: strings as they are; integers as digits; `DATE` as `YYYY-MM-DD`; `DECIMAL` as a
//! plain decimal with all the digits of its scale (`1234.50`); floating point in the shortest form
//! that reads back to the same value; timestamps (milli-, micro- or nanoseconds, and the legacy
//! INT96) as `YYYY-MM-DD HH:MM:SS`, with a fraction only when there is one, in UTC when the file
//! says they are adjusted to UTC; times as `HH:MM:SS`; booleans `true`/`false`; binary as its
//! UTF-8 text when it is valid UTF-8, else hexadecimal; UUIDs in their hyphenated form; null as
//! the empty string.
//!
//! What is refused, before any record is read, each with an error naming the column: nested
//! columns (groups, lists, maps: the canonical tables are flat), and the few type annotations the
//! record API cannot convert (it would panic on them, e.g. `INTERVAL`). Compression: Snappy and
//! uncompressed are read (DuckDB's, pandas/pyarrow's and Spark's default is Snappy); a file
//! compressed otherwise (ZSTD, which Polars writes by default, GZIP, LZ4, Brotli) is refused with
//! an error naming the codec, since those codecs are not compiled in.

use std::fs::File;
use std::path::Path;

use chrono::{DateTime, NaiveDate, NaiveTime};
use parquet::basic::{Compression, ConvertedType, LogicalType, Repetition, TimeUnit, Type};
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::record::Field;
use parquet::schema::types::ColumnDescriptor;

use shenguan_domain::text;

use super::{Assembler, failure};
use crate::table::{ReadError, SourceFormat, Table};

/// How a column's values need reading beyond what the record API's `Field` says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Hint {
    Plain,
    /// INT64 nanoseconds since the epoch (the record API gives a bare `Long`).
    TimestampNanos,
    /// INT64 nanoseconds since midnight.
    TimeNanos,
    /// 16 bytes shown as `xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx`.
    Uuid,
}

pub(super) fn read(path: &Path, counted: &mut dyn FnMut(usize)) -> Result<Table, ReadError> {
    let file = File::open(path).map_err(|e| {
        failure(
            path,
            None,
            text!("无法读取文件：{e}", "cannot read the file: {e}"),
        )
    })?;
    let reader = SerializedFileReader::new(file).map_err(|e| {
        failure(
            path,
            None,
            text!(
                "无法作为 Parquet 文件打开：{e}",
                "cannot open as a Parquet file: {e}"
            ),
        )
    })?;
    let metadata = reader.metadata();
    let schema = metadata.file_metadata().schema_descr();
    for field in schema.root_schema().get_fields() {
        let repeated = field.get_basic_info().has_repetition()
            && field.get_basic_info().repetition() == Repetition::REPEATED;
        if !field.is_primitive() || repeated {
            let name = field.name();
            return Err(failure(
                path,
                None,
                text!(
                    "列“{name}”是嵌套类型（结构、列表或映射），只能读取平面表",
                    "column \"{name}\" is nested (a struct, list or map); only flat tables can be read"
                ),
            ));
        }
    }
    let mut hints = Vec::with_capacity(schema.num_columns());
    for column in schema.columns() {
        if !supported(column) {
            let name = column.name();
            let kind = format!("{} {}", column.physical_type(), column.converted_type());
            return Err(failure(
                path,
                None,
                text!(
                    "列“{name}”的类型 {kind} 无法读取",
                    "column \"{name}\" has type {kind}, which cannot be read"
                ),
            ));
        }
        hints.push(hint(column));
    }
    for group in metadata.row_groups() {
        for chunk in group.columns() {
            let codec = chunk.compression();
            if !matches!(codec, Compression::UNCOMPRESSED | Compression::SNAPPY) {
                let name = codec_name(codec);
                return Err(failure(
                    path,
                    None,
                    text!(
                        "文件使用 {name} 压缩，只能读取 Snappy 压缩或未压缩的 Parquet 文件（例如 DuckDB 默认导出的文件）",
                        "the file is compressed with {name}; only Snappy-compressed or uncompressed Parquet files can be read (DuckDB's default)"
                    ),
                ));
            }
        }
    }
    let headers = schema
        .columns()
        .iter()
        .map(|column| column.name().to_string())
        .collect();
    let mut assembler = Assembler::with_header(path, 1, headers).counting(counted);
    let rows = reader.get_row_iter(None).map_err(|e| {
        failure(
            path,
            None,
            text!(
                "无法读取 Parquet 记录：{e}",
                "cannot read the Parquet records: {e}"
            ),
        )
    })?;
    for (index, row) in rows.enumerate() {
        let number = index + 2;
        let row = row.map_err(|e| {
            failure(
                path,
                Some(number),
                text!("无法读取这条记录：{e}", "cannot read this record: {e}"),
            )
        })?;
        let record: csv::StringRecord = row
            .get_column_iter()
            .zip(&hints)
            .map(|((_, field), hint)| field_text(field, *hint))
            .collect();
        assembler.push(number, record)?;
    }
    assembler.finish(SourceFormat::Parquet)
}

/// Whether the record API converts this column without panicking.
fn supported(column: &ColumnDescriptor) -> bool {
    use ConvertedType as C;
    let converted = column.converted_type();
    match column.physical_type() {
        Type::BOOLEAN | Type::INT96 | Type::FLOAT | Type::DOUBLE => true,
        Type::INT32 => matches!(
            converted,
            C::NONE
                | C::INT_8
                | C::INT_16
                | C::INT_32
                | C::UINT_8
                | C::UINT_16
                | C::UINT_32
                | C::DATE
                | C::TIME_MILLIS
                | C::DECIMAL
        ),
        Type::INT64 => matches!(
            converted,
            C::NONE
                | C::INT_64
                | C::UINT_64
                | C::TIME_MICROS
                | C::TIMESTAMP_MILLIS
                | C::TIMESTAMP_MICROS
                | C::DECIMAL
        ),
        Type::BYTE_ARRAY => matches!(
            converted,
            C::NONE | C::UTF8 | C::ENUM | C::JSON | C::BSON | C::DECIMAL
        ),
        Type::FIXED_LEN_BYTE_ARRAY => matches!(converted, C::NONE | C::DECIMAL),
    }
}

fn hint(column: &ColumnDescriptor) -> Hint {
    match column.logical_type_ref() {
        Some(LogicalType::Timestamp(timestamp))
            if matches!(timestamp.unit, TimeUnit::NANOS)
                && column.converted_type() == ConvertedType::NONE =>
        {
            Hint::TimestampNanos
        }
        Some(LogicalType::Time(time))
            if matches!(time.unit, TimeUnit::NANOS)
                && column.converted_type() == ConvertedType::NONE =>
        {
            Hint::TimeNanos
        }
        Some(LogicalType::Uuid) => Hint::Uuid,
        _ => Hint::Plain,
    }
}

fn codec_name(codec: Compression) -> &'static str {
    match codec {
        Compression::UNCOMPRESSED => "UNCOMPRESSED",
        Compression::SNAPPY => "SNAPPY",
        Compression::GZIP(_) => "GZIP",
        Compression::LZO => "LZO",
        Compression::BROTLI(_) => "BROTLI",
        Compression::LZ4 | Compression::LZ4_RAW => "LZ4",
        Compression::ZSTD(_) => "ZSTD",
    }
}

/// A field as text, as described in the module comment.
fn field_text(field: &Field, hint: Hint) -> String {
    match field {
        Field::Null => String::new(),
        Field::Bool(value) => value.to_string(),
        Field::Byte(value) => value.to_string(),
        Field::Short(value) => value.to_string(),
        Field::Int(value) => value.to_string(),
        Field::Long(value) => match hint {
            Hint::TimestampNanos => {
                timestamp_text(Some(DateTime::from_timestamp_nanos(*value)), *value)
            }
            Hint::TimeNanos => time_text(
                value.div_euclid(1_000_000_000),
                value.rem_euclid(1_000_000_000),
            ),
            _ => value.to_string(),
        },
        Field::UByte(value) => value.to_string(),
        Field::UShort(value) => value.to_string(),
        Field::UInt(value) => value.to_string(),
        Field::ULong(value) => value.to_string(),
        Field::Float16(value) => float_text(f64::from(f32::from(*value))),
        Field::Float(value) => float32_text(*value),
        Field::Double(value) => float_text(*value),
        Field::Decimal(decimal) => match unscaled(decimal.data()) {
            Some(unscaled) => decimal_text(unscaled, decimal.scale()),
            None => field.to_string(),
        },
        Field::Str(text) => text.clone(),
        Field::Bytes(bytes) => bytes_text(bytes.data(), hint),
        Field::Date(days) => date_text(*days),
        Field::TimeMillis(millis) => {
            let millis = i64::from(*millis);
            time_text(
                millis.div_euclid(1_000),
                millis.rem_euclid(1_000) * 1_000_000,
            )
        }
        Field::TimeMicros(micros) => time_text(
            micros.div_euclid(1_000_000),
            micros.rem_euclid(1_000_000) * 1_000,
        ),
        Field::TimestampMillis(millis) => {
            timestamp_text(DateTime::from_timestamp_millis(*millis), *millis)
        }
        Field::TimestampMicros(micros) => {
            timestamp_text(DateTime::from_timestamp_micros(*micros), *micros)
        }
        // Nested values are refused before reading; shown as the record API writes them.
        Field::Group(_) | Field::ListInternal(_) | Field::MapInternal(_) => field.to_string(),
    }
}

fn float_text(value: f64) -> String {
    if value == 0.0 {
        "0".to_string()
    } else {
        format!("{value}")
    }
}

fn float32_text(value: f32) -> String {
    if value == 0.0 {
        "0".to_string()
    } else {
        format!("{value}")
    }
}

/// The big-endian two's-complement integer of a decimal, when it fits 128 bits.
fn unscaled(bytes: &[u8]) -> Option<i128> {
    let negative = bytes.first().is_some_and(|b| b & 0x80 != 0);
    let fill = if negative { 0xFF } else { 0x00 };
    // Leading bytes that only repeat the sign carry no value.
    let mut significant = bytes;
    while significant.len() > 16 && significant[0] == fill {
        significant = &significant[1..];
    }
    if significant.len() > 16 {
        return None;
    }
    let mut buffer = [fill; 16];
    buffer[16 - significant.len()..].copy_from_slice(significant);
    Some(i128::from_be_bytes(buffer))
}

/// `unscaled / 10^scale` written out in full: `decimal_text(123450, 2) == "1234.50"`.
fn decimal_text(unscaled: i128, scale: i32) -> String {
    let sign = if unscaled < 0 { "-" } else { "" };
    let mut digits = unscaled.unsigned_abs().to_string();
    if scale <= 0 {
        if unscaled != 0 {
            digits.extend(std::iter::repeat_n('0', scale.unsigned_abs() as usize));
        }
        return format!("{sign}{digits}");
    }
    let scale = scale as usize;
    if digits.len() <= scale {
        let zeros = "0".repeat(scale + 1 - digits.len());
        digits.insert_str(0, &zeros);
    }
    let point = digits.len() - scale;
    format!("{sign}{}.{}", &digits[..point], &digits[point..])
}

fn date_text(days: i32) -> String {
    const UNIX_EPOCH_FROM_CE: i32 = 719_163;
    days.checked_add(UNIX_EPOCH_FROM_CE)
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .map_or_else(
            || days.to_string(),
            |date| date.format("%Y-%m-%d").to_string(),
        )
}

fn timestamp_text(datetime: Option<DateTime<chrono::Utc>>, raw: i64) -> String {
    datetime.map_or_else(
        || raw.to_string(),
        |datetime| datetime.format("%Y-%m-%d %H:%M:%S%.f").to_string(),
    )
}

fn time_text(seconds: i64, nanos: i64) -> String {
    u32::try_from(seconds)
        .ok()
        .zip(u32::try_from(nanos).ok())
        .and_then(|(seconds, nanos)| NaiveTime::from_num_seconds_from_midnight_opt(seconds, nanos))
        .map_or_else(
            || seconds.to_string(),
            |time| time.format("%H:%M:%S%.f").to_string(),
        )
}

fn bytes_text(bytes: &[u8], hint: Hint) -> String {
    let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
    if hint == Hint::Uuid && bytes.len() == 16 {
        return format!(
            "{}-{}-{}-{}-{}",
            hex(&bytes[..4]),
            hex(&bytes[4..6]),
            hex(&bytes[6..8]),
            hex(&bytes[8..10]),
            hex(&bytes[10..])
        );
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => hex(bytes),
    }
}
