//! The columns of the service (送达) files: the service records (送达记录, one row per attempt, a
//! task without an attempt yet on a row of its own), the parties' address confirmations
//! (送达地址确认书), and the postal batch (邮寄结果) a post office's 法院专递 export gives — the
//! tracking number, the addressee, the delivery status and its day, the reason a mail came back
//! and who signed for it. Each file is known by its header (`columns::resolve_header`).

/// A canonical column of the service records file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ServiceColumn {
    CaseNo,
    Document,
    Recipient,
    RecipientKind,
    /// 证件号码: read on import, keyed at once, never stored or exported.
    IdNumber,
    /// 身份标识: the keyed hash, as exports write it; read when a row has no number.
    IdentityKey,
    Address,
    Foreign,
    CreatedOn,
    Seq,
    Method,
    AttemptedOn,
    Outcome,
    ServedOn,
    Failure,
    Proof,
    TrackingNo,
    EntrustedCourt,
    ByUser,
}

impl From<ServiceColumn> for usize {
    fn from(column: ServiceColumn) -> usize {
        column as usize
    }
}

use ServiceColumn as S;

/// Every service records column in file order: the column, its English and Chinese headers, and
/// other headers accepted.
#[rustfmt::skip]
pub const SERVICE_COLUMNS: &[(ServiceColumn, &str, &str, &[&str])] = &[
    (S::CaseNo, "case_no", "案号", &["caseno", "casenumber"]),
    (S::Document, "document", "送达文书", &["送达文书名称", "文书名称", "送达内容"]),
    (S::Recipient, "recipient", "受送达人", &["受送达人姓名", "受送达人名称"]),
    (S::RecipientKind, "recipient_kind", "受送达人类别", &["受送达人身份", "受送达人类型"]),
    (S::IdNumber, "identity_number", "证件号码", &["身份证号码", "身份证号", "证件号", "id_number"]),
    (S::IdentityKey, "identity_key", "身份标识", &[]),
    (S::Address, "address", "送达地址", &["受送达人地址"]),
    (S::Foreign, "foreign", "涉外", &["是否涉外", "在中国境内无住所"]),
    (S::CreatedOn, "created_on", "任务创建日期", &["任务日期", "交办日期"]),
    (S::Seq, "seq", "送达次序", &["送达次数", "第几次送达"]),
    (S::Method, "method", "送达方式", &[]),
    (S::AttemptedOn, "attempted_on", "送达日期", &["发出日期", "送达时间", "公告日期"]),
    (S::Outcome, "outcome", "送达结果", &["送达状态"]),
    (S::ServedOn, "served_on", "签收日期", &["送达生效日期", "视为送达日期", "签收时间"]),
    (S::Failure, "failure", "未送达原因", &["送达失败原因", "退回原因"]),
    (S::Proof, "proof", "送达凭证", &["送达证明"]),
    (S::TrackingNo, "tracking_no", "邮件号", &["邮件号码", "邮件编号", "运单号", "挂号号码"]),
    (S::EntrustedCourt, "entrusted_court", "受托法院", &["委托送达法院"]),
    (S::ByUser, "by_user", "送达人", &["送达人员"]),
];

/// A canonical column of the address confirmations file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ConfirmationColumn {
    CaseNo,
    Party,
    /// 证件号码: read on import, keyed at once, never stored or exported.
    IdNumber,
    IdentityKey,
    SignedOn,
    Address,
    Electronic,
    Channel,
}

impl From<ConfirmationColumn> for usize {
    fn from(column: ConfirmationColumn) -> usize {
        column as usize
    }
}

use ConfirmationColumn as C;

/// Every confirmations column in file order.
#[rustfmt::skip]
pub const CONFIRMATION_COLUMNS: &[(ConfirmationColumn, &str, &str, &[&str])] = &[
    (C::CaseNo, "case_no", "案号", &["caseno", "casenumber"]),
    (C::Party, "party", "当事人", &["当事人姓名", "当事人名称", "签署人"]),
    (C::IdNumber, "identity_number", "证件号码", &["身份证号码", "身份证号", "证件号", "id_number"]),
    (C::IdentityKey, "identity_key", "身份标识", &[]),
    (C::SignedOn, "signed_on", "签署日期", &["签收确认日期", "确认日期", "签字日期"]),
    (C::Address, "address", "确认送达地址", &["送达地址", "确认的送达地址"]),
    (C::Electronic, "electronic", "同意电子送达", &["是否同意电子送达", "电子送达同意范围"]),
    (C::Channel, "channel", "电子送达地址", &["电子送达方式", "电子送达号码"]),
];

/// A column of a post office's batch of delivery results (法院专递妥投清单).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PostalColumn {
    TrackingNo,
    Recipient,
    Address,
    /// 收寄日期: the day the post office took the mail, when the export has it.
    PostedOn,
    Status,
    DeliveredOn,
    Reason,
    /// 签收人: read for its shape and dropped (who signed is on the receipt the court keeps).
    Signer,
}

impl From<PostalColumn> for usize {
    fn from(column: PostalColumn) -> usize {
        column as usize
    }
}

use PostalColumn as M;

/// Every postal batch column in file order, with the headers post office exports are seen to use.
#[rustfmt::skip]
pub const POSTAL_COLUMNS: &[(PostalColumn, &str, &str, &[&str])] = &[
    (M::TrackingNo, "tracking_no", "邮件号", &["邮件号码", "邮件编号", "运单号", "挂号号码", "邮件条码", "条码号"]),
    (M::Recipient, "recipient", "收件人", &["收件人姓名", "收件人名称"]),
    (M::Address, "address", "收件地址", &["收件人地址", "收件人详细地址"]),
    (M::PostedOn, "posted_on", "收寄日期", &["寄件日期", "交寄日期", "收寄时间"]),
    (M::Status, "status", "投递状态", &["邮件状态", "投递结果", "妥投状态", "妥投情况"]),
    (M::DeliveredOn, "delivered_on", "投递日期", &["签收日期", "妥投日期", "签收时间", "妥投时间", "投递时间", "退回日期"]),
    (M::Reason, "reason", "退回原因", &["未妥投原因", "退件原因", "投递失败原因", "未妥投原因说明"]),
    (M::Signer, "signer", "签收人", &["签收人姓名"]),
];

fn header_of<C: Copy + PartialEq>(
    table: &[(C, &'static str, &'static str, &[&str])],
    column: C,
    chinese: bool,
) -> &'static str {
    table
        .iter()
        .find(|(c, ..)| *c == column)
        .map(|(_, en, zh, _)| if chinese { *zh } else { *en })
        .unwrap_or("")
}

/// The header text of a service records column in the chosen language.
pub fn service_header(column: ServiceColumn, chinese: bool) -> &'static str {
    header_of(SERVICE_COLUMNS, column, chinese)
}

/// The header text of a confirmations column in the chosen language.
pub fn confirmation_header(column: ConfirmationColumn, chinese: bool) -> &'static str {
    header_of(CONFIRMATION_COLUMNS, column, chinese)
}

/// The header text of a postal batch column in the chosen language.
pub fn postal_header(column: PostalColumn, chinese: bool) -> &'static str {
    header_of(POSTAL_COLUMNS, column, chinese)
}
