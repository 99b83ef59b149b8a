//! What a petition's record must agree with itself on, whoever wrote it (a register file or a step
//! taken on the page): a head count not below the petitioners named, a referrer for a petition
//! sent down and only then, a circuit court's number only where one is concerned, routing only
//! for a petition screened as 诉, no day before the day received, a reply with its result and not
//! before the acceptance (where one is recorded), a 复查 after the reply and a 复核 after the
//! 复查's answer, an ending with who approved it.

use chrono::NaiveDate;

use super::{Channel, Level, Petition, Referrer, Screening};
use crate::text::Text;

/// The part of a record a disagreement is found on (a register file names the column, a form
/// the field).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    HeadCount,
    Referrer,
    Circuit,
    Route,
    RoutedCase,
    NotRoutedReason,
    AcceptedOn,
    RepliedOn,
    Outcome,
    Satisfaction,
    ReviewAskedOn,
    ReviewRepliedOn,
    RecheckAskedOn,
    RecheckRepliedOn,
    ResolvedOn,
    EndedOn,
    EndedBy,
    StoppedOn,
}

impl Field {
    /// The field's name in forms and the API.
    pub fn key(self) -> &'static str {
        match self {
            Field::HeadCount => "head_count",
            Field::Referrer => "referrer",
            Field::Circuit => "circuit",
            Field::Route => "route",
            Field::RoutedCase => "routed_case",
            Field::NotRoutedReason => "not_routed_reason",
            Field::AcceptedOn => "accepted_on",
            Field::RepliedOn => "replied_on",
            Field::Outcome => "outcome",
            Field::Satisfaction => "satisfaction",
            Field::ReviewAskedOn => "review_asked_on",
            Field::ReviewRepliedOn => "review_replied_on",
            Field::RecheckAskedOn => "recheck_asked_on",
            Field::RecheckRepliedOn => "recheck_replied_on",
            Field::ResolvedOn => "resolved_on",
            Field::EndedOn => "ended_on",
            Field::EndedBy => "ended_by",
            Field::StoppedOn => "stopped_on",
        }
    }
}

/// One thing a record gets wrong, and where.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disagreement {
    pub field: Field,
    pub why: Text,
}

fn wrong(found: &mut Vec<Disagreement>, field: Field, zh: &str, en: &str) {
    found.push(Disagreement {
        field,
        why: Text::new(zh, en),
    });
}

/// `asked` (if any) is on or after `after`, which must then be there.
fn follows(asked: Option<NaiveDate>, after: Option<NaiveDate>) -> bool {
    match (asked, after) {
        (Some(asked), Some(after)) => asked >= after,
        (Some(_), None) => false,
        (None, _) => true,
    }
}

impl Petition {
    /// What the record gets wrong, in the order of its fields; empty when it agrees with itself.
    pub fn disagreements(&self) -> Vec<Disagreement> {
        let mut found = Vec::new();
        let p = self;
        if p.head_count < p.petitioners.len() as u32 {
            let named = p.petitioners.len();
            found.push(Disagreement {
                field: Field::HeadCount,
                why: Text::new(
                    format!("人数少于所列信访人（{named}人）"),
                    format!("fewer than the {named} petitioners named"),
                ),
            });
        }
        match (p.channel == Channel::Referred, p.referrer.is_some()) {
            (true, false) => wrong(
                &mut found,
                Field::Referrer,
                "上级交办须写明交办单位",
                "a petition sent down names who sent it",
            ),
            (false, true) => wrong(
                &mut found,
                Field::Referrer,
                "只有来源为“上级交办”时才有交办单位",
                "only a petition sent down (上级交办) has a referrer",
            ),
            _ => {}
        }
        let to_circuit = p.level == Level::Circuit || p.referrer == Some(Referrer::Circuit);
        match (to_circuit, p.circuit.is_some()) {
            (true, false) if p.level == Level::Circuit => wrong(
                &mut found,
                Field::Circuit,
                "赴巡回法庭须写明第几巡回法庭",
                "a petition that went to a circuit court says which",
            ),
            (false, true) => wrong(
                &mut found,
                Field::Circuit,
                "只有赴巡回法庭或巡回法庭交办时才有巡回法庭",
                "a circuit court belongs only to a petition that went to one or came from one",
            ),
            _ => {}
        }
        if p.screening != Some(Screening::Litigation) {
            for (field, present) in [
                (Field::Route, p.route.is_some()),
                (Field::RoutedCase, p.routed_case.is_some()),
                (Field::NotRoutedReason, p.not_routed_reason.is_some()),
            ] {
                if present {
                    wrong(
                        &mut found,
                        field,
                        "只有甄别为“诉”的信访才导入法律程序",
                        "only a petition screened as 诉 is routed into legal procedure",
                    );
                }
            }
        }
        for (field, day) in [
            (Field::AcceptedOn, p.accepted_on),
            (Field::RepliedOn, p.replied_on),
            (Field::ReviewAskedOn, p.review_asked_on),
            (Field::RecheckAskedOn, p.recheck_asked_on),
            (Field::ResolvedOn, p.resolved_on),
            (Field::EndedOn, p.ended_on),
            (Field::StoppedOn, p.stopped_on),
        ] {
            if day.is_some_and(|d| d < p.received_on) {
                let received = p.received_on;
                found.push(Disagreement {
                    field,
                    why: Text::new(
                        format!("早于登记日期（{received}）"),
                        format!("before the day received ({received})"),
                    ),
                });
            }
        }
        if p.replied_on.is_some() != p.outcome.is_some() {
            wrong(
                &mut found,
                Field::Outcome,
                "答复日期与办理结果须同时填写",
                "a reply day and its result go together",
            );
        }
        if p.satisfaction.is_some() && p.replied_on.is_none() {
            wrong(
                &mut found,
                Field::Satisfaction,
                "答复之后才有满意度",
                "satisfaction is asked after a reply",
            );
        }
        for (field, asked, after, zh, en) in [
            (
                Field::RepliedOn,
                p.replied_on.filter(|_| p.accepted_on.is_some()),
                p.accepted_on,
                "答复日期早于受理日期",
                "the reply is dated before the acceptance",
            ),
            (
                Field::ReviewAskedOn,
                p.review_asked_on,
                p.replied_on,
                "复查申请须在答复之后",
                "a 复查 is asked after the reply",
            ),
            (
                Field::ReviewRepliedOn,
                p.review_replied_on,
                p.review_asked_on,
                "复查答复须在复查申请之后",
                "a 复查 is answered after it is asked",
            ),
            (
                Field::RecheckAskedOn,
                p.recheck_asked_on,
                p.review_replied_on,
                "复核申请须在复查答复之后",
                "a 复核 is asked after the 复查's answer",
            ),
            (
                Field::RecheckRepliedOn,
                p.recheck_replied_on,
                p.recheck_asked_on,
                "复核答复须在复核申请之后",
                "a 复核 is answered after it is asked",
            ),
        ] {
            if !follows(asked, after) {
                wrong(&mut found, field, zh, en);
            }
        }
        if p.ended_on.is_some() != p.ended_by.is_some() {
            wrong(
                &mut found,
                Field::EndedBy,
                "依法终结须写明终结日期和批准机关",
                "an ending by law has its day and who approved it",
            );
        }
        if p.resolution.is_some() && p.resolved_on.is_none() {
            wrong(
                &mut found,
                Field::ResolvedOn,
                "写明化解方式的须有化解日期",
                "how a matter was resolved goes with the day it was",
            );
        }
        found
    }
}
