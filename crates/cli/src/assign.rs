//! `shenguan assign`: 随机分案 from the command line — a newly filed case given its track and
//! judge under the court's diversion rules (the shipped ones, or `--rules FILE`), or designated
//! with a listed reason; and the allocation log checked end to end, naming the first entry that
//! was altered, removed or inserted.

use std::path::PathBuf;

use shenguan_app::allocation::assign::{Designation, Filing};
use shenguan_app::allocation::rules_file;
use shenguan_app::{App, AppError, text};
use shenguan_domain::allocation::diversion::Facts;
use shenguan_domain::{CaseNumber, Money};

use crate::output::say;
use crate::petitions::account;
use crate::store::{Needs, open_existing};

/// 随机分案 — a new case's track and judge, and the allocation log.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan assign case --as 立案庭 --case （2026）湘1402民初88号 --amount 30000 --parties 2
  shenguan assign case --as 立案庭 --case （2026）湘1402刑初9号 --sentence-months 12 --guilty-plea
  shenguan assign verify

See docs/allocation.md for the rules file and how a judge is drawn.")]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// 分案 — the track, pool and judge of a newly filed case (once per case).
    #[command(after_help = "示例 Examples:
  shenguan assign case --as 立案庭 --case （2026）湘1402民初88号 --amount 30000 --parties 2 --party 张三
  shenguan assign case --as 立案庭 --case （2026）湘1402民初89号 --rules court-rules.toml --seed 7
  shenguan assign case --as 立案庭 --case （2026）湘1402民初90号 --designate 1402031 --reason 本院提审的案件 --approver 院长

Tab-separated: the case, its track, pool and judge, how the judge came (draw or designate), and
the rule that decided the track.")]
    Case(Box<CaseArgs>),
    /// 分案规则沙盘 — replays a period's first-instance filings under proposed rules, beside what
    /// happened: shares by track, average trial days and within-limit rate (mean and range over
    /// the seeds).
    #[command(after_help = "示例 Examples:
  shenguan assign simulate --as 审管办 --from 2025-01-01 --to 2025-12-31
  shenguan assign simulate --as 审管办 --from 2025-01-01 --to 2025-12-31 --rules stricter.toml --seeds 10
  shenguan assign simulate --as 审管办 --from 2025-01-01 --to 2025-12-31 --format json

The case data holds a case's type, cause and amount: a rule reading more (parties, announcement,
foreign element, series cases, the criminal conditions) reads two parties and none of the rest.")]
    Simulate {
        #[arg(long = "as", visible_alias = "user", value_name = "NAME")]
        account: String,
        /// 期间起 (filings from)
        #[arg(long, value_name = "DATE")]
        from: String,
        /// 期间止
        #[arg(long, value_name = "DATE")]
        to: String,
        /// 拟用的繁简分流规则文件 (default: the configured or shipped rules)
        #[arg(long, value_name = "FILE")]
        rules: Option<PathBuf>,
        /// 重放次数 (1 to 50)
        #[arg(long, default_value_t = 5)]
        seeds: usize,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// 申报回避或利害关系 — a judge's recusal from a case, or relationship with a party or lawyer:
    /// the draw never gives them such a case.
    #[command(after_help = "示例 Examples:
  shenguan assign exclude --as 王伟 --staff 0231 --kind relationship --party 张三 --reason 近亲属
  shenguan assign exclude --as 立案庭 --staff 0231 --kind recusal --party （2026）湘1402民初7号 --reason 曾任代理人")]
    Exclude {
        /// 申报人 (the judge themself, or the court's office)
        #[arg(long = "as", visible_alias = "user", value_name = "NAME")]
        account: String,
        /// 法官工号
        #[arg(long, value_name = "STAFF")]
        staff: String,
        /// recusal (回避: --party is a case number) or relationship (利害关系: a party or lawyer)
        #[arg(long)]
        kind: String,
        #[arg(long)]
        party: String,
        #[arg(long)]
        reason: String,
    },
    /// 申报休假 — a judge's leave (休假、病假、学习、借调…): the draw passes over them on its days.
    #[command(after_help = "示例 Examples:
  shenguan assign leave --as 王伟 --staff 0231 --from 2026-07-01 --to 2026-07-10 --reason 年休假 --approver 庭长
  shenguan assign leave --as 立案庭 --staff 0232 --from 2026-09-01 --to 2026-12-31 --reason 脱产学习 --approver 院长")]
    Leave {
        /// 申报人 (the judge themself, or the court's office)
        #[arg(long = "as", visible_alias = "user", value_name = "NAME")]
        account: String,
        /// 法官工号
        #[arg(long, value_name = "STAFF")]
        staff: String,
        /// 休假起日
        #[arg(long, value_name = "DATE")]
        from: String,
        /// 休假止日 (inclusive)
        #[arg(long, value_name = "DATE")]
        to: String,
        #[arg(long)]
        reason: String,
        /// 审批人
        #[arg(long)]
        approver: String,
    },
    /// 分案情况 — a period's allocations: each judge's cases and weighted caseload, the tracks,
    /// the speedy share (二八), designations by reason, changes of judge.
    #[command(after_help = "示例 Examples:
  shenguan assign report --as 审管办 --from 2026-01-01 --to 2026-06-30")]
    Report {
        #[arg(long = "as", visible_alias = "user", value_name = "NAME")]
        account: String,
        #[arg(long, value_name = "DATE")]
        from: String,
        #[arg(long, value_name = "DATE")]
        to: String,
    },
    /// 变更承办法官 — gives an allocated case (or one no judge could take) to another judge of the
    /// court, with the reason and who approved it.
    #[command(after_help = "示例 Examples:
  shenguan assign change --as 立案庭 --case （2026）湘1402民初88号 --to 1402103 --reason 原承办法官调离 --approver 院长")]
    Change {
        #[arg(long = "as", visible_alias = "user", value_name = "NAME")]
        account: String,
        #[arg(long = "case", value_name = "CASE")]
        case_no: String,
        /// 新承办法官工号
        #[arg(long, value_name = "STAFF")]
        to: String,
        #[arg(long)]
        reason: String,
        #[arg(long)]
        approver: String,
    },
    /// 校验分案日志 — checks the hash chain of the allocation log, and that it ends on `--head`
    /// (a head recorded elsewhere) when given.
    #[command(after_help = "示例 Examples:
  shenguan assign verify
  shenguan assign verify --head 5d2f0b6c9a7e4d1f8b3a6c0e2d9f7a1b4c8e6d2f0a9b7c5e3d1f8a6b4c2e0d9f

--head is the last hash an earlier check (or an export) printed. Exits 1 naming the first entry
altered, removed or inserted.")]
    Verify {
        /// 日志末条的哈希值 (as an earlier check or an export printed it)
        #[arg(long, value_name = "HASH")]
        head: Option<String>,
    },
}

/// How a command prints: a tab-separated table or JSON.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    #[default]
    Table,
    Json,
}

/// The sandbox's comparison as one JSON object: the period, the rules' version, the filings and
/// the cases moved, each track's share as it went and under the rules (percent); the average
/// trial days, the within-limit rate and the judges' weighted caseloads (largest over smallest,
/// Gini) as they were and as the replays project them (mean, low, high; null when unknown); the
/// judges counted, the designated share (percent) and the filings a replay found no judge for.
/// Figures unrounded.
fn print_comparison_json(
    c: &shenguan_domain::allocation::sandbox::Comparison,
    (from, to): (chrono::NaiveDate, chrono::NaiveDate),
    version: &str,
) {
    let projected = |p: &shenguan_domain::allocation::sandbox::Projected| {
        serde_json::json!({
            "actual": p.actual,
            "mean": p.mean,
            "low": p.low,
            "high": p.high,
        })
    };
    let body = serde_json::json!({
        "from": from.to_string(),
        "to": to.to_string(),
        "rules_version": version,
        "filings": c.filings,
        "moved": c.moved,
        "seeds": c.seeds,
        "shares": c.shares.iter().map(|(track, (actual, proposed))| serde_json::json!({
            "track": track.key(),
            "label": track.label_zh(),
            "actual": actual,
            "proposed": proposed,
        })).collect::<Vec<_>>(),
        "average_days": projected(&c.average_days),
        "within_limit": projected(&c.within_limit),
        "max_over_min": projected(&c.max_over_min),
        "gini": projected(&c.gini),
        "judges": c.judges,
        "designated": c.designated,
        "unassigned": c.unassigned,
    });
    println!(
        "{}",
        serde_json::to_string_pretty(&body).unwrap_or_default()
    );
}

/// What a new case is, as the filing division knows it.
#[derive(Debug, clap::Args)]
struct CaseArgs {
    /// 以该账号分案 (the court's office or an administrator)
    #[arg(long = "as", visible_alias = "user", value_name = "NAME")]
    account: String,
    /// 案号
    #[arg(long = "case", value_name = "CASE")]
    case_no: String,
    /// 案由
    #[arg(long)]
    cause: Option<String>,
    /// 标的额 (yuan)
    #[arg(long)]
    amount: Option<String>,
    /// 当事人人数
    #[arg(long, default_value_t = 2)]
    parties: u32,
    /// 当事人或代理人 (name or identity key; repeat for each) — for declared relationships
    #[arg(long = "party", value_name = "NAME")]
    party: Vec<String>,
    /// 预计公告送达
    #[arg(long)]
    announcement: bool,
    /// 涉外
    #[arg(long)]
    foreign: bool,
    /// 系列案
    #[arg(long)]
    series: bool,
    /// 刑事：可能判处的最高刑期（月）
    #[arg(long, value_name = "MONTHS")]
    sentence_months: Option<u32>,
    /// 刑事：认罪认罚
    #[arg(long)]
    guilty_plea: bool,
    /// 原审案号 (a remanded or retried case: its earlier judge is excluded)
    #[arg(long, value_name = "CASE")]
    origin: Option<String>,
    /// 随机种子 (default: drawn and recorded)
    #[arg(long)]
    seed: Option<u64>,
    /// 繁简分流规则文件 (default: the shipped rules)
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// 指定分案：法官工号 (with --reason and --approver)
    #[arg(long, value_name = "STAFF", requires_all = ["reason", "approver"])]
    designate: Option<String>,
    /// 指定分案理由 (one of the configured list)
    #[arg(long)]
    reason: Option<String>,
    /// 审批人
    #[arg(long)]
    approver: Option<String>,
}

pub fn run(app: &App, db: Option<&str>, args: Args) -> Result<(), AppError> {
    let mut store = open_existing(app, db, Needs::Accounts)?;
    match args.action {
        Action::Case(case) => {
            let CaseArgs {
                account: name,
                case_no,
                cause,
                amount,
                parties,
                party,
                announcement,
                foreign,
                series,
                sentence_months,
                guilty_plea,
                origin,
                seed,
                rules,
                designate,
                reason,
                approver,
            } = *case;
            let user = account(app, &mut store, &name)?;
            let rules = rules.or_else(|| app.config().allocation_rules.clone());
            let set = rules_file::load(rules.as_deref())?;
            let this_year = chrono::Datelike::year(&app.today());
            let number = CaseNumber::parse(&case_no, this_year)
                .map_err(|e| AppError::invalid_for("--case", &e.text()))?;
            let case_type = number
                .case_type()
                .map(|t| t.code.to_string())
                .unwrap_or_default();
            let amount = amount
                .map(|a| {
                    Money::parse(&a).map_err(|_| {
                        AppError::invalid_for(
                            "--amount",
                            &text!("不是金额：{a}", "not an amount: {a}"),
                        )
                    })
                })
                .transpose()?;
            let filing = Filing {
                case_no: number.to_string(),
                facts: Facts {
                    case_type,
                    cause,
                    amount,
                    parties,
                    announcement,
                    foreign,
                    series,
                    max_sentence_months: sentence_months,
                    guilty_plea,
                    filed_on: app.today(),
                },
                parties: party,
                origin,
                seed,
            };
            let designation = designate.map(|judge| Designation {
                judge,
                reason: reason.unwrap_or_default(),
                approver: approver.unwrap_or_default(),
            });
            let done = app.allocate_case(&mut store, &user, &set, &filing, designation.as_ref())?;
            println!(
                "{}\t{}\t{}\t{}\t{}\t{}",
                done.row.case_no,
                done.decision.track.label_zh(),
                done.row.pool,
                done.row.judge.as_deref().unwrap_or("—"),
                done.row.how,
                done.decision.rule
            );
            Ok(())
        }
        Action::Simulate {
            account: name,
            from,
            to,
            rules,
            seeds,
            format,
        } => {
            let user = account(app, &mut store, &name)?;
            let period = (day("--from", &from)?, day("--to", &to)?);
            let rules = rules.or_else(|| app.config().allocation_rules.clone());
            let set = rules_file::load(rules.as_deref())?;
            let c = app.sandbox(&mut store, &user, &set, period, seeds)?;
            if format == Format::Json {
                print_comparison_json(&c, period, &set.version);
                return Ok(());
            }
            let (filings, moved, replays) = (c.filings, c.moved, c.seeds);
            let version = &set.version;
            println!(
                "{}",
                say(&text!(
                    "{from}至{to}一审收案{filings}件；按规则（{version}）改变轨道{moved}件；重放{replays}次",
                    "{from} to {to}: {filings} first-instance filings; {moved} move track under the rules ({version}); {replays} replays"
                ))
            );
            println!("轨道	实际占比	拟用规则占比");
            for (track, (was, would)) in &c.shares {
                println!("{}	{was:.1}%	{would:.1}%", track.label_zh());
            }
            let shown = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{v:.1}"));
            let gini = |v: Option<f64>| v.map_or_else(|| "—".to_string(), |v| format!("{v:.3}"));
            for (label, p, form) in [
                (
                    "平均审理天数",
                    c.average_days,
                    &shown as &dyn Fn(Option<f64>) -> String,
                ),
                ("审限内结案率%", c.within_limit, &shown),
                ("法官加权收案 最多÷最少", c.max_over_min, &shown),
                ("法官加权收案 基尼系数", c.gini, &gini),
            ] {
                println!(
                    "{label}	{}	{}（{}–{}）",
                    form(p.actual),
                    form(p.mean),
                    form(p.low),
                    form(p.high)
                );
            }
            let (judges, designated, unassigned) = (c.judges, shown(c.designated), c.unassigned);
            println!(
                "{}",
                say(&text!(
                    "法官{judges}人；指定分案占比{designated}%（重放中保持不变）；每次重放无人可分{unassigned:.1}件",
                    "{judges} judges; designated {designated}% (kept in each replay); {unassigned:.1} filings per replay found no judge of their pool"
                ))
            );
            Ok(())
        }
        Action::Exclude {
            account: name,
            staff,
            kind,
            party,
            reason,
        } => {
            let user = account(app, &mut store, &name)?;
            let new = app.declare_exclusion(&mut store, &user, &staff, &kind, &party, &reason)?;
            println!(
                "{}",
                say(&if new {
                    text!("已申报", "declared")
                } else {
                    text!("此前已申报", "declared already")
                })
            );
            Ok(())
        }
        Action::Leave {
            account: name,
            staff,
            from,
            to,
            reason,
            approver,
        } => {
            let user = account(app, &mut store, &name)?;
            let days = (day("--from", &from)?, day("--to", &to)?);
            app.declare_leave(&mut store, &user, &staff, days, (&reason, &approver))?;
            println!("{}", say(&text!("已申报", "declared")));
            Ok(())
        }
        Action::Report {
            account: name,
            from,
            to,
        } => {
            let user = account(app, &mut store, &name)?;
            let w = app.workload(
                &mut store,
                &user,
                (day("--from", &from)?, day("--to", &to)?),
            )?;
            let (allocated, unassigned) = (w.allocated, w.unassigned);
            let (cases, judges) = (w.speedy_cases, w.speedy_judges);
            println!(
                "{}",
                say(&text!(
                    "分案{allocated}件，未能分配{unassigned}件；速裁轨道案件占{cases:.1}%，承办速裁案件的法官占{judges:.1}%",
                    "{allocated} cases allocated, {unassigned} without a judge; the speedy track took {cases:.1}% of the cases with {judges:.1}% of the judges"
                ))
            );
            for (track, n) in &w.tracks {
                let name = shenguan_domain::allocation::diversion::Track::parse(track)
                    .map_or(track.as_str(), |t| t.label_zh());
                println!("轨道\t{name}\t{n}");
            }
            println!("法官\t工号\t团队\t收案\t结案\t加权未结\t未结\t结案均衡度");
            for j in &w.judges {
                println!(
                    "法官\t{}\t{}\t{}\t{}\t{:.2}\t{}\t{}",
                    j.judge,
                    j.pool,
                    j.allocated,
                    j.closed,
                    j.pending_load as f64 / 100.0,
                    j.pending,
                    j.balance
                        .map_or_else(|| "—".to_string(), |b| format!("{b:.1}"))
                );
            }
            for (reason, n) in &w.designations {
                println!("指定分案\t{reason}\t{n}");
            }
            for r in &w.designation_rates {
                let rate = f64::from(r.designated) * 100.0 / f64::from(r.allocated.max(1));
                println!(
                    "指定分案率\t{}\t{}\t{}/{}\t{rate:.1}%",
                    r.court, r.pool, r.designated, r.allocated
                );
            }
            for (month, (allocated, designated)) in &w.designation_months {
                println!("指定分案率\t{month}\t{designated}/{allocated}");
            }
            for (case_no, reason, approver) in &w.changes {
                println!("变更承办法官\t{case_no}\t{reason}\t{approver}");
            }
            for p in &w.pairings {
                println!(
                    "反复匹配\t{}\t{}\t{}/{}\t{}人中随机概率{:.2e}\t{}",
                    p.who,
                    p.judge,
                    p.cases.len(),
                    p.of,
                    p.judges,
                    p.chance,
                    p.cases.join("、")
                );
            }
            Ok(())
        }
        Action::Change {
            account: name,
            case_no,
            to,
            reason,
            approver,
        } => {
            let user = account(app, &mut store, &name)?;
            let this_year = chrono::Datelike::year(&app.today());
            let number = CaseNumber::parse(&case_no, this_year)
                .map_err(|e| AppError::invalid_for("--case", &e.text()))?
                .to_string();
            let row =
                app.change_allocated_judge(&mut store, &user, &number, &to, &reason, &approver)?;
            println!(
                "{}\t{}\t{}",
                row.case_no,
                row.judge.as_deref().unwrap_or("—"),
                row.how
            );
            Ok(())
        }
        Action::Verify { head } => match app.verify_allocation_log(&mut store, head.as_deref())? {
            Ok((count, last)) => {
                let last = last.unwrap_or_else(|| "—".into());
                println!(
                    "{}",
                    say(&text!(
                        "分案日志完整：{count}条，末条哈希 {last}",
                        "the allocation log is whole: {count} entries, the last hash {last}"
                    ))
                );
                Ok(())
            }
            Err(broken) => Err(AppError::Invalid(broken.text())),
        },
    }
}

/// A date flag's value read, or an error naming the flag.
fn day(flag: &str, value: &str) -> Result<chrono::NaiveDate, AppError> {
    shenguan_domain::parse_date(value).map_err(|e| AppError::invalid_for(flag, &e.text()))
}
