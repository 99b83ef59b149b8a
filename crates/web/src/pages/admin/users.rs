//! 用户管理: the accounts an administrator may manage (those of their court and the courts below
//! it; every account for an administrator of the network), with their role, scope, tokens and
//! state, and what can be done to each — add, disable or enable, revoke every token, reset the
//! password (a new random one, shown once). Every change is a form guarded by the session's form
//! token and goes to the audit log under the administrator's name.

use std::sync::Arc;

use axum::Form;
use axum::extract::{Path, State};
use axum::response::Response;
use maud::{Markup, html};
use shenguan_app::accounts::{AccountSummary, NewAccount, Role, User, new_password};
use shenguan_app::{AppError, text};
use shenguan_domain::CourtCode;

use super::super::html::encode;
use super::super::table::{Cell, Table};
use super::super::{Asked, Ctx, Here, same_form, signed_in};
use super::admin_only;
use crate::auth::blocking;
use crate::{ApiError, Server};

/// `GET /admin/users`.
pub(crate) async fn users_page(State(server): State<Arc<Server>>, asked: Asked) -> Response {
    signed_in(server, asked, |server, ctx| async move {
        admin_only(&ctx)?;
        let body = list(&server, &ctx, None).await?;
        Ok(ctx.page(ctx.t("用户", "Users"), body))
    })
    .await
}

/// The accounts the administrator manages, the form to add one, and `note` (what was just done).
async fn list(server: &Arc<Server>, ctx: &Ctx, note: Option<Markup>) -> Result<Markup, ApiError> {
    let reading = Arc::clone(server);
    let accounts = blocking(move || reading.with_store(|app, store| app.accounts(store))).await??;
    let managed: Vec<&AccountSummary> = accounts
        .iter()
        .filter(|a| ctx.user.may_manage(&a.user))
        .collect();
    let t = |zh, en| ctx.t(zh, en);
    let mut table = Table::new(
        "",
        t("用户", "Users"),
        [
            t("用户名", "Name"),
            t("角色", "Role"),
            t("法院", "Court"),
            t("部门", "Division"),
            t("工号", "Staff no."),
            t("令牌", "Tokens"),
            t("状态", "State"),
            t("操作", "Actions"),
        ]
        .map(String::from)
        .to_vec(),
    );
    table.counted = ("个账号", "accounts");
    table.page_size = Some(super::super::lists::PAGE_SIZE);
    table.rows = managed.iter().map(|account| row(ctx, account)).collect();
    Ok(html! {
        h1 { (t("用户", "Users")) }
        @if let Some(note) = note { (note) }
        (ctx.table(table))
        h2 { (t("添加账号", "Add an account")) }
        (add_form(ctx))
        p.muted {
            (t(
                "密码由系统随机生成，只显示一次，请当面或经内部渠道交给本人。停用的账号不能登录，其令牌和已登录的会话随即失效；吊销令牌不影响网页登录。",
                "The password is made at random and shown once: hand it to the person directly. A disabled account cannot sign in, and its tokens and open sessions stop at once; revoking tokens leaves web sign-in as it is.",
            ))
        }
    })
}

/// One account's row, with a button per action.
fn row(ctx: &Ctx, account: &AccountSummary) -> Vec<Cell> {
    let user = &account.user;
    let t = |zh, en| ctx.t(zh, en);
    let action = |what: &str| format!("/admin/users/{}/{what}", encode(&user.name));
    let button = |what: &str, label: &str| {
        html! {
            form.inline method="post" action=(action(what)) {
                input type="hidden" name="csrf" value=(ctx.csrf);
                button { (label) }
            }
        }
    };
    let optional = |value: Option<String>| value.map_or_else(Cell::none, Cell::text);
    let disabled = account.disabled_at.is_some();
    vec![
        Cell::text(user.name.clone()),
        Cell::text(t(user.role.label_zh(), user.role.key())),
        Cell::text(user.court.map_or_else(
            || t("全网", "network").to_string(),
            |c| ctx.court(&c.to_string()),
        )),
        optional(user.division.clone()),
        optional(user.staff_id.as_ref().map(ToString::to_string)),
        Cell::count(i64::try_from(account.tokens).unwrap_or(i64::MAX)),
        if disabled {
            Cell::text(t("已停用", "disabled")).class("below")
        } else {
            Cell::text(t("在用", "active"))
        },
        Cell::controls(html! {
            @if user.name != ctx.user.name {
                @if disabled { (button("enable", t("恢复", "Enable"))) }
                @else { (button("disable", t("停用", "Disable"))) }
            }
            @if account.tokens > 0 { " " (button("revoke", t("吊销令牌", "Revoke tokens"))) }
            " " (button("password", t("重置密码", "Reset password")))
        }),
    ]
}

/// The form to add an account: name, role, court, division, staff number.
fn add_form(ctx: &Ctx) -> Markup {
    let t = |zh, en| ctx.t(zh, en);
    let courts: Vec<(String, String)> = ctx
        .courts
        .courts()
        .filter(|c| {
            ctx.user
                .court
                .is_none_or(|own| shenguan_domain::CourtScope::with_lower(own).covers(c.code))
        })
        .map(|c| (c.code.to_string(), ctx.court(&c.code.to_string())))
        .collect();
    html! {
        form method="post" action="/admin/users" {
            input type="hidden" name="csrf" value=(ctx.csrf);
            p {
                label { (t("用户名", "Name")) " " input name="name" required maxlength="64"; }
                " "
                label { (t("角色", "Role")) " "
                    select name="role" {
                        @for role in Role::ALL { option value=(role.key()) { (t(role.label_zh(), role.key())) } }
                    }
                }
                " "
                label { (t("法院", "Court")) " "
                    select name="court" {
                        @if ctx.user.court.is_none() { option value="" { (t("全网", "network")) } }
                        @for (code, label) in &courts { option value=(code) { (label) } }
                    }
                }
            }
            p {
                label { (t("部门（庭长）", "Division (division heads)")) " " input name="division" maxlength="50"; }
                " "
                label { (t("工号（法官）", "Staff no. (judges)")) " " input name="staff" maxlength="32"; }
                " "
                button { (t("添加", "Add")) }
            }
        }
    }
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct AddForm {
    csrf: String,
    name: String,
    role: String,
    #[serde(default)]
    court: String,
    #[serde(default)]
    division: String,
    #[serde(default)]
    staff: String,
}

/// `POST /admin/users`: adds the account with a random password, shown once.
pub(crate) async fn add_user(
    State(server): State<Arc<Server>>,
    asked: Asked,
    Form(form): Form<AddForm>,
) -> Response {
    signed_in(server, asked, |server, mut ctx| async move {
        admin_only(&ctx)?;
        same_form(&ctx, &form.csrf)?;
        let role = Role::parse(&form.role).ok_or_else(|| {
            let given = &form.role;
            ApiError::from(AppError::Invalid(text!(
                "角色“{given}”无法识别",
                "the role “{given}” is unknown"
            )))
        })?;
        let court = Some(form.court.trim())
            .filter(|c| !c.is_empty())
            .map(CourtCode::parse)
            .transpose()
            .map_err(|e| {
                let why = e.text();
                let (zh, en) = (why.zh(), why.en());
                ApiError::from(AppError::Invalid(text!("法院：{zh}", "court: {en}")))
            })?;
        let wanted = User {
            name: form.name.trim().to_string(),
            role,
            court,
            division: None,
            staff_id: None,
        };
        if !ctx.user.may_manage(&wanted) {
            let by = &ctx.user.name;
            return Err(ApiError::forbidden(match court {
                Some(court) => text!(
                    "无权为{court}添加账号",
                    "{by} may not add an account held to {court}"
                ),
                None => text!(
                    "无权添加全网账号",
                    "{by} may not add an account of the whole network"
                ),
            }));
        }
        let password = new_password();
        let by = ctx.user.name.clone();
        let adding = Arc::clone(&server);
        let (name, shown) = (wanted.name.clone(), password.clone());
        let added = blocking(move || {
            adding.with_writer(|app, store| {
                app.add_user_by(
                    store,
                    NewAccount {
                        name: &name,
                        role,
                        court,
                        division: Some(form.division.as_str()),
                        staff_id: Some(form.staff.as_str()),
                        password: &shown,
                    },
                    Some(&by),
                )
            })
        })
        .await??;
        let note = one_time_password(&ctx, &added.name, &password);
        ctx.here = Here::at("/admin/users");
        let body = list(&server, &ctx, Some(note)).await?;
        Ok(ctx.page(ctx.t("用户", "Users"), body))
    })
    .await
}

#[derive(Debug, serde::Deserialize)]
pub(crate) struct ActionForm {
    csrf: String,
}

/// `POST /admin/users/{name}/{disable|enable|revoke|password}`.
pub(crate) async fn user_action(
    State(server): State<Arc<Server>>,
    Path((name, action)): Path<(String, String)>,
    asked: Asked,
    Form(form): Form<ActionForm>,
) -> Response {
    signed_in(server, asked, |server, mut ctx| async move {
        admin_only(&ctx)?;
        same_form(&ctx, &form.csrf)?;
        let reading = Arc::clone(&server);
        let target = name.clone();
        let account = blocking(move || reading.with_store(|app, store| app.accounts(store)))
            .await??
            .into_iter()
            .find(|a| a.user.name == target)
            .filter(|a| ctx.user.may_manage(&a.user))
            .ok_or_else(|| ApiError::not_found(&text!("用户“{name}”", "user “{name}”")))?;
        if account.user.name == ctx.user.name && matches!(action.as_str(), "disable") {
            return Err(ApiError::from(AppError::Invalid(text!(
                "不能停用自己的账号",
                "you cannot disable your own account"
            ))));
        }
        let by = ctx.user.name.clone();
        let changing = Arc::clone(&server);
        let who = account.user.name.clone();
        let done = match action.as_str() {
            "disable" | "enable" | "revoke" | "password" => {
                let action = action.clone();
                blocking(move || {
                    changing.with_writer(|app, store| match action.as_str() {
                        "disable" => app.disable_user(store, &who, Some(&by)).map(|()| None),
                        "enable" => app.enable_user(store, &who, Some(&by)).map(|()| None),
                        "revoke" => app.revoke_tokens(store, &who, Some(&by)).map(|_| None),
                        _ => app.reset_password(store, &who, Some(&by)).map(Some),
                    })
                })
                .await??
            }
            _ => {
                return Err(ApiError::not_found(&text!(
                    "操作“{action}”",
                    "action “{action}”"
                )));
            }
        };
        let t = |zh, en| ctx.t(zh, en);
        let note = match done {
            Some(password) => one_time_password(&ctx, &account.user.name, &password),
            None => html! {
                p.within {
                    (account.user.name) " "
                    (match action.as_str() {
                        "disable" => t("已停用。", "is disabled."),
                        "enable" => t("已恢复。", "is enabled again."),
                        _ => t("的令牌已全部吊销。", "has no tokens any more."),
                    })
                }
            },
        };
        ctx.here = Here::at("/admin/users");
        let body = list(&server, &ctx, Some(note)).await?;
        Ok(ctx.page(ctx.t("用户", "Users"), body))
    })
    .await
}

/// A new password, shown this once.
fn one_time_password(ctx: &Ctx, name: &str, password: &str) -> Markup {
    html! {
        p.within {
            (ctx.t("账号 ", "The password of ")) strong { (name) }
            (ctx.t(" 的密码为 ", " is ")) code.password { (password) }
            (ctx.t("。此密码只显示这一次。", ". It is shown this once."))
        }
    }
}
