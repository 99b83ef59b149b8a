//! The engine's input: every case as a row of columns (dates as day numbers, codes as small
//! integers), with the links between cases (appeal, retrial review, enforcement, the chain from
//! the original dispute) and the few event dates the indicators need resolved once, when the
//! columns are built, so that a pass over them touches no text and no map.

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};
use shenguan_domain::{
    CaseRecord, CaseType, Category, CourtCode, EventRecord, Procedure, Stage, Text, text,
    zhongben::{self, ChecklistRules, Marks},
};

/// "No date" in a date column that may be empty (closed, deadline, linked dates).
pub const NO_DAY: i32 = i32::MAX;

/// A date as the engine counts it: days from 0001-01-01 (day 1).
pub fn day(date: NaiveDate) -> i32 {
    date.num_days_from_ce()
}

/// The date of a day number.
pub fn date(day: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(day)
}

/// How a case was closed, as the indicators tell closing methods apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Outcome {
    /// Not closed, or a method no indicator singles out.
    Other,
    /// 判决.
    Judgment,
    /// 调解.
    Mediation,
    /// 撤诉.
    Withdrawal,
    /// 按撤诉处理.
    DeemedWithdrawal,
    /// 驳回起诉, 不予受理: rulings that end a first instance without a judgment, and can be appealed.
    Dismissal,
    /// 维持, 驳回上诉.
    Upheld,
    /// 改判.
    Reversed,
    /// 发回重审.
    Remanded,
    /// 执行完毕.
    Performed,
    /// 终结本次执行.
    Zhongben,
    /// 终结执行.
    Terminated,
    /// 不予执行.
    NotEnforced,
    /// 销案.
    Cancelled,
}

impl Outcome {
    /// The class of a recorded closing method.
    pub fn of(method: &str) -> Outcome {
        match method.trim() {
            "判决" => Outcome::Judgment,
            "调解" => Outcome::Mediation,
            "撤诉" => Outcome::Withdrawal,
            "按撤诉处理" => Outcome::DeemedWithdrawal,
            "驳回起诉" | "不予受理" => Outcome::Dismissal,
            "维持" | "驳回上诉" => Outcome::Upheld,
            "改判" => Outcome::Reversed,
            "发回重审" => Outcome::Remanded,
            "执行完毕" => Outcome::Performed,
            "终结本次执行" => Outcome::Zhongben,
            "终结执行" => Outcome::Terminated,
            "不予执行" => Outcome::NotEnforced,
            "销案" => Outcome::Cancelled,
            _ => Outcome::Other,
        }
    }

    fn from_u8(value: u8) -> Outcome {
        use Outcome as O;
        const ALL: [Outcome; 14] = [
            O::Other,
            O::Judgment,
            O::Mediation,
            O::Withdrawal,
            O::DeemedWithdrawal,
            O::Dismissal,
            O::Upheld,
            O::Reversed,
            O::Remanded,
            O::Performed,
            O::Zhongben,
            O::Terminated,
            O::NotEnforced,
            O::Cancelled,
        ];
        ALL.get(usize::from(value)).copied().unwrap_or(O::Other)
    }
}

/// One case as the caller hands it over (from the store, files or the simulator).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseInput<'a> {
    pub case_no: &'a str,
    pub court: CourtCode,
    /// The type code's id in the standard's table ([`CaseType::id_of`]); `None` for a legacy number
    /// whose type is not known.
    pub type_id: Option<u16>,
    pub procedure: Option<Procedure>,
    pub division: Option<&'a str>,
    /// The judge's name as the case gives it.
    pub judge: Option<&'a str>,
    /// The judge's staff number (承办人工号), when known: the judge is counted under it; without
    /// one, under the court and the name, so that namesakes of two courts stay two.
    pub judge_id: Option<&'a str>,
    pub filed_on: NaiveDate,
    pub closed_on: Option<NaiveDate>,
    /// The statutory deadline with extensions and excluded days, as the deployment's rules give it.
    pub deadline: Option<NaiveDate>,
    pub closing_method: Option<&'a str>,
    pub claim_fen: Option<i64>,
    pub recovered_fen: Option<i64>,
    /// How many extensions of the time limit were approved (延长审限次数).
    pub extensions: u32,
    pub excluded_days: u32,
    pub origin_case_no: Option<&'a str>,
}

/// The events the indicators read: the appeal and the file sent up (上诉案件移送时间), a hearing
/// (二审开庭率), and the steps of the 终本 checklist (终本合格率).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventKind {
    Appeal,
    FileSentUp,
    Hearing,
    /// A step the 终本 checklist reads (`shenguan_domain::zhongben::Marks::kinds`).
    Step(shenguan_domain::EventKind),
}

impl EventKind {
    /// The kinds of case events the engine reads; others are not its business.
    pub fn of(kind: shenguan_domain::EventKind) -> Option<EventKind> {
        use shenguan_domain::EventKind as Told;
        match kind {
            Told::Appealed => Some(EventKind::Appeal),
            Told::FileSentUp => Some(EventKind::FileSentUp),
            Told::Hearing => Some(EventKind::Hearing),
            kind if Marks::kinds().contains(&kind) => Some(EventKind::Step(kind)),
            _ => None,
        }
    }
}

/// Flags a case gets from the cases that continue it.
pub(crate) mod flag {
    /// A second-instance case continues it (it was appealed).
    pub const APPEALED: u8 = 1;
    /// A retrial-review case (申请再审, 申诉) continues it.
    pub const RETRIAL_REVIEWED: u8 = 2;
    /// An enforcement case continues it (enforcement was applied for).
    pub const ENFORCED: u8 = 4;
    /// It had a hearing (开庭 event).
    pub const HEARD: u8 = 8;
    /// No case it continues is in the data: it starts a dispute (案).
    pub const ROOT: u8 = 16;
    /// The court that hears its appeals has no case in the data (an intermediate court's own
    /// first instances go to the high court): whether it was appealed, and how the appeal
    /// ended, is not known here.
    pub const APPEAL_OUTSIDE: u8 = 32;
    /// It was reviewed (案件评查): its review is in `Cases::reviews`.
    pub const REVIEWED: u8 = 64;
    /// It has service tasks or mailed items (送达): they are in `Cases::service`.
    pub const SERVICE: u8 = 128;
}

/// The interned names of one column (divisions, judges).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    names: Vec<String>,
    index: HashMap<String, u32>,
}

impl Names {
    /// 0 is "none"; names are numbered from 1 in order of first appearance.
    fn id(&mut self, name: Option<&str>) -> u32 {
        let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
            return 0;
        };
        if let Some(id) = self.index.get(name) {
            return *id;
        }
        self.names.push(name.to_string());
        let id = self.names.len() as u32;
        self.index.insert(name.to_string(), id);
        id
    }

    pub fn name(&self, id: u32) -> Option<&str> {
        id.checked_sub(1)
            .and_then(|i| self.names.get(i as usize))
            .map(String::as_str)
    }

    pub fn all(&self) -> &[String] {
        &self.names
    }

    /// Names numbered in order from 1 (as a snapshot stores them).
    pub(crate) fn from_list(names: Vec<String>) -> Names {
        let index = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.clone(), i as u32 + 1))
            .collect();
        Names { names, index }
    }

    /// The id of a name, if any case has it.
    pub fn find(&self, name: &str) -> Option<u32> {
        self.index.get(name.trim()).copied()
    }
}

/// The cases as columns. Built by [`CasesBuilder`]; read by the engine and by explain.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Cases {
    pub(crate) numbers: String,
    pub(crate) number_ends: Vec<u32>,
    pub(crate) courts: Vec<CourtCode>,
    pub(crate) court: Vec<u16>,
    /// Type id + 1 (0: unknown type).
    pub(crate) type_id: Vec<u16>,
    /// [`Category`] position in `Category::ALL` + 1 (0: unknown).
    pub(crate) category: Vec<u8>,
    /// [`Stage`] position in `Stage::ALL` + 1 (0: unknown).
    pub(crate) stage: Vec<u8>,
    /// [`Procedure`] position + 1 (0: none).
    pub(crate) procedure: Vec<u8>,
    pub(crate) divisions: Names,
    pub(crate) division: Vec<u32>,
    /// Judge keys (a staff number, or "court:name"; see `shenguan_domain::judge_key`).
    pub(crate) judges: Names,
    /// The name of each judge key, in the order of `judges`.
    pub(crate) judge_names: Vec<String>,
    pub(crate) judge: Vec<u32>,
    pub(crate) filed: Vec<i32>,
    pub(crate) closed: Vec<i32>,
    pub(crate) deadline: Vec<i32>,
    pub(crate) outcome: Vec<u8>,
    pub(crate) claim: Vec<i64>,
    pub(crate) recovered: Vec<i64>,
    /// Approved extensions per case (0: none).
    pub(crate) extension: Vec<u32>,
    pub(crate) excluded: Vec<u32>,
    pub(crate) flags: Vec<u8>,
    /// The second-instance case that continues this one: its closing day and outcome.
    pub(crate) appeal_closed: Vec<i32>,
    pub(crate) appeal_outcome: Vec<u8>,
    /// For a case that starts a dispute: how many cases (件) the dispute has, itself included.
    pub(crate) chain: Vec<u32>,
    /// The appeal (上诉) and the day the file was sent up (移送上诉卷宗), from the events.
    pub(crate) appealed_on: Vec<i32>,
    pub(crate) sent_up_on: Vec<i32>,
    /// A 终本 case's standing on the checklist ([`zhongben::Verdict::code`]; 0: not 终本).
    pub(crate) zhongben: Vec<u8>,
    /// The petition register of the same store, counted beside the cases.
    pub(crate) petitions: crate::petitions::PetitionColumns,
    /// The reviewed cases (flagged [`flag::REVIEWED`]) and what their reviews decided.
    pub(crate) reviews: crate::reviews::Reviews,
    /// The service tasks and mailed items of the cases flagged [`flag::SERVICE`].
    pub(crate) service: crate::service::Service,
}

pub(crate) const PROCEDURES: [Procedure; 12] = Procedure::ALL;

impl Cases {
    pub fn len(&self) -> usize {
        self.filed.len()
    }

    /// The petition register counted beside the cases.
    pub fn petitions(&self) -> &crate::petitions::PetitionColumns {
        &self.petitions
    }

    /// Puts the petition register beside the cases (read from the same store).
    pub fn set_petitions(&mut self, petitions: crate::petitions::PetitionColumns) {
        self.petitions = petitions;
    }

    /// The reviewed cases.
    pub fn reviews(&self) -> &crate::reviews::Reviews {
        &self.reviews
    }

    /// The review of case `row`, if it was reviewed.
    #[inline]
    pub(crate) fn review_of(&self, row: usize) -> Option<crate::reviews::Review> {
        if self.flags[row] & flag::REVIEWED == 0 {
            return None;
        }
        self.reviews.of(row)
    }

    /// The service tasks and mailed items.
    pub fn service(&self) -> &crate::service::Service {
        &self.service
    }

    pub fn is_empty(&self) -> bool {
        self.filed.is_empty()
    }

    /// The canonical case number of row `row` ("" when the columns were read without their
    /// numbers, see `snapshot::read_for_counting`).
    pub fn case_no(&self, row: usize) -> &str {
        let Some(end) = self.number_ends.get(row) else {
            return "";
        };
        let start = match row {
            0 => 0,
            _ => self.number_ends[row - 1] as usize,
        };
        &self.numbers[start..*end as usize]
    }

    /// The filing day of row `row`.
    pub fn filed_on(&self, row: usize) -> Option<NaiveDate> {
        date(self.filed[row])
    }

    /// The closing day of row `row` (`None` while pending).
    pub fn closed_on(&self, row: usize) -> Option<NaiveDate> {
        match self.closed[row] {
            NO_DAY => None,
            closed => date(closed),
        }
    }

    /// Whether the case numbers are loaded (explain needs them).
    pub fn has_numbers(&self) -> bool {
        self.number_ends.len() == self.len()
    }

    /// The courts that appear, in order of first appearance.
    pub fn courts(&self) -> &[CourtCode] {
        &self.courts
    }

    pub fn court_of(&self, row: usize) -> CourtCode {
        self.courts[usize::from(self.court[row])]
    }

    pub fn case_type_of(&self, row: usize) -> Option<&'static CaseType> {
        self.type_id[row].checked_sub(1).and_then(CaseType::by_id)
    }

    pub fn category_of(&self, row: usize) -> Option<Category> {
        usize::from(self.category[row])
            .checked_sub(1)
            .and_then(|i| Category::ALL.get(i).copied())
    }

    pub fn stage_of(&self, row: usize) -> Option<Stage> {
        usize::from(self.stage[row])
            .checked_sub(1)
            .and_then(|i| Stage::ALL.get(i).copied())
    }

    pub fn procedure_of(&self, row: usize) -> Option<Procedure> {
        usize::from(self.procedure[row])
            .checked_sub(1)
            .and_then(|i| PROCEDURES.get(i).copied())
    }

    pub fn division_of(&self, row: usize) -> Option<&str> {
        self.divisions.name(self.division[row])
    }

    /// The key of the row's judge (a staff number, or "court:name").
    pub fn judge_of(&self, row: usize) -> Option<&str> {
        self.judges.name(self.judge[row])
    }

    /// The name of a judge key.
    pub fn judge_name(&self, key: &str) -> Option<&str> {
        let id = self.judges.find(key)?;
        self.judge_names.get(id as usize - 1).map(String::as_str)
    }

    /// How a judge key is shown: the name, with the staff number (or, for a name without one,
    /// the court) when another judge of the data has the same name: "吴刚（0231）".
    pub fn judge_label(&self, key: &str) -> String {
        let Some(name) = self.judge_name(key) else {
            return key.to_string();
        };
        if self.judge_names.iter().filter(|n| *n == name).count() < 2 {
            return name.to_string();
        }
        match key.split_once(':') {
            Some((court, _)) => format!("{name}（{court}）"),
            None => format!("{name}（{key}）"),
        }
    }

    /// The judge keys a text names: a key itself, or a name — every judge of that name, among
    /// the courts `court_ok` accepts.
    pub fn judges_named(&self, text: &str, court_ok: &dyn Fn(&str) -> bool) -> Vec<&str> {
        let text = text.trim();
        if let Some(key) = self.judges.find(text).and_then(|id| self.judges.name(id)) {
            return vec![key];
        }
        self.judges
            .all()
            .iter()
            .zip(&self.judge_names)
            .filter(|(key, name)| *name == text && court_ok(key))
            .map(|(key, _)| key.as_str())
            .collect()
    }

    /// Checks that every code and link points where it may, so that columns read from a file
    /// can be used without bounds failures.
    pub(crate) fn check(&self) -> Result<(), Text> {
        let n = self.len();
        let lengths = [
            if self.number_ends.is_empty() {
                n
            } else {
                self.number_ends.len()
            },
            self.court.len(),
            self.type_id.len(),
            self.category.len(),
            self.stage.len(),
            self.procedure.len(),
            self.division.len(),
            self.judge.len(),
            self.closed.len(),
            self.deadline.len(),
            self.outcome.len(),
            self.claim.len(),
            self.recovered.len(),
            self.extension.len(),
            self.excluded.len(),
            self.flags.len(),
            self.appeal_closed.len(),
            self.appeal_outcome.len(),
            self.chain.len(),
            self.appealed_on.len(),
            self.sent_up_on.len(),
            self.zhongben.len(),
        ];
        if lengths.iter().any(|l| *l != n) {
            return Err(text!("列长度不一致", "columns of different lengths"));
        }
        let mut start = 0;
        for end in &self.number_ends {
            let end = *end as usize;
            if end < start || end > self.numbers.len() || !self.numbers.is_char_boundary(end) {
                return Err(text!("案号位置有误", "a case number's position is wrong"));
            }
            start = end;
        }
        let bad = |zh: &str, en: &str| Err(text!("{zh}超出范围", "{en} out of range"));
        if self
            .court
            .iter()
            .any(|c| usize::from(*c) >= self.courts.len())
        {
            return bad("法院", "a court");
        }
        if self
            .type_id
            .iter()
            .any(|t| usize::from(*t) > CaseType::all().len())
            || self
                .category
                .iter()
                .any(|c| usize::from(*c) > Category::ALL.len())
            || self
                .stage
                .iter()
                .any(|s| usize::from(*s) > Stage::ALL.len())
            || self
                .procedure
                .iter()
                .any(|p| usize::from(*p) > PROCEDURES.len())
            || self
                .zhongben
                .iter()
                .any(|v| *v != 0 && zhongben::Verdict::of_code(*v).is_none())
        {
            return bad("代码", "a code");
        }
        // Every day number between the first and last a date can have is a date.
        let (first, last) = (day(NaiveDate::MIN), day(NaiveDate::MAX));
        let valid_day = |d: &i32| (first..=last).contains(d);
        if !self.filed.iter().all(valid_day)
            || [
                &self.closed,
                &self.deadline,
                &self.appeal_closed,
                &self.appealed_on,
                &self.sent_up_on,
            ]
            .iter()
            .any(|column| !column.iter().all(|d| *d == NO_DAY || valid_day(d)))
        {
            return bad("日期", "a date");
        }
        // Amounts beyond DECIMAL(18,2), or days beyond any limit, are damage, not data.
        let amount = |fen: &i64| fen.unsigned_abs() <= 999_999_999_999_999_999;
        if !self.claim.iter().all(amount)
            || !self.recovered.iter().all(amount)
            || self
                .extension
                .iter()
                .chain(&self.excluded)
                .any(|d| *d > 1_000_000)
            || self.chain.iter().any(|c| *c as usize > n)
        {
            return bad("数值", "a value");
        }
        if self
            .division
            .iter()
            .any(|d| *d as usize > self.divisions.names.len())
            || self
                .judge
                .iter()
                .any(|j| *j as usize > self.judges.names.len())
            || self.judge_names.len() != self.judges.names.len()
        {
            return bad("部门或承办人", "a division or judge");
        }
        self.reviews.check(n)?;
        let flagged = self
            .flags
            .iter()
            .filter(|f| *f & flag::REVIEWED != 0)
            .count();
        if flagged != self.reviews.len()
            || self
                .reviews
                .rows
                .iter()
                .any(|r| self.flags[*r as usize] & flag::REVIEWED == 0)
        {
            return bad("评查标记", "a review flag");
        }
        self.service.check(n)?;
        let served = self.service.rows();
        let flagged = self
            .flags
            .iter()
            .filter(|f| *f & flag::SERVICE != 0)
            .count();
        if flagged != served.len()
            || served
                .iter()
                .any(|r| self.flags[*r as usize] & flag::SERVICE == 0)
        {
            return bad("送达标记", "a service flag");
        }
        Ok(())
    }

    pub(crate) fn outcome_of(&self, row: usize) -> Outcome {
        Outcome::from_u8(self.outcome[row])
    }

    pub(crate) fn appeal_outcome_of(&self, row: usize) -> Outcome {
        Outcome::from_u8(self.appeal_outcome[row])
    }
}

/// Collects cases and events, then resolves the links between them.
#[derive(Debug, Default)]
pub struct CasesBuilder {
    cases: Cases,
    /// A judge key being made ("court:name"), reused from case to case.
    key: String,
    court_index: HashMap<CourtCode, u16>,
    origins: Vec<Option<String>>,
    events: Vec<(String, EventKind, i32)>,
    row_events: Vec<(u32, EventKind, i32)>,
    checklist: ChecklistRules,
    /// Reviewers' findings on 终本 cases (合格 true), by case number.
    findings: Vec<(String, bool)>,
    /// What the case-quality reviews decided, by case number.
    reviews: Vec<(String, crate::reviews::ReviewMark)>,
    /// The service tasks and mailed items, by case number.
    service_tasks: Vec<(String, crate::service::ServiceMark)>,
    service_posts: Vec<(String, crate::service::PostMark)>,
}

/// Too many distinct courts for the engine's court column (65,535).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TooManyCourts;

impl CasesBuilder {
    pub fn new() -> CasesBuilder {
        CasesBuilder::default()
    }

    pub fn with_capacity(cases: usize) -> CasesBuilder {
        let mut builder = CasesBuilder::default();
        builder.cases.filed.reserve(cases);
        builder
    }

    pub fn push(&mut self, case: &CaseInput<'_>) -> Result<(), TooManyCourts> {
        let c = &mut self.cases;
        let court = match self.court_index.get(&case.court) {
            Some(index) => *index,
            None => {
                let index = u16::try_from(c.courts.len()).map_err(|_| TooManyCourts)?;
                c.courts.push(case.court);
                self.court_index.insert(case.court, index);
                index
            }
        };
        c.numbers.push_str(case.case_no);
        c.number_ends.push(c.numbers.len() as u32);
        c.court.push(court);
        let case_type = case.type_id.and_then(CaseType::by_id);
        c.type_id.push(case.type_id.map_or(0, |id| id + 1));
        c.category
            .push(case_type.map_or(0, |t| position_of(&Category::ALL, t.category)));
        c.stage
            .push(case_type.map_or(0, |t| position_of(&Stage::ALL, t.stage)));
        c.procedure
            .push(case.procedure.map_or(0, |p| position_of(&PROCEDURES, p)));
        c.division.push(c.divisions.id(case.division));
        let key = match (case.judge_id, case.judge.map(str::trim)) {
            (Some(id), _) if !id.trim().is_empty() => Some(id.trim()),
            (_, Some(name)) if !name.is_empty() => {
                self.key.clear();
                use std::fmt::Write;
                let _ = write!(self.key, "{}:{name}", case.court);
                Some(self.key.as_str())
            }
            _ => None,
        };
        let known = c.judges.all().len();
        c.judge.push(c.judges.id(key));
        if c.judges.all().len() > known {
            c.judge_names
                .push(case.judge.map(str::trim).unwrap_or("").to_string());
        }
        c.filed.push(day(case.filed_on));
        c.closed.push(case.closed_on.map_or(NO_DAY, day));
        c.deadline.push(case.deadline.map_or(NO_DAY, day));
        let outcome = match (case.closed_on, case.closing_method) {
            (Some(_), Some(method)) => Outcome::of(method),
            _ => Outcome::Other,
        };
        c.outcome.push(outcome as u8);
        c.claim.push(case.claim_fen.unwrap_or(0));
        c.recovered.push(case.recovered_fen.unwrap_or(0));
        c.extension.push(case.extensions);
        c.excluded.push(case.excluded_days);
        self.origins
            .push(case.origin_case_no.map(|o| o.trim().to_string()));
        Ok(())
    }

    /// Adds a canonical case record with its deadline (computed by the caller with the
    /// deployment's rules).
    pub fn push_record(
        &mut self,
        record: &CaseRecord,
        deadline: Option<NaiveDate>,
    ) -> Result<(), TooManyCourts> {
        let case_no = record.case_no.to_string();
        let origin = record.origin_case_no.as_ref().map(ToString::to_string);
        self.push(&CaseInput {
            case_no: &case_no,
            court: record.court,
            type_id: record
                .case_no
                .case_type()
                .and_then(|t| CaseType::id_of(t.code)),
            procedure: record.procedure,
            division: record.division.as_deref(),
            judge: record.judge.as_deref(),
            judge_id: record.judge_id.as_ref().map(|id| id.as_str()),
            filed_on: record.filed_on,
            closed_on: record.closed_on,
            deadline,
            closing_method: record
                .closing_method
                .map(shenguan_domain::ClosingMethod::label_zh),
            claim_fen: record.claim_amount.map(|m| m.fen()),
            recovered_fen: record.recovered_amount.map(|m| m.fen()),
            extensions: u32::try_from(record.extensions.len()).unwrap_or(u32::MAX),
            excluded_days: record.excluded_days(),
            origin_case_no: origin.as_deref(),
        })
    }

    /// Adds a canonical event record if it is of a kind the engine reads.
    pub fn push_event(&mut self, event: &EventRecord) {
        if let Some(kind) = EventKind::of(event.kind) {
            self.event(&event.case_no.to_string(), kind, event.date);
        }
    }

    /// Records an event of the case pushed last (no lookup by number: for callers that push a
    /// case and then its events).
    pub fn event_of_last(&mut self, kind: EventKind, on: NaiveDate) {
        if let Some(row) = self.cases.len().checked_sub(1) {
            self.row_events.push((row as u32, kind, day(on)));
        }
    }

    /// Records an event of a case (by its canonical number); kinds the engine does not read are
    /// ignored by the caller through [`EventKind::of`].
    pub fn event(&mut self, case_no: &str, kind: EventKind, on: NaiveDate) {
        self.events.push((case_no.to_string(), kind, day(on)));
    }

    /// The deployment's readings of the 终本 checklist (the default when not called).
    pub fn checklist_rules(&mut self, rules: ChecklistRules) {
        self.checklist = rules;
    }

    /// A reviewer's finding on a 终本 case (合格 when `compliant`): it overrides the checklist.
    pub fn finding(&mut self, case_no: &str, compliant: bool) {
        self.findings.push((case_no.to_string(), compliant));
    }

    /// What the case-quality review of a case decided (a case reviewed twice counts the review
    /// decided first).
    pub fn review(&mut self, case_no: &str, mark: crate::reviews::ReviewMark) {
        self.reviews.push((case_no.to_string(), mark));
    }

    /// What a service task of a case (one document to one recipient) came to.
    pub fn service_task(&mut self, case_no: &str, mark: crate::service::ServiceMark) {
        self.service_tasks.push((case_no.to_string(), mark));
    }

    /// A mailed attempt (邮寄送达) of a case and its postal result.
    pub fn service_post(&mut self, case_no: &str, mark: crate::service::PostMark) {
        self.service_posts.push((case_no.to_string(), mark));
    }

    /// Resolves origins and events against the case numbers and derives each case's links.
    pub fn finish(self) -> Cases {
        let CasesBuilder {
            mut cases,
            origins,
            events,
            row_events,
            checklist,
            findings,
            reviews,
            service_tasks,
            service_posts,
            ..
        } = self;
        let n = cases.len();
        cases.flags = vec![0; n];
        cases.appeal_closed = vec![NO_DAY; n];
        cases.appeal_outcome = vec![Outcome::Other as u8; n];
        cases.chain = vec![0; n];
        cases.appealed_on = vec![NO_DAY; n];
        cases.sent_up_on = vec![NO_DAY; n];
        let index: HashMap<&str, u32> =
            (0..n).map(|row| (cases.case_no(row), row as u32)).collect();
        let parent: Vec<Option<u32>> = origins
            .iter()
            .map(|o| o.as_deref().and_then(|o| index.get(o).copied()))
            .collect();
        let event_rows: Vec<(usize, EventKind, i32)> = events
            .iter()
            .filter_map(|(no, kind, on)| index.get(no.as_str()).map(|r| (*r as usize, *kind, *on)))
            .chain(
                row_events
                    .iter()
                    .map(|(row, kind, on)| (*row as usize, *kind, *on)),
            )
            .collect();
        let manual: Vec<(usize, bool)> = findings
            .iter()
            .filter_map(|(no, ok)| index.get(no.trim()).map(|r| (*r as usize, *ok)))
            .collect();
        let reviewed: Vec<(u32, crate::reviews::ReviewMark)> = reviews
            .iter()
            .filter_map(|(no, mark)| index.get(no.trim()).map(|r| (*r, *mark)))
            .collect();
        // Service of a case the data does not hold is counted nowhere, as a review's.
        let tasks: Vec<(u32, crate::service::ServiceMark)> = service_tasks
            .iter()
            .filter_map(|(no, mark)| index.get(no.trim()).map(|r| (*r, *mark)))
            .collect();
        let posts: Vec<(u32, crate::service::PostMark)> = service_posts
            .iter()
            .filter_map(|(no, mark)| index.get(no.trim()).map(|r| (*r, *mark)))
            .collect();
        drop(index);
        cases.service = crate::service::Service::build(tasks, posts);
        for row in cases.service.rows() {
            cases.flags[row as usize] |= flag::SERVICE;
        }
        for (row, _) in &reviewed {
            cases.flags[*row as usize] |= flag::REVIEWED;
        }
        cases.reviews = crate::reviews::Reviews::build(reviewed);
        let mut marks = vec![Marks::default(); n];
        for (row, kind, on) in event_rows {
            match kind {
                // The first appeal and the first transfer count.
                EventKind::Appeal => cases.appealed_on[row] = cases.appealed_on[row].min(on),
                EventKind::FileSentUp => cases.sent_up_on[row] = cases.sent_up_on[row].min(on),
                EventKind::Hearing => cases.flags[row] |= flag::HEARD,
                EventKind::Step(step) => {
                    if cases.outcome_of(row) == Outcome::Zhongben
                        && let (Some(on), Some(filed), Some(closed)) =
                            (date(on), date(cases.filed[row]), date(cases.closed[row]))
                    {
                        marks[row].mark(step, on, filed, closed);
                    }
                }
            }
        }
        cases.zhongben = checklist_verdicts(&cases, &marks, &manual, checklist);
        // The appeal that decides a case: the earliest closed (a pending one last); on the same
        // day the smallest case number, so that the order of the rows never matters.
        let mut deciding: Vec<Option<usize>> = vec![None; n];
        for (child, parent) in parent.iter().enumerate() {
            let Some(parent) = parent.map(|p| p as usize) else {
                cases.flags[child] |= flag::ROOT;
                continue;
            };
            match cases.stage_of(child) {
                Some(Stage::SecondInstance) => {
                    cases.flags[parent] |= flag::APPEALED;
                    let earlier = match deciding[parent] {
                        None => true,
                        Some(current) => {
                            (cases.closed[child], cases.case_no(child))
                                < (cases.closed[current], cases.case_no(current))
                        }
                    };
                    if earlier {
                        deciding[parent] = Some(child);
                        cases.appeal_closed[parent] = cases.closed[child];
                        cases.appeal_outcome[parent] = cases.outcome[child];
                    }
                }
                Some(Stage::RetrialReview) => cases.flags[parent] |= flag::RETRIAL_REVIEWED,
                Some(Stage::Enforcement) => cases.flags[parent] |= flag::ENFORCED,
                _ => {}
            }
        }
        // The courts whose appeals the data holds: the court above (by the numbering rule) has
        // cases in it.
        let present: std::collections::HashSet<CourtCode> = cases.courts.iter().copied().collect();
        let outside: Vec<bool> = cases
            .courts
            .iter()
            .map(|c| {
                c.default_parent()
                    .is_none_or(|above| !present.contains(&above))
            })
            .collect();
        for row in 0..n {
            if outside[usize::from(cases.court[row])] {
                cases.flags[row] |= flag::APPEAL_OUTSIDE;
            }
        }
        // Each dispute's size: walk up from every case to its root (with a bound, in case the
        // data holds a loop).
        for row in 0..n {
            let mut at = row;
            let mut steps = 0;
            while let Some(up) = parent[at].map(|p| p as usize) {
                at = up;
                steps += 1;
                if steps > 64 {
                    break;
                }
            }
            if cases.flags[at] & flag::ROOT != 0 {
                cases.chain[at] += 1;
            }
        }
        cases
    }
}

/// Each 终本 case's standing: the checklist's findings from its marks, or the reviewer's finding
/// where there is one (the last recorded counts).
fn checklist_verdicts(
    cases: &Cases,
    marks: &[Marks],
    manual: &[(usize, bool)],
    rules: ChecklistRules,
) -> Vec<u8> {
    let mut reviewed: Vec<Option<bool>> = vec![None; cases.len()];
    for (row, compliant) in manual {
        reviewed[*row] = Some(*compliant);
    }
    (0..cases.len())
        .map(|row| {
            let (Some(filed), Some(closed)) = (date(cases.filed[row]), date(cases.closed[row]))
            else {
                return 0;
            };
            if cases.outcome_of(row) != Outcome::Zhongben {
                return 0;
            }
            let found = zhongben::findings(marks[row], filed, closed, rules);
            zhongben::verdict(&found, reviewed[row]).code()
        })
        .collect()
}

pub(crate) fn position_of<T: PartialEq>(all: &[T], value: T) -> u8 {
    all.iter()
        .position(|v| *v == value)
        .map_or(0, |i| i as u8 + 1)
}
