//! Who is asking: the bearer token of the `Authorization` header, looked up in the store and
//! remembered for a minute, so that a burst of API requests does not queue on the store.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use shenguan_app::accounts::User;

use crate::{ApiError, Server};

/// How long a looked-up token is trusted without asking the store again: a user changed or
/// removed with `shenguan user` is seen by a running server within this time.
const TOKEN_LIFE: Duration = Duration::from_secs(60);
/// Tokens remembered at most; past it the memory starts afresh.
const TOKENS_KEPT: usize = 10_000;

/// Tokens recently found in the store, with their user.
#[derive(Debug, Default)]
pub(crate) struct TokenCache {
    known: Mutex<HashMap<String, (User, Instant)>>,
}

impl TokenCache {
    fn get(&self, token: &str) -> Option<User> {
        let known = self.known.lock().ok()?;
        known
            .get(token)
            .filter(|(_, at)| at.elapsed() < TOKEN_LIFE)
            .map(|(user, _)| user.clone())
    }

    fn put(&self, token: String, user: User) {
        if let Ok(mut known) = self.known.lock() {
            if known.len() >= TOKENS_KEPT {
                known.clear();
            }
            known.insert(token, (user, Instant::now()));
        }
    }
}

/// The user behind the request's bearer token.
pub(crate) async fn user(server: &Arc<Server>, headers: &HeaderMap) -> Result<User, ApiError> {
    let token = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(ApiError::unauthorized)?
        .to_string();
    if let Some(user) = server.tokens.get(&token) {
        return Ok(user);
    }
    let looking = Arc::clone(server);
    let asked = token.clone();
    let user = blocking(move || looking.with_store(|app, store| app.user_for_token(store, &asked)))
        .await?
        .map_err(ApiError::from)?
        .ok_or_else(ApiError::unauthorized)?;
    server.tokens.put(token, user.clone());
    Ok(user)
}

/// Runs blocking work (the store, the engine) off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError {
            status: axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("内部错误; internal error: {e}"),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use shenguan_app::accounts::Role;

    fn user(name: &str) -> User {
        User {
            name: name.into(),
            role: Role::Judge,
            court: None,
            division: None,
            staff_id: None,
        }
    }

    #[test]
    fn a_token_is_remembered_and_memory_is_bounded() {
        let cache = TokenCache::default();
        assert!(cache.get("sg_a").is_none());
        cache.put("sg_a".into(), user("甲"));
        assert_eq!(cache.get("sg_a").map(|u| u.name), Some("甲".to_string()));
        for i in 0..TOKENS_KEPT {
            cache.put(format!("sg_{i}"), user("乙"));
        }
        let known = cache.known.lock().expect("lock");
        assert!(known.len() <= TOKENS_KEPT, "{}", known.len());
    }
}
