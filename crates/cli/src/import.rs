//! `shenguan import`: load canonical files into the store, all or nothing unless told otherwise.

use std::path::PathBuf;

use shenguan_app::imports::{
    ChangeReport, ImportOutcome, ImportProgress, ImportRequest, RecordCounts, ServiceImportCounts,
    Tally,
};
use shenguan_app::{App, AppError, Lang, text};

use crate::output::{self, say, with_next_step};
use crate::progress::{Progress, human};

/// 导入案件、事件、人员名单或督办等记录（CSV/XLSX/Parquet）— import case, event, staff or supervision files.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan import 2024年1月案件.csv                      # GBK or UTF-8, title rows above the header are fine
  shenguan import cases.xlsx --sheet 案件明细 events.csv
  shenguan import staff.csv cases.csv                    # the staff list: 工号, 姓名, 法院代字, 部门, 职务
  shenguan --db postgres://user@db.intra/shenguan import cases.parquet
  shenguan import 导出.csv --rejects 错误报告.csv          # all or nothing; the report goes to the file
  shenguan import 导出.csv --skip-invalid --rejects 待修正.csv
  shenguan import 导出/*.csv 导出/supervision/*.csv      # a whole export: cases and the supervision records
  shenguan import 导出/service/*.csv                     # then its service records, on their own
  shenguan import 邮寄结果.xlsx --skip-invalid --rejects 待核对.xlsx   # a post office's delivery results

By default a single bad row stops the import and nothing is written. With --skip-invalid the valid
rows are written and the bad ones go to a rejects file in the input's format, with a reason column,
ready to be fixed and imported again. Importing the same or an updated export again updates cases by
case number and never duplicates them; a column the file does not have leaves the stored values
as they are, an empty cell clears the value. Every run lists, per column, how many stored values it
changes and the first changes; --dry-run shows that without writing anything.

The supervision records an export writes to its supervision/ folder (督办 items and their steps,
time-limit applications, 终本 reviews) import beside the cases, each store numbering them its own
way: an item is known by its case, who opened it and when; a second import changes nothing, an
updated one adds the steps and decisions taken since (see docs/supervision.md).

The service files — 送达记录 (one row per attempt), 送达地址确认书 and a post office's 邮寄结果
(tracking numbers and delivery results) — are imported on their own, after their cases. A task is
known by its case, document, recipient and day created, an attempt by its number, and a postal row
settles the waiting mailing with its tracking number. An announcement moves the case's deadline as
one recorded by hand does (see docs/service.md).

A judge (承办人) named by name is tied to their staff number (承办人工号) when the name is unique in
the case's court on the staff list; a name that several people of the court share fails the row
with the candidates listed, to be told apart by the staff number.")]
pub struct Args {
    /// 文件 — CSV, XLSX or Parquet files of cases, events or staff.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// 只写入有效行，错误行另存 — write the valid rows; bad rows go to the rejects file.
    #[arg(long)]
    skip_invalid: bool,
    /// 错误报告或错误行文件 — where the report (or, with --skip-invalid, the bad rows) go.
    #[arg(long, value_name = "PATH")]
    rejects: Option<PathBuf>,
    /// XLSX 工作表名 — the sheet to read (default: the first).
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// 试导入：只校验并列出将更改的内容，不写入 — validate and list the changes, write nothing.
    #[arg(long)]
    dry_run: bool,
}

pub fn run(app: &App, db: Option<&str>, args: Args) -> Result<(), AppError> {
    let mut store = app.open_store(db)?;
    let request = ImportRequest {
        files: args.files,
        sheet: args.sheet,
        skip_invalid: args.skip_invalid,
        rejects: args.rejects,
        dry_run: args.dry_run,
        ..ImportRequest::default()
    };
    let progress = Progress::start(&text!("读取文件", "reading the files"));
    let outcome = app.import(&mut store, &request, &mut |step| match step {
        ImportProgress::Reading { index, count, rows } => {
            let (index, rows) = (index + 1, human(rows));
            progress.phase(&text!(
                "读取文件 {index}/{count}，已读 {rows} 行",
                "reading file {index}/{count}, {rows} rows read"
            ))
        }
        ImportProgress::Validating { rows } => {
            let rows = human(rows);
            progress.phase(&text!("校验 {rows} 行", "validating {rows} rows"))
        }
        ImportProgress::Writing { done, total } => {
            progress.count(&text!("写入", "writing"), &text!("行", "rows"), done, total)
        }
    });
    // The summary and the errors are printed on a clear line.
    drop(progress);
    let outcome = outcome?;
    report(&outcome, args.dry_run);
    // The indicators' columns follow the data in the same command, so that the next figures
    // are at once fresh.
    if outcome
        .written
        .is_some_and(|w| w.added + w.updated + w.events_added > 0 || w.records.counted_change())
    {
        let progress = Progress::start(&text!("更新指标列", "updating the indicators' columns"));
        app.columns(&mut store, &mut |text| progress.note(text))?;
    }
    match outcome.written {
        Some(_) => Ok(()),
        None if args.dry_run && outcome.errors.is_empty() => Ok(()),
        None => {
            let n = outcome.errors.len();
            Err(AppError::Invalid(with_next_step(
                &text!(
                    "有{n}处错误，未导入任何数据",
                    "{n} errors, nothing was imported"
                ),
                &text!(
                    "改正上列各行后再导入；或加 --skip-invalid 先写入有效行，错误行另存到 --rejects 指定的文件",
                    "fix the rows listed above and import again, or add --skip-invalid to write the valid rows and keep the bad ones in the --rejects file"
                ),
            )))
        }
    }
}

/// Prints warnings and errors, the changes by column and the one-line summary, in the user's
/// language.
fn report(outcome: &ImportOutcome, dry_run: bool) {
    let lang = output::lang();
    for warning in &outcome.warnings {
        output::note(warning);
    }
    const SHOWN: usize = 200;
    for error in outcome.errors.iter().take(SHOWN) {
        eprintln!("{}{}", lang.pick("错误：", "error: "), say(&error.text()));
    }
    if outcome.errors.len() > SHOWN {
        let more = outcome.errors.len() - SHOWN;
        eprintln!(
            "{}",
            say(&text!(
                "……另有{more}处错误未列出（见错误文件）",
                "… {more} more errors are not listed here (see the errors file)"
            ))
        );
    }
    for path in &outcome.rejects_files {
        eprintln!("{}{}", lang.pick("已写出：", "written: "), path.display());
    }
    if let Some(counts) = &outcome.service {
        service(counts, outcome, dry_run);
        return;
    }
    // What changes, when something is (or would be) written: a refused import changes nothing.
    if dry_run || outcome.written.is_some() {
        changes(&outcome.changes);
    }
    let (read, rejected) = (outcome.rows_read, outcome.errors.len());
    if (dry_run || outcome.written.is_some()) && !outcome.records.is_empty() {
        records(&outcome.records, dry_run);
    }
    if let Some(rows) = outcome.written.map(|w| w.records.notice_rows)
        && rows > 0
    {
        println!(
            "{}",
            say(&text!(
                "省法院信访通报：写入{rows}行（同一期间、同一地区的行被替换）",
                "high court notice: {rows} rows written (a row of the same period and region is replaced)"
            ))
        );
    }
    if let Some(stats) = outcome.written.map(|w| w.records.petitions)
        && stats.added + stats.updated + stats.unchanged > 0
    {
        let (added, updated, unchanged) = (stats.added, stats.updated, stats.unchanged);
        println!(
            "{}",
            say(&text!(
                "信访登记：新增{added}件、更新{updated}件、未变{unchanged}件",
                "petition register: {added} added, {updated} updated, {unchanged} unchanged"
            ))
        );
    } else if dry_run && outcome.petitions_valid > 0 {
        let valid = outcome.petitions_valid;
        println!(
            "{}",
            say(&text!(
                "信访登记：有效{valid}件（未写入）",
                "petition register: {valid} valid petitions (nothing written)"
            ))
        );
    }
    if let Some(stats) = outcome.written.map(|w| w.records.assistance)
        && stats.added + stats.updated + stats.unchanged > 0
    {
        let (added, updated, unchanged) = (stats.added, stats.updated, stats.unchanged);
        println!(
            "{}",
            say(&text!(
                "司法救助：新增{added}件、更新{updated}件、未变{unchanged}件",
                "judicial assistance: {added} added, {updated} updated, {unchanged} unchanged"
            ))
        );
    } else if dry_run && outcome.assistance_valid > 0 {
        let valid = outcome.assistance_valid;
        println!(
            "{}",
            say(&text!(
                "司法救助：有效{valid}件（未写入）",
                "judicial assistance: {valid} valid applications (nothing written)"
            ))
        );
    }
    if dry_run {
        let c = &outcome.changes;
        let (added, updated, unchanged) = (c.added, c.updated, c.unchanged);
        println!(
            "{}",
            say(&text!(
                "试导入（未写入）：读取{read}行，将新增{added}件、更新{updated}件、未变{unchanged}件，错误{rejected}行",
                "dry run, nothing written: {read} rows read, {added} cases would be added, {updated} updated, {unchanged} unchanged, {rejected} rows rejected"
            ))
        );
        return;
    }
    match outcome.written {
        Some(stats) => {
            // The staff list, parties and payments are named only when the import carried them.
            let (mut staff_zh, mut staff_en) = (String::new(), String::new());
            for (count, zh, en) in [
                (stats.staff_written, "人员{}名，", "{} staff, "),
                (stats.parties_written, "当事人{}名，", "{} parties, "),
                (stats.payments_added, "执行款{}笔，", "{} payments, "),
            ] {
                if count > 0 {
                    staff_zh.push_str(&zh.replace("{}", &count.to_string()));
                    staff_en.push_str(&en.replace("{}", &count.to_string()));
                }
            }
            let (added, updated, unchanged, events) = (
                stats.added,
                stats.updated,
                stats.unchanged,
                stats.events_added,
            );
            println!(
                "{}",
                say(&text!(
                    "导入完成：读取{read}行，新增{added}件、更新{updated}件、未变{unchanged}件，新增事件{events}条，{staff_zh}错误{rejected}行",
                    "imported: {read} rows read, {added} cases added, {updated} updated, {unchanged} unchanged, {events} events added, {staff_en}{rejected} rows rejected"
                ))
            )
        }
        None => println!(
            "{}",
            say(&text!(
                "未导入：读取{read}行，发现{rejected}处错误，数据库未改动",
                "not imported: {read} rows read, {rejected} errors found, the store is unchanged"
            ))
        ),
    }
}

/// The one-line summary of an import of service files: what it did, would do, or that it wrote
/// nothing.
fn service(counts: &ServiceImportCounts, outcome: &ImportOutcome, dry_run: bool) {
    let (read, rejected) = (outcome.rows_read, outcome.errors.len());
    let ServiceImportCounts {
        tasks_added: tasks,
        attempts_added: attempts,
        attempts_settled: settled,
        confirmations_added: confirmations,
        unchanged,
    } = *counts;
    let line = if dry_run {
        text!(
            "试导入送达数据（未写入）：读取{read}行，将新增送达任务{tasks}项、送达记录{attempts}条，补记结果{settled}条，新增送达地址确认书{confirmations}份，未变{unchanged}项，错误{rejected}行",
            "dry run of service data, nothing written: {read} rows read; {tasks} tasks and {attempts} attempts would be added, {settled} attempts settled, {confirmations} address confirmations added, {unchanged} unchanged; {rejected} rows rejected"
        )
    } else if outcome.written.is_some() {
        text!(
            "送达数据导入完成：读取{read}行，新增送达任务{tasks}项、送达记录{attempts}条，补记结果{settled}条，新增送达地址确认书{confirmations}份，未变{unchanged}项，错误{rejected}行",
            "service data imported: {read} rows read; {tasks} tasks and {attempts} attempts added, {settled} attempts settled, {confirmations} address confirmations added, {unchanged} unchanged; {rejected} rows rejected"
        )
    } else {
        text!(
            "未导入：读取{read}行，发现{rejected}处错误，数据库未改动",
            "not imported: {read} rows read, {rejected} errors found, the store is unchanged"
        )
    };
    println!("{}", say(&line));
}

/// What the supervision records among the files add, take further, or find as stored.
fn records(counts: &RecordCounts, dry_run: bool) {
    let lang = output::lang();
    println!(
        "{}",
        if dry_run {
            lang.pick(
                "督办等记录（将写入）：",
                "supervision records (to be written):",
            )
        } else {
            lang.pick("督办等记录：", "supervision records:")
        }
    );
    for (tally, zh, en) in [
        (counts.items, "督办事项", "supervision items"),
        (counts.requests, "审限变更申请", "time-limit applications"),
        (counts.reviews, "终本评查", "终本 reviews"),
        (counts.review_plans, "评查计划", "review plans"),
        (counts.case_reviews, "案件评查意见", "case-quality reviews"),
    ] {
        if tally == Tally::default() {
            continue;
        }
        let Tally {
            added,
            updated,
            unchanged,
        } = tally;
        println!(
            "  {}",
            say(&text!(
                "{zh}：新增{added}、有新进展{updated}、未变{unchanged}",
                "{en}: {added} added, {updated} taken further, {unchanged} unchanged"
            ))
        );
    }
}

/// Per column, how many stored values the import changes (and clears), then the first changes.
fn changes(report: &ChangeReport) {
    if report.per_field.is_empty() {
        return;
    }
    let lang = output::lang();
    let chinese = lang == Lang::Zh;
    println!(
        "{}",
        lang.pick("更改的值（按列）：", "changed values by column:")
    );
    for (field, (changed, cleared)) in &report.per_field {
        let name = field.header(chinese);
        match cleared {
            0 => println!("  {name}: {changed}"),
            n => println!(
                "  {name}: {changed}{}",
                say(&text!("（其中清空{n}）", " (of which {n} cleared)"))
            ),
        }
    }
    let first = report.examples.len().min(ChangeReport::EXAMPLES);
    println!(
        "{}",
        say(&text!("前{first}处更改：", "the first {first} changes:"))
    );
    for change in &report.examples {
        let shown = |v: &str| {
            if v.is_empty() {
                lang.pick("（空）", "(empty)").to_string()
            } else {
                v.to_string()
            }
        };
        println!(
            "  {} {}: {} → {}",
            change.case_no,
            change.field.header(chinese),
            shown(&change.old),
            shown(&change.new)
        );
    }
    if report.cleared() > 0 {
        let cleared = report.cleared();
        output::note(&text!(
            "本次导入清空{cleared}个已有的值（文件中对应单元格为空）",
            "the import clears {cleared} stored values (their cells in the file are empty)"
        ));
    }
}
