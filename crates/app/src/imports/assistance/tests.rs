//! The judicial assistance register on import: identity numbers keyed and never kept, every bad
//! cell named and nothing written, a grant above the cap refused without its reason, years
//! without a wage said in a warning, and an export that imports back to the same records.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use shenguan_domain::Money;
use shenguan_domain::assistance::Decision;
use shenguan_testkit::TempDir;

use crate::exports::{ExportFormat, ExportRequest};
use crate::imports::{ImportOutcome, ImportRequest};
use crate::{App, Config, FixedClock, Store};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

/// 36 months of 2025's 8,000 yuan: a cap of 288,000 yuan for decisions in 2026.
fn app() -> App {
    let mut config = Config::default();
    config.assistance_cap.monthly_wage = vec![(2025, Money::from_fen(800_000))];
    App::with_clock(config, Box::new(FixedClock(d("2026-11-27")))).expect("app")
}

fn open(app: &App, db: &Path) -> Store {
    app.open_store(Some(&db.display().to_string()))
        .expect("store")
}

fn write(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("written");
    path
}

fn import(app: &App, db: &Path, files: Vec<PathBuf>) -> ImportOutcome {
    let mut store = open(app, db);
    app.import(
        &mut store,
        &ImportRequest {
            files,
            ..ImportRequest::default()
        },
        &mut |_| {},
    )
    .expect("the import runs")
}

const NUMBER: &str = "43010219800101109X";

const REGISTER: &str = "案号,申请人,证件号码,申请日期,原案号,决定日期,决定结果,救助金额,超出上限理由,发放日期
（2026）湘1402司救执1号,王某,43010219800101109X,2026-03-01,（2025）湘1402执1号,2026-03-20,救助,30000.00,,2026-04-01
（2026）湘1402司救访2号,李某,,2026-04-01,,2026-04-20,不予救助,,,
（2026）湘14司救民1号,赵某,,2026-05-01,（2025）湘14民初1号,2026-05-20,救助,300000,重伤致残，医疗费用巨大,2026-06-01
（2026）湘1402司救执3号,钱某,,2026-06-01,,,,,,
";

#[test]
fn a_register_is_keyed_written_and_exported_back_to_the_same_records() {
    let dir = TempDir::new("assistance");
    let app = app();
    let db = dir.join("shenguan.db");
    let outcome = import(&app, &db, vec![write(&dir, "司法救助台账.csv", REGISTER)]);
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    assert_eq!(outcome.assistance_valid, 4);
    let written = outcome.written.expect("written").records.assistance;
    assert_eq!((written.added, written.updated), (4, 0));
    let mut store = open(&app, &db);
    let stored = store.inner.assistance(None, None, None).expect("read");
    let first = &stored[0];
    assert_eq!(first.decision, Some(Decision::Granted));
    assert_eq!(first.amount, Some(Money::from_fen(3_000_000)));
    assert!(first.identity.is_some(), "keyed");
    assert_eq!(first.masked.as_deref(), Some("4301**********109X"));
    // Exported, then imported into another store: the same records; no number in clear.
    let out = dir.join("out");
    let files = app
        .export(
            &mut store,
            &ExportRequest {
                format: ExportFormat::Csv,
                out_dir: out.clone(),
                query: shenguan_store::CaseQuery::default(),
                chinese_header: true,
                partition_by: Vec::new(),
            },
            &mut |_| {},
        )
        .expect("exported")
        .files;
    let exported = files
        .iter()
        .find(|f| f.file_name().is_some_and(|n| n == "assistance.csv"))
        .expect("the register's file")
        .clone();
    drop(store);
    for path in files.iter().chain([&db]) {
        let bytes = std::fs::read(path).expect("read");
        assert!(
            !bytes.windows(17).any(|w| w == &NUMBER.as_bytes()[..17]),
            "{} holds the number",
            path.display()
        );
    }
    let other = dir.join("other.db");
    let again = import(&app, &other, vec![exported.clone()]);
    assert!(again.errors.is_empty(), "{:?}", again.errors);
    let copied = open(&app, &other)
        .inner
        .assistance(None, None, None)
        .expect("read");
    assert_eq!(copied, stored);
    // A second import of the same file changes nothing.
    let twice = import(&app, &other, vec![exported]);
    let stats = twice.written.expect("written").records.assistance;
    assert_eq!((stats.added, stats.updated, stats.unchanged), (0, 0, 4));
}

#[test]
fn every_bad_cell_is_named_and_nothing_is_written() {
    let dir = TempDir::new("assistance-bad");
    let app = app();
    let db = dir.join("shenguan.db");
    let bad =
        "案号,申请人,证件号码,申请日期,原案号,决定日期,决定结果,救助金额,超出上限理由,发放日期
（2026）湘1402执1号,王某,,2026-03-01,,,,,,
（2026）湘1402司救执2号,,,2026-03-01,,,,,,
（2026）湘1402司救执3号,王某,430102198001011090,2026-03-01,,,,,,
（2026）湘1402司救执4号,王某,,2026-03-01,,2026-03-20,同意,,,
（2026）湘1402司救执5号,王某,,2026-03-01,,2026-03-20,不予救助,5000,,
（2026）湘1402司救执6号,王某,,2026-03-01,,2026-03-20,救助,288000.01,,2026-04-01
（2026）湘1402司救执7号,王某,,2026-03-01,,2026-02-20,救助,1000,,2026-04-01
（2026）湘1402司救执8号,王某,,2027-03-01,,,,,,
（2026）湘1402司救执9号,=HYPERLINK(\"x\"),,2026-03-01,,,,,,
（2026）湘1402司救执10号,王某,,2026-03-01,,2026-03-20,救助,-5,,
（2026）湘1402司救执12号,王某,,2026-03-01,,,,,,
（2026）湘1402司救执12号,王某,,2026-03-02,,,,,,
";
    let outcome = import(&app, &db, vec![write(&dir, "司法救助台账.csv", bad)]);
    assert!(outcome.written.is_none(), "nothing written");
    let named: Vec<(usize, String)> = outcome
        .errors
        .iter()
        .map(|e| (e.row, e.column.clone()))
        .collect();
    for expected in [
        (2, "案号"),
        (3, "申请人"),
        (4, "证件号码"),
        (5, "决定结果"),
        (6, "救助金额"),
        (7, "救助金额"),
        (8, "发放日期"),
        (9, "申请日期"),
        (11, "救助金额"),
        (13, "案号"),
    ] {
        assert!(
            named.contains(&(expected.0, expected.1.to_string())),
            "row {} column {}: {named:?}",
            expected.0,
            expected.1
        );
    }
    let over = outcome
        .errors
        .iter()
        .find(|e| e.row == 7)
        .expect("the grant above the cap");
    assert!(over.reason_zh.contains("288000.00"), "{}", over.reason_zh);
    // The number with the wrong check character is not echoed.
    assert!(outcome.errors.iter().all(|e| !e.value.contains("19800101")));
    // A formula-bearing name is text like any other (an export guards it), not an error.
    assert!(outcome.errors.iter().all(|e| e.row != 10));
    assert!(
        open(&app, &db)
            .inner
            .assistance(None, None, None)
            .expect("read")
            .is_empty()
    );
    // Without a wage for 2026, a decision of 2027 is not checked, and the import says so.
    let later = "案号,申请人,申请日期,决定日期,决定结果,救助金额,发放日期
（2026）湘1402司救执11号,王某,2026-01-05,2026-01-10,救助,999999,2026-01-12
";
    let mut config = Config::default();
    config.assistance_cap.monthly_wage = Vec::new();
    let bare = App::with_clock(config, Box::new(FixedClock(d("2026-11-27")))).expect("app");
    let outcome = import(&bare, &db, vec![write(&dir, "later.csv", later)]);
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    assert!(
        outcome.warnings.iter().any(|w| w.zh().contains("2025")),
        "{:?}",
        outcome.warnings
    );
}

#[test]
fn a_basic_courts_office_imports_its_own_courts_applications_only() {
    let dir = TempDir::new("assistance-scope");
    let app = app();
    let db = dir.join("shenguan.db");
    let mut store = open(&app, &db);
    let outcome = app
        .import(
            &mut store,
            &ImportRequest {
                files: vec![write(&dir, "司法救助台账.csv", REGISTER)],
                within: Some(shenguan_domain::CourtCode::parse("湘1402").expect("court")),
                ..ImportRequest::default()
            },
            &mut |_| {},
        )
        .expect("the import runs");
    let refused: Vec<(usize, String, String)> = outcome
        .errors
        .iter()
        .map(|e| (e.row, e.column.clone(), e.value.clone()))
        .collect();
    assert_eq!(
        refused,
        vec![(4, "案号".to_string(), "（2026）湘14司救民1号".to_string())]
    );
    assert!(outcome.written.is_none(), "all or nothing");
}
