//! 案件列表: the cases a user may see, one page at a time, counted and sliced by the database.
//! The API's case list reads through this one service, which narrows the question to the user's
//! scope before the store is asked. Also how many cases a store holds, and who judges the most
//! of a court's (the demonstration signs that judge in).

use std::collections::BTreeMap;

use shenguan_domain::{CaseRecord, CourtCode, CourtScope};
use shenguan_metrics::Filter;
use shenguan_store::{CasePage, CaseQuery};

use crate::accounts::User;
use crate::{App, AppError, Store};

/// Which cases a list asks for, before the user's scope narrows it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseListRequest {
    /// The court asked for (`None`: every court the user may see).
    pub court: Option<CourtScope>,
    /// The period the cases were active in (filed by its end, not closed before its start).
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
    /// The page: how many cases to skip, and how many to show.
    pub offset: u64,
    pub limit: u64,
}

/// One page of a case list.
#[derive(Debug)]
pub struct CaseListPage {
    /// How many cases the whole list holds.
    pub total: u64,
    /// The page's cases, in case-number order.
    pub cases: Vec<CaseRecord>,
}

impl App {
    /// One page of the cases `user` may see: a court outside their scope is refused; a
    /// division head's and a judge's own division or cases narrow the list in the database, so
    /// that one page is read however large the court.
    pub fn case_list(
        &self,
        store: &mut Store,
        user: &User,
        request: &CaseListRequest,
    ) -> Result<CaseListPage, AppError> {
        if let (Some(from), Some(to)) = (request.from, request.to)
            && from > to
        {
            return Err(AppError::Invalid(crate::text!(
                "起始日 {from} 晚于截止日 {to}",
                "the first day {from} is after the last day {to}"
            )));
        }
        let mut filter = Filter {
            court: request.court,
            ..Filter::default()
        };
        user.restrict(&mut filter)?;
        let query = CaseQuery {
            court: filter.court,
            from: request.from,
            to: request.to,
        };
        let page = CasePage {
            division: filter.division,
            judge: filter.judge,
            offset: request.offset,
            limit: request.limit,
        };
        let (total, cases) = store.inner.case_page(&query, &page)?;
        Ok(CaseListPage {
            total,
            // The store narrowed by court, division and judge; what else the scope holds (a
            // judge's cases by staff number) is applied to the page.
            cases: cases.into_iter().filter(|c| user.may_see(c)).collect(),
        })
    }

    /// The judge with the most cases of `court` (not the courts below it), by name and staff
    /// number: counted by person, so that namesakes are two judges; of two with as many, the
    /// first by name. `None` when the court's cases name no judge.
    pub fn busiest_judge(
        &self,
        store: &mut Store,
        court: CourtCode,
    ) -> Result<Option<(String, Option<String>)>, AppError> {
        let cases = store.inner.cases(&CaseQuery {
            court: Some(CourtScope::alone(court)),
            from: None,
            to: None,
        })?;
        let mut counts: BTreeMap<(String, Option<String>), usize> = BTreeMap::new();
        for case in &cases {
            if let Some(name) = &case.judge {
                let id = case.judge_id.as_ref().map(ToString::to_string);
                *counts.entry((name.clone(), id)).or_default() += 1;
            }
        }
        Ok(counts
            .into_iter()
            .max_by_key(|(person, count)| (*count, std::cmp::Reverse(person.clone())))
            .map(|(person, _)| person))
    }

    /// How many cases `store` holds.
    pub fn case_count(&self, store: &mut Store) -> Result<u64, AppError> {
        Ok(store.inner.count_cases()?)
    }
}
