//! The one place where failures become HTTP statuses. Every API error answers the same JSON
//! shape — [`ErrorBody`], `{"code": "…", "message": "…", "details": […]}` — with a stable
//! [`ErrorCode`]: `invalid` 400, `unauthorized` 401, `forbidden` 403, `not_found` 404, `conflict`
//! 409, `too_large` 413, `unavailable` 503 (with Retry-After), `internal` 500. An internal error's
//! detail goes to the server's log under an error number; the answer shows the number only.

use axum::Json;
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use shenguan_app::accounts::Forbidden;
use shenguan_app::{AppError, ErrorKind};
use utoipa::ToSchema;

/// Seconds a client is told to wait before asking a busy store again.
const RETRY_AFTER_SECONDS: u32 = 5;

// A client tells failures apart by the code rather than by the message, which is for people; the
// OpenAPI document lists the codes from this type.
/// The stable code of an error answer, one for each status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// 400: a parameter, a file or a row is wrong; the message says what.
    Invalid,
    /// 401: no valid bearer token.
    Unauthorized,
    /// 403: outside the user's court scope or role.
    Forbidden,
    /// 404: no such case or indicator within the user's scope.
    NotFound,
    /// 409: the request conflicts with what the store holds.
    Conflict,
    /// 413: an upload past the size limit.
    TooLarge,
    /// 503: the store is busy or the server is stopping; ask again after Retry-After.
    Unavailable,
    /// 500: a failure of the server itself, logged under the number the message shows.
    Internal,
}

impl ErrorCode {
    pub fn status(self) -> StatusCode {
        match self {
            ErrorCode::Invalid => StatusCode::BAD_REQUEST,
            ErrorCode::Unauthorized => StatusCode::UNAUTHORIZED,
            ErrorCode::Forbidden => StatusCode::FORBIDDEN,
            ErrorCode::NotFound => StatusCode::NOT_FOUND,
            ErrorCode::Conflict => StatusCode::CONFLICT,
            ErrorCode::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorCode::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ErrorCode::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl From<ErrorKind> for ErrorCode {
    fn from(kind: ErrorKind) -> ErrorCode {
        match kind {
            ErrorKind::Invalid => ErrorCode::Invalid,
            ErrorKind::NotFound => ErrorCode::NotFound,
            ErrorKind::Forbidden => ErrorCode::Forbidden,
            ErrorKind::Conflict => ErrorCode::Conflict,
            ErrorKind::Unavailable => ErrorCode::Unavailable,
            ErrorKind::Internal => ErrorCode::Internal,
        }
    }
}

/// The body of every error answer of the API.
#[derive(Debug, Serialize, ToSchema)]
#[schema(as = Error)]
pub(crate) struct ErrorBody<'a> {
    pub code: ErrorCode,
    /// 中文; English: what went wrong and what to do.
    pub message: &'a str,
    /// One line per bad row of an uploaded file (empty otherwise).
    pub details: &'a [String],
}

/// A request that cannot be answered.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    /// The stable code of the answer (its status follows from it).
    pub code: ErrorCode,
    pub message: String,
    /// The lines under the message (each bad row of a file).
    pub details: Vec<String>,
}

impl ApiError {
    fn new(code: ErrorCode, message: String) -> ApiError {
        ApiError {
            status: code.status(),
            code,
            message,
            details: Vec::new(),
        }
    }

    pub fn unauthorized() -> ApiError {
        ApiError::new(
            ErrorCode::Unauthorized,
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
            ErrorCode::TooLarge,
            format!(
                "上传的文件超过{mib} MiB的上限，请分批导入; the upload is larger than the {mib} MiB limit: import it in parts"
            ),
        )
    }

    /// A failure of the server itself: `detail` goes to the log under a new error number,
    /// which the answer shows.
    pub fn internal(detail: &str) -> ApiError {
        // The request's id, which its log line also carries; a fresh one outside a request.
        let number = crate::log::request_id()
            .unwrap_or_else(|| shenguan_app::accounts::new_secret()[..12].to_string());
        tracing::error!(number = %number, detail, "internal error");
        ApiError::new(
            ErrorCode::Internal,
            format!(
                "服务器内部错误（编号 {number}），已记入日志，请告知系统管理员; internal error {number}, logged: tell the administrator"
            ),
        )
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> ApiError {
        let kind = e.kind();
        if kind == ErrorKind::Internal {
            return ApiError::internal(&e.to_string());
        }
        ApiError {
            details: e.details().to_vec(),
            ..ApiError::new(kind.into(), e.message())
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
            Json(ErrorBody {
                code: self.code,
                message: &self.message,
                details: &self.details,
            }),
        )
            .into_response();
        if let Some(wait) = retry_after {
            response.headers_mut().insert(RETRY_AFTER, wait);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The API's codes are the application's, which the command line prints too: a kind the
    /// application adds must not come out under another name here.
    #[test]
    fn each_kind_keeps_the_applications_code() {
        for kind in [
            ErrorKind::Invalid,
            ErrorKind::NotFound,
            ErrorKind::Forbidden,
            ErrorKind::Conflict,
            ErrorKind::Unavailable,
            ErrorKind::Internal,
        ] {
            let code = serde_json::to_value(ErrorCode::from(kind)).expect("a code");
            assert_eq!(code, kind.code(), "{kind:?}");
        }
    }
}
