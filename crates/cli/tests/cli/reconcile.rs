//! Reconciliation end to end: a bulletin made from the store is recorded; a later export of the
//! court's system that moves three closing days into the reported month makes `shenguan check`
//! list exactly those cases and exit 1; the bulletin of the month is refused, or written with a
//! section that says so; and `report compare` sets the first bulletin beside the data now.

use crate::support::{Workdir, json_lines};

const HEADER: &str = "案号,法院代码,立案日期,结案日期,结案方式,承办部门,承办法官\n";

const ROWS: &[(&str, &str, &str)] = &[
    ("（2026）湘1402民初1号", "2026-09-01", "2026-10-10"),
    ("（2026）湘1402民初2号", "2026-09-05", "2026-11-03"),
    ("（2026）湘1402民初3号", "2026-09-10", "2026-11-05"),
    ("（2026）湘1402民初4号", "2026-10-02", "2026-11-20"),
    ("（2026）湘1402民初5号", "2026-10-06", ""),
];

fn file(moved: bool) -> String {
    let mut text = HEADER.to_string();
    for (number, filed, closed) in ROWS {
        let closed = match (moved, *number) {
            (true, "（2026）湘1402民初2号") => "2026-10-28",
            (true, "（2026）湘1402民初3号") => "2026-10-29",
            (true, "（2026）湘1402民初4号") => "2026-10-30",
            _ => closed,
        };
        let method = if closed.is_empty() { "" } else { "判决" };
        text.push_str(&format!(
            "{number},湘1402,{filed},{closed},{method},民一庭,王伟\n"
        ));
    }
    text
}

#[test]
fn a_reported_month_moved_by_a_later_import_is_listed_by_check_and_marked_in_the_bulletin() {
    let dir = Workdir::sqlite();
    dir.import(&[("first.csv", &file(false))]);
    let october = ["check", "--from", "2026-10-01", "--to", "2026-10-31"];
    let before = dir.ok(&october);
    assert!(before.contains("不符 0 处"), "{before}");
    let out = dir.file("10月.docx");
    let made = dir.ok(&[
        "report",
        "bulletin",
        "--month",
        "2026-10",
        "--format",
        "docx",
        "--out",
        out.to_str().expect("path"),
    ]);
    assert!(made.contains("已记录为报告#1"), "{made}");
    let listed = dir.ok(&["report", "list"]);
    assert!(
        listed.contains("#1") && listed.contains("2026年10月质效通报"),
        "{listed}"
    );
    let after_report = dir.ok(&october);
    assert!(
        after_report.contains("已报告的法院月份 1 个，不符 0 处"),
        "{after_report}"
    );

    dir.import(&[("second.csv", &file(true))]);
    let output = dir.run(&october);
    assert_eq!(output.status.code(), Some(1), "check exits 1 on a break");
    let table = String::from_utf8_lossy(&output.stdout).to_string();
    assert!(table.contains("不符 2 处"), "{table}");
    assert!(table.contains("结案：应为 1，现为 4"), "{table}");
    assert!(table.contains("未结：应为 4，现为 1"), "{table}");
    for (number, old, new) in [
        ("（2026）湘1402民初2号", "2026-11-03", "2026-10-28"),
        ("（2026）湘1402民初3号", "2026-11-05", "2026-10-29"),
        ("（2026）湘1402民初4号", "2026-11-20", "2026-10-30"),
    ] {
        let line = format!("结案日期 {old} → {new}");
        assert!(
            table
                .lines()
                .any(|l| l.contains(number) && l.contains(&line)),
            "{number} {line}: {table}"
        );
    }
    assert!(
        !table.contains("民初1号 "),
        "an unmoved case is not listed: {table}"
    );
    let stderr = String::from_utf8_lossy(&output.stderr).to_string();
    assert!(stderr.contains("对账发现 2 处不符"), "{stderr}");
    let mut json = october.to_vec();
    json.extend(["--only", "reconcile", "--format", "json"]);
    let output = dir.run(&json);
    assert_eq!(output.status.code(), Some(1));
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    for line in &lines {
        assert_eq!(line["break"], "revised");
        assert_eq!(line["court"], "湘1402");
        assert_eq!(line["month"], "2026-10");
        assert_eq!(line["unexplained"], 0);
        assert_eq!(line["case_count"], 3);
        assert_eq!(line["against"]["id"], 1);
    }

    // The bulletin of the month again: refused on asking, else written with its warning.
    let again = dir.file("10月-再次.docx");
    let bulletin = |mode: &str| {
        dir.run(&[
            "report",
            "bulletin",
            "--month",
            "2026-10",
            "--format",
            "html",
            "--out",
            again.to_str().expect("path"),
            "--if-unreconciled",
            mode,
        ])
    };
    let refused = bulletin("refuse");
    assert_eq!(refused.status.code(), Some(1));
    assert!(!again.exists(), "nothing written when refused");
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("未写出报告"),
        "{refused:?}"
    );
    let warned = bulletin("warn");
    assert_eq!(warned.status.code(), Some(0), "{warned:?}");
    let html = std::fs::read_to_string(&again).expect("written");
    assert!(html.contains("数据核对提示"), "the report says so");
    assert!(html.contains("2026年10月质效通报"));
    assert!(String::from_utf8_lossy(&warned.stdout).contains("已记录为报告#2"));

    // The first bulletin beside the data now: 结案 rose by three.
    let output = dir.run(&["report", "compare", "1", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let lines = json_lines(&output);
    assert_eq!(lines[0]["id"], 1);
    let closed = lines
        .iter()
        .find(|l| l["indicator"] == "closed")
        .expect("结案 was printed");
    assert_eq!(
        (closed["then"].as_f64(), closed["now"].as_f64()),
        (Some(1.0), Some(4.0))
    );
    assert_eq!(closed["changed"], true);
    let breaks: Vec<_> = lines.iter().filter(|l| l.get("break").is_some()).collect();
    assert_eq!(breaks.len(), 2, "{lines:?}");
    let table = dir.ok(&["report", "compare", "1"]);
    assert!(table.contains("报告#1 2026年10月质效通报"), "{table}");
    assert!(table.contains("（2026）湘1402民初4号"), "{table}");
    let missing = dir.fails(&["report", "compare", "99"], 1);
    assert!(missing.contains("没有编号为 99 的报告"), "{missing}");
    dir.fails(&["report", "compare", "abc"], 2);
    dir.fails(&["report", "list", "--limit", "0"], 2);
}
