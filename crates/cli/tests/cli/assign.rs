//! 随机分案 from the command line: the court's office allocates new cases under the shipped rules
//! (a guilty plea to the criminal speedy team, a two-party civil case to the simple team, drawn
//! among its judges); the log checks whole; in copies of the store, an entry altered, one removed
//! and one inserted are each named by `assign verify`, which exits 1; the sandbox replays a year
//! of filings under the shipped rules and prints its comparison as JSON.

use rusqlite::{Connection, params};
use shenguan_domain::allocation::chain::{Entry, verify};

use crate::support::{Workdir, stderr};

const STAFF: &str = "\
工号,姓名,法院代字,部门,职务,任职起始日期
1402101,李简一,湘1402,民事简案团队,员额法官,2019-03-01
1402102,李简二,湘1402,民事简案团队,员额法官,2019-03-01
1402103,李简三,湘1402,民事简案团队,员额法官,2019-03-01
1402201,周刑一,湘1402,刑事速裁团队,员额法官,2019-03-01
";

/// Adds `name`, an office account of 湘1402 (the filing division's).
fn office(dir: &Workdir, name: &str) {
    let added = dir.run_with_stdin(
        &["user", "add", name, "--role", "office", "--court", "湘1402"],
        b"a long password\n",
    );
    assert!(added.status.success(), "{}", stderr(&added));
}

#[test]
fn cases_are_allocated_and_an_altered_removed_or_inserted_log_entry_is_named() {
    let dir = Workdir::sqlite();
    dir.import(&[("staff.csv", STAFF)]);
    office(&dir, "立案庭");
    let plea = dir.ok(&[
        "assign",
        "case",
        "--as",
        "立案庭",
        "--case",
        "（2026）湘1402刑初9号",
        "--sentence-months",
        "12",
        "--guilty-plea",
    ]);
    assert!(
        plea.starts_with("（2026）湘1402刑初9号\t速裁\t刑事速裁团队\t1402201\tdraw\t刑事速裁"),
        "{plea}"
    );
    for n in 1..=3 {
        let civil = dir.ok(&[
            "assign",
            "case",
            "--as",
            "立案庭",
            "--case",
            &format!("（2026）湘1402民初{n}号"),
            "--amount",
            "30000",
            "--parties",
            "2",
        ]);
        assert!(civil.contains("\t简案\t民事简案团队\t14021"), "{civil}");
    }
    // Once per case.
    let again = dir.refused(
        &[
            "assign",
            "case",
            "--as",
            "立案庭",
            "--case",
            "（2026）湘1402民初1号",
        ],
        1,
    );
    assert!(again.contains("已分案"), "{again}");
    let whole = dir.ok(&["assign", "verify"]);
    assert!(whole.contains("8条"), "{whole}");

    // Copies of the store, each tampered with one way.
    let tampered = |name: &str, change: &dyn Fn(&Connection)| {
        let copy = dir.file(name);
        std::fs::copy(&dir.db, &copy).expect("a copy");
        change(&Connection::open(&copy).expect("the copy"));
        let output = dir
            .bare_command(&["--db", &copy.display().to_string(), "assign", "verify"])
            .output()
            .expect("run");
        assert_eq!(output.status.code(), Some(1), "{name}");
        stderr(&output)
    };
    let altered = tampered("altered.db", &|db| {
        db.execute(
            "UPDATE allocation_log SET detail = replace(detail, 'judge=', 'judge=9') WHERE seq = 4",
            [],
        )
        .expect("altered");
    });
    assert!(altered.contains("第4条被改动"), "{altered}");
    // The log left whole, the kept allocation changed: its judge, or the row taken away.
    let rewritten = tampered("rewritten.db", &|db| {
        let changed = db
            .execute(
                "UPDATE allocations
                 SET judge = CASE judge WHEN '1402103' THEN '1402102' ELSE '1402103' END
                 WHERE case_no = '（2026）湘1402民初2号'",
                [],
            )
            .expect("rewritten");
        assert_eq!(changed, 1);
    });
    assert!(
        rewritten.contains("案件（2026）湘1402民初2号的分案记录与分案日志不符"),
        "{rewritten}"
    );
    let dropped = tampered("dropped.db", &|db| {
        db.execute(
            "DELETE FROM allocations WHERE case_no = '（2026）湘1402民初3号'",
            [],
        )
        .expect("dropped");
    });
    assert!(
        dropped.contains("案件（2026）湘1402民初3号的分案记录与分案日志不符"),
        "{dropped}"
    );
    let removed = tampered("removed.db", &|db| {
        db.execute("DELETE FROM allocation_log WHERE seq = 3", [])
            .expect("removed");
    });
    assert!(removed.contains("第3至3条被删除"), "{removed}");
    let inserted = tampered("inserted.db", &|db| {
        // A sealed entry written in after the second, the later ones moved up a number.
        let (seq, hash): (i64, String) = db
            .query_row(
                "SELECT seq, hash FROM allocation_log WHERE seq = 2",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("the second entry");
        for n in (3..=8).rev() {
            db.execute(
                "UPDATE allocation_log SET seq = seq + 1 WHERE seq = ?1",
                params![n],
            )
            .expect("moved up");
        }
        let forged = Entry::after(
            (seq as u64, &hash),
            "2026-01-01T09:00:00+08:00",
            "designate",
            "（2026）湘1402民初99号",
            "judge=1402101",
        );
        db.execute(
            "INSERT INTO allocation_log (seq, at, kind, case_no, detail, prev, hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                forged.seq as i64,
                forged.at,
                forged.kind,
                forged.case_no,
                forged.detail,
                forged.prev,
                forged.hash
            ],
        )
        .expect("inserted");
    });
    assert!(inserted.contains("第3条是插入"), "{inserted}");

    // A declared relationship keeps the judge from the party's cases.
    let declared = dir.ok(&[
        "assign",
        "exclude",
        "--as",
        "立案庭",
        "--staff",
        "1402101",
        "--kind",
        "relationship",
        "--party",
        "张三",
        "--reason",
        "近亲属",
    ]);
    assert!(declared.contains("已申报"), "{declared}");
    for n in 10..=17 {
        let line = dir.ok(&[
            "assign",
            "case",
            "--as",
            "立案庭",
            "--case",
            &format!("（2026）湘1402民初{n}号"),
            "--party",
            "张三",
        ]);
        let judge = line.split('\t').nth(3).expect("a judge column");
        assert!(judge.starts_with("14021") && judge != "1402101", "{line}");
    }
    // A week's leave keeps 1402102 out of the draws on its days.
    let on = |args: &[&str]| {
        crate::support::succeed(dir.command(args).env("SHENGUAN_TODAY", "2026-06-01"))
    };
    let leave = on(&[
        "assign",
        "leave",
        "--as",
        "立案庭",
        "--staff",
        "1402102",
        "--from",
        "2026-05-28",
        "--to",
        "2026-06-05",
        "--reason",
        "年休假",
        "--approver",
        "庭长",
    ]);
    assert!(leave.contains("已申报"), "{leave}");
    for n in 30..=37 {
        let line = on(&[
            "assign",
            "case",
            "--as",
            "立案庭",
            "--case",
            &format!("（2026）湘1402民初{n}号"),
        ]);
        let judge = line.split('\t').nth(3).expect("a judge column");
        assert!(judge.starts_with("14021") && judge != "1402102", "{line}");
    }
    // Each of those draws says whom it passed over for leave, and never drew among them.
    let db = Connection::open(&dir.db).expect("the store");
    let mut draws = db
        .prepare(
            "SELECT detail FROM allocation_log WHERE kind = 'draw' AND case_no LIKE '%民初3_号'",
        )
        .expect("a query");
    let details: Vec<String> = draws
        .query_map([], |r| r.get(0))
        .expect("read")
        .collect::<Result<_, _>>()
        .expect("read");
    assert_eq!(details.len(), 8);
    for detail in &details {
        let among = detail
            .split(';')
            .find_map(|p| p.strip_prefix("among="))
            .expect("among");
        assert!(
            detail.ends_with(";away=1402102") && !among.contains("1402102"),
            "{detail}"
        );
    }
    // The office reads the period's allocations: twenty cases, each judge's share.
    let report = dir.ok(&[
        "assign",
        "report",
        "--as",
        "立案庭",
        "--from",
        "2020-01-01",
        "--to",
        "2029-12-31",
    ]);
    assert!(report.starts_with("分案20件，未能分配0件"), "{report}");
    // A change of judge, with a reason and an approver; none to a non-judge or without a reason.
    let changed = dir.ok(&[
        "assign",
        "change",
        "--as",
        "立案庭",
        "--case",
        "（2026）湘1402民初10号",
        "--to",
        "1402101",
        "--reason",
        "原承办法官调离",
        "--approver",
        "院长",
    ]);
    assert!(changed.contains("1402101\tchange"), "{changed}");
    let refused = dir.refused(
        &[
            "assign",
            "change",
            "--as",
            "立案庭",
            "--case",
            "（2026）湘1402民初11号",
            "--to",
            "1402102",
            "--reason",
            "调整;approver=假",
            "--approver",
            "院长",
        ],
        1,
    );
    assert!(refused.contains("reason"), "{refused}");
    assert!(
        dir.ok(&["assign", "verify"]).contains("41条"),
        "four cases, eight more, eight on the day of the leave, a change"
    );
    assert!(
        report.contains("轨道\t简案\t19") && report.contains("轨道\t速裁\t1"),
        "{report}"
    );

    // Exported like the rest: the allocations and the log in `allocation/`, the log's chain
    // checking whole from the file alone, and a changed line in the file breaking it.
    dir.ok(&["export", "--format", "csv", "--out", "out"]);
    let read = |name: &str| -> Vec<Vec<String>> {
        let path = dir.file("out").join("allocation").join(name);
        let mut rows = csv::Reader::from_path(&path).expect("the file");
        rows.records()
            .map(|r| r.expect("a row").iter().map(String::from).collect())
            .collect()
    };
    let allocations = read("allocations.csv");
    assert_eq!(allocations.len(), 20);
    let log: Vec<Entry> = read("allocation_log.csv")
        .into_iter()
        .map(|r| Entry {
            seq: r[0].parse().expect("a number"),
            at: r[1].clone(),
            kind: r[2].clone(),
            case_no: r[3].clone(),
            detail: r[4].clone(),
            prev: r[5].clone(),
            hash: r[6].clone(),
        })
        .collect();
    assert_eq!(log.len(), 41);
    assert_eq!(verify(&log, None), Ok(()));
    let mut edited = log.clone();
    edited[7].detail = edited[7].detail.replacen("judge=", "judge=9", 1);
    assert!(verify(&edited, None).is_err());
    // Another court's export carries none of it.
    dir.ok(&[
        "export", "--format", "csv", "--out", "other", "--court", "湘1403",
    ]);
    assert!(!dir.file("other").join("allocation").exists());
}

/// A year of 湘1402's first-instance filings, and one of another court and one of another year
/// that the replay leaves out: under the shipped rules every civil claim up to ten million yuan
/// is simple (民初2 moves there from 普通) and one above is complex (民初3, no closed 繁案 case to
/// draw from, keeps its 244 days); the criminal case goes the default 普通 way.
const FILINGS: &str = "\
案号,立案日期,结案日期,结案方式,承办人,标的额（元）,适用程序
（2025）湘1402民初1号,2025-03-01,2025-04-10,判决,李简一,30000,简易
（2025）湘1402民初2号,2025-03-01,2025-08-28,判决,李简二,50000,普通
（2025）湘1402民初3号,2025-04-01,2025-12-01,判决,李简三,20000000,普通
（2025）湘1402民初4号,2025-06-01,,,李简一,200000,简易
（2025）湘1402刑初1号,2025-05-01,2025-06-30,判决,周刑一,,普通
（2025）湘1403民初1号,2025-05-01,2025-06-30,判决,王五,8000,简易
（2024）湘1402民初9号,2024-05-01,2024-06-30,判决,李简一,8000,普通
";

#[test]
fn the_sandbox_prints_its_comparison_as_json() {
    let dir = Workdir::sqlite();
    dir.import(&[("filings.csv", FILINGS)]);
    office(&dir, "审管办");
    let json = dir.json(&[
        "assign",
        "simulate",
        "--as",
        "审管办",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
        "--seeds",
        "3",
        "--format",
        "json",
    ]);
    assert_eq!(json["from"], "2025-01-01");
    assert_eq!(json["to"], "2025-12-31");
    assert_eq!(json["rules_version"], "shipped-2026-1");
    assert_eq!(json["filings"], 5);
    assert_eq!(json["moved"], 2);
    assert_eq!(json["seeds"], 3);
    let shares: Vec<(String, f64, f64)> = json["shares"]
        .as_array()
        .expect("shares")
        .iter()
        .map(|s| {
            (
                s["track"].as_str().expect("track").to_string(),
                s["actual"].as_f64().expect("actual"),
                s["proposed"].as_f64().expect("proposed"),
            )
        })
        .collect();
    assert_eq!(
        shares,
        [
            ("speedy".to_string(), 0.0, 0.0),
            ("simple".to_string(), 40.0, 60.0),
            ("ordinary".to_string(), 60.0, 20.0),
            ("complex".to_string(), 0.0, 20.0),
        ]
    );
    assert_eq!(json["shares"][1]["label"], "简案");
    // As it went: 40, 180, 244 and 60 days, the 244 beyond 普通's 180. Replayed: 民初2 draws the
    // one closed simple case's 40 days under every seed.
    let figure = |name: &str, part: &str| json[name][part].as_f64().expect(part);
    assert_eq!(figure("average_days", "actual"), 131.0);
    assert_eq!(figure("within_limit", "actual"), 75.0);
    for part in ["mean", "low", "high"] {
        assert_eq!(figure("average_days", part), 96.0, "{part}");
        assert_eq!(figure("within_limit", part), 75.0, "{part}");
    }
    // The judges' weighted caseloads as they went: 李简一's two simple cases weigh as much as
    // each other judge's one ordinary case, so largest over smallest is 1 and the Gini 0; the
    // replays' figures are there (their values are the draws'). No allocation was kept, so none
    // was designated; the complex case finds no judge of its pool in each replay.
    assert_eq!(figure("max_over_min", "actual"), 1.0);
    assert_eq!(figure("gini", "actual"), 0.0);
    for name in ["max_over_min", "gini"] {
        for part in ["mean", "low", "high"] {
            assert!(json[name].get(part).is_some(), "{name} {part}: {json}");
        }
    }
    assert_eq!(json["judges"], 4);
    assert_eq!(json["designated"].as_f64(), Some(0.0));
    assert_eq!(json["unassigned"].as_f64(), Some(1.0));
    // The table is the default.
    let table = dir.ok(&[
        "assign",
        "simulate",
        "--as",
        "审管办",
        "--from",
        "2025-01-01",
        "--to",
        "2025-12-31",
    ]);
    assert!(
        table.contains("一审收案5件") && table.contains("改变轨道2件"),
        "{table}"
    );
}
