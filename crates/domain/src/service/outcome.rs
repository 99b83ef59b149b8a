//! What a service task came to by a day: served or not, on which day and by which method, on
//! the first attempt or later, through an announcement, and whether an electronic service was
//! set aside for want of consent — what the figures count of a task (docs/service.md).

use chrono::NaiveDate;

use crate::service::consent::Validity;
use crate::service::{Attempt, Method, Outcome};

/// One task's standing on a day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TaskOutcome {
    /// The day its document was served: the first attempt served (and counted) on or before
    /// the day asked about.
    pub served_on: Option<NaiveDate>,
    pub served_by: Option<Method>,
    /// The attempt that served it was the first one made.
    pub first_attempt: bool,
    /// The attempts made by the day.
    pub attempts: u32,
    /// One of them was an announcement (公告).
    pub notice: bool,
    /// An electronic service recorded as served that does not count, and why.
    pub set_aside: Option<Validity>,
}

/// What `attempts` (of one task, in any order) came to by `as_of`; `validity` says whether an
/// electronic attempt counts (the others always do).
pub fn task_outcome(
    attempts: &[Attempt],
    validity: impl Fn(&Attempt) -> Validity,
    as_of: NaiveDate,
) -> TaskOutcome {
    let mut made: Vec<&Attempt> = attempts
        .iter()
        .filter(|a| a.attempted_on <= as_of)
        .collect();
    made.sort_by_key(|a| (a.attempted_on, a.seq));
    let mut outcome = TaskOutcome {
        served_on: None,
        served_by: None,
        first_attempt: false,
        attempts: u32::try_from(made.len()).unwrap_or(u32::MAX),
        notice: made.iter().any(|a| a.method == Method::Notice),
        set_aside: None,
    };
    for (index, attempt) in made.iter().enumerate() {
        let Some(on) = attempt.served_on.filter(|on| *on <= as_of) else {
            continue;
        };
        if attempt.outcome != Outcome::Served {
            continue;
        }
        if attempt.method == Method::Electronic {
            let verdict = validity(attempt);
            if verdict != Validity::Valid {
                outcome.set_aside.get_or_insert(verdict);
                continue;
            }
        }
        if outcome.served_on.is_none_or(|first| on < first) {
            outcome.served_on = Some(on);
            outcome.served_by = Some(attempt.method);
            outcome.first_attempt = index == 0;
        }
    }
    outcome
}
