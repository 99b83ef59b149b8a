//! Money in yuan, held exactly as whole fen (分): court amounts have two decimals and must add up
//! to the fen in statistics, which floating point does not promise.

use std::fmt;

/// An amount of money in fen (1 yuan = 100 fen). Never negative in case data.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Money(i64);

/// Why a text is not an amount of money.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MoneyError {
    NotANumber,
    Negative,
    /// More than two decimals: a fen is the smallest unit.
    TooManyDecimals,
    TooLarge,
}

impl MoneyError {
    pub fn message_zh(&self) -> &'static str {
        match self {
            MoneyError::NotANumber => "金额不是数字",
            MoneyError::Negative => "金额不能为负数",
            MoneyError::TooManyDecimals => "金额最多保留两位小数（到分）",
            MoneyError::TooLarge => "金额超出范围",
        }
    }

    pub fn message_en(&self) -> &'static str {
        match self {
            MoneyError::NotANumber => "the amount is not a number",
            MoneyError::Negative => "the amount cannot be negative",
            MoneyError::TooManyDecimals => "at most two decimals (fen)",
            MoneyError::TooLarge => "the amount is out of range",
        }
    }
}

impl MoneyError {
    /// The reason in both languages.
    pub fn text(&self) -> crate::Text {
        crate::Text::new(self.message_zh(), self.message_en())
    }
}

/// In Chinese, the default language; [`MoneyError::text`] has both.
impl fmt::Display for MoneyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message_zh())
    }
}

impl std::error::Error for MoneyError {}

/// The largest amount accepted: a thousand trillion yuan is beyond any claim.
const MAX_FEN: i64 = 100_000_000_000_000_000;

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn from_fen(fen: i64) -> Money {
        Money(fen)
    }

    pub fn fen(self) -> i64 {
        self.0
    }

    /// Reads `1234`, `1234.5`, `1,234.56`, `¥1234.00`, `1234元`; trailing zeros beyond two decimals
    /// are allowed (`1234.500`), other digits there are not.
    pub fn parse(text: &str) -> Result<Money, MoneyError> {
        let mut body = text.trim();
        body = body
            .trim_start_matches(['¥', '￥'])
            .trim_end_matches('元')
            .trim();
        if let Some(rest) = body.strip_prefix('-') {
            return match Money::parse(rest) {
                Ok(m) if m.0 == 0 => Ok(Money::ZERO),
                Ok(_) => Err(MoneyError::Negative),
                Err(e) => Err(e),
            };
        }
        let body = body.strip_prefix('+').unwrap_or(body);
        let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
        let whole: String = whole.chars().filter(|&c| c != ',').collect();
        if whole.is_empty() && fraction.is_empty() {
            return Err(MoneyError::NotANumber);
        }
        if !whole.bytes().all(|b| b.is_ascii_digit())
            || !fraction.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(MoneyError::NotANumber);
        }
        let (kept, dropped) = fraction.split_at(fraction.len().min(2));
        if dropped.bytes().any(|b| b != b'0') {
            return Err(MoneyError::TooManyDecimals);
        }
        let mut fen: i64 = 0;
        for b in whole.bytes() {
            fen = fen
                .checked_mul(10)
                .and_then(|f| f.checked_add(i64::from(b - b'0')))
                .ok_or(MoneyError::TooLarge)?;
        }
        fen = fen.checked_mul(100).ok_or(MoneyError::TooLarge)?;
        let mut cents = 0i64;
        for (i, b) in kept.bytes().enumerate() {
            cents += i64::from(b - b'0') * if i == 0 { 10 } else { 1 };
        }
        let fen = fen.checked_add(cents).ok_or(MoneyError::TooLarge)?;
        if fen > MAX_FEN {
            return Err(MoneyError::TooLarge);
        }
        Ok(Money(fen))
    }
}

impl fmt::Display for Money {
    /// Yuan with two decimals, no separators: `1234.50`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The sign goes in front of the yuan: -7 fen is `-0.07`, not `0.-7`.
        let sign = if self.0 < 0 { "-" } else { "" };
        let fen = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", fen / 100, fen % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_amounts_display_with_the_sign_in_front() {
        assert_eq!(Money::from_fen(-7).to_string(), "-0.07");
        assert_eq!(Money::from_fen(-123_456).to_string(), "-1234.56");
        assert_eq!(Money::from_fen(-100).to_string(), "-1.00");
        assert_eq!(
            Money::from_fen(i64::MIN).to_string(),
            "-92233720368547758.08"
        );
        assert_eq!(Money::from_fen(5).to_string(), "0.05");
    }

    #[track_caller]
    fn check(text: &str, expected: Result<&str, MoneyError>) {
        assert_eq!(
            Money::parse(text).map(|m| m.to_string()),
            expected.map(str::to_string),
            "{text:?}"
        );
    }

    #[test]
    fn amounts() {
        check("1234", Ok("1234.00"));
        check("1234.5", Ok("1234.50"));
        check("1,234.56", Ok("1234.56"));
        check("¥1234", Ok("1234.00"));
        check("￥ 0.07元", Ok("0.07"));
        check(".5", Ok("0.50"));
        check("12.500", Ok("12.50"));
        check("0", Ok("0.00"));
        check("-0", Ok("0.00"));
        check("12.345", Err(MoneyError::TooManyDecimals));
        check("-12", Err(MoneyError::Negative));
        check("12a", Err(MoneyError::NotANumber));
        check("", Err(MoneyError::NotANumber));
        check("1e5", Err(MoneyError::NotANumber));
        check("99999999999999999999", Err(MoneyError::TooLarge));
    }
}
