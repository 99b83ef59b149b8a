//! The 终本 checklist: the five conditions that a case closed by 终结本次执行程序 must meet under
//! 《最高人民法院关于严格规范终结本次执行程序的规定（试行）》（法〔2016〕373号）, checked from the
//! case's events, each met, not met, or not told by the data; and a reviewer's manual finding,
//! which overrides the check.
//!
//! The readings (docs/enforcement.md gives them with the rule's articles):
//! - only events dated from the filing to the 终本 date (the closing date) count: a step taken
//!   after the ruling cannot have supported it;
//! - a case with none of the checklist's steps recorded (no notice, report order, restriction,
//!   inquiry, investigation or interview) cannot be told: its events were not delivered, and a
//!   reviewer decides. A case with some of them recorded and others missing is told: the missing
//!   ones were not done;
//! - condition 2 needs the consumption restriction; the dishonest-debtor list is needed only where
//!   the debtor qualifies, which the events do not say, so a listing is shown as evidence and its
//!   absence as a note;
//! - condition 3 needs the online inquiry and, by default, an on-site investigation (the online
//!   system does not reach every kind of property); the second is configurable;
//! - condition 4 is "more than three months": the closing date is after the day three months
//!   from the filing.

use chrono::{Months, NaiveDate};

use crate::{EventKind, Text, text};

/// One of the five conditions, in the order of the and the rule's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Condition {
    /// 执行通知 and 报告财产令 (Art. 1(1), Art. 2).
    NoticeAndReport,
    /// 限制消费 and, where the debtor qualifies, 失信 (Art. 1(2)).
    Restriction,
    /// 网络查控 and the other investigations (Art. 1(3), Art. 3).
    Investigation,
    /// More than three months since filing (Art. 1(4)).
    ThreeMonths,
    /// The applicant heard before closing (约谈, Art. 5).
    ApplicantHeard,
}

impl Condition {
    pub const ALL: [Condition; 5] = [
        Condition::NoticeAndReport,
        Condition::Restriction,
        Condition::Investigation,
        Condition::ThreeMonths,
        Condition::ApplicantHeard,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Condition::NoticeAndReport => "notice_and_report",
            Condition::Restriction => "restriction",
            Condition::Investigation => "investigation",
            Condition::ThreeMonths => "three_months",
            Condition::ApplicantHeard => "applicant_heard",
        }
    }

    pub fn label(self) -> Text {
        match self {
            Condition::NoticeAndReport => text!(
                "发出执行通知并责令报告财产",
                "enforcement notice sent and property report ordered"
            ),
            Condition::Restriction => text!(
                "限制消费（符合条件的纳入失信名单）",
                "consumption restricted (and the debtor listed as dishonest where qualified)"
            ),
            Condition::Investigation => text!(
                "网络查控及现场调查",
                "online inquiry and on-site investigation"
            ),
            Condition::ThreeMonths => {
                text!("立案已满三个月以上", "more than three months since filing")
            }
            Condition::ApplicantHeard => text!(
                "终本前约谈申请执行人、听取意见",
                "applicant interviewed before closing"
            ),
        }
    }

    /// The event kinds that prove the condition (none for the date condition).
    pub fn kinds(self) -> &'static [EventKind] {
        match self {
            Condition::NoticeAndReport => {
                &[EventKind::EnforcementNotice, EventKind::PropertyReportOrder]
            }
            Condition::Restriction => &[EventKind::ConsumptionLimit, EventKind::DishonestList],
            Condition::Investigation => &[EventKind::OnlineInquiry, EventKind::SiteInvestigation],
            Condition::ThreeMonths => &[],
            Condition::ApplicantHeard => &[EventKind::Interview],
        }
    }
}

/// What the data says of one condition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Finding {
    Met,
    NotMet,
    /// The case's checklist steps were not recorded at all.
    CannotTell,
}

impl Finding {
    pub fn key(self) -> &'static str {
        match self {
            Finding::Met => "met",
            Finding::NotMet => "not_met",
            Finding::CannotTell => "cannot_tell",
        }
    }

    pub fn label(self) -> Text {
        match self {
            Finding::Met => text!("符合", "met"),
            Finding::NotMet => text!("不符合", "not met"),
            Finding::CannotTell => text!("无法判断", "cannot tell"),
        }
    }
}

/// A case's standing as a whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// 合格: every condition met, or a reviewer found it so.
    Compliant,
    /// 不合格: a condition not met, or a reviewer found it so.
    NotCompliant,
    /// Not told by the data and not yet reviewed.
    Undetermined,
}

impl Verdict {
    pub fn key(self) -> &'static str {
        match self {
            Verdict::Compliant => "compliant",
            Verdict::NotCompliant => "not_compliant",
            Verdict::Undetermined => "undetermined",
        }
    }

    pub fn label(self) -> Text {
        match self {
            Verdict::Compliant => text!("合格", "compliant"),
            Verdict::NotCompliant => text!("不合格", "not compliant"),
            Verdict::Undetermined => text!("待评查", "to be reviewed"),
        }
    }

    /// The small code the indicator engine keeps per case (0 is "not a 终本 case").
    pub fn code(self) -> u8 {
        match self {
            Verdict::Compliant => 1,
            Verdict::NotCompliant => 2,
            Verdict::Undetermined => 3,
        }
    }

    pub fn of_code(code: u8) -> Option<Verdict> {
        match code {
            1 => Some(Verdict::Compliant),
            2 => Some(Verdict::NotCompliant),
            3 => Some(Verdict::Undetermined),
            _ => None,
        }
    }
}

/// The deployment's choices where the rule leaves room (see the module's readings).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChecklistRules {
    /// Whether condition 3 needs an on-site investigation beside the online inquiry.
    pub site_investigation_required: bool,
    /// The months that must have passed since filing (the rule: three).
    pub min_months: u32,
}

impl Default for ChecklistRules {
    fn default() -> ChecklistRules {
        ChecklistRules {
            site_investigation_required: true,
            min_months: 3,
        }
    }
}

/// Which of the checklist's steps a case has, dated from its filing to its closing: one bit per
/// kind, so that the indicator engine can keep them per case in a byte.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Marks(pub u8);

/// The kinds the marks keep, in bit order.
const MARKED: [EventKind; 7] = [
    EventKind::EnforcementNotice,
    EventKind::PropertyReportOrder,
    EventKind::ConsumptionLimit,
    EventKind::DishonestList,
    EventKind::OnlineInquiry,
    EventKind::SiteInvestigation,
    EventKind::Interview,
];

impl Marks {
    /// The kinds the checklist reads (the events to load for it).
    pub fn kinds() -> &'static [EventKind] {
        &MARKED
    }

    fn bit(kind: EventKind) -> Option<u8> {
        MARKED.iter().position(|k| *k == kind).map(|i| 1 << i)
    }

    /// Marks a step of `kind` dated `on`, if it is a checklist kind and falls from the filing to
    /// the closing.
    pub fn mark(
        &mut self,
        kind: EventKind,
        on: NaiveDate,
        filed_on: NaiveDate,
        closed_on: NaiveDate,
    ) {
        if (filed_on..=closed_on).contains(&on)
            && let Some(bit) = Marks::bit(kind)
        {
            self.0 |= bit;
        }
    }

    pub fn has(self, kind: EventKind) -> bool {
        Marks::bit(kind).is_some_and(|bit| self.0 & bit != 0)
    }
}

/// The five findings from the marks and the dates: the rule itself, shared by the checklist page
/// and the indicator engine.
pub fn findings(
    marks: Marks,
    filed_on: NaiveDate,
    closed_on: NaiveDate,
    rules: ChecklistRules,
) -> [Finding; 5] {
    let told = marks.0 != 0;
    let need = |kinds: &[EventKind]| match (told, kinds.iter().all(|k| marks.has(*k))) {
        (false, _) => Finding::CannotTell,
        (true, true) => Finding::Met,
        (true, false) => Finding::NotMet,
    };
    let investigation: &[EventKind] = if rules.site_investigation_required {
        &[EventKind::OnlineInquiry, EventKind::SiteInvestigation]
    } else {
        &[EventKind::OnlineInquiry]
    };
    let three_months = match filed_on.checked_add_months(Months::new(rules.min_months)) {
        Some(due) if closed_on > due => Finding::Met,
        _ => Finding::NotMet,
    };
    [
        need(&[EventKind::EnforcementNotice, EventKind::PropertyReportOrder]),
        need(&[EventKind::ConsumptionLimit]),
        need(investigation),
        three_months,
        need(&[EventKind::Interview]),
    ]
}

/// The case's standing from its five findings, unless a reviewer's finding overrides them.
pub fn verdict(findings: &[Finding; 5], manual: Option<bool>) -> Verdict {
    match manual {
        Some(true) => Verdict::Compliant,
        Some(false) => Verdict::NotCompliant,
        None if findings.contains(&Finding::NotMet) => Verdict::NotCompliant,
        None if findings.contains(&Finding::CannotTell) => Verdict::Undetermined,
        None => Verdict::Compliant,
    }
}

/// One condition as the checklist shows it: the finding, the events that prove it and a note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConditionCheck {
    pub condition: Condition,
    pub finding: Finding,
    /// The case's events of the condition's kinds, dated from filing to closing.
    pub evidence: Vec<(EventKind, NaiveDate)>,
    /// What the finding rests on when the events alone do not say it.
    pub note: Option<Text>,
}

/// The checklist of one 终本 case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checklist {
    pub checks: Vec<ConditionCheck>,
    /// Steps of the checklist's kinds dated after the closing: they do not count.
    pub late: Vec<(EventKind, NaiveDate)>,
    pub verdict: Verdict,
}

impl Checklist {
    /// Checks a case closed by 终本 on `closed_on` from its events (any kinds; others are
    /// ignored), with a reviewer's finding if one was recorded.
    pub fn of(
        filed_on: NaiveDate,
        closed_on: NaiveDate,
        events: &[(EventKind, NaiveDate)],
        rules: ChecklistRules,
        manual: Option<bool>,
    ) -> Checklist {
        let mut marks = Marks::default();
        let mut late = Vec::new();
        for (kind, on) in events {
            marks.mark(*kind, *on, filed_on, closed_on);
            if *on > closed_on && Marks::bit(*kind).is_some() {
                late.push((*kind, *on));
            }
        }
        let found = findings(marks, filed_on, closed_on, rules);
        let checks = Condition::ALL
            .iter()
            .zip(found)
            .map(|(condition, finding)| {
                let mut evidence: Vec<(EventKind, NaiveDate)> = events
                    .iter()
                    .filter(|(kind, on)| {
                        condition.kinds().contains(kind) && (filed_on..=closed_on).contains(on)
                    })
                    .copied()
                    .collect();
                evidence.sort_by_key(|(_, on)| *on);
                ConditionCheck {
                    condition: *condition,
                    finding,
                    evidence,
                    note: note(*condition, finding, marks, rules),
                }
            })
            .collect();
        Checklist {
            checks,
            late,
            verdict: verdict(&found, manual),
        }
    }

    /// The conditions not met.
    pub fn unmet(&self) -> Vec<Condition> {
        self.checks
            .iter()
            .filter(|c| c.finding == Finding::NotMet)
            .map(|c| c.condition)
            .collect()
    }
}

fn note(
    condition: Condition,
    finding: Finding,
    marks: Marks,
    rules: ChecklistRules,
) -> Option<Text> {
    match (condition, finding) {
        (_, Finding::CannotTell) => Some(text!(
            "该案未记录任何终本核查所需的执行节点，须人工评查",
            "none of the checklist's steps is recorded for this case: a reviewer must decide"
        )),
        (Condition::Restriction, Finding::Met) if !marks.has(EventKind::DishonestList) => {
            Some(text!(
                "未纳入失信名单：被执行人是否符合纳入条件须人工判断",
                "not put on the dishonest-debtor list: whether the debtor qualified is for a reviewer"
            ))
        }
        (Condition::Investigation, Finding::Met) if !rules.site_investigation_required => {
            Some(text!(
                "本院配置不要求现场调查",
                "this court's settings do not require an on-site investigation"
            ))
        }
        _ => None,
    }
}

/// After 终本 the court queries the debtor's property through the online system every six months
/// for five years (Art. 9 of the rule).
pub const REQUERY_MONTHS: u32 = 6;

/// The years the re-queries go on for.
pub const REQUERY_YEARS: u32 = 5;

/// Where a 终本 case stands on its re-queries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Requery {
    /// The latest re-query (终本后查询) after the closing, up to today.
    pub last: Option<NaiveDate>,
    /// The day the next one is due by: six months after the latest (or after the closing);
    /// `None` once that falls after the five years.
    pub next_due: Option<NaiveDate>,
}

/// The re-query schedule of a case closed by 终本 on `closed_on`, from the days of its
/// re-queries. Reading: "every six months" is no more than six months between one query (or the
/// closing) and the next.
pub fn requery(closed_on: NaiveDate, queried_on: &[NaiveDate], today: NaiveDate) -> Requery {
    let last = queried_on
        .iter()
        .copied()
        .filter(|d| *d > closed_on && *d <= today)
        .max();
    let end = closed_on.checked_add_months(Months::new(REQUERY_YEARS * 12));
    let next_due = last
        .unwrap_or(closed_on)
        .checked_add_months(Months::new(REQUERY_MONTHS))
        .filter(|next| end.is_some_and(|end| *next <= end));
    Requery { last, next_due }
}

#[cfg(test)]
mod tests;
