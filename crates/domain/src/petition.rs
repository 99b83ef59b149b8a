//! Petitions (涉诉信访) as a court's petition office registers them: how each came, who brought it,
//! the cases it concerns, what it is about, how far it went (来院 … 赴京, 赴巡回法庭), its screening
//! into legal procedure (诉) or handling as a petition (访), and its handling to the reply, the
//! reviews (复查, 复核), the resolution of a backlog matter (化解), the ending by law (依法终结)
//! and the petitioner's stopping (息访).
//!
//! The time limits are in [`limits`]; repeat petitions, matters that became old ones and the
//! backlog in [`matters`]. The readings are in docs/petitions.md.
//!
//! An identity number is never kept: a petitioner carries the keyed hash of it (the same key as a
//! party of a case with the same number, so a petitioner's cases are found) and its masked form.

use chrono::NaiveDate;

use crate::party::{UnknownName, find};
use crate::{CaseNumber, CourtCode, IdentityKey};

pub mod agreement;
pub mod limits;
pub mod matters;
pub mod ranking;
pub mod steps;

/// A list of names: each value with its Chinese name, its English key and other names accepted;
/// `label_zh`, `key` and `parse` read it.
macro_rules! named {
    (
        $(#[$meta:meta])*
        $name:ident ($what_zh:literal, $what_en:literal) {
            $($(#[$vmeta:meta])* $variant:ident = ($zh:literal, $en:literal $(, $alias:literal)*)),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant),+
        }

        impl $name {
            const NAMES: &'static [($name, &'static str, &'static str, &'static [&'static str])] =
                &[$(($name::$variant, $zh, $en, &[$($alias),*])),+];

            /// Every value, in the list's order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            pub fn label_zh(self) -> &'static str {
                Self::NAMES.iter().find(|n| n.0 == self).map_or("", |n| n.1)
            }

            pub fn key(self) -> &'static str {
                Self::NAMES.iter().find(|n| n.0 == self).map_or("", |n| n.2)
            }

            /// The value a name (Chinese, English key or another name accepted) stands for.
            pub fn parse(text: &str) -> Result<$name, UnknownName> {
                find(Self::NAMES, text)
                    .ok_or_else(|| UnknownName::new(($what_zh, $what_en), text, Self::NAMES))
            }
        }
    };
}

named! {
    /// How a petition came to the court.
    Channel("来源", "channel") {
        Letter = ("来信", "letter", "信件"),
        Visit = ("来访", "visit", "走访"),
        Online = ("网上信访", "online", "网信", "网上"),
        Hotline = ("12368热线", "hotline", "12368", "热线", "电话"),
        /// 上级交办: sent down by a higher body ([`Referrer`]).
        Referred = ("上级交办", "referred", "交办", "转办"),
    }
}

named! {
    /// Who sent a petition down (上级交办).
    Referrer("交办单位", "referrer") {
        HighCourt = ("高级人民法院", "high_court", "高院", "省法院"),
        Spc = ("最高人民法院", "spc", "最高法院", "最高法"),
        /// One of the SPC's circuit courts (its number is the petition's `circuit`).
        Circuit = ("巡回法庭", "circuit_court", "最高法院巡回法庭"),
        PoliticalLegal = ("政法委", "political_legal_committee", "党委政法委"),
        Congress = ("人大", "peoples_congress", "人大常委会"),
        Other = ("其他", "other"),
    }
}

named! {
    /// What a petition is about.
    Subject("信访事项类别", "subject") {
        Judgment = ("不服裁判", "judgment", "不服判决", "不服裁定"),
        Enforcement = ("执行", "enforcement", "执行问题", "执行信访"),
        Conduct = ("审判作风", "conduct", "作风", "司法作风"),
        Delay = ("审理期限", "delay", "超审限", "久拖不决"),
        Service = ("诉讼服务", "service"),
        Other = ("其他", "other"),
    }
}

named! {
    /// How far a petitioner went with the matter: the highest place the petition reached.
    Level("信访层级", "level") {
        Court = ("来院", "court", "到院", "本院"),
        City = ("赴市", "city", "到市"),
        Province = ("赴省", "province", "到省", "赴省访"),
        Beijing = ("赴京", "beijing", "进京", "赴京访", "进京访"),
        /// 赴最高法院巡回法庭 (which one: the petition's `circuit`).
        Circuit = ("赴巡回法庭", "circuit_court", "赴巡", "巡回法庭"),
    }
}

named! {
    /// 诉访分离: a petition screened into legal procedure (诉) or handled as a petition (访).
    Screening("诉访分离", "screening") {
        Litigation = ("诉", "litigation", "导入诉讼程序", "涉诉"),
        Petition = ("访", "petition", "信访", "按信访办理"),
    }
}

named! {
    /// Where a petition screened as 诉 was sent.
    Route("导入程序", "route") {
        Appeal = ("上诉", "appeal"),
        Retrial = ("申请再审", "retrial", "再审", "申诉"),
        Objection = ("执行异议", "objection", "异议", "复议"),
        NewSuit = ("另行起诉", "new_suit", "起诉"),
        EnforcementApplication = ("申请执行", "enforcement_application", "恢复执行"),
        Other = ("其他程序", "other", "其他"),
    }
}

named! {
    /// The result of handling (办理结果).
    Outcome("办理结果", "outcome") {
        Resolved = ("解决", "resolved", "已解决", "支持"),
        Explained = ("解释", "explained", "解释说明", "答疑"),
        NotSupported = ("不予支持", "not_supported", "不支持"),
        Transferred = ("转办", "transferred", "转交"),
    }
}

named! {
    /// The petitioner's view of the handling, where it was asked.
    Satisfaction("满意度", "satisfaction") {
        Satisfied = ("满意", "satisfied"),
        Basically = ("基本满意", "basically_satisfied"),
        Dissatisfied = ("不满意", "dissatisfied"),
    }
}

/// One person (or organisation) bringing a petition.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Petitioner {
    pub name: String,
    /// The keyed hash of the identity number, when one was given.
    pub identity: Option<IdentityKey>,
    /// The number masked for display (4301**********123X).
    pub masked: Option<String>,
}

/// One petition (信访件) as registered, with where its handling stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Petition {
    /// The court handling it.
    pub court: CourtCode,
    /// 登记号: the office's own number, unique in the court; what a re-import matches on.
    pub register_no: String,
    /// 登记日期: the day it was received.
    pub received_on: NaiveDate,
    pub channel: Channel,
    /// Who sent it down, for 上级交办.
    pub referrer: Option<Referrer>,
    pub petitioners: Vec<Petitioner>,
    /// 人数: how many came (a group visit, 集体访, brings several).
    pub head_count: u32,
    /// The cases it concerns.
    pub cases: Vec<CaseNumber>,
    pub subject: Subject,
    pub level: Level,
    /// 第几巡回法庭 (1–6), for a petition that went to a circuit court or came from one.
    pub circuit: Option<u8>,
    /// 越级: it passed over a level (to the province or Beijing before the city).
    pub skipped_levels: bool,
    pub division: Option<String>,
    /// 承办人: the person handling it.
    pub handler: Option<String>,
    pub screening: Option<Screening>,
    /// For 诉: where it was sent, the case it became, or why it could not be.
    pub route: Option<Route>,
    pub routed_case: Option<CaseNumber>,
    pub not_routed_reason: Option<String>,
    /// 受理: the day acceptance was decided and told.
    pub accepted_on: Option<NaiveDate>,
    /// The handling limit extended (延长办理期限).
    pub extended: bool,
    /// 答复: the day the reply (办理意见) was given, and its result.
    pub replied_on: Option<NaiveDate>,
    pub outcome: Option<Outcome>,
    pub satisfaction: Option<Satisfaction>,
    /// 复查: asked and answered.
    pub review_asked_on: Option<NaiveDate>,
    pub review_replied_on: Option<NaiveDate>,
    /// 复核: asked and answered.
    pub recheck_asked_on: Option<NaiveDate>,
    pub recheck_replied_on: Option<NaiveDate>,
    /// 化解: the matter resolved, and how.
    pub resolved_on: Option<NaiveDate>,
    pub resolution: Option<String>,
    /// 依法终结: ended by the approving level after legal procedure was exhausted.
    pub ended_on: Option<NaiveDate>,
    pub ended_by: Option<String>,
    /// 息访: the petitioner stopped.
    pub stopped_on: Option<NaiveDate>,
}

impl Petition {
    /// A petition received on `received_on`, with nothing done yet.
    pub fn received(
        court: CourtCode,
        register_no: &str,
        received_on: NaiveDate,
        channel: Channel,
        subject: Subject,
    ) -> Petition {
        Petition {
            court,
            register_no: register_no.to_string(),
            received_on,
            channel,
            referrer: None,
            petitioners: Vec::new(),
            head_count: 1,
            cases: Vec::new(),
            subject,
            level: Level::Court,
            circuit: None,
            skipped_levels: false,
            division: None,
            handler: None,
            screening: None,
            route: None,
            routed_case: None,
            not_routed_reason: None,
            accepted_on: None,
            extended: false,
            replied_on: None,
            outcome: None,
            satisfaction: None,
            review_asked_on: None,
            review_replied_on: None,
            recheck_asked_on: None,
            recheck_replied_on: None,
            resolved_on: None,
            resolution: None,
            ended_on: None,
            ended_by: None,
            stopped_on: None,
        }
    }

    /// 执行信访: about enforcement, or about an enforcement case.
    pub fn is_enforcement(&self) -> bool {
        self.subject == Subject::Enforcement
            || self
                .cases
                .iter()
                .any(|c| c.stage() == Some(crate::Stage::Enforcement))
    }

    /// 集体访: brought by `group_size` people or more at once.
    pub fn is_group(&self, group_size: u32) -> bool {
        self.head_count >= group_size
    }

    /// The day it was concluded (办结): replied to with a result, routed into legal procedure
    /// with the route (or why it could not be taken) recorded — on the day it was accepted, else
    /// received — or ended by law; the first of these.
    pub fn concluded_on(&self) -> Option<NaiveDate> {
        let routed = (self.screening == Some(Screening::Litigation)
            && (self.routed_case.is_some() || self.not_routed_reason.is_some()))
        .then(|| self.accepted_on.unwrap_or(self.received_on));
        [self.replied_on, routed, self.ended_on]
            .into_iter()
            .flatten()
            .min()
    }

    /// 办结 on or before `day`.
    pub fn concluded_by(&self, day: NaiveDate) -> bool {
        self.concluded_on().is_some_and(|d| d <= day)
    }
}

#[cfg(test)]
mod tests;
