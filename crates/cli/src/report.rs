//! `shenguan report bulletin|summary`: the monthly quality-efficiency bulletin and the work
//! summary, written as DOCX, XLSX or HTML — each made from the store recorded with the figures
//! it printed, and checked first against what was reported before (refused, or written with a
//! warning, when its period does not reconcile); `shenguan report list|compare`: the reports
//! made, and one beside the same report made now (docs/reconciliation.md).

use std::path::{Path, PathBuf};

use shenguan_app::metrics::{Asker, Filter, court_scope, parse_definitions};
use shenguan_app::report::{ReportFormat, ReportKind, ReportRequest};
use shenguan_app::{App, AppError, text};

use shenguan_app::history::{ReportRow, month_key};
use shenguan_app::reconcile::Reconciliation;

use crate::check::{ReportJson, break_json};
use crate::output::{JsonLines, say};
use crate::progress::Progress;
use crate::store::{Needs, open_existing};

/// 报告 — the monthly bulletin (质效通报) and the work summary (工作总结).
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan report bulletin --month 2026-10 --format docx --out 2026年10月质效通报.docx
  shenguan report bulletin --month 2026-10 --court 湘1402 --format xlsx --out 湘1402.xlsx
  shenguan report summary --from 2026-01-01 --to 2026-06-30 --format html --out 上半年.html

The bulletin covers 1 January to the end of the month (累计); the summary any period. Figures come
from the indicator engine (`shenguan metrics`), with their year-earlier values and reference ranges.

A report made from the store is recorded with the figures it printed (`shenguan report list`), so
that it can later be set beside the same report made from the data as it then stands
(`shenguan report compare ID`). Before writing, its period is reconciled (`shenguan check`): when
it does not reconcile the report opens with a section that says so, or, with
--if-unreconciled refuse, is not written.

The indicators are computed by their current definitions; --definitions DATE makes a report by
those in force on that day (a bulletin made again as it was published), --definition CODE=N pins
one. A report records the version of each definition it used; `report compare` makes it again by
the same ones. A year-on-year change across a change of definition is marked in the table and
said in the text, with a note on what changed.")]
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
    /// 报告记录 — the reports made from the store, newest first.
    #[command(after_help = "示例 Examples:
  shenguan report list
  shenguan report list --limit 100 --format json")]
    List {
        /// 条数.
        #[arg(long, default_value_t = 20, value_parser = clap::value_parser!(u64).range(1..=10_000))]
        limit: u64,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
    },
    /// 对比 — a recorded report beside the same report made from the data as it stands now:
    /// each indicator then and now, and each court's month whose figures moved, with the cases
    /// and imports that moved them.
    #[command(after_help = "示例 Examples:
  shenguan report list
  shenguan report compare 12
  shenguan report compare 12 --format json")]
    Compare {
        /// 报告编号 (see `shenguan report list`).
        id: i64,
        #[arg(long, value_enum, default_value = "table")]
        format: ListFormat,
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
    /// 案件快照 — read the cases from this snapshot instead of the store (the report is then
    /// neither reconciled nor recorded).
    #[arg(long, value_name = "FILE")]
    snapshot: Option<PathBuf>,
    /// When the period does not reconcile: warn (the report opens with a section listing what
    /// does not add up) or refuse (nothing is written).
    #[arg(long, value_enum, default_value = "warn", value_name = "WHAT")]
    if_unreconciled: Unreconciled,
    /// 口径 — current (default), or a date: the indicators' definitions in force that day.
    #[arg(long, value_name = "DATE")]
    definitions: Option<String>,
    /// 口径版本 — pin indicators to versions: within_limit_rate=1, comma-separated.
    #[arg(long, value_name = "CODE=N", value_delimiter = ',')]
    definition: Vec<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Unreconciled {
    Warn,
    Refuse,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum ListFormat {
    Table,
    Json,
}

pub fn run(app: &App, db: Option<&str>, args: Args) -> Result<(), AppError> {
    let (kind, common) = match args.kind {
        Kind::List { limit, format } => return list(app, db, limit, format),
        Kind::Compare { id, format } => return compare(app, db, id, format),
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
    let definitions = parse_definitions(
        common.definitions.as_deref(),
        &common.definition,
        Asker::CommandLine,
    )?;
    // A report read from the store is an export of its data and goes to its audit log; one
    // read from a snapshot file touches no store.
    let progress = Progress::start(&text!("读取案件", "reading the cases"));
    let mut version = 0;
    let (cases, store) = match &common.snapshot {
        Some(path) => (app.read_snapshot(path, false)?, None),
        None => {
            let mut store = open_existing(app, db, Needs::Cases)?;
            // The version the columns are made at, read first: what the report will be recorded
            // with, so that a later import's revisions are "after" it.
            version = store.data_version()?;
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
        definitions,
    };
    progress.phase(&text!("计算指标", "computing the indicators"));
    let mut document = app.report(&cases, &request)?;
    let mut store = store;
    // A report from the store is first reconciled with what was reported before.
    let mut unreconciled = None;
    if let Some(store) = &mut store {
        progress.phase(&text!("核对收结存", "reconciling the figures"));
        let (from, to) = kind.period()?;
        let rec = app.reconciliation(store, None, &cases, court, from, to)?;
        if !rec.reconciled() {
            let breaks = rec.breaks().count();
            if common.if_unreconciled == Unreconciled::Refuse {
                drop(progress);
                print_breaks(&rec);
                return Err(AppError::Conflict(text!(
                    "报告期间的收结存有 {breaks} 处未核对一致（见上），未写出报告；核实数据后再生成，或用 --if-unreconciled warn 写出并附说明",
                    "the period's figures do not reconcile in {breaks} places (listed above) and no report was written: check the data, or write it with --if-unreconciled warn and its note"
                )));
            }
            shenguan_app::reconcile::note_unreconciled(&mut document, &rec);
            unreconciled = Some(rec);
        }
    }
    if let (Some(store), ReportKind::Bulletin { .. }) = (&mut store, kind) {
        app.print_audit_head(store, &mut document)?;
    }
    progress.phase(&text!("排版", "laying out the report"));
    let bytes = app.render_report(&document, format)?;
    write_whole(&common.out, &bytes)?;
    let recorded = match &mut store {
        Some(store) => {
            app.record_exported_report(store, None, &audited, &cases, version, &request)?
        }
        None => None,
    };
    drop(progress);
    if let Some(rec) = &unreconciled {
        print_breaks(rec);
        let breaks = rec.breaks().count();
        eprintln!(
            "{}",
            say(&text!(
                "注意：报告期间的收结存有 {breaks} 处未核对一致（见上），报告开头已附说明",
                "note: the period's figures do not reconcile in {breaks} places (listed above); the report opens with a section that says so"
            ))
        );
    }
    let (out, size) = (common.out.display(), bytes.len());
    println!(
        "{}",
        say(&text!(
            "报告已写出：{out}（{size}字节）",
            "report written: {out} ({size} bytes)"
        ))
    );
    if let Some(id) = recorded {
        println!(
            "{}",
            say(&text!(
                "已记录为报告#{id}，日后可用 shenguan report compare {id} 与届时的数据对比",
                "recorded as report #{id}: shenguan report compare {id} sets it beside the data as it will then stand"
            ))
        );
    }
    Ok(())
}

/// Each break under its court's month.
fn print_breaks(rec: &Reconciliation) {
    for cell in rec.cells.iter().filter(|c| !c.breaks.is_empty()) {
        println!("{} {}", cell.court, month_key(cell.month));
        for b in &cell.breaks {
            crate::check::print_break(b);
        }
    }
}

#[derive(serde::Serialize)]
struct ReportLine<'a> {
    #[serde(flatten)]
    report: ReportJson<'a>,
    kind: &'a str,
    court: Option<&'a str>,
    with_lower: bool,
    from: String,
    to: String,
    made_by: Option<&'a str>,
}

fn report_line(r: &ReportRow) -> ReportLine<'_> {
    ReportLine {
        report: ReportJson::of(r),
        kind: &r.kind,
        court: r.court_code.as_deref(),
        with_lower: r.with_lower,
        from: r.from.to_string(),
        to: r.to.to_string(),
        made_by: r.made_by.as_deref(),
    }
}

/// `report list`.
fn list(app: &App, db: Option<&str>, limit: u64, format: ListFormat) -> Result<(), AppError> {
    let mut store = open_existing(app, db, Needs::Cases)?;
    let reports = app.reports_made(&mut store, None, limit)?;
    match format {
        ListFormat::Json => {
            let mut out = JsonLines::stdout();
            for r in &reports {
                if !out.write(&report_line(r))? {
                    break;
                }
            }
            out.finish()
        }
        ListFormat::Table => {
            if reports.is_empty() {
                println!(
                    "{}",
                    say(&text!(
                        "尚未从数据库生成过报告",
                        "no report was made from the store yet"
                    ))
                );
            }
            for r in &reports {
                let scope = match (&r.court_code, r.with_lower) {
                    (None, _) => say(&text!("全网", "the network")),
                    (Some(c), true) => say(&text!("{c}及辖区", "{c} and the courts below")),
                    (Some(c), false) => c.clone(),
                };
                println!(
                    "#{:<5} {}  {}  {} 至 {}  {}",
                    r.id, r.made_at, r.name, r.from, r.to, scope
                );
            }
            Ok(())
        }
    }
}

/// `report compare ID`.
fn compare(app: &App, db: Option<&str>, id: i64, format: ListFormat) -> Result<(), AppError> {
    let mut store = open_existing(app, db, Needs::Cases)?;
    let cases = app.columns(&mut store, &mut |note| eprintln!("{}", say(note)))?;
    let comparison = app.compare_report(&mut store, None, &cases, id)?;
    let report = &comparison.report;
    match format {
        ListFormat::Json => {
            #[derive(serde::Serialize)]
            struct Figure<'a> {
                indicator: &'a str,
                name: &'a str,
                then: Option<f64>,
                now: Option<f64>,
                changed: bool,
                /// The version of its definition, then and now.
                definition_version: u16,
            }
            let mut out = JsonLines::stdout();
            let mut open = out.write(&report_line(report))?;
            for f in &comparison.figures {
                if !open {
                    break;
                }
                open = out.write(&Figure {
                    indicator: f.indicator.code,
                    name: f.indicator.name_zh,
                    then: f.then,
                    now: f.now,
                    changed: f.changed(),
                    definition_version: f.version,
                })?;
            }
            for cell in &comparison.cells {
                for b in &cell.breaks {
                    if !open {
                        break;
                    }
                    open = out.write(&break_json(cell, b))?;
                }
            }
            out.finish()
        }
        ListFormat::Table => {
            let (rid, name, at) = (report.id, &report.name, &report.made_at);
            println!(
                "{}",
                say(&text!(
                    "报告#{rid} {name}（{at}生成）与现有数据对比",
                    "Report #{rid} {name} (made {at}) beside the data now"
                ))
            );
            let changed: Vec<_> = comparison.figures.iter().filter(|f| f.changed()).collect();
            if changed.is_empty() {
                println!(
                    "{}",
                    say(&text!(
                        "所列指标均与发布时一致",
                        "every indicator it printed is unchanged"
                    ))
                );
            }
            let shown = |v: Option<f64>| v.map_or("—".to_string(), |v| format!("{v:.2}"));
            for f in changed {
                let name = match crate::output::lang() {
                    shenguan_app::Lang::Zh => f.indicator.name_zh,
                    shenguan_app::Lang::En => f.indicator.name_en,
                };
                println!(
                    "  {:<16} {:>12} → {:<12}",
                    name,
                    shown(f.then),
                    shown(f.now)
                );
            }
            for cell in comparison.cells.iter().filter(|c| !c.breaks.is_empty()) {
                println!("{} {}", cell.court, month_key(cell.month));
                for b in &cell.breaks {
                    crate::check::print_break(b);
                }
            }
            Ok(())
        }
    }
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
