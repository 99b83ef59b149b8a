//! People as identities, from the command line: a staff list is imported with the cases; a judge
//! named only by name is tied to their staff number when the name is unique in the case's court;
//! namesakes in two courts stay two judges in the judge table (JSON, table, CSV) and in the
//! export; a name two people of one court share fails its row with both candidates named.

use serde_json::Value;

use crate::support::{Workdir, path};

const STAFF: &str = "\
工号,姓名,法院代字,部门,职务,任职起始日期
0231,吴刚,湘1402,民事审判第一庭,员额法官,2019-03-01
0544,吴刚,湘1403,民事审判第一庭,员额法官,2020-07-15
0601,李娜,湘1403,民事审判第二庭,员额法官,
0602,李娜,湘1403,民事审判第二庭,庭长,
";

/// Two 吴刚 by name only (one in each court), a 李娜 by staff number.
const CASES: &str = "\
案号,立案日期,承办部门,承办人,承办人工号
（2026）湘1402民初1号,2026-03-02,民事审判第一庭,吴刚,
（2026）湘1402民初2号,2026-03-03,民事审判第一庭,吴刚,
（2026）湘1403民初1号,2026-03-02,民事审判第一庭,吴刚,
（2026）湘1403民初2号,2026-03-04,民事审判第一庭,吴刚,
（2026）湘1403民初3号,2026-03-05,民事审判第一庭,吴刚,
（2026）湘1403民初4号,2026-03-05,民事审判第二庭,李娜,0601
";

/// A row that names a 李娜 of 湘1403 without saying which.
const AMBIGUOUS: &str = "\
案号,立案日期,承办人
（2026）湘1403民初5号,2026-03-06,李娜
";

fn imported() -> Vec<Workdir> {
    let dirs = Workdir::all();
    for dir in &dirs {
        let said = dir.import(&[("staff.csv", STAFF), ("cases.csv", CASES)]);
        assert!(
            said.contains("新增6件") && said.contains("人员4名"),
            "{said}"
        );
    }
    dirs
}

#[test]
fn namesakes_in_two_courts_are_two_judges_everywhere() {
    for dir in imported() {
        let backend = dir.backend();
        // March's filings by judge, in one of the formats.
        let by_judge = |format: &str| {
            dir.ok(&[
                "metrics",
                "--from",
                "2026-03-01",
                "--to",
                "2026-03-31",
                "--by",
                "judge",
                "--indicators",
                "new",
                "--format",
                format,
            ])
        };
        let json: Value = serde_json::from_str(&by_judge("json")).expect("JSON");
        let mut rows: Vec<(Value, Value, Value, i64)> = json["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| {
                (
                    r["group"]["judge_id"].clone(),
                    r["group"]["judge"].clone(),
                    r["group"]["judge_key"].clone(),
                    r["values"]["new"].as_i64().expect("a count"),
                )
            })
            .collect();
        rows.sort_by_key(|r| r.2.to_string());
        assert_eq!(
            rows,
            [
                ("0231".into(), "吴刚（0231）".into(), "0231".into(), 2),
                ("0544".into(), "吴刚（0544）".into(), "0544".into(), 3),
                ("0601".into(), "李娜".into(), "0601".into(), 1),
            ],
            "{backend}: names found their numbers; namesakes are apart"
        );
        // The table shows the names, each namesake with the number.
        let table = by_judge("table");
        assert!(
            table.contains("吴刚（0231）") && table.contains("吴刚（0544）"),
            "{backend}: {table}"
        );
        // CSV: the key a filter takes back, then the name.
        let csv = by_judge("csv");
        assert!(csv.starts_with("judge_key,judge,new\n"), "{backend}: {csv}");
        assert!(csv.contains("0544,吴刚（0544）,3\n"), "{backend}: {csv}");
        // A filter by number is one person; by name, everyone of the name in the courts asked.
        let one = dir.ok(&[
            "metrics",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--judge",
            "0231",
            "--indicators",
            "new",
            "--format",
            "csv",
        ]);
        assert_eq!(one, "new\n2\n", "{backend}");
        let in_court = dir.ok(&[
            "metrics",
            "--from",
            "2026-03-01",
            "--to",
            "2026-03-31",
            "--court",
            "湘1403",
            "--judge",
            "吴刚",
            "--indicators",
            "new",
            "--format",
            "csv",
        ]);
        assert_eq!(in_court, "new\n3\n", "{backend}");

        // The export carries the numbers and the staff list.
        let cases = dir.export_cases("out");
        assert!(
            cases.contains(",吴刚,0231,2026-03-02,"),
            "{backend}: {cases}"
        );
        assert!(
            cases.contains(",吴刚,0544,2026-03-02,"),
            "{backend}: {cases}"
        );
        let staff = std::fs::read_to_string(dir.file("out").join("staff.csv")).expect("staff.csv");
        assert!(
            staff
                .starts_with("staff_id,name,court_code,division_code,role,active_from,active_to\n"),
            "{staff}"
        );
        assert!(
            staff.contains("0544,吴刚,湘1403,民事审判第一庭,员额法官,2020-07-15,\n"),
            "{staff}"
        );
    }
}

#[test]
fn a_name_two_people_of_the_court_share_fails_with_both_named() {
    for dir in imported() {
        let backend = dir.backend();
        let before = dir.export_cases("before");
        let file = dir.write("ambiguous.csv", AMBIGUOUS);
        let stderr = dir.fails(&["import", path(&file)], 1);
        assert!(
            stderr.contains("ambiguous.csv 第2行 列“承办人” 值“李娜”")
                && stderr.contains("李娜（0601，民事审判第二庭）")
                && stderr.contains("李娜（0602，民事审判第二庭）")
                && stderr.contains("承办人工号"),
            "{backend}: {stderr}"
        );
        assert_eq!(
            dir.export_cases("after"),
            before,
            "{backend}: nothing written"
        );
        // Told which, it imports.
        let told = dir.write(
            "told.csv",
            "案号,立案日期,承办人,承办人工号\n（2026）湘1403民初5号,2026-03-06,李娜,0602\n",
        );
        dir.ok(&["import", path(&told)]);
        // A later export of the case system names her by name only: the store's number for the
        // case stands, nothing changes.
        let by_name = dir.write(
            "by_name.csv",
            "案号,立案日期,承办人\n（2026）湘1403民初5号,2026-03-06,李娜\n",
        );
        let again = dir.ok(&["import", path(&by_name)]);
        assert!(again.contains("更新0件、未变1件"), "{backend}: {again}");
        // A number off the list, or one that is someone else's, is refused by name.
        for (row, why) in [
            (
                "（2026）湘1403民初6号,2026-03-06,李娜,0999",
                "工号0999不在人员名单中",
            ),
            (
                "（2026）湘1403民初6号,2026-03-06,李娜,0544",
                "承办人与工号0544（吴刚）不符",
            ),
        ] {
            let file = dir.write(
                "wrong.csv",
                &format!("案号,立案日期,承办人,承办人工号\n{row}\n"),
            );
            let stderr = dir.fails(&["import", path(&file)], 1);
            assert!(stderr.contains(why), "{backend}: {stderr}");
        }
    }
}

#[test]
fn a_bad_staff_list_names_the_row_and_writes_nothing() {
    let dir = Workdir::sqlite();
    let bad = dir.write(
        "staff.csv",
        "工号,姓名,法院代字,职务,任职起始日期,任职终止日期\n\
         0231,吴刚,湘1402,大法官,,\n\
         02 31,吴刚,湘1402,,,\n\
         0232,,湘1402,,,\n\
         0233,王伟,湘99999,,,\n\
         0234,李四,湘1402,,2026-01-01,2025-01-01\n\
         0235,=HYPERLINK(\"x\"),湘1402,,,\n\
         0236,张三,湘1402,,,\n\
         0236,张三,湘1402,,,\n",
    );
    let stderr = dir.fails(&["import", path(&bad)], 1);
    for (row, said) in [
        (2, "未知职务“大法官”"),
        (3, "工号“02 31”"),
        (4, "姓名为必填项"),
        (5, "湘99999"),
        (6, "任职终止日期早于起始日期"),
        (9, "工号与第8行重复"),
    ] {
        assert!(
            stderr.contains(&format!("staff.csv 第{row}行")) && stderr.contains(said),
            "row {row}: {said}: {stderr}"
        );
    }
    // Nothing was written: an export has no staff list.
    dir.ok(&["export", "--format", "csv", "--out", "out"]);
    assert!(!dir.file("out").join("staff.csv").exists());
}

#[test]
fn divisions_named_by_code_are_shown_by_name() {
    for dir in Workdir::all() {
        let backend = dir.backend();
        let divisions = dir.write(
            "divisions.csv",
            "法院代字,部门代码,部门名称\n湘1402,MS01,民事审判第一庭\n湘1403,MS01,民事速裁庭\n",
        );
        // The same code in two courts is two divisions; a name stays a name.
        let cases = dir.write(
            "cases.csv",
            "案号,立案日期,承办部门\n（2026）湘1402民初11号,2026-03-02,MS01\n（2026）湘1403民初11号,2026-03-02,MS01\n（2026）湘1403民初12号,2026-03-02,执行局\n",
        );
        let said = dir.ok(&["import", path(&divisions), path(&cases)]);
        assert!(said.contains("新增3件"), "{backend}: {said}");
        let exported = dir.export_cases("out");
        assert!(
            exported.contains(
                "（2026）湘1402民初11号,湘1402,,民初,civil,first_instance,,,民事审判第一庭,"
            ),
            "{backend}: {exported}"
        );
        assert!(
            exported
                .contains("（2026）湘1403民初11号,湘1403,,民初,civil,first_instance,,,民事速裁庭,"),
            "{backend}: {exported}"
        );
        assert!(exported.contains(",执行局,"), "{backend}: {exported}");
        let listed =
            std::fs::read_to_string(dir.file("out").join("divisions.csv")).expect("divisions");
        assert_eq!(
            listed,
            "court_code,division_code,division_name\n湘1402,MS01,民事审判第一庭\n湘1403,MS01,民事速裁庭\n",
            "{backend}"
        );
        // Codes are codes; a court's code appears once.
        let bad = dir.write(
            "bad.csv",
            "法院代字,部门代码,部门名称\n湘1402,民一庭,民事审判第一庭\n湘1402,MS02,甲\n湘1402,MS02,乙\n",
        );
        let stderr = dir.fails(&["import", path(&bad)], 1);
        assert!(
            stderr.contains("bad.csv 第2行") && stderr.contains("部门代码须为"),
            "{stderr}"
        );
        assert!(
            stderr.contains("bad.csv 第4行") && stderr.contains("与第3行重复"),
            "{stderr}"
        );
    }
}
