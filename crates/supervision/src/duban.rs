//! 督办: a case put under supervision — why, what is to be done, who must answer and by when —
//! and the steps it may take. The one who must answer (the handling judge, or the division head)
//! replies (答复); whoever supervises accepts the reply and closes the item (办结) or returns it for
//! a better one (退回); a reply that is late lets the item be raised to the next level of the
//! supervision chain (升级: 庭长 → 分管院领导 → 院长 unless configured otherwise), with a new date.
//!
//! Readings this module takes (each can be changed by configuration where the application offers
//! it; none is fixed by a published rule):
//! - a reply is due five working days after the item is opened, counted on the court calendar
//!   (holidays and make-up working days included), unless the one who opens it sets another date;
//! - only a reply can be accepted or returned: an item is closed from 已答复, never straight from
//!   待答复;
//! - an item may be raised only when its reply is late (the day after the due date), one level at
//!   a time, and not past the top of the chain;
//! - a reply counts as on time when it is made on or before the date due at that moment; a return
//!   or a raise sets a new date, and the next reply is measured against it.

use chrono::NaiveDate;
use shenguan_domain::{HolidayCalendar, Text, text};

/// Why a case is supervised.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reason {
    /// 审限临近
    TimeLimitNear,
    /// 超审限
    OverTimeLimit,
    /// 长期未结
    LongPending,
    /// 执行消极
    PassiveEnforcement,
    /// 终本不合规
    TerminationNonCompliant,
    /// 执行款未发放
    MoneyNotPaidOut,
    /// 信访
    Petition,
    /// 评查
    Review,
    /// 送达超期: a document unserved past the days the court allows.
    Service,
    /// 其他
    Other,
}

impl Reason {
    pub const ALL: [Reason; 10] = [
        Reason::TimeLimitNear,
        Reason::OverTimeLimit,
        Reason::LongPending,
        Reason::PassiveEnforcement,
        Reason::TerminationNonCompliant,
        Reason::MoneyNotPaidOut,
        Reason::Petition,
        Reason::Review,
        Reason::Service,
        Reason::Other,
    ];

    /// The key the store, the API and the command line use.
    pub fn key(self) -> &'static str {
        match self {
            Reason::TimeLimitNear => "time_limit_near",
            Reason::OverTimeLimit => "over_time_limit",
            Reason::LongPending => "long_pending",
            Reason::PassiveEnforcement => "passive_enforcement",
            Reason::TerminationNonCompliant => "termination_non_compliant",
            Reason::MoneyNotPaidOut => "money_not_paid_out",
            Reason::Petition => "petition",
            Reason::Review => "review",
            Reason::Service => "service",
            Reason::Other => "other",
        }
    }

    /// The reason named by its key or its Chinese name.
    pub fn parse(text: &str) -> Option<Reason> {
        let text = text.trim();
        Reason::ALL
            .into_iter()
            .find(|r| r.key() == text || r.label().zh() == text)
    }

    pub fn label(self) -> Text {
        match self {
            Reason::TimeLimitNear => text!("审限临近", "time limit near"),
            Reason::OverTimeLimit => text!("超审限", "past the time limit"),
            Reason::LongPending => text!("长期未结", "long pending"),
            Reason::PassiveEnforcement => text!("执行消极", "passive enforcement"),
            Reason::TerminationNonCompliant => {
                text!("终本不合规", "closure without property not compliant")
            }
            Reason::MoneyNotPaidOut => text!("执行款未发放", "enforcement money not paid out"),
            Reason::Petition => text!("信访", "petition"),
            Reason::Review => text!("评查", "case-quality review"),
            Reason::Service => text!("送达超期", "service overdue"),
            Reason::Other => text!("其他", "other"),
        }
    }
}

/// Where an item stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum State {
    /// 待答复: opened, waiting for the first reply.
    AwaitingReply,
    /// 退回: a reply was not accepted; waiting for a new one.
    Returned,
    /// 升级: raised to a higher level after a late reply; waiting for the reply.
    Escalated,
    /// 已答复: replied, waiting for the supervisor.
    Replied,
    /// 已办结: the reply accepted, the item done.
    Closed,
}

impl State {
    pub const ALL: [State; 5] = [
        State::AwaitingReply,
        State::Returned,
        State::Escalated,
        State::Replied,
        State::Closed,
    ];

    pub fn key(self) -> &'static str {
        match self {
            State::AwaitingReply => "awaiting_reply",
            State::Returned => "returned",
            State::Escalated => "escalated",
            State::Replied => "replied",
            State::Closed => "closed",
        }
    }

    pub fn parse(text: &str) -> Option<State> {
        let text = text.trim();
        State::ALL
            .into_iter()
            .find(|s| s.key() == text || s.label().zh() == text)
    }

    pub fn label(self) -> Text {
        match self {
            State::AwaitingReply => text!("待答复", "awaiting reply"),
            State::Returned => text!("退回", "returned"),
            State::Escalated => text!("升级", "escalated"),
            State::Replied => text!("已答复", "replied"),
            State::Closed => text!("已办结", "closed"),
        }
    }

    /// Whether the one who must answer has a reply to make.
    pub fn awaits_reply(self) -> bool {
        matches!(
            self,
            State::AwaitingReply | State::Returned | State::Escalated
        )
    }
}

/// One level of the supervision chain: its key and what it is called.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Level {
    pub key: String,
    pub label: Text,
}

/// The levels an item is raised through, lowest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chain {
    levels: Vec<Level>,
}

impl Default for Chain {
    /// 庭长 → 分管院领导 → 院长.
    fn default() -> Chain {
        let level = |key: &str, label: Text| Level {
            key: key.to_string(),
            label,
        };
        Chain {
            levels: vec![
                level("division", text!("庭长", "division head")),
                level(
                    "vice_president",
                    text!("分管院领导", "vice-president in charge"),
                ),
                level("president", text!("院长", "president")),
            ],
        }
    }
}

impl Chain {
    /// A chain of `levels`, lowest first; none at all is refused.
    pub fn new(levels: Vec<Level>) -> Result<Chain, Refusal> {
        if levels.is_empty() {
            return Err(Refusal(text!(
                "督办层级不能为空",
                "the supervision chain needs at least one level"
            )));
        }
        Ok(Chain { levels })
    }

    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    /// The level at `index` (the top one for an index past it).
    pub fn level(&self, index: usize) -> &Level {
        &self.levels[index.min(self.levels.len() - 1)]
    }

    fn top(&self) -> usize {
        self.levels.len() - 1
    }
}

/// Why a step was refused, in words for the person who tried it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal(pub Text);

/// The longest instruction, reply or note kept, in characters.
pub const MAX_TEXT_CHARS: usize = 2000;

/// The working days a reply is due in unless the one who opens the item sets a date.
pub const REPLY_WORKING_DAYS: u32 = 5;

/// The day `working_days` working days after `from` (not counting `from`), on `calendar`.
pub fn reply_due(from: NaiveDate, working_days: u32, calendar: &HolidayCalendar) -> NaiveDate {
    calendar.working_days_after(from, working_days)
}

/// A case under supervision, as the rules see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub case_no: String,
    pub reason: Reason,
    /// What is to be done (督办意见).
    pub instructions: String,
    /// The account that opened it.
    pub opened_by: String,
    pub opened_on: NaiveDate,
    /// The account that must answer.
    pub answerer: String,
    /// When the reply now awaited (or last awaited) is due.
    pub due_on: NaiveDate,
    pub state: State,
    /// The level of the chain that follows the item (an index into [`Chain::levels`]).
    pub level: usize,
    /// The last reply's day, and whether it came by the date then due.
    pub replied: Option<(NaiveDate, bool)>,
    pub closed_on: Option<NaiveDate>,
}

/// What opening an item asks for.
#[derive(Clone, Debug)]
pub struct Opening<'a> {
    pub case_no: &'a str,
    pub reason: Reason,
    pub instructions: &'a str,
    pub opened_by: &'a str,
    pub answerer: &'a str,
    /// The level of the chain the one who opens it stands at.
    pub level: usize,
    /// The reply's date, when the one who opens the item sets it.
    pub due_on: Option<NaiveDate>,
}

/// A step an item may take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step<'a> {
    /// 答复, by the one who must answer.
    Reply { text: &'a str },
    /// 办结: the reply accepted, by whoever supervises.
    Close { note: &'a str },
    /// 退回: the reply not accepted (the note says why), with a new date.
    Return { note: &'a str, due_on: NaiveDate },
    /// 升级: a late reply raised to the next level, with a new date.
    Escalate { due_on: NaiveDate },
}

impl Step<'_> {
    pub fn key(&self) -> &'static str {
        match self {
            Step::Reply { .. } => "reply",
            Step::Close { .. } => "close",
            Step::Return { .. } => "return",
            Step::Escalate { .. } => "escalate",
        }
    }

    /// Who may take the step.
    pub fn side(&self) -> Side {
        match self {
            Step::Reply { .. } => Side::Answerer,
            _ => Side::Supervisor,
        }
    }
}

/// The two sides of an item: the one who must answer, and those who supervise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Answerer,
    Supervisor,
}

impl Item {
    /// A new item on `today`, waiting for its reply: by the date given, else
    /// [`REPLY_WORKING_DAYS`] working days from today on `calendar`.
    pub fn open(
        opening: &Opening<'_>,
        today: NaiveDate,
        calendar: &HolidayCalendar,
        chain: &Chain,
    ) -> Result<Item, Refusal> {
        let instructions = bounded(opening.instructions, text!("督办意见", "the instructions"))?;
        if opening.answerer.trim().is_empty() {
            return Err(Refusal(text!(
                "须指定答复人",
                "someone must be named to reply"
            )));
        }
        let due_on = match opening.due_on {
            Some(date) => not_before(date, today)?,
            None => reply_due(today, REPLY_WORKING_DAYS, calendar),
        };
        Ok(Item {
            case_no: opening.case_no.to_string(),
            reason: opening.reason,
            instructions,
            opened_by: opening.opened_by.to_string(),
            opened_on: today,
            answerer: opening.answerer.trim().to_string(),
            due_on,
            state: State::AwaitingReply,
            level: opening.level.min(chain.top()),
            replied: None,
            closed_on: None,
        })
    }

    /// Whether the reply awaited is late on `today`.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.state.awaits_reply() && today > self.due_on
    }

    /// The item after `step` taken by `side` on `today`, or why it may not be taken.
    pub fn take(
        &self,
        step: &Step<'_>,
        side: Side,
        today: NaiveDate,
        chain: &Chain,
    ) -> Result<Item, Refusal> {
        if side != step.side() {
            return Err(Refusal(match step.side() {
                Side::Answerer => text!("只有答复人可以答复", "only the one named may reply"),
                Side::Supervisor => text!(
                    "只有督办人可以办结、退回或升级",
                    "only a supervisor may close, return or escalate"
                ),
            }));
        }
        let state = self.state.label();
        let (state_zh, state_en) = (state.zh(), state.en());
        let mut next = self.clone();
        match step {
            Step::Reply { text } => {
                if !self.state.awaits_reply() {
                    return Err(Refusal(text!(
                        "督办事项为“{state_zh}”，无需答复",
                        "the item is {state_en}: no reply is awaited"
                    )));
                }
                bounded(text, text!("答复", "the reply"))?;
                next.state = State::Replied;
                next.replied = Some((today, today <= self.due_on));
            }
            Step::Close { note } => {
                self.must_be_replied(state_zh, state_en)?;
                bounded_or_empty(note)?;
                next.state = State::Closed;
                next.closed_on = Some(today);
            }
            Step::Return { note, due_on } => {
                self.must_be_replied(state_zh, state_en)?;
                bounded(note, text!("退回理由", "the reason for returning it"))?;
                next.due_on = not_before(*due_on, today)?;
                next.state = State::Returned;
            }
            Step::Escalate { due_on } => {
                if !self.is_overdue(today) {
                    let due = self.due_on;
                    return Err(Refusal(text!(
                        "答复未逾期（{due}到期），不能升级",
                        "the reply is not late (due {due}): the item cannot be escalated"
                    )));
                }
                if self.level >= chain.top() {
                    let top = chain.level(self.level).label.clone();
                    let (top_zh, top_en) = (top.zh(), top.en());
                    return Err(Refusal(text!(
                        "已由{top_zh}督办，不能再升级",
                        "the item is already followed by the {top_en}: there is no level above"
                    )));
                }
                next.due_on = not_before(*due_on, today)?;
                next.level = self.level + 1;
                next.state = State::Escalated;
            }
        }
        Ok(next)
    }

    fn must_be_replied(&self, state_zh: &str, state_en: &str) -> Result<(), Refusal> {
        if self.state == State::Replied {
            Ok(())
        } else {
            Err(Refusal(text!(
                "督办事项为“{state_zh}”，须待答复后再办结或退回",
                "the item is {state_en}: it can be closed or returned only once replied"
            )))
        }
    }
}

/// A required text, trimmed, at most [`MAX_TEXT_CHARS`].
fn bounded(value: &str, what: Text) -> Result<String, Refusal> {
    let value = value.trim();
    let (what_zh, what_en) = (what.zh(), what.en());
    if value.is_empty() {
        return Err(Refusal(text!("{what_zh}不能为空", "{what_en} is empty")));
    }
    bounded_or_empty(value)?;
    Ok(value.to_string())
}

/// An optional text, at most [`MAX_TEXT_CHARS`].
fn bounded_or_empty(value: &str) -> Result<(), Refusal> {
    let chars = value.chars().count();
    if chars > MAX_TEXT_CHARS {
        return Err(Refusal(text!(
            "文字过长（{chars}字，上限{MAX_TEXT_CHARS}字）",
            "the text is too long ({chars} characters; at most {MAX_TEXT_CHARS})"
        )));
    }
    Ok(())
}

/// A date due, which cannot be before `today`.
fn not_before(date: NaiveDate, today: NaiveDate) -> Result<NaiveDate, Refusal> {
    if date < today {
        Err(Refusal(text!(
            "答复期限{date}早于今天{today}",
            "the reply date {date} is before today, {today}"
        )))
    } else {
        Ok(date)
    }
}

#[cfg(test)]
mod tests;
