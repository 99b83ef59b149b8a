//! Signed-in sessions for the pages: a random identifier in an HttpOnly, SameSite=Strict cookie,
//! the account's name and a form token (CSRF) kept in memory. The account itself is read again
//! at every request (see `pages::signed_in`), so that a change of role or scope, or a disable,
//! takes effect at once.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::http::HeaderMap;
use axum::http::header::COOKIE;
use shenguan_app::accounts::{User, new_secret};

pub(crate) const SESSION_COOKIE: &str = "sg_session";
pub(crate) const LOGIN_COOKIE: &str = "sg_login";

/// A session ends after this long.
const SESSION_LIFE: Duration = Duration::from_secs(8 * 3600);

#[derive(Clone, Debug)]
pub(crate) struct Session {
    /// The account signed in.
    pub name: String,
    pub csrf: String,
    started: Instant,
}

#[derive(Debug, Default)]
pub(crate) struct Sessions {
    open: Mutex<HashMap<String, Session>>,
}

impl Sessions {
    /// Starts a session; returns its identifier.
    pub fn start(&self, user: &User) -> String {
        let id = new_secret();
        let session = Session {
            name: user.name.clone(),
            csrf: new_secret(),
            started: Instant::now(),
        };
        if let Ok(mut open) = self.open.lock() {
            open.retain(|_, s| s.started.elapsed() < SESSION_LIFE);
            open.insert(id.clone(), session);
        }
        id
    }

    /// The session of the request's cookie, if it is open.
    pub fn of(&self, headers: &HeaderMap) -> Option<Session> {
        let id = cookie(headers, SESSION_COOKIE)?;
        let open = self.open.lock().ok()?;
        open.get(&id)
            .filter(|s| s.started.elapsed() < SESSION_LIFE)
            .cloned()
    }

    pub fn end(&self, headers: &HeaderMap) {
        if let (Some(id), Ok(mut open)) = (cookie(headers, SESSION_COOKIE), self.open.lock()) {
            open.remove(&id);
        }
    }
}

/// A cookie's value.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// A Set-Cookie value: HttpOnly, SameSite=Strict, for the whole site; `Secure` (sent over HTTPS
/// only) when the server is configured so (`[server] secure_cookies` or an `https://`
/// `public_url`).
pub(crate) fn set_cookie(name: &str, value: &str, max_age: Option<u64>, secure: bool) -> String {
    let age = max_age.map_or(String::new(), |s| format!("; Max-Age={s}"));
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; HttpOnly; SameSite=Strict{age}{secure}")
}

#[cfg(test)]
mod tests {
    use super::set_cookie;

    #[test]
    fn a_cookie_is_secure_only_when_the_server_is_set_so() {
        let plain = set_cookie("sg_session", "abc", None, false);
        assert_eq!(plain, "sg_session=abc; Path=/; HttpOnly; SameSite=Strict");
        let secure = set_cookie("sg_session", "abc", Some(0), true);
        assert_eq!(
            secure,
            "sg_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=0; Secure"
        );
    }
}
