//! Validation of table rows into case and event records. A bad cell is a [`RowError`] naming the
//! file, the row as the user sees it, the column as the file names it, the value and the reason in
//! Chinese and English; it is data, never an `Err`.
//!
//! Rules for a case row: the case number parses; the required cells (case number, filing date)
//! are there; dates exist (ISO, `2024/3/5`, `2024年3月5日`, `20240305`, an Excel serial number, or a
//! date-time whose date part is one of those) and are not after today; the closing date is not
//! before the filing date; a closing method is known and fits the case's stage, and only closed
//! cases have one; amounts are not negative and have at most two decimals; the recovered amount
//! belongs to enforcement cases; day counts are whole numbers; a stated court code, type code,
//! category or stage agrees with the case number; a legacy number whose abbreviation names no
//! current court needs the court code column; no case number appears twice in one import.

use std::collections::{BTreeSet, HashMap};
use std::path::PathBuf;

use chrono::{Days, NaiveDate};
use shenguan_domain::{
    CaseNumber, CaseRecord, Category, ClosingMethod, CourtCode, EventKind, EventRecord, Exclusion,
    Extension, Money, Payment, Period, Procedure, Staff, StaffId, Stage, closing_method_for,
    closing_methods, parse_date, parse_exclusions, parse_extensions,
};
use shenguan_domain::{Text, text};

pub use self::assistance::AssistanceRow;
pub use self::parties::PartyRow;
pub use self::petitions::{NoticeLine, PetitionRow};
pub use self::service::{AttemptLine, ConfirmationLine, PostalLine, ServiceLine, ServiceTaskLine};
use crate::columns::{CaseColumn, EventColumn, HeaderKind, resolve_header};
use crate::table::{ReadError, Table, TableRow};

/// One bad cell (or row).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    pub path: PathBuf,
    pub row: usize,
    /// The column as the file's header names it (empty for a whole-row problem).
    pub column: String,
    pub value: String,
    pub reason_zh: String,
    pub reason_en: String,
}

impl RowError {
    /// The file, row, column, value and reason, in both languages.
    pub fn text(&self) -> Text {
        let Self {
            path,
            row,
            column,
            value,
            reason_zh,
            reason_en,
        } = self;
        let path = path.display();
        text!(
            "{path} 第{row}行 列“{column}” 值“{value}”: {reason_zh}",
            "{path} row {row} column “{column}” value “{value}”: {reason_en}"
        )
    }
}

/// In Chinese, the default language; [`RowError::text`] has both.
impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.text().zh())
    }
}

/// A valid row and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    /// Index of the table in the list given to [`validate_tables`].
    pub table: usize,
    pub row: usize,
    pub record: T,
}

/// The outcome of validating every table of one import.
#[derive(Clone, Debug, Default)]
pub struct Validation {
    pub staff: Vec<Located<Staff>>,
    pub divisions: Vec<Located<shenguan_domain::Division>>,
    pub parties: Vec<Located<PartyRow>>,
    pub payments: Vec<Located<Payment>>,
    pub cases: Vec<Located<CaseRecord>>,
    pub events: Vec<Located<EventRecord>>,
    /// Petitions of the register (信访登记表).
    pub petitions: Vec<Located<PetitionRow>>,
    /// Rows of a high court's petition notice (省法院通报).
    pub notices: Vec<Located<NoticeLine>>,
    /// Applications for judicial assistance (司法救助台账).
    pub assistance: Vec<Located<AssistanceRow>>,
    /// Rows of the service records (送达记录): a task, with an attempt or without.
    pub service: Vec<Located<ServiceLine>>,
    /// The parties' address confirmations (送达地址确认书).
    pub confirmations: Vec<Located<ConfirmationLine>>,
    /// A post office's delivery results (邮寄结果).
    pub postal: Vec<Located<PostalLine>>,
    pub errors: Vec<RowError>,
    /// (table index, row) of every row with at least one error.
    pub rejected: BTreeSet<(usize, usize)>,
    /// Notes that do not stop an import (columns ignored, derived columns not read).
    pub warnings: Vec<Text>,
    /// The canonical columns each cases table has, by table index: what its rows state (see
    /// `update::keep_unstated`).
    pub case_columns: HashMap<usize, Vec<CaseColumn>>,
}

/// The longest name accepted for a court, a division or a judge (a name, not a paragraph).
pub(crate) const NAME_MAX: usize = 50;
/// The longest cause of action (案由): the standard's longest are some forty characters; a
/// combined cause ("…纠纷、…纠纷") runs longer.
const CAUSE_MAX: usize = 200;
/// The longest detail of an event (what the case system wrote about it).
const DETAIL_MAX: usize = 2000;
/// How much of an overlong value the row report shows.
const SHOWN_OF_A_LONG_VALUE: usize = 60;

/// The earliest date accepted in case data.
const EARLIEST: NaiveDate = match NaiveDate::from_ymd_opt(1949, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Validates every row of `tables`; `today` bounds the dates and the receipt year.
pub fn validate_tables(tables: &[Table], today: NaiveDate) -> Result<Validation, ReadError> {
    let mut validation = Validation::default();
    let mut seen: HashMap<CaseNumber, (usize, usize)> = HashMap::new();
    let mut staff_seen: HashMap<StaffId, usize> = HashMap::new();
    let mut divisions_seen: HashMap<(CourtCode, String), usize> = HashMap::new();
    let mut petitions_seen: HashMap<(CourtCode, String), usize> = HashMap::new();
    let mut notices_seen: HashMap<(NaiveDate, NaiveDate, String), usize> = HashMap::new();
    let mut assistance_seen: HashMap<CaseNumber, usize> = HashMap::new();
    let mut service_seen = service::ServiceSeen::default();
    for (index, table) in tables.iter().enumerate() {
        let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
        let Some(kind) = resolve_header(&headers) else {
            return Err(ReadError {
                path: table.path.clone(),
                row: Some(table.header_row),
                message: text!(
                    "表头不是案件表（需含 案号、立案日期）、事件表（案号、事件、日期）、当事人表（案号、诉讼地位、当事人）、执行款表（案号、日期、收付、金额）、人员名单（工号、姓名）、信访登记表（登记号、登记日期、信访人）、省法院信访通报（通报期间起、地区、赴省信访）、送达记录（案号、送达文书、受送达人）、送达地址确认书（案号、当事人、签署日期）或邮寄结果（邮件号、投递状态），也不是导出的督办等记录（supervision 文件夹中的文件）",
                    "the header names none of: cases (case_no, filed_on), events (case_no, kind, date), parties (case_no, role, name), payments (case_no, date, kind, amount), staff (staff_id, name), a petition register (register_no, received_on, petitioners), a high court's petition notice (from, region, to_province), service records (case_no, document, recipient), address confirmations (case_no, party, signed_on) or a postal batch (tracking_no, status); nor is it one of the supervision records an export writes (its supervision folder)"
                ),
            });
        };
        let mut ctx = Context {
            tables,
            table,
            index,
            today,
            validation: &mut validation,
        };
        match kind {
            HeaderKind::Cases { columns, unknown } => {
                ctx.note_unknown(&unknown);
                if columns.contains(&Some(CaseColumn::Deadline))
                    || columns.contains(&Some(CaseColumn::TrialDays))
                {
                    let path = table.path.display();
                    ctx.validation.warnings.push(text!(
                        "{path}: 审限届满日、审理天数为派生列，导入时不读取，按本系统规则重新计算",
                        "{path}: the columns deadline and trial_days are derived: they are not read but computed again by this system's rules"
                    ));
                }
                // 延长审限次数 and 上诉审法院 are derived too, for readers of the files other than
                // this system; they follow from the other columns, so they go without a word.
                let positions = positions_of(&columns);
                ctx.validation
                    .case_columns
                    .insert(index, columns.iter().flatten().copied().collect());
                for row in &table.rows {
                    ctx.case_row(row, &positions, &mut seen);
                }
            }
            HeaderKind::Events { columns, unknown } => {
                ctx.note_unknown(&unknown);
                let positions = positions_of(&columns);
                for row in &table.rows {
                    ctx.event_row(row, &positions);
                }
            }
            HeaderKind::Divisions { columns, unknown } => {
                ctx.note_unknown(&unknown);
                let positions = positions_of(&columns);
                for row in &table.rows {
                    ctx.division_row(row, &positions, &mut divisions_seen);
                }
            }
            HeaderKind::Parties { columns, unknown } => {
                ctx.note_unknown(&unknown);
                let positions = positions_of(&columns);
                for row in &table.rows {
                    ctx.party_row(row, &positions);
                }
            }
            HeaderKind::Payments { columns, unknown } => {
                ctx.note_unknown(&unknown);
                let positions = positions_of(&columns);
                for row in &table.rows {
                    ctx.payment_row(row, &positions);
                }
            }
            HeaderKind::Petitions { columns, unknown } => {
                use crate::columns::{PetitionColumn as P, petition_header};
                let missing: Vec<&str> = [P::Court, P::Channel, P::Subject]
                    .into_iter()
                    .filter(|c| !columns.contains(&Some(*c)))
                    .map(|c| petition_header(c, true))
                    .collect();
                lacking(table, &missing, |missing| {
                    text!(
                        "信访登记表缺少列：{missing}",
                        "the petition register lacks the columns {missing}"
                    )
                })?;
                ctx.note_unknown(&unknown);
                let positions = positions_of(&columns);
                for row in &table.rows {
                    ctx.petition_row(row, &positions, &mut petitions_seen);
                }
            }
            HeaderKind::Notice { columns, unknown } => {
                use crate::columns::{NOTICE_COLUMNS, NoticeColumn as N};
                // Every count is required: a count the notice leaves out would rank every city
                // first on it, with none.
                let missing: Vec<&str> = [N::To, N::ToBeijing, N::ToCircuit]
                    .into_iter()
                    .filter(|c| !columns.contains(&Some(*c)))
                    .filter_map(|c| NOTICE_COLUMNS.iter().find(|n| n.0 == c).map(|n| n.2))
                    .collect();
                lacking(table, &missing, |missing| {
                    text!(
                        "信访通报缺少列：{missing}（某项通报未列的，各地区填0）",
                        "the petition notice lacks the columns {missing} (where the notice gives none, write 0 for every region)"
                    )
                })?;
                ctx.note_unknown(&unknown);
                let positions = positions_of(&columns);
                for row in &table.rows {
                    ctx.notice_row(row, &positions, &mut notices_seen);
                }
            }
            HeaderKind::Assistance { columns, unknown } => {
                ctx.note_unknown(&unknown);
                let positions = positions_of(&columns);
                for row in &table.rows {
                    ctx.assistance_row(row, &positions, &mut assistance_seen);
                }
            }
            HeaderKind::Service { columns, unknown } => {
                use crate::columns::{ServiceColumn as S, service_header};
                // The task's columns always; an attempt's when the file has any of its columns.
                let attempts = [
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
                ]
                .iter()
                .any(|c| columns.contains(&Some(*c)));
                let mut needed = vec![S::CreatedOn];
                if attempts {
                    needed.extend([S::Seq, S::Method, S::AttemptedOn, S::Outcome]);
                }
                let missing: Vec<&str> = needed
                    .into_iter()
                    .filter(|c| !columns.contains(&Some(*c)))
                    .map(|c| service_header(c, true))
                    .collect();
                lacking(table, &missing, |missing| {
                    text!(
                        "送达记录缺少列：{missing}",
                        "the service records lack the columns {missing}"
                    )
                })?;
                ctx.note_unknown(&unknown);
                let positions = positions_of(&columns);
                for row in &table.rows {
                    ctx.service_row(row, &positions, &mut service_seen);
                }
            }
            HeaderKind::Confirmations { columns, unknown } => {
                ctx.note_unknown(&unknown);
                let positions = positions_of(&columns);
                for row in &table.rows {
                    ctx.confirmation_row(row, &positions, &mut service_seen);
                }
            }
            HeaderKind::Postal { columns, unknown } => {
                ctx.note_unknown(&unknown);
                let positions = positions_of(&columns);
                for row in &table.rows {
                    ctx.postal_row(row, &positions, &mut service_seen);
                }
            }
            HeaderKind::Staff { columns, unknown } => {
                ctx.note_unknown(&unknown);
                let positions = positions_of(&columns);
                for row in &table.rows {
                    ctx.staff_row(row, &positions, &mut staff_seen);
                }
            }
        }
    }
    drop_repeated_events(tables, &mut validation);
    Ok(validation)
}

/// How many repeated events are named one by one in the warnings.
const REPEATS_NAMED: usize = 20;

/// Keeps the first of events that repeat within the import (same case, date, kind and detail: the
/// store keeps one) and says so in the warnings, naming the rows — never merged in silence.
/// Refuses a file whose header lacks the columns `missing` (none: accepted), with the message
/// `says` gives for their names.
fn lacking(table: &Table, missing: &[&str], says: impl Fn(&str) -> Text) -> Result<(), ReadError> {
    if missing.is_empty() {
        return Ok(());
    }
    Err(ReadError {
        path: table.path.clone(),
        row: Some(table.header_row),
        message: says(&missing.join("、")),
    })
}

fn drop_repeated_events(tables: &[Table], validation: &mut Validation) {
    // Sorted, equal events sit together, the earliest row first (the sort is stable): no copy of
    // the events is made, which matters for an import of millions of them.
    let events = &validation.events;
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_by(|&a, &b| events[a].record.cmp(&events[b].record));
    let mut dropped = vec![false; events.len()];
    let mut repeats = Vec::new();
    let at = |i: usize| (events[i].table, events[i].row);
    let mut group_first = order.first().copied().unwrap_or(0);
    for pair in order.windows(2) {
        let (previous, next) = (pair[0], pair[1]);
        if events[previous].record == events[next].record {
            dropped[next] = true;
            repeats.push((at(next), at(group_first)));
        } else {
            group_first = next;
        }
    }
    repeats.sort();
    let mut index = 0;
    validation.events.retain(|_| {
        let keep = !dropped[index];
        index += 1;
        keep
    });
    let place = |(table, row): (usize, usize)| {
        let path = tables[table].path.display();
        text!("{path} 第{row}行", "{path} row {row}")
    };
    for (repeat, original) in repeats.iter().take(REPEATS_NAMED) {
        let (repeat, original) = (place(*repeat), place(*original));
        let (repeat_zh, repeat_en, original_zh, original_en) =
            (repeat.zh(), repeat.en(), original.zh(), original.en());
        validation.warnings.push(text!(
            "{repeat_zh} 的事件与 {original_zh} 相同（案号、日期、事件、详情），只保存一次",
            "the event of {repeat_en} repeats {original_en} (case number, date, kind, detail) and is stored once"
        ));
    }
    if repeats.len() > REPEATS_NAMED {
        let more = repeats.len() - REPEATS_NAMED;
        validation.warnings.push(text!(
            "另有{more}条重复事件未列出，均只保存一次",
            "{more} more repeated events are not listed; each is stored once"
        ));
    }
}

/// For each column (by its position in the enum), where it stands in the file: looked up once per
/// table instead of once per cell. The first of two same-named columns wins.
fn positions_of<C: Into<usize> + Copy>(columns: &[Option<C>]) -> Vec<Option<usize>> {
    let mut positions = Vec::new();
    for (index, column) in columns.iter().enumerate() {
        if let Some(column) = column {
            let slot: usize = (*column).into();
            if positions.len() <= slot {
                positions.resize(slot + 1, None);
            }
            if positions[slot].is_none() {
                positions[slot] = Some(index);
            }
        }
    }
    positions
}

struct Context<'a> {
    tables: &'a [Table],
    table: &'a Table,
    index: usize,
    today: NaiveDate,
    validation: &'a mut Validation,
}

/// One failed check: the reason in both languages.
struct Reason(String, String);

fn reason(zh: impl Into<String>, en: impl Into<String>) -> Reason {
    Reason(zh.into(), en.into())
}

/// The reason a domain error gives, in both languages.
fn because(text: Text) -> Reason {
    reason(text.zh(), text.en())
}

impl Context<'_> {
    fn note_unknown(&mut self, unknown: &[String]) {
        if !unknown.is_empty() {
            let path = self.table.path.display();
            let (zh, en) = (unknown.join("、"), unknown.join(", "));
            self.validation.warnings.push(text!(
                "{path}: 忽略无法识别的列 {zh}",
                "{path}: the unknown columns {en} are ignored"
            ));
        }
    }

    fn fail(&mut self, row: usize, column: usize, value: &str, why: Reason) {
        let header = self.table.headers.get(column).cloned().unwrap_or_default();
        self.fail_named(row, header, value, why);
    }

    /// A row error on a column the file may not have: named by the header it would have.
    fn fail_named(&mut self, row: usize, column: String, value: &str, why: Reason) {
        self.validation.errors.push(RowError {
            path: self.table.path.clone(),
            row,
            column,
            value: value.to_string(),
            reason_zh: why.0,
            reason_en: why.1,
        });
        self.validation.rejected.insert((self.index, row));
    }

    /// The trimmed cell of `column`, with its index, if the file has that column.
    fn cell<'r, C: Into<usize> + Copy>(
        row: &'r TableRow,
        positions: &[Option<usize>],
        column: C,
    ) -> Option<(usize, &'r str)> {
        let index = positions.get(column.into()).copied().flatten()?;
        Some((index, row.cells.get(index).unwrap_or("").trim()))
    }

    fn case_row(
        &mut self,
        row: &TableRow,
        columns: &[Option<usize>],
        seen: &mut HashMap<CaseNumber, (usize, usize)>,
    ) {
        let line = row.row;
        let before = self.validation.errors.len();
        let get = |c: CaseColumn| Self::cell(row, columns, c);
        let this_year = chrono::Datelike::year(&self.today);

        let case_no = self
            .required(line, get(CaseColumn::CaseNo), ("案号", "the case number"))
            .and_then(|(i, text)| self.case_number(line, i, text));
        let filed_on = self
            .required(
                line,
                get(CaseColumn::FiledOn),
                ("立案日期", "the filing date"),
            )
            .and_then(|(i, text)| self.date(line, i, text));
        let closed_on = match get(CaseColumn::ClosedOn) {
            Some((_, "")) | None => None,
            Some((i, text)) => {
                let date = self.date(line, i, text);
                if let (Some(closed), Some(filed)) = (date, filed_on)
                    && closed < filed
                {
                    self.fail(
                        line,
                        i,
                        text,
                        reason(
                            format!("结案日期早于立案日期{filed}"),
                            format!("the closing date is before the filing date {filed}"),
                        ),
                    );
                }
                date
            }
        };

        let case_no_column = get(CaseColumn::CaseNo).map_or(0, |(i, _)| i);
        let court = case_no
            .as_ref()
            .and_then(|n| self.court(line, case_no_column, n, get(CaseColumn::CourtCode)));
        if let Some(n) = &case_no {
            self.agree(
                line,
                n,
                get(CaseColumn::TypeCode),
                get(CaseColumn::Category),
                get(CaseColumn::Stage),
            );
        }
        let stage = case_no.as_ref().and_then(CaseNumber::stage);
        let category = case_no.as_ref().and_then(CaseNumber::category);

        let closing_method = match get(CaseColumn::ClosingMethod) {
            Some((_, "")) | None => None,
            Some((i, text)) => {
                if closed_on.is_none() && get(CaseColumn::ClosedOn).is_some() {
                    self.fail(
                        line,
                        i,
                        text,
                        reason(
                            "未结案件（无结案日期）不应有结案方式",
                            "a pending case (no closing date) has no closing method",
                        ),
                    );
                }
                match stage.map(|s| closing_method_for(text, s)) {
                    Some(Ok(method)) => Some(method),
                    Some(Err(e)) => {
                        self.fail(line, i, text, reason(e.message_zh(), e.message_en()));
                        None
                    }
                    // The stage of an undecodable legacy number is unknown: any known method.
                    None => match ClosingMethod::parse(text) {
                        Some(method) => Some(method),
                        None => {
                            let all: Vec<&str> = closing_methods().collect();
                            self.fail(
                                line,
                                i,
                                text,
                                reason(
                                    format!(
                                        "结案方式“{}”无法识别；可用：{}",
                                        text.trim(),
                                        all.join("、")
                                    ),
                                    format!(
                                        "unknown closing method “{}”; the closing methods: {}",
                                        text.trim(),
                                        all.join(", ")
                                    ),
                                ),
                            );
                            None
                        }
                    },
                }
            }
        };
        let procedure = match get(CaseColumn::Procedure) {
            Some((_, "")) | None => None,
            Some((i, text)) => match Procedure::parse(text) {
                Some(p) => Some(p),
                None => {
                    self.fail(
                        line,
                        i,
                        text,
                        reason(
                            "适用程序无法识别（普通、简易、小额诉讼、速裁、特别、其他）",
                            "unknown procedure (普通, 简易, 小额诉讼, 速裁, 特别, 其他)",
                        ),
                    );
                    None
                }
            },
        };
        let claim_amount = self.money(line, get(CaseColumn::ClaimAmount));
        let recovered_amount = self.money(line, get(CaseColumn::RecoveredAmount));
        if let (Some(_), Some((i, text))) = (recovered_amount, get(CaseColumn::RecoveredAmount))
            && category.is_some_and(|c| c != Category::Enforcement)
        {
            self.fail(
                line,
                i,
                text,
                reason(
                    "执行到位金额只适用于执行案件",
                    "a recovered amount belongs to enforcement cases only",
                ),
            );
        }
        let extensions = self.extensions(
            line,
            get(CaseColumn::Extension),
            get(CaseColumn::ExtensionDays),
        );
        let exclusions = self.exclusions(
            line,
            get(CaseColumn::Exclusions),
            get(CaseColumn::ExcludedDays),
        );
        let judge_id = match get(CaseColumn::JudgeId) {
            Some((_, "")) | None => None,
            Some((i, text)) => match StaffId::parse(text) {
                Ok(id) => Some(id),
                Err(e) => {
                    self.fail(line, i, text, because(e.text()));
                    None
                }
            },
        };
        let origin_case_no = match get(CaseColumn::OriginCaseNo) {
            Some((_, "")) | None => None,
            Some((i, text)) => match CaseNumber::parse(text, this_year) {
                Ok(n) => Some(n),
                Err(e) => {
                    self.fail(
                        line,
                        i,
                        text,
                        reason(
                            format!("原审案号有误：{}", e.message_zh()),
                            format!("origin case number: {}", e.message_en()),
                        ),
                    );
                    None
                }
            },
        };
        if let Some(n) = &case_no {
            if let Some(&(table, first_row)) = seen.get(n) {
                let (i, text) = get(CaseColumn::CaseNo).unwrap_or((0, ""));
                let place = if table == self.index {
                    format!("第{first_row}行")
                } else {
                    format!("{} 第{first_row}行", self.tables[table].path.display())
                };
                self.fail(
                    line,
                    i,
                    text,
                    reason(
                        format!("案号与{place}重复"),
                        format!("the case number repeats row {first_row}"),
                    ),
                );
            } else {
                seen.insert(n.clone(), (self.index, line));
            }
        }

        // Free text is one line of bounded length: a 10 MB cell or a line break in a judge's
        // name is a mistake of the export, named in the row report.
        let court_name = self.one_line(line, get(CaseColumn::CourtName), NAME_MAX);
        let cause = self.one_line(line, get(CaseColumn::Cause), CAUSE_MAX);
        let division = self.one_line(line, get(CaseColumn::Division), NAME_MAX);
        let judge = self.one_line(line, get(CaseColumn::Judge), NAME_MAX);
        if self.validation.errors.len() > before {
            return;
        }
        let (Some(case_no), Some(court), Some(filed_on)) = (case_no, court, filed_on) else {
            return;
        };
        self.validation.cases.push(Located {
            table: self.index,
            row: line,
            record: CaseRecord {
                case_no,
                court,
                court_name,
                procedure,
                cause,
                division,
                judge,
                judge_id,
                filed_on,
                closed_on,
                closing_method,
                claim_amount,
                recovered_amount,
                extensions,
                exclusions,
                origin_case_no,
            },
        });
    }

    fn event_row(&mut self, row: &TableRow, columns: &[Option<usize>]) {
        let line = row.row;
        let before = self.validation.errors.len();
        let get = |c: EventColumn| Self::cell(row, columns, c);
        let case_no = self
            .required(line, get(EventColumn::CaseNo), ("案号", "the case number"))
            .and_then(|(i, text)| self.case_number(line, i, text));
        let date = self
            .required(line, get(EventColumn::Date), ("日期", "the date"))
            .and_then(|(i, text)| self.date(line, i, text));
        let named = self.required(line, get(EventColumn::Kind), ("事件", "the event kind"));
        let kind = match named.map(|(i, text)| (i, text, EventKind::parse(text))) {
            Some((_, _, Ok(kind))) => Some(kind),
            Some((i, text, Err(e))) => {
                self.fail(line, i, text, reason(e.message_zh(), e.message_en()));
                None
            }
            None => None,
        };
        let mut detail = self
            .bounded(line, get(EventColumn::Detail), DETAIL_MAX)
            .unwrap_or_default();
        // A kind named by another of its names (公告送达 for 送达) keeps that name in the detail.
        if let (Some(kind), Some((_, text))) = (kind, named) {
            let text = text.trim();
            if text != kind.label_zh() && text != kind.key() && !detail.contains(text) {
                detail = if detail.is_empty() {
                    text.to_string()
                } else {
                    format!("{text} {detail}")
                };
            }
        }
        if self.validation.errors.len() > before {
            return;
        }
        if let (Some(case_no), Some(date), Some(kind)) = (case_no, date, kind) {
            self.validation.events.push(Located {
                table: self.index,
                row: line,
                record: EventRecord {
                    case_no,
                    date,
                    kind,
                    detail,
                },
            });
        }
    }

    /// A cell of at most `max` characters, line breaks allowed (an event's detail quotes what
    /// the case system wrote), `None` when empty, or a row error.
    fn bounded(&mut self, line: usize, cell: Option<(usize, &str)>, max: usize) -> Option<String> {
        let (i, text) = cell.filter(|(_, t)| !t.is_empty())?;
        if text.chars().count() > max {
            self.fail(
                line,
                i,
                &text.chars().take(SHOWN_OF_A_LONG_VALUE).collect::<String>(),
                reason(
                    format!("不得超过{max}字（此处{}字）", text.chars().count()),
                    format!("at most {max} characters ({} here)", text.chars().count()),
                ),
            );
            return None;
        }
        Some(text.to_string())
    }

    /// A cell of one line of at most `max` characters (`None` when empty), or a row error.
    fn one_line(&mut self, line: usize, cell: Option<(usize, &str)>, max: usize) -> Option<String> {
        let (i, text) = cell.filter(|(_, t)| !t.is_empty())?;
        if text.chars().count() > max || text.chars().any(char::is_control) {
            self.fail(
                line,
                i,
                &text
                    .chars()
                    .take(max.min(SHOWN_OF_A_LONG_VALUE))
                    .collect::<String>(),
                reason(
                    format!("须为不超过{max}字的一行文字"),
                    format!("one line of at most {max} characters"),
                ),
            );
            return None;
        }
        Some(text.to_string())
    }

    /// A required cell: missing from a row it is an error; `None` too when the file lacks the column
    /// (the header check has already required the columns that must be there).
    fn required<'r>(
        &mut self,
        line: usize,
        cell: Option<(usize, &'r str)>,
        (zh, en): (&str, &str),
    ) -> Option<(usize, &'r str)> {
        match cell {
            Some((i, "")) => {
                self.fail(
                    line,
                    i,
                    "",
                    reason(format!("{zh}为必填项"), format!("{en} is required")),
                );
                None
            }
            other => other,
        }
    }

    /// A required court code (法院代字), or a row error.
    fn required_court(&mut self, line: usize, cell: Option<(usize, &str)>) -> Option<CourtCode> {
        let (i, text) = self.required(line, cell, ("法院代字", "the court code"))?;
        match CourtCode::parse(text) {
            Ok(code) => Some(code),
            Err(e) => {
                self.fail(line, i, text, reason(e.message_zh(), e.message_en()));
                None
            }
        }
    }

    fn case_number(&mut self, line: usize, column: usize, text: &str) -> Option<CaseNumber> {
        match CaseNumber::parse(text, chrono::Datelike::year(&self.today)) {
            Ok(n) => Some(n),
            Err(e) => {
                self.fail(line, column, text, reason(e.message_zh(), e.message_en()));
                None
            }
        }
    }

    fn date(&mut self, line: usize, column: usize, text: &str) -> Option<NaiveDate> {
        match parse_cell_date(text) {
            Some(date) if date > self.today => {
                self.fail(
                    line,
                    column,
                    text,
                    reason(
                        format!("日期晚于今天（{}）", self.today),
                        format!("the date is after today ({})", self.today),
                    ),
                );
                None
            }
            Some(date) if date < EARLIEST => {
                self.fail(
                    line,
                    column,
                    text,
                    reason("日期早于1949年", "the date is before 1949"),
                );
                None
            }
            Some(date) => Some(date),
            None => {
                self.fail(line, column, text, reason(
                    "不是存在的日期（可写 2024-03-05、2024/3/5、2024年3月5日、20240305 或 Excel 日期）",
                    "not a date that exists (2024-03-05, 2024/3/5, 2024年3月5日, 20240305 or an Excel date)",
                ));
                None
            }
        }
    }

    fn money(&mut self, line: usize, cell: Option<(usize, &str)>) -> Option<Money> {
        let (i, text) = cell.filter(|(_, t)| !t.is_empty())?;
        match Money::parse(text) {
            Ok(m) => Some(m),
            Err(e) => {
                self.fail(line, i, text, reason(e.message_zh(), e.message_en()));
                None
            }
        }
    }

    /// The approved extensions of a row. `extension` (延长审限) is read first: periods with their
    /// units and, where known, approval ("6个月@2026-01-05/本院院长;30日"); a bare number there
    /// is days, as the column was read before it kept units. Only when it is absent or empty does
    /// a total of days (`extension_days`) give one extension in days — a total that an export
    /// derives from `extension` is never added twice.
    fn extensions(
        &mut self,
        line: usize,
        extension: Option<(usize, &str)>,
        total_days: Option<(usize, &str)>,
    ) -> Vec<Extension> {
        if let Some((i, text)) = extension.filter(|(_, t)| !t.is_empty()) {
            let whole = text.strip_suffix(".0").unwrap_or(text);
            if whole.bytes().all(|b| b.is_ascii_digit()) {
                return self
                    .days(line, Some((i, text)))
                    .filter(|&n| n > 0)
                    .map(|n| Extension::of(Period::Days(n)))
                    .into_iter()
                    .collect();
            }
            return match parse_extensions(text) {
                Ok(extensions) => extensions,
                Err(e) => {
                    self.fail(
                        line,
                        i,
                        text,
                        reason(
                            format!("延长审限应写作期间，如“6个月”“30天”，可加批准日期、层级和理由：“6个月@2026-01-05/本院院长/案情复杂”，多次延长以“;”分隔（{}）", e.why_zh),
                            format!("an extension is a period such as 6个月 or 30d, optionally with its approval: 6个月@2026-01-05/本院院长/reason; several are joined by \";\" ({})", e.why_en),
                        ),
                    );
                    Vec::new()
                }
            };
        }
        self.days(line, total_days)
            .filter(|&n| n > 0)
            .map(|n| Extension::of(Period::Days(n)))
            .into_iter()
            .collect()
    }

    /// The periods that do not count. `exclusions` (扣除审限) is read first: grounds with dates
    /// or days ("公告 2026-02-01~2026-04-01;鉴定 45日"; a bare number is a total of days). Only when
    /// it is absent or empty does `excluded_days` give one period of unstated ground.
    fn exclusions(
        &mut self,
        line: usize,
        records: Option<(usize, &str)>,
        total_days: Option<(usize, &str)>,
    ) -> Vec<Exclusion> {
        if let Some((i, text)) = records.filter(|(_, t)| !t.is_empty()) {
            let whole = text.strip_suffix(".0").unwrap_or(text);
            if whole.bytes().all(|b| b.is_ascii_digit()) {
                return self
                    .days(line, Some((i, text)))
                    .filter(|&n| n > 0)
                    .map(Exclusion::total)
                    .into_iter()
                    .collect();
            }
            return match parse_exclusions(text) {
                Ok(exclusions) => exclusions,
                Err(e) => {
                    self.fail(
                        line,
                        i,
                        text,
                        reason(
                            format!("扣除审限应写作 事由 起止日期 或 事由 天数，如“公告 2026-02-01~2026-04-01;鉴定 45日”（{}）", e.why_zh),
                            format!("an excluded period is GROUND START~END or GROUND DAYS, e.g. 公告 2026-02-01~2026-04-01;鉴定 45日 ({})", e.why_en),
                        ),
                    );
                    Vec::new()
                }
            };
        }
        self.days(line, total_days)
            .filter(|&n| n > 0)
            .map(Exclusion::total)
            .into_iter()
            .collect()
    }

    fn days(&mut self, line: usize, cell: Option<(usize, &str)>) -> Option<u32> {
        let (i, text) = cell.filter(|(_, t)| !t.is_empty())?;
        let whole = text.strip_suffix(".0").unwrap_or(text);
        match whole.parse::<u32>() {
            Ok(n) if n <= 3650 => Some(n),
            _ => {
                self.fail(
                    line,
                    i,
                    text,
                    reason(
                        "天数须为0至3650的整数",
                        "days must be a whole number from 0 to 3650",
                    ),
                );
                None
            }
        }
    }

    /// The court of a case: the number's, which a stated court code must agree with; for a legacy
    /// number without a current court code, the stated one.
    fn court(
        &mut self,
        line: usize,
        case_no_column: usize,
        number: &CaseNumber,
        stated: Option<(usize, &str)>,
    ) -> Option<CourtCode> {
        let stated = stated.filter(|(_, t)| !t.is_empty());
        let parsed = match stated {
            Some((i, text)) => match CourtCode::parse(text) {
                Ok(code) => Some((i, text, code)),
                Err(e) => {
                    self.fail(line, i, text, reason(e.message_zh(), e.message_en()));
                    return None;
                }
            },
            None => None,
        };
        match (number.court(), parsed) {
            (Some(own), Some((i, text, code))) if own != code => {
                self.fail(
                    line,
                    i,
                    text,
                    reason(
                        format!("法院代字与案号中的“{own}”不一致"),
                        format!("the court code disagrees with “{own}” in the case number"),
                    ),
                );
                None
            }
            (Some(own), _) => Some(own),
            (None, Some((_, _, code))) => Some(code),
            (None, None) => {
                let text = number.to_string();
                self.fail(line, case_no_column, &text, reason(
                    "旧案号无法确定法院，请在“法院代字”列注明",
                    "the court of this legacy number cannot be told; state it in the court_code column",
                ));
                None
            }
        }
    }

    /// Stated type code, category and stage must agree with the case number.
    fn agree(
        &mut self,
        line: usize,
        number: &CaseNumber,
        type_code: Option<(usize, &str)>,
        category: Option<(usize, &str)>,
        stage: Option<(usize, &str)>,
    ) {
        if let (Some((i, text)), Some(own)) =
            (type_code.filter(|(_, t)| !t.is_empty()), number.case_type())
            && text != own.code
        {
            self.fail(
                line,
                i,
                text,
                reason(
                    format!("类型代字与案号中的“{}”不一致", own.code),
                    format!(
                        "the type code disagrees with “{}” in the case number",
                        own.code
                    ),
                ),
            );
        }
        if let (Some((i, text)), Some(own)) =
            (category.filter(|(_, t)| !t.is_empty()), number.category())
            && Category::from_key(text) != Some(own)
        {
            self.fail(
                line,
                i,
                text,
                reason(
                    format!("案件类别与案号所示“{}”不一致", own.label_zh()),
                    format!(
                        "the category disagrees with “{}” from the case number",
                        own.key()
                    ),
                ),
            );
        }
        if let (Some((i, text)), Some(own)) = (stage.filter(|(_, t)| !t.is_empty()), number.stage())
            && Stage::from_key(text) != Some(own)
        {
            self.fail(
                line,
                i,
                text,
                reason(
                    format!("审级与案号所示“{}”不一致", own.label_zh()),
                    format!(
                        "the stage disagrees with “{}” from the case number",
                        own.key()
                    ),
                ),
            );
        }
    }
}

/// Excel counts days from 1899-12-30 (its 1900 leap-year slip only affects dates before March 1900).
const EXCEL_EPOCH: NaiveDate = match NaiveDate::from_ymd_opt(1899, 12, 30) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

/// Reads a date cell: the forms of `parse_date`, an Excel serial number (a whole number, or one with
/// a time fraction), or a date-time whose date part is one of those.
pub fn parse_cell_date(text: &str) -> Option<NaiveDate> {
    let text = text.trim();
    if let Ok(date) = parse_date(text) {
        return Some(date);
    }
    if let Some((date_part, _time)) = text.split_once([' ', 'T'])
        && let Ok(date) = parse_date(date_part)
    {
        return Some(date);
    }
    // An Excel serial: 1949-01-01 is 17,899; 2199-12-31 is 109,574.
    let serial: f64 = text.parse().ok()?;
    if !(17_899.0..110_000.0).contains(&serial) {
        return None;
    }
    EXCEL_EPOCH.checked_add_days(Days::new(serial.floor() as u64))
}

mod assistance;
mod parties;
mod petitions;
mod service;
mod staff;
#[cfg(test)]
mod tests;
