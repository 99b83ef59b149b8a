//! `shenguan check` end to end: an imported court's data-quality scorecard names the case without
//! its judge, the case closed on a public holiday, the number given late, the serials missing, a
//! hearing on a holiday and one after the closing, with the score month by month and the rule of
//! parties not checked where none were imported, as a table and as JSON, held to a court; a bad
//! period is refused with its next step; and 审执结案进度 beside the signals, each month's figure
//! over an assessment year from December, against the floors configured.

use crate::support::Workdir;

const CASES: &str = "案号,法院代码,立案日期,结案日期,适用程序,承办部门,承办法官,案由
（2026）湘1402民初1号,湘1402,2026-03-02,,简易程序,民一庭,王伟,民间借贷纠纷
（2026）湘1402民初2号,湘1402,2026-03-03,2026-05-01,简易程序,民一庭,,民间借贷纠纷
（2026）湘1402民初3号,湘1402,2026-04-10,,简易程序,民一庭,王伟,民间借贷纠纷
（2026）湘1402民初4号,湘1402,2026-03-04,,简易程序,民一庭,王伟,民间借贷纠纷
（2026）湘1402民初7号,湘1402,2026-04-13,,简易程序,民一庭,王伟,民间借贷纠纷
（2026）湘1403民初1号,湘1403,2026-03-02,,简易程序,民一庭,李娜,民间借贷纠纷
";

/// Serial 4 heard on 劳动节; serial 2, closed on 1 May, heard on the 6th.
const EVENTS: &str = "案号,事件,日期,详情
（2026）湘1402民初4号,开庭,2026-05-01,
（2026）湘1402民初2号,开庭,2026-05-06,
（2026）湘1402民初2号,归档,2026-05-08,
";

#[test]
fn the_scorecard_names_each_rule_s_cases_by_court() {
    let dir = Workdir::sqlite();
    dir.import(&[("cases.csv", CASES), ("events.csv", EVENTS)]);
    let period = ["--from", "2026-01-01", "--to", "2026-06-30"];
    let mut args = vec!["check"];
    args.extend(period);
    let table = dir.ok(&args);
    assert!(
        table.contains("湘1402 核查5件，无问题3件，得分60.0"),
        "{table}"
    );
    assert!(
        table.contains("湘1403 核查1件，无问题1件，得分100.0"),
        "{table}"
    );
    // March: serials 1, 2 and 4, two of them broken; April: 3 and 7, clean.
    assert!(
        table.contains("按月：2026-03 33.3 (3) · 2026-04 100.0 (2)"),
        "{table}"
    );
    assert!(
        table.contains("缺当事人：未核查（本院数据未含当事人）"),
        "{table}"
    );
    for line in [
        "节假日开庭",
        "事件晚于结案",
        "（2026）湘1402民初2号",
        "（2026）湘1402民初4号",
        "（2026）湘1402民初5号、（2026）湘1402民初6号",
    ] {
        assert!(table.contains(line), "{line}: {table}");
    }
    args.extend([
        "--court",
        "湘1403",
        "--only",
        "scorecard",
        "--format",
        "json",
    ]);
    let json = dir.json(&args);
    assert_eq!(json["court"], "湘1403");
    assert_eq!(json["checked"], 1);
    assert_eq!(json["months"][0]["month"], "2026-03");
    assert_eq!(json["months"][0]["score"], 100.0);
    assert_eq!(json["not_checked"][0], "missing_parties");
    let refused = dir.fails(&["check", "--from", "2026-13-45"], 1);
    assert!(
        refused.contains("--from") && refused.contains("下一步"),
        "{refused}"
    );
    let refused = dir.fails(&["check", "--from", "2026-06-30", "--to", "2026-01-01"], 1);
    assert!(refused.contains("晚于截止日"), "{refused}");
    let refused = dir.fails(&["check", "--court", "<script>"], 1);
    assert!(!refused.contains("<script>alert"), "{refused}");
}

/// Six cases of 湘1402 around two year ends: serials 1 and 2 pending on 1 December 2023 (2 closed
/// that day), 3 filed and closed the day before, 4 filed in December 2023, 5 filed in January
/// 2024 and closed in December, 6 filed in December 2024.
const AROUND_YEAR_ENDS: &str = "案号,法院代码,立案日期,结案日期,适用程序,承办部门,承办法官,案由
（2023）湘1402民初1号,湘1402,2023-11-10,,简易程序,民一庭,王伟,民间借贷纠纷
（2023）湘1402民初2号,湘1402,2023-11-20,2023-12-01,简易程序,民一庭,王伟,民间借贷纠纷
（2023）湘1402民初3号,湘1402,2023-11-30,2023-11-30,简易程序,民一庭,王伟,民间借贷纠纷
（2023）湘1402民初4号,湘1402,2023-12-15,2024-01-10,简易程序,民一庭,王伟,民间借贷纠纷
（2024）湘1402民初1号,湘1402,2024-01-05,2024-12-03,简易程序,民一庭,王伟,民间借贷纠纷
（2024）湘1402民初2号,湘1402,2024-12-02,,简易程序,民一庭,王伟,民间借贷纠纷
";

#[test]
fn closing_progress_counts_december_in_the_next_year_and_marks_the_floors() {
    let dir = Workdir::sqlite();
    dir.import(&[("cases.csv", AROUND_YEAR_ENDS)]);
    dir.write(
        "shenguan.toml",
        "[integrity]\nprogress_floors = [18, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 93]\n",
    );
    // To 20 January 2025: January is still running and is not shown.
    let args = [
        "check",
        "--only",
        "signals",
        "--from",
        "2023-12-01",
        "--to",
        "2025-01-20",
    ];
    let table = dir.ok(&args);
    for line in [
        "审执结案进度（考核年度自12月1日起",
        "湘1402 2024年度 年初未结2件  2023-12 33.3%  2024-01 50.0%  2024-02 50.0%",
        "2024-10 50.0%  2024-11 50.0% ▼\n",
        "湘1402 2025年度 年初未结2件  2024-12 33.3%\n",
    ] {
        assert!(table.contains(line), "{line}: {table}");
    }
    assert!(!table.contains("2025-01 "), "{table}");
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let out = dir.ok(&json_args);
    let rows: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .filter(|v: &serde_json::Value| v["indicator"] == "closing_progress")
        .collect();
    assert_eq!(rows.len(), 13, "{out}");
    let first = &rows[0];
    assert_eq!(
        (&first["court"], &first["year"], &first["month"]),
        (&"湘1402".into(), &2024.into(), &"2023-12".into())
    );
    assert_eq!(
        (&first["pending"], &first["filings"], &first["closings"]),
        (&2.into(), &1.into(), &1.into())
    );
    assert_eq!(
        (&first["floor"], &first["below"]),
        (&18.0.into(), &false.into())
    );
    let november = &rows[11];
    assert_eq!(november["month"], "2024-11");
    assert_eq!(november["progress"], 50.0);
    assert_eq!(
        (&november["floor"], &november["below"]),
        (&93.0.into(), &true.into())
    );
    assert_eq!(rows[1]["floor"], serde_json::Value::Null);
    let december = &rows[12];
    assert_eq!(
        (&december["year"], &december["month"]),
        (&2025.into(), &"2024-12".into())
    );
    assert_eq!(december["filings"], 1);
}
