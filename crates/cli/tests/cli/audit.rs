//! The audit log as a hash chain from the command line: `audit verify` over a log the commands
//! wrote, then over copies of the store in which an entry was altered, removed or inserted —
//! each named — and `audit head` as the head to check against later. The hash is computed here
//! afresh from the rule in docs/operations.md, so that a forger's entry is what a forger would
//! write.

use rusqlite::{Connection, params};
use sha2::{Digest, Sha256};

use crate::support::{Workdir, stderr, stdout};

const PASSWORD: &[u8] = b"correct horse battery staple 2026\n";

/// Leaves five entries in the log: an account added, a token, disabled, enabled, revoked.
fn five_entries(dir: &Workdir) {
    let add = dir.run_with_stdin(&["user", "add", "赵管理员", "--role", "admin"], PASSWORD);
    assert_eq!(add.status.code(), Some(0), "{}", stderr(&add));
    for args in [
        &["user", "token", "赵管理员"][..],
        &["user", "disable", "赵管理员"],
        &["user", "enable", "赵管理员"],
        &["user", "revoke", "赵管理员"],
    ] {
        dir.ok(args);
    }
}

/// An entry as stored: number, moment, account, action, detail, previous hash, hash.
type Stored = (i64, String, Option<String>, String, String, String, String);

/// SHA-256 over the length-prefixed parts: previous hash, number, moment, whether there is an
/// account, the account, action, detail. Written out from docs/operations.md rather than calling
/// `hash_chain::hash_of`, so that the test holds the program to the rule the document publishes.
fn seal(prev: &str, seq: i64, at: &str, user: Option<&str>, action: &str, detail: &str) -> String {
    let mut hasher = Sha256::new();
    let seq = seq.to_string();
    let has = if user.is_some() { "1" } else { "0" };
    for part in [prev, &seq, at, has, user.unwrap_or(""), action, detail] {
        hasher.update((part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A copy of the store's file, changed by `tamper`, checked by `audit verify` (and `--head`).
fn verify_copy(dir: &Workdir, name: &str, head: Option<&str>, tamper: &str) -> (i32, String) {
    let copy = dir.file(name);
    std::fs::copy(&dir.db, &copy).expect("copy the store");
    Connection::open(&copy)
        .expect("open the copy")
        .execute_batch(tamper)
        .expect("tamper");
    let copy = copy.display().to_string();
    let mut args = vec!["--db", copy.as_str(), "audit", "verify"];
    args.extend(head.map(|h| ["--head", h]).into_iter().flatten());
    let output = crate::support::output(&mut dir.bare_command(&args), None);
    (output.status.code().unwrap_or(-1), stderr(&output))
}

#[test]
fn audit_verify_names_each_entry_altered_removed_or_inserted() {
    let dir = Workdir::sqlite();
    five_entries(&dir);
    let whole = dir.ok(&["audit", "verify"]);
    let head_line = dir.ok(&["audit", "head"]);
    let (count, head) = head_line.trim().split_once('\t').expect("count and head");
    assert_eq!(count, "5", "{head_line}");
    assert!(whole.contains("5条") && whole.contains(head), "{whole}");
    assert_eq!(head.len(), 64);

    // The rule recomputed here gives the stored hashes: the chain is what docs/operations.md says.
    let db = Connection::open(&dir.db).expect("open");
    let rows: Vec<Stored> = db
        .prepare(
            "SELECT seq, at, user_name, action, detail, prev, hash FROM audit_log ORDER BY seq",
        )
        .expect("prepare")
        .query_map([], |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get(2)?,
                r.get(3)?,
                r.get(4)?,
                r.get(5)?,
                r.get(6)?,
            ))
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    drop(db);
    assert_eq!(rows.len(), 5);
    let mut prev = "0".repeat(64);
    for (seq, at, user, action, detail, stored_prev, hash) in &rows {
        assert_eq!(stored_prev, &prev, "entry {seq} links to the one before");
        assert_eq!(
            hash,
            &seal(&prev, *seq, at, user.as_deref(), action, detail),
            "entry {seq}"
        );
        prev = hash.clone();
    }
    assert_eq!(prev, head);

    let refused = |(code, said): (i32, String), expected: &str| {
        assert_eq!(code, 1, "{said}");
        assert!(said.contains(expected), "expected “{expected}” in: {said}");
    };
    refused(
        verify_copy(
            &dir,
            "altered.db",
            None,
            "UPDATE audit_log SET detail = '李四' WHERE seq = 2",
        ),
        "审计日志第2条被改动",
    );
    refused(
        verify_copy(
            &dir,
            "removed.db",
            None,
            "DELETE FROM audit_log WHERE seq = 3",
        ),
        "审计日志第3至3条被删除",
    );
    // Written in by hand, without the chain's columns.
    refused(
        verify_copy(
            &dir,
            "outside.db",
            None,
            "INSERT INTO audit_log (at, user_name, action, detail)
             VALUES ('2026-12-01T09:00:00+08:00', NULL, 'login', '赵管理员')",
        ),
        "存储编号6的记录不在哈希链上",
    );
    // A forger who knows the rule: a sealed entry after the second, the later ones renumbered.
    let forged = seal(
        &rows[1].6,
        3,
        "2026-12-01T09:00:00+08:00",
        None,
        "login",
        "x",
    );
    refused(
        verify_copy(
            &dir,
            "inserted.db",
            None,
            &format!(
                "UPDATE audit_log SET seq = -seq WHERE seq >= 3;
                 UPDATE audit_log SET seq = 1 - seq WHERE seq < 0;
                 INSERT INTO audit_log (at, user_name, action, detail, seq, prev, hash)
                 VALUES ('2026-12-01T09:00:00+08:00', NULL, 'login', 'x', 3, '{}', '{forged}')",
                rows[1].6
            ),
        ),
        "审计日志第3条是插入（或替换）的记录",
    );
    // The last entry removed: the chain alone is whole; the head recorded earlier tells.
    let cut = "DELETE FROM audit_log WHERE seq = 5";
    let (code, said) = verify_copy(&dir, "cut.db", None, cut);
    assert_eq!(code, 0, "{said}");
    refused(
        verify_copy(&dir, "cut-head.db", Some(head), cut),
        "不是审计日志中任何一条的哈希",
    );
    // Rewritten whole from the third entry by someone who knows the rule: every link holds, the
    // head recorded earlier is gone.
    let mut rewrite = String::new();
    let mut prev = rows[1].6.clone();
    for (seq, at, user, action, detail, ..) in &rows[2..] {
        let detail = if *seq == 3 {
            "rewritten"
        } else {
            detail.as_str()
        };
        let hash = seal(&prev, *seq, at, user.as_deref(), action, detail);
        rewrite.push_str(&format!(
            "UPDATE audit_log SET detail = '{detail}', prev = '{prev}', hash = '{hash}' WHERE seq = {seq};\n"
        ));
        prev = hash;
    }
    let (code, said) = verify_copy(&dir, "rewritten.db", None, &rewrite);
    assert_eq!(code, 0, "a careful rewrite passes the chain alone: {said}");
    refused(
        verify_copy(&dir, "rewritten-head.db", Some(head), &rewrite),
        "不是审计日志中任何一条的哈希",
    );
    // The untouched store against its head — and still after the log has grown.
    dir.ok(&["audit", "verify", "--head", head]);
    dir.ok(&["user", "token", "赵管理员"]);
    let grown = dir.ok(&["audit", "verify", "--head", head]);
    assert!(
        grown.contains("6条") && grown.contains("记录的哈希为第5条的哈希"),
        "{grown}"
    );
}

#[test]
fn audit_verify_refuses_a_head_that_is_not_a_hash() {
    let dir = Workdir::sqlite();
    five_entries(&dir);
    for bad in [
        "",
        "abc",
        &"g".repeat(64),
        &"a".repeat(65),
        "<script>alert(1)</script>",
    ] {
        let said = dir.refused(&["audit", "verify", "--head", bad], 1);
        assert!(
            said.contains("--head") && said.contains("64"),
            "{bad}: {said}"
        );
    }
}

#[test]
fn the_chain_holds_on_both_backends() {
    for dir in Workdir::all() {
        five_entries(&dir);
        let out = dir.ok(&["audit", "verify"]);
        assert!(out.contains("5条"), "{}: {out}", dir.backend());
        let head = dir.ok(&["audit", "head"]);
        assert!(head.starts_with("5\t"), "{}: {head}", dir.backend());
    }
}

#[test]
fn a_change_whose_audit_entry_cannot_be_written_is_not_made() {
    let dir = Workdir::sqlite();
    five_entries(&dir);
    // The log refuses the next entry: the account it would record must not be added either.
    Connection::open(&dir.db)
        .expect("open")
        .execute_batch(
            "CREATE TRIGGER no_more BEFORE INSERT ON audit_log
             BEGIN SELECT RAISE(ABORT, 'the log is full'); END",
        )
        .expect("trigger");
    let add = dir.run_with_stdin(&["user", "add", "钱法官", "--role", "admin"], PASSWORD);
    assert_ne!(add.status.code(), Some(0), "{}", stdout(&add));
    let users: i64 = Connection::open(&dir.db)
        .expect("open")
        .query_row(
            "SELECT count(*) FROM users WHERE name = ?",
            params!["钱法官"],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(users, 0, "the account was added without its audit entry");
}
