//! After a review is submitted: the judge's answer and the final decision, and what the judge is
//! held to account with.
//!
//! The judge whose case it is sees the findings and may object (异议) within the configured days
//! of the submission; without an objection the review becomes final when those days have passed.
//! An objection goes to a second review or the committee (审判委员会), who decide: the review
//! stands, or its grade is changed (with the reason). A final review whose case is an error case
//! may carry accountability outcomes (问责: 通报, 约谈, 诫勉, 绩效扣减, 调离审判岗位, 退出员额, 移送惩戒 —
//! the list is the network's) and a referral to the judges' disciplinary committee.

use chrono::{Days, NaiveDate};

use crate::text::Text;

/// Where a submitted review stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Standing {
    /// Waiting for the judge's answer until the day given (inclusive).
    Open { objection_by: NaiveDate },
    /// The judge objected; a decision is awaited.
    Objected { on: NaiveDate, reason: String },
    /// Final: no objection came in time, or the objection was decided.
    Final { grade: String, changed: bool },
}

/// A step after submission.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    /// 异议 by the judge, with the reason.
    Object { on: NaiveDate, reason: String },
    /// The decision on an objection: the grade that stands (the same or another) and why.
    Decide {
        on: NaiveDate,
        grade: String,
        reason: String,
    },
}

/// The standing of a review submitted on `submitted_on` with `grade`, given the answers taken
/// since (in order) and `objection_days` for the judge, as of `today`.
pub fn standing(
    submitted_on: NaiveDate,
    grade: &str,
    answers: &[Answer],
    objection_days: u32,
    today: NaiveDate,
) -> Standing {
    let objection_by = submitted_on
        .checked_add_days(Days::new(u64::from(objection_days)))
        .unwrap_or(submitted_on);
    let mut now = Standing::Open { objection_by };
    for answer in answers {
        now = match (now, answer) {
            (Standing::Open { .. }, Answer::Object { on, reason }) => Standing::Objected {
                on: *on,
                reason: reason.clone(),
            },
            (Standing::Objected { .. }, Answer::Decide { grade: decided, .. }) => Standing::Final {
                changed: decided != grade,
                grade: decided.clone(),
            },
            (other, _) => other,
        };
    }
    match now {
        Standing::Open { objection_by } if today > objection_by => Standing::Final {
            grade: grade.to_string(),
            changed: false,
        },
        other => other,
    }
}

/// Why an answer cannot be taken where the review stands.
pub fn refusal(
    submitted_on: NaiveDate,
    grade: &str,
    answers: &[Answer],
    objection_days: u32,
    answer: &Answer,
    grades: &[String],
) -> Option<Text> {
    let now = standing(
        submitted_on,
        grade,
        answers,
        objection_days,
        answer_day(answer),
    );
    match (now, answer) {
        (Standing::Open { .. }, Answer::Object { reason, .. }) if reason.trim().is_empty() => Some(
            Text::new("须写明异议理由", "say why the findings are objected to"),
        ),
        (Standing::Open { .. }, Answer::Object { .. }) => None,
        (Standing::Final { .. }, Answer::Object { .. }) => Some(Text::new(
            format!("异议期（评查意见提交后{objection_days}日）已过"),
            format!("the {objection_days} days to object after the review are over"),
        )),
        (Standing::Objected { .. }, Answer::Object { .. }) => {
            Some(Text::new("已提出异议", "an objection is already made"))
        }
        (Standing::Objected { on, .. }, Answer::Decide { on: day, .. }) if *day < on => {
            Some(Text::new(
                "决定日期早于异议日期",
                "the decision is dated before the objection",
            ))
        }
        (Standing::Objected { .. }, Answer::Decide { grade, reason, .. }) => {
            if !grades.iter().any(|g| g == grade) {
                let known = grades.join("、");
                Some(Text::new(
                    format!("等次“{grade}”不在本辖区的等次中（{known}）"),
                    format!("“{grade}” is not one of the network's grades ({known})"),
                ))
            } else if reason.trim().is_empty() {
                Some(Text::new("须写明决定理由", "say why"))
            } else {
                None
            }
        }
        (_, Answer::Decide { .. }) => Some(Text::new(
            "没有待决定的异议",
            "no objection waits for a decision",
        )),
    }
}

fn answer_day(answer: &Answer) -> NaiveDate {
    match answer {
        Answer::Object { on, .. } | Answer::Decide { on, .. } => *on,
    }
}

/// The accountability outcomes a network records (问责), by default.
pub const OUTCOMES: [&str; 7] = [
    "通报",
    "约谈",
    "诫勉",
    "绩效扣减",
    "调离审判岗位",
    "退出员额",
    "移送惩戒",
];

#[cfg(test)]
mod tests;
