//! Changes of a case's time limit as records: extensions as approved (length in months or days,
//! the day and the level that approved them, the reason) and periods that do not count (扣除审限:
//! the ground the law gives and the days, from a start day when it is known). See
//! `docs/time-limits.md` for the rules and the readings chosen.
//!
//! Case systems export these in three forms, all read here: records with dates ("公告
//! 2026-02-01~2026-04-01"), lengths only ("6个月", "鉴定 45日"), or a bare total of days, which
//! becomes one change whose ground is not stated.
//!
//! Text forms, one cell each, items joined by ";":
//! - an extension: `LENGTH[@APPROVED_ON][/APPROVER][/REASON]` — "6个月@2026-01-05/本院院长/案情复杂";
//! - an excluded period: `[GROUND ]SPAN`, SPAN a start and an end day `2026-02-01~2026-04-01`
//!   (both counted) or a length `45日` — "公告 2026-02-01~2026-04-01;鉴定 45日".

// Items of one cell are separated as systems write lists.
use crate::text::LIST_SEPARATORS as SEPARATORS;
use std::fmt;

use chrono::NaiveDate;

use crate::period::{Period, PeriodError};

/// Who approved an extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Approver {
    /// 本院院长: the court's president (first extensions of most limits).
    President,
    /// 上级法院: the court above (further extensions, and some first ones by law).
    HigherCourt,
}

impl Approver {
    pub fn label_zh(self) -> &'static str {
        match self {
            Approver::President => "本院院长",
            Approver::HigherCourt => "上级法院",
        }
    }

    pub fn parse(text: &str) -> Option<Approver> {
        match text.trim() {
            "本院院长" | "院长" | "本院" | "president" => Some(Approver::President),
            "上级法院" | "上级" | "高级人民法院" | "高院" | "中院" | "higher_court" => {
                Some(Approver::HigherCourt)
            }
            _ => None,
        }
    }
}

/// One approved extension of a time limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Extension {
    /// As granted: calendar months are not 30 days.
    pub length: Period,
    pub approved_on: Option<NaiveDate>,
    pub approver: Option<Approver>,
    pub reason: Option<String>,
}

impl Extension {
    /// An extension known only by its length (a system that exports no more).
    pub fn of(length: Period) -> Extension {
        Extension {
            length,
            approved_on: None,
            approver: None,
            reason: None,
        }
    }
}

/// The grounds on which a period does not count towards a time limit: the SPC's provisions on
/// time limits (2000, Art. 9) and the civil interpretation's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExclusionGround {
    /// 公告: service or notice by publication.
    Notice,
    /// 鉴定: expert assessment.
    Assessment,
    /// 管辖异议: hearing a jurisdiction objection, or a jurisdiction dispute between courts.
    Jurisdiction,
    /// 审计评估: audit, valuation or asset clearing by professional bodies.
    Audit,
    /// 中止: suspension until resumption.
    Suspension,
    /// 和解: the parties' settlement period (civil).
    Settlement,
    /// 精神病鉴定: psychiatric assessment of a defendant (criminal).
    PsychiatricAssessment,
    /// 补充侦查: postponement for supplementary investigation (criminal).
    SupplementaryInvestigation,
    /// 延期审理: postponement on request to call witnesses or obtain evidence (up to a month).
    Postponement,
    /// 暂缓执行: enforcement deferred after a settlement or security, or by the court above.
    DeferredEnforcement,
    /// 拍卖变卖: auction or sale of seized property in enforcement.
    Auction,
    /// 未注明: a total of days without its ground (what some systems export).
    Unstated,
}

use ExclusionGround as G;

/// Every ground: Chinese name, English key, other names accepted.
#[rustfmt::skip]
const GROUNDS: &[(ExclusionGround, &str, &str, &[&str])] = &[
    (G::Notice, "公告", "notice", &["公告送达", "公告期间"]),
    (G::Assessment, "鉴定", "assessment", &["司法鉴定", "委托鉴定", "鉴定期间"]),
    (G::Jurisdiction, "管辖异议", "jurisdiction", &["管辖权异议", "管辖争议"]),
    (G::Audit, "审计评估", "audit", &["审计", "评估", "资产清理", "审计评估清算"]),
    (G::Suspension, "中止", "suspension", &["中止诉讼", "中止审理", "中止执行"]),
    (G::Settlement, "和解", "settlement", &["当事人和解", "庭外和解"]),
    (G::PsychiatricAssessment, "精神病鉴定", "psychiatric_assessment", &[]),
    (G::SupplementaryInvestigation, "补充侦查", "supplementary_investigation", &["退回补充侦查"]),
    (G::Postponement, "延期审理", "postponement", &["延期开庭"]),
    (G::DeferredEnforcement, "暂缓执行", "deferred_enforcement", &[]),
    (G::Auction, "拍卖变卖", "auction", &["拍卖", "变卖"]),
    (G::Unstated, "未注明", "unstated", &["其他"]),
];

impl ExclusionGround {
    pub fn label_zh(self) -> &'static str {
        GROUNDS
            .iter()
            .find(|g| g.0 == self)
            .map_or("未注明", |g| g.1)
    }

    /// The English key (notice, assessment, …).
    pub fn label_en(self) -> &'static str {
        GROUNDS
            .iter()
            .find(|g| g.0 == self)
            .map_or("unstated", |g| g.2)
    }

    pub fn parse(text: &str) -> Option<ExclusionGround> {
        let text = text.trim();
        GROUNDS
            .iter()
            .find(|(_, zh, en, aliases)| *zh == text || *en == text || aliases.contains(&text))
            .map(|g| g.0)
    }

    /// The accepted Chinese names, for error messages.
    pub fn accepted() -> String {
        GROUNDS.iter().map(|g| g.1).collect::<Vec<_>>().join("、")
    }
}

/// One period that does not count towards the time limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exclusion {
    pub ground: ExclusionGround,
    /// The first day that does not count, when known.
    pub from: Option<NaiveDate>,
    /// How many days do not count: with a start day, the days from it to the end day, both
    /// counted (a reading: the provisions say "期间" without saying whether the end day runs).
    pub days: u32,
}

impl Exclusion {
    /// A total of days without its ground or dates.
    pub fn total(days: u32) -> Exclusion {
        Exclusion {
            ground: ExclusionGround::Unstated,
            from: None,
            days,
        }
    }

    /// The last day that does not count, when the start is known.
    pub fn to(&self) -> Option<NaiveDate> {
        let from = self.from?;
        from.checked_add_days(chrono::Days::new(u64::from(self.days.saturating_sub(1))))
    }
}

/// The days the excluded periods take off the limit.
pub fn excluded_days(exclusions: &[Exclusion]) -> u32 {
    exclusions
        .iter()
        .fold(0u32, |sum, e| sum.saturating_add(e.days))
}

/// Why a text is not an extension or an excluded period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeError {
    pub text: String,
    pub why_zh: String,
    pub why_en: String,
}

impl ChangeError {
    /// The reason in both languages, with the text it is about.
    pub fn text(&self) -> crate::Text {
        let Self {
            text,
            why_zh,
            why_en,
        } = self;
        crate::text!("“{text}”：{why_zh}", "“{text}”: {why_en}")
    }
}

/// In Chinese, the default language; [`ChangeError::text`] has both.
impl fmt::Display for ChangeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().zh())
    }
}

impl std::error::Error for ChangeError {}

fn error(text: &str, zh: impl Into<String>, en: impl Into<String>) -> ChangeError {
    ChangeError {
        text: text.chars().take(60).collect(),
        why_zh: zh.into(),
        why_en: en.into(),
    }
}

/// The longest reason kept (a phrase, not a memorandum).
const REASON_MAX: usize = 50;

fn date(text: &str, whole: &str) -> Result<NaiveDate, ChangeError> {
    crate::date_text::parse_date(text.trim()).map_err(|_| {
        error(
            whole,
            format!("“{}”不是日期", text.trim()),
            "not a date (2026-01-05)",
        )
    })
}

fn period(text: &str, whole: &str) -> Result<Period, ChangeError> {
    Period::parse(text).map_err(|e: PeriodError| {
        let text = e.text();
        error(whole, text.zh(), text.en())
    })
}

/// Reads a cell of extensions; a bare number is days (as the column was read before it kept
/// units).
pub fn parse_extensions(text: &str) -> Result<Vec<Extension>, ChangeError> {
    text.split(SEPARATORS)
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            let mut parts = item.split('/');
            let head = parts.next().unwrap_or("");
            let (length, approved_on) = match head.split_once('@') {
                Some((length, on)) => (length, Some(date(on, item)?)),
                None => (head, None),
            };
            let length = match length.trim().parse::<u32>() {
                Ok(days) => period(&format!("{days}日"), item)?,
                Err(_) => period(length, item)?,
            };
            let approver = match parts.next().map(str::trim).filter(|p| !p.is_empty()) {
                Some(text) => Some(Approver::parse(text).ok_or_else(|| {
                    error(
                        item,
                        format!("批准层级“{text}”应为 本院院长 或 上级法院"),
                        "the approver is 本院院长 or 上级法院",
                    )
                })?),
                None => None,
            };
            let reason = parts.next().map(str::trim).filter(|r| !r.is_empty());
            if parts.next().is_some() || reason.is_some_and(|r| r.chars().count() > REASON_MAX) {
                return Err(error(
                    item,
                    format!("应写作 期间@批准日期/批准层级/理由，理由不超过{REASON_MAX}字"),
                    "write LENGTH@DATE/APPROVER/REASON, a short reason",
                ));
            }
            Ok(Extension {
                length,
                approved_on,
                approver,
                reason: reason.map(str::to_string),
            })
        })
        .collect()
}

/// A reason as an extension's record can hold it: the item separators and `/` become spaces
/// and it is cut to the longest reason a record keeps, so that [`join_extensions`] writes
/// what [`parse_extensions`] reads back. (An application's full reason is kept with the
/// application.)
pub fn reason_for_record(text: &str) -> String {
    let plain: String = text
        .chars()
        .map(|c| {
            if SEPARATORS.contains(&c) || c == '/' || c == '@' || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect();
    let words: Vec<&str> = plain.split_whitespace().collect();
    words.join(" ").chars().take(REASON_MAX).collect()
}

/// Writes extensions as [`parse_extensions`] reads them back.
pub fn join_extensions(extensions: &[Extension]) -> String {
    let items: Vec<String> = extensions
        .iter()
        .map(|e| {
            let mut item = e.length.label_zh();
            if let Some(on) = e.approved_on {
                item.push_str(&format!("@{on}"));
            }
            match (e.approver, &e.reason) {
                (Some(a), Some(r)) => item.push_str(&format!("/{}/{r}", a.label_zh())),
                (Some(a), None) => item.push_str(&format!("/{}", a.label_zh())),
                (None, Some(r)) => item.push_str(&format!("//{r}")),
                (None, None) => {}
            }
            item
        })
        .collect();
    items.join(";")
}

/// The longest excluded period accepted, in days (ten years).
const EXCLUSION_MAX_DAYS: u32 = 3650;

/// Reads a cell of excluded periods; a bare number is a total of days without its ground.
pub fn parse_exclusions(text: &str) -> Result<Vec<Exclusion>, ChangeError> {
    text.split(SEPARATORS)
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(|item| {
            // The ground comes first when the item starts with a letter that is no digit.
            let (ground, span) = match item.find(|c: char| c.is_ascii_digit()) {
                Some(0) => (ExclusionGround::Unstated, item),
                Some(at) => {
                    let named = item[..at].trim();
                    let ground = ExclusionGround::parse(named).ok_or_else(|| {
                        error(
                            item,
                            format!(
                                "扣除事由“{named}”无法识别，可用：{}",
                                ExclusionGround::accepted()
                            ),
                            "unknown ground",
                        )
                    })?;
                    (ground, &item[at..])
                }
                None => {
                    return Err(error(
                        item,
                        "缺少扣除天数或起止日期",
                        "the days or the dates are missing",
                    ));
                }
            };
            let (from, days) = match span.split_once(['~', '～', '至']) {
                Some((start, end)) => {
                    let (start, end) = (date(start, item)?, date(end, item)?);
                    if end < start {
                        return Err(error(
                            item,
                            "结束日期早于开始日期",
                            "the end is before the start",
                        ));
                    }
                    let days = (end - start).num_days() + 1;
                    (Some(start), u32::try_from(days).unwrap_or(u32::MAX))
                }
                None => {
                    let digits = span.trim().trim_end_matches(['日', '天', 'd', 'D']);
                    let days = digits.trim().parse::<u32>().map_err(|_| {
                        error(item, "天数应为整数，如 45日", "the days are a whole number")
                    })?;
                    (None, days)
                }
            };
            if days == 0 || days > EXCLUSION_MAX_DAYS {
                return Err(error(
                    item,
                    format!("扣除天数须在1至{EXCLUSION_MAX_DAYS}之间"),
                    format!("the days must be 1 to {EXCLUSION_MAX_DAYS}"),
                ));
            }
            Ok(Exclusion { ground, from, days })
        })
        .collect()
}

/// Writes excluded periods as [`parse_exclusions`] reads them back.
pub fn join_exclusions(exclusions: &[Exclusion]) -> String {
    let items: Vec<String> = exclusions
        .iter()
        .map(|e| {
            let span = match (e.from, e.to()) {
                (Some(from), Some(to)) => format!("{from}~{to}"),
                _ => format!("{}日", e.days),
            };
            match e.ground {
                ExclusionGround::Unstated => span,
                ground => format!("{} {span}", ground.label_zh()),
            }
        })
        .collect();
    items.join(";")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        crate::date_text::parse_date(text).expect("date")
    }

    #[test]
    fn a_reason_of_any_text_is_fitted_so_that_its_record_reads_back() {
        let long = "长".repeat(80);
        for reason in [
            "需委托鉴定，案情复杂",
            "a/b@c;d；e、f,g\n h",
            long.as_str(),
            "  ",
        ] {
            let fitted = reason_for_record(reason);
            let extension = Extension {
                reason: (!fitted.is_empty()).then(|| fitted.clone()),
                ..Extension::of(Period::Months(6))
            };
            let written = join_extensions(std::slice::from_ref(&extension));
            assert_eq!(parse_extensions(&written), Ok(vec![extension]), "{reason}");
        }
        assert_eq!(
            reason_for_record("需委托鉴定，案情复杂"),
            "需委托鉴定 案情复杂"
        );
        assert_eq!(reason_for_record(&long).chars().count(), REASON_MAX);
    }

    #[test]
    fn extensions_read_and_write_with_their_approval() {
        let read = parse_extensions("6个月@2026-01-05/本院院长/案情复杂；30日;3m//鉴定未完成;15")
            .expect("extensions");
        assert_eq!(
            read,
            [
                Extension {
                    length: Period::Months(6),
                    approved_on: Some(day("2026-01-05")),
                    approver: Some(Approver::President),
                    reason: Some("案情复杂".into()),
                },
                Extension::of(Period::Days(30)),
                Extension {
                    reason: Some("鉴定未完成".into()),
                    ..Extension::of(Period::Months(3))
                },
                Extension::of(Period::Days(15)),
            ]
        );
        let written = join_extensions(&read);
        assert_eq!(
            written,
            "6个月@2026-01-05/本院院长/案情复杂;30日;3个月//鉴定未完成;15日"
        );
        assert_eq!(parse_extensions(&written).expect("again"), read);
        assert_eq!(parse_extensions(" ").expect("none"), []);
        for bad in [
            "6个月@2026-02-30",
            "6个月/省长",
            "六个月",
            "6个月/院长/a/b",
            &format!("6个月/院长/{}", "理".repeat(51)),
        ] {
            assert!(parse_extensions(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn excluded_periods_read_with_their_ground_and_days_counted_from_start_to_end() {
        let read =
            parse_exclusions("公告 2026-02-01~2026-04-01;鉴定 45日;10;中止2026-03-01至2026-03-10")
                .expect("exclusions");
        assert_eq!(
            read,
            [
                Exclusion {
                    ground: ExclusionGround::Notice,
                    from: Some(day("2026-02-01")),
                    days: 60,
                },
                Exclusion {
                    ground: ExclusionGround::Assessment,
                    from: None,
                    days: 45,
                },
                Exclusion::total(10),
                Exclusion {
                    ground: ExclusionGround::Suspension,
                    from: Some(day("2026-03-01")),
                    days: 10,
                },
            ]
        );
        assert_eq!(excluded_days(&read), 125);
        assert_eq!(read[0].to(), Some(day("2026-04-01")));
        let written = join_exclusions(&read);
        assert_eq!(
            written,
            "公告 2026-02-01~2026-04-01;鉴定 45日;10日;中止 2026-03-01~2026-03-10"
        );
        assert_eq!(parse_exclusions(&written).expect("again"), read);
        for bad in [
            "出差 10日",
            "公告",
            "公告 2026-04-01~2026-02-01",
            "鉴定 0日",
            "鉴定 3651日",
            "鉴定 十日",
        ] {
            let error = parse_exclusions(bad).expect_err(bad);
            assert!(!error.why_zh.is_empty(), "{bad}");
        }
        assert!(
            parse_exclusions("出差 10日")
                .expect_err("unknown")
                .why_zh
                .contains("管辖异议")
        );
    }
}
