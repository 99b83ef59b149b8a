//! `shenguan user`: accounts (add, list) and API tokens. The password is read from standard input
//! when it is not a terminal (scripts), else asked for without echo.

use std::io::{BufRead, IsTerminal};

use shenguan_app::accounts::{NewAccount, Role};
use shenguan_app::{App, AppError};
use shenguan_domain::CourtCode;

/// 账号与令牌 — accounts and API tokens.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan user add 张主任 --role office --court 湘14            # asks for the password
  printf 'a long password\\n' | shenguan user add 王伟 --role judge --court 湘1402
  printf 'a long password\\n' | shenguan user add 吴刚 --role judge --court 湘1402 --staff 1402017
  shenguan user add 李庭长 --role division --court 湘1402 --division 民事审判第一庭
  shenguan user token 张主任                                     # prints a new bearer token
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
    Token { name: String },
    /// 账号列表 — list the accounts.
    List,
}

pub fn run(app: &App, db: Option<&str>, args: Args) -> Result<(), AppError> {
    let mut store = app.open_store(db)?;
    match args.action {
        Action::Add {
            name,
            role,
            court,
            division,
            staff,
        } => {
            let role = Role::parse(&role).ok_or_else(|| {
                AppError::Invalid(format!(
                    "--role “{role}” 须为 admin、leader、office、division 或 judge; unknown role"
                ))
            })?;
            let court = court
                .as_deref()
                .map(|c| {
                    CourtCode::parse(c).map_err(|e| AppError::Invalid(format!("--court: {e}")))
                })
                .transpose()?;
            let password = password()?;
            let user = app.add_user(
                &mut store,
                NewAccount {
                    name: &name,
                    role,
                    court,
                    division: division.as_deref(),
                    staff_id: staff.as_deref(),
                    password: &password,
                },
            )?;
            println!(
                "账号已保存：{}（{}）; account saved: {} ({})",
                user.name,
                user.role.label_zh(),
                user.name,
                user.role.key()
            );
        }
        Action::Token { name } => println!("{}", app.new_token(&mut store, &name)?),
        Action::List => {
            for user in store
                .users()
                .map_err(|e| AppError::Invalid(e.to_string()))?
            {
                println!(
                    "{}\t{}\t{}\t{}\t{}",
                    user.name,
                    user.role,
                    user.court_code.unwrap_or_else(|| "全网".into()),
                    user.division.unwrap_or_default(),
                    user.staff_id.unwrap_or_default()
                );
            }
        }
    }
    Ok(())
}

/// The password: the first line of standard input, or asked for on the terminal without echo.
fn password() -> Result<String, AppError> {
    let io = |e: std::io::Error| AppError::Io {
        path: "stdin".into(),
        message: e.to_string(),
    };
    if std::io::stdin().is_terminal() {
        rpassword::prompt_password("密码 password: ").map_err(io)
    } else {
        let mut line = String::new();
        std::io::stdin().lock().read_line(&mut line).map_err(io)?;
        Ok(line.trim_end_matches(['\r', '\n']).to_string())
    }
}
