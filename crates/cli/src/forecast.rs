//! `shenguan forecast`: 预测 — for each court and the courts together, the coming months' new,
//! closed and pending cases with their 80% bands, the 审限 breaches expected among today's
//! pending cases, and the cases passing 12/18/36 months unless closed; `--backtest` prints how
//! such forecasts fared from past month ends (coverage of the bands, misses beside the
//! seasonal-naive forecast) (`docs/forecast.md`).

use serde::Serialize;
use shenguan_app::forecast::{
    BACKTEST_ORIGINS, Backtest, Band, CROSSING_MONTHS, Figure, Forecast, Outlook, Score,
    parse_months,
};
use shenguan_app::metrics::{Asker, Cases, court_scope};
use shenguan_app::{App, AppError, Lang, text};

use crate::output::{JsonLines, lang, say};
use crate::store::{Needs, open_existing};

/// 预测 — new, closed and pending cases of the coming 1–6 months with 80% bands, expected
/// time-limit breaches among today's pending cases, and the cases passing 12/18/36 months.
#[derive(Debug, clap::Args)]
#[command(after_help = "示例 Examples:
  shenguan forecast                                  # every court and the network, six months
  shenguan forecast --court 湘1402 --months 3
  shenguan forecast --court 湘14 --with-lower --format json
  shenguan forecast --backtest                       # how past forecasts fared
  shenguan forecast --backtest --snapshot sim.snapshot --origins 12

Each figure is the middle of 1,000 simulated futures with its 80% band (in eight futures of
ten the figure falls inside). The model and its limits: docs/forecast.md. The backtest forecasts
from each of the last --origins month ends that have six months of actual figures after them,
as the data then stood, and reports how often the band held the actual figure and how far the
middle missed beside the same month a year earlier (BENCHMARKS.md, \"Forecast backtest\").")]
pub struct Args {
    /// 法院代字: one court (default: every court, and the network).
    #[arg(long, value_name = "CODE")]
    court: Option<String>,
    /// 含辖区法院 — the courts below --court too.
    #[arg(long)]
    with_lower: bool,
    /// 预测月数 1–6.
    #[arg(long, value_name = "N", default_value = "6")]
    months: String,
    #[arg(long, value_enum, default_value = "text")]
    format: Format,
    /// 回测 — forecast from past month ends and score against what followed.
    #[arg(long)]
    backtest: bool,
    /// 回测起点数 (month ends, default 12).
    #[arg(long, value_name = "N", requires = "backtest")]
    origins: Option<usize>,
    /// 每次模拟次数 (default 1000).
    #[arg(long, value_name = "N", default_value_t = 1000)]
    draws: usize,
    /// 案件快照 — read the cases from this snapshot (`shenguan metrics snapshot`, `shenguan
    /// generate --snapshot`) instead of the store.
    #[arg(long, value_name = "FILE")]
    snapshot: Option<std::path::PathBuf>,
}

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

pub fn run(app: &App, db: Option<&str>, args: Args) -> Result<(), AppError> {
    let months = parse_months(&args.months, Asker::CommandLine)?;
    let scope = court_scope(args.court.as_deref(), args.with_lower, Asker::CommandLine)?;
    if !(1..=10_000).contains(&args.draws) {
        return Err(AppError::Invalid(text!(
            "--draws 须为1至10000",
            "--draws must be 1 to 10000"
        )));
    }
    let cases = load(app, db, &args)?;
    if args.backtest {
        let origins = args.origins.unwrap_or(BACKTEST_ORIGINS);
        let scored = app.forecast_backtest(&cases, scope, origins, args.draws)?;
        return match args.format {
            Format::Text => {
                print_backtest(&scored, args.draws);
                print_by_court(&scored);
                Ok(())
            }
            Format::Json => backtest_json(&scored),
        };
    }
    let made = app.forecast(&cases, scope, months, args.draws)?;
    let names = app.courts();
    let name = |outlook: &Outlook| match outlook.court {
        Some(code) => names.name_of(code),
        None => say(&text!("合计", "Total")),
    };
    let mut shown: Vec<&Outlook> = made.courts.iter().collect();
    if made.courts.len() != 1 {
        shown.push(&made.total);
    }
    match args.format {
        Format::Text => {
            let (today, draws) = (made.today, made.settings.draws);
            println!(
                "{}",
                say(&text!(
                    "预测（截至 {today}，{draws} 次模拟；中位数及80%区间）",
                    "Forecast (as of {today}, {draws} simulated futures; median and 80% band)"
                ))
            );
            for outlook in shown {
                print_outlook(outlook, &name(outlook));
            }
            Ok(())
        }
        Format::Json => {
            let mut out = JsonLines::stdout();
            for outlook in shown {
                if !out.write(&outlook_json(&made, outlook, name(outlook)))? {
                    break;
                }
            }
            out.finish()
        }
    }
}

/// The case columns; with the case numbers for a forecast (it lists the cases passing 12, 18
/// and 36 months), without them for the backtest, which only counts.
fn load(app: &App, db: Option<&str>, args: &Args) -> Result<Cases, AppError> {
    let numbers = !args.backtest;
    match &args.snapshot {
        Some(path) => app.read_snapshot(path, numbers),
        None => {
            let mut store = open_existing(app, db, Needs::Cases)?;
            let mut note = |note: &shenguan_app::Text| eprintln!("{}", say(note));
            if numbers {
                app.columns(&mut store, &mut note)
            } else {
                app.columns_for_counting(&mut store, &mut note)
            }
        }
    }
}

fn band(b: &Band) -> String {
    format!("{:.0}（{:.0}–{:.0}）", b.median, b.low, b.high)
}

fn print_outlook(outlook: &Outlook, name: &str) {
    let (now, overdue) = (outlook.pending_now, outlook.overdue_now);
    let code = outlook.court.map(|c| c.to_string()).unwrap_or_default();
    println!(
        "\n{code} {name}  {}",
        say(&text!(
            "今日未结 {now} 件，其中已超审限 {overdue} 件",
            "pending today {now}, of them past the time limit {overdue}"
        ))
    );
    let headings = match lang() {
        Lang::Zh => [
            "月末",
            "新收",
            "结案",
            "未结",
            "超审限",
            "满12个月",
            "满18个月",
            "满36个月",
        ],
        Lang::En => [
            "month end",
            "new",
            "closed",
            "pending",
            "breaches",
            "12 months",
            "18 months",
            "36 months",
        ],
    };
    println!("  {}", headings.join(" | "));
    for month in &outlook.months {
        let crossing: Vec<String> = month
            .crossing
            .iter()
            .map(|c| format!("{}→{:.0}", c.reaching, c.expected_pending))
            .collect();
        println!(
            "  {} | {} | {} | {} | {} | {}",
            month.month_end,
            band(&month.new),
            band(&month.closed),
            band(&month.pending),
            band(&month.breaches),
            crossing.join(" | ")
        );
    }
    println!(
        "  {}",
        say(&text!(
            "满N个月：本月将满N个月的未结案件数→预计届时仍未结的件数",
            "N months: pending cases reaching N months this month → expected still pending then"
        ))
    );
}

#[derive(Serialize)]
struct BandJson {
    low: f64,
    median: f64,
    high: f64,
    mean: f64,
}

impl From<&Band> for BandJson {
    fn from(b: &Band) -> BandJson {
        BandJson {
            low: b.low,
            median: b.median,
            high: b.high,
            mean: b.mean,
        }
    }
}

#[derive(Serialize)]
struct CrossingJson {
    months: u32,
    reaching: u64,
    expected_pending: f64,
}

#[derive(Serialize)]
struct CrossingCaseJson {
    case_no: String,
    court: String,
    filed_on: String,
    months: u32,
    month_end: String,
    /// The chance the curves give that it is still pending then.
    still_pending: f64,
}

#[derive(Serialize)]
struct MonthJson {
    month_end: String,
    new: BandJson,
    closed: BandJson,
    pending: BandJson,
    breaches: BandJson,
    crossing: Vec<CrossingJson>,
}

#[derive(Serialize)]
struct OutlookJson {
    /// The court's code; null for the courts together.
    court: Option<String>,
    name: String,
    today: String,
    draws: usize,
    pending_now: u64,
    overdue_now: u64,
    months: Vec<MonthJson>,
    /// The pending cases certain to pass 12, 18 or 36 months in these months unless closed.
    crossing_cases: Vec<CrossingCaseJson>,
}

fn outlook_json(made: &Forecast, outlook: &Outlook, name: String) -> OutlookJson {
    OutlookJson {
        court: outlook.court.map(|c| c.to_string()),
        name,
        today: made.today.to_string(),
        draws: made.settings.draws,
        pending_now: outlook.pending_now,
        overdue_now: outlook.overdue_now,
        months: outlook
            .months
            .iter()
            .map(|m| MonthJson {
                month_end: m.month_end.to_string(),
                new: (&m.new).into(),
                closed: (&m.closed).into(),
                pending: (&m.pending).into(),
                breaches: (&m.breaches).into(),
                crossing: m
                    .crossing
                    .iter()
                    .zip(CROSSING_MONTHS)
                    .map(|(c, months)| CrossingJson {
                        months,
                        reaching: c.reaching,
                        expected_pending: c.expected_pending,
                    })
                    .collect(),
            })
            .collect(),
        crossing_cases: outlook
            .crossing_cases
            .iter()
            .map(|c| CrossingCaseJson {
                case_no: c.case_no.clone(),
                court: c.court.to_string(),
                filed_on: c.filed.to_string(),
                months: c.months,
                month_end: c.month_end.to_string(),
                still_pending: c.still_pending,
            })
            .collect(),
    }
}

fn figure_label(figure: Figure) -> &'static str {
    match lang() {
        Lang::Zh => figure.label_zh(),
        Lang::En => figure.label_en(),
    }
}

fn print_backtest(scored: &Backtest, draws: usize) {
    let n = scored.origins.len();
    let first = scored
        .origins
        .first()
        .map(|d| d.to_string())
        .unwrap_or_default();
    let last = scored
        .origins
        .last()
        .map(|d| d.to_string())
        .unwrap_or_default();
    let courts = scored.court_count;
    println!(
        "{}",
        say(&text!(
            "预测回测：{n} 个起点（{first} 至 {last}），每次 {draws} 次模拟，{courts} 个法院",
            "Forecast backtest: {n} origins ({first} to {last}), {draws} simulated futures each, {courts} courts"
        ))
    );
    let headings = match lang() {
        Lang::Zh => {
            "范围 | 指标 | 提前月数 | 预测次数 | 80%区间覆盖率 | 平均绝对误差 | 同期法平均绝对误差 | 误差比 | 加权误差率"
        }
        Lang::En => {
            "level | figure | months ahead | forecasts | 80% band coverage | MAE | seasonal-naive MAE | MAE ratio | WAPE"
        }
    };
    println!("{headings}");
    let levels = [
        (say(&text!("各法院", "courts")), &scored.courts),
        (say(&text!("合计", "total")), &scored.total),
    ];
    for (level, table) in levels {
        for (f, figure) in Figure::ALL.iter().enumerate() {
            for (h, s) in table[f].iter().enumerate() {
                if s.count == 0 {
                    continue;
                }
                println!(
                    "{}",
                    backtest_row(&level, figure_label(*figure), &(h + 1).to_string(), s)
                );
            }
            let all = summed(&table[f]);
            println!(
                "{}",
                backtest_row(&level, figure_label(*figure), "1–6", &all)
            );
        }
    }
}

/// Each court's coverage and MAE ratio per figure over every origin and month ahead.
fn print_by_court(scored: &Backtest) {
    let heading = say(&text!(
        "各法院（1–6个月合计）：80%区间覆盖率 / 误差比",
        "Each court (months 1–6 together): 80% band coverage / MAE ratio"
    ));
    println!("\n{heading}");
    let figures: Vec<&str> = Figure::ALL.iter().map(|f| figure_label(*f)).collect();
    println!("{} | {}", say(&text!("法院", "court")), figures.join(" | "));
    let show = |v: Option<f64>, digits: usize| v.map_or("—".into(), |v| format!("{v:.digits$}"));
    for (court, scores) in &scored.by_court {
        let cells: Vec<String> = scores
            .iter()
            .map(|s| format!("{}% / {}", show(s.coverage(), 1), show(s.relative(), 2)))
            .collect();
        println!("{court} | {}", cells.join(" | "));
    }
}

fn summed(scores: &[Score]) -> Score {
    scores.iter().fold(Score::default(), |mut acc, s| {
        acc.count += s.count;
        acc.covered += s.covered;
        acc.error += s.error;
        acc.naive_error += s.naive_error;
        acc.bias += s.bias;
        acc.actual += s.actual;
        acc
    })
}

fn backtest_row(level: &str, figure: &str, ahead: &str, s: &Score) -> String {
    let show = |v: Option<f64>, digits: usize| v.map_or("—".into(), |v| format!("{v:.digits$}"));
    format!(
        "{level} | {figure} | {ahead} | {} | {}% | {} | {} | {} | {}% | {}",
        s.count,
        show(s.coverage(), 1),
        show(s.mae(), 1),
        show(s.naive_mae(), 1),
        show(s.relative(), 2),
        show(s.wape(), 1),
        show(s.mean_bias(), 1),
    )
}

#[derive(Serialize)]
struct ScoreJson {
    /// "courts" (every court and origin) or "total" (the courts together).
    level: &'static str,
    figure: &'static str,
    /// Months ahead, 1–6.
    ahead: usize,
    forecasts: u64,
    /// Percent of actual figures inside the 80% band.
    coverage: Option<f64>,
    mae: Option<f64>,
    naive_mae: Option<f64>,
    mae_ratio: Option<f64>,
    wape: Option<f64>,
    /// Mean signed miss of the median (above 0: the forecast ran high).
    bias: Option<f64>,
    origins: Vec<String>,
}

fn backtest_json(scored: &Backtest) -> Result<(), AppError> {
    let mut out = JsonLines::stdout();
    let origins: Vec<String> = scored.origins.iter().map(|d| d.to_string()).collect();
    for (level, table) in [("courts", &scored.courts), ("total", &scored.total)] {
        for (f, figure) in Figure::ALL.iter().enumerate() {
            for (h, s) in table[f].iter().enumerate() {
                let row = ScoreJson {
                    level,
                    figure: figure.key(),
                    ahead: h + 1,
                    forecasts: s.count,
                    coverage: s.coverage(),
                    mae: s.mae(),
                    naive_mae: s.naive_mae(),
                    mae_ratio: s.relative(),
                    wape: s.wape(),
                    bias: s.mean_bias(),
                    origins: origins.clone(),
                };
                if !out.write(&row)? {
                    return out.finish();
                }
            }
        }
    }
    out.finish()
}
