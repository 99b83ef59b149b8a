//! `shenguan import` and `shenguan export` run as a user would: the built binary, a temporary
//! folder, a SQLite store in it (and the same story on PostgreSQL when `SHENGUAN_TEST_PG` is set).

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{Workdir, output, path, stderr};

/// A court export as offices receive it: a title row, Chinese headers, mixed date forms.
const MONTH: &str = "\
南京市玄武区人民法院 2024年3月 收结案明细,,,,,,
案号,立案日期,结案日期,结案方式,承办人,标的额（元）,适用程序
（2024）苏0102民初101号,2024-03-05,2024/5/6,调解,张三,\"12,000.50\",简易
(2024)苏0102民初102号,2024年3月6日,,,李四,8000,普通
（2024）苏0102执55号,20240307,2024-09-30,终结本次执行,王五,150000,
";

fn count_lines(text: &str) -> usize {
    text.lines().count()
}

#[test]
fn import_is_idempotent_and_updates_by_case_number() {
    for dir in Workdir::all() {
        let month = dir.write("2024-03.csv", MONTH);
        let first = dir.ok(&["import", path(&month)]);
        // Three rows under the title and the header, none in the store yet.
        assert!(
            first.contains("导入完成：读取3行，新增3件、更新0件、未变0件，新增事件0条，错误0行\n"),
            "{first}"
        );

        let again = dir.ok(&["import", path(&month)]);
        assert!(again.contains("新增0件、更新0件、未变3件"), "{again}");

        // The next month's export: case 102 has closed since, and a new case was filed.
        let updated = MONTH.replace("2024年3月6日,,,", "2024年3月6日,2024-04-30,判决,")
            + "（2024）苏0102民初103号,2024-03-29,,,张三,100,小额诉讼\n";
        let next = dir.write("2024-04.csv", &updated);
        let third = dir.ok(&["import", path(&next)]);
        assert!(third.contains("新增1件、更新1件、未变2件"), "{third}");

        let cases = dir.export_cases("out");
        assert_eq!(count_lines(&cases), 5, "{cases}");
        assert!(cases.contains("（2024）苏0102民初102号,苏0102,,民初,civil,first_instance,普通,,,李四,,2024-03-06,2024-04-30,判决,8000.00,"), "{cases}");
    }
}

#[test]
fn one_bad_row_stops_the_import_and_nothing_is_written() {
    for dir in Workdir::all() {
        let bad = MONTH.replace("2024年3月6日", "2024年2月30日")
            + "（2024）苏0102民初终7号,2024-03-08,,,,,\n";
        let file = dir.write("bad.csv", &bad);
        let stderr = dir.fails(&["import", path(&file), "--rejects", "report.csv"], 1);
        assert!(
            stderr.contains("bad.csv 第4行 列“立案日期” 值“2024年2月30日”"),
            "{stderr}"
        );
        assert!(
            stderr.contains("bad.csv 第6行 列“案号” 值“（2024）苏0102民初终7号”"),
            "{stderr}"
        );
        // The reasons are in the locale's language, Chinese here: the report file has both.
        assert!(!stderr.contains("not a date that exists"), "{stderr}");
        let english = dir.run_in_locale(
            "LANG",
            "en_US.UTF-8",
            &["import", path(&file), "--rejects", "english.csv"],
        );
        assert_eq!(english.status.code(), Some(1));
        let said = crate::support::stderr(&english);
        assert!(
            said.contains(
                "bad.csv row 4 column “立案日期” value “2024年2月30日”: not a date that exists"
            ),
            "{said}"
        );
        assert!(
            said.contains(
                "shenguan: 2 errors, nothing was imported\nnext: fix the rows listed above"
            ),
            "{said}"
        );
        assert!(
            !said.contains("不是存在的日期") && !said.contains("下一步"),
            "{said}"
        );
        let report = fs::read_to_string(dir.file("report.csv")).expect("report");
        assert_eq!(count_lines(&report), 3, "{report}");
        assert!(
            report.starts_with('\u{feff}'),
            "the report opens in Excel: UTF-8 with BOM"
        );

        // Nothing was written: the store is empty.
        let cases = dir.export_cases("out");
        assert_eq!(count_lines(&cases), 1, "{cases}");
    }
}

#[test]
fn skip_invalid_writes_the_good_rows_and_rejects_the_bad_in_the_input_format() {
    let dir = Workdir::sqlite();
    let bad = MONTH.replace("2024年3月6日,,,", "2024年3月6日,2024-03-01,判决,");
    let gbk_like = dir.write("bad.csv", &bad);
    let output = dir.ok(&[
        "import",
        path(&gbk_like),
        "--skip-invalid",
        "--rejects",
        "fix-me.csv",
    ]);
    assert!(
        output.contains("新增2件") && output.contains("错误1行"),
        "{output}"
    );

    let rejects = fs::read_to_string(dir.file("fix-me.csv")).expect("rejects");
    let lines: Vec<&str> = rejects.lines().collect();
    assert_eq!(lines.len(), 2, "{rejects}");
    assert!(
        lines[0].starts_with("案号,立案日期,结案日期") && lines[0].ends_with("错误原因 reason")
    );
    assert!(
        lines[1].starts_with("(2024)苏0102民初102号,2024年3月6日,2024-03-01,判决"),
        "{rejects}"
    );
    assert!(lines[1].contains("结案日期早于立案日期"), "{rejects}");

    // Fixed by hand and imported again: the extra reason column is ignored.
    let fixed = rejects.replace("2024-03-01,判决", "2024-04-01,判决");
    let fixed_path = dir.write("fixed.csv", &fixed);
    let again = dir.ok(&["import", path(&fixed_path)]);
    assert!(again.contains("新增1件"), "{again}");
}

#[test]
fn export_import_export_is_byte_identical() {
    for dir in Workdir::all() {
        let month = dir.write("2024-03.csv", MONTH);
        let events = dir.write(
            "events.csv",
            "case_no,kind,date,detail\n（2024）苏0102民初101号,立案,2024-03-05,\n（2024）苏0102民初101号,开庭,2024-04-10,\"第一法庭, 上午\"\n",
        );
        dir.ok(&["import", path(&month), path(&events)]);
        let first = dir.export_cases("first");
        let first_events = fs::read(dir.file("first").join("events.csv")).expect("events");

        let fresh = Workdir::sqlite();
        let cases_path = dir.file("first").join("cases.csv");
        let events_path = dir.file("first").join("events.csv");
        fresh.ok(&["import", path(&cases_path), path(&events_path)]);
        let second = fresh.export_cases("second");
        let second_events = fs::read(fresh.file("second").join("events.csv")).expect("events");
        assert_eq!(first, second);
        assert_eq!(first_events, second_events);
        assert!(
            first.starts_with("case_no,court_code,court_name,type_code,category,stage,procedure")
        );

        // Derived columns: the deadline, the trial days, the extensions granted and the court
        // that hears the appeals.
        let row = first
            .lines()
            .find(|l| l.starts_with("（2024）苏0102民初101号"))
            .expect("row");
        assert!(row.ends_with(",2024-06-05,62,0,苏01"), "{row}");
    }
}

#[test]
fn export_with_chinese_headers_filters_and_other_formats() {
    let dir = Workdir::sqlite();
    let month = dir.write("2024-03.csv", MONTH);
    dir.ok(&["import", path(&month)]);
    dir.ok(&[
        "export",
        "--format",
        "csv",
        "--out",
        "zh",
        "--header",
        "zh",
        "--court",
        "苏0102",
        "--from",
        "2024-06-01",
    ]);
    let cases = fs::read_to_string(dir.file("zh").join("cases.csv")).expect("cases");
    assert!(
        cases.starts_with("案号,法院代字,法院名称,类型代字,案件类别,审级,适用程序"),
        "{cases}"
    );
    // Active from June: 102 (pending) and the enforcement case closed in September.
    assert_eq!(count_lines(&cases), 3, "{cases}");
    assert!(cases.contains(",民事,一审,"), "{cases}");
    for format in ["xlsx", "parquet"] {
        dir.ok(&["export", "--format", format, "--out", format]);
        let file = dir.file(format).join(format!("cases.{format}"));
        assert!(
            fs::metadata(&file).map(|m| m.len() > 0).unwrap_or(false),
            "{format}"
        );
        // What was exported imports again, unchanged.
        let again = dir.ok(&["import", path(&file)]);
        assert!(again.contains("未变3件"), "{format}: {again}");
    }
    dir.fails(&["export", "--format", "json", "--out", "x"], 1);
}

#[test]
fn a_crash_in_the_middle_of_an_import_leaves_the_store_as_it_was() {
    for dir in Workdir::all() {
        let month = dir.write("2024-03.csv", MONTH);
        dir.ok(&["import", path(&month)]);
        let before = dir.export_cases("before");

        let mut big = String::from("案号,立案日期,结案日期,结案方式\n");
        for serial in 1..=25_000 {
            big.push_str(&format!(
                "（2024）苏0102民初{}号,2024-04-01,,\n",
                1000 + serial
            ));
        }
        big.push_str("（2024）苏0102民初101号,2024-03-05,2024-05-06,判决\n");
        let file = dir.write("big.csv", &big);
        let mut command = dir.command(&["import", path(&file)]);
        command.env("SHENGUAN_FAULT_ABORT_AFTER_ROWS", "10000");
        let output = output(&mut command, None);
        assert!(!output.status.success(), "the import must have died");
        assert_eq!(
            output.status.code(),
            None,
            "killed by a signal, not an orderly exit: {}",
            stderr(&output)
        );

        assert_eq!(dir.export_cases("after"), before);
        // And the same import, run to the end, writes everything.
        let done = dir.ok(&["import", path(&file)]);
        assert!(done.contains("新增25000件、更新1件"), "{done}");
    }
}

#[test]
fn events_need_their_case() {
    let dir = Workdir::sqlite();
    let events = dir.write(
        "events.csv",
        "kind,date,case_no,detail\n立案,2024-03-05,（2024）苏0102民初9号,\n",
    );
    let stderr = dir.fails(&["import", path(&events)], 1);
    // The error names the case-number column, wherever the file puts it.
    assert!(
        stderr.contains("第2行 列“case_no” 值“（2024）苏0102民初9号”"),
        "{stderr}"
    );
    assert!(
        stderr.contains("事件所属案件既不在本次导入中，也不在数据库中"),
        "{stderr}"
    );
}

#[test]
fn files_that_cannot_be_read_are_named() {
    let dir = Workdir::sqlite();
    let said = dir.fails(&["import", "missing.csv"], 3);
    assert!(said.contains("missing.csv"), "{said}");
    let notes = dir.write("notes.csv", "会议纪要\n今天讨论了审限\n");
    let said = dir.fails(&["import", path(&notes)], 1);
    assert!(said.contains("notes.csv"), "{said}");
}

/// Files written by other software (Python with GBK encoding, openpyxl, DuckDB), committed under
/// `crates/ingest/tests/fixtures/` with the script that made them.
fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../ingest/tests/fixtures")
        .join(name)
}

#[test]
fn files_made_by_other_software_import_exactly() {
    let dir = Workdir::sqlite();
    let gbk = dir.ok(&["import", path(&fixture("cases_gbk.csv"))]);
    assert!(gbk.contains("新增8件"), "{gbk}");
    let cases = dir.export_cases("gbk");
    // GBK text, a quoted cause with a comma, 2024/3/5-style dates, a title row above the header.
    assert!(cases.contains("（2024）苏0106民初567号,苏0106,南京市鼓楼区人民法院,民初,civil,first_instance,普通,\"机动车交通事故责任纠纷,财产损害赔偿纠纷\",民事审判第一庭,李娜,,2024-03-05,,,128000.50,"), "{cases}");
    assert!(cases.contains("（2024）苏0115执1021号,苏0115,南京市江宁区人民法院,执,enforcement,enforcement,,,执行局,陈静,,2024-03-12,2024-06-28,终结本次执行,200000.00,35000.00,,0,,0,（2023）苏0115民初4321号,2024-09-12,108,0,苏01\n"), "{cases}");

    let other = Workdir::sqlite();
    let xlsx = other.ok(&["import", path(&fixture("cases.xlsx"))]);
    assert!(xlsx.contains("新增8件"), "{xlsx}");
    let cases = other.export_cases("xlsx");
    // Real Excel date cells, an Excel serial number in a General cell, money as numbers.
    assert!(cases.contains("（2024）苏0105民初707号,苏0105,南京市建邺区人民法院,民初,civil,first_instance,简易,买卖合同纠纷,民事审判庭,孙丽,,2024-01-15,2024-02-02,撤诉,98765.43,"), "{cases}");
    assert!(cases.contains("（2024）苏01民终404号,苏01,南京市中级人民法院,民终,civil,second_instance,普通,房屋租赁合同纠纷,民事审判第二庭,刘洋,,2024-01-08,2024-03-15,改判,1234.56,"), "{cases}");

    let duck = Workdir::sqlite();
    let parquet = duck.ok(&[
        "import",
        path(&fixture("cases.parquet")),
        path(&fixture("events_utf8bom.csv")),
    ]);
    assert!(
        parquet.contains("新增5件") && parquet.contains("新增事件5条"),
        "{parquet}"
    );
}

#[test]
fn generated_data_is_reproducible_and_imports_cleanly() {
    let dir = Workdir::sqlite();
    let generate = |out: &str, threads: &str| {
        dir.ok(&[
            "generate",
            "--cases",
            "3000",
            "--seed",
            "5",
            "--from",
            "2023-01-01",
            "--to",
            "2024-06-30",
            "--threads",
            threads,
            "--out",
            out,
        ])
    };
    generate("one", "1");
    generate("two", "2");
    let files = [
        "cases.csv",
        "events.csv",
        "courts.csv",
        "staff.csv",
        "divisions.csv",
        "parties.csv",
        "payments.csv",
    ];
    for file in files {
        let one = fs::read(dir.file("one").join(file)).expect("file");
        let two = fs::read(dir.file("two").join(file)).expect("file");
        assert_eq!(one, two, "{file} differs between 1 and 2 threads");
    }
    // Every file but the court list (the configuration's) imports, together.
    let paths: Vec<std::path::PathBuf> = [
        "staff.csv",
        "cases.csv",
        "events.csv",
        "parties.csv",
        "payments.csv",
    ]
    .iter()
    .map(|f| dir.file("one").join(f))
    .collect();
    let mut args = vec!["import"];
    args.extend(paths.iter().map(|p| path(p)));
    let imported = dir.ok(&args);
    assert!(
        imported.contains("错误0行") && imported.contains("当事人") && imported.contains("执行款"),
        "{imported}"
    );
    // Straight into the store gives the same cases as the files.
    let direct = Workdir::sqlite();
    direct.ok(&[
        "generate",
        "--cases",
        "3000",
        "--seed",
        "5",
        "--from",
        "2023-01-01",
        "--to",
        "2024-06-30",
    ]);
    let from_files = dir.export_cases("via-files");
    let from_store = direct.export_cases("via-store");
    assert_eq!(from_files, from_store);
    // The same parties and payments (each store keys identities under its own secret: the keys
    // differ, the rest does not).
    let without_keys = |dir: &Workdir, out: &str| -> Vec<String> {
        fs::read_to_string(dir.file(out).join("parties.csv"))
            .expect("parties.csv")
            .lines()
            .map(|line| {
                let mut cells: Vec<&str> = line.split(',').collect();
                cells.remove(4);
                cells.join(",")
            })
            .collect()
    };
    assert_eq!(
        without_keys(&dir, "via-files"),
        without_keys(&direct, "via-store")
    );
    assert_eq!(
        fs::read(dir.file("via-files").join("payments.csv")).expect("payments"),
        fs::read(direct.file("via-store").join("payments.csv")).expect("payments")
    );
    // The network's court list goes beside the cases: into the store, and as a file that names
    // each court's parent.
    let url = shenguan_store::StoreUrl::parse(&direct.db).expect("url");
    let courts = shenguan_store::Store::open(&url)
        .expect("open")
        .courts()
        .expect("courts");
    assert_eq!(courts.len(), 11, "{courts:?}");
    assert_eq!(courts[0].code.to_string(), "湘14");
    assert!(courts[1..].iter().all(|c| c.parent == Some(courts[0].code)));
    assert_eq!(courts[0].short_name.as_deref(), Some("清河中院"));
    assert_eq!(courts[1].short_name.as_deref(), Some("清河区法院"));
    let listed = fs::read_to_string(dir.file("one").join("courts.csv")).expect("courts.csv");
    assert!(
        listed.starts_with("court_code,name,short_name,parent_code\n湘14,清河市中级人民法院,清河中院,湘\n湘1402,清河市清河区人民法院,清河区法院,湘14\n"),
        "{listed}"
    );
    assert_eq!(listed.lines().count(), 12);
    // The file is a court list the configuration reads back whole.
    let read = dir.ok(&[
        "courts",
        "--file",
        path(&dir.file("one").join("courts.csv")),
        "湘1402",
    ]);
    assert!(read.contains("\"name\":\"清河市清河区人民法院\""), "{read}");
}

#[test]
fn a_generation_that_cannot_write_leaves_no_half_files() {
    let dir = Workdir::sqlite();
    // The events file's place is taken by a folder: the cases file must not stay behind.
    fs::create_dir_all(dir.file("out").join("events.csv")).expect("folder");
    let said = dir.fails(
        &[
            "generate",
            "--cases",
            "500",
            "--from",
            "2024-01-01",
            "--to",
            "2024-06-30",
            "--out",
            "out",
        ],
        3,
    );
    assert!(said.contains("events.csv"), "{said}");
    assert!(!dir.file("out").join("cases.csv").exists());
}

/// The value of `column` in the row of `case_no` of an exported cases CSV (no quoted commas).
fn exported(cases: &str, case_no: &str, column: &str) -> String {
    let mut lines = cases.lines();
    let header: Vec<&str> = lines.next().expect("header").split(',').collect();
    let at = header
        .iter()
        .position(|h| h.trim_start_matches('\u{feff}') == column)
        .unwrap_or_else(|| panic!("no column {column} in {header:?}"));
    let row = lines
        .find(|l| l.starts_with(case_no))
        .unwrap_or_else(|| panic!("no row {case_no} in {cases}"));
    row.split(',').nth(at).unwrap_or("").to_string()
}

/// A 民初 case under the ordinary procedure, filed 2025-07-16, with a six-month extension: six
/// calendar months to 2026-01-16 (a Friday), six more to 2026-07-16 (a Thursday) — not the
/// 2026-07-15 that 180 days would give. The extension adds the 181 days of those months.
const EXTENDED: &str = "\
案号,立案日期,适用程序,承办人,延长审限,扣除审限天数
（2025）湘1402民初7号,2025-07-16,普通,李娜,6个月,0
（2025）湘1402民初8号,2025-07-16,普通,王伟,,0
";

#[test]
fn an_extension_in_months_keeps_its_units_and_a_file_without_it_changes_nothing() {
    for dir in Workdir::all() {
        let backend = dir.backend();
        let file = dir.write("extended.csv", EXTENDED);
        dir.ok(&["import", path(&file)]);
        let cases = dir.export_cases("first");
        let number = "（2025）湘1402民初7号";
        assert_eq!(exported(&cases, number, "extension"), "6个月", "{backend}");
        assert_eq!(
            exported(&cases, number, "extension_days"),
            "181",
            "{backend}"
        );
        assert_eq!(
            exported(&cases, number, "deadline"),
            "2026-07-16",
            "{backend}"
        );
        assert_eq!(
            exported(&cases, "（2025）湘1402民初8号", "deadline"),
            "2026-01-16",
            "{backend}"
        );
        // The deadline command gives the same date for the same facts.
        let deadline = dir.ok(&[
            "deadline",
            "--filed",
            "2025-07-16",
            "--type",
            "民初",
            "--procedure",
            "普通",
            "--extend",
            "6m",
        ]);
        assert!(deadline.contains("2026-07-16"), "{deadline}");

        // An update from a system that does not export extensions: the judge column is there,
        // the extension columns are not. Nothing about the extension changes, and the report
        // says so, in the dry run and in the import.
        let without = dir.write(
            "without.csv",
            "案号,立案日期,承办人\n（2025）湘1402民初7号,2025-07-16,李娜\n（2025）湘1402民初8号,2025-07-16,王伟\n",
        );
        let dry = dir.ok(&["import", "--dry-run", path(&without)]);
        assert!(
            dry.contains("将新增0件、更新0件、未变2件"),
            "{backend}: {dry}"
        );
        assert!(!dry.contains("更改的值"), "{backend}: {dry}");
        let again = dir.ok(&["import", path(&without)]);
        assert!(
            again.contains("新增0件、更新0件、未变2件"),
            "{backend}: {again}"
        );
        let cases = dir.export_cases("second");
        assert_eq!(exported(&cases, number, "extension"), "6个月", "{backend}");
        assert_eq!(
            exported(&cases, number, "deadline"),
            "2026-07-16",
            "{backend}"
        );

        // A present but empty cell clears the value: the dry run names the column, the count,
        // the case and the old value, and writes nothing.
        let cleared = dir.write(
            "cleared.csv",
            "案号,立案日期,延长审限\n（2025）湘1402民初7号,2025-07-16,\n",
        );
        let (stdout, stderr) = dir.ok_noting(&["import", "--dry-run", path(&cleared)]);
        assert!(
            stdout.contains("延长审限: 1（其中清空1）"),
            "{backend}: {stdout}"
        );
        assert!(
            stdout.contains("（2025）湘1402民初7号 延长审限: 6个月 → （空）"),
            "{backend}: {stdout}"
        );
        assert!(
            stdout.contains("将新增0件、更新1件、未变0件"),
            "{backend}: {stdout}"
        );
        assert!(stderr.contains("清空1个已有的值"), "{backend}: {stderr}");
        let cases = dir.export_cases("third");
        assert_eq!(
            exported(&cases, number, "deadline"),
            "2026-07-16",
            "{backend}: the dry run wrote nothing"
        );
    }
}

#[test]
fn an_unknown_closing_method_or_event_kind_fails_the_import_with_the_accepted_values() {
    let dir = Workdir::sqlite();
    let cases = dir.write(
        "cases.csv",
        "案号,立案日期,结案日期,结案方式\n（2025）湘1402民初1号,2025-03-03,2025-05-06,结案了\n（2025）湘1402执2号,2025-03-03,2025-05-06,终本\n",
    );
    let events = dir.write(
        "events.csv",
        "案号,事件,日期,详情\n（2025）湘1402民初1号,开会,2025-03-04,\n（2025）湘1402民初1号,公告送达,2025-03-05,\n",
    );
    let stderr = dir.fails(&["import", path(&cases), path(&events)], 1);
    assert!(
        stderr.contains("cases.csv 第2行 列“结案方式” 值“结案了”: 结案方式“结案了”无法识别；一审案件可用：判决、调解、撤诉"),
        "{stderr}"
    );
    assert!(
        stderr.contains("cases.csv 第3行 列“结案方式” 值“终本”: 结案方式“终本”无法识别；执行实施案件可用：移送、执行完毕、终结本次执行"),
        "{stderr}"
    );
    assert!(
        stderr.contains("events.csv 第2行 列“事件” 值“开会”: 事件“开会”无法识别；可用的事件：收到起诉材料、立案、分案、变更承办人"),
        "{stderr}"
    );
    // Another name of a known kind is that kind: no error for 公告送达.
    assert!(!stderr.contains("公告送达"), "{stderr}");
    assert_eq!(
        count_lines(&dir.export_cases("out")),
        1,
        "nothing was written"
    );

    // Fixed, the same files import; 公告送达 is stored as 送达 and keeps its name in the detail.
    let fixed_cases = fs::read_to_string(&cases)
        .expect("cases")
        .replace("结案了", "判决")
        .replace("终本", "终结本次执行");
    let fixed_events = fs::read_to_string(&events)
        .expect("events")
        .replace("开会", "其他");
    dir.write("cases.csv", &fixed_cases);
    dir.write("events.csv", &fixed_events);
    dir.ok(&["import", path(&cases), path(&events)]);
    dir.ok(&["export", "--format", "csv", "--out", "fixed"]);
    let exported = fs::read_to_string(dir.file("fixed").join("events.csv")).expect("events");
    assert!(
        exported.contains("（2025）湘1402民初1号,送达,2025-03-05,公告送达"),
        "{exported}"
    );
    assert!(
        exported.contains("（2025）湘1402民初1号,其他,2025-03-04,"),
        "{exported}"
    );
}

/// The same case with its time-limit changes as records: the extension with its approval, two
/// excluded periods with their grounds (60 days of notice from 2025-08-01 to 2025-09-29, both
/// counted, and 45 days of assessment). 2026-07-16 + 105 days = 2026-10-29, a Thursday.
const RECORDED: &str = "\
案号,立案日期,适用程序,延长审限,扣除审限
（2025）湘1402民初9号,2025-07-16,普通,6个月@2026-01-05/本院院长/案情复杂,公告 2025-08-01~2025-09-29;鉴定 45日
";

#[test]
fn extensions_and_excluded_periods_are_kept_as_records_through_export_and_re_import() {
    for dir in Workdir::all() {
        let backend = dir.backend();
        let file = dir.write("recorded.csv", RECORDED);
        dir.ok(&["import", path(&file)]);
        let cases = dir.export_cases("first");
        let number = "（2025）湘1402民初9号";
        let column = |name: &str| exported(&cases, number, name);
        assert_eq!(
            column("extension"),
            "6个月@2026-01-05/本院院长/案情复杂",
            "{backend}"
        );
        assert_eq!(
            column("exclusions"),
            "公告 2025-08-01~2025-09-29;鉴定 45日",
            "{backend}"
        );
        assert_eq!(column("excluded_days"), "105", "{backend}");
        assert_eq!(column("deadline"), "2026-10-29", "{backend}");
        // The export imports again as it is: nothing changes. A file of totals only states the
        // same total and would replace the records (the report says so).
        let again = dir.ok(&["import", path(&dir.file("first").join("cases.csv"))]);
        assert!(again.contains("更新0件、未变1件"), "{backend}: {again}");
        let totals = dir.write(
            "totals.csv",
            "案号,立案日期,扣除审限天数\n（2025）湘1402民初9号,2025-07-16,105\n",
        );
        let dry = dir.ok(&["import", "--dry-run", path(&totals)]);
        assert!(
            dry.contains(
                "（2025）湘1402民初9号 扣除审限: 公告 2025-08-01~2025-09-29;鉴定 45日 → 105日"
            ),
            "{backend}: {dry}"
        );
    }
}

/// A cause of action that a spreadsheet would run as a formula.
const FORMULA: &str = "\
案号,立案日期,案由,承办人
（2025）湘1402民初77号,2025-07-16,\"=HYPERLINK(\"\"http://x.invalid\"\",\"\"点击\"\")\",@王伟
";

#[test]
fn a_formula_in_a_cell_is_written_as_text_and_reads_back_as_it_was() {
    let dir = Workdir::sqlite();
    dir.ok(&["import", path(&dir.write("formula.csv", FORMULA))]);
    let cases = dir.export_cases("out");
    // Written with the apostrophe a spreadsheet shows as text, not run.
    assert!(
        cases.contains(",\"'=HYPERLINK(\"\"http://x.invalid\"\",\"\"点击\"\")\",")
            && cases.contains(",'@王伟,"),
        "{cases}"
    );
    // The export imports as it was: nothing changes.
    let again = dir.ok(&["import", path(&dir.file("out").join("cases.csv"))]);
    assert!(again.contains("更新0件、未变1件"), "{again}");
    // An XLSX export holds the text as a string cell (no formula), and reads back the same.
    dir.ok(&["export", "--format", "xlsx", "--out", "xlsx"]);
    let back = dir.ok(&[
        "import",
        "--dry-run",
        path(&dir.file("xlsx").join("cases.xlsx")),
    ]);
    assert!(back.contains("将新增0件、更新0件、未变1件"), "{back}");
}

/// `generate --plant` bends the chosen courts' cases and `--plant-truth` lists them: one row a
/// case, in case-number order, each a case of the files; the same whatever the threads. Each
/// wrong value is refused with its reason.
#[test]
fn generate_plants_gaming_and_writes_the_truth() {
    let dir = Workdir::sqlite();
    let generate = |out: &str, threads: &str| {
        let truth = format!("{out}/truth.csv");
        dir.ok(&[
            "generate",
            "--courts",
            "3",
            "--from",
            "2022-01-01",
            "--to",
            "2024-12-31",
            "--scale",
            "0.05",
            "--threads",
            threads,
            "--out",
            out,
            "--plant",
            "year_end_rush=湘1402:1",
            "--plant",
            "zhongben_early=湘1403:0.5",
            "--plant-truth",
            &truth,
        ])
    };
    let said = generate("one", "1");
    assert!(said.contains("truth.csv"), "{said}");
    generate("two", "2");
    for file in ["truth.csv", "cases.csv", "events.csv", "parties.csv"] {
        let one = fs::read(dir.file("one").join(file)).expect("file");
        let two = fs::read(dir.file("two").join(file)).expect("file");
        assert_eq!(one, two, "{file} differs between 1 and 2 threads");
    }
    let truth = fs::read_to_string(dir.file("one").join("truth.csv")).expect("truth");
    let mut lines = truth.lines();
    assert_eq!(lines.next(), Some("案号,类型,法院"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    let cases = fs::read_to_string(dir.file("one").join("cases.csv")).expect("cases");
    let numbers: Vec<&str> = cases
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .collect();
    let mut kinds = std::collections::HashSet::new();
    let mut last = 0;
    for row in &rows {
        let [number, kind, court] = row[..] else {
            panic!("{row:?}");
        };
        assert!(number.contains(court), "{row:?}");
        let expected = match kind {
            "year_end_rush" => "湘1402",
            "zhongben_early" => "湘1403",
            other => panic!("{other}"),
        };
        assert_eq!(court, expected, "{row:?}");
        let at = numbers
            .iter()
            .position(|n| *n == number)
            .expect("a truth row is a case");
        assert!(at >= last, "in case-number order: {row:?}");
        last = at;
        kinds.insert(kind);
    }
    assert_eq!(kinds.len(), 2, "{truth}");
    let events = fs::read_to_string(dir.file("one").join("events.csv")).expect("events");
    assert!(
        events.contains(",收到起诉材料,"),
        "the complaint received is written"
    );

    let refused = |plant: &str| {
        dir.refused(
            &[
                "generate", "--courts", "3", "--scale", "0.05", "--out", "bad", "--plant", plant,
            ],
            1,
        )
    };
    let said = refused("rush=湘1402:0.5");
    assert!(
        said.contains("“rush”") && said.contains("year_end_rush, withheld_filings"),
        "{said}"
    );
    let said = refused("year_end_rush=湘1499:0.5");
    assert!(
        said.contains("湘1499") && said.contains("不在模拟网络中") && said.contains("湘1404"),
        "{said}"
    );
    let said = refused("year_end_rush=湘1402:1.5");
    assert!(said.contains("“1.5”") && said.contains("0至1"), "{said}");
    let said = refused("year_end_rush:湘1402");
    assert!(
        said.contains("“year_end_rush:湘1402”") && said.contains("种类=法院:强度"),
        "{said}"
    );
    let said = refused("year_end_rush=X:0.5");
    assert!(said.contains("“X”"), "{said}");
    assert!(!dir.file("bad").exists(), "nothing is written");
}

/// The files under `dir`, as paths relative to it with `/`, sorted.
fn files_under(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(next) = stack.pop() {
        for entry in fs::read_dir(&next).expect("read_dir") {
            let entry = entry.expect("entry");
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let relative = path.strip_prefix(dir).expect("under");
                found.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    found.sort();
    found
}

#[test]
fn a_partitioned_export_imports_back_as_it_was() {
    for dir in Workdir::all() {
        dir.ok(&[
            "generate",
            "--cases",
            "3000",
            "--seed",
            "11",
            "--from",
            "2022-01-01",
            "--to",
            "2024-06-30",
        ]);
        let plain = dir.export_cases("plain");
        let said = dir.ok(&[
            "export",
            "--format",
            "parquet",
            "--partition-by",
            "court,year",
            "--out",
            "lake",
        ]);
        assert!(said.contains("个文件）"), "{said}");
        let lake = dir.file("lake");
        let files = files_under(&lake);
        // Hive-style folders: the table, the court, the year of filing, one part per court.
        let parts: Vec<&String> = files
            .iter()
            .filter(|f| f.starts_with("cases/") && f.ends_with(".parquet"))
            .collect();
        // Each table folder marked whole, last.
        for table in ["cases", "events", "parties", "payments"] {
            assert!(files.contains(&format!("{table}/_SUCCESS")), "{files:?}");
        }
        assert!(
            parts.iter().all(|f| {
                let segments: Vec<&str> = f.split('/').collect();
                segments.len() == 4
                    && segments[1].starts_with("court_code=湘14")
                    && ["year=2022", "year=2023", "year=2024"].contains(&segments[2])
                    && segments[3].starts_with("part-")
                    && segments[3].ends_with(".parquet")
            }),
            "{parts:?}"
        );
        // Eleven courts, three filing years each.
        assert_eq!(parts.len(), 33, "{parts:?}");
        for table in ["events", "parties", "payments"] {
            assert!(
                files
                    .iter()
                    .any(|f| f.starts_with(&format!("{table}/court_code=湘1402/year=2023/"))),
                "{table}: {files:?}"
            );
        }
        // The staff list is not case data: one file beside the partitions.
        assert!(files.contains(&"staff.parquet".to_string()), "{files:?}");

        // A province gathers the folder into a store of its own: the same cases, events,
        // parties and payments come out again (the party keys are each store's own).
        let fresh = Workdir::sqlite();
        let imported = fresh.ok(&["import", path(&lake)]);
        assert!(imported.contains("错误0行"), "{imported}");
        assert_eq!(fresh.export_cases("again"), plain);
        for file in ["events.csv", "payments.csv"] {
            assert_eq!(
                fs::read(fresh.file("again").join(file)).expect("again"),
                fs::read(dir.file("plain").join(file)).expect("plain"),
                "{file}"
            );
        }
        // One partition is a canonical file on its own.
        let one = Workdir::sqlite();
        let part = lake.join(parts[0]);
        let alone = one.ok(&["import", path(&part)]);
        assert!(alone.contains("错误0行"), "{alone}");

        // Writing over an earlier partitioned export would mix the two: refused, nothing lost.
        let again = dir.fails(
            &[
                "export",
                "--format",
                "parquet",
                "--partition-by",
                "court,year",
                "--out",
                "lake",
            ],
            1,
        );
        assert!(again.contains("已存在"), "{again}");
        // Nor does a single-file export go beside the partitions.
        let beside = dir.fails(&["export", "--format", "csv", "--out", "lake"], 1);
        assert!(beside.contains("是一次分区导出"), "{beside}");
        assert_eq!(files_under(&lake), files);
    }
}

#[test]
fn a_folder_to_import_is_read_for_its_data_files_only() {
    let dir = Workdir::sqlite();
    dir.ok(&[
        "generate",
        "--cases",
        "400",
        "--seed",
        "3",
        "--from",
        "2023-01-01",
        "--to",
        "2023-12-31",
    ]);
    dir.ok(&[
        "export",
        "--format",
        "parquet",
        "--partition-by",
        "year",
        "--out",
        "lake",
    ]);
    let lake = dir.file("lake");
    // What an engine or a person leaves beside the data: markers, checksums, notes, a link
    // back up the tree (not followed: the walk would never end).
    fs::write(lake.join("_SUCCESS"), "").expect("marker");
    fs::write(lake.join("cases").join(".part-00000.parquet.crc"), "x").expect("crc");
    fs::write(lake.join("说明.md"), "# 数据说明").expect("note");
    fs::write(lake.join("cases").join("说明.txt"), "各法院2023年数据").expect("note");
    #[cfg(unix)]
    std::os::unix::fs::symlink(&lake, lake.join("cases").join("loop")).expect("link");
    let fresh = Workdir::sqlite();
    let (imported, noted) = fresh.ok_noting(&["import", path(&lake)]);
    assert!(imported.contains("错误0行"), "{imported}");
    // The note (a .txt beside the data is a note too), and the link, not followed.
    assert!(
        noted.contains("lake：2个文件不是 .csv、.xlsx、.xlsm 或 .parquet，未读取"),
        "{noted}"
    );
    assert!(noted.contains("lake：1个链接未跟随"), "{noted}");
    assert_eq!(fresh.export_cases("again"), dir.export_cases("plain"));

    // A folder with nothing to import, a partition key that is not one, a format that has none.
    fs::create_dir_all(dir.file("empty")).expect("empty");
    let empty = dir.fails(&["import", path(&dir.file("empty"))], 3);
    assert!(empty.contains("没有可导入的文件"), "{empty}");
    let county = dir.fails(
        &[
            "export",
            "--format",
            "parquet",
            "--partition-by",
            "county",
            "--out",
            "x",
        ],
        1,
    );
    assert!(
        county.contains("--partition-by “county” 须为 court、year 或 court,year"),
        "{county}"
    );
    let twice = dir.fails(
        &[
            "export",
            "--format",
            "parquet",
            "--partition-by",
            "year,year",
            "--out",
            "x",
        ],
        1,
    );
    assert!(twice.contains("出现了两次"), "{twice}");
    let csv = dir.fails(
        &[
            "export",
            "--format",
            "csv",
            "--partition-by",
            "court",
            "--out",
            "x",
        ],
        1,
    );
    assert!(csv.contains("分区导出只用于 Parquet 格式"), "{csv}");
    assert!(!dir.file("x").exists());
}

#[test]
fn a_network_generated_straight_into_partitions_is_the_one_generated_into_one_file() {
    let dir = Workdir::sqlite();
    let generate = |out: &str, more: &[&str]| {
        let mut args = vec![
            "generate",
            "--cases",
            "2500",
            "--seed",
            "9",
            "--from",
            "2023-01-01",
            "--to",
            "2024-06-30",
            "--format",
            "parquet",
            "--out",
            out,
        ];
        args.extend(more);
        dir.ok(&args)
    };
    generate("one", &[]);
    generate("lake", &["--partition-by", "court,year"]);
    let lake = dir.file("lake");
    let files = files_under(&lake);
    let parts = |table: &str| {
        files
            .iter()
            .filter(|f| f.starts_with(table) && f.ends_with(".parquet"))
            .count()
    };
    assert!(files.contains(&"cases/_SUCCESS".to_string()), "{files:?}");
    // Eleven courts, two years of filing, one part each.
    assert_eq!(parts("cases/"), 22, "{files:?}");
    assert_eq!(parts("events/"), 22, "{files:?}");
    assert!(files.contains(&"cases/court_code=湘1402/year=2024/part-00000.parquet".to_string()));
    let (one, split) = (Workdir::sqlite(), Workdir::sqlite());
    let one_dir = dir.file("one");
    one.ok(&[
        "import",
        path(&one_dir.join("cases.parquet")),
        path(&one_dir.join("events.parquet")),
    ]);
    split.ok(&[
        "import",
        path(&lake.join("cases")),
        path(&lake.join("events")),
    ]);
    assert_eq!(one.export_cases("a"), split.export_cases("b"));
    assert_eq!(
        fs::read(one.file("a").join("events.csv")).expect("events"),
        fs::read(split.file("b").join("events.csv")).expect("events")
    );
    let csv = dir.fails(
        &[
            "generate",
            "--cases",
            "10",
            "--out",
            "x",
            "--partition-by",
            "court",
        ],
        1,
    );
    assert!(
        csv.contains("--partition-by 只用于 --format parquet"),
        "{csv}"
    );
}

#[test]
fn another_city_number_makes_another_city_of_the_same_province() {
    let dir = Workdir::sqlite();
    let generate = |out: &str, more: &[&str]| {
        let mut args = vec![
            "generate",
            "--cases",
            "1500",
            "--seed",
            "9",
            "--from",
            "2023-01-01",
            "--to",
            "2024-06-30",
            "--out",
            out,
        ];
        args.extend(more);
        dir.ok(&args)
    };
    generate("qinghe", &[]);
    generate("city3", &["--city", "3"]);
    let read = |out: &str, table: &str| {
        fs::read_to_string(dir.file(out).join(format!("{table}.csv"))).expect("generated file")
    };
    // The same model under other codes and another city's name: the cases and events of 湘03 are
    // those of 湘14 renamed (the codes do not steer the draws), so cities differ by their seeds
    // alone. Staff numbers begin with the court's number (0014…, 1402… against 0003…, 0302…),
    // so the judges' numbers are compared apart.
    let renamed = |text: &str| text.replace("湘14", "湘03").replace("清河市", "南浦市");
    let without_judge_id = |text: &str| -> (String, Vec<String>) {
        let column = text
            .lines()
            .next()
            .and_then(|header| header.split(',').position(|c| c == "judge_id"))
            .expect("judge_id column");
        let (mut rest, mut ids) = (String::new(), Vec::new());
        for line in text.lines().skip(1) {
            let mut fields: Vec<&str> = line.split(',').collect();
            ids.push(fields.remove(column).to_string());
            rest.push_str(&fields.join(","));
            rest.push('\n');
        }
        (rest, ids)
    };
    let (qinghe, city3) = (read("qinghe", "cases"), read("city3", "cases"));
    assert!(!city3.contains("湘14") && !city3.contains("清河市"));
    assert!(city3.contains("湘0302") && city3.contains("南浦市中级人民法院"));
    let ((qinghe, qinghe_ids), (city3, city3_ids)) = (
        without_judge_id(&renamed(&qinghe)),
        without_judge_id(&city3),
    );
    assert_eq!(city3, qinghe);
    let renumbered: Vec<String> = qinghe_ids
        .iter()
        .map(|id| match id.strip_prefix("0014") {
            Some(rest) => format!("0003{rest}"),
            None => id.replacen("14", "03", 1),
        })
        .collect();
    assert_eq!(city3_ids, renumbered);
    // The events name a judge replaced by name and staff number.
    let staff_renumbered = renamed(&read("qinghe", "events"))
        .replace("（0014", "（0003")
        .replace("（14", "（03");
    assert_eq!(read("city3", "events"), staff_renumbered);
    let courts = read("city3", "courts");
    assert!(courts.contains("湘03,南浦市中级人民法院"), "{courts}");

    // Partitioned, the message names the folder and its files rather than listing them.
    let said = generate(
        "lake",
        &[
            "--city",
            "21",
            "--format",
            "parquet",
            "--partition-by",
            "court,year",
        ],
    );
    let lake = dir.file("lake");
    let files = files_under(&lake);
    assert!(
        files.contains(&"cases/court_code=湘2102/year=2024/part-00000.parquet".to_string()),
        "{files:?}"
    );
    assert!(said.contains("个文件）"), "{said}");
    assert!(!said.contains("part-00000"), "{said}");

    // Out of range: a clear refusal, nothing written.
    for city in ["0", "72", "255"] {
        let err = dir.fails(
            &["generate", "--cases", "10", "--city", city, "--out", "bad"],
            1,
        );
        assert!(err.contains("--city 须在1至70之间"), "{err}");
        assert!(!dir.file("bad").exists());
    }
    // Not a number from 0 to 255: the command line's own refusal.
    for city in ["--city=256", "--city=湘", "--city=-1", "--city="] {
        let err = dir.fails(&["generate", "--cases", "10", city, "--out", "bad"], 2);
        assert!(err.contains("--city"), "{err}");
        assert!(!dir.file("bad").exists());
    }
}
