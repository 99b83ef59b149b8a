//! Signing in and out: the login form with its own form token (double submit), the limit on
//! failed attempts, the session cookie; logout guarded by the session's form token.

use std::sync::Arc;

use axum::Form;
use axum::extract::State;
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use shenguan_app::AppError;
use shenguan_app::accounts::{User, new_secret};

use super::html::{escape, page};
use super::session::{LOGIN_COOKIE, SESSION_COOKIE, cookie, set_cookie};
use super::{Ctx, Lang, error_page, redirect};
use crate::auth::blocking;
use crate::{ApiError, Server};

fn login_form(lang: Lang, message: Option<&str>, token: &str) -> String {
    let note = message.map_or(String::new(), |m| {
        format!("<p class=\"below\">{}</p>", escape(m))
    });
    let t = |zh, en| lang.t(zh, en);
    let other = match lang {
        Lang::Zh => "<a href=\"/lang/en\" lang=\"en\">English</a>",
        Lang::En => "<a href=\"/lang/zh\" lang=\"zh-CN\">中文</a>",
    };
    page(
        lang,
        t("登录", "Sign in"),
        Some(&format!("<span class=\"who\">{other}</span>")),
        &format!(
            "<h1>{}</h1>{note}<form method=\"post\" action=\"/login\">\
             <input type=\"hidden\" name=\"csrf\" value=\"{}\">\
             <p><label>{} <input name=\"name\" autocomplete=\"username\" required></label></p>\
             <p><label>{} <input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label></p>\
             <p><button>{}</button></p></form>",
            t("登录", "Sign in"),
            escape(token),
            t("用户名", "Name"),
            t("密码", "Password"),
            t("登录", "Sign in"),
        ),
    )
}

/// `GET /login`: the form, with a fresh form token also set as a cookie (double submit).
pub(crate) async fn login_page(headers: HeaderMap) -> Response {
    let token = new_secret();
    (
        [(SET_COOKIE, set_cookie(LOGIN_COOKIE, &token, Some(600)))],
        Html(login_form(Lang::of(&headers), None, &token)),
    )
        .into_response()
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct LoginForm {
    name: String,
    password: String,
    csrf: String,
}

/// `POST /login`: checks the form token, the failure limit and the password; a session cookie on
/// success. Logins and failures go to the audit log.
pub(crate) async fn login(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let lang = Lang::of(&headers);
    let retry = |status: StatusCode, message: &str| {
        let token = new_secret();
        (
            status,
            [(SET_COOKIE, set_cookie(LOGIN_COOKIE, &token, Some(600)))],
            Html(login_form(lang, Some(message), &token)),
        )
            .into_response()
    };
    if cookie(&headers, LOGIN_COOKIE).as_deref() != Some(form.csrf.as_str()) || form.csrf.is_empty()
    {
        return retry(
            StatusCode::FORBIDDEN,
            "表单已失效，请重试; the form expired, try again",
        );
    }
    let name = form.name.trim().to_string();
    if !server.sessions.may_try(&name) {
        return retry(
            StatusCode::TOO_MANY_REQUESTS,
            "登录失败次数过多，请五分钟后再试; too many failed logins, wait five minutes",
        );
    }
    let checking = Arc::clone(&server);
    let who = name.clone();
    let checked = blocking(move || {
        checking.with_writer(|app, store| {
            let user = app.check_password(store, &who, &form.password)?;
            let action = if user.is_some() {
                "login"
            } else {
                "login.failed"
            };
            app.audit(store, user.as_ref().map(|u| u.name.as_str()), action, &who)?;
            Ok::<Option<User>, AppError>(user)
        })
    })
    .await;
    match checked {
        Ok(Ok(Some(user))) => {
            let id = server.sessions.start(user);
            (
                StatusCode::SEE_OTHER,
                [
                    (LOCATION, "/".to_string()),
                    (SET_COOKIE, set_cookie(SESSION_COOKIE, &id, None)),
                ],
            )
                .into_response()
        }
        Ok(Ok(None)) => {
            server.sessions.failed(&name);
            retry(
                StatusCode::UNAUTHORIZED,
                "用户名或密码不正确; wrong name or password",
            )
        }
        Ok(Err(e)) => error_page(None, lang, e.into()),
        Err(e) => error_page(None, lang, e),
    }
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct TokenForm {
    csrf: String,
}

/// `POST /logout`: ends the session (the form token must be the session's).
pub(crate) async fn logout(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Form(form): Form<TokenForm>,
) -> Response {
    match server.sessions.of(&headers) {
        Some(session) if session.csrf == form.csrf => {
            server.sessions.end(&headers);
            (
                StatusCode::SEE_OTHER,
                [
                    (LOCATION, "/login".to_string()),
                    (SET_COOKIE, set_cookie(SESSION_COOKIE, "", Some(0))),
                ],
            )
                .into_response()
        }
        Some(session) => {
            let lang = Lang::of(&headers);
            let ctx = Ctx::new(&server, session.user, session.csrf, lang);
            error_page(
                Some(&ctx),
                lang,
                ApiError::forbidden("表单已失效; the form expired".into()),
            )
        }
        None => redirect("/login"),
    }
}
