//! The address confirmation (送达地址确认书) a party signs, with its consent to electronic
//! service and the consent's scope, and whether an electronic service counts.
//!
//! - 民事诉讼法 第90条: electronic service only with the recipient's consent; since the 2021
//!   amendment (in force 2022-01-01) judgments, rulings and mediation statements may be served
//!   so too, when the consent covers them; before, they could not.
//! - 最高人民法院关于进一步加强民事送达工作的若干意见 (2017): the address confirmed at filing
//!   serves the first instance, the second instance and enforcement of the same dispute unless
//!   the party changes it in writing — a confirmation is carried to the later stages (the app
//!   finds them through the case's origin).
//!
//! An electronic service without a consent on record is flagged and not counted as service.

use chrono::NaiveDate;

use crate::party::{IdentityKey, UnknownName, find};
use crate::service::{is_decision, timing::DOMESTIC_SINCE};
use crate::{Text, text};

/// What a consent to electronic service covers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConsentScope {
    /// 全部诉讼文书: every document, the judgment included.
    All,
    /// 不含裁判文书: every document but judgments, rulings and mediation statements.
    NotDecisions,
}

#[rustfmt::skip]
const SCOPES: &[(ConsentScope, &str, &str, &[&str])] = &[
    (ConsentScope::All, "全部诉讼文书", "all", &["全部", "全部文书", "含裁判文书"]),
    (ConsentScope::NotDecisions, "不含裁判文书", "not_decisions", &["不含判决书", "程序性文书"]),
];

impl ConsentScope {
    pub fn label_zh(self) -> &'static str {
        SCOPES.iter().find(|s| s.0 == self).map_or("", |s| s.1)
    }

    pub fn key(self) -> &'static str {
        SCOPES.iter().find(|s| s.0 == self).map_or("", |s| s.2)
    }

    pub fn parse(text: &str) -> Result<ConsentScope, UnknownName> {
        find(SCOPES, text)
            .ok_or_else(|| UnknownName::new(("电子送达同意范围", "scope of consent"), text, SCOPES))
    }
}

/// A party's signed address confirmation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Confirmation {
    /// The case it was signed in.
    pub case_no: String,
    pub party: String,
    pub identity_key: Option<IdentityKey>,
    pub signed_on: NaiveDate,
    /// The address confirmed for service by post or in person.
    pub address: Option<String>,
    /// The consent to electronic service, when given, and what it covers.
    pub electronic: Option<ConsentScope>,
    /// Where electronic service goes (a mobile number, an e-mail address, the platform).
    pub channel: Option<String>,
}

impl Confirmation {
    /// Whether it is the confirmation of `recipient`: the same identity key when both have one,
    /// else the same name.
    pub fn is_of(&self, recipient: &str, identity_key: Option<&IdentityKey>) -> bool {
        match (&self.identity_key, identity_key) {
            (Some(a), Some(b)) => a == b,
            _ => self.party.trim() == recipient.trim(),
        }
    }
}

/// Whether an electronic service counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Validity {
    Valid,
    /// No consent to electronic service on record before the day it was sent.
    NoConsent,
    /// A judgment, ruling or mediation statement to a consent that leaves them out.
    OutOfScope,
    /// A judgment, ruling or mediation statement sent before 2022, when the law did not allow it.
    DecisionBefore2022,
}

impl Validity {
    pub fn text(self) -> Text {
        match self {
            Validity::Valid => text!("有效", "valid"),
            Validity::NoConsent => text!(
                "未记录受送达人同意电子送达，不计为有效送达",
                "no consent to electronic service on record: not counted as service"
            ),
            Validity::OutOfScope => text!(
                "受送达人同意的范围不含裁判文书，不计为有效送达",
                "the consent leaves out judgments and rulings: not counted as service"
            ),
            Validity::DecisionBefore2022 => text!(
                "2022年前裁判文书不得电子送达，不计为有效送达",
                "judgments could not be served electronically before 2022: not counted as service"
            ),
        }
    }
}

/// Whether `document` sent electronically on `sent` to a recipient whose confirmations (of
/// this dispute, matched to the recipient) are `confirmations` counts as service.
pub fn electronic_validity(
    confirmations: &[&Confirmation],
    document: &str,
    sent: NaiveDate,
) -> Validity {
    let decision = is_decision(document);
    if decision && sent < DOMESTIC_SINCE {
        return Validity::DecisionBefore2022;
    }
    let scopes: Vec<ConsentScope> = confirmations
        .iter()
        .filter(|c| c.signed_on <= sent)
        .filter_map(|c| c.electronic)
        .collect();
    if scopes.is_empty() {
        Validity::NoConsent
    } else if decision && !scopes.contains(&ConsentScope::All) {
        Validity::OutOfScope
    } else {
        Validity::Valid
    }
}
