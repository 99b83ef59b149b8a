//! A case under review (`/reviews/plans/{id}/cases/{case_no}`), drawn for whoever asks: the
//! reviewer it is given to reads the case (without its judge in a blind plan) and fills in the
//! score sheet, or recuses; the judge of the case reads the findings and may object; the office
//! decides the objection and records accountability. Each form posts to
//! `/reviews/plans/{id}/cases/{case_no}/{action}`.

use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use shenguan_app::AppError;
use shenguan_app::accounts::Role;
use shenguan_app::review::ReviewFile;
use shenguan_app::review::ReviewTaskRow;
use shenguan_domain::review::answer::Standing;
use shenguan_domain::review::grading::{Excuse, Finding, Responsible, Rubric, Severity};
use shenguan_domain::{CaseRecord, text};

use super::super::{Asked, Ctx, Here, Lang, same_form, signed_in};
use super::plans::{Names, named};
use super::{case_href, reason_text};
use crate::auth::blocking;
use crate::{ApiError, Numbered, Server, item_number, param};

/// The finding rows of the score-sheet form (rows left empty are not findings).
const FINDING_ROWS: usize = 6;

/// The network's grades, best first, and its error grade.
struct Grades {
    all: Vec<String>,
    error: String,
}

/// What the page shows to the one asking.
enum Seen {
    /// The reviewer the case is given to, with the case as they may read it and its sheet.
    Reviewer(Box<(ReviewTaskRow, CaseRecord, Rubric)>),
    /// The judge of the case, the division head, the office or a leader: the review file.
    File(Box<ReviewFile>, Grades, Vec<String>, Names),
}

async fn seen(
    server: &Arc<Server>,
    ctx: &Ctx,
    plan_id: i64,
    case_no: &str,
) -> Result<Seen, ApiError> {
    let user = ctx.user.clone();
    let reading = Arc::clone(server);
    let case_no = case_no.to_string();
    let seen = blocking(move || {
        let seen = reading.with_store(|app, store| {
            match app.case_under_review(store, &user, plan_id, &case_no) {
                Ok((task, record)) => {
                    let sheet = app.sheet_for(&case_no).clone();
                    return Ok(Seen::Reviewer(Box::new((task, record, sheet))));
                }
                Err(AppError::NotFound(_)) => {}
                Err(other) => return Err(other),
            }
            let file = app.review_file(store, &user, plan_id, &case_no)?;
            let scale = &app.config().review_scale;
            let grades = Grades {
                all: scale.grades(),
                error: scale.error_grade().to_string(),
            };
            let outcomes = app.config().review_outcomes.clone();
            let names = app.staff_names(store)?;
            Ok(Seen::File(Box::new(file), grades, outcomes, names))
        })?;
        // The reviewer reads the case itself: a case view like any other.
        if matches!(seen, Seen::Reviewer(_)) {
            reading.audit(Some(&user.name), "case.view", &case_no)?;
        }
        Ok::<_, AppError>(seen)
    })
    .await??;
    Ok(seen)
}

/// `GET /reviews/plans/{id}/cases/{case_no}`.
pub(crate) async fn review_case_page(
    State(server): State<Arc<Server>>,
    Path((id, case_no)): Path<(String, String)>,
    asked: Asked,
) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let id = item_number(&id, Numbered::ReviewPlan)?;
        view(&server, &ctx, id, &case_no, None).await
    })
    .await
}

async fn view(
    server: &Arc<Server>,
    ctx: &Ctx,
    plan_id: i64,
    case_no: &str,
    note: Option<Markup>,
) -> Result<Markup, ApiError> {
    let t = |zh, en| ctx.t(zh, en);
    let seen = seen(server, ctx, plan_id, case_no).await?;
    let action = |what: &str| format!("{}/{what}", case_href(plan_id, case_no));
    let body = match &seen {
        Seen::Reviewer(reviewing) => {
            let (task, record, sheet) = &**reviewing;
            html! {
                h1 { (t("评查", "Review")) " " (case_no) }
                @if let Some(note) = &note { (note) }
                p.muted { (task.plan_name) " · " (reason_text(ctx, &task.reason)) }
                (facts(ctx, record, task.blind && task.submitted_at.is_none()))
                @match &task.submitted_at {
                    Some(at) => {
                        p.within {
                            @match ctx.lang {
                                Lang::Zh => { "评查意见已于" (at.get(..10).unwrap_or(at)) "提交。" }
                                Lang::En => { "The review was submitted on " (at.get(..10).unwrap_or(at)) "." }
                            }
                        }
                    }
                    None => {
                        h2 { (t("评查表", "Score sheet")) }
                        (sheet_table(ctx, sheet))
                        (submit_form(ctx, &action("submit"), sheet))
                        h2 { (t("申请回避", "Recuse")) }
                        form method="post" action=(action("recuse")) {
                            input type="hidden" name="csrf" value=(ctx.csrf);
                            p { (t("回避理由", "Why")) " " input name="reason" size="50" maxlength="2000" required; " " button { (t("回避", "Recuse")) } }
                        }
                    }
                }
            }
        }
        Seen::File(file, grades, outcomes, names) => html! {
            h1 { (t("评查结论", "Review")) " " (case_no) }
            @if let Some(note) = &note { (note) }
            p { a href=(format!("/cases/{}", super::super::html::encode(case_no))) { (t("案件详情", "The case")) } }
            (file_view(ctx, file, names))
            (answer_forms(ctx, file, grades, outcomes, &action))
        },
    };
    let title = format!("{} {case_no}", t("案件评查", "Review"));
    Ok(ctx.page(
        &title,
        html! { (body) p { a href="/reviews" { (t("返回案件评查", "Back to review")) } } },
    ))
}

/// The case as the reviewer reads it (its judge held back in a blind plan).
fn facts(ctx: &Ctx, record: &CaseRecord, blind: bool) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let or_dash = |v: Option<String>| v.unwrap_or_else(|| "—".into());
    html! {
        dl.facts {
            dt { (t("案号", "Case")) } dd { (record.case_no) }
            dt { (t("法院", "Court")) } dd { (ctx.court(&record.court.to_string())) }
            dt { (t("案由", "Cause")) } dd { (or_dash(record.cause.clone())) }
            dt { (t("承办部门", "Division")) } dd { (or_dash(record.division.clone())) }
            dt { (t("承办法官", "Judge")) }
            dd {
                @if blind { span.muted { (t("背对背评查：提交后显示", "blind review: shown after submitting")) } }
                @else { (or_dash(record.judge.clone())) }
            }
            dt { (t("立案日期", "Filed")) } dd { (record.filed_on) }
            dt { (t("结案日期", "Closed")) } dd { (or_dash(record.closed_on.map(|d| d.to_string()))) }
            dt { (t("结案方式", "Closed by")) } dd { (or_dash(record.closing_method.map(|m| m.label_zh().to_string()))) }
            dt { (t("原审案号", "Original case")) } dd { (or_dash(record.origin_case_no.as_ref().map(ToString::to_string))) }
        }
    }
}

fn sheet_table(ctx: &Ctx, sheet: &Rubric) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    html! {
        table {
            thead { tr { th { (t("条目", "Item")) } th { (t("类别", "Group")) } th { (t("内容", "What it covers")) } th { (t("分值", "Points")) } } }
            tbody {
                @for item in &sheet.items {
                    tr { td { (item.code) } td { (item.group) } td { (item.text) } td.num { (item.points) } }
                }
            }
        }
    }
}

fn submit_form(ctx: &Ctx, action: &str, sheet: &Rubric) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    html! {
        form method="post" action=(action) {
            input type="hidden" name="csrf" value=(ctx.csrf);
            p.muted { (t(
                "每行一条评查意见；未发现问题的，各行留空直接提交。免责事由（法律理解分歧、新证据、法律政策变化等）记录在案，该条不计入等次。",
                "One finding a row; with nothing found, leave the rows empty and submit. A reason that excludes liability (a reasonable difference in understanding the law, new evidence, changed law or policy) is kept with the finding, which then does not count toward the grade."
            )) }
            table {
                thead {
                    tr {
                        th { (t("条目", "Item")) } th { (t("性质", "Severity")) } th { (t("问题", "What was found")) }
                        th { (t("扣分", "Deduct")) } th { (t("责任人", "Responsible")) } th { (t("免责事由", "Excuse")) }
                    }
                }
                tbody {
                    @for n in 1..=FINDING_ROWS {
                        tr {
                            td {
                                select name=(format!("item_{n}")) {
                                    option value="" { "—" }
                                    @for item in &sheet.items { option value=(item.code) { (item.code) " " (item.group) } }
                                }
                            }
                            td {
                                select name=(format!("severity_{n}")) {
                                    option value="flaw" { (t("瑕疵", "flaw")) }
                                    option value="error" { (t("差错", "error")) }
                                }
                            }
                            td { input name=(format!("text_{n}")) size="30" maxlength="2000"; }
                            td { input type="number" name=(format!("deduction_{n}")) min="0" max="100" value="0" size="4"; }
                            td {
                                select name=(format!("role_{n}")) {
                                    option value="judge" { (t("承办法官", "the judge")) }
                                    option value="panel" { (t("合议庭成员", "panel member")) }
                                    option value="presiding" { (t("审判长", "presiding judge")) }
                                    option value="approver" { (t("审批的庭长、院长", "approving head")) }
                                    option value="committee" { (t("审判委员会", "adjudication committee")) }
                                }
                                " " input name=(format!("who_{n}")) size="10" maxlength="200" placeholder=(t("姓名", "name"));
                            }
                            td {
                                select name=(format!("excuse_{n}")) {
                                    option value="" { "—" }
                                    option value="law_understanding" { (t("法律理解分歧", "law understanding")) }
                                    option value="new_evidence" { (t("新证据", "new evidence")) }
                                    option value="changed_law" { (t("法律政策变化", "changed law")) }
                                    option value="other" { (t("其他", "other")) }
                                }
                                " " input name=(format!("excuse_text_{n}")) size="10" maxlength="200";
                            }
                        }
                    }
                }
            }
            p { button { (t("提交评查意见", "Submit the review")) } }
        }
    }
}

/// The findings of the form's rows: a row with no text is no finding; every other value must
/// read.
fn findings_of(pairs: &[(String, String)]) -> Result<Vec<Finding>, ApiError> {
    let mut findings = Vec::new();
    for n in 1..=FINDING_ROWS {
        let field = |name: &str| param(pairs, &format!("{name}_{n}")).unwrap_or_default();
        let found = field("text");
        if found.is_empty() {
            continue;
        }
        let wrong = |name: &str, zh: &str, en: &str| {
            ApiError::from(AppError::invalid_for(
                &format!("{name}_{n}"),
                &text!("第{n}条：{zh}", "finding {n}: {en}"),
            ))
        };
        let item = field("item");
        if item.is_empty() {
            return Err(wrong("item", "请选择条目", "choose its item"));
        }
        let severity = match field("severity").as_str() {
            "error" => Severity::Error,
            "flaw" | "" => Severity::Flaw,
            _ => {
                return Err(wrong(
                    "severity",
                    "性质须为瑕疵或差错",
                    "the severity is flaw or error",
                ));
            }
        };
        let deduction = match field("deduction").as_str() {
            "" => 0,
            text => text
                .parse::<u32>()
                .ok()
                .filter(|d| *d <= 100)
                .ok_or_else(|| wrong("deduction", "扣分须为0至100", "the deduction is 0 to 100"))?,
        };
        let who = field("who");
        let names: Vec<String> = shenguan_domain::text::list_items(&who)
            .into_iter()
            .map(String::from)
            .collect();
        let responsible: Vec<Responsible> = match field("role").as_str() {
            "committee" => vec![Responsible::Committee],
            role => {
                let make: fn(String) -> Responsible = match role {
                    "panel" => Responsible::PanelMember,
                    "presiding" => Responsible::PresidingJudge,
                    "approver" => Responsible::Approver,
                    "judge" | "" => Responsible::Judge,
                    _ => {
                        return Err(wrong(
                            "role",
                            "责任人类别不明",
                            "an unknown kind of responsible",
                        ));
                    }
                };
                if names.len() > 20 {
                    return Err(wrong("who", "责任人最多20人", "at most 20 responsible"));
                }
                names.into_iter().map(make).collect()
            }
        };
        let excuse = match field("excuse").as_str() {
            "" => None,
            "law_understanding" => Some(Excuse::LawUnderstanding),
            "new_evidence" => Some(Excuse::NewEvidence),
            "changed_law" => Some(Excuse::ChangedLaw),
            "other" => {
                let why = field("excuse_text");
                if why.is_empty() {
                    return Err(wrong(
                        "excuse_text",
                        "请写明其他免责事由",
                        "say what the other excuse is",
                    ));
                }
                Some(Excuse::Other(why))
            }
            _ => return Err(wrong("excuse", "免责事由不明", "an unknown excuse")),
        };
        findings.push(Finding {
            item,
            severity,
            text: found,
            deduction,
            responsible,
            excuse,
        });
    }
    Ok(findings)
}

/// A stored finding's responsible (`judge:王伟;committee`) as the page says it.
fn responsible_text(ctx: &Ctx, stored: &str) -> String {
    stored
        .split(';')
        .filter(|p| !p.is_empty())
        .map(|part| {
            let (role, name) = part.split_once(':').unwrap_or((part, ""));
            let role = match role {
                "judge" => ctx.t("承办法官", "judge"),
                "panel" => ctx.t("合议庭成员", "panel member"),
                "presiding" => ctx.t("审判长", "presiding judge"),
                "approver" => ctx.t("审批人", "approver"),
                "committee" => ctx.t("审判委员会", "adjudication committee"),
                other => other,
            };
            if name.is_empty() {
                role.to_string()
            } else {
                format!("{role} {name}")
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}

fn excuse_text(ctx: &Ctx, stored: &str) -> String {
    match stored {
        "law_understanding" => ctx.t("法律理解分歧", "law understanding").into(),
        "new_evidence" => ctx.t("新证据", "new evidence").into(),
        "changed_law" => ctx.t("法律政策变化", "changed law or policy").into(),
        other => other.strip_prefix("other:").unwrap_or(other).to_string(),
    }
}

/// The review as the judge, the division head and the office read it.
pub(super) fn file_view(ctx: &Ctx, file: &ReviewFile, names: &Names) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let r = &file.result;
    html! {
        dl.facts {
            dt { (t("选取理由", "Why taken")) } dd { (reason_text(ctx, &file.reason)) }
            dt { (t("评查人员", "Reviewer")) } dd { (named(names, &r.reviewer)) }
            dt { (t("提交时间", "Submitted")) } dd { (r.submitted_at.get(..16).unwrap_or(&r.submitted_at).replace('T', " ")) }
            dt { (t("得分与等次", "Score and grade")) }
            dd {
                (r.score) (t("分 ", " points, ")) (r.grade)
                @if file.presumed.grade != r.grade {
                    " · " span.below { (t("推定为", "presumed ")) (file.presumed.grade) (t("（待法官举证反驳）", " (until the judge rebuts it)")) }
                }
            }
            dt { (t("结论状态", "Standing")) }
            dd { (standing_text(ctx, &file.standing)) }
        }
        @if r.findings.is_empty() {
            p { (t("未发现问题。", "Nothing was found.")) }
        } @else {
            table {
                thead { tr { th { (t("条目", "Item")) } th { (t("性质", "Severity")) } th { (t("问题", "Found")) } th { (t("扣分", "Deducted")) } th { (t("责任人", "Responsible")) } th { (t("免责事由", "Excuse")) } } }
                tbody {
                    @for f in &r.findings {
                        tr {
                            td { (f.item) }
                            td { (if f.severity == "error" { t("差错", "error") } else { t("瑕疵", "flaw") }) }
                            td { (f.text) }
                            td.num { (f.deduction) }
                            td { (responsible_text(ctx, &f.responsible)) }
                            td { (f.excuse.as_deref().map_or_else(|| "—".to_string(), |e| excuse_text(ctx, e))) }
                        }
                    }
                }
            }
        }
        @if !file.answers.is_empty() {
            h2 { (t("异议、决定与问责", "Objection, decision and accountability")) }
            ol.timeline {
                @for a in &file.answers {
                    li {
                        (a.day) " "
                        (match a.kind.as_str() {
                            "object" => t("法官提出异议", "the judge objected"),
                            "decide" => t("作出决定", "decided"),
                            _ => t("问责", "held to account"),
                        })
                        @if let Some(grade) = &a.grade { (t("（等次：", " (grade: ")) (grade) (t("）", ")")) }
                        "：" (a.text) " " span.muted { "（" (a.by_user) "）" }
                    }
                }
            }
        }
    }
}

fn standing_text(ctx: &Ctx, standing: &Standing) -> String {
    match (standing, ctx.lang) {
        (Standing::Open { objection_by }, Lang::Zh) => format!("法官可于{objection_by}前提出异议"),
        (Standing::Open { objection_by }, Lang::En) => {
            format!("the judge may object until {objection_by}")
        }
        (Standing::Objected { on, .. }, Lang::Zh) => format!("法官已于{on}提出异议，待决定"),
        (Standing::Objected { on, .. }, Lang::En) => {
            format!("the judge objected on {on}: a decision is awaited")
        }
        (
            Standing::Final {
                grade,
                changed: true,
            },
            Lang::Zh,
        ) => format!("已确定：{grade}（经异议变更）"),
        (
            Standing::Final {
                grade,
                changed: true,
            },
            Lang::En,
        ) => format!("final: {grade} (changed on objection)"),
        (Standing::Final { grade, .. }, Lang::Zh) => format!("已确定：{grade}"),
        (Standing::Final { grade, .. }, Lang::En) => format!("final: {grade}"),
    }
}

/// The forms of the next step: the judge's objection while it is open, the office's decision
/// on an objection, and accountability once final as an error.
fn answer_forms(
    ctx: &Ctx,
    file: &ReviewFile,
    grades: &Grades,
    outcomes: &[String],
    action: &dyn Fn(&str) -> String,
) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let keeper = matches!(ctx.user.role, Role::Office | Role::Leader | Role::Admin);
    let judge = ctx.user.role == Role::Judge;
    let error_grade = &grades.error;
    html! {
        @match &file.standing {
            Standing::Open { .. } if judge => {
                h2 { (if file.presumed.grade != file.result.grade { t("举证反驳", "Rebut") } else { t("提出异议", "Object") }) }
                form method="post" action=(action("object")) {
                    input type="hidden" name="csrf" value=(ctx.csrf);
                    p { textarea name="reason" rows="3" cols="70" maxlength="2000" required {} }
                    p { button { (t("提交", "Submit")) } }
                }
            }
            Standing::Objected { .. } if keeper => {
                h2 { (t("异议决定（复评或审判委员会意见）", "Decision on the objection (second review or committee)")) }
                form method="post" action=(action("decide")) {
                    input type="hidden" name="csrf" value=(ctx.csrf);
                    p {
                        (t("确定等次", "Grade that stands")) " "
                        select name="grade" { @for g in &grades.all { option value=(g) { (g) } } }
                    }
                    p { textarea name="reason" rows="3" cols="70" maxlength="2000" required placeholder=(t("理由", "why")) {} }
                    p { button { (t("作出决定", "Decide")) } }
                }
            }
            Standing::Final { grade, .. } if keeper && grade == error_grade => {
                h2 { (t("问责", "Accountability")) }
                form method="post" action=(action("outcome")) {
                    input type="hidden" name="csrf" value=(ctx.csrf);
                    p {
                        select name="outcome" { @for o in outcomes { option value=(o) { (o) } } }
                        " " input name="note" size="40" maxlength="2000" placeholder=(t("说明", "note"));
                        " " button { (t("记录", "Record")) }
                    }
                }
            }
            _ => {}
        }
    }
}

/// `POST /reviews/plans/{id}/cases/{case_no}/{action}`: submit, recuse, object, decide or
/// outcome; then the case's page with what was done.
pub(crate) async fn review_action(
    State(server): State<Arc<Server>>,
    Path((id, case_no, action)): Path<(String, String, String)>,
    asked: Asked,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    signed_in(server, asked, |server, mut ctx| async move {
        same_form(&ctx, &param(&pairs, "csrf").unwrap_or_default())?;
        let id = item_number(&id, Numbered::ReviewPlan)?;
        let field = |name: &str| param(&pairs, name).unwrap_or_default();
        let user = ctx.user.clone();
        let writing = Arc::clone(&server);
        let number = case_no.clone();
        let done: shenguan_domain::Text = match action.as_str() {
            "submit" => {
                let findings = findings_of(&pairs)?;
                let graded = blocking(move || {
                    writing.with_writer(|app, store| app.submit_review(store, &user, id, &number, &findings))
                })
                .await??;
                let (score, grade) = (graded.score, graded.grade);
                text!("评查意见已提交：{score}分，{grade}。", "Review submitted: {score} points, {grade}.")
            }
            "recuse" => {
                let reason = field("reason");
                let next = blocking(move || {
                    writing.with_writer(|app, store| app.recuse_from_review(store, &user, id, &number, &reason))
                })
                .await??;
                match next {
                    Some(_) => text!("已回避，案件已转交其他评查人员。", "Recused: the case has gone to another reviewer."),
                    None => text!("已回避；暂无其他可评查人员，待审管办指定。", "Recused: no other reviewer may take it; the office will name one."),
                }
            }
            "object" => {
                let reason = field("reason");
                blocking(move || writing.with_writer(|app, store| app.object_to_review(store, &user, id, &number, &reason)))
                    .await??;
                text!("异议已提交。", "Objection recorded.")
            }
            "decide" => {
                let (grade, reason) = (field("grade"), field("reason"));
                blocking(move || writing.with_writer(|app, store| app.decide_objection(store, &user, id, &number, &grade, &reason)))
                    .await??;
                text!("决定已记录。", "Decision recorded.")
            }
            "outcome" => {
                let (outcome, note) = (field("outcome"), field("note"));
                blocking(move || writing.with_writer(|app, store| app.hold_to_account(store, &user, id, &number, &outcome, &note)))
                    .await??;
                text!("问责已记录。", "Accountability recorded.")
            }
            other => {
                return Err(ApiError::not_found(&text!("操作“{other}”", "the action “{other}”")));
            }
        };
        ctx.here = Here::at(&case_href(id, &case_no));
        let note = html! { p.within { (done.get(ctx.lang)) } };
        // After a recusal the case is no longer the reviewer's: back to their tasks.
        if action == "recuse" {
            return Ok(ctx.page(
                ctx.t("案件评查", "Review"),
                html! { (note) p { a href="/reviews" { (ctx.t("返回我的评查任务", "Back to my review tasks")) } } },
            ));
        }
        view(&server, &ctx, id, &case_no, Some(note)).await
    })
    .await
}
