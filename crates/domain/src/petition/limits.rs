//! The time limits of a petition: the step awaited now and the day it is due, and how urgent that
//! is — warned in tiers like the 审限 warnings.
//!
//! Readings (docs/petitions.md gives them with their sources; every number is configurable):
//! - 《信访工作条例》(2022): whether to accept is decided and told within 15 days of receipt; an
//!   accepted petition is handled within 60 days of acceptance, extendable once by 30 days; a
//!   复查 is answered within 30 days of the request, and so is a 复核. Days are calendar days;
//! - 法〔2021〕227号 for petitions about enforcement (执行信访): registered within 5 working days
//!   of receipt (on the court calendar), and a matter of the court's own concluded within 30 days
//!   of receipt;
//! - nothing is awaited from a petition routed into legal procedure once the route (or the reason
//!   it could not be taken) is recorded, nor from one ended by law or whose petitioner stopped;
//! - the most urgent step counts: an open 复核 before an open 复查 before the handling.

use chrono::{Days, NaiveDate};

use super::Petition;
use crate::HolidayCalendar;

/// The limits, in days.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LimitRules {
    /// Calendar days from receipt to the decision to accept (受理告知).
    pub accept_days: u32,
    /// Calendar days from acceptance to the reply.
    pub handle_days: u32,
    /// Calendar days an extension adds.
    pub extension_days: u32,
    /// Calendar days to answer a 复查 or a 复核 request.
    pub review_days: u32,
    /// Working days from receipt to registering a petition about enforcement.
    pub enforcement_register_working_days: u32,
    /// Calendar days from receipt to concluding a petition about enforcement.
    pub enforcement_close_days: u32,
}

impl Default for LimitRules {
    fn default() -> LimitRules {
        LimitRules {
            accept_days: 15,
            handle_days: 60,
            extension_days: 30,
            review_days: 30,
            enforcement_register_working_days: 5,
            enforcement_close_days: 30,
        }
    }
}

/// The step a petition waits for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Awaited {
    /// 受理告知 (for enforcement: 登记).
    Acceptance,
    /// 办理答复 (for enforcement: 办结).
    Reply,
    /// 复查意见.
    Review,
    /// 复核意见.
    Recheck,
}

impl Awaited {
    pub fn label_zh(self) -> &'static str {
        match self {
            Awaited::Acceptance => "受理告知",
            Awaited::Reply => "办理答复",
            Awaited::Review => "复查意见",
            Awaited::Recheck => "复核意见",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            Awaited::Acceptance => "decision to accept",
            Awaited::Reply => "reply",
            Awaited::Review => "review (复查)",
            Awaited::Recheck => "second review (复核)",
        }
    }
}

/// What a petition waits for and by when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Due {
    pub awaited: Awaited,
    pub on: NaiveDate,
}

fn plus(day: NaiveDate, days: u32) -> NaiveDate {
    day.checked_add_days(Days::new(u64::from(days)))
        .unwrap_or(NaiveDate::MAX)
}

/// What `petition` waits for and by when (`None`: nothing).
pub fn due(petition: &Petition, rules: &LimitRules, calendar: &HolidayCalendar) -> Option<Due> {
    if petition.ended_on.is_some() || petition.stopped_on.is_some() {
        return None;
    }
    let open = |asked: Option<NaiveDate>, answered: Option<NaiveDate>| match (asked, answered) {
        (Some(asked), None) => Some(asked),
        _ => None,
    };
    if let Some(asked) = open(petition.recheck_asked_on, petition.recheck_replied_on) {
        return Some(Due {
            awaited: Awaited::Recheck,
            on: plus(asked, rules.review_days),
        });
    }
    if let Some(asked) = open(petition.review_asked_on, petition.review_replied_on) {
        return Some(Due {
            awaited: Awaited::Review,
            on: plus(asked, rules.review_days),
        });
    }
    // Answered, routed with its route recorded, or ended: nothing more is awaited.
    if petition.concluded_on().is_some() {
        return None;
    }
    let enforcement = petition.is_enforcement();
    let received = petition.received_on;
    match petition.accepted_on {
        None => Some(Due {
            awaited: Awaited::Acceptance,
            on: if enforcement {
                calendar.working_days_after(received, rules.enforcement_register_working_days)
            } else {
                plus(received, rules.accept_days)
            },
        }),
        Some(accepted) => {
            let on = if enforcement {
                plus(received, rules.enforcement_close_days)
            } else {
                plus(accepted, rules.handle_days)
            };
            let on = if petition.extended {
                plus(on, rules.extension_days)
            } else {
                on
            };
            Some(Due {
                awaited: Awaited::Reply,
                on,
            })
        }
    }
}

/// How urgent a petition's due date is, most urgent first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PetitionTier {
    /// 已逾期.
    Overdue,
    /// 剩余3日内.
    Within3Days,
    /// 剩余7日内.
    Within7Days,
}

impl PetitionTier {
    pub const ALL: [PetitionTier; 3] = [
        PetitionTier::Overdue,
        PetitionTier::Within3Days,
        PetitionTier::Within7Days,
    ];

    pub fn key(self) -> &'static str {
        match self {
            PetitionTier::Overdue => "overdue",
            PetitionTier::Within3Days => "3_days",
            PetitionTier::Within7Days => "7_days",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            PetitionTier::Overdue => "已逾期",
            PetitionTier::Within3Days => "剩余3日内",
            PetitionTier::Within7Days => "剩余7日内",
        }
    }

    pub fn label_en(self) -> &'static str {
        match self {
            PetitionTier::Overdue => "overdue",
            PetitionTier::Within3Days => "3 days left",
            PetitionTier::Within7Days => "7 days left",
        }
    }
}

/// The tier of a step due on `on`, seen on `today` (`None`: not urgent yet). The limits are
/// short (15, 30, 60 days), so the tiers are three and seven days rather than the 审限's 5/15/30.
pub fn tier(on: NaiveDate, today: NaiveDate) -> Option<PetitionTier> {
    match (on - today).num_days() {
        left if left < 0 => Some(PetitionTier::Overdue),
        0..=3 => Some(PetitionTier::Within3Days),
        4..=7 => Some(PetitionTier::Within7Days),
        _ => None,
    }
}
