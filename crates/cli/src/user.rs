//! `shenguan user`: accounts (add, list) and API tokens. The password is read from standard input
//! when it is not a terminal (scripts), else asked for without echo.

use std::io::{BufRead, IsTerminal};

use shenguan_app::accounts::{NewAccount, Role};
use shenguan_app::{App, AppError, Store, text};
use shenguan_domain::CourtCode;

use crate::output::{self, say, with_next_step};
use crate::store::{Needs, open_existing};

/// 账号与令牌 — accounts and API tokens.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan user add 张主任 --role office --court 湘14            # asks for the password
  printf 'a long password\\n' | shenguan user add 王伟 --role judge --court 湘1402
  printf 'a long password\\n' | shenguan user add 吴刚 --role judge --court 湘1402 --staff 1402017
  shenguan user add 李庭长 --role division --court 湘1402 --division 民事审判第一庭
  shenguan user token 张主任                                     # prints a new bearer token
  shenguan user token 张主任 --days 30                           # … that works for 30 days
  shenguan user revoke 张主任                                    # ends every token of the account
  shenguan user disable 王伟                                     # no sign-in, tokens or sessions
  shenguan user enable 王伟
  shenguan user list

Roles: admin 系统管理员, leader 院领导, office 审管办, division 庭长, judge 法官. Without --court a
user sees the whole network; with it, that court and the courts below it; a division head their
division; a judge their own cases — found by the staff number (--staff, or their name when only one
person of the court has it on the staff list).")]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// 添加或更新账号 — add an account (or replace its role, scope and password).
    #[command(after_help = "示例 Examples:
  shenguan user add 张主任 --role office --court 湘14            # asks for the password
  printf '%s\\n' 'a long password' | shenguan user add 吴刚 --role judge --court 湘1402 --staff 1402017
  shenguan user add 李庭长 --role division --court 湘1402 --division 民事审判第一庭

The password is read from standard input when it is not a terminal (one line), else asked for
without echo. Adding a name that exists replaces its role, scope and password.")]
    Add {
        name: String,
        /// admin | leader | office | division | judge (or 系统管理员, 院领导, 审管办, 庭长, 法官)
        #[arg(long)]
        role: String,
        /// 法院代字 — the court the user belongs to.
        #[arg(long, value_name = "CODE")]
        court: Option<String>,
        /// 部门 — for a division head.
        #[arg(long, value_name = "NAME")]
        division: Option<String>,
        /// 工号 — a judge's staff number (needed when the court has two people of the name).
        #[arg(long, value_name = "ID")]
        staff: Option<String>,
    },
    /// 生成 API 令牌 — print a new bearer token for the user (shown once).
    #[command(after_help = "示例 Examples:
  shenguan user token 张主任                 # works for accounts.token_days (90) days
  shenguan user token 张主任 --days 30

Use it as `Authorization: Bearer <token>`; it is printed once and kept only as its SHA-256.")]
    Token {
        name: String,
        /// 有效天数 — days the token works (default: the configuration's accounts.token_days, 90).
        #[arg(long, value_name = "N")]
        days: Option<u32>,
    },
    /// 吊销令牌 — revoke every API token of the user.
    #[command(after_help = "示例 Examples:
  shenguan user revoke 张主任                # a token was lost or shared; then: shenguan user token 张主任")]
    Revoke { name: String },
    /// 停用账号 — the user can no longer sign in; their sessions and tokens stop at once.
    #[command(after_help = "示例 Examples:
  shenguan user disable 王伟                 # on leaving the court; shenguan user enable 王伟 undoes it")]
    Disable { name: String },
    /// 恢复账号 — put a disabled account back in use.
    #[command(after_help = "示例 Examples:
  shenguan user enable 王伟")]
    Enable { name: String },
    /// 账号列表 — list the accounts (name, role, court, division, staff number, tokens, state).
    #[command(after_help = "示例 Examples:
  shenguan user list
  shenguan user list | grep 湘1402

One account a line, tab-separated: name, role, court (全网 for the whole network), division,
staff number, tokens, 在用 active or 停用 disabled.")]
    List,
}

pub fn run(app: &App, db: Option<&str>, args: Args) -> Result<(), AppError> {
    // Adding the first account makes the store; every other action needs one with accounts.
    let store = &mut match args.action {
        Action::Add { .. } => app.open_store(db)?,
        _ => open_existing(app, db, Needs::Accounts)?,
    };
    act(app, store, args.action).map_err(|error| match error {
        AppError::NotFound(message) => AppError::NotFound(with_next_step(
            &message,
            &text!(
                "用 shenguan user list 查看账号，用 shenguan user add 姓名 --role 角色 添加",
                "see the accounts with shenguan user list, add one with shenguan user add NAME --role ROLE"
            ),
        )),
        other => other,
    })
}

fn act(app: &App, store: &mut Store, action: Action) -> Result<(), AppError> {
    match action {
        Action::Add {
            name,
            role,
            court,
            division,
            staff,
        } => {
            let role = Role::parse(&role).ok_or_else(|| {
                AppError::Invalid(text!(
                    "--role “{role}” 须为 admin、leader、office、division 或 judge",
                    "--role “{role}” must be admin, leader, office, division or judge"
                ))
            })?;
            let court = court
                .as_deref()
                .map(|c| {
                    CourtCode::parse(c).map_err(|e| {
                        let why = e.text();
                        let (zh, en) = (why.zh(), why.en());
                        AppError::Invalid(text!("--court: {zh}", "--court: {en}"))
                    })
                })
                .transpose()?;
            let password = password()?;
            let user = app.add_user(
                store,
                NewAccount {
                    name: &name,
                    role,
                    court,
                    division: division.as_deref(),
                    staff_id: staff.as_deref(),
                    password: &password,
                },
            )?;
            let (name, zh, en) = (&user.name, user.role.label_zh(), user.role.key());
            println!(
                "{}",
                say(&text!(
                    "账号已保存：{name}（{zh}）",
                    "account saved: {name} ({en})"
                ))
            );
        }
        Action::Token { name, days } => {
            let token = match days {
                Some(days) => app.new_token_for_days(store, &name, days)?,
                None => app.new_token(store, &name)?,
            };
            println!("{token}");
        }
        Action::Revoke { name } => {
            let revoked = app.revoke_tokens(store, &name, None)?;
            println!(
                "{}",
                say(&text!(
                    "已吊销{name}的{revoked}个令牌",
                    "{revoked} tokens of {name} revoked"
                ))
            );
        }
        Action::Disable { name } => {
            app.disable_user(store, &name, None)?;
            println!(
                "{}",
                say(&text!("已停用账号{name}", "the account {name} is disabled"))
            );
        }
        Action::Enable { name } => {
            app.enable_user(store, &name, None)?;
            println!(
                "{}",
                say(&text!(
                    "已恢复账号{name}",
                    "the account {name} is enabled again"
                ))
            );
        }
        Action::List => {
            for account in app.accounts(store)? {
                let user = &account.user;
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    user.name,
                    user.role.key(),
                    user.court.map_or_else(|| "全网".into(), |c| c.to_string()),
                    user.division.as_deref().unwrap_or_default(),
                    user.staff_id
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                    account.tokens,
                    if account.disabled_at.is_some() {
                        "停用 disabled"
                    } else {
                        "在用 active"
                    }
                );
            }
        }
    }
    Ok(())
}

/// The password: the first line of standard input, or asked for on the terminal without echo.
fn password() -> Result<String, AppError> {
    let io = |e: std::io::Error| AppError::io("stdin", e);
    if std::io::stdin().is_terminal() {
        rpassword::prompt_password(output::lang().pick("密码：", "password: ")).map_err(io)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map_err(io)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}
