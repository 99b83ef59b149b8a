//! The one place where failures become HTTP statuses: a JSON body `{"error": "…"}` with the
//! reason in Chinese and English.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use shenguan_app::AppError;
use shenguan_app::accounts::Forbidden;

/// A request that cannot be answered.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn unauthorized() -> ApiError {
        ApiError {
            status: StatusCode::UNAUTHORIZED,
            message:
                "需要有效的 API 令牌（Authorization: Bearer …）; a valid bearer token is required"
                    .into(),
        }
    }

    pub fn not_found(what: &str) -> ApiError {
        ApiError {
            status: StatusCode::NOT_FOUND,
            message: format!("没有{what}; not found: {what}"),
        }
    }

    pub fn forbidden(message: String) -> ApiError {
        ApiError {
            status: StatusCode::FORBIDDEN,
            message,
        }
    }
}

impl From<AppError> for ApiError {
    fn from(e: AppError) -> ApiError {
        let status = match e {
            AppError::Invalid(_) | AppError::FileRows { .. } => StatusCode::BAD_REQUEST,
            AppError::Io { .. } => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError {
            status,
            message: e.to_string(),
        }
    }
}

impl From<Forbidden> for ApiError {
    fn from(e: Forbidden) -> ApiError {
        ApiError::forbidden(e.0)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.status, Json(json!({ "error": self.message }))).into_response()
    }
}
