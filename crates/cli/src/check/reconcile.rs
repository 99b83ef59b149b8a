//! The reconciliation part of `shenguan check` and of `shenguan report compare`: each court's
//! month that does not add up, with the cases behind it, as lines of a table or JSON objects
//! (docs/reconciliation.md).

use serde::Serialize;
use shenguan_app::history::{ADDED, ReportRow, month_key};
use shenguan_app::reconcile::{Break, Cause, Cell, Reconciliation};
use shenguan_app::{AppError, Lang, text};

use crate::output::{JsonLines, lang, say};

/// How many cases a break lists on screen (JSON lists what the reconciliation holds).
const SHOWN: usize = 10;

#[derive(Serialize)]
pub(crate) struct ReportJson<'a> {
    id: i64,
    name: &'a str,
    made_at: &'a str,
}

impl<'a> ReportJson<'a> {
    pub(crate) fn of(report: &'a ReportRow) -> ReportJson<'a> {
        ReportJson {
            id: report.id,
            name: &report.name,
            made_at: &report.made_at,
        }
    }
}

#[derive(Serialize)]
struct CaseJson<'a> {
    case_no: &'a str,
    effect: i64,
    why: String,
}

#[derive(Serialize)]
pub(crate) struct BreakJson<'a> {
    #[serde(rename = "break")]
    kind: &'static str,
    court: String,
    month: String,
    measure: Option<&'static str>,
    expected: i64,
    found: i64,
    unexplained: i64,
    against: Option<ReportJson<'a>>,
    case_count: u64,
    cases: Vec<CaseJson<'a>>,
}

pub(crate) fn break_json<'a>(cell: &Cell, b: &'a Break) -> BreakJson<'a> {
    BreakJson {
        kind: b.kind.code(),
        court: cell.court.to_string(),
        month: month_key(cell.month),
        measure: b.measure.map(|m| m.code()),
        expected: b.expected,
        found: b.found,
        unexplained: b.unexplained(),
        against: b.against.as_ref().map(ReportJson::of),
        case_count: b.case_count,
        cases: b
            .cases
            .iter()
            .map(|c| CaseJson {
                case_no: &c.case_no,
                effect: c.effect,
                why: why(&c.cause),
            })
            .collect(),
    }
}

/// Why a case moves the figure, in a line: 结案日期 2026-11-03 → 2026-10-28（导入 #3 second.csv,
/// 2026-12-01 10:00:00）.
pub(crate) fn why(cause: &Cause) -> String {
    match cause {
        Cause::ClosedBeforeFiled { filed, closed } => say(&text!(
            "结案日期 {closed} 早于立案日期 {filed}",
            "closed {closed}, before it was filed {filed}"
        )),
        Cause::Revised(revisions) => {
            let parts: Vec<String> = revisions
                .iter()
                .map(|r| {
                    let (id, source, at) = (r.import.id, &r.import.source, &r.import.made_at);
                    let import = say(&text!(
                        "导入#{id} {source}，{at}",
                        "import #{id} {source}, {at}"
                    ));
                    let rev = &r.revision;
                    if rev.field == ADDED {
                        return say(&text!(
                            "报出后补录（{import}）",
                            "entered after the report ({import})"
                        ));
                    }
                    let (old, new) = (
                        rev.old.as_deref().unwrap_or("—"),
                        rev.new.as_deref().unwrap_or("—"),
                    );
                    let field = match rev.field.as_str() {
                        "filed_on" => say(&text!("立案日期", "filed")),
                        "closed_on" => say(&text!("结案日期", "closed")),
                        other => other.to_string(),
                    };
                    format!("{field} {old} → {new}（{import}）")
                })
                .collect();
            parts.join(match lang() {
                Lang::Zh => "；",
                Lang::En => "; ",
            })
        }
    }
}

/// A break's lines under its month.
pub(crate) fn print_break(b: &Break) {
    let (expected, found) = (b.expected, b.found);
    let what = match b.measure {
        Some(measure) => {
            let name = say(&measure.name());
            say(&text!(
                "{name}：应为 {expected}，现为 {found}",
                "{name}: expected {expected}, found {found}"
            ))
        }
        None => say(&text!(
            "旧存＋新收－结案 = {expected}，未结 = {found}",
            "carried over + new − closed = {expected}, pending = {found}"
        )),
    };
    let against = b.against.as_ref().map_or(String::new(), |r| {
        let (id, name, at) = (r.id, &r.name, &r.made_at);
        say(&text!(
            "（对照报告#{id} {name}，{at}）",
            " (against report #{id} {name}, {at})"
        ))
    });
    println!("  {}  {what}{against}", say(&b.kind.name()));
    for case in b.cases.iter().take(SHOWN) {
        let sign = if case.effect > 0 { "+" } else { "" };
        println!(
            "    {} {sign}{}  {}",
            case.case_no,
            case.effect,
            why(&case.cause)
        );
    }
    let more = b.case_count.saturating_sub(SHOWN as u64);
    if more > 0 {
        println!("    {}", say(&text!("另有 {more} 件", "{more} more cases")));
    }
    let unexplained = b.unexplained();
    if unexplained != 0 {
        println!(
            "    {}",
            say(&text!(
                "另有差额 {unexplained} 无案件可解释（报告可能由其他数据生成，或数据经导入以外的途径修改）",
                "{unexplained} more that no case explains (the report may have been made from other data, or the data changed outside an import)"
            ))
        );
    }
}

/// The reconciliation as a table.
pub(super) fn print(rec: &Reconciliation) {
    let (from, to) = (rec.from, rec.to);
    let reported = rec.reported_months();
    let breaks = rec.breaks().count();
    println!(
        "\n{}",
        say(&text!(
            "对账 {from} 至 {to}：已报告的法院月份 {reported} 个，不符 {breaks} 处",
            "Reconciliation {from} to {to}: {reported} court-months reported, {breaks} breaks"
        ))
    );
    for cell in rec.cells.iter().filter(|c| !c.breaks.is_empty()) {
        let f = cell.now;
        let (carried, filed, closed, pending) = (f.carried, f.filed, f.closed, f.pending);
        println!(
            "{} {}  {}",
            cell.court,
            month_key(cell.month),
            say(&text!(
                "旧存 {carried} 新收 {filed} 结案 {closed} 未结 {pending}",
                "carried {carried} new {filed} closed {closed} pending {pending}"
            ))
        );
        for b in &cell.breaks {
            print_break(b);
        }
    }
}

/// The breaks as JSON objects, one per line, each with `"break"` naming its kind.
pub(super) fn write_json(out: &mut JsonLines, rec: &Reconciliation) -> Result<bool, AppError> {
    for (cell, b) in rec.breaks() {
        if !out.write(&break_json(cell, b))? {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The error that makes `check` exit non-zero when the period does not reconcile.
pub(super) fn unreconciled(rec: &Reconciliation) -> Result<(), AppError> {
    let breaks = rec.breaks().count();
    if breaks == 0 {
        return Ok(());
    }
    Err(AppError::Conflict(text!(
        "对账发现 {breaks} 处不符，见上表；核实并更正数据，或在报告中说明后再发布",
        "the reconciliation found {breaks} breaks, listed above: check and correct the data, or explain them in the report, before publishing"
    )))
}
