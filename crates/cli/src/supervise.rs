//! `shenguan supervise`: 督办 from the command line, beside the pages and the API — put cases
//! under supervision, list the items, show one with its history, reply, close, return, escalate.
//! The command acts for the account named with `--as`, held to that account's scope and audited
//! under its name (whoever may run commands against the store may act for any account, as they
//! may read the store itself).

use chrono::NaiveDate;
use shenguan_app::accounts::User;
use shenguan_app::duban::{ItemFilter, OpenRequest, Reason, State, SupervisedCase};
use shenguan_app::{App, AppError, Store, text};
use shenguan_domain::parse_date;

use crate::output::{say, with_next_step};
use crate::store::{Needs, open_existing};

/// 督办 — put cases under supervision and take them through reply, close, return, escalate.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan supervise add --as 审管办 --reason over_time_limit --instructions '请说明超审限原因' '（2026）湘1402民初100号'
  shenguan supervise list --as 审管办 --overdue
  shenguan supervise show 12 --as 王伟
  shenguan supervise reply 12 --as 王伟 --text '已排期12月10日开庭'
  shenguan supervise close 12 --as 审管办
  shenguan supervise return 12 --as 审管办 --text '请写明开庭日期' --due 2026-12-10
  shenguan supervise escalate 12 --as 审管办 --due 2026-12-15

Reasons: time_limit_near 审限临近, over_time_limit 超审限, long_pending 长期未结, passive_enforcement
执行消极, termination_non_compliant 终本不合规, money_not_paid_out 执行款未发放, petition 信访, review
评查, other 其他. A reply is due five working days on unless --due says otherwise; a late one can be
escalated 庭长 → 分管院领导 → 院长 (see docs/supervision.md).")]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// 督办 — put cases under supervision (all or none).
    #[command(after_help = "示例 Examples:
  shenguan supervise add --as 审管办 --reason over_time_limit --instructions '请说明原因' '（2026）湘1402民初100号' '（2026）湘1402民初101号'
  shenguan supervise add --as 审管办 --reason long_pending --instructions '请说明原因' --answerer 李庭长 --due 2026-12-10 '（2023）湘1402民初9号'")]
    Add {
        #[command(flatten)]
        who: Who,
        /// 督办事由 (a key or its Chinese name, e.g. over_time_limit or 超审限)
        #[arg(long)]
        reason: String,
        /// 督办意见 — what is to be done.
        #[arg(long)]
        instructions: String,
        /// 答复人 — the account that answers (default: the handling judge's).
        #[arg(long, value_name = "NAME")]
        answerer: Option<String>,
        /// 答复期限 (default: five working days on).
        #[arg(long, value_name = "DATE")]
        due: Option<String>,
        /// 案号 — one or more.
        #[arg(required = true, value_name = "CASE")]
        cases: Vec<String>,
    },
    /// 督办列表 — the items the account may see, newest first, one a line.
    #[command(after_help = "示例 Examples:
  shenguan supervise list --as 审管办
  shenguan supervise list --as 王伟 --mine
  shenguan supervise list --as 审管办 --state replied
  shenguan supervise list --as 审管办 --overdue

Tab-separated: number, case, court, reason, answerer, reply date, state (逾期 when late), level.")]
    List {
        #[command(flatten)]
        who: Who,
        /// awaiting_reply | returned | escalated | replied | closed (or 待答复 …)
        #[arg(long)]
        state: Option<String>,
        /// 督办事由
        #[arg(long)]
        reason: Option<String>,
        /// Only items whose reply is late today.
        #[arg(long)]
        overdue: bool,
        /// Only items the account must answer.
        #[arg(long)]
        mine: bool,
    },
    /// 查看 — one item with its history.
    #[command(after_help = "示例 Examples:
  shenguan supervise show 12 --as 审管办")]
    Show {
        id: i64,
        #[command(flatten)]
        who: Who,
    },
    /// 答复 — the reply of the account named to answer.
    #[command(after_help = "示例 Examples:
  shenguan supervise reply 12 --as 王伟 --text '已排期12月10日开庭'")]
    Reply {
        id: i64,
        #[command(flatten)]
        who: Who,
        /// 答复内容
        #[arg(long)]
        text: String,
    },
    /// 办结 — accept the reply and close the item.
    #[command(after_help = "示例 Examples:
  shenguan supervise close 12 --as 审管办 --text 同意")]
    Close {
        id: i64,
        #[command(flatten)]
        who: Who,
        /// 意见 (optional)
        #[arg(long, default_value = "")]
        text: String,
    },
    /// 退回 — the reply is not accepted; a new one is due by --due.
    #[command(
        name = "return",
        after_help = "示例 Examples:
  shenguan supervise return 12 --as 审管办 --text '请写明开庭日期' --due 2026-12-10"
    )]
    Return {
        id: i64,
        #[command(flatten)]
        who: Who,
        /// 退回理由
        #[arg(long)]
        text: String,
        /// 新的答复期限
        #[arg(long, value_name = "DATE")]
        due: String,
    },
    /// 升级 — a late reply raised to the next level, with a new date.
    #[command(after_help = "示例 Examples:
  shenguan supervise escalate 12 --as 审管办 --due 2026-12-15")]
    Escalate {
        id: i64,
        #[command(flatten)]
        who: Who,
        /// 新的答复期限
        #[arg(long, value_name = "DATE")]
        due: String,
    },
}

/// The account the command acts for.
#[derive(Debug, clap::Args)]
struct Who {
    /// 以该账号办理 — the account the command acts for (its scope, its name in the audit log).
    #[arg(long = "as", value_name = "NAME")]
    account: String,
}

pub fn run(app: &App, db: Option<&str>, args: Args) -> Result<(), AppError> {
    let mut store = open_existing(app, db, Needs::Accounts)?;
    act(app, &mut store, args.action)
}

fn act(app: &App, store: &mut Store, action: Action) -> Result<(), AppError> {
    match action {
        Action::Add {
            who,
            reason,
            instructions,
            answerer,
            due,
            cases,
        } => {
            let by = account(app, store, &who)?;
            let reason = Reason::parse(&reason).ok_or_else(|| unknown("--reason", &reason))?;
            let ids = app.open_supervision(
                store,
                &by,
                &OpenRequest {
                    cases: &cases,
                    reason,
                    instructions: &instructions,
                    answerer: answerer.as_deref(),
                    due_on: day("--due", due.as_deref())?,
                },
            )?;
            for (id, case) in ids.iter().zip(&cases) {
                println!("{id}\t{}", case.trim());
            }
            let count = ids.len();
            eprintln!(
                "{}",
                say(&text!(
                    "已督办{count}件案件",
                    "{count} cases put under supervision"
                ))
            );
        }
        Action::List {
            who,
            state,
            reason,
            overdue,
            mine,
        } => {
            let by = account(app, store, &who)?;
            let filter = ItemFilter {
                court: None,
                state: state
                    .as_deref()
                    .map(|s| State::parse(s).ok_or_else(|| unknown("--state", s)))
                    .transpose()?,
                reason: reason
                    .as_deref()
                    .map(|r| Reason::parse(r).ok_or_else(|| unknown("--reason", r)))
                    .transpose()?,
                overdue,
                mine,
                case_no: None,
            };
            for case in app.supervised_cases(store, &by, &filter)? {
                println!("{}", line(app, &case));
            }
        }
        Action::Show { id, who } => {
            let by = account(app, store, &who)?;
            let (case, history) = app.supervised_case(store, &by, id)?;
            println!("{}", line(app, &case));
            println!("{}", case.item.instructions);
            for step in history {
                let due = step.due_on.map(|d| d.to_string()).unwrap_or_default();
                println!(
                    "{}\t{}\t{}\t{}\t{due}",
                    step.at, step.by, step.step, step.note
                );
            }
        }
        Action::Reply { id, who, text } => step(app, store, &who, id, "reply", &text, None)?,
        Action::Close { id, who, text } => step(app, store, &who, id, "close", &text, None)?,
        Action::Return { id, who, text, due } => {
            let due = day("--due", Some(&due))?;
            step(app, store, &who, id, "return", &text, due)?;
        }
        Action::Escalate { id, who, due } => {
            let due = day("--due", Some(&due))?;
            step(app, store, &who, id, "escalate", "", due)?;
        }
    }
    Ok(())
}

fn step(
    app: &App,
    store: &mut Store,
    who: &Who,
    id: i64,
    name: &str,
    text: &str,
    due_on: Option<NaiveDate>,
) -> Result<(), AppError> {
    let by = account(app, store, who)?;
    let done = app.supervision_step_named(store, &by, id, name, text, due_on)?;
    println!("{}", line(app, &done));
    Ok(())
}

/// One item, tab-separated: number, case, court, reason, answerer, reply date, state, level.
fn line(app: &App, case: &SupervisedCase) -> String {
    let item = &case.item;
    let state = item.state.label();
    let late = if case.overdue { "（逾期）" } else { "" };
    let chain = app.supervision_chain();
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{}{late}\t{}",
        case.id,
        item.case_no,
        case.court,
        item.reason.key(),
        item.answerer,
        item.due_on,
        state.zh(),
        chain.level(item.level).label.zh()
    )
}

/// The account `who` names, in use.
fn account(app: &App, store: &mut Store, who: &Who) -> Result<User, AppError> {
    let name = who.account.trim();
    app.active_user(store, name)?.ok_or_else(|| {
        AppError::NotFound(with_next_step(
            &text!(
                "没有在用的账号“{name}”",
                "there is no account in use named “{name}”"
            ),
            &text!(
                "用 shenguan user list 查看账号",
                "see the accounts with shenguan user list"
            ),
        ))
    })
}

fn day(flag: &str, value: Option<&str>) -> Result<Option<NaiveDate>, AppError> {
    value
        .map(|v| parse_date(v).map_err(|e| AppError::invalid_for(flag, &e.text())))
        .transpose()
}

fn unknown(flag: &str, value: &str) -> AppError {
    AppError::Invalid(text!(
        "{flag} “{value}” 无法识别，见 shenguan supervise --help",
        "{flag} “{value}” is not known: see shenguan supervise --help"
    ))
}
