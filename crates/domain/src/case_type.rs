//! Case-type codes (类型代字): the standard's table, each code with its category and procedural stage.
//!
//! Source: 《人民法院案件类型及其代字标准》 issued with 法〔2015〕137号 (in force 2016-01-01) as later
//! revised (the revision adds 安置教育 刑教…). The table lists every type code of the standard's minor
//! classes; where several minor classes share one code (e.g. 民特 for thirteen special-procedure
//! matters) the code appears once with its first class number. Pre-litigation mediation codes seen in
//! real numbers (民诉前调, 诉前调确, 诉前调书) are included although the SPC document that created them was
//! not found (see `docs/case-numbers.md`).
//!
//! Readings chosen here, where the standard's tree and the product's categories do not line up:
//! - 强制清算与破产 (class 11) counts as `civil`, stage `insolvency`, as the SPC's annual civil and
//!   commercial totals do.
//! - 司法救助 (司救X, class 05) and 区际/国际司法协助 (classes 06–07) are both `judicial_assistance`;
//!   their stages (`judicial_aid`, `inter_regional`, `international`) keep them apart.
//! - Jurisdiction cases (class 01) take the category of the matter (刑辖 → criminal, 赔辖 → state
//!   compensation) and the stage `jurisdiction`.

use std::fmt;

/// The broad kind of matter a case belongs to (案件类别).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Category {
    Criminal,
    Civil,
    Administrative,
    StateCompensation,
    Enforcement,
    Preservation,
    JudicialAssistance,
    JudicialSanction,
    Other,
}

impl Category {
    pub const ALL: [Category; 9] = [
        Category::Criminal,
        Category::Civil,
        Category::Administrative,
        Category::StateCompensation,
        Category::Enforcement,
        Category::Preservation,
        Category::JudicialAssistance,
        Category::JudicialSanction,
        Category::Other,
    ];

    /// The stable English key used in files and JSON.
    pub fn key(self) -> &'static str {
        match self {
            Category::Criminal => "criminal",
            Category::Civil => "civil",
            Category::Administrative => "administrative",
            Category::StateCompensation => "state_compensation",
            Category::Enforcement => "enforcement",
            Category::Preservation => "preservation",
            Category::JudicialAssistance => "judicial_assistance",
            Category::JudicialSanction => "judicial_sanction",
            Category::Other => "other",
        }
    }

    /// The Chinese label used in court statistics.
    pub fn label_zh(self) -> &'static str {
        match self {
            Category::Criminal => "刑事",
            Category::Civil => "民事",
            Category::Administrative => "行政",
            Category::StateCompensation => "国家赔偿",
            Category::Enforcement => "执行",
            Category::Preservation => "非诉保全",
            Category::JudicialAssistance => "司法救助与协助",
            Category::JudicialSanction => "司法制裁",
            Category::Other => "其他",
        }
    }

    /// Reads a key or a Chinese label, as written by [`Category::key`] or [`Category::label_zh`].
    pub fn from_key(text: &str) -> Option<Category> {
        Category::ALL
            .into_iter()
            .find(|c| c.key() == text || c.label_zh() == text)
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// The procedural stage a case type stands for (审级 / 程序阶段).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Stage {
    /// 管辖: jurisdiction decisions and their appeals.
    Jurisdiction,
    /// 一审.
    FirstInstance,
    /// 二审.
    SecondInstance,
    /// 再审审查: review of an application, petition or protest for retrial, and supervision review.
    RetrialReview,
    /// 再审.
    Retrial,
    /// 复核: death-penalty and other sentence reviews (刑核).
    SentenceReview,
    /// 刑罚与执行变更: commutation, parole, medical parole.
    SentenceChange,
    /// 特别程序 and other non-contentious procedures (督促, 催告, 保护令, 强制医疗, 没收…).
    SpecialProcedure,
    /// 非诉行政行为申请执行审查 (行审).
    NonLitigationReview,
    /// 国家赔偿 decided by the obligor court or a compensation committee.
    Compensation,
    /// 司法救助.
    JudicialAid,
    /// 区际司法协助 (Taiwan, Hong Kong, Macao).
    InterRegional,
    /// 国际司法协助.
    International,
    /// 司法制裁 (detention, fine) and its reconsideration.
    Sanction,
    /// 非诉保全审查.
    Preservation,
    /// 执行实施.
    Enforcement,
    /// 执行审查 (objection, reconsideration, supervision, coordination).
    EnforcementReview,
    /// 强制清算与破产.
    Insolvency,
    /// 诉前调解.
    PreLitigation,
    /// 其他 (刑他, 民他, …).
    Other,
}

impl Stage {
    pub const ALL: [Stage; 20] = [
        Stage::Jurisdiction,
        Stage::FirstInstance,
        Stage::SecondInstance,
        Stage::RetrialReview,
        Stage::Retrial,
        Stage::SentenceReview,
        Stage::SentenceChange,
        Stage::SpecialProcedure,
        Stage::NonLitigationReview,
        Stage::Compensation,
        Stage::JudicialAid,
        Stage::InterRegional,
        Stage::International,
        Stage::Sanction,
        Stage::Preservation,
        Stage::Enforcement,
        Stage::EnforcementReview,
        Stage::Insolvency,
        Stage::PreLitigation,
        Stage::Other,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Stage::Jurisdiction => "jurisdiction",
            Stage::FirstInstance => "first_instance",
            Stage::SecondInstance => "second_instance",
            Stage::RetrialReview => "retrial_review",
            Stage::Retrial => "retrial",
            Stage::SentenceReview => "sentence_review",
            Stage::SentenceChange => "sentence_change",
            Stage::SpecialProcedure => "special_procedure",
            Stage::NonLitigationReview => "non_litigation_review",
            Stage::Compensation => "compensation",
            Stage::JudicialAid => "judicial_aid",
            Stage::InterRegional => "inter_regional",
            Stage::International => "international",
            Stage::Sanction => "sanction",
            Stage::Preservation => "preservation",
            Stage::Enforcement => "enforcement",
            Stage::EnforcementReview => "enforcement_review",
            Stage::Insolvency => "insolvency",
            Stage::PreLitigation => "pre_litigation",
            Stage::Other => "other",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            Stage::Jurisdiction => "管辖",
            Stage::FirstInstance => "一审",
            Stage::SecondInstance => "二审",
            Stage::RetrialReview => "再审审查",
            Stage::Retrial => "再审",
            Stage::SentenceReview => "复核",
            Stage::SentenceChange => "刑罚变更",
            Stage::SpecialProcedure => "特别程序",
            Stage::NonLitigationReview => "非诉审查",
            Stage::Compensation => "赔偿",
            Stage::JudicialAid => "司法救助",
            Stage::InterRegional => "区际司法协助",
            Stage::International => "国际司法协助",
            Stage::Sanction => "司法制裁",
            Stage::Preservation => "保全审查",
            Stage::Enforcement => "执行实施",
            Stage::EnforcementReview => "执行审查",
            Stage::Insolvency => "强制清算与破产",
            Stage::PreLitigation => "诉前调解",
            Stage::Other => "其他",
        }
    }

    pub fn from_key(text: &str) -> Option<Stage> {
        Stage::ALL
            .into_iter()
            .find(|s| s.key() == text || s.label_zh() == text)
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

/// One row of the type-code table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseType {
    /// The type code as it appears in a case number, e.g. `民初`.
    pub code: &'static str,
    pub category: Category,
    pub stage: Stage,
    /// The standard's four-digit minor-class number (the first one, when a code covers several).
    pub class_no: &'static str,
    /// The standard's class name.
    pub name_zh: &'static str,
    pub name_en: &'static str,
}

impl CaseType {
    /// Looks a type code up in the table.
    pub fn lookup(code: &str) -> Option<&'static CaseType> {
        TypeKey::of(code)
            .and_then(lookup_id)
            .and_then(CaseType::by_id)
    }

    /// Every type code of the table, in the standard's order.
    pub fn all() -> &'static [CaseType] {
        CASE_TYPES
    }

    /// The row at `id`, the code's position in [`CaseType::all`] (a compact id for columnar data).
    pub fn by_id(id: u16) -> Option<&'static CaseType> {
        CASE_TYPES.get(usize::from(id))
    }

    /// The id of a type code, see [`CaseType::by_id`].
    pub fn id_of(code: &str) -> Option<u16> {
        TypeKey::of(code).and_then(lookup_id)
    }
}

/// Finds the id of a packed type code.
pub(crate) fn lookup_id(key: TypeKey) -> Option<u16> {
    let index = type_index();
    index
        .binary_search_by_key(&key, |&(k, _)| k)
        .ok()
        .map(|i| index[i].1)
}

/// A type code packed into an integer, so that lookup on the parser's hot path is a binary search
/// over integers instead of string comparisons. Each CJK character of the codes fits in 16 bits and
/// no code is longer than four characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct TypeKey(pub(crate) u64);

impl TypeKey {
    pub(crate) fn of(code: &str) -> Option<TypeKey> {
        let mut key = 0u64;
        let mut count = 0;
        for ch in code.chars() {
            let value = u32::from(ch);
            if count == 4 || value > 0xFFFF || value == 0 {
                return None;
            }
            key = (key << 16) | u64::from(value);
            count += 1;
        }
        (count > 0).then_some(TypeKey(key))
    }
}

fn type_index() -> &'static [(TypeKey, u16)] {
    use std::sync::OnceLock;
    static INDEX: OnceLock<Vec<(TypeKey, u16)>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: Vec<(TypeKey, u16)> = CASE_TYPES
            .iter()
            .enumerate()
            .filter_map(|(i, t)| Some((TypeKey::of(t.code)?, u16::try_from(i).ok()?)))
            .collect();
        index.sort_unstable();
        index
    })
}

/// The characters that mark a procedural stage inside a type code. Two of them in one code (e.g.
/// `民初终`) are a contradiction the parser reports as such.
pub(crate) const STAGE_MARKS: [(char, &str); 6] = [
    ('初', "一审"),
    ('终', "二审"),
    ('申', "再审审查"),
    ('监', "监督"),
    ('再', "再审"),
    ('抗', "抗诉"),
];

const fn t(
    code: &'static str,
    category: Category,
    stage: Stage,
    class_no: &'static str,
    name_zh: &'static str,
    name_en: &'static str,
) -> CaseType {
    CaseType {
        code,
        category,
        stage,
        class_no,
        name_zh,
        name_en,
    }
}

use Category as C;
use Stage as S;

#[rustfmt::skip]
static CASE_TYPES: &[CaseType] = &[
    // 01 管辖案件
    t("刑辖", C::Criminal, S::Jurisdiction, "0102", "刑事提级、指定管辖案件", "criminal jurisdiction (elevated or designated)"),
    t("民辖", C::Civil, S::Jurisdiction, "0105", "民事提级、指定、移交、协商管辖案件", "civil jurisdiction (elevated, designated, transferred, agreed)"),
    t("民辖终", C::Civil, S::Jurisdiction, "0109", "民事管辖上诉案件", "civil jurisdiction appeal"),
    t("民辖监", C::Civil, S::Jurisdiction, "0110", "民事管辖监督案件", "civil jurisdiction supervision"),
    t("行辖", C::Administrative, S::Jurisdiction, "0112", "行政提级、指定管辖案件", "administrative jurisdiction (elevated or designated)"),
    t("行辖终", C::Administrative, S::Jurisdiction, "0114", "行政管辖上诉案件", "administrative jurisdiction appeal"),
    t("赔辖", C::StateCompensation, S::Jurisdiction, "0116", "行政赔偿提级、指定、协商管辖案件", "administrative compensation jurisdiction"),
    t("赔辖终", C::StateCompensation, S::Jurisdiction, "0119", "行政赔偿管辖上诉案件", "administrative compensation jurisdiction appeal"),
    // 02 刑事案件
    t("刑初", C::Criminal, S::FirstInstance, "0201", "刑事一审案件", "criminal first instance"),
    t("刑终", C::Criminal, S::SecondInstance, "0202", "刑事二审案件", "criminal second instance"),
    t("刑监", C::Criminal, S::RetrialReview, "0204", "刑事依职权再审审查案件", "criminal retrial review, ex officio"),
    t("刑申", C::Criminal, S::RetrialReview, "0205", "刑事申诉再审审查案件", "criminal retrial review on petition"),
    t("刑抗", C::Criminal, S::RetrialReview, "0206", "刑事抗诉再审审查案件", "criminal retrial review on protest"),
    t("刑再", C::Criminal, S::Retrial, "0207", "刑事再审案件", "criminal retrial"),
    t("刑没", C::Criminal, S::SpecialProcedure, "0208", "申请没收违法所得案件", "confiscation of illegal gains"),
    t("刑核", C::Criminal, S::SentenceReview, "0210", "死刑、法定刑以下判处刑罚、特殊假释复核案件", "death-penalty and other sentence review"),
    t("刑医", C::Criminal, S::SpecialProcedure, "0214", "申请强制医疗审查案件", "compulsory medical treatment application"),
    t("刑医解", C::Criminal, S::SpecialProcedure, "0215", "解除强制医疗审查案件", "release from compulsory medical treatment"),
    t("刑医复", C::Criminal, S::SpecialProcedure, "0216", "强制医疗复议案件", "compulsory medical treatment reconsideration"),
    t("刑医监", C::Criminal, S::SpecialProcedure, "0217", "强制医疗监督案件", "compulsory medical treatment supervision"),
    t("刑止", C::Criminal, S::SpecialProcedure, "0219", "停止执行死刑案件", "stay of execution of a death sentence"),
    t("刑止调", C::Criminal, S::SpecialProcedure, "0221", "停止执行死刑调查案件", "stay of execution: investigation"),
    t("刑止核", C::Criminal, S::SpecialProcedure, "0222", "停止执行死刑调查审核案件", "stay of execution: verification"),
    t("刑更", C::Criminal, S::SentenceChange, "0224", "刑罚与执行变更审查案件", "sentence and enforcement change (commutation, parole)"),
    t("刑更监", C::Criminal, S::SentenceChange, "0225", "刑罚与执行变更监督案件", "sentence change supervision"),
    t("刑更备", C::Criminal, S::SentenceChange, "0226", "刑罚与执行变更备案案件", "sentence change filing"),
    t("刑他", C::Criminal, S::Other, "0227", "其他刑事案件", "other criminal"),
    t("刑教", C::Criminal, S::SpecialProcedure, "0229", "申请安置教育审查案件", "resettlement education application"),
    t("刑教解", C::Criminal, S::SpecialProcedure, "0230", "解除安置教育审查案件", "release from resettlement education"),
    t("刑教复", C::Criminal, S::SpecialProcedure, "0231", "安置教育复议案件", "resettlement education reconsideration"),
    t("刑教监", C::Criminal, S::SpecialProcedure, "0232", "安置教育监督案件", "resettlement education supervision"),
    // 03 民事案件
    t("民初", C::Civil, S::FirstInstance, "0301", "民事一审案件", "civil first instance"),
    t("民终", C::Civil, S::SecondInstance, "0302", "民事二审案件", "civil second instance"),
    t("民监", C::Civil, S::RetrialReview, "0304", "民事依职权再审审查案件", "civil retrial review, ex officio"),
    t("民申", C::Civil, S::RetrialReview, "0305", "民事申请再审审查案件", "civil retrial review on application"),
    t("民抗", C::Civil, S::RetrialReview, "0306", "民事抗诉再审审查案件", "civil retrial review on protest"),
    t("民再", C::Civil, S::Retrial, "0307", "民事再审案件", "civil retrial"),
    t("民撤", C::Civil, S::FirstInstance, "0308", "第三人撤销之诉案件", "third-party action to revoke a judgment"),
    t("民特", C::Civil, S::SpecialProcedure, "0310", "特别程序案件", "special procedure (incl. judicial confirmation of mediation)"),
    t("民特监", C::Civil, S::RetrialReview, "0323", "民事特别程序监督案件", "special procedure supervision"),
    t("民催", C::Civil, S::SpecialProcedure, "0325", "船舶优先权催告、公示催告案件", "public summons for exhortation"),
    t("民督", C::Civil, S::SpecialProcedure, "0328", "申请支付令审查案件", "payment order application"),
    t("民督监", C::Civil, S::RetrialReview, "0329", "支付令监督案件", "payment order supervision"),
    t("民他", C::Civil, S::Other, "0330", "其他民事案件", "other civil"),
    t("民保令", C::Civil, S::SpecialProcedure, "0332", "人身安全保护令申请审查案件", "personal safety protection order"),
    t("民保更", C::Civil, S::SpecialProcedure, "0333", "人身安全保护令变更案件", "personal safety protection order change"),
    // Pre-litigation mediation: seen in real numbers, creating document not found (docs/case-numbers.md).
    t("民诉前调", C::Civil, S::PreLitigation, "9901", "民事诉前调解案件", "civil pre-litigation mediation"),
    t("诉前调确", C::Civil, S::PreLitigation, "9902", "诉前调解司法确认案件", "pre-litigation judicial confirmation"),
    t("诉前调书", C::Civil, S::PreLitigation, "9903", "诉前调解书案件", "pre-litigation mediation statement"),
    // 04 行政案件
    t("行初", C::Administrative, S::FirstInstance, "0401", "行政一审案件", "administrative first instance"),
    t("行终", C::Administrative, S::SecondInstance, "0402", "行政二审案件", "administrative second instance"),
    t("行监", C::Administrative, S::RetrialReview, "0404", "行政依职权再审审查案件", "administrative retrial review, ex officio"),
    t("行申", C::Administrative, S::RetrialReview, "0405", "行政申请再审审查案件", "administrative retrial review on application"),
    t("行抗", C::Administrative, S::RetrialReview, "0406", "行政抗诉再审审查案件", "administrative retrial review on protest"),
    t("行再", C::Administrative, S::Retrial, "0407", "行政再审案件", "administrative retrial"),
    t("行审", C::Administrative, S::NonLitigationReview, "0409", "非诉行政行为申请执行审查案件", "review of an application to enforce an administrative act"),
    t("行审复", C::Administrative, S::NonLitigationReview, "0410", "非诉行政行为申请执行审查复议案件", "reconsideration of the above"),
    t("行他", C::Administrative, S::Other, "0411", "其他行政案件", "other administrative"),
    // 05 国家赔偿与司法救助案件
    t("行赔初", C::StateCompensation, S::FirstInstance, "0502", "行政赔偿一审案件", "administrative compensation first instance"),
    t("行赔终", C::StateCompensation, S::SecondInstance, "0503", "行政赔偿二审案件", "administrative compensation second instance"),
    t("行赔监", C::StateCompensation, S::RetrialReview, "0504", "行政赔偿依职权再审审查案件", "administrative compensation retrial review, ex officio"),
    t("行赔申", C::StateCompensation, S::RetrialReview, "0505", "行政赔偿申请再审审查案件", "administrative compensation retrial review on application"),
    t("行赔抗", C::StateCompensation, S::RetrialReview, "0506", "行政赔偿抗诉再审审查案件", "administrative compensation retrial review on protest"),
    t("行赔再", C::StateCompensation, S::Retrial, "0507", "行政赔偿再审案件", "administrative compensation retrial"),
    t("行赔他", C::StateCompensation, S::Other, "0508", "其他行政赔偿案件", "other administrative compensation"),
    t("法赔", C::StateCompensation, S::Compensation, "0510", "法院作为赔偿义务机关自赔案件", "court as compensation obligor"),
    t("委赔", C::StateCompensation, S::Compensation, "0511", "赔偿委员会审理赔偿案件", "compensation committee case"),
    t("委赔监", C::StateCompensation, S::RetrialReview, "0512", "司法赔偿监督审查案件", "judicial compensation supervision review"),
    t("赔确监", C::StateCompensation, S::RetrialReview, "0513", "赔偿确认申诉审查案件", "compensation confirmation petition review"),
    t("委赔提", C::StateCompensation, S::Retrial, "0514", "司法赔偿监督上级法院赔偿委员会重审案件", "re-hearing by the superior compensation committee"),
    t("委赔再", C::StateCompensation, S::Retrial, "0515", "司法赔偿监督本院赔偿委员会重审案件", "re-hearing by the court's own compensation committee"),
    t("赔他", C::StateCompensation, S::Other, "0516", "其他赔偿案件", "other compensation"),
    t("司救刑", C::JudicialAssistance, S::JudicialAid, "0518", "刑事司法救助案件", "judicial aid in a criminal matter"),
    t("司救民", C::JudicialAssistance, S::JudicialAid, "0519", "民事司法救助案件", "judicial aid in a civil matter"),
    t("司救行", C::JudicialAssistance, S::JudicialAid, "0520", "行政司法救助案件", "judicial aid in an administrative matter"),
    t("司救赔", C::JudicialAssistance, S::JudicialAid, "0521", "国家赔偿司法救助案件", "judicial aid in a state compensation matter"),
    t("司救执", C::JudicialAssistance, S::JudicialAid, "0522", "执行司法救助案件", "judicial aid in enforcement"),
    t("司救访", C::JudicialAssistance, S::JudicialAid, "0523", "涉诉信访司法救助案件", "judicial aid for a litigation-related petition"),
    t("司救他", C::JudicialAssistance, S::JudicialAid, "0524", "其他司法救助案件", "other judicial aid"),
    // 06 区际司法协助案件
    t("认台", C::JudicialAssistance, S::InterRegional, "0602", "认可与执行台湾地区法院裁判、仲裁裁决审查案件", "recognition of Taiwan judgments and awards"),
    t("认港", C::JudicialAssistance, S::InterRegional, "0604", "认可与执行香港特别行政区法院裁判、仲裁裁决审查案件", "recognition of Hong Kong judgments and awards"),
    t("认澳", C::JudicialAssistance, S::InterRegional, "0606", "认可与执行澳门特别行政区法院裁判、仲裁裁决审查案件", "recognition of Macao judgments and awards"),
    t("认复", C::JudicialAssistance, S::InterRegional, "0608", "认可与执行审查复议案件", "recognition reconsideration"),
    t("认他", C::JudicialAssistance, S::InterRegional, "0609", "认可与执行审查其他案件", "other recognition"),
    t("请台送", C::JudicialAssistance, S::InterRegional, "0611", "请求台湾地区送达文书审查案件", "service request to Taiwan"),
    t("请港送", C::JudicialAssistance, S::InterRegional, "0612", "请求香港特别行政区法院送达文书审查案件", "service request to Hong Kong"),
    t("请澳送", C::JudicialAssistance, S::InterRegional, "0613", "请求澳门特别行政区法院送达文书审查案件", "service request to Macao"),
    t("台请送", C::JudicialAssistance, S::InterRegional, "0614", "台湾地区请求送达文书审查、协助送达案件", "service requested by Taiwan"),
    t("港请送", C::JudicialAssistance, S::InterRegional, "0616", "香港特别行政区法院请求送达文书审查、协助送达案件", "service requested by Hong Kong"),
    t("澳请送", C::JudicialAssistance, S::InterRegional, "0618", "澳门特别行政区法院请求送达文书审查、协助送达案件", "service requested by Macao"),
    t("请台调", C::JudicialAssistance, S::InterRegional, "0621", "请求台湾地区调查取证审查案件", "evidence request to Taiwan"),
    t("请港调", C::JudicialAssistance, S::InterRegional, "0622", "请求香港特别行政区调查取证审查案件", "evidence request to Hong Kong"),
    t("请澳调", C::JudicialAssistance, S::InterRegional, "0623", "请求澳门特别行政区法院调查取证审查案件", "evidence request to Macao"),
    t("台请调", C::JudicialAssistance, S::InterRegional, "0624", "台湾地区请求调查取证审查、协助案件", "evidence requested by Taiwan"),
    t("港请调", C::JudicialAssistance, S::InterRegional, "0626", "香港特别行政区请求调查取证审查、协助案件", "evidence requested by Hong Kong"),
    t("澳请调", C::JudicialAssistance, S::InterRegional, "0628", "澳门特别行政区法院请求调查取证审查、协助案件", "evidence requested by Macao"),
    t("请移管", C::JudicialAssistance, S::InterRegional, "0631", "接收在台湾地区被判刑人案件", "receiving a person sentenced in Taiwan"),
    t("助移管", C::JudicialAssistance, S::InterRegional, "0632", "向台湾地区移管被判刑人案件", "transferring a sentenced person to Taiwan"),
    t("请移赃", C::JudicialAssistance, S::InterRegional, "0634", "接收台湾地区移交罪赃案件", "receiving criminal proceeds from Taiwan"),
    t("助移赃", C::JudicialAssistance, S::InterRegional, "0635", "向台湾地区移交罪赃案件", "handing criminal proceeds to Taiwan"),
    // 07 国际司法协助案件
    t("协外认", C::JudicialAssistance, S::International, "0702", "承认与执行外国法院裁判、国外仲裁裁决审查案件", "recognition of foreign judgments and awards"),
    t("协他", C::JudicialAssistance, S::International, "0704", "承认与执行审查其他案件", "other recognition (international)"),
    t("协外送", C::JudicialAssistance, S::International, "0706", "外国法院请求送达文书审查、送达案件", "service requested by a foreign court"),
    t("请外送", C::JudicialAssistance, S::International, "0708", "请求外国法院送达文书审查案件", "service request to a foreign court"),
    t("协外调", C::JudicialAssistance, S::International, "0710", "外国法院请求调查取证审查、实施案件", "evidence requested by a foreign court"),
    t("请外调", C::JudicialAssistance, S::International, "0712", "请求外国法院调查取证审查案件", "evidence request to a foreign court"),
    t("请外移", C::JudicialAssistance, S::International, "0714", "接收在外国被判刑人案件", "receiving a person sentenced abroad"),
    t("协外移", C::JudicialAssistance, S::International, "0715", "向外国移管被判刑人案件", "transferring a sentenced person abroad"),
    t("请外引", C::JudicialAssistance, S::International, "0717", "请求外国引渡案件", "extradition request to a foreign state"),
    t("协外引", C::JudicialAssistance, S::International, "0718", "协助外国引渡案件", "extradition requested by a foreign state"),
    // 08 司法制裁案件
    t("司惩", C::JudicialSanction, S::Sanction, "0802", "司法拘留、司法罚款案件", "judicial detention or fine"),
    t("司惩复", C::JudicialSanction, S::Sanction, "0804", "司法制裁复议案件", "judicial sanction reconsideration"),
    // 09 非诉保全审查案件
    t("财保", C::Preservation, S::Preservation, "0901", "非诉财产保全审查案件", "stand-alone property preservation"),
    t("行保", C::Preservation, S::Preservation, "0902", "非诉行为保全审查案件", "stand-alone conduct preservation"),
    t("行保复", C::Preservation, S::Preservation, "0903", "非诉行为保全复议案件", "conduct preservation reconsideration"),
    t("证保", C::Preservation, S::Preservation, "0904", "非诉证据保全审查案件", "stand-alone evidence preservation"),
    // 10 执行类案件
    t("执", C::Enforcement, S::Enforcement, "1002", "首次执行案件", "first-time enforcement"),
    t("执恢", C::Enforcement, S::Enforcement, "1003", "恢复执行案件", "restored enforcement"),
    t("执保", C::Enforcement, S::Enforcement, "1004", "财产保全执行案件", "enforcement of a preservation ruling"),
    t("执异", C::Enforcement, S::EnforcementReview, "1006", "执行异议案件", "enforcement objection"),
    t("执复", C::Enforcement, S::EnforcementReview, "1007", "执行复议案件", "enforcement reconsideration"),
    t("执监", C::Enforcement, S::EnforcementReview, "1008", "执行监督案件", "enforcement supervision"),
    t("执协", C::Enforcement, S::EnforcementReview, "1009", "执行协调案件", "enforcement coordination"),
    t("执他", C::Enforcement, S::Other, "1010", "其他执行案件", "other enforcement"),
    // 11 强制清算与破产案件
    t("清申", C::Civil, S::Insolvency, "1102", "强制清算申请审查案件", "compulsory liquidation application"),
    t("破申", C::Civil, S::Insolvency, "1103", "破产申请审查案件", "bankruptcy application"),
    t("清终", C::Civil, S::SecondInstance, "1105", "强制清算上诉案件", "compulsory liquidation appeal"),
    t("破终", C::Civil, S::SecondInstance, "1106", "破产上诉案件", "bankruptcy appeal"),
    t("清监", C::Civil, S::RetrialReview, "1108", "强制清算监督案件", "compulsory liquidation supervision"),
    t("破监", C::Civil, S::RetrialReview, "1109", "破产监督案件", "bankruptcy supervision"),
    t("强清", C::Civil, S::Insolvency, "1110", "强制清算案件", "compulsory liquidation"),
    t("破", C::Civil, S::Insolvency, "1112", "破产清算、重整、和解案件", "bankruptcy (liquidation, reorganisation, composition)"),
];

#[cfg(test)]
mod tests;
