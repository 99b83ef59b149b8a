//! Why a text is not a case number: one variant per rule, each with a Chinese and an English reason.

use std::fmt;

use crate::court::CourtCodeError;

/// The reason a text was rejected by [`super::CaseNumber::parse`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CaseNumberError {
    Empty,
    /// Whitespace inside the number (surrounding whitespace is trimmed, inner is not guessed at).
    InnerWhitespace,
    /// A document number (文号) such as `法释〔2020〕17号`: text stands before the year bracket.
    DocumentNumber {
        prefix: String,
    },
    /// A procuratorate number (检察院文书或案件编号), recognised by `检`.
    ProcuratorateNumber,
    /// No bracketed year at all.
    MissingYear,
    /// A year written without brackets, e.g. `2024苏0102民初1号`.
    YearNotBracketed,
    /// A closing bracket with no opening one, e.g. `2024）苏0102民初1号`.
    MissingOpenBracket,
    /// The year's bracket is never closed.
    UnclosedBracket,
    /// Two brackets where one belongs, e.g. `（（2024））` or a bracket after the type code.
    DuplicatedBracket,
    /// The year is not written in digits.
    InvalidYear(String),
    /// A two-digit year such as `（24）`.
    TwoDigitYear(String),
    /// A year before 1949 or after the current year.
    YearOutOfRange {
        year: u32,
        this_year: i32,
    },
    /// Nothing between the year and the type code names the court.
    MissingCourtCode,
    /// The text after the year does not start with a court code.
    UnknownCourtCode(String),
    /// A province abbreviation with a malformed number.
    CourtCode(CourtCodeError),
    MissingTypeCode,
    UnknownTypeCode(String),
    /// A type code that names two procedural stages, e.g. `民初终`.
    ConflictingStages {
        code: String,
        first: char,
        second: char,
    },
    MissingSerial,
    NegativeSerial,
    ZeroSerial,
    /// More significant digits than any court's yearly numbering reaches.
    SerialTooLong(usize),
    /// A criminal review (刑核) number is a fixed 8-digit random number (Art. 10).
    CriminalReviewSerial(usize),
    /// The number does not end with `号`.
    MissingHao,
    /// Text after `号` (other than a document suffix such as `之一`), or an unexpected character.
    TrailingText(String),
}

impl CaseNumberError {
    /// The reason in Chinese, for court staff.
    pub fn message_zh(&self) -> String {
        use CaseNumberError as E;
        match self {
            E::Empty => "案号为空".into(),
            E::InnerWhitespace => "案号中间含有空格".into(),
            E::DocumentNumber { prefix } => {
                format!(
                    "不是案号：年度括号前有“{prefix}”，这是文件文号的写法（如 法释〔2020〕17号）"
                )
            }
            E::ProcuratorateNumber => "不是案号：含“检”字，是检察院的文书或案件编号".into(),
            E::MissingYear => "不是案号：缺少括号中的收案年度".into(),
            E::YearNotBracketed => "收案年度须写在括号中，如（2024）".into(),
            E::MissingOpenBracket => "收案年度缺少左括号".into(),
            E::UnclosedBracket => "收案年度的括号没有闭合".into(),
            E::DuplicatedBracket => "括号重复或多余".into(),
            E::InvalidYear(text) => format!("收案年度“{text}”不是四位阿拉伯数字"),
            E::TwoDigitYear(text) => format!("收案年度“{text}”只有两位，须写四位年份"),
            E::YearOutOfRange { year, this_year } => {
                format!("收案年度{year}不可能：须在1949年至{this_year}年之间")
            }
            E::MissingCourtCode => "缺少法院代字".into(),
            E::UnknownCourtCode(text) => {
                format!("“{text}”不是法院代字（应为 最高法、省级简称或简称加数字）")
            }
            E::CourtCode(e) => e.message_zh(),
            E::MissingTypeCode => "缺少类型代字".into(),
            E::UnknownTypeCode(code) => {
                format!("类型代字“{code}”不在《人民法院案件类型及其代字标准》中")
            }
            E::ConflictingStages {
                code,
                first,
                second,
            } => {
                format!("类型代字“{code}”同时含有相互冲突的审级“{first}”和“{second}”")
            }
            E::MissingSerial => "缺少案件编号".into(),
            E::NegativeSerial => "案件编号不能为负数".into(),
            E::ZeroSerial => "案件编号不能为0".into(),
            E::SerialTooLong(n) => format!("案件编号有{n}位有效数字，超出合理范围（至多9位）"),
            E::CriminalReviewSerial(n) => format!("刑事复核（刑核）案件编号须为8位数字，实为{n}位"),
            E::MissingHao => "案号须以“号”结尾".into(),
            E::TrailingText(text) => format!("案号中有多余文字“{text}”"),
        }
    }

    /// The reason in English.
    pub fn message_en(&self) -> String {
        use CaseNumberError as E;
        match self {
            E::Empty => "empty case number".into(),
            E::InnerWhitespace => "whitespace inside the case number".into(),
            E::DocumentNumber { prefix } => format!(
                "not a case number: “{prefix}” before the year bracket is the form of a document number (e.g. 法释〔2020〕17号)"
            ),
            E::ProcuratorateNumber => {
                "not a case number: contains 检, a procuratorate number".into()
            }
            E::MissingYear => "not a case number: no bracketed year".into(),
            E::YearNotBracketed => "the year must be in brackets, e.g. （2024）".into(),
            E::MissingOpenBracket => "the year has no opening bracket".into(),
            E::UnclosedBracket => "the year's bracket is not closed".into(),
            E::DuplicatedBracket => "duplicated or extra bracket".into(),
            E::InvalidYear(text) => format!("year “{text}” is not four Arabic digits"),
            E::TwoDigitYear(text) => format!("year “{text}” has two digits; write all four"),
            E::YearOutOfRange { year, this_year } => {
                format!("year {year} is impossible: it must lie between 1949 and {this_year}")
            }
            E::MissingCourtCode => "missing court code".into(),
            E::UnknownCourtCode(text) => format!(
                "“{text}” is not a court code (最高法, a province abbreviation, or one with digits)"
            ),
            E::CourtCode(e) => e.message_en(),
            E::MissingTypeCode => "missing case-type code".into(),
            E::UnknownTypeCode(code) => format!("unknown case-type code “{code}”"),
            E::ConflictingStages {
                code,
                first,
                second,
            } => {
                format!("type code “{code}” names two conflicting stages, “{first}” and “{second}”")
            }
            E::MissingSerial => "missing serial number".into(),
            E::NegativeSerial => "the serial number cannot be negative".into(),
            E::ZeroSerial => "the serial number cannot be zero".into(),
            E::SerialTooLong(n) => {
                format!("the serial number has {n} significant digits; at most 9 are plausible")
            }
            E::CriminalReviewSerial(n) => {
                format!("a criminal review (刑核) serial must have 8 digits, found {n}")
            }
            E::MissingHao => "a case number must end with 号".into(),
            E::TrailingText(text) => format!("unexpected text “{text}”"),
        }
    }
}

impl CaseNumberError {
    /// The reason in both languages.
    pub fn text(&self) -> crate::Text {
        crate::Text::new(self.message_zh(), self.message_en())
    }
}

/// In Chinese, the default language; [`CaseNumberError::text`] has both.
impl fmt::Display for CaseNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for CaseNumberError {}
