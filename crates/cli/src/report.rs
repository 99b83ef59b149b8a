//! `shenguan report bulletin|summary`: the monthly quality-efficiency bulletin and the work
//! summary, written as DOCX, XLSX or HTML.

use std::path::{Path, PathBuf};

use shenguan_app::metrics::{Asker, Filter, court_scope};
use shenguan_app::report::{ReportFormat, ReportKind, ReportRequest};
use shenguan_app::{App, AppError, text};

use crate::output::say;
use crate::progress::Progress;
use crate::store::{Needs, open_existing};

/// 报告 — the monthly bulletin (质效通报) and the work summary (工作总结).
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan report bulletin --month 2026-10 --format docx --out 2026年10月质效通报.docx
  shenguan report bulletin --month 2026-10 --court 湘1402 --format xlsx --out 湘1402.xlsx
  shenguan report summary --from 2026-01-01 --to 2026-06-30 --format html --out 上半年.html

The bulletin covers 1 January to the end of the month (累计); the summary any period. Figures come
from the indicator engine (`shenguan metrics`), with their year-earlier values and reference ranges.")]
pub struct Args {
    #[command(subcommand)]
    kind: Kind,
}

#[derive(Debug, clap::Subcommand)]
enum Kind {
    /// 质效通报 — the bulletin of a month.
    #[command(after_help = "示例 Examples:
  shenguan report bulletin --month 2026-10 --format docx --out 2026年10月质效通报.docx
  shenguan report bulletin --month 2026-10 --court 湘1402 --format xlsx --out 湘1402.xlsx
  shenguan report bulletin --month 2026-10 --snapshot cases.snapshot --format html --out 通报.html

The figures run from 1 January to the end of the month (累计), beside the year before.")]
    Bulletin {
        /// 月份 YYYY-MM.
        #[arg(long, value_name = "YYYY-MM")]
        month: String,
        #[command(flatten)]
        common: Common,
    },
    /// 工作总结 — the narrative and tables of a period.
    #[command(after_help = "示例 Examples:
  shenguan report summary --from 2026-01-01 --to 2026-06-30 --format html --out 上半年.html
  shenguan report summary --from 2026-01-01 --to 2026-06-30 --court 湘14 --with-lower --format docx --out 全市上半年工作总结.docx")]
    Summary {
        /// 起始日期 YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        from: String,
        /// 截止日期 YYYY-MM-DD.
        #[arg(long, value_name = "DATE")]
        to: String,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(Debug, clap::Args)]
struct Common {
    /// 法院代字: the court's own cases (default: the whole network, 全市法院).
    #[arg(long, value_name = "CODE")]
    court: Option<String>,
    /// 含辖区法院 — the courts below --court too.
    #[arg(long)]
    with_lower: bool,
    /// docx | xlsx | html
    #[arg(long, value_name = "FORMAT")]
    format: String,
    /// 输出文件.
    #[arg(long, value_name = "FILE")]
    out: PathBuf,
    /// 案件快照 — read the cases from this snapshot instead of the store.
    #[arg(long, value_name = "FILE")]
    snapshot: Option<PathBuf>,
}

pub fn run(app: &App, db: Option<&str>, args: Args) -> Result<(), AppError> {
    let (kind, common) = match args.kind {
        Kind::Bulletin { month, common } => (month_of(&month)?, common),
        Kind::Summary { from, to, common } => {
            let date = |name: &str, text: &str| {
                shenguan_domain::parse_date(text)
                    .map_err(|e| AppError::invalid_for(&format!("--{name}"), &e.text()))
            };
            let kind = ReportKind::Summary {
                from: date("from", &from)?,
                to: date("to", &to)?,
            };
            (kind, common)
        }
    };
    let format = ReportFormat::parse(&common.format).ok_or_else(|| {
        let given = &common.format;
        AppError::Invalid(text!(
            "--format “{given}” 须为 docx、xlsx 或 html",
            "--format “{given}” must be docx, xlsx or html"
        ))
    })?;
    let court = court_scope(
        common.court.as_deref(),
        common.with_lower,
        Asker::CommandLine,
    )?;
    // A report read from the store is an export of its data and goes to its audit log; one
    // read from a snapshot file touches no store.
    let progress = Progress::start(&text!("读取案件", "reading the cases"));
    let (cases, store) = match &common.snapshot {
        Some(path) => (app.read_snapshot(path, false)?, None),
        None => {
            let mut store = open_existing(app, db, Needs::Cases)?;
            (
                app.columns(&mut store, &mut |text| progress.note(text))?,
                Some(store),
            )
        }
    };
    let audited = format!(
        "report {}.{} — {}",
        kind.name(),
        format.extension(),
        common.out.display()
    );
    let request = ReportRequest {
        kind,
        filter: Filter {
            court,
            ..Filter::default()
        },
    };
    progress.phase(&text!("计算指标", "computing the indicators"));
    let document = app.report(&cases, &request)?;
    progress.phase(&text!("排版", "laying out the report"));
    let bytes = app.render_report(&document, format)?;
    write_whole(&common.out, &bytes)?;
    if let Some(mut store) = store {
        app.audit(&mut store, None, "export", &audited)?;
    }
    drop(progress);
    let (out, size) = (common.out.display(), bytes.len());
    println!(
        "{}",
        say(&text!(
            "报告已写出：{out}（{size}字节）",
            "report written: {out} ({size} bytes)"
        ))
    );
    Ok(())
}

/// `YYYY-MM` as a bulletin.
fn month_of(text: &str) -> Result<ReportKind, AppError> {
    let invalid = || {
        AppError::Invalid(text!(
            "--month {text} 须形如 2026-10",
            "--month {text} must look like 2026-10"
        ))
    };
    let (year, month) = text.trim().split_once('-').ok_or_else(invalid)?;
    let year: i32 = year.parse().map_err(|_| invalid())?;
    let month: u32 = month.parse().map_err(|_| invalid())?;
    if !(1..=12).contains(&month) {
        return Err(invalid());
    }
    Ok(ReportKind::Bulletin { year, month })
}

/// Writes through a temporary file beside `path`, so a failure never leaves half a report.
fn write_whole(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    let io = |e: std::io::Error| AppError::io(path.display().to_string(), e);
    let partial = path.with_extension("partial");
    std::fs::write(&partial, bytes).map_err(io)?;
    std::fs::rename(&partial, path).map_err(|e| {
        let _ = std::fs::remove_file(&partial);
        io(e)
    })
}
