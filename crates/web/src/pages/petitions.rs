//! 信访 on the pages: the register (`/petitions`, with each petition's step and how urgent it
//! is), the form that registers one, a petition's page (its record, timeline, log, the other
//! petitions of its matter, and the forms of the steps the reader may take), a petitioner's
//! history (`/petitioners/{key}`), and the statistics (`/petitions/figures`: the indicators of
//! the 信访 family by court and month, and where the city stands on the high court's notice).
//! What may be done is the app's to decide (`shenguan_app::petitions`).

use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use shenguan_app::AppError;
use shenguan_app::metrics::{Comparison, Dimension, Filter, IndicatorCode};
use shenguan_app::petitions::{
    ListedPetition, NewPetition, PetitionFile, PetitionFilter, Standing, may_keep_register,
};
use shenguan_domain::petition::limits::PetitionTier;
use shenguan_domain::petition::steps::StepKind;
use shenguan_domain::petition::{
    Channel, Level, Outcome, Petition, Referrer, Route, Satisfaction, Screening, Subject,
};
use shenguan_domain::{CourtCode, CourtLevel};

use super::html::encode;
use super::table::{Cell, Table};
use super::view::{cards, figures_table, indicators, request};
use super::{Asked, Ctx, Here, Lang, figures, period, period_form, same_form, signed_in};
use crate::auth::blocking;
use crate::{ApiError, Server, day_value, flag_param, item_number, param};

/// The indicators of the statistics page: the catalogue's 信访 family, in its order (the
/// speech's), so a figure added to the family shows here without a second list.
fn family() -> Vec<&'static shenguan_app::metrics::Indicator> {
    shenguan_app::metrics::CATALOGUE
        .iter()
        .filter(|i| i.family == shenguan_app::metrics::Family::Petitions)
        .collect()
}

/// The counts by month: how far petitions went.
const BY_MONTH: [IndicatorCode; 5] = [
    IndicatorCode::Petitions,
    IndicatorCode::PetitionPersons,
    IndicatorCode::PetitionsToProvince,
    IndicatorCode::PetitionsToBeijing,
    IndicatorCode::PetitionsToCircuit,
];

/// Whether the reader keeps a register at all (the office, an administrator).
fn keeps_register(ctx: &Ctx) -> bool {
    match ctx.user.court {
        Some(court) => may_keep_register(&ctx.user, court),
        None => matches!(
            ctx.user.role,
            shenguan_app::accounts::Role::Office | shenguan_app::accounts::Role::Admin
        ),
    }
}

fn label<T: Copy>(value: Option<T>, zh: fn(T) -> &'static str) -> String {
    value.map_or_else(|| "—".to_string(), |v| zh(v).to_string())
}

/// The step a petition waits for and by when, with the class of its urgency.
fn due_text(ctx: &Ctx, p: &ListedPetition) -> Option<(String, Option<&'static str>)> {
    let due = p.due?;
    let awaited = match ctx.lang {
        Lang::Zh => due.awaited.label_zh(),
        Lang::En => due.awaited.label_en(),
    };
    let text = match p.tier {
        Some(tier) => format!(
            "{awaited} {} {}",
            due.on,
            ctx.t(tier.label_zh(), tier.label_en())
        ),
        None => format!("{awaited} {}", due.on),
    };
    let class = match p.tier {
        Some(PetitionTier::Overdue) => Some("below"),
        Some(_) => Some("above"),
        None => None,
    };
    Some((text, class))
}

fn due_cell(ctx: &Ctx, p: &ListedPetition) -> Cell {
    match due_text(ctx, p) {
        Some((text, Some(class))) => Cell::text(text).class(class),
        Some((text, None)) => Cell::text(text),
        None => Cell::none(),
    }
}

/// The petitioners of a petition: names with the masked number, each with an identity linked to
/// their history.
fn petitioners(p: &Petition) -> Markup {
    html! {
        @for (i, x) in p.petitioners.iter().enumerate() {
            @if i > 0 { "、" }
            @match &x.identity {
                Some(key) => { a href=(format!("/petitioners/{}", key.as_str())) { (x.name) } }
                None => { (x.name) }
            }
            @if let Some(masked) = &x.masked { " " span.muted { (masked) } }
        }
    }
}

fn cases(p: &Petition) -> Markup {
    html! {
        @for (i, case) in p.cases.iter().enumerate() {
            @if i > 0 { " " }
            @let number = case.to_string();
            a href=(format!("/cases/{}", encode(&number))) { (number) }
        }
    }
}

/// A table of petitions; its first column ticks the cases of late ones for 督办 (dropped by
/// the caller for a reader who may not supervise).
fn table(ctx: &Ctx, key: &'static str, caption: String, listed: &[ListedPetition]) -> Table {
    let t = |zh, en| ctx.t(zh, en).to_string();
    let mut table = Table::new(
        key,
        caption,
        vec![
            t("督办", "Supervise"),
            t("登记号", "Register no."),
            t("法院", "Court"),
            t("登记日期", "Received"),
            t("来源", "Channel"),
            t("信访人", "Petitioners"),
            t("人数", "People"),
            t("涉及案号", "Cases"),
            t("事项", "Subject"),
            t("层级", "Level"),
            t("诉访分离", "Screening"),
            t("待办环节及期限", "Awaits, by"),
            t("重复信访", "Repeat"),
        ],
    );
    table.counted = ("件", "petitions");
    table.page_size = Some(super::lists::PAGE_SIZE);
    table.rows = listed
        .iter()
        .map(|l| {
            let p = &l.petition;
            let late = l.tier == Some(PetitionTier::Overdue);
            vec![
                Cell::controls(html! {
                    @if late {
                        @for case in &p.cases {
                            label title=(case.to_string()) {
                                input type="checkbox" name="case" value=(case.to_string()) form="supervise";
                            }
                        }
                    }
                }),
                Cell::text(p.register_no.clone()).link(format!("/petitions/{}", l.id)),
                Cell::text(ctx.court(&p.court.to_string())),
                Cell::text(p.received_on.to_string()),
                Cell::text(p.channel.label_zh()),
                Cell::controls(petitioners(p)),
                Cell::count(i64::from(p.head_count)),
                Cell::controls(cases(p)),
                Cell::text(p.subject.label_zh()),
                Cell::text(p.level.label_zh()),
                Cell::text(label(p.screening, Screening::label_zh)),
                due_cell(ctx, l),
                if l.repeat {
                    Cell::text(ctx.t("是", "yes")).class("above")
                } else {
                    Cell::text("")
                },
            ]
        })
        .collect();
    table
}

/// `GET /petitions?from&to&overdue`: the register as the reader may see it.
pub(crate) async fn petitions_page(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let filter = PetitionFilter {
            from: day_value("from", param(ctx.params(), "from").as_deref())?,
            to: day_value("to", param(ctx.params(), "to").as_deref())?,
            overdue: flag_param(ctx.params(), "overdue")?,
        };
        let shown = filter.clone();
        let user = ctx.user.clone();
        let reading = Arc::clone(&server);
        let listed =
            blocking(move || reading.with_store(|app, store| app.petitions(store, &user, &filter)))
                .await??;
        let t = |zh, en| ctx.t(zh, en);
        let title = t("信访登记", "Petition register");
        let late = listed
            .iter()
            .filter(|p| p.tier == Some(PetitionTier::Overdue))
            .count();
        let picks = super::duban::may_open(&ctx);
        let body = html! {
            h1 { (title) }
            p.tools {
                @if keeps_register(&ctx) { a href="/petitions/new" { (t("登记信访", "Register a petition")) } }
                a href="/petitions/figures" { (t("信访统计", "Petition figures")) }
            }
            form.filters method="get" action="/petitions" {
                label { (t("登记日期自", "Received from")) " " input type="date" name="from" value=[shown.from]; }
                " "
                label { (t("至", "to")) " " input type="date" name="to" value=[shown.to]; }
                " "
                label { input type="checkbox" name="overdue" value="true" checked[shown.overdue]; " " (t("仅逾期", "late only")) }
                " " button { (t("筛选", "Filter")) }
            }
            @if late > 0 {
                p.below {
                    @match ctx.lang {
                        Lang::Zh => { (late) "件信访已逾期未办理。" }
                        Lang::En => { (late) " petitions are past their time limit." }
                    }
                }
            }
            p.muted { (t(
                "期限：受理告知15日，办理60日（可延长30日），复查、复核各30日；涉执行信访5个工作日内登记、30日内办结。",
                "Limits: 15 days to decide on acceptance, 60 to handle (30 more if extended), 30 each for 复查 and 复核; petitions about enforcement are registered in 5 working days and concluded in 30."
            )) }
            (ctx.table(table(&ctx, "", title.to_string(), &listed).without_picks(picks)))
            @if picks && late > 0 {
                p.muted { (t(
                    "逾期信访可勾选其涉及的案件督办（事由：信访），由承办法官或指定的答复人答复。",
                    "The cases of a late petition can be ticked and supervised (reason: 信访); the judge, or whoever is named, replies."
                )) }
                (super::duban::open_form(&ctx, shenguan_app::duban::Reason::Petition))
            }
        };
        Ok(ctx.page(title, body))
    })
    .await
}

/// Options of a list of names, the first empty when `optional`.
fn options<T: Copy + PartialEq>(all: &[T], zh: fn(T) -> &'static str, optional: bool) -> Markup {
    html! {
        @if optional { option value="" { "—" } }
        @for v in all { option value=(zh(*v)) { (zh(*v)) } }
    }
}

/// The courts the reader may register petitions of (their own and those below), for the form.
fn courts_of(ctx: &Ctx) -> Vec<(CourtCode, String)> {
    ctx.courts
        .courts()
        .filter(|c| may_keep_register(&ctx.user, c.code))
        .map(|c| (c.code, ctx.court(&c.code.to_string())))
        .collect()
}

/// The registration form.
fn register_form(ctx: &Ctx, today: chrono::NaiveDate) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let courts = courts_of(ctx);
    html! {
        form method="post" action="/petitions" {
            input type="hidden" name="csrf" value=(ctx.csrf);
            dl {
                dt { (t("承办法院", "Court handling it")) }
                dd {
                    @if courts.is_empty() {
                        input name="court" size="8" maxlength="16" value=[ctx.user.court];
                    } @else {
                        select name="court" {
                            @for (code, name) in &courts {
                                option value=(code) selected[Some(*code) == ctx.user.court] { (name) }
                            }
                        }
                    }
                }
                dt { (t("登记号（可不填，自动编号）", "Register no. (optional: numbered in turn)")) }
                dd { input name="register_no" size="16" maxlength="50"; }
                dt { (t("登记日期", "Received")) }
                dd { input type="date" name="received_on" value=(today) max=(today) required; }
                dt { (t("来源", "Channel")) }
                dd { select name="channel" required { (options(Channel::ALL, Channel::label_zh, false)) } }
                dt { (t("交办单位（上级交办时填写）", "Sent down by (for 上级交办)")) }
                dd { select name="referrer" { (options(Referrer::ALL, Referrer::label_zh, true)) } }
                dt { (t("信访人（多人以“、”分隔）", "Petitioners (separated by 、)")) }
                dd { input name="petitioners" size="40" maxlength="2000" required; }
                dt { (t("证件号码（与信访人一一对应，可不填）", "Identity numbers (one per petitioner, optional)")) }
                dd {
                    input name="id_numbers" size="40" maxlength="4000" autocomplete="off";
                    br; span.muted { (t("号码仅用于识别同一信访人，不保存原文，页面只显示脱敏号码。", "Numbers only tell one person from another: they are not kept, and pages show them masked.")) }
                }
                dt { (t("人数（可不填，默认为所列人数）", "Head count (optional)")) }
                dd { input type="number" name="head_count" min="1" max="10000"; }
                dt { (t("涉及案号（多个以“、”分隔）", "Cases (separated by 、)")) }
                dd { input name="cases" size="40" maxlength="2000"; }
                dt { (t("事项类别", "Subject")) }
                dd { select name="subject" required { (options(Subject::ALL, Subject::label_zh, false)) } }
                dt { (t("信访层级", "Level reached")) }
                dd { select name="level" { (options(Level::ALL, Level::label_zh, false)) } }
                dt { (t("巡回法庭（赴巡回法庭时填写）", "Circuit court (when it went to one)")) }
                dd {
                    select name="circuit" {
                        option value="" { "—" }
                        @for n in 1..=6 { option value=(n) { (format!("第{n}巡回法庭")) } }
                    }
                }
                dt { (t("越级", "Skipped levels")) }
                dd { label { input type="checkbox" name="skipped_levels" value="true"; " " (t("越级上访", "yes")) } }
                dt { (t("承办部门", "Division")) }
                dd { input name="division" size="16" maxlength="50"; }
                dt { (t("承办人", "Handled by")) }
                dd { input name="handler" size="16" maxlength="50"; }
            }
            p { button { (t("登记", "Register")) } }
        }
    }
}

/// `GET /petitions/new`: the registration form.
pub(crate) async fn new_petition_page(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        if !keeps_register(&ctx) {
            return Err(ApiError::from(AppError::Forbidden(shenguan_app::text!(
                "仅审管办和系统管理员可登记信访",
                "only the office and administrators register petitions"
            ))));
        }
        let title = ctx.t("登记信访", "Register a petition");
        let body = html! {
            h1 { (title) }
            (register_form(&ctx, server.app.today()))
            p { a href="/petitions" { (ctx.t("返回信访登记", "Back to the register")) } }
        };
        Ok(ctx.page(title, body))
    })
    .await
}

/// `POST /petitions`: registers the form's petition; then its page.
pub(crate) async fn register_petition(
    State(server): State<Arc<Server>>,
    asked: Asked,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    signed_in(server, asked, |server, mut ctx| async move {
        same_form(&ctx, &param(&pairs, "csrf").unwrap_or_default())?;
        let field = |name: &str| param(&pairs, name).unwrap_or_default();
        let new = NewPetition {
            court: field("court"),
            register_no: field("register_no"),
            received_on: day_value("received_on", param(&pairs, "received_on").as_deref())?,
            channel: field("channel"),
            referrer: field("referrer"),
            subject: field("subject"),
            level: field("level"),
            circuit: field("circuit"),
            skipped_levels: flag_param(&pairs, "skipped_levels")?,
            petitioners: field("petitioners"),
            id_numbers: field("id_numbers"),
            head_count: field("head_count"),
            cases: field("cases"),
            division: field("division"),
            handler: field("handler"),
        };
        let user = ctx.user.clone();
        let writing = Arc::clone(&server);
        let id = blocking(move || {
            writing.with_writer(|app, store| app.register_petition(store, &user, &new))
        })
        .await??;
        let note = html! { p.within { (ctx.t("已登记。", "The petition is registered.")) } };
        ctx.here = Here::at(&format!("/petitions/{id}"));
        petition_view(&server, &ctx, id, Some(note)).await
    })
    .await
}

/// `GET /petitions/{id}`: one petition.
pub(crate) async fn petition_page(
    State(server): State<Arc<Server>>,
    Path(id): Path<String>,
    asked: Asked,
) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let id = item_number(&id, crate::Numbered::Petition)?;
        petition_view(&server, &ctx, id, None).await
    })
    .await
}

/// `POST /petitions/{id}/{step}`: takes the step with the form's fields; then the petition.
pub(crate) async fn petition_step(
    State(server): State<Arc<Server>>,
    Path((id, step)): Path<(String, String)>,
    asked: Asked,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Response {
    let target = format!("/petitions/{}", encode(&id));
    signed_in(server, asked, |server, mut ctx| async move {
        same_form(&ctx, &param(&pairs, "csrf").unwrap_or_default())?;
        let id = item_number(&id, crate::Numbered::Petition)?;
        let user = ctx.user.clone();
        let writing = Arc::clone(&server);
        let taken = step.clone();
        blocking(move || {
            writing.with_writer(|app, store| {
                app.petition_step_named(store, &user, id, &taken, &|name| {
                    param(&pairs, name).unwrap_or_default()
                })
            })
        })
        .await??;
        let done = StepKind::parse(&step)
            .map_or_else(String::new, |k| k.label().get(ctx.lang).to_string());
        let note = html! {
            p.within {
                @match ctx.lang {
                    Lang::Zh => { "已记录：" (done) "。" }
                    Lang::En => { "Recorded: " (done) "." }
                }
            }
        };
        ctx.here = Here::at(&target);
        petition_view(&server, &ctx, id, Some(note)).await
    })
    .await
}

/// A petition's page, with `note` (what was just done) over it.
async fn petition_view(
    server: &Arc<Server>,
    ctx: &Ctx,
    id: i64,
    note: Option<Markup>,
) -> Result<Markup, ApiError> {
    let user = ctx.user.clone();
    let reading = Arc::clone(server);
    let file =
        blocking(move || reading.with_store(|app, store| app.petition_file(store, &user, id)))
            .await??;
    let t = |zh, en| ctx.t(zh, en);
    let p = &file.listed.petition;
    let title = match ctx.lang {
        Lang::Zh => format!("信访件 {}", p.register_no),
        Lang::En => format!("Petition {}", p.register_no),
    };
    let matter_caption = t("同一事项的其他信访", "Other petitions of the same matter").to_string();
    let body = html! {
        h1 { (title) }
        @if let Some(note) = note { (note) }
        (facts(ctx, &file))
        h2 { (t("办理经过", "Timeline")) }
        (timeline(ctx, &file))
        @for kind in &file.steps { (step_form(ctx, id, *kind, server.app.today())) }
        @if !file.matter.is_empty() {
            h2 { (matter_caption) }
            (ctx.table(table(ctx, "matter", matter_caption.clone(), &file.matter).without_picks(false)))
        }
        p { a href="/petitions" { (t("返回信访登记", "Back to the register")) } }
    };
    Ok(ctx.page(&title, body))
}

/// The record as a list of facts.
fn facts(ctx: &Ctx, file: &PetitionFile) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let p = &file.listed.petition;
    html! {
        dl {
            dt { (t("承办法院", "Court")) } dd { (ctx.court(&p.court.to_string())) }
            dt { (t("登记日期", "Received")) } dd { (p.received_on) }
            dt { (t("来源", "Channel")) }
            dd {
                (p.channel.label_zh())
                @if let Some(r) = p.referrer { "（" (r.label_zh()) "）" }
            }
            dt { (t("信访人", "Petitioners")) } dd { (petitioners(p)) }
            dt { (t("人数", "Head count")) } dd { (p.head_count) }
            dt { (t("涉及案号", "Cases")) } dd { (cases(p)) }
            dt { (t("事项类别", "Subject")) } dd { (p.subject.label_zh()) }
            dt { (t("信访层级", "Level reached")) }
            dd {
                (p.level.label_zh())
                @if let Some(n) = p.circuit { "（第" (n) "巡回法庭）" }
                @if p.skipped_levels { " " span.above { (t("越级", "skipped levels")) } }
            }
            dt { (t("承办部门/承办人", "Division / handled by")) }
            dd { (p.division.as_deref().unwrap_or("—")) " / " (p.handler.as_deref().unwrap_or("—")) }
            dt { (t("诉访分离", "Screening")) }
            dd {
                (label(p.screening, Screening::label_zh))
                @if let Some(route) = p.route { "，" (t("导入", "to ")) (route.label_zh()) }
                @if let Some(case) = &p.routed_case {
                    "，" a href=(format!("/cases/{}", encode(&case.to_string()))) { (case) }
                }
                @if let Some(reason) = &p.not_routed_reason { "，" (t("未能导入：", "not routed: ")) (reason) }
            }
            dt { (t("办理结果", "Result")) }
            dd {
                (label(p.outcome, Outcome::label_zh))
                @if let Some(s) = p.satisfaction { "，" (s.label_zh()) }
                @if p.extended { "（" (t("已延长办理期限", "handling limit extended")) "）" }
            }
            dt { (t("待办环节及期限", "Awaits, by")) }
            dd {
                @match due_text(ctx, &file.listed) {
                    Some((text, Some(class))) => { span class=(class) { (text) } }
                    Some((text, None)) => { (text) }
                    None => { (t("无", "nothing")) }
                }
            }
            dt { (t("重复信访", "Repeat")) } dd { (if file.listed.repeat { t("是", "yes") } else { t("否", "no") }) }
        }
    }
}

/// The timeline: each dated step, with who recorded it here when the log has it.
fn timeline(ctx: &Ctx, file: &PetitionFile) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let p = &file.listed.petition;
    let mut rows = Table::new(
        "timeline",
        t("办理经过", "Timeline"),
        vec![
            t("日期", "Day").to_string(),
            t("环节", "Step").to_string(),
            t("内容", "What").to_string(),
            t("记录人及时间", "Recorded by, at").to_string(),
        ],
    );
    rows.counted = ("项", "entries");
    let logged = |key: &str| file.log.iter().find(|s| s.step == key);
    rows.rows = p
        .timeline()
        .into_iter()
        .map(|m| {
            let (what, detail) = match m.step {
                None => (
                    t("登记", "registered").to_string(),
                    format!("{} {}", p.channel.label_zh(), p.level.label_zh()),
                ),
                Some(kind) => (
                    kind.label().get(ctx.lang).to_string(),
                    moment_detail(ctx, p, kind),
                ),
            };
            let log = logged(m.step.map_or("register", StepKind::key));
            vec![
                Cell::text(m.on.to_string()),
                Cell::text(what),
                Cell::text(detail),
                log.map_or_else(Cell::none, |s| {
                    Cell::text(format!("{} · {}", s.by_user, s.at))
                }),
            ]
        })
        .collect();
    // Undated steps recorded here (routing, extension, satisfaction) follow in the log's order.
    for s in &file.log {
        if matches!(s.step.as_str(), "route" | "extend" | "rate") {
            let label = StepKind::parse(&s.step)
                .map_or_else(|| s.step.clone(), |k| k.label().get(ctx.lang).to_string());
            rows.rows.push(vec![
                Cell::text(s.at.get(..10).unwrap_or(&s.at).to_string()),
                Cell::text(label),
                Cell::text(s.note.clone()),
                Cell::text(format!("{} · {}", s.by_user, s.at)),
            ]);
        }
    }
    ctx.table(rows)
}

/// What a dated step of the record says.
fn moment_detail(ctx: &Ctx, p: &Petition, kind: StepKind) -> String {
    match kind {
        StepKind::Accept => {
            let mut words = format!(
                "{}{}",
                ctx.t("甄别为", "screened as "),
                label(p.screening, Screening::label_zh)
            );
            if let Some(route) = p.route {
                words.push_str(&format!("，{}", route.label_zh()));
            }
            words
        }
        StepKind::Reply => label(p.outcome, Outcome::label_zh),
        StepKind::Resolve => p.resolution.clone().unwrap_or_default(),
        StepKind::End => p.ended_by.clone().unwrap_or_default(),
        _ => String::new(),
    }
}

/// The form of one step.
fn step_form(ctx: &Ctx, id: i64, kind: StepKind, today: chrono::NaiveDate) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let dated = !matches!(kind, StepKind::Route | StepKind::Extend | StepKind::Rate);
    html! {
        form method="post" action=(format!("/petitions/{id}/{}", kind.key())) {
            input type="hidden" name="csrf" value=(ctx.csrf);
            h3 { (kind.label().get(ctx.lang)) }
            p {
                @if dated {
                    label { (t("日期", "Day")) " " input type="date" name="on" value=(today) max=(today) required; }
                    " "
                }
                @match kind {
                    StepKind::Accept => {
                        label { (t("甄别", "Screening")) " " select name="screening" { (options(Screening::ALL, Screening::label_zh, false)) } }
                        " "
                        label { (t("导入程序（甄别为“诉”时）", "Procedure (for 诉)")) " " select name="route" { (options(Route::ALL, Route::label_zh, true)) } }
                        " "
                        label { (t("导入后案号", "Case it became")) " " input name="routed_case" size="22" maxlength="64"; }
                    }
                    StepKind::Route => {
                        label { (t("导入后案号", "Case it became")) " " input name="routed_case" size="22" maxlength="64"; }
                        " "
                        label { (t("或不能导入的理由", "or why it could not be")) " " input name="not_routed_reason" size="30" maxlength="2000"; }
                    }
                    StepKind::Reply => {
                        label { (t("办理结果", "Result")) " " select name="outcome" required { (options(Outcome::ALL, Outcome::label_zh, false)) } }
                        " "
                        label { (t("满意度（可不填）", "Satisfaction (optional)")) " " select name="satisfaction" { (options(Satisfaction::ALL, Satisfaction::label_zh, true)) } }
                    }
                    StepKind::Rate => {
                        label { (t("满意度", "Satisfaction")) " " select name="satisfaction" required { (options(Satisfaction::ALL, Satisfaction::label_zh, false)) } }
                    }
                    StepKind::Resolve => {
                        label { (t("化解方式", "How")) " " input name="how" size="40" maxlength="2000" required; }
                    }
                    StepKind::End => {
                        label { (t("批准机关", "Approved by")) " " input name="by" size="24" maxlength="50" required; }
                    }
                    _ => {}
                }
                " " button { (kind.label().get(ctx.lang)) }
            }
        }
    }
}

/// `GET /petitioners/{key}`: one person's petitions and cases.
pub(crate) async fn petitioner_page(
    State(server): State<Arc<Server>>,
    Path(key): Path<String>,
    asked: Asked,
) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let user = ctx.user.clone();
        let reading = Arc::clone(&server);
        let history = blocking(move || {
            reading.with_store(|app, store| app.petitioner_history(store, &user, &key))
        })
        .await??;
        let t = |zh, en| ctx.t(zh, en);
        let title = match ctx.lang {
            Lang::Zh => format!("信访人 {}", history.name),
            Lang::En => format!("Petitioner {}", history.name),
        };
        let petitions_caption = t("信访", "Petitions").to_string();
        let mut case_table = Table::cases(
            "cases",
            t("涉及的案件", "Cases"),
            &[
                t("案号", "Case number"),
                t("法院", "Court"),
                t("承办人", "Judge"),
                t("立案日期", "Filed"),
                t("结案日期", "Closed"),
            ],
        );
        case_table.rows = history
            .cases
            .iter()
            .map(|c| {
                vec![
                    super::lists::case_cell(c),
                    Cell::text(ctx.court(&c.court.to_string())),
                    c.judge.clone().map_or_else(Cell::none, Cell::text),
                    Cell::text(c.filed_on.to_string()),
                    c.closed_on
                        .map_or_else(Cell::none, |d| Cell::text(d.to_string())),
                ]
            })
            .collect();
        let mut aid_table = Table::new(
            "assistance",
            t("司法救助", "Judicial assistance"),
            vec![
                t("案号", "Case number").to_string(),
                t("申请日期", "Applied").to_string(),
                t("决定", "Decision").to_string(),
                t("救助金额（元）", "Amount (yuan)").to_string(),
                t("发放日期", "Paid").to_string(),
            ],
        );
        aid_table.counted = ("件", "applications");
        aid_table.rows = history
            .assistance
            .iter()
            .map(|a| {
                let number = a.case_no.to_string();
                vec![
                    Cell::text(number.clone()).link(format!("/cases/{}", encode(&number))),
                    Cell::text(a.applied_on.to_string()),
                    match (a.decision, a.decided_on) {
                        (Some(d), Some(on)) => Cell::text(format!("{} {on}", d.label_zh())),
                        _ => Cell::text(t("待决定", "pending")),
                    },
                    a.amount.map_or_else(Cell::none, |m| Cell::text(m.to_string())),
                    a.paid_on
                        .map_or_else(Cell::none, |d| Cell::text(d.to_string())),
                ]
            })
            .collect();
        let body = html! {
            h1 { (title) }
            @if let Some(masked) = &history.masked { p.muted { (t("证件号码：", "Identity number: ")) (masked) } }
            h2 { (petitions_caption) }
            (ctx.table(table(&ctx, "petitions", petitions_caption.clone(), &history.petitions).without_picks(false)))
            h2 { (t("涉及的案件", "Cases")) }
            (ctx.table(case_table))
            @if !history.assistance.is_empty() {
                h2 { (t("司法救助", "Judicial assistance")) }
                (ctx.table(aid_table))
            }
        };
        Ok(ctx.page(&title, body))
    })
    .await
}

/// The city whose standing the reader reads: their court's, a basic court's intermediate court;
/// for a reader of the whole network, its intermediate court when it has one alone.
fn city_of(ctx: &Ctx) -> Option<CourtCode> {
    let Some(court) = ctx.user.court else {
        let mut cities = ctx
            .courts
            .courts()
            .filter(|c| c.level() == CourtLevel::Intermediate);
        return match (cities.next(), cities.next()) {
            (Some(city), None) => Some(city.code),
            _ => None,
        };
    };
    match ctx.courts.get(court).map(|c| c.level()) {
        Some(CourtLevel::Basic) => ctx.courts.parent_of(court),
        _ => Some(court),
    }
}

/// `GET /petitions/figures?from&to`: the statistics.
pub(crate) async fn petition_figures_page(
    State(server): State<Arc<Server>>,
    asked: Asked,
) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        let span = period(&server, ctx.params())?;
        let codes = family();
        let user = &ctx.user;
        let (panel, by_court, by_month) = tokio::try_join!(
            figures(
                &server,
                user,
                request(
                    span,
                    Filter::default(),
                    vec![],
                    codes.clone(),
                    vec![Comparison::YearEarlier]
                ),
            ),
            figures(
                &server,
                user,
                request(span, Filter::default(), vec![Dimension::Court], codes, vec![]),
            ),
            figures(
                &server,
                user,
                request(
                    span,
                    Filter::default(),
                    vec![Dimension::Month],
                    indicators(&BY_MONTH),
                    vec![Comparison::YearEarlier]
                ),
            ),
        )?;
        // The city's place is the office's and the leaders' to read, not every judge's.
        let reads_standing = matches!(
            ctx.user.role,
            shenguan_app::accounts::Role::Office
                | shenguan_app::accounts::Role::Leader
                | shenguan_app::accounts::Role::Admin
        );
        let standing = match city_of(&ctx).filter(|_| reads_standing) {
            Some(city) => {
                let reading = Arc::clone(&server);
                blocking(move || {
                    reading.with_store(|app, store| {
                        match app.petition_standing(store, city, None, 10) {
                            Ok(standing) => Ok(Some(standing)),
                            Err(AppError::NotFound(_) | AppError::Invalid(_)) => Ok(None),
                            Err(e) => Err(e),
                        }
                    })
                })
                .await??
            }
            None => None,
        };
        let t = |zh, en| ctx.t(zh, en);
        let title = t("信访统计", "Petition figures");
        let by_court_title = t("各法院", "By court");
        let by_month_title = t("按月（赴省、赴京、赴巡回法庭）", "By month (to the province, Beijing, a circuit court)");
        let body = html! {
            h1 { (title) }
            (period_form(&ctx, "/petitions/figures", span))
            p.tools { a href="/petitions" { (t("信访登记", "Petition register")) } }
            (cards(&ctx, &panel))
            p.muted { (t(
                "各指标按承办法院统计登记日期在期间内的信访件；“—”表示尚无信访登记。定义见指标页。",
                "Each figure counts the petitions received in the period, by the court handling them; “—” means no register is held. Definitions are on each indicator's page."
            )) }
            @if reads_standing {
                h2 { (t("在全省的位次（省法院通报）", "Place in the province (the high court's notice)")) }
                @match &standing {
                    Some(standing) => { (standing_section(&ctx, standing)) }
                    None => { p.muted { (t("尚未导入本市所在期间的省法院信访通报。", "No high court notice naming this city has been imported.")) } }
                }
            }
            h2 { (by_court_title) }
            (figures_table(&ctx, "courts", by_court_title, &by_court, &super::view::court_link, Some(&panel)))
            h2 { (by_month_title) }
            (ctx.table(monthly_table(&ctx, by_month_title, &by_month)))
        };
        Ok(ctx.page(title, body))
    })
    .await
}

/// The monthly counts, each beside its change on the same month a year earlier (同比).
fn monthly_table(ctx: &Ctx, caption: &str, report: &shenguan_app::metrics::MetricsReport) -> Table {
    use shenguan_app::metrics::{Change, Comparison, Unit};
    let mut header = vec![ctx.t("月份", "Month").to_string()];
    for indicator in &report.result.indicators {
        header.push(super::view::name(ctx.lang, indicator).to_string());
        header.push(ctx.t("同比", "vs a year earlier").to_string());
    }
    let mut table = Table::new("months", caption.to_string(), header);
    table.counted = ("个月", "months");
    table.rows = report
        .result
        .rows
        .iter()
        .enumerate()
        .map(|(row, r)| {
            let mut cells = vec![Cell::text(
                r.group.first().map(|(_, v)| v.clone()).unwrap_or_default(),
            )];
            for (index, value) in r.values.iter().enumerate() {
                cells.push(value.map_or_else(Cell::none, |v| Cell::count(v.round() as i64)));
                let earlier = report.compared(Comparison::YearEarlier, row, index);
                cells.push(match Change::between(Unit::Cases, *value, earlier) {
                    Some(change) => Cell::text(match ctx.lang {
                        Lang::Zh => change.label_zh(Unit::Cases),
                        Lang::En => change.label_en(Unit::Cases),
                    })
                    .class("n"),
                    None => Cell::none(),
                });
            }
            cells
        })
        .collect();
    table
}

/// Where the city stands on a notice, beside its own register's count.
fn standing_section(ctx: &Ctx, standing: &Standing) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let notice = &standing.notice;
    let city = &notice.rows[standing.row];
    let mut table = Table::new(
        "ranking",
        t("省法院通报", "The high court's notice"),
        vec![
            t("项目", "Count").to_string(),
            t("通报数", "In the notice").to_string(),
            t("位次", "Place").to_string(),
            match ctx.lang {
                Lang::Zh => format!("退出前{}还需减少", standing.goal),
                Lang::En => format!("Fewer needed to leave the first {}", standing.goal),
            },
            t("本院登记数", "In our register").to_string(),
            t("差额", "Difference").to_string(),
        ],
    );
    table.rows = standing
        .places
        .iter()
        .map(|(reached, place, own)| {
            let counted = i64::from(reached.of(city));
            let shared = if place.shared_by > 1 {
                t("（并列）", " (tied)")
            } else {
                ""
            };
            vec![
                Cell::text(ctx.t(reached.label_zh(), reached.label_en())),
                Cell::count(counted),
                Cell::text(format!("{}{shared}", place.rank)),
                place.to_leave.map_or_else(
                    || Cell::text(t("其他地区不足，无法退出", "too few others to leave")),
                    |n| Cell::count(i64::from(n)),
                ),
                Cell::count(*own),
                Cell::count(counted - own),
            ]
        })
        .collect();
    html! {
        p {
            (notice.from) " — " (notice.to) " · " (city.region)
        }
        (ctx.table(table))
        p.muted { (t(
            "位次按数量从多到少排列，数量相同者并列同一位次，其后位次顺延。差额 = 通报数 − 本院登记数，应由信访部门核对说明。",
            "Places run from the most to the fewest; equal counts share a place and the next place is skipped. Difference = the notice's count − our register's; the petition office explains it."
        )) }
    }
}
