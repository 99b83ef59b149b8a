//! The JSON bodies the API's writing routes take, read by the route itself: a body that is too
//! large, not JSON, or not of the documented shape (unknown fields included) is refused in the
//! API's own error shape.

use shenguan_app::{AppError, text};

use crate::ApiError;

/// The largest request body read, in bytes: 500 case numbers and 2,000 characters of text fit
/// in far less.
const MAX_BODY_BYTES: usize = 256 * 1024;

/// A request body of the documented shape, or why not.
pub(crate) fn json<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    if body.len() > MAX_BODY_BYTES {
        let size = body.len();
        return Err(ApiError::from(AppError::Invalid(text!(
            "请求内容过大（{size}字节，上限{MAX_BODY_BYTES}字节）",
            "the request body is too large ({size} bytes; at most {MAX_BODY_BYTES})"
        ))));
    }
    serde_json::from_slice(body).map_err(|e| {
        let why = e.to_string();
        ApiError::from(AppError::Invalid(text!(
            "请求内容不是所需的 JSON：{why}",
            "the request body is not the JSON expected: {why}"
        )))
    })
}

/// [`json`] for a route whose body may be left out: none is the type's default.
pub(crate) fn json_or_default<T: serde::de::DeserializeOwned + Default>(
    body: &[u8],
) -> Result<T, ApiError> {
    if body.is_empty() {
        Ok(T::default())
    } else {
        json(body)
    }
}
