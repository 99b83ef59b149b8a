//! The administrators' pages: the accounts with their role and scope (never their password
//! hashes), and the audit log — logins, imports, exports, user changes and views of case pages —
//! searchable by user and action.

use std::sync::Arc;

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use shenguan_app::AppError;
use shenguan_app::accounts::Role;

use super::html::{escape, table};
use super::{Ctx, Params, signed_in};
use crate::auth::blocking;
use crate::{ApiError, Server, param};

/// The audit entries read for the page (the newest first).
const AUDIT_READ: i64 = 5000;
const AUDIT_SHOWN: usize = 500;

fn admin_only(ctx: &Ctx) -> Result<(), ApiError> {
    if ctx.user.role == Role::Admin {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "仅系统管理员可查看; for administrators only".into(),
        ))
    }
}

/// `GET /admin/users`.
pub(crate) async fn users_page(State(server): State<Arc<Server>>, headers: HeaderMap) -> Response {
    signed_in(server, headers, |server, ctx| async move {
        admin_only(&ctx)?;
        let users = blocking(move || {
            server.with_store(|_, store| store.users().map_err(AppError::from))
        })
        .await??;
        let rows: Vec<Vec<String>> = users
            .iter()
            .map(|u| {
                let role = Role::parse(&u.role).map_or(u.role.clone(), |r| {
                    ctx.t(r.label_zh(), r.key()).to_string()
                });
                vec![
                    escape(&u.name),
                    escape(&role),
                    escape(u.court_code.as_deref().unwrap_or("—")),
                    escape(u.division.as_deref().unwrap_or("—")),
                    escape(&u.created_at),
                ]
            })
            .collect();
        let body = format!(
            "<h1>{}</h1><p class=\"muted\">{}</p>{}",
            ctx.t("用户", "Users"),
            ctx.t(
                "用 shenguan user add / token 增加用户、发放令牌；每次变更记入审计日志。",
                "Add users and issue tokens with shenguan user add / token; each change goes to the audit log."
            ),
            table(
                &[
                    ctx.t("用户名", "Name"),
                    ctx.t("角色", "Role"),
                    ctx.t("法院", "Court"),
                    ctx.t("部门", "Division"),
                    ctx.t("创建时间", "Created"),
                ],
                &rows
            )
        );
        Ok(ctx.page(ctx.t("用户", "Users"), &body))
    })
    .await
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
                "最新在前；操作包括 login、login.failed、login.throttled、import、export、user.add、user.disable、user.enable、token.create、token.revoke、case.view。",
                "Newest first; actions include login, login.failed, login.throttled, import, export, user.add, user.disable, user.enable, token.create, token.revoke, case.view."
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
