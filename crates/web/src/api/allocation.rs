//! 随机分案 in the JSON API: a new case's facts in, its track, pool and judge out — drawn among
//! the pool's judges, or designated with a listed reason and an approver — with the log entries
//! written for it. The rules are the court's (`[allocation] rules`) or the shipped ones; who may
//! allocate is the app's to decide (`shenguan_app::allocation`).

use std::sync::Arc;

use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use bytes::Bytes;
use serde::{Deserialize, Serialize};
use shenguan_app::allocation::assign::{Designation, Filing};
use shenguan_app::allocation::rules_file;
use shenguan_app::{AppError, text};
use shenguan_domain::allocation::diversion::Facts;
use shenguan_domain::{CaseNumber, Money};
use utoipa::ToSchema;

use super::request::json;
use crate::auth::{blocking, user};
use crate::error::{CommonErrors, ErrorBody};
use crate::{ApiError, Server};

/// A designation: the judge, one of the listed reasons, who approved it.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct DesignationBody {
    /// 法官工号
    pub judge: String,
    /// 指定分案理由 (one of the configured list)
    pub reason: String,
    /// 审批人
    pub approver: String,
}

/// A newly filed case's facts.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct AllocationRequest {
    /// 案号
    pub case_no: String,
    /// 案由
    pub cause: Option<String>,
    /// 标的额, yuan ("30000.00")
    pub amount: Option<String>,
    /// 当事人人数 (2 when not given)
    pub parties: Option<u32>,
    /// Parties and lawyers by name or identity key (for declared relationships)
    #[serde(default)]
    pub party_names: Vec<String>,
    /// 预计公告送达
    #[serde(default)]
    pub announcement: bool,
    /// 涉外
    #[serde(default)]
    pub foreign: bool,
    /// 系列案
    #[serde(default)]
    pub series: bool,
    /// 刑事：可能判处的最高刑期（月）
    pub sentence_months: Option<u32>,
    /// 刑事：认罪认罚
    #[serde(default)]
    pub guilty_plea: bool,
    /// 原审案号 (a remanded or retried case: its earlier judge is excluded)
    pub origin: Option<String>,
    /// The draw's seed (default: drawn and recorded)
    pub seed: Option<u64>,
    /// 指定分案, instead of the draw
    pub designate: Option<DesignationBody>,
}

/// A log entry written for the allocation.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct LogEntryBody {
    pub seq: u64,
    /// track | draw | designate
    pub kind: String,
    /// SHA-256 of the entry, chained to the one before
    pub hash: String,
}

/// What the allocation decided.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct AllocationBody {
    pub case_no: String,
    /// speedy | simple | ordinary | complex
    pub track: &'static str,
    /// 速裁 | 简案 | 普通 | 繁案
    pub track_zh: &'static str,
    pub pool: String,
    /// The judge's staff number; null when no judge of the pool could be drawn
    #[schema(required = true)]
    pub judge: Option<String>,
    /// draw | designate
    pub how: String,
    /// The diversion rule that decided the track, and its rule set's version
    pub rule: String,
    pub version: String,
    /// The draw's seed
    #[schema(required = true)]
    pub seed: Option<u64>,
    /// The judges drawn from
    pub among: Vec<String>,
    /// What the rule read, as (fact, value)
    pub used: Vec<(String, String)>,
    pub log: Vec<LogEntryBody>,
}

/// `POST /api/v1/assignments`: allocates a newly filed case.
#[utoipa::path(
    post,
    path = "/api/v1/assignments",
    summary = "分案 allocate a new case",
    description = "The court's office (filing) or an administrator, once per case: the track and pool under the court's diversion rules, then a judge drawn among the pool's judges in post and not excluded (declared relationships, recusals, the earlier instance's judge), loads kept together — or designated with one of the listed reasons and an approver. Written with its hash-chained log entries and audited (`allocation.draw`, `allocation.designate`). docs/allocation.md.",
    request_body(content = AllocationRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "已分案 the case allocated", body = AllocationBody),
        (status = 400, description = "请求有误 the body is wrong", body = ErrorBody),
        (status = 403, description = "无权分案 the user may not allocate cases of that court", body = ErrorBody),
        (status = 409, description = "已分案 the case is allocated already", body = ErrorBody),
        (status = 503, description = "服务正忙 the store is busy (Retry-After)", body = ErrorBody),
        CommonErrors,
    ),
    security(("bearer" = [])),
)]
pub(crate) async fn allocate(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<AllocationBody>, ApiError> {
    let user = user(&server, &headers).await?;
    let asked: AllocationRequest = json(&body)?;
    let this_year = chrono::Datelike::year(&server.app.today());
    let number = CaseNumber::parse(&asked.case_no, this_year)
        .map_err(|e| ApiError::from(AppError::invalid_for("case_no", &e.text())))?;
    let amount = asked
        .amount
        .as_deref()
        .map(|a| {
            Money::parse(a).map_err(|_| {
                ApiError::from(AppError::invalid_for(
                    "amount",
                    &text!("不是金额：{a}", "not an amount: {a}"),
                ))
            })
        })
        .transpose()?;
    if asked.party_names.len() > 200 {
        return Err(ApiError::from(AppError::invalid_for(
            "party_names",
            &text!("当事人最多200个", "at most 200 parties"),
        )));
    }
    let filing = Filing {
        case_no: number.to_string(),
        facts: Facts {
            case_type: number
                .case_type()
                .map(|t| t.code.to_string())
                .unwrap_or_default(),
            cause: asked.cause,
            amount,
            parties: asked.parties.unwrap_or(2),
            announcement: asked.announcement,
            foreign: asked.foreign,
            series: asked.series,
            max_sentence_months: asked.sentence_months,
            guilty_plea: asked.guilty_plea,
            filed_on: server.app.today(),
        },
        parties: asked.party_names,
        origin: asked.origin,
        seed: asked.seed,
    };
    let designation = asked.designate.map(|d| Designation {
        judge: d.judge,
        reason: d.reason,
        approver: d.approver,
    });
    let writing = Arc::clone(&server);
    let done = blocking(move || {
        let rules = rules_file::load(writing.app.config().allocation_rules.as_deref())?;
        writing.with_writer(|app, store| {
            app.allocate_case(store, &user, &rules, &filing, designation.as_ref())
        })
    })
    .await??;
    Ok(Json(AllocationBody {
        case_no: done.row.case_no,
        track: done.decision.track.key(),
        track_zh: done.decision.track.label_zh(),
        pool: done.row.pool,
        judge: done.row.judge,
        how: done.row.how,
        rule: done.decision.rule,
        version: done.decision.version,
        seed: done.row.seed.map(|s| u64::from_ne_bytes(s.to_ne_bytes())),
        among: done.among,
        used: done.decision.used,
        log: done
            .entries
            .into_iter()
            .map(|e| LogEntryBody {
                seq: e.seq,
                kind: e.kind,
                hash: e.hash,
            })
            .collect(),
    }))
}
