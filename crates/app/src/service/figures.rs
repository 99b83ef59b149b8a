//! 送达 in figures: what the store's tasks came to, handed to the indicator engine as marks (the
//! catalogue's 送达 family, counted like every other figure, explained by case), and the 送达难
//! dashboard the engine cannot group — by method, by the service staff who made each attempt, by
//! the reason an attempt failed — with the family's values and their month trend from the engine,
//! and the cases stuck longest. Everything is held to what the user may see.
//!
//! Readings (docs/indicators.md, 送达):
//! - an electronic attempt counts only with a valid consent of its dispute (the confirmations of
//!   its case and of the cases it continues, up to ten stages back);
//! - the engine reads a task as it stood at the end of the period asked; the tables here read the
//!   attempts made in the period, an attempt served when it counts and its day of service is on or
//!   before the period's end;
//! - the cases stuck longest are the cases still pending with a task not served today, by the day
//!   their oldest such task was made (a case closed is no longer waiting for its papers).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use shenguan_domain::CourtScope;
use shenguan_domain::service::consent::{Confirmation, Validity};
use shenguan_domain::service::{Attempt, Failure, Method, Outcome};
use shenguan_domain::{CaseRecord, text};
use shenguan_metrics::{
    Cases, Dimension, Family, Filter, MetricsResult, Period, PostMark, ServiceMark,
};
use shenguan_store::{ServiceQuery, ServiceTaskRow};

use super::{ServiceTask, attempt_of, confirmation_of, validity_of};
use crate::accounts::User;
use crate::{App, AppError, Store};

/// The cases stuck longest the dashboard lists at most.
pub const STUCK_MAX: usize = 20;

/// The longest period the dashboard takes (its trend is by month).
const LONGEST_YEARS: i32 = 10;

/// What the store's service comes to for the engine: each task's mark and each mailed attempt's,
/// by case number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ServiceMarks {
    pub tasks: Vec<(String, ServiceMark)>,
    pub posts: Vec<(String, PostMark)>,
}

/// What the dashboard asks for: a court (alone or with the courts below), a division, a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FiguresRequest {
    pub court: Option<CourtScope>,
    pub division: Option<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

/// One method's attempts made in the period.
#[derive(Clone, Debug, PartialEq)]
pub struct MethodRow {
    pub method: Method,
    pub attempts: u64,
    /// Those that served their task and count (an electronic one with a valid consent), served
    /// by the period's end.
    pub served: u64,
    /// Its served ÷ all methods' served × 100 (`None` when nothing was served).
    pub share: Option<f64>,
}

/// One member of the service staff's attempts made in the period (who recorded them).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffRow {
    pub name: String,
    pub attempts: u64,
    pub served: u64,
    pub failed: u64,
}

/// One reason attempts made in the period failed.
#[derive(Clone, Debug, PartialEq)]
pub struct FailureRow {
    pub failure: Failure,
    pub count: u64,
    /// Its count ÷ all failed attempts × 100.
    pub share: f64,
}

/// A case with a task not served today.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StuckCase {
    pub case_no: String,
    pub court: String,
    pub division: Option<String>,
    /// Its tasks not served, the oldest first.
    pub open: Vec<ServiceTask>,
    /// The day its oldest open task was made, and the days since.
    pub since: NaiveDate,
    pub days: i64,
}

/// The 送达难 dashboard.
#[derive(Clone, Debug, PartialEq)]
pub struct ServiceFigures {
    pub period: Period,
    /// The filter the figures were held to (the request within the user's scope).
    pub filter: Filter,
    /// The 送达 family over the period, from the engine (one row).
    pub figures: MetricsResult,
    /// The same by month.
    pub by_month: MetricsResult,
    pub by_method: Vec<MethodRow>,
    pub by_staff: Vec<StaffRow>,
    pub failures: Vec<FailureRow>,
    /// The cases stuck longest, at most [`STUCK_MAX`], and how many there are in all.
    pub stuck: Vec<StuckCase>,
    pub stuck_total: usize,
}

/// For each case of `origins` (a case and the case it continues), the cases whose address
/// confirmations serve it: itself and the cases it continues, up to ten stages back (as
/// `App::dispute_confirmations` reads one case). Only case numbers and origins are read.
pub(crate) fn dispute_chains(
    store: &mut Store,
    mut origin: HashMap<String, Option<String>>,
) -> Result<HashMap<String, Vec<String>>, AppError> {
    let asked: Vec<String> = origin.keys().cloned().collect();
    // The origins of every case met, read a generation at a time.
    for _ in 0..10 {
        let unknown: Vec<String> = origin
            .values()
            .flatten()
            .filter(|no| !origin.contains_key(*no))
            .cloned()
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        if unknown.is_empty() {
            break;
        }
        for no in &unknown {
            origin.insert(no.clone(), None);
        }
        for (no, up) in store.inner.case_origins(&unknown)? {
            origin.insert(no, up);
        }
    }
    Ok(asked
        .into_iter()
        .map(|no| {
            let mut chain = vec![no.clone()];
            while let Some(Some(up)) = chain.last().and_then(|c| origin.get(c)) {
                if chain.contains(up) || chain.len() > 10 {
                    break;
                }
                chain.push(up.clone());
            }
            (no, chain)
        })
        .collect())
}

/// Every case of `chains`, once each, in order.
pub(crate) fn cases_of(chains: &HashMap<String, Vec<String>>) -> Vec<String> {
    chains
        .values()
        .flatten()
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

/// The origins of `records`, as [`dispute_chains`] starts from them.
pub(crate) fn origins_of(records: &HashMap<String, CaseRecord>) -> HashMap<String, Option<String>> {
    records
        .iter()
        .map(|(no, r)| {
            (
                no.clone(),
                r.origin_case_no.as_ref().map(ToString::to_string),
            )
        })
        .collect()
}

/// The disputes of some cases: each case's chain of stages and the confirmations signed in any
/// of them, by case — what an electronic service is judged by.
pub(crate) struct Disputes {
    chains: HashMap<String, Vec<String>>,
    confirmations: HashMap<String, Vec<Confirmation>>,
}

impl Disputes {
    /// The disputes of the cases of `origins` (each with the case it continues).
    pub(crate) fn read(
        store: &mut Store,
        origins: HashMap<String, Option<String>>,
    ) -> Result<Disputes, AppError> {
        let chains = dispute_chains(store, origins)?;
        let mut confirmations: HashMap<String, Vec<Confirmation>> = HashMap::new();
        for row in store.inner.confirmations(&cases_of(&chains))? {
            confirmations
                .entry(row.case_no.clone())
                .or_default()
                .push(confirmation_of(&row));
        }
        Ok(Disputes {
            chains,
            confirmations,
        })
    }

    /// The confirmations that serve case `case_no` (its own when its chain was not read).
    pub(crate) fn theirs(&self, case_no: &str) -> Vec<Confirmation> {
        let own = [case_no.to_string()];
        let chain = self.chains.get(case_no).map_or(&own[..], |c| &c[..]);
        chain
            .iter()
            .filter_map(|no| self.confirmations.get(no))
            .flatten()
            .cloned()
            .collect()
    }
}

/// Tasks read with their cases and disputes.
struct Read {
    tasks: Vec<ServiceTaskRow>,
    cases: HashMap<String, CaseRecord>,
    disputes: Disputes,
}

impl Read {
    fn of(store: &mut Store, query: &ServiceQuery) -> Result<Read, AppError> {
        let tasks = store.inner.service_tasks(query)?;
        let numbers: Vec<String> = tasks
            .iter()
            .map(|t| t.case_no.clone())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let cases: HashMap<String, CaseRecord> = store
            .inner
            .cases_by_numbers(&numbers)?
            .into_iter()
            .map(|r| (r.case_no.to_string(), r))
            .collect();
        let disputes = Disputes::read(store, origins_of(&cases))?;
        Ok(Read {
            tasks,
            cases,
            disputes,
        })
    }
}

/// A stored task's attempts in the domain's words; `None` when one cannot be read (a damaged
/// row: the task is left out of the figures rather than counted at random).
fn attempts_of(task: &ServiceTaskRow) -> Option<Vec<Attempt>> {
    task.attempts.iter().map(|a| attempt_of(a).ok()).collect()
}

impl App {
    /// Every task of the store as the engine counts it, and every mailed attempt: an electronic
    /// attempt judged by the confirmations of the task's dispute. Tasks of cases the store does
    /// not hold are handed too (the engine drops them).
    pub fn service_marks(&self, store: &mut Store) -> Result<ServiceMarks, AppError> {
        // Only an electronic attempt is judged by confirmations: the chains and confirmations
        // of those tasks' cases are read, not every case of the store. The tasks then stream past
        // once and are never all held.
        let electronic = store
            .inner
            .cases_with_service_method(Method::Electronic.key())?;
        let origins = store.inner.case_origins(&electronic)?.into_iter().collect();
        let disputes = Disputes::read(store, origins)?;
        let mut marks = ServiceMarks::default();
        store.inner.each_service_task(|task| {
            let Some(attempts) = attempts_of(&task) else {
                return Ok(());
            };
            let theirs = disputes.theirs(&task.case_no);
            let mark = ServiceMark::of(task.created_on, &attempts, |a| {
                validity_of(&task, &theirs, a)
            });
            marks.posts.extend(
                attempts
                    .iter()
                    .filter_map(PostMark::of)
                    .map(|m| (task.case_no.clone(), m)),
            );
            marks.tasks.push((task.case_no, mark));
            Ok(())
        })?;
        Ok(marks)
    }

    /// The 送达难 dashboard over `request`'s period, within what `user` may see: the family's
    /// values and their month trend from `cases` (the store's columns), the tables by method,
    /// staff and failure reason of the attempts made in the period, and the cases stuck longest
    /// today.
    pub fn service_figures(
        &self,
        store: &mut Store,
        cases: &Cases,
        user: &User,
        request: &FiguresRequest,
    ) -> Result<ServiceFigures, AppError> {
        let (from, to) = (request.from, request.to);
        let period = Period::new(from, to).ok_or_else(|| {
            AppError::Invalid(text!(
                "起始日 {from} 晚于截止日 {to}",
                "the first day {from} is after the last day {to}"
            ))
        })?;
        if chrono::Datelike::year(&to) - chrono::Datelike::year(&from) >= LONGEST_YEARS {
            return Err(AppError::Invalid(text!(
                "送达统计期间不得超过{LONGEST_YEARS}年",
                "the period of the service figures is at most {LONGEST_YEARS} years"
            )));
        }
        let mut filter = Filter {
            court: request.court,
            division: request
                .division
                .as_deref()
                .map(str::trim)
                .filter(|d| !d.is_empty())
                .map(String::from),
            ..Filter::default()
        };
        user.restrict(&mut filter)?;
        let family: Vec<&'static shenguan_metrics::Indicator> = shenguan_metrics::CATALOGUE
            .iter()
            .filter(|i| i.family == Family::Service)
            .collect();
        let query = shenguan_metrics::Query {
            period,
            filter: filter.clone(),
            group_by: Vec::new(),
            indicators: family,
            standards: shenguan_metrics::TimeStandards::default(),
            threads: 1,
        };
        let invalid = |e: shenguan_metrics::QueryError| AppError::Invalid(e.text());
        let figures = shenguan_metrics::run(cases, &query).map_err(invalid)?;
        let by_month = shenguan_metrics::run(
            cases,
            &shenguan_metrics::Query {
                group_by: vec![Dimension::Month],
                ..query
            },
        )
        .map_err(invalid)?;

        let read = Read::of(
            store,
            &ServiceQuery {
                court: filter.court,
                ..ServiceQuery::default()
            },
        )?;
        // A task counts where its case does: seen by the user, of the division asked.
        let within = |task: &ServiceTaskRow| {
            read.cases.get(&task.case_no).is_some_and(|case| {
                user.may_see(case)
                    && filter.court.is_none_or(|scope| scope.covers(case.court))
                    && filter
                        .division
                        .as_deref()
                        .is_none_or(|d| case.division.as_deref() == Some(d))
            })
        };
        let mut methods: BTreeMap<Method, (u64, u64)> = BTreeMap::new();
        let mut staff: BTreeMap<String, StaffRow> = BTreeMap::new();
        let mut failures: BTreeMap<Failure, u64> = BTreeMap::new();
        let mut stuck: HashMap<String, StuckCase> = HashMap::new();
        let today = self.today();
        for task in read.tasks.iter().filter(|t| within(t)) {
            let Some(attempts) = attempts_of(task) else {
                continue;
            };
            let theirs = read.disputes.theirs(&task.case_no);
            for attempt in attempts
                .iter()
                .filter(|a| a.attempted_on >= from && a.attempted_on <= to)
            {
                let counts = attempt.outcome == Outcome::Served
                    && attempt.served_on.is_some_and(|on| on <= to)
                    && (attempt.method != Method::Electronic
                        || validity_of(task, &theirs, attempt) == Validity::Valid);
                let method = methods.entry(attempt.method).or_default();
                method.0 += 1;
                method.1 += u64::from(counts);
                let by = task
                    .attempts
                    .iter()
                    .find(|a| a.seq == i64::from(attempt.seq))
                    .map_or("", |a| a.by_user.as_str());
                let row = staff.entry(by.to_string()).or_insert_with(|| StaffRow {
                    name: by.to_string(),
                    attempts: 0,
                    served: 0,
                    failed: 0,
                });
                row.attempts += 1;
                row.served += u64::from(counts);
                if attempt.outcome == Outcome::Failed {
                    row.failed += 1;
                    *failures
                        .entry(attempt.failure.unwrap_or(Failure::Other))
                        .or_default() += 1;
                }
            }
            let case = read.cases.get(&task.case_no);
            let pending = case.is_none_or(|c| c.closed_on.is_none_or(|closed| closed > today));
            let view = self.task_view(task, &theirs, case.and_then(|c| c.closed_on))?;
            if view.outcome.served_on.is_none() && pending {
                let entry = stuck
                    .entry(task.case_no.clone())
                    .or_insert_with(|| StuckCase {
                        case_no: task.case_no.clone(),
                        court: case
                            .map_or_else(|| task.court_code.clone(), |c| c.court.to_string()),
                        division: case.and_then(|c| c.division.clone()),
                        open: Vec::new(),
                        since: task.created_on,
                        days: 0,
                    });
                entry.since = entry.since.min(task.created_on);
                entry.days = (today - entry.since).num_days();
                entry.open.push(view);
            }
        }
        let served: u64 = methods.values().map(|(_, s)| s).sum();
        let by_method = methods
            .into_iter()
            .map(|(method, (attempts, s))| MethodRow {
                method,
                attempts,
                served: s,
                share: (served > 0).then(|| s as f64 * 100.0 / served as f64),
            })
            .collect();
        let mut by_staff: Vec<StaffRow> = staff.into_values().collect();
        by_staff.sort_by(|a, b| b.attempts.cmp(&a.attempts).then(a.name.cmp(&b.name)));
        let failed: u64 = failures.values().sum();
        let failures = failures
            .into_iter()
            .map(|(failure, count)| FailureRow {
                failure,
                count,
                share: count as f64 * 100.0 / failed as f64,
            })
            .collect();
        let mut stuck: Vec<StuckCase> = stuck.into_values().collect();
        for case in &mut stuck {
            case.open.sort_by_key(|t| (t.created_on, t.id));
        }
        stuck.sort_by(|a, b| a.since.cmp(&b.since).then(a.case_no.cmp(&b.case_no)));
        let stuck_total = stuck.len();
        stuck.truncate(STUCK_MAX);
        Ok(ServiceFigures {
            period,
            filter,
            figures,
            by_month,
            by_method,
            by_staff,
            failures,
            stuck,
            stuck_total,
        })
    }
}
