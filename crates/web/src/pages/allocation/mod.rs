//! 随机分案 on the pages, for the filing division (立案庭) — the court's office — and
//! administrators, leaders reading: the desk (`/assignments`: the form that allocates a newly
//! filed case, with its result, and the one that changes a case's judge — `form`, `change` —
//! above the day's log), the log of a chosen day with the whole chain checked (`log`), what a
//! period's allocations say (`workload`), and the sandbox that tries a rule set on a period's
//! filings (`sandbox`). Who may do what is the app's to decide (`shenguan_app::allocation`); the
//! pages keep a judge off before asking it, and show a form's error on the form, its input kept.

mod change;
mod declare;
mod form;
mod log;
mod sandbox;
mod workload;

use std::sync::Arc;

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use maud::{Markup, html};
use shenguan_app::accounts::Role;
use shenguan_app::{AppError, text};
use shenguan_domain::allocation::diversion::Track;

use super::{Asked, Ctx, Lang, error_page, export, page_lang, redirect, session_ctx};
use crate::auth::blocking;
use crate::{ApiError, Server, param};

pub(crate) use self::change::change_judge;
pub(crate) use self::declare::declare;
pub(crate) use self::form::{Shown, allocate, assignments_page};
pub(crate) use self::log::log_page;
pub(crate) use self::sandbox::{sandbox_page, try_rules};
pub(crate) use self::workload::workload_page;

/// Whether the reader allocates cases and changes judges: the office and administrators.
fn allocates(ctx: &Ctx) -> bool {
    matches!(ctx.user.role, Role::Office | Role::Admin)
}

/// Whether the reader may open these pages at all: the office, leaders and administrators.
pub(crate) fn reads(user: &shenguan_app::accounts::User) -> bool {
    matches!(user.role, Role::Office | Role::Leader | Role::Admin)
}

fn refuse_unless_reader(ctx: &Ctx) -> Result<(), ApiError> {
    if reads(&ctx.user) {
        return Ok(());
    }
    Err(ApiError::from(AppError::Forbidden(text!(
        "分案页面由审管办（立案）、院领导和系统管理员使用",
        "the office (filing), leaders and administrators use the allocation pages"
    ))))
}

fn refuse_unless_allocator(ctx: &Ctx) -> Result<(), ApiError> {
    if allocates(ctx) {
        return Ok(());
    }
    Err(ApiError::from(AppError::Forbidden(text!(
        "仅审管办（立案）和系统管理员可分案或变更承办法官",
        "only the office (filing) and administrators allocate cases and change judges"
    ))))
}

/// The links between the allocation pages.
fn tools(ctx: &Ctx) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    html! {
        p.tools {
            a href="/assignments" { (t("分案", "Allocate")) }
            a href="/assignments/log" { (t("分案日志", "Allocation log")) }
            a href="/assignments/workload" { (t("分案情况", "Allocations")) }
            a href="/assignments/sandbox" { (t("分流规则沙盘", "Rules sandbox")) }
        }
    }
}

/// A track as the pages name it: 速裁, 简案, 普通, 繁案 (the key as it is when it is none of them).
fn track_label(ctx: &Ctx, key: &str) -> String {
    match Track::parse(key) {
        Some(track) => match ctx.lang {
            Lang::Zh => track.label_zh().to_string(),
            Lang::En => format!("{} ({})", track.label_zh(), track.key()),
        },
        None => key.to_string(),
    }
}

/// A staff number with the name the staff list gives it: 王伟（1402031）.
fn named(names: &std::collections::HashMap<String, String>, staff_id: &str) -> String {
    match names.get(staff_id) {
        Some(name) => format!("{name}（{staff_id}）"),
        None => staff_id.to_string(),
    }
}

/// Why a form was refused, over the form.
pub(crate) fn refusal(lang: Lang, error: &ApiError) -> Markup {
    let details = error.details_in(lang);
    html! {
        div.refused {
            p.below { strong { (error.message_in(lang)) } }
            @if !details.is_empty() {
                ul.below { @for line in &details { li { (line) } } }
            }
        }
    }
}

/// The value of a form's field as posted (empty when absent).
pub(crate) fn field(pairs: &[(String, String)], name: &str) -> String {
    param(pairs, name).unwrap_or_default()
}

/// Runs a page whose form may be refused: like `signed_in` (an `export=KEY` request answers that
/// table as a workbook), but `render` answers a status with the page — a refused form comes back
/// with its error's status, on the form, the input kept.
pub(crate) async fn form_page<F, Fut>(server: Arc<Server>, asked: Asked, render: F) -> Response
where
    F: FnOnce(Arc<Server>, Ctx) -> Fut,
    Fut: std::future::Future<Output = Result<(StatusCode, Markup), ApiError>>,
{
    let Asked { headers, here } = asked;
    let lang = page_lang(&headers);
    let ctx = match session_ctx(&server, &headers, lang, here).await {
        Ok(Some(ctx)) => ctx,
        Ok(None) => return redirect("/login"),
        Err(error) => return error_page(None, lang, error),
    };
    match render(Arc::clone(&server), ctx.clone()).await {
        // A table's "导出 Excel" link asks the same page for that table as a workbook.
        Ok((StatusCode::OK, _)) if ctx.here.get("export").is_some() => {
            let kept = ctx.exported.lock().ok().and_then(|mut k| k.take());
            let result = match kept {
                Some(table) => export(&server, &ctx, table).await,
                None => {
                    let key = ctx.here.get("export").unwrap_or_default();
                    Err(ApiError::not_found(&text!("表格{key}", "table {key}")))
                }
            };
            result.unwrap_or_else(|error| error_page(Some(&ctx), lang, error))
        }
        Ok((status, page)) => (status, Html(page.into_string())).into_response(),
        Err(error) => error_page(Some(&ctx), lang, error),
    }
}

/// The staff's names by number, read for the pages to name judges.
async fn staff_names(
    server: &Arc<Server>,
) -> Result<std::collections::HashMap<String, String>, ApiError> {
    let reading = Arc::clone(server);
    Ok(blocking(move || reading.with_store(|app, store| app.staff_names(store))).await??)
}
