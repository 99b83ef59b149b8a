//! Row numbers of small CSV texts as a spreadsheet shows them, blank lines included.
//!
//! The csv reader skips blank lines and reports a record's position as the start of any blank
//! lines before it, so the row is counted here from the text itself.

/// The 1-based line on which the record at byte offset `byte` of `text` begins.
pub(crate) fn line_of(text: &str, byte: u64) -> usize {
    let start = usize::try_from(byte).unwrap_or(usize::MAX).min(text.len());
    let skipped = text.as_bytes()[start..]
        .iter()
        .take_while(|&&b| b == b'\n' || b == b'\r')
        .count();
    let newlines = text.as_bytes()[..start + skipped]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    newlines + 1
}

/// The row of the `index`-th record (0-based, after the header) read from `text`.
pub(crate) fn row_of(
    text: &str,
    index: usize,
    record: &Result<csv::StringRecord, csv::Error>,
) -> usize {
    let position = match record {
        Ok(record) => record.position(),
        Err(e) => e.position(),
    };
    position.map_or(index + 2, |p| line_of(text, p.byte()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_count_blank_lines_and_carriage_returns() {
        let text = "h\r\n1\r\n\r\n\n2\n";
        assert_eq!(line_of(text, 0), 1);
        assert_eq!(line_of(text, 3), 2);
        assert_eq!(line_of(text, 6), 5);
        assert_eq!(line_of(text, 999), 6);
    }
}
