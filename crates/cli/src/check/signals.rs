//! The signals part of `shenguan check`: each court's signal of gaming with its figures against
//! their norms, its evidence and the cases to look into, as lines of a table or JSON objects
//! (docs/gaming-signals.md).

use serde::Serialize;
use shenguan_app::integrity::Signals;
use shenguan_app::{AppError, text};
use shenguan_domain::integrity::{Evidence, Signal};

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

fn shown(value: Option<f64>) -> String {
    value.map_or_else(|| "—".to_string(), |v| format!("{v:.2}"))
}

/// The signals as a table, strongest first.
pub(super) fn print(found: &Signals) {
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
        let (kind, evidence) = (say(&s.kind.name()), say(&s.evidence.name()));
        println!(
            "{}{year} {kind}  {}",
            s.court,
            say(&text!("证据{evidence}", "evidence {evidence}"))
        );
        for f in &s.figures {
            let (value, peers, own) = (shown(f.value), shown(f.peers), shown(f.own));
            let mark = if f.unusual { " ▲" } else { "" };
            println!(
                "  {} {value}{mark}  {}",
                say(&f.name),
                say(&text!(
                    "（同级法院 {peers}，本院往年 {own}）",
                    "(peers {peers}, own earlier years {own})"
                ))
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
}

/// The signals as JSON objects, one per line, each with `"signal"` naming its kind.
pub(super) fn write_json(out: &mut JsonLines, found: &Signals) -> Result<bool, AppError> {
    for s in &found.signals {
        if !out.write(&json(s))? {
            return Ok(false);
        }
    }
    Ok(true)
}
