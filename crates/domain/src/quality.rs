//! Data quality (数据质量): what a court's records should hold and what they should not, each rule
//! with its code, its name and the sentence that defines it — checked one case at a time
//! (`findings`) and over the numbers a court gave in one year to one type (`numbering_findings`).
//! The scorecard that counts them by court is the application's. See `docs/data-quality.md`.
//!
//! Readings:
//! - a holiday is an official day off of the State Council's notice (a weekend alone is not
//!   doubtful: courts sit on make-up days and some close on Saturdays);
//! - a case number is given when the case is filed, in the order of filing: a number whose filing
//!   day is earlier by more than `late_days` than the filing days of the numbers either side of
//!   it (of the same court, year and type) was given late (a sign of 压案不立, filings held back);
//!   both neighbours are asked so that one wrong date does not make every number after it late;
//! - a serial missing between the first and the highest of a court's year and type is a gap: a
//!   number given and not recorded, or a case not exported;
//! - steps that follow a closing in the normal course are not doubtful after it: the judgment's
//!   service, an appeal and the file sent up, archiving, the inquiries after 终本, and 其他 (a step
//!   with no kind, whose nature cannot be told); any other event after the closing day is
//!   (`allowed_after_closing`);
//! - a hearing, like a filing, is doubtful on an official day off only;
//! - a case without parties is counted only in a court whose records hold parties for some of
//!   its cases: a court whose system exports none would otherwise score nothing at all, and the
//!   card says the rule was not checked there (`missing_parties`);
//! - a closing day before the filing day is refused by the import, and still checked here: a
//!   store is also written by other programs and by older versions.

use chrono::NaiveDate;

use crate::calendar::{DayStatus, HolidayCalendar};
use crate::time_limit::{TimeLimitError, TimeLimits};
use crate::{CaseRecord, Category, EventKind, EventRecord, Stage, Text, text};

/// Whether a rule asks for something missing or finds something doubtful.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// 完整性: a value the figures need is not recorded.
    Completeness,
    /// 存疑值: a value recorded that cannot be, or should not be, right.
    Doubtful,
}

/// One rule of the scorecard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rule {
    MissingProcedure,
    MissingJudge,
    MissingDivision,
    MissingCause,
    MissingAmount,
    MissingParties,
    FiledInFuture,
    ClosedInFuture,
    ClosedBeforeFiled,
    FiledOnHoliday,
    ClosedOnHoliday,
    HearingOnHoliday,
    EventAfterClosing,
    ProcedureUnfit,
    NumberedLate,
    SerialGap,
}

impl Rule {
    pub const ALL: [Rule; 16] = [
        Rule::MissingProcedure,
        Rule::MissingJudge,
        Rule::MissingDivision,
        Rule::MissingCause,
        Rule::MissingAmount,
        Rule::MissingParties,
        Rule::FiledInFuture,
        Rule::ClosedInFuture,
        Rule::ClosedBeforeFiled,
        Rule::FiledOnHoliday,
        Rule::ClosedOnHoliday,
        Rule::HearingOnHoliday,
        Rule::EventAfterClosing,
        Rule::ProcedureUnfit,
        Rule::NumberedLate,
        Rule::SerialGap,
    ];

    /// The key files and the command line use.
    pub fn code(self) -> &'static str {
        match self {
            Rule::MissingProcedure => "missing_procedure",
            Rule::MissingJudge => "missing_judge",
            Rule::MissingDivision => "missing_division",
            Rule::MissingCause => "missing_cause",
            Rule::MissingAmount => "missing_amount",
            Rule::MissingParties => "missing_parties",
            Rule::FiledInFuture => "filed_in_future",
            Rule::ClosedInFuture => "closed_in_future",
            Rule::ClosedBeforeFiled => "closed_before_filed",
            Rule::FiledOnHoliday => "filed_on_holiday",
            Rule::ClosedOnHoliday => "closed_on_holiday",
            Rule::HearingOnHoliday => "hearing_on_holiday",
            Rule::EventAfterClosing => "event_after_closing",
            Rule::ProcedureUnfit => "procedure_unfit",
            Rule::NumberedLate => "numbered_late",
            Rule::SerialGap => "serial_gap",
        }
    }

    pub fn kind(self) -> Kind {
        match self {
            Rule::MissingProcedure
            | Rule::MissingJudge
            | Rule::MissingDivision
            | Rule::MissingCause
            | Rule::MissingAmount
            | Rule::MissingParties => Kind::Completeness,
            _ => Kind::Doubtful,
        }
    }

    /// The rule's name.
    pub fn name(self) -> Text {
        match self {
            Rule::MissingProcedure => text!("未载明审理程序", "no procedure"),
            Rule::MissingJudge => text!("未载明承办法官", "no judge"),
            Rule::MissingDivision => text!("未载明承办部门", "no division"),
            Rule::MissingCause => text!("未载明案由", "no cause of action"),
            Rule::MissingAmount => text!("执行案件未载明标的额", "enforcement without its amount"),
            Rule::MissingParties => text!("缺当事人", "no parties"),
            Rule::FiledInFuture => text!("立案日期晚于今天", "filed after today"),
            Rule::ClosedInFuture => text!("结案日期晚于今天", "closed after today"),
            Rule::ClosedBeforeFiled => text!("结案早于立案", "closed before filed"),
            Rule::FiledOnHoliday => text!("法定节假日立案", "filed on a public holiday"),
            Rule::ClosedOnHoliday => text!("法定节假日结案", "closed on a public holiday"),
            Rule::HearingOnHoliday => text!("节假日开庭", "hearing on a public holiday"),
            Rule::EventAfterClosing => text!("事件晚于结案", "an event after closing"),
            Rule::ProcedureUnfit => text!("审理程序与案件类型不符", "procedure unfit for the type"),
            Rule::NumberedLate => text!("案号晚于立案日期编出", "numbered later than filed"),
            Rule::SerialGap => text!("案号序号缺失", "a serial missing"),
        }
    }

    /// The sentence that defines the rule.
    pub fn definition(self) -> Text {
        match self {
            Rule::MissingProcedure => text!(
                "民初、刑初、行初案件未载明适用的程序（普通、简易、速裁等）：审限与简案分流都取决于它",
                "a 民初, 刑初 or 行初 case with no procedure recorded (ordinary, simple, speedy …): its time limit and its track depend on it"
            ),
            Rule::MissingJudge => text!(
                "案件既无承办法官姓名也无工号",
                "a case with neither its judge's name nor staff number"
            ),
            Rule::MissingDivision => {
                text!("案件未载明承办部门", "a case with no division recorded")
            }
            Rule::MissingCause => text!(
                "刑事、民事、行政的一审、二审案件未载明案由",
                "a criminal, civil or administrative first- or second-instance case with no cause of action"
            ),
            Rule::MissingAmount => text!(
                "首次执行、恢复执行案件未载明申请执行标的额：执行到位率以它为分母",
                "a first or restored enforcement case with no amount claimed: the recovery rate divides by it"
            ),
            Rule::MissingParties => text!(
                "案件未存任何当事人；仅在该院有案件存有当事人时核查（从不导出当事人的法院不计，并注明未核查）",
                "a case with no party stored; checked only in a court whose records hold parties for some of its cases (a court that never exports parties is not scored on it, and is marked as not checked)"
            ),
            Rule::FiledInFuture => text!("立案日期在今天之后", "a filing date after today"),
            Rule::ClosedInFuture => text!("结案日期在今天之后", "a closing date after today"),
            Rule::ClosedBeforeFiled => text!(
                "结案日期早于立案日期（导入时即拒绝，此处核查其他途径写入的数据）",
                "a closing date before the filing date (an import refuses it; this checks what came in by other ways)"
            ),
            Rule::FiledOnHoliday => text!(
                "立案日期是国务院通知的法定节假日（调休上班日和普通周末不计）",
                "a filing date on an official day off of the State Council's notice (make-up working days and ordinary weekends aside)"
            ),
            Rule::ClosedOnHoliday => text!(
                "结案日期是国务院通知的法定节假日（调休上班日和普通周末不计）",
                "a closing date on an official day off of the State Council's notice (make-up working days and ordinary weekends aside)"
            ),
            Rule::HearingOnHoliday => text!(
                "开庭日期是国务院通知的法定节假日（调休上班日和普通周末不计）",
                "a hearing on an official day off of the State Council's notice (make-up working days and ordinary weekends aside)"
            ),
            Rule::EventAfterClosing => text!(
                "结案日之后还有流程节点；送达、上诉、移送上诉卷宗、归档、终本后查询和“其他”节点在结案后属正常，不计",
                "an event dated after the closing day; service, an appeal, the file sent up, archiving, the inquiries after 终本 and 其他 steps normally follow a closing and are not counted"
            ),
            Rule::ProcedureUnfit => text!(
                "载明的程序不适用于该案件类型，如二审案件载明简易程序或速裁程序（载明普通程序的按该类型的审限规则读，不计）",
                "a procedure recorded that the case's type does not take, such as an appeal recorded as simple or speedy (普通 is read as the type's own rule and not counted)"
            ),
            Rule::NumberedLate => text!(
                "同一法院同年同类型案件中，某案立案日期比前后相邻序号案件的立案日期都早超过规定天数：案号按立案先后编排，说明案号晚于立案编出",
                "in one court's year and type, a case whose filing day is earlier than those of the numbers either side of it by more than the days allowed: numbers are given in filing order, so this one was given late"
            ),
            Rule::SerialGap => text!(
                "同一法院同年同类型案件中，最小与最大序号之间缺少的序号",
                "in one court's year and type, a serial missing between the smallest and the highest"
            ),
        }
    }
}

/// What the rules read beside the case.
#[derive(Clone, Copy, Debug)]
pub struct Context<'a> {
    pub today: NaiveDate,
    pub calendar: &'a HolidayCalendar,
    pub limits: &'a TimeLimits,
}

fn holiday(calendar: &HolidayCalendar, day: NaiveDate) -> bool {
    matches!(calendar.status(day), DayStatus::Holiday(_))
}

/// The rules one case breaks, in the order of [`Rule::ALL`].
pub fn findings(case: &CaseRecord, ctx: &Context<'_>) -> Vec<Rule> {
    let mut found = Vec::new();
    let case_type = case.case_no.case_type();
    let code = case_type.map_or("", |t| t.code);
    let category = case_type.map(|t| t.category);
    let stage = case_type.map(|t| t.stage);
    if matches!(code, "民初" | "刑初" | "行初") && case.procedure.is_none() {
        found.push(Rule::MissingProcedure);
    }
    if case.judge.as_deref().is_none_or(|j| j.trim().is_empty()) && case.judge_id.is_none() {
        found.push(Rule::MissingJudge);
    }
    if case.division.as_deref().is_none_or(|d| d.trim().is_empty()) {
        found.push(Rule::MissingDivision);
    }
    let tried = matches!(
        category,
        Some(Category::Criminal | Category::Civil | Category::Administrative)
    ) && matches!(stage, Some(Stage::FirstInstance | Stage::SecondInstance));
    if tried && case.cause.as_deref().is_none_or(|c| c.trim().is_empty()) {
        found.push(Rule::MissingCause);
    }
    if matches!(code, "执" | "执恢") && case.claim_amount.is_none() {
        found.push(Rule::MissingAmount);
    }
    if case.filed_on > ctx.today {
        found.push(Rule::FiledInFuture);
    }
    if case.closed_on.is_some_and(|c| c > ctx.today) {
        found.push(Rule::ClosedInFuture);
    }
    if case.closed_on.is_some_and(|c| c < case.filed_on) {
        found.push(Rule::ClosedBeforeFiled);
    }
    if holiday(ctx.calendar, case.filed_on) {
        found.push(Rule::FiledOnHoliday);
    }
    if case.closed_on.is_some_and(|c| holiday(ctx.calendar, c)) {
        found.push(Rule::ClosedOnHoliday);
    }
    // 普通 is what systems write for a type with one procedure (民终 as 普通): the deadline reads
    // it as the type's rule, and so does this.
    if let Some(procedure) = case.procedure
        && procedure != crate::Procedure::Ordinary
        && matches!(
            ctx.limits.rule_for(code, Some(procedure)),
            Err(TimeLimitError::ProcedureNotApplicable { .. })
        )
    {
        found.push(Rule::ProcedureUnfit);
    }
    found
}

/// Whether an event of `kind` may follow the closing day in the normal course: the judgment's
/// service, an appeal and the file sent up to the court above, archiving, the inquiries after
/// 终本 (which is itself a closing), and 其他 (a step with no kind: refunds, files lent, … — its
/// nature cannot be told). A hearing, a measure, an extension or a second closing after it is
/// doubtful.
pub fn allowed_after_closing(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::Service
            | EventKind::Appealed
            | EventKind::FileSentUp
            | EventKind::Archived
            | EventKind::PostTerminationInquiry
            | EventKind::Other
    )
}

/// The rules one event of a case closed on `closed_on` (if closed) breaks, in the order of
/// [`Rule::ALL`].
pub fn event_findings(
    closed_on: Option<NaiveDate>,
    event: &EventRecord,
    ctx: &Context<'_>,
) -> Vec<Rule> {
    let mut found = Vec::new();
    if event.kind == EventKind::Hearing && holiday(ctx.calendar, event.date) {
        found.push(Rule::HearingOnHoliday);
    }
    if closed_on.is_some_and(|c| event.date > c) && !allowed_after_closing(event.kind) {
        found.push(Rule::EventAfterClosing);
    }
    found
}

/// Whether a case breaks [`Rule::MissingParties`]: it has none stored, in a court whose records
/// hold parties for some cases (`court_has_parties`). A court whose system never exports parties
/// is not scored on a rule it cannot meet.
pub fn missing_parties(has_parties: bool, court_has_parties: bool) -> bool {
    court_has_parties && !has_parties
}

/// What the numbers of one court's year and type show.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Numbering {
    /// The serials whose filing day is earlier than both neighbours' by more than the days
    /// allowed.
    pub late: Vec<u32>,
    /// The serials missing between the smallest and the highest held.
    pub gaps: Vec<u32>,
}

/// The most gaps listed for one court's year and type (a run longer than this is a lost export,
/// not a few numbers: the count says so).
pub const GAPS_LISTED: usize = 200;

/// Reads the serials of one court's year and type with their filing days (any order, each once):
/// what they show, and how many serials are missing in all.
pub fn numbering_findings(numbers: &[(u32, NaiveDate)], late_days: i64) -> (Numbering, u64) {
    let mut sorted = numbers.to_vec();
    sorted.sort_unstable();
    let mut found = Numbering::default();
    let mut gap_count: u64 = 0;
    let mut previous: Option<u32> = None;
    let before = |other: NaiveDate, filed: NaiveDate| (other - filed).num_days() > late_days;
    for (at, &(serial, filed)) in sorted.iter().enumerate() {
        let after_previous = at > 0 && before(sorted[at - 1].1, filed);
        let after_next = sorted.get(at + 1).is_none_or(|next| before(next.1, filed));
        if after_previous && after_next {
            found.late.push(serial);
        }
        if let Some(previous) = previous {
            // Counted, not walked: a serial of a billion after one is one long gap, said once.
            gap_count += u64::from(serial.saturating_sub(previous).saturating_sub(1));
            let room = GAPS_LISTED.saturating_sub(found.gaps.len());
            found
                .gaps
                .extend((previous.saturating_add(1)..serial).take(room));
        }
        previous = Some(serial);
    }
    (found, gap_count)
}

#[cfg(test)]
mod tests;
