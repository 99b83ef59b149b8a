//! The plan wizard (`/reviews/new`: the rules, then a preview of the cases and reviewers they
//! give, then the plan kept with the very draw previewed) and a plan's page
//! (`/reviews/plans/{id}`: its rules and seed, the panel's loads, every case with its reviewer and
//! where its review stands).

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use shenguan_app::AppError;
use shenguan_app::review::ReviewPlanRow;
use shenguan_app::review::{PlanKind, PlanRequest};
use shenguan_domain::review::assignment::Separation;
use shenguan_domain::review::selection::Class;
use shenguan_domain::{CourtCode, text};

use super::super::table::{Cell, Table};
use super::super::{Asked, Ctx, Here, Lang, same_form, signed_in};
use super::{case_href, plans_made_by as plan_makers, reason_text};
use crate::auth::blocking;
use crate::{ApiError, Numbered, Server, day_value, item_number, param};

/// Staff names by staff number.
pub(super) type Names = std::collections::HashMap<String, String>;

/// A reviewer as the pages name them: 王伟（1403001）, or the number alone when the staff list
/// has no such person.
pub(super) fn named(names: &Names, staff_id: &str) -> String {
    match names.get(staff_id) {
        Some(name) => format!("{name}（{staff_id}）"),
        None => staff_id.to_string(),
    }
}

/// How many of a preview's cases the page lists (the plan's page lists them all).
const PREVIEW_ROWS: usize = 50;

/// The plan the form asks for.
fn request_of(server: &Server, pairs: &[(String, String)]) -> Result<PlanRequest, ApiError> {
    let field = |name: &str| param(pairs, name).unwrap_or_default();
    let kind = PlanKind::parse(&field("kind")).ok_or_else(|| {
        ApiError::from(AppError::invalid_for(
            "kind",
            &text!(
                "评查方式须为重点、常规或专项",
                "the kind is key, routine or thematic"
            ),
        ))
    })?;
    let court = match param(pairs, "court") {
        None => None,
        Some(code) => Some(
            CourtCode::parse(&code)
                .map_err(|e| ApiError::from(AppError::invalid_for("court", &e.text())))?,
        ),
    };
    let today = server.app.today();
    let from = day_value("from", param(pairs, "from").as_deref())?.ok_or_else(|| {
        ApiError::from(AppError::invalid_for(
            "from",
            &text!("请填写起始日期", "give the first day"),
        ))
    })?;
    let to = day_value("to", param(pairs, "to").as_deref())?.unwrap_or(today);
    let number = |name: &str, max: u64| -> Result<Option<u64>, ApiError> {
        param(pairs, name)
            .map(|v| {
                v.parse::<u64>().ok().filter(|n| *n <= max).ok_or_else(|| {
                    ApiError::from(AppError::invalid_for(
                        name,
                        &text!("“{v}”不是有效的数字", "“{v}” is not a valid number"),
                    ))
                })
            })
            .transpose()
    };
    let per_mille =
        number("per_mille", 1000)?.unwrap_or(if kind == PlanKind::Key { 0 } else { 1000 });
    let seed = number("seed", u64::MAX)?;
    let separation = match field("separation").as_str() {
        "division" => Separation::Division,
        "" | "court" => Separation::Court,
        _ => {
            return Err(ApiError::from(AppError::invalid_for(
                "separation",
                &text!(
                    "交叉方式须为跨院或跨庭",
                    "the separation is court or division"
                ),
            )));
        }
    };
    let reviewers: Vec<String> = field("reviewers")
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、' | ';' | '；'))
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    let class = Class {
        types: field("types")
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '，' | '、'))
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
        cause: param(pairs, "cause"),
    };
    if class.types.len() > 50 || class.cause.as_ref().is_some_and(|c| c.chars().count() > 50) {
        return Err(ApiError::from(AppError::invalid_for(
            "types",
            &text!("专项类别过长", "the class is too long"),
        )));
    }
    Ok(PlanRequest {
        name: field("name"),
        kind,
        court,
        from,
        to,
        per_mille: u32::try_from(per_mille).unwrap_or(1000),
        seed,
        separation,
        reviewers,
        blind: param(pairs, "blind").is_some_and(|v| v == "true"),
        class,
    })
}

/// The wizard's form, filled with `asked` (the form's own fields when it comes back).
fn plan_form(ctx: &Ctx, asked: &[(String, String)], today: chrono::NaiveDate) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let value = |name: &str| param(asked, name).unwrap_or_default();
    let kind = value("kind");
    let year_start =
        chrono::NaiveDate::from_ymd_opt(chrono::Datelike::year(&today) - 1, 1, 1).unwrap_or(today);
    let year_end = chrono::NaiveDate::from_ymd_opt(chrono::Datelike::year(&today) - 1, 12, 31)
        .unwrap_or(today);
    html! {
        form method="post" action="/reviews/new" {
            input type="hidden" name="csrf" value=(ctx.csrf);
            dl {
                dt { (t("计划名称", "Name")) }
                dd { input name="name" size="40" maxlength="100" required value=(value("name")); }
                dt { (t("评查方式", "Kind")) }
                dd {
                    select name="kind" {
                        @for k in [PlanKind::Key, PlanKind::Routine, PlanKind::Thematic] {
                            option value=(k.key()) selected[kind == k.key()] { (k.label(ctx.lang)) }
                        }
                    }
                    br; span.muted { (t(
                        "重点评查选取期间内被改判、发回重审、指令再审的案件，以及交办转办、存疑和重复信访的案件；常规评查按各法官结案数比例随机抽取；专项评查选取某类案件。",
                        "Key review takes the period's reversed, remanded and retried cases with the referred, doubtful and repeatedly petitioned ones; routine review draws a share of each judge's closings; thematic review takes a class of cases."
                    )) }
                }
                dt { (t("法院（不填为本院及辖区）", "Court (empty: yours, with those below)")) }
                dd { input name="court" size="10" maxlength="16" value=(value("court")); }
                dt { (t("期间", "Period")) }
                dd {
                    input type="date" name="from" required value=(param(asked, "from").unwrap_or_else(|| year_start.to_string()));
                    " " (t("至", "to")) " "
                    input type="date" name="to" required value=(param(asked, "to").unwrap_or_else(|| year_end.to_string()));
                }
                dt { (t("抽样比例（‰，常规、专项评查）", "Share (‰, routine and thematic)")) }
                dd { input type="number" name="per_mille" min="1" max="1000" value=(param(asked, "per_mille").unwrap_or_else(|| "50".into())); }
                dt { (t("抽样种子（可不填，自动生成并记录）", "Seed (optional: drawn and recorded)")) }
                dd { input name="seed" size="22" maxlength="20" value=(value("seed")); }
                dt { (t("专项：案件类型（如 民初、执）", "Thematic: case types (民初, 执 …)")) }
                dd { input name="types" size="24" maxlength="200" value=(value("types")); }
                dt { (t("专项：案由包含", "Thematic: cause contains")) }
                dd { input name="cause" size="24" maxlength="50" value=(value("cause")); }
                dt { (t("交叉评查", "Cross-review")) }
                dd {
                    select name="separation" {
                        option value="court" selected[value("separation") != "division"] { (t("跨院评查（不评本院案件）", "between courts")) }
                        option value="division" selected[value("separation") == "division"] { (t("跨庭评查（不评本庭案件）", "between divisions")) }
                    }
                    " "
                    label { input type="checkbox" name="blind" value="true" checked[value("blind") == "true"]; " " (t("背对背（提交前不显示承办法官）", "blind (no judge's name before submitting)")) }
                }
                dt { (t("评查人员（工号，以空格、逗号或顿号分隔）", "Reviewers (staff numbers, separated by spaces or commas)")) }
                dd { textarea name="reviewers" rows="3" cols="60" maxlength="20000" required { (value("reviewers")) } }
            }
            p {
                button name="action" value="preview" { (t("预览", "Preview")) }
            }
        }
    }
}

/// `GET /reviews/new`: the wizard's first step.
pub(crate) async fn new_plan_page(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        if !plan_makers(&ctx) {
            return Err(ApiError::from(AppError::Forbidden(text!(
                "仅审管办和系统管理员可制定评查计划",
                "only the office and administrators make review plans"
            ))));
        }
        let title = ctx.t("制定评查计划", "Make a review plan");
        let body = html! {
            h1 { (title) }
            (plan_form(&ctx, &[], server.app.today()))
            p { a href="/reviews" { (ctx.t("返回案件评查", "Back to review")) } }
        };
        Ok(ctx.page(title, body))
    })
    .await
}

/// `POST /reviews/new`: `action=preview` shows what the rules give, with the form to keep it
/// (its seed fixed, so the plan kept is the draw shown); `action=create` keeps it and shows the
/// plan.
pub(crate) async fn make_plan(
    State(server): State<Arc<Server>>,
    asked: Asked,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    signed_in(server, asked, |server, mut ctx| async move {
        same_form(&ctx, &param(&pairs, "csrf").unwrap_or_default())?;
        let request = request_of(&server, &pairs)?;
        let create = param(&pairs, "action").as_deref() == Some("create");
        let user = ctx.user.clone();
        let working = Arc::clone(&server);
        let (plan, names) = blocking(move || {
            let plan = if create {
                working.with_writer(|app, store| app.create_review_plan(store, &user, &request))
            } else {
                working.with_store(|app, store| app.preview_review_plan(store, &user, &request))
            }?;
            let names = working.with_store(|app, store| app.staff_names(store))?;
            Ok::<_, AppError>((plan, names))
        })
        .await??;
        if create {
            ctx.here = Here::at(&format!("/reviews/plans/{}", plan.id));
            let note = html! { p.within { (ctx.t("评查计划已制定。", "The plan is made.")) } };
            return Ok(plan_view(&ctx, &plan, &[], &names, Some(note)));
        }
        ctx.here = Here::at("/reviews/new");
        let t = |zh, en| ctx.t(zh, en);
        let seed = u64::from_ne_bytes(plan.seed.to_ne_bytes()).to_string();
        let kept: Vec<(String, String)> = pairs
            .iter()
            .filter(|(k, _)| !matches!(k.as_str(), "csrf" | "action" | "seed"))
            .cloned()
            .chain(std::iter::once(("seed".to_string(), seed)))
            .collect();
        let title = t("评查计划预览", "Plan preview");
        let body = html! {
            h1 { (title) }
            (summary(&ctx, &plan, &names))
            (ctx.table(cases_table(&ctx, &plan, &[], &names, Some(PREVIEW_ROWS))))
            form method="post" action="/reviews/new" {
                input type="hidden" name="csrf" value=(ctx.csrf);
                @for (name, value) in &kept {
                    input type="hidden" name=(name) value=(value);
                }
                p { button name="action" value="create" { (t("确认制定", "Make this plan")) } }
            }
            h2 { (t("修改规则", "Change the rules")) }
            (plan_form(&ctx, &kept, server.app.today()))
        };
        Ok(ctx.page(title, body))
    })
    .await
}

/// A plan's rules, its seed, and the counts the panel carries.
fn summary(ctx: &Ctx, plan: &ReviewPlanRow, names: &Names) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let kind = PlanKind::parse(&plan.kind)
        .map_or_else(|| plan.kind.clone(), |k| k.label(ctx.lang).to_string());
    let mut reasons: BTreeMap<String, usize> = BTreeMap::new();
    let mut loads: BTreeMap<&str, usize> = plan.reviewers.iter().map(|r| (r.as_str(), 0)).collect();
    let mut unassigned = 0;
    for case in &plan.cases {
        *reasons.entry(reason_text(ctx, &case.reason)).or_default() += 1;
        match &case.reviewer {
            Some(r) => *loads.entry(r.as_str()).or_default() += 1,
            None => unassigned += 1,
        }
    }
    let seed = u64::from_ne_bytes(plan.seed.to_ne_bytes());
    html! {
        dl.facts {
            dt { (t("名称", "Name")) } dd { (plan.name) }
            dt { (t("方式", "Kind")) } dd { (kind) @if plan.blind { (t("（背对背）", " (blind)")) } }
            dt { (t("法院", "Courts")) } dd { (plan.court.as_deref().map_or_else(|| t("全市", "the network").to_string(), |c| ctx.court(c))) }
            dt { (t("期间", "Period")) } dd { (plan.from) " — " (plan.to) }
            @if plan.kind != "key" {
                dt { (t("比例", "Share")) } dd { (plan.per_mille) "‰" }
                dt { (t("抽样种子", "Seed")) } dd { (seed) " " span.muted { (t("（以同一种子可重现同一抽样）", "(the same seed replays the same draw)")) } }
            }
            @if let Some(class) = &plan.class { dt { (t("专项类别", "Class")) } dd { (class) } }
            dt { (t("交叉方式", "Cross-review")) } dd { (if plan.separation == "division" { t("跨庭", "between divisions") } else { t("跨院", "between courts") }) }
            dt { (t("案件数", "Cases")) }
            dd {
                (plan.cases.len())
                @for (reason, n) in &reasons { " · " (reason) " " (n) }
            }
            dt { (t("评查人员及分案数", "Reviewers and their cases")) }
            dd { @for (i, (who, n)) in loads.iter().enumerate() { @if i > 0 { "，" } (named(names, who)) " " (n) } }
        }
        @if unassigned > 0 {
            p.below {
                @match ctx.lang {
                    Lang::Zh => { (unassigned) "件案件没有可分配的评查人员（均为本院、曾参与审理或已回避），可在计划页指定其他评查人员。" }
                    Lang::En => { (unassigned) " cases have no reviewer who may take them (all of the same court, took part, or recused): name another reviewer on the plan's page." }
                }
            }
        }
    }
}

/// The cases of a plan, with their reviewer and where their review stands (`results`: the
/// reviews submitted so far).
fn cases_table(
    ctx: &Ctx,
    plan: &ReviewPlanRow,
    results: &[shenguan_app::review::ReviewResultRow],
    names: &Names,
    limit: Option<usize>,
) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        "cases",
        format!("{}{}", plan.name, t("：案件", ": cases")),
        vec![
            t("案号", "Case"),
            t("选取理由", "Why taken"),
            t("改判、发回的案件", "Deciding case"),
            t("评查人员", "Reviewer"),
            t("评查结论", "Review"),
        ],
    );
    for case in plan.cases.iter().take(limit.unwrap_or(usize::MAX)) {
        let result = results.iter().find(|r| r.case_no == case.case_no);
        let number = Cell::text(case.case_no.clone());
        table.rows.push(vec![
            if plan.id > 0 {
                number.link(case_href(plan.id, &case.case_no))
            } else {
                number
            },
            Cell::text(reason_text(ctx, &case.reason)),
            case.decided_by
                .as_ref()
                .map_or_else(Cell::none, |d| Cell::text(d.clone())),
            match &case.reviewer {
                Some(r) => Cell::text(named(names, r)),
                None => Cell::text(t("未分配", "unassigned")).class("below"),
            },
            match result {
                Some(r) => Cell::text(format!("{} {}{}", r.grade, r.score, t("分", " points"))),
                None => Cell::text(t("待评查", "to review")),
            },
        ]);
    }
    table.page_size = Some(100);
    table
}

fn plan_view(
    ctx: &Ctx,
    plan: &ReviewPlanRow,
    results: &[shenguan_app::review::ReviewResultRow],
    names: &Names,
    note: Option<Markup>,
) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let submitted = results.len();
    let body = html! {
        h1 { (plan.name) }
        @if let Some(note) = note { (note) }
        (summary(ctx, plan, names))
        p {
            @match ctx.lang {
                Lang::Zh => { "已提交评查意见" (submitted) "件，待评查" (plan.cases.len().saturating_sub(submitted)) "件。" }
                Lang::En => { (submitted) " reviews submitted, " (plan.cases.len().saturating_sub(submitted)) " to come." }
            }
        }
        h2 { (t("案件", "Cases")) }
        (ctx.table(cases_table(ctx, plan, results, names, None)))
        @if plan_makers(ctx) {
            h2 { (t("指定评查人员", "Give a case to a reviewer")) }
            p.muted { (t(
                "未分配或需改派的案件（尚未提交评查意见），可指定其他法院（或部门）未参与审理的人员评查。",
                "A case not yet reviewed, unassigned or to move, may go to someone of another court (or division) who took no part in it."
            )) }
            form method="post" action=(format!("/reviews/plans/{}/assign", plan.id)) {
                input type="hidden" name="csrf" value=(ctx.csrf);
                (t("案号", "Case")) " " input name="case_no" size="28" maxlength="64" required;
                " " (t("评查人员工号", "Reviewer's staff number")) " " input name="staff_id" size="12" maxlength="32" required;
                " " button { (t("指定", "Assign")) }
            }
        }
        p { a href="/reviews" { (t("返回案件评查", "Back to review")) } }
    };
    ctx.page(&plan.name, body)
}

/// `GET /reviews/plans/{id}`: a plan.
pub(crate) async fn plan_page(
    State(server): State<Arc<Server>>,
    Path(id): Path<String>,
    asked: Asked,
) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let id = item_number(&id, Numbered::ReviewPlan)?;
        let user = ctx.user.clone();
        let reading = Arc::clone(&server);
        let (plan, results, names) = blocking(move || {
            reading.with_store(|app, store| {
                let (plan, results) = app.plan_with_results(store, &user, id)?;
                Ok::<_, AppError>((plan, results, app.staff_names(store)?))
            })
        })
        .await??;
        Ok(plan_view(&ctx, &plan, &results, &names, None))
    })
    .await
}

/// `POST /reviews/plans/{id}/assign`: the office gives a case of the plan to a reviewer; then the
/// plan.
pub(crate) async fn assign_case(
    State(server): State<Arc<Server>>,
    Path(id): Path<String>,
    asked: Asked,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    signed_in(server, asked, |server, mut ctx| async move {
        same_form(&ctx, &param(&pairs, "csrf").unwrap_or_default())?;
        let id = item_number(&id, Numbered::ReviewPlan)?;
        let case_no = param(&pairs, "case_no").unwrap_or_default();
        let staff_id = param(&pairs, "staff_id").unwrap_or_default();
        let user = ctx.user.clone();
        let working = Arc::clone(&server);
        let (plan, results, names) = blocking(move || {
            let this_year = chrono::Datelike::year(&working.app.today());
            let number = shenguan_domain::CaseNumber::parse(&case_no, this_year)
                .map_err(|e| AppError::invalid_for("case_no", &e.text()))?
                .to_string();
            working.with_writer(|app, store| {
                app.assign_review(store, &user, id, &number, &staff_id)
            })?;
            working.with_store(|app, store| {
                let (plan, results) = app.plan_with_results(store, &user, id)?;
                Ok::<_, AppError>((plan, results, app.staff_names(store)?))
            })
        })
        .await??;
        ctx.here = Here::at(&format!("/reviews/plans/{id}"));
        let note = html! { p.within { (ctx.t("已指定评查人员。", "The case is given to the reviewer.")) } };
        Ok(plan_view(&ctx, &plan, &results, &names, Some(note)))
    })
    .await
}
