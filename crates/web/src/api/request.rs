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
        // serde quotes the offending value between backticks: it may be an identity number,
        // which an answer never repeats.
        let why = without_values(&e.to_string());
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

/// A parser's message with every value it quotes between backticks replaced by "…".
fn without_values(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quoted = false;
    for c in message.chars() {
        match (c, quoted) {
            ('`', false) => {
                quoted = true;
                out.push('…');
            }
            ('`', true) => quoted = false,
            (_, true) => {}
            (c, false) => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_value_the_parser_quotes_is_not_repeated() {
        let error = super::json::<Vec<String>>(b"[43010219800101109]").expect_err("not strings");
        let said = format!("{error:?}");
        assert!(!said.contains("43010219800101109"), "{said}");
        assert!(said.contains("invalid type"), "{said}");
    }
}
