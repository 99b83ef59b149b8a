//! What a 送达 form or JSON body asks, read one way for the pages and the API: the task to open,
//! the attempt to record, the result that settles a waiting attempt, the address confirmation,
//! and the queue's filters. Each reader takes its values by name (a form's fields, a body's
//! members), so a page and the API refuse the same input with the same words; what the law and
//! the case allow is the app's to decide (`shenguan_app::service`).

use chrono::NaiveDate;
use shenguan_app::service::{
    Failure, Method, NewAttempt, NewConfirmation, NewTask, Outcome, Proof, QueueQuery,
    RecipientKind,
};
use shenguan_app::{AppError, Text};
use shenguan_domain::party::UnknownName;
use shenguan_domain::service::consent::ConsentScope;

use crate::{ApiError, day_value};

/// A field's value by its name: a form's field or a body's member, trimmed, empty as none.
pub(crate) type Field<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The longest text a date may be given as: anything longer is not one, and is not said back.
const DATE_MAX: usize = 32;

/// The longest division name a filter takes.
const DIVISION_MAX: usize = 50;

/// The most tasks handed over at once (the app's own bound, said before it is asked).
pub(crate) const ASSIGN_MAX: usize = shenguan_app::service::QUEUE_MAX;

fn invalid(name: &str, zh: &str, en: &str) -> ApiError {
    ApiError::from(AppError::invalid_for(name, &Text::new(zh, en)))
}

/// A date (none when empty).
pub(crate) fn date(name: &str, value: Option<&str>) -> Result<Option<NaiveDate>, ApiError> {
    if value.is_some_and(|v| v.chars().count() > DATE_MAX) {
        return Err(invalid(
            name,
            "不是有效日期（应写作 2026-03-05）",
            "not a valid date (write 2026-03-05)",
        ));
    }
    day_value(name, value)
}

fn required_date(name: &str, value: Option<&str>) -> Result<NaiveDate, ApiError> {
    date(name, value)?.ok_or_else(|| invalid(name, "请填写日期", "give the day"))
}

/// One of a fixed list (`parse`: the domain's names, Chinese or English key): none when empty.
pub(crate) fn listed<T>(
    name: &str,
    value: Option<&str>,
    parse: fn(&str) -> Result<T, UnknownName>,
) -> Result<Option<T>, ApiError> {
    value
        .map(|v| parse(v).map_err(|e| ApiError::from(AppError::invalid_for(name, &e.text()))))
        .transpose()
}

/// A yes or no: empty, `false` or `0` is no; `true`, `1` or `on` (a ticked box) is yes.
pub(crate) fn yes(name: &str, value: Option<&str>) -> Result<bool, ApiError> {
    match value {
        None | Some("false" | "0") => Ok(false),
        Some("true" | "1" | "on") => Ok(true),
        Some(_) => Err(invalid(name, "须为 true 或 false", "must be true or false")),
    }
}

/// The task `field` asks to open on the case `case_no`.
pub(crate) fn new_task(case_no: &str, field: Field<'_>) -> Result<NewTask, ApiError> {
    Ok(NewTask {
        case_no: case_no.to_string(),
        document: field("document").unwrap_or_default(),
        recipient: field("recipient").unwrap_or_default(),
        recipient_kind: listed(
            "recipient_kind",
            field("recipient_kind").as_deref(),
            RecipientKind::parse,
        )?
        .unwrap_or(RecipientKind::Party),
        identity_number: field("identity_number"),
        address: field("address"),
        foreign: yes("foreign", field("foreign").as_deref())?,
        created_on: date("created_on", field("created_on").as_deref())?,
    })
}

/// A result: what the attempt came to, the day it was served, why it failed, the proof kept.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Settlement {
    pub outcome: Option<Outcome>,
    pub served_on: Option<NaiveDate>,
    pub failure: Option<Failure>,
    pub proof: Option<Proof>,
}

/// The result `field` gives.
pub(crate) fn settlement(field: Field<'_>) -> Result<Settlement, ApiError> {
    Ok(Settlement {
        outcome: listed("outcome", field("outcome").as_deref(), Outcome::parse)?,
        served_on: date("served_on", field("served_on").as_deref())?,
        failure: listed("failure", field("failure").as_deref(), Failure::parse)?,
        proof: listed("proof", field("proof").as_deref(), Proof::parse)?,
    })
}

fn no_outcome() -> ApiError {
    invalid(
        "outcome",
        "请选择送达结果（已送达、未送达或送达中）",
        "choose the result (served, failed or waiting)",
    )
}

/// The attempt `field` asks to record. An announcement's result is the law's (deemed served when
/// its period has run), so it may be left out.
pub(crate) fn new_attempt(field: Field<'_>) -> Result<NewAttempt, ApiError> {
    let method = listed("method", field("method").as_deref(), Method::parse)?
        .ok_or_else(|| invalid("method", "请选择送达方式", "choose the method of service"))?;
    let attempted_on = required_date("attempted_on", field("attempted_on").as_deref())?;
    let result = settlement(field)?;
    let outcome = match (result.outcome, method) {
        (Some(outcome), _) => outcome,
        (None, Method::Notice) => Outcome::Served,
        (None, _) => return Err(no_outcome()),
    };
    Ok(NewAttempt {
        method,
        attempted_on,
        outcome,
        served_on: result.served_on,
        failure: result.failure,
        proof: result.proof,
        tracking_no: field("tracking_no"),
        entrusted_court: field("entrusted_court"),
    })
}

/// The result of a waiting attempt: an outcome is required (waiting again is not one).
pub(crate) fn settled(field: Field<'_>) -> Result<(Outcome, Settlement), ApiError> {
    let result = settlement(field)?;
    match result.outcome {
        Some(Outcome::Waiting) => Err(invalid(
            "outcome",
            "送达结果须为已送达或未送达",
            "the result is served or failed",
        )),
        Some(outcome) => Ok((outcome, result)),
        None => Err(no_outcome()),
    }
}

/// The address confirmation `field` gives for the case `case_no`.
pub(crate) fn new_confirmation(
    case_no: &str,
    field: Field<'_>,
) -> Result<NewConfirmation, ApiError> {
    Ok(NewConfirmation {
        case_no: case_no.to_string(),
        party: field("party").unwrap_or_default(),
        identity_number: field("identity_number"),
        signed_on: required_date("signed_on", field("signed_on").as_deref())?,
        address: field("address"),
        electronic: listed(
            "electronic",
            field("electronic").as_deref(),
            ConsentScope::parse,
        )?,
        channel: field("channel"),
    })
}

/// The queue's filters: `division`, `mine` (assigned to `me`), `assigned_to`, `open`, `overdue`,
/// and the period tasks were created in (`from`, `to`).
pub(crate) fn queue_query(field: Field<'_>, me: &str) -> Result<QueueQuery, ApiError> {
    let division = field("division");
    if division
        .as_deref()
        .is_some_and(|d| d.chars().count() > DIVISION_MAX || d.chars().any(char::is_control))
    {
        return Err(invalid(
            "division",
            "部门名称须为一行，不超过50字",
            "a division's name is one line of at most 50 characters",
        ));
    }
    let assigned_to = if yes("mine", field("mine").as_deref())? {
        Some(me.to_string())
    } else {
        field("assigned_to")
    };
    if assigned_to
        .as_deref()
        .is_some_and(|a| a.chars().count() > DIVISION_MAX || a.chars().any(char::is_control))
    {
        return Err(invalid(
            "assigned_to",
            "账号名称须为一行，不超过50字",
            "an account's name is one line of at most 50 characters",
        ));
    }
    let from = date("from", field("from").as_deref())?;
    let to = date("to", field("to").as_deref())?;
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(invalid(
            "to",
            "截止日期早于起始日期",
            "the last day is before the first",
        ));
    }
    Ok(QueueQuery {
        division,
        assigned_to,
        open_only: yes("open", field("open").as_deref())?,
        overdue_only: yes("overdue", field("overdue").as_deref())?,
        from,
        to,
    })
}

/// Task numbers as a form or body lists them: each a number above zero, at most
/// [`ASSIGN_MAX`] of them, none twice.
pub(crate) fn task_ids(values: &[String]) -> Result<Vec<i64>, ApiError> {
    if values.is_empty() || values.len() > ASSIGN_MAX {
        return Err(invalid(
            "tasks",
            "请选择要分派的送达任务（一次最多2000个）",
            "tick the tasks to hand over (at most 2,000 at once)",
        ));
    }
    let mut ids = Vec::with_capacity(values.len());
    for value in values {
        let id = value
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|id| *id > 0)
            .ok_or_else(|| {
                invalid(
                    "tasks",
                    "任务编号须为正整数",
                    "a task's number is a whole number above zero",
                )
            })?;
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    Ok(ids)
}
