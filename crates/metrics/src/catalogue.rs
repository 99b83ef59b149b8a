//! The indicator catalogue: every indicator defined once — stable code, names, formula in words,
//! unit, which direction is better, the default reference range (a target where one is
//! published; the SPC's reasonable ranges are not, so the network sets them in its config), the
//! cases it applies to, its source — and the formula over the counters of `counters`.
//!
//! Sources name the published systems an indicator comes from (the SPC's 2011 case-quality
//! assessment and 2024 trial-quality system, the enforcement targets, CourTools, CEPEJ); what each
//! is and where this system chose a reading is in `docs/indicators.md`. Readings marked
//! "reading" (口径) are this project's where the published definition is not exact.
//!
//! Of the enforcement targets 四个90%、一个80%, case data supports the first (有财产可供执行案件法定
//! 期限内实际执结率), the second (终本合格率, from the 终本 checklist of each case's events and the
//! reviewers' findings) and the fifth (近三年执行案件整体执结率). The third (执行信访办结率) needs
//! petition records and the fourth is the share of courts meeting the others: `targets` puts the
//! five together per court. Indicators that
//! need data the canonical files do not carry (陪审率, 当庭宣判率, 法官人均结案数 without a staff
//! list, 诉前调解分流率) are left out for the same reason.
//!
//! The 送达 family counts service tasks (a document to a recipient), mailed items and, for
//! 公告送达率, cases; a task is read as it stood at the end of the period asked (`service`).

use crate::counters::{Flow as F, Stock as S};
use crate::petitions::{Measure as M, PetitionValue as P};

/// How a value is expressed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A number of cases (件).
    Cases,
    Percent,
    Days,
    /// A ratio x : 1.
    Ratio,
    /// An amount of money, in yuan (元).
    Yuan,
}

impl Unit {
    pub fn label_zh(self) -> &'static str {
        match self {
            Unit::Cases => "件",
            Unit::Percent => "%",
            Unit::Days => "天",
            Unit::Ratio => "",
            Unit::Yuan => "元",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Unit::Cases => "cases",
            Unit::Percent => "%",
            Unit::Days => "days",
            Unit::Ratio => "",
            Unit::Yuan => "yuan",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Unit::Cases => "cases",
            Unit::Percent => "percent",
            Unit::Days => "days",
            Unit::Ratio => "ratio",
            Unit::Yuan => "yuan",
        }
    }
}

/// Which way is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Higher,
    Lower,
    /// Neither: a volume, or a value judged only against its range.
    Neutral,
}

impl Direction {
    pub fn key(self) -> &'static str {
        match self {
            Direction::Higher => "higher",
            Direction::Lower => "lower",
            Direction::Neutral => "neutral",
        }
    }
}

/// The indicator's family, as the catalogue and the pages group them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Family {
    Volume,
    Efficiency,
    Quality,
    Enforcement,
    International,
    /// 信访: counted from the petition register, not from the cases.
    Petitions,
    /// 案件评查: the reviewed cases, dated by the review's decision.
    Review,
    /// 送达: service tasks, mailed items and the cases they serve (`crate::service`).
    Service,
}

impl Family {
    pub fn label_zh(self) -> &'static str {
        match self {
            Family::Volume => "收结存",
            Family::Efficiency => "效率",
            Family::Quality => "质量与效果",
            Family::Enforcement => "执行",
            Family::International => "国际通行指标",
            Family::Petitions => "信访",
            Family::Review => "案件评查",
            Family::Service => "送达",
        }
    }
}

/// How the value is computed from the counters of a group and period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Formula {
    /// A flow counter's total.
    Count(F),
    /// A stock at the end of the period.
    AtEnd(S),
    /// A stock at the start of the period (the day before it).
    AtStart(S),
    /// 受理 = 新收 + 旧存.
    Accepted,
    /// numerator ÷ denominator × 100.
    Percent(F, F),
    /// 100 − numerator ÷ denominator × 100.
    PercentNot(F, F),
    /// A stock at the end ÷ 受理 × 100.
    PercentOfAccepted(S),
    /// A flow ÷ 受理 × 100.
    FlowOfAccepted(F),
    /// A stock at the end ÷ another stock at the end × 100.
    StockPercent(S, S),
    /// Σ ÷ count.
    Mean(F, F),
    /// numerator ÷ denominator.
    Ratio(F, F),
    /// CEPEJ: days in the period × pending at the end ÷ closed.
    DispositionTime,
    /// CEPEJ: closed ÷ pending at the end.
    Turnover,
    /// 结案均衡度: (1 − σ ÷ μ) × 100 of the closed count per month of the period.
    Balance,
    /// Average age in days of the cases pending at the end.
    PendingAge,
    /// From the petition register (`petitions`).
    Petition(crate::petitions::PetitionValue),
}

/// One indicator.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Indicator {
    pub code: &'static str,
    pub name_zh: &'static str,
    pub name_en: &'static str,
    pub family: Family,
    pub unit: Unit,
    pub better: Direction,
    pub formula: Formula,
    /// The formula in words, Chinese then English.
    pub definition: &'static str,
    /// The cases it applies to.
    pub applies_to: &'static str,
    pub source: &'static str,
    /// The default reference range (low, high); `None` ends are open. Published targets only.
    pub range: (Option<f64>, Option<f64>),
    /// In the set computed when no indicator is named.
    pub core: bool,
}

impl Indicator {
    /// The formula in words, in one language.
    pub fn definition_in(&self, lang: shenguan_domain::Lang) -> &'static str {
        one_language(self.definition, lang)
    }

    /// The cases it applies to, in one language.
    pub fn applies_to_in(&self, lang: shenguan_domain::Lang) -> &'static str {
        one_language(self.applies_to, lang)
    }

    /// Where its definition comes from, in one language.
    pub fn source_in(&self, lang: shenguan_domain::Lang) -> &'static str {
        one_language(self.source, lang)
    }
    /// Whether the value depends on appeals of the first instances it counts: undefined where
    /// the court hearing them has no case in the data, and provisional until appeals lodged
    /// against the period's closings have had time to reach the data.
    pub fn depends_on_appeals(&self) -> bool {
        matches!(
            self.formula,
            Formula::Percent(F::Appealed | F::ReversedOnAppeal | F::RemandedOnAppeal, _)
                | Formula::PercentNot(F::FirstInstanceContested, _)
        )
    }
}

/// One language of a catalogue text written "中文; English" (the whole text when it has only one).
fn one_language(text: &'static str, lang: shenguan_domain::Lang) -> &'static str {
    match (text.split_once("; "), lang) {
        (Some((zh, _)), shenguan_domain::Lang::Zh) => zh,
        (Some((_, en)), shenguan_domain::Lang::En) => en,
        (None, _) => text,
    }
}

const NO_RANGE: (Option<f64>, Option<f64>) = (None, None);

macro_rules! indicator {
    ($code:literal, $zh:literal, $en:literal, $family:ident, $unit:ident, $better:ident,
     $formula:expr, $definition:expr, $applies:expr, $source:expr, $range:expr, $core:literal) => {
        Indicator {
            code: $code,
            name_zh: $zh,
            name_en: $en,
            family: Family::$family,
            unit: Unit::$unit,
            better: Direction::$better,
            formula: $formula,
            definition: $definition,
            applies_to: $applies,
            source: $source,
            range: $range,
            core: $core,
        }
    };
}

const ALL_CASES: &str = "全部案件; all cases";
const SERVICE_TASKS: &str =
    "送达任务（一份文书对一名受送达人）; service tasks (one document to one recipient)";
const MAILED: &str = "邮寄送达件（每次邮寄）; mailed items (each mailing)";
const COUNTING: &str = "收结存的通行口径（最高人民法院审判质量管理指标体系及各地法院统计规则）; the usual counting rules of court statistics";

/// An indicator's code, as the program itself names one: a typo in a list of codes (a report's
/// columns, a page's cards) is a compile error, not a column silently missing. What users type
/// (`--indicators`, `indicators=`) is looked up by text with [`indicator`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum IndicatorCode {
    New,
    CarriedOver,
    Accepted,
    Closed,
    Pending,
    CloseToNewRatio,
    ClosureRate,
    WithinLimitRate,
    WithinNormalLimitRate,
    AvgTrialDays,
    LongPending12m,
    LongPending18m,
    LongPending36m,
    PendingOverLimit,
    LongPending12mRatio,
    LongPending18mRatio,
    LongPending36mRatio,
    ExtensionRate,
    BalancedClosing,
    AppealTransferDays,
    AppealRate,
    FirstInstanceReversalRate,
    FirstInstanceRemandRate,
    ReversalToRemand,
    RetrialReversalToRemand,
    SecondInstanceHearingRate,
    RetrialApplicationRate,
    MediationRate,
    MediationWithdrawalRate,
    FirstInstanceAcceptanceRate,
    CaseMatterRatio,
    CivilEnforcementApplicationRate,
    SimpleProcedureRate,
    EnforcementCompletionRate,
    ZhongbenRate,
    EnforcementRecoveryRate,
    ActualEnforcementRate,
    PropertyWithinLimitRate,
    ZhongbenComplianceRate,
    ThreeYearEnforcementRate,
    ClearanceRate,
    TimeToDisposition1,
    TimeToDisposition2,
    TimeToDisposition3,
    PendingAgeUnder6m,
    PendingAge612m,
    PendingAge1224m,
    PendingAgeOver24m,
    PendingAvgAgeDays,
    CepejClearanceRate,
    DispositionTimeDays,
    CaseTurnoverRatio,
    Petitions,
    PetitionPersons,
    PetitionVisits,
    GroupVisits,
    PetitionsToProvince,
    PetitionsToBeijing,
    PetitionsToCircuit,
    RepeatPetitionRate,
    LitigationRoutedRate,
    EnforcementPetitions,
    EnforcementPetitionsConcluded,
    EnforcementPetitionCompletionRate,
    PetitionsBecameOld,
    PetitionBacklog,
    BacklogResolutionRate,
    PetitionCaseRatio,
    AssistanceApplications,
    AssistanceGranted,
    AssistanceAmount,
    AssistancePerGrant,
    AssistanceQuietRate,
    ReviewedCases,
    ReviewProblemCases,
    ReviewErrorCases,
    ReviewProblemRate,
    ReviewErrorRate,
    ReviewDays,
    KeyReviewedCases,
    KeyReviewProblemCases,
    KeyReviewErrorCases,
    ServiceTasks,
    ServiceSuccessRate,
    ServiceFirstSuccessRate,
    ServiceDays,
    ElectronicServiceRate,
    NoticeServiceRate,
    PostalDeliveryRate,
    PostalRefusalRate,
    AddressUnknownRate,
    ElectronicWithoutConsent,
}

impl std::fmt::Display for IndicatorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.key())
    }
}

impl IndicatorCode {
    /// Every code, in the catalogue's order.
    pub const ALL: [IndicatorCode; 92] = [
        IndicatorCode::New,
        IndicatorCode::CarriedOver,
        IndicatorCode::Accepted,
        IndicatorCode::Closed,
        IndicatorCode::Pending,
        IndicatorCode::CloseToNewRatio,
        IndicatorCode::ClosureRate,
        IndicatorCode::WithinLimitRate,
        IndicatorCode::WithinNormalLimitRate,
        IndicatorCode::AvgTrialDays,
        IndicatorCode::LongPending12m,
        IndicatorCode::LongPending18m,
        IndicatorCode::LongPending36m,
        IndicatorCode::PendingOverLimit,
        IndicatorCode::LongPending12mRatio,
        IndicatorCode::LongPending18mRatio,
        IndicatorCode::LongPending36mRatio,
        IndicatorCode::ExtensionRate,
        IndicatorCode::BalancedClosing,
        IndicatorCode::AppealTransferDays,
        IndicatorCode::AppealRate,
        IndicatorCode::FirstInstanceReversalRate,
        IndicatorCode::FirstInstanceRemandRate,
        IndicatorCode::ReversalToRemand,
        IndicatorCode::RetrialReversalToRemand,
        IndicatorCode::SecondInstanceHearingRate,
        IndicatorCode::RetrialApplicationRate,
        IndicatorCode::MediationRate,
        IndicatorCode::MediationWithdrawalRate,
        IndicatorCode::FirstInstanceAcceptanceRate,
        IndicatorCode::CaseMatterRatio,
        IndicatorCode::CivilEnforcementApplicationRate,
        IndicatorCode::SimpleProcedureRate,
        IndicatorCode::EnforcementCompletionRate,
        IndicatorCode::ZhongbenRate,
        IndicatorCode::EnforcementRecoveryRate,
        IndicatorCode::ActualEnforcementRate,
        IndicatorCode::PropertyWithinLimitRate,
        IndicatorCode::ZhongbenComplianceRate,
        IndicatorCode::ThreeYearEnforcementRate,
        IndicatorCode::ClearanceRate,
        IndicatorCode::TimeToDisposition1,
        IndicatorCode::TimeToDisposition2,
        IndicatorCode::TimeToDisposition3,
        IndicatorCode::PendingAgeUnder6m,
        IndicatorCode::PendingAge612m,
        IndicatorCode::PendingAge1224m,
        IndicatorCode::PendingAgeOver24m,
        IndicatorCode::PendingAvgAgeDays,
        IndicatorCode::CepejClearanceRate,
        IndicatorCode::DispositionTimeDays,
        IndicatorCode::CaseTurnoverRatio,
        IndicatorCode::Petitions,
        IndicatorCode::PetitionPersons,
        IndicatorCode::PetitionVisits,
        IndicatorCode::GroupVisits,
        IndicatorCode::PetitionsToProvince,
        IndicatorCode::PetitionsToBeijing,
        IndicatorCode::PetitionsToCircuit,
        IndicatorCode::RepeatPetitionRate,
        IndicatorCode::LitigationRoutedRate,
        IndicatorCode::EnforcementPetitions,
        IndicatorCode::EnforcementPetitionsConcluded,
        IndicatorCode::EnforcementPetitionCompletionRate,
        IndicatorCode::PetitionsBecameOld,
        IndicatorCode::PetitionBacklog,
        IndicatorCode::BacklogResolutionRate,
        IndicatorCode::PetitionCaseRatio,
        IndicatorCode::AssistanceApplications,
        IndicatorCode::AssistanceGranted,
        IndicatorCode::AssistanceAmount,
        IndicatorCode::AssistancePerGrant,
        IndicatorCode::AssistanceQuietRate,
        IndicatorCode::ReviewedCases,
        IndicatorCode::ReviewProblemCases,
        IndicatorCode::ReviewErrorCases,
        IndicatorCode::ReviewProblemRate,
        IndicatorCode::ReviewErrorRate,
        IndicatorCode::ReviewDays,
        IndicatorCode::KeyReviewedCases,
        IndicatorCode::KeyReviewProblemCases,
        IndicatorCode::KeyReviewErrorCases,
        IndicatorCode::ServiceTasks,
        IndicatorCode::ServiceSuccessRate,
        IndicatorCode::ServiceFirstSuccessRate,
        IndicatorCode::ServiceDays,
        IndicatorCode::ElectronicServiceRate,
        IndicatorCode::NoticeServiceRate,
        IndicatorCode::PostalDeliveryRate,
        IndicatorCode::PostalRefusalRate,
        IndicatorCode::AddressUnknownRate,
        IndicatorCode::ElectronicWithoutConsent,
    ];

    /// The code as files, the API and the catalogue write it.
    pub const fn key(self) -> &'static str {
        match self {
            IndicatorCode::New => "new",
            IndicatorCode::CarriedOver => "carried_over",
            IndicatorCode::Accepted => "accepted",
            IndicatorCode::Closed => "closed",
            IndicatorCode::Pending => "pending",
            IndicatorCode::CloseToNewRatio => "close_to_new_ratio",
            IndicatorCode::ClosureRate => "closure_rate",
            IndicatorCode::WithinLimitRate => "within_limit_rate",
            IndicatorCode::WithinNormalLimitRate => "within_normal_limit_rate",
            IndicatorCode::AvgTrialDays => "avg_trial_days",
            IndicatorCode::LongPending12m => "long_pending_12m",
            IndicatorCode::LongPending18m => "long_pending_18m",
            IndicatorCode::LongPending36m => "long_pending_36m",
            IndicatorCode::PendingOverLimit => "pending_over_limit",
            IndicatorCode::LongPending12mRatio => "long_pending_12m_ratio",
            IndicatorCode::LongPending18mRatio => "long_pending_18m_ratio",
            IndicatorCode::LongPending36mRatio => "long_pending_36m_ratio",
            IndicatorCode::ExtensionRate => "extension_rate",
            IndicatorCode::BalancedClosing => "balanced_closing",
            IndicatorCode::AppealTransferDays => "appeal_transfer_days",
            IndicatorCode::AppealRate => "appeal_rate",
            IndicatorCode::FirstInstanceReversalRate => "first_instance_reversal_rate",
            IndicatorCode::FirstInstanceRemandRate => "first_instance_remand_rate",
            IndicatorCode::ReversalToRemand => "reversal_to_remand",
            IndicatorCode::RetrialReversalToRemand => "retrial_reversal_to_remand",
            IndicatorCode::SecondInstanceHearingRate => "second_instance_hearing_rate",
            IndicatorCode::RetrialApplicationRate => "retrial_application_rate",
            IndicatorCode::MediationRate => "mediation_rate",
            IndicatorCode::MediationWithdrawalRate => "mediation_withdrawal_rate",
            IndicatorCode::FirstInstanceAcceptanceRate => "first_instance_acceptance_rate",
            IndicatorCode::CaseMatterRatio => "case_matter_ratio",
            IndicatorCode::CivilEnforcementApplicationRate => "civil_enforcement_application_rate",
            IndicatorCode::SimpleProcedureRate => "simple_procedure_rate",
            IndicatorCode::EnforcementCompletionRate => "enforcement_completion_rate",
            IndicatorCode::ZhongbenRate => "zhongben_rate",
            IndicatorCode::EnforcementRecoveryRate => "enforcement_recovery_rate",
            IndicatorCode::ActualEnforcementRate => "actual_enforcement_rate",
            IndicatorCode::PropertyWithinLimitRate => "property_within_limit_rate",
            IndicatorCode::ZhongbenComplianceRate => "zhongben_compliance_rate",
            IndicatorCode::ThreeYearEnforcementRate => "three_year_enforcement_rate",
            IndicatorCode::ClearanceRate => "clearance_rate",
            IndicatorCode::TimeToDisposition1 => "time_to_disposition_1",
            IndicatorCode::TimeToDisposition2 => "time_to_disposition_2",
            IndicatorCode::TimeToDisposition3 => "time_to_disposition_3",
            IndicatorCode::PendingAgeUnder6m => "pending_age_under_6m",
            IndicatorCode::PendingAge612m => "pending_age_6_12m",
            IndicatorCode::PendingAge1224m => "pending_age_12_24m",
            IndicatorCode::PendingAgeOver24m => "pending_age_over_24m",
            IndicatorCode::PendingAvgAgeDays => "pending_avg_age_days",
            IndicatorCode::CepejClearanceRate => "cepej_clearance_rate",
            IndicatorCode::DispositionTimeDays => "disposition_time_days",
            IndicatorCode::CaseTurnoverRatio => "case_turnover_ratio",
            IndicatorCode::Petitions => "petitions",
            IndicatorCode::PetitionPersons => "petition_persons",
            IndicatorCode::PetitionVisits => "petition_visits",
            IndicatorCode::GroupVisits => "group_visits",
            IndicatorCode::PetitionsToProvince => "petitions_to_province",
            IndicatorCode::PetitionsToBeijing => "petitions_to_beijing",
            IndicatorCode::PetitionsToCircuit => "petitions_to_circuit",
            IndicatorCode::RepeatPetitionRate => "repeat_petition_rate",
            IndicatorCode::LitigationRoutedRate => "litigation_routed_rate",
            IndicatorCode::EnforcementPetitions => "enforcement_petitions",
            IndicatorCode::EnforcementPetitionsConcluded => "enforcement_petitions_concluded",
            IndicatorCode::EnforcementPetitionCompletionRate => {
                "enforcement_petition_completion_rate"
            }
            IndicatorCode::PetitionsBecameOld => "petitions_became_old",
            IndicatorCode::PetitionBacklog => "petition_backlog",
            IndicatorCode::BacklogResolutionRate => "backlog_resolution_rate",
            IndicatorCode::PetitionCaseRatio => "petition_case_ratio",
            IndicatorCode::AssistanceApplications => "assistance_applications",
            IndicatorCode::AssistanceGranted => "assistance_granted",
            IndicatorCode::AssistanceAmount => "assistance_amount",
            IndicatorCode::AssistancePerGrant => "assistance_per_grant",
            IndicatorCode::AssistanceQuietRate => "assistance_quiet_rate",
            IndicatorCode::ReviewedCases => "reviewed_cases",
            IndicatorCode::ReviewProblemCases => "review_problem_cases",
            IndicatorCode::ReviewErrorCases => "review_error_cases",
            IndicatorCode::ReviewProblemRate => "review_problem_rate",
            IndicatorCode::ReviewErrorRate => "review_error_rate",
            IndicatorCode::ReviewDays => "review_days",
            IndicatorCode::KeyReviewedCases => "key_reviewed_cases",
            IndicatorCode::KeyReviewProblemCases => "key_review_problem_cases",
            IndicatorCode::KeyReviewErrorCases => "key_review_error_cases",
            IndicatorCode::ServiceTasks => "service_tasks",
            IndicatorCode::ServiceSuccessRate => "service_success_rate",
            IndicatorCode::ServiceFirstSuccessRate => "service_first_success_rate",
            IndicatorCode::ServiceDays => "service_days",
            IndicatorCode::ElectronicServiceRate => "electronic_service_rate",
            IndicatorCode::NoticeServiceRate => "notice_service_rate",
            IndicatorCode::PostalDeliveryRate => "postal_delivery_rate",
            IndicatorCode::PostalRefusalRate => "postal_refusal_rate",
            IndicatorCode::AddressUnknownRate => "address_unknown_rate",
            IndicatorCode::ElectronicWithoutConsent => "electronic_without_consent",
        }
    }

    /// The catalogue's entry (every code has one: `every_code_is_in_the_catalogue`).
    pub fn indicator(self) -> &'static Indicator {
        CATALOGUE
            .iter()
            .find(|i| i.code == self.key())
            .unwrap_or(&CATALOGUE[0])
    }
}

/// The catalogue, in display order.
pub static CATALOGUE: &[Indicator] = &[
    // ── Volumes ──────────────────────────────────────────────────────────────────────────────
    indicator!(
        "new",
        "新收",
        "new cases",
        Volume,
        Cases,
        Neutral,
        Formula::Count(F::New),
        "立案日期在期间内的案件数; cases filed in the period",
        ALL_CASES,
        COUNTING,
        NO_RANGE,
        true
    ),
    indicator!(
        "carried_over",
        "旧存",
        "carried over",
        Volume,
        Cases,
        Neutral,
        Formula::AtStart(S::Pending),
        "期间开始前立案、期间开始时未结的案件数; cases filed before the period and not closed before it",
        ALL_CASES,
        COUNTING,
        NO_RANGE,
        true
    ),
    indicator!(
        "accepted",
        "受理",
        "caseload",
        Volume,
        Cases,
        Neutral,
        Formula::Accepted,
        "新收 + 旧存; new + carried over",
        ALL_CASES,
        COUNTING,
        NO_RANGE,
        true
    ),
    indicator!(
        "closed",
        "结案",
        "closed",
        Volume,
        Cases,
        Neutral,
        Formula::Count(F::Closed),
        "结案日期在期间内的案件数; cases closed in the period",
        ALL_CASES,
        COUNTING,
        NO_RANGE,
        true
    ),
    indicator!(
        "pending",
        "未结",
        "pending",
        Volume,
        Cases,
        Neutral,
        Formula::AtEnd(S::Pending),
        "期间结束时已立案未结的案件数; cases filed by the end of the period and not closed by it",
        ALL_CASES,
        COUNTING,
        NO_RANGE,
        true
    ),
    // ── Efficiency ───────────────────────────────────────────────────────────────────────────
    indicator!(
        "close_to_new_ratio",
        "结收比",
        "closed to new",
        Efficiency,
        Percent,
        Higher,
        Formula::Percent(F::Closed, F::New),
        "结案 ÷ 新收 × 100%; closed ÷ new × 100",
        ALL_CASES,
        "最高人民法院审判质量管理指标体系（2024）；例：汪清县人民法院2019年上半年指标，140 ÷ 152 = 92.12%",
        NO_RANGE,
        true
    ),
    indicator!(
        "closure_rate",
        "结案率",
        "closure rate",
        Efficiency,
        Percent,
        Higher,
        Formula::FlowOfAccepted(F::Closed),
        "结案 ÷ 受理 × 100%; closed ÷ (new + carried over) × 100",
        ALL_CASES,
        "最高人民法院案件质量评估指标体系（法〔2011〕55号）；最高人民法院审判质量管理指标体系（2024）；例：汪清县人民法院2019年上半年指标，93 ÷ 109 = 85.32%",
        NO_RANGE,
        true
    ),
    indicator!(
        "within_limit_rate",
        "法定审限内结案率",
        "closed within the statutory limit",
        Efficiency,
        Percent,
        Higher,
        Formula::Percent(F::WithinLimit, F::ClosedWithDeadline),
        "结案日期不晚于审限届满日（含延长、扣除）的结案 ÷ 有法定审限的结案 × 100%; closed on or before the deadline (extensions and excluded days included) ÷ closed cases that have a statutory deadline × 100",
        "有法定审限的案件; case types with a statutory limit",
        "最高人民法院审判质量管理指标体系（2024）（审限内结案率）",
        NO_RANGE,
        true
    ),
    indicator!(
        "within_normal_limit_rate",
        "正常审限内结案率",
        "closed within the normal limit",
        Efficiency,
        Percent,
        Higher,
        Formula::Percent(F::WithinNormalLimit, F::ClosedWithDeadline),
        "未延长审限且在审限内结案 ÷ 有法定审限的结案 × 100%; closed within the limit without an extension ÷ closed cases with a statutory deadline × 100",
        "有法定审限的案件; case types with a statutory limit",
        "最高人民法院案件质量评估指标体系（法〔2011〕55号）；最高人民法院审判质量管理指标体系（2024）",
        NO_RANGE,
        true
    ),
    indicator!(
        "avg_trial_days",
        "平均审理天数",
        "average trial days",
        Efficiency,
        Days,
        Lower,
        Formula::Mean(F::TrialDays, F::Closed),
        "Σ(结案日期 − 立案日期 − 扣除审限天数) ÷ 结案; mean of closed − filed − excluded days over cases closed",
        ALL_CASES,
        "最高人民法院案件质量评估指标体系（法〔2011〕55号）（平均审理时间）；最高人民法院审判质量管理指标体系（2024）（平均结案时间）",
        NO_RANGE,
        true
    ),
    indicator!(
        "long_pending_12m",
        "超12个月未结",
        "pending over 12 months",
        Efficiency,
        Cases,
        Lower,
        Formula::AtEnd(S::Older12),
        "期末未结且立案日期早于期末前12个月（月末对齐）的案件数; pending at the end, filed before the end less 12 calendar months (month ends clamped)",
        ALL_CASES,
        "最高人民法院审判质量管理指标体系（2024）（超12个月未结案件比）",
        NO_RANGE,
        true
    ),
    indicator!(
        "long_pending_18m",
        "超18个月未结",
        "pending over 18 months",
        Efficiency,
        Cases,
        Lower,
        Formula::AtEnd(S::Older18),
        "期末未结且立案超过18个月的案件数; pending at the end, filed more than 18 calendar months before",
        ALL_CASES,
        "地方法院长期未结案件管理（18个月）",
        NO_RANGE,
        true
    ),
    indicator!(
        "long_pending_36m",
        "超36个月未结",
        "pending over 36 months",
        Efficiency,
        Cases,
        Lower,
        Formula::AtEnd(S::Older36),
        "期末未结且立案超过36个月的案件数; pending at the end, filed more than 36 calendar months before",
        ALL_CASES,
        "最高人民法院审判质量管理指标体系（2024）（未结1年、2年、3年以上案件）",
        NO_RANGE,
        true
    ),
    indicator!(
        "pending_over_limit",
        "超审限未结",
        "pending past the limit",
        Efficiency,
        Cases,
        Lower,
        Formula::AtEnd(S::OverLimit),
        "期末未结且已过审限届满日（含延长、扣除）的案件数; pending at the end and past the deadline (extensions and excluded days included)",
        "有法定审限的案件; case types with a statutory limit",
        "最高人民法院审判质量管理指标体系（2024）（审限内结案率所依据的审限）",
        NO_RANGE,
        false
    ),
    indicator!(
        "long_pending_12m_ratio",
        "超12个月未结案件比",
        "share pending over 12 months",
        Efficiency,
        Percent,
        Lower,
        Formula::PercentOfAccepted(S::Older12),
        "超12个月未结 ÷ 受理 × 100%（口径：分母取受理数，因公布值仅约0.1%）; pending over 12 months ÷ caseload × 100 (reading: the published 0.109% suggests all cases handled, not pending cases)",
        ALL_CASES,
        "最高人民法院审判质量管理指标体系（2024）（本系统的口径）",
        NO_RANGE,
        true
    ),
    indicator!(
        "long_pending_18m_ratio",
        "超18个月未结案件比",
        "share pending over 18 months",
        Efficiency,
        Percent,
        Lower,
        Formula::PercentOfAccepted(S::Older18),
        "超18个月未结 ÷ 受理 × 100%; pending over 18 months ÷ caseload × 100",
        ALL_CASES,
        "最高人民法院审判质量管理指标体系（2024）（本系统的口径）",
        NO_RANGE,
        false
    ),
    indicator!(
        "long_pending_36m_ratio",
        "超36个月未结案件比",
        "share pending over 36 months",
        Efficiency,
        Percent,
        Lower,
        Formula::PercentOfAccepted(S::Older36),
        "超36个月未结 ÷ 受理 × 100%; pending over 36 months ÷ caseload × 100",
        ALL_CASES,
        "最高人民法院审判质量管理指标体系（2024）（本系统的口径）",
        NO_RANGE,
        false
    ),
    indicator!(
        "extension_rate",
        "延长审限率",
        "extension rate",
        Efficiency,
        Percent,
        Lower,
        Formula::Percent(F::Extended, F::ClosedWithDeadline),
        "经批准延长审限的结案 ÷ 有法定审限的结案 × 100%（2024年9月起不再列入SPC体系）; closed with an approved extension ÷ closed with a statutory deadline × 100 (dropped from the SPC set in Sept 2024)",
        "有法定审限的案件; case types with a statutory limit",
        "最高人民法院审判质量管理指标体系（2024）",
        NO_RANGE,
        true
    ),
    indicator!(
        "balanced_closing",
        "结案均衡度",
        "evenness of closings",
        Efficiency,
        Percent,
        Higher,
        Formula::Balance,
        "(1 − 各月结案数标准差 ÷ 各月结案数平均值) × 100%（口径：按自然月，期间首尾月按实际天数内的结案计）; (1 − σ ÷ μ of the closed count per calendar month of the period) × 100 (reading)",
        ALL_CASES,
        "最高人民法院案件质量评估指标体系（法〔2011〕55号）（结案均衡度；本系统的口径）",
        NO_RANGE,
        false
    ),
    indicator!(
        "appeal_transfer_days",
        "上诉案件移送时间",
        "days to send an appeal up",
        Efficiency,
        Days,
        Lower,
        Formula::Mean(F::SentUpDays, F::SentUp),
        "期间内移送上诉卷宗的一审案件，自上诉至移送的平均天数; mean days from the appeal (上诉 event) to the file sent up (移送上诉卷宗 event), over files sent up in the period",
        "有上诉、移送事件的一审案件; first-instance cases with appeal and transfer events",
        "最高人民法院审判质量管理指标体系（2024）（上诉案件移送时间）",
        NO_RANGE,
        false
    ),
    // ── Quality and effect ───────────────────────────────────────────────────────────────────
    indicator!(
        "appeal_rate",
        "上诉率",
        "appeal rate",
        Quality,
        Percent,
        Lower,
        Formula::Percent(F::Appealed, F::Appealable),
        "期间内以判决、驳回起诉、不予受理结案的一审案件中被上诉的 ÷ 这些案件 × 100%; first-instance cases closed in the period by an appealable decision (判决, 驳回起诉, 不予受理) that were appealed ÷ those cases × 100",
        "一审，其上诉审法院的案件在数据中（否则无法得知是否上诉，显示“—”）; first instance whose appeal court's cases are in the data (otherwise whether it was appealed is not known: shown as —)",
        "最高人民法院案件质量评估指标体系（法〔2011〕55号）；最高人民法院审判质量管理指标体系（2024）（上诉率）",
        NO_RANGE,
        true
    ),
    indicator!(
        "first_instance_reversal_rate",
        "一审被改判率",
        "first instance reversed on appeal",
        Quality,
        Percent,
        Lower,
        Formula::Percent(F::ReversedOnAppeal, F::FirstInstanceClosedAppealsKnown),
        "期间内二审改判的一审案件（计入一审法院、部门、法官）÷ 期间内一审结案 × 100%; first-instance cases whose appeal was decided 改判 in the period (counted for the first-instance court) ÷ first-instance cases closed in the period × 100",
        "一审，其上诉审法院的案件在数据中（否则无法得知是否上诉，显示“—”）; first instance whose appeal court's cases are in the data (otherwise whether it was appealed is not known: shown as —)",
        "最高人民法院案件质量评估指标体系（法〔2011〕55号）（一审上诉改判率）；例：汪清县人民法院2019年上半年指标，改判发回 2 ÷ 93",
        NO_RANGE,
        true
    ),
    indicator!(
        "first_instance_remand_rate",
        "一审被发回重审率",
        "first instance remanded on appeal",
        Quality,
        Percent,
        Lower,
        Formula::Percent(F::RemandedOnAppeal, F::FirstInstanceClosedAppealsKnown),
        "期间内二审发回重审的一审案件 ÷ 期间内一审结案 × 100%; first-instance cases remanded on appeal in the period ÷ first-instance cases closed in the period × 100",
        "一审，其上诉审法院的案件在数据中（否则无法得知是否上诉，显示“—”）; first instance whose appeal court's cases are in the data (otherwise whether it was appealed is not known: shown as —)",
        "最高人民法院案件质量评估指标体系（法〔2011〕55号）（一审上诉发回重审率）",
        NO_RANGE,
        true
    ),
    indicator!(
        "reversal_to_remand",
        "二审改判-发回重审比",
        "appeal reversals to remands",
        Quality,
        Ratio,
        Higher,
        Formula::Ratio(F::SecondInstanceReversed, F::SecondInstanceRemanded),
        "期间内二审改判数 ÷ 二审发回重审数（口径：x : 1）; second-instance cases closed 改判 ÷ closed 发回重审 (reading: x : 1)",
        "二审; second instance",
        "最高人民法院审判质量管理指标体系（2024）（2024年9月调整新设；本系统的口径）",
        NO_RANGE,
        true
    ),
    indicator!(
        "retrial_reversal_to_remand",
        "再审改判-发回重审比",
        "retrial reversals to remands",
        Quality,
        Ratio,
        Higher,
        Formula::Ratio(F::RetrialReversed, F::RetrialRemanded),
        "期间内再审改判数 ÷ 再审发回重审数; retrial cases closed 改判 ÷ closed 发回重审",
        "再审; retrial",
        "最高人民法院审判质量管理指标体系（2024）（2024年9月调整新设；本系统的口径）",
        NO_RANGE,
        false
    ),
    indicator!(
        "second_instance_hearing_rate",
        "二审开庭率",
        "appeals heard in court",
        Quality,
        Percent,
        Higher,
        Formula::Percent(F::SecondInstanceHeard, F::SecondInstanceClosed),
        "期间内二审结案中有开庭记录的 ÷ 二审结案 × 100%; second-instance cases closed with a hearing event ÷ second-instance cases closed × 100",
        "二审; second instance",
        "最高人民法院审判质量管理指标体系（2024）（二审开庭率）",
        NO_RANGE,
        false
    ),
    indicator!(
        "retrial_application_rate",
        "申诉申请再审率",
        "retrial applications",
        Quality,
        Percent,
        Lower,
        Formula::Percent(F::DecisionsReviewed, F::Decisions),
        "期间内实体裁判结案（判决、调解、维持、改判）后被申请再审或申诉的 ÷ 这些案件 × 100%（口径）; decisions on the merits closed in the period later brought to retrial review ÷ those decisions × 100 (reading)",
        "一审、二审、再审; trial stages",
        "最高人民法院案件质量评估指标体系（法〔2011〕55号）；最高人民法院审判质量管理指标体系（2024）（申诉申请再审率；本系统的口径）",
        NO_RANGE,
        false
    ),
    indicator!(
        "mediation_rate",
        "调解率",
        "mediation rate",
        Quality,
        Percent,
        Neutral,
        Formula::Percent(F::Mediated, F::CivilTrialClosed),
        "民事一审、二审、再审结案中调解结案 ÷ 这些结案 × 100%; civil trial cases closed by 调解 ÷ civil trial cases closed × 100",
        "民事一审、二审、再审; civil trial stages",
        "最高人民法院案件质量评估指标体系（法〔2011〕55号）；最高人民法院审判质量管理指标体系（2024）（调解率）",
        NO_RANGE,
        true
    ),
    indicator!(
        "mediation_withdrawal_rate",
        "调撤率",
        "mediated or withdrawn",
        Quality,
        Percent,
        Neutral,
        Formula::Percent(F::MediatedOrWithdrawn, F::CivilTrialClosed),
        "(调解 + 撤诉 + 按撤诉处理) ÷ 民事审判结案 × 100%; civil trial cases closed by 调解, 撤诉 or 按撤诉处理 ÷ civil trial cases closed × 100",
        "民事一审、二审、再审; civil trial stages",
        "最高人民法院案件质量评估指标体系（法〔2011〕55号）；最高人民法院审判质量管理指标体系（2024）（调撤率）",
        NO_RANGE,
        true
    ),
    indicator!(
        "first_instance_acceptance_rate",
        "一审服判息诉率",
        "first instance accepted by the parties",
        Quality,
        Percent,
        Higher,
        Formula::PercentNot(
            F::FirstInstanceContested,
            F::FirstInstanceClosedAppealsKnown
        ),
        "1 − 期间内一审结案中被上诉或申请再审的 ÷ 一审结案; 100 − first-instance cases closed in the period that were appealed or brought to retrial review ÷ first-instance cases closed × 100",
        "一审，其上诉审法院的案件在数据中（否则无法得知是否上诉，显示“—”）; first instance whose appeal court's cases are in the data (otherwise whether it was appealed is not known: shown as —)",
        "最高人民法院案件质量评估指标体系（法〔2011〕55号）（一审服判息诉率）；修武县人民法院计算规则；例：汪清县人民法院2019年上半年指标，95.7%",
        NO_RANGE,
        true
    ),
    indicator!(
        "case_matter_ratio",
        "案-件比",
        "cases per dispute",
        Quality,
        Ratio,
        Lower,
        Formula::Ratio(F::DisputeCases, F::Disputes),
        "期间内新收的起始案件（不承接数据中其他案件）所引发的全部案件数（含自身） ÷ 起始案件数; for disputes started in the period (cases continuing no case in the data), all their cases (件, itself included) ÷ disputes (案)",
        ALL_CASES,
        "最高人民法院审判质量管理指标体系（2024）（案-件比；本系统的口径）",
        NO_RANGE,
        true
    ),
    indicator!(
        "civil_enforcement_application_rate",
        "民事裁判申请执行率",
        "civil decisions taken to enforcement",
        Quality,
        Percent,
        Lower,
        Formula::Percent(F::PaymentEnforced, F::PaymentDecisions),
        "期间内有给付内容（标的额）的民事实体裁判结案中被申请执行的 ÷ 这些案件 × 100%; civil decisions with a claim amount closed in the period for which enforcement was applied for ÷ those decisions × 100",
        "民事一审、二审、再审; civil trial stages",
        "最高人民法院审判质量管理指标体系（2024）（民事裁判申请执行率）",
        NO_RANGE,
        true
    ),
    indicator!(
        "simple_procedure_rate",
        "简易程序适用率",
        "simplified procedure share",
        Quality,
        Percent,
        Neutral,
        Formula::Percent(F::FirstInstanceSimplified, F::FirstInstanceClosed),
        "期间内适用简易、小额诉讼、速裁程序的一审结案 ÷ 一审结案 × 100%; first-instance cases closed under simple, small-claims or speedy procedure ÷ first-instance cases closed × 100",
        "一审; first instance",
        "最高人民法院案件质量评估指标体系（法〔2011〕55号）（一审简易程序适用率）；民事诉讼繁简分流改革",
        NO_RANGE,
        true
    ),
    // ── Enforcement ──────────────────────────────────────────────────────────────────────────
    indicator!(
        "enforcement_completion_rate",
        "执行完毕率",
        "enforcement completed",
        Enforcement,
        Percent,
        Higher,
        Formula::Percent(F::EnforcementPerformed, F::EnforcementClosed),
        "首次执行案件（执）以执行完毕结案 ÷ 首次执行结案 × 100%; first-time enforcement cases closed 执行完毕 ÷ first-time enforcement cases closed × 100",
        "首次执行（执）; first-time enforcement",
        "最高人民法院审判质量管理指标体系（2024）（执行完毕率；本系统的口径）",
        NO_RANGE,
        true
    ),
    indicator!(
        "zhongben_rate",
        "终本率",
        "closed by 终本",
        Enforcement,
        Percent,
        Lower,
        Formula::Percent(F::EnforcementZhongben, F::EnforcementClosed),
        "首次执行案件以终结本次执行程序结案 ÷ 首次执行结案 × 100%; first-time enforcement cases closed by 终本 ÷ first-time enforcement cases closed × 100",
        "首次执行（执）; first-time enforcement",
        "《最高人民法院关于严格规范终结本次执行程序的规定（试行）》（法〔2016〕373号）；“基本解决执行难”考核",
        NO_RANGE,
        true
    ),
    indicator!(
        "enforcement_recovery_rate",
        "执行到位率",
        "amount recovered",
        Enforcement,
        Percent,
        Higher,
        Formula::Percent(F::EnforcementRecovered, F::EnforcementApplied),
        "期间内执行结案（执、执恢）的执行到位金额 ÷ 申请执行标的额 × 100%; amount recovered ÷ amount applied for, over enforcement cases (执, 执恢) closed in the period × 100",
        "执、执恢; enforcement implementation",
        "最高人民法院案件质量评估（2008，执行标的到位率）；最高人民法院审判质量管理指标体系（2024）（执行到位率）",
        NO_RANGE,
        true
    ),
    indicator!(
        "actual_enforcement_rate",
        "实际执结率",
        "actually enforced",
        Enforcement,
        Percent,
        Higher,
        Formula::Percent(F::EnforcementPerformed, F::EnforcementProceeded),
        "首次执行以执行完毕结案 ÷ 首次执行结案（不含销案、不予执行）× 100%（口径）; first-time enforcement closed 执行完毕 ÷ first-time enforcement closed other than 销案 and 不予执行 × 100 (reading of the 2008 实际执行率)",
        "首次执行（执）; first-time enforcement",
        "最高人民法院案件质量评估（2008，实际执行率）；最高人民法院案件质量评估指标体系（法〔2011〕55号）",
        NO_RANGE,
        true
    ),
    indicator!(
        "property_within_limit_rate",
        "有财产可供执行案件法定期限内实际执结率",
        "cases with property enforced within the limit",
        Enforcement,
        Percent,
        Higher,
        Formula::Percent(F::WithPropertyWithinLimit, F::WithProperty),
        "期间内首次执行结案中非终本、非销案、非不予执行的（有财产）在执行期限内执行完毕的 ÷ 这些案件 × 100%（口径，SPC公式未公开）; of first-time enforcement closed other than by 终本, 销案 or 不予执行 (\"with property\"), those closed 执行完毕 on or before the deadline ÷ all of them × 100 (reading; the SPC formula is not published)",
        "首次执行（执）; first-time enforcement",
        "“基本解决执行难”核心指标：有财产可供执行案件法定期限内实际执结率 ≥ 90%（本系统的口径）",
        (Some(90.0), None),
        true
    ),
    indicator!(
        "zhongben_compliance_rate",
        "无财产可供执行案件终本合格率",
        "终本 closures that meet the rules",
        Enforcement,
        Percent,
        Higher,
        Formula::Percent(F::ZhongbenCompliant, F::ZhongbenReviewed),
        "期间内以终本结案的首次执行案件中合格的 ÷ 其中已判定合格与否的 × 100%（口径）：合格即法〔2016〕373号五项要件均有执行节点为证，或经评查认定合格；评查结论优先；五项要件所需节点均无记录且未经评查的（待评查）不计入; of first-time enforcement closed by 终本 in the period, those compliant ÷ those whose standing is known × 100 (reading): compliant when the events prove all five conditions of 法〔2016〕373号 or a reviewer found it so; a reviewer's finding overrides; cases with none of the checklist's steps recorded and no review are left out and counted apart",
        "首次执行（执）终本结案; first-time enforcement closed by 终本",
        "“基本解决执行难”核心指标：无财产可供执行案件终本合格率 ≥ 90%；《最高人民法院关于严格规范终结本次执行程序的规定（试行）》（法〔2016〕373号）第一条至第五条",
        (Some(90.0), None),
        true
    ),
    indicator!(
        "three_year_enforcement_rate",
        "近三年执行案件整体执结率",
        "three-year enforcement disposal",
        Enforcement,
        Percent,
        Higher,
        Formula::StockPercent(S::EnforcementCohortDisposed, S::EnforcementCohort),
        "期末前36个月内新收的首次执行案件中，至期末已执行完毕或终本的 ÷ 这些案件 × 100%（口径）; first-time enforcement filed in the 36 months up to the end of the period, closed by then as 执行完毕 or 终本 ÷ those cases × 100 (reading)",
        "首次执行（执）; first-time enforcement",
        "“基本解决执行难”核心指标：近三年执行案件整体执结率 ≥ 80%（本系统的口径）",
        (Some(80.0), None),
        true
    ),
    // ── International ────────────────────────────────────────────────────────────────────────
    indicator!(
        "clearance_rate",
        "结案清理率（CourTools）",
        "clearance rate (CourTools)",
        International,
        Percent,
        Higher,
        Formula::Percent(F::Closed, F::New),
        "结案 ÷ 新收 × 100%（无重开、恢复类别）; outgoing ÷ incoming × 100 (no reopened or reactivated categories: 执恢 are cases of their own)",
        ALL_CASES,
        "NCSC CourTools Measure 2 (Clearance Rate)",
        (Some(100.0), None),
        true
    ),
    indicator!(
        "time_to_disposition_1",
        "第一档时限内结案率",
        "disposed within the first time standard",
        International,
        Percent,
        Higher,
        Formula::Percent(F::WithinStandard1, F::Closed),
        "审理天数不超过本类案件时间标准第一档的结案 ÷ 结案 × 100%; closed with trial days within the category's first tier ÷ closed × 100 (default: criminal 90, civil 180, other 60 days; target 75%)",
        ALL_CASES,
        "NCSC CourTools Measure 3 (Time to Disposition); Model Time Standards for State Trial Courts (2011)",
        (Some(75.0), None),
        false
    ),
    indicator!(
        "time_to_disposition_2",
        "第二档时限内结案率",
        "disposed within the second time standard",
        International,
        Percent,
        Higher,
        Formula::Percent(F::WithinStandard2, F::Closed),
        "审理天数不超过第二档的结案 ÷ 结案 × 100%; closed within the second tier ÷ closed × 100 (default: criminal 180, civil 365, other 90 days; target 90%)",
        ALL_CASES,
        "NCSC CourTools Measure 3; Model Time Standards for State Trial Courts (2011)",
        (Some(90.0), None),
        false
    ),
    indicator!(
        "time_to_disposition_3",
        "第三档时限内结案率",
        "disposed within the third time standard",
        International,
        Percent,
        Higher,
        Formula::Percent(F::WithinStandard3, F::Closed),
        "审理天数不超过第三档的结案 ÷ 结案 × 100%; closed within the third tier ÷ closed × 100 (default: criminal 365, civil 540, other 180 days; target 98%)",
        ALL_CASES,
        "NCSC CourTools Measure 3; Model Time Standards for State Trial Courts (2011)",
        (Some(98.0), None),
        false
    ),
    indicator!(
        "pending_age_under_6m",
        "未结6个月以内",
        "pending under 6 months",
        International,
        Cases,
        Neutral,
        Formula::AtEnd(S::AgeUnder6),
        "期末未结、立案不满6个月; pending at the end, filed within 6 months",
        ALL_CASES,
        "NCSC CourTools Measure 4 (Age of Active Pending Caseload)",
        NO_RANGE,
        false
    ),
    indicator!(
        "pending_age_6_12m",
        "未结6至12个月",
        "pending 6 to 12 months",
        International,
        Cases,
        Neutral,
        Formula::AtEnd(S::Age6To12),
        "期末未结、立案6至12个月; pending at the end, filed 6 to 12 months before",
        ALL_CASES,
        "NCSC CourTools Measure 4",
        NO_RANGE,
        false
    ),
    indicator!(
        "pending_age_12_24m",
        "未结12至24个月",
        "pending 12 to 24 months",
        International,
        Cases,
        Neutral,
        Formula::AtEnd(S::Age12To24),
        "期末未结、立案12至24个月; pending at the end, filed 12 to 24 months before",
        ALL_CASES,
        "NCSC CourTools Measure 4",
        NO_RANGE,
        false
    ),
    indicator!(
        "pending_age_over_24m",
        "未结24个月以上",
        "pending over 24 months",
        International,
        Cases,
        Lower,
        Formula::AtEnd(S::Age24Plus),
        "期末未结、立案超过24个月; pending at the end, filed more than 24 months before",
        ALL_CASES,
        "NCSC CourTools Measure 4",
        NO_RANGE,
        false
    ),
    indicator!(
        "pending_avg_age_days",
        "未结案件平均已审天数",
        "average age of pending cases",
        International,
        Days,
        Lower,
        Formula::PendingAge,
        "期末未结案件自立案至期末的平均天数; mean days from filing to the end of the period over cases pending then",
        ALL_CASES,
        "NCSC CourTools Measure 4（美国犹他州法院公布平均案龄）",
        NO_RANGE,
        false
    ),
    indicator!(
        "cepej_clearance_rate",
        "结案清理率（CEPEJ）",
        "clearance rate (CEPEJ)",
        International,
        Percent,
        Higher,
        Formula::Percent(F::Closed, F::New),
        "结案 ÷ 新收 × 100%; resolved ÷ incoming × 100",
        ALL_CASES,
        "CEPEJ (European Commission for the Efficiency of Justice)",
        (Some(100.0), None),
        false
    ),
    indicator!(
        "disposition_time_days",
        "预计处置时间",
        "disposition time",
        International,
        Days,
        Lower,
        Formula::DispositionTime,
        "期间天数 × 期末未结 ÷ 结案; days in the period × pending at the end ÷ closed",
        ALL_CASES,
        "CEPEJ Disposition Time = 365 × 未结 ÷ 结案",
        NO_RANGE,
        true
    ),
    indicator!(
        "case_turnover_ratio",
        "案件周转比",
        "case turnover ratio",
        International,
        Ratio,
        Higher,
        Formula::Turnover,
        "结案 ÷ 期末未结; resolved ÷ pending at the end",
        ALL_CASES,
        "CEPEJ Case Turnover Ratio",
        NO_RANGE,
        false
    ),
    // ── 信访 ──────────────────────────────────────────────────────────────────────────────────
    indicator!(
        "petitions",
        "信访总量",
        "petitions received",
        Petitions,
        Cases,
        Neutral,
        Formula::Petition(P::Count(M::Received)),
        "期间内登记的信访件数（依法终结的信访事项终结后不再计入）; petitions received in the period (a matter ended by law is not counted after its ending)",
        "信访件（来信、来访、网上信访、12368热线、上级交办）; petitions of every channel",
        "涉诉信访统计的通行口径; the usual count of litigation-related petitions",
        NO_RANGE,
        false
    ),
    indicator!(
        "petition_persons",
        "信访人次",
        "petitioners (persons)",
        Petitions,
        Cases,
        Neutral,
        Formula::Petition(P::Count(M::Persons)),
        "期间内登记信访的人数之和（集体访按来访人数计）; the people who brought the period's petitions (a group counts each person)",
        "信访件; petitions",
        "涉诉信访统计（批次、人次）; petition statistics (batches, persons)",
        NO_RANGE,
        false
    ),
    indicator!(
        "petition_visits",
        "来访批次",
        "visits (batches)",
        Petitions,
        Cases,
        Neutral,
        Formula::Petition(P::Count(M::Visits)),
        "期间内来访的信访件数（一批一件）; petitions brought in person in the period (one per batch)",
        "来访; visits",
        "涉诉信访统计（批次、人次）; petition statistics (batches, persons)",
        NO_RANGE,
        false
    ),
    indicator!(
        "group_visits",
        "集体访",
        "group visits",
        Petitions,
        Cases,
        Lower,
        Formula::Petition(P::Count(M::GroupVisits)),
        "期间内来访人数达到集体访人数（默认5人）的来访批次; visits of the configured group size (5 by default) or more",
        "来访; visits",
        "涉诉信访统计（集体访）；人数口径为本系统设定，可配置; petition statistics; the group size is this system's setting, configurable",
        NO_RANGE,
        false
    ),
    indicator!(
        "petitions_to_province",
        "赴省信访",
        "petitions to the province",
        Petitions,
        Cases,
        Lower,
        Formula::Petition(P::Count(M::ToProvince)),
        "期间内登记的信访中信访层级为赴省的件数; petitions of the period that reached the provincial level",
        "信访件; petitions",
        "省法院涉诉信访通报（赴省访）; the high court's petition notices",
        NO_RANGE,
        false
    ),
    indicator!(
        "petitions_to_beijing",
        "赴京信访",
        "petitions to Beijing",
        Petitions,
        Cases,
        Lower,
        Formula::Petition(P::Count(M::ToBeijing)),
        "期间内登记的信访中信访层级为赴京的件数（赴最高法院巡回法庭的另计）; petitions of the period that reached Beijing (those to a circuit court counted apart)",
        "信访件; petitions",
        "省法院涉诉信访通报（赴京访）; the high court's petition notices",
        NO_RANGE,
        false
    ),
    indicator!(
        "petitions_to_circuit",
        "赴巡回法庭信访",
        "petitions to a circuit court",
        Petitions,
        Cases,
        Lower,
        Formula::Petition(P::Count(M::ToCircuit)),
        "期间内登记的信访中信访层级为赴最高人民法院巡回法庭的件数; petitions of the period that reached a circuit court of the Supreme People's Court",
        "信访件; petitions",
        "最高人民法院巡回法庭处理其巡回区内涉诉信访（2015年规定第三条）; the circuit courts handle petitions of their areas",
        NO_RANGE,
        false
    ),
    indicator!(
        "repeat_petition_rate",
        "重复信访率",
        "repeat petition rate",
        Petitions,
        Percent,
        Lower,
        Formula::Petition(P::Percent(M::Repeat, M::Received)),
        "期间内登记的信访中重复信访（同一信访人就同一事项此前已有信访）的 ÷ 期间内登记的信访 × 100%（口径）; of the period's petitions, those repeating an earlier one of the same person on the same matter ÷ all of them × 100 (reading)",
        "信访件; petitions",
        "2011年案件质量评估体系（重复信访率）；信访事项的认定为本系统口径，见信访说明; the 2011 case-quality system; what makes one matter is this system's reading",
        NO_RANGE,
        false
    ),
    indicator!(
        "litigation_routed_rate",
        "诉访分离导入率",
        "share routed into legal procedure",
        Petitions,
        Percent,
        Neutral,
        Formula::Petition(P::Percent(M::Routed, M::Screened)),
        "期间内登记并经诉访分离甄别的信访中甄别为“诉”（导入法律程序）的 ÷ 经甄别的 × 100%; of the period's petitions screened, those routed into legal procedure (诉) ÷ all screened × 100",
        "经诉访分离甄别的信访件; petitions screened",
        "《关于依法处理涉法涉诉信访问题的意见》（2014）诉访分离、导入法律程序; the 2014 opinion on litigation-related petitions",
        NO_RANGE,
        false
    ),
    indicator!(
        "enforcement_petitions",
        "执行信访件数",
        "enforcement petitions",
        Petitions,
        Cases,
        Neutral,
        Formula::Petition(P::Count(M::Enforcement)),
        "期间内登记的执行信访（事项为执行或涉及执行案件）件数; petitions of the period about enforcement or an enforcement case",
        "执行信访; enforcement petitions",
        "“基本解决执行难”核心指标之执行信访案件办结率的分母（本系统口径）; the denominator of the enforcement-petition completion rate (reading)",
        NO_RANGE,
        false
    ),
    indicator!(
        "enforcement_petitions_concluded",
        "执行信访办结件数",
        "enforcement petitions concluded",
        Petitions,
        Cases,
        Neutral,
        Formula::Petition(P::Count(M::EnforcementConcluded)),
        "期间内登记的执行信访中至期末已办结（答复、导入法律程序或依法终结）的件数; of the period's enforcement petitions, those concluded (answered, routed into procedure, or ended by law) by its end",
        "执行信访; enforcement petitions",
        "“基本解决执行难”核心指标之执行信访案件办结率的分子（本系统口径）; the numerator of the enforcement-petition completion rate (reading)",
        NO_RANGE,
        false
    ),
    indicator!(
        "enforcement_petition_completion_rate",
        "执行信访案件办结率",
        "enforcement petitions concluded",
        Petitions,
        Percent,
        Higher,
        Formula::Petition(P::Percent(M::EnforcementConcluded, M::Enforcement)),
        "期间内登记的执行信访中至期末已办结的 ÷ 期间内登记的执行信访 × 100%（口径，SPC公式未公开）; of the period's enforcement petitions, those concluded by its end ÷ all of them × 100 (reading; the SPC formula is not published)",
        "执行信访; enforcement petitions",
        "“基本解决执行难”核心指标：执行信访案件办结率 ≥ 90%；执行信访期限见法〔2021〕227号; the enforcement target ≥ 90 %; limits of 法〔2021〕227号",
        (Some(90.0), None),
        false
    ),
    indicator!(
        "petitions_became_old",
        "新访变老访",
        "new matters become old",
        Petitions,
        Cases,
        Lower,
        Formula::Petition(P::Count(M::BecameOld)),
        "首次信访在期间内、期末前又有信访的信访事项数（口径）; matters first brought in the period and brought again before its end (reading)",
        "信访事项; petition matters",
        "涉诉信访工作通报（新访变老访）；口径为本系统设定，见信访说明; petition notices; this system's reading",
        NO_RANGE,
        false
    ),
    indicator!(
        "petition_backlog",
        "信访积案",
        "petition backlog",
        Petitions,
        Cases,
        Lower,
        Formula::Petition(P::Count(M::Backlog)),
        "期末未化解、未终结、未息访，且信访达3次或首次信访已满180日仍未办结的信访事项数（口径，可配置）; matters at the period's end neither resolved, ended nor stopped, brought three times or unanswered 180 days after the first petition (reading, configurable)",
        "信访事项; petition matters",
        "信访积案化解的通行提法；认定标准为本系统设定，可配置; the usual notion of backlog petitions; the thresholds are this system's, configurable",
        NO_RANGE,
        false
    ),
    indicator!(
        "backlog_resolution_rate",
        "积案化解率",
        "backlog resolved",
        Petitions,
        Percent,
        Higher,
        Formula::Petition(P::Percent(M::BacklogResolved, M::BacklogWorked)),
        "期间内曾为积案的信访事项中于期间内化解的 ÷ 期间内曾为积案的信访事项 × 100%（口径）; of the matters in the backlog on some day of the period, those resolved (化解) in it ÷ all of them × 100 (reading)",
        "信访事项; petition matters",
        "信访积案化解的通行提法；口径为本系统设定; the usual notion of resolving backlog petitions; this system's reading",
        NO_RANGE,
        false
    ),
    indicator!(
        "petition_case_ratio",
        "案访比",
        "petitions per 100 cases closed",
        Petitions,
        Ratio,
        Lower,
        Formula::Petition(P::PerHundredClosed),
        "期间内登记的信访件数 ÷ 期间内结案数 × 100（每百件结案的信访件数，口径）; petitions received in the period per 100 cases closed in it (reading)",
        "信访件与结案; petitions and cases closed",
        "安徽法院案访比（信访件数与案件数之比，越低越好）；以结案数为基数为本系统口径; Anhui's case-petition ratio (lower is better); cases closed as the base is this system's reading",
        NO_RANGE,
        false
    ),
    indicator!(
        "assistance_applications",
        "司法救助申请数",
        "judicial assistance applications",
        Petitions,
        Cases,
        Neutral,
        Formula::Petition(P::Count(M::AidApplied)),
        "期间内申请国家司法救助的案件数（司救案件，一案一申请）; applications for state judicial assistance made in the period (司救 cases, one case one application)",
        "司法救助案件; judicial assistance cases",
        "《人民法院国家司法救助案件办理程序规定》；法发〔2016〕16号; the SPC's procedure rules for judicial assistance cases; 法发〔2016〕16号",
        NO_RANGE,
        false
    ),
    indicator!(
        "assistance_granted",
        "决定救助数",
        "judicial assistance granted",
        Petitions,
        Cases,
        Neutral,
        Formula::Petition(P::Count(M::AidGranted)),
        "期间内决定给予救助的案件数（按决定日期）; applications decided in the period to be granted (by the day decided)",
        "司法救助案件; judicial assistance cases",
        "法发〔2016〕16号（一案一人一次）; 法发〔2016〕16号 (one case, one applicant, one grant)",
        NO_RANGE,
        false
    ),
    indicator!(
        "assistance_amount",
        "救助金额",
        "judicial assistance granted, amount",
        Petitions,
        Yuan,
        Neutral,
        Formula::Petition(P::Yuan(M::AidAmount)),
        "期间内决定救助的金额合计（元）; the amounts of the grants decided in the period, in yuan",
        "决定救助的案件; grants",
        "法发〔2016〕16号：一般不超过上一年度本省职工月平均工资36个月的总额（上限在配置中设定）; 法发〔2016〕16号: generally at most 36 months of the province's previous-year average monthly wage (the cap is configuration)",
        NO_RANGE,
        false
    ),
    indicator!(
        "assistance_per_grant",
        "人均救助金额",
        "judicial assistance per grant",
        Petitions,
        Yuan,
        Neutral,
        Formula::Petition(P::PerGrant),
        "期间内决定救助的金额合计 ÷ 决定救助数（元；一案一人）; the amount granted in the period ÷ the grants (yuan; one applicant a case)",
        "决定救助的案件; grants",
        "最高人民法院公布的人均救助金额（2023—2025年为21,597.06元）; the per-person amount the SPC publishes (21,597.06 yuan over 2023–2025)",
        NO_RANGE,
        false
    ),
    indicator!(
        "assistance_quiet_rate",
        "救助后息访率",
        "stopped petitioning after help",
        Petitions,
        Percent,
        Higher,
        Formula::Petition(P::Percent(M::AidQuiet, M::AidPaid)),
        "期间内发放救助金的受助人中，发放后至期末未再信访的 ÷ 期间内发放救助金的受助人 × 100%（按身份标识认定同一人，口径）; of the recipients paid in the period, those who brought no petition after the payment up to the period's end ÷ all of them × 100 (the same person by identity key; reading)",
        "已发放救助且有身份标识的受助人; recipients paid, with an identity key",
        "司法救助工作“救助后息诉息访”的通行提法；口径为本系统设定; the usual aim that help ends the petitioning; this system's reading",
        NO_RANGE,
        false
    ),
    // ── 案件评查 ──────────────────────────────────────────────────────────────────────────────
    indicator!(
        "reviewed_cases",
        "评查案件数",
        "cases reviewed",
        Review,
        Cases,
        Neutral,
        Formula::Count(F::Reviewed),
        "期间内作出评查结论的案件数，以评查结论作出之日计（提交评查意见之日，提出异议后以复查决定之日）；一案经多次评查的只计最先作出结论的一次; cases whose review was decided in the period, dated by the review's decision (its submission, or the decision on an objection); a case reviewed twice counts once, for the first decision",
        "经评查的案件; reviewed cases",
        "最高人民法院《案件质量评查办法（试行）》；评查通报“问题案件”“差错案件”的通行提法; the SPC case-quality review rules and the usual wording of review bulletins",
        NO_RANGE,
        false
    ),
    indicator!(
        "review_problem_cases",
        "问题案件数",
        "problem cases",
        Review,
        Cases,
        Lower,
        Formula::Count(F::ReviewedProblem),
        "评查案件中至少有一项计入的评查意见（瑕疵或差错，未因免责事由排除）的; reviewed cases with at least one finding that counts (a flaw or an error not excused)",
        "经评查的案件; reviewed cases",
        "最高人民法院《案件质量评查办法（试行）》；评查通报“问题案件”“差错案件”的通行提法; the SPC case-quality review rules and the usual wording of review bulletins",
        NO_RANGE,
        false
    ),
    indicator!(
        "review_error_cases",
        "差错案件数",
        "error cases",
        Review,
        Cases,
        Lower,
        Formula::Count(F::ReviewedError),
        "评查结论为差错等次的案件（如“差错”或“不合格”，以提出异议后的复查决定为准）; reviewed cases graded as the network's error grade (差错, or 不合格), after any decision on an objection",
        "经评查的案件; reviewed cases",
        "最高人民法院《案件质量评查办法（试行）》；评查通报“问题案件”“差错案件”的通行提法; the SPC case-quality review rules and the usual wording of review bulletins",
        NO_RANGE,
        false
    ),
    indicator!(
        "review_problem_rate",
        "问题案件率",
        "problem case rate",
        Review,
        Percent,
        Lower,
        Formula::Percent(F::ReviewedProblem, F::Reviewed),
        "问题案件数 ÷ 评查案件数 × 100%; problem cases ÷ cases reviewed × 100",
        "经评查的案件; reviewed cases",
        "最高人民法院《案件质量评查办法（试行）》；评查通报“问题案件”“差错案件”的通行提法; the SPC case-quality review rules and the usual wording of review bulletins",
        NO_RANGE,
        false
    ),
    indicator!(
        "review_error_rate",
        "差错案件率",
        "error case rate",
        Review,
        Percent,
        Lower,
        Formula::Percent(F::ReviewedError, F::Reviewed),
        "差错案件数 ÷ 评查案件数 × 100%; error cases ÷ cases reviewed × 100",
        "经评查的案件; reviewed cases",
        "最高人民法院《案件质量评查办法（试行）》；评查通报“问题案件”“差错案件”的通行提法; the SPC case-quality review rules and the usual wording of review bulletins",
        NO_RANGE,
        false
    ),
    indicator!(
        "review_days",
        "评查平均用时",
        "average days from selection to decision",
        Review,
        Days,
        Lower,
        Formula::Mean(F::ReviewDays, F::Reviewed),
        "评查案件自列入评查计划之日至作出评查结论之日的天数之和 ÷ 评查案件数（口径）; Σ days from the plan that selected the case to the review's decision ÷ cases reviewed (reading)",
        "经评查的案件; reviewed cases",
        "本系统设定的评查时效口径; this system's measure of review time",
        NO_RANGE,
        false
    ),
    indicator!(
        "key_reviewed_cases",
        "发改再案件评查数",
        "reversed, remanded or retried cases reviewed",
        Review,
        Cases,
        Neutral,
        Formula::Count(F::KeyReviewed),
        "评查案件中由重点评查规则选取（被发回重审、改判、指令再审）的; reviewed cases the 重点 rule took (reversed, remanded or sent for retrial)",
        "重点评查（发回重审、改判、指令再审）的案件; cases taken by the 重点 rule (reversed, remanded, sent for retrial)",
        "最高人民法院《案件质量评查办法（试行）》；评查通报“问题案件”“差错案件”的通行提法; the SPC case-quality review rules and the usual wording of review bulletins",
        NO_RANGE,
        false
    ),
    indicator!(
        "key_review_problem_cases",
        "发改再问题案件数",
        "problem cases among reversed, remanded or retried",
        Review,
        Cases,
        Lower,
        Formula::Count(F::KeyReviewedProblem),
        "发改再评查案件中的问题案件; problem cases among the 重点 rule's reviewed cases",
        "重点评查（发回重审、改判、指令再审）的案件; cases taken by the 重点 rule (reversed, remanded, sent for retrial)",
        "最高人民法院《案件质量评查办法（试行）》；评查通报“问题案件”“差错案件”的通行提法; the SPC case-quality review rules and the usual wording of review bulletins",
        NO_RANGE,
        false
    ),
    indicator!(
        "key_review_error_cases",
        "发改再差错案件数",
        "error cases among reversed, remanded or retried",
        Review,
        Cases,
        Lower,
        Formula::Count(F::KeyReviewedError),
        "发改再评查案件中的差错案件; error cases among the 重点 rule's reviewed cases",
        "重点评查（发回重审、改判、指令再审）的案件; cases taken by the 重点 rule (reversed, remanded, sent for retrial)",
        "最高人民法院《案件质量评查办法（试行）》；评查通报“问题案件”“差错案件”的通行提法; the SPC case-quality review rules and the usual wording of review bulletins",
        NO_RANGE,
        false
    ),
    // ── 送达 ──────────────────────────────────────────────────────────────────────────────────
    indicator!(
        "service_tasks",
        "送达任务数",
        "service tasks",
        Service,
        Cases,
        Neutral,
        Formula::Count(F::ServiceTasks),
        "期间内创建的送达任务数（一份文书对一名受送达人为一项任务，计入案件所在法院、部门和承办人）; service tasks made in the period (one document to one recipient is one task; counted for the case's court, division and judge)",
        SERVICE_TASKS,
        "民事诉讼法第七章第二节（送达）；以文书×受送达人计任务为本系统口径; Civil Procedure Law ch. 7 s. 2 (service); a task as a document × a recipient is this system's reading",
        NO_RANGE,
        false
    ),
    indicator!(
        "service_success_rate",
        "送达成功率",
        "service success rate",
        Service,
        Percent,
        Higher,
        Formula::Percent(F::ServiceServed, F::ServiceTasks),
        "期间内创建的送达任务中至期末已有效送达的 ÷ 期间内创建的送达任务 × 100%（有效送达：任一次送达已送达且计入；电子送达须有有效同意；公告自公告期满之日起视为送达；按月分组时亦以整个期间的期末为准）; of the tasks made in the period, those served by an attempt that counts on or before the period's end ÷ all of them × 100 (electronic service counts only with a valid consent; an announcement from the day its period has run; grouped by month, the end is still the period's)",
        SERVICE_TASKS,
        "法院公开数据：浙江龙泉法院2015年送达成功率84.67%，内蒙古元宝山区法院约97%；无全国统一口径，计算口径为本系统设定; published court figures: the Longquan court (Zhejiang) 84.67 % in 2015, the Yuanbaoshan court (Inner Mongolia) about 97 %; no national definition: the formula is this system's reading",
        NO_RANGE,
        false
    ),
    indicator!(
        "service_first_success_rate",
        "一次送达成功率",
        "served on the first attempt",
        Service,
        Percent,
        Higher,
        Formula::Percent(F::ServiceFirstServed, F::ServiceTasks),
        "期间内创建的送达任务中，第一次送达即有效送达（至期末）的 ÷ 期间内创建的送达任务 × 100%; of the tasks made in the period, those served by their first attempt (by the period's end) ÷ all of them × 100",
        SERVICE_TASKS,
        "无全国统一定义，口径为本系统设定; no national definition: this system's reading",
        NO_RANGE,
        false
    ),
    indicator!(
        "service_days",
        "平均送达时长",
        "average days to serve",
        Service,
        Days,
        Lower,
        Formula::Mean(F::ServiceDays, F::ServiceServedOn),
        "期间内有效送达的任务，自任务创建之日至送达之日的天数之和 ÷ 期间内有效送达的任务数（公告以公告期满之日为送达之日）; Σ days from making to service of the tasks served in the period ÷ those tasks (an announcement is served on the day its period has run)",
        SERVICE_TASKS,
        "无全国统一定义，口径为本系统设定; no national definition: this system's reading",
        NO_RANGE,
        false
    ),
    indicator!(
        "electronic_service_rate",
        "电子送达率",
        "served electronically",
        Service,
        Percent,
        Higher,
        Formula::Percent(F::ServiceElectronic, F::ServiceServed),
        "期间内创建、至期末已有效送达的任务中，以电子方式有效送达的 ÷ 至期末已有效送达的任务 × 100%（无有效同意的电子送达不计为送达）; of the tasks made in the period and served by its end, those served electronically with a valid consent ÷ all of them × 100 (an electronic service without a valid consent is not service)",
        SERVICE_TASKS,
        "民事诉讼法第90条（经受送达人同意方可电子送达）；无全国统一定义，口径为本系统设定; Civil Procedure Law Art. 90 (electronic service with the recipient's consent); no national definition: this system's reading",
        NO_RANGE,
        false
    ),
    indicator!(
        "notice_service_rate",
        "公告送达率",
        "cases served by announcement",
        Service,
        Percent,
        Lower,
        Formula::Percent(F::ServiceNoticeCases, F::ServiceCases),
        "首个送达任务创建于期间内的案件中，至期末有公告送达（已发出公告）的 ÷ 首个送达任务创建于期间内的案件 × 100%（以案件计）; of the cases whose first service task was made in the period, those with an announcement published by the period's end ÷ all of them × 100 (counted by case)",
        "有送达任务的案件; cases with service tasks",
        "法院调研数据：某基层法院（H法院）2016年上半年新收民事案件公告送达率17.8%；浙江法院2019年平均10.01%、最高23.61%；以有送达任务的案件为基数为本系统口径; court studies: a basic court (“H”) 17.8 % of new civil cases in the first half of 2016; Zhejiang's courts 10.01 % on average in 2019, 23.61 % at most; cases with service tasks as the base is this system's reading",
        NO_RANGE,
        false
    ),
    indicator!(
        "postal_delivery_rate",
        "妥投率",
        "mail delivered",
        Service,
        Percent,
        Higher,
        Formula::Percent(F::ServiceDelivered, F::ServicePosted),
        "期间内交寄的邮寄送达件中至期末妥投（签收）的 ÷ 期间内交寄的邮寄送达件 × 100%（每次邮寄计一件，在途的计入分母）; of the items mailed in the period, those delivered (signed for) by its end ÷ all items mailed × 100 (each mailing is an item; those still on their way are in the base)",
        MAILED,
        "法院专递统计：四川遂宁法院邮寄送达妥投率78.96%; court-post statistics: the Suining courts (Sichuan) 78.96 % of mailed items delivered",
        NO_RANGE,
        false
    ),
    indicator!(
        "postal_refusal_rate",
        "拒收率",
        "mail refused",
        Service,
        Percent,
        Lower,
        Formula::Percent(F::ServiceRefused, F::ServicePosted),
        "期间内交寄的邮寄送达件中以拒收退回的 ÷ 期间内交寄的邮寄送达件 × 100%; items mailed in the period returned refused ÷ all items mailed × 100",
        MAILED,
        "法院专递统计：四川遂宁法院拒收率由4.85%降至4.05%; court-post statistics: the Suining courts (Sichuan) from 4.85 % to 4.05 % refused",
        NO_RANGE,
        false
    ),
    indicator!(
        "address_unknown_rate",
        "地址不详率",
        "mail returned, address unknown",
        Service,
        Percent,
        Lower,
        Formula::Percent(F::ServiceAddressUnknown, F::ServicePosted),
        "期间内交寄的邮寄送达件中以地址不详（地址不详细或错误）退回的 ÷ 期间内交寄的邮寄送达件 × 100%; items mailed in the period returned for an address incomplete or wrong ÷ all items mailed × 100",
        MAILED,
        "法院专递统计：四川遂宁法院地址不详率由13.36%降至10.32%; court-post statistics: the Suining courts (Sichuan) from 13.36 % to 10.32 % returned for the address",
        NO_RANGE,
        false
    ),
    indicator!(
        "electronic_without_consent",
        "无同意电子送达",
        "electronic service without valid consent",
        Service,
        Cases,
        Lower,
        Formula::Count(F::ServiceSetAside),
        "期间内创建的送达任务中，至期末有电子送达记为已送达但无有效同意的（未记录同意、同意范围不含裁判文书，或2022年前电子送达裁判文书）：予以标出，不计为有效送达; tasks made in the period with an electronic attempt recorded as served by the period's end that does not count (no consent on record, a consent that leaves out judgments, or a judgment sent before 2022): flagged, not counted as service",
        SERVICE_TASKS,
        "民事诉讼法第90条；2022年1月1日前裁判文书不得电子送达（民事诉讼法2017年第87条）; Civil Procedure Law Art. 90; judgments could not be served electronically before 1 January 2022 (Art. 87 of the 2017 law)",
        NO_RANGE,
        false
    ),
];

/// Looks an indicator up by its code.
pub fn indicator(code: &str) -> Option<&'static Indicator> {
    CATALOGUE.iter().find(|i| i.code == code.trim())
}

/// The indicators computed when none is named.
pub fn core() -> impl Iterator<Item = &'static Indicator> {
    CATALOGUE.iter().filter(|i| i.core)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case_and_every_entry_is_filled_in() {
        let mut seen = std::collections::HashSet::new();
        for i in CATALOGUE {
            assert!(seen.insert(i.code), "{} twice", i.code);
            assert!(
                i.code
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'),
                "{}",
                i.code
            );
            for text in [i.name_zh, i.name_en, i.definition, i.applies_to, i.source] {
                assert!(!text.trim().is_empty(), "{}", i.code);
            }
            assert!(i.definition.contains("; "), "{}: Chinese; English", i.code);
        }
        for code in [
            "new",
            "carried_over",
            "accepted",
            "closed",
            "pending",
            "close_to_new_ratio",
            "closure_rate",
            "within_limit_rate",
            "avg_trial_days",
            "long_pending_12m",
            "disposition_time_days",
        ] {
            assert!(indicator(code).is_some_and(|i| i.core), "{code}");
        }
    }

    #[test]
    fn every_code_is_in_the_catalogue_once_and_every_entry_has_a_code() {
        assert_eq!(IndicatorCode::ALL.len(), CATALOGUE.len());
        for (code, entry) in IndicatorCode::ALL.iter().zip(CATALOGUE) {
            assert_eq!(code.key(), entry.code, "in the catalogue's order");
            assert_eq!(code.indicator().code, code.key());
        }
    }
}
