//! 案件评查 records through an export and an import into another store: the same files out again,
//! nothing doubled by a second import, the steps taken since added by an updated export, an older
//! export changing nothing — and every hostile row named by file, row and column with nothing
//! written.

use std::path::{Path, PathBuf};

use shenguan_domain::review::grading::{Excuse, Finding, Responsible, Severity};
use shenguan_domain::{CaseRecord, EventRecord};
use shenguan_testkit::TempDir;

use crate::accounts::{Role, User};
use crate::exports::{ExportFormat, ExportRequest};
use crate::imports::{ImportOutcome, ImportRequest, Tally};
use crate::review::tests::{account, case, d, fill, staff};
use crate::review::{PlanKind, PlanRequest};
use crate::{App, Config, FixedClock, Store};
use shenguan_domain::review::assignment::Separation;

const FIRST: &str = "（2025）湘1402民初1号";
const SECOND: &str = "（2025）湘1402民初2号";
const THIRD: &str = "（2025）湘1402民初3号";
/// A finding's text a spreadsheet would run as a formula: kept, and read back, as text.
const FORMULA: &str = "=cmd|' /C calc'!A0 认定事实错误";

/// The cases, their judges named as the staff list names them (an import checks them).
fn records() -> Vec<CaseRecord> {
    let named = |mut record: CaseRecord| {
        record.judge = record.judge_id.as_ref().map(|id| format!("评查员{id}"));
        record
    };
    [
        case(FIRST, "J1", Some(("2025-06-01", "判决")), None),
        case(SECOND, "J1", Some(("2025-06-02", "判决")), None),
        case(THIRD, "J2", Some(("2025-06-03", "判决")), None),
        case(
            "（2026）湘14民终1号",
            "Z14",
            Some(("2026-03-01", "改判")),
            Some(FIRST),
        ),
        case(
            "（2026）湘14民终2号",
            "Z14",
            Some(("2026-04-01", "发回重审")),
            Some(SECOND),
        ),
    ]
    .into_iter()
    .map(named)
    .collect()
}

fn app_on(day: &str) -> App {
    App::with_clock(Config::default(), Box::new(FixedClock(d(day)))).expect("app")
}

fn open(app: &App, path: &Path) -> Store {
    app.open_store(Some(&path.display().to_string()))
        .expect("store")
}

/// The people of the source store.
struct People {
    city: User,
    judge: User,
    reviewers: Vec<User>,
}

/// A store where a key plan over 2026 is made on 2026-12-06, both its cases reviewed (one an
/// error with a formula-like text, one a flaw with an excused finding), and the judge objects to
/// the error on the 7th and the office lets it stand on the 8th; the plan's id.
fn source(db: &Path) -> (People, i64) {
    let app = app_on("2026-12-06");
    let mut store = open(&app, db);
    fill(
        &mut store,
        &records(),
        &[
            staff("R1403", "湘1403"),
            staff("R1404", "湘1404"),
            staff("J1", "湘1402"),
            staff("J2", "湘1402"),
            staff("Z14", "湘14"),
        ],
    );
    let city = account(&app, &mut store, "中院审管办", Role::Office, "湘14", None);
    let judge = account(
        &app,
        &mut store,
        "评查员J1",
        Role::Judge,
        "湘1402",
        Some("J1"),
    );
    let reviewers = ["R1403", "R1404"]
        .map(|id| {
            let court = if id == "R1403" { "湘1403" } else { "湘1404" };
            account(
                &app,
                &mut store,
                &format!("评查员{id}"),
                Role::Judge,
                court,
                Some(id),
            )
        })
        .to_vec();
    let plan = app
        .create_review_plan(
            &mut store,
            &city,
            &PlanRequest {
                name: "2026年度发改再案件评查".into(),
                kind: PlanKind::Key,
                court: None,
                from: d("2026-01-01"),
                to: d("2026-12-31"),
                per_mille: 0,
                seed: Some(7),
                separation: Separation::Court,
                reviewers: vec!["R1403".into(), "R1404".into()],
                // Blind, so that the round trip carries the mark.
                blind: true,
                class: shenguan_domain::review::selection::Class::default(),
            },
        )
        .expect("the plan");
    let people = People {
        city,
        judge,
        reviewers,
    };
    let error = Finding {
        item: "3.3".into(),
        severity: Severity::Error,
        text: FORMULA.into(),
        deduction: 10,
        responsible: vec![Responsible::Judge("J1".into())],
        excuse: None,
    };
    let flaws = [
        Finding {
            item: "2.1".into(),
            severity: Severity::Flaw,
            text: "送达回证缺少签名".into(),
            deduction: 2,
            responsible: vec![Responsible::Judge("J1".into()), Responsible::Committee],
            excuse: None,
        },
        Finding {
            item: "3.1".into(),
            severity: Severity::Error,
            text: "二审采信新证据".into(),
            deduction: 6,
            responsible: vec![Responsible::Judge("J1".into())],
            excuse: Some(Excuse::NewEvidence),
        },
    ];
    for (case_no, findings) in [(FIRST, vec![error]), (SECOND, flaws.to_vec())] {
        let given = plan
            .cases
            .iter()
            .find(|c| c.case_no == case_no)
            .and_then(|c| c.reviewer.clone())
            .expect("a reviewer");
        let by = people
            .reviewers
            .iter()
            .find(|r| r.staff_id.as_ref().map(ToString::to_string) == Some(given.clone()))
            .expect("the reviewer's account");
        app.submit_review(&mut store, by, plan.id, case_no, &findings)
            .expect("submitted");
    }
    app_on("2026-12-07")
        .object_to_review(
            &mut store,
            &people.judge,
            plan.id,
            FIRST,
            "适用法律并无错误",
        )
        .expect("objected");
    app_on("2026-12-08")
        .decide_objection(
            &mut store,
            &people.city,
            plan.id,
            FIRST,
            "差错",
            "经审委会讨论维持",
        )
        .expect("decided");
    (people, plan.id)
}

fn export(db: &Path, out: &Path, format: ExportFormat, chinese: bool) -> Vec<PathBuf> {
    let app = app_on("2026-12-10");
    let mut store = open(&app, db);
    app.export(
        &mut store,
        &ExportRequest {
            format,
            out_dir: out.to_path_buf(),
            query: shenguan_store::CaseQuery::default(),
            chinese_header: chinese,
            partition_by: Vec::new(),
        },
        &mut |_| {},
    )
    .expect("exported")
    .files
}

fn import_with(
    db: &Path,
    files: &[PathBuf],
    adjust: impl FnOnce(&mut ImportRequest),
) -> ImportOutcome {
    let app = app_on("2026-12-10");
    let mut store = open(&app, db);
    let mut request = ImportRequest {
        files: files.to_vec(),
        ..ImportRequest::default()
    };
    adjust(&mut request);
    app.import(&mut store, &request, &mut |_| {})
        .expect("the import runs")
}

fn import(db: &Path, files: &[PathBuf]) -> ImportOutcome {
    import_with(db, files, |_| {})
}

/// The bytes of each review file an export wrote, by name.
fn review_bytes(files: &[PathBuf]) -> Vec<(String, Vec<u8>)> {
    files
        .iter()
        .filter(|f| f.parent().is_some_and(|p| p.ends_with("supervision")))
        .filter_map(|f| {
            let name = f.file_name()?.to_string_lossy().into_owned();
            name.starts_with("review_")
                .then(|| (name, std::fs::read(f).expect("read")))
        })
        .collect()
}

fn tally(added: u64, updated: u64, unchanged: u64) -> Tally {
    Tally {
        added,
        updated,
        unchanged,
    }
}

#[test]
fn review_plans_and_their_reviews_import_once_and_come_out_the_same() {
    for (format, chinese) in [(ExportFormat::Csv, false), (ExportFormat::Xlsx, true)] {
        let dir = TempDir::new("review-records-round-trip");
        let db = dir.join("source.db");
        let (people, plan_id) = source(&db);
        let first = export(&db, &dir.join("first"), format, chinese);
        let names: Vec<String> = review_bytes(&first).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names.len(), 5, "{format:?}: {names:?}");

        let target = dir.join("target.db");
        let outcome = import(&target, &first);
        assert!(
            outcome.errors.is_empty(),
            "{format:?}: {:?}",
            outcome.errors
        );
        assert_eq!(outcome.records.review_plans, tally(1, 0, 0), "{format:?}");
        assert_eq!(outcome.records.case_reviews, tally(2, 0, 0), "{format:?}");
        let written = outcome.written.expect("written").records;
        assert_eq!(
            (
                written.review_plans_added,
                written.case_reviews_added,
                written.review_answers_added
            ),
            (1, 2, 2),
            "{format:?}"
        );
        let again = export(&target, &dir.join("target-1"), format, chinese);
        assert_eq!(review_bytes(&again), review_bytes(&first), "{format:?}");
        // The formula-like finding is text in the store, as it was written.
        let app = app_on("2026-12-10");
        let mut store = open(&app, &target);
        let plan = store.inner.whole_review_plans().expect("plans")[0].id;
        let results = store.inner.review_results(plan).expect("results");
        assert_eq!(results[0].findings[0].text, FORMULA, "{format:?}");
        drop(store);

        // The same files again: nothing written, everything as stored.
        let outcome = import(&target, &first);
        assert_eq!(outcome.records.review_plans, tally(0, 0, 1), "{format:?}");
        assert_eq!(outcome.records.case_reviews, tally(0, 0, 2), "{format:?}");
        assert_eq!(outcome.written.expect("written").records.total(), 0);

        // The source goes on: the error stands final and the judge is held to account.
        let app = app_on("2026-12-09");
        let mut store = open(&app, &db);
        app.hold_to_account(&mut store, &people.city, plan_id, FIRST, "通报", "全市通报")
            .expect("held to account");
        drop(store);
        let second = export(&db, &dir.join("second"), format, chinese);
        let outcome = import(&target, &second);
        assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
        assert_eq!(outcome.records.case_reviews, tally(0, 1, 1), "{format:?}");
        assert_eq!(
            outcome
                .written
                .expect("written")
                .records
                .review_answers_added,
            1
        );
        let again = export(&target, &dir.join("target-2"), format, chinese);
        assert_eq!(review_bytes(&again), review_bytes(&second), "{format:?}");

        // The older export once more: the store is further along and keeps what it has.
        let outcome = import(&target, &first);
        assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
        assert_eq!(outcome.records.case_reviews, tally(0, 0, 2), "{format:?}");
        assert_eq!(outcome.written.expect("written").records.total(), 0);
        let again = export(&target, &dir.join("target-3"), format, chinese);
        assert_eq!(review_bytes(&again), review_bytes(&second), "{format:?}");
    }
}

#[test]
fn steps_after_a_review_that_went_differently_are_refused_and_nothing_is_written() {
    let dir = TempDir::new("review-records-diverged");
    let db = dir.join("source.db");
    let (people, plan_id) = source(&db);
    let first = export(&db, &dir.join("first"), ExportFormat::Csv, false);
    let target = dir.join("target.db");
    assert!(import(&target, &first).written.is_some());
    // The source holds the judge to account; the target records another outcome first.
    let app = app_on("2026-12-09");
    let mut store = open(&app, &db);
    app.hold_to_account(&mut store, &people.city, plan_id, FIRST, "通报", "")
        .expect("in the source");
    drop(store);
    let mut other = open(&app, &target);
    let city = account(&app, &mut other, "中院审管办", Role::Office, "湘14", None);
    let there = other.inner.whole_review_plans().expect("plans")[0].id;
    app.hold_to_account(&mut other, &city, there, FIRST, "约谈", "")
        .expect("in the target");
    drop(other);
    let before = export(&target, &dir.join("before"), ExportFormat::Csv, false);
    let second = export(&db, &dir.join("second"), ExportFormat::Csv, false);
    let outcome = import(&target, &second);
    assert!(outcome.written.is_none(), "nothing is written");
    assert_eq!(outcome.errors.len(), 1, "{:?}", outcome.errors);
    let error = &outcome.errors[0];
    assert!(
        error.path.ends_with("supervision/review_answers.csv"),
        "{error:?}"
    );
    assert_eq!((error.row, error.column.as_str()), (4, "kind"), "{error:?}");
    assert!(error.reason_zh.contains("不能合并"), "{error:?}");
    let after = export(&target, &dir.join("after"), ExportFormat::Csv, false);
    assert_eq!(review_bytes(&after), review_bytes(&before));
}

fn write(path: &Path, lines: &[String]) -> PathBuf {
    std::fs::write(path, lines.join("\n") + "\n").expect("written");
    path.to_path_buf()
}

#[test]
fn hostile_review_rows_are_named_by_file_row_and_column_and_nothing_is_written() {
    let dir = TempDir::new("review-records-hostile");
    let target = dir.join("target.db");
    let app = app_on("2026-12-10");
    let mut store = open(&app, &target);
    store
        .inner
        .write_import(&records(), &Vec::<EventRecord>::new(), &mut |_| {})
        .expect("the cases");
    drop(store);
    let plan = |id: u32, from: &str, cases: u32| {
        format!(
            "{id},2026年度发改再案件评查{id},key,,{from},2026-12-31,0,7,court,否,,中院审管办,2026-12-06T12:00:00+08:00,R1403;R1404,{cases}"
        )
    };
    let long = "长".repeat(3000);
    let files = [
        write(
            &dir.join("review_plans.csv"),
            &[
                "id,name,kind,court_code,period_from,period_to,per_mille,seed,separation,blind,class,created_by,created_at,reviewers,cases".into(),
                // 2: good.
                plan(1, "2026-01-01", 2),
                // 3: a day that is none.
                plan(2, "2026-02-30", 1),
            ],
        ),
        write(
            &dir.join("review_cases.csv"),
            &[
                "plan_id,case_no,court_code,reason,decided_by,reviewer".into(),
                format!("1,{FIRST},湘1402,reversed,（2026）湘14民终1号,R1403"),
                format!("1,{SECOND},湘1402,remanded,（2026）湘14民终2号,R1404"),
                // 4: of the plan refused.
                format!("2,{THIRD},湘1402,reversed,,R1403"),
            ],
        ),
        write(
            &dir.join("review_results.csv"),
            &[
                "plan_id,case_no,court_code,reviewer,submitted_at,score,grade,problem,error,findings".into(),
                // 2: good.
                format!("1,{FIRST},湘1402,R1403,2026-12-06T12:00:00+08:00,90,差错,是,是,1"),
                // 3: a plan the files do not have.
                format!("9,{FIRST},湘1402,R1403,2026-12-06T12:00:00+08:00,100,合格,否,否,0"),
                // 4: a case the plan did not take.
                format!("1,{THIRD},湘1402,R1403,2026-12-06T12:00:00+08:00,100,合格,否,否,0"),
                // 5: its finding's text is far too long.
                format!("1,{SECOND},湘1402,R1404,2026-12-06T12:00:00+08:00,98,瑕疵,是,否,1"),
            ],
        ),
        write(
            &dir.join("review_findings.csv"),
            &[
                "plan_id,case_no,seq,item,severity,text,deduction,responsible,excuse".into(),
                format!("1,{FIRST},1,3.3,error,\"{}\",10,judge:J1,", FORMULA.replace('"', "\"\"")),
                format!("1,{SECOND},1,2.1,flaw,{long},2,judge:J1,"),
            ],
        ),
        write(
            &dir.join("review_answers.csv"),
            &[
                "plan_id,case_no,seq,at,by_user,kind,day,grade,text".into(),
                // 2: a day that is none.
                format!("1,{FIRST},1,2026-12-07T12:00:00+08:00,评查员J1,object,2026-13-45,,不服"),
            ],
        ),
    ];
    let outcome = import(&target, &files);
    assert!(outcome.written.is_none(), "all or nothing");
    let found: Vec<(String, usize, String)> = outcome
        .errors
        .iter()
        .map(|e| {
            let file = e.path.file_name().expect("a name").to_string_lossy();
            (file.into_owned(), e.row, e.column.clone())
        })
        .collect();
    let expect = |file: &str, row: usize, column: &str| {
        assert!(
            found.contains(&(file.to_string(), row, column.to_string())),
            "{file} row {row} column {column} in {found:?}"
        );
    };
    expect("review_plans.csv", 3, "period_from");
    expect("review_cases.csv", 4, "plan_id");
    expect("review_results.csv", 3, "plan_id");
    expect("review_results.csv", 4, "case_no");
    expect("review_findings.csv", 3, "text");
    expect("review_results.csv", 5, "plan_id");
    expect("review_answers.csv", 2, "day");
    let named = |file: &str, row: usize| -> String {
        outcome
            .errors
            .iter()
            .find(|e| e.path.ends_with(file) && e.row == row)
            .map(|e| e.reason_zh.clone())
            .unwrap_or_default()
    };
    assert!(named("review_results.csv", 3).contains("没有编号为9"));
    assert!(named("review_results.csv", 4).contains("没有选取此案件"));
    assert!(named("review_findings.csv", 3).contains("文字过长"));
    // The good rows are not among the errors.
    for (file, row) in [
        ("review_plans.csv", 2),
        ("review_cases.csv", 2),
        ("review_cases.csv", 3),
        ("review_results.csv", 2),
        ("review_findings.csv", 2),
    ] {
        assert!(
            !found.iter().any(|(f, r, _)| f == file && *r == row),
            "{file} row {row}: {found:?}"
        );
    }
    let mut store = open(&app, &target);
    assert!(store.inner.whole_review_plans().expect("read").is_empty());

    // Skipping the bad rows: the good plan and its good review go in, the formula as text.
    let outcome = import_with(&target, &files, |r| {
        r.skip_invalid = true;
        r.rejects = Some(dir.join("rejects.csv"));
    });
    assert_eq!(outcome.records.review_plans, tally(1, 0, 0));
    assert_eq!(outcome.records.case_reviews, tally(1, 0, 0));
    let plans = store.inner.whole_review_plans().expect("read");
    assert_eq!(plans.len(), 1);
    assert_eq!(plans[0].cases.len(), 2);
    let results = store.inner.review_results(plans[0].id).expect("read");
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].findings[0].text, FORMULA);
}

#[test]
fn review_files_without_their_plans_stop_the_import_naming_the_missing_file() {
    let dir = TempDir::new("review-records-halves");
    let db = dir.join("source.db");
    source(&db);
    let files = export(&db, &dir.join("out"), ExportFormat::Csv, false);
    let without_plans: Vec<PathBuf> = files
        .iter()
        .filter(|f| f.ends_with("supervision/review_results.csv"))
        .cloned()
        .collect();
    assert_eq!(without_plans.len(), 1);
    let app = app_on("2026-12-10");
    let mut store = open(&app, &dir.join("target.db"));
    let error = app
        .import(
            &mut store,
            &ImportRequest {
                files: without_plans,
                ..ImportRequest::default()
            },
            &mut |_| {},
        )
        .expect_err("refused");
    assert!(
        error.to_string().contains("缺少导出的 review_plans 文件"),
        "{error}"
    );
}

#[test]
fn a_case_given_to_another_reviewer_since_is_given_to_them_by_the_next_import() {
    let dir = TempDir::new("review-records-reassigned");
    let db = dir.join("source.db");
    let app = app_on("2026-12-06");
    let mut store = open(&app, &db);
    fill(
        &mut store,
        &records(),
        &[staff("R1403", "湘1403"), staff("R1404", "湘1404")],
    );
    let city = account(&app, &mut store, "中院审管办", Role::Office, "湘14", None);
    let reviewer = |store: &mut Store, id: &str, court: &str| {
        account(
            &app,
            store,
            &format!("评查员{id}"),
            Role::Judge,
            court,
            Some(id),
        )
    };
    let (r1403, r1404) = (
        reviewer(&mut store, "R1403", "湘1403"),
        reviewer(&mut store, "R1404", "湘1404"),
    );
    let plan = app
        .create_review_plan(
            &mut store,
            &city,
            &PlanRequest {
                name: "2026年度发改再案件评查".into(),
                kind: PlanKind::Key,
                court: None,
                from: d("2026-01-01"),
                to: d("2026-12-31"),
                per_mille: 0,
                seed: Some(7),
                separation: Separation::Court,
                reviewers: vec!["R1403".into(), "R1404".into()],
                blind: false,
                class: shenguan_domain::review::selection::Class::default(),
            },
        )
        .expect("the plan");
    let with = |plan: &shenguan_store::ReviewPlanRow| {
        plan.cases
            .iter()
            .find(|c| c.case_no == FIRST)
            .and_then(|c| c.reviewer.clone())
            .expect("a reviewer")
    };
    let (from, to, recusing) = if with(&plan) == "R1403" {
        ("R1403", "R1404", &r1403)
    } else {
        ("R1404", "R1403", &r1404)
    };
    drop(store);
    let target = dir.join("target.db");
    let first = export(&db, &dir.join("first"), ExportFormat::Csv, false);
    assert!(import(&target, &first).errors.is_empty());

    // In the source the reviewer recuses; the other takes the case and reviews it.
    let mut store = open(&app, &db);
    assert_eq!(
        app.recuse_from_review(&mut store, recusing, plan.id, FIRST, "与当事人相识")
            .expect("recused")
            .as_deref(),
        Some(to)
    );
    let taker = if to == "R1403" { &r1403 } else { &r1404 };
    app.submit_review(&mut store, taker, plan.id, FIRST, &[])
        .expect("submitted");
    drop(store);
    let second = export(&db, &dir.join("second"), ExportFormat::Csv, false);
    let outcome = import(&target, &second);
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    let mut there = open(&app, &target);
    let plan_there = there.inner.whole_review_plans().expect("plans")[0].clone();
    assert_eq!(with(&plan_there), to, "the case went to {to}, not {from}");
    let results = there.inner.review_results(plan_there.id).expect("results");
    assert_eq!(results.len(), 1);
    assert_eq!(results[0].reviewer, to);
    drop(there);
    // The first export again changes nothing: the case is reviewed here now.
    let outcome = import(&target, &first);
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    assert_eq!(outcome.written.expect("written").records.total(), 0);
}
