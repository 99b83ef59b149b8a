//! Rows of the petition register (信访登记表).
//!
//! A register row: the register number (one line, at most 50 characters, once per court in an
//! import), the court code, the day received (not after today), the channel, the petitioners' names
//! and the subject are there; names are on their lists (来源, 交办单位, 事项类别, 信访层级, 诉访分离,
//! 导入程序, 办理结果, 满意度), a referrer only for 上级交办 and required there; a circuit court's
//! number (1–6) for a petition that went to one (and allowed only then, or when one sent it down);
//! identity numbers, keys and masked forms are one per petitioner in the same order (an empty
//! place for one who gave none); the head count is at least the petitioners named; case numbers
//! parse; and the record agrees with itself as every petition must, however written
//! (`shenguan_domain::petition::agreement`: routing only for 诉, no day before the day received,
//! a reply with its result, 复查 after the reply and 复核 after the 复查's answer, an ending with
//! who approved it).

use std::collections::HashMap;

use chrono::NaiveDate;
use shenguan_domain::petition::agreement::Field;
use shenguan_domain::petition::ranking::NoticeRow;
use shenguan_domain::petition::{
    Channel, Level, Outcome, Petition, Petitioner, Referrer, Route, Satisfaction, Screening,
    Subject,
};
use shenguan_domain::text::list_items as items;
use shenguan_domain::{CourtCode, IdNumber, IdentityKey, UnknownName};

use super::parties::looks_masked;
use super::{Context, Located, because, reason};
use crate::columns::PetitionColumn as P;
use crate::table::TableRow;

/// A valid register row: the petition without the keys of the identity numbers given yet, and
/// those numbers, one place per petitioner (the caller keys them with the network's secret and
/// drops them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PetitionRow {
    pub petition: Petition,
    pub id_numbers: Vec<Option<IdNumber>>,
}

/// A valid row of a high court's notice: the period and one city's counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeLine {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub row: NoticeRow,
}

/// The largest count a notice may give.
const NOTICE_COUNT_MAX: u32 = 1_000_000;

/// The longest register number, name, division or approving body.
const NAME_MAX: usize = 50;
/// The longest free text (a reason a petition could not be routed, how a matter was resolved).
const TEXT_MAX: usize = 2000;
/// The most petitioners named on one row, and the largest head count.
const PEOPLE_MAX: usize = 200;
const HEAD_COUNT_MAX: u32 = 10_000;

impl Context<'_> {
    /// A name from a list, `None` when the cell is empty (or the column missing), else a row
    /// error naming the list.
    pub(super) fn named<T>(
        &mut self,
        line: usize,
        cell: Option<(usize, &str)>,
        parse: fn(&str) -> Result<T, UnknownName>,
    ) -> Option<T> {
        let (i, text) = cell.filter(|(_, t)| !t.is_empty())?;
        match parse(text) {
            Ok(value) => Some(value),
            Err(e) => {
                self.fail(line, i, text, because(e.text()));
                None
            }
        }
    }

    /// 是 / 否 (or yes / no), `false` when empty.
    pub(super) fn yes_no(&mut self, line: usize, cell: Option<(usize, &str)>) -> bool {
        match cell {
            None | Some((_, "")) => false,
            Some((_, "是" | "yes" | "Yes" | "YES" | "true")) => true,
            Some((_, "否" | "no" | "No" | "NO" | "false")) => false,
            Some((i, text)) => {
                self.fail(
                    line,
                    i,
                    text,
                    reason("应为“是”或“否”", "must be 是 (yes) or 否 (no)"),
                );
                false
            }
        }
    }

    pub(super) fn opt_date(
        &mut self,
        line: usize,
        cell: Option<(usize, &str)>,
    ) -> Option<NaiveDate> {
        let (i, text) = cell.filter(|(_, t)| !t.is_empty())?;
        self.date(line, i, text)
    }

    pub(super) fn petition_row(
        &mut self,
        row: &TableRow,
        columns: &[Option<usize>],
        seen: &mut HashMap<(CourtCode, String), usize>,
    ) {
        let line = row.row;
        let before = self.validation.errors.len();
        let get = |c: P| Self::cell(row, columns, c);
        let register_no = self
            .required(line, get(P::RegisterNo), ("登记号", "the register number"))
            .and_then(|cell| self.one_line(line, Some(cell), NAME_MAX));
        let court = self.required_court(line, get(P::Court));
        let received_on = self
            .required(line, get(P::ReceivedOn), ("登记日期", "the day received"))
            .and_then(|(i, text)| self.date(line, i, text));
        let channel = self
            .required(line, get(P::Channel), ("来源", "the channel"))
            .and_then(|cell| self.named(line, Some(cell), Channel::parse));
        let referrer = self.named(line, get(P::Referrer), Referrer::parse);
        let subject = self
            .required(line, get(P::Subject), ("事项类别", "the subject"))
            .and_then(|cell| self.named(line, Some(cell), Subject::parse));
        let level = self.named(line, get(P::Level), Level::parse);
        let petitioners = self.petitioners(line, &get);
        let head_count = match get(P::HeadCount) {
            None | Some((_, "")) => None,
            Some((i, text)) => match text.parse::<u32>() {
                Ok(n) if (1..=HEAD_COUNT_MAX).contains(&n) => Some(n),
                _ => {
                    self.fail(
                        line,
                        i,
                        text,
                        reason(
                            format!("人数应为1至{HEAD_COUNT_MAX}的整数"),
                            format!("the head count is a whole number from 1 to {HEAD_COUNT_MAX}"),
                        ),
                    );
                    None
                }
            },
        };
        let cases = match get(P::Cases) {
            None => Vec::new(),
            Some((i, text)) => items(text)
                .into_iter()
                .filter(|t| !t.is_empty())
                .filter_map(|t| self.case_number(line, i, t))
                .collect(),
        };
        let circuit = match get(P::Circuit) {
            None | Some((_, "")) => None,
            Some((i, text)) => {
                let number = text
                    .trim_start_matches('第')
                    .trim_end_matches("巡回法庭")
                    .trim();
                let n = match number {
                    "一" => Some(1),
                    "二" => Some(2),
                    "三" => Some(3),
                    "四" => Some(4),
                    "五" => Some(5),
                    "六" => Some(6),
                    other => other.parse::<u8>().ok().filter(|n| (1..=6).contains(n)),
                };
                if n.is_none() {
                    self.fail(
                        line,
                        i,
                        text,
                        reason(
                            "巡回法庭应为1至6（或“第一巡回法庭”等）",
                            "a circuit court is 1 to 6 (or 第一巡回法庭 and so on)",
                        ),
                    );
                }
                n
            }
        };
        let screening = self.named(line, get(P::Screening), Screening::parse);
        let route = self.named(line, get(P::Route), Route::parse);
        let routed_case = match get(P::RoutedCase) {
            None | Some((_, "")) => None,
            Some((i, text)) => self.case_number(line, i, text),
        };
        let skipped_levels = self.yes_no(line, get(P::SkippedLevels));
        let division = self.one_line(line, get(P::Division), NAME_MAX);
        let handler = self.one_line(line, get(P::Handler), NAME_MAX);
        let not_routed_reason = self.bounded(line, get(P::NotRoutedReason), TEXT_MAX);
        let accepted_on = self.opt_date(line, get(P::AcceptedOn));
        let extended = self.yes_no(line, get(P::Extended));
        let replied_on = self.opt_date(line, get(P::RepliedOn));
        let outcome = self.named(line, get(P::Outcome), Outcome::parse);
        let satisfaction = self.named(line, get(P::Satisfaction), Satisfaction::parse);
        let review_asked_on = self.opt_date(line, get(P::ReviewAskedOn));
        let review_replied_on = self.opt_date(line, get(P::ReviewRepliedOn));
        let recheck_asked_on = self.opt_date(line, get(P::RecheckAskedOn));
        let recheck_replied_on = self.opt_date(line, get(P::RecheckRepliedOn));
        let resolved_on = self.opt_date(line, get(P::ResolvedOn));
        let resolution = self.bounded(line, get(P::Resolution), TEXT_MAX);
        let ended_on = self.opt_date(line, get(P::EndedOn));
        let ended_by = self.one_line(line, get(P::EndedBy), NAME_MAX);
        let stopped_on = self.opt_date(line, get(P::StoppedOn));
        if self.validation.errors.len() > before {
            return;
        }
        // Every required cell was read without an error, so each is there.
        let (Some(court), Some(register_no), Some(received_on), Some(channel), Some(subject)) =
            (court, register_no, received_on, channel, subject)
        else {
            return;
        };
        let petition = Petition {
            court,
            register_no: register_no.trim().to_string(),
            received_on,
            channel,
            referrer,
            head_count: head_count.unwrap_or(petitioners.0.len().max(1) as u32),
            petitioners: petitioners.0,
            cases,
            subject,
            level: level.unwrap_or(Level::Court),
            circuit,
            skipped_levels,
            division,
            handler,
            screening,
            route,
            routed_case,
            not_routed_reason,
            accepted_on,
            extended,
            replied_on,
            outcome,
            satisfaction,
            review_asked_on,
            review_replied_on,
            recheck_asked_on,
            recheck_replied_on,
            resolved_on,
            resolution,
            ended_on,
            ended_by,
            stopped_on,
        };
        self.agree_petition(line, &get, &petition);
        {
            let (court, number) = (petition.court, petition.register_no.clone());
            match seen.get(&(court, number.clone())) {
                Some(first) => {
                    let (i, text) = get(P::RegisterNo).unwrap_or((0, ""));
                    self.fail(
                        line,
                        i,
                        text,
                        reason(
                            format!("同一法院的登记号与第{first}行重复"),
                            format!("the court's register number repeats row {first}"),
                        ),
                    );
                }
                None => {
                    seen.insert((court, number), line);
                }
            }
        }
        if self.validation.errors.len() > before {
            return;
        }
        self.validation.petitions.push(Located {
            table: self.index,
            row: line,
            record: PetitionRow {
                petition,
                id_numbers: petitioners.1,
            },
        });
    }

    /// One row of a high court's notice: the period (its first day not after its last), the city
    /// (one line, once per period), its court code if given, and three counts.
    pub(super) fn notice_row(
        &mut self,
        row: &TableRow,
        columns: &[Option<usize>],
        seen: &mut HashMap<(NaiveDate, NaiveDate, String), usize>,
    ) {
        use crate::columns::NoticeColumn as N;
        let line = row.row;
        let before = self.validation.errors.len();
        let get = |c: N| Self::cell(row, columns, c);
        let from = self
            .required(line, get(N::From), ("通报期间起", "the period's first day"))
            .and_then(|(i, t)| self.date(line, i, t));
        let to = self
            .required(line, get(N::To), ("通报期间止", "the period's last day"))
            .and_then(|(i, t)| self.date(line, i, t));
        let region = self
            .required(line, get(N::Region), ("地区", "the region"))
            .and_then(|cell| self.one_line(line, Some(cell), NAME_MAX));
        let court = match get(N::Court) {
            None | Some((_, "")) => None,
            cell => self.required_court(line, cell),
        };
        let mut count = |column: N| match get(column) {
            None | Some((_, "")) => 0,
            Some((i, text)) => match text.parse::<u32>() {
                Ok(n) if n <= NOTICE_COUNT_MAX => n,
                _ => {
                    self.fail(
                        line,
                        i,
                        text,
                        reason(
                            format!("应为0至{NOTICE_COUNT_MAX}的整数"),
                            format!("a whole number from 0 to {NOTICE_COUNT_MAX}"),
                        ),
                    );
                    0
                }
            },
        };
        let counts = (
            count(N::ToProvince),
            count(N::ToBeijing),
            count(N::ToCircuit),
        );
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            let (i, text) = get(N::To).unwrap_or((0, ""));
            self.fail(
                line,
                i,
                text,
                reason("通报期间止早于期间起", "the period ends before it begins"),
            );
        }
        if self.validation.errors.len() > before {
            return;
        }
        let (Some(from), Some(to), Some(region)) = (from, to, region) else {
            return;
        };
        if let Some(first) = seen.get(&(from, to, region.clone())) {
            let (i, text) = get(N::Region).unwrap_or((0, ""));
            self.fail(
                line,
                i,
                text,
                reason(
                    format!("同一期间的地区与第{first}行重复"),
                    format!("the region repeats row {first} for the same period"),
                ),
            );
            return;
        }
        seen.insert((from, to, region.clone()), line);
        self.validation.notices.push(Located {
            table: self.index,
            row: line,
            record: NoticeLine {
                from,
                to,
                row: NoticeRow {
                    region,
                    court,
                    to_province: counts.0,
                    to_beijing: counts.1,
                    to_circuit: counts.2,
                },
            },
        });
    }

    /// The petitioners named, each with the key or masked form read back from an export, and the
    /// identity numbers given, one place per petitioner.
    fn petitioners<'r>(
        &mut self,
        line: usize,
        get: &dyn Fn(P) -> Option<(usize, &'r str)>,
    ) -> (Vec<Petitioner>, Vec<Option<IdNumber>>) {
        let Some((i, names)) =
            self.required(line, get(P::Petitioners), ("信访人", "the petitioners"))
        else {
            return (Vec::new(), Vec::new());
        };
        let names = items(names);
        if names.len() > PEOPLE_MAX || names.iter().any(|n| n.is_empty()) {
            self.fail(
                line,
                i,
                &names.iter().take(3).copied().collect::<Vec<_>>().join("、"),
                reason(
                    format!("信访人应为1至{PEOPLE_MAX}个不为空的姓名，以“、”分隔"),
                    format!(
                        "the petitioners are 1 to {PEOPLE_MAX} names, none empty, separated by 、"
                    ),
                ),
            );
            return (Vec::new(), Vec::new());
        }
        let mut people: Vec<Petitioner> = Vec::with_capacity(names.len());
        for name in &names {
            match self.one_line(line, Some((i, name)), NAME_MAX) {
                Some(name) => people.push(Petitioner {
                    name,
                    identity: None,
                    masked: None,
                }),
                None => return (Vec::new(), Vec::new()),
            }
        }
        // One place per petitioner in each of the identity columns.
        let places = |this: &mut Self, column: P, what: (&str, &str)| -> Option<Vec<String>> {
            let (at, text) = get(column).filter(|(_, t)| !t.is_empty())?;
            let found: Vec<String> = items(text).into_iter().map(str::to_string).collect();
            if found.len() != people.len() {
                let (zh, en) = what;
                let count = people.len();
                this.fail(
                    line,
                    at,
                    "…",
                    reason(
                        format!("{zh}应与信访人一一对应（{count}人），以“、”分隔，无号码处留空"),
                        format!("the {en} go one per petitioner ({count}), separated by 、, an empty place for none"),
                    ),
                );
                return None;
            }
            Some(found)
        };
        let numbers = places(self, P::IdNumbers, ("证件号码", "identity numbers"));
        let keys = places(self, P::IdentityKeys, ("身份标识", "identity keys"));
        let masked = places(self, P::IdMasked, ("脱敏证件号码", "masked numbers"));
        let mut id_numbers = vec![None; people.len()];
        for (n, person) in people.iter_mut().enumerate() {
            let number = numbers.as_ref().map(|all| all[n].as_str()).unwrap_or("");
            if !number.is_empty() {
                match IdNumber::parse(number) {
                    Ok(id) => {
                        person.masked = Some(id.masked());
                        id_numbers[n] = Some(id);
                    }
                    Err(e) => {
                        // Not repeated in the report: it may be a real number.
                        let at = get(P::IdNumbers).map_or(0, |c| c.0);
                        self.fail(line, at, "…", reason(e.why_zh, e.why_en));
                    }
                }
                continue;
            }
            let key = keys.as_ref().map(|all| all[n].as_str()).unwrap_or("");
            if !key.is_empty() {
                match IdentityKey::parse(key) {
                    Some(key) => person.identity = Some(key),
                    None => {
                        let at = get(P::IdentityKeys).map_or(0, |c| c.0);
                        self.fail(
                            line,
                            at,
                            key,
                            reason(
                                "身份标识应为32位十六进制字符（本系统导出的值）",
                                "an identity key is 32 hex characters, as exported",
                            ),
                        );
                    }
                }
                let shown = masked.as_ref().map(|all| all[n].as_str()).unwrap_or("");
                if looks_masked(shown) {
                    person.masked = Some(shown.to_string());
                } else if !shown.is_empty() {
                    let at = get(P::IdMasked).map_or(0, |c| c.0);
                    self.fail(
                        line,
                        at,
                        "…",
                        reason(
                            "脱敏证件号码须含“*”，完整号码请填入“证件号码”列",
                            "a masked number contains *; a whole number goes in the id_numbers column",
                        ),
                    );
                }
            }
        }
        (people, id_numbers)
    }

    /// The checks between the cells of a row that read one by one.
    fn agree_petition<'r>(
        &mut self,
        line: usize,
        get: &dyn Fn(P) -> Option<(usize, &'r str)>,
        p: &Petition,
    ) {
        // A column the file lacks (a register may leave out 交办单位 or 办理结果) is named by the
        // header it would have.
        let fail = |this: &mut Self, column: P, zh: String, en: String| match get(column) {
            Some((i, text)) => this.fail(line, i, text, reason(zh, en)),
            None => this.fail_named(
                line,
                crate::columns::petition_header(column, true).to_string(),
                "",
                reason(zh, en),
            ),
        };
        for wrong in p.disagreements() {
            fail(
                self,
                column_of(wrong.field),
                wrong.why.zh().to_string(),
                wrong.why.en().to_string(),
            );
        }
    }
}

/// The register's column of a field of the record.
fn column_of(field: Field) -> P {
    match field {
        Field::HeadCount => P::HeadCount,
        Field::Referrer => P::Referrer,
        Field::Circuit => P::Circuit,
        Field::Route => P::Route,
        Field::RoutedCase => P::RoutedCase,
        Field::NotRoutedReason => P::NotRoutedReason,
        Field::AcceptedOn => P::AcceptedOn,
        Field::RepliedOn => P::RepliedOn,
        Field::Outcome => P::Outcome,
        Field::Satisfaction => P::Satisfaction,
        Field::ReviewAskedOn => P::ReviewAskedOn,
        Field::ReviewRepliedOn => P::ReviewRepliedOn,
        Field::RecheckAskedOn => P::RecheckAskedOn,
        Field::RecheckRepliedOn => P::RecheckRepliedOn,
        Field::ResolvedOn => P::ResolvedOn,
        Field::EndedOn => P::EndedOn,
        Field::EndedBy => P::EndedBy,
        Field::StoppedOn => P::StoppedOn,
    }
}

#[cfg(test)]
mod tests;
