//! Dates as court staff and court exports write them: `2024-03-05`, `2024/3/5`, `2024.3.5`,
//! `2024年3月5日`, `20240305`. Output is always ISO `YYYY-MM-DD`.

use std::fmt;

use chrono::NaiveDate;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    pub text: String,
}

impl DateError {
    /// The reason in both languages.
    pub fn text(&self) -> crate::Text {
        let given = &self.text;
        crate::text!(
            "“{given}”不是有效日期（应写作 2024-03-05、2024/3/5、2024年3月5日 或 20240305）",
            "“{given}” is not a valid date (write 2024-03-05, 2024/3/5 or 20240305)"
        )
    }
}

/// In Chinese, the default language; [`DateError::text`] has both.
impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().zh())
    }
}

impl std::error::Error for DateError {}

/// Reads a date in any of the accepted forms; the date must exist (no 2023-02-29).
pub fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let error = || DateError {
        text: text.to_string(),
    };
    let trimmed = text.trim();
    if trimmed.len() == 8 && trimmed.bytes().all(|b| b.is_ascii_digit()) {
        let number = |range: std::ops::Range<usize>| trimmed[range].parse::<u32>().ok();
        let (y, m, d) = (number(0..4), number(4..6), number(6..8));
        return match (y, m, d) {
            (Some(y), Some(m), Some(d)) => {
                NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(error)
            }
            _ => Err(error()),
        };
    }
    let body = trimmed.strip_suffix('日').unwrap_or(trimmed);
    let parts: Vec<&str> = body.split(['-', '/', '.', '年', '月']).collect();
    let [y, m, d] = parts.as_slice() else {
        return Err(error());
    };
    let valid = |p: &str, max_len: usize| {
        !p.is_empty() && p.len() <= max_len && p.bytes().all(|b| b.is_ascii_digit())
    };
    if y.len() != 4 || !valid(y, 4) || !valid(m, 2) || !valid(d, 2) {
        return Err(error());
    }
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<i32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return Err(error());
    };
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn check(text: &str, expected: Option<&str>) {
        let got = parse_date(text).ok().map(|d| d.to_string());
        assert_eq!(got.as_deref(), expected, "input {text:?}");
    }

    #[test]
    fn accepted_forms() {
        check("2024-03-05", Some("2024-03-05"));
        check(" 2024/3/5 ", Some("2024-03-05"));
        check("2024.3.5", Some("2024-03-05"));
        check("2024年3月5日", Some("2024-03-05"));
        check("2024年03月05", Some("2024-03-05"));
        check("20240305", Some("2024-03-05"));
        check("2024-02-29", Some("2024-02-29"));
    }

    #[test]
    fn rejected_forms() {
        check("2023-02-29", None);
        check("20231301", None);
        check("24-3-5", None);
        check("2024-3", None);
        check("2024-03-05-01", None);
        check("", None);
        check("2024/3/+5", None);
        check("二〇二四年三月五日", None);
    }
}
