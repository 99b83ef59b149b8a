//! Rows of a parties file and of a payments file (执行款).
//!
//! A party row: the case number parses; the standing (诉讼地位) and the kind are on their lists;
//! the name is there, one line of at most 100 characters; an identity number is a resident
//! number with the right check character, a unified social credit code or another document's
//! number — read here and handed on only to be turned into a keyed hash and a masked form; an
//! identity key as exported is 32 hex characters, and a masked number as exported has its "*".
//!
//! A payment row: the case number parses; the date exists and is not after today; the kind is
//! 收款 or 发放; the amount is positive with at most two decimals.

use shenguan_domain::{
    CaseNumber, IdNumber, IdentityKey, Party, PartyKind, PartyRole, Payment, PaymentKind,
};

use super::{Context, Located, because, reason};
use crate::columns::{PartyColumn, PaymentColumn};
use crate::table::TableRow;

/// A valid party row: the party without its identity key yet, and the identity number it gave
/// (the caller keys it with the network's secret and drops it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartyRow {
    pub case_no: CaseNumber,
    pub party: Party,
    pub id_number: Option<IdNumber>,
}

/// Whether a cell is a masked identity number as an export writes it (4301**********109X), never
/// a number in clear.
pub(super) fn looks_masked(text: &str) -> bool {
    text.contains('*')
        && text.len() <= 30
        && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '*')
}

/// The longest name, agent or address kept.
const TEXT_MAX: usize = 100;

impl Context<'_> {
    /// One line of at most [`TEXT_MAX`] characters, or a row error.
    fn short_text(&mut self, line: usize, cell: Option<(usize, &str)>) -> Option<String> {
        self.one_line(line, cell, TEXT_MAX)
    }

    pub(super) fn party_row(&mut self, row: &TableRow, columns: &[Option<usize>]) {
        let line = row.row;
        let before = self.validation.errors.len();
        let get = |c: PartyColumn| Self::cell(row, columns, c);
        let case_no = self
            .required(line, get(PartyColumn::CaseNo), ("案号", "the case number"))
            .and_then(|(i, text)| self.case_number(line, i, text));
        let role = self
            .required(line, get(PartyColumn::Role), ("诉讼地位", "the standing"))
            .and_then(|(i, text)| match PartyRole::parse(text) {
                Ok(role) => Some(role),
                Err(e) => {
                    self.fail(line, i, text, because(e.text()));
                    None
                }
            });
        let kind = match get(PartyColumn::Kind) {
            Some((_, "")) | None => None,
            Some((i, text)) => match PartyKind::parse(text) {
                Ok(kind) => Some(kind),
                Err(e) => {
                    self.fail(line, i, text, because(e.text()));
                    None
                }
            },
        };
        let name = self
            .required(line, get(PartyColumn::Name), ("当事人", "the name"))
            .and_then(|cell| self.short_text(line, Some(cell)));
        let id_number = match get(PartyColumn::IdNumber) {
            Some((_, "")) | None => None,
            Some((i, text)) => match IdNumber::parse(text) {
                Ok(id) => Some(id),
                Err(e) => {
                    // The value is not repeated in the report: it may be a real number.
                    let masked = match text.chars().count() {
                        n if n > 8 => format!("{}…", text.chars().take(4).collect::<String>()),
                        _ => "…".into(),
                    };
                    self.fail(line, i, &masked, reason(e.why_zh, e.why_en));
                    None
                }
            },
        };
        let identity = match (&id_number, get(PartyColumn::IdentityKey)) {
            (None, Some((i, text))) if !text.is_empty() => match IdentityKey::parse(text) {
                Some(key) => Some(key),
                None => {
                    self.fail(
                        line,
                        i,
                        text,
                        reason(
                            "身份标识应为32位十六进制字符（本系统导出的值）",
                            "an identity key is 32 hex characters, as exported",
                        ),
                    );
                    None
                }
            },
            _ => None,
        };
        // A masked form as exported, kept beside a key read back; never a number in clear.
        let masked = match (&id_number, get(PartyColumn::IdMasked)) {
            (None, Some((i, text))) if !text.is_empty() => {
                if looks_masked(text) {
                    Some(text.to_string())
                } else {
                    self.fail(
                        line,
                        i,
                        "…",
                        reason(
                            "脱敏证件号码须含“*”，完整号码请填入“证件号码”列",
                            "a masked number contains *; a whole number goes in the id_number column",
                        ),
                    );
                    None
                }
            }
            _ => None,
        };
        let agent = self.short_text(line, get(PartyColumn::Agent));
        let address = self.short_text(line, get(PartyColumn::Address));
        if self.validation.errors.len() > before {
            return;
        }
        let (Some(case_no), Some(role), Some(name)) = (case_no, role, name) else {
            return;
        };
        self.validation.parties.push(Located {
            table: self.index,
            row: line,
            record: PartyRow {
                case_no,
                party: Party {
                    role,
                    kind,
                    name,
                    id_masked: id_number.as_ref().map(IdNumber::masked).or(masked),
                    identity,
                    agent,
                    address,
                },
                id_number,
            },
        });
    }

    pub(super) fn payment_row(&mut self, row: &TableRow, columns: &[Option<usize>]) {
        let line = row.row;
        let before = self.validation.errors.len();
        let get = |c: PaymentColumn| Self::cell(row, columns, c);
        let case_no = self
            .required(
                line,
                get(PaymentColumn::CaseNo),
                ("案号", "the case number"),
            )
            .and_then(|(i, text)| self.case_number(line, i, text));
        let date = self
            .required(line, get(PaymentColumn::Date), ("日期", "the date"))
            .and_then(|(i, text)| self.date(line, i, text));
        let kind = self
            .required(
                line,
                get(PaymentColumn::Kind),
                ("收付", "received or paid out"),
            )
            .and_then(|(i, text)| match PaymentKind::parse(text) {
                Some(kind) => Some(kind),
                None => {
                    self.fail(
                        line,
                        i,
                        text,
                        reason("收付应为“收款”或“发放”", "the kind is 收款 or 发放"),
                    );
                    None
                }
            });
        let amount_cell = self.required(line, get(PaymentColumn::Amount), ("金额", "the amount"));
        let amount = self.money(line, amount_cell);
        if let (Some(money), Some((i, text))) = (amount, amount_cell)
            && money.fen() <= 0
        {
            self.fail(
                line,
                i,
                text,
                reason("金额须大于零", "the amount must be above zero"),
            );
        }
        let note = self
            .short_text(line, get(PaymentColumn::Note))
            .unwrap_or_default();
        if self.validation.errors.len() > before {
            return;
        }
        if let (Some(case_no), Some(date), Some(kind), Some(amount)) = (case_no, date, kind, amount)
        {
            self.validation.payments.push(Located {
                table: self.index,
                row: line,
                record: Payment {
                    case_no,
                    date,
                    kind,
                    amount,
                    note,
                },
            });
        }
    }
}
