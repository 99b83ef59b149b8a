//! The one place where failures become HTTP statuses. Every API error answers the same JSON
//! shape — `{"code": "…", "message": "…", "details": […]}` — with a stable code: `invalid` 400,
//! `unauthorized` 401, `forbidden` 403, `not_found` 404, `conflict` 409, `too_large` 413,
//! `unavailable` 503 (with Retry-After), `internal` 500. An internal error's detail goes to the server's log under an
//! error number; the answer shows the number only.

use axum::Json;
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use shenguan_app::accounts::Forbidden;
use shenguan_app::{AppError, ErrorKind};

/// Seconds a client is told to wait before asking a busy store again.
const RETRY_AFTER_SECONDS: u32 = 5;

/// A request that cannot be answered.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    /// The stable code of the answer.
    pub code: &'static str,
    pub message: String,
    /// The lines under the message (each bad row of a file).
    pub details: Vec<String>,
}

impl ApiError {
    fn new(status: StatusCode, code: &'static str, message: String) -> ApiError {
        ApiError {
            status,
            code,
            message,
            details: Vec::new(),
        }
    }

    pub fn unauthorized() -> ApiError {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "需要有效的 API 令牌（Authorization: Bearer …）; a valid bearer token is required"
                .into(),
        )
    }

    pub fn not_found(what: &str) -> ApiError {
        ApiError::from(AppError::NotFound(format!("没有{what}; not found: {what}")))
    }

    pub fn forbidden(message: String) -> ApiError {
        ApiError::from(AppError::Forbidden(message))
    }

    /// The server is stopping, or a queue it keeps is closed: ask again later.
    pub fn stopping() -> ApiError {
        ApiError::from(AppError::Unavailable(
            "服务正在停止，请稍后再试; the server is stopping, try again shortly".into(),
        ))
    }

    /// An upload past the size limit.
    pub fn too_large(limit: u64) -> ApiError {
        let mib = limit.div_ceil(1024 * 1024);
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
            format!(
                "上传的文件超过{mib} MiB的上限，请分批导入; the upload is larger than the {mib} MiB limit: import it in parts"
            ),
        )
    }

    /// A failure of the server itself: `detail` goes to the log under a new error number,
    /// which the answer shows.
    pub fn internal(detail: &str) -> ApiError {
        let number = shenguan_app::accounts::new_secret()[..12].to_string();
        eprintln!("错误 error {number}: {detail}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorKind::Internal.code(),
            format!(
                "服务器内部错误（编号 {number}），已记入日志，请告知系统管理员; internal error {number}, logged: tell the administrator"
            ),
        )
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> ApiError {
        let kind = e.kind();
        let status = match kind {
            ErrorKind::Invalid => StatusCode::BAD_REQUEST,
            ErrorKind::NotFound => StatusCode::NOT_FOUND,
            ErrorKind::Forbidden => StatusCode::FORBIDDEN,
            ErrorKind::Conflict => StatusCode::CONFLICT,
            ErrorKind::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ErrorKind::Internal => return ApiError::internal(&e.to_string()),
        };
        ApiError {
            status,
            code: kind.code(),
            message: e.message(),
            details: e.details().to_vec(),
        }
    }
}

impl From<Forbidden> for ApiError {
    fn from(e: Forbidden) -> ApiError {
        ApiError::forbidden(e.0)
    }
}

impl ApiError {
    /// How long to wait before asking again, for an answer that says the store is busy (the
    /// API's answer and a page's alike).
    pub(crate) fn retry_after(&self) -> Option<HeaderValue> {
        (self.status == StatusCode::SERVICE_UNAVAILABLE)
            .then(|| HeaderValue::from(RETRY_AFTER_SECONDS))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let retry_after = self.retry_after();
        let mut response = (
            self.status,
            Json(json!({
                "code": self.code,
                "message": self.message,
                "details": self.details,
            })),
        )
            .into_response();
        if let Some(wait) = retry_after {
            response.headers_mut().insert(RETRY_AFTER, wait);
        }
        response
    }
}
