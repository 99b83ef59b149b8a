//! The columns of the petition register (信访登记表): one row per petition, as a petition office
//! keeps it in a spreadsheet and as an export writes it. Several petitioners or cases in a cell
//! are separated by 、 ， , ； or ;.

/// A canonical column of the petition register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PetitionColumn {
    RegisterNo,
    Court,
    ReceivedOn,
    Channel,
    Referrer,
    Petitioners,
    /// 证件号码: read on import, never stored or exported.
    IdNumbers,
    /// 身份标识: the keyed hashes, as exports write them; read when a row has no numbers.
    IdentityKeys,
    /// 脱敏证件号码: exported for reading; ignored on import.
    IdMasked,
    HeadCount,
    Cases,
    Subject,
    Level,
    Circuit,
    SkippedLevels,
    Division,
    Handler,
    Screening,
    Route,
    RoutedCase,
    NotRoutedReason,
    AcceptedOn,
    Extended,
    RepliedOn,
    Outcome,
    Satisfaction,
    ReviewAskedOn,
    ReviewRepliedOn,
    RecheckAskedOn,
    RecheckRepliedOn,
    ResolvedOn,
    Resolution,
    EndedOn,
    EndedBy,
    StoppedOn,
}

impl From<PetitionColumn> for usize {
    fn from(column: PetitionColumn) -> usize {
        column as usize
    }
}

use PetitionColumn as P;

/// Every register column in file order: the column, its English and Chinese headers, and other
/// headers accepted.
#[rustfmt::skip]
pub const PETITION_COLUMNS: &[(PetitionColumn, &str, &str, &[&str])] = &[
    (P::RegisterNo, "register_no", "登记号", &["登记编号", "信访编号", "信访登记号"]),
    (P::Court, "court", "法院代字", &["court_code", "承办法院代字", "法院"]),
    (P::ReceivedOn, "received_on", "登记日期", &["信访日期", "来信来访日期", "收信日期", "接访日期"]),
    (P::Channel, "channel", "来源", &["信访方式", "信访形式", "来源方式"]),
    (P::Referrer, "referrer", "交办单位", &["交办机关", "转交单位"]),
    (P::Petitioners, "petitioners", "信访人", &["信访人姓名", "来访人"]),
    (P::IdNumbers, "id_numbers", "证件号码", &["身份证号码", "身份证号", "信访人身份证号"]),
    (P::IdentityKeys, "identity_keys", "身份标识", &[]),
    (P::IdMasked, "id_masked", "脱敏证件号码", &["证件号码脱敏"]),
    (P::HeadCount, "head_count", "人数", &["来访人数", "信访人数"]),
    (P::Cases, "cases", "涉及案号", &["涉及案件", "关联案号", "相关案号"]),
    (P::Subject, "subject", "事项类别", &["信访事项类别", "信访类别", "诉求类别", "反映问题类别"]),
    (P::Level, "level", "信访层级", &["层级", "去向"]),
    (P::Circuit, "circuit", "巡回法庭", &["第几巡回法庭"]),
    (P::SkippedLevels, "skipped_levels", "越级", &["是否越级"]),
    (P::Division, "division", "承办部门", &["部门"]),
    (P::Handler, "handler", "承办人", &["经办人"]),
    (P::Screening, "screening", "诉访分离", &["甄别结果", "诉访甄别"]),
    (P::Route, "route", "导入程序", &["导入诉讼程序"]),
    (P::RoutedCase, "routed_case", "导入案号", &["导入后案号"]),
    (P::NotRoutedReason, "not_routed_reason", "未能导入原因", &[]),
    (P::AcceptedOn, "accepted_on", "受理日期", &["受理告知日期"]),
    (P::Extended, "extended", "延长办理", &["是否延期", "延期办理"]),
    (P::RepliedOn, "replied_on", "答复日期", &["办结日期", "答复时间"]),
    (P::Outcome, "outcome", "办理结果", &["处理结果", "办理结论"]),
    (P::Satisfaction, "satisfaction", "满意度", &["信访人评价", "评价"]),
    (P::ReviewAskedOn, "review_asked_on", "复查申请日期", &[]),
    (P::ReviewRepliedOn, "review_replied_on", "复查答复日期", &[]),
    (P::RecheckAskedOn, "recheck_asked_on", "复核申请日期", &[]),
    (P::RecheckRepliedOn, "recheck_replied_on", "复核答复日期", &[]),
    (P::ResolvedOn, "resolved_on", "化解日期", &[]),
    (P::Resolution, "resolution", "化解方式", &["化解情况"]),
    (P::EndedOn, "ended_on", "终结日期", &["依法终结日期"]),
    (P::EndedBy, "ended_by", "终结批准机关", &["终结审批机关"]),
    (P::StoppedOn, "stopped_on", "息访日期", &[]),
];

/// The header text of a register column in the chosen language.
pub fn petition_header(column: PetitionColumn, chinese: bool) -> &'static str {
    PETITION_COLUMNS
        .iter()
        .find(|(c, ..)| *c == column)
        .map(|(_, en, zh, _)| if chinese { *zh } else { *en })
        .unwrap_or("")
}

/// A column of the high court's petition notice (省法院通报): one row per city.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NoticeColumn {
    From,
    To,
    Region,
    Court,
    ToProvince,
    ToBeijing,
    ToCircuit,
}

impl From<NoticeColumn> for usize {
    fn from(column: NoticeColumn) -> usize {
        column as usize
    }
}

/// Every notice column in file order.
#[rustfmt::skip]
pub const NOTICE_COLUMNS: &[(NoticeColumn, &str, &str, &[&str])] = &[
    (NoticeColumn::From, "from", "通报期间起", &["期间起", "起始日期", "开始日期"]),
    (NoticeColumn::To, "to", "通报期间止", &["期间止", "截止日期", "结束日期"]),
    (NoticeColumn::Region, "region", "地区", &["市州", "单位", "中院"]),
    (NoticeColumn::Court, "court", "法院代字", &["court_code"]),
    (NoticeColumn::ToProvince, "to_province", "赴省信访", &["赴省", "赴省访", "赴省信访量"]),
    (NoticeColumn::ToBeijing, "to_beijing", "赴京信访", &["赴京", "进京访", "赴京访", "赴京信访量"]),
    (NoticeColumn::ToCircuit, "to_circuit", "赴巡回法庭信访", &["赴巡", "赴巡回法庭", "赴巡信访量"]),
];
