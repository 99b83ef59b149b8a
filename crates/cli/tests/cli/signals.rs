//! The signals of gaming against known truth: a network with each kind of gaming planted at full
//! intensity in a court of its own — `check --only signals` finds each kind in its court with
//! strong evidence and lists at least 90 % of the planted cases — and the same network with
//! nothing planted raises no strong signal (BENCHMARKS.md, "Signals of gaming on planted
//! networks", for the table at every intensity).

use std::collections::{HashMap, HashSet};

use serde_json::Value;

use crate::support::Workdir;

const PLANTS: [(&str, &str); 6] = [
    ("year_end_rush", "湘1402"),
    ("withheld_filings", "湘1403"),
    ("withdraw_refile", "湘1404"),
    ("clock_stopping", "湘1405"),
    ("zhongben_early", "湘1406"),
    ("month_end_rush", "湘1407"),
];

/// Generates the network (planted or not) into the folder's store and reads its signals.
fn signals(dir: &Workdir, planted: bool) -> Vec<Value> {
    let mut args = vec![
        "generate".to_string(),
        "--scale".into(),
        "0.05".into(),
        "--seed".into(),
        "1".into(),
        "--from".into(),
        "2023-01-01".into(),
        "--to".into(),
        "2026-10-31".into(),
    ];
    if planted {
        for (kind, court) in PLANTS {
            args.push("--plant".into());
            args.push(format!("{kind}={court}:1.0"));
        }
        args.push("--plant-truth".into());
        args.push(dir.file("truth.csv").display().to_string());
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    dir.ok(&args);
    let out = dir.ok(&[
        "check",
        "--only",
        "signals",
        "--from",
        "2023-01-01",
        "--to",
        "2026-10-31",
        "--format",
        "json",
    ]);
    out.lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("a JSON line"))
        .filter(|v| v.get("signal").is_some())
        .collect()
}

#[test]
fn each_planted_kind_is_found_in_its_court_and_an_honest_network_raises_no_strong_signal() {
    let dir = Workdir::sqlite();
    let found = signals(&dir, true);
    let truth = std::fs::read_to_string(dir.file("truth.csv")).expect("the truth");
    let mut planted: HashMap<String, HashSet<String>> = HashMap::new();
    for line in truth.lines().skip(1) {
        let cells: Vec<&str> = line.split(',').collect();
        planted
            .entry(cells[1].to_string())
            .or_default()
            .insert(cells[0].to_string());
    }
    for (kind, court) in PLANTS {
        let truth = &planted[kind];
        assert!(truth.len() >= 20, "{kind}: {} planted", truth.len());
        let mine: Vec<&Value> = found
            .iter()
            .filter(|s| s["signal"] == kind && s["court"] == court)
            .collect();
        assert!(
            mine.iter().any(|s| s["evidence"] == "strong"),
            "{kind} in {court}: {mine:#?}"
        );
        let listed: HashSet<&str> = mine
            .iter()
            .flat_map(|s| s["cases"].as_array().expect("cases"))
            .filter_map(|c| c["case_no"].as_str())
            .collect();
        let hit = truth.iter().filter(|c| listed.contains(c.as_str())).count();
        let recall = hit as f64 / truth.len() as f64;
        assert!(
            recall >= 0.9,
            "{kind}: recall {recall:.3} ({hit} of {})",
            truth.len()
        );
    }
    // Strong signals come only from courts where something was planted.
    let planted_courts: HashSet<&str> = PLANTS.iter().map(|(_, c)| *c).collect();
    for s in found.iter().filter(|s| s["evidence"] == "strong") {
        let court = s["court"].as_str().expect("court");
        assert!(planted_courts.contains(court), "{s:#?}");
    }

    let honest = Workdir::sqlite();
    let found = signals(&honest, false);
    let strong: Vec<&Value> = found.iter().filter(|s| s["evidence"] == "strong").collect();
    assert!(strong.is_empty(), "{strong:#?}");
}
