//! 终本核查 on the case page: the five conditions of 法〔2016〕373号, each met / not met / cannot
//! tell with the events that prove it, the reviewer's finding, and the form that records one
//! (`POST /cases/{case_no}/zhongben`, the office and court leaders, answered with the checklist
//! as it now stands).

use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use shenguan_app::zhongben::{ZhongbenCheck, may_review};
use shenguan_app::{AppError, text};
use shenguan_domain::zhongben::{Finding, Verdict};

use super::html::encode;
use super::{Asked, Ctx, same_form, signed_in};
use crate::auth::blocking;
use crate::{Server, param};

fn finding_class(finding: Finding) -> &'static str {
    match finding {
        Finding::Met => "within",
        Finding::NotMet => "below",
        Finding::CannotTell => "above",
    }
}

/// The checklist section of a 终本 case.
pub(crate) fn section(ctx: &Ctx, check: &ZhongbenCheck) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let list = &check.checklist;
    let verdict_class = match list.verdict {
        Verdict::Compliant => "within",
        Verdict::NotCompliant => "below",
        Verdict::Undetermined => "above",
    };
    let action = format!(
        "/cases/{}/zhongben",
        encode(&check.record.case_no.to_string())
    );
    html! {
        h2 { (t("终本核查", "终本 checklist")) }
        p {
            (t("结论：", "Standing: "))
            strong class=(verdict_class) { (list.verdict.label().get(ctx.lang)) }
            @if check.finding.is_some() { " " (t("（以评查结论为准）", "(the reviewer's finding counts)")) }
        }
        table {
            tr {
                th { (t("要件", "Condition")) }
                th { (t("核查", "Finding")) }
                th { (t("依据的节点", "Events on file")) }
            }
            @for c in &list.checks {
                tr {
                    td { (c.condition.label().get(ctx.lang)) }
                    td class=(finding_class(c.finding)) { (c.finding.label().get(ctx.lang)) }
                    td {
                        @for (kind, on) in &c.evidence { (kind.label_zh()) " " (on) br; }
                        @if let Some(note) = &c.note { span.muted { (note.get(ctx.lang)) } }
                    }
                }
            }
        }
        @if !list.late.is_empty() {
            p.muted {
                (t("终本后的节点不计入：", "Steps after the ruling do not count: "))
                @for (kind, on) in &list.late { (kind.label_zh()) " " (on) "；" }
            }
        }
        p {
            (t("终本后财产查询（每六个月一次，共五年）：", "Property re-queries after 终本 (every six months for five years): "))
            (t("最近一次", "last "))
            (check.requery.last.map_or_else(|| "—".to_string(), |d| d.to_string()))
            "；"
            @match check.requery.next_due {
                Some(due) => { (t("下次应于", "next due by ")) (due) (t("前", "")) }
                None => { (t("五年已满", "the five years are over")) }
            }
        }
        @if !check.restored.is_empty() {
            p {
                (t("已恢复执行：", "Enforcement restored: "))
                @for number in &check.restored {
                    a href=(format!("/cases/{}", encode(number))) { (number) } " "
                }
            }
        }
        @if let Some(f) = &check.finding {
            p {
                (t("评查结论：", "Review: "))
                strong { (if f.compliant { t("合格", "compliant") } else { t("不合格", "not compliant") }) }
                "。" (f.reason) " — " (f.found_by) " · " (f.found_at)
            }
        }
        @if may_review(&ctx.user) {
            form method="post" action=(action) {
                input type="hidden" name="csrf" value=(ctx.csrf);
                h3 { (t("录入评查结论", "Record a review")) }
                p {
                    label { input type="radio" name="verdict" value="compliant" required; " " (t("合格", "compliant")) }
                    " "
                    label { input type="radio" name="verdict" value="not_compliant"; " " (t("不合格", "not compliant")) }
                }
                p { label { (t("理由", "Reason")) " " input name="reason" maxlength="2000" size="50" required; } }
                p { button { (t("保存评查结论", "Save the review")) } }
            }
        }
    }
}

/// `POST /cases/{case_no}/zhongben` (verdict=compliant|not_compliant, reason): records the
/// finding and shows the checklist with it.
pub(crate) async fn record_finding(
    State(server): State<Arc<Server>>,
    Path(number): Path<String>,
    asked: Asked,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        same_form(&ctx, &param(&pairs, "csrf").unwrap_or_default())?;
        let compliant = match param(&pairs, "verdict").as_deref() {
            Some("compliant") => true,
            Some("not_compliant") => false,
            other => {
                let shown = other.unwrap_or("");
                return Err(AppError::invalid_for(
                    "verdict",
                    &text!(
                        "“{shown}”不是评查结论（合格 compliant 或不合格 not_compliant）",
                        "“{shown}” is not a finding (compliant or not_compliant)"
                    ),
                )
                .into());
            }
        };
        let reason = param(&pairs, "reason").unwrap_or_default();
        let number = super::case::canonical_number(&server, &number)?;
        let user = ctx.user.clone();
        let case_no = number.clone();
        let writing = Arc::clone(&server);
        let check = blocking(move || {
            writing.with_writer(|app, store| {
                app.record_zhongben_finding(store, &user, &case_no, compliant, &reason)
            })
        })
        .await??;
        let t = |zh, en| ctx.t(zh, en);
        let body = html! {
            h1 { (number) }
            p.within { (t("评查结论已保存。", "The review is saved.")) }
            (section(&ctx, &check))
            p { a href=(format!("/cases/{}", encode(&number))) { (t("返回案件", "Back to the case")) } }
        };
        Ok(ctx.page(&number, body))
    })
    .await
}
