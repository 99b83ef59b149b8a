//! 案件: one case — its facts, its deadline (审限届满日) with extensions and excluded days, the
//! workflows it is in (督办, 信访, 送达, 终本核查, 审限变更), and its timeline of events. Each view
//! is written to the audit log.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::response::Response;
use chrono::Datelike;
use maud::html;
use shenguan_app::AppError;
use shenguan_domain::CaseNumber;

use super::table::{Cell, Table};
use super::{Asked, signed_in};
use crate::auth::blocking;
use crate::{ApiError, Server};

/// `GET /cases/{案号}`: one case, its deadline and its timeline; the view is audited.
pub(crate) async fn case_page(
    State(server): State<Arc<Server>>,
    Path(text): Path<String>,
    asked: Asked,
) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let number = canonical_number(&server, &text)?;
        let user = ctx.user.clone();
        let looking = Arc::clone(&server);
        let (file, check, requests, supervised, petitions, service) = blocking(move || {
            let file = looking.view_case(&user, &number)?;
            let (check, requests, supervised, petitions, service) = looking.with_store(|app, store| {
                let check = app.checklist_of(store, file.record.clone(), &file.events)?;
                let number = file.record.case_no.to_string();
                let requests = app.limit_requests(store, &user, None, Some(&number))?;
                let filter = shenguan_app::duban::ItemFilter {
                    case_no: Some(number),
                    ..Default::default()
                };
                let supervised = app.supervised_cases(store, &user, &filter)?;
                let number = file.record.case_no.to_string();
                let petitions = app.petitions_about_case(store, &user, &number)?;
                // An administrator manages accounts, not service.
                let service = match user.role {
                    shenguan_app::accounts::Role::Admin => None,
                    _ => Some(app.case_service(store, &user, &number)?),
                };
                Ok::<_, AppError>((check, requests, supervised, petitions, service))
            })?;
            Ok::<_, AppError>((file, check, requests, supervised, petitions, service))
        })
        .await??;
        let shenguan_app::case_file::CaseFile {
            record,
            events,
            deadline,
            parties,
            payments,
        } = file;
        let t = |zh, en| ctx.t(zh, en);
        let today = server.app.today();
        let optional = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
        let facts: Vec<(&str, String)> = vec![
            (
                t("法院", "Court"),
                format!("{} {}", record.court, optional(&record.court_name)),
            ),
            (
                t("适用程序", "Procedure"),
                record
                    .procedure
                    .map_or("—".into(), |p| p.label_zh().to_string()),
            ),
            (t("案由", "Cause"), optional(&record.cause)),
            (
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
            (t("立案日期", "Filed"), record.filed_on.to_string()),
            (
                t("结案", "Closed"),
                format!(
                    "{} {}",
                    record
                        .closed_on
                        .map_or(t("未结", "pending").into(), |d| d.to_string()),
                    record.closing_method.map_or("—", |m| m.label_zh())
                ),
            ),
            (
                t("审限届满日", "Deadline"),
                deadline
                    .as_ref()
                    .and_then(|d| d.date)
                    .map_or(t("无法定审限", "no statutory limit").into(), |d| {
                        format!("{d}（{}）", standing(ctx.lang, d, record.closed_on, today))
                    }),
            ),
            (
                t("延长审限", "Extensions"),
                extensions(ctx.lang, &record, deadline.as_ref()),
            ),
            (t("扣除审限", "Excluded"), exclusions(ctx.lang, &record)),
            (
                t("原审案号", "Original case"),
                record
                    .origin_case_no
                    .as_ref()
                    .map_or("—".into(), ToString::to_string),
            ),
        ];
        let title = record.case_no.to_string();
        let notes = deadline.as_ref().map_or(Vec::new(), |d| match ctx.lang {
            super::Lang::Zh => d.notes.clone(),
            super::Lang::En => d.notes_en.clone(),
        });
        let header = |labels: &[&str]| labels.iter().map(|l| (*l).to_string()).collect();
        // The parties, identity numbers masked; the money of an enforcement case.
        let mut party_table = Table::new(
            "parties",
            format!("{title} {}", t("当事人", "parties")),
            header(&[
                t("诉讼地位", "Standing"),
                t("当事人", "Party"),
                t("类型", "Kind"),
                t("证件号码", "Identity number"),
                t("代理人", "Agent"),
            ]),
        );
        party_table.counted = ("人", "parties");
        party_table.rows = parties
            .iter()
            .map(|p| {
                vec![
                    Cell::text(p.role.label_zh()),
                    Cell::text(p.name.clone()),
                    Cell::text(p.kind.map_or("", |k| k.label_zh())),
                    Cell::text(p.id_masked.clone().unwrap_or_default()),
                    Cell::text(p.agent.clone().unwrap_or_default()),
                ]
            })
            .collect();
        let mut payment_table = Table::new(
            "payments",
            format!("{title} {}", t("执行款", "enforcement money")),
            header(&[
                t("日期", "Date"),
                t("收付", "Kind"),
                t("金额（元）", "Amount (yuan)"),
                t("备注", "Note"),
            ]),
        );
        payment_table.counted = ("笔", "payments");
        payment_table.rows = payments
            .iter()
            .map(|p| {
                vec![
                    Cell::text(p.date.to_string()),
                    Cell::text(p.kind.label_zh()),
                    Cell::text(p.amount.to_string()),
                    Cell::text(p.note.clone()),
                ]
            })
            .collect();
        let (waiting, since) = shenguan_domain::undisbursed(&payments, today);
        let money_summary = match (since, ctx.lang) {
            (Some(days), super::Lang::Zh) => {
                format!("尚未发放{waiting}元，最早一笔已到账{days}日。")
            }
            (Some(days), super::Lang::En) => {
                format!("{waiting} yuan not yet paid out, the oldest received {days} days ago.")
            }
            (None, _) => t("执行款均已发放。", "All money received has been paid out.").into(),
        };
        let mut timeline = Table::new(
            "events",
            format!("{title} {}", t("流程节点", "timeline")),
            header(&[t("日期", "Date"), t("节点", "Event"), t("内容", "Detail")]),
        );
        timeline.counted = ("个节点", "events");
        timeline.rows = events
            .iter()
            .map(|e| {
                vec![
                    Cell::text(e.date.to_string()),
                    Cell::text(e.kind.label_zh()),
                    Cell::text(e.detail.clone()),
                ]
            })
            .collect();
        let has_parties = !parties.is_empty();
        // An enforcement case: what was applied for and recovered, and the money in and out with
        // the day of the latest of each.
        let enforcement = record.case_no.category() == Some(shenguan_domain::Category::Enforcement);
        let yuan = |m: Option<shenguan_domain::Money>| {
            m.map_or_else(|| "—".to_string(), |m| m.to_string())
        };
        let flow = |kind: shenguan_domain::PaymentKind| {
            let of_kind: Vec<&shenguan_domain::Payment> =
                payments.iter().filter(|p| p.kind == kind).collect();
            let total: i64 = of_kind.iter().map(|p| p.amount.fen()).sum();
            match of_kind.iter().map(|p| p.date).max() {
                Some(last) => format!(
                    "{}（{}{}）",
                    shenguan_domain::Money::from_fen(total),
                    t("最近", "latest "),
                    last
                ),
                None => "—".to_string(),
            }
        };
        let (applied, recovered) = (yuan(record.claim_amount), yuan(record.recovered_amount));
        let received = flow(shenguan_domain::PaymentKind::Received);
        let paid_out = flow(shenguan_domain::PaymentKind::Disbursed);
        let has_payments = !payments.is_empty();
        let body = html! {
            h1 { (title) }
            table {
                @for (label, value) in &facts { tr { th { (label) } td { (value) } } }
            }
            h2 { (t("当事人", "Parties")) }
            @if has_parties { (ctx.table(party_table)) }
            @else { p.muted { (t("未录入当事人", "No parties recorded")) } }
            @if enforcement {
                h2 { (t("执行标的", "What is enforced")) }
                table {
                    tr { th { (t("申请执行标的额（元）", "Applied for (yuan)")) } td { (applied) } }
                    tr { th { (t("执行到位金额（元）", "Recovered (yuan)")) } td { (recovered) } }
                    tr { th { (t("执行款到账（元）", "Money received (yuan)")) } td { (received) } }
                    tr { th { (t("执行款发放（元）", "Money paid out (yuan)")) } td { (paid_out) } }
                }
            }
            @if has_payments {
                h2 { (t("执行款", "Enforcement money")) }
                (ctx.table(payment_table))
                p { (money_summary) }
            }
            @if !supervised.is_empty() {
                h2 { (t("督办", "Supervision")) }
                ul {
                    @for c in &supervised {
                        li {
                            a href=(format!("/supervision/{}", c.id)) { "#" (c.id) }
                            " · " (c.item.reason.label().get(ctx.lang))
                            " · " (c.item.state.label().get(ctx.lang))
                            @if c.overdue { " · " span.below { (t("答复逾期", "reply late")) } }
                            " · " (t("答复期限", "reply by")) " " (c.item.due_on)
                        }
                    }
                }
            }
            @if !petitions.is_empty() {
                h2 { (t("信访", "Petitions")) }
                ul {
                    @for p in &petitions {
                        li {
                            a href=(format!("/petitions/{}", p.id)) { (p.petition.register_no) }
                            " · " (p.petition.received_on)
                            " · " (p.petition.subject.label_zh())
                            " · " (p.petition.level.label_zh())
                            @if p.repeat { " · " span.above { (t("重复信访", "repeat")) } }
                            @if p.tier == Some(shenguan_domain::petition::limits::PetitionTier::Overdue) {
                                " · " span.below { (t("办理逾期", "late")) }
                            }
                        }
                    }
                }
            }
            @if let Some(service) = &service { (super::service::section(&ctx, &title, service)) }
            @if let Some(check) = &check { (super::zhongben::section(&ctx, check)) }
            h2 { (t("审限计算", "How the deadline is counted")) }
            ol.muted { @for n in &notes { li { (n) } } }
            (super::limits::section(&ctx, &record, &requests))
            h2 { (t("流程节点", "Timeline")) }
            (ctx.table(timeline))
        };
        Ok(ctx.page(&title, body))
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
        Some(day) if day <= deadline => lang.pick("审限内结案", "closed within the limit").into(),
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
pub(crate) fn exclusions(lang: super::Lang, record: &shenguan_domain::CaseRecord) -> String {
    use super::Lang::{En, Zh};
    if record.exclusions.is_empty() {
        return lang.pick("无", "none").into();
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
        return lang.pick("无", "none").into();
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

/// A case number from a path as the store writes it (a year given in two digits is read against
/// this year), or why not.
pub(crate) fn canonical_number(server: &Server, text: &str) -> Result<String, ApiError> {
    let this_year = server.app.today().year();
    CaseNumber::parse(text, this_year)
        .map(|n| n.to_string())
        .map_err(|e| AppError::invalid_for(text, &e.text()).into())
}
