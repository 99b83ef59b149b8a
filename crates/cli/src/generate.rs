//! `shenguan generate`: a simulated city court network's cases and events, into the store or files.

use std::path::PathBuf;

use chrono::{Datelike, NaiveDate};
use shenguan_app::exports::{ExportFormat, PartitionKey};
use shenguan_app::generate::{GenerateOutcome, GenerateRequest, GenerateTarget, parse_plant};
use shenguan_app::{App, AppError, Store, text};
use shenguan_domain::parse_date;

use crate::output::{self, say};
use crate::progress::Progress;

/// 生成模拟法院网络的案件与事件 — generate a simulated court network's cases and events.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan generate                                   # 10 basic courts, the last three years, into ./shenguan.db
  shenguan generate --cases 200000 --seed 7 --out sim --format parquet
  shenguan generate --courts 12 --from 2020-01-01 --to 2024-12-31 --scale 0.5 --db postgres://…
  shenguan generate --cases 1000000 --out sim --format parquet --snapshot sim/cases.snapshot
  shenguan generate --cases 10000000 --out lake --format parquet --partition-by court,year
  shenguan generate --from 2022-01-01 --to 2024-12-31 --cases 100000 --realism   # how believable each year is
  shenguan generate --out sim --plant year_end_rush=湘1402:0.6 --plant withheld_filings=湘1403:0.5 --plant-truth sim/planted.csv

--plant KIND=COURT:INTENSITY bends INTENSITY (0–1) of the court's eligible cases under KIND:
year_end_rush, month_end_rush, withheld_filings, withdraw_refile, clock_stopping or zhongben_early;
--plant-truth
writes the cases bent (case number, kind, court), so that the signals can be measured against
them. What each kind bends: docs/gaming-signals.md.

The network is the fictional 清河市 (湘14) with its basic courts (湘1402…), or with --city N another
city of the province (--city 3: 南浦市, 湘03, 湘0302…). The same seed and options give the same data,
whatever --threads.")]
pub struct Args {
    /// 基层法院数 — basic courts under the intermediate court.
    #[arg(long, default_value_t = 10)]
    courts: usize,
    /// 城市编号 — the intermediate court's number in the province, 1–70: 14 (the default) is
    /// 清河市, 湘14, with 湘1402…; another number makes another city, so that several runs make one
    /// province.
    #[arg(long, default_value_t = shenguan_app::generate::DEFAULT_CITY)]
    city: u8,
    /// 起始日期 — first filing day (default: 1 January three years before today).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// 截止日期 — the simulated today (default: today).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// 规模系数 — filing-volume multiplier (1.0 ≈ 125,000 cases a year).
    #[arg(long)]
    scale: Option<f64>,
    /// 案件数 — about this many cases in all (instead of --scale).
    #[arg(long, conflicts_with = "scale")]
    cases: Option<u64>,
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// 输出目录 — write files here instead of the store.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// csv | parquet (with --out)
    #[arg(long, default_value = "csv", requires = "out")]
    format: String,
    /// 分区 — court, year or court,year: cases and events straight into Hive-style partition
    /// folders (with --out and --format parquet).
    #[arg(long, value_name = "KEYS", requires = "out")]
    partition_by: Option<String>,
    #[arg(long, default_value_t = 2)]
    threads: usize,
    /// 指标快照 — also write the engine's case snapshot here (for `shenguan metrics --snapshot`).
    #[arg(long, value_name = "FILE")]
    snapshot: Option<PathBuf>,
    /// 真实性检验：只列出每个完整年度的结案率、年底结案、休息日、法院差异、同名、终本要件，不写入
    /// — print how believable each full year is, write nothing.
    #[arg(long, conflicts_with_all = ["out", "snapshot"])]
    realism: bool,
    /// 同时模拟送达记录（送达任务、送达尝试、送达地址确认书），写入数据库
    /// — also simulate service of process (tasks, attempts, address confirmations) into the store.
    #[arg(long, conflicts_with = "out")]
    service: bool,
    /// 植入作弊 — plant gaming: KIND=COURT:INTENSITY (year_end_rush=湘1402:0.6); repeatable.
    #[arg(long, value_name = "KIND=COURT:INTENSITY")]
    plant: Vec<String>,
    /// 植入真值 — write the cases the plants bent here (CSV: 案号,类型,法院).
    #[arg(
        long,
        value_name = "FILE",
        requires = "plant",
        conflicts_with = "realism"
    )]
    plant_truth: Option<PathBuf>,
}

pub fn run(app: &App, db: Option<&str>, args: Args) -> Result<(), AppError> {
    let today = app.today();
    let date = |flag: &str, value: &Option<String>, default: NaiveDate| {
        value
            .as_deref()
            .map(|v| parse_date(v).map_err(|e| AppError::invalid_for(flag, &e.text())))
            .transpose()
            .map(|d| d.unwrap_or(default))
    };
    let from_default = NaiveDate::from_ymd_opt(today.year() - 3, 1, 1).unwrap_or(today);
    let request = GenerateRequest {
        seed: args.seed,
        basic_courts: args.courts,
        city: args.city,
        from: date("--from", &args.from, from_default)?,
        to: date("--to", &args.to, today)?,
        scale: args.scale,
        cases: args.cases,
        threads: args.threads,
        snapshot: args.snapshot.clone(),
        service: args.service,
        plants: args
            .plant
            .iter()
            .map(|value| parse_plant(value))
            .collect::<Result<_, _>>()?,
        plant_truth: args.plant_truth.clone(),
    };
    if args.realism {
        return realism(app, &request);
    }
    let target = match &args.out {
        Some(out_dir) => {
            let format = match ExportFormat::parse(&args.format) {
                Some(ExportFormat::Xlsx) | None => {
                    let given = &args.format;
                    return Err(AppError::Invalid(text!(
                        "--format “{given}” 须为 csv 或 parquet",
                        "--format “{given}” must be csv or parquet"
                    )));
                }
                Some(format) => format,
            };
            GenerateTarget::Files {
                out_dir: out_dir.clone(),
                format,
                partition_by: match args.partition_by.as_deref() {
                    Some(_) if format != ExportFormat::Parquet => {
                        return Err(AppError::Invalid(text!(
                            "--partition-by 只用于 --format parquet",
                            "--partition-by needs --format parquet"
                        )));
                    }
                    Some(keys) => PartitionKey::parse_list(keys)?,
                    None => Vec::new(),
                },
            }
        }
        None => GenerateTarget::Store,
    };
    let mut store = match target {
        GenerateTarget::Store => Some(app.open_store(db)?),
        GenerateTarget::Files { .. } => None,
    };
    let outcome = with_progress(app, &request, &target, store.as_mut())?;
    let lang = output::lang();
    let mut places: Vec<String> = outcome
        .written
        .iter()
        .map(|_| lang.pick("数据库", "the store").to_string())
        .collect();
    if let (Some(out_dir), Some(_)) = (&args.out, &args.partition_by) {
        // A file per court and year: the folder and the count say it, as for an export; the
        // files elsewhere (the snapshot) by name.
        let (inside, elsewhere): (Vec<_>, Vec<_>) =
            outcome.files.iter().partition(|f| f.starts_with(out_dir));
        let (dir, count) = (out_dir.display(), inside.len());
        places.push(
            text!("{dir}（{count}个文件）", "{dir} ({count} files)")
                .get(lang)
                .to_string(),
        );
        places.extend(elsewhere.iter().map(|f| f.display().to_string()));
    } else {
        places.extend(outcome.files.iter().map(|f| f.display().to_string()));
    }
    let place = places.join(lang.pick("、", ", "));
    let (courts, cases, events) = (outcome.courts, outcome.cases, outcome.events);
    println!(
        "{}",
        say(&text!(
            "生成完成：{courts}个法院、{cases}件案件、{events}条事件 → {place}",
            "generated {courts} courts, {cases} cases, {events} events → {place}"
        ))
    );
    Ok(())
}

/// Simulates and writes the network as `target` says, showing on a terminal the simulation, then
/// the cases written, then the work after them (the indicators' columns, the other files); prints
/// the notes of the way. `shenguan demo` makes its network through here too.
pub fn with_progress(
    app: &App,
    request: &GenerateRequest,
    target: &GenerateTarget,
    store: Option<&mut Store>,
) -> Result<GenerateOutcome, AppError> {
    let progress = Progress::start(&text!("模拟法院网络", "simulating the court network"));
    let outcome = app.generate(request, target, store, &mut |done, total| {
        if done < total {
            progress.count(
                &text!("写入", "writing"),
                &text!("件", "cases"),
                done,
                total,
            );
        } else {
            progress.phase(&text!("收尾（指标列、文件）", "finishing (columns, files)"));
        }
    });
    drop(progress);
    let outcome = outcome?;
    for note in &outcome.notes {
        output::note(note);
    }
    Ok(outcome)
}

/// Prints each full year's realism measures beside their bands; an error when one is outside.
fn realism(app: &App, request: &GenerateRequest) -> Result<(), AppError> {
    let progress = Progress::start(&text!("模拟并检验", "simulating and measuring"));
    let years = app.realism(request);
    drop(progress);
    let years = years?;
    if years.is_empty() {
        return Err(AppError::Invalid(text!(
            "期间内没有完整的年度",
            "the span holds no full calendar year"
        )));
    }
    let mut outside = 0;
    for (year, checks) in years {
        println!("{year}年：");
        for (name, (low, high), value) in checks {
            let within = (low..=high).contains(&value);
            outside += usize::from(!within);
            println!(
                "  {name}：{value:.2}（参考 {low}–{high}）{}",
                // The measures are named in Chinese; so is the mark beside them.
                if within { "" } else { " ← 超出" }
            );
        }
    }
    match outside {
        0 => Ok(()),
        n => Err(AppError::Invalid(text!(
            "{n}项超出参考范围",
            "{n} measures are outside their bands"
        ))),
    }
}
