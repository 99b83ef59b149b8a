//! Court codes (法院代字): provinces, the court hierarchy and the special numeric ranges.
//!
//! Rules (《关于人民法院案件案号的若干规定》 Arts. 4–6, 2018 amendment Art. 5(2)(3)):
//! the SPC is `最高法`; a high court is its province's one-character abbreviation (Inner Mongolia
//! `内`, the PLA Military Court `军`, the XPCC branch of the Xinjiang High Court `兵`); an
//! intermediate court adds 2 digits, a basic court 4 digits. The owning intermediate court of a basic
//! court is, by default, the one whose 2 digits begin its 4 digits (京0491 → 京04, 粤0781 → 粤07); a
//! network whose courts differ (Art. 6) states the parent in its court list.

use std::fmt;

/// A province-level division as it appears in court codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Province(u8);

struct ProvinceInfo {
    abbr: char,
    name_zh: &'static str,
    name_en: &'static str,
    high_court_zh: &'static str,
}

const fn p(
    abbr: char,
    name_zh: &'static str,
    name_en: &'static str,
    high_court_zh: &'static str,
) -> ProvinceInfo {
    ProvinceInfo {
        abbr,
        name_zh,
        name_en,
        high_court_zh,
    }
}

#[rustfmt::skip]
static PROVINCES: [ProvinceInfo; 33] = [
    p('京', "北京市", "Beijing", "北京市高级人民法院"),
    p('津', "天津市", "Tianjin", "天津市高级人民法院"),
    p('冀', "河北省", "Hebei", "河北省高级人民法院"),
    p('晋', "山西省", "Shanxi", "山西省高级人民法院"),
    p('内', "内蒙古自治区", "Inner Mongolia", "内蒙古自治区高级人民法院"),
    p('辽', "辽宁省", "Liaoning", "辽宁省高级人民法院"),
    p('吉', "吉林省", "Jilin", "吉林省高级人民法院"),
    p('黑', "黑龙江省", "Heilongjiang", "黑龙江省高级人民法院"),
    p('沪', "上海市", "Shanghai", "上海市高级人民法院"),
    p('苏', "江苏省", "Jiangsu", "江苏省高级人民法院"),
    p('浙', "浙江省", "Zhejiang", "浙江省高级人民法院"),
    p('皖', "安徽省", "Anhui", "安徽省高级人民法院"),
    p('闽', "福建省", "Fujian", "福建省高级人民法院"),
    p('赣', "江西省", "Jiangxi", "江西省高级人民法院"),
    p('鲁', "山东省", "Shandong", "山东省高级人民法院"),
    p('豫', "河南省", "Henan", "河南省高级人民法院"),
    p('鄂', "湖北省", "Hubei", "湖北省高级人民法院"),
    p('湘', "湖南省", "Hunan", "湖南省高级人民法院"),
    p('粤', "广东省", "Guangdong", "广东省高级人民法院"),
    p('桂', "广西壮族自治区", "Guangxi", "广西壮族自治区高级人民法院"),
    p('琼', "海南省", "Hainan", "海南省高级人民法院"),
    p('渝', "重庆市", "Chongqing", "重庆市高级人民法院"),
    p('川', "四川省", "Sichuan", "四川省高级人民法院"),
    p('黔', "贵州省", "Guizhou", "贵州省高级人民法院"),
    p('云', "云南省", "Yunnan", "云南省高级人民法院"),
    p('藏', "西藏自治区", "Tibet", "西藏自治区高级人民法院"),
    p('陕', "陕西省", "Shaanxi", "陕西省高级人民法院"),
    p('甘', "甘肃省", "Gansu", "甘肃省高级人民法院"),
    p('青', "青海省", "Qinghai", "青海省高级人民法院"),
    p('宁', "宁夏回族自治区", "Ningxia", "宁夏回族自治区高级人民法院"),
    p('新', "新疆维吾尔自治区", "Xinjiang", "新疆维吾尔自治区高级人民法院"),
    p('兵', "新疆生产建设兵团", "Xinjiang Production and Construction Corps", "新疆维吾尔自治区高级人民法院生产建设兵团分院"),
    p('军', "中国人民解放军", "People's Liberation Army", "中国人民解放军军事法院"),
];

impl Province {
    /// The province whose court-code abbreviation is `abbr`.
    pub fn from_abbr(abbr: char) -> Option<Province> {
        // A match compiles to a jump table; this sits on the case-number parser's hot path.
        let index = match abbr {
            '京' => 0,
            '津' => 1,
            '冀' => 2,
            '晋' => 3,
            '内' => 4,
            '辽' => 5,
            '吉' => 6,
            '黑' => 7,
            '沪' => 8,
            '苏' => 9,
            '浙' => 10,
            '皖' => 11,
            '闽' => 12,
            '赣' => 13,
            '鲁' => 14,
            '豫' => 15,
            '鄂' => 16,
            '湘' => 17,
            '粤' => 18,
            '桂' => 19,
            '琼' => 20,
            '渝' => 21,
            '川' => 22,
            '黔' => 23,
            '云' => 24,
            '藏' => 25,
            '陕' => 26,
            '甘' => 27,
            '青' => 28,
            '宁' => 29,
            '新' => 30,
            '兵' => 31,
            '军' => 32,
            _ => return None,
        };
        Some(Province(index))
    }

    pub fn all() -> impl Iterator<Item = Province> {
        (0..PROVINCES.len() as u8).map(Province)
    }

    fn info(self) -> &'static ProvinceInfo {
        &PROVINCES[usize::from(self.0)]
    }

    pub fn abbr(self) -> char {
        self.info().abbr
    }

    pub fn name_zh(self) -> &'static str {
        self.info().name_zh
    }

    pub fn name_en(self) -> &'static str {
        self.info().name_en
    }
}

/// Where a court stands in the four-level hierarchy.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CourtLevel {
    Supreme,
    High,
    Intermediate,
    Basic,
}

impl CourtLevel {
    pub fn key(self) -> &'static str {
        match self {
            CourtLevel::Supreme => "supreme",
            CourtLevel::High => "high",
            CourtLevel::Intermediate => "intermediate",
            CourtLevel::Basic => "basic",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            CourtLevel::Supreme => "最高人民法院",
            CourtLevel::High => "高级人民法院",
            CourtLevel::Intermediate => "中级人民法院",
            CourtLevel::Basic => "基层人民法院",
        }
    }
}

/// What kind of court a numeric code stands for, where the code alone tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CourtKind {
    /// An ordinary court of the regional hierarchy.
    Regional,
    /// 71: railway transport intermediate court, and basic railway courts numbered 71xx.
    Railway,
    /// 72: maritime court.
    Maritime,
    /// 73: intellectual property court.
    IntellectualProperty,
    /// 74: oil-field court under the 2018 rule; the Shanghai and Beijing financial courts are seen
    /// with 74 in practice (沪74, 京74), so the code alone cannot tell the two apart [uncertain].
    OilFieldOrFinancial,
    /// 75–80: forestry courts.
    Forestry,
    /// 81–85: land-reclamation courts.
    LandReclamation,
    /// 87–95: cross-administrative-region intermediate courts.
    CrossRegion,
    /// 96–99: intermediate courts set up for county-level areas within a province.
    CountyArea,
}

impl CourtKind {
    pub fn label_zh(self) -> &'static str {
        match self {
            CourtKind::Regional => "地方法院",
            CourtKind::Railway => "铁路运输法院",
            CourtKind::Maritime => "海事法院",
            CourtKind::IntellectualProperty => "知识产权法院",
            CourtKind::OilFieldOrFinancial => "油田法院或金融法院",
            CourtKind::Forestry => "林业法院",
            CourtKind::LandReclamation => "农垦法院",
            CourtKind::CrossRegion => "跨行政区划法院",
            CourtKind::CountyArea => "县级区域中级法院",
        }
    }
}

/// A court code as written in case numbers: `最高法`, `苏`, `苏01`, `苏0102`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CourtCode {
    Supreme,
    High(Province),
    /// Province and the 2-digit number (1–99).
    Intermediate(Province, u8),
    /// Province and the 4-digit number (1–9999).
    Basic(Province, u16),
}

/// Why a text is not a court code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CourtCodeError {
    Empty,
    UnknownProvince(char),
    /// The digits after the province are neither 2 nor 4 long.
    DigitCount(usize),
    /// `00` or `0000`: no court carries a zero number.
    ZeroNumber,
    Trailing(String),
}

impl CourtCodeError {
    pub fn message_zh(&self) -> String {
        match self {
            CourtCodeError::Empty => "法院代字为空".into(),
            CourtCodeError::UnknownProvince(c) => {
                format!("法院代字“{c}”不是省级简称或“最高法”")
            }
            CourtCodeError::DigitCount(n) => {
                format!("法院代字的数字须为2位（中级法院）或4位（基层法院），实为{n}位")
            }
            CourtCodeError::ZeroNumber => "法院代字的数字不能全为0".into(),
            CourtCodeError::Trailing(rest) => format!("法院代字后有多余文字“{rest}”"),
        }
    }

    pub fn message_en(&self) -> String {
        match self {
            CourtCodeError::Empty => "empty court code".into(),
            CourtCodeError::UnknownProvince(c) => {
                format!("“{c}” is not a province abbreviation or 最高法")
            }
            CourtCodeError::DigitCount(n) => {
                format!("a court number has 2 digits (intermediate) or 4 (basic), found {n}")
            }
            CourtCodeError::ZeroNumber => "a court number cannot be all zeros".into(),
            CourtCodeError::Trailing(rest) => {
                format!("unexpected text “{rest}” after the court code")
            }
        }
    }
}

impl CourtCodeError {
    /// The reason in both languages.
    pub fn text(&self) -> crate::Text {
        crate::Text::new(self.message_zh(), self.message_en())
    }
}

/// In Chinese, the default language; [`CourtCodeError::text`] has both.
impl fmt::Display for CourtCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for CourtCodeError {}

impl CourtCode {
    /// Reads a court code on its own, e.g. from a court list. ASCII or full-width digits.
    pub fn parse(text: &str) -> Result<CourtCode, CourtCodeError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(CourtCodeError::Empty);
        }
        if text == SUPREME {
            return Ok(CourtCode::Supreme);
        }
        let mut chars = text.chars();
        let first = chars.next().ok_or(CourtCodeError::Empty)?;
        let province = Province::from_abbr(first).ok_or(CourtCodeError::UnknownProvince(first))?;
        let rest = chars.as_str();
        let mut number = 0u32;
        let mut digits = 0usize;
        let mut consumed = 0usize;
        for ch in rest.chars() {
            match digit_value(ch) {
                Some(d) => {
                    number = number.saturating_mul(10).saturating_add(d);
                    digits += 1;
                    consumed += ch.len_utf8();
                }
                None => break,
            }
        }
        if consumed < rest.len() {
            return Err(CourtCodeError::Trailing(rest[consumed..].to_string()));
        }
        CourtCode::from_parts(province, digits, number)
    }

    /// Builds a code from a province and the numeric part read by a parser.
    pub(crate) fn from_parts(
        province: Province,
        digits: usize,
        number: u32,
    ) -> Result<CourtCode, CourtCodeError> {
        match digits {
            0 => Ok(CourtCode::High(province)),
            2 | 4 if number == 0 => Err(CourtCodeError::ZeroNumber),
            2 => Ok(CourtCode::Intermediate(province, number as u8)),
            4 => Ok(CourtCode::Basic(province, number as u16)),
            n => Err(CourtCodeError::DigitCount(n)),
        }
    }

    pub fn level(self) -> CourtLevel {
        match self {
            CourtCode::Supreme => CourtLevel::Supreme,
            CourtCode::High(_) => CourtLevel::High,
            CourtCode::Intermediate(..) => CourtLevel::Intermediate,
            CourtCode::Basic(..) => CourtLevel::Basic,
        }
    }

    pub fn province(self) -> Option<Province> {
        match self {
            CourtCode::Supreme => None,
            CourtCode::High(p) | CourtCode::Intermediate(p, _) | CourtCode::Basic(p, _) => Some(p),
        }
    }

    /// The court one level up by the numbering rule (a court list may say otherwise, Art. 6).
    pub fn default_parent(self) -> Option<CourtCode> {
        match self {
            CourtCode::Supreme => None,
            CourtCode::High(_) => Some(CourtCode::Supreme),
            CourtCode::Intermediate(p, _) => Some(CourtCode::High(p)),
            CourtCode::Basic(p, n) => match n / 100 {
                // A basic court numbered 00xx has no intermediate court of that number.
                0 => Some(CourtCode::High(p)),
                upper => Some(CourtCode::Intermediate(p, upper as u8)),
            },
        }
    }

    /// The kind of court the numeric code stands for, as far as the code tells.
    pub fn kind(self) -> CourtKind {
        match self {
            CourtCode::Intermediate(_, n) => match n {
                71 => CourtKind::Railway,
                72 => CourtKind::Maritime,
                73 => CourtKind::IntellectualProperty,
                74 => CourtKind::OilFieldOrFinancial,
                75..=80 => CourtKind::Forestry,
                81..=85 => CourtKind::LandReclamation,
                87..=95 => CourtKind::CrossRegion,
                96..=99 => CourtKind::CountyArea,
                _ => CourtKind::Regional,
            },
            CourtCode::Basic(_, n) if n / 100 == 71 => CourtKind::Railway,
            _ => CourtKind::Regional,
        }
    }

    /// A descriptive name when the network's court list does not give one.
    pub fn generic_name_zh(self) -> String {
        match self {
            CourtCode::Supreme => "最高人民法院".to_string(),
            CourtCode::High(p) => p.info().high_court_zh.to_string(),
            CourtCode::Intermediate(..) => match self.kind() {
                CourtKind::Regional => format!("{}中级人民法院（{self}）", self.province_name()),
                kind => format!("{}{}（{self}）", self.province_name(), kind.label_zh()),
            },
            CourtCode::Basic(..) => format!("{}基层人民法院（{self}）", self.province_name()),
        }
    }

    fn province_name(self) -> &'static str {
        self.province().map(Province::name_zh).unwrap_or("")
    }
}

pub(crate) const SUPREME: &str = "最高法";

impl fmt::Display for CourtCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            CourtCode::Supreme => f.write_str(SUPREME),
            CourtCode::High(p) => write!(f, "{}", p.abbr()),
            CourtCode::Intermediate(p, n) => write!(f, "{}{n:02}", p.abbr()),
            CourtCode::Basic(p, n) => write!(f, "{}{n:04}", p.abbr()),
        }
    }
}

/// The value of an ASCII or full-width decimal digit.
pub(crate) fn digit_value(ch: char) -> Option<u32> {
    match ch {
        '0'..='9' => Some(ch as u32 - '0' as u32),
        '０'..='９' => Some(ch as u32 - '０' as u32),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
