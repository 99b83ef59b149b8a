//! `shenguan petitions`: the petition register from the command line — the list an account may
//! see, one petition with its timeline, registering one and taking its handling steps (each for
//! the account named with `--as`, audited under that name), and where the city stands in the
//! province on the high court's notice.

use shenguan_app::{App, AppError, text};
use shenguan_domain::{CourtCode, parse_date};

use crate::output::say;
use crate::store::{Needs, open_existing};

/// 信访 — the petition register (import it with `shenguan import`).
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan petitions list --as 审管办 --overdue
  shenguan petitions register --as 审管办 --channel 来访 --subject 执行 --petitioners 王某
  shenguan petitions step 12 accept --as 审管办 --screening 访
  shenguan petitions show 12 --as 审管办
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

Tab-separated: the petition's number (for `show` and `step`), register number, court, day received, petitioners, cases, subject, level, the step
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
    /// 信访件 — one petition: its record, timeline and who recorded each step.
    #[command(after_help = "示例 Examples:
  shenguan petitions show 12 --as 审管办

The number is the first column of `petitions list`.")]
    Show {
        /// 信访件编号
        id: i64,
        /// 以该账号查看
        #[arg(long = "as", value_name = "NAME")]
        account: String,
    },
    /// 登记信访 — registers a petition for the office (or an administrator) named.
    #[command(after_help = "示例 Examples:
  shenguan petitions register --as 审管办 --channel 来访 --subject 执行 --petitioners 王某
  shenguan petitions register --as 审管办 --channel 上级交办 --referrer 高院 --subject 不服裁判 --level 赴省 --petitioners 王某、李某 --id-numbers 43010219800101109X、 --cases （2025）湘1402民初7号 --received-on 2026-11-20

Names are those of the register's lists (docs/petitions.md). Identity numbers are keyed at once
and never kept; give them as `--id-numbers -` and type them on standard input, so that they stay
out of the shell's history; the register number is given in turn (2026信0001, …) unless --register-no says it.")]
    Register {
        #[arg(long = "as", value_name = "NAME")]
        account: String,
        /// 承办法院代字 (default: the account's court)
        #[arg(long, value_name = "CODE", default_value = "")]
        court: String,
        /// 登记号 (default: the next of the year)
        #[arg(long, value_name = "TEXT", default_value = "")]
        register_no: String,
        /// 登记日期 (default: today)
        #[arg(long, value_name = "DATE")]
        received_on: Option<String>,
        /// 来源: 来信, 来访, 网上信访, 12368热线, 上级交办
        #[arg(long)]
        channel: String,
        /// 交办单位 (for 上级交办)
        #[arg(long, default_value = "")]
        referrer: String,
        /// 事项类别: 不服裁判, 执行, 审判作风, 审理期限, 诉讼服务, 其他
        #[arg(long)]
        subject: String,
        /// 信访层级: 来院 (default), 赴市, 赴省, 赴京, 赴巡回法庭
        #[arg(long, default_value = "")]
        level: String,
        /// 第几巡回法庭 (1–6)
        #[arg(long, default_value = "")]
        circuit: String,
        /// 越级
        #[arg(long)]
        skipped_levels: bool,
        /// 信访人, separated by 、
        #[arg(long)]
        petitioners: String,
        /// 证件号码 in the same order, an empty place for none; `-` reads them from standard
        /// input (a number typed on the command line stays in the shell's history)
        #[arg(long, value_name = "NUMBERS|-", default_value = "")]
        id_numbers: String,
        /// 人数 (default: as many as named)
        #[arg(long, default_value = "")]
        head_count: String,
        /// 涉及案号, separated by 、
        #[arg(long, default_value = "")]
        cases: String,
        /// 承办部门
        #[arg(long, default_value = "")]
        division: String,
        /// 承办人
        #[arg(long, default_value = "")]
        handler: String,
    },
    /// 信访办理 — takes a handling step on a petition.
    #[command(after_help = "示例 Examples:
  shenguan petitions step 12 accept --as 审管办 --screening 访 --on 2026-11-23
  shenguan petitions step 12 accept --as 审管办 --screening 诉 --route 申请再审
  shenguan petitions step 12 route --as 审管办 --routed-case （2026）湘14民申3号
  shenguan petitions step 12 reply --as 审管办 --outcome 解释 --satisfaction 基本满意
  shenguan petitions step 12 end --as 审管办 --by 湖南省高级人民法院

Steps: accept, route, extend, reply, rate, ask_review, answer_review, ask_recheck, answer_recheck,
resolve, end, stop — each only where the petition stands; --on is the day (default today).")]
    Step {
        /// 信访件编号
        id: i64,
        /// The step
        step: String,
        #[arg(long = "as", value_name = "NAME")]
        account: String,
        /// 日期 (default: today)
        #[arg(long, value_name = "DATE", default_value = "")]
        on: String,
        /// 诉 or 访 (accept)
        #[arg(long, default_value = "")]
        screening: String,
        /// 导入程序 (accept, for 诉)
        #[arg(long, default_value = "")]
        route: String,
        /// 导入后案号 (accept, route)
        #[arg(long, value_name = "CASE", default_value = "")]
        routed_case: String,
        /// 不能导入的理由 (accept, route)
        #[arg(long = "reason", value_name = "TEXT", default_value = "")]
        not_routed_reason: String,
        /// 办理结果 (reply)
        #[arg(long, default_value = "")]
        outcome: String,
        /// 满意度 (reply, rate)
        #[arg(long, default_value = "")]
        satisfaction: String,
        /// 化解方式 (resolve)
        #[arg(long, default_value = "")]
        how: String,
        /// 批准机关 (end)
        #[arg(long, value_name = "BODY", default_value = "")]
        by: String,
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

/// The account in use named `name` (the review commands name theirs the same way).
pub(crate) fn account(
    app: &App,
    store: &mut shenguan_app::Store,
    name: &str,
) -> Result<shenguan_app::accounts::User, AppError> {
    let name = name.trim();
    app.active_user(store, name)?.ok_or_else(|| {
        AppError::NotFound(text!(
            "没有在用的账号“{name}”",
            "there is no account in use named “{name}”"
        ))
    })
}

/// A petition as `show` and `step` print it: the record, then the timeline with who recorded
/// each step here.
fn print_file(file: &shenguan_app::petitions::PetitionFile) {
    let listed = &file.listed;
    let p = &listed.petition;
    let names: Vec<String> = p
        .petitioners
        .iter()
        .map(|x| match &x.masked {
            Some(masked) => format!("{}（{masked}）", x.name),
            None => x.name.clone(),
        })
        .collect();
    let cases: Vec<String> = p.cases.iter().map(ToString::to_string).collect();
    println!(
        "#{} {} {} {}",
        listed.id, p.court, p.register_no, p.received_on
    );
    println!(
        "{} · {} · {} · {}",
        p.channel.label_zh(),
        p.subject.label_zh(),
        p.level.label_zh(),
        names.join("、")
    );
    if !cases.is_empty() {
        println!("{}", cases.join("、"));
    }
    if let Some(due) = listed.due {
        let tier = listed
            .tier
            .map(|t| format!("（{}）", t.label_zh()))
            .unwrap_or_default();
        println!("待办：{} {}{tier}", due.awaited.label_zh(), due.on);
    }
    for moment in p.timeline() {
        let key = moment
            .step
            .map_or("register", shenguan_domain::petition::steps::StepKind::key);
        let what = moment
            .step
            .map_or_else(|| "登记".to_string(), |k| k.label().zh().to_string());
        let by = file
            .log
            .iter()
            .find(|s| s.step == key)
            .map(|s| format!("\t{} {}", s.by_user, s.at))
            .unwrap_or_default();
        println!("{}\t{what}{by}", moment.on);
    }
    for s in &file.log {
        if matches!(s.step.as_str(), "route" | "extend" | "rate") {
            println!("\t{}：{}\t{} {}", s.step, s.note, s.by_user, s.at);
        }
    }
    if !file.steps.is_empty() {
        let open: Vec<&str> = file.steps.iter().map(|k| k.key()).collect();
        println!("可办理 steps: {}", open.join(" "));
    }
}

pub fn run(app: &App, db: Option<&str>, args: Args) -> Result<(), AppError> {
    let mut store = open_existing(app, db, Needs::Cases)?;
    match args.action {
        Action::Show { id, account: name } => {
            let user = account(app, &mut store, &name)?;
            print_file(&app.petition_file(&mut store, &user, id)?);
            Ok(())
        }
        Action::Register {
            account: name,
            court,
            register_no,
            received_on,
            channel,
            referrer,
            subject,
            level,
            circuit,
            skipped_levels,
            petitioners,
            id_numbers,
            head_count,
            cases,
            division,
            handler,
        } => {
            let user = account(app, &mut store, &name)?;
            let id_numbers = if id_numbers.trim() == "-" {
                let mut line = String::new();
                std::io::stdin().read_line(&mut line).map_err(|e| {
                    let why = e.to_string();
                    AppError::Invalid(text!(
                        "无法从标准输入读取证件号码：{why}",
                        "the identity numbers could not be read from standard input: {why}"
                    ))
                })?;
                line.trim().to_string()
            } else {
                id_numbers
            };
            let received_on = received_on
                .map(|d| {
                    parse_date(&d).map_err(|e| AppError::invalid_for("--received-on", &e.text()))
                })
                .transpose()?;
            let new = shenguan_app::petitions::NewPetition {
                court,
                register_no,
                received_on,
                channel,
                referrer,
                subject,
                level,
                circuit,
                skipped_levels,
                petitioners,
                id_numbers,
                head_count,
                cases,
                division,
                handler,
            };
            let id = app.register_petition(&mut store, &user, &new)?;
            print_file(&app.petition_file(&mut store, &user, id)?);
            Ok(())
        }
        Action::Step {
            id,
            step,
            account: name,
            on,
            screening,
            route,
            routed_case,
            not_routed_reason,
            outcome,
            satisfaction,
            how,
            by,
        } => {
            let user = account(app, &mut store, &name)?;
            let field = |key: &str| {
                match key {
                    "on" => &on,
                    "screening" => &screening,
                    "route" => &route,
                    "routed_case" => &routed_case,
                    "not_routed_reason" => &not_routed_reason,
                    "outcome" => &outcome,
                    "satisfaction" => &satisfaction,
                    "how" => &how,
                    "by" => &by,
                    _ => return String::new(),
                }
                .clone()
            };
            print_file(&app.petition_step_named(&mut store, &user, id, &step, &field)?);
            Ok(())
        }
        Action::List {
            account: name,
            from,
            to,
            overdue,
        } => {
            let user = account(app, &mut store, &name)?;
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
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    listed.id,
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
                let (count, rank, diff) = (place.count, place.rank, i64::from(place.count) - *own);
                let (what_zh, what_en) = (reached.label_zh(), reached.label_en());
                let (leave_zh, leave_en) = (leave.zh(), leave.en());
                println!(
                    "{}",
                    say(&text!(
                        "{what_zh}：通报{count}件，居全省第{rank}{tied}，{leave_zh}；本市登记{own}件（通报多{diff}件）",
                        "{what_en}: {count} in the notice, place {rank}{tied_en}, {leave_en}; {own} in the city's register (the notice has {diff} more)"
                    ))
                );
            }
            Ok(())
        }
    }
}
