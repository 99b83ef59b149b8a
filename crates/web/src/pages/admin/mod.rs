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

use super::html::{escape, table};
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

/// `GET /admin/audit?user=…&action=…`: the newest entries first.
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
        let rows: Vec<Vec<String>> = entries
            .iter()
            .filter(|e| e.user.as_deref().unwrap_or("").contains(who.as_str()))
            .filter(|e| e.action.contains(action.as_str()))
            .take(AUDIT_SHOWN)
            .map(|e| {
                vec![
                    escape(&e.at),
                    escape(e.user.as_deref().unwrap_or("—")),
                    escape(&e.action),
                    escape(&e.detail),
                ]
            })
            .collect();
        let body = format!(
            "<h1>{}</h1><form method=\"get\" action=\"/admin/audit\">{} <input name=\"user\" value=\"{}\"> \
             {} <input name=\"action\" value=\"{}\"> <button>{}</button></form><p class=\"muted\">{}</p>{}",
            ctx.t("审计日志", "Audit log"),
            ctx.t("用户", "User"),
            escape(&who),
            ctx.t("操作", "Action"),
            escape(&action),
            ctx.t("筛选", "Filter"),
            ctx.t(
                "最新在前；操作包括 login、login.failed、login.throttled、import、export、user.add、user.password、user.disable、user.enable、token.create、token.revoke、case.view。",
                "Newest first; actions include login, login.failed, login.throttled, import, export, user.add, user.password, user.disable, user.enable, token.create, token.revoke, case.view."
            ),
            table(
                &[
                    ctx.t("时间", "When"),
                    ctx.t("用户", "User"),
                    ctx.t("操作", "Action"),
                    ctx.t("对象", "What"),
                ],
                &rows
            )
        );
        Ok(ctx.page(ctx.t("审计日志", "Audit log"), &body))
    })
    .await
}
