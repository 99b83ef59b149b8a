//! The portable indicator SQL on Apache Spark (local mode): `scripts/spark_metrics.py` over a
//! partitioned export gives the figures `shenguan metrics` gives — counts equal, ratios within
//! 1e-9 — court by court and for the network, over several periods, on a province of three
//! simulated cities (three seeds) gathered into one store.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;
use shenguan_testkit::skip::current_test;
use shenguan_testkit::tools;

use crate::support::{Workdir, path};

/// The periods compared: a whole year, a half year, and one that starts and ends mid-month.
const PERIODS: [(&str, &str); 3] = [
    ("2023-01-01", "2023-12-31"),
    ("2024-01-01", "2024-06-30"),
    ("2023-07-15", "2024-02-10"),
];

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/spark_metrics.py")
}

/// Runs the script with `args`; its exit code, standard output and standard error.
fn run_script(python: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(python)
        .arg(script())
        .args(args)
        .output()
        .expect("python runs");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// One simulated city per seed: the generator's network (湘14 and its basic courts) renamed to
/// `city`, so that three seeds make three cities of one province.
fn gather_cities(dir: &Workdir) {
    for (seed, city) in [("3", "湘14"), ("5", "苏01"), ("8", "浙02")] {
        let out = format!("seed{seed}");
        dir.ok(&[
            "generate",
            "--cases",
            "1500",
            "--seed",
            seed,
            "--from",
            "2021-07-01",
            "--to",
            "2024-12-31",
            "--out",
            &out,
        ]);
        let mut files = Vec::new();
        for table in ["cases", "events"] {
            let text = std::fs::read_to_string(dir.file(&out).join(format!("{table}.csv")))
                .expect("generated file");
            files.push(dir.write(&format!("{city}-{table}.csv"), &text.replace("湘14", city)));
        }
        let said = dir.ok(&["import", path(&files[0]), path(&files[1])]);
        assert!(said.contains("错误0行"), "{said}");
    }
}

/// Whether two indicator values agree: both null, equal whole numbers, or numbers within 1e-9
/// (relative to the size of the value, for values above 1).
fn agree(engine: &Value, spark: &Value) -> bool {
    match (engine, spark) {
        (Value::Null, Value::Null) => true,
        (Value::Number(a), Value::Number(b)) if a.is_i64() || a.is_u64() => a == b,
        (Value::Number(a), Value::Number(b)) => {
            let (a, b) = (
                a.as_f64().unwrap_or(f64::NAN),
                b.as_f64().unwrap_or(f64::NAN),
            );
            (a - b).abs() <= 1e-9 * a.abs().max(1.0)
        }
        _ => false,
    }
}

/// The rows of a `metrics --format json` document by their group, as text.
fn rows_by_group(document: &Value) -> std::collections::BTreeMap<String, Value> {
    document["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| (row["group"].to_string(), row["values"].clone()))
        .collect()
}

#[test]
fn spark_gives_the_engines_figures_for_three_cities_court_by_court_and_for_the_network() {
    let Some(python) = tools::pyspark(&current_test()) else {
        return;
    };
    let dir = Workdir::sqlite();
    gather_cities(&dir);
    dir.ok(&[
        "export",
        "--format",
        "parquet",
        "--partition-by",
        "court,year",
        "--out",
        "lake",
    ]);
    let mut args = vec![path(&dir.file("lake")).to_string()];
    for (from, to) in PERIODS {
        args.extend(["--period".to_string(), format!("{from}..{to}")]);
    }
    args.extend(["--by", "court", "--by", "network", "--master", "local[2]"].map(String::from));
    let timings = dir.file("timings.json");
    args.extend(["--timings".to_string(), path(&timings).to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, err) = run_script(&python, &args);
    assert_eq!(code, 0, "{err}");
    // How long each step took: the session, then per grouping its reading and one run's seconds
    // for each of the 34 indicators.
    let timings: Value =
        serde_json::from_str(&std::fs::read_to_string(&timings).expect("timings")).expect("json");
    assert!(
        timings["session_s"].as_f64().is_some_and(|s| s > 0.0),
        "{timings}"
    );
    let groupings = timings["groupings"].as_array().expect("groupings");
    assert_eq!(
        groupings
            .iter()
            .map(|g| g["by"].clone())
            .collect::<Vec<_>>(),
        ["court", "network"]
    );
    for grouping in groupings {
        let runs = grouping["runs"].as_array().expect("runs");
        assert_eq!(runs.len(), 1, "{grouping}");
        let seconds = runs[0].as_object().expect("seconds per indicator");
        assert_eq!(seconds.len(), 34, "{grouping}");
        assert!(
            seconds
                .values()
                .all(|s| s.as_f64().is_some_and(|s| s >= 0.0))
        );
    }
    let documents: Vec<Value> = out
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("{e}: {line}")))
        .collect();
    assert_eq!(documents.len(), 2 * PERIODS.len(), "{out}");

    let mut compared = 0;
    let groupings = [Some("court"), None];
    for (index, document) in documents.iter().enumerate() {
        let (from, to) = PERIODS[index % PERIODS.len()];
        let by = groupings[index / PERIODS.len()];
        let mut asked = vec!["metrics", "--from", from, "--to", to, "--format", "json"];
        asked.extend(by.iter().flat_map(|by| ["--by", *by]));
        let engine = dir.json(&asked);
        assert_eq!(engine["from"], document["from"]);
        assert_eq!(engine["to"], document["to"]);
        assert_eq!(engine["group_by"], document["group_by"]);
        // The SQL implements the definitions the engine uses (法定审限内结案率 at version 2).
        assert_eq!(engine["definitions"], document["definitions"]);
        assert_eq!(document["definitions"]["within_limit_rate"], 2);
        let (engine_rows, spark_rows) = (rows_by_group(&engine), rows_by_group(document));
        // The same courts have a row: 33 (three cities of eleven courts), or the network's one.
        assert_eq!(
            engine_rows.keys().collect::<Vec<_>>(),
            spark_rows.keys().collect::<Vec<_>>(),
            "{asked:?}"
        );
        assert_eq!(engine_rows.len(), if by.is_some() { 33 } else { 1 });
        for (group, values) in &engine_rows {
            let spark = &spark_rows[group];
            let codes = values.as_object().expect("values");
            assert_eq!(codes.len(), 34, "the core set: {codes:?}");
            for (code, value) in codes {
                assert!(
                    agree(value, &spark[code]),
                    "{asked:?} {group} {code}: the engine {value}, Spark {}",
                    spark[code]
                );
                compared += 1;
            }
        }
    }
    // 3 periods × (33 courts + the network) × 34 indicators.
    assert_eq!(compared, 3 * 34 * 34);
}

#[test]
fn the_spark_script_refuses_what_it_cannot_read_before_starting_spark() {
    let Some(python) = tools::pyspark(&current_test()) else {
        return;
    };
    let dir = Workdir::sqlite();
    let lake = dir.file("lake");
    std::fs::create_dir_all(&lake).expect("folder");
    let lake = path(&lake);
    for (args, said) in [
        (
            vec![lake, "--from", "2024-02-30", "--to", "2024-03-31"],
            "“2024-02-30” is not a date",
        ),
        (
            vec![lake, "--from", "2024-06-01", "--to", "2024-01-31"],
            "ends before it starts",
        ),
        (
            vec![lake, "--from", "2024-01-01"],
            "--from and --to go together",
        ),
        (vec![lake, "--period", "2024-01-01"], "must be FROM..TO"),
        (vec![lake], "name the period"),
        (
            vec![
                lake,
                "--from",
                "2024-01-01",
                "--to",
                "2024-01-31",
                "--indicators",
                "x;DROP",
            ],
            "no SQL for x;DROP",
        ),
        (
            vec!["/nowhere", "--from", "2024-01-01", "--to", "2024-01-31"],
            "no such folder",
        ),
        (
            vec![
                lake,
                "--from",
                "2024-01-01",
                "--to",
                "2024-01-31",
                "--shuffle-partitions",
                "0",
            ],
            "must be 1 or more",
        ),
        (
            vec![
                lake,
                "--from",
                "2024-01-01",
                "--to",
                "2024-01-31",
                "--repeat",
                "0",
            ],
            "--repeat 0 must be 1 or more",
        ),
        (
            vec![
                lake,
                "--from",
                "2024-01-01",
                "--to",
                "2024-01-31",
                "--conf",
                "spark.x",
            ],
            "must be KEY=VALUE",
        ),
    ] {
        let (code, _, err) = run_script(&python, &args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(said), "{args:?}: {err}");
    }
    // A folder that is not an export, and one whose export did not finish: said once Spark is
    // up, still as refusals.
    let (code, _, err) = run_script(
        &python,
        &[lake, "--from", "2024-01-01", "--to", "2024-01-31"],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("neither cases/ nor cases.parquet"), "{err}");
    let unfinished = dir.file("unfinished");
    std::fs::create_dir_all(unfinished.join("cases/court_code=湘1402/year=2024")).expect("folder");
    let (code, _, err) = run_script(
        &python,
        &[
            path(&unfinished),
            "--from",
            "2024-01-01",
            "--to",
            "2024-01-31",
        ],
    );
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no _SUCCESS"), "{err}");
}
