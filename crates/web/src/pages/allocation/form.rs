//! The desk of the filing division (`/assignments`): the form that allocates a newly filed case
//! — its facts, and optionally a designation with one of the configured reasons and who approved
//! it — and what the allocation decided (track, pool, rule and version, the facts the rule read,
//! the judge, the judges drawn among, the seed, the log entries written); the form that changes a
//! case's judge (`change`); and the day's log beneath (`log`). The rules are the ones the API
//! uses: the configured file (`[allocation] rules`) or the shipped one.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::{Markup, html};
use shenguan_app::allocation::assign::{Allocated, Designation, Filing};
use shenguan_app::allocation::rules_file;
use shenguan_app::{AppError, text};
use shenguan_domain::allocation::diversion::Facts;
use shenguan_domain::{CaseNumber, Money};

use super::{
    allocates, field, form_page, named, refusal, refuse_unless_allocator, refuse_unless_reader,
    staff_names, tools, track_label,
};
use crate::auth::blocking;
use crate::pages::{Asked, Ctx, Here, Lang, same_form};
use crate::{ApiError, Server, flag_param, param};

/// The most parties and lawyers one filing names (the API's bound).
const NAMES_MAX: usize = 200;

/// What a form of the desk shows: why it was refused or what it did, and its fields as posted
/// (the 送达 pages' forms show theirs the same way).
#[derive(Default)]
pub(crate) struct Shown {
    pub note: Option<Markup>,
    pub kept: Vec<(String, String)>,
}

impl Shown {
    /// What a form's post came to: what it did (the form emptied), or why it was refused (the
    /// form as posted), with the status to answer.
    pub(crate) fn after(
        ctx: &Ctx,
        done: Result<Markup, ApiError>,
        pairs: Vec<(String, String)>,
    ) -> (StatusCode, Shown) {
        match done {
            Ok(note) => (
                StatusCode::OK,
                Shown {
                    note: Some(note),
                    kept: Vec::new(),
                },
            ),
            Err(error) => (
                error.status,
                Shown {
                    note: Some(refusal(ctx.lang, &error)),
                    kept: pairs,
                },
            ),
        }
    }
}

/// The desk's forms, each as it is to be shown.
#[derive(Default)]
pub(super) struct Forms {
    pub allocation: Shown,
    pub change: Shown,
    pub declaration: Shown,
}

/// `GET /assignments`: the desk.
pub(crate) async fn assignments_page(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    form_page(server, asked, |server, ctx| async move {
        refuse_unless_reader(&ctx)?;
        let page = desk(&server, &ctx, Forms::default()).await?;
        Ok((StatusCode::OK, page))
    })
    .await
}

/// `POST /assignments`: allocates the form's case; then the desk with the result, or the form
/// again with why it was refused.
pub(crate) async fn allocate(
    State(server): State<Arc<Server>>,
    asked: Asked,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    form_page(server, asked, |server, mut ctx| async move {
        refuse_unless_allocator(&ctx)?;
        same_form(&ctx, &field(&pairs, "csrf"))?;
        ctx.here = Here::at("/assignments");
        let done = allocated(&server, &ctx, &pairs)
            .await
            .map(|(done, names)| result(&ctx, &done, &names));
        let (status, allocation) = Shown::after(&ctx, done, pairs);
        let forms = Forms {
            allocation,
            ..Forms::default()
        };
        Ok((status, desk(&server, &ctx, forms).await?))
    })
    .await
}

/// Allocates the case the form gives, under the configured (or shipped) rules.
async fn allocated(
    server: &Arc<Server>,
    ctx: &Ctx,
    pairs: &[(String, String)],
) -> Result<(Allocated, HashMap<String, String>), ApiError> {
    let (filing, designation) = filing_of(server, pairs)?;
    let user = ctx.user.clone();
    let writing = Arc::clone(server);
    let done = blocking(move || {
        let rules = rules_file::load(writing.app.config().allocation_rules.as_deref())?;
        writing.with_writer(|app, store| {
            app.allocate_case(store, &user, &rules, &filing, designation.as_ref())
        })
    })
    .await??;
    Ok((done, staff_names(server).await?))
}

/// A field that must be one line of at most `max` characters (empty: none).
fn line(pairs: &[(String, String)], name: &str, max: usize) -> Result<Option<String>, ApiError> {
    let Some(value) = param(pairs, name) else {
        return Ok(None);
    };
    if value.chars().count() > max || value.chars().any(char::is_control) {
        return Err(ApiError::from(AppError::invalid_for(
            name,
            &text!(
                "须为一行，不超过{max}字",
                "must be one line of at most {max} characters"
            ),
        )));
    }
    Ok(Some(value))
}

/// A whole number of `1..=max` (empty: none).
fn whole_number(pairs: &[(String, String)], name: &str, max: u32) -> Result<Option<u32>, ApiError> {
    let Some(value) = line(pairs, name, 12)? else {
        return Ok(None);
    };
    value
        .parse::<u32>()
        .ok()
        .filter(|n| (1..=max).contains(n))
        .map(Some)
        .ok_or_else(|| {
            ApiError::from(AppError::invalid_for(
                name,
                &text!("须为1至{max}的整数", "must be a whole number of 1 to {max}"),
            ))
        })
}

/// A case number as the form gives it, in its canonical form.
fn case_number(
    server: &Server,
    pairs: &[(String, String)],
    name: &str,
) -> Result<Option<String>, ApiError> {
    let Some(value) = line(pairs, name, 64)? else {
        return Ok(None);
    };
    let this_year = chrono::Datelike::year(&server.app.today());
    let number = CaseNumber::parse(&value, this_year)
        .map_err(|e| ApiError::from(AppError::invalid_for(name, &e.text())))?;
    Ok(Some(number.to_string()))
}

/// The filing and the designation the form gives.
fn filing_of(
    server: &Server,
    pairs: &[(String, String)],
) -> Result<(Filing, Option<Designation>), ApiError> {
    let case_no = case_number(server, pairs, "case_no")?.ok_or_else(|| {
        ApiError::from(AppError::invalid_for(
            "case_no",
            &text!("请填写案号", "give the case number"),
        ))
    })?;
    let this_year = chrono::Datelike::year(&server.app.today());
    let number = CaseNumber::parse(&case_no, this_year)
        .map_err(|e| ApiError::from(AppError::invalid_for("case_no", &e.text())))?;
    let amount = line(pairs, "amount", 32)?
        .map(|a| {
            Money::parse(&a).map_err(|_| {
                ApiError::from(AppError::invalid_for(
                    "amount",
                    &text!("不是金额：{a}", "not an amount: {a}"),
                ))
            })
        })
        .transpose()?;
    let names: Vec<String> = field(pairs, "party_names")
        .split(['\n', '\r', '、', ',', '，', ';', '；'])
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(String::from)
        .collect();
    if names.len() > NAMES_MAX || names.iter().any(|n| n.chars().count() > 100) {
        return Err(ApiError::from(AppError::invalid_for(
            "party_names",
            &text!(
                "当事人及代理人最多{NAMES_MAX}个，每个不超过100字",
                "at most {NAMES_MAX} parties and lawyers, each of at most 100 characters"
            ),
        )));
    }
    let facts = Facts {
        case_type: number
            .case_type()
            .map(|t| t.code.to_string())
            .unwrap_or_default(),
        cause: line(pairs, "cause", 100)?,
        amount,
        parties: whole_number(pairs, "parties", 10_000)?.unwrap_or(2),
        announcement: flag_param(pairs, "announcement")?,
        foreign: flag_param(pairs, "foreign")?,
        series: flag_param(pairs, "series")?,
        max_sentence_months: whole_number(pairs, "sentence_months", 1200)?,
        guilty_plea: flag_param(pairs, "guilty_plea")?,
        filed_on: server.app.today(),
    };
    let filing = Filing {
        case_no,
        facts,
        parties: names,
        origin: case_number(server, pairs, "origin")?,
        // The draw's seed is the system's: the filing division never chooses it.
        seed: None,
    };
    let (judge, reason, approver) = (
        line(pairs, "judge", 32)?,
        line(pairs, "reason", 200)?,
        line(pairs, "approver", 50)?,
    );
    // Any of the three asks for a designation: the app refuses one that lacks the others.
    let designation =
        (judge.is_some() || reason.is_some() || approver.is_some()).then(|| Designation {
            judge: judge.unwrap_or_default(),
            reason: reason.unwrap_or_default(),
            approver: approver.unwrap_or_default(),
        });
    if designation.as_ref().is_some_and(|d| d.judge.is_empty()) {
        return Err(ApiError::from(AppError::invalid_for(
            "judge",
            &text!(
                "指定分案须填写法官工号",
                "a designation names the judge's staff number"
            ),
        )));
    }
    Ok((filing, designation))
}

/// What the allocation decided.
fn result(ctx: &Ctx, done: &Allocated, names: &HashMap<String, String>) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let row = &done.row;
    let seed = row.seed.map(|s| u64::from_ne_bytes(s.to_ne_bytes()));
    let how = if row.how == "designate" {
        t("指定分案", "designated")
    } else {
        t("随机分案", "drawn")
    };
    html! {
        p.within {
            @match ctx.lang {
                Lang::Zh => { "已分案：" (row.case_no) "。" }
                Lang::En => { (row.case_no) " is allocated." }
            }
        }
        dl.allocated {
            dt { (t("案号", "Case")) } dd { (row.case_no) }
            dt { (t("轨道", "Track")) } dd { (track_label(ctx, &row.track)) }
            dt { (t("审判团队", "Pool")) } dd { (row.pool) }
            dt { (t("分流规则（版本）", "Rule (version)")) } dd { (done.decision.rule) "（" (done.decision.version) "）" }
            dt { (t("规则所依事实", "Facts the rule read")) }
            dd {
                @if done.decision.used.is_empty() { "—" }
                @for (i, (fact, value)) in done.decision.used.iter().enumerate() {
                    @if i > 0 { "；" }
                    (super::log::fact_label(ctx, fact)) "：" (value)
                }
            }
            dt { (t("承办法官", "Judge")) }
            dd {
                @match &row.judge {
                    Some(judge) => { strong { (named(names, judge)) } " · " (how) }
                    None => { span.below { (t("本团队没有可分配的法官，待指定", "no judge of the pool could take it: to designate")) } }
                }
            }
            @if let (Some(reason), Some(approver)) = (&row.reason, &row.approver) {
                dt { (t("指定理由及审批人", "Reason and approver")) } dd { (reason) " · " (approver) }
            }
            dt { (t("候选法官", "Drawn among")) }
            dd {
                @if done.among.is_empty() { "—" }
                @for (i, judge) in done.among.iter().enumerate() {
                    @if i > 0 { "、" }
                    (named(names, judge))
                }
            }
            dt { (t("随机种子", "Seed")) }
            dd { (seed.map_or_else(|| "—".to_string(), |s| s.to_string())) }
            dt { (t("分案日志", "Log entries")) }
            dd {
                @for (i, entry) in done.entries.iter().enumerate() {
                    @if i > 0 { br; }
                    "#" (entry.seq) " " (super::log::kind_label(ctx, &entry.kind)) " "
                    code { (entry.hash) }
                }
            }
        }
    }
}

/// The allocation form, filled with `kept` (the form's own fields when it comes back).
fn allocate_form(ctx: &Ctx, reasons: &[String], kept: &[(String, String)]) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let value = |name: &str| field(kept, name);
    let ticked = |name: &str| value(name) == "true";
    let reason = value("reason");
    html! {
        form method="post" action="/assignments" {
            input type="hidden" name="csrf" value=(ctx.csrf);
            dl {
                dt { (t("案号", "Case number")) }
                dd { input name="case_no" size="28" maxlength="64" required value=(value("case_no")); }
                dt { (t("案由", "Cause")) }
                dd { input name="cause" size="28" maxlength="100" value=(value("cause")); }
                dt { (t("标的额（元）", "Amount claimed (yuan)")) }
                dd { input name="amount" size="16" maxlength="32" value=(value("amount")); }
                dt { (t("当事人人数", "Parties")) }
                dd { input type="number" name="parties" min="1" max="10000" value=(param(kept, "parties").unwrap_or_else(|| "2".into())); }
                dt { (t("当事人及代理人（姓名或证件号，每行一个）", "Parties and lawyers (name or identity, one a line)")) }
                dd {
                    textarea name="party_names" rows="3" cols="40" maxlength="20000" { (value("party_names")) }
                    br; span.muted { (t("用于回避：已申报与其有利害关系的法官不参与随机分案。", "For recusal: a judge who declared a relationship with one of them is not drawn.")) }
                }
                dt { (t("情形", "Circumstances")) }
                dd {
                    label { input type="checkbox" name="announcement" value="true" checked[ticked("announcement")]; " " (t("预计公告送达", "service by announcement expected")) }
                    " "
                    label { input type="checkbox" name="foreign" value="true" checked[ticked("foreign")]; " " (t("涉外（含港澳台）", "foreign element")) }
                    " "
                    label { input type="checkbox" name="series" value="true" checked[ticked("series")]; " " (t("系列案", "one of a series")) }
                }
                dt { (t("刑事：可能判处的最高刑期（月）", "Criminal: heaviest sentence (months)")) }
                dd {
                    input type="number" name="sentence_months" min="1" max="1200" value=(value("sentence_months"));
                    " "
                    label { input type="checkbox" name="guilty_plea" value="true" checked[ticked("guilty_plea")]; " " (t("认罪认罚", "guilty plea")) }
                }
                dt { (t("原审案号（发回重审、指令再审）", "Earlier instance (remanded, retried)")) }
                dd { input name="origin" size="28" maxlength="64" value=(value("origin")); }
            }
            h3 { (t("指定分案（例外，须有所列理由并经批准）", "Designation (the exception: a listed reason and an approval)")) }
            dl {
                dt { (t("法官工号", "Judge's staff number")) }
                dd { input name="judge" size="12" maxlength="32" value=(value("judge")); }
                dt { (t("指定理由", "Reason")) }
                dd {
                    select name="reason" {
                        option value="" { (t("（随机分案，不指定）", "(drawn, not designated)")) }
                        @for listed in reasons {
                            option value=(listed) selected[*listed == reason] { (listed) }
                        }
                    }
                }
                dt { (t("审批人", "Approved by")) }
                dd { input name="approver" size="16" maxlength="50" value=(value("approver")); }
            }
            p { button { (t("分案", "Allocate")) } }
        }
    }
}

/// The desk: the forms (the office's and administrators'), each with what it just did or why it
/// was refused, and the day's log.
pub(super) async fn desk(
    server: &Arc<Server>,
    ctx: &Ctx,
    forms: Forms,
) -> Result<Markup, ApiError> {
    let Forms {
        allocation,
        change,
        declaration,
    } = forms;
    let today = server.app.today();
    let day = super::log::read_day(server, ctx, today).await?;
    let t = |zh, en| ctx.t(zh, en);
    let title = t("分案", "Allocation");
    let reasons = &server.app.config().designation_reasons;
    let body = html! {
        h1 { (title) }
        (tools(ctx))
        @if allocates(ctx) {
            @if let Some(note) = &allocation.note { (note) }
            p.muted { (t(
                "随机分案为主、指定分案为辅：案件先按繁简分流规则进入轨道和审判团队，再在团队内在岗、无须回避的法官中随机分配；随机种子由系统生成并记入分案日志。",
                "Drawn as the rule, designated as the exception: a case goes down a track to a pool by the diversion rules, then to a judge of the pool in post and not excluded, by a draw whose seed the system chooses and the log keeps."
            )) }
            (allocate_form(ctx, reasons, &allocation.kept))
            h2 { (t("变更承办法官", "Change the judge")) }
            @if let Some(note) = &change.note { (note) }
            (super::change::change_form(ctx, &change.kept))
            h2 { (t("申报回避、利害关系或休假", "Declare a recusal, a relationship or leave")) }
            @if let Some(note) = &declaration.note { (note) }
            (super::declare::declare_form(ctx, &declaration.kept))
        } @else {
            p.muted { (t("分案和变更承办法官由审管办（立案）办理；院领导可查看分案日志和分案情况。", "The office (filing) allocates cases and changes judges; leaders read the log and the allocations.")) }
        }
        h2 { (t("当日分案日志", "Today's allocation log")) " " span.muted { (today) } }
        (super::log::day_section(ctx, today, &day))
    };
    Ok(ctx.page(title, body))
}
