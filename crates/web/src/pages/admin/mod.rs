//! The administrators' pages: the accounts (`users`: listed, added, disabled, their tokens
//! revoked, their passwords reset — never shown), and the audit log — sign-ins, imports, exports,
//! account changes and views of case pages — searchable by user and action.

mod users;

pub(crate) use users::{add_user, user_action, users_page};

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::extract::State;
use axum::response::Response;
use maud::html;
use shenguan_app::accounts::{AUDIT_ACTIONS, Role};
use shenguan_app::text;

use super::table::{Cell, Table};
use super::{Asked, Ctx, signed_in};
use crate::auth::blocking;
use crate::{ApiError, Server, param};

/// The audit entries read for the page (the newest first), paged a hundred at a time.
const AUDIT_READ: i64 = 5000;

pub(super) fn admin_only(ctx: &Ctx) -> Result<(), ApiError> {
    if ctx.user.role == Role::Admin {
        Ok(())
    } else {
        Err(ApiError::forbidden(text!(
            "仅系统管理员可查看",
            "only administrators may see this page"
        )))
    }
}

/// `GET /admin/audit?user=…&action=…`: the newest entries first, filtered by who and by action,
/// both chosen from lists.
pub(crate) async fn audit_page(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        admin_only(&ctx)?;
        let entries = blocking(move || server.with_store(|app, store| app.audit_log(store, AUDIT_READ)))
            .await??;
        let who = param(ctx.params(), "user").unwrap_or_default();
        let action = param(ctx.params(), "action").unwrap_or_default();
        if !action.is_empty() && !AUDIT_ACTIONS.iter().any(|(key, _, _)| *key == action) {
            return Err(ApiError::from(shenguan_app::AppError::Invalid(text!(
                "没有“{action}”这种操作，请从列表中选择",
                "there is no action “{action}”: choose one from the list"
            ))));
        }
        let users: BTreeSet<&str> = entries.iter().filter_map(|e| e.user.as_deref()).collect();
        let t = |zh, en| ctx.t(zh, en);
        let label = |key: &str| {
            AUDIT_ACTIONS
                .iter()
                .find(|(k, _, _)| *k == key)
                .map_or(key.to_string(), |(_, zh, en)| t(zh, en).to_string())
        };
        let title = t("审计日志", "Audit log");
        let mut table = Table::new(
            "",
            title,
            [t("时间", "When"), t("用户", "User"), t("操作", "Action"), t("对象", "What")]
                .map(String::from)
                .to_vec(),
        );
        table.counted = ("条", "entries");
        table.page_size = Some(super::lists::PAGE_SIZE);
        table.rows = entries
            .iter()
            .filter(|e| who.is_empty() || e.user.as_deref() == Some(who.as_str()))
            .filter(|e| action.is_empty() || e.action == action)
            .map(|e| {
                vec![
                    Cell::text(e.at.to_string()),
                    e.user.clone().map_or_else(Cell::none, Cell::text),
                    Cell::text(format!("{} · {}", label(&e.action), e.action)),
                    Cell::text(e.detail.clone()),
                ]
            })
            .collect();
        let body = html! {
            h1 { (title) }
            form.filters method="get" action="/admin/audit" {
                label { (t("用户", "User")) " "
                    select name="user" {
                        option value="" { (t("全部", "all")) }
                        @for name in &users { option value=(name) selected[*name == who] { (name) } }
                    }
                }
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
            p.muted {
                (t("最新在前；最近", "Newest first; the latest ")) (AUDIT_READ)
                (t("条记录内筛选。", " entries are searched."))
            }
            (ctx.table(table))
        };
        Ok(ctx.page(title, body))
    })
    .await
}
