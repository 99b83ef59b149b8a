//! The handling of a petition one step at a time, as the office records it: accept and screen
//! (诉访分离), route a 诉 into procedure, extend the handling limit, reply, record the petitioner's
//! satisfaction, 复查 and 复核 asked and answered, 化解, 依法终结, 息访 — each allowed only where
//! the petition stands, on a day not after today, leaving a record that agrees with itself
//! ([`super::agreement`]); and the petition's timeline, read from its record.
//!
//! Readings (docs/petitions.md): a reply follows the decision to accept (条例 第二十二条 first,
//! then the handling); a petition screened as 诉 is answered by its route, not by a reply; once
//! ended by law (依法终结) nothing more is handled — 化解 and 息访 may still be recorded, since the
//! record and any help continue.

use chrono::NaiveDate;

use super::agreement::Field;
use super::{Outcome, Petition, Route, Satisfaction, Screening};
use crate::CaseNumber;
use crate::text::Text;

/// One step of handling, with what it records.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// 受理告知 and 诉访分离: accepted on `on`, screened as 诉 (with its route, and the case it
    /// became or why it could not, if known yet) or as 访.
    Accept {
        on: NaiveDate,
        screening: Screening,
        route: Option<Route>,
        routed_case: Option<CaseNumber>,
        not_routed_reason: Option<String>,
    },
    /// For a 诉 accepted without it: the case it became, or why it could not be taken.
    Route {
        routed_case: Option<CaseNumber>,
        not_routed_reason: Option<String>,
    },
    /// 延长办理期限 (once).
    Extend,
    /// 答复 with its result (and the petitioner's view, if asked then).
    Reply {
        on: NaiveDate,
        outcome: Outcome,
        satisfaction: Option<Satisfaction>,
    },
    /// The petitioner's view, asked after the reply (回访).
    Rate {
        satisfaction: Satisfaction,
    },
    /// 复查 asked, and answered.
    AskReview {
        on: NaiveDate,
    },
    AnswerReview {
        on: NaiveDate,
    },
    /// 复核 asked, and answered.
    AskRecheck {
        on: NaiveDate,
    },
    AnswerRecheck {
        on: NaiveDate,
    },
    /// 化解: the matter resolved, and how.
    Resolve {
        on: NaiveDate,
        how: String,
    },
    /// 依法终结, and who approved it.
    End {
        on: NaiveDate,
        by: String,
    },
    /// 息访: the petitioner stopped.
    Stop {
        on: NaiveDate,
    },
}

/// The kinds of step, as forms, the API and the log name them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StepKind {
    Accept,
    Route,
    Extend,
    Reply,
    Rate,
    AskReview,
    AnswerReview,
    AskRecheck,
    AnswerRecheck,
    Resolve,
    End,
    Stop,
}

impl StepKind {
    pub const ALL: [StepKind; 12] = [
        StepKind::Accept,
        StepKind::Route,
        StepKind::Extend,
        StepKind::Reply,
        StepKind::Rate,
        StepKind::AskReview,
        StepKind::AnswerReview,
        StepKind::AskRecheck,
        StepKind::AnswerRecheck,
        StepKind::Resolve,
        StepKind::End,
        StepKind::Stop,
    ];

    pub fn key(self) -> &'static str {
        match self {
            StepKind::Accept => "accept",
            StepKind::Route => "route",
            StepKind::Extend => "extend",
            StepKind::Reply => "reply",
            StepKind::Rate => "rate",
            StepKind::AskReview => "ask_review",
            StepKind::AnswerReview => "answer_review",
            StepKind::AskRecheck => "ask_recheck",
            StepKind::AnswerRecheck => "answer_recheck",
            StepKind::Resolve => "resolve",
            StepKind::End => "end",
            StepKind::Stop => "stop",
        }
    }

    pub fn parse(key: &str) -> Option<StepKind> {
        StepKind::ALL.into_iter().find(|k| k.key() == key)
    }

    pub fn label(self) -> Text {
        let (zh, en) = match self {
            StepKind::Accept => ("受理及甄别", "accept and screen"),
            StepKind::Route => ("导入法律程序", "route into procedure"),
            StepKind::Extend => ("延长办理期限", "extend the handling limit"),
            StepKind::Reply => ("答复", "reply"),
            StepKind::Rate => ("满意度回访", "record satisfaction"),
            StepKind::AskReview => ("复查申请", "复查 asked"),
            StepKind::AnswerReview => ("复查答复", "复查 answered"),
            StepKind::AskRecheck => ("复核申请", "复核 asked"),
            StepKind::AnswerRecheck => ("复核答复", "复核 answered"),
            StepKind::Resolve => ("化解", "resolved (化解)"),
            StepKind::End => ("依法终结", "ended by law (依法终结)"),
            StepKind::Stop => ("息访", "petitioner stopped (息访)"),
        };
        Text::new(zh, en)
    }
}

impl Step {
    pub fn kind(&self) -> StepKind {
        match self {
            Step::Accept { .. } => StepKind::Accept,
            Step::Route { .. } => StepKind::Route,
            Step::Extend => StepKind::Extend,
            Step::Reply { .. } => StepKind::Reply,
            Step::Rate { .. } => StepKind::Rate,
            Step::AskReview { .. } => StepKind::AskReview,
            Step::AnswerReview { .. } => StepKind::AnswerReview,
            Step::AskRecheck { .. } => StepKind::AskRecheck,
            Step::AnswerRecheck { .. } => StepKind::AnswerRecheck,
            Step::Resolve { .. } => StepKind::Resolve,
            Step::End { .. } => StepKind::End,
            Step::Stop { .. } => StepKind::Stop,
        }
    }

    /// The day the step records, for those that have one.
    pub fn day(&self) -> Option<NaiveDate> {
        match self {
            Step::Accept { on, .. }
            | Step::Reply { on, .. }
            | Step::AskReview { on }
            | Step::AnswerReview { on }
            | Step::AskRecheck { on }
            | Step::AnswerRecheck { on }
            | Step::Resolve { on, .. }
            | Step::End { on, .. }
            | Step::Stop { on } => Some(*on),
            Step::Route { .. } | Step::Extend | Step::Rate { .. } => None,
        }
    }
}

/// Why a step was refused, and the field it concerns (`None`: the step itself).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub field: Option<Field>,
    pub why: Text,
}

fn refuse(zh: &str, en: &str) -> Refusal {
    Refusal {
        field: None,
        why: Text::new(zh, en),
    }
}

fn refuse_at(field: Field, zh: &str, en: &str) -> Refusal {
    Refusal {
        field: Some(field),
        why: Text::new(zh, en),
    }
}

impl Petition {
    /// Whether a step of `kind` may be taken where the petition stands (the pages offer only
    /// these).
    pub fn may_take(&self, kind: StepKind) -> bool {
        self.standing_refusal(kind).is_none()
    }

    /// Why a step of `kind` may not be taken now, if it may not.
    fn standing_refusal(&self, kind: StepKind) -> Option<Refusal> {
        let ended = self.ended_on.is_some();
        let litigation = self.screening == Some(Screening::Litigation);
        let handled_as_petition = self.accepted_on.is_some() && !litigation;
        let (allowed, zh, en) = match kind {
            StepKind::Accept => (
                self.accepted_on.is_none() && !ended,
                "已受理或已依法终结",
                "already accepted, or ended by law",
            ),
            StepKind::Route => (
                litigation
                    && !ended
                    && self.routed_case.is_none()
                    && self.not_routed_reason.is_none(),
                "只有甄别为“诉”且尚未记录导入结果的信访才能导入法律程序",
                "only a petition screened as 诉 without its routing recorded can be routed",
            ),
            StepKind::Extend => (
                handled_as_petition && self.replied_on.is_none() && !self.extended && !ended,
                "只有已受理、尚未答复且未延长过的信访才能延长办理期限",
                "only an accepted petition not yet replied to and never extended can be extended",
            ),
            StepKind::Reply => (
                handled_as_petition && self.replied_on.is_none() && !ended,
                "只有已受理（按信访办理）且尚未答复的信访才能答复",
                "only a petition accepted as 访 and not yet replied to can be replied to",
            ),
            StepKind::Rate => (
                self.replied_on.is_some() && self.satisfaction.is_none() && !ended,
                "答复之后、尚未记录满意度时才能回访",
                "satisfaction is recorded once, after the reply",
            ),
            StepKind::AskReview => (
                self.replied_on.is_some() && self.review_asked_on.is_none() && !ended,
                "答复之后才能申请复查（每件一次）",
                "a 复查 is asked once, after the reply",
            ),
            StepKind::AnswerReview => (
                self.review_asked_on.is_some() && self.review_replied_on.is_none() && !ended,
                "没有待答复的复查申请",
                "no 复查 waits for its answer",
            ),
            StepKind::AskRecheck => (
                self.review_replied_on.is_some() && self.recheck_asked_on.is_none() && !ended,
                "复查答复之后才能申请复核（每件一次）",
                "a 复核 is asked once, after the 复查's answer",
            ),
            StepKind::AnswerRecheck => (
                self.recheck_asked_on.is_some() && self.recheck_replied_on.is_none() && !ended,
                "没有待答复的复核申请",
                "no 复核 waits for its answer",
            ),
            StepKind::Resolve => (self.resolved_on.is_none(), "已记录化解", "already resolved"),
            StepKind::End => (!ended, "已依法终结", "already ended by law"),
            StepKind::Stop => (
                self.stopped_on.is_none(),
                "已记录息访",
                "the petitioner's stopping is already recorded",
            ),
        };
        (!allowed).then(|| refuse(zh, en))
    }

    /// The petition after `step`, taken on `today`; refused where the petition stands, for a day
    /// after today or before the step it follows, or when the record would not agree with itself.
    pub fn take(&self, step: &Step, today: NaiveDate) -> Result<Petition, Refusal> {
        if let Some(refusal) = self.standing_refusal(step.kind()) {
            return Err(refusal);
        }
        if step.day().is_some_and(|day| day > today) {
            return Err(Refusal {
                field: day_field(step.kind()),
                why: Text::new("日期不能晚于今天", "the day cannot be after today"),
            });
        }
        let mut next = self.clone();
        match step {
            Step::Accept {
                on,
                screening,
                route,
                routed_case,
                not_routed_reason,
            } => {
                if routed_case.is_some() && not_routed_reason.is_some() {
                    return Err(refuse_at(
                        Field::NotRoutedReason,
                        "导入后的案号与不能导入的理由只能填其一",
                        "give the case it became or why it could not be taken, not both",
                    ));
                }
                if *screening == Screening::Litigation && route.is_none() {
                    return Err(refuse_at(
                        Field::Route,
                        "甄别为“诉”的须写明导入何种程序",
                        "a petition screened as 诉 says which procedure it goes to",
                    ));
                }
                next.accepted_on = Some(*on);
                next.screening = Some(*screening);
                next.route = *route;
                next.routed_case = routed_case.clone();
                next.not_routed_reason = not_routed_reason.clone();
            }
            Step::Route {
                routed_case,
                not_routed_reason,
            } => {
                if routed_case.is_some() == not_routed_reason.is_some() {
                    return Err(refuse_at(
                        Field::RoutedCase,
                        "须填写导入后的案号，或不能导入的理由（二者填其一）",
                        "give the case it became, or why it could not be taken (one of the two)",
                    ));
                }
                next.routed_case = routed_case.clone();
                next.not_routed_reason = not_routed_reason.clone();
            }
            Step::Extend => next.extended = true,
            Step::Reply {
                on,
                outcome,
                satisfaction,
            } => {
                next.replied_on = Some(*on);
                next.outcome = Some(*outcome);
                next.satisfaction = *satisfaction;
            }
            Step::Rate { satisfaction } => next.satisfaction = Some(*satisfaction),
            Step::AskReview { on } => next.review_asked_on = Some(*on),
            Step::AnswerReview { on } => next.review_replied_on = Some(*on),
            Step::AskRecheck { on } => next.recheck_asked_on = Some(*on),
            Step::AnswerRecheck { on } => next.recheck_replied_on = Some(*on),
            Step::Resolve { on, how } => {
                next.resolved_on = Some(*on);
                next.resolution = Some(how.clone()).filter(|h| !h.trim().is_empty());
            }
            Step::End { on, by } => {
                if by.trim().is_empty() {
                    return Err(refuse_at(
                        Field::EndedBy,
                        "依法终结须写明批准机关",
                        "an ending by law names who approved it",
                    ));
                }
                next.ended_on = Some(*on);
                next.ended_by = Some(by.trim().to_string());
            }
            Step::Stop { on } => next.stopped_on = Some(*on),
        }
        match next.disagreements().into_iter().next() {
            Some(wrong) => Err(Refusal {
                field: Some(wrong.field),
                why: wrong.why,
            }),
            None => Ok(next),
        }
    }

    /// What happened to the petition, by day (the order of handling among steps of one day):
    /// each with the kind of step that recorded it (`None`: the registration).
    pub fn timeline(&self) -> Vec<Moment> {
        let mut moments = vec![Moment {
            on: self.received_on,
            step: None,
        }];
        let dated = [
            (self.accepted_on, StepKind::Accept),
            (self.replied_on, StepKind::Reply),
            (self.review_asked_on, StepKind::AskReview),
            (self.review_replied_on, StepKind::AnswerReview),
            (self.recheck_asked_on, StepKind::AskRecheck),
            (self.recheck_replied_on, StepKind::AnswerRecheck),
            (self.resolved_on, StepKind::Resolve),
            (self.ended_on, StepKind::End),
            (self.stopped_on, StepKind::Stop),
        ];
        moments.extend(dated.into_iter().filter_map(|(on, kind)| {
            on.map(|on| Moment {
                on,
                step: Some(kind),
            })
        }));
        // Stable: steps of one day keep the order of handling.
        moments.sort_by_key(|m| m.on);
        moments
    }
}

/// One dated entry of a petition's timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Moment {
    pub on: NaiveDate,
    /// `None`: received and registered.
    pub step: Option<StepKind>,
}

/// The field that holds the day a step of `kind` records, for those that record one.
fn day_field(kind: StepKind) -> Option<Field> {
    match kind {
        StepKind::Accept => Some(Field::AcceptedOn),
        StepKind::Reply => Some(Field::RepliedOn),
        StepKind::AskReview => Some(Field::ReviewAskedOn),
        StepKind::AnswerReview => Some(Field::ReviewRepliedOn),
        StepKind::AskRecheck => Some(Field::RecheckAskedOn),
        StepKind::AnswerRecheck => Some(Field::RecheckRepliedOn),
        StepKind::Resolve => Some(Field::ResolvedOn),
        StepKind::End => Some(Field::EndedOn),
        StepKind::Stop => Some(Field::StoppedOn),
        StepKind::Route | StepKind::Extend | StepKind::Rate => None,
    }
}

#[cfg(test)]
mod tests;
