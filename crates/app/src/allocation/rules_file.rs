//! The diversion rules file (繁简分流规则, TOML; the format in docs/allocation.md and the shipped
//! file `crates/app/rules/diversion.toml`): read whole, every rule checked — a known track, a
//! pool, known case types, amounts that are amounts — and a wrong one named by the rule's place
//! and id, the key and the value.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;
use shenguan_domain::allocation::diversion::{Condition, Rule, RuleSet, Track};
use shenguan_domain::allocation::draw::Mode;
use shenguan_domain::{CaseType, Money, text};

use crate::AppError;

/// The rules shenguan ships.
pub const SHIPPED: &str = include_str!("../../rules/diversion.toml");

/// The most rules a file may hold.
const RULES_MAX: usize = 500;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    version: String,
    small_claims_percent: Option<u32>,
    default: Target,
    #[serde(default)]
    wages: BTreeMap<String, String>,
    #[serde(default, rename = "rule")]
    rules: Vec<RuleEntry>,
    /// A case's weight by track (速裁 = 0.5 …).
    #[serde(default)]
    weights: BTreeMap<String, f64>,
    #[serde(default)]
    draw: DrawEntry,
}

/// How a pool's judge is drawn: `weighted` within `band` case weights of the lightest load, or
/// `pending_cap` below `cap` pending cases.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DrawEntry {
    mode: Option<String>,
    band: Option<f64>,
    cap: Option<u32>,
    /// A leader's share of a full judge's cases, percent, by post (院长 = 10 …).
    #[serde(default)]
    leader_shares: BTreeMap<String, i64>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Target {
    track: String,
    pool: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleEntry {
    id: String,
    track: String,
    pool: String,
    #[serde(default)]
    case_types: Vec<String>,
    #[serde(default)]
    causes: Vec<String>,
    small_claims: Option<bool>,
    amount_at_most: Option<String>,
    amount_above: Option<String>,
    parties_at_most: Option<u32>,
    parties_at_least: Option<u32>,
    announcement: Option<bool>,
    foreign: Option<bool>,
    series: Option<bool>,
    sentence_months_at_most: Option<u32>,
    guilty_plea: Option<bool>,
}

/// The rules of the file at `path`, or the shipped ones.
pub fn load(path: Option<&Path>) -> Result<RuleSet, AppError> {
    match path {
        None => parse(SHIPPED, "crates/app/rules/diversion.toml"),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| AppError::io(path.display().to_string(), e))?;
            parse(&text, &path.display().to_string())
        }
    }
}

/// The rules of `text`, read from `shown` (named in errors).
pub fn parse(text: &str, shown: &str) -> Result<RuleSet, AppError> {
    let file: File = toml::from_str(text).map_err(|e| {
        AppError::Invalid(text!(
            "分案规则文件 {shown} 有误：{e}",
            "the rules file {shown} is wrong: {e}"
        ))
    })?;
    let wrong = |place: &str, key: &str, value: &str, zh: &str, en: &str| {
        AppError::Invalid(text!(
            "分案规则文件 {shown} 的{place} {key} = “{value}”：{zh}",
            "the rules file {shown}, {place}: {key} = “{value}”: {en}"
        ))
    };
    // A name the log's entries carry (`key=value;…`) holds neither separator.
    let one_line = |s: &str, max: usize| {
        !s.trim().is_empty()
            && s.chars().count() <= max
            && !s.chars().any(|c| c.is_control() || c == ';' || c == '=')
    };
    if !one_line(&file.version, 50) {
        return Err(wrong(
            "",
            "version",
            &file.version,
            "版本须为一行，不超过50字，不含“;”“=”",
            "the version is one line of at most 50 characters without “;” or “=”",
        ));
    }
    let percent = file.small_claims_percent.unwrap_or(50);
    if !(1..=200).contains(&percent) {
        return Err(wrong(
            "",
            "small_claims_percent",
            &percent.to_string(),
            "须为1至200",
            "must be 1 to 200",
        ));
    }
    let track = |place: &str, name: &str| {
        Track::parse(name).ok_or_else(|| {
            wrong(
                place,
                "track",
                name,
                "须为速裁、简案、普通或繁案",
                "must be 速裁, 简案, 普通 or 繁案",
            )
        })
    };
    let pool = |place: &str, name: &str| {
        if one_line(name, 50) {
            Ok(name.trim().to_string())
        } else {
            Err(wrong(
                place,
                "pool",
                name,
                "审判团队须为一行，不超过50字，不含“;”“=”",
                "the pool is one line of at most 50 characters without “;” or “=”",
            ))
        }
    };
    let default_track = track("default", &file.default.track)?;
    let default_pool = pool("default", &file.default.pool)?;
    let mut wages = BTreeMap::new();
    for (year, wage) in &file.wages {
        let place = "wages";
        let y = year
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|y| (1949..=2200).contains(y))
            .ok_or_else(|| {
                wrong(
                    place,
                    year,
                    wage,
                    "年份须为1949至2200",
                    "the year is 1949 to 2200",
                )
            })?;
        let amount = Money::parse(wage)
            .ok()
            .filter(|m| m.fen() > 0)
            .ok_or_else(|| {
                wrong(
                    place,
                    year,
                    wage,
                    "须为正的金额（元）",
                    "must be a positive amount in yuan",
                )
            })?;
        wages.insert(y, amount);
    }
    if file.rules.len() > RULES_MAX {
        return Err(wrong(
            "",
            "rule",
            &file.rules.len().to_string(),
            "规则最多500条",
            "at most 500 rules",
        ));
    }
    let mut rules: Vec<Rule> = Vec::with_capacity(file.rules.len());
    for (n, entry) in file.rules.iter().enumerate() {
        let place = format!("第{}条规则（{}）", n + 1, entry.id);
        if !one_line(&entry.id, 50) || rules.iter().any(|r| r.id == entry.id.trim()) {
            return Err(wrong(
                &place,
                "id",
                &entry.id,
                "规则名称须为一行、不超过50字、不含“;”“=”、不重复",
                "a rule's id is one line of at most 50 characters without “;” or “=”, each once",
            ));
        }
        if let Some(unknown) = entry
            .case_types
            .iter()
            .find(|t| CaseType::lookup(t.trim()).is_none())
        {
            return Err(wrong(
                &place,
                "case_types",
                unknown,
                "没有这个类型代字",
                "there is no such case type",
            ));
        }
        if entry.causes.iter().any(|c| !one_line(c, 50)) {
            return Err(wrong(
                &place,
                "causes",
                &entry.causes.join("、"),
                "案由须为一行，不超过50字",
                "a cause is one line of at most 50 characters",
            ));
        }
        let amount = |key: &str, value: &Option<String>| -> Result<Option<Money>, AppError> {
            value
                .as_deref()
                .map(|v| {
                    Money::parse(v).map_err(|_| {
                        wrong(
                            &place,
                            key,
                            v,
                            "须为金额（元）",
                            "must be an amount in yuan",
                        )
                    })
                })
                .transpose()
        };
        rules.push(Rule {
            id: entry.id.trim().to_string(),
            when: Condition {
                case_types: entry
                    .case_types
                    .iter()
                    .map(|t| t.trim().to_string())
                    .collect(),
                causes: entry.causes.iter().map(|c| c.trim().to_string()).collect(),
                small_claims: entry.small_claims,
                amount_at_most: amount("amount_at_most", &entry.amount_at_most)?,
                amount_above: amount("amount_above", &entry.amount_above)?,
                parties_at_most: entry.parties_at_most,
                parties_at_least: entry.parties_at_least,
                announcement: entry.announcement,
                foreign: entry.foreign,
                series: entry.series,
                sentence_months_at_most: entry.sentence_months_at_most,
                guilty_plea: entry.guilty_plea,
            },
            track: track(&place, &entry.track)?,
            pool: pool(&place, &entry.pool)?,
        });
    }
    let mut weights = shenguan_domain::allocation::diversion::default_weights();
    for (name, weight) in &file.weights {
        let shown_weight = weight.to_string();
        let t = track("weights", name)?;
        if !(weight.is_finite() && (0.01..=100.0).contains(weight)) {
            return Err(wrong(
                "weights",
                name,
                &shown_weight,
                "权重须为0.01至100",
                "a weight is 0.01 to 100",
            ));
        }
        weights.insert(t, (weight * 100.0).round() as u64);
    }
    let mode = match file.draw.mode.as_deref().unwrap_or("weighted") {
        "weighted" => {
            let band = file.draw.band.unwrap_or(1.0);
            if !(band.is_finite() && (0.0..=1000.0).contains(&band)) {
                return Err(wrong(
                    "draw",
                    "band",
                    &band.to_string(),
                    "须为0至1000个案件权重",
                    "must be 0 to 1000 case weights",
                ));
            }
            Mode::Weighted {
                band: (band * 100.0).round() as u64,
            }
        }
        "pending_cap" => {
            let cap = file.draw.cap.unwrap_or(0);
            if !(1..=10_000).contains(&cap) {
                return Err(wrong(
                    "draw",
                    "cap",
                    &cap.to_string(),
                    "结出递补须指定1至10000件的上限",
                    "a pending cap is 1 to 10,000 cases",
                ));
            }
            Mode::PendingCap { cap }
        }
        other => {
            return Err(wrong(
                "draw",
                "mode",
                other,
                "须为 weighted 或 pending_cap",
                "must be weighted or pending_cap",
            ));
        }
    };
    let mut leader_shares = BTreeMap::new();
    for (post, share) in &file.draw.leader_shares {
        use shenguan_domain::StaffRole as R;
        let role = shenguan_domain::StaffRole::parse(post.trim())
            .ok()
            .filter(|r| {
                matches!(
                    r,
                    R::President | R::VicePresident | R::DivisionHead | R::DeputyDivisionHead
                )
            })
            .ok_or_else(|| {
                wrong(
                    "draw.leader_shares",
                    post,
                    &share.to_string(),
                    "须为院长、副院长、庭长或副庭长",
                    "the post is 院长, 副院长, 庭长 or 副庭长",
                )
            })?;
        if !(1..=100).contains(share) {
            return Err(wrong(
                "draw.leader_shares",
                post,
                &share.to_string(),
                "须为1至100（占普通法官案件量的百分比）",
                "must be 1 to 100 (percent of a judge's cases)",
            ));
        }
        leader_shares.insert(role, u64::try_from(*share).unwrap_or(100));
    }
    Ok(RuleSet {
        weights,
        mode,
        leader_shares,
        version: file.version.trim().to_string(),
        small_claims_percent: percent,
        wages,
        rules,
        default_track,
        default_pool,
    })
}

#[cfg(test)]
mod tests;
