//! Pre-2016 case numbers: `（2015）朝民初字第41757号`, `(2015)沪二中民一(民)终字第1807号`.
//!
//! Before the 2016 rules each court chose its own abbreviation and numbers carried `字第`. What can
//! be told is decoded; the rest stays as written:
//! - the year and the serial, always;
//! - the court abbreviation as written (`朝`, `沪二中`, `京高`); its level and province only where
//!   the abbreviation says so plainly (`最高…`, province + `高`, province + `一中`/`二中`…), or where
//!   it is a current court code with digits (`京04`) — a bare province character (`京知民初`) was
//!   used by several courts and tells nothing;
//! - the type text as written (`民一（民）终`), brackets made full-width. Division numbers
//!   (`一`, `二`) and bracketed notes are dropped, `商`/`经` read as `民` and `提` as `再` (the
//!   commercial and economic divisions merged into civil, 提审 is a retrial), and if what remains
//!   is a current type code, its category and stage apply; otherwise the category comes from the
//!   first character and the stage from the stage characters.
//!
//! Canonical form: full-width brackets, ASCII digits, `字第`, no leading zeros.

use super::{
    CaseNumber, CaseNumberError, Form, SpecialCode, expect_hao, is_close, is_open, read_serial,
};
use crate::case_type::{CaseType, Category, Stage};
use crate::court::{CourtCode, CourtLevel, Province, digit_value};

#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(super) struct Legacy {
    /// The court abbreviation as written, possibly empty (SPC numbers had none).
    pub(super) court_text: String,
    /// The type text as written between the court and `字`, brackets made full-width.
    pub(super) type_text: String,
    pub(super) court: Option<CourtCode>,
    pub(super) special: Option<SpecialCode>,
    pub(super) type_id: Option<u16>,
    pub(super) category: Option<Category>,
    pub(super) stage: Option<Stage>,
}

/// Characters that begin the type part of a legacy number (the court abbreviation never holds one).
const TYPE_START: &[char] = &[
    '刑', '民', '商', '经', '行', '执', '赔', '知', '破', '委', '司', '财', '清', '认', '协', '请',
];

const DIVISION_NUMERALS: &[char] = &['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/// Parses the part after the year of a number that contains `字` at byte `zi` of `rest`.
pub(super) fn parse(year: u16, rest: &str, zi: usize) -> Result<CaseNumber, CaseNumberError> {
    let head = normalise(&rest[..zi])?;
    let after_zi = &rest[zi + '字'.len_utf8()..];
    let after_di = after_zi.strip_prefix('第').unwrap_or(after_zi);
    let (serial, digits, after_serial) = read_serial(after_di)?;
    expect_hao(after_serial)?;

    let split = head.find(TYPE_START).ok_or_else(|| {
        if head.is_empty() {
            CaseNumberError::MissingTypeCode
        } else {
            CaseNumberError::UnknownTypeCode(head.clone())
        }
    })?;
    let (court_text, type_text) = head.split_at(split);
    let (special, type_id) = current_type(type_text);
    // A current number written with `字第` out of habit (（2024）苏0102民初字第123号) is the same
    // case as the one written without it: read it as the current form.
    if let (Some(court), Some(type_id)) = (court_code(court_text), type_id) {
        let written_as_current = CaseType::by_id(type_id).is_some_and(|t| {
            let plain = type_text.strip_prefix('知').unwrap_or(type_text);
            // A criminal review number must still have its 8 digits (Art. 10).
            plain == t.code && (t.code != super::CRIMINAL_REVIEW || digits == 8)
        });
        if year >= CURRENT_RULES_YEAR && written_as_current {
            return Ok(CaseNumber {
                year,
                form: Form::Current {
                    court,
                    special,
                    type_id,
                },
                serial,
            });
        }
    }
    let legacy = Legacy {
        court: court_code(court_text),
        court_text: court_text.to_string(),
        type_text: type_text.to_string(),
        special,
        type_id,
        category: category_of(type_text),
        stage: stage_of(type_text),
    };
    Ok(CaseNumber {
        year,
        form: Form::Legacy(Box::new(legacy)),
        serial,
    })
}

/// The year the current numbering rules took effect (1 January 2016).
const CURRENT_RULES_YEAR: u16 = 2016;

/// The current court code a legacy court text stands for. A bare province character before the
/// type (`京知民初`) named several courts before 2016, so only a code with digits, or 最高法, counts.
fn court_code(court_text: &str) -> Option<CourtCode> {
    let has_digits = court_text.chars().any(|c| c.is_ascii_digit());
    (has_digits || court_text == crate::court::SUPREME)
        .then(|| CourtCode::parse(court_text).ok())
        .flatten()
}

impl Legacy {
    pub(super) fn court_level(&self) -> Option<CourtLevel> {
        if let Some(court) = self.court {
            return Some(court.level());
        }
        let text = self.court_text.as_str();
        if text.starts_with("最高") {
            return Some(CourtLevel::Supreme);
        }
        let mut chars = text.chars();
        Province::from_abbr(chars.next()?)?;
        let tail = chars.as_str();
        let tail = tail.strip_suffix('法').unwrap_or(tail);
        if tail == "高" {
            return Some(CourtLevel::High);
        }
        let numeral = tail.strip_suffix('中')?;
        (numeral.is_empty() || numeral.chars().all(|c| DIVISION_NUMERALS.contains(&c)))
            .then_some(CourtLevel::Intermediate)
    }

    pub(super) fn province(&self) -> Option<Province> {
        if let Some(court) = self.court {
            return court.province();
        }
        match self.court_level()? {
            CourtLevel::Supreme => None,
            _ => Province::from_abbr(self.court_text.chars().next()?),
        }
    }
}

/// Makes every bracket full-width and every digit ASCII; rejects unbalanced brackets.
fn normalise(text: &str) -> Result<String, CaseNumberError> {
    let mut out = String::with_capacity(text.len());
    let mut depth = 0u32;
    for ch in text.chars() {
        if is_open(ch) {
            if depth > 0 {
                return Err(CaseNumberError::DuplicatedBracket);
            }
            depth += 1;
            out.push('（');
        } else if is_close(ch) {
            if depth == 0 {
                return Err(CaseNumberError::DuplicatedBracket);
            }
            depth -= 1;
            out.push('）');
        } else if let Some(d) = digit_value(ch) {
            out.push(char::from(b'0' + d as u8));
        } else {
            out.push(ch);
        }
    }
    if depth > 0 {
        return Err(CaseNumberError::UnclosedBracket);
    }
    Ok(out)
}

/// The current type code a legacy type text corresponds to, if any.
fn current_type(type_text: &str) -> (Option<SpecialCode>, Option<u16>) {
    let mut plain = String::with_capacity(type_text.len());
    let mut in_note = false;
    for ch in type_text.chars() {
        match ch {
            '（' => in_note = true,
            '）' => in_note = false,
            _ if in_note || DIVISION_NUMERALS.contains(&ch) => {}
            '商' | '经' => plain.push('民'),
            '提' => plain.push('再'),
            _ => plain.push(ch),
        }
    }
    let special_char = SpecialCode::IntellectualProperty.as_char();
    let (special, code) = match plain.strip_prefix(special_char) {
        Some(rest) if !rest.is_empty() => (Some(SpecialCode::IntellectualProperty), rest),
        _ => (None, plain.as_str()),
    };
    (special, CaseType::id_of(code))
}

fn category_of(type_text: &str) -> Option<Category> {
    let text = type_text.trim_start_matches('知');
    if text.starts_with("行赔") {
        return Some(Category::StateCompensation);
    }
    match text.chars().next()? {
        '刑' => Some(Category::Criminal),
        '民' | '商' | '经' | '破' | '清' => Some(Category::Civil),
        '行' => Some(Category::Administrative),
        '执' => Some(Category::Enforcement),
        '赔' | '委' => Some(Category::StateCompensation),
        '认' | '协' | '请' => Some(Category::JudicialAssistance),
        '财' => Some(Category::Preservation),
        _ => None,
    }
}

fn stage_of(type_text: &str) -> Option<Stage> {
    let has = |c: char| type_text.contains(c);
    if type_text.trim_start_matches('知').starts_with('执') {
        return Some(if has('异') || has('复') || has('监') || has('协') {
            Stage::EnforcementReview
        } else {
            Stage::Enforcement
        });
    }
    if has('再') || has('提') {
        Some(Stage::Retrial)
    } else if has('申') || has('监') || has('抗') {
        Some(Stage::RetrialReview)
    } else if has('终') {
        Some(Stage::SecondInstance)
    } else if has('初') {
        Some(Stage::FirstInstance)
    } else {
        None
    }
}
