//! One case of a review plan in the JSON API: the case as its reviewer may read it (the judge held
//! back in a blind plan until they submit) with the score sheet, the review file as the judge of
//! the case and the office read it, and the steps on it — the reviewer submits or recuses, the
//! judge objects, the office decides and holds to account. Who may do what is the app's to decide.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use bytes::Bytes;
use serde::{Deserialize, Serialize};
use shenguan_app::review::{ReviewFile, reason_label};
use shenguan_app::{AppError, ErrorKind, text};
use shenguan_domain::review::answer::Standing;
use shenguan_domain::review::grading::{Excuse, Finding, Graded, Responsible, Severity};
use utoipa::ToSchema;

use super::body::Case;
use super::request::json_or_default;
use super::review::canonical_case;
use crate::auth::{blocking, user};
use crate::error::{CommonErrors, ErrorBody};
use crate::{ApiError, Server, item_number};

/// How serious a finding is.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum FindingSeverity {
    /// 瑕疵
    Flaw,
    /// 差错
    Error,
}

/// Who a finding holds responsible (司法责任制).
#[derive(Clone, Copy, Debug, Deserialize, Serialize, ToSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub(crate) enum ResponsibleRole {
    /// 承办法官
    Judge,
    /// 合议庭成员
    Panel,
    /// 审判长
    Presiding,
    /// 审批的庭长、院长
    Approver,
    /// 审判委员会 (no name)
    Committee,
}

/// One responsible person (or the committee).
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReviewResponsible {
    pub role: ResponsibleRole,
    /// The person's name; null for the committee
    #[serde(default)]
    #[schema(required = true)]
    pub name: Option<String>,
}

/// A reason that excludes liability: law_understanding (合理的法律理解分歧), new_evidence (新证据),
/// changed_law (法律政策变化), or `{"other": "…"}`.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub(crate) enum FindingExcuse {
    LawUnderstanding,
    NewEvidence,
    ChangedLaw,
    Other(String),
}

/// A finding of a review.
#[derive(Debug, Deserialize, Serialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReviewFinding {
    /// The score sheet's item code (2.3)
    pub item: String,
    pub severity: FindingSeverity,
    /// What was found
    pub text: String,
    /// Points deducted from the item (never more than it holds)
    #[serde(default)]
    pub deduction: u32,
    #[serde(default)]
    pub responsible: Vec<ReviewResponsible>,
    /// Null: the finding counts toward the grade
    #[serde(default)]
    #[schema(required = true)]
    pub excuse: Option<FindingExcuse>,
}

/// The domain's finding from the API's (the app checks what it must be: names of one line
/// without the `;` the store joins them with, an excuse written out).
fn finding(asked: ReviewFinding) -> Finding {
    let responsible = asked
        .responsible
        .into_iter()
        .map(|r| {
            let name = r
                .name
                .as_deref()
                .map(str::trim)
                .unwrap_or_default()
                .to_string();
            match r.role {
                ResponsibleRole::Judge => Responsible::Judge(name),
                ResponsibleRole::Panel => Responsible::PanelMember(name),
                ResponsibleRole::Presiding => Responsible::PresidingJudge(name),
                ResponsibleRole::Approver => Responsible::Approver(name),
                ResponsibleRole::Committee => Responsible::Committee,
            }
        })
        .collect();
    let excuse = asked.excuse.map(|e| match e {
        FindingExcuse::LawUnderstanding => Excuse::LawUnderstanding,
        FindingExcuse::NewEvidence => Excuse::NewEvidence,
        FindingExcuse::ChangedLaw => Excuse::ChangedLaw,
        FindingExcuse::Other(why) => Excuse::Other(why.trim().to_string()),
    });
    Finding {
        item: asked.item.trim().to_string(),
        severity: match asked.severity {
            FindingSeverity::Flaw => Severity::Flaw,
            FindingSeverity::Error => Severity::Error,
        },
        text: asked.text,
        deduction: asked.deduction,
        responsible,
        excuse,
    }
}

/// A finding as kept (`judge:王伟;committee`, `other:…`), in the API's shape again.
fn finding_body(row: &FindingRow<'_>) -> ReviewFinding {
    let responsible = row
        .responsible
        .split(';')
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (role, name) = part.split_once(':').unwrap_or((part, ""));
            let role = match role {
                "panel" => ResponsibleRole::Panel,
                "presiding" => ResponsibleRole::Presiding,
                "approver" => ResponsibleRole::Approver,
                "committee" => ResponsibleRole::Committee,
                _ => ResponsibleRole::Judge,
            };
            ReviewResponsible {
                role,
                name: (role != ResponsibleRole::Committee).then(|| name.to_string()),
            }
        })
        .collect();
    ReviewFinding {
        item: row.item.to_string(),
        severity: if row.severity == "error" {
            FindingSeverity::Error
        } else {
            FindingSeverity::Flaw
        },
        text: row.text.to_string(),
        deduction: row.deduction,
        responsible,
        excuse: row.excuse.map(|e| match e {
            "law_understanding" => FindingExcuse::LawUnderstanding,
            "new_evidence" => FindingExcuse::NewEvidence,
            "changed_law" => FindingExcuse::ChangedLaw,
            other => {
                FindingExcuse::Other(other.strip_prefix("other:").unwrap_or(other).to_string())
            }
        }),
    }
}

/// The fields of a kept finding [`finding_body`] reads (the store's row is the app's to name).
struct FindingRow<'a> {
    item: &'a str,
    severity: &'a str,
    text: &'a str,
    deduction: u32,
    responsible: &'a str,
    excuse: Option<&'a str>,
}

/// A reviewed case's grade.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReviewGrade {
    /// Out of 100
    pub score: u32,
    /// 合格, 瑕疵, 差错 (or the network's scale)
    pub grade: String,
    /// 问题案件
    pub problem: bool,
    /// 差错案件
    pub error: bool,
}

impl ReviewGrade {
    fn of(g: &Graded) -> ReviewGrade {
        ReviewGrade {
            score: g.score,
            grade: g.grade.clone(),
            problem: g.problem,
            error: g.error,
        }
    }
}

/// A step after the review: an objection, a decision, an accountability outcome.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReviewAnswer {
    pub seq: i64,
    pub at: String,
    pub by: String,
    /// object, decide or outcome
    pub kind: String,
    #[schema(format = Date)]
    pub day: String,
    /// The grade a decision lets stand
    #[schema(required = true)]
    pub grade: Option<String>,
    pub text: String,
}

/// Where a review stands.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReviewStanding {
    /// open (the judge may object until objection_by), objected (a decision awaited) or final
    pub state: &'static str,
    #[schema(required = true, format = Date)]
    pub objection_by: Option<String>,
    #[schema(required = true, format = Date)]
    pub objected_on: Option<String>,
    /// The judge's reason
    #[schema(required = true)]
    pub objection: Option<String>,
    /// The grade that stands, once final
    #[schema(required = true)]
    pub grade: Option<String>,
    /// A decision changed the grade
    #[schema(required = true)]
    pub changed: Option<bool>,
}

impl ReviewStanding {
    fn of(s: &Standing) -> ReviewStanding {
        let mut body = ReviewStanding {
            state: "open",
            objection_by: None,
            objected_on: None,
            objection: None,
            grade: None,
            changed: None,
        };
        match s {
            Standing::Open { objection_by } => body.objection_by = Some(objection_by.to_string()),
            Standing::Objected { on, reason } => {
                body.state = "objected";
                body.objected_on = Some(on.to_string());
                body.objection = Some(reason.clone());
            }
            Standing::Final { grade, changed } => {
                body.state = "final";
                body.grade = Some(grade.clone());
                body.changed = Some(*changed);
            }
        }
        body
    }
}

/// A submitted review with what followed, as the judge and the office read it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReviewFileBody {
    /// The reviewer's staff number
    pub reviewer: String,
    pub submitted_at: String,
    /// The review's own grade
    pub graded: ReviewGrade,
    /// The grade before any decision: its own, or the error grade presumed for a reversed case
    /// where the network presumes so
    pub presumed: ReviewGrade,
    /// Why the plan took the case
    pub reason: String,
    pub reason_zh: String,
    pub findings: Vec<ReviewFinding>,
    pub answers: Vec<ReviewAnswer>,
    pub standing: ReviewStanding,
}

impl ReviewFileBody {
    fn of(file: &ReviewFile) -> ReviewFileBody {
        let r = &file.result;
        ReviewFileBody {
            reviewer: r.reviewer.clone(),
            submitted_at: r.submitted_at.clone(),
            graded: ReviewGrade {
                score: r.score,
                grade: r.grade.clone(),
                problem: r.problem,
                error: r.error,
            },
            presumed: ReviewGrade::of(&file.presumed),
            reason: file.reason.clone(),
            reason_zh: reason_label(&file.reason).zh().to_string(),
            findings: r
                .findings
                .iter()
                .map(|f| {
                    finding_body(&FindingRow {
                        item: &f.item,
                        severity: &f.severity,
                        text: &f.text,
                        deduction: f.deduction,
                        responsible: &f.responsible,
                        excuse: f.excuse.as_deref(),
                    })
                })
                .collect(),
            answers: file
                .answers
                .iter()
                .map(|a| ReviewAnswer {
                    seq: a.seq,
                    at: a.at.clone(),
                    by: a.by_user.clone(),
                    kind: a.kind.clone(),
                    day: a.day.to_string(),
                    grade: a.grade.clone(),
                    text: a.text.clone(),
                })
                .collect(),
            standing: ReviewStanding::of(&file.standing),
        }
    }
}

/// An item of the score sheet.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ScoreSheetItem {
    pub code: String,
    /// 立案程序, 程序运行, 实体处理 …
    pub group: String,
    pub text: String,
    pub points: u32,
}

/// The case as its reviewer reads it, with the sheet it is reviewed on.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct UnderReview {
    pub plan_name: String,
    pub blind: bool,
    pub reason: String,
    pub reason_zh: String,
    /// When the reviewer submitted; null: it waits
    #[schema(required = true)]
    pub submitted_at: Option<String>,
    /// The case; in a blind plan without the judge until the review is submitted
    pub case: Case,
    pub sheet: Vec<ScoreSheetItem>,
}

/// One case of a plan, as far as the user may read it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ReviewCaseBody {
    pub plan_id: i64,
    pub case_no: String,
    /// For the reviewer it is given to
    #[schema(required = true)]
    pub review: Option<UnderReview>,
    /// For the judge of the case, the office, leaders and administrators, once submitted
    #[schema(required = true)]
    pub file: Option<ReviewFileBody>,
}

/// `None` for a not-found answer: the user may read the case another way, or not at all.
fn unless_missing<T>(result: Result<T, AppError>) -> Result<Option<T>, AppError> {
    match result {
        Ok(found) => Ok(Some(found)),
        Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// `GET /api/v1/review-plans/{id}/cases/{case_no}`: one case of a plan.
#[utoipa::path(
    get,
    path = "/api/v1/review-plans/{id}/cases/{case_no}",
    summary = "评查案件 one case of a plan",
    description = "For the reviewer it is given to: the case (in a blind plan without the judge until they submit) and the score sheet it is reviewed on; the reading is audited as a case view. For the judge of the case (their own cases only), the office, a leader or an administrator of its court: the submitted review with its findings, the steps since and where it stands. Anyone else: not found.",
    params(
        ("id" = i64, Path, description = "评查计划编号"),
        ("case_no" = String, Path, description = "案号, canonical form"),
    ),
    responses(
        (status = 200, description = "评查案件 the case", body = ReviewCaseBody),
        (status = 400, description = "案号有误 the case number is wrong", body = ErrorBody),
        (status = 404, description = "没有可查看的评查案件 nothing of this case the user may read", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn read(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Path((id, case_no)): Path<(String, String)>,
) -> Result<Json<ReviewCaseBody>, ApiError> {
    let user = user(&server, &headers).await?;
    let plan_id = item_number(&id, crate::Numbered::ReviewPlan)?;
    let case_no = canonical_case(&server, &case_no)?;
    let reading = Arc::clone(&server);
    let body = blocking(move || {
        let (review, file) = reading.with_store(|app, store| {
            let review = unless_missing(app.case_under_review(store, &user, plan_id, &case_no))?
                .map(|(task, record)| UnderReview {
                    reason_zh: reason_label(&task.reason).zh().to_string(),
                    plan_name: task.plan_name,
                    blind: task.blind,
                    reason: task.reason,
                    submitted_at: task.submitted_at,
                    case: Case::new(app, &record),
                    sheet: app
                        .sheet_for(&case_no)
                        .items
                        .iter()
                        .map(|i| ScoreSheetItem {
                            code: i.code.clone(),
                            group: i.group.clone(),
                            text: i.text.clone(),
                            points: i.points,
                        })
                        .collect(),
                });
            let file = unless_missing(app.review_file(store, &user, plan_id, &case_no))?;
            Ok::<_, AppError>((review, file))
        })?;
        if review.is_none() && file.is_none() {
            return Err(AppError::NotFound(text!(
                "评查计划#{plan_id}中没有您可查看的案件{case_no}",
                "plan #{plan_id} has no case {case_no} you may read"
            )));
        }
        if review.is_some() {
            // The reviewer reads the case itself: a case view like any other.
            reading.audit(Some(&user.name), "case.view", &case_no)?;
        }
        Ok(ReviewCaseBody {
            plan_id,
            file: file.as_ref().map(ReviewFileBody::of),
            review,
            case_no,
        })
    })
    .await??;
    Ok(Json(body))
}

/// What `POST /api/v1/review-plans/{id}/cases/{case_no}/{action}` asks; each action reads the
/// fields it needs.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct ReviewActionBody {
    /// submit: the findings, at most 100 (an empty list: nothing wrong)
    #[serde(default)]
    findings: Option<Vec<ReviewFinding>>,
    /// recuse, object, decide: why
    #[serde(default)]
    reason: Option<String>,
    /// decide: the grade that stands
    #[serde(default)]
    grade: Option<String>,
    /// outcome: 通报, 约谈, 诫勉, 绩效扣减, 调离审判岗位, 退出员额 or 移送惩戒
    #[serde(default)]
    outcome: Option<String>,
    /// outcome: a note
    #[serde(default)]
    note: Option<String>,
}

/// What an action did.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct ActionDone {
    /// submit, recuse, object, decide or outcome
    pub action: &'static str,
    /// submit: the grade the findings give
    #[schema(required = true)]
    pub graded: Option<ReviewGrade>,
    /// recuse: the staff number of the reviewer the case went to (null: none may take it)
    #[schema(required = true)]
    pub next_reviewer: Option<String>,
    /// object, decide, outcome: the review file after the step
    #[schema(required = true)]
    pub file: Option<ReviewFileBody>,
}

/// The actions on a case of a plan.
const ACTIONS: [&str; 5] = ["submit", "recuse", "object", "decide", "outcome"];

/// `POST /api/v1/review-plans/{id}/cases/{case_no}/{action}`: a step on a case's review.
#[utoipa::path(
    post,
    path = "/api/v1/review-plans/{id}/cases/{case_no}/{action}",
    summary = "评查办理 a step on a case's review",
    description = "submit (`findings`; the reviewer it is given to, once), recuse (`reason`; the reviewer, before submitting: the case goes to the least loaded reviewer of the panel who may take it), object (`reason`; the judge of the case, within the objection days), decide (`grade`, `reason`; the office, a leader or an administrator, on an objection), outcome (`outcome`, `note`; the same, on a review final as the error grade). Each audited (`review.submit`, `review.recuse`, `review.object`, `review.decide`, `review.outcome`); written only from the state it was read in.",
    params(
        ("id" = i64, Path, description = "评查计划编号"),
        ("case_no" = String, Path, description = "案号, canonical form"),
        ("action" = String, Path, description = "submit, recuse, object, decide or outcome"),
    ),
    request_body(content = ReviewActionBody, content_type = "application/json"),
    responses(
        (status = 200, description = "办理结果 what the step did", body = ActionDone),
        (status = 400, description = "请求有误 the body is wrong (more than 100 findings, an item not on the sheet, a deduction over the item's points …)", body = ErrorBody),
        (status = 403, description = "无权办理 the user may not take this step", body = ErrorBody),
        (status = 404, description = "没有此案件或此步骤 no such case of the plan for the user, or no such action", body = ErrorBody),
        (status = 409, description = "此时不能办理，或已被他人处理 the step cannot be taken now, or someone acted first", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn act(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Path((id, case_no, action)): Path<(String, String, String)>,
    body: Bytes,
) -> Result<Json<ActionDone>, ApiError> {
    let user = user(&server, &headers).await?;
    let plan_id = item_number(&id, crate::Numbered::ReviewPlan)?;
    let Some(action) = ACTIONS.into_iter().find(|a| *a == action) else {
        return Err(ApiError::not_found(&text!(
            "评查步骤“{action}”",
            "review action “{action}”"
        )));
    };
    let case_no = canonical_case(&server, &case_no)?;
    let asked: ReviewActionBody = json_or_default(&body)?;
    let findings = match (action, asked.findings) {
        ("submit", Some(findings)) => {
            // The app refuses more than it takes; none is converted past that.
            if findings.len() > FINDINGS_READ_MAX {
                return Err(too_many_findings());
            }
            findings.into_iter().map(finding).collect::<Vec<_>>()
        }
        ("submit", None) => {
            return Err(ApiError::from(AppError::invalid_for(
                "findings",
                &text!(
                    "须列出评查意见（没有问题时为空列表）",
                    "list the findings (an empty list when nothing is wrong)"
                ),
            )));
        }
        _ => Vec::new(),
    };
    let reason = asked.reason.unwrap_or_default();
    let writing = Arc::clone(&server);
    let done = blocking(move || {
        writing.with_writer(|app, store| {
            let mut done = ActionDone {
                action,
                graded: None,
                next_reviewer: None,
                file: None,
            };
            match action {
                "submit" => {
                    let graded = app.submit_review(store, &user, plan_id, &case_no, &findings)?;
                    done.graded = Some(ReviewGrade::of(&graded));
                }
                "recuse" => {
                    done.next_reviewer =
                        app.recuse_from_review(store, &user, plan_id, &case_no, &reason)?;
                }
                "object" => {
                    let file = app.object_to_review(store, &user, plan_id, &case_no, &reason)?;
                    done.file = Some(ReviewFileBody::of(&file));
                }
                "decide" => {
                    let grade = asked.grade.unwrap_or_default();
                    let file =
                        app.decide_objection(store, &user, plan_id, &case_no, &grade, &reason)?;
                    done.file = Some(ReviewFileBody::of(&file));
                }
                _ => {
                    let outcome = asked.outcome.unwrap_or_default();
                    let note = asked.note.unwrap_or_default();
                    let file =
                        app.hold_to_account(store, &user, plan_id, &case_no, &outcome, &note)?;
                    done.file = Some(ReviewFileBody::of(&file));
                }
            }
            Ok(done)
        })
    })
    .await??;
    Ok(Json(done))
}

/// The most findings one review may give (the app's own limit, said before any is read).
const FINDINGS_READ_MAX: usize = 100;

fn too_many_findings() -> ApiError {
    ApiError::from(AppError::invalid_for(
        "findings",
        &text!(
            "评查意见至多{FINDINGS_READ_MAX}条",
            "at most {FINDINGS_READ_MAX} findings"
        ),
    ))
}
