//! 信访 in the JSON API: the petitions a user may see, each with the step it waits for and how
//! urgent it is. Who sees what is the app's to decide (`shenguan_app::petitions`).

use std::sync::Arc;

use axum::Json;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use serde::Serialize;
use shenguan_app::petitions::{ListedPetition, PetitionFilter};
use utoipa::{IntoParams, ToSchema};

use crate::auth::{blocking, user};
use crate::error::{CommonErrors, ErrorBody};
use crate::{ApiError, Server, day_value, flag_param, param};

/// A petitioner as the API shows one: the name and the masked number, never the number.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PetitionerBody {
    pub name: String,
    /// 脱敏证件号码 (4301**********109X)
    #[schema(required = true)]
    pub id_masked: Option<String>,
}

/// A petition as the API shows it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PetitionBody {
    /// The store's number of it
    pub id: i64,
    /// 登记号
    pub register_no: String,
    /// 法院代字 of the court handling it
    pub court: String,
    #[schema(format = Date)]
    pub received_on: String,
    /// 来源 (Chinese)
    pub channel: &'static str,
    pub petitioners: Vec<PetitionerBody>,
    /// 人数
    pub head_count: u32,
    /// 涉及案号
    pub cases: Vec<String>,
    /// 事项类别 (Chinese)
    pub subject: &'static str,
    /// 信访层级 (Chinese)
    pub level: &'static str,
    /// 诉访分离: 诉 | 访
    #[schema(required = true)]
    pub screening: Option<&'static str>,
    /// It repeats an earlier petition of its matter (重复信访)
    pub repeat: bool,
    /// The step it waits for: 受理告知, 办理答复, 复查意见, 复核意见
    #[schema(required = true)]
    pub awaited: Option<&'static str>,
    #[schema(required = true, format = Date)]
    pub due_on: Option<String>,
    /// overdue | 3_days | 7_days
    #[schema(required = true)]
    pub tier: Option<&'static str>,
    #[schema(required = true, format = Date)]
    pub replied_on: Option<String>,
    /// 办理结果 (Chinese)
    #[schema(required = true)]
    pub outcome: Option<&'static str>,
}

impl PetitionBody {
    fn of(listed: &ListedPetition) -> PetitionBody {
        let p = &listed.petition;
        PetitionBody {
            id: listed.id,
            register_no: p.register_no.clone(),
            court: p.court.to_string(),
            received_on: p.received_on.to_string(),
            channel: p.channel.label_zh(),
            petitioners: p
                .petitioners
                .iter()
                .map(|x| PetitionerBody {
                    name: x.name.clone(),
                    id_masked: x.masked.clone(),
                })
                .collect(),
            head_count: p.head_count,
            cases: p.cases.iter().map(ToString::to_string).collect(),
            subject: p.subject.label_zh(),
            level: p.level.label_zh(),
            screening: p.screening.map(|s| s.label_zh()),
            repeat: listed.repeat,
            awaited: listed.due.map(|d| d.awaited.label_zh()),
            due_on: listed.due.map(|d| d.on.to_string()),
            tier: listed.tier.map(|t| t.key()),
            replied_on: p.replied_on.map(|d| d.to_string()),
            outcome: p.outcome.map(|o| o.label_zh()),
        }
    }
}

/// The petitions a list selects, in the order received.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PetitionList {
    pub petitions: Vec<PetitionBody>,
}

/// The query of `GET /api/v1/petitions`.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(dead_code, reason = "describes the query the handler reads as pairs")]
pub(crate) struct PetitionParams {
    /// Received from (YYYY-MM-DD)
    from: Option<String>,
    /// Received to (YYYY-MM-DD)
    to: Option<String>,
    /// Only petitions whose step is late today
    overdue: Option<bool>,
}

/// `GET /api/v1/petitions`: the register as the user may see it.
#[utoipa::path(
    get,
    path = "/api/v1/petitions",
    summary = "信访登记 the petition register",
    description = "In the order received: an office, a court leader or an administrator, the petitions handled by their court and the courts below it; a division head or a judge, those about the cases they may see. Each with the step it waits for and how urgent it is (docs/petitions.md). Identity numbers are never shown, only their masked form.",
    params(PetitionParams),
    responses(
        (status = 200, description = "信访件 the petitions", body = PetitionList),
        (status = 400, description = "参数有误 a parameter is wrong", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn list(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Query<Vec<(String, String)>>,
) -> Result<Json<PetitionList>, ApiError> {
    let user = user(&server, &headers).await?;
    let filter = PetitionFilter {
        from: day_value("from", param(&params, "from").as_deref())?,
        to: day_value("to", param(&params, "to").as_deref())?,
        overdue: flag_param(&params, "overdue")?,
    };
    let reading = Arc::clone(&server);
    let listed =
        blocking(move || reading.with_store(|app, store| app.petitions(store, &user, &filter)))
            .await??;
    Ok(Json(PetitionList {
        petitions: listed.iter().map(PetitionBody::of).collect(),
    }))
}
