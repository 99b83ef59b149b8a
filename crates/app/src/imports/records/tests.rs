//! The supervision records through an export and an import into another store: the same bytes
//! out again, nothing doubled by a second import, steps and decisions taken since added by an
//! updated one, an older file changing nothing, histories that went differently refused — and
//! every hostile row named by file, row and column with nothing written.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use shenguan_domain::{
    CaseNumber, CaseRecord, ClosingMethod, CourtCode, EventRecord, ExclusionGround, Period,
    Procedure,
};
use shenguan_testkit::TempDir;

use crate::accounts::{NewAccount, Role, User};
use crate::duban::{OpenRequest, Reason, Step};
use crate::exports::{ExportFormat, ExportRequest};
use crate::imports::{ImportOutcome, ImportRequest, RecordCounts, Tally};
use crate::{App, Config, FixedClock, Store};
use shenguan_supervision::limit_request::Change;

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

const A: &str = "（2026）湘1402民初1号";
const B: &str = "（2026）湘1402民初2号";
const C: &str = "（2026）湘1402民初3号";
const D: &str = "（2026）湘1402民初5号";
const E: &str = "（2026）湘1402执4号";

/// Civil first instances under ordinary procedure filed on 2026-03-02 (their limit runs out on
/// 2026-09-02), and an enforcement case closed by 终本.
fn cases() -> Vec<CaseRecord> {
    let civil = |number: &str| {
        let case_no = CaseNumber::parse(number, 2026).expect("a case number");
        let court = case_no.court().expect("a court");
        CaseRecord {
            division: Some("民一庭".into()),
            judge: Some("王伟".into()),
            procedure: Some(Procedure::Ordinary),
            ..CaseRecord::filed(case_no, court, d("2026-03-02"))
        }
    };
    let mut zhongben = civil(E);
    zhongben.procedure = None;
    zhongben.division = Some("执行局".into());
    zhongben.closed_on = Some(d("2026-08-10"));
    zhongben.closing_method = ClosingMethod::parse("终结本次执行");
    vec![civil(A), civil(B), civil(C), civil(D), zhongben]
}

fn app_on(today: &str) -> App {
    App::with_clock(Config::default(), Box::new(FixedClock(d(today)))).expect("app")
}

fn open(app: &App, path: &Path) -> Store {
    app.open_store(Some(&path.display().to_string()))
        .expect("store")
}

/// The store where the records are made: the cases, and the people who act on them.
struct Source {
    db: PathBuf,
    office: User,
    leader: User,
    judge: User,
}

impl Source {
    fn new(dir: &TempDir) -> Source {
        let db = dir.join("source.db");
        let app = app_on("2026-08-20");
        let mut store = open(&app, &db);
        store
            .inner
            .write_import(&cases(), &Vec::<EventRecord>::new(), &mut |_| {})
            .expect("the cases");
        let (office, leader, judge) = people(&app, &mut store);
        Source {
            db,
            office,
            leader,
            judge,
        }
    }

    fn at(&self, today: &str) -> (App, Store) {
        let app = app_on(today);
        let store = open(&app, &self.db);
        (app, store)
    }
}

/// The office, the president and the judge of 湘1402, with accounts in `store`.
fn people(app: &App, store: &mut Store) -> (User, User, User) {
    let mut add = |name: &str, role: Role, division: Option<&str>| {
        app.add_user(
            store,
            NewAccount {
                name,
                role,
                court: Some(CourtCode::parse("湘1402").expect("court")),
                division,
                staff_id: None,
                password: "密码-足够长的一句话",
            },
        )
        .expect("an account")
    };
    (
        add("审管办", Role::Office, None),
        add("院长", Role::Leader, None),
        add("王伟", Role::Judge, Some("民一庭")),
    )
}

/// The records of the first weeks: three cases supervised, one closed, one returned, one
/// escalated; an extension approved and an exclusion awaiting its decision; a 终本 review.
fn first_weeks(source: &Source) {
    let (app, mut store) = source.at("2026-08-20");
    let numbers: Vec<String> = [A, B, C].iter().map(|n| n.to_string()).collect();
    let ids = app
        .open_supervision(
            &mut store,
            &source.office,
            &OpenRequest {
                cases: &numbers,
                reason: Reason::TimeLimitNear,
                instructions: "请说明审理进度，=HYPERLINK(\"x\") 照录",
                answerer: None,
                due_on: None,
            },
        )
        .expect("opened");
    let extension = app
        .apply_for_limit_change(
            &mut store,
            &source.judge,
            D,
            Change::Extension {
                length: Period::Months(3),
            },
            "须等待鉴定意见",
        )
        .expect("applied");
    let (app, mut store) = source.at("2026-08-21");
    app.decide_limit_request(&mut store, &source.leader, extension.row.id, true, "同意")
        .expect("approved");
    let (app, mut store) = source.at("2026-08-24");
    for id in &ids[..2] {
        app.supervision_step(
            &mut store,
            &source.judge,
            *id,
            &Step::Reply {
                text: "已排期开庭"
            },
        )
        .expect("replied");
    }
    app.apply_for_limit_change(
        &mut store,
        &source.judge,
        B,
        Change::Exclusion {
            ground: ExclusionGround::parse("鉴定").expect("a ground"),
            from: d("2026-06-01"),
            to: d("2026-06-30"),
        },
        "鉴定期间",
    )
    .expect("applied");
    let (app, mut store) = source.at("2026-08-25");
    app.supervision_step(
        &mut store,
        &source.office,
        ids[0],
        &Step::Close { note: "" },
    )
    .expect("closed");
    app.supervision_step(
        &mut store,
        &source.office,
        ids[1],
        &Step::Return {
            note: "请写明开庭日期",
            due_on: d("2026-09-01"),
        },
    )
    .expect("returned");
    app.record_zhongben_finding(&mut store, &source.leader, E, false, "未约谈申请执行人")
        .expect("a review");
    let (app, mut store) = source.at("2026-09-01");
    app.supervision_step(
        &mut store,
        &source.office,
        ids[2],
        &Step::Escalate {
            due_on: d("2026-09-08"),
        },
    )
    .expect("escalated");
}

/// Exports the store at `db` to `out` (the case files and the `supervision/` folder).
fn export(db: &Path, out: &Path, format: ExportFormat, chinese: bool) -> Vec<PathBuf> {
    let app = app_on("2026-09-02");
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

fn import_into(db: &Path, today: &str, files: &[PathBuf]) -> ImportOutcome {
    import_with(db, today, files, |_| {})
}

fn import_with(
    db: &Path,
    today: &str,
    files: &[PathBuf],
    adjust: impl FnOnce(&mut ImportRequest),
) -> ImportOutcome {
    let app = app_on(today);
    let mut store = open(&app, db);
    let mut request = ImportRequest {
        files: files.to_vec(),
        ..ImportRequest::default()
    };
    adjust(&mut request);
    app.import(&mut store, &request, &mut |_| {})
        .expect("the import runs")
}

/// The bytes of each records file an export wrote, by name.
fn records_bytes(files: &[PathBuf]) -> Vec<(String, Vec<u8>)> {
    files
        .iter()
        .filter(|f| f.parent().is_some_and(|p| p.ends_with("supervision")))
        .map(|f| {
            let name = f
                .file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            (name, std::fs::read(f).expect("read"))
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
fn an_export_imports_into_another_store_once_and_comes_out_the_same() {
    for (format, chinese) in [(ExportFormat::Csv, false), (ExportFormat::Xlsx, true)] {
        let dir = TempDir::new("records-round-trip");
        let source = Source::new(&dir);
        first_weeks(&source);
        let first = export(&source.db, &dir.join("first"), format, chinese);
        let names: Vec<String> = records_bytes(&first).into_iter().map(|(n, _)| n).collect();
        assert_eq!(
            names.len(),
            4,
            "{format:?}: every kind of record: {names:?}"
        );

        // Into an empty store: every record added, the people without accounts named.
        let target = dir.join("target.db");
        let outcome = import_into(&target, "2026-09-02", &first);
        assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
        assert_eq!(
            outcome.records,
            RecordCounts {
                items: tally(3, 0, 0),
                requests: tally(2, 0, 0),
                reviews: tally(1, 0, 0),
                ..RecordCounts::default()
            },
            "{format:?}"
        );
        let written = outcome.written.expect("written");
        assert_eq!(written.records.total(), 6, "{format:?}");
        let warned = outcome.warnings.iter().any(|w| w.zh().contains("王伟"));
        assert!(warned, "{format:?}: {:?}", outcome.warnings);
        // The case files carry the approved extension: no warning of an unapplied change.
        let unapplied = outcome
            .warnings
            .iter()
            .any(|w| w.zh().contains("已批准的审限变更"));
        assert!(!unapplied, "{format:?}: {:?}", outcome.warnings);
        let again = export(&target, &dir.join("target-1"), format, chinese);
        assert_eq!(records_bytes(&again), records_bytes(&first), "{format:?}");

        // The same files again: nothing added, nothing doubled.
        let outcome = import_into(&target, "2026-09-02", &first);
        assert_eq!(
            outcome.records,
            RecordCounts {
                items: tally(0, 0, 3),
                requests: tally(0, 0, 2),
                reviews: tally(0, 0, 1),
                ..RecordCounts::default()
            },
            "{format:?}"
        );
        assert_eq!(outcome.written.expect("written").records.total(), 0);
        let again = export(&target, &dir.join("target-2"), format, chinese);
        assert_eq!(records_bytes(&again), records_bytes(&first), "{format:?}");

        // The source goes on: the returned item is answered and closed, the exclusion decided.
        let (app, mut store) = source.at("2026-09-03");
        let returned = store
            .inner
            .supervision_items(&shenguan_store::SupervisionQuery {
                case_no: Some(B.into()),
                ..Default::default()
            })
            .expect("items")[0]
            .id;
        app.supervision_step(
            &mut store,
            &source.judge,
            returned,
            &Step::Reply {
                text: "定于9月10日开庭",
            },
        )
        .expect("replied");
        app.supervision_step(
            &mut store,
            &source.office,
            returned,
            &Step::Close { note: "" },
        )
        .expect("closed");
        let pending = store
            .inner
            .limit_requests(&shenguan_store::LimitRequestQuery {
                state: Some("pending".into()),
                ..Default::default()
            })
            .expect("applications")[0]
            .id;
        app.decide_limit_request(&mut store, &source.leader, pending, true, "同意扣除")
            .expect("approved");
        let second = export(&source.db, &dir.join("second"), format, chinese);
        let outcome = import_into(&target, "2026-09-03", &second);
        assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
        assert_eq!(
            outcome.records,
            RecordCounts {
                items: tally(0, 1, 2),
                requests: tally(0, 1, 1),
                reviews: tally(0, 0, 1),
                ..RecordCounts::default()
            },
            "{format:?}"
        );
        let again = export(&target, &dir.join("target-3"), format, chinese);
        assert_eq!(records_bytes(&again), records_bytes(&second), "{format:?}");

        // The older export once more: the store is further along and keeps what it has.
        let outcome = import_into(&target, "2026-09-03", &first);
        assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
        assert_eq!(outcome.written.expect("written").records.total(), 0);
        let again = export(&target, &dir.join("target-4"), format, chinese);
        assert_eq!(records_bytes(&again), records_bytes(&second), "{format:?}");
    }
}

#[test]
fn a_history_that_went_differently_in_each_store_is_refused_and_nothing_is_written() {
    let dir = TempDir::new("records-diverged");
    let source = Source::new(&dir);
    first_weeks(&source);
    let first = export(&source.db, &dir.join("first"), ExportFormat::Csv, false);
    let target = dir.join("target.db");
    let outcome = import_into(&target, "2026-09-02", &first);
    assert!(outcome.written.is_some());
    // The escalated item is answered in each store, in different words.
    let escalated = |store: &mut Store| {
        store
            .inner
            .supervision_items(&shenguan_store::SupervisionQuery {
                case_no: Some(C.into()),
                ..Default::default()
            })
            .expect("items")[0]
            .id
    };
    let (app, mut store) = source.at("2026-09-04");
    let id = escalated(&mut store);
    app.supervision_step(&mut store, &source.judge, id, &Step::Reply { text: "甲" })
        .expect("replied in the source");
    let app = app_on("2026-09-04");
    let mut other = open(&app, &target);
    let (_, _, judge) = people(&app, &mut other);
    let id = escalated(&mut other);
    app.supervision_step(&mut other, &judge, id, &Step::Reply { text: "乙" })
        .expect("replied in the target");
    let before = export(&target, &dir.join("before"), ExportFormat::Csv, false);

    let second = export(&source.db, &dir.join("second"), ExportFormat::Csv, false);
    let outcome = import_into(&target, "2026-09-04", &second);
    assert!(outcome.written.is_none(), "nothing is written");
    assert_eq!(outcome.errors.len(), 1, "{:?}", outcome.errors);
    let error = &outcome.errors[0];
    assert!(
        error.path.ends_with("supervision/supervision.csv"),
        "{error:?}"
    );
    assert_eq!(error.column, "state");
    assert!(error.reason_zh.contains("不能合并"), "{error:?}");
    let after = export(&target, &dir.join("after"), ExportFormat::Csv, false);
    assert_eq!(records_bytes(&after), records_bytes(&before));
}

/// A store holding the five cases and no records, and a folder for hand-made files.
fn empty_target(dir: &TempDir) -> PathBuf {
    let db = dir.join("target.db");
    let app = app_on("2026-09-02");
    let mut store = open(&app, &db);
    store
        .inner
        .write_import(&cases(), &Vec::<EventRecord>::new(), &mut |_| {})
        .expect("the cases");
    db
}

const ITEMS_HEADER: &str = "id,case_no,court_code,division,reason,instructions,opened_by,opened_on,answerer,due_on,state,level,replied_on,replied_in_time,closed_on";
const STEPS_HEADER: &str = "item_id,seq,at,by_user,step,note,due_on";

fn write(path: &Path, lines: &[String]) -> PathBuf {
    std::fs::write(path, lines.join("\n") + "\n").expect("written");
    path.to_path_buf()
}

/// An item row on case `case`, in `state`, with the rest as given.
fn item(id: u32, case: &str, court: &str, state: &str, rest: &str) -> String {
    format!(
        "{id},{case},{court},民一庭,time_limit_near,请说明进度,审管办,2026-08-20,王伟,2026-08-27,{state},{rest}"
    )
}

fn step(item: u32, seq: u32, step: &str, day: &str) -> String {
    format!("{item},{seq},{day}T12:00:00+08:00,审管办,{step},内容,")
}

#[test]
fn hostile_rows_are_named_by_file_row_and_column_and_nothing_is_written() {
    let dir = TempDir::new("records-hostile");
    let target = empty_target(&dir);
    let long = "长".repeat(3000);
    let items = write(
        &dir.join("supervision.csv"),
        &[
            ITEMS_HEADER.to_string(),
            // 2: good, replied.
            item(1, A, "湘1402", "replied", "0,2026-08-24,是,"),
            // 3: closed, but its steps end with the reply.
            item(2, B, "湘1402", "closed", "0,2026-08-24,是,2026-08-25"),
            // 4: instructions far too long.
            format!(
                "3,{C},湘1402,民一庭,time_limit_near,{long},审管办,2026-08-20,王伟,2026-08-27,awaiting_reply,0,,,"
            ),
            // 5: the court is not the case number's.
            item(4, C, "湘1403", "awaiting_reply", "0,,,"),
            // 6: a case neither imported nor stored.
            item(
                5,
                "（2026）湘1402民初99号",
                "湘1402",
                "awaiting_reply",
                "0,,,",
            ),
            // 7: a level above the chain's top, a date that is none.
            format!(
                "6,{D},湘1402,民一庭,time_limit_near,请说明进度,审管办,2026-08-20,王伟,2026-13-45,awaiting_reply,9,,,"
            ),
            // 8: a formula is text like any other; good.
            format!(
                "7,{D},湘1402,民一庭,other,'=HYPERLINK(\"http://x\"),审管办,2026-08-20,王伟,2026-08-27,awaiting_reply,0,,,"
            ),
            // 9: its steps skip a number.
            item(9, A, "湘1402", "replied", "0,2026-08-24,否,"),
            // 10: its history starts with a reply; its reason is none.
            format!(
                "10,{A},湘1402,民一庭,没有这个事由,请说明进度,审管办,2026-08-20,王伟,2026-08-27,replied,0,2026-08-24,是,"
            ),
        ],
    );
    let steps = write(
        &dir.join("supervision_steps.csv"),
        &[
            STEPS_HEADER.to_string(),
            step(1, 1, "opened", "2026-08-20"),
            step(1, 2, "reply", "2026-08-24"),
            step(2, 1, "opened", "2026-08-20"),
            step(2, 2, "reply", "2026-08-24"),
            step(3, 1, "opened", "2026-08-20"),
            step(4, 1, "opened", "2026-08-20"),
            step(5, 1, "opened", "2026-08-20"),
            step(6, 1, "opened", "2026-08-20"),
            step(7, 1, "opened", "2026-08-20"),
            step(8, 1, "opened", "2026-08-20"),
            step(9, 1, "opened", "2026-08-20"),
            step(9, 3, "reply", "2026-08-24"),
            step(10, 1, "reply", "2026-08-24"),
        ],
    );
    let files = [items.clone(), steps.clone()];
    let outcome = import_into(&target, "2026-09-02", &files);
    assert!(outcome.written.is_none(), "all or nothing");
    let found: Vec<(String, usize, String)> = outcome
        .errors
        .iter()
        .map(|e| {
            let file = e
                .path
                .file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            (file, e.row, e.column.clone())
        })
        .collect();
    let expect = |file: &str, row: usize, column: &str| {
        assert!(
            found.contains(&(file.to_string(), row, column.to_string())),
            "{file} row {row} column {column} in {found:?}"
        );
    };
    expect("supervision.csv", 3, "state");
    expect("supervision.csv", 4, "instructions");
    expect("supervision.csv", 5, "court_code");
    expect("supervision.csv", 6, "case_no");
    expect("supervision.csv", 7, "due_on");
    expect("supervision.csv", 7, "level");
    expect("supervision.csv", 9, "id");
    expect("supervision.csv", 10, "reason");
    // The step at fault in each broken history, and the steps of items refused.
    expect("supervision_steps.csv", 13, "step");
    expect("supervision_steps.csv", 14, "item_id");
    expect("supervision_steps.csv", 11, "item_id");
    expect("supervision_steps.csv", 5, "item_id");
    // The good items and their steps are not among the errors.
    for good in [2, 8] {
        assert!(
            !found
                .iter()
                .any(|(f, r, _)| f == "supervision.csv" && *r == good)
        );
    }
    for good in [2, 3, 10] {
        assert!(
            !found
                .iter()
                .any(|(f, r, _)| f == "supervision_steps.csv" && *r == good)
        );
    }
    // Overlong values are shown cut short.
    let long_error = outcome
        .errors
        .iter()
        .find(|e| e.column == "instructions")
        .expect("the long one");
    assert!(
        long_error.value.chars().count() <= 61,
        "{}",
        long_error.value
    );
    let app = app_on("2026-09-02");
    let mut store = open(&app, &target);
    let stored = store
        .inner
        .records_of_cases(&[A.into(), B.into(), C.into(), D.into()])
        .expect("read");
    assert!(stored.items.is_empty(), "nothing written: {stored:?}");

    // Skipping the bad rows: the two good items go in, the rest to the rejects with reasons.
    let rejects = dir.join("rejects.csv");
    let outcome = import_with(&target, "2026-09-02", &files, |r| {
        r.skip_invalid = true;
        r.rejects = Some(rejects.clone());
    });
    assert_eq!(outcome.records.items, tally(2, 0, 0));
    assert_eq!(
        outcome.rejects_files.len(),
        2,
        "{:?}",
        outcome.rejects_files
    );
    let rejected_items =
        std::fs::read_to_string(dir.join("rejects-supervision.csv")).expect("rejects");
    assert_eq!(rejected_items.lines().count(), 1 + 7, "{rejected_items}");
    assert!(rejected_items.contains("不能为空") || rejected_items.contains("状态与办理经过不符"));
    let stored = store
        .inner
        .records_of_cases(&[A.into(), D.into()])
        .expect("read");
    let mut instructions: Vec<&str> = stored
        .items
        .iter()
        .map(|(i, _)| i.instructions.as_str())
        .collect();
    instructions.sort();
    assert_eq!(instructions, vec!["=HYPERLINK(\"http://x\")", "请说明进度"]);
}

#[test]
fn a_records_file_without_a_column_stops_the_import_naming_it() {
    let dir = TempDir::new("records-header");
    let target = empty_target(&dir);
    let reviews = write(
        &dir.join("zhongben_reviews.csv"),
        &[
            "case_no,court_code,compliant,reason,found_by".to_string(),
            format!("{E},湘1402,合格,五项条件均已满足,院长"),
        ],
    );
    let app = app_on("2026-09-02");
    let mut store = open(&app, &target);
    let error = app
        .import(
            &mut store,
            &ImportRequest {
                files: vec![reviews],
                ..ImportRequest::default()
            },
            &mut |_| {},
        )
        .expect_err("refused");
    let message = error.to_string();
    assert!(message.contains("表头缺少列：时间"), "{message}");
    assert!(message.contains("zhongben_reviews.csv"), "{message}");
}

#[test]
fn a_courts_own_import_takes_no_records_of_other_courts() {
    let dir = TempDir::new("records-scope");
    let source = Source::new(&dir);
    first_weeks(&source);
    let files = export(&source.db, &dir.join("out"), ExportFormat::Csv, false);
    let records: Vec<PathBuf> = files
        .iter()
        .filter(|f| f.parent().is_some_and(|p| p.ends_with("supervision")))
        .cloned()
        .collect();
    let target = empty_target(&dir);
    let outcome = import_with(&target, "2026-09-02", &records, |r| {
        r.within = Some(CourtCode::parse("湘1403").expect("court"));
    });
    assert!(outcome.written.is_none());
    let outside = outcome
        .errors
        .iter()
        .filter(|e| e.reason_zh.contains("无权导入"))
        .count();
    // Three items, two applications, one review.
    assert_eq!(outside, 6, "{:?}", outcome.errors);
}

#[test]
fn items_and_their_steps_come_together_or_not_at_all() {
    let dir = TempDir::new("records-halves");
    let target = empty_target(&dir);
    let items = write(
        &dir.join("supervision.csv"),
        &[
            ITEMS_HEADER.to_string(),
            item(1, A, "湘1402", "awaiting_reply", "0,,,"),
        ],
    );
    let steps = write(
        &dir.join("supervision_steps.csv"),
        &[STEPS_HEADER.to_string(), step(1, 1, "opened", "2026-08-20")],
    );
    let app = app_on("2026-09-02");
    let mut store = open(&app, &target);
    for (alone, missing) in [(&items, "supervision_steps"), (&steps, "supervision")] {
        let error = app
            .import(
                &mut store,
                &ImportRequest {
                    files: vec![alone.clone()],
                    ..ImportRequest::default()
                },
                &mut |_| {},
            )
            .expect_err("refused");
        let message = error.to_string();
        assert!(
            message.contains(&format!("缺少导出的 {missing} 文件")),
            "{message}"
        );
    }
    let outcome = import_into(&target, "2026-09-02", &[items, steps]);
    assert_eq!(
        outcome.records.items,
        tally(1, 0, 0),
        "{:?}",
        outcome.errors
    );
}

#[test]
fn approvals_imported_without_their_cases_changes_are_named() {
    let dir = TempDir::new("records-approvals");
    let source = Source::new(&dir);
    first_weeks(&source);
    let files = export(&source.db, &dir.join("out"), ExportFormat::Csv, false);
    let records: Vec<PathBuf> = files
        .iter()
        .filter(|f| f.parent().is_some_and(|p| p.ends_with("supervision")))
        .cloned()
        .collect();
    // The target's cases are the source's before any extension was approved.
    let target = empty_target(&dir);
    let outcome = import_into(&target, "2026-09-02", &records);
    assert!(outcome.written.is_some(), "{:?}", outcome.errors);
    let warning = outcome
        .warnings
        .iter()
        .find(|w| w.zh().contains("已批准的审限变更"))
        .unwrap_or_else(|| panic!("{:?}", outcome.warnings));
    assert!(warning.zh().contains(D), "{warning:?}");
}
