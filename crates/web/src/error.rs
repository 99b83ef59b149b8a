//! The one place where failures become HTTP statuses. Every API error answers the same JSON
//! shape — [`ErrorBody`], `{"code": "…", "message": "…", "details": […]}` — with a stable
//! [`ErrorCode`]: `invalid` 400, `unauthorized` 401, `forbidden` 403, `not_found` 404, `conflict`
//! 409, `too_large` 413, `unavailable` 503 (with Retry-After), `internal` 500. An internal error's
//! detail goes to the server's log under an error number; the answer shows the number only.
//!
//! An error keeps its message in both languages; the answer says it in one: the language the
//! request's `Accept-Language` asks for on the API (Chinese by default), the page's language (the
//! `sg_lang` cookie of the switch) elsewhere. The handler that fails does not know the request's
//! headers, so the answer is written in Chinese and carries the texts with it, and
//! [`in_the_request_language`], around every route, writes it again in the request's language.

use axum::Json;
use axum::extract::Request;
use axum::http::header::{ACCEPT_LANGUAGE, CONTENT_LENGTH, RETRY_AFTER, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use shenguan_app::accounts::Forbidden;
use shenguan_app::{AppError, ErrorKind, Lang, Text, text};
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
    /// What went wrong and what to do, in the language the request's `Accept-Language` asks for
    /// (Chinese or English; Chinese when it names neither).
    pub message: &'a str,
    /// One line per bad row of an uploaded file (empty otherwise), in the same language.
    pub details: &'a [String],
}

/// The error answers of every operation that needs a token, whatever it asks: no valid token
/// (401) and an internal failure (500). Listed once, after each operation's own responses
/// (`responses(…, CommonErrors)`); a busy store (503) is said by each operation, in its words.
pub(crate) struct CommonErrors;

impl utoipa::IntoResponses for CommonErrors {
    fn responses() -> std::collections::BTreeMap<
        String,
        utoipa::openapi::RefOr<utoipa::openapi::response::Response>,
    > {
        use utoipa::openapi::{Content, Ref, ResponseBuilder};
        [
            ("401", "需要有效的令牌 no valid bearer token"),
            (
                "500",
                "服务器内部错误 internal error, logged under the number the message shows",
            ),
        ]
        .into_iter()
        .map(|(status, description)| {
            let response = ResponseBuilder::new()
                .description(description)
                // `ErrorBody` is named `Error` in the document.
                .content(
                    "application/json",
                    Content::new(Some(Ref::from_schema_name("Error"))),
                )
                .build();
            (status.to_string(), response.into())
        })
        .collect()
    }
}

/// A request that cannot be answered: its status and code, and what to tell the user in either
/// language (the answer picks one, see the module's note).
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    /// The stable code of the answer (its status follows from it).
    pub code: ErrorCode,
    pub message: Text,
    /// The lines under the message (each bad row of a file).
    pub details: Vec<Text>,
}

impl ApiError {
    fn new(code: ErrorCode, message: Text) -> ApiError {
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
            text!(
                "需要有效的 API 令牌（Authorization: Bearer …）",
                "a valid bearer token is required (Authorization: Bearer …)"
            ),
        )
    }

    /// `what` (`指标“x”`, `indicator “x”`) does not exist, or not within the user's scope.
    pub fn not_found(what: &Text) -> ApiError {
        let (zh, en) = (what.zh(), what.en());
        ApiError::from(AppError::NotFound(text!("没有{zh}", "there is no {en}")))
    }

    pub fn forbidden(message: Text) -> ApiError {
        ApiError::from(AppError::Forbidden(message))
    }

    /// The server is stopping, or a queue it keeps is closed: ask again later.
    pub fn stopping() -> ApiError {
        ApiError::from(AppError::Unavailable(text!(
            "服务正在停止，请稍后再试",
            "the server is stopping: try again shortly"
        )))
    }

    /// An upload past the size limit.
    pub fn too_large(limit: u64) -> ApiError {
        let mib = limit.div_ceil(1024 * 1024);
        ApiError::new(
            ErrorCode::TooLarge,
            text!(
                "上传的文件超过{mib} MiB的上限，请分批导入",
                "the upload is larger than the {mib} MiB limit: import it in parts"
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
            text!(
                "服务器内部错误（编号 {number}），已记入日志，请告知系统管理员",
                "internal error {number}, logged: tell the administrator"
            ),
        )
    }

    /// The message in `lang`.
    pub fn message_in(&self, lang: Lang) -> &str {
        self.message.get(lang)
    }

    /// The lines under the message in `lang`.
    pub fn details_in(&self, lang: Lang) -> Vec<String> {
        self.details
            .iter()
            .map(|d| d.get(lang).to_string())
            .collect()
    }

    /// How long to wait before asking again, for an answer that says the store is busy (the
    /// API's answer and a page's alike).
    pub(crate) fn retry_after(&self) -> Option<HeaderValue> {
        (self.status == StatusCode::SERVICE_UNAVAILABLE)
            .then(|| HeaderValue::from(RETRY_AFTER_SECONDS))
    }

    /// The JSON answer in `lang`.
    fn answer(&self, lang: Lang) -> Response {
        let details = self.details_in(lang);
        let mut response = (
            self.status,
            Json(ErrorBody {
                code: self.code,
                message: self.message_in(lang),
                details: &details,
            }),
        )
            .into_response();
        if let Some(wait) = self.retry_after() {
            response.headers_mut().insert(RETRY_AFTER, wait);
        }
        response
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> ApiError {
        let kind = e.kind();
        if let AppError::Internal(detail) = &e {
            return ApiError::internal(detail);
        }
        ApiError {
            details: e.detail_texts().to_vec(),
            ..ApiError::new(kind.into(), e.text())
        }
    }
}

impl From<Forbidden> for ApiError {
    fn from(e: Forbidden) -> ApiError {
        ApiError::forbidden(e.0)
    }
}

/// An error answer not yet in the request's language: the error itself, kept on the response for
/// [`in_the_request_language`].
#[derive(Clone, Debug)]
struct Unspoken(std::sync::Arc<ApiError>);

/// In Chinese, until [`in_the_request_language`] writes it in the request's language.
impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = self.answer(Lang::Zh);
        response
            .extensions_mut()
            .insert(Unspoken(std::sync::Arc::new(self)));
        response
    }
}

/// The language a request is answered in: on the API (`/api/…`), what its `Accept-Language`
/// asks for; on the pages, the language of the page switch (the `sg_lang` cookie). Chinese when
/// neither says.
pub(crate) fn request_lang(headers: &HeaderMap, path: &str) -> Lang {
    if path.starts_with("/api/") {
        accept_language(headers)
    } else {
        crate::pages::page_lang(headers)
    }
}

/// The language a request's `Accept-Language` asks for (Chinese without one).
pub(crate) fn accept_language(headers: &HeaderMap) -> Lang {
    headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map_or(Lang::Zh, Lang::from_accept_language)
}

/// Writes an error answer again in the language of its request ([`request_lang`]); any other
/// answer passes as it is. An API error answer says that its language follows the request's
/// `Accept-Language`, for caches.
pub(crate) async fn in_the_request_language(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_string();
    let lang = request_lang(request.headers(), &path);
    let mut response = next.run(request).await;
    let Some(Unspoken(error)) = response.extensions_mut().remove::<Unspoken>() else {
        return response;
    };
    let mut answer = if lang == Lang::Zh {
        response
    } else {
        // The headers stay (Retry-After, and any the handler set); the body is said again.
        let (mut parts, _) = response.into_parts();
        let (_, body) = error.answer(lang).into_parts();
        parts.headers.remove(CONTENT_LENGTH);
        Response::from_parts(parts, body)
    };
    if path.starts_with("/api/") {
        answer
            .headers_mut()
            .append(VARY, HeaderValue::from_static("accept-language"));
    }
    answer
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
