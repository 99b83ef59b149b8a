//! Service of process (送达): a task is one document to one recipient in a case; an attempt is
//! one try at serving it, by one lawful method, with its result, the reason it failed and the
//! proof kept. What the law says of timing is `service/timing.rs` (the announcement period and
//! its exclusion from the time limit, the days an entrusted court has); whether an electronic
//! service counts is `service/consent.rs`; what a task came to on a day is `service/outcome.rs`.
//! The readings are in `docs/service.md`.

pub mod consent;
pub mod outcome;
pub mod timing;

#[cfg(test)]
mod tests;

use chrono::NaiveDate;

use crate::party::{UnknownName, find};

/// A lawful method of service (民事诉讼法 第七章第二节).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// 直接送达: handed to the recipient (or an adult family member, the person in charge).
    Direct,
    /// 留置送达: left at the residence on refusal, with witnesses or a photo or video record.
    Left,
    /// 电子送达: fax, e-mail, text message or platform, only with the recipient's consent.
    Electronic,
    /// 邮寄送达: by court post (法院专递), the date on the return receipt counts.
    Post,
    /// 委托送达: another court serves on request, within its days of receiving it.
    Entrusted,
    /// 转交送达: through a soldier's unit or a detainee's place of detention.
    Forwarded,
    /// 公告送达: by public announcement, deemed served when its period has run.
    Notice,
}

#[rustfmt::skip]
const METHODS: &[(Method, &str, &str, &[&str])] = &[
    (Method::Direct, "直接送达", "direct", &["直接", "当面送达"]),
    (Method::Left, "留置送达", "left", &["留置"]),
    (Method::Electronic, "电子送达", "electronic", &["电子", "短信送达", "邮箱送达", "传真送达"]),
    (Method::Post, "邮寄送达", "post", &["邮寄", "法院专递", "EMS", "邮政专递"]),
    (Method::Entrusted, "委托送达", "entrusted", &["委托"]),
    (Method::Forwarded, "转交送达", "forwarded", &["转交"]),
    (Method::Notice, "公告送达", "notice", &["公告"]),
];

impl Method {
    pub const ALL: [Method; 7] = [
        Method::Direct,
        Method::Left,
        Method::Electronic,
        Method::Post,
        Method::Entrusted,
        Method::Forwarded,
        Method::Notice,
    ];

    pub fn label_zh(self) -> &'static str {
        METHODS.iter().find(|m| m.0 == self).map_or("", |m| m.1)
    }

    pub fn key(self) -> &'static str {
        METHODS.iter().find(|m| m.0 == self).map_or("", |m| m.2)
    }

    pub fn parse(text: &str) -> Result<Method, UnknownName> {
        find(METHODS, text).ok_or_else(|| UnknownName::new(("送达方式", "method"), text, METHODS))
    }
}

/// What an attempt came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// 已送达: signed for, left, received by the system, or the announcement period has run.
    Served,
    /// 未送达: the attempt failed, for the reason recorded.
    Failed,
    /// 送达中: mailed and not yet delivered, with the other court, announced and still running.
    Waiting,
}

#[rustfmt::skip]
const OUTCOMES: &[(Outcome, &str, &str, &[&str])] = &[
    (Outcome::Served, "已送达", "served", &["送达成功", "成功", "妥投", "签收", "已签收"]),
    (Outcome::Failed, "未送达", "failed", &["送达失败", "失败", "未妥投"]),
    (Outcome::Waiting, "送达中", "waiting", &["在途", "待签收", "公告中", "委托中"]),
];

impl Outcome {
    pub fn label_zh(self) -> &'static str {
        OUTCOMES.iter().find(|o| o.0 == self).map_or("", |o| o.1)
    }

    pub fn key(self) -> &'static str {
        OUTCOMES.iter().find(|o| o.0 == self).map_or("", |o| o.2)
    }

    pub fn parse(text: &str) -> Result<Outcome, UnknownName> {
        find(OUTCOMES, text).ok_or_else(|| UnknownName::new(("送达结果", "result"), text, OUTCOMES))
    }
}

/// Why an attempt failed, in the words a postal return or a server's report uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Failure {
    /// 拒收: the recipient refused (by post; in person a refusal is met by 留置).
    Refused,
    /// 查无此人: nobody of that name at the address.
    NoSuchPerson,
    /// 地址不详: the address is incomplete or wrong.
    AddressUnknown,
    /// 无人签收: nobody there to sign, after the tries the carrier makes.
    NobodyToSign,
    /// 迁移新址不明: moved, new address unknown.
    Moved,
    /// 退回: returned without another reason given.
    Returned,
    /// 逾期未读: an electronic message not received or not opened.
    NotReceived,
    /// 其他.
    Other,
}

#[rustfmt::skip]
const FAILURES: &[(Failure, &str, &str, &[&str])] = &[
    (Failure::Refused, "拒收", "refused", &["拒绝签收", "拒签"]),
    (Failure::NoSuchPerson, "查无此人", "no_such_person", &["无此人"]),
    (Failure::AddressUnknown, "地址不详", "address_unknown", &["地址不详细", "地址错误", "地址有误", "原址查无"]),
    (Failure::NobodyToSign, "无人签收", "nobody_to_sign", &["无人接收", "家中无人", "多次投递无人"]),
    (Failure::Moved, "迁移新址不明", "moved", &["搬迁", "迁移"]),
    (Failure::Returned, "退回", "returned", &["原件退回", "邮件退回"]),
    (Failure::NotReceived, "未接收", "not_received", &["逾期未读", "发送失败"]),
    (Failure::Other, "其他", "other", &[]),
];

impl Failure {
    pub const ALL: [Failure; 8] = [
        Failure::Refused,
        Failure::NoSuchPerson,
        Failure::AddressUnknown,
        Failure::NobodyToSign,
        Failure::Moved,
        Failure::Returned,
        Failure::NotReceived,
        Failure::Other,
    ];

    pub fn label_zh(self) -> &'static str {
        FAILURES.iter().find(|f| f.0 == self).map_or("", |f| f.1)
    }

    pub fn key(self) -> &'static str {
        FAILURES.iter().find(|f| f.0 == self).map_or("", |f| f.2)
    }

    pub fn parse(text: &str) -> Result<Failure, UnknownName> {
        find(FAILURES, text)
            .ok_or_else(|| UnknownName::new(("未送达原因", "failure reason"), text, FAILURES))
    }
}

/// The proof an attempt keeps.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Proof {
    /// 送达回证: the receipt the recipient signs.
    Receipt,
    /// 邮件回执: the postal return receipt or the carrier's delivery record.
    PostalReceipt,
    /// 电子送达回执: the system's record that the message reached the recipient.
    ElectronicReceipt,
    /// 留置影像: the photo or video of service left at the residence.
    Recording,
    /// 公告凭证: the announcement as published (the page, the board, a photo of the posting).
    NoticeRecord,
}

#[rustfmt::skip]
const PROOFS: &[(Proof, &str, &str, &[&str])] = &[
    (Proof::Receipt, "送达回证", "receipt", &["回证"]),
    (Proof::PostalReceipt, "邮件回执", "postal_receipt", &["妥投记录", "签收回执", "邮寄回执"]),
    (Proof::ElectronicReceipt, "电子送达回执", "electronic_receipt", &["电子回执", "送达成功记录"]),
    (Proof::Recording, "留置影像", "recording", &["照片", "录像", "视频", "留置照片", "留置录像"]),
    (Proof::NoticeRecord, "公告凭证", "notice_record", &["公告版面", "公告截图", "张贴照片"]),
];

impl Proof {
    pub fn label_zh(self) -> &'static str {
        PROOFS.iter().find(|p| p.0 == self).map_or("", |p| p.1)
    }

    pub fn key(self) -> &'static str {
        PROOFS.iter().find(|p| p.0 == self).map_or("", |p| p.2)
    }

    pub fn parse(text: &str) -> Result<Proof, UnknownName> {
        find(PROOFS, text).ok_or_else(|| UnknownName::new(("送达凭证", "proof"), text, PROOFS))
    }

    /// The proof the method's rule asks for: 留置 is recorded on photo or video, 公告 keeps the
    /// announcement; the others a receipt of their kind.
    pub fn expected(method: Method) -> Proof {
        match method {
            Method::Direct | Method::Entrusted | Method::Forwarded => Proof::Receipt,
            Method::Left => Proof::Recording,
            Method::Electronic => Proof::ElectronicReceipt,
            Method::Post => Proof::PostalReceipt,
            Method::Notice => Proof::NoticeRecord,
        }
    }
}

/// Who receives the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RecipientKind {
    /// 当事人.
    Party,
    /// 诉讼代理人 (or a recipient the party designated, 代收人).
    Agent,
    /// 其他诉讼参与人: a witness, an expert, a person assisting in enforcement.
    Other,
}

#[rustfmt::skip]
const RECIPIENTS: &[(RecipientKind, &str, &str, &[&str])] = &[
    (RecipientKind::Party, "当事人", "party", &[]),
    (RecipientKind::Agent, "诉讼代理人", "agent", &["代理人", "代收人", "委托代理人"]),
    (RecipientKind::Other, "其他诉讼参与人", "other", &["其他", "证人", "鉴定人", "协助执行人"]),
];

impl RecipientKind {
    pub fn label_zh(self) -> &'static str {
        RECIPIENTS.iter().find(|r| r.0 == self).map_or("", |r| r.1)
    }

    pub fn key(self) -> &'static str {
        RECIPIENTS.iter().find(|r| r.0 == self).map_or("", |r| r.2)
    }

    pub fn parse(text: &str) -> Result<RecipientKind, UnknownName> {
        find(RECIPIENTS, text).ok_or_else(|| {
            UnknownName::new(("受送达人类别", "kind of recipient"), text, RECIPIENTS)
        })
    }
}

/// Whether a document is a 裁判文书 (judgment, ruling, mediation statement): before 2022 they
/// could not be served electronically, and a consent may leave them out.
pub fn is_decision(document: &str) -> bool {
    ["判决书", "裁定书", "调解书"]
        .iter()
        .any(|kind| document.contains(kind))
}

/// One attempt at serving a task's document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    /// 1 for the first attempt of the task, and so on.
    pub seq: u32,
    pub method: Method,
    /// The day it was made: handed over, mailed, sent, requested of the other court, or the
    /// announcement published (the last posting or publication).
    pub attempted_on: NaiveDate,
    pub outcome: Outcome,
    /// The day it took effect: signed for, left, received, the announcement's period run.
    pub served_on: Option<NaiveDate>,
    pub failure: Option<Failure>,
    pub proof: Option<Proof>,
}

/// Whether the attempt's own fields agree: a served attempt has its day (not before the
/// attempt), a failed one its reason and no day of service, a waiting one neither.
pub fn attempt_agrees(attempt: &Attempt) -> Result<(), crate::Text> {
    use crate::text;
    match (attempt.outcome, attempt.served_on, attempt.failure) {
        (Outcome::Served, None, _) => Err(text!(
            "已送达的须写明送达日期",
            "a served attempt needs the day it was served"
        )),
        (Outcome::Served, Some(on), _) if on < attempt.attempted_on => Err(text!(
            "送达日期（{on}）早于送达尝试日期（{}）",
            "the day served ({on}) is before the attempt ({})",
            attempt.attempted_on
        )),
        (Outcome::Served, _, Some(_)) => Err(text!(
            "已送达的不应有未送达原因",
            "a served attempt has no failure reason"
        )),
        (Outcome::Failed, _, None) => Err(text!(
            "未送达的须写明原因（拒收、查无此人、地址不详……）",
            "a failed attempt needs its reason (refused, no such person, address unknown …)"
        )),
        (Outcome::Failed | Outcome::Waiting, Some(_), _) => Err(text!(
            "未送达或送达中的不应有送达日期",
            "an attempt not served has no day of service"
        )),
        (Outcome::Waiting, _, Some(_)) => Err(text!(
            "送达中的不应有未送达原因",
            "an attempt still waiting has no failure reason"
        )),
        _ => Ok(()),
    }
}
