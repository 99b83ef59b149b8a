//! `shenguan check` end to end: an imported court's data-quality scorecard names the case without
//! its judge, the case closed on a public holiday, the number given late, the serials missing, a
//! hearing on a holiday and one after the closing, with the score month by month and the rule of
//! parties not checked where none were imported, as a table and as JSON, held to a court; a bad
//! period is refused with its next step.

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
