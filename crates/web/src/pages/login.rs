//! Signing in and out: the login form with its own form token (double submit), the limit on
//! failed attempts (`accounts::LoginThrottle`), the session cookie; logout guarded by the
//! session's form token.

use std::sync::Arc;
use std::time::Instant;

use axum::Form;
use axum::extract::State;
use axum::http::header::{LOCATION, RETRY_AFTER, SET_COOKIE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use shenguan_app::accounts::{LoginThrottle, Throttled, User, new_secret};
use shenguan_app::{Text, text};

use maud::html;

use super::html::page;
use super::session::{LOGIN_COOKIE, SESSION_COOKIE, cookie, set_cookie};
use super::{Lang, error_page, other_language, page_lang, redirect};
use crate::auth::{ClientAddr, blocking};
use crate::{ApiError, Server};

/// What the server keeps to guard signing in: the failed attempts counted by account and
/// address, the password checks allowed at once, and the monotonic clock the limit reads.
pub(crate) struct SignInGuard {
    throttle: LoginThrottle,
    password_checks: tokio::sync::Semaphore,
    now: Box<dyn Fn() -> Instant + Send + Sync>,
}

/// Password checks allowed at the same time: each takes a core and 19 MiB for about a tenth of
/// a second, so a flood of sign-ins queues here instead of taking the machine.
const PASSWORD_CHECKS: usize = 2;

impl Default for SignInGuard {
    fn default() -> SignInGuard {
        SignInGuard {
            throttle: LoginThrottle::default(),
            password_checks: tokio::sync::Semaphore::new(PASSWORD_CHECKS),
            now: Box::new(Instant::now),
        }
    }
}

impl SignInGuard {
    /// Replaces the monotonic clock (tests freeze it, so that a wait never runs out while a
    /// test is slow).
    pub(crate) fn set_clock(&mut self, now: Box<dyn Fn() -> Instant + Send + Sync>) {
        self.now = now;
    }

    fn now(&self) -> Instant {
        (self.now)()
    }
}

impl std::fmt::Debug for SignInGuard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignInGuard")
            .field("throttle", &self.throttle)
            .finish_non_exhaustive()
    }
}

fn login_form(lang: Lang, message: Option<&str>, token: &str) -> String {
    let t = |zh, en| lang.pick(zh, en);
    let nav = html! { span.who { (other_language(lang)) } };
    let body = html! {
        h1 { (t("登录", "Sign in")) }
        @if let Some(message) = message { p.below { (message) } }
        form method="post" action="/login" {
            input type="hidden" name="csrf" value=(token);
            p { label { (t("用户名", "Name")) " " input name="name" autocomplete="username" required; } }
            p { label { (t("密码", "Password")) " " input name="password" type="password" autocomplete="current-password" required; } }
            p { button { (t("登录", "Sign in")) } }
        }
    };
    page(lang, t("登录", "Sign in"), Some(nav), body).into_string()
}

/// `GET /login`: the form, with a fresh form token also set as a cookie (double submit).
pub(crate) async fn login_page(State(server): State<Arc<Server>>, headers: HeaderMap) -> Response {
    let token = new_secret();
    (
        [(
            SET_COOKIE,
            set_cookie(LOGIN_COOKIE, &token, Some(600), server.secure_cookies()),
        )],
        Html(login_form(page_lang(&headers), None, &token)),
    )
        .into_response()
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct LoginForm {
    name: String,
    password: String,
    csrf: String,
}

/// `POST /login`: checks the form token, the limit on failed sign-ins (for this name from this
/// address, and for this address) and the password; a session cookie on success. Sign-ins,
/// failures and refused tries go to the audit log with the client's address.
pub(crate) async fn login(
    State(server): State<Arc<Server>>,
    ClientAddr(address): ClientAddr,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Response {
    let lang = page_lang(&headers);
    let secure = server.secure_cookies();
    // The form again, with why, in the page's language.
    let retry = |status: StatusCode, message: &Text| {
        let message = message.get(lang);
        let token = new_secret();
        (
            status,
            [(
                SET_COOKIE,
                set_cookie(LOGIN_COOKIE, &token, Some(600), secure),
            )],
            Html(login_form(lang, Some(message), &token)),
        )
            .into_response()
    };
    if cookie(&headers, LOGIN_COOKIE).as_deref() != Some(form.csrf.as_str()) || form.csrf.is_empty()
    {
        return retry(
            StatusCode::FORBIDDEN,
            &text!("表单已失效，请重试", "the form expired: try again"),
        );
    }
    // The name as counted and audited is cut to a bounded length; a name longer than any
    // account's (64 bytes) is no account's, and is checked as nobody's.
    let typed = form.name.trim();
    let name: String = typed.chars().take(MAX_NAME_CHARS).collect();
    let lookup = if typed.len() <= MAX_ACCOUNT_NAME_BYTES {
        typed.to_string()
    } else {
        String::new()
    };
    if let Err(Throttled { wait }) =
        server
            .sign_in
            .throttle
            .check(&name, address, server.sign_in.now())
    {
        server.monitoring.sign_in_refused();
        // Whole seconds, rounded up: a client that waits as told is not refused again.
        let seconds = (wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1);
        let detail = format!("{name} {address} {seconds}s");
        let audited = Arc::clone(&server);
        // The refusal is in the audit log before it is answered.
        if let Ok(Err(e)) = blocking(move || audited.audit(None, "login.throttled", &detail)).await
        {
            return error_page(None, lang, e.into());
        }
        let mut answer = retry(
            StatusCode::TOO_MANY_REQUESTS,
            &text!(
                "登录失败次数过多，请{seconds}秒后再试",
                "too many failed sign-ins: try again in {seconds} s"
            ),
        );
        answer
            .headers_mut()
            .insert(RETRY_AFTER, axum::http::HeaderValue::from(seconds));
        return answer;
    }
    match check(&server, &lookup, &name, form.password, address).await {
        Ok(Some(user)) => {
            server.sign_in.throttle.succeeded(&name, address);
            let id = server.sessions.start(&user);
            (
                StatusCode::SEE_OTHER,
                [
                    (LOCATION, "/".to_string()),
                    (SET_COOKIE, set_cookie(SESSION_COOKIE, &id, None, secure)),
                ],
            )
                .into_response()
        }
        Ok(None) => {
            server.monitoring.sign_in_failed();
            server
                .sign_in
                .throttle
                .failed(&name, address, server.sign_in.now());
            retry(
                StatusCode::UNAUTHORIZED,
                &text!("用户名或密码不正确", "wrong name or password"),
            )
        }
        Err(e) => error_page(None, lang, e),
    }
}

/// Names longer than this are cut before they are counted or audited.
const MAX_NAME_CHARS: usize = 64;
/// The longest account name (`App::add_user` refuses longer ones).
const MAX_ACCOUNT_NAME_BYTES: usize = 64;

/// Checks `password` for the account `lookup` (audited as `name`): the account is read with a
/// connection, the slow hash runs without one (a few at a time, so that a flood of sign-ins
/// cannot take every core and the memory each hash needs), and the outcome is audited.
async fn check(
    server: &Arc<Server>,
    lookup: &str,
    name: &str,
    password: String,
    address: std::net::IpAddr,
) -> Result<Option<User>, ApiError> {
    let reading = Arc::clone(server);
    let who = lookup.to_string();
    let credentials =
        blocking(move || reading.with_store(|app, store| app.credentials(store, &who))).await??;
    let user = {
        let _turn = server
            .sign_in
            .password_checks
            .acquire()
            .await
            .map_err(|_| ApiError::stopping())?;
        blocking(move || credentials.verify(&password)).await??
    };
    let action = if user.is_some() {
        "login"
    } else {
        "login.failed"
    };
    let auditing = Arc::clone(server);
    let who = user.as_ref().map(|u| u.name.clone());
    let detail = format!("{name} {address}");
    blocking(move || auditing.audit(who.as_deref(), action, &detail)).await??;
    Ok(user)
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
                    (
                        SET_COOKIE,
                        set_cookie(SESSION_COOKIE, "", Some(0), server.secure_cookies()),
                    ),
                ],
            )
                .into_response()
        }
        Some(_) => {
            let lang = page_lang(&headers);
            error_page(
                None,
                lang,
                ApiError::forbidden(text!(
                    "表单已失效",
                    "the form expired: sign out again from a page"
                )),
            )
        }
        None => redirect("/login"),
    }
}
