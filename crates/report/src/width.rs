//! How wide text looks in a grid of half-width cells, for sizing table columns: a Chinese
//! character takes two cells, a Latin letter one.

/// The width of `text` in half-width character cells: CJK and full-width characters take two.
pub(crate) fn display_width(text: &str) -> usize {
    text.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

/// East Asian wide and full-width characters, and the symbols Chinese fonts draw full width
/// (em dash, ellipsis, geometric shapes such as ▲▼).
fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2014}'
        | '\u{2026}'
        | '\u{25A0}'..='\u{25FF}'
        | '\u{2605}'..='\u{2606}'
        | '\u{2E80}'..='\u{303E}'
        | '\u{3040}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}')
}

#[cfg(test)]
mod tests {
    use super::display_width;

    #[test]
    fn chinese_counts_double() {
        assert_eq!(display_width("a结b"), 4);
        assert_eq!(display_width("（一）"), 6);
        assert_eq!(display_width("85.3%"), 5);
        assert_eq!(display_width("78.0%▼"), 7);
    }
}
