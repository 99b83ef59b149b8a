//! `shenguan metrics`: indicators for a period from the store, as a table, JSON or CSV; and
//! `shenguan metrics explain`: the case numbers behind one value.

mod render;

use shenguan_app::metrics::{
    Asker, Cases, Dimension, Indicator, MetricsRequest, Part, indicator, parse_request,
};
use shenguan_app::{App, AppError, text};
use shenguan_domain::CourtCode;

use crate::output::say;
use crate::progress::Progress;
use crate::store::{Needs, open_existing};

/// 质效指标 — quality-efficiency indicators for a period.
#[derive(Debug, clap::Args)]
#[command(
    args_conflicts_with_subcommands = true,
    after_help = "示例 Examples:
  shenguan metrics --from 2024-01-01 --to 2024-06-30
  shenguan metrics --from 2024-01-01 --to 2024-12-31 --by court,month --format json
  shenguan metrics --from 2024-01-01 --to 2024-06-30 --court 湘1402 --category civil --type 民初
  shenguan metrics --from 2024-01-01 --to 2024-06-30 --by court --compare yoy --position 湘1402
  shenguan metrics explain within_limit_rate --from 2024-01-01 --to 2024-06-30 --court 湘1402 --part denominator
  shenguan metrics list
  shenguan metrics snapshot --out cases.snapshot
  shenguan metrics --snapshot cases.snapshot --from 2024-01-01 --to 2024-12-31 --by court
  shenguan metrics --from 2023-01-01 --to 2023-12-31 --definitions 2023-12-31   # as published then
  shenguan metrics --from 2024-01-01 --to 2024-06-30 --definition within_limit_rate=1

Definitions change: --definitions DATE computes with those in force on that day (to make again
a bulletin published then), --definition CODE=N pins one indicator; the default is the current
ones. A comparison across a change of definition says so in a note; `shenguan metrics list`
gives each indicator's version, and docs/indicators.md what changed.
Without --indicators the core set is computed; `shenguan metrics list` shows the catalogue.
--by: court, division, judge, type, category, stage, procedure, and one of month, quarter, year.
JSON: {\"from\", \"to\", \"group_by\", \"rows\": [{\"group\": {…}, \"values\": {…}}]} with unrounded
numbers and null where a value is undefined; --compare adds \"yoy\" / \"prev\" values to each row;
\"definitions\" gives the version of each definition used."
)]
pub struct Args {
    #[command(subcommand)]
    action: Option<Action>,
    #[command(flatten)]
    query: QueryArgs,
    /// 分组 — group by these, comma-separated.
    #[arg(long, value_name = "DIMS", value_delimiter = ',')]
    by: Vec<String>,
    /// 指标代码 — indicator codes, comma-separated (default: the core set).
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    indicators: Vec<String>,
    /// table | json | csv
    #[arg(long, value_name = "FORMAT", default_value = "table")]
    format: String,
    /// 比较 — yoy (同比), prev (环比), comma-separated.
    #[arg(long, value_name = "WHAT", value_delimiter = ',')]
    compare: Vec<String>,
    /// 位次 — where this court stands among its peers (needs --by court; not a ranking of courts).
    #[arg(long, value_name = "CODE")]
    position: Option<String>,
}

#[derive(Debug, clap::Subcommand)]
enum Action {
    /// 列出案件 — list the case numbers behind one indicator's numerator or denominator.
    #[command(after_help = "示例 Examples:
  shenguan metrics explain within_limit_rate --from 2024-01-01 --to 2024-06-30 --court 湘1402
  shenguan metrics explain within_limit_rate --from 2024-01-01 --to 2024-06-30 --court 湘1402 --part denominator
  shenguan metrics explain long_pending_12m --from 2024-01-01 --to 2024-12-31 --court 湘14 --with-lower

One case number a line: the cases counted in the numerator (default) or the denominator, with the
same filter flags as `shenguan metrics`. Indicator codes: shenguan metrics list.")]
    Explain(Box<ExplainArgs>),
    /// 指标目录 — the catalogue: codes, names, units, ranges, sources.
    #[command(after_help = "示例 Examples:
  shenguan metrics list
  shenguan metrics list | grep 核心             # the core set, computed when --indicators is not given")]
    List,
    /// 写出案件快照 — write the store's cases as a snapshot for fast indicator runs.
    #[command(after_help = "示例 Examples:
  shenguan metrics snapshot --out cases.snapshot
  shenguan metrics --snapshot cases.snapshot --from 2024-01-01 --to 2024-12-31 --by court

A snapshot holds the columns the indicators read; with millions of cases, figures from it take
seconds. It is a copy as of now: make it again after an import.")]
    Snapshot(SnapshotArgs),
    /// 四个90%、一个80% — the five enforcement targets by court: value, met or not, cases short.
    #[command(after_help = "示例 Examples:
  shenguan metrics targets --from 2026-01-01 --to 2026-06-30
  shenguan metrics targets --from 2026-01-01 --to 2026-06-30 --court 湘14 --with-lower --format json

Each court that does enforcement in the period: 有财产可供执行案件法定期限内实际执结率,
无财产可供执行案件终本合格率 (from the 终本 checklist and reviews), 执行信访案件办结率 (— without
the petitions register) and 近三年执行案件整体执结率, each with how many cases stand between the
court and its threshold; then the share of courts meeting the standard. The thresholds are the
configuration's [enforcement] section; the readings are in docs/enforcement.md.")]
    Targets(Box<TargetsArgs>),
}

#[derive(Debug, clap::Args)]
struct TargetsArgs {
    #[command(flatten)]
    query: QueryArgs,
    /// table | json
    #[arg(long, value_name = "FORMAT", default_value = "table")]
    format: String,
}

#[derive(Debug, clap::Args)]
struct SnapshotArgs {
    /// 快照文件 — the file to write (replaced whole, never half-written).
    #[arg(long, value_name = "FILE")]
    out: std::path::PathBuf,
}

/// The period and the filter, shared by both actions.
#[derive(Debug, Default, clap::Args)]
struct QueryArgs {
    /// 起始日期 — first day of the period.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// 截止日期 — last day of the period.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// 法院代字 — the court's own cases (with --with-lower, and the courts below it).
    #[arg(long, value_name = "CODE")]
    court: Option<String>,
    /// 含辖区法院 — count the courts below --court too.
    #[arg(long)]
    with_lower: bool,
    /// 案件类别 — criminal, civil, administrative, enforcement, … (or 刑事, 民事, …).
    #[arg(long, value_name = "CATEGORY")]
    category: Option<String>,
    /// 类型代字 — e.g. 民初.
    #[arg(long = "type", value_name = "CODE")]
    type_code: Option<String>,
    /// 审级 — first_instance, second_instance, … (or 一审, 二审, …).
    #[arg(long, value_name = "STAGE")]
    stage: Option<String>,
    /// 适用程序 — 普通, 简易, 小额诉讼, 速裁, …
    #[arg(long, value_name = "PROCEDURE")]
    procedure: Option<String>,
    /// 承办部门.
    #[arg(long, value_name = "NAME")]
    division: Option<String>,
    /// 承办人.
    #[arg(long, value_name = "NAME")]
    judge: Option<String>,
    /// 案件快照 — read the cases from this snapshot instead of the store.
    #[arg(long, value_name = "FILE")]
    snapshot: Option<std::path::PathBuf>,
    /// 口径 — current (default), or a date: the definitions in force that day.
    #[arg(long, value_name = "DATE")]
    definitions: Option<String>,
    /// 口径版本 — pin indicators to versions: within_limit_rate=1, comma-separated.
    #[arg(long, value_name = "CODE=N", value_delimiter = ',')]
    definition: Vec<String>,
}

#[derive(Debug, clap::Args)]
struct ExplainArgs {
    /// 指标代码, e.g. within_limit_rate.
    indicator: String,
    #[command(flatten)]
    query: QueryArgs,
    /// numerator (分子) | denominator (分母)
    #[arg(long, value_name = "PART", default_value = "numerator")]
    part: String,
}

pub fn run(app: &App, db: Option<&str>, args: Args) -> Result<(), AppError> {
    match args.action {
        Some(Action::List) => {
            render::catalogue(app);
            Ok(())
        }
        Some(Action::Snapshot(snapshot)) => {
            let progress = Progress::start(&text!("读取案件", "reading the cases"));
            let mut store = open_existing(app, db, Needs::Cases)?;
            let cases = app.columns(&mut store, &mut |text| progress.note(text))?;
            progress.phase(&text!("写出快照", "writing the snapshot"));
            app.write_snapshot(&cases, &snapshot.out)?;
            drop(progress);
            let (n, out) = (cases.len(), snapshot.out.display());
            println!(
                "{}",
                say(&text!(
                    "快照已写出：{n}件案件 → {out}",
                    "snapshot written: {n} cases → {out}"
                ))
            );
            Ok(())
        }
        Some(Action::Targets(targets)) => {
            let format = render::Format::parse(&targets.format)
                .filter(|f| *f != render::Format::Csv)
                .ok_or_else(|| {
                    let given = &targets.format;
                    AppError::Invalid(text!(
                        "--format “{given}” 须为 table 或 json",
                        "--format “{given}” must be table or json"
                    ))
                })?;
            let request = app.targets_request(request(&targets.query, &[])?);
            let progress = Progress::start(&text!("读取案件", "reading the cases"));
            let cases = load(app, db, &targets.query, false, &progress)?;
            progress.phase(&text!("计算指标", "computing the indicators"));
            let report = app.metrics(&cases, &request)?;
            drop(progress);
            render::targets(&report, &app.targets(&report), format, &app.courts())
        }
        Some(Action::Explain(explain)) => {
            let indicator = code(&explain.indicator)?;
            let part = match explain.part.trim() {
                "numerator" | "分子" => Part::Numerator,
                "denominator" | "分母" => Part::Denominator,
                other => {
                    return Err(AppError::Invalid(text!(
                        "--part “{other}” 须为 numerator 或 denominator",
                        "--part “{other}” must be numerator or denominator"
                    )));
                }
            };
            let request = request(&explain.query, &[])?;
            let progress = Progress::start(&text!("读取案件", "reading the cases"));
            let cases = load(app, db, &explain.query, true, &progress)?;
            progress.phase(&text!("查找案件", "finding the cases"));
            let numbers = app.explain(&cases, &request, indicator, part)?;
            drop(progress);
            render::lines(&numbers)
        }
        None => {
            let format = render::Format::parse(&args.format).ok_or_else(|| {
                let given = &args.format;
                AppError::Invalid(text!(
                    "--format “{given}” 须为 table、json 或 csv",
                    "--format “{given}” must be table, json or csv"
                ))
            })?;
            let request = request(
                &args.query,
                &[
                    ("by", args.by.join(",")),
                    ("indicators", args.indicators.join(",")),
                    ("compare", args.compare.join(",")),
                ],
            )?;
            if let Some(court) = &args.position {
                CourtCode::parse(court).map_err(|e| {
                    let why = e.text();
                    let (zh, en) = (why.zh(), why.en());
                    AppError::Invalid(text!("--position: {zh}", "--position: {en}"))
                })?;
                if !request.group_by.contains(&Dimension::Court) {
                    return Err(AppError::Invalid(text!(
                        "--position 需要 --by court",
                        "--position needs --by court"
                    )));
                }
            }
            let progress = Progress::start(&text!("读取案件", "reading the cases"));
            let cases = load(app, db, &args.query, false, &progress)?;
            progress.phase(&text!("计算指标", "computing the indicators"));
            let report = app.metrics(&cases, &request)?;
            drop(progress);
            render::report(&report, format, args.position.as_deref(), &app.courts())
        }
    }
}

/// The cases: from the snapshot named, else from the columns kept beside the store (a rebuild
/// noted above `progress`); with the case numbers only if `numbers` (explain needs them).
fn load(
    app: &App,
    db: Option<&str>,
    query: &QueryArgs,
    numbers: bool,
    progress: &Progress,
) -> Result<Cases, AppError> {
    match &query.snapshot {
        Some(path) => app.read_snapshot(path, numbers),
        None => {
            let mut store = open_existing(app, db, Needs::Cases)?;
            let mut note = |text: &shenguan_app::Text| progress.note(text);
            if numbers {
                app.columns(&mut store, &mut note)
            } else {
                app.columns_for_counting(&mut store, &mut note)
            }
        }
    }
}

fn code(text: &str) -> Result<&'static Indicator, AppError> {
    indicator(text).ok_or_else(|| {
        AppError::Invalid(text!(
            "没有指标“{text}”（见 shenguan metrics list）",
            "no indicator has the code \"{text}\" (see shenguan metrics list)"
        ))
    })
}

/// The request from the flags, through the parser the API uses too.
fn request(query: &QueryArgs, lists: &[(&str, String)]) -> Result<MetricsRequest, AppError> {
    let flags: Vec<(&str, Option<String>)> = vec![
        ("from", query.from.clone()),
        ("to", query.to.clone()),
        ("court", query.court.clone()),
        ("with_lower", query.with_lower.then(|| "true".to_string())),
        ("category", query.category.clone()),
        ("type", query.type_code.clone()),
        ("stage", query.stage.clone()),
        ("procedure", query.procedure.clone()),
        ("division", query.division.clone()),
        ("judge", query.judge.clone()),
        ("definitions", query.definitions.clone()),
        (
            "definition",
            Some(query.definition.join(",")).filter(|d| !d.is_empty()),
        ),
    ];
    parse_request(
        &|name| {
            flags
                .iter()
                .find(|(n, _)| *n == name)
                .and_then(|(_, v)| v.clone())
                .or_else(|| {
                    lists
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, v)| v.clone())
                        .filter(|v| !v.is_empty())
                })
        },
        Asker::CommandLine,
    )
}
