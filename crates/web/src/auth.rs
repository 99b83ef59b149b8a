//! Who is asking: the bearer token of the `Authorization` header, looked up in the store at every
//! request (a revoked or expired token, or a disabled account, is refused at once; the lookup is
//! one indexed read on a connection of its own); and the client's address, for the limit on
//! failed sign-ins.

use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use shenguan_app::accounts::User;

use crate::{ApiError, Server};

/// The user behind the request's bearer token.
pub(crate) async fn user(server: &Arc<Server>, headers: &HeaderMap) -> Result<User, ApiError> {
    let token = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim)
        .filter(|t| !t.is_empty() && t.len() <= MAX_TOKEN_LENGTH)
        .ok_or_else(ApiError::unauthorized)?
        .to_string();
    let looking = Arc::clone(server);
    let user = blocking(move || looking.with_store(|app, store| app.user_for_token(store, &token)))
        .await?
        .map_err(ApiError::from)?
        .ok_or_else(ApiError::unauthorized)?;
    crate::log::record_user(&user.name);
    Ok(user)
}

/// A token is "sg_" and 64 hex digits; anything much longer is not one, and is not hashed.
const MAX_TOKEN_LENGTH: usize = 256;

/// The address of the client: the connection's peer, as [`crate::serve`] records it. A request
/// handed to the router without one (as tests do) counts as the unspecified address, unless it
/// carries a [`ConnectInfo`] of its own.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ClientAddr(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddr {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientAddr(
            parts
                .extensions
                .get::<ConnectInfo<SocketAddr>>()
                .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |info| info.0.ip()),
        ))
    }
}

/// Runs blocking work (the store, the engine) off the async threads.
pub(crate) async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| ApiError::internal(&format!("a blocking task failed: {e}")))
}
