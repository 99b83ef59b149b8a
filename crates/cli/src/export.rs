//! `shenguan export`: write the store's cases and events as canonical files.

use std::path::PathBuf;

use shenguan_app::exports::{ExportFormat, ExportProgress, ExportRequest, PartitionKey};
use shenguan_app::metrics::{Asker, court_scope};
use shenguan_app::{App, AppError, CaseQuery, text};
use shenguan_domain::parse_date;

use crate::output::{self, say};
use crate::progress::Progress;
use crate::store::{Needs, open_existing};

/// 导出案件、事件、人员、当事人与执行款 — export cases, events, staff, parties and payments as canonical files.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan export --format csv --out 导出
  shenguan export --format xlsx --out out --court 苏01 --from 2024-01-01 --to 2024-06-30
  shenguan export --format parquet --out lake/苏01 --court 苏01
  shenguan export --format csv --out out --header zh
  shenguan export --format parquet --partition-by court,year --out lake   # a province's data platform

--court selects a court's own cases; with --with-lower, and those of the courts below it (苏01
--with-lower: the intermediate court and its basic courts). --from/--to select the cases active in
the period: filed on or before --to and not closed before --from. Besides cases and events, the
staff list (staff), the parties (parties: identity numbers masked, with their keys) and the
enforcement money (payments) are written when the store has them; the supervision records in
supervision/, the allocations with their hash-chained log in allocation/, and the service of
process (送达: tasks with their attempts, address confirmations) in service/, in the columns
`shenguan import` reads. CSV is UTF-8; its header is English unless --header zh.

--partition-by court,year (Parquet only) writes cases, events, parties and payments in Hive-style
folders, cases/court_code=湘1402/year=2024/part-00000.parquet (the year of filing), read court by
court so that a network of any size is written in the memory of its largest court; Spark, DuckDB
and Trino read such a folder as one table, and `shenguan import lake` reads it back (see
docs/partitions.md). The folder given to --out must not hold an earlier partitioned export.")]
pub struct Args {
    /// csv | xlsx | parquet
    #[arg(long, value_name = "FORMAT")]
    format: String,
    /// 输出目录 — output folder (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// 法院代字 — the court's own cases (with --with-lower, and the courts below it).
    #[arg(long, value_name = "CODE")]
    court: Option<String>,
    /// 含辖区法院 — the courts below --court too.
    #[arg(long)]
    with_lower: bool,
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// en | zh — header language.
    #[arg(long, value_name = "LANG", default_value = "en")]
    header: String,
    /// 分区 — court, year or court,year: Hive-style partition folders (Parquet only).
    #[arg(long, value_name = "KEYS")]
    partition_by: Option<String>,
}

pub fn run(app: &App, db: Option<&str>, args: Args) -> Result<(), AppError> {
    let format = ExportFormat::parse(&args.format).ok_or_else(|| {
        let given = &args.format;
        AppError::Invalid(text!(
            "--format “{given}” 须为 csv、xlsx 或 parquet",
            "--format “{given}” must be csv, xlsx or parquet"
        ))
    })?;
    let chinese = match args.header.as_str() {
        "zh" | "cn" | "中文" => true,
        "en" => false,
        other => {
            return Err(AppError::Invalid(text!(
                "--header “{other}” 须为 en 或 zh",
                "--header “{other}” must be en or zh"
            )));
        }
    };
    let partition_by = match args.partition_by.as_deref() {
        Some(keys) => PartitionKey::parse_list(keys)?,
        None => Vec::new(),
    };
    let partitioned = !partition_by.is_empty();
    let out = args.out.clone();
    let court = court_scope(args.court.as_deref(), args.with_lower, Asker::CommandLine)?;
    let date = |flag: &str, value: &Option<String>| {
        value
            .as_deref()
            .map(|v| parse_date(v).map_err(|e| AppError::invalid_for(flag, &e.text())))
            .transpose()
    };
    let query = CaseQuery {
        court,
        from: date("--from", &args.from)?,
        to: date("--to", &args.to)?,
    };
    let mut store = open_existing(app, db, Needs::Cases)?;
    let progress = Progress::start(&text!("读取数据库", "reading the store"));
    let outcome = app.export(
        &mut store,
        &ExportRequest {
            format,
            out_dir: args.out,
            query,
            chinese_header: chinese,
            partition_by,
        },
        &mut |step| match step {
            ExportProgress::Reading => progress.phase(&text!("读取数据库", "reading the store")),
            ExportProgress::Court { index, count } => {
                let index = index + 1;
                progress.phase(&text!(
                    "分区写出：法院 {index}/{count}",
                    "writing partitions: court {index}/{count}"
                ))
            }
            ExportProgress::Writing { index, count } => {
                let index = index + 1;
                progress.phase(&text!(
                    "写出文件 {index}/{count}",
                    "writing file {index}/{count}"
                ))
            }
        },
    );
    drop(progress);
    let outcome = outcome?;
    let (cases, events) = (outcome.cases, outcome.events);
    let lang = output::lang();
    // A partitioned export writes a file per court and year: the folder and the count say it.
    let files = if partitioned {
        let (dir, count) = (out.display(), outcome.files.len());
        text!("{dir}（{count}个文件）", "{dir} ({count} files)")
            .get(lang)
            .to_string()
    } else {
        let files: Vec<String> = outcome
            .files
            .iter()
            .map(|f| f.display().to_string())
            .collect();
        files.join(lang.pick("、", ", "))
    };
    println!(
        "{}",
        say(&text!(
            "导出完成：{cases}件案件、{events}条事件 → {files}",
            "exported {cases} cases and {events} events → {files}"
        ))
    );
    Ok(())
}
