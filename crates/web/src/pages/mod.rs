//! The pages for people, drawn on the server (HTML and inline SVG; nothing is fetched from
//! outside), in Chinese with an English switch: login (`login`); 总览, 法院, 部门, 法官
//! (`scope`); 指标 (`indicator`); 案件 (`case`); 审限预警 and 长期未结 (`lists`); 执行
//! (`enforcement`); 导入 (`import`); 报告 downloads (`reports`); users and the audit log
//! (`admin`). Every page is held to the
//! signed-in user's scope, as the API is. This module holds what they share: who is asking, in
//! which language, for which period.

mod admin;
mod case;
mod chart;
mod enforcement;
mod html;
mod import;
mod indicator;
mod lists;
mod login;
mod reports;
mod scope;
pub(crate) mod session;
mod view;

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::header::{LOCATION, REFERER, RETRY_AFTER, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use shenguan_app::AppError;
use shenguan_app::accounts::{Role, User};
use shenguan_app::metrics::MetricsRequest;

pub(crate) use self::admin::{add_user, audit_page, user_action, users_page};
pub(crate) use self::case::case_page;
pub(crate) use self::enforcement::enforcement_page;
pub(crate) use self::import::{Uploads, import_confirm, import_page, import_upload};
pub(crate) use self::indicator::indicator_page;
pub(crate) use self::lists::{long_pending_page, warnings_page};
pub(crate) use self::login::{login, login_page, logout};
pub(crate) use self::reports::{bulletin, reports_page, summary};
pub(crate) use self::scope::{court, division, judge, overview};

use self::html::{escape, page};
use self::session::{Session, cookie, set_cookie};
use crate::{ApiError, Server, param};

type Params = Query<Vec<(String, String)>>;

const LANG_COOKIE: &str = "sg_lang";

/// The language of the pages: Chinese unless the user switched to English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    Zh,
    En,
}

impl Lang {
    fn of(headers: &HeaderMap) -> Lang {
        match cookie(headers, LANG_COOKIE).as_deref() {
            Some("en") => Lang::En,
            _ => Lang::Zh,
        }
    }

    /// The text in this language.
    pub fn t<'a>(self, zh: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Zh => zh,
            Lang::En => en,
        }
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
}

impl Ctx {
    pub fn new(server: &Server, user: User, csrf: String, lang: Lang) -> Ctx {
        Ctx {
            user,
            csrf,
            lang,
            courts: server.app.courts(),
        }
    }

    /// A court as tables and headings show it: its short name, with the code (清河区法院（湘1402）);
    /// a text that is not a court code as it is.
    pub fn court(&self, code: &str) -> String {
        match shenguan_domain::CourtCode::parse(code) {
            Ok(court) => format!("{}（{code}）", self.courts.short_name_of(court)),
            Err(_) => code.to_string(),
        }
    }

    pub fn t<'a>(&self, zh: &'a str, en: &'a str) -> &'a str {
        self.lang.t(zh, en)
    }

    /// The whole page with the navigation this user may follow.
    pub fn page(&self, title: &str, body: &str) -> String {
        let t = |zh, en| self.lang.t(zh, en);
        let mut links = vec![
            ("/", t("总览", "Overview")),
            ("/warnings", t("审限预警", "Time limits")),
            ("/long-pending", t("长期未结", "Long pending")),
            ("/enforcement", t("执行", "Enforcement")),
            ("/reports", t("报告", "Reports")),
        ];
        if self.user.may_import() {
            links.push(("/import", t("导入", "Import")));
        }
        if self.user.role == Role::Admin {
            links.push(("/admin/users", t("用户", "Users")));
            links.push(("/admin/audit", t("审计日志", "Audit log")));
        }
        let nav: String = links
            .iter()
            .map(|(href, label)| format!("<a href=\"{href}\">{label}</a>"))
            .collect();
        let other = match self.lang {
            Lang::Zh => "<a href=\"/lang/en\" lang=\"en\">English</a>",
            Lang::En => "<a href=\"/lang/zh\" lang=\"zh-CN\">中文</a>",
        };
        let nav = format!(
            "{nav}<span class=\"who\">{other} {} \
             <form class=\"inline\" method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"csrf\" value=\"{}\">\
             <button>{}</button></form></span>",
            escape(&self.user.name),
            escape(&self.csrf),
            t("退出", "Sign out"),
        );
        page(self.lang, title, Some(&nav), body)
    }
}

/// A page's answer: the HTML, a redirect to the login page, or an error page.
fn redirect(to: &str) -> Response {
    (StatusCode::SEE_OTHER, [(LOCATION, to.to_string())]).into_response()
}

fn error_page(ctx: Option<&Ctx>, lang: Lang, error: ApiError) -> Response {
    let details: String = error
        .details
        .iter()
        .map(|line| format!("<li>{}</li>", escape(line)))
        .collect();
    let details = if details.is_empty() {
        details
    } else {
        format!("<ul>{details}</ul>")
    };
    let body = format!(
        "<h1>{}</h1><p>{}</p>{details}",
        lang.t("无法显示", "Cannot show this page"),
        escape(&error.message)
    );
    let html = match ctx {
        Some(ctx) => ctx.page(lang.t("错误", "Error"), &body),
        None => page(lang, lang.t("错误", "Error"), None, &body),
    };
    let mut response = (error.status, Html(html)).into_response();
    if let Some(wait) = error.retry_after() {
        response.headers_mut().insert(RETRY_AFTER, wait);
    }
    response
}

/// Runs a page for a signed-in user: no session sends them to the login page.
async fn signed_in<F, Fut>(server: Arc<Server>, headers: HeaderMap, render: F) -> Response
where
    F: FnOnce(Arc<Server>, Ctx) -> Fut,
    Fut: std::future::Future<Output = Result<String, ApiError>>,
{
    let lang = Lang::of(&headers);
    let ctx = match session_ctx(&server, &headers, lang).await {
        Ok(Some(ctx)) => ctx,
        Ok(None) => return redirect("/login"),
        Err(error) => return error_page(None, lang, error),
    };
    match render(server, ctx.clone()).await {
        Ok(body) => Html(body).into_response(),
        Err(error) => error_page(Some(&ctx), lang, error),
    }
}

/// Who is asking through the session cookie: the account as it is now in the store (its role
/// and scope changed since the sign-in are the ones used). A session whose account is gone or
/// disabled ends here; `None` then, as without a session.
async fn session_ctx(
    server: &Arc<Server>,
    headers: &HeaderMap,
    lang: Lang,
) -> Result<Option<Ctx>, ApiError> {
    let Some(Session { name, csrf, .. }) = server.sessions.of(headers) else {
        return Ok(None);
    };
    let reading = Arc::clone(server);
    let user = crate::auth::blocking(move || {
        reading.with_store(|app, store| app.active_user(store, &name))
    })
    .await??;
    match user {
        Some(user) => Ok(Some(Ctx::new(server, user, csrf, lang))),
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
                .map_err(|e| ApiError::from(AppError::Invalid(format!("{name}: {e}"))))
        })
    };
    Ok((date("from", first)?, date("to", today)?))
}

fn period_form(ctx: &Ctx, path: &str, (from, to): (NaiveDate, NaiveDate)) -> String {
    format!(
        "<form method=\"get\" action=\"{}\">{} <input name=\"from\" value=\"{from}\" size=\"10\"> {} \
         <input name=\"to\" value=\"{to}\" size=\"10\"> <button>{}</button></form>",
        escape(path),
        ctx.t("期间", "Period"),
        ctx.t("至", "to"),
        ctx.t("查询", "Show"),
    )
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
