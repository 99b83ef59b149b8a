//! The columns of the judicial assistance register (司法救助台账): one row per application (a 司救
//! case), as the office keeps it and as an export writes it. Several original cases in a cell are
//! separated by 、 ， , ； or ;.

/// A canonical column of the assistance register.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum AssistanceColumn {
    CaseNo,
    Applicant,
    /// 证件号码: read on import, never stored or exported.
    IdNumber,
    /// 身份标识: the keyed hash, as exports write it; read when a row has no number.
    IdentityKey,
    /// 脱敏证件号码: exported for reading; read back with the key.
    IdMasked,
    AppliedOn,
    OriginCases,
    DecidedOn,
    Decision,
    Amount,
    OverCapReason,
    PaidOn,
}

impl From<AssistanceColumn> for usize {
    fn from(column: AssistanceColumn) -> usize {
        column as usize
    }
}

use AssistanceColumn as A;

/// Every column in file order: the column, its English and Chinese headers, and other headers
/// accepted.
#[rustfmt::skip]
pub const ASSISTANCE_COLUMNS: &[(AssistanceColumn, &str, &str, &[&str])] = &[
    (A::CaseNo, "case_no", "案号", &["救助案号", "司法救助案号"]),
    (A::Applicant, "applicant", "申请人", &["救助申请人", "申请人姓名"]),
    (A::IdNumber, "id_number", "证件号码", &["身份证号码", "身份证号"]),
    (A::IdentityKey, "identity_key", "身份标识", &[]),
    (A::IdMasked, "id_masked", "脱敏证件号码", &["证件号码脱敏"]),
    (A::AppliedOn, "applied_on", "申请日期", &["救助申请日期"]),
    (A::OriginCases, "origin_cases", "原案号", &["原审案号", "关联案号", "涉及案号"]),
    (A::DecidedOn, "decided_on", "决定日期", &["审批日期", "救助决定日期"]),
    (A::Decision, "decision", "决定结果", &["救助决定", "是否救助"]),
    (A::Amount, "amount", "救助金额", &["救助金额（元）", "金额"]),
    (A::OverCapReason, "over_cap_reason", "超出上限理由", &["超额理由"]),
    (A::PaidOn, "paid_on", "发放日期", &["支付日期", "救助金发放日期"]),
];

/// The header text of a column in the chosen language.
pub fn assistance_header(column: AssistanceColumn, chinese: bool) -> &'static str {
    ASSISTANCE_COLUMNS
        .iter()
        .find(|(c, ..)| *c == column)
        .map(|(_, en, zh, _)| if chinese { *zh } else { *en })
        .unwrap_or("")
}
