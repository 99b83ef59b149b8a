//! The colours all three formats use, so that a chart or a marked cell looks the same in
//! Word, Excel and the browser.

/// Series colours in order, as RRGGBB; series beyond the list reuse it from the start.
/// Chosen to stay distinct in greyscale print as well as for common colour blindness.
pub(crate) const SERIES: [&str; 8] = [
    "1F4E79", "C55A11", "548235", "7F6000", "7030A0", "2E75B6", "A50021", "595959",
];

/// The fill behind a cell whose value is below its reference range.
pub(crate) const BELOW_FILL: &str = "DDEBF7";
/// The fill behind a cell whose value is above its reference range.
pub(crate) const ABOVE_FILL: &str = "FCE4D6";
/// The fill behind header cells.
pub(crate) const HEADER_FILL: &str = "E7E6E6";

pub(crate) fn series(index: usize) -> &'static str {
    SERIES[index % SERIES.len()]
}

pub(crate) fn status_fill(status: crate::Status) -> &'static str {
    match status {
        crate::Status::BelowRange => BELOW_FILL,
        crate::Status::AboveRange => ABOVE_FILL,
    }
}
