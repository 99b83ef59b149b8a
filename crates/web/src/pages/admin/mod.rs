//! The administrators' pages: the accounts (`users`: listed, added, disabled, their tokens
//! revoked, their passwords reset — never shown), and the audit log — sign-ins, imports, exports,
//! account changes and views of case pages — searchable by user and action.

mod users;

pub(crate) use users::{add_user, user_action, users_page};

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use shenguan_app::accounts::Role;

use maud::html;
use shenguan_app::accounts::AUDIT_ACTIONS;

use super::{Ctx, Params, signed_in};
use crate::auth::blocking;
use crate::{ApiError, Server, param};

/// The audit entries read for the page (the newest first).
const AUDIT_READ: i64 = 5000;
const AUDIT_SHOWN: usize = 500;

pub(super) fn admin_only(ctx: &Ctx) -> Result<(), ApiError> {
    if ctx.user.role == Role::Admin {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "仅系统管理员可查看; for administrators only".into(),
        ))
    }
}

/// `GET /admin/audit?user=…&action=…`: the newest entries first, filtered by who (part of a
/// name) and by action (one of [`AUDIT_ACTIONS`], chosen from a list).
pub(crate) async fn audit_page(
    State(server): State<Arc<Server>>,
    headers: HeaderMap,
    Query(params): Params,
) -> Response {
    signed_in(server, headers, |server, ctx| async move {
        admin_only(&ctx)?;
        let entries = blocking(move || server.with_store(|app, store| app.audit_log(store, AUDIT_READ)))
            .await??;
        let who = param(&params, "user").unwrap_or_default();
        let action = param(&params, "action").unwrap_or_default();
        if !action.is_empty() && !AUDIT_ACTIONS.iter().any(|(key, _, _)| *key == action) {
            return Err(ApiError::from(shenguan_app::AppError::Invalid(format!(
                "没有“{action}”这种操作，请从列表中选择; no such action: choose one from the list"
            ))));
        }
        let matching: Vec<_> = entries
            .iter()
            .filter(|e| e.user.as_deref().unwrap_or("").contains(who.as_str()))
            .filter(|e| action.is_empty() || e.action == action)
            .collect();
        let t = |zh, en| ctx.t(zh, en);
        let label = |key: &str| {
            AUDIT_ACTIONS
                .iter()
                .find(|(k, _, _)| *k == key)
                .map_or(key.to_string(), |(_, zh, en)| t(zh, en).to_string())
        };
        let body = html! {
            h1 { (t("审计日志", "Audit log")) }
            form method="get" action="/admin/audit" {
                label { (t("用户", "User")) " " input name="user" value=(who); }
                " "
                label { (t("操作", "Action")) " "
                    select name="action" {
                        option value="" { (t("全部", "all")) }
                        @for (key, zh, en) in AUDIT_ACTIONS {
                            option value=(key) selected[*key == action] { (t(zh, en)) " · " (key) }
                        }
                    }
                }
                " " button { (t("筛选", "Filter")) }
            }
            p.muted { (t("最新在前。", "Newest first.")) }
            table {
                thead { tr {
                    th { (t("时间", "When")) } th { (t("用户", "User")) }
                    th { (t("操作", "Action")) } th { (t("对象", "What")) }
                } }
                tbody {
                    @for e in matching.iter().take(AUDIT_SHOWN) {
                        tr {
                            td { (e.at) }
                            td { (e.user.as_deref().unwrap_or("—")) }
                            td title=(label(&e.action)) { (e.action) }
                            td { (e.detail) }
                        }
                    }
                }
                tfoot { tr { td colspan="4" {
                    (t("合计", "Total")) " " (matching.len().min(AUDIT_SHOWN))
                    @if matching.len() > AUDIT_SHOWN {
                        (t("（只显示最新", " (the newest ")) (AUDIT_SHOWN) (t("条，共", " of ")) (matching.len())
                        (t("条符合，请缩小筛选范围）", "; narrow the filter)"))
                    }
                } } }
            }
        };
        Ok(ctx.page(ctx.t("审计日志", "Audit log"), &body.into_string()))
    })
    .await
}
