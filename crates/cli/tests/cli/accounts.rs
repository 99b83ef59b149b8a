//! The accounts and the audit log from the command line: every `shenguan` action that changes
//! accounts or data, run once as an operator runs it, and the one audit line it leaves (or the
//! none a refused action leaves); the secrets as they rest in the store; the demonstration's
//! accounts. On SQLite, and on PostgreSQL when `SHENGUAN_TEST_PG` names a server.

use sha2::{Digest, Sha256};
use shenguan_store::{AuditEntry, Store, StoreUrl};

use crate::support::{TODAY, Workdir, stderr};

fn open_store(dir: &Workdir) -> Store {
    Store::open(&StoreUrl::parse(&dir.db).expect("store URL")).expect("open the store")
}

/// The whole audit log, newest first.
fn audit_log(dir: &Workdir) -> Vec<AuditEntry> {
    open_store(dir).audit_entries(10_000).expect("audit log")
}

/// One action of the operator's and what the audit log must say about it.
struct Step {
    what: &'static str,
    args: &'static [&'static str],
    /// Standard input: the password for `user add`.
    input: &'static str,
    /// The exact exit status: 0 done, 1 refused input, 2 wrong usage, 3 a file not readable.
    exit: i32,
    /// `(action, detail)` of the one new line, or `None` when the log must stay as it was.
    leaves: Option<(&'static str, &'static str)>,
}

/// Runs `step` and checks the log: exactly one new line, the newest, with no user (the command
/// line acts as the operator of the machine, not as an account), the action key, the detail and
/// today's date from `SHENGUAN_TODAY` in China Standard Time — or, for `None`, no change at all.
fn check_step(dir: &Workdir, step: &Step) {
    let before = audit_log(dir);
    let output = dir.run_with_stdin(step.args, step.input.as_bytes());
    assert_eq!(
        output.status.code(),
        Some(step.exit),
        "{}: {}",
        step.what,
        stderr(&output)
    );
    let after = audit_log(dir);
    let Some((action, detail)) = step.leaves else {
        assert_eq!(after, before, "{}: the log must not change", step.what);
        return;
    };
    assert_eq!(after.len(), before.len() + 1, "{}: {after:?}", step.what);
    assert_eq!(
        after[1..],
        before[..],
        "{}: older lines untouched",
        step.what
    );
    let newest = &after[0];
    assert!(
        before.first().is_none_or(|last| newest.id > last.id),
        "{}: the new line is the newest: {newest:?}",
        step.what
    );
    assert_eq!(newest.user, None, "{}", step.what);
    assert_eq!(newest.action, action, "{}", step.what);
    assert_eq!(newest.detail, detail, "{}", step.what);
    let (day, time) = newest.at.split_once('T').expect("an ISO date and time");
    assert_eq!(day, TODAY, "{}: {}", step.what, newest.at);
    assert!(time.ends_with("+08:00"), "{}: {}", step.what, newest.at);
}

/// Three cases of 湘1402 as its office exports them.
const FILED: &str = "\
案号,立案日期,结案日期,结案方式,承办人
（2026）湘1402民初101号,2026-03-05,2026-05-06,调解,王伟
（2026）湘1402民初102号,2026-03-06,,,王伟
（2026）湘1402执55号,2026-03-07,,,李四
";

/// 30 February does not exist: the whole file is refused.
const BAD: &str = "\
案号,立案日期,结案日期,结案方式,承办人
（2026）湘1402民初103号,2026年2月30日,,,王伟
";

/// One good new case and one bad row: written with `--skip-invalid`.
const MIXED: &str = "\
案号,立案日期,结案日期,结案方式,承办人
（2026）湘1402民初104号,2026-04-01,,,王伟
（2026）湘1402民初105号,2026年2月30日,,,王伟
";

const LONG: &str = "a long password\n";

/// The audit trail of an operator's day, in order: each row runs after the ones above it.
const DAY: &[Step] = &[
    // One account of each role; the detail is the stored name and the role's key, whatever
    // spelling of the role was typed.
    Step {
        what: "an administrator",
        args: &["user", "add", "赵管理员", "--role", "admin"],
        input: LONG,
        exit: 0,
        leaves: Some(("user.add", "赵管理员 admin")),
    },
    Step {
        what: "a court leader, role given in Chinese",
        args: &[
            "user",
            "add",
            "钱院长",
            "--role",
            "院领导",
            "--court",
            "湘14",
        ],
        input: LONG,
        exit: 0,
        leaves: Some(("user.add", "钱院长 leader")),
    },
    Step {
        what: "a case-management office",
        args: &[
            "user",
            "add",
            "孙主任",
            "--role",
            "office",
            "--court",
            "湘14",
        ],
        input: LONG,
        exit: 0,
        leaves: Some(("user.add", "孙主任 office")),
    },
    Step {
        what: "a division head",
        args: &[
            "user",
            "add",
            "李庭长",
            "--role",
            "庭长",
            "--court",
            "湘1402",
            "--division",
            "民事审判第一庭",
        ],
        input: LONG,
        exit: 0,
        leaves: Some(("user.add", "李庭长 division")),
    },
    Step {
        what: "a judge, name padded with spaces",
        args: &[
            "user", "add", " 王伟 ", "--role", "judge", "--court", "湘1402",
        ],
        input: LONG,
        exit: 0,
        leaves: Some(("user.add", "王伟 judge")),
    },
    Step {
        what: "a new password for an existing account is a user change too",
        args: &[
            "user", "add", "王伟", "--role", "judge", "--court", "湘1402",
        ],
        input: "another long password\n",
        exit: 0,
        leaves: Some(("user.add", "王伟 judge")),
    },
    // Refused changes change nothing, the log included.
    Step {
        what: "an unknown role",
        args: &["user", "add", "甲", "--role", "clerk"],
        input: LONG,
        exit: 1,
        leaves: None,
    },
    Step {
        what: "a password of 7 characters",
        args: &["user", "add", "乙", "--role", "judge", "--court", "湘1402"],
        input: "1234567\n",
        exit: 1,
        leaves: None,
    },
    Step {
        what: "a division head without a division",
        args: &[
            "user", "add", "丙", "--role", "division", "--court", "湘1402",
        ],
        input: LONG,
        exit: 1,
        leaves: None,
    },
    Step {
        what: "a judge without a court",
        args: &["user", "add", "丁", "--role", "judge"],
        input: LONG,
        exit: 1,
        leaves: None,
    },
    Step {
        what: "an option that does not exist (wrong usage)",
        args: &["user", "add", "戊", "--role", "judge", "--rank", "一级"],
        input: LONG,
        exit: 2,
        leaves: None,
    },
    // A token names its owner; the token itself never reaches the log.
    Step {
        what: "a token",
        args: &["user", "token", "王伟"],
        input: "",
        exit: 0,
        // Working for the default 90 days from 2026-11-27.
        leaves: Some(("token.create", "王伟 至 2027-02-25")),
    },
    Step {
        what: "a token for no one",
        args: &["user", "token", "无此人"],
        input: "",
        exit: 1,
        leaves: None,
    },
    Step {
        what: "a token for a week",
        args: &["user", "token", "王伟", "--days", "7"],
        input: "",
        exit: 0,
        leaves: Some(("token.create", "王伟 至 2026-12-04")),
    },
    Step {
        what: "a token that never works",
        args: &["user", "token", "王伟", "--days", "0"],
        input: "",
        exit: 1,
        leaves: None,
    },
    Step {
        what: "revoking the account's tokens",
        args: &["user", "revoke", "王伟"],
        input: "",
        exit: 0,
        leaves: Some(("token.revoke", "王伟 2")),
    },
    Step {
        what: "revoking the tokens of no one",
        args: &["user", "revoke", "无此人"],
        input: "",
        exit: 1,
        leaves: None,
    },
    Step {
        what: "disabling an account",
        args: &["user", "disable", "李庭长"],
        input: "",
        exit: 0,
        leaves: Some(("user.disable", "李庭长")),
    },
    Step {
        what: "disabling no one",
        args: &["user", "disable", "无此人"],
        input: "",
        exit: 1,
        leaves: None,
    },
    Step {
        what: "reading the accounts changes nothing",
        args: &["user", "list"],
        input: "",
        exit: 0,
        leaves: None,
    },
    // Imports: the file as named on the command line and what it did to the store.
    Step {
        what: "an import of three new cases",
        args: &["import", "收案.csv"],
        input: "",
        exit: 0,
        leaves: Some((
            "import",
            "收案.csv — added 3 updated 0 unchanged 0 events 0",
        )),
    },
    Step {
        what: "the same file again changes no case but is still a load of data",
        args: &["import", "收案.csv"],
        input: "",
        exit: 0,
        leaves: Some((
            "import",
            "收案.csv — added 0 updated 0 unchanged 3 events 0",
        )),
    },
    // A refused import wrote nothing, so there is nothing to account for: the log records what
    // changed the store, and the refusal is reported to the operator who ran it.
    Step {
        what: "a file with a date that does not exist is refused whole",
        args: &["import", "坏行.csv", "--rejects", "错误报告.csv"],
        input: "",
        exit: 1,
        leaves: None,
    },
    Step {
        what: "a file that is not there",
        args: &["import", "不存在.csv"],
        input: "",
        exit: 3,
        leaves: None,
    },
    Step {
        what: "the good row of a mixed file, the bad one set aside",
        args: &[
            "import",
            "混合.csv",
            "--skip-invalid",
            "--rejects",
            "错误行.csv",
        ],
        input: "",
        exit: 0,
        leaves: Some((
            "import",
            "混合.csv — added 1 updated 0 unchanged 0 events 0",
        )),
    },
    // Exports: the folder and what left the store. 3 cases of 收案.csv + 1 of 混合.csv = 4.
    Step {
        what: "an export of the whole store",
        args: &["export", "--format", "csv", "--out", "导出"],
        input: "",
        exit: 0,
        leaves: Some(("export", "导出 — 4 cases, 0 events")),
    },
    Step {
        what: "an export in a format that does not exist",
        args: &["export", "--format", "pdf", "--out", "导出2"],
        input: "",
        exit: 1,
        leaves: None,
    },
    // A report read from the store is an export of its data, as a download from /reports is:
    // the document's name and where it was written.
    Step {
        what: "a bulletin written from the command line",
        args: &[
            "report",
            "bulletin",
            "--month",
            "2026-10",
            "--format",
            "html",
            "--out",
            "通报.html",
        ],
        input: "",
        exit: 0,
        leaves: Some(("export", "report 2026年10月质效通报.html — 通报.html")),
    },
    Step {
        what: "a bulletin of a month that does not exist",
        args: &[
            "report", "bulletin", "--month", "2026-13", "--format", "html", "--out", "坏.html",
        ],
        input: "",
        exit: 1,
        leaves: None,
    },
];

#[test]
fn every_change_from_the_command_line_leaves_one_audit_line() {
    for dir in Workdir::all() {
        dir.write("收案.csv", FILED);
        dir.write("坏行.csv", BAD);
        dir.write("混合.csv", MIXED);
        for step in DAY {
            check_step(&dir, step);
        }
        // 6 accounts added or changed + 2 tokens + 1 revocation + 1 disable + 3 imports + 1
        // export + 1 report = 15 lines.
        assert_eq!(audit_log(&dir).len(), 15);
        assert_eq!(
            dir.ok(&["user", "list"]),
            // Name, role, court, division, staff number (none: no staff list was imported),
            // tokens, state.
            "孙主任\toffice\t湘14\t\t\t0\t在用 active\n\
             李庭长\tdivision\t湘1402\t民事审判第一庭\t\t0\t停用 disabled\n\
             王伟\tjudge\t湘1402\t\t\t0\t在用 active\n\
             赵管理员\tadmin\t全网\t\t\t0\t在用 active\n\
             钱院长\tleader\t湘14\t\t\t0\t在用 active\n"
        );
        // Enabling is audited too, and the account is in use again.
        check_step(
            &dir,
            &Step {
                what: "enabling the account again",
                args: &["user", "enable", "李庭长"],
                input: "",
                exit: 0,
                leaves: Some(("user.enable", "李庭长")),
            },
        );
        assert!(
            dir.ok(&["user", "list"])
                .contains("民事审判第一庭\t\t0\t在用 active\n")
        );
    }
}

/// The lowercase hex SHA-256 of `text`, worked out here rather than by the program.
fn sha256_hex(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Whether `needle` occurs in the SQLite file or its write-ahead log, byte for byte.
fn sqlite_holds(dir: &Workdir, needle: &str) -> bool {
    let file = std::path::Path::new(&dir.db);
    let name = file.file_name().expect("a file name").to_string_lossy();
    std::fs::read_dir(file.parent().expect("the store's folder"))
        .expect("the store's folder")
        .map(|entry| entry.expect("an entry").path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&*name))
        })
        .any(|p| {
            let bytes = std::fs::read(&p).expect("a store file");
            bytes
                .windows(needle.len())
                .any(|window| window == needle.as_bytes())
        })
}

/// How many rows of any table of the PostgreSQL schema hold `needle` in any column.
fn postgres_rows_holding(dir: &Workdir, needle: &str) -> i64 {
    let mut client = postgres::Client::connect(&dir.db, postgres::NoTls).expect("PostgreSQL");
    let tables: Vec<String> = client
        .query(
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
            &[],
        )
        .expect("tables")
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert!(tables.iter().any(|t| t == "api_tokens"), "{tables:?}");
    tables
        .iter()
        .map(|table| {
            let row = client
                .query_one(
                    &format!("SELECT count(*) FROM \"{table}\" t WHERE strpos(t::text, $1) > 0"),
                    &[&needle],
                )
                .expect("search a table");
            row.get::<_, i64>(0)
        })
        .sum()
}

/// Whether the store holds `needle` anywhere.
fn store_holds(dir: &Workdir, needle: &str) -> bool {
    if dir.db.starts_with("postgres") {
        postgres_rows_holding(dir, needle) > 0
    } else {
        sqlite_holds(dir, needle)
    }
}

#[test]
fn passwords_rest_as_argon2id_and_tokens_as_their_sha256() {
    for dir in Workdir::all() {
        let password = "a long password";
        let added = dir.run_with_stdin(
            &[
                "user", "add", "王伟", "--role", "judge", "--court", "湘1402",
            ],
            format!("{password}\n").as_bytes(),
        );
        assert_eq!(added.status.code(), Some(0), "{added:?}");
        let token = dir.ok(&["user", "token", "王伟"]).trim().to_string();
        // "sg_" and 32 random bytes in hex: 3 + 64 = 67 characters.
        assert!(token.starts_with("sg_") && token.len() == 67, "{token}");
        let second = dir.ok(&["user", "token", "王伟"]).trim().to_string();
        assert_ne!(second, token, "a new token each time");

        let mut store = open_store(&dir);
        let row = store.user("王伟").expect("read").expect("the account");
        assert!(
            row.password_hash.starts_with("$argon2id$"),
            "{}",
            row.password_hash
        );
        assert!(!row.password_hash.contains(password));

        // Both tokens open the account by their digest; the plain token is no key.
        for given in [&token, &second] {
            let owner = store.user_by_token(&sha256_hex(given)).expect("read");
            assert_eq!(owner.map(|(u, _)| u.name), Some("王伟".to_string()));
            assert_eq!(store.user_by_token(given).expect("read"), None);
        }
        for line in store.audit_entries(100).expect("audit") {
            assert!(!line.detail.contains(password), "{line:?}");
            assert!(!line.detail.contains(&token[3..]), "{line:?}");
        }
        drop(store);

        // The digest is found where it is kept, so the search below would find a token too.
        assert!(store_holds(&dir, &sha256_hex(&token)), "the digest is kept");
        for secret in [&token[..], &token[3..], &second[3..], password] {
            assert!(!store_holds(&dir, secret), "{secret} rests in the store");
        }
    }
}

#[test]
fn the_demo_prepares_a_network_and_accounts_once() {
    let dir = Workdir::sqlite();
    let args = ["demo", "--dir", "d", "--scale", "0.01", "--no-serve"];
    let first = dir.ok(&args);
    assert!(first.contains("演示数据已生成"), "{first}");
    assert!(
        first.contains("演示管理员 / ") && first.contains("token sg_"),
        "{first}"
    );
    let judge_line = first
        .lines()
        .find(|l| l.starts_with("法官（湘1402）："))
        .expect("a judge line");
    assert!(judge_line.contains("湘1402"), "{judge_line}");
    let again = dir.ok(&args);
    assert!(again.contains("使用已有演示数据"), "{again}");
    let password = |text: &str| {
        text.lines()
            .find(|l| l.starts_with("管理员"))
            .and_then(|l| l.split(" / ").nth(1))
            .and_then(|l| l.split_whitespace().next())
            .map(str::to_string)
            .expect("a password")
    };
    assert_ne!(
        password(&first),
        password(&again),
        "fresh passwords each run"
    );
    assert_eq!(password(&first).len(), 16);
}

#[test]
fn the_demo_shows_supervision_in_use_made_once() {
    let dir = Workdir::sqlite();
    // A fixed today, so that the network and the weeks of supervision are the same every run.
    let on_the_day = |args: &[&str]| {
        let mut command = dir.bare_command(args);
        crate::support::succeed(command.env("SHENGUAN_TODAY", "2026-11-27"))
    };
    let args = ["demo", "--dir", "d", "--scale", "0.1", "--no-serve"];
    let first = on_the_day(&args);
    assert!(
        first.contains("演示督办：6件督办事项、2件审限变更申请"),
        "{first}"
    );
    assert!(first.contains("审管办（湘1402）：演示审管办 / "), "{first}");
    assert!(first.contains("院长（湘1402）：演示院长 / "), "{first}");
    let list = [
        "--db",
        "d/demo.db",
        "supervise",
        "list",
        "--as",
        "演示审管办",
    ];
    let items = on_the_day(&list);
    // Replied and closed, returned and late again, escalated, awaiting a reply past its date,
    // and one opened yesterday.
    for state in [
        "已办结",
        "退回（逾期）",
        "升级",
        "待答复（逾期）",
        "待答复\t",
    ] {
        assert!(items.contains(state), "{state} in\n{items}");
    }
    assert_eq!(items.lines().count(), 6, "{items}");
    let again = on_the_day(&args);
    assert!(!again.contains("演示督办"), "made once: {again}");
    assert_eq!(on_the_day(&list), items);
    // An export carries the supervision records beside the cases, in a folder of their own (an
    // import of the export's files takes the case data alone).
    on_the_day(&[
        "--db",
        "d/demo.db",
        "export",
        "--format",
        "csv",
        "--out",
        "out",
    ]);
    let rows = |name: &str| {
        let text = std::fs::read_to_string(dir.file("out").join("supervision").join(name))
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        text.lines().count() - 1
    };
    assert_eq!(rows("supervision.csv"), 6);
    // 6 openings, 2 replies, a closing, a return, an escalation.
    assert_eq!(rows("supervision_steps.csv"), 11);
    assert_eq!(rows("limit_requests.csv"), 2);
    assert_eq!(rows("zhongben_reviews.csv"), 1);
    let header = std::fs::read_to_string(
        dir.file("out")
            .join("supervision")
            .join("limit_requests.csv"),
    )
    .expect("the file");
    assert!(
        header
            .starts_with("id,case_no,court_code,division,kind,length,ground,from_on,to_on,reason"),
        "{header}"
    );
    // The whole export imports into another store, the records beside the cases, and comes out
    // again the same; a second import of it changes nothing.
    let mut import = vec!["--db", "copy.db", "import"];
    let names = [
        "out/cases.csv",
        "out/events.csv",
        "out/staff.csv",
        "out/divisions.csv",
        "out/parties.csv",
        "out/payments.csv",
        "out/supervision/supervision.csv",
        "out/supervision/supervision_steps.csv",
        "out/supervision/limit_requests.csv",
        "out/supervision/zhongben_reviews.csv",
    ];
    import.extend(names);
    let imported = on_the_day(&import);
    for line in [
        "督办事项：新增6、有新进展0、未变0",
        "审限变更申请：新增2、有新进展0、未变0",
        "终本评查：新增1、有新进展0、未变0",
    ] {
        assert!(imported.contains(line), "{line} in\n{imported}");
    }
    let again = on_the_day(&import);
    assert!(
        again.contains("督办事项：新增0、有新进展0、未变6"),
        "{again}"
    );
    on_the_day(&[
        "--db", "copy.db", "export", "--format", "csv", "--out", "copy",
    ]);
    for name in [
        "supervision.csv",
        "supervision_steps.csv",
        "limit_requests.csv",
        "zhongben_reviews.csv",
    ] {
        let read = |folder: &str| {
            std::fs::read(dir.file(folder).join("supervision").join(name))
                .unwrap_or_else(|e| panic!("{folder}/{name}: {e}"))
        };
        assert!(
            read("copy") == read("out"),
            "{name} differs after the round trip"
        );
    }
}
