//! Who is asking: the bearer token of the `Authorization` header, looked up in the store.

use std::sync::Arc;

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use shenguan_app::accounts::User;

use crate::{ApiError, Server};

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
    let server = Arc::clone(server);
    blocking(move || server.with_store(|app, store| app.user_for_token(store, &token)))
        .await?
        .map_err(ApiError::from)?
        .ok_or_else(ApiError::unauthorized)
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
