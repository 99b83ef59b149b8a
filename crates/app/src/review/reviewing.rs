//! The reviewer's side of a plan — the cases given to them, each case as they read it (the
//! judge's name held back in a blind plan until they submit), a recusal that moves a case on to
//! the least loaded reviewer of the panel who may take it — and the cases flagged for the next
//! 重点 plan (存疑, or referred from outside).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use shenguan_domain::review::assignment::{Separation, ToReview, next_reviewer};
use shenguan_domain::{CaseRecord, CourtScope, text};
use shenguan_store::{ReviewFlagRow, ReviewPlanRow, ReviewRecusalRow, ReviewTaskRow};

use super::bounded_reason;
use crate::accounts::{Role, User};
use crate::{App, AppError, Store};

/// Why a case is flagged for the 重点 rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FlagKind {
    /// 存疑: someone with the right doubts its quality.
    Doubt,
    /// Referred from outside (a higher court, the people's congress, the Party committee …).
    Referred,
}

impl FlagKind {
    pub fn key(self) -> &'static str {
        match self {
            FlagKind::Doubt => "doubt",
            FlagKind::Referred => "referred",
        }
    }

    pub fn parse(text: &str) -> Option<FlagKind> {
        match text.trim() {
            "doubt" | "存疑" => Some(FlagKind::Doubt),
            "referred" | "交办" | "转办" => Some(FlagKind::Referred),
            _ => None,
        }
    }
}

/// The longest name of who referred a case.
const SOURCE_MAX: usize = 100;

impl App {
    /// The cases of every plan given to `by` (by their staff number), the newest plan first.
    pub fn review_worklist(
        &self,
        store: &mut Store,
        by: &User,
    ) -> Result<Vec<ReviewTaskRow>, AppError> {
        match &by.staff_id {
            Some(id) => Ok(store.inner.review_tasks(&id.to_string())?),
            None => Ok(Vec::new()),
        }
    }

    /// Case `case_no` of plan `plan_id` as its reviewer reads it: only the reviewer it is given
    /// to; in a blind plan without the judge's name until the review is submitted.
    pub fn case_under_review(
        &self,
        store: &mut Store,
        by: &User,
        plan_id: i64,
        case_no: &str,
    ) -> Result<(ReviewTaskRow, CaseRecord), AppError> {
        let task = self
            .review_worklist(store, by)?
            .into_iter()
            .find(|t| t.plan_id == plan_id && t.case_no == case_no)
            .ok_or_else(|| not_given(plan_id, case_no))?;
        let mut record = store
            .inner
            .case(case_no)?
            .map(|(record, _)| record)
            .ok_or_else(|| not_given(plan_id, case_no))?;
        if task.blind && task.submitted_at.is_none() {
            record.judge = None;
            record.judge_id = None;
        }
        Ok((task, record))
    }

    /// The reviewer `by` recuses from `case_no` of plan `plan_id`, with the reason: the case
    /// goes to the least loaded reviewer of the panel who may take it (none when no one may —
    /// the office then sees it unassigned). Audited; the staff number of the next reviewer, if
    /// any.
    pub fn recuse_from_review(
        &self,
        store: &mut Store,
        by: &User,
        plan_id: i64,
        case_no: &str,
        reason: &str,
    ) -> Result<Option<String>, AppError> {
        let reason = bounded_reason(reason)?;
        if reason.is_empty() {
            return Err(AppError::invalid_for(
                "reason",
                &text!("请写明回避理由", "say why you recuse"),
            ));
        }
        let (task, _) = self.case_under_review(store, by, plan_id, case_no)?;
        if task.submitted_at.is_some() {
            return Err(AppError::Conflict(text!(
                "评查意见已提交，不能再申请回避",
                "the review is submitted: it is too late to recuse"
            )));
        }
        let staff_id = by
            .staff_id
            .as_ref()
            .map(ToString::to_string)
            .ok_or_else(|| not_given(plan_id, case_no))?;
        let plan = store
            .inner
            .review_plan(plan_id)?
            .ok_or_else(|| not_given(plan_id, case_no))?;
        let mut recused: BTreeSet<(String, String)> = store
            .inner
            .review_recusals(plan_id)?
            .into_iter()
            .map(|r| (r.case_no, r.staff_id))
            .collect();
        recused.insert((case_no.to_string(), staff_id.clone()));
        let reviewers = self.panel_now(store, &plan.reviewers)?;
        let case = self.one_to_review(store, &plan, case_no)?;
        let mut loads: BTreeMap<String, usize> = BTreeMap::new();
        for c in &plan.cases {
            if let Some(key) = &c.reviewer {
                *loads.entry(key.clone()).or_default() += 1;
            }
        }
        let separation = separation_of(&plan);
        let next = case
            .as_ref()
            .and_then(|case| next_reviewer(case, &reviewers, separation, &recused, &loads));
        let recusal = ReviewRecusalRow {
            case_no: case_no.to_string(),
            staff_id,
            reason,
            at: self.now_text(),
        };
        store.atomically(|store| {
            if !store
                .inner
                .recuse_review(plan_id, &recusal, next.as_deref())?
            {
                return Err(super::moved(case_no));
            }
            let to = next.as_deref().unwrap_or("-");
            self.audit(
                store,
                Some(&by.name),
                "review.recuse",
                &format!("#{plan_id} {case_no} → {to}"),
            )
        })?;
        Ok(next)
    }

    /// The office gives case `case_no` of plan `plan_id`, not yet reviewed, to the reviewer with
    /// staff number `staff_id` — a case no one could take after a recusal, or one to move: the
    /// reviewer must be on the staff list, in post, and one who may review it under the plan's
    /// rules (another court or division, no part in it, not recused from it); they join the
    /// plan's panel. Audited (`review.assign`).
    pub fn assign_review(
        &self,
        store: &mut Store,
        by: &User,
        plan_id: i64,
        case_no: &str,
        staff_id: &str,
    ) -> Result<(), AppError> {
        let plan = self.review_plan(store, by, plan_id)?;
        if !matches!(by.role, Role::Office | Role::Admin) {
            return Err(AppError::Forbidden(text!(
                "仅审管办和系统管理员可分配评查案件",
                "only the office and administrators assign cases to review"
            )));
        }
        let Some(taken) = plan.cases.iter().find(|c| c.case_no == case_no) else {
            return Err(AppError::NotFound(text!(
                "评查计划#{plan_id}中没有案件{case_no}",
                "plan #{plan_id} has no case {case_no}"
            )));
        };
        let reviewer = self
            .panel(store, &[staff_id.trim().to_string()])?
            .pop()
            .ok_or_else(|| AppError::Internal("a panel of one is one".into()))?;
        let recused: BTreeSet<(String, String)> = store
            .inner
            .review_recusals(plan_id)?
            .into_iter()
            .map(|r| (r.case_no, r.staff_id))
            .collect();
        let separation = separation_of(&plan);
        let may = self
            .one_to_review(store, &plan, case_no)?
            .is_some_and(|case| {
                shenguan_domain::review::assignment::may_review(
                    &reviewer, &case, separation, &recused,
                )
            });
        if !may {
            let key = &reviewer.key;
            return Err(AppError::invalid_for(
                "staff_id",
                &text!(
                    "工号{key}不能评查此案（同院或同庭、曾参与审理或已回避）",
                    "{key} may not review this case (the same court or division, took part in it, or recused)"
                ),
            ));
        }
        store.atomically(|store| {
            if !store.inner.reassign_review(
                plan_id,
                case_no,
                taken.reviewer.as_deref(),
                &reviewer.key,
            )? {
                return Err(super::moved(case_no));
            }
            let from = taken.reviewer.as_deref().unwrap_or("-");
            self.audit(
                store,
                Some(&by.name),
                "review.assign",
                &format!("#{plan_id} {case_no} {from} → {}", reviewer.key),
            )
        })?;
        Ok(())
    }

    /// Case `case_no` of `plan` with everyone who took part in it or its earlier instances, and
    /// the judge who decided it on appeal or retrial (the 重点 rule's deciding case).
    fn one_to_review(
        &self,
        store: &mut Store,
        plan: &ReviewPlanRow,
        case_no: &str,
    ) -> Result<Option<ToReview>, AppError> {
        let Some((record, _)) = store.inner.case(case_no)? else {
            return Ok(None);
        };
        // The chain up its 原审案号, at most as long as any court history runs.
        let mut chain: Vec<CaseRecord> = Vec::new();
        let mut at = record.origin_case_no.clone();
        while let Some(origin) = at.take() {
            if chain.len() >= 16 || chain.iter().any(|c| c.case_no == origin) {
                break;
            }
            if let Some((earlier, _)) = store.inner.case(&origin.to_string())? {
                at = earlier.origin_case_no.clone();
                chain.push(earlier);
            }
        }
        let held: HashMap<String, &CaseRecord> =
            chain.iter().map(|c| (c.case_no.to_string(), c)).collect();
        let mut case = ToReview::of(&record, &held);
        let decided_by = plan
            .cases
            .iter()
            .find(|c| c.case_no == case_no)
            .and_then(|c| c.decided_by.clone());
        if let Some(by) = decided_by
            && let Some((deciding, _)) = store.inner.case(&by)?
        {
            case.took_part.extend(deciding.judge_key());
        }
        Ok(Some(case))
    }

    /// Flags `case_no` for the next 重点 plan: 存疑 by a leader, the office, an administrator or
    /// the head of the case's division; or referred from outside, with who referred it. Audited;
    /// the flag's id.
    pub fn flag_for_review(
        &self,
        store: &mut Store,
        by: &User,
        case_no: &str,
        kind: FlagKind,
        source: &str,
        reason: &str,
    ) -> Result<i64, AppError> {
        let refused = || {
            AppError::Forbidden(text!(
                "仅院领导、审管办、系统管理员和本庭庭长可将案件列为重点评查",
                "only leaders, the office, administrators and the division's head flag a case for key review"
            ))
        };
        // A judge is refused before anything is looked up: whether a case exists is not theirs to
        // learn here.
        if by.role == Role::Judge {
            return Err(refused());
        }
        let this_year = chrono::Datelike::year(&self.today());
        let number = shenguan_domain::CaseNumber::parse(case_no.trim(), this_year)
            .map_err(|e| AppError::invalid_for("case_no", &e.text()))?
            .to_string();
        let missing = || AppError::NotFound(text!("没有案件{number}", "there is no case {number}"));
        let record = store
            .inner
            .case(&number)?
            .map(|(record, _)| record)
            .ok_or_else(missing)?;
        let may = match by.role {
            Role::Office | Role::Leader | Role::Admin => by
                .court
                .is_none_or(|own| CourtScope::with_lower(own).covers(record.court)),
            Role::Division => by.may_see(&record),
            Role::Judge => false,
        };
        if !may {
            return Err(refused());
        }
        let reason = bounded_reason(reason)?;
        if reason.is_empty() {
            return Err(AppError::invalid_for(
                "reason",
                &text!("请写明理由", "say why"),
            ));
        }
        let source = source.trim();
        if kind == FlagKind::Referred
            && (source.is_empty()
                || source.chars().count() > SOURCE_MAX
                || source.chars().any(char::is_control))
        {
            return Err(AppError::invalid_for(
                "source",
                &text!(
                    "交办转办的案件须写明交办单位（一行，不超过{SOURCE_MAX}字）",
                    "a referred case names who referred it (one line of at most {SOURCE_MAX} characters)"
                ),
            ));
        }
        let flag = ReviewFlagRow {
            id: 0,
            case_no: record.case_no.to_string(),
            kind: kind.key().to_string(),
            source: if kind == FlagKind::Referred {
                source.to_string()
            } else {
                String::new()
            },
            reason,
            flagged_on: self.today(),
            by_user: by.name.clone(),
            at: self.now_text(),
        };
        let id = store.atomically(|store| {
            let id = store.inner.add_review_flag(&flag)?;
            self.audit(
                store,
                Some(&by.name),
                "review.flag",
                &format!("{} {}", flag.case_no, flag.kind),
            )?;
            Ok(id)
        })?;
        Ok(id)
    }
}

/// How a plan keeps its reviewers apart from the cases' courts or divisions.
fn separation_of(plan: &ReviewPlanRow) -> Separation {
    match plan.separation.as_str() {
        "division" => Separation::Division,
        _ => Separation::Court,
    }
}

fn not_given(plan_id: i64, case_no: &str) -> AppError {
    AppError::NotFound(text!(
        "评查计划#{plan_id}中没有分配给您的案件{case_no}",
        "plan #{plan_id} gives you no case {case_no} to review"
    ))
}
