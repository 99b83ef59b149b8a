//! 案件: one case — its facts, its deadline (审限届满日) with extensions and excluded days, and
//! its timeline of events. Each view is written to the audit log.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::Datelike;
use shenguan_app::AppError;
use shenguan_domain::CaseNumber;

use super::html::{escape, table};
use super::signed_in;
use crate::auth::blocking;
use crate::{ApiError, Server};

/// `GET /cases/{案号}`: one case, its deadline and its timeline; the view is audited.
pub(crate) async fn case_page(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Path(text): Path<String>,
) -> Response {
    signed_in(server, headers, |server, ctx| async move {
        let this_year = server.app.today().year();
        let number = CaseNumber::parse(&text, this_year)
            .map_err(|e| ApiError::from(AppError::Invalid(format!("{text}: {e}"))))?
            .to_string();
        let user = ctx.user.clone();
        let looking = Arc::clone(&server);
        let (record, events, deadline, parties, payments) = blocking(move || {
            looking.with_store(|app, store| {
                let found = store.case(&number).map_err(AppError::from)?;
                let Some((record, events)) = found.filter(|(r, _)| user.may_see(r)) else {
                    return Err(ApiError::not_found(&format!("案件{number}")));
                };
                let deadline = app.case_deadline_explained(&record);
                let parties = store.parties(&number).map_err(AppError::from)?;
                let payments = store.payments(&number).map_err(AppError::from)?;
                Ok((record, events, deadline, parties, payments))
            })
            .and_then(|found| {
                looking.audit(Some(&user.name), "case.view", &number)?;
                Ok(found)
            })
        })
        .await??;
        let t = |zh, en| ctx.t(zh, en);
        let today = server.app.today();
        let field = |label: &str, value: String| {
            format!(
                "<tr><th>{}</th><td>{}</td></tr>",
                escape(label),
                escape(&value)
            )
        };
        let optional = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
        let facts = [
            field(
                t("法院", "Court"),
                format!("{} {}", record.court, optional(&record.court_name)),
            ),
            field(
                t("适用程序", "Procedure"),
                record
                    .procedure
                    .map_or("—".into(), |p| p.label_zh().to_string()),
            ),
            field(t("案由", "Cause"), optional(&record.cause)),
            field(
                t("承办", "Division and judge"),
                match &record.judge_id {
                    Some(id) => format!(
                        "{} {}（{}{id}）",
                        optional(&record.division),
                        optional(&record.judge),
                        t("工号", "staff no. ")
                    ),
                    None => format!("{} {}", optional(&record.division), optional(&record.judge)),
                },
            ),
            field(t("立案日期", "Filed"), record.filed_on.to_string()),
            field(
                t("结案", "Closed"),
                format!(
                    "{} {}",
                    record.closed_on.map_or(t("未结", "pending").into(), |d| d.to_string()),
                    record.closing_method.map_or("—", |m| m.label_zh())
                ),
            ),
            field(
                t("审限届满日", "Deadline"),
                deadline
                    .as_ref()
                    .and_then(|d| d.date)
                    .map_or(t("无法定审限", "no statutory limit").into(), |d| {
                        format!("{d}（{}）", standing(ctx.lang, d, record.closed_on, today))
                    }),
            ),
            field(t("延长审限", "Extensions"), extensions(ctx.lang, &record, deadline.as_ref())),
            field(t("扣除审限", "Excluded"), exclusions(ctx.lang, &record)),
            field(
                t("原审案号", "Original case"),
                record
                    .origin_case_no
                    .as_ref()
                    .map_or("—".into(), ToString::to_string),
            ),
        ]
        .concat();
        let rows: Vec<Vec<String>> = events
            .iter()
            .map(|e| vec![e.date.to_string(), escape(e.kind.label_zh()), escape(&e.detail)])
            .collect();
        let title = record.case_no.to_string();
        let notes = deadline.as_ref().map_or(Vec::new(), |d| match ctx.lang {
            super::Lang::Zh => d.notes.clone(),
            super::Lang::En => d.notes_en.clone(),
        });
        let notes: String = notes
            .iter()
            .map(|n| format!("<li>{}</li>", escape(n)))
            .collect();
        // The parties, identity numbers masked; the money of an enforcement case.
        let party_rows: Vec<Vec<String>> = parties
            .iter()
            .map(|p| {
                vec![
                    escape(p.role.label_zh()),
                    escape(&p.name),
                    escape(p.kind.map_or("", |k| k.label_zh())),
                    escape(p.id_masked.as_deref().unwrap_or("")),
                    escape(p.agent.as_deref().unwrap_or("")),
                ]
            })
            .collect();
        let parties_html = if party_rows.is_empty() {
            format!("<p class=\"muted\">{}</p>", t("未录入当事人", "No parties recorded"))
        } else {
            table(
                &[
                    t("诉讼地位", "Standing"),
                    t("当事人", "Party"),
                    t("类型", "Kind"),
                    t("证件号码", "Identity number"),
                    t("代理人", "Agent"),
                ],
                &party_rows,
            )
        };
        let payments_html = if payments.is_empty() {
            String::new()
        } else {
            let rows: Vec<Vec<String>> = payments
                .iter()
                .map(|p| {
                    vec![
                        p.date.to_string(),
                        escape(p.kind.label_zh()),
                        p.amount.to_string(),
                        escape(&p.note),
                    ]
                })
                .collect();
            let (waiting, since) = shenguan_domain::undisbursed(&payments, today);
            let summary = match (since, ctx.lang) {
                (Some(days), super::Lang::Zh) => {
                    format!("尚未发放{waiting}元，最早一笔已到账{days}日。")
                }
                (Some(days), super::Lang::En) => {
                    format!("{waiting} yuan not yet paid out, the oldest received {days} days ago.")
                }
                (None, _) => t("执行款均已发放。", "All money received has been paid out.").into(),
            };
            format!(
                "<h2>{}</h2>{}<p>{}</p>",
                t("执行款", "Enforcement money"),
                table(
                    &[t("日期", "Date"), t("收付", "Kind"), t("金额（元）", "Amount (yuan)"), t("备注", "Note")],
                    &rows
                ),
                escape(&summary)
            )
        };
        let body = format!(
            "<h1>{}</h1><table>{facts}</table><h2>{}</h2>{parties_html}{payments_html}<h2>{}</h2><ol class=\"muted\">{notes}</ol><h2>{}</h2>{}",
            escape(&title),
            t("当事人", "Parties"),
            t("审限计算", "How the deadline is counted"),
            t("流程节点", "Timeline"),
            table(&[t("日期", "Date"), t("节点", "Event"), t("内容", "Detail")], &rows)
        );
        Ok(ctx.page(&title, &body))
    })
    .await
}

/// Where a case stands against its deadline: closed within or past it, or days left or over.
fn standing(
    lang: super::Lang,
    deadline: chrono::NaiveDate,
    closed: Option<chrono::NaiveDate>,
    today: chrono::NaiveDate,
) -> String {
    use super::Lang::{En, Zh};
    match closed {
        Some(day) if day <= deadline => lang.t("审限内结案", "closed within the limit").into(),
        Some(day) => {
            let over = (day - deadline).num_days();
            match lang {
                Zh => format!("超审限结案，超{over}日"),
                En => format!("closed {over} days past the limit"),
            }
        }
        None if today > deadline => {
            let over = (today - deadline).num_days();
            match lang {
                Zh => format!("已超审限{over}日"),
                En => format!("{over} days past the limit"),
            }
        }
        None => {
            let left = (deadline - today).num_days();
            match lang {
                Zh => format!("剩余{left}日"),
                En => format!("{left} days left"),
            }
        }
    }
}

/// The approved extensions as granted, and the days they add to the statutory end: "6个月（共延长
/// 184日）"; "无" without one.
/// The excluded periods, each with its ground and dates: 公告 2026-02-01 至 2026-04-01（60日）.
fn exclusions(lang: super::Lang, record: &shenguan_domain::CaseRecord) -> String {
    use super::Lang::{En, Zh};
    if record.exclusions.is_empty() {
        return lang.t("无", "none").into();
    }
    let periods: Vec<String> = record
        .exclusions
        .iter()
        .map(|e| {
            let span = match (e.from, e.to(), lang) {
                (Some(from), Some(to), Zh) => format!("{from} 至 {to}（{}日）", e.days),
                (Some(from), Some(to), En) => format!("{from} to {to} ({} days)", e.days),
                (_, _, Zh) => format!("{}日", e.days),
                (_, _, En) => format!("{} days", e.days),
            };
            format!("{} {span}", e.ground.label_zh())
        })
        .collect();
    match lang {
        Zh => format!("{}（共{}日）", periods.join("；"), record.excluded_days()),
        En => format!(
            "{} ({} days in all)",
            periods.join("; "),
            record.excluded_days()
        ),
    }
}

fn extensions(
    lang: super::Lang,
    record: &shenguan_domain::CaseRecord,
    deadline: Option<&shenguan_domain::Deadline>,
) -> String {
    use super::Lang::{En, Zh};
    if record.extensions.is_empty() {
        return lang.t("无", "none").into();
    }
    // Each as granted, with its approval where the data has it: 6个月（2026-01-05 本院院长批准：案情复杂）.
    let granted: Vec<String> = record
        .extensions
        .iter()
        .map(|e| {
            let length = match lang {
                Zh => e.length.label_zh(),
                En => e.length.label_en(),
            };
            let mut approval: Vec<String> = Vec::new();
            if let Some(on) = e.approved_on {
                approval.push(on.to_string());
            }
            if let Some(by) = e.approver {
                approval.push(match lang {
                    Zh => format!("{}批准", by.label_zh()),
                    En => format!("approved by {}", by.label_zh()),
                });
            }
            let mut note = approval.join(" ");
            if let Some(reason) = &e.reason {
                note = if note.is_empty() {
                    reason.clone()
                } else {
                    format!("{note}：{reason}")
                };
            }
            if note.is_empty() {
                length
            } else {
                format!("{length}（{note}）")
            }
        })
        .collect();
    let added = deadline.map(|d| d.extension_days).unwrap_or(0);
    match lang {
        Zh => format!("{}（共延长{added}日）", granted.join("、")),
        En => format!("{} ({added} days added)", granted.join(", ")),
    }
}
