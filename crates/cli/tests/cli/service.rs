//! 送达 from the command line: a judge opens a task, mails, announces (the deadline moves and the
//! program says by how much), settles; the office assigns and lists the queue as JSON; the court's
//! service records, address confirmations and a post office's results come in through `import`,
//! a malformed batch named row by row and nothing written; the export's service folder imports
//! into a second store as it was. On SQLite, and on PostgreSQL when `SHENGUAN_TEST_PG` names a
//! server.

use std::fs;

use shenguan_store::{Store, StoreUrl};

use crate::support::{Workdir, path, stderr};

const CASES: &str = "\
案号,立案日期,承办人,承办部门
（2026）湘1402民初1号,2026-09-01,王伟,民一庭
（2026）湘1402民初2号,2026-09-01,王伟,民一庭
";

const CASE: &str = "（2026）湘1402民初1号";
const OTHER: &str = "（2026）湘1402民初2号";

fn add_account(dir: &Workdir, args: &[&str]) {
    let mut all = vec!["user", "add"];
    all.extend(args);
    let output = dir.run_with_stdin(&all, b"a long password\n");
    assert!(output.status.success(), "{}", stderr(&output));
}

fn accounts(dir: &Workdir) {
    add_account(
        dir,
        &[
            "王伟",
            "--role",
            "judge",
            "--court",
            "湘1402",
            "--division",
            "民一庭",
        ],
    );
    add_account(dir, &["审管办", "--role", "office", "--court", "湘1402"]);
    add_account(
        dir,
        &[
            "送达员",
            "--role",
            "judge",
            "--court",
            "湘1402",
            "--division",
            "民一庭",
        ],
    );
}

#[test]
fn a_task_is_worked_from_the_command_line_and_every_step_audited() {
    for dir in Workdir::all() {
        let backend = dir.backend();
        dir.import(&[("cases.csv", CASES)]);
        accounts(&dir);
        let opened = dir.ok(&[
            "service",
            "task",
            "--as",
            "王伟",
            "--case",
            CASE,
            "--document",
            "传票",
            "--recipient",
            "张三",
            "--address",
            "株洲市某路1号",
            "--on",
            "2026-10-08",
        ]);
        let id = opened
            .split('\t')
            .next()
            .expect("the task's number")
            .to_string();
        assert!(
            opened.contains("传票\t张三\t2026-10-08"),
            "{backend}: {opened}"
        );
        let mailed = dir.ok(&[
            "service",
            "attempt",
            &id,
            "--user",
            "王伟",
            "--method",
            "法院专递",
            "--on",
            "2026-10-09",
            "--outcome",
            "送达中",
            "--tracking-no",
            "1190012345678",
        ]);
        assert!(mailed.contains("第1次送达已记录"), "{backend}: {mailed}");
        let settled = dir.ok(&[
            "service",
            "settle",
            &id,
            "1",
            "--as",
            "王伟",
            "--outcome",
            "未送达",
            "--failure",
            "查无此人",
        ]);
        assert!(settled.contains("结果已记录"), "{backend}: {settled}");
        // The announcement: thirty days out of the limit, the deadline before and after.
        let announced = dir.ok(&[
            "service",
            "attempt",
            &id,
            "--as",
            "王伟",
            "--method",
            "公告送达",
            "--on",
            "2026-11-02",
            "--proof",
            "公告凭证",
        ]);
        assert!(
            announced
                .contains("公告期扣除审限：2026-11-03起30日；审限届满日 2027-03-01 → 2027-03-31"),
            "{backend}: {announced}"
        );
        let assigned = dir.ok(&["service", "assign", &id, "--as", "审管办", "--to", "送达员"]);
        assert!(assigned.contains("1项"), "{backend}: {assigned}");
        let confirmed = dir.ok(&[
            "service",
            "confirm",
            "--as",
            "王伟",
            "--case",
            CASE,
            "--party",
            "张三",
            "--signed-on",
            "2026-09-02",
            "--electronic",
            "全部诉讼文书",
            "--channel",
            "13800000000",
        ]);
        assert!(confirmed.contains("已记录张三"), "{backend}: {confirmed}");
        let queue = dir.json(&[
            "service",
            "queue",
            "--as",
            "送达员",
            "--mine",
            "--format",
            "json",
        ]);
        let tasks = queue["tasks"].as_array().expect("tasks");
        assert_eq!(tasks.len(), 1, "{backend}: {queue}");
        assert_eq!(tasks[0]["assigned_to"], "送达员");
        // The announcement runs until 2 December: not served yet.
        assert_eq!(
            tasks[0]["served_on"],
            serde_json::Value::Null,
            "{backend}: {queue}"
        );
        assert_eq!(
            tasks[0]["attempts"][1]["served_on"], "2026-12-02",
            "{backend}"
        );
        assert_eq!(tasks[0]["attempts"][0]["failure"], "no_such_person");
        assert_eq!(tasks[0]["attempts"][1]["method"], "notice");
        // Not yet served by today: among the open tasks.
        let open = dir.ok(&["service", "queue", "--as", "审管办", "--open"]);
        assert!(
            open.starts_with(&format!("{id}\t{CASE}\t传票\t张三")),
            "{backend}: {open}"
        );
        let history = dir.ok(&["service", "case", CASE, "--as", "王伟"]);
        assert!(
            history.contains("#2\t2026-11-02\t公告送达\t已送达\t签收 2026-12-02；公告凭证\t王伟"),
            "{backend}: {history}"
        );
        assert!(history.contains("确认书\t"), "{backend}: {history}");
        for (args, words) in [
            (
                vec![
                    "service",
                    "attempt",
                    id.as_str(),
                    "--as",
                    "王伟",
                    "--method",
                    "飞鸽传书",
                    "--on",
                    "2026-11-03",
                    "--outcome",
                    "已送达",
                ],
                "可用：直接送达、留置送达",
            ),
            (
                vec![
                    "service",
                    "assign",
                    id.as_str(),
                    "--as",
                    "王伟",
                    "--to",
                    "送达员",
                ],
                "仅审管办",
            ),
            (
                vec!["service", "case", CASE, "--as", "无此人"],
                "没有在用的账号",
            ),
            (
                vec![
                    "service",
                    "settle",
                    id.as_str(),
                    "1",
                    "--as",
                    "王伟",
                    "--outcome",
                    "已送达",
                    "--served-on",
                    "2026-10-10",
                ],
                "已有结果",
            ),
        ] {
            let message = dir.refused(&args, 1);
            assert!(message.contains(words), "{backend}: {args:?}: {message}");
        }
        let store = &mut Store::open(&StoreUrl::parse(&dir.db).expect("url")).expect("store");
        let log: Vec<(String, Option<String>)> = store
            .audit_entries(100)
            .expect("log")
            .into_iter()
            .rev()
            .filter(|e| e.action.starts_with("service."))
            .map(|e| (e.action, e.user))
            .collect();
        let by = |action: &str, name: &str| (action.to_string(), Some(name.to_string()));
        assert_eq!(
            log,
            [
                by("service.task", "王伟"),
                by("service.attempt", "王伟"),
                by("service.settle", "王伟"),
                by("service.attempt", "王伟"),
                by("service.assign", "审管办"),
                by("service.confirmation", "王伟"),
            ],
            "{backend}"
        );
    }
}

const RECORDS: &str = "\
案号,送达文书,受送达人,受送达人类别,送达地址,涉外,任务创建日期,送达次序,送达方式,送达日期,送达结果,签收日期,未送达原因,送达凭证,邮件号,受托法院,送达人
（2026）湘1402民初1号,传票,张三,当事人,株洲市某路1号,否,2026-10-08,1,邮寄送达,2026-10-09,送达中,,,,1190012345678,,送达员
（2026）湘1402民初1号,起诉状副本,李四,,,否,2026-10-08,1,直接送达,2026-10-10,已送达,2026-10-10,,送达回证,,,送达员
（2026）湘1402民初1号,应诉通知书,Smith Ltd,,,是,2026-10-08,1,公告送达,2026-11-02,公告中,,,公告凭证,,,送达员
（2026）湘1402民初1号,举证通知书,王五,诉讼代理人,,否,2026-10-08,,,,,,,,,,
";

const CONFIRMATIONS: &str = "\
案号,当事人,签署日期,确认送达地址,同意电子送达,电子送达地址
（2026）湘1402民初1号,张三,2026-09-02,株洲市某路1号,不含裁判文书,13800000000
";

#[test]
fn the_court_s_records_and_a_post_office_s_results_import_once_and_export_as_they_were() {
    for dir in Workdir::all() {
        let backend = dir.backend();
        dir.import(&[("cases.csv", CASES)]);
        accounts(&dir);
        let summary = dir.import(&[
            ("送达记录.csv", RECORDS),
            ("送达地址确认书.csv", CONFIRMATIONS),
        ]);
        assert!(
            summary.contains(
                "新增送达任务4项、送达记录3条，补记结果0条，新增送达地址确认书1份，未变0项"
            ),
            "{backend}: {summary}"
        );
        // The foreign announcement: sixty days out of the limit.
        let history = dir.json(&[
            "service",
            "case",
            CASE,
            "--as",
            "审管办",
            "--format",
            "json",
        ]);
        let smith = history["tasks"]
            .as_array()
            .expect("tasks")
            .iter()
            .find(|t| t["recipient"] == "Smith Ltd")
            .expect("Smith Ltd");
        assert_eq!(smith["attempts"][0]["served_on"], "2027-01-01", "{backend}");

        // A malformed batch: every bad row named, nothing written.
        let batch = dir.write(
            "邮寄结果.csv",
            "邮件号,收件人,收寄日期,投递状态,投递日期,退回原因,签收人
1190012345678,张三,2026-10-09,妥投,2026-10-12,,张三
1190099999999,赵六,,妥投,2026-10-12,,
1190012345679,李四,,退回,2026-10-12,,
",
        );
        let before = dir.ok(&[
            "service",
            "case",
            CASE,
            "--as",
            "审管办",
            "--format",
            "json",
        ]);
        let message = dir.fails(&["import", path(&batch)], 1);
        for words in [
            "邮寄结果.csv 第3行 列“邮件号” 值“1190099999999”: 没有邮件号为1190099999999的邮寄送达记录",
            "邮寄结果.csv 第4行 列“退回原因” 值“”: 退回的邮件须写明退回原因",
            "有2处错误，未导入任何数据",
        ] {
            assert!(message.contains(words), "{backend}: {message}");
        }
        let after = dir.ok(&[
            "service",
            "case",
            CASE,
            "--as",
            "审管办",
            "--format",
            "json",
        ]);
        assert_eq!(after, before, "{backend}: the store is unchanged");

        // The good row alone settles the mailing, once.
        let good = dir.write(
            "邮寄结果2.csv",
            "邮件号,收件人,收寄日期,投递状态,投递日期,退回原因,签收人
1190012345678,张三,2026-10-09,妥投,2026-10-12 09:30:00,,张三
",
        );
        let settled = dir.ok(&["import", path(&good)]);
        assert!(settled.contains("补记结果1条"), "{backend}: {settled}");
        let again = dir.ok(&["import", path(&good)]);
        assert!(
            again.contains("补记结果0条，新增送达地址确认书0份，未变1项"),
            "{backend}: {again}"
        );

        // The export's service folder into a second store, after its cases: the same files back.
        dir.ok(&[
            "export", "--format", "csv", "--out", "out", "--header", "zh",
        ]);
        let service_dir = dir.file("out").join("service");
        let records = fs::read_to_string(service_dir.join("service-records.csv")).expect("records");
        assert_eq!(records.lines().count(), 5, "{backend}: {records}");
        let second = Workdir::sqlite();
        let cases = dir.file("out").join("cases.csv");
        second.ok(&["import", path(&cases)]);
        let files = [
            service_dir.join("service-records.csv"),
            service_dir.join("confirmations.csv"),
        ];
        let imported = second.ok(&["import", path(&files[0]), path(&files[1])]);
        assert!(
            imported.contains("新增送达任务4项"),
            "{backend}: {imported}"
        );
        second.ok(&[
            "export", "--format", "csv", "--out", "out", "--header", "zh",
        ]);
        for name in ["service-records.csv", "confirmations.csv"] {
            let a = fs::read_to_string(service_dir.join(name)).expect("first");
            let b =
                fs::read_to_string(second.file("out").join("service").join(name)).expect("second");
            assert_eq!(a, b, "{backend}: {name}");
        }
        // Service files with a case file in one run: refused whole.
        let mixed = dir.fails(&["import", path(&cases), path(&files[0])], 1);
        assert!(
            mixed.contains("须在案件导入之后单独导入"),
            "{backend}: {mixed}"
        );
        // Another case has no service of its own.
        let other = dir.ok(&["service", "case", OTHER, "--as", "审管办"]);
        assert_eq!(other.trim(), OTHER, "{backend}: {other}");
    }
}
