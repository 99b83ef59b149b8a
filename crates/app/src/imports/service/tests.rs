//! The service files through an import, a second import, a postal batch, an export and a second
//! store: all or nothing, nothing twice, an announcement moving the deadline as one recorded by
//! hand, held to the importer's courts.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use shenguan_domain::{CaseNumber, CaseRecord, CourtCode, EventRecord};
use shenguan_store::{ConfirmationRow, ServiceQuery, ServiceTaskRow};
use shenguan_testkit::TempDir;

use super::ServiceImportCounts;
use crate::accounts::{NewAccount, Role, User};
use crate::exports::{ExportFormat, ExportRequest};
use crate::imports::{ImportOutcome, ImportRequest};
use crate::service::{Method, NewAttempt, NewTask, Outcome, Proof, RecipientKind};
use crate::{App, AppError, Config, FixedClock, Store};

fn d(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

const CIVIL: &str = "（2026）湘1402民初1号";
/// The same kind of case filed the same day: its service is recorded by hand.
const TWIN: &str = "（2026）湘1402民初2号";
const OTHER_COURT: &str = "（2026）湘1403民初3号";

const HEADER: &str = "案号,送达文书,受送达人,受送达人类别,证件号码,送达地址,涉外,任务创建日期,送达次序,送达方式,送达日期,送达结果,签收日期,未送达原因,送达凭证,邮件号,受托法院,送达人";

/// A mailing still waiting, a service in person, a task with no attempt yet.
const RECORDS: &str = "（2026）湘1402民初1号,传票,张三,当事人,43010219800101109X,株洲市某路1号,否,2026-01-06,1,邮寄送达,2026-01-07,送达中,,,,1190012345678,,送达员
（2026）湘1402民初1号,起诉状副本,李四,,,,否,2026-01-06,1,直接送达,2026-01-08,已送达,2026-01-08,,送达回证,,,送达员
（2026）湘1402民初1号,应诉通知书,王五,诉讼代理人,,,否,2026-01-06,,,,,,,,,,
";

const CONFIRMATIONS: &str = "案号,当事人,证件号码,签署日期,确认送达地址,同意电子送达,电子送达地址
（2026）湘1402民初1号,张三,43010219800101109X,2026-01-06,株洲市某路1号,全部诉讼文书,13800000000
";

const POSTAL_HEADER: &str = "邮件号,收件人,收件地址,收寄日期,投递状态,投递日期,退回原因,签收人";

fn app_at(today: &str) -> App {
    App::with_clock(Config::default(), Box::new(FixedClock(d(today)))).expect("app")
}

fn open(app: &App, db: &Path) -> Store {
    app.open_store(Some(&db.display().to_string()))
        .expect("store")
}

fn case(number: &str) -> CaseRecord {
    let case_no = CaseNumber::parse(number, 2026).expect("a case number");
    let court = case_no.court().expect("a current court code");
    CaseRecord {
        division: Some("民一庭".into()),
        judge: Some("王伟".into()),
        ..CaseRecord::filed(case_no, court, d("2026-01-05"))
    }
}

/// A store with the three cases and the judge's account.
fn world(dir: &TempDir) -> (PathBuf, User) {
    let db = dir.join("shenguan.db");
    let app = app_at("2026-03-20");
    let mut store = open(&app, &db);
    store
        .inner
        .write_import(
            &[case(CIVIL), case(TWIN), case(OTHER_COURT)],
            &Vec::<EventRecord>::new(),
            &mut |_| {},
        )
        .expect("the cases");
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
    (db, judge)
}

fn write(dir: &TempDir, name: &str, text: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).expect("written");
    path
}

fn records(dir: &TempDir, name: &str, rows: &str) -> PathBuf {
    write(dir, name, &format!("{HEADER}\n{rows}"))
}

fn postal(dir: &TempDir, name: &str, rows: &str) -> PathBuf {
    write(dir, name, &format!("{POSTAL_HEADER}\n{rows}"))
}

fn request(files: &[PathBuf]) -> ImportRequest {
    ImportRequest {
        files: files.to_vec(),
        ..ImportRequest::default()
    }
}

fn import_with(db: &Path, request: &ImportRequest) -> Result<ImportOutcome, AppError> {
    let app = app_at("2026-03-20");
    let mut store = open(&app, db);
    app.import(&mut store, request, &mut |_| {})
}

fn import(db: &Path, files: &[PathBuf]) -> ImportOutcome {
    import_with(db, &request(files)).expect("the import runs")
}

fn counts(
    tasks: u64,
    attempts: u64,
    settled: u64,
    confirmations: u64,
    unchanged: u64,
) -> ServiceImportCounts {
    ServiceImportCounts {
        tasks_added: tasks,
        attempts_added: attempts,
        attempts_settled: settled,
        confirmations_added: confirmations,
        unchanged,
    }
}

/// Everything the store holds of service, and the cases' excluded periods.
fn snapshot(
    db: &Path,
) -> (
    Vec<ServiceTaskRow>,
    Vec<ConfirmationRow>,
    Vec<String>,
    usize,
) {
    let app = app_at("2026-03-20");
    let mut store = open(&app, db);
    let tasks = store
        .inner
        .service_tasks(&ServiceQuery::default())
        .expect("tasks");
    let confirmations = store.inner.all_confirmations().expect("confirmations");
    let exclusions = [CIVIL, TWIN, OTHER_COURT]
        .iter()
        .map(|n| {
            let (record, _) = store.inner.case(n).expect("read").expect("a case");
            format!("{:?}", record.exclusions)
        })
        .collect();
    let audit = app
        .audit_log(&mut store, 1000)
        .expect("log")
        .iter()
        .filter(|e| e.action == "service.import")
        .count();
    (tasks, confirmations, exclusions, audit)
}

#[test]
fn records_confirmations_and_a_postal_batch_import_once_and_a_second_import_changes_nothing() {
    let dir = TempDir::new("service-import");
    let (db, _) = world(&dir);
    let files = [
        records(&dir, "送达记录.csv", RECORDS),
        write(&dir, "送达地址确认书.csv", CONFIRMATIONS),
    ];
    let outcome = import(&db, &files);
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    assert!(outcome.written.is_some());
    assert_eq!(outcome.service, Some(counts(3, 2, 0, 1, 0)));
    let batch = postal(
        &dir,
        "邮寄结果.csv",
        "1190012345678,张三,株洲市某路1号,2026-01-07,妥投,2026-01-09 10:12:00,,张三\n",
    );
    let settled = import(&db, std::slice::from_ref(&batch));
    assert!(settled.errors.is_empty(), "{:?}", settled.errors);
    assert_eq!(settled.service, Some(counts(0, 0, 1, 0, 0)));

    let (tasks, confirmations, _, audited) = snapshot(&db);
    assert_eq!(tasks.len(), 3);
    let zhang = tasks.iter().find(|t| t.recipient == "张三").expect("张三");
    let mailed = &zhang.attempts[0];
    assert_eq!(
        (
            mailed.outcome.as_str(),
            mailed.served_on,
            mailed.proof.as_deref()
        ),
        ("served", Some(d("2026-01-09")), Some("postal_receipt"))
    );
    assert_eq!(mailed.by_user, "送达员");
    assert_eq!(zhang.created_by, "导入");
    // The number is keyed (the same key as the confirmation's) and never kept.
    let key = zhang.identity_key.clone().expect("a key");
    assert_eq!(key.len(), 32);
    assert_eq!(confirmations[0].identity_key.as_ref(), Some(&key));
    assert!(!format!("{tasks:?}{confirmations:?}").contains("19800101"));
    let wang = tasks.iter().find(|t| t.recipient == "王五").expect("王五");
    assert!(wang.attempts.is_empty());
    assert_eq!(wang.recipient_kind, "agent");
    assert_eq!(audited, 2);

    // Again: nothing changes, the records file's waiting mailing included (the store knows more).
    let again = import(&db, &files);
    assert!(again.errors.is_empty(), "{:?}", again.errors);
    assert_eq!(again.service, Some(counts(0, 0, 0, 0, 4)));
    let again = import(&db, std::slice::from_ref(&batch));
    assert_eq!(again.service, Some(counts(0, 0, 0, 0, 1)));
    let (after, confirmations_after, ..) = snapshot(&db);
    assert_eq!(after, tasks);
    assert_eq!(confirmations_after, confirmations);
}

#[test]
fn a_malformed_postal_batch_names_file_row_column_value_and_reason_and_writes_nothing() {
    let dir = TempDir::new("service-postal");
    let (db, _) = world(&dir);
    let mailings = "（2026）湘1402民初1号,传票,张三,,,,否,2026-01-06,1,邮寄送达,2026-01-07,送达中,,,,1190012345678,,送达员
（2026）湘1402民初1号,传票,李四,,,,否,2026-01-06,1,邮寄送达,2026-01-07,未送达,,拒收,邮件回执,1190012345690,,送达员
（2026）湘1402民初1号,传票,王五,,,,否,2026-01-06,1,邮寄送达,2026-01-07,送达中,,,,1190012345691,,送达员
";
    let outcome = import(&db, &[records(&dir, "送达记录.csv", mailings)]);
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    let batch = postal(
        &dir,
        "邮寄结果.csv",
        "1190012345678,张三,,2026-01-07,妥投,2026-01-09,,张三
9999999999999,赵六,,,妥投,2026-01-09,,
1190012345690,李四,,,妥投,2026-01-10,,
1190012345691,王五,,,妥投,2026-01-05,,
1190012345692,,,,签收,,,
1190012345693,,,,退回,2026-01-10,,
",
    );
    let before = snapshot(&db);
    let bytes = std::fs::read(&db).expect("the store's file");
    let report = dir.join("错误报告.csv");
    let refused = import_with(
        &db,
        &ImportRequest {
            rejects: Some(report.clone()),
            ..request(std::slice::from_ref(&batch))
        },
    )
    .expect("the import runs");
    assert!(refused.written.is_none(), "nothing written");
    let named: Vec<(PathBuf, usize, &str, &str)> = refused
        .errors
        .iter()
        .map(|e| (e.path.clone(), e.row, e.column.as_str(), e.value.as_str()))
        .collect();
    assert_eq!(
        named,
        [
            (batch.clone(), 6, "投递日期", ""),
            (batch.clone(), 7, "退回原因", ""),
            (batch.clone(), 3, "邮件号", "9999999999999"),
            (batch.clone(), 4, "投递状态", "妥投"),
            (batch.clone(), 5, "投递日期", "2026-01-05"),
        ]
    );
    let reason = |row: usize| {
        let e = refused
            .errors
            .iter()
            .find(|e| e.row == row)
            .expect("an error");
        assert!(!e.reason_en.is_empty());
        e.reason_zh.clone()
    };
    assert!(reason(3).contains("没有邮件号为9999999999999的邮寄送达记录"));
    assert!(
        reason(4).contains("已有结果（未送达（拒收））"),
        "{}",
        reason(4)
    );
    assert!(
        reason(5).contains("早于寄出日期2026-01-07"),
        "{}",
        reason(5)
    );
    assert!(reason(6).contains("须写明投递"));
    assert!(reason(7).contains("拒收"));
    // The store is as it was, to the byte.
    assert_eq!(snapshot(&db), before);
    assert_eq!(std::fs::read(&db).expect("the store's file"), bytes);
    let written = std::fs::read_to_string(&report).expect("the report");
    assert!(written.contains("9999999999999"), "{written}");

    // Skipping the bad rows: the good one settles its mailing, the others wait in a file of
    // their own with their reasons.
    let rejects = dir.join("待修正.csv");
    let skipped = import_with(
        &db,
        &ImportRequest {
            skip_invalid: true,
            rejects: Some(rejects.clone()),
            ..request(std::slice::from_ref(&batch))
        },
    )
    .expect("the import runs");
    assert_eq!(skipped.service, Some(counts(0, 0, 1, 0, 0)));
    let kept = std::fs::read_to_string(&rejects).expect("the rejects");
    assert_eq!(kept.lines().count(), 6, "{kept}");
    assert!(
        kept.lines()
            .next()
            .unwrap_or("")
            .ends_with("错误原因 reason"),
        "{kept}"
    );
    assert!(!kept.contains("1190012345678"), "{kept}");
    let (tasks, ..) = snapshot(&db);
    let zhang = tasks.iter().find(|t| t.recipient == "张三").expect("张三");
    assert_eq!(zhang.attempts[0].served_on, Some(d("2026-01-09")));
}

#[test]
fn an_imported_announcement_moves_the_deadline_exactly_as_one_recorded_by_hand() {
    let dir = TempDir::new("service-notice");
    let (db, judge) = world(&dir);
    let app = app_at("2026-03-20");
    let mut store = open(&app, &db);
    for (recipient, published) in [("张三", "2026-03-02"), ("李四", "2026-03-12")] {
        let id = app
            .open_service_task(
                &mut store,
                &judge,
                &NewTask {
                    case_no: TWIN.into(),
                    document: "传票".into(),
                    recipient: recipient.into(),
                    recipient_kind: RecipientKind::Party,
                    identity_number: None,
                    address: None,
                    foreign: false,
                    created_on: Some(d("2026-01-06")),
                },
            )
            .expect("opened");
        app.record_service_attempt(
            &mut store,
            &judge,
            id,
            &NewAttempt {
                method: Method::Notice,
                attempted_on: d(published),
                outcome: Outcome::Waiting,
                served_on: None,
                failure: None,
                proof: Some(Proof::NoticeRecord),
                tracking_no: None,
                entrusted_court: None,
            },
        )
        .expect("announced");
    }
    drop(store);
    // The same in a file: the first with its day of service left to the law, the second with
    // the law's day written.
    let file = records(
        &dir,
        "公告.csv",
        "（2026）湘1402民初1号,传票,张三,,,,否,2026-01-06,1,公告送达,2026-03-02,公告中,,,公告凭证,,,
（2026）湘1402民初1号,传票,李四,,,,否,2026-01-06,1,公告,2026-03-12,已送达,2026-04-11,,公告凭证,,,
",
    );
    // A day of service other than the law's is refused, naming the law's day.
    let wrong = records(
        &dir,
        "公告有误.csv",
        "（2026）湘1402民初1号,传票,张三,,,,否,2026-01-06,1,公告送达,2026-03-02,已送达,2026-03-05,,,,,
",
    );
    let refused = import(&db, std::slice::from_ref(&wrong));
    assert!(refused.written.is_none());
    assert_eq!(refused.errors.len(), 1, "{:?}", refused.errors);
    assert_eq!(refused.errors[0].column, "签收日期");
    assert!(
        refused.errors[0].reason_zh.contains("2026-04-01"),
        "{}",
        refused.errors[0].reason_zh
    );

    let outcome = import(&db, std::slice::from_ref(&file));
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    assert_eq!(outcome.service, Some(counts(2, 2, 0, 0, 0)));
    let mut store = open(&app, &db);
    let read = |store: &mut Store, number: &str| {
        let (record, _) = store.inner.case(number).expect("read").expect("a case");
        let deadline = app.case_deadline_explained(&record).expect("a deadline");
        (
            record.excluded_days(),
            record.exclusions,
            deadline.date,
            deadline.notes,
        )
    };
    let by_hand = read(&mut store, TWIN);
    let imported = read(&mut store, CIVIL);
    // 3-03..4-01 and 3-13..4-11 joined: forty days, the deadline moved by them.
    assert_eq!(by_hand.0, 40);
    assert_eq!(imported, by_hand);
    // The tasks came to the same: served on the law's day.
    let served = |store: &mut Store, number: &str| -> Vec<_> {
        store
            .inner
            .service_tasks(&ServiceQuery {
                case_no: Some(number.into()),
                ..ServiceQuery::default()
            })
            .expect("tasks")
            .iter()
            .map(|t| (t.attempts[0].outcome.clone(), t.attempts[0].served_on))
            .collect()
    };
    assert_eq!(served(&mut store, CIVIL), served(&mut store, TWIN));
    drop(store);
    // Importing it again moves nothing twice.
    let again = import(&db, std::slice::from_ref(&file));
    assert_eq!(again.service, Some(counts(0, 0, 0, 0, 2)));
    let mut store = open(&app, &db);
    assert_eq!(read(&mut store, CIVIL), by_hand);
}

#[test]
fn the_import_is_held_to_the_importer_s_courts_to_stored_cases_and_to_itself() {
    let dir = TempDir::new("service-scope");
    let (db, _) = world(&dir);
    let file = records(&dir, "送达记录.csv", RECORDS);
    let before = snapshot(&db);
    let outside = import_with(
        &db,
        &ImportRequest {
            within: Some(CourtCode::parse("湘1403").expect("court")),
            by: Some("湘1403审管办".into()),
            ..request(std::slice::from_ref(&file))
        },
    )
    .expect("the import runs");
    assert!(outside.written.is_none());
    assert_eq!(outside.errors.len(), 3, "{:?}", outside.errors);
    assert!(
        outside.errors.iter().all(|e| e.column == "案号"
            && e.value == CIVIL
            && e.reason_zh.contains("不属于湘1403"))
    );
    // A case the store does not hold; attempts that skip a number; a task created before its
    // case was filed; an attempt after the task was served.
    let unknown = records(
        &dir,
        "未知案件.csv",
        "（2026）湘1402民初99号,传票,张三,,,,否,2026-01-06,,,,,,,,,,
（2026）湘1402民初1号,传票,张三,,,,否,2026-01-06,2,直接送达,2026-01-08,已送达,2026-01-08,,,,,
（2026）湘1402民初1号,传票,张三,,,,否,2025-12-30,,,,,,,,,,
（2026）湘1402民初1号,传票,赵七,,,,否,2026-01-06,1,直接送达,2026-01-08,已送达,2026-01-08,,,,,
（2026）湘1402民初1号,传票,赵七,,,,否,2026-01-06,2,邮寄送达,2026-01-09,送达中,,,,1190012345699,,
",
    );
    let refused = import(&db, std::slice::from_ref(&unknown));
    let reasons: Vec<(usize, &str)> = refused
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (2, "案号"),
            (4, "任务创建日期"),
            (3, "送达次序"),
            (6, "送达次序")
        ]
    );
    assert!(refused.errors[0].reason_zh.contains("案件导入之后"));
    assert!(refused.errors[2].reason_zh.contains("没有第1次送达"));
    assert!(refused.errors[3].reason_zh.contains("已于2026-01-08送达"));
    // Service files with a case file: refused whole, naming them.
    let cases = write(
        &dir,
        "cases.csv",
        "案号,立案日期\n（2026）湘1402民初7号,2026-03-01\n",
    );
    let mixed = import_with(&db, &request(&[cases, file.clone()]));
    match mixed {
        Err(AppError::Invalid(text)) => {
            assert!(text.zh().contains("送达记录.csv"), "{}", text.zh());
        }
        other => panic!("{other:?}"),
    }
    // A dry run says what it would do and does nothing.
    let dry = import_with(
        &db,
        &ImportRequest {
            dry_run: true,
            ..request(std::slice::from_ref(&file))
        },
    )
    .expect("the import runs");
    assert_eq!(dry.service, Some(counts(3, 2, 0, 0, 0)));
    assert!(dry.written.is_none());
    assert_eq!(snapshot(&db), before);
    // Nor is the network's secret made for the identity number it read.
    let secret = PathBuf::from(format!("{}.identity-key", db.display()));
    assert!(!secret.exists(), "{secret:?}");
}

#[test]
fn an_export_imports_into_an_empty_store_as_it_was() {
    for chinese in [true, false] {
        let dir = TempDir::new("service-round-trip");
        let (db, judge) = world(&dir);
        let mixed = "（2026）湘1402民初1号,\"=HYPERLINK(\"\"http://x\"\",\"\"传票\"\")\",张三,当事人,43010219800101109X,\"株洲市某路1号, 302室\",否,2026-01-06,1,邮寄送达,2026-01-07,未送达,,迁移新址不明,邮件回执,1190012345678,,送达员
（2026）湘1402民初1号,\"=HYPERLINK(\"\"http://x\"\",\"\"传票\"\")\",张三,当事人,43010219800101109X,\"株洲市某路1号, 302室\",否,2026-01-06,2,委托送达,2026-01-10,送达中,,,,,长沙市岳麓区人民法院,送达员
（2026）湘1402民初1号,\"=HYPERLINK(\"\"http://x\"\",\"\"传票\"\")\",张三,当事人,43010219800101109X,\"株洲市某路1号, 302室\",否,2026-01-06,3,公告送达,2026-03-12,,,,公告凭证,,,送达员
（2026）湘1402民初1号,起诉状副本,Mr Smith,当事人,,,是,2026-01-06,1,公告送达,2026-03-12,,,,,,,送达员
（2026）湘1402民初1号,应诉通知书,王五,诉讼代理人,,,否,2026-01-06,,,,,,,,,,
";
        let first = import(
            &db,
            &[
                records(&dir, "送达记录.csv", mixed),
                write(&dir, "送达地址确认书.csv", CONFIRMATIONS),
            ],
        );
        assert!(first.errors.is_empty(), "{:?}", first.errors);
        // And one task recorded by hand.
        let app = app_at("2026-03-20");
        let mut store = open(&app, &db);
        app.open_service_task(
            &mut store,
            &judge,
            &NewTask {
                case_no: TWIN.into(),
                document: "传票".into(),
                recipient: "赵六".into(),
                recipient_kind: RecipientKind::Other,
                identity_number: None,
                address: None,
                foreign: false,
                created_on: Some(d("2026-02-01")),
            },
        )
        .expect("opened");
        let export = |store: &mut Store, out: &Path| {
            app.export(
                store,
                &ExportRequest {
                    format: ExportFormat::Csv,
                    out_dir: out.to_path_buf(),
                    query: shenguan_store::CaseQuery::default(),
                    chinese_header: chinese,
                    partition_by: Vec::new(),
                },
                &mut |_| {},
            )
            .expect("exported")
        };
        let out = dir.join("out");
        let files = export(&mut store, &out);
        drop(store);
        let service_files = [
            out.join("service").join("service-records.csv"),
            out.join("service").join("confirmations.csv"),
        ];
        for file in &service_files {
            assert!(files.files.contains(file), "{file:?} in {:?}", files.files);
        }
        let written = std::fs::read_to_string(&service_files[0]).expect("the records");
        assert_eq!(written.lines().count(), 1 + 6, "{written}");
        assert!(!written.contains("19800101"), "no number: {written}");
        assert!(
            written.contains("'=HYPERLINK"),
            "a formula guarded: {written}"
        );

        // A second store: the cases, then the service files.
        let second = TempDir::new("service-round-trip-2");
        let db2 = second.join("shenguan.db");
        let cases = import(&db2, &[out.join("cases.csv")]);
        assert!(cases.errors.is_empty(), "{:?}", cases.errors);
        let service = import(&db2, &service_files);
        assert!(service.errors.is_empty(), "{:?}", service.errors);
        assert_eq!(service.service, Some(counts(4, 4, 0, 1, 0)));
        let mut store = open(&app, &db2);
        let out2 = second.join("out");
        export(&mut store, &out2);
        for file in ["service-records.csv", "confirmations.csv"] {
            let a = std::fs::read(out.join("service").join(file)).expect("first");
            let b = std::fs::read(out2.join("service").join(file)).expect("second");
            assert_eq!(
                String::from_utf8_lossy(&a),
                String::from_utf8_lossy(&b),
                "{file}, chinese {chinese}"
            );
        }
        // The cases' excluded periods came along, not twice.
        let (record, _) = store.inner.case(CIVIL).expect("read").expect("a case");
        let original = {
            let mut store = open(&app, &db);
            store.inner.case(CIVIL).expect("read").expect("a case").0
        };
        assert_eq!(record.exclusions, original.exclusions);
        assert!(record.excluded_days() > 0);
    }
}

#[test]
fn an_xlsx_export_imports_as_it_was_too() {
    let dir = TempDir::new("service-xlsx");
    let (db, _) = world(&dir);
    let first = import(
        &db,
        &[
            records(&dir, "送达记录.csv", RECORDS),
            write(&dir, "送达地址确认书.csv", CONFIRMATIONS),
        ],
    );
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    let app = app_at("2026-03-20");
    let export = |db: &Path, format: ExportFormat, out: &Path| {
        let mut store = open(&app, db);
        app.export(
            &mut store,
            &ExportRequest {
                format,
                out_dir: out.to_path_buf(),
                query: shenguan_store::CaseQuery::default(),
                chinese_header: true,
                partition_by: Vec::new(),
            },
            &mut |_| {},
        )
        .expect("exported")
    };
    let csv = dir.join("csv");
    let xlsx = dir.join("xlsx");
    export(&db, ExportFormat::Csv, &csv);
    export(&db, ExportFormat::Xlsx, &xlsx);
    let second = TempDir::new("service-xlsx-2");
    let db2 = second.join("shenguan.db");
    assert!(import(&db2, &[xlsx.join("cases.xlsx")]).errors.is_empty());
    let service = import(
        &db2,
        &[
            xlsx.join("service").join("service-records.xlsx"),
            xlsx.join("service").join("confirmations.xlsx"),
        ],
    );
    assert!(service.errors.is_empty(), "{:?}", service.errors);
    assert_eq!(service.service, Some(counts(3, 2, 0, 1, 0)));
    let again = second.join("csv");
    export(&db2, ExportFormat::Csv, &again);
    for file in ["service-records.csv", "confirmations.csv"] {
        let a = std::fs::read_to_string(csv.join("service").join(file)).expect("first");
        let b = std::fs::read_to_string(again.join("service").join(file)).expect("second");
        assert_eq!(a, b, "{file}");
    }
}

/// An electronic service counts, or not, by the consent the party signed (in the store or in the
/// same import): a counted one ends its task, so a later attempt is refused as by hand; one
/// without consent does not, so the post may follow. With bad rows skipped, a new task whose only
/// rows were refused is not written bare.
#[test]
fn an_electronic_service_ends_its_task_only_with_a_consent_and_a_refused_task_is_not_written_bare()
{
    let dir = TempDir::new("service-import-consent");
    let (db, _) = world(&dir);
    let consent = write(
        &dir,
        "确认书.csv",
        &format!(
            "案号,当事人,签署日期,确认送达地址,同意电子送达\n{CIVIL},张三,2026-01-06,株洲市某路1号,全部诉讼文书\n"
        ),
    );
    let rows = format!(
        "{CIVIL},传票,张三,当事人,,,否,2026-01-06,1,电子送达,2026-01-07,已送达,2026-01-07,,电子送达回执,,,送达员\n\
         {CIVIL},传票,张三,当事人,,,否,2026-01-06,2,直接送达,2026-01-08,已送达,2026-01-08,,送达回证,,,送达员\n\
         {CIVIL},传票,李四,当事人,,,否,2026-01-06,1,电子送达,2026-01-07,已送达,2026-01-07,,电子送达回执,,,送达员\n\
         {CIVIL},传票,李四,当事人,,,否,2026-01-06,2,直接送达,2026-01-08,已送达,2026-01-08,,送达回证,,,送达员\n"
    );
    let file = records(&dir, "送达记录.csv", &rows);
    let outcome = import(&db, &[consent]);
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    let outcome = import(&db, std::slice::from_ref(&file));
    // 张三 consented: served electronically, the visit after it refused. 李四 did not: the visit
    // stands.
    assert_eq!(outcome.errors.len(), 1, "{:?}", outcome.errors);
    assert_eq!(outcome.errors[0].row, 3, "{:?}", outcome.errors);
    assert!(outcome.errors[0].reason_zh.contains("已于2026-01-07送达"));
    // Skipping the bad row writes the rest: both tasks, three attempts.
    let skip = ImportRequest {
        skip_invalid: true,
        rejects: Some(dir.join("rejects.csv")),
        ..request(&[file])
    };
    let outcome = import_with(&db, &skip).expect("the import runs");
    assert_eq!(outcome.service, Some(counts(2, 3, 0, 0, 0)));
    // A new task whose only row is refused against the store (a second attempt with no first)
    // is not written.
    let bad = records(
        &dir,
        "坏行.csv",
        &format!(
            "{CIVIL},判决书,王五,当事人,,,否,2026-01-06,2,直接送达,2026-01-08,已送达,2026-01-08,,送达回证,,,送达员\n"
        ),
    );
    let skip = ImportRequest {
        skip_invalid: true,
        rejects: Some(dir.join("rejects-2.csv")),
        ..request(&[bad])
    };
    let outcome = import_with(&db, &skip).expect("the import runs");
    assert_eq!(outcome.errors.len(), 1, "{:?}", outcome.errors);
    assert!(
        outcome.errors[0].reason_zh.contains("不连续"),
        "{:?}",
        outcome.errors
    );
    let (tasks, ..) = snapshot(&db);
    assert!(tasks.iter().all(|t| t.recipient != "王五"), "{tasks:?}");
    assert_eq!(tasks.len(), 2);
}

#[test]
fn a_stored_consent_counts_for_its_dispute_and_one_in_the_same_import_for_its_own_case_only() {
    const APPEAL: &str = "（2026）湘14民终1号";
    let dir = TempDir::new("service-import-disputes");
    let (db, _) = world(&dir);
    {
        // The appeal of CIVIL: the same dispute.
        let app = app_at("2026-03-20");
        let mut store = open(&app, &db);
        let appeal = CaseRecord {
            origin_case_no: Some(CaseNumber::parse(CIVIL, 2026).expect("number")),
            ..case(APPEAL)
        };
        store
            .inner
            .write_import(&[appeal], &Vec::<EventRecord>::new(), &mut |_| {})
            .expect("the appeal");
    }
    let header = "案号,当事人,签署日期,确认送达地址,同意电子送达";
    let stored = write(
        &dir,
        "确认书-一审.csv",
        &format!("{header}\n{CIVIL},张三,2026-01-06,株洲市某路1号,全部诉讼文书\n"),
    );
    let outcome = import(&db, &[stored]);
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    // In this import: 李四's for TWIN, and 张三's for a case of another dispute, which must not
    // count for TWIN's 张三.
    let same_import = write(
        &dir,
        "确认书-二号.csv",
        &format!(
            "{header}\n{TWIN},李四,2026-01-06,株洲市某路2号,全部诉讼文书\n\
             {OTHER_COURT},张三,2026-01-06,株洲市某路3号,全部诉讼文书\n"
        ),
    );
    // Each task served electronically, then visited: the visit is refused where the party's
    // consent makes the electronic service count.
    let task = |case: &str, who: &str| {
        format!(
            "{case},传票,{who},当事人,,,否,2026-01-06,1,电子送达,2026-01-07,已送达,2026-01-07,,电子送达回执,,,送达员\n\
             {case},传票,{who},当事人,,,否,2026-01-06,2,直接送达,2026-01-08,已送达,2026-01-08,,送达回证,,,送达员\n"
        )
    };
    let rows = [
        task(APPEAL, "张三"), // rows 2–3 (under the header): consent in the first instance, stored
        task(TWIN, "李四"),   // rows 4–5: consent in this import
        task(TWIN, "张三"),   // rows 6–7: consent only in another dispute
    ]
    .concat();
    let outcome = import(&db, &[records(&dir, "送达记录.csv", &rows), same_import]);
    let refused: Vec<usize> = outcome.errors.iter().map(|e| e.row).collect();
    assert_eq!(refused, vec![3, 5], "{:?}", outcome.errors);
    assert!(
        outcome
            .errors
            .iter()
            .all(|e| e.reason_zh.contains("已于2026-01-07送达")),
        "{:?}",
        outcome.errors
    );
}
