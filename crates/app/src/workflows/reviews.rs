//! The demonstration's 案件评查: for last year and the year before, a 重点 plan over the whole
//! network made by the network's office in January, every case it took reviewed by the reviewer
//! it went to over the following weeks, with findings drawn from a fixed seed on the shipped
//! score sheet — and on one case of the demonstration judge an objection, the office's decision
//! and (for an error) an accountability outcome. Each step is taken through the services on the
//! day it happened, as in `workflows.rs`.
//!
//! The shares follow the speech this system's tally is modelled on: "从对XX年度全市法院584件发回重审、
//! 改判、指令再审案件评查的情况看，问题案件达461件、差错案件有39件" — 461/584 problem cases and 39/584
//! error cases last year; the year before had somewhat more errors, so that the sentence reads
//! "较上年减少N件".

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{Datelike, Days, NaiveDate};
use shenguan_domain::review::assignment::Separation;
use shenguan_domain::review::grading::{Excuse, Finding, Responsible, Rubric, Severity, Tally};
use shenguan_domain::{CaseRecord, CourtCode, Staff};
use shenguan_sim::rng::Rng;
use shenguan_store::ReviewPlanRow;

use super::DemoPeople;
use crate::accounts::{NewAccount, Role, User, new_password};
use crate::review::{PlanKind, PlanRequest};
use crate::{App, AppError, Store};

/// Last year's shares, from the speech: 461 problem and 39 error cases of 584.
const PROBLEM_SHARE: (u64, u64) = (461, 584);
const ERROR_SHARE: (u64, u64) = (39, 584);
/// The year before had more error cases, as many more as the speech's year had fewer: the sentence
/// of docs/review.md reads "差错案件较上年减少6件", 45 the year before to 39.
const MORE_BEFORE: (u64, u64) = (6, 39);
/// About one finding in twenty carries a reason that excludes liability.
const EXCUSED: f64 = 0.05;
/// How many reviewers a plan's panel holds, at most.
const PANEL: usize = 16;
/// The seed of the draws (the network's own is 1).
const SEED: u64 = 0x5e_ed_2e_71;

/// What the demonstration's reviews came to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SeededReviews {
    /// Last year, whose tally is reported beside the year before's.
    pub year: i32,
    pub this: Tally,
    pub before: Tally,
    /// Steps after reviews: the objection, the decision, an outcome.
    pub answers: usize,
}

impl App {
    /// Makes the demonstration's review plans and reviews, unless the store holds review plans
    /// already (a demonstration reused); what was made.
    pub fn seed_reviews(
        &self,
        store: &mut Store,
        people: DemoPeople<'_>,
    ) -> Result<SeededReviews, AppError> {
        if !store.inner.review_plans()?.is_empty() {
            return Ok(SeededReviews::default());
        }
        let today = self.today();
        let last = today.year() - 1;
        // The office of the network: the court above the judge's (the intermediate court).
        let network = people.judge.court.map(|c| match c.level() {
            shenguan_domain::CourtLevel::Basic => c.default_parent().unwrap_or(c),
            _ => c,
        });
        let office = self.add_user(
            store,
            NewAccount {
                name: "演示评查办",
                role: Role::Office,
                court: network,
                division: None,
                staff_id: None,
                password: &new_password(),
            },
        )?;
        let staff = store.inner.staff()?;
        let panel = panel_of(&staff, people.judge, store)?;
        let mut accounts: HashMap<String, User> = HashMap::new();
        for person in &panel {
            let user = self.add_user(
                store,
                NewAccount {
                    name: &person.name,
                    role: Role::Judge,
                    court: Some(person.court),
                    division: person.division.as_deref(),
                    staff_id: Some(person.id.as_str()),
                    password: &new_password(),
                },
            )?;
            accounts.insert(person.id.to_string(), user);
        }
        // Last year's error cases decide the year before's: its plan is previewed first (the
        // plans themselves are made in the order they were, a year apart).
        let preview = self.preview_review_plan(store, &office, &plan_request(last, &panel)?)?;
        let given = preview
            .cases
            .iter()
            .filter(|c| c.reviewer.is_some())
            .count();
        let errors_last = share_of(given, ERROR_SHARE);
        let more = share_of(errors_last, MORE_BEFORE).max(1);
        let mut last_plan = None;
        for (year, errors) in [(last - 1, Some(errors_last + more)), (last, None)] {
            let plan = self.review_year(store, &office, &panel, &accounts, year, errors)?;
            if year == last {
                last_plan = Some(plan);
            }
        }
        let answers = match last_plan {
            Some(plan) => self.answer_one(store, people, &office, &staff, &plan)?,
            None => 0,
        };
        let (this, before) = self.review_tally(store, &office, last)?;
        Ok(SeededReviews {
            year: last,
            this,
            before,
            answers,
        })
    }

    /// The year's 重点 plan, made on 10 January after it, and every case it gave a reviewer
    /// reviewed between 20 January and the end of March; the plan as written.
    fn review_year(
        &self,
        store: &mut Store,
        office: &User,
        panel: &[Staff],
        accounts: &HashMap<String, User>,
        year: i32,
        errors: Option<usize>,
    ) -> Result<ReviewPlanRow, AppError> {
        let today = self.today();
        let day = |month: u32, day: u32| {
            NaiveDate::from_ymd_opt(year + 1, month, day)
                .unwrap_or(today)
                .min(today)
        };
        let plan =
            self.on(day(1, 10))?
                .create_review_plan(store, office, &plan_request(year, panel)?)?;
        let given: Vec<(&str, &str)> = plan
            .cases
            .iter()
            .filter_map(|c| Some((c.case_no.as_str(), c.reviewer.as_deref()?)))
            .collect();
        let numbers: Vec<String> = given.iter().map(|(n, _)| n.to_string()).collect();
        let judges: HashMap<String, String> = store
            .inner
            .cases_by_numbers(&numbers)?
            .into_iter()
            .filter_map(|r| Some((r.case_no.to_string(), r.judge?)))
            .collect();
        let mut rng = Rng::new(SEED, u64::try_from(year).unwrap_or_default());
        let errors = errors.unwrap_or_else(|| share_of(given.len(), ERROR_SHARE));
        let kinds = outcomes(&mut rng, given.len(), errors);
        // Each review on its day, the days in order: one clock per day.
        let first = day(1, 20);
        let span = (day(3, 31) - first).num_days().max(0);
        let mut by_day: BTreeMap<NaiveDate, Vec<(usize, Vec<Finding>)>> = BTreeMap::new();
        for (i, kind) in kinds.iter().enumerate() {
            let judge = judges.get(given[i].0).cloned().unwrap_or_default();
            let findings = draw_findings(&mut rng, *kind, &judge);
            let on = first + Days::new(u64::try_from(rng.between(0, span)).unwrap_or_default());
            by_day.entry(on.min(today)).or_default().push((i, findings));
        }
        for (on, reviews) in by_day {
            let app = self.on(on)?;
            for (i, findings) in reviews {
                let (case_no, reviewer) = given[i];
                let Some(by) = accounts.get(reviewer) else {
                    continue;
                };
                app.submit_review(store, by, plan.id, case_no, &findings)?;
            }
        }
        Ok(plan)
    }

    /// On one reviewed case of the demonstration judge (else of another judge, whose account is
    /// made), the judge objects three days after the review, the office decides a week later —
    /// the grade stands — and an error is held to account two days after; how many steps.
    fn answer_one(
        &self,
        store: &mut Store,
        people: DemoPeople<'_>,
        network_office: &User,
        staff: &[Staff],
        plan: &ReviewPlanRow,
    ) -> Result<usize, AppError> {
        let results = store.inner.review_results(plan.id)?;
        let numbers: Vec<String> = results.iter().map(|r| r.case_no.clone()).collect();
        let records: HashMap<String, CaseRecord> = store
            .inner
            .cases_by_numbers(&numbers)?
            .into_iter()
            .map(|r| (r.case_no.to_string(), r))
            .collect();
        let of_judge = |r: &&shenguan_store::ReviewResultRow, judge: &User| {
            records.get(&r.case_no).is_some_and(|c| {
                let by_id = c.judge_id.as_ref().map(ToString::to_string);
                let own = judge.staff_id.as_ref().map(ToString::to_string);
                (by_id.is_some() && by_id == own) || c.judge.as_deref() == Some(judge.name.as_str())
            })
        };
        // Errors first, then problem cases: the judge has something to answer. The demonstration
        // judge answers any review of theirs; another judge is taken for a problem case only.
        let mut ranked: Vec<&shenguan_store::ReviewResultRow> = results.iter().collect();
        ranked.sort_by_key(|r| (!r.error, !r.problem, r.case_no.clone()));
        let own = ranked.iter().find(|r| of_judge(r, people.judge)).copied();
        ranked.retain(|r| r.problem);
        let (judge, office, result) = match own {
            Some(result) => (people.judge.clone(), people.office, result),
            None => {
                // Another judge on the staff list, given an account to answer with.
                let Some((result, person)) = ranked.iter().find_map(|r| {
                    let id = records.get(&r.case_no)?.judge_id.as_ref()?.to_string();
                    let person = staff.iter().find(|s| s.id.to_string() == id)?;
                    store_has_no_account(store, &person.name).then_some((*r, person))
                }) else {
                    return Ok(0);
                };
                let judge = self.add_user(
                    store,
                    NewAccount {
                        name: &person.name,
                        role: Role::Judge,
                        court: Some(person.court),
                        division: person.division.as_deref(),
                        staff_id: Some(person.id.as_str()),
                        password: &new_password(),
                    },
                )?;
                (judge, network_office, result)
            }
        };
        let submitted = result
            .submitted_at
            .get(..10)
            .and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok())
            .unwrap_or(self.today());
        let today = self.today();
        let after = |days: u64| (submitted + Days::new(days)).min(today);
        let case_no = result.case_no.as_str();
        self.on(after(3))?.object_to_review(
            store,
            &judge,
            plan.id,
            case_no,
            "二审改判系因当事人提交新证据，原审认定事实并无不当",
        )?;
        self.on(after(10))?.decide_objection(
            store,
            office,
            plan.id,
            case_no,
            &result.grade,
            "经审判委员会讨论，新证据不足以推翻评查意见，维持原评查等次",
        )?;
        let mut steps = 2;
        if result.error {
            self.on(after(12))?.hold_to_account(
                store,
                office,
                plan.id,
                case_no,
                "通报",
                "在全院范围内通报",
            )?;
            steps += 1;
        }
        Ok(steps)
    }
}

/// Whether nobody holds an account of `name` (an account is never taken over).
fn store_has_no_account(store: &mut Store, name: &str) -> bool {
    matches!(store.inner.user(name), Ok(None))
}

/// The panel: staff of every court in turn (by court, then staff number), up to [`PANEL`], none
/// who is the demonstration judge or shares a name with someone chosen or an account (an account
/// is named as its person).
fn panel_of(staff: &[Staff], judge: &User, store: &mut Store) -> Result<Vec<Staff>, AppError> {
    let mut by_court: BTreeMap<CourtCode, Vec<&Staff>> = BTreeMap::new();
    let own = judge.staff_id.as_ref().map(ToString::to_string);
    for person in staff {
        if Some(person.id.to_string()) != own {
            by_court.entry(person.court).or_default().push(person);
        }
    }
    for list in by_court.values_mut() {
        list.sort_by_key(|s| s.id.to_string());
    }
    let accounts: BTreeSet<String> = store.inner.users()?.into_iter().map(|u| u.name).collect();
    let mut names: BTreeSet<String> = BTreeSet::new();
    let mut panel = Vec::new();
    let mut round = 0;
    while panel.len() < PANEL && by_court.values().any(|l| round < l.len()) {
        for list in by_court.values() {
            let Some(person) = list.get(round) else {
                continue;
            };
            if panel.len() < PANEL
                && !accounts.contains(&person.name)
                && names.insert(person.name.clone())
            {
                panel.push((*person).clone());
            }
        }
        round += 1;
    }
    Ok(panel)
}

/// What a review finds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Found {
    Nothing,
    Flaws,
    Error,
}

/// `count` × n ÷ d, rounded to the nearest whole case.
fn share_of(count: usize, (n, d): (u64, u64)) -> usize {
    ((count as u64 * n + d / 2) / d) as usize
}

/// The 重点 plan over the whole network for `year`, with `panel`.
fn plan_request(year: i32, panel: &[Staff]) -> Result<PlanRequest, AppError> {
    let (Some(from), Some(to)) = (
        NaiveDate::from_ymd_opt(year, 1, 1),
        NaiveDate::from_ymd_opt(year, 12, 31),
    ) else {
        return Err(AppError::Internal(format!("no year {year}")));
    };
    Ok(PlanRequest {
        name: format!("{year}年度发改再案件评查"),
        kind: PlanKind::Key,
        court: None,
        from,
        to,
        per_mille: 0,
        seed: Some(u64::try_from(year).unwrap_or_default()),
        separation: Separation::Court,
        reviewers: panel.iter().map(|s| s.id.to_string()).collect(),
        blind: false,
        class: shenguan_domain::review::selection::Class::default(),
    })
}

/// Each of `count` reviews' outcome: `errors` error cases and the speech's share of problem
/// cases (rounded; the errors among them), placed by the draw.
fn outcomes(rng: &mut Rng, count: usize, errors: usize) -> Vec<Found> {
    let errors = errors.min(count);
    let problems = share_of(count, PROBLEM_SHARE).max(errors);
    let mut kinds: Vec<Found> = (0..count)
        .map(|i| {
            if i < errors {
                Found::Error
            } else if i < problems {
                Found::Flaws
            } else {
                Found::Nothing
            }
        })
        .collect();
    // Fisher–Yates with the seeded draw.
    for i in (1..kinds.len()).rev() {
        let j = usize::try_from(rng.between(0, i as i64)).unwrap_or_default();
        kinds.swap(i, j);
    }
    kinds
}

/// What reviewers write against each group of the sheet.
fn wording(group: &str, severity: Severity) -> &'static str {
    match (group, severity) {
        ("立案程序", _) => "诉讼费用未依法收取或减免手续不全",
        ("程序运行", Severity::Error) => "应当回避的审判人员未回避",
        ("程序运行", _) => "送达回证不全，公告送达前未穷尽其他送达方式",
        ("实体处理", Severity::Error) => "认定基本事实的主要证据不足，导致裁判结果错误",
        ("实体处理", _) => "证据采信说理不充分",
        ("裁判文书", _) => "裁判文书说理不充分，判项表述不明确",
        ("文书制作", _) => "庭审笔录、合议笔录未经全体成员签名",
        _ => "卷宗材料装订顺序不规范，归档不及时",
    }
}

/// A review's findings: none, one to three flaws, or an error on the merits with perhaps a flaw;
/// about one in twenty reviews also notes a finding that a reason excuses.
fn draw_findings(rng: &mut Rng, found: Found, judge: &str) -> Vec<Finding> {
    let rubric = Rubric::standard();
    let judge = if judge.is_empty() {
        "承办法官"
    } else {
        judge
    };
    let finding = |rng: &mut Rng, severity: Severity, merits: bool| {
        let items: Vec<_> = rubric
            .items
            .iter()
            .filter(|i| !merits || i.group == "实体处理")
            .collect();
        let item = *rng.pick(&items);
        let points = i64::from(item.points);
        let deduction = match severity {
            Severity::Flaw => rng.between(1, 2.min(points)),
            Severity::Error => rng.between(points / 2, points),
        };
        Finding {
            item: item.code.clone(),
            severity,
            text: wording(&item.group, severity).to_string(),
            deduction: u32::try_from(deduction).unwrap_or_default(),
            responsible: vec![Responsible::Judge(judge.to_string())],
            excuse: None,
        }
    };
    let mut findings = match found {
        Found::Nothing => Vec::new(),
        Found::Flaws => {
            let count = rng.between(1, 3);
            (0..count)
                .map(|_| finding(rng, Severity::Flaw, false))
                .collect()
        }
        Found::Error => {
            let mut list = vec![finding(rng, Severity::Error, true)];
            if rng.chance(0.5) {
                list.push(finding(rng, Severity::Flaw, false));
            }
            list
        }
    };
    if rng.chance(EXCUSED) {
        let excuse = if rng.chance(0.5) {
            Excuse::LawUnderstanding
        } else {
            Excuse::NewEvidence
        };
        findings.push(Finding {
            excuse: Some(excuse),
            text: "二审改判系对法律适用存在不同认识或出现新证据，不认定为差错".into(),
            ..finding(rng, Severity::Error, true)
        });
    }
    findings
}

#[cfg(test)]
mod tests;
