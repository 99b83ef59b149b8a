//! `shenguan forecast` end to end: an imported court's outlook as text and JSON (today's pending
//! and overdue cases, the months ahead with their bands in order, the 12-month crossing certain
//! from the dates), in English by the locale; months out of range, an unknown court and a
//! backtest without the history it needs are refused with their reasons.

use crate::support::Workdir;

/// Today is 2026-11-27 (the tests' fixed day). 湘1402: three pending cases — one past its
/// limit, one filed on 2025-12-10 (passing 12 months in December), one recent — and two closed.
const CASES: &str = "案号,法院代码,立案日期,结案日期,适用程序,承办部门,承办法官,案由
（2025）湘1402民初1号,湘1402,2025-12-10,,普通程序,民一庭,王伟,民间借贷纠纷
（2026）湘1402民初2号,湘1402,2026-03-03,2026-05-01,简易程序,民一庭,王伟,民间借贷纠纷
（2026）湘1402民初3号,湘1402,2026-04-10,,简易程序,民一庭,王伟,民间借贷纠纷
（2026）湘1402民初4号,湘1402,2026-11-02,,简易程序,民一庭,王伟,民间借贷纠纷
（2026）湘1402民初5号,湘1402,2026-06-02,2026-07-20,简易程序,民一庭,王伟,民间借贷纠纷
（2026）湘1403民初1号,湘1403,2026-03-02,,简易程序,民一庭,李娜,民间借贷纠纷
";

#[test]
fn a_court_s_outlook_has_its_months_bands_and_crossings() {
    let dir = Workdir::sqlite();
    dir.import(&[("cases.csv", CASES)]);
    let json = dir.json(&[
        "forecast", "--court", "湘1402", "--months", "2", "--format", "json", "--draws", "200",
    ]);
    assert_eq!(json["court"], "湘1402");
    assert_eq!(json["today"], "2026-11-27");
    assert_eq!(json["pending_now"], 3);
    // 民初3号 (简易, filed 2026-04-10) ran out of its three months in July.
    assert!(json["overdue_now"].as_u64().unwrap() >= 1, "{json}");
    let months = json["months"].as_array().unwrap();
    assert_eq!(months.len(), 2);
    assert_eq!(months[0]["month_end"], "2026-11-30");
    assert_eq!(months[1]["month_end"], "2026-12-31");
    for month in months {
        for figure in ["new", "closed", "pending", "breaches"] {
            let band = &month[figure];
            let (low, median, high) = (
                band["low"].as_f64().unwrap(),
                band["median"].as_f64().unwrap(),
                band["high"].as_f64().unwrap(),
            );
            assert!(low <= median && median <= high, "{figure}: {band}");
        }
    }
    // 民初1号 is older than 12 months on 31 December (filed before 2025-12-31), not on 30 November.
    assert_eq!(months[0]["crossing"][0]["reaching"], 0);
    assert_eq!(months[1]["crossing"][0]["months"], 12);
    assert_eq!(months[1]["crossing"][0]["reaching"], 1);
    // The case behind it, by number.
    let crossing = json["crossing_cases"].as_array().unwrap();
    assert_eq!(crossing.len(), 1, "{json}");
    assert_eq!(crossing[0]["case_no"], "（2025）湘1402民初1号");
    assert_eq!(crossing[0]["months"], 12);
    assert_eq!(crossing[0]["month_end"], "2026-12-31");

    let text = dir.ok(&["forecast", "--months", "1", "--draws", "50"]);
    assert!(text.contains("预测（截至 2026-11-27"), "{text}");
    assert!(
        text.contains("湘1402") && text.contains("湘1403") && text.contains("合计"),
        "{text}"
    );
    let english = dir.run_in_locale(
        "LANG",
        "en_US.UTF-8",
        &["forecast", "--months", "1", "--draws", "50"],
    );
    let english = String::from_utf8_lossy(&english.stdout).to_string();
    assert!(
        english.contains("Forecast (as of 2026-11-27") && english.contains("Total"),
        "{english}"
    );
}

#[test]
fn hostile_requests_are_refused_with_their_reason() {
    let dir = Workdir::sqlite();
    dir.import(&[("cases.csv", CASES)]);
    for months in ["0", "7", "99", "-1", "three"] {
        let flag = format!("--months={months}");
        let refused = dir.fails(&["forecast", &flag], 1);
        assert!(
            refused.contains("--months") && refused.contains("1至6"),
            "{months}: {refused}"
        );
    }
    let refused = dir.fails(&["forecast", "--court", "湘1499"], 1);
    assert!(refused.contains("没有法院 湘1499"), "{refused}");
    let refused = dir.fails(&["forecast", "--court", "不是法院"], 1);
    assert!(refused.contains("--court"), "{refused}");
    let refused = dir.fails(&["forecast", "--with-lower"], 1);
    assert!(refused.contains("--with-lower"), "{refused}");
    let refused = dir.fails(&["forecast", "--draws", "0"], 1);
    assert!(refused.contains("--draws"), "{refused}");
    // Six cases of this year: no origin has a year of history before it.
    let refused = dir.fails(&["forecast", "--backtest"], 1);
    assert!(refused.contains("数据不足"), "{refused}");
}
