//! How a number is shown: the one rule for the text in DOCX and HTML, and the matching Excel
//! number format, so that the three outputs print the same figure.

/// The largest number of decimal places shown; more is noise in a report and makes absurd
/// Excel format codes.
const MAX_PLACES: u8 = 6;

/// What a number is and how many places it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberFormat {
    /// A count, e.g. 1234 cases.
    Integer,
    /// A plain decimal with this many places.
    Decimal(u8),
    /// A percentage given in percent points, as the indicator engine computes it: 85.3 means
    /// 85.3 %. XLSX stores it as the fraction 0.853 with a % format, so Excel's arithmetic on
    /// the cell is right.
    Percent(u8),
    /// A duration in days with one decimal place, shown with the unit "天".
    Days,
}

impl NumberFormat {
    /// The text of `value`, rounded half away from zero as Excel rounds; "—" when not finite.
    pub fn display(self, value: f64) -> String {
        if !value.is_finite() {
            return "—".to_string();
        }
        match self {
            NumberFormat::Integer => fixed(value, 0),
            NumberFormat::Decimal(places) => fixed(value, places),
            NumberFormat::Percent(places) => format!("{}%", fixed(value, places)),
            NumberFormat::Days => format!("{}天", fixed(value, 1)),
        }
    }

    /// The Excel number format code that shows the stored value (see [`Self::excel_value`]) as
    /// [`Self::display`] does.
    pub fn excel_code(self) -> String {
        match self {
            NumberFormat::Integer => "0".to_string(),
            NumberFormat::Decimal(places) => places_code(places),
            NumberFormat::Percent(places) => format!("{}%", places_code(places)),
            NumberFormat::Days => format!("{}\"天\"", places_code(1)),
        }
    }

    /// The value to store in a spreadsheet or chart cache for `excel_code`.
    pub fn excel_value(self, value: f64) -> f64 {
        match self {
            NumberFormat::Percent(_) => value / 100.0,
            _ => value,
        }
    }
}

fn fixed(value: f64, places: u8) -> String {
    let places = places.min(MAX_PLACES);
    let scale = 10f64.powi(i32::from(places));
    let scaled = (value * scale).round();
    // Below 2^53 the scaled value is a whole number held exactly: its digits are written with
    // integer arithmetic, because the float formatter's fixed-precision mode takes its slow exact
    // path on many such values (a page of figures spent a twentieth of its time there).
    if scaled.is_finite() && scaled.abs() < 9.0e15 {
        let scaled = scaled as i64;
        // A negative value that rounds to zero is written "0", not "-0".
        let sign = if scaled < 0 { "-" } else { "" };
        let scaled = scaled.unsigned_abs();
        if places == 0 {
            return format!("{sign}{scaled}");
        }
        let unit = 10u64.pow(u32::from(places));
        let (whole, part) = (scaled / unit, scaled % unit);
        return format!("{sign}{whole}.{part:0width$}", width = usize::from(places));
    }
    let rounded = (value * scale).round() / scale;
    // Very large values overflow the scaling; they are shown as they are.
    let rounded = if rounded.is_finite() { rounded } else { value };
    let text = format!("{rounded:.prec$}", prec = usize::from(places));
    // A negative value that rounds to zero would print as "-0.0".
    if text.starts_with('-') && text[1..].chars().all(|c| c == '0' || c == '.') {
        text[1..].to_string()
    } else {
        text
    }
}

fn places_code(places: u8) -> String {
    match places.min(MAX_PLACES) {
        0 => "0".to_string(),
        places => format!("0.{}", "0".repeat(usize::from(places))),
    }
}

#[cfg(test)]
mod tests {
    use super::NumberFormat::{self, *};
    use super::{MAX_PLACES, fixed};

    fn check(format: NumberFormat, value: f64, text: &str, code: &str) {
        assert_eq!(format.display(value), text, "{format:?} {value}");
        assert_eq!(format.excel_code(), code, "{format:?}");
    }

    #[test]
    fn numbers_show_as_excel_shows_them() {
        check(Integer, 1234.0, "1234", "0");
        check(Integer, 2.5, "3", "0");
        check(Integer, -2.5, "-3", "0");
        check(Decimal(2), 1.0, "1.00", "0.00");
        check(Decimal(2), -0.001, "0.00", "0.00");
        check(Decimal(0), 7.49, "7", "0");
        check(Decimal(200), 1.5, "1.500000", "0.000000");
        check(Percent(1), 85.25, "85.3%", "0.0%");
        check(Percent(0), 100.0, "100%", "0%");
        check(Days, 45.26, "45.3天", "0.0\"天\"");
        check(Decimal(1), f64::NAN, "—", "0.0");
        check(Integer, f64::INFINITY, "—", "0");
        check(Decimal(3), 1e300, &format!("{:.3}", 1e300), "0.000");
    }

    #[test]
    fn whole_digits_are_those_the_float_formatter_writes() {
        // What `fixed` wrote before it counted in integers: the value rounded at its places,
        // then written by the float formatter.
        let by_float = |value: f64, places: u8| {
            let scale = 10f64.powi(i32::from(places));
            let text = format!(
                "{:.*}",
                usize::from(places),
                (value * scale).round() / scale
            );
            match text.strip_prefix('-') {
                Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
                _ => text,
            }
        };
        // A fixed sequence of values over many magnitudes, ties and near-ties among them.
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        for i in 0..20_000u32 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let mantissa = (state >> 11) as f64 / (1u64 << 53) as f64;
            let magnitude = 10f64.powi((i % 14) as i32 - 4);
            let sign = if state & 1 == 0 { 1.0 } else { -1.0 };
            let value = match i % 4 {
                // Exact halves, quarters and eighths at the rounding place.
                0 => sign * (state % 100_000) as f64 / 8.0,
                _ => sign * mantissa * magnitude,
            };
            for places in 0..=MAX_PLACES {
                assert_eq!(
                    fixed(value, places),
                    by_float(value, places),
                    "{value} {places}"
                );
            }
        }
    }

    #[test]
    fn percents_are_stored_as_fractions() {
        assert_eq!(Percent(1).excel_value(85.0), 0.85);
        assert_eq!(Days.excel_value(3.5), 3.5);
    }
}
