//! Kinds of case events (流程节点): the steps of a case's timeline that court case systems record,
//! with their Chinese names, and which of them are enforcement measures (执行措施).
//!
//! The list covers the receipt of the complaint and the steps of filing, service, hearing and closing, the changes of the time
//! limit, the steps after closing, and the enforcement measures of the rules on enforcement and on
//! 终结本次执行程序 (法〔2016〕373号: 执行通知, 报告财产令, 网络查控, 现场调查, 限制消费, 纳入失信 …).
//! A step that has no kind here is imported as 其他 with its name in the detail; an unknown name is
//! a row error that lists these. Each kind has one canonical name (what the store keeps and the
//! files write) and the other names court systems use for it.

use std::cmp::Ordering;
use std::fmt;

/// A kind of case event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// 收到起诉材料: the court received the complaint or application, before it decided to file
    /// (CPL 2023 Art. 126 gives seven days); recorded by the systems that log receipt.
    MaterialsReceived,
    Filed,
    Assigned,
    Reassigned,
    FileReceived,
    Service,
    Hearing,
    Assessment,
    Mediation,
    ExtensionApproved,
    ExclusionStarted,
    ExclusionEnded,
    Suspended,
    Resumed,
    Closed,
    Appealed,
    FileSentUp,
    Archived,
    EnforcementNotice,
    PropertyReportOrder,
    OnlineInquiry,
    SiteInvestigation,
    Sealing,
    Seizure,
    Freezing,
    Deduction,
    Auction,
    SaleOff,
    DebtInKind,
    ConsumptionLimit,
    ExitBan,
    DishonestList,
    Interview,
    Search,
    Fine,
    Detention,
    Reward,
    TerminationRuling,
    PostTerminationInquiry,
    Other,
}

use EventKind as E;

/// Every kind: canonical Chinese name, English key, other names accepted on import.
#[rustfmt::skip]
const KINDS: &[(EventKind, &str, &str, &[&str])] = &[
    (E::MaterialsReceived, "收到起诉材料", "materials_received", &["收到诉状", "接收起诉材料", "收到立案材料"]),
    (E::Filed, "立案", "filed", &["收案", "网上立案"]),
    (E::Assigned, "分案", "assigned", &["随机分案"]),
    (E::Reassigned, "变更承办人", "reassigned", &["变更承办法官", "重新分案"]),
    (E::FileReceived, "收到上诉卷宗", "file_received", &["收卷"]),
    (E::Service, "送达", "service", &["电子送达", "邮寄送达", "直接送达", "公告送达", "留置送达"]),
    (E::Hearing, "开庭", "hearing", &["庭审"]),
    (E::Assessment, "鉴定", "assessment", &["委托鉴定", "司法鉴定", "评估"]),
    (E::Mediation, "调解", "mediation", &["诉前调解", "委托调解", "庭前调解"]),
    (E::ExtensionApproved, "延长审限", "extension_approved", &["批准延长审限"]),
    (E::ExclusionStarted, "扣除审限开始", "exclusion_started", &[]),
    (E::ExclusionEnded, "扣除审限结束", "exclusion_ended", &[]),
    (E::Suspended, "中止", "suspended", &["中止审理", "中止执行"]),
    (E::Resumed, "恢复", "resumed", &["恢复审理", "恢复执行"]),
    (E::Closed, "结案", "closed", &["审结", "执结"]),
    (E::Appealed, "上诉", "appealed", &["提起上诉"]),
    (E::FileSentUp, "移送上诉卷宗", "file_sent_up", &["上诉移送"]),
    (E::Archived, "归档", "archived", &[]),
    (E::EnforcementNotice, "执行通知", "enforcement_notice", &["发出执行通知书"]),
    (E::PropertyReportOrder, "报告财产令", "property_report_order", &["责令报告财产"]),
    (E::OnlineInquiry, "查控", "online_inquiry", &["网络查控", "总对总查控", "点对点查控"]),
    (E::SiteInvestigation, "现场调查", "site_investigation", &["实地调查"]),
    (E::Sealing, "查封", "sealing", &[]),
    (E::Seizure, "扣押", "seizure", &[]),
    (E::Freezing, "冻结", "freezing", &[]),
    (E::Deduction, "扣划", "deduction", &["划拨"]),
    (E::Auction, "拍卖", "auction", &["网络拍卖", "司法拍卖"]),
    (E::SaleOff, "变卖", "sale_off", &[]),
    (E::DebtInKind, "以物抵债", "debt_in_kind", &[]),
    (E::ConsumptionLimit, "限制消费", "consumption_limit", &["限制高消费"]),
    (E::ExitBan, "限制出境", "exit_ban", &[]),
    (E::DishonestList, "失信", "dishonest_list", &["纳入失信", "纳入失信被执行人名单"]),
    (E::Interview, "约谈", "interview", &["约谈申请执行人", "约谈被执行人"]),
    (E::Search, "搜查", "search", &[]),
    (E::Fine, "罚款", "fine", &[]),
    (E::Detention, "拘留", "detention", &["司法拘留"]),
    (E::Reward, "悬赏", "reward", &["悬赏公告"]),
    (E::TerminationRuling, "终本裁定", "termination_ruling", &["终结本次执行程序裁定"]),
    (E::PostTerminationInquiry, "终本后查询", "post_termination_inquiry", &["终本后财产查询"]),
    (E::Other, "其他", "other", &[]),
];

impl EventKind {
    /// Every kind, in the order of the list above.
    pub fn all() -> impl Iterator<Item = EventKind> {
        KINDS.iter().map(|(kind, ..)| *kind)
    }

    fn entry(
        self,
    ) -> &'static (
        EventKind,
        &'static str,
        &'static str,
        &'static [&'static str],
    ) {
        // The table lists the kinds in their declaration order: a name is an index away (every
        // event written to a store or a file asks for one). The search is the safety net.
        KINDS
            .get(self as usize)
            .filter(|(kind, ..)| *kind == self)
            .or_else(|| KINDS.iter().find(|(kind, ..)| *kind == self))
            .unwrap_or(&KINDS[KINDS.len() - 1])
    }

    /// The canonical Chinese name, as the store keeps it and the files write it.
    pub fn label_zh(self) -> &'static str {
        self.entry().1
    }

    /// The English key.
    pub fn key(self) -> &'static str {
        self.entry().2
    }

    /// Reads a kind by its Chinese name, one of its other names, or its English key (spaces
    /// around it ignored).
    pub fn parse(text: &str) -> Result<EventKind, UnknownEventKind> {
        let text = text.trim();
        KINDS
            .iter()
            .find(|(_, zh, en, other)| *zh == text || *en == text || other.contains(&text))
            .map(|(kind, ..)| *kind)
            .ok_or_else(|| UnknownEventKind(text.to_string()))
    }

    /// An enforcement measure (执行措施): the court acting on the debtor or the property. Reading:
    /// inquiry and control of property, sealing, seizing, freezing, deducting, auction and sale,
    /// the consumption and exit limits, the dishonest-debtor list, interviews, search, fines,
    /// detention, rewards, and the inquiries after 终本; notices, orders to report property and
    /// service are steps of the procedure, not measures on property.
    pub fn is_enforcement_measure(self) -> bool {
        matches!(
            self,
            E::OnlineInquiry
                | E::SiteInvestigation
                | E::Sealing
                | E::Seizure
                | E::Freezing
                | E::Deduction
                | E::Auction
                | E::SaleOff
                | E::DebtInKind
                | E::ConsumptionLimit
                | E::ExitBan
                | E::DishonestList
                | E::Interview
                | E::Search
                | E::Fine
                | E::Detention
                | E::Reward
                | E::PostTerminationInquiry
        )
    }
}

/// Kinds sort by their canonical names in byte order, as the store sorts them.
impl Ord for EventKind {
    fn cmp(&self, other: &Self) -> Ordering {
        self.label_zh().cmp(other.label_zh())
    }
}

impl PartialOrd for EventKind {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for EventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label_zh())
    }
}

/// A kind name that is not in the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownEventKind(pub String);

impl UnknownEventKind {
    pub fn message_zh(&self) -> String {
        let names: Vec<&str> = EventKind::all().map(EventKind::label_zh).collect();
        format!(
            "事件“{}”无法识别；可用的事件：{}（其他节点请写“其他”，名称写入详情）",
            self.0,
            names.join("、")
        )
    }

    pub fn message_en(&self) -> String {
        let names: Vec<&str> = EventKind::all().map(EventKind::key).collect();
        format!(
            "unknown event kind “{}”; the kinds are: {} (write 其他/other for any other step, with its name in the detail)",
            self.0,
            names.join(", ")
        )
    }
}

impl UnknownEventKind {
    /// The reason in both languages.
    pub fn text(&self) -> crate::Text {
        crate::Text::new(self.message_zh(), self.message_en())
    }
}

/// In Chinese, the default language; [`UnknownEventKind::text`] has both.
impl fmt::Display for UnknownEventKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message_zh())
    }
}

impl std::error::Error for UnknownEventKind {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_reads_back_as_its_kind_and_names_are_not_shared() {
        let mut seen = std::collections::HashSet::new();
        for (kind, zh, en, other) in KINDS {
            assert_eq!(kind.label_zh(), *zh);
            assert_eq!(kind.key(), *en);
            for name in std::iter::once(zh).chain([en]).chain(other.iter()) {
                assert_eq!(EventKind::parse(name), Ok(*kind), "{name}");
                assert!(seen.insert(*name), "{name} names two kinds");
            }
        }
        assert_eq!(EventKind::all().count(), KINDS.len());
        // In declaration order, so that a kind's entry is found by its index.
        for (index, (kind, ..)) in KINDS.iter().enumerate() {
            assert_eq!(*kind as usize, index, "{kind:?}");
        }
        assert_eq!(EventKind::parse(" 网络查控 "), Ok(EventKind::OnlineInquiry));
    }

    #[test]
    fn an_unknown_name_is_refused_with_the_list() {
        let error = EventKind::parse("开会").unwrap_err();
        assert_eq!(error, UnknownEventKind("开会".into()));
        let zh = error.message_zh();
        assert!(zh.contains("“开会”"), "{zh}");
        assert!(zh.contains("收到起诉材料、立案、分案"), "{zh}");
        assert!(zh.contains("终本后查询、其他"), "{zh}");
        assert!(
            error
                .message_en()
                .contains("materials_received, filed, assigned")
        );
    }

    #[test]
    fn measures_are_the_acts_on_property_and_person_not_the_steps_of_procedure() {
        use EventKind as E;
        for kind in [
            E::OnlineInquiry,
            E::Sealing,
            E::Freezing,
            E::Deduction,
            E::DishonestList,
        ] {
            assert!(kind.is_enforcement_measure(), "{kind}");
        }
        for kind in [
            E::Filed,
            E::Service,
            E::EnforcementNotice,
            E::TerminationRuling,
            E::Closed,
        ] {
            assert!(!kind.is_enforcement_measure(), "{kind}");
        }
    }

    #[test]
    fn kinds_sort_by_their_names_in_byte_order() {
        let mut kinds: Vec<EventKind> = EventKind::all().collect();
        kinds.sort();
        let names: Vec<&str> = kinds.iter().map(|k| k.label_zh()).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        assert_eq!(names, sorted);
    }
}
