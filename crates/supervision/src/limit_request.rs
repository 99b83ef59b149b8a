//! 审限变更申请: a judge applies to extend a case's time limit (延长审限) or to exclude a period
//! from it (扣除审限); the approver the law names decides; an approval becomes a change of the
//! case's limit, and the deadline is computed again with it.
//!
//! The rules (docs/time-limits.md, "Applying for a change"):
//! - who approves: the court's president (本院院长) a first extension of a civil, enforcement or
//!   other limit, and every exclusion; the court above (上级法院) a further extension, and every
//!   extension of a criminal or administrative limit (Criminal Procedure Law Art. 208,
//!   Administrative Litigation Law Art. 81);
//! - when: 法释〔2018〕9号 wants an application 15 days before the limit runs out and the decision
//!   5 days before. An application within the lead time is taken and flagged late; one after the
//!   limit ran out is refused — a change approved then cannot cure the breach. A decision within
//!   the last five days is flagged late. The lead time is the deployment's (`[supervision]
//!   limit_request_lead_days`).

use chrono::NaiveDate;
use shenguan_domain::{
    Approver, Category, Exclusion, ExclusionGround, Extension, Period, Text, text,
};

/// The days before the limit runs out by which an application is due (法释〔2018〕9号).
pub const LEAD_DAYS: u32 = 15;

/// The days before the limit runs out by which a decision is due (法释〔2018〕9号).
pub const DECISION_DAYS: i64 = 5;

/// The longest reason, in characters.
pub const MAX_REASON_CHARS: usize = 2000;

/// The longest extension one application may ask for, in months.
pub const MAX_MONTHS: u32 = 24;

/// The longest excluded period one application may ask for, in days.
pub const MAX_EXCLUDED_DAYS: i64 = 3 * 366;

/// What is asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// 延长审限 by a length as granted (calendar months or days).
    Extension { length: Period },
    /// 扣除审限: a period, both ends counted, on a ground of the law.
    Exclusion {
        ground: ExclusionGround,
        from: NaiveDate,
        to: NaiveDate,
    },
}

impl Change {
    pub fn key(&self) -> &'static str {
        match self {
            Change::Extension { .. } => "extension",
            Change::Exclusion { .. } => "exclusion",
        }
    }

    pub fn label(&self) -> Text {
        match self {
            Change::Extension { .. } => text!("延长审限", "extension"),
            Change::Exclusion { .. } => text!("扣除审限", "excluded period"),
        }
    }

    /// How it reads in a list: "6个月", "公告 2026-02-01~2026-03-31".
    pub fn summary(&self) -> String {
        match self {
            Change::Extension { length } => length.to_string(),
            Change::Exclusion { ground, from, to } => {
                format!("{} {from}~{to}", ground.label_zh())
            }
        }
    }
}

/// Where an application stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum State {
    /// 待审批.
    Pending,
    /// 已批准.
    Approved,
    /// 不予批准.
    Refused,
}

impl State {
    pub const ALL: [State; 3] = [State::Pending, State::Approved, State::Refused];

    pub fn key(self) -> &'static str {
        match self {
            State::Pending => "pending",
            State::Approved => "approved",
            State::Refused => "refused",
        }
    }

    pub fn label(self) -> Text {
        match self {
            State::Pending => text!("待审批", "awaiting decision"),
            State::Approved => text!("已批准", "approved"),
            State::Refused => text!("不予批准", "refused"),
        }
    }

    pub fn parse(text: &str) -> Option<State> {
        State::ALL
            .into_iter()
            .find(|s| s.key() == text.trim() || s.label().zh() == text.trim())
    }
}

/// Who decides: by the kind of change, the case's category and the extensions it already has.
pub fn approver(change: &Change, category: Option<Category>, extensions_so_far: usize) -> Approver {
    match change {
        Change::Exclusion { .. } => Approver::President,
        Change::Extension { .. } => match category {
            Some(Category::Criminal | Category::Administrative) => Approver::HigherCourt,
            _ if extensions_so_far == 0 => Approver::President,
            _ => Approver::HigherCourt,
        },
    }
}

/// Why an application is refused before anyone decides it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The case is closed, or has no statutory limit.
    NoLimit,
    /// The limit ran out before the application.
    AfterExpiry { deadline: NaiveDate },
    /// The length or the period is not one a court grants.
    BadChange(Text),
    /// No reason, or one too long.
    BadReason,
    /// An application for the case is already awaiting a decision.
    AlreadyPending,
}

impl Refusal {
    pub fn text(&self) -> Text {
        match self {
            Refusal::NoLimit => text!(
                "该案已结或无法定审限，无需申请变更审限",
                "the case is closed or has no statutory limit: there is no limit to change"
            ),
            Refusal::AfterExpiry { deadline } => text!(
                "审限已于{deadline}届满，届满后申请不能补救超审限",
                "the limit ran out on {deadline}: an application after it cannot cure the breach"
            ),
            Refusal::BadChange(why) => why.clone(),
            Refusal::BadReason => text!(
                "须填写申请理由（不超过{MAX_REASON_CHARS}字）",
                "a reason is required (at most {MAX_REASON_CHARS} characters)"
            ),
            Refusal::AlreadyPending => text!(
                "该案已有待审批的审限变更申请",
                "an application for this case is already awaiting a decision"
            ),
        }
    }
}

/// An application checked: the approver it goes to and whether it came late.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checked {
    pub approver: Approver,
    /// Within the lead time before the limit runs out.
    pub late: bool,
    /// The last day an application was due.
    pub due_by: NaiveDate,
}

/// What the rules need of the case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseLimit {
    pub category: Option<Category>,
    pub filed_on: NaiveDate,
    pub closed: bool,
    /// The deadline in force (`None`: no statutory limit).
    pub deadline: Option<NaiveDate>,
    pub extensions_so_far: usize,
    pub pending: bool,
}

/// Checks an application made on `today`.
pub fn check(
    case: &CaseLimit,
    change: &Change,
    reason: &str,
    today: NaiveDate,
    lead_days: u32,
) -> Result<Checked, Refusal> {
    let deadline = match (case.closed, case.deadline) {
        (false, Some(deadline)) => deadline,
        _ => return Err(Refusal::NoLimit),
    };
    if today > deadline {
        return Err(Refusal::AfterExpiry { deadline });
    }
    let reason = reason.trim();
    if reason.is_empty() || reason.chars().count() > MAX_REASON_CHARS {
        return Err(Refusal::BadReason);
    }
    match change {
        Change::Extension { length } => {
            let fits = match length {
                Period::Months(months) => (1..=MAX_MONTHS).contains(months),
                Period::Days(days) => (1..=731).contains(days),
            };
            if !fits {
                return Err(Refusal::BadChange(text!(
                    "延长期限须为1至{MAX_MONTHS}个月或1至731日",
                    "an extension must be 1 to {MAX_MONTHS} months or 1 to 731 days"
                )));
            }
        }
        Change::Exclusion { from, to, .. } => {
            if to < from || (*to - *from).num_days() >= MAX_EXCLUDED_DAYS {
                return Err(Refusal::BadChange(text!(
                    "扣除期间的结束日不得早于开始日，且不超过三年",
                    "the excluded period must end on or after its start, within three years"
                )));
            }
            if *from < case.filed_on {
                let filed = case.filed_on;
                return Err(Refusal::BadChange(text!(
                    "扣除期间不得早于立案日{filed}",
                    "the excluded period cannot start before the filing on {filed}"
                )));
            }
        }
    }
    if case.pending {
        return Err(Refusal::AlreadyPending);
    }
    let due_by = deadline - chrono::Days::new(u64::from(lead_days));
    Ok(Checked {
        approver: approver(change, case.category, case.extensions_so_far),
        late: today > due_by,
        due_by,
    })
}

/// Whether a decision on `decided_on` comes within the last five days of the limit then in force.
pub fn decided_late(decided_on: NaiveDate, deadline: NaiveDate) -> bool {
    (deadline - decided_on).num_days() < DECISION_DAYS
}

/// The change of the case's limit an approval makes, as its records keep it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Approved {
    Extension(Extension),
    Exclusion(Exclusion),
}

/// The record an approval on `decided_on` adds to the case.
pub fn approved(
    change: &Change,
    decided_on: NaiveDate,
    approver: Approver,
    reason: &str,
) -> Approved {
    match change {
        Change::Extension { length } => Approved::Extension(Extension {
            length: *length,
            approved_on: Some(decided_on),
            approver: Some(approver),
            reason: Some(shenguan_domain::reason_for_record(reason)).filter(|r| !r.is_empty()),
        }),
        Change::Exclusion { ground, from, to } => Approved::Exclusion(Exclusion {
            ground: *ground,
            from: Some(*from),
            days: u32::try_from((*to - *from).num_days() + 1).unwrap_or(0),
        }),
    }
}

#[cfg(test)]
mod tests;
