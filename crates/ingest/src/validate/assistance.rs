//! Rows of the judicial assistance register (司法救助台账).
//!
//! A row: the case number (a 司救 type, once in an import), the applicant (one line) with an
//! identity number, or the key and masked form an export wrote, the day applied; the original
//! cases parse; the decision (救助 / 不予救助) with its day, the amount in yuan and the day paid;
//! and the record agrees with itself (`shenguan_domain::assistance`: days in order, a decision
//! with its day, an amount and a payment only for a grant). The cap on the amount depends on the
//! network's wage table and is checked by the importer.

use std::collections::HashMap;

use shenguan_domain::assistance::{Assistance, AssistanceError, Cap, Decision};
use shenguan_domain::text::list_items;
use shenguan_domain::{CaseNumber, IdNumber, IdentityKey};

use super::parties::looks_masked;
use super::{Context, Located, reason};
use crate::columns::AssistanceColumn as A;
use crate::table::TableRow;

/// A valid row: the record without the key of the identity number given yet, and that number
/// (the caller keys it with the network's secret and drops it).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AssistanceRow {
    pub record: Assistance,
    pub id_number: Option<IdNumber>,
}

/// The longest applicant's name, and the longest reason for exceeding the cap.
const NAME_MAX: usize = 50;
const TEXT_MAX: usize = 2000;
/// The largest amount a row may give, in fen (ten million yuan: far above any grant, far below
/// what sums could overflow).
const AMOUNT_MAX_FEN: i64 = 1_000_000_000;

impl Context<'_> {
    pub(super) fn assistance_row(
        &mut self,
        row: &TableRow,
        columns: &[Option<usize>],
        seen: &mut HashMap<CaseNumber, usize>,
    ) {
        let line = row.row;
        let before = self.validation.errors.len();
        let get = |c: A| Self::cell(row, columns, c);
        let case_no = self
            .required(line, get(A::CaseNo), ("案号", "the case number"))
            .and_then(|(i, text)| self.case_number(line, i, text));
        let applicant = self
            .required(line, get(A::Applicant), ("申请人", "the applicant"))
            .and_then(|cell| self.one_line(line, Some(cell), NAME_MAX));
        let applied_on = self
            .required(line, get(A::AppliedOn), ("申请日期", "the day applied"))
            .and_then(|(i, text)| self.date(line, i, text));
        let origin_cases: Vec<CaseNumber> = match get(A::OriginCases) {
            None => Vec::new(),
            Some((i, text)) => list_items(text)
                .into_iter()
                .filter(|t| !t.is_empty())
                .filter_map(|t| self.case_number(line, i, t))
                .collect(),
        };
        let decided_on = self.opt_date(line, get(A::DecidedOn));
        let decision = match get(A::Decision) {
            None | Some((_, "")) => None,
            Some((i, text)) => {
                let found = Decision::parse(text);
                if found.is_none() {
                    self.fail(
                        line,
                        i,
                        text,
                        reason(
                            "决定结果应为“救助”或“不予救助”",
                            "the decision is 救助 (granted) or 不予救助 (refused)",
                        ),
                    );
                }
                found
            }
        };
        let amount = self.money(line, get(A::Amount));
        if let (Some(money), Some((i, text))) = (amount, get(A::Amount))
            && money.fen() > AMOUNT_MAX_FEN
        {
            self.fail(
                line,
                i,
                text,
                reason(
                    "救助金额超过1000万元，请核对",
                    "the amount is above 10 million yuan: check it",
                ),
            );
        }
        let over_cap_reason = self.bounded(line, get(A::OverCapReason), TEXT_MAX);
        let paid_on = self.opt_date(line, get(A::PaidOn));
        let (identity, masked, id_number) = self.applicant_identity(line, &get);
        if self.validation.errors.len() > before {
            return;
        }
        let (Some(case_no), Some(applicant), Some(applied_on)) = (case_no, applicant, applied_on)
        else {
            return;
        };
        let Some(court) = case_no.court() else {
            let (i, text) = get(A::CaseNo).unwrap_or((0, ""));
            self.fail(
                line,
                i,
                text,
                reason("案号中没有法院代字", "the case number names no court"),
            );
            return;
        };
        let record = Assistance {
            case_no,
            court,
            applicant,
            identity,
            masked,
            applied_on,
            origin_cases,
            decided_on,
            decision,
            amount,
            over_cap_reason,
            paid_on,
        };
        // The cap is the importer's to check, with the network's wages.
        for wrong in record.check(&Cap::default()) {
            let (column, zh, en) = match wrong {
                AssistanceError::NotAssistanceCase => (
                    A::CaseNo,
                    "不是司法救助案号（司救刑、司救民、司救行、司救赔、司救执、司救访、司救他）",
                    "not a judicial assistance case number (司救刑, 司救民, 司救行, 司救赔, 司救执, 司救访, 司救他)",
                ),
                AssistanceError::DayOrder => (
                    A::PaidOn,
                    "日期顺序有误：决定、发放不能早于申请，发放不能早于决定",
                    "the days are out of order: no decision or payment before the application, no payment before the decision",
                ),
                AssistanceError::DecisionIncomplete => (
                    A::Decision,
                    "决定结果与决定日期须同时填写",
                    "the decision and its day go together",
                ),
                AssistanceError::AmountWithoutGrant => (
                    A::Amount,
                    "只有决定救助的才有救助金额和发放日期，已发放的须写明金额",
                    "only a grant has an amount and a payment, and a payment has its amount",
                ),
                AssistanceError::OverCap(_) => continue,
            };
            match get(column) {
                Some((i, text)) => self.fail(line, i, text, reason(zh, en)),
                None => self.fail_named(
                    line,
                    crate::columns::assistance_header(column, true).to_string(),
                    "",
                    reason(zh, en),
                ),
            }
        }
        match seen.get(&record.case_no) {
            Some(first) => {
                let (i, text) = get(A::CaseNo).unwrap_or((0, ""));
                self.fail(
                    line,
                    i,
                    text,
                    reason(
                        format!("案号与第{first}行重复（一案一申请）"),
                        format!("the case number repeats row {first} (one case, one application)"),
                    ),
                );
            }
            None => {
                seen.insert(record.case_no.clone(), line);
            }
        }
        if self.validation.errors.len() > before {
            return;
        }
        self.validation.assistance.push(Located {
            table: self.index,
            row: line,
            record: AssistanceRow { record, id_number },
        });
    }

    /// The applicant's identity: the number given (never echoed in a report), or the key and
    /// masked form an export wrote.
    fn applicant_identity<'r>(
        &mut self,
        line: usize,
        get: &dyn Fn(A) -> Option<(usize, &'r str)>,
    ) -> (Option<IdentityKey>, Option<String>, Option<IdNumber>) {
        if let Some((i, number)) = get(A::IdNumber).filter(|(_, t)| !t.is_empty()) {
            return match IdNumber::parse(number) {
                Ok(id) => (None, Some(id.masked()), Some(id)),
                Err(e) => {
                    self.fail(line, i, "…", reason(e.why_zh, e.why_en));
                    (None, None, None)
                }
            };
        }
        let key = match get(A::IdentityKey).filter(|(_, t)| !t.is_empty()) {
            None => None,
            Some((i, text)) => match IdentityKey::parse(text) {
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
        };
        let masked = match get(A::IdMasked).filter(|(_, t)| !t.is_empty()) {
            None => None,
            Some((_, text)) if looks_masked(text) => Some(text.to_string()),
            Some((i, _)) => {
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
        };
        (key, masked, None)
    }
}
