//! 督办 from the command line: the office supervises a case for the judge, the judge lists and
//! answers it, the office closes it; each acting for the account named with `--as`, held to that
//! account's scope, audited under its name. On SQLite, and on PostgreSQL when `SHENGUAN_TEST_PG`
//! names a server.

use shenguan_store::{Store, StoreUrl};

use crate::support::{Workdir, stderr};

/// Two pending cases of 湘1402 judged by 王伟, one of 湘1403.
const CASES: &str = "\
案号,立案日期,结案日期,结案方式,承办人
（2026）湘1402民初201号,2026-03-05,,,王伟
（2026）湘1402民初202号,2026-03-06,,,王伟
（2026）湘1403民初203号,2026-03-07,,,赵六
";

const A: &str = "（2026）湘1402民初201号";
const B: &str = "（2026）湘1402民初202号";
const OTHER_COURT: &str = "（2026）湘1403民初203号";

fn add_account(dir: &Workdir, name: &str, role: &str, court: &str) {
    let output = dir.run_with_stdin(
        &["user", "add", name, "--role", role, "--court", court],
        b"a long password\n",
    );
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn the_office_supervises_and_the_judge_answers_from_the_command_line() {
    for dir in Workdir::all() {
        let backend = dir.backend();
        dir.import(&[("cases.csv", CASES)]);
        add_account(&dir, "审管办", "office", "湘1402");
        add_account(&dir, "王伟", "judge", "湘1402");
        add_account(&dir, "管理员", "admin", "湘14");
        // Two items, one a line: number, case.
        let opened = dir.ok(&[
            "supervise",
            "add",
            "--as",
            "审管办",
            "--reason",
            "超审限",
            "--instructions",
            "请说明超审限原因",
            A,
            B,
        ]);
        let ids: Vec<&str> = opened
            .lines()
            .filter_map(|line| line.split('\t').next())
            .collect();
        assert_eq!(ids.len(), 2, "{backend}: {opened}");
        assert!(
            opened.contains(A) && opened.contains(B),
            "{backend}: {opened}"
        );
        // The judge's own, due five working days after Friday 27 November.
        let mine = dir.ok(&["supervise", "list", "--as", "王伟", "--mine"]);
        assert_eq!(mine.lines().count(), 2, "{backend}: {mine}");
        assert!(
            mine.contains("2026-12-04") && mine.contains("待答复"),
            "{backend}: {mine}"
        );
        let replied = dir.ok(&[
            "supervise",
            "reply",
            ids[0],
            "--as",
            "王伟",
            "--text",
            "已排期开庭",
        ]);
        assert!(replied.contains("已答复"), "{backend}: {replied}");
        // The judge may not close; the office does.
        let refused = dir.refused(&["supervise", "close", ids[0], "--as", "王伟"], 1);
        assert!(refused.contains("无权"), "{backend}: {refused}");
        let closed = dir.ok(&[
            "supervise",
            "close",
            ids[0],
            "--as",
            "审管办",
            "--text",
            "同意",
        ]);
        assert!(closed.contains("已办结"), "{backend}: {closed}");
        let shown = dir.ok(&["supervise", "show", ids[0], "--as", "审管办"]);
        let steps: Vec<&str> = shown
            .lines()
            .skip(2)
            .filter_map(|line| line.split('\t').nth(2))
            .collect();
        assert_eq!(steps, ["opened", "reply", "close"], "{backend}: {shown}");
        // Refused: an administrator opening, a case of another court, an unknown account, reason
        // or date, a return without its date, an escalation of a reply not late.
        for (args, words) in [
            (
                vec![
                    "supervise",
                    "add",
                    "--as",
                    "管理员",
                    "--reason",
                    "other",
                    "--instructions",
                    "x",
                    A,
                ],
                "只有审管办",
            ),
            (
                vec![
                    "supervise",
                    "add",
                    "--as",
                    "审管办",
                    "--reason",
                    "other",
                    "--instructions",
                    "x",
                    OTHER_COURT,
                ],
                "没有案件",
            ),
            (
                vec!["supervise", "list", "--as", "无此人"],
                "shenguan user list",
            ),
            (
                vec![
                    "supervise",
                    "add",
                    "--as",
                    "审管办",
                    "--reason",
                    "bogus",
                    "--instructions",
                    "x",
                    A,
                ],
                "--reason",
            ),
            (
                vec![
                    "supervise",
                    "add",
                    "--as",
                    "审管办",
                    "--reason",
                    "other",
                    "--instructions",
                    "x",
                    "--due",
                    "2026-02-30",
                    A,
                ],
                "--due",
            ),
            (
                vec![
                    "supervise",
                    "escalate",
                    ids[1],
                    "--as",
                    "审管办",
                    "--due",
                    "2026-12-20",
                ],
                "未逾期",
            ),
            (
                vec!["supervise", "show", "999", "--as", "审管办"],
                "没有督办事项",
            ),
        ] {
            let message = dir.refused(&args, 1);
            assert!(message.contains(words), "{backend}: {args:?}: {message}");
        }
        // Every step in the audit log under the account that took it.
        let store = &mut Store::open(&StoreUrl::parse(&dir.db).expect("url")).expect("store");
        let log: Vec<(String, Option<String>)> = store
            .audit_entries(100)
            .expect("log")
            .into_iter()
            .rev()
            .filter(|e| e.action.starts_with("supervision."))
            .map(|e| (e.action, e.user))
            .collect();
        let line = |action: &str, user: &str| (action.to_string(), Some(user.to_string()));
        assert_eq!(
            log,
            [
                line("supervision.open", "审管办"),
                line("supervision.open", "审管办"),
                line("supervision.reply", "王伟"),
                line("supervision.close", "审管办"),
            ],
            "{backend}"
        );
    }
}
