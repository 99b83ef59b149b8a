//! The signals part of `shenguan check`: each court's signal of gaming with its figures against
//! their norms, its evidence and the cases to look into, as lines of a table or JSON objects
//! (docs/gaming-signals.md).

use serde::Serialize;
use shenguan_app::integrity::Signals;
use shenguan_app::{AppError, text};
use shenguan_domain::integrity::counter::Progress;
use shenguan_domain::integrity::{Evidence, Figure, Settings, Signal};

use crate::output::{JsonLines, say};

/// How many cases a signal lists on screen (JSON lists them all).
const SHOWN: usize = 10;

#[derive(Serialize)]
struct FigureJson {
    name: String,
    value: Option<f64>,
    peers: Option<f64>,
    own: Option<f64>,
    unusual: bool,
}

#[derive(Serialize)]
struct CaseJson<'a> {
    case_no: &'a str,
    related: Option<&'a str>,
    why: String,
}

#[derive(Serialize)]
struct SignalJson<'a> {
    signal: &'static str,
    court: String,
    /// The judge the signal is of (against the court's other judges); none for the court's.
    judge: Option<&'a str>,
    year: Option<i32>,
    evidence: &'static str,
    figures: Vec<FigureJson>,
    case_count: usize,
    cases: Vec<CaseJson<'a>>,
}

fn json(s: &Signal) -> SignalJson<'_> {
    SignalJson {
        signal: s.kind.code(),
        court: s.court.to_string(),
        judge: s.judge.as_deref(),
        year: s.year,
        evidence: s.evidence.code(),
        figures: s
            .figures
            .iter()
            .map(|f| FigureJson {
                name: say(&f.name),
                value: f.value,
                peers: f.peers,
                own: f.own,
                unusual: f.unusual,
            })
            .collect(),
        case_count: s.cases.len(),
        cases: s
            .cases
            .iter()
            .map(|c| CaseJson {
                case_no: &c.case_no,
                related: c.related.as_deref(),
                why: say(&c.why),
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct ShareJson {
    indicator: &'static str,
    court: String,
    year: i32,
    filings: u64,
    q4: f64,
    nov_dec: f64,
    q4_below: bool,
    nov_dec_below: bool,
}

#[derive(Serialize)]
struct DeviationJson {
    indicator: &'static str,
    court: String,
    month: String,
    filings: u64,
    expected: Option<f64>,
    deviation: Option<f64>,
}

#[derive(Serialize)]
struct ProgressJson {
    indicator: &'static str,
    court: String,
    /// The assessment year, named by the year it ends in.
    year: i32,
    month: String,
    pending: u64,
    filings: u64,
    closings: u64,
    progress: f64,
    floor: Option<f64>,
    below: bool,
}

/// 审执结案进度: one line a court and assessment year, each month's figure in turn, those below
/// their floors marked ▼.
fn print_progress(all: &[Progress], start_month: u32) {
    if all.is_empty() {
        return;
    }
    println!(
        "\n{}",
        say(&text!(
            "审执结案进度（考核年度自{start_month}月1日起：累计结案 ÷（年初未结 + 累计新收），▼ 低于当月下限）",
            "Closing progress (assessment years from day 1 of month {start_month}: closings to date ÷ (pending at the year's start + filings to date), ▼ below the month's floor)"
        ))
    );
    for year in all.chunk_by(|a, b| (a.court, a.year) == (b.court, b.year)) {
        let first = &year[0];
        let (court, label, pending) = (first.court, first.year, first.pending);
        let months: Vec<String> = year
            .iter()
            .map(|p| {
                let mark = if p.below { " ▼" } else { "" };
                format!("{} {:.1}%{mark}", p.month.format("%Y-%m"), p.progress)
            })
            .collect();
        let months = months.join("  ");
        println!(
            "  {court} {}",
            say(&text!(
                "{label}年度 年初未结{pending}件  {months}",
                "assessment year {label}, {pending} pending at its start  {months}"
            ))
        );
    }
}

/// 年底收案率 and the months whose 立案偏离度 passes `warn` (either way).
fn print_counter_measures(found: &Signals, warn: f64) {
    if !found.year_end_shares.is_empty() {
        println!(
            "\n{}",
            say(&text!(
                "年底收案率（第四季度、11至12月新收占全年新收）",
                "Year-end filing shares (Q4, and November–December, of the year's filings)"
            ))
        );
    }
    for y in &found.year_end_shares {
        let (year, filings) = (y.year, y.filings);
        let mark = |below: bool| if below { " ▼" } else { "" };
        let (q4, nd) = (format!("{:.1}%", y.q4), format!("{:.1}%", y.nov_dec));
        let (q4m, ndm) = (mark(y.q4_below), mark(y.nov_dec_below));
        println!(
            "  {} {}",
            y.court,
            say(&text!(
                "{year}年 新收{filings}件  第四季度{q4}{q4m}  11至12月{nd}{ndm}",
                "{year}: {filings} filed  Q4 {q4}{q4m}  Nov–Dec {nd}{ndm}"
            ))
        );
    }
    let beyond: Vec<_> = found
        .deviations
        .iter()
        .filter(|d| d.deviation.is_some_and(|v| v.abs() >= warn))
        .collect();
    if beyond.is_empty() {
        return;
    }
    let pct = format!("{:.0}%", warn * 100.0);
    println!(
        "\n{}",
        say(&text!(
            "立案偏离度超过±{pct}的月份",
            "Months whose filing deviation passes ±{pct}"
        ))
    );
    for d in beyond {
        let month = d.month.format("%Y-%m").to_string();
        let filings = d.filings;
        let expected = d.expected.map_or("—".to_string(), |e| format!("{e:.1}"));
        let deviation = d
            .deviation
            .map_or("—".to_string(), |v| format!("{:+.0}%", v * 100.0));
        println!(
            "  {} {}",
            d.court,
            say(&text!(
                "{month} 新收{filings}件 预期{expected} 偏离{deviation}",
                "{month} {filings} filed, {expected} expected, {deviation}"
            ))
        );
    }
}

/// The signals as a table, strongest first, then the counter-measure figures.
pub(super) fn print(found: &Signals, settings: &Settings) {
    let count = |e: Evidence| found.signals.iter().filter(|s| s.evidence == e).count();
    let (strong, moderate, weak) = (
        count(Evidence::Strong),
        count(Evidence::Moderate),
        count(Evidence::Weak),
    );
    let (from, to) = (found.from, found.to);
    println!(
        "\n{}",
        say(&text!(
            "风险信号 {from} 至 {to}：强 {strong} 项、中 {moderate} 项、弱 {weak} 项（供核查的名单，不是排名）",
            "Signals of gaming {from} to {to}: {strong} strong, {moderate} moderate, {weak} weak (lists to look into, not a ranking)"
        ))
    );
    let mut ordered: Vec<&Signal> = found.signals.iter().collect();
    ordered.sort_by_key(|s| std::cmp::Reverse(s.evidence));
    for s in ordered {
        let year = s.year.map(|y| format!(" {y}")).unwrap_or_default();
        let judge = s
            .judge
            .as_deref()
            .map(|j| format!(" {j}"))
            .unwrap_or_default();
        let (kind, evidence) = (say(&s.kind.name()), say(&s.evidence.name()));
        println!(
            "{}{judge}{year} {kind}  {}",
            s.court,
            say(&text!("证据{evidence}", "evidence {evidence}"))
        );
        for f in &s.figures {
            let (value, peers, own) = (
                Figure::shown(f.value),
                Figure::shown(f.peers),
                Figure::shown(f.own),
            );
            let mark = if f.unusual { " ▲" } else { "" };
            println!(
                "  {} {value}{mark}  {}",
                say(&f.name),
                say(&if s.judge.is_some() {
                    text!(
                        "（本院其他法官比照 {peers}）",
                        "(the court's other judges {peers})"
                    )
                } else {
                    text!(
                        "（同级法院比照 {peers}，本院往年 {own}）",
                        "(peers {peers}, own earlier years {own})"
                    )
                })
            );
        }
        for c in s.cases.iter().take(SHOWN) {
            let related = c
                .related
                .as_deref()
                .map(|r| format!(" → {r}"))
                .unwrap_or_default();
            println!("    {}{related}  {}", c.case_no, say(&c.why));
        }
        let more = s.cases.len().saturating_sub(SHOWN);
        if more > 0 {
            println!("    {}", say(&text!("另有 {more} 件", "{more} more cases")));
        }
    }
    print_counter_measures(found, settings.deviation);
    print_progress(&found.progress, settings.progress_start_month);
}

/// The signals as JSON objects, one per line, each with `"signal"` naming its kind.
pub(super) fn write_json(out: &mut JsonLines, found: &Signals) -> Result<bool, AppError> {
    for s in &found.signals {
        if !out.write(&json(s))? {
            return Ok(false);
        }
    }
    for y in &found.year_end_shares {
        let line = ShareJson {
            indicator: "year_end_share",
            court: y.court.to_string(),
            year: y.year,
            filings: y.filings,
            q4: y.q4,
            nov_dec: y.nov_dec,
            q4_below: y.q4_below,
            nov_dec_below: y.nov_dec_below,
        };
        if !out.write(&line)? {
            return Ok(false);
        }
    }
    for d in found.deviations.iter().filter(|d| d.expected.is_some()) {
        let line = DeviationJson {
            indicator: "filing_deviation",
            court: d.court.to_string(),
            month: d.month.format("%Y-%m").to_string(),
            filings: d.filings,
            expected: d.expected,
            deviation: d.deviation,
        };
        if !out.write(&line)? {
            return Ok(false);
        }
    }
    for p in &found.progress {
        let line = ProgressJson {
            indicator: "closing_progress",
            court: p.court.to_string(),
            year: p.year,
            month: p.month.format("%Y-%m").to_string(),
            pending: p.pending,
            filings: p.filings,
            closings: p.closings,
            progress: p.progress,
            floor: p.floor,
            below: p.below,
        };
        if !out.write(&line)? {
            return Ok(false);
        }
    }
    Ok(true)
}
