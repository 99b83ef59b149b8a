//! 信访 from the command line: the office registers a petition, accepts and replies to it; the
//! judge of the case reads it and may not handle it; the list and the city's place on an imported
//! notice; every step audited under the account named with `--as`. On SQLite, and on PostgreSQL
//! when `SHENGUAN_TEST_PG` names a server.

use shenguan_store::{Store, StoreUrl};

use crate::support::{Workdir, stderr};

const CASES: &str = "\
案号,立案日期,结案日期,结案方式,承办人
（2026）湘1402执201号,2026-03-05,,,王伟
";

const CASE: &str = "（2026）湘1402执201号";

/// The first half of 2026: 清河 (湘14) shares second place with 长沙 on the province count.
const NOTICE: &str = "通报期间起,通报期间止,地区,法院代字,赴省信访,赴京信访,赴巡回法庭信访
2026-01-01,2026-06-30,长沙,,2,1,0
2026-01-01,2026-06-30,清河,湘14,2,0,0
2026-01-01,2026-06-30,株洲,,5,0,1
2026-01-01,2026-06-30,湘潭,,1,0,0
";

fn add_account(dir: &Workdir, name: &str, role: &str, court: &str) {
    let output = dir.run_with_stdin(
        &["user", "add", name, "--role", role, "--court", court],
        b"a long password\n",
    );
    assert!(output.status.success(), "{}", stderr(&output));
}

#[test]
fn the_office_registers_and_handles_a_petition_from_the_command_line() {
    for dir in Workdir::all() {
        let backend = dir.backend();
        dir.import(&[("cases.csv", CASES), ("省法院信访通报.csv", NOTICE)]);
        add_account(&dir, "审管办", "office", "湘1402");
        add_account(&dir, "王伟", "judge", "湘1402");
        add_account(&dir, "中院审管办", "office", "湘14");
        // The network's secret, named as a PostgreSQL store needs it (numbers are keyed with it).
        let key_file = dir.file("identity.key");
        // The number from standard input, not the command line.
        let registered = crate::support::output(
            dir.command(&[
                "petitions",
                "register",
                "--as",
                "审管办",
                "--channel",
                "来访",
                "--subject",
                "执行",
                "--level",
                "赴省",
                "--received-on",
                "2026-03-02",
                "--petitioners",
                "王某",
                "--id-numbers",
                "-",
                "--cases",
                CASE,
            ])
            .env("SHENGUAN_IDENTITY_KEY_FILE", &key_file),
            Some(b"43010219800101109X\n"),
        );
        assert!(registered.status.success(), "{}", stderr(&registered));
        let registered = crate::support::stdout(&registered);
        let id = registered
            .lines()
            .next()
            .and_then(|l| l.split(' ').next())
            .and_then(|n| n.strip_prefix('#'))
            .expect("the petition's number")
            .to_string();
        assert!(registered.contains("2026信0001"), "{backend}: {registered}");
        assert!(
            registered.contains("4301**********109X"),
            "{backend}: {registered}"
        );
        assert!(
            !registered.contains("19800101"),
            "{backend}: no clear number"
        );
        assert!(
            registered.contains("可办理 steps: accept"),
            "{backend}: {registered}"
        );
        let accepted = dir.ok(&[
            "petitions",
            "step",
            &id,
            "accept",
            "--as",
            "审管办",
            "--screening",
            "访",
            "--on",
            "2026-03-04",
        ]);
        assert!(
            accepted.contains("受理及甄别\t审管办"),
            "{backend}: {accepted}"
        );
        let replied = dir.ok(&[
            "petitions",
            "step",
            &id,
            "reply",
            "--as",
            "审管办",
            "--outcome",
            "解释",
            "--on",
            "2026-03-20",
        ]);
        assert!(
            replied.contains("2026-03-20\t答复\t审管办"),
            "{backend}: {replied}"
        );
        assert!(
            !replied.contains("待办"),
            "{backend}: nothing awaited: {replied}"
        );
        // The judge of the case reads it, and may not handle it.
        let shown = dir.ok(&["petitions", "show", &id, "--as", "王伟"]);
        assert!(
            shown.contains("2026信0001") && !shown.contains("可办理"),
            "{backend}: {shown}"
        );
        let listed = dir.ok(&["petitions", "list", "--as", "王伟"]);
        assert!(
            listed.starts_with(&format!("{id}\t2026信0001\t湘1402")),
            "{backend}: {listed}"
        );
        for (args, words) in [
            (
                vec![
                    "petitions",
                    "step",
                    id.as_str(),
                    "ask_review",
                    "--as",
                    "王伟",
                ],
                "仅审管办",
            ),
            (
                vec![
                    "petitions",
                    "step",
                    id.as_str(),
                    "reply",
                    "--as",
                    "审管办",
                    "--outcome",
                    "解决",
                ],
                "尚未答复",
            ),
            (
                vec![
                    "petitions",
                    "step",
                    id.as_str(),
                    "approve",
                    "--as",
                    "审管办",
                ],
                "没有“approve”这一办理环节",
            ),
            (
                vec![
                    "petitions",
                    "step",
                    id.as_str(),
                    "ask_review",
                    "--as",
                    "审管办",
                    "--on",
                    "2027-01-01",
                ],
                "不能晚于今天",
            ),
            (
                vec![
                    "petitions",
                    "register",
                    "--as",
                    "审管办",
                    "--channel",
                    "飞鸽",
                    "--subject",
                    "执行",
                    "--petitioners",
                    "王某",
                ],
                "来源",
            ),
            (
                vec!["petitions", "show", "999", "--as", "审管办"],
                "没有信访件#999",
            ),
        ] {
            let message = dir.refused(&args, 1);
            assert!(message.contains(words), "{backend}: {args:?}: {message}");
        }
        // The city's place on the notice, beside its own register (one petition to the
        // province, from 湘1402).
        let ranking = dir.ok(&["petitions", "ranking", "--court", "湘14", "--goal", "2"]);
        assert!(
            ranking.contains("赴省信访：通报2件，居全省第2（并列），退出前2名还需减少1件；本市登记1件（通报多1件）"),
            "{backend}: {ranking}"
        );
        // Every step in the audit log under the account that took it.
        let store = &mut Store::open(&StoreUrl::parse(&dir.db).expect("url")).expect("store");
        let log: Vec<(String, Option<String>)> = store
            .audit_entries(100)
            .expect("log")
            .into_iter()
            .rev()
            .filter(|e| e.action.starts_with("petition."))
            .map(|e| (e.action, e.user))
            .collect();
        let line = |action: &str| (action.to_string(), Some("审管办".to_string()));
        assert_eq!(
            log,
            [
                line("petition.register"),
                line("petition.accept"),
                line("petition.reply")
            ],
            "{backend}"
        );
    }
}
