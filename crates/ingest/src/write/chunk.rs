//! A block of rows held as typed columns (text in one buffer per column, dates, whole numbers,
//! amounts in fen), filled row by row by a producer and written by [`super::TableStream`]: the
//! way to write millions of rows without a `String` per cell.

use std::fmt;

use chrono::NaiveDate;

use crate::table::{Column, ColumnKind};

/// The values of one column of a chunk. Empty text is no value, as in the canonical files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColumnValues {
    /// All the column's text, one after the other; `ends[i]` is where row `i`'s text ends.
    Text {
        data: String,
        ends: Vec<u32>,
    },
    Date(Vec<Option<NaiveDate>>),
    Integer(Vec<Option<i64>>),
    /// Amounts in fen.
    Money(Vec<Option<i64>>),
}

impl ColumnValues {
    fn new(kind: ColumnKind) -> ColumnValues {
        match kind {
            ColumnKind::Text => ColumnValues::Text {
                data: String::new(),
                ends: Vec::new(),
            },
            ColumnKind::Date => ColumnValues::Date(Vec::new()),
            ColumnKind::Integer => ColumnValues::Integer(Vec::new()),
            ColumnKind::Money => ColumnValues::Money(Vec::new()),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            ColumnValues::Text { ends, .. } => ends.len(),
            ColumnValues::Date(values) => values.len(),
            ColumnValues::Integer(values) | ColumnValues::Money(values) => values.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The text of row `row` of a text column ("" for no value or another kind).
    pub fn text(&self, row: usize) -> &str {
        match self {
            ColumnValues::Text { data, ends } => {
                let start = if row == 0 { 0 } else { ends[row - 1] as usize };
                &data[start..ends[row] as usize]
            }
            _ => "",
        }
    }

    fn clear(&mut self) {
        match self {
            ColumnValues::Text { data, ends } => {
                data.clear();
                ends.clear();
            }
            ColumnValues::Date(values) => values.clear(),
            ColumnValues::Integer(values) | ColumnValues::Money(values) => values.clear(),
        }
    }
}

/// Rows as typed columns, in the order and kinds of the table's [`Column`]s.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chunk {
    columns: Vec<ColumnValues>,
}

impl Chunk {
    pub fn new(columns: &[Column<'_>]) -> Chunk {
        Chunk {
            columns: columns.iter().map(|c| ColumnValues::new(c.kind)).collect(),
        }
    }

    pub fn columns(&self) -> &[ColumnValues] {
        &self.columns
    }

    /// Rows in the chunk (those of its first column: a producer fills every column of a row).
    pub fn rows(&self) -> usize {
        self.columns.first().map_or(0, ColumnValues::len)
    }

    /// Empties the chunk and keeps its buffers for the next rows.
    pub fn clear(&mut self) {
        self.columns.iter_mut().for_each(ColumnValues::clear);
    }

    /// Appends `text` to text column `column`. A column of another kind gets no value: pushing
    /// the wrong kind is a mistake of the producer, caught by its tests (see `debug_assert`).
    pub fn push_text(&mut self, column: usize, text: &str) {
        match &mut self.columns[column] {
            ColumnValues::Text { data, ends } => {
                data.push_str(text);
                ends.push(data.len() as u32);
            }
            other => {
                debug_assert!(false, "text pushed into {other:?}");
                other.push_none();
            }
        }
    }

    /// Appends formatted text to text column `column`, without an intermediate `String`.
    pub fn push_fmt(&mut self, column: usize, args: fmt::Arguments<'_>) {
        match &mut self.columns[column] {
            ColumnValues::Text { data, ends } => {
                match args.as_str() {
                    Some(text) => data.push_str(text),
                    None => {
                        let _ = fmt::Write::write_fmt(data, args);
                    }
                }
                ends.push(data.len() as u32);
            }
            other => {
                debug_assert!(false, "text pushed into {other:?}");
                other.push_none();
            }
        }
    }

    pub fn push_date(&mut self, column: usize, date: Option<NaiveDate>) {
        match &mut self.columns[column] {
            ColumnValues::Date(values) => values.push(date),
            other => {
                debug_assert!(false, "a date pushed into {other:?}");
                other.push_none();
            }
        }
    }

    pub fn push_integer(&mut self, column: usize, value: Option<i64>) {
        match &mut self.columns[column] {
            ColumnValues::Integer(values) => values.push(value),
            other => {
                debug_assert!(false, "an integer pushed into {other:?}");
                other.push_none();
            }
        }
    }

    /// Appends an amount in fen to money column `column`.
    pub fn push_money(&mut self, column: usize, fen: Option<i64>) {
        match &mut self.columns[column] {
            ColumnValues::Money(values) => values.push(fen),
            other => {
                debug_assert!(false, "an amount pushed into {other:?}");
                other.push_none();
            }
        }
    }

    /// The bytes of text held, to decide when a chunk is full.
    pub fn text_bytes(&self) -> usize {
        self.columns
            .iter()
            .map(|c| match c {
                ColumnValues::Text { data, .. } => data.len(),
                _ => 0,
            })
            .sum()
    }
}

impl ColumnValues {
    fn push_none(&mut self) {
        match self {
            ColumnValues::Text { data, ends } => ends.push(data.len() as u32),
            ColumnValues::Date(values) => values.push(None),
            ColumnValues::Integer(values) | ColumnValues::Money(values) => values.push(None),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_go_into_typed_columns_and_clear_keeps_the_kinds() {
        let columns = [
            Column {
                name: "case_no",
                kind: ColumnKind::Text,
            },
            Column {
                name: "filed_on",
                kind: ColumnKind::Date,
            },
            Column {
                name: "claim_amount",
                kind: ColumnKind::Money,
            },
        ];
        let mut chunk = Chunk::new(&columns);
        chunk.push_fmt(0, format_args!("（{}）湘1402民初{}号", 2024, 7));
        chunk.push_date(1, NaiveDate::from_ymd_opt(2024, 3, 1));
        chunk.push_money(2, Some(12_345));
        chunk.push_text(0, "");
        chunk.push_date(1, None);
        chunk.push_money(2, None);
        assert_eq!(chunk.rows(), 2);
        assert_eq!(chunk.columns()[0].text(0), "（2024）湘1402民初7号");
        assert_eq!(chunk.columns()[0].text(1), "");
        assert_eq!(
            chunk.columns()[2],
            ColumnValues::Money(vec![Some(12_345), None])
        );
        chunk.clear();
        assert_eq!(chunk.rows(), 0);
        assert_eq!(chunk.columns()[1], ColumnValues::Date(vec![]));
    }
}
