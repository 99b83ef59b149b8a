//! 案件评查 plans as the office makes them: the cases a plan takes (every case reversed, remanded or
//! sent for retrial in the period — the 重点 rule — or a routine sample drawn from a recorded
//! seed), each given to a reviewer of the plan's panel by cross-review, previewed before it is
//! kept, written once and audited; each review submitted by the reviewer it was given to, graded
//! on the score sheet; the year's tally the speech reports (docs/review.md).

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;
use shenguan_domain::review::answer::{Answer, Standing, refusal, standing};
use shenguan_domain::review::assignment::{Reviewer, Separation, ToReview, assign};
use shenguan_domain::review::grading::{
    Excuse, Finding, Graded, Responsible, Rubric, Severity, grade,
};
use shenguan_domain::review::selection::{
    Class, Decided, draw_key, repeatedly_petitioned, reversed_remanded_retried, routine_sample,
};
use shenguan_domain::{CaseRecord, CourtCode, CourtScope, Stage, text};

use crate::accounts::{Role, User};
use crate::{App, AppError, Store};

/// What a plan selects by.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlanKind {
    /// 重点评查: every case reversed, remanded or sent for retrial in the period.
    Key,
    /// 常规评查: a share of the cases closed in the period, drawn from a seed.
    Routine,
    /// 专项评查: the cases of a class closed in the period (all, or a share drawn from a seed).
    Thematic,
}

impl PlanKind {
    pub fn key(self) -> &'static str {
        match self {
            PlanKind::Key => "key",
            PlanKind::Routine => "routine",
            PlanKind::Thematic => "thematic",
        }
    }

    pub fn label_zh(self) -> &'static str {
        match self {
            PlanKind::Key => "重点评查",
            PlanKind::Routine => "常规评查",
            PlanKind::Thematic => "专项评查",
        }
    }

    pub fn label(self, lang: crate::Lang) -> &'static str {
        lang.pick(
            self.label_zh(),
            match self {
                PlanKind::Key => "key review",
                PlanKind::Routine => "routine review",
                PlanKind::Thematic => "thematic review",
            },
        )
    }

    pub fn parse(text: &str) -> Option<PlanKind> {
        match text.trim() {
            "key" | "重点" | "重点评查" => Some(PlanKind::Key),
            "routine" | "常规" | "常规评查" => Some(PlanKind::Routine),
            "thematic" | "专项" | "专项评查" => Some(PlanKind::Thematic),
            _ => None,
        }
    }
}

/// A plan as the office asks for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanRequest {
    pub name: String,
    pub kind: PlanKind,
    /// Whose cases (with the courts below); `None`: the user's own court (the network for a
    /// user of the network).
    pub court: Option<CourtCode>,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// The routine sample's share, ‰.
    pub per_mille: u32,
    /// The sample's seed; `None`: one is drawn from the clock (and recorded).
    pub seed: Option<u64>,
    pub separation: Separation,
    /// The panel: staff numbers.
    pub reviewers: Vec<String>,
    /// The reviewers see the judge's name only after submitting.
    pub blind: bool,
    /// A 专项 plan's class of cases.
    pub class: Class,
}

/// Why a plan took a case, as it is kept: `reversed`, `remanded`, `retrial_ordered` (发改再),
/// `referred`, `doubt`, `repeated_petitions` (the rest of the 重点 rule), `sample`, `thematic`.
pub fn reason_label(reason: &str) -> shenguan_domain::Text {
    match reason {
        "reversed" => text!("被改判", "reversed"),
        "remanded" => text!("被发回重审", "remanded"),
        "retrial_ordered" => text!("被指令再审", "sent for retrial"),
        "referred" => text!("交办转办", "referred from outside"),
        "doubt" => text!("存疑", "flagged as doubtful"),
        "repeated_petitions" => text!("重复信访", "repeated petitions"),
        "sample" => text!("随机抽查", "random sample"),
        "thematic" => text!("专项", "thematic"),
        other => shenguan_domain::Text::same(other.to_string()),
    }
}

fn reason_of(decided: Decided) -> &'static str {
    match decided {
        Decided::Reversed => "reversed",
        Decided::Remanded => "remanded",
        Decided::RetrialOrdered => "retrial_ordered",
    }
}

/// The most cases one plan takes.
const PLAN_CASES_MAX: usize = 20_000;

/// What a case of the store is for a plan: its court, division, judge and original case.
struct Link {
    court: CourtCode,
    division: Option<String>,
    judge: Option<String>,
    origin: Option<String>,
}

impl App {
    /// The plan `request` would make, not written: its cases and their reviewers.
    pub fn preview_review_plan(
        &self,
        store: &mut Store,
        by: &User,
        request: &PlanRequest,
    ) -> Result<ReviewPlanRow, AppError> {
        let court = plan_court(by, request.court)?;
        if request.from > request.to {
            return Err(AppError::invalid_for(
                "from",
                &text!("起始日期晚于截止日期", "the period starts after it ends"),
            ));
        }
        if request.kind != PlanKind::Key && !(1..=1000).contains(&request.per_mille) {
            return Err(AppError::invalid_for(
                "per_mille",
                &text!("抽样比例须为1‰至1000‰", "the share is 1 to 1000 per mille"),
            ));
        }
        let name = request.name.trim();
        if name.is_empty() || name.chars().count() > 100 || name.chars().any(char::is_control) {
            return Err(AppError::invalid_for(
                "name",
                &text!(
                    "计划名称须为1至100字的一行",
                    "the plan's name is one line of 1 to 100 characters"
                ),
            ));
        }
        match (request.kind, request.class.problem()) {
            (PlanKind::Thematic, Some((field, why))) => {
                return Err(AppError::invalid_for(field, &why));
            }
            (PlanKind::Key | PlanKind::Routine, _) if request.class != Class::default() => {
                return Err(AppError::invalid_for(
                    "types",
                    &text!(
                        "只有专项评查计划指定案件类别",
                        "only a thematic plan names a class of cases"
                    ),
                ));
            }
            _ => {}
        }
        let reviewers = self.panel(store, &request.reviewers)?;
        let seed = request
            .seed
            .unwrap_or_else(|| draw_key(0, &self.now_text()));
        let scope = court.map(CourtScope::with_lower);
        let within = |c: CourtCode| scope.is_none_or(|s| s.covers(c));
        // One pass over the store: each case's link up its chain, the cases closed in the period
        // within the plan's courts, and the cases that decided about another in the period.
        let mut links: HashMap<String, Link> = HashMap::new();
        let mut closed: Vec<CaseRecord> = Vec::new();
        let mut deciding: Vec<CaseRecord> = Vec::new();
        let in_period = |r: &CaseRecord| {
            r.closed_on
                .is_some_and(|c| c >= request.from && c <= request.to)
        };
        store.inner.each_case(&mut |record| {
            links.insert(
                record.case_no.to_string(),
                Link {
                    court: record.court,
                    division: record.division.clone(),
                    judge: record.judge_key(),
                    origin: record.origin_case_no.as_ref().map(ToString::to_string),
                },
            );
            let decides = record.origin_case_no.is_some()
                && matches!(
                    record.case_no.stage(),
                    Some(Stage::SecondInstance | Stage::RetrialReview | Stage::Retrial)
                );
            if in_period(&record) && decides {
                deciding.push(record.clone());
            }
            let sampled = match request.kind {
                PlanKind::Key => false,
                PlanKind::Routine => true,
                PlanKind::Thematic => request.class.takes(&record),
            };
            if sampled && in_period(&record) && within(record.court) {
                closed.push(record);
            }
            Ok(())
        })?;
        let mut cases: Vec<ReviewCaseRow> = match request.kind {
            PlanKind::Key => {
                let origins: Vec<String> = deciding
                    .iter()
                    .filter_map(|r| r.origin_case_no.as_ref().map(ToString::to_string))
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect();
                let mut records = store.inner.cases_by_numbers(&origins)?;
                records.extend(deciding);
                let mut taken: Vec<ReviewCaseRow> =
                    reversed_remanded_retried(&records, request.from, request.to)
                        .into_iter()
                        .map(|k| ReviewCaseRow {
                            case_no: k.case_no.to_string(),
                            reason: reason_of(k.decided).to_string(),
                            decided_by: Some(k.by.to_string()),
                            reviewer: None,
                        })
                        .collect();
                taken.extend(self.other_key_cases(store, request)?);
                // Each case once, for its first reason in the rule's order; only the plan's
                // courts' cases of the data.
                let mut seen = BTreeSet::new();
                taken.retain(|c| {
                    links.get(&c.case_no).is_some_and(|l| within(l.court))
                        && seen.insert(c.case_no.clone())
                });
                taken.sort_by(|a, b| a.case_no.cmp(&b.case_no));
                taken
            }
            PlanKind::Routine | PlanKind::Thematic => {
                let reason = match request.kind {
                    PlanKind::Thematic => "thematic",
                    _ => "sample",
                };
                routine_sample(&closed, request.from, request.to, request.per_mille, seed)
                    .into_iter()
                    .map(|n| ReviewCaseRow {
                        case_no: n.to_string(),
                        reason: reason.into(),
                        decided_by: None,
                        reviewer: None,
                    })
                    .collect()
            }
        };
        if cases.len() > PLAN_CASES_MAX {
            let count = cases.len();
            return Err(AppError::Invalid(text!(
                "一个评查计划最多{PLAN_CASES_MAX}件案件（本次{count}件），请缩短期间或降低抽样比例",
                "a review plan takes at most {PLAN_CASES_MAX} cases ({count} here): shorten the period or lower the share"
            )));
        }
        let to_review: Vec<ToReview> = cases
            .iter()
            .filter_map(|c| {
                let link = links.get(&c.case_no)?;
                let mut took_part = BTreeSet::new();
                let mut seen = BTreeSet::new();
                let mut at = Some((c.case_no.clone(), link));
                while let Some((number, l)) = at {
                    if !seen.insert(number) {
                        break;
                    }
                    took_part.extend(l.judge.clone());
                    at = l
                        .origin
                        .as_ref()
                        .and_then(|o| links.get(o).map(|next| (o.clone(), next)));
                }
                // Nor the judge who reversed, remanded or sent it back: they judged it already.
                if let Some(judge) = c
                    .decided_by
                    .as_ref()
                    .and_then(|by| links.get(by))
                    .and_then(|l| l.judge.clone())
                {
                    took_part.insert(judge);
                }
                Some(ToReview {
                    case_no: shenguan_domain::CaseNumber::parse(&c.case_no, i32::MAX).ok()?,
                    court: link.court,
                    division: link.division.clone(),
                    took_part,
                })
            })
            .collect();
        let done = assign(&to_review, &reviewers, request.separation, &BTreeSet::new());
        for case in &mut cases {
            case.reviewer = done.assigned.get(&case.case_no).cloned();
        }
        Ok(ReviewPlanRow {
            id: 0,
            name: name.to_string(),
            kind: request.kind.key().to_string(),
            court: court.map(|c| c.to_string()),
            from: request.from,
            to: request.to,
            per_mille: request.per_mille,
            seed: i64::from_ne_bytes(seed.to_ne_bytes()),
            separation: match request.separation {
                Separation::Court => "court",
                Separation::Division => "division",
            }
            .to_string(),
            blind: request.blind,
            class: (request.kind == PlanKind::Thematic).then(|| request.class.written()),
            created_by: by.name.clone(),
            created_at: self.now_text(),
            reviewers: reviewers.iter().map(|r| r.key.clone()).collect(),
            cases,
        })
    }

    /// Makes the plan `request` asks for and keeps it; the plan as written.
    pub fn create_review_plan(
        &self,
        store: &mut Store,
        by: &User,
        request: &PlanRequest,
    ) -> Result<ReviewPlanRow, AppError> {
        let plan = self.preview_review_plan(store, by, request)?;
        let id = store.atomically(|store| {
            let id = store.inner.write_review_plan(&plan)?;
            let detail = format!(
                "#{id} {} {} {} cases seed {}",
                plan.name,
                plan.kind,
                plan.cases.len(),
                u64::from_ne_bytes(plan.seed.to_ne_bytes())
            );
            self.audit(store, Some(&by.name), "review.plan", &detail)?;
            Ok(id)
        })?;
        self.review_plan(store, by, id)
    }

    /// Plan `id`, if `user` may read it (the office, leaders and administrators of its courts).
    pub fn review_plan(
        &self,
        store: &mut Store,
        user: &User,
        id: i64,
    ) -> Result<ReviewPlanRow, AppError> {
        let missing =
            || AppError::NotFound(text!("没有评查计划#{id}", "there is no review plan #{id}"));
        let plan = store.inner.review_plan(id)?.ok_or_else(missing)?;
        let court = plan.court.as_deref().and_then(|c| CourtCode::parse(c).ok());
        if listing::reads_plan(user, court) {
            Ok(plan)
        } else {
            Err(missing())
        }
    }

    /// The cases the 重点 rule takes besides 发改再, in its order: referred from outside and
    /// flagged 存疑 in the period, and those with repeated petitions (`[review]
    /// repeat_petitions`, when the petition register is kept).
    fn other_key_cases(
        &self,
        store: &mut Store,
        request: &PlanRequest,
    ) -> Result<Vec<ReviewCaseRow>, AppError> {
        let flags = store.inner.review_flags(request.from, request.to)?;
        let mut taken: Vec<ReviewCaseRow> = Vec::new();
        for kind in ["referred", "doubt"] {
            taken.extend(
                flags
                    .iter()
                    .filter(|f| f.kind == kind)
                    .map(|f| ReviewCaseRow {
                        case_no: f.case_no.clone(),
                        reason: kind.to_string(),
                        decided_by: None,
                        reviewer: None,
                    }),
            );
        }
        let register = store.inner.petitions(&shenguan_store::PetitionQuery {
            court: None,
            from: None,
            to: Some(request.to),
        })?;
        let about: Vec<(shenguan_domain::CaseNumber, NaiveDate)> = register
            .iter()
            .flat_map(|p| {
                p.petition
                    .cases
                    .iter()
                    .map(|c| (c.clone(), p.petition.received_on))
            })
            .collect();
        taken.extend(
            repeatedly_petitioned(
                &about,
                request.from,
                request.to,
                self.config().review_repeat_petitions as usize,
            )
            .into_iter()
            .map(|n| ReviewCaseRow {
                case_no: n.to_string(),
                reason: "repeated_petitions".into(),
                decided_by: None,
                reviewer: None,
            }),
        );
        Ok(taken)
    }

    /// The panel named by staff numbers (each once): each must be on the staff list, and is
    /// known in case data by their number and by their court and name.
    fn panel(&self, store: &mut Store, ids: &[String]) -> Result<Vec<Reviewer>, AppError> {
        let ids: BTreeSet<&str> = ids.iter().map(|id| id.trim()).collect();
        if ids.is_empty() || ids.len() > 500 {
            return Err(AppError::invalid_for(
                "reviewers",
                &text!(
                    "须指定1至500名评查人员（工号）",
                    "name 1 to 500 reviewers by staff number"
                ),
            ));
        }
        let staff = store.inner.staff()?;
        let today = self.today();
        ids.into_iter()
            .map(|id| {
                let Some(s) = staff.iter().find(|s| s.id.to_string() == id) else {
                    return Err(AppError::invalid_for(
                        "reviewers",
                        &text!(
                            "人员名单中没有工号{id}",
                            "the staff list has no staff number {id}"
                        ),
                    ));
                };
                if s.active_to.is_some_and(|left| left < today) {
                    let name = &s.name;
                    return Err(AppError::invalid_for(
                        "reviewers",
                        &text!(
                            "工号{id}（{name}）已不在岗",
                            "the staff number {id} ({name}) has left"
                        ),
                    ));
                }
                Ok(reviewer_of(s))
            })
            .collect()
    }

    /// The panel of a plan already made, as the staff list has it now: a member no longer on
    /// the list (a plan brought from another store) or gone takes no more cases.
    fn panel_now(&self, store: &mut Store, ids: &[String]) -> Result<Vec<Reviewer>, AppError> {
        let today = self.today();
        Ok(store
            .inner
            .staff()?
            .iter()
            .filter(|s| ids.iter().any(|id| *id == s.id.to_string()))
            .filter(|s| s.active_to.is_none_or(|left| left >= today))
            .map(reviewer_of)
            .collect())
    }
}

/// A member of the staff list as a reviewer: known in case data by their number and by their
/// court and name.
fn reviewer_of(s: &shenguan_domain::Staff) -> Reviewer {
    Reviewer {
        key: s.id.to_string(),
        also: vec![format!("{}:{}", s.court, s.name.trim())],
        court: s.court,
        division: s.division.clone(),
    }
}

/// A submitted review with what followed it, as the judge, the office or a leader reads it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewFile {
    pub result: ReviewResultRow,
    /// Why the plan took the case (reversed, sample …).
    pub reason: String,
    /// The grade before any decision: the review's own, or the error grade presumed for a
    /// reversed case where the network presumes so (the judge's objection is then the rebuttal).
    pub presumed: Graded,
    pub answers: Vec<shenguan_store::ReviewAnswerRow>,
    pub standing: Standing,
}

/// Whether `user` keeps the review of a case of `court` (decides objections, records outcomes):
/// the office, a leader or an administrator of that court or one above.
fn keeps_review(user: &User, court: CourtCode) -> bool {
    matches!(user.role, Role::Office | Role::Leader | Role::Admin)
        && user
            .court
            .is_none_or(|own| CourtScope::with_lower(own).covers(court))
}

impl App {
    /// The review of `case_no` in plan `plan_id` with what followed, if `user` may read it: the
    /// judge of the case (a judge sees only the findings about their cases), the office, a leader
    /// or an administrator of its court.
    pub fn review_file(
        &self,
        store: &mut Store,
        user: &User,
        plan_id: i64,
        case_no: &str,
    ) -> Result<ReviewFile, AppError> {
        let missing = || {
            AppError::NotFound(text!(
                "没有评查计划#{plan_id}中案件{case_no}的评查意见",
                "there is no review of {case_no} in plan #{plan_id}"
            ))
        };
        let record = store
            .inner
            .case(case_no)?
            .map(|(record, _)| record)
            .ok_or_else(missing)?;
        // The judge of the case and the head of its division read it; the office, leaders and
        // administrators of its court keep it.
        if !(keeps_review(user, record.court)
            || (matches!(user.role, Role::Judge | Role::Division) && user.may_see(&record)))
        {
            return Err(missing());
        }
        let result = store
            .inner
            .review_results(plan_id)?
            .into_iter()
            .find(|r| r.case_no == case_no)
            .ok_or_else(missing)?;
        let answers = store.inner.review_answers(plan_id, case_no)?;
        let reason = store
            .inner
            .review_case(plan_id, case_no)?
            .map(|c| c.reason)
            .unwrap_or_default();
        let presumed = self.presumed(
            &reason,
            Graded {
                score: result.score,
                grade: result.grade.clone(),
                problem: result.problem,
                error: result.error,
            },
        );
        let standing = standing(
            submitted_day(&result),
            &presumed.grade,
            &answers_of(&answers),
            self.config().review_objection_days,
            self.today(),
        );
        Ok(ReviewFile {
            result,
            reason,
            presumed,
            answers,
            standing,
        })
    }

    /// The judge objects to the review of their case, with the reason.
    pub fn object_to_review(
        &self,
        store: &mut Store,
        by: &User,
        plan_id: i64,
        case_no: &str,
        reason: &str,
    ) -> Result<ReviewFile, AppError> {
        let file = self.review_file(store, by, plan_id, case_no)?;
        if by.role != Role::Judge {
            return Err(AppError::Forbidden(text!(
                "异议由承办法官提出",
                "the judge of the case objects"
            )));
        }
        let answer = Answer::Object {
            on: self.today(),
            reason: bounded_reason(reason)?,
        };
        self.answer_review(store, by, plan_id, &file, &answer)
    }

    /// The decision on the judge's objection (a second review or the committee, recorded by the
    /// office): the grade that stands, and why.
    pub fn decide_objection(
        &self,
        store: &mut Store,
        by: &User,
        plan_id: i64,
        case_no: &str,
        grade: &str,
        reason: &str,
    ) -> Result<ReviewFile, AppError> {
        let file = self.review_file(store, by, plan_id, case_no)?;
        self.may_keep(store, by, case_no)?;
        let answer = Answer::Decide {
            on: self.today(),
            grade: grade.trim().to_string(),
            reason: bounded_reason(reason)?,
        };
        self.answer_review(store, by, plan_id, &file, &answer)
    }

    /// Records an accountability outcome (问责) of a final review graded as an error.
    pub fn hold_to_account(
        &self,
        store: &mut Store,
        by: &User,
        plan_id: i64,
        case_no: &str,
        outcome: &str,
        note: &str,
    ) -> Result<ReviewFile, AppError> {
        let file = self.review_file(store, by, plan_id, case_no)?;
        self.may_keep(store, by, case_no)?;
        let outcome = outcome.trim();
        let outcomes = &self.config().review_outcomes;
        if !outcomes.iter().any(|o| o == outcome) {
            let known = outcomes.join("、");
            return Err(AppError::invalid_for(
                "outcome",
                &text!("问责方式须为：{known}", "the outcome is one of {known}"),
            ));
        }
        let error_grade = self.config().review_scale.error_grade().to_string();
        match &file.standing {
            Standing::Final { grade, .. } if *grade == error_grade => {}
            _ => {
                return Err(AppError::Conflict(text!(
                    "只有评查结论已确定为{error_grade}的案件才能问责",
                    "only a case whose review stands final as {error_grade} is held to account"
                )));
            }
        }
        let note = bounded_reason(note)?;
        let row = shenguan_store::ReviewAnswerRow {
            seq: 0,
            at: self.now_text(),
            by_user: by.name.clone(),
            kind: "outcome".into(),
            day: self.today(),
            grade: None,
            text: if note.is_empty() {
                outcome.to_string()
            } else {
                format!("{outcome}：{note}")
            },
        };
        let after = file.answers.len() as u64;
        store.atomically(|store| {
            if !store
                .inner
                .add_review_answer(plan_id, case_no, after, &row)?
            {
                return Err(moved(case_no));
            }
            self.audit(
                store,
                Some(&by.name),
                "review.outcome",
                &format!("#{plan_id} {case_no} {outcome}"),
            )
        })?;
        self.review_file(store, by, plan_id, case_no)
    }

    fn may_keep(&self, store: &mut Store, by: &User, case_no: &str) -> Result<(), AppError> {
        let court = store.inner.case(case_no)?.map(|(r, _)| r.court);
        if court.is_some_and(|c| keeps_review(by, c)) {
            Ok(())
        } else {
            Err(AppError::Forbidden(text!(
                "仅审管办、院领导和系统管理员可作出决定或问责",
                "only the office, leaders and administrators decide or hold to account"
            )))
        }
    }

    /// Takes `answer` where the review stands, written only from the steps read; audited as
    /// `review.object` or `review.decide`.
    fn answer_review(
        &self,
        store: &mut Store,
        by: &User,
        plan_id: i64,
        file: &ReviewFile,
        answer: &Answer,
    ) -> Result<ReviewFile, AppError> {
        let kind = match answer {
            Answer::Object { .. } => "object",
            Answer::Decide { .. } => "decide",
        };
        let case_no = file.result.case_no.clone();
        let grades = self.config().review_scale.grades();
        if let Some(why) = refusal(
            submitted_day(&file.result),
            &file.presumed.grade,
            &answers_of(&file.answers),
            self.config().review_objection_days,
            answer,
            &grades,
        ) {
            return Err(AppError::Conflict(why));
        }
        let (grade, text) = match answer {
            Answer::Object { reason, .. } => (None, reason.clone()),
            Answer::Decide { grade, reason, .. } => (Some(grade.clone()), reason.clone()),
        };
        let row = shenguan_store::ReviewAnswerRow {
            seq: 0,
            at: self.now_text(),
            by_user: by.name.clone(),
            kind: kind.to_string(),
            day: self.today(),
            grade,
            text,
        };
        store.atomically(|store| {
            if !store
                .inner
                .add_review_answer(plan_id, &case_no, file.answers.len() as u64, &row)?
            {
                return Err(moved(&case_no));
            }
            self.audit(
                store,
                Some(&by.name),
                &format!("review.{kind}"),
                &format!("#{plan_id} {case_no}"),
            )
        })?;
        self.review_file(store, by, plan_id, &case_no)
    }
}

impl App {
    /// The score sheet case `case_no` is reviewed on: the network's sheet for its category.
    pub fn sheet_for(&self, case_no: &str) -> &Rubric {
        let category = shenguan_domain::CaseNumber::parse(case_no, i32::MAX)
            .ok()
            .and_then(|n| n.case_type())
            .map(|t| t.category);
        self.config().review_sheets.for_category(category)
    }
}

fn moved(case_no: &str) -> AppError {
    AppError::Conflict(text!(
        "案件{case_no}的评查刚被他人处理，请刷新后再试",
        "someone has just acted on the review of {case_no}: reload it and try again"
    ))
}

/// A reason of one to 2000 characters.
fn bounded_reason(text: &str) -> Result<String, AppError> {
    let text = text.trim();
    if text.chars().count() > FINDING_TEXT_MAX {
        return Err(AppError::invalid_for(
            "reason",
            &text!(
                "最多{FINDING_TEXT_MAX}字",
                "at most {FINDING_TEXT_MAX} characters"
            ),
        ));
    }
    Ok(text.to_string())
}

/// The day a review was submitted (its moment's date).
fn submitted_day(result: &ReviewResultRow) -> NaiveDate {
    figures::day_of(&result.submitted_at).unwrap_or(NaiveDate::MIN)
}

/// The stored steps as the domain reads them (outcomes are not part of the standing).
fn answers_of(rows: &[shenguan_store::ReviewAnswerRow]) -> Vec<Answer> {
    rows.iter()
        .filter_map(|r| match r.kind.as_str() {
            "object" => Some(Answer::Object {
                on: r.day,
                reason: r.text.clone(),
            }),
            "decide" => Some(Answer::Decide {
                on: r.day,
                grade: r.grade.clone().unwrap_or_default(),
                reason: r.text.clone(),
            }),
            _ => None,
        })
        .collect()
}

/// How a finding is kept: the responsible as `judge:王伟`, `panel:…`, `presiding:…`,
/// `approver:…`, `committee`, joined by `;`.
fn finding_row(f: &Finding) -> ReviewFindingRow {
    let responsible: Vec<String> = f
        .responsible
        .iter()
        .map(|r| match r {
            Responsible::Judge(n) => format!("judge:{n}"),
            Responsible::PanelMember(n) => format!("panel:{n}"),
            Responsible::PresidingJudge(n) => format!("presiding:{n}"),
            Responsible::Approver(n) => format!("approver:{n}"),
            Responsible::Committee => "committee".to_string(),
        })
        .collect();
    ReviewFindingRow {
        item: f.item.clone(),
        severity: match f.severity {
            Severity::Flaw => "flaw",
            Severity::Error => "error",
        }
        .to_string(),
        text: f.text.clone(),
        deduction: f.deduction,
        responsible: responsible.join(";"),
        excuse: f.excuse.as_ref().map(|e| match e {
            Excuse::LawUnderstanding => "law_understanding".to_string(),
            Excuse::NewEvidence => "new_evidence".to_string(),
            Excuse::ChangedLaw => "changed_law".to_string(),
            Excuse::Other(text) => format!("other:{text}"),
        }),
    }
}

/// The most findings one review may give, and the longest text of one.
const FINDINGS_MAX: usize = 100;
const FINDING_TEXT_MAX: usize = 2000;
/// The longest name of a person held responsible.
const NAME_MAX: usize = 50;

impl App {
    /// The reviewer `by` submits the review of `case_no` in plan `plan_id`: graded on the score
    /// sheet, kept with its findings, audited. Only the reviewer the case was given to, once.
    pub fn submit_review(
        &self,
        store: &mut Store,
        by: &User,
        plan_id: i64,
        case_no: &str,
        findings: &[Finding],
    ) -> Result<Graded, AppError> {
        let not_yours = || {
            AppError::NotFound(text!(
                "评查计划#{plan_id}中没有分配给您的案件{case_no}",
                "plan #{plan_id} gives you no case {case_no} to review"
            ))
        };
        let reviewer = by
            .staff_id
            .as_ref()
            .map(ToString::to_string)
            .ok_or_else(not_yours)?;
        let plan = store.inner.review_plan(plan_id)?.ok_or_else(not_yours)?;
        if !plan
            .cases
            .iter()
            .any(|c| c.case_no == case_no && c.reviewer.as_deref() == Some(reviewer.as_str()))
        {
            return Err(not_yours());
        }
        // A responsible person's name is kept joined with `;` (`judge:王伟;panel:李娜`).
        let bad_name = |r: &Responsible| match r {
            Responsible::Committee => false,
            Responsible::Judge(n)
            | Responsible::PanelMember(n)
            | Responsible::PresidingJudge(n)
            | Responsible::Approver(n) => {
                n.trim().is_empty()
                    || n.chars().count() > NAME_MAX
                    || n.contains(';')
                    || n.chars().any(char::is_control)
            }
        };
        let bad_excuse = |f: &Finding| {
            matches!(&f.excuse, Some(Excuse::Other(why))
                if why.trim().is_empty() || why.chars().count() > FINDING_TEXT_MAX)
        };
        if findings.iter().any(bad_excuse) {
            return Err(AppError::invalid_for(
                "excuse",
                &text!(
                    "其他免责事由须写明，不超过{FINDING_TEXT_MAX}字",
                    "another excuse is written out in at most {FINDING_TEXT_MAX} characters"
                ),
            ));
        }
        if findings
            .iter()
            .any(|f| f.responsible.len() > 20 || f.responsible.iter().any(bad_name))
        {
            return Err(AppError::invalid_for(
                "responsible",
                &text!(
                    "每条至多20名责任人，姓名须为一行，1至{NAME_MAX}字，不含“;”",
                    "at most 20 responsible a finding, each name one line of 1 to {NAME_MAX} characters without “;”"
                ),
            ));
        }
        if findings.len() > FINDINGS_MAX
            || findings
                .iter()
                .any(|f| f.text.chars().count() > FINDING_TEXT_MAX || f.text.trim().is_empty())
        {
            return Err(AppError::invalid_for(
                "findings",
                &text!(
                    "评查意见至多{FINDINGS_MAX}条，每条须写明问题，不超过{FINDING_TEXT_MAX}字",
                    "at most {FINDINGS_MAX} findings, each saying what was found in at most {FINDING_TEXT_MAX} characters"
                ),
            ));
        }
        let graded = grade(
            self.sheet_for(case_no),
            &self.config().review_scale,
            findings,
        )
        .map_err(|e| AppError::invalid_for("findings", &e.0))?;
        store.atomically(|store| {
            let written = store.inner.submit_review(&ReviewResultRow {
                plan_id,
                case_no: case_no.to_string(),
                reviewer,
                submitted_at: self.now_text(),
                score: graded.score,
                grade: graded.grade.clone(),
                problem: graded.problem,
                error: graded.error,
                findings: findings.iter().map(finding_row).collect(),
            })?;
            if !written {
                return Err(AppError::Conflict(text!(
                    "案件{case_no}的评查已提交",
                    "the review of {case_no} is already submitted"
                )));
            }
            let detail = format!("#{plan_id} {case_no} {}", graded.grade);
            self.audit(store, Some(&by.name), "review.submit", &detail)
        })?;
        Ok(graded)
    }
}

/// The court a plan by `by` covers: the one asked for, within the user's own; the user's own
/// when none is asked for. Only the office and administrators make plans.
fn plan_court(by: &User, asked: Option<CourtCode>) -> Result<Option<CourtCode>, AppError> {
    if !matches!(by.role, Role::Office | Role::Admin) {
        return Err(AppError::Forbidden(text!(
            "仅审管办和系统管理员可制定评查计划",
            "only the office and administrators make review plans"
        )));
    }
    match (by.court, asked) {
        (own, None) => Ok(own),
        (None, Some(court)) => Ok(Some(court)),
        (Some(own), Some(court)) if CourtScope::with_lower(own).covers(court) => Ok(Some(court)),
        (Some(_), Some(court)) => Err(AppError::Forbidden(text!(
            "无权制定{court}的评查计划",
            "you may not make review plans for {court}"
        ))),
    }
}

mod bulletin;
mod figures;
mod listing;
mod reviewing;
#[cfg(test)]
pub(crate) mod tests;

pub use figures::Settled;
pub use listing::{ItemCount, PerformanceEntry, YearFindings};
pub use reviewing::FlagKind;
pub use shenguan_store::{
    ReviewAnswerRow, ReviewCaseRow, ReviewFindingRow, ReviewPlanRow, ReviewResultRow, ReviewTaskRow,
};
