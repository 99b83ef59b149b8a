//! `shenguan user`: accounts with roles and scopes, passwords from standard input, API tokens
//! shown once, and the audit lines they leave (SQLite, and PostgreSQL when `SHENGUAN_TEST_PG`
//! is set).

mod common;

use std::io::Write;
use std::process::Stdio;

use common::Workdir;

/// Runs `shenguan` with `input` on standard input.
fn with_input(dir: &Workdir, args: &[&str], input: &str) -> std::process::Output {
    let mut child = dir
        .command(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(input.as_bytes())
        .expect("write");
    child.wait_with_output().expect("wait")
}

#[test]
fn accounts_are_added_listed_and_given_tokens() {
    for dir in Workdir::all() {
        let added = with_input(
            &dir,
            &[
                "user", "add", "王伟", "--role", "judge", "--court", "湘1402",
            ],
            "a long password\n",
        );
        assert!(added.status.success(), "{added:?}");
        assert!(String::from_utf8_lossy(&added.stdout).contains("法官"));
        let head = with_input(
            &dir,
            &[
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
            "another password\n",
        );
        assert!(head.status.success(), "{head:?}");
        let token = dir.ok(&["user", "token", "王伟"]);
        let token = token.trim();
        assert!(token.starts_with("sg_") && token.len() == 67, "{token}");
        assert_ne!(
            dir.ok(&["user", "token", "王伟"]).trim(),
            token,
            "a new token each time"
        );
        let list = dir.ok(&["user", "list"]);
        assert_eq!(
            list,
            "李庭长\tdivision\t湘1402\t民事审判第一庭\n王伟\tjudge\t湘1402\t\n"
        );
    }
}

#[test]
fn bad_accounts_are_refused_with_the_reason() {
    let dir = Workdir::sqlite();
    for (args, input, needle) in [
        (
            vec!["user", "add", "甲", "--role", "clerk"],
            "a long password\n",
            "clerk",
        ),
        (
            vec!["user", "add", "乙", "--role", "judge", "--court", "湘1402"],
            "short\n",
            "8",
        ),
        (
            vec![
                "user", "add", "丙", "--role", "division", "--court", "湘1402",
            ],
            "a long password\n",
            "--division",
        ),
        (
            vec!["user", "add", "丁", "--role", "judge"],
            "a long password\n",
            "--court",
        ),
        (vec!["user", "token", "无此人"], "", "无此人"),
    ] {
        let output = with_input(&dir, &args, input);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
    }
    assert_eq!(dir.ok(&["user", "list"]), "");
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
        .find(|l| l.starts_with("法官 judge"))
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
