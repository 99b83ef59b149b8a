//! The compact facts the model keeps for each case while it works and until the case is written:
//! about a hundred bytes a case, codes as small indices, no owned text, no events (those are told
//! from the facts when the case is written, see `timeline`).

use chrono::NaiveDate;
use shenguan_domain::{CaseType, Procedure};
use shenguan_domain::{Exclusion, ExclusionGround};

/// One case as the model knows it.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct CaseFacts {
    /// A stable identity, also the key of the case's random streams.
    pub id: u64,
    pub case_type: &'static CaseType,
    /// The type's position in the standard's table (the numbering order of types).
    pub type_id: u16,
    /// 标的额 in fen.
    pub claim: Option<i64>,
    /// 执行到位金额 in fen.
    pub recovered: Option<i64>,
    pub filed_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    /// The statutory deadline with the approved extension and the excluded days.
    pub deadline: Option<NaiveDate>,
    /// The day the extension was approved, if one was; its length is the one the law allows the
    /// case's type and procedure (`lifecycle::extension_for`), as granted in months or days.
    pub extension_approved_on: Option<NaiveDate>,
    /// The filing day of this case's appeal in the court above, if it was appealed.
    pub appeal_filed_on: Option<NaiveDate>,
    /// The case this one continues, as a position in the model's list of cases.
    pub origin: Option<u32>,
    /// The serial of the case number (per court, type and year), set by the numbering pass.
    pub serial: u32,
    /// How many days the approved extension adds to the statutory end (a month-long extension
    /// adds the days of the months it spans), for the files' 延长审限天数 column.
    pub extension_days: u16,
    pub excluded_days: u16,
    pub court: u8,
    /// The basic court whose case started the chain: remands and enforcement return there.
    pub home_court: u8,
    pub procedure: Option<Procedure>,
    /// Index into [`CAUSES`].
    pub cause: Option<u8>,
    /// Index into the court's divisions, and into that division's judges.
    pub division: u8,
    pub judge: u8,
    /// Index into the type's closing methods (see `lifecycle::closing_methods`).
    pub method: Option<u8>,
    /// How many links from an original filing (bounds the chains).
    pub depth: u8,
    /// Which excluded periods the case had (see [`Excluded`]).
    pub excluded: u8,
    /// The kind of gaming the case was bent under (`plant::PlantKind::mark`), 0 for an honest
    /// case: what the truth file lists.
    pub planted: u8,
    /// For a filing held back (`withheld_filings`), the days from the complaint received to the
    /// filing; 0 otherwise.
    pub held_days: u8,
    /// For a suit filed again after a planted withdrawal, the position (like `origin`) of the
    /// case whose parties it has; [`NO_KIN`] otherwise. Not an origin: a suit filed again is a
    /// new suit, and the records do not link it.
    pub kin: u32,
}

/// [`CaseFacts::kin`] of a case with parties of its own.
pub(crate) const NO_KIN: u32 = u32::MAX;

/// The excluded periods (扣除审限) the model draws, as bits of [`CaseFacts::excluded`].
pub(crate) struct Excluded;

impl Excluded {
    /// 公告送达 (see [`Excluded::notice_days`]).
    pub const NOTICE: u8 = 1;
    /// 鉴定: the rest of the excluded days.
    pub const ASSESSMENT: u8 = 2;
    /// 中止: the rest of the excluded days, for a case suspended instead (only planted clock
    /// stopping suspends, see `plant`).
    pub const SUSPENSION: u8 = 4;

    /// How long notice by publication runs for a case filed on `filed`, whose announcement the
    /// model publishes fourteen days after filing (its excluded period starts the day after, see
    /// [`exclusions_of`]): sixty days, thirty for one published since the Civil Procedure Law as
    /// amended in 2021 took effect on 1 January 2022 (Art. 95) — the law of the publication day,
    /// as the simulated service records it (`service.rs`).
    pub fn notice_days(filed: NaiveDate) -> u16 {
        let published = crate::add_days(filed, 14);
        let rules = shenguan_domain::service::timing::ServiceRules::default();
        shenguan_domain::service::timing::deemed_served(&rules, published, false)
            .map_or(0, |served| {
                u16::try_from((served - published).num_days()).unwrap_or(0)
            })
    }
}

/// The causes of action (案由) and charges the model uses: civil, then criminal, then
/// administrative.
pub(crate) const CAUSES: &[&str] = &[
    "民间借贷纠纷",
    "买卖合同纠纷",
    "金融借款合同纠纷",
    "离婚纠纷",
    "机动车交通事故责任纠纷",
    "劳动争议",
    "物业服务合同纠纷",
    "房屋租赁合同纠纷",
    "建设工程施工合同纠纷",
    "信用卡纠纷",
    "危险驾驶罪",
    "盗窃罪",
    "诈骗罪",
    "帮助信息网络犯罪活动罪",
    "故意伤害罪",
    "开设赌场罪",
    "行政处罚",
    "行政强制",
    "政府信息公开",
    "行政许可",
    "工伤认定",
];

/// Where each category's causes sit in [`CAUSES`].
pub(crate) const CIVIL_CAUSES: std::ops::Range<u8> = 0..10;
pub(crate) const CRIMINAL_CAUSES: std::ops::Range<u8> = 10..16;
pub(crate) const ADMINISTRATIVE_CAUSES: std::ops::Range<u8> = 16..21;

/// The excluded periods of a case filed on `filed` with the periods `bits` and `total` days, with
/// their start days: notice by publication from the fifteenth day after filing, then the
/// assessment (or the suspension: a case has one or the other) from the day after the notice ends
/// (or from the fifteenth day). The timeline tells
/// the same periods as events.
pub(crate) fn exclusions_of(filed: NaiveDate, bits: u8, total: u16) -> Vec<Exclusion> {
    let mut start = crate::add_days(filed, 15);
    let mut periods = Vec::new();
    let notice = if bits & Excluded::NOTICE != 0 {
        Excluded::notice_days(filed)
    } else {
        0
    };
    let rest = total.saturating_sub(notice);
    for (bit, ground, days) in [
        (Excluded::NOTICE, ExclusionGround::Notice, notice),
        (Excluded::ASSESSMENT, ExclusionGround::Assessment, rest),
        (Excluded::SUSPENSION, ExclusionGround::Suspension, rest),
    ] {
        if bits & bit != 0 && days > 0 {
            periods.push(Exclusion {
                ground,
                from: Some(start),
                days: u32::from(days),
            });
            start = crate::add_days(start, i64::from(days));
        }
    }
    periods
}

impl CaseFacts {
    /// The approved extension as granted, if one was approved.
    pub fn extension(&self) -> Option<shenguan_domain::Period> {
        self.extension_approved_on?;
        crate::lifecycle::extension_for(self.case_type.code, self.procedure)
    }

    /// A newly filed case: everything the lifecycle decides is still open.
    pub fn filed(
        id: u64,
        case_type: &'static CaseType,
        type_id: u16,
        court: u8,
        home_court: u8,
        filed_on: NaiveDate,
    ) -> CaseFacts {
        CaseFacts {
            id,
            case_type,
            type_id,
            claim: None,
            recovered: None,
            filed_on,
            closed_on: None,
            deadline: None,
            extension_approved_on: None,
            appeal_filed_on: None,
            origin: None,
            serial: 0,
            extension_days: 0,
            excluded_days: 0,
            court,
            home_court,
            procedure: None,
            cause: None,
            division: 0,
            judge: 0,
            method: None,
            depth: 0,
            excluded: 0,
            planted: 0,
            held_days: 0,
            kin: NO_KIN,
        }
    }

    pub fn type_code(&self) -> &'static str {
        self.case_type.code
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_case_fits_in_a_hundred_bytes() {
        // Ten million cases must fit in about a gigabyte.
        assert!(
            std::mem::size_of::<CaseFacts>() <= 104,
            "{}",
            std::mem::size_of::<CaseFacts>()
        );
    }

    #[test]
    fn the_cause_ranges_cover_the_list() {
        assert_eq!(usize::from(ADMINISTRATIVE_CAUSES.end), CAUSES.len());
        assert_eq!(CIVIL_CAUSES.end, CRIMINAL_CAUSES.start);
        assert_eq!(CRIMINAL_CAUSES.end, ADMINISTRATIVE_CAUSES.start);
        assert!(CAUSES[usize::from(CRIMINAL_CAUSES.start)].ends_with('罪'));
        assert!(CAUSES[usize::from(CRIMINAL_CAUSES.end - 1)].ends_with('罪'));
    }
}
