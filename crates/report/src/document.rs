//! The neutral document model every writer reads: a title block, a sequence of blocks
//! (headings, paragraphs, tables, charts) and the notes that define the terms used.
//!
//! The model says what a document contains, never how a format lays it out; it carries no
//! court data types, so any caller can fill it. Every value is accepted: ragged rows, series
//! shorter than their categories, NaN and empty strings are laid out as well as they can be.

use crate::number::NumberFormat;

/// The heading every format prints over the notes.
pub const NOTES_HEADING: &str = "指标说明";

/// A whole document, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// The main title, e.g. "2024年6月审判质效通报".
    pub title: String,
    /// The line under the title (文号 or 期数), e.g. "（2024年第6期）"; `None` leaves it out.
    pub subtitle: Option<String>,
    /// The date line as it should be printed, e.g. "某某市中级人民法院审判管理办公室　2024年7月5日".
    /// The writers never read a clock: this text is the only date in the output.
    pub date_line: String,
    pub blocks: Vec<Block>,
    /// The definitions printed at the end under "指标说明", numbered in this order.
    pub notes: Vec<Note>,
}

/// One piece of the body.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading; its text carries its own numbering ("一、", "（一）") as the author wants it.
    Heading {
        level: HeadingLevel,
        text: String,
    },
    Paragraph(String),
    Table(Table),
    Chart(Chart),
}

/// The two heading levels of an official document: 一、 in 黑体 and （一） in 楷体.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadingLevel {
    One,
    Two,
}

/// A table with one header row. Rows may be shorter or longer than the header: the writers
/// pad every row to the widest.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The caption printed above the table, e.g. "表1　各院结案率"; also names its XLSX sheet.
    pub caption: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// One table cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text {
        text: String,
        status: Option<Status>,
    },
    /// A number shown in `format`; a non-finite value is shown as a dash and left blank in XLSX.
    Number {
        value: f64,
        format: NumberFormat,
        status: Option<Status>,
    },
    Empty,
}

/// Where a value stands against its reference range. The writers colour the cell (XLSX,
/// HTML) or mark it with ▲/▼ (DOCX, and HTML too so that a black-and-white print keeps it).
/// Whether "above" is good depends on the indicator; the caller knows, the document does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    BelowRange,
    AboveRange,
}

/// A line or bar chart over named categories.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// The caption printed above the chart, e.g. "图1　近12个月结案率"; also names its sheet.
    pub title: String,
    pub kind: ChartKind,
    pub categories: Vec<String>,
    pub series: Vec<Series>,
    /// How the value axis and the chart's data in XLSX are shown.
    pub format: NumberFormat,
    /// The last category is a period still running (the current month), with the words that
    /// say how far it goes, e.g. "截至12月5日": it is drawn apart (a dashed line to a hollow
    /// mark) so that a partial count does not read as a fall.
    pub partial: Option<String>,
    /// Ranges drawn as shaded areas behind a line (a forecast's 80% band); the SVG draws them,
    /// the documents' native charts show the lines alone.
    pub bands: Vec<ChartBand>,
}

/// A range around one series of a line chart: its lower and upper value per category.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartBand {
    /// The series (its index) the band is drawn in the colour of.
    pub series: usize,
    pub low: Vec<Option<f64>>,
    pub high: Vec<Option<f64>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    Line,
    /// Vertical bars, clustered by category.
    Bar,
}

/// One series: a value per category, `None` where there is none (a gap in a line).
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
}

/// A term and its definition, e.g. "结案率" and how it is computed.
#[derive(Debug, Clone, PartialEq)]
pub struct Note {
    pub term: String,
    pub definition: String,
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Cell {
        Cell::Text {
            text: text.into(),
            status: None,
        }
    }

    pub fn number(value: f64, format: NumberFormat) -> Cell {
        Cell::Number {
            value,
            format,
            status: None,
        }
    }

    /// The same cell marked with `status`; an empty cell stays unmarked.
    pub fn with_status(self, status: Status) -> Cell {
        match self {
            Cell::Text { text, .. } => Cell::Text {
                text,
                status: Some(status),
            },
            Cell::Number { value, format, .. } => Cell::Number {
                value,
                format,
                status: Some(status),
            },
            Cell::Empty => Cell::Empty,
        }
    }

    pub fn status(&self) -> Option<Status> {
        match self {
            Cell::Text { status, .. } | Cell::Number { status, .. } => *status,
            Cell::Empty => None,
        }
    }

    /// The text a reader sees, without the status mark: numbers in their format, empty as "".
    pub fn display(&self) -> String {
        match self {
            Cell::Text { text, .. } => text.clone(),
            Cell::Number { value, format, .. } => format.display(*value),
            Cell::Empty => String::new(),
        }
    }
}

impl Status {
    /// The mark printed after a value: it survives black-and-white printing, a colour does not.
    pub fn mark(self) -> &'static str {
        match self {
            Status::BelowRange => "▼",
            Status::AboveRange => "▲",
        }
    }

    /// The words the legend under a marked table uses.
    pub fn legend(self) -> &'static str {
        match self {
            Status::BelowRange => "低于参考区间",
            Status::AboveRange => "高于参考区间",
        }
    }
}

impl Table {
    /// The number of columns every row is laid out with: the widest of the header and the rows.
    pub fn column_count(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .chain(std::iter::once(self.header.len()))
            .max()
            .unwrap_or(0)
    }

    /// The statuses used in the table, in a fixed order, for the legend under it.
    pub fn statuses(&self) -> Vec<Status> {
        [Status::AboveRange, Status::BelowRange]
            .into_iter()
            .filter(|status| {
                self.rows
                    .iter()
                    .flatten()
                    .any(|cell| cell.status() == Some(*status))
            })
            .collect()
    }

    /// The legend line under a table that marks cells, e.g. "注：▲高于参考区间；▼低于参考区间。";
    /// `None` when no cell is marked.
    pub fn legend(&self) -> Option<String> {
        let statuses = self.statuses();
        if statuses.is_empty() {
            return None;
        }
        let parts: Vec<String> = statuses
            .iter()
            .map(|status| format!("{}{}", status.mark(), status.legend()))
            .collect();
        Some(format!("注：{}。", parts.join("；")))
    }
}

impl Chart {
    /// Whether `category` is the running period [`Chart::partial`] marks.
    pub fn is_partial(&self, category: usize) -> bool {
        self.partial.is_some() && category + 1 == self.categories.len()
    }

    /// The value of `series` at `category`, treating a missing entry and a non-finite value
    /// alike as no value, so that every writer draws the same gaps.
    pub fn value(&self, series: usize, category: usize) -> Option<f64> {
        self.series
            .get(series)
            .and_then(|s| s.values.get(category).copied().flatten())
            .filter(|v| v.is_finite())
    }
}
