use super::*;

use shenguan_testkit::TempDir;

use crate::accounts::NewAccount;
use crate::imports::ImportRequest;
use crate::report::ReportRequest;
use crate::{Config, FixedClock};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

fn app() -> App {
    App::with_clock(Config::default(), Box::new(FixedClock(d("2026-12-05")))).expect("app")
}

const HEADER: &str = "案号,法院代码,立案日期,结案日期,结案方式,承办部门,承办法官\n";

/// 湘1402's 民初 cases 1–6 and one of 湘1403, as the court's system exported them in early
/// November: cases 2, 3 and 4 closed in November.
const FIRST: &[(&str, &str, &str, &str)] = &[
    (
        "（2026）湘1402民初1号",
        "湘1402",
        "2026-09-01",
        "2026-10-10",
    ),
    (
        "（2026）湘1402民初2号",
        "湘1402",
        "2026-09-05",
        "2026-11-03",
    ),
    (
        "（2026）湘1402民初3号",
        "湘1402",
        "2026-09-10",
        "2026-11-05",
    ),
    (
        "（2026）湘1402民初4号",
        "湘1402",
        "2026-10-02",
        "2026-11-20",
    ),
    ("（2026）湘1402民初5号", "湘1402", "2026-10-06", ""),
    (
        "（2026）湘1402民初6号",
        "湘1402",
        "2026-10-08",
        "2026-11-10",
    ),
    (
        "（2026）湘1403民初1号",
        "湘1403",
        "2026-09-20",
        "2026-11-04",
    ),
];

/// The cases the second export moves into October.
const MOVED: [&str; 3] = [
    "（2026）湘1402民初2号",
    "（2026）湘1402民初3号",
    "（2026）湘1402民初4号",
];

fn write_file(dir: &TempDir, name: &str, rows: &[(&str, &str, &str, &str)]) -> std::path::PathBuf {
    let mut text = HEADER.to_string();
    for (number, court, filed, closed) in rows {
        let method = if closed.is_empty() { "" } else { "判决" };
        text.push_str(&format!(
            "{number},{court},{filed},{closed},{method},民一庭,王伟\n"
        ));
    }
    let path = dir.join(name);
    std::fs::write(&path, text).expect("written");
    path
}

fn import(app: &App, store: &mut Store, path: std::path::PathBuf) {
    let outcome = app
        .import(
            store,
            &ImportRequest {
                files: vec![path],
                ..ImportRequest::default()
            },
            &mut |_| {},
        )
        .expect("the import runs");
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
}

fn columns(app: &App, store: &mut Store) -> Cases {
    app.columns(store, &mut |_| {}).expect("the columns")
}

/// The store after the first export, with the October bulletin made from it and recorded.
fn reported(dir: &TempDir, app: &App) -> (Store, i64) {
    let mut store = app
        .open_store(Some(&dir.join("r.db").display().to_string()))
        .expect("store");
    import(app, &mut store, write_file(dir, "first.csv", FIRST));
    let version = store.data_version().expect("the version");
    let cases = columns(app, &mut store);
    let request = ReportRequest {
        kind: ReportKind::Bulletin {
            year: 2026,
            month: 10,
        },
        filter: Filter::default(),
        definitions: Default::default(),
    };
    app.report(&cases, &request).expect("the bulletin");
    let id = app
        .record_report(&mut store, Some("审管办"), &cases, version, &request)
        .expect("recorded")
        .expect("a report of whole courts");
    (store, id)
}

fn moved_rows() -> Vec<(&'static str, &'static str, &'static str, &'static str)> {
    FIRST
        .iter()
        .map(|&(number, court, filed, closed)| {
            let closed = match number {
                "（2026）湘1402民初2号" => "2026-10-28",
                "（2026）湘1402民初3号" => "2026-10-29",
                "（2026）湘1402民初4号" => "2026-10-30",
                _ => closed,
            };
            (number, court, filed, closed)
        })
        .collect()
}

fn numbers(b: &Break) -> Vec<String> {
    let mut all: Vec<String> = b.cases.iter().map(|c| c.case_no.clone()).collect();
    all.sort();
    all
}

#[test]
fn three_closings_moved_into_a_reported_month_are_revisions_and_the_breaks_list_exactly_them() {
    let dir = TempDir::new("reconcile");
    let app = app();
    let (mut store, id) = reported(&dir, &app);

    // As first published, October reconciles: 湘1402 carried 0, new 3 (cases 4–6), closed 1,
    // pending 5.
    let cases = columns(&app, &mut store);
    let before = app
        .reconciliation(
            &mut store,
            None,
            &cases,
            None,
            d("2026-10-01"),
            d("2026-10-31"),
        )
        .expect("reconciled");
    assert!(
        before.reconciled(),
        "{:?}",
        before.breaks().collect::<Vec<_>>()
    );
    assert_eq!(before.reported_months(), 2, "both courts' October");
    let october = &before.cells[0];
    assert_eq!(october.court.to_string(), "湘1402");
    assert_eq!(
        october.now,
        Flow {
            carried: 3,
            filed: 3,
            closed: 1,
            pending: 5
        }
    );

    // The court's system is exported again in December with three closing days moved back
    // into October.
    import(
        &app,
        &mut store,
        write_file(&dir, "second.csv", &moved_rows()),
    );
    let revisions = store.inner.revisions_of(MOVED[0]).expect("revisions");
    assert_eq!(revisions.len(), 1, "{revisions:?}");
    let revision = &revisions[0].revision;
    assert_eq!(
        (
            revision.field.as_str(),
            revision.old.as_deref(),
            revision.new.as_deref()
        ),
        ("closed_on", Some("2026-11-03"), Some("2026-10-28"))
    );
    assert!(revisions[0].import.source.ends_with("second.csv"));
    assert_eq!(revisions[0].import.updated, 3);
    assert!(
        store
            .inner
            .revisions_of("（2026）湘1402民初6号")
            .expect("revisions")
            .is_empty(),
        "an unchanged case has no revision"
    );

    let cases = columns(&app, &mut store);
    let after = app
        .reconciliation(
            &mut store,
            None,
            &cases,
            None,
            d("2026-10-01"),
            d("2026-10-31"),
        )
        .expect("reconciled");
    assert!(!after.reconciled());
    let breaks: Vec<(&Cell, &Break)> = after.breaks().collect();
    // October's 结案 and 未结 of 湘1402 differ from the bulletin, each by the three cases; 湘1403
    // is untouched.
    assert_eq!(breaks.len(), 2, "{breaks:?}");
    for (cell, b) in &breaks {
        assert_eq!(cell.court.to_string(), "湘1402");
        assert_eq!(b.kind, BreakKind::Revised);
        assert_eq!(b.against.as_ref().map(|r| r.id), Some(id));
        assert_eq!(numbers(b), MOVED.to_vec());
        assert_eq!(b.unexplained(), 0);
        for cause in &b.cases {
            let Cause::Revised(revisions) = &cause.cause else {
                panic!("a revision explains it: {cause:?}");
            };
            assert_eq!(revisions.len(), 1);
        }
    }
    let closed = breaks
        .iter()
        .find(|(_, b)| b.measure == Some(Measure::Closed))
        .expect("结案 differs");
    assert_eq!((closed.1.expected, closed.1.found), (1, 4));
    assert!(closed.1.cases.iter().all(|c| c.effect == 1));
    let pending = breaks
        .iter()
        .find(|(_, b)| b.measure == Some(Measure::Pending))
        .expect("未结 differs");
    assert_eq!((pending.1.expected, pending.1.found), (5, 2));

    // November, never reported, starts from October's 未结 as published: the same three cases.
    let november = app
        .reconciliation(
            &mut store,
            None,
            &cases,
            None,
            d("2026-11-01"),
            d("2026-11-30"),
        )
        .expect("reconciled");
    let carried: Vec<&Break> = november.breaks().map(|(_, b)| b).collect();
    assert_eq!(carried.len(), 1, "{carried:?}");
    assert_eq!(carried[0].kind, BreakKind::CarriedOver);
    assert_eq!((carried[0].expected, carried[0].found), (5, 2));
    assert_eq!(numbers(carried[0]), MOVED.to_vec());

    // The bulletin beside the same bulletin now: the year's 结案 rose by three.
    let comparison = app
        .compare_report(&mut store, None, &cases, id)
        .expect("compared");
    assert_eq!(comparison.report.name, "2026年10月质效通报");
    let closed = comparison
        .figures
        .iter()
        .find(|f| f.indicator.code == "closed")
        .expect("结案 was printed");
    assert_eq!((closed.then, closed.now), (Some(1.0), Some(4.0)));
    assert!(closed.changed());
    let new = comparison
        .figures
        .iter()
        .find(|f| f.indicator.code == "new")
        .expect("新收 was printed");
    assert!(!new.changed());
    let changed: Vec<&Cell> = comparison
        .cells
        .iter()
        .filter(|c| !c.breaks.is_empty())
        .collect();
    assert_eq!(changed.len(), 1);
    assert_eq!(month_key(changed[0].month), "2026-10");
    assert!(
        changed[0]
            .breaks
            .iter()
            .all(|b| numbers(b) == MOVED.to_vec())
    );
}

#[test]
fn a_case_entered_after_its_month_was_reported_is_listed_and_a_judge_may_not_reconcile() {
    let dir = TempDir::new("reconcile-late");
    let app = app();
    let (mut store, _) = reported(&dir, &app);
    let mut rows = FIRST.to_vec();
    rows.push(("（2026）湘1402民初7号", "湘1402", "2026-10-15", ""));
    // A case of December is no late entry and is not logged.
    rows.push(("（2026）湘1402民初8号", "湘1402", "2026-12-01", ""));
    import(&app, &mut store, write_file(&dir, "late.csv", &rows));
    let late = store
        .inner
        .revisions_of("（2026）湘1402民初7号")
        .expect("revisions");
    assert_eq!(late.len(), 1);
    assert_eq!(late[0].revision.field, ADDED);
    assert!(
        store
            .inner
            .revisions_of("（2026）湘1402民初8号")
            .expect("revisions")
            .is_empty()
    );

    let cases = columns(&app, &mut store);
    let rec = app
        .reconciliation(
            &mut store,
            None,
            &cases,
            None,
            d("2026-10-01"),
            d("2026-10-31"),
        )
        .expect("reconciled");
    let measures: Vec<(Option<Measure>, i64, i64, Vec<String>)> = rec
        .breaks()
        .map(|(_, b)| (b.measure, b.expected, b.found, numbers(b)))
        .collect();
    let late = vec!["（2026）湘1402民初7号".to_string()];
    assert_eq!(
        measures,
        vec![
            (Some(Measure::Filed), 3, 4, late.clone()),
            (Some(Measure::Pending), 5, 6, late)
        ]
    );

    // Held to 湘1403, the office sees its court's months only: none broke.
    let office = app
        .add_user(
            &mut store,
            NewAccount {
                name: "审管办1403",
                role: Role::Office,
                court: Some(CourtCode::parse("湘1403").expect("court")),
                division: None,
                staff_id: None,
                password: "密码-足够长的一句话",
            },
        )
        .expect("an account");
    let theirs = app
        .reconciliation(
            &mut store,
            Some(&office),
            &cases,
            None,
            d("2026-10-01"),
            d("2026-10-31"),
        )
        .expect("their courts");
    assert!(theirs.reconciled());
    assert!(theirs.cells.iter().all(|c| c.court.to_string() == "湘1403"));
    // The network's bulletin is not theirs to compare.
    let reports = app
        .reports_made(&mut store, Some(&office), 10)
        .expect("listed");
    assert!(reports.is_empty());

    let judge = app
        .add_user(
            &mut store,
            NewAccount {
                name: "王伟",
                role: Role::Judge,
                court: Some(CourtCode::parse("湘1402").expect("court")),
                division: Some("民一庭"),
                staff_id: None,
                password: "密码-足够长的一句话",
            },
        )
        .expect("an account");
    let refused = app.reconciliation(
        &mut store,
        Some(&judge),
        &cases,
        None,
        d("2026-10-01"),
        d("2026-10-31"),
    );
    assert!(
        matches!(refused, Err(AppError::Forbidden(_))),
        "{refused:?}"
    );
    let backwards = app.reconciliation(
        &mut store,
        None,
        &cases,
        None,
        d("2026-10-31"),
        d("2026-10-01"),
    );
    assert!(matches!(backwards, Err(AppError::Invalid(_))));
    // Ten thousand years of months are refused, not walked.
    let endless = app.reconciliation(
        &mut store,
        None,
        &cases,
        None,
        d("0001-01-01"),
        d("9999-12-31"),
    );
    assert!(matches!(endless, Err(AppError::Invalid(_))), "{endless:?}");
    let endless = app.integrity_signals(&mut store, None, None, d("0001-01-01"), d("9999-12-31"));
    assert!(matches!(endless, Err(AppError::Invalid(_))));
}

/// A case closed a month before it was filed (a row no import accepts, written by another
/// system) unbalances both months and is listed in each.
#[test]
fn a_case_closed_before_it_was_filed_unbalances_its_months() {
    use shenguan_domain::{CaseNumber, EventRecord};
    let dir = TempDir::new("reconcile-unbalanced");
    let app = app();
    let mut store = app
        .open_store(Some(&dir.join("u.db").display().to_string()))
        .expect("store");
    let number = CaseNumber::parse("（2026）湘1402民初9号", 2026).expect("number");
    let court = number.court().expect("court");
    let case = CaseRecord {
        closed_on: Some(d("2026-09-20")),
        ..CaseRecord::filed(number, court, d("2026-10-03"))
    };
    store
        .inner
        .write_import(&[case], &Vec::<EventRecord>::new(), &mut |_| {})
        .expect("written");
    let cases = columns(&app, &mut store);
    let rec = app
        .reconciliation(
            &mut store,
            None,
            &cases,
            None,
            d("2026-09-01"),
            d("2026-10-31"),
        )
        .expect("reconciled");
    let breaks: Vec<(String, i64, i64, i64)> = rec
        .breaks()
        .map(|(cell, b)| {
            assert_eq!(b.kind, BreakKind::Unbalanced);
            assert_eq!(b.unexplained(), 0);
            (month_key(cell.month), b.expected, b.found, b.explained)
        })
        .collect();
    // September: carried 0 + new 0 − closed 1 = −1 expected, 0 pending; October: 0 + 1 − 0.
    assert_eq!(
        breaks,
        vec![
            ("2026-09".to_string(), -1, 0, 1),
            ("2026-10".to_string(), 1, 0, -1)
        ]
    );
}
