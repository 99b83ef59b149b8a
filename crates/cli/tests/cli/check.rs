//! `shenguan check` end to end: an imported court's data-quality scorecard names the case without
//! its judge, the case closed on a public holiday, the number given late and the serials missing,
//! as a table and as JSON, held to a court; a bad period is refused with its next step.

use crate::support::Workdir;

const CASES: &str = "案号,法院代码,立案日期,结案日期,适用程序,承办部门,承办法官,案由
（2026）湘1402民初1号,湘1402,2026-03-02,,简易程序,民一庭,王伟,民间借贷纠纷
（2026）湘1402民初2号,湘1402,2026-03-03,2026-05-01,简易程序,民一庭,,民间借贷纠纷
（2026）湘1402民初3号,湘1402,2026-04-10,,简易程序,民一庭,王伟,民间借贷纠纷
（2026）湘1402民初4号,湘1402,2026-03-04,,简易程序,民一庭,王伟,民间借贷纠纷
（2026）湘1402民初7号,湘1402,2026-04-13,,简易程序,民一庭,王伟,民间借贷纠纷
（2026）湘1403民初1号,湘1403,2026-03-02,,简易程序,民一庭,李娜,民间借贷纠纷
";

#[test]
fn the_scorecard_names_each_rule_s_cases_by_court() {
    let dir = Workdir::sqlite();
    dir.import(&[("cases.csv", CASES)]);
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
    for line in [
        "（2026）湘1402民初2号",
        "（2026）湘1402民初4号",
        "（2026）湘1402民初5号、（2026）湘1402民初6号",
    ] {
        assert!(table.contains(line), "{line}: {table}");
    }
    args.extend(["--court", "湘1403", "--format", "json"]);
    let json = dir.json(&args);
    assert_eq!(json["court"], "湘1403");
    assert_eq!(json["checked"], 1);
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
