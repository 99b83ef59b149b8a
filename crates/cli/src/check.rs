//! `shenguan check`: the data-quality scorecard of a period — for each court the cases checked,
//! the share that break no rule and that share month by month of filing, and each rule broken with
//! its count and first cases — and the stock-flow reconciliation of its months, as a table or JSON
//! lines; the command exits non-zero when a month does not reconcile (`docs/data-quality.md`,
//! `docs/reconciliation.md`); and the signals of gaming of the period (`docs/gaming-signals.md`).

mod reconcile;
mod signals;

pub(crate) use reconcile::{ReportJson, break_json, print_break};

use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use shenguan_app::metrics::{Asker, court_scope};
use shenguan_app::quality::{CourtCard, Scorecard, year_start};
use shenguan_app::{App, AppError, Lang, text};
use shenguan_domain::parse_date;

use crate::output::{JsonLines, lang, say};
use crate::store::{Needs, open_existing};

/// 数据质量 — the data-quality scorecard: missing values and parties, doubtful dates, hearings and
/// procedures, events after the closing, case numbers given late or missing, by court and month.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan check                                   # last year and this to date, every court
  shenguan check --from 2026-01-01 --to 2026-06-30 --court 湘1402
  shenguan check --court 湘14 --with-lower --format json

Each rule and its definition: docs/data-quality.md. A case is checked when it was filed in the
period; a court's score is the share of its cases that break no rule, given for the period and
for each month of filing. Parties are checked only in a court whose records hold some.

The reconciliation (docs/reconciliation.md) checks each court's months of the period: 旧存 +
新收 − 结案 = 未结, the first month's 旧存 against last month's 未结 as reported, and every figure
a recorded bulletin or summary printed against the same figure now, each break with its cases.
Exit status 1 when a break is found, so that an office can run it before publishing.

The signals of gaming (docs/gaming-signals.md) — year-end rush, closings bunched before the
monthly cut-offs, filings held back, withdraw and refile, stopping the clock (by court and by
judge), 终本 early, failing its checklist or soon restored — each figure against its peers (a
judge's against the court's other judges) and its own earlier years, with the cases to look into and how strong the evidence is: lists to
look into, never a ranking. After them, the counter-measures some provinces assess: 年底收案率,
立案偏离度 and 审执结案进度 (each month's closings over an assessment year from December, against
the floors of [integrity] progress_floors).")]
pub struct Args {
    /// 起始日 (default: 1 January of last year, so that the last year's end is in the period: the
    /// year-end signals and the year's shares need it).
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// 截止日 (default: today).
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// 法院代字: one court's cases (default: every court).
    #[arg(long, value_name = "CODE")]
    court: Option<String>,
    /// 含辖区法院 — the courts below --court too.
    #[arg(long)]
    with_lower: bool,
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// 只做其中一项: scorecard (数据质量), reconcile (对账) or signals (风险信号); all by
    /// default.
    #[arg(long, value_enum)]
    only: Option<Part>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Part {
    Scorecard,
    Reconcile,
    Signals,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Format {
    Table,
    Json,
}

#[derive(Serialize)]
struct RuleJson<'a> {
    rule: &'static str,
    name: String,
    count: u64,
    cases: &'a [String],
}

#[derive(Serialize)]
struct MonthJson {
    /// YYYY-MM.
    month: String,
    checked: u64,
    clean: u64,
    score: Option<f64>,
}

#[derive(Serialize)]
struct CourtJson<'a> {
    court: &'a str,
    checked: u64,
    clean: u64,
    score: Option<f64>,
    rules: Vec<RuleJson<'a>>,
    /// The rules the court's records could not be checked on.
    not_checked: Vec<&'static str>,
    months: Vec<MonthJson>,
}

pub fn run(app: &App, db: Option<&str>, args: Args) -> Result<(), AppError> {
    let today = app.today();
    let date = |name: &str, text: &Option<String>, default| match text {
        Some(text) => parse_date(text).map_err(|e| AppError::invalid_for(name, &e.text())),
        None => Ok(default),
    };
    let last_year = today
        .with_year(today.year() - 1)
        .or_else(|| today.pred_opt())
        .unwrap_or(today);
    let from = date("--from", &args.from, year_start(last_year))?;
    let to = date("--to", &args.to, today)?;
    let scope = court_scope(args.court.as_deref(), args.with_lower, Asker::CommandLine)?;
    let mut store = open_existing(app, db, Needs::Cases)?;
    let wanted = |part: Part| args.only.is_none_or(|only| only == part);
    let scorecard = wanted(Part::Scorecard);
    let found = match wanted(Part::Signals) {
        true => Some(app.integrity_signals(&mut store, None, scope, from, to)?),
        false => None,
    };
    let reconciliation = match wanted(Part::Reconcile) {
        false => None,
        true => {
            let cases = app.columns(&mut store, &mut |note| eprintln!("{}", say(note)))?;
            Some(app.reconciliation(&mut store, None, &cases, scope, from, to)?)
        }
    };
    let card = match scorecard {
        true => Some(app.quality_scorecard(&mut store, None, scope, from, to)?),
        false => None,
    };
    match args.format {
        Format::Json => {
            let mut out = JsonLines::stdout();
            let mut open = true;
            for court in card.iter().flat_map(|c| &c.courts) {
                if !out.write(&json(court))? {
                    open = false;
                    break;
                }
            }
            if let (true, Some(rec)) = (open, &reconciliation) {
                open = reconcile::write_json(&mut out, rec)?;
            }
            if let (true, Some(found)) = (open, &found) {
                signals::write_json(&mut out, found)?;
            }
            out.finish()?;
        }
        Format::Table => {
            if let Some(card) = &card {
                print_scorecard(card, from, to);
            }
            if let Some(rec) = &reconciliation {
                reconcile::print(rec);
            }
            if let Some(found) = &found {
                signals::print(found, &app.config().integrity);
            }
        }
    }
    match &reconciliation {
        Some(rec) => reconcile::unreconciled(rec),
        None => Ok(()),
    }
}

fn print_scorecard(card: &Scorecard, from: NaiveDate, to: NaiveDate) {
    {
        {
            println!(
                "{}",
                say(&text!(
                    "数据质量 {from} 至 {to}（立案于期间内的案件）",
                    "Data quality {from} to {to} (cases filed in the period)"
                ))
            );
            if card.courts.is_empty() {
                println!("{}", say(&text!("期间内没有案件", "no case in the period")));
            }
            for court in &card.courts {
                print_court(court);
            }
        }
    }
}

fn json(court: &CourtCard) -> CourtJson<'_> {
    CourtJson {
        court: &court.court,
        checked: court.checked,
        clean: court.clean,
        score: court.score,
        rules: court
            .rules
            .iter()
            .map(|r| RuleJson {
                rule: r.rule.code(),
                name: say(&r.rule.name()),
                count: r.count,
                cases: &r.cases,
            })
            .collect(),
        not_checked: court.not_checked.iter().map(|r| r.code()).collect(),
        months: court
            .months
            .iter()
            .map(|m| MonthJson {
                month: m.month.format("%Y-%m").to_string(),
                checked: m.checked,
                clean: m.clean,
                score: m.score,
            })
            .collect(),
    }
}

fn print_court(court: &CourtCard) {
    let score = court.score.map_or("—".into(), |s| format!("{s:.1}"));
    let (checked, clean) = (court.checked, court.clean);
    println!(
        "\n{} {}",
        court.court,
        say(&text!(
            "核查{checked}件，无问题{clean}件，得分{score}",
            "{checked} checked, {clean} clean, score {score}"
        ))
    );
    // The trend on one line: each month of filing with its score and its cases checked.
    let months: Vec<String> = court
        .months
        .iter()
        .map(|m| {
            let score = m.score.map_or("—".into(), |s| format!("{s:.1}"));
            format!("{} {score} ({})", m.month.format("%Y-%m"), m.checked)
        })
        .collect();
    if !months.is_empty() {
        let months = months.join(" · ");
        println!("  {}", say(&text!("按月：{months}", "By month: {months}")));
    }
    for r in court.rules.iter().filter(|r| r.count > 0) {
        let first = r.cases.join(match lang() {
            Lang::Zh => "、",
            Lang::En => ", ",
        });
        println!("  {:<24} {:>7}  {first}", say(&r.rule.name()), r.count);
    }
    for rule in &court.not_checked {
        let name = say(&rule.name());
        println!(
            "  {}",
            say(&text!(
                "{name}：未核查（本院数据未含当事人）",
                "{name}: not checked (the court's records hold no parties)"
            ))
        );
    }
}
