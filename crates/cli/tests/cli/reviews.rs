//! 案件评查 from the command line: the office previews and makes a 重点 plan that takes the case an
//! appeal reversed and gives it to the reviewer of another court; the plan is the office's to read
//! and not the judge's; the reviewer's worklist holds the case; a case is flagged; the year's tally
//! speaks the speech's sentence once the review is in; wrong flags are refused with the flag named;
//! every step audited under the account named with `--as`. On SQLite, and on PostgreSQL when
//! `SHENGUAN_TEST_PG` names a server.

use serde_json::Value;
use shenguan_store::{ReviewResultRow, Store, StoreUrl};

use crate::support::{Workdir, stderr};

const STAFF: &str = "\
工号,姓名,法院代字,部门,职务,任职起始日期
0231,王伟,湘1402,民事审判第一庭,员额法官,2019-03-01
0544,吴刚,湘1403,民事审判第一庭,员额法官,2020-07-15
1401,赵敏,湘14,民事审判第一庭,员额法官,2018-01-01
";

/// 民初1 reversed on appeal in 2026 (taken by the 重点 rule); 民初2 upheld (not taken).
const CASES: &str = "\
案号,立案日期,结案日期,结案方式,承办人,承办人工号,原审案号
（2025）湘1402民初1号,2025-03-01,2025-06-01,判决,王伟,0231,
（2025）湘1402民初2号,2025-03-02,2025-06-02,判决,王伟,0231,
（2026）湘14民终1号,2026-01-05,2026-03-01,改判,赵敏,1401,（2025）湘1402民初1号
（2026）湘14民终2号,2026-01-06,2026-04-01,维持,赵敏,1401,（2025）湘1402民初2号
";

const REVERSED: &str = "（2025）湘1402民初1号";
const UPHELD: &str = "（2025）湘1402民初2号";

fn add_account(dir: &Workdir, args: &[&str]) {
    let mut all = vec!["user", "add"];
    all.extend_from_slice(args);
    let output = dir.run_with_stdin(&all, b"a long password\n");
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn the_office_makes_a_key_plan_and_the_reviewer_and_the_tally_read_it() {
    for dir in Workdir::all() {
        let backend = dir.backend();
        dir.import(&[("staff.csv", STAFF), ("cases.csv", CASES)]);
        add_account(&dir, &["审管办", "--role", "office", "--court", "湘1402"]);
        add_account(
            &dir,
            &[
                "王伟", "--role", "judge", "--court", "湘1402", "--staff", "0231",
            ],
        );
        add_account(
            &dir,
            &[
                "吴刚", "--role", "judge", "--court", "湘1403", "--staff", "0544",
            ],
        );
        // `reviews make` for the office, of `kind` with `reviewers` and more flags.
        let make = |kind: &'static str, reviewers: &'static str, extra: &[&'static str]| {
            let mut args = vec![
                "reviews",
                "make",
                "--as",
                "审管办",
                "--name",
                "2026年度重点评查",
                "--kind",
                kind,
                "--from",
                "2026-01-01",
                "--to",
                "2026-12-31",
                "--reviewers",
                reviewers,
            ];
            args.extend_from_slice(extra);
            args
        };

        // Previewed: shown, not written.
        let preview = dir.ok(&make("key", "0544", &["--preview"]));
        assert!(
            preview.starts_with("预览（未保存） 2026年度重点评查 重点评查 湘1402"),
            "{backend}: {preview}"
        );
        assert!(
            preview.contains(&format!("{REVERSED}\t被改判\t（2026）湘14民终1号\t0544")),
            "{backend}: {preview}"
        );
        assert!(!preview.contains(UPHELD), "{backend}: upheld: {preview}");
        assert_eq!(
            dir.ok(&["reviews", "plans", "--as", "审管办"]),
            "",
            "{backend}"
        );

        // Made: listed for the office, refused to the judge of the court.
        let made = dir.ok(&make("key", "0544", &["--seed", "7"]));
        assert!(made.starts_with("#1 2026年度重点评查"), "{backend}: {made}");
        assert!(made.contains("评查人员 0544\t1"), "{backend}: {made}");
        let plans = dir.ok(&["reviews", "plans", "--as", "审管办"]);
        assert!(
            plans.starts_with(
                "1\t2026年度重点评查\t重点评查\t湘1402\t2026-01-01~2026-12-31\t0‰\t7\t审管办"
            ),
            "{backend}: {plans}"
        );
        let plan: Value = serde_json::from_str(&dir.ok(&[
            "reviews",
            "plan",
            "--id",
            "1",
            "--as",
            "审管办",
            "--format",
            "json",
        ]))
        .expect("JSON");
        assert_eq!(plan["seed"], 7, "{backend}");
        assert_eq!(
            plan["cases"],
            serde_json::json!([{
                "case_no": REVERSED,
                "reason": "reversed",
                "decided_by": "（2026）湘14民终1号",
                "reviewer": "0544",
            }]),
            "{backend}"
        );
        let refused = dir.refused(&["reviews", "plan", "--id", "1", "--as", "王伟"], 1);
        assert!(refused.contains("没有评查计划#1"), "{backend}: {refused}");
        assert_eq!(
            dir.ok(&["reviews", "plans", "--as", "王伟"]),
            "",
            "{backend}"
        );

        // The reviewer's worklist; the judge has none.
        let tasks = dir.ok(&["reviews", "tasks", "--user", "吴刚"]);
        assert_eq!(
            tasks,
            format!("1\t2026年度重点评查\t{REVERSED}\t被改判\t待评查\n"),
            "{backend}"
        );
        assert_eq!(
            dir.ok(&["reviews", "tasks", "--as", "王伟"]),
            "",
            "{backend}"
        );

        // Before any review the tally is empty (and, with no year before reviewed, says no
        // change); once the reviewer's error review is in, the speech's sentence counts it.
        let before = dir.ok(&["reviews", "tally", "--as", "审管办", "--year", "2026"]);
        assert!(
            before
                .trim_end()
                .ends_with("0件发回重审、改判、指令再审案件评查的情况看，问题案件0件、差错案件0件"),
            "{backend}: {before}"
        );
        let store = &mut Store::open(&StoreUrl::parse(&dir.db).expect("url")).expect("store");
        assert!(
            store
                .submit_review(&ReviewResultRow {
                    plan_id: 1,
                    case_no: REVERSED.to_string(),
                    reviewer: "0544".into(),
                    submitted_at: "2026-11-20T10:00:00+08:00".into(),
                    score: 88,
                    grade: "差错".into(),
                    problem: true,
                    error: true,
                    findings: Vec::new(),
                })
                .expect("the review"),
            "{backend}"
        );
        let tally: Value = serde_json::from_str(&dir.ok(&[
            "reviews",
            "tally",
            "--as",
            "审管办",
            "--year",
            "2026",
            "--format",
            "json",
        ]))
        .expect("JSON");
        assert_eq!(
            tally["this"],
            serde_json::json!({"reviewed": 1, "problem": 1, "error": 1}),
            "{backend}"
        );
        let said = tally["sentence_zh"].as_str().expect("the sentence");
        assert!(
            said.starts_with("从对2026年度")
                && said.ends_with(
                    "1件发回重审、改判、指令再审案件评查的情况看，问题案件1件、差错案件1件"
                ),
            "{backend}: {said}"
        );
        // A judge (the reviewer of another court) does not read it.
        let other = dir.refused(&["reviews", "tally", "--as", "吴刚", "--year", "2026"], 1);
        assert!(
            other.contains("审管办、院领导和系统管理员"),
            "{backend}: {other}"
        );

        // A flag by the office; refused to the judge and for what is wrong, by its flag.
        let flagged = dir.ok(&[
            "reviews",
            "flag",
            "--as",
            "审管办",
            "--case",
            UPHELD,
            "--kind",
            "doubt",
            "--reason",
            "裁判尺度存疑",
        ]);
        assert!(
            flagged.contains(&format!("已列入重点评查 #1 {UPHELD}")),
            "{backend}: {flagged}"
        );
        for (args, words) in [
            (
                vec![
                    "reviews", "flag", "--as", "王伟", "--case", UPHELD, "--kind", "doubt",
                    "--reason", "存疑",
                ],
                "仅院领导",
            ),
            (
                vec![
                    "reviews",
                    "flag",
                    "--as",
                    "审管办",
                    "--case",
                    UPHELD,
                    "--kind",
                    "whim",
                    "--reason",
                    "存疑",
                ],
                "--kind",
            ),
            (
                vec![
                    "reviews",
                    "flag",
                    "--as",
                    "审管办",
                    "--case",
                    UPHELD,
                    "--kind",
                    "referred",
                    "--reason",
                    "转来",
                ],
                "交办单位",
            ),
            (
                make("routine", "0544", &["--per-mille", "5000"]),
                "per_mille",
            ),
            (make("everything", "0544", &[]), "--kind"),
            (make("key", "0544", &["--types", "民初"]), "--types"),
            (make("key", "9999", &[]), "9999"),
            (make("key", "0544", &["--court", "湘1403"]), "湘1403"),
            (
                vec!["reviews", "tally", "--as", "审管办", "--year", "1066"],
                "--year",
            ),
        ] {
            let message = dir.refused(&args, 1);
            assert!(message.contains(words), "{backend}: {args:?}: {message}");
        }

        // Every step in the audit log under the account that took it.
        let log: Vec<(String, Option<String>)> = store
            .audit_entries(100)
            .expect("log")
            .into_iter()
            .rev()
            .filter(|e| e.action.starts_with("review."))
            .map(|e| (e.action, e.user))
            .collect();
        let line = |action: &str| (action.to_string(), Some("审管办".to_string()));
        assert_eq!(log, [line("review.plan"), line("review.flag")], "{backend}");
    }
}
