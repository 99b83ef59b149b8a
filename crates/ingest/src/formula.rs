//! Cells a spreadsheet would run as a formula. A CSV written by shenguan and opened in Excel or
//! WPS must not run what a case file carried in (a cause of action "=HYPERLINK(…)"): such a cell
//! is written with a leading apostrophe, which spreadsheets show as text, and the apostrophe is
//! dropped again when the file is read back, so that an export imports as it was.

/// Whether a cell would be taken for a formula: it starts with `=`, `@`, a tab or a carriage
/// return, or with `+` or `-` not followed by a number.
pub(crate) fn starts_formula(cell: &str) -> bool {
    match cell.chars().next() {
        Some('=' | '@' | '\t' | '\r') => true,
        Some('+' | '-') => cell[1..].trim().parse::<f64>().is_err(),
        _ => false,
    }
}

/// The cell as written: guarded with an apostrophe when it would be a formula.
pub(crate) fn guard(cell: &str) -> std::borrow::Cow<'_, str> {
    if starts_formula(cell) {
        std::borrow::Cow::Owned(format!("'{cell}"))
    } else {
        std::borrow::Cow::Borrowed(cell)
    }
}

/// The cell as read: a guarding apostrophe dropped.
pub(crate) fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if starts_formula(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_guarded_and_read_back_as_they_were() {
        for formula in [
            "=HYPERLINK(\"x\")",
            "@SUM(A1)",
            "+cmd|' /C calc'!A0",
            "-1+1|x",
            "\tx",
        ] {
            assert_eq!(guard(formula), format!("'{formula}"));
            assert_eq!(unguard(&guard(formula)), formula);
        }
        for plain in ["民间借贷纠纷", "-5.00", "+86", "12", "", "'quoted", "a=b"] {
            assert_eq!(guard(plain), plain);
            assert_eq!(unguard(plain), plain);
        }
    }
}
