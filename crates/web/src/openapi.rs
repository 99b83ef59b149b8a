//! The OpenAPI 3.1 document of the JSON API, derived when compiled from the handlers' operations
//! (`#[utoipa::path]` in `api`) and the types they answer, so it cannot drift from what the API
//! answers; served at `/api/openapi.json`. A test checks that every route of the router is in it
//! and that every operation in it answers as it says.

use axum::Json;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

use crate::api;

/// The document: every route of the JSON API and the schemas of what they answer.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "shenguan 审管 API",
        description = "审判执行质效监管 — court case-flow supervision. Every route needs `Authorization: Bearer <token>` (`shenguan user token NAME`) and answers within the user's court scope. An error answers `Error`: a stable `code`, a `message` in Chinese and English, and `details` (one line per bad row of an uploaded file).",
    ),
    paths(
        document,
        api::metrics,
        api::explain,
        api::cases,
        api::case,
        api::warnings,
        api::long_pending,
        api::idle_enforcement,
        api::enforcement::targets,
        api::enforcement::signals,
        api::quality::scorecard_route,
        api::reconcile::reconciliation_route,
        api::reconcile::reports_route,
        api::reconcile::compare_route,
        api::integrity::signals_route,
        api::forecast::forecast_route,
        api::audit,
        api::import,
        api::duban::list,
        api::duban::figures,
        api::duban::item,
        api::duban::open,
        api::duban::step,
        api::limits::list,
        api::limits::apply,
        api::limits::decide,
        api::petitions::list,
        api::petitions::one,
        api::petitions::register,
        api::petitions::step,
        api::review::list,
        api::review::one,
        api::review::create,
        api::review::preview,
        api::review::tasks,
        api::review::tally,
        api::review::flag,
        api::allocation::allocate,
        api::review_case::read,
        api::review_case::act,
        api::service::queue,
        api::service::open,
        api::service::case_service,
        api::service::attempt,
        api::service::settle,
        api::service::assign,
        api::service::confirm,
    ),
    modifiers(&BearerToken),
)]
pub(crate) struct ApiDoc;

/// The bearer token the operations name as `bearer`: utoipa declares security schemes only
/// through a modifier.
struct BearerToken;

impl Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        let mut bearer = Http::new(HttpAuthScheme::Bearer);
        bearer.description = Some(
            "API 令牌 an API token, from `shenguan user token NAME`: sg_ and 64 hex digits".into(),
        );
        components.add_security_scheme("bearer", SecurityScheme::Http(bearer));
    }
}

/// `GET /api/openapi.json`: this document. It needs no token, so that a client can be set up
/// from it before it has one.
#[utoipa::path(
    get,
    path = "/api/openapi.json",
    summary = "OpenAPI 文档 this document",
    responses(
        (status = 200, description = "OpenAPI 3.1", body = Object),
    ),
)]
pub(crate) async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
