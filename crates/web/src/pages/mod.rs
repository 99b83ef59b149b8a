//! The pages for people, drawn on the server (HTML and inline SVG; nothing is fetched from
//! outside), in Chinese with an English switch: login (`login`); 总览, 法院, 部门, 法官
//! (`scope`); 指标 (`indicator`); 案件 (`case`); 审限预警 and 长期未结 (`lists`); 执行
//! (`enforcement`); 信访 (`petitions`); 案件评查 (`review`); 随机分案 for the filing division
//! (`allocation`); 送达 (`service`: the queue, a case's service and the 送达难 page); 数据质量
//! (`quality`, with its 对账 in `reconcile`); 风险信号 (`integrity`); 预测 (`forecast`); 导入
//! (`import`); 报告 downloads and the reports recorded (`reports`, `reconcile`); users and the
//! audit log (`admin`). Every page is held to the signed-in user's scope, as the API is. This module holds what they share: who is asking, in
//! which language, for which period.

mod admin;
mod allocation;
mod case;
mod duban;
mod enforcement;
mod forecast;
mod html;
mod import;
mod indicator;
mod integrity;
mod limits;
mod lists;
mod login;
mod petitions;
mod quality;
mod reconcile;
mod reports;
mod review;
mod scope;
mod service;
pub(crate) mod session;
mod table;
mod targets;
mod view;
mod zhongben;

use std::sync::{Arc, Mutex};

use axum::extract::{FromRequestParts, Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::header::{LOCATION, REFERER, RETRY_AFTER, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use maud::{Markup, html};
use shenguan_app::accounts::{Role, User};
use shenguan_app::metrics::MetricsRequest;
use shenguan_app::{AppError, text};

pub(crate) use self::admin::{add_user, audit_page, user_action, users_page};
pub(crate) use self::allocation::{
    allocate, assignments_page, change_judge, declare as declare_exclusion_or_leave,
    log_page as allocation_log_page, sandbox_page, try_rules, workload_page,
};
pub(crate) use self::case::case_page;
pub(crate) use self::duban::{
    open_supervision, supervised_case_page, supervision_page, supervision_step,
};
pub(crate) use self::enforcement::enforcement_page;
pub(crate) use self::forecast::forecast_page;
pub(crate) use self::import::{Uploads, import_confirm, import_page, import_upload};
pub(crate) use self::indicator::indicator_page;
pub(crate) use self::integrity::integrity_page;
pub(crate) use self::limits::{
    apply as apply_limit_change, decide as decide_limit_request, list_page as limit_requests_page,
};
pub(crate) use self::lists::{long_pending_page, warnings_page};
pub(crate) use self::login::{SignInGuard, login, login_page, logout};
pub(crate) use self::petitions::{
    new_petition_page, petition_figures_page, petition_page, petition_step, petitioner_page,
    petitions_page, register_petition,
};
pub(crate) use self::quality::quality_page;
pub(crate) use self::reconcile::report_comparison_page;
pub(crate) use self::reports::{bulletin, reports_page, summary};
pub(crate) use self::review::{
    assign_case as assign_review_case, flag_case as flag_for_review, make_plan as make_review_plan,
    new_plan_page as new_review_plan_page, performance_page, plan_page as review_plan_page,
    review_action, review_bulletin, review_case_page, reviews_page,
};
pub(crate) use self::scope::{court, division, judge, overview};
pub(crate) use self::service::{
    assign as assign_service_tasks, figures_page as service_figures_page,
    open_task as open_service_task, queue_page as service_queue_page,
    record_attempt as record_service_attempt, record_confirmation as record_service_confirmation,
    service_page as case_service_page, settle_attempt as settle_service_attempt,
};
pub(crate) use self::zhongben::record_finding as record_zhongben_finding;

use self::html::{encode, page};
use self::session::{Session, cookie, set_cookie};
use self::table::Table;
use crate::{ApiError, Server, param};

const LANG_COOKIE: &str = "sg_lang";

/// The language of the pages: the application's one, chosen by the switch.
pub(crate) use shenguan_app::Lang;

/// The language of the pages for a request: Chinese unless the user switched to English (the
/// `sg_lang` cookie the switch sets).
pub(crate) fn page_lang(headers: &HeaderMap) -> Lang {
    match cookie(headers, LANG_COOKIE).as_deref() {
        Some("en") => Lang::En,
        _ => Lang::Zh,
    }
}

/// Who is asking, in which language, with the form token of their session.
#[derive(Clone, Debug)]
pub(crate) struct Ctx {
    pub user: User,
    pub csrf: String,
    pub lang: Lang,
    /// The courts known by name (the configuration's list and the store's).
    pub courts: shenguan_domain::CourtRegistry,
    /// The address asked for.
    pub here: Here,
    /// The table the request asked to export, kept by [`Ctx::table`] as the page drew it.
    exported: Arc<Mutex<Option<Table>>>,
    /// How many 督办 items wait for the user (shown in the navigation).
    pub to_do: usize,
    /// Shown over the page's own content (the home page's 待办).
    pub notice: Option<Markup>,
}

impl Ctx {
    pub fn new(server: &Server, user: User, csrf: String, lang: Lang, here: Here) -> Ctx {
        Ctx {
            user,
            csrf,
            lang,
            courts: server.app.courts(),
            here,
            exported: Arc::default(),
            to_do: 0,
            notice: None,
        }
    }

    fn keep_for_export(&self, table: Table) {
        if let Ok(mut kept) = self.exported.lock() {
            *kept = Some(table);
        }
    }

    /// The parameters of the request.
    pub fn params(&self) -> &[(String, String)] {
        &self.here.params
    }

    /// A court as tables and headings show it: its short name, with the code (清河区法院（湘1402）);
    /// a text that is not a court code as it is.
    pub fn court(&self, code: &str) -> String {
        match shenguan_domain::CourtCode::parse(code) {
            Ok(court) => format!("{}（{code}）", self.courts.short_name_of(court)),
            Err(_) => code.to_string(),
        }
    }

    /// Of two texts, the one in the page's language.
    pub fn t<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        self.lang.pick(zh, en)
    }

    /// The whole page with the navigation this user may follow.
    pub fn page(&self, title: &str, body: Markup) -> Markup {
        let t = |zh, en| self.lang.pick(zh, en);
        let mut links = vec![
            ("/", t("总览", "Overview")),
            ("/warnings", t("审限预警", "Time limits")),
            ("/long-pending", t("长期未结", "Long pending")),
            ("/enforcement", t("执行", "Enforcement")),
            ("/reports", t("报告", "Reports")),
            ("/quality", t("数据质量", "Data quality")),
        ];
        // The signals are of whole courts: the office's, leaders' and administrators'.
        if !matches!(self.user.role, Role::Division | Role::Judge) {
            links.push(("/signals/integrity", t("风险信号", "Signals")));
            links.push(("/forecast", t("预测", "Forecast")));
        }
        let supervision = match (self.to_do, self.lang) {
            (0, _) => t("督办", "Supervision").to_string(),
            (n, Lang::Zh) => format!("督办（待办{n}）"),
            (n, Lang::En) => format!("Supervision ({n} to do)"),
        };
        links.push(("/supervision", &supervision));
        links.push(("/limit-requests", t("审限变更", "Limit changes")));
        links.push(("/petitions", t("信访", "Petitions")));
        // The queue of service tasks is everyone's but an administrator's.
        if self.user.role != Role::Admin {
            links.push(("/service", t("送达", "Service")));
        }
        links.push(("/reviews", t("评查", "Review")));
        if allocation::reads(&self.user) {
            links.push(("/assignments", t("分案", "Allocation")));
        }
        if self.user.may_import() {
            links.push(("/import", t("导入", "Import")));
        }
        if self.user.role == Role::Admin {
            links.push(("/admin/users", t("用户", "Users")));
            links.push(("/admin/audit", t("审计日志", "Audit log")));
        }
        let nav = html! {
            @for (href, label) in &links { a href=(href) { (label) } }
            span.who {
                (other_language(self.lang)) " " (self.user.name) " "
                form.inline method="post" action="/logout" {
                    input type="hidden" name="csrf" value=(self.csrf);
                    button { (t("退出", "Sign out")) }
                }
            }
        };
        let body = match &self.notice {
            Some(notice) => html! { (notice) (body) },
            None => body,
        };
        page(self.lang, title, Some(nav), body)
    }
}

/// The link to the other language.
fn other_language(lang: Lang) -> Markup {
    match lang {
        Lang::Zh => html! { a href="/lang/en" lang="en" { "English" } },
        Lang::En => html! { a href="/lang/zh" lang="zh-CN" { "中文" } },
    }
}

/// The address a page was asked by, to build links that change some parameters and keep the
/// rest (a table's order and page, the filters, an export).
#[derive(Clone, Debug, Default)]
pub(crate) struct Here {
    /// The path as asked (percent-encoded).
    path: String,
    params: Vec<(String, String)>,
}

impl Here {
    fn of(uri: &Uri) -> Here {
        let params = axum::extract::Query::<Vec<(String, String)>>::try_from_uri(uri)
            .map(|q| q.0)
            .unwrap_or_default();
        Here {
            path: uri.path().to_string(),
            params,
        }
    }

    /// The page at `path` with no parameters: where the links of a form's answer lead (the
    /// page the form was on, not the address it was posted to).
    pub fn at(path: &str) -> Here {
        Here {
            path: path.to_string(),
            params: Vec::new(),
        }
    }

    pub fn get(&self, name: &str) -> Option<String> {
        param(&self.params, name)
    }

    /// This address with `changes` made (`None` removes a parameter); an export is never
    /// carried on.
    pub fn with(&self, changes: &[(&str, Option<String>)]) -> String {
        let mut pairs: Vec<(String, String)> = self
            .params
            .iter()
            .filter(|(k, _)| k != "export" && !changes.iter().any(|(c, _)| c == k))
            .cloned()
            .collect();
        for (name, value) in changes {
            if let Some(value) = value {
                pairs.push(((*name).to_string(), value.clone()));
            }
        }
        let query: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect();
        if query.is_empty() {
            self.path.clone()
        } else {
            format!("{}?{}", self.path, query.join("&"))
        }
    }
}

/// What a page handler reads of its request: the headers (session, language) and the address.
pub(crate) struct Asked {
    headers: HeaderMap,
    here: Here,
}

impl<S: Send + Sync> FromRequestParts<S> for Asked {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Asked, Self::Rejection> {
        Ok(Asked {
            headers: parts.headers.clone(),
            here: Here::of(&parts.uri),
        })
    }
}

/// The form token must be the session's: a form posted from another site, or from a page of
/// an earlier session, is refused.
pub(crate) fn same_form(ctx: &Ctx, csrf: &str) -> Result<(), ApiError> {
    if csrf.is_empty() || csrf != ctx.csrf {
        return Err(ApiError::forbidden(text!(
            "表单已失效，请重新打开页面",
            "the form expired: open the page again"
        )));
    }
    Ok(())
}

/// A page's answer: the HTML, a redirect to the login page, or an error page.
fn redirect(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(LOCATION, to.to_string())]).into_response()
}

fn error_page(ctx: Option<&Ctx>, lang: Lang, error: ApiError) -> Response {
    let details = error.details_in(lang);
    let body = html! {
        h1 { (lang.pick("无法显示", "Cannot show this page")) }
        p { (error.message_in(lang)) }
        @if !details.is_empty() {
            ul { @for line in &details { li { (line) } } }
        }
    };
    let html = match ctx {
        Some(ctx) => ctx.page(lang.pick("错误", "Error"), body),
        None => page(lang, lang.pick("错误", "Error"), None, body),
    };
    let mut response = (error.status, Html(html.into_string())).into_response();
    if let Some(wait) = error.retry_after() {
        response.headers_mut().insert(RETRY_AFTER, wait);
    }
    response
}

/// Runs a page for a signed-in user: no session sends them to the login page. A request with
/// `export=KEY` answers the page's table of that key as an Excel workbook instead of the page.
async fn signed_in<F, Fut>(server: Arc<Server>, asked: Asked, render: F) -> Response
where
    F: FnOnce(Arc<Server>, Ctx) -> Fut,
    Fut: std::future::Future<Output = Result<Markup, ApiError>>,
{
    let Asked { headers, here } = asked;
    let lang = page_lang(&headers);
    let ctx = match session_ctx(&server, &headers, lang, here).await {
        Ok(Some(ctx)) => ctx,
        Ok(None) => return redirect("/login"),
        Err(error) => return error_page(None, lang, error),
    };
    match render(Arc::clone(&server), ctx.clone()).await {
        Ok(_) if ctx.here.get("export").is_some() => {
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
        Ok(page) => Html(page.into_string()).into_response(),
        Err(error) => error_page(Some(&ctx), lang, error),
    }
}

/// A page's table as an Excel workbook, every row in the order the page showed them; the
/// export goes to the audit log with the address it was asked from.
async fn export(server: &Arc<Server>, ctx: &Ctx, table: Table) -> Result<Response, ApiError> {
    use shenguan_app::report::ReportFormat;
    let today = server.app.today();
    let document = shenguan_app::report::document::Document {
        title: table.caption.clone(),
        subtitle: None,
        date_line: match ctx.lang {
            Lang::Zh => format!("{}导出于{today}", ctx.user.name),
            Lang::En => format!("Exported by {} on {today}", ctx.user.name),
        },
        blocks: vec![shenguan_app::report::document::Block::Table(
            table.document(ctx.t("合计", "Total")),
        )],
        notes: Vec::new(),
    };
    let user = ctx.user.name.clone();
    let audited = format!(
        "table {} {} ({} rows)",
        table.caption,
        ctx.here.with(&[]),
        table.rows.len()
    );
    let working = Arc::clone(server);
    let bytes = crate::auth::blocking(move || {
        let bytes = working.app.render_report(&document, ReportFormat::Xlsx)?;
        working.audit(Some(&user), "export", &audited)?;
        Ok::<_, AppError>(bytes)
    })
    .await??;
    Ok(attachment(&table.caption, ReportFormat::Xlsx, bytes))
}

/// A file to download, named `name` (the ASCII fallback is generic: a name may be Chinese).
fn attachment(name: &str, format: shenguan_app::report::ReportFormat, bytes: Vec<u8>) -> Response {
    let ext = format.extension();
    (
        [
            (CONTENT_TYPE, format.content_type().to_string()),
            (
                CONTENT_DISPOSITION,
                format!(
                    "attachment; filename=\"shenguan.{ext}\"; filename*=UTF-8''{}",
                    encode(&format!("{name}.{ext}"))
                ),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// Who is asking through the session cookie: the account as it is now in the store (its role
/// and scope changed since the sign-in are the ones used). A session whose account is gone or
/// disabled ends here; `None` then, as without a session.
async fn session_ctx(
    server: &Arc<Server>,
    headers: &HeaderMap,
    lang: Lang,
    here: Here,
) -> Result<Option<Ctx>, ApiError> {
    let Some(Session { name, csrf, .. }) = server.sessions.of(headers) else {
        return Ok(None);
    };
    let reading = Arc::clone(server);
    let user = crate::auth::blocking(move || {
        reading.with_store(|app, store| {
            let Some(user) = app.active_user(store, &name)? else {
                return Ok(None);
            };
            let to_do = app.supervision_to_do(store, &user)?.len();
            Ok::<_, AppError>(Some((user, to_do)))
        })
    })
    .await??;
    match user {
        Some((user, to_do)) => {
            crate::log::record_user(&user.name);
            let mut ctx = Ctx::new(server, user, csrf, lang, here);
            ctx.to_do = to_do;
            Ok(Some(ctx))
        }
        None => {
            server.sessions.end(headers);
            Ok(None)
        }
    }
}

/// `GET /assets/noto-sans-sc.woff2`: the pages' font (no sign-in needed: the login page uses it).
pub(crate) async fn font() -> Response {
    (
        [
            (axum::http::header::CONTENT_TYPE, "font/woff2"),
            (
                axum::http::header::CACHE_CONTROL,
                "public, max-age=31536000, immutable",
            ),
        ],
        html::FONT,
    )
        .into_response()
}

/// `GET /assets/style.css`: the pages' style sheet.
pub(crate) async fn style() -> Response {
    (
        [
            (axum::http::header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (axum::http::header::CACHE_CONTROL, "no-cache"),
        ],
        html::STYLE,
    )
        .into_response()
}

/// `GET /lang/{zh|en}`: remembers the language in a cookie and goes back to the page the link
/// was on (only ever a page of this server).
pub(crate) async fn switch_language(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Path(code): Path<String>,
) -> Response {
    let value = if code == "en" { "en" } else { "zh" };
    let back = headers
        .get(REFERER)
        .and_then(|v| v.to_str().ok())
        .and_then(local_path)
        .unwrap_or_else(|| "/".to_string());
    (
        StatusCode::SEE_OTHER,
        [
            (LOCATION, back),
            (
                SET_COOKIE,
                set_cookie(
                    LANG_COOKIE,
                    value,
                    Some(365 * 24 * 3600),
                    server.secure_cookies(),
                ),
            ),
        ],
    )
        .into_response()
}

/// The path and query of a URL if it is a plain path on this server (`/x`, never `//host`).
fn local_path(url: &str) -> Option<String> {
    let path = match url.find("://") {
        Some(i) => {
            let rest = &url[i + 3..];
            &rest[rest.find('/')?..]
        }
        None => url,
    };
    (path.starts_with('/') && !path.starts_with("//") && !path.starts_with("/lang/"))
        .then(|| path.to_string())
}

/// The period of a page: `from`/`to` parameters, else this year to date.
fn period(
    server: &Server,
    params: &[(String, String)],
) -> Result<(NaiveDate, NaiveDate), ApiError> {
    let today = server.app.today();
    let first = NaiveDate::from_ymd_opt(today.year(), 1, 1).unwrap_or(today);
    let date = |name: &str, default: NaiveDate| {
        param(params, name).map_or(Ok(default), |d| {
            shenguan_domain::parse_date(&d)
                .map_err(|e| ApiError::from(AppError::invalid_for(name, &e.text())))
        })
    };
    Ok((date("from", first)?, date("to", today)?))
}

fn period_form(ctx: &Ctx, path: &str, (from, to): (NaiveDate, NaiveDate)) -> Markup {
    html! {
        form method="get" action=(path) {
            (ctx.t("期间", "Period")) " "
            input name="from" value=(from) size="10";
            " " (ctx.t("至", "to")) " "
            input name="to" value=(to) size="10";
            " " button { (ctx.t("查询", "Show")) }
        }
    }
}

/// A filter form's court (of the reader's scope, as the query chose it) and whether the courts
/// below it count too: the same two fields on every page that reads `court` and `with_lower`.
fn court_choice(ctx: &Ctx) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let chosen = ctx.here.get("court").unwrap_or_default();
    let with_lower = ctx
        .here
        .get("with_lower")
        .is_some_and(|v| v == "true" || v == "1");
    let own = ctx.user.court.map(shenguan_domain::CourtScope::with_lower);
    let courts: Vec<(String, String)> = ctx
        .courts
        .courts()
        .filter(|c| own.is_none_or(|own| own.covers(c.code)))
        .map(|c| {
            let code = c.code.to_string();
            let label = ctx.court(&code);
            (code, label)
        })
        .collect();
    html! {
        label {
            (t("法院", "Court")) " "
            select name="court" {
                option value="" { (t("本人范围内全部", "all I may see")) }
                @for (code, label) in &courts {
                    option value=(code) selected[*code == chosen] { (label) }
                }
            }
        }
        " "
        label {
            input type="checkbox" name="with_lower" value="true" checked[with_lower];
            " " (t("含辖区法院", "with the courts below"))
        }
    }
}

/// Runs the engine for the user (the request narrowed to their scope), through the server's
/// memory of figures already computed.
async fn figures(
    server: &Arc<Server>,
    user: &User,
    mut request: MetricsRequest,
) -> Result<Arc<crate::cache::Figures>, ApiError> {
    user.restrict(&mut request.filter)?;
    server.figures(request).await
}

#[cfg(test)]
mod tests {
    use super::local_path;

    #[test]
    fn the_language_switch_only_returns_to_this_server() {
        assert_eq!(
            local_path("http://127.0.0.1:8080/court/x?from=1").as_deref(),
            Some("/court/x?from=1")
        );
        assert_eq!(local_path("/warnings").as_deref(), Some("/warnings"));
        assert_eq!(local_path("//evil.example/x"), None);
        assert_eq!(local_path("http://127.0.0.1:8080/lang/en"), None);
        assert_eq!(local_path("javascript:alert(1)"), None);
    }
}
