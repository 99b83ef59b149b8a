//! 繁简分流: a court's rules, in order, each naming the facts of a newly filed case it takes — its
//! type, cause, amount against the small-claims threshold, parties, announcement service, foreign
//! element, series cases, the criminal speedy-procedure conditions — and the track (速裁, 简案,
//! 普通, 繁案) and pool (a team or division) it sends the case to. The first rule that takes a case
//! decides; a case no rule takes goes the rule set's default way. Each decision says the rule set's
//! version, the rule, and the facts the rule read with their values.
//!
//! The small-claims threshold is a share (50% by law) of the province's average annual wage of the
//! year before the filing (docs/allocation.md); with no wage known for that year, a rule that asks
//! for small claims does not take the case, and the decision says the threshold was unknown.

use std::collections::BTreeMap;

use chrono::Datelike;

use crate::Money;

/// How a case is to be heard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Track {
    /// 速裁: criminal speedy procedure, small claims and the like.
    Speedy,
    /// 简案: simple procedure.
    Simple,
    /// 普通: ordinary procedure.
    Ordinary,
    /// 繁案: complex cases for the most experienced panels.
    Complex,
}

impl Track {
    pub const ALL: [Track; 4] = [
        Track::Speedy,
        Track::Simple,
        Track::Ordinary,
        Track::Complex,
    ];

    pub fn label_zh(self) -> &'static str {
        match self {
            Track::Speedy => "速裁",
            Track::Simple => "简案",
            Track::Ordinary => "普通",
            Track::Complex => "繁案",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Track::Speedy => "speedy",
            Track::Simple => "simple",
            Track::Ordinary => "ordinary",
            Track::Complex => "complex",
        }
    }

    /// By its Chinese name or key.
    pub fn parse(text: &str) -> Option<Track> {
        Track::ALL
            .into_iter()
            .find(|t| t.label_zh() == text.trim() || t.key() == text.trim())
    }
}

/// What is known of a case when it is filed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    /// 类型代字 (民初, 刑初, 执 …).
    pub case_type: String,
    pub cause: Option<String>,
    /// The amount claimed, if the claim is for money.
    pub amount: Option<Money>,
    pub parties: u32,
    /// Service by announcement (公告送达) is expected (a party cannot be found).
    pub announcement: bool,
    /// A foreign, Hong Kong, Macao or Taiwan element.
    pub foreign: bool,
    /// One of a series of cases (系列案) of the same parties and facts.
    pub series: bool,
    /// Criminal: the heaviest sentence the charge may bring, in months.
    pub max_sentence_months: Option<u32>,
    /// Criminal: the defendant pleads guilty and accepts the punishment (认罪认罚).
    pub guilty_plea: bool,
    pub filed_on: chrono::NaiveDate,
}

impl Facts {
    /// As an allocation keeps them: `type=民初;cause=买卖合同纠纷;amount=30000.00;parties=2;
    /// announcement=0;foreign=0;series=0;sentence=;plea=0;filed=2026-03-01` (a cause is kept
    /// without `;` and `=`, which the caller refuses).
    pub fn written(&self) -> String {
        let flag = |b: bool| if b { "1" } else { "0" };
        format!(
            "type={};cause={};amount={};parties={};announcement={};foreign={};series={};sentence={};plea={};filed={}",
            self.case_type,
            self.cause.as_deref().unwrap_or_default(),
            self.amount.map(|m| m.to_string()).unwrap_or_default(),
            self.parties,
            flag(self.announcement),
            flag(self.foreign),
            flag(self.series),
            self.max_sentence_months
                .map(|m| m.to_string())
                .unwrap_or_default(),
            flag(self.guilty_plea),
            self.filed_on,
        )
    }

    /// As [`Facts::written`] wrote them; `None` for a text it did not write.
    pub fn read(text: &str) -> Option<Facts> {
        let mut fields: BTreeMap<&str, &str> = BTreeMap::new();
        for part in text.split(';') {
            let (key, value) = part.split_once('=')?;
            fields.insert(key, value);
        }
        let get = |key: &str| fields.get(key).copied();
        let flag = |key: &str| get(key) == Some("1");
        let optional = |key: &str| get(key).filter(|v| !v.is_empty());
        Some(Facts {
            case_type: get("type")?.to_string(),
            cause: optional("cause").map(String::from),
            amount: match optional("amount") {
                Some(a) => Some(Money::parse(a).ok()?),
                None => None,
            },
            parties: get("parties")?.parse().ok()?,
            announcement: flag("announcement"),
            foreign: flag("foreign"),
            series: flag("series"),
            max_sentence_months: match optional("sentence") {
                Some(m) => Some(m.parse().ok()?),
                None => None,
            },
            guilty_plea: flag("plea"),
            filed_on: get("filed")?.parse().ok()?,
        })
    }
}

/// What a rule asks of a case; an empty condition asks nothing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Condition {
    /// Any of these types (none: any type).
    pub case_types: Vec<String>,
    /// The cause contains any of these words (none: any cause).
    pub causes: Vec<String>,
    /// The amount is within (true) or above (false) the small-claims threshold.
    pub small_claims: Option<bool>,
    /// The amount is at most this much (a case without an amount is not).
    pub amount_at_most: Option<Money>,
    /// The amount is more than this much.
    pub amount_above: Option<Money>,
    pub parties_at_most: Option<u32>,
    pub parties_at_least: Option<u32>,
    pub announcement: Option<bool>,
    pub foreign: Option<bool>,
    pub series: Option<bool>,
    /// Criminal: the heaviest sentence is at most this many months.
    pub sentence_months_at_most: Option<u32>,
    pub guilty_plea: Option<bool>,
}

/// One rule: what it takes, and where it sends it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    /// How the rule is named in decisions and reports.
    pub id: String,
    pub when: Condition,
    pub track: Track,
    pub pool: String,
}

/// A court's rule set, versioned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSet {
    pub version: String,
    /// The small-claims threshold's share of the average wage, percent (50 by law).
    pub small_claims_percent: u32,
    /// The province's average annual wage by year.
    pub wages: BTreeMap<i32, Money>,
    pub rules: Vec<Rule>,
    /// Where a case no rule takes goes.
    pub default_track: Track,
    pub default_pool: String,
    /// A case's weight in a judge's caseload by its track, in hundredths (速裁 0.5, 简案 1, 普通 2,
    /// 繁案 4 unless the rules say otherwise).
    pub weights: BTreeMap<Track, u64>,
    /// How a pool's judge is drawn.
    pub mode: crate::allocation::draw::Mode,
    /// The share of a full judge's cases a leader of each post takes, percent (院庭长办案); a
    /// post not named takes a full share.
    pub leader_shares: BTreeMap<crate::StaffRole, u64>,
}

/// The weights a rule set has unless it names its own, in hundredths.
pub fn default_weights() -> BTreeMap<Track, u64> {
    [
        (Track::Speedy, 50),
        (Track::Simple, 100),
        (Track::Ordinary, 200),
        (Track::Complex, 400),
    ]
    .into()
}

/// A diversion: the track and pool, by which rule of which version, and the facts it read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decision {
    pub track: Track,
    pub pool: String,
    pub version: String,
    /// The rule's id; `default` when no rule took the case.
    pub rule: String,
    /// (fact, value) as the rule read them, in the rule's order.
    pub used: Vec<(String, String)>,
}

impl RuleSet {
    /// The small-claims threshold for a case filed in `year`: the share of the year before's
    /// average wage, if that wage is known.
    pub fn small_claims_threshold(&self, year: i32) -> Option<Money> {
        let wage = self.wages.get(&(year - 1))?;
        Some(Money::from_fen(
            wage.fen()
                .saturating_mul(i64::from(self.small_claims_percent))
                / 100,
        ))
    }

    /// The share of a full judge's cases one of `role` takes, percent.
    pub fn share(&self, role: Option<crate::StaffRole>) -> u64 {
        role.and_then(|r| self.leader_shares.get(&r).copied())
            .unwrap_or(100)
    }

    /// A case of `track`'s weight, in hundredths.
    pub fn weight(&self, track: Track) -> u64 {
        self.weights.get(&track).copied().unwrap_or(100)
    }

    /// The track and pool of a case with `facts`.
    pub fn decide(&self, facts: &Facts) -> Decision {
        for rule in &self.rules {
            if let Some(used) = self.takes(&rule.when, facts) {
                return Decision {
                    track: rule.track,
                    pool: rule.pool.clone(),
                    version: self.version.clone(),
                    rule: rule.id.clone(),
                    used,
                };
            }
        }
        Decision {
            track: self.default_track,
            pool: self.default_pool.clone(),
            version: self.version.clone(),
            rule: "default".into(),
            used: vec![("case_type".into(), facts.case_type.clone())],
        }
    }

    /// The facts `when` read, with their values, if it takes the case.
    fn takes(&self, when: &Condition, facts: &Facts) -> Option<Vec<(String, String)>> {
        let mut used: Vec<(String, String)> = Vec::new();
        let mut note = |fact: &str, value: String| used.push((fact.to_string(), value));
        let yes_no = |b: bool| if b { "是" } else { "否" }.to_string();
        if !when.case_types.is_empty() {
            note("case_type", facts.case_type.clone());
            if !when.case_types.contains(&facts.case_type) {
                return None;
            }
        }
        if !when.causes.is_empty() {
            let cause = facts.cause.clone().unwrap_or_default();
            note("cause", cause.clone());
            if !when.causes.iter().any(|c| cause.contains(c.as_str())) {
                return None;
            }
        }
        let amount = facts.amount;
        let shown = |m: Option<Money>| m.map_or_else(|| "—".to_string(), |m| m.to_string());
        if let Some(within) = when.small_claims {
            let threshold = self.small_claims_threshold(facts.filed_on.year());
            note("amount", shown(amount));
            note("small_claims_threshold", shown(threshold));
            let (Some(amount), Some(threshold)) = (amount, threshold) else {
                return None;
            };
            if (amount <= threshold) != within {
                return None;
            }
        }
        if let Some(most) = when.amount_at_most {
            note("amount", shown(amount));
            if amount.is_none_or(|a| a > most) {
                return None;
            }
        }
        if let Some(least) = when.amount_above {
            note("amount", shown(amount));
            if amount.is_none_or(|a| a <= least) {
                return None;
            }
        }
        if when.parties_at_most.is_some() || when.parties_at_least.is_some() {
            note("parties", facts.parties.to_string());
            if when.parties_at_most.is_some_and(|m| facts.parties > m)
                || when.parties_at_least.is_some_and(|m| facts.parties < m)
            {
                return None;
            }
        }
        for (fact, wanted, value) in [
            ("announcement", when.announcement, facts.announcement),
            ("foreign", when.foreign, facts.foreign),
            ("series", when.series, facts.series),
            ("guilty_plea", when.guilty_plea, facts.guilty_plea),
        ] {
            if let Some(wanted) = wanted {
                note(fact, yes_no(value));
                if wanted != value {
                    return None;
                }
            }
        }
        if let Some(most) = when.sentence_months_at_most {
            note(
                "max_sentence_months",
                facts
                    .max_sentence_months
                    .map_or_else(|| "—".to_string(), |m| m.to_string()),
            );
            if facts.max_sentence_months.is_none_or(|m| m > most) {
                return None;
            }
        }
        used.dedup();
        Some(used)
    }
}

#[cfg(test)]
mod tests;
