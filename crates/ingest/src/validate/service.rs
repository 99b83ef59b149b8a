//! Rows of the service files (送达): the service records, the address confirmations and a post
//! office's batch of delivery results, each cell checked as a court's file may get it wrong.
//!
//! A service records row: the case number parses; the document (one line, at most 100
//! characters), the recipient (50) and the day the task was created are there; the kind of
//! recipient, the method, the result, the failure reason and the proof are on their lists (the
//! error lists them); an identity number is valid (and never echoed) or a key is an export's; the
//! address is one line of at most 200 characters; 涉外 is 是 or 否. A row with any attempt cell
//! has its number (1–99), method and day (not before the task was created, not after today);
//! its result agrees with itself (`attempt_agrees`: a served attempt has its day, a failed one
//! its reason); a mailed attempt has its tracking number (letters and digits), an entrusted one
//! its court and no other attempt names a court. An announcement (公告) is served when its period
//! has run: its result is 已送达 (or 送达中, 公告中, read as served), it has no failure reason, and
//! the day the law deems it served is the importer's to check (the period is a setting). The
//! rows of one task (the case, document, recipient and day created) agree on the task's columns
//! and do not repeat an attempt's number.
//!
//! A confirmation row: the case number, the party, the day signed; the address or a consent to
//! electronic service (全部诉讼文书, 不含裁判文书, or 否); once per party, case and day.
//!
//! A postal row: the tracking number (letters and digits, once in the batch), the status
//! (妥投/签收 served, 退回/未妥投 failed, 在途 waiting); a served mail has its day, a returned one
//! its reason (拒收, 查无此人, 地址不详, 迁移新址不明, 无人签收, …), a mail in transit neither; the
//! day delivered is not before the day posted. Which attempt it settles is the importer's to find.
//!
//! Free text is text: a cell a spreadsheet would run as a formula is kept as it was written, and
//! an export guards it (`formula.rs`), as every other import does.

use std::collections::HashMap;

use chrono::{Days, NaiveDate};
use shenguan_domain::service::consent::ConsentScope;
use shenguan_domain::service::{
    Attempt, Failure, Method, Outcome, Proof, RecipientKind, attempt_agrees,
};
use shenguan_domain::{CaseNumber, IdNumber, IdentityKey};

use super::{Context, EARLIEST, Located, Reason, because, parse_cell_date, reason};
use crate::columns::{
    ConfirmationColumn as C, PostalColumn as M, ServiceColumn as S, confirmation_header,
    postal_header, service_header,
};
use crate::table::TableRow;

/// The longest document name, name (recipient, party, court, server, signer, electronic
/// address), address and tracking number kept — the same bounds as a task recorded by hand.
const DOCUMENT_MAX: usize = 100;
const NAME_MAX: usize = 50;
const ADDRESS_MAX: usize = 200;
const TRACKING_MAX: usize = 40;
/// The highest attempt number a row may give.
const SEQ_MAX: u32 = 99;
/// How far past today an announcement's day of service may lie: its period (at most a year by
/// the settings) runs from a publication not after today.
const NOTICE_AHEAD_DAYS: u64 = 400;

/// A task as a service records row gives it: the case, document, recipient and day created know
/// it; the identity number is keyed by the caller with the network's secret and dropped.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceTaskLine {
    pub case_no: CaseNumber,
    pub document: String,
    pub recipient: String,
    pub recipient_kind: RecipientKind,
    pub id_number: Option<IdNumber>,
    pub identity_key: Option<IdentityKey>,
    pub address: Option<String>,
    pub foreign: bool,
    pub created_on: NaiveDate,
}

/// An attempt as a row gives it. An announcement's result is served whatever the row says, and
/// its day of service, when given, is the one the importer checks against the law's.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AttemptLine {
    pub attempt: Attempt,
    pub tracking_no: Option<String>,
    pub entrusted_court: Option<String>,
    /// Who made it (送达人), when the row names them.
    pub by_user: Option<String>,
}

/// A valid service records row: its task and, unless the row only declares the task, its attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceLine {
    pub task: ServiceTaskLine,
    pub attempt: Option<AttemptLine>,
}

/// A valid address confirmation row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfirmationLine {
    pub case_no: CaseNumber,
    pub party: String,
    pub id_number: Option<IdNumber>,
    pub identity_key: Option<IdentityKey>,
    pub signed_on: NaiveDate,
    pub address: Option<String>,
    pub electronic: Option<ConsentScope>,
    pub channel: Option<String>,
}

/// A valid postal row: the mail and what became of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PostalLine {
    pub tracking_no: String,
    pub recipient: Option<String>,
    pub status: Outcome,
    /// The day delivered (or returned); required when served.
    pub delivered_on: Option<NaiveDate>,
    /// Why it came back; required when failed.
    pub reason: Option<Failure>,
}

/// A task's key within an import: its case, document, recipient and day created.
pub(super) type TaskKey = (String, String, String, NaiveDate);

/// What the first row of a task said of the task's own columns, to hold its later rows to.
#[derive(Clone, Debug)]
pub(super) struct TaskSeen {
    at: (usize, usize),
    kind: RecipientKind,
    id_number: Option<IdNumber>,
    identity_key: Option<IdentityKey>,
    address: Option<String>,
    foreign: bool,
}

/// What the rows of the service files have shown so far, across the files of one import.
#[derive(Debug, Default)]
pub(super) struct ServiceSeen {
    tasks: HashMap<TaskKey, TaskSeen>,
    attempts: HashMap<(TaskKey, u32), (usize, usize)>,
    confirmations: HashMap<(String, String, NaiveDate), (usize, usize)>,
    tracking: HashMap<String, (usize, usize)>,
}

/// The statuses a post office writes, and what each means for the attempt.
#[rustfmt::skip]
const STATUSES: &[(Outcome, &str, &[&str])] = &[
    (Outcome::Served, "妥投", &["签收", "已签收", "已妥投", "本人签收", "他人代收", "单位收发章", "投递成功", "delivered", "served"]),
    (Outcome::Failed, "退回", &["已退回", "未妥投", "退件", "投递失败", "returned", "failed"]),
    (Outcome::Waiting, "在途", &["投递中", "运输中", "待投递", "已收寄", "in_transit", "waiting"]),
];

fn postal_status(text: &str) -> Option<Outcome> {
    let text = text.trim().to_lowercase();
    STATUSES
        .iter()
        .find(|(_, name, aliases)| *name == text || aliases.contains(&text.as_str()))
        .map(|s| s.0)
}

/// Whether a tracking number is one: letters and digits, at most [`TRACKING_MAX`].
fn is_tracking_number(text: &str) -> bool {
    !text.is_empty()
        && text.chars().count() <= TRACKING_MAX
        && text.chars().all(|c| c.is_ascii_alphanumeric())
}

fn tracking_reason() -> Reason {
    reason(
        format!("邮件号应为不超过{TRACKING_MAX}位的字母和数字"),
        format!("a tracking number is at most {TRACKING_MAX} letters and digits"),
    )
}

/// The column a disagreement `attempt_agrees` finds is about, in the order it checks them.
fn disagreeing_column(a: &Attempt) -> S {
    match (a.outcome, a.served_on, a.failure) {
        (Outcome::Served, None, _) => S::ServedOn,
        (Outcome::Served, Some(on), _) if on < a.attempted_on => S::ServedOn,
        (Outcome::Served, _, Some(_)) => S::Failure,
        (Outcome::Failed, _, None) => S::Failure,
        (Outcome::Failed | Outcome::Waiting, Some(_), _) => S::ServedOn,
        _ => S::Failure,
    }
}

impl Context<'_> {
    /// A row error on a column the file may lack, named by the header it would have.
    fn fail_at(&mut self, line: usize, cell: Option<(usize, &str)>, header: &str, why: Reason) {
        match cell {
            Some((i, text)) => self.fail(line, i, text, why),
            None => self.fail_named(line, header.to_string(), "", why),
        }
    }

    /// Where an earlier row of the import is, for an error naming it.
    fn place_of(&self, (table, row): (usize, usize)) -> (String, String) {
        if table == self.index {
            (format!("第{row}行"), format!("row {row}"))
        } else {
            let path = self.tables[table].path.display();
            (format!("{path} 第{row}行"), format!("{path} row {row}"))
        }
    }

    /// A day that may lie ahead, as an announcement's day of service does (at most
    /// [`NOTICE_AHEAD_DAYS`] past today).
    fn day_ahead(&mut self, line: usize, column: usize, text: &str) -> Option<NaiveDate> {
        let last = self
            .today
            .checked_add_days(Days::new(NOTICE_AHEAD_DAYS))
            .unwrap_or(self.today);
        match parse_cell_date(text) {
            Some(date) if (EARLIEST..=last).contains(&date) => Some(date),
            Some(_) => {
                self.fail(
                    line,
                    column,
                    text,
                    reason(
                        format!("日期超出范围（1949年至{last}）"),
                        format!("the date is out of range (1949 to {last})"),
                    ),
                );
                None
            }
            None => {
                // The same words as any other date cell.
                self.date(line, column, text)
            }
        }
    }

    /// An identity number (never echoed) or the key an export wrote.
    fn identity<'r>(
        &mut self,
        line: usize,
        number: Option<(usize, &'r str)>,
        key: Option<(usize, &'r str)>,
    ) -> (Option<IdNumber>, Option<IdentityKey>) {
        if let Some((i, text)) = number.filter(|(_, t)| !t.is_empty()) {
            return match IdNumber::parse(text) {
                Ok(id) => (Some(id), None),
                Err(e) => {
                    self.fail(line, i, "…", reason(e.why_zh, e.why_en));
                    (None, None)
                }
            };
        }
        match key.filter(|(_, t)| !t.is_empty()) {
            None => (None, None),
            Some((i, text)) => match IdentityKey::parse(text) {
                Some(key) => (None, Some(key)),
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
                    (None, None)
                }
            },
        }
    }

    pub(super) fn service_row(
        &mut self,
        row: &TableRow,
        columns: &[Option<usize>],
        seen: &mut ServiceSeen,
    ) {
        let line = row.row;
        let before = self.validation.errors.len();
        let get = |c: S| Self::cell(row, columns, c);
        let header = |c: S| service_header(c, true);
        let case_no = self
            .required(line, get(S::CaseNo), ("案号", "the case number"))
            .and_then(|(i, text)| self.case_number(line, i, text));
        let document = self
            .required(line, get(S::Document), ("送达文书", "the document"))
            .and_then(|cell| self.one_line(line, Some(cell), DOCUMENT_MAX));
        let recipient = self
            .required(line, get(S::Recipient), ("受送达人", "the recipient"))
            .and_then(|cell| self.one_line(line, Some(cell), NAME_MAX));
        let kind = self.named(line, get(S::RecipientKind), RecipientKind::parse);
        let (id_number, identity_key) = self.identity(line, get(S::IdNumber), get(S::IdentityKey));
        let address = self.one_line(line, get(S::Address), ADDRESS_MAX);
        let foreign = self.yes_no(line, get(S::Foreign));
        let created_on = self
            .required(line, get(S::CreatedOn), ("任务创建日期", "the day created"))
            .and_then(|(i, text)| self.date(line, i, text));

        let attempt_columns = [
            S::Seq,
            S::Method,
            S::AttemptedOn,
            S::Outcome,
            S::ServedOn,
            S::Failure,
            S::Proof,
            S::TrackingNo,
            S::EntrustedCourt,
            S::ByUser,
        ];
        let has_attempt = attempt_columns
            .iter()
            .any(|c| get(*c).is_some_and(|(_, t)| !t.is_empty()));
        let attempt = if has_attempt {
            self.attempt_cells(line, &get, created_on)
        } else {
            None
        };
        if self.validation.errors.len() > before {
            return;
        }
        let (Some(case_no), Some(document), Some(recipient), Some(created_on)) =
            (case_no, document, recipient, created_on)
        else {
            return;
        };
        if has_attempt && attempt.is_none() {
            return;
        }
        let task = ServiceTaskLine {
            case_no,
            document,
            recipient,
            recipient_kind: kind.unwrap_or(RecipientKind::Party),
            id_number,
            identity_key,
            address,
            foreign,
            created_on,
        };
        let key: TaskKey = (
            task.case_no.to_string(),
            task.document.clone(),
            task.recipient.clone(),
            task.created_on,
        );
        // The task's own columns agree with its first row.
        if let Some(first) = seen.tasks.get(&key).cloned() {
            let (zh, en) = self.place_of(first.at);
            let differs = |this: &mut Self, column: S, same: bool| {
                if !same {
                    let shown = if matches!(column, S::IdNumber) {
                        get(column).map(|(i, _)| (i, "…"))
                    } else {
                        get(column)
                    };
                    this.fail_at(
                        line,
                        shown,
                        header(column),
                        reason(
                            format!("同一送达任务的各行应一致，此列与{zh}不同"),
                            format!(
                                "the rows of one task agree, and this column differs from {en}"
                            ),
                        ),
                    );
                }
            };
            differs(self, S::RecipientKind, first.kind == task.recipient_kind);
            differs(
                self,
                S::IdNumber,
                first.id_number == task.id_number && first.identity_key == task.identity_key,
            );
            differs(self, S::Address, first.address == task.address);
            differs(self, S::Foreign, first.foreign == task.foreign);
        } else {
            seen.tasks.insert(
                key.clone(),
                TaskSeen {
                    at: (self.index, line),
                    kind: task.recipient_kind,
                    id_number: task.id_number.clone(),
                    identity_key: task.identity_key.clone(),
                    address: task.address.clone(),
                    foreign: task.foreign,
                },
            );
        }
        if let Some(a) = &attempt {
            let number = (key, a.attempt.seq);
            match seen.attempts.get(&number) {
                Some(first) => {
                    let (zh, en) = self.place_of(*first);
                    self.fail_at(
                        line,
                        get(S::Seq),
                        header(S::Seq),
                        reason(
                            format!("同一送达任务的送达次序与{zh}重复"),
                            format!("the attempt's number repeats {en} of the same task"),
                        ),
                    );
                }
                None => {
                    seen.attempts.insert(number, (self.index, line));
                }
            }
        }
        if self.validation.errors.len() > before {
            return;
        }
        self.validation.service.push(Located {
            table: self.index,
            row: line,
            record: ServiceLine { task, attempt },
        });
    }

    /// The attempt a row gives; `None` (with the errors) when a cell is wrong.
    fn attempt_cells<'r>(
        &mut self,
        line: usize,
        get: &dyn Fn(S) -> Option<(usize, &'r str)>,
        created_on: Option<NaiveDate>,
    ) -> Option<AttemptLine> {
        let before = self.validation.errors.len();
        let header = |c: S| service_header(c, true);
        let seq = match get(S::Seq).filter(|(_, t)| !t.is_empty()) {
            None => {
                self.fail_at(
                    line,
                    get(S::Seq),
                    header(S::Seq),
                    reason(
                        "有送达记录的行须写明送达次序（1、2……）",
                        "a row with an attempt gives its number (1, 2, …)",
                    ),
                );
                None
            }
            Some((i, text)) => {
                let whole = text.strip_suffix(".0").unwrap_or(text);
                match whole.parse::<u32>() {
                    Ok(n) if (1..=SEQ_MAX).contains(&n) => Some(n),
                    _ => {
                        self.fail(
                            line,
                            i,
                            text,
                            reason(
                                format!("送达次序应为1至{SEQ_MAX}的整数"),
                                format!(
                                    "the attempt's number is a whole number from 1 to {SEQ_MAX}"
                                ),
                            ),
                        );
                        None
                    }
                }
            }
        };
        let method = match get(S::Method).filter(|(_, t)| !t.is_empty()) {
            None => {
                self.fail_at(
                    line,
                    get(S::Method),
                    header(S::Method),
                    reason(
                        "有送达记录的行须写明送达方式",
                        "a row with an attempt gives its method",
                    ),
                );
                None
            }
            cell => self.named(line, cell, Method::parse),
        };
        let attempted_on = match get(S::AttemptedOn).filter(|(_, t)| !t.is_empty()) {
            None => {
                self.fail_at(
                    line,
                    get(S::AttemptedOn),
                    header(S::AttemptedOn),
                    reason(
                        "有送达记录的行须写明送达日期",
                        "a row with an attempt gives its day",
                    ),
                );
                None
            }
            Some((i, text)) => {
                let day = self.date(line, i, text);
                if let (Some(on), Some(created)) = (day, created_on)
                    && on < created
                {
                    self.fail(
                        line,
                        i,
                        text,
                        reason(
                            format!("送达日期早于任务创建日期{created}"),
                            format!("the attempt's day is before the task was created ({created})"),
                        ),
                    );
                }
                day
            }
        };
        let outcome = self.named(line, get(S::Outcome), Outcome::parse);
        let failure = self.named(line, get(S::Failure), Failure::parse);
        let proof = self.named(line, get(S::Proof), Proof::parse);
        let notice = method == Some(Method::Notice);
        let served_on = match get(S::ServedOn).filter(|(_, t)| !t.is_empty()) {
            None => None,
            // An announcement's day of service lies ahead while its period runs.
            Some((i, text)) if notice => self.day_ahead(line, i, text),
            Some((i, text)) => self.date(line, i, text),
        };
        let tracking_no = match get(S::TrackingNo).filter(|(_, t)| !t.is_empty()) {
            None => None,
            Some((i, text)) if !is_tracking_number(text) => {
                let shown: String = text.chars().take(TRACKING_MAX).collect();
                self.fail(line, i, &shown, tracking_reason());
                None
            }
            Some((_, text)) => Some(text.to_string()),
        };
        let entrusted_court = self.one_line(line, get(S::EntrustedCourt), NAME_MAX);
        let by_user = self.one_line(line, get(S::ByUser), NAME_MAX);
        if self.validation.errors.len() > before {
            return None;
        }
        let (seq, method, attempted_on) = (seq?, method?, attempted_on?);
        let outcome = match (outcome, notice) {
            (None, true) | (Some(Outcome::Served | Outcome::Waiting), true) => Outcome::Served,
            (Some(Outcome::Failed), true) => {
                self.fail_at(
                    line,
                    get(S::Outcome),
                    header(S::Outcome),
                    reason(
                        "公告送达自发出公告之日起经过公告期即视为送达，送达结果应为已送达（或公告中）",
                        "an announcement is deemed served when its period has run: its result is 已送达 (served) or 公告中 (running)",
                    ),
                );
                return None;
            }
            (Some(outcome), false) => outcome,
            (None, false) => {
                self.fail_at(
                    line,
                    get(S::Outcome),
                    header(S::Outcome),
                    reason("送达结果为必填项", "the result is required"),
                );
                return None;
            }
        };
        let attempt = Attempt {
            seq,
            method,
            attempted_on,
            outcome,
            served_on,
            failure,
            proof,
        };
        if notice {
            if failure.is_some() {
                self.fail_at(
                    line,
                    get(S::Failure),
                    header(S::Failure),
                    reason(
                        "公告送达视为送达，不应有未送达原因",
                        "an announcement is deemed served and has no failure reason",
                    ),
                );
            }
        } else {
            if let Err(why) = attempt_agrees(&attempt) {
                let column = disagreeing_column(&attempt);
                self.fail_at(line, get(column), header(column), because(why));
            }
        }
        if method == Method::Post && tracking_no.is_none() {
            self.fail_at(
                line,
                get(S::TrackingNo),
                header(S::TrackingNo),
                reason(
                    "邮寄送达须填写邮件号",
                    "a mailed attempt needs its tracking number",
                ),
            );
        }
        match (method == Method::Entrusted, &entrusted_court) {
            (true, None) => self.fail_at(
                line,
                get(S::EntrustedCourt),
                header(S::EntrustedCourt),
                reason(
                    "委托送达须填写受托法院",
                    "an entrusted attempt names the court asked to serve",
                ),
            ),
            (false, Some(_)) => self.fail_at(
                line,
                get(S::EntrustedCourt),
                header(S::EntrustedCourt),
                reason(
                    "只有委托送达填写受托法院",
                    "only an entrusted attempt names a court",
                ),
            ),
            _ => {}
        }
        if self.validation.errors.len() > before {
            return None;
        }
        Some(AttemptLine {
            attempt,
            tracking_no,
            entrusted_court,
            by_user,
        })
    }

    pub(super) fn confirmation_row(
        &mut self,
        row: &TableRow,
        columns: &[Option<usize>],
        seen: &mut ServiceSeen,
    ) {
        let line = row.row;
        let before = self.validation.errors.len();
        let get = |c: C| Self::cell(row, columns, c);
        let case_no = self
            .required(line, get(C::CaseNo), ("案号", "the case number"))
            .and_then(|(i, text)| self.case_number(line, i, text));
        let party = self
            .required(line, get(C::Party), ("当事人", "the party"))
            .and_then(|cell| self.one_line(line, Some(cell), NAME_MAX));
        let (id_number, identity_key) = self.identity(line, get(C::IdNumber), get(C::IdentityKey));
        let signed_on = self
            .required(line, get(C::SignedOn), ("签署日期", "the day signed"))
            .and_then(|(i, text)| self.date(line, i, text));
        let address = self.one_line(line, get(C::Address), ADDRESS_MAX);
        let electronic = match get(C::Electronic).filter(|(_, t)| !t.is_empty()) {
            None => None,
            Some((_, "否" | "不同意" | "no" | "No" | "NO" | "none")) => None,
            Some((i, text)) => match ConsentScope::parse(text) {
                Ok(scope) => Some(scope),
                Err(e) => {
                    let e = e.text();
                    self.fail(
                        line,
                        i,
                        text,
                        reason(
                            format!("{}、否", e.zh()),
                            format!("{}, or 否 (no consent)", e.en()),
                        ),
                    );
                    None
                }
            },
        };
        let channel = self.one_line(line, get(C::Channel), NAME_MAX);
        if self.validation.errors.len() > before {
            return;
        }
        let (Some(case_no), Some(party), Some(signed_on)) = (case_no, party, signed_on) else {
            return;
        };
        if address.is_none() && electronic.is_none() {
            self.fail_at(
                line,
                get(C::Address),
                confirmation_header(C::Address, true),
                reason(
                    "请填写确认的送达地址或电子送达同意",
                    "give the confirmed address or the consent to electronic service",
                ),
            );
            return;
        }
        let key = (case_no.to_string(), party.clone(), signed_on);
        if let Some(first) = seen.confirmations.get(&key) {
            let (zh, en) = self.place_of(*first);
            self.fail_at(
                line,
                get(C::Party),
                confirmation_header(C::Party, true),
                reason(
                    format!("同一案件同一当事人同日的确认书与{zh}重复"),
                    format!("the party's confirmation of the same case and day repeats {en}"),
                ),
            );
            return;
        }
        seen.confirmations.insert(key, (self.index, line));
        self.validation.confirmations.push(Located {
            table: self.index,
            row: line,
            record: ConfirmationLine {
                case_no,
                party,
                id_number,
                identity_key,
                signed_on,
                address,
                electronic,
                channel,
            },
        });
    }

    pub(super) fn postal_row(
        &mut self,
        row: &TableRow,
        columns: &[Option<usize>],
        seen: &mut ServiceSeen,
    ) {
        let line = row.row;
        let before = self.validation.errors.len();
        let get = |c: M| Self::cell(row, columns, c);
        let header = |c: M| postal_header(c, true);
        let tracking_no =
            match self.required(line, get(M::TrackingNo), ("邮件号", "the tracking number")) {
                Some((i, text)) if !is_tracking_number(text) => {
                    let shown: String = text.chars().take(TRACKING_MAX).collect();
                    self.fail(line, i, &shown, tracking_reason());
                    None
                }
                Some((_, text)) => Some(text.to_string()),
                None => None,
            };
        let recipient = self.one_line(line, get(M::Recipient), NAME_MAX);
        self.one_line(line, get(M::Address), ADDRESS_MAX);
        self.one_line(line, get(M::Signer), NAME_MAX);
        let posted_on = match get(M::PostedOn).filter(|(_, t)| !t.is_empty()) {
            None => None,
            Some((i, text)) => self.date(line, i, text),
        };
        let status = match self.required(line, get(M::Status), ("投递状态", "the delivery status"))
        {
            None => None,
            Some((i, text)) => {
                let found = postal_status(text);
                if found.is_none() {
                    let accepted_zh = STATUSES
                        .iter()
                        .map(|(_, name, aliases)| {
                            let others: Vec<&str> = aliases.iter().take(2).copied().collect();
                            format!("{name}（{}）", others.join("、"))
                        })
                        .collect::<Vec<_>>()
                        .join("、");
                    let shown: String = text.chars().take(40).collect();
                    self.fail(
                        line,
                        i,
                        &shown,
                        reason(
                            format!("未知投递状态“{shown}”，可用：{accepted_zh}"),
                            format!(
                                "unknown delivery status “{shown}”; use one of: 妥投 (served), 退回 (failed), 在途 (waiting), or their other names: {accepted_zh}"
                            ),
                        ),
                    );
                }
                found
            }
        };
        let delivered_on = match get(M::DeliveredOn).filter(|(_, t)| !t.is_empty()) {
            None => None,
            Some((i, text)) => {
                let day = self.date(line, i, text);
                if let (Some(on), Some(posted)) = (day, posted_on)
                    && on < posted
                {
                    self.fail(
                        line,
                        i,
                        text,
                        reason(
                            format!("投递日期早于收寄日期{posted}"),
                            format!("the day delivered is before the day posted ({posted})"),
                        ),
                    );
                }
                day
            }
        };
        let failure = self.named(line, get(M::Reason), Failure::parse);
        if self.validation.errors.len() > before {
            return;
        }
        let (Some(tracking_no), Some(status)) = (tracking_no, status) else {
            return;
        };
        match status {
            Outcome::Served if delivered_on.is_none() => self.fail_at(
                line,
                get(M::DeliveredOn),
                header(M::DeliveredOn),
                reason(
                    "妥投的邮件须写明投递（签收）日期",
                    "a delivered mail needs the day it was delivered",
                ),
            ),
            Outcome::Served if failure.is_some() => self.fail_at(
                line,
                get(M::Reason),
                header(M::Reason),
                reason(
                    "妥投的邮件不应有退回原因",
                    "a delivered mail has no reason for a return",
                ),
            ),
            Outcome::Failed if failure.is_none() => self.fail_at(
                line,
                get(M::Reason),
                header(M::Reason),
                reason(
                    "退回的邮件须写明退回原因（拒收、查无此人、地址不详、迁移新址不明、无人签收……）",
                    "a returned mail needs its reason (refused, no such person, address unknown, moved, nobody to sign …)",
                ),
            ),
            Outcome::Waiting if delivered_on.is_some() || failure.is_some() => self.fail_at(
                line,
                get(M::Status),
                header(M::Status),
                reason(
                    "在途的邮件不应有投递日期或退回原因",
                    "a mail in transit has no day delivered and no reason for a return",
                ),
            ),
            _ => {}
        }
        if let Some(first) = seen.tracking.get(&tracking_no) {
            let (zh, en) = self.place_of(*first);
            self.fail_at(
                line,
                get(M::TrackingNo),
                header(M::TrackingNo),
                reason(
                    format!("邮件号与{zh}重复"),
                    format!("the tracking number repeats {en}"),
                ),
            );
        }
        if self.validation.errors.len() > before {
            return;
        }
        seen.tracking
            .insert(tracking_no.clone(), (self.index, line));
        self.validation.postal.push(Located {
            table: self.index,
            row: line,
            record: PostalLine {
                tracking_no,
                recipient,
                status,
                delivered_on,
                reason: failure,
            },
        });
    }
}

#[cfg(test)]
mod tests;
