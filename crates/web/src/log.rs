//! 日志: one structured line per request through `tracing` — its id, method, route (the route's
//! pattern, never the path itself, which may hold a case number or a name), who asked, the
//! status and the milliseconds — and the request id every answer carries (`X-Request-Id`) and an
//! internal error shows, so that the line a user reports is found in the log. The same middleware
//! counts the request for the metrics (`monitoring`): one place sees every request.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{MatchedPath, Request, State};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

tokio::task_local! {
    /// The id of the request this task answers.
    static REQUEST_ID: String;
}

/// The header that carries the request's id back to the client.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The id of the request being answered (`None` outside a request).
pub(crate) fn request_id() -> Option<String> {
    REQUEST_ID.try_with(Clone::clone).ok()
}

/// Names the signed-in user on the request's log line.
pub(crate) fn record_user(name: &str) {
    tracing::Span::current().record("user", name);
}

/// The middleware around every route: an id for the request, its span, its line when answered,
/// and its count in the server's metrics.
pub(crate) async fn requests(
    State(server): State<Arc<crate::Server>>,
    request: Request,
    next: Next,
) -> Response {
    // Random, so that ids say nothing of how many requests came before.
    let id = shenguan_app::accounts::new_secret()[..12].to_string();
    let matched = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_string());
    let route = matched.as_deref().unwrap_or("-");
    let method = request.method().clone();
    let span = tracing::info_span!(
        "request",
        id = %id,
        method = %method,
        route = %route,
        user = tracing::field::Empty,
    );
    let started = Instant::now();
    let mut response = REQUEST_ID
        .scope(id.clone(), next.run(request).instrument(span.clone()))
        .await;
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    let status = response.status().as_u16();
    let took = started.elapsed();
    let ms = u64::try_from(took.as_millis()).unwrap_or(u64::MAX);
    span.in_scope(|| tracing::info!(status, ms, "answered"));
    server
        .monitoring
        .answered(matched.as_deref(), &method, status, took);
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_internal_error_shows_the_id_of_its_request() {
        let error = REQUEST_ID
            .scope("0123456789ab".to_string(), async {
                crate::ApiError::internal("the detail, for the log only")
            })
            .await;
        for shown in [error.message.zh(), error.message.en()] {
            assert!(shown.contains("0123456789ab"), "{shown}");
            assert!(!shown.contains("the detail"), "{shown}");
        }
        assert_eq!(request_id(), None, "outside a request there is none");
    }
}
