//! `shenguan petitions`: the petition register from the command line — for now, where the city
//! stands in the province on the high court's notice.

use shenguan_app::{App, AppError, text};
use shenguan_domain::{CourtCode, parse_date};

use crate::output::say;
use crate::store::{Needs, open_existing};

/// 信访 — the petition register (import it with `shenguan import`).
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan petitions list --as 审管办 --overdue
  shenguan petitions ranking --court 湘14
  shenguan import 信访登记.xlsx                # the register, one row per petition
  shenguan import 省法院信访通报.xlsx          # the high court's notice: each city's counts

See docs/petitions.md for the register's columns and the readings.")]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// 信访列表 — the petitions the account may see, with the step each waits for.
    #[command(after_help = "示例 Examples:
  shenguan petitions list --as 审管办
  shenguan petitions list --as 审管办 --overdue
  shenguan petitions list --as 王伟 --from 2026-01-01 --to 2026-06-30

Tab-separated: register number, court, day received, petitioners, cases, subject, level, the step
awaited and its day (逾期 when late, 剩余3日内 / 剩余7日内 when close), 重复 for a repeat.")]
    List {
        /// 以该账号查看 — the account whose scope the list is held to.
        #[arg(long = "as", value_name = "NAME")]
        account: String,
        /// 登记日期起
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// 登记日期止
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        /// Only petitions whose step is late today.
        #[arg(long)]
        overdue: bool,
    },
    /// 全省排名 — the city's place on the high court's notice, and its own register's count.
    #[command(after_help = "示例 Examples:
  shenguan petitions ranking --court 湘14
  shenguan petitions ranking --court 湘14 --from 2026-01-01 --to 2026-06-30 --goal 10

Cities with the same count share a place and the next place counts them all (15, 12, 12, 9 → 1st,
2nd, 2nd, 4th). To leave the first N places at least N other cities must have more petitions.")]
    Ranking {
        /// 本市中级人民法院代字 — the row of the notice that is the city's.
        #[arg(long, value_name = "CODE")]
        court: String,
        /// 通报期间起 (default: the latest notice).
        #[arg(long, value_name = "DATE", requires = "to")]
        from: Option<String>,
        /// 通报期间止.
        #[arg(long, value_name = "DATE", requires = "from")]
        to: Option<String>,
        /// 目标：退出前N名 — the first places to leave (default 10).
        #[arg(long, default_value_t = 10)]
        goal: usize,
    },
}

pub fn run(app: &App, db: Option<&str>, args: Args) -> Result<(), AppError> {
    let mut store = open_existing(app, db, Needs::Cases)?;
    match args.action {
        Action::List {
            account,
            from,
            to,
            overdue,
        } => {
            let name = account.trim();
            let user = app.active_user(&mut store, name)?.ok_or_else(|| {
                AppError::NotFound(text!(
                    "没有在用的账号“{name}”",
                    "there is no account in use named “{name}”"
                ))
            })?;
            let day = |flag: &str, value: Option<String>| {
                value
                    .map(|v| parse_date(&v).map_err(|e| AppError::invalid_for(flag, &e.text())))
                    .transpose()
            };
            let filter = shenguan_app::petitions::PetitionFilter {
                from: day("--from", from)?,
                to: day("--to", to)?,
                overdue,
            };
            for listed in app.petitions(&mut store, &user, &filter)? {
                let p = &listed.petition;
                let names: Vec<&str> = p.petitioners.iter().map(|x| x.name.as_str()).collect();
                let cases: Vec<String> = p.cases.iter().map(ToString::to_string).collect();
                let waits = match (listed.due, listed.tier) {
                    (Some(due), tier) => format!(
                        "{} {}{}",
                        due.awaited.label_zh(),
                        due.on,
                        tier.map(|t| format!("（{}）", t.label_zh()))
                            .unwrap_or_default()
                    ),
                    (None, _) => String::new(),
                };
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    p.register_no,
                    p.court,
                    p.received_on,
                    names.join("、"),
                    cases.join("、"),
                    p.subject.label_zh(),
                    p.level.label_zh(),
                    waits,
                    if listed.repeat { "重复" } else { "" }
                );
            }
            Ok(())
        }
        Action::Ranking {
            court,
            from,
            to,
            goal,
        } => {
            let court = CourtCode::parse(&court).map_err(|e| AppError::Invalid(e.text()))?;
            let date = |text: &str| {
                parse_date(text).map_err(|_| {
                    AppError::Invalid(text!("“{text}”不是日期", "“{text}” is not a date"))
                })
            };
            let period = match (from, to) {
                (Some(from), Some(to)) => Some((date(&from)?, date(&to)?)),
                _ => None,
            };
            if !(1..=100).contains(&goal) {
                return Err(AppError::Invalid(text!(
                    "--goal 须为1至100",
                    "--goal must be 1 to 100"
                )));
            }
            let standing = app.petition_standing(&mut store, court, period, goal)?;
            let notice = &standing.notice;
            let region = &notice.rows[standing.row].region;
            println!(
                "{}",
                say(&text!(
                    "省法院信访通报 {} 至 {}，共{}个地区；本市：{}",
                    "High court notice {} to {}, {} regions; the city: {}",
                    notice.from,
                    notice.to,
                    notice.rows.len(),
                    region
                ))
            );
            for (reached, place, own) in &standing.places {
                let tied = if place.shared_by > 1 {
                    "（并列）"
                } else {
                    ""
                };
                let tied_en = if place.shared_by > 1 { " (shared)" } else { "" };
                let leave = match place.to_leave {
                    Some(0) => text!("已在前{goal}名之外", "out of the first {goal} already"),
                    Some(n) => text!(
                        "退出前{goal}名还需减少{n}件",
                        "{n} fewer to leave the first {goal}"
                    ),
                    None => text!(
                        "其他地区不足以退出前{goal}名",
                        "too few other regions have any to leave the first {goal}"
                    ),
                };
                let (count, rank, diff) = (place.count, place.rank, *own - i64::from(place.count));
                let (what_zh, what_en) = (reached.label_zh(), reached.label_en());
                let (leave_zh, leave_en) = (leave.zh(), leave.en());
                println!(
                    "{}",
                    say(&text!(
                        "{what_zh}：通报{count}件，居全省第{rank}{tied}，{leave_zh}；本市登记{own}件（相差{diff}）",
                        "{what_en}: {count} in the notice, place {rank}{tied_en}, {leave_en}; {own} in the city's register (difference {diff})"
                    ))
                );
            }
            Ok(())
        }
    }
}
