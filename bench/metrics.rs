//! bench-metrics: the indicator engine's side of the metrics benchmark. Reads a case snapshot,
//! computes the core set for every court × month of a period, then repeats the computation with
//! the columns already in memory; prints the timings (load, first run, warm best and median) and
//! the peak memory, and writes the values for the cross-check against DuckDB.
//!
//! Usage: bench-metrics SNAPSHOT[,SNAPSHOT…] FROM TO [--repeat N] [--threads T] [--out values.json]
//!
//! Several snapshots are several cities of one province (`shenguan generate --city`), each
//! written by its own run: all are read and held, and each computation covers every city in
//! turn; their courts differ, so the rows are the union of the cities' rows.

use std::path::PathBuf;
use std::time::Instant;

use chrono::NaiveDate;
use shenguan_metrics::{Dimension, Filter, Period, Query, TimeStandards, core, run, snapshot};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let fail = |message: &str| -> ! {
        eprintln!(
            "bench-metrics: {message}\nusage: bench-metrics SNAPSHOT[,SNAPSHOT…] FROM TO [--repeat N] [--threads T] [--out FILE]"
        );
        std::process::exit(2)
    };
    if args.len() < 3 {
        fail("missing arguments");
    }
    let date = |text: &str| {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|_| fail("bad date"))
    };
    let option = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1))
            .cloned()
    };
    let repeat: usize =
        option("--repeat").map_or(5, |v| v.parse().unwrap_or_else(|_| fail("bad --repeat")));
    let threads: usize =
        option("--threads").map_or(2, |v| v.parse().unwrap_or_else(|_| fail("bad --threads")));
    let out = option("--out").map(PathBuf::from);

    let start = Instant::now();
    let cities: Vec<_> = args[0]
        .split(',')
        .map(|path| {
            snapshot::read_for_counting(&PathBuf::from(path))
                .unwrap_or_else(|e| fail(&format!("{path}: {e}")))
        })
        .collect();
    let load = start.elapsed().as_secs_f64();
    let period =
        Period::new(date(&args[1]), date(&args[2])).unwrap_or_else(|| fail("--to before --from"));
    let query = Query {
        period,
        filter: Filter::default(),
        group_by: vec![Dimension::Court, Dimension::Month],
        indicators: core().collect(),
        standards: TimeStandards::default(),
        threads,
    };
    let timed = || {
        let start = Instant::now();
        let mut rows = Vec::new();
        for cases in &cities {
            let result = run(cases, &query).unwrap_or_else(|e| fail(&e.to_string()));
            rows.extend(result.rows);
        }
        (start.elapsed().as_secs_f64(), rows)
    };
    let (first, result) = timed();
    let mut warm: Vec<f64> = (0..repeat).map(|_| timed().0).collect();
    warm.sort_by(f64::total_cmp);
    let best = warm.first().copied().unwrap_or(first);
    let median = warm.get(warm.len() / 2).copied().unwrap_or(first);
    let peak_kb = std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| {
                l.split_whitespace()
                    .nth(1)
                    .and_then(|v| v.parse::<u64>().ok())
            })
        })
        .unwrap_or(0);
    println!(
        "{{\"cases\": {}, \"rows\": {}, \"indicators\": {}, \"threads\": {threads}, \"load_s\": {load:.4}, \"first_s\": {first:.4}, \"warm_best_s\": {best:.4}, \"warm_median_s\": {median:.4}, \"peak_kb\": {peak_kb}}}",
        cities.iter().map(|cases| cases.len()).sum::<usize>(),
        result.len(),
        query.indicators.len()
    );
    if let Some(out) = out {
        // court, month, then each core indicator's value (null where undefined).
        let mut text = String::from("[\n");
        for (i, row) in result.iter().enumerate() {
            let values: Vec<String> = query
                .indicators
                .iter()
                .zip(&row.values)
                .map(|(ind, v)| {
                    format!(
                        "\"{}\": {}",
                        ind.code,
                        v.map_or("null".to_string(), |v| format!("{v:?}"))
                    )
                })
                .collect();
            text.push_str(&format!(
                "{{\"court\": \"{}\", \"month\": \"{}\", {}}}{}\n",
                row.group[0].1,
                row.group[1].1,
                values.join(", "),
                if i + 1 < result.len() { "," } else { "" }
            ));
        }
        text.push_str("]\n");
        std::fs::write(&out, text).unwrap_or_else(|e| fail(&e.to_string()));
    }
}
