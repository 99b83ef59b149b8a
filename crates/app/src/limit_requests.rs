//! 审限变更 as users do it: the handling judge applies to extend a case's time limit or to exclude
//! a period from it; the approver the law names — a leader of the case's court (本院院长) or of
//! the court above (上级法院) — approves or refuses; an approval becomes a change of the case's
//! limit, so that its deadline, the warnings and the figures are computed again with it. Each step
//! is audited. The rules are `shenguan_supervision::limit_request`; the readings are in
//! docs/time-limits.md.

use chrono::NaiveDate;
use shenguan_domain::{
    Approver, CaseRecord, ExclusionGround, Period, Text, join_exclusions, join_extensions, text,
};
use shenguan_store::{CaseLimitChange, LimitRequestQuery, LimitRequestRow};
use shenguan_supervision::limit_request::{
    Approved, CaseLimit, Change, Refusal, State, approved, check, decided_late,
};

pub use shenguan_supervision::limit_request::State as RequestState;

use crate::accounts::{Role, User};
use crate::{App, AppError, Store};
use shenguan_metrics::Filter;

/// One application as the program shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LimitRequest {
    pub row: LimitRequestRow,
    pub change: Change,
    pub state: State,
    pub approver: Approver,
}

impl LimitRequest {
    fn of(row: LimitRequestRow) -> Result<LimitRequest, AppError> {
        let corrupt = |what: &str| {
            AppError::Internal(format!(
                "the stored application #{} has a wrong {what}",
                row.id
            ))
        };
        let change = match row.kind.as_str() {
            "extension" => Change::Extension {
                length: row
                    .length
                    .as_deref()
                    .and_then(|l| Period::parse(l).ok())
                    .ok_or_else(|| corrupt("length"))?,
            },
            "exclusion" => Change::Exclusion {
                ground: row
                    .ground
                    .as_deref()
                    .and_then(ExclusionGround::parse)
                    .ok_or_else(|| corrupt("ground"))?,
                from: row.from_on.ok_or_else(|| corrupt("first day"))?,
                to: row.to_on.ok_or_else(|| corrupt("last day"))?,
            },
            _ => return Err(corrupt("kind")),
        };
        let state = State::parse(&row.state).ok_or_else(|| corrupt("state"))?;
        let approver = Approver::parse(&row.approver).ok_or_else(|| corrupt("approver"))?;
        Ok(LimitRequest {
            row,
            change,
            state,
            approver,
        })
    }
}

/// A case whose application is due soon (or late): the judge's reminder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApplicationDue {
    pub case: CaseRecord,
    pub deadline: NaiveDate,
    /// The last day an application is on time.
    pub due_by: NaiveDate,
}

/// How many days ahead of its due date an application shows on the judge's page.
pub const REMIND_DAYS: i64 = 10;

/// Whether `user` decides applications the rules send to `approver` for a case of `court`: a
/// leader of that court (本院院长), or of the court above it (上级法院).
pub fn may_decide(user: &User, approver: Approver, court: shenguan_domain::CourtCode) -> bool {
    user.role == Role::Leader
        && match approver {
            Approver::President => user.court == Some(court),
            Approver::HigherCourt => user.court.is_some() && user.court == court.default_parent(),
        }
}

impl App {
    /// Applies, as `by`, to change the time limit of the case `number`; the application, sent
    /// to the approver the rules name and flagged when it comes within the lead time.
    pub fn apply_for_limit_change(
        &self,
        store: &mut Store,
        by: &User,
        number: &str,
        change: Change,
        reason: &str,
    ) -> Result<LimitRequest, AppError> {
        if by.role != Role::Judge {
            return Err(AppError::Forbidden(text!(
                "审限变更由承办法官申请",
                "the handling judge applies for a change of the time limit"
            )));
        }
        let file = self.case_file(store, by, number)?;
        let record = file.record;
        let pending = !store
            .inner
            .limit_requests(&LimitRequestQuery {
                case_no: Some(record.case_no.to_string()),
                state: Some(State::Pending.key().into()),
                ..LimitRequestQuery::default()
            })?
            .is_empty();
        let deadline = self.case_deadline(&record);
        let limit = CaseLimit {
            category: record.case_no.category(),
            filed_on: record.filed_on,
            closed: record.closed_on.is_some(),
            deadline,
            extensions_so_far: record.extensions.len(),
            pending,
        };
        let today = self.today();
        let checked = check(
            &limit,
            &change,
            reason,
            today,
            self.config().limit_request_lead_days,
        )
        .map_err(refused)?;
        let (length, ground, from_on, to_on) = match &change {
            Change::Extension { length } => (Some(length.to_string()), None, None, None),
            Change::Exclusion { ground, from, to } => (
                None,
                Some(ground.label_zh().to_string()),
                Some(*from),
                Some(*to),
            ),
        };
        let row = LimitRequestRow {
            id: 0,
            case_no: record.case_no.to_string(),
            court_code: record.court.to_string(),
            division: record.division.clone(),
            kind: change.key().into(),
            length,
            ground,
            from_on,
            to_on,
            reason: reason.trim().to_string(),
            asked_by: by.name.clone(),
            asked_on: today,
            deadline_then: deadline.unwrap_or(today),
            late: checked.late,
            approver: checked.approver.label_zh().into(),
            state: State::Pending.key().into(),
            decided_by: None,
            decided_on: None,
            decided_late: None,
            note: None,
        };
        let id = store.atomically(|store| {
            let id = store
                .inner
                .apply_for_limit_change(&row)?
                .ok_or_else(|| refused(Refusal::AlreadyPending))?;
            let late = if checked.late {
                "（逾期申请）"
            } else {
                ""
            };
            self.audit(
                store,
                Some(&by.name),
                "limit.apply",
                &format!(
                    "#{id} {} {} {}{late}",
                    row.case_no,
                    change.label().zh(),
                    change.summary()
                ),
            )?;
            Ok(id)
        })?;
        LimitRequest::of(LimitRequestRow { id, ..row })
    }

    /// Approves (`approve`) or refuses application `id` as `by`, with a note (required to
    /// refuse); an approval writes the change into the case's limit records.
    pub fn decide_limit_request(
        &self,
        store: &mut Store,
        by: &User,
        id: i64,
        approve: bool,
        note: &str,
    ) -> Result<LimitRequest, AppError> {
        let request = self.limit_request(store, by, id)?;
        let court = shenguan_domain::CourtCode::parse(&request.row.court_code)
            .map_err(|_| AppError::Internal(format!("application #{id}: a wrong court")))?;
        if !may_decide(by, request.approver, court) {
            let approver = request.approver.label_zh();
            return Err(AppError::Forbidden(text!(
                "此申请由{approver}审批",
                "this application is decided by the approver the law names ({approver})"
            )));
        }
        if request.state != State::Pending {
            return Err(already_decided(id));
        }
        let note = note.trim();
        use shenguan_supervision::limit_request::MAX_REASON_CHARS;
        if note.chars().count() > MAX_REASON_CHARS || (!approve && note.is_empty()) {
            return Err(AppError::invalid_for(
                "note",
                &text!(
                    "不予批准须说明理由（不超过{MAX_REASON_CHARS}字）",
                    "a refusal needs its reason (at most {MAX_REASON_CHARS} characters)"
                ),
            ));
        }
        let today = self.today();
        let case_change = if approve {
            let (record, _) = store
                .inner
                .case(&request.row.case_no)?
                .ok_or_else(|| AppError::NotFound(text!("案件已不存在", "the case is gone")))?;
            Some(limit_change(
                &record,
                approved(
                    &request.change,
                    today,
                    request.approver,
                    &request.row.reason,
                ),
            ))
        } else {
            None
        };
        let state = if approve {
            State::Approved
        } else {
            State::Refused
        };
        let decision = LimitRequestRow {
            state: state.key().into(),
            decided_by: Some(by.name.clone()),
            decided_on: Some(today),
            decided_late: Some(decided_late(today, request.row.deadline_then)),
            note: (!note.is_empty()).then(|| note.to_string()),
            ..request.row.clone()
        };
        store.atomically(|store| {
            if !store
                .inner
                .decide_limit_request(&decision, case_change.as_ref())?
            {
                return Err(already_decided(id));
            }
            let action = if approve {
                "limit.approve"
            } else {
                "limit.refuse"
            };
            self.audit(
                store,
                Some(&by.name),
                action,
                &format!(
                    "#{id} {} {} {}",
                    decision.case_no,
                    request.change.label().zh(),
                    request.change.summary()
                ),
            )
        })?;
        LimitRequest::of(decision)
    }

    /// One application, if `user` may see its case (or decides it).
    pub fn limit_request(
        &self,
        store: &mut Store,
        user: &User,
        id: i64,
    ) -> Result<LimitRequest, AppError> {
        let not_found = || {
            AppError::NotFound(text!(
                "没有第{id}号审限变更申请",
                "there is no application #{id}"
            ))
        };
        let row = store.inner.limit_request(id)?.ok_or_else(not_found)?;
        let request = LimitRequest::of(row)?;
        if self.may_see_request(store, user, &request)? {
            Ok(request)
        } else {
            Err(not_found())
        }
    }

    /// The applications `user` may see, newest first: of the cases in their scope, and those
    /// they decide; only those in `state` when given.
    pub fn limit_requests(
        &self,
        store: &mut Store,
        user: &User,
        state: Option<State>,
        case_no: Option<&str>,
    ) -> Result<Vec<LimitRequest>, AppError> {
        // Whatever a user may see or decide lies in their court and the courts below it (the
        // court above decides for the courts below it): the store narrows to that first.
        let requests = store
            .inner
            .limit_requests(&LimitRequestQuery {
                court: user.court.map(shenguan_domain::CourtScope::with_lower),
                state: state.map(|s| s.key().into()),
                case_no: case_no.map(str::to_string),
                ..LimitRequestQuery::default()
            })?
            .into_iter()
            .map(LimitRequest::of)
            .collect::<Result<Vec<_>, _>>()?;
        if !matches!(user.role, Role::Judge | Role::Division) {
            return Ok(requests);
        }
        // A judge or a division head sees the applications of the cases they may see, read
        // together rather than one case at a time.
        let numbers: Vec<String> = requests
            .iter()
            .map(|r| r.row.case_no.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let visible: std::collections::HashSet<String> = store
            .inner
            .cases_by_numbers(&numbers)?
            .into_iter()
            .filter(|c| user.may_see(c))
            .map(|c| c.case_no.to_string())
            .collect();
        Ok(requests
            .into_iter()
            .filter(|r| visible.contains(&r.row.case_no))
            .collect())
    }

    /// The pending cases of `user` (a judge's own) whose application is due within
    /// [`REMIND_DAYS`] or already late, with none awaiting a decision; soonest first.
    pub fn applications_due(
        &self,
        store: &mut Store,
        user: &User,
    ) -> Result<Vec<ApplicationDue>, AppError> {
        if user.role != Role::Judge {
            return Ok(Vec::new());
        }
        let lead = i64::from(self.config().limit_request_lead_days);
        let waiting: std::collections::HashSet<String> = self
            .limit_requests(store, user, Some(State::Pending), None)?
            .into_iter()
            .map(|r| r.row.case_no)
            .collect();
        let mut due: Vec<ApplicationDue> = self
            .warnings(store, user, Filter::default(), None)?
            .into_iter()
            .filter(|w| w.days_left >= 0 && w.days_left <= lead + REMIND_DAYS)
            .filter(|w| !waiting.contains(&w.case.case_no.to_string()))
            .map(|w| ApplicationDue {
                due_by: w.deadline - chrono::Days::new(lead.unsigned_abs()),
                deadline: w.deadline,
                case: w.case,
            })
            .collect();
        due.sort_by(|a, b| {
            (a.deadline, a.case.case_no.to_string()).cmp(&(b.deadline, b.case.case_no.to_string()))
        });
        Ok(due)
    }

    fn may_see_request(
        &self,
        store: &mut Store,
        user: &User,
        request: &LimitRequest,
    ) -> Result<bool, AppError> {
        if let Ok(court) = shenguan_domain::CourtCode::parse(&request.row.court_code)
            && may_decide(user, request.approver, court)
        {
            return Ok(true);
        }
        Ok(store
            .inner
            .case(&request.row.case_no)?
            .is_some_and(|(record, _)| user.may_see(&record)))
    }
}

/// The case's limit records with an approved change added; an announcement's period joined to
/// the announcements recorded by service, as recording one joins it (days they share count once).
fn limit_change(record: &CaseRecord, change: Approved) -> CaseLimitChange {
    let mut extensions = record.extensions.clone();
    let mut exclusions = record.exclusions.clone();
    match change {
        Approved::Extension(e) => extensions.push(e),
        Approved::Exclusion(e)
            if e.ground == shenguan_domain::ExclusionGround::Notice && e.from.is_some() =>
        {
            exclusions = crate::service::with_notice(&exclusions, &e);
        }
        Approved::Exclusion(e) => exclusions.push(e),
    }
    CaseLimitChange {
        extensions: (!extensions.is_empty()).then(|| join_extensions(&extensions)),
        exclusions: (!exclusions.is_empty()).then(|| join_exclusions(&exclusions)),
        excluded_days: i64::from(shenguan_domain::excluded_days(&exclusions)),
    }
}

fn refused(refusal: Refusal) -> AppError {
    match refusal {
        Refusal::AlreadyPending => AppError::Conflict(refusal.text()),
        other => AppError::Invalid(other.text()),
    }
}

fn already_decided(id: i64) -> AppError {
    AppError::Conflict(text!(
        "第{id}号申请已经审批",
        "application #{id} is already decided"
    ))
}

/// A decision as a path names it: `approve` (true) or `refuse` (false).
pub fn approves(decision: &str) -> Result<bool, AppError> {
    match decision {
        "approve" => Ok(true),
        "refuse" => Ok(false),
        other => Err(AppError::NotFound(text!(
            "没有“{other}”这一审批（可用 approve、refuse）",
            "there is no decision “{other}” (approve, refuse)"
        ))),
    }
}

/// What an application's change reads as in a form: the kind and its fields, checked.
pub fn change_of(
    kind: &str,
    length: Option<&str>,
    ground: Option<&str>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Change, AppError> {
    let missing = |name: &str, why: Text| AppError::invalid_for(name, &why);
    match kind.trim() {
        "extension" | "延长审限" => {
            let length = length.filter(|l| !l.trim().is_empty()).ok_or_else(|| {
                missing(
                    "length",
                    text!("须填写延长期限，如 6个月", "a length is required, e.g. 6m"),
                )
            })?;
            let length = Period::parse(length).map_err(|e| missing("length", e.text()))?;
            Ok(Change::Extension { length })
        }
        "exclusion" | "扣除审限" => {
            let text = ground.unwrap_or("").trim();
            let ground = ExclusionGround::parse(text).ok_or_else(|| {
                let accepted = ExclusionGround::accepted();
                missing(
                    "ground",
                    text!(
                        "扣除事由“{text}”无法识别（可用：{accepted}）",
                        "the ground “{text}” is not one of {accepted}"
                    ),
                )
            })?;
            let from = from.ok_or_else(|| {
                missing(
                    "from",
                    text!("须填写扣除期间的开始日", "the first day is required"),
                )
            })?;
            let to = to.ok_or_else(|| {
                missing(
                    "to",
                    text!("须填写扣除期间的结束日", "the last day is required"),
                )
            })?;
            Ok(Change::Exclusion { ground, from, to })
        }
        other => Err(missing(
            "kind",
            text!(
                "“{other}”不是审限变更的种类（extension 延长审限、exclusion 扣除审限）",
                "“{other}” is not a kind of change (extension or exclusion)"
            ),
        )),
    }
}

#[cfg(test)]
mod tests;
