//! 审限变更 on the pages: on a case page its applications, the judge's form to apply and the
//! approver's forms to decide; the list of applications at `/limit-requests`; and the judge's
//! home-page reminder of applications falling due.

use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use shenguan_app::AppError;
use shenguan_app::limit_requests::{LimitRequest, RequestState, approves, change_of, may_decide};
use shenguan_domain::{CaseRecord, CourtCode};

use super::html::encode;
use super::table::{Cell, Table};
use super::{Asked, Ctx, same_form, signed_in};
use crate::auth::blocking;
use crate::{ApiError, Server, choice_param, day_value, item_number, param};

/// The applications of a case as a table.
fn table(
    ctx: &Ctx,
    key: &'static str,
    caption: String,
    requests: &[LimitRequest],
    with_case: bool,
) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut header = vec![t("编号", "No.")];
    if with_case {
        header.push(t("案号", "Case number"));
    }
    header.extend([
        t("种类", "Kind"),
        t("内容", "Change"),
        t("理由", "Reason"),
        t("申请人", "Applicant"),
        t("申请日期", "Applied"),
        t("当时审限", "Limit then"),
        t("审批层级", "Approver"),
        t("状态", "State"),
        t("审批日期", "Decided"),
        t("意见", "Note"),
    ]);
    let mut table = Table::new(key, caption, header);
    table.counted = ("件", "applications");
    table.rows = requests
        .iter()
        .map(|r| {
            let mut row = vec![Cell::count(r.row.id)];
            if with_case {
                row.push(
                    Cell::text(r.row.case_no.clone())
                        .link(format!("/cases/{}", encode(&r.row.case_no))),
                );
            }
            let applied = if r.row.late {
                Cell::text(format!("{} {}", r.row.asked_on, ctx.t("逾期申请", "late")))
                    .class("below")
            } else {
                Cell::text(r.row.asked_on.to_string())
            };
            let state = Cell::text(r.state.label().get(ctx.lang));
            let state = match r.state {
                RequestState::Pending => state.class("above"),
                RequestState::Approved => state.class("within"),
                RequestState::Refused => state.class("below"),
            };
            let decided = match (r.row.decided_on, r.row.decided_late) {
                (Some(on), Some(true)) => {
                    Cell::text(format!("{on} {}", ctx.t("逾期审批", "late"))).class("below")
                }
                (Some(on), _) => Cell::text(on.to_string()),
                (None, _) => Cell::none(),
            };
            row.extend([
                Cell::text(r.change.label().get(ctx.lang)),
                Cell::text(r.change.summary()),
                Cell::text(r.row.reason.clone()),
                Cell::text(r.row.asked_by.clone()),
                applied,
                Cell::text(r.row.deadline_then.to_string()),
                Cell::text(r.approver.label_zh()),
                state,
                decided,
                Cell::text(r.row.note.clone().unwrap_or_default()),
            ]);
            row
        })
        .collect();
    table
}

/// The section of a case page: its applications, the judge's form, the approver's forms.
pub(crate) fn section(ctx: &Ctx, record: &CaseRecord, requests: &[LimitRequest]) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let number = record.case_no.to_string();
    let pending = requests.iter().any(|r| r.state == RequestState::Pending);
    let may_apply = ctx.user.role == shenguan_app::accounts::Role::Judge
        && record.closed_on.is_none()
        && !pending;
    let deciding: Vec<&LimitRequest> = requests
        .iter()
        .filter(|r| {
            r.state == RequestState::Pending && may_decide(&ctx.user, r.approver, record.court)
        })
        .collect();
    let caption = format!("{number} {}", t("审限变更申请", "time-limit applications"));
    html! {
        h2 { (t("审限变更", "Changes of the time limit")) }
        @if requests.is_empty() {
            p.muted { (t("尚无审限变更申请。", "No application to change the limit.")) }
        } @else {
            (ctx.table(table(ctx, "limits", caption, requests, false)))
        }
        @for r in &deciding {
            form method="post" action=(format!("/limit-requests/{}/approve", r.row.id)) {
                input type="hidden" name="csrf" value=(ctx.csrf);
                h3 { (t("审批第", "Decide application no. ")) (r.row.id) (t("号申请", "")) }
                p { label { (t("意见（不予批准时必填）", "Note (required to refuse)")) " " input name="note" maxlength="2000" size="50"; } }
                p {
                    button name="decision" value="approve" { (t("批准", "Approve")) }
                    " "
                    button name="decision" value="refuse" formaction=(format!("/limit-requests/{}/refuse", r.row.id)) { (t("不予批准", "Refuse")) }
                }
            }
        }
        @if may_apply {
            form method="post" action=(format!("/cases/{}/limit-requests", encode(&number))) {
                input type="hidden" name="csrf" value=(ctx.csrf);
                h3 { (t("申请审限变更", "Apply for a change")) }
                p {
                    label { input type="radio" name="kind" value="extension" required; " " (t("延长审限", "extension")) }
                    " " label { (t("期限", "by")) " " input name="length" size="8" placeholder="6个月"; }
                }
                p {
                    label { input type="radio" name="kind" value="exclusion"; " " (t("扣除审限", "excluded period")) }
                    " " label { (t("事由", "ground")) " " input name="ground" size="8" placeholder="公告"; }
                    " " label { (t("自", "from")) " " input type="date" name="from"; }
                    " " label { (t("至", "to")) " " input type="date" name="to"; }
                }
                p { label { (t("理由", "Reason")) " " input name="reason" maxlength="2000" size="50" required; } }
                p { button { (t("提交申请", "Apply")) } }
            }
        }
    }
}

/// `POST /cases/{case_no}/limit-requests` (kind, length | ground from to, reason): the judge
/// applies; the case's applications are shown again.
pub(crate) async fn apply(
    State(server): State<Arc<Server>>,
    Path(number): Path<String>,
    asked: Asked,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        same_form(&ctx, &param(&pairs, "csrf").unwrap_or_default())?;
        let change = change_of(
            &param(&pairs, "kind").unwrap_or_default(),
            param(&pairs, "length").as_deref(),
            param(&pairs, "ground").as_deref(),
            day_value("from", param(&pairs, "from").as_deref())?,
            day_value("to", param(&pairs, "to").as_deref())?,
        )?;
        let reason = param(&pairs, "reason").unwrap_or_default();
        let number = super::case::canonical_number(&server, &number)?;
        let user = ctx.user.clone();
        let case_no = number.clone();
        let writing = Arc::clone(&server);
        let made = blocking(move || {
            writing.with_writer(|app, store| {
                app.apply_for_limit_change(store, &user, &case_no, change, &reason)
            })
        })
        .await??;
        let said = if made.row.late {
            ctx.t(
                "申请已提交（距审限届满不足规定天数，标注为逾期申请）。",
                "The application is made (within the lead time: marked late).",
            )
        } else {
            ctx.t(
                "申请已提交，待审批。",
                "The application is made and awaits a decision.",
            )
        };
        done(&server, ctx, &number, said).await
    })
    .await
}

/// `POST /limit-requests/{id}/{approve|refuse}` (note): the approver decides.
pub(crate) async fn decide(
    State(server): State<Arc<Server>>,
    Path((id, decision)): Path<(String, String)>,
    asked: Asked,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        same_form(&ctx, &param(&pairs, "csrf").unwrap_or_default())?;
        let id = item_number(&id, crate::Numbered::Application)?;
        let approve = approves(&decision)?;
        let note = param(&pairs, "note").unwrap_or_default();
        let user = ctx.user.clone();
        let writing = Arc::clone(&server);
        let decided = blocking(move || {
            writing.with_writer(|app, store| {
                app.decide_limit_request(store, &user, id, approve, &note)
            })
        })
        .await??;
        let said = if approve {
            ctx.t(
                "已批准，审限已重新计算。",
                "Approved: the limit is computed again.",
            )
        } else {
            ctx.t("已不予批准。", "Refused.")
        };
        done(&server, ctx, &decided.row.case_no, said).await
    })
    .await
}

/// The page after a step: what was done, the case's applications and its new deadline.
async fn done(
    server: &Arc<Server>,
    ctx: Ctx,
    number: &str,
    said: &str,
) -> Result<maud::Markup, ApiError> {
    let user = ctx.user.clone();
    let reading = Arc::clone(server);
    let case_no = number.to_string();
    let (file, requests) = blocking(move || {
        reading.with_store(|app, store| {
            let file = app.case_file(store, &user, &case_no)?;
            let requests = app.limit_requests(store, &user, None, Some(&case_no))?;
            Ok::<_, AppError>((file, requests))
        })
    })
    .await??;
    let t = |zh, en| ctx.t(zh, en);
    let deadline = file
        .deadline
        .as_ref()
        .and_then(|d| d.date)
        .map_or_else(|| "—".to_string(), |d| d.to_string());
    let body = html! {
        h1 { (number) }
        p.within { (said) }
        p { (t("审限届满日：", "Deadline: ")) strong { (deadline) } }
        (section(&ctx, &file.record, &requests))
        p { a href=(format!("/cases/{}", encode(number))) { (t("返回案件", "Back to the case")) } }
    };
    Ok(ctx.page(number, body))
}

/// `GET /limit-requests?state&mine`: the applications the reader may see; `mine` those the
/// reader decides.
pub(crate) async fn list_page(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let state = choice_param(ctx.params(), "state", RequestState::parse)?;
        let mine = crate::flag_param(ctx.params(), "mine")?;
        let user = ctx.user.clone();
        let reading = Arc::clone(&server);
        let mut requests = blocking(move || {
            reading.with_store(|app, store| app.limit_requests(store, &user, state, None))
        })
        .await??;
        if mine {
            requests.retain(|r| {
                CourtCode::parse(&r.row.court_code)
                    .is_ok_and(|court| may_decide(&ctx.user, r.approver, court))
            });
        }
        let t = |zh, en| ctx.t(zh, en);
        let title = t("审限变更申请", "Applications to change time limits");
        let body = html! {
            h1 { (title) }
            p {
                a href="/limit-requests?state=pending&mine=true" { (t("待我审批", "Awaiting my decision")) } " "
                a href="/limit-requests?state=pending" { (t("全部待审批", "All awaiting a decision")) } " "
                a href="/limit-requests" { (t("全部", "All")) }
            }
            p.muted { (t(
                "延长审限：首次由本院院长审批，再次由上级法院审批；刑事、行政案件由上级法院审批；扣除审限由本院院长审批。距审限届满不足规定天数提出的申请标注为逾期申请。",
                "Extensions: a first one by the court's president, a further one by the court above; criminal and administrative ones by the court above; excluded periods by the president. Applications within the lead time before the limit runs out are marked late."
            )) }
            (ctx.table(table(&ctx, "", title.to_string(), &requests, true)))
        };
        Ok(ctx.page(title, body))
    })
    .await
}

/// The judge's reminder on the home page: cases whose application falls due soon.
pub(crate) async fn due_box(server: &Arc<Server>, ctx: &Ctx) -> Result<Option<Markup>, ApiError> {
    let user = ctx.user.clone();
    let reading = Arc::clone(server);
    let due = blocking(move || reading.with_store(|app, store| app.applications_due(store, &user)))
        .await??;
    if due.is_empty() {
        return Ok(None);
    }
    let t = |zh, en| ctx.t(zh, en);
    Ok(Some(html! {
        section.todo {
            h2 { (t("应申请审限变更", "Applications to change the limit falling due")) " " (due.len()) }
            ul {
                @for d in &due {
                    li {
                        a href=(format!("/cases/{}", encode(&d.case.case_no.to_string()))) { (d.case.case_no) }
                        " · " (t("审限届满", "limit runs out")) " " (d.deadline)
                        " · " (t("应于", "apply by")) " " (d.due_by) (t("前申请", ""))
                    }
                }
            }
        }
    }))
}
