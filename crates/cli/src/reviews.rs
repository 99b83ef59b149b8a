//! `shenguan reviews`: 案件评查 from the command line — the plans an account may read, one plan
//! with its cases and its reviewers' loads, a plan made (or only previewed) from flags, a
//! reviewer's worklist, a case flagged for the next 重点 plan, and the year's tally as the speech
//! says it; each for the account named with `--as`, held to its scope and audited under its name.
//! Tab-separated tables, or JSON with `--format json`.

use std::collections::BTreeMap;

use serde_json::{Value, json};
use shenguan_app::accounts::User;
use shenguan_app::review::{FlagKind, PlanKind, PlanRequest, reason_label};
use shenguan_app::{App, AppError, Store, text};
use shenguan_domain::review::assignment::Separation;
use shenguan_domain::review::selection::Class;
use shenguan_domain::{CourtCode, parse_date};

use crate::output::{JsonLines, say};
use crate::petitions::account;
use crate::store::{Needs, open_existing};

/// 案件评查 — review plans, the reviewer's cases and the year's tally.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan reviews plans --as 审管办
  shenguan reviews make --as 审管办 --name 2026年度重点评查 --kind key --from 2026-01-01 --to 2026-12-31 --reviewers 0231,0544 --preview
  shenguan reviews tasks --user 吴刚
  shenguan reviews tally --as 中院审管办 --year 2026

See docs/review.md for the rules a plan takes cases by and who may review them.")]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

/// How a command prints: a tab-separated table or JSON.
#[derive(Clone, Copy, Debug, Default, clap::ValueEnum)]
enum Format {
    #[default]
    Table,
    Json,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// 评查计划 — the plans the account may read (the office, leaders and administrators of
    /// their courts), the newest first.
    #[command(after_help = "示例 Examples:
  shenguan reviews plans --as 审管办
  shenguan reviews plans --as 中院审管办 --format json

Tab-separated: the plan's number (for `plan --id`), name, kind, court, period, share (‰), seed,
who made it and when.")]
    Plans {
        /// 以该账号查看 — the account whose scope the list is held to.
        #[arg(long = "as", visible_alias = "user", value_name = "NAME")]
        account: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// 评查计划 — one plan: its rules and seed, each case with why it was taken and whom it went
    /// to, and each reviewer's load.
    #[command(after_help = "示例 Examples:
  shenguan reviews plan --id 3 --as 审管办
  shenguan reviews plan --id 3 --as 审管办 --format json")]
    Plan {
        /// 计划编号
        #[arg(long)]
        id: i64,
        #[arg(long = "as", visible_alias = "user", value_name = "NAME")]
        account: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// 制定评查计划 — makes a plan from its rules (the office or an administrator), or with
    /// --preview only shows what it would take.
    #[command(after_help = "示例 Examples:
  shenguan reviews make --as 审管办 --name 2026年度重点评查 --kind key --from 2026-01-01 --to 2026-12-31 --reviewers 0231,0544
  shenguan reviews make --as 审管办 --name 常规评查 --kind routine --from 2026-01-01 --to 2026-06-30 --per-mille 50 --seed 7 --reviewers 0231 --preview
  shenguan reviews make --as 中院审管办 --name 买卖合同专项评查 --kind thematic --court 湘1402 --from 2026-01-01 --to 2026-06-30 --per-mille 1000 --types 民初,民终 --cause 买卖合同 --reviewers 0544 --blind

key (重点: every case reversed, remanded or sent for retrial in the period, and those referred,
doubted or petitioned again and again), routine (常规: a share of the closings, drawn from the
seed), thematic (专项: the closings of a class). Each case goes to a reviewer of another court (or
division, --separation division) who took no part in it, loads kept even.")]
    Make {
        #[arg(long = "as", visible_alias = "user", value_name = "NAME")]
        account: String,
        /// 计划名称
        #[arg(long)]
        name: String,
        /// key, routine or thematic (重点, 常规, 专项)
        #[arg(long)]
        kind: String,
        /// 法院代字 (default: the account's court)
        #[arg(long, value_name = "CODE")]
        court: Option<String>,
        /// 期间起
        #[arg(long, value_name = "DATE")]
        from: String,
        /// 期间止
        #[arg(long, value_name = "DATE")]
        to: String,
        /// 抽样比例 ‰, 1 to 1000 (routine and thematic)
        #[arg(long, default_value_t = 0)]
        per_mille: u32,
        /// 随机种子 (default: one drawn, and recorded)
        #[arg(long)]
        seed: Option<u64>,
        /// court (default) or division
        #[arg(long, default_value = "court")]
        separation: String,
        /// 评查人员工号, separated by , or 、
        #[arg(long, value_name = "STAFF")]
        reviewers: String,
        /// 盲评: the reviewers see the judge only after submitting
        #[arg(long)]
        blind: bool,
        /// 专项: 类型代字, separated by , (民初,民终)
        #[arg(long, value_name = "TYPES")]
        types: Option<String>,
        /// 专项: words the 案由 must contain
        #[arg(long, value_name = "WORDS")]
        cause: Option<String>,
        /// Only show the plan; write nothing.
        #[arg(long)]
        preview: bool,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// 评查任务 — the cases given to the account's staff number, the newest plan first.
    #[command(after_help = "示例 Examples:
  shenguan reviews tasks --user 吴刚
  shenguan reviews tasks --as 吴刚 --format json

Tab-separated: the plan's number and name, the case, why it was taken, and when the review was
submitted (待评查 while it waits).")]
    Tasks {
        #[arg(long = "as", visible_alias = "user", value_name = "NAME")]
        account: String,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// 年度评查情况 — the year's review of the cases reversed, remanded or sent for retrial, as
    /// the speech says it, beside the year before.
    #[command(after_help = "示例 Examples:
  shenguan reviews tally --as 中院审管办 --year 2026
  shenguan reviews tally --as 审管办 --year 2025 --format json")]
    Tally {
        #[arg(long = "as", visible_alias = "user", value_name = "NAME")]
        account: String,
        /// 年度: the 重点 plans whose period ends in it
        #[arg(long)]
        year: i32,
        #[arg(long, value_enum, default_value_t)]
        format: Format,
    },
    /// 列为重点评查 — flags a case for the next 重点 plan: 存疑 (doubt) or referred from outside.
    #[command(after_help = "示例 Examples:
  shenguan reviews flag --as 审管办 --case （2026）湘1402民初7号 --kind doubt --reason 超审限原因不明
  shenguan reviews flag --as 审管办 --case （2026）湘1402民初8号 --kind referred --source 市人大常委会 --reason 代表转来")]
    Flag {
        #[arg(long = "as", visible_alias = "user", value_name = "NAME")]
        account: String,
        /// 案号
        #[arg(long = "case", value_name = "CASE")]
        case_no: String,
        /// doubt (存疑) or referred (交办转办)
        #[arg(long)]
        kind: String,
        /// 交办单位 (referred)
        #[arg(long, default_value = "")]
        source: String,
        /// 理由
        #[arg(long)]
        reason: String,
    },
}

/// What [`show_plan`] does with the app: read a plan, preview one, make one.
enum Making {
    Read(i64),
    Preview(PlanRequest),
    Create(PlanRequest),
}

/// Reads or makes the plan and prints it: its rules, then a line per case and per reviewer.
fn show_plan(
    app: &App,
    store: &mut Store,
    user: &User,
    making: &Making,
    format: Format,
) -> Result<(), AppError> {
    let plan = match making {
        Making::Read(id) => app.review_plan(store, user, *id)?,
        Making::Preview(request) => app.preview_review_plan(store, user, request)?,
        Making::Create(request) => app.create_review_plan(store, user, request)?,
    };
    let mut loads: BTreeMap<&str, usize> = plan.reviewers.iter().map(|r| (r.as_str(), 0)).collect();
    for case in &plan.cases {
        if let Some(reviewer) = &case.reviewer {
            *loads.entry(reviewer.as_str()).or_default() += 1;
        }
    }
    let seed = u64::from_ne_bytes(plan.seed.to_ne_bytes());
    let unassigned = plan.cases.iter().filter(|c| c.reviewer.is_none()).count();
    match format {
        Format::Json => {
            let mut out = JsonLines::stdout();
            out.write(&json!({
                "id": plan.id,
                "name": plan.name,
                "kind": plan.kind,
                "court": plan.court,
                "from": plan.from.to_string(),
                "to": plan.to.to_string(),
                "per_mille": plan.per_mille,
                "seed": seed,
                "separation": plan.separation,
                "blind": plan.blind,
                "class": plan.class,
                "created_by": plan.created_by,
                "created_at": plan.created_at,
                "reviewers": loads.iter().map(|(staff_id, cases)| json!({"staff_id": staff_id, "cases": cases})).collect::<Vec<Value>>(),
                "cases": plan.cases.iter().map(|c| json!({
                    "case_no": c.case_no,
                    "reason": c.reason,
                    "decided_by": c.decided_by,
                    "reviewer": c.reviewer,
                })).collect::<Vec<Value>>(),
                "unassigned": unassigned,
            }))?;
            out.finish()
        }
        Format::Table => {
            let number = if plan.id == 0 {
                say(&text!("预览（未保存）", "preview (not written)"))
            } else {
                format!("#{}", plan.id)
            };
            let kind = PlanKind::parse(&plan.kind).map_or("", PlanKind::label_zh);
            println!(
                "{number} {} {kind} {} {} 至 {} · {}‰ · seed {seed}{}",
                plan.name,
                plan.court.as_deref().unwrap_or("全辖区"),
                plan.from,
                plan.to,
                plan.per_mille,
                if plan.blind { " · 盲评" } else { "" }
            );
            println!(
                "{}",
                say(&text!(
                    "{}件，未能分配{unassigned}件",
                    "{} cases, {unassigned} not assigned",
                    plan.cases.len()
                ))
            );
            for case in &plan.cases {
                println!(
                    "{}\t{}\t{}\t{}",
                    case.case_no,
                    reason_label(&case.reason).zh(),
                    case.decided_by.as_deref().unwrap_or(""),
                    case.reviewer.as_deref().unwrap_or("未分配")
                );
            }
            for (staff_id, cases) in loads {
                println!("评查人员 {staff_id}\t{cases}");
            }
            Ok(())
        }
    }
}

/// A date given as `flag`.
fn day(flag: &str, value: &str) -> Result<chrono::NaiveDate, AppError> {
    parse_date(value).map_err(|e| AppError::invalid_for(flag, &e.text()))
}

/// A thematic plan's class from `--types` and `--cause` (the app checks it).
fn class_of(types: Option<&str>, cause: Option<&str>) -> Class {
    Class {
        types: types
            .unwrap_or_default()
            .split([',', '，', '、'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(String::from)
            .collect(),
        cause: cause
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(String::from),
    }
}

pub fn run(app: &App, db: Option<&str>, args: Args) -> Result<(), AppError> {
    let mut store = open_existing(app, db, Needs::Cases)?;
    match args.action {
        Action::Plans {
            account: name,
            format,
        } => {
            let user = account(app, &mut store, &name)?;
            let plans = app.review_plans(&mut store, &user)?;
            let mut out = JsonLines::stdout();
            for p in &plans {
                let seed = u64::from_ne_bytes(p.seed.to_ne_bytes());
                match format {
                    Format::Json => {
                        out.write(&json!({
                            "id": p.id,
                            "name": p.name,
                            "kind": p.kind,
                            "court": p.court,
                            "from": p.from.to_string(),
                            "to": p.to.to_string(),
                            "per_mille": p.per_mille,
                            "seed": seed,
                            "blind": p.blind,
                            "class": p.class,
                            "created_by": p.created_by,
                            "created_at": p.created_at,
                        }))?;
                    }
                    Format::Table => println!(
                        "{}\t{}\t{}\t{}\t{}~{}\t{}‰\t{seed}\t{}\t{}",
                        p.id,
                        p.name,
                        PlanKind::parse(&p.kind).map_or("", PlanKind::label_zh),
                        p.court.as_deref().unwrap_or("全辖区"),
                        p.from,
                        p.to,
                        p.per_mille,
                        p.created_by,
                        p.created_at
                    ),
                }
            }
            out.finish()
        }
        Action::Plan {
            id,
            account: name,
            format,
        } => {
            let user = account(app, &mut store, &name)?;
            show_plan(app, &mut store, &user, &Making::Read(id), format)
        }
        Action::Make {
            account: name,
            name: plan_name,
            kind,
            court,
            from,
            to,
            per_mille,
            seed,
            separation,
            reviewers,
            blind,
            types,
            cause,
            preview,
            format,
        } => {
            let user = account(app, &mut store, &name)?;
            let kind = PlanKind::parse(&kind).ok_or_else(|| {
                AppError::invalid_for(
                    "--kind",
                    &text!(
                        "须为 key、routine 或 thematic",
                        "must be key, routine or thematic"
                    ),
                )
            })?;
            let separation = match separation.trim() {
                "court" => Separation::Court,
                "division" => Separation::Division,
                _ => {
                    return Err(AppError::invalid_for(
                        "--separation",
                        &text!("须为 court 或 division", "must be court or division"),
                    ));
                }
            };
            let class = if kind == PlanKind::Thematic {
                class_of(types.as_deref(), cause.as_deref())
            } else if types.is_some() || cause.is_some() {
                return Err(AppError::Invalid(text!(
                    "只有专项评查（--kind thematic）有 --types 和 --cause",
                    "only a thematic plan (--kind thematic) takes --types and --cause"
                )));
            } else {
                Class::default()
            };
            let request = PlanRequest {
                name: plan_name,
                kind,
                court: court
                    .as_deref()
                    .map(|c| {
                        CourtCode::parse(c.trim())
                            .map_err(|e| AppError::invalid_for("--court", &e.text()))
                    })
                    .transpose()?,
                from: day("--from", &from)?,
                to: day("--to", &to)?,
                per_mille,
                seed,
                separation,
                reviewers: reviewers
                    .split([',', '，', '、'])
                    .map(str::trim)
                    .filter(|r| !r.is_empty())
                    .map(String::from)
                    .collect(),
                blind,
                class,
            };
            let making = if preview {
                Making::Preview(request)
            } else {
                Making::Create(request)
            };
            show_plan(app, &mut store, &user, &making, format)
        }
        Action::Tasks {
            account: name,
            format,
        } => {
            let user = account(app, &mut store, &name)?;
            let mut out = JsonLines::stdout();
            for t in app.review_worklist(&mut store, &user)? {
                match format {
                    Format::Json => {
                        out.write(&json!({
                            "plan_id": t.plan_id,
                            "plan_name": t.plan_name,
                            "blind": t.blind,
                            "case_no": t.case_no,
                            "reason": t.reason,
                            "submitted_at": t.submitted_at,
                        }))?;
                    }
                    Format::Table => println!(
                        "{}\t{}\t{}\t{}\t{}",
                        t.plan_id,
                        t.plan_name,
                        t.case_no,
                        reason_label(&t.reason).zh(),
                        t.submitted_at.as_deref().unwrap_or("待评查")
                    ),
                }
            }
            out.finish()
        }
        Action::Tally {
            account: name,
            year,
            format,
        } => {
            let user = account(app, &mut store, &name)?;
            if !(2000..=2100).contains(&year) {
                return Err(AppError::invalid_for(
                    "--year",
                    &text!("须为2000至2100的年份", "must be a year from 2000 to 2100"),
                ));
            }
            let (this, before, said) = app.review_sentence(&mut store, &user, year)?;
            match format {
                Format::Json => {
                    let counts = |t: shenguan_domain::review::grading::Tally| json!({"reviewed": t.reviewed, "problem": t.problem, "error": t.error});
                    let mut out = JsonLines::stdout();
                    out.write(&json!({
                        "year": year,
                        "this": counts(this),
                        "before": counts(before),
                        "sentence_zh": said.zh(),
                        "sentence_en": said.en(),
                    }))?;
                    out.finish()
                }
                Format::Table => {
                    println!("{}", say(&said));
                    Ok(())
                }
            }
        }
        Action::Flag {
            account: name,
            case_no,
            kind,
            source,
            reason,
        } => {
            let user = account(app, &mut store, &name)?;
            let kind = FlagKind::parse(&kind).ok_or_else(|| {
                AppError::invalid_for(
                    "--kind",
                    &text!("须为 doubt 或 referred", "must be doubt or referred"),
                )
            })?;
            let this_year = chrono::Datelike::year(&app.today());
            let number = shenguan_domain::CaseNumber::parse(&case_no, this_year)
                .map_err(|e| AppError::invalid_for("--case", &e.text()))?
                .to_string();
            let id = app.flag_for_review(&mut store, &user, &number, kind, &source, &reason)?;
            println!(
                "{}",
                say(&text!(
                    "已列入重点评查 #{id} {number}",
                    "flagged for key review #{id} {number}"
                ))
            );
            Ok(())
        }
    }
}
