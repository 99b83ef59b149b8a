//! `shenguan service`: 送达 from the command line — a task opened on a case, an attempt recorded
//! on it (an announcement's excluded period and the deadline before and after shown), a waiting
//! attempt settled, tasks handed to service staff, a party's address confirmation, the queue and
//! a case's service history — each for the account named with `--as` (or `--user`), held to what
//! that account may see and audited under its name. The court's records and a post office's
//! delivery results come in through `shenguan import`.

use chrono::NaiveDate;
use serde_json::{Value, json};
use shenguan_app::service::{
    CaseService, Failure, Method, NewAttempt, NewConfirmation, NewTask, Outcome, Proof, QueueQuery,
    RecipientKind, ServiceTask,
};
use shenguan_app::{App, AppError, text};
use shenguan_domain::service::consent::{ConsentScope, Validity};
use shenguan_domain::{UnknownName, parse_date};

use crate::output::{self, say};
use crate::petitions::account;
use crate::store::{Needs, open_existing};

/// 送达 — service of process: tasks, attempts, address confirmations, the queue.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan service task --as 王伟 --case （2026）湘1402民初1号 --document 传票 --recipient 张三 --address 株洲市某路1号
  shenguan service attempt 12 --as 王伟 --method 邮寄送达 --on 2026-03-03 --outcome 送达中 --tracking-no 1190012345678
  shenguan service queue --as 审管办 --overdue
  shenguan service case （2026）湘1402民初1号 --as 王伟
  shenguan import 送达记录.xlsx 送达地址确认书.csv     # the court's records, after the cases
  shenguan import 邮寄结果.xlsx                        # a post office's delivery results

Names are those of the domain's lists, their English keys and common other names. Methods:
直接送达, 留置送达, 电子送达, 邮寄送达, 委托送达, 转交送达, 公告送达. Results: 已送达, 未送达,
送达中. Reasons: 拒收, 查无此人, 地址不详, 无人签收, 迁移新址不明, 退回, 未接收, 其他. See
docs/service.md for the rules and the import files' columns.")]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// 新建送达任务 — a document to serve on one recipient of a case.
    #[command(after_help = "示例 Examples:
  shenguan service task --as 王伟 --case （2026）湘1402民初1号 --document 传票 --recipient 张三
  shenguan service task --user 王伟 --case （2026）湘1402民初1号 --document 民事判决书 --recipient 李四 --kind 诉讼代理人 --id-number - --on 2026-03-02
  shenguan service task --as 王伟 --case （2026）湘1402民初1号 --document 应诉通知书 --recipient \"Smith Ltd\" --foreign

Prints the task's number (for attempt, settle and assign). An identity number is keyed at once and
never kept; give it as `--id-number -` and type it on standard input, out of the shell's history.")]
    Task {
        #[arg(long = "as", visible_alias = "user", value_name = "NAME")]
        account: String,
        /// 案号
        #[arg(long = "case", value_name = "CASE")]
        case_no: String,
        /// 送达文书 (传票, 起诉状副本, 民事判决书 …)
        #[arg(long)]
        document: String,
        /// 受送达人
        #[arg(long)]
        recipient: String,
        /// 受送达人类别: 当事人 (default), 诉讼代理人, 其他诉讼参与人
        #[arg(long, default_value = "当事人")]
        kind: String,
        /// 证件号码; `-` reads it from standard input
        #[arg(long, value_name = "NUMBER|-")]
        id_number: Option<String>,
        /// 送达地址
        #[arg(long)]
        address: Option<String>,
        /// 涉外 (no domicile in China: the longer announcement period)
        #[arg(long)]
        foreign: bool,
        /// 任务创建日期 (default: today)
        #[arg(long, value_name = "DATE")]
        on: Option<String>,
    },
    /// 记录送达 — one attempt on a task; an announcement writes its excluded period into the case.
    #[command(after_help = "示例 Examples:
  shenguan service attempt 12 --as 王伟 --method 邮寄送达 --on 2026-03-03 --outcome 送达中 --tracking-no 1190012345678
  shenguan service attempt 12 --as 王伟 --method 直接送达 --on 2026-03-05 --outcome 已送达 --served-on 2026-03-05 --proof 送达回证
  shenguan service attempt 12 --as 王伟 --method 公告送达 --on 2026-03-10 --proof 公告凭证
  shenguan service attempt 12 --as 王伟 --method 委托送达 --on 2026-03-04 --outcome 送达中 --court 长沙市岳麓区人民法院

An announcement is served when its period has run (30 days, 60 to a party without a domicile in
China): its day of service is the law's, and the case's deadline moves by the period (shown).")]
    Attempt {
        /// 任务编号
        task: i64,
        #[arg(long = "as", visible_alias = "user", value_name = "NAME")]
        account: String,
        /// 送达方式
        #[arg(long)]
        method: String,
        /// 送达日期 (mailed, sent, handed over, published)
        #[arg(long, value_name = "DATE")]
        on: String,
        /// 送达结果: 已送达, 未送达, 送达中 (an announcement's is the law's)
        #[arg(long, default_value = "")]
        outcome: String,
        /// 签收日期
        #[arg(long, value_name = "DATE")]
        served_on: Option<String>,
        /// 未送达原因
        #[arg(long)]
        failure: Option<String>,
        /// 送达凭证: 送达回证, 邮件回执, 电子送达回执, 留置影像, 公告凭证
        #[arg(long)]
        proof: Option<String>,
        /// 邮件号 (邮寄送达)
        #[arg(long, value_name = "NUMBER")]
        tracking_no: Option<String>,
        /// 受托法院 (委托送达)
        #[arg(long, value_name = "COURT")]
        court: Option<String>,
    },
    /// 补记结果 — the result of a waiting (mailed, entrusted) attempt, once.
    #[command(after_help = "示例 Examples:
  shenguan service settle 12 1 --as 王伟 --outcome 已送达 --served-on 2026-03-06 --proof 邮件回执
  shenguan service settle 12 1 --as 王伟 --outcome 未送达 --failure 拒收

A post office's batch of results settles many at once: shenguan import 邮寄结果.xlsx")]
    Settle {
        /// 任务编号
        task: i64,
        /// 第几次送达
        seq: i64,
        #[arg(long = "as", visible_alias = "user", value_name = "NAME")]
        account: String,
        /// 送达结果: 已送达 or 未送达
        #[arg(long)]
        outcome: String,
        /// 签收日期 (with 已送达)
        #[arg(long, value_name = "DATE")]
        served_on: Option<String>,
        /// 未送达原因 (with 未送达): 拒收, 查无此人, 地址不详, 无人签收, 迁移新址不明, 退回, 未接收, 其他
        #[arg(long)]
        failure: Option<String>,
        /// 送达凭证: 送达回证, 邮件回执, 电子送达回执, 留置影像, 公告凭证
        #[arg(long)]
        proof: Option<String>,
    },
    /// 分派送达任务 — hands tasks to a member of the service staff (the office, a court leader
    /// or a division head).
    #[command(after_help = "示例 Examples:
  shenguan service assign 12 13 14 --as 审管办 --to 送达员")]
    Assign {
        /// 任务编号
        #[arg(required = true, value_name = "TASK")]
        tasks: Vec<i64>,
        #[arg(long = "as", visible_alias = "user", value_name = "NAME")]
        account: String,
        /// 送达人员 (an account in use)
        #[arg(long, value_name = "NAME")]
        to: String,
    },
    /// 送达地址确认书 — a party's confirmed address and consent to electronic service.
    #[command(after_help = "示例 Examples:
  shenguan service confirm --as 王伟 --case （2026）湘1402民初1号 --party 张三 --signed-on 2026-01-06 --address 株洲市某路1号
  shenguan service confirm --as 王伟 --case （2026）湘1402民初1号 --party 张三 --signed-on 2026-01-06 --electronic 全部诉讼文书 --channel 13800000000

--electronic: 全部诉讼文书 (judgments included), 不含裁判文书, or 否. A confirmation serves the later
stages of the same dispute (appeal, enforcement) until the party changes it.")]
    Confirm {
        #[arg(long = "as", visible_alias = "user", value_name = "NAME")]
        account: String,
        /// 案号
        #[arg(long = "case", value_name = "CASE")]
        case_no: String,
        /// 当事人
        #[arg(long)]
        party: String,
        /// 证件号码; `-` reads it from standard input
        #[arg(long, value_name = "NUMBER|-")]
        id_number: Option<String>,
        /// 签署日期
        #[arg(long, value_name = "DATE")]
        signed_on: String,
        /// 确认送达地址
        #[arg(long)]
        address: Option<String>,
        /// 同意电子送达
        #[arg(long, default_value = "否")]
        electronic: String,
        /// 电子送达地址 (mobile number, e-mail)
        #[arg(long)]
        channel: Option<String>,
    },
    /// 送达任务列表 — the tasks of the cases the account may see, oldest first.
    #[command(after_help = "示例 Examples:
  shenguan service queue --as 审管办
  shenguan service queue --as 审管办 --overdue --format json
  shenguan service queue --as 送达员 --mine --open

Tab-separated: the task's number, case, document, recipient, day created, days since, where it
stands (已送达 and the day, or the last attempt's method and result), whom it is assigned to, and
超期 when overdue.")]
    Queue {
        #[arg(long = "as", visible_alias = "user", value_name = "NAME")]
        account: String,
        /// Only overdue tasks (unserved too long, or an entrusted court late).
        #[arg(long)]
        overdue: bool,
        /// Only the tasks assigned to the account.
        #[arg(long)]
        mine: bool,
        /// Only tasks not yet served.
        #[arg(long)]
        open: bool,
        /// 承办部门
        #[arg(long)]
        division: Option<String>,
        /// 任务创建日期起
        #[arg(long, value_name = "DATE")]
        from: Option<String>,
        /// 任务创建日期止
        #[arg(long, value_name = "DATE")]
        to: Option<String>,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// 案件送达情况 — a case's tasks with every attempt, and the confirmations that serve it.
    #[command(after_help = "示例 Examples:
  shenguan service case （2026）湘1402民初1号 --as 王伟
  shenguan service case （2026）湘1402民初1号 --as 审管办 --format json")]
    Case {
        /// 案号
        case_no: String,
        #[arg(long = "as", visible_alias = "user", value_name = "NAME")]
        account: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
}

/// How a list prints: tab-separated lines or one JSON document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    #[default]
    Table,
    Json,
}

fn day(flag: &str, text: &str) -> Result<NaiveDate, AppError> {
    parse_date(text).map_err(|e| AppError::invalid_for(flag, &e.text()))
}

fn opt_day(flag: &str, text: Option<&str>) -> Result<Option<NaiveDate>, AppError> {
    text.map(|t| day(flag, t)).transpose()
}

/// A name of a list, or the list in the error.
fn named<T>(
    flag: &str,
    text: &str,
    parse: fn(&str) -> Result<T, UnknownName>,
) -> Result<T, AppError> {
    parse(text).map_err(|e| AppError::invalid_for(flag, &e.text()))
}

fn opt_named<T>(
    flag: &str,
    text: Option<&str>,
    parse: fn(&str) -> Result<T, UnknownName>,
) -> Result<Option<T>, AppError> {
    text.filter(|t| !t.trim().is_empty())
        .map(|t| named(flag, t, parse))
        .transpose()
}

/// An identity number from the flag, or from standard input for `-`.
fn identity_number(given: Option<String>) -> Result<Option<String>, AppError> {
    match given.as_deref().map(str::trim) {
        Some("-") => {
            let mut line = String::new();
            std::io::stdin().read_line(&mut line).map_err(|e| {
                let why = e.to_string();
                AppError::Invalid(text!(
                    "无法从标准输入读取证件号码：{why}",
                    "the identity number could not be read from standard input: {why}"
                ))
            })?;
            Ok(Some(line.trim().to_string()).filter(|l| !l.is_empty()))
        }
        _ => Ok(given.filter(|g| !g.trim().is_empty())),
    }
}

/// Where a task stands, in a few words: 已送达 and the day, else its last attempt.
fn standing(task: &ServiceTask) -> String {
    if let (Some(on), Some(by)) = (task.outcome.served_on, task.outcome.served_by) {
        return format!("已送达 {on}（{}）", by.label_zh());
    }
    match task.attempts.last() {
        Some(last) => format!(
            "{} {}",
            last.attempt.method.label_zh(),
            last.attempt.outcome.label_zh()
        ),
        None => "未送达".to_string(),
    }
}

fn task_json(task: &ServiceTask) -> Value {
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    json!({
        "id": task.id,
        "case_no": task.case_no,
        "court": task.court,
        "division": task.division,
        "document": task.document,
        "recipient": task.recipient,
        "recipient_kind": task.recipient_kind.key(),
        "address": task.address,
        "foreign": task.foreign,
        "created_on": task.created_on.to_string(),
        "created_by": task.created_by,
        "assigned_to": task.assigned_to,
        "assigned_on": day(task.assigned_on),
        "served_on": day(task.outcome.served_on),
        "served_by": task.outcome.served_by.map(Method::key),
        "first_attempt": task.outcome.first_attempt,
        "notice": task.outcome.notice,
        "set_aside": task.outcome.set_aside.map(|v| v.text().en().to_string()),
        "days": task.days,
        "overdue": task.overdue,
        "attempts": task.attempts.iter().map(|a| json!({
            "seq": a.attempt.seq,
            "method": a.attempt.method.key(),
            "attempted_on": a.attempt.attempted_on.to_string(),
            "outcome": a.attempt.outcome.key(),
            "served_on": day(a.attempt.served_on),
            "failure": a.attempt.failure.map(Failure::key),
            "proof": a.attempt.proof.map(Proof::key),
            "tracking_no": a.tracking_no,
            "entrusted_court": a.entrusted_court,
            "entrusted_due": day(a.entrusted_due),
            "entrusted_late": a.entrusted_late,
            "by_user": a.by_user,
            "counts": a.validity.is_none_or(|v| v == Validity::Valid),
        })).collect::<Vec<_>>(),
    })
}

fn print_task_line(task: &ServiceTask) {
    println!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
        task.id,
        task.case_no,
        task.document,
        task.recipient,
        task.created_on,
        task.days,
        standing(task),
        task.assigned_to.as_deref().unwrap_or(""),
        if task.overdue { "超期" } else { "" }
    );
}

fn print_case(service: &CaseService) {
    println!("{}", service.case_no);
    for task in &service.tasks {
        print_task_line(task);
        for a in &task.attempts {
            let attempt = &a.attempt;
            let mut notes = Vec::new();
            if let Some(on) = attempt.served_on {
                notes.push(format!("签收 {on}"));
            }
            if let Some(f) = attempt.failure {
                notes.push(f.label_zh().to_string());
            }
            if let Some(p) = attempt.proof {
                notes.push(p.label_zh().to_string());
            }
            if let Some(t) = &a.tracking_no {
                notes.push(format!("邮件号 {t}"));
            }
            if let Some(c) = &a.entrusted_court {
                notes.push(format!("受托 {c}"));
            }
            if let Some(due) = a.entrusted_due {
                notes.push(format!(
                    "应于 {due} 前送达{}",
                    if a.entrusted_late { "（逾期）" } else { "" }
                ));
            }
            if let Some(v) = a.validity.filter(|v| *v != Validity::Valid) {
                notes.push(say(&v.text()));
            }
            println!(
                "\t#{}\t{}\t{}\t{}\t{}\t{}",
                attempt.seq,
                attempt.attempted_on,
                attempt.method.label_zh(),
                attempt.outcome.label_zh(),
                notes.join("；"),
                a.by_user
            );
        }
    }
    for c in &service.confirmations {
        let electronic = c
            .electronic
            .as_deref()
            .and_then(|e| ConsentScope::parse(e).ok())
            .map_or("不同意电子送达", ConsentScope::label_zh);
        println!(
            "确认书\t{}\t{}\t{}\t{}\t{}\t{}",
            c.case_no,
            c.party,
            c.signed_on,
            c.address.as_deref().unwrap_or(""),
            electronic,
            c.channel.as_deref().unwrap_or("")
        );
    }
}

pub fn run(app: &App, db: Option<&str>, args: Args) -> Result<(), AppError> {
    let mut store = open_existing(app, db, Needs::Accounts)?;
    match args.action {
        Action::Task {
            account: name,
            case_no,
            document,
            recipient,
            kind,
            id_number,
            address,
            foreign,
            on,
        } => {
            let user = account(app, &mut store, &name)?;
            let task = NewTask {
                case_no,
                document,
                recipient,
                recipient_kind: named("--kind", &kind, RecipientKind::parse)?,
                identity_number: identity_number(id_number)?,
                address,
                foreign,
                created_on: opt_day("--on", on.as_deref())?,
            };
            let id = app.open_service_task(&mut store, &user, &task)?;
            let service = app.case_service(&mut store, &user, &task.case_no)?;
            match service.tasks.iter().find(|t| t.id == id) {
                Some(task) => print_task_line(task),
                None => println!("{id}"),
            }
            Ok(())
        }
        Action::Attempt {
            task,
            account: name,
            method,
            on,
            outcome,
            served_on,
            failure,
            proof,
            tracking_no,
            court,
        } => {
            let user = account(app, &mut store, &name)?;
            let method = named("--method", &method, Method::parse)?;
            let outcome = match (outcome.trim(), method) {
                // The law decides an announcement's result.
                ("", Method::Notice) => Outcome::Waiting,
                ("", _) => {
                    return Err(AppError::invalid_for(
                        "--outcome",
                        &text!(
                            "请写明送达结果：已送达、未送达或送达中",
                            "give the result: 已送达 (served), 未送达 (failed) or 送达中 (waiting)"
                        ),
                    ));
                }
                (given, _) => named("--outcome", given, Outcome::parse)?,
            };
            let attempt = NewAttempt {
                method,
                attempted_on: day("--on", &on)?,
                outcome,
                served_on: opt_day("--served-on", served_on.as_deref())?,
                failure: opt_named("--failure", failure.as_deref(), Failure::parse)?,
                proof: opt_named("--proof", proof.as_deref(), Proof::parse)?,
                tracking_no,
                entrusted_court: court,
            };
            let done = app.record_service_attempt(&mut store, &user, task, &attempt)?;
            let seq = done.seq;
            println!(
                "{}",
                say(&text!(
                    "任务{task}第{seq}次送达已记录",
                    "attempt {seq} of task {task} recorded"
                ))
            );
            if let Some(e) = &done.exclusion {
                let (days, from) = (e.days, e.from.map(|d| d.to_string()).unwrap_or_default());
                let before = done
                    .deadline_before
                    .map_or_else(String::new, |d| d.to_string());
                let after = done
                    .deadline_after
                    .map_or_else(String::new, |d| d.to_string());
                println!(
                    "{}",
                    say(&text!(
                        "公告期扣除审限：{from}起{days}日；审限届满日 {before} → {after}",
                        "the announcement's period leaves the time limit: {days} days from {from}; the deadline {before} → {after}"
                    ))
                );
            }
            if let Some(v) = done.validity {
                output::note(&v.text());
            }
            Ok(())
        }
        Action::Settle {
            task,
            seq,
            account: name,
            outcome,
            served_on,
            failure,
            proof,
        } => {
            let user = account(app, &mut store, &name)?;
            let settlement = shenguan_app::service::Settlement {
                outcome: named("--outcome", &outcome, Outcome::parse)?,
                served_on: opt_day("--served-on", served_on.as_deref())?,
                failure: opt_named("--failure", failure.as_deref(), Failure::parse)?,
                proof: opt_named("--proof", proof.as_deref(), Proof::parse)?,
            };
            app.settle_service_attempt(&mut store, &user, task, seq, &settlement)?;
            println!(
                "{}",
                say(&text!(
                    "任务{task}第{seq}次送达的结果已记录",
                    "the result of attempt {seq} of task {task} recorded"
                ))
            );
            Ok(())
        }
        Action::Assign {
            tasks,
            account: name,
            to,
        } => {
            let user = account(app, &mut store, &name)?;
            let n = app.assign_service_tasks(&mut store, &user, &tasks, &to)?;
            println!(
                "{}",
                say(&text!(
                    "已将{n}项送达任务分派给{to}",
                    "{n} service tasks assigned to {to}"
                ))
            );
            Ok(())
        }
        Action::Confirm {
            account: name,
            case_no,
            party,
            id_number,
            signed_on,
            address,
            electronic,
            channel,
        } => {
            let user = account(app, &mut store, &name)?;
            let electronic = match electronic.trim() {
                "" | "否" | "no" => None,
                given => Some(named("--electronic", given, ConsentScope::parse)?),
            };
            let confirmation = NewConfirmation {
                case_no,
                party,
                identity_number: identity_number(id_number)?,
                signed_on: day("--signed-on", &signed_on)?,
                address,
                electronic,
                channel,
            };
            let new = app.record_confirmation(&mut store, &user, &confirmation)?;
            let (case_no, party, on) = (
                &confirmation.case_no,
                &confirmation.party,
                confirmation.signed_on,
            );
            println!(
                "{}",
                say(&if new {
                    text!(
                        "已记录{party}于{on}签署的送达地址确认书（{case_no}）",
                        "the address confirmation {party} signed on {on} is recorded ({case_no})"
                    )
                } else {
                    text!(
                        "{party}于{on}签署的送达地址确认书已有记录（{case_no}）",
                        "the address confirmation {party} signed on {on} was recorded already ({case_no})"
                    )
                })
            );
            Ok(())
        }
        Action::Queue {
            account: name,
            overdue,
            mine,
            open,
            division,
            from,
            to,
            format,
        } => {
            let user = account(app, &mut store, &name)?;
            let query = QueueQuery {
                division,
                assigned_to: mine.then(|| user.name.clone()),
                open_only: open,
                overdue_only: overdue,
                from: opt_day("--from", from.as_deref())?,
                to: opt_day("--to", to.as_deref())?,
            };
            let (tasks, more) = app.service_queue(&mut store, &user, &query)?;
            match format {
                Format::Json => {
                    let body = json!({
                        "tasks": tasks.iter().map(task_json).collect::<Vec<_>>(),
                        "more": more,
                    });
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&body).unwrap_or_default()
                    );
                }
                Format::Table => {
                    for task in &tasks {
                        print_task_line(task);
                    }
                    if more {
                        let max = shenguan_app::service::QUEUE_MAX;
                        output::note(&text!(
                            "只列出前{max}项，请用 --from/--to 或 --division 缩小范围",
                            "only the first {max} tasks are listed: narrow with --from/--to or --division"
                        ));
                    }
                }
            }
            Ok(())
        }
        Action::Case {
            case_no,
            account: name,
            format,
        } => {
            let user = account(app, &mut store, &name)?;
            let service = app.case_service(&mut store, &user, &case_no)?;
            match format {
                Format::Json => {
                    let body = json!({
                        "case_no": service.case_no,
                        "tasks": service.tasks.iter().map(task_json).collect::<Vec<_>>(),
                        "confirmations": service.confirmations.iter().map(|c| json!({
                            "case_no": c.case_no,
                            "party": c.party,
                            "signed_on": c.signed_on.to_string(),
                            "address": c.address,
                            "electronic": c.electronic,
                            "channel": c.channel,
                        })).collect::<Vec<_>>(),
                    });
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&body).unwrap_or_default()
                    );
                }
                Format::Table => print_case(&service),
            }
            Ok(())
        }
    }
}
