//! The progress display of the long commands: drawn when standard error is a terminal, and only
//! then — the other tests run the program without one, and `support` checks every such run
//! for a trace of it — and never a change to what the command prints on standard output.

use std::fmt::Write as _;

use shenguan_testkit::program;

use crate::support::{Workdir, path, stderr, stdout};

/// An export of `n` civil cases of 湘1402 filed in March 2026: enough rows for the display to
/// count them (it is told every 10,000).
fn filed(n: usize) -> String {
    let mut text = String::from("案号,立案日期\n");
    for serial in 1..=n {
        writeln!(text, "（2026）湘1402民初{serial}号,2026-03-02").expect("a string");
    }
    text
}

#[test]
fn an_import_on_a_terminal_shows_its_rows_and_prints_the_same_summary() {
    let cases = filed(25_000);
    // Without a terminal (as every other test runs it): the summary alone.
    let piped = Workdir::sqlite();
    let summary = piped.ok(&["import", path(&piped.write("cases.csv", &cases))]);
    assert!(summary.contains("新增25000件"), "{summary}");

    // On a terminal: `script` gives the program a pseudo-terminal and copies what is drawn on it
    // to its own standard output; the program's standard output goes to a file, as a user's
    // `> file` would. TERM is set so that the terminal is the same whoever runs the tests.
    let dir = Workdir::sqlite();
    dir.write("cases.csv", &cases);
    let line = format!(
        "'{}' --db shenguan.db import cases.csv > summary.txt",
        env!("CARGO_BIN_EXE_shenguan")
    );
    let mut script = program::command(std::path::Path::new("script"), &dir.path);
    script.args(["-q", "-e", "-c", &line, "/dev/null"]);
    script.env("TERM", "xterm");
    let terminal = script.output().expect("run script (util-linux)");
    let drawn = stdout(&terminal);
    assert!(terminal.status.success(), "{drawn}{}", stderr(&terminal));
    // The first phases are drawn at once (the display only slows down a burst of redraws).
    assert!(drawn.contains("读取文件 1/1，已读 0 行"), "{drawn:?}");
    assert!(
        drawn.contains('\x1b'),
        "drawn with escape sequences: {drawn:?}"
    );
    // The summary went to the file, whole, and the same as without a terminal.
    assert!(!drawn.contains("导入完成"), "{drawn:?}");
    let written = std::fs::read_to_string(dir.file("summary.txt")).expect("summary.txt");
    assert_eq!(written, summary);
    // And the store has every case, as the piped import's has.
    assert_eq!(dir.export_cases("out"), piped.export_cases("out"));
}
