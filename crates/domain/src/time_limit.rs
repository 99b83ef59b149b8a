//! Statutory time limits (审限) per type code and procedure, with their legal basis.
//!
//! Each rule carries the law it comes from and how sure that reading is. Where sources are unsure
//! the table states the reading chosen, and a deployment can replace any limit
//! ([`TimeLimits::set`], from the configuration file). Sources: `docs/time-limits.md`; article
//! numbers are those of the laws in force in 2024.
//!
//! Readings chosen (each overridable):
//! - 刑初 public prosecution: the base limit is 2 months; the third month the law allows ("至迟不得
//!   超过三个月") is treated as an extension, approved by the president.
//! - 民再 / 行再 without a stated procedure follow second-instance procedure (retrials by
//!   intermediate and higher courts, the common case); `一审程序` selects first-instance limits.
//! - 民辖终 / 行辖终 are appeals against rulings (30 days).
//! - Types with no rule here (刑核, 执监, 民催 …) have no statutory limit.

use std::borrow::Cow;
use std::fmt;

use crate::case_type::CaseType;
use crate::period::Period;

/// The procedure, or the variant within a type code, that selects a time limit.
///
/// The first six are the procedures recorded on cases (适用程序); the others only choose among the
/// limits of one type code (an appeal against a judgment or a ruling, a private prosecution…).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Procedure {
    Ordinary,
    Simple,
    SmallClaims,
    Speedy,
    Special,
    Other,
    /// 判决: an appeal against a judgment.
    AgainstJudgment,
    /// 裁定: an appeal against a ruling.
    AgainstRuling,
    /// 自诉: a private prosecution whose defendant is not detained.
    PrivateProsecution,
    /// 非诉: enforcement of a non-litigation instrument (an administrative act, a notarised debt).
    NonLitigation,
    /// 一审程序: a retrial under first-instance procedure.
    FirstInstanceRules,
    /// 二审程序: a retrial under second-instance procedure.
    SecondInstanceRules,
}

impl Procedure {
    pub const ALL: [Procedure; 12] = [
        Procedure::Ordinary,
        Procedure::Simple,
        Procedure::SmallClaims,
        Procedure::Speedy,
        Procedure::Special,
        Procedure::Other,
        Procedure::AgainstJudgment,
        Procedure::AgainstRuling,
        Procedure::PrivateProsecution,
        Procedure::NonLitigation,
        Procedure::FirstInstanceRules,
        Procedure::SecondInstanceRules,
    ];

    pub fn label_zh(self) -> &'static str {
        match self {
            Procedure::Ordinary => "普通",
            Procedure::Simple => "简易",
            Procedure::SmallClaims => "小额诉讼",
            Procedure::Speedy => "速裁",
            Procedure::Special => "特别",
            Procedure::Other => "其他",
            Procedure::AgainstJudgment => "判决",
            Procedure::AgainstRuling => "裁定",
            Procedure::PrivateProsecution => "自诉",
            Procedure::NonLitigation => "非诉",
            Procedure::FirstInstanceRules => "一审程序",
            Procedure::SecondInstanceRules => "二审程序",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Procedure::Ordinary => "ordinary",
            Procedure::Simple => "simple",
            Procedure::SmallClaims => "small_claims",
            Procedure::Speedy => "speedy",
            Procedure::Special => "special",
            Procedure::Other => "other",
            Procedure::AgainstJudgment => "against_judgment",
            Procedure::AgainstRuling => "against_ruling",
            Procedure::PrivateProsecution => "private_prosecution",
            Procedure::NonLitigation => "non_litigation",
            Procedure::FirstInstanceRules => "first_instance_rules",
            Procedure::SecondInstanceRules => "second_instance_rules",
        }
    }

    /// Reads a Chinese label (also with 程序, e.g. `简易程序`) or an English key.
    pub fn parse(text: &str) -> Option<Procedure> {
        let text = text.trim();
        let short = text.strip_suffix("程序").unwrap_or(text);
        Procedure::ALL
            .into_iter()
            .find(|p| p.key() == text || p.label_zh() == text || p.label_zh() == short)
    }
}

impl fmt::Display for Procedure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_zh())
    }
}

/// How sure the table is of a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Certainty {
    /// Stated in a retrieved legal text.
    Stated,
    /// Recalled from the law, not re-checked against a primary text.
    Recalled,
    /// A reading the project chose where the sources are silent or disagree.
    Reading,
    /// Set by the deployment's configuration.
    Configured,
}

impl Certainty {
    pub fn label_zh(self) -> &'static str {
        match self {
            Certainty::Stated => "法律明文规定",
            Certainty::Recalled => "条文以法律正式文本为准，可在配置中修改",
            Certainty::Reading => "本口径为系统采用的解释，可在配置中修改",
            Certainty::Configured => "本院配置",
        }
    }
}

/// One time-limit rule: a type code under a procedure.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeLimitRule {
    pub type_code: &'static str,
    pub procedure: Procedure,
    /// Whether this rule applies when no procedure is given.
    pub is_default: bool,
    /// `None`: the law sets no limit for this type and procedure.
    pub limit: Option<Period>,
    /// The legal basis, in Chinese.
    pub basis: Cow<'static, str>,
    pub certainty: Certainty,
}

/// Why no rule could be chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TimeLimitError {
    UnknownTypeCode(String),
    /// The procedure does not apply to the type code; `allowed` lists those that do.
    ProcedureNotApplicable {
        type_code: String,
        procedure: Procedure,
        allowed: Vec<Procedure>,
    },
}

impl TimeLimitError {
    /// The reason in both languages.
    pub fn text(&self) -> crate::Text {
        match self {
            TimeLimitError::UnknownTypeCode(code) => crate::text!(
                "类型代字“{code}”不在代字标准中",
                "unknown case-type code “{code}”"
            ),
            TimeLimitError::ProcedureNotApplicable {
                type_code,
                procedure,
                allowed,
            } => {
                let zh: Vec<&str> = allowed.iter().map(|p| p.label_zh()).collect();
                let en: Vec<&str> = allowed.iter().map(|p| p.key()).collect();
                let (zh, en) = (zh.join("、"), en.join(", "));
                let key = procedure.key();
                crate::text!(
                    "“{type_code}”案件不适用“{procedure}”，可选：{zh}",
                    "procedure “{key}” does not apply to {type_code}; choose one of: {en}"
                )
            }
        }
    }
}

/// In Chinese, the default language; [`TimeLimitError::text`] has both.
impl fmt::Display for TimeLimitError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().zh())
    }
}

impl std::error::Error for TimeLimitError {}

/// The table of time limits in force for a deployment.
#[derive(Clone, Debug)]
pub struct TimeLimits {
    rules: Vec<TimeLimitRule>,
}

impl Default for TimeLimits {
    fn default() -> Self {
        TimeLimits::standard()
    }
}

impl TimeLimits {
    /// The limits of the laws and SPC rules, with the readings stated in the module comment.
    pub fn standard() -> TimeLimits {
        TimeLimits {
            rules: STANDARD
                .iter()
                .map(|r| TimeLimitRule {
                    type_code: r.0,
                    procedure: r.1,
                    is_default: r.2,
                    limit: r.3,
                    basis: Cow::Borrowed(r.4),
                    certainty: r.5,
                })
                .collect(),
        }
    }

    pub fn rules(&self) -> &[TimeLimitRule] {
        &self.rules
    }

    /// Chooses the rule for a type code and an optional procedure. `Ok(None)`: the type has no
    /// statutory limit at all.
    pub fn rule_for(
        &self,
        type_code: &str,
        procedure: Option<Procedure>,
    ) -> Result<Option<&TimeLimitRule>, TimeLimitError> {
        let case_type = CaseType::lookup(type_code)
            .ok_or_else(|| TimeLimitError::UnknownTypeCode(type_code.to_string()))?;
        let mut candidates = self
            .rules
            .iter()
            .filter(|r| r.type_code == case_type.code)
            .peekable();
        if candidates.peek().is_none() {
            return Ok(None);
        }
        let candidates: Vec<&TimeLimitRule> = candidates.collect();
        let chosen = match procedure {
            None => candidates.iter().find(|r| r.is_default),
            Some(p) => candidates.iter().find(|r| r.procedure == p),
        };
        match chosen {
            Some(rule) => Ok(Some(rule)),
            None => Err(TimeLimitError::ProcedureNotApplicable {
                type_code: case_type.code.to_string(),
                procedure: procedure.unwrap_or(Procedure::Ordinary),
                allowed: candidates.iter().map(|r| r.procedure).collect(),
            }),
        }
    }

    /// Replaces (or adds) the limit of a type code under a procedure, from the configuration.
    /// Without a procedure the type's default rule is replaced; a type that had no rule gets one,
    /// which becomes its default.
    pub fn set(
        &mut self,
        type_code: &str,
        procedure: Option<Procedure>,
        limit: Option<Period>,
    ) -> Result<(), TimeLimitError> {
        let case_type = CaseType::lookup(type_code)
            .ok_or_else(|| TimeLimitError::UnknownTypeCode(type_code.to_string()))?;
        let basis = Cow::Borrowed("本院配置文件");
        let existing = self.rules.iter_mut().find(|r| {
            r.type_code == case_type.code
                && match procedure {
                    Some(p) => r.procedure == p,
                    None => r.is_default,
                }
        });
        if let Some(rule) = existing {
            rule.limit = limit;
            rule.basis = basis;
            rule.certainty = Certainty::Configured;
            return Ok(());
        }
        let is_default = !self.rules.iter().any(|r| r.type_code == case_type.code);
        self.rules.push(TimeLimitRule {
            type_code: case_type.code,
            procedure: procedure.unwrap_or(Procedure::Ordinary),
            is_default,
            limit,
            basis,
            certainty: Certainty::Configured,
        });
        Ok(())
    }
}

use Certainty::{Reading, Recalled, Stated};
use Period::{Days as D, Months as M};
use Procedure as P;

type Row = (
    &'static str,
    Procedure,
    bool,
    Option<Period>,
    &'static str,
    Certainty,
);

#[rustfmt::skip]
static STANDARD: &[Row] = &[
    // Civil (民事诉讼法 2023).
    ("民初", P::Ordinary, true, Some(M(6)), "民事诉讼法第152条：普通程序审理的案件，应当在立案之日起六个月内审结；经本院院长批准可延长六个月", Stated),
    ("民初", P::Simple, false, Some(M(3)), "民事诉讼法第164条：简易程序审理的案件，应当在立案之日起三个月内审结；经本院院长批准可延长一个月", Stated),
    ("民初", P::SmallClaims, false, Some(M(2)), "民事诉讼法第169条：小额诉讼程序审理的案件，应当在立案之日起两个月内审结；经本院院长批准可延长一个月", Recalled),
    ("民撤", P::Ordinary, true, Some(M(6)), "第三人撤销之诉适用普通程序（民事诉讼法第152条）", Recalled),
    ("民特", P::Special, true, Some(D(30)), "民事诉讼法第187条：特别程序审理的案件，应当在立案之日起三十日内或者公告期满后三十日内审结", Stated),
    ("民督", P::Special, true, Some(D(15)), "民事诉讼法第223条：受理支付令申请之日起十五日内向债务人发出支付令或裁定驳回", Recalled),
    ("民终", P::AgainstJudgment, true, Some(M(3)), "民事诉讼法第183条：对判决的上诉案件，应当在第二审立案之日起三个月内审结", Stated),
    ("民终", P::AgainstRuling, false, Some(D(30)), "民事诉讼法第183条：对裁定的上诉案件，应当在第二审立案之日起三十日内作出终审裁定", Stated),
    ("民辖终", P::AgainstRuling, true, Some(D(30)), "管辖权异议裁定的上诉，按对裁定的上诉（民事诉讼法第183条）", Reading),
    ("民申", P::Ordinary, true, Some(M(3)), "民事诉讼法第215条：收到再审申请书之日起三个月内审查", Stated),
    ("民监", P::Ordinary, true, Some(M(3)), "依职权再审审查，参照再审申请审查期限（民事诉讼法第215条）", Reading),
    ("民抗", P::Ordinary, true, Some(D(30)), "民事诉讼法第222条：自收到抗诉书之日起三十日内作出再审的裁定", Recalled),
    ("民再", P::SecondInstanceRules, true, Some(M(3)), "再审按第二审程序审理的，适用二审审限（民事诉讼法第218条、第183条）", Reading),
    ("民再", P::FirstInstanceRules, false, Some(M(6)), "再审按第一审程序审理的，适用一审普通程序审限（民事诉讼法第218条、第152条）", Stated),
    ("破终", P::AgainstRuling, true, Some(D(30)), "破产案件中裁定的上诉，按对裁定的上诉（民事诉讼法第183条）", Reading),
    ("清终", P::AgainstRuling, true, Some(D(30)), "强制清算案件中裁定的上诉，按对裁定的上诉（民事诉讼法第183条）", Reading),
    ("破申", P::Ordinary, true, Some(D(15)), "企业破产法第10条：自收到破产申请之日起十五日内裁定是否受理", Recalled),
    // Criminal (刑事诉讼法 2018).
    ("刑初", P::Ordinary, true, Some(M(2)), "刑事诉讼法第208条：公诉案件应当在受理后二个月以内宣判，至迟不得超过三个月", Stated),
    ("刑初", P::Simple, false, Some(D(20)), "刑事诉讼法第220条：简易程序应当在受理后二十日以内审结；可能判处有期徒刑超过三年的，可以延长至一个半月", Stated),
    ("刑初", P::Speedy, false, Some(D(10)), "刑事诉讼法第225条：速裁程序应当在受理后十日以内审结；可能判处有期徒刑超过一年的，可以延长至十五日", Stated),
    ("刑初", P::PrivateProsecution, false, Some(M(6)), "刑事诉讼法第212条：被告人未被羁押的自诉案件，应当在受理后六个月以内宣判", Stated),
    ("刑终", P::Ordinary, true, Some(M(2)), "刑事诉讼法第243条：第二审应当在二个月以内审结", Stated),
    ("刑再", P::Ordinary, true, Some(M(3)), "刑事诉讼法第258条：自决定再审之日起三个月以内审结，需要延长的不得超过六个月", Stated),
    ("刑申", P::Ordinary, true, Some(M(3)), "最高人民法院关于适用刑事诉讼法的解释：申诉应当在三个月以内作出决定，至迟不得超过六个月", Recalled),
    ("刑监", P::Ordinary, true, Some(M(3)), "依职权再审审查，参照申诉审查期限", Reading),
    ("刑抗", P::Ordinary, true, Some(M(1)), "刑事诉讼法第258条：接受抗诉的法院需要指令下级法院再审的，应当自接受抗诉之日起一个月以内作出决定", Stated),
    ("刑更", P::Ordinary, true, Some(M(1)), "最高人民法院关于减刑、假释案件审理程序的规定：收到执行机关提请之日起一个月内裁定，复杂的可延长一个月", Recalled),
    ("刑医", P::Ordinary, true, Some(M(1)), "刑事诉讼法第304条：受理强制医疗申请后一个月以内作出决定", Recalled),
    // Administrative (行政诉讼法 2017).
    ("行初", P::Ordinary, true, Some(M(6)), "行政诉讼法第81条：应当在立案之日起六个月内作出第一审判决", Stated),
    ("行初", P::Simple, false, Some(D(45)), "行政诉讼法第83条：简易程序应当在立案之日起四十五日内审结", Stated),
    ("行终", P::AgainstJudgment, true, Some(M(3)), "行政诉讼法第88条：应当在收到上诉状之日起三个月内作出终审判决", Stated),
    ("行终", P::AgainstRuling, false, Some(D(30)), "对裁定的上诉，参照民事诉讼法第183条", Reading),
    ("行辖终", P::AgainstRuling, true, Some(D(30)), "管辖裁定的上诉，按对裁定的上诉", Reading),
    ("行申", P::Ordinary, true, Some(M(3)), "最高人民法院关于适用行政诉讼法的解释：再审申请自收到之日起三个月内审查", Recalled),
    ("行再", P::SecondInstanceRules, true, Some(M(3)), "再审按第二审程序审理的，适用二审审限（行政诉讼法第88条）", Reading),
    ("行再", P::FirstInstanceRules, false, Some(M(6)), "再审按第一审程序审理的，适用一审审限（行政诉讼法第81条）", Reading),
    ("行审", P::Ordinary, true, Some(D(30)), "最高人民法院关于适用行政诉讼法的解释第160条：受理之日起三十日内作出是否准予执行的裁定", Recalled),
    ("行赔初", P::Ordinary, true, Some(M(6)), "行政赔偿一审适用行政诉讼法第81条", Recalled),
    ("行赔终", P::AgainstJudgment, true, Some(M(3)), "行政赔偿二审适用行政诉讼法第88条", Recalled),
    // State compensation (国家赔偿法).
    ("法赔", P::Ordinary, true, Some(M(2)), "国家赔偿法第23条：赔偿义务机关应当自收到申请之日起两个月内作出决定", Recalled),
    ("委赔", P::Ordinary, true, Some(M(3)), "国家赔偿法第28条：赔偿委员会应当自收到申请之日起三个月内作出决定，可延长三个月", Recalled),
    // Judicial sanctions (关于严格执行案件审理期限制度的若干规定 2000/2008).
    ("司惩复", P::Ordinary, true, Some(D(5)), "关于严格执行案件审理期限制度的若干规定：对罚款、拘留决定的复议应当在五日内作出决定", Stated),
    // Enforcement (关于人民法院办理执行案件若干期限的规定 2006).
    ("执", P::Ordinary, true, Some(M(6)), "关于人民法院办理执行案件若干期限的规定第1条：被执行人有财产可供执行的案件，一般应当在立案之日起六个月内执结", Stated),
    ("执", P::NonLitigation, false, Some(M(3)), "关于人民法院办理执行案件若干期限的规定第1条：非诉执行案件一般应当在立案之日起三个月内执结", Stated),
    ("执恢", P::Ordinary, true, Some(M(6)), "恢复执行案件适用执行期限（关于人民法院办理执行案件若干期限的规定第1条）", Reading),
    ("执恢", P::NonLitigation, false, Some(M(3)), "非诉执行的恢复执行，适用非诉执行期限", Reading),
    ("执异", P::Ordinary, true, Some(D(15)), "民事诉讼法第236条：自收到书面异议之日起十五日内审查", Recalled),
    ("执复", P::Ordinary, true, Some(D(30)), "最高人民法院关于人民法院办理执行异议和复议案件若干问题的规定：收到复议申请之日起三十日内审查完毕，可延长三十日", Recalled),
];

#[cfg(test)]
mod tests;
