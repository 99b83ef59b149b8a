//! 督办 as users do it: the 审管办, a court leader or a division head puts cases under
//! supervision; the one named answers; whoever supervises closes, returns or escalates. Each
//! service checks who is asking against the item's court and division before the rules
//! (`shenguan_supervision::duban`) decide whether the step may be taken, writes the step only
//! from the state the item still stands in, and puts it in the audit log.
//!
//! Readings (written in `docs/supervision.md`):
//! - who may supervise: the 审管办 and court leaders, for the cases of their court and the courts
//!   below it; a division head, for their division's cases; an administrator manages accounts,
//!   not cases, and may not;
//! - the level an item starts at: the division head's (the lowest of the chain) when the office
//!   or a division head opens it, the vice-president's when a court leader does;
//! - who must answer, unless named: the account of the case's handling judge (matched by staff
//!   number, else by court and name); a case whose judge has no account needs someone named.

use chrono::NaiveDate;
use shenguan_domain::{CaseRecord, CourtCode, CourtScope, Text, text};
use shenguan_store::{SupervisionQuery, SupervisionRow, SupervisionStep};
use shenguan_supervision::duban::{Level, Opening, Refusal, Side, reply_due};
// The rules' words, for the web and the command line, which reach the rules through the app.
pub use shenguan_supervision::duban::{Chain, Item, MAX_TEXT_CHARS, Reason, State, Step};

use crate::accounts::{Role, User};
use crate::{App, AppError, Store};

/// A supervised case as the pages, the API and the command line show it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SupervisedCase {
    pub id: i64,
    pub court: String,
    pub division: Option<String>,
    pub item: Item,
    /// Whether the reply awaited is late today.
    pub overdue: bool,
}

/// One step of an item's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryStep {
    pub at: String,
    pub by: String,
    /// opened, reply, close, return, escalate.
    pub step: String,
    pub note: String,
    pub due_on: Option<NaiveDate>,
}

/// What a user asks to open: the cases, why, what is to be done, and optionally who answers and
/// by when.
#[derive(Clone, Debug)]
pub struct OpenRequest<'a> {
    pub cases: &'a [String],
    pub reason: Reason,
    pub instructions: &'a str,
    pub answerer: Option<&'a str>,
    pub due_on: Option<NaiveDate>,
}

/// Which items a list shows, beyond the user's scope.
#[derive(Clone, Debug, Default)]
pub struct ItemFilter {
    pub court: Option<CourtScope>,
    pub state: Option<State>,
    pub reason: Option<Reason>,
    /// Only items whose reply is late today.
    pub overdue: bool,
    /// Only items the user must answer.
    pub mine: bool,
    /// Only the items of this case (canonical number).
    pub case_no: Option<String>,
}

/// One court's 督办 figures for one month, each counted in the month it happened.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SupervisionFigures {
    pub court: String,
    /// "YYYY-MM"
    pub month: String,
    /// Items opened.
    pub opened: u64,
    /// Replies made.
    pub replies: u64,
    /// Replies that fell due in the month and are decided: made, or the date passed.
    pub due: u64,
    /// Of those, made by their date.
    pub on_time: u64,
    /// Items closed.
    pub closed: u64,
    /// Items escalated.
    pub escalated: u64,
}

impl SupervisionFigures {
    /// 按期答复率, percent: replies made by their date ÷ replies that fell due (`None`: none fell
    /// due).
    pub fn on_time_rate(&self) -> Option<f64> {
        (self.due > 0).then(|| self.on_time as f64 * 100.0 / self.due as f64)
    }
}

/// The most cases one request may put under supervision.
pub const MAX_CASES_AT_ONCE: usize = 500;

impl App {
    /// The chain items are raised through: the configuration's, else 庭长 → 分管院领导 → 院长.
    pub fn supervision_chain(&self) -> Chain {
        let levels: Vec<Level> = self
            .config()
            .supervision_chain
            .iter()
            .enumerate()
            .map(|(index, name)| Level {
                key: format!("level{}", index + 1),
                label: Text::new(name.clone(), name.clone()),
            })
            .collect();
        Chain::new(levels).unwrap_or_default()
    }

    /// Puts `request.cases` under supervision by `by`, all or none; the new items' ids.
    pub fn open_supervision(
        &self,
        store: &mut Store,
        by: &User,
        request: &OpenRequest<'_>,
    ) -> Result<Vec<i64>, AppError> {
        let level = opening_level(by)?;
        if request.cases.is_empty() {
            return Err(AppError::Invalid(text!("未选择案件", "no case was chosen")));
        }
        let count = request.cases.len();
        if count > MAX_CASES_AT_ONCE {
            return Err(AppError::Invalid(text!(
                "一次最多督办{MAX_CASES_AT_ONCE}件案件（本次{count}件）",
                "at most {MAX_CASES_AT_ONCE} cases can be supervised at once ({count} chosen)"
            )));
        }
        let chain = self.supervision_chain();
        let accounts = self.accounts(store)?;
        let today = self.today();
        let mut rows = Vec::with_capacity(count);
        for number in request.cases {
            let number = number.trim();
            let record = match store.inner.case(number)? {
                Some((record, _)) if by.may_see(&record) => record,
                _ => return Err(no_case(number)),
            };
            let answerer = match request.answerer.map(str::trim).filter(|a| !a.is_empty()) {
                Some(name) => {
                    let named = accounts
                        .iter()
                        .find(|a| a.user.name == name && a.disabled_at.is_none());
                    match named {
                        Some(a) if a.user.may_see(&record) => a.user.name.clone(),
                        Some(_) => {
                            return Err(AppError::Invalid(text!(
                                "{name}无权查看案件{number}，不能作为答复人",
                                "{name} may not see the case {number} and cannot be named to reply"
                            )));
                        }
                        None => {
                            return Err(AppError::Invalid(text!(
                                "没有在用的账号“{name}”",
                                "there is no account in use named “{name}”"
                            )));
                        }
                    }
                }
                None => handling_judge(&accounts, &record).ok_or_else(|| {
                    AppError::Invalid(text!(
                        "案件{number}的承办法官没有账号，请指定答复人",
                        "the judge of the case {number} has no account: name someone to reply"
                    ))
                })?,
            };
            let item = Item::open(
                &Opening {
                    case_no: number,
                    reason: request.reason,
                    instructions: request.instructions,
                    opened_by: &by.name,
                    answerer: &answerer,
                    level,
                    due_on: Some(request.due_on.unwrap_or_else(|| {
                        reply_due(today, self.config().reply_working_days, &self.calendar)
                    })),
                },
                today,
                &self.calendar,
                &chain,
            )
            .map_err(refused)?;
            rows.push(row_of(0, &record, &item));
        }
        store.atomically(|store| {
            let ids = store
                .inner
                .open_supervision(&rows, &self.now_text(), &by.name)?;
            for (id, row) in ids.iter().zip(&rows) {
                let detail = format!("#{id} {} {} → {}", row.case_no, row.reason, row.answerer);
                self.audit(store, Some(&by.name), "supervision.open", &detail)?;
            }
            Ok(ids)
        })
    }

    /// Takes `step` on item `id` for `by`: a reply by the one named, a close, return or
    /// escalation by whoever supervises it; the item as it then stands.
    pub fn supervision_step(
        &self,
        store: &mut Store,
        by: &User,
        id: i64,
        step: &Step<'_>,
    ) -> Result<SupervisedCase, AppError> {
        let (row, _) = self.visible_item(store, by, id)?;
        let item = item_of(&row)?;
        let side = match step.side() {
            Side::Answerer if by.name == item.answerer => Side::Answerer,
            Side::Answerer => {
                let answerer = &item.answerer;
                return Err(AppError::Forbidden(text!(
                    "督办事项#{id}应由{answerer}答复",
                    "the item #{id} is for {answerer} to answer"
                )));
            }
            Side::Supervisor if may_supervise(by, &row) => Side::Supervisor,
            Side::Supervisor => {
                return Err(AppError::Forbidden(text!(
                    "无权办结、退回或升级督办事项#{id}",
                    "you may not close, return or escalate the item #{id}"
                )));
            }
        };
        let today = self.today();
        let next = item
            .take(step, side, today, &self.supervision_chain())
            .map_err(refused)?;
        let note = match step {
            Step::Reply { text } => text.trim(),
            Step::Close { note } | Step::Return { note, .. } => note.trim(),
            Step::Escalate { .. } => "",
        };
        let due_on = match step {
            Step::Return { due_on, .. } | Step::Escalate { due_on } => Some(*due_on),
            _ => None,
        };
        let written = SupervisionRow {
            due_on: next.due_on,
            state: next.state.key().to_string(),
            level: i64::try_from(next.level).unwrap_or(i64::MAX),
            replied_on: next.replied.map(|(day, _)| day),
            replied_in_time: next.replied.map(|(_, in_time)| in_time),
            closed_on: next.closed_on,
            ..row.clone()
        };
        store.atomically(|store| {
            let taken = store.inner.take_supervision_step(
                &written,
                &row.state,
                &SupervisionStep {
                    item_id: id,
                    seq: 0,
                    at: self.now_text(),
                    by_user: by.name.clone(),
                    step: step.key().to_string(),
                    note: note.to_string(),
                    due_on,
                },
            )?;
            if !taken {
                return Err(AppError::Conflict(text!(
                    "督办事项#{id}刚被他人处理，请刷新后再试",
                    "someone has just acted on the item #{id}: reload it and try again"
                )));
            }
            let action = format!("supervision.{}", step.key());
            let detail = format!("#{id} {}", row.case_no);
            self.audit(store, Some(&by.name), &action, &detail)
        })?;
        Ok(SupervisedCase {
            id,
            court: row.court_code,
            division: row.division,
            overdue: next.is_overdue(today),
            item: next,
        })
    }

    /// [`App::supervision_step`] with the step named as the pages, the API and the command line
    /// name it — reply, close, return, escalate — with its text and its date (required for a
    /// return and an escalation).
    pub fn supervision_step_named(
        &self,
        store: &mut Store,
        by: &User,
        id: i64,
        name: &str,
        text: &str,
        due_on: Option<NaiveDate>,
    ) -> Result<SupervisedCase, AppError> {
        let needs_date = || {
            due_on.ok_or_else(|| {
                AppError::invalid_for(
                    "due_on",
                    &text!("须填写新的答复期限", "a new reply date is required"),
                )
            })
        };
        let step = match name {
            "reply" => Step::Reply { text },
            "close" => Step::Close { note: text },
            "return" => Step::Return {
                note: text,
                due_on: needs_date()?,
            },
            "escalate" => Step::Escalate {
                due_on: needs_date()?,
            },
            other => {
                return Err(AppError::NotFound(text!(
                    "没有“{other}”这一办理环节（可用 reply、close、return、escalate）",
                    "there is no step “{other}” (reply, close, return, escalate)"
                )));
            }
        };
        self.supervision_step(store, by, id, &step)
    }

    /// The items `user` may see that `filter` selects, newest first: an office or a leader, their
    /// court's and the courts' below; a division head, their division's; a judge, those they must
    /// answer.
    pub fn supervised_cases(
        &self,
        store: &mut Store,
        user: &User,
        filter: &ItemFilter,
    ) -> Result<Vec<SupervisedCase>, AppError> {
        let query = scoped_query(user, filter)?;
        let today = self.today();
        let mut shown = Vec::new();
        for row in store.inner.supervision_items(&query)? {
            let item = item_of(&row)?;
            let overdue = item.is_overdue(today);
            if filter.overdue && !overdue {
                continue;
            }
            shown.push(SupervisedCase {
                id: row.id,
                court: row.court_code,
                division: row.division,
                item,
                overdue,
            });
        }
        Ok(shown)
    }

    /// One item `user` may see, with its history; not found when outside their scope.
    pub fn supervised_case(
        &self,
        store: &mut Store,
        user: &User,
        id: i64,
    ) -> Result<(SupervisedCase, Vec<HistoryStep>), AppError> {
        let (row, steps) = self.visible_item(store, user, id)?;
        let item = item_of(&row)?;
        let history = steps
            .into_iter()
            .map(|s| HistoryStep {
                at: s.at,
                by: s.by_user,
                step: s.step,
                note: s.note,
                due_on: s.due_on,
            })
            .collect();
        Ok((
            SupervisedCase {
                id: row.id,
                court: row.court_code,
                division: row.division,
                overdue: item.is_overdue(self.today()),
                item,
            },
            history,
        ))
    }

    /// What waits for `user` (待办), oldest due first: the replies they must make, and, for
    /// whoever supervises, the replies waiting for their decision.
    pub fn supervision_to_do(
        &self,
        store: &mut Store,
        user: &User,
    ) -> Result<Vec<SupervisedCase>, AppError> {
        if user.role == Role::Admin {
            return Ok(Vec::new());
        }
        let supervises = matches!(user.role, Role::Office | Role::Leader | Role::Division);
        let mut waiting: Vec<SupervisedCase> = self
            .supervised_cases(store, user, &ItemFilter::default())?
            .into_iter()
            .filter(|c| {
                (c.item.answerer == user.name && c.item.state.awaits_reply())
                    || (supervises
                        && c.item.state == State::Replied
                        && c.item.answerer != user.name)
            })
            .collect();
        waiting.sort_by_key(|c| (c.item.due_on, c.id));
        Ok(waiting)
    }

    /// The 督办 figures of the items `user` may see, by court and month, for the months from
    /// `from` to `to`. Each reply asked for — by the opening, a return or an escalation, each with
    /// its date — counts in the month of its date once it is decided: on time when a reply came
    /// by that date, late when the date passed first (an escalation ends the one before it).
    pub fn supervision_figures(
        &self,
        store: &mut Store,
        user: &User,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<SupervisionFigures>, AppError> {
        let query = scoped_query(user, &ItemFilter::default())?;
        let courts: std::collections::HashMap<i64, String> = store
            .inner
            .supervision_items(&query)?
            .into_iter()
            .map(|row| (row.id, row.court_code))
            .collect();
        let today = self.today();
        let within = |day: NaiveDate| day >= from && day <= to;
        let mut rows: std::collections::BTreeMap<(String, String), SupervisionFigures> =
            std::collections::BTreeMap::new();
        let steps = store.inner.supervision_steps(&query)?;
        let mut current: Option<(i64, Option<NaiveDate>)> = None;
        for (index, step) in steps.iter().enumerate() {
            let (Some(court), Some(day)) = (courts.get(&step.item_id), step_day(&step.at)) else {
                continue;
            };
            // The date of the reply awaited for this item, if one is.
            let awaited = match current {
                Some((item, due)) if item == step.item_id => due,
                _ => None,
            };
            match step.step.as_str() {
                "opened" | "return" | "escalate" => {
                    if step.step == "opened" && within(day) {
                        figures_row(&mut rows, court, day).opened += 1;
                    }
                    if step.step == "escalate" {
                        if within(day) {
                            figures_row(&mut rows, court, day).escalated += 1;
                        }
                        // Escalated because the reply awaited was late.
                        if let Some(due) = awaited.filter(|due| within(*due)) {
                            figures_row(&mut rows, court, due).due += 1;
                        }
                    }
                    current = Some((step.item_id, step.due_on));
                }
                "reply" => {
                    if within(day) {
                        figures_row(&mut rows, court, day).replies += 1;
                    }
                    if let Some(due) = awaited.filter(|due| within(*due)) {
                        let figures = figures_row(&mut rows, court, due);
                        figures.due += 1;
                        figures.on_time += u64::from(day <= due);
                    }
                    current = Some((step.item_id, None));
                }
                "close" => {
                    if within(day) {
                        figures_row(&mut rows, court, day).closed += 1;
                    }
                    current = Some((step.item_id, None));
                }
                _ => {}
            }
            // A reply still awaited after an item's last step is late once its date has passed.
            let last_of_item = steps
                .get(index + 1)
                .is_none_or(|next| next.item_id != step.item_id);
            if last_of_item
                && let Some((_, Some(due))) = current
                && due < today
                && within(due)
            {
                figures_row(&mut rows, court, due).due += 1;
            }
        }
        Ok(rows.into_values().collect())
    }

    fn visible_item(
        &self,
        store: &mut Store,
        user: &User,
        id: i64,
    ) -> Result<(SupervisionRow, Vec<SupervisionStep>), AppError> {
        match store.inner.supervision_item(id)? {
            Some((row, steps)) if may_see_item(user, &row) => Ok((row, steps)),
            _ => Err(AppError::NotFound(text!(
                "没有督办事项#{id}",
                "there is no supervised case #{id}"
            ))),
        }
    }
}

/// The store's question for the items `user` may see that `filter` selects: an office or a
/// leader, their court's and the courts' below; a division head, their division's; a judge,
/// those they must answer. A court outside the user's own is refused.
fn scoped_query(user: &User, filter: &ItemFilter) -> Result<SupervisionQuery, AppError> {
    if let (Some(own), Some(asked)) = (user.court, filter.court)
        && !CourtScope::with_lower(own).covers(asked.court)
    {
        return Err(AppError::Forbidden(text!(
            "无权查看{asked}的督办事项",
            "you may not see the supervised cases of {asked}"
        )));
    }
    let mut query = SupervisionQuery {
        court: filter.court.or(user.court.map(CourtScope::with_lower)),
        states: filter
            .state
            .map(|s| s.key().to_string())
            .into_iter()
            .collect(),
        reason: filter.reason.map(|r| r.key().to_string()),
        case_no: filter.case_no.clone(),
        ..SupervisionQuery::default()
    };
    match user.role {
        Role::Division => query.division = Some(user.division.clone().unwrap_or_default()),
        Role::Judge => query.answerer = Some(user.name.clone()),
        _ => {}
    }
    if filter.mine {
        query.answerer = Some(user.name.clone());
    }
    Ok(query)
}

/// The level of the chain an item opened by `user` starts at, or why they may not open one.
fn opening_level(user: &User) -> Result<usize, AppError> {
    match user.role {
        Role::Office | Role::Division => Ok(0),
        Role::Leader => Ok(1),
        Role::Admin | Role::Judge => Err(AppError::Forbidden(text!(
            "只有审管办、院领导和庭长可以督办",
            "only the trial-management office, court leaders and division heads may supervise cases"
        ))),
    }
}

/// Whether `user` sees the item: its court within theirs, and for a division head their
/// division's, for a judge one they must answer.
fn may_see_item(user: &User, row: &SupervisionRow) -> bool {
    let court = CourtCode::parse(&row.court_code).ok();
    let in_court = match (user.court, court) {
        (None, _) => true,
        (Some(own), Some(court)) => CourtScope::with_lower(own).covers(court),
        (Some(_), None) => false,
    };
    in_court
        && match user.role {
            Role::Division => user.division.is_some() && row.division == user.division,
            Role::Judge => row.answerer == user.name,
            _ => true,
        }
}

/// Whether `user` may close, return or escalate the item (seen, and a supervising role).
fn may_supervise(user: &User, row: &SupervisionRow) -> bool {
    matches!(user.role, Role::Office | Role::Leader | Role::Division) && may_see_item(user, row)
}

/// The account of the case's handling judge, in use.
fn handling_judge(
    accounts: &[crate::accounts::AccountSummary],
    record: &CaseRecord,
) -> Option<String> {
    accounts
        .iter()
        .filter(|a| a.disabled_at.is_none() && a.user.role == Role::Judge)
        .find(|a| a.user.may_see(record))
        .map(|a| a.user.name.clone())
}

fn row_of(id: i64, record: &CaseRecord, item: &Item) -> SupervisionRow {
    SupervisionRow {
        id,
        case_no: item.case_no.clone(),
        court_code: record.court.to_string(),
        division: record.division.clone(),
        reason: item.reason.key().to_string(),
        instructions: item.instructions.clone(),
        opened_by: item.opened_by.clone(),
        opened_on: item.opened_on,
        answerer: item.answerer.clone(),
        due_on: item.due_on,
        state: item.state.key().to_string(),
        level: i64::try_from(item.level).unwrap_or(i64::MAX),
        replied_on: item.replied.map(|(day, _)| day),
        replied_in_time: item.replied.map(|(_, in_time)| in_time),
        closed_on: item.closed_on,
    }
}

/// The rules' item of a stored row; a row the rules cannot read is a damaged store.
fn item_of(row: &SupervisionRow) -> Result<Item, AppError> {
    let damaged = |what: &str, value: &str| {
        AppError::Internal(format!(
            "supervised case #{}: unreadable {what} “{value}”",
            row.id
        ))
    };
    Ok(Item {
        case_no: row.case_no.clone(),
        reason: Reason::parse(&row.reason).ok_or_else(|| damaged("reason", &row.reason))?,
        instructions: row.instructions.clone(),
        opened_by: row.opened_by.clone(),
        opened_on: row.opened_on,
        answerer: row.answerer.clone(),
        due_on: row.due_on,
        state: State::parse(&row.state).ok_or_else(|| damaged("state", &row.state))?,
        level: usize::try_from(row.level).unwrap_or(0),
        replied: row.replied_on.zip(row.replied_in_time),
        closed_on: row.closed_on,
    })
}

/// The figures of `court` in the month of `day`, made empty the first time.
fn figures_row<'r>(
    rows: &'r mut std::collections::BTreeMap<(String, String), SupervisionFigures>,
    court: &str,
    day: NaiveDate,
) -> &'r mut SupervisionFigures {
    let month = day.format("%Y-%m").to_string();
    rows.entry((court.to_string(), month.clone()))
        .or_insert_with(|| SupervisionFigures {
            court: court.to_string(),
            month,
            ..SupervisionFigures::default()
        })
}

/// The day of a step's moment ("2026-11-05T10:00:00+08:00").
fn step_day(at: &str) -> Option<NaiveDate> {
    at.get(..10)
        .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
}

fn refused(refusal: Refusal) -> AppError {
    AppError::Invalid(refusal.0)
}

fn no_case(number: &str) -> AppError {
    AppError::NotFound(text!("没有案件{number}", "there is no case {number}"))
}

#[cfg(test)]
mod tests;
