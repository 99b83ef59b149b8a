//! Parties to a case (当事人) and money moving through an enforcement case (执行款).
//!
//! An identity number (身份证号码, 统一社会信用代码, a passport number) is never kept in clear: it
//! is turned, on the way in, into a keyed hash — the same person gives the same key in every
//! case, so repeat litigants and petitioners are found, but the number cannot be read back
//! without the network's secret — and a masked form for display (4301**********123X).

use std::fmt;

use chrono::NaiveDate;
use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::money::Money;

/// A party's standing in the case.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PartyRole {
    Plaintiff,
    Defendant,
    ThirdParty,
    Appellant,
    Appellee,
    Applicant,
    Respondent,
    /// 申请执行人: the creditor in enforcement.
    Creditor,
    /// 被执行人: the debtor in enforcement.
    Debtor,
    /// 被告人: the accused in a criminal case.
    Accused,
    PrivateProsecutor,
    Victim,
    Other,
}

use PartyRole as R;

/// Every role: Chinese name, English key, other names accepted.
#[rustfmt::skip]
const ROLES: &[(PartyRole, &str, &str, &[&str])] = &[
    (R::Plaintiff, "原告", "plaintiff", &["原审原告"]),
    (R::Defendant, "被告", "defendant", &["原审被告"]),
    (R::ThirdParty, "第三人", "third_party", &["原审第三人"]),
    (R::Appellant, "上诉人", "appellant", &[]),
    (R::Appellee, "被上诉人", "appellee", &[]),
    (R::Applicant, "申请人", "applicant", &["再审申请人", "申请保全人"]),
    (R::Respondent, "被申请人", "respondent", &["再审被申请人", "被申请保全人"]),
    (R::Creditor, "申请执行人", "creditor", &["执行申请人"]),
    (R::Debtor, "被执行人", "debtor", &[]),
    (R::Accused, "被告人", "accused", &["罪犯"]),
    (R::PrivateProsecutor, "自诉人", "private_prosecutor", &[]),
    (R::Victim, "被害人", "victim", &[]),
    (R::Other, "其他", "other", &["案外人", "利害关系人"]),
];

impl PartyRole {
    pub fn label_zh(self) -> &'static str {
        ROLES.iter().find(|r| r.0 == self).map_or("其他", |r| r.1)
    }

    pub fn parse(text: &str) -> Result<PartyRole, UnknownName> {
        find(ROLES, text).ok_or_else(|| UnknownName::new(("诉讼地位", "standing"), text, ROLES))
    }
}

/// Natural person, legal person, or another organisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PartyKind {
    NaturalPerson,
    LegalPerson,
    Organisation,
}

#[rustfmt::skip]
const KINDS: &[(PartyKind, &str, &str, &[&str])] = &[
    (PartyKind::NaturalPerson, "自然人", "natural_person", &["个人"]),
    (PartyKind::LegalPerson, "法人", "legal_person", &["单位", "企业", "公司"]),
    (PartyKind::Organisation, "非法人组织", "organisation", &["其他组织"]),
];

impl PartyKind {
    pub fn label_zh(self) -> &'static str {
        KINDS.iter().find(|k| k.0 == self).map_or("自然人", |k| k.1)
    }

    pub fn parse(text: &str) -> Result<PartyKind, UnknownName> {
        find(KINDS, text)
            .ok_or_else(|| UnknownName::new(("当事人类型", "kind of party"), text, KINDS))
    }
}

pub(crate) fn find<T: Copy>(table: &[(T, &str, &str, &[&str])], text: &str) -> Option<T> {
    let text = text.trim();
    table
        .iter()
        .find(|(_, zh, en, aliases)| *zh == text || *en == text || aliases.contains(&text))
        .map(|row| row.0)
}

/// A name that is not on a list, with the list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownName {
    /// What the name was for, in Chinese and English (诉讼地位, standing).
    pub what: (&'static str, &'static str),
    pub text: String,
    /// The Chinese names accepted.
    pub accepted: String,
    /// The English keys accepted.
    pub accepted_en: String,
}

impl UnknownName {
    pub(crate) fn new<T>(
        what: (&'static str, &'static str),
        text: &str,
        table: &[(T, &str, &str, &[&str])],
    ) -> UnknownName {
        UnknownName {
            what,
            text: text.chars().take(40).collect(),
            accepted: table.iter().map(|r| r.1).collect::<Vec<_>>().join("、"),
            accepted_en: table.iter().map(|r| r.2).collect::<Vec<_>>().join(", "),
        }
    }

    /// The reason in both languages.
    pub fn text(&self) -> crate::Text {
        let Self {
            what: (what_zh, what_en),
            text,
            accepted,
            accepted_en,
        } = self;
        crate::text!(
            "未知{what_zh}“{text}”，可用：{accepted}",
            "unknown {what_en} “{text}”; use one of: {accepted_en}"
        )
    }
}

/// In Chinese, the default language; [`UnknownName::text`] has both.
impl fmt::Display for UnknownName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.text().zh())
    }
}

impl std::error::Error for UnknownName {}

/// An identity number as given, checked; it lives only on the way in.
#[derive(Clone, PartialEq, Eq)]
pub struct IdNumber(String);

impl fmt::Debug for IdNumber {
    // Never printed whole, even in a debug dump.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "IdNumber({})", self.masked())
    }
}

/// Why a text is not an identity number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdNumberError {
    pub why_zh: &'static str,
    pub why_en: &'static str,
}

impl IdNumberError {
    /// The reason in both languages.
    pub fn text(&self) -> crate::Text {
        crate::Text::new(self.why_zh, self.why_en)
    }
}

/// In Chinese, the default language; [`IdNumberError::text`] has both.
impl fmt::Display for IdNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.why_zh)
    }
}

impl std::error::Error for IdNumberError {}

/// GB 11643: the weights of the first 17 digits and the check character by remainder.
const ID_WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK: [char; 11] = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'];

impl IdNumber {
    /// Reads a resident identity number (18 characters, its check character verified), a unified
    /// social credit code (18 letters and digits), or another document's number (6 to 30 letters
    /// and digits). Spaces are dropped; letters are upper-cased.
    pub fn parse(text: &str) -> Result<IdNumber, IdNumberError> {
        let text: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_uppercase())
            .collect();
        if !(6..=30).contains(&text.len()) || !text.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(IdNumberError {
                why_zh: "证件号码应为6至30位字母或数字",
                why_en: "an identity number is 6 to 30 letters or digits",
            });
        }
        let bytes = text.as_bytes();
        let resident = text.len() == 18 && bytes[..17].iter().all(u8::is_ascii_digit);
        if resident {
            let sum: u32 = bytes[..17]
                .iter()
                .zip(ID_WEIGHTS)
                .map(|(b, w)| u32::from(b - b'0') * w)
                .sum();
            if ID_CHECK[(sum % 11) as usize] != char::from(bytes[17]) {
                return Err(IdNumberError {
                    why_zh: "身份证号码校验位不符",
                    why_en: "the identity number's check character is wrong",
                });
            }
        }
        Ok(IdNumber(text))
    }

    /// The number itself, for the one place that writes it: a file for import (the simulator's
    /// fictional numbers). Nothing that keeps or shows data calls this.
    pub fn as_written(&self) -> &str {
        &self.0
    }

    /// The form shown: the first four and the last four characters (the whole of a short
    /// number but its first and last two).
    pub fn masked(&self) -> String {
        let chars: Vec<char> = self.0.chars().collect();
        let keep = if chars.len() >= 12 { 4 } else { 2 };
        let hidden = chars.len().saturating_sub(2 * keep);
        let mut out: String = chars[..keep].iter().collect();
        out.push_str(&"*".repeat(hidden));
        out.extend(&chars[chars.len() - keep..]);
        out
    }

    /// The keyed hash (HMAC-SHA256 with the network's secret, 32 hex characters): equal for the
    /// same number, useless without the secret.
    pub fn key(&self, secret: &[u8]) -> IdentityKey {
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret)
            .unwrap_or_else(|_| unreachable!("HMAC takes a key of any length"));
        mac.update(self.0.as_bytes());
        let digest = mac.finalize().into_bytes();
        IdentityKey(digest[..16].iter().map(|b| format!("{b:02x}")).collect())
    }
}

/// A party's identity key: 32 lowercase hex characters.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct IdentityKey(String);

impl IdentityKey {
    /// A key as stored or exported; `None` when it is not 32 lowercase hex characters.
    pub fn parse(text: &str) -> Option<IdentityKey> {
        let text = text.trim();
        (text.len() == 32
            && text
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
        .then(|| IdentityKey(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for IdentityKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One party of a case (one row of `parties`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party {
    pub role: PartyRole,
    pub kind: Option<PartyKind>,
    pub name: String,
    /// For matching the same person across cases.
    pub identity: Option<IdentityKey>,
    /// For display only.
    pub id_masked: Option<String>,
    /// 代理人: lawyer or other agent.
    pub agent: Option<String>,
    /// 送达地址: the address for service.
    pub address: Option<String>,
}

/// The parties of one case as a file states them: they replace what the store holds for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseParties {
    pub case_no: crate::case_number::CaseNumber,
    pub parties: Vec<Party>,
}

/// Which way money moved in an enforcement case (on one day, receipts sort first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum PaymentKind {
    /// 收款: received into the court's account (paid by the debtor, deducted, auction proceeds).
    Received,
    /// 发放: paid out to the creditor.
    Disbursed,
}

impl PaymentKind {
    pub fn label_zh(self) -> &'static str {
        match self {
            PaymentKind::Received => "收款",
            PaymentKind::Disbursed => "发放",
        }
    }

    pub fn parse(text: &str) -> Option<PaymentKind> {
        match text.trim() {
            "收款" | "到账" | "执行款到账" | "received" => Some(PaymentKind::Received),
            "发放" | "付款" | "执行款发放" | "disbursed" => Some(PaymentKind::Disbursed),
            _ => None,
        }
    }
}

/// One movement of 执行款.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Payment {
    pub case_no: crate::case_number::CaseNumber,
    pub date: NaiveDate,
    pub kind: PaymentKind,
    pub amount: Money,
    pub note: String,
}

/// Money received and not yet paid out, by the payments of a case up to `on`, and the days the
/// oldest such money has waited: what a check of prompt payment to the creditor reads. Which
/// receipt a payment out settles is read first in, first out.
pub fn undisbursed(payments: &[Payment], on: NaiveDate) -> (Money, Option<i64>) {
    let mut sorted: Vec<&Payment> = payments.iter().filter(|p| p.date <= on).collect();
    sorted.sort();
    let mut waiting: std::collections::VecDeque<(NaiveDate, i64)> = Default::default();
    for payment in sorted {
        match payment.kind {
            PaymentKind::Received => waiting.push_back((payment.date, payment.amount.fen())),
            PaymentKind::Disbursed => {
                let mut left = payment.amount.fen();
                while left > 0 {
                    let Some(front) = waiting.front_mut() else {
                        break;
                    };
                    let used = left.min(front.1);
                    front.1 -= used;
                    left -= used;
                    if front.1 == 0 {
                        waiting.pop_front();
                    }
                }
            }
        }
    }
    let total = waiting.iter().map(|(_, fen)| fen).sum();
    let oldest = waiting.front().map(|(since, _)| (on - *since).num_days());
    (Money::from_fen(total), oldest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identity_numbers_are_checked_masked_and_keyed_never_shown() {
        // A resident number with a valid check character (the standard's own example).
        let id = IdNumber::parse("11010519491231002x").expect("valid");
        assert_eq!(id.masked(), "1101**********002X");
        assert!(!format!("{id:?}").contains("19491231"));
        let wrong = IdNumber::parse("110105194912310021").expect_err("check");
        assert!(wrong.why_zh.contains("校验位"));
        for bad in ["12345", "4301<script>", &"9".repeat(31), "=HYPERLINK(1)"] {
            assert!(IdNumber::parse(bad).is_err(), "{bad}");
        }
        // A unified social credit code and a passport number.
        let code = IdNumber::parse("91430100MA4L1XXXXX").expect("code");
        assert_eq!(code.masked(), "9143**********XXXX");
        assert_eq!(
            IdNumber::parse("E1234 5678").expect("passport").masked(),
            "E1*****78"
        );
        // The key: the same for the same number under one secret, different under another.
        let again = IdNumber::parse("110105 19491231 002X").expect("spaces");
        assert_eq!(id.key(b"network"), again.key(b"network"));
        assert_ne!(id.key(b"network"), id.key(b"elsewhere"));
        assert_ne!(id.key(b"network"), code.key(b"network"));
        let key = id.key(b"network");
        assert_eq!(IdentityKey::parse(key.as_str()), Some(key.clone()));
        assert!(!key.as_str().contains("110105"));
        assert_eq!(IdentityKey::parse("110105194912310021"), None);
    }

    #[test]
    fn roles_and_kinds_read_by_any_name() {
        assert_eq!(PartyRole::parse("申请执行人"), Ok(PartyRole::Creditor));
        assert_eq!(PartyRole::parse("原审被告"), Ok(PartyRole::Defendant));
        let error = PartyRole::parse("证人").expect_err("unknown").to_string();
        assert!(
            error.contains("证人") && error.contains("被执行人"),
            "{error}"
        );
        assert_eq!(PartyKind::parse("公司"), Ok(PartyKind::LegalPerson));
    }

    #[test]
    fn money_waiting_is_paid_out_first_in_first_out() {
        let case_no =
            crate::case_number::CaseNumber::parse("（2026）湘1402执1号", 2026).expect("no");
        let day = |text: &str| crate::date_text::parse_date(text).expect("date");
        let pay = |date: &str, kind: PaymentKind, yuan: i64| Payment {
            case_no: case_no.clone(),
            date: day(date),
            kind,
            amount: Money::from_fen(yuan * 100),
            note: String::new(),
        };
        let payments = [
            pay("2026-03-01", PaymentKind::Received, 1000),
            pay("2026-04-01", PaymentKind::Received, 500),
            pay("2026-04-10", PaymentKind::Disbursed, 1200),
        ];
        // Before the payment out, all 1,500 wait, the oldest since 03-01.
        assert_eq!(
            undisbursed(&payments, day("2026-04-05")),
            (Money::from_fen(150_000), Some(35))
        );
        // After it, 300 of the April receipt wait, since 04-01.
        assert_eq!(
            undisbursed(&payments, day("2026-05-01")),
            (Money::from_fen(30_000), Some(30))
        );
        assert_eq!(
            undisbursed(&[], day("2026-05-01")),
            (Money::from_fen(0), None)
        );
    }
}
