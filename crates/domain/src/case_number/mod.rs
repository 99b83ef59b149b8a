//! Case numbers (案号): `CaseNumber::parse` accepts every form real court documents carry, and
//! `Display` writes the one canonical form, its exact inverse.
//!
//! Current form (《关于人民法院案件案号的若干规定》 2016, amended 2018):
//! `（收案年度）` + 法院代字 + [专门审判代字] + 类型代字 + 案件编号 + `号`, e.g. `（2020）浙01知民初277号`.
//! Accepted variations: ASCII `()`, full-width `（）`, `〔〕`, `［］`, `【】` brackets in any mixture;
//! full-width digits; surrounding whitespace; leading zeros in the serial; a document suffix
//! such as `之一` after `号` (the number of a second document in the same case, dropped).
//! Canonical form: full-width brackets, ASCII digits, no leading zeros — except criminal review (刑核)
//! numbers, which Art. 10 makes a fixed 8-digit random number and which are written with 8 digits.
//!
//! Pre-2016 numbers with `字第` (`（2015）朝民初字第41757号`) are accepted as legacy, see [`legacy`].

mod error;
mod legacy;

use std::fmt;

pub use error::CaseNumberError;

use crate::case_type::{CaseType, Category, STAGE_MARKS, Stage, TypeKey, lookup_id};
use crate::court::{CourtCode, CourtLevel, Province, SUPREME, digit_value};

/// The earliest plausible receipt year: the People's Republic's courts date from 1949.
pub const EARLIEST_YEAR: u32 = 1949;

/// A parsed case number. The only way to make one is [`CaseNumber::parse`].
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CaseNumber {
    year: u16,
    form: Form,
    serial: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Form {
    Current {
        court: CourtCode,
        special: Option<SpecialCode>,
        type_id: u16,
    },
    Legacy(Box<legacy::Legacy>),
}

/// The special-trial code (专门审判代字) of the 2018 amendment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SpecialCode {
    /// 知: patent and other technical intellectual-property cases.
    IntellectualProperty,
}

impl SpecialCode {
    pub fn from_char(ch: char) -> Option<SpecialCode> {
        (ch == '知').then_some(SpecialCode::IntellectualProperty)
    }

    pub fn as_char(self) -> char {
        match self {
            SpecialCode::IntellectualProperty => '知',
        }
    }
}

impl CaseNumber {
    /// Parses a case number. `this_year` is the current calendar year, the latest possible
    /// receipt year (the caller knows the date; the parser never reads the clock).
    pub fn parse(text: &str, this_year: i32) -> Result<CaseNumber, CaseNumberError> {
        let text = trim(text);
        // Fast path: most inputs are current-form numbers. One that parses here cannot contain
        // whitespace, 检 or 字 (none fits a year, court code, type code or serial), so the full
        // path would accept it too, with the same result; everything else takes the full path,
        // which also says what is wrong.
        if let Some(rest) = text.strip_prefix(is_open)
            && let Ok((year, after)) = parse_year(rest, this_year)
            && let Ok(number) = parse_current(year, after)
        {
            return Ok(number);
        }
        parse_with_diagnosis(text, this_year)
    }

    /// The receipt year (收案年度).
    pub fn year(&self) -> u16 {
        self.year
    }

    /// The serial number (案件编号).
    pub fn serial(&self) -> u32 {
        self.serial
    }

    /// The court code, when it is one of the current codes (always, unless legacy).
    pub fn court(&self) -> Option<CourtCode> {
        match &self.form {
            Form::Current { court, .. } => Some(*court),
            Form::Legacy(l) => l.court,
        }
    }

    /// The court as written: the current code, or a legacy abbreviation such as `沪二中`.
    pub fn court_text(&self) -> Option<String> {
        match &self.form {
            Form::Current { court, .. } => Some(court.to_string()),
            Form::Legacy(l) => (!l.court_text.is_empty()).then(|| l.court_text.clone()),
        }
    }

    pub fn court_level(&self) -> Option<CourtLevel> {
        match &self.form {
            Form::Current { court, .. } => Some(court.level()),
            Form::Legacy(l) => l.court_level(),
        }
    }

    pub fn province(&self) -> Option<Province> {
        match &self.form {
            Form::Current { court, .. } => court.province(),
            Form::Legacy(l) => l.province(),
        }
    }

    pub fn special_code(&self) -> Option<SpecialCode> {
        match &self.form {
            Form::Current { special, .. } => *special,
            Form::Legacy(l) => l.special,
        }
    }

    /// The case type, when the number names one of the standard's codes (legacy numbers may not).
    pub fn case_type(&self) -> Option<&'static CaseType> {
        match &self.form {
            Form::Current { type_id, .. } => CaseType::by_id(*type_id),
            Form::Legacy(l) => l.type_id.and_then(CaseType::by_id),
        }
    }

    pub fn category(&self) -> Option<Category> {
        match &self.form {
            Form::Legacy(l) if l.type_id.is_none() => l.category,
            _ => self.case_type().map(|t| t.category),
        }
    }

    pub fn stage(&self) -> Option<Stage> {
        match &self.form {
            Form::Legacy(l) if l.type_id.is_none() => l.stage,
            _ => self.case_type().map(|t| t.stage),
        }
    }

    /// Whether this is a pre-2016 number (with `字第`).
    pub fn is_legacy(&self) -> bool {
        matches!(self.form, Form::Legacy(_))
    }
}

impl fmt::Display for CaseNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.form {
            Form::Current {
                court,
                special,
                type_id,
            } => {
                write!(f, "（{}）{court}", self.year)?;
                if let Some(special) = special {
                    write!(f, "{}", special.as_char())?;
                }
                let code = CaseType::by_id(*type_id).map(|t| t.code).unwrap_or("");
                if code == CRIMINAL_REVIEW {
                    write!(f, "{code}{:08}号", self.serial)
                } else {
                    write!(f, "{code}{}号", self.serial)
                }
            }
            Form::Legacy(l) => write!(
                f,
                "（{}）{}{}字第{}号",
                self.year, l.court_text, l.type_text, self.serial
            ),
        }
    }
}

/// Criminal review cases carry a fixed 8-digit random number instead of a sequence (Art. 10).
const CRIMINAL_REVIEW: &str = "刑核";
/// `刑核` packed as a [`TypeKey`] (U+5211 U+6838), compared on the hot path instead of the text.
const CRIMINAL_REVIEW_KEY: TypeKey = TypeKey((0x5211 << 16) | 0x6838);

pub(crate) fn is_open(ch: char) -> bool {
    matches!(ch, '（' | '(' | '〔' | '［' | '[' | '【')
}

pub(crate) fn is_close(ch: char) -> bool {
    matches!(ch, '）' | ')' | '〕' | '］' | ']' | '】')
}

/// Trims whitespace and the invisible characters spreadsheets and Windows tools leave around a
/// value (byte-order mark, zero-width spaces and joiners).
fn trim(text: &str) -> &str {
    text.trim_matches(|c: char| {
        c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}'..='\u{200d}' | '\u{2060}')
    })
}

/// The full parse, which tells exactly what is wrong with an input the fast path did not accept.
fn parse_with_diagnosis(text: &str, this_year: i32) -> Result<CaseNumber, CaseNumberError> {
    if text.is_empty() {
        return Err(CaseNumberError::Empty);
    }
    if text.contains(char::is_whitespace) {
        return Err(CaseNumberError::InnerWhitespace);
    }
    let mut chars = text.chars();
    let first = chars.next().ok_or(CaseNumberError::Empty)?;
    if !is_open(first) {
        return Err(classify_unbracketed(text));
    }
    let (year, rest) = parse_year(chars.as_str(), this_year)?;
    if rest.contains('检') {
        return Err(CaseNumberError::ProcuratorateNumber);
    }
    // `字第` (or `字` and a digit) marks a pre-2016 number; no current code contains `字`.
    let legacy_marker = rest.find('字').filter(|&zi| {
        rest[zi + '字'.len_utf8()..].starts_with(|c| c == '第' || digit_value(c).is_some())
    });
    if let Some(zi) = legacy_marker {
        return legacy::parse(year, rest, zi);
    }
    parse_current(year, rest)
}

/// Says what an input that does not open with a bracket is instead.
fn classify_unbracketed(text: &str) -> CaseNumberError {
    if text.contains('检') {
        return CaseNumberError::ProcuratorateNumber;
    }
    let leading_digits = text
        .chars()
        .take_while(|&c| digit_value(c).is_some())
        .count();
    if leading_digits > 0 {
        let after = text.chars().nth(leading_digits);
        return match after {
            Some(c) if is_close(c) => CaseNumberError::MissingOpenBracket,
            _ => CaseNumberError::YearNotBracketed,
        };
    }
    match text.find(is_open) {
        Some(at) => CaseNumberError::DocumentNumber {
            prefix: text[..at].to_string(),
        },
        None if text.starts_with(is_close) => CaseNumberError::MissingOpenBracket,
        None => CaseNumberError::MissingYear,
    }
}

/// Reads the year after the opening bracket; returns it and the text after the closing bracket.
fn parse_year(text: &str, this_year: i32) -> Result<(u16, &str), CaseNumberError> {
    if text.starts_with(is_open) {
        return Err(CaseNumberError::DuplicatedBracket);
    }
    let close = text
        .find(is_close)
        .ok_or(CaseNumberError::UnclosedBracket)?;
    let inside = &text[..close];
    if inside.contains(is_open) {
        return Err(CaseNumberError::DuplicatedBracket);
    }
    let close_len = text[close..].chars().next().map_or(1, char::len_utf8);
    let rest = &text[close + close_len..];
    if rest.starts_with(is_close) {
        return Err(CaseNumberError::DuplicatedBracket);
    }
    if inside.is_empty() {
        return Err(CaseNumberError::MissingYear);
    }
    let mut year = 0u32;
    let mut digits = 0usize;
    for ch in inside.chars() {
        let d = digit_value(ch).ok_or_else(|| CaseNumberError::InvalidYear(inside.to_string()))?;
        year = year.saturating_mul(10).saturating_add(d);
        digits += 1;
    }
    match digits {
        2 => return Err(CaseNumberError::TwoDigitYear(inside.to_string())),
        4 => {}
        _ => return Err(CaseNumberError::InvalidYear(inside.to_string())),
    }
    if year < EARLIEST_YEAR || i64::from(year) > i64::from(this_year) {
        return Err(CaseNumberError::YearOutOfRange { year, this_year });
    }
    Ok((year as u16, rest))
}

/// Parses court code, special code, type code, serial and `号` of a current-form number.
fn parse_current(year: u16, rest: &str) -> Result<CaseNumber, CaseNumberError> {
    let (court, rest) = parse_court(rest)?;
    let (special, type_key, type_id, rest) = parse_type(rest)?;
    let (serial, rest) = parse_serial(rest, type_key == CRIMINAL_REVIEW_KEY)?;
    expect_hao(rest)?;
    Ok(CaseNumber {
        year,
        form: Form::Current {
            court,
            special,
            type_id,
        },
        serial,
    })
}

fn parse_court(text: &str) -> Result<(CourtCode, &str), CaseNumberError> {
    if let Some(rest) = text.strip_prefix(SUPREME) {
        return Ok((CourtCode::Supreme, rest));
    }
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return Err(CaseNumberError::MissingCourtCode);
    };
    let Some(province) = Province::from_abbr(first) else {
        return Err(unknown_court(text));
    };
    let after = chars.as_str();
    let mut number = 0u32;
    let mut digits = 0usize;
    let mut consumed = 0usize;
    for ch in after.chars() {
        let Some(d) = digit_value(ch) else { break };
        number = number.saturating_mul(10).saturating_add(d);
        digits += 1;
        consumed += ch.len_utf8();
    }
    let court =
        CourtCode::from_parts(province, digits, number).map_err(CaseNumberError::CourtCode)?;
    Ok((court, &after[consumed..]))
}

/// Explains a text after the year that does not start with a court code.
fn unknown_court(text: &str) -> CaseNumberError {
    let segment: String = text
        .chars()
        .take_while(|&c| digit_value(c).is_none() && c != '号')
        .collect();
    if segment.is_empty() {
        return CaseNumberError::MissingCourtCode;
    }
    // A known type code right after the year means the court code was left out.
    let without_special = segment
        .strip_prefix(SpecialCode::IntellectualProperty.as_char())
        .unwrap_or(&segment);
    if CaseType::lookup(without_special).is_some() {
        return CaseNumberError::MissingCourtCode;
    }
    CaseNumberError::UnknownCourtCode(segment)
}

/// Reads `[专门审判代字]类型代字`: every character up to the serial's first digit.
/// Returns the special code, the type code's packed key and its id, and the rest of the text.
fn parse_type(text: &str) -> Result<(Option<SpecialCode>, TypeKey, u16, &str), CaseNumberError> {
    let mut key = 0u64;
    let mut count = 0usize;
    let mut end = 0usize;
    let mut special = None;
    let mut fits = true;
    for ch in text.chars() {
        if digit_value(ch).is_some() || matches!(ch, '号' | '-' | '－' | '—') {
            break;
        }
        if is_open(ch) || is_close(ch) {
            return Err(CaseNumberError::DuplicatedBracket);
        }
        end += ch.len_utf8();
        if count == 0
            && special.is_none()
            && let Some(code) = SpecialCode::from_char(ch)
        {
            special = Some(code);
            continue;
        }
        count += 1;
        // No code is longer than four characters or uses a character beyond 16 bits.
        fits &= count <= 4 && u32::from(ch) <= 0xFFFF;
        key = (key << 16) | u64::from(u32::from(ch) & 0xFFFF);
    }
    let segment = &text[..end];
    let code_text = match special {
        Some(s) => &segment[s.as_char().len_utf8()..],
        None => segment,
    };
    if code_text.is_empty() {
        return Err(match special {
            Some(_) => CaseNumberError::UnknownTypeCode(segment.to_string()),
            None => CaseNumberError::MissingTypeCode,
        });
    }
    match fits.then(|| lookup_id(TypeKey(key))).flatten() {
        Some(id) => Ok((special, TypeKey(key), id, &text[end..])),
        None => Err(type_code_error(code_text)),
    }
}

/// Explains an unknown type code: two stage marks in one code are a contradiction.
fn type_code_error(code: &str) -> CaseNumberError {
    let mut marks = code
        .chars()
        .filter(|c| STAGE_MARKS.iter().any(|(mark, _)| mark == c));
    if let (Some(first), Some(second)) = (marks.next(), marks.next())
        && first != second
    {
        return CaseNumberError::ConflictingStages {
            code: code.to_string(),
            first,
            second,
        };
    }
    CaseNumberError::UnknownTypeCode(code.to_string())
}

/// Reads the serial number; `is_review` applies the 8-digit criminal-review rule.
fn parse_serial(text: &str, is_review: bool) -> Result<(u32, &str), CaseNumberError> {
    let (serial, digits, rest) = read_serial(text)?;
    if is_review && digits != 8 {
        return Err(CaseNumberError::CriminalReviewSerial(digits));
    }
    Ok((serial, rest))
}

/// Reads the digits of a serial number: the value, the number of digits written, and the rest.
pub(crate) fn read_serial(text: &str) -> Result<(u32, usize, &str), CaseNumberError> {
    if text.starts_with(['-', '－', '—']) {
        return Err(CaseNumberError::NegativeSerial);
    }
    let mut value = 0u64;
    let mut digits = 0usize;
    let mut significant = 0usize;
    let mut consumed = 0usize;
    for ch in text.chars() {
        let Some(d) = digit_value(ch) else { break };
        digits += 1;
        if significant > 0 || d != 0 {
            significant += 1;
        }
        value = value.saturating_mul(10).saturating_add(u64::from(d));
        consumed += ch.len_utf8();
    }
    if digits == 0 {
        return Err(CaseNumberError::MissingSerial);
    }
    if significant > 9 {
        return Err(CaseNumberError::SerialTooLong(significant));
    }
    if value == 0 {
        return Err(CaseNumberError::ZeroSerial);
    }
    Ok((value as u32, digits, &text[consumed..]))
}

/// Checks the closing `号` and what may follow it: nothing, or a document suffix `之一`, `之二`…
pub(crate) fn expect_hao(text: &str) -> Result<(), CaseNumberError> {
    let Some(after) = text.strip_prefix('号') else {
        return Err(if text.is_empty() {
            CaseNumberError::MissingHao
        } else {
            CaseNumberError::TrailingText(text.to_string())
        });
    };
    if after.is_empty() {
        return Ok(());
    }
    let is_suffix = after
        .strip_prefix('之')
        .is_some_and(|n| !n.is_empty() && n.chars().all(|c| "一二三四五六七八九十".contains(c)));
    if is_suffix {
        Ok(())
    } else {
        Err(CaseNumberError::TrailingText(after.to_string()))
    }
}

#[cfg(test)]
mod tests;
