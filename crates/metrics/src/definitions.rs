//! The versions of the indicators' definitions: when a formula or its reading changes, the
//! definition that was in force before is kept as an earlier version, with the day the new one
//! took effect and why — so that a bulletin published under an old definition can be made again
//! as it was, and a comparison across the change can say so (`docs/indicators.md`, "Versions of
//! the definitions").
//!
//! An indicator without a recorded change is at version 1, its catalogue definition. The
//! catalogue (`catalogue::CATALOGUE`) always holds the current version; this module holds the
//! earlier ones and the dates.

use chrono::NaiveDate;

use crate::catalogue::{Direction, Family, Formula, Indicator, Unit, indicator};
use crate::counters::Flow as F;

/// One version of an indicator's definition.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Version {
    pub code: &'static str,
    /// 1, 2, … in the order they took effect.
    pub number: u16,
    /// The first day it was in force (year, month, day).
    pub since: (i32, u32, u32),
    /// What changed and why, "中文; English"; for the first version, what it was.
    pub reason: &'static str,
    /// The definition as it then read; `None` for the current version (the catalogue's).
    pub earlier: Option<Indicator>,
}

impl Version {
    pub fn since(&self) -> NaiveDate {
        let (y, m, d) = self.since;
        NaiveDate::from_ymd_opt(y, m, d).unwrap_or(NaiveDate::MIN)
    }

    /// The definition of this version.
    pub fn indicator(&'static self) -> Option<&'static Indicator> {
        self.earlier.as_ref().or_else(|| indicator(self.code))
    }

    /// What changed, in one language.
    pub fn reason_in(&self, lang: shenguan_domain::Lang) -> &'static str {
        match (self.reason.split_once("; "), lang) {
            (Some((zh, _)), shenguan_domain::Lang::Zh) => zh,
            (Some((_, en)), shenguan_domain::Lang::En) => en,
            (None, _) => self.reason,
        }
    }
}

/// 法定审限内结案率 as the 2011 assessment system read it: closed within the limit without an
/// extension (the 2011 list names one indicator, 法定（正常）审限内结案率).
const WITHIN_LIMIT_2011: Indicator = Indicator {
    code: "within_limit_rate",
    name_zh: "法定审限内结案率",
    name_en: "closed within the statutory limit",
    family: Family::Efficiency,
    unit: Unit::Percent,
    better: Direction::Higher,
    formula: Formula::Percent(F::WithinNormalLimit, F::ClosedWithDeadline),
    definition: "未延长审限且在审限内结案 ÷ 有法定审限的结案 × 100%（2011年体系：法定（正常）审限内结案率）; closed within the limit without an extension ÷ closed cases with a statutory deadline × 100 (the 2011 system)",
    applies_to: "有法定审限的案件; case types with a statutory limit",
    source: "最高人民法院案件质量评估指标体系（法〔2011〕55号）",
    range: (None, None),
    core: true,
};

/// Every recorded version, by indicator and number. The first day of each is what the sources
/// give: the 2011 system from its publication in March 2011 (the day is not in the sources: the
/// first of the month), the 2024 system from its formal use on 1 January 2024.
pub static VERSIONS: &[Version] = &[
    Version {
        code: "within_limit_rate",
        number: 1,
        since: (2011, 3, 1),
        reason: "2011年案件质量评估体系：法定（正常）审限内结案率，分子为未延长审限且在审限内结案; the 2011 case-quality assessment: closed within the limit without an extension",
        earlier: Some(WITHIN_LIMIT_2011),
    },
    Version {
        code: "within_limit_rate",
        number: 2,
        since: (2024, 1, 1),
        reason: "2024年审判质量管理指标体系：审限内结案率，经批准延长审限后在审限内结案的亦计入（口径：公布文字未明言，本系统按含延长计）; the 2024 trial-quality system: cases closed within an approved extension count too (reading: the published text does not say; this system counts them)",
        earlier: None,
    },
];

/// The recorded versions of `code`, oldest first (empty for an indicator never changed).
pub fn history(code: &str) -> Vec<&'static Version> {
    VERSIONS.iter().filter(|v| v.code == code).collect()
}

/// The current version's number.
pub fn current(code: &str) -> u16 {
    history(code).iter().map(|v| v.number).max().unwrap_or(1)
}

/// The version in force on `day`: the latest that took effect on or before it (the first one for
/// a day before every recorded version).
pub fn in_force_on(code: &str, day: NaiveDate) -> u16 {
    let versions = history(code);
    versions
        .iter()
        .filter(|v| v.since() <= day)
        .map(|v| v.number)
        .max()
        .or_else(|| versions.iter().map(|v| v.number).min())
        .unwrap_or(1)
}

/// The version of `code` numbered `number`: its definition, or why there is none.
pub fn at(code: &str, number: u16) -> Result<&'static Indicator, VersionError> {
    let Some(current_definition) = indicator(code) else {
        return Err(VersionError::NoIndicator(code.to_string()));
    };
    if number == current(code) {
        return Ok(current_definition);
    }
    history(code)
        .into_iter()
        .find(|v| v.number == number)
        .and_then(Version::indicator)
        .ok_or_else(|| VersionError::NoVersion {
            code: code.to_string(),
            number,
            known: history(code).iter().map(|v| v.number).collect(),
        })
}

/// The change of definition that took effect after `earlier` and on or before `later`, if any:
/// a comparison of a figure at `later` with one at `earlier` crosses it.
pub fn change_between(
    code: &str,
    earlier: NaiveDate,
    later: NaiveDate,
) -> Option<&'static Version> {
    let (before, after) = (in_force_on(code, earlier), in_force_on(code, later));
    (before != after)
        .then(|| history(code).into_iter().find(|v| v.number == after))
        .flatten()
}

/// Which definitions a computation uses: the current ones (the default), those in force on a
/// day (to make again a report published then), and any indicator pinned to a version.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DefinitionChoice {
    /// The definitions in force on this day; `None`: the current ones.
    pub as_of: Option<NaiveDate>,
    /// Versions named for single indicators, which win over `as_of`.
    pub pinned: Vec<(String, u16)>,
}

impl DefinitionChoice {
    /// The version number `choice` gives `code`.
    pub fn number(&self, code: &str) -> u16 {
        if let Some((_, number)) = self.pinned.iter().find(|(c, _)| c == code) {
            return *number;
        }
        match self.as_of {
            Some(day) => in_force_on(code, day),
            None => current(code),
        }
    }

    /// The definition of `indicator` this choice makes (the catalogue's when it is current).
    pub fn resolve(
        &self,
        indicator: &'static Indicator,
    ) -> Result<&'static Indicator, VersionError> {
        // The current version is the indicator as given (which may be one the catalogue does not
        // list, as the enforcement targets' own counts).
        match self.number(indicator.code) {
            number if number == current(indicator.code) => Ok(indicator),
            number => at(indicator.code, number),
        }
    }

    /// Every pinned version exists.
    pub fn check(&self) -> Result<(), VersionError> {
        for (code, number) in &self.pinned {
            at(code, *number)?;
        }
        Ok(())
    }

    /// The version this choice gives every indicator that has more than one, as text: two choices
    /// with the same key compute the same figures (a cache of answers keys on it).
    pub fn key(&self) -> String {
        let mut codes: Vec<&str> = VERSIONS.iter().map(|v| v.code).collect();
        codes.dedup();
        codes
            .iter()
            .map(|code| format!("{code}={}", self.number(code)))
            .collect::<Vec<_>>()
            .join(",")
    }

    /// Whether every indicator is at its current version.
    pub fn is_current(&self) -> bool {
        self.as_of.is_none() && self.pinned.iter().all(|(c, n)| current(c) == *n)
    }
}

/// A version that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VersionError {
    NoIndicator(String),
    NoVersion {
        code: String,
        number: u16,
        known: Vec<u16>,
    },
}

impl VersionError {
    pub fn text(&self) -> shenguan_domain::Text {
        use shenguan_domain::text;
        match self {
            VersionError::NoIndicator(code) => {
                text!("没有指标“{code}”", "there is no indicator “{code}”")
            }
            VersionError::NoVersion {
                code,
                number,
                known,
            } => {
                let known = if known.is_empty() {
                    "1".to_string()
                } else {
                    known
                        .iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                text!(
                    "指标 {code} 没有第{number}版口径（有：{known}）",
                    "indicator {code} has no version {number} (it has: {known})"
                )
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("day")
    }

    #[test]
    fn every_version_is_numbered_from_one_in_the_order_it_took_effect_and_names_a_catalogue_code() {
        let mut codes: Vec<&str> = VERSIONS.iter().map(|v| v.code).collect();
        codes.dedup();
        for code in codes {
            assert!(indicator(code).is_some(), "{code}");
            let versions = history(code);
            for (index, version) in versions.iter().enumerate() {
                assert_eq!(usize::from(version.number), index + 1, "{code}");
                assert!(version.reason.contains("; "), "{code}: both languages");
                // Only the last is the catalogue's; the earlier ones carry their definition
                // under the same code, so the rows of a report keep their keys.
                let last = index + 1 == versions.len();
                assert_eq!(
                    version.earlier.is_none(),
                    last,
                    "{code} v{}",
                    version.number
                );
                if let Some(earlier) = &version.earlier {
                    assert_eq!(earlier.code, code);
                    assert_ne!(Some(earlier.formula), indicator(code).map(|i| i.formula));
                }
            }
            assert!(
                versions.windows(2).all(|w| w[0].since() < w[1].since()),
                "{code}"
            );
        }
    }

    #[test]
    fn the_version_in_force_follows_the_day() {
        let code = "within_limit_rate";
        assert_eq!(current(code), 2);
        assert_eq!(in_force_on(code, day(2023, 12, 31)), 1);
        assert_eq!(in_force_on(code, day(2024, 1, 1)), 2);
        // Before the first recorded version: the first.
        assert_eq!(in_force_on(code, day(2005, 6, 1)), 1);
        // An indicator never changed is at version 1 whatever the day.
        assert_eq!(current("closed"), 1);
        assert_eq!(in_force_on("closed", day(2030, 1, 1)), 1);
        assert_eq!(
            at(code, 1).map(|i| i.formula),
            Ok(Formula::Percent(
                F::WithinNormalLimit,
                F::ClosedWithDeadline
            ))
        );
        assert_eq!(
            at(code, 2).map(|i| i.formula),
            Ok(indicator(code).expect("current").formula)
        );
        assert!(matches!(at(code, 3), Err(VersionError::NoVersion { .. })));
        assert!(matches!(
            at("closed", 2),
            Err(VersionError::NoVersion { .. })
        ));
        assert!(matches!(at("nope", 1), Err(VersionError::NoIndicator(_))));
    }

    #[test]
    fn a_comparison_crosses_a_change_only_when_one_took_effect_between_its_days() {
        let code = "within_limit_rate";
        let crossed = change_between(code, day(2023, 6, 30), day(2024, 6, 30));
        assert_eq!(crossed.map(|v| v.number), Some(2));
        assert!(change_between(code, day(2024, 6, 30), day(2025, 6, 30)).is_none());
        assert!(change_between(code, day(2023, 12, 31), day(2024, 1, 1)).is_some());
        assert!(change_between(code, day(2024, 1, 1), day(2024, 12, 31)).is_none());
        assert!(change_between("closed", day(2023, 6, 30), day(2024, 6, 30)).is_none());
    }

    #[test]
    fn choices_that_compute_the_same_have_the_same_key() {
        let current = DefinitionChoice::default();
        let later = DefinitionChoice {
            as_of: Some(day(2025, 1, 1)),
            pinned: Vec::new(),
        };
        let earlier = DefinitionChoice {
            as_of: Some(day(2023, 12, 31)),
            pinned: Vec::new(),
        };
        let pinned = DefinitionChoice {
            as_of: None,
            pinned: vec![("within_limit_rate".to_string(), 1)],
        };
        assert_eq!(current.key(), later.key());
        assert_ne!(current.key(), earlier.key());
        assert_eq!(earlier.key(), pinned.key());
        assert!(current.key().contains("within_limit_rate=2"));
    }

    #[test]
    fn a_choice_pins_versions_over_the_day_and_is_current_by_default() {
        let code = "within_limit_rate";
        let current_choice = DefinitionChoice::default();
        assert!(current_choice.is_current());
        assert_eq!(current_choice.number(code), 2);
        let then = DefinitionChoice {
            as_of: Some(day(2023, 6, 30)),
            pinned: Vec::new(),
        };
        assert!(!then.is_current());
        assert_eq!(then.number(code), 1);
        let pinned = DefinitionChoice {
            as_of: Some(day(2023, 6, 30)),
            pinned: vec![(code.to_string(), 2)],
        };
        assert_eq!(pinned.number(code), 2);
        let wrong = DefinitionChoice {
            as_of: None,
            pinned: vec![(code.to_string(), 7)],
        };
        assert!(wrong.check().is_err());
    }
}
