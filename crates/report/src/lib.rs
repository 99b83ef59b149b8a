//! Documents out of figures: a neutral model ([`document`]) of headings, paragraphs, tables,
//! charts and notes, and three writers that turn it into a Word file laid out as a Chinese
//! official document ([`docx`], GB/T 9704-2012), an Excel workbook with native charts
//! ([`xlsx`]) and a single self-contained HTML page with SVG charts ([`html`]).
//!
//! The crate knows documents, not courts: the caller composes the bulletin and hands it over.
//! Numbers are shown by one rule ([`number`]) in every format. No writer reads a clock or the
//! network, and the same document always gives the same bytes.

pub mod document;
pub mod docx;
mod error;
mod escape;
pub mod html;
pub mod number;
mod palette;
mod width;
pub mod xlsx;

pub use document::{
    Block, Cell, Chart, ChartBand, ChartKind, Document, HeadingLevel, NOTES_HEADING, Note, Series,
    Status, Table,
};
pub use docx::render_docx;
pub use error::{ReportError, Step};
pub use html::{chart_svg, render_html};
pub use number::NumberFormat;
pub use xlsx::render_xlsx;
