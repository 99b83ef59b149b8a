//! The rows of the records files read one by one: each cell checked (required, length, date,
//! number, 是/否, the case number and its court), the values the store keeps in their stored form
//! (a reason or a state by its key, an approver or a ground by its Chinese name).

use chrono::NaiveDate;
use shenguan_domain::{
    Approver, CaseNumber, CourtCode, ExclusionGround, Period, Text, parse_date, text,
};
use shenguan_ingest::table::{Table, TableRow};
use shenguan_ingest::validate::Located;
use shenguan_store::{LimitRequestRow, SupervisionRow, SupervisionStep, ZhongbenFinding};
use shenguan_supervision::limit_request::State as RequestState;

use super::{Errors, ItemRow, Read};
use crate::duban::{MAX_TEXT_CHARS, Reason, State};
use crate::record_files::RecordFile;
use crate::{App, AppError};

mod reviews;

/// The longest name of a person, a division or a court code in a record.
const NAME_MAX: usize = 50;
/// The longest moment of a step or a review (`2026-11-27T09:30:00+08:00` and the like).
const MOMENT_MAX: usize = 40;

/// The steps a 督办 item may take, as the store names them.
pub(super) const STEP_KINDS: [&str; 5] = ["opened", "reply", "close", "return", "escalate"];

/// One row's cells by column name, and the errors found in them.
struct Cells<'r> {
    file: RecordFile,
    table: &'r Table,
    positions: &'r [Option<usize>],
    row: &'r TableRow,
    today: NaiveDate,
    /// (header, value, reason) of each problem.
    problems: Vec<(String, String, Text)>,
}

impl<'r> Cells<'r> {
    fn at(&self, column: &str) -> (String, &'r str) {
        let index = self
            .file
            .columns()
            .iter()
            .position(|(_, en, _)| *en == column)
            .and_then(|i| self.positions[i]);
        match index {
            Some(i) => (
                self.table.headers[i].clone(),
                self.row.cells.get(i).unwrap_or("").trim(),
            ),
            None => (column.to_string(), ""),
        }
    }

    fn fail(&mut self, column: &str, why: Text) {
        let (header, value) = self.at(column);
        self.problems.push((header, value.to_string(), why));
    }

    /// A text of at most `max` characters, `None` when empty.
    fn optional(&mut self, column: &str, max: usize) -> Option<String> {
        let (_, value) = self.at(column);
        if value.is_empty() {
            return None;
        }
        let chars = value.chars().count();
        if chars > max {
            self.fail(
                column,
                text!(
                    "文字过长（{chars}字，上限{max}字）",
                    "the text is too long ({chars} characters; at most {max})"
                ),
            );
            return None;
        }
        Some(value.to_string())
    }

    /// A text that must be there (an empty string stands in when it is missing, with the error).
    fn required(&mut self, column: &str, max: usize) -> String {
        let (_, value) = self.at(column);
        if value.is_empty() {
            self.fail(column, text!("不能为空", "must not be empty"));
            return String::new();
        }
        self.optional(column, max).unwrap_or_default()
    }

    /// A required value from a list of names (a key or its Chinese word): `None`, with the error
    /// `why`, when it is none of them.
    fn named<T>(
        &mut self,
        column: &str,
        parse: impl Fn(&str) -> Option<T>,
        why: Text,
    ) -> Option<T> {
        let value = self.required(column, NAME_MAX);
        if value.is_empty() {
            return None;
        }
        let found = parse(&value);
        if found.is_none() {
            self.fail(column, why);
        }
        found
    }

    fn date(&mut self, column: &str) -> Option<NaiveDate> {
        let (_, value) = self.at(column);
        if value.is_empty() {
            return None;
        }
        match parse_date(value) {
            Ok(day)
                if chrono::Datelike::year(&day) >= 1949
                    && day <= self.today + chrono::Days::new(3660) =>
            {
                Some(day)
            }
            Ok(_) => {
                self.fail(
                    column,
                    text!("日期超出可能的范围", "the date is out of any likely range"),
                );
                None
            }
            Err(_) => {
                self.fail(
                    column,
                    text!(
                        "不是日期（应为 2026-01-31 等）",
                        "not a date (e.g. 2026-01-31)"
                    ),
                );
                None
            }
        }
    }

    /// A date that must be there (a stand-in when missing, with the error).
    fn required_date(&mut self, column: &str) -> NaiveDate {
        let (_, value) = self.at(column);
        if value.is_empty() {
            self.fail(column, text!("不能为空", "must not be empty"));
        }
        self.date(column).unwrap_or_default()
    }

    fn int(&mut self, column: &str, range: std::ops::RangeInclusive<i64>) -> i64 {
        let (_, value) = self.at(column);
        match value.parse::<i64>() {
            Ok(n) if range.contains(&n) => n,
            _ => {
                let (low, high) = (range.start(), range.end());
                self.fail(
                    column,
                    text!(
                        "应为{low}至{high}之间的整数",
                        "must be a whole number from {low} to {high}"
                    ),
                );
                0
            }
        }
    }

    /// 是 / 否 (or yes / no), `None` when empty.
    fn yes_no(&mut self, column: &str) -> Option<bool> {
        let (_, value) = self.at(column);
        match value.to_lowercase().as_str() {
            "" => None,
            "是" | "yes" | "true" => Some(true),
            "否" | "no" | "false" => Some(false),
            _ => {
                self.fail(
                    column,
                    text!("应为“是”或“否”", "must be 是 (yes) or 否 (no)"),
                );
                None
            }
        }
    }

    /// A moment as the audit log writes it: it starts with its day.
    fn moment(&mut self, column: &str) -> String {
        let value = self.required(column, MOMENT_MAX);
        let day = value
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
        if !value.is_empty() && day.is_none() {
            self.fail(
                column,
                text!(
                    "不是时间（应为 2026-11-27T09:30:00+08:00 等）",
                    "not a moment (e.g. 2026-11-27T09:30:00+08:00)"
                ),
            );
        }
        value
    }

    /// The case number in canonical form, and the court its records belong to, which the file's
    /// court column must name.
    fn case(&mut self) -> (String, String) {
        let (_, number) = self.at("case_no");
        let year = chrono::Datelike::year(&self.today);
        let parsed = match CaseNumber::parse(number, year) {
            Ok(parsed) => Some(parsed),
            Err(e) => {
                let why = e.text();
                self.fail("case_no", why);
                None
            }
        };
        let court = self.required("court_code", NAME_MAX);
        if !court.is_empty() && CourtCode::parse(&court).is_err() {
            self.fail("court_code", text!("不是法院代字", "not a court code"));
        }
        if let Some(own) = parsed.as_ref().and_then(CaseNumber::court_text)
            && !court.is_empty()
            && own != court
        {
            self.fail(
                "court_code",
                text!(
                    "与案号中的法院（{own}）不符",
                    "differs from the court in the case number ({own})"
                ),
            );
        }
        (parsed.map(|p| p.to_string()).unwrap_or_default(), court)
    }
}

/// Reads one records file into `read`; a file that lacks a column stops the import.
pub(super) fn read_table(
    index: usize,
    table: &Table,
    app: &App,
    errors: &mut Errors<'_>,
    read: &mut Read,
) -> Result<(), AppError> {
    let headers: Vec<&str> = table.headers.iter().map(String::as_str).collect();
    let file = RecordFile::of_header(&headers).ok_or_else(|| {
        AppError::Internal(format!("{} is not a records file", table.path.display()))
    })?;
    let positions = file.positions(&headers);
    let missing: Vec<&str> = file
        .columns()
        .iter()
        .zip(&positions)
        .filter(|(_, at)| at.is_none())
        .map(|((zh, _, _), _)| *zh)
        .collect();
    if !missing.is_empty() {
        let (path, row, missing) = (table.path.display(), table.header_row, missing.join("、"));
        return Err(AppError::Invalid(text!(
            "{path} 第{row}行: 表头缺少列：{missing}",
            "{path} row {row}: the header lacks the columns {missing}"
        )));
    }
    let levels = app.supervision_chain().levels().len() as i64;
    for row in &table.rows {
        let mut cells = Cells {
            file,
            table,
            positions: &positions,
            row,
            today: errors.today,
            problems: Vec::new(),
        };
        let (at, ok) = (row.row, |cells: &Cells<'_>| cells.problems.is_empty());
        match file {
            RecordFile::Items => {
                let record = item_row(&mut cells, levels);
                keep(&mut read.items, index, at, record, ok(&cells));
            }
            RecordFile::Steps => {
                let record = step_row(&mut cells);
                keep(&mut read.steps, index, at, record, ok(&cells));
            }
            RecordFile::Requests => {
                let record = request_row(&mut cells);
                keep(&mut read.requests, index, at, record, ok(&cells));
            }
            RecordFile::Findings => {
                let record = finding_row(&mut cells);
                keep(&mut read.findings, index, at, record, ok(&cells));
            }
            RecordFile::ReviewPlans => {
                let record = reviews::plan_row(&mut cells);
                keep(&mut read.reviews.plans, index, at, record, ok(&cells));
            }
            RecordFile::ReviewCases => {
                let record = reviews::plan_case_row(&mut cells);
                keep(&mut read.reviews.cases, index, at, record, ok(&cells));
            }
            RecordFile::ReviewResults => {
                let record = reviews::result_row(&mut cells);
                keep(&mut read.reviews.results, index, at, record, ok(&cells));
            }
            RecordFile::ReviewFindings => {
                let record = reviews::finding_row(&mut cells);
                keep(&mut read.reviews.findings, index, at, record, ok(&cells));
            }
            RecordFile::ReviewAnswers => {
                let record = reviews::answer_row(&mut cells);
                keep(&mut read.reviews.answers, index, at, record, ok(&cells));
            }
        }
        for (header, value, why) in cells.problems {
            errors.add(index, row.row, &header, &value, why);
        }
    }
    Ok(())
}

/// Keeps a row's record, located, when the row had no problem.
fn keep<T>(list: &mut Vec<Located<T>>, table: usize, row: usize, record: T, ok: bool) {
    if ok {
        list.push(Located { table, row, record });
    }
}

fn item_row(cells: &mut Cells<'_>, levels: i64) -> ItemRow {
    let id = cells.int("id", 1..=i64::MAX);
    let (case_no, court_code) = cells.case();
    let reason = cells
        .named(
            "reason",
            Reason::parse,
            text!("不是督办事由", "not a reason for supervision"),
        )
        .map(|r| r.key().to_string())
        .unwrap_or_default();
    let state = cells.named(
        "state",
        State::parse,
        text!(
            "不是督办状态（待答复、退回、升级、已答复、已办结）",
            "not a state (awaiting_reply, returned, escalated, replied, closed)"
        ),
    );
    let top = levels - 1;
    let item = SupervisionRow {
        id: 0,
        case_no,
        court_code,
        division: cells.optional("division", NAME_MAX),
        reason,
        instructions: cells.required("instructions", MAX_TEXT_CHARS),
        opened_by: cells.required("opened_by", NAME_MAX),
        opened_on: cells.required_date("opened_on"),
        answerer: cells.required("answerer", NAME_MAX),
        due_on: cells.required_date("due_on"),
        state: state.map(|s| s.key().to_string()).unwrap_or_default(),
        level: cells.int("level", 0..=top),
        replied_on: cells.date("replied_on"),
        replied_in_time: cells.yes_no("replied_in_time"),
        closed_on: cells.date("closed_on"),
    };
    if item.replied_on.is_some() != item.replied_in_time.is_some() {
        cells.fail(
            "replied_in_time",
            text!(
                "有答复日期才有是否按期，两者须同时填写或同时为空",
                "whether a reply was on time goes with its date: both or neither"
            ),
        );
    }
    if let Some(state) = state {
        if (state == State::Closed) != item.closed_on.is_some() {
            cells.fail(
                "closed_on",
                text!(
                    "已办结的督办才有办结日期",
                    "an item has a closing date when, and only when, it is closed"
                ),
            );
        }
        if state == State::Replied && item.replied_on.is_none() {
            cells.fail(
                "replied_on",
                text!(
                    "已答复的督办须有答复日期",
                    "a replied item needs its reply date"
                ),
            );
        }
    }
    ItemRow { id, item }
}

fn step_row(cells: &mut Cells<'_>) -> SupervisionStep {
    let item_id = cells.int("item_id", 1..=i64::MAX);
    let seq = cells.int("seq", 1..=10_000);
    let at = cells.moment("at");
    let by_user = cells.required("by_user", NAME_MAX);
    let step = cells.required("step", NAME_MAX);
    if !step.is_empty() && !STEP_KINDS.contains(&step.as_str()) {
        cells.fail(
            "step",
            text!(
                "不是督办环节（opened、reply、close、return、escalate）",
                "not a step (opened, reply, close, return, escalate)"
            ),
        );
    }
    SupervisionStep {
        item_id,
        seq,
        at,
        by_user,
        step,
        note: cells.optional("note", MAX_TEXT_CHARS).unwrap_or_default(),
        due_on: cells.date("due_on"),
    }
}

fn request_row(cells: &mut Cells<'_>) -> LimitRequestRow {
    cells.int("id", 1..=i64::MAX);
    let (case_no, court_code) = cells.case();
    let kind = cells.required("kind", NAME_MAX);
    let kind = match kind.as_str() {
        "extension" | "延长审限" => "extension",
        "exclusion" | "扣除审限" => "exclusion",
        "" => "",
        _ => {
            cells.fail(
                "kind",
                text!(
                    "应为 extension（延长审限）或 exclusion（扣除审限）",
                    "must be extension (延长审限) or exclusion (扣除审限)"
                ),
            );
            ""
        }
    };
    let length = cells.optional("length", NAME_MAX);
    let ground = cells.optional("ground", NAME_MAX);
    let (from_on, to_on) = (cells.date("from_on"), cells.date("to_on"));
    let (length, ground) = match kind {
        "extension" => match length.as_deref().map(Period::parse) {
            Some(Ok(period)) => (Some(period.to_string()), None),
            _ => {
                cells.fail(
                    "length",
                    text!(
                        "延长审限须写明期限（如 6个月）",
                        "an extension needs its length (e.g. 6个月)"
                    ),
                );
                (None, None)
            }
        },
        "exclusion" => {
            let ground = ground.as_deref().and_then(ExclusionGround::parse);
            if ground.is_none() {
                cells.fail(
                    "ground",
                    text!("扣除审限须写明扣除事由", "an exclusion needs its ground"),
                );
            }
            match (from_on, to_on) {
                (Some(from), Some(to)) if from <= to => {}
                _ => cells.fail(
                    "from_on",
                    text!(
                        "扣除审限须有起止日，起日不晚于止日",
                        "an exclusion needs its first and last day, the first not after the last"
                    ),
                ),
            }
            (None, ground.map(|g| g.label_zh().to_string()))
        }
        _ => (None, None),
    };
    let reason = cells.required("reason", MAX_TEXT_CHARS);
    let asked_by = cells.required("asked_by", NAME_MAX);
    let asked_on = cells.required_date("asked_on");
    let deadline_then = cells.required_date("deadline_then");
    let late = cells.yes_no("late");
    if late.is_none() {
        cells.fail(
            "late",
            text!("应为“是”或“否”", "must be 是 (yes) or 否 (no)"),
        );
    }
    let approver = cells
        .named(
            "approver",
            Approver::parse,
            text!("应为 本院院长 或 上级法院", "must be 本院院长 or 上级法院"),
        )
        .map(|a| a.label_zh().to_string())
        .unwrap_or_default();
    let state = cells.named(
        "state",
        RequestState::parse,
        text!(
            "不是审批状态（pending、approved、refused）",
            "not a state (pending, approved, refused)"
        ),
    );
    let decided_by = cells.optional("decided_by", NAME_MAX);
    let decided_on = cells.date("decided_on");
    let decided_late = cells.yes_no("decided_late");
    let note = cells.optional("note", MAX_TEXT_CHARS);
    let decided = state.is_some_and(|s| s != RequestState::Pending);
    if state.is_some() && decided != (decided_by.is_some() && decided_on.is_some()) {
        cells.fail(
            "decided_on",
            text!(
                "已审批的申请须有审批人和审批日期，待审批的不能有",
                "a decided application has its approver's name and day; a pending one has neither"
            ),
        );
    }
    LimitRequestRow {
        id: 0,
        case_no,
        court_code,
        division: cells.optional("division", NAME_MAX),
        kind: kind.to_string(),
        length,
        ground,
        from_on,
        to_on,
        reason,
        asked_by,
        asked_on,
        deadline_then,
        late: late.unwrap_or_default(),
        approver,
        state: state.map(|s| s.key().to_string()).unwrap_or_default(),
        decided_by,
        decided_on,
        decided_late,
        note,
    }
}

fn finding_row(cells: &mut Cells<'_>) -> ZhongbenFinding {
    let (case_no, court_code) = cells.case();
    let verdict = cells.required("compliant", NAME_MAX);
    let compliant = match verdict.to_lowercase().as_str() {
        "合格" | "compliant" => true,
        "不合格" | "non-compliant" | "noncompliant" => false,
        "" => false,
        _ => {
            cells.fail(
                "compliant",
                text!("应为“合格”或“不合格”", "must be 合格 or 不合格"),
            );
            false
        }
    };
    ZhongbenFinding {
        case_no,
        court_code,
        compliant,
        reason: cells.required("reason", crate::zhongben::MAX_REASON_CHARS),
        found_by: cells.required("found_by", NAME_MAX),
        found_at: cells.moment("found_at"),
    }
}
